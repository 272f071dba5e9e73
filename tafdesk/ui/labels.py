"""Display text for the stored vocabulary values, in one place: marked ``N_`` here, shown through
``_`` in the user's language by ``label``."""

from __future__ import annotations

from datetime import date, datetime

from ..i18n.ui import N_, _, ui_language
from ..models import vocab as v
from ..models.journey import StepState

CASE_STATUS = {
    v.CaseStatus.REQUESTED: N_("Requested"),
    v.CaseStatus.OPEN: N_("Open"),
    v.CaseStatus.CLOSED: N_("Closed"),
    v.CaseStatus.STEPPED_UP: N_("Stepped up"),
    v.CaseStatus.REDIRECTED: N_("Redirected"),
}

LEVEL_OF_NEED = {
    v.LevelOfNeed.LEVEL_2: N_("Level 2 (Universal Plus)"),
    v.LevelOfNeed.LEVEL_3: N_("Level 3 (Universal Partnership Plus)"),
}

PERSON_KIND = {v.PersonKind.CHILD: N_("Child or young person"), v.PersonKind.ADULT: N_("Adult")}

SEX = {
    v.Sex.FEMALE: N_("Female"),
    v.Sex.MALE: N_("Male"),
    v.Sex.OTHER: N_("Other or non-binary"),
    v.Sex.UNKNOWN: N_("Not known"),
}

CONSENT_METHOD = {v.ConsentMethod.WRITTEN: N_("Written"), v.ConsentMethod.VERBAL: N_("Verbal")}

AGENCY_KIND = {
    v.AgencyKind.SCHOOL: N_("School"),
    v.AgencyKind.EARLY_YEARS: N_("Early years"),
    v.AgencyKind.HEALTH: N_("Health"),
    v.AgencyKind.POLICE: N_("Police"),
    v.AgencyKind.VOLUNTARY: N_("Voluntary sector"),
    v.AgencyKind.HOUSING: N_("Housing"),
    v.AgencyKind.SOCIAL_CARE: N_("Children's social care"),
    v.AgencyKind.EARLY_HELP: N_("Early help"),
    v.AgencyKind.OTHER: N_("Other"),
}

STEP_STATE = {
    StepState.DONE: N_("Done"),
    StepState.IN_PROGRESS: N_("In progress"),
    StepState.TO_DO: N_("To do"),
    StepState.ATTENTION: N_("Needs attention"),
    StepState.NOT_NEEDED: N_("Not needed"),
}


def label(table: dict, value: str | None, default: str = "") -> str:  # type: ignore[type-arg]
    """The display text of a stored value in the user's language; unknown values are shown as they
    are. ``default`` is shown for no value (the caller passes it already translated)."""
    if value is None or value == "":
        return default
    return _(table[value]) if value in table else value


def day(value: date | None) -> str:
    """A date as the user's language writes it short (31 Dec 2026 in English)."""
    if not value:
        return ""
    if ui_language() == "en":
        return value.strftime("%d %b %Y")
    from ..i18n.catalog import tr

    return tr(ui_language()).day(value, "medium")


def moment(value: datetime) -> str:
    """A stored UTC time in the user's local time."""
    local = value.astimezone()
    return _("{day} at {time}", day=day(local.date()), time=local.strftime("%H:%M"))


def age_on(born: date, today: date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))
