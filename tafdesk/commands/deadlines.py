"""``tafdesk deadlines [CASE] [--json]``: what is due and overdue, for one case or every open one."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from datetime import date
from typing import Any


def register(add: Callable[..., argparse.ArgumentParser]) -> None:
    sp = add("deadlines", cmd_deadlines,
             "list due and overdue steps: of one case (every timed step), or of all open cases")
    sp.add_argument("case", nargs="?", metavar="CASE", help="case reference; without it, every open case")
    sp.add_argument("--json", action="store_true", help="print JSON instead of lines")
    sp.add_argument("--today", metavar="YYYY-MM-DD", help="work the dates out as on this day")
    sp.add_argument("--lead", metavar="NAME", help="only cases led by this lead professional")
    sp.add_argument("--all", action="store_true",
                    help="without CASE: also steps due after next week")
    sp.add_argument("--settings", metavar="FILE", help="settings file (default: your settings)")


def parse_day(text: str | None, what: str) -> date | None:
    from ..cli import CliError

    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CliError(f"{what} must be a date written as YYYY-MM-DD, not {text!r}.") from None


def load_rules(path: str | None):  # type: ignore[no-untyped-def]
    from pathlib import Path

    from ..models.settings import load_settings
    from ..models.timescales import Rules

    return Rules(load_settings(Path(path) if path else None))


def _item(dl: Any, today: date) -> dict[str, Any]:
    from ..models.timescales import describe

    return {"step": dl.step, "title": dl.title, "due_on": dl.due_on.isoformat(), "state": str(dl.state),
            "done_on": dl.done_on.isoformat() if dl.done_on else None, "late_by_working_days": dl.late_by,
            "summary": describe(dl, today), "reason": dl.reason}


def cmd_deadlines(args: argparse.Namespace) -> int:
    from ..cli import CliError, _open
    from ..cli_access import who
    from ..models.orm import Professional
    from ..models.services.deadlines import case_deadlines, caseload
    from ..models.timescales import BUCKET_TITLES, Bucket

    today = parse_day(args.today, "--today") or date.today()
    rules = load_rules(args.settings)  # a bad settings file is refused before the passphrase
    if args.case and (args.lead or args.all):
        raise CliError("--lead and --all are for the list of every open case, not for one case.")
    db = _open(args)
    try:
        with db.session() as s:
            me = who(s)
            me.require_case_reader()
            if args.case:
                case = me.open_case(s, args.case)  # refused unless the user may open it
                items = case_deadlines(s, case.id, rules, today)
                from ..models.services.audit import record_event

                record_event(s, user=me.user, action="open", case_id=case.id, entity="cases", detail="deadlines")
                ref, family = case.reference, case.family_name
            else:
                lead_id = None
                if args.lead:
                    from sqlalchemy import func, select

                    ids = s.scalars(select(Professional.id).where(
                        func.lower(Professional.name) == args.lead.strip().lower())).all()
                    if not ids:
                        raise CliError(f"Nobody called {args.lead!r} is a professional in this database.")
                    lead_id = ids[0]
                buckets = tuple(Bucket) if args.all else (Bucket.OVERDUE, Bucket.THIS_WEEK, Bucket.NEXT_WEEK)
                rows = caseload(s, rules, today, lead_professional_id=lead_id, buckets=buckets)
                mine = me.keep(s, {r.case_id for r in rows})  # only the cases this user may open
                rows = [r for r in rows if r.case_id in mine]
    finally:
        db.close()

    if args.case:
        if args.json:
            print(json.dumps({"reference": ref, "family_name": family, "today": today.isoformat(),
                              "deadlines": [_item(d, today) for d in items]}, indent=2, ensure_ascii=False))
        else:
            for d in items:
                print("\t".join([ref, d.step, d.due_on.isoformat(), str(d.state), _item(d, today)["summary"],
                                 d.reason]))
        return 0
    if args.json:
        print(json.dumps([{"reference": r.reference, "family_name": r.family_name,
                           "lead_professional": r.lead_professional, "bucket": str(r.bucket),
                           **_item(r.deadline, today)} for r in rows], indent=2, ensure_ascii=False))
    else:
        for r in rows:
            print("\t".join([BUCKET_TITLES[r.bucket], r.reference, r.family_name, r.deadline.title,
                             r.deadline.due_on.isoformat(), r.deadline.reason]))
    return 0
