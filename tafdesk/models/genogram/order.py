"""Left-to-right order within each row: barycentre sweeps that keep siblings in birth order.

Each row is a sequence of partner blocks (and descent place holders). A sweep moves down the rows
putting each block under the middle of its parents, then up putting each block over the middle of
its children (Sugiyama's barycentre heuristic). Siblings' birth order is a hard constraint: the new
order is a topological order of "older sibling's block before younger sibling's block" that picks,
whenever it can choose, the block with the smallest barycentre. The order with the fewest edge
crossings seen over all sweeps is kept.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from dataclasses import dataclass

from .structure import Block, Structure, partner_blocks

SECONDARY_WEIGHT = 0.3
SWEEPS = 8


@dataclass(frozen=True)
class Edge:
    uppers: tuple[str, ...]  # one item, or the two partners of a union (its anchor is their middle)
    lower: str
    weight: float = 1.0


def layer_edges(st: Structure) -> list[list[Edge]]:
    """Edges between row r and row r + 1, for every r."""
    layers: list[list[Edge]] = [[] for _ in range(max(len(st.rows) - 1, 0))]
    for fam in st.families.values():
        top = max(st.rank[p] for p in fam.parents)
        uppers = tuple(p for p in fam.parents if st.rank[p] == top)
        for child in [*fam.children, *fam.secondary]:
            w = 1.0 if st.family_of.get(child) == fam.key else SECONDARY_WEIGHT
            seq = [*st.chain.get((fam.key, child), []), child]
            layers[top].append(Edge(uppers, seq[0], w))
            for i in range(1, len(seq)):
                layers[top + i].append(Edge((seq[i - 1],), seq[i], w))
    for donor, child in st.donors:
        if st.rank[child] == st.rank[donor] + 1:
            layers[st.rank[donor]].append(Edge((donor,), child, SECONDARY_WEIGHT))
    return layers


def sibling_reps(st: Structure) -> dict[int, list[list[str]]]:
    """Per row, each family's children (or their place holders) in birth order."""
    out: dict[int, list[list[str]]] = defaultdict(list)
    for fam in st.families.values():
        top = max(st.rank[p] for p in fam.parents)
        reps = []
        for child in fam.children:
            chain = st.chain.get((fam.key, child))
            reps.append(chain[0] if chain else child)
        if len(reps) > 1:
            out[top + 1].append(reps)
    return out


def count_crossings(layers: list[list[Edge]], pos: dict[str, float]) -> int:
    total = 0
    for edges in layers:
        pairs = sorted((sum(pos[u] for u in e.uppers) / len(e.uppers), pos[e.lower]) for e in edges)
        total += _inversions([lo for _up, lo in pairs])
    return total


def _inversions(seq: list[float]) -> int:
    if len(seq) < 2:
        return 0
    mid = len(seq) // 2
    left, right = seq[:mid], seq[mid:]
    count = _inversions(left) + _inversions(right)
    left.sort()
    right.sort()
    j = 0
    for x in left:  # pairs (x in left, y in right) with x > y
        while j < len(right) and right[j] < x:
            j += 1
        count += j
    return count


def _positions(rows: list[list[Block]]) -> dict[str, float]:
    pos: dict[str, float] = {}
    for row in rows:
        i = 0
        for b in row:
            for m in b.members:
                pos[m] = float(i)
                i += 1
    return pos


def order_rows(st: Structure) -> tuple[list[list[Block]], int]:
    """The blocks of every row in their left-to-right order, and the crossings of that order."""
    rows = [[b for b in partner_blocks(st, [x for x in row if x not in st.dummies])]
            + [Block([d], True) for d in row if d in st.dummies] for row in st.rows]
    layers = layer_edges(st)
    reps = sibling_reps(st)
    down: list[dict[str, list[tuple[tuple[str, ...], float]]]] = [defaultdict(list) for _ in rows]
    up: list[dict[str, list[tuple[tuple[str, ...], float]]]] = [defaultdict(list) for _ in rows]
    for r, edges in enumerate(layers):
        for e in edges:
            down[r + 1][e.lower].append((e.uppers, e.weight))
            for u in e.uppers:
                up[r][u].append(((e.lower,), e.weight))
    pos = _positions(rows)
    for r in range(len(rows)):  # start from an order that already keeps birth order
        rows[r] = _reorder(rows[r], {}, pos, reps.get(r, []))
        pos.update(_positions([rows[r]]))
    best = (_copy(rows), count_crossings(layers, pos))
    for sweep in range(SWEEPS * 2):
        going_down = sweep % 2 == 0
        order = range(1, len(rows)) if going_down else range(len(rows) - 2, -1, -1)
        for r in order:
            rows[r] = _reorder(rows[r], (down if going_down else up)[r], pos, reps.get(r, []))
            pos.update(_positions([rows[r]]))
        crossings = count_crossings(layers, pos)
        if crossings < best[1]:
            best = (_copy(rows), crossings)
        if best[1] == 0:
            break
    return best


def _copy(rows: list[list[Block]]) -> list[list[Block]]:
    return [[Block(list(b.members), b.mirror_ok) for b in row] for row in rows]


def _reorder(blocks: list[Block], links: dict[str, list[tuple[tuple[str, ...], float]]],
             pos: dict[str, float], sibling_orders: list[list[str]]) -> list[Block]:
    def member_bary(m: str) -> float | None:
        ws = links.get(m)
        if not ws:
            return None
        total = sum(w for _u, w in ws)
        return sum(w * sum(pos[u] for u in ups) / len(ups) for ups, w in ws) / total

    bary: list[float] = []
    for b in blocks:
        vals = [(v, len(links.get(m, ()))) for m in b.members if (v := member_bary(m)) is not None]
        here = sum(pos[m] for m in b.members) / len(b.members)
        bary.append(sum(v * n for v, n in vals) / sum(n for _v, n in vals) if vals else here)
        if b.mirror_ok and len(b.members) > 1:
            mid = (len(b.members) - 1) / 2
            pull = sum((i - mid) * ((member_bary(m) or bary[-1]) - bary[-1]) for i, m in enumerate(b.members))
            if pull < 0:
                b.members.reverse()
    block_of = {m: i for i, b in enumerate(blocks) for m in b.members}
    after: dict[int, set[int]] = defaultdict(set)
    indeg = [0] * len(blocks)
    for seq in sibling_orders:
        for x, y in zip(seq, seq[1:], strict=False):
            bx, by = block_of.get(x), block_of.get(y)
            if bx is not None and by is not None and bx != by and by not in after[bx]:
                after[bx].add(by)
                indeg[by] += 1
    heap = [(bary[i], pos[blocks[i].members[0]], i) for i in range(len(blocks)) if indeg[i] == 0]
    heapq.heapify(heap)
    placed: list[int] = []
    done = [False] * len(blocks)
    while len(placed) < len(blocks):
        if not heap:  # contradictory birth orders: release the most promising block
            i = min((k for k in range(len(blocks)) if not done[k]), key=lambda k: bary[k])
            indeg[i] = 0
            heap.append((bary[i], 0.0, i))
        _b, _p, i = heapq.heappop(heap)
        if done[i]:
            continue
        done[i] = True
        placed.append(i)
        for j in after[i]:
            indeg[j] -= 1
            if indeg[j] == 0 and not done[j]:
                heapq.heappush(heap, (bary[j], pos[blocks[j].members[0]], j))
    return [blocks[i] for i in placed]
