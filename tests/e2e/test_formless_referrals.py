"""Issue #12: a referral with no form, one whose form cannot be opened, and a one-line "Referred by" form each open a
case, acknowledged to the right referrer (the provisional stage itself is the process model's)."""

from __future__ import annotations

import contextlib
import io
import json
import sys
from email.message import EmailMessage
from email.utils import make_msgid
from pathlib import Path

import pytest
from replay import Replay

from bot.cli import main

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "corpus_tools"))

import docx_forms
import hostile
from cases import referral as case


@pytest.fixture()
def replay(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Replay:
    monkeypatch.chdir(tmp_path)
    return Replay(tmp_path)


def _mail(sender: str, subject: str, body: str, attachment: tuple[str, bytes, str] | None = None) -> bytes:
    m = EmailMessage()
    m["From"], m["To"], m["Subject"] = sender, "csprbot@nsscp.example.gov.uk", subject
    m["Date"] = "Thu, 02 Apr 2026 09:00:00 +0100"
    m["Message-ID"] = make_msgid(domain="example.gov.uk")
    m.set_content(body)
    if attachment is not None:
        main_type, sub = attachment[2].split("/")
        m.add_attachment(attachment[1], maintype=main_type, subtype=sub, filename=attachment[0])
    return m.as_bytes()


def _referral(ref: str) -> dict[str, object]:
    """The referral as read, from `csprbot case REF --json --full`."""
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        assert main(["case", ref, "--json", "--full", "--now", "2026-04-02T10:30"]) == 0
    return json.loads(buf.getvalue())["referral"]  # type: ignore[no-any-return]


def _cases() -> list[dict[str, object]]:
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        assert main(["cases", "--json", "--now", "2026-04-02T10:30"]) == 0
    return json.loads(buf.getvalue())  # type: ignore[no-any-return]


NO_FORM = ("Dear CSPR team,\n\nI have not used the referral form as I am on leave from tomorrow. Baby Amara "
           "Lewis, aged 4 months, was admitted to PICU on 1 April with a skull fracture; non-accidental injury is "
           "suspected. Please could the partnership consider a rapid review.\n\nKind regards\n\nPriya Shah\n"
           "Named Nurse for Safeguarding Children\n")
ONE_LINE = ("CHILD SAFEGUARDING PRACTICE REVIEW REFERRAL\nName: Leo Marsh\nDate of birth: 04/05/2019\n"
            "Date of incident: 01/04/2026\nReferred by: DS Mark Holt, Detective Sergeant, Avon and Somerset Police, "
            "mark.holt@avon.example.pnn.police.uk\nAbuse or neglect: [ ] Known [X] Suspected\n"
            "Summary of incident:\nAdmitted with a fractured femur.\n")


@pytest.mark.parametrize(("raw", "referrer"), [
    (_mail("Priya Shah <priya.shah@somerset.example.nhs.uk>", "Possible CSPR", NO_FORM),
     "priya.shah@somerset.example.nhs.uk"),
    (_mail("Jo Reed <jo.reed@school.example.sch.uk>", "Referral", "Please see attached.",
           ("referral.docx", hostile.encrypted_docx(docx_forms.ns_appendix2(case(0), "glyph")),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document")),
     "jo.reed@school.example.sch.uk"),
    (_mail("CAIT mailbox <cait@avon.example.pnn.police.uk>", "CSPR referral", ONE_LINE),
     "mark.holt@avon.example.pnn.police.uk"),
], ids=["no form", "unreadable form", "one-line referred by"])
def test_each_opens_a_case_acknowledged_to_its_referrer(replay: Replay, raw: bytes, referrer: str) -> None:
    assert main(["demo", "--now", "2026-04-02T09:00"]) == 0  # the demo profile and its database
    replay.run("2026-04-02T09:05")
    before = {str(c["ref"]) for c in _cases()}
    replay.deliver(raw)
    sent = replay.run("2026-04-02T10:05")
    opened = {str(c["ref"]) for c in _cases()} - before
    assert len(opened) == 1
    assert _referral(opened.pop())["referrer"]["email"] == referrer  # type: ignore[index]
    # the acknowledgement answers whoever sent it (a team mailbox forwarding a form included)
    assert any(str(m["X-CSPRBOT-Kind"]) == "ack" for m in sent)
