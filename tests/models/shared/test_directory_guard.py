"""The shared directory of professionals and agencies on a shared PostgreSQL database (migration
0011, ``models/directory_access.py``): a professional's agency decides which families' consents
cover them, so only an administrator, or the lead of every case the professional (or agency) is
in, changes it; raw SQL from any login and the team editor's service are both held to that."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import create_engine, select, text
from sqlalchemy.exc import ProgrammingError

from tafdesk.models.case_access import AccessDenied, readable_case_ids, viewer_for_login
from tafdesk.models.directory_access import PROFESSIONAL_REFUSED, may_change_agency, may_change_professional
from tafdesk.models.orm import CaseProfessional
from tafdesk.models.services.team import add_to_team, professional_form_data, update_team_member
from tafdesk.models.storage import Database, open_url
from tests.partnership import LOGINS, Partnership, partnership

REFUSED = "only an administrator"


@pytest.fixture(scope="module")
def shared(pg_url: str) -> Iterator[Partnership]:
    with partnership(pg_url) as p:
        yield p


@pytest.fixture(scope="module")
def engines(shared: Partnership) -> Iterator[dict[str, Any]]:
    made = {login: create_engine(shared.url(login)) for login in LOGINS}
    yield made
    for engine in made.values():
        engine.dispose()


def _sql(engine: Any, query: str, **params: object) -> int:
    with engine.begin() as con:
        result = con.execute(text(query), params)
        return int(result.rowcount)


def _owner(shared: Partnership, query: str, **params: object) -> list[tuple]:  # type: ignore[type-arg]
    with shared.db.engine.begin() as con:
        result = con.execute(text(query), params)
        return [tuple(r) for r in result] if result.returns_rows else []


def _agency_of(shared: Partnership, name: str) -> str:
    return _owner(shared, "SELECT agency_id FROM professionals WHERE name = :n", n=name)[0][0]


@pytest.fixture
def as_login(shared: Partnership) -> Iterator[Any]:
    opened: list[Database] = []

    def open_as(login: str) -> Database:
        db = open_url(shared.url(login))
        opened.append(db)
        return db

    yield open_as
    for db in opened:
        db.close()


def test_raw_sql_cannot_move_a_professional_into_another_familys_consent(shared: Partnership, engines) -> None:  # type: ignore[no-untyped-def]
    jo, daniel = shared.prof["Jo Bennett"], shared.prof["Daniel Osei"]
    health = _agency_of(shared, "Priya Shah")  # in every consent's scope of the demo family
    before = _owner(shared, "SELECT id, agency_id, row_version FROM professionals ORDER BY id")
    # Jo (Home-Start, not covered by the father's consent) moving herself into the health team; Tom,
    # the lead of another family, moving Jo or Daniel; Mel, a manager, who changes no record.
    for login, prof in (("jo", jo), ("tom", jo), ("tom", daniel), ("mel", daniel), ("priya", daniel)):
        with pytest.raises(ProgrammingError, match=REFUSED):
            _sql(engines[login], "UPDATE professionals SET agency_id = :a WHERE id = :p", a=health, p=prof)
        with pytest.raises(ProgrammingError, match=REFUSED):
            _sql(engines[login], "DELETE FROM professionals WHERE id = :p", p=prof)
    # Nor rename, re-kind or remove the health visitors' agency from under the consents naming it.
    for login in ("jo", "tom", "priya"):
        for change in ("UPDATE agencies SET name = 'Home-Start Riverside' WHERE id = :a",
                       "UPDATE agencies SET kind = 'voluntary' WHERE id = :a",
                       "DELETE FROM agencies WHERE id = :a"):
            with pytest.raises(ProgrammingError, match=REFUSED):
                _sql(engines[login], change, a=health)
    assert _owner(shared, "SELECT id, agency_id, row_version FROM professionals ORDER BY id") == before
    with shared.db.session() as s:
        assert readable_case_ids(s, viewer_for_login(s, "jo")) == set()  # still hidden from Jo
    # Reading stays open to everyone, and contact details are not part of the rule.
    count = _owner(shared, "SELECT count(*) FROM professionals")[0][0]
    assert _sql(engines["jo"], "SELECT id FROM professionals") == count
    assert _sql(engines["tom"], "UPDATE professionals SET phone = phone WHERE id = :p", p=jo) == 1


def test_the_team_service_refuses_with_a_sentence(shared: Partnership, as_login) -> None:  # type: ignore[no-untyped-def]
    jo = shared.prof["Jo Bennett"]
    home_start = _agency_of(shared, "Jo Bennett")
    tom = as_login("tom")
    with tom.session() as s:  # Tom adds Jo to his own family's team: allowed, it is his case
        member = add_to_team(s, shared.other, {"name": "Jo Bennett", "agency_name": "Home-Start Riverside"},
                             user="tom", professional_id=jo)
        member_id = member.id
    try:
        with tom.session() as s:
            data = professional_form_data(s.get(CaseProfessional, member_id))
            assert not may_change_professional(s, jo)
        with pytest.raises(AccessDenied) as refused, tom.session() as s:
            update_team_member(s, member_id, data | {"agency_name": "Riverside Health Visiting Team"}, user="tom")
        assert str(refused.value) == PROFESSIONAL_REFUSED
        assert _owner(shared, "SELECT agency_id FROM professionals WHERE id = :p", p=jo) == [(home_start,)]
        with shared.db.session() as s:
            assert readable_case_ids(s, viewer_for_login(s, "jo")) == set()  # still not the demo family
        # The same member's phone, and their part in his family's team, are his to change.
        with tom.session() as s:
            update_team_member(s, member_id, data | {"phone": "01632 960111", "role_in_case": "Home visits"},
                               user="tom")
        assert _owner(shared, "SELECT phone FROM professionals WHERE id = :p", p=jo) == [("01632 960111",)]
    finally:
        _owner(shared, "DELETE FROM case_professionals WHERE id = :m", m=member_id)


def test_an_administrator_may_change_the_directory(shared: Partnership, engines, as_login) -> None:  # type: ignore[no-untyped-def]
    jo = shared.prof["Jo Bennett"]
    home_start, health = _agency_of(shared, "Jo Bennett"), _agency_of(shared, "Priya Shah")
    with as_login("admin").session() as s:
        assert may_change_professional(s, jo) and may_change_agency(s, health)
    try:
        assert _sql(engines["admin"], "UPDATE professionals SET agency_id = :a WHERE id = :p", a=health, p=jo) == 1
        with shared.db.session() as s:  # the administrator's decision: Jo now counts as health
            assert readable_case_ids(s, viewer_for_login(s, "jo")) == {shared.demo}
    finally:
        assert _sql(engines["admin"], "UPDATE professionals SET agency_id = :a WHERE id = :p",
                    a=home_start, p=jo) == 1
    with shared.db.session() as s:
        assert readable_case_ids(s, viewer_for_login(s, "jo")) == set()


def test_the_lead_of_the_only_case_may_change_it(shared: Partnership, engines, as_login) -> None:  # type: ignore[no-untyped-def]
    daniel = shared.prof["Daniel Osei"]
    school = _agency_of(shared, "Daniel Osei")
    sarah = as_login("sarah")
    with sarah.session() as s:  # Daniel is only in the demo family's team, which Sarah leads
        assert may_change_professional(s, daniel) and may_change_agency(s, school)
        assert not may_change_agency(s, _agency_of(shared, "Tom Reed"))  # Tom's team, not hers
        member = s.scalar(select(CaseProfessional).where(CaseProfessional.professional_id == daniel))
        assert member is not None
        member_id, data = member.id, professional_form_data(member)
    with sarah.session() as s:
        update_team_member(s, member_id, data | {"agency_name": "Riverside Junior School"}, user="sarah")
    moved = _owner(shared, "SELECT a.name FROM professionals p JOIN agencies a ON a.id = p.agency_id "
                           "WHERE p.id = :p", p=daniel)
    assert moved == [("Riverside Junior School",)]
    with sarah.session() as s:
        update_team_member(s, member_id, data, user="sarah")  # and back
    assert _owner(shared, "SELECT agency_id FROM professionals WHERE id = :p", p=daniel) == [(school,)]
    # Raw SQL is held to the same rule: Tom may rename his own team's agency, not Daniel's school.
    tom_agency = _agency_of(shared, "Tom Reed")
    assert _sql(engines["tom"], "UPDATE agencies SET name = name || ' ' WHERE id = :a", a=tom_agency) == 1
    assert _sql(engines["tom"], "UPDATE agencies SET name = rtrim(name) WHERE id = :a", a=tom_agency) == 1
    with pytest.raises(ProgrammingError, match=REFUSED):
        _sql(engines["tom"], "UPDATE agencies SET name = name || ' ' WHERE id = :a", a=school)
