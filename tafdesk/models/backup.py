"""Encrypted backups of the case database: make one, check it, restore it, keep a daily few.

How a copy is made: the open (keyed) connection ATTACHes the new file without a KEY clause, so
SQLCipher gives it the very same raw key and file salt, and ``sqlcipher_export`` copies every
table into it inside one read transaction. Nothing is ever written unencrypted, the copy opens
with the same passphrase, and it is consistent even while the app has the database open and is
saving (the read transaction sees one committed state, including what is still in the WAL; a
plain file copy could pair the main file with a half-written WAL).

Checked after writing: the copy's salt is the database's salt (so the passphrase derives its
key), it opens with that key, ``PRAGMA integrity_check`` and SQLCipher's page HMAC check pass,
and every table has the row count the database had in the same transaction.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from .errors import StorageError
from .storage import DB_FILENAME, SALT_BYTES, Database, database_exists, derive_key

BACKUP_DIR = "backups"
KEEP_DAILY = 7
_DAILY = re.compile(r"^tafdesk-(\d{4}-\d{2}-\d{2})\.db$")


class NotABackup(StorageError):
    pass


@dataclass(frozen=True)
class BackupCheck:
    path: Path
    tables: int
    rows: int
    revision: str | None


def _con(db: Database) -> Any:
    raw = db.engine.raw_connection()
    return raw, raw.driver_connection


def _quote(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def _counts(con: Any, schema: str) -> dict[str, int]:
    names = [r[0] for r in con.execute(
        f"SELECT name FROM {schema}.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    return {n: con.execute(f'SELECT count(*) FROM {schema}."{n}"').fetchone()[0] for n in names}


def _private_file(path: Path) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.close(fd)


def make_backup(db: Database, out: Path) -> BackupCheck:
    """Write an encrypted, checked copy of ``db`` to ``out`` (replaced atomically)."""
    if not db.encrypted:
        raise StorageError("A shared database is backed up on its server (for example with pg_dump), "
                           "not by tafdesk.")
    out = Path(out)
    if out.exists() and out.resolve() == Path(db.location).resolve():
        raise StorageError("The backup cannot be written over the database itself.")
    if not out.parent.is_dir():
        raise StorageError(f"The folder {out.parent} does not exist.")
    part = out.with_name(f".{out.name}.{secrets.token_hex(4)}.part")
    raw, con = _con(db)
    try:
        _private_file(part)
        con.execute(f"ATTACH DATABASE {_quote(part)} AS backup")  # no KEY: the same key and salt
        try:
            con.execute("BEGIN")
            try:
                counts = _counts(con, "main")
                con.execute("SELECT sqlcipher_export('backup')")
                copied = _counts(con, "backup")
            finally:
                con.execute("COMMIT")
        finally:
            con.execute("DETACH DATABASE backup")
        if copied != counts:
            raise StorageError("The backup does not hold every row of the database; it was not kept.")
        with open(db.location, "rb") as fh:
            salt = fh.read(SALT_BYTES)
        check = _check_with(con, part, salt, counts)
        with open(part, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(part, out)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            part.unlink()
        if isinstance(exc, StorageError):
            raise
        if isinstance(exc, OSError):
            raise StorageError(f"Could not write the backup {out}: {exc.strerror}.") from None
        if isinstance(exc, Exception):
            raise StorageError(f"The backup could not be made: {exc}.") from None
        raise
    finally:
        raw.close()
    return BackupCheck(out, check.tables, check.rows, check.revision)


def _check_with(con: Any, path: Path, salt: bytes, counts: dict[str, int]) -> BackupCheck:
    """Open ``path`` with the database's own key (attached anew) and check it completely."""
    with open(path, "rb") as fh:
        if fh.read(SALT_BYTES) != salt:
            raise StorageError("The backup's salt differs from the database's, so the passphrase would not open it.")
    con.execute(f"ATTACH DATABASE {_quote(path)} AS checking")
    try:
        ok = con.execute("PRAGMA checking.integrity_check").fetchone()[0]
        if ok != "ok":
            raise StorageError(f"The backup failed its integrity check ({_first_problem(ok, [])}).")
        again = _counts(con, "checking")
        revision = con.execute("SELECT version_num FROM checking.alembic_version").fetchone()
    finally:
        con.execute("DETACH DATABASE checking")
    if again != counts:
        raise StorageError("The backup read back differently from the database; it was not kept.")
    return BackupCheck(path, len(again), sum(again.values()), revision[0] if revision else None)


