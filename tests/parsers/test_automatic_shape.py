"""parsers/automatic.py: unauthenticated mail marked automatic judged from its MIME structure alone (stranger round 12).

Every automatic reply and delivery report in the corpora (and CPython's real DSNs) is read, and read as an automatic
reply; a report's returned message is handed over as its header block only; a document, archive, blob, forwarded mail
or much text beside an automatic reply or inside a report means nothing is read, the reason naming the part by its
place and type, never its file name (which may name a child). Intake's side: tests/reliability/
test_unauthenticated_unread.py.
"""

from __future__ import annotations

import json
from email import message_from_bytes, policy
from email.message import EmailMessage
from email.utils import parseaddr
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parsers import parse_message
from parsers.automatic import TEXT_BYTES, reading

TESTS = Path(__file__).resolve().parents[1]
AUTOMATIC = sorted({p.with_name(p.name.replace(".expected.json", ".eml")) for p in TESTS.glob("corpus*/*.expected.json")
                    if json.loads(p.read_text()).get("kind") == "auto_reply"}
                   | {TESTS / "corpus_heldout6" / "n05_bounce.eml"}
                   | {TESTS / "reliability" / "cpython_email" / f"msg_{n}.txt" for n in ("05", "25", "43")})


def _sender(raw: bytes) -> str:
    return parseaddr(str(message_from_bytes(raw).get("From", "")))[1].lower()


@pytest.mark.parametrize("path", AUTOMATIC, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_real_automatic_replies_and_reports_are_read_as_such(path: Path) -> None:
    raw = path.read_bytes()
    look = reading(raw, _sender(raw))
    assert look.raw is not None, look.why
    assert parse_message(look.raw).kind == "auto_reply"


CHILD_FILE = "Alex Specimen 14.03.2015 referral"
DOCUMENTS = [("application", "vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx"),
             ("application", "msword", ".doc"), ("application", "pdf", ".pdf"), ("application", "rtf", ".rtf"),
             ("application", "vnd.oasis.opendocument.text", ".odt"), ("application", "zip", ".zip"),
             ("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx"),
             ("application", "octet-stream", ".dat"), ("text", "plain", ".txt"), ("text", "html", ".htm"),
             ("image", "png", ".png")]


def _report(with_returned: bool) -> EmailMessage:
    """A Postfix delivery report; with the returned message (our routing mail with the referral as received)."""
    parts = ["Content-Type: text/plain\n\nThis is the mail system at host mx.example.gov.uk.\n\nYour message could "
             "not be delivered to one or more recipients.\n",
             "Content-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.gov.uk\n\nFinal-Recipient: "
             "rfc822; x@example.gov.uk\nAction: failed\nStatus: 5.1.1\n"]
    if with_returned:
        inner = EmailMessage()
        inner["From"], inner["Subject"] = "csprbot@nsscp.example.gov.uk", "[NS-CSPR-2026-001] New CSPR referral"
        inner["Message-ID"] = "<routed.1@nsscp.example.gov.uk>"
        inner.set_content("A referral was received.\n")
        inner.add_attachment(b"PK\x03\x04" + bytes(40_000), "application", "octet-stream",
                             filename="NS-CSPR-2026-001-as-received.eml")
        parts.append("Content-Type: message/rfc822\n\n" + inner.as_string())
    raw = ("From: Mail Delivery System <MAILER-DAEMON@mx.example.gov.uk>\nSubject: Undelivered Mail Returned to "
           "Sender\nMIME-Version: 1.0\nContent-Type: multipart/report; report-type=delivery-status; boundary=R\n\n"
           + "".join(f"--R\n{p}\n" for p in parts) + "--R--\n")
    return message_from_bytes(raw.encode(), policy=policy.default)  # type: ignore[return-value]


def _out_of_office() -> EmailMessage:
    m = EmailMessage()
    m["From"], m["Subject"] = "jo.smith@schools.example.gov.uk", "Automatic reply: CSPR referral"
    m["Auto-Submitted"] = "auto-replied"
    m.set_content("I am out of the office until Monday with limited access to email.\n")
    return m


@settings(max_examples=60, deadline=None, derandomize=True)
@given(shape=st.sampled_from(["out of office", "report", "report with returned"]),
       doc=st.sampled_from(DOCUMENTS))
def test_a_document_beside_an_automatic_reply_or_report_is_not_read(shape: str, doc: tuple[str, str, str]) -> None:
    m = _out_of_office() if shape == "out of office" else _report(shape == "report with returned")
    if m.get_content_maintype() != "multipart":
        m.make_mixed()
    maintype, subtype, ext = doc
    data = b"%PDF-1.4 " + bytes(3000) if maintype != "text" else b"Child's name: x\n" * 200
    m.add_attachment(data, maintype, subtype, filename=CHILD_FILE + ext)
    raw = m.as_bytes()
    look = reading(raw, _sender(raw))
    assert look.raw is None, (shape, doc)
    assert f"({maintype}/{subtype})" in look.why and "Alex" not in look.why, look.why


@pytest.mark.parametrize("crlf", [False, True])
def test_a_reports_returned_message_is_read_as_its_headers_only(crlf: bool) -> None:
    raw = _report(True).as_bytes(policy=policy.SMTP if crlf else policy.default)
    look = reading(raw, "mailer-daemon@mx.example.gov.uk")
    assert look.raw is not None and len(look.raw) < len(raw) // 10, look.why
    assert b"Message-ID: <routed.1@nsscp.example.gov.uk>" in look.raw and b"as-received" not in look.raw
    parsed = parse_message(look.raw)
    assert parsed.kind == "auto_reply", parsed.warnings


@pytest.mark.parametrize("sender", ["MAILER-DAEMON@mail.example.org", "postmaster@example.org"])
def test_a_text_bounce_pasting_our_mail_is_read_up_to_its_first_lines(sender: str) -> None:
    copy = "".join(f"QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAx{n:04d}\n"
                   for n in range(2000))
    m = EmailMessage()
    m["From"], m["Subject"] = sender, "failure notice"
    m.set_content("Hi. This is the qmail-send program at mail.example.org.\nI'm afraid I wasn't able to deliver "
                  "your message to the following addresses.\n\n--- Below this line is a copy of the message.\n\n"
                  + copy)
    raw = m.as_bytes()
    look = reading(raw, sender.lower())
    assert look.raw is not None and len(look.raw) <= len(raw) - len(copy) + TEXT_BYTES
    assert look.raw.endswith(b"\n") and parse_message(look.raw).kind == "auto_reply"
    # from anyone else, the same text is more than an automatic reply holds: not read
    assert reading(raw, "jo.smith@schools.example.gov.uk").raw is None
