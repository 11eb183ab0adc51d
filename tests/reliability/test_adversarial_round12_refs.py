"""Adversarial suite, what stranger round 12 left on case references, generated, read at the parser.

  R1. another case joined to a full reference by a sign or word no list had (`NS-CSPR-2026-001 ~ 003`, `|002`,
      `-> 002`, `bis 003`, `t/m 003`, `(cf. 002)`, `(see also 002)`, `with 002`, `[002]`, `vs 002`, `\u00b7002`):
      applied to the first case. Now any zero-padded 0NN after a full reference on its line, parted from it by
      signs and at most three short words, names a case (not a date, a time, a telephone number or a long reference).
  R2. a zero-padded number joined to "case" by any run of signs (`\u201c002\u201d case`, `{002} case`, `002: case`,
      `002 \u2013 case`, `002/case`, `002_case`, `002.case`).
The other side: short numbers after a reference (`(1 of 2)`, `v2`, `~ 2 weeks late`), dates, times, telephone
numbers and agencies' long references after it: none refused.
"""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st
from test_adversarial_round11_refs import OWN, _others

SIGNS = "~\uff5e|\\\u2192\u00b7<>[](){}*=:#!?\"'\u201c\u201d\u00ab\u00bb\u2022\u2192\u21d2^%$\u00a7_"
WORDS = ["bis", "t/m", "\u00e0", "a", "cf.", "see also", "incl.", "with", "as well as", "also", "vs", "und", "en",
         "et", "y", "->", "=>", "tot", "jusqu'\u00e0", "hasta", "resp.", "nebst", "og", "sowie"]


@settings(max_examples=150, deadline=None)
@given(before=st.text(alphabet=SIGNS + " ", max_size=3), word=st.sampled_from(["", *WORDS]),
       after=st.text(alphabet=SIGNS + " ", max_size=2), other=st.integers(2, 99),
       tail=st.sampled_from(["", ".", " please", ")", "]", "\nThanks"]))
def test_a_padded_number_joined_to_a_full_reference_any_way_names_the_case(before: str, word: str, after: str,
                                                                          other: int, tail: str) -> None:
    gap = f"{before} {word} {after}" if word else before + after or " "
    text = f"Re: {OWN}{gap}{other:03d}{tail}"
    assert f"NS-CSPR-2026-{other:03d}" in _others(text), text


ROUND12_AFTER = ["~ 003", "\uff5e003", "|002", "\\002", "-> 002", "\u2192 002", "bis 003", "t/m 003", "\u00e0 003",
                 "a 003", "(cf. 002)", "(see also 002)", "incl. 002", "with 002", "as well as 002", "also 002",
                 "[002]", "(002)", "vs 002", "und 002", "en 002", "et 002", "y 002", "\u00b7002"]


def test_the_round12_joiners_name_the_case() -> None:
    missed = [s for s in ROUND12_AFTER if not {"NS-CSPR-2026-002", "NS-CSPR-2026-003"} & set(_others(f"{OWN} {s}"))]
    assert missed == [], missed


BEFORE_CASE = ["\u201c{p}\u201d case", "{{{p}}} case", "<{p}> case", "{p}: case", "{p} \u2013 case", "{p}/case",
               "{p}_case", "{p}.case", "\u2018{p}\u2019 case", "\u00ab{p}\u00bb case", "'{p}' case", "*{p}* case",
               "[{p}]: case", "{p} -- case", "\"{p}\" case", "{p}) case", "{p}; case"]


def test_a_padded_number_joined_to_case_by_signs_names_the_case() -> None:
    texts = [(f"This also applies to the {s.format(p=f'{d:03d}')}.", d)
             for s, d in itertools.product(BEFORE_CASE, [2, 5, 17, 99])]
    missed = [t for t, d in texts if f"NS-CSPR-2026-{d:03d}" not in _others(t)]
    assert missed == [], missed


BENIGN = ["{ref} (1 of {d})", "{ref} - {d}nd reminder", "{ref} v{d}", "{ref} \u2013 {d} attachments",
          "{ref} / 2026-12-{d:02d}", "{ref} part {d}", "{ref} (page {d})", "{ref} ~ {d} weeks late", "{ref} update {d}",
          "{ref} - {d} agencies outstanding", "{ref} at 10:{d:02d}", "{ref} at 10.0{e}", "{ref} on 0{e}/12/2026",
          "{ref} call 020 7946 0{d:02d}", "{ref} - 01632 960 0{d:02d}",
          "{ref} (our ref 4471-0{d:02d})", "{ref} tel. 0{d:02d} 7946 0000", "{ref} ~ {d} days", "{ref} | {d} pages",
          "{ref} -> {d} agencies", "{ref} 12.0{e}.2026", "{ref} @ 0{e}:30", "the {d} case reviews",
          "{ref}: image0{d:02d}.png attached"]


def test_benign_generated_after_a_reference_is_no_other_case() -> None:
    texts = sorted({lead + s.format(ref=OWN, d=d, e=e) for s, (d, e), lead in
                    itertools.product(BENIGN, [(2, 3), (4, 7), (12, 5)], ["", "Re: ", "Thanks.\n"])})
    named = [(t, o) for t in texts if (o := _others(t))]
    assert len(texts) >= 200 and named == [], named