def check_backup(path: Path, passphrase: str) -> BackupCheck:
    """Open a backup file with a passphrase and check it thoroughly; NotABackup if it is not one."""
    import sqlcipher3

    path = Path(path)
    name = path.name
    if not path.is_file():
        raise NotABackup(f"{name} is not a file.")
    with open(path, "rb") as fh:
        salt = fh.read(SALT_BYTES)
    if len(salt) < SALT_BYTES or salt.startswith(b"SQLite format 3"):
        raise NotABackup(f"{name} is not an encrypted tafdesk backup.")
    key = derive_key(passphrase, salt).hex() + salt.hex()
    try:
        con = sqlcipher3.dbapi2.connect(f"file:{path}?mode=ro", uri=True)
    except sqlcipher3.dbapi2.Error:
        raise NotABackup(f"{name} could not be opened.") from None
    try:
        con.execute("PRAGMA cipher_log_level = NONE")
        con.execute(f"PRAGMA key = \"x'{key}'\"")
        con.execute("PRAGMA temp_store = MEMORY")
        try:
            con.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlcipher3.dbapi2.DatabaseError:
            raise NotABackup(f"{name} is not a tafdesk backup, or this passphrase does not open it.") from None
        ok = con.execute("PRAGMA integrity_check").fetchone()[0]
        bad_pages = con.execute("PRAGMA cipher_integrity_check").fetchall()
        if ok != "ok" or bad_pages:
            raise NotABackup(f"{name} is damaged (integrity check: {_first_problem(ok, bad_pages)}).")
        counts = _counts(con, "main")
        if "alembic_version" not in counts or "cases" not in counts or "audit_events" not in counts:
            raise NotABackup(f"{name} is an encrypted database, but not a tafdesk one.")
        revision = con.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlcipher3.dbapi2.DatabaseError as exc:
        raise NotABackup(f"{name} is damaged ({exc}).") from None
    finally:
        con.close()
    rev = revision[0] if revision else None
    _check_revision(rev, name)
    return BackupCheck(path, len(counts), sum(counts.values()), rev)


def _check_revision(revision: str | None, name: str) -> None:
    from alembic.script import ScriptDirectory

    from .migrate import _config

    known = {r.revision for r in ScriptDirectory.from_config(_config()).walk_revisions()}
    if revision not in known:
        raise NotABackup(f"{name} was written by a newer version of tafdesk (schema {revision}); "
                         "install that version to restore it.")


@dataclass(frozen=True)
class Restored:
    backup: BackupCheck
    previous: Path | None  # where the database that was replaced was kept


