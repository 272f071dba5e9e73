"""Forms of the genogram and ecomap editor: a person's genogram details and each kind of link."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import Field, field_validator, model_validator

from ...i18n.catalog import S_
from .. import vocab as v
from .forms import Form, Problem
from .types import CleanText, Id

Year = Annotated[int, Field(ge=1850, le=2200)]
FLAGS = frozenset({
    "pregnancy", "miscarriage", "termination", "stillbirth", "unknown_identity", "donor", "adopted",
    "looked_after", "kinship_care", "foster_carer", "sgo_carer", "in_prison", "lives_abroad",
    "care_home", "substance_misuse", "young_parent", "SEND",
})


def _empty_is_none(value: object) -> object:
    """An empty field (or "none" chosen) means not known."""
    if isinstance(value, str) and value.strip().lower() in ("", "none"):
        return None
    return value


YEARS = ("birth_year", "death_year", "due_year", "start_year", "end_year", "separation_year", "divorce_year")


class GenogramPersonForm(Form):
    """What the genogram shows of a person beyond their details in the family list."""

    sex: v.Sex = v.Sex.UNKNOWN
    birth_year: Year | None = None
    death_year: Year | None = None
    due_year: Year | None = None
    flags: list[str] = Field(default_factory=list)
    is_index: bool = False

    _years = field_validator("birth_year", "death_year", "due_year", mode="before")(
        classmethod(lambda cls, x: _empty_is_none(x)))

    @model_validator(mode="after")
    def _whole(self) -> GenogramPersonForm:
        unknown = sorted(set(self.flags) - FLAGS)
        if unknown:
            raise Problem(S_("Not a genogram mark: {marks}.", marks=", ".join(unknown)), "flags")
        if self.birth_year and self.death_year and self.death_year < self.birth_year:
            raise Problem(S_("The year of death cannot be before the year of birth."), "death_year")
        if "pregnancy" in self.flags and self.due_year is None:
            raise Problem(S_("Give the year the baby is due."), "due_year")
        return self


class PartnershipForm(Form):
    partner_a_id: Id
    partner_b_id: Id
    type: v.PartnershipType = v.PartnershipType.MARRIAGE
    status: v.PartnershipStatus = v.PartnershipStatus.CURRENT
    start_year: Year | None = None
    end_year: Year | None = None
    separation_year: Year | None = None
    divorce_year: Year | None = None
    notes: CleanText = ""

    _years = field_validator("start_year", "end_year", "separation_year", "divorce_year", mode="before")(
        classmethod(lambda cls, x: _empty_is_none(x)))

    @model_validator(mode="after")
    def _whole(self) -> PartnershipForm:
        if self.partner_a_id == self.partner_b_id:
            raise Problem(S_("Choose two different people."), "partner_b_id")
        if self.start_year and self.end_year and self.end_year < self.start_year:
            raise Problem(S_("The partnership cannot end before it began."), "end_year")
        return self


class ParentLinkForm(Form):
    child_id: Id
    parent_a_id: Id
    parent_b_id: Id | None = None
    type: v.ParentLinkType = v.ParentLinkType.BIOLOGICAL
    start_year: Year | None = None
    end_year: Year | None = None
    notes: CleanText = ""

    _years = field_validator("parent_b_id", "start_year", "end_year", mode="before")(
        classmethod(lambda cls, x: _empty_is_none(x)))

    @model_validator(mode="after")
    def _whole(self) -> ParentLinkForm:
        if self.child_id in (self.parent_a_id, self.parent_b_id):
            raise Problem(S_("A person cannot be their own parent."), "parent_a_id")
        if self.parent_a_id == self.parent_b_id:
            raise Problem(S_("Choose a different second parent, or none."), "parent_b_id")
        return self


class EmotionalForm(Form):
    from_person_id: Id
    to_person_id: Id
    type: v.EmotionalRelationshipType
    directed: bool = False
    notes: CleanText = ""

    @model_validator(mode="after")
    def _whole(self) -> EmotionalForm:
        if self.from_person_id == self.to_person_id:
            raise Problem(S_("Choose two different people."), "to_person_id")
        return self


class EcomapSystemForm(Form):
    name: Annotated[str, Field(min_length=1, max_length=200)]
    category: Annotated[str, Field(max_length=64)] = ""
    line: v.EcomapLine = v.EcomapLine.MODERATE
    weight: Annotated[int, Field(ge=1, le=3)] = 1
    flow: v.EcomapFlow = v.EcomapFlow.NONE
    connects_to_family: bool = True
    person_ids: list[Id] = Field(default_factory=list)
    recorded_on: date | None = None
    notes: CleanText = ""

    @model_validator(mode="after")
    def _whole(self) -> EcomapSystemForm:
        if not self.connects_to_family and not self.person_ids:
            raise Problem(S_("Say whom the line goes to: the household, or named people."), "person_ids")
        return self
