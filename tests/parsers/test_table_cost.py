"""A long table costs the label walk a fixed amount per cell, not a scan of the whole document per row (issue #10).

Stranger round 13, break 4: a Word table of N rows "Name of child | Person i | Date of birth | 01/02/2015" took
time quadratic in N (6,000 rows, a 59 KB file: 20 s) because the walk looked up a row's cells by scanning every
cell of the document, once or twice per row (`header_row`, `_row_is_labels`, `_below_index`, ...). The cost is
measured in bench/bench_rows.py; here the mechanism is asserted without a clock: the cells the walk visits by
iterating its whole token list, counted through a list that counts, stay a small multiple of the cells, whatever
the number of rows.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parsers import fields, parse_document
from parsers.documents.model import DocView, Table
from parsers.tokens import Tok

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "corpus_tools"))

import cases
import docx_forms

_FIRST = ["Amelia", "Jack", "Priya", "Kacper", "Aisha", "Tomasz", "Chloe", "Oluwaseun", "Megan", "Dylan"]
_LAST = ["Hughes", "Okafor", "Kowalczyk", "Price", "Begum", "Fairbrother", "Nightingale", "Osei"]
_RELATIONS = ["Mother", "Father", "Maternal grandmother", "Uncle", "Half-sibling", "Mother's partner", "Aunt"]


class _Counted(list[Tok]):
    """The walk's token list, counting the cells handed out by iterating it from the start (a whole-list scan)."""

    visits = 0

    def __iter__(self) -> Iterator[Tok]:
        for tok in super().__iter__():
            _Counted.visits += 1
            yield tok


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    seen: dict[str, int] = {}
    real = fields.tokenise

    def tokenise(view: DocView) -> tuple[list[Tok], list[Table]]:
        toks, tables = real(view)
        seen["cells"] = seen.get("cells", 0) + len(toks)
        return _Counted(toks), tables

    monkeypatch.setattr(fields, "tokenise", tokenise)
    _Counted.visits = 0
    return seen


def _stranger_table(rows: int) -> bytes:
    """The tester's file: a title, then one table of label | value | label | value rows."""
    d = docx.Document()
    d.add_paragraph("Child Safeguarding Practice Review referral form")
    t = d.add_table(rows=rows, cols=4)
    for i, row in enumerate(t.rows):
        for j, cell in enumerate(row.cells):
            cell.text = ["Name of child", f"{_FIRST[i % 10]} {_LAST[i % 8]}", "Date of birth", "01/02/2015"][j]
    b = io.BytesIO()
    d.save(b)
    return b.getvalue()


def _big_family(rows: int) -> tuple[dict[str, Any], bytes]:
    """The North Somerset form filled in, its family table grown to `rows` people (a large extended family)."""
    case = cases.referral(0)
    case["family"] = [{"name": f"{_FIRST[i % 10]} {_LAST[(i // 10) % 8]}", "relationship": _RELATIONS[i % 7],
                       "date_of_birth": f"19{60 + i % 40}-0{1 + i % 9}-1{i % 10}",
                       "address": f"{1 + i} Station Road, Clevedon, BS21 {i % 9}AB", "ethnicity": "White British"}
                      for i in range(rows)]
    return case, docx_forms.ns_appendix2(case)


def _stacked(rows: int) -> bytes:
    """One column, each label in a row of its own over its answer (a form copied out of a portal)."""
    d = docx.Document()
    d.add_paragraph("Request for a Child Safeguarding Practice Review")
    t = d.add_table(rows=2 * rows, cols=1)
    for i, row in enumerate(t.rows):
        row.cells[0].text = "Name of child" if i % 2 == 0 else f"{_FIRST[i % 10]} {_LAST[i % 8]}"
    b = io.BytesIO()
    d.save(b)
    return b.getvalue()


