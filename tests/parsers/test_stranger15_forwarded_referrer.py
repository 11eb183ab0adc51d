"""Stranger round 15: a role forwarding an agency's referral (inline or attached) did not make it.

When the form names no referrer address, the innermost forwarded mail's writer (its header block's From line, or
the attached mail's From) is the referrer, with provenance `forwarded_from`; never the forwarder, never an outer
level's writer. When the form names one, the form wins. An Exchange X.500 From line (no address) leaves the
address empty: nothing is guessed. A reply quoting an earlier mail ("On ... wrote:", an Outlook block below the
sender's own form) is the sender's own referral: the quoted writer is not its referrer.

Generated: the client writing each level's header block (Outlook, Outlook "[mailto:]", Gmail, Apple Mail), 1-3
levels, the outermost forward inline or attached, the form with or without a referrer address, the writers.
"""

from __future__ import annotations

import email.policy
from email.message import EmailMessage

from hypothesis import given, settings
from hypothesis import strategies as st

from parsers import parse_message

COORD = "Carol Ashworth <nsscp.coordinator@nsscp.example.gov.uk>"
WRITERS = [("Pat Worker", "pat.worker@schools.example.gov.uk"), ("Declan Ogunleye", "declan.ogunleye@nhs.net"),
           ("Hollie Carrow", "hollie.carrow@avon.example.pnn.police.uk"),
           ("Inés Quayle", "ines.quayle@csc.example.gov.uk")]
MIDDLE = [("Rupert Fairbrother", "rupert.fairbrother@schools.example.gov.uk"),
          ("Tobias Kilbride", "safeguarding.hub@csc.example.gov.uk"),
          ("Jo Reed", "jo.reed@nhs.net")]
CLIENTS = ["outlook", "outlook_mailto", "gmail", "apple"]
X500 = "/O=EXCHANGELABS/OU=EXCHANGE ADMINISTRATIVE GROUP (FYDIBOHF23SPDLT)/CN=RECIPIENTS/CN=4f2a1c-pworker"


def form(referrer: tuple[str, str] | None) -> str:
    named = (f"Name of referrer: {referrer[0]}\nRole: Safeguarding Lead\nEmail: {referrer[1]}\n"
             if referrer else "")
    return ("CSPR REFERRAL FORM\n" + named
            + "Name of child: Ffion Thistlewood\nDate of birth: 17/03/2016\n"
            "Home address: 15 Milton Brow, Weston-super-Mare, BS23 2BT\nParent/carer: Jo Thistlewood (mother)\n"
            "Date of incident: 12/11/2026\nLocation of incident: Family home\nHas the child died? No\n"
            "Has the child been seriously harmed? Yes\nIs abuse or neglect known or suspected? Suspected\n"
            "Summary: Ffion was found to have bruising to both ears at a routine health visitor contact.\n")


def block(client: str, name: str, addr: str | None, to: str) -> str:
    """The header block `client` writes over a forwarded mail (addr None: an Exchange X.500 sender)."""
    if client == "outlook_mailto":
        who = f"{name} [mailto:{addr}]" if addr else name
        return (f"-----Original Message-----\nFrom: {who}\nSent: 12 November 2026 16:02\nTo: {to}\n"
                "Subject: CSPR referral\n\n")
    who = f"{name} <{addr}>" if addr else f"{name} <{X500}>"
    if client == "outlook":
        return (f"________________________________\nFrom: {who}\nSent: Thursday, 12 November 2026 16:02\nTo: {to}\n"
                "Subject: CSPR referral\n\n")
    if client == "gmail":
        return (f"---------- Forwarded message ---------\nFrom: {who}\nDate: Thu, 12 Nov 2026 at 16:02\n"
                f"Subject: CSPR referral\nTo: {to}\n\n")
    return (f"Begin forwarded message:\n\nFrom: {who}\nSubject: CSPR referral\n"
            f"Date: 12 November 2026 at 16:02:11 GMT\nTo: {to}\n\n")