def restore_backup(path: Path, passphrase: str, db_path: Path, *, now: datetime | None = None) -> Restored:
    """Replace the database at ``db_path`` by the backup at ``path``.

    The backup is checked first (a bad file changes nothing); the current database is kept
    aside as ``tafdesk.db.before-restore-<time>`` in its folder (still encrypted, with its WAL if
    it has one); the backup is copied next to it, checked again, and moved into place in one
    atomic rename. Refused while tafdesk has the database open.
    """
    check = check_backup(path, passphrase)
    db_path = Path(db_path)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    if in_use(db_path):
        raise StorageError("tafdesk has this database open: close it, then restore. Nothing was changed.")
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    previous: Path | None = None
    part = db_path.with_name(f".{db_path.name}.restore.part")
    try:
        _copy_private(Path(path), part)
        check_backup(part, passphrase)  # the copy, too, before it takes the database's place
        if database_exists(db_path):
            previous = db_path.with_name(f"{db_path.name}.before-restore-{stamp}")
            _copy_private(db_path, previous)
            wal = Path(str(db_path) + "-wal")
            if wal.exists() and wal.stat().st_size:  # committed changes not yet in the main file
                _copy_private(wal, Path(str(previous) + "-wal"))
        for side in ("-wal", "-shm", "-journal"):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(str(db_path) + side)
        os.replace(part, db_path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            part.unlink()
        if isinstance(exc, OSError):
            raise StorageError(f"Could not restore into {db_path.parent}: {exc.strerror}. "
                               "The database was not replaced.") from None
        raise
    _fsync_dir(db_path.parent)
    return Restored(check, previous)


# SQLite's unix VFS: every open connection to a WAL database holds a shared lock on this byte of
# the -shm file (the "dead man switch"), so an exclusive lock on it fails while anyone has it open.
_SHM_DMS_BYTE = 128


def in_use(db_path: Path) -> bool:
    """Whether another process has the database open (POSIX; elsewhere assumed not)."""
    shm = Path(str(db_path) + "-shm")
    if os.name != "posix" or not shm.exists():
        return False
    import fcntl

    fd = os.open(shm, os.O_RDWR)
    try:
        try:
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, _SHM_DMS_BYTE)
        except OSError:
            return True
        fcntl.lockf(fd, fcntl.LOCK_UN, 1, _SHM_DMS_BYTE)
        return False
    finally:
        os.close(fd)


def _copy_private(src: Path, dst: Path) -> None:
    fd = os.open(dst, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as out, open(src, "rb") as inp:
        while chunk := inp.read(1 << 20):
            out.write(chunk)
        out.flush()
        os.fsync(out.fileno())


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


# Automatic daily backups.
def backup_dir(db_location: str) -> Path:
    return Path(db_location).parent / BACKUP_DIR


def daily_backups(folder: Path) -> list[tuple[date, Path]]:
    found = []
    if folder.is_dir():
        for p in folder.iterdir():
            m = _DAILY.match(p.name)
            if m:
                with contextlib.suppress(ValueError):
                    found.append((date.fromisoformat(m.group(1)), p))
    return sorted(found)


def auto_backup(db: Database, *, today: date | None = None, keep: int = KEEP_DAILY,
                log: Callable[[str], None] | None = None) -> Path | None:
    """Today's backup in the data folder's ``backups/``, unless there is one already; keeps the
    newest ``keep``. Returns the new file, or None when nothing was needed."""
    if not db.encrypted:
        return None
    today = today or date.today()
    folder = backup_dir(db.location)
    folder.mkdir(mode=0o700, exist_ok=True)
    if os.name == "posix":
        os.chmod(folder, 0o700)
    for stale in folder.glob(".*.part"):  # left by a backup interrupted by a crash
        with contextlib.suppress(OSError):
            stale.unlink()
    existing = daily_backups(folder)
    made = None
    if not any(d == today for d, _p in existing):
        made = folder / f"tafdesk-{today.isoformat()}.db"
        make_backup(db, made)
        existing = daily_backups(folder)
        if log:
            log(f"backup written: {made}")
    for _d, old in existing[:-keep] if keep > 0 else []:
        with contextlib.suppress(OSError):
            old.unlink()
    return made


__all__ = ["BACKUP_DIR", "DB_FILENAME", "KEEP_DAILY", "BackupCheck", "NotABackup", "Restored", "auto_backup",
           "backup_dir", "check_backup", "daily_backups", "make_backup", "restore_backup"]


def _first_problem(integrity: str, bad_pages: list[tuple[object, ...]]) -> str:
    """One line for the user: SQLite's integrity report can run to hundreds of lines."""
    if integrity == "ok":
        return str(bad_pages[0][0])
    lines = [line.strip() for line in str(integrity).splitlines() if line.strip() and not line.startswith("***")]
    if not lines:
        return " ".join(str(integrity).split())
    more = len(lines) - 1
    return lines[0] + (f"; {more} more problem{'s' if more > 1 else ''}" if more else "")
