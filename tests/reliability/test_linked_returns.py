"""Linked cases' agency returns (stranger round 13, break 5): asked once per incident, clocked while any linked
case still waits for them.

LINK makes agencies "asked once" per incident. On main, when the case that asked them was closed (before or
after its sibling linked to it and decided a rapid review), the sibling in rapid review owned no agency-return
clock: nobody was chased or escalated and the returns' due date passed silently. Now the live case takes the
clock over (original request date and due date), the agency is not asked again, chasers and escalations go out
under the live case, and a return received under the closed case is credited.

Stranger round 14, break 5: cases that each asked the agencies before they were linked kept a clock each for one
missing return (two chasers and two escalations per due point). Now the incident keeps the clock due first; the
other stands aside, its stop reason naming the case that carries it.

Black-box through `csprbot act` / `csprbot run --once --now` in-process, config/example.toml, realistic
referrals (distinct children of one incident) and returns filled in on csprbot's own request form.
"""

from __future__ import annotations

import contextlib
import io
import itertools
import json
import os
import random
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st
from reliability_kit import (
    LONDON,
    ROLE,
    MaildirWorld,
    agency_return,
    as_written,
    child_for,
    fresh_worlds,
    query,
    referral,
    reply,
)

pytestmark = pytest.mark.usefixtures("database_url")

CHAIR, COORD = ROLE["subgroup_chair"], ROLE["coordinator"]
LEADS = {"Education": ROLE["education_lead"], "Avon and Somerset Police": ROLE["police_lead"]}
AGENCIES = "AGENCIES: Education, Avon and Somerset Police"
EXAMPLES = int(os.environ.get("CSPRBOT_LINKED_RETURN_EXAMPLES", "12"))


def at(day: date, hour: int = 10, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=LONDON).astimezone(UTC)


class World(MaildirWorld):
    _n = itertools.count()

    def cli(self, *args: str) -> tuple[int, str]:
        from bot.cli import main

        out = io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
            rc = main(["--config", str(self.profile), *args])
        return rc, out.getvalue()

    def run(self, now: datetime) -> None:
        rc, out = self.cli("run", "--once", "--now", now.isoformat())
        assert rc == 0, out

    def deliver(self, raw: bytes, received: datetime) -> None:
        from bot.mail.maildir import deliver

        deliver(self.root / "inbox", raw, received=received)

    def open_cases(self, n: int, received: datetime) -> list[str]:
        """n referrals of one incident (the day before), each about another child: n cases."""
        rng = random.Random(n)
        incident = received.astimezone(LONDON).date() - timedelta(days=1)
        for k in range(n):
            self.deliver(referral(f"<r{next(self._n)}@csc.example.gov.uk>", received + timedelta(minutes=k),
                                  incident, child=child_for(13 * k + 1, rng)), received + timedelta(minutes=k))
        self.run(received + timedelta(minutes=n + 1))
        refs = [str(r[0]) for r in query(self.url, "SELECT ref FROM cases ORDER BY id")]
        assert len(refs) == n, refs
        return refs

    def act(self, ref: str, line: str, by: str, now: datetime) -> tuple[int, str]:
        return self.cli("act", ref, line, "--as", by, "--now", now.astimezone(LONDON).replace(tzinfo=None)
                        .isoformat(timespec="seconds"))

    def must(self, ref: str, line: str, by: str, now: datetime) -> str:
        rc, out = self.act(ref, line, by, now)
        assert rc == 0, (ref, line, out)
        return out

    def give_return(self, ref: str, agency: str, sent: datetime) -> None:
        self.deliver(agency_return(ref, agency, LEADS[agency], sent, f"<ret{next(self._n)}@example>"), sent)
        self.run(sent + timedelta(minutes=1))

    def stage(self, ref: str) -> str:
        return str(query(self.url, "SELECT stage FROM cases WHERE ref = ?", (ref,))[0][0])

    def return_clocks(self) -> list[tuple[str, str, str, date]]:
        """(case, agency, state, due) of every agency-return clock."""
        rows = query(self.url, "SELECT c.ref, k.agency, k.state, k.due FROM clocks k JOIN cases c ON c.id = "
                     "k.case_id WHERE k.key = 'agency_return' ORDER BY c.id, k.agency")
        return [(str(r), str(a), str(s), d if isinstance(d, date) else date.fromisoformat(str(d)[:10]))
                for r, a, s, d in rows]

    def received(self) -> set[str]:
        """Agencies whose return has reached any case."""
        return {str(a) for (a,) in query(self.url, "SELECT agency FROM agency_requests WHERE received_on IS NOT "
                                         "NULL")}

    def requests(self) -> list[tuple[str, str, str]]:
        """(case, recipient, idempotency key) of every request mail csprbot queued to an agency lead."""
        return [(str(r), str(to), str(k)) for r, to, k in query(
            self.url, "SELECT c.ref, o.recipient, o.idem_key FROM outbox o JOIN cases c ON c.id = o.case_id "
            "WHERE o.kind = 'request' ORDER BY o.id")]

    def reminders(self, since: int) -> list[tuple[str, str, str]]:
        """(case, kind, recipient) of the agency-return chasers and escalations queued after outbox row `since`."""
        return [(str(r), str(k), str(to)) for r, k, to in query(
            self.url, "SELECT c.ref, o.kind, o.recipient FROM outbox o JOIN cases c ON c.id = o.case_id WHERE "
            "o.id > ? AND o.clock_key LIKE ? ORDER BY o.id", (since, "%agency_return%"))]

    def last_outbox(self) -> int:
        return int(query(self.url, "SELECT COALESCE(MAX(id), 0) FROM outbox")[0][0])


