"""Stranger round 22's breaks B1 and B5 on case references (fix23a): generated over two grammars
(round23_phrases.py), read at the parser and through the real command path (mail in, `App.intake`, the case and the
answer as stored), and the re-reading of "case 2 - case 2 - ..." made linear.

  B1. with 001 and 002 open, a command under 001's subject naming case 2 before a plural noun ("case 2 papers, not
      this one", "the case 2 notes", "case 2 staff to action"), with a slash ("case 2/3"), before a document ("the
      case 2 file / review / note") or in words ("case two papers") was applied to 001.
  B5. ordinary lines were refused as naming case 2: "in this case 2 s47 enquiries", "2 A&E attendances", "2 (two)
      agencies", "2 sq m", "2 times the dose", "2 criteria".

Now (parsers/named_cases._frame) what stands before "case" in its clause decides what a plural noun after the
number means: "in this case" / "in each case" / "the Smith case" (a case already in hand) count; "in case" and "In
the case" opening a clause count only when a verb follows ("in case 2 papers are needed"); "the case", a preposition
("for case 2"), a verb or nothing name the case. Units and measures count in every frame ("the case 2 weeks ago").

Measured with /tmp/fix23a/measure.py (docs/RELIABILITY.md section 7): the naming grammar, main 1,488 of 5,760 lines
read -> 5,760 (case 2 and case 12); the prose grammar, main 247 of 688 lines naming a case -> 0.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from round21_phrases import prose_lines as prose21_lines
from round23_phrases import (
    B1_SHAPES,
    B5_SHAPES,
    COUNTS,
    DETERMINERS,
    HEADS,
    NAMING_ENDS,
    NAMING_LEADS,
    NAMING_NUMBERS,
    PROSE_LEADS,
    PROSE_TAILS,
    naming_line,
    naming_lines,
    prose_line,
    prose_lines,
)
from test_adversarial_round11_refs import _others
from test_adversarial_round17_refs import AWARE, FEW, World, _ambiguous_refusal, _send, _world_of_two
from test_adversarial_round19_refs import _refused_naming_second

from parsers.named_cases import named_numbers, named_numbers_work

MANY = settings(max_examples=400, deadline=None, derandomize=True)


@pytest.fixture(scope="module")
def two(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    w = _world_of_two(tmp_path_factory.mktemp("round23"))
    yield w
    w.app.close()


def _names(line: str, d: int) -> bool:
    return f"NS-CSPR-2026-{d:03d}" in _others(f"{AWARE}\n\n{line}\n")


# --- B1 at the parser: a case named before a noun, a slash, a document, in words ---------------------------------

NAMING = st.tuples(st.sampled_from(NAMING_LEADS), st.sampled_from(DETERMINERS), st.sampled_from(NAMING_NUMBERS),
                   st.integers(2, 99), st.sampled_from(HEADS), st.sampled_from(NAMING_ENDS))


@MANY
@given(parts=NAMING)
def test_generated_naming_lines_name_their_case(parts: tuple[str, str, str, int, str, str]) -> None:
    line = naming_line(*parts)
    assert _names(line, parts[3]), line


@pytest.mark.parametrize("d", [2, 12])
def test_every_line_of_the_naming_grammar_names_its_case(d: int) -> None:
    lines = sorted(set(naming_lines(d)))
    missed = [line for line in lines if not _names(line, d)]
    assert len(lines) >= 5000 and missed == [], missed[:20]


@pytest.mark.parametrize("line", B1_SHAPES)
def test_the_stranger_s_naming_shapes_name_case_2(line: str) -> None:
    assert _names(line, 2), line


def test_a_slash_or_a_range_names_both_cases() -> None:
    for line in ["Same for case 2/3.", "Same for the case 2/3 papers.", "case 2 / 3 notes", "cases 2/3"]:
        assert {(None, 2), (None, 3)} <= set(named_numbers(line)), line
    assert named_numbers("Same for case 2/3/2026.") == [], "a date"


# --- B5 at the parser: counts and measures after "in this case" name no case --------------------------------------

@pytest.mark.parametrize("d", [2, 3, 12, 45])
def test_every_line_of_the_prose_grammar_names_no_case(d: int) -> None:
    named = [(line, found) for line in sorted(set(prose_lines(d))) if (found := _others(f"{AWARE}\n\n{line}\n"))]
    assert len(set(prose_lines(d))) >= 600 and named == [], named[:20]


@MANY
@given(lead=st.sampled_from(PROSE_LEADS), phrase=st.sampled_from(COUNTS), d=st.integers(2, 99),
       tail=st.sampled_from(PROSE_TAILS))
def test_generated_prose_names_no_case(lead: str, phrase: str, d: int, tail: str) -> None:
    line = prose_line(lead, phrase, d, tail)
    assert _others(f"{AWARE}\n\n{line}\n") == [], line


@pytest.mark.parametrize("line", B5_SHAPES)
def test_the_stranger_s_ordinary_lines_name_no_case(line: str) -> None:
    assert named_numbers(line) == [], line


def test_round_21_s_prose_still_names_no_case() -> None:
    named = [line for line in sorted(set(prose21_lines(2))) if _others(f"{AWARE}\n\n{line}\n")]
    assert named == [], named[:20]


# --- The tie: the same words after the number, the frame before "case" decides -------------------------------------

@pytest.mark.parametrize(("line", "names"), [
    ("In case 2 papers are needed, bring them.", False),  # "in case": a conjunction, its clause has a verb
    ("Bring copies in case 2 papers go missing.", False),
    ("Please file this in case 2 papers.", True),  # no verb: "in case 2 papers" is case 2's (refused, ambiguous)
    ("In case 2 papers, not this one.", True),
    ("In the case 2 agencies replied.", False),  # "In the case" opening its clause, a verb after
    ("In the case 2 notes, not this one.", True),
    ("Please see the case 2 notes.", True),
    ("We closed the case 2 weeks ago.", False),  # a unit counts in every frame
    ("Please see the case 2 minutes.", True),  # a meeting's minutes; "2 minutes ago" is a time
    ("We closed the case 2 minutes ago.", False),
    ("In this case 2 notes were found.", False),
    ("Same for case 2's notes.", True),
    ("In this case, 2 papers, not this one.", False),  # a comma after "case": how a count is written safely
    ("Same for case 2 M Smith papers.", True),  # a capital alone is an initial, not metres
    ("In this case 2 m of fence was down.", False),
    ("Update: the case \u2192 2 agencies, thanks.", False),  # a sign between: a pause, read as in round 13
])
def test_the_frame_before_case_decides(line: str, names: bool) -> None:
    assert _names(line, 2) is names, line


# --- Through the command path (001 and 002 open, a command under 001's subject) ------------------------------------

@FEW
@given(line=st.builds(naming_line, st.sampled_from(NAMING_LEADS), st.sampled_from(DETERMINERS),
                      st.sampled_from(NAMING_NUMBERS), st.just(2), st.sampled_from(HEADS),
                      st.sampled_from(NAMING_ENDS)))
def test_a_generated_command_naming_case_2_before_a_noun_is_refused(two: World, line: str) -> None:
    r = _send(two, f"{AWARE}\n\n{line}\n")
    assert _refused_naming_second(r), (line, r)


@pytest.mark.parametrize("line", B1_SHAPES)
def test_the_stranger_s_commands_naming_case_2_are_refused_saying_how_to_write_a_count(two: World, line: str) -> None:
    r = _send(two, f"{AWARE}\n\n{line}\n")
    assert _refused_naming_second(r), (line, r)
    assert "in this case, 2" in r["details"], r["details"]  # how to write a count so it is no case


@FEW
@given(line=st.builds(prose_line, st.sampled_from(PROSE_LEADS), st.sampled_from(COUNTS), st.just(2),
                      st.sampled_from(PROSE_TAILS)))
def test_a_generated_command_with_a_count_after_case_is_applied(two: World, line: str) -> None:
    r = _send(two, f"{AWARE}\n\n{line}\n")
    assert "command_accepted" in r["events"] and not _ambiguous_refusal(r), (line, r)


@pytest.mark.parametrize("line", B5_SHAPES)
def test_the_stranger_s_ordinary_commands_are_applied(two: World, line: str) -> None:
    r = _send(two, f"{AWARE}\n\n{line}\n")
    assert "command_accepted" in r["events"] and not _ambiguous_refusal(r), (line, r)


# --- Linear reading: "case 2 - case 2 - ..." read once ---------------------------------------------------------------

REPEATS = ["case 2 - ", "case 2, ", "case 2 and ", "case 2 to case 3 - ", "cases 2/3 & ", "case no. 2 / ",
           "the case 2 notes, "]


@pytest.mark.parametrize("unit", REPEATS)
def test_the_work_grows_linearly_with_repeats(unit: str) -> None:
    """Steps counted by the reader itself (a case word read, a list item read) and the answer's size: at most a
    fixed number per repeat, so doubling the text doubles the work (main read every later repeat again from each
    earlier one: 500,500 numbers for 1,000 repeats)."""
    small, large = unit * 100, unit * 400
    work_small, work_large = named_numbers_work(small), named_numbers_work(large)
    assert work_large <= 4 * work_small + 8, (work_small, work_large)
    assert work_large <= 4 * large.count("case"), work_large
    assert len(named_numbers(large)) <= 4 * large.count("case"), len(named_numbers(large))


@settings(max_examples=60, deadline=None, derandomize=True)
@given(parts=st.lists(st.sampled_from([*REPEATS, "in this case 2 agencies ", "case 2 (two) "]), min_size=1,
                      max_size=8), times=st.integers(1, 60))
def test_generated_repeats_are_read_in_linear_work(parts: list[str], times: int) -> None:
    text = "".join(parts) * times
    words = text.count("case") + 1
    assert named_numbers_work(text) <= 4 * words and len(named_numbers(text)) <= 4 * words


def test_the_grammars_are_as_large_as_the_docs_say() -> None:
    naming = sum(1 for _ in itertools.product(NAMING_LEADS, DETERMINERS, NAMING_NUMBERS, HEADS))
    assert naming == 5760 and len(PROSE_LEADS) * len(COUNTS) == 688
