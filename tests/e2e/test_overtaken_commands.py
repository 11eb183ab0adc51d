"""Commands by mail processed after a change received later (issue #10, a leftover of the lifecycle round).

`csprbot act --now` before the case's latest event is refused; a mail was not held to the same rule: a REOPEN
received while the case was open, processed after a later `act` CLOSE (csprbot down, the mail left in the
mailbox), reopened the closed case. Now a command is not applied when a change received after it (a stage change;
for a CORRECT, the same field corrected) is already applied: its sender and the co-ordinator are told.

Generated: mail commands with receipt times and `act` commands with effective times, processed in any order
through the real intake (`process_one`, as `run` calls it, the mailbox's receipt time counting) and `act`:
- no mail command changes the case once a change received after it has been applied (the test's own record of
  the changes each step made, not csprbot's audit log);
- processed in receipt order, every outcome is what it was without the rule (the rule switched off).
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path
from unittest import mock
from zoneinfo import ZoneInfo

import hypothesis.strategies as st
from hypothesis import HealthCheck, given, settings
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

import bot.intake
from bot.app import make_calendar
from bot.apply import Runtime
from bot.demo import demo_messages
from bot.intake import Outcome, act, process_one
from bot.mail.base import InboundMail
from bot.settings import load_settings
from bot.store.db import make_engine, migrate, session_factory
from bot.store.models import Case, Event, OutboxItem

LONDON = ZoneInfo("Europe/London")
S = load_settings(None, env={})
CAL = make_calendar(S)
START = datetime(2026, 4, 2, 10, 0, tzinfo=LONDON)  # the referral arrives (a Thursday)
REF = "NS-CSPR-2026-001"
COORD, CHAIR = S.roles.coordinator[0], S.roles.subgroup_chair[0]
SL, AD = S.roles.service_leader[0], S.roles.assistant_director[0]
FIELDS = ("child.incident_location", "child.carer")

# (who may send it, the line as typed): what moves the case between open, closed, disputed and rapid review, and
# corrections of two fields.
LINES = (
    (COORD, "CLOSE: duplicate of a referral already under review"),
    (COORD, "REOPEN: the police have shared new information"),
    (CHAIR, "DECISION: RAPID REVIEW"),
    (CHAIR, "DECISION: NO RAPID REVIEW the statutory criteria are not met"),
    (SL, "DISAGREE: the criteria are met, the injuries were serious"),
    (AD, "AD DECISION: REFER"),
    (AD, "AD DECISION: DO NOT REFER"),
    (COORD, "CORRECT child.incident_location: Riverside Park, Northtown"),
    (COORD, "CORRECT child.incident_location: Station Road, Northtown"),
    (COORD, "CORRECT child.carer: Jo Example (grandmother)"),
    (COORD, "CORRECT child.carer: Chris Example (father)"),
)


@dataclass(frozen=True)
class Step:
    by_mail: bool  # else `csprbot act` with --now at `at`
    sender: str
    line: str
    at: datetime  # the mail's receipt by the mailbox, or the act's effective time


_TEMPLATE: Path | None = None


def _template() -> Path:
    """One migrated database holding the demo referral's case (migrations take a while), copied per run."""
    global _TEMPLATE
    if _TEMPLATE is None:
        root = Path(tempfile.mkdtemp(prefix="csprbot-overtaken-"))
        engine = make_engine(f"sqlite:///{root}/t.db")
        migrate(engine)
        rt = Runtime(S, CAL, START)
        (_, raw), _ = demo_messages(rt, S)
        assert process_one(InboundMail("imap", "referral", raw, START), session_factory(engine), rt).ref == REF
        engine.dispose()
        _TEMPLATE = root / "t.db"
    return _TEMPLATE


