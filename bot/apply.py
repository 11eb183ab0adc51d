"""Carries out domain effects inside one open transaction: clocks, stage, returns, audit, outbox.

The caller owns the transaction; nothing here commits. Mail intents become outbox rows keyed by an
idempotency key, so applying the same effects twice queues nothing twice.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.domain import routing
from bot.domain.clocks import due_date
from bot.domain.effects import (
    Audit,
    CorrectField,
    Effect,
    ExtendClock,
    LinkCase,
    MailIntent,
    OnLinkedCase,
    ReanchorClock,
    RecordReturn,
    RequestAgency,
    RestartClock,
    SetFact,
    SetStage,
    StartClock,
    StopClock,
)
from bot.domain.labels import label
from bot.domain.referral import parent_of
from bot.render import compose, message_id_for, render_text, subject_for
from bot.settings import Settings, insecure_reason
from bot.store.models import AgencyRequest, Case, Clock, Event, Message, OutboxItem
from bot.store.repo import utc_naive
from bot.workdays import WorkCalendar


@dataclass
class Runtime:
    settings: Settings
    cal: WorkCalendar
    now: datetime  # aware UTC
    # The sender of automatic mail (Auto-Submitted, Precedence: bulk...): what it asked for is done, but it
    # gets no acknowledgement, confirmation or refusal (RFC 3834: no auto-answer to automatic mail).
    no_answer_to: str | None = None
    # When this pass handles the mail (set by intake, which moves `now` back to the mail's receipt for the
    # clocks): what is queued now is sent now, so the outbox row and its Date: carry this, never the receipt.
    processing: datetime | None = None

    @property
    def queued_now(self) -> datetime:
        return self.processing or self.now

    @property
    def today(self) -> date:
        return self.now.astimezone(self.cal.tz).date()

    @property
    def stamp(self) -> datetime:
        return utc_naive(self.now)


def audit(s: Session, rt: Runtime, kind: str, detail: dict[str, object], case: Case | None = None,
          actor: str | None = None, typed: tuple[str, ...] = ()) -> None:
    """One audit event. Personal values go under detail["personal"]: they are kept out of the append-only log, in
    a row retention purges, and the event names that row and the values' digest (bot/store/personal.py). So does
    any part of the detail carrying `typed`, the free text of the command being applied (bot/domain/typed.py)."""
    if "personal" in detail or typed:
        from bot.store.personal import keep

        detail = keep(s, case.id if case else None, rt.stamp, detail, typed)
    s.add(Event(at=rt.stamp, case_id=case.id if case else None, kind=kind, actor=actor, detail=detail))


def typed_in(effects: list[Effect]) -> tuple[str, ...]:
    """The free text a person typed into the command these effects carry out: its `command_accepted` (or
    `command_refused`) keeps it under "personal" (bot.domain.commands._args_for_audit)."""
    from bot.domain.typed import texts

    found: list[str] = []
    for fx in effects:
        if isinstance(fx, Audit) and isinstance(values := fx.detail.get("personal"), dict):
            found += texts({k: v for k, v in values.items() if k != "_detail"})
    return tuple(dict.fromkeys(found))


def apply(s: Session, rt: Runtime, effects: list[Effect], case: Case | None, source: Message | None,
          source_key: str, actor: str | None = None) -> None:
    """State changes first, then mails, so a mail's context sees the clocks it talks about. Every event they
    write keeps the command's typed text apart (`typed_in`, bot/store/personal.py)."""
    typed = typed_in(effects)
    for fx in effects:
        if not isinstance(fx, MailIntent):
            _state(s, rt, fx, case, actor, typed)
    s.flush()
    if case is not None and (case.facts or {}).get("incident"):
        _linked_returns(s, rt, case, actor)
    for fx in effects:
        if isinstance(fx, MailIntent):
            enqueue(s, rt, fx, case, source, source_key)


