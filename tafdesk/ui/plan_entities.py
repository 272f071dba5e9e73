"""Undoable changes to plan actions and minutes (the ``Entity`` records of undo.py)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from ..i18n.ui import N_, _
from ..models.orm import Action, MinuteItem
from ..models.services import meetings as meetings_svc
from ..models.services import plan as plan_svc
from .undo import Entity, _existing

Data = dict[str, Any]


def _action_snapshot(s: Session, action_id: str) -> Data:
    action: Action = _existing(s, Action, action_id, _("That action is no longer in the plan."))
    return plan_svc.action_form_data(action) | {"outcome_id": action.outcome_id}


def _action_add(s: Session, case_id: str, data: Data, user: str, rid: str | None) -> str:
    fields = {k: v for k, v in data.items() if k != "outcome_id"}
    return plan_svc.add_action(s, data["outcome_id"], fields, user=user, action_id=rid).id


ACTIONS = Entity(
    kind="plan",
    noun=N_("action"),  # English: code compares it; shown through _()
    add=_action_add,
    update=lambda s, rid, data, user: (plan_svc.update_action(
        s, rid, {k: v for k, v in data.items() if k != "outcome_id"}, user=user), None)[1],
    remove=lambda s, rid, user: plan_svc.remove_action(s, rid, user=user),
    snapshot=_action_snapshot,
    reuse_id=lambda s, rid: rid,
    name_of=lambda data: _("action “{description}”", description=str(data.get("description") or "")[:40]),
)


def _minute_snapshot(s: Session, item_id: str) -> Data:
    item: MinuteItem = _existing(s, MinuteItem, item_id, _("That part of the minutes is no longer there."))
    return {"meeting_id": item.meeting_id, "heading": item.heading, "text": item.text,
            "action_id": item.action_id, "shareable": item.shareable}


def _minute_add(s: Session, case_id: str, data: Data, user: str, rid: str | None) -> str:
    item = meetings_svc.add_minute(s, data["meeting_id"], data["heading"], data.get("text", ""), user=user,
                                   action_id=data.get("action_id"), shareable=data.get("shareable", True))
    if rid and rid != item.id:  # re-created by undo: keep its first id
        item.id = rid
        s.flush()
    return item.id


MINUTES = Entity(
    kind="minutes",
    noun=N_("minutes"),
    add=_minute_add,
    update=lambda s, rid, data, user: (meetings_svc.update_minute(
        s, rid, data.get("text", ""), user=user, shareable=data.get("shareable")), None)[1],
    remove=lambda s, rid, user: s.delete(_existing(s, MinuteItem, rid, _("That part of the minutes is no longer there."))),
    snapshot=_minute_snapshot,
    reuse_id=lambda s, rid: rid,
    name_of=lambda data: N_("minutes"),
)
