"""Tick boxes drawn on a PDF page as small squares, marked with strokes (a cross of two lines, a tick as a
polyline, a single slash) and no glyph in the text layer, as reportlab canvas forms and some case systems print
them. Each box is read as ☒ when a slanting stroke lies inside it and ☐ otherwise, on its option's line, so the
criteria, the plan status and the agencies' open/closed read as marked; an unmarked question stays unanswered
(never a guess), and the small squares are never taken for a table's cells.

Generated hand-built PDFs: box size, mark shape, option order, which option is marked.
"""

from __future__ import annotations

import email.policy
import sys
from email.message import EmailMessage
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "corpus_tools"))

from pdf_forms import _esc, pdf_file

from parsers import parse_message
from parsers.documents.pdf import read_pdf

QUESTIONS = [("Child has died", "referral.criteria.child_died"),
             ("Child seriously harmed", "referral.criteria.seriously_harmed"),
             ("Concerns about how organisations worked together", "referral.criteria.agency_concern")]


def _mark(shape: str, x: float, y: float, side: float) -> list[bytes]:
    a, b = x + 1, y + 1
    c, d = x + side - 1, y + side - 1
    if shape == "cross":
        return [b"n %.2f %.2f m %.2f %.2f l S" % (a, b, c, d), b"n %.2f %.2f m %.2f %.2f l S" % (a, d, c, b)]
    if shape == "tick":
        return [b"n %.2f %.2f m %.2f %.2f l %.2f %.2f l S" % (a, (b + d) / 2, (a + c) / 2, b, c, d)]
    return [b"n %.2f %.2f m %.2f %.2f l S" % (a, b, c, d)]  # one slash


def drawn_form(answers: list[bool | None], cpp: int | None, order: list[str], side: float, shape: str,
               agencies: list[tuple[str, bool | None]] | None = None) -> bytes:
    """Header lines, the three criteria with Yes/No boxes (in `order`), the plan status with four boxes."""
    ops: list[bytes] = []

    def text(x: float, y: float, words: str, size: int = 9) -> None:
        ops.append(b"BT /F1 %d Tf %.2f %.2f Td (" % (size, x, y) + _esc(words) + b") Tj ET")

    def box(x: float, y: float, marked: bool) -> None:
        ops.append(b"n %.2f %.2f %.2f %.2f re S" % (x, y - 1, side, side))
        if marked:
            ops.extend(_mark(shape, x, y - 1, side))

    text(40, 800, "Serious Incident Notification - request for Rapid Review", 12)
    text(40, 780, "Name of child: Rohan St Clair")
    text(40, 766, "Date of birth: 11/03/2011")
    text(40, 740, "Criteria", 10)
    y = 724.0
    for (question, _), answer in zip(QUESTIONS, answers, strict=True):
        text(40, y, question, 8)
        x = 270.0
        for option in order:
            box(x, y, answer is not None and answer == (option == "Yes"))
            text(x + side + 3, y, option, 8)
            x += 36
        y -= 13
    text(40, y, "Child protection plan", 8)
    x = 270.0
    for k, option in enumerate(["Current", "Previous", "Never", "Unknown"]):
        box(x, y, cpp == k)
        text(x + side + 3, y, option, 8)
        x += 52
    text(40, y - 30, "What happened: Rohan was found unconscious after taking an unknown quantity of pills.")
    y -= 60
    if agencies:
        text(40, y, "Other agencies involved", 10)
        for line, still in agencies:
            y -= 13
            text(40, y, line, 8)
            box(400, y, still is True)
            text(400 + side + 3, y, "Open", 8)
            box(450, y, still is False)
            text(450 + side + 3, y, "Closed", 8)
    stream = b"\n".join(ops)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [5 0 R] /Count 1 >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
        b"/Contents 4 0 R >>",
    ]
    return pdf_file(objects)


def _parse(pdf: bytes) -> dict[str, object]:
    msg = EmailMessage(policy=email.policy.SMTP)
    msg["From"] = "declan.hollingsworth@hanspriceacademy.n-somerset.sch.uk"
    msg["To"] = "cspr@n-somerset.gov.uk"
    msg["Subject"] = "Serious incident notification - rapid review"
    msg.set_content("Please find the notification attached.")
    msg.add_attachment(pdf, maintype="application", subtype="pdf", filename="SIN form.pdf")
    return parse_message(msg.as_bytes()).to_json_dict()


@settings(max_examples=15, deadline=None)
@given(st.lists(st.one_of(st.none(), st.booleans()), min_size=3, max_size=3), st.one_of(st.none(), st.integers(0, 3)),
       st.permutations(["Yes", "No"]), st.sampled_from([6.0, 8.0, 10.0, 12.0]),
       st.sampled_from(["cross", "tick", "slash"]))
def test_drawn_marks_read_as_ticks(answers: list[bool | None], cpp: int | None, order: list[str], side: float,
                                  shape: str) -> None:
    pdf = drawn_form(answers, cpp, order, side, shape)
    text = read_pdf(pdf, "SIN form.pdf").text()
    assert "Yes" in text and "☐" in text  # the boxes are on their options' lines, read as boxes
    result = _parse(pdf)
    ref = result["referral"]
    assert isinstance(ref, dict)
    for (_, key), answer in zip(QUESTIONS, answers, strict=True):
        assert ref["criteria"][key.rsplit(".", 1)[1]] is answer, (key, answer, text)
    want_cpp = None if cpp is None else ["yes", "has_been", "no", "not_known"][cpp]
    assert ref["child"]["child_protection_plan"] == want_cpp
    assert ref["child"]["name"] == "Rohan St Clair"


AGENCY_LINES = ["Churchill Academy: Joanna Hollingsworth, 07700 900310",
                "Next Link Domestic Abuse Service: Philippa Fairbrother, philippa.fairbrother@example.org",
                "Locking Castle Medical Centre: Declan Quayle, declan.quayle@nhs.net"]


@settings(max_examples=10, deadline=None)
@given(st.lists(st.one_of(st.none(), st.booleans()), min_size=1, max_size=3), st.sampled_from([7.0, 8.0, 10.0]),
       st.sampled_from(["cross", "tick"]))
def test_open_closed_boxes_after_each_agency(states: list[bool | None], side: float, shape: str) -> None:
    """"Agency: Worker, contact   ☒ Open  ☐ Closed" drawn: the box marked is the agency's involvement; none
    marked leaves it unknown; worker, agency and contact are read as written either way."""
    agencies = list(zip(AGENCY_LINES, states, strict=False))
    ref = _parse(drawn_form([True, True, None], None, ["Yes", "No"], side, shape, agencies))["referral"]
    assert isinstance(ref, dict)
    got = {a["agency"]: (a["name"], a["still_involved"]) for a in ref["other_agencies"]}
    for line, still in agencies:
        agency, rest = line.split(": ", 1)
        assert got[agency] == (rest.split(",")[0], still)


def test_each_drawn_box_is_one_box_and_no_table() -> None:
    """Ten squares, two marked: ten boxes, two marked, and no table made of the squares' edges."""
    view = read_pdf(drawn_form([True, None, False], None, ["Yes", "No"], 8.0, "cross"), "f.pdf")
    text = view.text()
    assert text.count("☒") == 2 and text.count("☐") == 8
    assert all(getattr(b, "origin", "text") == "text" for b in view.blocks if hasattr(b, "rows"))  # laid-out text
