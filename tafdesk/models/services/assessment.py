"""The Early Help Assessment's life: start, sections for everyone, completion, authorisation,
amendment.

Starting an assessment gives every child of the family a voice section and every parent or
carer (living in the home or elsewhere) a views entry. A child added to the family later, or an
adult who becomes a parent or carer, gets theirs automatically: a ``before_flush`` hook adds it
to the current unlocked assessment, however the person came in (editor, import, undo).

Once authorised, an assessment is locked; a later change is an amendment: a new version
(``number`` + 1, ``amends_id``) copied from it, while the authorised one stays as it was.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import event, select
from sqlalchemy.orm import Session

from ...i18n.catalog import S_
from .. import vocab as v
from ..assessment_rules import AdultFacts, AssessmentFacts, NeedFacts, VoiceFacts, missing
from ..case_access import AccessDenied, Viewer, case_access, check_change
from ..disclosure import family_mark, set_family_mark
from ..errors import NotFound, TafdeskError, ValidationFailed
from ..orm import (
    AdultView,
    Assessment,
    Attachment,
    ChildRelationship,
    ChildVoice,
    Need,
    Person,
    ProfessionalView,
    Restriction,
    new_id,
)
from ..schemas.assessment import AssessmentForm, AuthoriseForm, Section, StartAssessmentForm
from .audit import record_event
from .cases import validate

AUTHORISED = v.AssessmentStatus.AUTHORISED
PART_TABLES = ("child_voices", "adult_views", "professional_views", "needs")
_TOUCHED = "tafdesk.assessment.touched_cases"


class AssessmentLocked(TafdeskError):
    pass


# Reading.

def versions_of(session: Session, case_id: str) -> list[Assessment]:
    """Every version of the case's assessment, the newest first."""
    return list(session.scalars(
        select(Assessment).where(Assessment.case_id == case_id).order_by(Assessment.number.desc())))


def current_assessment(session: Session, case_id: str) -> Assessment | None:
    return session.scalar(select(Assessment).where(Assessment.case_id == case_id)
                          .order_by(Assessment.number.desc()).limit(1))


def get_assessment(session: Session, assessment_id: str) -> Assessment:
    a = session.get(Assessment, assessment_id)
    if a is None:
        raise NotFound("That assessment is no longer in the record.")
    return a


def children_in_family(session: Session, case_id: str) -> list[Person]:
    """The children the assessment hears: in the household network and alive, oldest first."""
    kids = session.scalars(select(Person).where(
        Person.case_id == case_id, Person.kind == v.PersonKind.CHILD, Person.in_household_network.is_(True),
        Person.death_year.is_(None))).all()
    return sorted(kids, key=lambda p: (p.date_of_birth or date(p.birth_year or 9999, 1, 1), p.id))


def parents_and_carers(session: Session, case_id: str) -> list[Person]:
    """Adults with parental responsibility for, or living with, a child: wherever they live."""
    ids = set(session.scalars(select(ChildRelationship.person_id).where(
        ChildRelationship.case_id == case_id,
        ChildRelationship.parental_responsibility.is_(True) | ChildRelationship.lives_with_child.is_(True))))
    adults = [p for p in session.scalars(select(Person).where(Person.id.in_(ids)))
              if p.kind == v.PersonKind.ADULT and p.death_year is None]
    return sorted(adults, key=lambda p: (not p.in_household_network, p.date_of_birth or date(9999, 1, 1), p.id))


def version_label(a: Assessment) -> str:
    what = "Assessment" if a.number == 1 else f"Amendment {a.number - 1} (version {a.number})"
    if a.status == AUTHORISED:
        on = a.authorised_on.strftime("%d %b %Y") if a.authorised_on else ""
        return f"{what}: authorised {on}".strip()
    if a.status == v.AssessmentStatus.COMPLETE:
        return f"{what}: complete, waiting for authorisation"
    return f"{what}: in progress"


# Sections for everyone.

def ensure_sections(session: Session, a: Assessment, *, flush: bool = True) -> int:
    """Give every child a voice section and every parent or carer a views entry; how many added."""
    added = 0
    with session.no_autoflush:
        for child in children_in_family(session, a.case_id):
            added += _ensure_voice(session, a, child)
        for adult in parents_and_carers(session, a.case_id):
            added += _ensure_adult(session, a, adult.id)
    if added and flush:
        session.flush()
    return added


def _pending(session: Session, cls: type[Any], **match: str) -> bool:
    return any(isinstance(o, cls) and all(getattr(o, k) == val for k, val in match.items()) for o in session.new)


