"""The command line, run as a user runs it: a real process, real files, one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from tafdesk.models.orm import Case
from tafdesk.models.services.ledger import ledger_of
from tafdesk.models.storage import open_database

PASS = "correct horse battery"


def run(*args: str, env: dict[str, str] | None = None, passphrase: str | None = PASS) -> subprocess.CompletedProcess[str]:
    e = {k: v for k, v in os.environ.items() if not k.startswith("TAFDESK_")}
    if passphrase is not None:
        e["TAFDESK_PASSPHRASE"] = passphrase
    e.update(env or {})
    return subprocess.run([sys.executable, "-m", "tafdesk", *args], capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, env=e, timeout=120)


def one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("tafdesk: ")
    return lines[0]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("cli") / "a.db"
    r = run("demo", "--db", str(db))
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("EH-")
    return db


def test_help_lists_the_commands() -> None:
    r = run("--help", passphrase=None)
    assert r.returncode == 0
    for cmd in ("demo", "cases", "export", "import", "--db"):
        assert cmd in r.stdout


def test_cases_lines_and_json(demo: Path) -> None:
    r = run("cases", "--db", str(demo))
    assert r.returncode == 0, r.stderr
    (line,) = r.stdout.strip().splitlines()
    assert line.split("\t")[:3] == ["EH-2026-0001", "Carter-Nowak", "open"]
    r = run("--db", str(demo), "cases", "--json")  # --db before the command works too
    data = json.loads(r.stdout)
    assert data[0]["reference"] == "EH-2026-0001" and data[0]["lead_professional"] == "Sarah Whitfield"
    assert json.loads(run("cases", "--db", str(demo), "--json", "--search", "zzz").stdout) == []


def test_export_then_import_elsewhere_and_again(demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "case.json"
    r = run("export", "EH-2026-0001", "--db", str(demo), "--out", str(out))
    assert r.returncode == 0, r.stderr
    assert oct(out.stat().st_mode & 0o777) == "0o600"
    other = tmp_path / "b.db"
    r = run("import", str(out), "--db", str(other))
    assert r.returncode == 0 and r.stdout.startswith("EH-2026-0001"), r.stderr
    again = tmp_path / "again.json"
    assert run("export", "EH-2026-0001", "--db", str(other), "--out", str(again)).returncode == 0
    assert again.read_bytes() == out.read_bytes()
    assert "already in this database" in one_line_error(run("import", str(out), "--db", str(other)))


def test_bad_file_leaves_no_database_behind(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "tafdesk.case", "format_version": 1, "case": {', encoding="utf-8")
    db = tmp_path / "new.db"
    assert "not valid JSON" in one_line_error(run("import", str(bad), "--db", str(db)))
    assert not db.exists()
    assert "Could not read" in one_line_error(run("import", str(tmp_path / "missing.json"), "--db", str(db)))


def test_errors_are_one_line(demo: Path, tmp_path: Path) -> None:
    assert "passphrase is wrong" in one_line_error(run("cases", "--db", str(demo), passphrase="not the right one"))
    assert "No passphrase" in one_line_error(run("cases", "--db", str(demo), passphrase=None))
    assert "No database" in one_line_error(run("cases", "--db", str(tmp_path / "none.db")))
    assert "no case" in one_line_error(run("export", "EH-1900-0001", "--db", str(demo), "--out", str(tmp_path / "x")))
    assert "does not exist" in one_line_error(
        run("export", "EH-2026-0001", "--db", str(demo), "--out", str(tmp_path / "no" / "x.json")))
    usage = run("frobnicate", passphrase=None)
    assert usage.returncode == 2 and "invalid choice" in one_line_error(usage)


def test_app_without_a_display_says_so() -> None:
    r = run(env={"DISPLAY": "", "WAYLAND_DISPLAY": "", "QT_QPA_PLATFORM": ""}, passphrase=None)
    assert "No display" in one_line_error(r)


def test_render_refuses_an_unknown_document(demo: Path, tmp_path: Path) -> None:
    line = one_line_error(run("render", "EH-2026-0001", "--db", str(demo), "--doc", "horoscope",
                              "--out", str(tmp_path / "x.pdf")))
    assert "no document called 'horoscope'" in line


def test_render_plan_and_minutes_and_the_meeting_pack(demo: Path, tmp_path: Path) -> None:
    r = run("render", "EH-2026-0001", "--db", str(demo), "--doc", "plan", "--out", str(tmp_path / "plan.pdf"))
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "plan.pdf").read_bytes().startswith(b"%PDF")
    assert "does not apply to the family plan" in one_line_error(
        run("render", "EH-2026-0001", "--db", str(demo), "--doc", "plan", "--family-copy",
            "--out", str(tmp_path / "x.pdf")))
    assert "no meeting 9" in one_line_error(
        run("render", "EH-2026-0001", "--db", str(demo), "--doc", "minutes", "--meeting", "9",
            "--out", str(tmp_path / "x.pdf")))
    r = run("meeting-pack", "EH-2026-0001", "--db", str(demo), "--meeting", "2", "--out", str(tmp_path))
    assert r.returncode == 0, r.stderr
    names = sorted(line.split("\t")[0] for line in r.stdout.splitlines())
    assert names == ["EH-2026-0001-2026-11-19-dates.ics", "EH-2026-0001-2026-11-19-minutes-family.pdf",
                     "EH-2026-0001-2026-11-19-minutes.pdf", "EH-2026-0001-2026-11-19-plan-v2.pdf",
                     "EH-2026-0001-2026-11-19-to-professionals.eml"]
    ics = (tmp_path / names[0]).read_text(encoding="utf-8")
    assert ics.count("BEGIN:VEVENT") == 7  # the next review and six open actions
    eml = (tmp_path / names[-1]).read_bytes()
    assert b"X-Unsent: 1" in eml and b"s.whitfield@riverside-academy.example.org" in eml
    db = open_database(db_path=demo, passphrase=PASS)
    try:
        with db.session() as s:
            case_id = s.scalar(select(Case.id).where(Case.reference == "EH-2026-0001"))
            recorded = {(r.doc_type, r.doc_version) for r in ledger_of(s, case_id)}
    finally:
        db.close()
    assert {("minutes", "meeting 2 2026-11-19"), ("minutes:family-copy", "meeting 2 2026-11-19"),
            ("plan", "v2 agreed 2026-11-19")} <= recorded  # the pack's PDFs are in the ledger


def test_render_refuses_an_unknown_language(demo: Path, tmp_path: Path) -> None:
    line = one_line_error(run("render", "EH-2026-0001", "--db", str(demo), "--doc", "plan", "--lang", "tlh",
                              "--out", str(tmp_path / "x.pdf")))
    assert "no catalogue for the language 'tlh'" in line and "en" in line


def test_a_reader_that_stops_early_is_not_an_error() -> None:
    """`tafdesk schema | head` must not end with an 'unexpected error' about the closed pipe."""
    # Popen and close, not a shell pipeline: head may have read everything before it exits.
    proc = subprocess.Popen([sys.executable, "-m", "tafdesk", "schema"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # gone before tafdesk has imported what it needs and written a byte
    err = proc.stderr.read().decode()
    proc.stderr.close()
    assert proc.wait(timeout=60) == 0, err
    assert "unexpected" not in err and "Traceback" not in err, err
