"""Tables pasted as Markdown (issue #12: an Apple Mail or Teams forward, "| Name | Relationship |" over
"|---|---|"): the rule under the header is not a row, and the rows under it stay under the header's columns.

Generated: rule spelling (dashes, colons, outer pipes), column order and number of rows vary.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from parsers.documents.model import Table
from parsers.documents.text import read_text
from parsers.fields import extract

NAMES = ["Jolanta Van der Merwe", "Craig Ni Bhriain", "Stan O Dalaigh", "Ruby Marsh"]
RELATIONS = ["Mother", "Mother's partner", "Half-brother", "Sister"]
COLUMNS = [("Name", 0), ("Relationship", 1), ("DOB", 2), ("Address", 3)]


def _rule(width: int, dashes: int, colons: bool, outer: bool) -> str:
    cell = (":" if colons else "") + "-" * dashes + (":" if colons else "")
    inner = "|".join([cell] * width)
    return f"|{inner}|" if outer else inner


@settings(max_examples=30, deadline=None)
@given(st.permutations(COLUMNS), st.integers(1, 4), st.integers(3, 22), st.booleans(), st.booleans())
def test_markdown_rule_is_not_a_row_and_people_keep_their_columns(
        order: list[tuple[str, int]], n: int, dashes: int, colons: bool, outer: bool) -> None:
    people = [(NAMES[k], RELATIONS[k], f"0{k + 1}.0{k + 2}.199{k}", f"{k + 4} Knightcott Mews, Banwell")
              for k in range(n)]
    lines = ["Family", "| " + " | ".join(name for name, _ in order) + " |", _rule(len(order), dashes, colons, outer)]
    lines += ["| " + " | ".join(p[c] for _, c in order) + " |" for p in people]
    view = read_text("\n".join(["Referral for the partnership", "", *lines, "", "Thanks"]) + "\n", "body")
    tables = [b for b in view.blocks if isinstance(b, Table)]
    assert len(tables) == 1 and len(tables[0].rows) == n + 1
    family = extract(view).records["family"]
    assert [(r["name"], r["relationship"], r["address"]) for r in family] == [(p[0], p[1], p[3]) for p in people]


def test_a_line_of_dashes_in_prose_is_kept() -> None:
    view = read_text("Notes\n----------\nThe family moved in May.\n", "body")
    assert "----------" in view.text()
