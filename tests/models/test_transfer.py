"""Case transfer file: exact round trip, and bad files refused with the database unchanged."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from tafdesk.models.errors import ImportRejected
from tafdesk.models.orm import Base
from tafdesk.models.schemas.transfer import json_schema
from tafdesk.models.services.transfer import export_case, export_json, import_case
from tafdesk.models.storage import Database, open_database

DOCS = Path(__file__).resolve().parents[2] / "docs"


@pytest.fixture
def exported(demo_db: Database, demo_case_id: str) -> dict:
    with demo_db.session() as s:
        return export_case(s, demo_case_id, user="test")


@pytest.fixture
def empty_db(tmp_path: Path, passphrase: str):
    db = open_database(db_path=tmp_path / "other" / "empty.db", passphrase=passphrase, create=True)
    yield db
    db.close()


def _counts(db: Database) -> dict[str, int]:
    with db.session() as s:
        return {t.name: s.scalar(select(func.count()).select_from(t)) for t in Base.metadata.sorted_tables}


def test_round_trip_gives_identical_json(demo_db: Database, demo_case_id: str, empty_db: Database) -> None:
    with demo_db.session() as s:
        first = export_json(s, demo_case_id, user="test")
    with empty_db.session() as s:
        case = import_case(s, first.encode(), user="test")
        ref = case.reference
    with empty_db.session() as s:
        second = export_json(s, ref, user="test")
    assert first == second
    data = json.loads(first)
    assert len(data["people"]) == 7 and len(data["actions"]) == 16 and len(data["meetings"]) == 2


def test_export_is_valid_against_the_published_schema(exported: dict) -> None:
    import jsonschema

    published = json.loads((DOCS / "case-file.schema.json").read_text(encoding="utf-8"))
    assert published == json_schema(), "docs/case-file.schema.json is stale: run 'tafdesk schema --out ...'"
    jsonschema.validate(exported, published)


def _mutations(good: dict) -> list[tuple[str, bytes, str]]:
    def mutate(fn) -> bytes:  # type: ignore[no-untyped-def]
        d = copy.deepcopy(good)
        fn(d)
        return json.dumps(d).encode()

    text = json.dumps(good).encode()
    return [
        ("truncated", text[: len(text) // 2], "not valid JSON"),
        ("empty", b"", "empty"),
        ("not utf-8", b"\xff\xfe" + text[:100], "not UTF-8"),
        ("a list", b"[1, 2, 3]", "not a tafdesk case file"),
        ("deep nesting", b"[" * 100_000 + b"]" * 100_000, "not"),
        ("other format", mutate(lambda d: d.update(format="something.else")), "not a tafdesk case file"),
        ("future version", mutate(lambda d: d.update(format_version=2)), "version 2"),
        ("unknown field", mutate(lambda d: d["people"][0].update(shoe_size=9)), "people.0.shoe_size"),
        ("bad vocabulary", mutate(lambda d: d["people"][0].update(sex="Q")), "people.0.sex"),
        ("bad date", mutate(lambda d: d["people"][0].update(date_of_birth="2012-13-45")), "date_of_birth"),
        ("control character", mutate(lambda d: d["people"][0].update(notes="a\x00b")), "control characters"),
        ("naive datetime", mutate(lambda d: d["requests"][0].update(received_at="2026-09-07T10:15:00")),
         "received_at"),
        ("score out of range", mutate(lambda d: d["scaling_scores"][0].update(score=11)), "score"),
        ("dangling reference", mutate(lambda d: d["actions"][0].update(owner_person_id="nobody")),
         "not in the file"),
        ("dangling list reference", mutate(lambda d: d["needs"][0].update(person_ids=["ghost"])), "not in the file"),
        ("record of another case", mutate(lambda d: d["visits"][0].update(case_id="another-case")), "another case"),
        ("duplicate id", mutate(lambda d: d["people"].append(d["people"][0])), "appears twice"),
        ("bad id", mutate(lambda d: d["case"].update(id="../../etc/passwd")), "case.id"),
        ("huge text", mutate(lambda d: d["case"].update(summary="x" * 300_000)), "summary"),
        ("missing case", mutate(lambda d: d.pop("case")), "case"),
    ]


def test_bad_files_are_refused_with_one_clear_line_and_nothing_changes(
    exported: dict, empty_db: Database
) -> None:
    before = _counts(empty_db)
    for name, raw, expect in _mutations(exported):
        with pytest.raises(ImportRejected) as info:
            with empty_db.session() as s:
                import_case(s, raw, user="test")
        message = str(info.value)
        assert expect in message, (name, message)
        assert "\n" not in message and len(message) < 400, name
        assert _counts(empty_db) == before, name


def test_importing_a_case_twice_is_refused(exported: dict, demo_db: Database) -> None:
    before = _counts(demo_db)
    with pytest.raises(ImportRejected, match="already in this database"):
        with demo_db.session() as s:
            import_case(s, json.dumps(exported).encode(), user="test")
    assert _counts(demo_db) == before


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_fuzzed_files_never_crash_and_never_half_import(exported: dict, empty_db: Database, data) -> None:  # type: ignore[no-untyped-def]
    doc = copy.deepcopy(exported)
    table = data.draw(st.sampled_from([k for k, v in doc.items() if isinstance(v, list) and v]))
    row = data.draw(st.sampled_from(doc[table]))
    field = data.draw(st.sampled_from(sorted(row)))
    row[field] = data.draw(
        st.one_of(st.none(), st.integers(), st.text(max_size=50), st.booleans(), st.floats(allow_nan=True),
                  st.lists(st.text(max_size=5), max_size=3), st.dictionaries(st.text(max_size=3), st.integers()))
    )
    before = _counts(empty_db)
    try:
        with empty_db.session() as s:
            case = import_case(s, json.dumps(doc).encode(), user="test")
            s.delete(case)  # keep the database empty for the next example
    except ImportRejected:
        assert _counts(empty_db) == before
