"""Leaving out of a document what its reader may not see, in every document the app makes.

``models.disclosure`` says which records and fields are withheld from an audience. A renderer
asks ``redaction(session, case_id, audience)`` and

* leaves out withheld records where it builds its data (a person, a minute item, a need), so the
  page reads as if they were never there, and blanks withheld fields;
* then passes its finished data through ``Redaction.scrub``: a safety net that replaces every
  withheld value still present anywhere in the text (an address typed into a minute, the venue of
  a meeting at the family's home, a withheld person's name in an ecomap system) with "(not shown)".

Who reads each document is declared on its ``DocumentKind.audience`` (see registry.py).
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import Any, TypeVar

from pydantic import BaseModel
from sqlalchemy import Text, select
from sqlalchemy.orm import Session

from ..models.disclosure import FAMILY, FULL_RECORD, Audience, Withheld, applies, withheld_from
from ..models.genogram.network import Network
from ..models.orm import Base, Restriction
from ..models.schemas.plan import PlanDTO
from .registry import RenderOptions

NOT_SHOWN = "(not shown)"
# A withheld person takes with them what identifies or locates them.
PERSON_VALUES = ("address", "phone", "email", "notes")
# Fields that go with a withheld field: a household's postcode is part of its address.
GOES_WITH = {("households", "address"): ("postcode",), ("people", "address"): ()}
MIN_PART = 7  # an address's parts ("42 Willow Road") are withheld too when at least this long
MIN_TEXT = 12  # free text of a withheld record, searched for elsewhere when at least this long

T = TypeVar("T")


def audience_of(kind_audience: str, options: RenderOptions) -> Audience:
    """Who reads this rendering of a document whose kind declares ``kind_audience``: the family,
    one partner agency, or the full case record."""
    if kind_audience == "family" or (kind_audience == "both" and options.family_copy):
        return FAMILY
    if options.agency_id:
        return Audience(agency_id=options.agency_id, label="a partner agency")
    return FULL_RECORD


@dataclass(frozen=True)
class Redaction:
    hide: Withheld = dataclasses.field(default_factory=Withheld)
    values: tuple[str, ...] = ()  # longest first
    family: bool = False

    def person(self, person_id: str | None) -> bool:
        """Whether a whole person is withheld (leave them out)."""
        return person_id is not None and self.hide.record("people", person_id)

    def text(self, s: str) -> str:
        if not s or not self.values:
            return s
        return _compiled(self.values).sub(NOT_SHOWN, s)

    def scrub(self, obj: T) -> T:
        """The same data with every withheld value in its text replaced by "(not shown)"."""
        if not self.values:
            return obj
        return _scrub(obj, self)  # type: ignore[no-any-return]


FULL = Redaction()


def redaction(session: Session, case_id: str, audience: Audience) -> Redaction:
    if audience == FULL_RECORD:
        return FULL
    hide = withheld_from(session, case_id, audience)
    values: set[str] = set()
    for r in session.scalars(select(Restriction).where(Restriction.case_id == case_id)):
        if not applies(r, audience):
            continue
        table = Base.metadata.tables.get(r.entity)
        if table is None:
            continue
        row = session.execute(select(table).where(table.c.id == r.entity_id)).mappings().first()
        if row is None:
            continue
        if r.field is not None:
            names = (r.field, *GOES_WITH.get((r.entity, r.field), ()))
        elif r.entity == "people":
            given = row["known_as"] or row["given_name"]
            values.update(x for x in (f"{given} {row['family_name']}", f"{row['given_name']} {row['family_name']}")
                          if x.strip())
            names = PERSON_VALUES
        else:
            names = tuple(c.name for c in table.c if isinstance(c.type, Text))
        for name in names:
            value = row.get(name)
            if isinstance(value, str) and value.strip():
                if r.field is None and r.entity != "people" and len(value.strip()) < MIN_TEXT:
                    continue
                values.add(value.strip())
                values.update(p.strip() for p in re.split(r"[,\n]", value) if len(p.strip()) >= MIN_PART)
    ordered = tuple(sorted(values, key=lambda x: (-len(x), x)))
    return Redaction(hide, ordered, family=audience.family)


_CACHE: dict[tuple[str, ...], re.Pattern[str]] = {}


def _compiled(values: tuple[str, ...]) -> re.Pattern[str]:
    pat = _CACHE.get(values)
    if pat is None:
        # Spaces match any run of white space, so a value broken over two lines is still found.
        parts = [r"\s+".join(re.escape(w) for w in v.split()) for v in values]
        pat = re.compile("|".join(parts), re.IGNORECASE)
        if len(_CACHE) > 64:
            _CACHE.clear()
        _CACHE[values] = pat
    return pat


def _scrub(obj: Any, r: Redaction) -> Any:
    if isinstance(obj, str):
        return r.text(obj)
    if isinstance(obj, BaseModel):
        return obj.model_copy(update={k: _scrub(getattr(obj, k), r) for k in type(obj).model_fields})
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return dataclasses.replace(obj, **{f.name: _scrub(getattr(obj, f.name), r)  # type: ignore[misc]
                                           for f in dataclasses.fields(obj)
                                           if f.init and not f.name.startswith("_")})
    if isinstance(obj, tuple):
        return tuple(_scrub(x, r) for x in obj)
    if isinstance(obj, list):
        return [_scrub(x, r) for x in obj]
    if isinstance(obj, dict):
        return {k: _scrub(x, r) for k, x in obj.items()}
    return obj


def _blank(dto: BaseModel, entity: str, r: Redaction) -> BaseModel:
    """A DTO of one record with its withheld text fields emptied."""
    rid = getattr(dto, "id", "")
    update = {k: "" for k, v in dto.__dict__.items() if isinstance(v, str) and r.hide.field(entity, rid, k)}
    return dto.model_copy(update=update) if update else dto


def redact_plan(plan: PlanDTO, r: Redaction) -> PlanDTO:
    """The plan without withheld outcomes, actions and needs (an outcome for a withheld person goes too)."""
    if r is FULL:
        return plan
    outcomes = []
    for o in plan.outcomes:
        if r.hide.record("outcomes", o.id) or r.person(o.for_person_id):
            continue
        actions = tuple(_blank(a, "actions", r) for a in o.actions if not r.hide.record("actions", a.id))
        outcomes.append(_blank(o, "outcomes", r).model_copy(update={"actions": actions}))
    needs = tuple(_blank(n, "needs", r) for n in plan.needs if not r.hide.record("needs", n.id))
    kept = {n.id for n in needs}
    outcomes = [o.model_copy(update={"need_ids": tuple(i for i in o.need_ids if i in kept)}) for o in outcomes]
    return r.scrub(plan.model_copy(update={"outcomes": tuple(outcomes), "needs": needs}))


def redact_network(net: Network, r: Redaction) -> Network:
    """The genogram's and ecomap's network without withheld people, links, households and systems."""
    if r is FULL:
        return net
    hide = r.hide
    gone = {p.id for p in net.persons if hide.record("people", p.id)}

    def keep(ids: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(i for i in ids if i not in gone)

    children = []
    for c in net.children:
        parents = keep(c.parents)
        if c.child in gone or not parents or hide.record("parent_links", c.id):
            continue
        children.append(dataclasses.replace(
            c, parents=parents, birth_parent=None if c.birth_parent in gone else c.birth_parent,
            donor=None if c.donor in gone else c.donor))
    households = []
    for h in net.households:
        if hide.record("households", h.id):
            continue
        label = "Household" if hide.field("households", h.id, "label") else h.label
        households.append(dataclasses.replace(h, label=label, members=keep(h.members)))
    systems = []
    for s in net.systems:
        if hide.record("ecomap_systems", s.id) or (s.person_ids and not keep(s.person_ids)):
            continue
        systems.append(dataclasses.replace(s, person_ids=keep(s.person_ids)))
    main = next((h for h in net.households if h.is_main), None)
    label = net.ecomap_label
    if main is not None and hide.field("households", main.id, "label") and label == main.label:
        label = "Household"
    out = dataclasses.replace(
        net,
        persons=tuple(p for p in net.persons if p.id not in gone),
        unions=tuple(u for u in net.unions if u.a not in gone and u.b not in gone
                     and not hide.record("partnerships", u.id)),
        children=tuple(children),
        twins=tuple(dataclasses.replace(t, members=keep(t.members)) for t in net.twins if len(keep(t.members)) > 1),
        households=tuple(households),
        care=tuple(dataclasses.replace(c, carers=keep(c.carers)) for c in net.care
                   if c.child not in gone and keep(c.carers) and not hide.record("care_arrangements", c.id)),
        emotions=tuple(e for e in net.emotions if e.a not in gone and e.b not in gone
                       and not hide.record("emotional_relationships", e.id)),
        systems=tuple(systems),
        ecomap_label=label,
        ecomap_members=keep(net.ecomap_members),
        _index={},
    )
    return r.scrub(out)
