"""Shapes real forms take: one-column tables, statements, free text, sign-offs, suffixes, blanks, vague dates."""

from __future__ import annotations

import pytest

from parsers import parse_message
from parsers.documents.model import DocView, Table
from parsers.documents.text import read_text
from parsers.fields import extract
from parsers.normalise import clean
from parsers.statements import statement


def _text(body: str) -> dict[str, object]:
    return extract(read_text(body, "t")).values


def _mail(body: str, subject: str = "CSPR referral", sender: str = "x@y.gov.uk") -> dict[str, object]:
    raw = (f"From: {sender}\r\nTo: cspr@n-somerset.gov.uk\r\nSubject: {subject}\r\n"
           f"Content-Type: text/plain; charset=utf-8\r\n\r\n{body}").encode()
    return parse_message(raw).to_json_dict()


def test_one_column_form_label_row_over_answer_row() -> None:
    rows = [["ABOUT THE CHILD"], ["Child's full name"], ["Amy Example"], ["Home address"], ["1 High St"],
            ["Where did the incident take place?"], ["Home address"],
            ["Is the child known to have a Child Protection Plan?"], ["☐ Yes ☐ No ☒ Previously ☐ Don't know"],
            ["SEN/Disability"], ["Autism"], ["Ethnicity (please state)"], ["White British"], ["Religion"], ["N/A"]]
    values = extract(DocView("t", [Table(rows)])).values
    assert values["referral.child.name"] == "Amy Example"
    assert values["referral.child.home_address"] == "1 High St"
    assert values["referral.child.incident_location"] == "Home address"  # repeats a label already answered
    assert values["referral.child.child_protection_plan"] == "has_been"
    assert values["referral.child.disability"] == "Autism"
    assert values["referral.child.ethnicity"] == "White British"
    assert "referral.child.faith" not in values


def test_label_repeated_but_unanswered_is_still_a_label() -> None:
    rows = [["Where did the incident take place?"], ["Home address"], ["1 High St"]]
    values = extract(DocView("t", [Table(rows)])).values
    assert "referral.child.incident_location" not in values
    assert values["referral.child.home_address"] == "1 High St"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("☑ The child has been seriously harmed", ("referral.criteria.seriously_harmed", True, None)),
        ("☒ Abuse or neglect is suspected", ("referral.criteria.abuse_or_neglect", True, "suspected")),
        ("☐ Abuse or neglect is known", ("referral.criteria.abuse_or_neglect", False, "known")),
        ("The child has died ☐", ("referral.criteria.child_died", False, None)),
        ("☒ There are concerns about how agencies have worked together to safeguard the child",
         ("referral.criteria.agency_concern", True, None)),
        ("☒ Known or suspected abuse or neglect", ("referral.criteria.abuse_or_neglect", True, "known or suspected")),
        ("Has the child died? ☒", None),  # a question, not a statement
        ("☒ Yes ☐ No", None),
        ("The child has died", None),  # no box
    ],
)
def test_statements(line: str, expected: tuple[str, bool, str | None] | None) -> None:
    assert statement(clean(line)) == expected


def test_statement_checklist_unticked_means_no_once_one_is_ticked() -> None:
    values = _text("Criteria\n☐ The child has died\n☑ The child has been seriously harmed\n"
                   "☒ Abuse or neglect is suspected\n☐ Abuse or neglect is known\n")
    assert values["referral.criteria.child_died"] is False
    assert values["referral.criteria.seriously_harmed"] is True
    assert values["referral.criteria.abuse_or_neglect"] == "suspected"


def test_untouched_statement_checklist_stays_blank_and_missing() -> None:
    result = _mail("Referrer: Jo Bloggs\nEmail: jo@x.gov.uk\nChild: Amy Example\nDOB: 1/1/2015\n"
                   "Date of incident: 2/2/2026\n☐ The child has died\n☐ Abuse or neglect is suspected\n"
                   "☐ Abuse or neglect is known\n")
    assert result["referral"]["criteria"]["child_died"] is None
    assert "referral.criteria.abuse_or_neglect" in result["missing"]


def test_statements_in_box_and_text_cells() -> None:
    rows = [["☒", "The child has died"], ["☐", "The child has been seriously harmed"],
            ["X", "Abuse or neglect is known"]]
    values = extract(DocView("t", [Table(rows)])).values
    assert values["referral.criteria.child_died"] is True
    assert values["referral.criteria.seriously_harmed"] is False
    assert values["referral.criteria.abuse_or_neglect"] == "known"


def test_free_text_dash_labels_and_sign_off() -> None:
    result = _mail("Hi,\n\nReferrer - PC Dan Whitby, Avon and Somerset Police\nEmail - dan@police.uk\n"
                   "Child - Mia Sandoval\nDOB - 03/04/2016\nDate of incident - 01/03/2026\n"
                   "☒ Abuse or neglect is suspected\nSummary - Mia was found near the water.\n"
                   "She had injuries.\n\nThanks\nDan\n\nDan Whitby | DC\nThis email and any attachments are "
                   "confidential and intended solely for the addressee.\n")
    referral = result["referral"]
    # the name/role contract (parse23b): the organisation after the name is the agency, never part of the name
    referrer = referral["referrer"]
    assert (referrer["name"], referrer["agency"]) == ("PC Dan Whitby", "Avon and Somerset Police")
    assert referral["child"]["name"] == "Mia Sandoval"
    assert referral["summary"] == "Mia was found near the water.\nShe had injuries."
    assert result["missing"] == []


