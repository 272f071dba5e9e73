"""A partnership's shared PostgreSQL database for tests: the demo family and a second family,
tafdesk users in every role (``tests/models/shared/test_access._build``), and a real server
login with a password for each of them, so a test can connect or run a command as any user."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from tafdesk.models.migrate import upgrade
from tafdesk.models.storage import Database, open_url

LOGINS = ("admin", "sarah", "priya", "daniel", "jo", "tom", "mel", "lou")
_PASSWORD = secrets.token_hex(10)  # one per test session, for every login


@dataclass
class Partnership:
    owner_url: str  # the server's superuser, who created the tables
    db: Database  # connected as the owner
    demo: str  # the Carter-Nowak case (led by Sarah)
    other: str  # the Ahmed case (led by Tom)
    prof: dict[str, str] = field(default_factory=dict)

    def url(self, login: str) -> str:
        return make_url(self.owner_url).set(username=login, password=_PASSWORD).render_as_string(
            hide_password=False)

    def add_login(self, login: str) -> str:
        """A server login (not yet a tafdesk user) with the rights every tafdesk login has; its URL."""
        with self.db.engine.begin() as con:
            grant_login(con, login)
        return self.url(login)


def grant_login(con, login: str) -> None:  # type: ignore[no-untyped-def]
    con.execute(text(f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{login}') "
                     f"THEN CREATE ROLE {login} LOGIN; END IF; END $$"))
    con.execute(text(f"ALTER ROLE {login} LOGIN PASSWORD '{_PASSWORD}'"))
    con.execute(text(f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {login}"))
    con.execute(text(f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {login}"))


@contextmanager
def partnership(pg_url: str) -> Iterator[Partnership]:
    from tests.models.shared.test_access import _build

    server = make_url(pg_url)
    name = f"tafdesk_{secrets.token_hex(6)}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as con:
        con.execute(text(f'CREATE DATABASE "{name}"'))
    url = server.set(database=name).render_as_string(hide_password=False)
    db = open_url(url)
    try:
        upgrade(db.engine)
        w = _build(db)
        with db.engine.begin() as con:
            for login in LOGINS:
                grant_login(con, login)
        yield Partnership(url, db, w.demo, w.other, w.prof)
    finally:
        db.close()
        with admin.connect() as con:
            con.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        admin.dispose()
