"""Stranger round 15: the co-ordinator forwarding an agency's referral inline is not its referrer.

The case's referrer address is the form's (when it names one) or the innermost forwarded writer's; the
acknowledgement, and a duplicate's, go to that referrer; the co-ordinator stays the message's sender. An X.500
From line leaves the referrer address empty (the forwarder is acknowledged, as the one who sent it). A referral
its writer sent quoting someone's earlier mail is theirs.
"""

from __future__ import annotations

import contextlib
import io
import json
from email.message import EmailMessage
from email.utils import make_msgid
from pathlib import Path

import pytest
from replay import ROLE, Replay

from bot.cli import main

COORD = ROLE["coordinator"]
POLICE = ROLE["police_lead"]
WORKER = "pat.worker@schools.example.gov.uk"
IN_FORM = "sam.example@csc.example.gov.uk"
X500 = "/O=EXCHANGELABS/OU=EXCHANGE ADMINISTRATIVE GROUP (FYDIBOHF23SPDLT)/CN=RECIPIENTS/CN=4f2a1c-pworker"
HEADS = {
    "outlook": "________________________________\nFrom: Pat Worker <{a}>\nSent: 01 April 2026 16:12\nTo: Coordinator\n"
               "Subject: CSPR referral\n\n",
    "gmail": "---------- Forwarded message ---------\nFrom: Pat Worker <{a}>\nDate: Wed, 1 Apr 2026 at 16:12\n"
             "Subject: CSPR referral\nTo: <nsscp.coordinator@nsscp.example.gov.uk>\n\n",
    "apple": "Begin forwarded message:\n\nFrom: Pat Worker <{a}>\nSubject: CSPR referral\n"
             "Date: 1 April 2026 at 16:12:03 BST\nTo: nsscp.coordinator@nsscp.example.gov.uk\n\n",
}


def form(referrer_email: str | None) -> str:
    named = f"Name of referrer: Sam Example\nEmail: {referrer_email}\n" if referrer_email else ""
    return ("CSPR REFERRAL FORM\n" + named + "Name of child: Leo Marsh\nDate of birth: 04/05/2019\n"
            "Home address: 3 Quarry Lane, Nailsea, BS48 1AA\nDate of incident: 01/04/2026\n"
            "Has the child been seriously harmed? Yes\nIs abuse or neglect known or suspected? Suspected\n"
            "Summary: Leo was admitted with a fractured femur.\n")


def mail(sender: str, subject: str, body: str, when: str = "09:00") -> bytes:
    m = EmailMessage()
    m["From"], m["To"], m["Subject"] = sender, "csprbot@nsscp.example.gov.uk", subject
    m["Date"] = f"Thu, 02 Apr 2026 {when}:00 +0100"
    m["Message-ID"] = make_msgid(domain="nsscp.example.gov.uk")
    m.set_content(body)
    return m.as_bytes()


def forward(sender: str, client: str, inner_from: str, referrer_email: str | None, when: str = "09:00") -> bytes:
    return mail(sender, "FW: CSPR referral", "FYI - received in my own inbox, please log.\n\n"
                + HEADS[client].format(a=inner_from) + form(referrer_email), when)


def opened(replay: Replay, raw: bytes, when: str) -> tuple[dict[str, object], list[EmailMessage]]:
    before = set(_refs())
    replay.deliver(raw)
    sent = replay.run(when)
    new = set(_refs()) - before
    assert len(new) == 1
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        assert main(["case", new.pop(), "--json", "--full", "--now", when]) == 0
    return json.loads(buf.getvalue()), sent


def _refs() -> list[str]:
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        assert main(["cases", "--json", "--all", "--now", "2026-04-02T12:00"]) == 0
    return [str(c["ref"]) for c in json.loads(buf.getvalue())]


def acks(sent: list[EmailMessage]) -> list[str]:
    return [str(m["To"]) for m in sent if str(m["X-CSPRBOT-Kind"]) == "ack"]


@pytest.fixture()
def replay(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Replay:
    monkeypatch.chdir(tmp_path)
    r = Replay(tmp_path)
    assert main(["demo", "--now", "2026-04-02T08:00"]) == 0
    r.run("2026-04-02T08:05")
    return r


@pytest.mark.parametrize("client", sorted(HEADS))
@pytest.mark.parametrize("in_form", [None, IN_FORM], ids=["form names no address", "form names one"])
def test_a_forwarded_referral_is_the_agency_workers(replay: Replay, client: str, in_form: str | None) -> None:
    case, sent = opened(replay, forward(COORD, client, WORKER, in_form), "2026-04-02T10:00")
    referrer = in_form or WORKER
    assert case["referrer_email"] == referrer
    assert acks(sent) == [referrer]
    # the same child forwarded again by another role: the duplicate is acknowledged to its referrer too
    known = _refs()
    replay.deliver(forward(POLICE, client, WORKER, in_form, "10:30"))
    again = replay.run("2026-04-02T11:00")
    assert _refs() == known
    assert acks(again) == [referrer]


def test_an_x500_sender_leaves_the_referrer_address_empty(replay: Replay) -> None:
    raw = mail(COORD, "FW: CSPR referral", "Please log.\n\n-----Original Message-----\nFrom: Worker, Pat <"
               + X500 + ">\nSent: 01 April 2026 16:12\nTo: Coordinator\nSubject: CSPR referral\n\n" + form(None))
    case, sent = opened(replay, raw, "2026-04-02T10:00")
    assert case["referrer_email"] is None
    assert acks(sent) == [COORD]  # nobody else to tell: the one who sent it


def test_a_referral_quoting_an_earlier_mail_is_its_senders(replay: Replay) -> None:
    body = (form(None) + "\nKind regards\nPat Worker\n\nOn Wed, 1 Apr 2026 at 16:12, Carol Ashworth <" + COORD
            + "> wrote:\n> Could you send us the referral form for Leo, please?\n")
    case, sent = opened(replay, mail(f"Pat Worker <{WORKER}>", "Re: CSPR referral", body), "2026-04-02T10:00")
    assert case["referrer_email"] == WORKER
    assert acks(sent) == [WORKER]