def _linked_returns(s: Session, rt: Runtime, case: Case, actor: str | None) -> None:
    """After any change to a linked case, each case of its incident (oldest first, so exactly one takes a
    clock over) settles the incident's agency returns (bot.domain.incident.reconcile): state and audit only,
    no mail (nobody is asked again)."""
    from bot.domain.incident import reconcile
    from bot.store.repo import incident_cases, snapshot

    for c in sorted([case, *incident_cases(s, case)], key=lambda x: x.id):
        for fx in reconcile(snapshot(s, c), rt.today):
            _state(s, rt, fx, c, actor)
        s.flush()


def _state(s: Session, rt: Runtime, fx: Effect, case: Case | None, actor: str | None,
           typed: tuple[str, ...] = ()) -> None:
    if isinstance(fx, Audit):
        audit(s, rt, fx.kind, fx.detail, case, actor, typed)
        return
    assert case is not None, f"{type(fx).__name__} needs a case"
    if isinstance(fx, StartClock):
        start_clock(s, rt, case, fx.key, fx.anchor, fx.agency, fx.due)
    elif isinstance(fx, SetFact):
        facts = dict(case.facts or {})
        if fx.value is None:
            facts.pop(fx.key, None)
        else:
            facts[fx.key] = fx.value
        case.facts = facts  # a new dict: SQLAlchemy sees the change
    elif isinstance(fx, ReanchorClock):
        # A met clock too (a corrected incident date): its verdict follows its new due date (stopped_on > due).
        clk = s.scalar(select(Clock).where(Clock.case_id == case.id, Clock.key == fx.key, Clock.agency == fx.agency,
                                           Clock.state.in_(("running", "met"))))
        if clk is not None and clk.anchor != fx.anchor:
            old_anchor, old_due = clk.anchor, clk.due
            clk.anchor = fx.anchor
            clk.due = clk.original_due = due_date(rt.settings.clocks[fx.key], fx.anchor, rt.cal)
            detail: dict[str, object] = {"clock": clk.key, "agency": clk.agency, "from": old_anchor.isoformat(),
                                         "anchor": fx.anchor.isoformat(), "was_due": old_due.isoformat(),
                                         "due": clk.due.isoformat(), "reason": fx.reason}
            if clk.state == "met" and clk.stopped_on is not None:
                detail |= {"met_on": clk.stopped_on.isoformat(), "was_late": clk.stopped_on > old_due,
                           "late": clk.stopped_on > clk.due}
            audit(s, rt, "clock_reanchored", detail, case, actor, typed)
    elif isinstance(fx, RestartClock):
        clk = s.scalar(select(Clock).where(Clock.case_id == case.id, Clock.key == fx.key, Clock.agency == fx.agency,
                                           Clock.state == "stopped"))
        if clk is not None and fx.met_on is not None:
            clk.state, clk.stopped_on, clk.stopped_at, clk.stop_reason = "met", fx.met_on, rt.stamp, fx.reason
            audit(s, rt, "clock_stopped", {"clock": clk.key, "agency": clk.agency, "outcome": "met",
                                           "on": fx.met_on.isoformat(), "due": clk.due.isoformat(),
                                           "late": fx.met_on > clk.due, "reason": fx.reason}, case, actor, typed)
        elif clk is not None:
            was_due = clk.due
            clk.state, clk.stopped_on, clk.stopped_at, clk.stop_reason = "running", None, None, None
            if fx.due is not None:
                clk.due = fx.due
            audit(s, rt, "clock_restarted", {"clock": clk.key, "agency": clk.agency, "due": clk.due.isoformat(),
                                             "was_due": was_due.isoformat(), "reason": fx.reason}, case, actor, typed)
    elif isinstance(fx, CorrectField):
        _correct(s, rt, case, fx, actor, typed)
    elif isinstance(fx, LinkCase):
        _link(s, rt, case, fx.ref, actor)
    elif isinstance(fx, OnLinkedCase):
        # Only ever the incident's own clock: a command under one case never reaches an unlinked one.
        incident = (case.facts or {}).get("incident")
        other = s.scalar(select(Case).where(Case.ref == fx.ref))
        assert incident and other is not None and (other.facts or {}).get("incident") == incident, \
            f"{fx.ref} is not linked to {case.ref}"
        _state(s, rt, fx.effect, other, actor, typed)
    elif isinstance(fx, StopClock):
        q = select(Clock).where(Clock.case_id == case.id, Clock.state == "running")
        if fx.key:
            q = q.where(Clock.key == fx.key)
        if fx.agency is not None:
            q = q.where(Clock.agency == fx.agency)
        for c in s.scalars(q):
            c.state, c.stopped_on, c.stopped_at, c.stop_reason = fx.outcome, fx.on, rt.stamp, fx.reason
            audit(s, rt, "clock_stopped", {"clock": c.key, "agency": c.agency, "outcome": fx.outcome,
                                           "on": fx.on.isoformat(), "due": c.due.isoformat(),
                                           "late": fx.on > c.due, "reason": fx.reason}, case, actor, typed)
    elif isinstance(fx, ExtendClock):
        ext = s.scalar(select(Clock).where(Clock.case_id == case.id, Clock.key == fx.key,
                                           Clock.agency == fx.agency))
        assert ext is not None
        old = ext.due
        ext.due = fx.due
        ext.extension_reason = ((ext.extension_reason + "\n") if ext.extension_reason else "") + \
            f"{old.isoformat()} -> {fx.due.isoformat()}: {fx.reason}"
        audit(s, rt, "clock_extended", {"clock": ext.key, "agency": ext.agency, "from": old.isoformat(),
                                        "to": fx.due.isoformat(), "reason": fx.reason}, case, actor, typed)
    elif isinstance(fx, SetStage):
        if case.stage != fx.stage:
            audit(s, rt, "stage_changed", {"from": case.stage, "to": fx.stage, "reason": fx.reason}, case, actor, typed)
            case.stage = fx.stage
            case.closed_reason = fx.reason if fx.stage == "closed" else None
    elif isinstance(fx, RequestAgency):
        req = s.scalar(select(AgencyRequest).where(AgencyRequest.case_id == case.id,
                                                   AgencyRequest.agency == fx.agency))
        if req is None:
            s.add(AgencyRequest(case_id=case.id, agency=fx.agency, requested_on=fx.on))
        elif req.requested_on is None or req.unsolicited:
            # Its return came before it was asked (commands._requests credits it): now it is a requested one.
            req.requested_on, req.unsolicited = fx.on, False
        start_clock(s, rt, case, "agency_return", fx.on, fx.agency)
    elif isinstance(fx, RecordReturn):
        req = s.scalar(select(AgencyRequest).where(AgencyRequest.case_id == case.id,
                                                   AgencyRequest.agency == fx.agency))
        if req is None:
            req = AgencyRequest(case_id=case.id, agency=fx.agency, unsolicited=True)
            s.add(req)
        clk = s.scalar(select(Clock).where(Clock.case_id == case.id, Clock.key == "agency_return",
                                           Clock.agency == fx.agency))
        req.involved = fx.involved
        if req.received_on is None:  # a second return (an update) keeps the day the first one met the duty
            req.received_on = fx.on
            req.late = bool(clk and fx.on > clk.due)


