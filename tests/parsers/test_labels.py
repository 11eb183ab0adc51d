"""Label synonyms across partnerships map to the same contract fields; sections decide generic labels."""

from __future__ import annotations

import pytest

from parsers.documents.model import DocView, Table
from parsers.documents.text import read_text
from parsers.fields import extract, find_case_ref


@pytest.mark.parametrize(
    "label",
    ["Name of child", "Child's name", "Child\u2019s name", "Subject child", "Name of child or young person",
     "Child/young person's name", "Full name of child"],
)
def test_child_name_synonyms(label: str) -> None:
    ex = extract(read_text(f"{label}: Amy Example\n", "t"))
    assert ex.values["referral.child.name"] == "Amy Example"


@pytest.mark.parametrize(
    "label", ["Date of death or critical incident", "Date of incident", "Date of serious incident",
              "Date and time of incident", "Incident date"],
)
def test_incident_date_synonyms(label: str) -> None:
    assert extract(read_text(f"{label}: 2/2/26\n", "t")).values["referral.child.incident_date"] == "2026-02-02"


@pytest.mark.parametrize("label", ["DOB", "D.O.B.", "D.O.B", "Date of birth"])
def test_dob_synonyms(label: str) -> None:
    assert extract(read_text(f"{label}: 03/02/2015\n", "t")).values["referral.child.date_of_birth"] == "2015-02-03"


def test_generic_name_follows_section() -> None:
    view = DocView("t", ["Person making the referral", Table([["Name:", "Jo Bloggs"]]),
                         "Details of the child", Table([["Name:", "Amy Example"]])])
    ex = extract(view)
    assert ex.values["referral.referrer.name"] == "Jo Bloggs"
    assert ex.values["referral.child.name"] == "Amy Example"


def test_value_on_next_line_and_inline_labels() -> None:
    ex = extract(read_text("Name of child:\nAmy Example\nName: Jo Bloggs Email: jo@x.gov.uk\n", "t"))
    assert ex.values["referral.child.name"] == "Amy Example"


def test_header_row_over_value_row() -> None:
    view = DocView("t", ["Referrer details", Table([["Name", "Role", "Agency"], ["Jo", "DSL", "School"]])])
    ex = extract(view)
    assert (ex.values["referral.referrer.name"], ex.values["referral.referrer.role"]) == ("Jo", "DSL")


def test_placeholder_rows_skipped() -> None:
    table = Table([["Name", "Relationship to child", "DoB"], ["Sam", "Brother", "1/1/10"],
                   ["Add rows as needed", "", ""], ["", "", ""]])
    ex = extract(DocView("t", [table]))
    assert ex.records["family"] == [{"name": "Sam", "relationship": "Brother", "date_of_birth": "2010-01-01",
                                     "address": None, "ethnicity": None}]


def test_case_ref_tolerates_spacing_and_case() -> None:
    assert find_case_ref("RE: FW: ns - cspr-2026 -004 update") == "NS-CSPR-2026-004"
    assert find_case_ref("no ref here") is None
