"""Adversarial suite, stranger round 19's breaks B3, B4 and B7 on case references (issue 10), generated, read at the
parser and through the real command path (mail in, `App.intake`, the case and the answer as stored).

  B3. (a command applied to the wrong case) with 001 and 002 open, "AWARE: ..." and "This is for case 2 (the
      sister), not this one." under 001's subject was applied to 001 with no note: a bracket or "on ..." after a
      short number made it a count, and a system's name there ("case 002 (Mosaic)") another system's record, so a
      real second case went unread. Now the remark ends the phrase and the number is read; intake sets it aside
      only when it names no case of the partnership. A system's name right before the case word ("LCS case id 2")
      is still that system's.
  B4. a reference with its letters transposed ("NS-CSRP-2026-002", "NS-CPSR-...", "NS-SCPR-...") was not read at
      all: now any order of C, S, P, R, or one of them doubled, before a year and a number is the reference.
  B7. (fails safe) "RiO case no 2", "Eclipse case 2", "Early Help case no 2", "NHS case no. 2" were refused: those
      systems join the list. "Case no 2 of 5" (a count) is applied with a note when no case 2 exists, and still
      refused when one does (B3's rule first: a refusal costs a re-send, a wrong case is harm).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from itertools import permutations
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from reliability_kit import REFERRER
from test_adversarial_round11_refs import SUBJECT, _others
from test_adversarial_round17_refs import AWARE, FEW, SECOND, World, _ambiguous_refusal, _send, _world_of_two, query

from parsers.fields import by_word_only, cases_named


@pytest.fixture(scope="module")
def two(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    w = _world_of_two(tmp_path_factory.mktemp("round19"))
    yield w
    w.app.close()


def _refused_naming_second(r: dict[str, Any]) -> bool:
    return _ambiguous_refusal(r) and "command_accepted" not in r["events"] and SECOND in r["details"]


# --- B3: a remark after the number does not hide a real case -------------------------------------------------------

STRANGER19_B3 = ["This is for case 2 (the sister), not this one.", "Same for case 2 (ours).", "case 2 (CSPR)",
                 "case 2 (NS)", "case 2 (the brother)", "case 2 (Bea)", "case 2 (same family)", "case 2 on csprbot",
                 "case 2 on the board", "case 2 on Friday", "case 2 on ours", "case 002 (Mosaic)",
                 "case 2 (see Mosaic)", "case 2 (sibling, Mosaic 4471)", "case 2 on CSPR"]


@pytest.mark.parametrize("line", STRANGER19_B3)
def test_the_stranger_s_lines_name_case_2_at_the_parser(line: str) -> None:
    text = f"{AWARE}\n\n{line}\n"
    assert SECOND in _others(text), line
    assert SECOND in by_word_only(SUBJECT, text, cases_named(SUBJECT, text)), line  # intake may weigh it


@pytest.mark.parametrize("line", ["This is for case 2 (the sister), not this one.", "case 002 (Mosaic)",
                                  "case 2 on Friday"])
def test_the_reproducer_s_command_is_refused_not_applied_to_the_subject_s_case(two: World, line: str) -> None:
    r = _send(two, f"{AWARE}\n\n{line}\n")
    assert _refused_naming_second(r), (line, r)


REMARKS = st.one_of(
    st.sampled_from(["the sister", "the brother", "ours", "Bea", "other child", "same family", "CSPR", "NS",
                     "Mosaic", "Liquidlogic", "see Mosaic", "sibling, Mosaic 4471", "LCS", "open", "urgent"]),
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz ", min_size=1, max_size=14).map(str.strip).filter(bool))
LABELS = ["case", "Case", "case no.", "case number", "case id", "case #", "case ref:", "Case No:"]


def _remarked(label: str, n: int, remark: str, bracket: bool, place: str) -> str:
    number = f"{n:03d}" if label.startswith("case ref") else str(n)
    x = f"{label} {number} ({remark})" if bracket else f"{label} {number} on {remark}"
    return place.format(x=x)


PLACES = ["This is for {x}, not this one.", "Same for {x}.", "{x} too.", "Please apply to {x} as well."]


@FEW
@given(label=st.sampled_from(LABELS), remark=REMARKS, bracket=st.booleans(), place=st.sampled_from(PLACES))
def test_generated_lines_naming_the_real_second_case_with_any_remark_are_refused(
        two: World, label: str, remark: str, bracket: bool, place: str) -> None:
    line = _remarked(label, 2, remark, bracket, place)
    r = _send(two, f"{AWARE}\n\n{line}\n")
    assert _refused_naming_second(r), (line, r)


@FEW
@given(label=st.sampled_from(LABELS), n=st.integers(5, 99), remark=REMARKS, bracket=st.booleans(),
       place=st.sampled_from(PLACES))
def test_the_same_lines_naming_no_case_here_are_applied_with_the_note(
        two: World, label: str, n: int, remark: str, bracket: bool, place: str) -> None:
    """The oracle of the test above: the same lines with a number of no case are set aside (stranger round 17's
    rule 2), so the refusal above is for naming the real case, not for the remark."""
    line = _remarked(label, n, remark, bracket, place)
    r = _send(two, f"{AWARE}\n\n{line}\n")
    assert "command_accepted" in r["events"] and not _ambiguous_refusal(r), (line, r)
    assert f"case {n:03d}, which is no case here" in r["details"], (line, r["details"])


def test_a_system_named_before_the_case_word_is_still_that_system_s_record(two: World) -> None:
    for line in ["LCS case id 2 is the social care record.", "Mosaic case 2 (the sister).", "EHM case number 2."]:
        r = _send(two, f"{AWARE}\n\n{line}\n")
        assert "command_accepted" in r["events"] and not _ambiguous_refusal(r), (line, r)


def test_the_referrer_s_refusal_is_the_same_for_a_real_and_a_made_up_number(two: World) -> None:
    """SECURITY: the referrer's refusal does not tell which references exist, with a remark as without."""
    reasons = []
    for n in ("2", "9"):
        r = _send(two, f"DISAGREE: the decision\n\nSame for case {n} (the sister).\n", sender=REFERRER)
        assert _ambiguous_refusal(r), (n, r)
        reason = json.loads(query(two.db, "SELECT detail FROM events WHERE kind = 'command_refused' "
                                          "ORDER BY id DESC LIMIT 1")[0][0])["reason"]
        reasons.append(re.sub(r"\(NS-CSPR[^)]*\)", "(...)", reason))
    assert reasons[0] == reasons[1] and "names more than one case (...)" in reasons[0], reasons


