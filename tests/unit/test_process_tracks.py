"""The notification track over random lives of a case (pure): while a case is open and the Panel has not been
notified, the notification clock runs, whatever path brought the case into its open stage (stranger11 B1:
NO RAPID REVIEW -> DISAGREE -> AD DECISION: REFER left it stopped for good).

The rule, as the model has it: a no-rapid-review decision closes the case (nothing runs while closed; the
decision stands undisputed within its window); every way back into an open stage (DISAGREE in the window,
AD DECISION: REFER, NOTIFIED, REOPEN) runs the track clocks the closing stopped again (commands.resume).
Effects are applied here by a small pure simulator with the store's semantics (bot.apply).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import hypothesis.strategies as st
from hypothesis import given, settings

from bot.domain import process
from bot.domain.clocks import due_date
from bot.domain.commands import decide_command, decide_return
from bot.domain.effects import (
    Effect,
    ExtendClock,
    MailIntent,
    ReanchorClock,
    RecordReturn,
    RequestAgency,
    RestartClock,
    SetFact,
    SetStage,
    StartClock,
    StopClock,
)
from bot.domain.snapshot import CaseSnapshot, ClockView
from bot.render import render_text
from bot.settings import load_settings
from bot.workdays import WorkCalendar
from parsers.records import AgencyReturn
from parsers.reply import parse_command

S = load_settings(None, env={})
CAL = WorkCalendar(closure_days={date(2026, 12, 29), date(2026, 12, 30), date(2026, 12, 31)})
START = date(2026, 3, 2)
INCIDENT = date(2026, 2, 27)
REFERRER = "sam.example@csc.example.gov.uk"
ACTION_OWNER = next(a.lead for a in S.agencies if a.name == "Education")


def sender_for(role: str) -> str:
    if role == "referrer":
        return REFERRER
    if role == "action_owner":
        return ACTION_OWNER
    return S.roles.of(role)[0]


# Every command of the model as typed, plus the lines of the dispute path that B1 needs in order.
LINES = sorted({process.example(t, date(1, 1, 1), date(1, 1, 2)) for t in process.TRANSITIONS} | {
    "DECISION: NO RAPID REVIEW threshold not met", "DISAGREE: the child died of neglect", "AD DECISION: REFER",
    "DECISION: RAPID REVIEW\nAGENCIES: Education", "REOPEN: new information", "CLOSE: duplicate",
    "LOOKED AFTER: YES", "AWARE: 0001-01-01", "ACTION DONE: 1 done",
})


def start_case() -> CaseSnapshot:
    clocks = tuple(ClockView(k, "", INCIDENT, due_date(S.clocks[k], INCIDENT, CAL), "running")
                   for k in ("screening", "notification"))
    return CaseSnapshot("NS-CSPR-2026-001", "screening", REFERRER, clocks, incident_date=INCIDENT,
                        received_date=START, opened_on=START,
                        facts={"aware": INCIDENT.isoformat()})


def apply(case: CaseSnapshot, effects: list[Effect], today: date) -> CaseSnapshot:
    """The store's semantics (bot.apply), on a snapshot."""
    clocks = list(case.clocks)
    facts = dict(case.facts)
    stage = case.stage
    requested = list(case.requested_agencies)
    received = dict(case.returns_received)

    def start(key: str, anchor: date, agency: str, due: date | None) -> None:
        if any(c.key == key and c.agency == agency for c in clocks):
            return
        clocks.append(ClockView(key, agency, anchor, due or due_date(S.clocks[key], anchor, CAL), "running"))

    for e in effects:
        if isinstance(e, StartClock):
            start(e.key, e.anchor, e.agency, e.due)
        elif isinstance(e, RequestAgency):
            requested.append(e.agency)
            start("agency_return", e.on, e.agency, None)
        elif isinstance(e, StopClock):
            clocks = [replace(c, state=e.outcome, stopped_on=e.on)
                      if c.state == "running" and (e.key is None or c.key == e.key)
                      and (e.agency is None or c.agency == e.agency) else c for c in clocks]
        elif isinstance(e, RestartClock):
            clocks = [(replace(c, state="met", stopped_on=e.met_on) if e.met_on else
                       replace(c, state="running", stopped_on=None, due=e.due or c.due))
                      if c.state == "stopped" and c.key == e.key and c.agency == e.agency else c for c in clocks]
        elif isinstance(e, RecordReturn):
            received.setdefault(e.agency, e.on)
        elif isinstance(e, ReanchorClock):
            clocks = [replace(c, anchor=e.anchor, due=due_date(S.clocks[c.key], e.anchor, CAL))
                      if c.state == "running" and c.key == e.key and c.agency == e.agency else c for c in clocks]
        elif isinstance(e, ExtendClock):
            clocks = [replace(c, due=e.due) if c.key == e.key and c.agency == e.agency else c for c in clocks]
        elif isinstance(e, SetStage):
            stage = e.stage
        elif isinstance(e, SetFact):
            if e.value is None:
                facts.pop(e.key, None)
            else:
                facts[e.key] = e.value
    return replace(case, stage=stage, clocks=tuple(clocks), facts=facts, requested_agencies=tuple(requested),
                   returned_agencies=tuple(received), returns_received=tuple(received.items()))


