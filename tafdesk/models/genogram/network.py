"""The family network as plain data: what the genogram and the ecomap are drawn from.

Built from a stored case (``services/genogram.network_of_case``) or from a family file in the
shared genogram format (``family_file.parse_family_file``); kept as JSON in dated snapshots.
Nothing here knows about the database, Qt or reportlab.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

DRAWN_DESCENT = ("biological", "adopted", "foster", "kinship_care")  # step links are implied


@dataclass(frozen=True)
class NPerson:
    id: str
    name: str
    sex: str = "U"  # M, F, X (other gender: diamond), U (unknown)
    birth_year: int | None = None
    death_year: int | None = None
    due_year: int | None = None
    flags: tuple[str, ...] = ()
    is_index: bool = False
    notes: str = ""

    @property
    def deceased(self) -> bool:
        return self.death_year is not None or self.is_loss

    @property
    def is_loss(self) -> bool:
        return any(f in self.flags for f in ("miscarriage", "termination", "stillbirth"))

    @property
    def sort_year(self) -> float:
        year = self.birth_year if self.birth_year is not None else self.due_year
        return float(year) if year is not None else 9999.0


@dataclass(frozen=True)
class NUnion:
    id: str
    a: str
    b: str
    type: str = "marriage"
    status: str = "current"
    start_year: int | None = None
    end_year: int | None = None
    separation_year: int | None = None
    divorce_year: int | None = None
    notes: str = ""


@dataclass(frozen=True)
class NChild:
    """A child's descent from one or two parents (a child may have several, of different types)."""

    child: str
    parents: tuple[str, ...]
    type: str = "biological"
    start_year: int | None = None
    end_year: int | None = None
    birth_parent: str | None = None
    donor: str | None = None
    id: str = ""


@dataclass(frozen=True)
class NTwins:
    members: tuple[str, ...]
    type: str = "unknown"
    id: str = ""


@dataclass(frozen=True)
class NHousehold:
    id: str
    label: str
    members: tuple[str, ...]
    is_main: bool = False


@dataclass(frozen=True)
class NCare:
    child: str
    carers: tuple[str, ...]
    type: str
    start_year: int | None = None
    id: str = ""


@dataclass(frozen=True)
class NEmotion:
    a: str
    b: str
    type: str
    directed: bool = False
    notes: str = ""
    id: str = ""


@dataclass(frozen=True)
class NSystem:
    id: str
    name: str
    category: str = ""
    line: str = "moderate"
    weight: int = 1
    flow: str = "none"
    to_family: bool = True  # the line goes to the household as a whole
    person_ids: tuple[str, ...] = ()  # ... or to these members
    notes: str = ""


@dataclass(frozen=True)
class Network:
    title: str
    persons: tuple[NPerson, ...] = ()
    unions: tuple[NUnion, ...] = ()
    children: tuple[NChild, ...] = ()
    twins: tuple[NTwins, ...] = ()
    households: tuple[NHousehold, ...] = ()
    care: tuple[NCare, ...] = ()
    emotions: tuple[NEmotion, ...] = ()
    systems: tuple[NSystem, ...] = ()
    ecomap_label: str = ""
    ecomap_members: tuple[str, ...] = ()
    recorded_year: int | None = None
    recorded_on: str = ""  # the date the ecomap describes, ISO, when known
    _index: dict[str, NPerson] = field(default_factory=dict, compare=False, repr=False)

    def _people(self) -> dict[str, NPerson]:
        if len(self._index) != len(self.persons):
            self._index.clear()
            self._index.update({p.id: p for p in self.persons})
        return self._index

    def person(self, pid: str) -> NPerson:
        return self._people()[pid]

    def has(self, pid: str) -> bool:
        return pid in self._people()

    def age(self, p: NPerson) -> int | None:
        if p.birth_year is None or self.recorded_year is None:
            return None
        end = p.death_year if p.death_year is not None else self.recorded_year
        return max(0, end - p.birth_year)

    # Snapshots keep the network as JSON.
    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("_index", None)
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Network:
        def many(kind: type, rows: list[dict[str, Any]]) -> tuple[Any, ...]:
            out = []
            for row in rows:
                row = {k: tuple(v) if isinstance(v, list) else v for k, v in row.items()}
                out.append(kind(**row))
            return tuple(out)

        return cls(
            title=data.get("title", ""),
            persons=many(NPerson, data.get("persons", [])),
            unions=many(NUnion, data.get("unions", [])),
            children=many(NChild, data.get("children", [])),
            twins=many(NTwins, data.get("twins", [])),
            households=many(NHousehold, data.get("households", [])),
            care=many(NCare, data.get("care", [])),
            emotions=many(NEmotion, data.get("emotions", [])),
            systems=many(NSystem, data.get("systems", [])),
            ecomap_label=data.get("ecomap_label", ""),
            ecomap_members=tuple(data.get("ecomap_members", ())),
            recorded_year=data.get("recorded_year"),
            recorded_on=data.get("recorded_on", ""),
        )
