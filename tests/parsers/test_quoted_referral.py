"""Stranger round 10: a role's reply on a case ("Thanks, noted.", or a mistyped command) quoting csprbot's own
routing mail, or the referral, opened a new provisional case routed to every role. The referral was only in the
quoted history. Now such a reply is a reply; a referral the sender wrote, attached or forwarded is still one."""

from __future__ import annotations

from email.message import EmailMessage

from hypothesis import given, settings
from hypothesis import strategies as st

from parsers import parse_message

ROUTED = """A referral for a Child Safeguarding Practice Review has been received by North Somerset Safeguarding
Children Partnership.

Case reference: NS-CSPR-2026-001
Received (counts from): Mon 07 Dec 2026
Date of incident: Fri 04 Dec 2026

Name of child: Riley Testcase
Date of birth: 14/03/2019
Address: 1 Nowhere Lane, Exampletown, ZZ1 1ZZ
The child was admitted to hospital with injuries; abuse is suspected. Please consider a rapid review.
Referred by: Sam Example, Senior Social Worker, Children's Social Care, sam.example@csc.example.gov.uk
"""

OWN = ["Thanks, noted.", "Thanks, noted. I will be at the meeting.", "DECISON: RAPID REVIEW",
       "Received, will discuss with the chair.", "Ok"]


def _quote(style: str, text: str) -> str:
    if style == "gt":
        return "On Mon, 7 Dec 2026 at 10:02, csprbot wrote:\n" + "\n".join(f"> {ln}" for ln in text.split("\n"))
    if style == "outlook":
        return ("-----Original Message-----\nFrom: csprbot <csprbot@nsscp.example.gov.uk>\nSent: 07 December 2026 "
                "10:02\nTo: Coordinator\nSubject: [NS-CSPR-2026-001] New CSPR referral\n\n" + text)
    return "________________________________\nFrom: csprbot\nSent: 07 December 2026 10:02\n\n" + text


def _mail(subject: str, body: str) -> bytes:
    m = EmailMessage()
    m["From"] = "Pat Chair <cspr.subgroup.chair@nsscp.example.gov.uk>"
    m["To"] = "csprbot@nsscp.example.gov.uk"
    m["Subject"] = subject
    m["Message-ID"] = "<q@x>"
    m.set_content(body)
    return m.as_bytes()


@settings(max_examples=40, deadline=None, derandomize=True)
@given(own=st.sampled_from(OWN), style=st.sampled_from(["gt", "outlook", "rule"]),
       prefix=st.sampled_from(["Re: ", "RE: ", "Re: Re: "]))
def test_a_reply_quoting_our_mail_is_not_a_new_referral(own: str, style: str, prefix: str) -> None:
    raw = _mail(f"{prefix}[NS-CSPR-2026-001] New CSPR referral", f"{own}\n\n{_quote(style, ROUTED)}")
    result = parse_message(raw)
    assert result.kind == "reply", (own, style, result.kind)
    assert result.case_ref == "NS-CSPR-2026-001"


@settings(max_examples=20, deadline=None, derandomize=True)
@given(style=st.sampled_from(["gt", "outlook", "rule"]))
def test_a_referral_the_sender_wrote_or_forwarded_is_still_one(style: str) -> None:
    # the sender's own text is a referral (a sibling, typed above the quote): still a referral
    own = ROUTED.replace("Riley", "Jordan").replace("Case reference: NS-CSPR-2026-001\n", "")
    raw = _mail("Re: [NS-CSPR-2026-001] New CSPR referral", f"{own}\n\n{_quote(style, ROUTED)}")
    assert parse_message(raw).kind == "referral"
    # a forward of a referral is what it carries
    raw = _mail("Fwd: [NS-CSPR-2026-001] New CSPR referral",
                "---------- Forwarded message ---------\nFrom: Sam Example <sam.example@csc.example.gov.uk>\n\n"
                + ROUTED)
    assert parse_message(raw).kind == "referral"


# Stranger round 10, left over: a reply to csprbot's own daily digest (no case in its subject), quoting it, opened a
# provisional case (the digest's clock lines read as a referral with no form). Only what the sender wrote above the
# quote, and what they attached, is read now.
CLOCKS = ["Screening decision (rapid review or not)", "Serious Incident Notification to the National Panel",
          "Rapid review meeting", "Rapid review report to the National Panel", "Agency return: Education"]
STATUS = ["overdue by 4 WD", "today", "in 1 WD", "in 3 WD"]


def _digest(n: int, k: int) -> str:
    lines = ["csprbot daily digest for Fri 11 Dec 2026", "North Somerset Safeguarding Children Partnership (example)",
             "", f"Breached {k} | Decisions due {n} | Due soon 3 | Returns outstanding 2", "", f"BREACHED ({k})"]
    for section, count in (("BREACHED", k), ("DECISIONS DUE", n), ("DUE IN THE NEXT 3 WORKING DAYS", n)):
        lines += ["", f"{section} ({count})"]
        lines += [f"  NS-CSPR-2026-{(j % 9) + 1:03d}  {CLOCKS[j % len(CLOCKS)]}  due Mon 14 Dec 2026 "
                  f"({STATUS[j % len(STATUS)]})" for j in range(count)]
    lines += ["", "NEW CASES (1)", "  NS-CSPR-2026-006  provisional: referral form missing (child seriously harmed,"
              " abuse suspected)"]
    return "\n".join(lines)


@settings(max_examples=40, deadline=None, derandomize=True)
@given(own=st.sampled_from(OWN), style=st.sampled_from(["gt", "outlook", "rule"]),
       prefix=st.sampled_from(["Re: ", "RE: ", "Re: Re: ", "AW: "]), n=st.integers(1, 12), k=st.integers(0, 4))
def test_a_reply_quoting_our_digest_is_not_a_new_referral(own: str, style: str, prefix: str, n: int, k: int) -> None:
    raw = _mail(f"{prefix}[csprbot] Daily digest 2026-12-11", f"{own}\n\n{_quote(style, _digest(n, k))}")
    result = parse_message(raw)
    assert result.kind == "reply" and result.case_ref is None, (own, style, result.kind, result.warnings)


@settings(max_examples=10, deadline=None, derandomize=True)
@given(style=st.sampled_from(["gt", "outlook", "rule"]))
def test_a_referral_written_above_a_quoted_digest_is_still_one(style: str) -> None:
    own = ROUTED.replace("Case reference: NS-CSPR-2026-001\n", "")
    raw = _mail("Re: [csprbot] Daily digest 2026-12-11", f"{own}\n\n{_quote(style, _digest(4, 1))}")
    assert parse_message(raw).kind == "referral"
