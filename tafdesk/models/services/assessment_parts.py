"""The parts of an assessment: each child's voice and direct work, the adults' and the
professionals' views, and the needs. Every change checks that the assessment is not locked.

Each part can be marked as not to be shared with the family (``not_shared`` and its reason in
the form data); the mark is kept in ``restrictions`` for every document to honour.
"""

from __future__ import annotations

import io
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ...i18n.catalog import S_
from ..disclosure import family_mark, forget_family_marks, set_family_mark
from ..errors import NotFound, ValidationFailed
from ..orm import (
    AdultView,
    Assessment,
    Attachment,
    CaseProfessional,
    ChildVoice,
    Need,
    Person,
    ProfessionalView,
)
from ..schemas.assessment import (
    AdultViewForm,
    AttachmentForm,
    ChildVoiceForm,
    NeedForm,
    ProfessionalViewForm,
)
from .assessment import after_edit, check_editable, get_assessment
from .audit import record_event
from .cases import validate

IMAGE_TYPES = {"PNG": "image/png", "JPEG": "image/jpeg", "GIF": "image/gif", "BMP": "image/bmp",
               "TIFF": "image/tiff", "WEBP": "image/webp"}
SHARE_FIELDS = ("not_shared", "not_shared_reason")
PARTS: dict[str, tuple[type[Any], type[Any]]] = {
    "child_voices": (ChildVoice, ChildVoiceForm),
    "adult_views": (AdultView, AdultViewForm),
    "professional_views": (ProfessionalView, ProfessionalViewForm),
    "needs": (Need, NeedForm),
}


def _table(cls: type[Any]) -> str:
    return cls.__tablename__  # type: ignore[no-any-return]


def get_part(session: Session, cls: type[Any], part_id: str) -> Any:
    row = session.get(cls, part_id)
    if row is None:
        raise NotFound("That part of the assessment is no longer in the record.")
    return row


def part_form_data(session: Session, row: Any) -> dict[str, Any]:
    """A part as its editor shows it, with its "not shared with the family" mark."""
    form = PARTS[_table(type(row))][1]
    data = {f: getattr(row, f) for f in form.model_fields if f not in SHARE_FIELDS}
    if isinstance(row, ChildVoice):
        data["seen_alone"] = {True: "yes", False: "no"}.get(row.seen_alone, "")  # type: ignore[arg-type]
    reason = family_mark(session, _table(type(row)), row.id)
    data["not_shared"] = reason is not None
    data["not_shared_reason"] = reason or ""
    return data


def _validated(form_cls: type[Any], data: dict[str, Any], today: date | None) -> Any:
    clean = dict(data)
    if form_cls is ChildVoiceForm and clean.get("seen_alone") in ("", None):
        clean["seen_alone"] = None
    return validate(form_cls, clean, today=today)


def _check_people(session: Session, a: Assessment, form: Any) -> None:
    ids: list[str] = []
    field = ""
    if isinstance(form, AdultViewForm):
        ids, field = [form.person_id], "person_id"
    elif isinstance(form, NeedForm):
        ids, field = list(form.person_ids), "person_ids"
    if ids:
        found = set(session.scalars(select(Person.id).where(Person.case_id == a.case_id, Person.id.in_(ids))))
        if set(ids) - found:
            raise ValidationFailed({field: S_("Choose members of this family.")})
    if isinstance(form, ProfessionalViewForm):
        member = session.scalar(select(CaseProfessional.id).where(
            CaseProfessional.case_id == a.case_id, CaseProfessional.professional_id == form.professional_id))
        if member is None:
            raise ValidationFailed({"professional_id": S_("Choose a member of the team around the family.")})


def add_part(session: Session, assessment_id: str, table: str, data: dict[str, Any], *, user: str,
             today: date | None = None, part_id: str | None = None) -> Any:
    """Add an adult's view, a professional's view or a need (a child's voice comes by itself)."""
    cls, form_cls = PARTS[table]
    a = get_assessment(session, assessment_id)
    check_editable(a)
    form = _validated(form_cls, data, today)
    _check_people(session, a, form)
    values = form.model_dump(exclude=set(SHARE_FIELDS))
    if cls is AdultView and session.scalar(select(AdultView.id).where(
            AdultView.assessment_id == a.id, AdultView.person_id == form.person_id)):
        raise ValidationFailed({"person_id": S_("This person's views are already in the assessment.")})
    if cls is Need:
        values["position"] = (session.scalar(select(func.max(Need.position)).where(
            Need.assessment_id == a.id)) or 0) + 1
    row = cls(case_id=a.case_id, assessment_id=a.id, **values)
    if part_id:
        row.id = part_id
    session.add(row)
    session.flush()
    set_family_mark(session, a.case_id, table, row.id, None, withheld=form.not_shared, reason=form.not_shared_reason)
    after_edit(session, a)
    record_event(session, user=user, action="create", case_id=a.case_id, entity=table, entity_id=row.id)
    return row


