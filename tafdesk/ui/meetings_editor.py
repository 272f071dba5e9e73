"""TAF meetings of a case: arrange them, then run one live (minutes mode) and send its papers."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QPushButton, QWidget
from sqlalchemy.orm import Session

from ..i18n.ui import N_, _
from ..models.errors import TafdeskError
from ..models.services import meetings as M
from ..models.services.team import team_of
from . import labels as L
from .editor import RecordEditor, Row
from .forms import Field
from .minutes_mode import KIND_NOUNS, KIND_TITLES, MinutesMode
from .undo import Entity, _existing
from .widgets import announce

MEETINGS = Entity(
    kind="meetings",
    noun=N_("meeting"),
    add=lambda s, case_id, data, user, rid: M.schedule_meeting(s, case_id, data, user=user).id,
    update=lambda s, rid, data, user: (M.update_meeting(s, rid, data, user=user), None)[1],
    remove=lambda s, rid, user: M.remove_meeting(s, rid, user=user),
    snapshot=lambda s, rid: M.meeting_form_data(_existing(s, M.Meeting, rid, _("That meeting is no longer there."))),
    reuse_id=lambda s, rid: None,
    name_of=lambda data: KIND_NOUNS.get(str(data.get("kind")), N_("meeting")),
)

FIELDS = (
    Field("kind", N_("Meeting"), "choice", tuple(KIND_TITLES.items())),
    Field("starts_at", N_("Date and time"), hint=N_("YYYY-MM-DD HH:MM, a time and place that suit the family")),
    Field("venue", N_("Where")),
    Field("chair_professional_id", N_("Chair"), "choice"),
)
STATES = {"held": N_("held"), "planned": N_("planned"), "cancelled": N_("cancelled")}


class MeetingsEditor(RecordEditor):
    entity = MEETINGS
    fields = FIELDS
    listens = frozenset({"team", "minutes", "plan"})
    title = N_("TAF meetings")
    add_text = N_("Arrange a meeting")
    remove_text = N_("Take off a planned meeting")
    empty_hint = N_("Choose a meeting, or arrange one. Start live minutes (Ctrl+M) when the meeting begins.")

    def __init__(self, ops: Any, parent: QWidget | None = None) -> None:
        super().__init__(ops, parent)
        self.setAccessibleName(_("TAF meetings editor"))
        self.live: MinutesMode | None = None
        row = QHBoxLayout()
        self.live_button = QPushButton(_("Start live &minutes (Ctrl+M)"), self)
        self.live_button.setShortcut("Ctrl+M")
        self.live_button.clicked.connect(self.start_live)
        self.pack_button = QPushButton(_("Save the meeting's &papers…"), self)
        self.pack_button.clicked.connect(self.save_papers)
        row.addWidget(self.live_button)
        row.addWidget(self.pack_button)
        row.addStretch(1)
        self.layout().addLayout(row)

    def load_rows(self, s: Session, case_id: str) -> list[Row]:
        rows = []
        for n, m in enumerate(M.meetings_of(s, case_id), start=1):
            local = m.starts_at.astimezone(M.LOCAL)
            state = _(STATES[m.status]) if m.status in STATES else m.status
            rows.append((m.id, _("{number}. {meeting}, {day} {time} ({state})", number=n,
                                 meeting=_(KIND_TITLES.get(m.kind, N_("Meeting"))), day=L.day(local.date()),
                                 time=f"{local:%H:%M}", state=state)))
        return rows

    def load_choices(self, s: Session, case_id: str) -> dict[str, list[tuple[str, str]]]:
        return {"chair_professional_id": [("", _("Not chosen"))] + [
            (m.professional_id, m.professional.name) for m in team_of(s, case_id)]}

    def defaults(self) -> dict[str, Any]:
        return {"kind": "review", "starts_at": ""}

    def _selected_meeting(self) -> str | None:
        if not self.current_id:
            self.status.setText(_("Choose a meeting first (save a new one before starting it)."))
            announce(self, self.status.text())
            return None
        return self.current_id

    def start_live(self) -> None:
        meeting_id = self._selected_meeting()
        if meeting_id is None or self.case_id is None or not self.flush(explicit=True):
            return
        self.live = MinutesMode(self.ops, self.case_id, meeting_id)
        self.live.showFullScreen()

    def save_papers(self) -> None:
        from ..documents.meeting_pack import meeting_pack

        meeting_id = self._selected_meeting()
        if meeting_id is None or self.case_id is None:
            return
        folder = QFileDialog.getExistingDirectory(self, _("Save the meeting's papers in"))
        if not folder:
            return
        case_id = self.case_id

        def make(s: Session) -> list[Any]:
            number = [m.id for m in M.meetings_of(s, case_id)].index(meeting_id) + 1
            return meeting_pack(s, case_id, number, today=date.today())

        from ..cli import _write_private
        from ..documents.produce import record_pack

        try:
            files = self.ops.read(make)
            for f in files:  # readable by the user only, like every file tafdesk writes
                _write_private(Path(folder) / f.name, f.content)
        except (TafdeskError, OSError) as exc:  # a full disk, a refused folder: say so, keep going
            problem = getattr(exc, "strerror", None) or str(exc)
            self.status.setText(_("The papers could not be saved: {problem}", problem=problem))
            return
        self.ops.record("render", case_id, entity="meetings", detail="meeting papers: "
                        + ", ".join(f.name for f in files))
        try:  # the PDFs join the case's document ledger
            with self.ops.db.session() as s:
                record_pack(s, case_id, files, user=self.ops.user)
            self.ops.changed.emit(case_id, {"documents"})
        except TafdeskError as exc:
            self.status.setText(_("It was produced, but could not be recorded in the ledger: {problem}",
                                  problem=str(exc)))
            return
        self.status.setText(_("Saved 1 file in {folder}.", folder=folder) if len(files) == 1
                            else _("Saved {count} files in {folder}.", count=len(files), folder=folder))
        announce(self, self.status.text())
