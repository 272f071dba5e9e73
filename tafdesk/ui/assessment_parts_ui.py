"""The editors inside the assessment: its sections, one child's voice (with direct work), the
adults' and the professionals' views, and the needs. All are record editors (autosave, drafts,
undo); once the assessment is authorised they are shown locked."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from ..i18n.ui import N_, _
from ..models import vocab as v
from ..models.orm import new_id
from ..models.schemas.assessment import SECTION_TITLES
from ..models.services import assessment as A
from ..models.services import assessment_parts as P
from ..models.services.people import list_people
from ..models.services.team import team_of
from . import labels as L
from .editor import RecordEditor, Row
from .forms import Field
from .journey_entities import ADULT_VIEW, ASSESSMENT, ATTACHMENT, NEED, PRO_VIEW, VOICE
from .undo import Change
from .widgets import announce

DATE_HINT = N_("YYYY-MM-DD or DD/MM/YYYY")
SHARE = (
    Field("not_shared", N_("Not to be shared with the family"), "check", section=N_("Sharing with the family")),
    Field("not_shared_reason", N_("Why it is not shared"), "multiline",
          hint=N_("Left out of the family's copy of the assessment")),
)
LEVELS = (("", N_("Not decided")),) + tuple((k.value, text) for k, text in L.LEVEL_OF_NEED.items())
AREAS = tuple((k.value, text) for k, text in v.OUTCOME_AREA_LABELS.items())
FACTORS = tuple((k.value, text) for k, text in v.PRESENTING_FACTOR_LABELS.items())
LOCKED_HINT = N_("This assessment is authorised and locked. Choose \u201cAmend\u201d to change it.")


def current_id(s: Session, case_id: str) -> str | None:
    a = A.current_assessment(s, case_id)
    return a.id if a is not None else None


class AssessmentPartEditor(RecordEditor):
    """A record editor that can be locked, and can hide its list when it shows one record."""

    hide_list = False
    locked = False
    drafts_kind = ""  # the parts share one kind of change; their drafts are kept apart

    def __init__(self, ops: Any, parent: QWidget | None = None) -> None:
        super().__init__(ops, parent)
        if self.drafts_kind:
            self.drafts.entity = self.drafts_kind
        self.setAccessibleName(_("{title} editor", title=_(self.title)))

    def _build(self) -> None:
        super()._build()
        if self.hide_list:
            self.list.parentWidget().hide()

    def set_locked(self, locked: bool) -> None:
        self.locked = locked
        self._apply_lock()

    def _apply_lock(self) -> None:
        for w in self.form._widgets.values():
            if isinstance(w, QLineEdit | QPlainTextEdit):
                w.setReadOnly(self.locked)
            else:
                w.setEnabled(not self.locked)
        if self.locked:
            self.add_button.setEnabled(False)
            self.remove_button.setEnabled(False)
            self.remove_action.setEnabled(False)
        else:
            self.add_button.setEnabled(True)
        self.form.setToolTip(_(LOCKED_HINT) if self.locked else "")

    def _show_record(self, shown: bool) -> None:
        super()._show_record(shown)
        if self.locked:
            self._apply_lock()

    def new_record(self) -> None:
        if self.locked:
            self.status.setText(_(LOCKED_HINT))
            announce(self, _(LOCKED_HINT))
            return
        super().new_record()

    def assessment_defaults(self) -> dict[str, Any]:
        case_id = self.case_id
        aid = self.ops.read(lambda s: current_id(s, case_id)) if case_id else None
        return {"assessment_id": aid}


class SectionsEditor(AssessmentPartEditor):
    entity = ASSESSMENT
    drafts_kind = "assessment"
    fields = (
        Field("started_on", N_("Started"), "date", hint=DATE_HINT),
        *(Field(key.value, title, "multiline") for key, title in SECTION_TITLES.items()),
        Field("level_of_need", N_("Level of need"), "choice", LEVELS),
        Field("not_shared_sections", N_("Sections not to be shared with the family"), "multi",
              tuple((k.value, t) for k, t in SECTION_TITLES.items()), section=N_("Sharing with the family")),
        Field("not_shared_reason", N_("Why they are not shared"), "multiline"),
    )
    title = N_("Assessment")
    add_text = N_("Start the assessment")
    remove_text = N_("Remove the version in progress")
    empty_hint = N_("No assessment yet: start it with the family.")
    hide_list = True

    def load_rows(self, s: Session, case_id: str) -> list[Row]:
        a = A.current_assessment(s, case_id)
        return [(a.id, A.version_label(a))] if a is not None else []

    def first_field(self) -> QWidget:
        return self.form.widget("strengths")


class VoiceEditor(AssessmentPartEditor):
    """One child's voice, in their own words, with the direct work done with them."""

    entity = VOICE
    fields = (
        Field("words", N_("In the child's own words"), "multiline",
              hint=N_("What the child said, as they said it; not what adults say about them")),
        Field("how_gathered", N_("How it was gathered"), "multiline",
              hint=N_("For example: 'three houses', drawing, talking")),
        Field("gathered_by", N_("Gathered by"), hint=N_("Someone the child knows")),
        Field("gathered_on", N_("Date"), "date", hint=DATE_HINT),
        Field("language", N_("Language"), hint=N_("The child's first language where possible: en, pl, ur\u2026")),
        Field("seen_alone", N_("Seen alone"), "choice",
              (("", N_("Not recorded")), ("yes", N_("Yes")), ("no", N_("No")))),
        Field("empty_reason", N_("If the child's views could not be gathered: why"), "multiline"),
        *SHARE,
    )
    listens = frozenset({"people"})
    title = N_("Child's voice")
    add_text = N_("Add")
    remove_text = N_("Remove")
    hide_list = True

    def __init__(self, ops: Any, child_id: str, child_name: str, parent: QWidget | None = None) -> None:
        self.child_id = child_id
        self.child_name = child_name
        self.empty_hint = _("Start the assessment to record {name}'s voice.", name=child_name)
        self.drafts_kind = f"child_voice:{child_id}"
        super().__init__(ops, parent)
        self.setAccessibleName(_("Voice of {name}", name=child_name))
        self.pictures = PicturesPanel(self)
        layout = self.form.layout()
        layout.insertWidget(layout.count() - 1, self.pictures)

    def load_rows(self, s: Session, case_id: str) -> list[Row]:
        aid = current_id(s, case_id)
        if aid is None:
            return []
        return [(cv.id, self.child_name) for cv in P.parts_of(s, aid, "child_voices") if cv.child_id == self.child_id]

    def _load(self, record_id: str | None) -> None:
        super()._load(record_id)
        self.pictures.show_for(record_id or None)

    def _apply_lock(self) -> None:
        super()._apply_lock()
        self.pictures.set_locked(self.locked)


