"""The plan and minutes PDFs of the demo family, read back as text."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tafdesk.documents.registry import RenderOptions, document_kinds
from tafdesk.models.errors import NotFound
from tafdesk.models.services import meetings as M
from tafdesk.models.storage import Database


def text_of(pdf: bytes, tmp_path: Path) -> str:
    f = tmp_path / "d.pdf"
    f.write_bytes(pdf)
    out = subprocess.run(["pdftotext", str(f), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(out.split())


def test_plan_pdf(demo_db: Database, demo_case_id: str, tmp_path: Path) -> None:
    with demo_db.session() as s:
        current = text_of(document_kinds()["plan"].render(s, demo_case_id, RenderOptions()), tmp_path)
        first = text_of(document_kinds()["plan"].render(s, demo_case_id, RenderOptions(meeting_number=1)), tmp_path)
    assert "Family plan for the Carter-Nowak family" in current and "2, agreed 19 November 2026" in current
    assert "1. For Maja Nowak: Maja attends school every day and has time for herself." in current
    assert "Take Maja to drama club on Thursdays." in current and "Barbara Nowak" in current
    assert "Attendance above 92% over each four-week period." in current
    assert "Page 1 of 2" in current and "OFFICIAL-SENSITIVE" in current
    assert "1, agreed 8 October 2026" in first and "Not started" in first


def test_minutes_pdf_and_family_copy(demo_db: Database, demo_case_id: str, tmp_path: Path) -> None:
    with demo_db.session() as s:
        meeting = M.meeting_by_number(s, demo_case_id, 2)
        M.add_minute(s, meeting.id, "worries", "SENTINEL-not-for-the-family", user="t", shareable=False)
        full = text_of(document_kinds()["minutes"].render(s, demo_case_id, RenderOptions(meeting_number=2)), tmp_path)
        family = text_of(document_kinds()["minutes"].render(
            s, demo_case_id, RenderOptions(meeting_number=2, family_copy=True)), tmp_path)
        with pytest.raises(NotFound, match="no meeting 7"):
            document_kinds()["minutes"].render(s, demo_case_id, RenderOptions(meeting_number=7))
    assert "TAF review meeting: minutes" in full and "Thursday, 19 November 2026 at 15:30" in full
    assert "Priya Shah" in full and "Apologies, report sent" in full
    assert full.count("Maja: 'Things are a bit better. I'm going to drama again.'") == 1
    assert "Review of each action" in full and "Done (Green)" in full
    assert "The next review meeting: Thursday, 31 December 2026." in full
    assert "SENTINEL-not-for-the-family" in full and "SENTINEL-not-for-the-family" not in family
