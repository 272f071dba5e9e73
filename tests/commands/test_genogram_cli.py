"""``tafdesk genogram`` and ``tafdesk ecomap`` on family files, run as a user runs them."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.models.genogram.conftest import FAMILIES
from tests.test_cli import one_line_error, run

pytestmark = pytest.mark.slow


def test_layout_json_gives_every_person_and_union() -> None:
    src = next(p for p in FAMILIES if p.name.startswith("03"))
    r = run("genogram", str(src), "--layout-json", passphrase=None)
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    family = json.loads(src.read_text(encoding="utf-8"))
    assert {p["id"] for p in out["persons"]} == {p["id"] for p in family["persons"]}
    assert all({"x", "y", "row"} <= set(p) for p in out["persons"])
    assert {u["id"] for u in family["unions"]} <= {u["id"] for u in out["unions"]}
    rows = {p["id"]: p["row"] for p in out["persons"]}
    assert rows["P01"] < rows["P03"] < rows["P05"]  # grandfather, father, index child


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


@pytest.mark.parametrize("src", FAMILIES, ids=[p.stem for p in FAMILIES])
def test_pdf_of_every_family_names_everyone_and_has_a_key(src: Path, tmp_path: Path) -> None:
    out = tmp_path / "g.pdf"
    r = run("genogram", str(src), "--out", str(out), passphrase=None)
    assert r.returncode == 0, r.stderr
    text = pdf_text(out)
    assert "OFFICIAL-SENSITIVE" in text and "Key" in text
    family = json.loads(src.read_text(encoding="utf-8"))
    named = [p["name"] for p in family["persons"] if not p["name"].startswith("(")]
    flat = " ".join(text.split())
    missing = [n for n in named if n.split()[0] not in flat]
    assert missing == []
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True).stdout
    assert "Helvetica" not in fonts and "NotoSans" in fonts


def test_the_biggest_family_is_split_into_readable_parts(tmp_path: Path) -> None:
    src = next(p for p in FAMILIES if "150" in p.name)
    out = tmp_path / "g.pdf"
    assert run("genogram", str(src), "--out", str(out), passphrase=None).returncode == 0
    pages = pdf_text(out).split("\f")[:-1]
    assert len(pages) >= 3
    assert "the whole diagram" in pages[0]
    assert "part 1 of" in pages[1]


def test_png_and_ecomap(tmp_path: Path) -> None:
    src = FAMILIES[0]
    png = tmp_path / "g.png"
    assert run("genogram", str(src), "--out", str(png), "--dpi", "40", passphrase=None).returncode == 0
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    eco = tmp_path / "e.pdf"
    assert run("ecomap", str(src), "--out", str(eco), passphrase=None).returncode == 0
    text = " ".join(pdf_text(eco).split())
    assert "Oakfield Primary" in text and "Kelly & Marcus household" in text and "Stressful" in text


def test_bad_input_gets_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema_version": "1.0", "persons": [{"id": "P1", "name": "A", "sex": "Z"}]}')
    assert "persons[0] (P1).sex" in one_line_error(run("genogram", str(bad), "--out", str(tmp_path / "x.pdf"),
                                                       passphrase=None))
    assert "Could not read" in one_line_error(run("genogram", str(tmp_path / "none.json"), "--layout-json",
                                                  passphrase=None))
    assert ".pdf or .png" in one_line_error(run("genogram", str(FAMILIES[0]), "--out", str(tmp_path / "x.svg"),
                                                passphrase=None))


def test_import_a_family_file_then_print_its_genogram(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    r = run("import-family", str(FAMILIES[1]), "--db", str(db))
    assert r.returncode == 0, r.stderr
    ref = r.stdout.split()[0]
    out = tmp_path / "g.pdf"
    r = run("render", ref, "--doc", "genogram", "--out", str(out), "--db", str(db))
    assert r.returncode == 0, r.stderr
    text = " ".join(pdf_text(out).split())
    assert "Kayden Price" in text and ref in text
    assert "not a family file" in one_line_error(run("import-family", str(out), "--db", str(db)))
