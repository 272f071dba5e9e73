"""``tafdesk backup [--out FILE]`` and ``tafdesk restore FILE``: encrypted, checked copies."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import datetime
from pathlib import Path


def register(add: Callable[..., argparse.ArgumentParser]) -> None:
    sp = add("backup", cmd_backup,
             "write an encrypted copy of the database (same passphrase), checked after writing")
    sp.add_argument("--out", metavar="FILE",
                    help="where to write it (default: backups/ in the data folder, named by date and time)")
    sp = add("restore", cmd_restore,
             "replace the database by a backup; the current one is kept aside, a bad file changes nothing")
    sp.add_argument("file", metavar="FILE")


def _db_path(args: argparse.Namespace) -> Path:
    import os

    from ..cli import CliError, _db_arg
    from ..models.storage import ENV_URL, default_db_path

    path = _db_arg(args)
    if path is None and os.environ.get(ENV_URL):
        raise CliError("A shared database is backed up and restored on its server (for example with "
                       "pg_dump and pg_restore), not by tafdesk.")
    return path or default_db_path()


def cmd_backup(args: argparse.Namespace) -> int:
    from ..cli import CliError, _passphrase, _user
    from ..models.backup import backup_dir, make_backup
    from ..models.services.audit import record_event
    from ..models.storage import database_exists, open_database

    path = _db_path(args)
    if not database_exists(path):
        raise CliError(f"No database at {path} to back up.")
    if args.out:
        out = Path(args.out)
    else:
        folder = backup_dir(str(path))
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        out = folder / f"tafdesk-{datetime.now():%Y-%m-%d-%H%M%S}.db"
    db = open_database(db_path=path, passphrase=_passphrase(creating=False))
    try:
        check = make_backup(db, out)
        with db.session() as s:
            record_event(s, user=_user(), action="backup", detail=f"{out} ({check.rows} rows)")
    finally:
        db.close()
    print(f"backup written to {out} and checked: {check.tables} tables, {check.rows} rows, "
          "encrypted with the same passphrase")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from ..cli import _passphrase, _user
    from ..models.backup import restore_backup
    from ..models.services.audit import record_event
    from ..models.storage import open_database

    path = _db_path(args)
    backup = Path(args.file)
    passphrase = _passphrase(creating=False)
    done = restore_backup(backup, passphrase, path)
    db = open_database(db_path=path, passphrase=passphrase)  # brings an older backup up to date
    try:
        with db.session() as s:
            record_event(s, user=_user(), action="restore",
                         detail=f"from {backup.name}" + (f"; previous kept as {done.previous.name}"
                                                         if done.previous else ""))
    finally:
        db.close()
    print(f"restored {backup.name} ({done.backup.rows} rows) into {path}")
    if done.previous:
        print(f"the database it replaced is kept, still encrypted, as {done.previous}")
    return 0
