"""Who may see and do what in a shared database: pure rules, then the queries that feed them.

Only a shared database (PostgreSQL through ``TAFDESK_DATABASE_URL``) has users. The local
encrypted file has one user, who holds the passphrase and so every case in it: there the
front ends pass no ``Viewer`` and nothing is filtered.

In a shared database a user's part in a case comes from the case record itself:

- **lead professional**: the case's lead professional is the user's professional. Reads and
  changes the whole record.
- **TAF member**: the user's professional is a current member of the case's Team Around the
  Family. Reads the record, and changes only the plan actions they own, *when the family's
  consent covers their agency*: every person who gave consent must have a current (not
  withdrawn) consent that shares with the whole TAF or names the member's agency. Otherwise the
  case is not shown to them at all (a partial record invites wrong decisions; the lead
  professional shares what is needed by other means).
- **manager**: oversees the cases led by the practitioners in their team (or every case, when
  they manage the whole service). Reads, and authorises (the assessment); does not change the
  record.
- **administrator**: manages users; sees no case content.

The user is the database login (``SELECT session_user``): the database server has checked their
password, so nobody can claim to be someone else by setting a variable.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import or_, select, text
from sqlalchemy.orm import Session

from . import vocab as v
from .errors import TafdeskError
from .orm import Action, Case, CaseProfessional, Consent, ManagedProfessional, Professional, User


class AccessDenied(TafdeskError):
    """The user may not see or do this; the text says why, in words."""


class CaseRole(StrEnum):
    LEAD = "lead"
    TAF_MEMBER = "taf_member"
    MANAGER = "manager"
    NONE = "none"


@dataclass(frozen=True)
class Viewer:
    """The signed-in user of a shared database, with what their access depends on."""

    user_id: str
    login: str
    name: str
    role: str  # vocab.UserRole
    professional_id: str | None = None
    agency_id: str | None = None
    manages_all: bool = False
    team: frozenset[str] = frozenset()  # professionals whose cases a manager oversees


@dataclass(frozen=True)
class ConsentFacts:
    """One person's latest consent."""

    person_id: str
    share_with_all_taf: bool
    scope_agency_ids: frozenset[str]
    withdrawn: bool


@dataclass(frozen=True)
class CaseFacts:
    case_id: str
    lead_professional_id: str | None
    member_ids: frozenset[str]  # professionals currently in the TAF
    consents: tuple[ConsentFacts, ...] = ()


@dataclass(frozen=True)
class Access:
    role: CaseRole
    read: bool = False
    edit: bool = False  # the whole record
    edit_own_actions: bool = False  # plan actions the user's professional owns
    authorise: bool = False
    reason: str = ""  # why not, when ``read`` is False

    @property
    def read_only(self) -> bool:
        return self.read and not self.edit


FULL = Access(CaseRole.LEAD, read=True, edit=True, edit_own_actions=True)
NOT_YOURS = "This case is not one of yours: you are not its lead professional, in its team, or its manager."
NOT_CONSENTED = ("You are in this family's team, but the family's consent does not cover sharing their record "
                 "with your agency (or it has been withdrawn). Ask the lead professional.")
ADMIN_SEES_NONE = "Administrators manage users and do not see case records."


# Pure rules.
def consent_allows(agency_id: str | None, consents: Iterable[ConsentFacts]) -> bool:
    """Whether the family's consent lets the case be shared with a TAF member's agency."""
    consents = list(consents)
    if not consents:
        return False
    return all(
        not c.withdrawn and (c.share_with_all_taf or (agency_id is not None and agency_id in c.scope_agency_ids))
        for c in consents
    )


def access(viewer: Viewer | None, facts: CaseFacts) -> Access:
    """What ``viewer`` may do in the case (``None``: the one user of a local file: everything)."""
    if viewer is None:
        return FULL
    if viewer.role == v.UserRole.ADMINISTRATOR:
        return Access(CaseRole.NONE, reason=ADMIN_SEES_NONE)
    prof = viewer.professional_id
    if prof is not None and prof == facts.lead_professional_id:
        return FULL
    if viewer.role == v.UserRole.MANAGER and (
        viewer.manages_all or (facts.lead_professional_id is not None and facts.lead_professional_id in viewer.team)
    ):
        return Access(CaseRole.MANAGER, read=True, authorise=True)
    if prof is not None and prof in facts.member_ids:
        if consent_allows(viewer.agency_id, facts.consents):
            return Access(CaseRole.TAF_MEMBER, read=True, edit_own_actions=True)
        return Access(CaseRole.TAF_MEMBER, reason=NOT_CONSENTED)
    return Access(CaseRole.NONE, reason=NOT_YOURS)


def refusal_of_hidden(viewer: Viewer, part: str) -> AccessDenied:
    """The refusal for a case row security hides from the viewer (``row_security.hidden_case``)."""
    if viewer.role == v.UserRole.ADMINISTRATOR:
        reason = ADMIN_SEES_NONE
    else:
        reason = NOT_CONSENTED if part == CaseRole.TAF_MEMBER else NOT_YOURS
    return AccessDenied(f"You cannot open this case. {reason}")


def may_change(acc: Access, viewer: Viewer | None, *, action_owner_id: str | None = None) -> bool:
    """Whether a change may be made: anything for the lead, an owned action for a TAF member."""
    if acc.edit:
        return True
    return (acc.edit_own_actions and viewer is not None and action_owner_id is not None
            and action_owner_id == viewer.professional_id)