def _correct(s: Session, rt: Runtime, case: Case, fx: CorrectField, actor: str | None,
             typed: tuple[str, ...] = ()) -> None:
    """The form as read is fixed in place (so duplicate detection and the case view see it); the old value
    and the new go to a purgeable row the `field_corrected` event names by id and digest (the event keeps the field,
who and when for good; the values go with the case's other personal data at retention)."""
    form = copy.deepcopy(case.referral_json or {})
    node, leaf = parent_of(form, fx.path)
    old = node.get(leaf)
    node[leaf] = fx.value
    case.referral_json = form
    if fx.path == "child.incident_date":
        case.incident_date = date.fromisoformat(fx.value)
    elif fx.path == "referrer.email":
        case.referrer_email = fx.value.lower()
    audit(s, rt, "field_corrected", {"field": fx.path, "personal": {"old": old, "new": fx.value}}, case, actor, typed)


def _link(s: Session, rt: Runtime, case: Case, ref: str, actor: str | None) -> None:
    """Both cases (and whatever each was linked to) become one incident, named by its oldest reference."""
    other = s.scalar(select(Case).where(Case.ref == ref))
    assert other is not None, "LINK to an unknown case is refused before it is applied"
    mine, theirs = (case.facts or {}).get("incident"), (other.facts or {}).get("incident")
    names = [str(x) for x in (mine, theirs) if x]
    group = list(s.scalars(select(Case).where(Case.facts["incident"].as_string().in_(names)))) if names else []
    members = {c.id: c for c in [case, other, *group]}
    incident = members[min(members)].ref  # the first case opened names the incident
    for c in members.values():
        if (c.facts or {}).get("incident") != incident:
            c.facts = {**(c.facts or {}), "incident": incident}
            audit(s, rt, "case_linked", {"incident": incident, "to": ref if c is case else case.ref}, c, actor)


