"""Case work over time: the chronology of significant events, visits, supervision notes."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import QWidget
from sqlalchemy.orm import Session

from ..models import vocab as v
from ..models.services.casework import entries_of
from ..models.services.people import list_people
from ..models.services.team import team_of
from . import labels as L
from .editor import RecordEditor, Row
from .forms import Field
from .journey_entities import CHRONOLOGY, SUPERVISION, VISIT

DATE_HINT = "YYYY-MM-DD or DD/MM/YYYY"
SIGNIFICANCE = ((v.Significance.HIGH.value, "High"), (v.Significance.MEDIUM.value, "Medium"),
                (v.Significance.LOW.value, "Low"))
OCCASIONS = (
    ("allocation", "At allocation"), ("first_visit", "After the first visit"), ("assessment", "Assessment"),
    ("first_plan", "First plan"), ("review", "Review"), ("transfer", "Transfer"), ("closure", "Closure"),
    ("individual", "Individual supervision"),
)


# The "Case work" entries of the workspace: key, name in the list, what the section is for.
CASEWORK: dict[str, tuple[str, str]] = {
    "chronology": ("Chronology", ("Significant events in the family's life, newest first: what happened, "
                                  "when, who says so and how much it matters.")),
    "visits": ("Visits", ("Visits to the family (at least every two weeks): who was seen, and which children "
                          "were seen alone.")),
    "supervision": ("Supervision", "Management oversight of the case: supervision notes and the actions agreed."),
}


def _short(text: str, n: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "\u2026"


def _people(s: Session, case_id: str, *, children_only: bool = False) -> list[tuple[str, str]]:
    return [(p.id, p.display_name) for p in list_people(s, case_id)
            if p.in_household_network and (not children_only or p.kind == "child")]


class ChronologyEditor(RecordEditor):
    entity = CHRONOLOGY
    fields = (
        Field("occurred_on", "Date", "date", hint=DATE_HINT),
        Field("what", "What happened", "multiline"),
        Field("source", "Source", hint="Who told us, or where it is recorded"),
        Field("significance", "Significance", "choice", SIGNIFICANCE),
        Field("person_ids", "Who it concerns", "multi"),
    )
    listens = frozenset({"people"})
    title = "Chronology of significant events"
    add_text = "Add an event"
    remove_text = "Remove event"
    empty_hint = "Keep the chronology of significant events up to date: what happened, when, and who says so."
    reuse_new_id = True

    def __init__(self, ops: Any, parent: QWidget | None = None) -> None:
        super().__init__(ops, parent)
        self.setAccessibleName("Chronology editor")

    def load_rows(self, s: Session, case_id: str) -> list[Row]:
        return [(e.id, f"{L.day(e.occurred_on)} ({e.significance}): {_short(e.what)}")
                for e in entries_of(s, case_id, "chronology_events")]

    def load_choices(self, s: Session, case_id: str) -> dict[str, list[tuple[str, str]]]:
        return {"person_ids": _people(s, case_id)}

    def defaults(self) -> dict[str, Any]:
        return {"occurred_on": date.today(), "significance": "medium"}

    def first_field(self) -> QWidget:
        return self.form.widget("what")


class VisitEditor(RecordEditor):
    entity = VISIT
    fields = (
        Field("visited_on", "Date", "date", hint=DATE_HINT),
        Field("professional_id", "Visit by", "choice"),
        Field("venue", "Where", hint="Home, school, a children's centre\u2026"),
        Field("purpose", "Purpose", "multiline"),
        Field("seen_person_ids", "Who was seen", "multi"),
        Field("seen_alone_child_ids", "Children seen alone", "multi"),
        Field("notes", "Notes", "multiline"),
    )
    listens = frozenset({"people", "team"})
    title = "Visits"
    add_text = "Record a visit"
    remove_text = "Remove visit"
    empty_hint = "Record each visit: who was seen, which children were seen alone, where and why."
    reuse_new_id = True

    def __init__(self, ops: Any, parent: QWidget | None = None) -> None:
        super().__init__(ops, parent)
        self.setAccessibleName("Visits editor")

    def load_rows(self, s: Session, case_id: str) -> list[Row]:
        rows = []
        for e in entries_of(s, case_id, "visits"):
            alone = f", {len(e.seen_alone_child_ids)} seen alone" if e.seen_alone_child_ids else ""
            rows.append((e.id, f"{L.day(e.visited_on)}, {e.venue or 'venue not given'}{alone}"))
        return rows

    def load_choices(self, s: Session, case_id: str) -> dict[str, list[tuple[str, str]]]:
        team = [("", "Not recorded")] + [(m.professional_id, m.professional.name) for m in team_of(s, case_id)]
        return {"professional_id": team, "seen_person_ids": _people(s, case_id),
                "seen_alone_child_ids": _people(s, case_id, children_only=True)}

    def defaults(self) -> dict[str, Any]:
        return {"visited_on": date.today(), "venue": "Home"}


class SupervisionEditor(RecordEditor):
    entity = SUPERVISION
    fields = (
        Field("held_on", "Date", "date", hint=DATE_HINT),
        Field("supervisor", "Supervisor"),
        Field("occasion", "Occasion", "choice", OCCASIONS),
        Field("note", "Discussion and decisions", "multiline"),
        Field("actions_agreed", "Actions agreed", "multiline"),
    )
    title = "Supervision notes"
    add_text = "Add a supervision note"
    remove_text = "Remove supervision note"
    empty_hint = ("Management oversight: supervision at allocation, after the first visit, the assessment, "
                  "the first plan, each review, transfer and closure, and at least every 4 weeks.")
    reuse_new_id = True

    def __init__(self, ops: Any, parent: QWidget | None = None) -> None:
        super().__init__(ops, parent)
        self.setAccessibleName("Supervision editor")

    def load_rows(self, s: Session, case_id: str) -> list[Row]:
        names = dict(OCCASIONS)
        return [(e.id, f"{L.day(e.held_on)}: {names.get(e.occasion, e.occasion)}, {e.supervisor}")
                for e in entries_of(s, case_id, "supervision_notes")]

    def defaults(self) -> dict[str, Any]:
        return {"held_on": date.today(), "occasion": "individual"}
