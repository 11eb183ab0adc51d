"""A harness that replays a case day by day through `csprbot run --once --now ...` (in-process CLI).

Expected dates in the scenarios come from `IndependentCalendar`, a deliberately naive day-by-day count
over a hand-typed list of England bank holidays, not from bot/workdays.py.
"""

from __future__ import annotations

import email
from dataclasses import dataclass, field
from datetime import date, timedelta
from email.message import EmailMessage
from email.policy import default as default_policy
from email.utils import format_datetime, make_msgid
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.cli import main

LONDON = ZoneInfo("Europe/London")

# gov.uk's England-and-Wales bank holidays, typed by hand.
BANK_HOLIDAYS = {
    date(2026, 1, 1), date(2026, 4, 3), date(2026, 4, 6), date(2026, 5, 4), date(2026, 5, 25),
    date(2026, 8, 31), date(2026, 12, 25), date(2026, 12, 28),
    date(2027, 1, 1), date(2027, 3, 26), date(2027, 3, 29), date(2027, 5, 3), date(2027, 5, 31),
}


class IndependentCalendar:
    def __init__(self, closures: set[date] | None = None) -> None:
        self.closed = BANK_HOLIDAYS | (closures or set())

    def is_wd(self, d: date) -> bool:
        return d.weekday() < 5 and d not in self.closed

    def add(self, d: date, n: int) -> date:
        step = 1 if n >= 0 else -1
        count = 0
        while count < abs(n):
            d += timedelta(days=step)
            if self.is_wd(d):
                count += 1
        return d


ROLE = {
    "coordinator": "nsscp.coordinator@nsscp.example.gov.uk",
    "service_leader": "service.leader.qa@nsscp.example.gov.uk",
    "assistant_director": "ad.support.safeguarding@nsscp.example.gov.uk",
    "director": "director.people@nsscp.example.gov.uk",
    "subgroup_chair": "cspr.subgroup.chair@nsscp.example.gov.uk",
    "executive": "nsscp.executive@nsscp.example.gov.uk",
    "education_lead": "education.dsl@schools.example.gov.uk",
    "education_rep": "education.rep@schools.example.gov.uk",
    "police_lead": "police.safeguarding.lead@avon.example.pnn.police.uk",
    "police_rep": "police.subgroup.rep@avon.example.pnn.police.uk",
}


@dataclass
class Replay:
    root: Path
    seen: set[str] = field(default_factory=set)
    log: list[tuple[date, str, str, str]] = field(default_factory=list)  # (day, kind, clock, to)

    def run(self, when: str) -> list[EmailMessage]:
        """One `run --once` at local time `when`; returns the mails it sent."""
        assert main(["run", "--once", "--now", when]) == 0
        new: list[EmailMessage] = []
        for f in sorted((self.root / "var/mail/outbox/new").glob("*")):
            if f.name in self.seen:
                continue
            self.seen.add(f.name)
            msg = email.message_from_bytes(f.read_bytes(), policy=default_policy)
            assert isinstance(msg, EmailMessage)
            new.append(msg)
            kind = str(msg["X-CSPRBOT-Kind"])
            if kind in ("chaser", "escalation"):
                # One escalation mail per person per case names every clock it lists (comma-separated).
                for key in str(msg["X-CSPRBOT-Clock"]).split(","):
                    self.log.append((date.fromisoformat(when[:10]), kind, key, str(msg["To"])))
        return new

    def deliver(self, raw: bytes) -> None:
        """Into the Maildir as the MTA would have delivered it when it was sent: csprbot's clocks count from the
        mailbox's delivery time (the file's mtime), not from the Date: header."""
        from email.parser import BytesHeaderParser
        from email.policy import default
        from email.utils import parsedate_to_datetime

        from bot.mail.maildir import deliver

        date = BytesHeaderParser(policy=default).parsebytes(raw).get("Date")
        deliver(self.root / "var/mail/inbox", raw, received=parsedate_to_datetime(str(date)) if date else None)

    def reply(self, sender: str, ref: str, body: str, when: str, attachment: tuple[str, bytes] | None = None) -> None:
        local = _local(when)
        m = EmailMessage()
        m["From"] = sender
        m["To"] = "csprbot@nsscp.example.gov.uk"
        m["Subject"] = f"RE: [{ref}] Reminder"
        m["Date"] = format_datetime(local)
        m["Message-ID"] = make_msgid(domain=sender.split("@")[1])
        m.set_content(body + "\n\n> earlier message quoted here\n")
        if attachment:
            m.add_attachment(attachment[1], maintype="application",
                             subtype="vnd.openxmlformats-officedocument.wordprocessingml.document",
                             filename=attachment[0])
        self.deliver(m.as_bytes())

    def reminders_on(self, day: date) -> set[tuple[str, str, str]]:
        return {(k, c, to) for d, k, c, to in self.log if d == day}


def _local(when: str):  # type: ignore[no-untyped-def]
    from datetime import datetime

    v = datetime.fromisoformat(when)
    return v if v.tzinfo else v.replace(tzinfo=LONDON)


def weekdays(start: date, end: date) -> list[date]:
    out, d = [], start
    while d <= end:
        out.append(d)
        d += timedelta(days=1)
    return out


def fill_return_form(ref: str, agency: str, involved: str, author: str, email_addr: str,
                     completed: str = "24/04/2026") -> bytes:
    """Our own request form (bot.return_form), filled in the way an agency lead would in Word."""
    import io

    from docx import Document

    from bot.return_form import build_return_form

    doc = Document(io.BytesIO(build_return_form(ref, agency, "NSSCP")))
    answers = {
        "Author name": author, "Author role": "Designated Safeguarding Lead", "Author email": email_addr,
        "Author telephone": "01234 555000",
        "Was your agency involved with the child or family? (Yes / No)": involved,
        "Summary of involvement / chronology": "No record of the child or family on our systems."
        if involved == "No" else "Attended the school from September 2024; attendance 81%.",
        "Have records been secured? (Yes / No)": "Yes", "Signed off by (manager)": "Head of Safeguarding",
        "Date completed": completed,
    }
    for table in doc.tables:
        for row in table.rows:
            label = row.cells[0].text.strip()
            if label in answers:
                row.cells[1].text = answers[label]
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
