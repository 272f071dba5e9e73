"""``tafdesk xliff export|import``: a document's free text to a translator and back (XLIFF 1.2).

    tafdesk xliff export CASE --doc plan --lang pl [--meeting N] [--child NAME] --out plan-pl.xlf
    tafdesk xliff import plan-pl.xlf --translator "Anna Kowalska" [--date 2026-11-20]
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date
from pathlib import Path


def register(add: Callable[..., argparse.ArgumentParser]) -> None:
    sp = add("xliff", cmd_xliff, "export a document's free text for a translator, or import the translation (XLIFF)")
    sub = sp.add_subparsers(dest="xliff_action", metavar="export|import")
    ex = sub.add_parser("export", help="write the document's free text as an XLIFF 1.2 file")
    ex.add_argument("case", metavar="CASE", help="case reference, e.g. EH-2026-0001")
    ex.add_argument("--doc", required=True, metavar="KIND", help="plan, child-plan, minutes, assessment...")
    ex.add_argument("--lang", required=True, metavar="CODE", help="the family's language, e.g. pl")
    ex.add_argument("--child", default=None, metavar="NAME", help="the child a child's document is for (name or id)")
    ex.add_argument("--meeting", type=int, default=None, metavar="N", help="which TAF meeting (1 = first)")
    ex.add_argument("--out", required=True, metavar="FILE.xlf")
    im = sub.add_parser("import", help="keep the translations in an XLIFF file from a translator")
    im.add_argument("file", metavar="FILE.xlf")
    im.add_argument("--translator", required=True, metavar="NAME", help="who translated it")
    im.add_argument("--date", default=None, metavar="YYYY-MM-DD", help="when it was translated (default today)")


def cmd_xliff(args: argparse.Namespace) -> int:
    from ..cli import CliError

    if args.xliff_action == "export":
        return _export(args)
    if args.xliff_action == "import":
        return _import(args)
    raise CliError("Say 'tafdesk xliff export ...' or 'tafdesk xliff import ...'.")


def _export(args: argparse.Namespace) -> int:
    from ..cli import CliError, _open, _write_private
    from ..cli_access import who
    from ..documents.translation_exchange import export_xliff

    out = Path(args.out)
    if not out.parent.is_dir():
        raise CliError(f"The folder {out.parent} does not exist.")
    db = _open(args)
    try:
        with db.session() as s:
            me = who(s)
            case = me.open_case(s, args.case)
            raw, segments = export_xliff(s, case.id, args.doc, args.lang, user=me.user, child_id=args.child,
                                         meeting_number=args.meeting, viewer=me.viewer)
            reference = case.reference
    finally:
        db.close()
    try:
        _write_private(out, raw)
    except OSError as exc:
        raise CliError(f"Could not write {out}: {exc.strerror}.") from None
    done = sum(1 for x in segments if x.translation is not None)
    print(f"{reference}\t{args.doc}\t{len(segments)} segments ({done} already translated) written to {out}")
    return 0


def _import(args: argparse.Namespace) -> int:
    from ..cli import CliError, _open, _read_file
    from ..cli_access import who
    from ..documents.translation_exchange import import_xliff
    from ..models.xliff import parse_xliff

    raw = _read_file(Path(args.file))
    on = None
    if args.date:
        try:
            on = date.fromisoformat(args.date)
        except ValueError:
            raise CliError(f"{args.date!r} is not a date; write it as YYYY-MM-DD.") from None
    parse_xliff(raw)  # a bad file is refused before the database is opened
    db = _open(args)
    try:
        with db.session() as s:
            me = who(s)  # import_xliff refuses a case this user may not change
            report = import_xliff(s, raw, translator=args.translator, translated_on=on, user=me.user,
                                  viewer=me.viewer)
    finally:
        db.close()
    print(report.summary())
    for line in report.problems:
        print(line)
    return 0
