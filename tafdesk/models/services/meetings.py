"""TAF meetings: scheduling, invitees and attendance, minutes under the agenda, next review."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...i18n.catalog import N_, S_
from ..errors import NotFound, ValidationFailed
from ..orm import CaseProfessional, Meeting, MeetingAttendance, MinuteItem, Person
from ..schemas.plan import MeetingForm
from .audit import record_event
from .cases import validate
from .plan import new_version

LOCAL = ZoneInfo("Europe/London")
REVIEW_WEEKS = 6

# The agenda every TAF meeting follows: (key, heading, prompt for the chair).
AGENDA: tuple[tuple[str, str, str], ...] = (
    ("introductions", N_("Introductions and confidentiality"), N_("Who is here; what is shared stays in this meeting.")),
    ("child_views", N_("The child's views"), N_("What each child has said, in their words, or brought by someone they trust.")),
    ("family_views", N_("The family's views"), N_("What the parents and carers think is working and what is not.")),
    ("agency_updates", N_("Agency updates"), N_("Each agency's update, or its written report.")),
    ("action_review", N_("Review of each action"), N_("Walk the plan's actions one by one: done, in progress, stopped.")),
    ("working_well", N_("What is working well"), N_("Strengths and progress since the last meeting.")),
    ("worries", N_("What we are worried about"), N_("Risks and what has not changed.")),
    ("needs_to_happen", N_("What needs to happen"), N_("What must change next, and new needs or strengths.")),
    ("new_actions", N_("New actions"), N_("Each with an owner, a date and how we will know.")),
    ("next_steps", N_("Next review date"), N_("Within 6 weeks, at a time and place that suits the family.")),
)
HEADINGS = {key: title for key, title, _ in AGENDA}


def meetings_of(session: Session, case_id: str) -> list[Meeting]:
    return list(session.scalars(select(Meeting).where(Meeting.case_id == case_id).order_by(Meeting.starts_at)))


def get_meeting(session: Session, meeting_id: str) -> Meeting:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFound("That meeting is no longer there.")
    return meeting


def meeting_by_number(session: Session, case_id: str, number: int | None) -> Meeting:
    """The case's meeting number ``number`` (1 = first); None = the most recent."""
    meetings = meetings_of(session, case_id)
    if not meetings:
        raise NotFound("This case has no TAF meeting yet.")
    if number is None:
        held = [m for m in meetings if m.status == "held"]
        return (held or meetings)[-1]
    if not 1 <= number <= len(meetings):
        raise NotFound(f"This case has {len(meetings)} meetings; there is no meeting {number}.")
    return meetings[number - 1]


def schedule_meeting(session: Session, case_id: str, data: dict[str, Any], *, user: str,
                     invite_family: bool = True) -> Meeting:
    """A meeting at a local time, with the whole team and (by default) the family's adults and
    children over 11 invited."""
    form: MeetingForm = validate(MeetingForm, data)
    starts = form.starts_at if form.starts_at.tzinfo else form.starts_at.replace(tzinfo=LOCAL)
    meeting = Meeting(case_id=case_id, kind=form.kind, status="planned", starts_at=starts.astimezone(UTC),
                      venue=form.venue, chair_professional_id=form.chair_professional_id)
    session.add(meeting)
    session.flush()
    for member in session.scalars(select(CaseProfessional).where(CaseProfessional.case_id == case_id)):
        session.add(MeetingAttendance(case_id=case_id, meeting_id=meeting.id,
                                      professional_id=member.professional_id, status="invited"))
    if invite_family:
        day = starts.date()
        for p in session.scalars(select(Person).where(Person.case_id == case_id, Person.in_household_network)):
            old_enough = p.kind == "adult" or (p.date_of_birth and (day - p.date_of_birth).days >= 12 * 365)
            if old_enough:
                session.add(MeetingAttendance(case_id=case_id, meeting_id=meeting.id, person_id=p.id,
                                              status="invited"))
    session.flush()
    record_event(session, user=user, action="create", case_id=case_id, entity="meetings", entity_id=meeting.id)
    return meeting


def meeting_form_data(meeting: Meeting) -> dict[str, Any]:
    local = meeting.starts_at.astimezone(LOCAL)
    return {"kind": meeting.kind, "starts_at": local.strftime("%Y-%m-%d %H:%M"), "venue": meeting.venue,
            "chair_professional_id": meeting.chair_professional_id}


