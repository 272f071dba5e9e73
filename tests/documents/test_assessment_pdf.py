"""The assessment PDF: every section in the text, pictures, and a family copy that leaves out
whatever is marked as not to be shared with the family."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

from sqlalchemy import select

from tafdesk.documents.registry import RenderOptions, document_kinds
from tafdesk.models.orm import Restriction
from tafdesk.models.services import assessment as A
from tafdesk.models.services import assessment_parts as P
from tafdesk.models.services.people import list_people
from tafdesk.models.storage import Database

from .test_base import pdf_text

TODAY = date(2026, 11, 23)
SENTINELS = ("SENTINEL-SECTION", "SENTINEL-VOICE", "SENTINEL-ADULT", "SENTINEL-NEED", "SENTINEL-PRO")


def render(db: Database, case_id: str, family_copy: bool) -> bytes:
    kind = document_kinds()["assessment"]
    assert kind.options == frozenset({"family_copy", "language", "bilingual"})
    with db.session() as s:
        return kind.render(s, case_id, RenderOptions(family_copy=family_copy, today=TODAY))


def images_in(pdf: bytes, tmp_path: Path) -> int:
    path = tmp_path / "img.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdfimages", "-list", str(path)], capture_output=True, text=True, check=True).stdout
    return len(out.splitlines()) - 2


def test_the_demo_assessment_shows_every_section(demo_db: Database, demo_case_id: str, tmp_path: Path) -> None:
    pdf = render(demo_db, demo_case_id, False)
    text = " ".join(pdf_text(pdf, tmp_path).split())
    for heading in ("Early Help Assessment", "Who is in the family", "The voice of each child",
                    "Maja Nowak (child, 14)", "Leo Carter (child, 9)", "Ruby Carter (child, 3)",
                    "Views of the parents and carers", "Views of the professionals",
                    "Strengths and what is going well", "What the family and others are worried about",
                    "History and long-standing difficulties", "Help given before",
                    "Culture, identity and protected characteristics", "Access, interpreter and communication needs",
                    "Needs by outcome area", "Getting a good education", "Secure housing", "The family's goals",
                    "Analysis", "Level of need", "Level 2 (Universal Plus)", "Sign-off",
                    "Mark Ellis, Early Help Team Manager", "Page 1 of", "OFFICIAL-SENSITIVE",
                    "Carter-Nowak family · EH-2026-0001"):
        assert heading in text, heading
    assert "I want to go to drama club again." in text  # Maja's own words
    assert "Not included in this assessment" in text and "no contact since 2016" in text  # Tomasz, with reason
    assert "Maja's three houses, drawn with Sarah Whitfield" in text
    assert images_in(pdf, tmp_path) == 1  # the direct work, as a picture
    # Each child's voice in its own section, before the adults' views.
    assert text.index("Maja Nowak (child, 14)") < text.index("Leo Carter (child, 9)") < text.index(
        "Views of the parents and carers")


def test_the_family_copy_leaves_out_what_is_not_shared(demo_db: Database, demo_case_id: str, tmp_path: Path) -> None:
    with demo_db.session() as s:
        a = A.current_assessment(s, demo_case_id)
        assert a is not None
        a.status = "draft"  # to mark things as the worker would before authorisation
        people = {p.given_name: p.id for p in list_people(s, demo_case_id)}
        data = A.assessment_form_data(s, a)
        A.update_assessment(s, a.id, {**data, "history": data["history"] + " SENTINEL-SECTION",
                                      "not_shared_sections": ["history"],
                                      "not_shared_reason": "Police information, not for the family."},
                            user="t", today=TODAY)
        leo = next(v for v in P.parts_of(s, a.id, "child_voices") if v.child_id == people["Leo"])
        P.update_part(s, "child_voices", leo.id, {**P.part_form_data(s, leo), "words": leo.words + " SENTINEL-VOICE",
                                                  "not_shared": True, "not_shared_reason": "Leo asked."},
                      user="t", today=TODAY)
        dean = next(v for v in P.parts_of(s, a.id, "adult_views") if v.person_id == people["Dean"])
        P.update_part(s, "adult_views", dean.id, {**P.part_form_data(s, dean), "views": "SENTINEL-ADULT",
                                                  "not_shared": True, "not_shared_reason": "Risk."}, user="t")
        P.add_part(s, a.id, "needs", {"description": "SENTINEL-NEED", "outcome_areas": ["crime_prevention"],
                                      "person_ids": [people["Dean"]], "not_shared": True,
                                      "not_shared_reason": "Police."}, user="t")
        pro = P.parts_of(s, a.id, "professional_views")[0]
        P.update_part(s, "professional_views", pro.id, {**P.part_form_data(s, pro), "views": "SENTINEL-PRO",
                                                        "not_shared": True, "not_shared_reason": "Health."}, user="t")
        assert len(s.scalars(select(Restriction).where(Restriction.withheld_from_family.is_(True))).all()) == 5
    full = " ".join(pdf_text(render(demo_db, demo_case_id, False), tmp_path).split())
    family = " ".join(pdf_text(render(demo_db, demo_case_id, True), tmp_path).split())
    for sentinel in SENTINELS:
        assert sentinel in full, sentinel
        assert sentinel not in family, sentinel
    assert "Crime prevention" in full and "Crime prevention" not in family  # its area has no other need
    # Agnieszka's address is kept from Dean, so from any copy the family may pass on.
    assert "42 Willow Road" in full and "42 Willow Road" not in family
    assert "Early Help Assessment – family copy" in family and "family's copy" in family
    assert "History and long-standing difficulties" not in family
    assert "I want to go to drama club again." in family  # what is shared still is


def test_render_from_the_command_line(demo_db: Database, db_path: Path, tmp_path: Path, passphrase: str) -> None:
    demo_db.close()
    env = {k: v for k, v in os.environ.items() if not k.startswith("TAFDESK_")}
    env["TAFDESK_PASSPHRASE"] = passphrase
    out = tmp_path / "family.pdf"
    r = subprocess.run([sys.executable, "-m", "tafdesk", "render", "EH-2026-0001", "--db", str(db_path),
                        "--doc", "assessment", "--family-copy", "--out", str(out)],
                       capture_output=True, text=True, env=env, timeout=120, check=False)
    assert r.returncode == 0, r.stderr
    assert "family copy" in pdf_text(out.read_bytes(), tmp_path)
