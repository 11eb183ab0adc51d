"""Adversarial suite, what stranger round 13 left on case references (issue 10, break 1), generated, read at the
parser and through it.

  R1. another language's number word after its word for case, or after "case" (`Fall zwei`, `caso dos`, `caso
      due`, `dossier deux`, `zaak twee`, `sprawa dwa`, `achos rhif dau`, `processo dois`, `case zwei`): the
      command was applied to its subject's case. Now every number 1-99 of the languages whose case words are read
      (parsers/number_words.py) is its number; spelt here by this file's own spellers, accents and all.
  R2. ASCII arrows and ellipses between the word and the number (`case -> 2`, `case => 2`, `case ... 2`), read as
      the Unicode arrow was: any run of them, a pause (the phrase must end after a short number).
  R3. a reference with dotted initials (`N.S.-C.S.P.R.-2026-002`), the partnership's prefix and the number alone
      (`NS-002`, `NS #2`), a year in words joined to the number (`case twenty-six-002`), and "case" with look-alike
      signs for its letters (`Kase 2`, `ca$e 2`, `cas3 2`, `c@se 2`, `kejs 2`).
The other side, generated and measured: counts after the same words and connectors (`Fall zwei Wochen`, `achos dau
o blant`, `case -> 2 agencies`), English words that are number words elsewhere (`the review due, ...`, `in case
once more`), the prefix before a count or a telephone number, dotted abbreviations (`e.g. 2 copies`): none refused.
"""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reliability_kit import ROLE
from test_adversarial import OURS, build, stamp
from test_adversarial_round10_shown import _ambiguous
from test_adversarial_round11_refs import CMD, _others

COORD = ROLE["coordinator"]

def _words(line: str, sep: str | None = None) -> list[str]:
    return line.split(sep)


# --- this file's own spellers (not number_words.py's tables): 1-99 as people write them, accents kept -----------
_DE = _words("eins zwei drei vier fünf sechs sieben acht neun zehn elf zwölf dreizehn vierzehn fünfzehn sechzehn "
             "siebzehn achtzehn neunzehn")
_DE_T = _words("zwanzig dreißig vierzig fünfzig sechzig siebzig achtzig neunzig")
_ES = _words("uno dos tres cuatro cinco seis siete ocho nueve diez once doce trece catorce quince dieciséis diecisiete "
             "dieciocho diecinueve")
_ES_T = _words("veinte treinta cuarenta cincuenta sesenta setenta ochenta noventa")
_ES_20 = _words("veintiuno veintidós veintitrés veinticuatro veinticinco veintiséis veintisiete veintiocho veintinueve")
_IT = _words("uno due tre quattro cinque sei sette otto nove dieci undici dodici tredici quattordici quindici sedici "
             "diciassette diciotto diciannove")
_IT_T = _words("venti trenta quaranta cinquanta sessanta settanta ottanta novanta")
_PT = _words("um dois três quatro cinco seis sete oito nove dez onze doze treze catorze quinze dezasseis dezassete "
             "dezoito dezanove")
_PT_T = _words("vinte trinta quarenta cinquenta sessenta setenta oitenta noventa")
_PL = _words("jeden dwa trzy cztery pięć sześć siedem osiem dziewięć dziesięć jedenaście dwanaście trzynaście "
             "czternaście piętnaście szesnaście siedemnaście osiemnaście dziewiętnaście")
_PL_T = _words("dwadzieścia trzydzieści czterdzieści pięćdziesiąt sześćdziesiąt siedemdziesiąt osiemdziesiąt "
               "dziewięćdziesiąt")
_FR = _words("un deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze seize dix-sept "
             "dix-huit dix-neuf")
_FR_T = _words("vingt trente quarante cinquante soixante")
_CY = _words("un dau tri pedwar pump chwech saith wyth naw")
_CY_T = _words("dau ddeg|tri deg|pedwar deg|pum deg|chwe deg|saith deg|wyth deg|naw deg", "|")
_NL = _words("een twee drie vier vijf zes zeven acht negen tien elf twaalf dertien veertien vijftien zestien zeventien "
             "achttien negentien")
