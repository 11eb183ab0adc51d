"""Encrypted and secure-portal mail named by structure and vocabulary (issue #10, stranger round 13 break 7).

Only Mimecast's notice was known: Office 365 / Purview Message Encryption (what NHSmail [secure] sends outside
NHSmail), a Microsoft Information Protection message.rpmsg, Virtru, Proofpoint (SecureMessageAtt.html) and
Galaxkey (.gxk) were quarantined as "no referral form found" or "not a format csprbot reads", and the sender heard
nothing. Generated: vendors, notice sentences and how-to-open sentences combined, containers with and without a
body; and the other way, referrals that mention secure email, sign-ins and portals, which must stay referrals.
"""

from __future__ import annotations

import base64

from hypothesis import given, settings
from hypothesis import strategies as st

from parsers import parse_message
from parsers.documents.smime import SECURE_PREFIX, is_notice
from parsers.message import walk_message

SENDERS = ["example.health.lead@nhs.net", "safeguarding@police.example.pnn.gov.uk", "dsl@school.example.sch.uk"]
HELD = ["You've received an encrypted message from {who}", "{who} has sent you a secure email using {vendor}.",
        "You have received a {vendor} Encrypted Message.", "This email has been secured by {vendor}.",
        "This message is protected with {vendor}.", "You have been sent a protected message from {who}.",
        "Your message has been encrypted by {vendor} for your security.", "Secure message from {who}"]
OPEN = ["To view your message, save and open the attachment (message.html), and follow the instructions.",
        "Unlock message: https://secure.example-portal.com/start?id=8c1f", "To read it, open the attachment.",
        "Click here to view the message: https://portal.example.com/m/secure/?key=abc",
        "Sign in using the following email address: csprbot@nsscp.example.gov.uk",
        "Use the one-time passcode we send you to open it.", "Please open the message portal to read this."]
VENDORS = ["Microsoft Office 365 Message Encryption", "Microsoft Purview", "Microsoft Information Protection",
           "Virtru", "Proofpoint", "Galaxkey", "Egress", "Cryptshare", "Trend Micro Email Encryption", "Mimecast"]
CONTAINERS = [("message.rpmsg", "application/x-microsoft-rpmsg-message"), ("message.rpmsg", "application/octet-stream"),
              ("secured.gxk", "application/octet-stream"), ("SecureMessageAtt.html", "text/html"),
              ("encrypted.gpg", "application/octet-stream"), ("protected", "application/x-microsoft-rpmsg-message")]


def _mail(sender: str, subject: str, text: str, attachments: list[tuple[str, str, bytes]] | None = None) -> bytes:
    head = (f"From: {sender}\r\nTo: csprbot@nsscp.example.gov.uk\r\nSubject: {subject}\r\nMIME-Version: 1.0\r\n"
            "Content-Type: multipart/mixed; boundary=BB\r\n\r\n")
    out = head + (f"--BB\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{text}\r\n" if text else "")
    for name, ctype, data in attachments or []:
        out += (f"--BB\r\nContent-Type: {ctype}\r\nContent-Disposition: attachment; filename=\"{name}\"\r\n"
                f"Content-Transfer-Encoding: base64\r\n\r\n{base64.encodebytes(data).decode()}\r\n")
    return (out + "--BB--\r\n").encode()


def _secure(warnings: list[str]) -> list[str]:
    return [w for w in warnings if w.startswith(SECURE_PREFIX)]


@settings(max_examples=80, deadline=None, derandomize=True)
@given(held=st.sampled_from(HELD), how=st.sampled_from(OPEN), vendor=st.sampled_from(VENDORS),
       who=st.sampled_from(SENDERS), footer=st.booleans())
def test_encryption_and_portal_notices_are_named(held: str, how: str, vendor: str, who: str, footer: bool) -> None:
    text = f"{held.format(who=who, vendor=vendor)}\n\n{how}\n"
    if footer:
        text += f"\nMessage encryption by {vendor}. Learn more about messages protected by {vendor}.\n"
    result = parse_message(_mail(who, "CSPR referral", text))
    assert result.kind != "referral"
    assert _secure(result.warnings), result.warnings