def update_meeting(session: Session, meeting_id: str, data: dict[str, Any], *, user: str) -> Meeting:
    meeting = get_meeting(session, meeting_id)
    form: MeetingForm = validate(MeetingForm, data)
    starts = form.starts_at if form.starts_at.tzinfo else form.starts_at.replace(tzinfo=LOCAL)
    meeting.kind, meeting.venue = form.kind, form.venue
    meeting.starts_at = starts.astimezone(UTC)
    meeting.chair_professional_id = form.chair_professional_id
    session.flush()
    record_event(session, user=user, action="update", case_id=meeting.case_id, entity="meetings", entity_id=meeting.id)
    return meeting


def remove_meeting(session: Session, meeting_id: str, *, user: str) -> None:
    """Take a planned meeting off; a held meeting, or one with minutes, stays in the record."""
    meeting = get_meeting(session, meeting_id)
    if meeting.status == "held" or minutes_of(session, meeting_id):
        raise ValidationFailed({"": S_("A meeting that has minutes stays in the record; mark it cancelled instead.")})
    case_id = meeting.case_id
    session.delete(meeting)
    session.flush()
    record_event(session, user=user, action="delete", case_id=case_id, entity="meetings", entity_id=meeting_id)


def attendance_of(session: Session, meeting_id: str) -> list[MeetingAttendance]:
    return list(session.scalars(select(MeetingAttendance).where(MeetingAttendance.meeting_id == meeting_id)
                                .order_by(MeetingAttendance.id)))


def set_attendance(session: Session, attendance_id: str, status: str, *, user: str) -> MeetingAttendance:
    from .. import vocab as v

    row = session.get(MeetingAttendance, attendance_id)
    if row is None:
        raise NotFound("That invitee is no longer on the list.")
    if status not in {a.value for a in v.Attendance}:
        raise ValidationFailed({"status": S_("Choose present, apologies, report sent or did not attend.")})
    row.status = status
    session.flush()
    record_event(session, user=user, action="update", case_id=row.case_id, entity="meeting_attendance",
                 entity_id=row.id, detail=status)
    return row


def minutes_of(session: Session, meeting_id: str) -> list[MinuteItem]:
    return list(session.scalars(select(MinuteItem).where(MinuteItem.meeting_id == meeting_id)
                                .order_by(MinuteItem.position, MinuteItem.id)))


def add_minute(session: Session, meeting_id: str, heading: str, text: str, *, user: str,
               action_id: str | None = None, shareable: bool = True) -> MinuteItem:
    meeting = get_meeting(session, meeting_id)
    if heading not in HEADINGS:
        raise ValidationFailed({"heading": S_("Choose a heading from the agenda.")})
    position = len(minutes_of(session, meeting_id))
    item = MinuteItem(case_id=meeting.case_id, meeting_id=meeting_id, position=position, heading=heading,
                      text=text, action_id=action_id, shareable=shareable)
    session.add(item)
    session.flush()
    record_event(session, user=user, action="create", case_id=meeting.case_id, entity="minute_items", entity_id=item.id)
    return item


def update_minute(session: Session, item_id: str, text: str, *, user: str, shareable: bool | None = None) -> MinuteItem:
    item = session.get(MinuteItem, item_id)
    if item is None:
        raise NotFound("That part of the minutes is no longer there.")
    changed = [k for k, v in (("text", text), ("shareable", shareable)) if v is not None and getattr(item, k) != v]
    item.text = text
    if shareable is not None:
        item.shareable = shareable
    session.flush()
    if changed:
        record_event(session, user=user, action="update", case_id=item.case_id, entity="minute_items",
                     entity_id=item.id, detail=",".join(changed))
    return item


def review_warning(held_on: date, next_review: date) -> str | None:
    """Why a proposed next review date is a problem, or None."""
    if next_review <= held_on:
        return "The next review must be after this meeting."
    limit = held_on + timedelta(weeks=REVIEW_WEEKS)
    if next_review > limit:
        return (f"Reviews are held within {REVIEW_WEEKS} weeks: {next_review:%d %b %Y} is "
                f"{(next_review - held_on).days // 7} weeks away (latest {limit:%d %b %Y}).")
    return None


def default_next_review(held_on: date) -> date:
    """Six weeks on, moved back off a weekend."""
    day = held_on + timedelta(weeks=REVIEW_WEEKS)
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return day


