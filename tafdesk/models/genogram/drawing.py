"""The genogram as a display list: shapes, lines and text that any painter can draw.

Symbols follow McGoldrick and Gerson: square male, circle female, diamond another gender, a
question mark for sex not known; an X through someone who has died; a double outline for the
index person; a triangle for a pregnancy; a small filled circle for a miscarriage and a small X
for a termination; a small symbol crossed through for a stillbirth; brackets round an adopted
child. Line patterns for unions, descent, relationships and care are listed in the legend, which
only shows what the diagram uses. Painters (reportlab, Qt) draw ``Prim`` and nothing else.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ...i18n.catalog import N_
from .layout import FONT, LINE_H, Layout, PersonGeom
from .lines import Path
from .metrics import text_width

INK = "#1a1a1a"
GREY = "#6b6b6b"
HOUSEHOLD_COLOURS = ("#1f5f8b", "#8b5a1f", "#2e7d32", "#7b1fa2", "#c62828", "#00838f", "#5d4037",
                     "#ad1457", "#455a64", "#9e9d24")


@dataclass
class Prim:
    kind: str  # "line" (open polyline), "poly" (closed), "ellipse" (box), "text"
    points: list[tuple[float, float]]  # for an ellipse: two corners; for text: the anchor
    stroke: str | None = INK
    fill: str | None = None
    width: float = 1.0
    dash: tuple[float, ...] = ()
    text: str = ""
    size: float = FONT
    bold: bool = False
    italic: bool = False
    anchor: str = "middle"  # "start", "middle", "end"
    owner: str = ""  # the record drawn (the editor picks people by this)
    layer: int = 0  # 0 households, 1 overlay lines, 2 family lines, 3 symbols, 4 text


# name: (colour, dash, parallel lines, zigzag, arrow, bars)
EMOTION_STYLE: dict[str, tuple[str, tuple[float, ...], int, bool, bool, int]] = {
    "close": ("#2e7d32", (), 2, False, False, 0),
    "very_close": ("#2e7d32", (), 3, False, False, 0),
    "distant": ("#757575", (3, 3), 1, False, False, 0),
    "conflict": ("#e65100", (), 1, True, False, 0),
    "hostile": ("#c62828", (), 1, True, False, 0),
    "close_hostile": ("#c62828", (), 2, True, False, 0),
    "fused_hostile": ("#c62828", (), 3, True, False, 0),
    "cut_off": ("#424242", (), 1, False, False, 2),
    "cut_off_repaired": ("#424242", (), 1, False, False, 3),
    "focused_on": ("#1565c0", (), 1, False, True, 0),
    "abuse_physical": ("#b71c1c", (), 1, True, True, 0),
    "abuse_emotional": ("#6a1b9a", (2, 1.5), 1, True, True, 0),
    "abuse_sexual": ("#880e4f", (), 2, True, True, 0),
    "neglect": ("#795548", (1, 2), 1, False, True, 0),
    "caretaker": ("#00838f", (), 2, False, True, 0),
}
EMOTION_WORDS = {
    "close": N_("Close"), "very_close": N_("Very close"), "distant": N_("Distant"), "conflict": N_("Conflict"),
    "hostile": N_("Hostile"), "close_hostile": N_("Close but hostile"), "fused_hostile": N_("Fused and hostile"),
    "cut_off": N_("Cut off"), "cut_off_repaired": N_("Cut off, repaired"), "focused_on": N_("Focused on (arrow)"),
    "abuse_physical": N_("Physical abuse (arrow: by, to)"), "abuse_emotional": N_("Emotional abuse (arrow)"),
    "abuse_sexual": N_("Sexual abuse (arrow)"), "neglect": N_("Neglect (arrow)"), "caretaker": N_("Caretaker (arrow)"),
}
CARE_WORDS = {
    "special_guardianship": N_("Special guardianship (carer to child)"),
    "kinship_informal": N_("Informal kinship care (carer to child)"),
    "local_authority_foster": N_("Local authority foster care (carer to child)"),
    "child_arrangements_order": N_("Child arrangements order (carer to child)"),
}
CARE_COLOUR = "#00695c"
UNION_DASH = {"marriage": (), "civil_partnership": (), "cohabitation": (4, 2), "engagement": (6, 2, 1, 2),
              "dating": (1, 2), "affair": (1, 1.5), "unknown": ()}
UNION_WORDS = {"marriage": N_("Marriage"), "civil_partnership": N_("Civil partnership"),
               "cohabitation": N_("Living together"), "engagement": N_("Engaged"), "dating": N_("Dating, living apart"),
               "affair": N_("Affair"), "unknown": N_("Parents (partnership not recorded)")}
DESCENT_DASH = {"biological": (), "adopted": (3, 2), "foster": (1, 1.5), "kinship_care": (4, 1.5, 1, 1.5)}
DESCENT_WORDS = {"biological": N_("Birth child"), "adopted": N_("Adopted child (dashed, in brackets)"),
                 "foster": N_("Foster child (dotted)"), "kinship_care": N_("Kinship care (dash-dot)")}


def household_colour(lay: Layout, hid: str) -> str:
    ids = [h.id for h in lay.net.households]
    return HOUSEHOLD_COLOURS[ids.index(hid) % len(HOUSEHOLD_COLOURS)] if hid in ids else GREY


def display_list(lay: Layout) -> list[Prim]:
    out: list[Prim] = []
    for path in lay.lines:
        out.extend(_path(lay, path))
    for g in lay.persons.values():
        out.extend(symbol(lay, g))
        out.extend(label(lay, g))
    tags = {}
    for path in lay.lines:
        if path.style == "household" and path.owner not in tags:
            x0, y0 = path.points[0]
            tags[path.owner] = (x0, y0)
    for n, h in enumerate(lay.net.households):
        if h.id in tags:
            x0, y0 = tags[h.id]
            out.append(Prim("text", [(x0 + 1, y0 - 1.5)], stroke=None, fill=household_colour(lay, h.id),
                            text=f"H{n + 1}", size=FONT * 0.85, bold=True, anchor="start",
                            owner=h.id, layer=4))
    out.sort(key=lambda p: p.layer)
    return out


def _path(lay: Layout, path: Path) -> list[Prim]:
    kind, _, sub = path.style.partition(":")
    pts = path.points
    if kind == "union":
        dash = UNION_DASH.get(sub, ())
        colour = GREY if sub == "unknown" else INK
        return [Prim("line", pts, colour, width=1.2 if sub != "unknown" else 0.8, dash=dash, owner=path.owner, layer=2)]
    if kind == "mark":
        return [Prim("line", pts, INK, width=1.0, owner=path.owner, layer=2)]
    if kind == "descent":
        return [Prim("line", pts, INK, width=1.0, dash=DESCENT_DASH.get(sub, ()), owner=path.owner, layer=2)]
    if kind == "twin":
        return [Prim("line", pts, INK, width=1.0, owner=path.owner, layer=2)]
    if kind == "donor":
        return [Prim("line", pts, GREY, width=0.8, dash=(2, 2), owner=path.owner, layer=2)]
    if kind == "household":
        colour = household_colour(lay, path.owner)
        if sub == "link":
            return [Prim("line", pts, colour, width=0.7, dash=(2, 3), owner=path.owner, layer=0)]
        return [Prim("poly", pts, colour, width=0.9, dash=(5, 3), owner=path.owner, layer=0)]
    if kind == "emotion":
        return styled_line(pts, *EMOTION_STYLE.get(sub, (GREY, (), 1, False, False, 0)), owner=path.owner)
    if kind == "care":
        return styled_line(pts, CARE_COLOUR, (5, 2, 1, 2), 1, False, True, 0, owner=path.owner)
    return [Prim("line", pts, GREY, owner=path.owner, layer=1)]


def _offset(pts: list[tuple[float, float]], d: float) -> list[tuple[float, float]]:
    out = []
    for i, (x, y) in enumerate(pts):
        a, b = pts[max(i - 1, 0)], pts[min(i + 1, len(pts) - 1)]
        length = math.hypot(b[0] - a[0], b[1] - a[1]) or 1.0
        out.append((x - (b[1] - a[1]) / length * d, y + (b[0] - a[0]) / length * d))
    return out


def _along(pts: list[tuple[float, float]], t: float) -> tuple[float, float, float, float]:
    """Point at fraction ``t`` of the polyline's length, with the unit direction there."""
    lengths = [math.hypot(b[0] - a[0], b[1] - a[1]) for a, b in zip(pts, pts[1:], strict=False)]
    goal = sum(lengths) * t
    last = len(lengths) - 1
    for k, ((a, b), seg) in enumerate(zip(zip(pts, pts[1:], strict=False), lengths, strict=True)):
        if goal <= seg or k == last:
            f = goal / seg if seg else 0.0
            return a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f, (b[0] - a[0]) / (seg or 1), (b[1] - a[1]) / (seg or 1)
        goal -= seg
    x, y = pts[-1]
    return x, y, 1.0, 0.0


