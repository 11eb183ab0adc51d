"""Every command a csprbot mail invites its reader to send is one the model accepts from that reader, in the
state the mail was sent in (issue #11; an outside tester's breaks of the first model, made into tests).

Each life goes through the real intake, store, sweep and outbox; after every step every new mail is read as
its reader sees it (tests/e2e/invites.py) and each invited command is decided from that reader. The breaks:

- in the disputed stage, screening chasers and the AD's escalation invited DECISION, then refused it;
- the escalation to the AD invited NOTIFIED / DECISION / NOTICES SENT, one to the director AD DECISION: the
  sweep computed one list for all recipients of a reminder;
- the learning action's owner was reminded to reply ACTION DONE: N, then refused it;
- after a restart catch-up the AD got the same escalation twice.
"""

from __future__ import annotations

import itertools
import shutil
import tempfile
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from invites import body_of, invitations, refused
from sqlalchemy import select

from bot.app import make_calendar
from bot.apply import Runtime
from bot.demo import demo_messages
from bot.domain.typed import MARK
from bot.intake import act, process_one
from bot.mail.base import InboundMail
from bot.settings import load_settings
from bot.store.db import make_engine, migrate, session_factory
from bot.store.models import Case, Event, OutboxItem, Reminder
from bot.store.personal import restored
from bot.store.repo import snapshot
from bot.sweep import sweep

LONDON = ZoneInfo("Europe/London")
S = load_settings(None, env={})
CAL = make_calendar(S)
REF = "NS-CSPR-2026-001"
COORD, SL, AD = S.roles.coordinator[0], S.roles.service_leader[0], S.roles.assistant_director[0]
CHAIR, DIRECTOR, EXEC = S.roles.subgroup_chair[0], S.roles.director[0], S.roles.executive[0]
EDUCATION = S.agency_named("Education")
POLICE = S.agency_named("Avon and Somerset Police")
assert EDUCATION is not None and POLICE is not None


class Life:
    """One case from a demo referral (incident Wed 1 April 2026, received Thu 2 April 10:00)."""

    def __init__(self, root: Path) -> None:
        self.engine = make_engine(f"sqlite:///{root}/t.db")
        migrate(self.engine)
        self.sessions = session_factory(self.engine)
        self.now = datetime(2026, 4, 2, 10, 0, tzinfo=LONDON)
        self.outbox = 0
        self.mails: list[tuple[date, str, str, str | None, str]] = []  # (day, kind, to, clock, body)
        self.failures: list[str] = []
        (_, raw), _ = demo_messages(self._rt(), S)
        assert process_one(InboundMail("t", "r0", raw), self.sessions, self._rt()).ref == REF
        self._check()

    def _rt(self) -> Runtime:
        return Runtime(S, CAL, self.now)

    def command(self, text: str, sender: str, when: str | None = None) -> str:
        if when:
            self.now = datetime.fromisoformat(when).replace(tzinfo=LONDON)
        out = act(self.sessions, self._rt(), REF, text, sender)
        self._check()
        return out.detail

    def morning(self, day: date, at: time = time(9, 5)) -> None:
        self.now = datetime.combine(day, at, LONDON)
        sweep(self.sessions, self._rt())
        self._check()

    def mornings(self, first: date, last: date) -> None:
        d = first
        while d <= last:
            self.morning(d)
            d += timedelta(days=1)

    def _check(self) -> None:
        """Every mail queued since the last check: each command it invites is accepted from its reader now."""
        today = self.now.astimezone(LONDON).date()
        with self.sessions() as s:
            case = s.scalar(select(Case).where(Case.ref == REF))
            rows = list(s.scalars(select(OutboxItem).where(OutboxItem.id > self.outbox).order_by(OutboxItem.id)))
            if not rows:
                return
            self.outbox = rows[-1].id
            snap = snapshot(s, case) if case is not None else None
            for row in rows:
                _, body = body_of(row.raw)
                # One escalation mail per person per case names every clock it lists (comma-separated).
                for key in (row.clock_key.split(",") if row.clock_key else [None]):
                    self.mails.append((today, row.kind, row.recipient, key, body))
                if snap is None or row.case_id != case.id:  # type: ignore[union-attr]
                    continue
                for inv in invitations(row.kind, row.recipient, body):
                    why = refused(inv, snap, S, CAL, today)
                    if why:
                        self.failures.append(f"{self.now:%Y-%m-%d %H:%M}: {why}")

    def sent(self, kind: str, to: str, clock: str | None = None) -> list[str]:
        return [b for _, k, t, c, b in self.mails if k == kind and t == to and (clock is None or c == clock)]

    def events(self, kind: str) -> list[dict[str, object]]:
        with self.sessions() as s:
            return [e.detail for e in s.scalars(select(Event).where(Event.kind == kind).order_by(Event.id))]


