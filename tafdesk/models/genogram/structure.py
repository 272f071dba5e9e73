"""The genogram as a layered graph: descent families, generations (rows) and partner blocks.

Generations: every descent link puts a child at least one row below its parents and partners share
a row; rows are the longest path over descent with partners merged, then people with no parents
in the network are pulled down next to their children (a grandmother known only through her son
sits one row above him, not at the top). A descent line that has to cross a row gets a place
holder ("dummy") in that row, so nothing is drawn through a symbol.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from dataclasses import dataclass, field

from .network import DRAWN_DESCENT, Network, NUnion

# Which link places a child (the others are drawn as extra lines): an adopted child sits with
# the adoptive family, a foster child with the birth family, as the conventions draw them.
PLACEMENT_PRIORITY = {"adopted": 0, "biological": 1, "kinship_care": 2, "foster": 3}


@dataclass
class Family:
    """Children hanging from one union (or from one parent when the other is not known)."""

    key: str
    parents: tuple[str, ...]
    union_id: str | None
    children: list[str] = field(default_factory=list)  # placed here, in birth order
    link_type: dict[str, str] = field(default_factory=dict)  # child -> biological/adopted/...
    secondary: list[str] = field(default_factory=list)  # children placed elsewhere, linked here


@dataclass
class Structure:
    net: Network
    unions: dict[str, NUnion]
    families: dict[str, Family]
    family_of: dict[str, str]  # child -> the family that places them
    partners: dict[str, list[str]]  # person -> union ids, in order of start
    rank: dict[str, int]
    rows: list[list[str]]  # blocks per row are built later; here: items per row
    dummies: dict[str, tuple[str, str, int]]  # dummy id -> (family key, child, row)
    chain: dict[tuple[str, str], list[str]]  # (family key, child) -> dummies top to bottom
    donors: list[tuple[str, str]]  # (donor, child)
    twin_group: dict[str, int]
    implicit_unions: set[str]


def _union_key(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


def build_structure(net: Network) -> Structure:
    unions: dict[str, NUnion] = {}
    by_pair: dict[tuple[str, str], str] = {}
    for u in net.unions:
        if not (net.has(u.a) and net.has(u.b)) or u.a == u.b:
            continue
        unions[u.id] = u
        by_pair.setdefault(_union_key(u.a, u.b), u.id)
    implicit: set[str] = set()
    families: dict[str, Family] = {}
    links: dict[str, list[tuple[int, str, str]]] = defaultdict(list)  # child -> (prio, fam key, type)
    donors: list[tuple[str, str]] = []
    for n, c in enumerate(net.children):
        if c.type not in DRAWN_DESCENT or not net.has(c.child):
            if c.donor and net.has(c.donor) and net.has(c.child):
                donors.append((c.donor, c.child))
            continue
        parents = tuple(p for p in c.parents if net.has(p) and p != c.child)
        if not parents:
            continue
        if len(parents) == 2:
            pair = _union_key(*parents)
            uid = by_pair.get(pair)
            if uid is None:  # parents with no recorded partnership: an implicit union
                uid = f"~{pair[0]}+{pair[1]}"
                unions[uid] = NUnion(uid, pair[0], pair[1], "unknown", "unknown")
                by_pair[pair] = uid
                implicit.add(uid)
            key, union_id = uid, uid
        else:
            key, union_id = f"~{parents[0]}", None
        fam = families.get(key)
        if fam is None:
            fam = families[key] = Family(key, parents, union_id)
        if c.child not in fam.link_type:
            fam.link_type[c.child] = c.type
        links[c.child].append((PLACEMENT_PRIORITY.get(c.type, 9), key, c.type))
        if c.donor and net.has(c.donor):
            donors.append((c.donor, c.child))
    order = {p.id: i for i, p in enumerate(net.persons)}
    twin_group: dict[str, int] = {}
    for i, t in enumerate(net.twins):
        for m in t.members:
            twin_group[m] = i
    family_of: dict[str, str] = {}
    for child, options in links.items():
        options.sort(key=lambda o: (o[0], len(families[o[1]].parents) == 1))
        family_of[child] = options[0][1]
        for _prio, key, _t in options[1:]:
            if key != options[0][1] and child not in families[key].secondary:
                families[key].secondary.append(child)
    for fam in families.values():
        fam.children = sorted((c for c in fam.link_type if family_of.get(c) == fam.key),
                              key=lambda c: sibling_key(net, c, twin_group, order))
    partners: dict[str, list[str]] = defaultdict(list)
    for uid, u in unions.items():
        partners[u.a].append(uid)
        partners[u.b].append(uid)
    for pid, uids in partners.items():
        uids.sort(key=lambda x: (unions[x].start_year or 9999, x))
    rank = _ranks(net, unions, families, donors)
    return _with_rows(Structure(net, unions, families, family_of, dict(partners), rank, [], {}, {},
                                donors, twin_group, implicit))


def sibling_key(net: Network, pid: str, twins: dict[str, int], order: dict[str, int]) -> tuple[float, int, int]:
    p = net.person(pid)
    return (p.sort_year, twins.get(pid, -1), order.get(pid, 0))


def _ranks(net: Network, unions: dict[str, NUnion], families: dict[str, Family],
           donors: list[tuple[str, str]]) -> dict[str, int]:
    ids = [p.id for p in net.persons]
    parent = {i: i for i in ids}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for u in unions.values():
        ra, rb = find(u.a), find(u.b)
        if ra != rb:
            parent[ra] = rb
    edges: list[tuple[str, str]] = []
    for fam in families.values():
        for child in fam.link_type:
            edges.extend((p, child) for p in fam.parents)
    edges.extend(donors)
    groups = {i: find(i) for i in ids}
    rank = _longest_path(ids, edges, groups)
    if rank is None:  # partners merged into a circle of descent: rank people on their own
        rank = _longest_path(ids, edges, {i: i for i in ids}) or dict.fromkeys(ids, 0)
        groups = {i: i for i in ids}
    grank = _shorten(ids, edges, groups, rank)
    low = min(grank.values(), default=0)
    return {i: grank[groups[i]] - low for i in ids}


def _shorten(ids: list[str], edges: list[tuple[str, str]], groups: dict[str, str],
             rank: dict[str, int]) -> dict[str, int]:
    """Move sets of groups down a row while that makes descent lines shorter in total.

    The longest path puts everyone as high as possible; a couple known only as parents of a
    child placed low (a foster child's birth parents) would float too high. Moving a group down
    drags along the children directly below it; the move is kept when it shortens more lines
    (to the group's other children) than it lengthens (from the dragged children's other
    parents). This is the improving step of network-simplex ranking, done greedily.
    """
    grank = {groups[i]: rank[i] for i in ids}
    kids: dict[str, list[str]] = defaultdict(list)
    for p, c in edges:
        kids[groups[p]].append(groups[c])
    for _ in range(4 * len(grank) + 4):
        moved = False
        for g in sorted(grank, key=lambda g: -grank[g]):
            s, stack = {g}, [g]
            while stack:
                x = stack.pop()
                for k in kids[x]:
                    if grank[k] == grank[x] + 1 and k not in s:
                        s.add(k)
                        stack.append(k)
            delta = 0
            for p, c in edges:
                gp, gc = groups[p], groups[c]
                if gp in s and gc not in s:
                    delta -= 1
                elif gc in s and gp not in s:
                    delta += 1
            if delta < 0:
                for x in s:
                    grank[x] += 1
                moved = True
        if not moved:
            break
    return grank


def _longest_path(ids: list[str], edges: list[tuple[str, str]], groups: dict[str, str]) -> dict[str, int] | None:
    out: dict[str, set[str]] = defaultdict(set)
    indeg: dict[str, int] = dict.fromkeys(set(groups.values()), 0)
    for p, c in edges:
        gp, gc = groups[p], groups[c]
        if gp == gc:
            return None
        if gc not in out[gp]:
            out[gp].add(gc)
            indeg[gc] += 1
    grank = dict.fromkeys(indeg, 0)
    ready = [g for g, d in indeg.items() if d == 0]
    seen = 0
    while ready:
        g = ready.pop()
        seen += 1
        for h in out[g]:
            grank[h] = max(grank[h], grank[g] + 1)
            indeg[h] -= 1
            if indeg[h] == 0:
                ready.append(h)
    if seen != len(indeg):
        return None
    return {i: grank[groups[i]] for i in ids}


def _with_rows(st: Structure) -> Structure:
    nrows = max(st.rank.values(), default=0) + 1
    rows: list[list[str]] = [[] for _ in range(nrows)]
    for p in st.net.persons:
        rows[st.rank[p.id]].append(p.id)
    # Place holders where a descent line crosses a row.
    for fam in st.families.values():
        top = max(st.rank[p] for p in fam.parents)
        for child in list(fam.children) + fam.secondary:
            chain = []
            for r in range(top + 1, st.rank[child]):
                did = f"~d{len(st.dummies)}"
                st.dummies[did] = (fam.key, child, r)
                rows[r].append(did)
                chain.append(did)
            if chain:
                st.chain[(fam.key, child)] = chain
    st.rows = rows
    return st


# Partner blocks: everyone on a row joined by partnerships, in one fixed left-to-right order.

@dataclass
class Block:
    members: list[str]
    mirror_ok: bool  # the reversed order is as good (a couple): orientation left to the sweeps


def partner_blocks(st: Structure, row: list[str]) -> list[Block]:
    on_row = set(row)
    seen: set[str] = set()
    blocks: list[Block] = []
    for pid in row:
        if pid in seen:
            continue
        comp, stack = [], [pid]
        seen.add(pid)
        while stack:
            x = stack.pop()
            comp.append(x)
            for uid in st.partners.get(x, ()):
                u = st.unions[uid]
                other = u.b if u.a == x else u.a
                if other in on_row and other not in seen:
                    seen.add(other)
                    stack.append(other)
        blocks.append(_order_block(st, comp))
    return blocks


def _block_score(st: Structure, perm: tuple[str, ...] | list[str], uids: list[str]) -> float:
    pos = {p: i for i, p in enumerate(perm)}
    score = 0.0
    for uid in uids:
        u = st.unions[uid]
        i, j = sorted((pos[u.a], pos[u.b]))
        pa, pb = set(_partners_of(st, u.a)), set(_partners_of(st, u.b))
        for k in range(i + 1, j):
            score += 3 if perm[k] in pa or perm[k] in pb else 100
        if j - i == 1 and st.net.person(perm[i]).sex == "F" and st.net.person(perm[j]).sex == "M":
            score += 0.5  # by convention the man on the left of a couple
    for p in perm:
        ps = [x for x in _partners_of(st, p) if x in pos]
        if len(ps) > 1:  # successive partners left to right in the order of the partnerships
            score += 20 * sum(1 for x, y in itertools.combinations(ps, 2) if pos[x] > pos[y])
    return score


def _partners_of(st: Structure, pid: str) -> list[str]:
    out = []
    for uid in st.partners.get(pid, ()):
        u = st.unions[uid]
        out.append(u.b if u.a == pid else u.a)
    return out


def _order_block(st: Structure, comp: list[str]) -> Block:
    if len(comp) == 1:
        return Block(comp, True)
    cset = set(comp)
    uids = sorted({uid for p in comp for uid in st.partners.get(p, ())
                   if st.unions[uid].a in cset and st.unions[uid].b in cset})
    if len(comp) <= 6:
        best = min(itertools.permutations(sorted(comp)), key=lambda perm: _block_score(st, perm, uids))
        order = list(best)
    else:  # insertion: the most partnered first, each next person where the order scores best
        todo = sorted(comp, key=lambda p: (-len(st.partners.get(p, ())), p))
        order = [todo.pop(0)]
        while todo:
            nxt = next((p for p in todo if any(q in order for q in _partners_of(st, p))), todo[0])
            todo.remove(nxt)
            order = min((order[:i] + [nxt] + order[i:] for i in range(len(order) + 1)),
                        key=lambda o: _block_score(st, o, [u for u in uids if st.unions[u].a in o and st.unions[u].b in o]))
    s = _block_score(st, order, uids)
    return Block(order, _block_score(st, order[::-1], uids) <= s + 0.5)
