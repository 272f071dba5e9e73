"""What the genogram and ecomap editor keeps beyond the network itself.

Manual positions: where the user dragged a person (genogram) or a system (ecomap), in points;
everyone else is placed automatically. Snapshots: the whole network as it stood on a day, kept so
that a review can show how it changed.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, CaseRow


class DiagramPosition(CaseRow, Base):
    __tablename__ = "diagram_positions"
    __table_args__ = (UniqueConstraint("case_id", "diagram", "item_id"),)

    diagram: Mapped[str] = mapped_column(String(16))  # "genogram" or "ecomap"
    # A person or an ecomap system. Not a foreign key: a remembered position never stops a
    # person being removed; positions of records that have gone are ignored and tidied away.
    item_id: Mapped[str] = mapped_column(String(36))
    x: Mapped[int] = mapped_column(Integer)
    y: Mapped[int] = mapped_column(Integer)


class NetworkSnapshot(CaseRow, Base):
    __tablename__ = "network_snapshots"

    taken_on: Mapped[date]
    label: Mapped[str] = mapped_column(String(200), default="")
    taken_by: Mapped[str] = mapped_column(String(200), default="")
    content: Mapped[str] = mapped_column(Text)  # the network and the manual positions, as JSON
