"""stranger round 4 (issue #10), breaks B1, B2 and B5, rebuilt black-box: by email (`csprbot run --once`) and by
`csprbot act`, on SQLite and PostgreSQL, judged from the mails sent, `csprbot case --json` and the audit export.

B1: an agency's rapid-review return that arrives while the case is closed was not credited: on REOPEN the
    agency was asked again and its clock ran as if nothing had come.
B2: a return that arrives before the agencies are asked (during screening, or while closed after screening,
    before DISAGREE / AD DECISION: REFER, NOTIFIED or REOPEN brings the case back): the request asked it again.
B5: CORRECT accepted impossible dates (future, incident before birth, birth after incident, incident after the
    Panel was notified / the screening decision) and re-anchored clocks with them.
"""

from __future__ import annotations

import contextlib
import io
import json
import random
from datetime import date, timedelta
from email.message import EmailMessage
from pathlib import Path

import pytest
from replay import ROLE, Replay, fill_return_form

from bot.cli import main

pytestmark = pytest.mark.usefixtures("database_url")  # every test here on SQLite and PostgreSQL

REF = "NS-CSPR-2026-001"
COORD, CHAIR, SL, AD = ROLE["coordinator"], ROLE["subgroup_chair"], ROLE["service_leader"], ROLE["assistant_director"]
EDU, POLICE = ROLE["education_lead"], ROLE["police_lead"]
REFERRER = "sam.example@csc.example.gov.uk"
TWO = "DECISION: RAPID REVIEW\nAGENCIES: Education, Avon and Somerset Police"


