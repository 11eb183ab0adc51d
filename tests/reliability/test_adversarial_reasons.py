"""Issue #10, left from stranger round 6: commands whose reason is empty in all but name, and mail withheld unsaid.

  1. A bare `DISAGREE:` (or one with only punctuation, a sign-off, a placeholder or the sender's signature block
     after it) was applied: the Assistant Director was asked to decide a disagreement that says nothing. The same
     hole: `DECISION: NO RAPID REVIEW` and `CLOSE` took "no reason given"; `NOT A REFERRAL`, `REOPEN`, `WAIVE` and
     `EXTEND` took a reason of "." or "-". Now each is refused with a reply saying a reason is needed, and nothing
     changes. A real reason, however short, with a signature under it, is still taken.
  2. After `CORRECT referrer.email: someone@gmail.com` the referrer's letter was silently not sent. Now the reply
     to the CORRECT says the address is not on a secure domain so the letters are withheld; each withheld letter
     is audited (`letter_withheld`, on the case's timeline), said in the decision's confirmation and listed in
     the digest under "mail not sent"; nothing at all goes to the address.

Every input goes in black-box: by mail through the intake (`run --once`'s pass) or through `csprbot act`.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from datetime import timedelta
from email import message_from_bytes, policy
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reliability_kit import (
    REFERRER,
    ROLE,
    Child,
    as_written,
    child_for,
    query,
    referral,
    reply,
    snapshot,
    write_profile,
)
from test_adversarial import NOW, OURS, World, stamp
from test_adversarial_round5 import _signed, _world
from test_adversarial_round7_actions import cli, digest

COORD, CHAIR, SL = ROLE["coordinator"], ROLE["subgroup_chair"], ROLE["service_leader"]
RR, SCREENING, CLOSED, PROVISIONAL = (f"NS-CSPR-2026-00{n}" for n in (1, 2, 3, 4))
CHILDREN = [Child(), *(child_for(k * 13, random.Random(k)) for k in (1, 2, 3))]
IDENTIFIERS = [i for ch in CHILDREN for i in ch.identifiers()]
# CI cost: each example is one command through the whole intake or `act` (~0.3 s).
FEW = settings(max_examples=40, deadline=None, derandomize=True,
               suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

# What may follow a verb that needs a reason, and says nothing: (nothing, punctuation, a sign-off, a placeholder,
# the sender's signature block under an empty command line, "-- " then a signature, a phone's footer).
EMPTY = ["", ":", ": ", ": .", ": -", " - ", ": ?!", ": …", ": <reason>", ": [reason]", ": n/a", ": N/A.",
         ": thanks", ": Thanks!", ": Kind regards, Jo", ": see below", ": TBC", ": none",
         ":\n\nJo Smith\nService Leader\nTel: 01632 960580",
         ":\nJo Smith | Designated Safeguarding Lead | North Somerset Council",
         "\n-- \nJo Smith\nService Leader", ":\n\nKind regards\nJo Smith", ":\nSent from my iPhone",
         ":\n\nDr Jo Smith\n07700 900123\njo.smith@nsscp.example.gov.uk", ": .\n\nJo Smith\nHead of Service"]
# (command, sender, case, the stage it must be in): each needs a reason.
NEEDS_REASON = [("DISAGREE{t}", SL, SCREENING), ("DISAGREE{t}", REFERRER, SCREENING),
                ("DISAGREE{t}", ROLE["director"], SCREENING),
                ("DECISION: NO RAPID REVIEW{t}", CHAIR, SCREENING), ("DECISION: NO RAPID REVIEW 2026-11-17{t}", COORD,
                                                                   SCREENING),
                ("CLOSE{t}", COORD, SCREENING), ("CLOSE{t}", COORD, RR), ("NOT A REFERRAL{t}", COORD, PROVISIONAL),
                ("REOPEN{t}", COORD, CLOSED), ("WAIVE Education{t}", COORD, RR),
                ("EXTEND screening: 2026-12-30{t}", COORD, SCREENING)]
STAGES = {RR: "rapid_review", SCREENING: "screening", CLOSED: "closed", PROVISIONAL: "provisional"}


def _text(raw: bytes) -> str:
    msg = message_from_bytes(raw, policy=policy.default)
    parts = [str(msg["Subject"] or "")]
    parts += [p.get_content() for p in msg.walk() if p.get_content_maintype() == "text"]
    return "\n".join(parts)


def leaks(text: str) -> list[str]:
    low = " ".join(text.lower().split())
    return [i for i in IDENTIFIERS if " ".join(i.lower().split()) in low]


def _open(w: World, k: int, docx: bytes | None = None) -> str:
    """Open the case of CHILDREN[k] by a referral from REFERRER; returns its reference."""
    sent = NOW - timedelta(hours=3, minutes=k)
    raw = referral(f"<cmds10.ref{k}@csc.example.gov.uk>", sent, NOW.date() - timedelta(days=1), docx=docx,
                   child=CHILDREN[k])
    out = w.feed(_signed(raw, "csc.example.gov.uk"))
    return str(out[0].ref)


def send(w: World, ref: str, text: str, via: str, sender: str) -> str:
    """One command by mail or by `csprbot act`; what csprbot said of it ("accepted: ..." / "refused: ...")."""
    if via == "mail":
        # Received at csprbot's clock (a Date: ahead of it counts as now), in the order sent: a mail received before
        # an earlier one's change would be overtaken by it (bot/domain/overtaken.py), which is not what this tests.
        out = w.feed(reply(sender, ref, text, NOW + timedelta(seconds=w.n), w.mid(), auth=stamp(OURS)))
        return str(out[0].detail) if out else ""
    w.mid()  # a new instant each time: the same text from the same sender at the same Date is a replay
    _rc, out, err = cli(w, "act", ref, text, "--as", sender, "--now", (NOW - timedelta(seconds=w.n)).isoformat())
    return out + err


def state(w: World) -> tuple[Any, ...]:
    return snapshot(w.db), query(w.db, "SELECT ref, facts FROM cases ORDER BY ref")


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    """001 in rapid review, 002 in screening, 003 closed, 004 provisional (its form unreadable)."""
    w = _world(tmp_path_factory.mktemp("cmds10-reasons"), False)
    assert _open(w, 1) == SCREENING
    assert _open(w, 2) == CLOSED
    assert send(w, CLOSED, "CLOSE: opened twice", "mail", COORD).startswith("accepted")
    assert _open(w, 3, docx=b"not a word document") == PROVISIONAL
    got = dict(query(w.db, "SELECT ref, stage FROM cases"))
    assert got == STAGES, got  # a guard: each command below meets the stage it is accepted in
    yield w
    w.app.close()


@FEW
@given(cmd=st.sampled_from(NEEDS_REASON), tail=st.sampled_from(EMPTY), via=st.sampled_from(["mail", "act"]))
def test_a_command_that_needs_a_reason_is_refused_without_one(world: World, cmd: tuple[str, str, str], tail: str,
                                                              via: str) -> None:
    template, sender, ref = cmd
    before = state(world)
    o0 = world.last("outbox")
    said = send(world, ref, template.format(t=tail), via, sender)
    assert "refused" in said and "reason" in said, (template, tail, said)
    assert state(world) == before, (template, tail)  # nothing changed: no stage, clock or fact
    mails = world.new_rows("outbox", o0, "kind, recipient, raw")
    # Only the refusal, to the sender: no escalation to the AD, no notice, no letter.
    assert [(k, r.lower()) for k, r, _ in mails] == [("refusal", sender.lower())], [m[:2] for m in mails]
    body = _text(bytes(mails[0][2]))
    assert "reason" in body and not leaks(body), (template, tail, leaks(body))


REASONS = ["Duplicate", "criteria met", "opened in error - duplicate of the earlier referral",
           "Section 47 enquiry open", "the injuries were serious and two agencies missed them", "dup"]
SIGNATURES = ["", "\n\nJo Smith\nService Leader", "\nKind regards\nJo", "\n-- \nJo Smith\nTel: 01632 960580"]


@settings(max_examples=16, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(reason=st.sampled_from(REASONS), sig=st.sampled_from(SIGNATURES), below=st.booleans(),
       via=st.sampled_from(["mail", "act"]))
def test_a_real_reason_however_short_is_taken_with_a_signature_under_it(world: World, reason: str, sig: str,
                                                                        below: bool, via: str) -> None:
    """The benign neighbours: CLOSE then REOPEN of case 003 with a real reason on the command line or as the first
    paragraph under it, a signature below; the reason kept is the reason, not the signature."""
    for verb in ("REOPEN", "CLOSE"):
        text = f"{verb}:\n\n{reason}{sig}" if below else f"{verb}: {reason}{sig}"
        said = send(world, CLOSED, text, via, COORD)
        assert said.startswith("accepted"), (text, said)
        (kept,) = query(world.db, "SELECT detail FROM events WHERE kind = 'stage_changed' ORDER BY id DESC LIMIT 1")
        shown = str(as_written(world.db, kept[0])["reason"])  # the log keeps it apart (fix23b): read back
        assert reason in shown and "Tel" not in shown, kept
    assert dict(query(world.db, "SELECT ref, stage FROM cases"))[CLOSED] == "closed"


def test_a_disagreement_with_its_reason_under_the_command_goes_to_the_ad(tmp_path: Path) -> None:
    """The control for DISAGREE and DECISION: NO RAPID REVIEW: the reason as the paragraph under an empty command
    line (a signature after it) is taken; the AD is asked, and the escalation points to where the reason is kept
    without carrying it."""
    w = _world(tmp_path, False)
    try:
        assert _open(w, 1) == SCREENING
        o0 = w.last("outbox")
        said = send(w, SCREENING, "DISAGREE:\n\nThe threshold is met for Alex's family.\n\nJo Smith\nService Leader",
                    "mail", SL)
        assert said.startswith("accepted"), said
        mails = w.new_rows("outbox", o0, "kind, recipient, raw")
        esc = [bytes(r) for k, rc, r in mails if k == "escalation"]
        assert esc and all("reason they gave is kept on the case" in _text(r) for r in esc)
        assert not any("Alex" in _text(r) for r in esc)  # the reason (which may name anyone) stays on the case
        rc, out, _ = cli(w, "case", SCREENING, "--full", "--now", NOW.isoformat())
        assert rc == 0 and "disagreement raised: The threshold is met" in out, out
        rc, out, _ = cli(w, "case", SCREENING, "--now", NOW.isoformat())  # typed text only with --full
        assert rc == 0 and "disagreement raised: reason given, 7 words" in out and "threshold" not in out, out
        assert send(w, SCREENING, "AD DECISION: REFER", "mail", ROLE["assistant_director"]).startswith("accepted")
        said = send(w, SCREENING, "DECISION: NO RAPID REVIEW\n\nCriteria not met.\n\nKind regards\nJo", "act", CHAIR)
        assert said.startswith("accepted"), said
    finally:
        w.app.close()


# --- 2: a referrer's letter withheld is said, and listed ------------------------------------------------------

INSECURE = ["someone@gmail.com", "Jo.Referrer@hotmail.co.uk", "ref@yahoo.com", "a.b@legacy.gsi.gov.uk",
            "x@csc.example.gov.uk.evil.example", "gp@practice.example.org"]
UNKNOWN_SECURE = ["named.nurse@nhs.net", "someone@othercouncil.gov.uk"]
NOT_ONE_ADDRESS = ["Jo <jo@gmail.com>", "jo@gmail.com, sam@nhs.net", "not an address", "jo@", "@nhs.net"]


@pytest.fixture(scope="module")
def letters(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    w = _world(tmp_path_factory.mktemp("cmds10-letters"), False, with_case=False)
    yield w
    w.app.close()


@settings(max_examples=10, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(addr=st.sampled_from(INSECURE + UNKNOWN_SECURE), via=st.sampled_from(["mail", "act"]),
       decision=st.sampled_from(["DECISION: NO RAPID REVIEW criteria not met", "DECISION: RAPID REVIEW\nAGENCIES: "
                                 "Education"]))
def test_a_referrers_letter_withheld_after_correct_is_said_and_listed(letters: World, addr: str, via: str,
                                                                      decision: str) -> None:
    w = letters
    n = w.last("cases")
    child = child_for(200 + n * 13, random.Random(n))  # a child of its own: each example opens a new case
    ev0, o0 = w.last("events"), w.last("outbox")
    raw = referral(f"<cmds10.l{n}@csc.example.gov.uk>", NOW - timedelta(hours=2, minutes=n),
                   NOW.date() - timedelta(days=1), child=child)
    (out,) = w.feed(_signed(raw, "csc.example.gov.uk"))
    ref = str(out.ref)
    assert w.last("cases") == n + 1, out
    said = send(w, ref, f"CORRECT referrer.email: {addr}", via, COORD)
    assert said.startswith("accepted"), said
    secure = addr in UNKNOWN_SECURE
    why = "not a partnership role's or an agency's" if secure else "not on a secure domain"
    assert why in said and "withheld" in said and "digest" in said, said
    confirm = [bytes(r) for kd, rc, r in w.new_rows("outbox", o0, "kind, recipient, raw") if kd == "confirm"]
    assert confirm and why in " ".join(_text(confirm[-1]).split()), _text(confirm[-1])
    said = send(w, ref, decision, "mail", CHAIR)
    assert said.startswith("accepted") and "the referrer's letter was not sent" in said and why in said, said
    # Nothing at all to the address; the executive's letter still went.
    rows = w.new_rows("outbox", o0, "kind, recipient")
    assert addr.lower() not in [r.lower() for _, r in rows], rows
    assert "letter" in [kd for kd, _ in rows], rows
    events = [(kd, json.loads(d)) for kd, d in w.new_rows("events", ev0, "kind, detail") if kd == "letter_withheld"]
    assert len(events) == 1 and events[0][1]["to"] == "referrer" and addr.lower() not in json.dumps(events[0][1])
    # On the case's timeline, and in the digest's "mail not sent", never with the address or a child's details.
    rc, view, _ = cli(w, "case", ref, "--now", NOW.isoformat())
    assert rc == 0 and "letter_withheld" in view and addr.lower() not in view.lower(), view
    text, html = digest(w)
    section = text.split("MAIL NOT SENT", 1)[1].split("MAILBOX HEALTH", 1)[0]
    assert f"{ref}  the referrer's letter" in section and why in section, section
    assert addr.lower() not in text.lower() and addr.lower() not in html.lower()
    for ident in child.identifiers():
        assert ident.lower() not in text.lower() and ident.lower() not in html.lower(), ident


@pytest.mark.parametrize("value", NOT_ONE_ADDRESS)
def test_correct_referrer_email_takes_one_bare_address(world: World, value: str) -> None:
    """A name beside the address, a list, or no address at all is refused: csprbot could not write to it."""
    before = state(world)
    said = send(world, SCREENING, f"CORRECT referrer.email: {value}", "act", COORD)
    assert "refused" in said and "one email address" in said, said
    assert state(world) == before


def test_a_known_address_after_correct_gets_its_letter(tmp_path: Path) -> None:
    """The control: corrected to an agency's own address, the letter goes, and nothing is listed as withheld."""
    w = _world(tmp_path, False, with_case=False)
    try:
        ref = _open(w, 0)
        said = send(w, ref, "CORRECT referrer.email: pat.teacher@schools.example.gov.uk", "mail", COORD)
        assert said.startswith("accepted") and "withheld" not in said, said
        o0 = w.last("outbox")
        said = send(w, ref, "DECISION: NO RAPID REVIEW criteria not met", "mail", CHAIR)
        assert said.startswith("accepted") and "not sent" not in said, said
        rows = w.new_rows("outbox", o0, "kind, recipient")
        assert ("letter", "pat.teacher@schools.example.gov.uk") in rows, rows
        text, _ = digest(w)
        assert "MAIL NOT SENT since" in text and text.split("MAIL NOT SENT", 1)[1].split("\n")[1].strip() == "None."
    finally:
        w.app.close()


