"""Values read for the wrong field or person when held-out set 11 became a development set (wp12): a fillable
PDF's tall box whose top reaches the captions of the short boxes beside it; a referrer's "Organisation | Telephone"
grid read as an other-agencies list; a document printed with every caption under its answer; a name asked in two
boxes ("Referrer forename | Referrer surname"). Each is generated over labels, values and sizes; where whose a value
is cannot be told, it is left empty, and the ordinary layouts around each still read as before."""

from __future__ import annotations

import io
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from parsers.captions_below import turn_captions
from parsers.documents.model import Block, DocView, Table
from parsers.fields import extract

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "corpus_tools"))

from pdf_forms import _esc, pdf_file

FIRST = st.sampled_from(["Colette", "Marisol", "Seán", "Zoë", "Idris", "Freya", "Siân", "Kezia"])
LAST = st.sampled_from(["Ellery", "Rhydderch", "Okonkwo-Reid", "O'Neill", "Hernandez", "Mountjoy"])
ROLE = st.sampled_from(["School Nurse Team Leader", "Health Visitor", "Designated Safeguarding Lead", "PC"])
AGENCY = st.sampled_from(["Sirona care & health", "Avon and Somerset Police", "North Somerset Council",
                          "University Hospitals Bristol and Weston NHS Foundation Trust"])

# --- 1. a fillable PDF with generic field names: a tall box beside short ones reaches up to their captions


