"""A PDF table whose first column holds vertically merged group cells ("Referrer", "Child", "Incident") beside
label | value rows of their own, as LibreOffice and Word print it: the inner rules start at the group column's
right edge, so the group is one band of the outer table. Each label is read with its own value (not the whole
group's labels as one cell over all its values), the group cell counts once, and a band without inner rules
(or with rules that start at different places) is read as before.

Generated hand-built PDFs: row heights, rules drawn as lines or thin rectangles, sub-row order and the label
words vary.
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

FIRST = ["Yvette", "Tobias", "Kwame"]
CHILD_FIRST = ["Marcel", "Lowenna", "Siân"]
LAST = ["Osei", "Nowakowska", "Delahaye", "Pemberton", "Quartermain"]
X = [60.0, 160.0, 300.0, 540.0]


def _rule(x0: float, y0: float, x1: float, y1: float, as_rect: bool) -> bytes:
    if as_rect:
        if y0 == y1:
            return b"%.2f %.2f %.2f 0.5 re f" % (x0, y0 - 0.25, x1 - x0)
        return b"%.2f %.2f 0.5 %.2f re f" % (x0 - 0.25, min(y0, y1), abs(y1 - y0))
    return b"%.2f %.2f m %.2f %.2f l S" % (x0, y0, x1, y1)


def _text(x: float, y: float, text: str) -> bytes:
    return b"BT /F1 9 Tf %.2f %.2f Td (" % (x, y) + _esc(text) + b") Tj ET"


def grouped_pdf(groups: list[tuple[str, list[tuple[str, str]]]], heights: list[float], as_rect: bool,
                starts: list[float] | None = None) -> bytes:
    """One table: per group a merged cell in column 1, its label | value rows in columns 2 and 3."""
    ops: list[bytes] = [b"0.5 w"]
    top = 760.0
    y = top
    ops.append(_rule(X[0], y, X[3], y, as_rect))
    h = iter(heights * 20)
    start_at = iter(starts or [])
    for name, rows in groups:
        start = y
        for k, (label, value) in enumerate(rows):
            step = next(h)
            ops.append(_text(X[1] + 4, y - 11, label))
            ops.append(_text(X[2] + 4, y - 11, value))
            y -= step
            if k < len(rows) - 1:
                # the inner rule: from the group column's edge
                ops.append(_rule(next(start_at, X[1]), y, X[3], y, as_rect))
        ops.append(_text(X[0] + 4, (start + y) / 2 - 3, name))
        ops.append(_rule(X[0], y, X[3], y, as_rect))
    for x in X:
        ops.append(_rule(x, y, x, top, as_rect))
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


def _mail(pdf: bytes) -> dict[str, object]:
    msg = EmailMessage(policy=email.policy.SMTP)
    msg["From"] = "yvette.osei@n-somerset.gov.uk"
    msg["To"] = "cspr@n-somerset.gov.uk"
    msg["Subject"] = "Rapid review referral"
    msg.set_content("Please find our referral attached.")
    msg.add_attachment(pdf, maintype="application", subtype="pdf", filename="referral.pdf")
    return parse_message(msg.as_bytes()).to_json_dict()


@st.composite
def form(draw: st.DrawFn) -> tuple[list[tuple[str, list[tuple[str, str]]]], dict[str, str], list[float], bool]:
    referrer = f"{draw(st.sampled_from(FIRST))} {draw(st.sampled_from(LAST))}"
    child = f"{draw(st.sampled_from(CHILD_FIRST))} {draw(st.sampled_from(LAST))}"
    day = draw(st.integers(1, 28))
    role = draw(st.sampled_from(["Senior Practitioner", "Safeguarding Lead", "Detective Sergeant"]))
    ref_rows = draw(st.permutations([(draw(st.sampled_from(["Name", "Full name"])), referrer), ("Role", role),
                                     ("Agency", "Youth Justice Service")]))
    child_rows = [(draw(st.sampled_from(["Name", "Full name"])), child),
                  (draw(st.sampled_from(["D.O.B.", "Date of birth"])), f"{day} Jul 2011"),
                  ("Address", "70 Congar Rise, Hutton, BS24 5EL"),
                  ("Religion", draw(st.sampled_from(["Christian", "Muslim", "None"])))]
    incident_rows = [("Date", f"{day} Nov 2026"), ("Place", "Grove Park, Weston-super-Mare"),
                     ("Abuse/neglect: known (K) or suspected (S)", draw(st.sampled_from(["K", "S"])))]
    groups = [("Referrer", list(ref_rows)), ("Child", child_rows), ("Incident", incident_rows)]
    heights = draw(st.lists(st.sampled_from([14.0, 16.0, 20.0]), min_size=1, max_size=3))
    want = {"referrer": referrer, "role": role, "child": child, "dob": f"2011-07-{day:02d}",
            "incident": f"2026-11-{day:02d}", "faith": child_rows[3][1], "abuse": incident_rows[2][1]}
    return groups, want, heights, draw(st.booleans())


@settings(max_examples=12, deadline=None)
@given(form())
def test_merged_group_cells_read_label_by_label(shape: tuple[list[tuple[str, list[tuple[str, str]]]], dict[str, str],
                                                             list[float], bool]) -> None:
    groups, want, heights, as_rect = shape
    pdf = grouped_pdf(groups, heights, as_rect)
    table = next(b for b in read_pdf(pdf, "referral.pdf").blocks if hasattr(b, "rows"))
    rows = table.rows  # type: ignore[attr-defined]
    assert [r[0] for r in rows if r[0]] == ["Referrer", "Child", "Incident"]  # each group cell once
    assert all(len(r) == 3 for r in rows)
    ref = _mail(pdf)["referral"]
    assert isinstance(ref, dict)
    assert ref["referrer"]["name"] == want["referrer"]
    assert ref["referrer"]["role"] == want["role"]
    assert ref["referrer"]["agency"] == "Youth Justice Service"
    assert ref["child"]["name"] == want["child"]
    assert ref["child"]["date_of_birth"] == want["dob"]
    assert ref["child"]["home_address"] == "70 Congar Rise, Hutton, BS24 5EL"
    assert ref["child"]["faith"] == want["faith"]
    assert ref["child"]["incident_date"] == want["incident"]
    assert ref["child"]["incident_location"] == "Grove Park, Weston-super-Mare"
    assert ref["criteria"]["abuse_or_neglect"] == ("known" if want["abuse"] == "K" else "suspected")


def test_inner_rules_from_different_edges_are_not_a_merged_group() -> None:
    """Inner rules that start at two different columns are not one group's rows: the band is read as one row,
    as before (no value is moved beside a label it was not printed beside)."""
    rows3 = [("Name", "Yvette Osei"), ("Role", "Senior Practitioner"), ("Agency", "Youth Justice Service")]
    pdf = grouped_pdf([("Referrer", rows3)], [16.0], False, starts=[X[1], X[2]])
    view = read_pdf(pdf, "referral.pdf")
    rows = next(b for b in view.blocks if hasattr(b, "rows")).rows  # type: ignore[attr-defined]
    assert rows
    assert ["", "Role", "Senior Practitioner"] not in rows and ["", "Agency", "Youth Justice Service"] not in rows


def test_read_page_as_before_without_inner_rules() -> None:
    """A one-row-per-label table (no merged group) gives the same rows with or without the new reading."""
    pdf = grouped_pdf([("Referrer", [("Name", "Yvette Osei")]), ("Child", [("Name", "Marcel Delahaye")])],
                      [16.0], True)
    view = read_pdf(pdf, "referral.pdf")
    rows = next(b for b in view.blocks if hasattr(b, "rows")).rows  # type: ignore[attr-defined]
    assert rows == [["Referrer", "Name", "Yvette Osei"], ["Child", "Name", "Marcel Delahaye"]]
