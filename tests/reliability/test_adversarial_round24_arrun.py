"""Stranger round 24 B1: in the boundary's run of Authentication-Results, an aligned negative verdict wins.

On the hardened profile (trusted_authserv_id + require_authentication) a forged CLOSE claiming the co-ordinator,
under the boundary's own Received line and its Authentication-Results saying spf=fail or dkim=fail for the
co-ordinator's domain, with a *planted* header of the same authserv-id directly below saying pass (same method
and identity, or dmarc=pass), closed the case: only dmarc=fail won. docs/SECURITY.md promises "A fail in any of
the run still wins". Generated runs (order, methods, verdicts, identities aligned/misaligned/absent, casing,
comments) go end to end through intake against an oracle: the command acts only if no aligned negative verdict
(fail, softfail, permerror) is in the run, no DMARC result judged another From domain, and an aligned pass exists.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from reliability_kit import ROLE, query, reply, snapshot
from test_adversarial import EXAMPLES, OURS, REF, TRUSTED, World, _make_world, build, stamp

COORD = ROLE["coordinator"]
NEGATIVE = ("fail", "softfail", "permerror")
NOT_A_VERDICT = ("temperror", "neutral", "none")
# Identities by kind: DMARC alignment is the exact From domain; DKIM/SPF relaxed (same organisational domain).
IDENTITY = {
    "dmarc": {"aligned": [OURS, OURS.upper()], "misaligned": ["evil.example", f"mail.{OURS}", f"{OURS}.evil.example"]},
    "dkim": {"aligned": [OURS, f"mail.{OURS}", OURS.upper()], "misaligned": ["evil.example", f"{OURS}.evil.example"],
             "unclear": [f"{OURS}.", f"mail.{OURS}."]},
    "spf": {"aligned": [f"nsscp.coordinator@{OURS}", f"bounce@mail.{OURS}", OURS],
            "misaligned": ["attacker@evil.example", f"x@{OURS}.evil.example"], "unclear": [f"x@{OURS}.", f"{OURS}."]},
}
# "unclear": an identity the sender spelt (its DKIM d=, its MAIL FROM) in a form that is not a plain domain:
# no pass, and a negative for it could have been ours, so it counts.
PROP = {"dmarc": "header.from", "dkim": "header.d", "spf": "smtp.mailfrom"}
RECEIVED = f"Received: from mail.evil.example (mail.evil.example [203.0.113.9]) by {TRUSTED} (Postfix) with " \
           "ESMTPS id 4Abc; Wed, 18 Nov 2026 10:20:00 +0000"


SEEN = {"acts": 0, "refused": 0}  # inputs by the oracle's answer (the figures in docs/RELIABILITY.md)


@dataclass(frozen=True)
class Res:
    method: str
    result: str
    kind: str  # aligned / misaligned / unclear / absent (no identity written)
    ident: str
    upper: bool  # method and result written in upper case
    comment: bool

    def text(self) -> str:
        m, r = (self.method.upper(), self.result.upper()) if self.upper else (self.method, self.result)
        out = f"{m}={r}" + (" (checked by the boundary)" if self.comment else "")
        return out + (f" {PROP[self.method]}={self.ident}" if self.kind != "absent" else "")

    @property
    def negative(self) -> bool:
        # An identity the boundary did not write could be ours: a negative without one counts (strict).
        return self.result in NEGATIVE and self.kind != "misaligned"

    @property
    def good(self) -> bool:
        return self.result == "pass" and self.kind == "aligned"


@st.composite
def result(draw: st.DrawFn) -> Res:
    method = draw(st.sampled_from(["dmarc", "dkim", "spf"]))
    kinds = ["aligned", "aligned", "misaligned", "absent"] + (["unclear"] if method != "dmarc" else [])
    kind = draw(st.sampled_from(kinds))
    ident = "" if kind == "absent" else draw(st.sampled_from(IDENTITY[method][kind]))
    return Res(method, draw(st.sampled_from(["pass", "pass", *NEGATIVE, *NOT_A_VERDICT])), kind, ident,
               draw(st.booleans()), draw(st.booleans()))


@st.composite
def trusted_run(draw: st.DrawFn) -> list[list[Res]]:
    """The boundary's run: 1-4 headers with its authserv-id, each with 1-3 results."""
    return draw(st.lists(st.lists(result(), min_size=1, max_size=3), min_size=1, max_size=4))


def acts(run: list[list[Res]]) -> bool:
    """The oracle."""
    flat = [r for hdr in run for r in hdr]
    judged_other = any(r.method == "dmarc" and r.kind == "misaligned" for r in flat)
    return not judged_other and not any(r.negative for r in flat) and any(r.good for r in flat)


def header_lines(run: list[list[Res]], ids: list[str], filter_stamp: bool) -> list[str]:
    lines = [RECEIVED]
    for i, hdr in enumerate(run):
        lines.append(f"Authentication-Results: {ids[i % len(ids)]}; " + "; ".join(r.text() for r in hdr))
        if filter_stamp and i == 0:  # a filter's own stamp may stand inside the run (OpenDKIM writes one)
            lines.append(f"DKIM-Filter: OpenDKIM Filter v2.11.0 {TRUSTED} 4ABC")
    return lines


def _r(method: str, result_: str, ident: str) -> Res:
    return Res(method, result_, "aligned", ident, False, False)


