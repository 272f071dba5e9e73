"""A panel of several record editors in tabs that the workspace treats as one editor."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QListWidget

from .editor import RecordEditor


class TabbedEditors:
    """For a panel of several record editors in tabs: the workspace and the menus talk to the
    editor of the tab in front, as if the panel were one editor. The panel defines ``active()``."""

    def active(self) -> RecordEditor:  # pragma: no cover - every panel defines it
        raise NotImplementedError

    @property
    def list(self) -> QListWidget:
        return self.active().list

    @property
    def form(self) -> Any:
        return self.active().form

    @property
    def add_text(self) -> str:
        return self.active().add_text

    @property
    def remove_text(self) -> str:
        return self.active().remove_text

    def new_record(self) -> None:
        self.active().new_record()

    def remove_record(self) -> None:
        self.active().remove_record()
