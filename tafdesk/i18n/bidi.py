"""The Unicode bidirectional algorithm (UAX #9) as levels and a visual order, over python-bidi.

python-bidi's ``get_display`` returns only the reordered string; laying out a paragraph needs
more: the embedding level of every character of the whole paragraph (resolved once, so a line's
neutral characters are resolved with the paragraph around them), then, per line, the visual
order of that line's characters (rules L1 and L2). The levels come from python-bidi's own
implementation of the resolution rules (``bidi.algorithm``), to which this module adds rule N0
(paired brackets, UAX #9 since Unicode 6.3): without it "للتواصل (Maja Nowak): 07700" shows two
closing brackets. Reordering is done here on indices so callers keep the logical position of
every character (for fonts, shaping and extraction). Isolates (U+2066-2069) are not supported.
"""

from __future__ import annotations

from collections.abc import Sequence

from .scripts import Direction

_REMOVED_BY_X9 = frozenset({"LRE", "RLE", "LRO", "RLO", "PDF", "BN"})


def embedding_levels(text: str, base: Direction) -> list[int]:
    """The resolved embedding level of each character of ``text`` (one paragraph).

    Even levels run left to right, odd levels right to left. ``base`` is the paragraph
    direction (from the document's language, never guessed from the first letter: an Arabic
    letter that opens with an English name is still an Arabic letter).
    """
    from bidi import algorithm as uax9

    storage = uax9.get_empty_storage()
    storage["base_level"] = 1 if base == "rtl" else 0
    storage["base_dir"] = "R" if base == "rtl" else "L"
    uax9.get_embedding_levels(text, storage)
    chars = list(storage["chars"])  # the resolution below drops X9 characters from storage
    uax9.explicit_embed_and_overrides(storage)
    uax9.resolve_weak_types(storage)
    _resolve_paired_brackets(storage)
    uax9.resolve_neutral_types(storage, False)
    uax9.resolve_implicit_levels(storage, False)
    levels: list[int] = []
    base_level = storage["base_level"]
    for ch in chars:
        if ch["orig"] in _REMOVED_BY_X9:  # joiners and controls: the level of what precedes them
            levels.append(levels[-1] if levels else base_level)
        else:
            levels.append(ch["level"])
    return levels


_OPENING = {"(": ")", "[": "]", "{": "}", "\u2045": "\u2046", "\u207d": "\u207e",
            "\u208d": "\u208e", "\u2329": "\u232a", "\u27e8": "\u27e9", "\u3008": "\u3009",
            "\u300a": "\u300b", "\u300c": "\u300d", "\u3010": "\u3011", "\uff08": "\uff09"}
_CLOSING = {v: k for k, v in _OPENING.items()}


def _strong(kind: str) -> str | None:
    """The direction a resolved type counts as inside and around brackets (N0)."""
    return "L" if kind == "L" else "R" if kind in ("R", "AL", "EN", "AN") else None


def _resolve_paired_brackets(storage: dict) -> None:  # type: ignore[type-arg]
    """Rule N0: a bracket pair takes the direction of what it encloses and what precedes it."""
    chars = storage["chars"]
    for run in storage["runs"]:
        seq = chars[run["start"]:run["start"] + run["length"]]
        if not seq:
            continue
        embedding = "R" if seq[0]["level"] % 2 else "L"
        opposite = "L" if embedding == "R" else "R"
        stack: list[tuple[str, int]] = []
        pairs: list[tuple[int, int]] = []
        for i, c in enumerate(seq):  # BD16: find the pairs
            if c["type"] != "ON":
                continue
            if c["ch"] in _OPENING:
                if len(stack) == 63:
                    break
                stack.append((_OPENING[c["ch"]], i))
            elif c["ch"] in _CLOSING:
                for k in range(len(stack) - 1, -1, -1):
                    if stack[k][0] == c["ch"]:
                        pairs.append((stack[k][1], i))
                        del stack[k:]
                        break
        for start, end in sorted(pairs):
            inside = {_strong(x["type"]) for x in seq[start + 1:end]} - {None}
            if embedding in inside:
                resolved = embedding
            elif inside:
                before = run["sor"]
                for x in reversed(seq[:start]):
                    if _strong(x["type"]):
                        before = _strong(x["type"])
                        break
                resolved = opposite if before == opposite else embedding
            else:
                continue
            seq[start]["type"] = seq[end]["type"] = resolved


def line_levels(text: str, levels: Sequence[int], base: Direction) -> list[int]:
    """Rule L1 for one line: trailing whitespace, tabs and the whitespace before them go to
    the paragraph level (so a space at the end of a right-to-left line is not drawn on the left).
    """
    import unicodedata

    base_level = 1 if base == "rtl" else 0
    out = list(levels)
    trailing = True
    for i in range(len(text) - 1, -1, -1):
        kind = unicodedata.bidirectional(text[i])
        if kind in ("S", "B"):
            out[i] = base_level
            trailing = True
        elif trailing and kind in ("WS", "BN", "LRE", "RLE", "LRO", "RLO", "PDF"):
            out[i] = base_level
        else:
            trailing = False
    return out


def visual_order(levels: Sequence[int]) -> list[int]:
    """Rule L2: the logical indices of a line's characters from left to right."""
    order = list(range(len(levels)))
    if not levels:
        return order
    highest = max(levels)
    odd = [lv for lv in levels if lv % 2]
    if not odd:
        return order
    lowest_odd = min(odd)
    for level in range(highest, lowest_odd - 1, -1):
        i = 0
        while i < len(order):
            if levels[order[i]] >= level:
                j = i
                while j < len(order) and levels[order[j]] >= level:
                    j += 1
                order[i:j] = order[i:j][::-1]
                i = j
            else:
                i += 1
    return order


def display(text: str, base: Direction) -> str:
    """``text`` (one line) in visual order, characters not mirrored: for tests and diagnostics."""
    levels = line_levels(text, embedding_levels(text, base), base)
    return "".join(text[i] for i in visual_order(levels))
