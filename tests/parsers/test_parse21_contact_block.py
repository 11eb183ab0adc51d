"""The person who completed a form, written as a block under its label: "Completed by:" / "Name, Role" / an
organisation's line / "email | phone" (one line, parted by a bar, comma, slash or dash). The lines under the
person's line are theirs when each is only contact details or an organisation; the first other line ends the
block (parse21: fields._contact_lines_under; "Person completing" as an author label). Layouts of this file's own."""

from __future__ import annotations

from email.message import EmailMessage

from hypothesis import given, settings
from hypothesis import strategies as st

from parsers import parse_message

SEPARATORS = [" | ", ", ", " / ", " - ", "   Tel: "]
LABELS = ["Completed by:", "Person completing this form", "Form completed by:"]


def _mail(body: str, subject: str) -> bytes:
    msg = EmailMessage()
    msg["From"] = "CSPR mailbox forwarder <safeguarding.admin@example.org>"
    msg["To"] = "cspr.referrals@n-somerset.gov.uk"
    msg["Subject"] = subject
    msg["Date"] = "Wed, 02 Dec 2026 11:04:00 +0000"
    msg.set_content(body)
    return msg.as_bytes()


def _block(label: str, sep: str, with_agency: bool, indent: str) -> list[str]:
    lines = [label, f"{indent}Oluwaseun Brackley, Named Nurse Safeguarding"]
    if with_agency:
        lines.append(f"{indent}Weston Area Health NHS Trust")
    return [*lines, f"{indent}oluwaseun.brackley@nhs.net{sep}01632 960587"]


@settings(max_examples=25, deadline=None)
@given(st.sampled_from(LABELS), st.sampled_from(SEPARATORS), st.booleans(), st.sampled_from(["", "  "]))
def test_a_referrers_block_under_completed_by(label: str, sep: str, with_agency: bool, indent: str) -> None:
    body = "\n".join([
        "REFERRAL - SERIOUS SAFEGUARDING INCIDENT", "", "Child's name: Tobiah Quennell", "Date of birth: 04/05/2016",
        "Address: 12 Marsh Lane, Nailsea, BS48 2TT", "Has the child died? No",
        "Has the child been seriously harmed? Yes",
        "", "What happened:", "Tobiah was admitted with a head injury; the account given did not fit the injury.", "",
        *_block(label, sep, with_agency, indent), "", "Sent on behalf of the named nurse by the admin team."])
    ref = parse_message(_mail(body, "Safeguarding referral")).referral
    assert ref is not None
    assert (ref.referrer.name, ref.referrer.role) == ("Oluwaseun Brackley", "Named Nurse Safeguarding")
    assert (ref.referrer.email, ref.referrer.phone) == ("oluwaseun.brackley@nhs.net", "01632 960587")
    assert ref.referrer.agency == ("Weston Area Health NHS Trust" if with_agency else None)


@settings(max_examples=15, deadline=None)
@given(st.sampled_from(SEPARATORS), st.booleans())
def test_a_block_ends_at_its_first_other_line(sep: str, with_agency: bool) -> None:
    """A manager's contact after a sentence and under their own label is never the author's."""
    body = "\n".join([
        "Agency return", "", "1. Agency", "Weston Area Health NHS Trust", "", "2. Person completing",
        "Oluwaseun Brackley", *(["Weston Area Health NHS Trust"] if with_agency else []),
        "Please contact me by email rather than phone.", "keir.annandale@nhs.net | 01632 960999", "",
        "3. Was the child known to you?", "Yes", "", "4. Summary", "Seen twice in clinic; no concerns raised.", "",
        "5. Agreed by", "Keir Annandale", f"keir.annandale@nhs.net{sep}01632 960999"])
    ret = parse_message(_mail(body, "RE: NS-CSPR-2026-771 agency return")).agency_return
    assert ret is not None
    assert ret.author.name == "Oluwaseun Brackley"
    assert ret.author.phone is None and ret.author.email in (None, "safeguarding.admin@example.org")
    assert ret.agency == "Weston Area Health NHS Trust"
