"""Delivers committed outbox items: retry with backoff, park on permanent failure, cap per recipient.

Each item is marked sent in its own transaction right after the server accepts it. A crash between the
two means one resend with the same Message-ID, which receiving servers and Outlook de-duplicate.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from bot.apply import Runtime, audit, enqueue
from bot.domain import routing
from bot.domain.effects import MailIntent
from bot.mail.base import MailConfigError, PermanentMailError, Sender, TransientMailError
from bot.store.models import Case, OutboxItem

log = logging.getLogger("csprbot.outbox")
MAX_BACKOFF = timedelta(hours=1)


@dataclass
class Report:
    sent: int = 0
    deferred: int = 0
    parked: int = 0
    errors: list[str] = field(default_factory=list)


def backoff(attempts: int, base: float = 30.0) -> timedelta:
    """30 s, 1, 2, 4 ... minutes, capped at an hour: a mail server down for a minute costs a minute."""
    return min(timedelta(seconds=base * 2 ** max(0, attempts - 1)), MAX_BACKOFF)


def deliver_due(sender: Sender, sessions: sessionmaker[Session], rt: Runtime, limit: int = 500) -> Report:
    report = Report()
    with sessions() as s:
        ids = list(s.scalars(
            select(OutboxItem.id).where(OutboxItem.status == "pending", OutboxItem.next_attempt_at <= rt.stamp)
            .order_by(OutboxItem.id).limit(limit)
        ))
    cap = rt.settings.mail.rate_cap_per_hour
    for item_id in ids:
        with sessions.begin() as s:
            item = s.get(OutboxItem, item_id)
            if item is None or item.status != "pending":
                continue
            recent = s.scalar(select(func.count(OutboxItem.id)).where(
                OutboxItem.recipient == item.recipient, OutboxItem.status == "sent",
                OutboxItem.sent_at >= rt.stamp - timedelta(hours=1)))
            if (recent or 0) >= cap and item.kind != "digest":
                # A mail loop or a runaway rule: hold the rest for an hour rather than flood someone.
                item.next_attempt_at = rt.stamp + timedelta(hours=1)
                item.last_error = f"rate cap: {cap} mails an hour to this recipient"
                report.deferred += 1
                continue
            raw, rcpt, key = item.raw, item.recipient, item.idem_key
        try:
            sender.send(rt.settings.partnership.bot_address, [rcpt], raw, key)
        except MailConfigError as exc:
            # The message is fine, the sender's configuration is not (no STARTTLS, bad login): keep the
            # item pending and stop this pass; the operator sees the error in the log and the digest.
            report.errors.append(str(exc))
            log.error("sender configuration problem, nothing sent: %s", exc)
            with sessions.begin() as s:
                item = s.get(OutboxItem, item_id)
                assert item is not None
                item.last_error = str(exc)[:500]
                item.next_attempt_at = rt.stamp + timedelta(minutes=5)
            break
        except TransientMailError as exc:
            with sessions.begin() as s:
                item = s.get(OutboxItem, item_id)
                assert item is not None
                item.attempts += 1
                item.next_attempt_at = rt.stamp + backoff(item.attempts, rt.settings.mail.retry_base_seconds)
                item.last_error = str(exc)[:500]
            report.deferred += 1
            report.errors.append(str(exc))
            log.warning("send deferred (%s): %s", key, exc)
            break  # the server is unwell: do not hammer it with the rest of the queue this pass
        except PermanentMailError as exc:
            with sessions.begin() as s:
                item = s.get(OutboxItem, item_id)
                assert item is not None
                _park(s, rt, item, str(exc))
            report.parked += 1
            report.errors.append(str(exc))
            continue
        with sessions.begin() as s:
            item = s.get(OutboxItem, item_id)
            assert item is not None
            item.status, item.sent_at, item.attempts = "sent", rt.stamp, item.attempts + 1
            if item.kind == "signin":
                # The one-time link is stored only as its hash: once delivered, the mail's own copy goes.
                item.raw = b"(web sign-in link: removed once sent)"
            case = s.get(Case, item.case_id) if item.case_id else None
            audit(s, rt, "mail_sent", {"kind": item.kind, "to": item.recipient, "idem_key": item.idem_key,
                                       "clock": item.clock_key}, case)
        report.sent += 1
    return report


def _park(s: Session, rt: Runtime, item: OutboxItem, error: str) -> None:
    log.error("send refused permanently, parked (%s to %s): %s", item.kind, item.recipient, error)
    item.status, item.last_error, item.attempts = "parked", error[:500], item.attempts + 1
    case = s.get(Case, item.case_id) if item.case_id else None
    audit(s, rt, "mail_parked", {"kind": item.kind, "to": item.recipient, "error": error[:300]}, case)
    coordinators = routing.for_event(rt.settings, "triage")
    if item.kind == "triage" and item.recipient in coordinators:
        return  # telling the co-ordinator that mail to the co-ordinator failed would loop
    ctx: dict[str, object] = {"kind": item.kind, "recipient": item.recipient, "error": error[:300]}
    enqueue(s, rt, MailIntent("triage", "coordinator.triage.parked", coordinators, ctx, tag=f"parked-{item.id}"),
            case, None, f"outbox:{item.id}")
