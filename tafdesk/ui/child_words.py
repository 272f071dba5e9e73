"""Writing an action for a child's own plan: the picture chooser, the reading-age check as the
professional types, a suggested child-friendly wording they can accept, and saving "My plan".

The child is the one the action's outcome is about (the youngest, when it concerns several):
their age sets the age band of the suggestion and the limit of the check. Rules and words come
from ``models.readability``, ``models.child_wording`` and ``models.pictures``; nothing here decides.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from tafdesk.resources import resource_path

from ..i18n.ui import N_, _
from ..models.child_wording import Helper, suggest_wording
from ..models.orm import Outcome, Person, Professional
from ..models.pictures import FONT_FILE, TOPICS, chosen_or_suggested, glyph, topic
from ..models.readability import BAND_LABELS, age_band, check_wording
from ..models.services import child_plan as C

PICTURE_CHOICES = (("", N_("Chosen from the words")), *((t.key, t.label) for t in TOPICS))


@cache
def icon_family() -> str:
    """The icon font, loaded into Qt once (the same file the PDFs embed)."""
    fid = QFontDatabase.addApplicationFont(str(resource_path("fonts", FONT_FILE)))
    families = QFontDatabase.applicationFontFamilies(fid) if fid >= 0 else []
    return families[0] if families else ""


def picture_icon(key: str, pixels: int, colour: QColor) -> QIcon:
    """The picture of a topic as an icon ``pixels`` square."""
    pix = QPixmap(pixels, pixels)
    pix.fill(Qt.GlobalColor.transparent)
    family = icon_family()
    if family:
        p = QPainter(pix)
        font = QFont(family)
        font.setPixelSize(max(8, int(pixels * 0.8)))
        p.setFont(font)
        p.setPen(colour)
        p.drawText(QRect(0, 0, pixels, pixels), Qt.AlignmentFlag.AlignCenter, glyph(key))
        p.end()
    return QIcon(pix)


@dataclass(frozen=True)
class Context:
    """Who an action in the editor is for, as the wording tools need it."""

    child: Helper
    name: str
    age: int
    band: str
    owner: Helper | None
    family: tuple[Helper, ...]
    areas: tuple[str, ...]


def wording_context(s: Session, outcome_id: str, owner: str, today: date) -> Context | None:
    outcome = s.get(Outcome, outcome_id) if outcome_id else None
    if outcome is None:
        return None
    kids = [k for k in C.children_concerned(s, outcome) if k.date_of_birth or k.birth_year]
    if not kids:
        return None
    child = max(kids, key=lambda k: k.date_of_birth or date(k.birth_year or 1900, 7, 1))
    age = C.age_on(child, today)
    if age is None:
        return None
    who: Helper | None = None
    kind, _sep, oid = owner.partition(":")
    if kind == "person" and (person := s.get(Person, oid)) is not None:
        who = C.person_helper(s, person, child)
    elif kind == "professional" and (prof := s.get(Professional, oid)) is not None:
        who = Helper(name=prof.name, role=prof.role, agency=prof.agency.name if prof.agency else "")
    areas = tuple(a for n in C.needs_of(s, outcome) for a in n.outcome_areas)
    me = Helper(name=child.display_name, given=child.given_name, is_child=True, known_as=child.known_as)
    return Context(me, child.known_as or child.given_name, age, age_band(age), who,
                   tuple(C.family_helpers(s, child)), areas)


class ChildWordsPanel(QWidget):
    """Under the action's form: the reading-age check, the suggested wording and its button."""

    def __init__(self, editor: Any) -> None:
        super().__init__(editor)
        self.editor = editor
        self._cache: dict[tuple[str, str], Context | None] = {}
        self.check = QLabel(self)
        self.check.setWordWrap(True)
        self.check.setAccessibleName(_("Reading age check of the child's words"))
        self.suggestion = QLabel(self)
        self.suggestion.setWordWrap(True)
        self.suggestion.setAccessibleName(_("Suggested wording for the child"))
        self.suggestion.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                                | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.use = QPushButton(_("Ta&ke the suggested wording"), self)
        self.use.setAccessibleName(_("Take the suggested wording"))
        self.use.clicked.connect(self.accept_suggestion)
        self._suggested = ""
        v = QVBoxLayout(self)
        v.setContentsMargins(0, 0, 0, 0)
        v.addWidget(self.check)
        row = QHBoxLayout()
        row.addWidget(self.suggestion, 1)
        row.addWidget(self.use, 0, Qt.AlignmentFlag.AlignTop)
        v.addLayout(row)
        self._decorate_pictures()
        editor.form.edited.connect(lambda _f: self.refresh())
        editor.ops.changed.connect(lambda *_a: self._cache.clear())

    def _decorate_pictures(self) -> None:
        combo = self.editor.form.widget("picture")
        if not isinstance(combo, QComboBox):
            return
        pixels = combo.fontMetrics().height()
        colour = combo.palette().color(combo.foregroundRole())
        for i in range(combo.count()):
            key = combo.itemData(i)
            if key:
                combo.setItemIcon(i, picture_icon(key, pixels, colour))

    def context(self, raw: dict[str, Any]) -> Context | None:
        key = (str(raw.get("outcome_id") or ""), str(raw.get("owner") or ""))
        if key not in self._cache:
            today = date.today()
            self._cache[key] = self.editor.ops.read(lambda s: wording_context(s, key[0], key[1], today))
        return self._cache[key]

    def refresh(self) -> None:
        """Check and suggest for what is in the form now (never blocking, never changing it)."""
        raw = self.editor.form.raw()
        ctx = self.context(raw) if self.editor.current_id is not None else None
        if ctx is None:
            self.check.setText("")
            self.suggestion.setText("")
            self._suggested = ""
            self.use.setEnabled(False)
            return
        words = str(raw.get("child_friendly") or "").strip()
        description = str(raw.get("description") or "")
        picture = topic(chosen_or_suggested(str(raw.get("picture") or ""), f"{description} {words}", ctx.areas))
        if not words:
            self.check.setText(_("No words for {name} yet: the family plan's wording will be used in "
                                 "{name}'s plan. Picture: {picture}.", name=ctx.name, picture=_(picture.label)))
        else:
            r = check_wording(words, ctx.age, name=ctx.name, translate=_)
            self.check.setText(r.warning + " " + _("Picture: {picture}.", picture=_(picture.label)) if r.too_hard
                               else _("Easy enough for {name} ({age}): reading age about {reading_age}. "
                                      "Picture: {picture}.", name=ctx.name, age=ctx.age,
                                      reading_age=r.rounded_age or "-", picture=_(picture.label)))
        self._suggested = suggest_wording(description, ctx.band, child=ctx.child, owner=ctx.owner,
                                          family=ctx.family, t=_) if description.strip() else ""
        if self._suggested and self._suggested != words:
            self.suggestion.setText(_("Suggested for {name} ({band}): {text}", name=ctx.name,
                                      band=_(BAND_LABELS[ctx.band]), text=self._suggested))
            self.use.setEnabled(True)
        else:
            self.suggestion.setText("")
            self.use.setEnabled(False)

    def accept_suggestion(self) -> None:
        """Put the suggestion into the child's words (an ordinary edit: autosaved and undoable)."""
        box = self.editor.form.widget("child_friendly")
        if self._suggested and isinstance(box, QPlainTextEdit):
            box.setPlainText(self._suggested)
            box.setFocus()


