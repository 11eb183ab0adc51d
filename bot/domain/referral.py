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


def parent_of(form: dict[str, object], path: str) -> tuple[dict[str, object], str]:
    """The dict holding a dotted path's leaf ("child.name" -> form["child"], "name"), made where missing: one walk
    for CORRECT, a completing form and putting a completion back."""
    node = form
    *parents, leaf = path.split(".")
    for part in parents:
        nxt = node.get(part)
        if not isinstance(nxt, dict):
            nxt = {}
            node[part] = nxt
        node = nxt
    return node, leaf


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


# --- the form a provisional case was waiting for -----------------------------------------------------------
# A referral opened without a readable form (no form, or one that could not be opened) is routed saying "the
# referrer has been asked to send the form". When that form arrives (the same child, or on the case's thread or
# reference from its referrer) it COMPLETES the case: its fields fill the referral, and it goes to the roles the
# first routing went to. It does not CONFIRM the case: confirming is the co-ordinator's judgement that this is a
# referral at all (the provisional stage's clocks already run, so waiting loses nothing), and a stage never moves
# on a mail's evidence alone (a form matched by name and date of birth may still be a sibling's: new-case splits it).

# The rule as docs/PROCESS.md prints it (bot/process_doc.py).
COMPLETION_RULE = """A referral that opened a case without a readable form (no form, or an attachment csprbot cannot
open) is routed saying the referrer has been asked for the form. When that form arrives, it **completes** the case,
provisional or already confirmed: from the case's referrer, or naming the case's child (the duplicate check), or, for
a case whose letter named no child, from its referrer on the case's thread. Its answers fill the case's referral;
a field the co-ordinator `CORRECT`ed keeps the correction, and the incident date (which anchors the clocks) moves
only by `CORRECT`. What changed is audited (`referral_completed`: field names; the old and new values in the
purgeable store, as for `CORRECT`), the letter's low-confidence guesses give way where the form reads the field, and
the form is routed to the roles the referral went to (the full form only to secure addresses), each once. The
co-ordinator is told which fields changed. **The form does not confirm the case**: `CONFIRM` stays the
co-ordinator's judgement that the message is a referral; a stage never moves on a mail's evidence alone (a form
matched by name and date of birth may still be a sibling's), and nothing is lost by waiting, since the provisional
stage's clocks already run. A form that completed the wrong case is split off with `csprbot new-case ID`, which puts
the case's fields back as they were (those corrected since stay). A second form afterwards is a duplicate, as
before."""
FORM_AWAITED = ("missing", "unreadable")  # the first mail's `form` (parsers.classify): the case awaits its form
FORM_COMPLETED = "form_message"  # the fact naming the message whose form completed the case (once)
# Fields a form never overwrites: the incident date anchors clocks (CORRECT re-anchors them, a person decides).
_KEPT_ON_CASE = frozenset({"child.incident_date"})


def awaits_form(first_form: object, facts: dict[str, object], stage: str) -> bool:
    """Whether an open case was opened without a readable form and no form has completed it yet."""
    return first_form in FORM_AWAITED and not facts.get(FORM_COMPLETED) and stage != "closed"


@dataclass(frozen=True)
class Completion:
    referral: dict[str, object]  # the case's referral with the form's fields in
    old: dict[str, object]  # path -> the value it replaced (personal: audited in the purgeable store)
    new: dict[str, object]  # path -> the form's value
    kept: tuple[str, ...]  # paths the form gives otherwise but the case keeps (corrected, or anchoring clocks)


def _leaves(node: object, prefix: str = "") -> dict[str, object]:
    """Dotted path -> value for each answered leaf of a referral (a list is one leaf; empty answers left out)."""
    if isinstance(node, dict):
        out: dict[str, object] = {}
        for k, v in node.items():
            out.update(_leaves(v, f"{prefix}{k}."))
        return out
    return {} if node is None or node == "" or node == [] else {prefix[:-1]: node}


def complete_referral(current: dict[str, object], form: dict[str, object], corrected: set[str]) -> Completion:
    """The case's referral completed by the form: each field the form answers replaces the case's, except the
    fields a person CORRECTed (their correction stands) and those in _KEPT_ON_CASE."""
    import copy

    out = copy.deepcopy(current)
    old: dict[str, object] = {}
    new: dict[str, object] = {}
    kept: list[str] = []
    for path, value in _leaves(form).items():
        node, leaf = parent_of(out, path)
        before = node.get(leaf)
        if before == value:
            continue
        if path in corrected or path in _KEPT_ON_CASE:
            kept.append(path)  # the clocks count from what the case has until a person CORRECTs it
            continue
        old[path], new[path] = before, value
        node[leaf] = value
    return Completion(out, old, new, tuple(kept))


def plan_completion(parsed: ParseResult, case: CaseSnapshot, settings: Settings, today: date,
                    done: Completion, sender_shown: str, message: int) -> list[Effect]:
    """The mails of a completed case: the form to the roles the referral is routed to (the full form only to
    secure addresses: the outbox's rule, as for the first routing), and the co-ordinator told what changed (field
    names only) and, while it is provisional, invited to CONFIRM it."""
    to_check = parsed.low_confidence()
    verbs = ("CONFIRM", "NOT A REFERRAL", "DECISION: RAPID REVIEW", "DECISION: NO RAPID REVIEW", "NOTIFIED", "AWARE",
             "DISAGREE")
    invites = process.invitations(case, today, today, verbs)
    ctx: dict[str, object] = {"provisional": case.stage == "provisional", "fields": sorted(done.new),
                              "kept": list(done.kept), "missing": list(parsed.missing), "to_check": to_check}
    effects: list[Effect] = [
        MailIntent("routing", "senior.routing.form", routing.for_event(settings, "referral"), ctx,
                   tag="routing-form", attach_original=True, personal=True, invites=tuple(invites)),
    ]
    triage = process.invitations(case, today, today, ("CONFIRM", "NOT A REFERRAL"), {"coordinator"})
    effects.append(MailIntent("triage", "coordinator.triage.form_completed", routing.for_event(settings, "triage"),
                              {**ctx, "invites": [line for line, _ in triage], "from": sender_shown,
                               "message": message}, tag="form-completed",
                              invites=tuple(triage)))
    effects += unaddressed(effects)
    return effects
