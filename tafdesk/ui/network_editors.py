"""List-and-form editors of the family network: genogram details of each person, partnerships,
parents and children, relationships, ecomap systems. Autosave, drafts and undo come from
``RecordEditor``; every change goes through the genogram services."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..i18n.ui import N_, _
from ..models import vocab as v
from ..models.genogram.drawing import EMOTION_WORDS, UNION_WORDS
from ..models.genogram.labels import FLAG_WORDS, LOSS_WORDS
from ..models.orm import EcomapSystem, EmotionalRelationship, ParentLink, Partnership
from ..models.services import genogram as geno
from ..models.services.people import list_people
from .editor import RecordEditor, Row
from .forms import Field
from .undo import Entity

YEAR_HINT = N_("A year, e.g. 1988; leave empty if not known")


def link_entity(kind: str, noun: str) -> Entity:
    return Entity(
        kind=kind, noun=noun,
        add=lambda s, case_id, data, user, rid: geno.add_link(s, case_id, kind, data, user=user, record_id=rid),
        update=lambda s, rid, data, user: geno.update_link(s, kind, rid, data, user=user),
        remove=lambda s, rid, user: geno.remove_link(s, kind, rid, user=user),
        snapshot=lambda s, rid: _shown(geno.link_data(s, kind, rid)),
        reuse_id=lambda s, rid: rid,
        name_of=lambda data: noun,  # marked N_ by the caller
    )


def _shown(data: dict[str, Any]) -> dict[str, Any]:
    if "parent_b_id" in data and not data["parent_b_id"]:
        data["parent_b_id"] = "none"  # the "Not known" choice
    return data


def _no_add(s: Session, case_id: str, data: dict[str, Any], user: str, rid: str | None) -> str:
    raise NotImplementedError  # people are added in the family list


DETAILS = Entity(
    kind="people", noun=N_("genogram details"),
    add=_no_add,
    update=lambda s, rid, data, user: geno.set_genogram_details(s, rid, data, user=user),
    remove=lambda s, rid, user: None,
    snapshot=lambda s, rid: geno.genogram_details(s, rid),
    reuse_id=lambda s, rid: rid,
    name_of=lambda data: N_("genogram details"),
)
PARTNERSHIPS = link_entity("partnerships", N_("partnership"))
PARENT_LINKS = link_entity("parent_links", N_("parent and child link"))
RELATIONSHIPS = link_entity("emotional_relationships", N_("relationship"))
SYSTEMS = link_entity("ecomap_systems", N_("ecomap system"))

MARKS = tuple((k, w) for k, w in {"pregnancy": N_("pregnancy"), **LOSS_WORDS, **FLAG_WORDS}.items())
PARTNERSHIP_STATUS = {v.PartnershipStatus.CURRENT: N_("Current"), v.PartnershipStatus.SEPARATED: N_("Separated"),
                      v.PartnershipStatus.DIVORCED: N_("Divorced"), v.PartnershipStatus.WIDOWED: N_("Widowed"),
                      v.PartnershipStatus.ENDED: N_("Ended")}
PARENT_LINK_TYPE = {v.ParentLinkType.BIOLOGICAL: N_("Biological"), v.ParentLinkType.ADOPTED: N_("Adopted"),
                    v.ParentLinkType.FOSTER: N_("Foster"), v.ParentLinkType.STEP: N_("Step-parent"),
                    v.ParentLinkType.KINSHIP_CARE: N_("Kinship care")}
LINES = (("strong", N_("Strong")), ("moderate", N_("Moderate")), ("tenuous", N_("Tenuous")),
         ("stressful", N_("Stressful")), ("strong_stressful", N_("Strong but stressful")),
         ("broken", N_("Broken, cut off")))


def _word(table: dict[str, str], key: str) -> str:
    """A stored value in words, in the user's language (an unknown value as it is)."""
    return _(table[key]) if key in table else key


def _people(s: Session, case_id: str) -> list[tuple[str, str]]:
    return [(p.id, p.display_name) for p in list_people(s, case_id)]


def _names(s: Session, case_id: str) -> dict[str, str]:
    return dict(_people(s, case_id))