def start_clock(s: Session, rt: Runtime, case: Case, key: str, anchor: date, agency: str = "",
                fixed_due: date | None = None) -> Clock:
    existing = s.scalar(select(Clock).where(Clock.case_id == case.id, Clock.key == key, Clock.agency == agency))
    if existing:
        return existing
    due = fixed_due or due_date(rt.settings.clocks[key], anchor, rt.cal)
    c = Clock(case_id=case.id, key=key, agency=agency, anchor=anchor, due=due, original_due=due,
              state="running", started_at=rt.stamp)
    s.add(c)
    s.flush()
    audit(s, rt, "clock_started", {"clock": key, "agency": agency, "anchor": anchor.isoformat(),
                                   "due": due.isoformat()}, case)
    return c


def _clock_lines(s: Session, rt: Runtime, case: Case) -> list[dict[str, object]]:
    rows = s.scalars(select(Clock).where(Clock.case_id == case.id, Clock.state == "running").order_by(Clock.id))
    out: list[dict[str, object]] = []
    for c in rows:
        rule = rt.settings.clocks[c.key]
        who = ", ".join(r.replace("_", " ") for r in rule.responsible) or "no chaser"
        out.append({"key": c.key, "label": label(c.key), "due": c.due, "agency": c.agency, "who": who,
                    "overdue": c.due < rt.today})
    return out


