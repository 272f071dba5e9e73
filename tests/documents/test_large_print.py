"""Large print for every family document, and tables whose words are never split for want of room."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from reportlab.platypus import Paragraph, Table

from tafdesk.documents.fit import fit_tables
from tafdesk.documents.produce import kind_by_key, render_document
from tafdesk.documents.registry import RenderOptions
from tafdesk.documents.styles import large_print, print_scale, stylesheet
from tafdesk.models.storage import Database

FAMILY = [("plan", {}), ("assessment", {"family_copy": True}), ("minutes", {"family_copy": True}),
          ("scaling", {"family_copy": True}), ("genogram", {"family_copy": True}), ("feedback-form", {})]


def _word_heights(pdf: bytes, tmp_path: Path, word: str) -> list[float]:
    path = tmp_path / "x.pdf"
    path.write_bytes(pdf)
    html = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return [float(m[1]) - float(m[0]) for m in re.findall(
        r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">' + re.escape(word) + "</word>", html)]


@pytest.mark.parametrize(("key", "opts"), FAMILY)
def test_large_print_makes_each_family_document_larger(key: str, opts: dict, demo_db: Database, demo_case_id: str,
                                                       tmp_path: Path) -> None:
    kind = kind_by_key(key)
    with demo_db.session() as s:
        normal = render_document(s, demo_case_id, kind, RenderOptions(**opts))
        large = render_document(s, demo_case_id, kind, RenderOptions(large_print=True, **opts))
    word = {"genogram": "Maja", "feedback-form": "Colour", "plan": "Version", "assessment": "Started",
            "minutes": "Venue", "scaling": "Each"}[key]
    small_h, big_h = _word_heights(normal, tmp_path, word), _word_heights(large, tmp_path, word)
    assert small_h and big_h, word
    assert max(big_h) >= max(small_h) * 1.2, (key, small_h, big_h)


def test_the_scale_applies_only_inside_the_block() -> None:
    assert print_scale() == 1.0
    with large_print():
        assert stylesheet()["body"].fontSize == pytest.approx(16.0)
        assert print_scale() > 1.5
    assert stylesheet()["body"].fontSize == 10.5


def test_a_narrow_column_is_widened_to_its_longest_word() -> None:
    st = stylesheet(16)
    t = Table([[Paragraph("Progress", st["label"]), Paragraph("a b c d e f g h i j k l m n o p", st["cell"])]],
              colWidths=[40, 300])
    fit_tables([t])
    assert t._colWidths[0] >= Paragraph("Progress", st["label"]).minWidth() + 12
    assert sum(t._colWidths) == pytest.approx(340)
