"""What the app asks across cases on a shared database with row-level security.

On PostgreSQL each login sees only the rows of the cases it may read (migration 0010, the same
rule as ``case_access``). A few questions must still be answered over every case without
showing any of them: the next free case reference, whether a case file being imported is
already there, and why a case the user asks for is refused. These go to SECURITY DEFINER functions of the migration that answer only that
(a number, a word). On the local SQLite file there is no row security and the plain queries
are used.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session


def protected(session: Session) -> bool:
    """Whether this database has row-level security (a shared PostgreSQL database)."""
    return session.get_bind().dialect.name == "postgresql"


def last_case_number(session: Session, prefix: str) -> int:
    """The highest number of the references starting with ``prefix``, over every case."""
    return int(session.execute(text("SELECT tafdesk_last_case_number(:p)"), {"p": prefix}).scalar_one())


def case_taken(session: Session, case_id: str, reference: str) -> str | None:
    """'id' or 'reference' when a case (seen by the user or not) already has it; else None."""
    return session.execute(text("SELECT tafdesk_case_taken(:i, :r)"),
                           {"i": case_id, "r": reference}).scalar()


def hidden_case(session: Session, key: str) -> str | None:
    """For a reference or id the user cannot see: None if no case has it, else their part in it
    ('taf_member': in its team, without the family's consent; 'none')."""
    return session.execute(text("SELECT tafdesk_hidden_case(:k)"), {"k": key}).scalar()