@settings(max_examples=30, deadline=None, derandomize=True)
@given(container=st.sampled_from(CONTAINERS), who=st.sampled_from(SENDERS), body=st.booleans())
def test_encrypted_containers_are_named_by_name_or_type_not_as_unreadable_formats(
        container: tuple[str, str], who: str, body: bool) -> None:
    name, ctype = container
    data = (b"<html><form action='https://encrypt.example.com'>Click to read message</form></html>"
            if name.endswith(".html") else b"\x76\xe8\x04\x60\xc4\x11\xe3\x86" + bytes(range(256)))
    walked = walk_message(_mail(who, "CSPR referral", "Please see attached." if body else "",
                                [(name, ctype, data)]))
    said = _secure(walked.warnings)
    assert said and "encrypted message" in said[0], walked.warnings
    assert not any("not a format csprbot reads" in w for w in walked.warnings)


def test_office_365_message_html_and_pgp_armour_are_recognised_by_their_content() -> None:
    page = (b"<html><body><p>You've received an encrypted message</p><p>To view this message open message.html."
            b"</p><p>Protected by Microsoft Office 365 Message Encryption</p></body></html>")
    armour = b"-----BEGIN PGP MESSAGE-----\n\nhQEMA1234\n-----END PGP MESSAGE-----\n"
    for att in [("message.html", "text/html", page), ("referral.asc", "text/plain", armour)]:
        walked = walk_message(_mail(SENDERS[0], "CSPR referral", "", [att]))
        assert _secure(walked.warnings), (att[0], walked.warnings)


REFERRAL = """Hello, please find below a referral for a Child Safeguarding Practice Review. {aside}

Name of child: Amelia Pryce
Date of birth: 14/03/2019
Date of incident: 30/11/2026
Did the child die? No
Abuse or neglect suspected? Yes
Summary: Amelia was admitted with injuries; neglect is suspected.

Referrer: Sam Example, Senior Social Worker, Children's Social Care, sam.example@csc.example.gov.uk
"""
ASIDES = ["I have sent this via secure email.", "Sent by secure e-mail (Egress) as agreed.",
          "This has been sent securely; please sign in to Mosaic to view the case notes.",
          "This message is encrypted in transit by our secure email gateway.",
          "To view the message history, open the attachment.", "Our secure message portal is down today."]


@settings(max_examples=24, deadline=None, derandomize=True)
@given(aside=st.sampled_from(ASIDES))
def test_a_referral_that_mentions_secure_email_is_still_a_referral(aside: str) -> None:
    result = parse_message(_mail("sam.example@csc.example.gov.uk", "CSPR referral", REFERRAL.format(aside=aside)))
    assert result.kind == "referral", result.warnings
    assert result.referral is not None and result.referral.child.name == "Amelia Pryce"
    assert not _secure(result.warnings)


@given(aside=st.sampled_from(ASIDES))
def test_ordinary_sentences_about_secure_mail_are_not_notices(aside: str) -> None:
    assert not is_notice(f"Thanks for the meeting today. {aside} Speak soon, Sam")


FOOTERS = ["This email has been secured by Mimecast.", "This message has been scanned for viruses by Mimecast.",
           "Secured by Egress. This email and any attachments are confidential.",
           "This email was encrypted in transit (TLS) by Proofpoint Essentials.",
           "Sent via NHSmail, the secure email service. Message encryption is available: type [secure] in the subject."]
REPLIES = ["ACTION DONE: chronology sent to the panel chair", "Thanks - please open the attached return and check it.",
           "I will read the message from the police tomorrow.", "Please read the attached minutes before Tuesday."]


@settings(max_examples=20, deadline=None, derandomize=True)
@given(reply=st.sampled_from(REPLIES), footer=st.sampled_from(FOOTERS))
def test_a_reply_with_a_gateways_security_footer_is_not_a_notice(reply: str, footer: str) -> None:
    """A sentence saying mail is secured or scanned, with no sentence saying how to open a held message: a footer."""
    walked = walk_message(_mail(SENDERS[0], "Re: [NS-CSPR-2026-001] actions", f"{reply}\n\nKind regards\n\n{footer}\n"))
    assert not _secure(walked.warnings), walked.warnings