def step(case: CaseSnapshot, line: str, role: str, today: date) -> tuple[CaseSnapshot, bool, list[Effect]]:
    if line.startswith(RETURN):  # an agency's rapid-review return arrives by mail (intake._return)
        agency = line[len(RETURN):]
        fx, _ = decide_return(AgencyReturn(agency=agency, involved=True), agency, lead(agency), case, today)
        return apply(case, fx, today), True, fx
    text = (line.replace("0001-01-01", today.isoformat())
            .replace("0001-01-02", (today + timedelta(days=30)).isoformat()))
    parsed = parse_command(text, [])
    assert parsed is not None, text
    out = decide_command(parsed, sender_for(role), case, S, CAL, today)
    return (apply(case, out.effects, today) if out.accepted else case), out.accepted, out.effects


RETURN = "<return from> "
RETURNS = [RETURN + "Education", RETURN + "Avon and Somerset Police"]


def lead(agency: str) -> str:
    ag = S.agency_named(agency)
    assert ag is not None
    return ag.lead


def notification_must_run(case: CaseSnapshot) -> bool:
    """Open and not notified: the Panel notification is a duty the case still owes."""
    return case.stage in process.OPEN_STAGES and not process.notified(case)


def check(case: CaseSnapshot, history: list[str]) -> None:
    if notification_must_run(case):
        assert case.running("notification"), (case.stage, history)
    for c in case.clocks:
        if c.state == "running":
            assert process.owns(case.stage, c.key), (c.key, case.stage, history)


ROLES = ("coordinator", "service_leader", "assistant_director", "subgroup_chair", "referrer", "action_owner")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(LINES), st.sampled_from(ROLES), st.integers(0, 20)), max_size=25))
def test_the_notification_clock_runs_while_the_case_is_open_and_not_notified(
        steps: list[tuple[str, str, int]]) -> None:
    case, today = start_case(), START
    history: list[str] = []
    check(case, history)
    for line, role, days in steps:
        today += timedelta(days=days)
        case, accepted, _ = step(case, line, role, today)
        history.append(f"{today} {role}: {line.splitlines()[0]} -> {'ok' if accepted else 'refused'} {case.stage}")
        check(case, history)


