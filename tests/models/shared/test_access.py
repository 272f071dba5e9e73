"""Who sees which case in a shared database, by role and by the family's consent; on SQLite
and PostgreSQL. The single user of a local file (no viewer) sees and changes everything."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
from sqlalchemy import select

from tafdesk.models.case_access import (
    AccessDenied,
    CaseRole,
    case_access,
    check_change,
    current_viewer,
    viewer_for_login,
)
from tafdesk.models.errors import ValidationFailed
from tafdesk.models.orm import Action, Consent, Person, Professional
from tafdesk.models.services import users
from tafdesk.models.services.cases import create_case, get_case, list_cases
from tafdesk.models.services.demo import create_demo
from tafdesk.models.services.team import add_to_team
from tafdesk.models.storage import Database

from .conftest import Opener


@dataclass
class World:
    db: Database
    demo: str  # the Carter-Nowak case
    other: str  # a case led by someone else
    prof: dict[str, str]  # professional name -> id


def _build(db: Database) -> World:
    with db.session() as s:
        demo = create_demo(s, user="setup")
        other = create_case(s, {"family_name": "Ahmed"}, user="setup", received_on=date(2026, 10, 1))
        lead = add_to_team(s, other.id, {"name": "Tom Reed", "role": "Family Worker", "agency_name": "Locality Team",
                                          "agency_kind": "early_help"}, user="setup").professional
        other.lead_professional_id = lead.id
        prof = {p.name: p.id for p in s.scalars(select(Professional))}
        users.add_user(s, {"login": "admin", "name": "Ann Admin", "role": "administrator"}, viewer=None, user="setup")
        admin = viewer_for_login(s, "admin")
        add = lambda login, name, role, **kw: users.add_user(
            s, {"login": login, "name": name, "role": role, **kw}, viewer=admin, user="admin")
        add("sarah", "Sarah Whitfield", "practitioner", professional="Sarah Whitfield")
        add("priya", "Priya Shah", "practitioner", professional="Priya Shah")
        add("daniel", "Daniel Osei", "practitioner", professional="Daniel Osei")
        add("jo", "Jo Bennett", "practitioner", professional="Jo Bennett")
        add("tom", "Tom Reed", "practitioner", professional=lead.id)
        add("mel", "Mel Grant", "manager")
        add("lou", "Lou Park", "manager", manages_all=True)
        users.set_team(s, "mel", ["Sarah Whitfield"], viewer=admin, user="admin")
        return World(db, demo.id, other.id, prof)


@pytest.fixture
def world(open_same_db: Opener) -> World:
    return _build(open_same_db())


def _visible(w: World, login: str) -> set[str]:
    with w.db.session() as s:
        return {c.id for c in list_cases(s, viewer=viewer_for_login(s, login))}


def test_each_user_sees_only_the_cases_they_are_part_of_or_manage(world: World) -> None:
    w = world
    assert _visible(w, "sarah") == {w.demo}  # lead professional
    assert _visible(w, "tom") == {w.other}
    assert _visible(w, "priya") == {w.demo}  # TAF member; health is in every consent's scope
    assert _visible(w, "daniel") == {w.demo}  # so is his school
    assert _visible(w, "jo") == set()  # TAF member, but the father did not consent to Home-Start
    assert _visible(w, "mel") == {w.demo}  # manages Sarah
    assert _visible(w, "lou") == {w.demo, w.other}  # manages the whole service
    assert _visible(w, "admin") == set()  # no case content
    with w.db.session() as s:
        assert {c.id for c in list_cases(s)} == {w.demo, w.other}  # local file: one user, every case


def test_opening_a_case_is_refused_with_the_reason(world: World) -> None:
    w = world
    with w.db.session() as s:
        ref = get_case(s, w.demo).reference
        assert get_case(s, ref, viewer=viewer_for_login(s, "priya")).id == w.demo
        with pytest.raises(AccessDenied, match="consent does not cover sharing"):
            get_case(s, ref, viewer=viewer_for_login(s, "jo"))
        with pytest.raises(AccessDenied, match="not one of yours"):
            get_case(s, ref, viewer=viewer_for_login(s, "tom"))
        with pytest.raises(AccessDenied, match="Administrators manage users"):
            get_case(s, ref, viewer=viewer_for_login(s, "admin"))


def test_roles_decide_what_may_be_changed(world: World) -> None:
    w = world
    with w.db.session() as s:
        def acc(login: str):  # type: ignore[no-untyped-def]
            return case_access(s, viewer_for_login(s, login), w.demo)

        assert (acc("sarah").role, acc("sarah").edit, acc("sarah").authorise) == (CaseRole.LEAD, True, False)
        assert (acc("priya").role, acc("priya").read_only) == (CaseRole.TAF_MEMBER, True)
        assert (acc("mel").role, acc("mel").read_only, acc("mel").authorise) == (CaseRole.MANAGER, True, True)
        actions = s.scalars(select(Action).where(Action.case_id == w.demo)).all()
        his = next(a for a in actions if a.owner_professional_id == w.prof["Daniel Osei"])
        not_his = next(a for a in actions if a.owner_professional_id != w.prof["Daniel Osei"])
        daniel, priya, mel, sarah = (viewer_for_login(s, n) for n in ("daniel", "priya", "mel", "sarah"))
        check_change(s, daniel, w.demo, action_id=his.id)  # a TAF member updates the actions they own
        with pytest.raises(AccessDenied, match="plan actions you own"):
            check_change(s, daniel, w.demo, action_id=not_his.id)
        with pytest.raises(AccessDenied, match="plan actions you own"):
            check_change(s, priya, w.demo, action_id=his.id)
        with pytest.raises(AccessDenied, match="plan actions you own"):
            check_change(s, daniel, w.demo)
        with pytest.raises(AccessDenied, match="read and authorise"):
            check_change(s, mel, w.demo)
        check_change(s, sarah, w.demo)
        check_change(s, None, w.demo)  # the local file's user


def test_withdrawn_consent_hides_the_case_from_the_team_but_not_the_lead(world: World) -> None:
    w = world
    with w.db.session() as s:
        mum = s.scalar(select(Person).where(Person.given_name == "Agnieszka"))
        consent = s.scalar(select(Consent).where(Consent.person_id == mum.id))
        consent.withdrawn_on = date(2026, 11, 1)
    assert _visible(w, "priya") == set()
    assert _visible(w, "sarah") == {w.demo} and _visible(w, "mel") == {w.demo}
    with w.db.session() as s:  # consent given again, newer than the withdrawal: shared again
        s.add(Consent(case_id=w.demo, person_id=mum.id, given_on=date(2026, 11, 20), method="written",
                      share_with_all_taf=True))
    assert _visible(w, "priya") == {w.demo}


def test_a_member_who_left_the_team_no_longer_sees_the_case(world: World) -> None:
    from tafdesk.models.orm import CaseProfessional

    w = world
    with w.db.session() as s:
        member = s.scalar(select(CaseProfessional).where(CaseProfessional.professional_id == w.prof["Priya Shah"]))
        member.left_on = date(2026, 11, 1)
    assert _visible(w, "priya") == set()


def test_only_an_administrator_manages_users(open_same_db: Opener) -> None:
    db = open_same_db()
    with db.session() as s:
        create_demo(s, user="setup")
        with pytest.raises(ValidationFailed, match="first user of a shared database must be an administrator"):
            users.add_user(s, {"login": "sarah", "name": "Sarah", "role": "practitioner",
                               "professional": "Sarah Whitfield"}, viewer=None, user="x")
        users.add_user(s, {"login": "admin", "name": "Ann", "role": "administrator"}, viewer=None, user="x")
        admin = viewer_for_login(s, "admin")
        with pytest.raises(ValidationFailed) as caught:
            users.add_user(s, {"login": "admin", "name": "", "role": "boss"}, viewer=admin, user="admin")
        assert set(caught.value.problems) == {"login", "name", "role"}
        with pytest.raises(ValidationFailed, match="linked to their professional record"):
            users.add_user(s, {"login": "x", "name": "X", "role": "practitioner"}, viewer=admin, user="admin")
        users.add_user(s, {"login": "sarah", "name": "Sarah", "role": "practitioner",
                           "professional": "sarah whitfield"}, viewer=admin, user="admin")
        sarah = viewer_for_login(s, "sarah")
        with pytest.raises(AccessDenied, match="Only a tafdesk administrator"):
            users.add_user(s, {"login": "y", "name": "Y", "role": "manager"}, viewer=sarah, user="sarah")
        users.set_active(s, "sarah", False, viewer=admin, user="admin")
        with pytest.raises(AccessDenied, match="not an active tafdesk user"):
            viewer_for_login(s, "sarah")
        assert [(u.login, u.active) for u in users.list_users(s)] == [("admin", True), ("sarah", False)]


def test_the_user_is_the_database_login(open_same_db: Opener) -> None:
    import secrets

    from sqlalchemy import text
    from sqlalchemy.engine import make_url

    from tafdesk.models.storage import open_url

    w = _build(open_same_db())
    if w.db.engine.dialect.name == "sqlite":
        with w.db.session() as s:
            assert current_viewer(s) is None  # the one user of a local file: no user table consulted
        return
    login, password = f"priya_{secrets.token_hex(4)}", secrets.token_hex(8)
    with w.db.engine.begin() as con:
        con.execute(text(f"CREATE ROLE {login} LOGIN PASSWORD '{password}'"))
        con.execute(text(f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {login}"))
        con.execute(text(f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {login}"))
    url = make_url(open_same_db.url).set(username=login, password=password)  # type: ignore[attr-defined]
    as_priya = open_url(url.render_as_string(hide_password=False))
    try:
        with as_priya.session() as s, pytest.raises(
                AccessDenied, match=f"database login '{login}' is not an active tafdesk user"):
            current_viewer(s)
        with w.db.session() as s:
            admin = viewer_for_login(s, "admin")
            users.add_user(s, {"login": login, "name": "Priya Shah", "role": "practitioner",
                               "professional": "Priya Shah"}, viewer=admin, user="admin")
        with as_priya.session() as s:
            me = current_viewer(s)
            assert me is not None and (me.login, me.professional_id) == (login, w.prof["Priya Shah"])
            assert [c.id for c in list_cases(s, viewer=me)] == [w.demo]
        # The server's superuser is no tafdesk user either.
        with w.db.session() as s, pytest.raises(AccessDenied, match="'postgres' is not an active tafdesk user"):
            current_viewer(s)
    finally:
        as_priya.close()
