"""Adversarial suite (issue 10 part A): generated attacks on sender trust, dedupe and visibility, black-box.

Written as an attacker reads the README and docs/SECURITY.md, not from the code: every input comes from a
hypothesis strategy over a class of attack, and each class is judged from outside (the SQLite file, the
outbox, the audit log) through the same intake `csprbot run --once` runs. The profile is the hardened one:
`mail.trusted_authserv_id` set, `require_authentication = true`.

Classes (each has inputs that the code at 31d1343 acted on):
  * From-line shapes readers disagree on (display name that is an address, junk after the angle-addr, two
    From headers, groups, comments, encoded-words, quoted local parts, routes, trailing dots, IDNA);
  * Authentication-Results shapes: passes for another domain, other authserv-ids, planted headers below the
    boundary's, verdicts hidden in comments, the boundary judging another From line;
  * ambiguous case references; agency returns from unlisted senders on shared domains; back-dated Date:;
  * auto-submission headers crossed with every message kind; Message-ID collisions.
Figures (inputs tried, state changes, replies to impersonated addresses, lost) go to docs/RELIABILITY.md.
"""

from __future__ import annotations

import base64
import json
import os
import quopri
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reliability_kit import (
    LONDON,
    ROLE,
    ROOT,
    agency_return,
    bot_env,
    query,
    referral,
    reply,
    snapshot,
    write_profile,
)

TRUSTED = "mx.nsscp.example.gov.uk"
OURS = "nsscp.example.gov.uk"
COORD = ROLE["coordinator"]
REF = "NS-CSPR-2026-001"
NOW = datetime(2026, 11, 18, 10, 30, tzinfo=LONDON)
EXAMPLES = int(os.environ.get("CSPRBOT_ADVERSARIAL_EXAMPLES", "120"))
STATS: dict[str, dict[str, int]] = {}
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def stamp(domain: str, result: str = "pass", dmarc: bool = True) -> str:
    """What the boundary prepends: its verdict for the From domain it saw."""
    head = f"{TRUSTED}; spf={result} smtp.mailfrom=bounce@{domain}; dkim={result} header.d={domain}"
    return head + (f"; dmarc={result} header.from={domain}" if dmarc else "")


def build(from_lines: list[str], auth: list[str], body: str, subject: str = f"RE: [{REF}] Reminder",
          mid: str = "<x@y>", extra: list[str] | None = None, date: datetime | None = None) -> bytes:
    """A message byte for byte as it reaches the mailbox: header lines exactly as given (names included)."""
    lines = [f"Authentication-Results: {a}" for a in auth]
    lines += [f if re.match(r"(?i)from\s*:", f) else f"From: {f}" for f in from_lines]
    lines += ["To: csprbot@nsscp.example.gov.uk", f"Subject: {subject}",
              f"Date: {format_datetime(date or NOW - timedelta(minutes=5))}", f"Message-ID: {mid}",
              *(extra or []), "MIME-Version: 1.0", 'Content-Type: text/plain; charset="utf-8"',
              "Content-Transfer-Encoding: 8bit"]
    return ("\r\n".join(lines) + "\r\n\r\n" + body + "\r\n").encode("utf-8")


# --- the world: one case in rapid review, Education and the police asked for returns ---------------------

@dataclass
class World:
    app: Any
    db: Path
    inbox: Path
    n: int = 0

    def mid(self) -> str:
        self.n += 1
        return f"<adv.{self.n}@attacker.example>"

    def feed(self, raw: bytes) -> list[Any]:
        from reliability_kit import deliver_sent as deliver

        deliver(self.inbox, raw)
        return self.app.intake()  # type: ignore[no-any-return]

    def last(self, table: str) -> int:
        return int(query(self.db, f"SELECT coalesce(max(id), 0) FROM {table}")[0][0])

    def new_rows(self, table: str, after: int, cols: str) -> list[tuple[Any, ...]]:
        return query(self.db, f"SELECT {cols} FROM {table} WHERE id > ? ORDER BY id", (after,))

    def attack(self, cls: str, raw: bytes, impersonated: set[str]) -> dict[str, Any]:
        """Feed one forged mail; return what changed. Counts into STATS[cls]."""
        before = snapshot(self.db)
        ev0, ob0, m0 = self.last("events"), self.last("outbox"), self.last("messages")
        outcomes = self.feed(raw)
        changed = [t for t, rows in snapshot(self.db).items() if rows != before[t]]
        answers = [(r, k) for r, k in self.new_rows("outbox", ob0, "recipient, kind")
                   if k in ("confirm", "refusal", "ack")]
        events = [k for (k,) in self.new_rows("events", ev0, "kind")]
        rows = self.new_rows("messages", m0, "status, reason")
        s = STATS.setdefault(cls, {"inputs": 0, "state_changes": 0, "replies_to_impersonated": 0, "lost": 0})
        s["inputs"] += 1
        s["state_changes"] += bool(changed)
        bad_replies = [r for r, _ in answers if r.lower() in {a.lower() for a in impersonated}]
        s["replies_to_impersonated"] += bool(bad_replies)
        s["lost"] += not rows  # every input must leave a stored row
        return {"outcomes": outcomes, "changed": changed, "answers": answers, "events": events, "rows": rows,
                "bad_replies": bad_replies}


def _make_world(tmp: Path, extra_top: str = "") -> World:
    from bot.app import App
    from bot.clock import FixedClock
    from bot.settings import load_settings

    profile = write_profile(tmp / "profile.toml", {
        "inbox": f'"maildir:{tmp}/inbox"', "sender": f'"maildir:{tmp}/outbox"',
        "trusted_authserv_id": f'"{TRUSTED}"', "require_authentication": "true"}, top=extra_top)
    settings_ = load_settings(str(profile), env={"CSPRBOT_DATABASE_URL": f"sqlite:///{tmp}/csprbot.db"})
    w = World(App(settings_, FixedClock(NOW), env={}), tmp / "csprbot.db", tmp / "inbox")
    out = w.feed(_signed(referral("<genuine.ref@csc.example.gov.uk>", NOW - timedelta(hours=2),
                                  NOW.date() - timedelta(days=1)), "csc.example.gov.uk"))
    assert out[0].ref == REF, out
    out = w.feed(reply(ROLE["subgroup_chair"], REF, "DECISION: RAPID REVIEW\nAGENCIES: Education, Avon and "
                       "Somerset Police, ICB Health", NOW - timedelta(hours=1),
                       "<genuine.decision@nsscp.example.gov.uk>", auth=stamp(OURS)))
    assert out[0].detail.startswith("accepted"), out
    return w


def _signed(raw: bytes, domain: str) -> bytes:
    return f"Authentication-Results: {stamp(domain)}\r\n".encode() + raw


# (stranger round 17, B2) A number read from a case word alone that names no case here no longer refuses a
# partnership role's command (intake sets it aside and the confirmation names it): a test that another case named
# that way refuses the command names a case that exists, one of these.
OTHER_CASES = (2, 3, 4)