@given(st.integers(0, 6), st.integers(0, 9))
def test_no_rapid_review_disagree_refer_keeps_the_sin_running_with_its_statutory_date(gap: int, later: int) -> None:
    """B1's path, at generated distances inside the dispute window."""
    case, today = start_case(), START + timedelta(days=1)
    due = case.running("notification")[0].due
    for line, role in (("DECISION: NO RAPID REVIEW threshold not met", "subgroup_chair"),
                       ("DISAGREE: the child died of neglect", "referrer"),
                       ("AD DECISION: REFER", "assistant_director"),
                       ("DECISION: RAPID REVIEW", "coordinator")):
        case, accepted, _ = step(case, line, role, today)
        assert accepted, (line, case.stage)
        today = min(today + timedelta(days=gap if "NO RAPID" in line else 1), CAL.add_working_days(START, 9))
    assert case.stage == "rapid_review"
    (sin,) = case.running("notification")
    assert sin.due == due  # within the dispute window the statutory date stands (overdue is escalated as such)


def test_reopen_after_a_long_close_gives_fair_dates_and_asks_the_agency_again() -> None:
    case = start_case()
    case, ok, _ = step(case, "DECISION: RAPID REVIEW\nAGENCIES: Education", "coordinator", date(2026, 3, 3))
    assert ok
    case, ok, _ = step(case, "CLOSE: thought to be a duplicate", "coordinator", date(2026, 3, 4))
    assert ok and not any(c.state == "running" for c in case.clocks)
    reopen = date(2026, 4, 20)
    case, ok, effects = step(case, "REOPEN: not a duplicate after all", "coordinator", reopen)
    assert ok and case.stage == "rapid_review"
    (ret,) = case.running("agency_return")
    assert ret.due == due_date(S.clocks["agency_return"], reopen, CAL)
    (sin,) = case.running("notification")
    assert sin.due == due_date(S.clocks["notification"], reopen, CAL)
    again = [e for e in effects if isinstance(e, MailIntent) and e.template == "agency.request.rapid_review"]
    assert [(e.to, e.context["due"], e.context["again"]) for e in again] == [
        ((ACTION_OWNER,), ret.due, True)]
    text, _ = render_text(again[0].template, {"partnership": "NSSCP", "ref": case.ref, **again[0].context})
    assert "reopened" in text and ret.due.strftime("%d %b %Y") in text


def test_reopen_soon_after_a_close_keeps_dates_that_have_not_passed() -> None:
    case = start_case()
    case, _, _ = step(case, "DECISION: RAPID REVIEW\nAGENCIES: Education", "coordinator", date(2026, 3, 3))
    due = case.running("agency_return")[0].due
    case, _, _ = step(case, "CLOSE: duplicate?", "coordinator", date(2026, 3, 4))
    case, ok, _ = step(case, "REOPEN: not a duplicate", "coordinator", date(2026, 3, 5))
    assert ok and case.running("agency_return")[0].due == due


@settings(max_examples=40, deadline=None)
@given(st.permutations(range(1, 5)).flatmap(lambda order: st.tuples(st.just(order), st.integers(1, 4))))
def test_a_case_in_learning_closes_when_its_last_action_is_done(args: tuple[list[int], int]) -> None:
    """stranger11 B6: PANEL: NO FURTHER REVIEW with actions open goes to learning; the last ACTION DONE (in
    any order, by the owner) closes it, the co-ordinator is told and invited to REOPEN; not one before."""
    order, k = args
    order = [n for n in order if n <= k]
    case, today = start_case(), date(2026, 3, 3)
    for line, role in (("DECISION: RAPID REVIEW\nAGENCIES: Education", "coordinator"),
                       (f"NOTIFIED: {today.isoformat()}", "service_leader"),
                       *((f"ACTION: Education; 2026-05-0{n}; training {n}", "coordinator") for n in range(1, k + 1)),
                       ("SUBMITTED: 0001-01-01", "coordinator"), ("PANEL: NO FURTHER REVIEW", "service_leader")):
        case, ok, _ = step(case, line, role, today)
        assert ok, line
    assert case.stage == "learning"
    for i, n in enumerate(order):
        today += timedelta(days=1)
        case, ok, effects = step(case, f"ACTION DONE: {n} done", "action_owner", today)
        assert ok
        last = i == len(order) - 1
        assert case.stage == ("closed" if last else "learning")
        told = [e for e in effects if isinstance(e, MailIntent) and e.template == "coordinator.triage.learning_done"]
        assert bool(told) == last
        if last:
            assert [line for line, _ in told[0].invites] == ["REOPEN: <reason>"]
            assert not any(c.state == "running" for c in case.clocks)
    case, ok, _ = step(case, "REOPEN: one more action needed", "coordinator", today)
    assert ok and case.stage == "learning"


