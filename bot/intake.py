"""Mailbox → parse → decide → one transaction → acknowledge; quarantine what cannot be read.

Order matters: the message, the case, its clocks and every outbound mail are committed together, and
only then is the message moved in the mailbox. A crash before the move means the message is seen again,
found by its dedupe key, and simply moved. One bad message never stops the loop.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from email.parser import BytesHeaderParser
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from bot.apply import Runtime, apply, audit, enqueue, source_raw
from bot.domain import overtaken, routing
from bot.domain.authres import auth_fields, verdict
from bot.domain.commands import decide_command, decide_return, refuse
from bot.domain.duplicates import LETTER_NAME, lookup_keys, match_case, names_another_child, related_incident
from bot.domain.effects import Audit, MailIntent, SetStage
from bot.domain.redact import reason_codes, shown_address
from bot.domain.referral import plan_referral, received_ack, referrer_address
from bot.domain.refs import find_ref, format_ref
from bot.domain.sender import judge_from
from bot.domain.typed import restore
from bot.mail.base import InboundMail, Inbox, header_block
from bot.store.blobs import store_raw
from bot.store.claims import drop_lease, instance_name, release_lease, try_lease
from bot.store.models import RELEASABLE, Case, Event, Message
from bot.store.personal import held
from bot.store.repo import (
    case_by_ref,
    incident_candidates,
    lock_incident,
    open_case_ids,
    release_case_numbers,
    reserve_case_number,
    sibling_candidates,
    snapshot,
    use_case_number,
)
from bot.strangers import ration
from parsers.classify import QUOTED_OWN_MAIL
from parsers.headerbound import POLICY as BOUNDED_POLICY
from parsers.headerbound import bound_message

log = logging.getLogger("csprbot.intake")
TRUSTED_CHANNELS = ("cli", "web")  # `csprbot act` and the web view: see _handle


@dataclass(frozen=True)
class Outcome:
    status: str  # processed | quarantined | ignored | duplicate | busy (another instance has it: not moved)
    detail: str = ""
    ref: str | None = None


@dataclass(frozen=True)
class Headers:
    message_id: str | None
    sender: str | None  # the one clean From mailbox; None when the From line cannot be trusted
    subject: str
    own: bool  # one of csprbot's own mails coming back
    auth_results: tuple[str | None, ...] = ()  # bot.domain.authres.auth_fields
    from_problem: str | None = None  # why the From line cannot be trusted (bot/domain/sender.py)
    from_domain: str | None = None
    claimed_from: str = ""  # the From line as written, for the quarantine reason
    claimed_date: str | None = None  # the sender's Date: header, kept for the record, never used by a clock
    subjects: int = 1  # Subject header fields: two can name two cases, and readers pick different ones
    message_ids: int = 1  # Message-ID header fields: two let a replay hide behind a new one
    dates: int = 1  # Date header fields: one added above a signed mail's own changes what a replay compares
    bounds: tuple[str, ...] = ()  # what parsers.headerbound cut or left unread before anything was decoded
    no_answer: str | None = None  # why RFC 3834 forbids answering it (parsers.autoreply.no_answer_reason)


def read_headers(raw: bytes) -> Headers:
    """Each header is read on its own: one the email package cannot parse (`Message-ID: <>`) leaves the
    others readable; the From line is judged on its raw values as written, never through that parser.
    Fields are bounded first (parsers/headerbound.py): a 2 MB Subject once held the loop for minutes."""
    bounded = bound_message(raw)
    raw = bounded.raw
    fields = raw_fields(raw)

    def values(name: str) -> list[str]:
        return [v for n, v in fields if n.strip().lower() == name]

    from parsers.autoreply import no_answer_reason

    line = judge_from(values("from"))
    if "from" in bounded.cut:  # what was cut away is what a reader would have judged: not a sender to act as
        line = replace(line, address=None, domain=None, problem="a From line over the length csprbot reads")
    try:
        h = BytesHeaderParser(policy=BOUNDED_POLICY).parsebytes(header_block(raw))
    except Exception:  # a header block the email package cannot even split: read what the raw fields say
        h = None

    def parsed(name: str) -> str:
        if h is None:
            return ""
        try:
            return str(h.get(name, "") or "").strip()
        except Exception:  # this one header is unreadable: the others still count
            return ""

    # A refolded Message-ID, or one with a comment beside it, is the same one.
    mid = "".join(re.sub(r"\([^()]*\)", "", parsed("Message-ID")).split())
    if not _usable_mid(mid):
        mid = ""  # `<>`, `<@>`: no identity; the message is deduplicated by its content alone
    return Headers(mid or None, line.address, parsed("Subject") or (values("subject") or [""])[0],
                   any(v.strip() for v in values("x-csprbot-kind")), tuple(auth_fields(fields)), line.problem,
                   line.domain, line.shown, parsed("Date") or None, len(values("subject")),
                   len(values("message-id")), len(values("date")), bounded.notes,
                   no_answer_reason(fields + list(bounded.dropped), line.address))


def _usable_mid(mid: str) -> bool:
    """A Message-ID that names something: not `<>`, `<@>`, `<x@>` (many unrelated mails carry those)."""
    inner = mid.removeprefix("<").removesuffix(">")
    left, _, right = inner.rpartition("@") if "@" in inner else ("x", "", inner)
    return bool(left.strip(" @<>")) and bool(right.strip(" @<>.")) and not any(c in inner for c in "<> \t")


def raw_fields(raw: bytes) -> list[tuple[str, str]]:
    """Every header field as written, top first: (name, value unfolded, encoded-words kept).

    Raw 8-bit bytes are read as UTF-8 (SMTPUTF8); bytes that are not UTF-8 become NUL, which the From judge
    refuses as it refuses any control character."""
    ends = [i for i in (raw.find(b"\r\n\r\n"), raw.find(b"\n\n")) if i >= 0]
    text = raw[: min(ends, default=len(raw))].decode("utf-8", "replace").replace("\ufffd", "\x00")
    out: list[tuple[str, list[str]]] = []
    for line in text.replace("\r\n", "\n").split("\n"):
        if line[:1] in (" ", "\t"):
            if out:
                out[-1][1].append(line)
            continue
        field, colon, value = line.partition(":")
        if colon:
            out.append((field, [value]))
    return [(name, "".join(parts).strip()) for name, parts in out]


def raw_header_values(raw: bytes, name: str) -> list[str]:
    """Every value of header `name` as written, however oddly spaced or cased (see `raw_fields`)."""
    return [v for n, v in raw_fields(raw) if n.strip().lower() == name]


# Header fields each hop adds on the way in: two deliveries of one message differ in these, never in content.
_TRACE = ("received", "return-path", "delivered-to", "x-original-to", "authentication-results", "received-spf",
          "x-received", "x-spam-", "arc-", "x-ms-exchange-", "x-forefront-", "x-microsoft-antispam")


def content_digest(raw: bytes) -> str:
    """sha256 of the message's content: the same mail redelivered, or replayed with trivial changes, hashes the
    same. Left out: trace header fields each hop adds and X- fields (a gateway's stamp); header names are
    compared lower-case (`Message-Id` is `Message-ID`) and values unfolded with their spacing collapsed (a
    refolded Subject); line endings and blank lines or spaces at the very end of the body do not count."""
    ends = [i for i in (raw.find(b"\r\n\r\n"), raw.find(b"\n\n")) if i >= 0]
    end = min(ends, default=len(raw))
    fields: list[tuple[bytes, list[bytes]]] = []
    for line in raw[:end].replace(b"\r\n", b"\n").split(b"\n"):
        if line[:1] in (b" ", b"\t"):
            if fields:
                fields[-1][1].append(line)
            continue
        name, _, value = line.partition(b":")
        fields.append((name.strip().lower(), [value]))
    digest = hashlib.sha256()
    for name, parts in fields:
        text = name.decode("latin-1")
        if text.startswith(_TRACE) or text.startswith("x-"):
            continue
        digest.update(name + b":" + b" ".join(b"".join(parts).split()) + b"\n")
    digest.update(b"\n")
    # Line endings normalised (a store may hand back CRLF what arrived as LF), a megabyte at a time so a
    # large body is never copied whole; trailing white space is held back until more text follows it.
    body, carry, step = memoryview(raw)[end:], b"", 1 << 20
    for i in range(0, len(body), step):
        chunk = (carry + bytes(body[i:i + step])).replace(b"\r\n", b"\n")
        kept = chunk.rstrip(b" \t\r\n")
        carry = chunk[len(kept):]
        digest.update(kept)
    return digest.hexdigest()


def dedupe_key(raw: bytes, mid: str | None) -> tuple[str, str]:
    """(key, sha256 of the raw bytes). The key is the Message-ID *and* the content: a reused Message-ID with
    other content is another message (the collision is audited), the same bytes again are a no-op."""
    sha = hashlib.sha256(raw).hexdigest()
    content = content_digest(raw)
    return (f"mid:{mid[:200]}#{content[:40]}" if mid else f"sha:{content}"), sha


def _earlier(s: Session, key: str, mid: str | None, sha: str) -> tuple[Message | None, list[int]]:
    """(the row this message already has, ids of other messages that used its Message-ID)."""
    row = s.scalar(select(Message).where(Message.dedupe_key == key))
    if mid is None:
        return row, []
    prefix = f"mid:{mid[:200]}#"
    # A range on the unique key (not LIKE): the index answers it, and Message-IDs may hold % or _.
    others = [m for m in s.scalars(select(Message).where(Message.dedupe_key >= prefix,
                                                          Message.dedupe_key < prefix[:-1] + "$"))
              if m.dedupe_key != key]
    if row is None and (same := next((m for m in others if m.sha256 == sha), None)) is not None:
        # The very same bytes under a key computed by an older content digest: the same message.
        row = same
        others = [m for m in others if m is not same]
    # Rows keyed by Message-ID alone (before content joined the key): the same bytes are the same message.
    legacy = s.scalar(select(Message).where(Message.dedupe_key == f"mid:{mid[:280]}"))
    if legacy is not None:
        if row is None and legacy.sha256 == sha:
            row = legacy
        elif legacy.sha256 != sha:
            others.append(legacy)
    return row, [m.id for m in others]


def process_one(item: InboundMail, sessions: sessionmaker[Session], rt: Runtime,
                received: Callable[[InboundMail, datetime], datetime] | None = None,
                keep_claim: bool = False) -> Outcome:
    """Commit the effects of one message (or find it was already committed). Does not touch the inbox.

    The message is claimed first (a lease named by its dedupe key, in a short transaction of its own) and
    the claim is dropped in the transaction that commits its effects: while one instance works it, another
    gets "busy" and leaves it alone; if the worker dies, its lease runs out and the message is worked again.
    """
    hdr = read_headers(item.raw)
    if received is not None:
        # Clocks count from when the mail arrived (our side's receipt time), not from when csprbot got round
        # to it, and never from the sender's Date: header.
        rt = replace(rt, now=received(item, rt.now), processing=rt.queued_now)
    key, sha = dedupe_key(item.raw, hdr.message_id)
    claim, holder = f"in:{key}", instance_name()
    if not try_lease(sessions, claim, holder, rt.settings.store.lease_seconds):
        return Outcome("busy", "being worked by another instance")
    for _attempt in range(3):
        try:
            with sessions.begin() as s:
                row, reused = _earlier(s, key, hdr.message_id, sha)
                if row is not None and row.status != "released":
                    _drop(s, claim, holder, keep_claim)
                    return Outcome("duplicate", row.status, None)
                row = row or _new_row(s, rt, item, hdr, key, sha)
                if reused:
                    # Same Message-ID, other content: a new message all the same (never lost as a duplicate).
                    audit(s, rt, "message_id_reused", {"message": row.id, "earlier": reused[:20],
                                                       "message_id": (hdr.message_id or "")[:200]}, actor=hdr.sender)
                # The sender's Date: is kept for the record only: clocks count from received_at (our side).
                # Flags another client set (IMAP \Deleted, \Draft): processed all the same, shown here.
                flags = {"flags": list(item.flags)} if item.flags else {}
                audit(s, rt, "mail_received", {"message": row.id, "mailbox": item.mailbox, "sha256": sha,
                                               "received_at": rt.stamp.isoformat(timespec="seconds"),
                                               "claimed_date": hdr.claimed_date, **flags}, actor=hdr.sender)
                if hdr.bounds:
                    audit(s, rt, "headers_bounded", {"message": row.id, "notes": list(hdr.bounds)}, actor=hdr.sender)
                with _raw_last(s, row, item.raw):
                    outcome = _handle(s, rt, row, hdr, key, reused)
                _drop(s, claim, holder, keep_claim)
                return outcome
        except IntegrityError:
            # Another instance committed this message (its lease ran out under it), or a case number or
            # reminder at the same moment: never an internal error. Look again; the next try sees its row.
            log.info("write conflict on %s: trying again", item.source_id)
            continue
        except OperationalError:
            _release_quietly(sessions, claim, holder)
            raise  # database locked/unavailable: transient, the message stays in the inbox for next pass
        except Exception as exc:  # a bug or hostile input we did not foresee: keep the mail, tell a human
            log.exception("processing %s failed", item.source_id)
            reason = f"internal error while processing: {type(exc).__name__}: {exc}"[:500]
            with sessions.begin() as s:
                row = s.scalar(select(Message).where(Message.dedupe_key == key))
                if row is not None and row.status != "released":
                    _drop(s, claim, holder, keep_claim)
                    return Outcome("duplicate", row.status, None)  # another instance's row: not ours to mark
                row = row or _new_row(s, rt, item, hdr, key, sha)
                _drop(s, claim, holder, keep_claim)
                release_case_numbers(s, number_holder(key))  # a number it had reserved goes to the next case
                release_case_numbers(s, number_holder(f"{key}:form"))  # and one for a form beside a command
                with _raw_last(s, row, item.raw):
                    return _quarantine(s, rt, row, hdr, key, reason)
    _release_quietly(sessions, claim, holder)
    return Outcome("busy", "write conflicts with another instance: left for the next pass")


def _drop(s: Session, claim: str, holder: str, keep: bool) -> None:
    if not keep:
        drop_lease(s, claim, holder)


def claim_name(item: InboundMail) -> str:
    return f"in:{dedupe_key(item.raw, read_headers(item.raw).message_id)[0]}"


def _release_quietly(sessions: sessionmaker[Session], claim: str, holder: str) -> None:
    try:
        release_lease(sessions, claim, holder)
    except Exception:  # the database is down: the lease simply runs out
        log.debug("could not release %s", claim, exc_info=True)


def _new_row(s: Session, rt: Runtime, item: InboundMail, hdr: Headers, key: str, sha: str) -> Message:
    # raw is written last (see _raw_last): a row inserted with it and then updated is stored twice over.
    row = Message(dedupe_key=key, message_id=hdr.message_id, sha256=sha, mailbox=item.mailbox,
                  source_id=item.source_id, sender=hdr.sender, size=len(item.raw), raw=None,
                  received_at=rt.stamp, status="processing")
    s.add(row)
    s.flush()
    return row


@contextmanager
def _raw_last(s: Session, row: Message, raw: bytes) -> Iterator[None]:
    """Store the raw message as the last write of the transaction, once.

    SQLite rewrites a whole row (its blob included) on any UPDATE, and allocates the new copy before
    freeing the old: a 68 MB message inserted and then marked processed grew the file by 136 MB. While
    the message is handled its bytes are in `s.info["pending_raw"]` (bot.apply.source_raw reads them).
    """
    if row.raw is not None:
        yield
        return
    pending = s.info.setdefault("pending_raw", {})
    pending[row.id] = raw
    try:
        yield
        s.flush()
        store_raw(s, row, raw)
    finally:
        pending.pop(row.id, None)


OWN_TEXT = "own-text"  # _parse_target's third element: the sender's own text, not the parse


def _parse_target(arg: tuple[Any, ...]) -> Any:
    if len(arg) > 2 and arg[2] == OWN_TEXT:
        return _own_text(arg[0])
    from parsers import parse_message

    return parse_message(arg[0], known_domains=arg[1])


def _own_text(raw: bytes) -> str:
    """What the sender wrote in every body part, quoted history and forwarded blocks cut (parsers.reply)."""
    from parsers.message import walk_message
    from parsers.reply import unquoted_lines

    walked = walk_message(raw)
    return "\n".join("\n".join(unquoted_lines(t)) for t in [walked.body, *walked.body_texts])[:OWN_TEXT_LIMIT]


OWN_TEXT_LIMIT = 20_000  # a follow-up is a few lines; its evidence is read from the start of what was written
_WORKERS: dict[tuple[float, int], Any] = {}  # one warm parse child per budget, per process


def parse_within_budget(rt: Runtime, raw: bytes) -> Any:
    """The message parsed in a child process within the configured work budget (bot/budget.py), or the
    one-line reason it was not."""
    from bot.budget import OverBudget

    try:
        return _within_budget(rt, (raw, rt.settings.domain_map()))
    except OverBudget as exc:
        return str(exc)


def own_text_within_budget(rt: Runtime, raw: bytes) -> str | None:
    """The sender's own text (_own_text), read within the same work budget; None when it was not."""
    try:
        text = _within_budget(rt, (raw, {}, OWN_TEXT))
    except Exception:  # over the budget, or unreadable: no evidence, and the mail takes its old path
        return None
    return text if isinstance(text, str) else None


def _within_budget(rt: Runtime, arg: tuple[Any, ...]) -> Any:
    import parsers  # noqa: F401  the heavy imports happen here, once, so every forked child has them

    mail = rt.settings.mail
    if mail.work_budget_seconds <= 0 or not hasattr(os, "fork"):
        return _parse_target(arg)
    from bot.budget import Budget, Worker

    key = (mail.work_budget_seconds, mail.work_budget_mb)
    worker = _WORKERS.get(key)
    if worker is None:
        worker = _WORKERS[key] = Worker(_parse_target, Budget(*key))
    return worker.call(arg, size=len(arg[0]))


def _handle(s: Session, rt: Runtime, row: Message, hdr: Headers, key: str, earlier: list[int] | None = None) -> Outcome:
    from parsers.autoreply import AUTO_SUBMITTED
    from parsers.classify import UNREAD_OWN

    if hdr.own and hdr.sender == rt.settings.partnership.bot_address.lower():
        row.status, row.kind, row.reason = "ignored", "own", "csprbot's own mail coming back"
        audit(s, rt, "own_mail_ignored", {"message": row.id}, actor=hdr.sender)
        return Outcome("ignored", "csprbot's own mail")
    # A command typed at the terminal or in the web view carries no Authentication-Results: who sent it is
    # settled by the channel (a shell on the server; a session from a link mailed to the address).
    via_channel = _via_channel(row)
    source: bytes | None = None  # what is parsed, when not the stored message itself
    if not via_channel:
        # A delivery report pasting or attaching the copy of a mail we sent: read with the copy cut to its headers,
        # as a multipart/report's is (stranger round 14, break 4; bot/bounces.py).
        from bot.bounces import own_report

        source = own_report(s, source_raw(s, row) or b"", hdr.sender, rt.settings.partnership.bot_address)
    if not via_channel and (forged := _forged(rt, hdr)):
        # Judged before it is read (stranger round 11): mail that fails sender authentication is quarantined
        # whatever it says (a referral opens no case, a return is not credited), so reading it first only let
        # a stranger's slow-to-read flood hold the genuine mail behind it. The co-ordinator's release, "open as
        # referral" and new-case read the stored bytes themselves.
        # A report whose returned copy is a mail we sent (bot/bounces.py) is read as such even unmarked: Exchange's
        # postmaster NDR in a mailbox that keeps no Return-Path says nothing else of itself.
        marker = hdr.no_answer or (f"a delivery report of our own mail from {hdr.sender}" if source else None)
        if not marker:
            return _unauthenticated(s, rt, row, hdr, key, forged, "unread")
        # Mail marked automatic (RFC 3834) is read only to tell an unauthenticated bounce or out-of-office (ignored,
        # as before) from the rest, and that is judged from its structure alone (parsers/automatic.py): forged mail
        # so marked carrying documents or much text is not read either (stranger round 12).
        from parsers.automatic import reading

        look = reading(source if source is not None else source_raw(s, row) or b"", hdr.sender)
        if look.raw is None:
            return _unauthenticated(s, rt, row, hdr, key, forged, "unread", (marker, look.why))
        source = look.raw
    parsed = parse_within_budget(rt, source if source is not None else source_raw(s, row) or b"")
    if isinstance(parsed, str):
        audit(s, rt, "over_budget", {"message": row.id, "reason": parsed}, actor=hdr.sender)
        return _quarantine(s, rt, row, hdr, key, parsed)
    row.kind = parsed.kind
    row.parse_json = parsed.to_json_dict()
    if parsed.kind == "auto_reply":
        # Only mail whose content is nothing but an automatic reply or a delivery report: kept, audited with
        # its sender, counted in the digest and listed by `csprbot quarantine list --all`.
        row.status = "ignored"
        row.reason = next((w for w in parsed.warnings if w.startswith("automatic reply")), "automatic reply")
        audit(s, rt, "auto_reply_ignored", {"message": row.id, "reason": row.reason}, actor=hdr.sender)
        return Outcome("ignored", "auto-reply: never answered")
    # Mail csprbot must not answer (RFC 3834: automatic, from a list, a null return path): whatever it is, no
    # acknowledgement, confirmation, refusal or notice goes back to its sender.
    quiet = hdr.no_answer or next((w for w in parsed.warnings if w.startswith(AUTO_SUBMITTED)), None)
    if quiet:
        rt = replace(rt, no_answer_to=hdr.sender)
    if parsed.kind in ("referral", "agency_return", "reply") and not via_channel and (forged := _forged(rt, hdr)):
        return _unauthenticated(s, rt, row, hdr, key, forged, parsed.kind)
    apart = False
    if (decided := _own_text_decides(s, rt, row, hdr, parsed)) is not None:
        # what the sender wrote above the quote, not the quoted form or a plain reply, is what the mail is
        parsed, apart = decided
        row.kind, row.parse_json = parsed.kind, parsed.to_json_dict()
    if parsed.kind == "referral":
        return _referral(s, rt, row, hdr, key, parsed, apart=apart)
    ref = parsed.case_ref or find_ref(hdr.subject)
    if parsed.kind == "agency_return":
        return _return(s, rt, row, hdr, key, parsed, ref)
    if parsed.kind == "reply" and parsed.command is not None and quiet:
        # An auto-reply quotes the mail it answers, and our invitations quote commands ("reply DISAGREE: ..."):
        # a command in automatic mail may be nobody's. Held for the co-ordinator, not applied, not answered.
        verb = parsed.command.verb
        if parsed.as_form is not None:
            return _as_form(s, rt, row, hdr, key, parsed, "a command in an automatic reply is not applied")
        audit(s, rt, "command_held_automatic", {"message": row.id, "verb": verb, "reason": quiet[:200]},
              actor=hdr.sender)
        return _quarantine(s, rt, row, hdr, key, f"{verb}: {AUTOMATIC_COMMAND} ({_why_quiet(quiet)})")
    # A reply whose content csprbot cannot read (parsers.classify._unread_own) falls through to quarantine below,
    # before any case is looked up: what a sender hears does not depend on whether the reference exists.
    if parsed.kind == "reply" and not (parsed.command is None
                                       and any(w.startswith(UNREAD_OWN) for w in parsed.warnings)):
        return _reply(s, rt, row, hdr, key, parsed, ref, earlier or [])
    if parsed.kind == "unknown" and (case := _thread_news(s, rt, row, hdr, parsed)) is not None:
        return _file_follow_up(s, rt, row, hdr, key, case, "thread")
    reason = short_reason(parsed.warnings) or "not a referral, agency return or command I can recognise"
    if any(w.startswith("secure mail:") for w in parsed.warnings) and hdr.sender:
        # Encrypted mail or a portal notice: the sender is asked (no personal data in the reply) to use
        # the partnership's secure route; the co-ordinator sees it in quarantine.
        enqueue(s, rt, MailIntent("triage", "sender.triage.secure_route", (hdr.sender,), tag="secure-route",
                                  reply=True), None, row, key)
    if any(w.lower().startswith("looks like a child protection referral") for w in parsed.warnings) and hdr.sender:
        enqueue(s, rt, MailIntent("triage", "sender.triage.misdirected", (hdr.sender,), tag="misdirected",
                                  reply=True), None, row, key)
    return _quarantine(s, rt, row, hdr, key, reason)


def _via_channel(row: Message) -> bool:
    """Typed at the terminal (`csprbot act`) or in the web view, not received by mail."""
    return row.mailbox in TRUSTED_CHANNELS and row.source_id.endswith(f"@{row.mailbox}.csprbot>")


def _unauthenticated(s: Session, rt: Runtime, row: Message, hdr: Headers, key: str, forged: str,
                     kind: str, automatic: tuple[str, str] | None = None) -> Outcome:
    """A failed verdict means the From line may be someone else's: no state change, and no reply (it would go to
    the person being impersonated); the co-ordinator sees it in quarantine. `kind` is "unread" when it was
    judged before it was parsed; `automatic`: (its automatic marker, why it was not read) for mail so marked."""
    detail: dict[str, object] = {"message": row.id, "kind": kind, "verdict": forged}
    shown = f" [From: {hdr.claimed_from}]" if hdr.from_problem else ""
    reason = f"sender authentication failed ({forged}){shown}: not acted on"
    if automatic is not None:
        detail.update(automatic=automatic[0][:200], not_read=automatic[1][:200])
        reason += f"; marked automatic ({automatic[0][:120]}) but not read as a reply or report: {automatic[1]}"
    audit(s, rt, "forgery_suspected", detail, actor=hdr.sender)
    return _quarantine(s, rt, row, hdr, key, reason)


AUTOMATIC_COMMAND = "a command in an automatic reply is not acted on; send it yourself"


def _why_quiet(quiet: str) -> str:
    """The marker itself, from the parser's warning ("automatic mail (Precedence: bulk): acted on, ...")."""
    m = re.match(r"automatic mail \((.*)\): acted on", quiet)
    return (m.group(1) if m else quiet)[:120]


def short_reason(warnings: list[str], limit: int = 400) -> str:
    """A quarantine reason a person reads in a list: the first warnings, then how many more (the full
    set stays in the message's parse_json). A bound that was hit comes first."""
    ordered = sorted(warnings, key=lambda w: "bound:" not in w)
    out = ""
    for n, w in enumerate(ordered):
        piece = (w if len(w) <= 200 else w[:197] + "...")
        candidate = f"{out}; {piece}" if out else piece
        if len(candidate) > limit:
            return f"{out} (and {len(ordered) - n} more)" if out else piece
        out = candidate
    return out


def _forged(rt: Runtime, hdr: Headers) -> str | None:
    """Why this message may not be acted on as coming from its From address, or None."""
    if hdr.subjects > 1:
        return f"the message has {hdr.subjects} Subject headers"
    if hdr.from_problem:
        # Two From lines, a display name that is an address, junk after the angle-addr...: the boundary's
        # DMARC check may have judged another address than the one we would act as (test_adversarial.py).
        return hdr.from_problem
    trusted = rt.settings.mail.trusted_authserv_id
    if not trusted:
        return None
    v = verdict(list(hdr.auth_results), trusted, hdr.from_domain)
    if v.verdict == "fail" or (v.verdict == "none" and rt.settings.mail.require_authentication):
        return v.detail
    return None


def _quarantine(s: Session, rt: Runtime, row: Message, hdr: Headers, key: str, reason: str) -> Outcome:
    row.status, row.reason = "quarantined", reason
    audit(s, rt, "quarantined", {"message": row.id, "reason": reason}, actor=hdr.sender)
    # The notice goes to the co-ordinator by plain mail: the From line by its domain (unless the configuration
    # names it) and the reason by its codes, as the digest prints them (a local part can spell a child's name).
    ctx: dict[str, object] = {"qid": row.id, "sender": shown_address(rt.settings, hdr.sender),
                              "reason": reason_codes(reason),
                              "received_at": rt.stamp.isoformat(timespec="minutes")}
    window = rt.stamp - timedelta(minutes=rt.settings.mail.notice_batch_minutes)
    told = s.scalar(select(func.count(Event.id)).where(Event.kind == "quarantine_notice", Event.at >= window))
    if (told or 0) >= NOTICE_BURST:
        # A flood (90 unreadable mails from one stranger) must not become 90 notices: the rest of this
        # interval's quarantines go into one summary (notice_summary, after the intake pass).
        audit(s, rt, "quarantine_notice_batched", {"message": row.id, "sender": hdr.sender or "(unknown)",
                                                   "reason": reason[:200]}, actor=hdr.sender)
        return Outcome("quarantined", reason)
    audit(s, rt, "quarantine_notice", {"message": row.id}, actor=hdr.sender)
    enqueue(s, rt, MailIntent("triage", "coordinator.triage.quarantine",
                              routing.for_event(rt.settings, "triage"), ctx, tag="quarantine"),
            None, row, key)
    return Outcome("quarantined", reason)


NOTICE_BURST = 3  # quarantine notices sent one by one per interval; beyond that, one summary


def notice_summary(sessions: sessionmaker[Session], rt: Runtime) -> int:
    """One summary mail for the quarantines batched in the last interval, once the interval has passed."""
    with sessions.begin() as s:
        last = s.scalar(select(func.max(Event.id)).where(Event.kind == "quarantine_summary")) or 0
        batched = list(s.scalars(select(Event).where(Event.kind == "quarantine_notice_batched", Event.id > last)
                                 .order_by(Event.id)))
        if not batched or rt.stamp < batched[0].at + timedelta(minutes=rt.settings.mail.notice_batch_minutes):
            return 0
        shown = [shown_address(rt.settings, str(e.detail.get("sender") or "")) for e in batched]
        senders = Counter(shown)
        items = [{"qid": e.detail.get("message"), "sender": who,
                  "reason": reason_codes(str(e.detail.get("reason", "")))[:160]}
                 for e, who in zip(batched[:30], shown, strict=False)]
        ctx: dict[str, object] = {"count": len(batched), "since": batched[0].at.isoformat(timespec="minutes"),
                                  "senders": senders.most_common(10), "items": items,
                                  "more": max(0, len(batched) - len(items))}
        audit(s, rt, "quarantine_summary", {"count": len(batched), "through_event": batched[-1].id})
        return enqueue(s, rt, MailIntent("triage", "coordinator.triage.summary",
                                         routing.for_event(rt.settings, "triage"), ctx,
                                         tag=f"summary-{batched[-1].id}"), None, None, "notice-summary")


def _referral(s: Session, rt: Runtime, row: Message, hdr: Headers, key: str, parsed: object,
              allow_duplicate: bool = False, vouched: bool = False, apart: bool = False) -> Outcome:
    """`vouched`: a person chose to open it (quarantine's "open as referral", `new-case`): routed as usual.
    `apart`: its own text points at a child other than the case it answers (_own_text_decides): never merged."""
    from parsers.records import ParseResult

    assert isinstance(parsed, ParseResult) and parsed.referral is not None
    follow: tuple[str, tuple[str, ...]] | None = None
    if not allow_duplicate and not vouched and parsed.form == "missing":
        # A mail that reads as a referral only for want of a form: a follow-up on an open case is filed on it
        # (stranger round 17, B5); one that may be another child's opens its case, the triage naming this one.
        on, rule, follow = _follow_up(s, rt, row, hdr, parsed)
        if on is not None:
            return _file_follow_up(s, rt, row, hdr, key, on, rule)
    letter = parsed.letter_child if not parsed.referral.child.name else None
    keys = lookup_keys(parsed.referral, letter)
    incident_date = (parsed.referral.child.incident_date or "")[:64] or None
    lock_incident(s, keys.name if keys else None, incident_date, keys.date_of_birth if keys else None)
    dup = match_case(parsed.referral, incident_candidates(s, keys), letter, hdr.sender) if keys else None
    # On a case's thread and not filed on it, or pointing at another child, it may be another child's (_follow_up):
    # never merged into the case (its own lines may name the case's child beside the other: stranger round 20,
    # fix21d), its case opens flagged.
    apart = apart or (follow is not None and bool(set(follow[1]) & {THREAD, SUBJECT_REF})) or (
        dup is not None and dup.joins and not allow_duplicate and not vouched and parsed.form == "missing"
        and _REPLY_SUBJECT.match(hdr.subject or "") is not None
        and _points_at_another_child(s, rt, row, parsed, dup.ref))
    if not allow_duplicate and dup is not None and dup.joins and not apart:
        return _duplicate_referral(s, rt, row, hdr, key, dup.ref, parsed, dup.evidence, dup.sure)
    # a possible duplicate opens its own case (merging two children loses one): the triage names the other case
    possible = (dup.ref, dup.evidence) if dup is not None and (not dup.joins or (apart and follow is None)) else follow
    if possible is None and not allow_duplicate and not vouched and parsed.form == "read" and (
            on := _thread_of(s, rt, source_raw(s, row) or b"")) is not None and on.stage == "provisional":
        # A form on a provisional case's thread may be the form its referrer was asked for: that case has no child
        # to match it against. From the case's referrer to a case still waiting for its form, it is that form
        # (stranger round 23 B1: it completes the case); else the new case's triage names it (never merged: it may
        # be a sibling's form).
        from bot.complete import awaiting

        if (hdr.sender or "").lower() == (on.referrer_email or "").lower() and on.child_name_key is None and (
                on.child_dob_key is None) and awaiting(s, on):
            return _duplicate_referral(s, rt, row, hdr, key, on.ref, parsed, (THREAD, "referrer"))
        possible = (on.ref, (THREAD,))
    related = [r for r in related_incident(parsed.referral, sibling_candidates(s, parsed.referral.child.incident_date))
               if not possible or r != possible[0]]
    plan = plan_referral(parsed, hdr.sender, rt.now, rt.settings, rt.cal, related, possible)
    # The reference's year is the year the referral reached the mailbox (its local day), not the year of the day
    # its clocks count from: one received on 31 December after the cut-off is that year's (stranger round 18).
    # Only new numbers: a reference already given is never renumbered.
    year = plan.arrived.year
    seq = reserve_case_number(s, year, number_holder(key), rt.settings.store.lease_seconds)
    use_case_number(s, year, seq)
    case = Case(ref=format_ref(rt.settings.partnership.ref_prefix, year, seq), year=year, seq=seq,
                stage=plan.stage, opened_at=rt.stamp, incident_date=plan.incident_date,
                received_date=plan.received_date, referrer_email=plan.referrer_email, late_referral=plan.late,
                referral_json={**parsed.referral.model_dump(mode="json"), **({LETTER_NAME: letter} if letter else {})})
    s.add(case)
    s.flush()
    row.case_id, row.status = case.id, "processed"
    # A stranger's flood must not fill the routing cap: beyond its allowance, one summary instead.
    effects = plan.effects if vouched else ration(s, rt, case, row, hdr.sender, plan.effects)
    apply(s, rt, effects, case, row, key, actor=hdr.sender)
    return Outcome("processed", "referral", case.ref)


FOLLOW_UP_FILED = "follow_up_filed"
THREAD = "thread (In-Reply-To)"  # the evidence a thread parent gives, by name, as the triage prints it
SUBJECT_REF = "case reference in the subject"
_FILED_RULES = {
    "thread": "its thread: it answers a mail that opened the case or was filed on it (In-Reply-To / References)",
    "referrer": "the case's referrer sent it and it gives the child's forename and date of birth",
}


def _follow_up(s: Session, rt: Runtime, row: Message, hdr: Headers, parsed: Any,
               ) -> tuple[Case | None, str, tuple[str, tuple[str, ...]] | None]:
    """(the open case a no-form "referral" is a follow-up on, the rule that tied it; else None, "", and the open
    case it may duplicate with the evidence by name, for the new case's triage).
    Its thread first: a direct parent (bot/threads.py) that opened or was filed on a case ties it to that case, as a
    command's parent is read. Without one: the open case whose referrer sent it and whose child's date of birth and
    forename its own text gives (bot/domain/followups.py), when exactly one case does. Never when it points at
    another child (a sibling in prose, another date of birth, another named child), nor to a closed case (a new
    incident of a child whose case closed is a new referral): those open a case as before, flagged."""
    from bot.domain.followups import another_child, evidence, referral_news
    from parsers.dates import all_dates

    raw = source_raw(s, row) or b""
    thread, tied = _thread_of(s, rt, raw), THREAD
    if thread is None and parsed.case_ref:
        # a reply under a case's reference with no thread header (stranger round 19, B6): that case stands for it
        thread, tied = case_by_ref(s, parsed.case_ref), SUBJECT_REF
    text = own_text_within_budget(rt, raw)
    letter, read_dob = parsed.letter_child, parsed.referral.child.date_of_birth
    today = rt.now.date()
    if thread is not None:
        # Filed only on positive evidence it is the case's child (its forename or date of birth in the sender's own
        # text) and nothing pointing at another (stranger round 19, B1): merging two children loses one, while a
        # duplicate case, flagged, costs the co-ordinator a minute. The child's own referral news ("the young person
        # has been re-referred to CSC") names him on his thread as well as his forename does (stranger round 22, B7).
        if text is not None and thread.stage != "closed" and (
                evidence(text, thread.referral_json) or referral_news(text, thread.referral_json, today)) and \
                another_child(text, thread.referral_json, letter, read_dob, today) is None:
            return thread, "thread", None
        return None, "", (thread.ref, (tied,))
    if text is None:
        return None, "", None
    dates = all_dates(text)[:20]
    if not dates:
        return None, "", None
    sender = (hdr.sender or "").lower()
    full: list[Case] = []
    possible: tuple[str, tuple[str, ...]] | None = None
    for case in s.scalars(select(Case).where(Case.child_dob_key.in_(dates), Case.stage != "closed")
                          .order_by(Case.id).limit(20)):
        first = s.scalar(select(Message.sender).where(Message.case_id == case.id).order_by(Message.id).limit(1))
        by = ("referrer",) if sender and sender in {(case.referrer_email or "").lower(), (first or "").lower()} else ()
        found = (*by, *evidence(text, case.referral_json))
        if {"referrer", "forename", "date_of_birth"} <= set(found) and another_child(
                text, case.referral_json, letter, read_dob, today) is None:
            full.append(case)
        if possible is None and "date_of_birth" in found and len(found) > 1:
            possible = (case.ref, found)
    if len(full) == 1:
        return full[0], "referrer", None
    return None, "", possible


_REPLY_SUBJECT = re.compile(r"\s*(?:re|aw|sv|antw)\s*:", re.I)  # a reply: a follow-up, read as one (followups.py)


def _points_at_another_child(s: Session, rt: Runtime, row: Message, parsed: Any, ref: str) -> bool:
    """Whether a no-form reply's own text points at a child other than case `ref`'s (followups.another_child; a
    reply only: a first referral's letter names addresses and places the follow-up reading takes for people)."""
    from bot.domain.followups import another_child

    case = case_by_ref(s, ref)
    text = own_text_within_budget(rt, source_raw(s, row) or b"")
    return case is not None and text is not None and another_child(
        text, case.referral_json, parsed.letter_child, parsed.referral.child.date_of_birth, rt.now.date()) is not None


def _own_text_decides(s: Session, rt: Runtime, row: Message, hdr: Headers, parsed: Any) -> tuple[Any, bool] | None:
    """The reading of the sender's own lines (parsers.classify._own_reading), when it and not the parse is what a
    mail on a case's thread is (stranger round 20, fix21d), with whether it points at another child; else None.
    A referral form read only from the quoted history of a reply on the thread of a case (its direct parent
    opened the case or was filed on it: bot/threads.py; with no thread header, the open case the quoted form would
    join as a duplicate) is that case's history, not evidence of its child: the own lines decide when they read as
    a referral, point at another child (bot/domain/followups.another_child) or give the case's child (they are then
    filed on it, or open a case flagged: _follow_up). Own lines that do none of
    these ("Thanks, see below") leave the quoted form read, as before. A plain reply under a case's reference
    telling of serious harm is taken as a referral only when it points at another child ("I also need to tell
    you about Kacper Nowak, 3, admitted ... with a skull fracture"): it opens its case, flagged; else a reply."""
    from bot.domain.followups import another_child, evidence, referral_news

    own = getattr(parsed, "own_reading", None)
    if own is None or own.kind != "referral" or own.referral is None:
        return None
    raw = source_raw(s, row) or b""
    threaded = False
    if parsed.kind == "referral":
        case = _thread_of(s, rt, raw)
        threaded = case is not None
        if case is None and parsed.referral is not None and (keys := lookup_keys(parsed.referral, None)) is not None:
            dup = match_case(parsed.referral, incident_candidates(s, keys), None, hdr.sender)
            case = case_by_ref(s, dup.ref) if dup is not None and dup.joins else None
    elif parsed.kind == "reply" and parsed.command is None and parsed.case_ref:
        case, threaded = case_by_ref(s, parsed.case_ref), True
    else:
        return None
    text = own_text_within_budget(rt, raw) if case is not None else None
    if case is None or text is None:
        return None
    other = another_child(text, case.referral_json, own.letter_child, own.referral.child.date_of_birth,
                          rt.now.date())
    if parsed.kind == "referral":
        # the child's own referral news on his case's thread is his news (round 22, B7): filed by _follow_up; with
        # the thread header lost it is read as before (the quoted form), _follow_up having no thread to file it on
        take = own.reads_as_referral or other is not None or bool(evidence(text, case.referral_json)) or (
            threaded and referral_news(text, case.referral_json, rt.now.date()))
    else:
        take = other is not None
    return (own, other is not None) if take else None


# Warnings that keep a mail for the co-ordinator whatever its text: encrypted or a portal's notice, a bound hit, a
# mailing list's, content csprbot cannot read.
_HELD_WARNINGS = ("secure mail:", "bound:", "mail sent to a mailing list", "under a case reference, content")


def _thread_news(s: Session, rt: Runtime, row: Message, hdr: Headers, parsed: Any) -> Case | None:
    """The open case a mail read as no referral, return or command is news of, else None (stranger round 22, B7):
    "Quentin has been re-referred to CSC" answering the referral's thread under its own subject was quarantined
    as unrecognised. Filed on its thread's case on the same terms as a no-form referral (_follow_up): its direct
    parent opened the case or was filed on it, its own text gives the child (forename, date of birth, or his own
    referral news) and nothing in it points at another child; anything else is quarantined as before, and so is mail
    whose sender is not authenticated (filing changes a case: the hardened profile's rule for replies)."""
    from bot.domain.followups import another_child, evidence, referral_news

    if any(w.startswith(_HELD_WARNINGS) or " bound " in w for w in parsed.warnings) or _forged(rt, hdr):
        return None
    raw = source_raw(s, row) or b""
    case = _thread_of(s, rt, raw)
    if case is None or case.stage == "closed":
        return None
    text = own_text_within_budget(rt, raw)
    today = rt.now.date()
    if text is None or not (evidence(text, case.referral_json) or referral_news(text, case.referral_json, today)):
        return None
    return case if another_child(text, case.referral_json, None, None, today) is None else None


def _thread_of(s: Session, rt: Runtime, raw: bytes) -> Case | None:
    """The case the mail's direct parent belongs to (bot/threads.thread_case), if one."""
    from bot.threads import parent_ids, thread_case

    domain = rt.settings.partnership.bot_address.rsplit("@", 1)[-1]
    parents = parent_ids(raw_header_values(raw, "in-reply-to"), raw_header_values(raw, "references"), domain)
    return thread_case(s, parents, domain) if parents else None


def _file_follow_up(s: Session, rt: Runtime, row: Message, hdr: Headers, key: str, case: Case, rule: str) -> Outcome:
    """Filed on the case as correspondence: no case, no clock, no routing, and no answer to the sender (who may be
    anyone holding the thread's Message-ID). The co-ordinator is told (naming no child), at most NOTICE_BURST times
    a day per case (a flood of follow-ups is in the case view, audited each, and the rest are counted in the daily
    digest: bot/digest._unnoted_follow_ups), and `csprbot new-case` opens it as a case of its own if it is in fact a
    new referral."""
    row.case_id, row.status, row.kind = case.id, "processed", "reply"
    audit(s, rt, FOLLOW_UP_FILED, {"message": row.id, "from": hdr.sender, "rule": rule}, case, hdr.sender)
    told = s.scalar(select(func.count(Event.id)).where(Event.kind == "follow_up_notice", Event.case_id == case.id,
                                                       Event.at >= rt.stamp - timedelta(days=1)))
    if (told or 0) < NOTICE_BURST:
        audit(s, rt, "follow_up_notice", {"message": row.id}, case, hdr.sender)
        ctx: dict[str, object] = {"message": row.id, "sender": shown_address(rt.settings, hdr.sender),
                                  "reason": _FILED_RULES[rule]}
        enqueue(s, rt, MailIntent("triage", "coordinator.triage.follow_up", routing.for_event(rt.settings, "triage"),
                                  ctx, tag="follow-up"), case, row, key)
    return Outcome("processed", "follow-up on an open case: filed on it, no case opened", case.ref)


def number_holder(key: str) -> str:
    """Who a reserved case number is for: the message (its dedupe key, hashed to fit the lease's holder),
    so the same message tried again, by this instance or another, gets the same number back."""
    return "msg:" + hashlib.sha256(key.encode("utf-8", "surrogateescape")).hexdigest()[:40]


def _duplicate_referral(s: Session, rt: Runtime, row: Message, hdr: Headers, key: str, ref: str,
                        parsed: object, evidence: tuple[str, ...] = (), sure: bool = True) -> Outcome:
    """A second referral of the same incident joins the open case: no second case, no second set of clocks.
    `evidence`: the fields that matched (names only, never values); not `sure`: a probable match, so the
    co-ordinator's triage says which evidence matched and how to split it off."""
    from parsers.records import ParseResult

    assert isinstance(parsed, ParseResult)
    from bot.complete import awaiting, complete

    case = case_by_ref(s, ref)
    assert case is not None
    row.case_id, row.status = case.id, "processed"
    outcome = "referral of an open case: linked, not opened again"
    from_referrer = bool(hdr.sender) and (hdr.sender or "").lower() == (case.referrer_email or "").lower()
    if parsed.form == "read" and (sure or from_referrer) and awaiting(s, case):
        # the form the case was opened without (stranger round 23 B1): it completes the case and is routed
        outcome = complete(s, rt, row, hdr.sender, key, case, parsed)
    else:
        audit(s, rt, "duplicate_referral", {"message": row.id, "from": hdr.sender, "matched_on": list(evidence),
                                            "probable": not sure}, case, hdr.sender)
        ctx: dict[str, object] = {"from": shown_address(rt.settings, hdr.sender), "message": row.id,
                                  "evidence": list(evidence), "probable": not sure}
        enqueue(s, rt, MailIntent("triage", "coordinator.triage.duplicate", routing.for_event(rt.settings, "triage"),
                                  ctx, tag="duplicate", attach_original=True, personal=True), case, row, key)
    # the referrer is answered: a role forwarding an agency's referral did not make it (referrer_address)
    to = referrer_address(parsed, hdr.sender, rt.settings) or hdr.sender
    if to and routing.may_name_case(rt.settings, to):
        enqueue(s, rt, MailIntent("ack", "referrer.ack.duplicate", (to,), {}, tag="ack", reply=True),
                case, row, key)
    elif to:  # a stranger learns nothing of the case it matched (it could be probing for a child)
        enqueue(s, rt, received_ack(to), case, row, key)
    return Outcome("processed", outcome, case.ref)


def _unknown_case(s: Session, rt: Runtime, row: Message, hdr: Headers, key: str, ref: str | None,
                  what: str, command: bool = False) -> Outcome:
    why = f"no case {ref} is known" if ref else "no case reference was found in the subject or the document"
    # Only a partnership role is told the reference names no case. A stranger's mail is not answered at all;
    # anyone else known (an agency's listed address, anyone on its own domain) gets for a command the same
    # answer as for a real case it holds no role in (_no_role_refusal), and for a plain reply nothing, as for a
    # real case: "no case X is known" here but "does not hold that role" there told which references exist.
    # An agency return is answered (an agency's typo in a reference is theirs to fix). The co-ordinator still
    # sees it in quarantine.
    if hdr.sender and routing.known_sender(rt.settings, hdr.sender):
        if ref and not rt.settings.roles.holders(hdr.sender) and what != "agency return":
            if command:
                enqueue(s, rt, _no_role_refusal(hdr.sender, what), None, row, key)
        else:
            enqueue(s, rt, MailIntent("refusal", "sender.refusal.command", (hdr.sender,),
                                      {"verb": what, "reason": why}, tag="unknown-case", reply=True), None, row, key)
    return _quarantine(s, rt, row, hdr, key, f"{what}: {why}")


def _no_role_refusal(sender: str, verb: str) -> MailIntent:
    """The one answer a sender holding no partnership role gets for a command on a case it holds no role in
    (not its referrer, no open action of its own), and for one under a reference that names no case: the same
    bytes (but for Message-ID, In-Reply-To / References and Date), naming no case and no reference (no_case,
    `unnamed`), so it cannot tell which references exist."""
    verb = " ".join(verb.upper().split())
    why = (f"{verb} is taken only from a partnership role, or from a case's referrer or an action's owner for "
           f"their own case, and {sender} holds none of these")
    return MailIntent("refusal", "sender.refusal.command", (sender,), {"verb": verb, "reason": why, "unnamed": True},
                      tag="no-role", reply=True, no_case=True)


def _return(s: Session, rt: Runtime, row: Message, hdr: Headers, key: str, parsed: object,
            ref: str | None, hold: Callable[[str], Outcome] | None = None) -> Outcome:
    """`hold`: what to do with a return not credited (default: quarantine the message). A return carried beside
    a command that was applied is not quarantined (the command stands): the co-ordinator is told (_form_beside)."""
    from parsers.records import ParseResult

    assert isinstance(parsed, ParseResult) and parsed.agency_return is not None
    case = case_by_ref(s, ref, lock=True) if ref else None
    if case is None and hold is not None:
        return hold(f"the agency return names no known case ({ref})" if ref else "the agency return names no case")
    if case is None:
        return _unknown_case(s, rt, row, hdr, key, ref, "agency return")

    def _held(why: str) -> Outcome:
        return hold(why) if hold is not None else _quarantine(s, rt, row, hdr, key, why)

    if two := next((w for w in parsed.warnings if w.startswith("agency return names two different cases")), None):
        return _held(f"{two}: not credited to either; the co-ordinator decides")
    sender = (hdr.sender or "").lower()
    domain = sender.rsplit("@", 1)[-1]
    named = rt.settings.agency_named(parsed.agency_return.agency or "")
    listed = rt.settings.agency_for_address(sender) if sender else None
    domain_agency = rt.settings.agency_for_domain(domain) if sender else None
    # A return counts for an agency only when it comes from one of that agency's listed addresses, from its own
    # domain (never a shared one such as nhs.net), or from a partnership role forwarding it; the form's own
    # "agency" field is the sender's claim, not proof. A role's own return (typed or attached, not forwarded)
    # is the role's claim like anyone's: held for the co-ordinator to confirm, unless the role is also the
    # agency's listed address or writes from its domain. The co-ordinator's own is taken as confirmed: the
    # co-ordinator is who confirms held returns (by forwarding them, or typing one in on an agency's behalf).
    roles = rt.settings.roles.holders(sender) if sender else set()
    vouches = bool(roles) and (parsed.forwarded or "coordinator" in roles)
    if vouches:
        vouched = named or listed or domain_agency
    else:
        vouched = listed or domain_agency
        if vouched is not None and named is not None and named.name != vouched.name:
            vouched = None
    claimed = named.name if named else (parsed.agency_return.agency or "an agency")
    if not vouches and (other := _box_names_other_child(s, case, parsed.case_box)) is not None:
        # The form's case box names another open case's child (not this case's): which child's return is it?
        # Crediting this case could stop the wrong clock. Held like an unvouched return: a role's forward confirms
        # it (the reason names the other case, never a child).
        audit(s, rt, "return_held", {"message": row.id, "claims": claimed, "box_names_case": other}, case,
              hdr.sender)
        return _held(
            f"agency return for {case.ref} held for the co-ordinator to confirm: the form's case-reference box names "
            f"the child of another open case ({other}), not this case's child; not credited, the clock keeps running "
            f"(to accept it for {case.ref}, forward it to csprbot from the co-ordinator's mailbox)")
    if not vouches and (other := _parent_other_case(s, rt, row, case, incident=True)) is not None:
        # The return answers csprbot's request for another case while its subject/box name this one: which
        # case's return is it? Held like a box naming another child (stranger round 11).
        audit(s, rt, "return_held", {"message": row.id, "claims": claimed, "reply_to_case": other}, case,
              hdr.sender)
        return _held(
            f"agency return for {case.ref} held for the co-ordinator to confirm: the mail is a reply to csprbot's "
            f"mail for {other} (In-Reply-To), not this case's; not credited, the clock keeps running (to accept it "
            f"for {case.ref}, forward it to csprbot from the co-ordinator's mailbox)")
    if vouched is None and roles and not vouches:
        audit(s, rt, "return_held", {"message": row.id, "claims": claimed, "roles": sorted(roles)}, case, hdr.sender)
        return _held(
            f"agency return for {case.ref} held for the co-ordinator to confirm: {sender} holds a partnership role "
            f"({', '.join(sorted(roles))}) but is not a listed address of {claimed}, and sent the return as its own "
            "mail, not forwarded from the agency; not credited, the clock keeps running (to accept it, forward it "
            "to csprbot from the co-ordinator's mailbox)")
    if vouched is None and not roles and (shared := rt.settings.shared_agencies(domain)):
        audit(s, rt, "return_held", {"message": row.id, "claims": claimed, "shared_domain": domain}, case, hdr.sender)
        return _held(
            f"agency return for {case.ref} held for the co-ordinator to confirm: {sender} is on the shared domain "
            f"{domain} and is not a listed address of {claimed if named else ' or '.join(a.name for a in shared)}; "
            "not credited, the clock keeps running (to accept it, forward it to csprbot, or add the address to "
            "the agency's `addresses` and release it)")
    if vouched is None and not roles:
        return _held(f"agency return for {case.ref} claims to be from {claimed}, but "
                     f"{sender or 'the sender'} is not one of its addresses or domains: not acted on")
    agency = (vouched.name if vouched else None) or parsed.agency_return.agency
    if not agency:
        return _held(f"agency return for {case.ref}: cannot tell which agency sent it")
    credit_rt = rt
    if vouches and (held := _held_return(s, case, agency)) is not None:
        # A partnership role forwarding a return we held (shared domain, unlisted sender, a role's own): that is
        # the confirmation, and the return counts as of when the held one first reached the mailbox.
        held.case_id, held.status = case.id, "processed"
        if isinstance(beside := (held.parse_json or {}).get("form_beside"), dict):
            held.parse_json = {**(held.parse_json or {}), "form_beside": {**beside, "confirmed_by": row.id}}
        credit_rt = replace(rt, now=held.received_at.replace(tzinfo=UTC))
        audit(s, rt, "held_return_confirmed", {"message": held.id, "by_forward": row.id, "agency": agency,
                                               "received_at": held.received_at.isoformat(timespec="seconds")},
              case, hdr.sender)
    effects, _summary = decide_return(parsed.agency_return, agency, hdr.sender or "", snapshot(s, case),
                                      credit_rt.today)
    row.case_id, row.status = case.id, "processed"
    apply(s, rt, effects, case, row, key, actor=hdr.sender)
    return Outcome("processed", "agency return", case.ref)


def _parent_other_case(s: Session, rt: Runtime, row: Message, case: Case, incident: bool = False) -> str | None:
    """Another case whose csprbot mail this message directly answers (bot/threads.py), if any. `incident`: the
    cases linked to this one's incident count as this one (an agency is asked once for the incident, in one
    request naming every child: a return answering it may be for any of them)."""
    from bot.store.repo import incident_cases
    from bot.threads import parent_case, parent_ids

    raw = source_raw(s, row) or b""
    domain = rt.settings.partnership.bot_address.rsplit("@", 1)[-1]
    parents = parent_ids(raw_header_values(raw, "in-reply-to"), raw_header_values(raw, "references"), domain)
    if not parents:
        return None
    ids = {case.id} | ({c.id for c in incident_cases(s, case)} if incident else set())
    return parent_case(s, parents, domain, ids)


def _box_names_other_child(s: Session, case: Case, box: list[str]) -> str | None:
    """The open case (not `case`) whose child a return's case-reference box names by name alone, if any."""
    if not box:
        return None
    own = None
    if case.referral_json and isinstance(child := case.referral_json.get("child"), dict):
        own = str(child.get("name") or "") or None
    others = s.execute(select(Case.ref, Case.child_name_key).where(
        Case.id != case.id, Case.stage != "closed", Case.child_name_key.is_not(None),
        Case.child_name_key != (case.child_name_key or ""))).all()
    return names_another_child(box, own or case.child_name_key, [(r, n) for r, n in others])


def _held_return(s: Session, case: Case, agency: str) -> Message | None:
    """The earliest return for this case and agency still held for the co-ordinator (see _return)."""
    for ev in s.scalars(select(Event).where(Event.kind == "return_held", Event.case_id == case.id)
                        .order_by(Event.id)):
        if str(ev.detail.get("claims", "")).lower() != agency.lower():
            continue
        held = s.get(Message, ev.detail.get("message"))
        if held is not None and held.status == "quarantined":
            return held
        beside = (held.parse_json or {}).get("form_beside") if held is not None else None
        if held is not None and isinstance(beside, dict) and beside.get("held") and not beside.get("confirmed_by"):
            return held  # held beside a command that was applied (_form_beside): processed, the return still held
    return None


def _reply(s: Session, rt: Runtime, row: Message, hdr: Headers, key: str, parsed: object,
           ref: str | None, earlier: list[int]) -> Outcome:
    from parsers.records import ParseResult

    assert isinstance(parsed, ParseResult)
    case = case_by_ref(s, ref, lock=True) if ref else None
    if parsed.command is not None:
        verb = parsed.command.verb
        if hdr.message_ids > 1 or hdr.dates > 1:
            # DKIM signs the bottom-most field of a name: one added on top leaves the signature whole and
            # changes what the replay check compares, so a command with two of either is not acted on.
            which = (f"{hdr.message_ids} Message-ID" if hdr.message_ids > 1 else f"{hdr.dates} Date")
            if parsed.as_form is not None:
                return _as_form(s, rt, row, hdr, key, parsed, f"the message has {which} header fields")
            return _quarantine(s, rt, row, hdr, key, f"{verb}: the message has {which} header "
                               "fields, so it cannot be told from a replay: not acted on")
        fingerprint = command_fingerprint(hdr.sender, hdr.subject, verb, row_text(parsed), hdr.claimed_date)
        row.parse_json = {**(row.parse_json or {}), "command_fingerprint": fingerprint}
        if (replayed := _replayed(s, row, hdr, earlier, fingerprint, case)) is not None:
            # A command mail seen before, replayed (a DKIM signature survives a resend): never applied twice.
            # Not answered (the sender did not send it again); the co-ordinator sees it in quarantine.
            audit(s, rt, "command_replayed", {"message": row.id, "earlier": replayed, "verb": verb}, actor=hdr.sender)
            return _quarantine(s, rt, row, hdr, key, (
                f"replayed command: the {verb} in this mail was already received as message {replayed} (same "
                "Message-ID, or same sender, text and Date): not applied again (if it is meant again, send it as "
                "a new mail)"))
    if case is None and parsed.as_form is not None:
        return _as_form(s, rt, row, hdr, key, parsed, f"no case {ref} is known" if ref else "no case reference")
    if case is None and ref is None and parsed.command is None and QUOTED_OWN_MAIL in parsed.warnings:
        # "Thanks, noted." above our own daily digest quoted: nothing to act on and nobody to answer (a refusal
        # saying "no case reference" would answer a thank-you); the co-ordinator sees it in quarantine.
        return _quarantine(s, rt, row, hdr, key, "reply to csprbot's own mail of no case (the digest), quoting it: "
                           "no case opened, nothing acted on")
    if case is None:
        verb = parsed.command.verb if parsed.command else "reply"
        return _unknown_case(s, rt, row, hdr, key, ref, verb, parsed.command is not None)
    row.case_id, row.status = case.id, "processed"
    if parsed.command is None:
        audit(s, rt, "reply_received", {"message": row.id}, case, hdr.sender)
        return Outcome("processed", "reply without a command", case.ref)
    # A sender holding no role in this case (no partnership role, not its referrer, no open action of its own)
    # may give no command here, whatever the mail holds. A stranger is not answered; anyone else gets the one
    # refusal a made-up reference gets too (_unknown_case): a refusal that differed (a real case's "does not
    # hold that role" or "names more than one case" against a made-up one's "no case X is known") would tell
    # which references exist.
    held = routing.roles_held(rt.settings, hdr.sender or "", case.referrer_email, (case.facts or {}).get("actions"))
    if (not held or not hdr.sender) and parsed.as_form is not None:
        return _as_form(s, rt, row, hdr, key, parsed, "the sender holds no role in this case")
    if not held or not hdr.sender:
        verb = " ".join(parsed.command.verb.upper().split())
        audit(s, rt, "command_refused", {"message": row.id, "verb": verb, "by": hdr.sender,
                                         "reason": f"{hdr.sender or 'the sender'} holds no role in this case"},
              case, hdr.sender)
        if hdr.sender and routing.known_sender(rt.settings, hdr.sender):
            enqueue(s, rt, _no_role_refusal(hdr.sender, verb), case, row, key)
        return Outcome("processed", "refused: the sender holds no role in this case", case.ref)
    why, tag = "", ""
    aside = _set_aside(s, rt, hdr, parsed.command, case)
    if parsed.command.verb.upper() != "LINK" and (other := _parent_other_case(s, rt, row, case)) is not None:
        # The sender pressed Reply on csprbot's mail for another case and retyped the subject (stranger round 11)
        said = f"{other} in In-Reply-To (a reply to csprbot's mail for {other})"
        before = parsed.command.args.get("ambiguous_refs")
        parsed.command.args["ambiguous_refs"] = f"{before}, {said}" if before else f"{case.ref}, {said}"
    if ambiguous := parsed.command.args.get("ambiguous_refs"):
        why = (f"the message names more than one case ({ambiguous}), so it is not clear which case the command is "
               "for: nothing was done. Send the command again under the subject of the one case it is for, with the "
               "other case's reference left out (another system's number, such as LCS case id 4471, may stay; to "
               "close a duplicate, LINK the two cases first, then CLOSE: duplicate of <the other reference>)")
        if parsed.command.args.pop("ambiguous_by_word", None):
            # (stranger round 22, B1; fix23a) "the case 2 notes" and "in this case 2 notes were found" differ only
            # before "case": when in doubt the number is a case's, so say how a count is written to be read as one
            why += (". A number straight after the word \"case\" is read as a case's number: if it was a count, "
                    "put a comma after \"case\" (\"in this case, 2 agencies replied\"); if it was another case, "
                    "write that case's full reference")
        tag = "ambiguous"
    elif extra := parsed.command.args.get("extra_commands"):
        why = (f"the message holds more than one command ({parsed.command.verb}, {extra}; or its plain and HTML "
               "parts hold different ones); csprbot acts on one command per mail, so nothing was done. Send each "
               "command in a mail of its own")
        tag = "two-commands"
    elif parsed.command.args.get("parts_differ"):
        why = ("the plain-text and HTML versions of the message say different things (one holds the "
               f"{parsed.command.verb} command, the other does not), so which one was meant is not clear: nothing "
               "was done. Send the command again as ordinary text")
        tag = "parts-differ"
    if why and parsed.as_form is not None:
        return _as_form(s, rt, row, hdr, key, parsed, why.split(":")[0])
    if why:
        audit(s, rt, "command_refused", {"message": row.id, "verb": parsed.command.verb, "reason": why}, case,
              hdr.sender)
        enqueue(s, rt, MailIntent("refusal", "sender.refusal.command", (hdr.sender,),
                                  {"verb": parsed.command.verb, "reason": why}, tag=tag, reply=True), case, row, key)
        return Outcome("processed", f"refused: {why.split(':')[0]}", case.ref)
    outcome = _decide_on(s, rt, hdr, parsed, case)
    if not outcome.accepted and parsed.as_form is not None:
        return _as_form(s, rt, row, hdr, key, parsed, outcome.summary)
    if (late := _overtaken(s, rt, row, hdr, key, parsed, case, outcome.accepted, outcome.effects)) is not None:
        return late
    if parsed.as_form is not None:
        # The command will be applied and the mail carries a form too (a CLOSE with the case's late return
        # attached, an ACTION above a forwarded return, a sibling's referral under DISAGREE): the form is acted on
        # first, by its own path and sender rules, then the command is decided again on what the case is now
        # (the return credited before the case closes). One transaction: a crash between the two redoes both.
        _form_beside(s, rt, row, hdr, key, parsed, case)
        row.case_id, row.status = case.id, "processed"
        outcome = _decide_on(s, rt, hdr, parsed, case)
    if outcome.accepted and aside:
        outcome = _noting(outcome, aside)
    apply(s, rt, outcome.effects, case, row, key, actor=hdr.sender)
    row.parse_json = {**(row.parse_json or {}), "command_accepted": outcome.accepted}
    return Outcome("processed", ("accepted: " if outcome.accepted else "refused: ") + outcome.summary, case.ref)


def _set_aside(s: Session, rt: Runtime, hdr: Headers, cmd: Any, case: Case) -> str:
    """Of the other cases an ambiguous command names (parsers/classify.py), those that do not make it ambiguous on
    what csprbot knows (stranger round 17, B2/B3): a number read from a case word alone ("LCS case id 4471", "case
    ref: 88/2026") that names no case of the partnership, and a case named right after a relation in the reason
    ("CLOSE: duplicate of REF") that is linked to this one. When nothing else is left, the command is for this case
    and `ambiguous_refs` is dropped; the note returned is added to the confirmation, so a typo shows. Only for a
    partnership role, who may be told which references exist: anyone else's refusal stays the same whatever the
    references name (SECURITY: a refusal must not tell which references exist). The parser's keys never reach the
    command's handler or its audit."""
    named = [r for r in str(cmd.args.pop("ambiguous_refs", "") or "").split(", ") if r]
    words = {r for r in str(cmd.args.pop("word_refs", "") or "").split(", ") if r}
    reasoned = {r for r in str(cmd.args.pop("reason_refs", "") or "").split(", ") if r}
    if not named:
        return ""
    if not rt.settings.roles.holders(hdr.sender or ""):
        cmd.args["ambiguous_refs"] = ", ".join(named)
        return ""
    left: list[str] = []
    unknown: list[str] = []
    related: list[str] = []
    incident = (case.facts or {}).get("incident")
    for shown in named:
        ref = _our_ref(rt, shown)
        if ref == case.ref:
            continue
        other = case_by_ref(s, ref) if ref else None
        if shown in reasoned and other is not None and incident and (other.facts or {}).get("incident") == incident:
            related.append(ref or shown)
        elif shown in words and ref is not None and other is None:
            unknown.append(ref)
        else:
            left.append(shown)
    if left or len(left) + len(unknown) + len(related) == len(named):
        # another case is still named (or the subject's own is not among them): refused, every reference listed
        cmd.args["ambiguous_refs"] = ", ".join(named)
        if any(shown in words for shown in left):
            cmd.args["ambiguous_by_word"] = "yes"  # read from "case" and a number: the refusal says how to write
        return ""
    notes = []
    if related:
        notes.append(f"the reason names {', '.join(related)}, linked to this case: kept as part of the reason")
    if unknown:
        shown_nums = ", ".join(f"case {r.rsplit('-', 1)[1]}" for r in unknown)
        notes.append(f"the mail also mentions {shown_nums}, which is no case here ({', '.join(unknown)}): read as "
                     "another system's number, not a second case")
    return "; ".join(notes)


def _our_ref(rt: Runtime, shown: str) -> str | None:
    """A reference as the parser lists it ("CSPR-2026-002" without a prefix is the partnership's), normalised."""
    m = re.fullmatch(r"(?:([A-Za-z]{2,6})-)?CSPR-(\d{4})-(\d+)", shown)
    if m is None:
        return None
    return format_ref((m.group(1) or rt.settings.partnership.ref_prefix).upper(), int(m.group(2)), int(m.group(3)))


def _noting(outcome: Any, note: str) -> Any:
    """`outcome` with `note` added to its summary, its confirmation and its audit."""
    summary = f"{outcome.summary} (note: {note})"
    effects = []
    for fx in outcome.effects:
        if isinstance(fx, MailIntent) and fx.kind == "confirm":
            fx = replace(fx, context={**fx.context, "summary": summary})
        elif isinstance(fx, Audit) and fx.kind == "command_accepted":
            fx = replace(fx, detail={**fx.detail, "summary": summary, "refs_set_aside": note})
        effects.append(fx)
    return replace(outcome, effects=effects, summary=summary)


def changes_after(s: Session, case: Case, at: datetime) -> list[overtaken.Change]:
    """The commands applied to `case` that were received after `at` (naive UTC), oldest first, each with the stage
    it moved the case to. A command's effects are audited at its receipt, its stage change before its
    `command_accepted` (bot.domain.commands.decide_command appends that last)."""
    out: list[overtaken.Change] = []
    stage: tuple[str, datetime] | None = None
    for ev in s.scalars(select(Event).where(Event.case_id == case.id, Event.at > at,
                                            Event.kind.in_(("stage_changed", "command_accepted")))
                        .order_by(Event.id)):
        detail = ev.detail or {}
        if ev.kind == "stage_changed":
            stage = (str(detail.get("to") or ""), ev.at)
            continue
        ref = detail.get("personal")
        if isinstance(ref, int):  # the text typed, kept apart from the audit log (bot/store/personal.py)
            detail = restore(detail, held(s, [ref]).get(ref))
        raw_args = detail.get("args")
        args: dict[str, object] = dict(raw_args) if isinstance(raw_args, dict) else {}
        out.append(overtaken.Change(ev.at, str(detail.get("verb") or ""), {str(k): str(v) for k, v in args.items()},
                                    stage[0] if stage else None, str(detail.get("by") or ev.actor or "") or None))
        stage = None
    if stage is not None:  # a stage change no command_accepted follows: still a change
        out.append(overtaken.Change(stage[1], "", {}, stage[0]))
    return out


def _overtaken(s: Session, rt: Runtime, row: Message, hdr: Headers, key: str, parsed: Any,
               case: Case, accepted: bool, effects: list[Any]) -> Outcome | None:
    """A command mail received before a change already applied to its case (bot/domain/overtaken.py), that the case
    as it is now would accept: not applied. Its sender and the co-ordinator are told what changed and when (no child
    named) and that it may be sent again. One the case already agrees with (the same command, made later) is only
    audited, its sender told if someone else made it, whether or not the case would take it again. None: apply or
    refuse it as decided (a command the case would refuse anyway gets that refusal, which says how the case is)."""
    if _via_channel(row):
        # Typed now (or at `act --now`, held to the case's latest day by act itself: within a day a pinned clock's
        # order against the runs around it is not the case's history): only mail waits in a mailbox.
        return None
    cmd = parsed.command
    # Refused as the case is now: judged against every later stage change, so a CLOSE mailed and then typed
    # is 'already done', not a refusal; accepted: stage changes count only if it would move the case itself.
    moves = not accepted or any(isinstance(e, SetStage) for e in effects)
    over = overtaken.overtaking(cmd.verb, cmd.args, changes_after(s, case, rt.stamp), moves)
    if not over:
        return None
    agree = overtaken.agrees(cmd.verb, cmd.args, over)
    if not agree and not accepted:
        return None
    verb = overtaken.name(cmd.verb, cmd.args)
    why = overtaken.already(rt.stamp, over) if agree else overtaken.reason(rt.stamp, over)
    audit(s, rt, "command_overtaken", {"message": row.id, "verb": verb, "by": hdr.sender, "agrees": agree,
                                       "received_at": rt.stamp.isoformat(timespec="seconds"),
                                       "changes": [overtaken.what(c) for c in over[-3:]]}, case, hdr.sender)
    if parsed.as_form is not None:
        return _as_form(s, rt, row, hdr, key, parsed, "the case changed after the mail was received")
    row.parse_json = {**(row.parse_json or {}), "command_accepted": False}
    sender = (hdr.sender or "").lower()
    if not agree or (over[-1].by or "").lower() != sender:
        enqueue(s, rt, MailIntent("refusal", "sender.refusal.command", (hdr.sender or "",),
                                  {"verb": verb, "reason": why}, tag="overtaken", reply=True), case, row, key)
    if agree:
        return Outcome("processed", f"not applied: {why}", case.ref)
    told = tuple(a for a in routing.for_event(rt.settings, "triage") if a.lower() != sender)
    if told:
        enqueue(s, rt, MailIntent("triage", "coordinator.triage.overtaken", told, {
            "message": row.id, "sender": shown_address(rt.settings, hdr.sender), "verb": verb,
            "received": rt.stamp.strftime("%Y-%m-%d %H:%M"), "changes": [overtaken.what(c) for c in over[-3:]],
            "more": max(0, len(over) - 3), "answered": rt.no_answer_to is None}, tag="overtaken"), case, row, key)
    return Outcome("processed", f"refused: {why}", case.ref)


def _decide_on(s: Session, rt: Runtime, hdr: Headers, parsed: Any, case: Case) -> Any:
    """What the command does to the case as it stands now (bot.domain.commands.decide_command's Outcome)."""
    if parsed.command.verb.upper() == "LINK" and (other := find_ref(parsed.command.args.get("ref"))) \
            and other != case.ref and case_by_ref(s, other) is None:
        return refuse(hdr.sender or "", case.ref, "LINK", f"no case {other} is known")
    # An ACTION's owner may spell no open case's child (other cases by their stored keys, not their forms).
    others = (open_case_ids(s, case.id) if parsed.command.verb.upper().split()[:1] in (["ACTION"], ["CORRECT"])
              else None)
    return decide_command(parsed.command, hdr.sender or "", snapshot(s, case), rt.settings, rt.cal,
                          rt.today, received_at=rt.now, sent_at=rt.queued_now, others=others)


FORM_BESIDE = "form_beside_command"


def _form_beside(s: Session, rt: Runtime, row: Message, hdr: Headers, key: str, parsed: Any, case: Case) -> None:
    """The referral or agency return a mail carries beside a command that is applied: acted on as any such form
    from this sender would be (a role forwarding an agency's return credits it; a referral opens its case or joins
    the open case of its child). A referral naming the child of the command's own case is that case's referral:
    linked to it as a duplicate (`csprbot new-case` splits it off), never a second case. A return its path would
    hold or refuse is not quarantined (the command stands): the co-ordinator is told, naming no child."""
    from bot.domain.duplicates import same_child

    form = parsed.as_form
    verb = " ".join(parsed.command.verb.upper().split())
    fkey = f"{key}:form"  # its mails and case number apart from the command's (outbox keys are per source key)
    held: list[str] = []

    def hold(why: str) -> Outcome:
        held.append(why)
        return Outcome("held", why)

    if form.kind == "referral" and form.referral is not None and same_child(form.referral, case.referral_json):
        out = _duplicate_referral(s, rt, row, hdr, fkey, case.ref, form)
    elif form.kind == "referral" and form.referral is not None:
        out = _referral(s, rt, row, hdr, fkey, form)
    else:
        out = _return(s, rt, row, hdr, fkey, form, form.case_ref or find_ref(hdr.subject), hold=hold)
    detail: dict[str, object] = {"message": row.id, "verb": verb, "as": form.kind, "outcome": out.detail[:200],
                                 "case": out.ref}
    audit(s, rt, FORM_BESIDE, detail, case, hdr.sender)
    row.parse_json = {**(row.parse_json or {}), "form_beside": {**{k: v for k, v in detail.items() if k != "message"},
                                                                "held": bool(held)}}
    if held:
        ctx: dict[str, object] = {"message": row.id, "sender": shown_address(rt.settings, hdr.sender), "verb": verb,
                                  "reason": reason_codes(held[0][:400])}
        enqueue(s, rt, MailIntent("triage", "coordinator.triage.form_beside", routing.for_event(rt.settings, "triage"),
                                  ctx, tag="form-beside"), case, row, fkey)


def _as_form(s: Session, rt: Runtime, row: Message, hdr: Headers, key: str, parsed: object, why: str) -> Outcome:
    """A mail whose first line reads as a command that would not be applied, carrying a referral or agency return
    form: acted on as that form (issue 10: what a message is comes from its content). "Action: please consider
    the attached referral." opens a case; "Notified: ..." above an agency's return credits it. A command that
    would be applied (a role's well-formed command on its case) is applied and the form is not read."""
    from parsers.records import ParseResult

    assert isinstance(parsed, ParseResult) and parsed.command is not None and parsed.as_form is not None
    form = parsed.as_form
    verb = " ".join(parsed.command.verb.upper().split())
    audit(s, rt, "command_read_as_form", {"message": row.id, "verb": verb, "as": form.kind, "reason": why[:200]},
          actor=hdr.sender)
    # no quoted value from the command here: this warning can reach the digest (quarantine reasons)
    form.warnings.append(f"its first line reads as {verb}, which would not be applied: acted on as the "
                         f"{form.kind.replace('_', ' ')} it carries")
    row.kind, row.parse_json = form.kind, {**form.to_json_dict(), "read_as_form": {"verb": verb, "why": why[:200]}}
    if form.kind == "referral":
        return _referral(s, rt, row, hdr, key, form)
    return _return(s, rt, row, hdr, key, form, form.case_ref or find_ref(hdr.subject))


def row_text(parsed: object) -> str:
    """The command as the parser read it (its verb and arguments) and the digest of the mail's own text in
    every body part (two mails with one command but other HTML are two mails)."""
    from parsers.records import ParseResult

    assert isinstance(parsed, ParseResult) and parsed.command is not None
    return "\n".join([*(f"{k}={v}" for k, v in sorted(parsed.command.args.items())), parsed.text_digest or ""])


def command_fingerprint(sender: str | None, subject: str, verb: str, text: str, date: str | None) -> str:
    """Who sent which command about what, when they say they sent it, normalised: the same command replayed
    with its subject refolded, a header added, a line ending changed or a new Message-ID has the same
    fingerprint. A genuinely new mail carrying the same command has a new Date: (which a DKIM signature
    covers, so a replayer cannot change it without failing authentication)."""
    from email.utils import parsedate_to_datetime

    from bot.domain.refs import find_ref

    try:
        when = parsedate_to_datetime(date or "").astimezone(UTC).isoformat()
    except (TypeError, ValueError, IndexError):
        when = " ".join((date or "").split())
    subj = find_ref(subject) or " ".join(subject.casefold().split())
    norm = "\n".join([(sender or "").lower(), subj, verb.upper(), " ".join(text.casefold().split()), when])
    return hashlib.sha256(norm.encode("utf-8", "surrogateescape")).hexdigest()


def _replayed(s: Session, row: Message, hdr: Headers, earlier: list[int], fingerprint: str,
              case: Case | None) -> int | None:
    """The earlier message this command mail replays, or None.

    Same Message-ID: any earlier command mail under it that was processed (applied or answered) makes this one
    a replay, however its bytes differ (a reused Message-ID on other kinds of mail is still a new message).
    Any Message-ID (a new one, or none): an earlier *applied* command to the same case from the same sender
    with the same fingerprint (the same command text under the same Date:). A refused one does not count
    here: the same refusal again is harmless, and the sender is told why again."""
    if hdr.message_id and earlier:
        for m in s.scalars(select(Message).where(Message.id.in_(earlier[:200]))):
            if m.status == "processed" and m.kind == "reply" and (m.parse_json or {}).get("command"):
                return m.id
    if not hdr.sender or case is None:
        return None
    for m in s.scalars(select(Message).where(Message.case_id == case.id, Message.sender == hdr.sender,
                                             Message.status == "processed", Message.kind == "reply",
                                             Message.id != row.id)):
        if (m.parse_json or {}).get("command_fingerprint") == fingerprint and (m.parse_json or {}).get(
                "command_accepted"):
            return m.id
    return None


def acknowledge(inbox: Inbox, item: InboundMail, outcome: Outcome) -> None:
    """After commit only: move the message to where its stored status says it belongs."""
    if outcome.status == "busy":
        return  # the instance working it moves it; if that one dies, its lease runs out and we do
    if outcome.status == "quarantined" or (outcome.status == "duplicate" and outcome.detail == "quarantined"):
        inbox.quarantine(item, outcome.detail)
    else:
        inbox.acknowledge(item)


def intake_pass(inbox: Inbox, sessions: sessionmaker[Session], rt: Runtime, limit: int = 500,
                received: Callable[[InboundMail, datetime], datetime] | None = None) -> list[Outcome]:
    outcomes: list[Outcome] = []
    for item in inbox.fetch(limit):
        # The claim is kept until the message has left INBOX: otherwise another instance, finding it done
        # (a duplicate), would move it at the same moment, and two concurrent MOVEs can leave two copies.
        outcome = process_one(item, sessions, rt, received, keep_claim=True)
        acknowledge(inbox, item, outcome)
        if outcome.status != "busy":
            _release_quietly(sessions, claim_name(item), instance_name())
        (log.debug if outcome.status == "busy" else log.info)(
            "%s %s %s %s", item.source_id, outcome.status, outcome.ref or "", outcome.detail[:120])
        outcomes.append(outcome)
    return outcomes


def claim_quarantined(s: Session, message_id: int, to_status: str, seen: int | None = None,
                      statuses: tuple[str, ...] = ("quarantined",)) -> Message | None:
    """Inside the caller's transaction: take a quarantined message for one action, or None if it is not
    (any more) quarantined, or has been acted on since the person saw it (`seen`: its handled_count then).

    One conditional UPDATE is the claim: of several requests at once, one changes the row and the others
    change nothing (PostgreSQL re-reads the row after the winner commits; SQLite lets one writer in at a
    time), so a message is released, or opened as a referral, once.
    """
    cond = [Message.id == message_id, Message.status.in_(statuses), Message.blob.has()]
    if seen is not None:
        cond.append(Message.handled_count == seen)
    won = s.execute(update(Message).where(*cond).values(status=to_status, handled_count=Message.handled_count + 1)
                    .execution_options(synchronize_session=False))
    if won.rowcount != 1:  # type: ignore[attr-defined]
        return None
    return s.get(Message, message_id, populate_existing=True)


def _not_claimed(s: Session, message_id: int) -> Outcome:
    row = s.get(Message, message_id)
    if row is None or row.raw is None or row.status == "ignored":
        return Outcome("ignored", f"no quarantined message {message_id}")
    if row.status == "quarantined":  # acted on and back in quarantine since the person looked
        return Outcome("handled", f"message {message_id} has already been handled since you looked at it "
                                  "(it is back in quarantine: look at it again)")
    return Outcome("handled", f"message {message_id} has already been handled (now {row.status})")


def release(sessions: sessionmaker[Session], rt: Runtime, message_id: int, actor: str = "cli",
            seen: int | None = None) -> Outcome:
    """`csprbot quarantine release ID`: run the stored bytes through intake again (e.g. after a fix).

    `seen` is the message's handled_count when the person looked: a release asked for twice at once (two
    tabs, two shells, a double click) runs once, also when the first has already put the message back in
    quarantine (still unreadable) by the time the second arrives. Status "handled" for the others.
    """
    with sessions.begin() as s:
        # "released" too: a release killed after this claim committed but before process_one committed
        # left the message released and unprocessed (process_one's own transaction rolled back). Releasing
        # it again finishes it; process_one's lease and its status check keep the effects to one run.
        row = claim_quarantined(s, message_id, "released", seen, statuses=RELEASABLE)
        if row is None or row.raw is None:
            return _not_claimed(s, message_id)
        audit(s, rt, "released", {"message": row.id}, actor=actor)
        # Released mail keeps the time it first arrived: a return held for confirmation is not late because
        # the co-ordinator confirmed it later.
        item = InboundMail(row.mailbox, row.source_id, row.raw, row.received_at.replace(tzinfo=UTC))
    return process_one(item, sessions, rt, lambda it, now: min(it.received_at or now, now))


def act(sessions: sessionmaker[Session], rt: Runtime, ref: str, command: str, actor: str,
        channel: str = "cli") -> Outcome:
    """A co-ordinator at a terminal (or the web view): the same command, parser and rules as by email.

    `channel` ("cli" or "web") is recorded as the mailbox the command arrived through.
    """
    from email.message import EmailMessage
    from email.utils import format_datetime, make_msgid

    if any(ord(ch) < 32 or ord(ch) == 127 for ch in actor):
        # Would be a header of its own (or a mail-library error): not a mistake to half-process.
        return Outcome("ignored", "refused: the acting address holds a line break or another control character")
    if (earlier := _after_latest_event(sessions, rt, ref)) is not None:
        return Outcome("ignored", f"refused: {earlier}")
    msg = EmailMessage()
    msg["From"] = actor
    msg["To"] = rt.settings.partnership.bot_address
    msg["Subject"] = f"RE: [{ref}]"
    msg["Date"] = format_datetime(rt.now)
    msg["Message-ID"] = make_msgid(domain=f"{channel}.csprbot")
    msg.set_content(command.replace("\\n", "\n") + "\n")
    return process_one(InboundMail(channel, msg["Message-ID"], msg.as_bytes()), sessions, rt)


# Delivery is not something that happened to the case: its events carry the sending run's clock, not the case's.
_DELIVERY_EVENTS = ("mail_sent", "mail_parked", "mail_refit")


def _after_latest_event(sessions: sessionmaker[Session], rt: Runtime, ref: str) -> str | None:
    """Why a command given at the terminal "received" at `rt.now` (`act --now`) comes before the case's own latest
    recorded event's day (a REOPEN before its CLOSE, a decision before the referral arrived; stranger round 11,
    B6), or None. The case's history is in the order it happened."""
    with sessions.begin() as s:
        found = find_ref(ref)
        case = case_by_ref(s, found) if found else None
        if case is None:
            return None  # intake answers an unknown reference as it answers one by mail
        latest = s.execute(select(Event.at, Event.kind).where(Event.case_id == case.id,
                                                              Event.kind.not_in(_DELIVERY_EVENTS))
                           .order_by(Event.at.desc(), Event.id.desc()).limit(1)).first()
    # By the day: within one day the order of a pinned clock and the runs around it is not the case's history
    # (a test or replay acting at 11:00 after a run at 12:00 the same day); days apart it is.
    if latest is None or rt.stamp.date() >= latest[0].date():
        return None
    return (f"the command would be received at {rt.stamp.isoformat(timespec='minutes')} UTC, before {case.ref}'s "
            f"latest recorded event ({latest[1].replace('_', ' ')} at {latest[0].isoformat(timespec='minutes')} UTC): "
            "a command cannot come before the day of what the case has already recorded; nothing was done")


def open_as_referral(sessions: sessionmaker[Session], rt: Runtime, message_id: int, actor: str,
                     seen: int | None = None) -> Outcome:
    """A quarantined message a person has read and judged to be a referral: open a case from it.

    What the parser could read is kept; a message it could not read as a form opens a case with every
    field missing, so the co-ordinator's triage mail lists what to ask the referrer for.
    """
    from parsers import parse_message

    with sessions.begin() as s:
        # The claim first: "processed" is what _referral leaves it as; a second request finds it taken.
        row = claim_quarantined(s, message_id, "processed", seen)
        if row is None or row.raw is None:
            return _not_claimed(s, message_id)
        parsed = parse_message(row.raw, known_domains=rt.settings.domain_map())
        if parsed.referral is None and parsed.as_form is not None and parsed.as_form.referral is not None:
            parsed = parsed.as_form  # a referral form under a covering note that reads as a command
        return _open_claimed(s, rt, row, parsed, actor)


def _open_claimed(s: Session, rt: Runtime, row: Message, parsed: object, actor: str) -> Outcome:
    """Open a case from a quarantined message a person claimed (open as referral, `new-case`)."""
    from parsers.records import ParseResult, Referral

    assert isinstance(parsed, ParseResult) and row.raw is not None
    if parsed.referral is None:
        parsed = ParseResult(kind="referral", referral=Referral(), missing=["referral (not read as a form)"],
                             warnings=[*parsed.warnings, f"opened as a referral by {actor}"])
    hdr = read_headers(row.raw)
    row.kind = "referral"
    if row.parse_json is None:
        # quarantined unread (sender authentication failed): the case view's "fields to check" reads this
        row.parse_json = parsed.to_json_dict()
    audit(s, rt, "opened_as_referral", {"message": row.id}, actor=actor)
    return _referral(s, rt, row, hdr, f"{row.dedupe_key}:as-referral", parsed, vouched=True)


def open_as_new_case(sessions: sessionmaker[Session], rt: Runtime, message_id: int, actor: str) -> Outcome:
    """`csprbot new-case ID`: a referral csprbot linked to an open case is in fact another child or incident; or
    a referral held in quarantine (its covering note read as a command, say): opened as "open as referral" does."""
    from parsers import parse_message
    from parsers.records import ParseResult

    with sessions.begin() as s:
        # Lock the row before reading the history (PostgreSQL: its row lock; SQLite: the write lock), so two
        # requests at once are served one after the other and the second sees "opened_as_new_case".
        s.execute(update(Message).where(Message.id == message_id)
                  .values(handled_count=Message.handled_count).execution_options(synchronize_session=False))
        row = s.get(Message, message_id, populate_existing=True)
        if row is None or row.raw is None:
            return Outcome("ignored", f"no stored message {message_id}")
        parsed = parse_message(row.raw, known_domains=rt.settings.domain_map())
        if parsed.kind != "referral" and parsed.as_form is not None and parsed.as_form.kind == "referral":
            parsed = parsed.as_form  # a referral form under a covering note that reads as a command
        if parsed.kind != "referral" or not isinstance(parsed, ParseResult):
            return Outcome("ignored", f"message {message_id} is not a referral ({parsed.kind})")
        if row.status == "quarantined":
            claimed = claim_quarantined(s, message_id, "processed")
            if claimed is None:
                return _not_claimed(s, message_id)
            return _open_claimed(s, rt, claimed, parsed, actor)
        linked = s.get(Case, row.case_id) if row.case_id else None
        history = {e.kind for e in s.scalars(select(Event).where(Event.case_id == row.case_id))
                   if e.detail.get("message") == row.id} if linked else set()
        from bot.complete import COMPLETED, undo

        if linked is None or not history & {"duplicate_referral", FOLLOW_UP_FILED, COMPLETED} or (
                "opened_as_new_case" in history):
            return Outcome("ignored", f"message {message_id} was not linked to another case as a duplicate or a "
                                      "follow-up")
        hdr = read_headers(row.raw)
        key = f"{row.dedupe_key}:new-case"
        audit(s, rt, "opened_as_new_case", {"message": row.id, "was_linked_to": linked.ref}, linked, actor)
        if COMPLETED in history:
            undo(s, rt, linked, row.id, actor)  # another child's form: the case it completed is as it was
        return _referral(s, rt, row, hdr, key, parsed, allow_duplicate=True, vouched=True)
