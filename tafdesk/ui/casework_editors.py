"""Case work over time: the chronology of significant events, visits, supervision notes."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import QWidget
from sqlalchemy.orm import Session

from ..i18n.ui import N_, _
from ..models import vocab as v
from ..models.services.casework import entries_of
from ..models.services.people import list_people
from ..models.services.team import team_of
from . import labels as L
from .editor import RecordEditor, Row
from .forms import Field
from .journey_entities import CHRONOLOGY, SUPERVISION, VISIT

DATE_HINT = N_("YYYY-MM-DD or DD/MM/YYYY")
SIGNIFICANCE = ((v.Significance.HIGH.value, N_("High")), (v.Significance.MEDIUM.value, N_("Medium")),
                (v.Significance.LOW.value, N_("Low")))
OCCASIONS = (
    ("allocation", N_("At allocation")), ("first_visit", N_("After the first visit")),
    ("assessment", N_("Assessment")), ("first_plan", N_("First plan")), ("review", N_("Review")),
    ("transfer", N_("Transfer")), ("closure", N_("Closure")), ("individual", N_("Individual supervision")),
)


# The "Case work" entries of the workspace: key, name in the list, what the section is for
# (English, marked N_; the workspace shows them through _()).
CASEWORK: dict[str, tuple[str, str]] = {
    "chronology": (N_("Chronology"), N_("Significant events in the family's life, newest first: what happened, "
                                        "when, who says so and how much it matters.")),
    "visits": (N_("Visits"), N_("Visits to the family (at least every two weeks): who was seen, and which "
                                "children were seen alone.")),
    "supervision": (N_("Supervision"), N_("Management oversight of the case: supervision notes and the actions "
                                          "agreed.")),
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
        Field("occurred_on", N_("Date"), "date", hint=DATE_HINT),
        Field("what", N_("What happened"), "multiline"),
        Field("source", N_("Source"), hint=N_("Who told us, or where it is recorded")),
        Field("significance", N_("Significance"), "choice", SIGNIFICANCE),
        Field("person_ids", N_("Who it concerns"), "multi"),
    )
    listens = frozenset({"people"})
    title = N_("Chronology of significant events")
    add_text = N_("Add an event")
    remove_text = N_("Remove event")
    empty_hint = N_("Keep the chronology of significant events up to date: what happened, when, and who says so.")
    reuse_new_id = True

    def __init__(self, ops: Any, parent: QWidget | None = None) -> None:
        super().__init__(ops, parent)
        self.setAccessibleName(_("Chronology editor"))

    def load_rows(self, s: Session, case_id: str) -> list[Row]:
        levels = dict(SIGNIFICANCE)
        return [(e.id, _("{day} ({significance}): {what}", day=L.day(e.occurred_on),
                         significance=_(levels[e.significance]).lower() if e.significance in levels
                         else e.significance, what=_short(e.what)))
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
        Field("visited_on", N_("Date"), "date", hint=DATE_HINT),
        Field("professional_id", N_("Visit by"), "choice"),
        Field("venue", N_("Where"), hint=N_("Home, school, a children's centre\u2026")),
        Field("purpose", N_("Purpose"), "multiline"),
        Field("seen_person_ids", N_("Who was seen"), "multi"),
        Field("seen_alone_child_ids", N_("Children seen alone"), "multi"),
        Field("notes", N_("Notes"), "multiline"),
    )
    listens = frozenset({"people", "team"})
    title = N_("Visits")
    add_text = N_("Record a visit")
    remove_text = N_("Remove visit")
    empty_hint = N_("Record each visit: who was seen, which children were seen alone, where and why.")
    reuse_new_id = True

    def __init__(self, ops: Any, parent: QWidget | None = None) -> None:
        super().__init__(ops, parent)
        self.setAccessibleName(_("Visits editor"))

    def load_rows(self, s: Session, case_id: str) -> list[Row]:
        rows = []
        for e in entries_of(s, case_id, "visits"):
            day, venue, alone = L.day(e.visited_on), e.venue or _("venue not given"), len(e.seen_alone_child_ids)
            rows.append((e.id, _("{day}, {venue}", day=day, venue=venue) if not alone
                         else _("{day}, {venue}, {count} seen alone", day=day, venue=venue, count=alone)))
        return rows

    def load_choices(self, s: Session, case_id: str) -> dict[str, list[tuple[str, str]]]:
        team = [("", _("Not recorded"))] + [(m.professional_id, m.professional.name) for m in team_of(s, case_id)]
        return {"professional_id": team, "seen_person_ids": _people(s, case_id),
                "seen_alone_child_ids": _people(s, case_id, children_only=True)}

    def defaults(self) -> dict[str, Any]:
        return {"visited_on": date.today(), "venue": _("Home")}


class SupervisionEditor(RecordEditor):
    entity = SUPERVISION
    fields = (
        Field("held_on", N_("Date"), "date", hint=DATE_HINT),
        Field("supervisor", N_("Supervisor")),
        Field("occasion", N_("Occasion"), "choice", OCCASIONS),
        Field("note", N_("Discussion and decisions"), "multiline"),
        Field("actions_agreed", N_("Actions agreed"), "multiline"),
    )
    title = N_("Supervision notes")
    add_text = N_("Add a supervision note")
    remove_text = N_("Remove supervision note")
    empty_hint = N_("Management oversight: supervision at allocation, after the first visit, the assessment, "
                    "the first plan, each review, transfer and closure, and at least every 4 weeks.")
    reuse_new_id = True

    def __init__(self, ops: Any, parent: QWidget | None = None) -> None:
        super().__init__(ops, parent)
        self.setAccessibleName(_("Supervision editor"))

    def load_rows(self, s: Session, case_id: str) -> list[Row]:
        names = dict(OCCASIONS)
        return [(e.id, _("{day}: {occasion}, {supervisor}", day=L.day(e.held_on),
                         occasion=_(names[e.occasion]) if e.occasion in names else e.occasion,
                         supervisor=e.supervisor))
                for e in entries_of(s, case_id, "supervision_notes")]

    def defaults(self) -> dict[str, Any]:
        return {"held_on": date.today(), "occasion": "individual"}
