"""Forms of the front door: a request for early help, its decision, and the allocation.

Times are typed as local date and time ("2026-09-07 10:15" or "07/09/2026 10:15") and kept as
UTC. Rules that need today's date read it from the validation context, like ``forms.py``.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, ValidationInfo, field_validator, model_validator

from ...i18n.catalog import S_
from .. import vocab as v
from .forms import Form, Name, Problem, _today
from .types import CleanText, Id

TIME_HINT = "YYYY-MM-DD HH:MM"
_YMD_HM = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})[ T](\d{1,2}):(\d{2})(?::\d{2})?\s*$")
_DMY_HM = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})[ T](\d{1,2}):(\d{2})\s*$")
BAD_TIME = "Give the date and time as YYYY-MM-DD HH:MM, e.g. 2026-09-07 10:15."


def _local_time(value: Any) -> Any:
    """A typed local date and time as a UTC datetime; other text is refused with the format."""
    if value is None or isinstance(value, datetime):
        if isinstance(value, datetime) and value.tzinfo is None:
            return value.astimezone(UTC)  # naive: the user's local time
        return value
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        for pattern, order in ((_YMD_HM, (0, 1, 2)), (_DMY_HM, (2, 1, 0))):
            m = pattern.match(text)
            if m:
                parts = [int(g) for g in m.groups()]
                try:
                    naive = datetime(parts[order[0]], parts[order[1]], parts[order[2]], parts[3], parts[4])
                except ValueError:
                    raise ValueError(BAD_TIME) from None
                return naive.astimezone(UTC)
        raise ValueError(BAD_TIME)
    raise ValueError(BAD_TIME)


LocalTime = Annotated[datetime | None, BeforeValidator(_local_time)]


def local_text(value: datetime | None) -> str:
    """A stored UTC time as the user types it: local date and time."""
    return value.astimezone().strftime("%Y-%m-%d %H:%M") if value else ""


def _not_future_time(value: datetime | None, info: ValidationInfo, message: str) -> datetime | None:
    """``message``: the whole sentence, e.g. S_("The allocation cannot be in the future.")."""
    if value is not None and value.astimezone().date() > _today(info):
        raise ValueError(message)
    return value


class RequestForm(Form):
    """A request for early help and, once made, the front door's decision."""

    received_at: LocalTime = Field(default=None, validate_default=True)
    source: v.RequestSource
    source_name: Name = ""
    reasons: CleanText = Field(default="", validate_default=True)
    presenting_needs: list[v.PresentingFactor] = Field(default_factory=list)
    outcome: v.RequestOutcome | None = None
    level_of_need: v.LevelOfNeed | None = None
    decided_at: LocalTime = None
    decided_by: Name = ""
    notes: CleanText = ""

    @field_validator("received_at")
    @classmethod
    def _received(cls, value: datetime | None, info: ValidationInfo) -> datetime | None:
        if value is None:
            raise ValueError(S_("Give the date and time the request was received."))
        return _not_future_time(value, info, S_("The time the request was received cannot be in the future."))

    @field_validator("decided_at")
    @classmethod
    def _decided(cls, value: datetime | None, info: ValidationInfo) -> datetime | None:
        return _not_future_time(value, info, S_("The time of the decision cannot be in the future."))

    @field_validator("reasons")
    @classmethod
    def _reasons(cls, value: str) -> str:
        if not value:
            raise ValueError(S_("Say why help is asked for: the needs the family or the referrer describe."))
        return value

    @model_validator(mode="after")
    def _decision(self) -> RequestForm:
        decided = self.outcome is not None
        if self.source not in (v.RequestSource.FAMILY, v.RequestSource.SELF) and not self.source_name:
            raise Problem(S_("Say who made the request (name and agency)."), "source_name")
        if not decided:
            if self.decided_at or self.level_of_need:
                raise Problem(S_("Choose the outcome of the request, or clear the decision's details."), "outcome")
            return self
        if self.decided_at is None:
            raise Problem(S_("Give the date and time of the decision."), "decided_at")
        if self.received_at and self.decided_at < self.received_at:
            raise Problem(S_("The decision cannot come before the request was received."), "decided_at")
        if not self.decided_by:
            raise Problem(S_("Say who made the decision (a person or the early help hub)."), "decided_by")
        opens = self.outcome in (v.RequestOutcome.OPEN, v.RequestOutcome.TAF_BY_PARTNER)
        if opens and self.level_of_need is None:
            raise Problem(S_("Choose the level of need: Level 2 or Level 3."), "level_of_need")
        if not opens and self.level_of_need is not None:
            raise Problem(S_("A request that is not opened has no level of need; clear it."), "level_of_need")
        return self


class NewCaseForm(Form):
    """Starting a family's journey: the family's name; the request is recorded next."""

    family_name: Name

    @field_validator("family_name")
    @classmethod
    def _name(cls, value: str) -> str:
        if not value:
            raise ValueError(S_("Give the family's name (the name the family is known by)."))
        return value


class AllocationForm(Form):
    professional_id: Id | None = None
    allocated_at: LocalTime = Field(default=None, validate_default=True)
    allocated_by: Name = ""
    family_consulted: bool = False
    note: CleanText = ""

    @field_validator("allocated_at")
    @classmethod
    def _at(cls, value: datetime | None, info: ValidationInfo) -> datetime | None:
        if value is None:
            raise ValueError(S_("Give the date and time of the allocation."))
        return _not_future_time(value, info, S_("The allocation cannot be in the future."))

    @model_validator(mode="after")
    def _whole(self) -> AllocationForm:
        if not self.professional_id:
            raise Problem(S_("Choose the lead professional from the team around the family."), "professional_id")
        if not self.note:
            raise Problem(S_("Write the allocation note: the children, the needs found so far and "
                             "the timescales set."), "note")
        return self


def day_of(value: datetime) -> date:
    return value.astimezone().date()