# The stranger's five shapes (repro_01 and notes "B1"): the boundary's fail on top, a planted pass below it.
_SPF_ID = f"nsscp.coordinator@{OURS}"
STRANGER = {
    "spf fail / planted spf pass": [[_r("spf", "fail", _SPF_ID)], [_r("spf", "pass", _SPF_ID)]],
    "dkim fail / planted dkim pass": [[_r("dkim", "fail", OURS)], [_r("dkim", "pass", OURS)]],
    "spf fail / planted dmarc pass": [[_r("spf", "fail", _SPF_ID)], [_r("dmarc", "pass", OURS)]],
    "dkim fail / planted dmarc pass": [[_r("dkim", "fail", OURS)], [_r("dmarc", "pass", OURS)]],
    "softfail, dkim fail, dmarc none / planted dmarc pass": [
        [Res("spf", "softfail", "misaligned", "attacker@evil.example", False, False), _r("dkim", "fail", OURS),
         _r("dmarc", "none", OURS)], [_r("dmarc", "pass", OURS)]],
}


# Beyond the stranger's shapes: the forger chooses its DKIM d= and MAIL FROM spelling; a fail for `ours.` (not a
# plain domain, so never aligned for a pass) must still not be outvoted by a planted pass for `ours`.
SPELT = {
    "dkim fail for ours. / planted dkim pass": [[Res("dkim", "fail", "unclear", f"{OURS}.", False, False)],
                                                [_r("dkim", "pass", OURS)]],
    "spf softfail for x@ours. / planted dmarc pass": [[Res("spf", "softfail", "unclear", f"x@{OURS}.", False, False)],
                                                      [_r("dmarc", "pass", OURS)]],
}


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    w = _make_world(tmp_path_factory.mktemp("arrun24"))
    yield w
    w.app.close()


def _stage(w: World) -> str:
    return str(query(w.db, "SELECT stage FROM cases WHERE ref = ?", (REF,))[0][0])


def _examples(f: Callable[..., None]) -> Callable[..., None]:
    """The stranger's shapes as explicit examples: they run first, every time."""
    for run in STRANGER.values():
        f = example(run=run, ids=[TRUSTED], filter_stamp=False)(f)
    return f


@settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(run=trusted_run(), ids=st.sampled_from([[TRUSTED], [TRUSTED, TRUSTED.upper()], [TRUSTED.upper()]]),
       filter_stamp=st.booleans())
@_examples
def test_a_run_of_trusted_verdicts_acts_only_without_an_aligned_negative(
        world: World, run: list[list[Res]], ids: list[str], filter_stamp: bool) -> None:
    lines = header_lines(run, ids, filter_stamp)
    stage0 = _stage(world)
    assert stage0 != "closed"
    # Each example a few minutes later than the last: a command dated before the last REOPEN is "overtaken".
    world.app.clock.at += timedelta(minutes=10)
    now = world.app.clock.at
    n = world.mid()
    raw = ("\r\n".join(lines) + "\r\n").encode() + build([COORD], [], f"CLOSE: referred in error {n}\r\n\r\n"
                                                        "Co-ordinator", mid=n, date=now - timedelta(minutes=5))
    # Not world.attack: that counts into test_adversarial's STATS, whose record test allows no state change,
    # and here a genuine-looking run (oracle: acts) must change the case.
    before = snapshot(world.db)
    ev0, m0 = world.last("events"), world.last("messages")
    world.feed(raw)
    r = {"changed": [t for t, rows in snapshot(world.db).items() if rows != before[t]],
         "events": [k for (k,) in world.new_rows("events", ev0, "kind")],
         "rows": world.new_rows("messages", m0, "status, reason")}
    expected = acts(run)
    SEEN["acts" if expected else "refused"] += 1
    if expected:
        assert _stage(world) == "closed", (lines, r["rows"], r["events"])
        # Put the case back for the next example: a genuine REOPEN under the boundary's clean stamp.
        out = world.feed(reply(COORD, REF, f"REOPEN: closed to test {n}", now - timedelta(minutes=4),
                               f"<reopen.{world.mid()[1:]}", auth=stamp(OURS)))
        assert _stage(world) != "closed", out
    else:
        assert r["changed"] == [], (lines, r)
        assert _stage(world) == stage0, lines
        assert [s for s, _ in r["rows"]] == ["quarantined"], (lines, r["rows"])
        assert "forgery_suspected" in r["events"], (lines, r["events"])


@pytest.mark.parametrize("name", sorted(STRANGER) + sorted(SPELT))
def test_the_stranger_shapes_are_refused_by_the_verdict(name: str) -> None:
    from bot.domain.authres import verdict

    run = {**STRANGER, **SPELT}[name]
    assert not acts(run)
    v = verdict([f"{TRUSTED}; " + "; ".join(r.text() for r in hdr) for hdr in run], TRUSTED, OURS)
    assert v.verdict == "fail", (name, v)


def test_the_boundarys_own_genuine_verdicts_still_pass() -> None:
    """Benign neighbours: OpenDKIM/OpenDMARC/pyspf writing one header each, all pass; a failing signature for
    another domain (a list's) beside an aligned pass; DMARC pass with SPF temperror."""
    from bot.domain.authres import verdict

    runs = [[f"{TRUSTED}; spf=pass smtp.mailfrom=nsscp.coordinator@{OURS}", f"{TRUSTED}; dkim=pass header.d={OURS}",
             f"{TRUSTED}; dmarc=pass header.from={OURS}"],
            [f"{TRUSTED}; dkim=fail header.d=lists.example.org; dkim=pass header.d={OURS}; dmarc=pass "
             f"header.from={OURS}"],
            [f"{TRUSTED}; spf=temperror smtp.mailfrom=x@{OURS}; dkim=pass header.d={OURS}; dmarc=pass "
             f"header.from={OURS}"]]
    for headers in runs:
        assert verdict(headers, TRUSTED, OURS).verdict == "pass", headers