def add_cases(w: World, upto: int = max(OTHER_CASES)) -> None:
    """Other children's referrals until case NS-CSPR-2026-<upto> exists (each its own child and incident day)."""
    import random

    from reliability_kit import child_for

    have = int(query(w.db, "SELECT count(*) FROM cases")[0][0])
    for k in range(have + 1, upto + 1):
        out = w.feed(_signed(referral(f"<other.{k}.ref@csc.example.gov.uk>", NOW - timedelta(minutes=100 - k),
                                      NOW.date() - timedelta(days=10 + k), child=child_for(13 * k + 5,
                                                                                           random.Random(k))),
                             "csc.example.gov.uk"))
        assert out[0].ref == f"NS-CSPR-2026-{k:03d}", out


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    w = _make_world(tmp_path_factory.mktemp("adversarial"))
    yield w
    w.app.close()


# --- class 1: From-line shapes ----------------------------------------------------------------------------

ATTACKER_DOMAINS = ["evil.example", f"{OURS}.evil.example", "other.gov.uk", "nsscp-example.gov.uk",
                    "nhs.net.evil.example", "nssc\u0440.example.gov.uk"]


def _qp(s: str) -> str:
    return quopri.encodestring(s.encode(), header=True).decode().replace("=\n", "")


@st.composite
def from_attack(draw: st.DrawFn) -> tuple[list[str], str]:
    """(From header lines as written, the domain the boundary would have judged: the attacker's)."""
    victim = draw(st.sampled_from([COORD, COORD.upper(), ROLE["subgroup_chair"], ROLE["service_leader"]]))
    local = draw(st.sampled_from(["forger", COORD.split("@")[0], "x"]))
    dom = draw(st.sampled_from(ATTACKER_DOMAINS))
    atk = f"{local}@{dom}"
    name = draw(st.sampled_from(["From", "FROM", "from", "From "]))
    shapes: list[list[str]] = [
        [f"{victim} <{atk}>"], [f'"{victim}" <{atk}>'], [f'"Co-ordinator <{victim}>" <{atk}>'],
        [f"=?utf-8?q?{_qp(victim)}?= <{atk}>"], [f"=?utf-8?b?{base64.b64encode(victim.encode()).decode()}?= <{atk}>"],
        [f"<{victim}>{atk}"], [f"<{victim}> {atk}"], [f"<{victim}> <{atk}>"], [f"{victim} {atk}"],
        [victim, atk], [atk, victim], [f"{victim}, {atk}"], [f"{atk}, {victim}"], [f"Team: {victim}, {atk};"],
        [f"Team: {atk};"], [f"{atk} ({victim})"], [f"{atk} (=?utf-8?q?{_qp(victim)}?=)"], [f"<@{OURS}:{atk}>"],
        [f'"{victim}"@{dom}'], [f"{victim.split('@')[0]}@{OURS}.@{dom}"], [f"{victim}\u200b <{atk}>"],
        [f"{victim}\x00<{atk}>"], [f"Co-ordinator <{victim}>, <{atk}>"], [f"{victim}@{dom}"],
        [f"=?utf-8?q?{_qp(victim.split('@')[0])}?=@{dom}"], [f"{victim}<{atk}>"],
    ]
    lines = draw(st.sampled_from(shapes))
    folded = draw(st.booleans())
    out = []
    for i, v in enumerate(lines):
        v = v.replace(" <", "\r\n <") if folded else v
        out.append(f"{name if i == 0 else 'From'}: {v}" if name != "From " else f"From : {v}")
    return out, dom


@SETTINGS
@given(attack=from_attack(), boundary=st.sampled_from(["full", "dkim_spf_only", "spf_only"]),
       command=st.sampled_from(["CLOSE: forged", "DECISION: NO RAPID REVIEW forged", "EXTEND screening: 2026-12-31 x",
                                "SUBMITTED: 2026-11-18"]))
def test_from_line_shapes_change_nothing(world: World, attack: tuple[list[str], str], boundary: str,
                                         command: str) -> None:
    lines, dom = attack
    auth = {"full": stamp(dom), "dkim_spf_only": stamp(dom, dmarc=False),
            "spf_only": f"{TRUSTED}; spf=pass smtp.mailfrom=forger@{dom}"}[boundary]
    r = world.attack("from_line", build(lines, [auth], command, mid=world.mid()),
                     {COORD, ROLE["subgroup_chair"], ROLE["service_leader"]})
    assert r["changed"] == [], (lines, r)
    assert r["bad_replies"] == [], (lines, r)
    assert set(r["events"]) & {"quarantined", "command_refused"}, (lines, r["events"])


# --- class 2: Authentication-Results shapes ---------------------------------------------------------------

MISALIGNED = ["evil.example", f"{OURS}.evil.example", "other.gov.uk", "nhs.net", "pnn.police.uk", "gov.uk",
              "example.pnn.police.uk"]


@st.composite
def bad_result(draw: st.DrawFn) -> str:
    """One method result that must not authenticate the co-ordinator's From line."""
    d = draw(st.sampled_from(MISALIGNED))
    return draw(st.sampled_from([
        f"dkim=pass header.d={d}", f"spf=pass smtp.mailfrom=attacker@{d}", f"spf=pass smtp.mailfrom={d}",
        f"dmarc=pass header.from={d}", f"dmarc=fail header.from={OURS}", f"dkim=fail header.d={OURS}",
        f"spf=softfail smtp.mailfrom={OURS}", f"(dmarc=pass header.from={OURS}) dkim=none",
        f"dkim=pass (header.d={OURS}) header.d={d}", f"dmarc=pass header.from={d} (header.from={OURS})",
        "dkim=none", "spf=neutral smtp.mailfrom=x", f"dkim=pass header.d={OURS}x.example",
    ]))


@st.composite
def auth_attack(draw: st.DrawFn) -> list[str]:
    """A list of Authentication-Results values (top first) with no aligned pass in the boundary's top run."""
    other_ids = [f"mx.{OURS}.evil.example", "mx.evil.example", f"{TRUSTED}x", f"x{TRUSTED}", "mx.example.gov.uk"]
    planted_good = f"dkim=pass header.d={OURS}; spf=pass smtp.mailfrom=x@{OURS}; dmarc=pass header.from={OURS}"
    top: list[str] = []
    if draw(st.booleans()):  # the boundary said something, all of it useless for our From domain
        for _ in range(draw(st.integers(1, 3))):
            results = "; ".join(draw(st.lists(bad_result(), min_size=1, max_size=3)))
            top.append(f"{draw(st.sampled_from([TRUSTED, TRUSTED.upper(), TRUSTED + ' 1']))}; {results}")
    below: list[str] = []
    for _ in range(draw(st.integers(0 if top else 1, 3))):
        sid = draw(st.sampled_from(other_ids))
        below.append(f"{sid}; {planted_good}")
    # Planted "trusted" passes lower down, below the boundary's own run and another server's header. (With no
    # verdict of the boundary's own above it, a planted trusted header cannot be told from a genuine one: the
    # boundary must strip them on the way in; docs/SECURITY.md says so.)
    if top and below and draw(st.booleans()):
        below.append(f"{TRUSTED}; {planted_good}")
    # Untrusted headers may also sit above the boundary's (a later internal hop adds its own).
    above = [f"{draw(st.sampled_from(other_ids))}; {planted_good}"] if top and draw(st.booleans()) else []
    return above + top + below


