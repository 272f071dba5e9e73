"""The team editor on a shared PostgreSQL database: a lead professional who tries to change the
agency of a professional who also works with a family they do not lead is told why in one
sentence, and what they typed stays (``models/directory_access.py``, migration 0011)."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QLineEdit
from sqlalchemy import text

from tafdesk.models.directory_access import PROFESSIONAL_REFUSED
from tafdesk.models.services.team import add_to_team
from tafdesk.models.storage import open_url
from tafdesk.ui.ops import CaseOps
from tafdesk.ui.team_editor import TeamEditor
from tests.partnership import partnership

from .helpers import replace_text

pytestmark = pytest.mark.gui


def test_changing_a_shared_professionals_agency_is_refused_in_the_editor(qtbot: Any, pg_url: str) -> None:
    with partnership(pg_url) as shared:
        jo = shared.prof["Jo Bennett"]
        with shared.db.session() as s:  # Jo joins Tom's family's team too (she is in the demo family's)
            add_to_team(s, shared.other, {"name": "Jo Bennett", "agency_name": "Home-Start Riverside"},
                        user="tom", professional_id=jo)
        db = open_url(shared.url("tom"))
        try:
            editor = TeamEditor(CaseOps(db, "ignored"))
            qtbot.addWidget(editor)
            editor.set_case(shared.other)
            row = next(i for i in range(editor.list.count()) if editor.list.item(i).text().startswith("Jo Bennett"))
            editor.list.setCurrentRow(row)
            agency = editor.form.widget("agency_name")
            assert isinstance(agency, QLineEdit) and agency.text() == "Home-Start Riverside"
            replace_text(qtbot, agency, "Riverside Health Visiting Team")
            assert editor.flush() is False
            assert editor.form.summary.text() == f"This has not been saved. {PROFESSIONAL_REFUSED}"
            assert agency.text() == "Riverside Health Visiting Team"  # what was typed is kept
            assert editor.status.text() == "Not saved: the reason is given above. What you typed is kept."
            # Her phone is the lead's to change: with the agency put back, the save goes through.
            replace_text(qtbot, agency, "Home-Start Riverside")
            replace_text(qtbot, editor.form.widget("phone"), "01632 960333")
            assert editor.flush() is True
        finally:
            db.close()
        with shared.db.engine.connect() as con:
            row_ = con.execute(text("SELECT a.name, p.phone FROM professionals p JOIN agencies a "
                                    "ON a.id = p.agency_id WHERE p.id = :p"), {"p": jo}).one()
        assert tuple(row_) == ("Home-Start Riverside", "01632 960333")