@pytest.fixture()
def replay(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Replay:
    monkeypatch.chdir(tmp_path)
    return Replay(tmp_path)


def _out(args: list[str]) -> tuple[int, str]:
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        code = main(args)
    return code, buf.getvalue()


def act(line: str, day: date, by: str = COORD, minute: int = 0) -> tuple[int, str]:
    return _out(["act", REF, line, "--as", by, "--now", f"{day.isoformat()}T11:{minute:02d}"])


def view(day: date, full: bool = False) -> dict[str, object]:
    code, out = _out(["case", REF, "--json", "--now", f"{day.isoformat()}T16:00", *(["--full"] if full else [])])
    assert code == 0
    return json.loads(out)  # type: ignore[no-any-return]


def audit() -> list[dict[str, object]]:
    code, out = _out(["audit", "export", "--case", REF])
    assert code == 0
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def requests_to(mails: list[EmailMessage]) -> list[str]:
    return sorted(str(m["To"]) for m in mails if m["X-CSPRBOT-Kind"] == "request")


def send_return(replay: Replay, day: date) -> list[EmailMessage]:
    form = fill_return_form(REF, "Education", "Yes", "Lee Specimen", EDU)
    replay.reply(EDU, REF, "Please find our return attached.", f"{day.isoformat()}T10:00",
                 ("agency return.docx", form))
    return replay.run(f"{day.isoformat()}T10:05")


def start(replay: Replay) -> date:
    assert main(["demo", "--now", "2026-04-02T10:00"]) == 0
    replay.run("2026-04-02T10:05")
    return date(2026, 4, 2)


def education(day: date) -> tuple[dict[str, object], dict[str, object]]:
    v = view(day)
    clock = next(c for c in v["clocks"] if c["name"] == "agency_return"  # type: ignore[union-attr, index]
                 and c["agency"] == "Education")
    ret = next(r for r in v["agency_returns"] if r["agency"] == "Education")  # type: ignore[union-attr, index]
    return clock, ret


# Generated (seeded) distances: days from the closing to the return, and from the return to the way back.
GAPS = [(g, w) for g, w in ((random.Random(seed).randint(0, 9), random.Random(seed + 50).randint(0, 40))
                            for seed in range(3))]


@pytest.mark.parametrize(("gap", "wait"), GAPS)
def test_b1_a_return_sent_while_closed_counts_on_reopen(replay: Replay, gap: int, wait: int) -> None:
    day = start(replay)
    assert act(TWO, day, CHAIR)[0] == 0
    assert requests_to(replay.run(f"{day.isoformat()}T11:30")) == sorted([EDU, POLICE])
    closed = day + timedelta(days=1)
    assert act("CLOSE: thought to be a duplicate", closed)[0] == 0
    got = closed + timedelta(days=gap)
    confirm = [m for m in send_return(replay, got) if str(m["To"]) == EDU]
    assert [str(m["X-CSPRBOT-Kind"]) for m in confirm] == ["confirm"]
    assert "kept and counts if the case is reopened" in confirm[0].get_body(("plain",)).get_content()  # type: ignore
    received = [e for e in audit() if e["kind"] == "return_received"]
    assert received[-1]["detail"]["received"] == got.isoformat()  # type: ignore[index]
    back = got + timedelta(days=wait)
    code, out = act("REOPEN: not a duplicate after all", back)
    assert code == 0 and f"Education) met: its return was received on {got.isoformat()}" in out
    assert requests_to(replay.run(f"{back.isoformat()}T11:30")) == [POLICE]  # Education is not asked again
    clock, ret = education(back)
    assert clock["status"] == "met" and ret["received"] == got.isoformat()
    met = [e for e in audit() if e["kind"] == "clock_stopped" and e["detail"]["agency"] == "Education"]  # type: ignore
    assert met[-1]["detail"]["outcome"] == "met" and met[-1]["detail"]["on"] == got.isoformat()  # type: ignore
    # No chaser or escalation for Education in the weeks that follow; the police clock runs on.
    for d in range(1, 25):
        later = back + timedelta(days=d)
        for m in replay.run(f"{later.isoformat()}T09:05"):
            assert str(m["To"]) != EDU or m["X-CSPRBOT-Kind"] not in ("chaser", "escalation", "request"), later


WAYS_BACK = {
    "screening": [],
    "reopen": [("CLOSE: opened by mistake", COORD), ("REOPEN: it was a referral", COORD)],
    "no-rr, REOPEN": [("DECISION: NO RAPID REVIEW threshold not met", CHAIR), ("REOPEN: new information", COORD)],
    "no-rr, DISAGREE, AD REFER": [("DECISION: NO RAPID REVIEW threshold not met", CHAIR),
                                  ("DISAGREE: the child died of neglect", REFERRER), ("AD DECISION: REFER", AD)],
    "no-rr, NOTIFIED": [("DECISION: NO RAPID REVIEW threshold not met", CHAIR), ("NOTIFIED: {day}", SL)],
}


@pytest.mark.parametrize("path", list(WAYS_BACK))
def test_b2_a_return_before_the_request_is_not_asked_again(replay: Replay, path: str) -> None:
    day = start(replay)
    steps = WAYS_BACK[path]
    when = day
    # The first step (the closing, if any) before the return; the way back after it.
    for n, (line, by) in enumerate(steps[:1]):
        assert act(line, when, by, n)[0] == 0, line
    got = day + timedelta(days=1)
    send_return(replay, got)
    when = got + timedelta(days=1)
    for n, (line, by) in enumerate(steps[1:]):
        code, out = act(line.replace("{day}", when.isoformat()), when, by, n)
        assert code == 0, (line, out)
    replay.run(f"{when.isoformat()}T11:20")
    code, out = act(TWO, when, COORD, 30)
    assert code == 0 and f"Education (return already received on {got.isoformat()})" in out, out
    assert requests_to(replay.run(f"{when.isoformat()}T11:40")) == [POLICE]
    clock, ret = education(when)
    # Asked on Saturday 4 April 2026 (Easter Monday the 6th): the request counts from Tuesday 7 April, the next
    # working day, as any mail received then would (stranger round 6, B4).
    assert when == date(2026, 4, 4)
    assert clock["status"] == "met" and clock["anchor"] == "2026-04-07" and ret["received"] == got.isoformat()
    said = [e for e in audit() if e["kind"] == "request_not_repeated"]
    assert [(e["detail"]["agency"], e["detail"]["received"]) for e in said] == [  # type: ignore[index]
        ("Education", got.isoformat())]


def _facts(day: date, decided: date | None) -> dict[str, date | None]:
    v = view(day, full=True)
    child = v["referral"]["child"]  # type: ignore[index]
    notified = v["process"].get("notified_on")  # type: ignore[union-attr]
    return {"incident": date.fromisoformat(child["incident_date"]), "born": date.fromisoformat(child["date_of_birth"]),
            "received": date.fromisoformat(str(v["opened"])), "notified": date.fromisoformat(notified)
            if notified else None, "decided": decided}


def dates(v: dict[str, object]) -> list[tuple[object, ...]]:
    """Each clock's anchor and due date (the sweep's reminder counts move on their own)."""
    return [(c["name"], c["agency"], c["anchor"], c["due"]) for c in v["clocks"]]  # type: ignore[union-attr, index]


def _age(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _possible(field: str, d: date, today: date, f: dict[str, date | None]) -> bool:
    """B5's rule, and (round 5 O2) the subject under 18 on the incident day (the referral's day without one)."""
    if d > today:
        return False
    if field == "child.date_of_birth":
        on = f["incident"] or f["received"]
        return all(d <= x for x in (f["incident"], f["received"]) if x) and not (on and _age(d, on) >= 18)
    if f["born"] and (d < f["born"] or _age(f["born"], d) >= 18):
        return False
    return all(d <= x for x in (f["received"], f["notified"], f["decided"]) if x)


def test_b5_correct_refuses_dates_the_case_contradicts(replay: Replay) -> None:
    """Generated dates around every recorded fact (a day either side) and anywhere in twenty years, through
    `csprbot act` and by email, in screening, after NOTIFIED and after the screening decision."""
    today = start(replay)
    rng = random.Random(5)
    decided: date | None = None
    tried = {"accepted": 0, "refused": 0}
    for phase in ("screening", "notified", "decided"):
        if phase == "notified":
            assert act("NOTIFIED: 2026-04-01", today, SL)[0] == 0
            replay.run(f"{today.isoformat()}T11:00:30")
        if phase == "decided":
            assert act("DECISION: RAPID REVIEW 2026-04-01", today, CHAIR)[0] == 0
            replay.run(f"{today.isoformat()}T11:00:30")
            decided = date(2026, 4, 1)
        for n in range(8):
            today += timedelta(days=rng.randint(0, 3))
            facts = _facts(today, decided)
            field = rng.choice(["child.incident_date", "child.date_of_birth"])
            near = [x + timedelta(days=k) for x in (*facts.values(), today) if x for k in (-1, 0, 1)]
            d = rng.choice(near) if rng.random() < 0.7 else today - timedelta(days=rng.randint(-30, 20 * 365))
            ok = _possible(field, d, today, facts)
            before = view(today, full=True)
            line = f"CORRECT {field}: {d.isoformat()}"
            if n % 2:  # by email: the refusal is a reply that says why
                replay.reply(COORD, REF, line, f"{today.isoformat()}T12:{n:02d}")
                mails = replay.run(f"{today.isoformat()}T12:{n:02d}:30")
                mails = [m for m in mails if str(m["To"]) == COORD and m["X-CSPRBOT-Kind"] != "digest"]
                kinds = [str(m["X-CSPRBOT-Kind"]) for m in mails]
                assert kinds == (["confirm"] if ok else ["refusal"]), (line, facts, kinds)
                text = mails[-1].get_body(("plain",)).get_content()  # type: ignore[union-attr]
            else:
                code, text = act(line, today, COORD, n)
                assert (code == 0) == ok, (line, facts, text)
                replay.run(f"{today.isoformat()}T11:{n:02d}:30")  # its reply goes out
            tried["accepted" if ok else "refused"] += 1
            after = view(today, full=True)
            child = after["referral"]["child"]  # type: ignore[index]
            if ok:
                assert child[field.split(".")[1]] == d.isoformat()
                continue
            # the refusal says why, never the date typed (it is audited for good: stranger round 21, fix21e)
            assert d.isoformat() not in text and any(w in text for w in ("future", "after", "before", "under 18")), text
            assert after["referral"] == before["referral"] and dates(after) == dates(before)
            refused = [e for e in audit() if e["kind"] == "command_refused"]
            assert d.isoformat() not in str(refused[-1]["detail"]["reason"])  # type: ignore[index]
    assert tried["accepted"] and tried["refused"]
