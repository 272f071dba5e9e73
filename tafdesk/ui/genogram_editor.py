"""Genogram and ecomap: the diagrams of the family network, and the lists that edit it.

The diagrams are laid out by the same code as the printed ones and drawn from the same display
list. A person can be picked in the diagram or in the list; double click (or Enter) opens their
genogram details; dragging (or Alt+arrow keys) moves them and the place is remembered; "Lay out
again" forgets moved places. Every change goes through ``CaseOps`` and can be undone. Dated
snapshots keep the network as it was, to show at a review how it changed.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from ..i18n.catalog import tr
from ..i18n.ui import N_, _, ui_language
from ..models.genogram.drawing import display_list
from ..models.genogram.ecomap import ecomap_display, ecomap_layout
from ..models.genogram.layout import layout
from ..models.genogram.network import Network
from ..models.services import genogram as geno
from .diagram_view import DiagramView
from .network_editors import (
    DetailsEditor,
    ParentLinkEditor,
    PartnershipEditor,
    RelationshipEditor,
    SystemEditor,
)
from .undo import Change, Entity
from .widgets import add_context_action, announce


def _positions_update(s: Session, rid: str, data: dict[str, Any], user: str) -> None:
    case_id, diagram = rid.split("|")
    want = {k: tuple(v) for k, v in (data.get("positions") or {}).items()}
    now = geno.positions(s, case_id, diagram)
    moves: dict[str, tuple[float, float] | None] = {k: None for k in now if k not in want}
    moves.update({k: (float(v[0]), float(v[1])) for k, v in want.items() if now.get(k) != v})
    if moves:
        geno.set_positions(s, case_id, diagram, moves, user=user)


POSITIONS = Entity(
    kind="diagram", noun=N_("position"),
    add=lambda s, case_id, data, user, rid: rid or "",
    update=_positions_update,
    remove=lambda s, rid, user: None,
    snapshot=lambda s, rid: {"positions": {k: list(v) for k, v in geno.positions(s, *rid.split("|")).items()}},
    reuse_id=lambda s, rid: rid,
    name_of=lambda data: N_("diagram"),
)


def long_day(day: date) -> str:
    """A date written out in the user's language (31 December 2026 in English)."""
    return tr(ui_language()).day(day, "long")


