"""Adversarial suite, what stranger round 10 left on case references (issue 10), generated, read at the parser.

  R1. another case written as the continuation of a full reference (`NS-CSPR-2026-001/002`, `001, 002`,
      `001 & 2`, `001 and -002`, `001 (and -002)`, `001 to 003`, `001-003`, `001..003`) or of a case word (`cases
      1-3`, `cases 1 to 3`, `case 001–003`, `case no. 1 and no. 2`, `the case numbered 2`): applied to the first
      case (commands, subjects) or credited to it (a return's case box). Now refused / held: a list names each
      case, a range every case in it.
  R2. a number before "case" owning it, bracketed or joined by a dash (`002's case`, `the (002) case`, `the [2]
      case`, `002-case`, `the -002 case`), a roman numeral (`the II case`), and before "file", "review",
      "referral", "matter" when marked or zero-padded (`#002 file`, `the 002 review`), `case two's file`.
  R3. "case" in German, Dutch, Portuguese and the other EU languages (`Fall 2`, `Fall Nr. 2`, `zaak 2`, `processo
      2`, `byla Nr. 2` ...), a full reference spelt wholly in words (`N S C S P R twenty twenty-six zero zero two`).
The other side, generated and measured: counts and ranges of days (`1-3 days`, `in this case 1-2 agencies`), a
full reference followed by a count, a telephone number, a date or a page mark (`NS-CSPR-2026-001, 2 agencies
replied`, `... - 0117 922 3000`, `... / 2026-12-01`, `... (1/2)`), numbered list items (`(2) Case closed.`), names
(`the Li case`), English "fall" (`a fall 2 weeks ago`), "2 reviews": none refused.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reliability_kit import ROLE
from test_adversarial import OURS, REF, build, stamp
from test_adversarial_round4 import COMMANDS
from test_adversarial_round7_refs import word
from test_adversarial_round10_shown import _ambiguous, _parse, _return_text

from parsers.fields import cases_named

COORD = ROLE["coordinator"]
CMD = "ACTION: service leader; 2027-01-15; check the chronology"
SUBJECT = f"RE: [{REF}] Request for information"
OWN = REF  # NS-CSPR-2026-001
ROMAN = {2: "II", 3: "III", 4: "IV", 7: "VII", 9: "IX", 12: "XII"}


def _others(text: str) -> list[str]:
    """The cases other than the subject's that `text` names, as the command reader sees them."""
    return [r for r in cases_named(SUBJECT, text) if r != OWN]


# --- R1: lists and ranges ---------------------------------------------------------------------------------------

# after the full reference: {p} is the other case zero-padded, {d} its short number (the phrase ends after it)
AFTER_REF = ["{ref}/{p}", "{ref}/{d}", "{ref}, {p}", "{ref} & {p}", "{ref} and {p}", "{ref} + {p}", "{ref} to {p}",
             "{ref}-{p}", "{ref} \u2013 {p}", "{ref}..{p}", "{ref};{p}", "{ref} / -{p}", "{ref} (and -{p})",
             "{ref} & {d}", "{ref}, -{p}", "{ref} and -{p}", "{ref}, {d}", "{ref} or {p}", "{ref}/{p}/{q}"]
AFTER_WORD = ["cases 1-{d}", "cases 1 to {d}", "case 1-{d}", "cases 001\u2013{p}", "cases 1, {d}", "cases 1 and {d}",
              "case no. 1 and no. {d}", "the case numbered {d}", "cases 1 through {d}", "cases {d} & 1",
              "case #1, #{d}", "review 1-{d}", "matters 001 to {p}"]
PLACES = ["This is for {x}.", "Same for {x}", "{x} too.", "Applies to {x}, thanks.", "Re {x}\nThanks"]


def _list_texts() -> Iterator[tuple[str, int]]:
    for shape, d, place in itertools.product(AFTER_REF + AFTER_WORD, [2, 3, 9, 17], PLACES):
        x = shape.format(ref=OWN, p=f"{d:03d}", d=d, q=f"{d + 1:03d}")
        yield place.format(x=x), d


def test_another_case_as_a_list_or_range_is_named() -> None:
    texts = sorted(set(_list_texts()))
    missed = [t for t, d in texts if f"NS-CSPR-2026-{d:03d}" not in _others(t)]
    assert len(texts) >= 600 and missed == [], missed[:20]


def test_a_range_names_every_case_in_it() -> None:
    for lo, hi, shape in itertools.product([1, 3], [5, 8], ["cases {a}-{b}.", "{ref} to {b:03d}.", "cases {a} to {b}"]):
        text = shape.format(a=lo, b=hi, ref=f"NS-CSPR-2026-{lo:03d}")
        want = {f"NS-CSPR-2026-{n:03d}" for n in range(lo, hi + 1)} - {OWN}
        assert set(_others(text)) == want, text


@settings(max_examples=60, deadline=None)
@given(sep=st.sampled_from(["/", ", ", " & ", " and ", " + ", " to ", "-", " \u2014 ", "..", "; ", " / -", ", -"]),
       other=st.integers(2, 999), pad=st.booleans(), tail=st.sampled_from([".", "", " too.", " please", ")"]))
