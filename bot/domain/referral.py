"""Deciding what a new referral does: the case's dates and stage, clocks 1-3, routing, acknowledgement."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from bot.domain import process, routing
from bot.domain.charset_check import charset_fields
from bot.domain.clocks import anchor_day, due_date
from bot.domain.effects import Audit, Effect, MailIntent, SetFact, StartClock, StopClock, unaddressed
from bot.domain.redact import warning_codes
from bot.domain.snapshot import CaseSnapshot, ClockView
from bot.settings import Settings
from bot.workdays import WorkCalendar
from parsers.records import ParseResult, Referral
from parsers.several_forms import SEVERAL_FORMS

# Protocol Appendix 3: these deaths are always referred; the routing mail says so at the top.
_ALWAYS_REFER = (
    (re.compile(r"\b(in|from) (police |youth )?custody\b|\b(young offender institution|secure training centre|"
                r"custody suite|prison cell)\b", re.I), "a death in custody"),
    (re.compile(r"\b(sectioned|detained under (the )?(mental health|s\.? ?\d+)|mental health act|"
                r"deprivation of liberty|dols\b|mental capacity act)", re.I),
     "a death under mental-health or mental-capacity detention"),
)


# The LA's own children's services referred: it was aware on the incident day (CORRECT of that date moves it).
AWARE_FROM_INCIDENT = "incident date (the LA's own children's services referred)"


@dataclass(frozen=True)
class ReferralPlan:
    incident_date: date | None
    received_date: date  # day 0 of the clocks that count from receipt: the cut-off and non-working days move it
    arrived: date  # the local day the mail reached the mailbox, unmoved: the year of the case's reference
    late: bool
    referrer_email: str | None
    stage: str = "screening"
    facts: dict[str, object] = field(default_factory=dict)
    effects: list[Effect] = field(default_factory=list)


def _iso(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def is_provisional(parsed: ParseResult) -> bool:
    """A referral csprbot could not read as a form: a provisional case the co-ordinator confirms.

    The classifier marks a no-form or unreadable-attachment referral with `form` "missing" or "unreadable"
    (parsers.classify). A form it did read but where neither the child's name nor the date of birth was
    found is treated the same way: nobody can act on it until a person has looked.
    """
    if parsed.form in ("missing", "unreadable"):
        return True
    ref = parsed.referral
    return ref is not None and not ref.child.name and not ref.child.date_of_birth


def _always_refer(form: Referral) -> list[str]:
    text = " ".join(str(x or "") for x in (form.summary, form.child.incident_location,
                                            *(p.process for p in form.other_processes)))
    return [what for rx, what in _ALWAYS_REFER if rx.search(text)]


def _la_own_referral(settings: Settings, sender: str | None, form: Referral) -> bool:
    """Is the referrer the local authority's own children's services (profile: process.la_childrens_services)?"""
    la = settings.agency_named(settings.process.la_childrens_services or "")
    if la is None:
        return False
    for addr in (sender, form.referrer.email):
        if addr and "@" in addr:
            dom = addr.rsplit("@", 1)[1].lower()
            if any(dom == d or dom.endswith("." + d) for d in la.domains):
                return True
    return False


def received_ack(to: str) -> MailIntent:
    """The only acknowledgement a sender holding no role or agency gets, for a new referral or a second copy
    of one alike: received, to be looked at; no case reference, clock or detail (routing.known_sender)."""
    return MailIntent("ack", "referrer.ack.received", (to,), {}, tag="ack", reply=True, no_case=True)


def referrer_address(parsed: ParseResult, sender: str | None, settings: Settings) -> str | None:
    """Who made the referral: its sender, unless a known sender (a role, an agency) forwarded it: then the form's
    referrer address, or the innermost forwarded mail's writer's (parsers/forwarded_from.py), or None when neither
    gives one (an X.500 From line: not guessed). A stranger's forward names nobody else: its body is anyone's to
    write, and the referrer's role on a case is for the address that made it."""
    form = parsed.referral.referrer.email if parsed.referral is not None else None
    if parsed.forwarded and sender and routing.known_sender(settings, sender):
        return form.lower() if form else None
    return sender or form


