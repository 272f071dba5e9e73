"""The family network of a case: reading it for the diagrams, changing its links, remembering
manual positions, dated snapshots, and importing a family file (shared genogram format)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from ...i18n.catalog import S_
from ..errors import NotFound, ValidationFailed
from ..genogram.family_file import load_family_file, network_from_file
from ..genogram.network import (
    NCare, NChild, Network, NEmotion, NHousehold, NPerson, NSystem, NTwins, NUnion,
)
from ..orm import (
    CareArrangement, DiagramPosition, EcomapSystem, EmotionalRelationship, Household,
    HouseholdMember, NetworkSnapshot, ParentLink, Partnership, Person, TwinSet,
)
from ..schemas.genogram import (
    EcomapSystemForm, EmotionalForm, GenogramPersonForm, ParentLinkForm, PartnershipForm,
)
from .audit import record_event
from .cases import create_case, get_case, validate

DIAGRAMS = ("genogram", "ecomap")


def network_of_case(session: Session, case_id: str, today: date | None = None) -> Network:
    case = get_case(session, case_id)
    today = today or date.today()
    rows = lambda model: session.scalars(select(model).where(model.case_id == case.id).order_by(model.id)).all()  # noqa: E731
    people = sorted(rows(Person), key=lambda p: (p.birth_year or (p.date_of_birth.year if p.date_of_birth else 9999), p.id))
    persons = tuple(
        NPerson(p.id, p.display_name, p.sex or "U",
                p.birth_year or (p.date_of_birth.year if p.date_of_birth else None),
                p.death_year, p.due_year, tuple(p.flags or ()), p.is_index)
        for p in people)
    members: dict[str, list[str]] = {}
    for m in rows(HouseholdMember):
        members.setdefault(m.household_id, []).append(m.person_id)
    households = tuple(NHousehold(h.id, h.label or "Household", tuple(members.get(h.id, ())), h.is_main)
                       for h in sorted(rows(Household), key=lambda h: (not h.is_main, h.label, h.id)))
    main = next((h for h in households if h.is_main), None)
    systems = rows(EcomapSystem)
    dates = [s.recorded_on for s in systems if s.recorded_on]
    return Network(
        title=f"{case.family_name} family",
        persons=persons,
        unions=tuple(NUnion(u.id, u.partner_a_id, u.partner_b_id, u.type, u.status, u.start_year, u.end_year,
                            u.separation_year, u.divorce_year) for u in rows(Partnership)),
        children=tuple(NChild(c.child_id, (c.parent_a_id, c.parent_b_id) if c.parent_b_id else (c.parent_a_id,),
                              c.type, c.start_year, c.end_year, c.birth_parent_id, c.donor_id, c.id)
                       for c in rows(ParentLink)),
        twins=tuple(NTwins(tuple(t.member_ids), t.type, t.id) for t in rows(TwinSet)),
        households=households,
        care=tuple(NCare(c.child_id, tuple(c.carer_ids), c.type, c.start_year, c.id) for c in rows(CareArrangement)),
        emotions=tuple(NEmotion(e.from_person_id, e.to_person_id, e.type, e.directed, "", e.id)
                       for e in rows(EmotionalRelationship)),
        systems=tuple(NSystem(s.id, s.name, s.category, s.line, s.weight, s.flow, s.connects_to_family,
                              tuple(s.person_ids or ()), "") for s in systems),
        ecomap_label=case.ecomap_centre_label or (main.label if main else ""),
        ecomap_members=main.members if main else (),
        recorded_year=today.year,
        recorded_on=max(dates).strftime("%d %B %Y") if dates else today.strftime("%d %B %Y"),
    )


# Manual positions.

def positions(session: Session, case_id: str, diagram: str) -> dict[str, tuple[float, float]]:
    rows = session.scalars(select(DiagramPosition).where(
        DiagramPosition.case_id == case_id, DiagramPosition.diagram == diagram))
    return {r.item_id: (float(r.x), float(r.y)) for r in rows}


def set_positions(session: Session, case_id: str, diagram: str, moves: dict[str, tuple[float, float] | None],
                  *, user: str) -> dict[str, tuple[float, float] | None]:
    """Remember (or with None forget) where items were put; returns what was there before (undo)."""
    if diagram not in DIAGRAMS:
        raise ValidationFailed({"diagram": f"There is no diagram called {diagram!r}."})
    get_case(session, case_id)
    before: dict[str, tuple[float, float] | None] = {}
    for item_id, where in moves.items():
        row = session.scalar(select(DiagramPosition).where(
            DiagramPosition.case_id == case_id, DiagramPosition.diagram == diagram, DiagramPosition.item_id == item_id))
        before[item_id] = (float(row.x), float(row.y)) if row else None
        if where is None:
            if row is not None:
                session.delete(row)
        elif row is None:
            session.add(DiagramPosition(case_id=case_id, diagram=diagram, item_id=item_id,
                                        x=round(where[0]), y=round(where[1])))
        else:
            row.x, row.y = round(where[0]), round(where[1])
    session.flush()
    record_event(session, user=user, action="update", case_id=case_id, entity="diagram_positions",
                 detail=f"{diagram}: {len(moves)}")
    return before


# Dated snapshots.

@dataclass(frozen=True)
class SnapshotInfo:
    id: str
    taken_on: date
    label: str
    taken_by: str
    people: int


def take_snapshot(session: Session, case_id: str, *, user: str, label: str = "", today: date | None = None) -> str:
    net = network_of_case(session, case_id, today)
    content = json.dumps({"network": net.to_json(),
                          "positions": {d: positions(session, case_id, d) for d in DIAGRAMS}},
                         ensure_ascii=False, separators=(",", ":"))
    snap = NetworkSnapshot(case_id=case_id, taken_on=today or date.today(), label=label.strip()[:200],
                           taken_by=user, content=content)
    session.add(snap)
    session.flush()
    record_event(session, user=user, action="create", case_id=case_id, entity="network_snapshots", entity_id=snap.id)
    return snap.id


def list_snapshots(session: Session, case_id: str) -> list[SnapshotInfo]:
    rows = session.scalars(select(NetworkSnapshot).where(NetworkSnapshot.case_id == case_id)
                           .order_by(NetworkSnapshot.taken_on, NetworkSnapshot.id))
    out = []
    for r in rows:
        people = len(json.loads(r.content).get("network", {}).get("persons", []))
        out.append(SnapshotInfo(r.id, r.taken_on, r.label, r.taken_by, people))
    return out


def snapshot(session: Session, snapshot_id: str) -> tuple[Network, dict[str, dict[str, tuple[float, float]]]]:
    row = session.get(NetworkSnapshot, snapshot_id)
    if row is None:
        raise NotFound("That snapshot of the network is no longer there.")
    data = json.loads(row.content)
    pos = {d: {k: (v[0], v[1]) for k, v in data.get("positions", {}).get(d, {}).items()} for d in DIAGRAMS}
    return Network.from_json(data["network"]), pos


def remove_snapshot(session: Session, snapshot_id: str, *, user: str) -> None:
    row = session.get(NetworkSnapshot, snapshot_id)
    if row is None:
        raise NotFound("That snapshot of the network is no longer there.")
    case_id = row.case_id
    session.delete(row)
    session.flush()
    record_event(session, user=user, action="delete", case_id=case_id, entity="network_snapshots", entity_id=snapshot_id)


# A person's genogram details.

def genogram_details(session: Session, person_id: str) -> dict[str, Any]:
    p = _get(session, Person, person_id, "That family member is no longer in the record.")
    return {"sex": p.sex or "U", "birth_year": p.birth_year, "death_year": p.death_year, "due_year": p.due_year,
            "flags": list(p.flags or []), "is_index": p.is_index}


def set_genogram_details(session: Session, person_id: str, data: dict[str, Any], *, user: str) -> None:
    form: GenogramPersonForm = validate(GenogramPersonForm, data)
    p = _get(session, Person, person_id, "That family member is no longer in the record.")
    for key, value in form.model_dump().items():
        setattr(p, key, value)
    session.flush()
    record_event(session, user=user, action="update", case_id=p.case_id, entity="people", entity_id=p.id,
                 detail="genogram")


# Links between people, and ecomap systems: one generic path for the editor and its undo.

LINKS: dict[str, tuple[type, type]] = {
    "partnerships": (Partnership, PartnershipForm),
    "parent_links": (ParentLink, ParentLinkForm),
    "emotional_relationships": (EmotionalRelationship, EmotionalForm),
    "ecomap_systems": (EcomapSystem, EcomapSystemForm),
}


def _get(session: Session, model: type, record_id: str, gone: str) -> Any:
    row = session.get(model, record_id)
    if row is None:
        raise NotFound(gone)
    return row


def link_data(session: Session, kind: str, record_id: str) -> dict[str, Any]:
    model, form = LINKS[kind]
    row = _get(session, model, record_id, "That link is no longer in the record.")
    return {f: getattr(row, f) for f in form.model_fields}


def _check_people(session: Session, case_id: str, data: dict[str, Any]) -> None:
    for key, value in data.items():
        ids = value if key == "person_ids" else [value] if key.endswith("_id") and value else []
        for pid in ids:
            p = session.get(Person, pid)
            if p is None or p.case_id != case_id:
                raise ValidationFailed({key: S_("Choose someone in this family.")})


def add_link(session: Session, case_id: str, kind: str, data: dict[str, Any], *, user: str,
             record_id: str | None = None) -> str:
    model, form_cls = LINKS[kind]
    form = validate(form_cls, data)
    values = form.model_dump()
    _check_people(session, case_id, values)
    row = model(case_id=case_id, **values)
    if record_id:
        row.id = record_id
    session.add(row)
    session.flush()
    record_event(session, user=user, action="create", case_id=case_id, entity=kind, entity_id=row.id)
    return str(row.id)


def update_link(session: Session, kind: str, record_id: str, data: dict[str, Any], *, user: str) -> None:
    model, form_cls = LINKS[kind]
    row = _get(session, model, record_id, "That link is no longer in the record.")
    values = validate(form_cls, data).model_dump()
    _check_people(session, row.case_id, values)
    for key, value in values.items():
        setattr(row, key, value)
    session.flush()
    record_event(session, user=user, action="update", case_id=row.case_id, entity=kind, entity_id=row.id)


def remove_link(session: Session, kind: str, record_id: str, *, user: str) -> None:
    model, _form = LINKS[kind]
    row = _get(session, model, record_id, "That link is no longer in the record.")
    case_id = row.case_id
    session.delete(row)
    session.flush()
    if kind == "ecomap_systems":
        session.execute(delete(DiagramPosition).where(DiagramPosition.case_id == case_id,
                                                      DiagramPosition.item_id == record_id))
    record_event(session, user=user, action="delete", case_id=case_id, entity=kind, entity_id=record_id)


# Importing a family file.

def import_family(session: Session, raw: bytes | str, *, user: str, case_id: str | None = None):  # type: ignore[no-untyped-def]
    """Add a family file's network to a case (a new case unless one is given). Record ids keep the
    file's ids after the case's prefix (``1a2b3c4d-P05``), so each can be traced to the file."""
    fam = load_family_file(raw)
    net = network_from_file(fam)
    if case_id is None:
        name = (fam.title or fam.family_id or "Imported").removesuffix(" family").strip()[:200] or "Imported"
        case = create_case(session, {"family_name": name, "summary": f"Imported from family file {fam.family_id}."},
                           user=user)
    else:
        case = get_case(session, case_id)
    pre = case.id[:8]
    rid = lambda x: f"{pre}-{x}"  # noqa: E731
    if any(session.get(Person, rid(p.id)) for p in net.persons):
        raise ValidationFailed({"": S_("This family file has already been imported into this case.")})
    year = fam.recorded_year or date.today().year
    centre = set(net.ecomap_members)
    for fp, p in zip(fam.persons, net.persons, strict=True):
        given, family = _split(p.name)
        young = p.birth_year is None or year - p.birth_year < 18
        session.add(Person(id=rid(p.id), case_id=case.id, kind="child" if young and "donor" not in p.flags else "adult",
                           given_name=given, family_name=family, birth_year=p.birth_year, death_year=p.death_year,
                           due_year=p.due_year, sex=p.sex, sex_assigned_at_birth=fp.sex_assigned_at_birth,
                           is_index=p.is_index, in_household_network=p.id in centre, flags=list(p.flags),
                           notes=p.notes))
    session.flush()
    for h in net.households:
        hh = Household(id=rid(h.id), case_id=case.id, label=h.label[:200], is_main=h.is_main)
        session.add(hh)
        session.flush()
        session.add_all([HouseholdMember(case_id=case.id, household_id=hh.id, person_id=rid(m))
                         for m in dict.fromkeys(h.members)])
    for u in net.unions:
        session.add(Partnership(id=rid(u.id), case_id=case.id, partner_a_id=rid(u.a), partner_b_id=rid(u.b),
                                type=u.type, status=u.status, start_year=u.start_year, end_year=u.end_year,
                                separation_year=u.separation_year, divorce_year=u.divorce_year, notes=u.notes))
    for c, fc in zip(net.children, fam.children, strict=True):
        session.add(ParentLink(id=rid(c.id), case_id=case.id, child_id=rid(c.child), parent_a_id=rid(c.parents[0]),
                               parent_b_id=rid(c.parents[1]) if len(c.parents) > 1 else None, type=c.type,
                               start_year=c.start_year, end_year=c.end_year,
                               birth_parent_id=rid(c.birth_parent) if c.birth_parent else None,
                               donor_id=rid(c.donor) if c.donor else None, notes=fc.notes))
    for t in net.twins:
        session.add(TwinSet(id=rid(t.id), case_id=case.id, type=t.type, member_ids=[rid(m) for m in t.members]))
    for a in net.care:
        session.add(CareArrangement(id=rid(a.id), case_id=case.id, child_id=rid(a.child),
                                    carer_ids=[rid(m) for m in a.carers], type=a.type, start_year=a.start_year))
    for e in net.emotions:
        session.add(EmotionalRelationship(id=rid(e.id), case_id=case.id, from_person_id=rid(e.a), to_person_id=rid(e.b),
                                          type=e.type, directed=e.directed, notes=e.notes))
    for s in net.systems:
        session.add(EcomapSystem(id=rid(s.id), case_id=case.id, name=s.name, category=s.category, line=s.line,
                                 weight=s.weight, flow=s.flow, connects_to_family=s.to_family,
                                 person_ids=[rid(m) for m in s.person_ids], notes=s.notes))
    if net.ecomap_label:
        case.ecomap_centre_label = net.ecomap_label[:200]
    session.flush()
    record_event(session, user=user, action="import", case_id=case.id, entity="family_file",
                 detail=f"{len(net.persons)} people")  # the file's id may be a family name
    return case


def _split(name: str) -> tuple[str, str]:
    name = name.strip()
    if name.startswith("(") or " " not in name:
        return name, ""
    given, _, family = name.rpartition(" ")
    return given, family
