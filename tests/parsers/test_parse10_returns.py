"""Agency returns in their own words (issue #12: involvement dates and sign-off were the weakest fields): a
numbered question | response table, a "Label: value" grid with no author heading, a return typed as lines, the
author's name, role and contact details in one answer, dates as "First: / Last:" or "Period: a - b".

Generated: question wordings, date formats, which layout, the people's names; each value must be read into its
own field and no other.
"""

from __future__ import annotations

import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "corpus_tools"))

from mail import message, to_bytes

from parsers import parse_message
from parsers.documents.model import DocView, Table
from parsers.fields import extract
from parsers.person_lines import read_person_lines

FIRST = ["Rosalind", "Vikram", "Jasper", "Catrin", "Priya", "Owen"]
LAST = ["Ashdown", "Galbraith", "Holloway", "Jessop", "Underhill"]
ROLES = ["Safeguarding Manager", "Family Court Adviser", "Head of Service, Youth Justice", "Named Nurse"]
DATES = [("4/9/2025", "2025-09-04"), ("01.07.2025", "2025-07-01"), ("16 November 2026", "2026-11-16"),
         ("26/11/2026", "2026-11-26")]


@settings(max_examples=20, deadline=None)
@given(st.sampled_from(FIRST), st.sampled_from(LAST), st.sampled_from(ROLES[:2] + ROLES[3:]),
       st.sampled_from(DATES), st.sampled_from(DATES),
       st.sampled_from(["What has your agency already done?", "What immediate actions have been taken?"]),
       st.sampled_from(["What learning do you see at this stage?", "What learning has been identified so far?"]),
       st.sampled_from(["Senior manager who has quality assured this information", "Signed off by"]))
def test_numbered_question_response_table(first: str, last: str, role: str, start: tuple[str, str],
                                          end: tuple[str, str], done_q: str, learn_q: str, signed_q: str) -> None:
    email = f"{first}.{last}@swast.nhs .uk".lower()
    rows = [["No.", "Question", "Response"], ["1", "Review reference", "NS-CSPR-2026-177"],
            ["2", "Name of agency", "South Western Ambulance Service NHS FT"],
            ["3", "Name, role and contact details of the person completing this form",
             f"{first} {last}\n{role} 01632 960118 {email}"],
            ["4", "Has your agency had contact with the child or family in the last 12 months?", "Yes"],
            ["5", "Dates of contact (first and last)", f"First: {start[0]}\nLast: {end[0]}"],
            ["6", "Brief summary of involvement", "Assessments of the mother's mental health and medication reviews."],
            ["7", done_q, "Chronology completed; practitioners debriefed."],
            ["8", learn_q, "Information about fathers was not sought."],
            ["9", "Have your records been secured?", "Yes"], ["10", signed_q, "Catrin Jessop"],
            ["11", "Date", "3/12/2026"]]
    v = extract(DocView("IAI.pdf", ["Individual Agency Information", Table(rows)])).values
    assert (v["agency_return.author.name"], v["agency_return.author.role"], v["agency_return.author.phone"],
            v["agency_return.author.email"]) == (f"{first} {last}", role, "01632 960118", email.replace(" ", ""))
    assert (v["agency_return.involvement_from"], v["agency_return.involvement_to"]) == (start[1], end[1])
    assert v["agency_return.immediate_actions"] == "Chronology completed; practitioners debriefed."
    assert v["agency_return.learning"] == "Information about fathers was not sought."
    assert (v["agency_return.signed_off_by"], v["agency_return.date_completed"]) == ("Catrin Jessop", "2026-12-03")


@settings(max_examples=15, deadline=None)
@given(st.sampled_from(FIRST), st.sampled_from(LAST), st.booleans(),
       st.sampled_from(["Rapid review: agency response", "Individual agency summary", "Agency return"]))