@pytest.mark.parametrize("ending", ["Kind regards,\nJo", "Many thanks!\nJo", "--\nJo Bloggs\nDSL",
                                    "Sent from my iPhone", "CONFIDENTIALITY NOTICE: this email is private."])
def test_summary_stops_at_sign_offs(ending: str) -> None:
    values = _text(f"Summary of events:\nAmy fell.\nShe was hurt.\n\n{ending}\n")
    assert values["referral.summary"] == "Amy fell.\nShe was hurt."


def test_bare_words_need_a_separator_and_value() -> None:
    values = _text("Child protection concerns were raised by the school.\nChild\nReferrer\nSubject: CSPR referral\n")
    assert "referral.child.name" not in values and "referral.referrer.name" not in values


def test_agency_return_author_without_heading() -> None:
    body = ("Case reference: NS-CSPR-2026-004\nName of agency: Bury Council\nCompleted by: Sita Mistry\n"
            "Contact email: s.mistry@bury.gov.uk\nContact telephone: 0161 253 6000\n"
            "Has your agency had any involvement with the child or family? No\n")
    ret = _mail(body, subject="RE: NS-CSPR-2026-004")["agency_return"]
    assert ret is not None
    assert (ret["author"]["name"], ret["author"]["email"], ret["author"]["phone"]) == (
        "Sita Mistry", "s.mistry@bury.gov.uk", "0161 253 6000")


@pytest.mark.parametrize("label", ["Date of Birth (if known)", "D.O.B", "Date of birth (dd/mm/yyyy)",
                                   "Date of birth?", "Date of\u00a0birth", "Child\u2019s date of birth (if known) *"])
def test_label_suffixes(label: str) -> None:
    assert _text(f"{label}: 03/02/2015\n")["referral.child.date_of_birth"] == "2015-02-03"


@pytest.mark.parametrize("label", ["Ethnicity (please state)", "Faith (if any)", "Disability (please state)?"])
def test_please_state_suffix_keeps_value(label: str) -> None:
    values = extract(DocView("t", [Table([[label, "Value X"]])])).values
    assert "Value X" in values.values()


@pytest.mark.parametrize("blank", ["N/A", "Not known", "-", "TBC", "n/k"])
def test_non_answers_are_null(blank: str) -> None:
    values = _text(f"Name of child: Amy\nHome address: {blank}\nDate of birth: {blank}\nFaith: {blank}\n")
    assert "referral.child.home_address" not in values and "referral.child.date_of_birth" not in values
    assert "referral.child.faith" not in values


@pytest.mark.parametrize(("answer", "plan"), [("Not known", "not_known"), ("N/K", "not_known"),
                                              ("Y", "yes"), ("N", "no"), ("Previously", "has_been")])
def test_cpp_words(answer: str, plan: str) -> None:
    assert _text(f"Child protection plan: {answer}\n")["referral.child.child_protection_plan"] == plan


@pytest.mark.parametrize(("answer", "iso", "warning"), [
    ("w/c 2 March 2026", None, "names a week"), ("02/03/2026 approx", "2026-03-02", "approximate"),
    ("Feb 2026", None, "only a month"),
])
def test_vague_dates_warn(answer: str, iso: str | None, warning: str) -> None:
    ex = extract(read_text(f"Date of incident: {answer}\n", "t"))
    assert ex.values.get("referral.child.incident_date") == iso
    assert any(warning in w for w in ex.warnings)


def test_value_in_paragraph_after_label_paragraph() -> None:
    values = extract(DocView("t", ["Name of child", "", "Amy Example", "Date of birth", "03/02/2015", "Ethnicity",
                                   "Pakistani", "Faith", "Muslim"])).values
    assert (values["referral.child.name"], values["referral.child.date_of_birth"]) == ("Amy Example", "2015-02-03")
    assert (values["referral.child.ethnicity"], values["referral.child.faith"]) == ("Pakistani", "Muslim")


def test_table_whose_first_row_is_a_merged_section_heading() -> None:
    rows = [["Section 1: Referrer"], ["Name", "Jo Bloggs"], ["Email", "jo@x.gov.uk"],
            ["Section 2: The child"], ["Name", "Amy Example"]]
    values = extract(DocView("t", [Table(rows)])).values
    assert values["referral.referrer.name"] == "Jo Bloggs"
    assert values["referral.child.name"] == "Amy Example"


def test_smart_quotes_and_nbsp_in_labels() -> None:
    values = _text("Child\u2019s\u00a0name: Amy\nIs the child subject to a child protection plan?\u00a0Yes\n")
    assert values["referral.child.name"] == "Amy"
    assert values["referral.child.child_protection_plan"] == "yes"


@pytest.mark.parametrize(("text", "key"), [
    ("Section D: Brief summary of the incident", "referral.summary"), ("Parents/carers", "referral.child.carer"),
    ("Q3. Date of birth", "referral.child.date_of_birth"), ("Part 2. Name of child", "referral.child.name"),
    ("a) Email", "referral.referrer.email"), ("Secure email address", "referral.referrer.email"),
])
def test_labels_found_whatever_prefix(text: str, key: str) -> None:
    """The first-letter index must not hide a label behind a "Section D:" / "Q3." prefix or a letter it eats."""
    rows = [["Referrer details"], [text, "value 01/02/2015"]] if "email" in text.lower() else [[text, "v 01/02/2015"]]
    ex = extract(DocView("t", [Table(rows)]))
    assert key in ex.values or key in ex.answered or any(key in w for w in ex.warnings)