def _ensure_voice(session: Session, a: Assessment, child: Person) -> int:
    if child.id is None:
        child.id = new_id()
    if _pending(session, ChildVoice, assessment_id=a.id, child_id=child.id) or session.scalar(
            select(ChildVoice.id).where(ChildVoice.assessment_id == a.id, ChildVoice.child_id == child.id)):
        return 0
    session.add(ChildVoice(id=new_id(), case_id=a.case_id, assessment_id=a.id, child_id=child.id,
                           language=child.first_language or "en"))
    _reopen(a)
    return 1


def _ensure_adult(session: Session, a: Assessment, person_id: str) -> int:
    if _pending(session, AdultView, assessment_id=a.id, person_id=person_id) or session.scalar(
            select(AdultView.id).where(AdultView.assessment_id == a.id, AdultView.person_id == person_id)):
        return 0
    session.add(AdultView(id=new_id(), case_id=a.case_id, assessment_id=a.id, person_id=person_id))
    _reopen(a)
    return 1


def _reopen(a: Assessment) -> None:
    """A new section makes a completed (not yet authorised) assessment unfinished again."""
    if a.status == v.AssessmentStatus.COMPLETE:
        a.status = v.AssessmentStatus.DRAFT
        a.completed_on = None


def _open_assessment(session: Session, case_id: str | None) -> Assessment | None:
    if case_id is None:
        return None
    a = current_assessment(session, case_id)
    return a if a is not None and a.status != AUTHORISED else None


@event.listens_for(Session, "before_flush")
def _note_new_family_members(session: Session, _ctx: Any, _instances: Any) -> None:
    """Note the cases where a child or a parent or carer may have come in; their sections are
    added once these rows are written (``_automatic_sections``)."""
    for o in (*session.new, *session.dirty):
        if isinstance(o, Person) and o.kind == v.PersonKind.CHILD or (
                isinstance(o, ChildRelationship) and (o.parental_responsibility or o.lives_with_child)):
            session.info.setdefault(_TOUCHED, set()).add(o.case_id)


@event.listens_for(Session, "after_flush_postexec")
def _automatic_sections(session: Session, _ctx: Any) -> None:
    touched = session.info.pop(_TOUCHED, None)
    for case_id in sorted(touched or ()):
        a = _open_assessment(session, case_id)
        if a is not None:
            ensure_sections(session, a, flush=False)  # written by the session's next flush


def discard_empty_sections(session: Session, person_id: str) -> None:
    """Before a person is removed: the untouched sections made for them automatically go too."""
    for voice in session.scalars(select(ChildVoice).where(ChildVoice.child_id == person_id)):
        a = session.get(Assessment, voice.assessment_id)
        untouched = not (voice.words or voice.empty_reason or voice.how_gathered or voice.gathered_by)
        has_work = session.scalar(select(Attachment.id).where(Attachment.child_voice_id == voice.id).limit(1))
        if a is not None and a.status != AUTHORISED and untouched and not has_work:
            session.delete(voice)
    for view in session.scalars(select(AdultView).where(AdultView.person_id == person_id)):
        a = session.get(Assessment, view.assessment_id)
        if a is not None and a.status != AUTHORISED and view.included and not view.views:
            session.delete(view)
    session.flush()


# Starting, editing the sections.

def start_assessment(session: Session, case_id: str, data: dict[str, Any], *, user: str,
                     today: date | None = None, assessment_id: str | None = None) -> Assessment:
    """The first assessment of the case. A later one is an amendment (``amend_assessment``)."""
    if current_assessment(session, case_id) is not None:
        raise ValidationFailed({"": S_("This family already has an assessment; to change an authorised "
                                    "assessment, amend it.")})
    form: AssessmentForm = validate(AssessmentForm, {**data, "started_on": data.get("started_on") or today
                                                     or date.today()}, today=today)
    validate(StartAssessmentForm, {"started_on": form.started_on}, today=today)
    a = Assessment(case_id=case_id, number=1, status=v.AssessmentStatus.DRAFT,
                   **form.model_dump(exclude={"not_shared_sections", "not_shared_reason"}))
    if assessment_id:
        a.id = assessment_id
    session.add(a)
    session.flush()
    _set_section_marks(session, a, form)
    ensure_sections(session, a)
    record_event(session, user=user, action="create", case_id=case_id, entity="assessments", entity_id=a.id)
    return a


def assessment_form_data(session: Session, a: Assessment) -> dict[str, Any]:
    data: dict[str, Any] = {f: getattr(a, f) for f in AssessmentForm.model_fields
                            if f not in ("not_shared_sections", "not_shared_reason")}
    marked = [(s.value, family_mark(session, "assessments", a.id, s.value)) for s in Section]
    data["not_shared_sections"] = [name for name, reason in marked if reason is not None]
    data["not_shared_reason"] = next((reason for _n, reason in marked if reason), "")
    return data


