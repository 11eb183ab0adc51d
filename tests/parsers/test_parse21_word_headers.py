"""A Word form's page header is read, once, before its body: a case reference, an agency or the referrer's details
may be printed only there (Word repeats the header on every page, so forms put there what each printed page must
carry). Before parse21 the reader took the main document part alone (parsers/documents/ooxml.page_headers).
Forms of this file's own, built with python-docx; a template's version and review date in the header stay unread."""

from __future__ import annotations

import io
from email.message import EmailMessage

import docx
from hypothesis import given, settings
from hypothesis import strategies as st

from parsers import parse_message
from parsers.documents.docx import read_docx


def _return_docx(header_style: str, template_line: bool) -> bytes:
    document = docx.Document()
    header = document.sections[0].header
    if header_style == "paragraph":
        header.paragraphs[0].text = "OFFICIAL - SENSITIVE        Our ref: NS-CSPR-2026-812"
    else:
        table = header.add_table(rows=2, cols=2, width=docx.shared.Inches(6))
        for r, (k, v) in enumerate([("Rapid review reference", "NS-CSPR-2026-812"),
                                    ("Responding agency", "Weston Vale Surgery")]):
            table.cell(r, 0).text, table.cell(r, 1).text = k, v
    if template_line:
        header.add_paragraph("Template version 4.2 - reviewed 01/04/2025")
    document.add_paragraph("Agency information for a rapid review")
    table = document.add_table(rows=0, cols=2)
    for k, v in [("Author", "Delyth Ansah"), ("Role", "GP Partner"), ("Email", "delyth.ansah@nhs.net"),
                 ("Involved with the child or family?", "Yes"),
                 ("Summary of involvement", "Registered with the practice; three routine appointments."),
                 ("Records secured", "Yes"), ("Signed off by", "Imogen Farrant"),
                 ("Date completed", "3 December 2026")]:
        row = table.add_row()
        row.cells[0].text, row.cells[1].text = k, v
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _mail(data: bytes) -> bytes:
    msg = EmailMessage()
    msg["From"] = "Delyth Ansah <delyth.ansah@nhs.net>"
    msg["To"] = "cspr.referrals@n-somerset.gov.uk"
    msg["Subject"] = "Information requested"
    msg["Date"] = "Thu, 03 Dec 2026 16:00:00 +0000"
    msg.set_content("Please find our return attached.\n\nDelyth")
    msg.add_attachment(data, maintype="application", subtype="vnd.openxmlformats-officedocument.wordprocessingml"
                       ".document", filename="agency_return.docx")
    return msg.as_bytes()


@settings(max_examples=8, deadline=None)
@given(st.sampled_from(["paragraph", "table"]), st.booleans())
def test_a_case_reference_and_agency_only_in_the_page_header(header_style: str, template_line: bool) -> None:
    result = parse_message(_mail(_return_docx(header_style, template_line)))
    ret = result.agency_return
    assert result.kind == "agency_return" and ret is not None
    assert result.case_ref == "NS-CSPR-2026-812"
    if header_style == "table":
        assert ret.agency == "Weston Vale Surgery"
    assert ret.author.name == "Delyth Ansah" and ret.signed_off_by == "Imogen Farrant"
    assert ret.date_completed == "2026-12-03"  # never the template's review date
    assert ret.involvement_from is None and ret.involvement_to is None


def test_the_header_is_read_once_and_a_body_without_one_is_unchanged() -> None:
    view = read_docx(_return_docx("paragraph", False), "f.docx")
    assert view.text().count("NS-CSPR-2026-812") == 1
    assert view.text().index("NS-CSPR-2026-812") < view.text().index("Agency information")
