"""The test families (fictional) and a generator of random ones."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from tafdesk.models.genogram.family_file import parse_family_file
from tafdesk.models.genogram.network import Network, NChild, NPerson, NTwins, NUnion

FAMILIES = sorted((Path(__file__).parent / "families").glob("*.json"))


@pytest.fixture(params=FAMILIES, ids=[p.stem for p in FAMILIES])
def family(request: pytest.FixtureRequest) -> Network:
    return parse_family_file(request.param.read_bytes())


def random_family(seed: int, generations: int = 4) -> Network:
    """A plausible random family: founders, children, partners who marry in, remarriages,
    children of several unions, twins, single parents."""
    rnd = random.Random(seed)
    persons: list[NPerson] = []
    unions: list[NUnion] = []
    children: list[NChild] = []
    twins: list[NTwins] = []

    def person(year: int, sex: str | None = None) -> str:
        pid = f"P{len(persons) + 1}"
        persons.append(NPerson(pid, f"Person {len(persons) + 1}", sex or rnd.choice("MF"), year))
        return pid

    gen = [person(1930, "M"), person(1932, "F")]
    unions.append(NUnion("U1", gen[0], gen[1], "marriage", "current", 1950))
    couples = [("U1", gen[0], gen[1], 1955)]
    for _g in range(generations - 1):
        nxt = []
        for uid, a, b, year in couples:
            kids = []
            for _k in range(rnd.randint(0, 4)):
                year_k = year + rnd.randint(0, 12)
                kid = person(year_k)
                children.append(NChild(kid, (a, b) if b else (a,), rnd.choice(["biological"] * 6 + ["adopted"])))
                kids.append(kid)
                if rnd.random() < 0.1:
                    twin = person(year_k)
                    children.append(NChild(twin, (a, b) if b else (a,), "biological"))
                    twins.append(NTwins((kid, twin), rnd.choice(["identical", "fraternal"])))
            for kid in kids:
                partners = rnd.choice([0, 1, 1, 1, 2, 3])
                for n in range(partners):
                    other = person(persons[int(kid[1:]) - 1].birth_year or 1960)
                    uid2 = f"U{len(unions) + 1}"
                    unions.append(NUnion(uid2, kid, other, rnd.choice(["marriage", "cohabitation"]),
                                         "current" if n == partners - 1 else "divorced", 1970 + 10 * n))
                    nxt.append((uid2, kid, other, (persons[int(kid[1:]) - 1].birth_year or 1960) + 22 + 4 * n))
                if partners == 0 and rnd.random() < 0.3:
                    nxt.append(("", kid, "", (persons[int(kid[1:]) - 1].birth_year or 1960) + 20))
        couples = nxt
    return Network(f"Random family {seed}", tuple(persons), tuple(unions), tuple(children), tuple(twins),
                   recorded_year=2026)
