"""Who may change a case's rows on a shared PostgreSQL database (migration 0012): reading a case
is not changing it. Raw SQL on each login's own connection, as psql would send, and the
services on each login's own connection, as tafdesk does. Mirrors ``case_access.check_change``:
the lead professional changes everything; a TAF member only the actions they own; a manager
only authorises; every reader keeps editor drafts and appends to the audit trail."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy import create_engine, select, text
from sqlalchemy.exc import DBAPIError, ProgrammingError

from tafdesk.models.case_access import viewer_for_login
from tafdesk.models.orm import Assessment, Outcome
from tafdesk.models.services import assessment as A
from tafdesk.models.services.audit import verify_chain
from tafdesk.models.storage import open_url
from tests.partnership import LOGINS, Partnership, partnership

READERS_NOT_LEAD = ("priya", "daniel", "mel", "lou")  # read the demo family's case, do not lead it
# A harmless change to one row of each part of the record a reader must not change.
CHANGES = {
    "consents": "UPDATE consents SET share_with_all_taf = NOT share_with_all_taf WHERE case_id = :c",
    "plan_versions": "UPDATE plan_versions SET status = status WHERE case_id = :c",
    "needs": "UPDATE needs SET description = description || ' (edited)' WHERE case_id = :c",
    "outcomes": "UPDATE outcomes SET description = 'x' WHERE case_id = :c",
    "people": "UPDATE people SET given_name = 'X' WHERE case_id = :c",
    "case_professionals": "UPDATE case_professionals SET left_on = '2026-11-01' WHERE case_id = :c",
    "chronology_events": "UPDATE chronology_events SET what = 'x' WHERE case_id = :c",
    "cases": "UPDATE cases SET family_name = 'X' WHERE id = :c",
}
DELETES = ("consents", "needs", "people", "meetings", "chronology_events", "case_professionals")
INSERT_CHRONOLOGY = ("INSERT INTO chronology_events (id, row_version, case_id, occurred_on, what, source, "
                     "significance, person_ids) VALUES (:i, 1, :c, '2026-11-01', 'x', '', 'low', '[]')")


@pytest.fixture(scope="module")
def shared(pg_url: str) -> Iterator[Partnership]:
    with partnership(pg_url) as p:
        yield p


@pytest.fixture(scope="module")
def engines(shared: Partnership) -> Iterator[dict]:  # type: ignore[type-arg]
    made = {login: create_engine(shared.url(login)) for login in LOGINS}
    yield made
    for engine in made.values():
        engine.dispose()


def _changed(engines: dict, login: str, query: str, **params: object) -> int:  # type: ignore[type-arg]
    with engines[login].begin() as con:
        return int(con.execute(text(query), params).rowcount)


def _changes_nothing(engines: dict, login: str, query: str, **params: object) -> bool:  # type: ignore[type-arg]
    """Whether the statement touches no row: it finds none it may change, or is refused."""
    try:
        return _changed(engines, login, query, **params) == 0
    except DBAPIError as exc:
        return "tafdesk: " in str(exc) or "row-level security" in str(exc)


def _owner(shared: Partnership, query: str, **params: object) -> list[tuple]:  # type: ignore[type-arg]
    with shared.db.engine.begin() as con:
        result = con.execute(text(query), params)
        return [tuple(r) for r in result] if result.returns_rows else []


def _snapshot(shared: Partnership, table: str) -> list[tuple]:  # type: ignore[type-arg]
    column = "id" if table == "cases" else "case_id"
    return _owner(shared, f"SELECT * FROM {table} WHERE {column} = :c ORDER BY id", c=shared.demo)


def _actions(shared: Partnership, login: str) -> tuple[str, str]:
    """An action of the live plan owned by the login's professional, and one owned by another."""
    rows = _owner(shared, "SELECT a.id, a.owner_professional_id = u.professional_id FROM actions a "
                          "JOIN outcomes o ON o.id = a.outcome_id JOIN plan_versions pv ON pv.id = o.plan_version_id "
                          "JOIN users u ON u.login = :l "
                          "WHERE a.case_id = :c AND pv.status <> 'superseded' AND a.owner_professional_id IS NOT NULL "
                          "ORDER BY a.id", l=login, c=shared.demo)
    return next(i for i, own in rows if own), next(i for i, own in rows if not own)