class GenogramPanel(QWidget):
    """The diagrams and the network lists, in tabs; behaves as one editor for the workspace."""

    drafts_changed = Signal()
    KINDS = frozenset({"people", "partnerships", "parent_links", "emotional_relationships", "ecomap_systems",
                       "diagram", "snapshots"})

    def __init__(self, ops: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.case_id: str | None = None
        self.net: Network | None = None
        self.showing: str = ""  # "" for now, else the id of a snapshot
        self.setAccessibleName(_("Genogram and ecomap"))
        self.details = DetailsEditor(ops)
        self.partnerships = PartnershipEditor(ops)
        self.parents = ParentLinkEditor(ops)
        self.relationships = RelationshipEditor(ops)
        self.systems = SystemEditor(ops)
        self.lists = [self.details, self.partnerships, self.parents, self.relationships, self.systems]
        self.genogram = DiagramView(_("Genogram diagram"))
        self.ecomap = DiagramView(_("Ecomap diagram"))
        self._build()
        for editor in self.lists:
            editor.drafts_changed.connect(self.drafts_changed)
        ops.changed.connect(self._changed)
        for view, diagram in ((self.genogram, "genogram"), (self.ecomap, "ecomap")):
            view.moved.connect(lambda owner, x, y, d=diagram: self.move(d, owner, x, y))
        self.genogram.activated.connect(self.open_person)
        self.ecomap.activated.connect(self.open_system)
        self.genogram.picked.connect(self._picked)
        self.details.list.currentItemChanged.connect(self._list_picked)
        # From the diagram: right click, or the Menu key / Shift+F10 on the chosen person.
        for text, editor, field in ((_("Add a partner of this person"), self.partnerships, "partner_a_id"),
                                    (_("Add a child of this person"), self.parents, "parent_a_id"),
                                    (_("Add a parent of this person"), self.parents, "child_id"),
                                    (_("Add a relationship line from this person"), self.relationships,
                                     "from_person_id")):
            add_context_action(self.genogram, text, lambda _c=False, e=editor, f=field: self.start_link(e, f))
        add_context_action(self.genogram, _("Open this person's details"),
                           lambda: self.open_person(self.genogram.chosen()) if self.genogram.chosen() else None)

    def _build(self) -> None:
        bar = QHBoxLayout()
        self.zoom_in = QPushButton(_("Zoom &in"), self)
        self.zoom_out = QPushButton(_("Zoom &out"), self)
        self.fit_button = QPushButton(_("&Whole diagram"), self)
        self.relayout_button = QPushButton(_("&Lay out again"), self)
        self.relayout_button.setToolTip(_("Forget the places people were moved to and lay the diagram out afresh"))
        self.png_button = QPushButton(_("Save as P&NG…"), self)
        self.pdf_button = QPushButton(_("Save as P&DF…"), self)
        for b in (self.zoom_in, self.zoom_out, self.fit_button, self.relayout_button, self.png_button, self.pdf_button):
            bar.addWidget(b)
        bar.addStretch(1)
        self.zoom_in.clicked.connect(lambda: self.view().zoom_by(1.25))
        self.zoom_out.clicked.connect(lambda: self.view().zoom_by(0.8))
        self.fit_button.clicked.connect(lambda: self.view().fit())
        self.relayout_button.clicked.connect(self.relayout)
        self.png_button.clicked.connect(self._ask_png)
        self.pdf_button.clicked.connect(self._ask_pdf)
        for keys, slot in (("Ctrl+=", lambda: self.view().zoom_by(1.25)), ("Ctrl++", lambda: self.view().zoom_by(1.25)),
                           ("Ctrl+-", lambda: self.view().zoom_by(0.8)), ("Ctrl+0", lambda: self.view().fit())):
            sc = QShortcut(QKeySequence(keys), self)
            sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            sc.activated.connect(slot)
        snap = QHBoxLayout()
        show_label = QLabel(_("&Show:"), self)
        self.when = QComboBox(self)
        self.when.setAccessibleName(_("Show the network now or as a snapshot kept on a date"))
        show_label.setBuddy(self.when)
        self.when.currentIndexChanged.connect(self._when_changed)
        self.snap_name = QLineEdit(self)
        self.snap_name.setPlaceholderText(_("Name of the snapshot, e.g. At the first review"))
        self.snap_name.setAccessibleName(_("Name of the snapshot"))
        self.snap_button = QPushButton(_("&Keep a snapshot"), self)
        self.snap_button.setToolTip(_("Keep the network as it is today, to compare with later"))
        self.snap_button.clicked.connect(lambda: self.take_snapshot(self.snap_name.text()))
        snap.addWidget(show_label)
        snap.addWidget(self.when, 1)
        snap.addWidget(self.snap_name, 1)
        snap.addWidget(self.snap_button)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.setAccessibleName(_("About the diagram shown"))
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.genogram, _("&Genogram"))
        self.tabs.addTab(self.ecomap, _("&Ecomap"))
        for editor, title in ((self.details, _("&People")), (self.partnerships, _("Pa&rtnerships")),
                              (self.parents, _("Parents and &children")), (self.relationships, _("Relation&ships")),
                              (self.systems, _("Ecomap s&ystems"))):
            self.tabs.addTab(editor, title)
        self.tabs.currentChanged.connect(self._tab_changed)
        v = QVBoxLayout(self)
        v.setContentsMargins(0, 0, 0, 0)
        v.addLayout(bar)
        v.addLayout(snap)
        v.addWidget(self.note)
        v.addWidget(self.tabs, 1)

    # The workspace's editor interface.
    def current_list(self) -> Any:
        w = self.tabs.currentWidget()
        return w if w in self.lists else self.details

    @property
    def list(self) -> QListWidget:
        return self.current_list().list

    @property
    def form(self) -> Any:
        return self.current_list().form

    @property
    def add_text(self) -> str:
        return self.current_list().add_text

    @property
    def remove_text(self) -> str:
        return self.current_list().remove_text

    def new_record(self) -> None:
        editor = self.current_list()
        if editor is self.details:
            editor = self.partnerships
        self.tabs.setCurrentWidget(editor)
        editor.new_record()

    def remove_record(self) -> None:
        self.current_list().remove_record()

    def set_case(self, case_id: str) -> None:
        self.case_id = case_id
        self.showing = ""
        for editor in self.lists:
            editor.set_case(case_id)
        self.refresh(fit=True)

    def flush(self, *, explicit: bool = True) -> bool:
        ok = True
        for editor in self.lists:
            ok = editor.flush(explicit=explicit) and ok
        return ok

    def has_drafts(self) -> bool:
        return any(e.has_drafts() for e in self.lists)

    # Showing.
    def view(self) -> DiagramView:
        return self.ecomap if self.tabs.currentWidget() is self.ecomap else self.genogram

    def _changed(self, case_id: str, kinds: set[str]) -> None:
        if case_id == self.case_id and kinds & self.KINDS:
            self.refresh()

    def refresh(self, *, fit: bool = False) -> None:
        if self.case_id is None:
            return
        case_id, showing = self.case_id, self.showing

        def read(s: Session) -> tuple[Network, dict[str, dict[str, tuple[float, float]]], list[geno.SnapshotInfo]]:
            snaps = geno.list_snapshots(s, case_id)
            if showing and any(x.id == showing for x in snaps):
                net, pos = geno.snapshot(s, showing)
            else:
                net, pos = geno.network_of_case(s, case_id), {d: geno.positions(s, case_id, d) for d in geno.DIAGRAMS}
            return net, pos, snaps

        net, pos, snaps = self.ops.read(read)
        self.net = net
        self._fill_when(snaps)
        editable = not self.showing
        lay = layout(net, pos["genogram"])
        self.genogram.show_prims(display_list(lay), {g.id: (g.x, g.y) for g in lay.persons.values()}, editable=editable)
        eco = ecomap_layout(net, pos["ecomap"])
        self.ecomap.show_prims(ecomap_display(eco), {s.id: (s.x, s.y) for s in eco.systems.values()}, editable=editable)
        self.relayout_button.setEnabled(editable)
        moved = len(pos["genogram"])
        if self.showing:
            info = next(x for x in snaps if x.id == self.showing)
            day = long_day(info.taken_on)
            self.note.setText(_("Snapshot kept on {day} ({name}): read only.", day=day, name=info.label)
                              if info.label else _("Snapshot kept on {day}: read only.", day=day))
        else:
            count = len(net.persons)
            said = [_("1 person.") if count == 1 else _("{count} people.", count=count)]
            if moved:
                said.append(_("1 moved by hand; \u201cLay out again\u201d places everyone afresh.") if moved == 1
                            else _("{count} moved by hand; \u201cLay out again\u201d places everyone afresh.",
                                   count=moved))
            said.append(_("Drag someone (or Alt+arrow keys) to move them; double click or Enter to open their "
                          "details."))
            self.note.setText(" ".join(said))
        if fit:
            for v in (self.genogram, self.ecomap):
                v.actual_size()

    def _fill_when(self, snaps: list[geno.SnapshotInfo]) -> None:
        self.when.blockSignals(True)
        self.when.clear()
        self.when.addItem(_("The network now"), "")
        for x in reversed(snaps):
            day = long_day(x.taken_on)
            self.when.addItem(_("Snapshot of {day}: {name}", day=day, name=x.label) if x.label
                              else _("Snapshot of {day}", day=day), x.id)
        self.when.setCurrentIndex(max(self.when.findData(self.showing), 0))
        self.when.blockSignals(False)

    def _when_changed(self, _i: int) -> None:
        self.showing = self.when.currentData() or ""
        self.refresh()

    def _tab_changed(self, _i: int) -> None:
        self.zoom_in.setEnabled(self.tabs.currentWidget() in (self.genogram, self.ecomap))

    # Picking someone.
    def _picked(self, owner: str) -> None:
        if owner and owner in self.details.row_ids() and self.details.current_id != owner:
            self.details.select(owner)

    def _list_picked(self, item: Any, _prev: Any) -> None:
        rid = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if rid and self.genogram.chosen() != rid:
            self.genogram.choose(rid)

    def start_link(self, editor: Any, field: str) -> None:
        """A new partnership, parent link or relationship that starts from the person chosen in
        the diagram: that person is filled in, the rest is for the user to choose."""
        pid = self.genogram.chosen()
        if self.showing or not pid or pid not in self.details.row_ids():
            self.note.setText(_("Choose a person in the genogram first (click them, or use the arrow keys)."))
            announce(self, self.note.text())
            return
        self.tabs.setCurrentWidget(editor)
        editor.prefill(**{field: pid})
        editor.first_field().setFocus(Qt.FocusReason.OtherFocusReason)

    def open_person(self, pid: str) -> None:
        if self.showing:
            return
        self.tabs.setCurrentWidget(self.details)
        self.details.select(pid)
        self.details.first_field().setFocus(Qt.FocusReason.OtherFocusReason)

    def open_system(self, sid: str) -> None:
        if self.showing:
            return
        self.tabs.setCurrentWidget(self.systems)
        self.systems.select(sid)

    # Changing.
    def move(self, diagram: str, owner: str, x: float, y: float) -> None:
        if self.case_id is None or self.showing:
            return
        case_id = self.case_id
        now = self.ops.read(lambda s: geno.positions(s, case_id, diagram))
        after = {k: list(v) for k, v in now.items()}
        after[owner] = [round(x), round(y)]
        self._apply(Change("update", POSITIONS, case_id, record_id=f"{case_id}|{diagram}",
                           after={"positions": after, f"moved {owner}": True}))

    def relayout(self) -> None:
        if self.case_id is None or self.showing:
            return
        diagram = "ecomap" if self.view() is self.ecomap else "genogram"
        self._apply(Change("update", POSITIONS, self.case_id, record_id=f"{self.case_id}|{diagram}",
                           after={"positions": {}, "laid out again": True}))

    def _apply(self, change: Change) -> None:
        problem = self.ops.apply(change)
        if problem is not None:
            self.note.setText(str(problem))
            announce(self, str(problem))

    def take_snapshot(self, label: str = "") -> str | None:
        if self.case_id is None:
            return None
        case_id, user = self.case_id, self.ops.user
        sid = self.ops.read(lambda s: _snap(s, case_id, user, label))
        self.snap_name.clear()
        self.ops.changed.emit(case_id, {"snapshots"})
        self.ops.message.emit(_("The network as it is today ({day}) is kept as a snapshot.",
                                day=long_day(date.today())))
        return sid

    # Saving pictures.
    def export_png(self, path: Path) -> None:
        self.view().image().save(str(path), "PNG")
        key = "ecomap" if self.view() is self.ecomap else "genogram"
        self.ops.record("export", self.case_id, entity="documents", detail=f"{key} PNG")

    def export_pdf(self, path: Path) -> None:
        from ..documents.registry import RenderOptions
        from .produce_ui import save_document

        assert self.case_id is not None
        key = "ecomap" if self.view() is self.ecomap else "genogram"
        problem = save_document(self.ops, self.case_id, key, RenderOptions(), path)
        if problem:
            self.ops.message.emit(problem)

    def _ask_png(self) -> None:
        suggested = "genogram.png"  # a file name, not text to translate
        name, _f = QFileDialog.getSaveFileName(self, _("Save the diagram as PNG"), suggested, _("PNG image (*.png)"))
        if name:
            self.export_png(Path(name))

    def _ask_pdf(self) -> None:
        suggested = "genogram.pdf"  # a file name, not text to translate
        name, _f = QFileDialog.getSaveFileName(self, _("Save the diagram as PDF"), suggested, _("PDF (*.pdf)"))
        if name:
            self.export_pdf(Path(name))


def _snap(s: Session, case_id: str, user: str, label: str) -> str:
    return geno.take_snapshot(s, case_id, user=user, label=label)
