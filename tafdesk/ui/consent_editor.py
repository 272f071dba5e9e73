"""Consent to early help and to sharing information, and its withdrawal."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import QWidget
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models.orm import Agency
from ..models.services.consent import consents_of
from ..models.services.people import list_people
from ..models.services.team import team_of
from . import labels as L
from .editor import RecordEditor, Row
from .forms import Field
from .undo import CONSENT

DATE_HINT = "YYYY-MM-DD or DD/MM/YYYY"

CONSENT_FIELDS = (
    Field("person_id", "Given by", "choice"),
    Field("given_on", "Given on", "date", hint=DATE_HINT),
    Field("method", "How it was given", "choice", tuple(L.CONSENT_METHOD.items())),
    Field("recorded_by", "Recorded by"),
    Field("share_with_all_taf", "Information may be shared with the whole team around the family",
          "check", section="What may be shared, and with whom"),
    Field("scope_agency_ids", "Agencies it may be shared with", "multi"),
    Field("scope_notes", "Notes on sharing", "multiline",
          hint="Limits the person asked for, or who else may be told"),
    Field("withdrawn_on", "Withdrawn on", "date", hint=DATE_HINT, section="Withdrawal"),
    Field("withdrawal_notes", "What the person said, and what follows", "multiline"),
    Field("withdrawal_manager_decision", "Manager's decision", "multiline"),
)


class ConsentEditor(RecordEditor):
    entity = CONSENT
    fields = CONSENT_FIELDS
    listens = frozenset({"people", "team"})
    title = "Consent records"
    add_text = "Record consent"
    remove_text = "Remove consent record"
    empty_hint = ("Choose a consent record from the list, or record consent (Ctrl+Shift+C). "
                  "A withdrawal is recorded on the consent it withdraws.")

    def __init__(self, ops: Any, parent: QWidget | None = None) -> None:
        super().__init__(ops, parent)
        self.setAccessibleName("Consent editor")

    def load_rows(self, s: Session, case_id: str) -> list[Row]:
        names = {p.id: p.display_name for p in list_people(s, case_id)}
        rows = []
        for c in consents_of(s, case_id):
            text = f"{names.get(c.person_id, '(removed)')}: {L.label(L.CONSENT_METHOD, c.method).lower()}, {L.day(c.given_on)}"
            if c.withdrawn_on:
                text += f"; withdrawn {L.day(c.withdrawn_on)}"
            rows.append((c.id, text))
        return rows

    def load_choices(self, s: Session, case_id: str) -> dict[str, list[tuple[str, str]]]:
        people = [(p.id, f"{p.display_name} ({'child' if p.kind == 'child' else 'adult'})")
                  for p in list_people(s, case_id)]
        agencies: dict[str, str] = {}
        for m in team_of(s, case_id):
            if m.professional.agency is not None:
                agencies[m.professional.agency.id] = m.professional.agency.name
        scoped = {a for c in consents_of(s, case_id) for a in c.scope_agency_ids} - set(agencies)
        if scoped:  # agencies named in a consent but no longer in the team
            for a in s.scalars(select(Agency).where(Agency.id.in_(scoped))):
                agencies[a.id] = a.name
        return {"person_id": people,
                "scope_agency_ids": sorted(agencies.items(), key=lambda kv: kv[1].lower())}

    def defaults(self) -> dict[str, Any]:
        return {"given_on": date.today(), "method": "written"}
