"""The storage basics on both databases a partnership may use: the schema the migrations build
is the schema the models describe, the newest migration goes down and up again keeping every
row, and a row's version rises with each change."""

from __future__ import annotations

from sqlalchemy import func, select

from tafdesk.models.migrate import HEAD_REVISION, current_revision, migrate_to
from tafdesk.models.orm import Base, Person, User
from tafdesk.models.services.demo import create_demo
from tafdesk.models.services.users import add_user

from .conftest import Opener


def test_migrations_build_exactly_the_models(open_same_db: Opener) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    db = open_same_db()
    assert current_revision(db.engine) == HEAD_REVISION
    with db.engine.connect() as con:
        diff = compare_metadata(MigrationContext.configure(con, opts={"compare_type": True}), Base.metadata)
    assert diff == []


def test_users_migration_goes_down_and_up_keeping_the_cases(open_same_db: Opener) -> None:
    db = open_same_db()
    with db.session() as s:
        create_demo(s, user="t")
        add_user(s, {"login": "admin", "name": "Ann", "role": "administrator"}, viewer=None, user="t")
        people = s.scalar(select(func.count()).select_from(Person))
    migrate_to(db.engine, "0003", downgrade=True)
    with db.engine.connect() as con:
        from sqlalchemy import inspect

        assert not inspect(con).has_table("users")
    migrate_to(db.engine, "head")
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Person)) == people
        assert s.scalar(select(func.count()).select_from(User)) == 0  # users went with their table


def test_each_change_raises_the_row_version(open_same_db: Opener) -> None:
    db = open_same_db()
    with db.session() as s:
        create_demo(s, user="t")
        maja = s.scalar(select(Person).where(Person.given_name == "Maja"))
        before = maja.row_version
        maja.known_as = "Mai"
        s.flush()
        maja.phone = "07700 900999"
        s.flush()
        assert maja.row_version == before + 2
