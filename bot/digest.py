"""The co-ordinator's daily digest: what needs doing today, by case reference only.

One mail a working day (settings.digest.time, local) to settings.digest.recipients, in plain text and
HTML from templates/coordinator.digest.daily.*, with an .ics of upcoming due dates that Outlook imports.

Sections: new cases since the previous digest, decisions due, clocks due in the next 3 working days,
breached clocks, agency returns outstanding by agency, quarantined mail, refused commands since the
previous digest, mailbox health, and parked outbox items.

Data protection (DOMAIN.md): the digest carries case reference, stage, agency, due date and status, and
nothing about the child or family. Case.referral_json is never selected (queries name their columns),
and free text that can echo what a sender wrote (quarantine and refusal reasons) has its quoted and
bracketed parts blanked: parsers quote form values and attachment names there, which can be a name or
a date of birth. Addresses are printed by their domain only (`…@gmail.com`), but for the configuration's own
(roles, agencies' listed addresses, csprbot's) in the parked-mail list: a local part anyone chose can spell a
child's name (`alex.fictional.mum@gmail.com`); `csprbot quarantine list --all` names each sender.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, aliased, sessionmaker

from bot.apply import Runtime, enqueue
from bot.delivery import server_words
from bot.domain import routing
from bot.domain.clocks import calendar_for
from bot.domain.effects import MailIntent
from bot.domain.labels import label
from bot.domain.redact import clip as _clip
from bot.domain.redact import domain_only, scrub, shown_address
from bot.mail.health import parse_stamp, stale_mailboxes
from bot.render import render_text
from bot.settings import ROLES, Settings, insecure_reason
from bot.store.models import AgencyRequest, Case, Clock, Event, MailboxState, Message, OutboxItem
from bot.store.personal import restored
from bot.store.repo import open_case_ids, utc_naive

log = logging.getLogger("csprbot.digest")

TEMPLATE = "coordinator.digest.daily"
SOURCE_KEY = "digest"
ICS_NAME = "csprbot-due-dates.ics"
DECISION_CLOCKS = ("screening", "notification", "disagreement")
SOON_WD = 3  # "due soon": today up to the 3rd working day after it
ICS_HORIZON_WD = 20  # the calendar attachment looks about four weeks ahead

@dataclass
class Digest:
    date: date
    text: str
    html: str
    ics: bytes
    sections: dict[str, int]
    # The template context, so queue_digest renders exactly what build_digest showed.
    context: dict[str, object] = field(default_factory=dict, repr=False)


# --- helpers -------------------------------------------------------------------------------------

def _local(rt: Runtime, stamp: datetime) -> datetime:
    """A stored naive-UTC stamp as local partnership time."""
    return stamp.replace(tzinfo=UTC).astimezone(rt.cal.tz)


def _fmt_local(rt: Runtime, stamp: datetime) -> str:
    return _local(rt, stamp).strftime("%a %d %b %Y %H:%M")


def _when(rt: Runtime, due: date) -> str:
    """How far off a due date is, in working days (calendar days when no working day intervenes)."""
    today = rt.today
    if due == today:
        return "today"
    if due > today:
        n = rt.cal.working_days_between(today, due)
        if n == 0:  # e.g. a calendar-day clock due on a Saturday, seen on the Friday
            days = (due - today).days
            return f"in {days} day{'s' if days != 1 else ''}"
        return f"in {n} WD"
    n = rt.cal.working_days_between(due, today)
    return f"overdue by {n} WD" if n else "overdue"


def _informal(settings: Settings, key: str) -> bool:
    rule = settings.clocks.get(key)
    return bool(rule and rule.informal)


def _what(key: str, agency: str) -> str:
    return f"{label(key)} ({agency})" if agency else label(key)


# --- the window: "since the previous digest" -------------------------------------------------

@dataclass(frozen=True)
class Window:
    """What "since the previous digest" means for new cases and refused commands.

    After a digest: audit events with an id above that digest's own `mail_queued` event. Ids, not
    times: intake stamps a message's effects with the time it *arrived* (its Date header), so a
    referral sent on Friday evening but read after Monday's digest carries a Friday time, and a time
    window would lose it for good. The audit log is append-only, so ids only grow.

    With no earlier digest (a new install): events stamped at or after the previous working day's
    digest time.
    """

    after_event: int | None
    since: datetime  # naive UTC, for display

    def events(self) -> ColumnElement[bool]:
        if self.after_event is not None:
            return Event.id > self.after_event
        return Event.at >= self.since


def _window(s: Session, rt: Runtime) -> Window:
    """The previous digest is the latest one queued for an earlier day: a digest re-sent today, or one
    queued for a later day during a `--now` replay, does not move the window."""
    today = rt.today.isoformat()
    prev = s.execute(
        select(OutboxItem.idem_key, OutboxItem.created_at)
        .where(OutboxItem.kind == "digest", OutboxItem.idem_key.startswith(f"{SOURCE_KEY}:digest:"),
               # an explicit range on the unique key's index: LIKE alone may scan the whole outbox
               OutboxItem.idem_key >= f"{SOURCE_KEY}:digest:", OutboxItem.idem_key < f"{SOURCE_KEY}:digest:{today}")
        .order_by(OutboxItem.id.desc()).limit(1)
    ).first()
    if prev is not None:
        key, created = prev
        # Same transaction, same stamp: the digest's own audit event is among these few.
        for ev_id, detail in s.execute(select(Event.id, Event.detail)
                                       .where(Event.kind == "mail_queued", Event.at == created)):
            if detail.get("idem_key") == key:
                return Window(ev_id, created)
        return Window(None, created)  # the audit event is missing (restored store?): fall back to time
    since = utc_naive(rt.cal.at_local(rt.cal.add_working_days(rt.today, -1), rt.settings.digest.time))
    return Window(None, since)


# --- sections ------------------------------------------------------------------------------------
# Rows are small frozen records: the templates read their attributes, the tests read them too.

@dataclass(frozen=True)
class NewCase:
    ref: str
    stage: str
    opened: str  # local time, formatted
    late: bool


@dataclass(frozen=True)
class ClockRow:
    ref: str
    clock: str
    agency: str
    what: str  # "Agency return (Education)"
    due: date
    when: str  # "in 2 WD", "today", "overdue by 3 WD"
    informal: bool
    extended: bool
    overdue_wd: int


@dataclass(frozen=True)
class ReturnItem:
    ref: str
    requested: date | None
    due: date | None
    when: str
    late: bool


@dataclass(frozen=True)
class ReturnGroup:
    agency: str
    items: tuple[ReturnItem, ...]


@dataclass(frozen=True)
class Quarantined:
    id: int
    received: str
    reason: str


@dataclass(frozen=True)
class Refused:
    ref: str
    verb: str
    reason: str


@dataclass(frozen=True)
class Withheld:
    ref: str
    what: str  # "the referrer's letter (no rapid review)", "a routing mail"
    reason: str


@dataclass(frozen=True)
class MailboxHealth:
    mailbox: str
    health: str
    stale: bool
    last_check: str
    error: str


@dataclass(frozen=True)
class Parked:
    id: int
    kind: str
    to: str
    ref: str
    queued: str
    error: str


def _new_cases(s: Session, rt: Runtime, window: Window) -> list[NewCase]:
    # A case is new when its first audit event (written with the case) falls in the window: it has an
    # event in the window and none before its first one there. Read from the window's events (by id or
    # time index) and each such case's earlier events (by case index), never the whole log.
    # MATERIALIZED: the window's events first, by the id or time index; left to itself SQLite walks the
    # whole log in case_id order to save a sort.
    in_window = select(Event.id, Event.case_id).where(window.events()).cte("in_window").prefix_with("MATERIALIZED")
    first_in_window = (select(in_window.c.case_id, func.min(in_window.c.id).label("first"))
                       .where(in_window.c.case_id.is_not(None)).group_by(in_window.c.case_id).subquery())
    earlier = aliased(Event)
    before = (select(earlier.id).where(earlier.case_id == first_in_window.c.case_id,
                                       earlier.id < first_in_window.c.first).exists())
    rows = s.execute(
        select(Case.ref, Case.stage, Case.opened_at, Case.late_referral)
        .join(first_in_window, first_in_window.c.case_id == Case.id)
        .where(~before).order_by(Case.id)
    ).all()
    return [NewCase(ref, stage, _fmt_local(rt, opened), bool(late)) for ref, stage, opened, late in rows]


@dataclass(frozen=True)
class RunningClock:
    """The columns of a running clock the digest and its calendar read (not the ORM object)."""

    key: str
    agency: str
    due: date
    original_due: date


def _clock_row(rt: Runtime, c: RunningClock, ref: str) -> ClockRow:
    rule = rt.settings.clocks.get(c.key)
    own = calendar_for(rule, rt.cal) if rule else rt.cal  # a statutory clock's overdue days count closure days
    overdue = own.working_days_between(c.due, rt.today) if rt.today > c.due else 0
    return ClockRow(ref=ref, clock=c.key, agency=c.agency, what=_what(c.key, c.agency), due=c.due,
                    when=_when(rt, c.due), informal=_informal(rt.settings, c.key),
                    extended=c.due != c.original_due, overdue_wd=overdue)


def _running(s: Session, until: date) -> list[tuple[RunningClock, str]]:
    """Running clocks the digest shows: due by `until` (overdue ones included), and decision clocks
    whatever their date. By index on (state, due) and (key, state): the cost follows the clocks due,
    not the number of open cases."""
    cols = (Clock.key, Clock.agency, Clock.due, Clock.original_due, Case.ref)
    due = select(*cols).join(Case, Case.id == Clock.case_id).where(Clock.state == "running", Clock.due <= until)
    decisions = (select(*cols).join(Case, Case.id == Clock.case_id)
                 .where(Clock.key.in_(DECISION_CLOCKS), Clock.state == "running", Clock.due > until))
    rows = [(RunningClock(key, agency, d, orig), ref) for q in (due, decisions)
            for key, agency, d, orig, ref in s.execute(q)]
    rows.sort(key=lambda r: (r[0].due, r[1], r[0].key, r[0].agency))
    return rows


def _returns(s: Session, rt: Runtime) -> list[ReturnGroup]:
    """Requested, not received, grouped by agency; a closed case's requests are no longer chased."""
    rows = s.execute(
        select(AgencyRequest.agency, AgencyRequest.requested_on, Case.ref, Clock.due, Clock.state)
        .join(Case, Case.id == AgencyRequest.case_id)
        .outerjoin(Clock, (Clock.case_id == AgencyRequest.case_id) & (Clock.key == "agency_return")
                   & (Clock.agency == AgencyRequest.agency))
        .where(AgencyRequest.requested_on.is_not(None), AgencyRequest.received_on.is_(None),
               Case.stage != "closed")
        .order_by(AgencyRequest.agency, Clock.due, Case.ref)
    ).all()
    groups: dict[str, list[ReturnItem]] = {}
    for agency, requested, ref, due, state in rows:
        if state not in (None, "running"):
            continue  # the clock was stopped (e.g. CLOSE): nobody is waiting for this return any more
        groups.setdefault(agency, []).append(ReturnItem(
            ref=ref, requested=requested, due=due, when=_when(rt, due) if due else "no due date",
            late=bool(due and rt.today > due)))
    return [ReturnGroup(a, tuple(items)) for a, items in groups.items()]


