"""Stranger round 10: csprbot's own blank return form sent back by a person ("Please find attached.") was credited
as a nil return: the form's instructions ("If your agency had no involvement, tick 'No' and sign: a nil return is
still a return.") were read as the agency saying it had no involvement. Now a sentence that is a condition or an
instruction says nothing, and a return form with nothing filled in is not a return (a reply on the case: the
agency's clock runs on). A return that says nil in its own words, or ticks No with a name, is still one."""

from __future__ import annotations

from email.message import EmailMessage

from hypothesis import given, settings
from hypothesis import strategies as st

from parsers import parse_message
from parsers.agency_return import _says_nil
from parsers.classify import BLANK_RETURN

NOTES = ["Please find attached.", "", "See attached form.", "Return attached, thanks.", "Hi, attached as requested.",
         "FYI"]


def _mail(note: str, form: bytes, agency: str) -> bytes:
    m = EmailMessage()
    m["From"] = "Lead <csc.safeguarding.lead@csc.example.gov.uk>"
    m["To"] = "csprbot@nsscp.example.gov.uk"
    m["Subject"] = "Re: [NS-CSPR-2026-001] Rapid review: agency return requested"
    m["Message-ID"] = "<b@x>"
    m.set_content(note or " ")
    m.add_attachment(form, maintype="application",
                     subtype="vnd.openxmlformats-officedocument.wordprocessingml.document",
                     filename=f"NS-CSPR-2026-001-{agency}-return.docx")
    return m.as_bytes()


@settings(max_examples=12, deadline=None, derandomize=True)
@given(note=st.sampled_from(NOTES), agency=st.sampled_from(["Children's Social Care", "Education", "Police"]))
def test_our_blank_form_sent_back_is_no_return(note: str, agency: str) -> None:
    from bot.return_form import build_return_form

    form = build_return_form("NS-CSPR-2026-001", agency, "North Somerset Safeguarding Children Partnership")
    result = parse_message(_mail(note, form, agency))
    assert result.kind == "reply" and result.agency_return is None, (note, result.kind, result.agency_return)
    assert BLANK_RETURN in result.warnings


@settings(max_examples=40, deadline=None, derandomize=True)
@given(cond=st.sampled_from(["If your agency had no involvement, tick 'No' and sign: a nil return is still a return.",
                             "Please tick No if there was no involvement.", "If not known to your service, say so.",
                             "Delete as appropriate: no involvement / involvement"]),
       said=st.sampled_from(["Nil return: the family were not known to this service.",
                             "We had no contact with the family.", "No involvement.",
                             "This is a nil return from Education."]))
def test_a_condition_says_nothing_and_a_statement_says_nil(cond: str, said: str) -> None:
    assert not _says_nil(cond), cond
    assert _says_nil(f"{cond}\n{said}"), said
