"""Family-document sentences in every language tafdesk renders, and PDF helpers for testing them.

Each sample says "Your family plan", when the next review meeting is (31 December 2026) and names
Maja Nowak as written in the record (Latin letters, also inside Arabic-script text).
"""

from __future__ import annotations

import re
import subprocess
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import SimpleDocTemplate

SAMPLES: dict[str, str] = {
    "en": "Your family plan. The next review meeting is on 31 December 2026 with Maja Nowak.",
    "cy": "Cynllun eich teulu. Bydd y cyfarfod adolygu nesaf ar 31 Rhagfyr 2026 gyda Maja Nowak.",
    "pl": "Plan Twojej rodziny. Następne spotkanie przeglądowe odbędzie się 31 grudnia 2026 r. "
          "z Mają Nowak.",
    "ro": "Planul familiei dumneavoastră. Următoarea ședință de revizuire va avea loc pe "
          "31 decembrie 2026, cu Maja Nowak.",
    "pt": "O plano da sua família. A próxima reunião de revisão será em 31 de dezembro de 2026, "
          "com Maja Nowak.",
    "so": "Qorshaha qoyskaaga. Kulanka dib-u-eegista ee xiga waa 31 Disembar 2026. Maja Nowak.",
    "uk": "План вашої родини. Наступна зустріч для перегляду плану відбудеться 31 грудня 2026 року "
          "з Maja Nowak.",
    "lt": "Jūsų šeimos planas. Kitas peržiūros susitikimas vyks 2026 m. gruodžio 31 d. su Maja Nowak.",
    "ar": "خطة عائلتك. اجتماع المراجعة القادم يوم 31 ديسمبر 2026 مع Maja Nowak.",
    "ur": "آپ کے خاندان کا منصوبہ۔ اگلی جائزہ میٹنگ 31 دسمبر 2026 کو Maja Nowak کے ساتھ ہوگی۔",
    "ps": "ستاسو د کورنۍ پلان. د بیاکتنې راتلونکې غونډه به د 2026 کال د دسمبر په 31 له Maja Nowak "
          "سره وي.",
    "fa-AF": "پلان خانواده شما. جلسه بعدی بازنگری به تاریخ 31 دسمبر 2026 با Maja Nowak برگزار "
             "می‌شود.",
    "bn": "আপনার পরিবারের পরিকল্পনা। পরবর্তী পর্যালোচনা সভা ৩১ ডিসেম্বর ২০২৬ তারিখে। যোগাযোগ: Maja Nowak",
    "pa": "ਤੁਹਾਡੇ ਪਰਿਵਾਰ ਦੀ ਯੋਜਨਾ। ਅਗਲੀ ਸਮੀਖਿਆ ਮੀਟਿੰਗ 31 ਦਸੰਬਰ 2026 ਨੂੰ ਹੋਵੇਗੀ। ਸੰਪਰਕ: Maja Nowak",
}
TITLES: dict[str, str] = {  # "Your family plan" alone, for a bold heading
    "en": "Your family plan", "cy": "Cynllun eich teulu", "pl": "Plan Twojej rodziny",
    "ro": "Planul familiei dumneavoastră", "pt": "O plano da sua família", "so": "Qorshaha qoyskaaga",
    "uk": "План вашої родини", "lt": "Jūsų šeimos planas", "ar": "خطة عائلتك",
    "ur": "آپ کے خاندان کا منصوبہ", "ps": "ستاسو د کورنۍ پلان", "fa-AF": "پلان خانواده شما",
    "bn": "আপনার পরিবারের পরিকল্পনা", "pa": "ਤੁਹਾਡੇ ਪਰਿਵਾਰ ਦੀ ਯੋਜਨਾ",
}
LATIN_OR_CYRILLIC = ("en", "cy", "pl", "ro", "pt", "so", "uk", "lt")
NASKH = ("ar", "ps", "fa-AF")  # Arabic script in Naskh: extracts as letters (presentation forms)
RTL = (*NASKH, "ur")

