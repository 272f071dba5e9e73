"""Scaling scores: a family member scored 1-10 on each area, at assessment, reviews and closure.

A *round* is one person's scores on one occasion and day, one row per area. A round is known by
the smallest id of its rows (its anchor); rows added to a round later get larger ids, so the
anchor, and so the round's identity, never changes while it exists.

Form data is flat, as an editor holds it: ``person_id``, ``occasion``, ``scored_on``,
``meeting_id`` and, per area, ``score__<area>`` (1-10 or empty) and ``notes__<area>``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pydantic import Field, ValidationInfo, field_validator
from sqlalchemy import select
from sqlalchemy.orm import Session

from ...i18n.catalog import N_, S_
from .. import vocab as v
from ..errors import NotFound, ValidationFailed
from ..orm import Meeting, Person, ScalingScore, new_id
from ..schemas.forms import Form, _not_future
from ..schemas.types import CleanText, Id
from .audit import record_event
from .cases import validate

SCORE, NOTES = "score__", "notes__"
OCCASION_LABELS = {v.ScalingOccasion.ASSESSMENT: N_("Assessment"), v.ScalingOccasion.REVIEW: N_("Review"),
                   v.ScalingOccasion.CLOSURE: N_("Closure")}


class ScalingRoundForm(Form):
    person_id: Id | None = None  # None: the family scored as a whole
    occasion: v.ScalingOccasion
    scored_on: date
    meeting_id: Id | None = None
    scores: dict[str, int] = Field(default_factory=dict)
    notes: dict[str, CleanText] = Field(default_factory=dict)

    @field_validator("scored_on")
    @classmethod
    def _on(cls, value: date, info: ValidationInfo) -> date:
        return _not_future(value, info, S_("The day of scoring cannot be in the future."))  # type: ignore[return-value]


def _split(data: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    """Head fields and scores/notes from flat form data; problems are named by their field."""
    head: dict[str, Any] = {"scores": {}, "notes": {}}
    problems: dict[str, str] = {}
    for key, value in data.items():
        if key.startswith(SCORE):
            text = str(value if value is not None else "").strip()
            if not text:
                continue
            try:
                n = int(text)
            except ValueError:
                n = 0
            if not 1 <= n <= 10:
                problems[key] = "Give a whole number from 1 (very worried) to 10 (all is well)."
            else:
                head["scores"][key[len(SCORE):]] = n
        elif key.startswith(NOTES):
            if str(value or "").strip():
                head["notes"][key[len(NOTES):]] = str(value).strip()
        elif key not in ("scores", "notes"):  # those two are made from the fields above, never taken whole
            head[key] = value
    for area in head["notes"]:
        if area not in head["scores"] and f"{SCORE}{area}" not in problems:
            problems[f"{SCORE}{area}"] = "Give a score for this area, or clear its note."
    if head.get("person_id") == "":
        head["person_id"] = None
    if head.get("meeting_id") == "":
        head["meeting_id"] = None
    return head, problems


def _validate(session: Session, case_id: str, data: dict[str, Any], today: date | None) -> ScalingRoundForm:
    head, problems = _split(data)
    try:
        form: ScalingRoundForm = validate(ScalingRoundForm, head, today=today)
    except ValidationFailed as exc:
        problems = {**exc.problems, **problems}
        raise ValidationFailed(problems) from None
    if problems:
        raise ValidationFailed(problems)
    if not form.scores:
        raise ValidationFailed({"": S_("Give a score for at least one area.")})
    if form.person_id:
        p = session.get(Person, form.person_id)
        if p is None or p.case_id != case_id:
            raise ValidationFailed({"person_id": S_("Choose a member of this family.")})
    if form.meeting_id:
        m = session.get(Meeting, form.meeting_id)
        if m is None or m.case_id != case_id:
            raise ValidationFailed({"meeting_id": S_("Choose a meeting of this case.")})
    return form


def _key(row: ScalingScore) -> tuple[str | None, str, date]:
    return (row.person_id, row.occasion, row.scored_on)


def _rows_like(session: Session, case_id: str, person_id: str | None, occasion: str,
               scored_on: date) -> list[ScalingScore]:
    q = select(ScalingScore).where(ScalingScore.case_id == case_id, ScalingScore.occasion == occasion,
                                   ScalingScore.scored_on == scored_on)
    q = q.where(ScalingScore.person_id.is_(None) if person_id is None else ScalingScore.person_id == person_id)
    return sorted(session.scalars(q), key=lambda r: r.id)


def _round(session: Session, round_id: str) -> list[ScalingScore]:
    anchor = session.get(ScalingScore, round_id)
    if anchor is None:
        raise NotFound("Those scaling scores are no longer there.")
    return _rows_like(session, anchor.case_id, *_key(anchor))


def _id_after(anchor: str) -> str:
    """A new row id that sorts after the round's anchor, so the anchor stays the smallest."""
    for _ in range(10_000):
        candidate = new_id()
        if candidate > anchor:
            return candidate
    raise RuntimeError("could not make a row id")  # pragma: no cover (anchor near ffff...)


