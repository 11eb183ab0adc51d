"""Adversarial suite, stranger round 14's breaks 2 and 3 on case references (issue 10), generated, read at the
parser and through it.

  R1. another case named by a spelling next to the ones read before: any run of signs between a case word and its
      number (`case.2`, `case/2`, `case | 2`, `case ; 2`, `case <2>`, `case {2}`, Outlook's plain-text bold `*case*
      2`, `_case_ 2`), a letter after the number (`case 2a`), a case word's inflections and the other words for a
      case's file (`Falls zwei`, `Aktenzeichen 2`, `fascicolo 2`, `akta 2`, `cazului 2`), ordinals of the nine
      languages (`sprawa druga`, `der Fall zweite`, `dossier deuxième`), a Spanish number word after "case" (`case
      dos`), the prefix's initials dotted, spaced or joined (`N.S. 2`, `N S 2`, `NS2`), "case" spaced out (`c a s e
      2`, `c-a-s-e 2`), a zero-padded number after '#' or '/' alone (`also #002`, `/002`): the command was applied
      to its subject's case. Now refused as naming more than one case.
  R2. the other side: a reply writing its own case's full reference after `Case:` / `Case reference` and then a
      count (`Case: NS-CSPR-2026-001 - 2 children`, `(3 agencies)`) was refused as naming case 002 / 003; the case
      word labelled the reference, not the count. Counts, dates, telephone numbers and addresses after the own
      reference, and counts after the new signs and words (`case; 2 agencies`, `Falls zwei Behörden ...`): none
      refused.
"""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from reliability_kit import ROLE
from test_adversarial import OURS, build, stamp
from test_adversarial_round7_refs import word
from test_adversarial_round10_shown import _ambiguous
from test_adversarial_round11_refs import CMD, _others
from test_adversarial_round13_refs import spell

COORD = ROLE["coordinator"]
PLACES = ["This also covers {x}.", "Same for {x}", "{x} too.", "Applies to {x}, thanks.", "Re {x}\nThanks"]

# --- R1: case words x signs x number forms -----------------------------------------------------------------------

# Case words of the nine languages whose numbers are read, with inflections (as people write them, accents kept)
CASE_WORDS = ["case", "Case", "CASE", "Fall", "Falls", "F\u00e4lle", "Akte", "Aktenzeichen", "Vorgang", "zaak",
              "dossier", "affaire", "cas", "caso", "casi", "expediente", "pratica", "fascicolo", "processo", "sprawa",
              "sprawie", "akta", "achos", "dosar", "dosarul", "cazul", "cazului"]
# Signs between the word and the number: any run of the ASCII pauses and joiners (not ',' and not '+ & $ % @')
SIGNS = ".;|*/\\<{}!?^`:#=_-~"


def _number(d: int, form: str) -> str:
    return {"digits": str(d), "padded": f"{d:03d}", "word": word(d, 0)}[form]


@settings(max_examples=300, deadline=None)
@given(w=st.sampled_from(CASE_WORDS), signs=st.text(alphabet=SIGNS, min_size=1, max_size=3),
       lead=st.sampled_from(["", " "]), trail=st.sampled_from(["", " "]), d=st.integers(2, 99),
       form=st.sampled_from(["digits", "padded", "word"]), place=st.sampled_from(PLACES),
       emphasis=st.sampled_from(["", "*", "**", "_"]))
def test_any_run_of_signs_between_a_case_word_and_its_number_names_the_case(
        w: str, signs: str, lead: str, trail: str, d: int, form: str, place: str, emphasis: str) -> None:
    text = place.format(x=f"{emphasis}{w}{emphasis}{lead}{signs}{trail}{_number(d, form)}")
    assert f"NS-CSPR-2026-{d:03d}" in _others(text), text


@settings(max_examples=100, deadline=None)
@given(w=st.sampled_from(["case", "Case", "Fall", "caso", "sprawa"]), d=st.integers(2, 99),
       shape=st.sampled_from(["*{w}* {n}", "**{w}** {n}", "_{w}_ {n}", "{w} **{n}**", "{w} <{n}>", "{w} {{{n}}}",
                              "{w} |{n}|", "{w} {d}a", "{w} {d}b"]), place=st.sampled_from(PLACES))
