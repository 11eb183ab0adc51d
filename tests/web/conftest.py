"""Fixtures for the web view: a csprbot App on the embedded default (Maildir + SQLite in a temporary
folder) holding the demo case, and a Flask test client over it that can sign in through the emailed link.
"""

from __future__ import annotations

import email
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from email.message import EmailMessage
from email.policy import default as default_policy
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from bot.app import App
from bot.clock import FixedClock, parse_now
from bot.demo import write_demo
from bot.settings import load_settings

REF = "NS-CSPR-2026-001"
COORDINATOR = "nsscp.coordinator@nsscp.example.gov.uk"
SERVICE_LEADER = "service.leader.qa@nsscp.example.gov.uk"
POLICE = "casereview@avon.example.pnn.police.uk"
CHAIR = "cspr.subgroup.chair@nsscp.example.gov.uk"
EXECUTIVE = "nsscp.executive@nsscp.example.gov.uk"
CHILD = "Alex Fictional"
NOW = "2026-04-02T10:30"


def settings_for(root: Path, database_url: str | None = None) -> Any:
    env = {"CSPRBOT_DATABASE_URL": database_url or f"sqlite:///{root}/csprbot.db",
           "CSPRBOT_INBOX_URL": f"maildir:{root}/mail/inbox", "CSPRBOT_SENDER_URL": f"maildir:{root}/mail/outbox"}
    return load_settings(None, env=env)


def outbox_mails(root: Path) -> list[EmailMessage]:
    return [email.message_from_bytes(f.read_bytes(), policy=default_policy)  # type: ignore[misc]
            for f in sorted((root / "mail/outbox/new").glob("*"), key=lambda p: p.stat().st_mtime_ns)]


def signin_link(root: Path, address: str) -> str | None:
    """The newest sign-in link mailed to `address`, read from the Maildir outbox."""
    links = []
    for m in outbox_mails(root):
        if m["X-CSPRBOT-Kind"] == "signin" and str(m["To"]) == address:
            body = m.get_body(("plain",)).get_content()  # type: ignore[union-attr]
            links += re.findall(r"https?://\S+/signin/link\?t=\S+", body)
    return links[-1] if links else None


def unreadable_mail(sender: str = "someone@csc.example.gov.uk") -> bytes:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = "csprbot@nsscp.example.gov.uk"
    msg["Subject"] = "Hello"
    msg["Date"] = "Thu, 02 Apr 2026 10:01:00 +0100"
    msg["Message-ID"] = "<unreadable-1@csc.example.gov.uk>"
    msg.set_content("Please could you call me about the meeting next week.\n<script>alert(1)</script>\n")
    return msg.as_bytes()


@dataclass
class Env:
    root: Path
    core: App


def make_core(root: Path, now: str = NOW, database_url: str | None = None) -> App:
    settings = settings_for(root, database_url)
    return App(settings, FixedClock(parse_now(now, settings.calendar.timezone)))


def seed(root: Path, database_url: str | None = None) -> None:
    """The demo referral (a case), its out-of-office, and one unreadable mail (quarantined)."""
    from bot.mail.maildir import deliver

    early = make_core(root, "2026-04-02T10:00", database_url)
    write_demo(str(root / "mail/inbox"), early.runtime(), early.settings)
    deliver(root / "mail/inbox", unreadable_mail())
    early.close()
    once = make_core(root, "2026-04-02T10:05", database_url)
    once.run_once()
    once.close()


@pytest.fixture()
def env(tmp_path: Path) -> Iterator[Env]:
    seed(tmp_path)
    core = make_core(tmp_path)
    yield Env(tmp_path, core)
    core.close()


class Clocked:
    """Session time for the web app: a float the test moves forward."""

    def __init__(self, start: float = 1_000_000.0) -> None:
        self.t = start

    def __call__(self) -> float:
        return self.t


def csrf(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, "no CSRF token on the page"
    return found.group(1)
