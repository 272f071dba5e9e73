"""Tables whose columns fit their words: no word broken across lines when the page has room.

Column widths are chosen for ordinary print; in large print (or a language with long words) a
narrow column ("Progress", "Designated Safeguarding Lead") would have words split mid-word.
``fit_tables`` widens such a column to its longest word and takes the room from the columns
that have some to spare, keeping the table's total width.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Table


def fit_tables(story: Sequence[Flowable]) -> list[Flowable]:
    for f in _walk(story):
        if isinstance(f, Table):
            _fit(f)
    return list(story)


def _walk(items: Iterable[Any]) -> Iterable[Flowable]:
    for f in items:
        if isinstance(f, (list, tuple)):
            yield from _walk(f)
        elif isinstance(f, KeepTogether):
            yield from _walk(f._content)
        elif isinstance(f, Table):
            yield f
            for row in f._cellvalues:
                yield from _walk(c for c in row if isinstance(c, (Flowable, list, tuple)))


def _min_width(cell: Any, style: Any) -> float:
    if isinstance(cell, str):
        words = cell.split()
        return max((stringWidth(w, style.fontname, style.fontsize) for w in words), default=0.0)
    if isinstance(cell, (list, tuple)):
        return max((_min_width(c, style) for c in cell), default=0.0)
    if isinstance(cell, Table):
        widths = cell._argW
        return float(sum(widths)) if all(isinstance(w, (int, float)) for w in widths) else 0.0
    measure = getattr(cell, "minWidth", None)
    try:
        return float(measure()) if measure else 0.0
    except Exception:  # a flowable that cannot say before it is laid out
        return 0.0


def _spanned(t: Table) -> set[tuple[int, int]]:
    rows, cols = len(t._cellvalues), len(t._argW)
    out: set[tuple[int, int]] = set()
    for cmd in getattr(t, "_spanCmds", []):
        (c0, r0), (c1, r1) = cmd[1], cmd[2]
        c0, c1 = (c + cols if c < 0 else c for c in (c0, c1))
        r0, r1 = (r + rows if r < 0 else r for r in (r0, r1))
        if (c0, r0) != (c1, r1):
            out |= {(c, r) for c in range(c0, c1 + 1) for r in range(r0, r1 + 1)}
    return out


def _fit(t: Table) -> None:
    widths = t._argW
    if not widths or not all(isinstance(w, (int, float)) for w in widths):
        return
    spanned = _spanned(t)
    need = [0.0] * len(widths)
    for r, row in enumerate(t._cellvalues):
        for c, cell in enumerate(row[: len(widths)]):
            if (c, r) in spanned:
                continue
            style = t._cellStyles[r][c]
            need[c] = max(need[c], _min_width(cell, style) + style.leftPadding + style.rightPadding + 0.5)
    deficit = sum(max(0.0, n - w) for n, w in zip(need, widths))
    if deficit <= 0:
        return
    slack = [max(0.0, w - n) for n, w in zip(need, widths)]
    room = sum(slack)
    if room <= 0:
        return
    share = min(1.0, room / deficit)  # how much of each shortfall can be made up
    taken = deficit * share
    t._argW = t._colWidths = [w + max(0.0, n - w) * share - (s / room) * taken
                              for n, w, s in zip(need, widths, slack)]
