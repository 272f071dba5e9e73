"""``tafdesk meeting-pack CASE [--meeting N] --out DIR``: the papers to send after a TAF meeting."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date
from pathlib import Path


def register(add: Callable[..., argparse.ArgumentParser]) -> None:
    sp = add("meeting-pack", cmd_pack,
             "write the minutes, plan, calendar file and email drafts after a TAF meeting")
    sp.add_argument("case", metavar="CASE")
    sp.add_argument("--meeting", type=int, default=None, metavar="N", help="which meeting (default: the latest held)")
    sp.add_argument("--out", required=True, metavar="DIR", help="an existing folder")


def cmd_pack(args: argparse.Namespace) -> int:
    from ..cli import CliError, _open, _write_private
    from ..cli_access import who
    from ..documents.meeting_pack import meeting_pack
    from ..documents.produce import record_pack
    from ..models.services.audit import record_event

    out = Path(args.out)
    if not out.is_dir():
        raise CliError(f"The folder {out} does not exist.")
    db = _open(args)
    try:
        with db.session() as s:
            me = who(s)
            case = me.open_case(s, args.case)  # refused unless the user may open it
            files = meeting_pack(s, case.id, args.meeting, today=date.today())
            record_event(s, user=me.user, action="export", case_id=case.id, entity="meetings",
                         detail="meeting pack: " + ", ".join(f.name for f in files))
    finally:
        db.close()
    for f in files:
        try:
            _write_private(out / f.name, f.content)
        except OSError as exc:
            raise CliError(f"Could not write {out / f.name}: {exc.strerror}.") from None
        print(f"{f.name}\t{f.what}")
    db = _open(args)  # the papers are written: the ledger lists the PDFs among what was produced
    try:
        with db.session() as s:
            record_pack(s, case.id, files, user=who(s).user)
    finally:
        db.close()
    return 0
