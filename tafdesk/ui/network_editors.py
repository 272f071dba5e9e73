"""List-and-form editors of the family network: genogram details of each person, partnerships,
parents and children, relationships, ecomap systems. Autosave, drafts and undo come from
``RecordEditor``; every change goes through the genogram services."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import vocab as v
from ..models.genogram.drawing import EMOTION_WORDS, UNION_WORDS
from ..models.genogram.labels import FLAG_WORDS, LOSS_WORDS
from ..models.orm import EcomapSystem, EmotionalRelationship, ParentLink, Partnership
from ..models.services import genogram as geno
from ..models.services.people import list_people
from .editor import RecordEditor, Row
from .forms import Field
from .undo import Entity

YEAR_HINT = "A year, e.g. 1988; leave empty if not known"


def link_entity(kind: str, noun: str) -> Entity:
    return Entity(
        kind=kind, noun=noun,
        add=lambda s, case_id, data, user, rid: geno.add_link(s, case_id, kind, data, user=user, record_id=rid),
        update=lambda s, rid, data, user: geno.update_link(s, kind, rid, data, user=user),
        remove=lambda s, rid, user: geno.remove_link(s, kind, rid, user=user),
        snapshot=lambda s, rid: _shown(geno.link_data(s, kind, rid)),
        reuse_id=lambda s, rid: rid,
        name_of=lambda data: noun,
    )


def _shown(data: dict[str, Any]) -> dict[str, Any]:
    if "parent_b_id" in data and not data["parent_b_id"]:
        data["parent_b_id"] = "none"  # the "Not known" choice
    return data


def _no_add(s: Session, case_id: str, data: dict[str, Any], user: str, rid: str | None) -> str:
    raise NotImplementedError  # people are added in the family list


DETAILS = Entity(
    kind="people", noun="genogram details",
    add=_no_add,
    update=lambda s, rid, data, user: geno.set_genogram_details(s, rid, data, user=user),
    remove=lambda s, rid, user: None,
    snapshot=lambda s, rid: geno.genogram_details(s, rid),
    reuse_id=lambda s, rid: rid,
    name_of=lambda data: "genogram details",
)
PARTNERSHIPS = link_entity("partnerships", "partnership")
PARENT_LINKS = link_entity("parent_links", "parent and child link")
RELATIONSHIPS = link_entity("emotional_relationships", "relationship")
SYSTEMS = link_entity("ecomap_systems", "ecomap system")

MARKS = tuple((k, w) for k, w in {"pregnancy": "pregnancy", **LOSS_WORDS, **FLAG_WORDS}.items())


def _people(s: Session, case_id: str) -> list[tuple[str, str]]:
    return [(p.id, p.display_name) for p in list_people(s, case_id)]


def _names(s: Session, case_id: str) -> dict[str, str]:
    return dict(_people(s, case_id))


class _NetworkEditor(RecordEditor):
    reuse_new_id = True
    listens = frozenset({"people"})

    def __init__(self, ops: Any, parent: QWidget | None = None) -> None:
        super().__init__(ops, parent)
        self.setAccessibleName(f"{self.title} editor")

    def prefill(self, **values: Any) -> None:
        """Start a new record with some fields already chosen (from the diagram's menu)."""
        self.new_record()
        raw = self.form.raw()
        raw.update({k: val for k, val in values.items() if k in raw})
        self.form.set_raw(raw)
        for k in values:
            if k in self.form.fields:
                self._edited(k)


class DetailsEditor(_NetworkEditor):
    entity = DETAILS
    title = "People in the genogram"
    empty_hint = "Choose someone to record what the genogram shows of them: years, marks, the index child."
    fields = (
        Field("sex", "Sex", "choice", tuple((s.value, w) for s, w in zip(
            v.Sex, ("Male (square)", "Female (circle)", "Non-binary or other (diamond)", "Not known"), strict=True))),
        Field("birth_year", "Year of birth", hint=YEAR_HINT),
        Field("death_year", "Year of death", hint=YEAR_HINT),
        Field("due_year", "Year due (pregnancy)", hint=YEAR_HINT),
        Field("flags", "Marks on the genogram", "multi", MARKS),
        Field("is_index", "The index child (double outline)", "check"),
    )

    def __init__(self, ops: Any, parent: QWidget | None = None) -> None:
        super().__init__(ops, parent)
        self.add_button.hide()
        self.remove_button.hide()
        self.remove_action.setVisible(False)

    def load_rows(self, s: Session, case_id: str) -> list[Row]:
        return _people(s, case_id)

    def new_record(self) -> None:  # people are added in the family list
        self.status.setText("Add people in Family members; their genogram details are recorded here.")

    def remove_record(self) -> None:
        self.status.setText("Remove people in Family members.")


class PartnershipEditor(_NetworkEditor):
    entity = PARTNERSHIPS
    title = "Partnerships"
    add_text = "Add partnership"
    remove_text = "Remove partnership"
    empty_hint = "Choose a partnership, or add one: marriage, civil partnership, living together, dating."
    fields = (
        Field("partner_a_id", "Partner", "choice"),
        Field("partner_b_id", "Partner", "choice"),
        Field("type", "Kind", "choice", tuple((t.value, UNION_WORDS[t.value]) for t in v.PartnershipType)),
        Field("status", "Now", "choice", tuple((t.value, t.value.capitalize()) for t in v.PartnershipStatus)),
        Field("start_year", "From (year)", hint=YEAR_HINT),
        Field("separation_year", "Separated (year)", hint=YEAR_HINT),
        Field("divorce_year", "Divorced (year)", hint=YEAR_HINT),
        Field("end_year", "Ended (year)", hint=YEAR_HINT),
        Field("notes", "Notes", "multiline"),
    )

    def load_rows(self, s: Session, case_id: str) -> list[Row]:
        n = _names(s, case_id)
        rows = s.scalars(select(Partnership).where(Partnership.case_id == case_id).order_by(Partnership.start_year))
        return [(r.id, f"{n.get(r.partner_a_id, '?')} and {n.get(r.partner_b_id, '?')} "
                       f"({UNION_WORDS.get(r.type, r.type).lower()}, {r.status})") for r in rows]

    def load_choices(self, s: Session, case_id: str) -> dict[str, list[tuple[str, str]]]:
        people = _people(s, case_id)
        return {"partner_a_id": people, "partner_b_id": people}

    def defaults(self) -> dict[str, Any]:
        return {"type": "marriage", "status": "current"}


class ParentLinkEditor(_NetworkEditor):
    entity = PARENT_LINKS
    title = "Parents and children"
    add_text = "Add parent and child link"
    remove_text = "Remove link"
    empty_hint = "Choose a link between a child and their parents, or add one (birth, adoption, fostering)."
    fields = (
        Field("child_id", "Child", "choice"),
        Field("parent_a_id", "Parent", "choice"),
        Field("parent_b_id", "Other parent", "choice", hint="Leave as not known when there is none recorded"),
        Field("type", "Kind", "choice", tuple((t.value, t.value.replace("_", " ").capitalize()) for t in v.ParentLinkType)),
        Field("start_year", "From (year)", hint="For a placement or step relationship"),
        Field("end_year", "Until (year)", hint=YEAR_HINT),
        Field("notes", "Notes", "multiline"),
    )

    def load_rows(self, s: Session, case_id: str) -> list[Row]:
        n = _names(s, case_id)
        rows = s.scalars(select(ParentLink).where(ParentLink.case_id == case_id).order_by(ParentLink.id))
        out = []
        for r in rows:
            parents = " and ".join(n.get(p, "?") for p in (r.parent_a_id, r.parent_b_id) if p)
            out.append((r.id, f"{n.get(r.child_id, '?')}: {r.type.replace('_', ' ')} child of {parents}"))
        return sorted(out, key=lambda t: t[1])

    def load_choices(self, s: Session, case_id: str) -> dict[str, list[tuple[str, str]]]:
        people = _people(s, case_id)
        return {"child_id": people, "parent_a_id": people, "parent_b_id": [("none", "Not known")] + people}

    def defaults(self) -> dict[str, Any]:
        return {"type": "biological", "parent_b_id": "none"}


class RelationshipEditor(_NetworkEditor):
    entity = RELATIONSHIPS
    title = "Relationships"
    add_text = "Add relationship"
    remove_text = "Remove relationship"
    empty_hint = "Choose a relationship line, or add one: close, distant, conflict, cut off, abuse..."
    fields = (
        Field("from_person_id", "From", "choice"),
        Field("to_person_id", "To", "choice"),
        Field("type", "Kind", "choice", tuple((t.value, EMOTION_WORDS[t.value]) for t in v.EmotionalRelationshipType)),
        Field("directed", "It goes one way, from the first to the second (arrow)", "check"),
        Field("notes", "Notes", "multiline"),
    )

    def load_rows(self, s: Session, case_id: str) -> list[Row]:
        n = _names(s, case_id)
        rows = s.scalars(select(EmotionalRelationship).where(EmotionalRelationship.case_id == case_id)
                         .order_by(EmotionalRelationship.id))
        return sorted(((r.id, f"{n.get(r.from_person_id, '?')} {'to' if r.directed else 'and'} "
                              f"{n.get(r.to_person_id, '?')}: {EMOTION_WORDS.get(r.type, r.type).lower()}")
                       for r in rows), key=lambda t: t[1])

    def load_choices(self, s: Session, case_id: str) -> dict[str, list[tuple[str, str]]]:
        people = _people(s, case_id)
        return {"from_person_id": people, "to_person_id": people}

    def defaults(self) -> dict[str, Any]:
        return {"type": "close"}


class SystemEditor(_NetworkEditor):
    entity = SYSTEMS
    title = "Ecomap systems"
    add_text = "Add system"
    remove_text = "Remove system"
    empty_hint = "Choose a service, school, group or person around the household, or add one."
    fields = (
        Field("name", "Name"),
        Field("category", "Kind", hint="e.g. education, health, faith, extended family"),
        Field("line", "Connection", "choice", (("strong", "Strong"), ("moderate", "Moderate"), ("tenuous", "Tenuous"),
                                               ("stressful", "Stressful"), ("strong_stressful", "Strong but stressful"),
                                               ("broken", "Broken, cut off"))),
        Field("weight", "Strength (line thickness)", "choice", (("1", "1 (thin)"), ("2", "2"), ("3", "3 (thick)"))),
        Field("flow", "Energy and resources flow", "choice", (("to_family", "To the family"),
                                                              ("from_family", "From the family"),
                                                              ("both", "Both ways"), ("none", "Neither"))),
        Field("connects_to_family", "Connected to the household as a whole", "check"),
        Field("person_ids", "Connected to these people", "multi"),
        Field("recorded_on", "As at (date)", "date"),
        Field("notes", "Notes", "multiline"),
    )

    def load_rows(self, s: Session, case_id: str) -> list[Row]:
        rows = s.scalars(select(EcomapSystem).where(EcomapSystem.case_id == case_id).order_by(EcomapSystem.name))
        return [(r.id, f"{r.name} ({r.line.replace('_', ' ')})") for r in rows]

    def load_choices(self, s: Session, case_id: str) -> dict[str, list[tuple[str, str]]]:
        return {"person_ids": _people(s, case_id)}

    def defaults(self) -> dict[str, Any]:
        return {"line": "moderate", "weight": "1", "flow": "to_family", "connects_to_family": True}