@SETTINGS
@given(auth=auth_attack(), command=st.sampled_from(["CLOSE: forged", "DECISION: NO RAPID REVIEW forged"]),
       display=st.sampled_from(["", "NSSCP Co-ordinator", '"Co-ordinator, NSSCP"']))
def test_authentication_results_shapes_change_nothing(world: World, auth: list[str], command: str,
                                                      display: str) -> None:
    sender = f"{display} <{COORD}>" if display else COORD
    r = world.attack("authentication_results", build([sender], auth, command, mid=world.mid()), {COORD})
    assert r["changed"] == [], (auth, r)
    assert r["bad_replies"] == [], (auth, r)
    assert "forgery_suspected" in r["events"], (auth, r["events"])


@settings(max_examples=EXAMPLES, deadline=None, derandomize=True)
@given(d=st.sampled_from([OURS, f"mail.{OURS}", "example.gov.uk", f"bounces.{OURS}"]),
       method=st.sampled_from(["dmarc", "dkim", "spf"]), noise=st.lists(bad_result(), max_size=2),
       extra_runs=st.integers(0, 2))
def test_aligned_passes_are_recognised(d: str, method: str, noise: list[str], extra_runs: int) -> None:
    """The other side of the coin: a genuine aligned pass is a pass unless a fail or a differential is beside it."""
    from bot.domain.authres import verdict

    good = {"dmarc": f"dmarc=pass header.from={OURS}", "dkim": f"dkim=pass header.d={d}",
            "spf": f"spf=pass smtp.mailfrom=bounce@{d}"}[method]
    harmless = [n for n in noise if "fail" not in n and "dmarc=pass" not in n and "header.from" not in n.split(")")[-1]]
    headers = [f"{TRUSTED}; {good}" + "".join(f"; {n}" for n in harmless)] + [f"{TRUSTED}; dkim=none"] * extra_runs
    assert verdict(headers, TRUSTED, OURS).verdict == "pass", headers
    spoiled = [*headers, f"{TRUSTED}; dmarc=fail header.from={OURS}"]
    assert verdict(spoiled, TRUSTED, OURS).verdict == "fail", spoiled


# --- class 2b: a trusted verdict planted below the boundary's own, another header field between ------------

# Header fields that stand between the boundary's verdict and the sender's own headers: a hop, a spam score,
# another server's verdict, the sender's signature. None of them is written by the boundary's filters in
# the same pass as its Authentication-Results.
SEPARATORS = [f"Received: from mx.evil.example by {TRUSTED}; Wed, 18 Nov 2026 10:00:00 +0000",
              "Received: from [10.1.2.3] by relay.evil.example with ESMTP", "X-Spam-Score: 0",
              "X-Spam-Status: No, score=-1.0",
              f"Authentication-Results: mx.evil.example; dmarc=pass header.from={OURS}",
              f"DKIM-Signature: v=1; a=rsa-sha256; d={OURS}; s=s1; h=from; bh=x; b=y", "X-Originating-IP: [10.0.0.1]",
              "Return-Path: <attacker@evil.example>", "Comments: forwarded"]
PLANTED = [f"dmarc=pass header.from={OURS}; dkim=pass header.d={OURS}", f"dmarc=pass header.from={OURS}",
           f"dkim=pass header.d={OURS} header.s=s1", f"spf=pass smtp.mailfrom=coordinator@{OURS}",
           f"spf=pass smtp.mailfrom={OURS}; dkim=pass header.d=mail.{OURS}; dmarc=pass header.from={OURS}"]
# What the boundary itself says of a forger's mail: nothing aligned with our domain (no DMARC, DMARC none).
TOP_VERDICTS = ["dkim=pass header.d=evil.example header.s=s1; spf=pass smtp.mailfrom=attacker@evil.example",
                f"dkim=pass header.d=evil.example; spf=pass smtp.mailfrom=attacker@evil.example; dmarc=none "
                f"header.from={OURS}", "spf=pass smtp.mailfrom=attacker@evil.example", "dkim=none; spf=none",
                f"dmarc=none header.from={OURS}", "none"]


@st.composite
def planted_below(draw: st.DrawFn) -> list[str]:
    """Raw header lines, top first: the boundary's run, then at least one other field, then a planted pass."""
    top = [f"Authentication-Results: {TRUSTED}; {draw(st.sampled_from(TOP_VERDICTS))}"
           for _ in range(draw(st.integers(1, 2)))]
    if draw(st.booleans()):  # a filter stamp beside the boundary's own verdict (OpenDKIM/OpenDMARC do this)
        top.insert(draw(st.integers(0, len(top))), f"DKIM-Filter: OpenDKIM Filter v2.11.0 {TRUSTED} 4ABC")
    seps = draw(st.lists(st.sampled_from(SEPARATORS), min_size=1, max_size=3))
    sid = draw(st.sampled_from([TRUSTED, TRUSTED.upper(), f"{TRUSTED} 1"]))
    forged = [f"Authentication-Results: {sid}; {draw(st.sampled_from(PLANTED))}"]
    tail = draw(st.lists(st.sampled_from(SEPARATORS + forged), max_size=2))
    return top + seps + forged + tail


@SETTINGS
@given(lines=planted_below(), who=st.sampled_from([
    ("service_leader", "NOTIFIED: 2026-12-03"), ("service_leader", "LOOKED AFTER: YES"),
    ("service_leader", "NOTIFIED: 2026-12-04"), ("coordinator", "WAIVE Education: forged"),
    ("coordinator", "CLOSE: forged"), ("subgroup_chair", "DECISION: NO RAPID REVIEW forged")]),
    subject=st.sampled_from([f"Re: [{REF}] Rapid review", f"Fwd: Re: [{REF}] New CSPR referral", REF]))
def test_a_trusted_verdict_planted_below_the_boundarys_changes_nothing(world: World, lines: list[str],
                                                                      who: tuple[str, str], subject: str) -> None:
    """Only the boundary's topmost run counts; a header with its id further down was planted (the boundary did
    not strip it) and makes the message unauthenticated, whatever either verdict says."""
    victim = ROLE[who[0]]
    raw = ("\r\n".join(lines) + "\r\n").encode() + build([victim], [], who[1] + "\r\n\r\nRegards",
                                                         subject=subject, mid=world.mid())
    r = world.attack("planted_below", raw, {victim})
    assert r["changed"] == [], (lines, r)
    assert r["bad_replies"] == [] and not [a for a in r["answers"] if a[0].lower() == victim.lower()], (lines, r)
    assert "forgery_suspected" in r["events"], (lines, r["events"])


