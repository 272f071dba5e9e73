"""Reading a family file (the shared genogram/ecomap JSON format, schema_version "1.0").

A bad file is refused with one sentence that says what is wrong and where, never a traceback:
the file is checked against the format, then for references to people who are not in it,
duplicate ids and descent that goes round in a circle.
"""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .. import vocab as v
from ..errors import TafdeskError
from .network import (
    NCare,
    NChild,
    Network,
    NEmotion,
    NHousehold,
    NPerson,
    NSystem,
    NTwins,
    NUnion,
)

MAX_BYTES = 8 * 1024 * 1024
Year = Annotated[int, Field(ge=1800, le=2200)]
Text = Annotated[str, Field(max_length=2000)]
FileId = Annotated[str, Field(pattern=r"^[0-9A-Za-z][0-9A-Za-z_-]{0,26}$")]
FLAGS = Literal[
    "index", "pregnancy", "miscarriage", "termination", "stillbirth", "unknown_identity", "donor",
    "adopted", "looked_after", "kinship_care", "foster_carer", "sgo_carer", "in_prison",
    "lives_abroad", "care_home", "substance_misuse", "young_parent", "SEND",
]


class FamilyFileError(TafdeskError):
    pass


class _M(BaseModel):
    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)


class FPerson(_M):
    id: FileId
    name: Annotated[str, Field(min_length=1, max_length=200)]
    sex: v.Sex
    birth_year: Year | None = None
    death_year: Year | None = None
    due_year: Year | None = None
    flags: list[FLAGS] = Field(default_factory=list)
    sex_assigned_at_birth: v.Sex | None = None
    notes: Text = ""


class FUnion(_M):
    id: FileId
    partners: Annotated[list[FileId], Field(min_length=2, max_length=2)]
    type: v.PartnershipType
    status: v.PartnershipStatus
    start_year: Year | None = None
    end_year: Year | None = None
    separation_year: Year | None = None
    divorce_year: Year | None = None
    notes: Text = ""


class FChild(_M):
    child: FileId
    parents: Annotated[list[FileId], Field(min_length=1, max_length=2)]
    type: v.ParentLinkType
    start_year: Year | None = None
    end_year: Year | None = None
    birth_parent: FileId | None = None
    donor: FileId | None = None
    notes: Text = ""


class FTwins(_M):
    members: Annotated[list[FileId], Field(min_length=2, max_length=8)]
    type: v.TwinType = v.TwinType.UNKNOWN


class FCare(_M):
    child: FileId
    carers: Annotated[list[FileId], Field(min_length=1, max_length=4)]
    type: v.CareArrangementType
    start_year: Year | None = None


class FEmotion(_M):
    from_: FileId = Field(alias="from")
    to: FileId
    type: v.EmotionalRelationshipType
    directed: bool = False
    notes: Text = ""


class FCentre(_M):
    label: Annotated[str, Field(max_length=200)] = ""
    members: list[FileId] = Field(default_factory=list)


class FSystem(_M):
    id: FileId
    name: Annotated[str, Field(min_length=1, max_length=200)]
    category: Annotated[str, Field(max_length=64)] = ""
    line: v.EcomapLine
    weight: Annotated[int, Field(ge=1, le=3)] = 1
    flow: v.EcomapFlow = v.EcomapFlow.NONE
    connects_to: list[str] = Field(default_factory=lambda: ["family"])
    notes: Text = ""


class FEcomap(_M):
    centre: FCentre = Field(default_factory=FCentre)
    systems: list[FSystem] = Field(default_factory=list)


class FamilyFile(_M):
    schema_version: Literal["1.0"]
    family_id: Annotated[str, Field(max_length=100)] = ""
    title: Annotated[str, Field(max_length=200)] = ""
    recorded_year: Year | None = None
    index_person: FileId | None = None
    persons: Annotated[list[FPerson], Field(min_length=1, max_length=5000)]
    unions: list[FUnion] = Field(default_factory=list)
    children: list[FChild] = Field(default_factory=list)
    twins: list[FTwins] = Field(default_factory=list)
    households: list[list[FileId]] = Field(default_factory=list)
    household_labels: list[Annotated[str, Field(max_length=200)]] = Field(default_factory=list)
    care_arrangements: list[FCare] = Field(default_factory=list)
    emotional_relationships: list[FEmotion] = Field(default_factory=list)
    ecomap: FEcomap = Field(default_factory=FEcomap)


def _where(loc: tuple[Any, ...], data: Any) -> str:
    """'persons[3] (P04).birth_year' from a pydantic location, naming the record's id."""
    out = ""
    node = data
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
            try:
                node = node[part]
                rid = node.get("id") if isinstance(node, dict) else None
                if rid:
                    out += f" ({rid})"
            except (IndexError, KeyError, TypeError, AttributeError):
                node = None
        else:
            out += ("." if out else "") + str(part)
            node = node.get(part) if isinstance(node, dict) else None
    return out or "the file"


