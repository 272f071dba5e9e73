"""Who is running a command, and what they may reach: the command line's access checks.

On the local encrypted file there is one user (the passphrase holder): every command sees
every case, and the audit trail names the computer's login. On a shared database the user is
the database login (``case_access.current_viewer``): a command opens only a case that user may
read, lists only such cases, changes only what they may change, and the audit trail names the
login. A refusal is an ``AccessDenied`` whose text is the one line the user reads.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .models import vocab as v
from .models.case_access import (
    AccessDenied,
    Viewer,
    check_change,
    current_viewer,
    readable_case_ids,
)

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from .models.orm import Case


@dataclass(frozen=True)
class Who:
    viewer: Viewer | None  # None: the one user of a local file
    user: str  # the name the audit trail records

    @property
    def shared(self) -> bool:
        return self.viewer is not None

    def open_case(self, session: Session, ref: str) -> Case:
        """The case by reference or id, refused (AccessDenied, with the reason) unless readable."""
        from .models.services.cases import get_case

        return get_case(session, ref, viewer=self.viewer)

    def change_case(self, session: Session, ref: str) -> Case:
        """The case, refused unless the user may change its whole record (the lead professional)."""
        case = self.open_case(session, ref)
        check_change(session, self.viewer, case.id)
        return case

    def readable(self, session: Session) -> set[str] | None:
        """Ids of the cases the user may read; None for every case."""
        return None if self.viewer is None else readable_case_ids(session, self.viewer)

    def keep(self, session: Session, case_ids: Iterable[str]) -> set[str]:
        """Those of ``case_ids`` the user may read."""
        ids = set(case_ids)
        readable = self.readable(session)
        return ids if readable is None else ids & readable

    def require_case_reader(self) -> None:
        """Refuse an administrator a command about case records (they manage users only)."""
        if self.viewer is not None and self.viewer.role == v.UserRole.ADMINISTRATOR:
            raise AccessDenied("Administrators manage users and do not see case records; "
                               "sign in with a practitioner's or manager's login.")

    def require_case_holder(self) -> None:
        """Refuse adding cases to a shared database to anyone but a practitioner or manager."""
        if self.viewer is not None and self.viewer.role not in (v.UserRole.PRACTITIONER, v.UserRole.MANAGER):
            raise AccessDenied("Only practitioners and managers add cases to a shared database; "
                               "administrators manage users.")

    def require_admin(self) -> None:
        if self.viewer is None:
            raise AccessDenied("The local case file has one user and no user accounts: users belong to "
                               "a shared database (TAFDESK_DATABASE_URL).")
        if self.viewer.role != v.UserRole.ADMINISTRATOR:
            raise AccessDenied("Only a tafdesk administrator manages users.")


def who(session: Session) -> Who:
    """The user running the command; AccessDenied when a shared database does not know them."""
    from .cli import _user

    viewer = current_viewer(session)
    return Who(viewer, viewer.login if viewer is not None else _user())
