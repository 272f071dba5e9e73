"""The case transfer file: one whole case as versioned JSON.

The record schemas are built from the ORM's columns, with the controlled vocabularies and
ranges added below, so the file format and the database cannot drift apart. The published JSON
Schema (docs/case-file.schema.json) is generated from ``CaseFile`` by ``tafdesk schema``.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any, Literal

from pydantic import (
    AwareDatetime,
    Base64Bytes,
    BaseModel,
    ConfigDict,
    Field,
    create_model,
)
from sqlalchemy import JSON, Boolean, Date, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapper

from .. import vocab as v
from ..orm import CASE_TABLES, Agency, Base, Case, Professional
from ..orm.base import UTCDateTime
from .types import CleanText, Id, short_text

FORMAT = "tafdesk.case"
FORMAT_VERSION = 1
MAX_FILE_BYTES = 256 * 1024 * 1024
MAX_LIST = 100_000

# Columns whose values come from a controlled vocabulary ("table.column": enum).
VOCABULARY: dict[str, type[StrEnum]] = {
    "cases.status": v.CaseStatus,
    "cases.level_of_need": v.LevelOfNeed,
    "agencies.kind": v.AgencyKind,
    "people.kind": v.PersonKind,
    "people.sex": v.Sex,
    "people.sex_assigned_at_birth": v.Sex,
    "requests.source": v.RequestSource,
    "requests.outcome": v.RequestOutcome,
    "requests.level_of_need": v.LevelOfNeed,
    "consents.method": v.ConsentMethod,
    "partnerships.type": v.PartnershipType,
    "partnerships.status": v.PartnershipStatus,
    "parent_links.type": v.ParentLinkType,
    "twin_sets.type": v.TwinType,
    "care_arrangements.type": v.CareArrangementType,
    "emotional_relationships.type": v.EmotionalRelationshipType,
    "ecomap_systems.line": v.EcomapLine,
    "ecomap_systems.flow": v.EcomapFlow,
    "assessments.status": v.AssessmentStatus,
    "assessments.level_of_need": v.LevelOfNeed,
    "plan_versions.status": v.PlanStatus,
    "actions.status": v.ActionStatus,
    "actions.rag": v.Rag,
    "meetings.kind": v.MeetingKind,
    "meetings.status": v.MeetingStatus,
    "meeting_attendance.status": v.Attendance,
    "scaling_scores.occasion": v.ScalingOccasion,
    "chronology_events.significance": v.Significance,
    "supervision_notes.occasion": v.SupervisionOccasion,
    "case_endings.kind": v.EndingKind,
    "issued_documents.format": v.DocumentFormat,
    "issued_documents.method": v.IssueMethod,
}
LIST_VOCABULARY: dict[str, type[StrEnum]] = {"needs.outcome_areas": v.OutcomeArea}
RANGES: dict[str, tuple[int, int]] = {
    "scaling_scores.score": (1, 10),
    "ecomap_systems.weight": (1, 3),
    "family_feedback.respected": (1, 5),
    "family_feedback.listened_to": (1, 5),
    "family_feedback.helped": (1, 5),
    "people.birth_year": (1850, 2200),
    "people.death_year": (1850, 2200),
    "people.due_year": (1850, 2200),
}
# Stored but not part of the file: the optimistic-locking counter.
NOT_EXPORTED = {"row_version"}


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", from_attributes=True, frozen=True)


def _field_type(table: str, col: Any) -> Any:
    key = f"{table}.{col.name}"
    ctype = col.type
    if key in VOCABULARY:
        base: Any = VOCABULARY[key]
    elif key in LIST_VOCABULARY:
        base = list[LIST_VOCABULARY[key]]  # type: ignore[valid-type]
    elif col.name == "id" or col.name.endswith("_id"):
        base = Id
    elif isinstance(ctype, JSON):
        base = list[Id] if col.name.endswith("_ids") else list[short_text(500)]  # type: ignore[valid-type]
    elif isinstance(ctype, UTCDateTime):
        base = AwareDatetime
    elif isinstance(ctype, Date):
        base = dt.date
    elif isinstance(ctype, Boolean):
        base = bool
    elif isinstance(ctype, Integer):
        lo, hi = RANGES.get(key, (-(2**31), 2**31 - 1))
        base = _annotated(int, Field(ge=lo, le=hi))
    elif isinstance(ctype, LargeBinary):
        base = Base64Bytes
    elif isinstance(ctype, Text):
        base = CleanText
    elif isinstance(ctype, String):
        base = short_text(ctype.length or 1000)
    else:  # pragma: no cover - a new column type must be given a schema type here
        raise TypeError(f"no schema type for {key} ({ctype!r})")
    return base | None if col.nullable else base


def _annotated(tp: Any, *meta: Any) -> Any:
    from typing import Annotated

    return Annotated[(tp, *meta)]  # type: ignore[return-value]


def _default(col: Any) -> Any:
    if col.nullable:
        return None
    d = col.default
    if d is not None and d.is_scalar:
        return d.arg
    if d is not None and d.is_callable and col.name not in ("id",):
        probe = d.arg
        try:
            value = probe(None)
        except TypeError:
            value = probe()
        if isinstance(value, list):
            return Field(default_factory=list)
    return ...


def record_model(orm: type[Base]) -> type[Record]:
    mapper: Mapper[Any] = orm.__mapper__
    table = orm.__table__.name  # type: ignore[attr-defined]
    fields: dict[str, Any] = {}
    for col in mapper.columns:
        if col.name in NOT_EXPORTED:
            continue
        fields[col.name] = (_field_type(table, col), _default(col))
    return create_model(f"{orm.__name__}Record", __base__=Record, **fields)  # type: ignore[call-overload,no-any-return]


CaseRecord = record_model(Case)
AgencyRecord = record_model(Agency)
ProfessionalRecord = record_model(Professional)
CASE_RECORDS: dict[str, tuple[type[Base], type[Record]]] = {
    orm.__tablename__: (orm, record_model(orm)) for orm in CASE_TABLES  # type: ignore[attr-defined]
}

CaseFile: type[BaseModel] = create_model(  # type: ignore[call-overload]
    "CaseFile",
    __config__=ConfigDict(extra="forbid", frozen=True),
    __doc__="One whole tafdesk case, as exchanged between installations.",
    format=(Literal["tafdesk.case"], ...),
    format_version=(Literal[1], ...),
    app_version=(short_text(32), ...),
    agencies=(list[AgencyRecord], Field(default_factory=list, max_length=MAX_LIST)),  # type: ignore[valid-type]
    professionals=(list[ProfessionalRecord], Field(default_factory=list, max_length=MAX_LIST)),  # type: ignore[valid-type]
    case=(CaseRecord, ...),
    **{
        name: (list[rec], Field(default_factory=list, max_length=MAX_LIST))  # type: ignore[valid-type]
        for name, (_orm, rec) in CASE_RECORDS.items()
    },
)


def json_schema() -> dict[str, Any]:
    schema = CaseFile.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"urn:tafdesk:case-file:{FORMAT_VERSION}"
    return schema
