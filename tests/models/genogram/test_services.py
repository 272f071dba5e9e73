"""The network in the encrypted database: import, read back, links, positions, snapshots, PDFs."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import pytest

from tafdesk.documents.registry import RenderOptions, document_kinds
from tafdesk.models.errors import ValidationFailed
from tafdesk.models.genogram.family_file import parse_family_file
from tafdesk.models.genogram.layout import layout
from tafdesk.models.services import genogram as svc
from tafdesk.models.storage import Database

from .conftest import FAMILIES
from .test_layout import check


@pytest.mark.parametrize("src", FAMILIES, ids=[p.stem for p in FAMILIES])
def test_an_imported_family_reads_back_as_the_same_network(tmp_db: Database, src: Path) -> None:
    raw = src.read_bytes()
    with tmp_db.session() as s:
        case = svc.import_family(s, raw, user="t")
        case_id = case.id
    with tmp_db.session() as s:
        net = svc.network_of_case(s, case_id)
    file_net = parse_family_file(raw)
    prefix = case_id[:8] + "-"
    assert {p.id for p in net.persons} == {prefix + p.id for p in file_net.persons}
    assert {u.id for u in net.unions} == {prefix + u.id for u in file_net.unions}
    assert len(net.children) == len(file_net.children) and len(net.systems) == len(file_net.systems)
    assert sorted(e.type for e in net.emotions) == sorted(e.type for e in file_net.emotions)
    index = next(p for p in net.persons if p.is_index)
    assert index.id == prefix + next(p.id for p in file_net.persons if p.is_index)
    check(layout(net))


def test_importing_twice_into_one_case_is_refused(tmp_db: Database) -> None:
    raw = FAMILIES[0].read_bytes()
    with tmp_db.session() as s:
        case_id = svc.import_family(s, raw, user="t").id
    with tmp_db.session() as s, pytest.raises(ValidationFailed, match="already been imported"):
        svc.import_family(s, raw, user="t", case_id=case_id)


def test_links_positions_and_snapshots(demo_db: Database, demo_case_id: str) -> None:
    with demo_db.session() as s:
        net = svc.network_of_case(s, demo_case_id)
        maja = next(p for p in net.persons if p.name.startswith("Maja"))
        leo = next(p for p in net.persons if p.name.startswith("Leo"))
        first = svc.take_snapshot(s, demo_case_id, user="t", label="At assessment", today=date(2026, 9, 24))
        rid = svc.add_link(s, demo_case_id, "emotional_relationships",
                           {"from_person_id": maja.id, "to_person_id": leo.id, "type": "close"}, user="t")
        with pytest.raises(ValidationFailed) as err:
            svc.add_link(s, demo_case_id, "partnerships", {"partner_a_id": maja.id, "partner_b_id": maja.id}, user="t")
        assert "partner_b_id" in err.value.problems
        before = svc.set_positions(s, demo_case_id, "genogram", {maja.id: (400.0, 120.0)}, user="t")
        assert before == {maja.id: None}
        svc.take_snapshot(s, demo_case_id, user="t", label="At review", today=date(2026, 11, 5))
    with demo_db.session() as s:
        assert svc.positions(s, demo_case_id, "genogram") == {maja.id: (400.0, 120.0)}
        assert layout(svc.network_of_case(s, demo_case_id), svc.positions(s, demo_case_id, "genogram")
                      ).persons[maja.id].x == 400.0
        snaps = svc.list_snapshots(s, demo_case_id)
        assert [x.label for x in snaps] == ["At assessment", "At review"]
        old, old_pos = svc.snapshot(s, first)
        new, new_pos = svc.snapshot(s, snaps[1].id)
        assert len(new.emotions) == len(old.emotions) + 1
        assert old_pos["genogram"] == {} and new_pos["genogram"] == {maja.id: (400.0, 120.0)}
        svc.remove_link(s, "emotional_relationships", rid, user="t")
        assert len(svc.network_of_case(s, demo_case_id).emotions) == len(old.emotions)


def test_genogram_and_ecomap_of_a_stored_case(demo_db: Database, demo_case_id: str, tmp_path: Path) -> None:
    kinds = document_kinds()
    with demo_db.session() as s:
        for key, words in (("genogram", "Maja Nowak"), ("ecomap", "Riverside Academy")):
            pdf = kinds[key].render(s, demo_case_id, RenderOptions(today=date(2026, 11, 23)))
            path = tmp_path / f"{key}.pdf"
            path.write_bytes(pdf)
            text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
            assert words in " ".join(text.split()) and "OFFICIAL-SENSITIVE" in text
