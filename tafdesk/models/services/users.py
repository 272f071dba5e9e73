"""Users of a shared database: added and changed by an administrator, never by themselves.

The first user of a new shared database must be an administrator; anyone the database server
lets in may add that one (the server's own logins are the gate). After that only an active
administrator adds, changes or deactivates users and sets a manager's team.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from ...i18n.catalog import S_
from .. import vocab as v
from ..case_access import AccessDenied, Viewer
from ..errors import NotFound, ValidationFailed
from ..orm import ManagedProfessional, Professional, User
from .audit import record_event

ROLE_WORDS = {v.UserRole.PRACTITIONER: "practitioner", v.UserRole.MANAGER: "manager",
              v.UserRole.ADMINISTRATOR: "administrator"}


@dataclass(frozen=True)
class UserSummary:
    login: str
    name: str
    role: str
    professional: str
    manages: str  # "all cases", names of the team, or ""
    active: bool


def _require_admin(session: Session, viewer: Viewer | None) -> None:
    if viewer is None or viewer.role == v.UserRole.ADMINISTRATOR:
        return
    raise AccessDenied("Only a tafdesk administrator adds or changes users.")


def _professional(session: Session, ref: str | None) -> str | None:
    """A professional by id or exact name (case-insensitive); None for none."""
    if not ref:
        return None
    found = session.scalars(select(Professional).where(Professional.id == ref)).all() or [
        p for p in session.scalars(select(Professional)) if p.name.casefold() == ref.strip().casefold()]
    if not found:
        raise ValidationFailed({"professional": S_("There is no professional {ref} in this database.",
                                                   ref=repr(ref))})
    if len(found) > 1:
        raise ValidationFailed({"professional": S_("More than one professional is called {ref}; give the id.",
                                                   ref=repr(ref))})
    return found[0].id


def add_user(session: Session, data: dict[str, Any], *, viewer: Viewer | None, user: str) -> User:
    """Add a user: ``login`` (their database login), ``name``, ``role``, ``professional``
    (id or name, for practitioners and managers who hold cases), ``manages_all``; or, for
    someone with no professional record yet, ``agency`` (its name): a record of them at it."""
    first = session.scalar(select(User.id).limit(1)) is None
    if not first:
        _require_admin(session, viewer)
    login = str(data.get("login") or "").strip()
    name = str(data.get("name") or "").strip()
    role = str(data.get("role") or "")
    problems = {}
    if not login:
        problems["login"] = "Give the user's database login."
    elif session.scalar(select(User.id).where(User.login == login)):
        problems["login"] = f"There is already a user with the login {login!r}."
    if not name:
        problems["name"] = "Give the user's name."
    if role not in set(v.UserRole):
        problems["role"] = "The role must be practitioner, manager or administrator."
    elif first and role != v.UserRole.ADMINISTRATOR:
        problems["role"] = "The first user of a shared database must be an administrator."
    if data.get("manages_all") and role != v.UserRole.MANAGER:
        problems["manages_all"] = "Only a manager can oversee every case."
    if problems:
        raise ValidationFailed(problems)
    prof = _professional(session, data.get("professional"))
    agency = str(data.get("agency") or "").strip()
    if agency and prof is not None:
        raise ValidationFailed({"agency": S_("Give the professional record or the agency, not both: a "
                                          "professional record already says its agency.")})
    if agency and role != v.UserRole.ADMINISTRATOR:
        from .team import find_or_create_agency

        found = find_or_create_agency(session, agency, "other")
        record = Professional(name=name, agency_id=found.id if found else None)
        session.add(record)
        session.flush()
        prof = record.id
    if role == v.UserRole.PRACTITIONER and prof is None:
        raise ValidationFailed({"professional": S_("A practitioner must be linked to their professional "
                                                "record: that is how their cases are found.")})
    row = User(login=login, name=name, role=role, professional_id=prof,
               manages_all=bool(data.get("manages_all")), active=True)
    session.add(row)
    session.flush()
    record_event(session, user=user, action="create", entity="users", entity_id=row.id, detail=role)
    return row


def get_user(session: Session, login: str) -> User:
    row = session.scalar(select(User).where(User.login == login))
    if row is None:
        raise NotFound(f"There is no user with the login {login!r}.")
    return row


def set_active(session: Session, login: str, active: bool, *, viewer: Viewer | None, user: str) -> User:
    _require_admin(session, viewer)
    row = get_user(session, login)
    if (not active and row.active and row.role == v.UserRole.ADMINISTRATOR
            and not _other_active_admins(session, row)):
        raise ValidationFailed({"login": S_("This is the only active administrator: make someone else an "
                                         "administrator first, or nobody could manage users.")})
    row.active = active
    session.flush()
    record_event(session, user=user, action="update", entity="users", entity_id=row.id,
                 detail="active" if active else "inactive")
    return row


def _other_active_admins(session: Session, row: User) -> int:
    return len(session.scalars(select(User.id).where(
        User.role == v.UserRole.ADMINISTRATOR, User.active.is_(True), User.id != row.id)).all())


def set_role(session: Session, login: str, role: str, *, manages_all: bool = False,
             viewer: Viewer | None, user: str) -> User:
    """Change a user's role (and whether a manager oversees every case)."""
    _require_admin(session, viewer)
    row = get_user(session, login)
    if role not in set(v.UserRole):
        raise ValidationFailed({"role": S_("The role must be practitioner, manager or administrator.")})
    if manages_all and role != v.UserRole.MANAGER:
        raise ValidationFailed({"manages_all": S_("Only a manager can oversee every case.")})
    if role == v.UserRole.PRACTITIONER and row.professional_id is None:
        raise ValidationFailed({"role": S_("{name} has no professional record, so would have no cases "
                                           "as a practitioner; add them again with their record.", name=row.name)})
    if (row.role == v.UserRole.ADMINISTRATOR and role != v.UserRole.ADMINISTRATOR and row.active
            and not _other_active_admins(session, row)):
        raise ValidationFailed({"role": S_("This is the only active administrator: make someone else an "
                                        "administrator first, or nobody could manage users.")})
    row.role, row.manages_all = role, manages_all
    if role != v.UserRole.MANAGER:
        session.execute(delete(ManagedProfessional).where(ManagedProfessional.manager_id == row.id))
    session.flush()
    record_event(session, user=user, action="update", entity="users", entity_id=row.id,
                 detail=role + (" of every case" if manages_all else ""))
    return row


