"""A return written as numbered answers above the quoted numbered request (issue #12, heldout9 a05): each answer is
read under its question, and the message is the agency return it is, not a referral.

Generated: how the request is quoted ("On ... wrote:", an Outlook "Original Message", "> " lines), the order of
the questions (the answers follow it), the people and dates.
"""

from __future__ import annotations

import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "corpus_tools"))

from mail import message, to_bytes

from parsers import parse_message
from parsers.numbered_answers import paired_answers

FIRST = ["Yvette", "Owen", "Priya", "Tomasz"]
LAST = ["Yardley", "Pryce", "Underhill", "Nowak"]


def _questions_and_answers(name: str) -> list[tuple[str, str]]:
    return [
        ("Your agency", "Sirona care & health"),
        ("Your name, role, phone and email", f"{name}, Specialist Health Visitor, 07700 900241, x@nhs.net"),
        ("Whether you were involved, and the dates of your involvement",
         "Yes - from 28th September 2024 to 15th November 2026"),
        ("A summary of your involvement", "The child was known to us from 28 September 2024."),
        ("Immediate actions taken", "Audit of open cases with similar features."),
        ("Any learning identified", "Information about fathers was not sought."),
        ("Whether records have been secured", "Yes"),
        ("Who signed the return off, and the date", "Xavier Thackeray (Head of Service), 1st December 2026"),
    ]


@settings(max_examples=20, deadline=None)
@given(st.sampled_from(FIRST), st.sampled_from(LAST),
       st.sampled_from(["On Mon, 23 Nov 2026, Business Unit <cspr@n-somerset.gov.uk> wrote:",
                        "-----Original Message-----", "> On Mon, 23 Nov 2026 the Business Unit wrote:"]),
       st.booleans(), st.permutations(range(8)))
def test_numbered_answers_read_under_the_quoted_questions(first: str, last: str, quote: str, marked: bool,
                                                          order: list[int]) -> None:
    pairs = [_questions_and_answers(f"{first} {last}")[k] for k in order]
    mark = "> " if marked or quote.startswith(">") else ""
    body = "\n".join(["Hello,", "Answers below in the order you asked.",
                      *(f"{n}. {a}" for n, (_, a) in enumerate(pairs, 1)), "Best wishes", first, quote,
                      f"{mark}Dear colleague,", f"{mark}A rapid review has been agreed. Please reply with:",
                      *(f"{mark}{n}. {q}" for n, (q, _) in enumerate(pairs, 1)), f"{mark}Thank you"]) + "\n"
    result = parse_message(to_bytes(message("x@nhs.net", "RE: NS-CSPR-2026-125 agency information needed", body)))
    ret = result.agency_return
    assert result.kind == "agency_return" and ret is not None
    assert (ret.agency, ret.author.name, ret.author.role, ret.author.phone) == (
        "Sirona care & health", f"{first} {last}", "Specialist Health Visitor", "07700 900241")
    assert (ret.involvement_from, ret.involvement_to) == ("2024-09-28", "2026-11-15")
    assert (ret.signed_off_by, ret.date_completed, ret.records_secured) == ("Xavier Thackeray", "2026-12-01", True)


def test_answers_that_do_not_match_the_questions_in_number_are_not_paired() -> None:
    body = ("1. Sirona\n2. Yvette Yardley\n3. Yes\nOn Mon, X wrote:\n"
            "1. Your agency\n2. Your name\n3. Involved?\n4. Summary\n")
    assert paired_answers(body) is None
    assert paired_answers("1. a\n2. b\n3. c\n4. d\n") is None  # no quoted request
