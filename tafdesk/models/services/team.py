"""Professionals and agencies in a case's Team Around the Family."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ...i18n.catalog import S_
from ..directory_access import check_professional_change
from ..errors import NotFound, ValidationFailed
from ..orm import Agency, Case, CaseProfessional, Professional
from ..schemas.forms import ProfessionalForm
from .audit import record_event
from .cases import validate


def find_or_create_agency(session: Session, name: str, kind: str) -> Agency | None:
    if not name:
        return None
    agency = session.scalar(select(Agency).where(func.lower(Agency.name) == name.lower()))
    if agency is None:
        agency = Agency(name=name, kind=kind)
        session.add(agency)
        session.flush()
    return agency


def _agency_of(session: Session, name: str) -> str | None:
    """The id of the agency ``find_or_create_agency`` would give for ``name`` ("" for a new one)."""
    if not name:
        return None
    found = session.scalar(select(Agency.id).where(func.lower(Agency.name) == name.lower()))
    return "" if found is None else found


def team_of(session: Session, case_id: str) -> list[CaseProfessional]:
    return list(
        session.scalars(
            select(CaseProfessional)
            .join(Professional)
            .where(CaseProfessional.case_id == case_id)
            .order_by(Professional.name)
        )
    )


def professional_form_data(member: CaseProfessional) -> dict[str, Any]:
    p = member.professional
    return {
        "name": p.name, "role": p.role, "agency_name": p.agency.name if p.agency else "",
        "agency_kind": p.agency.kind if p.agency else "other", "phone": p.phone,
        "email": p.email, "role_in_case": member.role_in_case,
    }


def add_to_team(
    session: Session, case_id: str, data: dict[str, Any], *, user: str,
    professional_id: str | None = None,
) -> CaseProfessional:
    """Add a professional (new, or an existing one by id) to the case's team."""
    form: ProfessionalForm = validate(ProfessionalForm, data)
    prof = session.get(Professional, professional_id) if professional_id else None
    if prof is None:
        agency = find_or_create_agency(session, form.agency_name, form.agency_kind)
        prof = Professional(
            name=form.name, role=form.role, phone=form.phone, email=form.email,
            agency_id=agency.id if agency else None,
        )
        if professional_id:
            prof.id = professional_id
        session.add(prof)
        session.flush()
    exists = session.scalar(
        select(CaseProfessional).where(
            CaseProfessional.case_id == case_id, CaseProfessional.professional_id == prof.id
        )
    )
    if exists is not None:
        raise ValidationFailed({"name": S_("{name} is already in this team.", name=prof.name)})
    member = CaseProfessional(case_id=case_id, professional_id=prof.id, role_in_case=form.role_in_case)
    session.add(member)
    session.flush()
    record_event(session, user=user, action="create", case_id=case_id, entity="case_professionals", entity_id=member.id)
    return member


def update_team_member(session: Session, member_id: str, data: dict[str, Any], *, user: str) -> CaseProfessional:
    member = session.get(CaseProfessional, member_id)
    if member is None:
        raise NotFound("That professional is no longer in this team.")
    form: ProfessionalForm = validate(ProfessionalForm, data)
    prof = member.professional
    if _agency_of(session, form.agency_name) != prof.agency_id:
        # Their agency decides which families' consents cover them, in every case they are in.
        check_professional_change(session, prof.id)
    agency = find_or_create_agency(session, form.agency_name, form.agency_kind)
    prof.name, prof.role, prof.phone, prof.email = form.name, form.role, form.phone, form.email
    prof.agency_id = agency.id if agency else None
    member.role_in_case = form.role_in_case
    session.flush()
    record_event(session, user=user, action="update", case_id=member.case_id, entity="case_professionals", entity_id=member.id)
    return member


def remove_from_team(session: Session, member_id: str, *, user: str) -> None:
    member = session.get(CaseProfessional, member_id)
    if member is None:
        return
    case = session.get(Case, member.case_id)
    if case is not None and case.lead_professional_id == member.professional_id:
        raise ValidationFailed({"": S_("This is the lead professional; allocate another lead first.")})
    session.delete(member)
    session.flush()
    record_event(session, user=user, action="delete", case_id=member.case_id, entity="case_professionals", entity_id=member_id)
