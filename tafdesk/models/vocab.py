"""Controlled vocabularies of the case record, shared by the ORM, the schemas and the UI.

Values are stored as plain strings (portable between SQLite and PostgreSQL, and easy to extend
by migration); the enums are the single source of truth for what a value may be.
"""

from __future__ import annotations

from enum import StrEnum

from ..i18n.catalog import N_


class CaseStatus(StrEnum):
    REQUESTED = "requested"  # request received, no decision yet
    OPEN = "open"
    CLOSED = "closed"
    STEPPED_UP = "stepped_up"  # moved to children's social care
    REDIRECTED = "redirected"  # request redirected or signposted; never opened


class LevelOfNeed(StrEnum):
    LEVEL_2 = "level_2"  # Universal Plus: partner lead professional and TAF
    LEVEL_3 = "level_3"  # Universal Partnership Plus: locality early help team


LEVEL_OF_NEED_LABELS: dict[LevelOfNeed, str] = {
    LevelOfNeed.LEVEL_2: N_("Level 2 (Universal Plus)"),
    LevelOfNeed.LEVEL_3: N_("Level 3 (Universal Partnership Plus)"),
}


class Sex(StrEnum):
    MALE = "M"
    FEMALE = "F"
    OTHER = "X"  # non-binary / other gender
    UNKNOWN = "U"


class PersonKind(StrEnum):
    CHILD = "child"
    ADULT = "adult"


# The usual words for how an adult is related to a child (ChildRelationship.relationship_label is
# typed freely; one of these is translated in a family's document, anything else is free text).
RELATIONSHIP_LABELS: tuple[str, ...] = (
    N_("mother"), N_("father"), N_("parent"), N_("stepmother"), N_("stepfather"), N_("step-parent"),
    N_("adoptive mother"), N_("adoptive father"), N_("foster carer"), N_("special guardian"),
    N_("grandmother"), N_("grandfather"), N_("maternal grandmother"), N_("maternal grandfather"),
    N_("paternal grandmother"), N_("paternal grandfather"), N_("aunt"), N_("uncle"), N_("sister"),
    N_("brother"), N_("half-sister"), N_("half-brother"), N_("stepsister"), N_("stepbrother"), N_("cousin"),
    N_("mother's partner"), N_("father's partner"), N_("carer"), N_("family friend"),
)


class RequestSource(StrEnum):
    SCHOOL = "school"
    EARLY_YEARS = "early_years"
    HEALTH = "health"
    POLICE = "police"
    VOLUNTARY = "voluntary"
    HOUSING = "housing"
    SOCIAL_CARE = "social_care"
    FAMILY = "family"
    SELF = "self"  # young person themselves
    OTHER = "other"


class PresentingFactor(StrEnum):
    """Common presenting factors of a request or a need (domain.md section 4)."""

    DOMESTIC_ABUSE = "parental_domestic_abuse"
    MENTAL_HEALTH = "parental_mental_health"
    SUBSTANCE_MISUSE = "parental_substance_misuse"
    LEARNING_DISABILITY = "parental_learning_disability"
    FAMILY_CONFLICT = "family_conflict"
    SCHOOL_EXCLUSION = "school_exclusion"
    NON_ATTENDANCE = "school_non_attendance"
    NEET = "neet"
    EXPLOITATION = "exploitation_risk"
    EMOTIONAL_WELLBEING = "emotional_wellbeing"
    CHILD_TO_PARENT_ABUSE = "child_to_parent_abuse"
    LEARNING_NEEDS = "additional_learning_needs"
    YOUNG_CARER = "young_carer"


PRESENTING_FACTOR_LABELS: dict[PresentingFactor, str] = {
    PresentingFactor.DOMESTIC_ABUSE: N_("Parental domestic abuse"),
    PresentingFactor.MENTAL_HEALTH: N_("Parental mental ill-health"),
    PresentingFactor.SUBSTANCE_MISUSE: N_("Parental substance misuse"),
    PresentingFactor.LEARNING_DISABILITY: N_("Parent with learning disabilities"),
    PresentingFactor.FAMILY_CONFLICT: N_("Family conflict"),
    PresentingFactor.SCHOOL_EXCLUSION: N_("School exclusion"),
    PresentingFactor.NON_ATTENDANCE: N_("School non-attendance"),
    PresentingFactor.NEET: N_("Not in education, employment or training"),
    PresentingFactor.EXPLOITATION: N_("Risk of exploitation"),
    PresentingFactor.EMOTIONAL_WELLBEING: N_("Emotional wellbeing"),
    PresentingFactor.CHILD_TO_PARENT_ABUSE: N_("Child-to-parent abuse"),
    PresentingFactor.LEARNING_NEEDS: N_("Additional learning needs"),
    PresentingFactor.YOUNG_CARER: N_("Young carer"),
}


