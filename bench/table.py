"""The one table bench/run.py prints at the end: section, measure, tafdesk, comparison, ratio."""

from __future__ import annotations

from dataclasses import dataclass

HEADINGS = ("Section", "Measure", "tafdesk", "Comparison", "Ratio")


@dataclass(frozen=True)
class Row:
    section: str
    measure: str
    tafdesk: str
    comparison: str = ""
    ratio: str = ""


def ratio(ours: float, theirs: float) -> str:
    """tafdesk's figure over the comparison's (below 1: tafdesk takes less)."""
    if theirs == 0:
        return "n/a" if ours == 0 else "inf"
    return f"{ours / theirs:.2f}x"


def format_table(rows: list[Row]) -> str:
    """A Markdown table (readable in a terminal, pasteable into bench/README.md)."""
    cells = [HEADINGS, *((r.section, r.measure, r.tafdesk, r.comparison or "-", r.ratio or "-") for r in rows)]
    widths = [max(len(c[i]) for c in cells) for i in range(len(HEADINGS))]
    lines = ["| " + " | ".join(c.ljust(w) for c, w in zip(cell, widths)) + " |" for cell in cells]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)