def test_any_separator_after_a_full_reference_names_the_next_case(sep: str, other: int, pad: bool,
                                                                   tail: str) -> None:
    number = f"{other:03d}" if pad or other >= 100 else str(other)
    text = f"Same for ({OWN}{sep}{number}{tail}" if tail == ")" else f"Same for {OWN}{sep}{number}{tail}"
    assert f"NS-CSPR-2026-{other:03d}" in _others(text), text


# --- R2: a number before the word -------------------------------------------------------------------------------

BEFORE = ["Same for {p}'s case.", "Same for the {p}\u2019s case.", "Same for the [{d}] case.",
          "Same for the ({p}) case.", "Same for the ({d}) case.", "Same for the {p}-case.", "Same for the -{p} case.",
          "Same for the {r} case.", "Same for the #{p} file.", "Same for the {p} review.", "Same for the {p} referral.",
          "Same for the {p} matter.",
          "Same for case {w}'s file.", "Same for case {d}'s papers.", "Same for the #{d} review.",
          "Re: {p}'s case {ref}", "Re: {ref} (the ({p}) case too)", "Same for {d}'s case too."]


def test_a_number_before_the_word_names_the_case() -> None:
    texts = sorted({(s.format(p=f"{d:03d}", d=d, w=w, r=ROMAN[d], ref=OWN), d)
                    for s, d in itertools.product(BEFORE, ROMAN) for w in {word(d, 0), word(d, 1), word(d, 2)}})
    missed = [t for t, d in texts if f"NS-CSPR-2026-{d:03d}" not in _others(t)]
    assert len(texts) >= 120 and missed == [], missed[:20]


# --- R3: other languages, a reference wholly in words ------------------------------------------------------------

LANGUAGES = ["Gleiches gilt f\u00fcr Fall {d}.", "Gleiches gilt f\u00fcr Fall Nr. {d}.", "Siehe Akte {p}.",
             "Hetzelfde voor zaak {d}.", "Zie zaak nr. {d}.", "O mesmo para o processo {d}.", "Processo n.\u00ba {d}",
             "Lo mismo para el expediente {d}.", "Stessa cosa per la pratica {d}.", "M\u0113s pats byla Nr. {d}.",
             "Tas pats lieta Nr. {d}.", "Tot\u00e9 pro p\u0159\u00edpad \u010d. {d}.", "Isto za slu\u010daj {d}.",
             "Ugyanez az \u00fcgy {d}.", "Samma f\u00f6r \u00e4rende {d}.", "Sama tapaus {d}.", "Sama juhtum {d}.",
             "\u0397 \u03af\u03b4\u03b9\u03b1 \u03c5\u03c0\u03cc\u03b8\u03b5\u03c3\u03b7 {d}.",
             "M\u00eame chose pour l'affaire {d}.",
"\u0421\u044a\u0449\u043e\u0442\u043e \u0437\u0430 \u0434\u0435\u043b\u043e {d}."]
WORD_REFS = ["N S C S P R twenty twenty-six zero zero {w}", "NS CSPR twenty twenty six, zero zero {w}.",
             "NS-CSPR two thousand and twenty-six {w}.", "n s c s p r twenty twenty-six number {w}",
             "N.S. C.S.P.R. twenty twenty-six oh oh {w}", "cspr two thousand twenty-six {w} please"]


def test_other_languages_and_references_in_words_name_the_case() -> None:
    texts = [(s.format(d=d, p=f"{d:03d}", w=w), d) for s, d in itertools.product(LANGUAGES, [2, 7, 12])
             for w in [""]] + [(s.format(w=w), d) for s, d in itertools.product(WORD_REFS, range(2, 10))
                               for w in {word(d, 0), word(d, 2)}]
    missed = [t for t, d in texts if not any(r.endswith(f"CSPR-2026-{d:03d}") for r in _others(t))]
    assert len(texts) >= 150 and missed == [], missed


def test_the_own_case_in_words_or_a_list_of_itself_is_no_other() -> None:
    for text in ["N S C S P R twenty twenty-six zero zero one", f"{OWN}/001.", f"{OWN} and {OWN}.", "Fall 1.",
                 "the 001 case.", "cases 1-1.", "CSPR twenty twenty-six one-page summary", "case 1."]:
        assert _others(text) == [], text


# --- the other side: ordinary text, generated ----------------------------------------------------------------------