_NL_T = _words("twintig dertig veertig vijftig zestig zeventig tachtig negentig")


def spell(lang: str, n: int) -> str:
    """n (1-99) in `lang`, as written."""
    u, t = divmod(n, 10)[1], n // 10
    if lang == "de":
        return _DE[n - 1] if n < 20 else (("ein" if u == 1 else _DE[u - 1]) + "und" if u else "") + _DE_T[t - 2]
    if lang == "nl":
        return _NL[n - 1] if n < 20 else (_NL[u - 1] + ("ën" if _NL[u - 1].endswith("e") else "en") if u else "") + (
            _NL_T[t - 2])
    if lang == "es":
        return _ES[n - 1] if n < 20 else _ES_20[u - 1] if t == 2 and u else _ES_T[t - 2] + (f" y {_ES[u - 1]}" if u
                                                                                            else "")
    if lang == "it":
        if n < 20:
            return _IT[n - 1]
        ten = _IT_T[t - 2]
        return (ten[:-1] if u in (1, 8) else ten) + ("tré" if u == 3 else _IT[u - 1] if u else "")
    if lang == "pt":
        return _PT[n - 1] if n < 20 else _PT_T[t - 2] + (f" e {_PT[u - 1]}" if u else "")
    if lang == "pl":
        return _PL[n - 1] if n < 20 else _PL_T[t - 2] + (f" {_PL[u - 1]}" if u else "")
    if lang == "fr":  # up to 69
        return _FR[n - 1] if n < 20 else _FR_T[t - 2] + (" et un" if u == 1 else f"-{_FR[u - 1]}" if u else "")
    if lang == "cy":
        return _CY[n - 1] if n < 10 else "deg" if n == 10 else f"un deg {_CY[u - 1]}" if t == 1 else _CY_T[t - 2] + (
            f" {_CY[u - 1]}" if u else "")
    raise ValueError(lang)


CASE_WORDS = {"de": ["Fall", "Akte", "Fall Nr."], "nl": ["zaak", "zaak nr."], "es": ["caso", "expediente"],
              "it": ["caso", "pratica", "caso n."], "pt": ["processo", "caso"], "pl": ["sprawa", "sprawa nr"],
              "fr": ["dossier", "affaire", "dossier n\u00b0", "cas"], "cy": ["achos", "achos rhif"]}
TOP = {"fr": 69}
PLACES = ["This also covers {x}.", "Same for {x}", "{x} too.", "Applies to {x}, thanks.", "Re {x}\nThanks",
          "Gilt auch f\u00fcr {x}.", "Tambi\u00e9n para el {x}."]


@settings(max_examples=200, deadline=None)
@given(lang=st.sampled_from(sorted(CASE_WORDS)), data=st.data(), place=st.sampled_from(PLACES),
       style=st.sampled_from([str, str.capitalize, str.upper]))
def test_a_number_word_after_its_languages_case_word_names_the_case(lang: str, data: st.DataObject, place: str,
                                                                   style: object) -> None:
    n = data.draw(st.integers(2, TOP.get(lang, 99)))
    word = data.draw(st.sampled_from(CASE_WORDS[lang]))
    text = place.format(x=f"{word} {style(spell(lang, n))}")  # type: ignore[operator]
    assert f"NS-CSPR-2026-{n:03d}" in _others(text), text


@settings(max_examples=100, deadline=None)
@given(lang=st.sampled_from(["de", "pl", "nl"]), n=st.integers(13, 99), place=st.sampled_from(PLACES),
       word=st.sampled_from(["case", "Case", "case no.", "referral", "matter"]))
