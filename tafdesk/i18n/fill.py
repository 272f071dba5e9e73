"""A translator's helper: list what a catalogue still lacks, and merge translations into it.

    python -m tafdesk.i18n.fill todo pl [--limit 200] > todo.json   # untranslated messages
    python -m tafdesk.i18n.fill merge pl done.json                    # {"English": "Polski", ...}
    python -m tafdesk.i18n.fill stats                                 # translated/total per language

``merge`` checks each translation before it is written: the same ``{placeholders}`` and the same
number of keyboard ``&`` mnemonics as the English, no empty text; a message not in the template is
reported, not added. The ``.po`` file stays the reviewable source (see catalog.py).
"""

from __future__ import annotations

import io
import json
import sys

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from .catalog import _catalog, available_languages, placeholders, po_path
from .ui import mnemonics, splits_a_letter


def _read(lang: str) -> Catalog:
    with open(po_path(lang), "rb") as fh:
        return read_po(fh, locale=lang.replace("-", "_"))


def _write(lang: str, cat: Catalog) -> None:
    buf = io.BytesIO()
    write_po(buf, cat, omit_header=False, sort_output=True, no_location=True, width=100)
    po_path(lang).write_bytes(buf.getvalue())
    _catalog.cache_clear()


def todo(lang: str, limit: int | None = None) -> list[str]:
    missing = [m.id for m in _read(lang) if m.id and isinstance(m.id, str) and (not m.string or m.fuzzy)]
    return missing[:limit] if limit else missing


def problems(msgid: str, text: str) -> list[str]:
    found = []
    if not text.strip():
        found.append("empty translation")
    if placeholders(text) != placeholders(msgid):
        found.append(f"placeholders {sorted(placeholders(text))} differ from {sorted(placeholders(msgid))}")
    if mnemonics(text) != mnemonics(msgid):
        found.append(f"{mnemonics(text)} '&' mnemonics, the English has {mnemonics(msgid)}")
    if splits_a_letter(text):
        found.append("the '&' stands before a letter joined to a vowel sign or virama: Qt would draw "
                     "them apart; put it before a letter that stands alone")
    return found


def merge(lang: str, translations: dict[str, str]) -> tuple[int, list[str]]:
    """(messages written, complaints); nothing wrong is written."""
    cat = _read(lang)
    written, complaints = 0, []
    for msgid, text in translations.items():
        message = cat.get(msgid)
        if message is None:
            complaints.append(f"not in the template: {msgid!r}")
            continue
        bad = problems(msgid, text)
        if bad:
            complaints.append(f"{msgid!r}: {'; '.join(bad)}")
            continue
        message.string = text
        message.flags.discard("fuzzy")
        written += 1
    _write(lang, cat)
    return written, complaints


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"todo", "merge", "stats"}:
        print(__doc__)
        return 2
    if argv[0] == "stats":
        for lang in available_languages()[1:]:
            cat = _read(lang)
            total = sum(1 for m in cat if m.id)
            print(f"{lang}\t{total - len(todo(lang))}/{total}")
        return 0
    lang = argv[1]
    if argv[0] == "todo":
        limit = int(argv[argv.index("--limit") + 1]) if "--limit" in argv else None
        json.dump(todo(lang, limit), sys.stdout, ensure_ascii=False, indent=1)
        print()
        return 0
    with open(argv[2], encoding="utf-8") as fh:
        data = json.load(fh)
    written, complaints = merge(lang, data)
    for line in complaints:
        print(line)
    print(f"{lang}: {written} written, {len(complaints)} refused, {len(todo(lang))} still to do")
    return 1 if complaints else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
