"""Measures of a genogram layout's quality, the properties the tests and the benchmark check.

- overlaps: pairs of people whose symbols or labels overlap (should be none);
- sibling inversions: siblings (children placed under the same union or parent) out of birth
  order left to right (should be none);
- partners apart: unions with someone between the partners who is partner of neither;
- parents not above: descent links whose child is not on a lower row;
- unions across rows: partners on different rows;
- crossings: crossings of straight edges union -> child and partner -> union, the same measure
  for this layout and for Graphviz (bench/genogram.py).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence

from .layout import Layout

Box = tuple[float, float, float, float]


def _hit(a: Box, b: Box, pad: float = 0.0) -> bool:
    return a[0] < b[2] + pad and b[0] < a[2] + pad and a[1] < b[3] + pad and b[1] < a[3] + pad


def overlaps(lay: Layout, pad: float = 0.5) -> list[tuple[str, str]]:
    boxes = []
    for g in lay.persons.values():
        boxes.append((g.id, g.symbol_box))
        if g.label:
            boxes.append((g.id, g.label_box))
    boxes.sort(key=lambda t: t[1][0])
    found = set()
    for i, (pa, a) in enumerate(boxes):  # sweep over x
        for pb, b in boxes[i + 1:]:
            if b[0] >= a[2] + pad:
                break
            if pa != pb and _hit(a, b, pad):
                found.add(tuple(sorted((pa, pb))))
    return sorted(found)  # type: ignore[arg-type]


def sibling_inversions(lay: Layout) -> list[tuple[str, str]]:
    """Pairs of siblings on one row where the younger stands left of the older."""
    out = []
    for fam in lay.st.families.values():
        kids = fam.children  # already in birth order
        for a, b in itertools.combinations(kids, 2):
            ga, gb = lay.persons[a], lay.persons[b]
            ya, yb = lay.net.person(a).sort_year, lay.net.person(b).sort_year
            if ga.row == gb.row and ya < yb and ga.x >= gb.x:
                out.append((a, b))
    return out


def partners_apart(lay: Layout) -> list[str]:
    out = []
    st = lay.st
    for uid, u in st.unions.items():
        ga, gb = lay.persons[u.a], lay.persons[u.b]
        if ga.row != gb.row:
            continue
        lo, hi = sorted((ga.x, gb.x))
        mine = {x for p in (u.a, u.b) for x in _partners(lay, p)} | {u.a, u.b}
        between = [p for p in lay.order_of(ga.row) if lo < lay.persons[p].x < hi]
        if any(p not in mine for p in between):
            out.append(uid)
    return out


def _partners(lay: Layout, pid: str) -> Iterable[str]:
    for uid in lay.st.partners.get(pid, ()):
        u = lay.st.unions[uid]
        yield u.b if u.a == pid else u.a


def parents_not_above(lay: Layout) -> list[tuple[str, str]]:
    out = []
    for fam in lay.st.families.values():
        for child in [*fam.children, *fam.secondary]:
            for p in fam.parents:
                if lay.persons[p].y >= lay.persons[child].y:
                    out.append((p, child))
    return out


def unions_across_rows(lay: Layout) -> list[str]:
    return [uid for uid, u in lay.st.unions.items() if lay.persons[u.a].y != lay.persons[u.b].y]


def straight_edges(lay: Layout) -> list[tuple[tuple[float, float], tuple[float, float], frozenset[str]]]:
    """Edges as straight segments: partner -> union point, union point (or parent) -> child."""
    edges = []
    for uid, ug in lay.unions.items():
        pu = (ug.drop_x, ug.y)
        for p in (ug.a, ug.b):
            g = lay.persons[p]
            edges.append(((g.x, g.y), pu, frozenset({p, uid})))
    for key, fam in lay.st.families.items():
        if fam.union_id is not None:
            ug = lay.unions[fam.union_id]
            src, ids = (ug.drop_x, ug.y), {fam.union_id}
        else:
            g = lay.persons[fam.parents[0]]
            src, ids = (g.x, g.y), {g.id}
        for child in [*fam.children, *fam.secondary]:
            gc = lay.persons[child]
            edges.append((src, (gc.x, gc.y), frozenset(ids | {child})))
    return edges


def segment_crossings(edges: Sequence[tuple[tuple[float, float], tuple[float, float], frozenset[str]]]) -> int:
    """Proper crossings between segments that share no end."""
    def orient(p: tuple[float, float], q: tuple[float, float], r: tuple[float, float]) -> float:
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])

    count = 0
    segs = sorted(edges, key=lambda e: min(e[0][0], e[1][0]))
    for i, (a, b, ida) in enumerate(segs):
        ax1 = max(a[0], b[0])
        for c, d, idc in segs[i + 1:]:
            if min(c[0], d[0]) > ax1:
                break
            if ida & idc:
                continue
            d1, d2 = orient(a, b, c), orient(a, b, d)
            d3, d4 = orient(c, d, a), orient(c, d, b)
            if d1 * d2 < 0 and d3 * d4 < 0:
                count += 1
    return count


def report(lay: Layout) -> dict[str, int]:
    return {
        "people": len(lay.persons),
        "rows": len(lay.rows),
        "overlaps": len(overlaps(lay)),
        "sibling_inversions": len(sibling_inversions(lay)),
        "partners_apart": len(partners_apart(lay)),
        "parents_not_above": len(parents_not_above(lay)),
        "unions_across_rows": len(unions_across_rows(lay)),
        "crossings": segment_crossings(straight_edges(lay)),
    }