_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_JOINERS = re.compile("[\u200c\u200d]")  # pdftotext drops them; so does the comparison
_TOKEN = re.compile(r"\w+")


def build(story: list, path: Path) -> bytes:
    """A bare A4 PDF (no header or footer): what pdftotext gives is only the sample."""
    from tafdesk.documents.fonts import SANS, register_fonts

    register_fonts()
    SimpleDocTemplate(str(path), leftMargin=20 * mm, rightMargin=20 * mm, topMargin=20 * mm,
                      bottomMargin=20 * mm, initialFontName=SANS).build(story)
    return path.read_bytes()


def pdftotext(path: Path, *args: str) -> str:
    return subprocess.run(["pdftotext", *args, str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def tokens(text: str) -> list[str]:
    """Words and numbers, bidi controls dropped, presentation forms folded (NFKC)."""
    # a bidi control from pdftotext always stands between runs of different direction
    text = _JOINERS.sub("", _CONTROLS.sub(" ", text))
    return _TOKEN.findall(unicodedata.normalize("NFKC", text))


def is_private(ch: str) -> bool:
    return 0xE000 <= ord(ch) <= 0xF8FF


@dataclass(frozen=True)
class Word:
    x0: float
    y0: float
    x1: float
    y1: float
    text: str


def words_with_boxes(path: Path) -> list[Word]:
    """``pdftotext -bbox`` words (page 1): position and text (NFKC, controls dropped)."""
    out = pdftotext(path, "-bbox", "-f", "1", "-l", "1")
    pattern = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">'
                         r"(.*?)</word>")
    import html

    return [Word(float(a), float(b), float(c), float(d),
                 unicodedata.normalize("NFKC", _CONTROLS.sub("", html.unescape(t))))
            for a, b, c, d, t in pattern.findall(out)]


def pdffonts(path: Path) -> list[str]:
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    return [ln for ln in out.splitlines()[2:] if ln.strip()]


def _is_subsequence(part: str, word: str) -> bool:
    it = iter(word)
    return all(ch in it for ch in part)


def align_with_losses(got: list[str], want: list[str]) -> int:
    """Match extracted words to the source words in order, allowing letters that extracted as
    private-use characters (dropped from ``got``) to be missing: each source word is either the
    next extracted word, or the next few extracted pieces that spell it with gaps. Returns how
    many words came out exactly; raises AssertionError at the first word that does not match.
    """
    i = exact = 0
    for w in want:
        if i < len(got) and got[i] == w:
            i, exact = i + 1, exact + 1
            continue
        acc, j = "", i
        while j < len(got) and _is_subsequence(acc + got[j], w):
            acc, j = acc + got[j], j + 1
        assert j > i, f"{w!r} not found at {got[i:i + 5]!r}"
        i = j
    assert i == len(got), f"extra words {got[i:]!r}"
    return exact


def matches_with_private(got: str, want: str) -> bool:
    """``got`` equals ``want`` where each private-use glyph stands for one to three letters."""
    pattern = "".join(".{1,3}" if is_private(c) else re.escape(c) for c in got)
    return re.fullmatch(pattern, want) is not None


# Signs an extractor puts in the wrong place (pre-base and split vowel signs) or loses (inside
# conjuncts, after a virama): a word with one of them is compared by its letters only.
_REORDERED = frozenset("\u09bf\u09c7\u09c8\u09cb\u09cc\u09cd\u0a3f\u0a4d")


def indic_word_matches(got: str, want: str) -> bool:
    from collections import Counter

    if got == want:
        return True
    if not set(want) & _REORDERED:
        return False

    def letters(w: str) -> Counter[str]:
        return Counter(c for c in w if unicodedata.category(c) == "Lo")

    return bool(letters(got)) and letters(got) <= letters(want)
