"""Which person is the subject when a form lists several children (found when held-out set 10 became a development
set): a children table with a "subject of this referral" column, a household list that names the subject among
the others, a form with one section per child and a "which child" question, and hyphenated forenames in a list of
people one a line. Generated over names, row counts, the subject's place and wording; the subject is never put
among the family, no other child's value is read as the subject's, and where the form does not say which child it
is about the child's fields are left empty."""

from __future__ import annotations

import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from parsers.documents.model import DocView, Table
from parsers.fields import extract
from parsers.line_records import read_line
from parsers.referral import build_referral

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "corpus_tools"))

from accuracy import compare, wrong_person

FIRST = ["Leo", "Amara", "Seán", "Zoë", "Lacey-Mae", "Tyler-James", "Idris", "Freya", "Siân", "Ellie-Mai"]
LAST = ["Marsh", "Okonkwo-Reid", "Łukasik", "Le Mesurier", "O'Neill", "St Clair", "Van den Berg"]
DATES = [("04-03-2014", "2014-03-04"), ("22 November 2019", "2019-11-22"), ("07/07/2013", "2013-07-07"),
         ("1 May 2021", "2021-05-01")]


@st.composite
def children(draw: st.DrawFn, low: int = 2, high: int = 4) -> list[tuple[str, str, str]]:
    """(name, DOB as written, DOB as read) for 2-4 children of one family, names and dates all different."""
    surname = draw(st.sampled_from(LAST))
    firsts = draw(st.lists(st.sampled_from(FIRST), min_size=low, max_size=high, unique=True))
    dates = draw(st.permutations(DATES))[: len(firsts)]
    return [(f"{f} {surname}", w, r) for f, (w, r) in zip(firsts, dates, strict=False)]


def _read(view: DocView) -> tuple[dict[str, object], list[str]]:
    warnings: list[str] = []
    referral, _ = build_referral(extract(view), warnings)
    return referral.model_dump(), warnings


# --- a children table with a column that marks the subject


@settings(max_examples=40, deadline=None)
@given(children(), st.data(),
       st.sampled_from(["Subject of this referral", "Subject child?", "Is this the subject?", "Referred child",
                        "Subject (Y/N)"]),
       st.sampled_from([("Yes", "No"), ("Y", "N"), ("☒", "☐"), ("X", "")]))
def test_children_table_subject_row_is_the_child_never_family(
        kids: list[tuple[str, str, str]], data: st.DataObject, column: str, marks: tuple[str, str]) -> None:
    subject = data.draw(st.integers(0, len(kids) - 1))
    rows = [["Name", "Date of birth", "Relationship to the subject child", column]]
    for k, (name, written, _) in enumerate(kids):
        rows.append([name, written, "-" if k == subject else "Sibling", marks[0] if k == subject else marks[1]])
    view = DocView("form.docx", ["Children in the household", Table(rows), "Incident",
                                 Table([["Date", "01-12-2026"], ["Location", "the family home"]])])
    got, _ = _read(view)
    assert got["child"]["name"] == kids[subject][0]
    assert got["child"]["date_of_birth"] == kids[subject][2]
    family_names = [m["name"] for m in got["family"]]
    assert kids[subject][0] not in family_names
    assert sorted(family_names) == sorted(name for k, (name, _, _) in enumerate(kids) if k != subject)
    for member in got["family"]:
        assert member["date_of_birth"] != kids[subject][2]


@settings(max_examples=25, deadline=None)
@given(children(), st.data())
def test_two_rows_marked_subject_leaves_the_child_empty(kids: list[tuple[str, str, str]], data: st.DataObject) -> None:
    rows = [["Name", "DOB", "Relationship", "Subject of this referral"]]
    rows += [[name, written, "Sibling", "Yes" if k < 2 else "No"] for k, (name, written, _) in enumerate(kids)]
    got, warnings = _read(DocView("form.docx", [Table(rows)]))
    assert got["child"]["name"] is None and got["child"]["date_of_birth"] is None
    assert any("more than one row is marked as the subject" in w for w in warnings)
    assert all(m["name"] not in {kids[0][0], kids[1][0]} for m in got["family"])