class PicturesPanel(QWidget):
    """Direct work: photos or scans of the child's drawings and worksheets, as thumbnails."""

    def __init__(self, editor: VoiceEditor) -> None:
        super().__init__(editor.form)
        self.editor = editor
        self.voice_id: str | None = None
        self.locked = False
        head = QLabel(_("Direct work (drawings, worksheets):"), self)
        self.list = QListWidget(self)
        self.list.setAccessibleName(_("Direct work with {name}", name=editor.child_name))
        self.list.setViewMode(QListView.ViewMode.IconMode)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setWordWrap(True)
        side = self.fontMetrics().horizontalAdvance("m") * 12
        self.list.setIconSize(QSize(side, side))
        self.list.setMinimumHeight(side + self.fontMetrics().height() * 4)
        head.setBuddy(self.list)
        self.add_button = QPushButton(_("Add drawing or photo\u2026"), self)
        self.add_button.clicked.connect(self.choose_files)
        self.caption_button = QPushButton(_("Describe picture\u2026"), self)
        self.caption_button.clicked.connect(self.ask_caption)
        self.remove_button = QPushButton(_("Remove picture"), self)
        self.remove_button.clicked.connect(self.remove_selected)
        row = QHBoxLayout()
        for b in (self.add_button, self.caption_button, self.remove_button):
            row.addWidget(b)
        row.addStretch(1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 8, 0, 0)
        lay.addWidget(head)
        lay.addWidget(self.list)
        lay.addLayout(row)

    def show_for(self, voice_id: str | None) -> None:
        self.voice_id = voice_id
        self.reload()

    def reload(self) -> None:
        self.list.clear()
        vid = self.voice_id
        if vid is None:
            self._enable()
            return
        rows = self.editor.ops.read(lambda s: [(a.id, a.filename, a.caption, a.data) for a in P.attachments_of(s, vid)])
        side = self.list.iconSize().width()
        for aid, filename, caption, data in rows:
            pix = QPixmap()
            pix.loadFromData(data)
            item = QListWidgetItem(QIcon(pix.scaled(side, side, Qt.AspectRatioMode.KeepAspectRatio,
                                                    Qt.TransformationMode.SmoothTransformation)),
                                   caption or filename, self.list)
            item.setData(Qt.ItemDataRole.UserRole, aid)
            item.setToolTip(_("{file}: {caption}", file=filename, caption=caption) if caption else filename)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, _("Picture: {caption}", caption=caption or filename))
        self._enable()

    def set_locked(self, locked: bool) -> None:
        self.locked = locked
        self._enable()

    def _enable(self) -> None:
        ok = self.voice_id is not None and not self.locked
        self.add_button.setEnabled(ok)
        self.caption_button.setEnabled(ok and self.list.count() > 0)
        self.remove_button.setEnabled(ok and self.list.count() > 0)

    def choose_files(self) -> None:
        paths, _filter = QFileDialog.getOpenFileNames(
            self, _("Add direct work"), str(Path.home()),
            _("Pictures ({patterns})", patterns="*.png *.jpg *.jpeg *.gif *.bmp *.tif *.tiff *.webp"))
        if paths:
            self.add_files([Path(p) for p in paths])

    def add_files(self, paths: list[Path], caption: str = "") -> list[str]:
        """Add pictures to this child's voice; returns the problems (one sentence each)."""
        problems: list[str] = []
        if self.voice_id is None or self.editor.case_id is None:
            return [_("Start the assessment first.")]
        for path in paths:
            try:
                data = path.read_bytes()
            except OSError as exc:
                problems.append(_("{file} could not be read ({problem}).", file=path.name, problem=exc.strerror))
                continue
            rid = new_id()
            change = Change("add", ATTACHMENT, self.editor.case_id, record_id=rid, reuse=rid,
                            after={"child_voice_id": self.voice_id, "filename": path.name[:255],
                                   "caption": caption, "data": data})
            problem = self.editor.ops.apply(change)
            if problem is not None:
                problems.append(getattr(problem, "problems", {}).get("data") or str(problem))
        self.reload()
        if problems:
            said = " ".join(problems)
        elif len(paths) == 1:
            said = _("1 picture added. Undo with Ctrl+Z.")
        else:
            said = _("{count} pictures added. Undo with Ctrl+Z.", count=len(paths))
        self.editor.status.setText(said)
        announce(self, said)
        return problems

    def selected_id(self) -> str | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def ask_caption(self) -> None:
        aid = self.selected_id()
        if aid is None:
            return
        text, ok = QInputDialog.getText(self, _("Describe picture"), _("What the picture shows:"),
                                        text=self.list.currentItem().text())
        if ok:
            self.set_caption(aid, text)

    def set_caption(self, attachment_id: str, caption: str) -> None:
        assert self.editor.case_id is not None
        problem = self.editor.ops.apply(Change("update", ATTACHMENT, self.editor.case_id, record_id=attachment_id,
                                               after={"caption": caption}))
        if problem is not None:
            self.editor.status.setText(str(problem))
        self.reload()

    def remove_selected(self) -> None:
        aid = self.selected_id()
        if aid is None or self.editor.case_id is None:
            return
        problem = self.editor.ops.apply(Change("remove", ATTACHMENT, self.editor.case_id, record_id=aid))
        self.editor.status.setText(str(problem) if problem else _("Picture removed. Undo with Ctrl+Z."))
        self.reload()


