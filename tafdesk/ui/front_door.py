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

from ..i18n.ui import N_, _
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

TIME_HINT = N_("YYYY-MM-DD HH:MM, or DD/MM/YYYY HH:MM")
SOURCES = (
    (v.RequestSource.SCHOOL, N_("School")), (v.RequestSource.EARLY_YEARS, N_("Early years setting")),
    (v.RequestSource.HEALTH, N_("Health")), (v.RequestSource.POLICE, N_("Police")),
    (v.RequestSource.VOLUNTARY, N_("Voluntary sector")), (v.RequestSource.HOUSING, N_("Housing")),
    (v.RequestSource.SOCIAL_CARE, N_("Children's social care (step down)")),
    (v.RequestSource.FAMILY, N_("The family")), (v.RequestSource.SELF, N_("The young person")),
    (v.RequestSource.OTHER, N_("Other")),
)
OUTCOMES = (("", N_("Not decided yet")),) + tuple((k.value, text) for k, text in v.REQUEST_OUTCOME_LABELS.items())
LEVELS = (("", N_("Not decided")),) + tuple((k.value, text) for k, text in L.LEVEL_OF_NEED.items())


def outcome_choices() -> list[tuple[str, str]]:
    """The decisions in the user's language, each starting with a capital as a choice in a list."""
    shown = [(value, _(text)) for value, text in OUTCOMES]
    return [(value, text[:1].upper() + text[1:]) for value, text in shown]
FACTORS = tuple((k.value, text) for k, text in v.PRESENTING_FACTOR_LABELS.items())


def now_text() -> str:
    return datetime.now().strftime("%Y-%m-%d %H:%M")


class RequestEditor(RecordEditor):
    entity = REQUEST
    fields = (
        Field("received_at", N_("Received"), hint=TIME_HINT, section=N_("The request")),
        Field("source", N_("From"), "choice", SOURCES),
        Field("source_name", N_("Who made it"), hint=N_("Name and agency, e.g. Sarah Whitfield, DSL")),
        Field("reasons", N_("Why help is asked for"), "multiline"),
        Field("presenting_needs", N_("Presenting needs"), "multi", FACTORS),
        Field("outcome", N_("Outcome"), "choice", OUTCOMES, section=N_("The decision")),
        Field("level_of_need", N_("Level of need"), "choice", LEVELS),
        Field("decided_at", N_("Decided"), hint=TIME_HINT),
        Field("decided_by", N_("Decided by"), hint=N_("A person, or the early help hub")),
        Field("notes", N_("Notes"), "multiline"),
    )
    listens = frozenset({"people"})
    title = N_("Requests for early help")
    add_text = N_("Record a request")
    remove_text = N_("Remove request")
    empty_hint = N_("Record the request for early help: when it came, from whom and why; then the decision. "
                    "A repeat request for the same family is recorded here too.")
    reuse_new_id = True

    def __init__(self, ops: Any, parent: QWidget | None = None) -> None:
        super().__init__(ops, parent)
        self.setAccessibleName(_("Request editor"))

    def load_rows(self, s: Session, case_id: str) -> list[Row]:
        rows = []
        for r in requests_of(s, case_id):
            label = v.REQUEST_OUTCOME_LABELS.get(r.outcome) if r.outcome else None  # type: ignore[call-overload]
            day = L.day(r.received_at.astimezone().date())
            rows.append((r.id, _("{day}: {outcome}", day=day, outcome=_(label)) if label
                         else _("{day}: no decision yet", day=day)))
        return rows

    def load_choices(self, s: Session, case_id: str) -> dict[str, list[tuple[str, str]]]:
        return {"outcome": outcome_choices()}

    def defaults(self) -> dict[str, Any]:
        return {"received_at": now_text(), "source": v.RequestSource.SCHOOL.value}


class AllocationEditor(RecordEditor):
    entity = ALLOCATION
    fields = (
        Field("professional_id", N_("Lead professional"), "choice"),
        Field("allocated_at", N_("Allocated"), hint=TIME_HINT),
        Field("allocated_by", N_("Allocated by")),
        Field("family_consulted", N_("The family had a say in who leads"), "check"),
        Field("note", N_("Allocation note"), "multiline",
              hint=N_("The children, the needs found so far, and the timescales set")),
    )
    listens = frozenset({"team", "people", "request"})
    title = N_("Allocations")
    add_text = N_("Allocate a lead professional")
    remove_text = N_("Remove allocation")
    empty_hint = N_("Allocate the case to a lead professional from the team around the family. "
                    "Add them to the team first if they are not in it. The newest allocation leads the case.")
    reuse_new_id = True

    def __init__(self, ops: Any, parent: QWidget | None = None) -> None:
        super().__init__(ops, parent)
        self.setAccessibleName(_("Allocation editor"))

    def load_rows(self, s: Session, case_id: str) -> list[Row]:
        rows = []
        for i, a in enumerate(allocations_of(s, case_id)):
            name = next((m.professional.name for m in team_of(s, case_id) if m.professional_id == a.professional_id),
                        None) or _("(no longer in the team)")
            when = L.day(a.allocated_at.astimezone().date())
            rows.append((a.id, _("{name}, {day} (current lead)", name=name, day=when) if i == 0
                         else _("{name}, {day}", name=name, day=when)))
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
            if kids:
                return _("Children: {children}.\nNeeds: \nTimescales: ", children=", ".join(kids))
            return _("Needs: \nTimescales: ")
        return self.ops.read(read)


class NewCaseDialog(QDialog):
    """Start a family's journey: their name; the request is recorded next, in its editor."""

    def __init__(self, ops: CaseOps, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.case_id: str | None = None
        self.setWindowTitle(_("New request for early help"))
        self.name = QLineEdit(self)
        self.name.setAccessibleName(_("Family name"))
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.problem.setAccessibleName(_("Problem with the family name"))
        set_text_colour(self.problem, problem_colour(self))
        self.problem.hide()
        intro = QLabel(_("A new case starts with the family's name. The request itself (when it came, from "
                         "whom and why) is recorded next."), self)
        intro.setWordWrap(True)
        form = QFormLayout()
        label = QLabel(_("&Family name:"), self)
        label.setBuddy(self.name)
        form.addRow(label, self.name)
        form.addRow("", self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Start the case"))
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
            self.problem.setText(_(next(iter(exc.problems.values()))))
            self.problem.show()
            self.name.setAccessibleDescription(_("Problem: {problem}", problem=self.problem.text()))
            self.name.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        except TafdeskError as exc:
            self.problem.setText(str(exc))
            self.problem.show()
            return
        self.accept()