def _zigzag(pts: list[tuple[float, float]], amp: float = 2.5, step: float = 4.0) -> list[tuple[float, float]]:
    total = sum(math.hypot(b[0] - a[0], b[1] - a[1]) for a, b in zip(pts, pts[1:], strict=False))
    n = max(int(total / step), 2)
    out = []
    for i in range(n + 1):
        x, y, dx, dy = _along(pts, i / n)
        s = 0 if i in (0, n) else (amp if i % 2 else -amp)
        out.append((x - dy * s, y + dx * s))
    return out


def styled_line(pts: list[tuple[float, float]], colour: str, dash: tuple[float, ...], parallel: int,
                zigzag: bool, arrow: bool, bars: int, *, owner: str = "", width: float = 0.9) -> list[Prim]:
    """A relationship line: parallel strands, a zigzag, cut-off bars, an arrowhead at the end."""
    out = []
    spread = 2.2
    for k in range(parallel):
        d = (k - (parallel - 1) / 2) * spread
        out.append(Prim("line", _offset(pts, d) if d else pts, colour, width=width, dash=dash, owner=owner, layer=1))
    if zigzag:
        out.append(Prim("line", _zigzag(pts), colour, width=width, owner=owner, layer=1))
    if bars:
        x, y, dx, dy = _along(pts, 0.5)
        for k in range(2):
            s = (k - 0.5) * 4
            cx, cy = x + dx * s, y + dy * s
            out.append(Prim("line", [(cx - dy * 4, cy + dx * 4), (cx + dy * 4, cy - dx * 4)], colour,
                            width=width * 1.4, owner=owner, layer=1))
        if bars == 3:  # repaired: a small circle joining the bars
            out.append(Prim("ellipse", [(x - 1.8, y - 1.8), (x + 1.8, y + 1.8)], colour, fill="#ffffff",
                            width=width, owner=owner, layer=1))
    if arrow and len(pts) >= 2:
        out.append(arrowhead(pts[-2], pts[-1], colour, owner))
    return out


