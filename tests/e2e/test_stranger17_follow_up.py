"""Stranger round 17, B5, through `csprbot run --once` on the embedded profile (no sender authentication required).

The demo's referral opens NS-CSPR-2026-001; a reply on its thread that reads as a referral without a form (a child, a
date of birth, "CSPR" in the subject) is filed on 001: one case, its clocks as they were, the co-ordinator told,
the sender not answered. On this profile mail carrying no verdict is read (require_authentication is off), so a
stranger holding the referral's Message-ID can file a mail on the case; that is all it can do (no clock, no stage,
no answer to it). More shapes, the hardened profile and the opposite holes: tests/reliability/test_thread_follow_ups.py.
"""

from __future__ import annotations

import contextlib
import io
import json
import sqlite3
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path

import pytest
from replay import ROLE, Replay, _local

from bot.cli import main

REF = "NS-CSPR-2026-001"


@pytest.fixture()
def replay(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Replay:
    monkeypatch.chdir(tmp_path)
    return Replay(tmp_path)


def _json(args: list[str]) -> object:
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        assert main([*args, "--json"]) == 0
    return json.loads(buf.getvalue())


def _follow_up(sender: str, parent: str, when: str, body: str) -> bytes:
    m = EmailMessage()
    m["From"], m["To"], m["Subject"] = sender, "csprbot@nsscp.example.gov.uk", "RE: CSPR referral"
    m["Date"], m["Message-ID"] = format_datetime(_local(when)), make_msgid(domain=sender.split("@")[1])
    m["In-Reply-To"], m["References"] = parent, parent
    m.set_content(body)
    return m.as_bytes()


@pytest.mark.parametrize("sender", ["sam.example@csc.example.gov.uk", "someone@mail.example.com"],
                         ids=["an agency", "a stranger"])
def test_a_follow_up_on_the_referrals_thread_is_filed_on_its_case(replay: Replay, sender: str) -> None:
    assert main(["demo", "--now", "2026-04-02T09:00"]) == 0
    replay.run("2026-04-02T09:05")
    # the referral as csprbot holds it: its Message-ID is what the referrer's reply names
    with sqlite3.connect(next((replay.root / "var").glob("*.db"))) as db:
        ((referral_mid,),) = db.execute("SELECT message_id FROM messages WHERE kind = 'referral'").fetchall()
    before = _json(["case", REF, "--now", "2026-04-02T09:10"])
    replay.deliver(_follow_up(sender, referral_mid, "2026-04-02T10:00",
                              "Thanks. The child (DOB 14/03/2019) was discharged home today.\n"))
    sent = replay.run("2026-04-02T10:05")
    assert [c["ref"] for c in _json(["cases", "--now", "2026-04-02T10:10"])] == [REF]  # type: ignore[index,union-attr]
    after = _json(["case", REF, "--now", "2026-04-02T09:10"])
    assert isinstance(before, dict) and isinstance(after, dict)
    assert after["clocks"] == before["clocks"] and after["stage"] == before["stage"]
    filed = [e for e in after["events"] if e["kind"] == "follow_up_filed"]
    assert len(filed) == 1 and "rule=thread" in filed[0]["detail"]
    assert [(str(m["To"]), str(m["X-CSPRBOT-Kind"])) for m in sent] == [(ROLE["coordinator"], "triage")]
