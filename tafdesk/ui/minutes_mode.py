"""Live minute-taking for the chair of a TAF meeting: full screen, large type, keyboard first.

Ctrl+PgDown / Ctrl+PgUp move through the agenda. Notes save themselves continuously (at most
1.5 s of typing at risk). In the review of actions, one key sets where an action stands. A new
action is typed as one line and goes into the plan at once. F5 opens the projector view, which
shows only what everyone in the room may see.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from ..i18n.catalog import tr
from ..i18n.ui import N_, _, ui_language
from ..models.errors import ValidationFailed
from ..models.projector import MeetingMoment, projector_screen
from ..models.schemas.plan import ActionDTO
from ..models.services import meetings as M
from ..models.services.plan import outcomes_of, plan_dto
from . import labels as L
from .autosave import Autosave
from .forms import parse_day
from .plan_entities import ACTIONS, MINUTES
from .projector import ProjectorWindow
from .undo import Change
from .widgets import announce, scaled_font

# Fixed text is English, marked N_ here and shown through _() (the projector gets it translated too:
# the language changes, never what is shown).
KIND_TITLES = {"initial": N_("Initial TAF meeting"), "review": N_("TAF review meeting"),
               "ending": N_("TAF ending meeting")}
KIND_NOUNS = {"initial": N_("initial TAF meeting"), "review": N_("TAF review meeting"),
              "ending": N_("TAF ending meeting")}
STATUS_KEYS = {Qt.Key.Key_D: "done", Qt.Key.Key_P: "in_progress", Qt.Key.Key_N: "not_started", Qt.Key.Key_S: "stopped"}
RAG_KEYS = {Qt.Key.Key_R: "red", Qt.Key.Key_A: "amber", Qt.Key.Key_G: "green"}
ATTEND_KEYS = {Qt.Key.Key_P: "present", Qt.Key.Key_A: "apologies", Qt.Key.Key_R: "report_sent",
               Qt.Key.Key_X: "did_not_attend"}
ATTEND_WORDS = {"present": N_("present"), "apologies": N_("apologies"), "report_sent": N_("report sent"),
                "did_not_attend": N_("did not attend"), "invited": N_("not recorded yet")}
STATUS_WORDS = {"not_started": N_("Not started"), "in_progress": N_("In progress"), "done": N_("Done"),
                "stopped": N_("Stopped")}
RAG_WORDS = {"red": N_("Red"), "amber": N_("Amber"), "green": N_("Green")}
SAVE_PAUSE_MS, SAVE_MAX_MS = 500, 1500


@dataclass
class Loaded:
    title: str
    starts: str
    family: str
    plan_id: str
    actions: list[ActionDTO]
    outcomes: list[tuple[str, str]]  # (id, description)
    notes: dict[tuple[str, str], tuple[str, str]]  # (heading, action id or "") -> (item id, text)
    attendance: list[tuple[str, str, str]]  # (attendance id, name, status)
    next_review: date | None
    held_on: date
    withheld: frozenset[str]
    new_action_ids: set[str]


def load(s: Session, meeting_id: str, user: str) -> Loaded:
    from ..models.orm import Person, Professional
    from ..models.services.cases import get_case

    meeting = M.get_meeting(s, meeting_id)
    version = M.meeting_plan(s, meeting_id, user=user)
    plan = plan_dto(s, version.id)
    notes = {}
    new_ids = set()
    for item in M.minutes_of(s, meeting_id):
        if item.heading == "new_actions" and item.action_id:
            new_ids.add(item.action_id)
            continue
        notes.setdefault((item.heading, item.action_id or ""), (item.id, item.text))
    people = []
    for a in M.attendance_of(s, meeting_id):
        who = s.get(Person, a.person_id) if a.person_id else s.get(Professional, a.professional_id)
        name = who.display_name if isinstance(who, Person) else (who.name if who else "?")
        people.append((a.id, name, a.status))
    local = meeting.starts_at.astimezone(M.LOCAL)
    return Loaded(KIND_TITLES.get(meeting.kind, N_("TAF meeting")), _when(local),
                  get_case(s, meeting.case_id).family_name, version.id,
                  [a for o in plan.outcomes for a in o.actions], [(o.id, o.description) for o in outcomes_of(s, version.id)],
                  notes, people, meeting.next_review_on, local.date(), M.withheld_values(s, meeting.case_id), new_ids)


def action_words() -> M.ActionWords:
    """The keywords of a one-line action in the user's language (English is always understood)."""
    return M.ActionWords(
        # Translators: the word before (or, if your language puts it after, after) the due date in
        # a one-line action typed in a meeting: "Jo: book the appointment by 12/01/2027". One word.
        by=(_("by"),),
        # Translators: the word before the colon that starts the measure in a one-line action typed
        # in a meeting: "...; measure: letter seen". One word.
        measure=(_("measure"),
                 # Translators: another way to start the measure in a one-line action: "...; how we
                 # will know: letter seen".
                 _("how we will know")))


