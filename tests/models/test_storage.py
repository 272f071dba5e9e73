"""The case database is encrypted, refuses wrong keys and newer schemas, and migrates."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select, text

from tafdesk.models.errors import DatabaseTooNew, StorageError, WrongPassphrase
from tafdesk.models.orm import Base, Person
from tafdesk.models.storage import Database, open_database

SENTINEL = "Zxqvbrt-Sentinel-Name"


def test_plain_sqlite_cannot_read_the_file(tmp_db: Database, db_path: Path) -> None:
    tmp_db.close()
    probe = f"import sqlite3; sqlite3.connect({str(db_path)!r}).execute('select * from sqlite_master')"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.returncode != 0
    assert "file is not a database" in result.stderr


def test_no_plaintext_case_data_on_disk(demo_db: Database, demo_case_id: str, db_path: Path) -> None:
    with demo_db.session() as s:
        s.add(Person(case_id=demo_case_id, kind="adult", given_name=SENTINEL, notes=SENTINEL * 50))
    with demo_db.session() as s:  # data is readable through the key...
        assert s.scalar(select(Person.given_name).where(Person.given_name == SENTINEL)) == SENTINEL
    # ...but in no file of the data folder (database, WAL, shared memory, anything else)
    files = [p for p in db_path.parent.iterdir() if p.is_file()]
    assert any(p.name.endswith("-wal") for p in files) or files
    for p in files:
        content = p.read_bytes()
        assert SENTINEL.encode() not in content, p.name
        assert b"Carter-Nowak" not in content, p.name
        assert b"SQLite format 3" not in content[:16], p.name


def test_reopen_with_the_passphrase_and_refuse_a_wrong_one(demo_db: Database, db_path: Path, passphrase: str) -> None:
    demo_db.close()
    again = open_database(db_path=db_path, passphrase=passphrase)
    with again.session() as s:
        assert s.scalar(text("select count(*) from cases")) == 1
    again.close()
    with pytest.raises(WrongPassphrase, match="passphrase is wrong"):
        open_database(db_path=db_path, passphrase=passphrase + "x")


def test_a_short_new_passphrase_is_refused(tmp_path: Path) -> None:
    with pytest.raises(StorageError, match="at least 8 characters"):
        open_database(db_path=tmp_path / "x.db", passphrase="short", create=True)
    assert not (tmp_path / "x.db").exists()


def test_missing_database_is_not_created_unasked(tmp_path: Path) -> None:
    with pytest.raises(StorageError, match="No database"):
        open_database(db_path=tmp_path / "none.db", passphrase="correct horse battery")


def test_a_database_from_a_newer_version_is_refused(tmp_db: Database, db_path: Path, passphrase: str) -> None:
    with tmp_db.engine.begin() as con:
        con.execute(text("update alembic_version set version_num = '9999_future'"))
    tmp_db.close()
    with pytest.raises(DatabaseTooNew, match="newer version of tafdesk"):
        open_database(db_path=db_path, passphrase=passphrase)


def test_migrations_match_the_models(tmp_db: Database) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    with tmp_db.engine.connect() as con:
        diff = compare_metadata(MigrationContext.configure(con, opts={"compare_type": True}), Base.metadata)
    assert diff == []


def test_head_revision_constant_is_alembics_head() -> None:
    from alembic.script import ScriptDirectory

    from tafdesk.models.migrate import HEAD_REVISION, _config

    assert ScriptDirectory.from_config(_config()).get_current_head() == HEAD_REVISION


def _row_counts(db: Database) -> dict[str, int]:
    with db.engine.connect() as con:
        names = [r[0] for r in con.execute(text("select name from sqlite_master where type = 'table'"))]
        return {n: con.execute(text(f'select count(*) from "{n}"')).scalar() for n in names if n != "alembic_version"}


def test_upgrading_a_database_full_of_records_keeps_every_row(
        demo_db: Database, db_path: Path, passphrase: str) -> None:
    from tafdesk.models.migrate import migrate_to

    before = _row_counts(demo_db)
    assert before["actions"] == 16 and before["outcomes"] == 6
    migrate_to(demo_db.engine, "0002", downgrade=True)  # back past the plan-lineage migration
    after = _row_counts(demo_db)  # tables added after 0002 are gone; every other row is kept
    assert after == {k: v for k, v in before.items() if k in after and k != "drafts"} | {"drafts": 0}
    demo_db.close()
    db = open_database(db_path=db_path, passphrase=passphrase)  # migrates forward again at start
    assert _row_counts(db) == before
    with db.engine.connect() as con:
        assert con.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert con.execute(text("select count(*) from actions where lineage_id = id")).scalar() == 16
    db.close()


def test_older_database_is_upgraded_at_start(tmp_db: Database, db_path: Path, passphrase: str) -> None:
    from tafdesk.models.migrate import migrate_to

    migrate_to(tmp_db.engine, "0001", downgrade=True)
    with tmp_db.engine.connect() as con:
        assert "drafts" not in {r[0] for r in con.execute(text("select name from sqlite_master"))}
    tmp_db.close()
    db = open_database(db_path=db_path, passphrase=passphrase)
    with db.engine.connect() as con:
        assert "drafts" in {r[0] for r in con.execute(text("select name from sqlite_master"))}
    db.close()
