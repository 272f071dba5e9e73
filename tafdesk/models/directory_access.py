"""Who may change the shared directory of professionals and agencies on a shared database.

Professionals and agencies are shared by every case, and a TAF member sees a family's case only
while the family's consent covers their professional's agency (``case_access.consent_allows``).
Changing a professional's agency, or renaming or removing an agency, would change who sees other
families' cases. On a shared database that is allowed only for an administrator, or when every
case the professional (or agency) appears in is one the user may change (they lead it). The rule
is migration 0011's (``tafdesk_may_change_professional``, ``tafdesk_may_change_agency``, which
see every case through row security); its triggers refuse any other client too. Here the app asks
first, so the user gets a sentence instead of a database error. On the local file (one user, the
lead of everything) nothing is refused.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

from .case_access import AccessDenied
from .row_security import protected

PROFESSIONAL_REFUSED = ("This professional also works with families whose cases you do not lead, so only a "
                        "tafdesk administrator can change their agency; ask your administrator.")
AGENCY_REFUSED = ("This agency also works with families whose cases you do not lead, so only a tafdesk "
                  "administrator can rename or remove it; ask your administrator.")


def may_change_professional(session: Session, professional_id: str) -> bool:
    """Whether the signed-in user may change this professional's agency."""
    if not protected(session):
        return True
    return bool(session.execute(text("SELECT tafdesk_may_change_professional(:p)"),
                                {"p": professional_id}).scalar())


def may_change_agency(session: Session, agency_id: str) -> bool:
    """Whether the signed-in user may rename or remove this agency."""
    if not protected(session):
        return True
    return bool(session.execute(text("SELECT tafdesk_may_change_agency(:a)"), {"a": agency_id}).scalar())


def check_professional_change(session: Session, professional_id: str) -> None:
    """Refuse (AccessDenied, one sentence) a change of this professional's agency the user may not make."""
    if not may_change_professional(session, professional_id):
        raise AccessDenied(PROFESSIONAL_REFUSED)


def check_agency_change(session: Session, agency_id: str) -> None:
    """Refuse (AccessDenied, one sentence) renaming or removing this agency when the user may not."""
    if not may_change_agency(session, agency_id):
        raise AccessDenied(AGENCY_REFUSED)
