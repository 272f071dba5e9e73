"""``tafdesk passphrase``: change the passphrase of the encrypted database (a new key and salt).

The current passphrase comes from ``TAFDESK_PASSPHRASE`` or a prompt, the new one from
``TAFDESK_NEW_PASSPHRASE`` or two prompts. Wrong current passphrases are counted and slowed down
as at every other door.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable
from pathlib import Path

NEW_PASSPHRASE_ENV = "TAFDESK_NEW_PASSPHRASE"


def register(add: Callable[..., argparse.ArgumentParser]) -> None:
    add("passphrase", cmd_passphrase,
        "change the passphrase of the encrypted database (it is written again with a new key)")


def _new_passphrase() -> str:
    from ..cli import CliError, _ask
    from ..models.storage import check_new_passphrase

    new = os.environ.get(NEW_PASSPHRASE_ENV)
    if not new:
        new = _ask("New passphrase: ")
        problem = check_new_passphrase(new)
        if problem:
            raise CliError(f"{problem} The passphrase was not changed.")
        if _ask("Type the new passphrase again: ") != new:
            raise CliError("The two new passphrases differ; the passphrase was not changed.")
    problem = check_new_passphrase(new)
    if problem:
        raise CliError(f"{problem} The passphrase was not changed.")
    return new


def cmd_passphrase(args: argparse.Namespace) -> int:
    from ..cli import PASSPHRASE_ENV, CliError, _ask, _db_arg, _notice
    from ..models.passphrase import RetryGuard
    from ..models.rekey import change_passphrase
    from ..models.storage import ENV_URL, database_exists, default_db_path

    path = _db_arg(args)
    if path is None and os.environ.get(ENV_URL):
        raise CliError("A shared database has no passphrase: its password is managed on the "
                       "database server by its administrator.")
    path = path or default_db_path()
    if not database_exists(path):
        raise CliError(f"No database at {path}.")
    current = os.environ.get(PASSPHRASE_ENV) or _ask("Current passphrase: ")
    new = _new_passphrase()
    guard = RetryGuard(Path(path))
    guard.wait(say=_notice)
    counts = change_passphrase(path, current, new, guard=guard)
    print(f"Passphrase changed: {sum(counts.values())} rows in {len(counts)} tables written again "
          f"with a new key and salt in {path}. The old passphrase no longer opens it.")
    return 0