def test_a_number_word_of_another_language_after_case_names_the_case(lang: str, n: int, place: str,
                                                                     word: str) -> None:
    text = place.format(x=f"{word} {spell(lang, n)}")
    assert f"NS-CSPR-2026-{n:03d}" in _others(text), text


ROUND13_WORDS = ["Fall zwei", "case zwei", "cas deux", "caso dos", "caso due", "dossier deux", "zaak twee",
                 "sprawa dwa", "achos dau", "achos rhif dau", "processo dois"]


def test_the_round13_number_words_name_case_2() -> None:
    missed = [w for w in ROUND13_WORDS if "NS-CSPR-2026-002" not in _others(f"This also covers {w}.")]
    assert missed == [], missed


# --- R2: connectors ----------------------------------------------------------------------------------------------

ARROWS = ["->", "=>", "-->", "==>", "~>", ">", ">>", "...", "..", "\u2026", "\u2192", "\u21d2", "\u2014>", "- >",
          ": ->", "=>>", "......"]


@settings(max_examples=150, deadline=None)
@given(arrow=st.sampled_from(ARROWS), before=st.sampled_from(["", " "]), after=st.sampled_from(["", " "]),
       d=st.integers(2, 99), padded=st.booleans(), place=st.sampled_from(PLACES[:5]),
       word=st.sampled_from(["case", "Case", "caso", "Fall", "achos"]))
def test_any_arrow_or_ellipsis_between_case_and_its_number_names_the_case(arrow: str, before: str, after: str,
                                                                          d: int, padded: bool, place: str,
                                                                          word: str) -> None:
    number = f"{d:03d}" if padded else str(d)
    text = place.format(x=f"{word}{before}{arrow}{after}{number}")
    assert f"NS-CSPR-2026-{d:03d}" in _others(text), text


# --- R3: references and spellings of "case" ----------------------------------------------------------------------

def _dotted(letters: str, space: str) -> str:
    return ("." + space).join(letters) + "."


@settings(max_examples=100, deadline=None)
@given(space=st.sampled_from(["", " "]), sep=st.sampled_from(["-", " ", "/", " - "]), d=st.integers(2, 99),
       lower=st.booleans(), prefix=st.booleans())
def test_a_reference_with_dotted_initials_names_the_case(space: str, sep: str, d: int, lower: bool,
                                                         prefix: bool) -> None:
    head = (_dotted("NS", space) + sep if prefix else "") + _dotted("CSPR", space)
    ref = f"{head}{sep}2026{sep}{d:03d}"
    text = f"This also covers {ref.lower() if lower else ref}."
    assert any(o.endswith(f"CSPR-2026-{d:03d}") for o in _others(text)), text


PREFIX_ALONE = ["NS-{p}", "NS-{d}", "NS #{d}", "NS {p}", "ns/{d}", "NS No. {d}", "NS_{p}", "NS - {p}", "NS:{d}"]
JOINED = ["case twenty-six-{p}", "case twenty-six/{p}", "case twenty six-{p}", "Case Twenty-Six-{p}"]


@pytest.mark.parametrize("shape", PREFIX_ALONE + JOINED)
@pytest.mark.parametrize("d", [2, 7, 42])
def test_the_prefix_or_a_year_in_words_with_the_number_names_the_case(shape: str, d: int) -> None:
    text = f"This also covers {shape.format(p=f'{d:03d}', d=d)}."
    assert f"NS-CSPR-2026-{d:03d}" in _others(text), text


@settings(max_examples=100, deadline=None)
@given(c=st.sampled_from("cCkK"), a=st.sampled_from("aA4"), s=st.sampled_from("sS$5z"), e=st.sampled_from("eE3"),
       d=st.integers(2, 99), place=st.sampled_from(PLACES[:5]))
def test_case_with_look_alike_signs_names_the_case(c: str, a: str, s: str, e: str, d: int, place: str) -> None:
    # not '@' ("c@se 2"): the finder takes mail addresses out first, and "c@se" is written as one
    text = place.format(x=f"{c}{a}{s}{e} {d}")
    assert f"NS-CSPR-2026-{d:03d}" in _others(text), text


