"""Case-file import under structure-aware fuzzing: every record type of the file, changed the
way a damaged, hand-edited or hostile file would change it (fields dropped, added, given the
wrong type or an impossible value; records duplicated, deleted, pointed at the wrong record or
another case; tables removed or reshaped), one to three changes at once.

Whatever comes in, the import either adds the case whole or refuses it with ImportRejected
(one line, a sentence for the user) and the database is exactly as it was. Any other exception
fails the test.
"""

from __future__ import annotations

import copy
import json
import time
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import JSON, Boolean, Date, Integer, LargeBinary, func, select
from sqlalchemy.orm import Session

from tafdesk.models.errors import ImportRejected
from tafdesk.models.orm import CASE_TABLES, Base
from tafdesk.models.orm.base import UTCDateTime
from tafdesk.models.schemas.transfer import NOT_EXPORTED, RANGES, VOCABULARY
from tafdesk.models.services import audit
from tafdesk.models.services.transfer import export_case, import_case
from tafdesk.models.storage import Database, open_database

EXAMPLES = 100
COLUMNS = {t.__tablename__: [c for c in t.__table__.columns if c.name not in NOT_EXPORTED]  # type: ignore[attr-defined]
           for t in CASE_TABLES}
TABLES = sorted(COLUMNS)
STATS = {"tried": 0, "imported": 0, "refused": 0, "seconds": 0.0}


@pytest.fixture(scope="module", autouse=True)
def report() -> Iterator[None]:
    """The figures for the record, printed when the module is done (pytest -s shows them)."""
    yield
    print(f"\nimport fuzzing: {STATS['tried']} files tried ({STATS['imported']} imported, "
          f"{STATS['refused']} refused) in {STATS['seconds']:.1f} s")


class _Undo(Exception):
    """Raised after a successful import so that the session rolls it back."""


def _value_for(table: str, col: Any, ids: dict[str, list[str]], case_id: str) -> Any:
    """A valid value for a column (used to build a record for a type the demo has none of)."""
    key = f"{table}.{col.name}"
    if col.name == "id":
        return str(uuid.uuid4())
    if col.name == "case_id":
        return case_id
    fks = list(col.foreign_keys)
    if fks:
        target = fks[0].column.table.name
        return ids[target][0] if ids.get(target) else None
    if col.name.endswith("_id"):  # a reference by id that is not a foreign key (a diagram's item)
        return ids["people"][0]
    if key in VOCABULARY:
        return next(iter(VOCABULARY[key])).value
    t = col.type
    if isinstance(t, JSON):
        return []
    if isinstance(t, UTCDateTime):
        return "2026-10-01T10:00:00+00:00"
    if isinstance(t, Date):
        return "2026-10-01"
    if isinstance(t, Boolean):
        return False
    if isinstance(t, Integer):
        return RANGES.get(key, (1, 1))[0]
    if isinstance(t, LargeBinary):
        return ""
    return "x" if not col.nullable else None


def _complete(doc: dict[str, Any]) -> dict[str, Any]:
    """The demo's file, plus one made-up record of each type the demo has none of."""
    case_id = doc["case"]["id"]
    ids = {name: [r["id"] for r in rows] for name, rows in doc.items() if isinstance(rows, list)}
    ids["cases"] = [case_id]
    for table in TABLES:
        if not doc[table]:
            row = {c.name: _value_for(table, c, ids, case_id) for c in COLUMNS[table]}
            doc[table].append(row)
            ids[table] = [row["id"]]
    return doc


@pytest.fixture(scope="module")
def base_file(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    from tafdesk.models.services.demo import create_demo

    db = open_database(db_path=tmp_path_factory.mktemp("fuzz") / "demo.db", passphrase="fuzzing passphrase",
                       create=True)
    try:
        with db.session() as s:
            case = create_demo(s)
            doc = export_case(s, case.id, user="t")
    finally:
        db.close()
    return _complete(doc)


@pytest.fixture(scope="module")
def target(tmp_path_factory: pytest.TempPathFactory) -> Any:
    db = open_database(db_path=tmp_path_factory.mktemp("fuzz") / "empty.db", passphrase="fuzzing passphrase",
                       create=True)
    yield db
    db.close()


def _counts(db: Database) -> dict[str, int]:
    with db.session() as s:
        return {t.name: s.scalar(select(func.count()).select_from(t)) or 0 for t in Base.metadata.sorted_tables}


def try_import(db: Database, raw: bytes) -> str:
    """'imported' (then undone) or 'refused'; anything else propagates and fails the test."""
    start = time.perf_counter()
    STATS["tried"] += 1
    try:
        with db.session() as s:
            case = import_case(s, raw, user="fuzz")
            s.flush()
            _check_imported(s, case.id)
            raise _Undo
    except _Undo:
        outcome = "imported"
    except ImportRejected as exc:
        message = str(exc)
        assert message and "\n" not in message and len(message) < 500, message
        assert "Traceback" not in message
        outcome = "refused"
    finally:
        STATS["seconds"] += time.perf_counter() - start
    STATS[outcome] += 1
    return outcome


def _check_imported(s: Session, case_id: str) -> None:
    again = export_case(s, case_id, user="fuzz")  # everything stored reads back
    assert again["case"]["id"] == case_id
    assert audit.verify_chain(s).ok


# Mutations of one record type's rows, the fields of a row, and the file's shape.
NASTY = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=40),
    st.sampled_from(["", " ", "\x00", "a\x07b", "\ud800", "\u202egnp.exe", "9999-12-31", "2026-02-30",
                     "2026-10-01T10:00:00", "2026-10-01T10:00:00+14:00", "0001-01-01", "yes", "NaN",
                     "x" * 70_000, "../../etc/passwd", "'; DROP TABLE cases; --", "%s%n", "null"]),
    st.lists(st.text(max_size=4), max_size=3), st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)