def update_part(session: Session, table: str, part_id: str, data: dict[str, Any], *, user: str,
                today: date | None = None) -> Any:
    cls, form_cls = PARTS[table]
    row = get_part(session, cls, part_id)
    a = get_assessment(session, row.assessment_id)
    check_editable(a)
    form = _validated(form_cls, data, today)
    _check_people(session, a, form)
    values = form.model_dump(exclude=set(SHARE_FIELDS))
    if cls is ChildVoice:
        values.pop("child_id", None)
    changed = [k for k, val in values.items() if getattr(row, k) != val]
    for key in changed:
        setattr(row, key, values[key])
    set_family_mark(session, a.case_id, table, row.id, None, withheld=form.not_shared, reason=form.not_shared_reason)
    session.flush()
    after_edit(session, a)
    if changed:
        record_event(session, user=user, action="update", case_id=a.case_id, entity=table, entity_id=row.id,
                     detail=",".join(changed))
    return row


def remove_part(session: Session, table: str, part_id: str, *, user: str) -> None:
    cls, _form = PARTS[table]
    row = session.get(cls, part_id)
    if row is None:
        return
    a = get_assessment(session, row.assessment_id)
    check_editable(a)
    if cls is ChildVoice:
        raise ValidationFailed({"": S_("Every child has a voice section; if the child's views could not be "
                                    "gathered, record the reason instead.")})
    forget_family_marks(session, table, part_id)
    session.delete(row)
    session.flush()
    after_edit(session, a)
    record_event(session, user=user, action="delete", case_id=a.case_id, entity=table, entity_id=part_id)


def parts_of(session: Session, assessment_id: str, table: str) -> list[Any]:
    cls = PARTS[table][0]
    order = (cls.position, cls.id) if cls is Need else (cls.id,)
    return list(session.scalars(select(cls).where(cls.assessment_id == assessment_id).order_by(*order)))


# Direct work with children: images kept inside the encrypted database.

def image_type(data: bytes) -> str | None:
    """The media type of an image file, judged from its content; None if it is not an image."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as img:
            kind = img.format
            img.verify()
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        return None
    return IMAGE_TYPES.get(kind or "")


def attachment_form_data(att: Attachment) -> dict[str, Any]:
    return {"child_voice_id": att.child_voice_id, "filename": att.filename, "caption": att.caption,
            "data": att.data}


def add_attachment(session: Session, case_id: str, data: dict[str, Any], *, user: str,
                   attachment_id: str | None = None) -> Attachment:
    form: AttachmentForm = validate(AttachmentForm, data)
    voice = get_part(session, ChildVoice, form.child_voice_id)
    if voice.case_id != case_id:
        raise ValidationFailed({"child_voice_id": S_("Choose a child of this family.")})
    check_editable(get_assessment(session, voice.assessment_id))
    media = image_type(form.data)
    if media is None:
        raise ValidationFailed({"data": S_("{file} is not a picture tafdesk can read; add a photo or "
                                           "scan as PNG or JPEG.", file=form.filename)})
    att = Attachment(case_id=case_id, child_voice_id=voice.id, filename=form.filename, media_type=media,
                     caption=form.caption, data=form.data)
    if attachment_id:
        att.id = attachment_id
    session.add(att)
    session.flush()
    record_event(session, user=user, action="create", case_id=case_id, entity="attachments", entity_id=att.id,
                 detail=form.filename)
    return att


def update_attachment(session: Session, attachment_id: str, data: dict[str, Any], *, user: str) -> Attachment:
    att = session.get(Attachment, attachment_id)
    if att is None:
        raise NotFound("That piece of direct work is no longer in the record.")
    voice = get_part(session, ChildVoice, att.child_voice_id)
    check_editable(get_assessment(session, voice.assessment_id))
    form: AttachmentForm = validate(AttachmentForm, {**attachment_form_data(att), **data})
    att.caption = form.caption
    att.filename = form.filename
    session.flush()
    record_event(session, user=user, action="update", case_id=att.case_id, entity="attachments", entity_id=att.id)
    return att


def remove_attachment(session: Session, attachment_id: str, *, user: str) -> None:
    att = session.get(Attachment, attachment_id)
    if att is None:
        return
    if att.child_voice_id:
        voice = session.get(ChildVoice, att.child_voice_id)
        if voice is not None:
            check_editable(get_assessment(session, voice.assessment_id))
    session.delete(att)
    session.flush()
    record_event(session, user=user, action="delete", case_id=att.case_id, entity="attachments", entity_id=attachment_id)


def attachments_of(session: Session, child_voice_id: str) -> list[Attachment]:
    return list(session.scalars(select(Attachment).where(Attachment.child_voice_id == child_voice_id)
                                .order_by(Attachment.added_at, Attachment.id)))
