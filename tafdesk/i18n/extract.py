"""Gather every marked message into resources/locale/tafdesk.pot and update each language.

    python -m tafdesk.i18n.extract                  # write the template and update every .po file
    python -m tafdesk.i18n.extract --only pl,ro     # ... update only these languages' .po files
    python -m tafdesk.i18n.extract --init cy        # start a catalogue for a new language
    python -m tafdesk.i18n.extract --check          # exit 1 when the template is out of date
"""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from .catalog import DOMAIN, available_languages, locale_dir, po_path

PACKAGE = Path(__file__).resolve().parents[1]
KEYWORDS = {"N_": None, "_": None, "S_": None}  # N_ marks where declared; _ translates UI text where shown
METHOD_MAP = [("**.py", "python")]


def template() -> Catalog:
    cat = Catalog(project="tafdesk", domain=DOMAIN, charset="utf-8", fuzzy=False)
    for filename, lineno, message, comments, _context in extract_from_dir(
            str(PACKAGE), METHOD_MAP, keywords=KEYWORDS, comment_tags=("Translators:",),
            strip_comment_tags=True):
        cat.add(message, None, [(f"tafdesk/{filename}", lineno)], flags=("python-brace-format",)
                if "{" in message else (), auto_comments=comments)
    return cat


def _po_bytes(cat: Catalog) -> bytes:
    buf = io.BytesIO()
    write_po(buf, cat, omit_header=False, sort_output=True, no_location=True, width=100)
    return buf.getvalue()


def _write_if_changed(path: Path, data: bytes) -> None:
    """Write unless only the header's creation date would change (no churn in the history)."""
    def body(raw: bytes) -> bytes:
        return re.sub(rb'"POT-Creation-Date: [^"]*"\n', b"", raw)

    if path.exists() and body(path.read_bytes()) == body(data):
        return
    path.write_bytes(data)


def main(argv: list[str]) -> int:
    pot = template()
    path = locale_dir() / f"{DOMAIN}.pot"
    new = _po_bytes(pot)
    ids = lambda data: {m.id for m in read_po(io.BytesIO(data)) if m.id}  # noqa: E731
    if "--check" in argv:
        current = path.read_bytes() if path.exists() else b""
        if ids(current) != ids(new):
            print("resources/locale/tafdesk.pot is out of date: run python -m tafdesk.i18n.extract")
            return 1
        return 0
    _write_if_changed(path, new)
    if "--init" in argv:
        from babel import Locale

        from .catalog import babel_locale

        lang = argv[argv.index("--init") + 1]
        cat = Catalog(locale=Locale.parse(babel_locale(lang)), project="tafdesk", domain=DOMAIN, charset="utf-8")
        cat.update(pot, no_fuzzy_matching=True)
        po_path(lang).parent.mkdir(parents=True, exist_ok=True)
        po_path(lang).write_bytes(_po_bytes(cat))
        print(f"started {po_path(lang)}")
        return 0
    only = argv[argv.index("--only") + 1].split(",") if "--only" in argv else available_languages()[1:]
    for lang in only:
        with open(po_path(lang), "rb") as fh:
            cat = read_po(fh, locale=lang.replace("-", "_"))
        cat.update(pot, no_fuzzy_matching=True)
        _write_if_changed(po_path(lang), _po_bytes(cat))
    print(f"{len(pot)} messages; updated {', '.join(only) or 'no languages yet'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
