"""Family feedback ("How was it for you?"): the answers from the printed form, typed in."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import QWidget
from sqlalchemy.orm import Session

from ..i18n.ui import N_, _
from ..models.orm import FamilyFeedback
from ..models.services import feedback as svc
from ..models.services.people import list_people
from .editor import RecordEditor, Row
from .forms import Field
from .labels import day
from .undo import Entity, _existing

FAMILY = "family"


def _snapshot(s: Session, rid: str) -> dict[str, Any]:
    f: FamilyFeedback = _existing(s, FamilyFeedback, rid, _("That feedback is no longer there."))
    data = svc.feedback_form_data(f)
    data["person_id"] = data["person_id"] or FAMILY
    for key in svc.QUESTIONS:
        data[key] = "" if data[key] is None else str(data[key])
    return data


def _plain(data: dict[str, Any]) -> dict[str, Any]:
    """Every answer present (an emptied one must clear what was saved)."""
    out = {k: data.get(k, "") for k in svc.FEEDBACK_FIELDS}
    if out["person_id"] == FAMILY:
        out["person_id"] = None
    return out


FEEDBACK = Entity(
    kind="feedback",
    noun=N_("feedback"),
    add=lambda s, case_id, data, user, rid: svc.record_feedback(s, case_id, _plain(data), user=user,
                                                                feedback_id=rid).id,
    update=lambda s, rid, data, user: (svc.update_feedback(s, rid, _plain(data), user=user), None)[1],
    remove=lambda s, rid, user: svc.remove_feedback(s, rid, user=user),
    snapshot=_snapshot,
    reuse_id=lambda s, rid: rid,
    name_of=lambda data: N_("feedback"),
)


class FeedbackEditor(RecordEditor):
    entity = FEEDBACK
    fields = (
        Field("person_id", N_("Who answered"), "choice"),
        Field("given_on", N_("Given on"), "date", hint=N_("YYYY-MM-DD or DD/MM/YYYY")),
        *(Field(key, question, "text", hint=N_("1 (not at all) to 5 (yes, a lot); empty if not answered"),
                section=N_("Answers, 1 (not at all) to 5 (yes, a lot)") if i == 0 else "")
          for i, (key, question) in enumerate(svc.QUESTIONS.items())),
        Field("comments", N_("Anything else they told us, in their words"), "multiline"),
    )
    listens = frozenset({"people"})
    title = N_("Feedback from the family")
    add_text = N_("Record feedback")
    remove_text = N_("Remove this feedback")
    empty_hint = N_("Print the feedback form (tafdesk render CASE --doc feedback-form), then type the answers "
                    "in here: record feedback.")
    reuse_new_id = True

    def __init__(self, ops: Any, parent: QWidget | None = None) -> None:
        super().__init__(ops, parent)
        self.setAccessibleName(_("Family feedback editor"))

    def load_rows(self, s: Session, case_id: str) -> list[Row]:
        names = {p.id: p.display_name for p in list_people(s, case_id)}
        rows = []
        for f in svc.feedback_of(s, case_id):
            answers = [str(x) if x else "–" for x in (f.respected, f.listened_to, f.helped)]
            rows.append((f.id, _("{who}, {day}: respect {respected}, listened {listened}, helped {helped}",
                                 who=names.get(f.person_id or "") or _("The family"), day=day(f.given_on),
                                 respected=answers[0], listened=answers[1], helped=answers[2])))
        return rows

    def load_choices(self, s: Session, case_id: str) -> dict[str, list[tuple[str, str]]]:
        return {"person_id": [(FAMILY, _("The family together"))] + [(p.id, p.display_name)
                                                                   for p in list_people(s, case_id)]}

    def defaults(self) -> dict[str, Any]:
        return {"person_id": FAMILY, "given_on": date.today()}
