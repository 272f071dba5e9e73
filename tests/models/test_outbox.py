"""Calendar files and email drafts that mail and calendar programs can read."""

from __future__ import annotations

from datetime import UTC, date, datetime
from email import message_from_bytes, policy

from tafdesk.models.outbox import Attachment, CalendarEntry, calendar, email_draft

NOW = datetime(2026, 11, 19, 17, 0, tzinfo=UTC)


def unfold(text: str) -> list[str]:
    return text.replace("\r\n ", "").split("\r\n")


def test_calendar_is_valid_rfc5545() -> None:
    long = "Review of the plan; bring the home-school book, and Maja's drawings — " * 3
    ics = calendar([
        CalendarEntry("meeting-1", "TAF review: Carter-Nowak family", long, "Riverside Academy, room 2",
                      starts_at=datetime(2026, 12, 31, 15, 30, tzinfo=UTC)),
        CalendarEntry("action-9", "Due: housing application", on_day=date(2026, 11, 27)),
    ], now=NOW)
    raw_lines = ics.split("\r\n")
    assert ics.endswith("\r\n") and all(len(line.encode()) <= 75 for line in raw_lines)
    lines = unfold(ics)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-2] == "END:VCALENDAR"
    assert lines.count("BEGIN:VEVENT") == 2 and "DTSTART:20261231T153000Z" in lines
    assert "DTSTART;VALUE=DATE:20261127" in lines and "DTEND;VALUE=DATE:20261128" in lines
    assert "LOCATION:Riverside Academy\\, room 2" in lines
    desc = next(line for line in lines if line.startswith("DESCRIPTION:"))
    assert "plan\\; bring the home-school book\\, and Maja's drawings — " in desc
    uids = [line for line in lines if line.startswith("UID:")]
    assert len(set(uids)) == 2
    again = calendar([CalendarEntry("meeting-1", "changed", starts_at=NOW)], now=NOW)
    assert uids[0] in unfold(again)  # the same meeting keeps its UID, so an update replaces it


def test_email_draft_with_attachments() -> None:
    raw = email_draft(to=[("Jo Bennett", "jo@homestart.example.org"), ("Priya Shah", "priya@nhs.example.org")],
                      subject="Minutes of the TAF review, 19 November", body="Dear all,\nthe minutes are attached.",
                      attachments=[Attachment("minutes.pdf", b"%PDF-1.4 test", "application/pdf"),
                                   Attachment("next-review.ics", b"BEGIN:VCALENDAR", "text/calendar")], when=NOW)
    msg = message_from_bytes(raw, policy=policy.default)
    assert msg["X-Unsent"] == "1"
    assert msg["To"] == "Jo Bennett <jo@homestart.example.org>, Priya Shah <priya@nhs.example.org>"
    parts = {p.get_filename(): p.get_content() for p in msg.iter_attachments()}
    assert parts["minutes.pdf"] == b"%PDF-1.4 test" and parts["next-review.ics"].strip() == "BEGIN:VCALENDAR"
    assert "the minutes are attached" in msg.get_body(("plain",)).get_content()
