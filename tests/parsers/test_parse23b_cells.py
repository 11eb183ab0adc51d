"""Several people in one table cell (parse23b): one a line, each a family member or an agency; a relationship with
a bracket of its own ("Father (not resident)"), names in Romanian letters ("Ștefania"), and two agencies' lines
run together when a PDF's cell wrapped ("... - open Probation Service - ...")."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import docx
from hypothesis import given, settings
from hypothesis import strategies as st

from parsers import parse_document, parse_message
from parsers.line_records import read_line

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "corpus_tools"))

from mail import message, to_bytes

FIRST = st.sampled_from(["Ștefania", "Țara", "Ionuț", "Maria", "Cathal", "Bogdan"])
LAST = st.sampled_from(["Popescu", "Parmar", "Dumitrescu-Hale", "Ionescu"])
RELATION = st.sampled_from(["Mother", "Father (not resident)", "Step-father (lives elsewhere)", "Sister"])


@settings(max_examples=25, deadline=None)
@given(FIRST, LAST, RELATION)
def test_a_family_line_with_the_relationship_in_brackets(first: str, last: str, relation: str) -> None:
    line = f"{first} {last} ({relation}), DOB 21/07/81, 19 Bristol Road, Hutton, BS24 4NL, White Romanian"
    rec = read_line("family", line)
    assert rec is not None
    assert (rec["name"], rec["relationship"], rec["date_of_birth"]) == (f"{first} {last}", relation, "1981-07-21")
    assert rec["address"] == "19 Bristol Road, Hutton, BS24 4NL"


def _form(family: str, agencies: str) -> bytes:
    doc = docx.Document()
    doc.add_heading("Rapid review referral", 1)
    table = doc.add_table(rows=0, cols=2)
    for label, value in (("Referrer name", "Amran Hosegood"), ("Referrer role", "Tenancy Officer"),
                         ("Child", "Bianca Dumitru"), ("Child's DOB", "22/02/2013"),
                         ("Family members (one per line)", family), ("Agencies (one per line)", agencies)):
        cells = table.add_row().cells
        cells[0].text, cells[1].text = label, value
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


@settings(max_examples=10, deadline=None)
@given(st.lists(st.tuples(FIRST, LAST, RELATION), min_size=2, max_size=4, unique_by=lambda t: (t[0], t[1])))
def test_each_line_of_a_family_cell_is_a_person(people: list[tuple[str, str, str]]) -> None:
    family = "\n".join(f"{f} {s} ({r}), DOB 0{n + 1}/05/1985, {n + 3} Mill Lane, BS22 6AB, White Romanian"
                       for n, (f, s, r) in enumerate(people))
    result = parse_document(_form(family, "Avon and Somerset Police - Lowenna Sandercock - 01632 960111 - open"),
                            "referral.docx")
    assert result.referral is not None
    got = [(m.name, m.relationship) for m in result.referral.family]
    assert got == [(f"{f} {s}", r) for f, s, r in people]


@settings(max_examples=10, deadline=None)
@given(st.permutations([("Probation Service", "Vlad Bulleid", "01632 960575", "open", True),
                        ("South Western Ambulance Service", "Idris Lethbridge", "idris@swast.nhs.uk", "open", True),
                        ("Clevedon School", "Nimco Hembury", "01632 960444", "closed", False)]))
def test_agency_lines_run_together_in_a_cell_are_parted(agencies: list[tuple[str, str, str, str, bool]]) -> None:
    first, second, third = (" - ".join(a[:4]) for a in agencies)
    cell = f"{first} {second}\n{third}"  # the first two lines run together, as a wrapped PDF cell gives them
    result = parse_document(_form("Maria Popescu (Mother), DOB 01/05/1985, 3 Mill Lane, BS22 6AB", cell),
                            "referral.docx")
    assert result.referral is not None
    got = sorted((a.agency, a.name, a.contact, a.still_involved) for a in result.referral.other_agencies)
    assert got == sorted((a[0], a[1], a[2], a[4]) for a in agencies)


@settings(max_examples=10, deadline=None)
@given(st.lists(st.tuples(FIRST, LAST, RELATION), min_size=2, max_size=4, unique_by=lambda t: (t[0], t[1])),
       st.sampled_from(["Roma", "White British", "ethnicity not known"]))
def test_a_numbered_html_list_of_family_members_with_dashes(people: list[tuple[str, str, str]],
                                                            ethnicity: str) -> None:
    """"Krupa Rees (Mother) - DOB 25/2/90 - 53 Ebdon Road, Hutton, BS24 2TJ - Roma" in an <ol> under FAMILY."""
    items = "".join(f"<li>{f} {s} ({r}) - DOB {n + 1}/5/85 - {n + 3} Mill Lane, Hutton, BS24 2TJ - {ethnicity}</li>"
                    for n, (f, s, r) in enumerate(people))
    html = ("<div><u>REFERRER</u></div><div><b>Name:</b> Carys Penrose</div><div><b>Role:</b> School Nurse</div>"
            "<div><u>CHILD</u></div><div><b>Name:</b> Tegan Rowe</div><div><b>DOB:</b> 3/4/16</div>"
            "<div><b>Seriously harmed:</b> Yes</div>"
            f"<div><u>FAMILY</u></div><ol>{items}</ol><div>Thanks,</div><div>Carys</div>")
    raw = to_bytes(message("Carys Penrose <carys.penrose@nhs.net>", "CSPR referral", None, html=html))
    result = parse_message(raw)
    assert result.referral is not None
    got = [(m.name, m.relationship, m.date_of_birth, m.address, m.ethnicity) for m in result.referral.family]
    assert got == [(f"{f} {s}", r, f"1985-05-0{n + 1}", f"{n + 3} Mill Lane, Hutton, BS24 2TJ",
                    None if ethnicity == "ethnicity not known" else ethnicity) for n, (f, s, r) in enumerate(people)]