def check_editable(a: Assessment) -> None:
    if a.status == AUTHORISED:
        on = a.authorised_on.strftime("%d %b %Y") if a.authorised_on else ""
        raise AssessmentLocked(f"This assessment was authorised {('on ' + on) if on else ''} and is locked; "
                               "choose \u201cAmend\u201d to change it.".replace("  ", " "))


def update_assessment(session: Session, assessment_id: str, data: dict[str, Any], *, user: str,
                      today: date | None = None) -> Assessment:
    a = get_assessment(session, assessment_id)
    check_editable(a)
    form: AssessmentForm = validate(AssessmentForm, data, today=today)
    values = form.model_dump(exclude={"not_shared_sections", "not_shared_reason"})
    changed = [k for k, val in values.items() if getattr(a, k) != val]
    for key in changed:
        setattr(a, key, values[key])
    _set_section_marks(session, a, form)
    session.flush()
    after_edit(session, a)
    if changed:
        record_event(session, user=user, action="update", case_id=a.case_id, entity="assessments",
                     entity_id=a.id, detail=",".join(changed))
    return a


def _set_section_marks(session: Session, a: Assessment, form: AssessmentForm) -> None:
    for s in Section:
        set_family_mark(session, a.case_id, "assessments", a.id, s.value,
                        withheld=s in form.not_shared_sections, reason=form.not_shared_reason)


def remove_assessment(session: Session, assessment_id: str, *, user: str) -> None:
    """Remove an assessment or amendment still in progress; an authorised one is kept for good."""
    a = session.get(Assessment, assessment_id)
    if a is None:
        return
    if a.status == AUTHORISED:
        raise AssessmentLocked("An authorised assessment is part of the record and cannot be removed.")
    case_id = a.case_id
    ids = _part_ids(session, a.id)
    session.execute(Restriction.__table__.delete().where(Restriction.entity_id.in_([a.id, *ids])))
    session.delete(a)
    session.flush()
    record_event(session, user=user, action="delete", case_id=case_id, entity="assessments", entity_id=assessment_id)


def _part_ids(session: Session, assessment_id: str) -> list[str]:
    ids: list[str] = []
    for cls in (ChildVoice, AdultView, ProfessionalView, Need):
        ids += session.scalars(select(cls.id).where(cls.assessment_id == assessment_id)).all()
    return ids


# Completeness, completion, authorisation.

def assessment_facts(session: Session, a: Assessment) -> AssessmentFacts:
    people = {p.id: p for p in session.scalars(select(Person).where(Person.case_id == a.case_id))}
    voices = {cv.child_id: cv for cv in session.scalars(select(ChildVoice).where(ChildVoice.assessment_id == a.id))}
    voice_facts = []
    for child in children_in_family(session, a.case_id):
        cv = voices.get(child.id)
        voice_facts.append(VoiceFacts(
            child.display_name, words=bool(cv and cv.words.strip()), empty_reason=bool(cv and cv.empty_reason.strip()),
            gathered_by=bool(cv and cv.gathered_by.strip()), seen_alone_known=bool(cv and cv.seen_alone is not None)))
    views = {av.person_id: av for av in session.scalars(select(AdultView).where(AdultView.assessment_id == a.id))}
    adult_ids = [p.id for p in parents_and_carers(session, a.case_id)]
    adult_ids += [pid for pid in views if pid not in adult_ids]
    adult_facts = []
    for pid in adult_ids:
        av = views.get(pid)
        name = people[pid].display_name if pid in people else "(removed)"
        adult_facts.append(AdultFacts(name, included=av.included if av else True,
                                      reason=bool(av and av.not_included_reason.strip()),
                                      views=bool(av and av.views.strip())))
    needs = session.scalars(select(Need).where(Need.assessment_id == a.id).order_by(Need.position, Need.id)).all()
    need_facts = tuple(NeedFacts(i, n.description, len(n.outcome_areas or []), len(n.person_ids or []))
                       for i, n in enumerate(needs, start=1))
    filled = frozenset(s.value for s in Section if str(getattr(a, s.value) or "").strip())
    return AssessmentFacts(filled, a.level_of_need is not None, tuple(voice_facts), tuple(adult_facts), need_facts)


def what_is_missing(session: Session, assessment_id: str) -> list[str]:
    return missing(assessment_facts(session, get_assessment(session, assessment_id)))


def after_edit(session: Session, a: Assessment) -> None:
    """A completed assessment that an edit left unfinished is in progress again."""
    if a.status == v.AssessmentStatus.COMPLETE and missing(assessment_facts(session, a)):
        a.status = v.AssessmentStatus.DRAFT
        a.completed_on = None
        session.flush()


