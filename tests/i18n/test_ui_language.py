"""The app's own language: chosen once, unknown languages refused in a sentence, English fallback."""

from __future__ import annotations

import pytest

from tafdesk.i18n import ui
from tafdesk.i18n.ui import UnknownLanguage, mnemonics, set_ui_language


@pytest.fixture(autouse=True)
def _english_after(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv(ui.ENV_LANGUAGE, raising=False)
    yield
    set_ui_language("en")


def test_the_chosen_language_is_used_and_english_is_the_default() -> None:
    assert set_ui_language(None) == "en"
    assert ui._("Family plan") == "Family plan"
    set_ui_language("pl")
    assert ui.ui_language() == "pl"
    assert ui._("Family plan") != "Family plan"  # the Polish catalogue has it
    assert ui.ui_direction() == "ltr"
    set_ui_language("ar")
    assert ui.ui_direction() == "rtl"


def test_the_environment_chooses_when_nothing_else_does(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ui.ENV_LANGUAGE, "cy")
    assert set_ui_language(None) == "cy"


def test_an_unknown_language_is_refused_with_the_choices() -> None:
    with pytest.raises(UnknownLanguage, match="no translation for the language 'xx'.*cy"):
        set_ui_language("xx")
    assert ui.ui_language() == "en"


def test_mnemonics_are_counted_and_double_ampersands_are_text() -> None:
    assert mnemonics("&Save") == 1
    assert mnemonics("Save && close") == 0
    assert mnemonics("&Find && replace") == 1
    assert mnemonics("Save") == 0
