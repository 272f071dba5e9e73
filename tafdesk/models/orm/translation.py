"""Translations of free text, one per English segment and language, made by a human translator.

Free text (goals, actions, minutes) is written in English and never machine translated. A
translator translates a document's segments in their own tool (XLIFF, ``models/xliff.py``) and the
result is kept here, keyed by the language and a hash of the English source: the same sentence
anywhere in the case reuses its translation, and an edited English sentence has a new hash, so
it is no longer shown as translated (``models/translation.py``).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, CaseRow, utcnow


class TranslatedSegment(CaseRow, Base):
    __tablename__ = "translated_segments"
    __table_args__ = (UniqueConstraint("case_id", "lang", "source_hash"),)

    lang: Mapped[str] = mapped_column(String(16))  # the catalogue's language code, e.g. "pl"
    source_hash: Mapped[str] = mapped_column(String(64))  # sha256 of the normalised English
    source: Mapped[str] = mapped_column(Text)  # the English as it was translated
    translation: Mapped[str] = mapped_column(Text)
    # Where the segment was first found. Not foreign keys: a translation outlives an edit or a
    # removal of the record (the same sentence elsewhere still uses it).
    source_entity: Mapped[str] = mapped_column(String(64), default="")
    source_record: Mapped[str] = mapped_column(String(36), default="")
    source_field: Mapped[str] = mapped_column(String(64), default="")
    translator: Mapped[str] = mapped_column(String(200))
    translated_on: Mapped[date]
    imported_in: Mapped[str] = mapped_column(String(36))  # the import that brought it (audit detail)
    imported_at: Mapped[datetime] = mapped_column(default=utcnow)
