"""Referrals that reach us through someone else: the referrer is the person who wrote the form or the mail, never
the one who forwarded it.

- A forwarded (Outlook "From: / Sent:" block) text form whose "Referrer:" line holds name, role, team and agency
  in one answer: split (the team goes with the role), and the referrer's address taken from the forwarded From
  line when that line names the same person (never the forwarder's address, never another person's).
- A mail printed to PDF and forwarded (the form inside names no referrer): the printed mail's From line, Sent
  date and closing block (name, role, organisation, phone) give the referrer; a closing block that names
  someone else gives nothing.

Generated: names, roles, teams, agencies, forwarder, layout of the printed block.
"""

from __future__ import annotations

import email.policy
import sys
from email.message import EmailMessage
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "corpus_tools"))

from pdf_forms import text_pdf

from parsers import parse_message
from parsers.printed_mail import printed_author

WRITER_FIRST = ["Declan", "Hollie", "Alistair", "Inés", "Bronwen"]
WRITER_LAST = ["Ogunleye", "Carrow", "Quayle", "Ó Murchú", "Nowakowska"]  # cp1252: the hand-built PDF's encoding
FORWARDER = ["Tobias Kilbride", "Carol Ashworth", "Rupert Fairbrother"]
ROLES = ["Detective Sergeant", "Safeguarding Lead", "Named Midwife for Safeguarding", "Senior Practitioner"]
TEAMS = ["Child Abuse Investigation Team", "Public Protection Unit", "Exploitation Hub"]
AGENCIES = ["Avon and Somerset Constabulary", "St Michael's Hospital", "North Somerset Council"]


def _address(name: str, domain: str) -> str:
    return name.lower().replace(" ", ".").replace("ó", "o").replace("ś", "s").replace("é", "e") + "@" + domain


FORM = """CSPR REFERRAL

1. Details of the child
1.1 Full name: Ffion Thistlewood
1.2 Date of birth: 17/03/2016
1.3 Address: 15 Milton Brow, Weston-super-Mare, BS23 2BT
1.4 Child protection plan: No

2. The incident
2.1 Date: 12/11/2026
2.2 Did the child die? No
2.3 Was the child seriously harmed? Yes
2.4 Abuse or neglect known or suspected? Known
2.5 Summary: Ffion was found to have bruising to both ears at a routine health visitor contact.
"""


def _mail(sender: str, subject: str, body: str, pdf: bytes | None = None) -> dict[str, object]:
    msg = EmailMessage(policy=email.policy.SMTP)
    msg["From"] = f"{sender} <{_address(sender, 'n-somerset.gov.uk')}>"
    msg["To"] = "cspr@n-somerset.gov.uk"
    msg["Subject"] = subject
    msg.set_content(body)
    if pdf is not None:
        msg.add_attachment(pdf, maintype="application", subtype="pdf", filename="Rapid review referral.pdf")
    return parse_message(msg.as_bytes()).to_json_dict()


@settings(max_examples=10, deadline=None)
@given(st.sampled_from(WRITER_FIRST), st.sampled_from(WRITER_LAST), st.sampled_from(FORWARDER),
       st.sampled_from(ROLES), st.one_of(st.none(), st.sampled_from(TEAMS)), st.sampled_from(AGENCIES),
       st.booleans())
def test_forwarded_form_referrer_line_and_forwarded_from(first: str, last: str, forwarder: str, role: str,
                                                          team: str | None, agency: str, same: bool) -> None:
    writer = f"{first} {last}"
    domain = "nhs.net"
    # the forwarded From line names the writer (or, in the other case, someone else entirely)
    on_from = writer if same else "Priya Pemberton"
    role_written = f"{role}, {team}" if team else role
    body = (f"Please see below - forwarding as {first} is off today.\n\nThanks\n{forwarder}\n\n"
            "________________________________\n"
            f"From: {on_from} <{_address(on_from, domain)}>\nSent: Wednesday, 18 November 2026 17:48\n"
            f"To: {forwarder} <{_address(forwarder, 'n-somerset.gov.uk')}>\nSubject: CSPR referral\n\n"
            f"{FORM}\nReferrer: {writer}, {role_written}, {agency}\nTel: 07700 900100\n")
    ref = _mail(forwarder, "FW: CSPR referral", body)["referral"]
    assert isinstance(ref, dict)
    assert ref["referrer"]["name"] == writer
    assert ref["referrer"]["role"] == role_written
    assert ref["referrer"]["agency"] == agency
    assert ref["referrer"]["email"] == (_address(writer, domain) if same else None)
    assert ref["child"]["name"] == "Ffion Thistlewood"


@settings(max_examples=10, deadline=None)
@given(st.sampled_from(WRITER_FIRST), st.sampled_from(WRITER_LAST), st.sampled_from(FORWARDER),
       st.sampled_from(ROLES), st.sampled_from(AGENCIES), st.booleans(), st.booleans())
def test_printed_mail_writer_is_the_referrer(first: str, last: str, forwarder: str, role: str, agency: str,
                                             print_header: bool, signed_by_writer: bool) -> None:
    writer = f"{first} {last}"
    email_addr = _address(writer, "uhbw.nhs.uk")
    closing = writer if signed_by_writer else "Joanna Nightingale"
    lines: list[str | tuple[str, str]] = [writer] if print_header else []
    lines += [f"From:     {writer} <{email_addr}>", "Sent:     19 November 2026 15:02",
              "To:       Safeguarding Partnership Business Unit", "Subject:  Rapid review referral", "",
              "Dear Business Unit, my referral is set out below.", "",
              *FORM.split("\n"), closing, role, agency, "07700 900279"]
    pdf = text_pdf(lines)
    ref = _mail(forwarder, "FW: Rapid review referral (from old mailbox)",
                f"Hi team,\n\nThis came into the old mailbox. I've printed it to PDF.\n\n{forwarder}\n"
                "Business Support Officer\n", pdf)["referral"]
    assert isinstance(ref, dict)
    assert ref["child"]["name"] == "Ffion Thistlewood"
    got = ref["referrer"]
    if signed_by_writer:
        assert (got["name"], got["email"], got["role"], got["agency"], got["phone"], got["date_submitted"]) == (
            writer, email_addr, role, agency, "07700 900279", "2026-11-19")
    else:
        # the closing block names someone else: whose mail it is cannot be told from the print, nothing read
        assert got["name"] != writer and got["name"] != forwarder
        assert got["email"] != email_addr


def test_printed_author_needs_the_header_at_the_top() -> None:
    """A From line deep in a document (a quoted thread in a report) is not a printed mail's header."""
    text = "\n".join(["Report"] * 10 + ["From: Hollie Carrow <hollie.carrow@uhbw.nhs.uk>", "Subject: x", "body",
                                         "Hollie Carrow", "Named Midwife"])
    assert printed_author(text) is None
    top = "\n".join(["From: Hollie Carrow <hollie.carrow@uhbw.nhs.uk>", "Sent: 19/11/2026", "Subject: x", "body",
                     "more", "Hollie Carrow", "Named Midwife"])
    found = printed_author(top)
    assert found is not None and (found.name, found.role, found.sent) == ("Hollie Carrow", "Named Midwife",
                                                                          "2026-11-19")
