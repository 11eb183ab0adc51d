"""Delivers committed outbox items: retry with backoff, park on permanent failure, cap per recipient.

Items are claimed first (a lease per row: several instances never send the same one), then each is
marked sent in its own transaction right after the server accepts it. A crash between the two means one
resend with the same Message-ID, which receiving servers and Outlook de-duplicate.

Each row has one recipient. A recipient the server defers (4xx at RCPT) holds that recipient's mail only;
the server being unwell (down, 421, the connection lost, a 4xx to the transaction) stops the pass.
A refusal of the role that hears of parked mail (routing.triage) is told to routing.unreachable instead,
once a day per refused address; so is a deferral that lasts past mail.delay_alarm_hours, for any address
(bot/delivery.py: the per-address record, and the wider roles told when those are unreachable too).
"""

from __future__ import annotations

import logging
import re
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import case as sql_case
from sqlalchemy import func, or_, select, update
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.sql.elements import ColumnElement

from bot.apply import Runtime, audit, enqueue
from bot.delivery import (
    UNREACHABLE_TAG,
    Trouble,
    note_sender_deferred,
    note_sender_ok,
    note_sender_refused,
    note_sent,
    note_trouble,
    raise_alarms,
    server_words,
    tell,
    troubles,
)
from bot.domain import routing
from bot.domain.effects import MailIntent
from bot.domain.redact import shown_address
from bot.domain.strangers import UNVERIFIED_TAG
from bot.mail.base import (
    MailConfigError,
    PermanentMailError,
    RecipientClosedError,
    RecipientDeferredError,
    RecipientRefusedAtDataError,
    RecipientRefusedError,
    Sender,
    SenderDeferredError,
    SenderRefusedError,
    TransientMailError,
)
from bot.store.blobs import load_raw
from bot.store.claims import instance_name, wall_now
from bot.store.models import Case, OutboxItem

log = logging.getLogger("csprbot.outbox")
MAX_BACKOFF = timedelta(hours=1)
NOTICE_KINDS = ("triage", "digest")  # notices to the co-ordinator; every other kind is case mail
# Recipients deferred one after another with nothing accepted between: past this the server defers everyone
# (a relay's own trouble answered at RCPT), so the pass stops as for any server-wide 4xx.
DEFERRED_IN_A_ROW = 10


@dataclass
class Report:
    sent: int = 0
    deferred: int = 0
    parked: int = 0
    errors: list[str] = field(default_factory=list)
    # inbound messages read once a pass, however many copies go out (bot/original.py)
    originals: dict[int, bytes | None] = field(default_factory=dict, repr=False)
    # recipients (lower case) the server deferred this pass -> when their deferred mail is next due: their
    # other mail waits with it instead of asking again; everyone else's goes on
    held: dict[str, datetime] = field(default_factory=dict, repr=False)
    # ... and the server's reply to it (codes and a fixed meaning), kept on the mail held behind it: the stalled
    # line of `csprbot status` reads the newest waiting row, which said "no reply code" (stranger round 24 B2)
    held_words: dict[str, str] = field(default_factory=dict, repr=False)
    deferred_in_a_row: int = 0


def backoff(attempts: int, base: float = 30.0) -> timedelta:
    """30 s, 1, 2, 4 ... minutes, capped at an hour: a mail server down for a minute costs a minute."""
    return min(timedelta(seconds=base * 2 ** max(0, attempts - 1)), MAX_BACKOFF)


def _unverified() -> ColumnElement[bool]:
    """A stranger's routing mail: its idempotency key is `<source>:routing:<UNVERIFIED_TAG>:<recipient>`."""
    return OutboxItem.idem_key.contains(f":routing:{UNVERIFIED_TAG}:", autoescape=True)


def _delivery_alarm() -> ColumnElement[bool]:
    """bot/delivery.py's alarms: `refused:<address hash>:triage:unreachable-<day>:<reader>`."""
    return OutboxItem.idem_key.contains(f":triage:{UNREACHABLE_TAG}-", autoescape=True)