def first_requests(w: World) -> list[tuple[str, str]]:
    """(case, agency lead) of each first request for a rapid-review return (not a reopened case's repeat, not
    the note that a linked case's child is added to a request already made)."""
    return [(r, to) for r, to, k in w.requests() if "request-again" not in k and "added-child" not in k]


@pytest.fixture
def worlds(tmp_path: Path, db_backend: str, monkeypatch: pytest.MonkeyPatch,
           request: pytest.FixtureRequest) -> Any:
    yield from fresh_worlds(lambda root, url: World(root, url, monkeypatch), tmp_path, db_backend, request)


DAY = date(2026, 12, 2)  # a Wednesday: the returns are due 10 WD later, on 16 December
SWEEP_DAYS = [date(2026, 12, d) for d in (14, 15, 16, 17, 18)]


def _sweeps_reach_the_live_case(w: World, live: str) -> None:
    since = w.last_outbox()
    for d in SWEEP_DAYS:
        w.run(at(d, 9, 30))
    got = w.reminders(since)
    assert got and {r for r, _, _ in got} == {live}, got
    # Each missing return is chased with its agency lead and escalated past its due date, under the live case.
    assert {to for _, k, to in got if k == "chaser"} == set(LEADS.values()), got
    assert any(k == "escalation" for _, k, _ in got), got


def test_link_to_a_closed_case_that_asked_clocks_the_returns_under_the_live_case(worlds: Any) -> None:
    """Path A: 001 decides a rapid review (requests sent), is closed, 002 links to it and decides one."""
    w = worlds()
    one, two = w.open_cases(2, at(DAY - timedelta(days=1), 9))
    w.must(one, f"DECISION: RAPID REVIEW\n{AGENCIES}", CHAIR, at(DAY, 10))
    asked = first_requests(w)
    w.must(one, "CLOSE: family moved out of area, review not ours", COORD, at(DAY, 11))
    w.must(two, f"LINK {one}", COORD, at(DAY, 12))
    out = w.must(two, f"DECISION: RAPID REVIEW\n{AGENCIES}", CHAIR, at(DAY, 13))
    assert first_requests(w) == asked, "an agency was asked a second time for the same incident"
    running = [(r, a, d) for r, a, s, d in w.return_clocks() if s == "running"]
    due = {a: d for r, a, s, d in w.return_clocks() if r == one}
    # One running clock per missing return, on the live case, with the date the agency was first given.
    assert sorted(running) == sorted((two, a, due[a]) for a in LEADS), w.return_clocks()
    assert "not asked again" in out and f"clocked under {two}" in out, out
    _sweeps_reach_the_live_case(w, two)


def test_closing_the_case_that_asked_hands_its_return_clocks_to_the_linked_live_case(worlds: Any) -> None:
    """Path B: 001 and 002 linked, both decide a rapid review, then 001 is closed; a return then received under
    the closed 001 is credited to 002."""
    w = worlds()
    one, two = w.open_cases(2, at(DAY - timedelta(days=1), 9))
    w.must(two, f"LINK {one}", COORD, at(DAY, 9))
    w.must(one, f"DECISION: RAPID REVIEW\n{AGENCIES}", CHAIR, at(DAY, 10))
    w.must(two, f"DECISION: RAPID REVIEW\n{AGENCIES}", CHAIR, at(DAY, 10, 30))
    asked = first_requests(w)
    w.must(one, "CLOSE: opened in error by the business unit", COORD, at(DAY, 11))
    assert first_requests(w) == asked
    running = sorted((r, a) for r, a, s, _ in w.return_clocks() if s == "running")
    assert running == sorted((two, a) for a in LEADS), w.return_clocks()
    # The police answer the request they had (under 001): 002's clock for it is met, Education's still runs.
    w.give_return(one, "Avon and Somerset Police", at(DAY + timedelta(days=5), 11))
    clocks = {(r, a): s for r, a, s, _ in w.return_clocks()}
    assert clocks[(two, "Avon and Somerset Police")] == "met" and clocks[(two, "Education")] == "running", clocks
    since = w.last_outbox()
    for d in SWEEP_DAYS:
        w.run(at(d, 9, 30))
    got = w.reminders(since)
    assert got and {(r, to) for r, k, to in got if k == "chaser"} == {(two, LEADS["Education"])}, got