class _NetworkEditor(RecordEditor):
    reuse_new_id = True
    listens = frozenset({"people"})

    def __init__(self, ops: Any, parent: QWidget | None = None) -> None:
        super().__init__(ops, parent)
        self.setAccessibleName(_("{title} editor", title=_(self.title)))

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
    title = N_("People in the genogram")
    empty_hint = N_("Choose someone to record what the genogram shows of them: years, marks, the index child.")
    fields = (
        Field("sex", N_("Sex"), "choice", tuple((s.value, w) for s, w in zip(
            v.Sex, (N_("Male (square)"), N_("Female (circle)"), N_("Non-binary or other (diamond)"),
                    N_("Not known")), strict=True))),
        Field("birth_year", N_("Year of birth"), hint=YEAR_HINT),
        Field("death_year", N_("Year of death"), hint=YEAR_HINT),
        Field("due_year", N_("Year due (pregnancy)"), hint=YEAR_HINT),
        Field("flags", N_("Marks on the genogram"), "multi", MARKS),
        Field("is_index", N_("The index child (double outline)"), "check"),
    )

    def __init__(self, ops: Any, parent: QWidget | None = None) -> None:
        super().__init__(ops, parent)
        self.add_button.hide()
        self.remove_button.hide()
        self.remove_action.setVisible(False)

    def load_rows(self, s: Session, case_id: str) -> list[Row]:
        return _people(s, case_id)

    def new_record(self) -> None:  # people are added in the family list
        self.status.setText(_("Add people in Family members; their genogram details are recorded here."))

    def remove_record(self) -> None:
        self.status.setText(_("Remove people in Family members."))


class PartnershipEditor(_NetworkEditor):
    entity = PARTNERSHIPS
    title = N_("Partnerships")
    add_text = N_("Add partnership")
    remove_text = N_("Remove partnership")
    empty_hint = N_("Choose a partnership, or add one: marriage, civil partnership, living together, dating.")
    fields = (
        Field("partner_a_id", N_("Partner"), "choice"),
        Field("partner_b_id", N_("Partner"), "choice"),
        Field("type", N_("Kind"), "choice", tuple((t.value, UNION_WORDS[t.value]) for t in v.PartnershipType)),
        Field("status", N_("Now"), "choice", tuple((t.value, PARTNERSHIP_STATUS[t]) for t in v.PartnershipStatus)),
        Field("start_year", N_("From (year)"), hint=YEAR_HINT),
        Field("separation_year", N_("Separated (year)"), hint=YEAR_HINT),
        Field("divorce_year", N_("Divorced (year)"), hint=YEAR_HINT),
        Field("end_year", N_("Ended (year)"), hint=YEAR_HINT),
        Field("notes", N_("Notes"), "multiline"),
    )

    def load_rows(self, s: Session, case_id: str) -> list[Row]:
        n = _names(s, case_id)
        rows = s.scalars(select(Partnership).where(Partnership.case_id == case_id).order_by(Partnership.start_year))
        return [(r.id, _("{partner} and {other_partner} ({kind}, {status})", partner=n.get(r.partner_a_id, "?"),
                         other_partner=n.get(r.partner_b_id, "?"), kind=_word(UNION_WORDS, r.type).lower(),
                         status=_word(PARTNERSHIP_STATUS, r.status).lower())) for r in rows]

    def load_choices(self, s: Session, case_id: str) -> dict[str, list[tuple[str, str]]]:
        people = _people(s, case_id)
        return {"partner_a_id": people, "partner_b_id": people}

    def defaults(self) -> dict[str, Any]:
        return {"type": "marriage", "status": "current"}


class ParentLinkEditor(_NetworkEditor):
    entity = PARENT_LINKS
    title = N_("Parents and children")
    add_text = N_("Add parent and child link")
    remove_text = N_("Remove link")
    empty_hint = N_("Choose a link between a child and their parents, or add one (birth, adoption, fostering).")
    fields = (
        Field("child_id", N_("Child"), "choice"),
        Field("parent_a_id", N_("Parent"), "choice"),
        Field("parent_b_id", N_("Other parent"), "choice", hint=N_("Leave as not known when there is none recorded")),
        Field("type", N_("Kind"), "choice", tuple((t.value, PARENT_LINK_TYPE[t]) for t in v.ParentLinkType)),
        Field("start_year", N_("From (year)"), hint=N_("For a placement or step relationship")),
        Field("end_year", N_("Until (year)"), hint=YEAR_HINT),
        Field("notes", N_("Notes"), "multiline"),
    )

    def load_rows(self, s: Session, case_id: str) -> list[Row]:
        n = _names(s, case_id)
        rows = s.scalars(select(ParentLink).where(ParentLink.case_id == case_id).order_by(ParentLink.id))
        out = []
        for r in rows:
            child, kind = n.get(r.child_id, "?"), _word(PARENT_LINK_TYPE, r.type).lower()
            if r.parent_a_id and r.parent_b_id:
                text = _("{child}: {kind} child of {parent} and {other_parent}", child=child, kind=kind,
                         parent=n.get(r.parent_a_id, "?"), other_parent=n.get(r.parent_b_id, "?"))
            else:
                text = _("{child}: {kind} child of {parent}", child=child, kind=kind,
                         parent=n.get(r.parent_a_id or r.parent_b_id or "", "?"))
            out.append((r.id, text))
        return sorted(out, key=lambda t: t[1])

    def load_choices(self, s: Session, case_id: str) -> dict[str, list[tuple[str, str]]]:
        people = _people(s, case_id)
        return {"child_id": people, "parent_a_id": people, "parent_b_id": [("none", _("Not known"))] + people}

    def defaults(self) -> dict[str, Any]:
        return {"type": "biological", "parent_b_id": "none"}


