"""Stranger round 11 (B3, B6, observation), black-box through `run --once` and `act`.

B3: a command whose subject names case 001 but that answers csprbot's own mail for case 002 (In-Reply-To, or the
    last References entry when there is no In-Reply-To) was applied to 001; it is refused as ambiguous now, the
    refusal naming where the other case was. An older References entry for another case is thread history: a
    reply whose direct parent is 001's mail is applied. (The other carriers, display names, Thread-Topic, an
    attached note, are judged at the parser: tests/reliability/test_adversarial_round11_carriers.py.)
B6: `act --now` before the case's latest recorded event (REOPEN before its CLOSE) was accepted; an undated
    decision "received" before the incident took that day. Both refused now.
"""

from __future__ import annotations

import contextlib
import io
import json
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

import pytest
from replay import ROLE, Replay, _local

from bot.app import make_calendar
from bot.apply import Runtime
from bot.cli import main
from bot.demo import demo_messages
from bot.settings import load_settings

FIRST, SECOND = "NS-CSPR-2026-001", "NS-CSPR-2026-002"
COORD, CHAIR = ROLE["coordinator"], ROLE["subgroup_chair"]
COMMANDS = ["CLOSE: sent in error", "LOOKED AFTER: YES", "ACTION: service leader; 2026-05-15; check chronology",
            "EXTEND notification: 2026-04-20 LA asked for time"]


@pytest.fixture()
def replay(tmp_path, monkeypatch) -> Replay:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    return Replay(tmp_path)


def _out(args: list[str]) -> tuple[int, str]:
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        code = main(args)
    return code, buf.getvalue()


def _view(ref: str, when: str) -> dict[str, object]:
    code, out = _out(["case", ref, "--json", "--now", when])
    assert code == 0
    return json.loads(out)  # type: ignore[no-any-return]


def _two_cases(replay: Replay) -> tuple[str, str]:
    """Cases 001 and 002; the Message-IDs of one csprbot mail for each."""
    assert main(["demo", "--now", "2026-04-02T10:00"]) == 0
    first = replay.run("2026-04-02T10:05")
    settings = load_settings(None, env={})
    rt = Runtime(settings, make_calendar(settings), _local("2026-04-02T11:00"))
    (_, raw), _ = demo_messages(rt, settings, child="Bo Fictional")
    replay.deliver(raw)
    second = replay.run("2026-04-02T11:05")
    mid1 = next(str(m["Message-ID"]) for m in first if str(m["X-CSPRBOT-Case"]) == FIRST)
    mid2 = next(str(m["Message-ID"]) for m in second if str(m["X-CSPRBOT-Case"]) == SECOND)
    return mid1, mid2


def _command(replay: Replay, body: str, when: str, headers: dict[str, str], sender: str = COORD) -> None:
    m = EmailMessage()
    m["From"], m["To"] = sender, "csprbot@nsscp.example.gov.uk"
    m["Subject"] = f"RE: [{FIRST}] New CSPR referral"
    m["Date"], m["Message-ID"] = format_datetime(_local(when)), make_msgid(domain="nsscp.example.gov.uk")
    for name, value in headers.items():
        m[name] = value
    m.set_content(body + "\n\nKind regards\n")
    replay.deliver(m.as_bytes())


