"""The .docx reader opens only the main document part: same view and same refusals as docx.Document(), faster."""

from __future__ import annotations

import io
import re
import sys
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parsers.documents.docx import W, _body_blocks, _grandchild, read_docx
from parsers.documents.model import Block
from parsers.documents.safety import Unreadable

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "corpus_tools"))

import cases
import docx_forms

_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"


def _rezip(data: bytes, change: dict[str, bytes | None]) -> bytes:
    """The package with some members replaced (bytes) or removed (None)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename in change:
                if change[info.filename] is not None:
                    dst.writestr(info.filename, change[info.filename])  # type: ignore[arg-type]
            else:
                dst.writestr(info.filename, src.read(info.filename))
        for name, blob in change.items():
            if blob is not None and name not in src.namelist():
                dst.writestr(name, blob)
    return out.getvalue()


def _member(data: bytes, name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read(name)


def _variant(data: bytes, how: str) -> bytes:
    """A package python-docx reads or refuses for a reason of its own: each must come out the same from ours."""
    types = _member(data, "[Content_Types].xml")
    rels = _member(data, "_rels/.rels")
    office = re.search(rb'<Relationship [^>]*Type="' + re.escape(_OFFICE_DOCUMENT.encode()) + rb'"[^>]*/>', rels)
    assert office is not None
    if how == "as is":
        return data
    if how == "docm":
        return _rezip(data, {"[Content_Types].xml": types.replace(
            _MAIN.encode(), b"application/vnd.ms-word.document.macroEnabled.main+xml")})
    if how == "dotx":
        return _rezip(data, {"[Content_Types].xml": types.replace(
            _MAIN.encode(), b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml")})
    if how == "no content types":
        return _rezip(data, {"[Content_Types].xml": None})
    if how == "no package rels":
        return _rezip(data, {"_rels/.rels": None})
    if how == "no main relationship":
        return _rezip(data, {"_rels/.rels": rels.replace(office.group(0), b"")})
    if how == "two main relationships":
        twin = office.group(0).replace(b'Id="', b'Id="x')
        return _rezip(data, {"_rels/.rels": rels.replace(office.group(0), office.group(0) + twin)})
    if how == "same rId twice":
        return _rezip(data, {"_rels/.rels": rels.replace(office.group(0), office.group(0) + office.group(0))})
    if how == "external main part":
        return _rezip(data, {"_rels/.rels": rels.replace(office.group(0),
                                                         office.group(0)[:-2] + b' TargetMode="External"/>')})
    if how == "main part missing":
        return _rezip(data, {"word/document.xml": None})
    if how == "main part broken":
        return _rezip(data, {"word/document.xml": _member(data, "word/document.xml")[:-40]})
    if how == "main part moved":
        # found through the relationship, not by name; its content type by the default for .xml is not Word's
        moved = rels.replace(b'Target="word/document.xml"', b'Target="/word/main.xml"')
        return _rezip(data, {"_rels/.rels": moved, "word/main.xml": _member(data, "word/document.xml"),
                             "word/document.xml": None})
    if how == "main part moved, typed":
        moved = rels.replace(b'Target="word/document.xml"', b'Target="./word/../word/main.xml"')
        typed = types.replace(b'PartName="/word/document.xml"', b'PartName="/WORD/MAIN.XML"')
        return _rezip(data, {"_rels/.rels": moved, "[Content_Types].xml": typed,
                             "word/main.xml": _member(data, "word/document.xml"), "word/document.xml": None})
    if how == "content types in another namespace":
        return _rezip(data, {"[Content_Types].xml": types.replace(b"package/2006/content-types", b"elsewhere")})
    if how == "an override without a part name":
        return _rezip(data, {"[Content_Types].xml": types.replace(b"<Override ", b"<Override Part=\"x\" ", 1)
                             .replace(b"Part=\"x\" PartName", b"Part", 1)})
    if how == "relationships in another namespace":
        return _rezip(data, {"_rels/.rels": rels.replace(b"package/2006/relationships", b"elsewhere")})
    if how == "main relationship without a target":
        return _rezip(data, {"_rels/.rels": rels.replace(office.group(0),
                                                         re.sub(rb' Target="[^"]*"', b"", office.group(0)))})
    if how == "main part typed by its extension":
        typed = re.sub(rb'<Override PartName="/word/document.xml"[^>]*/>', b"", types)
        typed = typed.replace(b'Extension="xml" ContentType="application/xml"',
                              b'Extension="XML" ContentType="' + _MAIN.encode() + b'"')
        return _rezip(data, {"[Content_Types].xml": typed})
    if how == "no body":
        body = re.sub(rb"<w:body>.*</w:body>", b"", _member(data, "word/document.xml"), flags=re.S)
        return _rezip(data, {"word/document.xml": body})
    raise AssertionError(how)


_VARIANTS = ["as is", "docm", "dotx", "no content types", "no package rels", "no main relationship",
             "two main relationships", "same rId twice", "external main part", "main part missing",
             "main part broken", "main part moved", "main part moved, typed", "no body",
             "content types in another namespace", "an override without a part name",
             "relationships in another namespace", "main relationship without a target",
             "main part typed by its extension"]


def _python_docx(data: bytes) -> list[Block] | str:
    """What the reader gave when it opened the file with docx.Document(): the blocks, or the exception's name."""
    try:
        body = docx.Document(io.BytesIO(data)).element.body
    except Exception as exc:
        return f"refused {type(exc).__name__}"
    blocks: list[Block] = []
    try:
        _body_blocks(body, blocks)
    except Exception as exc:
        return f"failed {type(exc).__name__}"
    return blocks


