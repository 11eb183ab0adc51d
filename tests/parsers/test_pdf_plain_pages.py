"""A page that can only be read as laid-out text skips the positioned pass, and reads exactly as before."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parsers.documents import pdf

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "corpus_tools"))

import pdf_forms

# What a page may draw besides its text: each but "nothing" may make read_page useful (or, for the operator
# names inside a string, cannot be told apart from it without parsing the content: the shortcut is not taken).
_EXTRAS = {
    "nothing": b"",
    "operator names in a string": b"BT /F1 9 Tf 40 100 Td (Role re: l and re) Tj ET",
    "grid of rects": b"0.5 w 40 500 200 20 re S 40 480 200 20 re S 40 460 200 20 re S",
    "ruled lines": b"40 500 m 400 500 l S 40 480 m 400 480 l S 40 500 m 40 480 l S 400 500 m 400 480 l S",
    "symbol font": b"BT /F2 10 Tf 40 120 Td (\xfe Yes \xa8 No) Tj ET",
    "form xobject": b"q /X1 Do Q",
}

_WORDS = st.text(alphabet=st.sampled_from("abcdefghij klmnop:ABC/-()"), min_size=1, max_size=40)
_LINES = st.lists(st.one_of(_WORDS, st.tuples(_WORDS, _WORDS)), min_size=1, max_size=30)


def _page_pdf(lines: list[str | tuple[str, str]], extra: bytes) -> bytes:
    """pdf_forms.text_pdf's page with something more drawn on it (a Wingdings font and a form XObject to hand)."""
    base = pdf_forms.text_pdf(lines)
    start = base.index(b"stream\n") + len(b"stream\n")
    text = base[start : base.index(b"\nendstream")]
    stream = text + b"\n" + extra
    xobject = b"BT /F1 9 Tf 40 60 Td (Inside the XObject) Tj ET 40 50 m 300 50 l S"
    return pdf_forms.pdf_file([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R"
        + (b" /F2 6 0 R" if b"/F2" in extra else b"") + b" >>"
        + (b" /XObject << /X1 7 0 R >>" if b"/X1" in extra else b"") + b" >> /Contents 5 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Wingdings-Regular >>",
        b"<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Length %d >>"
        b"\nstream\n" % len(xobject) + xobject + b"\nendstream",
    ])


@pytest.mark.parametrize("extra", list(_EXTRAS))
@settings(max_examples=8, deadline=None)
@given(_LINES)
def test_same_view_with_and_without_the_shortcut(extra: str, lines: list[str | tuple[str, str]]) -> None:
    data = _page_pdf(lines, _EXTRAS[extra])
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(pdf, "_plainly_text", lambda page: False)  # always the positioned pass first, as before
        try:
            before: object = pdf.read_pdf(data, "f.pdf").blocks
        except Exception as exc:
            before = f"{type(exc).__name__}: {exc}"
    try:
        after: object = pdf.read_pdf(data, "f.pdf").blocks
    except Exception as exc:
        after = f"{type(exc).__name__}: {exc}"
    assert after == before


@pytest.mark.parametrize("extra", list(_EXTRAS))
def test_only_a_page_of_plain_text_skips_the_positioned_pass(extra: str) -> None:
    data = _page_pdf(["Name: Jo Bloggs", ("Role: teacher", "Agency: school"), "Summary: a line of prose"],
                     _EXTRAS[extra])
    calls: list[object] = []
    with pytest.MonkeyPatch.context() as mp:
        real = pdf.read_page
        mp.setattr(pdf, "read_page", lambda page: calls.append(page) or real(page))
        pdf.read_pdf(data, "f.pdf")
    assert bool(calls) == (extra != "nothing"), extra
