"""The scaling PDF: charts and every score with its note, text extractable, fonts embedded."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

from tafdesk.documents.registry import RenderOptions, document_kinds
from tafdesk.documents.scaling import scaling_dto
from tafdesk.models.storage import Database

from .test_base import pdf_text


def test_scaling_pdf_of_the_demo_family(demo_db: Database, demo_case_id: str, tmp_path: Path) -> None:
    with demo_db.session() as s:
        dto = scaling_dto(s, demo_case_id)
        pdf = document_kinds()["scaling"].render(s, demo_case_id, RenderOptions(today=date(2026, 11, 23)))
    assert [p.person for p in dto.people] == ["Agnieszka Nowak"]
    assert dto.areas[0] == ("good_education", "Getting a good education")
    text = pdf_text(pdf, tmp_path)
    assert "Scaling scores and distance travelled" in text
    assert "Distance travelled from Assessment, 30 Sep 2026 to Review, 19 Nov 2026: average change +1.4" in text
    assert "Improved family" in text and "+0" in text and "+2" in text
    assert "Produced 23 November 2026" in text
    fonts = subprocess.run(["pdffonts", str(tmp_path / "doc.pdf")], capture_output=True, text=True,
                           check=True).stdout
    assert all(" yes " in ln for ln in fonts.splitlines()[2:] if ln.strip())
