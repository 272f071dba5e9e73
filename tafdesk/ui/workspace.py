"""One case, organised as the family's journey: where each step stands and what comes next.

Each step's state is worked out from the record by ``journey()``. Steps whose editors come later
show that state and nothing else; Family members, Team and Consent open their editors here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from ..i18n.ui import N_, _
from ..models.journey import Journey, JourneyStep, case_facts, journey
from ..models.services.cases import get_case
from ..models.services.deadlines import case_deadlines
from ..models.services.people import list_people
from ..models.services.team import team_of
from ..models.timescales import Rules, with_deadlines
from . import labels as L
from .assessment_editor import AssessmentEditor
from .casework_editors import CASEWORK, ChronologyEditor, SupervisionEditor, VisitEditor
from .consent_editor import ConsentEditor
from .editor import RecordEditor
from .ending_panel import EndingPanel
from .feedback_editor import FeedbackEditor
from .front_door import AllocationEditor, RequestEditor
from .genogram_editor import GenogramPanel
from .meetings_editor import MeetingsEditor
from .ops import CaseOps
from .people_editor import PeopleEditor
from .plan_editor import PlanPanel
from .scaling_editor import ScalingPanel
from .settings_ui import rules_for_ui
from .team_editor import TeamEditor
from .widgets import heading, problem_colour, scaled_font, set_text_colour, state_icon

KEY_ROLE = Qt.ItemDataRole.UserRole
PEOPLE, TEAM = "people", "team"
PROGRESS = {  # parts of the case about how the family is doing: (title, what it is)
    "genogram": (N_("Genogram and ecomap"), N_(
        "Who is in the family network and how they are related; the services and people around the "
        "household. Printed with a key; snapshots show change.")),
    "scaling": (N_("Scaling scores"), N_(
        "How each family member scores each area, 1 (very worried) to 10 (all is well), at the "
        "assessment, each review and closure; and the distance travelled.")),
    "feedback": (N_("Feedback from the family"), N_(
        "How it was for the family: treated with respect, listened to, helped with what mattered; "
        "from the printed form or a conversation.")),
}
EDITOR_OF_STEP = {"consent": "consent", "plan": "plan", "meetings": "meetings", "ending": "ending"}  # journey steps that have an editor in this version
EDITOR_OF_STEP.update({"request": "request", "allocation": "allocation", "assessment": "assessment"})


@dataclass(frozen=True)
class CaseView:
    """What the workspace shows about a case, read in one session."""

    reference: str
    family_name: str
    facts_line: str
    journey: Journey
    people: int
    team: int


def read_case(s: Session, case_id: str, rules: Rules | None = None, today: date | None = None) -> CaseView:
    case = get_case(s, case_id)
    facts = [case.reference, L.label(L.CASE_STATUS, case.status),
             L.label(L.LEVEL_OF_NEED, case.level_of_need, _("Level of need not decided"))]
    lead = case.lead_professional.name if case.lead_professional else ""
    facts.append(_("Lead professional: {name}", name=lead) if lead else _("No lead professional yet"))
    if case.opened_on:
        facts.append(_("Opened {day}", day=L.day(case.opened_on)))
    return CaseView(case.reference, case.family_name, "  ·  ".join(facts),
                    _timed_journey(s, case_id, rules or Rules(), today or date.today()),
                    len(list_people(s, case_id)),
                    len(team_of(s, case_id)))


def _timed_journey(s: Session, case_id: str, rules: Rules, today: date) -> Journey:
    """The journey with each step's due date (timescales in the settings file)."""
    return with_deadlines(journey(case_facts(s, case_id)), case_deadlines(s, case_id, rules, today), today)


