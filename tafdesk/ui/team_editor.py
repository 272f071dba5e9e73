"""The Team Around the Family: professionals and agencies working with the family."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget
from sqlalchemy.orm import Session

from ..i18n.ui import N_, _
from ..models.orm import Case
from ..models.services.team import team_of
from . import labels as L
from .editor import RecordEditor, Row
from .forms import Field
from .undo import TEAM

TEAM_FIELDS = (
    Field("name", N_("Name")),
    Field("role", N_("Job title"), hint=N_("For example: Designated Safeguarding Lead, Health Visitor")),
    Field("role_in_case", N_("Part in this family's team"), hint=N_("For example: Leo's school")),
    Field("agency_name", N_("Agency"), section=N_("Agency and contact")),
    Field("agency_kind", N_("Kind of agency"), "choice", tuple(L.AGENCY_KIND.items())),
    Field("phone", N_("Phone")),
    Field("email", N_("Email")),
)


class TeamEditor(RecordEditor):
    entity = TEAM
    fields = TEAM_FIELDS
    title = N_("Team around the family")
    add_text = N_("Add professional")
    remove_text = N_("Remove from team")
    empty_hint = N_("Choose a professional from the list to see and change their details, "
                    "or add one to the team (Ctrl+Shift+T).")

    def __init__(self, ops: Any, parent: QWidget | None = None) -> None:
        super().__init__(ops, parent)
        self.setAccessibleName(_("Team editor"))

    def load_rows(self, s: Session, case_id: str) -> list[Row]:
        case = s.get(Case, case_id)
        lead = case.lead_professional_id if case else None
        rows = []
        for m in team_of(s, case_id):
            p = m.professional
            where = ", ".join(x for x in (p.role, p.agency.name if p.agency else "") if x)
            if p.id == lead:
                text = (_("{name}: {where} (lead professional)", name=p.name, where=where) if where
                        else _("{name} (lead professional)", name=p.name))
            else:
                text = _("{name}: {where}", name=p.name, where=where) if where else p.name
            rows.append((m.id, text))
        return rows

    def defaults(self) -> dict[str, Any]:
        return {"agency_kind": "other"}
