"""Alembic migrations, applied at start-up; a database newer than the app is refused."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine

from .errors import DatabaseTooNew

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"
# The newest migration. When the database is already there, start-up reads one row and skips
# loading Alembic (a fifth of the start-up time). tests/models/test_storage.py keeps it true.
HEAD_REVISION = "0006"


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
    from alembic import command
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
    with engine.begin() as con:
        cfg.attributes["connection"] = con
        command.upgrade(cfg, "head")
