"""A return written as questions over answers, each question a line of its own ending in "?": a narrative answer
ends at the next question line even when the lexicon does not know that question, so it never takes in the next
question and its answer (a wrong value: precision first); and the usual question wordings of a return ("What have
you done since the incident?", "What might we learn?", "Which agency are you responding for?") are its labels
(parse21: fields._QUESTION_LINE, labels.py). Layouts of this file's own, as text and as HTML paragraphs."""

from __future__ import annotations

from email.message import EmailMessage

from hypothesis import given, settings
from hypothesis import strategies as st

from parsers import parse_message

SUMMARY = "Two contacts at the minor injuries unit; the second was not shared with the health visitor."
UNKNOWN_QUESTIONS = ["Is there anything else the panel should know?", "Were any other children in the household?",
                     "How did you hear about the incident?"]


def _mail(lines: list[str], html: bool) -> bytes:
    msg = EmailMessage()
    msg["From"] = "Tamsin Ferrari <tamsin.ferrari@uhbw.nhs.uk>"
    msg["To"] = "cspr.referrals@n-somerset.gov.uk"
    msg["Subject"] = "RE: NS-CSPR-2026-640: rapid review - information requested"
    msg["Date"] = "Fri, 04 Dec 2026 09:12:00 +0000"
    if html:
        msg.set_content("<html><body>" + "".join(f"<p>{line}</p>" for line in lines if line) + "</body></html>",
                        subtype="html")
    else:
        msg.set_content("\n".join(lines))
    return msg.as_bytes()


@settings(max_examples=25, deadline=None)
@given(st.sampled_from(UNKNOWN_QUESTIONS), st.booleans(), st.sampled_from(
    ["What have you done since the incident?", "What has your service done since the incident?"]),
    st.sampled_from(["What might we learn?", "What could agencies learn from this?"]))
def test_a_narrative_ends_at_the_next_question(unknown: str, html: bool, since: str, learn: str) -> None:
    lines = ["Hello, our answers are below.", "", "Which agency are you responding for?",
             "University Hospitals Bristol and Weston", "", "Brief summary of your involvement", SUMMARY, "",
             unknown, "Not that we are aware of.", "", since, "Records locked; the staff involved were debriefed.", "",
             learn, "Minor injuries attendances are not shared with community health.", "", "Many thanks",
             "Tamsin Ferrari"]
    result = parse_message(_mail(lines, html))
    ret = result.agency_return
    assert result.kind == "agency_return" and ret is not None
    assert ret.summary == SUMMARY
    assert ret.agency == "University Hospitals Bristol and Weston"
    assert ret.immediate_actions == "Records locked; the staff involved were debriefed."
    assert ret.learning == "Minor injuries attendances are not shared with community health."
