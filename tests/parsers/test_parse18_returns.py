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
from parsers.agency_return import build_agency_return
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


@settings(max_examples=15, deadline=None)
@given(FIRST, LAST, ROLE, st.sampled_from(["Telephone", "Phone", "Mobile", "Contact Number"]),
       st.sampled_from(["Job Title", "Role", "Designation"]), st.sampled_from(["Authorised", "Approved"]),
       st.sampled_from([("2025-04-01 00:00:00", "2025-04-01"), ("01/04/2025", "2025-04-01")]))
def test_case_system_field_names_qualified_by_whose_they_are(first: str, last: str, role: str, phone: str,
                                                               title: str, signed: str, start: tuple[str, str]) -> None:
    """A case system's export: "FieldName | FieldValue" rows, each name saying whose field it is ("Author ...",
    "Involvement ..."), and the sign-off's own date field."""
    rows = [["FieldName", "FieldValue"], ["Record Type", "Rapid Review Agency Return"],
            ["Agency Name", "Sirona Care and Health"], ["Author Name", f"{first} {last}"],
            [f"Author {title}", role], ["Author Email", f"{first.lower()}.x@sirona-cic.org.uk"],
            [f"Author {phone}", "01632 960417"], ["Involved With Child", "TRUE"],
            ["Involvement Start Date", start[0]], ["Involvement End Date", "2026-11-20 00:00:00"],
            ["Involvement Summary", SUMMARY], [f"{signed} By", "Gwenllian Prowse"],
            [f"{signed} Date", "2026-12-01 11:05:43"]]
    v = extract(DocView("body", ["Automated export. Do not reply.", Table(rows)], kind="html")).values
    assert (v["agency_return.author.name"], v["agency_return.author.role"]) == (f"{first} {last}", role)
    assert v["agency_return.author.email"] == f"{first.lower()}.x@sirona-cic.org.uk"
    assert v["agency_return.author.phone"] == "01632 960417"
    assert (v["agency_return.involvement_from"], v["agency_return.involvement_to"]) == (start[1], "2026-11-20")
    assert v["agency_return.summary"] == SUMMARY
    assert (v["agency_return.signed_off_by"], v["agency_return.date_completed"]) == ("Gwenllian Prowse",
                                                                                     "2026-12-01")


@settings(max_examples=15, deadline=None)
@given(st.sampled_from(["open to the health visiting team", "known to the practice", "a registered patient"]),
       st.sampled_from([("12th March 2024", "2024-03-12"), ("03/05/2025", "2025-05-03")]),
       st.sampled_from([("19 November 2026", "2026-11-19"), ("20/11/2026", "2026-11-20")]),
       st.sampled_from(["Agreed by", "Approved by"]), st.sampled_from(["(Team Manager)", "(Named Nurse)"]))
def test_reply_with_the_period_inside_its_yes_and_an_agreed_sign_off(why: str, start: tuple[str, str],
                                                                    end: tuple[str, str], agreed: str,
                                                                    role: str) -> None:
    """"Involved? Yes - <why>; seen from <date> to <date>.": the period is in the yes; "Agreed by: Name (Role)"
    is the sign-off, the date line under it the day it was completed."""
    body = ("Hello,\n\nHere is our return.\n\nAgency: Clevedon Community Health\n"
            f"Involved? Yes - {why}; seen from {start[0]} to {end[0]}.\n"
            "What we knew: Weekly contact about feeding; no injuries were seen.\n"
            "Learning: The second concern was not shared with the GP.\n"
            f"Records secured: yes\n{agreed}: Ffion Trevelyan {role}\nDate: 02/12/2026\n\n"
            "Thanks\nMorwenna Pengelly\nHealth Visitor\n")
    ret = parse_message(_mail("RE: NS-CSPR-2026-240 request for agency return", "m.pengelly@nhs.net",
                              body)).agency_return
    assert ret is not None and ret.involved is True
    assert (ret.involvement_from, ret.involvement_to) == (start[1], end[1])
    assert (ret.signed_off_by, ret.date_completed) == ("Ffion Trevelyan", "2026-12-02")


def test_a_date_later_in_the_yes_is_no_period() -> None:
    """"Yes - referred from the GP surgery on 3 March 2025": a date that does not follow "from" is no start."""
    rows = [["Agency", "Clevedon Community Health"],
            ["Has your agency had any involvement with the child?", "Yes - referred from the GP on 3 March 2025"]]
    v = extract(DocView("return.docx", ["Agency return", Table(rows)], kind="docx")).values
    assert v["agency_return.involved"] is True
    assert v.get("agency_return.involvement_from") is None


