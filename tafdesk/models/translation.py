"""Free text in the family's language: a human translator's translations, segment by segment.

Free text (goals, actions, minutes) is written in English and never machine translated. Every
document shows a piece of free text through one function, ``translate_free(segments, text,
where)``: the translation when a translator has translated exactly this English in this case
and language, otherwise the English, reported as not translated (the document marks it so).

``segments_for(session, case_id, lang)`` loads a case's translations for one language. The
translations are keyed by a hash of the normalised English (``source_hash``): the same sentence
anywhere in the case reuses its translation, and an edited sentence is no longer translated.

A document's segments are found by rendering it (``collecting``): the segments it asks for are
exactly the free text its copy shows, after the same redaction, so an export for a translator can
never contain a field the family's copy leaves out.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from .orm import TranslatedSegment, new_id, utcnow

_COLLECTOR = "tafdesk.translation.collector"  # key in Session.info while a document is collected


def normalise(text: str) -> str:
    """The English as it is compared: composed characters, one kind of line break, no outer space."""
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n")).strip()


def source_hash(text: str) -> str:
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Where:
    """Where a piece of free text comes from: the record and field, and words for a translator."""

    entity: str = ""  # table, e.g. "actions"
    record: str = ""  # the record's id
    field: str = ""  # column, e.g. "description"
    label: str = ""  # e.g. "Outcome 2, action 1: what will be done"

    def describe(self) -> str:
        parts = [self.label] if self.label else []
        if self.entity:
            ref = f"{self.entity}.{self.field}" if self.field else self.entity
            parts.append(f"{ref} {self.record}".strip())
        return "; ".join(parts)


@dataclass(frozen=True)
class Segment:
    """One piece of English free text a document shows, with its translation if there is one."""

    id: str  # source_hash
    source: str  # normalised English
    where: Where
    translation: str | None = None
    translator: str = ""
    translated_on: date | None = None


@dataclass
class Segments:
    """A case's translations into one language, and (while collecting) what a document asked for."""

    lang: str
    by_hash: dict[str, TranslatedSegment] = field(default_factory=dict)
    seen: dict[str, Segment] | None = None  # filled in document order while collecting

    def lookup(self, text: str, where: Where | None = None) -> str | None:
        source = normalise(text)
        if not source:
            return None
        key = source_hash(source)
        row = self.by_hash.get(key)
        if self.seen is not None and key not in self.seen:
            self.seen[key] = Segment(key, source, where or Where(), row.translation if row else None,
                                     row.translator if row else "", row.translated_on if row else None)
        return row.translation if row is not None else None


NO_SEGMENTS = Segments("en")


def segments_for(session: Session | None, case_id: str, lang: str) -> Segments:
    """The case's translations into ``lang`` (none for English or without a session)."""
    collector = session.info.get(_COLLECTOR) if session is not None else None
    if session is None or not lang or lang == "en":
        return Segments(lang or "en", seen=collector)
    rows = session.scalars(select(TranslatedSegment).where(TranslatedSegment.case_id == case_id,
                                                           TranslatedSegment.lang == lang))
    return Segments(lang, {r.source_hash: r for r in rows}, seen=collector)


def translate_free(segments: Segments | None, lang: str, text: str,
                   where: Where | None = None) -> tuple[str, bool]:
    """``(text to show, translated)``: the translation of ``text`` into ``lang``, or the English
    and False. In English the English is shown as it is (it is the original)."""
    if not text or not text.strip() or not lang or lang == "en":
        return text, True
    if segments is None or segments.lang != lang:
        return text, False
    found = segments.lookup(text, where)
    return (found, True) if found is not None else (text, False)


@contextmanager
def collecting(session: Session) -> Iterator[dict[str, Segment]]:
    """While inside, every ``segments_for`` on this session records the segments asked for."""
    if _COLLECTOR in session.info:
        raise RuntimeError("already collecting segments on this session")
    seen: dict[str, Segment] = {}
    session.info[_COLLECTOR] = seen
    try:
        yield seen
    finally:
        del session.info[_COLLECTOR]


def store_translation(session: Session, case_id: str, lang: str, segment: Segment, translation: str, *,
                      translator: str, translated_on: date, import_id: str) -> bool:
    """Keep ``translation`` of ``segment``; False when the same translation was already kept."""
    row = session.scalar(select(TranslatedSegment).where(
        TranslatedSegment.case_id == case_id, TranslatedSegment.lang == lang,
        TranslatedSegment.source_hash == segment.id))
    if row is not None and row.translation == translation:
        return False
    if row is None:
        row = TranslatedSegment(id=new_id(), case_id=case_id, lang=lang, source_hash=segment.id)
        session.add(row)
    row.source = segment.source
    row.translation = translation
    row.source_entity = segment.where.entity[:64]
    row.source_record = segment.where.record[:36]
    row.source_field = segment.where.field[:64]
    row.translator = translator
    row.translated_on = translated_on
    row.imported_in = import_id
    row.imported_at = utcnow()
    return True


__all__ = ["NO_SEGMENTS", "Segment", "Segments", "Where", "collecting", "normalise", "segments_for",
           "source_hash", "store_translation", "translate_free"]
