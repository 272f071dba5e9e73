"""Every document the app can make, for the demo family: it renders, every font is embedded
(no reportlab default Helvetica), and its text can be extracted."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tafdesk.documents.registry import RenderOptions, document_kinds
from tafdesk.models.storage import Database

KINDS = sorted(document_kinds())
# Documents about how a case ended need that ending recorded first.
ENDING_FOR = {"closure-letter": "closure", "closure-summary": "closure", "step-up-pack": "step_up"}


def test_there_are_documents_to_check() -> None:
    assert {"assessment", "plan", "minutes", "genogram", "ecomap"} <= set(KINDS)


@pytest.mark.parametrize("key", KINDS)
def test_document_renders_with_embedded_fonts(key: str, demo_db: Database, demo_case_id: str, tmp_path: Path) -> None:
    kind = document_kinds()[key]
    with demo_db.session() as s:
        if key in ENDING_FOR:
            from tafdesk.models.services.endings import end_case

            end_case(s, demo_case_id, {"kind": ENDING_FOR[key], "decided_on": "2026-11-20",
                                       "reason": "The plan's outcomes are met.", "manager": "Mark Ellis",
                                       "summary": "Young carers support, routines and a GP review."}, user="t")
        pdf = kind.render(s, demo_case_id, RenderOptions())
    path = tmp_path / f"{key}.pdf"
    path.write_bytes(pdf)
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    rows = [ln for ln in fonts.splitlines()[2:] if ln.strip()]
    assert rows, "no fonts at all"
    not_embedded = [ln.split()[0] for ln in rows if ln.split()[-5] != "yes"]
    assert not_embedded == [], f"{key}: fonts not embedded: {not_embedded}"
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert any(name in text for name in ("Carter", "Nowak", "Maja"))
