"""Random lives of a case (issue #11): every command from every role, with time jumps and clock sweeps,
through the real intake, store and sweep; invariants checked after every step.

- no clock runs that its case's stage does not own (bot.domain.process.owns);
- nothing is sent for a stopped clock or a closed case: a sweep reminder only for a running clock of an
  open case, and a case that stays closed gets nothing but answers (refusals);
- every command a csprbot mail invites its recipient to send is accepted in the state the mail was sent in,
  from that recipient: as csprbot recorded the invitation and as the mail reads (tests/e2e/invites.py), for
  every kind of mail (routing, acknowledgements, letters, notices, chasers, escalations, triage);
- every transition is in the audit log with its reason (stage changes, clock stops).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import hypothesis.strategies as st
from hypothesis import HealthCheck, settings
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule
from invites import body_of, fill, invitations, refused
from sqlalchemy import select

from bot.app import make_calendar
from bot.apply import Runtime
from bot.demo import demo_messages
from bot.domain import process
from bot.domain.commands import decide_command
from bot.intake import act, process_one
from bot.mail.base import InboundMail
from bot.settings import ROLES, load_settings
from bot.store.db import make_engine, migrate, session_factory
from bot.store.models import Case, Clock, Event, OutboxItem, Reminder
from bot.store.repo import snapshot
from bot.sweep import sweep
from parsers.reply import parse_command

LONDON = ZoneInfo("Europe/London")
S = load_settings(None, env={})
CAL = make_calendar(S)
REFERRER = "sam.example@csc.example.gov.uk"
SENDERS = [S.roles.of(r)[0] for r in ROLES] + [REFERRER, "someone@example.org"]
START = datetime(2026, 4, 2, 10, 0, tzinfo=LONDON)

# Every command of the model, in the forms people type them; {today}, {yesterday}, {later}, {other} filled in.
LINES = sorted({process.example(t, date(1, 1, 1), date(1, 1, 2)).replace("0001-01-01", "{today}")
               .replace("0001-01-02", "{later}") for t in process.TRANSITIONS} | {
    "DECISION: RAPID REVIEW\nAGENCIES: Education, ICB Health", "DECISION: RAPID REVIEW {yesterday}",
    "DECISION: NO RAPID REVIEW {yesterday} no abuse suspected", "AD DECISION: REFER {yesterday}",
    "PANEL: LOCAL REVIEW {yesterday}", "WAIVE ICB Health: not involved", "ACTION DONE: 2 minutes",
    "EXTEND notification: {later} awaiting police", "EXTEND agency_return Education: {later} leave",
    "CORRECT child.incident_date: {yesterday}", "LINK {other}", "LOOKED AFTER: NO", "NOTIFIED: {yesterday}",
    "PUBLISHED: {today} https://example.gov.uk/r", "DECISION: MAYBE", "REOPEN: new information",
    "AWARE: {yesterday}", "CLOSE: duplicate", "DISAGREE: the criteria are met", "NOT A REFERRAL: not a child",
    "DISAGREE:", "CLOSE: .",
})


def _template_db() -> Path:
    """One migrated database with two open cases, copied for each example (migrations take a while)."""
    root = Path(tempfile.mkdtemp(prefix="csprbot-stateful-"))
    engine = make_engine(f"sqlite:///{root}/t.db")
    migrate(engine)
    sessions = session_factory(engine)
    for i, child in enumerate(("Alex Fictional", "Bo Fictional")):
        rt = Runtime(S, CAL, START + timedelta(minutes=i))
        (_, raw), _ = demo_messages(rt, S, child=child)
        assert process_one(InboundMail("t", f"r{i}", raw), sessions, rt).ref
    engine.dispose()
    return root / "t.db"


_TEMPLATE: Path | None = None
EDUCATION_LEAD = next(a.lead for a in S.agencies if a.name == "Education")


def _address(role: str) -> str:
    """Someone who holds `role`: the referrer, the owner of the model's example action (Education), a role."""
    return {"referrer": REFERRER, "action_owner": EDUCATION_LEAD}.get(role) or S.roles.of(role)[0]


