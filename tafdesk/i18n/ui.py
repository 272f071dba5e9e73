"""The language of the app's own text (menus, labels, messages), chosen by each user.

The UI uses the same catalogues as the documents. Mark UI text with ``_("...")`` where it is
shown; text declared at import time (module constants, tables of labels) is marked with ``N_`` and
passed through ``_`` where it is shown, because the language is chosen after modules are imported:

    from tafdesk.i18n.ui import _, N_
    button.setText(_("&Save"))
    label.setText(_("{count} cases due this week", count=n))

The choice is made once at start-up (``set_ui_language``) from ``--language``, the
``TAFDESK_LANGUAGE`` environment variable, or the user's saved preference; changing it takes
effect the next time tafdesk starts. No Qt here: the GUI applies the layout direction itself.
"""

from __future__ import annotations

import os
import re
import unicodedata

from .catalog import N_, available_languages, tr
from .scripts import direction

__all__ = ["ENV_LANGUAGE", "N_", "_", "mnemonics", "set_ui_language", "splits_a_letter", "ui_direction", "ui_language"]

ENV_LANGUAGE = "TAFDESK_LANGUAGE"
_current = "en"


class UnknownLanguage(ValueError):
    """A language tafdesk has no catalogue for (the message is a sentence for the user)."""


def set_ui_language(lang: str | None) -> str:
    """Use ``lang`` for the app's text from now on (``None``: the environment, else English)."""
    global _current
    chosen = (lang or os.environ.get(ENV_LANGUAGE) or "en").strip()
    if chosen not in available_languages():
        raise UnknownLanguage(
            f"tafdesk has no translation for the language {chosen!r}; "
            f"choose one of {', '.join(available_languages())}.")
    _current = chosen
    return chosen


def ui_language() -> str:
    return _current


def ui_direction() -> str:
    """'rtl' for Arabic, Urdu, Pashto and Dari; otherwise 'ltr'."""
    return direction(_current)


def _(message: str, **values: object) -> str:
    """The UI text in the user's language (English when a message is missing), values filled in."""
    return tr(_current)(message, **values)


_MNEMONIC = re.compile(r"&(?!&)")


def mnemonics(text: str) -> int:
    """How many keyboard mnemonics (a single '&') a UI text has; '&&' is a literal ampersand."""
    return len(_MNEMONIC.findall(text.replace("&&", "")))


def splits_a_letter(text: str) -> bool:
    """Whether a mnemonic would break a letter's shaping: Qt draws the character after '&' as a
    run of its own, so when a vowel sign, virama or nukta follows it (Bengali, Gurmukhi), the
    letter is drawn apart from it (e.g. ফ◌াইল). Put the '&' before a letter that stands alone."""
    for i, ch in enumerate(text[:-2]):
        if ch == "&" and text[i + 1] != "&" and unicodedata.category(text[i + 2]) in ("Mn", "Mc"):
            return True
    return False
