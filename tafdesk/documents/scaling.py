"""Scaling scores and distance travelled, per family member, as a PDF (also part of other packs)."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle
from sqlalchemy.orm import Session

from ..models.services import scaling as svc
from ..models.services.cases import get_case
from ..models.settings import Settings, load_settings
from .base import PageInfo, render_pdf
from .charts import distance_drawing, spider_drawing
from .fonts import SANS
from .redaction import FULL, Redaction, audience_of, redaction
from .registry import DocumentKind, RenderOptions
from .styles import RULE, SHADE, stylesheet


class RoundDTO(BaseModel):
    title: str
    scored_on: date
    scores: dict[str, int]
    notes: dict[str, str] = {}


class PersonScalingDTO(BaseModel):
    person: str
    rounds: list[RoundDTO]


class ScalingDTO(BaseModel):
    family_name: str
    reference: str
    areas: list[tuple[str, str]]  # (key, label), in the settings' order, then any others recorded
    people: list[PersonScalingDTO]


def scaling_dto(session: Session, case_id: str, settings: Settings | None = None,
                red: Redaction = FULL) -> ScalingDTO:
    """The scores of each person (a person withheld from the reader is left out)."""
    settings = settings or load_settings()
    case = get_case(session, case_id)
    rounds = [r for r in svc.rounds_of(session, case_id) if not red.person(r.person_id)]
    known = [a.key for a in settings.scaling.areas]
    seen = {k for r in rounds for k in r.scores}
    keys = [k for k in known if k in seen] + sorted(seen - set(known))
    people: dict[str, list[RoundDTO]] = {}
    for r in sorted(rounds, key=lambda r: (r.person, r.scored_on)):
        people.setdefault(r.person, []).append(RoundDTO(title=r.title, scored_on=r.scored_on, scores=r.scores,
                                                        notes=r.notes))
    return red.scrub(ScalingDTO(family_name=case.family_name, reference=case.reference,
                                areas=[(k, settings.scaling.label(k)) for k in keys],
                                people=[PersonScalingDTO(person=p, rounds=rs) for p, rs in people.items()]))


def scaling_story(dto: ScalingDTO, base_size: float = 10.5) -> list[Flowable]:
    """Per person: the spider chart, the distance travelled, and every score with its note."""
    st = stylesheet(base_size)
    story: list[Flowable] = []
    if not dto.people:
        return [Paragraph("No scaling scores have been recorded.", st["body"])]
    story.append(Paragraph("Each area is scored from 1 (very worried) to 10 (all is well), with the family, at "
                           "the assessment, each review and closure.", st["body"]))
    for person in dto.people:
        keys = [k for k, _ in dto.areas if any(k in r.scores for r in person.rounds)]
        labels = dict(dto.areas)
        rs = person.rounds
        shown = rs if len(rs) <= 3 else [rs[0], rs[-2], rs[-1]]
        block: list[Flowable] = [Paragraph(person.person, st["h2"])]
        block.append(spider_drawing([labels[k] for k in keys],
                                    [(r.title, [r.scores.get(k) for k in keys]) for r in shown]))
        story.append(KeepTogether(block))
        if len(rs) >= 2:
            common = [k for k in keys if k in rs[0].scores and k in rs[-1].scores]
            if common:
                change = sum(rs[-1].scores[k] - rs[0].scores[k] for k in common) / len(common)
                story.append(Paragraph(f"Distance travelled from {rs[0].title} to {rs[-1].title}: average change "
                                       f"{change:+.1f} points.", st["body"]))
                story.append(distance_drawing([(labels[k], rs[0].scores[k], rs[-1].scores[k]) for k in common]))
        head = [Paragraph("Area", st["label"])] + [Paragraph(r.title, st["label"]) for r in rs]
        rows = [head]
        for k in keys:
            cells = [Paragraph(labels[k], st["cell"])]
            for r in rs:
                text = str(r.scores[k]) if k in r.scores else "–"
                if r.notes.get(k):
                    text += f" — {r.notes[k]}"
                cells.append(Paragraph(text, st["cell"]))
            rows.append(cells)
        table = Table(rows, repeatRows=1, colWidths=[150] + [(480 - 150) / len(rs)] * len(rs))
        table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), SANS), ("GRID", (0, 0), (-1, -1), 0.4, RULE), ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
        story += [Spacer(1, 6), table, Spacer(1, 10)]
    return story


def render_scaling(dto: ScalingDTO, *, today: date | None = None) -> bytes:
    st = stylesheet()
    info = PageInfo("Scaling scores", f"{dto.family_name} family", dto.reference, produced_on=today)
    return render_pdf(info, [Paragraph("Scaling scores and distance travelled", st["title"]), *scaling_story(dto)])


def _render(session: Session, case_id: str, options: RenderOptions) -> bytes:
    today = options.today if isinstance(options.today, date) else date.today()
    red = redaction(session, case_id, audience_of("both", options))
    return render_scaling(scaling_dto(session, case_id, red=red), today=today)


DOCUMENT_KINDS = [DocumentKind("scaling", "Scaling scores and distance travelled", _render,
                               frozenset({"family_copy"}), audience="both")]
