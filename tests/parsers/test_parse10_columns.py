"""A report printed in two newspaper columns (issue #12): the left column read before the right one, a column's
wrapped lines joined again, and the lists in it read as records ("Agency: Worker, contact (open)", "Name —
Relationship" over "DOB ... · address · ethnicity"). A label | value page (answers in a right-hand column, no
heading among them) stays one column.

Generated hand-built PDFs (Helvetica, the right column drawn 270 pt along on the left column's baselines).
"""

from __future__ import annotations

import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "corpus_tools"))

from pdf_forms import text_pdf

from parsers.documents.pdf import read_pdf
from parsers.documents.pdf_columns import split_columns
from parsers.fields import extract
from parsers.line_records import read_line

FIRST = ["Agnieszka", "Ioana", "Bharat", "Rosalind", "Tomasz", "Leila"]
LAST = ["Marchetti", "Thackeray", "Whitlock", "Okafor"]
AGENCIES = ["Health Visiting (Sirona)", "Avon and Somerset Police – Lighthouse", "Early Help Team"]
RELATIONS = ["Mother", "Maternal grandmother", "Father", "Sister"]


def _columns(left: list[str], right: list[str]) -> list[str | tuple[str, str]]:
    rows: list[str | tuple[str, str]] = []
    for k, line in enumerate(left):
        rows.append((line or " ", right[k]) if k < len(right) else line)
    return rows


@st.composite
def report(draw: st.DrawFn) -> tuple[list[str | tuple[str, str]], list[tuple[str, str]], list[tuple[str, str, bool]]]:
    people = [(f"{draw(st.sampled_from(FIRST))} {draw(st.sampled_from(LAST))}", draw(st.sampled_from(RELATIONS)))
              for _ in range(draw(st.integers(1, 3)))]
    agencies = [(draw(st.sampled_from(AGENCIES)), f"{draw(st.sampled_from(FIRST))} {draw(st.sampled_from(LAST))}",
                 draw(st.booleans())) for _ in range(draw(st.integers(1, 2)))]
    left = ["Police referral: serious case", "OFFICER", "Name", "Faisal Chaudhry", "Phone", "01632 960439", "CHILD",
            "Name", "Malgorzata Mac", "DOB", "29 May 12", "LINKED PERSONS"]
    for n, (name, rel) in enumerate(people):
        left += [f"{name} — {rel}",
                 f"DOB {n + 3} Jul 85 · {n + 8} Lodge Pool Way, Portishead, BS20 6RE · White British"]
    left.append("OTHER AGENCIES")
    right: list[str] = []
    for agency, worker, still in agencies:
        email = worker.lower().replace(" ", ".") + "@example.org"
        right.append(f"{agency}: {worker}, {email} ({'open' if still else 'closed'})")
    right += ["OTHER PROCESSES", "Care proceedings: Pre-proceedings letter issued"]
    return _columns(left, right), people, agencies


@settings(max_examples=15, deadline=None)
@given(report())
def test_two_newspaper_columns_are_read_one_after_the_other(
        case: tuple[list[str | tuple[str, str]], list[tuple[str, str]], list[tuple[str, str, bool]]]) -> None:
    rows, people, agencies = case
    ex = extract(read_pdf(text_pdf(rows), "referral.pdf"))
    assert ex.values["referral.referrer.name"] == "Faisal Chaudhry"
    assert ex.values["referral.child.name"] == "Malgorzata Mac"
    assert [(r["name"], r["relationship"]) for r in ex.records["family"]] == people
    assert [(r["agency"], r["name"], r["still_involved"]) for r in ex.records["agencies"]] == agencies
    assert [(r["process"], r["status"]) for r in ex.records["processes"]] == [
        ("Care proceedings", "Pre-proceedings letter issued")]


@settings(max_examples=10, deadline=None)
@given(st.sampled_from(FIRST), st.sampled_from(LAST))
def test_a_label_value_page_stays_one_column(first: str, last: str) -> None:
    rows: list[str | tuple[str, str]] = [("Referrer name", f"{first} {last}"), ("Role", "Health Visitor"),
                                         ("Agency", "Sirona care & health"), ("Phone", "01632 960474"),
                                         ("Child's name", "Amy Reed"), ("Date of birth", "01/02/2015")]
    ex = extract(read_pdf(text_pdf(rows), "form.pdf"))
    assert ex.values["referral.referrer.name"] == f"{first} {last}"
    assert ex.values["referral.child.name"] == "Amy Reed"


def test_a_wide_line_crossing_the_gutter_keeps_the_page_whole() -> None:
    page = "\n".join(["Name                          Other processes",
                      "Jo Reed                       Coroner: inquest opened",
                      "Role                          Police: ongoing",
                      "A paragraph that runs right across the whole page from the left margin to the right one."])
    assert split_columns(page) == page


def test_agency_lines_with_a_colon_and_a_bracketed_state() -> None:
    assert read_line("agencies", "Avon and Somerset Police – Lighthouse: Rosalind Whitlock, r.w@police.uk (open)") == {
        "name": "Rosalind Whitlock", "agency": "Avon and Somerset Police – Lighthouse", "contact": "r.w@police.uk",
        "still_involved": True}
    assert read_line("agencies", "Early Help Team: Bharat Yardley, 07700 900625 (closed)") == {
        "name": "Bharat Yardley", "agency": "Early Help Team", "contact": "07700 900625", "still_involved": False}