def enqueue(s: Session, rt: Runtime, intent: MailIntent, case: Case | None, source: Message | None,
            source_key: str) -> int:
    """Render and queue one mail per recipient; returns how many were newly queued.

    A mail that invites commands lists, for each recipient, only those the roles that address holds on
    the case may send (routing.roles_held): the builder has kept those the model accepts now, this keeps
    each reader's own. Recipients with the same list share one rendering.
    """
    shown = None if intent.no_case else case  # the case as the mail may show it
    ref = shown.ref if shown else None
    ctx: dict[str, object] = {"partnership": rt.settings.partnership.name, "ref": ref, **intent.context}
    if shown is not None and case is not None:
        ctx.setdefault("clocks", _clock_lines(s, rt, case))
        # The latest round: a case reopened to decide again has a new one (process.round_tag).
        screening = s.scalar(select(Clock).where(Clock.case_id == case.id, Clock.key == "screening")
                             .order_by(Clock.id.desc()).limit(1))
        ctx.setdefault("screening_due", screening.due if screening else None)
    keys = {rcpt: f"{source_key}:{intent.kind}:{intent.tag}:{rcpt.lower()}" for rcpt in intent.to}
    done = set(s.scalars(select(OutboxItem.idem_key).where(OutboxItem.idem_key.in_(list(keys.values())))))
    todo: list[str] = []
    neutral: list[str] = []
    for rcpt in intent.to:
        if keys[rcpt] in done:
            continue
        if rt.no_answer_to and rcpt.lower() == rt.no_answer_to.lower() and (
                intent.kind in ("ack", "confirm", "refusal") or (intent.kind == "triage" and intent.reply)):
            audit(s, rt, "answer_suppressed", {"kind": intent.kind, "reason": "automatic mail (RFC 3834)"}, case,
                  rcpt)
            continue
        # Personal data, and anything naming a case or its outcome (a confirmation, an acknowledgement, a letter),
        # goes only to the secure allowlist: an agency's insecure domain or listed address gets none of it
        # (refused and listed in the digest under mail not sent), whatever the routing that chose it.
        if (intent.personal or ref is not None) and (why := insecure_reason(rcpt, rt.settings.secure_domains)):
            audit(s, rt, "send_refused", {"kind": intent.kind, "reason": why}, case)
            if intent.reply and intent.kind in ("ack", "confirm") and not intent.personal:
                neutral.append(rcpt)  # told only what a stranger is: received, to be looked at
            continue
        todo.append(rcpt)
    if neutral:
        enqueue(s, rt, MailIntent("ack", "referrer.ack.received", tuple(neutral), {}, tag=f"{intent.tag}-received",
                                  reply=True, no_case=True), case, source, source_key)
    # One rendering per (invitations, audience): each reader is invited to what it may send and is named by
    # its own role (a letter to the service leader does not open "For the ... executive").
    groups: dict[tuple[tuple[tuple[str, tuple[str, ...]], ...], str], list[str]] = {}
    for rcpt in todo:
        who = routing.audience(rt.settings, rcpt, shown.referrer_email if shown else None,
                               (shown.facts or {}).get("actions") if shown else None)
        groups.setdefault((_own_invites(rt, intent, shown, rcpt), who), []).append(rcpt)
    queued = 0
    for (invites, who), rcpts in groups.items():
        queued += _queue(s, rt, intent, case, source, {**ctx, "invites": [line for line, _ in invites],
                                                       "audience": who}, invites, rcpts, keys, ref)
    return queued


def _own_invites(rt: Runtime, intent: MailIntent, case: Case | None, rcpt: str
                 ) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The intent's invitations this recipient may send: one of the roles allowed holds it on this case."""
    if not intent.invites:
        return ()
    held = routing.roles_held(rt.settings, rcpt, case.referrer_email if case else None,
                              (case.facts or {}).get("actions") if case else None)
    return tuple((line, roles) for line, roles in intent.invites if held & set(roles))


