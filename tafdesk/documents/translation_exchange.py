"""A document's free text out to a translator as XLIFF, and the translations back in.

The segments of a document are found by rendering the family's copy of it in the target
language while ``models.translation.collecting`` records each piece of free text it shows: what
goes to the translator is exactly what the family's copy shows, after the same disclosure rules
and redaction, and nothing a withheld field holds.

Both the command line (``commands/xliff.py``) and the app (``ui/translation_ui.py``) call
``export_xliff`` and ``import_xliff``; given the signed-in ``viewer`` of a shared database, they
refuse a case the user may not read (export) or change (import), like every other service.

Importing checks the whole file first (structure, language, document, every unit against the
document's current English) and changes nothing when the file as a whole is wrong. Units whose
English has changed or is no longer in the document are reported and left out; empty targets and
targets identical to the English are skipped.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy.orm import Session

from .. import __version__
from ..i18n.catalog import available_languages
from ..models.case_access import Viewer, check_change
from ..models.disclosure import FAMILY
from ..models.errors import ImportRejected, NotFound, TafdeskError
from ..models.orm import Case, new_id
from ..models.services.audit import record_event
from ..models.services.cases import get_case
from ..models.translation import Segment, collecting, normalise, store_translation
from ..models.xliff import XliffFile, original_of, parse_xliff, write_xliff
from .redaction import redaction
from .registry import DocumentKind, RenderOptions, document_kinds

MAX_TRANSLATION = 20_000
_DIRECTION_CONTROLS = {chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}


class NotTranslatable(TafdeskError):
    pass


def translatable_kind(doc: str) -> DocumentKind:
    kinds = document_kinds()
    kind = kinds.get(doc)
    if kind is None:
        raise NotTranslatable(f"There is no document called {doc!r}.")
    if kind.audience == "professional" or "language" not in kind.options:
        usable = [k.key for k in translatable_kinds()]
        raise NotTranslatable(f"The {_lower(kind.title)} is not made in the family's language, so it has nothing "
                              f"to translate; choose from: {', '.join(usable)}.")
    return kind


def translatable_kinds() -> list[DocumentKind]:
    """The documents made in the family's language, whose free text a translator can translate."""
    return [k for k in document_kinds().values() if k.audience != "professional" and "language" in k.options]


def known_language(code: str) -> str:
    """The catalogue language a file's or user's language code means (e.g. "pl-PL" is "pl")."""
    langs = {lang.lower(): lang for lang in available_languages() if lang != "en"}
    wanted = code.strip().replace("_", "-").lower()
    found = langs.get(wanted) or langs.get(wanted.split("-")[0])
    if found is None:
        raise ImportRejected(f"tafdesk has no family documents in the language {code!r}; it knows "
                             f"{', '.join(sorted(langs.values()))}.")
    return found


def document_segments(session: Session, case_id: str, doc: str, lang: str, *, child_id: str | None = None,
                      meeting_number: int | None = None) -> list[Segment]:
    """The free text the family's copy of ``doc`` shows in ``lang``, in the order it shows it,
    each once, with its translation when there is one."""
    kind = translatable_kind(doc)
    given = {"language": lang, "family_copy": True, "child_id": child_id, "meeting_number": meeting_number}
    for option in ("child_id", "meeting_number"):
        if given[option] is not None and option not in kind.options:
            raise NotTranslatable(f"The {_lower(kind.title)} does not take {option.replace('_', ' ')}.")
    options = RenderOptions(**{k: v for k, v in given.items() if k in kind.options})  # type: ignore[arg-type]
    with collecting(session) as seen:
        kind.render(session, case_id, options)
    # A safety net under the document's own redaction: a segment still holding anything withheld
    # from the family is never sent out (nor can a translation of it be brought in).
    family = redaction(session, case_id, FAMILY)
    return [seg for seg in seen.values() if family.text(seg.source) == seg.source]


def export_xliff(session: Session, case_ref: str, doc: str, lang: str, *, user: str, child_id: str | None = None,
                 meeting_number: int | None = None, viewer: Viewer | None = None) -> tuple[bytes, list[Segment]]:
    """The XLIFF file of ``doc``'s free text for a translator into ``lang``, and its segments;
    refused (AccessDenied) unless ``viewer`` may read the case."""
    lang = known_language(lang)
    case = get_case(session, case_ref, viewer=viewer)
    kind = translatable_kind(doc)
    if child_id is not None and "child_id" in kind.options:  # a name ("Ruby") kept as the child's id in the file
        from ..models.services.child_plan import find_child

        child_id = find_child(session, case.id, child_id).id
    segments = document_segments(session, case.id, doc, lang, child_id=child_id, meeting_number=meeting_number)
    if not segments:
        raise NotFound(f"The {_lower(kind.title)} of case {case.reference} has no free text to translate.")
    what = kind.title + (f", meeting {meeting_number}" if meeting_number is not None else "")
    note = (f"{what}, case {case.reference}. Translate each unit into the family's language ({lang}); keep "
            "names as they are. Units already translated are included so that you can check them. The text "
            "is OFFICIAL-SENSITIVE: keep this file safe and delete it when done.")
    raw = write_xliff(segments, original=original_of(case.id, doc, meeting=meeting_number, child_id=child_id),
                      target_language=lang, note=note, tool_version=__version__)
    done = sum(1 for s in segments if s.translation is not None)
    record_event(session, user=user, action="translation_export", case_id=case.id, entity="translated_segments",
                 detail=f"{doc} {lang}{_options(meeting_number, child_id)}: {len(segments)} segments, "
                        f"{done} already translated")
    return raw, segments