def meeting_plan(session: Session, meeting_id: str, *, user: str) -> Any:
    """The plan version this meeting works on: made (a copy of the current plan) when the
    meeting starts, so that changes during the meeting form the new version."""
    meeting = get_meeting(session, meeting_id)
    from .plan import versions_of

    mine = next((v for v in versions_of(session, meeting.case_id) if v.meeting_id == meeting.id), None)
    if mine is not None:
        return mine
    return new_version(session, meeting.case_id, user=user, meeting_id=meeting.id)


def hold_meeting(session: Session, meeting_id: str, *, user: str, next_review_on: date | None = None,
                 outcome: str = "") -> tuple[Meeting, str | None]:
    """Mark the meeting held, set the next review (default 6 weeks) and agree the plan version
    this meeting worked on. Returns the meeting and any warning about the review date."""
    from .plan import agree_plan

    meeting = get_meeting(session, meeting_id)
    held_on = meeting.starts_at.astimezone(LOCAL).date()
    meeting.status = "held"
    meeting.outcome = outcome or meeting.outcome
    meeting.next_review_on = next_review_on or default_next_review(held_on)
    version = meeting_plan(session, meeting_id, user=user)
    version.review_by = meeting.next_review_on
    agree_plan(session, version.id, user=user, agreed_on=held_on)
    session.flush()
    record_event(session, user=user, action="update", case_id=meeting.case_id, entity="meetings",
                 entity_id=meeting.id, detail="held")
    return meeting, review_warning(held_on, meeting.next_review_on)


@dataclass(frozen=True)
class Candidate:
    key: str  # "person:<id>" / "professional:<id>"
    name: str


@dataclass(frozen=True)
class CapturedAction:
    owner: Candidate
    description: str
    due_on: date
    measure: str


DATE_FORMS = ("%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d", "%d %B %Y", "%d %b %Y")
LINE = re.compile(r"^\s*(?P<owner>[^:]{2,80}):\s*(?P<rest>.+)$")
DATE = r"\d{1,2}[/.]\d{1,2}(?:[/.]\d{2,4})?|\d{4}-\d{2}-\d{2}|\d{1,2}\s+[^\W\d_]+(?:\s+\d{4})?"
ENGLISH_BY = ("by",)
ENGLISH_MEASURE = ("measure", "how we will know")


@dataclass(frozen=True)
class ActionWords:
    """The keywords of a one-line action in the user's language; English's are always accepted too.

    ``by``: the word that marks the due date, before it ("by 12/01/2027") or, in a language that
    puts it after, after it ("12/01/2027 tak"). ``measure``: the words that start the measure after
    the semicolon ("measure:", "how we will know:")."""

    by: tuple[str, ...] = ()
    measure: tuple[str, ...] = ()

    def by_pattern(self) -> re.Pattern[str]:
        before = "|".join(re.escape(w) for w in dict.fromkeys((*ENGLISH_BY, *self.by)) if w)
        after = "|".join(re.escape(w) for w in dict.fromkeys(self.by) if w and w not in ENGLISH_BY)
        pattern = rf"\s+(?:{before})\s+(?P<date>{DATE})\s*$"
        if after:
            pattern += rf"|\s+(?P<date_first>{DATE})\s+(?:{after})\s*$"
        return re.compile(pattern, re.IGNORECASE)

    def measure_pattern(self) -> re.Pattern[str]:
        words = "|".join(re.escape(w) for w in dict.fromkeys((*ENGLISH_MEASURE, *self.measure)) if w)
        return re.compile(rf"^\s*(?:{words})\s*:\s*", re.IGNORECASE)


def _ascii_digits(text: str) -> str:
    """Digits of any script (১২, ١٢, ۱۲) as 0-9, so that a date typed in them can be read."""
    return "".join(str(unicodedata.decimal(c)) if c.isdecimal() else c for c in text)


def _parse_date(text: str, today: date) -> date | None:
    text = _ascii_digits(text)
    text = " ".join(text.split())
    if re.fullmatch(r"\d{1,2}\.\d{1,2}(?:\.\d{2,4})?", text):  # 12.01.2027, as much of Europe writes it
        text = text.replace(".", "/")
    for fmt in DATE_FORMS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            pass
    for fmt in ("%d/%m", "%d %B", "%d %b"):  # no year: the next such day from today
        try:
            d = datetime.strptime(f"{text} {today.year}", f"{fmt} %Y").date()
        except ValueError:
            continue
        return d if d >= today else d.replace(year=today.year + 1)
    return None


