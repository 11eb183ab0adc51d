"""A return typed as numbered "N) Label - answer" lines: its "Brief summary" (after the author and the involvement)
is the summary of the agency's involvement, never the referral's summary field (parse23a: labels.py, the bare
"Brief summary" scoped by section). A layout of this file's own, generated."""

from __future__ import annotations

from email.message import EmailMessage

from hypothesis import given, settings
from hypothesis import strategies as st

from parsers import parse_message

SUMMARY = "Two home visits by the family support worker; a missed appointment was followed up by phone."


@settings(max_examples=12, deadline=None)
@given(st.sampled_from([") ", ". ", " "]), st.sampled_from([" - ", ": "]), st.sampled_from(["Brief summary",
                                                                                          "Brief Summary"]))
def test_a_returns_brief_summary_is_the_involvements(number: str, sep: str, label: str) -> None:
    lines = ["NS-CSPR-2026-655", "", f"1{number}Name of organisation{sep}Weston Family Hub",
             f"2{number}Person completing{sep}Carys Bellamy", f"3{number}Any involvement?{sep}Yes",
             f"4{number}Period of involvement{sep}02/02/2026 - 30/11/2026", f"5{number}{label}{sep}{SUMMARY}",
             f"6{number}Any learning{sep}Nobody asked who else lived at the address.",
             f"7{number}Records secured{sep}Yes", f"8{number}Date{sep}07/12/2026"]
    msg = EmailMessage()
    msg["From"] = "Carys Bellamy <carys.bellamy@n-somerset.gov.uk>"
    msg["To"] = "cspr.referrals@n-somerset.gov.uk"
    msg["Subject"] = "RE: NS-CSPR-2026-655 request for agency return"
    msg["Date"] = "Mon, 07 Dec 2026 15:00:00 +0000"
    msg.set_content("\n".join(lines))
    result = parse_message(msg.as_bytes())
    assert result.kind == "agency_return" and result.agency_return is not None
    assert result.agency_return.summary == SUMMARY
    assert result.agency_return.involvement_from == "2026-02-02"