@dataclass
class ImportReport:
    case_reference: str
    doc: str
    lang: str
    import_id: str
    imported: int = 0
    unchanged: int = 0
    empty: int = 0
    same_as_english: int = 0
    problems: list[str] = field(default_factory=list)  # one sentence per unit not imported

    def summary(self) -> str:
        parts = [f"{self.imported} translations imported", f"{self.unchanged} unchanged",
                 f"{self.empty + self.same_as_english} left untranslated"]
        if self.problems:
            parts.append(f"{len(self.problems)} refused")
        return f"{self.case_reference} {self.doc} ({self.lang}): " + ", ".join(parts) + "."


def _check_translator(translator: str, on: date) -> str:
    name = " ".join(translator.split())
    if not name:
        raise ImportRejected("Say who translated the file (the translator's name).")
    if len(name) > 200 or any(unicodedata.category(c) == "Cc" for c in name):
        raise ImportRejected("The translator's name is too long or contains control characters.")
    if on > date.today():
        raise ImportRejected("The date of the translation is in the future.")
    return name


def _translation_problem(text: str) -> str:
    if len(text) > MAX_TRANSLATION:
        return f"the translation is longer than {MAX_TRANSLATION} characters"
    if any(c in _DIRECTION_CONTROLS for c in text):
        return "the translation holds invisible direction-override characters"
    if any(unicodedata.category(c) == "Cc" and c not in "\n\t" for c in text):
        return "the translation holds control characters"
    return ""


def import_xliff(session: Session, raw: bytes, *, translator: str, translated_on: date | None = None,
                 user: str, viewer: Viewer | None = None, case_id: str | None = None) -> ImportReport:
    """Keep the translations in ``raw``; the caller commits. A wrong file changes nothing.
    Refused (AccessDenied) unless ``viewer`` may change the file's case; with ``case_id``, a file
    made for another case is refused (the app imports into the case that is open)."""
    on = translated_on or date.today()
    name = _check_translator(translator, on)
    parsed = parse_xliff(raw)
    case, doc, lang, current = _resolve(session, parsed, viewer, case_id)
    report = ImportReport(case.reference, doc, lang, new_id())
    ready: list[tuple[Segment, str]] = []
    for unit in parsed.units:
        short = unit.id[:12]
        seg = current.get(unit.id)
        if seg is None or normalise(unit.source) != seg.source:
            report.problems.append(f"Unit {short}: its English has changed or is no longer in the document; "
                                   "not imported (export the document again).")
            continue
        if unit.problem:
            report.problems.append(f"Unit {short}: {unit.problem}; not imported.")
            continue
        target = unicodedata.normalize("NFC", (unit.target or "").replace("\r\n", "\n")).strip()
        if not target:
            report.empty += 1
            continue
        if target == seg.source:
            report.same_as_english += 1
            continue
        problem = _translation_problem(target)
        if problem:
            report.problems.append(f"Unit {short}: {problem}; not imported.")
            continue
        ready.append((seg, target))
    for seg, target in ready:
        if store_translation(session, case.id, lang, seg, target, translator=name, translated_on=on,
                             import_id=report.import_id):
            report.imported += 1
        else:
            report.unchanged += 1
    session.flush()
    record_event(session, user=user, action="translation_import", case_id=case.id, entity="translated_segments",
                 entity_id=report.import_id,
                 detail=f"{doc} {lang}, translated by {name} on {on.isoformat()}: {report.imported} imported, "
                        f"{report.unchanged} unchanged, {len(report.problems)} refused")
    return report


def _resolve(session: Session, parsed: XliffFile, viewer: Viewer | None,
             expected: str | None) -> tuple[Case, str, str, dict[str, Segment]]:
    case_id, doc, option, value = parsed.reference()
    case = session.get(Case, case_id)
    if case is None:
        raise ImportRejected("The file belongs to a case that is not in this database.")
    check_change(session, viewer, case.id)  # before anything of the case is read
    if expected is not None and case.id != expected:
        raise ImportRejected(f"The file was made for another case ({case.reference}); open that case to "
                             "import it.")
    lang = known_language(parsed.target_language)
    try:
        kind = translatable_kind(doc)
    except NotTranslatable as exc:
        raise ImportRejected(str(exc)) from None
    meeting = int(value) if option == "meeting" and value and value.isdigit() else None
    if option == "meeting" and meeting is None:
        raise ImportRejected("The file names a meeting tafdesk cannot read.")
    child = value if option == "child" else None
    try:
        segments = document_segments(session, case.id, doc, lang, child_id=child, meeting_number=meeting)
    except NotFound as exc:
        raise ImportRejected(f"The {_lower(kind.title)} the file was made from cannot be found: {exc}") from None
    return case, doc, lang, {s.id: s for s in segments}


def _lower(title: str) -> str:
    """A document's title inside a sentence ("Family plan" -> "family plan", "TAF minutes" stays)."""
    first, _, rest = title.partition(" ")
    return (first if first.isupper() else first.lower()) + (f" {rest}" if rest else "")


def _options(meeting: int | None, child: str | None) -> str:
    return f" meeting {meeting}" if meeting is not None else f" child {child}" if child else ""


__all__ = ["ImportReport", "NotTranslatable", "document_segments", "export_xliff", "import_xliff",
           "known_language", "translatable_kind", "translatable_kinds"]
