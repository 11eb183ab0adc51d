"""A bilingual (Welsh / English) form (issue #12): every label, heading and answer printed in both languages with a
slash between ("Dyddiad geni / Date of birth", "Ydy / Yes"). Read by its English half; an English form whose
labels hold a slash ("Agency / organisation", "Name / Relationship") is read as before.

Generated: which of the Welsh wordings, the answers and the people vary.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from parsers.bilingual import english_half
from parsers.documents.model import DocView, Table
from parsers.fields import extract

WELSH = {"Name": "Enw", "Role": "Swydd", "Date of birth": "Dyddiad geni", "Address": "Cyfeiriad",
         "Date of incident": "Dyddiad y digwyddiad", "Child Protection Plan": "Cynllun Amddiffyn Plant",
         "Has the child died?": "A yw'r plentyn wedi marw?", "Relationship": "Perthynas", "Yes": "Ydy",
         "No": "Nac ydy", "Referrer details": "Manylion yr atgyfeiriwr", "The child": "Y plentyn",
         "Family": "Teulu"}


def both(english: str, welsh_first: bool = True) -> str:
    return f"{WELSH[english]} / {english}" if welsh_first else english


@settings(max_examples=20, deadline=None)
@given(st.booleans(), st.booleans(), st.integers(1, 3), st.sampled_from(["1. ", ""]))
def test_bilingual_form_reads_its_english_half(died: bool, on_plan: bool, people: int, number: str) -> None:
    answer = {True: both("Yes"), False: both("No")}
    family = [[both("Name"), both("Relationship"), both("Date of birth"), both("Address")]]
    family += [[f"Person {k} Varga", "Mother" if k == 1 else "Brother", f"1{k}/02/198{k}", f"{k} Marsh Lane, Pill"]
               for k in range(1, people + 1)]
    view = DocView("form.docx", [
        f"{number}{both('Referrer details')}",
        Table([[both("Name"), "Ngozi Yeo"], [both("Role"), "Designated Nurse"]]),
        f"2. {both('The child')}",
        Table([[both("Name"), "Ayesha Varga"], [both("Date of birth"), "28/09/2013"],
               [both("Date of incident"), "13/11/2026"], [both("Child Protection Plan"), answer[on_plan]],
               [both("Has the child died?"), answer[died]]]),
        f"5. {both('Family')}", Table(family)])
    ex = extract(view)
    v = ex.values
    assert (v["referral.referrer.name"], v["referral.referrer.role"]) == ("Ngozi Yeo", "Designated Nurse")
    assert (v["referral.child.name"], v["referral.child.date_of_birth"]) == ("Ayesha Varga", "2013-09-28")
    assert v["referral.child.incident_date"] == "2026-11-13"
    assert v["referral.child.child_protection_plan"] == ("yes" if on_plan else "no")
    assert v["referral.criteria.child_died"] is died
    assert [r["name"] for r in ex.records["family"]] == [f"Person {k} Varga" for k in range(1, people + 1)]


def test_an_english_form_with_slashes_is_left_whole() -> None:
    view = DocView("f", [Table([["Agency / organisation", "Sirona"], ["Name / Relationship", "Jo Reed / Mother"],
                                ["Job title / role", "Health Visitor"], ["Strategy discussion / s.47", "Held"]])])
    assert english_half(view) is view
