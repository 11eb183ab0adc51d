"""Issue #12 item 2: every value read says where it came from and how sure the reader is that it is that field's.

One test per carrier (a Word table cell, a fillable PDF's form field, a pasted "Label: value" line, a letter
with no form), each over generated shapes; the corpus-wide check (every value of every corpus message has its
provenance) runs with the corpus tests themselves (tests/parsers/test_corpus.py, test_corpus_floors.py).
"""

from __future__ import annotations

import io
import sys
from email.message import EmailMessage
from pathlib import Path

import docx
import pytest

from parsers import parse_document, parse_message
from parsers.provenance import Prov, label_text, part_name

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "corpus_tools"))

from accuracy import leaves
from pdf_forms import acroform_pdf

CHILD = ("Name of child", "Kai Marsh")
# (label as printed, value as typed, output path, value read)
FIELDS = [
    ("Date of birth", "02/03/2015", "referral.child.date_of_birth", "2015-03-02"),
    ("Date of incident", "29/03/2026", "referral.child.incident_date", "2026-03-29"),
    ("Referrer name", "Jo Reed", "referral.referrer.name", "Jo Reed"),
    ("Referrer email", "jo.reed@school.example.sch.uk", "referral.referrer.email", "jo.reed@school.example.sch.uk"),
]
SHAPES = [FIELDS[:k] + FIELDS[k + 1 :] for k in range(len(FIELDS))] + [FIELDS]  # each field left out once


def _mail(body: str, subject: str = "Referral for a rapid review", sender: str = "Jo Reed") -> bytes:
    m = EmailMessage()
    m["From"] = f"{sender} <{sender.lower().replace(' ', '.')}@school.example.sch.uk>"
    m["To"] = "csprbot@nsscp.example.gov.uk"
    m["Subject"] = subject
    m.set_content(body)
    return m.as_bytes()


def _word(rows: list[tuple[str, str]], family: bool) -> bytes:
    d = docx.Document()
    d.add_paragraph("Child Safeguarding Practice Review - referral form")
    t = d.add_table(rows=0, cols=2)
    for label, value in rows:
        cells = t.add_row().cells
        cells[0].text, cells[1].text = label, value
    if family:
        d.add_paragraph("Family and significant others")
        f = d.add_table(rows=1, cols=3)
        for cell, head in zip(f.rows[0].cells, ["Full name", "Relationship to child", "Date of birth"], strict=True):
            cell.text = head
        for member in (("Kelly Marsh", "Mother", "01/02/1990"), ("Dean Marsh", "Father", "11/12/1988")):
            for cell, text in zip(f.add_row().cells, member, strict=True):
                cell.text = text
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _check_every_value_has_one(result: dict[str, object]) -> None:
    """The entries are exactly the non-null values of the record (and the case reference)."""
    wanted = {p for p, v in leaves({k: result[k] for k in ("case_ref", "referral", "agency_return")}).items()
              if v is not None and not p.endswith(".len")}
    provenance = result["provenance"]
    assert isinstance(provenance, dict)
    assert set(provenance) == wanted
    assert all(p["via"] != "unknown" and p["confidence"] in ("high", "medium", "low") for p in provenance.values())


@pytest.mark.parametrize("rows", SHAPES)
def test_a_value_in_its_own_word_table_cell_is_high_with_its_label(rows: list[tuple[str, str, str, str]]) -> None:
    family = len(rows) % 2 == 0
    result = parse_document(_word([CHILD, *((a, b) for a, b, _, _ in rows)], family), "Referral form.docx")
    out = result.to_json_dict()
    _check_every_value_has_one(out)
    prov = result.provenance
    for label, _, path, value in [(CHILD[0], "", "referral.child.name", CHILD[1]), *rows]:
        assert leaves(out)[path] == value
        assert prov[path].source == "attachment 'Referral form.docx' (Word), table cell"
        assert (prov[path].label, prov[path].via, prov[path].confidence) == (label, "beside_label", "high")
    if family:  # a table read by its header row: each value under its column header
        for n in (0, 1):
            got = prov[f"referral.family[{n}].relationship"]
            assert (got.label, got.via, got.confidence) == ("Relationship to child", "header_table", "high")
        assert prov["referral.family[1].name"].label == "Full name"


@pytest.mark.parametrize("rows", SHAPES)
def test_a_fillable_pdf_form_field_is_high_and_named_as_one(rows: list[tuple[str, str, str, str]]) -> None:
    fields = [("text", CHILD[0], CHILD[1]), *(("text", a, b) for a, b, _, _ in rows),
              ("check", "Has the child died?", True)]
    result = parse_document(acroform_pdf(["Referral form", *(f[1] for f in fields)], fields), "form.pdf")
    _check_every_value_has_one(result.to_json_dict())
    prov = result.provenance
    for label, _, path, _ in [(CHILD[0], "", "referral.child.name", ""), *rows]:
        assert prov[path].source == "attachment 'form.pdf' (PDF), form field"
        assert (prov[path].label, prov[path].confidence) == (label, "high")
    assert result.referral is not None and result.referral.criteria.child_died is True
    died = prov["referral.criteria.child_died"]
    assert (died.label, died.via, died.confidence) == ("Has the child died", "tick", "high")


