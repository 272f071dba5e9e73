"""The projected screen shows only what everyone in the room may see."""

from __future__ import annotations

from dataclasses import fields
from datetime import date

from tafdesk.models.projector import MeetingMoment, projector_screen
from tafdesk.models.schemas.plan import ActionDTO

ACTION = ActionDTO(id="a", lineage_id="l", description="Take Maja to drama club on Thursdays.", owner="Barbara Nowak",
                   due_on=date(2026, 12, 17), measure="Maja attends 8 of 10 sessions.", status="in_progress")


def everything(screen) -> str:  # type: ignore[no-untyped-def]
    return " ".join(str(getattr(screen, f.name)) for f in fields(screen))


def test_action_review_shows_the_action_and_nothing_private() -> None:
    screen = projector_screen(MeetingMoment("TAF review meeting", "action_review", "Review of each action",
                                            "Walk the plan's actions", action=ACTION, action_position=(3, 8)))
    assert screen.lines == ("Action 3 of 8",)
    assert screen.action == ("Take Maja to drama club on Thursdays.", "Who: Barbara Nowak, by 17 December 2026",
                             "How we will know: Maja attends 8 of 10 sessions.", "Where it stands: In progress")


def test_restricted_words_never_reach_the_wall() -> None:
    secret = ActionDTO(id="b", lineage_id="m", description="Move to 42 Willow Road by March.", owner="Jo Bennett",
                       due_on=date(2027, 3, 1), measure="Keys collected at 42 Willow Road.")
    screen = projector_screen(MeetingMoment("TAF review meeting", "new_actions", "New actions", "Each with an owner",
                                            new_actions=(secret,), action=secret,
                                            restricted_words=frozenset({"42 Willow Road"})))
    assert "Willow" not in everything(screen)
    assert screen.new_actions == ("(not shown on the shared screen) (Jo Bennett, by 01 Mar 2027)",)


def test_next_review_date() -> None:
    screen = projector_screen(MeetingMoment("TAF review meeting", "next_steps", "Next review date", "Within 6 weeks",
                                            next_review=date(2027, 2, 11)))
    assert screen.lines == ("Next review meeting: Thursday 11 February 2027",)
