"""Addresses mail cannot reach (refused for good, or deferred past mail.delay_alarm_hours) and who hears of it.

Each outbox row has one recipient; what this module adds is a per-address record of trouble, committed in the
same transaction as the attempt it describes (mailbox_state rows under "rcpt:<address>"), and cleared when a
mail to that address is accepted. A crash therefore repeats nothing and forgets nothing: the alarms it raises
are outbox rows whose idempotency key is the address, the day and the reader, so each reader is told of one
address at most once a day, whatever the number of passes, instances or restarts (round 20 B3/B4/B5).

Who is told, in tiers, the first tier holding an address not itself in trouble: for the co-ordinator's own
address (routing.triage) the other triage addresses and routing.unreachable, then routing.unreachable_wider;
for any other address the co-ordinator, then routing.unreachable, then routing.unreachable_wider. When no tier
has anyone, nobody can be told by mail: `csprbot status` says so and `status --check` exits 1.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from sqlalchemy import delete, func, or_, select
from sqlalchemy.orm import Session

from bot.domain import routing
from bot.domain.redact import shown_address
from bot.domain.smtp_reply import reply_meaning
from bot.settings import Settings
from bot.store.models import MailboxState, OutboxItem

if TYPE_CHECKING:
    from bot.apply import Runtime

log = logging.getLogger("csprbot.outbox")

PREFIX = "rcpt:"  # mailbox_state.mailbox of an address's record (inbox health uses the mailbox URL)
DEFERRED, REFUSED, ERROR = "delivery_deferred_since", "delivery_refused_since", "delivery_error"
_KEYS = (DEFERRED, REFUSED, ERROR)
UNREACHABLE_TAG = "unreachable"  # the alarm's tag (with the day): `refused:<address hash>:triage:unreachable-D:`
_LONGEST = 290  # mailbox_state.mailbox is 300 characters; no real address is longer (RFC 5321: 254)


@dataclass(frozen=True)
class Trouble:
    """One address mail cannot reach now: refused for good, or deferred since `deferred` past the threshold."""

    address: str  # lower case
    refused: datetime | None  # naive UTC, as outbox stamps
    deferred: datetime | None
    error: str

    @property
    def state(self) -> str:
        return "refused" if self.refused else "delayed"

    @property
    def since(self) -> datetime:
        since = self.refused or self.deferred
        assert since is not None
        return since


def _put(s: Session, address: str, key: str, value: str, replace: bool) -> None:
    _put_raw(s, PREFIX + address.lower(), key, value, replace)


def _put_raw(s: Session, mailbox: str, key: str, value: str, replace: bool) -> None:
    """One upsert: two instances recording the same address at once never conflict (the first run's start
    is kept by `replace=False`)."""
    if s.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        ins = pg_insert(MailboxState).values(mailbox=mailbox, key=key, value=value)
        keys = [MailboxState.mailbox, MailboxState.key]
        s.execute(ins.on_conflict_do_update(index_elements=keys, set_={"value": value}) if replace
                  else ins.on_conflict_do_nothing(index_elements=keys))
        return
    from sqlalchemy.dialects.sqlite import insert as lite_insert

    lins = lite_insert(MailboxState).values(mailbox=mailbox, key=key, value=value)
    lkeys = [MailboxState.mailbox, MailboxState.key]
    s.execute(lins.on_conflict_do_update(index_elements=lkeys, set_={"value": value}) if replace
              else lins.on_conflict_do_nothing(index_elements=lkeys))


def note_trouble(s: Session, rt: Runtime, address: str, error: str, refused: bool) -> None:
    """Record that `address` refused (5xx at RCPT) or deferred (4xx, 421 at RCPT) a mail now; the first time of
    a run of trouble is kept, so the delay counts from the first deferral, not the latest."""
    if len(address) > _LONGEST:
        return
    _put(s, address, REFUSED if refused else DEFERRED, rt.stamp.isoformat(), replace=False)
    _put(s, address, ERROR, server_words(error), replace=True)


def server_words(error: str) -> str:
    """The server's reply in an error as shown to people: its codes and a fixed meaning ("452 4.2.2: mailbox
    full"), never the server's free text, which can spell a child's name in a local part (round 22 B4)."""
    return reply_meaning(error)


def note_sent(s: Session, address: str) -> None:
    """A mail to `address` was accepted: its trouble is over."""
    s.execute(delete(MailboxState).where(MailboxState.mailbox == PREFIX + address.lower(),
                                         MailboxState.key.in_(_KEYS)))


SENDER = "sender:"  # mailbox_state.mailbox of our own sender's record: "sender:<bot address>"


