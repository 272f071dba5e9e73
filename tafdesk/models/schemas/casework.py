"""Forms of the work with the family over time: chronology, visits and supervision notes."""

from __future__ import annotations

from datetime import date

from pydantic import Field, ValidationInfo, field_validator, model_validator

from ...i18n.catalog import S_
from .. import vocab as v
from .forms import Form, Name, Problem, _not_future
from .types import CleanText, Id


class ChronologyForm(Form):
    occurred_on: date
    what: CleanText
    source: Name = ""
    significance: v.Significance = v.Significance.MEDIUM
    person_ids: list[Id] = Field(default_factory=list)

    @field_validator("occurred_on")
    @classmethod
    def _on(cls, value: date, info: ValidationInfo) -> date:
        return _not_future(value, info, S_("A chronology event cannot be in the future."))  # type: ignore[return-value]

    @field_validator("what")
    @classmethod
    def _what(cls, value: str) -> str:
        if not value:
            raise ValueError(S_("Say what happened."))
        return value


class VisitForm(Form):
    visited_on: date
    professional_id: Id | None = None
    venue: Name = ""
    purpose: CleanText = ""
    seen_person_ids: list[Id] = Field(default_factory=list)
    seen_alone_child_ids: list[Id] = Field(default_factory=list)
    notes: CleanText = ""

    @field_validator("visited_on")
    @classmethod
    def _on(cls, value: date, info: ValidationInfo) -> date:
        return _not_future(value, info, S_("A visit cannot be in the future."))  # type: ignore[return-value]

    @model_validator(mode="after")
    def _whole(self) -> VisitForm:
        if not self.purpose:
            raise Problem(S_("Say what the visit was for."), "purpose")
        if not self.seen_person_ids:
            raise Problem(S_("Tick who was seen at the visit."), "seen_person_ids")
        alone_not_seen = set(self.seen_alone_child_ids) - set(self.seen_person_ids)
        if alone_not_seen:
            raise Problem(S_("A child seen alone was also seen: tick them under "
                             "\u201cwho was seen\u201d too."), "seen_alone_child_ids")
        return self


class SupervisionForm(Form):
    held_on: date
    supervisor: Name
    occasion: v.SupervisionOccasion
    note: CleanText = Field(default="", validate_default=True)
    actions_agreed: CleanText = ""

    @field_validator("held_on")
    @classmethod
    def _on(cls, value: date, info: ValidationInfo) -> date:
        return _not_future(value, info, S_("A supervision cannot be in the future."))  # type: ignore[return-value]

    @field_validator("supervisor")
    @classmethod
    def _who(cls, value: str) -> str:
        if not value:
            raise ValueError(S_("Give the supervisor's name."))
        return value

    @field_validator("note")
    @classmethod
    def _note(cls, value: str) -> str:
        if not value:
            raise ValueError(S_("Write what was discussed and decided."))
        return value
