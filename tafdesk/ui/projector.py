"""The projector view: a second window showing only what everyone in the room may see.

It shows a ``ProjectorScreen`` (built by tafdesk.models.projector, which decides what is
shareable) in large type, and nothing else: no notes, no case record, no navigation.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ..i18n.ui import _
from ..models.projector import ProjectorScreen
from .widgets import scaled_font


class ProjectorWindow(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle(_("Shared screen"))
        self.setAccessibleName(_("Shared screen for the meeting"))
        self.setFont(scaled_font(self.font(), 2.0))
        self.title = QLabel(self)
        self.heading = QLabel(self)
        self.heading.setFont(scaled_font(self.font(), 1.3, bold=True))
        self.body = QLabel(self)
        self.action = QLabel(self)
        self.action.setFont(scaled_font(self.font(), 1.1))
        self.new = QLabel(self)
        self.footer = QLabel(self)
        self.footer.setFont(scaled_font(self.font(), 0.6))
        v = QVBoxLayout(self)
        for w in (self.title, self.heading, self.body, self.action, self.new):
            w.setWordWrap(True)
            v.addWidget(w)
        v.addStretch(1)
        v.addWidget(self.footer)
        QShortcut(QKeySequence("Esc"), self, activated=self.close)
        self.resize(1024, 768)

    def show_screen(self, screen: ProjectorScreen) -> None:
        self.title.setText(screen.title)
        self.heading.setText(screen.heading)
        self.body.setText("\n".join(screen.lines))
        self.action.setText("\n".join(screen.action))
        self.new.setText(_("New actions:\n{actions}", actions="\n".join(f"• {a}" for a in screen.new_actions))
                         if screen.new_actions else "")
        self.footer.setText(screen.footer)
        for label in (self.body, self.action, self.new):
            label.setVisible(bool(label.text()))
        self.layout().activate()  # wrapped text changed height: lay out again now

    def shown_text(self) -> str:
        """Everything on the screen, for checking what the room can read."""
        return "\n".join(w.text() for w in (self.title, self.heading, self.body, self.action, self.new, self.footer))
