"""Reading family files: good ones become networks, bad ones get one clear sentence."""

from __future__ import annotations

import json

import pytest

from tafdesk.models.genogram.family_file import FamilyFileError, parse_family_file
from tafdesk.models.genogram.network import Network

from .conftest import FAMILIES


def test_every_family_file_is_read_with_its_ids(family: Network) -> None:
    assert family.persons and all(p.id for p in family.persons)
    assert sum(p.is_index for p in family.persons) == 1


def test_the_network_survives_a_json_round_trip(family: Network) -> None:
    again = Network.from_json(json.loads(json.dumps(family.to_json())))
    assert again == family


def _changed(change) -> bytes:  # type: ignore[no-untyped-def]
    data = json.loads(FAMILIES[0].read_text(encoding="utf-8"))
    change(data)
    return json.dumps(data).encode()


@pytest.mark.parametrize(("raw", "words"), [
    (b"\xff\xfe", "not text"),
    (b"{not json", "not valid JSON (line 1"),
    (b"[]", "no list of persons"),
    (_changed(lambda d: d.update(schema_version="9")), "schema_version"),
    (_changed(lambda d: d["persons"][2].update(sex="Q")), "persons[2] (P03).sex"),
    (_changed(lambda d: d["persons"][0].update(birth_year="soon")), "persons[0] (P01).birth_year"),
    (_changed(lambda d: d["unions"][0].update(partners=["P14", "P99"])), "refers to P99 in union U1"),
    (_changed(lambda d: d["persons"].append(dict(d["persons"][0]))), "two persons with the id P01"),
    (_changed(lambda d: d["children"].append({"child": "P14", "parents": ["P05"], "type": "biological"})),
     "their own ancestor"),
    (_changed(lambda d: d["ecomap"]["systems"][0].update(weight=7)), "ecomap.systems[0] (E01).weight"),
])
def test_bad_files_are_refused_with_one_sentence(raw: bytes, words: str) -> None:
    with pytest.raises(FamilyFileError) as err:
        parse_family_file(raw)
    assert words in str(err.value)
    assert "\n" not in str(err.value)