def _week(w: World) -> tuple[Counter[tuple[str, str]], set[str]]:
    """The agency-return chasers and escalations of the sweeps 14-18 December: (kind, recipient) counted, and
    the cases they went out under."""
    since = w.last_outbox()
    for d in SWEEP_DAYS:
        w.run(at(d, 9, 30))
    got = w.reminders(since)
    return Counter((k, to) for _, k, to in got), {r for r, _, _ in got}


def test_cases_that_each_asked_before_they_were_linked_chase_each_return_once(worlds: Any) -> None:
    """Stranger round 14's break 5: 001 and 002 each decide a rapid review (each asks every agency of the
    profile), then 002 is linked to 001. The incident's week of chasers and escalations is the week one case
    alone would have (the oracle: the same decision in a world of its own), all under one case."""
    w = worlds()
    one, two = w.open_cases(2, at(DAY - timedelta(days=1), 9))
    w.must(one, "DECISION: RAPID REVIEW", CHAIR, at(DAY, 9))
    w.must(two, "DECISION: RAPID REVIEW", CHAIR, at(DAY, 10))
    w.must(two, f"LINK {one}", COORD, at(DAY, 11))
    clocks = w.return_clocks()
    agencies = {a for _, a, _, _ in clocks}
    assert len(agencies) > 2 and sorted((r, a) for r, a, s, _ in clocks if s == "running") == \
        sorted((one, a) for a in agencies), clocks
    # 002's clocks stood aside, not waived: each says which case carries the return.
    reasons = query(w.url, "SELECT k.stop_reason FROM clocks k JOIN cases c ON c.id = k.case_id WHERE c.ref = ? "
                    "AND k.key = 'agency_return'", (two,))
    assert len(reasons) == len(agencies) and all(one in str(r) and "waived" not in str(r) for (r,) in reasons)
    linked, under = _week(w)

    solo = worlds()
    (alone,) = solo.open_cases(1, at(DAY - timedelta(days=1), 9))
    solo.must(alone, "DECISION: RAPID REVIEW", CHAIR, at(DAY, 9))
    expected, _ = _week(solo)
    assert expected[("chaser", ROLE["education_lead"])] and any(k == "escalation" for k, _ in expected), expected
    assert under == {one} and linked == expected, (sorted(linked.items()), sorted(expected.items()))


def test_waive_and_extend_under_the_case_that_stood_aside_act_on_the_incidents_clock(worlds: Any) -> None:
    """Stranger round 16, break 4: after 001 and 002 each asked the agencies and were linked, the co-ordinator
    replies on 002's thread. WAIVE Education was refused as "no agency return is outstanding" (it was, under 001,
    and Education went on being chased there), EXTEND without naming 001. Now both act on the incident's clock
    under 001, by mail through `csprbot run --once`, and the confirmation says which case carries it."""
    w = worlds()
    one, two = w.open_cases(2, at(DAY - timedelta(days=1), 9))
    w.must(one, "DECISION: RAPID REVIEW", CHAIR, at(DAY, 9))
    w.must(two, "DECISION: RAPID REVIEW", CHAIR, at(DAY, 10))
    w.must(two, f"LINK {one}", COORD, at(DAY, 11))
    police_due = next(d for r, a, s, d in w.return_clocks() if (r, a, s) == (one, "Avon and Somerset Police",
                                                                             "running"))
    later = police_due + timedelta(days=7)
    for k, body in enumerate(("WAIVE Education: the school closed in the summer; CSC hold its records",
                              f"EXTEND agency_return Avon and Somerset Police: {later.isoformat()} officer on leave")):
        sent = at(DAY, 14, 10 * k)
        w.deliver(reply(COORD, two, body, sent, f"<cmd{k}.{next(w._n)}@nsscp.example.gov.uk>"), sent)
        w.run(sent + timedelta(minutes=1))
    said = [(str(k), json.dumps(as_written(w.url, d))) for k, d in query(
        w.url, "SELECT e.kind, e.detail FROM events e JOIN cases c ON c.id = e.case_id WHERE c.ref = ? AND e.kind "
        "IN ('command_accepted', 'command_refused') ORDER BY e.id", (two,))][-2:]
    assert [k for k, _ in said] == ["command_accepted", "command_accepted"], said
    assert all(one in d and "no agency return is outstanding" not in d for _, d in said), said
    clocks = {(r, a): (s, d) for r, a, s, d in w.return_clocks()}
    assert clocks[(one, "Education")][0] == "stopped", clocks
    assert clocks[(one, "Avon and Somerset Police")] == ("running", later), clocks
    reason = query(w.url, "SELECT k.stop_reason FROM clocks k JOIN cases c ON c.id = k.case_id WHERE c.ref = ? AND "
                   "k.key = 'agency_return' AND k.agency = 'Education'", (one,))[0][0]
    assert str(reason).startswith("waived: ") and two in str(reason), reason
    # The waiver holds for the incident: Education is chased under neither case; the others still are, once.
    week, under = _week(w)
    assert under == {one} and any(k == "chaser" for k, _ in week), week
    assert ("chaser", LEADS["Education"]) not in week, week



