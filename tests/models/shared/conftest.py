"""One database, opened twice as two users' sessions would: on SQLite (the encrypted file,
which SQLCipher lets two connections share) and on a real PostgreSQL server."""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterator

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from tafdesk.models.migrate import upgrade
from tafdesk.models.storage import Database, open_database, open_url
from tests.conftest import PASSPHRASE

Opener = Callable[[], Database]


@pytest.fixture(params=["sqlite", "postgresql"])
def open_same_db(request: pytest.FixtureRequest, tmp_path) -> Iterator[Opener]:  # type: ignore[no-untyped-def]
    """A function that opens one more connection (a new ``Database``) to one fresh database."""
    opened: list[Database] = []
    if request.param == "sqlite":
        path = tmp_path / "shared.db"

        def opener() -> Database:
            db = open_database(db_path=path, passphrase=PASSPHRASE, create=True)
            opened.append(db)
            return db

        yield opener
    else:
        server = make_url(request.getfixturevalue("pg_url"))
        name = f"tafdesk_{secrets.token_hex(6)}"
        admin = create_engine(server, isolation_level="AUTOCOMMIT")
        with admin.connect() as con:
            con.execute(text(f'CREATE DATABASE "{name}"'))
        url = server.set(database=name).render_as_string(hide_password=False)

        def opener() -> Database:
            db = open_url(url)
            upgrade(db.engine)
            opened.append(db)
            return db

        opener.url = url  # type: ignore[attr-defined]
        yield opener
    for db in opened:
        db.close()
    if request.param == "postgresql":
        with admin.connect() as con:
            con.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        admin.dispose()


def login_as(opener: Opener, db: Database, login: str) -> Database:
    """On PostgreSQL, a new server login (a role with a password and the app's table rights)
    and a Database connected as it; the caller closes it."""
    password = secrets.token_hex(8)
    with db.engine.begin() as con:
        con.execute(text(f"CREATE ROLE {login} LOGIN PASSWORD '{password}'"))
        con.execute(text(f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {login}"))
        con.execute(text(f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {login}"))
    url = make_url(opener.url).set(username=login, password=password)  # type: ignore[attr-defined]
    return open_url(url.render_as_string(hide_password=False))
