"""Consent to early help and to sharing information, and its withdrawal."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...i18n.catalog import S_
from ..errors import NotFound, ValidationFailed
from ..orm import Consent, Person
from ..schemas.forms import ConsentForm
from .audit import record_event
from .cases import validate

CONSENT_FIELDS = tuple(ConsentForm.model_fields)


def consent_form_data(consent: Consent) -> dict[str, Any]:
    return {f: getattr(consent, f) for f in CONSENT_FIELDS}


def consents_of(session: Session, case_id: str) -> list[Consent]:
    return list(
        session.scalars(
            select(Consent).where(Consent.case_id == case_id).order_by(Consent.given_on, Consent.id)
        )
    )


def _check_person(session: Session, case_id: str, person_id: str) -> Person:
    person = session.get(Person, person_id)
    if person is None or person.case_id != case_id:
        raise ValidationFailed({"person_id": S_("Choose a member of this family.")})
    return person


def record_consent(
    session: Session, case_id: str, data: dict[str, Any], *, user: str, today: date | None = None,
    consent_id: str | None = None,
) -> Consent:
    """Record consent; ``consent_id`` re-creates a removed record under its own id (undo)."""
    form: ConsentForm = validate(ConsentForm, data, today=today)
    _check_person(session, case_id, form.person_id)
    consent = Consent(case_id=case_id, **form.model_dump())
    if consent_id:
        consent.id = consent_id
    session.add(consent)
    session.flush()
    record_event(session, user=user, action="create", case_id=case_id, entity="consents", entity_id=consent.id)
    return consent


def update_consent(
    session: Session, consent_id: str, data: dict[str, Any], *, user: str, today: date | None = None
) -> Consent:
    consent = session.get(Consent, consent_id)
    if consent is None:
        raise NotFound("That consent record is no longer there.")
    form: ConsentForm = validate(ConsentForm, data, today=today)
    _check_person(session, consent.case_id, form.person_id)
    for k, val in form.model_dump().items():
        setattr(consent, k, val)
    session.flush()
    action = "withdraw_consent" if form.withdrawn_on else "update"
    record_event(session, user=user, action=action, case_id=consent.case_id, entity="consents", entity_id=consent.id)
    return consent


def remove_consent(session: Session, consent_id: str, *, user: str) -> None:
    consent = session.get(Consent, consent_id)
    if consent is None:
        return
    session.delete(consent)
    session.flush()
    record_event(session, user=user, action="delete", case_id=consent.case_id, entity="consents", entity_id=consent_id)
