"""Several users saving the same record at once, each retrying after a conflict as the editor
lets them (take the saved version, add their change, save again): every change arrives, none
is lost. On SQLite and PostgreSQL; prints how many conflicts were caught."""

from __future__ import annotations

import threading

from sqlalchemy import select

from tafdesk.models.concurrency import EditConflict
from tafdesk.models.orm import Person
from tafdesk.models.services import people
from tafdesk.models.services.demo import create_demo

from .conftest import Opener

WRITERS, EDITS = 4, 8


def test_no_change_is_lost_among_many_writers(open_same_db: Opener) -> None:
    first = open_same_db()
    with first.session() as s:
        create_demo(s, user="setup")
        person_id = s.scalar(select(Person.id).where(Person.given_name == "Maja"))
    dbs = [first] + [open_same_db() for _ in range(WRITERS - 1)]
    conflicts = [0] * WRITERS
    errors: list[BaseException] = []
    start = threading.Barrier(WRITERS)

    def writer(n: int) -> None:
        try:
            start.wait()
            for i in range(EDITS):
                while True:
                    with dbs[n].session() as s:  # open the record: what the editor shows
                        maja = s.get(Person, person_id)
                        data, version = people.person_form_data(maja), maja.row_version
                    line = f"w{n}-{i}"
                    try:
                        with dbs[n].session() as s:
                            people.update_person(s, person_id, data | {"notes": f"{data['notes']}\n{line}"},
                                                 user=f"w{n}", expected_version=version)
                        break
                    except EditConflict:
                        conflicts[n] += 1  # shown the conflict; merges by starting again from theirs
        except BaseException as exc:  # noqa: BLE001 - a thread reports any failure to the test
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(WRITERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    assert not errors, errors
    with first.session() as s:
        notes = s.get(Person, person_id).notes.splitlines()
    written = [ln for ln in notes if ln.startswith("w")]
    assert sorted(written) == sorted(f"w{n}-{i}" for n in range(WRITERS) for i in range(EDITS))
    for n in range(WRITERS):  # each writer's own edits arrive in the order made
        assert [ln for ln in written if ln.startswith(f"w{n}-")] == [f"w{n}-{i}" for i in range(EDITS)]
    print(f"\n{first.engine.dialect.name}: {WRITERS} writers x {EDITS} edits of one record, "
          f"{sum(conflicts)} conflicts caught, 0 of {WRITERS * EDITS} changes lost")
