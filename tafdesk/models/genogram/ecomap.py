"""Ecomap layout (Hartman): the household in the centre, the systems around it, and their lines.

Systems are grouped by category round a ring big enough for all of them; each line starts at the
system and ends at the household circle or at the member it concerns. Line kinds: strong (solid),
moderate (thin solid), tenuous (dashed), stressful (zigzag), strong and stressful, broken (cut);
thickness is the strength (weight 1 to 3); arrowheads show which way energy and resources flow.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from .drawing import INK, Prim, arrowhead, styled_line, symbol_at
from .labels import wrap
from .legend import ROW_H, SAMPLE_W, TEXT
from .metrics import text_width
from .network import Network, NSystem

SYS_R = 36.0
MEMBER_W, MEMBER_H = 64.0, 44.0
FONT = 7.0
LINE_WORDS = {"strong": "Strong", "moderate": "Moderate", "tenuous": "Tenuous", "stressful": "Stressful",
              "strong_stressful": "Strong but stressful", "broken": "Broken, cut off"}
LINE_COLOUR = {"strong": "#1b5e20", "moderate": "#33691e", "tenuous": "#616161", "stressful": "#c62828",
               "strong_stressful": "#ad1457", "broken": "#424242"}


@dataclass
class EcoItem:
    id: str
    x: float
    y: float
    r: float  # radius (system) or half symbol size (member)
    label: list[str]
    manual: bool = False


@dataclass
class Ecomap:
    net: Network
    cx: float
    cy: float
    radius: float
    members: dict[str, EcoItem] = field(default_factory=dict)
    systems: dict[str, EcoItem] = field(default_factory=dict)
    width: float = 0.0
    height: float = 0.0


def ecomap_layout(net: Network, manual: dict[str, tuple[float, float]] | None = None) -> Ecomap:
    members = [m for m in net.ecomap_members if net.has(m)]
    cols = max(1, math.ceil(math.sqrt(len(members))))
    rows = max(1, math.ceil(len(members) / cols))
    inner = math.hypot(cols * MEMBER_W, rows * MEMBER_H + 16) / 2
    radius = max(70.0, inner + 8)
    systems = sorted(net.systems, key=lambda s: (s.category, s.name))
    n = max(len(systems), 1)
    ring = max(radius + SYS_R + 50, n * (2 * SYS_R + 16) / (2 * math.pi))
    size = 2 * (ring + SYS_R) + 40
    eco = Ecomap(net, size / 2, size / 2, radius, width=size, height=size)
    for i, pid in enumerate(members):
        r, c = divmod(i, cols)
        in_row = min(cols, len(members) - r * cols)
        x = eco.cx + (c - (in_row - 1) / 2) * MEMBER_W
        y = eco.cy + 10 + (r - (rows - 1) / 2) * MEMBER_H - 8
        p = net.person(pid)
        eco.members[pid] = EcoItem(pid, x, y, 7.0, wrap(p.name, MEMBER_W - 6, FONT * 0.9, 2))
    for i, s in enumerate(systems):
        a = -math.pi / 2 + 2 * math.pi * i / n
        x, y = eco.cx + ring * math.cos(a), eco.cy + ring * math.sin(a)
        words = wrap(s.name, 2 * SYS_R - 8, FONT, 4)
        # The people the system is for are named in its circle (its line meets the household at
        # the rim, so lines never cross the names inside the household).
        who = [net.person(p).name.split()[0] for p in s.person_ids if net.has(p)]
        if who:
            words += wrap("(" + ", ".join(who) + ")", 2 * SYS_R - 8, FONT * 0.9, 2)
        eco.systems[s.id] = EcoItem(s.id, x, y, SYS_R, words)
    for item_id, (x, y) in (manual or {}).items():
        item = eco.systems.get(item_id)
        if item is not None:
            item.x, item.y, item.manual = x, y, True
    return eco


def _toward(ax: float, ay: float, bx: float, by: float, r: float) -> tuple[float, float]:
    d = math.hypot(bx - ax, by - ay) or 1.0
    return ax + (bx - ax) / d * r, ay + (by - ay) / d * r


def system_lines(eco: Ecomap, s: NSystem) -> list[list[tuple[float, float]]]:
    """The system's line, from its circle to the household's rim (Hartman's convention); the
    members it concerns are named in the system's circle."""
    item = eco.systems[s.id]
    ex, ey = _toward(eco.cx, eco.cy, item.x, item.y, eco.radius)
    return [[_toward(item.x, item.y, ex, ey, item.r), (ex, ey)]]


def line_prims(line: str, weight: int, flow: str, pts: list[tuple[float, float]], owner: str = "") -> list[Prim]:
    colour = LINE_COLOUR.get(line, INK)
    width = {1: 0.8, 2: 1.8, 3: 3.0}.get(weight, 1.0)
    if line == "tenuous":
        out = styled_line(pts, colour, (4, 3), 1, False, False, 0, owner=owner, width=width)
    elif line == "stressful":
        out = styled_line(pts, colour, (), 0, True, False, 0, owner=owner, width=max(width, 0.9))
    elif line == "strong_stressful":
        out = styled_line(pts, colour, (), 1, True, False, 0, owner=owner, width=width)
    elif line == "broken":
        out = styled_line(pts, colour, (), 1, False, False, 2, owner=owner, width=width)
    else:
        out = styled_line(pts, colour, (), 1, False, False, 0, owner=owner,
                          width=width if line == "strong" else max(width * 0.6, 0.6))
    (x0, y0), (x1, y1) = pts[0], pts[-1]
    near = lambda f: (x0 + (x1 - x0) * f, y0 + (y1 - y0) * f)  # noqa: E731
    if flow in ("to_family", "both"):
        out.append(arrowhead(near(0.78), near(0.86), colour, owner, 6 + width))
    if flow in ("from_family", "both"):
        out.append(arrowhead(near(0.22), near(0.14), colour, owner, 6 + width))
    for p in out:
        p.layer = 1
    return out


def ecomap_display(eco: Ecomap) -> list[Prim]:
    net = eco.net
    out: list[Prim] = [Prim("ellipse", [(eco.cx - eco.radius, eco.cy - eco.radius),
                                        (eco.cx + eco.radius, eco.cy + eco.radius)], INK, "#f4f7f9", 1.6,
                            owner="household", layer=0)]
    title = wrap(net.ecomap_label or "Household", eco.radius * 1.5, FONT * 1.1, 2)
    top = eco.cy - eco.radius + 18
    for i, t in enumerate(title):
        out.append(Prim("text", [(eco.cx, top + i * 9)], None, INK, text=t, size=FONT * 1.1, bold=True, layer=4))
    for s in net.systems:
        for pts in system_lines(eco, s):
            out += line_prims(s.line, s.weight, s.flow, pts, s.id)
    for pid, m in eco.members.items():
        p = net.person(pid)
        out += symbol_at(m.x, m.y, 14.0, p.sex, p.flags, p.deceased, p.is_index, False, pid)
        for i, t in enumerate(m.label):
            out.append(Prim("text", [(m.x, m.y + 15 + i * 7.5)], None, INK, text=t, size=FONT * 0.9, owner=pid, layer=4))
    for s in net.systems:
        it = eco.systems[s.id]
        out.append(Prim("ellipse", [(it.x - it.r, it.y - it.r), (it.x + it.r, it.y + it.r)], INK, "#ffffff", 1.1,
                        owner=s.id, layer=3))
        lines = it.label + ([s.category.replace("_", " ")] if s.category else [])
        y0 = it.y - (len(lines) - 1) * 4.2 + 2.5
        for i, t in enumerate(lines):
            italic = i == len(lines) - 1 and bool(s.category)
            out.append(Prim("text", [(it.x, y0 + i * 8.4)], None, "#555555" if italic else INK, text=t,
                            size=FONT * (0.85 if italic else 1), italic=italic, owner=s.id, layer=4))
    out.sort(key=lambda p: p.layer)
    return out


def ecomap_legend(eco: Ecomap, width: float) -> tuple[list[Prim], float]:
    used = {(s.line) for s in eco.net.systems}
    entries: list[tuple[list[Prim], str]] = []
    x = 0.0
    for line, words in LINE_WORDS.items():
        if line in used:
            entries.append((line_prims(line, 2, "none", [(x + 2, 7.5), (x + SAMPLE_W - 2, 7.5)]), words))
    for w in sorted({s.weight for s in eco.net.systems}):
        entries.append((line_prims("strong", w, "none", [(2, 7.5), (SAMPLE_W - 2, 7.5)]),
                        f"Thickness: strength {w} of 3"))
    flows = {s.flow for s in eco.net.systems}
    for flow, words in (("to_family", "Energy or resources to the family"),
                        ("from_family", "Energy or resources from the family"), ("both", "Both ways")):
        if flow in flows:
            entries.append((line_prims("moderate", 1, flow, [(SAMPLE_W - 2, 7.5), (2, 7.5)]), words))
    col_w = 190.0
    cols = max(1, int(width // col_w))
    per = -(-len(entries) // cols) if entries else 0
    out = [Prim("text", [(0, 9)], None, INK, text="Key", size=TEXT * 1.2, bold=True, anchor="start")]
    for i, (prims, words) in enumerate(entries):
        c, r = divmod(i, per)
        dx, dy = c * col_w, 14 + r * ROW_H
        for p in prims:
            p.points = [(px + dx, py + dy) for px, py in p.points]
            out.append(p)
        out.append(Prim("text", [(dx + SAMPLE_W + 5, dy + ROW_H / 2 + 2.5)], None, INK, text=words, size=TEXT,
                        anchor="start"))
    return out, 14 + per * ROW_H + 4


def label_width(text: str) -> float:
    return text_width(text, FONT)