def mark_complete(session: Session, assessment_id: str, *, user: str, today: date | None = None,
                  viewer: Viewer | None = None) -> Assessment:
    a = get_assessment(session, assessment_id)
    check_change(session, viewer, a.case_id)  # the lead professional's step (anyone, on a local file)
    check_editable(a)
    ensure_sections(session, a)
    gaps = missing(assessment_facts(session, a))
    if gaps:
        raise ValidationFailed({"": S_("The assessment cannot be marked complete yet: {gaps}", gaps=" ".join(gaps))})
    a.status = v.AssessmentStatus.COMPLETE
    a.completed_on = today or date.today()
    session.flush()
    record_event(session, user=user, action="complete", case_id=a.case_id, entity="assessments", entity_id=a.id)
    return a


def authorise(session: Session, assessment_id: str, data: dict[str, Any], *, user: str,
              today: date | None = None, viewer: Viewer | None = None) -> Assessment:
    """A manager's authorisation: the assessment is locked from now on. On a shared database
    only a manager of the case (of its lead professional, or of the whole service) may give it;
    on the local file (no ``viewer``) its one user records the manager's name."""
    a = get_assessment(session, assessment_id)
    if viewer is not None and not case_access(session, viewer, a.case_id).authorise:
        raise AccessDenied("Only a manager of this case's lead professional can authorise its assessment; "
                           "ask them to authorise it from their own login.")
    check_editable(a)
    form: AuthoriseForm = validate(AuthoriseForm, data, today=today)
    assert form.authorised_on is not None
    if a.status != v.AssessmentStatus.COMPLETE:
        raise ValidationFailed({"": S_("Mark the assessment complete before a manager authorises it.")})
    if a.completed_on and form.authorised_on < a.completed_on:
        raise ValidationFailed({"authorised_on": "The authorisation cannot come before the assessment was "
                                                 f"completed ({a.completed_on.strftime('%d %b %Y')})."})
    a.status = AUTHORISED
    a.authorised_by = form.authorised_by
    a.authorised_on = form.authorised_on
    session.flush()
    if a.amends_id:  # the plan now answers the amended needs
        from .plan import follow_amendment

        follow_amendment(session, a.case_id, a.amends_id, a.id)
    record_event(session, user=user, action="authorise", case_id=a.case_id, entity="assessments",
                 entity_id=a.id, detail=form.authorised_by)
    return a


def amend_assessment(session: Session, assessment_id: str, *, user: str, today: date | None = None,
                     viewer: Viewer | None = None) -> Assessment:
    """A new version to change an authorised assessment; the authorised one stays as it was."""
    old = get_assessment(session, assessment_id)
    check_change(session, viewer, old.case_id)
    if old.status != AUTHORISED:
        raise ValidationFailed({"": S_("Only an authorised assessment is amended; this one can still be changed.")})
    newest = current_assessment(session, old.case_id)
    if newest is not None and newest.id != old.id:
        raise ValidationFailed({"": S_("A newer version of this assessment exists; amend that one.")})
    new = Assessment(case_id=old.case_id, number=old.number + 1, amends_id=old.id, status=v.AssessmentStatus.DRAFT,
                     started_on=today or date.today(), level_of_need=old.level_of_need,
                     **{s.value: getattr(old, s.value) for s in Section})
    session.add(new)
    session.flush()
    moved = {old.id: new.id}
    for cls in (ChildVoice, AdultView, ProfessionalView, Need):
        for row in session.scalars(select(cls).where(cls.assessment_id == old.id)):
            copy = _copy(row, assessment_id=new.id)
            moved[row.id] = copy.id
            session.add(copy)
    session.flush()
    for att in session.scalars(select(Attachment).where(Attachment.child_voice_id.in_(
            [k for k in moved if k != old.id])).order_by(Attachment.added_at)):
        session.add(_copy(att, child_voice_id=moved[att.child_voice_id]))  # type: ignore[index]
    for r in session.scalars(select(Restriction).where(Restriction.entity_id.in_(list(moved)))):
        session.add(_copy(r, entity_id=moved[r.entity_id]))
    session.flush()
    ensure_sections(session, new)
    record_event(session, user=user, action="amend", case_id=new.case_id, entity="assessments", entity_id=new.id,
                 detail=f"amends version {old.number}")
    return new


def _copy(row: Any, **changes: Any) -> Any:
    cols = {c.key: getattr(row, c.key) for c in row.__mapper__.column_attrs if c.key not in ("id", "row_version")}
    cols.update(changes)
    return type(row)(id=new_id(), **cols)
