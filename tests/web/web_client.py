"""A signed-in Flask test client: asks for a link, reads it from the Maildir outbox, follows it."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from conftest import REF, Env, csrf, make_core, outbox_mails, seed, signin_link
from sqlalchemy import select

from bot.store.models import Event
from bot.store.personal import restored


def sign_in(env: Env, client: Any, address: str) -> None:
    page = client.get("/signin")
    r = client.post("/signin", data={"address": address, "csrf_token": csrf(page.get_data(as_text=True))})
    assert r.status_code == 200, r.get_data(as_text=True)
    client.application.extensions["csprbot_signin"].drain()  # the link is queued after the answer
    env.core.deliver()  # what the bot's outbox job does every few seconds
    link = signin_link(env.root, address)
    assert link, f"no sign-in link mailed to {address}"
    parts = urlsplit(link)
    page = client.get(f"{parts.path}?{parts.query}")
    token = parts.query.split("=", 1)[1]
    r = client.post("/signin/link", data={"t": token, "csrf_token": csrf(page.get_data(as_text=True))})
    assert r.status_code == 303 and r.headers["Location"].endswith("/cases"), r.get_data(as_text=True)


def emailed_twin(root: Path, command: str, sender: str) -> Env:
    """The same case in another store, the same command sent as a reply by email."""
    from email.message import EmailMessage

    from bot.mail.maildir import deliver

    seed(root)
    msg = EmailMessage()
    msg["From"], msg["To"] = sender, "csprbot@nsscp.example.gov.uk"
    msg["Subject"], msg["Message-ID"] = f"RE: [{REF}] New CSPR referral", "<reply-1@nsscp.example.gov.uk>"
    msg["Date"] = "Thu, 02 Apr 2026 10:29:00 +0100"
    msg.set_content(command + "\n")
    deliver(root / "mail/inbox", msg.as_bytes())
    core = make_core(root)
    core.run_once()
    return Env(root, core)


def after_command(env: Env) -> tuple[list[tuple[str, Any]], list[tuple[str, str, str]]]:
    """(audit events from the command on, minus transport detail; confirm/refusal mails as (kind, to, text))."""
    with env.core.sessions() as s:
        start = max(e.id for e in s.scalars(select(Event).where(Event.kind == "mail_received")))
        # and the id and salted digest of the row holding typed text (read back as written: bot/store/personal.py)
        transport = ("message", "mailbox", "sha256", "idem_key", "claimed_date", "personal", "digest")
        rows = list(s.scalars(select(Event).where(Event.id >= start, Event.kind != "case_viewed").order_by(Event.id)))
        evs = [(e.kind, {k: v for k, v in d.items() if k not in transport})
               for e, d in zip(rows, restored(s, [e.detail for e in rows]), strict=True)]
    mails = [(str(m["X-CSPRBOT-Kind"]), str(m["To"]), m.get_body(("plain",)).get_content())  # type: ignore[union-attr]
             for m in outbox_mails(env.root) if m["X-CSPRBOT-Kind"] in ("confirm", "refusal", "request")]
    return evs, mails
