"""Form validation gives one plain message per field."""

from __future__ import annotations

from datetime import date

import pytest

from tafdesk.models.errors import ValidationFailed
from tafdesk.models.schemas.forms import ConsentForm, PersonForm, ProfessionalForm
from tafdesk.models.services.cases import validate

TODAY = date(2026, 11, 23)


def problems(form, data):  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationFailed) as info:
        validate(form, data, today=TODAY)
    return info.value.problems


def test_person_needs_a_name() -> None:
    assert problems(PersonForm, {"kind": "adult"}) == {"given_name": "Give at least a first name or a family name."}


def test_person_date_of_birth_in_the_future_is_refused() -> None:
    p = problems(PersonForm, {"kind": "child", "given_name": "Amy", "date_of_birth": "2026-11-24"})
    assert p == {"date_of_birth": "A date of birth cannot be in the future."}


def test_person_date_of_birth_today_is_accepted() -> None:
    form = validate(PersonForm, {"kind": "child", "given_name": "Amy", "date_of_birth": "2026-11-23"}, today=TODAY)
    assert form.date_of_birth == TODAY


def test_unreadable_date_email_and_phone() -> None:
    p = problems(PersonForm, {"kind": "adult", "given_name": "A", "date_of_birth": "31/02/1990",
                              "email": "nobody-at-example", "phone": "call me"})
    assert p["date_of_birth"].startswith("Give a date as YYYY-MM-DD")
    assert "email address" in p["email"]
    assert "digits" in p["phone"]


def test_a_child_of_25_or_more_is_refused() -> None:
    p = problems(PersonForm, {"kind": "child", "given_name": "Old", "date_of_birth": "2001-11-23"})
    assert "record them as an adult" in p["date_of_birth"]


def test_bad_language_code() -> None:
    assert "language code" in problems(PersonForm, {"kind": "adult", "given_name": "A", "first_language": "Polish!"})[
        "first_language"]


def test_professional_needs_a_name() -> None:
    assert problems(ProfessionalForm, {"name": "  "}) == {"name": "Give the professional's name."}


def test_consent_scope_is_required() -> None:
    p = problems(ConsentForm, {"person_id": "p1", "given_on": "2026-11-01", "method": "written"})
    assert "with whom information may be shared" in p["scope_notes"]


def test_consent_withdrawal_needs_notes_and_a_sane_date() -> None:
    base = {"person_id": "p1", "given_on": "2026-11-01", "method": "verbal", "share_with_all_taf": True}
    assert "what follows" in problems(ConsentForm, {**base, "withdrawn_on": "2026-11-10"})["withdrawal_notes"]
    assert "before it was given" in problems(
        ConsentForm, {**base, "withdrawn_on": "2026-10-01", "withdrawal_notes": "x"})["withdrawn_on"]
    assert "future" in problems(ConsentForm, {**base, "given_on": "2027-01-01"})["given_on"]


def test_unknown_method_names_the_choices() -> None:
    p = problems(ConsentForm, {"person_id": "p1", "given_on": "2026-11-01", "method": "telepathy",
                               "share_with_all_taf": True})
    assert p["method"].startswith("Choose one of") and "'written'" in p["method"]