def _when(local: Any) -> str:
    """The day and time of the meeting as the user's language writes them."""
    if ui_language() == "en":
        return str(local.strftime("%A %d %B %Y, %H:%M"))
    return _("{day}, {time}", day=tr(ui_language()).day(local.date(), "full"), time=local.strftime("%H:%M"))


def _word(table: dict[str, str], key: str | None, missing: str = "") -> str:
    """A stored value in words, in the user's language (an unknown value as it is)."""
    if not key:
        return missing
    return _(table[key]) if key in table else key


class MinutesMode(QWidget):
    """The chair's screen. ``screen_changed`` carries what the projector may show."""

    screen_changed = Signal(object)

    def __init__(self, ops: Any, case_id: str, meeting_id: str, *, today: date | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops, self.case_id, self.meeting_id = ops, case_id, meeting_id
        self.today = today or date.today()
        self.data = ops.read(lambda s: load(s, meeting_id, ops.user))
        self.action_index = 0
        self._dirty: tuple[str, str] | None = None
        self.projector: ProjectorWindow | None = None
        self.setWindowTitle(_("Minutes: {meeting}", meeting=_(self.data.title)))
        self.setAccessibleName(_("Live minutes"))
        self.setFont(scaled_font(self.font(), 1.35))
        self._build()
        self.autosave = Autosave(self, self.save_notes, pause_ms=SAVE_PAUSE_MS, max_wait_ms=SAVE_MAX_MS)
        self.agenda.setCurrentRow(0)

    # Building.
    def _build(self) -> None:
        title = QLabel(_("{meeting}: {family} family · {when}", meeting=_(self.data.title), family=self.data.family,
                         when=self.data.starts), self)
        title.setFont(scaled_font(self.font(), 1.25, bold=True))
        title.setWordWrap(True)
        self.agenda = QListWidget(self)
        self.agenda.setAccessibleName(_("Agenda"))
        for n, (_key, heading, _prompt) in enumerate(M.AGENDA, start=1):
            self.agenda.addItem(_("{number}. {heading}", number=n, heading=_(heading)))
        self.agenda.currentRowChanged.connect(self._heading_changed)
        self.prompt = QLabel(self)
        self.prompt.setWordWrap(True)
        self.notes = QPlainTextEdit(self)
        self.notes.textChanged.connect(self._typed)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(QWidget(self))  # plain headings: the notes only
        self.pages.addWidget(self._attendance_page())
        self.pages.addWidget(self._action_page())
        self.pages.addWidget(self._new_action_page())
        self.pages.addWidget(self._next_review_page())
        self.status = QLabel("", self)
        self.status.setAccessibleName(_("Saving"))
        self.projector_button = QPushButton(_("Projector view (F5)"), self)
        self.projector_button.clicked.connect(self.toggle_projector)
        right = QVBoxLayout()
        right.addWidget(self.prompt)
        right.addWidget(self.pages)
        notes_label = QLabel(_("&Notes:"), self)
        notes_label.setBuddy(self.notes)
        right.addWidget(notes_label)
        right.addWidget(self.notes, 1)
        foot = QHBoxLayout()
        foot.addWidget(self.status, 1)
        foot.addWidget(self.projector_button)
        right.addLayout(foot)
        body = QHBoxLayout()
        body.addWidget(self.agenda, 1)
        body.addLayout(right, 3)
        outer = QVBoxLayout(self)
        outer.addWidget(title)
        outer.addLayout(body, 1)
        for keys, slot in (("Ctrl+PgDown", lambda: self.move_heading(1)), ("Ctrl+PgUp", lambda: self.move_heading(-1)),
                           ("F5", self.toggle_projector), ("Ctrl+S", self.save_notes)):
            QShortcut(QKeySequence(keys), self, activated=slot)
        # Outside the text fields (which undo their own typing), Ctrl+Z undoes the last change
        # to the plan made here, such as an action's status.
        for keys, forward in (("Ctrl+Z", False), ("Ctrl+Shift+Z", True), ("Ctrl+Y", True)):
            for widget in (self.action_frame, self.attendance, self.agenda):
                QShortcut(QKeySequence(keys), widget, activated=lambda f=forward: self.undo_redo(f),
                          context=Qt.ShortcutContext.WidgetShortcut)
        self.ops.changed.connect(self._changed_elsewhere)

    def _attendance_page(self) -> QWidget:
        page = QWidget(self)
        v = QVBoxLayout(page)
        v.setContentsMargins(0, 0, 0, 0)
        label = QLabel(_("&Who is here (P present, A apologies, R report sent, X did not attend):"), page)
        label.setWordWrap(True)
        self.attendance = QListWidget(page)
        self.attendance.setAccessibleName(_("Attendance"))
        label.setBuddy(self.attendance)
        self.attendance.installEventFilter(self)
        self._fill_attendance()
        v.addWidget(label)
        v.addWidget(self.attendance)
        return page

    def _action_page(self) -> QWidget:
        self.action_frame = QFrame(self)
        self.action_frame.setFrameShape(QFrame.Shape.StyledPanel)
        self.action_frame.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.action_frame.setAccessibleName(_("Action under review"))
        self.action_frame.installEventFilter(self)
        v = QVBoxLayout(self.action_frame)
        self.action_text = QLabel(self.action_frame)
        self.action_text.setWordWrap(True)
        self.action_text.setFont(scaled_font(self.font(), 1.2, bold=True))
        self.action_detail = QLabel(self.action_frame)
        self.action_detail.setWordWrap(True)
        keys = QLabel(_("D done · P in progress · N not started · S stopped · R/A/G colour · "
                        "Left/Right previous/next action · Tab to the notes"), self.action_frame)
        keys.setWordWrap(True)
        v.addWidget(self.action_text)
        v.addWidget(self.action_detail)
        v.addSpacing(self.fontMetrics().height() // 2)
        v.addWidget(keys)
        v.addStretch(1)
        return self.action_frame

    def _new_action_page(self) -> QWidget:
        page = QWidget(self)
        v = QVBoxLayout(page)
        v.setContentsMargins(0, 0, 0, 0)
        self.outcome_choice = QComboBox(page)
        self.outcome_choice.setAccessibleName(_("Outcome the new action is for"))
        for oid, text in self.data.outcomes:
            self.outcome_choice.addItem(text, oid)
        o_label = QLabel(_("For the &outcome:"), page)
        o_label.setBuddy(self.outcome_choice)
        self.action_line = QLineEdit(page)
        self.action_line.setAccessibleName(_("New action in one line"))
        self.action_line.setPlaceholderText(_("Jo Bennett: book the housing appointment by 15/01/2027; "
                                              "measure: letter seen"))
        self.action_line.returnPressed.connect(self.capture)
        l_label = QLabel(_("New &action (owner: what by date; measure: how we will know), then Enter:"), page)
        l_label.setWordWrap(True)
        l_label.setBuddy(self.action_line)
        self.action_problem = QLabel(page)
        self.action_problem.setWordWrap(True)
        self.action_problem.setAccessibleName(_("Problem with the new action"))
        self.captured = QListWidget(page)
        self.captured.setAccessibleName(_("New actions agreed in this meeting"))
        for a in self.data.actions:
            if a.id in self.data.new_action_ids:
                self.captured.addItem(_("{owner}: {action}", owner=a.owner, action=a.description))
        for w in (o_label, self.outcome_choice, l_label, self.action_line, self.action_problem, self.captured):
            v.addWidget(w)
        return page

    def _next_review_page(self) -> QWidget:
        page = QWidget(self)
        v = QVBoxLayout(page)
        v.setContentsMargins(0, 0, 0, 0)
        self.review_date = QLineEdit(page)
        self.review_date.setAccessibleName(_("Next review date"))
        default = self.data.next_review or M.default_next_review(self.data.held_on)
        self.review_date.setText(default.isoformat())
        self.review_date.textChanged.connect(self._check_review)
        r_label = QLabel(_("Next &review (within 6 weeks):"), page)
        r_label.setBuddy(self.review_date)
        self.review_warning = QLabel(page)
        self.review_warning.setWordWrap(True)
        self.review_warning.setAccessibleName(_("Next review warning"))
        self.finish_button = QPushButton(_("&Finish the meeting and agree the plan"), page)
        self.finish_button.clicked.connect(self.finish)
        for w in (r_label, self.review_date, self.review_warning, self.finish_button):
            v.addWidget(w)
        return page

    # Moving through the agenda.
    def heading_key(self) -> str:
        return M.AGENDA[max(0, self.agenda.currentRow())][0]

    def move_heading(self, step: int) -> None:
        self.agenda.setCurrentRow(min(len(M.AGENDA) - 1, max(0, self.agenda.currentRow() + step)))

    def _heading_changed(self, row: int) -> None:
        self.save_notes()
        key, heading, prompt = M.AGENDA[row]
        self.prompt.setText(_("{heading}: {prompt}", heading=_(heading), prompt=_(prompt)))
        page = {"introductions": 1, "action_review": 2, "new_actions": 3, "next_steps": 4}.get(key, 0)
        self.pages.setCurrentIndex(page)
        self.pages.setVisible(page != 0)
        self._show_action()
        self._load_notes()
        self.notes.setAccessibleName(_("Notes: {heading}", heading=_(heading)))
        self._publish()

    def _note_key(self) -> tuple[str, str]:
        key = self.heading_key()
        if key == "action_review" and self.data.actions:
            return key, self.data.actions[self.action_index].id
        return key, ""

    def _load_notes(self) -> None:
        _id, text = self.data.notes.get(self._note_key(), ("", ""))
        self.notes.blockSignals(True)
        self.notes.setPlainText(text)
        self.notes.blockSignals(False)

    # Saving notes: continuous, through the one change path.
    def _typed(self) -> None:
        self._dirty = self._note_key()
        self.autosave.edited()
        self.status.setText(_("Typing…"))

    def save_notes(self) -> None:
        if self._dirty is None:
            return
        key, self._dirty = self._dirty, None
        self.autosave.cancel()
        text = self.notes.toPlainText()
        item_id, _old = self.data.notes.get(key, ("", ""))
        if item_id:
            change = Change("update", MINUTES, self.case_id, record_id=item_id,
                            after={"text": text, "shareable": True})
        else:
            change = Change("add", MINUTES, self.case_id, after={
                "meeting_id": self.meeting_id, "heading": key[0], "text": text, "action_id": key[1] or None})
        problem = self.ops.apply(change)
        if problem is not None:
            self._dirty = key
            self.status.setText(_("Not saved: {problem}", problem=problem))
            return
        self.data.notes[key] = (change.record_id, text)
        self.status.setText(_("All notes saved."))

    def save_before_lock(self) -> None:
        """The idle lock and the privacy screen save the notes before hiding them."""
        self.save_notes()

    def undo_redo(self, forward: bool) -> None:
        stack = self.ops.stack_for(self.case_id)
        (stack.redo if forward else stack.undo)()

    def _changed_elsewhere(self, case_id: str, kinds: set[str]) -> None:
        """After an undo, or an edit in the main window, show the plan's actions as stored."""
        if case_id != self.case_id or "plan" not in kinds:
            return
        plan_id = self.data.plan_id
        fresh = self.ops.read(lambda s: {a.id: a for o in plan_dto(s, plan_id).outcomes for a in o.actions})
        self.data.actions = [fresh[a.id] for a in self.data.actions if a.id in fresh] + [
            a for a in fresh.values() if a.id not in {x.id for x in self.data.actions}]
        self.action_index = min(self.action_index, max(0, len(self.data.actions) - 1))
        self._show_action()
        self._publish()

    # Attendance.
    def _fill_attendance(self) -> None:
        row = self.attendance.currentRow()
        self.attendance.clear()
        for _aid, name, status in self.data.attendance:
            self.attendance.addItem(_("{name}: {attendance}", name=name, attendance=_word(ATTEND_WORDS, status)))
        self.attendance.setCurrentRow(max(0, row))

    def set_attendance(self, row: int, status: str) -> None:
        aid, name, _old = self.data.attendance[row]
        try:
            self.ops.read(lambda s: M.set_attendance(s, aid, status, user=self.ops.user))
        except ValidationFailed as exc:
            self.status.setText(str(exc))
            return
        self.data.attendance[row] = (aid, name, status)
        self._fill_attendance()
        announce(self.attendance, _("{name}: {attendance}", name=name, attendance=_word(ATTEND_WORDS, status)))

    # The review of actions.
    def _show_action(self) -> None:
        if not self.data.actions:
            self.action_text.setText(_("There are no actions in the plan to review."))
            self.action_detail.setText("")
            return
        a = self.data.actions[self.action_index]
        self.action_text.setText(_("{number} of {count}: {action}", number=self.action_index + 1,
                                   count=len(self.data.actions), action=a.description))
        facts = {"owner": a.owner or _("no owner"), "due": L.day(a.due_on) if a.due_on else _("no date"),
                 "measure": a.measure or _("not agreed"), "status": _word(STATUS_WORDS, a.status)}
        self.action_detail.setText(
            _("Who: {owner} · Due: {due} · How we will know: {measure}\nWhere it stands: {status} ({rag})",
              rag=_word(RAG_WORDS, a.rag), **facts) if a.rag
            else _("Who: {owner} · Due: {due} · How we will know: {measure}\nWhere it stands: {status}", **facts))
        self.action_frame.setAccessibleDescription(self.action_detail.text())

    def move_action(self, step: int) -> None:
        if not self.data.actions:
            return
        self.save_notes()
        self.action_index = min(len(self.data.actions) - 1, max(0, self.action_index + step))
        self._show_action()
        self._load_notes()
        self._publish()

    def set_action(self, *, status: str | None = None, rag: str | None = None) -> None:
        if not self.data.actions:
            return
        a = self.data.actions[self.action_index]
        before = self.ops.read(lambda s: ACTIONS.snapshot(s, a.id))
        after = dict(before)
        if status:
            after["status"] = status
        if rag:
            after["rag"] = rag
        problem = self.ops.apply(Change("update", ACTIONS, self.case_id, record_id=a.id, after=after))
        if problem is not None:
            self.status.setText(_("Not changed: {problem}", problem=problem))
            return
        self.data.actions[self.action_index] = a.model_copy(update={"status": after["status"], "rag": after["rag"]})
        self._show_action()
        announce(self.action_frame, self.action_detail.text())
        self._publish()

    def eventFilter(self, obj: Any, event: Any) -> bool:  # noqa: N802 (Qt name)
        from PySide6.QtCore import QEvent

        if event.type() != QEvent.Type.KeyPress or event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return super().eventFilter(obj, event)
        key = event.key()
        if obj is self.action_frame:
            if key in STATUS_KEYS:
                self.set_action(status=STATUS_KEYS[key])
                return True
            if key in RAG_KEYS:
                self.set_action(rag=RAG_KEYS[key])
                return True
            if key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
                self.move_action(-1 if key == Qt.Key.Key_Left else 1)
                return True
        if obj is self.attendance and key in ATTEND_KEYS and self.attendance.currentRow() >= 0:
            self.set_attendance(self.attendance.currentRow(), ATTEND_KEYS[key])
            return True
        return super().eventFilter(obj, event)

    # New actions.
    def capture(self) -> None:
        outcome_id = self.outcome_choice.currentData()
        line = self.action_line.text()
        if not outcome_id:
            self.action_problem.setText(_("The plan has no outcome to add the action to yet."))
            return
        try:
            action = self.ops.read(lambda s: M.capture_action(
                s, self.meeting_id, outcome_id, line, user=self.ops.user, today=self.today,
                words=action_words()))
        except ValidationFailed as exc:
            self.action_problem.setText(_(exc.problems.get("line", str(exc))))  # the line stays as typed
            announce(self.action_line, self.action_problem.text())
            return
        self.action_problem.setText("")
        self.action_line.clear()
        dto = self.ops.read(lambda s: next(a for o in plan_dto(s, self.data.plan_id).outcomes
                                           for a in o.actions if a.id == action.id))
        self.data.actions.append(dto)
        self.data.new_action_ids.add(dto.id)
        self.captured.addItem(_("{owner}: {action}", owner=dto.owner, action=dto.description))
        self.ops.changed.emit(self.case_id, {"plan", "minutes"})
        announce(self.captured, _("Added to the plan: {action}", action=dto.description))
        self._publish()

    # The next review and the end of the meeting.
    def _review_day(self) -> date | None:
        iso = parse_day(self.review_date.text())
        return date.fromisoformat(iso) if iso else None

    def _check_review(self) -> None:
        day = self._review_day()
        if day is None:
            self.review_warning.setText(_("Type a date as YYYY-MM-DD or DD/MM/YYYY."))
        else:
            self.review_warning.setText(M.review_warning(self.data.held_on, day) or "")
        self._publish()

    def finish(self) -> None:
        self.save_notes()
        day = self._review_day()
        if day is None:
            self.review_warning.setText(_("Type the next review date first (YYYY-MM-DD or DD/MM/YYYY)."))
            return
        _meeting, warning = self.ops.read(lambda s: M.hold_meeting(s, self.meeting_id, user=self.ops.user,
                                                                   next_review_on=day))
        self.ops.changed.emit(self.case_id, {"plan", "minutes", "meetings"})
        self.status.setText(_("Meeting finished; the plan is agreed. Note: {warning}", warning=warning) if warning
                            else _("Meeting finished; the plan is agreed."))

    # The projector.
    def moment(self) -> MeetingMoment:
        key, heading, prompt = M.AGENDA[max(0, self.agenda.currentRow())]
        action = self.data.actions[self.action_index] if self.data.actions else None
        return MeetingMoment(  # fixed text in the chair's language; the projector still decides what is shown
            _(self.data.title), key, _(heading), _(prompt), action=action if key == "action_review" else None,
            action_position=(self.action_index + 1, len(self.data.actions)),
            new_actions=tuple(a for a in self.data.actions if a.id in self.data.new_action_ids),
            next_review=self._review_day() if hasattr(self, "review_date") else None,
            restricted_words=self.data.withheld)

    def _publish(self) -> None:
        if hasattr(self, "review_date"):
            self.screen_changed.emit(projector_screen(self.moment()))

    def toggle_projector(self) -> None:
        if self.projector is not None and self.projector.isVisible():
            self.projector.close()
            return
        self.projector = ProjectorWindow()
        self.screen_changed.connect(self.projector.show_screen)
        self.projector.show_screen(projector_screen(self.moment()))
        self.projector.show()

    def closeEvent(self, event: Any) -> None:  # noqa: N802 (Qt name)
        self.save_notes()
        if self.projector is not None:
            self.projector.close()
        super().closeEvent(event)
