"""Every form and every service that takes form data, under arbitrary input: the input is
accepted, or refused with ValidationFailed (a message for each field named) or another
TafdeskError (one sentence); never any other exception, and a refusal leaves the database as
it was."""

from __future__ import annotations

import hashlib
import importlib
import inspect
import pkgutil
import time
import typing
from collections.abc import Callable, Iterator
from datetime import date, datetime
from enum import Enum
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel
from sqlalchemy import select, text
from sqlalchemy.orm import Session

import tafdesk.models.schemas as schemas_pkg
import tafdesk.models.services as services_pkg
from tafdesk.models.errors import TafdeskError, ValidationFailed
from tafdesk.models.orm import (
    Action,
    Allocation,
    Attachment,
    CaseProfessional,
    Consent,
    FamilyFeedback,
    Meeting,
    Outcome,
    Person,
    PlanVersion,
    Request,
    ScalingScore,
)
from tafdesk.models.schemas.forms import Form
from tafdesk.models.services import (
    assessment,
    assessment_parts,
    cases,
    casework,
    consent,
    endings,
    feedback,
    genogram,
    ledger,
    meetings,
    people,
    plan,
    requests,
    scaling,
    team,
    users,
)
from tafdesk.models.storage import Database, open_database

STATS = {"forms": 0, "services": 0, "accepted": 0, "refused": 0, "seconds": 0.0}
TODAY = date(2026, 11, 20)


def _all_forms() -> list[type[BaseModel]]:
    for pkg in (schemas_pkg, services_pkg):
        for mod in pkgutil.iter_modules(pkg.__path__):
            importlib.import_module(f"{pkg.__name__}.{mod.name}")
    found: list[type[BaseModel]] = []
    todo = list(Form.__subclasses__())
    while todo:
        cls = todo.pop()
        if cls not in found:
            found.append(cls)
            todo.extend(cls.__subclasses__())
    return sorted(found, key=lambda c: c.__qualname__)


FORMS = _all_forms()
FIELD_NAMES = sorted({name for f in FORMS for name in f.model_fields})


@pytest.fixture(scope="module", autouse=True)
def report() -> Iterator[None]:
    yield
    print(f"\nform fuzzing: {STATS['forms']} form inputs and {STATS['services']} service calls "
          f"({STATS['accepted']} accepted, {STATS['refused']} refused) in {STATS['seconds']:.1f} s")


# Values: plausible ones for the field's type, and hostile ones of any type.
NASTY = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(2**66), max_value=2**66),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=30),
    st.sampled_from(["", " ", "\x00", "a\x1bb", "\ud800", "\u202e", "2026-02-30", "9999-12-31", "0001-01-01",
                     "2026-11-20T25:00", "tomorrow", "x" * 5000, "null", "-1", "1e309", "\n\n", "EH-2026-0001"]),
    st.dates(min_value=date(1, 1, 1)), st.datetimes(), st.lists(st.text(max_size=3), max_size=3),
    st.dictionaries(st.text(max_size=4), st.one_of(st.integers(), st.text(max_size=4)), max_size=3),
)


def _plausible(annotation: Any) -> st.SearchStrategy[Any]:
    args = typing.get_args(annotation)
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _plausible(args[0])
    if origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
        return st.one_of([_plausible(a) for a in args])
    if origin in (list, set, frozenset, tuple):
        return st.lists(_plausible(args[0]) if args else NASTY, max_size=3)
    if origin is dict:
        return st.dictionaries(_plausible(args[0]), _plausible(args[1]), max_size=3)
    if inspect.isclass(annotation):
        if issubclass(annotation, Enum):
            return st.sampled_from([m.value for m in annotation])
        if issubclass(annotation, bool):
            return st.booleans()
        if issubclass(annotation, int):
            return st.integers(-3, 12)
        if issubclass(annotation, datetime):
            return st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2027, 12, 31)).map(
                lambda d: d.isoformat(timespec="minutes"))
        if issubclass(annotation, date):
            return st.dates(min_value=date(2000, 1, 1), max_value=date(2027, 12, 31))
        if issubclass(annotation, str):
            return st.text(max_size=20)
    if annotation is type(None):
        return st.none()
    return NASTY


@st.composite
def form_data(draw: st.DrawFn, form: type[BaseModel] | None, real: dict[str, Any] | None = None) -> dict[str, Any]:
    """A dict for ``form``: a real record's data or nothing, with fields set, removed or added."""
    data = dict(real or {})
    fields = form.model_fields if form is not None else {}
    names = sorted(fields) or FIELD_NAMES
    for _ in range(draw(st.integers(0, 6))):
        name = draw(st.sampled_from(names))
        how = draw(st.sampled_from(["plausible", "plausible", "nasty", "remove", "extra"]))
        if how == "plausible" and name in fields:
            data[name] = draw(_plausible(fields[name].annotation))
        elif how == "nasty":
            data[name] = draw(NASTY)
        elif how == "remove":
            data.pop(name, None)
        else:
            data[draw(st.sampled_from(FIELD_NAMES + ["", "zzz", "__dict__"]))] = draw(NASTY)
    return data


