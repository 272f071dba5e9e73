"""The command line: a second front end over the same services as the GUI.

Every command takes ``--db PATH``; the passphrase comes from ``TAFDESK_PASSPHRASE`` or a prompt.
Errors are one readable line on stderr and a non-zero exit status, never a traceback.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from . import __version__
from .models.errors import StorageError, TafdeskError

EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 70
PASSPHRASE_ENV = "TAFDESK_PASSPHRASE"


class CliError(TafdeskError):
    pass


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name (containers)
        return "unknown"


def _ask(prompt: str) -> str:
    if not sys.stdin or not sys.stdin.isatty():
        raise CliError(f"No passphrase: set {PASSPHRASE_ENV} or run in a terminal to be asked.")
    try:
        return getpass.getpass(prompt)
    except (EOFError, KeyboardInterrupt):
        raise CliError("No passphrase given.") from None


def _passphrase(creating: bool) -> str:
    env = os.environ.get(PASSPHRASE_ENV)
    if env:
        return env
    if not creating:
        return _ask("Passphrase: ")
    first = _ask("New passphrase for the case database: ")
    if _ask("Type it again: ") != first:
        raise CliError("The two passphrases differ; nothing was created.")
    return first


def _db_arg(args: argparse.Namespace) -> Path | None:
    # --db may come before or after the command; argparse leaves it unset when absent.
    db = getattr(args, "db", None)
    return Path(db) if db else None


def _open(args: argparse.Namespace, *, create: bool = False):  # type: ignore[no-untyped-def]
    from .models.storage import ENV_URL, database_exists, default_db_path, open_database

    path = _db_arg(args)
    if path is None and os.environ.get(ENV_URL):
        return open_database()
    path = path or default_db_path()
    exists = database_exists(path)
    if not exists and not create:
        raise StorageError(f"No database at {path}. Create one with 'tafdesk demo', 'tafdesk import' or the app.")
    if not exists:
        return open_database(db_path=path, passphrase=_passphrase(creating=True), create=create)
    from .models.passphrase import RetryGuard, open_counted

    passphrase = _passphrase(creating=False)
    guard = RetryGuard(path)  # wrong passphrases slow the next try down, across runs
    guard.wait(say=_notice)
    return open_counted(path, passphrase, guard)


def _notice(text: str) -> None:
    """A passing remark for a person at a terminal (scripts keep their one-line errors)."""
    if sys.stderr.isatty():
        print(f"tafdesk: {text}", file=sys.stderr)


def cmd_gui(args: argparse.Namespace) -> int:
    if (sys.platform.startswith("linux") and not os.environ.get("QT_QPA_PLATFORM")
            and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY")):
        raise CliError("No display to show the app on (DISPLAY is not set). Run it in a desktop "
                       "session, or use the commands listed by 'tafdesk --help'.")
    from .i18n.ui import UnknownLanguage, set_ui_language
    from .ui.app import run_gui

    if args.language:
        try:
            set_ui_language(args.language)
        except UnknownLanguage as exc:
            raise CliError(str(exc)) from None
    return run_gui(_db_arg(args), demo=args.demo, language=args.language)


def cmd_demo(args: argparse.Namespace) -> int:
    from .cli_access import who
    from .models.services.demo import create_demo

    db = _open(args, create=True)
    try:
        with db.session() as s:
            me = who(s)
            me.require_case_holder()
            case = create_demo(s, user=me.user)
            ref = case.reference
    finally:
        db.close()
    print(f"{ref}\tdemo family created in {db.location}")
    return 0


def cmd_cases(args: argparse.Namespace) -> int:
    from .models.services.cases import list_cases

    db = _open(args)
    try:
        with db.session() as s:
            from .cli_access import who

            me = who(s)
            me.require_case_reader()  # only the cases this user may open (all of a local file's)
            rows = list_cases(s, text=args.search or "", status=args.status, viewer=me.viewer)
    finally:
        db.close()
    if args.json:
        out = [
            {"reference": r.reference, "id": r.id, "family_name": r.family_name, "status": r.status,
             "level_of_need": r.level_of_need, "lead_professional": r.lead_professional,
             "opened_on": r.opened_on.isoformat() if r.opened_on else None}
            for r in rows
        ]
        print(json.dumps(out, indent=2, ensure_ascii=False))
    else:
        for r in rows:
            print("\t".join([r.reference, r.family_name, r.status, r.level_of_need or "-", r.lead_professional or "-"]))
    return 0


def _read_file(path: Path) -> bytes:
    """A file the user named, or one line saying why it cannot be read."""
    try:
        return path.read_bytes()
    except OSError as exc:
        raise CliError(f"Could not read {path}: {exc.strerror}.") from None


def _write_private(path: Path, content: str | bytes) -> None:
    """Write a file readable by the user only, atomically (no half-written export)."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    tmp = path.with_name(path.name + ".part")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    os.replace(tmp, path)