CLAIM_BATCH = 50  # claimed at a time: a dead instance strands at most this many for one lease


def claim_due(sessions: sessionmaker[Session], rt: Runtime, holder: str, limit: int) -> list[int]:
    """One short transaction: claim up to `limit` due items nobody else holds (SKIP LOCKED on PostgreSQL,
    so two instances claiming at once each get different rows and neither waits)."""
    now = wall_now()
    with sessions.begin() as s:
        q = (select(OutboxItem.id)
             .where(OutboxItem.status == "pending", OutboxItem.next_attempt_at <= rt.stamp,
                    or_(OutboxItem.claim_until.is_(None), OutboxItem.claim_until < now,
                        OutboxItem.claimed_by == holder))
             # Case mail first: a flood of notices must never hold a referral's routing mail behind it; and a
             # stranger's routing (bot/strangers.py) after the rest, so a flood of it cannot either.
             # Within the strangers' lane, in turns: every flood's first referral before any flood's second.
             # Before all of it, the alarms that someone's mail is not arriving (round 20): at most one a day per
             # address in trouble and reader, so never a flood, and a 421 on a case mail cannot hold them back.
             .order_by(sql_case((_delivery_alarm(), -1), (OutboxItem.kind.in_(NOTICE_KINDS), 2), (_unverified(), 1),
                                else_=0),
                       func.coalesce(OutboxItem.lane_rank, 0), OutboxItem.id).limit(limit))
        if s.get_bind().dialect.name == "postgresql":
            q = q.with_for_update(skip_locked=True)
        ids = list(s.scalars(q))
        if not ids:
            return []
        # The condition again in the UPDATE: SQLite's driver runs the SELECT outside the write transaction,
        # so only the rows this statement itself changed are ours.
        got = s.scalars(
            update(OutboxItem)
            .where(OutboxItem.id.in_(ids), OutboxItem.status == "pending",
                   or_(OutboxItem.claim_until.is_(None), OutboxItem.claim_until < now,
                       OutboxItem.claimed_by == holder))
            .values(claimed_by=holder, claim_until=now + timedelta(seconds=rt.settings.store.lease_seconds))
            .returning(OutboxItem.id))
        mine = set(got)
        return [i for i in ids if i in mine]  # in the SELECT's order: case mail first


def deliver_due(sender: Sender, sessions: sessionmaker[Session], rt: Runtime, limit: int = 500) -> Report:
    """Claim, send, mark sent: the only way a mail goes out twice is a crash between the server's 250 and
    the commit of "sent" (the resend carries the same Message-ID)."""
    report = Report()
    holder = instance_name()
    _alarms(sessions, rt)
    done = 0
    while done < limit:
        ids = claim_due(sessions, rt, holder, min(CLAIM_BATCH, limit - done))
        if not ids:
            break
        done += len(ids)
        stop = False
        for n, item_id in enumerate(ids):
            if _deliver_one(sender, sessions, rt, holder, item_id, report):
                stop = True
                _unclaim(sessions, holder, ids[n + 1:])
                break
        if stop:
            break
    return report


def _alarms(sessions: sessionmaker[Session], rt: Runtime) -> None:
    """Before the pass, so an alarm that fell due goes out in it: each address deferred past the threshold (or
    the co-ordinator's refused) is told of today, once (bot/delivery.py)."""
    try:
        with sessions.begin() as s:
            raise_alarms(s, rt)
    except IntegrityError:  # another instance queued the same alarm at the same moment: it is queued
        log.info("alarm already queued by another instance")


def _unclaim(sessions: sessionmaker[Session], holder: str, ids: list[int]) -> None:
    if ids:
        with sessions.begin() as s:
            s.execute(update(OutboxItem).where(OutboxItem.id.in_(ids), OutboxItem.claimed_by == holder)
                      .values(claimed_by=None, claim_until=None))