def test_closing_the_carrying_case_after_an_extend_hands_over_the_extended_date(worlds: Any) -> None:
    """001 and 002 each asked the agencies and were linked (002's clocks stood aside for 001's, due first); the
    co-ordinator EXTENDed the police return under 001, then closed 001. 002 takes the police clock over with the
    extended date: on main it took its own earlier date back, so the police were chased and escalated to the
    Assistant Director before the date the co-ordinator had agreed."""
    w = worlds()
    one, two = w.open_cases(2, at(DAY - timedelta(days=1), 9))
    w.must(one, "DECISION: RAPID REVIEW", CHAIR, at(DAY, 9))
    w.must(two, "DECISION: RAPID REVIEW", CHAIR, at(DAY, 10))
    w.must(two, f"LINK {one}", COORD, at(DAY, 11))
    police = "Avon and Somerset Police"
    due = next(d for r, a, s, d in w.return_clocks() if (r, a, s) == (one, police, "running"))
    later = due + timedelta(days=21)  # a working day (16 Dec + 14 is in the council closure: EXTEND moves it)
    w.must(one, f"EXTEND agency_return {police}: {later.isoformat()} officer on leave", COORD, at(DAY, 12))
    w.must(one, "CLOSE: duplicate referral, handled under the linked case", COORD, at(DAY, 13))
    clocks = {(r, a): (s, d) for r, a, s, d in w.return_clocks()}
    assert clocks[(two, police)] == ("running", later), clocks
    assert clocks[(one, police)][0] == "stopped", clocks



def test_a_link_made_after_an_extend_keeps_the_agreed_date(worlds: Any) -> None:
    """Stranger round 19, B5: 001 and 002 each asked the agencies; the co-ordinator EXTENDed the police return under
    001, then linked 002, whose own request to the police was due earlier. The extended clock carries the return:
    on the old rule (the one due first) 002's earlier date did, and the police were chased and escalated to the
    Assistant Director before the date the co-ordinator had agreed."""
    w = worlds()
    one, two = w.open_cases(2, at(DAY - timedelta(days=1), 9))
    w.must(one, "DECISION: RAPID REVIEW", CHAIR, at(DAY, 9))
    w.must(two, "DECISION: RAPID REVIEW", CHAIR, at(DAY, 10))
    police = "Avon and Somerset Police"
    due = next(d for r, a, s, d in w.return_clocks() if (r, a, s) == (one, police, "running"))
    later = due + timedelta(days=21)  # a working day (16 Dec + 14 is in the council closure: EXTEND moves it)
    w.must(one, f"EXTEND agency_return {police}: {later.isoformat()} officer on leave", COORD, at(DAY, 11))
    w.must(two, f"LINK {one}", COORD, at(DAY, 12))
    clocks = {(r, a): (s, d) for r, a, s, d in w.return_clocks()}
    assert clocks[(one, police)] == ("running", later), clocks
    assert clocks[(two, police)][0] == "stopped", clocks


# --- generated orders -----------------------------------------------------------------------------------