def _fillable(captions: list[tuple[float, float, str]], boxes: list[tuple[float, float, float, float, str]]) -> bytes:
    """Captions printed at (x, y); text boxes (x0, y0, x1, y1, value) named as a form tool names them."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import (
        ArrayObject,
        BooleanObject,
        DictionaryObject,
        FloatObject,
        NameObject,
        TextStringObject,
    )

    ops = [b"BT /F1 7 Tf %.1f %.1f Td (%s) Tj ET" % (x, y, _esc(text)) for x, y, text in captions]
    stream = b"\n".join(ops)
    base = pdf_file([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
                     b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
                     b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
                     b"/Contents 5 0 R >>",
                     b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream"])
    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(base)))
    annots = ArrayObject()
    for n, (x0, y0, x1, y1, value) in enumerate(boxes, start=1):
        ref = writer._add_object(DictionaryObject({
            NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject("/Widget"),
            NameObject("/T"): TextStringObject(f"form1[0].#subform[0].TextField{n}[0]"),
            NameObject("/FT"): NameObject("/Tx"), NameObject("/V"): TextStringObject(value),
            NameObject("/Rect"): ArrayObject([FloatObject(v) for v in (x0, y0, x1, y1)])}))
        annots.append(ref)
    writer.pages[0][NameObject("/Annots")] = annots
    writer._root_object[NameObject("/AcroForm")] = DictionaryObject({
        NameObject("/Fields"): ArrayObject(annots), NameObject("/NeedAppearances"): BooleanObject(True)})
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


@settings(max_examples=20, deadline=None)
@given(FIRST, LAST, ROLE, AGENCY, st.sampled_from(["Organisation", "Agency", "Organisation / service"]),
       st.integers(22, 40), st.sampled_from(["Name", "Your name"]), st.sampled_from(["Role", "Job title"]))
def test_a_tall_box_is_not_read_among_the_captions_of_the_short_boxes_beside_it(
        first: str, last: str, role: str, agency: str, org_label: str, tall: int, name_label: str,
        role_label: str) -> None:
    from parsers.documents.pdf import read_pdf

    y = 740.0
    captions = [(40, 790, "Part 1  Referrer"), (40, y + 18, name_label), (220, y + 18, role_label),
                (400, y + tall + 2, org_label), (40, y - 45 + 18, "Email"), (270, y - 45 + 18, "Telephone")]
    boxes = [(40, y, 210, y + 16, f"{first} {last}"), (220, y, 390, y + 16, role), (400, y, 560, y + tall, agency),
             (40, y - 45, 260, y - 29, "c.e@sirona-cic.org.uk"), (270, y - 45, 390, y - 29, "07700 900583")]
    values = extract(read_pdf(_fillable(captions, boxes), "form.pdf")).values
    # each value is its own field's or nobody's: the organisation is never the role or the name
    assert values.get("referral.referrer.role") in (None, role)
    assert values.get("referral.referrer.name") in (None, f"{first} {last}")
    assert values.get("referral.referrer.agency") in (None, agency)
    assert values.get("referral.referrer.phone") == "07700 900583"  # the ordinary row under it still reads


# --- 2. a grid of captions over answers under a first row that looked like a list's header


LEFT = [("Organisation", "agency"), ("Agency", "agency")]
RIGHT = [("Telephone", "phone"), ("Contact number", "phone"), ("Phone", "phone")]
NEXT = [["Email", "Date of referral"], ["Email", "Date (D D M M Y Y Y Y)"], ["Home address", "Carer"],
        ["Ethnicity", "Faith", "Disability"]]


@settings(max_examples=25, deadline=None)
@given(st.sampled_from(LEFT), st.sampled_from(RIGHT), st.sampled_from(NEXT), AGENCY, st.booleans())
def test_captions_under_a_header_and_its_row_make_a_grid_of_one_person_not_a_list(
        left: tuple[str, str], right: tuple[str, str], nxt: list[str], agency: str, gap: bool) -> None:
    pad = [""] if gap else []
    rows = [[left[0], *pad, right[0]], [agency, *pad, "07700 900896"],
            [*nxt[:1], *pad, *nxt[1:]], [*(["x.y@sirona-cic.org.uk"] + [""] * (len(nxt) - 1))[:1], *pad,
                                         *(["Halina Threlfall"] * (len(nxt) - 1))]]
    out = extract(DocView("form.pdf", ["Referrer", Table(rows, origin="text")]))
    assert not out.records.get("agencies")  # the referrer's organisation and phone are no other agency


@settings(max_examples=15, deadline=None)
@given(st.lists(st.tuples(AGENCY, FIRST, LAST), min_size=2, max_size=4))
def test_a_real_agencies_list_and_a_two_line_header_still_read(rows: list[tuple[str, str, str]]) -> None:
    table = [["Agency", "Worker", "Contact"]] + [[a, f"{f} {s}", f"07700 90{n:04d}"] for n, (a, f, s) in
                                                 enumerate(rows)]
    got = extract(DocView("f.docx", ["Other agencies", Table(table)])).records["agencies"]
    assert [r["agency"] for r in got] == [a for a, _, _ in rows]
    family = [["Person", "", "Relationship to child", "Born"], ["First name", "Last name", "", ""]] + [
        [f, s, "Mother", f"{n + 1:02d}/03/1980"] for n, (_, f, s) in enumerate(rows)]
    people = extract(DocView("f.docx", ["Linked persons", Table(family)])).records.get("family", [])
    # the "First name | Last name" line under the header is its second line, not captions ending the list
    assert [p["date_of_birth"] for p in people if p["relationship"]] == [
        f"1980-03-{n + 1:02d}" for n in range(len(rows))]


# --- 3. a document printed with each caption under its answer, the long answers as lines of their own

SUMMARY = "The family were known through two domestic abuse incidents."
ACTIONS = "Both incidents re-reviewed by a supervisor; DASH re-assessed."
LEARNING = "Repeat incidents were assessed singly rather than as a pattern."
LONG = [("Summary of involvement", SUMMARY, "agency_return.summary"),
        ("Immediate actions", ACTIONS, "agency_return.immediate_actions"),
        ("Learning so far", LEARNING, "agency_return.learning")]


@settings(max_examples=20, deadline=None)
@given(FIRST, LAST, ROLE, st.integers(1, 3), st.integers(0, 2), st.booleans())
def test_captions_below_their_answers_answer_the_lines_above_them(
        first: str, last: str, role: str, count: int, blanks: int, split: bool) -> None:
    blocks: list[Block] = ["Children's Social Care - Rapid Review agency return", "",
                           Table([["NS-CSPR-2026-320", "North Somerset Council"], ["Case reference", "Agency"]]),
                           Table([[f"{first} {last}", role], ["Completed by", "Role"]])]
    for caption, answer, _ in LONG[:count]:
        lines = [answer[: len(answer) // 2].strip(), answer[len(answer) // 2 :].strip()] if split else [answer]
        blocks += [*[""] * blanks, *lines, *[""] * blanks, caption]
    blocks.append(Table([["Yes", "Gwenllian Mountjoy"], ["Records secured", "Signed off by"]]))
    values = extract(DocView("return.pdf", blocks)).values
    assert values.get("agency_return.author.role") == role
    halves = {answer: " ".join([answer[: len(answer) // 2].strip(), answer[len(answer) // 2 :].strip()])
              for _, answer, _ in LONG}
    for n, (_, answer, key) in enumerate(LONG[:count]):
        # each caption's answer is the one above it, or nothing: never the next caption's
        assert values.get(key) in (None, answer, halves[answer])
        if n < 2:  # captions the lexicon knows alone on their line ("Learning so far" is not one)
            assert values.get(key) in (answer, halves[answer])


def test_a_label_above_document_is_not_read_upside_down() -> None:
    # one table the ordinary way up (captions over answers): the document is not a captions-below one
    view = DocView("r.pdf", [Table([["Case reference", "Agency"], ["NS-CSPR-2026-320", "North Somerset Council"]]),
                             Table([["Completed by", "Role"], ["Jo Bloggs", "PC"]]),
                             Table([["Yes", "Gwenllian Mountjoy"], ["Records secured", "Signed off by"]]),
                             "Summary of involvement", SUMMARY, "Immediate actions", ACTIONS])
    assert turn_captions(view).blocks[3:] == view.blocks[3:]
    values = extract(view).values
    assert values.get("agency_return.summary") in (None, SUMMARY)
    assert values.get("agency_return.immediate_actions") in (None, ACTIONS)


# --- 4. one person's name asked in two boxes


@settings(max_examples=25, deadline=None)
@given(FIRST, LAST, ROLE, st.sampled_from([("forename", "surname"), ("first name", "last name"),
                                           ("forename(s)", "surname"), ("given name", "family name")]))
def test_a_name_in_two_boxes_is_one_name(first: str, last: str, role: str, words: tuple[str, str]) -> None:
    rows = [[f"Referrer {words[0]}", f"Referrer {words[1]}", "Job title"], [first, last, role]]
    values = extract(DocView("form.pdf", [Table(rows, origin="text")])).values
    assert values["referral.referrer.name"] == f"{first} {last}"
    assert values["referral.referrer.role"] == role