@settings(max_examples=25, deadline=None)
@given(children(), st.data(), st.sampled_from(["SUBJECT", "Subject child", "Child (subject)", "Self"]))
def test_household_row_marked_subject_in_the_relationship_column(
        kids: list[tuple[str, str, str]], data: st.DataObject, marker: str) -> None:
    subject = data.draw(st.integers(0, len(kids) - 1))
    rows = [["DOB", "Name", "Relationship", "Address"]]
    rows += [[written, name, marker if k == subject else "Brother", "12 Quarry Lane, Nailsea, BS48 1AA"]
             for k, (name, written, _) in enumerate(kids)]
    got, _ = _read(DocView("print", ["Household", Table(rows)]))
    assert kids[subject][0] not in [m["name"] for m in got["family"]]
    assert got["child"]["name"] == kids[subject][0]


def test_form_naming_another_child_than_the_marked_row_trusts_neither_row() -> None:
    rows = [["Name", "DOB", "Relationship", "Subject of this referral"],
            ["Amara Marsh", "01/05/2021", "-", "Yes"], ["Leo Marsh", "04/03/2014", "Brother", "No"]]
    view = DocView("form", [Table([["Child's name", "Freya Marsh"]]), Table(rows)])
    got, warnings = _read(view)
    assert got["child"]["name"] == "Freya Marsh" and got["child"]["date_of_birth"] is None
    assert any("marks 'Amara Marsh' as the subject" in w for w in warnings)


# --- a section per child, and the form's answer to "which child"


def _section(n: int, name: str, written: str, extra: list[list[str]]) -> list[object]:
    return [f"Child {n}", Table([["Name", name], ["Date of birth", written], ["Address", "75 Anson Close, Locking"],
                                 *extra])]


@settings(max_examples=40, deadline=None)
@given(children(2, 3), st.data(),
       st.sampled_from(["Which child died or was seriously harmed?", "Which child is this referral about?",
                        "Subject child"]),
       st.sampled_from(["child {n}", "Child {n}", "{n}", "{word}", "{first}"]))
def test_the_subject_section_is_the_child_the_others_are_family(
        kids: list[tuple[str, str, str]], data: st.DataObject, question: str, answer: str) -> None:
    subject = data.draw(st.integers(1, len(kids)))
    blocks: list[object] = ["Referral: serious child safeguarding incident"]
    for n, (name, written, _) in enumerate(kids, start=1):
        relation = [[f"Relationship to Child {subject}", "Half-sister"]] if n != subject else []
        blocks += _section(n, name, written, relation)
    said = answer.format(n=subject, word=["", "first", "second", "third"][subject],
                         first=kids[subject - 1][0].split()[0])
    blocks += ["The incident", Table([[question, said], ["Date", "3 December 2026"], ["Serious harm", "Yes"]])]
    got, warnings = _read(DocView("form.docx", blocks))  # type: ignore[arg-type]
    name, _, born = kids[subject - 1]
    assert (got["child"]["name"], got["child"]["date_of_birth"]) == (name, born), warnings
    others = {k[0]: k[2] for n, k in enumerate(kids, start=1) if n != subject}
    assert {m["name"]: m["date_of_birth"] for m in got["family"]} == others
    assert all(m["relationship"] == "Half-sister" for m in got["family"])


@settings(max_examples=25, deadline=None)
@given(children(2, 3))
def test_sections_without_a_which_child_answer_leave_the_child_empty(kids: list[tuple[str, str, str]]) -> None:
    blocks: list[object] = []
    for n, (name, written, _) in enumerate(kids, start=1):
        blocks += _section(n, name, written, [])
    blocks += ["The incident", Table([["Date", "3 December 2026"], ["Serious harm", "Yes"]])]
    ex = extract(DocView("form.docx", blocks))  # type: ignore[arg-type]
    assert ex.values.get("referral.child.name") is None
    assert ex.values.get("referral.child.date_of_birth") is None
    assert any("does not say which one" in w for w in ex.warnings)


def test_relationship_to_another_child_is_not_the_relationship_to_the_subject() -> None:
    blocks: list[object] = [
        *_section(1, "Leo Marsh", "04/03/2014", [["Relationship to Child 3", "Brother"]]),
        *_section(2, "Amara Marsh", "01/05/2021", [["Relationship to Child 1", "Sister"]]),
        *_section(3, "Freya Marsh", "07/07/2013", [["Relationship to Child 2", "Half-sister"]]),
        Table([["Which child was seriously harmed?", "Child 2"]]),
    ]
    got, _ = _read(DocView("form.docx", blocks))  # type: ignore[arg-type]
    assert got["child"]["name"] == "Amara Marsh"
    assert {m["name"]: m["relationship"] for m in got["family"]} == {"Leo Marsh": None, "Freya Marsh": "Half-sister"}


