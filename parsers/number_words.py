"""Number words 1-99 in the languages whose word for "case" the reference finder knows besides English (German,
Dutch, French, Spanish, Italian, Portuguese, Polish, Welsh, Romanian), for reading "Fall zwei", "caso dos",
"achos rhif dau" as a case's number. For spotting a second case only, never for choosing one.

Built from each language's units, teens and tens and its rule for joining them (German "zweiundzwanzig", French
"soixante-dix-sept", Spanish "treinta y dos", Welsh "dau ddeg dau" and "un ar bymtheg"), so every number up to
ninety-nine is there, not a list of the ones an attacker tried. Keys are written as the finder reads text: lower
case, accents dropped (ref_readings folds them), 'ß' as "ss", 'ł' as "l", and spaces and hyphens taken out
("vingt-deux", "vingt deux" and "vingtdeux" are one key). English is named_cases' own (_WORD). The other EU
languages' case words (Swedish, Finnish, Czech, Hungarian, ...) are known but not their number words: "ärende två"
is not read (docs/RELIABILITY.md section 7).
"""

from __future__ import annotations

import re
import unicodedata


def _words(line: str, sep: str | None = None) -> list[str]:
    return line.split(sep)


_DE_UNITS = _words("ein zwei drei vier funf sechs sieben acht neun")
_DE_TEENS = _words("zehn elf zwolf dreizehn vierzehn funfzehn sechzehn siebzehn achtzehn neunzehn")
_DE_TENS = _words("zwanzig dreissig vierzig funfzig sechzig siebzig achtzig neunzig")
_NL_UNITS = _words("een twee drie vier vijf zes zeven acht negen")
_NL_TEENS = _words("tien elf twaalf dertien veertien vijftien zestien zeventien achttien negentien")
_NL_TENS = _words("twintig dertig veertig vijftig zestig zeventig tachtig negentig")
_FR_UNITS = _words("un deux trois quatre cinq six sept huit neuf")
_FR_TEENS = _words("dix onze douze treize quatorze quinze seize dix-sept dix-huit dix-neuf")
_ES_UNITS = _words("uno dos tres cuatro cinco seis siete ocho nueve")
_ES_TEENS = _words("diez once doce trece catorce quince dieciseis diecisiete dieciocho diecinueve")
_ES_TENS = _words("veinte treinta cuarenta cincuenta sesenta setenta ochenta noventa")
_IT_UNITS = _words("uno due tre quattro cinque sei sette otto nove")
_IT_TEENS = _words("dieci undici dodici tredici quattordici quindici sedici diciassette diciotto diciannove")
_IT_TENS = _words("venti trenta quaranta cinquanta sessanta settanta ottanta novanta")
_PT_UNITS = _words("um dois tres quatro cinco seis sete oito nove")
_PT_TEENS = _words("dez onze doze treze catorze quinze dezasseis dezassete dezoito dezanove")
_PT_TENS = _words("vinte trinta quarenta cinquenta sessenta setenta oitenta noventa")
_PL_UNITS = _words("jeden dwa trzy cztery piec szesc siedem osiem dziewiec")
_PL_TEENS = _words("dziesiec jedenascie dwanascie trzynascie czternascie pietnascie szesnascie siedemnascie "
                   "osiemnascie dziewietnascie")
_PL_TENS = _words("dwadziescia trzydziesci czterdziesci piecdziesiat szescdziesiat siedemdziesiat osiemdziesiat "
                  "dziewiecdziesiat")
_RO_UNITS = _words("unu doi trei patru cinci sase sapte opt noua")
_RO_TEENS = _words("zece unsprezece doisprezece treisprezece paisprezece cincisprezece saisprezece saptesprezece "
                   "optsprezece nouasprezece")
_RO_TENS = _words("douazeci treizeci patruzeci cincizeci saizeci saptezeci optzeci nouazeci")
# Welsh, decimal ("dau ddeg dau", 22) and the traditional teens; a unit's soft-mutated form too ("rhif ddau")
_CY_UNITS = _words("un dau tri pedwar pump chwech saith wyth naw")
_CY_TENS_HEAD = _words("dau ddeg|tri deg|pedwar deg|pum deg|chwe deg|saith deg|wyth deg|naw deg", "|")
_CY_OLD = {"un ar ddeg": 11, "deuddeg": 12, "tri ar ddeg": 13, "pedwar ar ddeg": 14, "pymtheg": 15,
           "un ar bymtheg": 16, "dau ar bymtheg": 17, "deunaw": 18, "pedwar ar bymtheg": 19, "ugain": 20,
           "ddau": 2, "dwy": 2, "dri": 3, "tair": 3, "bedwar": 4, "pum": 5, "chwe": 6, "deg": 10, "ddeg": 10}


def key(word: str) -> str:
    """A number word as the table is keyed: lower case, accents and separators gone ("Vingt-Deux" -> vingtdeux)."""
    plain = word.lower().replace("\u00df", "ss").replace("\u0142", "l")
    plain = "".join(c for c in unicodedata.normalize("NFKD", plain) if not unicodedata.combining(c))
    return re.sub(r"[\s\-\u00a0]+", "", plain)


