"""``tafdesk render CASE --doc KIND --out FILE.pdf``: any document of a stored case."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

OPTION_FLAGS = {
    "family_copy": "--family-copy", "language": "--lang", "bilingual": "--bilingual",
    "child_id": "--child", "meeting_number": "--meeting", "large_print": "--large-print",
}


def register(add: Callable[..., argparse.ArgumentParser]) -> None:
    sp = add("render", cmd_render, "write a document of a case as PDF (see --doc)")
    sp.add_argument("case", metavar="CASE", help="case reference, e.g. EH-2026-0001")
    sp.add_argument("--doc", required=True, metavar="KIND", help="which document (listed by --doc list)")
    sp.add_argument("--out", metavar="FILE.pdf")
    sp.add_argument("--family-copy", action="store_true", help="leave out what may not be shared with the family")
    sp.add_argument("--lang", default=None, metavar="CODE", help="the family's language, e.g. pl")
    sp.add_argument("--bilingual", action="store_true", help="English beside the family's language")
    sp.add_argument("--child", default=None, metavar="ID", help="the child a child's document is for")
    sp.add_argument("--meeting", type=int, default=None, metavar="N", help="which TAF meeting (1 = first)")
    sp.add_argument("--large-print", action="store_true")


def cmd_render(args: argparse.Namespace) -> int:
    from ..cli import CliError, _open, _write_private
    from ..cli_access import who
    from ..documents.registry import RenderOptions, document_kinds
    from ..models.services.audit import record_event

    kinds = document_kinds()
    if args.doc == "list":
        for key, kind in kinds.items():
            print(f"{key}\t{kind.title}")
        return 0
    kind = kinds.get(args.doc)
    if kind is None:
        raise CliError(f"There is no document called {args.doc!r}; choose from: {', '.join(kinds) or 'none yet'}.")
    given = {
        "family_copy": args.family_copy, "language": args.lang, "bilingual": args.bilingual,
        "child_id": args.child, "meeting_number": args.meeting, "large_print": args.large_print,
    }
    unused = [OPTION_FLAGS[k] for k, v in given.items() if v not in (None, False) and k not in kind.options]
    if unused:
        raise CliError(f"{', '.join(unused)} does not apply to the {kind.title.lower()}.")
    if args.lang is not None:
        from ..i18n.catalog import available_languages

        if args.lang not in available_languages():
            raise CliError(f"There is no catalogue for the language {args.lang!r}; choose from: "
                           f"{', '.join(available_languages())}.")
    if not args.out:
        raise CliError("Say where to write the PDF with --out FILE.pdf.")
    out = Path(args.out)
    if not out.parent.is_dir():
        raise CliError(f"The folder {out.parent} does not exist.")
    options = RenderOptions(**{k: v for k, v in given.items() if v not in (None, False)})
    db = _open(args)
    try:
        with db.session() as s:
            me = who(s)
            case = me.open_case(s, args.case)  # refused unless the user may open it
            pdf = kind.render(s, case.id, options)
            record_event(s, user=me.user, action="render", case_id=case.id, entity="documents",
                         detail=f"{kind.key} {options}")
    finally:
        db.close()
    try:
        _write_private(out, pdf)  # same atomic, user-only write as exports
    except OSError as exc:
        raise CliError(f"Could not write {out}: {exc.strerror}.") from None
    print(f"{case.reference}\t{kind.key}\twritten to {out}")
    return 0