def test_the_rule_is_one_pinned_definer_function(shared: Partnership) -> None:
    rows = _owner(shared, "SELECT prosecdef, provolatile, proconfig FROM pg_proc WHERE proname = 'tafdesk_may_change'")
    assert len(rows) == 1
    definer, volatility, config = rows[0]
    assert definer and volatility == "s" and any(c.startswith("search_path=") for c in config)
    # Every case table but the drafts has separate read and write policies now.
    loose = _owner(shared, "SELECT tablename FROM pg_policies WHERE schemaname = 'public' AND cmd = 'ALL' "
                           "AND qual LIKE '%tafdesk_may_read%'")
    assert loose == [("drafts",)]


def test_readers_who_do_not_lead_change_nothing_of_the_record(shared: Partnership, engines: dict) -> None:  # type: ignore[type-arg]
    refused = 0
    for table, query in CHANGES.items():
        before = _snapshot(shared, table)
        assert before, table  # there is something to change
        for login in READERS_NOT_LEAD:
            assert _changes_nothing(engines, login, query, c=shared.demo), (login, table)
            refused += 1
        assert _snapshot(shared, table) == before, table
    for table in DELETES:
        before = _snapshot(shared, table)
        for login in READERS_NOT_LEAD:
            assert _changes_nothing(engines, login, f"DELETE FROM {table} WHERE case_id = :c", c=shared.demo)
            refused += 1
        assert _snapshot(shared, table) == before, table
    assert refused == 4 * (len(CHANGES) + len(DELETES))


def test_a_case_one_may_only_read_takes_no_new_rows(shared: Partnership, engines: dict) -> None:  # type: ignore[type-arg]
    for n, login in enumerate(READERS_NOT_LEAD):
        with pytest.raises(ProgrammingError, match="row-level security"):
            _changed(engines, login, INSERT_CHRONOLOGY, i=f"r{n}", c=shared.demo)
        with pytest.raises(ProgrammingError, match="row-level security"):
            _changed(engines, login, "INSERT INTO issued_documents (id, row_version, case_id, doc_type, doc_version, "
                                     "language, format, recipient, issued_at, method, sha256) VALUES "
                                     "(:i, 1, :c, 'plan', 'v1', 'en', 'pdf', '', now(), 'not_given', '')",
                     i=f"d{n}", c=shared.demo)
    assert _owner(shared, "SELECT count(*) FROM chronology_events WHERE id LIKE 'r_'") == [(0,)]


def test_a_reader_keeps_drafts_and_appends_to_the_audit_trail(shared: Partnership, engines: dict) -> None:  # type: ignore[type-arg]
    for login in READERS_NOT_LEAD:
        assert _changed(engines, login, "INSERT INTO drafts (id, row_version, case_id, entity, entity_id, data, "
                                        "saved_at) VALUES (:i, 1, :c, 'action', :i, '{}', now())",
                        i=f"draft-{login}", c=shared.demo) == 1
        assert _changed(engines, login, "DELETE FROM drafts WHERE id = :i", i=f"draft-{login}") == 1
    db = open_url(shared.url("priya"))  # opening a case records it, under the reader's login
    try:
        with db.session() as s:
            from tafdesk.models.services.audit import record_event

            record_event(s, user="priya", action="open", case_id=shared.demo, entity="cases")
            s.commit()
            assert verify_chain(s).ok
    finally:
        db.close()
    assert _changed(engines, "priya", "UPDATE audit_events SET detail = 'x'") == 0


def test_a_team_member_changes_the_actions_they_own_and_no_more(shared: Partnership, engines: dict) -> None:  # type: ignore[type-arg]
    own, other = _actions(shared, "daniel")  # Daniel owns an action of the live plan; Priya owns none
    assert _changed(engines, "daniel", "UPDATE actions SET status = 'done', rag = 'green', "
                                       "row_version = row_version + 1 WHERE id = :i", i=own) == 1
    assert _owner(shared, "SELECT status, rag FROM actions WHERE id = :i", i=own) == [("done", "green")]
    assert _changed(engines, "daniel", "UPDATE actions SET measure = 'Attendance above 95%' WHERE id = :i",
                    i=own) == 1
    # Another professional's action.
    before = _owner(shared, "SELECT * FROM actions WHERE id = :i", i=other)
    for login, target in (("daniel", other), ("priya", other), ("priya", own)):
        assert _changed(engines, login, "UPDATE actions SET status = 'done' WHERE id = :i", i=target) == 0
        assert _changed(engines, login, "DELETE FROM actions WHERE id = :i", i=target) == 0
    assert _owner(shared, "SELECT * FROM actions WHERE id = :i", i=other) == before
    # Their own action moved to another outcome or position, given to a stranger, or in a plan
    # that has been replaced: refused.
    outcome = _owner(shared, "SELECT o.id FROM outcomes o JOIN actions a ON a.case_id = o.case_id "
                             "WHERE a.id = :i AND o.id <> a.outcome_id LIMIT 1", i=own)[0][0]
    stranger = _owner(shared, "SELECT professional_id FROM case_professionals WHERE case_id = :c", c=shared.other)
    old_plan = _owner(shared, "SELECT a.id FROM actions a JOIN outcomes o ON o.id = a.outcome_id "
                              "JOIN plan_versions pv ON pv.id = o.plan_version_id JOIN users u ON u.login = 'daniel' "
                              "WHERE pv.status = 'superseded' AND a.owner_professional_id = u.professional_id")
    for query, params in (("UPDATE actions SET outcome_id = :o WHERE id = :i", {"i": own, "o": outcome}),
                          ("UPDATE actions SET position = position + 7 WHERE id = :i", {"i": own}),
                          ("UPDATE actions SET owner_professional_id = :p WHERE id = :i",
                           {"i": own, "p": stranger[0][0]}),
                          ("UPDATE actions SET status = 'done' WHERE id = :i", {"i": old_plan[0][0]})):
        with pytest.raises(DBAPIError, match="tafdesk: "):
            _changed(engines, "daniel", query, **params)
    # A manager who reads the case owns nothing in it to change.
    assert _changed(engines, "mel", "UPDATE actions SET status = 'done' WHERE case_id = :c", c=shared.demo) == 0


