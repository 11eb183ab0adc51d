"""fix21d: what a reply on a case's thread is read as, from the sender's own text (parsers/classify.py).

A form read only from the quoted history of a reply is kept as the parse (a reply-all may carry a referral csprbot
never saw), and the sender's own lines are read beside it (`own_reading`): intake takes that reading on a case's
thread (bot/intake._own_text_decides). Under "RE: <case reference>", a child brought in with no "child" word is a
referral; a plain reply telling of harm carries its own reading for intake to judge against the case's child.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from parsers import parse_message

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "reliability"))
from followup_mails import FORM_TEXT, SAM, SUBJECT, TAILS

REF = "NS-CSPR-2026-001"
STORY = "Kacper Nowak, 3, was admitted to BRI last night with a skull fracture. Please consider a rapid review."


def _mail(subject: str, body: str) -> bytes:
    return (f"From: Sam Example <{SAM}>\r\nTo: csprbot@nsscp.example.gov.uk\r\nSubject: {subject}\r\n"
            "Message-ID: <own21@csc.example.gov.uk>\r\nIn-Reply-To: <qz.referral.1@csc.example.gov.uk>\r\n"
            "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + body.replace("\n", "\r\n")
            ).encode()


@pytest.mark.parametrize("tail", [t for t in TAILS if t != "none"])
def test_a_new_childs_story_above_the_quoted_referral_is_read_from_the_own_lines(tail: str) -> None:
    result = parse_message(_mail(f"RE: {SUBJECT}", f"{STORY}\n\nSam\n\n{TAILS[tail]}"))
    assert (result.kind, result.form) == ("referral", "read")  # the quoted form, as before
    own = result.own_reading
    assert own is not None and own.kind == "referral" and own.form == "missing", tail
    assert own.reads_as_referral
    assert "Quentin" not in (own.referral.child.name or "") if own.referral else False
    assert own.referral is not None and own.referral.child.date_of_birth != "2019-03-14"


def test_a_form_the_sender_wrote_is_no_quote_and_carries_no_own_reading() -> None:
    result = parse_message(_mail(f"RE: {SUBJECT}", FORM_TEXT))
    assert (result.kind, result.form, result.own_reading) == ("referral", "read", None)


@pytest.mark.parametrize("body", [
    "I also need to tell you about Kacper Nowak, 3, admitted to BRI last night with a skull fracture.",
    "Separately, I need to refer Kacper Nowak (3): he was admitted to BRI last night.",
    "Can I also refer Kacper Nowak? He has a skull fracture and is in BRI.",
    "Another one for you: Kacper Nowak, aged 3, admitted last night with a head injury.",
])
def test_under_the_case_reference_a_child_brought_in_without_a_child_word_is_a_referral(body: str) -> None:
    result = parse_message(_mail(f"RE: {REF}", f"{body}\n\nSam\n"))
    assert (result.kind, result.form, result.case_ref) == ("referral", "missing", REF), result.warnings


@pytest.mark.parametrize("body", ["Thanks, noted.", "Quentin is home now.", "See you at the meeting on Monday."])
def test_a_plain_reply_without_harm_stays_a_plain_reply(body: str) -> None:
    result = parse_message(_mail(f"RE: {REF}", f"{body}\n\nSam\n"))
    assert (result.kind, result.own_reading) == ("reply", None)


def test_a_plain_reply_telling_of_harm_carries_its_own_reading_for_intake() -> None:
    result = parse_message(_mail(f"RE: {REF}", "Quentin's fracture is healing and he is home.\n\nSam\n"))
    assert result.kind == "reply"
    assert result.own_reading is not None and result.own_reading.kind == "referral"
    assert not result.own_reading.reads_as_referral
    assert result.own_reading.case_ref == REF
