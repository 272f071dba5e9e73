"""``tafdesk audit verify`` and ``tafdesk audit list``, and what the other commands leave in the log."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import text

from tafdesk.models.storage import open_database
from tests.test_cli import PASS, one_line_error, run


def test_commands_leave_who_when_what_and_verify_finds_a_broken_link(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    assert run("demo", "--db", str(db)).returncode == 0
    assert run("render", "EH-2026-0001", "--doc", "assessment", "--out", str(tmp_path / "a.pdf"),
               "--db", str(db)).returncode == 0
    assert run("export", "EH-2026-0001", "--out", str(tmp_path / "c.json"), "--db", str(db)).returncode == 0
    assert run("deadlines", "EH-2026-0001", "--db", str(db)).returncode == 0

    listed = run("audit", "list", "EH-2026-0001", "--json", "--db", str(db))
    assert listed.returncode == 0, listed.stderr
    events = json.loads(listed.stdout)
    assert [e["action"] for e in events[-4:]] == ["render", "issue", "export", "open"]  # issue: the ledger
    assert events[-4]["detail"].startswith("assessment") and events[-1]["detail"] == "deadlines"
    assert all(e["user"] and e["at"] and e["case"] == "EH-2026-0001" for e in events)
    lines = run("audit", "list", "--last", "2", "--db", str(db)).stdout.splitlines()
    assert [ln.split("\t")[3] for ln in lines] == ["export", "open"]

    ok = run("audit", "verify", "--db", str(db))
    assert ok.returncode == 0 and f"{events[-1]['seq']} events; the chain is intact" in ok.stdout

    database = open_database(db_path=db, passphrase=PASS)
    with database.engine.begin() as con:
        con.execute(text("UPDATE audit_events SET user = 'someone else' WHERE seq = 5"))
    database.close()
    broken = run("audit", "verify", "--db", str(db))
    assert broken.returncode == 3
    assert broken.stdout.startswith(f"{events[-1]['seq']} events; the chain is BROKEN at event 5:")


def test_audit_usage_errors_are_one_line(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    assert run("demo", "--db", str(db)).returncode == 0
    assert "audit verify" in one_line_error(run("audit", "--db", str(db)))
    assert "EH-2099-0001" in one_line_error(run("audit", "list", "EH-2099-0001", "--db", str(db)))
    assert "--last" in one_line_error(run("audit", "list", "--last", "0", "--db", str(db)))
