""""How was it for you?": the family's feedback at the end of early help, 1 (not at all) to 5 (very much)."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import Field, ValidationInfo, field_validator, model_validator
from sqlalchemy import select
from sqlalchemy.orm import Session

from ...i18n.catalog import N_, S_
from ..errors import NotFound, ValidationFailed
from ..orm import FamilyFeedback, Person
from ..schemas.forms import Form, Problem, _not_future
from ..schemas.types import CleanText, Id
from .audit import record_event
from .cases import validate

QUESTIONS = {
    "respected": N_("Were you treated with respect?"),
    "listened_to": N_("Did we listen to you?"),
    "helped": N_("Did we help with what mattered to you?"),
}
Score = int | None


class FeedbackForm(Form):
    person_id: Id | None = None  # who answered; None: the family together
    given_on: date
    respected: Score = Field(None, ge=1, le=5)
    listened_to: Score = Field(None, ge=1, le=5)
    helped: Score = Field(None, ge=1, le=5)
    comments: CleanText = ""

    @field_validator("person_id", "respected", "listened_to", "helped", mode="before")
    @classmethod
    def _empty(cls, value: object) -> object:
        return None if value in ("", "family") else value

    @field_validator("given_on")
    @classmethod
    def _on(cls, value: date, info: ValidationInfo) -> date:
        return _not_future(value, info, S_("The day the feedback was given cannot be in the future."))  # type: ignore[return-value]

    @model_validator(mode="after")
    def _something(self) -> FeedbackForm:
        if self.respected is None and self.listened_to is None and self.helped is None and not self.comments:
            raise Problem(S_("Record at least one answer or what the family said."), "comments")
        return self


FEEDBACK_FIELDS = tuple(FeedbackForm.model_fields)


def feedback_form_data(f: FamilyFeedback) -> dict[str, Any]:
    return {k: getattr(f, k) for k in FEEDBACK_FIELDS}


def feedback_of(session: Session, case_id: str) -> list[FamilyFeedback]:
    return list(session.scalars(select(FamilyFeedback).where(FamilyFeedback.case_id == case_id)
                                .order_by(FamilyFeedback.given_on, FamilyFeedback.id)))


def _check(session: Session, case_id: str, form: FeedbackForm) -> None:
    if form.person_id:
        p = session.get(Person, form.person_id)
        if p is None or p.case_id != case_id:
            raise ValidationFailed({"person_id": S_("Choose a member of this family.")})


def record_feedback(session: Session, case_id: str, data: dict[str, Any], *, user: str, today: date | None = None,
                    feedback_id: str | None = None) -> FamilyFeedback:
    form: FeedbackForm = validate(FeedbackForm, data, today=today)
    _check(session, case_id, form)
    f = FamilyFeedback(case_id=case_id, **form.model_dump())
    if feedback_id:
        f.id = feedback_id
    session.add(f)
    session.flush()
    record_event(session, user=user, action="create", case_id=case_id, entity="family_feedback", entity_id=f.id)
    return f


def update_feedback(session: Session, feedback_id: str, data: dict[str, Any], *, user: str,
                    today: date | None = None) -> FamilyFeedback:
    f = session.get(FamilyFeedback, feedback_id)
    if f is None:
        raise NotFound("That feedback is no longer there.")
    form: FeedbackForm = validate(FeedbackForm, data, today=today)
    _check(session, f.case_id, form)
    for k, value in form.model_dump().items():
        setattr(f, k, value)
    session.flush()
    record_event(session, user=user, action="update", case_id=f.case_id, entity="family_feedback", entity_id=f.id)
    return f


def remove_feedback(session: Session, feedback_id: str, *, user: str) -> None:
    f = session.get(FamilyFeedback, feedback_id)
    if f is None:
        return
    session.delete(f)
    session.flush()
    record_event(session, user=user, action="delete", case_id=f.case_id, entity="family_feedback",
                 entity_id=feedback_id)
