"""Layout quality as properties, over every test family and over random families."""

from __future__ import annotations

import pytest

from tafdesk.models.genogram.layout import layout
from tafdesk.models.genogram.network import Network
from tafdesk.models.genogram.quality import (
    overlaps,
    parents_not_above,
    partners_apart,
    report,
    segment_crossings,
    sibling_inversions,
    straight_edges,
    unions_across_rows,
)

from .conftest import random_family


def check(lay) -> None:  # type: ignore[no-untyped-def]
    assert overlaps(lay) == []
    assert sibling_inversions(lay) == []
    assert partners_apart(lay) == []
    assert parents_not_above(lay) == []
    assert unions_across_rows(lay) == []


def test_every_family_lays_out_cleanly(family: Network) -> None:
    lay = layout(family)
    check(lay)
    assert set(lay.persons) == {p.id for p in family.persons}
    assert {u.id for u in family.unions} <= set(lay.unions)
    # Crossings stay few (a person with three partners forces some): 8 plus one per eight people.
    assert segment_crossings(straight_edges(lay)) <= 8 + len(family.persons) // 8


@pytest.mark.parametrize("seed", range(40))
def test_random_families_lay_out_cleanly(seed: int) -> None:
    check(layout(random_family(seed)))


def test_rows_are_generations(family: Network) -> None:
    lay = layout(family)
    for fam in lay.st.families.values():
        for child in fam.children:
            assert all(lay.persons[child].row > lay.persons[p].row for p in fam.parents)
    for u in family.unions:
        assert lay.persons[u.a].row == lay.persons[u.b].row


def test_twins_hang_from_one_point_and_stand_together(family: Network) -> None:
    lay = layout(family)
    for t in family.twins:
        rows = {lay.persons[m].row for m in t.members}
        assert len(rows) == 1
        order = lay.order_of(rows.pop())
        places = sorted(order.index(m) for m in t.members)
        between = set(order[places[0]:places[-1] + 1]) - set(t.members)
        partners = {x for u in family.unions for x in (u.a, u.b) if {u.a, u.b} & set(t.members)}
        assert between <= partners  # only the twins' own partners may stand between them
        apexes = {p.points[0] for p in lay.lines if p.style.startswith("descent") and p.owner in t.members}
        assert len(apexes) == 1


def test_the_biggest_family_keeps_its_shape() -> None:
    from .conftest import FAMILIES
    from tafdesk.models.genogram.family_file import parse_family_file

    big = parse_family_file(next(p for p in FAMILIES if "150" in p.name).read_bytes())
    r = report(layout(big))
    assert r["people"] == 149 and r["rows"] == 5
    assert r["overlaps"] == r["sibling_inversions"] == 0


def test_manual_positions_move_only_those_people(family: Network) -> None:
    auto = layout(family)
    pid = family.persons[0].id
    moved = layout(family, {pid: (auto.persons[pid].x + 100, auto.persons[pid].y + 10)})
    assert moved.persons[pid].x == pytest.approx(auto.persons[pid].x + 100)
    assert moved.persons[pid].manual
    others = [p.id for p in family.persons if p.id != pid]
    assert all(moved.persons[o].x == auto.persons[o].x for o in others)


def test_adopted_child_sits_with_adoptive_parents_and_links_to_birth_mother() -> None:
    from .conftest import FAMILIES
    from tafdesk.models.genogram.family_file import parse_family_file

    net = parse_family_file(next(p for p in FAMILIES if p.name.startswith("04")).read_bytes())
    lay = layout(net)
    placed = lay.st.families[lay.st.family_of["P07"]]
    assert set(placed.parents) == {"P04", "P01"}
    styles = {p.style for p in lay.lines if p.owner == "P07"}
    assert "descent:adopted" in styles and "descent:biological" in styles
