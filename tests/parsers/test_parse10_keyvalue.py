"""Notification forms laid out as key-value cells (issue #12): "Label: value" typed into each cell, two labels in
one cell, the reporter's own labels, the family as "Name (relationship)" | DOB | "Lives at", and other processes
run on one line, parted by semicolons.

Generated Word forms (python-docx): label wordings, how many people and processes, the gap between two labels in
one cell and the relationship's punctuation vary; every value must be read into its own field or record.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "corpus_tools"))

from mail import DOCX, message, to_bytes

from parsers import parse_message

FIRST = ["Kerry-Ann", "Tasha", "Gethin", "Poppy", "Folasade", "Iwan", "Marta"]
LAST = ["Oyelowo", "Ap Dafydd", "Mensah", "Kowalski", "Pryce"]
RELATIONS = ["Mother", "Father", "Sister", "Maternal grandmother", "Mother's partner", "Half-brother"]
PROCESSES = [("Strategy discussion / s.47", "Strategy meeting held"), ("Criminal investigation", "Ongoing"),
             ("Child Death Review (CDOP)", "JAR meeting held 27/11"), ("Coroner's inquest", "Inquest opened")]


def _docx(top: list[tuple[str, str]], child: list[str], header: list[str], people: list[list[str]],
          processes: str) -> bytes:
    import docx

    d = docx.Document()
    d.add_paragraph("Serious Child Safeguarding Incident – Notification to the Partnership")
    d.add_paragraph("When, where and your details")
    grid = d.add_table(rows=len(top), cols=2)
    for r, (left, right) in enumerate(top):
        grid.cell(r, 0).text, grid.cell(r, 1).text = left, right
    d.add_paragraph("The child")
    box = d.add_table(rows=len(child), cols=1)
    for r, line in enumerate(child):
        box.cell(r, 0).text = line
    d.add_paragraph("What happened?")
    d.add_paragraph("Description of what happened: the child was brought to hospital with a fractured femur.")
    d.add_paragraph("Family and significant others")
    fam = d.add_table(rows=len(people) + 1, cols=len(header))
    for r, row in enumerate([header, *people]):
        for c, text in enumerate(row):
            fam.cell(r, c).text = text
    d.add_paragraph("Any other processes (police, coroner, CDOP, NHS)")
    d.add_table(rows=1, cols=1).cell(0, 0).text = processes
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


class _Form(bytes):
    """The .docx bytes, shown short when hypothesis reports a failing case (the spec beside it says what it is)."""

    def __repr__(self) -> str:
        return f"<docx {len(self)} bytes>"


@st.composite
def notification(draw: st.DrawFn) -> tuple[bytes, dict[str, object]]:
    gap = draw(st.sampled_from(["   ", "          ", "\t"]))
    name_l = draw(st.sampled_from(["Reporter name", "Reporter's name"]))
    role_l = draw(st.sampled_from(["Reporter job title/role", "Reporter role"]))
    org_l = draw(st.sampled_from(["Reporting organisation", "Reporting agency"]))
    tel_l = draw(st.sampled_from(["Reporter tel no", "Reporter telephone number", "Reporter phone"]))
    top = [("Date of incident: 01/12/2026", f"{name_l}: Sunil Ellery"),
           ("Location of incident: Backwell Lake", f"{role_l}: Named GP for Safeguarding"),
           ("Time of incident: not known", f"{org_l}: Clevedon Riverside Medical Practice"),
           ("", f"{tel_l}: 01632 960390"), ("", "Reporter email: sunil.ellery@nhs.net")]
    dob_l = draw(st.sampled_from(["D.O.B.", "Date of birth", "DOB"]))
    faith_l = draw(st.sampled_from(["Religion", "Faith"]))
    child = [f"Child's name: Rhys Fitzgerald{gap}{dob_l}: 16/06/2026",
             "Home address: 7 Channel View Terrace, Clevedon, BS21 6PB",
             f"Ethnic group: Any other White background{gap}{faith_l}: Church of England"]
    n = draw(st.integers(1, 4))
    people = [(f"{draw(st.sampled_from(FIRST))} {draw(st.sampled_from(LAST))}", draw(st.sampled_from(RELATIONS)),
               f"{draw(st.integers(10, 28))}/0{draw(st.integers(1, 9))}/19{draw(st.integers(60, 99))}",
               f"{draw(st.integers(1, 90))} Strode Gardens, Yatton, BS49 4DX") for _ in range(n)]
    form = draw(st.sampled_from(["{} ({})", "{} – {}", "{} - {}"]))
    header = [draw(st.sampled_from(["Name (relationship)", "Name / relationship", "Name and relationship to child"])),
              "DOB", draw(st.sampled_from(["Lives at", "Address"])), "Ethnicity"]
    rows = [[form.format(p[0], p[1]), p[2], p[3], "White British"] for p in people]
    procs = draw(st.lists(st.sampled_from(PROCESSES), min_size=2, max_size=3, unique=True))
    dash = draw(st.sampled_from([" – ", " - ", ": "]))
    line = "Other processes: " + "; ".join(f"{p}{dash}{s}" for p, s in procs)
    data = _Form(_docx(top, child, header, rows, line))
    return data, {"people": people, "processes": procs, "header": header, "child": child, "top": top}


@settings(max_examples=20, deadline=None)
@given(notification())
def test_key_value_cells_read_every_field_and_record(case: tuple[bytes, dict[str, object]]) -> None:
    data, want = case
    raw = to_bytes(message("sunil.ellery@nhs.net", "Serious incident notification", "Form attached.",
                           attachments=[("notification.docx", data, DOCX)]))
    result = parse_message(raw)
    assert result.kind == "referral"
    ref = result.referral
    assert ref is not None
    r = ref.referrer
    assert (r.name, r.role, r.agency, r.phone, r.email) == (
        "Sunil Ellery", "Named GP for Safeguarding", "Clevedon Riverside Medical Practice", "01632 960390",
        "sunil.ellery@nhs.net")
    c = ref.child
    assert (c.name, c.date_of_birth, c.ethnicity, c.faith) == (
        "Rhys Fitzgerald", "2026-06-16", "Any other White background", "Church of England")
    people = want["people"]
    assert isinstance(people, list)
    assert [(m.name, m.relationship, m.address) for m in ref.family] == [(p[0], p[1], p[3]) for p in people]
    procs = want["processes"]
    assert isinstance(procs, list)
    assert [(p.process, p.status) for p in ref.other_processes] == [tuple(p) for p in procs]


def test_a_name_with_no_relationship_in_brackets_keeps_its_words_and_guesses_none() -> None:
    from parsers.rows import _name_and_relation

    assert _name_and_relation("Jolanta Ap Dafydd (Mother)") == ("Jolanta Ap Dafydd", "Mother")
    assert _name_and_relation("Jolanta Ap Dafydd (known as Jo)") == ("Jolanta Ap Dafydd (known as Jo)", None)
    assert _name_and_relation("Smith-Jones") == ("Smith-Jones", None)


def test_one_process_whose_status_holds_a_semicolon_stays_one() -> None:
    body = ("Referral\nChild's name: Amy Reed\nDate of birth: 01/02/2015\n\nOther processes: Section 47 enquiry – "
            "Strategy meeting held; s47 completed\n")
    result = parse_message(to_bytes(message("a@nhs.net", "CSPR referral", body)))
    assert result.referral is not None
    assert [(p.process, p.status) for p in result.referral.other_processes] == [
        ("Section 47 enquiry", "Strategy meeting held; s47 completed")]


@settings(max_examples=10, deadline=None)
@given(st.sampled_from(["Person affected (patient)", "Patient details", "Person affected", "Child affected"]),
       st.sampled_from(["Reporter name", "Reporter's name"]))
def test_an_incident_systems_person_affected_is_the_child_not_the_reporter(heading: str, reporter: str) -> None:
    from parsers.documents.model import DocView, Table
    from parsers.fields import extract

    view = DocView("t", ["Incident report", "Reporter",
                         Table([[reporter, "Warren Haverfield"], ["Job title", "Lead Nurse"]]), heading,
                         Table([["Name", "Aaliyah Hernandez"], ["Date of birth", "10/06/2025"]])])
    values = extract(view).values
    assert values["referral.referrer.name"] == "Warren Haverfield"
    assert values["referral.child.name"] == "Aaliyah Hernandez"
    assert values["referral.child.date_of_birth"] == "2025-06-10"
