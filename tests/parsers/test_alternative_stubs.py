"""heldout12 r17: a school DSL's narrative referral sent as multipart/alternative whose plain part was only "Please
see the HTML version." was read from that stub and quarantined as unknown. The walk now reads the HTML alternative
when the plain one is a stub (parsers/alternatives.py), and the plain one when the HTML is only a wrapper; two full
alternatives keep today's choice. Kinds and fields must equal those read from the same content sent as HTML alone."""

from __future__ import annotations

import html as htmlmod
import json
import subprocess
import sys
from email.message import EmailMessage
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from parsers import parse_message
from parsers.alternatives import is_stub, read_html_alternative
from parsers.records import ParseResult

NARRATIVE = (
    "<html><body><p>Dear colleagues,</p><p>I am the Designated Safeguarding Lead at Hillcrest Primary School. "
    "One of our Year 5 pupils, <b>Maisie Trelawney</b> (DOB 03.02.16), was admitted to the Bristol Royal Hospital "
    "for Children on 24th November 2026 with a fractured skull and bruising the hospital believe is non-accidental. "
    "We had made two referrals to children's social care about neglect since June.</p>"
    "<p>Maisie lives with her mother, Kerry Trelawney, at 14 Moorland Road, Clevedon, BS21 6QT.</p>"
    "<p>Please consider this for a rapid review.</p>"
    "<p>Gareth Pengelly<br>Designated Safeguarding Lead<br>Hillcrest Primary School<br>01632 960211</p>"
    "</body></html>"
)
FORM_LINES = [
    "CHILD SAFEGUARDING PRACTICE REVIEW REFERRAL FORM", "",
    "Referrer name: Hannah Okafor", "Role: Named Nurse Safeguarding Children",
    "Agency: University Hospitals Bristol and Weston", "Email: hannah.okafor@nhs.net", "Tel: 0117 342 0000",
    "Date of referral: 02/12/2026", "",
    "Child's name: Tyler Brennan", "Date of birth: 11/09/2019", "Address: 7 Station Road, Yatton, BS49 4AB",
    "Parent/carer: Leanne Brennan", "Date of incident: 29/11/2026", "",
    "Has the child died? No", "Has the child been seriously harmed? Yes",
    "Is abuse or neglect known or suspected? Suspected", "",
    "Summary of events:", "Tyler was brought to the emergency department with burns to both hands. "
    "The explanation given did not fit the injuries. We ask the partnership to consider a rapid review.",
]
FORM = "<html><body>" + "".join(f"<p>{htmlmod.escape(ln) or '&nbsp;'}</p>" for ln in FORM_LINES) + "</body></html>"
RETURN = (
    "<html><body><p>Case reference: NS-CSPR-2026-031</p><p>Agency: North Somerset Housing Options</p>"
    "<p>Completed by: Owen Fairley</p><p>Role: Senior Housing Officer</p><p>Email: owen.fairley@n-somerset.gov.uk</p>"
    "<p>Tel: 01934 426000</p><p>Has your agency had any involvement with the child or family?  Yes</p>"
    "<p>Period of involvement: 05/11/2025 to 01/03/2026</p><p>Summary of involvement:</p>"
    "<p>Family presented as homeless in November 2025 and were placed in temporary accommodation.</p>"
    "<p>Learning: Housing were not invited to the strategy discussion.</p><p>Records secured? No</p>"
    "<p>Signed off by: Maria Lowe, Housing Manager</p><p>Date completed: 20/03/2026</p></body></html>"
)
COMMAND = (
    "<html><body><div><p class=\"MsoNormal\"><b>DECISION: RAPID REVIEW</b></p><p class=\"MsoNormal\">AGENCIES: "
    "Police; Health Visiting</p><p>&nbsp;</p><div style='border-top:solid #E1E1E1'><p><b>From:</b> CSPR bot<br>"
    "<b>Sent:</b> 03 February 2026<br><b>Subject:</b> NS-CSPR-2026-006</p></div></div></body></html>"
)
BODIES = {  # name: (html, sender, subject, expected kind)
    "narrative": (NARRATIVE, "Gareth Pengelly <g.pengelly@hillcrest.n-somerset.sch.uk>", "Rapid review - Year 5 pupil",
                  "referral"),
    "form": (FORM, "Hannah Okafor <hannah.okafor@nhs.net>", "CSPR referral", "referral"),
    "return": (RETURN, "Owen Fairley <owen.fairley@n-somerset.gov.uk>", "RE: NS-CSPR-2026-031", "agency_return"),
    "command": (COMMAND, "Chair <chair@n-somerset.gov.uk>", "RE: NS-CSPR-2026-006", "reply"),
}
STUBS = ["", "Please see the HTML version.", "Your mail client does not support HTML messages.",
         "View this email in your browser", "This is an HTML email. To view it, please use an email client that "
         "supports HTML.", "Trouble reading this message? View it in your browser."]