def round_form_data(session: Session, round_id: str) -> dict[str, Any]:
    rows = _round(session, round_id)
    first = rows[0]
    data: dict[str, Any] = {"person_id": first.person_id, "occasion": first.occasion,
                            "scored_on": first.scored_on, "meeting_id": first.meeting_id}
    for r in rows:
        data[f"{SCORE}{r.area}"] = str(r.score)
        data[f"{NOTES}{r.area}"] = r.notes
    return data


def _write(session: Session, case_id: str, form: ScalingRoundForm, rows: list[ScalingScore],
           anchor: str | None) -> str:
    """Make ``rows`` hold exactly the form's scores; returns the round's (anchor) id."""
    by_area = {r.area: r for r in rows}
    wanted = list(form.scores.items())
    keep: list[ScalingScore] = []
    for area, score in wanted:
        row = by_area.pop(area, None)
        if row is None:
            row = ScalingScore(case_id=case_id, area=area)
            if anchor is not None:
                row.id = _id_after(anchor)
            session.add(row)
        row.person_id, row.occasion, row.scored_on = form.person_id, str(form.occasion), form.scored_on
        row.meeting_id, row.score, row.notes = form.meeting_id, score, form.notes.get(area, "")
        keep.append(row)
    # Rows of areas no longer scored go, except the anchor, which takes over a kept area.
    spare = sorted(by_area.values(), key=lambda r: r.id)
    if anchor is not None and any(r.id == anchor for r in spare):
        anchor_row = next(r for r in spare if r.id == anchor)
        taken = keep[0]
        for name in ("area", "score", "notes"):
            setattr(anchor_row, name, getattr(taken, name))
        if taken in session.new:
            session.expunge(taken)
        else:
            session.delete(taken)
        spare.remove(anchor_row)
    for r in spare:
        session.delete(r)
    session.flush()
    return anchor or min(r.id for r in keep)


def record_round(session: Session, case_id: str, data: dict[str, Any], *, user: str,
                 today: date | None = None, round_id: str | None = None) -> str:
    """Record a round of scores; ``round_id`` re-creates a removed round under its id (undo)."""
    form = _validate(session, case_id, data, today)
    if _rows_like(session, case_id, form.person_id, str(form.occasion), form.scored_on):
        raise ValidationFailed({"scored_on": S_("Scores for this person on this occasion and day are already "
                                             "recorded; change those instead.")})
    if round_id:  # the anchor first, then the others after it
        first_area, first_score = next(iter(form.scores.items()))
        row = ScalingScore(id=round_id, case_id=case_id, area=first_area, score=first_score,
                           person_id=form.person_id, occasion=str(form.occasion), scored_on=form.scored_on,
                           meeting_id=form.meeting_id, notes=form.notes.get(first_area, ""))
        session.add(row)
        session.flush()
        rid = _write(session, case_id, form, [row], round_id)
    else:
        rid = _write(session, case_id, form, [], None)
    record_event(session, user=user, action="create", case_id=case_id, entity="scaling_scores", entity_id=rid)
    return rid