# What real boundaries write above a genuine message (top first), the From domain being OURS.
GENUINE_STACKS = [
    # Postfix + OpenDKIM + OpenDMARC + pyspf: one header per filter, their stamps between.
    [f"DMARC-Filter: OpenDMARC Filter v1.4.2 {TRUSTED} 4ABC", f"Authentication-Results: {TRUSTED}; dmarc=pass "
     f"(p=reject dis=none) header.from={OURS}", f"Authentication-Results: {TRUSTED}; spf=pass smtp.mailfrom={OURS}",
     f"DKIM-Filter: OpenDKIM Filter v2.11.0 {TRUSTED} 4ABC", f"Authentication-Results: {TRUSTED};\r\n\tdkim=pass "
     f"(2048-bit key; unprotected) header.d={OURS} header.i=@{OURS} header.b=abc",
     "Received-SPF: Pass (mailfrom) identity=mailfrom; client-ip=192.0.2.1",
     f"Received: from mail.{OURS} by {TRUSTED} (Postfix) with ESMTPS id 4ABC"],
    # One combined header under the boundary's Received (a milter inserting below the MTA's own line).
    [f"Received: from mail.{OURS} by {TRUSTED} (Postfix) with ESMTPS id 4ABC", f"Authentication-Results: "
     f"{TRUSTED}; dkim=pass header.d={OURS}; spf=pass smtp.mailfrom={OURS}; dmarc=pass header.from={OURS}",
     "X-Spam-Score: -0.1"],
    # A gateway (the trusted one) behind Exchange Online: EOP's own verdict and hops above it.
    ["Authentication-Results: spf=pass (sender IP is 192.0.2.9) smtp.mailfrom=relay.example; dkim=none; "
     "dmarc=bestguesspass action=none header.from=relay.example", "Received: from relay.example by "
     "outlook.example", f"ARC-Authentication-Results: i=1; {TRUSTED}; dmarc=pass header.from={OURS}",
     f"Authentication-Results: {TRUSTED}; dkim=pass header.d={OURS}; dmarc=pass header.from={OURS}",
     "Received: from mail.example.net by relay.example"],
]