def test_emphasis_brackets_and_a_letter_after_the_number_name_the_case(w: str, d: int, shape: str,
                                                                       place: str) -> None:
    text = place.format(x=shape.format(w=w, n=d, d=d))
    assert f"NS-CSPR-2026-{d:03d}" in _others(text), text


# Ordinals 2-10 as written (this file's own list, not number_words.py's rules), in the languages' genders
ORDINALS = {
    "de": [("zweite", "zweiten", "zweiter"), ("dritte", "dritten"), ("vierte",), ("f\u00fcnfte", "f\u00fcnften"),
           ("sechste",), ("siebte", "siebten"), ("achte",), ("neunte",), ("zehnte",)],
    "nl": [("tweede",), ("derde",), ("vierde",), ("vijfde",), ("zesde",), ("zevende",), ("achtste",), ("negende",),
           ("tiende",)],
    "fr": [("deuxi\u00e8me", "seconde"), ("troisi\u00e8me",), ("quatri\u00e8me",), ("cinqui\u00e8me",),
           ("sixi\u00e8me",), ("septi\u00e8me",), ("huiti\u00e8me",), ("neuvi\u00e8me",), ("dixi\u00e8me",)],
    "es": [("segundo", "segunda"), ("tercero", "tercera"), ("cuarto",), ("quinto",), ("sexto",), ("s\u00e9ptimo",),
           ("octavo",), ("noveno",), ("d\u00e9cimo",)],
    "it": [("secondo", "seconda"), ("terzo",), ("quarto",), ("quinto",), ("sesto",), ("settimo",), ("ottavo",),
           ("nono",), ("decimo",)],
    "pt": [("segundo", "segunda"), ("terceiro",), ("quarto",), ("quinto",), ("sexto",), ("s\u00e9timo",),
           ("oitavo",), ("nono",), ("d\u00e9cimo",)],
    "pl": [("druga", "drugi", "drugiej"), ("trzecia", "trzeciej"), ("czwarta",), ("pi\u0105ta",), ("sz\u00f3sta",),
           ("si\u00f3dma",), ("\u00f3sma",), ("dziewi\u0105ta",), ("dziesi\u0105ta",)],
    "ro": [("al doilea", "a doua"), ("al treilea", "a treia"), ("al patrulea",), ("al cincilea",),
           ("al \u0219aselea",), ("al \u0219aptelea",), ("al optulea",), ("al nou\u0103lea",), ("al zecelea",)],
    "cy": [("ail",), ("trydydd",), ("pedwerydd",), ("pumed",), ("chweched",), ("seithfed",), ("wythfed",),
           ("nawfed",), ("degfed",)],
}
LANG_WORDS = {"de": ["Fall", "Akte"], "nl": ["zaak"], "fr": ["dossier", "affaire"], "es": ["caso", "expediente"],
              "it": ["caso", "fascicolo"], "pt": ["processo"], "pl": ["sprawa", "akta"], "ro": ["dosarul", "cazul"],
              "cy": ["achos"]}
# English words or names after "case": read after their own language's word only
AWAY_FROM_HOMOGRAPHS = {"ail", "nono"}
ENGLISH_WORDS = {"due", "once", "six", "sept", "seize", "pump", "opt", "um", "un", "une", "non"}


@settings(max_examples=200, deadline=None)
@given(lang=st.sampled_from(sorted(ORDINALS)), data=st.data(), place=st.sampled_from(PLACES),
       style=st.sampled_from([str, str.capitalize]), english=st.booleans())
def test_an_ordinal_of_the_nine_languages_after_a_case_word_names_the_case(lang: str, data: st.DataObject,
                                                                           place: str, style: object,
                                                                           english: bool) -> None:
    n = data.draw(st.integers(2, 10))
    ordinal = data.draw(st.sampled_from(ORDINALS[lang][n - 2]))
    english = english and ordinal not in AWAY_FROM_HOMOGRAPHS
    w = "case" if english else data.draw(st.sampled_from(LANG_WORDS[lang]))
    text = place.format(x=f"{w} {style(ordinal)}")  # type: ignore[operator]
    assert f"NS-CSPR-2026-{n:03d}" in _others(text), text