def update_round(session: Session, round_id: str, data: dict[str, Any], *, user: str,
                 today: date | None = None) -> None:
    rows = _round(session, round_id)
    case_id = rows[0].case_id
    form = _validate(session, case_id, data, today)
    clash = [r for r in _rows_like(session, case_id, form.person_id, str(form.occasion), form.scored_on)
             if r.id not in {x.id for x in rows}]
    if clash:
        raise ValidationFailed({"scored_on": S_("Scores for this person on this occasion and day are already "
                                             "recorded; change those instead.")})
    _write(session, case_id, form, rows, round_id)
    record_event(session, user=user, action="update", case_id=case_id, entity="scaling_scores",
                 entity_id=round_id)


def remove_round(session: Session, round_id: str, *, user: str) -> None:
    try:
        rows = _round(session, round_id)
    except NotFound:
        return
    case_id = rows[0].case_id
    for r in rows:
        session.delete(r)
    session.flush()
    record_event(session, user=user, action="delete", case_id=case_id, entity="scaling_scores",
                 entity_id=round_id)


@dataclass(frozen=True)
class Round:
    """One person's scores on one occasion."""

    id: str
    person_id: str | None
    person: str  # display name, or "The family"
    occasion: str
    scored_on: date
    scores: dict[str, int]
    notes: dict[str, str] = field(default_factory=dict)

    @property
    def mean(self) -> float:
        return sum(self.scores.values()) / len(self.scores) if self.scores else 0.0

    @property
    def title(self) -> str:
        return f"{OCCASION_LABELS.get(self.occasion, self.occasion)}, {self.scored_on:%d %b %Y}"  # type: ignore[call-overload]


def rounds_of(session: Session, case_id: str) -> list[Round]:
    """Every round of the case, by person, then by day."""
    names = {p.id: p.display_name for p in session.scalars(select(Person).where(Person.case_id == case_id))}
    groups: dict[tuple[str | None, str, date], list[ScalingScore]] = defaultdict(list)
    for r in session.scalars(select(ScalingScore).where(ScalingScore.case_id == case_id)):
        groups[_key(r)].append(r)
    out = [Round(min(r.id for r in rows), key[0], names.get(key[0] or "", "The family"), key[1], key[2],
                 {r.area: r.score for r in rows}, {r.area: r.notes for r in rows if r.notes})
           for key, rows in groups.items()]
    out.sort(key=lambda r: (r.person, r.scored_on, r.occasion))
    return out


@dataclass(frozen=True)
class Travelled:
    """Distance travelled by one person: first and latest score on each area scored both times."""

    person: str
    first: Round
    latest: Round
    areas: tuple[str, ...]

    def change(self, area: str) -> int:
        return self.latest.scores[area] - self.first.scores[area]

    @property
    def mean_change(self) -> float:
        return sum(self.change(a) for a in self.areas) / len(self.areas) if self.areas else 0.0


def distance_travelled(rounds: Sequence[Round], area_order: Iterable[str] = ()) -> list[Travelled]:
    """Per person with at least two rounds: first round against the latest, on shared areas."""
    order = list(area_order)
    by_person: dict[str, list[Round]] = defaultdict(list)
    for r in rounds:
        by_person[r.person].append(r)
    out = []
    for person, rs in by_person.items():
        rs = sorted(rs, key=lambda r: r.scored_on)
        if len(rs) < 2:
            continue
        common = set(rs[0].scores) & set(rs[-1].scores)
        areas = tuple([a for a in order if a in common] + sorted(common - set(order)))
        out.append(Travelled(person, rs[0], rs[-1], areas))
    return out
