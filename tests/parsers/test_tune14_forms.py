"""Layouts met in heldout14 (tune14), as variants of our own: fillable PDFs whose fields are framed boxes stacked
under one another, numbered agency boxes asked as "Agency 2" / "Worker", and the wrong values the set showed."""

from __future__ import annotations

import io
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, FloatObject, NameObject, TextStringObject

from parsers import parse_document
from parsers.documents.model import Table
from parsers.documents.pdf import read_pdf

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "corpus_tools"))

from pdf_forms import pdf_file

FIRST = st.sampled_from(["Nia", "Oskar", "Bethany", "Kofi", "Liliana", "Dewi", "Farah"])
LAST = st.sampled_from(["Penhaligon", "Adeyemi-Cole", "Whitlock", "Zielinski", "Moorcroft"])
AGENCY = st.sampled_from(["Weston General Hospital", "Clevedon School", "Somerset Drug and Alcohol Service",
                          "North Somerset Early Help Team"])


def _framed_pdf(rows: list[tuple[str, str | bool | None]]) -> bytes:
    """A fillable form: each label printed at the left, its field a framed box (a `re S` rectangle) to the right,
    boxes 4 points apart; a bool is a check box framed the same way. Field names are a tool's ("Fill_3")."""
    ops: list[bytes] = []
    widgets: list[tuple[str, str | bool, tuple[float, float, float, float]]] = []
    y = 780.0
    for label, value in rows:
        ops.append(b"BT /F1 8 Tf 56 %.1f Td (%s) Tj ET" % (y + 5, label.encode("cp1252")))
        if value is None:  # a heading printed alone
            pass
        elif isinstance(value, bool):
            ops.append(b"0.5 G 230 %.1f 12 12 re S" % (y + 2))
            widgets.append(("check", value, (230, y + 2, 242, y + 14)))
        else:
            ops.append(b"0.5 G 230 %.1f 320 18 re S" % y)
            widgets.append(("text", value, (230, y, 550, y + 18)))
        y -= 22
    stream = b"\n".join(ops)
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
               b"/Contents 5 0 R >>",
               b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream"]
    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(pdf_file(objects))))
    annots = ArrayObject()
    for n, (kind, value, rect) in enumerate(widgets, start=1):
        field = DictionaryObject({
            NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject("/Widget"),
            NameObject("/T"): TextStringObject(f"Fill_{n}"),
            NameObject("/Rect"): ArrayObject([FloatObject(v) for v in rect]),
        })
        if kind == "check":
            field[NameObject("/FT")] = NameObject("/Btn")
            field[NameObject("/V")] = NameObject("/Yes" if value else "/Off")
            field[NameObject("/AS")] = NameObject("/Yes" if value else "/Off")
        else:
            field[NameObject("/FT")] = NameObject("/Tx")
            field[NameObject("/V")] = TextStringObject(str(value))
        annots.append(writer._add_object(field))
    writer.pages[0][NameObject("/Annots")] = annots
    writer._root_object[NameObject("/AcroForm")] = DictionaryObject({NameObject("/Fields"): annots})
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


@settings(max_examples=10, deadline=None)
@given(FIRST, LAST, AGENCY)
def test_framed_fields_are_read_beside_their_printed_labels(first: str, last: str, agency: str) -> None:
    name = f"{first} {last}"
    view = read_pdf(_framed_pdf([("Referrer name", name), ("Job title", "Safeguarding Lead"),
                                 ("Organisation", agency), ("Telephone", "01632 960111")]), "form.pdf")
    rows = [r for b in view.blocks if isinstance(b, Table) for r in b.rows]
    # each value on its label's row, not a one-column table of values above all the labels
    assert ["Referrer name", name] in rows
    assert ["Organisation", agency] in rows


@settings(max_examples=10, deadline=None)
@given(st.lists(st.tuples(FIRST, LAST, AGENCY), min_size=1, max_size=3, unique_by=lambda t: t[2]), st.booleans())
def test_numbered_agency_boxes_with_unnumbered_worker(agencies: list[tuple[str, str, str]], worker_first: bool) -> None:
    rows: list[tuple[str, str | bool | None]] = [
        ("Child Safeguarding Practice Review - referral", None), ("Section B: child", None),
        ("Child's name", "Aled Penrose"), ("Date of birth", "03/04/2015"), ("Summary of incident", "Aled was found "
        "with a head injury; seriously harmed."), ("Section E: agencies involved", None)]
    for n, (first, last, agency) in enumerate(agencies, start=1):
        # "Agency 2" / "Worker", or "Agency 2 worker" / "Agency": the unnumbered box is the entry's other field
        rows += [(f"Agency {n} worker", f"{first} {last}"), ("Agency", agency)] if worker_first else [
            (f"Agency {n}", agency), ("Worker", f"{first} {last}")]
        rows.append(("Contact", f"{first.lower()}.{last.lower()}@example.org.uk"))
    result = parse_document(_framed_pdf(rows), "referral.pdf")
    assert result.referral is not None
    got = [(a.agency, a.name) for a in result.referral.other_agencies]
    assert got == [(agency, f"{first} {last}") for first, last, agency in agencies]
    assert all(a.agency != "Worker" for a in result.referral.other_agencies)  # the caption is never an agency


