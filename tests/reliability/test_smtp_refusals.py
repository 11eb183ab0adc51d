"""Per-recipient SMTP refusals (stranger round 18, issue #10) through the real SMTP sender and an aiosmtpd sink.

B1: one recipient's 451 at RCPT held every later mail of a `run --once` pass, pass after pass. Now only that
recipient's mail waits (with its backoff); a connection-level failure (421, a 4xx to the transaction) still
stops the pass. B2: the co-ordinator's own address refused (550): the alarm, the digest and further alarms all
went to it. Now the other triage addresses and routing.unreachable are told, once a day per refused address.
The generated test picks which recipients answer 451 or 550 in which pass and checks the outbox's promises.
"""

from __future__ import annotations

import email
import email.policy
import tempfile
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reliability_kit import LONDON, ROLE, child_for, referral, write_profile

from tests.servers.smtp_sink import SmtpSink

pytestmark = pytest.mark.servers

POLICE = "casereview@avon.example.pnn.police.uk"
ICB = "example.icb.safeguarding@nhs.net"
CO, SL, AD = ROLE["coordinator"], ROLE["service_leader"], ROLE["assistant_director"]
DAY1 = datetime(2026, 12, 1, 9, 10, tzinfo=LONDON)
DEFER, REFUSE = "451 4.3.0 Mailbox temporarily unavailable", "550 5.1.1 No such user here"


def _app(tmp: Path, sink: SmtpSink) -> Any:
    from bot.app import App
    from bot.clock import FixedClock
    from bot.settings import load_settings

    profile = write_profile(tmp / "profile.toml", {"inbox": f'"maildir:{tmp}/inbox"',
                                                   "sender": f'"{sink.url(tls="none")}"',
                                                   "rate_cap_per_hour": "1000"})
    cfg = load_settings(str(profile), env={"CSPRBOT_DATABASE_URL": f"sqlite:///{tmp}/csprbot.db"})
    return App(cfg, FixedClock(DAY1), env={"CSPRBOT_SENDER_PASSWORD": "botpw"})


def _referrals(tmp: Path, n: int) -> None:
    import random

    from bot.mail.maildir import deliver

    rng = random.Random(18)
    for k in range(n):
        sent = DAY1 - timedelta(hours=1, minutes=k)
        deliver(tmp / "inbox", referral(f"<r18-{k}@csc.example.gov.uk>", sent, date(2026, 11, 30),
                                        child=child_for(k, rng)))


def _pass(app: Any, at: datetime) -> Any:
    from bot.outbox import deliver_due

    return deliver_due(app.sender, app.sessions, app.runtime(at))


def _rows(app: Any) -> list[Any]:
    from sqlalchemy import select

    from bot.store.models import OutboxItem

    with app.sessions() as s:
        return list(s.scalars(select(OutboxItem).order_by(OutboxItem.id)))


def _mid(raw: bytes) -> str:
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    return str(msg["Message-ID"])


def _got(sink: SmtpSink) -> list[tuple[str, str, str]]:
    """(recipient, Message-ID, Subject) of every message the sink accepted."""
    return [(r.rcpt_tos[0].lower(), str(m["Message-ID"]), " ".join(str(m["Subject"]).split()))
            for r in sink.messages if (m := r.message) is not None]


@pytest.fixture
def world() -> Any:
    with tempfile.TemporaryDirectory(prefix="smtp18.") as tmp, SmtpSink(auth={"bot@example.test": "botpw"}) as sink:
        work = Path(tmp)
        app = _app(work, sink)
        yield work, sink, app
        app.close()


def test_one_recipients_451_defers_only_its_mail_and_the_rest_of_the_pass_goes_out(world: Any) -> None:
    work, sink, app = world
    _referrals(work, 2)
    sink.rcpt_replies[POLICE] = DEFER
    assert [o.status for o in app.intake()] == ["processed", "processed"]
    report = _pass(app, DAY1)
    rows = _rows(app)
    police = [r for r in rows if r.recipient == POLICE]
    others = [r for r in rows if r.recipient != POLICE]
    assert len(police) == 2 and len(others) >= 14  # 2 x (6 other roles + the acknowledgement)
    # Every other mail of both cases went in this one pass, once; the police's waits.
    assert {r.status for r in others} == {"sent"}
    assert sorted(m for _, m, _ in _got(sink)) == sorted(_mid(r.raw) for r in others)
    assert {r.status for r in police} == {"pending"}
    # One RCPT for the deferred recipient: its second mail waits with the first, no attempt counted.
    assert sorted(r.attempts for r in police) == [0, 1]
    assert police[0].next_attempt_at == police[1].next_attempt_at > app.runtime(DAY1).stamp
    assert report.sent == len(others) and report.deferred == 2
    # The mailbox has room again: the police get both, once; nobody else gets anything twice.
    del sink.rcpt_replies[POLICE]
    assert _pass(app, DAY1 + timedelta(seconds=10)).sent == 0  # still in its backoff (30 s)
    assert _pass(app, DAY1 + timedelta(hours=1)).sent == 2
    mids = [m for _, m, _ in _got(sink)]
    assert len(mids) == len(set(mids)) == len(rows)
    assert {r.status for r in _rows(app)} == {"sent"}