def _queue(s: Session, rt: Runtime, intent: MailIntent, case: Case | None, source: Message | None,
           ctx: dict[str, object], invites: tuple[tuple[str, tuple[str, ...]], ...], todo: list[str],
           keys: dict[str, str], ref: str | None) -> int:
    """Render one text for `todo` and queue a copy for each of them."""
    text, html = render_text(intent.template, ctx)
    extra = {k: str(v) for k, v in intent.context.items() if k in ("due", "date")}
    extra["audience"] = str(ctx.get("audience") or "")
    subject = subject_for(intent.kind, ref, extra, intent.template)
    attachments: list[tuple[str, str, bytes]] = list(intent.attachments)
    original = source_raw(s, source) if intent.attach_original and source is not None else None
    if intent.return_template_for:
        from bot.return_form import build_return_form

        attachments.append((f"{ref}-agency-return.docx",
                            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                            build_return_form(ref or "", intent.return_template_for, rt.settings.partnership.name)))
    headers: list[str] = []
    if original is not None and source is not None:
        # The outbox row holds a placeholder, not the original (see bot/original.py): the stored message
        # is thinned to fit the routed-mail limit and spliced in when the mail is sent.
        from bot import original as orig

        rest = len(text) + len(html or "") + sum(len(a[2]) * 4 // 3 for a in attachments)
        budget = orig.budget_for(rt.settings.mail.max_routed_mail_bytes, rest)
        withheld = orig.plan(original, budget, source.id)
        if withheld:
            note = orig.withheld_text(withheld, source.id)
            text += note
            html = html.replace("</body>", f"<pre>{note}</pre></body>") if html else None
            audit(s, rt, "attachments_withheld", {"message": source.id, "kind": intent.kind,
                                                  "parts": [{"part": w.index, "bytes": w.size} for w in withheld]},
                  case)
        attachments.append((f"{ref or 'message'}-as-received.eml", "application/octet-stream", b""))
        headers.append(orig.marker(source.id, budget))
    domain = rt.settings.partnership.bot_address.rsplit("@", 1)[-1]
    # Compose and serialise once; each recipient's copy differs only in To and Message-ID.
    template = compose(kind=intent.kind, ref=ref, clock=intent.clock, sender=rt.settings.partnership.bot_address,
                       to=_TO, subject=subject, text=text, html=html, idem_key="", now=rt.queued_now,
                       in_reply_to=source.message_id if (intent.reply and source) else None,
                       attachments=attachments, message_id=_MID, last_part_headers=headers).as_bytes()
    queued = 0
    for rcpt in todo:
        key = keys[rcpt]
        raw = _personalise(template, rcpt, message_id_for(key, domain))
        if raw is None:  # an address the byte swap cannot carry (non-ASCII): compose this one in full
            raw = compose(kind=intent.kind, ref=ref, clock=intent.clock, sender=rt.settings.partnership.bot_address,
                          to=rcpt, subject=subject, text=text, html=html, idem_key=key, now=rt.queued_now,
                          in_reply_to=source.message_id if (intent.reply and source) else None,
                          attachments=attachments, last_part_headers=headers).as_bytes()
        s.add(OutboxItem(idem_key=key, case_id=case.id if case else None, kind=intent.kind,
                         clock_key=intent.clock, recipient=rcpt, subject=subject, raw=raw,
                         status="pending", attempts=0, next_attempt_at=utc_naive(rt.queued_now),
                         created_at=utc_naive(rt.queued_now), lane_rank=intent.lane_rank))
        detail: dict[str, object] = {"kind": intent.kind, "to": rcpt, "clock": intent.clock, "idem_key": key}
        if intent.invites:
            detail["invites"] = [[line, list(roles)] for line, roles in invites]
        audit(s, rt, "mail_queued", detail, case)
        queued += 1
    return queued


def source_raw(s: Session, source: Message) -> bytes | None:
    """The inbound message's bytes: intake writes them last in its transaction (see intake.process_one), so
    while it runs they are in the session's `pending_raw`, not yet on the row."""
    pending = s.info.get("pending_raw", {})
    raw = pending.get(source.id) if isinstance(pending, dict) else None
    return raw if isinstance(raw, bytes) else source.raw


_TO = "csprbot-recipient@csprbot.invalid"
_MID = "<csprbot-message-id@csprbot.invalid>"


def _personalise(template: bytes, rcpt: str, message_id: str) -> bytes | None:
    """The template with its placeholder To and Message-ID replaced, in the header block only."""
    if not rcpt.isascii() or any(c in rcpt for c in "\r\n"):
        return None
    end = template.find(b"\n\n")
    head, body = template[:end], template[end:]
    to_line, mid_line = b"To: " + _TO.encode(), b"Message-ID: " + _MID.encode()
    if head.count(to_line) != 1 or head.count(mid_line) != 1:
        return None
    head = head.replace(to_line, b"To: " + rcpt.encode()).replace(mid_line, b"Message-ID: " + message_id.encode())
    return head + body