def set_team(session: Session, manager_login: str, professionals: list[str], *,
             viewer: Viewer | None, user: str) -> list[str]:
    """Replace a manager's team with these professionals (ids or names); their ids."""
    _require_admin(session, viewer)
    manager = get_user(session, manager_login)
    if manager.role != v.UserRole.MANAGER:
        raise ValidationFailed({"login": S_("{name} is not a manager.", name=manager.name)})
    ids = list(dict.fromkeys(pid for pid in (_professional(session, p) for p in professionals) if pid))
    session.execute(delete(ManagedProfessional).where(ManagedProfessional.manager_id == manager.id))
    session.add_all(ManagedProfessional(manager_id=manager.id, professional_id=pid) for pid in ids)
    session.flush()
    record_event(session, user=user, action="update", entity="users", entity_id=manager.id,
                 detail=f"team of {len(ids)}")
    return ids


def list_users(session: Session) -> list[UserSummary]:
    names = dict(session.execute(select(Professional.id, Professional.name)).all())
    teams: dict[str, list[str]] = {}
    for mid, pid in session.execute(select(ManagedProfessional.manager_id, ManagedProfessional.professional_id)):
        teams.setdefault(mid, []).append(names.get(pid, "?"))
    out = []
    for u in session.scalars(select(User).order_by(User.login)):
        manages = "all cases" if u.manages_all else ", ".join(sorted(teams.get(u.id, [])))
        out.append(UserSummary(u.login, u.name, u.role, names.get(u.professional_id or "", ""), manages, u.active))
    return out
