"""Consent to early help and to sharing information, and its withdrawal."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import QWidget
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..i18n.ui import N_, _
from ..models.orm import Agency
from ..models.services.consent import consents_of
from ..models.services.people import list_people
from ..models.services.team import team_of
from . import labels as L
from .editor import RecordEditor, Row
from .forms import Field
from .undo import CONSENT

DATE_HINT = N_("YYYY-MM-DD or DD/MM/YYYY")

CONSENT_FIELDS = (
    Field("person_id", N_("Given by"), "choice"),
    Field("given_on", N_("Given on"), "date", hint=DATE_HINT),
    Field("method", N_("How it was given"), "choice", tuple(L.CONSENT_METHOD.items())),
    Field("recorded_by", N_("Recorded by")),
    Field("share_with_all_taf", N_("Information may be shared with the whole team around the family"),
          "check", section=N_("What may be shared, and with whom")),
    Field("scope_agency_ids", N_("Agencies it may be shared with"), "multi"),
    Field("scope_notes", N_("Notes on sharing"), "multiline",
          hint=N_("Limits the person asked for, or who else may be told")),
    Field("withdrawn_on", N_("Withdrawn on"), "date", hint=DATE_HINT, section=N_("Withdrawal")),
    Field("withdrawal_notes", N_("What the person said, and what follows"), "multiline"),
    Field("withdrawal_manager_decision", N_("Manager's decision"), "multiline"),
)


class ConsentEditor(RecordEditor):
    entity = CONSENT
    fields = CONSENT_FIELDS
    listens = frozenset({"people", "team"})
    title = N_("Consent records")
    add_text = N_("Record consent")
    remove_text = N_("Remove consent record")
    empty_hint = N_("Choose a consent record from the list, or record consent (Ctrl+Shift+C). "
                    "A withdrawal is recorded on the consent it withdraws.")

    def __init__(self, ops: Any, parent: QWidget | None = None) -> None:
        super().__init__(ops, parent)
        self.setAccessibleName(_("Consent editor"))

    def load_rows(self, s: Session, case_id: str) -> list[Row]:
        names = {p.id: p.display_name for p in list_people(s, case_id)}
        rows = []
        for c in consents_of(s, case_id):
            who = names.get(c.person_id) or _("(removed)")
            how = L.label(L.CONSENT_METHOD, c.method)
            if c.withdrawn_on:
                text = _("{person}: {method}, {given}; withdrawn {withdrawn}", person=who, method=how,
                         given=L.day(c.given_on), withdrawn=L.day(c.withdrawn_on))
            else:
                text = _("{person}: {method}, {given}", person=who, method=how, given=L.day(c.given_on))
            rows.append((c.id, text))
        return rows

    def load_choices(self, s: Session, case_id: str) -> dict[str, list[tuple[str, str]]]:
        people = [(p.id, _("{name} (child)", name=p.display_name) if p.kind == "child"
                   else _("{name} (adult)", name=p.display_name))
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