# --- B4: the reference's letters transposed ---------------------------------------------------------------------------

SLIPS = [*sorted({"".join(p) for p in permutations("CSPR")} - {"CSPR"}), "CSSPR", "CSPPR", "CCSPR", "CSPRR"]


@pytest.mark.parametrize("letters", SLIPS)
def test_a_reference_with_its_letters_transposed_is_read_at_the_parser(letters: str) -> None:
    for written in (f"NS-{letters}-2026-002", f"ns {letters.lower()} 2026 2", f"NS{letters}2026002"):
        text = f"{AWARE}\n\nThis belongs on {written}.\n"
        refs = cases_named(SUBJECT, text)
        # "NSCCSPR..." may show its prefix as "NSC": still case 002, a second case
        assert any(r.endswith("CSPR-2026-002") for r in refs), (written, refs)
        assert by_word_only(SUBJECT, text, refs) == [], written  # written with its letters: never set aside


@FEW
@given(letters=st.sampled_from(SLIPS), sep=st.sampled_from(["-", " ", "/", ""]),
       place=st.sampled_from(["This belongs on {x}.", "Same for {x}.", "{x} too.", "Wrong case, meant {x}"]))
def test_a_transposed_reference_of_the_real_second_case_is_refused(two: World, letters: str, sep: str,
                                                                  place: str) -> None:
    line = place.format(x=sep.join(["NS", letters, "2026", "002"]))
    r = _send(two, f"CORRECT child.faith: None\n\n{line}\n")
    assert _refused_naming_second(r), (line, r)


@pytest.mark.parametrize("typo", ["SN-CSPR-2026-002", "NS-CSPR-2026-02", "NS-CSPR-2026-0002", "NS-CSPR-2062-002",
                                  "NSCSPR2026002", "NS-CSPR-2026-002a", "NS-CSPR 2026-2", "NS/CSPR/2026/002",
                                  "case 02", "case 2a", "NS-CSRP-2026-047"])
def test_the_stranger_s_other_typos_are_still_refused(two: World, typo: str) -> None:
    r = _send(two, f"CORRECT child.faith: None\n\nThis belongs on {typo}.\n")
    assert _ambiguous_refusal(r) and "command_accepted" not in r["events"], (typo, r)


def test_the_subject_s_own_reference_transposed_names_one_case() -> None:
    for letters in ("CSRP", "CPSR", "SCPR"):
        assert _others(f"{AWARE}\n\nAs agreed for NS-{letters}-2026-001.\n") == [], letters


@pytest.mark.parametrize("line", ["CRPS 4 weeks after the injury.", "The CPSR team meets in 2026.",
                                  "PCSR training day 12 of 20."])
def test_the_letters_without_a_year_and_number_are_no_reference(line: str) -> None:
    assert _others(f"{AWARE}\n\n{line}\n") == [], line


# --- B7: ordinary lines naming another service's record ------------------------------------------------------------

STRANGER19_B7 = ["RiO case no 2 opened by CAMHS.", "Eclipse case 2.", "Early Help case no 2 closed.",
                 "Her NHS case no. 2 referral went to CAMHS.", "SystmOne case 2.", "EMIS case no 2."]


@pytest.mark.parametrize("line", STRANGER19_B7)
def test_a_health_or_care_system_before_the_case_word_is_its_record(two: World, line: str) -> None:
    """The system stands before the case word: its record, even where a case 2 of ours exists (002 does here)."""
    assert _others(f"{AWARE}\n\n{line}\n") == [], line
    r = _send(two, f"{AWARE}\n\n{line}\n")
    assert "command_accepted" in r["events"] and not _ambiguous_refusal(r), (line, r)


@FEW
@given(n=st.integers(5, 99), m=st.integers(3, 99), label=st.sampled_from(["Case no", "case no.", "case #", "Case"]),
       tail=st.sampled_from([" on my caseload.", ".", " this week.", " for the panel."]))
def test_a_count_naming_no_case_here_is_applied_with_the_note(two: World, n: int, m: int, label: str,
                                                              tail: str) -> None:
    line = f"{label} {n} of {max(m, n)}{tail}"
    r = _send(two, f"{AWARE}\n\n{line}\n")
    assert "command_accepted" in r["events"] and not _ambiguous_refusal(r), (line, r)
    if f"NS-CSPR-2026-{n:03d}" in _others(f"{AWARE}\n\n{line}\n"):
        assert f"case {n:03d}, which is no case here" in r["details"], (line, r["details"])


def test_a_count_whose_number_names_a_real_case_is_still_refused(two: World) -> None:
    """B3's rule first: "Case no 2 of 5" with a case 2 of ours open may mean it; refused, not guessed."""
    r = _send(two, f"{AWARE}\n\nCase no 2 of 5 on my caseload.\n")
    assert _refused_naming_second(r), r