BENIGN = ["Please allow {d}-{e} days for a reply.", "In this case {d}-{e} agencies replied.", "pages {d}-{e} attached",
          "{ref}, {d} agencies replied.", "{ref} - 0117 922 3000", "{ref} / 2026-12-{d:02d}", "{ref} (1/{d})",
          "{ref} - 1 of {d}", "Re: {ref} - {d}nd reminder", "{ref} and {d} children were seen.",
          "(2) Case closed.\n(3) Case file secured.", "{ref}, {d} December", "the Li case was in the news",
          "She had a fall {d} weeks ago.", "a fall of {d} metres", "The {d} reviews were held.",
          "{d} referrals came in.",
          "We held review {d} days ago.", "Fall 2026 schedule", "Case 1-{d} of the training pack is done.",
          "in this case {d} to {e} visits a week", "sections {d} to {e} are complete", "{ref} to {d} agencies",
          "1. Background\n{d}. Case history\n{e}. Actions", "Phase II case review meeting", "see process {d}.",
          "the {d}-{e} case reviews", "{ref}; {d} agencies replied", "Call 0117 922 {d:04d} re {ref}.",
          "{ref}/{d} children", "Mix case sizes.", "in case {d}-{e} children attend", "{ref} + {d} attachments",
          "In any case, {d} to {e} agencies reply.", "{ref} ({d} pages)", "our ref 2026/abc {d} pages",
          "Rapid review: {d} to {e} December", "{d}) case summary attached", "{ref} / 44{d:02d}",
          "the case 12-{d:02d}-2026 minutes", "Case 2026-12-{d:02d} notes", "In this case - {d} agencies replied."]


def _benign() -> Iterator[str]:
    for line, (d, e), lead in itertools.product(BENIGN, [(2, 3), (4, 7), (12, 15)], ["", "Thanks.\n", "Noted: "]):
        yield lead + line.format(d=d, e=e, ref=OWN)


def test_false_readings_on_benign_generated_text_are_none() -> None:
    texts = sorted(set(_benign()))
    named = [(t, o) for t in texts if (o := _others(t))]
    assert len(texts) >= 300 and named == [], named


# --- through the parser: commands, subjects, return boxes ---------------------------------------------------------

SAMPLE = ["This is for {ref}/002.", "Same for cases 1-3.", "Same for the case numbered 2.", "Same for 002's case.",
          "Same for the [2] case.", "Gleiches gilt f\u00fcr Fall 2.",
          "Same for N S C S P R twenty twenty-six zero zero two."]


@pytest.mark.parametrize("text", SAMPLE)
def test_a_command_naming_another_case_these_ways_is_refused(text: str) -> None:
    raw = build([COORD], [stamp(OURS)], f"{CMD}\n\n{text.format(ref=OWN)}\n\nThanks\n", mid="<r11c@x>")
    assert "NS-CSPR-2026-002" in _ambiguous(raw), text


@pytest.mark.parametrize("subject", [f"Re: {OWN}/002", f"Re: {OWN}, 002", f"Re: {OWN} & 002", f"Re: {OWN} to 003",
                                     f"Re: {OWN} and -002", f"Re: 002's case {OWN}", f"Re: {OWN} (the (002) case too)"])
def test_a_subject_naming_another_case_these_ways_is_refused(subject: str) -> None:
    raw = build([COORD], [stamp(OURS)], f"{CMD}\n\nThanks\n", subject=subject, mid="<r11s@x>")
    assert _ambiguous(raw), subject


BOXES = ["{ref}/{p}", "{ref}, {p}", "{ref} & {d}", "{ref} to {p}", "cases 1-{d}", "{ref} and {p}", "{ref} / -{p}",
         "the case numbered {d}", "Fall {d}", "{p}'s case"]


@pytest.mark.parametrize("shape", BOXES)
@pytest.mark.parametrize("d", [2, 5])
def test_a_return_whose_case_box_lists_another_case_is_held(shape: str, d: int) -> None:
    box = shape.format(ref=OWN, p=f"{d:03d}", d=d)
    raw = build(["education.dsl@schools.example.gov.uk"], [stamp("schools.example.gov.uk")], _return_text(box),
                subject=SUBJECT)
    parsed = _parse(raw)
    assert parsed.kind == "agency_return", (box, parsed.warnings)
    assert any("names two different cases" in w for w in parsed.warnings), (box, parsed.warnings)


@pytest.mark.parametrize("box", [f"{OWN} (our ref CSC-4471)", f"{OWN}, 3 pages", f"{OWN} / Education", f"{OWN} / 4471",
                                 f"{OWN} - 1 of 2", "Case 1 (Alex Fictional)"])
def test_a_return_whose_case_box_names_its_own_case_and_more_text_is_credited(box: str) -> None:
    raw = build(["education.dsl@schools.example.gov.uk"], [stamp("schools.example.gov.uk")], _return_text(box),
                subject=SUBJECT)
    parsed = _parse(raw)
    assert parsed.kind == "agency_return" and not any("names two different cases" in w for w in parsed.warnings), (
        box, parsed.warnings)


def test_benign_commands_through_the_parser_are_applied() -> None:
    texts = sorted(set(_benign()))[::7]
    refused = [(t, a) for i, t in enumerate(texts)
               if (a := _ambiguous(build([COORD], [stamp(OURS)], f"{COMMANDS[i % len(COMMANDS)]}\n\n{t}",
                                         mid=f"<r11b.{i}@x>")))]
    assert len(texts) >= 40 and refused == [], refused