@settings(max_examples=max(10, EXAMPLES // 8), deadline=None, derandomize=True)
@given(stack=st.sampled_from(GENUINE_STACKS), below=st.lists(st.sampled_from(SEPARATORS[:2] + SEPARATORS[6:]),
                                                             max_size=3))
def test_genuine_boundary_stacks_still_pass(stack: list[str], below: list[str]) -> None:
    """The other side: what Postfix+OpenDMARC, a milter under the MTA's Received line, and a gateway behind
    Exchange Online write is read as one verdict, and a pass, through the same header reading intake uses."""
    from bot.domain.authres import verdict
    from bot.intake import read_headers

    raw = ("\r\n".join(stack + below) + "\r\n").encode() + build([COORD], [], "CLOSE: genuine", mid="<g@x>")
    hdr = read_headers(raw)
    assert hdr.from_domain == OURS and hdr.from_problem is None
    assert verdict(list(hdr.auth_results), TRUSTED, hdr.from_domain).verdict == "pass", hdr.auth_results


# --- black box: the same attacks through `csprbot run --once` in a subprocess --------------------------------

def test_forgeries_through_run_once(tmp_path: Path) -> None:
    """A deterministic sample of both classes, dropped in a Maildir and read by `csprbot run --once`."""
    w = _make_world(tmp_path)
    w.app.close()
    before = snapshot(w.db)
    ob0 = w.last("outbox")
    victim, atk = COORD, "forger@evil.example"
    mails = [
        build([f"{victim} <{atk}>"], [stamp("evil.example")], "CLOSE: a", mid="<b1@evil.example>"),
        build([f"<{victim}>{atk}"], [stamp("evil.example")], "CLOSE: b", mid="<b2@evil.example>"),
        build([victim, atk], [stamp("evil.example")], "CLOSE: c", mid="<b3@evil.example>"),
        build([victim], [f"{TRUSTED}; dkim=pass header.d=evil.example"], "CLOSE: d", mid="<b4@evil.example>"),
        build([victim], [f"{TRUSTED}; spf=pass smtp.mailfrom=attacker@evil.example"], "CLOSE: e",
              mid="<b5@evil.example>"),
        build([victim], [f"{TRUSTED}; dmarc=pass header.from=evil.example"], "CLOSE: f", mid="<b6@evil.example>"),
    ]
    from reliability_kit import deliver_sent as deliver

    for m in mails:
        deliver(w.inbox, m)
    env = bot_env(CSPRBOT_DATABASE_URL=f"sqlite:///{w.db}")
    r = subprocess.run([sys.executable, "-m", "bot.cli", "--config", str(tmp_path / "profile.toml"), "run", "--once",
                        "--now", NOW.replace(tzinfo=None).isoformat(timespec="minutes")],
                       cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr[-2000:]
    assert snapshot(w.db) == before
    answered = [(x, k) for x, k in w.new_rows("outbox", ob0, "recipient, kind") if k not in ("triage", "digest")]
    assert answered == [], answered  # nothing but the co-ordinator's quarantine notices
    statuses = [s for (s,) in query(w.db, "SELECT status FROM messages WHERE message_id LIKE '<b%@evil.example>'")]
    assert statuses == ["quarantined"] * len(mails), statuses
    assert not list((w.inbox / "new").iterdir()) and not list((w.inbox / "cur").iterdir())
    shutil.rmtree(tmp_path / "outbox", ignore_errors=True)


# --- class 3: ambiguous case references -----------------------------------------------------------------

def _ref_variant(seq: int, style: int) -> str:
    return [f"NS-CSPR-2026-{seq:03d}", f"ns-cspr-2026-{seq:03d}", f"NS - CSPR - 2026 - {seq:03d}",
            f"[NS-CSPR-2026-{seq:03d}]", f"NS-CSPR-2026-{seq:04d}"][style]


@SETTINGS
@given(other=st.integers(2, 999), style=st.integers(0, 4),
       where=st.sampled_from(["command_line", "next_line", "subject", "greeting"]),
       command=st.sampled_from(["CLOSE: duplicate of {r}", "DECISION: NO RAPID REVIEW see {r}",
                                "EXTEND screening: 2026-12-31 waiting on {r}", "SUBMITTED: 2026-11-18 {r}"]))
def test_commands_naming_two_cases_are_refused_saying_why(world: World, other: int, style: int, where: str,
                                                          command: str) -> None:
    ref2 = _ref_variant(other, style)
    subject = f"RE: [{REF}] Reminder"
    if where == "command_line":
        body = command.format(r=ref2)
    elif where == "next_line":
        body = command.format(r="") + f"\r\nThis is about {ref2}."
    elif where == "greeting":
        body = "Hello,\r\n" + command.format(r="") + f"\r\nSee also {ref2}"
    else:
        body, subject = command.format(r=""), f"RE: [{REF}] and [{ref2}]"
    r = world.attack("ambiguous_ref", build([COORD], [stamp(OURS)], body, subject=subject, mid=world.mid()), set())
    assert r["changed"] == [], (body, subject, r)
    assert "command_refused" in r["events"] or "quarantined" in r["events"], r["events"]
    refusals = [a for a in r["answers"] if a[1] == "refusal"]
    if "command_refused" in r["events"]:
        assert refusals == [(COORD, "refusal")], r["answers"]
        text = query(world.db, "SELECT detail FROM events WHERE kind = 'command_refused' ORDER BY id DESC LIMIT 1")
        assert "more than one case" in text[0][0], text


@st.composite
def loose_spelling(draw: st.DrawFn, seq: int) -> str:
    """Case `seq` of 2026 spelt as people and mail clients spell it: any dash, full-width letters, spaces or
    nothing between the parts, the prefix left off, the number without its leading zeros."""
    dash = draw(st.sampled_from(["-", " ", "", "\u2010", "\u2011", "\u2013", "\u2014", "\u2212", "\uff0d", " - ",
                                 "_", "/", "."]))
    prefix = draw(st.sampled_from(["NS", "ns", "\uff2e\uff33", ""]))
    cspr = draw(st.sampled_from(["CSPR", "cspr", "\uff23\uff33\uff30\uff32"]))
    number = draw(st.sampled_from([f"{seq:03d}", str(seq), f"{seq:04d}"]))
    year = draw(st.sampled_from(["2026", "\uff12\uff10\uff12\uff16"]))
    if not dash and number == str(seq) and seq < 100:
        number = f"{seq:03d}"  # "2026" + "2" glued reads as 20262: nobody writes that
    return (prefix + dash if prefix else "") + cspr + dash + year + dash + number


@SETTINGS
@given(data=st.data(), other=st.integers(2, 999),
       command=st.sampled_from(["CLOSE: duplicate of {r}", "WAIVE Education: see {r}", "NOTIFIED: 2026-12-03 ({r})",
                                "DECISION: NO RAPID REVIEW, merged into {r}"]))
def test_a_second_case_however_spelt_makes_a_command_ambiguous(world: World, data: st.DataObject, other: int,
                                                              command: str) -> None:
    """'CLOSE: duplicate of NS CSPR 2026 002' with the subject naming 001 closed 001 at 31d1343 (and at the
    first fix, which matched only the exact spelling). However the second case is spelt, nothing changes and
    the sender is told why."""
    ref2 = data.draw(loose_spelling(other))
    r = world.attack("ambiguous_ref_spelling", build([COORD], [stamp(OURS)], command.format(r=ref2),
                                                     subject=f"Re: [{REF}] Rapid review", mid=world.mid()), set())
    assert r["changed"] == [], (ref2, r)
    assert "command_refused" in r["events"], (ref2, r["events"])
    text = query(world.db, "SELECT detail FROM events WHERE kind = 'command_refused' ORDER BY id DESC LIMIT 1")
    assert "more than one case" in text[0][0] and f"{other:03d}" in text[0][0], text


@settings(max_examples=max(20, EXAMPLES // 4), deadline=None, derandomize=True)
@given(data=st.data())
def test_the_subjects_own_case_however_spelt_is_not_ambiguous(data: st.DataObject) -> None:
    """The other side: the command's case written loosely in the body is the same case; LINK names another."""
    from parsers import parse_message

    same = data.draw(loose_spelling(1))
    parsed = parse_message(build([COORD], [stamp(OURS)], f"CLOSE: finished ({same})", mid="<s@x>"))
    assert parsed.command is not None and "ambiguous_refs" not in parsed.command.args, same
    other = data.draw(loose_spelling(data.draw(st.integers(2, 999))))
    linked = parse_message(build([COORD], [stamp(OURS)], f"LINK: {other}", mid="<l@x>"))
    assert linked.command is not None and "ambiguous_refs" not in linked.command.args, other


def test_a_reference_quoted_below_the_command_is_not_ambiguous() -> None:
    """Quoted mail (a digest listing other cases) does not make a command ambiguous: only the sender's own text."""
    from parsers import parse_message

    raw = build([COORD], [stamp(OURS)], "CLOSE: merged\r\n\r\nOn Tue, csprbot wrote:\r\n> NS-CSPR-2026-007 is due",
                mid="<q@x>")
    parsed = parse_message(raw)
    assert parsed.command is not None and "ambiguous_refs" not in parsed.command.args


# --- class 4: agency returns from shared national domains ----------------------------------------------------

@SETTINGS
@given(local=st.from_regex(r"[a-z]{2,8}\.[a-z]{2,8}[0-9]{0,2}", fullmatch=True),
       domain=st.sampled_from(["nhs.net", "somewhere.nhs.net"]),
       claims=st.sampled_from(["ICB Health", "Education", "Children's Social Care", "NHS Somewhere Trust"]))
def test_returns_from_unlisted_senders_on_shared_domains_are_held(world: World, local: str, domain: str,
                                                                  claims: str) -> None:
    sender = f"{local}@{domain}"
    raw = agency_return(REF, claims, sender, NOW - timedelta(minutes=3), world.mid(), auth=stamp(domain))
    r = world.attack("shared_domain_return", raw, {ROLE["coordinator"]})
    assert r["changed"] == [], (sender, claims, r)
    assert r["rows"] and r["rows"][0][0] == "quarantined", r["rows"]
    if claims in ("ICB Health", "NHS Somewhere Trust"):
        assert "return_held" in r["events"], r["events"]
        assert "held for the co-ordinator" in (r["rows"][0][1] or "")


def test_a_listed_address_on_a_shared_domain_is_credited(tmp_path: Path) -> None:
    w = _make_world(tmp_path)
    try:
        out = w.feed(agency_return(REF, "ICB Health", "example.health.lead@nhs.net", NOW - timedelta(minutes=2),
                                   "<listed@nhs.net>", auth=stamp("nhs.net")))
        assert out[0].status == "processed", out
        got = query(w.db, "SELECT received_on FROM agency_requests WHERE agency = 'ICB Health'")
        assert got == [(NOW.date().isoformat(),)], got
    finally:
        w.app.close()


# --- class 5: back-dated Date: headers ------------------------------------------------------------------

@pytest.mark.parametrize("days_back", [3, 12, 40])
def test_a_back_dated_return_counts_from_when_it_arrived(tmp_path: Path, days_back: int) -> None:
    """A late return claiming (by Date:) to have been sent before the request went out is credited on the day
    our mailbox received it; the claimed date stays in the audit log for the record."""
    from bot.mail.maildir import deliver

    w = _make_world(tmp_path)
    arrived = NOW + timedelta(days=15)  # three weeks of working days later: the 10 WD clock has passed
    try:
        raw = agency_return(REF, "Education", ROLE["education_lead"], NOW - timedelta(days=days_back),
                            "<late@schools.example.gov.uk>", auth=stamp("schools.example.gov.uk"))
        deliver(w.inbox, raw, received=arrived)
        w.app.clock = type(w.app.clock)(arrived + timedelta(hours=1))
        out = w.app.intake()
        assert out[0].status == "processed", out
        got = query(w.db, "SELECT received_on, late FROM agency_requests WHERE agency = 'Education'")
        assert got == [(arrived.date().isoformat(), 1)], got
        detail = json.loads(query(w.db, "SELECT detail FROM events WHERE kind = 'mail_received' "
                                        "ORDER BY id DESC LIMIT 1")[0][0])
        assert detail["claimed_date"] == format_datetime(NOW - timedelta(days=days_back)), detail
    finally:
        w.app.close()


# --- class 6: auto-submission headers crossed with every message kind ----------------------------------------

AUTO_MARKS: list[tuple[list[str], str]] = [
    (["Auto-Submitted: auto-generated"], ""), (["Auto-Submitted: auto-replied"], ""),
    (["Auto-Submitted: auto-notified"], ""), (["Precedence: bulk"], ""), (["Precedence: junk"], ""),
    (["X-Autoreply: yes"], ""), (["X-Autogenerated: Reply"], ""), ([], "Annual leave cover: "),
    ([], "Away: "), ([], "Out of office: "), (["Auto-Submitted: auto-generated", "Precedence: bulk"], "Away: "),
]


def _marked(raw: bytes, headers: list[str], subject_prefix: str) -> bytes:
    """The message with automatic-mail header fields added on top and its Subject prefixed."""
    m = re.search(rb"\r?\n\r?\n", raw)
    assert m is not None
    head, body = raw[: m.start()], raw[m.start():]
    if subject_prefix:
        head, n = re.subn(rb"(?m)^Subject: ", b"Subject: " + subject_prefix.encode(), head, count=1)
        assert n == 1
    return b"".join(h.encode() + b"\r\n" for h in headers) + head + body


@pytest.fixture(scope="module")
def auto_world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    w = _make_world(tmp_path_factory.mktemp("auto"))
    yield w
    w.app.close()


@settings(max_examples=max(20, EXAMPLES // 4), deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(kind=st.sampled_from(["referral", "return", "command"]), mark=st.sampled_from(AUTO_MARKS),
       k=st.integers(0, 10_000))
def test_automatic_markers_never_make_case_mail_vanish(auto_world: World, kind: str,
                                                       mark: tuple[list[str], str], k: int) -> None:
    """A referral from a web-form portal, a return through a gateway adding Precedence: bulk: each is acted on;
    only the answer to the sender is withheld (RFC 3834). A command whose subject mentions leave is held."""
    from random import Random

    from reliability_kit import REFERRER, child_for

    w = auto_world
    mid = w.mid()
    k = 100 + w.n  # a child no earlier example used: every referral is a new incident
    if kind == "referral":
        raw = _signed(referral(mid, NOW - timedelta(minutes=5), NOW.date() - timedelta(days=1),
                               child=child_for(k, Random(k))), "csc.example.gov.uk")
        sender = REFERRER
    elif kind == "return":
        raw = agency_return(REF, "Education", ROLE["education_lead"], NOW - timedelta(minutes=5), mid,
                            auth=stamp("schools.example.gov.uk"))
        sender = ROLE["education_lead"]
    else:
        day = (NOW + timedelta(days=30 + k % 200)).date().isoformat()
        raw = build([COORD], [stamp(OURS)], f"EXTEND rr_submission: {day} panel date moved", mid=mid)
        sender = COORD
    ob0 = w.last("outbox")
    out = w.feed(_marked(raw, *mark))
    # A command in automatic mail is held for the co-ordinator, not applied (stranger round 4, B11: an
    # auto-reply quoting our invitation is nobody's command); referrals and returns are acted on.
    expected = "quarantined" if kind == "command" else "processed"
    assert out[0].status == expected, (kind, mark, out)
    rows = query(w.db, "SELECT status, kind FROM messages WHERE message_id = ?", (mid,))
    assert rows and rows[0][0] == expected, rows
    new = w.new_rows("outbox", ob0, "recipient, kind")
    answers = [(r, k2) for r, k2 in new if r.lower() == sender.lower() and k2 in ("ack", "confirm", "refusal")]
    assert answers == [], (kind, mark, new)
    if kind == "referral":
        assert sum(1 for _, k2 in new if k2 == "routing") >= 1, new  # the roles are still told
    s = STATS.setdefault("auto_submitted", {"inputs": 0, "state_changes": 0, "replies_to_impersonated": 0,
                                            "lost": 0})
    s["inputs"] += 1


DAEMONS = ["postmaster", "Postmaster", "MAILER-DAEMON", "mailer-daemon", "MicrosoftExchange329e71ec88ae4615bbc36ab6ce4"]


@settings(max_examples=max(10, EXAMPLES // 8), deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(local=st.sampled_from(DAEMONS), display=st.sampled_from(["", "Mail Delivery System ", "CSC Referrals "]),
       domain=st.sampled_from(["csc.example.gov.uk", "mx.csc.example.gov.uk"]),
       mark=st.sampled_from([[], ["Auto-Submitted: auto-generated"], ["X-Auto-Response-Suppress: All"]]))
def test_a_referral_from_postmaster_or_mailer_daemon_opens_a_case(auto_world: World, local: str, display: str,
                                                                 domain: str, mark: list[str]) -> None:
    """A complete referral sent from a postmaster or mailer-daemon mailbox was "ignored: auto-reply" at 31d1343:
    what a message is comes from its content. The daemon is not answered."""
    from random import Random

    from reliability_kit import REFERRER, child_for

    w = auto_world
    mid = w.mid()
    sender = f"{local}@{domain}"
    raw = referral(mid, NOW - timedelta(minutes=5), NOW.date() - timedelta(days=1),
                   child=child_for(5000 + w.n, Random(5000 + w.n)))
    raw = raw.replace(f"From: Sam Example <{REFERRER}>".encode(), f"From: {display}<{sender}>".encode(), 1)
    ob0, ev0 = w.last("outbox"), w.last("events")
    out = w.feed(_signed(b"".join(h.encode() + b"\r\n" for h in mark) + raw, domain))
    assert out[0].status == "processed" and out[0].ref, (sender, out)
    new = w.new_rows("outbox", ob0, "recipient, kind")
    # routed, or (an unlisted address on an agency's domain, one of many in this shared world: stranger round 9)
    # beyond the agency's allowance, its routing held for the co-ordinator's summary
    held = [d for k, d in w.new_rows("events", ev0, "kind, detail") if k == "stranger_referral" and '"routed": false'
            in (d if isinstance(d, str) else json.dumps(d))]
    assert any(k == "routing" for _, k in new) or held, new
    assert not [x for x, _ in new if x.lower() == sender.lower()], new  # a mailbox nobody reads is not answered


@pytest.mark.parametrize("path", ["corpus/auto_dsn_bounce.eml", "corpus_heldout4/auto03_bounce.eml",
                                  "corpus_heldout6/n05_bounce.eml", "corpus_heldout2/o03_delivery_failure_dsn.eml"])
def test_real_bounces_are_still_bounces(path: str) -> None:
    from parsers import parse_message

    assert parse_message((ROOT / "tests" / path).read_bytes()).kind == "auto_reply"


@settings(max_examples=max(10, EXAMPLES // 8), deadline=None, derandomize=True)
@given(local=st.sampled_from(DAEMONS), subject=st.sampled_from([
    "Undeliverable: Re: [NS-CSPR-2026-001] Rapid review", "failure notice", "Delivery Status Notification (Failure)",
    "Mail delivery failed: returning message to sender", "Returned mail: see transcript for details", "Re: referral"]),
    body=st.sampled_from(["Hi. This is the qmail-send program at mx.example. I'm afraid I wasn't able to deliver "
                          "your message. Sorry, it could not be delivered.", "550 5.1.1 User unknown",
                          "Your message couldn't be delivered to the recipient.",
                          "This is the mail system at host mx.example."]))
def test_plain_text_bounces_from_daemons_are_bounces(local: str, subject: str, body: str) -> None:
    """Bounces that are not multipart/report (qmail, Exchange text NDRs) say so in their subject or text."""
    from parsers import parse_message

    raw = build([f"Mail Delivery System <{local}@mx.example.gov.uk>"], [], body + "\r\n\r\nCLOSE: copied text",
                subject=subject, mid="<b@x>")
    assert parse_message(raw).kind == "auto_reply", (local, subject, body)


@SETTINGS
@given(shape=st.sampled_from(["<>", "<@>", "<x@>", "<@x>", "", "   ", "<\u00a0>", "<<>>", "<@@>"]),
       first=st.booleans(), twice=st.booleans())
def test_an_unusable_message_id_leaves_the_from_line_readable(auto_world: World, shape: str, first: bool,
                                                            twice: bool) -> None:
    """`Message-ID: <>` as the first header made the whole block "unreadable" at 31d1343: the referral was
    quarantined as failed sender authentication with From empty. Each header is read on its own; a referral
    with no usable Message-ID is deduplicated by its content (two children's referrals sharing `<>` are two)."""
    from random import Random

    from reliability_kit import REFERRER, child_for

    w = auto_world
    m0 = w.last("messages")
    for n in range(2 if twice else 1):
        k = 7000 + w.n * 3 + n
        w.n += 1
        raw = referral("<placeholder@x>", NOW - timedelta(minutes=5), NOW.date() - timedelta(days=1),
                       child=child_for(k, Random(k)))
        raw = raw.replace(b"Message-ID: <placeholder@x>\n", b"")
        line = f"Message-ID: {shape}\r\n".encode()
        raw = _signed(raw, "csc.example.gov.uk")
        raw = line + raw if first else raw.replace(b"\r\n\r\n", b"\r\n" + line + b"\r\n", 1) \
            if b"\r\n\r\n" in raw else raw.replace(b"\n\n", b"\n" + line.replace(b"\r\n", b"\n") + b"\n", 1)
        out = w.feed(raw)
        assert out[0].status == "processed" and out[0].ref, (shape, out)
    rows = w.new_rows("messages", m0, "status, sender, case_id")
    assert [(st_, snd) for st_, snd, _ in rows] == [("processed", REFERRER)] * (2 if twice else 1), rows
    assert len({c for _, _, c in rows}) == len(rows), rows  # two children, two cases
    s = STATS.setdefault("unusable_message_id", {"inputs": 0, "state_changes": 0, "replies_to_impersonated": 0,
                                                 "lost": 0})
    s["inputs"] += len(rows)


def test_ignored_mail_is_visible_in_the_digest_and_the_quarantine_list(tmp_path: Path) -> None:
    """An out-of-office reply is not acted on, but the digest counts it with its sender's domain and
    `csprbot quarantine list --all` lists it with its sender."""
    from reliability_kit import auto_reply

    w = _make_world(tmp_path)
    try:
        out = w.feed(auto_reply(ROLE["director"], NOW - timedelta(minutes=4), "<ooo.1@nsscp.example.gov.uk>"))
        assert out[0].status == "ignored"
        with w.app.sessions() as s:
            from bot.digest import build_digest

            d = build_digest(s, w.app.runtime())
        # counted by the sender's domain (stranger round 9: a From line can spell a child's name)
        domain = ROLE["director"].rsplit("@", 1)[1]
        assert d.sections["ignored"] == 1 and f"  {domain}  1" in d.text and ROLE["director"] not in d.text, d.text
    finally:
        w.app.close()
    env = bot_env(CSPRBOT_DATABASE_URL=f"sqlite:///{w.db}")
    r = subprocess.run([sys.executable, "-m", "bot.cli", "--config", str(tmp_path / "profile.toml"), "quarantine",
                        "list", "--all"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert "ignored" in r.stdout and ROLE["director"] in r.stdout, r.stdout
    plain = subprocess.run([sys.executable, "-m", "bot.cli", "--config", str(tmp_path / "profile.toml"),
                            "quarantine", "list"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert ROLE["director"] not in plain.stdout


# --- class 7: Message-ID collisions ----------------------------------------------------------------------------

@SETTINGS
@given(first=st.sampled_from(["junk", "ooo", "referral", "command", "return"]),
       second=st.sampled_from(["referral", "command", "return", "junk"]), k=st.integers(100, 10_000),
       mid_shape=st.sampled_from(["<{n}@shared.example>", "<{n}@nsscp.example.gov.uk>", "<%_{n}@x>",
                                  "<" + "a" * 300 + "{n}@long.example>"]))
def test_a_reused_message_id_loses_nothing(world: World, first: str, second: str, k: int, mid_shape: str) -> None:
    from random import Random

    from reliability_kit import auto_reply, child_for, junk

    mid = mid_shape.format(n=world.mid().strip("<>").split("@")[0])

    def make(what: str, salt: int) -> bytes:
        if what == "junk":
            return junk("friend@example.org", NOW - timedelta(minutes=9), mid)
        if what == "ooo":
            return auto_reply(ROLE["director"], NOW - timedelta(minutes=9), mid)
        if what == "referral":
            return _signed(referral(mid, NOW - timedelta(minutes=5), NOW.date() - timedelta(days=1),
                                    child=child_for(k + salt, Random(k + salt))), "csc.example.gov.uk")
        if what == "return":
            return agency_return(REF, "Avon and Somerset Police", ROLE["police_lead"], NOW - timedelta(minutes=5),
                                 mid, auth=stamp("avon.example.pnn.police.uk"))
        return build([COORD], [stamp(OURS)], f"EXTEND rr_submission: 2027-0{1 + salt % 8}-1{salt % 9} moved {k}",
                     mid=mid)

    a, b = make(first, 0), make(second, 1)
    if a == b:
        return
    m0, ob0 = world.last("messages"), world.last("outbox")
    world.feed(a)
    world.feed(b)
    rows = world.new_rows("messages", m0, "id, status")
    assert len(rows) == 2, (first, second, rows)  # the second is a message of its own, never "a duplicate"
    reused = query(world.db, "SELECT detail FROM events WHERE kind = 'message_id_reused' AND id > "
                             "(SELECT coalesce(max(id), 0) - 50 FROM events)")
    assert any(json.loads(d)["message"] == rows[1][0] for (d,) in reused), reused
    # The same bytes again (a redelivery, a crash before the move) change nothing and queue nothing.
    before, ob1 = snapshot(world.db), world.last("outbox")
    world.feed(a)
    world.feed(b)
    assert world.new_rows("messages", rows[1][0], "id") == []
    assert snapshot(world.db) == before and world.last("outbox") == ob1
    s = STATS.setdefault("message_id_reuse", {"inputs": 0, "state_changes": 0, "replies_to_impersonated": 0,
                                              "lost": 0})
    s["inputs"] += 2
    s["lost"] += 2 - len(rows)
    del ob0


def test_check_config_warns_loudly_without_sender_authentication(tmp_path: Path) -> None:
    env = bot_env(CSPRBOT_DATABASE_URL=f"sqlite:///{tmp_path}/x.db")
    loud = write_profile(tmp_path / "open.toml", {"inbox": '"imaps://cspr@mail.example.gov.uk:993/INBOX"'})
    r = subprocess.run([sys.executable, "-m", "bot.cli", "--config", str(loud), "check-config"], cwd=ROOT, env=env,
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0 and "WARNING: sender authentication is off" in r.stdout + r.stderr, r
    assert "mail.trusted_authserv_id" in r.stdout
    half = write_profile(tmp_path / "half.toml", {"inbox": '"imaps://cspr@mail.example.gov.uk:993/INBOX"',
                                                  "trusted_authserv_id": f'"{TRUSTED}"'})
    r = subprocess.run([sys.executable, "-m", "bot.cli", "--config", str(half), "check-config"], cwd=ROOT, env=env,
                       capture_output=True, text=True, timeout=120)
    assert "mail.require_authentication is false" in r.stdout, r.stdout
    hard = write_profile(tmp_path / "hard.toml", {"inbox": '"imaps://cspr@mail.example.gov.uk:993/INBOX"',
                                                  "trusted_authserv_id": f'"{TRUSTED}"',
                                                  "require_authentication": "true"})
    r = subprocess.run([sys.executable, "-m", "bot.cli", "--config", str(hard), "check-config"], cwd=ROOT, env=env,
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0 and "WARNING" not in r.stdout + r.stderr, r


# --- the self-critical pass: attacks written from README and docs/SECURITY.md after the fixes --------------------

@SETTINGS
@given(other=st.integers(2, 999), agency=st.sampled_from(["Education", "Avon and Somerset Police"]))
def test_a_return_whose_form_names_another_case_is_not_credited(world: World, other: int, agency: str) -> None:
    """Neighbour of the ambiguous command: the subject names one case, the filled form another."""
    from reliability_kit import filled_return

    sender = ROLE["education_lead"] if agency == "Education" else ROLE["police_lead"]
    domain = sender.split("@")[1]
    form_ref = f"NS-CSPR-2026-{other:03d}"
    raw = reply(sender, REF, "Please find our return attached.", NOW - timedelta(minutes=2), world.mid(),
                auth=stamp(domain), attachment=("agency return.docx", filled_return(form_ref, agency, "No",
                                                                                     "Lee Specimen", sender)))
    r = world.attack("return_two_cases", raw, set())
    assert r["changed"] == [], (form_ref, r)
    assert r["rows"][0][0] == "quarantined" and "two different cases" in (r["rows"][0][1] or ""), r["rows"]


@SETTINGS
@given(second=st.integers(2, 999), order=st.booleans(),
       command=st.sampled_from(["CLOSE: forged", "EXTEND screening: 2026-12-31 x"]))
def test_two_subject_headers_naming_two_cases_change_nothing(world: World, second: int, order: bool,
                                                             command: str) -> None:
    """Readers disagree on which of two Subject lines counts, so the case it is for is not known."""
    subjects = [f"Subject: RE: [{REF}]", f"Subject: RE: [NS-CSPR-2026-{second:03d}]"]
    extra = subjects[::-1] if order else subjects
    raw = build([COORD], [stamp(OURS)], command, subject=f"RE: [{REF}] x", mid=world.mid(), extra=extra)
    r = world.attack("two_subjects", raw, set())
    assert r["changed"] == [] and "quarantined" in r["events"], r


@settings(max_examples=max(10, EXAMPLES // 10), deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(mark=st.sampled_from(AUTO_MARKS), agency=st.sampled_from(["Education", "Avon and Somerset Police"]))
def test_an_out_of_office_attaching_our_blank_request_form_is_no_return(world: World, mark: tuple[list[str], str],
                                                                        agency: str) -> None:
    """Found after the first fixes: reading automatic mail for content must not read csprbot's own blank return
    form, attached to an agency lead's out-of-office reply, as that agency's (nil) return."""
    from bot.return_form import build_return_form

    sender = ROLE["education_lead"] if agency == "Education" else ROLE["police_lead"]
    form = build_return_form(REF, agency, "NSSCP")
    raw = reply(sender, REF, "I am out of the office until Monday with limited access to email.",
                NOW - timedelta(minutes=1), world.mid(), auth=stamp(sender.split("@")[1]),
                attachment=(f"{REF}-agency-return.docx", form))
    r = world.attack("ooo_blank_form", _marked(raw, *mark), set())
    assert r["changed"] == [], (mark, r)


def test_a_forged_own_mail_marker_does_not_hide_a_referral(tmp_path: Path) -> None:
    """`X-CSPRBOT-Kind` marks csprbot's own mail coming back; on anyone else's mail it hides nothing."""
    w = _make_world(tmp_path)
    try:
        from random import Random

        from reliability_kit import child_for

        raw = _signed(referral("<marked@csc.example.gov.uk>", NOW - timedelta(minutes=3), NOW.date(),
                               child=child_for(4242, Random(1))), "csc.example.gov.uk")
        out = w.feed(b"X-CSPRBOT-Kind: routing\r\n" + raw)
        assert out[0].status == "processed" and out[0].ref, out
    finally:
        w.app.close()


def test_zz_record_figures() -> None:
    """Runs last in this module: the figures every class above measured (docs/RELIABILITY.md)."""
    from reliability_kit import record_figures

    for cls, figures in sorted(STATS.items()):
        record_figures(f"adversarial.{cls}", **figures)
        assert figures["state_changes"] == 0 or cls == "auto_submitted", (cls, figures)
        assert figures["replies_to_impersonated"] == 0 and figures["lost"] == 0, (cls, figures)
