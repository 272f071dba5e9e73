"""Genogram layout: from the family network to positions and lines, without any painter.

1. Rows and partner blocks (``structure``), left-to-right order (``order``).
2. Coordinates: each row is a sequence of rigid blocks with minimum gaps; every pass asks each block
   to sit where its parents' union (down) or its children (up) want it, and finds the positions
   closest to those wishes that keep the order and the gaps (weighted isotonic regression, pool
   adjacent violators), then the whole drawing is shifted to start at the margin.
3. Lines (``lines``): unions, descent, twins, households, emotional relationships.

Units are points (1/72 inch); y grows downwards. Manual positions (from dragging in the editor)
replace the automatic position of those people; everyone else keeps theirs.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .labels import person_label
from .metrics import text_width
from .network import Network
from .order import order_rows
from .structure import Block, Structure, build_structure

SYMBOL = 22.0
FONT = 7.0
LINE_H = 8.6
LABEL_MAX = 76.0
GAP = 14.0  # between partners' slots
BLOCK_GAP = 18.0  # between blocks
DUMMY_W = 8.0
LANE = 5.0
MARGIN = 24.0
PASSES = 6


@dataclass
class PersonGeom:
    id: str
    x: float  # centre of the symbol
    y: float
    row: int
    size: float  # symbol width and height
    slot: float  # width reserved for symbol and label
    label: list[str]
    label_top: float = 0.0
    manual: bool = False

    @property
    def symbol_box(self) -> tuple[float, float, float, float]:
        h = self.size / 2
        return (self.x - h, self.y - h, self.x + h, self.y + h)

    @property
    def label_box(self) -> tuple[float, float, float, float]:
        w = max((text_width(t, FONT) for t in self.label), default=0.0)
        return (self.x - w / 2, self.label_top, self.x + w / 2, self.label_top + LINE_H * len(self.label))


@dataclass
class UnionGeom:
    id: str
    a: str
    b: str
    row: int
    y: float  # the horizontal line, below the symbols
    drop_x: float  # where descent lines leave it
    type: str
    status: str
    implicit: bool = False


@dataclass
class Layout:
    net: Network
    st: Structure
    persons: dict[str, PersonGeom]
    unions: dict[str, UnionGeom]
    rows: list[list[str]]  # people and place holders, left to right
    row_y: list[float]  # symbol centre line of each row
    band: list[tuple[float, float]]  # per row: (top, bottom) of the band above the symbols
    crossings: int
    dummies: dict[str, tuple[float, int]] = field(default_factory=dict)  # id -> (x, row)
    width: float = 0.0
    height: float = 0.0
    lines: list = field(default_factory=list)  # filled by lines.route(): list[Path]

    def order_of(self, row: int) -> list[str]:
        return [i for i in self.rows[row] if i in self.persons]


def layout(net: Network, manual: dict[str, tuple[float, float]] | None = None) -> Layout:
    from .lines import route

    st = build_structure(net)
    rows, crossings = order_rows(st)
    persons = {p.id: PersonGeom(p.id, 0.0, 0.0, st.rank[p.id], _size(net, p.id), 0.0,
                                person_label(net, p, LABEL_MAX, FONT)) for p in net.persons}
    for g in persons.values():
        g.slot = max(g.size + 4, max((text_width(t, FONT) for t in g.label), default=0.0))
    xs = _coordinates(st, rows, persons)
    lay = Layout(net, st, persons, {}, [[m for b in row for m in b.members] for row in rows], [], [], crossings)
    for pid, g in persons.items():
        g.x = xs[pid]
    lay.dummies = {d: (xs[d], st.dummies[d][2]) for d in st.dummies}
    _rows_vertical(lay)
    for pid, (x, y) in (manual or {}).items():
        g = persons.get(pid)
        if g is not None:
            dy = y - g.y
            g.x, g.y, g.label_top, g.manual = x, y, g.label_top + dy, True
    route(lay)
    return lay


def _size(net: Network, pid: str) -> float:
    p = net.person(pid)
    if any(f in p.flags for f in ("miscarriage", "termination")):
        return SYMBOL * 0.5
    if "stillbirth" in p.flags or "pregnancy" in p.flags:
        return SYMBOL * 0.75
    if "donor" in p.flags:
        return SYMBOL * 0.75
    return SYMBOL


def _offsets(block: Block, persons: dict[str, PersonGeom]) -> tuple[list[float], float]:
    """Centre of each member from the block's left edge, and the block's width."""
    widths = [persons[m].slot if m in persons else DUMMY_W for m in block.members]
    offs = [widths[0] / 2]
    for i in range(1, len(widths)):
        offs.append(offs[-1] + max(widths[i - 1], widths[i]) + GAP)
    return offs, offs[-1] + widths[-1] / 2


def _coordinates(st: Structure, rows: list[list[Block]], persons: dict[str, PersonGeom]) -> dict[str, float]:
    from .order import layer_edges

    offs: dict[int, tuple[list[float], float]] = {}
    x: dict[str, float] = {}
    for row in rows:
        left = 0.0
        for b in row:
            o, w = _offsets(b, persons)
            offs[id(b)] = (o, w)
            for m, off in zip(b.members, o, strict=True):
                x[m] = left + off
            left += w + BLOCK_GAP
    layers = layer_edges(st)
    downs: list[list] = [[] for _ in rows]
    ups: list[list] = [[] for _ in rows]
    for r, edges in enumerate(layers):
        for e in edges:
            downs[r + 1].append(e)
            ups[r].append(e)
    for n in range(PASSES * 2 + 1):
        final = n == PASSES * 2
        order = range(len(rows)) if n % 2 == 0 else range(len(rows) - 1, -1, -1)
        for r in order:
            wish: dict[str, list[tuple[float, float]]] = {}
            if n % 2 == 0 or final:
                for e in downs[r]:
                    ax = sum(x[u] for u in e.uppers) / len(e.uppers)
                    wish.setdefault(e.lower, []).append((ax, e.weight))
            if n % 2 == 1 or final:
                for e in ups[r]:
                    w = e.weight / len(e.uppers)
                    for u in e.uppers:
                        # the union's middle over the child: each partner keeps its side
                        mid = sum(x[v] for v in e.uppers) / len(e.uppers)
                        wish.setdefault(u, []).append((x[e.lower] + (x[u] - mid), w))
            _place_row(rows[r], offs, x, wish)
    low = min(x.values(), default=0.0)
    lefts = {m: x[m] - (persons[m].slot / 2 if m in persons else DUMMY_W / 2) for m in x}
    low = min(lefts.values(), default=0.0)
    return {m: v - low + MARGIN for m, v in x.items()}


def _place_row(row: list[Block], offs: dict[int, tuple[list[float], float]], x: dict[str, float],
               wish: dict[str, list[tuple[float, float]]]) -> None:
    """Block positions closest to the wishes that keep the order and the gaps (PAV)."""
    targets, weights, base = [], [], []
    acc = 0.0
    for b in row:
        o, w = offs[id(b)]
        num = den = 0.0
        for m, off in zip(b.members, o, strict=True):
            for want, wt in wish.get(m, ()):
                num += wt * (want - off)
                den += wt
        current = x[b.members[0]] - o[0]
        if den == 0:
            num, den = current * 0.05, 0.05  # nothing pulls it: it stays, lightly held
        targets.append(num / den - acc)
        weights.append(den)
        base.append(acc)
        acc += w + BLOCK_GAP
    ys = _isotonic(targets, weights)
    for b, y, shift in zip(row, ys, base, strict=True):
        o, _w = offs[id(b)]
        for m, off in zip(b.members, o, strict=True):
            x[m] = y + shift + off


def _isotonic(values: list[float], weights: list[float]) -> list[float]:
    """Non-decreasing sequence closest to ``values`` in weighted squares (pool adjacent violators)."""
    pools: list[list[float]] = []  # [mean, weight, count]
    for v, w in zip(values, weights, strict=True):
        pools.append([v, w, 1])
        while len(pools) > 1 and pools[-2][0] > pools[-1][0]:
            m2, w2, c2 = pools.pop()
            m1, w1, c1 = pools.pop()
            pools.append([(m1 * w1 + m2 * w2) / (w1 + w2), w1 + w2, c1 + c2])
    out: list[float] = []
    for m, _w, c in pools:
        out.extend([m] * int(c))
    return out


def _rows_vertical(lay: Layout) -> None:
    """Row heights: the band of sibling bars above the symbols, the symbols, union lanes, labels."""
    from .lines import band_lanes, union_lanes

    y = MARGIN
    for r in range(len(lay.rows)):
        bars = band_lanes(lay, r)
        top = y
        y += bars * LANE + (14 if r else 0)
        lay.band.append((top, y))
        cy = y + SYMBOL / 2
        lay.row_y.append(cy)
        lanes = union_lanes(lay, r)
        label_top = cy + SYMBOL / 2 + (lanes + 1) * LANE
        tallest = 0
        for pid in lay.order_of(r):
            g = lay.persons[pid]
            g.y = cy
            g.label_top = label_top
            tallest = max(tallest, len(g.label))
        y = label_top + tallest * LINE_H + 12
    lay.height = y + MARGIN
    lay.width = max((g.x + g.slot / 2 for g in lay.persons.values()), default=0.0) + MARGIN
