"""Advance widths of Noto Sans (the font shipped in resources/fonts), per 1000 units of the em.

The layout measures labels without a graphics library; the two painters draw with this font, so
what is measured is what is drawn. Generated once from the font with reportlab's metrics.
"""

from __future__ import annotations

from functools import lru_cache

_RANGES = ((32, 127), (160, 384))
_WIDTHS = (
    260, 269, 408, 646, 572, 831, 732, 225, 300, 300, 551, 572, 268, 322, 268, 372,
    572, 572, 572, 572, 572, 572, 572, 572, 572, 572, 268, 268, 572, 572, 572, 434,
    899, 639, 650, 632, 730, 556, 519, 728, 741, 339, 273, 619, 524, 907, 760, 781,
    605, 781, 622, 549, 556, 731, 600, 930, 586, 566, 572, 329, 372, 329, 572, 444,
    281, 561, 615, 480, 615, 564, 344, 615, 618, 258, 258, 534, 258, 935, 618, 605,
    615, 615, 413, 479, 361, 618, 508, 786, 529, 510, 470, 380, 551, 380, 572, 260,
    269, 572, 572, 572, 572, 551, 513, 580, 832, 357, 509, 572, 322, 832, 500, 428,
    572, 350, 350, 281, 623, 655, 268, 225, 350, 376, 509, 745, 771, 781, 434, 639,
    639, 639, 639, 639, 639, 881, 632, 556, 556, 556, 556, 339, 339, 339, 339, 730,
    760, 781, 781, 781, 781, 781, 572, 781, 731, 731, 731, 731, 566, 605, 631, 561,
    561, 561, 561, 561, 561, 864, 480, 564, 564, 564, 564, 258, 258, 258, 258, 605,
    618, 605, 605, 605, 605, 605, 572, 605, 618, 618, 618, 618, 510, 615, 510, 639,
    561, 639, 561, 639, 561, 632, 480, 632, 480, 632, 480, 632, 480, 730, 615, 730,
    617, 556, 564, 556, 564, 556, 564, 556, 564, 556, 564, 728, 615, 728, 615, 728,
    615, 728, 615, 741, 618, 741, 618, 339, 258, 339, 258, 339, 258, 339, 258, 339,
    258, 612, 516, 273, 258, 619, 534, 534, 524, 258, 524, 258, 524, 258, 524, 268,
    524, 258, 760, 618, 760, 618, 760, 618, 688, 760, 618, 781, 605, 781, 605, 781,
    605, 928, 946, 622, 413, 622, 413, 622, 413, 549, 479, 549, 479, 549, 479, 549,
    479, 556, 361, 556, 361, 556, 361, 731, 618, 731, 618, 731, 618, 731, 618, 731,
    618, 731, 618, 930, 786, 566, 510, 566, 572, 470, 572, 470, 572, 470, 326,
)
_TABLE: dict[str, int] = {}
_i = 0
for _a, _b in _RANGES:
    for _c in range(_a, _b):
        _TABLE[chr(_c)] = _WIDTHS[_i]
        _i += 1
DEFAULT = 600  # letters of other scripts: about an average Latin letter
WIDE = 1000  # CJK and other full-width characters
BOLD_FACTOR = 1.06


@lru_cache(maxsize=4096)
def text_width(text: str, size: float, bold: bool = False) -> float:
    """Width in points of ``text`` set in Noto Sans at ``size`` points."""
    total = 0
    for ch in text:
        w = _TABLE.get(ch)
        if w is None:
            w = WIDE if "\u2e80" <= ch <= "\uffef" else DEFAULT
        total += w
    return total * size / 1000 * (BOLD_FACTOR if bold else 1.0)
