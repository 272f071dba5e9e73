"""``tafdesk users ...``: the users of a shared database, managed by an administrator.

Each user signs in with their own database login (created on the server by its administrator);
these commands say who that login is in tafdesk. The first user of a new shared database must
be an administrator and may be added by any login the server lets in; after that only an
administrator runs them.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from dataclasses import asdict


def register(add: Callable[..., argparse.ArgumentParser]) -> None:
    sp = add("users", _usage, "the users of a shared database and their roles (administrators)")
    sub = sp.add_subparsers(title="users commands", metavar="WHAT", parser_class=type(sp))
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help=argparse.SUPPRESS)

    def cmd(name: str, func: Callable[[argparse.Namespace], int], help_: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, parents=[common], help=help_, description=help_)
        p.set_defaults(func=func)
        return p

    p = cmd("list", cmd_list, "every user: login, name, role, professional record, whom a manager oversees")
    p.add_argument("--json", action="store_true", help="print JSON instead of lines")
    p = cmd("add", cmd_add, "add a user for an existing database login")
    p.add_argument("login", metavar="LOGIN", help="their database login")
    p.add_argument("--name", required=True, help="their full name")
    p.add_argument("--role", required=True, choices=["practitioner", "manager", "administrator"])
    p.add_argument("--professional", metavar="NAME_OR_ID",
                   help="their professional record (how their cases are found), by name or id")
    p.add_argument("--agency", metavar="NAME",
                   help="with no professional record yet: make one for them at this agency")
    p.add_argument("--manages-all", action="store_true", help="a manager who oversees every case")
    p = cmd("set-role", cmd_set_role, "change a user's role")
    p.add_argument("login", metavar="LOGIN")
    p.add_argument("role", choices=["practitioner", "manager", "administrator"])
    p.add_argument("--manages-all", action="store_true", help="a manager who oversees every case")
    p = cmd("disable", cmd_active, "stop a user signing in to tafdesk (their history stays)")
    p.add_argument("login", metavar="LOGIN")
    p.set_defaults(active=False)
    p = cmd("enable", cmd_active, "let a disabled user sign in again")
    p.add_argument("login", metavar="LOGIN")
    p.set_defaults(active=True)
    p = cmd("team", cmd_team, "set the practitioners whose cases a manager oversees")
    p.add_argument("login", metavar="MANAGER")
    p.add_argument("professionals", nargs="*", metavar="PROFESSIONAL",
                   help="names or ids of professional records (none: an empty team)")


def _usage(args: argparse.Namespace) -> int:
    from ..cli import CliError

    raise CliError("Say what to do: 'tafdesk users list', 'add', 'set-role', 'disable', 'enable' or 'team'.")


def _run(args: argparse.Namespace, work: Callable, *, first_user: bool = False) -> object:  # type: ignore[type-arg]
    """Open the shared database, check the user is an administrator, run ``work(session, who)``."""
    import os

    from sqlalchemy import select

    from ..cli import CliError, _open
    from ..cli_access import Who, who
    from ..models.orm import User
    from ..models.storage import ENV_URL

    if getattr(args, "db", None) or not os.environ.get(ENV_URL):
        raise CliError("Users belong to a shared database (set TAFDESK_DATABASE_URL); the local case "
                       "file has one user, who holds its passphrase.")
    db = _open(args)
    try:
        with db.session() as s:
            if first_user and s.scalar(select(User.id).limit(1)) is None:
                from ..models.case_access import database_login

                me = Who(None, database_login(s) or "unknown")  # the first user: anyone the server lets in
            else:
                me = who(s)
                me.require_admin()
            return work(s, me)
    finally:
        db.close()


def cmd_list(args: argparse.Namespace) -> int:
    from ..models.services.users import list_users

    rows = _run(args, lambda s, me: list_users(s))
    if args.json:
        print(json.dumps([asdict(r) for r in rows], indent=2, ensure_ascii=False))  # type: ignore[attr-defined]
        return 0
    for r in rows:  # type: ignore[attr-defined]
        print("\t".join([r.login, r.name, r.role, r.professional or "-", r.manages or "-",
                         "active" if r.active else "disabled"]))
    return 0


def cmd_add(args: argparse.Namespace) -> int:
    from ..models.services.users import add_user

    data = {"login": args.login, "name": args.name, "role": args.role, "professional": args.professional,
            "agency": args.agency, "manages_all": args.manages_all}
    login = _run(args, lambda s, me: add_user(s, data, viewer=me.viewer, user=me.user).login, first_user=True)
    print(f"{login}\tadded as {args.role}")
    return 0


def cmd_set_role(args: argparse.Namespace) -> int:
    from ..models.services.users import set_role

    _run(args, lambda s, me: set_role(s, args.login, args.role, manages_all=args.manages_all,
                                      viewer=me.viewer, user=me.user))
    print(f"{args.login}\tnow {args.role}" + (" of every case" if args.manages_all else ""))
    return 0


def cmd_active(args: argparse.Namespace) -> int:
    from ..models.services.users import set_active

    _run(args, lambda s, me: set_active(s, args.login, args.active, viewer=me.viewer, user=me.user))
    print(f"{args.login}\t{'enabled' if args.active else 'disabled'}")
    return 0


def cmd_team(args: argparse.Namespace) -> int:
    from ..models.services.users import set_team

    ids = _run(args, lambda s, me: set_team(s, args.login, args.professionals, viewer=me.viewer, user=me.user))
    print(f"{args.login}\toversees the cases of {len(ids)} practitioner{'s' if len(ids) != 1 else ''}")  # type: ignore[arg-type]
    return 0
