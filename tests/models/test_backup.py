"""Encrypted backups: made while the database is in use, checked, restored, rotated daily."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
import threading
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from tafdesk.models.backup import (
    NotABackup,
    auto_backup,
    check_backup,
    daily_backups,
    in_use,
    make_backup,
    restore_backup,
)
from tafdesk.models.errors import StorageError
from tafdesk.models.orm import Person
from tafdesk.models.services import audit, people
from tafdesk.models.storage import Database, open_database, open_encrypted

SENTINEL = "Zyxwvut-Backup-Sentinel"
HOLD_OPEN = (  # another process with the database open, as the app would have it
    "import sys; from pathlib import Path; from tafdesk.models.storage import open_encrypted;"
    "db = open_encrypted(Path(sys.argv[1]), sys.argv[2]); c = db.engine.connect();"
    "c.exec_driver_sql('SELECT count(*) FROM cases'); print('open', flush=True); sys.stdin.read()"
)


def _count(db: Database, model: type) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


def _total_rows(db: Database) -> int:
    with db.engine.connect() as con:
        names = con.execute(text("SELECT name FROM sqlite_master WHERE type = 'table' "
                                 "AND name NOT LIKE 'sqlite_%'")).scalars().all()
        return sum(con.execute(text(f'SELECT count(*) FROM "{n}"')).scalar() or 0 for n in names)


def _add_sentinel(db: Database, case_id: str) -> None:
    with db.session() as s:
        people.add_person(s, case_id, {"given_name": SENTINEL, "family_name": "Carter", "kind": "child"},
                          user="t")


def test_a_backup_opens_with_the_passphrase_and_holds_every_row_encrypted(
        demo_db: Database, demo_case_id: str, tmp_path: Path, passphrase: str) -> None:
    _add_sentinel(demo_db, demo_case_id)
    out = tmp_path / "copy.db"
    check = make_backup(demo_db, out)
    assert check.rows > 100 and check.tables > 30
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    data = out.read_bytes()
    assert SENTINEL.encode() not in data and b"Nowak" not in data and not data.startswith(b"SQLite format 3")
    with pytest.raises(sqlite3.DatabaseError):  # plain SQLite cannot read it
        sqlite3.connect(out).execute("SELECT count(*) FROM sqlite_master").fetchone()
    copy = open_encrypted(out, passphrase)
    try:
        with copy.session() as s:
            assert s.scalar(select(Person.id).where(Person.given_name == SENTINEL)) is not None
            assert audit.verify_chain(s).ok
        with copy.engine.connect() as con:
            assert con.execute(text("PRAGMA integrity_check")).scalar() == "ok"
    finally:
        copy.close()
    assert check_backup(out, passphrase).rows == check.rows == _total_rows(demo_db)
    assert not list(tmp_path.glob(".*.part"))


def test_a_backup_made_while_someone_saves_is_consistent(demo_db: Database, demo_case_id: str,
                                                         tmp_path: Path, passphrase: str) -> None:
    stop = threading.Event()

    def keep_saving() -> None:
        n = 0
        while not stop.is_set():
            with demo_db.session() as s:
                audit.record_event(s, user="busy", action="open", case_id=demo_case_id, detail=str(n))
            n += 1

    writer = threading.Thread(target=keep_saving)
    writer.start()
    try:
        checks = [make_backup(demo_db, tmp_path / f"b{i}.db") for i in range(4)]
    finally:
        stop.set()
        writer.join()
    for i, check in enumerate(checks):
        copy = open_encrypted(tmp_path / f"b{i}.db", passphrase)
        try:
            with copy.session() as s:
                assert audit.verify_chain(s).ok  # a whole chain: one committed moment, not a torn copy
        finally:
            copy.close()
        assert check_backup(tmp_path / f"b{i}.db", passphrase).rows == check.rows


def test_a_backup_is_not_written_over_the_database_or_into_a_missing_folder(demo_db: Database,
                                                                            tmp_path: Path) -> None:
    with pytest.raises(StorageError, match="over the database"):
        make_backup(demo_db, Path(demo_db.location))
    with pytest.raises(StorageError, match="does not exist"):
        make_backup(demo_db, tmp_path / "nope" / "b.db")


@pytest.mark.parametrize("kind", ["empty", "text", "plain sqlite", "other encrypted", "truncated", "flipped byte",
                                  "wrong passphrase", "directory"])
def test_restore_refuses_what_is_not_a_good_backup_and_changes_nothing(
        demo_db: Database, demo_case_id: str, tmp_path: Path, passphrase: str, kind: str) -> None:
    good = tmp_path / "good.db"
    make_backup(demo_db, good)
    live = Path(demo_db.location)
    bad = tmp_path / "bad.db"
    use = passphrase
    if kind == "empty":
        bad.write_bytes(b"")
    elif kind == "text":
        bad.write_text("not a backup at all, just some words\n" * 10)
    elif kind == "plain sqlite":
        sqlite3.connect(bad).execute("CREATE TABLE cases (id)").connection.commit()
    elif kind == "other encrypted":
        other = open_encrypted(bad, passphrase, create=True)
        with other.engine.begin() as con:
            con.execute(text("CREATE TABLE notes (x)"))
        other.close()
    elif kind == "truncated":
        bad.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    elif kind == "flipped byte":
        data = bytearray(good.read_bytes())
        data[len(data) // 2] ^= 0x40
        bad.write_bytes(bytes(data))
    elif kind == "wrong passphrase":
        bad = good
        use = "another passphrase"
    elif kind == "directory":
        bad.mkdir()
    demo_db.close()
    before = live.read_bytes()
    with pytest.raises(NotABackup) as info:
        restore_backup(bad, use, live)
    message = str(info.value)
    assert "\n" not in message and bad.name in message
    assert live.read_bytes() == before
    assert not list(live.parent.glob("*.before-restore-*")) and not list(live.parent.glob(".*.part"))


def test_restore_keeps_the_current_database_aside_and_replaces_it(
        demo_db: Database, demo_case_id: str, tmp_path: Path, passphrase: str) -> None:
    good = tmp_path / "good.db"
    make_backup(demo_db, good)
    _add_sentinel(demo_db, demo_case_id)  # made after the backup: gone after restoring, kept aside
    live = Path(demo_db.location)
    demo_db.close()
    done = restore_backup(good, passphrase, live)
    assert done.previous is not None and done.previous.exists()
    assert stat.S_IMODE(done.previous.stat().st_mode) == 0o600
    restored = open_database(db_path=live, passphrase=passphrase)
    aside = open_encrypted(done.previous, passphrase)
    try:
        with restored.session() as s:
            assert s.scalar(select(Person.id).where(Person.given_name == SENTINEL)) is None
            assert audit.verify_chain(s).ok
        with aside.session() as s:
            assert s.scalar(select(Person.id).where(Person.given_name == SENTINEL)) is not None
    finally:
        restored.close()
        aside.close()


def test_restore_is_refused_while_the_app_has_the_database_open(demo_db: Database, tmp_path: Path,
                                                                passphrase: str) -> None:
    good = tmp_path / "good.db"
    make_backup(demo_db, good)
    live = Path(demo_db.location)
    demo_db.close()
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_OPEN, str(live), passphrase],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        env=dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[2])))
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        assert in_use(live)
        before = live.read_bytes()
        with pytest.raises(StorageError, match="close it"):
            restore_backup(good, passphrase, live)
        assert live.read_bytes() == before
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(timeout=20)
        if holder.stdout is not None:
            holder.stdout.close()
    assert not in_use(live)


def test_daily_backups_once_a_day_the_newest_seven_never_plaintext(
        demo_db: Database, demo_case_id: str, passphrase: str) -> None:
    _add_sentinel(demo_db, demo_case_id)
    first = date(2026, 11, 1)
    folder = Path(demo_db.location).parent / "backups"
    made = [auto_backup(demo_db, today=first + timedelta(days=i)) for i in range(10)]
    assert all(made)
    assert auto_backup(demo_db, today=first + timedelta(days=9)) is None  # once a day
    (folder / ".tafdesk-2026-11-10.db.dead.part").write_bytes(b"left by a crash")
    auto_backup(demo_db, today=first + timedelta(days=10))
    kept = daily_backups(folder)
    assert [d for d, _p in kept] == [first + timedelta(days=i) for i in range(4, 11)]
    assert not list(folder.glob(".*.part"))
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    for _d, p in kept:
        assert stat.S_IMODE(p.stat().st_mode) == 0o600
        assert SENTINEL.encode() not in p.read_bytes()
    newest = open_encrypted(kept[-1][1], passphrase)
    try:
        with newest.session() as s:
            assert s.scalar(select(Person.id).where(Person.given_name == SENTINEL)) is not None
    finally:
        newest.close()
    assert check_backup(kept[-1][1], passphrase).rows == _total_rows(demo_db)
