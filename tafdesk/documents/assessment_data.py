"""What the assessment document shows, read from the record for one audience.

``assessment_data`` builds plain data (no ORM objects reach the renderer) and leaves out, for
the family's copy, everything ``disclosure.withheld_from`` says the family may not see. The
fixed words it composes ("child, 14", "mother of Maja and Leo") are in the document's language;
what the professional wrote goes through ``family_text.free_text``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..i18n.catalog import N_, babel_locale
from ..models import vocab as v
from ..models.disclosure import FAMILY, FULL_RECORD
from ..models.errors import NotFound
from ..models.orm import (
    Case,
    ChildRelationship,
    Household,
    HouseholdMember,
    Person,
    Professional,
)
from ..models.schemas.assessment import SECTION_TITLES
from ..models.services.assessment import current_assessment, parents_and_carers, version_label
from ..models.services.assessment_parts import attachments_of, parts_of
from ..models.translation import Where, segments_for
from .family_text import FamilyText
from .redaction import NOT_SHOWN, redaction

AREA_LABELS: dict[str, str] = {k.value: text for k, text in v.OUTCOME_AREA_LABELS.items()}
LEVELS: dict[str, str] = {k.value: text for k, text in v.LEVEL_OF_NEED_LABELS.items()}
SEEN_ALONE = {True: N_("Yes"), False: N_("No"), None: N_("Not recorded")}


@dataclass(frozen=True)
class Member:
    name: str
    about: str  # "child, 14" or "mother of Maja, Leo and Ruby"
    lives: str


@dataclass(frozen=True)
class Picture:
    data: bytes
    caption: str
    filename: str


@dataclass(frozen=True)
class Voice:
    child: str
    about: str
    words: str
    how_gathered: str
    gathered_by: str
    language: str
    seen_alone: str
    gathered_on: date | None
    empty_reason: str
    pictures: tuple[Picture, ...] = ()


@dataclass(frozen=True)
class AdultViews:
    name: str
    about: str
    included: bool
    not_included_reason: str
    views: str


@dataclass(frozen=True)
class ProfessionalViews:
    name: str
    role: str
    views: str


@dataclass(frozen=True)
class NeedRow:
    number: int
    description: str
    areas: tuple[str, ...]
    people: tuple[str, ...]


@dataclass(frozen=True)
class AssessmentData:
    family: str
    reference: str
    version: str
    number: int
    status: str
    family_copy: bool
    lang: str
    started_on: date | None
    completed_on: date | None
    authorised_by: str
    authorised_on: date | None
    shared_with_family_on: date | None
    lead_professional: str
    level_of_need: str
    members: tuple[Member, ...]
    sections: tuple[tuple[str, str, str], ...]  # (key, title, text)
    voices: tuple[Voice, ...]
    adults: tuple[AdultViews, ...]
    professionals: tuple[ProfessionalViews, ...]
    needs: tuple[NeedRow, ...]
    signatories: tuple[str, ...] = field(default_factory=tuple)


def _age(born: date | None, on: date) -> str:
    if born is None:
        return ""
    years = on.year - born.year - ((on.month, on.day) < (born.month, born.day))
    return str(years)


def language_name(code: str, lang: str = "en") -> str:
    """The name of the language ``code`` as ``lang`` writes it (Polish: "polski" in Polish)."""
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(code.replace("-", "_")).get_display_name(babel_locale(lang)) or code
    except (ValueError, UnknownLocaleError):
        return code


def assessment_data(session: Session, case_id: str, *, family_copy: bool = False,
                    today: date | None = None, lang: str = "en") -> AssessmentData:
    case = session.get(Case, case_id)
    a = current_assessment(session, case_id)
    if case is None or a is None:
        raise NotFound("This family has no assessment yet.")
    on = a.completed_on or today or date.today()
    red = redaction(session, case_id, FAMILY if family_copy else FULL_RECORD)
    w = FamilyText(lang, segments_for(session, case_id, lang), scrub=red.text)
    hide = red.hide
    people = {p.id: p for p in session.scalars(select(Person).where(Person.case_id == case_id))}
    shown = {pid: p for pid, p in people.items() if not hide.record("people", pid)}
    rels = session.scalars(select(ChildRelationship).where(ChildRelationship.case_id == case_id)).all()

    def about(p: Person) -> str:
        if p.kind == v.PersonKind.CHILD:
            age = _age(p.date_of_birth, on)
            return w(N_("child, {age}"), age=age) if age else w(N_("child"))
        by_label: dict[str, list[str]] = {}
        for r in rels:
            child = shown.get(r.child_id)
            if r.person_id == p.id and child is not None:
                by_label.setdefault(r.relationship_label, []).append(child.known_as or child.given_name)
        return "; ".join(w(N_("{relationship} of {children}"), relationship=w.relationship(label),
                           children=w.names(kids)) for label, kids in by_label.items()) or w(N_("adult"))

    homes = {h.id: h for h in session.scalars(select(Household).where(Household.case_id == case_id))}
    lives: dict[str, list[str]] = {}
    for m in session.scalars(select(HouseholdMember).where(HouseholdMember.case_id == case_id)):
        h = homes.get(m.household_id)
        if h is None or hide.record("households", h.id):
            continue
        label = hide.value("households", h.id, "label", h.label)
        address = hide.value("households", h.id, "address", h.address)
        lives.setdefault(m.person_id, []).append(", ".join(x for x in (label, address) if x) or NOT_SHOWN)
    members = []
    carers = {p.id for p in parents_and_carers(session, case_id)}
    for p in sorted(shown.values(), key=lambda p: (p.kind != "child", not p.in_household_network,
                                                   p.date_of_birth or date(9999, 1, 1), p.id)):
        if not p.in_household_network and p.id not in carers:
            continue
        home = "; ".join(lives.get(p.id, [])) or hide.value("people", p.id, "address", p.address)
        members.append(Member(p.display_name, about(p), home))

    def name_of(pid: str) -> str:
        return shown[pid].display_name if pid in shown else ""

    def where(entity: str, record: str, column: str, words: str) -> Where:
        return Where(entity, record, column, f"Assessment: {words}")

    sections = tuple((key.value, w(title), w.free(str(getattr(a, key.value) or ""), where(
                          "assessments", a.id, key.value, f"the section \u201c{title}\u201d")))
                     for key, title in SECTION_TITLES.items()
                     if not hide.field("assessments", a.id, key.value))
    voices = []
    for cv in parts_of(session, a.id, "child_voices"):
        child = shown.get(cv.child_id)
        if child is None or hide.record("child_voices", cv.id):
            continue
        heard = "what a child said"  # no name: a note to a translator holds nothing but the text's place
        pics = tuple(Picture(att.data, w.free(att.caption, where("attachments", att.id, "caption",
                                                                 f"{heard}, a picture's caption")), att.filename)
                     for att in attachments_of(session, cv.id)
                     if not hide.record("attachments", att.id))
        seen = w(SEEN_ALONE[cv.seen_alone if isinstance(cv.seen_alone, bool) else None])
        voices.append(Voice(child.display_name, about(child),
                            w.free(cv.words, where("child_voices", cv.id, "words", heard)),
                            w.free(cv.how_gathered, where("child_voices", cv.id, "how_gathered",
                                                          f"{heard}: how it was gathered")),
                            cv.gathered_by, language_name(cv.language, lang), seen, cv.gathered_on,
                            w.free(cv.empty_reason, where("child_voices", cv.id, "empty_reason",
                                                          f"{heard}: why there is nothing")), pics))
    names = [m.name for m in members]
    voices.sort(key=lambda x: names.index(x.child) if x.child in names else len(names))
    order = [m.name for m in members]
    adults = tuple(sorted(
        (AdultViews(name_of(av.person_id), about(shown[av.person_id]), av.included,
                    w.free(av.not_included_reason, where("adult_views", av.id, "not_included_reason",
                                                         "why an adult's views are not included")),
                    w.free(av.views, where("adult_views", av.id, "views", "an adult's views")))
         for av in parts_of(session, a.id, "adult_views")
         if av.person_id in shown and not hide.record("adult_views", av.id)),
        key=lambda x: order.index(x.name) if x.name in order else len(order)))
    pros = []
    for pv in parts_of(session, a.id, "professional_views"):
        prof = session.get(Professional, pv.professional_id)
        if prof is None or hide.record("professional_views", pv.id):
            continue
        role = ", ".join(x for x in (prof.role, prof.agency.name if prof.agency else "") if x)
        pros.append(ProfessionalViews(prof.name, role, w.free(pv.views, where(
            "professional_views", pv.id, "views", "a professional's views"))))
    needs = []
    for i, n in enumerate(parts_of(session, a.id, "needs"), start=1):
        if hide.record("needs", n.id):
            continue
        areas = tuple(w.label(AREA_LABELS, x) for x in n.outcome_areas)
        described = w.free(n.description, where("needs", n.id, "description", f"need {i}"))
        needs.append(NeedRow(i, described, areas, tuple(x for x in map(name_of, n.person_ids) if x)))
    lead = case.lead_professional.name if case.lead_professional else ""
    signatories = tuple(x.name for x in adults if x.included)
    return red.scrub(AssessmentData(
        family=w(N_("{family} family"), family=case.family_name), reference=case.reference,
        version=_version(a, w), number=a.number, status=a.status, family_copy=family_copy, lang=lang, started_on=a.started_on, completed_on=a.completed_on,
        authorised_by=a.authorised_by, authorised_on=a.authorised_on, shared_with_family_on=a.shared_with_family_on,
        lead_professional=lead, level_of_need=w.label(LEVELS, a.level_of_need, w(N_("Not decided"))),
        members=tuple(members), sections=sections, voices=tuple(voices), adults=adults,
        professionals=tuple(pros), needs=tuple(needs), signatories=signatories))


def _version(a: object, w: FamilyText) -> str:
    """Which assessment this is and where it stands, e.g. "Assessment: authorised 12 Oct 2026"."""
    if w.lang == "en":
        return version_label(a)  # type: ignore[arg-type]
    number, status = a.number, a.status  # type: ignore[attr-defined]
    what = w(N_("Assessment")) if number == 1 else w(N_("Amendment {amendment} (version {number})"),
                                                      amendment=number - 1, number=number)
    if status == v.AssessmentStatus.AUTHORISED:
        return w(N_("{what}: authorised {date}"), what=what, date=w.day(a.authorised_on, "medium"))  # type: ignore[attr-defined]
    if status == v.AssessmentStatus.COMPLETE:
        return w(N_("{what}: complete, waiting for authorisation"), what=what)
    return w(N_("{what}: in progress"), what=what)
