"""Files for partners who do not use tafdesk: calendar entries (.ics) and email drafts (.eml).

Plain standard-library code: RFC 5545 calendars (folded lines, escaped text, CRLF) and MIME
messages marked as unsent drafts, which Outlook opens ready to check and send.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from email.message import EmailMessage
from email.utils import formataddr, format_datetime


@dataclass(frozen=True)
class CalendarEntry:
    uid_seed: str  # stable: the same meeting or action gives the same UID, so updates replace
    summary: str
    description: str = ""
    location: str = ""
    starts_at: datetime | None = None  # timed event (aware)
    duration: timedelta = timedelta(hours=1)
    on_day: date | None = None  # all-day event (an action's due date)


def _escape(text: str) -> str:
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n"))


def _fold(line: str) -> list[str]:
    """Lines of at most 75 octets, continuation lines starting with a space (RFC 5545 3.1)."""
    out, current = [], b""
    for ch in line:
        b = ch.encode("utf-8")
        if len(current) + len(b) > (75 if not out else 74):
            out.append(current.decode("utf-8"))
            current = b""
        current += b
    out.append(current.decode("utf-8"))
    return [out[0]] + [" " + x for x in out[1:]]


def _utc(dt: datetime) -> str:
    return dt.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def calendar(entries: Sequence[CalendarEntry], *, now: datetime | None = None) -> str:
    stamp = _utc(now or datetime.now(UTC))
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//tafdesk//Team Around the Family//EN",
             "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]
    for e in entries:
        uid = hashlib.sha256(e.uid_seed.encode()).hexdigest()[:32] + "@tafdesk"
        lines += ["BEGIN:VEVENT", f"UID:{uid}", f"DTSTAMP:{stamp}"]
        if e.starts_at is not None:
            lines += [f"DTSTART:{_utc(e.starts_at)}", f"DTEND:{_utc(e.starts_at + e.duration)}"]
        elif e.on_day is not None:
            lines += [f"DTSTART;VALUE=DATE:{e.on_day:%Y%m%d}",
                      f"DTEND;VALUE=DATE:{e.on_day + timedelta(days=1):%Y%m%d}"]
        else:
            raise ValueError("a calendar entry needs a time or a day")
        lines.append(f"SUMMARY:{_escape(e.summary)}")
        if e.description:
            lines.append(f"DESCRIPTION:{_escape(e.description)}")
        if e.location:
            lines.append(f"LOCATION:{_escape(e.location)}")
        lines += ["CLASS:CONFIDENTIAL", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "".join(f"{part}\r\n" for line in lines for part in _fold(line))


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: bytes
    mime: str  # "application/pdf", "text/calendar"


def email_draft(*, to: Sequence[tuple[str, str]], subject: str, body: str,
                attachments: Sequence[Attachment] = (), sender: tuple[str, str] | None = None,
                when: datetime | None = None) -> bytes:
    """An unsent email (.eml) the user opens in their mail program, checks and sends."""
    msg = EmailMessage()
    msg["To"] = ", ".join(formataddr(t) for t in to)
    if sender:
        msg["From"] = formataddr(sender)
    msg["Subject"] = subject
    msg["Date"] = format_datetime(when or datetime.now(UTC))
    msg["X-Unsent"] = "1"  # Outlook: open as a draft, ready to send
    msg["Sensitivity"] = "Company-Confidential"
    msg.set_content(body)
    for a in attachments:
        maintype, _, subtype = a.mime.partition("/")
        msg.add_attachment(a.content, maintype=maintype, subtype=subtype, filename=a.filename)
    return msg.as_bytes()
