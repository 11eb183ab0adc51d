"""Decisions by email (DESIGN.md command table): who may, what changes, and why a command is refused.

Every outcome is a list of effects; a refusal carries only the refusal mail and an audit entry, so
nothing about the case changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.domain import routing
from bot.domain.clocks import due_date
from bot.domain.effects import (
    Audit,
    Effect,
    ExtendClock,
    MailIntent,
    RecordReturn,
    RequestAgency,
    SetStage,
    StartClock,
    StopClock,
)
from bot.domain.snapshot import CaseSnapshot
from bot.settings import CLOCK_KEYS, ROLES, Settings
from bot.workdays import WorkCalendar
from parsers.records import AgencyReturn, Command

WHO_MAY: dict[str, tuple[str, ...]] = {
    "DECISION": ("subgroup_chair", "coordinator"),
    "NOTIFIED": ("service_leader",),
    "SUBMITTED": ("coordinator",),
    "PANEL": ("coordinator", "service_leader"),
    "EXTEND": ("coordinator",),
    "DISAGREE": ROLES,  # and the referrer
    "AD DECISION": ("assistant_director",),
    "CLOSE": ("coordinator",),
}


@dataclass(frozen=True)
class Outcome:
    accepted: bool
    effects: list[Effect]
    summary: str  # one line for the confirmation / refusal and the audit log


class Refused(Exception):
    pass


def _date(args: dict[str, str], today: date) -> date:
    raw = args.get("date")
    if not raw:
        bad = args.get("date_raw")
        raise Refused(f"the date {bad!r} is not a date I can read; write it as YYYY-MM-DD" if bad
                      else "the command needs a date, written as YYYY-MM-DD")
    try:
        d = date.fromisoformat(raw)
    except ValueError:
        raise Refused(f"the date {raw!r} is not a date I can read; write it as YYYY-MM-DD") from None
    if d > today:
        raise Refused(f"the date {d.isoformat()} is in the future")
    return d


def decide_command(
    cmd: Command, sender: str, case: CaseSnapshot, settings: Settings, cal: WorkCalendar, today: date
) -> Outcome:
    verb = cmd.verb.upper()
    if verb not in WHO_MAY:
        return _refuse(sender, case, verb, f"{verb!r} is not a command I know")
    held = settings.roles.holders(sender)
    allowed = set(WHO_MAY[verb])
    is_referrer = bool(case.referrer_email) and sender.lower() == (case.referrer_email or "").lower()
    if not held & allowed and not (verb == "DISAGREE" and is_referrer):
        need = " or ".join(sorted(allowed)) if verb != "DISAGREE" else "a partnership role or the referrer"
        return _refuse(sender, case, verb, f"{verb} must come from {need}; {sender} does not hold that role")
    if case.stage == "closed" and verb not in ("PANEL",):
        return _refuse(sender, case, verb, f"case {case.ref} is closed")
    try:
        effects, summary = _apply(verb, cmd.args, sender, case, settings, cal, today)
    except Refused as exc:
        return _refuse(sender, case, verb, str(exc))
    effects.append(Audit("command_accepted", {"verb": verb, "args": dict(cmd.args), "by": sender,
                                              "summary": summary}))
    effects.append(
        MailIntent("confirm", "sender.confirm.command", (sender,), {"verb": verb, "summary": summary},
                   tag=f"confirm-{verb}", reply=True)
    )
    return Outcome(True, effects, summary)


def _refuse(sender: str, case: CaseSnapshot, verb: str, why: str) -> Outcome:
    return Outcome(
        False,
        [
            Audit("command_refused", {"verb": verb, "by": sender, "reason": why}),
            MailIntent("refusal", "sender.refusal.command", (sender,), {"verb": verb, "reason": why},
                       tag=f"refusal-{verb}", reply=True),
        ],
        why,
    )


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


def _apply(
    verb: str, args: dict[str, str], sender: str, case: CaseSnapshot, settings: Settings,
    cal: WorkCalendar, today: date,
) -> tuple[list[Effect], str]:
    fx: list[Effect] = []
    if verb == "DECISION":
        decision = (args.get("decision") or "").upper()
        if not case.running("screening"):
            raise Refused("the screening decision has already been recorded")
        if decision == "RAPID REVIEW":
            names = _agencies(args.get("agencies"), settings)
            fx += [StopClock("screening", "met", today, "rapid review decided"), SetStage("rapid_review"),
                   StartClock("rr_start", today)]
            for name in names:
                fx.append(RequestAgency(name, today))
                ag = settings.agency_named(name)
                assert ag is not None
                fx.append(MailIntent("request", "agency.request.rapid_review", (ag.lead,),
                                     {"agency": name, "due": due_date(settings.clocks["agency_return"], today, cal)},
                                     tag=f"request-{name}", return_template_for=name, personal=True))
            if names:
                fx.append(StopClock("rr_start", "met", today, "requests sent to agencies"))
            return fx, f"rapid review decided; requests sent to {', '.join(names) or 'no agency'}"
        if decision == "NO RAPID REVIEW":
            reason = args.get("reason") or "no reason given"
            fx += [StopClock("screening", "met", today, "no rapid review"),
                   StopClock(None, "stopped", today, "no rapid review: " + reason),
                   SetStage("closed", "no rapid review: " + reason),
                   MailIntent("triage", "senior.notice.no_rapid_review",
                              routing.for_event(settings, "no_rapid_review"), {"reason": reason},
                              tag="no-rr-ad", personal=True)]
            return fx, "no rapid review; the Assistant Director has been told and the case is closed"
        raise Refused("DECISION must be RAPID REVIEW or NO RAPID REVIEW")
    if verb == "NOTIFIED":
        d = _date(args, today)
        if not case.running("notification"):
            raise Refused("the Panel notification has already been recorded")
        fx += [StopClock("notification", "met", d, "SIN submitted"), StartClock("rr_submission", d),
               Audit("panel_notified", {"on": d.isoformat()})]
        return fx, f"Panel notified on {d.isoformat()}; rapid review due to the Panel by " \
                   f"{due_date(settings.clocks['rr_submission'], d, cal).isoformat()}"
    if verb == "SUBMITTED":
        d = _date(args, today)
        fx += [StopClock("rr_submission", "met", d, "rapid review submitted"), StartClock("panel_response", d),
               SetStage("awaiting_panel")]
        return fx, f"rapid review submitted to the Panel on {d.isoformat()}"
    if verb == "PANEL":
        view = (args.get("view") or "").upper()
        fx.append(StopClock("panel_response", "met", today, f"Panel: {view.lower()}"))
        if view == "LOCAL REVIEW":
            fx += [SetStage("local_review"), StartClock("lcspr", today)]
        elif view == "NATIONAL REVIEW":
            fx.append(SetStage("national_review"))
        elif view == "NO FURTHER REVIEW":
            fx += [StopClock(None, "stopped", today, "Panel: no further review"),
                   SetStage("closed", "Panel: no further review")]
        else:
            raise Refused("PANEL must be LOCAL REVIEW, NATIONAL REVIEW or NO FURTHER REVIEW")
        return fx, f"Panel's view recorded: {view.lower()}"
    if verb == "EXTEND":
        return _extend(args, case, today)
    if verb == "DISAGREE":
        reason = args.get("reason") or "no reason given"
        if case.running("disagreement"):
            raise Refused("a disagreement is already with the Assistant Director")
        fx += [StartClock("disagreement", today),
               MailIntent("escalation", "senior.escalation.disagreement",
                          routing.for_event(settings, "disagreement"),
                          {"raised_by": sender}, clock="disagreement", tag="disagreement-ad", personal=True)]
        return fx, "disagreement raised; the Assistant Director has been asked to decide"
    if verb == "AD DECISION":
        decision = (args.get("decision") or "").upper()
        if not case.running("disagreement"):
            raise Refused("there is no open disagreement on this case")
        if decision == "REFER":
            fx.append(StopClock("disagreement", "met", today, "AD decided: refer"))
            return fx, "Assistant Director decided: refer; the case goes on"
        if decision == "DO NOT REFER":
            fx += [StopClock("disagreement", "met", today, "AD decided: do not refer"),
                   StopClock(None, "stopped", today, "AD decided: do not refer"),
                   SetStage("closed", "AD decided: do not refer")]
            return fx, "Assistant Director decided: do not refer; the case is closed"
        raise Refused("AD DECISION must be REFER or DO NOT REFER")
    # CLOSE
    reason = args.get("reason") or "no reason given"
    fx += [StopClock(None, "stopped", today, "closed: " + reason), SetStage("closed", reason)]
    return fx, f"case closed: {reason}"


def _extend(args: dict[str, str], case: CaseSnapshot, today: date) -> tuple[list[Effect], str]:
    raw_clock = (args.get("clock") or "").strip()
    key, _, agency = raw_clock.replace("/", " ").partition(" ")
    key = key.strip().lower()
    if key not in CLOCK_KEYS:
        raise Refused(f"{raw_clock!r} is not a clock; clocks are {', '.join(CLOCK_KEYS)}")
    reason = (args.get("reason") or "").strip()
    if not reason:
        raise Refused("an extension needs a reason after the date")
    raw = args.get("date")
    if not raw:
        raise Refused(f"the date {args.get('date_raw')!r} is not a date I can read; write it as YYYY-MM-DD")
    try:
        new_due = date.fromisoformat(raw)
    except ValueError:
        raise Refused(f"the date {raw!r} is not a date I can read; write it as YYYY-MM-DD") from None
    running = case.running(key, agency.strip() or None)
    if not running:
        raise Refused(f"clock {raw_clock} is not running on {case.ref}")
    if len(running) > 1:
        names = ", ".join(c.agency for c in running)
        raise Refused(f"say which agency: EXTEND {key} <agency>: date reason (running for {names})")
    clk = running[0]
    if new_due <= clk.due:
        raise Refused(f"{new_due.isoformat()} is not later than the current due date {clk.due.isoformat()}")
    return ([ExtendClock(key, clk.agency, new_due, reason)],
            f"{key}{' (' + clk.agency + ')' if clk.agency else ''} extended to {new_due.isoformat()}: {reason}")


def decide_return(
    ret: AgencyReturn, agency: str, sender: str, case: CaseSnapshot, today: date
) -> tuple[list[Effect], str]:
    """A return stops that agency's clock 5; a nil return counts; one never asked for is kept and flagged."""
    unsolicited = agency.lower() not in (a.lower() for a in case.requested_agencies)
    fx: list[Effect] = [RecordReturn(agency, today, ret.involved, unsolicited)]
    running = case.running("agency_return", agency)
    late = bool(running) and today > running[0].due
    if running:
        fx.append(StopClock("agency_return", "met", today, "return received" + (" late" if late else ""), agency))
    summary = f"return from {agency} received" + (" (nil return)" if ret.involved is False else "")
    if unsolicited:
        summary += "; it was not requested, so it is kept and flagged for the co-ordinator"
    elif late:
        summary += "; it arrived after the due date and is marked late"
    fx.append(Audit("return_received", {"agency": agency, "late": late, "unsolicited": unsolicited,
                                        "involved": ret.involved}))
    fx.append(MailIntent("confirm", "sender.confirm.return", (sender,), {"agency": agency, "summary": summary},
                         tag=f"confirm-return-{agency}", reply=True))
    return fx, summary
