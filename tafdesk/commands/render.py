"""``tafdesk render CASE --doc KIND --out FILE.pdf``: any document of a stored case."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

GIVEN_HOW = ("not_given", "in_person", "post", "email", "secure_email", "shown_at_meeting")
OPTION_FLAGS = {
    "family_copy": "--family-copy", "language": "--lang", "bilingual": "--bilingual",
    "child_id": "--child", "meeting_number": "--meeting", "large_print": "--large-print",
    "agency_id": "--agency",
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
    sp.add_argument("--large-print", action="store_true", help="larger text (any document)")
    sp.add_argument("--agency", default=None, metavar="NAME_OR_ID",
                    help="the partner agency a professional document goes to (e.g. children's social care): "
                         "what is kept from that agency is left out")
    sp.add_argument("--for", dest="for_person", default=None, metavar="PERSON",
                    help="the family member it is for (name or id), for the document ledger")
    sp.add_argument("--recipient", default="", metavar="TEXT", help="who else it is for, e.g. 'School nurse'")
    sp.add_argument("--given-how", default="not_given", metavar="HOW", choices=GIVEN_HOW,
                    help="how it was or will be given: " + ", ".join(GIVEN_HOW) + " (default not_given)")


def cmd_render(args: argparse.Namespace) -> int:
    from ..cli import CliError, _open, _write_private
    from ..cli_access import who
    from ..documents.produce import record_produced, render_document, takes
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
        "agency_id": args.agency,
    }
    unused = [OPTION_FLAGS[k] for k, v in given.items() if v not in (None, False) and not takes(kind, k)]
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
            if options.agency_id:
                from dataclasses import replace

                options = replace(options, agency_id=_agency(s, options.agency_id))
            pdf = render_document(s, case.id, kind, options)
            event = record_event(s, user=me.user, action="render", case_id=case.id, entity="documents",
                         detail=f"{kind.key} {options}")
            person_id = _person(s, case.id, args.for_person) if args.for_person else None
            try:
                _write_private(out, pdf)  # same atomic, user-only write as exports
            except OSError as exc:  # nothing is recorded: the session rolls back
                raise CliError(f"Could not write {out}: {exc.strerror}.") from None
            # The ledger is part of the record: kept by whoever may change the case (as in the app).
            unrecorded = _ledger_refusal(s, me.viewer, case.id)
            if unrecorded is None:
                record_produced(s, case.id, kind, options, pdf, user=event.user, method=args.given_how,
                                for_person_id=person_id, recipient=args.recipient.strip())
    finally:
        db.close()
    if unrecorded is not None:
        print(f"{case.reference}\t{kind.key}\twritten to {out}\tnot recorded in the document ledger: {unrecorded}")
        return 0
    from ..models.services.ledger import METHOD_LABELS

    how = METHOD_LABELS.get(args.given_how, args.given_how).lower()
    print(f"{case.reference}\t{kind.key}\twritten to {out}\trecorded in the document ledger ({how})")
    return 0


def _ledger_refusal(session: object, viewer: object, case_id: str) -> str | None:
    """Why the user may not record in the case's document ledger, or None."""
    from ..models.case_access import AccessDenied, check_change

    try:
        check_change(session, viewer, case_id)  # type: ignore[arg-type]
    except AccessDenied as exc:
        return str(exc)
    return None


def _agency(session: object, text: str) -> str:
    """The id of the agency called ``text`` (its id or its name, in any case)."""
    from sqlalchemy import select

    from ..cli import CliError
    from ..models.orm import Agency

    agencies = list(session.scalars(select(Agency).order_by(Agency.name)))  # type: ignore[attr-defined]
    want = text.strip().casefold()
    found = [a for a in agencies if a.id == text.strip()] or [a for a in agencies if a.name.casefold() == want]
    if len(found) == 1:
        return found[0].id
    if found:
        raise CliError(f"More than one agency is called {text!r}: give its id.")
    raise CliError(f"There is no agency called {text!r}; choose from: "
                   f"{', '.join(a.name for a in agencies) or 'none yet'}.")


def _person(session: object, case_id: str, text: str) -> str:
    """The id of the family member called ``text`` (their id, full name or first name)."""
    from sqlalchemy import select

    from ..cli import CliError
    from ..models.orm import Person

    people = list(session.scalars(select(Person).where(Person.case_id == case_id)))  # type: ignore[attr-defined]
    want = text.strip().casefold()
    found = [p for p in people if p.id == text.strip()] or \
        [p for p in people if p.display_name.casefold() == want] or \
        [p for p in people if want in (p.given_name.casefold(), p.known_as.casefold())]
    if len(found) == 1:
        return found[0].id
    if found:
        raise CliError(f"More than one person is called {text!r}: give the full name or the id.")
    raise CliError(f"Nobody called {text!r} is in this case; choose from: "
                   f"{', '.join(p.display_name for p in people)}.")