def test_a_manager_authorises_through_the_service_and_nothing_else(shared: Partnership, engines: dict) -> None:  # type: ignore[type-arg]
    sarah_db, mel_db = open_url(shared.url("sarah")), open_url(shared.url("mel"))
    try:
        with sarah_db.session() as s:  # the lead amends and completes, on her own login
            sarah = viewer_for_login(s, "sarah")
            old = s.scalar(select(Assessment).where(Assessment.case_id == shared.demo,
                                                    Assessment.status == "authorised"))
            new = A.amend_assessment(s, old.id, user="sarah", viewer=sarah, today=date(2026, 11, 20))
            A.mark_complete(s, new.id, user="sarah", viewer=sarah, today=date(2026, 11, 20))
            aid = new.id
            s.commit()
        # Raw SQL cannot use the manager's right for anything but authorising.
        with pytest.raises(DBAPIError, match="tafdesk: as the case's manager"):
            _changed(engines, "mel", "UPDATE assessments SET analysis = 'x' WHERE id = :i", i=aid)
        with pytest.raises(DBAPIError, match="tafdesk: only the lead professional changes the plan"):
            _changed(engines, "mel", "UPDATE outcomes SET need_ids = '[]' WHERE case_id = :c", c=shared.demo)
        with mel_db.session() as s:
            A.authorise(s, aid, {"authorised_by": "Mel Grant", "authorised_on": date(2026, 11, 21)},
                        user="mel", viewer=viewer_for_login(s, "mel"))
            s.commit()
        new_needs = {i for (i,) in _owner(shared, "SELECT id FROM needs WHERE assessment_id = :a", a=aid)}
        with shared.db.session() as s:
            assert s.get(Assessment, aid).status == "authorised"
            linked = {i for o in s.scalars(select(Outcome).where(Outcome.case_id == shared.demo)) for i in o.need_ids}
        assert linked & new_needs  # the live plan now answers the amendment's needs
        # A TAF member cannot authorise with raw SQL either.
        assert _changed(engines, "priya", "UPDATE assessments SET status = 'authorised' WHERE case_id = :c",
                        c=shared.demo) == 0
    finally:
        sarah_db.close()
        mel_db.close()


def test_the_lead_changes_everything(shared: Partnership, engines: dict) -> None:  # type: ignore[type-arg]
    for table, query in CHANGES.items():
        if table == "case_professionals":
            continue
        assert _changed(engines, "sarah", query, c=shared.demo) >= 1, table
    _, other = _actions(shared, "daniel")
    assert _changed(engines, "sarah", "UPDATE actions SET position = position + 1, status = 'done' "
                                      "WHERE id = :i", i=other) == 1
    assert _changed(engines, "sarah", "UPDATE assessments SET analysis = analysis WHERE case_id = :c",
                    c=shared.demo) >= 1
    assert _changed(engines, "sarah", INSERT_CHRONOLOGY, i="lead-1", c=shared.demo) == 1
    assert _changed(engines, "sarah", "DELETE FROM chronology_events WHERE id = 'lead-1'") == 1
    # Still not a case she does not lead.
    assert _changed(engines, "sarah", "UPDATE cases SET family_name = 'X' WHERE id = :c", c=shared.other) == 0
    assert _changed(engines, "tom", "UPDATE cases SET family_name = family_name WHERE id = :c", c=shared.other) == 1