def message(sender: str, subject: str, body: str, attached: EmailMessage | None = None) -> EmailMessage:
    m = EmailMessage(policy=email.policy.SMTP)
    m["From"], m["To"], m["Subject"] = sender, "csprbot@nsscp.example.gov.uk", subject
    m["Date"] = "Fri, 13 Nov 2026 09:00:00 +0000"
    m.set_content(body)
    if attached is not None:
        m.add_attachment(attached)
    return m


def parse(m: EmailMessage) -> dict[str, object]:
    return parse_message(m.as_bytes()).to_json_dict()


@settings(max_examples=60, deadline=None)
@given(clients=st.lists(st.sampled_from(CLIENTS), min_size=1, max_size=3), writer=st.sampled_from(WRITERS),
       middle=st.sampled_from(MIDDLE), attach=st.booleans(), in_form=st.sampled_from([None, *WRITERS]),
       x500=st.booleans())
def test_the_innermost_writer_is_the_referrer(clients: list[str], writer: tuple[str, str],
                                              middle: tuple[str, str], attach: bool,
                                              in_form: tuple[str, str] | None, x500: bool) -> None:
    # innermost level first: the writer's form, then each forwarder's note over the block of the level below
    body = form(in_form)
    level_from = [(writer[0], None if x500 else writer[1])] + [middle] * (len(clients) - 1)
    for client, (name, addr) in zip(clients[1:], level_from[:-1], strict=False):  # the inner forwards, inline
        body = f"Please see below.\n\n{middle[0]}\n\n" + block(client, name, addr, middle[0]) + body
    outer_name, outer_addr = level_from[-1]
    if attach:
        inner = message(f"{outer_name} <{outer_addr or 'x500@invalid'}>" if outer_addr else outer_name,
                        "CSPR referral", body)
        if outer_addr is None:
            inner.replace_header("From", f"{outer_name} <{X500}>")
        mail = message(COORD, "FW: CSPR referral", "FYI - received in my own inbox, please log.\n\nCarol", inner)
    else:
        mail = message(COORD, "FW: CSPR referral", "FYI - received in my own inbox, please log.\n\nCarol\n\n"
                       + block(clients[0], outer_name, outer_addr, "Carol Ashworth") + body)
    got = parse(mail)
    assert got["kind"] == "referral"
    ref = got["referral"]
    assert isinstance(ref, dict) and ref["child"]["name"] == "Ffion Thistlewood"
    email_got = ref["referrer"]["email"]
    prov = got["provenance"]
    assert isinstance(prov, dict)
    if in_form is not None:
        assert email_got == in_form[1]  # the form names the referrer: the form wins
    elif x500:
        assert email_got is None  # no address on the innermost From line: not guessed from an outer level
    else:
        assert email_got == writer[1]
        assert prov["referral.referrer.email"]["via"] == "forwarded_from"
    assert email_got not in ("nsscp.coordinator@nsscp.example.gov.uk", *(a for _, a in MIDDLE if a != writer[1]))


@settings(max_examples=20, deadline=None)
@given(writer=st.sampled_from(WRITERS), quoted=st.sampled_from(MIDDLE), style=st.sampled_from(["wrote", "outlook"]))
def test_a_reply_quoting_an_earlier_mail_is_not_a_forward(writer: tuple[str, str], quoted: tuple[str, str],
                                                          style: str) -> None:
    """The sender types their own referral above an earlier mail they quote: the quoted writer made nothing."""
    if style == "wrote":
        below = (f"On Thu, 12 Nov 2026 at 16:02, {quoted[0]} <{quoted[1]}> wrote:\n> Could you send us the "
                 "referral form for Ffion, please?\n> Thanks\n")
    else:
        below = (f"________________________________\nFrom: {quoted[0]} <{quoted[1]}>\nSent: 12 November 2026 16:02\n"
                 f"To: {writer[0]}\nSubject: CSPR referral\n\nCould you send us the referral form for Ffion, please?\n")
    mail = message(f"{writer[0]} <{writer[1]}>", "RE: CSPR referral",
                   "Here it is.\n\n" + form(None) + f"\nKind regards\n{writer[0]}\n\n" + below)
    got = parse(mail)
    assert got["kind"] == "referral"
    ref = got["referral"]
    assert isinstance(ref, dict)
    assert ref["referrer"]["email"] != quoted[1]