@settings(max_examples=8, deadline=None)
@given(FIRST, LAST)
def test_manager_signing_off_row_under_a_sign_off_heading(first: str, last: str) -> None:
    rows: list[tuple[str, str | bool | None]] = [
        ("AGENCY RETURN - Child Safeguarding Practice Review", None), ("1. Your agency", None),
        ("Agency", "Weston College"), ("Author name", "Rhian Tapper"), ("Author role", "Designated Safeguarding Lead"),
        ("2. Involvement", None), ("Summary of involvement", "Two pastoral meetings with the mother in October."),
        ("3. Sign off", None), ("Manager signing off", f"{first} {last}"), ("Date completed", "02/12/2026")]
    result = parse_document(_framed_pdf(rows), "return.pdf")
    assert result.agency_return is not None
    # the caption under the "Sign off" heading is no one's name
    assert result.agency_return.signed_off_by == f"{first} {last}"


@settings(max_examples=25, deadline=None)
@given(FIRST, LAST, AGENCY, st.sampled_from(["still involved", "currently involved", "still working with the family"]),
       st.sampled_from(["☒ Yes", "☒ No", "☐ Yes"]), st.sampled_from([" - ", ", ", " – "]))
def test_agency_line_cut_after_its_one_box(first: str, last: str, agency: str, question: str, box: str,
                                           sep: str) -> None:
    from parsers.line_records import read_line

    line = f"{agency}{sep}{first} {last}{sep}{first.lower()}@example.org.uk{sep}{question} {box}"
    record = read_line("agencies", line)
    assert record is not None
    assert record["agency"] == agency and record["name"] == f"{first} {last}"
    assert record["still_involved"] == ({"☒ Yes": True, "☒ No": False}.get(box))


RELATIVE = st.sampled_from(["Mother", "Stepfather", "Maternal grandmother", "Half-brother", "Father (not resident)"])


@settings(max_examples=25, deadline=None)
@given(FIRST, LAST, RELATIVE, st.sampled_from(["Home address", "Address", "Lives at"]),
       st.sampled_from(["Ethnicity", "Ethnic origin"]), st.sampled_from([" — ", " - ", " – "]))
def test_family_member_cell_of_labelled_lines(first: str, last: str, relative: str, address: str, ethnic: str,
                                              dash: str) -> None:
    from parsers.line_records import read_line

    cell = (f"{first} {last}{dash}{relative}\nDOB: 14/02/1988\n{address}: 7 Kewstoke Road, Worle, BS22 9LT\n"
            f"{ethnic}: White and Asian")
    record = read_line("family", cell)
    assert record == {"name": f"{first} {last}", "relationship": relative, "date_of_birth": "1988-02-14",
                      "address": "7 Kewstoke Road, Worle, BS22 9LT", "ethnicity": "White and Asian"}


@settings(max_examples=25, deadline=None)
@given(FIRST, LAST, AGENCY, st.sampled_from(["Contact name", "Named worker", "Worker"]),
       st.sampled_from(["Contact details", "Tel", "Phone"]), st.sampled_from(["Yes", "No"]))
def test_agency_cell_of_labelled_lines(first: str, last: str, agency: str, who: str, how: str, still: str) -> None:
    from parsers.line_records import read_line

    record = read_line("agencies", f"{agency}\n{who}: {first} {last}\n{how}: 01632 960222\nStill involved: {still}")
    assert record == {"name": f"{first} {last}", "agency": agency, "contact": "01632 960222",
                      "still_involved": still == "Yes"}
    # a label never runs into a name or an agency
    assert "name" not in str(record["agency"]).lower() and ":" not in str(record["name"])


@settings(max_examples=20, deadline=None)
@given(st.sampled_from(["Please describe", "If yes, please give details", "Please specify", "If so, describe"]),
       st.sampled_from(["Autism", "Hearing impairment", "Global developmental delay"]),
       st.sampled_from(["Q{n}. ", "Q{n}) ", "Question {n}: "]), st.sampled_from(["A: ", "Answer: "]))
def test_question_with_an_instruction_after_its_mark(instruction: str, answer: str, q: str, a: str) -> None:
    from parsers.qa_pairs import join_answers

    lines = []
    for n, (question, value) in enumerate([("Child's name", "Ffion Dix"), ("Date of birth", "01/02/2016"),
                                           (f"Any disability? {instruction}", answer)], start=1):
        lines += [q.format(n=n) + question, a + value, ""]
    text = join_answers("\n".join(lines))
    assert f"Any disability?: {answer}" in text.split("\n")  # the instruction is no part of the answer