class RelationshipEditor(_NetworkEditor):
    entity = RELATIONSHIPS
    title = N_("Relationships")
    add_text = N_("Add relationship")
    remove_text = N_("Remove relationship")
    empty_hint = N_("Choose a relationship line, or add one: close, distant, conflict, cut off, abuse...")
    fields = (
        Field("from_person_id", N_("From"), "choice"),
        Field("to_person_id", N_("To"), "choice"),
        Field("type", N_("Kind"), "choice",
              tuple((t.value, EMOTION_WORDS[t.value]) for t in v.EmotionalRelationshipType)),
        Field("directed", N_("It goes one way, from the first to the second (arrow)"), "check"),
        Field("notes", N_("Notes"), "multiline"),
    )

    def load_rows(self, s: Session, case_id: str) -> list[Row]:
        n = _names(s, case_id)
        rows = s.scalars(select(EmotionalRelationship).where(EmotionalRelationship.case_id == case_id)
                         .order_by(EmotionalRelationship.id))
        out = []
        for r in rows:
            one, other, kind = n.get(r.from_person_id, "?"), n.get(r.to_person_id, "?"), _word(EMOTION_WORDS, r.type)
            out.append((r.id, _("{person} to {other_person}: {kind}", person=one, other_person=other,
                                kind=kind.lower()) if r.directed
                        else _("{person} and {other_person}: {kind}", person=one, other_person=other,
                               kind=kind.lower())))
        return sorted(out, key=lambda t: t[1])

    def load_choices(self, s: Session, case_id: str) -> dict[str, list[tuple[str, str]]]:
        people = _people(s, case_id)
        return {"from_person_id": people, "to_person_id": people}

    def defaults(self) -> dict[str, Any]:
        return {"type": "close"}


class SystemEditor(_NetworkEditor):
    entity = SYSTEMS
    title = N_("Ecomap systems")
    add_text = N_("Add system")
    remove_text = N_("Remove system")
    empty_hint = N_("Choose a service, school, group or person around the household, or add one.")
    fields = (
        Field("name", N_("Name of the service, group or person")),
        Field("category", N_("Kind"), hint=N_("e.g. education, health, faith, extended family")),
        Field("line", N_("Connection"), "choice", LINES),
        Field("weight", N_("Strength (line thickness)"), "choice",
              (("1", N_("1 (thin)")), ("2", "2"), ("3", N_("3 (thick)")))),
        Field("flow", N_("Energy and resources flow"), "choice", (("to_family", N_("To the family")),
                                                                  ("from_family", N_("From the family")),
                                                                  ("both", N_("Both ways")), ("none", N_("Neither")))),
        Field("connects_to_family", N_("Connected to the household as a whole"), "check"),
        Field("person_ids", N_("Connected to these people"), "multi"),
        Field("recorded_on", N_("As at (date)"), "date"),
        Field("notes", N_("Notes"), "multiline"),
    )

    def load_rows(self, s: Session, case_id: str) -> list[Row]:
        rows = s.scalars(select(EcomapSystem).where(EcomapSystem.case_id == case_id).order_by(EcomapSystem.name))
        lines = dict(LINES)
        return [(r.id, _("{name} ({connection})", name=r.name,
                         connection=_word(lines, r.line).lower())) for r in rows]

    def load_choices(self, s: Session, case_id: str) -> dict[str, list[tuple[str, str]]]:
        return {"person_ids": _people(s, case_id)}

    def defaults(self) -> dict[str, Any]:
        return {"line": "moderate", "weight": "1", "flow": "to_family", "connects_to_family": True}