def note_sender_deferred(s: Session, rt: Runtime, error: str) -> bool:
    """The server answered our MAIL FROM with a 4xx now: no mail can go to anyone (bot/mail/smtp.py). The first
    time of a run is kept; True once it has lasted mail.delay_alarm_hours (the caller logs an error then)."""
    address = rt.settings.partnership.bot_address.lower()[:_LONGEST]
    _put_raw(s, SENDER + address, DEFERRED, rt.stamp.isoformat(), replace=False)
    _put_raw(s, SENDER + address, ERROR, server_words(error), replace=True)
    since = s.scalar(select(MailboxState.value).where(MailboxState.mailbox == SENDER + address,
                                                      MailboxState.key == DEFERRED))
    return since is not None and datetime.fromisoformat(since) <= rt.stamp - threshold(rt.settings)


def note_sender_refused(s: Session, rt: Runtime, error: str) -> None:
    """The server answered our MAIL FROM with a 5xx now: an alarm at once (no mail can go to anyone)."""
    address = rt.settings.partnership.bot_address.lower()[:_LONGEST]
    _put_raw(s, SENDER + address, REFUSED, rt.stamp.isoformat(), replace=False)
    _put_raw(s, SENDER + address, ERROR, server_words(error), replace=True)


def note_sender_ok(s: Session) -> None:
    """A mail was accepted: our sender is taken again."""
    s.execute(delete(MailboxState).where(MailboxState.mailbox.startswith(SENDER), MailboxState.key.in_(_KEYS)))


def sender_trouble(s: Session, settings: Settings, stamp: datetime) -> dict[str, str] | None:
    """Our own sender held back at MAIL FROM past the threshold: since when (naive UTC) and the reply's codes."""
    rec = {key: value for key, value in s.execute(select(MailboxState.key, MailboxState.value).where(
        MailboxState.mailbox.startswith(SENDER), MailboxState.key.in_(_KEYS)))}
    if REFUSED in rec:
        return {"since": rec[REFUSED], "error": server_words(rec.get(ERROR, "")), "state": "refused"}
    if DEFERRED not in rec or datetime.fromisoformat(rec[DEFERRED]) > stamp - threshold(settings):
        return None
    return {"since": rec[DEFERRED], "error": server_words(rec.get(ERROR, "")), "state": "held back"}


def threshold(settings: Settings) -> timedelta:
    return timedelta(hours=settings.mail.delay_alarm_hours)


def troubles(s: Session, settings: Settings, stamp: datetime) -> list[Trouble]:
    """Every address refused for good, or deferred past the threshold while mail to it still waits (`stamp`:
    now, naive UTC as the outbox's)."""
    found: dict[str, dict[str, str]] = {}
    for mailbox, key, value in s.execute(select(MailboxState.mailbox, MailboxState.key, MailboxState.value)
                                         .where(MailboxState.mailbox.startswith(PREFIX),
                                                MailboxState.key.in_(_KEYS))):
        found.setdefault(mailbox[len(PREFIX):], {})[key] = value
    if not found:
        return []
    waiting = set(s.scalars(select(func.lower(OutboxItem.recipient)).where(
        OutboxItem.status == "pending", func.lower(OutboxItem.recipient).in_(list(found)))))
    late = stamp - threshold(settings)
    out: list[Trouble] = []
    for address, rec in sorted(found.items()):
        refused = datetime.fromisoformat(rec[REFUSED]) if REFUSED in rec else None
        deferred = datetime.fromisoformat(rec[DEFERRED]) if DEFERRED in rec else None
        if refused is not None or (deferred is not None and deferred <= late and address in waiting):
            out.append(Trouble(address, refused, deferred, server_words(rec.get(ERROR, ""))))
    return out


def _tiers(rt: Runtime, subject: str) -> list[tuple[str, ...]]:
    triage = routing.for_event(rt.settings, "triage")
    unreachable = routing.for_event(rt.settings, "unreachable")
    wider = routing.for_event(rt.settings, "unreachable_wider")
    if subject.lower() in (a.lower() for a in triage):
        return [(*triage, *unreachable), wider]
    return [triage, unreachable, wider]


def tellers(rt: Runtime, subject: str, bad: set[str]) -> tuple[tuple[str, ...], int]:
    """The first tier with an address that is neither `subject` nor in trouble, and its number (0 = first)."""
    for n, tier in enumerate(_tiers(rt, subject)):
        good = tuple(dict.fromkeys(a for a in tier if a.lower() != subject.lower() and a.lower() not in bad))
        if good:
            return good, n
    return (), -1