def test_b3_reply_to_other_cases_mail_is_refused_and_same_case_thread_applies(replay: Replay) -> None:
    mid1, mid2 = _two_cases(replay)
    parents = [{"In-Reply-To": mid2, "References": mid2}, {"References": f"{mid1} {mid2}"},
               {"In-Reply-To": mid2, "References": f"{mid1} {mid2}"}]
    for n, (cmd, hdrs) in enumerate((c, h) for c in COMMANDS for h in parents):
        _command(replay, cmd, f"2026-04-02T12:{n:02d}", hdrs)
    sent = replay.run("2026-04-02T12:30")
    refusals = [m for m in sent if str(m["To"]) == COORD and m["X-CSPRBOT-Kind"] == "refusal"]
    assert len(refusals) == len(COMMANDS) * len(parents)
    for m in refusals:
        text = m.get_body(("plain",)).get_content()  # type: ignore[union-attr]
        assert "names more than one case" in text and f"{SECOND} in In-Reply-To" in text
        assert "Fictional" not in text  # no child identifier quoted
    v = _view(FIRST, "2026-04-02T13:00")
    assert v["stage"] != "closed" and not (v.get("process") or {}).get("looked_after")  # type: ignore[union-attr]
    # Benign: the direct parent is 001's own mail; an older References entry is 002's (a drifted thread).
    _command(replay, "LOOKED AFTER: YES", "2026-04-02T14:00", {"In-Reply-To": mid1, "References": f"{mid2} {mid1}"})
    _command(replay, "CLOSE: done", "2026-04-02T14:05", {"References": f"{mid2} {mid1}"})
    replay.run("2026-04-02T14:30")
    v = _view(FIRST, "2026-04-02T15:00")
    assert (v.get("process") or {}).get("looked_after") and v["stage"] == "closed"  # type: ignore[union-attr]


def test_b6_act_now_before_latest_event_and_undated_decision_before_incident(replay: Replay) -> None:
    assert main(["demo", "--now", "2026-04-02T10:00"]) == 0
    replay.run("2026-04-02T10:05")
    # an undated decision whose receipt (the mailbox time) is before the incident (2026-04-01)
    replay.reply(CHAIR, FIRST, "DECISION: NO RAPID REVIEW criteria not met", "2026-03-27T10:00")
    replay.run("2026-04-02T10:30")
    assert _view(FIRST, "2026-04-02T11:00")["stage"] == "screening"
    for back in ("2026-03-30T11:00", "2026-04-01T11:00"):  # before the referral and the incident
        code, out = _out(["act", FIRST, "DECISION: NO RAPID REVIEW not met", "--as", CHAIR, "--now", back])
        assert code == 1 and "before" in out and "latest recorded event" in out
    assert _out(["act", FIRST, "CLOSE: paused", "--now", "2026-04-08T11:00"])[0] == 0
    code, out = _out(["act", FIRST, "REOPEN: resumed", "--now", "2026-04-06T11:00"])
    assert code == 1 and "latest recorded event" in out
    assert _view(FIRST, "2026-04-08T12:00")["stage"] == "closed"
    assert _out(["act", FIRST, "REOPEN: resumed", "--now", "2026-04-08T12:00"])[0] == 0


EDU = ROLE["education_lead"]


def _requests(sent: list[EmailMessage], ref: str) -> list[EmailMessage]:
    return [m for m in sent if m["X-CSPRBOT-Kind"] == "request" and str(m["X-CSPRBOT-Case"]) == ref
            and str(m["To"]) == EDU]


def _education(ref: str, when: str) -> str:
    v = _view(ref, when)
    return next(str(c["status"]) for c in v["clocks"]  # type: ignore[union-attr]
                if c["name"] == "agency_return" and c["agency"] == "Education")  # type: ignore[index]


