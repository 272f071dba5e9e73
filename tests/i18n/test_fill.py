"""The translators' helper: lists what is missing and refuses translations that would break text."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tafdesk.i18n import catalog, fill


@pytest.fixture
def polish_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    copy = tmp_path / "pl.po"
    shutil.copy(catalog.po_path("pl"), copy)
    monkeypatch.setattr(fill, "po_path", lambda lang: copy)
    yield copy
    catalog._catalog.cache_clear()


def test_merge_writes_good_translations_and_refuses_broken_ones(polish_copy: Path) -> None:
    from babel.messages.pofile import read_po

    with open(polish_copy, "rb") as fh:
        cat = read_po(fh, locale="pl")
    with_placeholder = next(m.id for m in cat if m.id and "{" in m.id)
    plain = next(m.id for m in cat if m.id and "{" not in m.id and "&" not in m.id)
    for m in cat:  # pretend two messages are still to do
        if m.id in {with_placeholder, plain}:
            m.string = ""
    fill._write("pl", cat)
    assert set(fill.todo("pl")) == {with_placeholder, plain}

    written, complaints = fill.merge("pl", {
        plain: "Gotowe",
        with_placeholder: "bez nawiasów",  # its {placeholder} is lost: refused
        "Not a message of tafdesk": "Nic",
    })
    assert written == 1
    assert len(complaints) == 2 and "placeholders" in complaints[0] and "not in the template" in complaints[1]
    assert fill.todo("pl") == [with_placeholder]
    assert "Gotowe" in polish_copy.read_text(encoding="utf-8")


def test_mnemonic_and_empty_checks() -> None:
    assert fill.problems("&Save", "Zapisz") == ["0 '&' mnemonics, the English has 1"]
    assert fill.problems("&Save", "&Zapisz") == []
    assert fill.problems("Save", "  ") == ["empty translation"]
