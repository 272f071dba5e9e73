"""TAF meetings of a case: arrange them, then run one live (minutes mode) and send its papers."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QPushButton, QWidget
from sqlalchemy.orm import Session

from ..models.services import meetings as M
from ..models.services.team import team_of
from .editor import RecordEditor, Row
from .forms import Field
from .minutes_mode import KIND_TITLES, MinutesMode
from .undo import Entity, _existing
from .widgets import announce

MEETINGS = Entity(
    kind="meetings",
    noun="meeting",
    add=lambda s, case_id, data, user, rid: M.schedule_meeting(s, case_id, data, user=user).id,
    update=lambda s, rid, data, user: (M.update_meeting(s, rid, data, user=user), None)[1],
    remove=lambda s, rid, user: M.remove_meeting(s, rid, user=user),
    snapshot=lambda s, rid: M.meeting_form_data(_existing(s, M.Meeting, rid, "That meeting is no longer there.")),
    reuse_id=lambda s, rid: None,
    name_of=lambda data: KIND_TITLES.get(str(data.get("kind")), "meeting").lower(),
)

FIELDS = (
    Field("kind", "Meeting", "choice", tuple(KIND_TITLES.items())),
    Field("starts_at", "Date and time", hint="YYYY-MM-DD HH:MM, a time and place that suit the family"),
    Field("venue", "Where"),
    Field("chair_professional_id", "Chair", "choice"),
)


class MeetingsEditor(RecordEditor):
    entity = MEETINGS
    fields = FIELDS
    listens = frozenset({"team", "minutes", "plan"})
    title = "TAF meetings"
    add_text = "Arrange a meeting"
    remove_text = "Take off a planned meeting"
    empty_hint = "Choose a meeting, or arrange one. Start live minutes (Ctrl+M) when the meeting begins."

    def __init__(self, ops: Any, parent: QWidget | None = None) -> None:
        super().__init__(ops, parent)
        self.setAccessibleName("TAF meetings editor")
        self.live: MinutesMode | None = None
        row = QHBoxLayout()
        self.live_button = QPushButton("Start live &minutes (Ctrl+M)", self)
        self.live_button.setShortcut("Ctrl+M")
        self.live_button.clicked.connect(self.start_live)
        self.pack_button = QPushButton("Save the meeting's &papers…", self)
        self.pack_button.clicked.connect(self.save_papers)
        row.addWidget(self.live_button)
        row.addWidget(self.pack_button)
        row.addStretch(1)
        self.layout().addLayout(row)

    def load_rows(self, s: Session, case_id: str) -> list[Row]:
        rows = []
        for n, m in enumerate(M.meetings_of(s, case_id), start=1):
            local = m.starts_at.astimezone(M.LOCAL)
            state = {"held": "held", "planned": "planned", "cancelled": "cancelled"}.get(m.status, m.status)
            rows.append((m.id, f"{n}. {KIND_TITLES.get(m.kind, 'Meeting')}, {local:%d %b %Y %H:%M} ({state})"))
        return rows

    def load_choices(self, s: Session, case_id: str) -> dict[str, list[tuple[str, str]]]:
        return {"chair_professional_id": [("", "Not chosen")] + [
            (m.professional_id, m.professional.name) for m in team_of(s, case_id)]}

    def defaults(self) -> dict[str, Any]:
        return {"kind": "review", "starts_at": ""}

    def _selected_meeting(self) -> str | None:
        if not self.current_id:
            self.status.setText("Choose a meeting first (save a new one before starting it).")
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
        folder = QFileDialog.getExistingDirectory(self, "Save the meeting's papers in")
        if not folder:
            return
        case_id = self.case_id

        def make(s: Session) -> list[Any]:
            number = [m.id for m in M.meetings_of(s, case_id)].index(meeting_id) + 1
            return meeting_pack(s, case_id, number, today=date.today())

        try:
            files = self.ops.read(make)
            for f in files:
                (Path(folder) / f.name).write_bytes(f.content)
        except Exception as exc:  # a full disk, a refused folder: say so, keep going
            self.status.setText(f"The papers could not be saved: {exc}")
            return
        self.ops.record("render", case_id, entity="meetings", detail="meeting papers: "
                        + ", ".join(f.name for f in files))
        self.status.setText(f"Saved {len(files)} files in {folder}.")
        announce(self, self.status.text())
