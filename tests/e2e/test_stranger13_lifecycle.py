"""Stranger round 13 (issue #10), breaks B2, B3 and B8, through the real intake, store and sweep.

B2: a second DISAGREE (after the AD's REFER, or DO NOT REFER then REOPEN) put the case back in `disputed` but
    started no clock (the first one stayed met): the AD was never chased, the Director never escalated. The same
    shape: REOPEN after the decision that closed a case (NO RAPID REVIEW, the Panel's NO FURTHER REVIEW) brought
    it back to decide again with that decision's clock met. Each is now a new round of the clock.
B3: AWARE with a date after the referral reached the partnership (and was routed to the LA's notifier) moved the
    statutory SIN clock later, even once it was breached, so a late NOTIFIED was recorded as on time.
B8: the co-ordinator's CLOSE was accepted while the AD's decision was pending (DOMAIN: "the case is not closed
    while that is pending"), and the AD's decision then refused.

The stateful machine (a focused variant of test_process_stateful.CaseLife, whose invariants it keeps) checks
after every step: every case in a stage that waits for a decision has that decision's clock running, no clock
anchored on the referral or the LA's awareness starts after the referral's receipt, and nothing but the AD's
decision leaves `disputed`.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import hypothesis.strategies as st
import pytest
from hypothesis import HealthCheck, settings
from hypothesis.stateful import precondition, rule
from sqlalchemy import select
from test_process_stateful import CAL, LONDON, CaseLife, S, _address

from bot.apply import Runtime
from bot.demo import demo_messages
from bot.intake import act, process_one
from bot.mail.base import InboundMail
from bot.store.db import make_engine, migrate, session_factory
from bot.store.models import Case, Clock, Event, OutboxItem
from bot.sweep import sweep

REF = "NS-CSPR-2026-001"
COORD, CHAIR, SL, AD = (S.roles.of(r)[0] for r in ("coordinator", "subgroup_chair", "service_leader",
                                                   "assistant_director"))
DIRECTOR = S.roles.of("director")[0]
DISAGREE = "DISAGREE: we think the criteria are met, the harm is serious"


class World:
    """One case, NS-CSPR-2026-001, from the demo referral received on Tuesday 1 December 2026 at 10:00."""

    def __init__(self, root: Path) -> None:
        self.engine = make_engine(f"sqlite:///{root}/t.db")
        migrate(self.engine)
        self.sessions = session_factory(self.engine)
        rt = self.rt("2026-12-01T10:00")
        (_, raw), _ = demo_messages(rt, S, child="Alex Fictional")
        assert process_one(InboundMail("t", "r0", raw), self.sessions, rt).ref == REF

    @staticmethod
    def rt(at: str) -> Runtime:
        return Runtime(S, CAL, datetime.fromisoformat(at).replace(tzinfo=LONDON))

    def act(self, at: str, who: str, line: str) -> str:
        out = act(self.sessions, self.rt(at), REF, line, who)
        return out.detail

    def ok(self, at: str, who: str, line: str) -> None:
        detail = self.act(at, who, line)
        assert detail.startswith("accepted"), (line, detail)

    def stage(self) -> str:
        with self.sessions() as s:
            case = s.scalar(select(Case).where(Case.ref == REF))
            assert case is not None
            return case.stage

    def clocks(self, key: str) -> list[tuple[str, date, date, str, date | None]]:
        with self.sessions() as s:
            return [(c.agency, c.anchor, c.due, c.state, c.stopped_on) for c in s.scalars(
                select(Clock).where(Clock.key == key).order_by(Clock.id))]

    def outbox_after(self, first: int) -> list[OutboxItem]:
        with self.sessions() as s:
            return list(s.scalars(select(OutboxItem).where(OutboxItem.id > first).order_by(OutboxItem.id)))

    def last_outbox(self) -> int:
        with self.sessions() as s:
            return int(s.scalar(select(OutboxItem.id).order_by(OutboxItem.id.desc()).limit(1)) or 0)


@pytest.fixture()
def world(tmp_path: Path) -> Iterator[World]:
    w = World(tmp_path)
    yield w
    w.engine.dispose()


# --- B2: each dispute, and each decision to be made again, runs its own clock -------------------------------

@pytest.mark.parametrize("path", ["after_ad_refer", "after_do_not_refer_and_reopen"])
def test_a_second_dispute_runs_its_own_clock_and_is_escalated(world: World, path: str) -> None:
    if path == "after_ad_refer":
        world.ok("2026-12-01T12:00", SL, DISAGREE)
        world.ok("2026-12-01T13:00", AD, "AD DECISION: REFER")
    else:
        world.ok("2026-12-01T11:00", CHAIR, "DECISION: NO RAPID REVIEW criteria not met on the facts")
        world.ok("2026-12-01T12:00", SL, DISAGREE)
        world.ok("2026-12-01T13:00", AD, "AD DECISION: DO NOT REFER")
        world.ok("2026-12-02T09:00", COORD, "REOPEN: new information came in from the police")
    world.ok("2026-12-02T10:00", CHAIR, "DISAGREE: the police now disagree with the referral decision")
    assert world.stage() == "disputed"
    first, second = world.clocks("disagreement")
    assert first[3] == "met" and first[4] == date(2026, 12, 1)  # the first dispute's record stays
    # The second: its own round, from its own day (Wednesday 2 December), 2 WD: due Friday 4 December.
    assert second == ("round 2", date(2026, 12, 2), date(2026, 12, 4), "running", None)
    n0 = world.last_outbox()
    for day in ("2026-12-07T09:30", "2026-12-08T09:30", "2026-12-09T09:30"):
        sweep(world.sessions, world.rt(day))
    escalations = [m for m in world.outbox_after(n0) if m.kind == "escalation" and m.recipient == DIRECTOR]
    assert escalations, "the Director is escalated to when the AD has not decided the second dispute"
    # And the AD's decision answers the second round (and nothing else).
    world.ok("2026-12-09T10:00", AD, "AD DECISION: REFER")
    assert [c[3] for c in world.clocks("disagreement")] == ["met", "met"]


def test_reopen_after_no_rapid_review_waits_on_a_new_screening_round(world: World) -> None:
    world.ok("2026-12-01T11:00", CHAIR, "DECISION: NO RAPID REVIEW criteria not met on the facts")
    world.ok("2026-12-03T11:00", COORD, "REOPEN: new information came in from the police")
    assert world.stage() == "screening"
    first, second = world.clocks("screening")
    assert first[0] == "" and first[3] == "met"
    # 5 WD from Thursday 3 December: Thursday 10 December.
    assert second == ("round 2", date(2026, 12, 3), date(2026, 12, 10), "running", None)
    world.ok("2026-12-04T11:00", CHAIR, "DECISION: RAPID REVIEW")
    assert world.clocks("screening")[1][3:] == ("met", date(2026, 12, 4))


def test_reopen_after_the_panels_view_waits_on_a_new_panel_round(world: World) -> None:
    world.ok("2026-12-01T11:00", SL, "NOTIFIED: 2026-12-01")
    world.ok("2026-12-01T11:05", CHAIR, "DECISION: RAPID REVIEW")
    world.ok("2026-12-02T11:00", COORD, "SUBMITTED: 2026-12-02")
    world.ok("2026-12-03T11:00", COORD, "PANEL: NO FURTHER REVIEW")
    world.ok("2026-12-04T11:00", COORD, "REOPEN: the Panel has asked to look again")
    assert world.stage() == "awaiting_panel"
    assert [(c[0], c[3]) for c in world.clocks("panel_response")] == [("", "met"), ("round 2", "running")]


# --- B3: the LA cannot have become aware after the referral reached it ---------------------------------------

@pytest.mark.parametrize(("who", "aware"), [(SL, "2026-12-04"), (SL, "2026-12-07"), (COORD, "2026-12-03"),
                                           (SL, "2026-12-02")])
def test_aware_after_the_referrals_receipt_is_refused(world: World, who: str, aware: str) -> None:
    (before,) = world.clocks("notification")
    detail = world.act("2026-12-08T10:00", who, f"AWARE: {aware}")
    assert detail.startswith("refused") and "2026-12-01" in detail and "referral" in detail, detail
    assert world.clocks("notification") == [before]
    world.ok("2026-12-09T11:00", SL, "NOTIFIED: 2026-12-09")
    (after,) = world.clocks("notification")
    assert after[2] == before[2] and after[3] == "met" and after[4] is not None and after[4] > after[2]  # late


def test_aware_on_or_before_the_receipt_still_moves_the_clock(world: World) -> None:
    (before,) = world.clocks("notification")
    world.ok("2026-12-02T10:00", SL, "AWARE: 2026-12-01")  # the receipt day itself
    world.ok("2026-12-02T10:05", SL, "AWARE: 2026-11-30")  # earlier: the LA knew before the referral came
    (after,) = world.clocks("notification")
    assert after[1] == date(2026, 11, 30) and after[2] <= before[2]
    detail = world.act("2026-12-02T10:10", SL, "AWARE: 2026-11-01")  # before the incident: the other bound
    assert detail.startswith("refused") and "before the incident" in detail, detail


# --- B8: the case is not closed while the AD's decision is pending -------------------------------------------

@pytest.mark.parametrize("path", ["screening_dispute", "no_rapid_review_dispute"])
def test_close_is_refused_while_the_ad_decides(world: World, path: str) -> None:
    if path == "no_rapid_review_dispute":
        world.ok("2026-12-01T11:00", CHAIR, "DECISION: NO RAPID REVIEW criteria not met on the facts")
    world.ok("2026-12-01T12:00", SL, DISAGREE)
    detail = world.act("2026-12-02T10:00", COORD, "CLOSE: dealt with elsewhere")
    assert detail.startswith("refused") and "Assistant Director" in detail and "pending" in detail, detail
    assert world.stage() == "disputed"
    assert [c[3] for c in world.clocks("disagreement")] == ["running"]
    world.ok("2026-12-02T11:00", AD, "AD DECISION: REFER")
    assert world.stage() == ("screening" if path == "screening_dispute" else "rapid_review")


# --- the stateful machine: lives focused on disputes, awareness and closing ----------------------------------

FOCUS = [
    (DISAGREE, "service_leader"), ("DISAGREE: the police disagree", "police_review"),
    ("AD DECISION: REFER", "assistant_director"), ("AD DECISION: DO NOT REFER", "assistant_director"),
    ("DECISION: NO RAPID REVIEW criteria not met", "subgroup_chair"), ("DECISION: RAPID REVIEW", "subgroup_chair"),
    ("REOPEN: new information", "coordinator"), ("CLOSE: dealt with elsewhere", "coordinator"),
    ("AWARE: {today}", "service_leader"), ("AWARE: {yesterday}", "coordinator"), ("AWARE: 2026-04-02", "coordinator"),
    ("NOTIFIED: {today}", "service_leader"), ("SUBMITTED: {today}", "coordinator"),
    ("PANEL: NO FURTHER REVIEW", "coordinator"), ("CORRECT child.incident_date: {yesterday}", "coordinator"),
]
REFERRAL_ANCHORED = ("referral", "screening", "notification", "ofsted_notification")
# The decision each stage waits for (docs/PROCESS.md), written out here rather than read from the model.
AWAITS = {"provisional": "screening", "screening": "screening", "disputed": "disagreement",
          "awaiting_panel": "panel_response"}


class DisputeLife(CaseLife):
    @rule(i=st.integers(0, len(FOCUS) - 1), hours=st.integers(0, 72))
    def dispute_step(self, i: int, hours: int) -> None:
        self.now += timedelta(hours=hours)
        today = self._today()
        line, role = FOCUS[i]
        line = line.replace("{today}", today.isoformat()).replace(
            "{yesterday}", CAL.add_working_days(today, -1).isoformat())
        act(self.sessions, self._rt(), self.ref, line, _address(role))
        self.now += timedelta(minutes=1)
        self._check(today)

    @precondition(lambda self: self._state()[self.ref][0] == "disputed")
    @rule(hours=st.integers(0, 72))
    def coordinator_closes_while_disputed(self, hours: int) -> None:
        """The co-ordinator tries to close the case while the AD decides (a rule of its own: CLOSE is one FOCUS line
        in fifteen, and from screening it closes the case for good, so it seldom follows a dispute)."""
        self.now += timedelta(hours=hours)
        today = self._today()
        act(self.sessions, self._rt(), self.ref, "CLOSE: dealt with elsewhere", _address("coordinator"))
        self.now += timedelta(minutes=1)
        self._check(today)

    def _check(self, today: date) -> None:
        """CaseLife's checks, then the three promises, for every case."""
        before = self.before
        with self.sessions() as s:
            changed = {}  # ref -> the reason of the step's last stage change
            for e in s.scalars(select(Event).where(Event.id > self.last_event, Event.kind == "stage_changed")
                               .order_by(Event.id)):
                case = s.get(Case, e.case_id)
                assert case is not None
                changed[case.ref] = str(e.detail.get("reason") or "")
        super()._check(today)
        with self.sessions() as s:
            for case in s.scalars(select(Case)):
                clocks = list(s.scalars(select(Clock).where(Clock.case_id == case.id)))
                # A stage that waits for a decision has that decision's clock running (a dispute, a screening
                # decision or the Panel's view to be made again included).
                awaits = AWAITS.get(case.stage)
                if awaits:
                    assert any(c.key == awaits and c.state == "running" for c in clocks), \
                        (case.ref, case.stage, [(c.key, c.agency, c.state) for c in clocks])
                # No clock the referral or the LA's awareness anchors starts after the referral's receipt.
                for c in clocks:
                    if c.key in REFERRAL_ANCHORED and c.agency == "":
                        assert c.anchor <= case.received_date, (case.ref, c.key, c.anchor, case.received_date)
                # Only the AD's decision leaves `disputed` (no CLOSE while it is pending).
                if before[case.ref][0] == "disputed" and case.stage != "disputed":
                    assert changed.get(case.ref, "").startswith("AD decided"), (case.ref, case.stage, changed)


# 15 lives of 30 steps in the ordinary suite; CSPRBOT_DISPUTE_EXAMPLES=200 for a longer hunt.
DisputeLife.TestCase.settings = settings(max_examples=int(os.environ.get("CSPRBOT_DISPUTE_EXAMPLES", "15")),
                                         stateful_step_count=30, deadline=None,
                                         suppress_health_check=[HealthCheck.too_slow])
TestDisputeLife = DisputeLife.TestCase


def test_the_model_names_the_same_decisions_the_stages_wait_for() -> None:
    from bot.domain import process

    assert {k: s.awaits for k, s in process.STAGES.items() if s.awaits} == AWAITS
