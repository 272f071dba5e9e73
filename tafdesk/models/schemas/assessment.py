"""Forms of the Early Help Assessment: its sections, each child's voice, the adults' and the
professionals' views, needs, direct work, and the manager's authorisation.

Each record can be marked "not to be shared with the family" with a reason; the services keep
that mark in the ``restrictions`` table, where every document finds it.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated

from pydantic import Field, ValidationInfo, field_validator, model_validator

from ...i18n.catalog import N_, S_
from .. import vocab as v
from .forms import LANGUAGE, Form, Name, Problem, _not_future
from .types import CleanText, Id, short_text

MAX_IMAGE_BYTES = 15 * 1024 * 1024


class Section(StrEnum):
    """The free-text sections of the assessment, in the order the document shows them."""

    STRENGTHS = "strengths"
    WORRIES = "worries"
    HISTORY = "history"
    PREVIOUS_HELP = "previous_help"
    CULTURE_IDENTITY = "culture_identity"
    ACCESS_NEEDS = "access_needs"
    FAMILY_GOALS = "family_goals"
    ANALYSIS = "analysis"


SECTION_TITLES: dict[Section, str] = {
    Section.STRENGTHS: N_("Strengths and what is going well"),
    Section.WORRIES: N_("What the family and others are worried about"),
    Section.HISTORY: N_("History and long-standing difficulties"),
    Section.PREVIOUS_HELP: N_("Help given before"),
    Section.CULTURE_IDENTITY: N_("Culture, identity and protected characteristics"),
    Section.ACCESS_NEEDS: N_("Access, interpreter and communication needs"),
    Section.FAMILY_GOALS: N_("The family's goals"),
    Section.ANALYSIS: N_("Analysis"),
}

NOT_SHARED_REASON = N_("Say why this is not shared with the family.")


class Shareable(Form):
    """A record that may be kept out of the family's copy, with the reason."""

    not_shared: bool = False
    not_shared_reason: CleanText = ""

    @model_validator(mode="after")
    def _reason(self) -> Shareable:
        if self.not_shared and not self.not_shared_reason:
            raise Problem(S_(NOT_SHARED_REASON), "not_shared_reason")
        return self


class StartAssessmentForm(Form):
    started_on: date

    @field_validator("started_on")
    @classmethod
    def _started(cls, value: date, info: ValidationInfo) -> date:
        return _not_future(value, info, S_("The start of the assessment cannot be in the future."))  # type: ignore[return-value]


class AssessmentForm(Form):
    started_on: date | None = Field(default=None, validate_default=True)
    strengths: CleanText = ""
    worries: CleanText = ""
    history: CleanText = ""
    previous_help: CleanText = ""
    culture_identity: CleanText = ""
    access_needs: CleanText = ""
    family_goals: CleanText = ""
    analysis: CleanText = ""
    level_of_need: v.LevelOfNeed | None = None
    not_shared_sections: list[Section] = Field(default_factory=list)
    not_shared_reason: CleanText = ""

    @field_validator("started_on")
    @classmethod
    def _started(cls, value: date | None, info: ValidationInfo) -> date | None:
        if value is None:
            raise ValueError(S_("Give the date the assessment started."))
        return _not_future(value, info, S_("The start of the assessment cannot be in the future."))

    @model_validator(mode="after")
    def _reason(self) -> AssessmentForm:
        if self.not_shared_sections and not self.not_shared_reason:
            raise Problem(S_("Say why these sections are not shared with the family."), "not_shared_reason")
        return self


class ChildVoiceForm(Shareable):
    words: CleanText = ""
    how_gathered: CleanText = ""
    gathered_by: Name = ""
    language: short_text(35) = "en"  # type: ignore[valid-type]
    seen_alone: bool | None = None
    gathered_on: date | None = None
    empty_reason: CleanText = ""

    @field_validator("gathered_on")
    @classmethod
    def _on(cls, value: date | None, info: ValidationInfo) -> date | None:
        return _not_future(value, info, S_("The date the child's views were gathered cannot be in the future."))

    @field_validator("language")
    @classmethod
    def _lang(cls, value: str) -> str:
        if value and not LANGUAGE.match(value):
            raise ValueError(S_("Use a language code such as en, pl, ur or pa-Guru."))
        return value or "en"

    @model_validator(mode="after")
    def _words_or_reason(self) -> ChildVoiceForm:
        if self.words and self.empty_reason:
            raise Problem(S_("The child's words are recorded, so no reason is needed; "
                             "clear one of the two."), "empty_reason")
        return self


class AdultViewForm(Shareable):
    person_id: Id
    included: bool = True
    not_included_reason: CleanText = ""
    views: CleanText = ""

    @model_validator(mode="after")
    def _left_out(self) -> AdultViewForm:
        if not self.included and not self.not_included_reason:
            raise Problem(S_("Record why this parent or carer is not included "
                             "(for example, considered a risk)."), "not_included_reason")
        if self.included and self.not_included_reason:
            raise Problem(S_("This person is included; clear the reason, or untick "
                             "\u201cincluded\u201d."), "not_included_reason")
        return self


class ProfessionalViewForm(Shareable):
    professional_id: Id
    views: CleanText

    @field_validator("views")
    @classmethod
    def _views(cls, value: str) -> str:
        if not value:
            raise ValueError(S_("Write the professional's view of the family's needs."))
        return value


class NeedForm(Shareable):
    description: CleanText
    outcome_areas: list[v.OutcomeArea] = Field(default_factory=list)
    presenting_factors: list[v.PresentingFactor] = Field(default_factory=list)
    person_ids: list[Id] = Field(default_factory=list)

    @field_validator("description")
    @classmethod
    def _described(cls, value: str) -> str:
        if not value:
            raise ValueError(S_("Describe the need: what needs to change, and for whom."))
        return value


class AuthoriseForm(Form):
    authorised_by: Name
    authorised_on: date | None = Field(default=None, validate_default=True)

    @field_validator("authorised_by")
    @classmethod
    def _who(cls, value: str) -> str:
        if not value:
            raise ValueError(S_("Give the name of the manager who authorises the assessment."))
        return value

    @field_validator("authorised_on")
    @classmethod
    def _on(cls, value: date | None, info: ValidationInfo) -> date | None:
        if value is None:
            raise ValueError(S_("Give the date of the authorisation."))
        return _not_future(value, info, S_("The date of the authorisation cannot be in the future."))


class AttachmentForm(Form):
    child_voice_id: Id
    filename: Annotated[str, Field(min_length=1, max_length=255)]
    caption: CleanText = ""
    data: bytes

    @field_validator("data")
    @classmethod
    def _size(cls, value: bytes) -> bytes:
        if not value:
            raise ValueError(S_("The file is empty."))
        if len(value) > MAX_IMAGE_BYTES:
            raise ValueError(S_("The file is larger than {size} MB; scan or photograph it at a lower "
                                "resolution.", size=MAX_IMAGE_BYTES // (1024 * 1024)))
        return value
