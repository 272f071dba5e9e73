"""``tafdesk render`` records what it wrote in the case's document ledger, and large print."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tafdesk.models.services.cases import get_case
from tafdesk.models.services.ledger import fingerprint, ledger_of
from tafdesk.models.storage import open_database
from tests.test_cli import PASS, one_line_error, run


def _ledger(db: Path):  # type: ignore[no-untyped-def]
    database = open_database(db_path=db, passphrase=PASS)
    try:
        with database.session() as s:
            return ledger_of(s, get_case(s, "EH-2026-0001").id)
    finally:
        database.close()


def test_render_records_the_document_for_whom_and_how(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    assert run("demo", "--db", str(db)).returncode == 0
    out = tmp_path / "plan.pdf"
    done = run("render", "EH-2026-0001", "--doc", "plan", "--lang", "pl", "--for", "Agnieszka",
               "--given-how", "post", "--large-print", "--out", str(out), "--db", str(db))
    assert done.returncode == 0, done.stderr
    assert "recorded in the document ledger (posted)" in done.stdout
    [row] = _ledger(db)
    assert (row.doc_type, row.language, row.method, row.for_whom) == ("plan", "pl", "post", "Agnieszka Nowak")
    assert row.sha256 == fingerprint(out.read_bytes()) and row.doc_version.startswith("v2 agreed")

    minutes = tmp_path / "m.pdf"
    assert run("render", "EH-2026-0001", "--doc", "minutes", "--meeting", "1", "--family-copy", "--recipient",
               "School nurse", "--out", str(minutes), "--db", str(db)).returncode == 0
    rows = _ledger(db)
    assert len(rows) == 2
    m = next(r for r in rows if r.doc_type.startswith("minutes"))
    assert (m.doc_type, m.method, m.for_whom) == ("minutes:family-copy", "not_given", "School nurse")


def test_large_print_makes_the_text_larger(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    assert run("demo", "--db", str(db)).returncode == 0
    sizes = {}
    for name, extra in (("normal", []), ("large", ["--large-print"])):
        out = tmp_path / f"{name}.pdf"
        assert run("render", "EH-2026-0001", "--doc", "assessment", "--family-copy", *extra, "--out", str(out),
                   "--db", str(db)).returncode == 0
        info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True).stdout
        sizes[name] = int(next(ln.split()[-1] for ln in info.splitlines() if ln.startswith("Pages:")))
        text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
        assert "Maja" in text
    assert sizes["large"] > sizes["normal"] * 1.4  # the same words need far more pages


def test_render_refuses_an_unknown_person_and_writes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    assert run("demo", "--db", str(db)).returncode == 0
    out = tmp_path / "plan.pdf"
    msg = one_line_error(run("render", "EH-2026-0001", "--doc", "plan", "--for", "Nobody", "--out", str(out),
                             "--db", str(db)))
    assert "Nobody" in msg and "Maja" in msg
    assert not out.exists() and _ledger(db) == []
    assert "--given-how" in one_line_error(run("render", "EH-2026-0001", "--doc", "plan", "--given-how", "pigeon",
                                               "--out", str(out), "--db", str(db)))
