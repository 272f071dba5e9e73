"""The front door: the request for early help and its decision, allocation to a lead
professional, and starting a new family's case from the case list."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from ..models import vocab as v
from ..models.errors import TafdeskError, ValidationFailed
from ..models.services.people import list_people
from ..models.services.requests import allocations_of, requests_of, start_case
from ..models.services.team import team_of
from . import labels as L
from .editor import RecordEditor, Row
from .forms import Field
from .journey_entities import ALLOCATION, REQUEST
from .ops import CaseOps
from .widgets import problem_colour, set_text_colour

TIME_HINT = "YYYY-MM-DD HH:MM, or DD/MM/YYYY HH:MM"
SOURCES = (
    (v.RequestSource.SCHOOL, "School"), (v.RequestSource.EARLY_YEARS, "Early years setting"),
    (v.RequestSource.HEALTH, "Health"), (v.RequestSource.POLICE, "Police"),
    (v.RequestSource.VOLUNTARY, "Voluntary sector"), (v.RequestSource.HOUSING, "Housing"),
    (v.RequestSource.SOCIAL_CARE, "Children's social care (step down)"),
    (v.RequestSource.FAMILY, "The family"), (v.RequestSource.SELF, "The young person"),
    (v.RequestSource.OTHER, "Other"),
)
OUTCOMES = (("", "Not decided yet"),) + tuple((k.value, text[0].upper() + text[1:])
                                              for k, text in v.REQUEST_OUTCOME_LABELS.items())
LEVELS = (("", "Not decided"),) + tuple((k.value, text) for k, text in L.LEVEL_OF_NEED.items())
FACTORS = tuple((k.value, text) for k, text in v.PRESENTING_FACTOR_LABELS.items())


def now_text() -> str:
    return datetime.now().strftime("%Y-%m-%d %H:%M")


class RequestEditor(RecordEditor):
    entity = REQUEST
    fields = (
        Field("received_at", "Received", hint=TIME_HINT, section="The request"),
        Field("source", "From", "choice", SOURCES),
        Field("source_name", "Who made it", hint="Name and agency, e.g. Sarah Whitfield, DSL"),
        Field("reasons", "Why help is asked for", "multiline"),
        Field("presenting_needs", "Presenting needs", "multi", FACTORS),
        Field("outcome", "Outcome", "choice", OUTCOMES, section="The decision"),
        Field("level_of_need", "Level of need", "choice", LEVELS),
        Field("decided_at", "Decided", hint=TIME_HINT),
        Field("decided_by", "Decided by", hint="A person, or the early help hub"),
        Field("notes", "Notes", "multiline"),
    )
    listens = frozenset({"people"})
    title = "Requests for early help"
    add_text = "Record a request"
    remove_text = "Remove request"
    empty_hint = ("Record the request for early help: when it came, from whom and why; then the decision. "
                  "A repeat request for the same family is recorded here too.")
    reuse_new_id = True

    def __init__(self, ops: Any, parent: QWidget | None = None) -> None:
        super().__init__(ops, parent)
        self.setAccessibleName("Request editor")

    def load_rows(self, s: Session, case_id: str) -> list[Row]:
        rows = []
        for r in requests_of(s, case_id):
            outcome = v.REQUEST_OUTCOME_LABELS.get(r.outcome, "no decision yet") if r.outcome else "no decision yet"  # type: ignore[call-overload]
            rows.append((r.id, f"{L.day(r.received_at.astimezone().date())}: {outcome}"))
        return rows

    def defaults(self) -> dict[str, Any]:
        return {"received_at": now_text(), "source": v.RequestSource.SCHOOL.value}


class AllocationEditor(RecordEditor):
    entity = ALLOCATION
    fields = (
        Field("professional_id", "Lead professional", "choice"),
        Field("allocated_at", "Allocated", hint=TIME_HINT),
        Field("allocated_by", "Allocated by"),
        Field("family_consulted", "The family had a say in who leads", "check"),
        Field("note", "Allocation note", "multiline",
              hint="The children, the needs found so far, and the timescales set"),
    )
    listens = frozenset({"team", "people", "request"})
    title = "Allocations"
    add_text = "Allocate a lead professional"
    remove_text = "Remove allocation"
    empty_hint = ("Allocate the case to a lead professional from the team around the family. "
                  "Add them to the team first if they are not in it. The newest allocation leads the case.")
    reuse_new_id = True

    def __init__(self, ops: Any, parent: QWidget | None = None) -> None:
        super().__init__(ops, parent)
        self.setAccessibleName("Allocation editor")

    def load_rows(self, s: Session, case_id: str) -> list[Row]:
        rows = []
        for i, a in enumerate(allocations_of(s, case_id)):
            name = next((m.professional.name for m in team_of(s, case_id) if m.professional_id == a.professional_id),
                        "(no longer in the team)")
            when = L.day(a.allocated_at.astimezone().date())
            rows.append((a.id, f"{name}, {when}" + (" (current lead)" if i == 0 else "")))
        return rows

    def load_choices(self, s: Session, case_id: str) -> dict[str, list[tuple[str, str]]]:
        return {"professional_id": [(m.professional_id, f"{m.professional.name}"
                                     + (f" ({m.professional.role})" if m.professional.role else ""))
                                    for m in team_of(s, case_id)]}

    def defaults(self) -> dict[str, Any]:
        return {"allocated_at": now_text(), "note": self._note_start()}

    def _note_start(self) -> str:
        """The children, with ages, to start the note from; the worker adds needs and timescales."""
        if self.case_id is None:
            return ""
        case_id = self.case_id

        def read(s: Session) -> str:
            today = datetime.now().date()
            kids = [f"{p.display_name} ({L.age_on(p.date_of_birth, today)})" if p.date_of_birth else p.display_name
                    for p in list_people(s, case_id) if p.kind == "child" and p.in_household_network]
            return (f"Children: {', '.join(kids)}.\n" if kids else "") + "Needs: \nTimescales: "
        return self.ops.read(read)


class NewCaseDialog(QDialog):
    """Start a family's journey: their name; the request is recorded next, in its editor."""

    def __init__(self, ops: CaseOps, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.case_id: str | None = None
        self.setWindowTitle("New request for early help")
        self.name = QLineEdit(self)
        self.name.setAccessibleName("Family name")
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.problem.setAccessibleName("Problem with the family name")
        set_text_colour(self.problem, problem_colour(self))
        self.problem.hide()
        intro = QLabel("A new case starts with the family's name. The request itself (when it came, from "
                       "whom and why) is recorded next.", self)
        intro.setWordWrap(True)
        form = QFormLayout()
        label = QLabel("&Family name:", self)
        label.setBuddy(self.name)
        form.addRow(label, self.name)
        form.addRow("", self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Start the case")
        buttons.accepted.connect(self.create)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.name.setFocus(Qt.FocusReason.OtherFocusReason)

    def create(self) -> None:
        name = self.name.text()
        try:
            with self.ops.db.session() as s:
                self.case_id = start_case(s, {"family_name": name}, user=self.ops.user).id
        except ValidationFailed as exc:
            self.problem.setText(next(iter(exc.problems.values())))
            self.problem.show()
            self.name.setAccessibleDescription(f"Problem: {self.problem.text()}")
            self.name.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        except TafdeskError as exc:
            self.problem.setText(str(exc))
            self.problem.show()
            return
        self.accept()
