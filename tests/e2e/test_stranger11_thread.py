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
