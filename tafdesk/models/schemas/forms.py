"""What the user types into a form, validated into one plain message per field.

Services accept only these; the GUI and CLI show ``problems_from`` to the user. Rules that need
today's date read it from the validation context (``{"today": date}``) so tests can fix it.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from ...i18n.catalog import S_, Sentence
from .. import vocab as v
from .types import CleanText, Id, short_text

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
PHONE = re.compile(r"^[0-9+() .-]{6,24}$")
LANGUAGE = re.compile(r"^[a-z]{2,3}([_-][A-Za-z0-9]{2,8})*$")

Name = Annotated[str, Field(max_length=200)]


def _today(info: ValidationInfo) -> date:
    ctx = info.context or {}
    return ctx.get("today") or date.today()


class Form(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, validate_assignment=False)


class Problem(ValueError):
    """A rule's message (a catalogue ``Sentence``, translated where it is shown) for ``field``;
    a rule over the whole form names the field it is about ("" for the validated field itself)."""

    def __init__(self, message: str, field: str = "") -> None:
        super().__init__(f"{field}: {message}" if field else message)
        self.message, self.field = message, field


def _not_future(value: date | None, info: ValidationInfo, message: str) -> date | None:
    """``message``: the whole sentence, e.g. S_("A visit cannot be in the future.")."""
    if value is not None and value > _today(info):
        raise ValueError(message)
    return value


def _email(value: str) -> str:
    if value and not EMAIL.match(value):
        raise ValueError(S_("This does not look like an email address (name@example.org)."))
    return value


def _phone(value: str) -> str:
    if value and not PHONE.match(value):
        raise ValueError(S_("Use digits, spaces and + ( ) - only, 6 to 24 characters."))
    return value


class CaseForm(Form):
    family_name: Name
    level_of_need: v.LevelOfNeed | None = None
    summary: CleanText = ""

    @field_validator("family_name")
    @classmethod
    def _name(cls, value: str) -> str:
        if not value:
            raise ValueError(S_("Give the family's name (the name the family is known by)."))
        return value


class PersonForm(Form):
    kind: v.PersonKind
    given_name: Name = ""
    family_name: Name = ""
    known_as: Name = ""
    date_of_birth: date | None = None
    sex: v.Sex = v.Sex.UNKNOWN
    gender: short_text(100) = ""  # type: ignore[valid-type]
    ethnicity: short_text(100) = ""  # type: ignore[valid-type]
    religion: short_text(100) = ""  # type: ignore[valid-type]
    first_language: short_text(35) = "en"  # type: ignore[valid-type]
    preferred_language: short_text(35) = "en"  # type: ignore[valid-type]
    interpreter_needed: bool = False
    communication_needs: CleanText = ""
    access_needs: CleanText = ""
    address: CleanText = ""
    phone: short_text(64) = ""  # type: ignore[valid-type]
    email: short_text(200) = ""  # type: ignore[valid-type]
    school_or_setting: Name = ""
    notes: CleanText = ""

    @field_validator("date_of_birth")
    @classmethod
    def _dob(cls, value: date | None, info: ValidationInfo) -> date | None:
        _not_future(value, info, S_("A date of birth cannot be in the future."))
        if value is not None and value.year < 1900:
            raise ValueError(S_("A date of birth before 1900 cannot be right."))
        return value

    @field_validator("first_language", "preferred_language")
    @classmethod
    def _lang(cls, value: str) -> str:
        if value and not LANGUAGE.match(value):
            raise ValueError(S_("Use a language code such as en, pl, ur or pa-Guru."))
        return value

    _check_email = field_validator("email")(classmethod(lambda cls, x: _email(x)))
    _check_phone = field_validator("phone")(classmethod(lambda cls, x: _phone(x)))

    @model_validator(mode="after")
    def _whole(self, info: ValidationInfo) -> PersonForm:
        if not (self.given_name or self.family_name or self.known_as):
            raise Problem(S_("Give at least a first name or a family name."), "given_name")
        if self.kind == v.PersonKind.CHILD and self.date_of_birth is not None:
            today = _today(info)
            age = today.year - self.date_of_birth.year - (
                (today.month, today.day) < (self.date_of_birth.month, self.date_of_birth.day)
            )
            if age >= 25:
                raise Problem(S_("This person would be 25 or older; record them as an adult."), "date_of_birth")
        return self


class ChildRelationshipForm(Form):
    person_id: Id
    child_id: Id
    relationship_label: Annotated[str, Field(min_length=1, max_length=100)]
    parental_responsibility: bool = False
    lives_with_child: bool = False

    @model_validator(mode="after")
    def _distinct(self) -> ChildRelationshipForm:
        if self.person_id == self.child_id:
            raise Problem(S_("A person cannot be related to themselves."), "child_id")
        return self


class ProfessionalForm(Form):
    name: Name
    role: Name = ""
    agency_name: Name = ""
    agency_kind: v.AgencyKind = v.AgencyKind.OTHER
    phone: short_text(64) = ""  # type: ignore[valid-type]
    email: short_text(200) = ""  # type: ignore[valid-type]
    role_in_case: Name = ""

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        if not value:
            raise ValueError(S_("Give the professional's name."))
        return value

    _check_email = field_validator("email")(classmethod(lambda cls, x: _email(x)))
    _check_phone = field_validator("phone")(classmethod(lambda cls, x: _phone(x)))


class ConsentForm(Form):
    person_id: Id
    given_on: date
    method: v.ConsentMethod
    share_with_all_taf: bool = False
    scope_agency_ids: list[Id] = Field(default_factory=list)
    scope_notes: CleanText = ""
    recorded_by: Name = ""
    withdrawn_on: date | None = None
    withdrawal_notes: CleanText = ""
    withdrawal_manager_decision: CleanText = ""

    @field_validator("given_on")
    @classmethod
    def _given(cls, value: date, info: ValidationInfo) -> date:
        return _not_future(value, info, S_("The date consent was given cannot be in the future."))  # type: ignore[return-value]

    @field_validator("withdrawn_on")
    @classmethod
    def _withdrawn(cls, value: date | None, info: ValidationInfo) -> date | None:
        return _not_future(value, info, S_("The date consent was withdrawn cannot be in the future."))

    @model_validator(mode="after")
    def _whole(self) -> ConsentForm:
        if not self.share_with_all_taf and not self.scope_agency_ids and not self.scope_notes:
            raise Problem(S_("Say with whom information may be shared: the whole team, "
                "named agencies, or in the notes."), "scope_notes")
        if self.withdrawn_on is not None:
            if self.withdrawn_on < self.given_on:
                raise Problem(S_("Consent cannot be withdrawn before it was given."), "withdrawn_on")
            if not self.withdrawal_notes:
                raise Problem(S_("Record what the person said and what follows from the withdrawal."), "withdrawal_notes")
        return self


def problems_from(exc: ValidationError) -> dict[str, str]:
    """One readable message per field ("" for the whole form) from a pydantic error."""
    problems: dict[str, str] = {}
    for err in exc.errors(include_url=False):
        msg = str(err["msg"])
        field = ".".join(str(p) for p in err["loc"])
        error = (err.get("ctx") or {}).get("error")
        if isinstance(error, Problem):  # the sentence itself, so that the UI can translate it
            field, msg = error.field or field, error.message
        elif isinstance(error, ValueError) and error.args and isinstance(error.args[0], Sentence):
            msg = error.args[0]
        elif msg.startswith("Value error, "):
            msg = msg[len("Value error, ") :]
            # Model-level rules name their field as "field: message".
            head, sep, tail = msg.partition(": ")
            if not field and sep and head.isidentifier():
                field, msg = head, tail
        else:
            msg = _plain(err)
        problems.setdefault(field, msg)
    return problems


def _plain(err: Any) -> str:
    kind = err["type"]
    ctx = err.get("ctx") or {}
    if kind in ("datetime_parsing", "datetime_from_date_parsing", "datetime_type"):
        return S_("Give a date and time as YYYY-MM-DD HH:MM, e.g. 2026-12-31 15:30.")
    if kind in ("date_from_datetime_parsing", "date_parsing", "date_type"):
        return S_("Give a date as YYYY-MM-DD, e.g. 2026-03-14.")
    if kind == "string_too_long":
        return S_("This is too long (at most {count} characters).", count=ctx.get("max_length"))
    if kind == "enum":
        return S_("Choose one of: {choices}.", choices=ctx.get("expected"))
    if kind == "missing":
        return S_("This is required.")
    if kind == "string_pattern_mismatch":
        return S_("This is not a valid reference.")
    return str(err["msg"])  # pydantic's own message (English)
