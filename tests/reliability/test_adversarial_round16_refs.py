"""Adversarial suite, stranger round 16's break 3 on case references (issue 10), generated, read at the parser and
through it.

  R1. another case named by a case word followed by an abbreviation of number / reference / id that the reader did
      not know, or glued to one (`case nbr 2`, `case numb 2`, `case nmbr 2`, `casenumber 2`, `caseno 2`, `caseNo2`,
      `caseref 2`, `caseid 2`, `Fallnr. 2`, `Fall Az. 2`): the command was applied to its subject's case. Now a case
      word may carry any of the usual abbreviations of English and the nine languages, glued (camel-case or not)
      or after a space or a sign, before the number; refused as naming more than one case.
  R2. the other side: ordinary reply text where "case" runs into a word beginning like an abbreviation ("case
      notes 2", "casework 2 days", "caseload of 2", "case id card"), the English "in case no 2 agencies reply"
      (the number does not follow a mark there: "no" is the determiner and the count runs on into a noun),
      signatures and telephone numbers: none refused.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reliability_kit import ROLE
from test_adversarial import OURS, build, stamp
from test_adversarial_round7_refs import word
from test_adversarial_round10_shown import _ambiguous
from test_adversarial_round11_refs import CMD, _others

COORD = ROLE["coordinator"]
PLACES = ["This also covers {x}.", "Same for {x}", "{x} too.", "Applies to {x}, thanks.", "Re {x}\nThanks",
          "Same as for {x}, the LA knew then."]

# --- R1: case words x abbreviations x glue x numbers ---------------------------------------------------------------

CASE_WORDS = ["case", "Case", "CASE", "cases", "Fall", "Akte", "zaak", "dossier", "caso", "sprawa", "achos",
              "dosar", "cazul", "processo", "expediente", "fascicolo", "review", "matter"]
ENGLISH = ("case", "Case", "CASE")
# Abbreviations of number / reference / id as people write them (this file's own list, not the parser's)
ABBREVIATIONS = ["no", "No", "NO", "no.", "No.", "nos", "nr", "Nr", "Nr.", "nr.", "NR", "nbr", "Nbr", "nbr.", "nmbr",
                 "num", "Num", "num.", "numb", "numb.", "number", "Number", "NUMBER", "numbers", "ref", "Ref",
                 "ref.", "REF", "reference", "Reference", "refs", "id", "Id", "ID", "n\u00b0", "N\u00b0", "n\u00ba",
                 "N\u00ba", "n.\u00ba", "n.o", "n\u00fam", "n\u00fam.", "numero", "num\u00e9ro", "N\u00famero",
                 "numer", "Nummer", "nummer", "Az", "Az.", "AZ", "rif", "rif.", "nro", "nro.", "rhif", "num\u0103r"]
# What joins the case word to the abbreviation: nothing (glued), a space, a dot, a colon, a sign
GLUES = ["", " ", ".", ":", "-", "_", "/", "#", " - ", ": ", "|"]


def _camel(w: str, abbreviation: str) -> str:
    """The glued form as written in an identifier: "caseNo", "CaseNumber"."""
    return w + abbreviation[:1].upper() + abbreviation[1:]


@settings(max_examples=400, deadline=None)
@given(w=st.sampled_from(CASE_WORDS), abbreviation=st.sampled_from(ABBREVIATIONS), glue=st.sampled_from(GLUES),
       camel=st.booleans(), after=st.sampled_from(["", " ", ": ", "#", ". ", " #"]), d=st.integers(2, 99),
       form=st.sampled_from(["digits", "padded", "word"]), place=st.sampled_from(PLACES))
def test_a_case_word_with_an_abbreviation_of_number_glued_or_not_names_the_case(
        w: str, abbreviation: str, glue: str, camel: bool, after: str, d: int, form: str, place: str) -> None:
    number = {"digits": str(d), "padded": f"{d:03d}", "word": word(d, 0)}[form]
    if abbreviation.lower().startswith("ref"):
        w = w if w in ENGLISH else "case"  # "ref" labels a number after "case" only ("referral" / "Ref: 4521")
    if form == "word" and after in ("", "#"):
        after = " "  # "caseno two": a word needs its space ("casenotwo" is no spelling)
    head = _camel(w, abbreviation) if camel and not glue else f"{w}{glue}{abbreviation}"
    text = place.format(x=f"{head}{after}{number}")
    assert f"NS-CSPR-2026-{d:03d}" in _others(text), text


STRANGER16 = ["case nbr 2", "casenumber 2", "case nbr. 2", "casenum 2", "caseno 2", "case-number 2", "case numero 2",
              "case n\u00famero 2", "case nummer 2", "the case no 2", "case nmbr 2", "caseref 2", "caseid 2",
              "caseno. 2", "case numb 2", "caseNo2", "CaseNumber 2", "Fallnr. 2", "Fall Az. 2", "case:nbr:2"]


@pytest.mark.parametrize("spelling", STRANGER16)
def test_a_command_naming_case_2_these_ways_is_refused_as_ambiguous(spelling: str) -> None:
    raw = build([COORD], [stamp(OURS)], f"{CMD}\nSame as for {spelling}, the LA knew then.\n\nJo\n",
                mid="<r16c@x>")
    assert "NS-CSPR-2026-002" in _ambiguous(raw), spelling


# --- R2: ordinary replies ------------------------------------------------------------------------------------------

ORDINARY = ["in case no {d} agencies reply", "In case no {d} agencies reply by Friday", "just in case no {d} copies "
            "arrive", "in case No {d} agencies have replied", "in case no {w} agencies reply", "case notes {d}",
            "case notes {d} pages", "casenotes {d} pages", "casework {d} days", "caseworker no. {d} on the rota",
            "caseload of {d}", "caseload no {d} higher", "case id card {d} copies", "the case id card, tel {d}",
            "in case nobody replies within {d} days", "in case numbers go above {d}", "in case none of the {d} "
            "agencies reply", "the case number of {d} agencies", "in case no reply comes in {d} days",
            "Jo Bloggs | Case Worker | Tel 0117 496 0{d:03d}",
            "Case Manager, Children's Services, Mob. 07700 900{d:03d}", "casebook {d} entries",
            "Caseworker ID card no {d} lost", "Kind regards,\nJo\nCase Officer\n0117 922 {d:04d}",
            "Notes from the case review {d} weeks ago", "in case noone has {d} minutes"]


def test_ordinary_replies_with_case_and_an_abbreviation_like_word_name_no_other_case() -> None:
    texts = sorted({place.format(x=s.format(d=d, w=word(d, 0))) for s in ORDINARY for d in (2, 3, 7, 12, 45)
                    for place in ["{x}.", "Update: {x}, thanks.", "{x}\nJo", "AWARE: 2026-12-01\n{x}."]})
    named = [(t, o) for t in texts if (o := _others(t))]
    assert len(texts) >= 400 and named == [], named


@pytest.mark.parametrize("text", ["in case no 2 agencies reply", "case notes 2", "casework 2 days", "caseload of 2",
                                  "Just in case no 2 copies arrive, I attach them again."])
def test_a_command_with_these_ordinary_lines_is_not_refused(text: str) -> None:
    raw = build([COORD], [stamp(OURS)], f"{CMD}\n{text}\n\nJo\n", mid="<r16o@x>")
    assert _ambiguous(raw) == "", text