@st.composite
def mutation(draw: st.DrawFn, doc: dict[str, Any]) -> str:
    """Change ``doc`` in place; returns a description for the failure report."""
    table = draw(st.sampled_from(TABLES))
    rows = doc.get(table)
    kind = draw(st.sampled_from(["value", "value", "value", "drop field", "extra field", "duplicate", "delete",
                                 "retarget", "other case", "reorder", "table shape", "self reference"]))
    if not isinstance(rows, list) or not rows:
        kind = "table shape"
    if kind == "table shape":
        doc[table] = draw(st.sampled_from([None, {}, "rows", [None], [[]], [1, 2], []]))
        return f"{table}: {doc[table]!r:.40}"
    i = draw(st.integers(0, len(rows) - 1))
    row = rows[i]
    if not isinstance(row, dict):
        return f"{table}[{i}] already not a record"
    field = draw(st.sampled_from(sorted(row) or ["id"]))
    if kind == "value":
        row[field] = draw(NASTY)
    elif kind == "drop field":
        row.pop(field, None)
    elif kind == "extra field":
        row[draw(st.sampled_from(["shoe_size", "", "ID", "__class__", "row_version"]))] = draw(NASTY)
    elif kind == "duplicate":
        twin = copy.deepcopy(row)
        if draw(st.booleans()):
            twin["id"] = str(uuid.uuid4())  # a second, distinct record with the same contents
        rows.insert(draw(st.integers(0, len(rows))), twin)
    elif kind == "delete":
        rows.pop(i)
    elif kind == "retarget":
        refs = [k for k in row if k.endswith(("_id", "_ids"))] or [field]
        ref = draw(st.sampled_from(sorted(refs)))
        other = draw(st.sampled_from(TABLES + ["agencies", "professionals"]))
        pool = [r["id"] for r in doc.get(other) or [] if isinstance(r, dict) and "id" in r] or ["ghost"]
        new = draw(st.sampled_from(pool + [str(uuid.uuid4()), "", "ghost"]))
        row[ref] = [new] if ref.endswith("_ids") else new
    elif kind == "other case":
        row["case_id"] = draw(st.sampled_from([str(uuid.uuid4()), None, 7, doc["case"]["id"]]))
    elif kind == "self reference":
        refs = sorted(k for k in row if k.endswith("_id") and k not in ("id", "case_id")) or ["id"]
        row[draw(st.sampled_from(refs))] = row.get("id")
    elif kind == "reorder":
        rows.reverse()
    return f"{table}[{i}].{field}: {kind}"


@settings(max_examples=EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_structure_aware_mutations_of_every_record_type(base_file: dict[str, Any], target: Database,
                                                        data: st.DataObject) -> None:
    doc = copy.deepcopy(base_file)
    n = data.draw(st.integers(1, 3))
    done = [data.draw(mutation(doc)) for _ in range(n)]
    before = _counts(target)
    try:
        raw = json.dumps(doc).encode("utf-8", "surrogatepass")
    except (TypeError, ValueError):
        return
    try_import(target, raw)
    assert _counts(target) == before, done


def test_the_file_with_a_record_of_every_type_imports(base_file: dict[str, Any], target: Database) -> None:
    assert all(base_file[t] for t in TABLES)
    assert try_import(target, json.dumps(base_file).encode()) == "imported"


@pytest.mark.parametrize("table", TABLES)
def test_every_record_type_survives_the_plain_mutations(base_file: dict[str, Any], target: Database,
                                                        table: str) -> None:
    """Each record type, each kind of damage at least once, independent of hypothesis's luck."""
    before = _counts(target)
    row = base_file[table][0]
    required = [c.name for c in COLUMNS[table] if not c.nullable and c.default is None and c.name != "id"]
    changes: list[tuple[str, Any]] = [
        ("unknown field", lambda d: d[table][0].update(shoe_size=9)),
        ("same id twice", lambda d: d[table].append(copy.deepcopy(d[table][0]))),
        ("copy with a new id", lambda d: d[table].append(copy.deepcopy(d[table][0]) | {"id": str(uuid.uuid4())})),
        ("of another case", lambda d: d[table][0].update(case_id=str(uuid.uuid4()))),
        ("bad id", lambda d: d[table][0].update(id="not/an id")),
        ("not a record", lambda d: d[table].__setitem__(0, "a record")),
        ("lone surrogate", lambda d: d[table][0].update({_text_field(table): "\ud800"})),
    ] + [(f"without {c}", lambda d, c=c: d[table][0].pop(c)) for c in required]
    for c in COLUMNS[table]:
        if c.name.endswith("_id") and c.name != "case_id" and row.get(c.name) is not None:
            changes.append((f"{c.name} dangling", lambda d, c=c: d[table][0].update({c.name: "ghost"})))
    outcomes = {}
    for name, change in changes:
        doc = copy.deepcopy(base_file)
        change(doc)
        outcomes[name] = try_import(target, json.dumps(doc).encode("utf-8", "surrogatepass"))
    for must_refuse in ("unknown field", "same id twice", "of another case", "bad id", "not a record"):
        assert outcomes[must_refuse] == "refused", (table, must_refuse)
    assert all(outcomes[f"without {c}"] == "refused" for c in required), (table, outcomes)
    assert _counts(target) == before


def _text_field(table: str) -> str:
    from sqlalchemy import String, Text

    texts = [c.name for c in COLUMNS[table] if isinstance(c.type, (String, Text)) and not c.foreign_keys
             and c.name not in ("id", "case_id") and f"{table}.{c.name}" not in VOCABULARY]
    return texts[0] if texts else "id"