def _mail(sender: str, subject: str, plain: str | None, html: str | None) -> bytes:
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = sender, "CSPR Referrals <cspr.referrals@n-somerset.gov.uk>", subject
    msg["Date"] = "Wed, 02 Dec 2026 10:15:00 +0000"
    if plain is None:
        assert html is not None
        msg.set_content(html, subtype="html")
    else:
        msg.set_content(plain)
        if html is not None:
            msg.add_alternative(html, subtype="html")
    return msg.as_bytes()


def _key(result: ParseResult) -> dict[str, object]:
    out = result.to_json_dict()
    return {k: out.get(k) for k in ("kind", "case_ref", "referral", "agency_return", "command")}


@settings(max_examples=40, deadline=None)
@given(body=st.sampled_from(sorted(BODIES)), stub=st.sampled_from(STUBS), blank_lines=st.integers(0, 3),
       signoff=st.sampled_from(["", "\n\nKind regards", "\n\n-- \nSent from Outlook"]))
def test_plain_stub_reads_as_the_html_alone(body: str, stub: str, blank_lines: int, signoff: str) -> None:
    html, sender, subject, kind = BODIES[body]
    alone = parse_message(_mail(sender, subject, None, html))
    assert alone.kind == kind
    plain = "\n" * blank_lines + stub + (signoff if stub else "")
    both = parse_message(_mail(sender, subject, plain, html))
    if body == "command" and stub:
        # The command is read, but a plain part that says something else is still "the versions differ" (intake
        # refuses the command: tests/reliability/test_adversarial_round4.py); the rest is as the HTML alone.
        assert both.command is not None and both.command.args.pop("parts_differ") == "yes"
    assert _key(both) == _key(alone)


def test_narrative_fields_from_the_html() -> None:
    html, sender, subject, _ = BODIES["narrative"]
    result = parse_message(_mail(sender, subject, "Please see the HTML version.", html))
    assert result.kind == "referral" and result.referral is not None
    assert str(result.referral.child.date_of_birth) == "2016-02-03"
    assert result.referral.referrer.name == "Gareth Pengelly"


def test_html_wrapper_beside_full_plain_reads_the_plain() -> None:
    """The opposite stub: a table-laid "view in browser" HTML wrapper with the whole form in the plain part."""
    wrapper = ("<html><body><table width='100%'><tr><td><a href='https://example.invalid/v'>View this email in your "
               "browser</a></td></tr></table></body></html>")
    sender, subject = "Hannah Okafor <hannah.okafor@nhs.net>", "CSPR referral"
    plain = "\n".join(FORM_LINES)
    both = parse_message(_mail(sender, subject, plain, wrapper))
    alone = parse_message(_mail(sender, subject, plain, None))
    assert alone.kind == "referral"
    assert _key(both) == _key(alone)


def test_outlook_alternatives_unchanged() -> None:
    """Plain = the HTML's text (Outlook's usual pair): the plain part is still read, as before."""
    plain = "\n".join(FORM_LINES)
    assert not read_html_alternative(plain, plain, False)
    assert read_html_alternative(plain, plain, True)  # a form's tables still win
    sender, subject = "Hannah Okafor <hannah.okafor@nhs.net>", "CSPR referral"
    both = parse_message(_mail(sender, subject, plain, FORM))
    assert both.kind == "referral" and both.referral is not None
    assert both.referral.child.name == "Tyler Brennan"


@given(extra=st.integers(0, 400))
def test_full_parts_are_not_stubs(extra: int) -> None:
    letter = "x" * 250 + " word" * extra
    assert not is_stub(letter, letter + " signature")
    assert not is_stub("Please see the HTML version. " + letter * 2, letter)


def test_newsletter_with_view_in_browser_stub_stays_non_referral() -> None:
    news = ("<html><body><h1>Partnership newsletter - December 2026</h1><p>Our winter training programme is now open "
            "for bookings. Sessions cover working with families, information sharing and the new multi-agency "
            "threshold document.</p><p>The annual report has been published on our website and the conference "
            "slides are available to download.</p><p>Unsubscribe | Manage preferences</p></body></html>")
    result = parse_message(_mail("News <news@safeguarding-partnership.example>", "December newsletter",
                                 "View this email in your browser", news))
    assert result.kind not in ("referral", "agency_return", "reply")


def test_cli_reads_the_heldout_html_letter_as_a_referral() -> None:
    root = Path(__file__).resolve().parents[2]
    eml = root / "tests" / "corpus_heldout12" / "r17_narr_html_school_dsl.eml"
    run = subprocess.run([sys.executable, "-m", "bot.cli", "parse", str(eml), "--json"], cwd=root,
                         capture_output=True, text=True, check=True)
    assert json.loads(run.stdout)["kind"] == "referral"
