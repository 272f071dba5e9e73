"""Checking the passphrase of the encrypted database, and slowing down wrong guesses.

The passphrase itself is never stored. Checking it derives the key exactly as opening does
(argon2id over the file's own SQLCipher salt, ``storage.derive_key``) and tries to read the file
with it. After each wrong passphrase the next try must wait longer (1, 2, 4, 8 ... seconds, at
most 30), on top of the argon2 cost of each try. The count of wrong tries is kept in a small,
non-secret file next to the database, so quitting and starting again does not reset it; a right
passphrase clears it.

Every front end (the unlock dialog, unlocking after the idle lock, the command line) goes through
``RetryGuard``; the clock and the sleep are passed in, so tests never wait.
"""

from __future__ import annotations

import json
import math
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import StorageError, WrongPassphrase
from .storage import SALT_BYTES, database_exists, derive_key

MAX_DELAY_S = 30.0
TRIES_SUFFIX = ".tries"

Clock = Callable[[], float]
# The real clock and sleep; tests replace these (or pass their own to RetryGuard), never wait.
CLOCK: Clock = time.time
SLEEP: Callable[[float], None] = time.sleep


def delay_after(failures: int) -> float:
    """Seconds to wait before the next try after ``failures`` wrong passphrases in a row."""
    if failures <= 0:
        return 0.0
    return float(min(MAX_DELAY_S, 2 ** min(failures - 1, 16)))


def wait_words(seconds: float) -> str:
    n = max(1, math.ceil(seconds))
    return f"{n} second{'s' if n != 1 else ''}"


class TooSoon(StorageError):
    """A passphrase was offered before the wait after wrong ones was over."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        super().__init__(wrong_message(seconds, TOO_MANY_TEXT))


WRONG_TEXT = "That passphrase is not right. Check Caps Lock and the keyboard layout."
TOO_MANY_TEXT = "Too many wrong passphrases."


def wrong_message(wait: float, reason: str = WRONG_TEXT) -> str:
    """``reason``, then how long to wait, if at all."""
    return f"{reason} Try again in {wait_words(wait)}." if wait > 0 else reason


def tries_path(db_path: Path) -> Path:
    return Path(db_path).with_name(Path(db_path).name + TRIES_SUFFIX)


@dataclass
class RetryGuard:
    """The wrong-passphrase counter of one database file, kept in ``<database>.tries``.

    The file holds only a count and a time; it is written atomically, so a crash leaves the old
    count or the new one. Wall-clock time is used because the wait must survive a restart; a
    clock set backwards never makes the wait longer than the delay itself.
    """

    db_path: Path
    clock: Clock | None = None
    sleep: Callable[[float], None] | None = None

    def __post_init__(self) -> None:
        self.db_path = Path(self.db_path)
        self.clock = self.clock or CLOCK
        self.sleep = self.sleep or SLEEP

    def _now(self) -> float:
        assert self.clock is not None
        return self.clock()

    @property
    def path(self) -> Path:
        return tries_path(self.db_path)

    def _read(self) -> tuple[int, float]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            return max(0, int(data["failures"])), float(data["last"])
        except FileNotFoundError:
            return 0, 0.0
        except (OSError, ValueError, KeyError, TypeError):
            # A spoiled counter counts as one wrong try, so spoiling it is no quicker than waiting.
            return 1, self._now()

    @property
    def failures(self) -> int:
        return self._read()[0]

    def wait_seconds(self) -> float:
        """How long before the next passphrase may be tried (0 = now)."""
        failures, last = self._read()
        delay = delay_after(failures)
        if delay <= 0:
            return 0.0
        return max(0.0, min(delay, last + delay - self._now()))

    def check(self) -> None:
        """Raise ``TooSoon`` if a passphrase may not be tried yet."""
        wait = self.wait_seconds()
        if wait > 0:
            raise TooSoon(wait)

    def wait(self, say: Callable[[str], None] | None = None) -> float:
        """Sleep until a passphrase may be tried (the command line's way); seconds slept."""
        wait = self.wait_seconds()
        if wait > 0:
            if say is not None:
                say(f"Too many wrong passphrases: waiting {wait_words(wait)} before trying.")
            assert self.sleep is not None
            self.sleep(wait)
        return wait

    def failed(self) -> float:
        """Count one wrong passphrase; the wait that now applies, in seconds."""
        failures = self._read()[0] + 1
        self._write(failures, self._now())
        return delay_after(failures)

    def succeeded(self) -> None:
        try:
            self.path.unlink()
        except FileNotFoundError:
            pass
        except OSError:
            self._write(0, self._now())

    def _write(self, failures: int, last: float) -> None:
        path = self.path
        if not path.parent.is_dir():
            return  # no database folder: nothing to protect
        tmp = path.with_name(path.name + ".part")
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump({"failures": failures, "last": last}, fh)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, path)
        except OSError:
            pass  # a read-only folder must not stop the user; the argon2 cost still applies


def read_salt(path: Path) -> bytes:
    path = Path(path)
    if not database_exists(path):
        raise StorageError(f"No database at {path}.")
    with open(path, "rb") as fh:
        salt = fh.read(SALT_BYTES)
    if len(salt) < SALT_BYTES:
        raise StorageError(f"{path} is not a tafdesk database (too short).")
    return salt


def raw_key(passphrase: str, salt: bytes) -> str:
    """SQLCipher's raw key with explicit salt, as hex (what goes inside ``x'...'``)."""
    return derive_key(passphrase, salt).hex() + salt.hex()


def connect_raw(path: Path, raw_key_hex: str) -> Any:
    """A bare SQLCipher connection opened with a raw key; raises ``WrongPassphrase``."""
    import sqlcipher3

    con = sqlcipher3.dbapi2.connect(str(path), timeout=10)
    try:
        con.execute("PRAGMA cipher_log_level = NONE")
        con.execute(f"PRAGMA key = \"x'{raw_key_hex}'\"")
        con.execute("PRAGMA cipher_memory_security = ON")
        con.execute("PRAGMA temp_store = MEMORY")
        con.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher3.dbapi2.DatabaseError as exc:
        con.close()
        if "not a database" in str(exc):
            raise WrongPassphrase("That passphrase is not right.") from None
        raise StorageError(f"Could not open {path}: {exc}") from None
    return con


def passphrase_opens(path: Path, passphrase: str) -> bool:
    """Whether ``passphrase`` opens the database file (not counted; see ``check_passphrase``)."""
    try:
        connect_raw(path, raw_key(passphrase, read_salt(path))).close()
    except WrongPassphrase:
        return False
    return True


def check_passphrase(path: Path, passphrase: str, guard: RetryGuard | None = None) -> None:
    """Raise ``TooSoon`` or ``WrongPassphrase`` unless ``passphrase`` opens the file; counts tries."""
    guard = guard or RetryGuard(Path(path))
    guard.check()
    if not passphrase_opens(path, passphrase):
        raise WrongPassphrase(wrong_message(guard.failed()))
    guard.succeeded()


def open_counted(path: Path, passphrase: str, guard: RetryGuard,
                 opener: Callable[..., Any] | None = None) -> Any:
    """Open the database as ``opener`` (default ``storage.open_database``) does, counting tries:
    ``TooSoon`` before the wait is over, ``WrongPassphrase`` (saying the new wait) if wrong."""
    from .storage import open_database

    guard.check()
    try:
        db = (opener or open_database)(db_path=Path(path), passphrase=passphrase)
    except WrongPassphrase as exc:
        wait = guard.failed()
        raise WrongPassphrase(f"{exc} Try again in {wait_words(wait)}." if wait else str(exc)) from None
    guard.succeeded()
    return db
