"""Every family language renders with embedded fonts, extracts in logical order, and right-to-left
lines put their words, numbers and Latin names where a reader expects them."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest
from bidi import get_display
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Table, TableStyle

from tafdesk.documents.scripttext import ScriptParagraph, script_paragraph
from tafdesk.documents.shaping import missing_glyphs
from tafdesk.documents.styles import stylesheet

from .script_samples import (LATIN_OR_CYRILLIC, RTL, align_with_losses, SAMPLES, TITLES, build,
                             indic_word_matches, is_private, matches_with_private, pdffonts,
                             pdftotext, tokens, words_with_boxes)

FAMILY_FONT = {"ar": "NotoNaskhArabic", "ps": "NotoNaskhArabic", "fa-AF": "NotoNaskhArabic",
               "ur": "NotoNastaliqUrdu", "bn": "NotoSansBengali", "pa": "NotoSansGurmukhi"}


def _render(lang: str, tmp_path: Path, size: float = 12) -> Path:
    ss = stylesheet(size)
    path = tmp_path / f"{lang}.pdf"
    build([script_paragraph(TITLES[lang], ss["h2"], lang),
           script_paragraph(SAMPLES[lang], ss["body"], lang)], path)
    return path


@pytest.mark.parametrize("lang", list(SAMPLES))
def test_each_language_renders_with_every_glyph_and_embedded_fonts(lang: str, tmp_path: Path) -> None:
    ss = stylesheet(12)
    for text, style in ((TITLES[lang], ss["h2"]), (SAMPLES[lang], ss["body"])):
        assert missing_glyphs(text, lang) == []
        flow = script_paragraph(text, style, lang)
        if isinstance(flow, ScriptParagraph):
            assert flow.notdef_count(170 * mm) == 0
    rows = pdffonts(_render(lang, tmp_path))
    assert rows and all(" yes yes yes " in row for row in rows)  # embedded, subset, ToUnicode
    family = FAMILY_FONT.get(lang, "NotoSans")
    assert any(f"+{family}-Regular " in row or f"+{family} " in row for row in rows), rows
    assert any(f"+{family}-Bold " in row for row in rows), rows  # the bold heading


@pytest.mark.parametrize("lang", LATIN_OR_CYRILLIC)
def test_latin_and_cyrillic_extract_exactly(lang: str, tmp_path: Path) -> None:
    text = " ".join(pdftotext(_render(lang, tmp_path)).split())
    assert text == f"{TITLES[lang]} {SAMPLES[lang]}"


def test_arabic_extracts_in_logical_order(tmp_path: Path) -> None:
    got = tokens(pdftotext(_render("ar", tmp_path)))
    assert got == tokens(TITLES["ar"] + " " + SAMPLES["ar"])
    assert got.index("31") < got.index("2026") < got.index("Maja") < got.index("Nowak")


@pytest.mark.parametrize("lang", ["ps", "fa-AF"])
def test_pashto_and_dari_extract_in_logical_order(lang: str, tmp_path: Path) -> None:
    # Naskh draws some forms (Pashto ۍ and ډ, lam-alef) with glyphs that have no code point of
    # their own: they extract as private-use characters (left out here); every other letter, and
    # every word, comes out in logical order.
    out = "".join(ch for ch in pdftotext(_render(lang, tmp_path)) if not is_private(ch))
    want = tokens(TITLES[lang] + " " + SAMPLES[lang])
    exact = align_with_losses(tokens(out), want)
    lossy = [w for w in want if re.search("[ۍډ]|ل[اأإآ]", w)]
    assert exact == len(want) - len(lossy)
    assert [t for t in tokens(out) if t.isascii()] == ["31", "2026", "Maja", "Nowak"] or \
        [t for t in tokens(out) if t.isascii()] == ["2026", "31", "Maja", "Nowak"]


def test_urdu_nastaliq_extracts_its_names_and_numbers(tmp_path: Path) -> None:
    # Nastaliq's glyphs have no code points: Urdu letters extract as private-use characters
    # (the decision is explained in tafdesk.i18n.scripts.URDU_FAMILY); names and digits extract.
    text = pdftotext(_render("ur", tmp_path))
    latin = [t for t in tokens(text) if t.isascii()]
    assert sorted(latin) == sorted(["31", "2026", "Maja", "Nowak"])
    assert sum(map(is_private, text)) >= 20  # the Urdu words are there, as glyphs


@pytest.mark.parametrize("lang", ["bn", "pa"])
def test_bengali_and_gurmukhi_extract_word_for_word(lang: str, tmp_path: Path) -> None:
    # Extraction from shaped Indic text moves pre-base vowel signs and loses conjunct parts even
    # when the page is right (look at it); every word is still there, in order, and words
    # without such signs come out exactly.
    def words(s: str) -> list[str]:
        return [w.strip("।:.,") for w in unicodedata.normalize("NFC", s).split() if w.strip("।:.,")]

    got = words(pdftotext(_render(lang, tmp_path)))
    want = words(TITLES[lang] + " " + SAMPLES[lang])
    assert len(got) == len(want), (got, want)
    for g, w in zip(got, want, strict=True):
        assert indic_word_matches(g, w), (g, w)
    assert got[-2:] == ["Maja", "Nowak"]


def _line_words(path: Path) -> list[str]:
    words = [w for w in words_with_boxes(path)  # marks alone (drawn raised) are not words
             if w.text.strip() and not all(unicodedata.category(c)[0] == "M" for c in w.text)]
    base = max(words, key=lambda w: w.x1)  # the rightmost word is on the first line
    on_line = [w for w in words if min(w.y1, base.y1) - max(w.y0, base.y0)
               > 0.5 * min(w.y1 - w.y0, base.y1 - base.y0)]
    return [w.text for w in sorted(on_line, key=lambda w: w.x0)]


@pytest.mark.parametrize("lang", RTL)
def test_right_to_left_words_numbers_and_names_are_placed_in_reading_order(lang: str, tmp_path: Path) -> None:
    text = SAMPLES[lang]
    path = tmp_path / "line.pdf"
    flow = script_paragraph(text, stylesheet(7)["body"], lang)
    assert flow.lines(170 * mm) == [text]  # one line, so the whole order can be compared
    build([flow], path)
    seen = _line_words(path)  # left to right, each word's glyphs left to right
    # an independent UAX #9 implementation; pdftotext splits words at a zero-width non-joiner
    expected = get_display(text, base_dir="R").replace("\u200c", " ").split()
    if lang == "ur":  # Nastaliq letters are private-use: compare where the Latin and digits are
        keep = {"31", "2026", "Maja", "Nowak"}
        seen = [w for w in seen if any(k in w for k in keep)]
        expected = [w for w in expected if any(k in w for k in keep)]
    assert len(seen) == len(expected), (seen, expected)
    for s, e in zip(seen, expected, strict=True):
        assert matches_with_private(s, unicodedata.normalize("NFKC", e)) or s == e, (s, e)
    # the plain facts a reader checks
    first = text.split()[0]
    if lang != "ur":
        assert matches_with_private(seen[-1], "".join(reversed(first)))  # the first is rightmost
    assert "31" in "".join(seen) and "13" not in [w.strip(".") for w in seen]
    assert seen.index(next(w for w in seen if "Maja" in w)) + 1 == seen.index(
        next(w for w in seen if "Nowak" in w))  # Maja to the left of Nowak
    earlier, later = sorted(["31", "2026"], key=text.index)
    assert seen.index(next(w for w in seen if later in w)) < seen.index(
        next(w for w in seen if earlier in w))  # the number read first is further right


def test_numbers_and_times_inside_arabic_stay_left_to_right(tmp_path: Path) -> None:
    text = "رقم الهاتف 07700 900123 والموعد الساعة 12:30 يوم 31"
    path = tmp_path / "numbers.pdf"
    build([script_paragraph(text, stylesheet(10)["body"], "ar")], path)
    seen = _line_words(path)
    assert "07700" in seen and "900123" in seen and "12:30" in seen and "31" in seen
    assert seen.index("900123") < seen.index("07700")  # right to left between the numbers
    assert seen.index("31") < seen.index("12:30") < seen.index("900123")


_WORDS = st.sampled_from(["خطة", "عائلتك", "اجتماع", "المراجعة", "31", "2026", "Maja", "Nowak",
                          "ديسمبر", "مع", "(Maja)", "12:30", "آپ", "منصوبہ", "x" * 40])


@settings(max_examples=40, deadline=None)
@given(words=st.lists(_WORDS, min_size=1, max_size=30), width=st.floats(40, 400),
       lang=st.sampled_from(["ar", "ur", "en"]))
def test_line_breaking_never_loses_or_repeats_a_word(words: list[str], width: float, lang: str) -> None:
    text = " ".join(words)
    para = ScriptParagraph(text, stylesheet()["body"], lang)
    lines = para.lines(width)
    assert "".join("".join(lines).split()) == "".join(text.split())  # every letter, once, in order
    if all(para._width(m.start(), m.end()) <= width for m in re.finditer(r"\S+", text)):
        assert " ".join(lines).split() == text.split()  # and no word was broken
    for line in lines:
        if len(line.split()) > 1:  # a line of several words fits the width
            start = text.index(line)
            assert para._width(start, start + len(line)) <= width + 0.01


def test_a_long_arabic_paragraph_flows_over_pages_without_losing_a_word(tmp_path: Path) -> None:
    text = " ".join(f"{SAMPLES['ar']} {i}" for i in range(150))
    path = tmp_path / "long.pdf"
    build([script_paragraph(text, stylesheet(11)["body"], "ar")], path)
    out = pdftotext(path)
    assert out.count("\f") >= 3
    assert tokens(out) == tokens(text)


def test_right_to_left_text_in_table_cells_splits_across_pages(tmp_path: Path) -> None:
    ss = stylesheet(10)
    rows = [[Paragraph(f"Action {i}", ss["cell"]),
             script_paragraph(f"{SAMPLES['ar']} {i}", ss["cell"], "ar"),
             script_paragraph(TITLES["ur"], ss["cell"], "ur")] for i in range(40)]
    table = Table(rows, colWidths=[30 * mm, 90 * mm, 50 * mm], repeatRows=0, splitInRow=1)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, "#888888"),
                               ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    path = tmp_path / "table.pdf"
    build([table], path)
    out = pdftotext(path)
    assert out.count("\f") >= 2
    want = Counter(t for i in range(40) for t in tokens(f"Action {i} {SAMPLES['ar']} {i}"))
    got = Counter(t for t in tokens(out) if t in want)  # (Urdu extracts as private-use glyphs)
    assert got == want
    assert [f"Action {i}" for i in range(40)] == [ln.strip() for ln in out.splitlines()
                                                   if ln.strip().startswith("Action")]


def test_a_word_mixing_scripts_in_left_to_right_text_is_drawn_with_both_fonts(tmp_path: Path) -> None:
    text = "পরবর্তী সভা Maja Nowak-এর সাথে।"  # "the next meeting with Maja Nowak"
    flow = script_paragraph(text, stylesheet()["body"], "bn")
    assert isinstance(flow, ScriptParagraph) and flow.notdef_count(100 * mm) == 0
    path = tmp_path / "mixed.pdf"
    build([flow], path)
    assert "Maja Nowak-" in pdftotext(path)


def test_plain_left_to_right_text_stays_a_reportlab_paragraph() -> None:
    flow = script_paragraph("Cynllun eich teulu <b>", stylesheet()["body"], "cy")
    assert type(flow) is Paragraph
    assert flow.getPlainText() == "Cynllun eich teulu <b>"  # plain text, never read as markup


def test_bold_comes_from_the_style(tmp_path: Path) -> None:
    path = tmp_path / "bold.pdf"
    ss = stylesheet()
    build([script_paragraph(TITLES["ar"], ss["h1"], "ar"),
           script_paragraph(TITLES["ar"], ss["body"], "ar", bold=True)], path)
    rows = pdffonts(path)
    assert any("NotoNaskhArabic-Bold" in r for r in rows)
    assert not any("+NotoNaskhArabic " in r for r in rows)  # no regular face used


def test_reportlab_draws_right_to_left_strings_through_rlbidi(tmp_path: Path) -> None:
    from reportlab.pdfgen.canvas import Canvas

    from tafdesk.documents.fonts import register_script_fonts
    from tafdesk.documents.rlbidi import log2vis, reportlab_has_rtl

    assert reportlab_has_rtl()
    v2l: list[int] = []
    # brackets in a right-to-left run are mirrored, so the visual string draws "(word)"
    assert log2vis("abc (مرحبا) 12", "RTL", positions_V_to_L=v2l) == "12 (ابحرم) abc"
    assert sorted(v2l) == list(range(14))
    register_script_fonts()
    path = tmp_path / "canvas.pdf"
    canvas = Canvas(str(path))
    canvas.setFont("NotoNaskhArabic", 14)
    line = TITLES["ar"] + " يوم 31 ديسمبر"
    canvas.drawRightString(500, 700, line, shaping=True, direction="RTL")
    canvas.save()
    assert tokens(pdftotext(path)) == tokens(line)
