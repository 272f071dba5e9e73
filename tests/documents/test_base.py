"""The shared page template: marking, "Page x of y", embedded fonts, extractable text."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

from reportlab.platypus import Paragraph

from tafdesk.documents.base import PageInfo, render_pdf
from tafdesk.documents.styles import stylesheet


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def test_every_page_is_marked_and_numbered(tmp_path: Path) -> None:
    st = stylesheet()
    story = [Paragraph("Żaneta’s plan — “quoted” text", st["title"])]
    story += [Paragraph(f"Paragraph {i} of a long document.", st["body"]) for i in range(120)]
    pdf = render_pdf(PageInfo("Test document", "Carter-Nowak family", "EH-2026-0001",
                              produced_on=date(2026, 11, 23)), story)
    text = pdf_text(pdf, tmp_path)
    pages = text.split("\f")[:-1]
    assert len(pages) >= 3
    for number, page in enumerate(pages, start=1):
        assert page.count("OFFICIAL-SENSITIVE") == 2
        assert f"Page {number} of {len(pages)}" in page
        assert "Carter-Nowak family · EH-2026-0001" in page
    assert "Żaneta’s plan — “quoted” text" in pages[0]
    assert "Produced 23 November 2026" in pages[0]
    fonts = subprocess.run(["pdffonts", str(tmp_path / "doc.pdf")], capture_output=True, text=True,
                           check=True).stdout
    rows = [ln for ln in fonts.splitlines()[2:] if ln.strip()]
    assert rows and all(" yes " in ln for ln in rows)  # every font embedded (emb column)
    assert any("NotoSans-Bold" in ln for ln in rows)


def test_a_child_facing_document_can_leave_the_marking_out(tmp_path: Path) -> None:
    pdf = render_pdf(PageInfo("My plan", "Maja", marking=""), [Paragraph("Hello", stylesheet(16)["body"])])
    text = pdf_text(pdf, tmp_path)
    assert "OFFICIAL-SENSITIVE" not in text and "Page 1 of 1" in text
