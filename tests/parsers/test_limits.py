"""Hostile input ends in a clear warning, fast and bounded: zip bomb, entity bomb, encryption, truncation, size."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from parsers import parse_document, parse_message

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "corpus_tools"))

import cases
import docx_forms
import hostile
import pdf_forms
from mail import message, to_bytes

REAL = docx_forms.ns_appendix2(cases.referral(0), "glyph")


def _warnings(data: bytes, name: str) -> list[str]:
    # What a bound does is tested here (refused, named, nothing expanded); how long it takes is measured in bench/
    # (bench_budget.py, bench_junk.py), never asserted: a loaded CI machine would make a timed assertion flaky.
    return parse_document(data, name).warnings


def test_zip_bomb_refused() -> None:
    warnings = _warnings(hostile.zip_bomb_docx(), "referral.docx")
    assert any("zip bomb" in w and "'referral.docx'" in w for w in warnings)


def test_entity_bomb_refused() -> None:
    warnings = _warnings(hostile.entity_bomb_docx(REAL), "referral.docx")
    assert any("entity" in w for w in warnings)


def test_encrypted_docx_named_with_advice() -> None:
    warnings = _warnings(hostile.encrypted_docx(REAL), "referral.docx")
    assert any("'referral.docx' is password-protected" in w and "without a password" in w for w in warnings)


def test_truncated_pdf() -> None:
    warnings = _warnings(hostile.truncated_pdf(pdf_forms.text_pdf(["Name of child: Amy"] * 50)), "r.pdf")
    assert any("'r.pdf'" in w for w in warnings)


def test_legacy_doc_and_image() -> None:
    assert any("legacy Word" in w for w in parse_document(hostile.legacy_doc(), "old.doc").warnings)
    assert any("image or scan" in w for w in parse_document(hostile.tiny_jpeg(), "scan.jpg").warnings)


def test_fifty_megabyte_attachment(monkeypatch: pytest.MonkeyPatch) -> None:
    """An attachment over the size bound is named in a warning and never handed to a reader (what costs time; the
    time itself is measured in bench/, not asserted here)."""
    import pypdf

    opened: list[object] = []

    class Spy(pypdf.PdfReader):
        def __init__(self, *args: object, **kwargs: object) -> None:
            opened.append(args)
            super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pypdf, "PdfReader", Spy)
    raw = to_bytes(message("a@b.gov.uk", "Referral", "see attached",
                           attachments=[("huge.pdf", os.urandom(50 * 1024 * 1024), "application/pdf")]))
    result = parse_message(raw)
    assert opened == []
    assert any("'huge.pdf' is 5" in w and "MB" in w for w in result.warnings)
    assert not any("not a format" in w for w in result.warnings)


def test_too_many_parts_and_garbage_never_raise() -> None:
    many = [(f"f{i}.txt", b"hi", "text/plain") for i in range(250)]
    raw = to_bytes(message("a@b.gov.uk", "x", "y", attachments=many))
    assert any("more than" in w for w in parse_message(raw).warnings)
    for junk in (b"", b"\x00\xff" * 100, b"Content-Type: multipart/mixed; boundary=x\r\n\r\n--x\r\n"):
        assert parse_message(junk).kind == "unknown"
    assert parse_document(b"PK\x03\x04garbage", "r.docx").kind == "unknown"