@dataclass(frozen=True)
class ActionItem:
    ref: str
    n: str  # "#1"
    owner: str
    due: date
    when: str
    late: bool


def _actions(s: Session, rt: Runtime) -> list[ActionItem]:
    """Open learning actions (issue #11), soonest first: case, number, owner, due. Not the action's text,
    which is free text typed by the co-ordinator. By index on (key, state): the cost follows open actions."""
    rows = s.execute(select(Case.ref, Case.facts, Clock.agency, Clock.due).join(Case, Case.id == Clock.case_id)
                     .where(Clock.key == "learning_action", Clock.state == "running")
                     .order_by(Clock.due, Case.ref, Clock.agency)).all()
    out: list[ActionItem] = []
    ids = open_case_ids(s) if rows else None  # every open case's stored keys: one query, no form read
    for ref, facts, n, due in rows:
        actions = (facts or {}).get("actions") if isinstance(facts, dict) else None
        action = next((a for a in (actions if isinstance(actions, list) else [])
                       if isinstance(a, dict) and f"#{a.get('n')}" == n), {})
        # The owner as every view shows it (routing.shown_owner: role, agency, secure address), never as typed:
        # an action recorded before owners were checked may name a child. (The form is not read here: the
        # digest never reads the personal data; an address spelling a family name is refused when the action is
        # set, and marked when a CORRECT of the form makes it one; the open cases' stored name and date-of-birth
        # keys are read, so an older action spelling any open case's child is hidden too.)
        out.append(ActionItem(ref, n, _clip(routing.shown_owner(rt.settings, action, ids), 60), due, _when(rt, due),
                              rt.today > due))
    return out