def cmd_export(args: argparse.Namespace) -> int:
    from .models.services.transfer import export_json

    out = Path(args.out)
    if not out.parent.is_dir():
        raise CliError(f"The folder {out.parent} does not exist.")
    db = _open(args)
    try:
        with db.session() as s:
            from .cli_access import who

            me = who(s)
            case_id = me.open_case(s, args.case).id  # refused unless the user may open it
            text = export_json(s, case_id, user=me.user)
    finally:
        db.close()
    try:
        _write_private(out, text)
    except OSError as exc:
        raise CliError(f"Could not write {out}: {exc.strerror}.") from None
    print(f"{args.case}\texported to {out} (plain JSON: keep it as safe as the case itself)")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from .models.services.transfer import import_case, parse_case_file

    raw = _read_file(Path(args.file))
    parse_case_file(raw)  # refuse a bad file before asking for a passphrase or creating anything
    db = _open(args, create=True)
    try:
        with db.session() as s:
            from .cli_access import who

            me = who(s)
            me.require_case_holder()
            case = import_case(s, raw, user=me.user)
            ref = case.reference
    finally:
        db.close()
    print(f"{ref}\timported")
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    from .models.schemas.transfer import json_schema

    text = json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, not the whole usage text
        self.exit(EXIT_USAGE, f"tafdesk: {message} (see 'tafdesk --help')\n")


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db", metavar="PATH", default=argparse.SUPPRESS,
        help="the encrypted case database (default: your data folder)",
    )
    p = _Parser(
        prog="tafdesk", parents=[common],
        description="Early help case records, family plans and TAF meetings. With no command, starts the app.",
        epilog=f"The passphrase is read from {PASSPHRASE_ENV} or asked for. "
        "TAFDESK_DATABASE_URL selects a shared database instead of the local file.",
    )
    p.add_argument("--version", action="version", version=f"tafdesk {__version__}")
    p.add_argument("--demo", action="store_true", help="with the app: add the demo family if it is not there")
    p.add_argument("--language", metavar="CODE",
                   help="with the app: the language of its menus and messages, e.g. cy or pl "
                   "(default: TAFDESK_LANGUAGE, else your saved choice, else English)")
    p.set_defaults(func=cmd_gui)
    sub = p.add_subparsers(title="commands", metavar="COMMAND", parser_class=_Parser)

    def add(name: str, func: Callable[[argparse.Namespace], int], help_: str) -> argparse.ArgumentParser:
        sp = sub.add_parser(name, parents=[common], help=help_, description=help_)
        sp.set_defaults(func=func)
        return sp

    add("demo", cmd_demo, "create the fictional demo family and print its case reference")
    sp = add("cases", cmd_cases, "list cases, one per line, beginning with the reference")
    sp.add_argument("--json", action="store_true", help="print JSON instead of lines")
    sp.add_argument("--search", metavar="TEXT", help="match reference, family name or anyone's name")
    sp.add_argument("--status", help="only cases with this status (requested, open, closed, ...)")
    sp = add("export", cmd_export, "write one whole case to a transfer file (JSON)")
    sp.add_argument("case", metavar="CASE", help="case reference, e.g. EH-2026-0001")
    sp.add_argument("--out", required=True, metavar="FILE")
    sp = add("import", cmd_import, "add a case from a transfer file; a bad file changes nothing")
    sp.add_argument("file", metavar="FILE")
    sp = add("schema", cmd_schema, "print the JSON Schema of the case transfer file")
    sp.add_argument("--out", metavar="FILE")
    import importlib
    import pkgutil

    from . import commands

    for mod in pkgutil.iter_modules(commands.__path__, commands.__name__ + "."):
        importlib.import_module(mod.name).register(add)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except TafdeskError as exc:
        print(f"tafdesk: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("tafdesk: interrupted", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:  # the reader went away (e.g. `tafdesk cases | head`): not an error
        # Python would complain again when it flushes stdout at exit: point it at nothing.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except Exception as exc:  # a defect: still one line for the user
        print(f"tafdesk: unexpected error ({type(exc).__name__}: {exc}); nothing further was changed.",
              file=sys.stderr)
        if os.environ.get("TAFDESK_DEBUG"):
            raise
        return EXIT_INTERNAL


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