@pytest.fixture()
def life() -> Iterator[Life]:
    root = Path(tempfile.mkdtemp(prefix="csprbot-invites-"))
    one = Life(root)
    yield one
    one.engine.dispose()
    shutil.rmtree(root, ignore_errors=True)


def test_in_the_disputed_stage_reminders_invite_nothing_the_model_refuses(life: Life) -> None:
    life.command("DISAGREE: this should go to a rapid review", DIRECTOR, "2026-04-02T11:00")
    life.mornings(date(2026, 4, 7), date(2026, 4, 20))  # screening due 9 April; escalations after it
    escalations = life.sent("escalation", AD, "screening")
    assert escalations, "the screening clock runs on in the disputed stage: the AD is told it is overdue"
    assert all("DECISION:" not in body for body in escalations)
    assert any("with the Assistant Director" in body for body in life.sent("chaser", CHAIR, "screening"))
    assert not life.failures, "\n".join(life.failures)


def test_each_recipient_of_an_escalation_is_invited_only_what_its_roles_may_send(life: Life) -> None:
    # No decision and no notification: screening and the notification escalate to the AD; the disagreement
    # (raised later on another case's life) escalates to the director.
    life.mornings(date(2026, 4, 6), date(2026, 4, 17))
    to_ad = life.sent("escalation", AD)
    assert {c for _, k, t, c, _ in life.mails if k == "escalation" and t == AD} >= {"screening", "notification"}
    for body in to_ad:
        assert "NOTIFIED:" not in body and "DECISION:" not in body
    # the service leader's chaser for the notification invites NOTIFIED (and AWARE): the SL may send them
    assert any("  NOTIFIED: " in b for b in life.sent("chaser", SL, "notification"))
    life.command("DISAGREE: refer it", EXEC, "2026-04-17T12:00")
    life.mornings(date(2026, 4, 20), date(2026, 4, 24))
    to_director = life.sent("escalation", DIRECTOR, "disagreement")
    assert to_director and all("AD DECISION" not in body for body in to_director)
    assert any("  AD DECISION: REFER" in b for b in life.sent("escalation", AD))
    assert not life.failures, "\n".join(life.failures)


def _to_learning(life: Life) -> None:
    assert "rapid review decided" in life.command("DECISION: RAPID REVIEW\nAGENCIES: Education", CHAIR,
                                                  "2026-04-03T10:00")
    life.command("NOTIFIED: 2026-04-03", SL, "2026-04-03T11:00")
    life.command("SUBMITTED: 2026-04-20", COORD, "2026-04-20T10:00")
    life.command("PANEL: NATIONAL REVIEW", COORD, "2026-04-21T10:00")
    life.command("PUBLISHED: 2026-04-22", COORD, "2026-04-22T10:00")
    life.command("ACTION: Education; 2026-05-20; refresh safeguarding training", COORD, "2026-04-22T10:30")
    life.command("ACTION: Avon and Somerset Police; 2026-05-20; review referral pathway", COORD,
                 "2026-04-22T10:35")


