"""The plan and meeting forms, and the plan as plain data for documents, diffs and the checker."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from ...i18n.catalog import S_
from .. import vocab as v
from .forms import Form, Problem
from .types import CleanText, Id


class OutcomeForm(Form):
    description: Annotated[str, Field(max_length=2000)]
    for_person_id: Id | None = None
    need_ids: list[Id] = Field(default_factory=list)

    @field_validator("for_person_id", mode="before")
    @classmethod
    def _none(cls, value: object) -> object:
        return value or None

    @field_validator("description")
    @classmethod
    def _text(cls, value: str) -> str:
        if not value:
            raise ValueError(S_("Say what should be different for the child or the family."))
        return value


class ActionForm(Form):
    description: Annotated[str, Field(max_length=2000)]
    owner: str = ""  # "person:<id>" or "professional:<id>"
    start_on: date | None = None
    due_on: date | None = None
    measure: CleanText = ""
    support: CleanText = ""
    child_friendly: CleanText = ""
    picture: str = ""  # a topic of models.pictures; "" = suggested from the action's words
    status: v.ActionStatus = v.ActionStatus.NOT_STARTED
    rag: v.Rag | None = None

    @field_validator("description")
    @classmethod
    def _text(cls, value: str) -> str:
        if not value:
            raise ValueError(S_("Say what will be done."))
        return value

    @field_validator("rag", mode="before")
    @classmethod
    def _no_rag(cls, value: object) -> object:
        return value or None

    @field_validator("picture")
    @classmethod
    def _picture(cls, value: str) -> str:
        from ..pictures import BY_KEY

        if value and value not in BY_KEY:
            raise ValueError(S_("Choose a picture from the list."))
        return value

    @field_validator("owner")
    @classmethod
    def _owner(cls, value: str) -> str:
        if value and not (value.startswith("person:") or value.startswith("professional:")):
            raise ValueError(S_("Choose the owner from the family or the team."))
        return value

    @model_validator(mode="after")
    def _dates(self) -> ActionForm:
        if self.start_on and self.due_on and self.start_on > self.due_on:
            raise Problem(S_("The due date is before the start date."), "due_on")
        return self


class MeetingForm(Form):
    kind: v.MeetingKind
    starts_at: datetime  # local wall-clock time (Europe/London) as typed
    venue: Annotated[str, Field(max_length=300)] = ""
    chair_professional_id: Id | None = None

    @field_validator("chair_professional_id", mode="before")
    @classmethod
    def _none(cls, value: object) -> object:
        return value or None

    @field_validator("starts_at")
    @classmethod
    def _sane(cls, value: datetime, info: ValidationInfo) -> datetime:
        if value.year < 2000 or value.year > 2100:
            raise ValueError(S_("This meeting date cannot be right."))
        return value


class ActionDTO(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str
    lineage_id: str
    description: str
    child_friendly: str = ""
    picture: str = ""
    owner: str = ""  # display name
    owner_role: str = ""  # "Health Visitor, Riverside Health Visiting Team" / "mother"
    start_on: date | None = None
    due_on: date | None = None
    measure: str = ""
    support: str = ""
    status: str = "not_started"
    rag: str | None = None


class OutcomeDTO(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str
    lineage_id: str
    description: str
    for_person: str = ""  # display name, "" for the whole family
    for_person_id: str | None = None
    for_child: bool = False
    need_ids: tuple[str, ...] = ()
    actions: tuple[ActionDTO, ...] = ()


class NeedDTO(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str
    description: str
    outcome_areas: tuple[str, ...] = ()
    concerns_child: bool = False
    concerns_adult: bool = False
    uncovered_reason: str = ""


class PlanDTO(BaseModel):
    """One version of the family plan, with names resolved, ready to print or compare."""

    model_config = ConfigDict(frozen=True)

    case_reference: str
    family_name: str
    number: int
    status: str
    agreed_on: date | None = None
    review_by: date | None = None
    visit_frequency: str = ""
    child_seen_alone_frequency: str = ""
    likely_duration: str = ""
    outcomes: tuple[OutcomeDTO, ...] = ()
    needs: tuple[NeedDTO, ...] = ()
    team: tuple[tuple[str, str], ...] = ()  # (name, role and agency)
    lead_professional: str = ""
