"""The local authority's settings as the GUI uses them: read once per view, never fatal.

A bad settings file must not stop anyone working: the standard timescales are used and the user
is told, in one sentence, what is wrong with the file and where it is.
"""

from __future__ import annotations

from ..i18n.ui import _
from ..models.settings import Settings, SettingsError, load_settings
from ..models.timescales import Rules


def load_for_ui() -> tuple[Settings, str]:
    """(settings, problem): the settings, or the defaults and a sentence saying why."""
    try:
        return load_settings(), ""
    except SettingsError as exc:
        return Settings(), _("{problem} The standard settings are used until it is corrected.", problem=str(exc))


def rules_for_ui() -> tuple[Rules, str]:
    settings, problem = load_for_ui()
    return Rules(settings), problem