def load_family_file(raw: bytes | str) -> FamilyFile:
    if isinstance(raw, bytes) and len(raw) > MAX_BYTES:
        raise FamilyFileError("This family file is too large (more than 8 MB).")
    try:
        data = json.loads(raw.decode("utf-8-sig") if isinstance(raw, bytes) else raw)
    except UnicodeDecodeError:
        raise FamilyFileError("This is not a family file: it is not text (UTF-8).") from None
    except json.JSONDecodeError as exc:
        raise FamilyFileError(f"This is not a family file: not valid JSON (line {exc.lineno}, column {exc.colno}).") from None
    if not isinstance(data, dict) or "persons" not in data:
        raise FamilyFileError("This is not a family file: it has no list of persons.")
    try:
        fam = FamilyFile.model_validate(data)
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        more = f" (and {exc.error_count() - 1} more problems)" if exc.error_count() > 1 else ""
        msg = str(err["msg"]).removeprefix("Value error, ")
        raise FamilyFileError(f"The family file is not valid at {_where(err['loc'], data)}: {msg}{more}.") from None
    _check_references(fam)
    return fam


def _check_references(fam: FamilyFile) -> None:
    ids: set[str] = set()
    for p in fam.persons:
        if p.id in ids:
            raise FamilyFileError(f"The family file has two persons with the id {p.id}.")
        ids.add(p.id)

    def known(pid: str | None, where: str) -> None:
        if pid is not None and pid not in ids:
            raise FamilyFileError(f"The family file refers to {pid} in {where}, but no person has that id.")

    for u in fam.unions:
        for pid in u.partners:
            known(pid, f"union {u.id}")
        if u.partners[0] == u.partners[1]:
            raise FamilyFileError(f"Union {u.id} has the same person twice.")
    for c in fam.children:
        for pid in (c.child, *c.parents, c.birth_parent, c.donor):
            known(pid, f"the parents of {c.child}")
        if c.child in c.parents:
            raise FamilyFileError(f"{c.child} is listed as their own parent.")
    for t in fam.twins:
        for pid in t.members:
            known(pid, "twins")
    for i, hh in enumerate(fam.households):
        for pid in hh:
            known(pid, f"household {i + 1}")
    for care in fam.care_arrangements:
        for pid in (care.child, *care.carers):
            known(pid, f"the care arrangement of {care.child}")
    for e in fam.emotional_relationships:
        known(e.from_, "an emotional relationship")
        known(e.to, "an emotional relationship")
    for pid in fam.ecomap.centre.members:
        known(pid, "the ecomap household")
    for s in fam.ecomap.systems:
        for pid in s.connects_to:
            if pid != "family":
                known(pid, f"ecomap system {s.id}")
    known(fam.index_person, "index_person")
    _check_no_cycle(fam)


def _check_no_cycle(fam: FamilyFile) -> None:
    parents: dict[str, set[str]] = {}
    for c in fam.children:
        parents.setdefault(c.child, set()).update(c.parents)
    state: dict[str, int] = {}
    for start in parents:
        stack = [(start, iter(parents.get(start, ())))]
        state[start] = 1
        while stack:
            node, it = stack[-1]
            nxt = next(it, None)
            if nxt is None:
                state[node] = 2
                stack.pop()
            elif state.get(nxt) == 1:
                raise FamilyFileError(f"The family file makes {nxt} their own ancestor.")
            elif nxt not in state:
                state[nxt] = 1
                stack.append((nxt, iter(parents.get(nxt, ()))))


def network_from_file(fam: FamilyFile) -> Network:
    index = fam.index_person
    persons = tuple(
        NPerson(p.id, p.name, p.sex.value, p.birth_year, p.death_year, p.due_year,
                tuple(f for f in p.flags if f != "index"), p.id == index or "index" in p.flags, p.notes)
        for p in fam.persons
    )
    labels = fam.household_labels
    centre = set(fam.ecomap.centre.members)
    households = tuple(
        NHousehold(f"H{i + 1}", labels[i] if i < len(labels) else f"Household {i + 1}", tuple(m),
                   bool(centre) and set(m) == centre)
        for i, m in enumerate(fam.households)
    )
    return Network(
        title=fam.title or fam.family_id,
        persons=persons,
        unions=tuple(NUnion(u.id, u.partners[0], u.partners[1], u.type.value, u.status.value,
                            u.start_year, u.end_year, u.separation_year, u.divorce_year, u.notes)
                     for u in fam.unions),
        children=tuple(NChild(c.child, tuple(c.parents), c.type.value, c.start_year, c.end_year,
                              c.birth_parent, c.donor, f"C{i + 1}")
                       for i, c in enumerate(fam.children)),
        twins=tuple(NTwins(tuple(t.members), t.type.value, f"T{i + 1}") for i, t in enumerate(fam.twins)),
        households=households,
        care=tuple(NCare(c.child, tuple(c.carers), c.type.value, c.start_year, f"A{i + 1}")
                   for i, c in enumerate(fam.care_arrangements)),
        emotions=tuple(NEmotion(e.from_, e.to, e.type.value, e.directed, e.notes, f"R{i + 1}")
                       for i, e in enumerate(fam.emotional_relationships)),
        systems=tuple(NSystem(s.id, s.name, s.category, s.line.value, s.weight, s.flow.value,
                              "family" in s.connects_to, tuple(x for x in s.connects_to if x != "family"),
                              s.notes)
                      for s in fam.ecomap.systems),
        ecomap_label=fam.ecomap.centre.label,
        ecomap_members=tuple(fam.ecomap.centre.members),
        recorded_year=fam.recorded_year,
    )


def parse_family_file(raw: bytes | str) -> Network:
    return network_from_file(load_family_file(raw))
