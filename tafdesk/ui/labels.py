"""Display text for the stored vocabulary values, in one place (later the gettext catalogue)."""

from __future__ import annotations

from datetime import date, datetime

from ..models import vocab as v
from ..models.journey import StepState

CASE_STATUS = {
    v.CaseStatus.REQUESTED: "Requested",
    v.CaseStatus.OPEN: "Open",
    v.CaseStatus.CLOSED: "Closed",
    v.CaseStatus.STEPPED_UP: "Stepped up",
    v.CaseStatus.REDIRECTED: "Redirected",
}

LEVEL_OF_NEED = {
    v.LevelOfNeed.LEVEL_2: "Level 2 (Universal Plus)",
    v.LevelOfNeed.LEVEL_3: "Level 3 (Universal Partnership Plus)",
}

PERSON_KIND = {v.PersonKind.CHILD: "Child or young person", v.PersonKind.ADULT: "Adult"}

SEX = {
    v.Sex.FEMALE: "Female",
    v.Sex.MALE: "Male",
    v.Sex.OTHER: "Other or non-binary",
    v.Sex.UNKNOWN: "Not known",
}

CONSENT_METHOD = {v.ConsentMethod.WRITTEN: "Written", v.ConsentMethod.VERBAL: "Verbal"}

AGENCY_KIND = {
    v.AgencyKind.SCHOOL: "School",
    v.AgencyKind.EARLY_YEARS: "Early years",
    v.AgencyKind.HEALTH: "Health",
    v.AgencyKind.POLICE: "Police",
    v.AgencyKind.VOLUNTARY: "Voluntary sector",
    v.AgencyKind.HOUSING: "Housing",
    v.AgencyKind.SOCIAL_CARE: "Children's social care",
    v.AgencyKind.EARLY_HELP: "Early help",
    v.AgencyKind.OTHER: "Other",
}

STEP_STATE = {
    StepState.DONE: "Done",
    StepState.IN_PROGRESS: "In progress",
    StepState.TO_DO: "To do",
    StepState.ATTENTION: "Needs attention",
    StepState.NOT_NEEDED: "Not needed",
}


def label(table: dict, value: str | None, default: str = "") -> str:  # type: ignore[type-arg]
    """The display text of a stored value; unknown values are shown as they are."""
    if value is None or value == "":
        return default
    return table.get(value, value)


def day(value: date | None) -> str:
    return value.strftime("%d %b %Y") if value else ""


def moment(value: datetime) -> str:
    """A stored UTC time in the user's local time."""
    return value.astimezone().strftime("%d %b %Y at %H:%M")


def age_on(born: date, today: date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))