def test_kejs_names_the_case() -> None:
    assert "NS-CSPR-2026-002" in _others("This also covers kejs 2.")


# --- through the parser: the stranger's spellings refused as ambiguous ------------------------------------------

STRANGER13 = [*ROUND13_WORDS, "case -> 2", "case => 2", "case ... 2", "N.S.-C.S.P.R.-2026-002", "NS-002",
              "case twenty-six-002", "Kase 2", "ca$e 2", "cas3 2", "kejs 2"]


@pytest.mark.parametrize("spelling", STRANGER13)
def test_a_command_naming_case_2_these_ways_is_refused_as_ambiguous(spelling: str) -> None:
    raw = build([COORD], [stamp(OURS)], f"{CMD}; this also covers {spelling}.\n\nJo\n", mid="<r13c@x>")
    assert "NS-CSPR-2026-002" in _ambiguous(raw), spelling


# --- the other side ----------------------------------------------------------------------------------------------

BENIGN = ["Fall {w_de} Wochen sp\u00e4ter", "achos {w_cy} o blant", "caso {w_es} semanas", "dossier {w_fr} pages",
          "a fall {d} weeks ago", "the case conference on the {d}nd", "{d} children at home", "the review due, then",
          "the case due today", "in case once more", "the matter once again", "referral sept 2026",
          "case -> {d} agencies", "case => {d} weeks", "I'm on the case... {d} more to go", "case ~{d} weeks",
          "we reviewed the case.. {d} agencies replied", "the case \u2192 {d} agencies", "e.g. {d} copies",
          "i.e. {d} calls", "a.m. {d} calls", "N.S. {d} children", "NS {d} children", "NS - {d} agencies",
          "NS 0117 922 3000", "NS 02/12/2026", "K\u00e4se {d} kg", "Kase said {d} children", "cas{d} bus",
          "case twenty-six weeks", "caso due giorni fa", "review on 2026-12-0{e}", "just in case: {d} copies",
          "in that case -> {d} more", "Fall {d} Wochen", "He had a fall once", "a fall six weeks ago",
          "the dossier once more", "we discussed the case\n> {d}. The police replied", "the referral uno",
          "the review seize", "CAS {d} referrals", "the CAS team"]


def test_benign_generated_is_no_other_case() -> None:
    texts = sorted({place.format(x=s.format(d=d, e=e, w_de=spell("de", d), w_cy=spell("cy", d),
                                            w_es=spell("es", d), w_fr=spell("fr", d)))
                    for s, (d, e), place in itertools.product(BENIGN, [(2, 3), (4, 7), (12, 5), (23, 8)],
                                                              ["{x}.", "Update: {x}, thanks.", "{x}\nJo"])})
    named = [(t, o) for t in texts if (o := _others(t))]
    assert len(texts) >= 300 and named == [], named


COUNT_NOUNS = {"de": "Wochen", "nl": "weken", "es": "semanas", "it": "giorni", "pt": "dias", "pl": "dni", "fr": "jours",
               "cy": "o blant", "en": "agencies"}


@settings(max_examples=150, deadline=None)
@given(lang=st.sampled_from(sorted(CASE_WORDS)), data=st.data(), arrow=st.sampled_from(["", *ARROWS]),
       lead=st.sampled_from(["", "Update: ", "Thanks.\n"]))
def test_a_count_after_the_same_words_and_connectors_is_no_case(lang: str, data: st.DataObject, arrow: str,
                                                                lead: str) -> None:
    n = data.draw(st.integers(2, TOP.get(lang, 99)))
    word = data.draw(st.sampled_from([CASE_WORDS[lang][0], "case"]))
    number = spell(lang, n) if not arrow else str(n)
    text = f"{lead}In this {word} {arrow} {number} {COUNT_NOUNS[lang]} passed before the meeting."
    assert _others(text) == [], text
