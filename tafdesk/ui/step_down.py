"""A family stepped down from children's social care: a new case whose plan starts from the
social worker's plan, with no new assessment."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from ..i18n.ui import N_, _
from ..models.errors import TafdeskError, ValidationFailed
from ..models.services.endings import step_down_intake
from .forms import Field, RecordForm
from .widgets import announce

FIELDS = (
    Field("family_name", N_("Family's name")),
    Field("received_on", N_("Stepped down on"), "date", hint=N_("YYYY-MM-DD or DD/MM/YYYY")),
    Field("social_worker", N_("Social worker")),
    Field("referral_reference", N_("Social care reference")),
    Field("level_of_need", N_("Level of need"), "choice",
          (("level_2", N_("Level 2 (Universal Plus)")), ("level_3", N_("Level 3 (Universal Partnership Plus)")))),
    Field("plan_summary", N_("The social worker's plan, as written"), "multiline"),
    Field("outcomes", N_("Its outcomes, one per line"), "multiline",
          hint=N_("These start the family plan; the first review uses them")),
)


class StepDownDialog(QDialog):
    def __init__(self, ops: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.case_id: str | None = None
        self.setWindowTitle(_("A family stepped down from social care"))
        self.setAccessibleName(_("Step-down intake"))
        intro = QLabel(_("The family's plan starts from the social worker's plan; there is no new assessment."), self)
        intro.setWordWrap(True)
        self.form = RecordForm(FIELDS, self)
        self.form.set_raw(self.form.to_raw({"received_on": date.today(), "level_of_need": "level_2"}))
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setAccessibleName(_("Problems"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Open the case"))
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
            self.status.setText(_("Not yet: correct the marked fields. What you typed is kept."))
            announce(self, self.status.text())
            self.form.focus_first_problem()
            return
        except TafdeskError as exc:
            self.status.setText(str(exc))
            return
        self.accept()
