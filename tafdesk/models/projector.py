"""What a projected screen may show during a TAF meeting: only what everyone present may see.

Pure: the minutes mode passes in where the meeting is; this decides the words on the wall. The
chair's notes, anything marked not shareable, addresses, contact details and case references
never appear; actions show what, who, by when and where they stand.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .schemas.plan import ActionDTO

STATUS = {"not_started": "Not started", "in_progress": "In progress", "done": "Done", "stopped": "Stopped"}


@dataclass(frozen=True)
class ProjectorScreen:
    title: str
    heading: str
    lines: tuple[str, ...] = ()
    action: tuple[str, ...] = ()  # the action being reviewed, as lines
    new_actions: tuple[str, ...] = ()
    footer: str = ""


@dataclass(frozen=True)
class MeetingMoment:
    kind_title: str  # "TAF review meeting"
    heading_key: str
    heading: str
    prompt: str
    action: ActionDTO | None = None  # during the review of actions
    action_position: tuple[int, int] | None = None  # (n, of)
    new_actions: tuple[ActionDTO, ...] = ()
    next_review: date | None = None
    restricted_words: frozenset[str] = field(default_factory=frozenset)  # e.g. an address withheld


def _clean(text: str, restricted: frozenset[str]) -> str:
    for word in restricted:
        if word and word.lower() in text.lower():
            return "(not shown on the shared screen)"
    return text


def _action_lines(a: ActionDTO, restricted: frozenset[str]) -> tuple[str, ...]:
    due = f"by {a.due_on:%d %B %Y}" if a.due_on else "no date yet"
    return (_clean(a.description, restricted), f"Who: {a.owner or 'not agreed yet'}, {due}",
            f"How we will know: {_clean(a.measure, restricted) or 'not agreed yet'}",
            f"Where it stands: {STATUS.get(a.status, a.status)}")


def projector_screen(m: MeetingMoment) -> ProjectorScreen:
    r = m.restricted_words
    lines: tuple[str, ...] = (m.prompt,)
    action: tuple[str, ...] = ()
    if m.heading_key == "action_review":
        if m.action is not None:
            action = _action_lines(m.action, r)
            n, of = m.action_position or (1, 1)
            lines = (f"Action {n} of {of}",)
        else:
            lines = ("No actions to review.",)
    if m.heading_key == "next_steps" and m.next_review:
        lines = (f"Next review meeting: {m.next_review:%A %d %B %Y}",)
    new = tuple(f"{_clean(a.description, r)} ({a.owner}, by {a.due_on:%d %b %Y})" if a.due_on
                else _clean(a.description, r) for a in m.new_actions)
    return ProjectorScreen(title=m.kind_title, heading=m.heading, lines=lines, action=action, new_actions=new,
                           footer="Only what everyone here may see is shown on this screen.")
