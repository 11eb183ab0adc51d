"""Issue 10 (stranger round 9's leftover): floods from several agencies' domains and strangers at once never hold
back another sender's first referral.

Unlisted addresses on an agency's own domain and strangers are rationed per flood (by agency, by domain), and what
is routed goes in the outbox's strangers' lane under its own per-recipient rate cap. Each flood alone stays under
the cap, but two agencies' floods and the strangers' together passed it: the lane was sent in arrival order, so a
genuine referral from an unlisted address of a third agency (a new social worker, a school's cover DSL) arriving
after them waited an hour, and over several passes the floods' sent mail used up the hour's cap before it came.
Now the lane is sent in turns (every flood's first referral of the interval before any flood's second), and a
flood's first referral is capped only against other floods' firsts (at most one per agency and the strangers' total
allowance an hour), so a sender nobody has heard from yet is routed in the pass its referral arrives.

Generated: which floods (Education's domain, the police's domain, strangers on one or many domains), their sizes
(at and beyond their allowances), and whether the genuine referral shares the floods' pass or arrives a pass later.
"""

from __future__ import annotations

import random
import sqlite3
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reliability_kit import LONDON, REFERRER, child_for, referral, write_profile

SENT = datetime(2026, 11, 17, 9, 30, tzinfo=LONDON)
NOW = datetime(2026, 11, 18, 10, 30, tzinfo=LONDON)
GENUINE = "<genuine-turns@csc.example.gov.uk>"
# Small figures keep the file fast: two agencies' allowances fill the cap on their own.
CAP, AGENCY_ALLOWANCE = 8, 4
FLOODS = {
    "education": "staff{i:03d}@schools.example.gov.uk",
    "police": "pc{i:03d}@avon.example.pnn.police.uk",
    "stranger_one_domain": "user{i}@random-stranger.example",
    "stranger_many_domains": "user{i}@stranger-{i}.example",
}


def _app(tmp: Path, now: datetime) -> Any:
    from bot.app import App
    from bot.clock import FixedClock
    from bot.settings import load_settings

    profile = write_profile(tmp / "profile.toml", {"inbox": f'"maildir:{tmp}/inbox"',
                                                   "sender": f'"maildir:{tmp}/outbox"', "rate_cap_per_hour": CAP,
                                                   "agency_domain_referrals_routed": AGENCY_ALLOWANCE})
    cfg = load_settings(str(profile), env={"CSPRBOT_DATABASE_URL": f"sqlite:///{tmp}/csprbot.db"})
    return App(cfg, FixedClock(now), env={})


def _from(raw: bytes, sender: str) -> bytes:
    return raw.replace(f"From: Sam Example <{REFERRER}>".encode(), f"From: {sender}".encode(), 1)


def _pass(tmp: Path, now: datetime) -> None:
    app = _app(tmp, now)
    try:
        app.intake()
        app.deliver()
    finally:
        app.close()


def _genuine_routing(db: Path) -> list[tuple[str, str | None]]:
    with sqlite3.connect(db) as con:
        return con.execute(
            "SELECT o.status, o.last_error FROM outbox o JOIN messages m ON m.case_id = o.case_id "
            "WHERE o.kind = 'routing' AND m.message_id = ?", (GENUINE,)).fetchall()


@settings(max_examples=4, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(floods=st.lists(st.sampled_from(sorted(FLOODS)), min_size=2, max_size=3, unique=True)
       .filter(lambda f: "education" in f or "police" in f),
       extra=st.integers(0, 2), later=st.booleans())
def test_a_third_senders_first_referral_is_routed_in_its_pass(tmp_path_factory: Any, floods: list[str], extra: int,
                                                              later: bool) -> None:
    tmp = tmp_path_factory.mktemp("turns")
    from bot.mail.maildir import deliver

    rng = random.Random(len(floods) * 10 + extra)
    n = 0
    for name in floods:
        size = (AGENCY_ALLOWANCE if name in ("education", "police") else 3) + extra
        for i in range(size):
            raw = referral(f"<turns-{name}-{i}@flood.example>", SENT, date(2026, 11, 16),
                           child=child_for(17 * n + 3, rng))
            deliver(tmp / "inbox", _from(raw, FLOODS[name].format(i=i)))
            n += 1
    genuine = referral(GENUINE, SENT, date(2026, 11, 16))  # from REFERRER: unlisted, on CSC's own domain
    if later:
        _pass(tmp, NOW)  # the floods' routing sent (up to the cap) an hour's slice before the genuine one comes
        deliver(tmp / "inbox", genuine)
        _pass(tmp, NOW + timedelta(minutes=5))
    else:
        deliver(tmp / "inbox", genuine)
        _pass(tmp, NOW)
    mine = _genuine_routing(tmp / "csprbot.db")
    assert len(mine) >= 6 and {status for status, _ in mine} == {"sent"}, mine
    with sqlite3.connect(tmp / "csprbot.db") as con:
        # the floods' own routing is still capped: no recipient got more than the cap of them in the hour
        per_rcpt = con.execute("SELECT max(c) FROM (SELECT count(*) AS c FROM outbox WHERE kind = 'routing' AND "
                               "status = 'sent' AND lane_rank > 1 GROUP BY recipient)").fetchone()[0]
        unclocked = con.execute("SELECT count(*) FROM cases c WHERE NOT EXISTS "
                                "(SELECT 1 FROM clocks k WHERE k.case_id = c.id)").fetchone()[0]
    assert (per_rcpt or 0) <= CAP and unclocked == 0


def test_one_senders_loop_is_still_capped(tmp_path: Path) -> None:
    """The first referral's own cap is no way round the loop guard: one agency-domain address's referrals beyond
    its first count against the lane's cap as before (here the allowance is above the cap)."""
    from bot.mail.maildir import deliver

    rng = random.Random(5)
    profile_allowance = CAP + 3
    for i in range(profile_allowance):
        raw = referral(f"<loop-{i}@schools.example.gov.uk>", SENT, date(2026, 11, 16), child=child_for(11 * i + 1, rng))
        deliver(tmp_path / "inbox", _from(raw, "dsl.loop@schools.example.gov.uk"))
    from bot.app import App
    from bot.clock import FixedClock
    from bot.settings import load_settings

    profile = write_profile(tmp_path / "profile.toml", {
        "inbox": f'"maildir:{tmp_path}/inbox"', "sender": f'"maildir:{tmp_path}/outbox"',
        "rate_cap_per_hour": CAP, "agency_domain_referrals_routed": profile_allowance})
    cfg = load_settings(str(profile), env={"CSPRBOT_DATABASE_URL": f"sqlite:///{tmp_path}/csprbot.db"})
    app = App(cfg, FixedClock(NOW), env={})
    app.intake()
    app.deliver()
    app.close()
    with sqlite3.connect(tmp_path / "csprbot.db") as con:
        sent = dict(con.execute("SELECT recipient, count(*) FROM outbox WHERE kind = 'routing' AND status = 'sent' "
                                "GROUP BY recipient").fetchall())
        ranks = [r for (r,) in con.execute("SELECT DISTINCT lane_rank FROM outbox WHERE kind = 'routing' "
                                           "ORDER BY lane_rank")]
        held = con.execute("SELECT count(*) FROM outbox WHERE kind = 'routing' AND status = 'pending' "
                           "AND last_error LIKE 'rate cap%'").fetchone()[0]
    assert sent and max(sent.values()) == CAP, sent
    assert ranks == list(range(1, profile_allowance + 1)) and held > 0