def plan_referral(
    parsed: ParseResult, sender: str | None, received_at: datetime, settings: Settings, cal: WorkCalendar,
    related: list[str] | None = None, possible: tuple[str, tuple[str, ...]] | None = None,
) -> ReferralPlan:
    """Clock 1 is judged at once (met, or flagged late); clocks 2 and 3 start; the roles are alerted.
    `possible`: (reference, field names) of an open case this may duplicate, not joined (duplicates.match_case)."""
    ref_form = parsed.referral
    assert ref_form is not None
    received = cal.effective_date(received_at)  # the cut-off moves anchors...
    arrived = received_at.astimezone(cal.tz).date()  # ...not verdicts: any hour of the due day is on time
    incident = _iso(ref_form.child.incident_date)
    rules = settings.clocks
    # The day a clock counts the referral from is taken on that clock's own calendar: the council's closure
    # days move its local clocks, never a statutory one (the LA is aware of a referral that reaches it on a
    # closure day; clocks.calendar_for).
    received_for = {key: anchor_day(rules[key], cal, received_at)
                    for key in ("screening", "notification")}
    effects: list[Effect] = []
    notes: list[str] = []
    provisional = is_provisional(parsed)

    # Clock 1 runs from the practitioner becoming aware; the form's incident date is the best proxy.
    anchor1 = incident or received
    due1 = due_date(rules["referral"], anchor1, cal)
    late = incident is not None and arrived > due1
    effects.append(StartClock("referral", anchor1))
    effects.append(StopClock("referral", "met", arrived, "referral received" + (" late" if late else "")))
    if incident is None:
        notes.append("no incident date on the form: screening clock anchored on the day received")

    la_own = _la_own_referral(settings, sender, ref_form)
    # The day the local authority became aware is a statutory fact: counted without local closures.
    aware = incident if (la_own and incident) else cal.without_closures().effective_date(received_at)
    starts: dict[str, date] = {}
    for key in ("screening", "notification"):
        on = received_for[key]
        anchors = {"incident_date": incident or on, "referral_received": on, "la_aware": aware}
        starts[key] = anchors.get(rules[key].anchor, on)
        effects.append(StartClock(key, starts[key]))
    facts: dict[str, object] = {"aware": aware.isoformat(),
                                "aware_from": AWARE_FROM_INCIDENT if la_own and incident
                                else "the day the referral was received"}
    if provisional:
        facts["provisional"] = True
    # the mail holds other children's forms: this case is the first form's; the others wait for a person
    several = any(w.startswith(SEVERAL_FORMS) for w in parsed.warnings)
    if several:
        facts["several_forms"] = True
    flags = _always_refer(ref_form)
    if flags:
        facts["always_refer"] = flags
    looked_after = getattr(ref_form.child, "looked_after", None)
    if looked_after is True:
        facts["looked_after"] = True
        effects.append(StartClock("ofsted_notification", aware))

    dues = {k: due_date(rules[k], a, cal) for k, a in starts.items()}
    screening_overdue = dues["screening"] < received
    stage = "provisional" if provisional else "screening"
    snap = CaseSnapshot("", stage, sender, tuple(ClockView(k, "", a, dues[k], "running") for k, a in starts.items()),
                        facts=facts)
    routing_invites = process.invitations(
        snap, received, received,
        ("CONFIRM", "NOT A REFERRAL", "DECISION: RAPID REVIEW", "DECISION: NO RAPID REVIEW", "NOTIFIED", "AWARE",
         "DISAGREE"))
    ctx: dict[str, object] = {
        "late": late,
        "received": received,
        "incident_date": incident,
        "missing": list(parsed.missing),
        # read, but with low confidence (parsers/provenance.py): names only, for the routing and triage mails
        "to_check": parsed.low_confidence(),
        # fields another code page reads as other letters (bot/domain/charset_check.py): "field: reason", no value
        "charset_check": [f"{path}: {why}" for path, why in charset_fields(
            parsed.warnings, ref_form.model_dump(mode="json")).items()],
        "warnings": list(parsed.warnings),
        "notes": notes,
        "provisional": provisional,
        "screening_overdue": screening_overdue,
        "always_refer": flags,
        "looked_after": looked_after is True,
        "aware": aware,
        "aware_from": facts["aware_from"],
        "related": list(related or []),
        "possible_duplicate": {"ref": possible[0], "evidence": list(possible[1])} if possible else None,
    }
    # One intent, one mail per address (each with its own idempotency key and Message-ID).
    to_roles = routing.for_event(settings, "referral")
    effects.append(MailIntent("routing", "senior.routing.referral", to_roles, ctx, tag="routing",
                              attach_original=True, personal=True, invites=tuple(routing_invites)))
    referrer = referrer_address(parsed, sender, settings)
    ack_to = referrer or sender  # a forward naming no address: the forwarder is told, as the one who sent it
    if ack_to and routing.may_name_case(settings, ack_to):
        effects.append(MailIntent("ack", "referrer.ack.referral", (ack_to,), ctx, tag="ack", reply=True))
    elif ack_to:
        effects.append(received_ack(ack_to))
    if (parsed.missing or parsed.low_confidence() or ctx["charset_check"] or late or provisional or screening_overdue
            or flags or related or several or possible):
        triage = process.invitations(snap, received, received, ("CONFIRM", "NOT A REFERRAL"), {"coordinator"})
        effects.append(
            MailIntent("triage", "coordinator.triage.referral", routing.for_event(settings, "triage"),
                       # Codes only: a warning's value quotes the form (the child's name, DOB), which is for the
                       # routing mail's secure roles; the triage mail says what to check (bot/domain/redact.py).
                       {**ctx, "warnings": warning_codes(parsed.warnings),
                        "invites": [line for line, _ in triage]}, tag="triage-referral",
                       invites=tuple(triage))
        )
    effects += unaddressed(effects)
    effects += [SetFact(k, v) for k, v in facts.items()]
    effects.append(Audit("referral_opened", {"late": late, "missing": list(parsed.missing), "stage": stage,
                                             "reason": "provisional: the form could not be read" if provisional
                                             else "referral received"}))
    return ReferralPlan(incident, received, arrived, late, referrer, stage, facts, effects)