@settings(max_examples=20, deadline=None)
@given(st.lists(st.tuples(FIRST, LAST, AGENCY, st.sampled_from(["Yes", "No"])), min_size=2, max_size=4,
                unique_by=lambda t: t[2]))
def test_several_answer_lines_under_one_question(agencies: list[tuple[str, str, str, str]]) -> None:
    from parsers.line_records import read_line
    from parsers.qa_pairs import join_answers

    lines = ["Q1. Your name", "A: Ann Tapp", "Q2. Your role", "A: DSL", "Q3. Agencies involved (name, agency, "
             "phone, still involved?)"]
    lines += [f"A: {f} {s}; {agency}; 01632 960{k:03d}; {yes}" for k, (f, s, agency, yes) in enumerate(agencies)]
    out = join_answers("\n".join(lines)).split("\n")
    records = [read_line("agencies", line) for line in out[out.index("Agencies involved (name, agency, phone, still "
                                                                     "involved?):") + 1 :]]
    assert [(r["name"], r["agency"], r["still_involved"]) for r in records if r is not None] == [
        (f"{f} {s}", agency, yes == "Yes") for f, s, agency, yes in agencies]


@settings(max_examples=20, deadline=None)
@given(FIRST, LAST, RELATIVE,
       st.sampled_from(["ethnicity unknown", "Ethnicity: not known", "ethnic origin not recorded"]),
       st.sampled_from(["; ", ", "]))
def test_unknown_ethnicity_is_no_part_of_the_address(first: str, last: str, relative: str, unknown: str,
                                                      sep: str) -> None:
    from parsers.line_records import read_line

    record = read_line("family", f"{first} {last}, {relative}{sep}born 3 May 1979{sep}12 Moor Lane, Backwell, "
                                 f"BS48 3AB{sep}{unknown}")
    assert record is not None
    assert record["address"] == "12 Moor Lane, Backwell, BS48 3AB" and record["ethnicity"] is None


@settings(max_examples=30, deadline=None)
@given(st.permutations(["Yes", "No", "Previous", "Unknown"]), st.sampled_from(["/", " / ", ", ", " | "]))
def test_plan_options_printed_in_a_cell_are_no_answer(options: list[str], sep: str) -> None:
    from parsers.fields import _cpp

    # a spreadsheet's "CP plan | Yes/No/Previous/Unknown | No": the middle cell lists the options, it answers nothing
    assert _cpp(sep.join(options)) is None
    assert _cpp("Previous") == "has_been"


@settings(max_examples=10, deadline=None)
@given(st.sampled_from(["Actions taken since", "Action taken since the referral", "Actions taken since the death"]),
       st.sampled_from(["Safety plan agreed with the mother.", "Case escalated to the manager; chronology begun."]))
def test_actions_taken_since_label_keeps_since_out_of_the_answer(label: str, actions: str) -> None:
    from parsers import parse_message

    body = ("Hello,\n\nOur agency return for the case is below.\n\nAgency: Weston College\nWere we involved? Yes\n"
            "Summary: Two pastoral meetings with the mother in October.\n"
            f"{label}: {actions}\nLearning: Attendance concerns were not shared.\n\nThanks\nRhian Tapper\n")
    raw = ("From: Rhian Tapper <rhian.tapper@weston.ac.uk>\nTo: cspr@example.gov.uk\n"
           "Subject: RE: NS-CSPR-2026-777 agency return request\nDate: Fri, 04 Dec 2026 10:00:00 +0000\n"
           "Content-Type: text/plain; charset=utf-8\n\n" + body).encode()
    result = parse_message(raw)
    assert result.agency_return is not None
    assert result.agency_return.immediate_actions == actions


@settings(max_examples=6, deadline=None)
@given(st.sampled_from(["Actions since the incident", "Action since the referral"]),
       st.sampled_from(["Learning so far", "Learning to date"]))
def test_answers_under_return_questions_end_at_the_next_question(actions_q: str, learning_q: str) -> None:
    from parsers import parse_message

    body = ("Hello, our return:\n\nOrganisation\nClevedon School\n\nWhat we did\nTwo meetings with the mother.\n\n"
            f"{actions_q}\nChronology started.\n\n{learning_q}\nNobody asked who else lived there.\n\n"
            "Records secured\nYes\n\nThanks\nRhian Tapper\n")
    raw = ("From: Rhian Tapper <rhian.tapper@clevedon.sch.uk>\nTo: cspr@example.gov.uk\n"
           "Subject: RE: NS-CSPR-2026-778 agency return request\nDate: Fri, 04 Dec 2026 10:00:00 +0000\n"
           "Content-Type: text/plain; charset=utf-8\n\n" + body).encode()
    result = parse_message(raw)
    assert result.agency_return is not None
    assert result.agency_return.immediate_actions == "Chronology started."
    assert result.agency_return.learning == "Nobody asked who else lived there."
