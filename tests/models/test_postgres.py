"""The same record on a real PostgreSQL server: migrations, services and the exact round trip."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import text

from tafdesk.models.errors import ImportRejected
from tafdesk.models.orm import Base
from tafdesk.models.services.cases import list_cases
from tafdesk.models.services.demo import create_demo
from tafdesk.models.services.transfer import export_json, import_case
from tafdesk.models.storage import Database, open_database


@pytest.fixture
def pg_db(pg_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Database]:
    monkeypatch.setenv("TAFDESK_DATABASE_URL", pg_url)
    db = open_database()
    yield db
    with db.engine.begin() as con:
        for table in reversed(Base.metadata.sorted_tables):
            con.execute(table.delete())
    db.close()


def test_postgres_round_trip_and_search(pg_db: Database) -> None:
    assert not pg_db.encrypted and "postgresql" in pg_db.location and "@" in pg_db.location
    assert pg_db.location.count("***") == 1  # the password is never shown
    with pg_db.session() as s:
        ref = create_demo(s).reference
    with pg_db.session() as s:
        assert [c.reference for c in list_cases(s, text="MAJA")] == [ref]
        first = export_json(s, ref, user="t")
    with pg_db.session() as s:
        s.execute(text("delete from cases"))
    with pg_db.session() as s:
        import_case(s, first.encode(), user="t")
    with pg_db.session() as s:
        assert export_json(s, ref, user="t") == first
        with pytest.raises(ImportRejected, match="already in this database"):
            import_case(s, first.encode(), user="t")