def test_manager_beside_its_name_signs_off_and_a_managers_role_is_no_label() -> None:
    """"Manager | Felicity Yeo" on a return is the sign-off (its date under it the completion date); a cell that is
    a role ("Service Manager") beside the author's name is the author's role, never a label."""
    rows = [["Agency", "Weston Area Youth Offending Team"], ["Involvement", "None - nil return"],
            ["Author", "Tomasz Nowakowski"], ["Job title", "Service Manager"],
            ["Manager", "Felicity Yeo"], ["Date", "4 December 2026"]]
    v = extract(DocView("body", ["Nil return", Table(rows)], kind="html")).values
    assert v["agency_return.author.role"] == "Service Manager"
    assert (v["agency_return.signed_off_by"], v["agency_return.date_completed"]) == ("Felicity Yeo", "2026-12-04")
    rows = [["Senior manager authorisation", "Felicity Yeo"], ["Date", "4 December 2026"]]
    v = extract(DocView("return.docx", ["Agency report", Table(rows)], kind="docx")).values
    assert (v["agency_return.signed_off_by"], v["agency_return.date_completed"]) == ("Felicity Yeo", "2026-12-04")


@settings(max_examples=15, deadline=None)
@given(st.permutations(["Summary of involvement", "Immediate actions", "Learning identified"]),
       st.sampled_from(["Involvement from 2 May 2026: ", "", "Summary: "]))
def test_narrative_captions_over_a_row_of_answers(order: list[str], opening: str) -> None:
    """Captions across a row over their answers (a landscape PDF, a one-row spreadsheet): each narrative is the cell
    under its caption, even one that opens with a label's words, never the caption beside it."""
    answer = {"Summary of involvement": opening + SUMMARY, "Immediate actions": ACTIONS,
              "Learning identified": LEARNING}
    rows = [list(order), [answer[c] for c in order]]
    v = extract(DocView("return.pdf", ["Rapid review agency return", Table([["Agency", "Author", "Role"],
                                                                             ["Sirona Care and Health",
                                                                              "Nkechi Oduya-Hart", "Named Nurse"]]),
                                       Table(rows)], kind="pdf")).values
    assert v["agency_return.summary"] == opening + SUMMARY
    assert (v["agency_return.immediate_actions"], v["agency_return.learning"]) == (ACTIONS, LEARNING)


@settings(max_examples=15, deadline=None)
@given(st.sampled_from(["Learning identified so far", "Any learning already identified",
                        "Key learning identified to date", "Learning identified at this stage"]),
       st.sampled_from(["Actions taken since the incident", "Actions taken so far", "Action taken to date"]),
       st.sampled_from([":", ""]))
def test_question_tails_are_no_part_of_the_answer(learning_q: str, actions_q: str, colon: str) -> None:
    """A question's own last words ("... so far", "... since the incident") are the question's, whether the answer
    follows on its line or under it."""
    lines = ["Agency return: Weston Area Youth Offending Team", "Summary of involvement", SUMMARY,
             f"{actions_q}{colon}", ACTIONS, f"{learning_q}{colon} {LEARNING}", "Records secured: Yes"]
    v = extract(DocView("body", lines, kind="text")).values
    assert (v["agency_return.immediate_actions"], v["agency_return.learning"]) == (ACTIONS, LEARNING)


def test_the_requests_nil_return_condition_is_no_nil_return() -> None:
    """The quoted request ("... including a nil return if you had no involvement.") does not make a return that
    gives its involvement a nil return."""
    body = ("Hi,\n\nOur return is below.\n\nAGENCY: Weston Area Youth Offending Team\n"
            "COMPLETED BY: Dafydd ap Rhys (Case Manager)\n\nSUMMARY:\n" + SUMMARY + "\n\nRECORDS SECURED: Yes\n"
            "SIGNED OFF: Ffion Trevelyan\n\nFrom: CSPR Business Support <cspr@partnership.example.gov.uk>\n"
            "Sent: 30 November 2026\nSubject: NS-CSPR-2026-071 Rapid review information request\n\n"
            "Dear colleague, a rapid review has been agreed. Please complete the agency summary\n"
            "within 10 working days, including a nil return if you had no involvement.\n")
    ret = parse_message(_mail("RE: NS-CSPR-2026-071 Rapid review information request", "d.aprhys@example.org",
                              body)).agency_return
    assert ret is not None and ret.involved is True and ret.summary == SUMMARY


@settings(max_examples=10, deadline=None)
@given(FIRST, LAST, st.sampled_from(["Chronology", "Chronology of involvement", "Chronology of key events"]),
       st.sampled_from([["Date", "Worker", "Event", "Notes"], ["Date", "Contact type", "Practitioner", "Outcome"]]))
