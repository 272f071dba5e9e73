"""Choosing the language of tafdesk's own text (menus, labels, messages).

Each language is listed in its own name (Polski, العربية, ਪੰਜਾਬੀ) with its English name beside it,
so that a user who cannot read the current language still finds theirs. The choice is saved and
used from the next start: windows already built keep their text until then.
"""

from __future__ import annotations

import os

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..i18n.catalog import available_languages
from ..i18n.scripts import FAMILY_LANGUAGES
from ..i18n.ui import ENV_LANGUAGE, _, ui_language

LANG_ROLE = Qt.ItemDataRole.UserRole


def language_names(code: str) -> tuple[str, str]:
    """(its own name, its English name) of a language; the code itself when tafdesk has no name."""
    for lang in FAMILY_LANGUAGES:
        if lang.code == code:
            return lang.native, lang.english
    return code, code


class LanguageDialog(QDialog):
    """A list of the languages tafdesk has a catalogue for; Enter saves the one chosen."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chosen: str | None = None
        self.setWindowTitle(_("Language of tafdesk"))
        self.setAccessibleName(_("Language of tafdesk"))
        intro = QLabel(_("Choose the language of tafdesk's menus, buttons and messages. "
                         "The change is used the next time tafdesk starts."), self)
        intro.setWordWrap(True)
        caption = QLabel(_("&Languages:"), self)
        self.list = QListWidget(self)
        self.list.setAccessibleName(_("Languages"))
        caption.setBuddy(self.list)
        current = ui_language()
        for code in available_languages():
            native, english = language_names(code)
            text = native if native == english else _("{native} ({english})", native=native,
                                                      english=english)
            item = QListWidgetItem(text, self.list)
            item.setData(LANG_ROLE, code)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, text)
            if code == current:
                self.list.setCurrentItem(item)
        if self.list.currentItem() is None and self.list.count():
            self.list.setCurrentRow(0)
        self.list.itemActivated.connect(lambda _item: self.accept())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(caption)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.list.setFocus(Qt.FocusReason.OtherFocusReason)

    def selected(self) -> str | None:
        item = self.list.currentItem()
        return item.data(LANG_ROLE) if item is not None else None

    def accept(self) -> None:
        from .app import save_ui_language

        self.chosen = self.selected()
        if self.chosen is not None:
            save_ui_language(self.chosen)
        super().accept()

    def confirmation(self) -> str:
        """What the user is told after choosing (in the language in use now)."""
        if self.chosen is None:
            return ""
        native, _english = language_names(self.chosen)
        forced = os.environ.get(ENV_LANGUAGE, "").strip()
        if forced and forced != self.chosen:
            return _("Your choice, {language}, is saved; but the {setting} setting on this computer "
                     "chooses another language while it is set.", language=native, setting=ENV_LANGUAGE)
        if self.chosen == ui_language():
            return _("tafdesk stays in {language}.", language=native)
        return _("tafdesk will be in {language} the next time it starts.", language=native)
