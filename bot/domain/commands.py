"""Decisions by email: the process model (bot.domain.process) says who may and when; this says what changes.

Every outcome is a list of effects; a refusal carries only the refusal mail and an audit entry, so
nothing about the case changes. Stage changes go through `enter`, which stops the clocks the new stage
does not own: no command stops a clock by itself except the ones its event meets (process.Transition.meets).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time

from bot.domain import incident, process, routing
from bot.domain.clocks import anchor_day, calendar_for, due_date
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
    unaddressed,
)
from bot.domain.labels import label
from bot.domain.owner_ids import Identifiers, from_form
from bot.domain.referral import AWARE_FROM_INCIDENT
from bot.domain.refs import find_ref
from bot.domain.snapshot import CaseSnapshot
from bot.domain.typed import carries, typed_args
from bot.settings import CLOCK_KEYS, Settings
from bot.workdays import WorkCalendar
from parsers.dates import child_on
from parsers.reasons import says_something
from parsers.records import AgencyReturn, Command

WHO_MAY: dict[str, tuple[str, ...]] = {v: process.who_may(v) for v in process.VERBS}
_VARIANTS = {"DECISION": ("decision", "RAPID REVIEW or NO RAPID REVIEW"),
             "PANEL": ("view", "LOCAL REVIEW, NATIONAL REVIEW or NO FURTHER REVIEW"),
             "AD DECISION": ("decision", "REFER or DO NOT REFER")}
# Fields of the form CORRECT may fix (the parse contract's names); dates must be ISO.
CORRECTABLE = {
    "referrer.name", "referrer.email", "referrer.role", "referrer.phone", "referrer.agency",
    "child.name", "child.date_of_birth", "child.home_address", "child.carer", "child.incident_date",
    "child.incident_location", "child.ethnicity", "child.faith", "child.disability", "child.child_protection_plan",
    "summary",
}
_DATE_FIELDS = {"child.date_of_birth", "child.incident_date"}
_ROLE_WORDS = {"action_owner": "the learning action's owner"}
MAX_ARG_CHARS = 2_000  # one argument of a command (a reason, a value, an action's text), by mail or `act`


@dataclass(frozen=True)
class Outcome:
    accepted: bool
    effects: list[Effect]
    summary: str  # one line for the confirmation / refusal and the audit log


class Refused(Exception):
    pass


@dataclass(frozen=True)
class Ctx:
    """What a command handler needs besides its arguments."""

    sender: str
    case: CaseSnapshot
    settings: Settings
    cal: WorkCalendar
    today: date  # the local day the command was received: what it stops (a verdict) and what it may date
    t: process.Transition
    received_at: datetime | None = None  # when the command mail reached the mailbox (aware)
    sent_at: datetime | None = None  # when what it sends is queued: the committed outbox row's time (aware)
    others: Identifiers = field(default_factory=Identifiers)  # other open cases' keys (owner_ids)

    def start(self, key: str) -> date:
        """Day 0 of a clock this command starts (DISAGREE, an undated DECISION or PANEL decision, REVIEWER,
        REOPEN's fair dates): its receipt after the cut-off rule, as a referral's (clocks.anchor_day)."""
        return anchor_day(self.settings.clocks[key], self.cal, self.received_at) if self.received_at else self.today

    def sent(self, key: str) -> date:
        """Day 0 of a clock that starts when csprbot sends a request (an agency return: "request sent to that
        agency"): when it is queued, which is when the command is processed, not when it was received (the two
        differ by however long csprbot was down); the same cut-off rule as any mail's receipt."""
        at = self.sent_at or self.received_at
        return anchor_day(self.settings.clocks[key], self.cal, at) if at else self.today


def _parse_date(raw: str | None, bad: str | None, today: date, required: bool) -> date | None:
    if not raw:
        if bad:
            raise Refused(f"the date {bad!r} is not a date I can read; write it as YYYY-MM-DD")
        if required:
            raise Refused("the command needs a date, written as YYYY-MM-DD")
        return None
    try:
        d = date.fromisoformat(raw)
    except ValueError:
        raise Refused(f"the date {raw!r} is not a date I can read; write it as YYYY-MM-DD") from None
    if d > today:
        raise Refused(f"the date {d.isoformat()} is in the future")
    return d


def _reason(args: dict[str, str], why: str, key: str = "reason") -> str:
    """A command's reason, which is kept, confirmed and sometimes sent on (DISAGREE to the Assistant Director):
    refused with `why` when there is none, or only punctuation, a sign-off, a placeholder or the sender's
    signature (parsers.reasons). The refusal never repeats what was written."""
    text = (args.get(key) or "").strip()
    if not says_something(text):
        raise Refused(why)
    return text


def _date(args: dict[str, str], c: Ctx) -> date:
    d = _parse_date(args.get("date"), args.get("date_raw"), c.today, True)
    assert d is not None
    return _possible(d, c)


def _decided_on(args: dict[str, str], c: Ctx) -> date:
    """A decision's own date when the command gives one (`PANEL: LOCAL REVIEW 2026-05-01`), else today."""
    d = _parse_date(args.get("date"), args.get("date_raw"), c.today, False)
    return _possible(d, c) if d else _received_possible(c)


def _received_possible(c: Ctx) -> date:
    """An undated decision takes its receipt day: held to the rule a written date is (`_possible`; stranger round
    11, B6: an undated NO RAPID REVIEW "received" before the referral and the incident was accepted). Against a
    clock's start the receipt is judged by that clock's own cut-off rule (Ctx.start), so a decision mailed the
    evening a referral arrived after the cut-off is not "before" the next working day its clock started."""
    incident = c.case.incident_date
    if incident and c.today < incident:
        raise Refused(f"it was received on {c.today.isoformat()}, before the incident ({incident.isoformat()})")
    for key in c.t.meets:
        if key in ("notification", "ofsted_notification"):
            continue  # as in _possible
        # Without a receipt time (the model asked directly) the day is given the benefit of the doubt: its last
        # moment, moved as a mail then would be (after the cut-off, or on a bank holiday, to the next working day:
        # a decision that evening answers a disagreement raised that afternoon, whose clock starts tomorrow).
        start = c.start(key) if c.received_at else anchor_day(
            c.settings.clocks[key], c.cal, c.cal.at_local(c.today, time(23, 59)))
        for clk in c.case.running(key):
            if start < clk.anchor and c.today < clk.anchor:
                raise Refused(f"it was received on {c.today.isoformat()}, before {clk.anchor.isoformat()}, when the "
                              f"clock it answers started ({label(key)})")
    return c.today


def _started_on(args: dict[str, str], c: Ctx, key: str, on: date) -> date:
    """Day 0 of the clock a decision starts: the date the command states as is (a date, not a receipt), else
    the command's receipt after the cut-off rule (Ctx.start)."""
    return on if args.get("date") else c.start(key)


def _possible(d: date, c: Ctx) -> date:
    """A date a command records cannot come before the incident, nor before the event that started a clock
    the command answers (a decision on a disagreement before it was raised, a submission before the Panel
    was notified, the Panel's view before the rapid review reached it)."""
    incident = c.case.incident_date
    if incident and d < incident:
        raise Refused(f"the date {d.isoformat()} is before the incident ({incident.isoformat()})")
    for key in c.t.meets:
        if key in ("notification", "ofsted_notification"):
            continue  # anchored on the day the LA became aware, a default the LA may know better
        for clk in c.case.running(key):
            if d < clk.anchor:
                raise Refused(f"the date {d.isoformat()} is before {clk.anchor.isoformat()}, when the clock it "
                              f"answers started ({label(key)})")
    return d


def decide_command(
    cmd: Command, sender: str, case: CaseSnapshot, settings: Settings, cal: WorkCalendar, today: date,
    received_at: datetime | None = None, sent_at: datetime | None = None, others: Identifiers | None = None,
) -> Outcome:
    """`today` is the local day the command was received; `received_at` and `sent_at` (aware instants: its
    receipt and its processing) anchor the clocks it starts (Ctx.start, Ctx.sent). Without them, `today`.
    `others`: the other open cases' stored keys (owner_ids.from_keys), which an ACTION's owner may not spell."""
    out = _decide(cmd, sender, case, settings, cal, today, received_at, sent_at, others)
    return out if out.accepted else _refusal_apart(out, cmd.args)


# Arguments csprbot wrote or read into a fixed form (references found, a variant, an ISO date): never typed text.
_READ_ARGS = frozenset({"extra_commands", "parts_differ", "ambiguous_refs", "reason_refs", "word_refs", "decision",
                        "view", "date", "answer"})


def _refusal_apart(out: Outcome, args: Mapping[str, str]) -> Outcome:
    """A refusal that repeats what was typed ("I do not know the agency 'Kayla Stone'"): its audited reason goes
    apart with the command's free text, as an accepted command's does (bot/domain/typed.py)."""
    said = {k: v for k, v in args.items() if isinstance(v, str) and v.strip() and k not in _READ_ARGS}
    pieces = [*said.values(), *(p for v in said.values() for p in re.split(r"[,;]", v) if len(p.strip()) >= 3)]
    effects: list[Effect] = []
    for fx in out.effects:
        if isinstance(fx, Audit) and fx.kind == "command_refused" and carries(str(fx.detail.get("reason", "")),
                                                                               pieces):
            fx = Audit(fx.kind, {**fx.detail, "personal": {"typed": [p.strip() for p in pieces]}})
        effects.append(fx)
    return Outcome(out.accepted, effects, out.summary)


def _decide(
    cmd: Command, sender: str, case: CaseSnapshot, settings: Settings, cal: WorkCalendar, today: date,
    received_at: datetime | None, sent_at: datetime | None, others: Identifiers | None,
) -> Outcome:
    verb = " ".join(cmd.verb.upper().split())
    if verb not in WHO_MAY:
        return _refuse(sender, case, verb, f"{verb!r} is not a command I know")
    held = routing.roles_held(settings, sender, case.referrer_email, case.facts.get("actions"))
    allowed = set(WHO_MAY[verb])
    if not held & allowed:
        need = " or ".join(sorted(_ROLE_WORDS.get(r, r) for r in allowed if r != "referrer"))
        if "referrer" in allowed:
            need = "a partnership role or the referrer"
        return _refuse(sender, case, verb, f"{verb} must come from {need}; {sender} does not hold that role")
    variant = ""
    if verb in _VARIANTS:
        key, choices = _VARIANTS[verb]
        variant = (cmd.args.get(key) or "").upper()
        if not process.transitions_for(verb, variant) or not variant:
            return _refuse(sender, case, verb, f"{verb} must be {choices}")
    if long := next((k for k, v in cmd.args.items() if isinstance(v, str) and len(v) > MAX_ARG_CHARS), None):
        # Free text is kept, confirmed, audited and sometimes mailed: a page of it is a paste in error.
        return _refuse(sender, case, verb, f"the command's text is {len(cmd.args[long]):,} characters long; a "
                       f"command's text takes at most {MAX_ARG_CHARS:,} (put longer text in the case papers)")
    (t,) = process.transitions_for(verb, variant)
    if not held & set(t.roles):
        return _refuse(sender, case, verb, f"{t.name} must come from "
                       f"{' or '.join(_ROLE_WORDS.get(r, r) for r in t.roles)}; {sender} does not hold that role")
    why = process.permitted(t, case, today)
    if why:
        return _refuse(sender, case, t.name, why)
    try:
        effects, summary = HANDLERS[verb](Ctx(sender, case, settings, cal, today, t, received_at, sent_at,
                                              others or Identifiers()), cmd.args)
    except Refused as exc:
        return _refuse(sender, case, t.name, str(exc))
    effects += unaddressed(effects)
    for fx in effects:
        if isinstance(fx, Audit) and fx.kind == "mail_unaddressed":
            summary += (f"; {fx.detail['what']} was not sent: {fx.detail['reason']} (see check-config; the digest "
                        "lists it under mail not sent)")
        if isinstance(fx, Audit) and fx.kind == "letter_withheld":
            to = fx.detail["to"]
            summary += (f"; the {to}'s letter was not sent ({fx.detail['reason']}): tell the {to} another way (the "
                        "digest lists it under mail not sent)")
    args, personal = _args_for_audit(verb, cmd.args)
    effects.append(Audit("command_accepted", {"verb": verb, "args": args, "by": sender, "summary": summary,
                                              **({"personal": personal} if personal else {})}))
    effects.append(
        MailIntent("confirm", "sender.confirm.command", (sender,), {"verb": verb, "summary": summary},
                   tag=f"confirm-{verb}", reply=True)
    )
    return Outcome(True, effects, summary)


def _args_for_audit(verb: str, args: Mapping[str, str]) -> tuple[dict[str, str], dict[str, object]]:
    """The command as typed, split: what the append-only audit log keeps (which variant, field, clock, agency,
    date: bot/domain/typed.STRUCTURAL), and the free text it may not (every reason, note, action text, evidence,
    correction, decision text: it can name the child; kept apart and purged by retention, apply.audit)."""
    personal = typed_args(args)
    return {k: v for k, v in args.items() if k not in personal}, dict(personal)


def _refuse(sender: str, case: CaseSnapshot, verb: str, why: str) -> Outcome:
    return refuse(sender, case.ref, verb, why)


def refuse(sender: str, ref: str, verb: str, why: str) -> Outcome:
    """A refusal: the sender is told why, the audit log keeps it, and nothing else changes."""
    return Outcome(
        False,
        [
            Audit("command_refused", {"verb": verb, "by": sender, "reason": why}),
            MailIntent("refusal", "sender.refusal.command", (sender,), {"verb": verb, "reason": why},
                       tag=f"refusal-{verb}", reply=True),
        ],
        why,
    )


# --- the one place a stage changes --------------------------------------------------------------------

def enter(c: Ctx, target: str, on: date, reason: str, met_reason: str = "", closed_by: str = "") -> list[Effect]:
    """Move the case to `target`: clocks the transition meets end "met", clocks `target` does not own end
    "stopped" (with the reason), and the stage change is audited with it."""
    fx: list[Effect] = []
    case = c.case
    stopped: list[list[str]] = []
    for key, agency, outcome in process.to_stop(case, target, c.t.meets):
        why = (met_reason or reason) if outcome == "met" else f"{reason} (left stage {case.stage} for {target})"
        fx.append(StopClock(key, "met" if outcome == "met" else "stopped", on, why, agency or None))
        if outcome == "stopped":
            stopped.append([key, agency])
    if target != case.stage:
        fx.append(SetStage(target, reason))
    if case.stage == "closed" and target != "closed":
        fx += resume(c, target, reason, redate=False)[0]
    if target == "closed":
        origin = case.stage
        if origin == "disputed":  # REOPEN goes back to where the dispute came from, not to the dispute
            origin = str(case.facts.get("disputed_from") or "screening")
            if origin == "closed":
                origin = str(case.facts.get("closed_from") or "screening")
        fx += [SetFact("closed_from", origin), SetFact("closed_by", closed_by or "close"),
               SetFact("closed_stopped", stopped), SetFact("closed_on", on.isoformat())]
    return fx


def resume(c: Ctx, target: str, reason: str, redate: bool) -> tuple[list[Effect], list[str]]:
    """Back from closed into the open stage `target` (REOPEN, DISAGREE in the window, AD DECISION: REFER,
    NOTIFIED): every clock the closing stopped that `target` owns runs again, so no path back into an open
    stage leaves a duty (above all the Panel notification track) stopped for good. Clocks the command's own
    event meets stay stopped.

    On REOPEN (`redate`: a closing of any length) a clock whose due date passed while the case was closed gets
    a fair new one, its own allowance counted from today (process.fair_due): nobody is escalated for the weeks
    its duty was withdrawn. The ways back within the dispute window keep every date: the window is short and
    the statutory dates are the Panel's, so an overdue notification is escalated as overdue. An agency whose
    return is wanted again is sent a fresh request with its (new) date."""
    fx: list[Effect] = []
    restarted: list[str] = []
    for key, agency in c.case.facts.get("closed_stopped") or []:
        if not process.owns(target, key) or key in c.t.meets:
            continue
        old = c.case.clock(key, agency)
        came = incident.received(c.case, agency) if key == "agency_return" else None
        if came is not None:
            # Its return came while the case was closed (under this case or a linked one): recorded then,
            # credited now; not asked again.
            got, where = came
            fx.append(RestartClock(key, agency, f"return received on {got.isoformat()} while the case was closed "
                                   + (f"(under {where}) " if where != c.case.ref else "") + f"({reason})",
                                   met_on=got))
            restarted.append(f"{key} ({agency}) met: its return was received on {got.isoformat()}")
            continue
        if key == "agency_return" and (other := incident.covered_by(c.case, agency)):
            # A linked case took the clock over while this one was closed: one clock per return, and the agency
            # is not asked again; if that case stops waiting first, this one takes it back (incident.reconcile).
            restarted.append(f"{key} ({agency}) clocked under the linked case {other}")
            continue
        # A fresh request to an agency is counted from when it is sent; any other clock from the REOPEN's receipt.
        start = c.sent(key) if key == "agency_return" else c.start(key)
        new_due = process.fair_due(c.settings.clocks[key], old.anchor, old.due, c.today, c.cal, start) \
            if old and redate else None
        why = f"{reason} (back from closed into {target})"
        fx.append(RestartClock(key, agency, why, due=new_due))
        restarted.append(key + (f" ({agency})" if agency else "")
                         + (f", now due {new_due.isoformat()}" if new_due else ""))
        ag = c.settings.agency_named(agency) if key == "agency_return" else None
        if ag is not None:
            fx.append(MailIntent("request", "agency.request.rapid_review", (ag.lead,),
                                 {"agency": ag.name, "due": new_due or (old.due if old else c.today),
                                  "children": _children(c), "again": True,
                                  # a new date only when the old one passed while closed (fair_due); else
                                  # the original date stands and the request must not call it a fresh
                                  # allowance (stranger round 11 observation)
                                  "fresh": new_due is not None},
                                 tag=f"request-again-{ag.name}-{c.today.isoformat()}", return_template_for=ag.name,
                                 personal=True))
    if c.case.facts.get("closed_stopped"):
        fx.append(SetFact("closed_stopped", None))  # restarted once: a later closing records its own
    return fx, restarted


def _meet(c: Ctx, key: str, on: date, reason: str, agency: str | None = None) -> list[Effect]:
    """A clock the command's event meets, without a stage change."""
    if not c.case.running(key, agency):
        return []
    return [StopClock(key, "met", on, reason, agency)]


# --- letters -------------------------------------------------------------------------------------------

def _letters(c: Ctx, outcome: str, on: date, executive: bool = True, event: str = "screening_decision",
             ) -> list[Effect]:
    """The executive is told of each screening decision; the referrer of the outcome. Neither carries a
    child identifier: the case reference, the decision and its date only."""
    fx: list[Effect] = []
    ctx: dict[str, object] = {"outcome": outcome, "on": on}
    execs = routing.for_event(c.settings, event)
    if executive and execs:
        fx.append(MailIntent("letter", "executive.letter.decision", execs, ctx, tag="letter-executive-" + outcome))
    elif executive:  # check-config warns of it; the decision says it too, and the digest lists it
        fx.append(Audit("letter_withheld", {"kind": "letter", "to": "executive", "outcome": outcome,
                                            "reason": f"no one holds a role that [routing] {event} names"}))
    if why := routing.why_no_letter(c.settings, c.case.referrer_email):
        # Not sent, and not silently: the audit entry puts it in the digest's "mail not sent" and on the case's
        # timeline, and decide_command adds it to the command's confirmation.
        fx.append(Audit("letter_withheld", {"kind": "letter", "to": "referrer", "outcome": outcome,
                                            "reason": why}))
    else:
        assert c.case.referrer_email is not None
        invites = process.invitations(_after_closed(c, outcome, on), c.today, c.today,
                                      ("DISAGREE",), {"referrer"}) if outcome == "no rapid review" else []
        fx.append(MailIntent("letter", "referrer.letter.outcome", (c.case.referrer_email,),
                             {**ctx, "invites": [line for line, _ in invites]}, tag="letter-referrer-" + outcome,
                             invites=tuple(invites)))
    return fx


def _after_closed(c: Ctx, outcome: str, on: date) -> CaseSnapshot:
    """The case as it will be once a no-rapid-review decision is recorded (for the invitations it makes)."""
    from dataclasses import replace

    until = c.cal.add_working_days(on, c.settings.process.dispute_window)
    return replace(c.case, stage="closed", facts={**c.case.facts, "closed_by": "no_rapid_review",
                                                  "dispute_until": until.isoformat()})


# --- handlers --------------------------------------------------------------------------------------------

def _agencies(text: str | None, settings: Settings) -> list[str]:
    if not text or text.strip().lower() in ("all", "*"):
        return [a.name for a in settings.agencies]
    names: list[str] = []
    for part in text.replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        ag = settings.agency_named(part) or next(
            (a for a in settings.agencies if part.lower() in a.name.lower()), None
        )
        if ag is None:
            known = ", ".join(a.name for a in settings.agencies)
            raise Refused(f"I do not know the agency {part!r}; agencies in the profile: {known}")
        if ag.name not in names:
            names.append(ag.name)
    return names


def _children(c: Ctx) -> list[str]:
    """The incident's cases, one per child: this case's reference and its linked siblings', by reference only.
    A request names no child, as a single child's does not (stranger round 21: a linked request listed every
    child's name to the agency leads); the referral form goes only where the routing sends it."""
    return [c.case.ref, *(ref for ref, _, _ in c.case.siblings)]


def _requests(c: Ctx, names: list[str]) -> tuple[list[Effect], list[str], list[str]]:
    """Requests to agencies, once per incident: an agency a linked case already asked is not asked again."""
    asked_for = {a.lower(): ref for ref, agencies, _ in c.case.siblings for a in agencies}
    fx: list[Effect] = []
    sent: list[str] = []
    skipped: list[str] = []
    under: dict[str, str] = {}
    children = _children(c)
    for name in names:
        got = c.case.received_on(name)
        if got is not None and not c.case.running("agency_return", name):
            # Its return came before this request (during screening, or while the case was closed): it is not
            # asked again; its clock starts already met, and the audit says why.
            skipped.append(f"{name} (return already received on {got.isoformat()})")
            fx += [RequestAgency(name, c.sent("agency_return")),
                   StopClock("agency_return", "met", c.today, f"return already received on {got.isoformat()}, "
                             "before the request", name),
                   Audit("request_not_repeated", {"agency": name, "reason": "its return was already received on "
                                                  f"{got.isoformat()}", "received": got.isoformat()})]
            continue
        if name.lower() in asked_for:
            # Its return is the incident's: this case waits for it too (incident.needs), and when the case that
            # asked no longer clocks it (closed, submitted) and it has not come, this case takes the clock over.
            under[name] = asked_for[name.lower()]
            clocked = ""
            if incident.received(c.case, name) is None and not incident.waived(c.case, name) \
                    and not incident.covered_by(c.case, name):
                fx += incident.adopt(c.case, name, f"asked for the same incident under {asked_for[name.lower()]}, "
                                     f"which no longer waits for it: the return is clocked under {c.case.ref}")
                clocked = f"; its return is clocked under {c.case.ref}"
            skipped.append(f"{name} (already asked for this incident under {asked_for[name.lower()]}{clocked})")
            fx.append(Audit("request_not_repeated", {"agency": name, "reason": f"asked for the same incident "
                                                     f"under {asked_for[name.lower()]}"}))
            ag = c.settings.agency_named(name)
            assert ag is not None
            fx.append(MailIntent("request", "agency.request.added_child", (ag.lead,),
                                 {"agency": name, "incident_ref": asked_for[name.lower()], "children": children},
                                 tag=f"added-child-{name}", personal=True))
            continue
        # DOMAIN clock 5 starts at "request sent to that agency": when csprbot queues it (its processing), not
        # when the decision reached the mailbox; after downtime the agency still gets its full allowance.
        sent_on = c.sent("agency_return")
        fx.append(RequestAgency(name, sent_on))
        ag = c.settings.agency_named(name)
        assert ag is not None
        fx.append(MailIntent("request", "agency.request.rapid_review", (ag.lead,),
                             {"agency": name, "due": due_date(c.settings.clocks["agency_return"], sent_on, c.cal),
                              "children": children, "again": False},
                             tag=f"request-{name}", return_template_for=name, personal=True))
        sent.append(name)
    if under:
        fx.append(SetFact("asked_under", {**(c.case.facts.get("asked_under") or {}), **under}))
    return fx, sent, skipped


def _decision(c: Ctx, args: dict[str, str]) -> tuple[list[Effect], str]:
    on = _decided_on(args, c)
    if c.t.variant == "RAPID REVIEW":
        names = _agencies(args.get("agencies"), c.settings)
        fx: list[Effect] = []
        first = c.case.stage != "rapid_review"
        if first:
            fx.append(StartClock("rr_start", _started_on(args, c, "rr_start", on)))
        req, sent, skipped = _requests(c, names)
        fx += req
        fx += enter(c, "rapid_review", on, "rapid review decided", "rapid review decided")
        if sent or skipped:
            fx.append(StopClock("rr_start", "met", c.today, "requests sent to agencies"))
        if first:
            fx.append(SetFact("provisional", None))
            fx += _letters(c, "rapid review", on)
        note = f"; not asked again: {', '.join(skipped)}" if skipped else ""
        return fx, f"rapid review decided; requests sent to {', '.join(sent) or 'no agency'}{note}"
    reason = _reason(args, "a decision not to hold a rapid review needs its reason, which the Assistant Director is "
                     "told: write DECISION: NO RAPID REVIEW [date] <reason>")
    until = c.cal.add_working_days(on, c.settings.process.dispute_window)
    fx = enter(c, "closed", on, "no rapid review: " + reason, "no rapid review", closed_by="no_rapid_review")
    fx.append(SetFact("dispute_until", until.isoformat()))
    after = _after_closed(c, "no rapid review", on)
    ad = routing.for_event(c.settings, "no_rapid_review")
    invites = process.invitations(after, c.today, c.today, ("DISAGREE",), None)
    fx.append(MailIntent("triage", "senior.notice.no_rapid_review", ad,
                         {"reason": reason, "until": until, "invites": [line for line, _ in invites]},
                         tag="no-rr-ad", personal=True, invites=tuple(invites)))
    fx += _letters(c, "no rapid review", on)
    return fx, (f"no rapid review; the Assistant Director has been told and the case is closed "
                f"(DISAGREE is accepted until {until.isoformat()})")


def _disagree(c: Ctx, args: dict[str, str]) -> tuple[list[Effect], str]:
    # A disagreement goes to the Assistant Director to decide: it must say what is disagreed with.
    reason = _reason(args, "a disagreement needs its reason: the Assistant Director decides on it, so say what is "
                     "disagreed with and why: write DISAGREE: <reason>")
    # Each dispute runs its own clock (stranger round 13, B2): a case disputed again after the AD decided (REFER,
    # or DO NOT REFER then REOPEN) gets a new round beside the first, which stays met as its record. (A StartClock
    # of an existing clock changes nothing: the AD was never chased and the Director never escalated.)
    fx: list[Effect] = [SetFact("disputed_from", c.case.stage),
                        StartClock("disagreement", c.start("disagreement"), process.round_tag(c.case, "disagreement"))]
    fx += enter(c, "disputed", c.today, "disagreement raised: " + reason)
    disputed = _as_stage(c, "disputed")
    invites = process.invitations(disputed, c.today, c.today, ("AD DECISION: REFER", "AD DECISION: DO NOT REFER"),
                                  {"assistant_director"})
    fx.append(MailIntent("escalation", "senior.escalation.disagreement",
                         routing.for_event(c.settings, "disagreement"),
                         {"raised_by": c.sender, "invites": [line for line, _ in invites]}, clock="disagreement",
                         tag="disagreement-ad", personal=True, invites=tuple(invites)))
    return fx, "disagreement raised; the Assistant Director has been asked to decide"


def _as_stage(c: Ctx, stage: str) -> CaseSnapshot:
    from dataclasses import replace

    return replace(c.case, stage=stage)


def _ad_decision(c: Ctx, args: dict[str, str]) -> tuple[list[Effect], str]:
    on = _decided_on(args, c)
    origin = str(c.case.facts.get("disputed_from") or "screening")
    if c.t.variant == "REFER":
        if origin == "closed":
            fx: list[Effect] = [StartClock("rr_start", _started_on(args, c, "rr_start", on))]
            fx += enter(c, "rapid_review", on, "AD decided: refer", "AD decided: refer")
            fx += [SetFact("closed_by", None), SetFact("dispute_until", None)]
            fx += _coordinator_to_start(c)
            fx += _letters(c, "rapid review (Assistant Director's decision)", on)
            return fx, "Assistant Director decided: refer; a rapid review is to be held"
        return (enter(c, origin, on, "AD decided: refer", "AD decided: refer"),
                "Assistant Director decided: refer; the case goes on")
    fx = enter(c, "closed", on, "AD decided: do not refer", "AD decided: do not refer", closed_by="ad_do_not_refer")
    # The AD has decided: no second dispute (process._disagree says so, closed_by), but dispute_until stays:
    # a Panel notification within the window is still recorded (process._notification_due).
    fx += _letters(c, "not referred (Assistant Director's decision)", on, executive=True)
    return fx, "Assistant Director decided: do not refer; the case is closed"


def _coordinator_to_start(c: Ctx) -> list[Effect]:
    rr = _as_stage(c, "rapid_review")
    from dataclasses import replace

    from bot.domain.snapshot import ClockView

    rr = replace(rr, clocks=(*rr.clocks, ClockView("rr_start", "", c.today, c.today, "running")))
    invites = process.invitations(rr, c.today, c.today, ("DECISION: RAPID REVIEW",), {"coordinator"})
    coordinator = routing.addresses(c.settings, ["coordinator"])
    return [MailIntent("triage", "coordinator.triage.start_rapid_review", coordinator,
                       {"invites": [line for line, _ in invites]}, tag="start-rr", invites=tuple(invites))]


def _notified(c: Ctx, args: dict[str, str]) -> tuple[list[Effect], str]:
    d = _date(args, c)
    fx: list[Effect] = [*_meet(c, "notification", d, "SIN submitted"), SetFact("notified_on", d.isoformat()),
                        StartClock("rr_submission", d), Audit("panel_notified", {"on": d.isoformat()})]
    due = due_date(c.settings.clocks["rr_submission"], d, c.cal).isoformat()
    if c.case.stage == "closed":
        # A no-rapid-review decision cannot stand once the Panel is notified: a rapid review is required.
        if any(list(k) == ["notification", ""] for k in c.case.facts.get("closed_stopped") or []):
            # The closing stopped the SIN clock; this is the event it waited for: it ends met (on time or late
            # by its own due date), not left "stopped" (resume does not restart a clock the command meets).
            fx.append(RestartClock("notification", "", "SIN submitted", met_on=d))
        fx.append(StartClock("rr_start", d))
        fx += enter(c, "rapid_review", d, "the Panel was notified: a rapid review is required")
        fx += [SetFact("closed_by", None), SetFact("dispute_until", None)]
        fx += _coordinator_to_start(c)
        return fx, f"Panel notified on {d.isoformat()}; a rapid review is now required and is due to the " \
                   f"Panel by {due}"
    return fx, f"Panel notified on {d.isoformat()}; rapid review due to the Panel by {due}"


def _aware(c: Ctx, args: dict[str, str]) -> tuple[list[Effect], str]:
    d = _date(args, c)  # not in the future, not before the incident (_possible)
    if why := aware_too_late(c.case, d):
        raise Refused(f"the date {d.isoformat()} is {why}")
    fx: list[Effect] = [SetFact("aware", d.isoformat()), SetFact("aware_from", f"AWARE: recorded by {c.sender}")]
    for key in ("notification", "ofsted_notification"):
        if c.case.running(key):
            fx.append(ReanchorClock(key, d, f"the local authority became aware on {d.isoformat()}"))
    due = due_date(c.settings.clocks["notification"], d, c.cal).isoformat()
    return fx, f"the local authority became aware on {d.isoformat()}; the Panel notification is due by {due}"


def aware_too_late(case: CaseSnapshot, d: date) -> str | None:
    """Why `d` cannot be the day the LA became aware, beside the bound `_possible` sets (not before the incident):
    not after the earliest evidence that the LA knew. The referral was routed to the LA's notifier (the service
    leader) the day it reached the partnership, so a later date would only move the statutory SIN clock later,
    turning a late notification into an on-time one (stranger round 13, B3). An earlier date stays accepted:
    the LA may have known before the referral came. CORRECT has no awareness field, and a corrected incident
    date is held to no later than the referral's receipt (impossible_date), so neither is a way round this."""
    evidence = [(case.received_date, "the referral reached the partnership and was routed to the local authority")]
    screening = case.clock("screening")
    if screening is not None and screening.state == "met" and screening.stopped_on:
        evidence.append((screening.stopped_on, "the screening decision was recorded"))
    for when, what in evidence:
        if when and d > when:
            return (f"after {when.isoformat()}, when {what}: the local authority was aware by then (an earlier "
                    "date is accepted)")
    return None


def _looked_after(c: Ctx, args: dict[str, str]) -> tuple[list[Effect], str]:
    answer = (args.get("answer") or args.get("reason") or "").strip().upper()
    if answer.startswith("Y"):
        if c.case.clock("ofsted_notification"):
            raise Refused("the looked-after child's death is already recorded")
        anchor = date.fromisoformat(str(c.case.facts.get("aware") or (c.case.received_date or c.today).isoformat()))
        return ([SetFact("looked_after", True), StartClock("ofsted_notification", anchor)],
                "looked-after child: the Secretary of State and Ofsted are to be notified by "
                f"{due_date(c.settings.clocks['ofsted_notification'], anchor, c.cal).isoformat()}")
    if answer.startswith("N"):
        fx: list[Effect] = [SetFact("looked_after", False)]
        if c.case.running("ofsted_notification"):
            fx.append(StopClock("ofsted_notification", "stopped", c.today, "not a looked-after child"))
        return fx, "not a looked-after child"
    raise Refused("LOOKED AFTER must be YES or NO")


def _ofsted(c: Ctx, args: dict[str, str]) -> tuple[list[Effect], str]:
    d = _date(args, c)
    return (_meet(c, "ofsted_notification", d, "Secretary of State and Ofsted notified"),
            f"the Secretary of State and Ofsted were notified on {d.isoformat()}")


def _waive(c: Ctx, args: dict[str, str]) -> tuple[list[Effect], str]:
    name = (args.get("agency") or "").strip()
    if not name:
        raise Refused("write WAIVE <agency>: <reason>")
    reason = _reason(args, "waiving an agency's return needs a reason, which is kept: write WAIVE <agency>: <reason>")
    agency, under = _outstanding_return(c, name)
    if under is None:
        return ([StopClock("agency_return", "stopped", c.today, incident.WAIVED + reason, agency),
                 Audit("return_waived", {"agency": agency, "reason": reason})],
                f"the return from {agency} is waived: {reason}")
    # Its one clock for the incident runs under the linked case that carries it: the waiver stops that clock
    # (stranger round 16, B4), and holds for the incident (incident.waived).
    stop = StopClock("agency_return", "stopped", c.today, f"{incident.WAIVED}{reason} (WAIVE sent under {c.case.ref})",
                     agency)
    return ([OnLinkedCase(under, stop), Audit("return_waived", {"agency": agency, "reason": reason,
                                                                "clock_under": under})],
            f"the return from {agency} is waived: {reason}; its clock for the incident ran under {under}, the "
            "linked case that carries it, and is stopped there")


def _outstanding_return(c: Ctx, name: str) -> tuple[str, str | None]:
    """The agency's return `name` picks among those this case waits for: (agency, None) for this case's own
    running clock, (agency, ref) for one a linked case carries for the incident (incident.carried)."""
    own = [(cl.agency, None) for cl in c.case.running("agency_return")]
    pending: list[tuple[str, str | None]] = [*own, *((r.agency, r.ref) for r in incident.carried(c.case))]
    match = [p for p in pending if p[0].lower() == name.lower()] or \
        [p for p in pending if name.lower() in p[0].lower()]
    if len(match) != 1:
        waiting = ", ".join(a + (f" (clocked under {ref})" if ref else "") for a, ref in pending)
        raise Refused(f"no single outstanding return matches {name!r}; outstanding: {waiting or 'none'}")
    return match[0]


def _submitted(c: Ctx, args: dict[str, str]) -> tuple[list[Effect], str]:
    d = _date(args, c)
    fx: list[Effect] = [StartClock("panel_response", d)]
    fx += enter(c, "awaiting_panel", d, "rapid review submitted", "rapid review submitted")
    summary = f"rapid review submitted to the Panel on {d.isoformat()}"
    if not c.case.requested_agencies and not any(k.key == "agency_return" for k in c.case.clocks):
        # Reached through NOTIFIED or AD DECISION: REFER with no DECISION: RAPID REVIEW, so no agency was asked.
        # Accepted (the information may have been gathered outside csprbot; the statutory date is what counts),
        # but said, so the co-ordinator sees it in the confirmation and the audit log.
        summary += ("; note: no agency was asked for a return through csprbot (no DECISION: RAPID REVIEW with "
                    "AGENCIES on this case)")
    return fx, summary


def _panel(c: Ctx, args: dict[str, str]) -> tuple[list[Effect], str]:
    on = _decided_on(args, c)
    view = c.t.variant
    met = f"Panel: {view.lower()}"
    fx: list[Effect] = _letters(c, f"the National Panel's view: {view.lower()}", on, event="panel_decision")
    if view == "LOCAL REVIEW":
        # Protocol Appendix 1: the chair and co-ordinator write to the referrer that a review will commence.
        start = _started_on(args, c, "lcspr", on)
        fx.append(StartClock("lcspr", start))
        fx += enter(c, "local_review", on, f"local review decided on {on.isoformat()}", met)
        due = due_date(c.settings.clocks["lcspr"], start, c.cal).isoformat()
        return fx, f"local review decided on {on.isoformat()}; the report is due by {due}"
    if view == "NATIONAL REVIEW":
        return fx + enter(c, "national_review", on, met, met), "Panel's view recorded: national review"
    if c.case.running("learning_action"):
        return (fx + enter(c, "learning", on, met + "; learning actions open", met),
                "Panel's view recorded: no further review; learning actions remain open")
    return (fx + enter(c, "closed", on, met, met, closed_by="no_further_review"),
            "Panel's view recorded: no further review; the case is closed")


def _reviewer(c: Ctx, args: dict[str, str]) -> tuple[list[Effect], str]:
    text = (args.get("reason") or "").strip()
    name, _, org = text.partition(",")
    if not says_something(name) or not says_something(org):
        raise Refused("write REVIEWER: <name>, <organisation>")
    fx: list[Effect] = [SetFact("reviewer", {"name": name.strip(), "organisation": org.strip(),
                                             "on": c.today.isoformat()})]
    start = c.start("review_notices")
    if not c.case.clock("review_notices"):
        fx.append(StartClock("review_notices", start))
    due = due_date(c.settings.clocks["review_notices"], start, c.cal).isoformat()
    return fx, (f"reviewer {name.strip()} ({org.strip()}) recorded; the Panel, Ofsted and DfE are to be told "
                f"by {due}")


def _notices(c: Ctx, args: dict[str, str]) -> tuple[list[Effect], str]:
    d = _date(args, c)
    return (_meet(c, "review_notices", d, "Panel, Ofsted and DfE told"),
            f"the Panel, Ofsted and DfE were told of the local review on {d.isoformat()}")


def _report(c: Ctx, args: dict[str, str]) -> tuple[list[Effect], str]:
    d = _date(args, c)
    return (enter(c, "publication", d, "report sent to the Panel before publication", "report sent to the Panel"),
            f"the report went to the Panel on {d.isoformat()}; publication is next")


def _published(c: Ctx, args: dict[str, str]) -> tuple[list[Effect], str]:
    d = _date(args, c)
    url = (args.get("url") or "").strip()
    fx: list[Effect] = [SetFact("published", {"on": d.isoformat(), "url": url or None}),
                        StartClock("publication_window", d)]
    fx += enter(c, "learning", d, "published", "published")
    end = due_date(c.settings.clocks["publication_window"], d, c.cal).isoformat()
    return fx, f"published on {d.isoformat()}; the report stays up until {end}"


def _action(c: Ctx, args: dict[str, str]) -> tuple[list[Effect], str]:
    parts = [p.strip() for p in (args.get("reason") or "").split(";")]
    if len(parts) < 3 or not parts[0] or not says_something("; ".join(parts[2:])):
        raise Refused("write ACTION: <owner>; YYYY-MM-DD; <what is to be done>")
    try:
        due = date.fromisoformat(parts[1])
    except ValueError:
        raise Refused(f"the date {parts[1]!r} is not a date I can read; write it as YYYY-MM-DD") from None
    if due < c.today:
        raise Refused(f"the action's date {due.isoformat()} has already passed")
    # The owner is chased, may answer ACTION DONE, and is shown in every digest: so it must be something csprbot
    # can reach and hear from (a role, an agency, a secure address), never free text such as a child's name.
    if why := routing.owner_problem(c.settings, parts[0]):
        raise Refused(why)
    if what := routing.owner_identifies(c.settings, parts[0], from_form(c.case.referral) + c.others):
        # The kind only ("a name"), never the value: the refusal is audited and mailed.
        raise Refused(f"the action's owner looks like it holds the {what} of the child or a family member (of "
                      "this or another open case); an owner is a partnership role, an agency or a professional's "
                      "own address on a secure domain")
    actions = list(c.case.facts.get("actions") or [])
    n = len(actions) + 1
    actions.append({"n": n, "owner": parts[0], "due": due.isoformat(), "text": "; ".join(parts[2:]),
                    "set": c.today.isoformat(), "done": None, "evidence": None})
    who = routing.owner_label(c.settings, parts[0], c.case.referral, c.others)
    return ([SetFact("actions", actions), StartClock("learning_action", c.today, f"#{n}", due=due)],
            f"learning action {n} recorded for {who}, due {due.isoformat()}")


def _action_done(c: Ctx, args: dict[str, str]) -> tuple[list[Effect], str]:
    m = re.match(r"^\s*#?(\d+)\b[\s:.,;-]*(.*)$", args.get("reason") or "", re.S)
    if not m:
        raise Refused("write ACTION DONE: <number> [evidence]")
    n, evidence = int(m.group(1)), m.group(2).strip()
    if not c.case.running("learning_action", f"#{n}"):
        open_ = ", ".join(cl.agency for cl in c.case.running("learning_action")) or "none"
        raise Refused(f"learning action {n} is not open (open: {open_})")
    facts = c.case.facts.get("actions")
    if "coordinator" not in c.settings.roles.holders(c.sender) and not routing.owns_action(c.settings, c.sender,
                                                                                           facts, n):
        owner = next((routing.owner_label(c.settings, str(a.get("owner") or ""), c.case.referral, c.others)
                      for a in facts or [] if isinstance(a, dict) and a.get("n") == n), "?")
        raise Refused(f"ACTION DONE: {n} must come from the co-ordinator or action {n}'s owner ({owner})")
    actions = [dict(a) for a in (facts or [])]
    for a in actions:
        if a.get("n") == n:
            a["done"], a["evidence"], a["done_by"] = c.today.isoformat(), evidence or None, c.sender
    why = f"done, recorded by {c.sender}" + (f": {evidence}" if evidence else "")
    done: list[Effect] = [SetFact("actions", actions), Audit("action_done", {"n": n, "by": c.sender,
                                                                            "evidence": evidence or None})]
    summary = f"learning action {n} done (recorded by {c.sender})"
    others = [cl for cl in c.case.clocks if cl.state == "running" and (cl.key, cl.agency) != ("learning_action",
                                                                                                f"#{n}")]
    if c.case.stage == "learning" and not others:
        # Learning was kept open only for its actions (PANEL: NO FURTHER REVIEW with actions open, or a
        # publication whose 12 months have been met): with the last one done the case closes, as the Panel's
        # outcome would have closed it. The co-ordinator is told, and REOPEN undoes it.
        fx = [*done, *enter(c, "closed", c.today, "the last learning action is done", why, closed_by="learning_done")]
        closed = _as_stage(c, "closed")
        invites = process.invitations(closed, c.today, c.today, ("REOPEN",), {"coordinator"})
        fx.append(MailIntent("triage", "coordinator.triage.learning_done", routing.for_event(c.settings, "triage"),
                             {"n": n, "invites": [line for line, _ in invites]}, tag=f"learning-done-{n}",
                             invites=tuple(invites)))
        return fx, summary + "; it was the last: nothing else runs, so the case is closed"
    return [*done, StopClock("learning_action", "met", c.today, why, f"#{n}")], summary


def _correct(c: Ctx, args: dict[str, str]) -> tuple[list[Effect], str]:
    path = (args.get("field") or "").strip().lower()
    value = (args.get("value") or "").strip()
    if path not in CORRECTABLE:
        raise Refused(f"{path!r} is not a field I can correct; fields: {', '.join(sorted(CORRECTABLE))}")
    if not value:
        raise Refused("write CORRECT <field>: <value>")
    if path in _DATE_FIELDS:
        try:
            value = date.fromisoformat(value).isoformat()
        except ValueError:
            # The refusal names the problem, never the value: it is audited (append-only) and mailed.
            raise Refused(f"the {path} given is not a date I can read; write it as YYYY-MM-DD") from None
        if why := impossible_date(c.case, path, date.fromisoformat(value), c.today):
            raise Refused(f"{path} cannot be the date given: {why}")
    note = ""
    if path == "referrer.email":
        if bad := routing.address_problem(value):
            raise Refused("referrer.email must be one email address (name@domain), plain, with no name or other "
                          f"text beside it: {bad}")
        if why := routing.why_no_letter(c.settings, value):
            # Accepted (it is the referrer's address as the co-ordinator knows it), but said: the referrer's
            # letters will be withheld from it and listed in the digest, so somebody tells the referrer.
            note = (f"; note: {why}, so the referrer's letters (the screening outcome, the Panel's view) are "
                    "withheld: none is sent to it, and the digest lists each one under mail not sent")
    fx: list[Effect] = [CorrectField(path, value)]
    if path == "child.incident_date":
        new = date.fromisoformat(value)
        for key in ("screening", "notification", "ofsted_notification"):
            anchor = c.settings.clocks[key].anchor
            if anchor == "la_aware" and c.case.facts.get("aware_from") == AWARE_FROM_INCIDENT:
                anchor = "incident_date"  # the LA's own social care referred: aware on the incident day
            clk = c.case.clock(key)
            # A met clock moves too: its verdict (on time or late) is judged again by its new due date.
            if anchor == "incident_date" and clk is not None and clk.state in ("running", "met"):
                fx.append(ReanchorClock(key, new, "incident date corrected"))
        if c.case.facts.get("aware_from") == AWARE_FROM_INCIDENT:
            fx.append(SetFact("aware", new.isoformat()))
    if path in ("child.name", "child.carer", "child.date_of_birth", "child.home_address"):
        fx += _recheck_owners(c, path, value)
    return fx, f"{path} corrected{note}"


def _recheck_owners(c: Ctx, path: str, value: str) -> list[Effect]:
    """A corrected name can make an action owner's address spell a family name (routing.spells_a_family_name):
    the action is marked so that every view shows "owner to check" (the digest does not read the form to see
    it). Recomputed on each correction, so a name corrected back clears the mark."""
    listed = c.case.facts.get("actions")
    if not isinstance(listed, list) or not listed:
        return []
    form = {k: (dict(v) if isinstance(v, dict) else v) for k, v in (c.case.referral or {}).items()}
    child = form.setdefault("child", {})
    if isinstance(child, dict):
        child[path.split(".", 1)[1]] = value
    actions: list[object] = []
    for a in listed:
        if isinstance(a, dict):
            kind = routing.owner_kind(c.settings, str(a.get("owner") or ""))
            flag = bool(kind and kind[0] == "address" and routing.owner_identifies(c.settings, kind[1],
                                                                                    from_form(form) + c.others))
            a = {**{k: v for k, v in a.items() if k != "owner_to_check"}, **({"owner_to_check": True} if flag else {})}
        actions.append(a)
    return [SetFact("actions", actions)] if actions != listed else []


def _form_date(case: CaseSnapshot, field: str) -> date | None:
    """A date of the form as read (now, with earlier corrections), when it is an ISO date."""
    child = (case.referral or {}).get("child")
    raw = child.get(field) if isinstance(child, dict) else None
    try:
        return date.fromisoformat(str(raw)) if raw else None
    except ValueError:
        return None


def _fact_date(case: CaseSnapshot, key: str) -> date | None:
    raw = case.facts.get(key)
    try:
        return date.fromisoformat(str(raw)) if raw else None
    except ValueError:
        return None


def impossible_date(case: CaseSnapshot, path: str, d: date, today: date) -> str | None:
    """Why a corrected date cannot be true given what the case has already recorded, else None.

    A corrected date re-anchors clocks (the incident date: screening, and the SIN when the LA's own social care
    referred), so it must fit the case's facts: not after the day the command is received; a child born on or
    before the incident; an incident no later than the referral's arrival, the Panel notification, the
    screening decision and the day the LA recorded (AWARE) it became aware of it; and the subject a child (under 18)
    on the incident day (on the day the referral was received when no incident date is known). `today` is passed
    in: pure."""
    if d > today:
        return f"that is in the future (after {today.isoformat()}, the day this command was received)"
    incident, born = case.incident_date, _form_date(case, "date_of_birth")
    if path == "child.date_of_birth":
        if incident and d > incident:
            return (f"that is after the incident ({incident.isoformat()}); correct the incident date first if it "
                    "is wrong")
        if case.received_date and d > case.received_date:
            return f"that is after the referral was received ({case.received_date.isoformat()})"
        on, what = ((incident, "the day of the incident") if incident
                    else (case.received_date, "the day the referral was received"))
        if on and not child_on(d, on):
            first = "" if incident else (" (if the incident was before then, record its date first: CORRECT "
                                         "child.incident_date: YYYY-MM-DD)")
            return (f"that makes the subject 18 or older on {what} ({on.isoformat()}); a child safeguarding "
                    f"practice review is about a child (under 18){first}")
        return None
    if born and d < born:
        return ("that is before the child's date of birth on the form; correct the date of birth first "
                "if it is wrong")
    if born and not child_on(born, d):
        return ("that is on or after the child's 18th birthday (by the date of birth on the form); a child "
                "safeguarding practice review is about a child (under 18): correct the date of birth first if it "
                "is wrong")
    screening = case.clock("screening")
    after: list[tuple[date | None, str]] = [
        (case.received_date, "the referral was received"),
        (_fact_date(case, "notified_on"), "the National Panel was notified of it"),
        (screening.stopped_on if screening and screening.state == "met" else None, "the screening decision"),
        (_fact_date(case, "aware") if str(case.facts.get("aware_from") or "").startswith("AWARE:") else None,
         "the local authority recorded (AWARE) it became aware of it"),
    ]
    for when, what in after:
        if when and d > when:
            return f"that is after {what} ({when.isoformat()})"
    return None


def _link(c: Ctx, args: dict[str, str]) -> tuple[list[Effect], str]:
    ref = find_ref(args.get("ref") or args.get("reason") or "")
    if not ref:
        raise Refused("write LINK <case reference>, e.g. LINK NS-CSPR-2026-001")
    if ref == c.case.ref:
        raise Refused("a case cannot be linked to itself")
    return [LinkCase(ref)], f"{c.case.ref} and {ref} are one incident: agencies are asked once"


def _extend(c: Ctx, args: dict[str, str]) -> tuple[list[Effect], str]:
    raw_clock = (args.get("clock") or "").strip()
    key, _, agency = raw_clock.replace("/", " ").partition(" ")
    key = key.strip().lower()
    if key not in CLOCK_KEYS:
        raise Refused(f"{raw_clock!r} is not a clock; clocks are {', '.join(CLOCK_KEYS)}")
    reason = _reason(args, "an extension needs a reason after the date, which is kept: write EXTEND <clock>: "
                     "YYYY-MM-DD <reason>")
    raw = args.get("date")
    if not raw:
        raise Refused(f"the date {args.get('date_raw')!r} is not a date I can read; write it as YYYY-MM-DD")
    try:
        new_due = date.fromisoformat(raw)
    except ValueError:
        raise Refused(f"the date {raw!r} is not a date I can read; write it as YYYY-MM-DD") from None
    new_due, moved = _working_due(c, key, new_due)
    running = c.case.running(key, agency.strip() or None)
    if not running and key == "agency_return" and incident.carried(c.case):
        fx, summary = _extend_carried(c, agency.strip(), new_due, reason)
        return fx, summary + moved
    if not running:
        raise Refused(f"clock {raw_clock} is not running on {c.case.ref}")
    if len(running) > 1:
        names = ", ".join(cl.agency for cl in running)
        raise Refused(f"say which agency: EXTEND {key} <agency>: date reason (running for {names})")
    clk = running[0]
    if new_due <= clk.due:
        raise Refused(f"{new_due.isoformat()} is not later than the current due date {clk.due.isoformat()}")
    return ([ExtendClock(key, clk.agency, new_due, reason)],
            f"{key}{' (' + clk.agency + ')' if clk.agency else ''} extended to {new_due.isoformat()}: {reason}{moved}")


def _working_due(c: Ctx, key: str, asked: date) -> tuple[date, str]:
    """An extended due date falls on a working day of the clock's own calendar (a bank holiday or weekend never;
    a council closure day only for a clock that counts closures): a date that is not one moves to the next that
    is, and the confirmation says so (stranger round 21: `EXTEND notification: 2026-12-28`, a bank holiday, made
    the SIN clock due on a day nobody works, "overdue since 2026-12-28")."""
    own = calendar_for(c.settings.clocks[key], c.cal)
    if own.is_working_day(asked):
        return asked, ""
    day = own.add_working_days(asked, 0)  # the next working day
    kind = ("a weekend day" if asked.weekday() >= 5 else "a council closure day" if asked in own.closure_days
            else "a bank holiday")
    return day, f" ({asked.isoformat()} is {kind}, not a working day: moved to the next working day, {day.isoformat()})"


def _extend_carried(c: Ctx, agency: str, new_due: date, reason: str) -> tuple[list[Effect], str]:
    """EXTEND agency_return <agency> under a linked case whose return for it is clocked under the case that
    carries it for the incident (stranger round 16, B4): that clock is extended, and the confirmation says where."""
    if not agency:
        names = ", ".join(sorted({r.agency for r in incident.carried(c.case)}))
        raise Refused(f"say which agency: EXTEND agency_return <agency>: date reason (waiting for {names})")
    name, under = _outstanding_return(c, agency)
    assert under is not None  # this case runs no clock for it (_extend)
    due = next((r.due for r in incident.carried(c.case) if r.ref == under and r.agency == name), None)
    if due is not None and new_due <= due:
        raise Refused(f"{new_due.isoformat()} is not later than the current due date {due.isoformat()} of its clock "
                      f"under {under}, the linked case that carries it")
    return ([OnLinkedCase(under, ExtendClock("agency_return", name, new_due, f"{reason} (EXTEND sent under "
                                                                                f"{c.case.ref})"))],
            f"agency_return ({name}) extended to {new_due.isoformat()}: {reason}; its clock for the incident runs "
            f"under {under}, the linked case that carries it")


def _close(c: Ctx, args: dict[str, str]) -> tuple[list[Effect], str]:
    reason = _reason(args, "closing a case stops every clock, so it needs a reason, which is kept: write CLOSE: "
                     "<reason>")
    return enter(c, "closed", c.today, "closed: " + reason), f"case closed: {reason}"


def _reopen(c: Ctx, args: dict[str, str]) -> tuple[list[Effect], str]:
    reason = _reason(args, "reopening a case needs a reason, which is kept: write REOPEN: <reason>")
    back = str(c.case.facts.get("closed_from") or "screening")
    if back not in process.OPEN_STAGES:
        back = "screening"
    fx: list[Effect] = [SetStage(back, "reopened: " + reason)]
    more, restarted = resume(c, back, "reopened: " + reason, redate=True)
    fx += more
    awaits = process.STAGES[back].awaits
    stopped = {k for k, _ in c.case.facts.get("closed_stopped") or []}
    if awaits and awaits not in stopped and not c.case.running(awaits):
        # Back to a stage whose decision the closing made (NO RAPID REVIEW, the AD's DO NOT REFER, the Panel's NO
        # FURTHER REVIEW): it is to be made again, on a new round of its clock from the REOPEN's receipt, with its
        # full allowance (stranger round 13, B2: no decision waits on no clock).
        fx.append(StartClock(awaits, c.start(awaits), process.round_tag(c.case, awaits)))
        restarted.append(f"{awaits} (a new round: the decision is to be made again)")
    fx += [SetFact(k, None) for k in ("closed_by", "closed_from", "closed_stopped", "closed_on", "dispute_until")]
    return fx, f"case reopened at stage {back}: {reason}" + (f"; running again: {', '.join(restarted)}"
                                                               if restarted else "")


def _confirm(c: Ctx, args: dict[str, str]) -> tuple[list[Effect], str]:
    fx = enter(c, "screening", c.today, "confirmed as a referral")
    fx.append(SetFact("provisional", None))
    return fx, "confirmed as a referral; screening goes on"


def _not_a_referral(c: Ctx, args: dict[str, str]) -> tuple[list[Effect], str]:
    reason = _reason(args, "closing a case as not a referral needs a reason, which is kept: write NOT A REFERRAL: "
                     "<reason>")
    return (enter(c, "closed", c.today, "not a referral: " + reason, closed_by="not_a_referral"),
            f"not a referral: {reason}; the case is closed")


HANDLERS = {
    "DECISION": _decision, "DISAGREE": _disagree, "AD DECISION": _ad_decision, "NOTIFIED": _notified,
    "AWARE": _aware, "LOOKED AFTER": _looked_after, "OFSTED NOTIFIED": _ofsted, "WAIVE": _waive,
    "SUBMITTED": _submitted, "PANEL": _panel, "REVIEWER": _reviewer, "NOTICES SENT": _notices,
    "REPORT TO PANEL": _report, "PUBLISHED": _published, "ACTION": _action, "ACTION DONE": _action_done,
    "CORRECT": _correct, "LINK": _link, "EXTEND": _extend, "CLOSE": _close, "REOPEN": _reopen,
    "CONFIRM": _confirm, "NOT A REFERRAL": _not_a_referral,
}
assert set(HANDLERS) == set(process.VERBS), "every verb of the process model has a handler"


def decide_return(
    ret: AgencyReturn, agency: str, sender: str, case: CaseSnapshot, today: date
) -> tuple[list[Effect], str]:
    """A return stops that agency's clock 5; a nil return counts; one never asked for is kept and flagged."""
    # Asked under this case, or under a linked one for the same incident (incident.needs): not unsolicited.
    unsolicited = agency.lower() not in (a.lower() for a in incident.needs(case))
    fx: list[Effect] = [RecordReturn(agency, today, ret.involved, unsolicited)]
    running = case.running("agency_return", agency)
    late = bool(running) and today > running[0].due
    if running:
        fx.append(StopClock("agency_return", "met", today, "return received" + (" late" if late else ""), agency))
    summary = f"return from {agency} received" + (" (nil return)" if ret.involved is False else "")
    if case.stage == "closed":
        # Recorded all the same (received day kept): if the case is reopened the agency is not asked again and
        # its clock counts as met on this day (commands.resume, _requests).
        summary += "; the case is closed: the return is kept and counts if the case is reopened"
    elif unsolicited:
        summary += ("; it was not requested, so it is kept and flagged for the co-ordinator (if the agency is "
                    "asked later, it is not asked again)")
    elif late:
        summary += "; it arrived after the due date and is marked late"
    fx.append(Audit("return_received", {"agency": agency, "late": late, "unsolicited": unsolicited,
                                        "involved": ret.involved, "received": today.isoformat(),
                                        "stage": case.stage}))
    fx.append(MailIntent("confirm", "sender.confirm.return", (sender,), {"agency": agency, "summary": summary},
                         tag=f"confirm-return-{agency}", reply=True))
    return fx, summary