def _check_refusal(exc: TafdeskError, allowed: set[str] | None) -> None:
    assert str(exc).strip(), "a refusal says why"
    if isinstance(exc, ValidationFailed):
        assert exc.problems, "a refusal names at least one problem"
        for key, message in exc.problems.items():
            assert isinstance(key, str) and isinstance(message, str) and message.strip(), exc.problems
            assert "Traceback" not in message and len(message) < 400, message
            if allowed is not None and key:
                assert key.split(".")[0] in allowed, (key, sorted(allowed))


@pytest.mark.parametrize("form", FORMS, ids=lambda f: f.__qualname__)
@settings(max_examples=25, deadline=None)
@given(data=st.data())
def test_every_form_accepts_or_names_each_problem(form: type[BaseModel], data: st.DataObject) -> None:
    values = data.draw(form_data(form))
    start = time.perf_counter()
    STATS["forms"] += 1
    try:
        cases.validate(form, values, today=data.draw(st.sampled_from([None, TODAY])))
        STATS["accepted"] += 1
    except ValidationFailed as exc:
        STATS["refused"] += 1
        _check_refusal(exc, set(form.model_fields) | set(values))
    finally:
        STATS["seconds"] += time.perf_counter() - start


# Services that take form data, each with the records it works on in the demo family.
def _first(s: Session, model: type, case_id: str) -> str:
    row = s.scalars(select(model).where(model.case_id == case_id)).first()  # type: ignore[attr-defined]
    assert row is not None, model
    return str(row.id)


def _current_assessment(s: Session, case_id: str) -> str:
    a = assessment.current_assessment(s, case_id)
    assert a is not None
    return str(a.id)


def _part(table: str) -> Callable[[Session, str], str]:
    return lambda s, c: str(assessment_parts.parts_of(s, _current_assessment(s, c), table)[0].id)


def _entry(table: str) -> Callable[[Session, str], str]:
    return lambda s, c: str(casework.entries_of(s, c, table)[0].id)


def _link(kind: str) -> Callable[[Session, str], str]:
    return lambda s, c: _first(s, genogram.LINKS[kind][0], c)


Call = Callable[[Session, str, dict[str, Any]], Any]
Entry = tuple[Call, type[BaseModel] | None, Callable[[Session, str], dict[str, Any]] | None]
U = {"user": "fuzz"}


def _update_part(t: str) -> Entry:
    model, form = assessment_parts.PARTS[t]
    return (lambda s, c, d: assessment_parts.update_part(s, t, _part(t)(s, c), d, **U), form,
            lambda s, c: assessment_parts.part_form_data(s, s.get(model, _part(t)(s, c))))


def _add_entry(t: str) -> Entry:
    return (lambda s, c, d: casework.add_entry(s, c, t, d, **U), casework.KINDS[t].form, None)


def _update_entry(t: str) -> Entry:
    return (lambda s, c, d: casework.update_entry(s, t, _entry(t)(s, c), d, **U), casework.KINDS[t].form,
            lambda s, c: casework.entry_form_data(t, casework.get_entry(s, t, _entry(t)(s, c))))


def _add_link(k: str) -> Entry:
    return (lambda s, c, d: genogram.add_link(s, c, k, d, **U), genogram.LINKS[k][1], None)


def _update_link(k: str) -> Entry:
    return (lambda s, c, d: genogram.update_link(s, k, _link(k)(s, c), d, **U), genogram.LINKS[k][1],
            lambda s, c: genogram.link_data(s, k, _link(k)(s, c)))

