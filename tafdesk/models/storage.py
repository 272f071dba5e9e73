"""Opening the case database: encrypted SQLite by default, any SQLAlchemy URL when configured.

The SQLite file is encrypted with SQLCipher. The 32-byte key is derived from the user's
passphrase with argon2id; the 16-byte salt is SQLCipher's own file salt (the first 16 bytes of
the file, stored in the clear by design), so no key material or side file is ever written.
Temporary tables and sorts are kept in memory, and SQLCipher encrypts the journal and WAL, so no
plaintext copy of case data reaches the disk.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.orm import Session, sessionmaker

from .errors import StorageError, WrongPassphrase

ENV_URL = "TAFDESK_DATABASE_URL"
DB_FILENAME = "tafdesk.db"
SALT_BYTES = 16
KEY_BYTES = 32
# argon2id cost: 64 MiB, 3 passes (OWASP's "second" recommended set, stronger than its minimum).
KDF_TIME_COST = 3
KDF_MEMORY_KIB = 64 * 1024
KDF_PARALLELISM = 2
MIN_PASSPHRASE_LENGTH = 8


def default_data_dir() -> Path:
    from platformdirs import user_data_path

    return user_data_path("tafdesk", appauthor=False)


def default_db_path() -> Path:
    return default_data_dir() / DB_FILENAME


def derive_key(passphrase: str, salt: bytes) -> bytes:
    from argon2.low_level import Type, hash_secret_raw

    return hash_secret_raw(
        passphrase.encode("utf-8"),
        salt,
        time_cost=KDF_TIME_COST,
        memory_cost=KDF_MEMORY_KIB,
        parallelism=KDF_PARALLELISM,
        hash_len=KEY_BYTES,
        type=Type.ID,
    )


def check_new_passphrase(passphrase: str) -> str | None:
    """Why a passphrase may not be set, or None when it is acceptable."""
    if len(passphrase) < MIN_PASSPHRASE_LENGTH:
        return f"The passphrase must be at least {MIN_PASSPHRASE_LENGTH} characters long."
    if passphrase.strip() != passphrase:
        return "The passphrase must not begin or end with a space."
    return None


@dataclass(frozen=True)
class Database:
    """An open database: the engine and a session factory. Pass it in; never make it global."""

    engine: Engine
    sessions: sessionmaker[Session]
    location: str
    encrypted: bool

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A unit of work: committed on success, rolled back on any error."""
        with self.sessions() as s:
            try:
                yield s
                s.commit()
            except BaseException:
                s.rollback()
                raise

    def close(self) -> None:
        self.engine.dispose()


def database_exists(path: Path) -> bool:
    return path.exists() and path.stat().st_size > 0


def _sqlcipher_engine(path: Path, raw_key_hex: str) -> Engine:
    import sqlcipher3

    def connect() -> Any:
        con = sqlcipher3.dbapi2.connect(str(path), check_same_thread=False, timeout=10)
        con.execute("PRAGMA cipher_log_level = NONE")  # our own message, not SQLCipher's log
        con.execute(f"PRAGMA key = \"x'{raw_key_hex}'\"")
        con.execute("PRAGMA cipher_memory_security = ON")
        con.execute("PRAGMA temp_store = MEMORY")
        con.execute("PRAGMA foreign_keys = ON")
        con.execute("PRAGMA secure_delete = ON")
        # Fails here, with "file is not a database", when the key is wrong.
        con.execute("SELECT count(*) FROM sqlite_master").fetchone()
        con.execute("PRAGMA journal_mode = WAL")
        con.execute("PRAGMA synchronous = FULL")
        return con

    return create_engine(
        "sqlite://", creator=connect, module=sqlcipher3.dbapi2, pool_pre_ping=False
    )


def open_encrypted(path: Path, passphrase: str, *, create: bool = False) -> Database:
    """Open (or, with ``create``, make) the SQLCipher file at ``path`` with the passphrase."""
    import sqlcipher3

    path = Path(path)
    exists = database_exists(path)
    if not exists and not create:
        raise StorageError(f"No database at {path}. Start tafdesk once to create one.")
    if exists:
        with open(path, "rb") as fh:
            salt = fh.read(SALT_BYTES)
        if len(salt) < SALT_BYTES:
            raise StorageError(f"{path} is not a tafdesk database (too short).")
    else:
        problem = check_new_passphrase(passphrase)
        if problem:
            raise StorageError(problem)
        if not path.parent.exists():  # a folder of its own (never a shared one such as /tmp)
            path.parent.mkdir(parents=True)
            if os.name == "posix":
                os.chmod(path.parent, 0o700)
        salt = secrets.token_bytes(SALT_BYTES)
    key = derive_key(passphrase, salt)
    # Raw key with explicit salt: SQLCipher uses our salt as its file salt.
    engine = _sqlcipher_engine(path, key.hex() + salt.hex())
    try:
        with engine.connect() as con:
            con.execute(text("SELECT 1"))
    except Exception as exc:  # sqlcipher3.dbapi2.DatabaseError wrapped by SQLAlchemy
        engine.dispose()
        orig = getattr(exc, "orig", exc)
        if isinstance(orig, sqlcipher3.dbapi2.DatabaseError) and "not a database" in str(orig):
            raise WrongPassphrase(
                "The passphrase is wrong, or the file is not a tafdesk database."
            ) from None
        raise StorageError(f"Could not open {path}: {orig}") from None
    if not exists and os.name == "posix":
        os.chmod(path, 0o600)
    return _database(engine, str(path), encrypted=True)


def open_url(url: str) -> Database:
    """Open a database by SQLAlchemy URL (PostgreSQL for shared use; plain SQLite for tools)."""
    try:
        engine = create_engine(url, pool_pre_ping=True)
        if engine.dialect.name == "sqlite":

            @event.listens_for(engine, "connect")
            def _fk(dbapi_con: Any, _rec: Any) -> None:
                dbapi_con.execute("PRAGMA foreign_keys = ON")

        with engine.connect() as con:
            con.execute(text("SELECT 1"))
    except Exception as exc:
        raise StorageError(f"Could not connect to {_safe_url(url)}: {getattr(exc, 'orig', exc)}") from None
    return _database(engine, _safe_url(url), encrypted=False)


def _safe_url(url: str) -> str:
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return "(unreadable database URL)"


def _database(engine: Engine, location: str, *, encrypted: bool) -> Database:
    return Database(
        engine=engine,
        sessions=sessionmaker(engine, expire_on_commit=False),
        location=location,
        encrypted=encrypted,
    )


def open_database(
    *, db_path: Path | None = None, passphrase: str | None = None, create: bool = False
) -> Database:
    """The database the user asked for, migrated to this version of the app.

    ``TAFDESK_DATABASE_URL`` wins when set and no explicit path is given; otherwise the
    encrypted file at ``db_path`` (default: the user's data folder).
    """
    from .migrate import upgrade

    url = os.environ.get(ENV_URL)
    if url and db_path is None:
        db = open_url(url)
    else:
        if passphrase is None:
            raise StorageError("A passphrase is needed to open the encrypted database.")
        db = open_encrypted(db_path or default_db_path(), passphrase, create=create)
    try:
        upgrade(db.engine)
    except Exception:
        db.close()
        raise
    return db
