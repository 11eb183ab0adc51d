"""Issue #10, stranger round 4 (B4): a stranger's flood of *referrals* never delays a real referral's routing.

Before: a stranger (one address, or many addresses of one domain) sent mail that each read as a referral. Each
opened a case whose routing went to the same seven roles, so the per-recipient rate cap (30 routing mails an
hour) was filled by the flood and the agency's genuine referral waited more than an hour. Now a stranger's
referrals beyond `mail.stranger_referrals_routed` per sender (and `..._per_domain` per organisational domain,
`..._total` for all strangers together) in an interval keep their case and clocks but their routing becomes
one summary to the co-ordinator; the strangers' routing that is sent is capped apart from, and sent after,
known senders' routing.

Generated: floods of 31-44 referrals (Word forms for distinct children, and form-less mail that reads as a
referral) from one address, from many addresses of one domain (and its sub-domains), and from many domains
each within its allowance; the genuine referral arrives last, and its routing must go in the same pass.
"""

from __future__ import annotations

import json
import random
import sqlite3
import subprocess
import sys
from datetime import date, datetime, timedelta
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reliability_kit import LONDON, REFERRER, ROLE, bot_env, child_for, referral, write_profile

SENT = datetime(2026, 11, 17, 9, 30, tzinfo=LONDON)
NOW = datetime(2026, 11, 18, 10, 30, tzinfo=LONDON)
GENUINE = "<genuine@csc.example.gov.uk>"
PER_SENDER, PER_DOMAIN, TOTAL = 3, 6, 12  # the profile's defaults
SHAPES = ["one_address", "one_domain", "sub_domains", "many_domains"]


def _sender(shape: str, i: int) -> str:
    if shape == "one_address":
        return "flooder@random-stranger.example"
    if shape == "one_domain":
        return f"user{i}@random-stranger.example"
    if shape == "sub_domains":
        return f"user{i}@dept{i}.random-stranger.example"
    return f"user{i}@stranger-{i // PER_SENDER}.example"  # each domain within its allowance


def _formless(sender: str, i: int, rng: random.Random) -> bytes:
    m = EmailMessage()
    m["From"] = sender
    m["To"] = ROLE["coordinator"]
    m["Subject"] = "Possible CSPR"
    m["Message-ID"] = f"<flood-{i}@random-stranger.example>"
    first = rng.choice(["Amara", "Leo", "Ivy", "Noah", "Zara", "Finn"])
    m.set_content(f"Dear CSPR team,\n\nI have not used the referral form. Baby {first} Testcase{i}, aged {i % 11 + 1} "
                  f"months, was admitted to PICU on 16 November with a skull fracture; non-accidental injury is "
                  f"suspected. Please could the partnership consider a rapid review.\n\nKind regards\n\nPat Person\n")
    return m.as_bytes()


def flood_mail(shape: str, i: int, form: bool, rng: random.Random) -> bytes:
    sender = _sender(shape, i)
    if not form:
        return _formless(sender, i, rng)
    raw = referral(f"<flood-{i}@random-stranger.example>", SENT, date(2026, 11, 16), child=child_for(13 * i + 7, rng))
    return raw.replace(f"From: Sam Example <{REFERRER}>".encode(), f"From: {sender}".encode(), 1)


def _app(tmp: Path, now: datetime) -> Any:
    from bot.app import App
    from bot.clock import FixedClock
    from bot.settings import load_settings

    profile = write_profile(tmp / "profile.toml", {"inbox": f'"maildir:{tmp}/inbox"',
                                                   "sender": f'"maildir:{tmp}/outbox"'})
    cfg = load_settings(str(profile), env={"CSPRBOT_DATABASE_URL": f"sqlite:///{tmp}/csprbot.db"})
    return App(cfg, FixedClock(now), env={})


def _routing(db: Path) -> list[tuple[str, str, str]]:
    """(case ref, recipient, status) of every routing mail."""
    with sqlite3.connect(db) as con:
        return con.execute("SELECT c.ref, o.recipient, o.status FROM outbox o JOIN cases c ON c.id = o.case_id "
                           "WHERE o.kind = 'routing'").fetchall()


def _check_pass(db: Path, n: int, shape: str) -> tuple[str, int]:
    with sqlite3.connect(db) as con:
        genuine_ref = con.execute("SELECT c.ref FROM messages m JOIN cases c ON c.id = m.case_id "
                                  "WHERE m.message_id = ?", (GENUINE,)).fetchone()[0]
        cases = con.execute("SELECT count(*) FROM cases").fetchone()[0]
        unclocked = con.execute("SELECT count(*) FROM cases c WHERE NOT EXISTS "
                                "(SELECT 1 FROM clocks k WHERE k.case_id = c.id)").fetchone()[0]
        statuses = {s for (s,) in con.execute("SELECT status FROM messages")}
        held = con.execute("SELECT count(*) FROM events WHERE kind = 'stranger_referral' "
                           "AND detail LIKE '%\"routed\": false%'").fetchone()[0]
    # Nothing lost: every flood mail opened its case and started its clocks.
    assert cases == n + 1 and unclocked == 0 and statuses == {"processed"}, (cases, unclocked, statuses)
    routing = _routing(db)
    mine = [r for r in routing if r[0] == genuine_ref]
    assert len(mine) >= 6 and {r[2] for r in mine} == {"sent"}, mine  # routed in the same pass
    flood_cases = {r[0] for r in routing if r[0] != genuine_ref}
    allowed = {"one_address": PER_SENDER, "one_domain": PER_DOMAIN, "sub_domains": PER_DOMAIN,
               "many_domains": TOTAL}[shape]  # each domain within its allowance: all strangers together
    assert len(flood_cases) == min(n, allowed), (shape, len(flood_cases))
    assert held == n - len(flood_cases)
    return genuine_ref, held