@pytest.mark.parametrize("fault", ["rcpt421", "data421"])
def test_a_connection_level_failure_still_stops_the_pass(world: Any, fault: str) -> None:
    work, sink, app = world
    _referrals(work, 1)
    app.intake()
    if fault == "rcpt421":
        sink.rcpt_replies[POLICE] = "421 4.3.2 Service shutting down"
    else:  # round 22: a 4xx at end of DATA is the one recipient's (below); a 421 there is still the server's
        sink.data_reply = "421 4.3.2 Service shutting down"
    report = _pass(app, DAY1)
    rows = _rows(app)
    # The server is unwell, not one mailbox: the first failure stops the pass, the rest waits untouched.
    assert report.deferred == 1
    tried = [r for r in rows if r.attempts]
    assert len(tried) == report.sent + 1 and all(r.status == "pending" for r in rows if r.status != "sent")
    assert len([r for r in rows if r.status == "pending"]) == len(rows) - report.sent
    if fault == "rcpt421":
        assert [r.recipient for r in rows if r.status == "pending" and r.attempts] == [POLICE]
    sink.rcpt_replies.clear()
    sink.data_reply = None
    _pass(app, DAY1 + timedelta(hours=1))
    mids = [m for _, m, _ in _got(sink)]
    assert len(mids) == len(set(mids)) == len(rows) and {r.status for r in _rows(app)} == {"sent"}


def test_coordinator_refused_for_good_tells_the_fallback_roles_once_a_day(world: Any) -> None:
    from bot.digest import send_digest_if_due

    work, sink, app = world
    _referrals(work, 1)
    sink.rcpt_replies[CO] = REFUSE
    app.intake()
    _pass(app, DAY1)
    _pass(app, DAY1 + timedelta(hours=1))
    day2 = DAY1 + timedelta(days=1)
    assert send_digest_if_due(app.sessions, app.runtime(day2)) == 1  # the digest to the refused address
    _pass(app, day2)
    _pass(app, day2 + timedelta(hours=3))
    got = _got(sink)
    told = [(r, s) for r, _, s in got if "refuses mail" in s]
    # Day 1 (the routing copy refused) and day 2 (the digest refused): the Assistant Director, once a day.
    assert told == [(AD, "[csprbot] Partnership mailbox refuses mail: for the Assistant Director")] * 2
    notice = next(r.message for r in sink.messages if r.rcpt_tos == [AD] and r.message is not None
                  and "refuses mail" in str(r.message["Subject"]))
    body = notice.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert CO in body and "550" in body
    rows = _rows(app)
    parked = [r for r in rows if r.status == "parked"]
    # Only mail to the refused address is parked (its routing copy, its digest): no alarm about an alarm.
    assert {r.recipient for r in parked} == {CO} and {r.kind for r in parked} == {"routing", "digest"}
    assert not any(":refit" in r.idem_key for r in rows)  # the address was refused, not the size
    assert all(r.status == "sent" for r in rows if r.recipient != CO)


def test_a_refused_address_is_one_alarm_not_two_through_the_refit(world: Any) -> None:
    work, sink, app = world
    _referrals(work, 1)
    sink.rcpt_replies[ICB] = REFUSE
    app.intake()
    _pass(app, DAY1)
    _pass(app, DAY1 + timedelta(hours=1))
    alarms = [(r, s) for r, _, s in _got(sink) if r == CO and s.startswith("[NS-CSPR-2026-001] For")]
    rows = _rows(app)
    assert [r.recipient for r in rows if r.status == "parked"] == [ICB]
    assert len([r for r in rows if r.recipient == CO and r.kind == "triage" and ":triage:parked-" in r.idem_key]) == 1
    assert len(alarms) == 1
    assert not any(":refit" in r.idem_key for r in rows)


# --- generated: which recipients answer 451 or 550 in which pass -----------------------------------------

