"""Several users appending to the audit log of one PostgreSQL database at once keep one chain."""

from __future__ import annotations

import threading

import pytest

from tafdesk.models.services import audit

from .conftest import Opener


@pytest.mark.parametrize("open_same_db", ["postgresql"], indirect=True)
def test_users_saving_at_once_keep_one_unbroken_chain(open_same_db: Opener) -> None:
    dbs = [open_same_db() for _ in range(4)]
    start = threading.Barrier(len(dbs))
    failures: list[Exception] = []

    def append(n: int) -> None:
        try:
            start.wait()
            for i in range(25):
                with dbs[n].session() as s:
                    audit.record_event(s, user=f"user{n}", action="update", detail=str(i))
        except Exception as exc:  # noqa: BLE001 - reported below, not lost in the thread
            failures.append(exc)

    threads = [threading.Thread(target=append, args=(n,)) for n in range(len(dbs))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not failures
    with dbs[0].session() as s:
        check = audit.verify_chain(s)
    assert check.ok and check.events == 100, check