@settings(max_examples=4, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(n=st.integers(31, 44), shape=st.sampled_from(SHAPES), forms=st.lists(st.booleans(), min_size=1, max_size=5))
def test_a_referral_flood_never_holds_a_genuine_referral_back(tmp_path_factory: Any, n: int, shape: str,
                                                              forms: list[bool]) -> None:
    from bot.mail.maildir import deliver

    tmp = tmp_path_factory.mktemp("rflood")
    rng = random.Random(n)
    for i in range(n):
        deliver(tmp / "inbox", flood_mail(shape, i, forms[i % len(forms)], rng))
    deliver(tmp / "inbox", referral(GENUINE, SENT, date(2026, 11, 16)))
    app = _app(tmp, NOW)
    outcomes = app.intake()
    app.deliver()
    app.close()
    assert len(outcomes) == n + 1 and {o.status for o in outcomes} == {"processed"}, outcomes
    _, held = _check_pass(tmp / "csprbot.db", n, shape)
    # An interval later, the held ones are in one summary to the co-ordinator; a second pass adds nothing.
    later = _app(tmp, NOW + timedelta(minutes=61))
    for _ in range(2):
        later.intake()
        later.deliver()
    later.close()
    summaries = [f.read_text() for f in sorted((tmp / "outbox" / "new").glob("*"))
                 if "from senders who hold no role and no agency" in f.read_text()]
    assert len(summaries) == (1 if held else 0)
    if held:
        assert f"{held} referral(s)" in summaries[0]


def test_known_senders_are_never_rationed(tmp_path: Path) -> None:
    """The other side: an agency sending many referrals in an hour (its own domain) is routed as before. (An
    unlisted address on its domain is counted by agency since stranger round 9, within an allowance of 10:
    test_adversarial_round9.py; listed addresses are never counted.)"""
    from bot.mail.maildir import deliver

    rng = random.Random(5)
    for i in range(8):
        deliver(tmp_path / "inbox", referral(f"<agency-{i}@csc.example.gov.uk>", SENT, date(2026, 11, 16),
                                             child=child_for(13 * i + 3, rng)))
    app = _app(tmp_path, NOW)
    app.intake()
    app.deliver()
    app.close()
    routing = _routing(tmp_path / "csprbot.db")
    assert len({r[0] for r in routing}) == 8 and {r[2] for r in routing} == {"sent"}
    with sqlite3.connect(tmp_path / "csprbot.db") as con:
        assert con.execute("SELECT count(*) FROM events WHERE kind = 'stranger_referral' "
                           "AND detail LIKE '%\"routed\": false%'").fetchone()[0] == 0


def test_flood_black_box_run_once(tmp_path: Path) -> None:
    """40 referrals from 40 addresses of one domain, then an agency's: `csprbot run --once` routes the agency's
    in that pass; the next pass an interval later sends the summary; mail counted at the sender."""
    from bot.mail.maildir import deliver

    rng = random.Random(40)
    n = 40
    for i in range(n):
        deliver(tmp_path / "inbox", flood_mail("one_domain", i, i % 3 != 0, rng))
    deliver(tmp_path / "inbox", referral(GENUINE, SENT, date(2026, 11, 16)))
    profile = write_profile(tmp_path / "profile.toml")
    env = bot_env(CSPRBOT_INBOX_URL=f"maildir:{tmp_path}/inbox", CSPRBOT_SENDER_URL=f"maildir:{tmp_path}/outbox",
                  CSPRBOT_DATABASE_URL=f"sqlite:///{tmp_path}/csprbot.db")

    def once(now: str) -> dict[str, Any]:
        run = subprocess.run([sys.executable, "-m", "bot.cli", "--config", str(profile), "run", "--once", "--now",
                              now], cwd=tmp_path, env=env, text=True, capture_output=True, timeout=600, check=False)
        assert run.returncode == 0, run.stderr[-2000:]
        out: dict[str, Any] = json.loads(run.stdout.strip().splitlines()[-1])
        return out

    first = once("2026-11-18T10:30")
    assert first["messages"] == n + 1 and first["deferred"] == 0, first
    genuine_ref, held = _check_pass(tmp_path / "csprbot.db", n, "one_domain")
    assert held == n - PER_DOMAIN
    sent = [f.read_bytes() for f in (tmp_path / "outbox" / "new").glob("*")]
    routing = [m for m in sent if b"X-CSPRBOT-Kind: routing" in m]
    recipients = len({m for m in _routing(tmp_path / "csprbot.db") if m[0] == genuine_ref})
    assert len(routing) == (PER_DOMAIN + 1) * recipients  # the flood's mail, counted: 6 cases' routing
    once("2026-11-18T11:31")
    summaries = [m for m in (f.read_bytes() for f in (tmp_path / "outbox" / "new").glob("*"))
                 if b"from senders who hold no role and no agency" in m]
    assert len(summaries) == 1 and f"{held} referral(s)".encode() in summaries[0]
