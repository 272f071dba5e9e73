"""Wrong passphrases slow the next try (across restarts); changing the passphrase re-keys the file."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest
from sqlalchemy import text

from tafdesk.models import passphrase as P
from tafdesk.models.errors import StorageError, WrongPassphrase
from tafdesk.models.passphrase import (
    RetryGuard,
    TooSoon,
    check_passphrase,
    delay_after,
    open_counted,
    passphrase_opens,
    tries_path,
)
from tafdesk.models.rekey import change_passphrase
from tafdesk.models.storage import Database, open_database

NEW = "a brand new passphrase"


class FakeTime:
    """A clock that only moves when told to, and a sleep that moves it."""

    def __init__(self, start: float = 1_000_000.0) -> None:
        self.now = start
        self.slept: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def test_delays_double_from_one_second_up_to_thirty() -> None:
    assert [delay_after(n) for n in range(8)] == [0, 1, 2, 4, 8, 16, 30, 30]
    assert delay_after(10_000) == 30


def test_wrong_tries_are_counted_in_a_file_and_survive_a_restart(tmp_db: Database, db_path: Path,
                                                                passphrase: str) -> None:
    t = FakeTime()
    guard = RetryGuard(db_path, clock=t.clock, sleep=t.sleep)
    assert guard.wait_seconds() == 0 and not tries_path(db_path).exists()
    for n, expected in enumerate([1, 2, 4, 8], start=1):
        with pytest.raises(WrongPassphrase, match=f"Try again in {expected} second"):
            check_passphrase(db_path, "not the passphrase", guard)
        assert guard.failures == n
        with pytest.raises(TooSoon, match=f"Try again in {expected} second"):
            check_passphrase(db_path, passphrase, guard)  # even the right one must wait
        t.now += expected
    # A restart: a new guard reads the same counter.
    again = RetryGuard(db_path, clock=t.clock, sleep=t.sleep)
    assert again.failures == 4
    with pytest.raises(WrongPassphrase):
        check_passphrase(db_path, "still not it", again)
    t.now += 5
    later = RetryGuard(db_path, clock=t.clock, sleep=t.sleep)
    assert later.wait_seconds() == pytest.approx(11)  # 16 s after the fifth wrong try
    # The counter holds nothing secret: a count and a time.
    data = json.loads(tries_path(db_path).read_text())
    assert set(data) == {"failures", "last"} and data["failures"] == 5
    assert passphrase not in tries_path(db_path).read_text()
    if os.name == "posix":
        assert tries_path(db_path).stat().st_mode & 0o077 == 0
    # The command line's way: sleep out the wait, then the right passphrase clears the count.
    assert later.wait() == pytest.approx(11) and t.slept == [pytest.approx(11)]
    check_passphrase(db_path, passphrase, later)
    assert later.failures == 0 and not tries_path(db_path).exists()


def test_a_spoiled_counter_or_a_clock_set_back_is_no_shortcut(tmp_db: Database, db_path: Path) -> None:
    t = FakeTime()
    guard = RetryGuard(db_path, clock=t.clock)
    tries_path(db_path).write_text("{not json")
    assert guard.failures == 1 and guard.wait_seconds() == pytest.approx(1)
    guard.failed()
    guard.failed()  # three now: 4 s
    t.now -= 3600  # clock put back an hour
    assert guard.wait_seconds() == pytest.approx(4)


def test_open_counted_counts_and_keeps_the_storage_message(tmp_db: Database, db_path: Path,
                                                           passphrase: str) -> None:
    tmp_db.close()
    t = FakeTime()
    guard = RetryGuard(db_path, clock=t.clock)
    with pytest.raises(WrongPassphrase, match="passphrase is wrong.*Try again in 1 second"):
        open_counted(db_path, "wrong wrong wrong", guard)
    with pytest.raises(TooSoon):
        open_counted(db_path, passphrase, guard)
    t.now += 1
    db = open_counted(db_path, passphrase, guard)
    db.close()
    assert guard.failures == 0


def _rows(db: Database) -> dict[str, str]:
    """A digest of every table's rows, to compare the data before and after."""
    out = {}
    with db.session() as s:
        names = [r[0] for r in s.execute(text(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"))]
        for name in names:
            rows = s.execute(text(f'SELECT * FROM "{name}" ORDER BY rowid')).all()
            out[name] = hashlib.sha256(repr(rows).encode()).hexdigest() + f":{len(rows)}"
    return out


def test_change_passphrase_rekeys_with_a_fresh_salt(demo_db: Database, db_path: Path,
                                                    passphrase: str) -> None:
    before = _rows(demo_db)
    demo_db.close()
    old_header = db_path.read_bytes()[:16]
    counts = change_passphrase(db_path, passphrase, NEW)
    assert counts["cases"] == 1 and counts["people"] > 0
    assert db_path.read_bytes()[:16] != old_header  # a new salt, so a new key for any passphrase
    assert not passphrase_opens(db_path, passphrase)
    with pytest.raises(WrongPassphrase):
        open_database(db_path=db_path, passphrase=passphrase)
    db = open_database(db_path=db_path, passphrase=NEW)
    try:
        assert _rows(db) == before
    finally:
        db.close()
    # Nothing else left in the folder: no copy, no journal, and no plaintext anywhere.
    assert sorted(p.name for p in db_path.parent.iterdir()) == ["tafdesk.db"]
    assert b"SQLite format 3" not in db_path.read_bytes()
    assert b"Carter" not in db_path.read_bytes()
    if os.name == "posix":
        assert db_path.stat().st_mode & 0o077 == 0


def test_change_passphrase_refuses_bad_input_and_changes_nothing(demo_db: Database, db_path: Path,
                                                                 passphrase: str) -> None:
    demo_db.close()
    original = db_path.read_bytes()
    t = FakeTime()
    guard = RetryGuard(db_path, clock=t.clock)
    with pytest.raises(StorageError, match="at least 8"):
        change_passphrase(db_path, passphrase, "short", guard=guard)
    with pytest.raises(StorageError, match="same as the current"):
        change_passphrase(db_path, passphrase, passphrase, guard=guard)
    with pytest.raises(WrongPassphrase, match="Try again in 1 second"):
        change_passphrase(db_path, "not the passphrase", NEW, guard=guard)
    with pytest.raises(TooSoon):
        change_passphrase(db_path, passphrase, NEW, guard=guard)
    assert db_path.read_bytes() == original
    assert sorted(p.name for p in db_path.parent.iterdir()) == ["tafdesk.db", "tafdesk.db.tries"]


def test_change_passphrase_refuses_while_the_file_is_open_elsewhere(demo_db: Database, db_path: Path,
                                                                    passphrase: str) -> None:
    with demo_db.session() as s:  # another program holding the file open in WAL mode
        s.execute(text("SELECT count(*) FROM cases")).scalar()
        with pytest.raises(StorageError, match="open in another"):
            change_passphrase(db_path, passphrase, NEW)
    assert passphrase_opens(db_path, passphrase)
    assert not (db_path.parent / "tafdesk.db.rekey").exists()


def test_module_clock_and_sleep_are_the_defaults(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    t = FakeTime()
    monkeypatch.setattr(P, "CLOCK", t.clock)
    monkeypatch.setattr(P, "SLEEP", t.sleep)
    guard = RetryGuard(tmp_path / "x.db")
    guard.failed()
    guard.failed()
    assert guard.wait() == 2 and t.slept == [2]


def test_the_idle_lock_time_is_a_setting(tmp_path: Path) -> None:
    from tafdesk.models.settings import SettingsError, load_settings, settings_toml

    path = tmp_path / "settings.toml"
    path.write_text(settings_toml(), encoding="utf-8")
    assert load_settings(path).idle_lock_minutes == 5
    path.write_text("idle_lock_minutes = 2\n", encoding="utf-8")
    assert load_settings(path).idle_lock_minutes == 2
    path.write_text("idle_lock_minutes = 0\n", encoding="utf-8")
    with pytest.raises(SettingsError, match="idle_lock_minutes"):
        load_settings(path)
