"""``tafdesk deadlines`` run as a user runs it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.test_cli import one_line_error, run


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("deadlines") / "a.db"
    assert run("demo", "--db", str(db)).returncode == 0
    return db


def test_one_case_lines_and_json(demo: Path) -> None:
    r = run("deadlines", "EH-2026-0001", "--db", str(demo), "--today", "2026-12-01")
    assert r.returncode == 0, r.stderr
    lines = [ln.split("\t") for ln in r.stdout.strip().splitlines()]
    steps = {ln[1]: ln for ln in lines}
    assert steps["visit"][2:4] == ["2026-11-19", "overdue"]
    assert steps["visit"][4] == "Late: due 19 Nov 2026, 8 working days ago"
    assert steps["review"][2:4] == ["2026-12-31", "due"]
    data = json.loads(run("deadlines", "EH-2026-0001", "--db", str(demo), "--today", "2026-12-01",
                          "--json").stdout)
    assert data["reference"] == "EH-2026-0001"
    first_visit = next(d for d in data["deadlines"] if d["step"] == "first_visit")
    assert first_visit == {
        "step": "first_visit", "title": "Introductory visit", "due_on": "2026-09-15", "state": "done",
        "done_on": "2026-09-10", "late_by_working_days": 0,
        "summary": "Done 10 Sep 2026 (due 15 Sep 2026)", "reason": "5 working days from allocation on 08 Sep 2026."}


def test_every_open_case_by_urgency(demo: Path) -> None:
    r = run("deadlines", "--db", str(demo), "--today", "2026-12-28", "--json")
    rows = json.loads(r.stdout)
    assert [(x["bucket"], x["step"]) for x in rows] == [
        ("overdue", "supervision"), ("overdue", "visit"), ("this_week", "review")]  # Thu 31 Dec
    r = run("deadlines", "--db", str(demo), "--today", "2026-12-28", "--lead", "sarah whitfield")
    assert r.stdout.splitlines()[0].startswith("Overdue\tEH-2026-0001\tCarter-Nowak\tNext supervision")
    assert run("deadlines", "--db", str(demo), "--today", "2026-12-28", "--lead", "Nobody Here",
               ).returncode == 1


def test_bad_input_is_one_line(demo: Path, tmp_path: Path) -> None:
    assert "YYYY-MM-DD" in one_line_error(run("deadlines", "--db", str(demo), "--today", "28/12/2026"))
    assert "no case" in one_line_error(run("deadlines", "EH-1900-0001", "--db", str(demo)))
    bad = tmp_path / "settings.toml"
    bad.write_text('[timescales]\nvisits = { amount = 10, unit = "fortnights" }\n')
    line = one_line_error(run("deadlines", "--db", str(demo), "--settings", str(bad)))
    assert "timescales.visits.unit" in line
    line = one_line_error(run("deadlines", "--db", str(demo), env={"TAFDESK_SETTINGS": str(bad)}))
    assert str(bad) in line
