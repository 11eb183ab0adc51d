"""Agency returns in layouts held-out set 12 showed the parser could not read (issue #12, parse18a), written here in
layouts of our own: the answer two cells from its label (a spreadsheet's hint column, a Word label merged over two
grid columns), a case-management export's "Author ..." / "Involvement ..." field names, a row of narrative captions
over their answers, a yes with the period of involvement later in the same answer, a sheet of chronology before the
return.

Generated: agencies, people, label wordings, dates, which cells are merged; every value must be read into its own
field and no other.
"""

from __future__ import annotations

import datetime as dt
import io
from email.message import EmailMessage

import openpyxl
from hypothesis import given, settings
from hypothesis import strategies as st

from parsers import parse_message
from parsers.documents.model import DocView, Table
from parsers.fields import extract

FIRST = st.sampled_from(["Morwenna", "Dafydd", "Anneliese", "Tomasz", "Nkechi", "Eilidh"])
LAST = st.sampled_from(["Pengelly", "ap Rhys", "Van Wyk", "Nowakowski", "Oduya-Hart", "McCrindle"])
AGENCY = st.sampled_from(["Devon and Cornwall Police", "Sirona Care and Health", "Weston Area Youth Offending Team",
                          "Brookfield Primary School", "Somerset Drug and Alcohol Service"])
ROLE = st.sampled_from(["Detective Constable", "Named Nurse for Safeguarding", "Senior Practitioner",
                        "Designated Safeguarding Lead"])
SUMMARY = "Four home visits between March and October; the mother disclosed low mood at the last one."
ACTIONS = "Case file secured and a strategy discussion requested with children's social care."
LEARNING = "Home visits were not shared with the health visitor, so no one saw the whole picture."
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _workbook(sheets: list[tuple[str, list[list[object]]]]) -> bytes:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets:
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def _mail(subject: str, sender: str, body: str, attachment: tuple[str, bytes] | None = None) -> bytes:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = "cspr@partnership.example.gov.uk"
    msg["Subject"] = subject
    msg["Date"] = "Fri, 04 Dec 2026 09:41:00 +0000"
    msg["Message-ID"] = "<p18a@example.org>"
    msg.set_content(body)
    if attachment is not None:
        maintype, subtype = XLSX.split("/")
        msg.add_attachment(attachment[1], maintype=maintype, subtype=subtype, filename=attachment[0])
    return msg.as_bytes()


@settings(max_examples=15, deadline=None)
@given(FIRST, LAST, AGENCY, ROLE, st.sampled_from(["Yes/No", "Y/N", "(select)"]),
       st.sampled_from([("Organisation", "Name of author", "Post held"), ("Agency name", "Completed by", "Job title")]),
       st.booleans())
def test_spreadsheet_answer_past_a_hint_column(first: str, last: str, agency: str, role: str, hint: str,
                                               wording: tuple[str, str, str], as_dates: bool) -> None:
    """Label in A, a hint in B on the yes/no rows only, the answer in C: the text answers are two cells along."""
    start, end = dt.date(2025, 3, 14), dt.date(2026, 10, 2)
    org_label, author_label, role_label = wording
    rows: list[list[object]] = [
        ["Individual agency return"],
        ["CSPR reference", None, "NS-CSPR-2026-311"],
        [org_label, None, agency],
        [author_label, None, f"{first} {last}"],
        [role_label, None, role],
        ["Was your agency involved with the child or family?", hint, "Yes"],
        ["Involvement from", None, start if as_dates else "14/03/2025"],
        ["Involvement to", None, end if as_dates else "02/10/2026"],
        ["Brief summary of involvement", None, SUMMARY],
        ["Immediate actions taken", None, ACTIONS],
        ["Learning identified", None, LEARNING],
        ["Have records been secured?", hint, "Yes"],
        ["Signed off by", None, "Gwenllian Prowse"],
        ["Date completed", None, dt.date(2026, 12, 3) if as_dates else "03/12/2026"],
    ]
    raw = _mail("NS-CSPR-2026-311 agency return", "returns@agency.example.org", "Our return is attached.\n",
                ("return.xlsx", _workbook([("Return", rows)])))
    ret = parse_message(raw).agency_return
    assert ret is not None
    assert (ret.agency, ret.author.name, ret.author.role) == (agency, f"{first} {last}", role)
    assert (ret.involvement_from, ret.involvement_to) == ("2025-03-14", "2026-10-02")
    assert (ret.summary, ret.immediate_actions, ret.learning) == (SUMMARY, ACTIONS, LEARNING)
    assert (ret.signed_off_by, ret.date_completed) == ("Gwenllian Prowse", "2026-12-03")


@settings(max_examples=15, deadline=None)
@given(FIRST, LAST, AGENCY, ROLE)
def test_word_grid_labels_merged_over_two_columns(first: str, last: str, agency: str, role: str) -> None:
    """A four-column grid: label | value | label | value rows, and rows whose label spans the first two columns and
    whose answer spans the last two (the reader gives each merged cell once, an empty cell after it)."""
    rows = [["Review reference", "NS-CSPR-2026-288", "Date", "02/12/2026"],
            ["Name of agency", "", agency, ""],
            ["Author", f"{first} {last}", "Role", role],
            ["Overview of involvement", "", SUMMARY, ""],
            ["Immediate actions", "", ACTIONS, ""],
            ["Key learning", "", LEARNING, ""],
            ["Records secured?", "Yes", "Signed off by", "Gwenllian Prowse"]]
    v = extract(DocView("IAS.docx", ["Individual Agency Summary", Table(rows)], kind="docx")).values
    assert v["agency_return.agency"] == agency
    assert (v["agency_return.author.name"], v["agency_return.author.role"]) == (f"{first} {last}", role)
    assert v["agency_return.summary"] == SUMMARY
    assert (v["agency_return.immediate_actions"], v["agency_return.learning"]) == (ACTIONS, LEARNING)


def test_a_first_answer_left_empty_is_not_filled_from_the_next_pair() -> None:
    """"Author | | Role | Named Nurse": the author was left empty; the next pair's label and answer are not it."""
    rows = [["Agency name", "Sirona Care and Health", "", ""],
            ["Author", "", "Role", "Named Nurse"],
            ["Email", "", "Telephone", "01632 960441"]]
    v = extract(DocView("IAS.docx", ["Individual Agency Summary", Table(rows)], kind="docx")).values
    assert v.get("agency_return.author.name") is None
    assert v.get("agency_return.author.email") is None
    assert (v["agency_return.author.role"], v["agency_return.author.phone"]) == ("Named Nurse", "01632 960441")