# Who is signed in.
def database_login(session: Session) -> str | None:
    """The login the database server authenticated, or None for a local SQLite file."""
    if session.get_bind().dialect.name == "sqlite":
        return None
    return session.execute(text("SELECT session_user")).scalar()


def viewer_for_login(session: Session, login: str) -> Viewer:
    user = session.scalar(select(User).where(User.login == login))
    if user is None or not user.active:
        if session.scalar(select(User.id).limit(1)) is None:
            raise AccessDenied("No users are set up in this shared database yet: an administrator adds "
                               "them first with 'tafdesk users add'.")
        raise AccessDenied(f"The database login {login!r} is not an active tafdesk user; "
                           "ask your tafdesk administrator to add you.")
    return _viewer(session, user)


def current_viewer(session: Session) -> Viewer | None:
    """The signed-in user of a shared database; None for a local file (one user, every case)."""
    login = database_login(session)
    return None if login is None else viewer_for_login(session, login)


def _viewer(session: Session, user: User) -> Viewer:
    agency_id = None
    if user.professional_id:
        agency_id = session.scalar(select(Professional.agency_id).where(Professional.id == user.professional_id))
    team = session.scalars(
        select(ManagedProfessional.professional_id).where(ManagedProfessional.manager_id == user.id)
    )
    return Viewer(user.id, user.login, user.name, user.role, user.professional_id, agency_id,
                  user.manages_all, frozenset(team))


# Facts and queries.
def case_facts(session: Session, case_ids: Iterable[str]) -> dict[str, CaseFacts]:
    """The facts access depends on, for each case (cases that do not exist are left out)."""
    ids = list(case_ids)
    if not ids:
        return {}
    leads = dict(session.execute(select(Case.id, Case.lead_professional_id).where(Case.id.in_(ids))).all())
    members: dict[str, set[str]] = {cid: set() for cid in leads}
    for cid, pid in session.execute(
        select(CaseProfessional.case_id, CaseProfessional.professional_id)
        .where(CaseProfessional.case_id.in_(ids), CaseProfessional.left_on.is_(None))
    ):
        members[cid].add(pid)
    latest: dict[tuple[str, str], Consent] = {}
    # The newest consent of each person wins; on the same day the larger id, as row security does.
    newest_last = select(Consent).where(Consent.case_id.in_(ids)).order_by(Consent.given_on, Consent.id)
    for c in session.scalars(newest_last):
        latest[(c.case_id, c.person_id)] = c
    consents: dict[str, list[ConsentFacts]] = {cid: [] for cid in leads}
    for (cid, pid), c in latest.items():
        consents[cid].append(ConsentFacts(pid, c.share_with_all_taf, frozenset(c.scope_agency_ids or ()),
                                          c.withdrawn_on is not None))
    return {cid: CaseFacts(cid, leads[cid], frozenset(members[cid]), tuple(consents[cid])) for cid in leads}


def case_access(session: Session, viewer: Viewer | None, case_id: str) -> Access:
    if viewer is None:
        return FULL
    facts = case_facts(session, [case_id]).get(case_id)
    if facts is None:
        return Access(CaseRole.NONE, reason="That case is no longer in this database.")
    return access(viewer, facts)


def require_read(session: Session, viewer: Viewer | None, case_id: str) -> Access:
    """The viewer's access to a case they are opening, or AccessDenied saying why not."""
    acc = case_access(session, viewer, case_id)
    if not acc.read:
        raise AccessDenied(f"You cannot open this case. {acc.reason}")
    return acc


def readable_case_ids(session: Session, viewer: Viewer) -> set[str] | None:
    """Ids of the cases the viewer may read; None when that is every case (whole-service manager)."""
    if viewer.role == v.UserRole.ADMINISTRATOR:
        return set()
    if viewer.role == v.UserRole.MANAGER and viewer.manages_all:
        return None
    conds = []
    if viewer.professional_id:
        prof = viewer.professional_id
        conds.append(Case.lead_professional_id == prof)
        conds.append(Case.id.in_(select(CaseProfessional.case_id).where(
            CaseProfessional.professional_id == prof, CaseProfessional.left_on.is_(None))))
    if viewer.role == v.UserRole.MANAGER and viewer.team:
        conds.append(Case.lead_professional_id.in_(viewer.team))
    if not conds:
        return set()
    candidates = list(session.scalars(select(Case.id).where(or_(*conds))))
    facts = case_facts(session, candidates)
    return {cid for cid, f in facts.items() if access(viewer, f).read}


def check_change(session: Session, viewer: Viewer | None, case_id: str, *,
                 action_id: str | None = None) -> None:
    """Refuse (AccessDenied) a change the viewer may not make in the case."""
    if viewer is None:
        return
    acc = case_access(session, viewer, case_id)
    owner = None
    if action_id is not None and acc.edit_own_actions:
        owner = session.scalar(select(Action.owner_professional_id).where(Action.id == action_id))
    if may_change(acc, viewer, action_owner_id=owner):
        return
    if not acc.read:
        raise AccessDenied(f"You cannot change this case. {acc.reason}")
    if acc.role == CaseRole.MANAGER:
        raise AccessDenied("As the case's manager you can read and authorise; the lead professional "
                           "makes changes to the record.")
    raise AccessDenied("Only the lead professional changes this record; as a member of the team you "
                       "can update the plan actions you own.")
