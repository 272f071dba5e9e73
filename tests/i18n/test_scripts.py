"""Scripts, directions and fonts of the languages families use; the bidi levels under the layout."""

from __future__ import annotations

import pytest
from bidi import get_display
from hypothesis import given
from hypothesis import strategies as st

from tafdesk.i18n.bidi import display, embedding_levels, visual_order
from tafdesk.i18n.scripts import (FAMILY_LANGUAGES, NASKH_FAMILY, SANS_FAMILY, URDU_FAMILY, Script,
                                  direction, font_family, language_script, script_of, script_runs)


@pytest.mark.parametrize(("lang", "expected"), [
    ("ar", "rtl"), ("ur", "rtl"), ("ps", "rtl"), ("fa-AF", "rtl"), ("fa_AF", "rtl"), ("prs", "rtl"),
    ("pa-Arab", "rtl"), ("pa", "ltr"), ("pa-Guru", "ltr"), ("bn", "ltr"), ("cy", "ltr"), ("pl", "ltr"),
    ("uk", "ltr"), ("so", "ltr"), ("en-GB", "ltr"), (None, "ltr"), ("", "ltr"),
])
def test_direction_of_a_language(lang: str | None, expected: str) -> None:
    assert direction(lang) == expected


def test_every_family_language_has_a_script_and_a_font() -> None:
    fonts = {f.code: font_family(language_script(f.code), f.code) for f in FAMILY_LANGUAGES}
    assert fonts["ur"] == URDU_FAMILY and fonts["ar"] == fonts["ps"] == fonts["fa-AF"] == NASKH_FAMILY
    assert fonts["bn"] == "NotoSansBengali" and fonts["pa"] == "NotoSansGurmukhi"
    assert {fonts[c] for c in ("en", "cy", "pl", "ro", "pt", "so", "uk", "lt")} == {SANS_FAMILY}
    assert len(FAMILY_LANGUAGES) >= 13


@pytest.mark.parametrize(("ch", "script"), [
    ("a", Script.LATIN), ("ș", Script.LATIN), ("ł", Script.LATIN), ("ŵ", Script.LATIN),
    ("ї", Script.CYRILLIC), ("خ", Script.ARABIC), ("ڈ", Script.ARABIC), ("ۍ", Script.ARABIC),
    ("ﻻ", Script.ARABIC), ("প", Script.BENGALI), ("ি", Script.BENGALI), ("ਪ", Script.GURMUKHI),
    ("।", Script.COMMON), ("3", Script.COMMON), (" ", Script.COMMON), ("\u0301", Script.INHERITED),
    ("\u200c", Script.INHERITED),
])
def test_script_of_a_character(ch: str, script: Script) -> None:
    assert script_of(ch) is script


def test_runs_split_a_mixed_line_by_script_and_keep_every_character() -> None:
    text = "اجتماع 31 ديسمبر مع Maja Nowak، شكرا"
    runs = script_runs(text)
    assert "".join(r.text for r in runs) == text
    assert [(r.script, r.text) for r in runs] == [
        (Script.ARABIC, "اجتماع 31 ديسمبر مع "), (Script.LATIN, "Maja Nowak"),
        (Script.ARABIC, "، شكرا")]
    assert script_runs("31 Rhagfyr")[0].script is Script.LATIN
    assert script_runs("৩১ ডিসেম্বর।")[0].text == "৩১ ডিসেম্বর।"  # danda goes with the Bengali
    assert script_runs("2026", default=Script.ARABIC)[0].script is Script.ARABIC


@pytest.mark.parametrize("text", [
    "خطة عائلتك يوم 31 ديسمبر 2026 مع Maja Nowak.", "Maja Nowak اجتماع 31", "abc 123 def",
    "نمبر 12.5% اور 1,000 پاؤنڈ", "hello عربي world", "العربية: 1-2-3", "",
    # paired brackets (rule N0)
    "للتواصل (Maja Nowak): 07700 900123، الساعة 12:30.", "مع (Maja) اليوم", "Maja (مايا) Nowak",
    "a (b [ج] د) e", "اجتماع (31 ديسمبر)", "ok ([x)]", "مرحبا (ok",
])
@pytest.mark.parametrize("base", ["rtl", "ltr"])
def test_visual_order_agrees_with_python_bidis_own_implementation(text: str, base: str) -> None:
    assert display(text, base) == get_display(text, base_dir="R" if base == "rtl" else "L")


_MIXED = st.text(alphabet=st.sampled_from(list("ab 12.,-:() ") + list("خطةعائلتك") + ["\u200c"]),
                 max_size=40)


@given(_MIXED, st.sampled_from(["rtl", "ltr"]))
def test_reordering_is_a_permutation(text: str, base: str) -> None:
    levels = embedding_levels(text, base)
    assert len(levels) == len(text)
    assert sorted(visual_order(levels)) == list(range(len(text)))
