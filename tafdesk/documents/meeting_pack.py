"""What the chair sends out after a TAF meeting: minutes and plan PDFs, calendar files for the
next review and the actions' due dates, and email drafts (professionals get the full minutes;
family members with an email address get the family copy). The plan and the calendar file go to
both, so they are the family's copies; a family member whose email address is kept from others
in the family gets a draft of their own."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.orm import Session

from ..models.disclosure import FAMILY
from ..models.orm import Person, Professional
from ..models.outbox import Attachment, CalendarEntry, calendar, email_draft
from ..models.services.meetings import LOCAL, attendance_of, meeting_by_number
from ..models.services.plan import plan_dto, versions_of
from .minutes import minutes_dto, render_minutes
from .plan import render_plan
from .redaction import redact_plan, redaction
from .registry import RenderOptions


@dataclass(frozen=True)
class PackFile:
    name: str
    content: bytes
    what: str
    # The document kind and options it was made as, for the ledger (``produce.record_pack``).
    ledger: tuple[str, RenderOptions] | None = None


def meeting_pack(session: Session, case_id: str, number: int | None, *, today: date,
                 now: datetime | None = None) -> list[PackFile]:
    meeting = meeting_by_number(session, case_id, number)
    r = redaction(session, case_id, FAMILY)
    full = minutes_dto(session, case_id, number, family_copy=False)
    family = minutes_dto(session, case_id, number, family_copy=True)
    stem = f"{full.case_reference}-{full.starts_at:%Y-%m-%d}"
    as_of = RenderOptions(meeting_number=number)
    files = [PackFile(f"{stem}-minutes.pdf", render_minutes(full, today=today), "minutes (full)",
                      ("minutes", as_of)),
             PackFile(f"{stem}-minutes-family.pdf", render_minutes(family, today=today), "minutes (family copy)",
                      ("minutes", RenderOptions(meeting_number=number, family_copy=True)))]
    version = next((v for v in versions_of(session, case_id) if v.meeting_id == meeting.id), None)
    plan = redact_plan(plan_dto(session, version.id), r) if version else None
    if plan is not None:
        files.append(PackFile(f"{stem}-plan-v{plan.number}.pdf", render_plan(plan, today=today), "family plan",
                              ("plan", as_of)))
    entries = []
    if meeting.next_review_on:
        start = datetime.combine(meeting.next_review_on, full.starts_at.timetz())
        entries.append(CalendarEntry(f"{case_id}-review-{meeting.next_review_on}",
                                     f"TAF review: {full.family_name} family ({full.case_reference})",
                                     "Time and venue as the last meeting unless the chair says otherwise.",
                                     family.venue, starts_at=start))
    if plan is not None:
        for o in plan.outcomes:
            for a in o.actions:
                if a.due_on and a.status not in ("done", "stopped"):
                    entries.append(CalendarEntry(
                        f"{case_id}-action-{a.lineage_id}", f"Due ({a.owner or 'no owner'}): {a.description}",
                        f"How we will know: {a.measure}\nFamily: {family.family_name} ({family.case_reference})",
                        on_day=a.due_on))
    ics = calendar(entries, now=now).encode("utf-8")
    files.append(PackFile(f"{stem}-dates.ics", ics, "next review and due dates"))

    pros, fam, alone = [], [], []
    for a in attendance_of(session, meeting.id):
        if a.professional_id:
            prof = session.get(Professional, a.professional_id)
            if prof and prof.email:
                pros.append((prof.name, prof.email))
        elif a.person_id:
            person = session.get(Person, a.person_id)
            if person and person.email:
                kept = r.person(person.id) or r.hide.field("people", person.id, "email")
                (alone if kept else fam).append((person.display_name, person.email))
    when = full.starts_at.strftime("%d %B %Y")
    ics_att = Attachment(f"{stem}-dates.ics", ics, "text/calendar")
    if pros:
        attach = [Attachment(f.name, f.content, "application/pdf") for f in files
                  if f.name.endswith(".pdf") and "family" not in f.name] + [ics_att]
        files.append(PackFile(f"{stem}-to-professionals.eml", email_draft(
            to=pros, subject=f"OFFICIAL-SENSITIVE: TAF meeting {when}, {full.family_name} family",
            body=(f"Dear all,\n\nAttached are the minutes of the TAF meeting on {when}, the family plan as "
                  "agreed, and the dates in a calendar file.\n\nPlease send secure email only.\n"), attachments=attach,
            when=now), "email draft to the professionals"))
    attach = [Attachment(f.name, f.content, "application/pdf") for f in files
              if f.name.endswith("-minutes-family.pdf") or "-plan-" in f.name] + [ics_att]
    groups = ([(f"{stem}-to-family.eml", fam)] if fam else []) + [
        (f"{stem}-to-family-{i}.eml", [one]) for i, one in enumerate(alone, start=2)]
    for name, to in groups:
        files.append(PackFile(name, email_draft(
            to=to, subject=f"Your family plan and the notes of our meeting on {when}",
            body=(f"Hello,\n\nThank you for coming to the meeting on {when}. Here are the notes of the meeting "
                  "and your family plan.\n"), attachments=attach, when=now), "email draft to the family"))
    return files


__all__ = ["LOCAL", "PackFile", "meeting_pack"]