def test_a_learning_actions_owner_is_invited_to_reply_action_done_and_may(life: Life) -> None:
    _to_learning(life)
    life.mornings(date(2026, 5, 13), date(2026, 5, 13))  # 5 WD before 20 May: the chasers
    owner_mail = life.sent("chaser", EDUCATION.lead, "learning_action")
    assert owner_mail and "  ACTION DONE: 1" in owner_mail[0] and "ACTION DONE: 2" not in owner_mail[0]
    assert "  ACTION DONE: 2" in life.sent("chaser", POLICE.lead, "learning_action")[0]
    assert not life.failures, "\n".join(life.failures)
    # The owner of action 2 may not close action 1; its own owner may, and who did it is kept.
    assert "owner" in life.command("ACTION DONE: 1 not ours", POLICE.lead, "2026-05-13T11:00")
    assert life.command("ACTION DONE: 1 training log for 42 staff", EDUCATION.lead,
                        "2026-05-13T11:05") == f"accepted: learning action 1 done (recorded by {EDUCATION.lead})"
    done = life.events("action_done")
    # the evidence is typed text: the log keeps it apart, purgeable (fix23b), and it is read back while held
    assert [d["evidence"] for d in done] == [MARK]
    with life.sessions() as s:
        assert [{k: v for k, v in d.items() if k not in ("personal", "digest")} for d in restored(s, done)] == [
            {"n": 1, "by": EDUCATION.lead, "evidence": "training log for 42 staff"}]
    with life.sessions() as s:
        case = s.scalar(select(Case).where(Case.ref == REF))
        assert case is not None
        first = case.facts["actions"][0]
        assert (first["done"], first["done_by"]) == ("2026-05-13", EDUCATION.lead)
    assert not life.failures, "\n".join(life.failures)


def test_after_a_restart_the_newest_missed_escalation_goes_once_and_the_cadence_goes_on_from_it(life: Life) -> None:
    """Down from the referral to Tue 28 April: the screening and notification clocks both escalate to the AD
    (every 2 WD from 13 April; one was planned for Mon 27 April, the next for Wed 29 April). The catch-up on
    the 28th sends the newest missed one once, marked late; 31d1343 then sent the 29 April one as well, so
    the AD had the same escalation two mornings running."""
    life.morning(date(2026, 4, 28))
    life.morning(date(2026, 4, 28), time(11, 0))
    for day in CAL.working_days_in(date(2026, 4, 29), date(2026, 5, 15)):
        life.morning(day)
    with life.sessions() as s:
        late = [r for r in s.scalars(select(Reminder).where(Reminder.outcome == "sent_late"))]
    assert {r.kind for r in late} == {"escalation"} and len(late) == 2  # screening and notification
    days: dict[tuple[str, str | None], list[date]] = {}
    for d, k, t, c, _ in life.mails:
        if k == "escalation":
            days.setdefault((t, c), []).append(d)
    assert days[(AD, "screening")][0] == date(2026, 4, 28)
    for key, when in days.items():
        assert len(when) == len(set(when)), (key, when)
        gaps = [CAL.working_days_between(a, b) for a, b in itertools.pairwise(when)]
        assert all(g >= S.clocks[str(key[1])].repeat_every for g in gaps), (key, when)
    assert not life.failures, "\n".join(life.failures)


@pytest.mark.parametrize("raised", ["2026-04-02T08:30", "2026-04-02T11:00", "2026-04-07T16:00"])
def test_raising_a_disagreement_sends_the_ad_one_mail_not_a_chaser_beside_it(life: Life, raised: str) -> None:
    """The disagreement's 2 WD clock has a chaser 2 WD before its due day, i.e. on the day it starts: the AD got
    the disagreement and, at the next sweep, a chaser saying the same (stranger round 2 of issue 11). The first
    chaser now comes the working day after the disagreement was raised."""
    life.command("DISAGREE: this should go to a rapid review", DIRECTOR, raised)
    start = datetime.fromisoformat(raised).date()
    life.mornings(start, start + timedelta(days=14))
    days = sorted({d for d, k, t, c, _ in life.mails if t == AD and c == "disagreement" and k == "chaser"})
    assert days, "the AD is still chased before the decision is due"
    assert min(days) > start, (raised, days)
    first = CAL.add_working_days(start, 1)
    assert min(days) == first, (raised, days, first)
    assert len(life.sent("escalation", AD)) >= 1  # the disagreement itself
    assert not life.failures, "\n".join(life.failures)