class RequestOutcome(StrEnum):
    OPEN = "open_early_help"
    TAF_BY_PARTNER = "taf_by_partner"
    REDIRECT_CSC = "redirect_social_care"
    ADVICE_SIGNPOST = "advice_signpost"


REQUEST_OUTCOME_LABELS: dict[RequestOutcome, str] = {
    RequestOutcome.OPEN: N_("open to early help"),
    RequestOutcome.TAF_BY_PARTNER: N_("TAF co-ordinated by a partner lead professional"),
    RequestOutcome.REDIRECT_CSC: N_("redirected to children's social care"),
    RequestOutcome.ADVICE_SIGNPOST: N_("advice and signposting"),
}


class ConsentMethod(StrEnum):
    WRITTEN = "written"
    VERBAL = "verbal"


class AgencyKind(StrEnum):
    SCHOOL = "school"
    EARLY_YEARS = "early_years"
    HEALTH = "health"
    POLICE = "police"
    VOLUNTARY = "voluntary"
    HOUSING = "housing"
    SOCIAL_CARE = "social_care"
    EARLY_HELP = "early_help"
    OTHER = "other"


class PartnershipType(StrEnum):
    MARRIAGE = "marriage"
    CIVIL_PARTNERSHIP = "civil_partnership"
    COHABITATION = "cohabitation"
    DATING = "dating"
    ENGAGEMENT = "engagement"
    AFFAIR = "affair"


class PartnershipStatus(StrEnum):
    CURRENT = "current"
    SEPARATED = "separated"
    DIVORCED = "divorced"
    WIDOWED = "widowed"
    ENDED = "ended"


class ParentLinkType(StrEnum):
    BIOLOGICAL = "biological"
    ADOPTED = "adopted"
    FOSTER = "foster"
    STEP = "step"
    KINSHIP_CARE = "kinship_care"


class TwinType(StrEnum):
    IDENTICAL = "identical"
    FRATERNAL = "fraternal"
    UNKNOWN = "unknown"


class CareArrangementType(StrEnum):
    SPECIAL_GUARDIANSHIP = "special_guardianship"
    KINSHIP_INFORMAL = "kinship_informal"
    LOCAL_AUTHORITY_FOSTER = "local_authority_foster"
    CHILD_ARRANGEMENTS_ORDER = "child_arrangements_order"


class EmotionalRelationshipType(StrEnum):
    CLOSE = "close"
    VERY_CLOSE = "very_close"
    DISTANT = "distant"
    CONFLICT = "conflict"
    HOSTILE = "hostile"
    CLOSE_HOSTILE = "close_hostile"
    FUSED_HOSTILE = "fused_hostile"
    CUT_OFF = "cut_off"
    CUT_OFF_REPAIRED = "cut_off_repaired"
    FOCUSED_ON = "focused_on"
    ABUSE_PHYSICAL = "abuse_physical"
    ABUSE_EMOTIONAL = "abuse_emotional"
    ABUSE_SEXUAL = "abuse_sexual"
    NEGLECT = "neglect"
    CARETAKER = "caretaker"


class EcomapLine(StrEnum):
    STRONG = "strong"
    MODERATE = "moderate"
    TENUOUS = "tenuous"
    STRESSFUL = "stressful"
    STRONG_STRESSFUL = "strong_stressful"
    BROKEN = "broken"


class EcomapFlow(StrEnum):
    TO_FAMILY = "to_family"
    FROM_FAMILY = "from_family"
    BOTH = "both"
    NONE = "none"


class OutcomeArea(StrEnum):
    """The national (Supporting Families) outcome areas used to classify needs."""

    EDUCATION = "good_education"
    EARLY_YEARS = "early_years_development"
    HEALTH = "mental_physical_health"
    SUBSTANCE_USE = "reduced_substance_harm"
    RELATIONSHIPS = "family_relationships"
    SAFE_FROM_ABUSE = "safe_from_abuse_exploitation"
    CRIME = "crime_prevention"
    DOMESTIC_ABUSE = "safe_from_domestic_abuse"
    HOUSING = "secure_housing"
    FINANCE = "financial_stability"


OUTCOME_AREA_LABELS: dict[OutcomeArea, str] = {
    OutcomeArea.EDUCATION: N_("Getting a good education"),
    OutcomeArea.EARLY_YEARS: N_("Good early years development"),
    OutcomeArea.HEALTH: N_("Improved mental and physical health"),
    OutcomeArea.SUBSTANCE_USE: N_("Promoting recovery and reducing harm from substance use"),
    OutcomeArea.RELATIONSHIPS: N_("Improved family relationships"),
    OutcomeArea.SAFE_FROM_ABUSE: N_("Children safe from abuse and exploitation"),
    OutcomeArea.CRIME: N_("Crime prevention and tackling crime"),
    OutcomeArea.DOMESTIC_ABUSE: N_("Safe from domestic abuse"),
    OutcomeArea.HOUSING: N_("Secure housing"),
    OutcomeArea.FINANCE: N_("Financial stability"),
}


