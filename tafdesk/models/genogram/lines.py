"""The lines of the genogram: unions, descent, twins, donors, households, relationships.

Unions are drawn McGoldrick-style: down from both partners and across, below the symbols (a union
over someone else gets a deeper lane). Children hang from the union's midpoint, or from the gap
nearest to it when other partners stand between. Sibling bars sit in the band above the
children, each family in its own lane where bars would overlap.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .layout import Layout

LANE = 5.0


@dataclass
class Path:
    points: list[tuple[float, float]]
    style: str  # "union:marriage", "descent:adopted", "twin", "household", "emotion:conflict", ...
    owner: str  # the record the line belongs to
    closed: bool = False
    arrow: bool = False  # an arrowhead at the last point


def _lanes(intervals: list[tuple[float, float, str]]) -> dict[str, int]:
    """Greedy interval colouring: overlapping intervals get different lanes (shortest first)."""
    lanes: list[list[tuple[float, float]]] = []
    out: dict[str, int] = {}
    for lo, hi, key in sorted(intervals, key=lambda t: (t[1] - t[0], t[0])):
        for k, taken in enumerate(lanes):
            if all(hi <= a + 0.5 or lo >= b - 0.5 for a, b in taken):
                taken.append((lo, hi))
                out[key] = k
                break
        else:
            lanes.append([(lo, hi)])
            out[key] = len(lanes) - 1
    return out


def _x(lay: Layout, item: str) -> float:
    return lay.persons[item].x if item in lay.persons else lay.dummies[item][0]


def union_lanes(lay: Layout, r: int) -> int:
    """Lanes the unions of row ``r`` need (and remember each union's lane)."""
    st = lay.st
    cache = lay.__dict__.setdefault("_union_lane", {})
    iv = []
    for uid, u in st.unions.items():
        if st.rank[u.a] == r and st.rank[u.b] == r:
            xa, xb = sorted((lay.persons[u.a].x, lay.persons[u.b].x))
            iv.append((xa, xb, uid))
    lanes = _lanes(iv)
    cache.update(lanes)
    return max(lanes.values(), default=-1) + 1


def _drops(lay: Layout) -> dict[str, tuple[float, float, float | None]]:
    """Per family: (x, y) where its lines leave the parents, and the stub's start x (one parent)."""
    st = lay.st
    out: dict[str, tuple[float, float, float | None]] = {}
    used: dict[int, list[float]] = {}
    lane_of = lay.__dict__.get("_union_lane", {})
    for key in sorted(st.families, key=lambda k: k):
        fam = st.families[key]
        if fam.union_id is not None:
            u = st.unions[fam.union_id]
            ga, gb = lay.persons[u.a], lay.persons[u.b]
            left, right = (ga, gb) if ga.x <= gb.x else (gb, ga)
            y = max(ga.y + ga.size / 2, gb.y + gb.size / 2) + (lane_of.get(u.id, 0) + 1) * LANE
            mid = (left.x + right.x) / 2
            if ga.row == gb.row:
                row = [p for p in lay.order_of(ga.row) if left.x <= lay.persons[p].x <= right.x]
                gaps = [(_edge(lay, row[i], +1) + _edge(lay, row[i + 1], -1)) / 2 for i in range(len(row) - 1)]
                taken = used.setdefault(ga.row, [])
                free = [g for g in gaps if all(abs(g - t) > 1 for t in taken)] or gaps or [mid]
                mid = min(free, key=lambda g: abs(g - (left.x + right.x) / 2))
                taken.append(mid)
            out[key] = (mid, y, None)
        else:
            g = lay.persons[fam.parents[0]]
            kids = [_x(lay, c) for c in fam.children + fam.secondary] or [g.x]
            side = 1 if sum(kids) / len(kids) >= g.x else -1
            row = lay.order_of(g.row)
            i = row.index(g.id)
            j = i + side
            edge = _edge(lay, g.id, side)
            if 0 <= j < len(row):
                x = (edge + _edge(lay, row[j], -side)) / 2
            else:
                x = edge + side * 5
            taken = used.setdefault(g.row, [])
            if any(abs(x - t) < 2 for t in taken):
                x += side * 3
            taken.append(x)
            out[key] = (x, g.y, g.x + side * g.size / 2)
    return out


def _edge(lay: Layout, pid: str, side: int) -> float:
    g = lay.persons[pid]
    label = lay.persons[pid].label_box
    half = max(g.size / 2, (label[2] - label[0]) / 2)
    return g.x + side * half


def band_lanes(lay: Layout, r: int) -> int:
    """Lanes of sibling bars in the band above row ``r`` (and remember each family's lane)."""
    if r == 0:
        return 0
    st = lay.st
    drops = {k: v[0] for k, v in _drops(lay).items()}
    iv = []
    for key, fam in st.families.items():
        top = max(st.rank[p] for p in fam.parents)
        if top + 1 != r:
            continue
        xs = [drops[key]] + [_x(lay, _first(lay, key, c)) for c in fam.children]
        iv.append((min(xs), max(xs), key))
        for c in fam.secondary:
            cx = _x(lay, _first(lay, key, c))
            iv.append((min(drops[key], cx), max(drops[key], cx), f"{key}>{c}"))
    for donor, child in st.donors:
        if st.rank[child] == r:
            xs = (lay.persons[donor].x, lay.persons[child].x)
            iv.append((min(xs), max(xs), f"donor>{donor}>{child}"))
    lanes = _lanes(iv)
    lay.__dict__.setdefault("_bar_lane", {}).update(lanes)
    return max(lanes.values(), default=-1) + 1


def _first(lay: Layout, key: str, child: str) -> str:
    chain = lay.st.chain.get((key, child))
    return chain[0] if chain else child


def route(lay: Layout) -> None:
    st = lay.st
    paths: list[Path] = []
    lane_of = lay.__dict__.get("_union_lane", {})
    bar_lane = lay.__dict__.get("_bar_lane", {})
    drops = _drops(lay)
    from .layout import UnionGeom

    for uid, u in st.unions.items():
        ga, gb = lay.persons[u.a], lay.persons[u.b]
        left, right = (ga, gb) if ga.x <= gb.x else (gb, ga)
        y = max(ga.y + ga.size / 2, gb.y + gb.size / 2) + (lane_of.get(uid, 0) + 1) * LANE
        fam = st.families.get(uid)
        drop_x = drops[uid][0] if fam is not None else (left.x + right.x) / 2
        lay.unions[uid] = UnionGeom(uid, u.a, u.b, ga.row, y, drop_x, u.type, u.status,
                                    uid in st.implicit_unions)
        xl, xr = left.x + left.size / 4, right.x - right.size / 4
        paths.append(Path([(xl, left.y + left.size / 2), (xl, y), (xr, y),
                           (xr, right.y + right.size / 2)], f"union:{u.type}", uid))
        marks = {"separated": 1, "divorced": 2}.get(u.status, 0)
        if u.status == "ended":
            marks = 1
        for k in range(marks):
            mx = (xl + xr) / 2 + (k - (marks - 1) / 2) * 4 + (8 if fam is not None else 0)
            paths.append(Path([(mx - 2.5, y + 4), (mx + 2.5, y - 4)], "mark", uid))

    for key, fam in st.families.items():
        dx, dy, stub = drops[key]
        top = max(st.rank[p] for p in fam.parents)
        band_top, band_bottom = lay.band[top + 1]
        bar_y = band_bottom - 9 - bar_lane.get(key, 0) * LANE
        if stub is not None:
            paths.append(Path([(stub, dy), (dx, dy)], "descent:stub", key))
        twins: dict[int, list[str]] = {}
        ends = []
        for c in fam.children:
            first = _first(lay, key, c)
            if first == c and c in st.twin_group and all(
                    m in fam.children and _first(lay, key, m) == m
                    for m in st.net.twins[st.twin_group[c]].members):
                twins.setdefault(st.twin_group[c], []).append(c)
            else:
                ends.append(_x(lay, first))
                paths.append(_down(lay, key, c, _x(lay, first), bar_y, fam.link_type[c]))
        for t, members in twins.items():
            apex = sum(lay.persons[m].x for m in members) / len(members)
            ends.append(apex)
            tops = []
            for m in members:
                g = lay.persons[m]
                tops.append((g.x, g.y - g.size / 2))
                paths.append(Path([(apex, bar_y), tops[-1]], f"descent:{fam.link_type[m]}", m))
            if st.net.twins[t].type == "identical":
                h = 0.5
                pts = [(apex + (x - apex) * h, bar_y + (y - bar_y) * h) for x, y in tops]
                paths.append(Path([pts[0], pts[-1]], "twin:identical", f"twins{t}"))
        if ends:
            paths.append(Path([(dx, dy), (dx, bar_y)], "descent:drop", key))
            lo, hi = min(ends + [dx]), max(ends + [dx])
            if hi - lo > 0.5:
                paths.append(Path([(lo, bar_y), (hi, bar_y)], "descent:bar", key))
        for c in fam.secondary:
            y2 = band_bottom - 9 - bar_lane.get(f"{key}>{c}", 0) * LANE
            first = _first(lay, key, c)
            cx = _x(lay, first) + (4 if first == c else 0)
            pts = [(dx, dy), (dx, y2), (cx, y2)]
            paths.append(_down(lay, key, c, cx, y2, fam.link_type[c], pts))
    for donor, child in st.donors:
        gd, gc = lay.persons[donor], lay.persons[child]
        band_bottom = lay.band[gc.row][1]
        y2 = band_bottom - 9 - bar_lane.get(f"donor>{donor}>{child}", 0) * LANE
        paths.append(Path([(gd.x, gd.y + gd.size / 2), (gd.x, y2), (gc.x - 4, y2),
                           (gc.x - 4, gc.y - gc.size / 2)], "donor", donor))
    paths.extend(_households(lay))
    paths.extend(_overlay(lay))
    lay.lines = paths


def _down(lay: Layout, key: str, child: str, x0: float, y0: float, kind: str,
          start: list[tuple[float, float]] | None = None) -> Path:
    """From the bar down to the child, through the place holders of any rows crossed."""
    pts = list(start or [(x0, y0)])
    for d in lay.st.chain.get((key, child), []):
        dx, r = lay.dummies[d]
        nxt_top = lay.band[r + 1][0] + 2 if r + 1 < len(lay.band) else lay.row_y[r]
        pts += [(dx, pts[-1][1]), (dx, nxt_top)]
    g = lay.persons[child]
    x_end = x0 if not lay.st.chain.get((key, child)) else g.x
    pts += [(x_end, pts[-1][1]), (x_end, g.y - g.size / 2)]
    clean = [pts[0]]
    for p in pts[1:]:
        if abs(p[0] - clean[-1][0]) > 0.01 or abs(p[1] - clean[-1][1]) > 0.01:
            clean.append(p)
    return Path(clean, f"descent:{kind}", child)


def _households(lay: Layout) -> list[Path]:
    out: list[Path] = []
    nest: dict[str, int] = {}
    hhs = sorted((h for h in lay.net.households if len([m for m in h.members if m in lay.persons]) > 1),
                 key=lambda h: len(h.members))
    for h in hhs:
        runs: list[list[str]] = []
        for r in range(len(lay.rows)):
            run: list[str] = []
            for item in lay.rows[r]:
                if item in h.members:
                    run.append(item)
                elif run:
                    runs.append(run)
                    run = []
            if run:
                runs.append(run)
        boxes = []
        for run in runs:
            level = max(nest.get(m, 0) for m in run)
            pad = 3.0 + 2.5 * level
            for m in run:
                nest[m] = level + 1
            first, last = lay.persons[run[0]], lay.persons[run[-1]]
            x0 = min(first.x - first.slot / 2, first.label_box[0]) - pad
            x1 = max(last.x + last.slot / 2, last.label_box[2]) + pad
            y0 = min(lay.persons[m].y - lay.persons[m].size / 2 for m in run) - pad
            y1 = max(lay.persons[m].label_box[3] for m in run) + pad
            boxes.append((x0, y0, x1, y1))
            out.append(Path([(x0, y0), (x1, y0), (x1, y1), (x0, y1)], "household", h.id, closed=True))
        for a, b in zip(boxes, boxes[1:], strict=False):
            pa = ((a[0] + a[2]) / 2, a[3]) if b[1] > a[3] else (a[2], (a[1] + a[3]) / 2)
            pb = ((b[0] + b[2]) / 2, b[1]) if b[1] > a[3] else (b[0], (b[1] + b[3]) / 2)
            out.append(Path([pa, pb], "household:link", h.id))
    return out


def _overlay(lay: Layout) -> list[Path]:
    """Emotional relationships and care arrangements: gentle curves between the two symbols."""
    out: list[Path] = []
    seen: dict[tuple[str, str], int] = {}
    items = [(e.a, e.b, f"emotion:{e.type}", e.id or f"{e.a}>{e.b}", e.directed) for e in lay.net.emotions]
    linked = {(p, c.child) for c in lay.net.children for p in c.parents}
    for c in lay.net.care:  # a carer already drawn as foster or adoptive parent needs no second line
        items += [(carer, c.child, f"care:{c.type}", c.id or f"{carer}>{c.child}", True)
                  for carer in c.carers if (carer, c.child) not in linked]
    for a, b, style, owner, directed in items:
        if a not in lay.persons or b not in lay.persons or a == b:
            continue
        pair = (min(a, b), max(a, b))
        k = seen.get(pair, 0)
        seen[pair] = k + 1
        out.append(Path(_curve(lay, a, b, k), style, owner, arrow=directed))
    return out


def _curve(lay: Layout, a: str, b: str, k: int) -> list[tuple[float, float]]:
    ga, gb = lay.persons[a], lay.persons[b]
    (x0, y0), (x1, y1) = (ga.x, ga.y), (gb.x, gb.y)
    length = math.hypot(x1 - x0, y1 - y0) or 1.0
    nx, ny = -(y1 - y0) / length, (x1 - x0) / length
    if ny > 0 or (ny == 0 and nx > 0):
        nx, ny = -nx, -ny  # bulge upwards, away from union lines and labels
    bulge = min(0.18 * length, 60.0) * (1 + 0.6 * k) + (ga.size if ga.row == gb.row else 0)
    cx, cy = (x0 + x1) / 2 + nx * bulge, (y0 + y1) / 2 + ny * bulge
    pts = []
    for i in range(17):
        t = i / 16
        pts.append(((1 - t) ** 2 * x0 + 2 * (1 - t) * t * cx + t * t * x1,
                    (1 - t) ** 2 * y0 + 2 * (1 - t) * t * cy + t * t * y1))
    ra, rb = ga.size / 2 + 2, gb.size / 2 + 2  # start and end at the symbols' edges
    pts = [p for p in pts if math.hypot(p[0] - x0, p[1] - y0) >= ra and math.hypot(p[0] - x1, p[1] - y1) >= rb]
    return pts if len(pts) >= 2 else [(x0, y0), (x1, y1)]
