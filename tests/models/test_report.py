"""The manager's report over generated cases and the demo family; the PDF and CSV files."""

from __future__ import annotations

import csv
import sys
from datetime import date
from pathlib import Path

import pytest

from tafdesk.models.report import csv_tables, manager_report
from tafdesk.models.storage import Database

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))


def test_demo_family_report(demo_db: Database) -> None:
    with demo_db.session() as s:
        r = manager_report(s, date(2026, 9, 1), date(2026, 11, 30), today=date(2026, 12, 1))
    head = dict(r.headline)
    assert head["Requests received"] == "1"
    assert head["Families improving on their scaling scores"] == "1 of 1 (100%)"
    sections = {x.key: x for x in r.sections}
    assert sections["requests_by_source"].rows == [["School", 1, "100%"]]
    timely = {row[0]: row for row in sections["timeliness"].rows}
    assert timely["Introductory visit"][1:4] == [1, 1, "100%"]
    assert timely["Assessment completed and authorised"][1:4] == [1, 1, "100%"]
    assert sections["caseloads"].rows == [["Sarah Whitfield", 1]]
    regular = {row[0]: row for row in sections["regularity"].rows}
    assert regular["Visits (every 10 working days)"][3] == 1  # last visit 5 Nov: overdue by 30 Nov
    attendance = {row[0]: row[1] for row in sections["attendance"].rows}
    assert attendance == {"Present": 8, "Report sent": 1, "Apologies": 3}
    assert sections["open_closed_by_month"].rows[0] == ["Sep 2026", 1, 0]
    ages = {row[0]: row[1] for row in sections["children_by_age"].rows}
    assert ages == {"0-4": 1, "5-10": 1, "11-15": 1}
    with demo_db.session() as s:
        other = manager_report(s, date(2026, 9, 1), date(2026, 11, 30), team="Nowhere Agency")
    assert dict(other.headline)["Requests received"] == "0"


def test_generated_cases_give_every_section(tmp_db: Database, tmp_path: Path) -> None:
    from bench.generate import generate_cases

    with tmp_db.session() as s:
        generate_cases(s, 300, casework=True)
    with tmp_db.session() as s:
        r = manager_report(s, date(2026, 1, 1), date(2026, 10, 31), today=date(2026, 11, 1))
    sections = {x.key: x for x in r.sections}
    assert all(sections[k].rows for k in ("requests_by_source", "timeliness", "caseloads", "attendance",
                                           "endings", "feedback", "children_by_age"))
    received = int(dict(r.headline)["Requests received"])
    assert sum(row[1] for row in sections["requests_by_source"].rows) == received
    for row in sections["timeliness"].rows:  # each request counted once per step
        assert row[1] == row[2] + row[4] and row[1] + row[5] + row[6] <= received
    tables = dict(csv_tables(r))
    assert tables["timeliness"][0][0] == "Step" and tables["summary"][1][0] == "Requests received"

    from tafdesk.documents.report import render_report
    from tests.documents.test_base import pdf_text

    text = " ".join(pdf_text(render_report(r), tmp_path).split())
    for words in ("Early help: manager's report", "Timeliness against each target", "Caseloads",
                  "Cases opened and closed each month", "What families said", "OFFICIAL-SENSITIVE"):
        assert words in text, words


@pytest.mark.slow
def test_report_command_writes_pdf_and_csv(tmp_path: Path) -> None:
    from tests.test_cli import one_line_error, run

    db = tmp_path / "a.db"
    assert run("demo", "--db", str(db)).returncode == 0
    (tmp_path / "csv").mkdir()
    r = run("report", "--db", str(db), "--from", "2026-09-01", "--to", "2026-11-30", "--out",
            str(tmp_path / "r.pdf"), "--csv", str(tmp_path / "csv"))
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")
    with open(tmp_path / "csv" / "requests_by_source.csv", newline="") as fh:
        assert list(csv.reader(fh)) == [["Source", "Requests", "Share"], ["School", "1", "100%"]]
    assert oct((tmp_path / "csv" / "summary.csv").stat().st_mode & 0o777) == "0o600"
    assert "before --from" in one_line_error(run("report", "--db", str(db), "--from", "2026-09-01", "--to",
                                                 "2026-08-01", "--out", str(tmp_path / "x.pdf")))
    assert "Say where" in one_line_error(run("report", "--db", str(db), "--from", "2026-09-01", "--to",
                                             "2026-10-01"))
    assert "does not exist" in one_line_error(run("report", "--db", str(db), "--from", "2026-09-01", "--to",
                                                  "2026-10-01", "--csv", str(tmp_path / "nope")))