def _scans(data: bytes, seen: dict[str, int]) -> float:
    """Cells visited by whole-list scans, per cell of the document, for one parse."""
    _Counted.visits, seen["cells"] = 0, 0
    parse_document(data, "referral.docx")
    return _Counted.visits / seen["cells"]


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(shape=st.sampled_from(["stranger", "family", "stacked"]), rows=st.integers(150, 400))
def test_whole_list_scans_do_not_grow_with_rows(counted: dict[str, int], shape: str, rows: int) -> None:
    build = {"stranger": _stranger_table, "family": lambda n: _big_family(n)[1], "stacked": _stacked}[shape]
    small, large = _scans(build(rows // 3), counted), _scans(build(rows), counted)
    # a fixed number of passes over the token list (the walk itself, the set-up): before the fix the stranger's
    # table made ~1 scan of every cell per row (rows/1: 150-400 visits a cell), the stacked column ~1 per label
    assert large <= 4, (shape, rows, large)
    assert large <= small + 1, (shape, rows, small, large)


def test_large_family_is_still_read(counted: dict[str, int]) -> None:
    """The index of row cells gives the same answers: a 120-person family table still yields the child and the
    people in it (the realistic end of the shape; the corpora check every other layout)."""
    case, data = _big_family(120)
    result = parse_document(data, "referral.docx")
    assert result.referral is not None
    assert result.referral.child.name == case["child"]["name"]
    assert result.referral.child.date_of_birth == case["child"]["date_of_birth"]
    names = [m.name for m in result.referral.family]
    assert names[:3] == [m["name"] for m in case["family"][:3]]
    assert len(names) == 120
    assert _Counted.visits <= 4 * counted["cells"]


# -- HTML: the same cost from nesting (found by the generator of bench/bench_rows.py)


@pytest.fixture
def ancestor_steps(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts every step up the tree taken through bs4's `parents` (what find_parent and a walk up both use)."""
    from bs4.element import PageElement

    steps = [0]

    def parents(self: PageElement) -> Iterator[Any]:
        node = self.parent
        while node is not None:
            steps[0] += 1
            yield node
            node = node.parent

    monkeypatch.setattr(PageElement, "parents", property(parents))
    return steps


def _nested_tables(depth: int) -> str:
    """A box inside a box: each cell holds a label and the next table (a portal's form pasted into a reply)."""
    return ("<html><body><p>Request for a Child Safeguarding Practice Review</p>"
            + "<table><tr><td>Name of child</td><td>" * depth + "Amelia Hughes" + "</td></tr></table>" * depth
            + "</body></html>")


def _deep_divs_with_pre(depth: int) -> str:
    """A reply quoted in a quote in a quote (Outlook nests a <div> each time), on a page holding one <pre>."""
    return ("<html><body><pre>Ref:  NS-CSPR-2026-001</pre>" + "<div>Name of child: Amelia Hughes " * depth
            + "</div>" * depth + "</body></html>")


@pytest.mark.parametrize("build", [_nested_tables, _deep_divs_with_pre])
def test_html_nesting_walks_up_the_tree_linearly(ancestor_steps: list[int], build: Any) -> None:
    from parsers.documents.html import read_html

    counts = []
    for depth in (60, 120, 240):
        ancestor_steps[0] = 0
        view = read_html(build(depth), "body.html")
        assert "Amelia Hughes" in view.text()
        counts.append(ancestor_steps[0])
    # steps per level of nesting stay flat; before the fix each level walked every level above or below it again
    # (60 -> 240 levels: ~16x the steps, not ~4x)
    assert counts[2] <= 5 * counts[0] + 200, counts
    assert counts[2] - counts[1] <= 2.5 * (counts[1] - counts[0]) + 200, counts


@pytest.fixture
def descendant_steps(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts every element handed out by bs4's `descendants` (what get_text and find_all walk)."""
    from bs4.element import Tag

    steps = [0]
    real = Tag.descendants

    def descendants(self: Tag) -> Iterator[Any]:
        for node in real.fget(self):  # type: ignore[attr-defined]
            steps[0] += 1
            yield node

    monkeypatch.setattr(Tag, "descendants", property(descendants))
    return steps


def _nested_spans(depth: int) -> str:
    """Formatting nested in formatting (a rich-text editor's paste): each <span> holds a label and the next one."""
    return "<html><body>" + "<span>Name of child: Amelia Hughes " * depth + "</span>" * depth + "</body></html>"


def test_html_text_lengths_counted_once(descendant_steps: list[int]) -> None:
    """Highlighted options (parsers/documents/html.py) are found by each element's text length, counted for the
    page in one walk: asking every element for its text walked its whole subtree again."""
    from parsers.documents.html import read_html

    counts = []
    for depth in (60, 120, 240):
        descendant_steps[0] = 0
        assert "Amelia Hughes" in read_html(_nested_spans(depth), "body.html").text()
        counts.append(descendant_steps[0])
    assert counts[2] <= 5 * counts[0] + 200, counts


def test_highlighted_option_still_ticked() -> None:
    from parsers.documents.html import read_html

    page = ("<html><body><p>Child protection plan: <span>Yes</span> <span style='background-color:#FFFF00'>No"
            "</span> <span>Has been</span></p></body></html>")
    assert "☐ Yes ☒ No ☐ Has been" in read_html(page, "body.html").text()
