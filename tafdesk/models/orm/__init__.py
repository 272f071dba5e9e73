"""SQLAlchemy 2 typed ORM of the whole case record.

``CASE_TABLES`` lists, in dependency order, every model that belongs to one case: the case
transfer file, deletion and later the access rules walk this one list.
"""

from .assessment import AdultView, Assessment, Attachment, ChildVoice, Need, ProfessionalView
from .base import Base, CaseRow, Row, new_id, utcnow
from .case import Agency, Allocation, Case, CaseProfessional, Consent, Professional, Request, Restriction
from .meetings import Meeting, MeetingAttendance, MinuteItem
from .network import (
    CareArrangement,
    EcomapSystem,
    EmotionalRelationship,
    ParentLink,
    Partnership,
    TwinSet,
)
from .diagrams import DiagramPosition, NetworkSnapshot
from .users import ManagedProfessional, User
from .translation import TranslatedSegment
from .people import ChildRelationship, Household, HouseholdMember, Person
from .plan import Action, Outcome, PlanVersion, UncoveredNeed
from .records import (
    AuditEvent,
    CaseEnding,
    ChronologyEvent,
    Draft,
    FamilyFeedback,
    IssuedDocument,
    ScalingScore,
    SupervisionNote,
    Visit,
)

CASE_TABLES: tuple[type[CaseRow], ...] = (
    CaseProfessional,
    Household,
    Person,
    HouseholdMember,
    ChildRelationship,
    Request,
    Consent,
    Allocation,
    Restriction,
    Partnership,
    ParentLink,
    TwinSet,
    CareArrangement,
    EmotionalRelationship,
    EcomapSystem,
    Assessment,
    ChildVoice,
    AdultView,
    ProfessionalView,
    Need,
    Attachment,
    Meeting,
    MeetingAttendance,
    PlanVersion,
    Outcome,
    UncoveredNeed,
    Action,
    MinuteItem,
    ScalingScore,
    ChronologyEvent,
    Visit,
    SupervisionNote,
    CaseEnding,
    FamilyFeedback,
    IssuedDocument,
    DiagramPosition,
    NetworkSnapshot,
    TranslatedSegment,
)

__all__ = [
    "CASE_TABLES", "Action", "AdultView", "Agency", "Allocation", "Assessment", "Attachment",
    "AuditEvent", "Base", "CareArrangement", "Case", "CaseEnding", "CaseProfessional", "CaseRow",
    "ChildRelationship", "ChildVoice", "ChronologyEvent", "Consent", "Draft", "EcomapSystem",
    "EmotionalRelationship", "FamilyFeedback", "Household", "HouseholdMember", "IssuedDocument",
    "Meeting", "MeetingAttendance", "MinuteItem", "Need", "Outcome", "ParentLink", "Partnership",
    "Person", "PlanVersion", "Professional", "ProfessionalView", "Request", "Restriction", "Row",
    "ScalingScore", "SupervisionNote", "TwinSet", "UncoveredNeed", "Visit", "new_id", "utcnow",
    "DiagramPosition", "NetworkSnapshot", "ManagedProfessional", "User", "TranslatedSegment",
]
