"""A family stepped down from children's social care: a new case whose plan starts from the
social worker's plan, with no new assessment."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from ..models.errors import TafdeskError, ValidationFailed
from ..models.services.endings import step_down_intake
from .forms import Field, RecordForm
from .widgets import announce

FIELDS = (
    Field("family_name", "Family's name"),
    Field("received_on", "Stepped down on", "date", hint="YYYY-MM-DD or DD/MM/YYYY"),
    Field("social_worker", "Social worker"),
    Field("referral_reference", "Social care reference"),
    Field("level_of_need", "Level of need", "choice",
          (("level_2", "Level 2 (Universal Plus)"), ("level_3", "Level 3 (Universal Partnership Plus)"))),
    Field("plan_summary", "The social worker's plan, as written", "multiline"),
    Field("outcomes", "Its outcomes, one per line", "multiline",
          hint="These start the family plan; the first review uses them"),
)


class StepDownDialog(QDialog):
    def __init__(self, ops: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.case_id: str | None = None
        self.setWindowTitle("A family stepped down from social care")
        self.setAccessibleName("Step-down intake")
        intro = QLabel("The family's plan starts from the social worker's plan; there is no new assessment.", self)
        intro.setWordWrap(True)
        self.form = RecordForm(FIELDS, self)
        self.form.set_raw(self.form.to_raw({"received_on": date.today(), "level_of_need": "level_2"}))
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Problems")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Open the case")
        buttons.accepted.connect(self.create)
        buttons.rejected.connect(self.reject)
        v = QVBoxLayout(self)
        for w in (intro, self.form, self.status, buttons):
            v.addWidget(w)

    def create(self) -> None:
        data = self.form.to_data(self.form.raw())
        try:
            self.case_id = self.ops.read(lambda s: step_down_intake(s, data, user=self.ops.user).id)
        except ValidationFailed as exc:
            self.form.show_problems(exc.problems)
            self.status.setText("Not yet: correct the marked fields. What you typed is kept.")
            announce(self, self.status.text())
            self.form.focus_first_problem()
            return
        except TafdeskError as exc:
            self.status.setText(str(exc))
            return
        self.accept()
