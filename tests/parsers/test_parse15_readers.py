"""Readings added in the parse15 round (issue #12, precision first): a yes/no question printed with both options
and neither marked ("Yes No", "Y/N") is no answer, not the first option; ...

Each case also checks that a marked or written answer is read as before."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from parsers import parse_message
from parsers.ticks import yes_no

FIRST = ["Rhiannon", "Ezra", "Siân", "Kwame", "Nia", "Oluwaseun", "Maisie-Rose", "Tomasz"]
LAST = ["Prothero", "Bevan", "Tremayne", "Ní Bhriain", "Szymańska", "Olawale", "Ap Rhys"]


def _mail(body: str) -> bytes:
    return ("From: Sirona care & health <ffion.bevan@nhs.net>\r\nTo: cspr@n-somerset.gov.uk\r\n"
            "Subject: Serious incident notification\r\n"
            f"Content-Type: text/plain; charset=utf-8\r\n\r\n{body}").replace("\n", "\r\n").encode()


# --- 1. "Yes No" with no mark at all: no answer (the lead's decision on issue #12)

UNMARKED = ["Yes No", "Yes / No", "YES  NO", "Y/N", "Y / N", "No / Yes", "Yes or No", "yes, no", "Yes/No."]


def test_both_options_unmarked_are_no_answer() -> None:
    for text in UNMARKED:
        assert yes_no(text) is None, text
    # a written, ticked or marked-after answer is still read
    assert yes_no("Yes") is True
    assert yes_no("No - not known to us") is False
    assert yes_no("Yes No ☒") is False
    assert yes_no("☒ Yes ☐ No") is True
    assert yes_no("Yes / No: No") is False
    assert yes_no("Yes - see summary, no further harm") is True


@settings(max_examples=25, deadline=None)
@given(st.sampled_from(FIRST), st.sampled_from(LAST), st.sampled_from(UNMARKED), st.booleans())
def test_unmarked_question_in_a_referral_is_left_empty(first: str, last: str, printed: str, harmed: bool) -> None:
    body = (f"Serious incident notification\n\nChild's full name: {first} {last}\nDate of birth: 04/02/2019\n"
            "Home address: 12 Drove Orchard, Nailsea, BS48 7PN\n\n"
            f"Has the child died? {printed}\n"
            f"Has the child been seriously harmed? {'Yes' if harmed else 'No'}\n"
            "Referrer name: Ffion Bevan\nReferrer role: Health visitor\n")
    result = parse_message(_mail(body))
    assert result.referral is not None
    assert result.referral.child.name == f"{first} {last}"
    assert result.referral.criteria.child_died is None  # never True from the first printed option
    assert "referral.criteria.child_died" not in result.provenance
    assert result.referral.criteria.seriously_harmed is harmed