def _deliver_one(sender: Sender, sessions: sessionmaker[Session], rt: Runtime, holder: str, item_id: int,
                 report: Report) -> bool:
    """Send one claimed item; True when the pass should stop (the server or our configuration is unwell)."""
    cap = rt.settings.mail.rate_cap_per_hour
    now = wall_now()
    with sessions.begin() as s:
        # Renewed for the send itself (the claim outlives any one SMTP conversation), and only if still ours.
        mine = s.execute(
            update(OutboxItem)
            .where(OutboxItem.id == item_id, OutboxItem.status == "pending", OutboxItem.claimed_by == holder,
                   OutboxItem.claim_until >= now)
            .values(claim_until=now + timedelta(seconds=rt.settings.store.lease_seconds)))
        if mine.rowcount != 1:  # type: ignore[attr-defined]
            return False  # sent meanwhile, or our claim ran out and another instance has it now
        item = s.get(OutboxItem, item_id)
        assert item is not None
        # The cap is per recipient *and kind*: notices sent to the co-ordinator during a flood never use
        # up the allowance a referral's routing mail to the same person needs.
        # Strangers' routing is counted apart from other routing, so a flood of it never uses up the
        # allowance a known agency's referral needs (and the other way round).
        lane = _unverified() if UNVERIFIED_TAG in item.idem_key.split(":") else ~_unverified()
        if item.lane_rank == 1:
            # A flood's first referral competes only with other floods' firsts (at most the strangers' total
            # allowance plus one per agency an hour), so floods spread over several passes that fill the lane's
            # cap never hold back the first referral of a sender nobody has heard from yet. A loop is one
            # sender's: its second mail on is rank 2 and capped as before.
            lane = lane & (OutboxItem.lane_rank == 1)
        recent = s.scalar(select(func.count(OutboxItem.id)).where(
            OutboxItem.recipient == item.recipient, OutboxItem.kind == item.kind, OutboxItem.status == "sent",
            OutboxItem.sent_at >= rt.stamp - timedelta(hours=1), lane))
        if (recent or 0) >= cap and item.kind != "digest":
            # A mail loop or a runaway rule: hold the rest for an hour rather than flood someone.
            item.next_attempt_at = rt.stamp + timedelta(hours=1)
            item.last_error = f"rate cap: {cap} {item.kind} mails an hour to this recipient"
            item.claimed_by = item.claim_until = None
            report.deferred += 1
            return False
        raw, rcpt, key = item.raw, item.recipient, item.idem_key
        if (until := report.held.get(rcpt.lower())) is not None:
            # The server deferred this recipient a moment ago: this mail waits with that one (no attempt
            # counted), so one full mailbox costs one RCPT a pass, not one per queued mail.
            item.next_attempt_at = max(item.next_attempt_at, until)
            item.last_error = ("waiting: the server deferred another mail to this recipient "
                               f"({report.held_words.get(rcpt.lower(), 'no reply')})")
            item.claimed_by = item.claim_until = None
            report.deferred += 1
            return False
        raw = _with_original(s, raw, report.originals)
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
            item.claimed_by = item.claim_until = None
            if isinstance(exc, SenderRefusedError):  # a 5xx to MAIL FROM: an alarm at once (status, banner)
                note_sender_refused(s, rt, str(exc))
        return True
    except TransientMailError as exc:
        with sessions.begin() as s:
            item = s.get(OutboxItem, item_id)
            assert item is not None
            item.attempts += 1
            item.next_attempt_at = rt.stamp + backoff(item.attempts, rt.settings.mail.retry_base_seconds)
            item.last_error = str(exc)[:500]
            item.claimed_by = item.claim_until = None
            until = item.next_attempt_at
            if isinstance(exc, RecipientDeferredError | RecipientClosedError):
                # Counted against the address (committed with the attempt): one that lasts is told (round 20).
                note_trouble(s, rt, rcpt, str(exc), refused=False)
            lasting = isinstance(exc, SenderDeferredError) and note_sender_deferred(s, rt, str(exc))
        report.deferred += 1
        report.errors.append(str(exc))
        if lasting:
            # No mail can tell anyone of this (every mail is held back at MAIL FROM alike): the log, `csprbot
            # status` (--check exits 1) and the web banner are where it shows (fix23d).
            log.error("the mail server has held back our sender for over %g h, nothing can be sent (%s): %s",
                      rt.settings.mail.delay_alarm_hours, key, exc)
        else:
            log.warning("send deferred (%s): %s", key, exc)
        if isinstance(exc, RecipientDeferredError):
            # Only this recipient (its mailbox full, greylisting): its mail waits, everyone else's goes on.
            report.held[rcpt.lower()] = until
            report.held_words[rcpt.lower()] = server_words(str(exc))
            report.deferred_in_a_row += 1
            return report.deferred_in_a_row >= DEFERRED_IN_A_ROW
        return True  # the server is unwell: do not hammer it with the rest of the queue this pass
    except PermanentMailError as exc:
        with sessions.begin() as s:
            item = s.get(OutboxItem, item_id)
            assert item is not None
            item.claimed_by = item.claim_until = None
            # At RCPT or at end of DATA, the address refused: one path records it (stranger round 24 B2).
            _park(s, rt, item, str(exc), address_refused=isinstance(exc, RecipientRefusedError),
                  content_seen=not isinstance(exc, RecipientRefusedError) or isinstance(
                      exc, RecipientRefusedAtDataError))
        report.parked += 1
        report.errors.append(str(exc))
        return False
    # The server has it: recording that must not fail for a moment's lock, or the mail goes out again.
    for attempt in range(5):
        try:
            _mark_sent(sessions, rt, item_id)
            break
        except OperationalError:
            if attempt == 4:
                raise
            time.sleep(0.2 * 2 ** attempt)
    report.sent += 1
    report.deferred_in_a_row = 0
    return False


