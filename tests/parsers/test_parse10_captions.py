"""Answers printed over their captions in brackets (issue #12, heldout9 a06: an ODT return, "Wendy Ogunleye" over
"(Completed by)"): each caption answers for the line above it, one pair is enough when the captions are bracketed;
an answer row over a row that is not all captions is left as it was.

Generated: which fields (in the form's order), how many, and the table's width (one caption a row, or several
side by side).
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from parsers.captions_below import turn_captions
from parsers.documents.model import DocView, Table
from parsers.fields import extract

FIELDS = [("Organisation", "Severnside Homes", "agency_return.agency"),
          ("Completed by", "Wendy Ogunleye", "agency_return.author.name"),
          ("Telephone", "07700 900065", "agency_return.author.phone"),
          ("Earliest contact", "28-11-2024", "agency_return.involvement_from"),
          ("Latest contact", "21-11-2026", "agency_return.involvement_to"),
          ("Signed off by", "Priya Underhill", "agency_return.signed_off_by")]
ISO = {"28-11-2024": "2024-11-28", "21-11-2026": "2026-11-21"}


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 3), st.integers(1, 3), st.integers(1, 6))
def test_bracketed_captions_under_their_answers(start: int, width: int, count: int) -> None:
    # in the form's own order (a bare "Telephone" is the author's once "Completed by" has been asked)
    chosen = FIELDS[start : start + count] if start < 2 else FIELDS[3 : 3 + count]
    rows: list[list[str]] = []
    for k in range(0, len(chosen), width):
        group = chosen[k : k + width]
        rows += [[answer for _, answer, _ in group], [f"({caption})" for caption, _, _ in group]]
    values = extract(DocView("return.odt", ["Agency return to the Rapid Review", Table(rows)])).values
    for _, answer, key in chosen:
        assert values[key] == ISO.get(answer, answer)


def test_a_row_under_answers_that_is_not_all_captions_is_left_alone() -> None:
    view = DocView("t", [Table([["Yes", "Priya Underhill"], ["(Records secured?)", "see note (below)"]])])
    assert turn_captions(view).blocks == view.blocks