SERVICES: dict[str, Entry] = {
    "cases.create_case": (lambda s, c, d: cases.create_case(s, d, **U), None, None),
    "requests.start_case": (lambda s, c, d: requests.start_case(s, d, **U), None, None),
    "requests.record_request": (lambda s, c, d: requests.record_request(s, c, d, **U), None, None),
    "requests.update_request": (lambda s, c, d: requests.update_request(s, _first(s, Request, c), d, **U), None,
                                lambda s, c: requests.request_form_data(s.get(Request, _first(s, Request, c)))),
    "requests.allocate": (lambda s, c, d: requests.allocate(s, c, d, **U), None, None),
    "requests.update_allocation": (lambda s, c, d: requests.update_allocation(s, _first(s, Allocation, c), d, **U),
                                   None, lambda s, c: requests.allocation_form_data(
                                       s.get(Allocation, _first(s, Allocation, c)))),
    "people.add_person": (lambda s, c, d: people.add_person(s, c, d, **U), None, None),
    "people.update_person": (lambda s, c, d: people.update_person(s, _first(s, Person, c), d, **U), None,
                             lambda s, c: people.person_form_data(s.get(Person, _first(s, Person, c)))),
    "people.set_relationship": (lambda s, c, d: people.set_relationship(s, c, d, **U), None, None),
    "team.add_to_team": (lambda s, c, d: team.add_to_team(s, c, d, **U), None, None),
    "team.update_team_member": (lambda s, c, d: team.update_team_member(s, _first(s, CaseProfessional, c), d, **U),
                                None, lambda s, c: team.professional_form_data(
                                    s.get(CaseProfessional, _first(s, CaseProfessional, c)))),
    "consent.record_consent": (lambda s, c, d: consent.record_consent(s, c, d, **U), None, None),
    "consent.update_consent": (lambda s, c, d: consent.update_consent(s, _first(s, Consent, c), d, **U), None,
                               lambda s, c: consent.consent_form_data(s.get(Consent, _first(s, Consent, c)))),
    "assessment.start_assessment": (lambda s, c, d: assessment.start_assessment(s, c, d, **U), None, None),
    "assessment.update_assessment": (lambda s, c, d: assessment.update_assessment(
        s, _current_assessment(s, c), d, **U), None, lambda s, c: assessment.assessment_form_data(
        s, assessment.get_assessment(s, _current_assessment(s, c)))),
    "assessment.authorise": (lambda s, c, d: assessment.authorise(s, _current_assessment(s, c), d, **U), None, None),
    "assessment_parts.add_part": (lambda s, c, d: assessment_parts.add_part(
        s, _current_assessment(s, c), d.pop("_table", "needs") if isinstance(d.get("_table"), str)
        and d.get("_table") in assessment_parts.PARTS else "needs", d, **U), None, None),
    **{f"assessment_parts.update_part.{t}": _update_part(t) for t in assessment_parts.PARTS},
    "assessment_parts.add_attachment": (lambda s, c, d: assessment_parts.add_attachment(s, c, d, **U), None, None),
    "assessment_parts.update_attachment": (lambda s, c, d: assessment_parts.update_attachment(
        s, _first(s, Attachment, c), d, **U), None, lambda s, c: assessment_parts.attachment_form_data(
        s.get(Attachment, _first(s, Attachment, c)))),
    **{f"casework.add_entry.{t}": _add_entry(t) for t in casework.KINDS},
    **{f"casework.update_entry.{t}": _update_entry(t) for t in casework.KINDS},
    **{f"genogram.add_link.{k}": _add_link(k) for k in genogram.LINKS},
    **{f"genogram.update_link.{k}": _update_link(k) for k in genogram.LINKS},
    "users.add_user": (lambda s, c, d: users.add_user(s, d, viewer=None, **U), None, None),
    "genogram.set_genogram_details": (lambda s, c, d: genogram.set_genogram_details(
        s, _first(s, Person, c), d, **U), None, lambda s, c: genogram.genogram_details(s, _first(s, Person, c))),
    "meetings.schedule_meeting": (lambda s, c, d: meetings.schedule_meeting(s, c, d, **U), None, None),
    "meetings.update_meeting": (lambda s, c, d: meetings.update_meeting(s, _first(s, Meeting, c), d, **U), None,
                                lambda s, c: meetings.meeting_form_data(s.get(Meeting, _first(s, Meeting, c)))),
    "plan.add_outcome": (lambda s, c, d: plan.add_outcome(s, _first(s, PlanVersion, c), d, **U), None, None),
    "plan.update_outcome": (lambda s, c, d: plan.update_outcome(s, _first(s, Outcome, c), d, **U), None,
                            lambda s, c: plan.outcome_form_data(s.get(Outcome, _first(s, Outcome, c)))),
    "plan.add_action": (lambda s, c, d: plan.add_action(s, _first(s, Outcome, c), d, **U), None, None),
    "plan.update_action": (lambda s, c, d: plan.update_action(s, _first(s, Action, c), d, **U), None,
                           lambda s, c: plan.action_form_data(s.get(Action, _first(s, Action, c)))),
    "scaling.record_round": (lambda s, c, d: scaling.record_round(s, c, d, **U), None, None),
    "scaling.update_round": (lambda s, c, d: scaling.update_round(s, _first(s, ScalingScore, c), d, **U), None,
                             lambda s, c: scaling.round_form_data(s, _first(s, ScalingScore, c))),
    "endings.end_case": (lambda s, c, d: endings.end_case(s, c, d, **U), endings.EndingForm, None),
    "endings.step_down_intake": (lambda s, c, d: endings.step_down_intake(s, d, **U), endings.StepDownForm, None),
    "feedback.record_feedback": (lambda s, c, d: feedback.record_feedback(s, c, d, **U), feedback.FeedbackForm, None),
    "ledger.record_issue": (lambda s, c, d: ledger.record_issue(s, c, d, **U), ledger.IssueForm, None),
    "feedback.update_feedback": (lambda s, c, d: feedback.update_feedback(s, _first(s, FamilyFeedback, c), d, **U),
                                 feedback.FeedbackForm, lambda s, c: feedback.feedback_form_data(
                                     s.get(FamilyFeedback, _first(s, FamilyFeedback, c)))),
}
# The form each service validates with, so that the fuzzer mostly sends that form's fields.
FORM_OF = {
    "cases.create_case": "CaseForm", "requests.start_case": "NewCaseForm", "requests.record_request": "RequestForm",
    "requests.update_request": "RequestForm", "requests.allocate": "AllocationForm",
    "requests.update_allocation": "AllocationForm", "people.add_person": "PersonForm",
    "people.update_person": "PersonForm", "people.set_relationship": "ChildRelationshipForm",
    "team.add_to_team": "ProfessionalForm", "team.update_team_member": "ProfessionalForm",
    "consent.record_consent": "ConsentForm", "consent.update_consent": "ConsentForm",
    "assessment.start_assessment": "AssessmentForm", "assessment.update_assessment": "AssessmentForm",
    "assessment.authorise": "AuthoriseForm", "assessment_parts.add_part": "NeedForm",
    "assessment_parts.add_attachment": "AttachmentForm", "assessment_parts.update_attachment": "AttachmentForm",
    "genogram.set_genogram_details": "GenogramPersonForm", "meetings.schedule_meeting": "MeetingForm",
    "meetings.update_meeting": "MeetingForm", "plan.add_outcome": "OutcomeForm", "plan.update_outcome": "OutcomeForm",
    "plan.add_action": "ActionForm", "plan.update_action": "ActionForm", "scaling.record_round": "ScalingRoundForm",
    "scaling.update_round": "ScalingRoundForm",
}
_BY_NAME = {f.__name__: f for f in FORMS}
for _key, _form in FORM_OF.items():
    _call, _none, _real = SERVICES[_key]
    SERVICES[_key] = (_call, _BY_NAME[_form], _real)