def arrowhead(a: tuple[float, float], b: tuple[float, float], colour: str, owner: str = "",
              size: float = 5.5) -> Prim:
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = math.hypot(dx, dy) or 1.0
    ux, uy = dx / length, dy / length
    left = (b[0] - ux * size - uy * size * 0.45, b[1] - uy * size + ux * size * 0.45)
    right = (b[0] - ux * size + uy * size * 0.45, b[1] - uy * size - ux * size * 0.45)
    return Prim("poly", [b, left, right], colour, fill=colour, width=0.5, owner=owner, layer=1)


def symbol(lay: Layout, g: PersonGeom) -> list[Prim]:
    p = lay.net.person(g.id)
    return symbol_at(g.x, g.y, g.size, p.sex, p.flags, p.deceased and not p.is_loss or "stillbirth" in p.flags,
                     p.is_index, _adopted(lay, g.id), g.id)


def _adopted(lay: Layout, pid: str) -> bool:
    if "adopted" in lay.net.person(pid).flags:
        return True
    key = lay.st.family_of.get(pid)
    return key is not None and lay.st.families[key].link_type.get(pid) == "adopted"


def symbol_at(x: float, y: float, size: float, sex: str, flags: tuple[str, ...] | list[str], deceased: bool,
              index: bool, adopted: bool, owner: str = "") -> list[Prim]:
    h = size / 2
    out: list[Prim] = []

    def shape(r: float, fill: str | None = "#ffffff", width: float = 1.2) -> Prim:
        if "pregnancy" in flags:
            return Prim("poly", [(x, y - r), (x + r, y + r * 0.8), (x - r, y + r * 0.8)], INK, fill, width, owner=owner, layer=3)
        if sex == "F":
            return Prim("ellipse", [(x - r, y - r), (x + r, y + r)], INK, fill, width, owner=owner, layer=3)
        if sex == "X":
            return Prim("poly", [(x, y - r * 1.15), (x + r * 1.15, y), (x, y + r * 1.15), (x - r * 1.15, y)],
                        INK, fill, width, owner=owner, layer=3)
        return Prim("poly", [(x - r, y - r), (x + r, y - r), (x + r, y + r), (x - r, y + r)], INK, fill, width, owner=owner, layer=3)

    if "miscarriage" in flags:
        return [Prim("ellipse", [(x - h, y - h), (x + h, y + h)], INK, INK, 1.0, owner=owner, layer=3)]
    if "termination" in flags:
        return [Prim("line", [(x - h, y - h), (x + h, y + h)], INK, width=1.4, owner=owner, layer=3),
                Prim("line", [(x - h, y + h), (x + h, y - h)], INK, width=1.4, owner=owner, layer=3)]
    if index:
        out.append(shape(h + 3, None, 1.0))
    out.append(shape(h))
    if "donor" in flags or (sex == "U" and "pregnancy" not in flags) or "unknown_identity" in flags:
        mark = "D" if "donor" in flags else "?"
        out.append(Prim("text", [(x, y + size * 0.18)], None, INK, text=mark, size=size * 0.5, bold=True, owner=owner, layer=4))
    if deceased:
        k = h * 1.25
        out += [Prim("line", [(x - k, y - k), (x + k, y + k)], INK, width=1.3, owner=owner, layer=3),
                Prim("line", [(x - k, y + k), (x + k, y - k)], INK, width=1.3, owner=owner, layer=3)]
    if adopted:
        b = h + (5 if index else 2.5)
        for side in (-1, 1):
            xs = x + side * b
            out.append(Prim("line", [(xs - side * 2.5, y - h - 2), (xs, y - h - 2), (xs, y + h + 2),
                                     (xs - side * 2.5, y + h + 2)], INK, width=0.9, owner=owner, layer=3))
    return out


def label(lay: Layout, g: PersonGeom) -> list[Prim]:
    """The name lines under a symbol, each on a white ground: relationship and household lines
    pass behind a label, never through its words (as on a hand-drawn genogram)."""
    out = []
    for i, line in enumerate(g.label):
        half = text_width(line, FONT) / 2 + 1.0
        top, bottom = g.label_top + LINE_H * i + 0.5, g.label_top + LINE_H * (i + 1) + 0.5
        out.append(Prim("poly", [(g.x - half, top), (g.x + half, top), (g.x + half, bottom), (g.x - half, bottom)],
                        stroke=None, fill="#ffffff", owner=g.id, layer=4))
        out.append(Prim("text", [(g.x, g.label_top + LINE_H * (i + 1) - 2)], None, INK, text=line, size=FONT,
                        owner=g.id, layer=4))
    return out


def text_prim_width(p: Prim) -> float:
    return text_width(p.text, p.size, p.bold)