CASES = st.integers(0, 2)
STEP = st.one_of(
    st.tuples(st.just("decide"), CASES),
    st.tuples(st.just("close"), CASES),
    st.tuples(st.just("reopen"), CASES),
    st.tuples(st.just("return"), CASES, st.sampled_from(sorted(LEADS))),
    st.tuples(st.just("link"), CASES, CASES),
)
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, derandomize=True, phases=(Phase.explicit, Phase.generate),
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


PROCESS_REFUSALS = ("is closed; the co-ordinator can REOPEN", "the rapid review has already started",
                    "is not accepted while the case is at stage")


def _check(w: World, refs: list[str], linked: set[str], before: list[tuple[str, str]]) -> None:
    """Whenever a linked case is in rapid review and an agency's return for the incident is missing, exactly one
    running clock covers that return (none once it came), whichever case asked first and whether the cases asked
    before or after they were linked; and no agency asked under the incident is asked again (`before`: the first
    requests before the step; 003's own, made before it joined, were two incidents' as far as anyone knew)."""
    rows = query(w.url, "SELECT c.ref, r.agency, r.requested_on, r.received_on, r.unsolicited FROM agency_requests r "
                 "JOIN cases c ON c.id = r.case_id")
    asked = {str(a) for r, a, on, _, uns in rows if r in linked and on is not None and not uns}
    got = {str(a) for r, a, _, rec, _ in rows if r in linked and rec is not None}
    live = [r for r in sorted(linked) if w.stage(r) == "rapid_review"]
    clocks = w.return_clocks()
    for agency in sorted(asked):
        running = [r for r, a, s, _ in clocks if a == agency and s == "running" and r in linked]
        if agency in got:
            assert not running, (agency, "return received, still clocked", clocks)
        elif live:
            assert len(running) == 1, (agency, live, clocks, [(r, w.stage(r)) for r in refs])
    known = {to for r, to in before if r in linked}
    new = [to for r, to in first_requests(w)[len(before):] if r in linked]
    assert len(new) == len(set(new)) and not known & set(new), w.requests()


@SETTINGS
@given(steps=st.lists(STEP, min_size=3, max_size=9))
# The hand-over both ways: closed after both decided, then reopened while 002 holds the clocks and 002 closed.
@example(steps=[("decide", 0), ("decide", 1), ("close", 0), ("reopen", 0), ("close", 1), ("return", 1, "Education")])
# Cases that each asked the agencies, then linked (stranger round 14, break 5); the carrier closed, reopened.
@example(steps=[("decide", 2), ("decide", 0), ("link", 2, 0), ("close", 0), ("reopen", 0), ("return", 2, "Education")])
@example(steps=[("decide", 0), ("decide", 2), ("link", 0, 2), ("return", 2, "Education"), ("close", 2)])
# A third case joins after the one that asked was closed, and decides.
@example(steps=[("decide", 0), ("close", 0), ("link", 2, 0), ("decide", 2), ("return", 0, "Education")])
def test_generated_orders_keep_one_clock_per_missing_return(worlds: Any, steps: list[tuple[Any, ...]]) -> None:
    w = worlds()
    refs = w.open_cases(3, at(DAY - timedelta(days=1), 9))
    # The incident's cases: 001 and 002 linked from the start; 003 joins when a generated LINK names it.
    w.must(refs[1], f"LINK {refs[0]}", COORD, at(DAY, 8))
    linked = {refs[0], refs[1]}
    now = at(DAY, 9)
    for step in steps:
        now += timedelta(minutes=7)
        before = first_requests(w)
        kind, i = step[0], step[1]
        ref = refs[i]
        if kind in ("decide", "close", "reopen"):
            line, by = {"decide": (f"DECISION: RAPID REVIEW\n{AGENCIES}", CHAIR),
                        "close": ("CLOSE: opened in error by the business unit", COORD),
                        "reopen": ("REOPEN: closed in error, the review goes on", COORD)}[kind]
            rc, out = w.act(ref, line, by, now)
            # Refused only by the process (closed, already started, not from this stage), never for its text.
            assert rc == 0 or any(why in out for why in PROCESS_REFUSALS), (ref, line, out)
        elif kind == "return":
            w.give_return(ref, step[2], now)
        else:
            other = refs[step[2]]
            # 003 joins the incident, whatever it did before: asked the agencies itself too (stranger round 14,
            # break 5: then two clocks ran for one return), closed, or still screening.
            if other != ref and (ref in linked) != (other in linked):
                rc, out = w.act(ref, f"LINK {other}", COORD, now)  # a closed case cannot be the one that links
                assert rc == 0 or any(why in out for why in PROCESS_REFUSALS), (ref, other, out)
                if rc == 0:
                    linked.add(refs[2])
        _check(w, refs, linked, before)
