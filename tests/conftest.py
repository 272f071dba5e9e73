"""Shared fixtures. Qt runs offscreen, set here before anything imports Qt."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("TAFDESK_DATABASE_URL", None)

from tafdesk.models.storage import Database, open_database  # noqa: E402

PASSPHRASE = "correct horse battery"


@pytest.fixture
def passphrase() -> str:
    return PASSPHRASE


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "tafdesk.db"


@pytest.fixture
def tmp_db(db_path: Path) -> Iterator[Database]:
    db = open_database(db_path=db_path, passphrase=PASSPHRASE, create=True)
    yield db
    db.close()


@pytest.fixture
def demo_db(tmp_db: Database) -> Database:
    from tafdesk.models.services.demo import create_demo

    with tmp_db.session() as s:
        create_demo(s)
    return tmp_db


@pytest.fixture
def demo_case_id(demo_db: Database) -> str:
    from tafdesk.models.services.demo import find_demo

    with demo_db.session() as s:
        case = find_demo(s)
        assert case is not None
        return case.id


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    """URL of a PostgreSQL server started for this test session."""
    from tests.pg import temporary_cluster

    try:
        cluster = temporary_cluster()
        url = cluster.__enter__()
    except RuntimeError as exc:
        if os.environ.get("CI"):
            raise  # CI installs PostgreSQL; a missing server there is a failure, not a skip
        pytest.skip(str(exc))
    yield url
    cluster.__exit__(None, None, None)