class AdultViewsEditor(AssessmentPartEditor):
    entity = ADULT_VIEW
    drafts_kind = "adult_view"
    fields = (
        Field("person_id", N_("Parent or carer"), "choice"),
        Field("included", N_("Included in the assessment"), "check"),
        Field("not_included_reason", N_("Why they are not included"), "multiline",
              hint=N_("Required when a parent or carer is left out, for example when considered a risk")),
        Field("views", N_("Their views"), "multiline"),
        *SHARE,
    )
    listens = frozenset({"people"})
    title = N_("Parents and carers")
    add_text = N_("Add another adult's views")
    remove_text = N_("Remove these views")
    empty_hint = N_("Every parent and carer, including those living elsewhere, has an entry here. "
                    "Record their views, or why they are not included.")
    reuse_new_id = True

    def load_rows(self, s: Session, case_id: str) -> list[Row]:
        aid = current_id(s, case_id)
        if aid is None:
            return []
        names = {p.id: p.display_name for p in list_people(s, case_id)}
        rows = []
        for av in P.parts_of(s, aid, "adult_views"):
            name = names.get(av.person_id) or _("(removed)")
            if not av.included:
                text = _("{name}: not included", name=name)
            elif av.views.strip():
                text = _("{name}: views recorded", name=name)
            else:
                text = _("{name}: views needed", name=name)
            rows.append((av.id, text))
        return rows

    def load_choices(self, s: Session, case_id: str) -> dict[str, list[tuple[str, str]]]:
        return {"person_id": [(p.id, p.display_name) for p in list_people(s, case_id) if p.kind == "adult"]}

    def defaults(self) -> dict[str, Any]:
        return {**self.assessment_defaults(), "included": True}

    def first_field(self) -> QWidget:
        return self.form.widget("person_id")


