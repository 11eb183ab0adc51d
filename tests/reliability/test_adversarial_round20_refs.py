"""Adversarial suite, stranger round 20's break B2 on case references (issue 10), generated, read at the parser and
through the real command path (mail in, `App.intake`, the case and the answer as stored).

  B2. (a command applied to the wrong case) with 001-003 open, "AWARE: ..." and "This is for case 2 - the sister,
      not this one." under 001's subject was applied to 001 with no note: 32 of 52 remark shapes after a short
      number (a dash, slash, '=', '|', '~', an arrow, quotes, '+ 3', "in Mosaic", "tomorrow", "is the sister") made
      it a count. Now it fails safe: the number is a count only when a count noun or "of N" follows it directly;
      anything else leaves it read, and intake sets it aside only when it names no case of the partnership.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_adversarial_round11_refs import _others
from test_adversarial_round17_refs import AWARE, FEW, SECOND, World, _ambiguous_refusal, _send, _world_of_two
from test_adversarial_round19_refs import _refused_naming_second

from parsers.named_cases import named_numbers


@pytest.fixture(scope="module")
def two(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    w = _world_of_two(tmp_path_factory.mktemp("round20"))
    yield w
    w.app.close()


# The stranger's 32 remark shapes that were applied to the subject's case (REPORT.md B2), after "Same for case 2"
STRANGER20_B2 = ["- the sister", "\u2014 sister", "\u2013 the sister", "-> sister", "\u2192 sister", "- thanks",
                 "/ the sister", "{sister}", "<sister>", '"sister"', "'sister'", "* sister", "= the sister",
                 "| sister", "~ sister", "+ 3", "re", "for", "at", "in Mosaic", "from Friday", "of", "with",
                 "by Friday", "per", "about", "which is the sister", "is the sister", "tomorrow", "if possible",
                 "when you can", "asap"]


@pytest.mark.parametrize("remark", STRANGER20_B2)
def test_the_stranger_s_remark_shapes_name_case_2_at_the_parser(remark: str) -> None:
    assert SECOND in _others(f"{AWARE}\n\nSame for case 2 {remark}.\n"), remark


@pytest.mark.parametrize("line", ["This is for case 2 - the sister, not this one.",
                                  "Same for case 2 / the sister.",
                                  "Please record this on case 2 in Mosaic terms: not this one.",
                                  "Same for case 2 = the sister.", "Same for case 2 is the sister."])
def test_the_reproducer_s_command_is_refused_not_applied_to_the_subject_s_case(two: World, line: str) -> None:
    r = _send(two, f"{AWARE}\n\n{line}\n")
    assert _refused_naming_second(r), (line, r)


# Separators from a broad alphabet of signs (ASCII and Unicode dashes, arrows, quotes, maths), perhaps none (a word)
SEPARATORS = st.text(alphabet="-\u2013\u2014\u2192/=|~+*<>{}\"'\u201c\u201d`^!?\u00a7\u00b1\u00d7\u2022", max_size=3)
# Remark words: none a count noun (a count noun right after the number is the one thing that makes it a count)
REMARK_WORDS = st.lists(st.sampled_from(["the", "sister", "brother", "Mosaic", "tomorrow", "is", "if", "possible",
                                         "in", "at", "for", "re", "asap", "when", "you", "can", "Bea", "not",
                                         "this", "one", "which", "by", "Friday", "per", "about", "ours", "see"]),
                        min_size=0, max_size=4).map(" ".join)
PLACES = ["This is for case {n}{x}, not this one.", "Same for case {n}{x}", "Same for case {n}{x}.",
          "Please apply to case {n}{x} as well."]


def _line(n: int, sep: str, remark: str, place: str) -> str:
    x = " ".join(p for p in (sep, remark) if p)
    return place.format(n=n, x=f" {x}" if x else "")


@FEW
@given(sep=SEPARATORS, remark=REMARK_WORDS, place=st.sampled_from(PLACES))
def test_generated_remarks_after_the_real_second_case_s_number_are_refused(two: World, sep: str, remark: str,
                                                                           place: str) -> None:
    line = _line(2, sep, remark, place)
    r = _send(two, f"{AWARE}\n\n{line}\n")
    assert _refused_naming_second(r), (line, r)


@FEW
@given(n=st.integers(5, 99), sep=SEPARATORS, remark=REMARK_WORDS, place=st.sampled_from(PLACES))
def test_the_same_lines_naming_no_case_here_are_applied_with_the_note(two: World, n: int, sep: str, remark: str,
                                                                      place: str) -> None:
    """The oracle of the test above: the same lines with a number of no case are set aside (stranger round 17's
    rule 2), so the refusal above is for naming the real case, not for the remark."""
    line = _line(n, sep, remark, place)
    r = _send(two, f"{AWARE}\n\n{line}\n")
    assert "command_accepted" in r["events"] and not _ambiguous_refusal(r), (line, r)
    assert f"case {n:03d}, which is no case here" in r["details"], (line, r["details"])


COUNT_NOUNS = ["agencies", "children", "people", "days", "weeks", "months", "pages", "visits", "times", "copies",
               "more agencies", "other children"]


@pytest.mark.parametrize("noun", COUNT_NOUNS)
@pytest.mark.parametrize("lead", ["In this case 2", "In this case, two", "Just in case: 2", "in case no 2",
                                  "A fall 2"])
def test_a_count_noun_right_after_the_number_is_still_a_count(lead: str, noun: str) -> None:
    assert named_numbers(f"{lead} {noun} replied.") == [], (lead, noun)


@pytest.mark.parametrize("line", ["In this case 2 of 3 agencies replied.", "The case 2 out of 5 reviewers chose.",
                                  "Achos 2 o blant.", "In this case two of five replied."])
def test_the_n_of_m_shape_is_still_a_count(line: str) -> None:
    assert named_numbers(line) == [], line


def test_a_count_after_the_real_second_case_s_number_is_applied(two: World) -> None:
    r = _send(two, f"{AWARE}\n\nIn this case 2 agencies have replied so far.\n")
    assert "command_accepted" in r["events"] and not _ambiguous_refusal(r), r
