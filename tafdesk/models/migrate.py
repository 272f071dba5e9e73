"""Alembic migrations, applied at start-up; a database newer than the app is refused."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine

from .errors import DatabaseTooNew

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"
# The newest migration. When the database is already there, start-up reads one row and skips
# loading Alembic (a fifth of the start-up time). tests/models/test_storage.py keeps it true.
HEAD_REVISION = "0012"


def _config():  # type: ignore[no-untyped-def]
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as con:
        return MigrationContext.configure(con).get_current_revision()


def _stored_revision(engine: Engine) -> str | None:
    from sqlalchemy import inspect, text

    with engine.connect() as con:
        if not inspect(con).has_table("alembic_version"):
            return None
        return con.execute(text("SELECT version_num FROM alembic_version")).scalar()


def upgrade(engine: Engine) -> None:
    if _stored_revision(engine) == HEAD_REVISION:
        return
    from alembic.script import ScriptDirectory

    cfg = _config()
    script = ScriptDirectory.from_config(cfg)
    current = current_revision(engine)
    known = {rev.revision for rev in script.walk_revisions()}
    if current is not None and current not in known:
        raise DatabaseTooNew(
            "This database was written by a newer version of tafdesk "
            f"(schema {current}); install the newer version to open it."
        )
    if current == script.get_current_head():
        return
    migrate_to(engine, "head")


def migrate_to(engine: Engine, revision: str, *, downgrade: bool = False) -> None:
    """Upgrade to ``revision`` (or, for tests and repairs, downgrade) in one transaction.

    On SQLite, Alembic's batch mode rebuilds a table by copying it and dropping the old one;
    with foreign keys enforced, that DROP would cascade and delete the rows of every table that
    refers to it. So foreign keys are off while migrating, and checked before committing: a
    migration that would leave a dangling reference is rolled back instead.
    """
    from alembic import command
    from sqlalchemy import text

    from .errors import StorageError

    cfg = _config()
    sqlite = engine.dialect.name == "sqlite"
    with engine.connect() as con:
        if sqlite:
            con.exec_driver_sql("PRAGMA foreign_keys = OFF")  # only takes effect outside a transaction
            con.commit()
        try:
            with con.begin():
                cfg.attributes["connection"] = con
                (command.downgrade if downgrade else command.upgrade)(cfg, revision)
                broken = con.execute(text("PRAGMA foreign_key_check")).fetchall() if sqlite else []
                if broken:
                    raise StorageError(
                        f"Updating the database would break {len(broken)} links between records "
                        f"(first in table {broken[0][0]}); nothing was changed."
                    )
        finally:
            if sqlite:
                con.exec_driver_sql("PRAGMA foreign_keys = ON")
                con.commit()
