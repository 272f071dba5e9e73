"""``tafdesk audit verify`` and ``tafdesk audit list [CASE] [--json]``: the hash-chained audit log."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable

EXIT_BROKEN = 3


def register(add: Callable[..., argparse.ArgumentParser]) -> None:
    sp = add("audit", _usage, "check or list the audit log (who opened, changed, exported, printed what)")
    sub = sp.add_subparsers(title="audit commands", metavar="WHAT", parser_class=type(sp))
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS,
                        help="the encrypted case database (default: your data folder)")
    v = sub.add_parser("verify", parents=[common], help="check the hash chain; report the first broken link",
                       description="Check every event's hash against the one before it. Exit status 3 "
                                   "when the chain is broken.")
    v.set_defaults(func=cmd_verify)
    ls = sub.add_parser("list", parents=[common], help="the events, oldest first, of one case or all",
                        description="The events, oldest first: number, time (UTC), user, action, case, "
                                    "record and detail.")
    ls.add_argument("case", nargs="?", metavar="CASE", help="case reference, e.g. EH-2026-0001")
    ls.add_argument("--json", action="store_true", help="print JSON instead of lines")
    ls.add_argument("--last", type=int, metavar="N", help="only the newest N events")
    ls.set_defaults(func=cmd_list)


def _usage(args: argparse.Namespace) -> int:
    from ..cli import CliError

    raise CliError("Say what to do: 'tafdesk audit verify' or 'tafdesk audit list [CASE]'.")


def cmd_verify(args: argparse.Namespace) -> int:
    from ..cli import _open
    from ..cli_access import who
    from ..models.services.audit import verify_chain

    db = _open(args)
    try:
        with db.session() as s:
            who(s)  # a shared database: only its users
            check = verify_chain(s)
    finally:
        db.close()
    if check.ok:
        print(f"{check.events} events; the chain is intact (last hash {check.head[:16]}).")
        return 0
    print(f"{check.events} events; the chain is BROKEN at event {check.first_broken_seq}: {check.reason}.")
    return EXIT_BROKEN


def cmd_list(args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from ..cli import CliError, _open
    from ..cli_access import who
    from ..models.orm import Case
    from ..models.services.audit import list_events

    if args.last is not None and args.last < 1:
        raise CliError("Give --last a number of events, 1 or more.")
    db = _open(args)
    try:
        with db.session() as s:
            me = who(s)
            case_id = me.open_case(s, args.case).id if args.case else None
            if not me.shared:
                rows = list_events(s, case_id, limit=args.last)
            else:  # a shared database: events of the cases the user may open, and their own others
                readable = me.readable(s)
                refs = None if readable is None else set(s.scalars(select(Case.reference).where(Case.id.in_(readable))))
                admin = me.viewer is not None and me.viewer.role == "administrator"
                rows = [r for r in list_events(s, case_id)
                        if (r.case_reference and (refs is None or r.case_reference in refs))
                        or (not r.case_reference and (admin or r.user == me.user))]
                rows = rows[-args.last:] if args.last else rows
    finally:
        db.close()
    if args.json:
        out = [{"seq": r.seq, "at": r.at.isoformat(), "user": r.user, "action": r.action,
                "case": r.case_reference or None, "entity": r.entity, "entity_id": r.entity_id,
                "detail": r.detail} for r in rows]
        print(json.dumps(out, indent=2, ensure_ascii=False))
        return 0
    for r in rows:
        record = f"{r.entity} {r.entity_id}".strip()
        print("\t".join([str(r.seq), r.at.strftime("%Y-%m-%d %H:%M:%S"), r.user, r.action,
                         r.case_reference or "-", record or "-", r.detail.replace("\t", " ") or "-"]))
    return 0
