"""Family members: the children and adults of the family network."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import QWidget
from sqlalchemy.orm import Session

from ..models import vocab as v
from ..models.services.people import get_person, list_people, person_links
from . import labels as L
from .editor import RecordEditor, Row
from .forms import Field
from .undo import PEOPLE

DATE_HINT = "YYYY-MM-DD or DD/MM/YYYY"

PERSON_FIELDS = (
    Field("kind", "Child or adult", "choice", tuple(L.PERSON_KIND.items()), section="Who they are"),
    Field("given_name", "Given name"),
    Field("family_name", "Family name"),
    Field("known_as", "Known as", hint="The name they like to be called, if different"),
    Field("date_of_birth", "Date of birth", "date", hint=DATE_HINT),
    Field("sex", "Sex", "choice", tuple(L.SEX.items())),
    Field("gender", "Gender", hint="In their own words, if it differs from their sex"),
    Field("ethnicity", "Ethnicity"),
    Field("religion", "Religion"),
    Field("school_or_setting", "School or setting"),
    Field("first_language", "First language", hint="A language code: en, pl, ur, pa-Guru…",
          section="Language and needs"),
    Field("preferred_language", "Preferred language", hint="A language code: en, pl, ur, pa-Guru…"),
    Field("interpreter_needed", "Needs an interpreter", "check"),
    Field("communication_needs", "Communication needs", "multiline"),
    Field("access_needs", "Access needs", "multiline"),
    Field("address", "Address", "multiline", hint="Only when not living in a recorded household",
          section="Contact"),
    Field("phone", "Phone"),
    Field("email", "Email"),
    Field("notes", "Notes", "multiline", section="Notes"),
)


def person_row(p: Any, today: date) -> Row:
    if p.kind == v.PersonKind.CHILD:
        age = f", {L.age_on(p.date_of_birth, today)}" if p.date_of_birth else ""
        what = f"child{age}"
    else:
        what = "adult"
    if not p.in_household_network:
        what += ", not in the household network"
    return p.id, f"{p.display_name} ({what})"


class PeopleEditor(RecordEditor):
    entity = PEOPLE
    fields = PERSON_FIELDS
    title = "Family members"
    add_text = "Add family member"
    remove_text = "Remove family member"
    empty_hint = ("Choose a family member from the list to see and change their details, "
                  "or add one (Ctrl+Shift+F).")
    reuse_new_id = True

    def __init__(self, ops: Any, parent: QWidget | None = None) -> None:
        super().__init__(ops, parent)
        self.setAccessibleName("Family members editor")

    def load_rows(self, s: Session, case_id: str) -> list[Row]:
        today = date.today()
        return [person_row(p, today) for p in list_people(s, case_id)]

    def defaults(self) -> dict[str, Any]:
        return {"kind": v.PersonKind.CHILD.value, "sex": v.Sex.UNKNOWN.value,
                "first_language": "en", "preferred_language": "en"}

    def first_field(self) -> QWidget:
        return self.form.widget("given_name")

    def check_remove(self, s: Session, record_id: str) -> str | None:
        links = person_links(s, record_id)
        if not links:
            return None
        name = get_person(s, record_id).display_name
        return (f"{name} is not removed: the record links them to {', '.join(links)}, which would "
                "be deleted with them. Correct their details instead, or remove those records first.")