def test_b3_return_answering_another_cases_request_is_held(replay: Replay) -> None:
    from replay import fill_return_form

    _two_cases(replay)
    for ref in (FIRST, SECOND):
        replay.reply(CHAIR, ref, "DECISION: RAPID REVIEW\nAGENCIES: Education", "2026-04-03T10:00")
    sent = replay.run("2026-04-03T10:05")
    (req1,), (req2,) = _requests(sent, FIRST), _requests(sent, SECOND)
    for n, parent in enumerate((req2, req1)):  # the other case's request first (held), then 001's own (credited)
        m = EmailMessage()
        m["From"], m["To"] = EDU, "csprbot@nsscp.example.gov.uk"
        m["Subject"] = f"RE: [{FIRST}] Rapid review: agency return requested"
        m["Date"], m["Message-ID"] = format_datetime(_local(f"2026-04-0{6 + n}T10:00")), make_msgid(domain="x.gov.uk")
        m["In-Reply-To"] = m["References"] = str(parent["Message-ID"])
        m.set_content("Please find our return attached.\n")
        m.add_attachment(fill_return_form(FIRST, "Education", "Yes", "Lee Specimen", EDU), maintype="application",
                         subtype="vnd.openxmlformats-officedocument.wordprocessingml.document",
                         filename="agency return.docx")
        replay.deliver(m.as_bytes())
        replay.run(f"2026-04-0{6 + n}T10:05")
        status = _education(FIRST, f"2026-04-0{6 + n}T11:00")
        assert (status == "running") if n == 0 else (status == "met"), (n, status)
    code, out = _out(["quarantine", "list"])
    assert code == 0 and f"reply to csprbot's mail for {SECOND}" in out


def test_reopen_request_says_whether_the_date_is_new(replay: Replay) -> None:
    assert main(["demo", "--now", "2026-04-02T10:00"]) == 0
    replay.run("2026-04-02T10:05")
    replay.reply(CHAIR, FIRST, "DECISION: RAPID REVIEW\nAGENCIES: Education", "2026-04-03T10:00")
    replay.run("2026-04-03T10:05")
    for gap, fresh in ((1, False), (40, True)):  # reopened before the due date / after it passed while closed
        shut = _local("2026-04-06T10:00") if gap == 1 else _local("2026-04-08T10:00")
        replay.reply(COORD, FIRST, "CLOSE: paused", shut.strftime("%Y-%m-%dT%H:%M"))
        replay.run(shut.strftime("%Y-%m-%dT%H:05"))
        back = (shut.date() + __import__("datetime").timedelta(days=gap)).isoformat()
        replay.reply(COORD, FIRST, "REOPEN: resumed", f"{back}T10:00")
        (req,) = _requests(replay.run(f"{back}T10:05"), FIRST)
        text = " ".join(req.get_body(("plain",)).get_content().split())  # type: ignore[union-attr]
        assert ("a fresh allowance from today" in text) == fresh and ("which still stands" in text) != fresh, text


def test_stranger12_parent_with_spaces_or_only_in_references_is_refused(replay: Replay) -> None:
    """Stranger round 12, break 6: `< id >` with spaces inside the brackets, and an unknown In-Reply-To beside
    References ending in 002's mail (Gmail and Thunderbird thread it under 002), were applied to 001."""
    mid1, mid2 = _two_cases(replay)
    spaced = mid2.replace("<", "< ").replace(">", " >")
    parents = [{"In-Reply-To": spaced}, {"In-Reply-To": "<nobody@else.example>", "References": mid2},
               {"In-Reply-To": "<nobody@else.example>", "References": f"{mid1} {spaced}"}]
    for n, hdrs in enumerate(parents):
        _command(replay, "LOOKED AFTER: YES", f"2026-04-02T12:{n:02d}", hdrs)
    sent = replay.run("2026-04-02T12:30")
    refusals = [m for m in sent if str(m["To"]) == COORD and m["X-CSPRBOT-Kind"] == "refusal"]
    assert len(refusals) == len(parents), [str(m["Subject"]) for m in sent]
    assert not (_view(FIRST, "2026-04-02T13:00").get("process") or {}).get("looked_after")  # type: ignore[union-attr]
    # Benign: an unknown In-Reply-To beside References ending in 001's own mail is applied.
    _command(replay, "LOOKED AFTER: YES", "2026-04-02T14:00",
             {"In-Reply-To": "<nobody@else.example>", "References": f"{mid2} {mid1}"})
    replay.run("2026-04-02T14:30")
    assert (_view(FIRST, "2026-04-02T15:00").get("process") or {}).get("looked_after")  # type: ignore[union-attr]