@pytest.mark.parametrize("sep", [": ", " - ", ":\t"])
@pytest.mark.parametrize("rows", SHAPES)
def test_a_pasted_label_and_value_on_one_line_is_medium(rows: list[tuple[str, str, str, str]], sep: str) -> None:
    lines = [f"{a}{sep}{b}" for a, b, _, _ in [(*CHILD, "", ""), *rows]]
    result = parse_message(_mail("Please find my referral below.\n\n" + "\n".join(lines) + "\n"))
    _check_every_value_has_one(result.to_json_dict())
    for label, _, path, _ in [(CHILD[0], "", "referral.child.name", ""), *rows]:
        got = result.provenance[path]
        assert got.source.startswith("body (text), ")
        assert (got.label, got.confidence) == (label, "medium")


@pytest.mark.parametrize("born", ["2 March 2015", "02/03/2015"])
@pytest.mark.parametrize("signed", [("Jo Reed", "Designated Safeguarding Lead"), ("Sam Oduya", "Deputy Head")])
def test_what_a_letter_says_and_its_signature_are_low(born: str, signed: tuple[str, str]) -> None:
    """A referral written as a letter: the child's details read from its wording, the referrer from its
    signature: both inferred, so both low (the fields a person is asked to check)."""
    body = ("Hello,\n\nI have not used the referral form as I am on leave from tomorrow. Kai Marsh (date of birth "
            f"{born}), of 12 Quarry Lane, Banwell, BS29 6GB, died on 29 March 2026; there were previous concerns "
            f"about neglect. Please consider a rapid review.\n\nKind regards\n\n{signed[0]}\n{signed[1]}\n"
            "Hillview School\n")
    result = parse_message(_mail(body, sender=signed[0]))
    _check_every_value_has_one(result.to_json_dict())
    prov = result.provenance
    for path in ("referral.child.date_of_birth", "referral.child.incident_date", "referral.criteria.child_died"):
        assert (prov[path].via, prov[path].confidence, prov[path].label) == ("narrative", "low", None)
    assert result.referral is not None and result.referral.referrer.name == signed[0]
    assert (prov["referral.referrer.name"].via, prov["referral.referrer.name"].confidence) == ("signature", "low")
    assert prov["referral.referrer.email"] == prov["referral.referrer.email"].model_copy(
        update={"source": "message headers", "label": "From", "via": "sender"})
    assert {"child.date_of_birth", "referrer.name"} <= set(result.low_confidence())


@pytest.mark.parametrize("second", ["Role: Designated Safeguarding Lead", "Email: jo.reed@school.example.sch.uk"])
def test_a_bare_name_whose_owner_was_guessed_is_low(second: str) -> None:
    """The issue's "Name:" at the top of a form with no headings: whose name it is was guessed from the line
    under it, so the value is kept but listed for checking."""
    body = (f"Name: Jo Reed\n{second}\n\nChild's name: Kai Marsh\nDate of birth: 02/03/2015\n"
            "Date of incident: 29/03/2026\nHas the child died? Yes\n")
    result = parse_message(_mail(body))
    _check_every_value_has_one(result.to_json_dict())
    got = result.provenance["referral.referrer.name"]
    assert (got.label, got.via, got.confidence) == ("Name", "lead_name", "low")
    assert result.provenance["referral.child.name"].confidence == "medium"
    assert "referrer.name" in result.low_confidence() and "child.name" not in result.low_confidence()


def test_a_case_reference_in_the_subject_is_the_subjects() -> None:
    result = parse_message(_mail("CLOSE: no further action", subject="RE: NS-CSPR-2026-004 closing"))
    assert result.case_ref == "NS-CSPR-2026-004"
    got = result.provenance["case_ref"]
    assert (got.source, got.label, got.via, got.confidence) == ("message headers", "Subject", "subject", "high")


@pytest.mark.parametrize(("cell", "rest", "label"), [
    ("Name of child: Kai Marsh", "Kai Marsh", "Name of child"),
    ("Date of birth", "", "Date of birth"),
    ("Child's name (full)\nKai", "Kai", "Child's name (full)"),
    ("   Referrer email  :  ", "", "Referrer email"),
])
def test_label_text_is_the_label_as_printed(cell: str, rest: str, label: str) -> None:
    assert label_text(cell, rest) == label


def test_capping_never_raises_confidence_and_names_parts() -> None:
    high = Prov("x", "Name", "beside_label", "high")
    assert high.capped("medium", "contact_split") == Prov("x", "Name", "contact_split", "medium")
    assert Prov("x", None, "signature", "low").capped("medium").confidence == "low"
    assert part_name("body", "html") == "body (HTML)"
    assert part_name("Referral form.docx", "docx") == "attachment 'Referral form.docx' (Word)"
