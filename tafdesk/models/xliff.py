"""XLIFF 1.2 files for translators: writing a document's segments, reading translations back.

Why 1.2: it is the version every translation tool reads and writes in full (OmegaT natively,
memoQ, Trados, Phrase, Poedit, Virtaal, Lokalize); 2.0 support is partial or import-only in
several of them. One ``<file>`` per document, one ``<trans-unit>`` per segment whose ``id`` is
the hash of the English source; segments already translated carry their translation as a
``<target state="translated">`` so the translator sees and can revise them.

Reading is defensive: ``defusedxml`` refuses any DTD, entity or external reference (XXE,
"billion laughs"); anything but the expected structure is refused with one sentence. Inline
codes a tool may add (``<g>``, ``<mrk>``) keep their text; placeholders for codes tafdesk never
wrote (``<x/>``, ``<ph>``, ``<bpt>``...) make that one unit refused, not the file.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import UTC, datetime

from .errors import ImportRejected
from .translation import Segment

NS = "urn:oasis:names:tc:xliff:document:1.2"
SOURCE_LANGUAGE = "en-GB"
MAX_FILE_BYTES = 20 * 1024 * 1024
_Q = f"{{{NS}}}"
_KEEP_TEXT = {"g", "mrk"}  # inline elements whose text is part of the translation
_CODES = {"x", "bx", "ex", "ph", "bpt", "ept", "it", "sub"}  # placeholders of native codes
ORIGINAL = re.compile(r"^tafdesk/([0-9A-Za-z][0-9A-Za-z-]{0,35})/([a-z][a-z0-9-]{0,39})"
                      r"(?:/(meeting|child)-([0-9A-Za-z][0-9A-Za-z_-]{0,35}))?$")


@dataclass(frozen=True)
class Unit:
    id: str
    source: str
    target: str | None  # None: no target, or codes tafdesk cannot take
    problem: str = ""  # why the target cannot be taken, if so


@dataclass(frozen=True)
class XliffFile:
    original: str
    target_language: str
    units: tuple[Unit, ...]

    def reference(self) -> tuple[str, str, str | None, str | None]:
        """(case id, document key, "meeting" or "child" or None, its value)."""
        m = ORIGINAL.match(self.original)
        if m is None:  # checked in parse_xliff
            raise ImportRejected("The file does not say which tafdesk document it belongs to.")
        return m.group(1), m.group(2), m.group(3), m.group(4)


def original_of(case_id: str, doc: str, *, meeting: int | None = None, child_id: str | None = None) -> str:
    tail = f"/meeting-{meeting}" if meeting is not None else f"/child-{child_id}" if child_id else ""
    return f"tafdesk/{case_id}/{doc}{tail}"


def write_xliff(segments: list[Segment], *, original: str, target_language: str, note: str,
                tool_version: str = "") -> bytes:
    ET.register_namespace("", NS)
    root = ET.Element(f"{_Q}xliff", {"version": "1.2"})
    file = ET.SubElement(root, f"{_Q}file", {
        "original": original, "source-language": SOURCE_LANGUAGE, "target-language": target_language,
        "datatype": "plaintext", "date": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")})
    header = ET.SubElement(file, f"{_Q}header")
    ET.SubElement(header, f"{_Q}tool", {"tool-id": "tafdesk", "tool-name": "tafdesk", "tool-version": tool_version})
    ET.SubElement(header, f"{_Q}note").text = note
    body = ET.SubElement(file, f"{_Q}body")
    for seg in segments:
        unit = ET.SubElement(body, f"{_Q}trans-unit", {
            "id": seg.id, "{http://www.w3.org/XML/1998/namespace}space": "preserve"})
        if seg.where.entity:
            unit.set("resname", f"{seg.where.entity}.{seg.where.field}" if seg.where.field else seg.where.entity)
        ET.SubElement(unit, f"{_Q}source").text = seg.source
        if seg.translation is not None:
            ET.SubElement(unit, f"{_Q}target", {"state": "translated"}).text = seg.translation
        where = seg.where.describe()
        if where:
            ET.SubElement(unit, f"{_Q}note", {"from": "tafdesk"}).text = where
    ET.indent(root, space="  ")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _inline_text(el: ET.Element) -> tuple[str, str]:
    """(text, problem) of a source or target with its inline elements."""
    parts = [el.text or ""]
    for child in el:
        name = _local(child.tag)
        if name in _CODES:
            return "", f"it holds a placeholder (<{name}>) for formatting the English does not have"
        if name not in _KEEP_TEXT:
            return "", f"it holds an element <{name}> that a translation cannot have"
        text, problem = _inline_text(child)
        if problem:
            return "", problem
        parts += [text, child.tail or ""]
    return "".join(parts), ""


def parse_xliff(raw: bytes) -> XliffFile:
    """The file's document, language and units; any structural problem is one ImportRejected."""
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import fromstring

    if len(raw) > MAX_FILE_BYTES:
        raise ImportRejected(f"The file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB, too large for a "
                             "translation of one document.")
    if not raw.strip():
        raise ImportRejected("The file is empty.")
    try:
        root = fromstring(raw, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise ImportRejected("The file declares a DTD or entities, which a translation file never needs; "
                             "it was not read.") from None
    except ET.ParseError as exc:
        line = exc.position[0] if getattr(exc, "position", None) else "?"
        raise ImportRejected(f"The file is not well-formed XML (line {line}); it may be truncated or "
                             "damaged.") from None
    if _local(root.tag) != "xliff":
        raise ImportRejected("The file is not an XLIFF file.")
    if root.get("version") != "1.2" or not str(root.tag).startswith(_Q):
        raise ImportRejected(f"The file is XLIFF {root.get('version') or '(no version)'}; tafdesk reads XLIFF 1.2 "
                             "(save or export it as XLIFF 1.2 in the translation tool).")
    files = root.findall(f"{_Q}file")
    if len(files) != 1:
        raise ImportRejected(f"The file holds {len(files)} documents; a tafdesk translation file holds one.")
    file = files[0]
    original = file.get("original", "")
    if not ORIGINAL.match(original):
        raise ImportRejected("The file does not say which tafdesk document it belongs to (its 'original' "
                             "was changed or it was not made by tafdesk).")
    if not file.get("source-language", "").lower().startswith("en"):
        raise ImportRejected(f"The file translates from {file.get('source-language') or 'an unstated language'}; "
                             "tafdesk's free text is English.")
    target_language = file.get("target-language", "").strip()
    if not target_language:
        raise ImportRejected("The file does not say which language it is translated into (target-language).")
    body = file.find(f"{_Q}body")
    if body is None:
        raise ImportRejected("The file has no body, so no translations.")
    units: list[Unit] = []
    seen: set[str] = set()
    for tu in body.iter(f"{_Q}trans-unit"):
        uid = tu.get("id", "")
        if not uid:
            raise ImportRejected("A translation unit in the file has no id.")
        if uid in seen:
            raise ImportRejected(f"The translation unit {uid[:12]} appears twice in the file.")
        seen.add(uid)
        sources = tu.findall(f"{_Q}source")
        if len(sources) != 1:
            raise ImportRejected(f"The translation unit {uid[:12]} has {len(sources)} sources instead of one.")
        source, problem = _inline_text(sources[0])
        if problem:
            raise ImportRejected(f"The English of translation unit {uid[:12]} was changed: {problem}.")
        target_el = tu.find(f"{_Q}target")
        target, problem = (None, "") if target_el is None else _inline_text(target_el)
        units.append(Unit(uid, source, target if not problem else None, problem))
    return XliffFile(original, target_language, tuple(units))


__all__ = ["MAX_FILE_BYTES", "NS", "SOURCE_LANGUAGE", "Unit", "XliffFile", "original_of", "parse_xliff",
           "write_xliff"]