def _mark_sent(sessions: sessionmaker[Session], rt: Runtime, item_id: int) -> None:
    with sessions.begin() as s:
        item = s.get(OutboxItem, item_id)
        assert item is not None
        item.status, item.sent_at, item.attempts = "sent", rt.stamp, item.attempts + 1
        item.claimed_by = item.claim_until = None
        note_sent(s, item.recipient)
        note_sender_ok(s)
        if item.kind == "signin":
            # The one-time link is stored only as its hash: once delivered, the mail's own copy goes.
            item.raw = b"(web sign-in link: removed once sent)"
        case = s.get(Case, item.case_id) if item.case_id else None
        audit(s, rt, "mail_sent", {"kind": item.kind, "to": item.recipient, "idem_key": item.idem_key,
                                   "clock": item.clock_key}, case)


def _with_original(s: Session, raw: bytes, cache: dict[int, bytes | None]) -> bytes:
    """The mail as sent: the stored inbound message spliced into its placeholder (bot/original.py)."""
    from bot import original

    mark = original.placeholder(raw)
    if mark is None:
        return raw
    if mark[0] not in cache:
        cache.clear()  # one large original in memory at a time
        cache[mark[0]] = load_raw(s, mark[0])
    return original.fill(raw, cache[mark[0]])


def _park(s: Session, rt: Runtime, item: OutboxItem, error: str, address_refused: bool = False,
          content_seen: bool = True) -> None:
    log.error("send refused permanently, parked (%s to %s): %s", item.kind, item.recipient, error)
    item.status, item.last_error, item.attempts = "parked", error[:500], item.attempts + 1
    case = s.get(Case, item.case_id) if item.case_id else None
    audit(s, rt, "mail_parked", {"kind": item.kind, "to": item.recipient, "error": error[:300]}, case)
    # Refused at RCPT, the server never saw the content: a copy without the attachment would be refused alike,
    # and its refusal was a second alarm for the one refusal (round 18). Refused at DATA or its end it did (552,
    # too large): the copy is tried, and its acceptance clears the address's trouble (note_sent).
    retried = _retry_without_original(s, rt, item, error, case) if content_seen else False
    if address_refused:
        note_trouble(s, rt, item.recipient, error, refused=True)
    coordinators = routing.for_event(rt.settings, "triage")
    refused = item.recipient.lower()
    if refused in (a.lower() for a in coordinators):
        _tell_unreachable(s, rt, item, error)
        if _is_alarm(item):
            # The co-ordinator's notice about another address refused: that address is told of further (fix23d).
            raise_alarms(s, rt)
        return
    if _is_alarm(item):
        # An alarm refused: never an alarm about it (that would loop), but whatever it told of is told again
        # to the next tier, now that this reader is known to be unreachable too (round 20 B3).
        if address_refused:
            raise_alarms(s, rt)
        return
    ctx: dict[str, object] = {"kind": item.kind, "recipient": shown_address(rt.settings, item.recipient),
                              "error": server_words(error),
                              "retried": retried}
    enqueue(s, rt, MailIntent("triage", "coordinator.triage.parked", coordinators, ctx, tag=f"parked-{item.id}"),
            case, None, f"outbox:{item.id}")