# --- a neighbour: a mail routed to a role no one holds (check-config warns) was dropped unsaid ----------------

@pytest.mark.parametrize("via", ["mail", "act"])
def test_a_mail_routed_to_no_one_is_said_and_listed(tmp_path: Path, via: str) -> None:
    """`[routing] disagreement = []` and `no_rapid_review = []` (a profile check-config warns of): the disagreement
    and the no-rapid-review notice reach nobody. Each is now said in the confirmation and listed in the digest."""
    from bot.app import App
    from bot.clock import FixedClock
    from bot.settings import load_settings

    profile = write_profile(tmp_path / "profile.toml", {"inbox": f'"maildir:{tmp_path}/inbox"',
                                                        "sender": f'"maildir:{tmp_path}/outbox"'})
    text = profile.read_text()
    for event in ("disagreement", "no_rapid_review"):
        assert f'{event} = ["assistant_director"]' in text
        text = text.replace(f'{event} = ["assistant_director"]', f"{event} = []")
    profile.write_text(text)
    cfg = load_settings(str(profile), env={"CSPRBOT_DATABASE_URL": f"sqlite:///{tmp_path}/csprbot.db"})
    w = World(App(cfg, FixedClock(NOW), env={}), tmp_path / "csprbot.db", tmp_path / "inbox")
    try:
        w.app.intake()
        assert _open(w, 1) == RR  # the first case of this store
        said = send(w, RR, "DISAGREE: the criteria are met", via, SL)
        assert said.startswith("accepted") and "the disagreement sent to the Assistant Director to decide was not " \
            "sent: no one holds a role the profile routes it to" in " ".join(said.split()), said
        assert send(w, RR, "AD DECISION: REFER", "mail", ROLE["assistant_director"]).startswith("accepted")
        said = send(w, RR, "DECISION: NO RAPID REVIEW criteria not met", via, CHAIR)
        assert said.startswith("accepted") and "the notice of the no-rapid-review decision was not sent" in said, said
        digest_text, html = digest(w)
        section = digest_text.split("MAIL NOT SENT", 1)[1].split("MAILBOX HEALTH", 1)[0]
        assert f"{RR}  the disagreement sent to the Assistant Director to decide: no one holds" in section, section
        assert f"{RR}  the notice of the no-rapid-review decision: no one holds" in section, section
        assert "Mail not sent 2" in html
    finally:
        w.app.close()
