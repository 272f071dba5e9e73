"""The family plan: outcomes and SMART actions, with the checker's findings shown as you type,
and the versions agreed at each meeting with what changed between them."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QInputDialog,
    QLabel,
    QListWidget,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from ..i18n.ui import N_, _
from ..models.orm import Need, Outcome
from ..models.services import plan as P
from ..models.services.people import list_people
from ..models.services.team import team_of
from ..models.smart import ActionFacts, Finding, check_action, check_plan
from . import labels as L
from .child_words import PICTURE_CHOICES, ChildWordsPanel, save_child_plan
from .editor import RecordEditor, Row
from .forms import Field, parse_day
from .plan_entities import ACTIONS
from .tabbed import TabbedEditors
from .undo import Entity, _existing

STATUS = (("not_started", N_("Not started")), ("in_progress", N_("In progress")), ("done", N_("Done")),
          ("stopped", N_("Stopped")))
RAG = (("", N_("Not set")), ("green", N_("Green")), ("amber", N_("Amber")), ("red", N_("Red")))
DATE_HINT = N_("YYYY-MM-DD or DD/MM/YYYY")
VERSION_STATES = {"draft": N_("draft"), "agreed": N_("agreed"), "superseded": N_("superseded")}

OUTCOMES = Entity(
    kind="plan",
    noun=N_("outcome"),
    add=lambda s, case_id, data, user, rid: P.add_outcome(
        s, P.plan_for_editing(s, case_id, user=user).id, data, user=user).id,
    update=lambda s, rid, data, user: (P.update_outcome(s, rid, data, user=user), None)[1],
    remove=lambda s, rid, user: P.remove_outcome(s, rid, user=user),
    snapshot=lambda s, rid: P.outcome_form_data(_existing(s, Outcome, rid, _("That outcome is no longer in the plan."))),
    reuse_id=lambda s, rid: None,
    name_of=lambda data: N_("outcome"),
)


def _owners(s: Session, case_id: str) -> list[tuple[str, str]]:
    people = [(f"person:{p.id}", _("{name} (family)", name=p.display_name)) for p in list_people(s, case_id)
              if p.in_household_network]
    team = [(f"professional:{m.professional_id}",
             _("{name} ({role})", name=m.professional.name, role=m.professional.role) if m.professional.role
             else _("{name} (team)", name=m.professional.name))
            for m in team_of(s, case_id)]
    return [("", _("No owner yet"))] + people + team


class OutcomesEditor(RecordEditor):
    entity = OUTCOMES
    fields = (
        Field("description", N_("What should be different"), "multiline",
              hint=N_("For a child, in words the child would recognise")),
        Field("for_person_id", N_("For"), "choice"),
        Field("need_ids", N_("Needs from the assessment it answers"), "multi"),
    )
    listens = frozenset({"people", "plan"})
    title = N_("Outcomes")
    add_text = N_("Add an outcome")
    remove_text = N_("Remove outcome")
    empty_hint = N_("Outcomes say what will be different for each child (children first), and which needs they "
                    "answer.")

    def load_rows(self, s: Session, case_id: str) -> list[Row]:
        plan = P.current_plan(s, case_id)
        if plan is None:
            return []
        names = {p.id: p.display_name for p in list_people(s, case_id)}
        return [(o.id, _("{number}. For {name}: {outcome}", number=n, name=names[o.for_person_id],
                         outcome=o.description) if o.for_person_id in names
                 else _("{number}. For the family: {outcome}", number=n, outcome=o.description))
                for n, o in enumerate(P.outcomes_of(s, plan.id), start=1)]

    def load_choices(self, s: Session, case_id: str) -> dict[str, list[tuple[str, str]]]:
        from sqlalchemy import select

        latest = P.plan_assessment(s, case_id)
        needs = [] if latest is None else [
            (n.id, n.description) for n in s.scalars(select(Need).where(Need.assessment_id == latest.id)
                                                     .order_by(Need.position))]
        people = [("", _("The whole family"))] + [(p.id, p.display_name) for p in list_people(s, case_id)
                                               if p.in_household_network]
        return {"for_person_id": people, "need_ids": needs}


class ActionsEditor(RecordEditor):
    entity = ACTIONS
    fields = (
        Field("outcome_id", N_("For the outcome"), "choice"),
        Field("description", N_("What will be done"), "multiline", hint=N_("Something that can be seen or counted")),
        Field("owner", N_("Who will do it"), "choice"),
        Field("start_on", N_("Start"), "date", hint=DATE_HINT),
        Field("due_on", N_("Done by"), "date", hint=DATE_HINT),
        Field("measure", N_("How we will know"), "multiline"),
        Field("support", N_("Support or resources"), "multiline"),
        Field("child_friendly", N_("In the child's words"), "multiline",
              hint=N_("For the child's own plan: short and simple")),
        Field("picture", N_("Picture in the child's plan"), "choice", PICTURE_CHOICES),
        Field("status", N_("Where it stands"), "choice", STATUS, section=N_("Progress")),
        Field("rag", N_("RAG"), "choice", RAG),
    )
    listens = frozenset({"people", "team", "plan"})
    title = N_("Actions")
    add_text = N_("Add an action")
    remove_text = N_("Remove action")
    empty_hint = N_("Each action needs a named owner, a date and a measure: how everyone will know.")
    reuse_new_id = True

    def __init__(self, ops: Any, parent: QWidget | None = None) -> None:
        super().__init__(ops, parent)
        self.findings = QLabel(self)
        self.findings.setWordWrap(True)
        self.findings.setAccessibleName(_("SMART check of this action"))
        self.layout().addWidget(self.findings)
        self.form.edited.connect(lambda _f: self.check_current())
        self.child_words = ChildWordsPanel(self)
        self.layout().addWidget(self.child_words)

    def _load(self, record_id: str | None) -> None:
        super()._load(record_id)
        if hasattr(self, "child_words"):
            self.child_words.refresh()

    def load_rows(self, s: Session, case_id: str) -> list[Row]:
        plan = P.current_plan(s, case_id)
        if plan is None:
            return []
        rows = []
        for n, o in enumerate(P.outcomes_of(s, plan.id), start=1):
            for a in P.actions_of(s, o.id):
                rows.append((a.id, _("{number}. {action}", number=n, action=a.description)))
        return rows

    def load_choices(self, s: Session, case_id: str) -> dict[str, list[tuple[str, str]]]:
        plan = P.current_plan(s, case_id)
        outcomes = [] if plan is None else [(o.id, _("{number}. {outcome}", number=n, outcome=o.description))
                                            for n, o in enumerate(P.outcomes_of(s, plan.id), start=1)]
        return {"outcome_id": outcomes, "owner": _owners(s, case_id)}

    def defaults(self) -> dict[str, Any]:
        return {"status": "not_started", "start_on": date.today()}

    def check_current(self) -> list[Finding]:
        """The checker's findings on what is in the form now (never blocking)."""
        raw = self.form.raw() if hasattr(self.form, "raw") else {}
        owner = raw.get("owner") or ""

        def day(value: Any) -> date | None:
            iso = parse_day(str(value or ""))
            return date.fromisoformat(iso) if iso else None

        facts = ActionFacts(id=self.current_id or "", description=str(raw.get("description") or ""),
                            owner=owner, start_on=day(raw.get("start_on")), due_on=day(raw.get("due_on")),
                            measure=str(raw.get("measure") or ""), status=str(raw.get("status") or "not_started"))
        found = check_action(facts, today=date.today(), review_by=None) if self.current_id is not None else []
        self.findings.setText("\n".join(f"• {_(f.message)}" for f in found) if found else
                              (_("SMART: nothing to point out.") if self.current_id is not None else ""))
        return found