def test_a_published_case_stays_in_learning_while_its_publication_window_runs() -> None:
    window = ClockView("publication_window", "", date(2026, 3, 1), date(2027, 3, 1), "running")
    action = ClockView("learning_action", "#1", date(2026, 3, 1), date(2026, 5, 1), "running")
    case = replace(start_case(), stage="learning", clocks=(window, action),
                   facts={"actions": [{"n": 1, "owner": "Education", "due": "2026-05-01", "text": "t",
                                       "set": "2026-03-01", "done": None, "evidence": None}]})
    case, ok, _ = step(case, "ACTION DONE: 1 done", "action_owner", date(2026, 4, 1))
    assert ok and case.stage == "learning" and case.running("publication_window")


def check_returns(case: CaseSnapshot, effects: list[Effect], history: list[str]) -> None:
    """stranger round 4 B1/B2: an agency whose return is in is never asked for it again, and its return clock
    never runs, whenever the return came (before the request, during screening, while the case was closed)."""
    for agency, got in case.returns_received:
        assert not case.running("agency_return", agency), (agency, history)
        asked = [e for e in effects if isinstance(e, MailIntent) and e.return_template_for == agency]
        assert not asked, (agency, got, history)
        clk = case.clock("agency_return", agency)
        if clk is not None and clk.state == "met":
            # Met on the day the return came, or (its clock started after the return) on the day it started.
            assert clk.stopped_on in (got, clk.anchor), (clk, history)


# The lines that move a case in and out of the stage that asks agencies, each from a role that may send it.
LIFECYCLE = [
    ("DECISION: RAPID REVIEW", "subgroup_chair"), ("DECISION: RAPID REVIEW\nAGENCIES: Education", "coordinator"),
    ("DECISION: RAPID REVIEW\nAGENCIES: Avon and Somerset Police", "coordinator"),
    ("DECISION: NO RAPID REVIEW threshold not met", "subgroup_chair"), ("CLOSE: duplicate?", "coordinator"),
    ("REOPEN: new information", "coordinator"), ("DISAGREE: the child died of neglect", "referrer"),
    ("AD DECISION: REFER", "assistant_director"), ("AD DECISION: DO NOT REFER", "assistant_director"),
    ("NOTIFIED: 0001-01-01", "service_leader"), ("SUBMITTED: 0001-01-01", "coordinator"),
    ("WAIVE Education: not involved", "coordinator"), ("CONFIRM", "coordinator"),
    *((r, "") for r in RETURNS),
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(LIFECYCLE), st.integers(0, 12)), max_size=25))
def test_a_return_is_credited_whenever_it_arrives(steps: list[tuple[tuple[str, str], int]]) -> None:
    """Random lives with agency returns arriving at any point: before DECISION: RAPID REVIEW, during screening,
    in rapid review, after a CLOSE or a no-rapid-review decision, before a REOPEN / DISAGREE / NOTIFIED / AD
    DECISION: REFER brings the case back. Fails on main in most examples that ask an agency after its return."""
    case, today = start_case(), START
    history: list[str] = []
    for (line, role), days in steps:
        today += timedelta(days=days)
        case, accepted, effects = step(case, line, role, today)
        history.append(f"{today} {role}: {line.splitlines()[0]} -> {'ok' if accepted else 'refused'} {case.stage}")
        check(case, history)
        check_returns(case, effects if accepted else [], history)