def _is_alarm(item: OutboxItem) -> bool:
    """A mail telling someone that mail was refused (by its idempotency key's kind and tag)."""
    return item.kind == "triage" and any(f":triage:{tag}-" in item.idem_key
                                         for tag in ("parked", UNREACHABLE_TAG))


def _tell_unreachable(s: Session, rt: Runtime, item: OutboxItem, error: str) -> None:
    """Mail to the role told of parked mail is itself refused: telling that role would be refused too (round 18
    B2: alarm, digest and further alarms all parked at the one address). So the other triage addresses and
    routing.unreachable are told instead (routing.unreachable_wider when those are unreachable too), once a day
    per refused address, however many rows it parks. A refusal at DATA or its end (552, a content policy) is
    recorded and told the same way (stranger round 24 B2)."""
    found = troubles(s, rt.settings, rt.stamp)
    refused = item.recipient.lower()
    trouble = next((t for t in found if t.address == refused and t.refused), None)
    if trouble is None:
        trouble = Trouble(refused, rt.stamp, None, server_words(error))
    tell(s, rt, trouble, {t.address for t in found})


def _retry_without_original(s: Session, rt: Runtime, item: OutboxItem, error: str, case: Case | None) -> bool:
    """A refused mail that carried the referral as received goes again without it, listing how to fetch it.

    The usual refusal is size (552): the receiving server's limit is below ours. Case mail must still
    reach the role; the attachment is what the co-ordinator can fetch with `csprbot export`.
    """
    from bot import original
    from bot.render import message_id_for

    if original.placeholder(item.raw) is None:
        return False
    key = f"{item.idem_key[:280]}:refit"
    if s.scalar(select(OutboxItem.id).where(OutboxItem.idem_key == key)) is not None:
        return False
    found = re.search(r"\b5\d\d\b", error)
    code = found.group(0) if found else "a permanent refusal"
    raw = original.without_original(item.raw, f"{item.recipient}'s mail server refused it with the attachment "
                                              f"({code})")
    domain = rt.settings.partnership.bot_address.rsplit("@", 1)[-1]
    raw = _swap_message_id(raw, message_id_for(key, domain))
    s.add(OutboxItem(idem_key=key, case_id=item.case_id, kind=item.kind, clock_key=item.clock_key,
                     recipient=item.recipient, subject=item.subject, raw=raw, status="pending", attempts=0,
                     next_attempt_at=rt.stamp, created_at=rt.stamp))
    audit(s, rt, "mail_refit", {"kind": item.kind, "to": item.recipient, "idem_key": key,
                                "was": item.idem_key}, case)
    return True


def _swap_message_id(raw: bytes, message_id: str) -> bytes:
    end = raw.find(b"\n\n")
    head, body = raw[:end], raw[end:]
    lines = [(b"Message-ID: " + message_id.encode()) if ln.lower().startswith(b"message-id:") else ln
             for ln in head.split(b"\n")]
    return b"\n".join(lines) + body