def save_child_plan(parent: QWidget, ops: Any, case_id: str) -> bool:
    """Ask which child and where, then write that child's "My plan" (the family's copy)."""
    from ..documents.child_plan_data import children_for_menu

    children = ops.read(lambda s: children_for_menu(s, case_id))
    if not children:
        ops.message.emit(_("There is no child whose plan can be given to the family."))
        return False
    names = [name for _id, name in children]
    name, ok = QInputDialog.getItem(parent, _("Save My plan"), _("Whose plan:"), names, 0, False)
    if not ok:
        return False
    child_id = children[names.index(name)][0]
    first = name.split()[0] if name.split() else "child"
    path, _filter = QFileDialog.getSaveFileName(parent, _("Save My plan as PDF"),
                                                str(Path.home() / f"my-plan-{first}.pdf"), _("PDF (*.pdf)"))
    return bool(path) and write_child_plan(ops, case_id, child_id, Path(path))


def write_child_plan(ops: Any, case_id: str, child_id: str, path: Path) -> bool:
    """Render the child's plan through the same path as ``tafdesk render`` and write it privately."""
    from ..documents.registry import RenderOptions
    from .produce_ui import save_document

    problem = save_document(ops, case_id, "child-plan", RenderOptions(child_id=child_id), path)
    if problem:
        ops.message.emit(problem)
        return False
    ops.message.emit(_("Saved {file}.", file=path.name))
    return True