class PlanPanel(TabbedEditors, QWidget):
    """Outcomes, actions and versions in tabs; behaves as one editor for the workspace."""

    drafts_changed = Signal()

    def __init__(self, ops: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.case_id: str | None = None
        self.setAccessibleName(_("Family plan editor"))
        self.outcomes = OutcomesEditor(ops)
        self.actions = ActionsEditor(ops)
        self.versions = QListWidget(self)
        self.versions.setAccessibleName(_("Plan versions and what changed"))
        self.plan_findings = QListWidget(self)
        self.plan_findings.setAccessibleName(_("SMART check of the whole plan"))
        self.reason_button = QPushButton(_("Record why a &need is left out of the plan…"), self)
        self.reason_button.clicked.connect(self.record_reason)
        check_page = QWidget(self)
        cv = QVBoxLayout(check_page)
        cv.addWidget(self.plan_findings, 1)
        cv.addWidget(self.reason_button)
        self.child_plan_button = QPushButton(_("Save &My plan for a child…"), self)
        self.child_plan_button.setAccessibleName(_("Save My plan for a child"))
        self.child_plan_button.clicked.connect(
            lambda: self.case_id is not None and save_child_plan(self, self.ops, self.case_id))
        cv.addWidget(self.child_plan_button)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.actions, _("&Actions"))
        self.tabs.addTab(self.outcomes, _("O&utcomes"))
        self.tabs.addTab(check_page, _("&SMART check"))
        self.tabs.addTab(self.versions, _("&Versions"))
        v = QVBoxLayout(self)
        v.setContentsMargins(0, 0, 0, 0)
        v.addWidget(self.tabs)
        for editor in (self.outcomes, self.actions):
            editor.drafts_changed.connect(self.drafts_changed)
        ops.changed.connect(self._changed)

    # The workspace and menus talk to the editor of the tab in front.
    def active(self) -> RecordEditor:
        w = self.tabs.currentWidget()
        return w if isinstance(w, RecordEditor) else self.actions

    def editors(self) -> tuple[RecordEditor, RecordEditor]:
        return self.outcomes, self.actions

    def set_case(self, case_id: str) -> None:
        self.case_id = case_id
        for e in self.editors():
            e.set_case(case_id)
        self.refresh()

    def flush(self, *, explicit: bool = True) -> bool:
        return all([e.flush(explicit=explicit) for e in self.editors()])

    def has_drafts(self) -> bool:
        return any(e.has_drafts() for e in self.editors())

    def record_reason(self) -> None:
        """Say why a need from the assessment is not taken on by the plan (or clear the reason)."""
        if self.case_id is None:
            return
        case_id = self.case_id

        def needs(s: Session) -> tuple[str | None, list[tuple[str, str]]]:
            plan = P.current_plan(s, case_id)
            if plan is None:
                return None, []
            dto = P.plan_dto(s, plan.id)
            covered = {i for o in dto.outcomes for i in o.need_ids}
            return plan.id, [(n.id, n.description) for n in dto.needs if n.id not in covered]

        plan_id, open_needs = self.ops.read(needs)
        if plan_id is None or not open_needs:
            self.plan_findings.clear()
            self.plan_findings.addItem(_("Every need from the assessment is answered by an outcome."))
            return
        texts = [d for _i, d in open_needs]
        choice, ok = QInputDialog.getItem(self, _("A need left out"), _("Need:"), texts, 0, False)
        if not ok:
            return
        need_id = open_needs[texts.index(choice)][0]
        reason, ok = QInputDialog.getMultiLineText(self, _("A need left out"), _("Why the plan does not take it on:"))
        if not ok:
            return
        self.ops.read(lambda s: P.set_uncovered_reason(s, plan_id, need_id, reason, user=self.ops.user))
        self.ops.changed.emit(case_id, {"plan"})

    def _changed(self, case_id: str, kinds: set[str]) -> None:
        if case_id == self.case_id and kinds & {"plan", "people", "team", "minutes", "meetings"}:
            self.refresh()

    def refresh(self) -> None:
        if self.case_id is None:
            return
        case_id = self.case_id

        def read(s: Session) -> tuple[list[str], list[str]]:
            versions = P.versions_of(s, case_id)
            lines = []
            for prev, cur in zip([None, *versions], versions, strict=False):
                lines.append(_("Version {number} (agreed {day})", number=cur.number, day=L.day(cur.agreed_on))
                             if cur.agreed_on else _("Version {number} ({status})", number=cur.number,
                                                     status=_(VERSION_STATES.get(cur.status, cur.status))))
                if prev is not None:
                    for c in P.diff_plans(P.plan_dto(s, prev.id), P.plan_dto(s, cur.id)):
                        detail = f" ({', '.join(c.fields)})" if c.fields else ""
                        lines.append(f"    {c.kind} {c.what}{detail}: {c.description}")
            found: list[str] = []
            if versions:
                dto = P.plan_dto(s, versions[-1].id)
                found = [_(f.message) for f in check_plan(P.smart_facts(dto, date.today()))]
            return lines, found

        lines, found = self.ops.read(read)
        self.versions.clear()
        self.versions.addItems(lines or [_("No plan yet: add an outcome to start one.")])
        self.plan_findings.clear()
        self.plan_findings.addItems(found or [_("The plan passes the SMART check.")])
