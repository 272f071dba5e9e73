"""Family members: the children and adults of the family network."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import QWidget
from sqlalchemy.orm import Session

from ..i18n.ui import N_, _
from ..models import vocab as v
from ..models.services.people import get_person, list_people, person_links
from . import labels as L
from .editor import RecordEditor, Row
from .forms import Field
from .undo import PEOPLE

DATE_HINT = N_("YYYY-MM-DD or DD/MM/YYYY")

PERSON_FIELDS = (
    Field("kind", N_("Child or adult"), "choice", tuple(L.PERSON_KIND.items()),
          section=N_("Who they are")),
    Field("given_name", N_("Given name")),
    Field("family_name", N_("Family name")),
    Field("known_as", N_("Known as"), hint=N_("The name they like to be called, if different")),
    Field("date_of_birth", N_("Date of birth"), "date", hint=DATE_HINT),
    Field("sex", N_("Sex"), "choice", tuple(L.SEX.items())),
    Field("gender", N_("Gender"), hint=N_("In their own words, if it differs from their sex")),
    Field("ethnicity", N_("Ethnicity")),
    Field("religion", N_("Religion")),
    Field("school_or_setting", N_("School or setting")),
    Field("first_language", N_("First language"), hint=N_("A language code: en, pl, ur, pa-Guru…"),
          section=N_("Language and needs")),
    Field("preferred_language", N_("Preferred language"), hint=N_("A language code: en, pl, ur, pa-Guru…")),
    Field("interpreter_needed", N_("Needs an interpreter"), "check"),
    Field("communication_needs", N_("Communication needs"), "multiline"),
    Field("access_needs", N_("Access needs"), "multiline"),
    Field("address", N_("Address"), "multiline", hint=N_("Only when not living in a recorded household"),
          section=N_("Contact")),
    Field("phone", N_("Phone")),
    Field("email", N_("Email")),
    Field("notes", N_("Notes"), "multiline", section=N_("Notes")),
)


def person_row(p: Any, today: date) -> Row:
    name = p.display_name
    outside = not p.in_household_network
    if p.kind == v.PersonKind.CHILD and p.date_of_birth:
        age = L.age_on(p.date_of_birth, today)
        text = (_("{name} (child, {age}, not in the household network)", name=name, age=age) if outside
                else _("{name} (child, {age})", name=name, age=age))
    elif p.kind == v.PersonKind.CHILD:
        text = (_("{name} (child, not in the household network)", name=name) if outside
                else _("{name} (child)", name=name))
    else:
        text = (_("{name} (adult, not in the household network)", name=name) if outside
                else _("{name} (adult)", name=name))
    return p.id, text


class PeopleEditor(RecordEditor):
    entity = PEOPLE
    fields = PERSON_FIELDS
    title = N_("Family members")
    add_text = N_("Add family member")
    remove_text = N_("Remove family member")
    empty_hint = N_("Choose a family member from the list to see and change their details, "
                    "or add one (Ctrl+Shift+F).")
    reuse_new_id = True

    def __init__(self, ops: Any, parent: QWidget | None = None) -> None:
        super().__init__(ops, parent)
        self.setAccessibleName(_("Family members editor"))

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
        return _("{name} is not removed: the record links them to {links}, which would be deleted "
                 "with them. Correct their details instead, or remove those records first.",
                 name=name, links=", ".join(links))