def _ours(data: bytes) -> list[Block] | str:
    try:
        return read_docx(data, "form.docx").blocks
    except Unreadable as exc:
        match = re.search(r"could not be opened as a Word file \((\w+)\)", str(exc))
        assert match is not None, str(exc)
        return f"refused {match.group(1)}"
    except Exception as exc:
        return f"failed {type(exc).__name__}"


@pytest.mark.parametrize("how", _VARIANTS)
@settings(max_examples=4, deadline=None)
@given(st.integers(0, cases.referral_count() - 1), st.sampled_from(["glyph", "legacy", "sdt", "typedx", "wingdings"]))
def test_same_view_and_same_refusals_as_python_docx(how: str, index: int, style: str) -> None:
    data = _variant(docx_forms.ns_appendix2(cases.referral(index), style), how)
    expected = _python_docx(data)
    assert _ours(data) == expected
    if how == "as is":
        assert isinstance(expected, list) and len(expected) > 20


@settings(max_examples=10, deadline=None)
@given(st.integers(0, cases.referral_count() - 1), st.sampled_from(["word/styles.xml", "word/numbering.xml",
                                                                     "word/settings.xml", "docProps/core.xml"]))
def test_a_damaged_part_the_reader_never_uses_no_longer_stops_the_form(index: int, part: str) -> None:
    data = docx_forms.ns_appendix2(cases.referral(index), "glyph")
    damaged = _rezip(data, {part: _member(data, part)[:-30]})
    assert _python_docx(damaged) == "refused XMLSyntaxError"  # docx.Document() parses every part it links to
    assert _ours(damaged) == _python_docx(data)


_TAGS = [W + "tcPr", W + "vMerge", W + "gridSpan", W + "rPr", W + "rFonts", W + "t", "{urn:other}tcPr"]


def _tree(draw: st.DrawFn, depth: int) -> Any:
    from lxml import etree

    el = etree.Element(draw(st.sampled_from(_TAGS)))
    el.set("n", str(draw(st.integers(0, 99))))
    if depth < 3:
        for _ in range(draw(st.integers(0, 3))):
            el.append(_tree(draw, depth + 1))
    return el


@settings(max_examples=200, deadline=None)
@given(st.data(), st.sampled_from([(W + "tcPr", W + "vMerge"), (W + "tcPr", W + "gridSpan"),
                                   (W + "rPr", W + "rFonts")]))
def test_grandchild_finds_what_the_path_found(data: st.DataObject, path: tuple[str, str]) -> None:
    """The walk's path lookups ("w:tcPr/w:vMerge") without lxml's path engine: the same element, even when an
    element has two w:tcPr (the first holding none) or the grandchild sits deeper."""
    root = _tree(data.draw, 0)
    child, grandchild = path
    assert _grandchild(root, child, grandchild) is root.find(f"{child}/{grandchild}")
