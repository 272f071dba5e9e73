"""``tafdesk report --from DATE --to DATE --out FILE.pdf [--csv DIR] [--team AGENCY]``."""

from __future__ import annotations

import argparse
import csv
import io
from collections.abc import Callable
from datetime import date
from pathlib import Path


def register(add: Callable[..., argparse.ArgumentParser]) -> None:
    sp = add("report", cmd_report, "the manager's report for a date range, as a PDF and CSV files")
    sp.add_argument("--from", dest="start", required=True, metavar="YYYY-MM-DD", help="first day of the period")
    sp.add_argument("--to", dest="end", required=True, metavar="YYYY-MM-DD", help="last day of the period")
    sp.add_argument("--out", metavar="FILE.pdf", help="write the report as a PDF")
    sp.add_argument("--csv", metavar="DIR", help="write each table as a CSV file into this folder")
    sp.add_argument("--team", metavar="AGENCY", help="only cases led from this agency (by its name)")
    sp.add_argument("--settings", metavar="FILE", help="settings file (default: your settings)")


def cmd_report(args: argparse.Namespace) -> int:
    from ..cli import CliError, _open, _write_private
    from ..cli_access import who
    from ..models.report import csv_tables, manager_report
    from ..models.services.audit import record_event
    from .deadlines import load_rules, parse_day

    start, end = parse_day(args.start, "--from"), parse_day(args.end, "--to")
    assert start and end
    if end < start:
        raise CliError("--to is before --from.")
    if not args.out and not args.csv:
        raise CliError("Say where to write the report: --out FILE.pdf and/or --csv DIR.")
    out = Path(args.out) if args.out else None
    if out and not out.parent.is_dir():
        raise CliError(f"The folder {out.parent} does not exist.")
    folder = Path(args.csv) if args.csv else None
    if folder and not folder.is_dir():
        raise CliError(f"The folder {folder} does not exist; create it first.")
    rules = load_rules(args.settings)
    db = _open(args)
    try:
        with db.session() as s:
            me = who(s)
            me.require_case_reader()
            report = manager_report(s, start, end, rules=rules, team=args.team, today=date.today(),
                                    case_ids=me.readable(s))  # a shared database: the user's cases only
            record_event(s, user=me.user, action="report", detail=f"manager's report {start} to {end}"
                         + (f" for {args.team}" if args.team else ""))
    finally:
        db.close()
    if args.team and not any(s.rows for s in report.sections[:1]) and report.headline[0][1] == "0":
        print(f"tafdesk: note: no requests for a team called {args.team!r} in this period.")
    written = []
    try:
        if out:
            from ..documents.report import render_report

            _write_private(out, render_report(report))
            written.append(str(out))
        if folder:
            for name, rows in csv_tables(report):
                buf = io.StringIO()
                csv.writer(buf, lineterminator="\n").writerows(rows)
                _write_private(folder / f"{name}.csv", buf.getvalue())
            written.append(f"{folder}/*.csv")
    except OSError as exc:
        raise CliError(f"Could not write the report: {exc.strerror}.") from None
    print(f"report {start} to {end}\twritten to {', '.join(written)}")
    return 0