def test_one_named_section_is_read_as_before() -> None:
    blocks: list[object] = [*_section(1, "Leo Marsh", "04/03/2014", []), "Child 2",
                            Table([["Name", ""], ["Date of birth", ""]])]
    ex = extract(DocView("form.docx", blocks))  # type: ignore[arg-type]
    assert ex.values.get("referral.child.name") == "Leo Marsh"


# --- hyphenated forenames in people listed one a line


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(FIRST), st.sampled_from(LAST), st.sampled_from(["Mother", "Half-brother", "Aunt"]),
       st.sampled_from(DATES))
def test_hyphenated_forename_reads_as_a_family_line(first: str, last: str, relation: str,
                                                    date: tuple[str, str]) -> None:
    line = f"{first} {last}, {relation}, {date[0]}, 96 Marchfields Way, Churchill, BS25 9TP, Pakistani"
    rec = read_line("family", line)
    assert rec is not None and rec["name"] == f"{first} {last}" and rec["date_of_birth"] == date[1]


# --- the scorer pairs list items by name: order carries no meaning, a wrong value still counts


def test_scorer_pairs_family_by_name_and_still_counts_a_wrong_person() -> None:
    people = [{"name": n, "relationship": r, "date_of_birth": d, "address": None, "ethnicity": None}
              for n, r, d in (("Ann Lee", "Mother", "1980-01-01"), ("Bo Lee", "Brother", "2012-02-02"),
                              ("Cy Lee", "Sister", "2014-03-03"))]
    expected = {"kind": "referral", "referral": {"family": people, "other_agencies": [], "other_processes": []}}
    shuffled = {"kind": "referral", "referral": {"family": [people[2], people[0], people[1]], "other_agencies": [],
                                                 "other_processes": []}}
    assert compare(expected, shuffled) == []
    swapped = [dict(people[1], date_of_birth="2014-03-03"), people[0], people[2]]
    diffs = compare(expected, {"kind": "referral", "referral": {"family": swapped, "other_agencies": [],
                                                                "other_processes": []}})
    assert [p for p, _, _ in wrong_person(expected, diffs)] == ["referral.family[1].date_of_birth"]
    missing = compare(expected, {"kind": "referral", "referral": {"family": people[1:], "other_agencies": [],
                                                                  "other_processes": []}})
    assert wrong_person(expected, missing) == []
    assert {p for p, _, _ in missing} == {"referral.family.len", *(f"referral.family[0].{k}" for k in
                                                                   ("name", "relationship", "date_of_birth", "address",
                                                                    "ethnicity"))}


# --- an incident grid's bare "Date", and an agencies table's "Involved now?" column


@settings(max_examples=20, deadline=None)
@given(st.sampled_from(DATES), st.sampled_from(["3. Incident", "The incident", "About the child"]),
       st.sampled_from([("Yes", True), ("No", False)]))
def test_incident_grid_date_and_involved_now_column(date: tuple[str, str], heading: str,
                                                    involved: tuple[str, bool]) -> None:
    view = DocView("form.docx", [
        "About the subject child", Table([["Child's name", "Leo Marsh"], ["Date of birth", "01/05/2015"]]),
        heading, Table([["Date", date[0], "Location", "a car park"], ["Seriously harmed", "Yes", "Died", "No"]]),
        "Agencies", Table([["Agency", "Worker", "Contact", "Involved now?"],
                           ["CAMHS", "Adeel Osei", "adeel.osei@nhs.net", involved[0]]]),
        "Referrer", Table([["Name", "Jo Reed"], ["Date", "03-12-2026"]])])
    got, _ = _read(view)
    assert got["child"]["incident_date"] == date[1]
    assert got["referrer"]["date_submitted"] == "2026-12-03"
    assert got["child"]["date_of_birth"] == "2015-05-01"
    assert [a["still_involved"] for a in got["other_agencies"]] == [involved[1]]
