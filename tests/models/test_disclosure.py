"""What is withheld from whom, from the restrictions table."""

from __future__ import annotations

from sqlalchemy import select

from tafdesk.models.disclosure import FAMILY, FULL_RECORD, Audience, set_family_mark, withheld_from
from tafdesk.models.orm import Agency, Restriction
from tafdesk.models.services.people import list_people
from tafdesk.models.storage import Database


def test_audiences_see_what_is_not_withheld_from_them(demo_db: Database, demo_case_id: str) -> None:
    with demo_db.session() as s:
        people = {p.given_name: p.id for p in list_people(s, demo_case_id)}
        agency_id = s.scalar(select(Agency.id).where(Agency.name == "Riverside Health Visiting Team"))
        set_family_mark(s, demo_case_id, "needs", "need-1", None, withheld=True, reason="Police information")
        s.add(Restriction(case_id=demo_case_id, entity="adult_views", entity_id="view-1", field="views",
                          withheld_from_agency_id=agency_id, reason="Health only"))
        s.flush()
        family = withheld_from(s, demo_case_id, FAMILY)
        dean = withheld_from(s, demo_case_id, Audience(person_id=people["Dean"]))
        gran = withheld_from(s, demo_case_id, Audience(person_id=people["Barbara"]))
        agency = withheld_from(s, demo_case_id, Audience(agency_id=agency_id))
        full = withheld_from(s, demo_case_id, FULL_RECORD)
        # The demo keeps Agnieszka's address from Dean: from him, and so from any copy for the family.
        assert dean.field("people", people["Agnieszka"], "address")
        assert family.field("people", people["Agnieszka"], "address")
        assert not gran.field("people", people["Agnieszka"], "address")
        assert family.value("people", people["Agnieszka"], "address", "42 Willow Road") == ""
        assert not family.field("people", people["Agnieszka"], "phone")
        # A record kept from the family is kept from each member, and its fields with it.
        assert family.record("needs", "need-1") and gran.record("needs", "need-1")
        assert family.field("needs", "need-1", "description")
        assert agency.field("adult_views", "view-1", "views") and not family.field("adult_views", "view-1", "views")
        assert not full and family
        set_family_mark(s, demo_case_id, "needs", "need-1", None, withheld=False)
        assert not withheld_from(s, demo_case_id, FAMILY).record("needs", "need-1")
