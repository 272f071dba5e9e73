"""Creating a database makes a new data folder private, and never changes an existing folder's
mode: a database created in a shared folder (such as /tmp) must not lock other users out of it."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from tafdesk.models.storage import open_database
from tests.conftest import PASSPHRASE


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_a_new_folder_is_private_and_an_existing_one_keeps_its_mode(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)
    open_database(db_path=shared / "a.db", passphrase=PASSPHRASE, create=True).close()
    assert stat.S_IMODE(shared.stat().st_mode) == 0o1777
    assert stat.S_IMODE((shared / "a.db").stat().st_mode) == 0o600
    own = tmp_path / "data" / "tafdesk"
    open_database(db_path=own / "a.db", passphrase=PASSPHRASE, create=True).close()
    assert stat.S_IMODE(own.stat().st_mode) == 0o700
