"""Scaling scores: record a round (one person, one occasion) and see the spider and distance charts.

The areas come from the settings file (default: the ten national outcome areas). Each round is
one record of the editor: autosaved, kept as a draft while invalid, undoable.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..i18n.ui import N_, _
from ..models.orm import Meeting
from ..models.services import scaling as svc
from ..models.services.people import list_people
from ..models.settings import Scaling
from . import labels as L
from .charts import DistanceChart, SpiderChart
from .editor import RecordEditor, Row
from .forms import Field
from .settings_ui import load_for_ui
from .undo import Entity

FAMILY, NO_MEETING = "family", "none"  # choice values meaning "nobody in particular"
MEETING_KINDS = {"initial": N_("Initial TAF"), "review": N_("Review TAF"), "ending": N_("Ending meeting")}


def _snapshot(s: Session, rid: str) -> dict[str, Any]:
    data = svc.round_form_data(s, rid)
    data["person_id"] = data["person_id"] or FAMILY
    data["meeting_id"] = data["meeting_id"] or NO_MEETING
    return data


def _plain(data: dict[str, Any]) -> dict[str, Any]:
    out = dict(data)
    if out.get("person_id") == FAMILY:
        out["person_id"] = None
    if out.get("meeting_id") == NO_MEETING:
        out["meeting_id"] = None
    return out


SCALING = Entity(
    kind="scaling",
    noun=N_("round of scaling scores"),
    add=lambda s, case_id, data, user, rid: svc.record_round(s, case_id, _plain(data), user=user, round_id=rid),
    update=lambda s, rid, data, user: svc.update_round(s, rid, _plain(data), user=user),
    remove=lambda s, rid, user: svc.remove_round(s, rid, user=user),
    snapshot=_snapshot,
    reuse_id=lambda s, rid: rid,
    name_of=lambda data: N_("scaling scores"),
)


def scaling_fields(scaling: Scaling) -> tuple[Field, ...]:
    """The fields of a round (built when the editor is made: the areas come from the settings)."""
    fields = [
        Field("person_id", N_("Whose scores"), "choice"),
        Field("occasion", N_("When"), "choice", tuple((str(k), v) for k, v in svc.OCCASION_LABELS.items())),
        Field("scored_on", N_("Scored on"), "date", hint=N_("YYYY-MM-DD or DD/MM/YYYY")),
        Field("meeting_id", N_("At the meeting"), "choice"),
    ]
    for i, area in enumerate(scaling.areas):
        fields.append(Field(f"{svc.SCORE}{area.key}", area.label, "text", hint=N_("1 (very worried) to 10 (all is well)"),
                            section=N_("Scores: 1 is very worried, 10 is all is well; leave empty if not scored")
                            if i == 0 else ""))
        fields.append(Field(f"{svc.NOTES}{area.key}", _("Why, for {area}", area=_(area.label).lower()), "text"))
    return tuple(fields)


class ScalingEditor(RecordEditor):
    entity = SCALING
    listens = frozenset({"people", "meetings"})
    title = N_("Rounds of scores")
    add_text = N_("Record scores")
    remove_text = N_("Remove these scores")
    empty_hint = N_("Choose a round of scores, or record scores for a family member at the assessment, "
                    "a review or closure.")
    reuse_new_id = False

    def __init__(self, ops: Any, scaling: Scaling, parent: QWidget | None = None) -> None:
        self.fields = scaling_fields(scaling)
        super().__init__(ops, parent)
        self.setAccessibleName(_("Scaling scores editor"))

    def load_rows(self, s: Session, case_id: str) -> list[Row]:
        return [(r.id, _("{person}: {round} (1 area, average {average})", person=r.person, round=r.title,
                         average=f"{r.mean:.1f}") if len(r.scores) == 1
                 else _("{person}: {round} ({count} areas, average {average})", person=r.person, round=r.title,
                        count=len(r.scores), average=f"{r.mean:.1f}"))
                for r in svc.rounds_of(s, case_id)]

    def load_choices(self, s: Session, case_id: str) -> dict[str, list[tuple[str, str]]]:
        people = [(FAMILY, _("The family as a whole"))] + [(p.id, p.display_name) for p in list_people(s, case_id)]
        meetings = [(NO_MEETING, _("Not at a meeting"))] + [
            (m.id, _("{meeting}, {day}", meeting=_(MEETING_KINDS[m.kind]) if m.kind in MEETING_KINDS else m.kind,
                     day=L.day(m.starts_at.date())))
            for m in s.scalars(select(Meeting).where(Meeting.case_id == case_id).order_by(Meeting.starts_at))]
        return {"person_id": people, "meeting_id": meetings}

    def defaults(self) -> dict[str, Any]:
        return {"person_id": FAMILY, "occasion": "review", "scored_on": date.today(), "meeting_id": NO_MEETING}


class ScalingCharts(QWidget):
    """Choose a person; their spider chart (first, previous and latest rounds) and distance travelled."""

    def __init__(self, ops: Any, scaling: Scaling, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.scaling = scaling
        self.rounds: list[svc.Round] = []
        self.person = QComboBox(self)
        self.person.setAccessibleName(_("Whose scores to chart"))
        label = QLabel(_("&Whose scores:"), self)
        label.setBuddy(self.person)
        self.spider = SpiderChart(self)
        self.distance = DistanceChart(self)
        top = QHBoxLayout()
        top.addWidget(label)
        top.addWidget(self.person, 1)
        v = QVBoxLayout(self)
        v.addLayout(top)
        v.addWidget(self.spider, 3)
        v.addWidget(self.distance, 2)
        self.person.currentIndexChanged.connect(self._draw)

    def show_rounds(self, rounds: list[svc.Round]) -> None:
        self.rounds = rounds
        keep = self.person.currentText()
        names = sorted({r.person for r in rounds})
        self.person.blockSignals(True)
        self.person.clear()
        self.person.addItems(names)
        self.person.setCurrentIndex(max(0, self.person.findText(keep)))
        self.person.blockSignals(False)
        self._draw()

    def area_keys(self, rounds: list[svc.Round]) -> list[str]:
        known = [a.key for a in self.scaling.areas]
        seen = {k for r in rounds for k in r.scores}
        return [k for k in known if k in seen] + sorted(seen - set(known))

    def _draw(self) -> None:
        mine = sorted((r for r in self.rounds if r.person == self.person.currentText()), key=lambda r: r.scored_on)
        keys = self.area_keys(mine)
        labels = [_(self.scaling.label(k)) for k in keys]
        shown = mine if len(mine) <= 3 else [mine[0], mine[-2], mine[-1]]
        self.spider.set_data(labels, [(r.title, [r.scores.get(k) for k in keys]) for r in shown])
        travelled = svc.distance_travelled(mine, keys)
        if travelled:
            t = travelled[0]
            self.distance.set_data([(_(self.scaling.label(a)), t.first.scores[a], t.latest.scores[a]) for a in t.areas],
                                   _("From {first} to {latest}: average change {change}", first=t.first.title,
                                     latest=t.latest.title, change=f"{t.mean_change:+.1f}"))
        else:
            self.distance.set_data([])


class ScalingPanel(QWidget):
    """Scores and charts in two tabs; behaves as one editor for the workspace."""

    drafts_changed = Signal()

    def __init__(self, ops: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.case_id: str | None = None
        settings, _problem = load_for_ui()
        self.setAccessibleName(_("Scaling scores"))
        self.editor = ScalingEditor(ops, settings.scaling)
        self.charts = ScalingCharts(ops, settings.scaling)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.editor, _("&Scores"))
        self.tabs.addTab(self.charts, _("C&harts"))
        v = QVBoxLayout(self)
        v.setContentsMargins(0, 0, 0, 0)
        v.addWidget(self.tabs)
        self.editor.drafts_changed.connect(self.drafts_changed)
        ops.changed.connect(self._changed)

    @property
    def list(self) -> QListWidget:
        return self.editor.list

    @property
    def form(self) -> Any:
        return self.editor.form

    @property
    def add_text(self) -> str:
        return self.editor.add_text

    @property
    def remove_text(self) -> str:
        return self.editor.remove_text

    def new_record(self) -> None:
        self.tabs.setCurrentWidget(self.editor)
        self.editor.new_record()

    def remove_record(self) -> None:
        self.editor.remove_record()

    def set_case(self, case_id: str) -> None:
        self.case_id = case_id
        self.editor.set_case(case_id)
        self.refresh()

    def flush(self, *, explicit: bool = True) -> bool:
        return self.editor.flush(explicit=explicit)

    def has_drafts(self) -> bool:
        return self.editor.has_drafts()

    def _changed(self, case_id: str, kinds: set[str]) -> None:
        if case_id == self.case_id and kinds & {"scaling", "people"}:
            self.refresh()

    def refresh(self) -> None:
        if self.case_id is None:
            return
        case_id = self.case_id
        self.charts.show_rounds(self.ops.read(lambda s: svc.rounds_of(s, case_id)))
