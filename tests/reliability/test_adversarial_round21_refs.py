"""Stranger round 20's break B2 on case references, fixed again (fix21b; fix20b was reverted for reading "in this
case 12.0 FTE posts" as case 12): generated over two grammars (round21_phrases.py), read at the parser and through the
real command path (mail in, `App.intake`, the case and the answer as stored).

  B2. with 001-003 open, a command under 001's subject with "This is for case 2 - the sister, not this one." was
      applied to 001: a short number after "case" going on into anything but the end of its phrase was a count.
      Now (parsers/named_cases._counts) it is a count or a measure only when ordinary prose says so: a measure sign
      or unit ("2%", "2:30", "2 kg", "2 FTE"), "N of M", "2 or more", a rate ("2 a week"), a plural verb ("in case 2
      are needed") or a noun phrase with a plural head ("2 agencies", "12.0 FTE posts", "two weeks ago"). Anything
      else after the number (a sign, a system, a time word, a singular verb, a person) leaves it a case's.

Measured with /tmp/fix21b/measure.py (docs/RELIABILITY.md section 7): the naming grammar for case 2, main 28,660 of
72,380 lines read -> 72,380; the prose grammar, main 110 of 4,160 lines naming a case -> 0.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from round21_phrases import (
    NAMING_ENDS,
    NAMING_LEADS,
    NAMING_NUMBERS,
    PROSE_LEADS,
    PROSE_PHRASES,
    PROSE_TAILS,
    REMARKS,
    SIGNS,
    naming_line,
    prose_line,
    prose_lines,
)
from test_adversarial_round11_refs import _others
from test_adversarial_round17_refs import AWARE, FEW, World, _ambiguous_refusal, _send, _world_of_two
from test_adversarial_round19_refs import _refused_naming_second

from parsers.named_cases import named_numbers

MANY = settings(max_examples=400, deadline=None, derandomize=True)


@pytest.fixture(scope="module")
def two(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    w = _world_of_two(tmp_path_factory.mktemp("round21"))
    yield w
    w.app.close()


def _names(line: str, d: int) -> bool:
    return f"NS-CSPR-2026-{d:03d}" in _others(f"{AWARE}\n\n{line}\n")


# --- (b) a case named, then a remark: read, whatever the remark ---------------------------------------------------

NAMING = st.tuples(st.sampled_from(NAMING_LEADS), st.sampled_from(NAMING_NUMBERS), st.integers(2, 99),
                   st.sampled_from(SIGNS), st.sampled_from(REMARKS), st.sampled_from(NAMING_ENDS))


@MANY
@given(parts=NAMING)
def test_generated_remarks_after_a_case_s_number_name_that_case(parts: tuple[str, str, int, str, str, str]) -> None:
    line = naming_line(*parts)
    assert _names(line, parts[2]), line


@pytest.mark.parametrize("remark", REMARKS)
@pytest.mark.parametrize("sign", ["", "-", "/", "=", "|", "\u2192"])
def test_each_remark_after_case_2_names_case_2(sign: str, remark: str) -> None:
    line = naming_line("Same for case {n}", "{d}", 2, sign, remark, ".")
    assert _names(line, 2), line


@pytest.mark.parametrize("line", ["Same for case 2 - the sister.", "Same for case 2 / the sister.",
                                  "Same for case 2 = sister.", "Same for case 2 | sister.",
                                  'Same for case "2" (sister).', "Same for case 2 in Mosaic.",
                                  "Same for case 2 tomorrow.", "Same for case 2 is the sister.",
                                  "Same for case 2 needs the same.", "Same for case 2 concerns the sister.",
                                  "Same for case 2 remains open.", "Same for case 2 next week.",
                                  "Same for case two - the sister.", "Same for case 2nd - the sister.",
                                  "Same for case 2 \u00d7, not this one."])
def test_the_brief_s_shapes_name_case_2(line: str) -> None:
    assert _names(line, 2), line


# --- (a) ordinary prose: "case" before a count, a measure, a time: no case ----------------------------------------

@pytest.mark.parametrize("d", [2, 3, 7, 12, 45])
def test_every_line_of_the_prose_grammar_names_no_case(d: int) -> None:
    named = [(line, found) for line in sorted(set(prose_lines(d))) if (found := _others(f"{AWARE}\n\n{line}\n"))]
    assert len(set(prose_lines(d))) >= 1000 and named == [], named[:20]


@pytest.mark.parametrize("line", ["In this case 12.0 FTE posts were cut.", "In this case 2.5 hours were logged.",
                                  "In this case 2% of referrals.", "In case 2 people turn up, book the big room.",
                                  "Just in case 2 weeks pass.", "In this case 2:30 is too late.",
                                  "In this case 2 or more agencies.", "In this case 2 nights a week.",
                                  "In case 2 are needed, order more.", "In this case 2nd opinions were sought.",
                                  "In this case 2-3 weeks passed.", "In this case 2 x 3 metres.",
                                  "In this case 2 of the agencies replied.", "In this case 2k spent.",
                                  "In case one is needed, ask.", "In this case \u00a32 a week.",
                                  "In this case 2 concerns were raised.", "In this case 2 pm is fine.",
                                  "Case 1-12 of the training pack is done."])
def test_the_brief_s_prose_names_no_case(line: str) -> None:
    assert named_numbers(line) == [], line
    assert _others(f"{AWARE}\n\n{line}\n") == [], line


def test_case_2_of_5_is_still_a_count_unmarked_and_a_case_marked() -> None:
    """README / round 19 B7: "Case no 2 of 5" names case 2 (refused when it is open); unmarked "in this case 2 of
    5 agencies" is a count."""
    assert named_numbers("Case no 2 of 5 replied.") == [(None, 2)]
    assert named_numbers("In this case 2 of 5 agencies replied.") == []


# --- Through the command path ------------------------------------------------------------------------------------

@FEW
@given(line=st.builds(naming_line, st.sampled_from(NAMING_LEADS), st.sampled_from(["{d}", '"{d}"', "{d}.0"]),
                      st.just(2), st.sampled_from(SIGNS), st.sampled_from(REMARKS), st.sampled_from(NAMING_ENDS)))
def test_a_generated_command_naming_case_2_with_a_remark_is_refused(two: World, line: str) -> None:
    r = _send(two, f"{AWARE}\n\n{line}\n")
    assert _refused_naming_second(r), (line, r)


@FEW
@given(line=st.builds(prose_line, st.sampled_from(PROSE_LEADS), st.sampled_from(PROSE_PHRASES), st.just(2),
                      st.sampled_from(PROSE_TAILS)))
def test_a_generated_command_with_ordinary_prose_around_2_is_applied(two: World, line: str) -> None:
    r = _send(two, f"{AWARE}\n\n{line}\n")
    assert "command_accepted" in r["events"] and not _ambiguous_refusal(r), (line, r)
    assert "which is no case here" not in r["details"], (line, r["details"])


def test_the_grammars_are_as_large_as_the_docs_say() -> None:
    naming = sum(1 for _ in itertools.product(NAMING_LEADS, NAMING_NUMBERS, SIGNS, REMARKS))
    assert naming > 60_000 and len(PROSE_LEADS) * len(PROSE_PHRASES) > 1_000
