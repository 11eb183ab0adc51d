"""Outbound mail from templates/: Jinja2 with StrictUndefined, the contract headers, stable Message-IDs.

Subjects are built here from the case reference and a fixed phrase per kind, never from form data, so
no child identifier can reach a subject line.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from functools import lru_cache

from jinja2 import Environment, FileSystemLoader, StrictUndefined, TemplateNotFound

from bot.settings import data_dir

SUBJECTS = {
    "routing": "New CSPR referral",
    "ack": "Referral received",
    "request": "Rapid review: agency return requested",
    "chaser": "Reminder: due {due}",
    "escalation": "Escalation: overdue since {due}",
    "confirm": "Confirmed",
    "refusal": "Not actioned",
    "triage": "For {audience}",
    "digest": "Daily digest {date}",
    "signin": "Sign-in link for the web view",
    "letter": "Decision",
}


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(data_dir("templates"))),
        undefined=StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["d"] = lambda v: v.strftime("%a %d %b %Y") if v else "not given"
    return env


def render_text(template: str, context: dict[str, object]) -> tuple[str, str | None]:
    """(plain text, html or None) for `templates/<template>.txt|.html`."""
    env = environment()
    text = env.get_template(f"{template}.txt").render(**context)
    try:
        html = env.get_template(f"{template}.html").render(**context)
    except TemplateNotFound:
        html = None
    return text, html


def message_id_for(idem_key: str, domain: str) -> str:
    # Stable across retries and crashes: recipients' servers can de-duplicate a resend.
    return f"<{hashlib.sha256(idem_key.encode()).hexdigest()[:32]}@{domain}>"


# A mail whose kind's phrase would not say what it is (the AD's notice is a triage mail, but not the
# co-ordinator's triage): its own phrase, by template.
TEMPLATE_SUBJECTS = {
    "senior.notice.no_rapid_review": "No rapid review decided: for {audience}",
    "referrer.ack.received": "Message received",
    "senior.routing.form": "CSPR referral form received",
    "senior.notice.unreachable": "Partnership mailbox refuses mail: for {audience}",
    "senior.notice.delayed": "Mail to a partnership address delayed: for {audience}",
}


def subject_for(kind: str, ref: str | None, extra: dict[str, str] | None = None, template: str = "") -> str:
    """`extra["audience"]`: the reader's role in words (routing.audience); "" or absent: "your attention"."""
    extra = {**(extra or {})}
    extra["audience"] = extra.get("audience") or "your attention"
    try:
        phrase = TEMPLATE_SUBJECTS.get(template, SUBJECTS[kind]).format(**extra)
    except KeyError:  # e.g. a disagreement goes to the AD at once: there is no overdue date to quote
        phrase = SUBJECTS[kind].split(":")[0] + (": decision needed" if kind == "escalation" else "")
    return f"[{ref}] {phrase}" if ref else f"[csprbot] {phrase}"


def compose(
    *, kind: str, ref: str | None, clock: str | None, sender: str, to: str, subject: str, text: str,
    html: str | None, idem_key: str, now: datetime, in_reply_to: str | None = None,
    attachments: list[tuple[str, str, bytes]] | None = None, message_id: str | None = None,
    last_part_headers: list[str] | None = None,
) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = to
    msg["Subject"] = subject
    msg["Date"] = format_datetime(now)
    domain = sender.rsplit("@", 1)[-1]
    msg["Message-ID"] = message_id or (message_id_for(idem_key, domain) if idem_key else make_msgid(domain=domain))
    if in_reply_to:
        msg["In-Reply-To"] = in_reply_to
        msg["References"] = in_reply_to
    msg["Auto-Submitted"] = "auto-generated"  # RFC 3834: auto-responders must not answer us
    msg["X-Auto-Response-Suppress"] = "All"  # Exchange: no out-of-office or read receipts back
    msg["X-CSPRBOT-Kind"] = kind
    if ref:
        msg["X-CSPRBOT-Case"] = ref
    if clock:
        msg["X-CSPRBOT-Clock"] = clock
    msg.set_content(text)
    if html:
        msg.add_alternative(html, subtype="html")
    for n, (filename, ctype, data) in enumerate(attachments or [], 1):
        maintype, _, subtype = ctype.partition("/")
        if maintype == "message":
            maintype, subtype = "application", "octet-stream"
        # Extra headers mark the last part (bot/original.py: where the referral as received goes at send).
        extra = last_part_headers if n == len(attachments or []) and last_part_headers else None
        msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename, headers=extra)
    return msg
