"""Adversarial suite, stranger round 5's breaks (issue 10): neighbours of round 4's fixes, found from the docs.

  S1/S2. a stranger (no role, no agency) who sent a referral counted as its "referrer": its DISAGREE was applied
      (the case went to the Assistant Director), its command was refused naming the case, and the outcome
      letter went to its personal address. A stranger's referral now gives it no role in the case.
  S3/S4. automatic and list mail in spellings the markers missed: `List-Unsubscribe-Post`, `List-Software`,
      `X-POST-MessageClass: Autoresponder`, Exchange's generated-message field, `noreply@` senders, auto-reply
      subjects in German, French, Welsh, Lotus Notes' `Auto:` and full-width letters. Such mail is not answered
      and a command in it is held.
  S7. the marker written as the 101st field of its name (past the header bound) was not read.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from random import Random

import pytest
from hypothesis import given
from hypothesis import strategies as st
from reliability_kit import ROLE, child_for, referral, snapshot
from test_adversarial import NOW, OURS, REF, World, build, stamp
from test_adversarial_round5 import SETTINGS, _from, _signed, _world, count

COORD = ROLE["coordinator"]


@pytest.fixture(scope="module")
def worlds6(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, World]]:
    ws = {name: _world(tmp_path_factory.mktemp(f"round6-{name}"), name == "hardened")
          for name in ("hardened", "default")}
    yield ws
    for w in ws.values():
        w.app.close()


MARKS = [
    (["List-Unsubscribe-Post: List-Unsubscribe=One-Click"], ""), (["List-Software: Mailman 3.3"], ""),
    (["list-ID2: x"], ""), (["X-POST-MessageClass: 9; Autoresponder"], ""), (["X-FC-MachineGenerated: true"], ""),
    (["X-MS-Exchange-Generated-Message-Source: Mailbox Rules Agent"], ""), (["Delivered-To: Autoresponder"], ""),
    ([], "Auto: "), ([], "Abwesenheitsnotiz: "), ([], "Réponse automatique : "), ([], "Ateb awtomatig: "),
    ([], "Ａｕｔｏｍａｔｉｃ reply: "), ([], "Automatische Antwort: "),
    (["Auto-Submitted: no"] * 101 + ["Auto-Submitted: auto-replied"], ""),
    (["Precedence: first-class"] * 101 + ["Precedence: bulk"], ""), (["Return-Path: <a@b.example>"] * 101
                                                                    + ["Return-Path: <>"], ""),
]


@SETTINGS
@given(mark=st.sampled_from(MARKS), command=st.sampled_from(["CLOSE: duplicate", "LOOKED AFTER: YES",
                                                             "WAIVE Education: not involved"]),
       profile=st.sampled_from(["hardened", "default"]))
def test_a_command_in_mail_marked_automatic_in_other_spellings_is_held(worlds6: dict[str, World],
                                                                      mark: tuple[list[str], str], command: str,
                                                                      profile: str) -> None:
    fields, prefix = mark
    w = worlds6[profile]
    before = {t: rows for t, rows in snapshot(w.db).items() if t in ("cases", "clocks")}
    ob0 = w.last("outbox")
    out = w.feed(build([COORD], [stamp(OURS)], command, mid=w.mid(), subject=f"{prefix}RE: [{REF}] Outcome",
                       extra=fields))
    changed = [t for t, rows in snapshot(w.db).items() if t in before and rows != before[t]]
    # the co-ordinator is told of the held mail (a quarantine notice); the answer to the sender is what must not go
    answered = [k for r, k in w.new_rows("outbox", ob0, "recipient, kind")
                if r.lower() == COORD and k in ("ack", "confirm", "refusal")]
    count("automatic_command_round6", applied=bool(changed), answered=bool(answered))
    assert changed == [] and answered == [], (fields, prefix, out)
    assert out[0].status == "quarantined", out


@SETTINGS
@given(sender=st.sampled_from(["noreply@portal.example.gov.uk", "no-reply@forms.example.org",
                               "do-not-reply@nhs.net", "DoNotReply@csc.example.gov.uk", "no_reply@x.example"]),
       profile=st.sampled_from(["hardened", "default"]))
def test_a_referral_from_a_noreply_sender_is_acted_on_and_not_answered(worlds6: dict[str, World], sender: str,
                                                                       profile: str) -> None:
    w = worlds6[profile]
    domain = sender.rsplit("@", 1)[1]
    child = child_for(70_000 + w.n, Random(w.n))
    ob0 = w.last("outbox")
    out = w.feed(_signed(_from(referral(w.mid(), NOW - timedelta(minutes=5), NOW.date() - timedelta(days=1),
                                        child=child), sender), domain))
    answered = [r for r, in w.new_rows("outbox", ob0, "recipient") if r.lower() == sender.lower()]
    count("noreply_referral", answered=bool(answered))
    assert out[0].status == "processed" and out[0].ref, out
    assert answered == [], answered


@SETTINGS
@given(stranger=st.sampled_from(["jo.public@gmail.example", "unlisted.gp@nhs.net", "parent@example.org"]),
       command=st.sampled_from(["DISAGREE: the review is needed", "CLOSE: probe", "SUBMITTED: 2026-11-17"]),
       profile=st.sampled_from(["hardened", "default"]))
def test_a_stranger_who_referred_has_no_role_in_the_case(tmp_path_factory: pytest.TempPathFactory, stranger: str,
                                                        command: str, profile: str) -> None:
    """A stranger's referral opens a case, but the stranger may not steer it (DISAGREE went to the Assistant
    Director), is not told of it (no refusal naming it) and gets no outcome letter."""
    from reliability_kit import reply

    w = _world(tmp_path_factory.mktemp("s1"), profile == "hardened", with_case=False)
    try:
        domain = stranger.rsplit("@", 1)[1]
        out = w.feed(_signed(_from(referral("<s1.ref@x.example>", NOW - timedelta(hours=3),
                                            NOW.date() - timedelta(days=1)), stranger), domain))
        assert out[0].status == "processed" and out[0].ref, out
        ref = out[0].ref
        out = w.feed(reply(COORD, ref, "DECISION: NO RAPID REVIEW threshold not met", NOW - timedelta(hours=2),
                           "<s1.decision@nsscp.example.gov.uk>", auth=stamp(OURS)))
        assert out[0].detail.startswith("accepted"), out
        to_stranger = [k for r, k in w.new_rows("outbox", 0, "recipient, kind") if r.lower() == stranger]
        assert "letter" not in to_stranger, to_stranger
        before = snapshot(w.db)
        ob0 = w.last("outbox")
        w.feed(_signed(build([stranger], [], command, mid="<s1.cmd@x.example>", subject=f"RE: [{ref}] Decision"),
                       domain))
        answered = [r for r, in w.new_rows("outbox", ob0, "recipient") if r.lower() == stranger]
        count("stranger_referrer", changed=snapshot(w.db) != before, answered=bool(answered))
        assert snapshot(w.db) == before
        assert answered == []
    finally:
        w.app.close()