class Life:
    """A copy of the template database, and what each processed command did to the case."""

    def __init__(self) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="csprbot-overtaken-run-"))
        shutil.copy(_template(), self.dir / "t.db")
        self.engine = make_engine(f"sqlite:///{self.dir}/t.db")
        self.sessions: sessionmaker[Session] = session_factory(self.engine)
        self.n = 0

    def close(self) -> None:
        self.engine.dispose()
        shutil.rmtree(self.dir, ignore_errors=True)

    def state(self) -> tuple[str, dict[str, object]]:
        with self.sessions() as s:
            case = s.scalar(select(Case).where(Case.ref == REF))
            assert case is not None
            child = dict((case.referral_json or {}).get("child") or {})
            return case.stage, {f: child.get(f.split(".")[1]) for f in FIELDS}

    def run(self, step: Step, end: datetime) -> Outcome:
        """The step through csprbot: a mail in a pass at `end` (counted from its receipt), or `act --now`."""
        self.n += 1
        if not step.by_mail:
            return act(self.sessions, Runtime(S, CAL, step.at), REF, step.line, step.sender)
        m = EmailMessage()
        m["From"] = step.sender
        m["To"] = S.partnership.bot_address
        m["Subject"] = f"RE: [{REF}] For your attention"
        m["Date"] = format_datetime(step.at)
        m["Message-ID"] = make_msgid(f"cmd{self.n}", domain=step.sender.split("@")[1])
        m.set_content(step.line + "\n\nKind regards\n\n> earlier message quoted here\n")
        item = InboundMail("imap", f"1:{self.n}", m.as_bytes(), step.at)
        return process_one(item, self.sessions, Runtime(S, CAL, end), lambda it, now: min(it.received_at or now, now))

    def events(self, kind: str) -> list[Event]:
        with self.sessions() as s:
            return list(s.scalars(select(Event).where(Event.kind == kind).order_by(Event.id)))


@st.composite
def programs(draw: st.DrawFn) -> list[Step]:
    """3-8 commands, by mail or at the terminal, at distinct minutes over the referral's first three days."""
    n = draw(st.integers(3, 8))
    minutes = draw(st.lists(st.integers(30, 3 * 24 * 60), min_size=n, max_size=n, unique=True))
    steps = []
    for m in minutes:
        sender, line = draw(st.sampled_from(LINES))
        steps.append(Step(draw(st.booleans()), sender, line, START + timedelta(minutes=m)))
    return steps


def _life() -> Iterator[Life]:
    life = Life()
    try:
        yield life
    finally:
        life.close()


def _changes(stage: tuple[str, dict[str, object]], after: tuple[str, dict[str, object]]) -> set[str]:
    """What a step changed, by the test's own reading of the case: "stage" and the fields corrected."""
    out = {"stage"} if stage[0] != after[0] else set()
    return out | {f for f in FIELDS if stage[1][f] != after[1][f]}


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(program=programs(), data=st.data())
def test_no_command_changes_a_case_changed_after_it_was_received(program: list[Step], data: st.DataObject) -> None:
    order = data.draw(st.permutations(program))
    end = max(s.at for s in program) + timedelta(hours=2)  # mail is processed by a pass after every receipt
    for life in _life():
        applied: list[tuple[datetime, set[str]]] = []  # (receipt of the step, what it changed)
        for step in order:
            before = life.state()
            out = life.run(step, end)
            after = life.state()
            changed = _changes(before, after)
            # What the step changed must not be what a change received after it already changed: the stage (a
            # step that only records, such as a NOTIFIED meeting its clock, may follow a later stage change), or
            # the field it corrects.
            later = [what & changed for at, what in applied if at > step.at and what & changed]
            if later and step.by_mail:  # `act --now` is held to the case's latest day by act itself
                raise AssertionError((step, later, out.detail))
            if changed:
                applied.append((step.at, changed))


def _outcomes(program: list[Step]) -> list[tuple[str, str, tuple[str, dict[str, object]]]]:
    out = []
    for life in _life():
        for step in sorted(program, key=lambda s: s.at):
            o = life.run(step, max(s.at for s in program) + timedelta(hours=2))
            out.append((o.status, o.detail, life.state()))
        assert not life.events("command_overtaken")
    return out


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(program=programs())
def test_in_receipt_order_nothing_is_refused_that_was_not_before(program: list[Step]) -> None:
    """Mail and commands handled in the order they were received (ordinary operation, one pass in receipt order):
    the same outcomes, word for word, and the same case as with the rule switched off."""
    with_rule = _outcomes(program)
    with mock.patch.object(bot.intake, "_overtaken", lambda *a: None):
        without = _outcomes(program)
    assert with_rule == without