def test_every_service_that_takes_form_data_is_fuzzed() -> None:
    covered = {k.rsplit(".", 1)[0] if k.count(".") == 2 else k for k in SERVICES}
    takes_data = set()
    for mod in pkgutil.iter_modules(services_pkg.__path__):
        m = importlib.import_module(f"{services_pkg.__name__}.{mod.name}")
        for name, fn in vars(m).items():
            if (inspect.isfunction(fn) and fn.__module__ == m.__name__ and not name.startswith("_")
                    and "data" in inspect.signature(fn).parameters and "user" in inspect.signature(fn).parameters):
                takes_data.add(f"{mod.name}.{name}")
    assert takes_data - covered == set(), "add these to SERVICES"


def _digest(db: Database) -> str:
    h = hashlib.sha256()
    with db.engine.connect() as con:
        names = con.execute(text("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")).scalars()
        for n in list(names):
            for row in con.execute(text(f'SELECT * FROM "{n}" ORDER BY 1')):
                h.update(repr(tuple(row)).encode("utf-8", "surrogatepass"))
    return h.hexdigest()


@pytest.fixture(scope="module")
def fuzz_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Database, str]]:
    from tafdesk.models.services.demo import create_demo

    db = open_database(db_path=tmp_path_factory.mktemp("forms") / "demo.db", passphrase="fuzzing passphrase",
                       create=True)
    with db.session() as s:
        case = create_demo(s)
        assessment.amend_assessment(s, _current_assessment(s, case.id), user="t")  # an editable assessment
        feedback.record_feedback(s, case.id, {"given_on": TODAY, "respected": 4}, user="t", today=TODAY)
        case_id = case.id
    yield db, case_id
    db.close()


class _Undo(Exception):
    pass


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(data=st.data())
def test_services_accept_or_refuse_and_a_refusal_changes_nothing(fuzz_db: tuple[Database, str],
                                                                 data: st.DataObject) -> None:
    db, case_id = fuzz_db
    name = data.draw(st.sampled_from(sorted(SERVICES)))
    call, form, real = SERVICES[name]
    before = _digest(db)
    start = time.perf_counter()
    STATS["services"] += 1
    try:
        with db.session() as s:
            values = data.draw(form_data(form, real(s, case_id) if real else None))
            call(s, case_id, values)
            s.flush()
            raise _Undo  # accepted: roll back so that every example starts from the same record
    except _Undo:
        STATS["accepted"] += 1
    except TafdeskError as exc:
        STATS["refused"] += 1
        _check_refusal(exc, None)
        assert _digest(db) == before, name
    finally:
        STATS["seconds"] += time.perf_counter() - start

