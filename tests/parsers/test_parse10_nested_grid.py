"""A criteria grid nested in a cell (issue #12, heldout9 r02): its "Yes | No" header written without the blank
corner cell stands over the last two columns of the rows under it; a "Reason for referral" title over that grid is
not the narrative; an agencies column "Current involvement" is the still-involved one.

Generated: which criteria are ticked yes or no, how many agencies and their state.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from parsers.documents.model import DocView, Table
from parsers.fields import extract

CRITERIA = [("Child has died", "referral.criteria.child_died"),
            ("Child seriously harmed", "referral.criteria.seriously_harmed"),
            ("Concern re multi-agency working", "referral.criteria.agency_concern")]


@settings(max_examples=25, deadline=None)
@given(st.lists(st.booleans(), min_size=3, max_size=3),
       st.lists(st.tuples(st.sampled_from(["Clevedon Family Hub", "Health Visiting (Sirona)"]), st.booleans()),
                min_size=1, max_size=3))
def test_cornerless_yes_no_header_and_current_involvement(answers: list[bool],
                                                          agencies: list[tuple[str, bool]]) -> None:
    grid = [["Yes", "No"]] + [[q, "☒" if yes else "", "" if yes else "☒"] for (q, _), yes in zip(CRITERIA, answers,
                                                                                                    strict=True)]
    people = [["Agency", "Practitioner", "Contact", "Current involvement"]] + [
        [a, f"Worker {k}", f"07700 90095{k}", "Current" if on else "Closed"] for k, (a, on) in enumerate(agencies)]
    view = DocView("RR referral.docx", ["Rapid Review Referral", "B. Subject child",
                                        Table([["Full name", "Maja Reed"], ["Date of birth", "27.08.2025"]]),
                                        "C. Reason for referral", Table(grid), "E. Agencies", Table(people)])
    ex = extract(view)
    for (_, key), yes in zip(CRITERIA, answers, strict=True):
        assert ex.values[key] is yes
    assert "referral.summary" not in ex.values
    assert [(r["agency"], r["still_involved"]) for r in ex.records["agencies"]] == agencies


def test_a_full_width_header_is_read_as_before() -> None:
    grid = [["Criterion", "Yes", "No"], ["Child has died", "", "☒"], ["Child seriously harmed", "☒", ""]]
    v = extract(DocView("f", ["Criteria", Table(grid)])).values
    assert (v["referral.criteria.child_died"], v["referral.criteria.seriously_harmed"]) == (False, True)