REFUSERS = (POLICE, ICB, CO, SL)  # the AD (routing.unreachable) always answers: someone reachable remains
REPLY = st.sampled_from([None, None, DEFER, REFUSE])
PLAN = st.lists(st.tuples(*[REPLY] * len(REFUSERS)), min_size=1, max_size=3)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(PLAN)
def test_generated_refusals_deliver_every_other_mail_once_and_tell_someone_reachable(
        plan: list[tuple[str | None, ...]]) -> None:
    with tempfile.TemporaryDirectory(prefix="smtp18h.") as tmp, \
            SmtpSink(auth={"bot@example.test": "botpw"}) as sink:
        work = Path(tmp)
        app = _app(work, sink)
        try:
            _referrals(work, 2)
            app.intake()
            refused_ever: set[str] = set()
            # The plan's passes, then one where the 451s have cleared (a 550 is for good: it stays).
            final = tuple(REFUSE if any(p[i] == REFUSE for p in plan) else None for i in range(len(REFUSERS)))
            for n, replies in enumerate([*plan, final]):
                sink.rcpt_replies = {a: r for a, r in zip(REFUSERS, replies, strict=True) if r}
                deferring = {a for a, r in sink.rcpt_replies.items() if r == DEFER}
                refused_ever |= {a for a, r in sink.rcpt_replies.items() if r == REFUSE}
                _pass(app, DAY1 + timedelta(hours=2 * n))  # the same day; past any backoff of the last pass
                rows = _rows(app)
                # Within the pass: every mail to a recipient that answered is delivered (pending only for
                # those deferring now, parked only for those that refused at some pass).
                for r in rows:
                    assert r.status == "sent" or (r.status == "pending" and r.recipient in deferring) or (
                        r.status == "parked" and r.recipient in refused_ever), (n, r.recipient, r.status)
            got = _got(sink)
            mids = [m for _, m, _ in got]
            assert len(mids) == len(set(mids))  # nothing twice
            assert sorted(mids) == sorted(_mid(r.raw) for r in rows if r.status == "sent")
            by_id = {r.id: r for r in rows}
            unreachable = [r for r in rows if ":triage:unreachable-" in r.idem_key]
            for r in rows:
                if r.status != "parked" or (r.kind == "triage" and ":triage:" in r.idem_key
                                            and r.idem_key.split(":triage:")[1].startswith(("parked-", "unreach"))):
                    continue
                if r.recipient == CO:  # the fallback told, AD at least (it always answers)
                    assert any(u.recipient == AD and u.status == "sent" for u in unreachable)
                else:  # the co-ordinator told about this row, or, refused too, the fallback about that
                    alarm = [a for a in rows if a.idem_key.startswith(f"outbox:{r.id}:triage:parked-")]
                    assert len(alarm) == 1 and (alarm[0].status == "sent" or any(
                        u.recipient == AD and u.status == "sent" for u in unreachable)), by_id
            # Bounded: one notice per reachable fallback address for the day, whatever was parked. A 451 that
            # lasts 4 h (mail.delay_alarm_hours) is told too since round 20 (fix21c): the co-ordinator, once a
            # day per deferred address (tests/reliability/test_smtp_alarms.py).
            # Since fix23d another refused address whose parked-mail notice to the co-ordinator was refused too is
            # told of to the AD as well: still once a day per address and reader.
            per = [(u.idem_key.split(":")[1], u.recipient) for u in unreachable if "refuses mail" in u.subject]
            assert len(per) == len(set(per)) <= len(refused_ever) and {r for _, r in per} <= {AD}
            delayed = [(u.idem_key.split(":")[1], u.recipient) for u in unreachable if "delayed" in u.subject]
            assert len(delayed) == len(set(delayed)) and {r for _, r in delayed} <= {CO, AD}
            assert not any(":refit" in r.idem_key for r in rows)
        finally:
            app.close()


def test_check_config_warns_when_the_fallback_is_the_triage_role_and_refuses_unknown_roles(tmp_path: Path) -> None:
    from bot.settings import ConfigError, load_settings

    def load(line: str) -> Any:
        text = (Path(__file__).resolve().parents[2] / "config/example.toml").read_text()
        old = 'unreachable = ["assistant_director"]'
        assert old in text
        (tmp_path / "p.toml").write_text(text.replace(old, line))
        return load_settings(str(tmp_path / "p.toml"), env={})

    assert not [w for w in load('unreachable = ["service_leader"]').warnings() if "unreachable" in w]
    said = [w for w in load('unreachable = ["coordinator"]').warnings() if "routing.unreachable" in w]
    assert len(said) == 1 and "nobody reachable is told" in said[0]
    with pytest.raises(ConfigError, match="unreachable: unknown role 'deputy'"):
        load('unreachable = ["deputy"]')


def test_every_mail_deferred_at_end_of_data_stops_the_pass_after_the_guard(world: Any) -> None:
    """Round 22 B3: a 451 at end of DATA is the one row's (only its mail waits), but a server deferring every
    mail that way costs one transaction per address a pass at most (its other mail waits with it), and
    DEFERRED_IN_A_ROW of them in a row stop the pass, as at RCPT."""
    from bot.outbox import DEFERRED_IN_A_ROW

    work, sink, app = world
    _referrals(work, 3)
    app.intake()
    assert len(_rows(app)) > DEFERRED_IN_A_ROW
    sink.data_reply = "451 4.3.0 Local error in processing"
    report = _pass(app, DAY1)
    tried = [r.recipient.lower() for r in _rows(app) if r.attempts]
    assert report.sent == 0 and report.deferred == len(_rows(app))
    assert len(tried) == len(set(tried)) <= DEFERRED_IN_A_ROW
    sink.data_reply = None
    _pass(app, DAY1 + timedelta(hours=1))
    mids = [m for _, m, _ in _got(sink)]
    assert len(mids) == len(set(mids)) == len(_rows(app)) and {r.status for r in _rows(app)} == {"sent"}
