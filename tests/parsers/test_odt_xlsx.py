"""OpenDocument text (.odt) and Excel (.xlsx) attachments are read as forms, through the whole message parse: an
agency return or a referral typed in LibreOffice or a spreadsheet is a return or a referral, not a reply.
Generated over agencies, people, label wordings, cell layouts (merged cells, spans, sheets) and file naming."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from email.message import EmailMessage
from xml.sax.saxutils import escape

import openpyxl
from hypothesis import given, settings
from hypothesis import strategies as st

from parsers import parse_message
from parsers.documents.attachments import read_attachment
from parsers.documents.model import Table

FIRST = st.sampled_from(["Duncan", "Emrys", "Siân", "Zoë", "Mikołaj", "Renée", "Kerry-Ann"])
LAST = st.sampled_from(["Moxley", "Thistlethwaite", "Llewelyn-Price", "Çelik", "O'Neill", "Ramasamy"])
AGENCY = st.sampled_from(["Bridgeway Domestic Abuse Service", "Avon and Somerset Police", "Westmead Surgery",
                          "Harbourside Homes Housing Association", "Kingsmoor Academy"])
ROLE = st.sampled_from(["Service Manager", "Review Officer", "GP Safeguarding Lead", "Designated Safeguarding Lead"])
REF = st.integers(1, 199).map(lambda n: f"NS-CSPR-2026-{n:03d}")
ODT_TYPE = "application/vnd.oasis.opendocument.text"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

OFFICE_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
             'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
             'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"')


def _odt(body: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), ODT_TYPE)  # stored first, as ODF requires
        z.writestr("META-INF/manifest.xml", "<manifest/>")
        z.writestr("content.xml", f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {OFFICE_NS}>'
                                  f"<office:body><office:text>{body}</office:text></office:body>"
                                  "</office:document-content>")
    return buf.getvalue()


def _odt_cell(text: str, span: int = 1) -> str:
    attr = f' table:number-columns-spanned="{span}"' if span > 1 else ""
    paras = "".join(f"<text:p><text:span>{escape(p)}</text:span></text:p>" for p in text.split("\n"))
    covered = "<table:covered-table-cell/>" * (span - 1)
    return f"<table:table-cell{attr}>{paras}</table:table-cell>{covered}"


def _mail(subject: str, name: str, ctype: str, data: bytes, sender: str = "author@agency.example.org") -> bytes:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = "csp@partnership.example.gov.uk"
    msg["Subject"] = subject
    msg["Date"] = "Thu, 03 Dec 2026 13:12:00 +0000"
    msg["Message-ID"] = "<t@example.org>"
    msg.set_content("Hello,\n\nOur return is attached.\n\nRegards\n")
    maintype, subtype = ctype.split("/")
    msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    return msg.as_bytes()


@st.composite
def returns(draw: st.DrawFn) -> dict[str, str]:
    return {"ref": draw(REF), "agency": draw(AGENCY), "author": f"{draw(FIRST)} {draw(LAST)}", "role": draw(ROLE),
            "email": "author@agency.example.org", "phone": "07700 900543",
            "summary": "The family was open to the service from June 2024. Support focused on housing arrears.",
            "signed": f"{draw(FIRST)} {draw(LAST)}"}


def _rows(r: dict[str, str]) -> list[tuple[str, str]]:
    return [("Case reference", r["ref"]), ("Agency", r["agency"]), ("Name of author", r["author"]),
            ("Job title", r["role"]), ("Email", r["email"]), ("Telephone", r["phone"]),
            ("Involved with the family?", "Yes"), ("Summary of involvement", r["summary"]),
            ("Records secured?", "Yes"), ("Manager sign-off", r["signed"])]


def _assert_return(raw: bytes, r: dict[str, str]) -> None:
    result = parse_message(raw)
    assert result.kind == "agency_return", (result.kind, result.warnings)
    ret = result.agency_return
    assert ret is not None
    assert result.case_ref == r["ref"]
    assert ret.agency == r["agency"]
    assert ret.author.name == r["author"]
    assert ret.author.role == r["role"]
    assert ret.involved is True


@settings(max_examples=30, deadline=None)
@given(returns(), st.booleans(), st.booleans(), st.sampled_from(["return.odt", "RETURN.ODT", "return"]))
def test_an_odt_agency_return_is_read_as_a_return(
        r: dict[str, str], title_spans: bool, as_paragraphs: bool, name: str) -> None:
    """Label | value rows (a title row spanning both columns, maybe) or "Label: value" paragraphs."""
    if as_paragraphs:
        body = "<text:h>Agency Summary</text:h>" + "".join(
            f"<text:p>{escape(label)}: <text:span>{escape(value)}</text:span></text:p>" for label, value in _rows(r))
    else:
        title = f"<table:table-row>{_odt_cell('Agency Summary for Rapid Review', 2)}</table:table-row>"
        rows = "".join(f"<table:table-row>{_odt_cell(label)}{_odt_cell(value)}</table:table-row>"
                       for label, value in _rows(r))
        body = f"<table:table>{title if title_spans else ''}{rows}</table:table>"
    ctype = ODT_TYPE if name != "return" else "application/octet-stream"  # an unnamed file: known by its content
    _assert_return(_mail(f"{r['ref']} agency return", name, ctype, _odt(body)), r)


def test_odt_covered_cells_and_repeats_keep_columns() -> None:
    body = ("<table:table><table:table-row>" + _odt_cell("Name") + _odt_cell("Relationship")
            + _odt_cell("DOB") + "</table:table-row><table:table-row>" + _odt_cell("Jo Marsh")
            + '<table:table-cell table:number-columns-repeated="1024"/>'
            + "</table:table-row><table:table-row>" + _odt_cell("Ann Lee\nKnown as Annie", 2)
            + _odt_cell("01/02/2003") + "</table:table-row></table:table>")
    view = read_attachment("f.odt", _odt(body), ODT_TYPE).view
    assert view is not None
    table = next(b for b in view.blocks if isinstance(b, Table))
    assert table.rows == [["Name", "Relationship", "DOB"], ["Jo Marsh"], ["Ann Lee\nKnown as Annie", "", "01/02/2003"]]


@settings(max_examples=25, deadline=None)
@given(returns(), st.booleans(), st.booleans(), st.integers(0, 3),
       st.sampled_from([("return.xlsx", XLSX_TYPE), ("return.xlsx", "application/octet-stream"),
                        ("return", XLSX_TYPE)]))
def test_an_xlsx_agency_return_is_read_as_a_return(
        r: dict[str, str], chronology: bool, dates_as_dates: bool, offset: int, file: tuple[str, str]) -> None:
    """Label | value rows on the first sheet (maybe below a title and blank rows, shifted right), dates typed as
    Excel dates or text, and maybe a chronology sheet after it."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Agency summary"
    sheet.append([f"Rapid Review - Agency Information Return - {r['ref']}"])
    sheet.append([])
    for label, value in _rows(r):
        sheet.append([None] * offset + [label, value])
    completed: object = dt.datetime(2026, 12, 2) if dates_as_dates else "02/12/2026"
    sheet.append([None] * offset + ["Date completed", completed])
    if chronology:
        chron = book.create_sheet("Chronology")
        chron.append(["Date", "Time", "Source", "Event"])
        for day in range(1, 6):
            chron.append([dt.datetime(2026, 1, day), "09:56", "PPN", "Child reported missing, found same day"])
    buf = io.BytesIO()
    book.save(buf)
    raw = _mail(f"{r['ref']} police return", file[0], file[1], buf.getvalue())
    _assert_return(raw, r)
    ret = parse_message(raw).agency_return
    assert ret is not None and str(ret.date_completed) == "2026-12-02"


def test_a_damaged_workbook_is_a_warning_not_a_crash() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("xl/workbook.xml", "<not a workbook")
    result = read_attachment("broken.xlsx", buf.getvalue(), XLSX_TYPE)
    assert result.view is None
    assert any("broken.xlsx" in w for w in result.warnings)


def test_an_odt_entity_bomb_is_not_expanded() -> None:
    """content.xml declaring nested entities ("billion laughs"): entities are not resolved, the reader ends fast
    with a view or a warning, never an expansion."""

    lol = "".join(f'<!ENTITY l{k} "{("&l" + str(k - 1) + ";") * 10 if k else "lol"}">' for k in range(10))
    content = (f'<?xml version="1.0"?><!DOCTYPE office:document-content [{lol}]>'
               f"<office:document-content {OFFICE_NS}><office:body><office:text><text:p>&l9;</text:p>"
               "</office:text></office:body></office:document-content>")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), ODT_TYPE)
        z.writestr("content.xml", content)
    result = read_attachment("bomb.odt", buf.getvalue(), ODT_TYPE)  # the entities are never expanded
    assert result.view is None or len(result.view.text()) < 1000