def _decimal(units: list[str], teens: list[str], tens: list[str], join: str) -> dict[str, int]:
    """1-99 where a ten is followed by its unit: "treinta y dos", "douazeci si doi", "dwadziescia dwa"."""
    out = {w: i + 1 for i, w in enumerate(units)} | {w: i + 10 for i, w in enumerate(teens)}
    for t, ten in enumerate(tens):
        out[ten] = 20 + 10 * t
        for u, unit in enumerate(units):
            out[f"{ten} {join} {unit}"] = 21 + 10 * t + u
    return out


def _build() -> dict[str, int]:
    words: dict[str, int] = {}
    # German and Dutch: the unit first, glued ("zweiundzwanzig", "tweeentwintig" as 'ë' folds)
    for units, teens, tens, join in ((_DE_UNITS, _DE_TEENS, _DE_TENS, "und"), (_NL_UNITS, _NL_TEENS, _NL_TENS, "en")):
        words |= {w: i + 1 for i, w in enumerate(units)} | {w: i + 10 for i, w in enumerate(teens)}
        for t, ten in enumerate(tens):
            words[ten] = 20 + 10 * t
            for u, unit in enumerate(units):
                words[unit + join + ten] = 21 + 10 * t + u
    words |= {"eins": 1, "eine": 1, "zwo": 2, "fuenf": 5, "zwoelf": 12, "fuenfzehn": 15, "fuenfzig": 50}
    # French: "vingt et un", "soixante-dix", "quatre-vingt-dix-neuf"
    fr = {w: i + 1 for i, w in enumerate(_FR_UNITS)} | {w: i + 10 for i, w in enumerate(_FR_TEENS)} | {"une": 1}
    for ten, value in (("vingt", 20), ("trente", 30), ("quarante", 40), ("cinquante", 50), ("soixante", 60),
                       ("quatre-vingt", 80)):
        fr[ten] = value
        fr[f"{ten} et un"] = value + 1
        fr |= {f"{ten}-{u}": value + i + 1 for i, u in enumerate(_FR_UNITS)}
        if value in (60, 80):  # 70-79, 90-99 count on from ten: "soixante-dix-sept", "quatre-vingt-onze"
            fr |= {f"{ten}-{t}": value + 10 + i for i, t in enumerate(_FR_TEENS)}
    fr |= {"quatre-vingts": 80, "soixante et onze": 71}
    words |= fr
    # Spanish (21-29 glued: "veintidos"), Italian (glued, the ten's vowel dropped before uno/otto: "ventotto"),
    # Portuguese (Brazil's teens too), Polish, Romanian
    words |= _decimal(_ES_UNITS, _ES_TEENS, _ES_TENS, "y") | {"un": 1, "una": 1, "veinti" + "un": 21}
    words |= {"veinti" + u: 21 + i for i, u in enumerate(_ES_UNITS)}
    for t, ten in enumerate(_IT_TENS):
        words[ten] = 20 + 10 * t
        words |= {(ten[:-1] if u[0] in "uo" else ten) + u: 21 + 10 * t + i for i, u in enumerate(_IT_UNITS)}
    words |= {w: i + 1 for i, w in enumerate(_IT_UNITS)} | {w: i + 10 for i, w in enumerate(_IT_TEENS)}
    words |= _decimal(_PT_UNITS, _PT_TEENS, _PT_TENS, "e") | {"uma": 1, "duas": 2, "quatorze": 14,
                                                              "dezesseis": 16, "dezessete": 17, "dezenove": 19}
    words |= _decimal(_PL_UNITS, _PL_TEENS, _PL_TENS, "") | {"jedna": 1, "dwie": 2}
    words |= _decimal(_RO_UNITS, _RO_TEENS, _RO_TENS, "si") | {"unul": 1, "una": 1, "doua": 2, "douasprezece": 12}
    # Welsh
    cy = {w: i + 1 for i, w in enumerate(_CY_UNITS)} | _CY_OLD
    for t, head in enumerate(_CY_TENS_HEAD):
        cy[head] = 20 + 10 * t
        cy |= {f"{head} {u}": 21 + 10 * t + i for i, u in enumerate(_CY_UNITS)}
    cy |= {f"un deg {u}": 11 + i for i, u in enumerate(_CY_UNITS)} | {"un deg": 10}
    words |= cy
    return {w.replace(" ", "").replace("-", ""): v for w, v in words.items()}  # written in ASCII: key() is this


NUMBER_WORDS: dict[str, int] = _build()
# The longest number word in words ("quatre vingt dix neuf", "pedwar ar bymtheg"): how far the finder looks.
MAX_TOKENS = 4
# Number words that are also English words ("the review due, ...", "once", "sept", "un"): read only after a case
# word of another language ("caso due", "caso once"), never after "case", "review", "referral", "matter" or "fall"
# ("He had a fall once."). German "elf" and "acht" are read after any ("case elf" is no English).
ENGLISH_HOMOGRAPHS = frozenset({"due", "once", "sept", "six", "un", "dos", "pump", "deg", "tri", "opt", "otto", "una",
                                "uno", "venti", "um", "seize", "naw", "dix"})


def value(words: str) -> int | None:
    """The number `words` spell in one of the languages (None when it is no number word)."""
    return NUMBER_WORDS.get(key(words))