@settings(max_examples=150, deadline=None)
@given(lang=st.sampled_from(["de", "es", "it", "pt", "pl", "fr", "nl", "cy"]), n=st.integers(2, 69),
       w=st.sampled_from(["case", "Case", "Falls", "F\u00e4llen", "Aktenzeichen", "fascicolo", "akta", "cazului",
                          "sprawie"]), place=st.sampled_from(PLACES))
def test_a_number_word_of_the_nine_languages_after_any_case_word_names_the_case(lang: str, n: int, w: str,
                                                                                place: str) -> None:
    spelt = spell(lang, n)
    # English words ("case due", "case once", "Falls six") stay English after an English word for case
    assume(not (w in ("case", "Case", "Falls") and spelt.split()[0] in ENGLISH_WORDS))
    assume(not (w == "Falls" and spelt in ("dos", "uno", "tri", "otto", "dix", "venti", "naw", "deg")))
    text = place.format(x=f"{w} {spelt}")
    assert f"NS-CSPR-2026-{n:03d}" in _others(text), text


@pytest.mark.parametrize("spelt", ["dos", "tri", "otto", "dix", "venti"])
def test_a_number_word_that_is_no_english_word_after_case_names_the_case(spelt: str) -> None:
    from parsers.number_words import value

    n = value(spelt)
    assert n is not None and f"NS-CSPR-2026-{n:03d}" in _others(f"This also covers case {spelt}."), spelt


@settings(max_examples=150, deadline=None)
@given(d=st.integers(2, 99), place=st.sampled_from(PLACES),
       shape=st.sampled_from(["N.S. {d}", "N. S. {d}", "n.s. {d}", "N S {d}", "NS{d}", "ns{d}", "N.S.{d}",
                              "N-S {d}", "c a s e {d}", "c-a-s-e {d}", "C A S E {d}", "c.a.s.e. {d}", "also #{p}",
                              "#{p}", "/{p}", "see / {p}", "# {p}"]))
def test_initials_spaced_letters_and_a_padded_number_alone_name_the_case(d: int, place: str, shape: str) -> None:
    text = place.format(x=shape.format(d=d, p=f"{d:03d}"))
    assert f"NS-CSPR-2026-{d:03d}" in _others(text), text


STRANGER14 = ["case.2", "case/2", "*case* 2", "case | 2", "case ; 2", "case <2>", "case {2}", "case dos",
              "sprawa druga", "Falls zwei", "N.S. 2", "NS2", "also #002", "c a s e 2", "Aktenzeichen 2", "fascicolo 2",
              "akta 2", "case 2a", "/002", "c-a-s-e 2", "_case_ 2", "case ** 2 **", "case * 2", "N S 2"]


@pytest.mark.parametrize("spelling", STRANGER14)
def test_a_command_naming_case_2_these_ways_is_refused_as_ambiguous(spelling: str) -> None:
    raw = build([COORD], [stamp(OURS)], f"{CMD}; this also covers {spelling}.\n\nJo\n", mid="<r14c@x>")
    assert "NS-CSPR-2026-002" in _ambiguous(raw), spelling


# --- R2: the own reference, then a count, a date, a telephone number or an address -------------------------------

OWN = "NS-CSPR-2026-001"
LABELS = ["Case:", "CASE:", "case:", "Case -", "Case reference", "Case ref:", "Case Ref.", "Our case", "Re case",
          "Case no.", "Case #", "Fall:", "Caso:", "Sprawa:", "Dossier :", "Achos:", "Case: ref"]
JOINS = [" - ", " \u2013 ", " \u2014 ", " (", ", ", ": ", " ", " -> ", " | ", "; ", "\n"]
COUNTED = ["children", "child", "siblings", "agencies", "agencies outstanding", "returns in", "returns outstanding",
           "weeks", "days late", "referrals", "attachments", "of 4 returns in", "Behörden", "agencias", "dzieci",
           "o blant", "x returns"]
