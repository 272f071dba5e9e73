"""``tafdesk backup`` and ``tafdesk restore`` run as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

from tests.test_cli import one_line_error, run


def test_backup_then_restore_from_the_command_line(tmp_path: Path) -> None:
    db = tmp_path / "data" / "tafdesk.db"
    db.parent.mkdir()
    assert run("demo", "--db", str(db)).returncode == 0
    r = run("backup", "--db", str(db))
    assert r.returncode == 0, r.stderr
    made = list((db.parent / "backups").glob("tafdesk-*.db"))
    assert len(made) == 1 and "checked" in r.stdout and str(made[0]) in r.stdout
    out = tmp_path / "copy.db"
    assert run("backup", "--db", str(db), "--out", str(out)).returncode == 0

    assert run("import", "--db", str(db), str(tmp_path / "missing.json")).returncode != 0
    exported = tmp_path / "c.json"
    assert run("export", "EH-2026-0001", "--out", str(exported), "--db", str(db)).returncode == 0
    case = json.loads(exported.read_text())
    assert case["case"]["reference"] == "EH-2026-0001"

    bad = tmp_path / "notes.txt"
    bad.write_text("hello")
    assert one_line_error(run("restore", str(bad), "--db", str(db))) == (
        "tafdesk: notes.txt is not an encrypted tafdesk backup.")
    assert "passphrase does not open it" in one_line_error(
        run("restore", str(out), "--db", str(db), passphrase="a different one"))
    assert "does not exist" in one_line_error(run("backup", "--db", str(db), "--out", str(tmp_path / "no" / "b.db")))

    r = run("restore", str(out), "--db", str(db))
    assert r.returncode == 0, r.stderr
    assert "kept, still encrypted" in r.stdout
    assert len(list(db.parent.glob("tafdesk.db.before-restore-*"))) == 1
    events = json.loads(run("audit", "list", "--json", "--db", str(db)).stdout)
    assert events[-1]["action"] == "restore" and "copy.db" in events[-1]["detail"]
    # the export made after the backup is not in the restored log; the backups before it are
    assert [e["action"] for e in events[-3:]] == ["demo", "backup", "restore"]
    assert run("audit", "verify", "--db", str(db)).returncode == 0