def _returned_then(*lines: tuple[str, str], at: date = date(2026, 3, 3)) -> tuple[CaseSnapshot, list[Effect], date]:
    case, today, effects = start_case(), at, []
    for line, role in lines:
        case, ok, effects = step(case, line, role, today)
        assert ok, (line, case.stage)
        today += timedelta(days=1)
    return case, effects, today


@given(st.integers(0, 15), st.integers(0, 40), st.sampled_from(["CLOSE: duplicate?", "CLOSE: closed by mistake"]))
def test_a_return_sent_while_closed_is_credited_on_reopen(gap: int, closed_for: int, close: str) -> None:
    """B1: asked, closed, the return arrives while closed, REOPEN: that agency is not asked again and its clock
    is met on the day the return came; the other agency is asked again."""
    case, _, today = _returned_then(("DECISION: RAPID REVIEW\nAGENCIES: Education, Avon and Somerset Police",
                                     "coordinator"), (close, "coordinator"))
    got = today + timedelta(days=gap)
    case, _, _ = step(case, RETURN + "Education", "", got)
    assert case.stage == "closed" and case.received_on("Education") == got
    case, ok, effects = step(case, "REOPEN: not a duplicate", "coordinator", got + timedelta(days=closed_for))
    assert ok and case.stage == "rapid_review"
    edu = case.clock("agency_return", "Education")
    assert edu is not None and (edu.state, edu.stopped_on) == ("met", got)
    assert [e.return_template_for for e in effects if isinstance(e, MailIntent)
            and e.template == "agency.request.rapid_review"] == ["Avon and Somerset Police"]
    assert case.running("agency_return", "Avon and Somerset Police")
    restarted = [e for e in effects if isinstance(e, RestartClock) and e.agency == "Education"]
    assert [e.met_on for e in restarted] == [got] and "while the case was closed" in restarted[0].reason


@given(st.sampled_from([
    (),  # during screening
    (("DECISION: NO RAPID REVIEW threshold not met", "subgroup_chair"),),  # closed after screening
    (("CLOSE: opened by mistake", "coordinator"),),
]), st.sampled_from([
    (),
    (("DISAGREE: the child died of neglect", "referrer"), ("AD DECISION: REFER", "assistant_director")),
    (("NOTIFIED: 0001-01-01", "service_leader"),),
    (("REOPEN: new information", "coordinator"),),
]), st.integers(0, 3))
def test_a_return_before_the_request_is_not_asked_for_again(
        before: tuple[tuple[str, str], ...], back: tuple[tuple[str, str], ...], wait: int) -> None:
    """B2: the return comes before agencies are asked (in screening, or while closed after screening); when the
    rapid review asks agencies, that agency is not asked: its clock starts already met, and the audit says so."""
    if before and before[0][0].startswith("CLOSE") and back and back[0][0].startswith(("DISAGREE", "NOTIFIED")):
        return  # only a no-rapid-review decision opens the dispute window
    if (not before and back) or (before and not back):
        return  # an open case needs no way back; a closed one needs one
    case, _, today = _returned_then(*before)
    got = today
    case, _, _ = step(case, RETURN + "Education", "", got)
    today = got + timedelta(days=wait)
    for line, role in back:
        case, ok, _ = step(case, line, role, today)
        assert ok, (line, case.stage)
    case, ok, effects = step(case, "DECISION: RAPID REVIEW\nAGENCIES: Education, Avon and Somerset Police",
                             "coordinator", today)
    assert ok and case.stage == "rapid_review", case.stage
    asked = [e.return_template_for for e in effects if isinstance(e, MailIntent)
             and e.template == "agency.request.rapid_review"]
    assert asked == ["Avon and Somerset Police"]
    edu = case.clock("agency_return", "Education")
    assert edu is not None and (edu.state, edu.anchor, edu.stopped_on) == ("met", today, today)
    assert not case.running("rr_start")
    assert "Education" in case.requested_agencies
    audits = [e for e in effects if getattr(e, "kind", "") == "request_not_repeated"]
    assert [(a.detail["agency"], a.detail["received"]) for a in audits] == [("Education", got.isoformat())]