def _quarantined(s: Session, rt: Runtime) -> list[Quarantined]:
    # Sender, subject and body stay out: only what the operator needs to find it.
    rows = s.execute(select(Message.id, Message.received_at, Message.reason)
                     .where(Message.status == "quarantined").order_by(Message.id)).all()
    return [Quarantined(mid, _fmt_local(rt, at), scrub(reason) or "no reason recorded")
            for mid, at, reason in rows]


@dataclass(frozen=True)
class IgnoredSender:
    sender: str
    count: int


@dataclass(frozen=True)
class UnnotedFollowUps:
    ref: str
    count: int


def _unnoted_follow_ups(s: Session, window: Window) -> list[UnnotedFollowUps]:
    """Mail filed on a case as a follow-up beyond the day's notes (bot/intake._file_follow_up sends at most
    NOTICE_BURST a day per case): counted here by case, so that no filed mail goes untold (stranger round 19, B2:
    a death reported as the fourth follow-up of a day reached no one). The reference and a count only."""
    in_window = select(Event.id).where(window.events()).cte("follow_up_window").prefix_with("MATERIALIZED")
    rows = s.execute(select(Event.kind, Case.ref).join(Case, Case.id == Event.case_id)
                     .where(Event.id.in_(select(in_window.c.id)),
                            Event.kind.in_(("follow_up_filed", "follow_up_notice")))).all()
    counts: dict[str, int] = {}
    for kind, ref in rows:
        counts[ref] = counts.get(ref, 0) + (1 if kind == "follow_up_filed" else -1)
    return [UnnotedFollowUps(ref, n) for ref, n in sorted(counts.items()) if n > 0]