def alarm_key(address: str) -> str:
    """The alarm rows' source key: the address by hash (an idempotency key is not the place for it)."""
    return "refused:" + hashlib.sha256(address.lower().encode()).hexdigest()[:16]


def tell(s: Session, rt: Runtime, trouble: Trouble, bad: set[str]) -> int:
    """Queue today's alarm about `trouble` to the first reachable tier (no case, no child: an address, its
    roles, since when and the server's words by domain). Rows already queued today make it a no-op."""
    from bot.apply import enqueue  # rendering (jinja2): not for `csprbot status`, which only reads
    from bot.domain.effects import MailIntent

    to, tier = tellers(rt, trouble.address, bad)
    if not to:
        log.error("nobody reachable to tell that mail to %s is %s: set routing.unreachable_wider (csprbot status "
                  "shows it)", trouble.address, trouble.state)
        return 0
    roles = sorted(rt.settings.roles.holders(trouble.address))
    since = trouble.since.replace(tzinfo=None)
    waiting = s.scalar(select(func.count()).select_from(OutboxItem).where(
        OutboxItem.status == "pending", func.lower(OutboxItem.recipient) == trouble.address)) or 0
    ctx: dict[str, object] = {
        "recipient": shown_address(rt.settings, trouble.address), "error": trouble.error,
        "roles": ", ".join(roles) or "no role in the profile",
        "since": _local(rt.settings, since), "hours": int((rt.stamp - since).total_seconds() // 3600),
        "waiting": waiting, "widened": tier > 0, "kind": trouble.state,
        "coordinator": trouble.address in {a.lower() for a in routing.for_event(rt.settings, "triage")},
        "parked": s.scalar(select(func.count()).select_from(OutboxItem).where(
            OutboxItem.status == "parked", func.lower(OutboxItem.recipient) == trouble.address)) or 0,
    }
    template = "senior.notice.unreachable" if trouble.refused else "senior.notice.delayed"
    return enqueue(s, rt, MailIntent("triage", template, to, ctx, tag=f"{UNREACHABLE_TAG}-{rt.today.isoformat()}"),
                   None, None, alarm_key(trouble.address))


def raise_alarms(s: Session, rt: Runtime, only: str | None = None) -> int:
    """Tell of every standing trouble (or of `only`'s): a delayed address, the co-ordinator's refused one, and
    another refused address nobody has been told of while its parked rows' own notice to the co-ordinator
    (bot/outbox._park) is itself undelivered or the co-ordinator is in trouble too. A reader whose notice about
    an address nobody has heard of yet is deferred or refused is passed over for the next tier, down to
    routing.unreachable_wider (fix23d: a refused police address whose notice to a deferring co-ordinator told
    nobody)."""
    found = troubles(s, rt.settings, rt.stamp)
    bad = {t.address for t in found}
    triage = {a.lower() for a in routing.for_event(rt.settings, "triage")}
    queued = 0
    for t in found:
        if only is not None and t.address != only.lower():
            continue
        told, failing = notices_about(s, t)
        skip = set() if told else failing
        if t.refused and t.address not in triage and (told or not (skip | (bad & triage))):
            continue  # the parked rows' notice to the co-ordinator has told, or is on its way
        queued += tell(s, rt, t, bad | skip)
    return queued


def notices_about(s: Session, t: Trouble) -> tuple[set[str], set[str]]:
    """Who was told of `t` since it began (a notice the server accepted: this module's alarms about the address,
    or, for a refused address, the co-ordinator's notices about its parked rows), and who was meant to be and is
    not (their notice deferred at least once, or refused): readers in lower case."""
    parked_ids = list(s.scalars(select(OutboxItem.id).where(
        func.lower(OutboxItem.recipient) == t.address, OutboxItem.status == "parked")))
    keys = [OutboxItem.idem_key.startswith(alarm_key(t.address) + ":")]
    keys += [OutboxItem.idem_key.startswith(f"outbox:{i}:triage:parked-") for i in parked_ids[:200]]
    told: set[str] = set()
    failing: set[str] = set()
    for reader, status, attempts, error, sent_at, created_at in s.execute(
            select(OutboxItem.recipient, OutboxItem.status, OutboxItem.attempts, OutboxItem.last_error,
                   OutboxItem.sent_at, OutboxItem.created_at).where(or_(*keys))):
        if status == "sent" and sent_at is not None and sent_at >= t.since:
            told.add(reader.lower())
        elif created_at >= t.since and (status == "parked" or (status == "pending" and (attempts or error))):
            # tried and deferred, or held behind another mail to the same reader that the server deferred
            failing.add(reader.lower())
    return told, failing - told


def _local(settings: Settings, at: datetime) -> str:
    return at.replace(tzinfo=UTC).astimezone(ZoneInfo(settings.calendar.timezone)).strftime("%a %d %b %Y %H:%M")


def delivery_status(s: Session, settings: Settings, now: datetime) -> dict[str, Any]:
    """What `csprbot status`, the digest and the web view show: each address in trouble, who was told of it
    (alarms accepted by the server since the trouble began), and mail waiting past the threshold. `alarms`
    lists what a monitor must page on: the co-ordinator's mail not arriving, nobody told, mail stuck."""
    stamp = now.astimezone(UTC).replace(tzinfo=None)
    found = troubles(s, settings, stamp)
    triage = {a.lower() for a in routing.for_event(settings, "triage")}
    rows: list[dict[str, Any]] = []
    alarms: list[str] = []
    for t in found:
        # Told: this module's alarms about the address, or (a refused address) the co-ordinator's alarms about
        # its parked rows (bot/outbox._park), accepted by the server since the trouble began.
        told = sorted({shown_address(settings, r) for r in notices_about(s, t)[0]})
        counts = dict(s.execute(select(OutboxItem.status, func.count()).where(
            func.lower(OutboxItem.recipient) == t.address).group_by(OutboxItem.status)).all())
        shown = shown_address(settings, t.address)
        roles = sorted(settings.roles.holders(t.address))
        entry = {"address": shown, "roles": roles, "state": t.state, "since": _local(settings, t.since),
                 "error": t.error, "pending": counts.get("pending", 0), "parked": counts.get("parked", 0),
                 "told": told, "coordinator": t.address in triage}
        rows.append(entry)
        what = f"mail to {shown} ({', '.join(roles) or 'no role'}) {t.state} since {entry['since']}"
        if t.address in triage:
            alarms.append(f"{what}: the co-ordinator's mail is not arriving")
        if not told:
            # Whatever the address: a refused one's only notice (to the co-ordinator) can itself be deferred or
            # refused, and then nobody knows (fix23d).
            alarms.append(f"{what}: NOBODY has been told (no notice of it has been delivered: every address "
                          "that could be told is in trouble too, or the notice is still waiting)")
    sender = sender_trouble(s, settings, stamp)
    if sender is not None:
        # Our own sending held back (a 4xx to MAIL FROM, fix23d): every pass stops at its first mail, and a notice
        # to anyone would be held back alike, so this line (status, its --check, the banner, the log) is the alarm.
        sender = {"address": shown_address(settings, settings.partnership.bot_address), "state": sender["state"],
                  "since": _local(settings, datetime.fromisoformat(sender["since"])), "error": sender["error"]}
        alarms.append(f"mail from the partnership's own address {sender['address']} {sender['state']} by the mail "
                      f"server since {sender['since']} (server said: {sender['error']}): no mail can be sent to "
                      "anyone, the co-ordinator included; have the sending account checked")
    late = stamp - threshold(settings)
    stuck = s.execute(select(func.count(), func.min(OutboxItem.created_at)).where(
        OutboxItem.status == "pending", OutboxItem.created_at <= late)).one()
    stalled = None
    if stuck[0]:
        last = s.scalar(select(OutboxItem.last_error).where(
            OutboxItem.status == "pending", OutboxItem.created_at <= late, OutboxItem.last_error.is_not(None))
            .order_by(OutboxItem.next_attempt_at.desc()).limit(1))
        stalled = {"waiting": stuck[0], "oldest": _local(settings, stuck[1]),
                   "last_error": server_words(last) if last else "never tried"}
        alarms.append(f"{stuck[0]} mail(s) waiting over {settings.mail.delay_alarm_hours:g} h to be sent "
                      f"(oldest queued {stalled['oldest']}; last error: {stalled['last_error']})")
    return {"delay_alarm_hours": settings.mail.delay_alarm_hours, "troubles": rows, "stalled": stalled,
            "sender": sender, "alarms": alarms}


def banner_lines(status: dict[str, Any]) -> list[str]:
    """The web view's "Mail not arriving" banner: every alarm of `status` (delivery_status), then each address
    refused for good, which is not always an alarm (someone was told) but is mail that will never arrive until
    the address is corrected (fix23d: the banner showed only waiting mail). Addresses as shown (a stranger's by
    domain), reply codes with a fixed meaning, never the server's words."""
    lines = list(status["alarms"])
    for t in status["troubles"]:
        if t["state"] == "refused":
            lines.append(f"mail to {t['address']} ({', '.join(t['roles']) or 'no role'}) refused for good since "
                         f"{t['since']} ({t['error']}): {t['parked']} mail(s) parked; told: "
                         f"{', '.join(t['told']) or 'NOBODY'}")
    return lines