def test_label_value_grid_with_no_author_heading(first: str, last: str, involved: bool, title: str) -> None:
    boxes = "☒ Yes   ☐ No" if involved else "☐ Yes   ☒ No"
    rows = [["Reference: NS-CSPR-2026-194", "Organisation: Cafcass"],
            [f"Name: {first} {last}", "Role: Family Court Adviser"],
            ["Tel: 01632 960677", f"Email: {first.lower()}@cafcass.gov.uk"], [f"Involvement:  {boxes}"],
            ["Signed off: Catrin Bellweather", "Date: 3rd December 2026"]]
    v = extract(DocView("response.docx", [title, Table(rows)])).values
    assert (v["agency_return.author.name"], v["agency_return.author.role"], v["agency_return.author.phone"]) == (
        f"{first} {last}", "Family Court Adviser", "01632 960677")
    assert v["agency_return.involved"] is involved
    assert (v["agency_return.signed_off_by"], v["agency_return.date_completed"]) == ("Catrin Bellweather",
                                                                                     "2026-12-03")


@settings(max_examples=15, deadline=None)
@given(st.sampled_from(FIRST), st.sampled_from(LAST), st.sampled_from(ROLES), st.sampled_from(DATES[:2]),
       st.sampled_from(DATES[2:]), st.sampled_from([" - ", " to ", " – "]))
def test_return_typed_as_lines(first: str, last: str, role: str, start: tuple[str, str], end: tuple[str, str],
                               dash: str) -> None:
    body = "\n".join([
        "Return for NS-CSPR-2026-180", "Agency: North Somerset Youth Justice Service",
        f"Author: {first} {last} ({role})", "Phone: 07700 900232", "Involved: yes",
        f"Period: {start[0]}{dash}{end[0]}", "Summary: Our service saw the family 11 times.",
        "Records secured: Yes", "Signed off: Rosalind Moorcroft", "Date: 03/12/2026"]) + "\n"
    result = parse_message(to_bytes(message("yjs@n-somerset.gov.uk", "NS-CSPR-2026-180 return", body)))
    ret = result.agency_return
    assert result.kind == "agency_return" and ret is not None
    assert (ret.author.name, ret.author.role) == (f"{first} {last}", role)
    assert (ret.involvement_from, ret.involvement_to) == (start[1], end[1])
    assert (ret.signed_off_by, ret.date_completed) == ("Rosalind Moorcroft", "2026-12-03")


def test_checked_by_is_not_a_sign_off() -> None:
    # "Checked by" names whoever checked the records (a nil return's author as often as a manager): never read
    # as the sign-off, which "Authorised by" gives
    rows = [["Agency", "Avon and Wiltshire Mental Health Partnership NHS Trust"],
            ["Any involvement with the child or family?", "NO"], ["Checked by", "Andrew Chadwick"],
            ["Authorised by", "Sarah Ogunleye"], ["Date", "16 September 2026"]]
    v = extract(DocView("body", ["Case reference: NS-CSPR-2026-010", Table(rows)])).values
    assert v["agency_return.signed_off_by"] == "Sarah Ogunleye"


def test_person_lines_need_a_contact_and_a_job_title() -> None:
    assert read_person_lines("Rosalind Ashdown\nSafeguarding Manager 01632 960118") is not None
    assert read_person_lines("Rosalind Ashdown\nFlat 2, 4 High Street 01632 960118") is None  # an address
    assert read_person_lines("Rosalind Ashdown\nSafeguarding Manager") is None  # no contact: not this shape
    assert read_person_lines("Assessments of the mother\n01632 960118") is None  # no name on the first line


@settings(max_examples=15, deadline=None)
@given(st.sampled_from(FIRST), st.sampled_from(LAST), st.sampled_from(DATES),
       st.sampled_from([", ", " - ", "; "]), st.sampled_from(["", " (Head of Service)"]))
def test_sign_off_with_its_date_is_parted_and_a_name_with_a_role_is_kept(first: str, last: str,
                                                                         date: tuple[str, str], sep: str,
                                                                         role: str) -> None:
    rows = [["Agency", "Sirona care & health"], ["Summary of involvement", "Seen twice in 2026."],
            ["Signed off by", f"{first} {last}{role}{sep}{date[0]}"]]
    v = extract(DocView("r", ["Individual agency summary", Table(rows)])).values
    assert (v["agency_return.signed_off_by"], v["agency_return.date_completed"]) == (f"{first} {last}", date[1])
    rows[-1] = ["Signed off by", f"{first} {last}, Named GP"]
    v = extract(DocView("r", ["Individual agency summary", Table(rows)])).values
    assert v["agency_return.signed_off_by"] == f"{first} {last}, Named GP"
