"""Only a manager of the case authorises its assessment in a shared database; the lead
professional completes and amends it; the one user of a local file (no viewer) does all of it."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from tafdesk.models.case_access import AccessDenied, viewer_for_login
from tafdesk.models.orm import Assessment
from tafdesk.models.services import assessment as A

from .conftest import Opener
from .test_access import _build


def _amended(s, case_id: str, viewer) -> str:  # type: ignore[no-untyped-def]
    authorised = s.scalar(select(Assessment).where(Assessment.case_id == case_id,
                                                   Assessment.status == "authorised")
                             .order_by(Assessment.number.desc()).limit(1))
    new = A.amend_assessment(s, authorised.id, user="x", viewer=viewer, today=date(2026, 11, 20))
    A.mark_complete(s, new.id, user="x", viewer=viewer, today=date(2026, 11, 20))
    return new.id


def test_only_a_manager_of_the_case_authorises(open_same_db: Opener) -> None:
    w = _build(open_same_db())
    data = {"authorised_by": "Mel Grant", "authorised_on": date(2026, 11, 21)}
    refused = 0
    with w.db.session() as s:
        sarah = viewer_for_login(s, "sarah")
        aid = _amended(s, w.demo, sarah)  # the lead completes the amendment
        for login in ("sarah", "priya", "daniel", "tom", "admin"):
            with pytest.raises(AccessDenied):
                A.authorise(s, aid, data, user=login, viewer=viewer_for_login(s, login))
            refused += 1
        with pytest.raises(AccessDenied, match="Only a manager of this case's lead professional"):
            A.authorise(s, aid, data, user="sarah", viewer=sarah)
        assert s.get(Assessment, aid).status == "complete"
        for login in ("priya", "mel"):  # neither a TAF member nor a manager completes or amends
            with pytest.raises(AccessDenied):
                A.amend_assessment(s, aid, user=login, viewer=viewer_for_login(s, login))
            refused += 1
        A.authorise(s, aid, data, user="mel", viewer=viewer_for_login(s, "mel"))  # manages Sarah
        assert s.get(Assessment, aid).status == "authorised"
        aid2 = _amended(s, w.demo, sarah)
        A.authorise(s, aid2, data, user="lou", viewer=viewer_for_login(s, "lou"))  # the whole service
        assert s.get(Assessment, aid2).status == "authorised"
    assert refused == 7


def test_the_local_files_user_completes_and_authorises(open_same_db: Opener) -> None:
    w = _build(open_same_db())
    with w.db.session() as s:
        aid = _amended(s, w.demo, None)
        A.authorise(s, aid, {"authorised_by": "Mel Grant", "authorised_on": date(2026, 11, 21)}, user="me")
        assert s.get(Assessment, aid).status == "authorised"
