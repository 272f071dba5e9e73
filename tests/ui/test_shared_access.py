"""The GUI's one path for changes and its case list respect access in a shared database (a
TAF member signed in with their own PostgreSQL login); with the local file nothing changes."""

from __future__ import annotations

import secrets
from typing import Any

import pytest
from sqlalchemy import select

from tafdesk.models.case_access import AccessDenied, viewer_for_login
from tafdesk.models.orm import Action, Outcome, Person, PlanVersion
from tafdesk.models.services.people import person_form_data
from tafdesk.models.services.plan import action_form_data
from tafdesk.models.services.users import add_user
from tafdesk.ui.case_list import CaseListPanel
from tafdesk.ui.ops import CaseOps
from tafdesk.ui.plan_entities import ACTIONS
from tafdesk.ui.undo import PEOPLE, Change
from tests.models.shared.conftest import Opener, login_as, open_same_db  # noqa: F401
from tests.models.shared.test_access import _build

pytestmark = pytest.mark.gui


def test_a_team_member_sees_and_changes_only_what_they_may(qtbot: Any, open_same_db: Opener) -> None:  # noqa: F811
    w = _build(open_same_db())
    if w.db.engine.dialect.name == "sqlite":
        ops = CaseOps(w.db, "tester")
        assert ops.viewer is None and ops.open_refusal(w.other) is None  # the local file: every case
        panel = CaseListPanel(ops)
        qtbot.addWidget(panel)
        panel.reload()
        assert panel.model.rowCount() == 2
        return
    login = f"daniel_{secrets.token_hex(4)}"
    with w.db.session() as s:
        add_user(s, {"login": login, "name": "Daniel Osei", "role": "practitioner",
                     "professional": "Daniel Osei"}, viewer=viewer_for_login(s, "admin"), user="admin")
        maja = s.scalar(select(Person).where(Person.given_name == "Maja"))
        his = s.scalar(select(Action).join(Outcome, Outcome.id == Action.outcome_id)
                       .join(PlanVersion, PlanVersion.id == Outcome.plan_version_id)
                       .where(Action.owner_professional_id == w.prof["Daniel Osei"],
                              PlanVersion.status != "superseded"))
        assert maja is not None and his is not None
        maja_id, maja_data, action_id, action_data = maja.id, person_form_data(maja), his.id, action_form_data(his)
    db = login_as(open_same_db, w.db, login)
    try:
        ops = CaseOps(db, "ignored")
        assert ops.viewer is not None and ops.user == login  # the audit trail names the login
        panel = CaseListPanel(ops)
        qtbot.addWidget(panel)
        panel.reload()
        assert [panel.model.case_id(r) for r in range(panel.model.rowCount())] == [w.demo]
        refusal = ops.open_refusal(w.other)
        assert refusal is not None and refusal.startswith("You cannot open this case.")
        assert ops.open_refusal(w.demo) is None
        problem = ops.apply(Change("update", PEOPLE, w.demo, record_id=maja_id,
                                   after=maja_data | {"known_as": "Mai"}))
        assert isinstance(problem, AccessDenied) and "plan actions you own" in str(problem)
        problem = ops.apply(Change("update", ACTIONS, w.demo, record_id=action_id,
                                   after=action_data | {"status": "done"}))
        assert problem is None
    finally:
        db.close()
    with w.db.session() as s:
        assert s.get(Person, maja_id).known_as != "Mai"
        assert s.get(Action, action_id).status == "done"