class Workspace(QWidget):
    """Header, the "Next" line, the journey and people on the left, the chosen part on the right."""

    section_changed = Signal(str)

    def __init__(self, ops: CaseOps, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.rules, problem = rules_for_ui()
        self.today = date.today  # the day due dates are judged on (a test may fix it)
        if problem:  # said once the window is listening
            QTimer.singleShot(0, self, lambda: ops.message.emit(problem))
        self.case_id: str | None = None
        self.view: CaseView | None = None
        self._current_key = ""
        self.setAccessibleName(_("Case workspace"))
        self.people_editor = PeopleEditor(ops)
        self.team_editor = TeamEditor(ops)
        self.consent_editor = ConsentEditor(ops)
        self.editors: dict[str, RecordEditor] = {
            PEOPLE: self.people_editor, TEAM: self.team_editor, "consent": self.consent_editor,
            "plan": PlanPanel(ops), "meetings": MeetingsEditor(ops), "ending": EndingPanel(ops)}  # type: ignore[dict-item]
        self.assessment_editor = AssessmentEditor(ops)
        self.editors.update({  # type: ignore[dict-item]
            "request": RequestEditor(ops), "allocation": AllocationEditor(ops), "assessment": self.assessment_editor,
            "chronology": ChronologyEditor(ops), "visits": VisitEditor(ops), "supervision": SupervisionEditor(ops)})
        self.editors.update({"scaling": ScalingPanel(ops), "feedback": FeedbackEditor(ops)})  # type: ignore[dict-item]
        self.editors.update({"genogram": GenogramPanel(ops)})  # type: ignore[dict-item]
        self._build()
        ops.changed.connect(self._on_changed)
        for editor in self.editors.values():
            editor.drafts_changed.connect(self._fill_nav)

    def _build(self) -> None:
        self.title = heading("", self, 1.4)
        self.title.setAccessibleName(_("Family"))
        self.facts = QLabel(self)
        self.facts.setWordWrap(True)
        self.next_bar = QFrame(self)
        self.next_bar.setFrameShape(QFrame.Shape.StyledPanel)
        self.next_label = QLabel(self.next_bar)
        self.next_label.setWordWrap(True)
        self.next_label.setFont(scaled_font(self.next_label.font(), 1.15, bold=True))
        self.next_label.setAccessibleName(_("Next step"))
        self.next_button = QPushButton(_("&Go to this step"), self.next_bar)
        self.next_button.clicked.connect(self.show_next_step)
        nb = QHBoxLayout(self.next_bar)
        self.next_due = QLabel(self.next_bar)
        self.next_due.setWordWrap(True)
        self.next_due.setAccessibleName(_("When the next step is due"))
        texts = QVBoxLayout()
        texts.addWidget(self.next_label)
        texts.addWidget(self.next_due)
        nb.addLayout(texts, 1)
        nb.addWidget(self.next_button)

        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.setChildrenCollapsible(False)
        self.nav = QListWidget(split)
        self.nav.setAccessibleName(_("The family's journey, and the people in the case"))
        self.nav.setWordWrap(True)
        self.nav.setSpacing(2)
        icon = self.nav.fontMetrics().height()
        self.nav.setIconSize(QSize(icon, icon))
        self.nav.currentItemChanged.connect(self._nav_changed)
        right = QWidget(split)
        rv = QVBoxLayout(right)
        rv.setContentsMargins(8, 0, 0, 0)
        self.section_title = heading("", right, 1.2)
        self.section_state = QLabel(right)
        self.section_state.setWordWrap(True)
        self.section_state.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                                   | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.section_next = QLabel(right)
        self.section_next.setWordWrap(True)
        self.body = QStackedWidget(right)
        self.body.addWidget(QWidget(self.body))  # steps without an editor: their state only
        for editor in self.editors.values():
            self.body.addWidget(editor)
        rv.addWidget(self.section_title)
        rv.addWidget(self.section_state)
        self.section_due = QLabel(right)
        self.section_due.setWordWrap(True)
        self.section_due.setAccessibleName(_("When this step is due"))
        rv.addWidget(self.section_due)
        rv.addWidget(self.section_next)
        rv.addWidget(self.body, 1)
        split.addWidget(self.nav)
        split.addWidget(right)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 5)
        em = self.fontMetrics().horizontalAdvance("m")
        split.setSizes([em * 24, em * 60])

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.facts)
        layout.addWidget(self.next_bar)
        layout.addWidget(split, 1)

    # Opening and refreshing.
    def open_case(self, case_id: str) -> None:
        self.case_id = case_id
        self.ops.record("open", case_id, entity="cases", detail="workspace")
        self.ops.set_active_case(case_id)
        for editor in self.editors.values():
            editor.set_case(case_id)
        self._current_key = ""
        self.refresh()
        nxt = self.view.journey.next_step if self.view else None
        self.show_section(nxt.key if nxt else "request")

    def refresh(self) -> None:
        if self.case_id is None:
            return
        case_id = self.case_id
        self.view = self.ops.read(lambda s: read_case(s, case_id, self.rules, self.today()))
        self.title.setText(_("{family} family", family=self.view.family_name))
        self.facts.setText(self.view.facts_line)
        nxt = self.view.journey.next_step
        if nxt is None:
            self.next_label.setText(_("Next: nothing is waiting. Every step is done."))
            self.next_button.setEnabled(False)
        else:
            self.next_label.setText(_("Next: {step}. {action}", step=_(nxt.title),
                                      action=_(nxt.next_action) if nxt.next_action else "").strip())
            self.next_button.setEnabled(True)
        self._show_due(self.next_due, nxt)
        self._fill_nav()
        self._show_section_text(self.current_key())

    def _on_changed(self, case_id: str, _kinds: set[str]) -> None:
        if case_id == self.case_id:
            self.refresh()

    def _fill_nav(self) -> None:
        """Show the steps and people. The entries never change, only their text; so they are
        updated in place (this also runs from inside the list's own selection signal)."""
        if self.view is None:
            return
        kept = _("Unsaved changes kept")  # a line of its own under the entry's name

        def lines(*parts: str) -> str:
            return "\n".join(p for p in parts if p)

        entries: list[tuple[str | None, str, JourneyStep | None]] = [
            (None, _("The family's journey"), None)]
        for step in self.view.journey.steps:
            drafts = step.key in EDITOR_OF_STEP and self.editors[EDITOR_OF_STEP[step.key]].has_drafts()
            text = lines(_(step.title), _("{state}: {detail}", state=_(L.STEP_STATE[step.state]),
                                          detail=_(step.detail)),
                         _(step.due) if step.due else "",  # "Late: ..." when it is late
                         kept if drafts else "")
            entries.append((step.key, text, step))
        entries.append((None, _("People"), None))
        for key, text in ((PEOPLE, _("Family members ({count})", count=self.view.people)),
                          (TEAM, _("Team around the family ({count})", count=self.view.team))):
            entries.append((key, lines(text, kept if self.editors[key].has_drafts() else ""), None))
        entries.append((None, _("Progress"), None))
        for key, (name, _about) in PROGRESS.items():
            entries.append((key, lines(_(name), kept if self.editors[key].has_drafts() else ""), None))
        entries.append((None, _("Case work"), None))
        for key, (name, _about) in CASEWORK.items():
            entries.append((key, lines(_(name), kept if self.editors[key].has_drafts() else ""), None))
        self.nav.blockSignals(True)
        try:
            if self.nav.count() != len(entries):
                self.nav.clear()
                for key, _text, _step in entries:
                    item = QListWidgetItem(self.nav)
                    if key is None:  # a heading: not a place to go, but not greyed out either
                        item.setFlags(Qt.ItemFlag.NoItemFlags)
                        item.setFont(scaled_font(self.nav.font(), 1.0, bold=True))
                        item.setForeground(self.nav.palette().color(QPalette.ColorRole.Text))
                    item.setData(KEY_ROLE, key)
            for i, (key, text, step) in enumerate(entries):
                item = self.nav.item(i)
                item.setText(text)
                if step is not None:
                    item.setIcon(state_icon(step.state, 32))
                    item.setData(Qt.ItemDataRole.AccessibleTextRole,
                                 _("{step}. {state}. {detail} {due}", step=_(step.title),
                                   state=_(L.STEP_STATE[step.state]), detail=_(step.detail),
                                   due=_(step.due) if step.due else "").strip())
                else:
                    item.setData(Qt.ItemDataRole.AccessibleTextRole, text.replace("\n", ". "))
                if key is not None and key == self._current_key and self.nav.currentItem() is not item:
                    self.nav.setCurrentItem(item)
        finally:
            self.nav.blockSignals(False)

    # Choosing a part of the case.
    def current_key(self) -> str:
        return self._current_key

    def step(self, key: str) -> JourneyStep | None:
        if self.view is None:
            return None
        return next((s for s in self.view.journey.steps if s.key == key), None)

    def show_section(self, key: str) -> None:
        for i in range(self.nav.count()):
            if self.nav.item(i).data(KEY_ROLE) == key:
                self.nav.setCurrentRow(i)  # _nav_changed does the rest
                return

    def show_next_step(self) -> None:
        nxt = self.view.journey.next_step if self.view else None
        if nxt is not None:
            self.show_section(nxt.key)
            self.nav.setFocus(Qt.FocusReason.OtherFocusReason)

    def _nav_changed(self, item: QListWidgetItem | None, _prev: QListWidgetItem | None) -> None:
        key = item.data(KEY_ROLE) if item is not None else None
        if not key or key == self.current_key():
            return
        leaving = self.current_editor()
        if leaving is not None:
            leaving.flush(explicit=True)
        self._current_key = key
        self._show_section_text(key)
        editor = self.current_editor()
        self.body.setCurrentWidget(editor if editor is not None else self.body.widget(0))
        self.section_changed.emit(key)

    def _show_section_text(self, key: str) -> None:
        step = self.step(key)
        if step is not None:
            self.section_title.setText(_(step.title))
            self.section_state.setText(_("{state}: {detail}", state=_(L.STEP_STATE[step.state]),
                                         detail=_(step.detail)))
            self.section_next.setText(_("What comes next: {action}", action=_(step.next_action))
                                      if step.next_action else "")
            self.section_next.setVisible(bool(step.next_action))
            self._show_due(self.section_due, step)
        elif key == PEOPLE:
            self.section_title.setText(_("Family members"))
            self.section_state.setText(_("Everyone in the family network, including parents and carers "
                                         "who live elsewhere."))
            self.section_next.hide()
            self.section_due.hide()
        elif key in PROGRESS:
            self.section_title.setText(_(PROGRESS[key][0]))
            self.section_state.setText(_(PROGRESS[key][1]))
            self.section_next.hide()
            self.section_due.hide()
        elif key in CASEWORK:
            self.section_title.setText(_(CASEWORK[key][0]))
            self.section_state.setText(_(CASEWORK[key][1]))
            self.section_next.hide()
            self.section_due.hide()
        elif key == TEAM:
            self.section_title.setText(_("Team around the family"))
            self.section_state.setText(_("The professionals and agencies working with the family."))
            self.section_next.hide()
            self.section_due.hide()

    def _show_due(self, label: QLabel, step: JourneyStep | None) -> None:
        """The step's due date; in the problem colour when it is late (the words say so too)."""
        due = _(step.due) if step is not None and step.due else ""
        label.setText(due)
        set_text_colour(label, problem_colour(label) if step is not None and step.late
                        else label.palette().color(QPalette.ColorRole.Text))
        label.setVisible(bool(due))

    def current_editor(self) -> RecordEditor | None:
        key = self.current_key()
        return self.editors.get(EDITOR_OF_STEP.get(key, key))

    # Saving.
    def flush_all(self) -> bool:
        """Save every editor; False if some input could not be saved (it is kept as a draft)."""
        ok = True
        for editor in self.editors.values():
            ok = editor.flush(explicit=True) and ok
        return ok