def _mail_to(life: Life, to: str) -> list[str]:
    """The text of every mail queued to `to`, subject first."""
    from email import message_from_bytes
    from email.policy import default

    with life.sessions() as s:
        rows = list(s.scalars(select(OutboxItem).where(OutboxItem.recipient == to).order_by(OutboxItem.id)))
    out = []
    for row in rows:
        msg = message_from_bytes(row.raw, policy=default)
        body = msg.get_body(("plain",))
        out.append(f"{row.subject}\n{body.get_content() if body is not None else ''}")
    return out


def test_reopen_received_while_open_processed_after_a_later_close() -> None:
    """The round's example: a REOPEN mail received while the case was open, processed after a later `act` CLOSE,
    does not reopen it; its sender (the co-ordinator) hears what changed and when, and it is audited."""
    for life in _life():
        close = Step(False, COORD, "CLOSE: duplicate of a referral already under review", START + timedelta(hours=3))
        assert life.run(close, START).detail.startswith("accepted")
        reopen = Step(True, COORD, "REOPEN: the police have shared new information", START + timedelta(hours=1))
        out = life.run(reopen, START + timedelta(days=1))
        assert out.detail.startswith("refused: the case changed after this command was received"), out.detail
        assert life.state()[0] == "closed"
        (ev,) = life.events("command_overtaken")
        assert ev.detail["verb"] == "REOPEN" and ev.detail["agrees"] is False
        told = _mail_to(life, COORD)[-1]
        assert "REOPEN" in told and "CLOSE, received 2026-04-02 12:00 UTC" in told and "stage Closed" in told
        assert "send it again" in told and "Alex" not in told


def test_notified_received_before_a_no_rapid_review_decision() -> None:
    """NOTIFIED on a case closed by a no-rapid-review decision takes it into rapid review: one received before that
    decision (it answered the open case) is not applied after it. The service leader who sent it and the
    co-ordinator are told; neither mail names the child."""
    for life in _life():
        decision = Step(False, CHAIR, "DECISION: NO RAPID REVIEW the statutory criteria are not met",
                        START + timedelta(hours=4))
        assert life.run(decision, START).detail.startswith("accepted")
        notified = Step(True, SL, "NOTIFIED: 2026-04-02", START + timedelta(hours=2))
        out = life.run(notified, START + timedelta(days=1))
        assert out.detail.startswith("refused: the case changed"), out.detail
        assert life.state()[0] == "closed"
        told = _mail_to(life, SL)[-1]
        assert "NOTIFIED" in told and "DECISION: NO RAPID REVIEW, received 2026-04-02 13:00 UTC" in told
        (notice,) = [m for m in _mail_to(life, COORD) if "was not applied" in m]
        assert SL in notice and "NOTIFIED" in notice and "send it again" in notice
        for text in (told, notice):
            assert "Alex" not in text and "Fictional" not in text


def test_the_same_command_made_later_by_its_own_sender_is_quiet() -> None:
    """A co-ordinator who mailed CLOSE and then typed it at the terminal hears nothing more about the mail."""
    for life in _life():
        life.run(Step(False, COORD, "CLOSE: duplicate of a referral already under review", START + timedelta(hours=3)),
                 START)
        queued = len(_mail_to(life, COORD))
        out = life.run(Step(True, COORD, "CLOSE: a duplicate", START + timedelta(hours=1)), START + timedelta(days=1))
        assert out.detail.startswith("not applied: it had already been done"), out.detail
        assert len(_mail_to(life, COORD)) == queued
        (ev,) = life.events("command_overtaken")
        assert ev.detail["agrees"] is True