IGNORED_KINDS = ("auto_reply_ignored", "own_mail_ignored")


def _ignored(s: Session, window: Window) -> list[IgnoredSender]:
    """Mail not acted on because it was only an automatic reply or csprbot's own: counted by the sender's domain,
    so nothing is ignored without the co-ordinator seeing it (`csprbot quarantine list --all` lists each one with
    its sender). The domain only: an automatic reply's From line is anyone's choice and can spell a child's name."""
    in_window = select(Event.id).where(window.events()).cte("ignored_window").prefix_with("MATERIALIZED")
    rows = s.execute(select(Event.actor).where(Event.id.in_(select(in_window.c.id)),
                                               Event.kind.in_(IGNORED_KINDS))).all()
    counts: dict[str, int] = {}
    for (actor,) in rows:
        who = domain_only(actor).removeprefix("…@") if actor and "@" in actor else "(no clean From)"
        counts[who] = counts.get(who, 0) + 1
    return [IgnoredSender(_clip(a, 80), n) for a, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def _refused(s: Session, window: Window) -> list[Refused]:
    # The window's events first (by the id or time index), then their kind: a kind index is not
    # selective enough for SQLite's planner to prefer it over walking the whole log in id order.
    in_window = select(Event.id).where(window.events()).cte("refused_window").prefix_with("MATERIALIZED")
    rows = s.execute(
        select(Event.detail, Case.ref).outerjoin(Case, Case.id == Event.case_id)
        .where(Event.id.in_(select(in_window.c.id)), Event.kind == "command_refused").order_by(Event.id)
    ).all()
    # A reason repeating what was typed is kept apart from the log (bot/store/personal.py): read back while held.
    details = restored(s, [detail or {} for detail, _ in rows])
    return [Refused(ref or "(no case)", _clip(str(detail.get("verb") or "?"), 40),
                    scrub(str(detail.get("reason") or "")) or "no reason recorded")
            for detail, (_, ref) in zip(details, rows, strict=True)]


WITHHELD_KINDS = ("letter_withheld", "mail_unaddressed", "send_refused")


def _withheld(s: Session, window: Window) -> list[Withheld]:
    """Mail csprbot did not send although the process called for it (a referrer's letter to an address it may not
    write to, personal mail to an address off the secure allowlist): listed so that the co-ordinator can tell the
    person another way. Never the address (it may be anyone's), only what was withheld and why."""
    in_window = select(Event.id).where(window.events()).cte("withheld_window").prefix_with("MATERIALIZED")
    rows = s.execute(
        select(Event.kind, Event.detail, Case.ref).outerjoin(Case, Case.id == Event.case_id)
        .where(Event.id.in_(select(in_window.c.id)), Event.kind.in_(WITHHELD_KINDS)).order_by(Event.id)
    ).all()
    out: list[Withheld] = []
    for kind, detail, ref in rows:
        if kind == "letter_withheld":
            what = f"the {detail.get('to') or 'referrer'}'s letter ({detail.get('outcome') or 'outcome'})"
            why = str(detail.get("reason") or "")
        elif kind == "mail_unaddressed":
            what, why = str(detail.get("what") or "a mail"), str(detail.get("reason") or "")
        else:  # send_refused's reason names the address: say only that its domain is not on the allowlist
            what = f"a {detail.get('kind') or 'case'} mail"
            why = "the recipient's domain is not on the secure allowlist"
        out.append(Withheld(ref or "(no case)", _clip(what, 120), scrub(why) or "no reason recorded"))
    return out


def _age(delta: timedelta) -> str:
    minutes = max(0, int(delta.total_seconds() // 60))
    if minutes < 120:
        return f"{minutes} min"
    hours = minutes // 60
    return f"{hours} h" if hours < 48 else f"{hours // 24} days"


def _mailboxes(s: Session, rt: Runtime) -> list[MailboxHealth]:
    """Last check and last error per mailbox; stale when unchecked for mail.stale_after_minutes.

    The configured inbox is always listed when it is a server (a local Maildir records no checks),
    so a mailbox that has never connected shows up as "never checked" rather than not at all.
    """
    state: dict[str, dict[str, str]] = {}
    for mailbox, key, value in s.execute(
        select(MailboxState.mailbox, MailboxState.key, MailboxState.value)
        .where(MailboxState.key.in_(("last_check", "last_error")))
    ):
        state.setdefault(mailbox, {})[key] = value
    inbox = rt.settings.mail.inbox.split("?")[0]  # as the adapters name it (url.redacted())
    if not inbox.startswith("maildir:"):
        state.setdefault(inbox, {})
    # One staleness rule for the digest and check-config: bot.mail.health's.
    stale = {h.mailbox for h in stale_mailboxes({m: v.get("last_check") for m, v in state.items()}, rt.now,
                                                 rt.settings.mail.stale_after_minutes)}
    out: list[MailboxHealth] = []
    for mailbox in sorted(state):
        vals = state[mailbox]
        checked = parse_stamp(vals.get("last_check"))
        if checked is None:
            health, last = "never checked", "never"
        else:
            age = _age(rt.now - checked)
            health = f"STALE: last checked {age} ago" if mailbox in stale else f"ok, checked {age} ago"
            last = checked.astimezone(rt.cal.tz).strftime("%a %d %b %Y %H:%M")
        out.append(MailboxHealth(mailbox, health, mailbox in stale, last, _clip(vals.get("last_error"))))
    return out


def _parked(s: Session, rt: Runtime) -> list[Parked]:
    rows = s.execute(
        select(OutboxItem.id, OutboxItem.kind, OutboxItem.recipient, OutboxItem.created_at,
               OutboxItem.last_error, Case.ref)
        .outerjoin(Case, Case.id == OutboxItem.case_id)
        .where(OutboxItem.status == "parked").order_by(OutboxItem.id)
    ).all()
    # the server's free text can spell a child's name in a local part: its codes and their meaning only
    return [Parked(oid, kind, shown_address(rt.settings, rcpt), ref or "", _fmt_local(rt, created),
                   server_words(err) if err else "no error recorded")
            for oid, kind, rcpt, created, err, ref in rows]


# --- the calendar attachment ---------------------------------------------------------------------

def event_uid(ref: str, key: str, agency: str, due: date, domain: str) -> str:
    """Stable per case + clock + agency + due date: a re-import updates the event, never doubles it."""
    digest = hashlib.sha256(f"{ref}|{key}|{agency}|{due.isoformat()}".encode()).hexdigest()[:32]
    return f"{digest}@{domain}"


def _ics_text(value: str) -> str:
    """An iCalendar TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and newlines escaped."""
    return (value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n"))


def _ics_line(name: str, value: str) -> str:
    """One content line folded at 75 octets (RFC 5545 3.1), never inside a UTF-8 character, and not
    straight after a backslash (some clients mis-read an escape split across lines)."""
    line = f"{name}:{value}"
    if len(line) <= 75 and (line.isascii() or len(line.encode()) <= 75):
        return line + "\r\n"
    parts: list[str] = []
    if line.isascii():  # the usual case: cut by slicing
        start, limit = 0, 75
        while len(line) - start > limit:
            end = start + limit
            if line[end - 1] == "\\":
                end -= 1
            parts.append(line[start:end])
            start, limit = end, 74  # continuation lines start with a space
        parts.append(line[start:])
        return "\r\n ".join(parts) + "\r\n"
    cur: list[str] = []
    size, limit = 0, 75
    for ch in line:
        n = len(ch.encode())
        if cur and size + n > limit:
            carry = cur.pop() if len(cur) > 1 and cur[-1] == "\\" else None
            parts.append("".join(cur))
            cur, size, limit = ([carry], 1, 74) if carry else ([], 0, 74)
        cur.append(ch)
        size += n
    parts.append("".join(cur))
    return "\r\n ".join(parts) + "\r\n"


def build_ics(rt: Runtime, running: list[tuple[RunningClock, str]]) -> bytes:
    """All-day events for running clocks due from today to ICS_HORIZON_WD working days ahead.

    Written directly rather than through the icalendar library's component model, which cost ~1.5 ms
    an event (a calendar of a few thousand due dates took seconds); tests read it back with icalendar.
    """
    horizon = rt.cal.add_working_days(rt.today, ICS_HORIZON_WD)
    domain = rt.settings.partnership.bot_address.rsplit("@", 1)[-1]
    stamp = rt.now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    out = ["BEGIN:VCALENDAR\r\n", "VERSION:2.0\r\n", _ics_line("PRODID", "-//csprbot//CSPR due dates//EN"),
           "CALSCALE:GREGORIAN\r\n", "METHOD:PUBLISH\r\n", _ics_line("X-WR-CALNAME", "CSPR due dates")]
    per_key: dict[str, tuple[bool, str]] = {}  # clock key -> (informal, who is chased)
    for c, ref in running:
        if not rt.today <= c.due <= horizon:
            continue
        if c.key not in per_key:
            rule = rt.settings.clocks.get(c.key)
            per_key[c.key] = (_informal(rt.settings, c.key),
                              ", ".join(r.replace("_", " ") for r in rule.responsible) if rule else "")
        informal, who = per_key[c.key]
        what = _what(c.key, c.agency)
        desc = f"Case {ref}. {what}: due {c.due.isoformat()}."
        desc += " Informational: no chaser." if informal else (f" Chased: {who}." if who else "")
        desc += f" Details: csprbot case {ref}"
        end = c.due + timedelta(days=1)
        out += ["BEGIN:VEVENT\r\n",
                _ics_line("SUMMARY", _ics_text(f"{ref}: {what} {'expected' if informal else 'due'}")),
                f"DTSTART;VALUE=DATE:{c.due.year:04d}{c.due.month:02d}{c.due.day:02d}\r\n",
                f"DTEND;VALUE=DATE:{end.year:04d}{end.month:02d}{end.day:02d}\r\n",
                f"DTSTAMP:{stamp}\r\n",
                _ics_line("UID", _ics_text(event_uid(ref, c.key, c.agency, c.due, domain))),
                "CLASS:CONFIDENTIAL\r\n",
                _ics_line("DESCRIPTION", _ics_text(desc)),
                "TRANSP:TRANSPARENT\r\n",  # a due date, not a meeting: do not block the diary
                "END:VEVENT\r\n"]
    out.append("END:VCALENDAR\r\n")
    return "".join(out).encode()


# --- the digest ----------------------------------------------------------------------------------

def build_digest(s: Session, rt: Runtime) -> Digest:
    """The digest for rt.today, read from the store (reads only; the caller's transaction)."""
    window = _window(s, rt)
    today = rt.today
    soon_until = rt.cal.add_working_days(today, SOON_WD)
    horizon = rt.cal.add_working_days(today, ICS_HORIZON_WD)
    running = _running(s, max(soon_until, horizon))

    rows = [_clock_row(rt, c, ref) for c, ref in running]
    decisions = [r for r in rows if r.clock in DECISION_CLOCKS]
    # Informal clocks (the Panel's response) are never "breached": past their date they stay here.
    due_soon = [r for r in rows if today <= r.due <= soon_until or (r.informal and today > r.due)]
    breached = sorted((r for r in rows if not r.informal and today > r.due),
                      key=lambda r: (-r.overdue_wd, r.due, r.ref, r.what))
    returns = _returns(s, rt)
    actions = _actions(s, rt)
    quarantined = _quarantined(s, rt)
    refused = _refused(s, window)
    withheld = _withheld(s, window)
    ignored = _ignored(s, window)
    unnoted = _unnoted_follow_ups(s, window)
    mailboxes = _mailboxes(s, rt)
    parked = _parked(s, rt)
    new_cases = _new_cases(s, rt, window)
    from bot.delivery import delivery_status

    # Addresses mail cannot reach and who was told (round 20): read here when the digest itself gets through.
    delivery = delivery_status(s, rt.settings, rt.now)

    sections = {
        "new_cases": len(new_cases),
        "decisions_due": len(decisions),
        "due_soon": len(due_soon),
        "breached": len(breached),
        "returns_outstanding": sum(len(g.items) for g in returns),
        "learning_actions": len(actions),
        "quarantined": len(quarantined),
        "refused_commands": len(refused),
        "withheld": len(withheld),
        "ignored": sum(i.count for i in ignored),
        "mailboxes_stale": sum(1 for m in mailboxes if m.stale),
        "parked": len(parked),
    }
    ctx: dict[str, object] = {
        "date": today,  # render.subject_for puts it in the subject: "Daily digest 2026-03-10"
        "since": _fmt_local(rt, window.since),
        "soon_wd": SOON_WD,
        "soon_until": soon_until,
        "horizon_wd": ICS_HORIZON_WD,
        "ics_name": ICS_NAME,
        "sections": sections,
        "new_cases": new_cases,
        "decisions": decisions,
        "due_soon": due_soon,
        "breached": breached,
        "returns": returns,
        "actions": actions,
        "quarantined": quarantined,
        "refused": refused,
        "withheld": withheld,
        "ignored": ignored,
        "unnoted_follow_ups": unnoted,
        "mailboxes": mailboxes,
        "parked": parked,
        "delivery": delivery,
    }
    text, html = render_text(TEMPLATE, {"partnership": rt.settings.partnership.name, "ref": None, **ctx})
    if html is None:
        raise FileNotFoundError(f"templates/{TEMPLATE}.html is missing")
    return Digest(date=today, text=text, html=html, ics=build_ics(rt, running), sections=sections,
                  context=ctx)


def recipients(settings: Settings) -> tuple[str, ...]:
    """settings.digest.recipients: roles resolve to their addresses, bare addresses as given; no repeats.

    Only secure-domain addresses: the digest names no child, but it does list live reviews of harmed
    and dead children, so it travels where case mail may (a role address is already checked at load).
    """
    out: list[str] = []
    for r in settings.digest.recipients:
        for a in routing.addresses(settings, [r]) if r in ROLES else (r.strip(),):
            if a.lower() in (x.lower() for x in out):
                continue
            if why := insecure_reason(a, settings.secure_domains):
                log.warning("digest not sent to %s", why)
                continue
            out.append(a)
    return tuple(out)


def _idem_key(rt: Runtime, rcpt: str) -> str:
    # Must match bot.apply.enqueue's f"{source_key}:{kind}:{tag}:{rcpt}".
    return f"{SOURCE_KEY}:digest:{rt.today.isoformat()}:{rcpt.lower()}"


def queue_digest(sessions: sessionmaker[Session], rt: Runtime, force: bool = False) -> int:
    """Queue today's digest to every recipient not yet sent it today; returns how many were queued.

    Once a day per recipient whatever `force` says (the outbox idempotency key carries the date).
    `force` only lifts the working-day rule, for an operator's `digest --send` on a Saturday.
    """
    if not force and not rt.cal.is_working_day(rt.today):
        return 0
    to = recipients(rt.settings)
    if not to:
        return 0
    try:
        with sessions.begin() as s:
            have = set(s.scalars(select(OutboxItem.idem_key)
                                 .where(OutboxItem.idem_key.in_([_idem_key(rt, a) for a in to]))))
            pending = tuple(a for a in to if _idem_key(rt, a) not in have)
            if not pending:
                return 0  # the usual case, once a minute: do not build a digest nobody will get
            digest = build_digest(s, rt)
            intent = MailIntent("digest", TEMPLATE, pending, digest.context, tag=rt.today.isoformat(),
                                personal=True, attachments=((ICS_NAME, "text/calendar", digest.ics),))
            return enqueue(s, rt, intent, None, None, SOURCE_KEY)
    except IntegrityError:
        # Another instance queued the same digest between our check and our commit: theirs stands.
        log.info("digest for %s already queued elsewhere", rt.today.isoformat())
        return 0


def send_digest_if_due(sessions: sessionmaker[Session], rt: Runtime) -> int:
    """On a working day at or after settings.digest.time (local), queue today's digest once."""
    local = rt.now.astimezone(rt.cal.tz)
    if not rt.cal.is_working_day(local.date()):
        return 0
    if local.time() < rt.settings.digest.time.replace(tzinfo=None):
        return 0
    return queue_digest(sessions, rt)