class CaseLife(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        global _TEMPLATE
        if _TEMPLATE is None:
            _TEMPLATE = _template_db()
        self.dir = Path(tempfile.mkdtemp(prefix="csprbot-life-"))
        shutil.copy(_TEMPLATE, self.dir / "t.db")
        self.engine = make_engine(f"sqlite:///{self.dir}/t.db")
        self.sessions = session_factory(self.engine)
        self.now = START + timedelta(minutes=5)
        self.ref, self.other = "NS-CSPR-2026-001", "NS-CSPR-2026-002"
        self.last_event = self._max_event()
        self.before: dict[str, Any] = self._state()
        self.last_outbox = 0  # the referrals' own mails (routing, acknowledgement, triage) are checked first
        self._check(self._today())

    def teardown(self) -> None:
        self.engine.dispose()
        shutil.rmtree(self.dir, ignore_errors=True)

    # --- helpers -----------------------------------------------------------------------------------
    def _rt(self) -> Runtime:
        return Runtime(S, CAL, self.now)

    def _max_event(self) -> int:
        with self.sessions() as s:
            return int(s.scalar(select(Event.id).order_by(Event.id.desc()).limit(1)) or 0)

    def _state(self) -> dict[str, Any]:
        with self.sessions() as s:
            out: dict[str, Any] = {}
            for case in s.scalars(select(Case)):
                clocks = {(c.key, c.agency): c.state for c in s.scalars(select(Clock).where(Clock.case_id == case.id))}
                out[case.ref] = (case.stage, clocks)
            return out

    def _today(self) -> date:
        return self.now.astimezone(LONDON).date()

    # --- rules ---------------------------------------------------------------------------------------
    @rule(line=st.sampled_from(LINES), data=st.data(), on_other=st.booleans())
    def command(self, line: str, data: st.DataObject, on_other: bool) -> None:
        # Mostly from someone who may send it (else nearly every command is a wrong-role refusal and the case
        # never gets far), sometimes from anyone at all.
        verb = parse_command(line.replace("{other}", self.other), [])
        may = [_address(r) for r in (process.who_may(verb.verb) if verb and verb.verb in process.VERBS else ())]
        sender = data.draw(st.sampled_from(may) if may and data.draw(st.integers(0, 9)) < 8
                           else st.sampled_from(SENDERS))
        today = self._today()
        text = (line.replace("{today}", today.isoformat())
                .replace("{yesterday}", CAL.add_working_days(today, -1).isoformat())
                .replace("{later}", (today + timedelta(days=40)).isoformat())
                .replace("{other}", self.ref if on_other else self.other))
        ref = self.other if on_other else self.ref
        act(self.sessions, self._rt(), ref, text, sender)
        self.now += timedelta(minutes=1)
        self._check(today)

    @rule(data=st.data())
    def a_command_the_model_allows(self, data: st.DataObject) -> None:
        """Drives cases deep: one of the transitions the model permits now, from a role that may send it."""
        today = self._today()
        with self.sessions() as s:
            case = s.scalar(select(Case).where(Case.ref == self.ref))
            assert case is not None
            snap = snapshot(s, case)
        allowed = [t for t in process.TRANSITIONS if process.permitted(t, snap, today) is None]
        if not allowed:
            return
        t = data.draw(st.sampled_from(allowed))
        role = data.draw(st.sampled_from(t.roles))
        sender = _address(role)
        line = process.example(t, today, today + timedelta(days=40)).replace("NS-CSPR-2026-001", self.other)
        # The model's example is the invitation's line: a placeholder `<reason>` as typed is no reason (refused).
        line = line.replace("<reason>", "a reason given by the test")
        if t.verb == "WAIVE":
            running = [c.agency for c in snap.clocks if c.key == "agency_return" and c.state == "running"]
            line = f"WAIVE {running[0]}: not involved"
        act(self.sessions, self._rt(), self.ref, line, sender)
        self.now += timedelta(minutes=1)
        self._check(today)

    @rule(hours=st.integers(min_value=1, max_value=24 * 12))
    def time_passes(self, hours: int) -> None:
        self.now += timedelta(hours=hours)
        sweep(self.sessions, self._rt())
        self._check(self._today())

    @rule(days=st.integers(min_value=1, max_value=40))
    def next_morning(self, days: int) -> None:
        d = self._today() + timedelta(days=days)
        self.now = datetime.combine(d, time(9, 5), LONDON)
        sweep(self.sessions, self._rt())
        self._check(self._today())

    @invariant()
    def no_clock_runs_outside_its_stage(self) -> None:
        with self.sessions() as s:
            for case in s.scalars(select(Case)):
                for c in s.scalars(select(Clock).where(Clock.case_id == case.id, Clock.state == "running")):
                    assert process.owns(case.stage, c.key), (case.ref, case.stage, c.key, c.agency)

    # --- the per-step checks ---------------------------------------------------------------------------
    def _check(self, today: date) -> None:
        """`today`: the day the step's mails were sent (a command's step moves the clock on a minute)."""
        after = self._state()
        with self.sessions() as s:
            events = list(s.scalars(select(Event).where(Event.id > self.last_event).order_by(Event.id)))
            cases = {c.id: c for c in s.scalars(select(Case))}
            by_ref = {c.ref: c for c in cases.values()}
            stamp = self._rt().stamp
            # Reminders handled this step: only for running clocks of open cases.
            for rem in s.scalars(select(Reminder).where(Reminder.handled_at == stamp,
                                                        Reminder.outcome != "skipped")):
                clk = s.get(Clock, rem.clock_id)
                assert clk is not None and clk.state == "running", rem.slot
                assert cases[clk.case_id].stage != "closed"
            for ref, (stage_before, clocks_before) in self.before.items():
                stage_after, clocks_after = after[ref]
                case = by_ref[ref]
                mine = [e for e in events if e.case_id == case.id]
                # Every transition is in the audit log with its reason.
                if stage_after != stage_before:
                    changes = [e for e in mine if e.kind == "stage_changed"]
                    assert changes and changes[-1].detail["to"] == stage_after and changes[-1].detail["reason"]
                for key, state in clocks_before.items():
                    if state == "running" and clocks_after.get(key) != "running":
                        stopped = [e for e in mine if e.kind == "clock_stopped" and e.detail["clock"] == key[0]
                                   and e.detail["agency"] == key[1]]
                        assert stopped and stopped[-1].detail["reason"], (ref, key)
                # A case that stays closed is sent nothing but answers.
                queued = [e for e in mine if e.kind == "mail_queued"]
                if stage_before == "closed" and stage_after == "closed":
                    assert {e.detail["kind"] for e in queued} <= {"refusal"}, [e.detail for e in queued]
                # Every command a mail invites is accepted now, from the recipient the mail went to: both as
                # csprbot recorded the invitation and as the mail reads (every kind of mail, every line).
                snap = snapshot(s, case)
                for e in queued:
                    to = str(e.detail["to"])
                    for line, _roles in e.detail.get("invites") or []:
                        cmd = parse_command(fill(line, today, snap), [])  # placeholders (<reason>) filled in
                        assert cmd is not None, line
                        out = decide_command(cmd, to, snap, S, CAL, today)
                        assert out.accepted, (line, to, case.stage, out.summary)
                for row in s.scalars(select(OutboxItem).where(OutboxItem.id > self.last_outbox,
                                                              OutboxItem.case_id == case.id)):
                    _, body = body_of(row.raw)
                    for inv in invitations(row.kind, row.recipient, body):
                        why = refused(inv, snap, S, CAL, today)
                        assert why is None, why
            self.last_outbox = int(s.scalar(select(OutboxItem.id).order_by(OutboxItem.id.desc()).limit(1)) or 0)
        self.before = after
        self.last_event = events[-1].id if events else self.last_event


# CSPRBOT_LIFE_EXAMPLES=200 for a longer hunt; 25 lives of 40 steps in the ordinary suite (about 40 s).
CaseLife.TestCase.settings = settings(max_examples=int(os.environ.get("CSPRBOT_LIFE_EXAMPLES", "25")),
                                      stateful_step_count=40, deadline=None,
                                      suppress_health_check=[HealthCheck.too_slow])
TestCaseLife = CaseLife.TestCase