class ProfessionalViewsEditor(AssessmentPartEditor):
    entity = PRO_VIEW
    drafts_kind = "professional_view"
    fields = (Field("professional_id", N_("Professional"), "choice"), Field("views", N_("Their views"), "multiline"),
              *SHARE)
    listens = frozenset({"team"})
    title = N_("Professionals' views")
    add_text = N_("Add a professional's views")
    remove_text = N_("Remove these views")
    empty_hint = N_("The views of the professionals who form the team around the family.")
    reuse_new_id = True

    def load_rows(self, s: Session, case_id: str) -> list[Row]:
        aid = current_id(s, case_id)
        if aid is None:
            return []
        names = {m.professional_id: m.professional.name for m in team_of(s, case_id)}
        return [(pv.id, names.get(pv.professional_id) or _("(no longer in the team)"))
                for pv in P.parts_of(s, aid, "professional_views")]

    def load_choices(self, s: Session, case_id: str) -> dict[str, list[tuple[str, str]]]:
        return {"professional_id": [(m.professional_id, m.professional.name) for m in team_of(s, case_id)]}

    def defaults(self) -> dict[str, Any]:
        return self.assessment_defaults()


class NeedsEditor(AssessmentPartEditor):
    entity = NEED
    drafts_kind = "need"
    fields = (
        Field("description", N_("The need"), "multiline", hint=N_("What needs to change, and for whom")),
        Field("outcome_areas", N_("Outcome areas"), "multi", AREAS),
        Field("person_ids", N_("Who it concerns"), "multi"),
        Field("presenting_factors", N_("Presenting factors"), "multi", FACTORS),
        *SHARE,
    )
    listens = frozenset({"people"})
    title = N_("Needs")
    add_text = N_("Add a need")
    remove_text = N_("Remove need")
    empty_hint = N_("Each need the assessment finds, with its national outcome areas and the family members it "
                    "concerns.")
    reuse_new_id = True

    def load_rows(self, s: Session, case_id: str) -> list[Row]:
        aid = current_id(s, case_id)
        if aid is None:
            return []
        rows = []
        for i, n in enumerate(P.parts_of(s, aid, "needs"), start=1):
            text = " ".join(n.description.split())
            rows.append((n.id, f"{i}. {text[:70]}" + ("\u2026" if len(text) > 70 else "")))
        return rows

    def load_choices(self, s: Session, case_id: str) -> dict[str, list[tuple[str, str]]]:
        return {"person_ids": [(p.id, p.display_name) for p in list_people(s, case_id) if p.in_household_network]}

    def defaults(self) -> dict[str, Any]:
        return self.assessment_defaults()


def today_text() -> str:
    return date.today().isoformat()