AFTERS = ["meeting on {date}", "call 0117 922 {d:04d}", "{d} Acacia Avenue, Bristol BS{e} 4QT", "seen {date}",
          "strategy meeting {d} December", "{d}.30pm", "tel. 07700 900{d:03d}", "{d} Station Road",
          "Flat {d}, 12 High Street", "page {d} of 3", "v{d}", "{d}/12/2026", "{date} at {e}pm"]


@settings(max_examples=300, deadline=None)
@given(label=st.sampled_from(LABELS), join=st.sampled_from(JOINS), d=st.integers(0, 99),
       words=st.booleans(), counted=st.sampled_from(COUNTED), close=st.sampled_from(["", ".", ")", " to chase."]),
       lead=st.sampled_from(["", "Thanks. ", "Update on "]))
def test_a_count_after_the_own_reference_is_no_other_case(label: str, join: str, d: int, words: bool, counted: str,
                                                          close: str, lead: str) -> None:
    number = word(d, 0) if words and 0 < d < 100 else str(d)
    text = f"{lead}{label} {OWN}{join}{number} {counted}{close}"
    assert _others(text) == [], text


@settings(max_examples=200, deadline=None)
@given(label=st.sampled_from(LABELS), join=st.sampled_from(JOINS), after=st.sampled_from(AFTERS),
       d=st.integers(1, 28), e=st.integers(1, 9))
def test_dates_telephone_numbers_and_addresses_after_the_own_reference_are_no_other_case(
        label: str, join: str, after: str, d: int, e: int) -> None:
    text = f"{label} {OWN}{join}{after.format(d=d, e=e, date=f'{d:02d}/12/2026')}"
    assert _others(text) == [], text


BENIGN = ["the case; {d} agencies outstanding", "*case* {d} agencies still to reply", "case | {d} weeks open",
          "The case. {d} things to add:", "the case/{d} agencies", "Case closed? {d} questions first.",
          "Falls zwei Beh\u00f6rden nicht antworten", "Falls {d} Beh\u00f6rden nicht antworten",
          "the case? {d} more weeks",
          "N.S. {d} agencies", "N S {d} children", "NS {d} children", "e.g. {d} copies", "a b c {d} items",
          "Postcode NS{d} 4QT", "Police ref 4471/0{d:02d}", "crime no. 41/0{d:02d}/26", "Invoice #0{d:02d}4",
          "the case ({d} children at home)", "case {{see section {d}.3}}", "case <br> {d} agencies replied",
          "the case - {d}a.m. meeting", "_case notes_ {d} pages", "case {d}am call", "sprawa druga strona medalu",
          "der zweite Fall ist anders", "Fall zweite Woche", "the review seconded", "a second opinion"]


def test_benign_generated_with_the_new_signs_and_words_is_no_other_case() -> None:
    texts = sorted({place.format(x=s.format(d=d)) for s in BENIGN for d in (2, 3, 7, 12, 45)
                    for place in ["{x}.", "Update: {x}, thanks.", "{x}\nJo"]})
    named = [(t, o) for t in texts if (o := _others(t))]
    assert len(texts) >= 300 and named == [], named


STRANGER14_ORDINARY = ["Case: NS-CSPR-2026-001 - 2 children", "CASE: NS-CSPR-2026-001 - 2 children",
                       "Case: NS-CSPR-2026-001 (2 children)", "Case reference NS-CSPR-2026-001 - 2 returns in",
                       "case: NS-CSPR-2026-001 - 3 agencies", "Case: NS-CSPR-2026-001 - two children"]


@pytest.mark.parametrize("text", STRANGER14_ORDINARY)
def test_a_command_with_its_own_reference_and_a_count_is_not_refused(text: str) -> None:
    raw = build([COORD], [stamp(OURS)], f"{CMD}\n\n{text}\n\nJo\n", mid="<r14o@x>")
    assert _ambiguous(raw) == "", text


@pytest.mark.parametrize("text", ["Case: NS-CSPR-2026-001 - 2.", "Case: NS-CSPR-2026-001 and 002",
                                  "Case: NS-CSPR-2026-001 (and 2)", "Case: NS-CSPR-2026-001, case 2 too"])
def test_another_case_after_the_own_labelled_reference_is_still_named(text: str) -> None:
    assert "NS-CSPR-2026-002" in _others(text), text
