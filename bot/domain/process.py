"""The CSPR process as one declarative model: stages, the clocks each owns, transitions and their guards.

Read it against the North Somerset protocol (Appendix 1 flowchart) and Working Together 2023 ch. 5:

* a case moves through STAGES; a stage *owns* clocks, and leaving a stage stops every clock the new stage
  does not own (`leave`). That is the only stop rule: commands name the clocks their event *meets*, the
  rest follows from ownership;
* duties that run beside the stages (the Serious Incident Notification, the Ofsted notice of a looked-after
  child's death, learning actions) are TRACK clocks, owned by every open stage: they end with their own
  event or when the case closes;
* every command is a Transition: the stages it is accepted in, who may send it, its guard, where it
  goes, the clocks it starts and the clocks it meets. `docs/PROCESS.md` is generated from this module
  (`python -m bot.process_doc`).

Pure: facts come in a CaseSnapshot; the answer is data or a refusal reason.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from bot.domain.clocks import due_date
from bot.domain.incident import carried
from bot.domain.snapshot import CaseSnapshot
from bot.settings import ClockRule
from bot.workdays import WorkCalendar

# --- stages -------------------------------------------------------------------------------------------

TRACK_CLOCKS = ("notification", "ofsted_notification", "learning_action")


@dataclass(frozen=True)
class Stage:
    key: str
    label: str
    owns: tuple[str, ...]  # clocks that may run in this stage (besides the track clocks)
    meaning: str
    # The clock of the decision this stage waits for. Whenever a case is in the stage, that clock runs: a case
    # brought back into it (DISAGREE again, REOPEN after the decision that closed it) waits for the decision
    # again, so it gets a new round of that clock (`round_tag`) rather than sitting on the old, met one.
    awaits: str = ""


STAGES: dict[str, Stage] = {s.key: s for s in (
    Stage("provisional", "Provisional referral (to be confirmed)", ("screening", "rr_submission"),
          "A message that reads as a referral without a readable form: its clocks run while the co-ordinator "
          "confirms it. Its form, arriving later, completes the case and is routed, but does not confirm it.",
          awaits="screening"),
    Stage("screening", "Screening", ("screening", "rr_submission"),
          "The sub-group decides within 5 WD of the incident whether to hold a rapid review.", awaits="screening"),
    Stage("disputed", "Disputed: with the Assistant Director", ("screening", "rr_submission", "disagreement"),
          "Someone disagrees about referring; only the Assistant Director's decision leaves this stage.",
          awaits="disagreement"),
    Stage("rapid_review", "Rapid review", ("rr_start", "agency_return", "rr_submission"),
          "Templates to agencies, their returns within 10 WD, the review to the Panel within 15 WD of the SIN."),
    Stage("awaiting_panel", "Awaiting the National Panel", ("panel_response",),
          "The rapid review is with the Panel; its view is awaited.", awaits="panel_response"),
    Stage("local_review", "Local review (LCSPR)", ("lcspr", "review_notices"),
          "Reviewer appointed, Panel/Ofsted/DfE told; the report within 6 months of the decision."),
    Stage("national_review", "National review", (),
          "The Panel reviews the case; the partnership supports it and tracks learning."),
    Stage("publication", "Publication", ("review_notices",),
          "The report has gone to the Panel; publication follows."),
    Stage("learning", "Learning", ("publication_window",),
          "Published (kept up for 12 months); learning actions tracked to completion."),
    Stage("closed", "Closed", (),
          "Nothing runs and nothing is sent, except answers to REOPEN and, within the window after a "
          "no-rapid-review decision, DISAGREE (until the AD decides) and NOTIFIED (even after the AD's "
          "do-not-refer)."),
)}
OPEN_STAGES = tuple(k for k in STAGES if k != "closed")


def owns(stage: str, clock: str) -> bool:
    """May `clock` run while the case is in `stage`?"""
    if stage == "closed":
        return False
    return clock in TRACK_CLOCKS or clock == "referral" or clock in STAGES[stage].owns


def round_tag(snapshot: CaseSnapshot, clock: str) -> str:
    """The `agency` of a new round of a case-wide decision clock: "" for the first, "round N" after (the earlier
    rounds stay, met or stopped, as the record of each decision and its timeliness)."""
    n = sum(1 for c in snapshot.clocks if c.key == clock)
    return f"round {n + 1}" if n else ""


def to_stop(snapshot: CaseSnapshot, target: str, meets: tuple[str, ...] = ()) -> list[tuple[str, str, str]]:
    """(clock, agency, outcome) for every running clock that entering `target` ends.

    Clocks the transition meets end "met"; the rest of those the target does not own end "stopped".
    """
    out: list[tuple[str, str, str]] = []
    for c in snapshot.clocks:
        if c.state != "running":
            continue
        if c.key in meets:
            out.append((c.key, c.agency, "met"))
        elif not owns(target, c.key):
            out.append((c.key, c.agency, "stopped"))
    return out


def fair_due(rule: ClockRule, anchor: date, due: date, today: date, cal: WorkCalendar,
             start: date | None = None) -> date | None:
    """The due date of a clock restarted on `today` after a closing: None (it keeps its own) unless that date
    passed while the case was closed; then the clock's own allowance counted from `start` (its new day 0: the
    REOPEN's receipt day after the cut-off rule, or the day a fresh request is sent, clocks.anchor_day;
    `today` when not given) (a learning action, whose date the command set, gets its own span again).
    Statutory clocks too: the statutory date has gone, and the co-ordinator is told the new date in the
    REOPEN confirmation (and the audit keeps the old)."""
    if due >= today:
        return None
    day0 = start or today
    if rule.length == 0 and rule.unit == "calendar_days":  # a date set by the command (learning action)
        return day0 + (due - anchor)
    return due_date(rule, day0, cal)


# --- guards: each returns None when the command may go ahead, else the reason it is refused -------------

Guard = Callable[[CaseSnapshot, date], str | None]


def notified(c: CaseSnapshot) -> bool:
    return bool(c.facts.get("notified_on"))


def _not_notified(c: CaseSnapshot, today: date) -> str | None:
    if notified(c):
        return ("the National Panel has been notified of this incident, so a rapid review must be held "
                "(Working Together 2023): NO RAPID REVIEW cannot be recorded")
    return None


def _screening_open(c: CaseSnapshot, today: date) -> str | None:
    # In provisional and screening the decision is pending by definition (a decision leaves the stage; a
    # REOPEN brings the case back to decide again).
    if c.stage == "rapid_review":
        return None if c.running("rr_start") else "the rapid review has already started: requests were sent"
    return None


def _no_rr(c: CaseSnapshot, today: date) -> str | None:
    return _screening_open(c, today) or _not_notified(c, today)


def dispute_window_open(c: CaseSnapshot, today: date) -> bool:
    until = c.facts.get("dispute_until")
    return c.stage == "closed" and c.facts.get("closed_by") == "no_rapid_review" and bool(until) \
        and today <= date.fromisoformat(str(until))


def notification_window_open(c: CaseSnapshot, today: date) -> bool:
    """NOTIFIED on a closed case: within the window after a no-rapid-review decision, whether or not the AD
    has since decided not to refer. A notification to the Panel is a fact that happened: refusing it would
    lose it, and once the Panel is notified a rapid review is required whatever was decided."""
    until = c.facts.get("dispute_until")
    return c.stage == "closed" and c.facts.get("closed_by") in ("no_rapid_review", "ad_do_not_refer") \
        and bool(until) and today <= date.fromisoformat(str(until))


def _disagree(c: CaseSnapshot, today: date) -> str | None:
    if c.stage == "closed" and c.facts.get("closed_by") == "ad_do_not_refer":
        return (f"the Assistant Director has decided (do not refer) on the disagreement about case {c.ref}, "
                "which settles it: there is no second dispute; the co-ordinator can REOPEN it")
    if c.stage == "closed" and not dispute_window_open(c, today):
        return (f"case {c.ref} is closed and the window for disagreeing with a no-rapid-review decision has "
                "ended; the co-ordinator can REOPEN it")
    if notified(c):
        return "the National Panel has been notified, so a rapid review must be held: there is nothing to dispute"
    return None


def _ad_decision(c: CaseSnapshot, today: date) -> str | None:
    return None


def _ad_do_not_refer(c: CaseSnapshot, today: date) -> str | None:
    if notified(c):
        return ("the National Panel has been notified, so a rapid review must be held: only "
                "AD DECISION: REFER can settle this disagreement")
    return None


def _notification_due(c: CaseSnapshot, today: date) -> str | None:
    if notified(c):
        return "the Panel notification has already been recorded"
    if c.stage == "closed" and not notification_window_open(c, today):
        return f"case {c.ref} is closed; the co-ordinator can REOPEN it"
    return None


def _aware(c: CaseSnapshot, today: date) -> str | None:
    if notified(c):
        return "the Panel notification has already been recorded; the date of awareness no longer moves a clock"
    return None


def _submitted(c: CaseSnapshot, today: date) -> str | None:
    if not notified(c):
        return ("the rapid review goes to the Panel after the Serious Incident Notification: the service leader "
                "records NOTIFIED: YYYY-MM-DD first")
    return None


def _reviewer(c: CaseSnapshot, today: date) -> str | None:
    return None


def _notices(c: CaseSnapshot, today: date) -> str | None:
    if not c.running("review_notices"):
        return "no notice to the Panel, Ofsted and DfE is outstanding (record the REVIEWER first)"
    return None


def _ofsted(c: CaseSnapshot, today: date) -> str | None:
    if not c.running("ofsted_notification"):
        return "no Ofsted / Secretary of State notification is outstanding (LOOKED AFTER: YES starts it)"
    return None


def _waive(c: CaseSnapshot, today: date) -> str | None:
    # A return a linked case clocks for the incident is outstanding for this case too (incident.carried).
    if not c.running("agency_return") and not carried(c):
        return "no agency return is outstanding"
    return None


def _action_done(c: CaseSnapshot, today: date) -> str | None:
    if not c.running("learning_action"):
        return "no learning action is open"
    return None


def _reopen(c: CaseSnapshot, today: date) -> str | None:
    return None


def _always(c: CaseSnapshot, today: date) -> str | None:
    return None


def _extend(c: CaseSnapshot, today: date) -> str | None:
    if not any(cl.state == "running" for cl in c.clocks) and not carried(c):
        return "no clock is running on this case"
    return None


# --- transitions ------------------------------------------------------------------------------------

COORD = ("coordinator",)
DECIDERS = ("subgroup_chair", "coordinator")
ANY_ROLE = ("coordinator", "service_leader", "assistant_director", "director", "police_review",
            "icb_safeguarding", "subgroup_chair", "executive", "referrer")
REVIEW_STAGES = ("rapid_review", "awaiting_panel", "local_review", "national_review", "publication", "learning")


@dataclass(frozen=True)
class Transition:
    verb: str  # as the parser reports it
    variant: str  # the DECISION / PANEL / AD DECISION value, else ""
    example: str  # a command line that invokes it, as typed in a reply
    source: tuple[str, ...]  # stages it is accepted in
    target: str | None  # None: the stage does not change
    roles: tuple[str, ...]
    guard: Guard
    guard_text: str
    starts: tuple[str, ...] = ()
    meets: tuple[str, ...] = ()
    note: str = ""
    also: tuple[str, ...] = ()  # other stages it can lead to, decided by the case's facts (see the note)
    also_from: tuple[str, ...] = ()  # the source stages `also` applies from (empty: every source)

    @property
    def name(self) -> str:
        return f"{self.verb}: {self.variant}" if self.variant else self.verb


TRANSITIONS: tuple[Transition, ...] = (
    Transition("CONFIRM", "", "CONFIRM", ("provisional",), "screening", COORD, _always, "",
               note="the co-ordinator confirms a provisional referral"),
    Transition("NOT A REFERRAL", "", "NOT A REFERRAL: <reason>", ("provisional",), "closed", COORD,
               _always, "", note="a provisional referral that is not one; a reason is needed and kept"),
    Transition("DECISION", "RAPID REVIEW", "DECISION: RAPID REVIEW", ("provisional", "screening", "rapid_review"),
               "rapid_review", DECIDERS, _screening_open,
               "screening decision not yet recorded (in rapid review: requests not yet sent)",
               starts=("rr_start", "agency_return"), meets=("screening", "rr_start"),
               note="optional date; AGENCIES: line; requests go out at once; executive and referrer told"),
    Transition("DECISION", "NO RAPID REVIEW", "DECISION: NO RAPID REVIEW <reason>",
               ("provisional", "screening"), "closed", DECIDERS, _no_rr,
               "screening decision not yet recorded; the Panel not notified",
               meets=("screening",),
               note="a reason is needed; AD, executive and referrer told; DISAGREE / NOTIFIED accepted for the "
                    "dispute window"),
    Transition("DISAGREE", "", "DISAGREE: <reason>", ("provisional", "screening", "closed"), "disputed",
               ANY_ROLE, _disagree, "closed only by a no-rapid-review decision within the dispute window "
               "(not once the AD has decided); the Panel not notified", starts=("disagreement",),
               note="a reason is needed (what is disagreed with); goes to the Assistant Director at once; each "
                    "dispute runs its own decision clock"),
    Transition("AD DECISION", "REFER", "AD DECISION: REFER", ("disputed",), "screening",
               ("assistant_director",), _ad_decision, "",
               meets=("disagreement",), also=("rapid_review",),
               note="back to screening; after a no-rapid-review decision, on to rapid review (rr_start)"),
    Transition("AD DECISION", "DO NOT REFER", "AD DECISION: DO NOT REFER", ("disputed",), "closed",
               ("assistant_director",), _ad_do_not_refer, "the Panel not notified", meets=("disagreement",)),
    Transition("NOTIFIED", "", "NOTIFIED: {today}", (*OPEN_STAGES, "closed"), None, ("service_leader",),
               _notification_due, "not yet notified; a closed case only within the dispute window (also after "
               "the AD's DO NOT REFER)",
               starts=("rr_submission",), meets=("notification",),
               also=("rapid_review",),
               note="parallel track; on a case closed without a rapid review it reopens into rapid review"),
    Transition("AWARE", "", "AWARE: {today}", OPEN_STAGES, None, ("service_leader", "coordinator"), _aware,
               "not yet notified", note="re-anchors the notification clock on the day the LA became aware; not "
                                        "before the incident, nor after the referral's receipt (the LA knew by then)"),
    Transition("LOOKED AFTER", "", "LOOKED AFTER: YES", OPEN_STAGES, None, ("service_leader", "coordinator"),
               _always, "", starts=("ofsted_notification",),
               note="a looked-after child's death: Secretary of State and Ofsted to be told"),
    Transition("OFSTED NOTIFIED", "", "OFSTED NOTIFIED: {today}", OPEN_STAGES, None,
               ("service_leader", "coordinator"), _ofsted, "the Ofsted notification is outstanding",
               meets=("ofsted_notification",)),
    Transition("WAIVE", "", "WAIVE Education: no involvement", ("rapid_review",), None, COORD, _waive,
               "that agency's return is outstanding",
               note="stops one agency's return clock; a reason is needed and kept"),
    Transition("SUBMITTED", "", "SUBMITTED: {today}", ("rapid_review",), "awaiting_panel", COORD, _submitted,
               "the Panel has been notified", starts=("panel_response",), meets=("rr_submission",),
               note="every outstanding agency return ends with the rapid review"),
    Transition("PANEL", "LOCAL REVIEW", "PANEL: LOCAL REVIEW", ("awaiting_panel", "national_review"),
               "local_review", ("coordinator", "service_leader"), _always, "", starts=("lcspr",),
               meets=("panel_response",), note="optional decision date: the 6 months run from it"),
    Transition("PANEL", "NATIONAL REVIEW", "PANEL: NATIONAL REVIEW", ("awaiting_panel",), "national_review",
               ("coordinator", "service_leader"), _always, "", meets=("panel_response",)),
    Transition("PANEL", "NO FURTHER REVIEW", "PANEL: NO FURTHER REVIEW", ("awaiting_panel",), "closed",
               ("coordinator", "service_leader"), _always, "", meets=("panel_response",),
               also=("learning",), note="to learning instead while learning actions are open"),
    Transition("REVIEWER", "", "REVIEWER: <name>, <organisation>", ("local_review",), None,
               ("coordinator", "service_leader", "subgroup_chair"), _reviewer, "", starts=("review_notices",),
               note="the Panel, Ofsted and DfE are to be told, with the reviewer's name"),
    Transition("NOTICES SENT", "", "NOTICES SENT: {today}", ("local_review", "publication"), None,
               ("service_leader", "coordinator"), _notices, "the notices are outstanding",
               meets=("review_notices",)),
    Transition("REPORT TO PANEL", "", "REPORT TO PANEL: {today}", ("local_review",), "publication", COORD,
               _always, "", meets=("lcspr",), note="the copy to the Panel before publication"),
    Transition("PUBLISHED", "", "PUBLISHED: {today}", ("publication", "national_review"), "learning", COORD,
               _always, "", starts=("publication_window",), note="optional URL; reminder when 12 months end"),
    Transition("ACTION", "", "ACTION: Education; {later}; refresh safeguarding training", REVIEW_STAGES, None,
               COORD, _always, "", starts=("learning_action",), note="owner; due date; what is to be done"),
    Transition("ACTION DONE", "", "ACTION DONE: {n}", REVIEW_STAGES, None, ("coordinator", "action_owner"),
               _action_done, "the action is open (from its owner: their own action)", meets=("learning_action",),
               also=("closed",), also_from=("learning",),
               note="optional evidence; who recorded it is kept. In learning, the last open action done with "
                    "nothing else running closes the case (the Panel's no-further-review outcome it was kept "
                    "open for); the co-ordinator is told and can REOPEN"),
    Transition("CORRECT", "", "CORRECT child.date_of_birth: 2015-03-02", OPEN_STAGES, None, COORD, _always, "",
               note="fixes a field read from the form; old value audited; a date must fit the case's facts; "
                    "referrer.email one address (letters withheld from one csprbot may not write to, and said)"),
    Transition("LINK", "", "LINK NS-CSPR-2026-001", OPEN_STAGES, None, COORD, _always, "",
               note="joins a sibling's case to one incident: agencies are asked once"),
    Transition("EXTEND", "", "EXTEND screening: {later} <reason>", OPEN_STAGES, None, COORD, _extend,
               "that clock is running", note="a reason is needed and kept"),
    Transition("CLOSE", "", "CLOSE: <reason>", tuple(s for s in OPEN_STAGES if s != "disputed"), "closed", COORD,
               _always, "", note="a reason is needed and kept; not while disputed: the case is not closed while "
                                 "the Assistant Director's decision is pending (DOMAIN)"),
    Transition("REOPEN", "", "REOPEN: <reason>", ("closed",), None, COORD, _reopen, "",
               also=OPEN_STAGES, note="a reason is needed; back to the stage it was closed from; that stage's clocks "
                                      "run again, and the decision it waits for, when the closing made it, on a "
                                      "new round of its clock"),
)
VERBS = tuple(dict.fromkeys(t.verb for t in TRANSITIONS))


def transitions_for(verb: str, variant: str = "") -> list[Transition]:
    return [t for t in TRANSITIONS if t.verb == verb and (not t.variant or t.variant == variant)]


def who_may(verb: str) -> tuple[str, ...]:
    out: list[str] = []
    for t in TRANSITIONS:
        if t.verb == verb:
            out += [r for r in t.roles if r not in out]
    return tuple(out)


def permitted(t: Transition, c: CaseSnapshot, today: date) -> str | None:
    """None if `t` may be taken now, else why not (the refusal a sender reads)."""
    if c.stage not in t.source:
        where = ", ".join(STAGES[s].label.lower() for s in t.source)
        if c.stage == "closed":
            return f"case {c.ref} is closed; the co-ordinator can REOPEN it"
        if c.stage == "disputed" and t.target is not None:
            # Only the AD's decision leaves `disputed` (DOMAIN: "the case is not closed while that is pending").
            return (f"case {c.ref} is disputed: the Assistant Director's decision on the disagreement is pending "
                    "(AD DECISION: REFER or AD DECISION: DO NOT REFER); only that decision moves the case on, and "
                    f"it is not closed while it is pending, so {t.name} is not accepted now")
        return f"{t.name} is not accepted while the case is at stage {c.stage!r} (only: {where})"
    return t.guard(c, today)


# --- invitations: what a csprbot mail asks its recipient to reply ---------------------------------------

# Which transitions answer a running clock (chasers and escalations invite these).
CLOCK_ANSWERS: dict[str, tuple[str, ...]] = {
    "screening": ("DECISION: RAPID REVIEW", "DECISION: NO RAPID REVIEW", "CONFIRM"),
    # Not AWARE: a date of awareness may not be after the referral's receipt (commands.aware_too_late), so a
    # chaser's "AWARE: <today>" would be refused, and it never makes an overdue notification less overdue.
    "notification": ("NOTIFIED",),
    "rr_start": ("DECISION: RAPID REVIEW",),
    "agency_return": (),  # answered by the return itself, by mail
    "rr_submission": ("SUBMITTED",),
    "lcspr": ("REPORT TO PANEL",),
    "disagreement": ("AD DECISION: REFER", "AD DECISION: DO NOT REFER"),
    "review_notices": ("NOTICES SENT",),
    "ofsted_notification": ("OFSTED NOTIFIED",),
    "publication_window": (),
    "learning_action": ("ACTION DONE",),
    "panel_response": ("PANEL: LOCAL REVIEW", "PANEL: NATIONAL REVIEW", "PANEL: NO FURTHER REVIEW"),
}


def example(t: Transition, today: date, later: date, n: str = "1") -> str:
    return t.example.replace("{today}", today.isoformat()).replace("{later}", later.isoformat()).replace("{n}", n)


def invitations(c: CaseSnapshot, today: date, later: date, names: tuple[str, ...],
                roles: set[str] | None = None, n: str = "1") -> list[tuple[str, tuple[str, ...]]]:
    """(command line, roles that may send it) for each named transition permitted now.

    `roles`: only those some of these roles may send (None: any); `n`: the learning action a chaser is
    about. A mail lists exactly these, so every command csprbot invites is one it will accept in the state
    the mail was sent in.
    """
    out: list[tuple[str, tuple[str, ...]]] = []
    for name in names:
        for t in TRANSITIONS:
            if t.name != name:
                continue
            if roles is not None and not (set(t.roles) & roles):
                continue
            if permitted(t, c, today) is None:
                out.append((example(t, today, later, n), t.roles))
    return out
