"""Scripts, writing direction and font families for the languages families in England use.

Pure functions over Unicode text; no reportlab and no Qt, so the editor (for a reading-age check
or a right-to-left text box) and the PDF layer share one answer to "which script is this, which
way does it run, which font draws it".

* ``script_of(ch)`` names the script of one character by Unicode block. Digits, punctuation and
  spaces are ``COMMON``; combining marks are ``INHERITED``.
* ``script_runs(text)`` splits a string into runs of one script, attaching common and inherited
  characters to the run they sit in (UAX #24 style), so each run can be given one font.
* ``direction(lang)`` is ``"rtl"`` for Arabic, Urdu, Pashto, Dari/Persian (and any ``-Arab``
  language tag), else ``"ltr"``.
* ``font_family(script, lang)`` names the shipped Noto family that draws a script. Urdu is the one
  language whose family depends on the language rather than the script: see ``URDU_FAMILY``.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

Direction = Literal["ltr", "rtl"]


class Script(StrEnum):
    LATIN = "Latin"
    GREEK = "Greek"
    CYRILLIC = "Cyrillic"
    HEBREW = "Hebrew"
    ARABIC = "Arabic"
    BENGALI = "Bengali"
    GURMUKHI = "Gurmukhi"
    DEVANAGARI = "Devanagari"
    COMMON = "Common"  # digits, punctuation, spaces, symbols: take the script around them
    INHERITED = "Inherited"  # combining marks, joiners: take the script of the character before
    OTHER = "Other"


# (first, last, script), sorted by first code point. Blocks, not the full Scripts.txt: enough to
# pick a font, which is all this is for.
_RANGES: list[tuple[int, int, Script]] = sorted([
    (0x0041, 0x005A, Script.LATIN), (0x0061, 0x007A, Script.LATIN), (0x00AA, 0x00AA, Script.LATIN),
    (0x00BA, 0x00BA, Script.LATIN), (0x00C0, 0x00D6, Script.LATIN), (0x00D8, 0x00F6, Script.LATIN),
    (0x00F8, 0x02AF, Script.LATIN), (0x0300, 0x036F, Script.INHERITED),
    (0x0370, 0x03FF, Script.GREEK), (0x0400, 0x052F, Script.CYRILLIC),
    (0x0590, 0x05FF, Script.HEBREW), (0x0600, 0x06FF, Script.ARABIC), (0x0750, 0x077F, Script.ARABIC),
    (0x0870, 0x08FF, Script.ARABIC), (0x0900, 0x0963, Script.DEVANAGARI),
    (0x0964, 0x0965, Script.COMMON),  # dandas: the full stop of Bengali and Gurmukhi too
    (0x0966, 0x097F, Script.DEVANAGARI), (0x0980, 0x09FF, Script.BENGALI),
    (0x0A00, 0x0A7F, Script.GURMUKHI), (0x1C80, 0x1C8F, Script.CYRILLIC),
    (0x1E00, 0x1EFF, Script.LATIN), (0x1F00, 0x1FFF, Script.GREEK),
    (0x200C, 0x200D, Script.INHERITED),  # zero-width non-joiner / joiner
    (0x2C60, 0x2C7F, Script.LATIN), (0x2DE0, 0x2DFF, Script.CYRILLIC),
    (0xA640, 0xA69F, Script.CYRILLIC), (0xA720, 0xA7FF, Script.LATIN), (0xAB30, 0xAB6F, Script.LATIN),
    (0xFB00, 0xFB06, Script.LATIN), (0xFB1D, 0xFB4F, Script.HEBREW), (0xFB50, 0xFDFF, Script.ARABIC),
    (0xFE00, 0xFE0F, Script.INHERITED), (0xFE70, 0xFEFF, Script.ARABIC),
    (0xFF21, 0xFF3A, Script.LATIN), (0xFF41, 0xFF5A, Script.LATIN),
])
_STARTS = [r[0] for r in _RANGES]
_STRONG_SCRIPTS_NONE = (Script.COMMON, Script.INHERITED)


def script_of(ch: str) -> Script:
    """The script of one character (by block); ``COMMON``/``INHERITED`` for shared characters."""
    cp = ord(ch)
    i = bisect_right(_STARTS, cp) - 1
    if i >= 0 and _RANGES[i][0] <= cp <= _RANGES[i][1]:
        return _RANGES[i][2]
    cat = unicodedata.category(ch)
    if cat in ("Mn", "Me"):
        return Script.INHERITED
    if cat[0] in "LM":
        return Script.OTHER
    return Script.COMMON


def is_rtl_char(ch: str) -> bool:
    """True for a strong right-to-left character (Arabic letters, Hebrew)."""
    return unicodedata.bidirectional(ch) in ("R", "AL")


def has_rtl(text: str) -> bool:
    return any(is_rtl_char(ch) for ch in text)


@dataclass(frozen=True)
class Run:
    """A stretch of text in one script, ``text == source[start:start + len(text)]``."""

    start: int
    text: str
    script: Script

    @property
    def end(self) -> int:
        return self.start + len(self.text)


def resolved_scripts(text: str, default: Script = Script.LATIN) -> list[Script]:
    """One script per character, common and inherited characters resolved from their context.

    Inherited characters (marks, joiners) take the script before them. Common characters
    (spaces, digits, punctuation) take the script before them; those at the start take the first
    script after them; a text with no script at all gets ``default``.
    """
    raw = [script_of(ch) for ch in text]
    out: list[Script] = []
    prev: Script | None = None
    for s in raw:
        if s in _STRONG_SCRIPTS_NONE:
            out.append(prev if prev is not None else Script.COMMON)
        else:
            out.append(s)
            prev = s
    first = next((s for s in out if s is not Script.COMMON), default)
    return [first if s is Script.COMMON else s for s in out]


def script_runs(text: str, default: Script = Script.LATIN) -> list[Run]:
    """Split ``text`` into maximal runs of one (resolved) script, in logical order."""
    runs: list[Run] = []
    scripts = resolved_scripts(text, default)
    start = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or scripts[i] is not scripts[start]:
            runs.append(Run(start, text[start:i], scripts[start]))
            start = i
    return runs


# --- languages -------------------------------------------------------------------------------

_RTL_LANGUAGES = frozenset({"ar", "ur", "ps", "fa", "prs", "pbt", "pbu", "he", "yi", "ckb", "sd",
                            "ug", "dv", "ks"})
_RTL_SCRIPT_TAGS = frozenset({"arab", "hebr", "syrc", "thaa", "nkoo", "adlm"})
_LTR_SCRIPT_TAGS = frozenset({"latn", "cyrl", "grek", "beng", "guru", "deva"})


def normalise_lang(lang: str | None) -> str:
    """``"fa_AF"`` -> ``"fa-AF"``; ``None`` or ``""`` -> ``"en"``."""
    if not lang:
        return "en"
    parts = lang.replace("_", "-").split("-")
    return "-".join([parts[0].lower(), *parts[1:]])


def direction(lang: str | None) -> Direction:
    """The writing direction of a language tag: Arabic, Urdu, Pashto, Dari/Persian are RTL.

    A script subtag wins (``pa-Arab`` Shahmukhi Punjabi is RTL, ``pa`` is Gurmukhi, LTR).
    """
    parts = normalise_lang(lang).lower().split("-")
    for sub in parts[1:]:
        if sub in _RTL_SCRIPT_TAGS:
            return "rtl"
        if sub in _LTR_SCRIPT_TAGS:
            return "ltr"
    return "rtl" if parts[0] in _RTL_LANGUAGES else "ltr"


_LANGUAGE_SCRIPT = {
    "ar": Script.ARABIC, "ur": Script.ARABIC, "ps": Script.ARABIC, "fa": Script.ARABIC,
    "prs": Script.ARABIC, "pbt": Script.ARABIC, "ckb": Script.ARABIC, "sd": Script.ARABIC,
    "bn": Script.BENGALI, "pa": Script.GURMUKHI, "uk": Script.CYRILLIC, "ru": Script.CYRILLIC,
    "bg": Script.CYRILLIC, "el": Script.GREEK, "he": Script.HEBREW, "hi": Script.DEVANAGARI,
    "ne": Script.DEVANAGARI,
}
_SCRIPT_TAG = {"arab": Script.ARABIC, "latn": Script.LATIN, "cyrl": Script.CYRILLIC,
               "beng": Script.BENGALI, "guru": Script.GURMUKHI, "deva": Script.DEVANAGARI}


def language_script(lang: str | None) -> Script:
    """The script a language is usually written in (Latin when unknown)."""
    parts = normalise_lang(lang).lower().split("-")
    for sub in parts[1:]:
        if sub in _SCRIPT_TAG:
            return _SCRIPT_TAG[sub]
    return _LANGUAGE_SCRIPT.get(parts[0], Script.LATIN)


@dataclass(frozen=True)
class FamilyLanguage:
    code: str
    english: str
    native: str  # the name its speakers use, in its own script


#: The languages family documents are rendered in (and English), in the order a menu shows them.
FAMILY_LANGUAGES: tuple[FamilyLanguage, ...] = (
    FamilyLanguage("en", "English", "English"),
    FamilyLanguage("cy", "Welsh", "Cymraeg"),
    FamilyLanguage("pl", "Polish", "Polski"),
    FamilyLanguage("ro", "Romanian", "Română"),
    FamilyLanguage("ur", "Urdu", "اردو"),
    FamilyLanguage("ar", "Arabic", "العربية"),
    FamilyLanguage("bn", "Bengali", "বাংলা"),
    FamilyLanguage("pa", "Punjabi (Gurmukhi)", "ਪੰਜਾਬੀ"),
    FamilyLanguage("pt", "Portuguese", "Português"),
    FamilyLanguage("so", "Somali", "Soomaali"),
    FamilyLanguage("uk", "Ukrainian", "Українська"),
    FamilyLanguage("lt", "Lithuanian", "Lietuvių"),
    FamilyLanguage("ps", "Pashto", "پښتو"),
    FamilyLanguage("fa-AF", "Dari", "دری"),
)


# --- fonts -----------------------------------------------------------------------------------

SANS_FAMILY = "NotoSans"  # Latin (Welsh, Polish, Romanian, Portuguese, Somali, Lithuanian), Cyrillic, Greek
NASKH_FAMILY = "NotoNaskhArabic"  # Arabic, Pashto, Dari; also Urdu letters, as a fallback
BENGALI_FAMILY = "NotoSansBengali"
GURMUKHI_FAMILY = "NotoSansGurmukhi"
#: Urdu is set in Nastaliq, the hanging style Urdu readers learn, read in newspapers and expect
#: from an official letter; Urdu in Naskh reads as Arabic-looking and foreign. The price, taken
#: knowingly: the font is larger (0.6 MB, subset when embedded), needs about twice the line
#: height, and its contextual glyphs have no Unicode code points, so copying or extracting Urdu
#: letters from the PDF gives private-use characters (the Latin names and digits inside still
#: extract). Tests check Urdu by its glyphs being present and by looking at the page.
URDU_FAMILY = "NotoNastaliqUrdu"

_SCRIPT_FAMILY = {
    Script.LATIN: SANS_FAMILY, Script.GREEK: SANS_FAMILY, Script.CYRILLIC: SANS_FAMILY,
    Script.ARABIC: NASKH_FAMILY, Script.BENGALI: BENGALI_FAMILY, Script.GURMUKHI: GURMUKHI_FAMILY,
}

#: Every shipped family, in the order tried when a character is missing from a run's own font.
FALLBACK_FAMILIES: tuple[str, ...] = (SANS_FAMILY, NASKH_FAMILY, BENGALI_FAMILY, GURMUKHI_FAMILY,
                                      URDU_FAMILY)

#: Line height (as a multiple of the font size) a family needs so that lines do not collide:
#: Naskh has deep descenders and stacked marks, Nastaliq slopes down across the word.
MIN_LEADING = {SANS_FAMILY: 1.2, NASKH_FAMILY: 1.75, URDU_FAMILY: 2.3, BENGALI_FAMILY: 1.55,
               GURMUKHI_FAMILY: 1.55}


def font_family(script: Script, lang: str | None = None) -> str:
    """The shipped family that draws ``script`` (Urdu's Arabic script: Nastaliq)."""
    if script is Script.ARABIC and normalise_lang(lang).lower().split("-")[0] == "ur":
        return URDU_FAMILY
    return _SCRIPT_FAMILY.get(script, SANS_FAMILY)