def parse_action_line(line: str, candidates: list[Candidate], today: date,
                      words: ActionWords | None = None) -> CapturedAction:
    """Read one line typed in the meeting: ``Owner: what will be done by DATE; measure: how we know``,
    with English keywords or those of ``words`` (the user's language).

    The owner may be a first name or part of a name when that is enough to tell who. Raises
    ValidationFailed with the one thing to correct."""
    words = words or ActionWords()
    by_word = next((w for w in words.by if w), ENGLISH_BY[0])
    measure_word = next((w for w in words.measure if w), ENGLISH_MEASURE[0])
    main, _, measure = line.replace("\u061b", ";").partition(";")  # the Arabic semicolon too
    measure = words.measure_pattern().sub("", measure).strip()
    m = LINE.match(main)
    if not m:
        raise ValidationFailed({"line": S_("Start with who will do it, then a colon: “Jo Bennett: …”.")})
    who = m.group("owner").strip().lower()
    matches = [c for c in candidates if c.name.lower() == who] or [
        c for c in candidates if any(part.startswith(who) for part in [c.name.lower(), *c.name.lower().split()])]
    if not matches:
        raise ValidationFailed({"line": S_("No one called “{name}” is in the family or the team.",
                                           name=m.group("owner").strip())})
    if len(matches) > 1:
        raise ValidationFailed({"line": S_("“{name}” could be {names}: type more of the name.",
                                           name=m.group("owner").strip(),
                                           names=", ".join(c.name for c in matches))})
    rest = m.group("rest").strip()
    by = words.by_pattern().search(rest)
    if not by:
        raise ValidationFailed({"line": S_("Say by when, at the end: “… {by} 12/01/2027”.", by=by_word)})
    typed = by.group("date") or by.groupdict().get("date_first") or ""
    due = _parse_date(typed, today)
    if due is None:
        raise ValidationFailed({"line": S_("“{typed}” is not a date I can read (use 12/01/2027).", typed=typed)})
    if due < today:
        raise ValidationFailed({"line": S_("{day} has already passed.", day=due)})
    description = rest[: by.start()].strip().rstrip(".")
    if not description:
        raise ValidationFailed({"line": S_("Say what will be done.")})
    if not measure:
        raise ValidationFailed({"line": S_("Add how everyone will know it is done: “; {measure}: …”.",
                                           measure=measure_word)})
    return CapturedAction(matches[0], description[0].upper() + description[1:] + ".", due, measure)


def candidates_for(session: Session, case_id: str) -> list[Candidate]:
    out = [Candidate(f"person:{p.id}", p.display_name)
           for p in session.scalars(select(Person).where(Person.case_id == case_id, Person.in_household_network))]
    for member in session.scalars(select(CaseProfessional).where(CaseProfessional.case_id == case_id)):
        out.append(Candidate(f"professional:{member.professional_id}", member.professional.name))
    return out


def capture_action(session: Session, meeting_id: str, outcome_id: str, line: str, *, user: str,
                   today: date, words: ActionWords | None = None) -> Any:
    """Add the action typed as one line to the plan at once, and note it in the minutes."""
    from .plan import add_action

    meeting = get_meeting(session, meeting_id)
    parsed = parse_action_line(line, candidates_for(session, meeting.case_id), today, words)
    action = add_action(session, outcome_id, {"description": parsed.description, "owner": parsed.owner.key,
                                              "start_on": today, "due_on": parsed.due_on,
                                              "measure": parsed.measure}, user=user)
    add_minute(session, meeting_id, "new_actions",
               f"{parsed.owner.name}: {parsed.description} By {parsed.due_on:%d %b %Y}. "
               f"How we will know: {parsed.measure}", user=user, action_id=action.id)
    return action


def withheld_values(session: Session, case_id: str) -> frozenset[str]:
    """Values marked "do not disclose" to anyone in the case (e.g. an address kept from a
    parent): never to be shown where several people can see, such as a projector."""
    from ..orm import Base, Restriction

    values: set[str] = set()
    for r in session.scalars(select(Restriction).where(Restriction.case_id == case_id, Restriction.field.is_not(None))):
        table = Base.metadata.tables.get(r.entity)
        if table is None or r.field not in table.c:
            continue
        value = session.execute(select(table.c[r.field]).where(table.c.id == r.entity_id)).scalar()
        if isinstance(value, str) and value.strip():
            values.add(value.strip())
            values.update(part.strip() for part in value.split(",") if len(part.strip()) > 6)
    return frozenset(values)
