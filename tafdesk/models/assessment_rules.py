"""When an Early Help Assessment is complete: a pure function of plain facts.

``missing(facts)`` lists, in words a worker can act on, everything that stops the assessment
being marked complete; an empty list means it may be completed and authorised.
"""

from __future__ import annotations

from dataclasses import dataclass

REQUIRED_SECTIONS: tuple[tuple[str, str], ...] = (
    ("strengths", "Strengths and what is going well"),
    ("worries", "What the family and others are worried about"),
    ("family_goals", "The family's goals"),
    ("analysis", "Analysis"),
)


@dataclass(frozen=True)
class VoiceFacts:
    child: str  # the child's name
    words: bool = False
    empty_reason: bool = False
    gathered_by: bool = False
    seen_alone_known: bool = False


@dataclass(frozen=True)
class AdultFacts:
    name: str
    included: bool = True
    reason: bool = False
    views: bool = False


@dataclass(frozen=True)
class NeedFacts:
    number: int  # 1-based, as the editor lists them
    text: str
    outcome_areas: int = 0
    people: int = 0


@dataclass(frozen=True)
class AssessmentFacts:
    filled_sections: frozenset[str] = frozenset()
    level_of_need: bool = False
    voices: tuple[VoiceFacts, ...] = ()
    adults: tuple[AdultFacts, ...] = ()
    needs: tuple[NeedFacts, ...] = ()


def _short(text: str, length: int = 48) -> str:
    text = " ".join(text.split())
    if len(text) <= length:
        return text
    cut = text[: length - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut).rstrip(" ,;") + "\u2026"


def missing(f: AssessmentFacts) -> list[str]:
    out: list[str] = []
    for voice in f.voices:
        who = f"Voice of {voice.child}"
        if not voice.words and not voice.empty_reason:
            out.append(f"{who}: record what the child said in their own words, or why their views "
                       "could not be gathered.")
        elif voice.words:
            if not voice.gathered_by:
                out.append(f"{who}: say who gathered the child's views.")
            if not voice.seen_alone_known:
                out.append(f"{who}: say whether the child was seen alone.")
    for adult in f.adults:
        if not adult.included and not adult.reason:
            out.append(f"{adult.name} is not included in the assessment: record the reason.")
        elif adult.included and not adult.views:
            out.append(f"Views of {adult.name}: record their views, or mark them as not included "
                       "and record the reason.")
    for key, title in REQUIRED_SECTIONS:
        if key not in f.filled_sections:
            out.append(f"\u201c{title}\u201d is empty.")
    if not f.needs:
        out.append("Record at least one need, with its outcome areas and the people it concerns.")
    for need in f.needs:
        what = f"Need {need.number} (\u201c{_short(need.text)}\u201d)"
        if not need.outcome_areas:
            out.append(f"{what}: choose at least one outcome area.")
        if not need.people:
            out.append(f"{what}: choose the family members it concerns.")
    if not f.level_of_need:
        out.append("Choose the level of need: Level 2 or Level 3.")
    return out
