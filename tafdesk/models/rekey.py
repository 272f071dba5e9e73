"""Changing the passphrase: the database is written again under a new key and a new salt.

The key is derived from the passphrase and the file's own 16-byte SQLCipher salt, so a new salt
means a new file: ``sqlcipher_export`` copies everything into a fresh file keyed with the new raw
key, the copy is opened again and compared table by table (row counts and a digest of the
rows), and only then does it atomically replace the old file. The copy is encrypted from its first byte; nothing is ever
written in plaintext. If anything goes wrong the old file is left as it was and the copy removed.

The database must not be open anywhere else while this runs (the app closes its own connections
first): switching the old file out of WAL mode needs sole access, and says so if it cannot.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from pathlib import Path

from sqlalchemy import Engine

from .errors import StorageError
from .passphrase import RetryGuard, check_passphrase, connect_raw, raw_key, read_salt
from .storage import SALT_BYTES, Database, check_new_passphrase, open_encrypted

REKEY_SUFFIX = ".rekey"


def _tables(con, schema: str = "main") -> list[str]:  # type: ignore[no-untyped-def]
    rows = con.execute(f"SELECT name FROM {schema}.sqlite_master WHERE type = 'table' "
                       "AND name NOT LIKE 'sqlite_%' ORDER BY name").fetchall()
    return [r[0] for r in rows]


def _contents(con, schema: str = "main") -> dict[str, tuple[int, str]]:  # type: ignore[no-untyped-def]
    """Each table's row count and a digest of its rows in rowid order."""
    out = {}
    for name in _tables(con, schema):
        quoted = name.replace('"', '""')
        digest = hashlib.sha256()
        count = 0
        for row in con.execute(f'SELECT * FROM {schema}."{quoted}" ORDER BY rowid'):
            digest.update(repr(row).encode("utf-8"))
            count += 1
        out[name] = (count, digest.hexdigest())
    return out


def _remove(path: Path) -> None:
    for p in (path, path.with_name(path.name + "-journal"), path.with_name(path.name + "-wal"),
              path.with_name(path.name + "-shm")):
        try:
            p.unlink()
        except FileNotFoundError:
            pass


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def change_passphrase(path: Path, current: str, new: str, *, guard: RetryGuard | None = None) -> dict[str, int]:
    """Re-key the database at ``path`` from ``current`` to ``new``; the row count of each table.

    Raises ``WrongPassphrase`` (counted, as any wrong try), ``TooSoon``, or ``StorageError`` with a
    sentence saying what to do. The new passphrase follows the same rules as a first one.
    """
    import sqlcipher3

    path = Path(path)
    problem = check_new_passphrase(new)
    if problem:
        raise StorageError(problem)
    if new == current:
        raise StorageError("The new passphrase is the same as the current one; choose a different one.")
    check_passphrase(path, current, guard)
    old = connect_raw(path, raw_key(current, read_salt(path)))
    tmp = path.with_name(path.name + REKEY_SUFFIX)
    _remove(tmp)
    try:
        try:
            # Sole access: leaving WAL mode fails while another program has the file open.
            mode = old.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
        except sqlcipher3.dbapi2.OperationalError:
            mode = ""
        if str(mode).lower() != "delete":
            raise StorageError("The database is open in another tafdesk window or command. Close it "
                               "there, then change the passphrase again.")
        before = _contents(old)
        user_version = old.execute("PRAGMA user_version").fetchone()[0]
        # Created empty and private first, so the copy is never readable by others.
        os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        salt = secrets.token_bytes(SALT_BYTES)
        new_key = raw_key(new, salt)
        old.execute(f"ATTACH DATABASE ? AS rekeyed KEY \"x'{new_key}'\"", (str(tmp),))
        old.execute("SELECT sqlcipher_export('rekeyed')")
        old.execute(f"PRAGMA rekeyed.user_version = {int(user_version)}")
        old.execute("DETACH DATABASE rekeyed")
        with open(tmp, "rb") as fh:
            if fh.read(SALT_BYTES) != salt:
                raise StorageError("The re-keyed copy did not get its new salt; nothing was changed.")
        check = connect_raw(tmp, new_key)
        try:
            after = _contents(check)
            ok = check.execute("PRAGMA cipher_integrity_check").fetchall() == []
        finally:
            check.close()
        if after != before or not ok:
            raise StorageError("The re-keyed copy did not match the database; nothing was changed.")
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
    except BaseException:
        old.close()
        _remove(tmp)
        raise
    old.close()
    os.replace(tmp, path)
    _fsync_dir(path.parent)
    for leftover in ("-wal", "-shm", "-journal"):  # the old file's, now meaningless
        try:
            path.with_name(path.name + leftover).unlink()
        except FileNotFoundError:
            pass
    return {name: count for name, (count, _digest) in before.items()}


REKEYING_TEXT = ("The database is being written again under a new passphrase. Wait until that is "
                 "finished, then try again.")


def _refuse() -> object:
    raise StorageError(REKEYING_TEXT)


def suspend(db: Database) -> Engine:
    """Close the app's connections and refuse new ones while the file is being replaced.

    Returns the engine to give back with ``resume`` if the change fails. Whatever asks for the
    database meanwhile (a timer, another window) gets ``StorageError`` saying why, rather than
    opening the old file under the old key while it is being replaced.
    """
    from sqlalchemy import create_engine
    from sqlalchemy.pool import NullPool

    old = db.engine
    old.dispose()
    _swap(db, create_engine("sqlite://", creator=_refuse, poolclass=NullPool))
    return old


def resume(db: Database, engine: Engine) -> None:
    """Give an open ``Database`` back its ``engine`` (the change failed; the file is as it was)."""
    gate = db.engine
    _swap(db, engine)
    gate.dispose()


def _swap(db: Database, engine: Engine) -> None:
    db.sessions.configure(bind=engine)
    object.__setattr__(db, "engine", engine)  # Database is frozen for everyone else


def rebind(db: Database, passphrase: str) -> None:
    """Point an open ``Database`` (its sessions, its engine) at the re-keyed file.

    The app's views hold the one ``Database`` they were given; after a passphrase change they
    carry on with it, now opening connections with the new key. The old engine's connections
    must already be closed (``db.engine.dispose()`` before ``change_passphrase``).
    """
    resume(db, open_encrypted(Path(db.location), passphrase).engine)
