"""Undoable record kinds of the case journey: request, allocation, the assessment and its parts,
direct work, chronology, visits and supervision. Each is the services' calls, nothing more."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from ..i18n.ui import N_, _
from ..models.orm import AdultView, Attachment, ChildVoice, Need, ProfessionalView
from ..models.services import assessment as A
from ..models.services import assessment_parts as P
from ..models.services import casework as W
from ..models.services import requests as R
from .undo import Data, Entity, _existing

REQUEST = Entity(
    kind="request",
    noun=N_("request"),
    add=lambda s, case_id, data, user, rid: R.record_request(s, case_id, data, user=user, request_id=rid).id,
    update=lambda s, rid, data, user: (R.update_request(s, rid, data, user=user), None)[1],
    remove=lambda s, rid, user: R.remove_request(s, rid, user=user),
    snapshot=lambda s, rid: R.request_form_data(R.get_request(s, rid)),
    reuse_id=lambda s, rid: rid,
    name_of=lambda data: N_("request"),
)

ALLOCATION = Entity(
    kind="allocation",
    noun=N_("allocation"),
    add=lambda s, case_id, data, user, rid: R.allocate(s, case_id, data, user=user, allocation_id=rid).id,
    update=lambda s, rid, data, user: (R.update_allocation(s, rid, data, user=user), None)[1],
    remove=lambda s, rid, user: R.remove_allocation(s, rid, user=user),
    snapshot=lambda s, rid: R.allocation_form_data(R.get_allocation(s, rid)),
    reuse_id=lambda s, rid: rid,
    name_of=lambda data: N_("allocation"),
)

ASSESSMENT = Entity(
    kind="assessment",
    noun=N_("assessment"),
    add=lambda s, case_id, data, user, rid: A.start_assessment(s, case_id, data, user=user, assessment_id=rid).id,
    update=lambda s, rid, data, user: (A.update_assessment(s, rid, data, user=user), None)[1],
    remove=lambda s, rid, user: A.remove_assessment(s, rid, user=user),
    snapshot=lambda s, rid: A.assessment_form_data(s, A.get_assessment(s, rid)),
    reuse_id=lambda s, rid: rid,
    name_of=lambda data: N_("assessment"),
)

_GONE = N_("That part of the assessment is no longer in the record.")


def _part_entity(table: str, model: type[Any], noun: str) -> Entity:
    def strip(data: Data) -> Data:
        return {k: val for k, val in data.items() if k != "assessment_id"}

    def snapshot(s: Session, rid: str) -> Data:
        row = _existing(s, model, rid, _(_GONE))
        return {**P.part_form_data(s, row), "assessment_id": row.assessment_id}

    return Entity(
        kind="assessment",
        noun=noun,
        add=lambda s, case_id, data, user, rid: P.add_part(
            s, data["assessment_id"], table, strip(data), user=user, part_id=rid).id,
        update=lambda s, rid, data, user: (P.update_part(s, table, rid, strip(data), user=user), None)[1],
        remove=lambda s, rid, user: P.remove_part(s, table, rid, user=user),
        snapshot=snapshot,
        reuse_id=lambda s, rid: rid,
        name_of=lambda data: noun,
    )


VOICE = _part_entity("child_voices", ChildVoice, N_("child's voice"))
ADULT_VIEW = _part_entity("adult_views", AdultView, N_("parent's or carer's views"))
PRO_VIEW = _part_entity("professional_views", ProfessionalView, N_("professional's views"))
NEED = _part_entity("needs", Need, N_("need"))

ATTACHMENT = Entity(
    kind="assessment",
    noun=N_("direct work"),
    add=lambda s, case_id, data, user, rid: P.add_attachment(s, case_id, data, user=user, attachment_id=rid).id,
    update=lambda s, rid, data, user: (P.update_attachment(s, rid, data, user=user), None)[1],
    remove=lambda s, rid, user: P.remove_attachment(s, rid, user=user),
    snapshot=lambda s, rid: P.attachment_form_data(
        _existing(s, Attachment, rid, _("That piece of direct work is no longer in the record."))),
    reuse_id=lambda s, rid: rid,
    name_of=lambda data: str(data.get("filename") or N_("picture")),
)


def _entry_entity(table: str, kind: str, noun: str) -> Entity:
    return Entity(
        kind=kind,
        noun=noun,
        add=lambda s, case_id, data, user, rid: W.add_entry(s, case_id, table, data, user=user, entry_id=rid).id,
        update=lambda s, rid, data, user: (W.update_entry(s, table, rid, data, user=user), None)[1],
        remove=lambda s, rid, user: W.remove_entry(s, table, rid, user=user),
        snapshot=lambda s, rid: W.entry_form_data(table, W.get_entry(s, table, rid)),
        reuse_id=lambda s, rid: rid,
        name_of=lambda data: noun,
    )


CHRONOLOGY = _entry_entity("chronology_events", "chronology", N_("chronology event"))
VISIT = _entry_entity("visits", "visits", N_("visit"))
SUPERVISION = _entry_entity("supervision_notes", "supervision", N_("supervision note"))
