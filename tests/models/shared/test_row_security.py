"""Row-level security on a shared PostgreSQL database (migration 0010): a login that connects
with any client, not only tafdesk, reads and changes only the rows of the cases ``case_access``
lets it read. Every query here is raw SQL on the login's own connection, as psql would send."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import ProgrammingError

from tafdesk.models.case_access import AccessDenied, readable_case_ids, viewer_for_login
from tafdesk.models.errors import ImportRejected
from tafdesk.models.orm import Base
from tafdesk.models.services.audit import verify_chain
from tafdesk.models.services.cases import create_case, get_case
from tafdesk.models.services.transfer import export_json, import_case
from tafdesk.models.storage import open_url
from tests.partnership import LOGINS, Partnership, partnership

CASE_TABLES = sorted(t.name for t in Base.metadata.tables.values() if "case_id" in t.c and t.name != "audit_events")


@pytest.fixture(scope="module")
def shared(pg_url: str) -> Iterator[Partnership]:
    with partnership(pg_url) as p:
        yield p


class Logins:
    def __init__(self, shared: Partnership) -> None:
        self.shared = shared
        self.engines = {login: create_engine(shared.url(login)) for login in LOGINS}

    def sql(self, login: str, query: str, **params: object) -> list[tuple]:  # type: ignore[type-arg]
        with self.engines[login].begin() as con:
            return [tuple(r) for r in con.execute(text(query), params)]

    def changed(self, login: str, query: str, **params: object) -> int:
        with self.engines[login].begin() as con:
            return int(con.execute(text(query), params).rowcount)

    def case_ids(self, login: str, table: str = "cases") -> set[str]:
        column = "id" if table == "cases" else "case_id"
        return {r[0] for r in self.sql(login, f"SELECT DISTINCT {column} FROM {table}")}


@pytest.fixture(scope="module")
def logins(shared: Partnership) -> Iterator[Logins]:
    made = Logins(shared)
    yield made
    for engine in made.engines.values():
        engine.dispose()


def _owner(shared: Partnership, query: str, **params: object) -> list[tuple]:  # type: ignore[type-arg]
    with shared.db.engine.begin() as con:
        result = con.execute(text(query), params)
        return [tuple(r) for r in result] if result.returns_rows else []


def test_every_case_table_is_protected(shared: Partnership) -> None:
    rows = _owner(shared, "SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity, "
                          "(SELECT count(*) FROM pg_policies p WHERE p.tablename = c.relname) "
                          "FROM pg_class c WHERE c.relkind = 'r' AND c.relnamespace = 'public'::regnamespace")
    state = {name: (enabled, forced, policies) for name, enabled, forced, policies in rows}
    for table in [*CASE_TABLES, "audit_events", "users", "managed_professionals"]:
        enabled, forced, policies = state[table]
        assert enabled and not forced and policies >= 1, table  # the owner (migrations) is exempt
    assert len(CASE_TABLES) > 35 and "people" in CASE_TABLES and "actions" in CASE_TABLES
    # The logins are ordinary roles: nobody bypasses row security but the owner.
    bypass = _owner(shared, "SELECT rolname FROM pg_roles WHERE rolname = ANY(:l) AND (rolsuper OR rolbypassrls)",
                    l=list(LOGINS))
    assert bypass == []


def test_raw_sql_sees_the_same_cases_as_the_app(shared: Partnership, logins: Logins) -> None:
    demo, other = shared.demo, shared.other
    expected = {"sarah": {demo}, "tom": {other}, "priya": {demo}, "daniel": {demo}, "jo": set(),
                "mel": {demo}, "lou": {demo, other}, "admin": set()}
    with shared.db.session() as s:
        for login in LOGINS:
            app = readable_case_ids(s, viewer_for_login(s, login))
            assert (app if app is not None else {demo, other}) == expected[login], login
    for login, cases in expected.items():
        assert logins.case_ids(login) == cases, login
        for table in ("people", "actions", "consents", "chronology_events", "assessments", "drafts"):
            assert logins.case_ids(login, table) <= cases, (login, table)
        # Only the demo family has people and a plan; both cases have a team.
        assert logins.case_ids(login, "people") == logins.case_ids(login, "actions") == cases & {demo}, login
        assert logins.case_ids(login, "case_professionals") == cases, login
    # The owner sees everything: nothing was lost, only hidden.
    assert {r[0] for r in _owner(shared, "SELECT id FROM cases")} == {demo, other}


def test_an_administrator_sees_no_case_rows_at_all(logins: Logins) -> None:
    for table in CASE_TABLES + ["cases"]:
        assert logins.sql("admin", f"SELECT count(*) FROM {table}") == [(0,)], table
    assert len(logins.sql("admin", "SELECT login FROM users")) == len(LOGINS)  # users are theirs


def test_withdrawn_consent_hides_the_case_from_the_team_at_once(shared: Partnership, logins: Logins) -> None:
    demo = shared.demo
    people = len(logins.sql("priya", "SELECT id FROM people WHERE case_id = :c", c=demo))
    assert people > 0
    consent = _owner(shared, "SELECT id FROM consents WHERE case_id = :c ORDER BY given_on DESC, id DESC LIMIT 1",
                     c=demo)[0][0]
    _owner(shared, "UPDATE consents SET withdrawn_on = :d WHERE id = :i", d=date(2026, 11, 20), i=consent)
    try:
        for login in ("priya", "daniel"):  # TAF members
            assert logins.case_ids(login) == set()
            assert logins.sql(login, "SELECT count(*) FROM people WHERE case_id = :c", c=demo) == [(0,)]
            assert logins.sql(login, "SELECT count(*) FROM actions") == [(0,)]
        for login in ("sarah", "mel", "lou"):  # the lead and the managers keep it
            assert demo in logins.case_ids(login)
        with shared.db.session() as s:  # and the app agrees
            assert readable_case_ids(s, viewer_for_login(s, "priya")) == set()
    finally:
        _owner(shared, "UPDATE consents SET withdrawn_on = NULL WHERE id = :i", i=consent)
    assert len(logins.sql("priya", "SELECT id FROM people WHERE case_id = :c", c=demo)) == people


def test_hidden_rows_cannot_be_changed_deleted_or_added_to(shared: Partnership, logins: Logins) -> None:
    demo = shared.demo
    before = _owner(shared, "SELECT id, given_name, row_version FROM people WHERE case_id = :c ORDER BY id", c=demo)
    for login in ("tom", "jo", "admin"):
        assert logins.changed(login, "UPDATE people SET given_name = 'X' WHERE case_id = :c", c=demo) == 0
        assert logins.changed(login, "UPDATE cases SET family_name = 'X' WHERE id = :c", c=demo) == 0
        assert logins.changed(login, "DELETE FROM actions WHERE case_id = :c", c=demo) == 0
        assert logins.changed(login, "DELETE FROM cases WHERE id = :c", c=demo) == 0
        with pytest.raises(ProgrammingError, match="row-level security"):
            logins.sql(login, "INSERT INTO chronology_events (id, row_version, case_id, occurred_on, what, source, "
                              "significance, person_ids) VALUES ('x1', 1, :c, '2026-11-01', 'x', '', 'low', '[]')",
                       c=demo)
    # Nor moved into a case the login cannot see.
    with pytest.raises(ProgrammingError, match="row-level security"):
        logins.changed("tom", "UPDATE case_professionals SET case_id = :c WHERE case_id = :o", c=demo,
                       o=shared.other)
    assert _owner(shared, "SELECT id, given_name, row_version FROM people WHERE case_id = :c ORDER BY id",
                  c=demo) == before
    assert _owner(shared, "SELECT count(*) FROM cases") == [(2,)]


def test_the_audit_trail_is_read_by_all_and_only_appended_to(shared: Partnership, logins: Logins) -> None:
    total = _owner(shared, "SELECT count(*) FROM audit_events")[0][0]
    for login in LOGINS:
        assert logins.sql(login, "SELECT count(*) FROM audit_events") == [(total,)]
        assert logins.changed(login, "UPDATE audit_events SET detail = 'x'") == 0
        assert logins.changed(login, "DELETE FROM audit_events") == 0
    db = open_url(shared.url("tom"))
    try:
        with db.session() as s:
            assert verify_chain(s).ok
    finally:
        db.close()


def test_users_are_changed_by_administrators_only(shared: Partnership, logins: Logins) -> None:
    assert logins.changed("sarah", "UPDATE users SET role = 'administrator', manages_all = true "
                                   "WHERE login = 'sarah'") == 0
    assert logins.changed("mel", "DELETE FROM managed_professionals") == 0
    with pytest.raises(ProgrammingError, match="row-level security"):
        logins.sql("tom", "INSERT INTO users (id, row_version, login, name, role, manages_all, active, created_at) "
                          "VALUES ('u1', 1, 'tom2', 'T', 'administrator', true, true, now())")
    assert logins.changed("admin", "UPDATE users SET name = name WHERE login = 'sarah'") == 1
    assert _owner(shared, "SELECT role FROM users WHERE login = 'sarah'") == [("practitioner",)]


def test_cross_case_questions_still_answered(shared: Partnership) -> None:
    """The next reference, a duplicate import and the reason for a refusal need every case."""
    with shared.db.session() as s:
        demo_ref = get_case(s, shared.demo).reference
        demo_file = export_json(s, shared.demo, user="setup").encode("utf-8")
        taken = {r for (r,) in s.execute(text("SELECT reference FROM cases"))}
    db = open_url(shared.url("tom"))  # sees only the Ahmed family's case
    try:
        with db.session() as s:
            with pytest.raises(AccessDenied, match="not one of yours"):
                get_case(s, demo_ref, viewer=viewer_for_login(s, "tom"))
            with pytest.raises(ImportRejected, match="already in this database"):
                import_case(s, demo_file, user="tom")
            new = create_case(s, {"family_name": "Brook"}, user="tom", received_on=date(2026, 11, 2))
            assert new.reference not in taken
            s.rollback()
    finally:
        db.close()
    jo = open_url(shared.url("jo"))
    try:
        with jo.session() as s, pytest.raises(AccessDenied, match="consent does not cover"):
            get_case(s, demo_ref, viewer=viewer_for_login(s, "jo"))
    finally:
        jo.close()
    assert {r for (r,) in _owner(shared, "SELECT reference FROM cases")} == taken