class AssessmentStatus(StrEnum):
    DRAFT = "draft"
    COMPLETE = "complete"  # completed with the family, awaiting authorisation
    AUTHORISED = "authorised"  # locked; later changes are amendments


class PlanStatus(StrEnum):
    DRAFT = "draft"
    AGREED = "agreed"
    SUPERSEDED = "superseded"


class ActionStatus(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    STOPPED = "stopped"


class Rag(StrEnum):
    RED = "red"
    AMBER = "amber"
    GREEN = "green"


# Labels are marked N_ where declared and translated where shown: tr(lang)(label) in a document,
# _(label) in the UI.
ACTION_STATUS_LABELS: dict[ActionStatus, str] = {
    ActionStatus.NOT_STARTED: N_("Not started"),
    ActionStatus.IN_PROGRESS: N_("In progress"),
    ActionStatus.DONE: N_("Done"),
    ActionStatus.STOPPED: N_("Stopped"),
}

RAG_LABELS: dict[Rag, str] = {Rag.RED: N_("Red"), Rag.AMBER: N_("Amber"), Rag.GREEN: N_("Green")}


class MeetingKind(StrEnum):
    INITIAL = "initial"
    REVIEW = "review"
    ENDING = "ending"


MEETING_KIND_LABELS: dict[MeetingKind, str] = {
    MeetingKind.INITIAL: N_("Initial TAF meeting"),
    MeetingKind.REVIEW: N_("TAF review meeting"),
    MeetingKind.ENDING: N_("TAF ending meeting"),
}


class MeetingStatus(StrEnum):
    PLANNED = "planned"
    HELD = "held"
    CANCELLED = "cancelled"


class Attendance(StrEnum):
    INVITED = "invited"
    PRESENT = "present"
    APOLOGIES = "apologies"
    REPORT_SENT = "report_sent"
    DID_NOT_ATTEND = "did_not_attend"


ATTENDANCE_LABELS: dict[Attendance, str] = {
    Attendance.INVITED: N_("Invited (not recorded)"),
    Attendance.PRESENT: N_("Present"),
    Attendance.APOLOGIES: N_("Apologies"),
    Attendance.REPORT_SENT: N_("Apologies, report sent"),
    Attendance.DID_NOT_ATTEND: N_("Did not attend"),
}


class ScalingOccasion(StrEnum):
    ASSESSMENT = "assessment"
    REVIEW = "review"
    CLOSURE = "closure"


class Significance(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class SupervisionOccasion(StrEnum):
    ALLOCATION = "allocation"
    FIRST_VISIT = "first_visit"
    ASSESSMENT = "assessment"
    FIRST_PLAN = "first_plan"
    REVIEW = "review"
    TRANSFER = "transfer"
    CLOSURE = "closure"
    INDIVIDUAL = "individual"


class EndingKind(StrEnum):
    CLOSURE = "closure"
    STEP_UP = "step_up"  # to children's social care
    STEP_DOWN_IN = "step_down_in"  # arrived from social care with the social worker's plan
    CONSENT_WITHDRAWN = "consent_withdrawn"


ENDING_LABELS: dict[EndingKind, str] = {
    EndingKind.CLOSURE: N_("Closed"),
    EndingKind.STEP_UP: N_("Stepped up to children's social care"),
    EndingKind.STEP_DOWN_IN: N_("Stepped down from children's social care"),
    EndingKind.CONSENT_WITHDRAWN: N_("Ended: consent withdrawn"),
}


class DocumentFormat(StrEnum):
    PDF = "pdf"
    PRINT = "print"
    ICS = "ics"
    EML = "eml"
    JSON = "json"


class IssueMethod(StrEnum):
    IN_PERSON = "in_person"
    POST = "post"
    EMAIL = "email"
    SECURE_EMAIL = "secure_email"
    SHOWN_AT_MEETING = "shown_at_meeting"
    NOT_GIVEN = "not_given"


class UserRole(StrEnum):
    """A user's standing in a shared database. Lead professional and TAF member are not listed:
    they are what a practitioner is *in a case* (the case's lead, or a member of its team)."""

    PRACTITIONER = "practitioner"  # leads some cases, is a TAF member in others
    MANAGER = "manager"  # oversees the cases their team leads; authorises
    ADMINISTRATOR = "administrator"  # manages users; no case content by default