def test_a_chronology_sheet_before_the_return_is_no_summary(first: str, last: str, sheet: str,
                                                            header: list[str]) -> None:
    """A workbook whose first sheet is a chronology grid (other workers, other dates) and whose second holds the
    return: the chronology is no narrative answer, and the summary is the return's own."""
    log: list[list[object]] = [[sheet], header]
    log += [[dt.date(2026, m, 3), f"Worker {m}", "Home visit", "see case notes"] for m in range(2, 8)]
    rows: list[list[object]] = [["Agency details"], ["Agency", "Weston Area Youth Offending Team"],
                                ["Completed by", f"{first} {last}"],
                                ["Has your agency had involvement with the child or family?", "Yes"],
                                ["Summary of involvement", SUMMARY], ["Learning identified", LEARNING]]
    raw = _mail("NS-CSPR-2026-318 return", "yot@example.org", "Return on the second tab.\n",
                ("YOT return.xlsx", _workbook([(sheet[:30], log), ("Return", rows)])))
    ret = parse_message(raw).agency_return
    assert ret is not None
    assert (ret.summary, ret.learning, ret.author.name) == (SUMMARY, LEARNING, f"{first} {last}")


@settings(max_examples=15, deadline=None)
@given(st.sampled_from(["Dates of involvement", "Period of involvement", "Period covered"]),
       st.sampled_from([("(from)", "(to)"), ("(start date)", "(end date)"), ("(From)", "(Until)")]),
       st.sampled_from(["table", "lines"]))
def test_period_ends_named_in_brackets_after_the_label(label: str, ends: tuple[str, str], layout: str) -> None:
    """"Dates of involvement (from) | 21 June 2024" over "... (to) | 12 November 2026": the bracket says which end
    of the period each row gives."""
    pairs = [(f"{label} {ends[0]}", "21 June 2024"), (f"{label} {ends[1]}", "12 November 2026")]
    head = [("Name of author", "Eilidh McCrindle"), ("Is the child or family known to your service?", "Yes")]
    if layout == "table":
        blocks: list[str | Table] = ["Agency return", Table([list(p) for p in head + pairs])]
    else:
        blocks = ["Agency return", *(f"{k}: {v}" for k, v in head + pairs)]
    v = extract(DocView("response.docx", blocks, kind="docx")).values
    assert (v["agency_return.involvement_from"], v["agency_return.involvement_to"]) == ("2024-06-21", "2026-11-12")


@settings(max_examples=15, deadline=None)
@given(FIRST, LAST, st.sampled_from(["Operational Manager", "Senior Practitioner", "Head of Safeguarding"]),
       st.sampled_from(["Northvale Youth Justice Service", "Sirona Care and Health", "Brookfield Primary School",
                        "Avon and Wiltshire Mental Health Partnership NHS Trust"]))
def test_a_return_closing_with_its_authors_name_role_and_organisation(first: str, last: str, role: str,
                                                                      agency: str) -> None:
    """A letter-style return with no agency field that closes "name / role / organisation" under its last answer:
    the organisation is the return's agency; a closing block opening with someone else's name gives nothing, nor
    does a last line that names a team rather than an organisation ("Safeguarding Team")."""
    rows = [["Name of author", f"{first} {last}"], ["Job title", role],
            ["Is the child or family known to your service?", "Yes"], ["Brief summary of involvement", SUMMARY],
            ["Agreed by", "Gwenllian Prowse"]]
    for closer, org, want in ((f"{first} {last}", agency, agency), ("Gwenllian Prowse", agency, None),
                              (f"{first} {last}", "Safeguarding Team", None)):
        view = DocView("response.docx", ["Rapid review information request", Table(rows), "", closer, role, org],
                       kind="docx")
        ret, _ = build_agency_return(extract(view), view.text(), "noreply@forms.example.org", None, [])
        assert ret.agency == want, closer


@settings(max_examples=15, deadline=None)
@given(FIRST, LAST, ROLE, st.sampled_from([
    ("Author of this return (name / job title / e-mail / phone)", ("name", "role", "email", "phone")),
    ("Completed by (name, role, telephone and email)", ("name", "role", "phone", "email")),
    ("Report author (full name / position / telephone / email address)", ("name", "role", "phone", "email"))]))
def test_a_label_listing_its_parts_takes_one_line_each(first: str, last: str, role: str,
                                                       asked: tuple[str, tuple[str, ...]]) -> None:
    """"Author of this return (name / job title / e-mail / phone)" over one line per part, in the bracket's order;
    when a line is missing (no email typed) nothing but the name is read, never a part into another's field."""
    label, order = asked
    given_parts = {"name": f"{first} {last}", "role": role, "email": f"{first.lower()}@sirona-cic.org.uk",
                   "phone": "01632 960733"}
    lines = ["Rapid review: individual agency summary", "1. Name of agency", "Sirona Care and Health",
             f"2. {label}", *(given_parts[p] for p in order),
             "3. Has your agency had any involvement with the child or family?  ☒ Yes   ☐ No"]
    v = extract(DocView("summary.docx", lines, kind="docx")).values
    assert {p: v.get(f"agency_return.author.{p}") for p in order} == given_parts
    short = [ln for ln in lines if "@" not in ln]
    v = extract(DocView("summary.docx", short, kind="docx")).values
    assert v["agency_return.author.name"] == f"{first} {last}"
    assert v.get("agency_return.author.role") is None and v.get("agency_return.author.phone") is None
