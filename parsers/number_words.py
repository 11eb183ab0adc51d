"""Number words 1-99 in the languages whose word for "case" the reference finder knows besides English (German,
Dutch, French, Spanish, Italian, Portuguese, Polish, Welsh, Romanian), for reading "Fall zwei", "caso dos",
"achos rhif dau" as a case's number. For spotting a second case only, never for choosing one.

Built from each language's units, teens and tens and its rule for joining them (German "zweiundzwanzig", French
"soixante-dix-sept", Spanish "treinta y dos", Welsh "dau ddeg dau" and "un ar bymtheg"), so every number up to
ninety-nine is there, not a list of the ones an attacker tried. Keys are written as the finder reads text: lower
case, accents dropped (ref_readings folds them), 'ß' as "ss", 'ł' as "l", and spaces and hyphens taken out
("vingt-deux", "vingt deux" and "vingtdeux" are one key). English is named_cases' own (_WORD). The other EU
languages' case words (Swedish, Finnish, Czech, Hungarian, ...) are known but not their number words: "ärende två"
is not read (docs/RELIABILITY.md section 7). Ordinals too (stranger round 14: "sprawa druga", "Fall zweite",
"dossier deuxième"): German, Dutch and French by rule from the cardinals, the others' 2-10 (_ordinals).
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


def _ordinals(cardinals: dict[str, int]) -> dict[str, int]:
    """Ordinals 2-99 ("Fall zwei" is also written "der zweite Fall", "sprawa druga", "le deuxième dossier"): German,
    Dutch and French by their rule from the cardinals (German "zweite", "zwanzigste", with its endings -r -n -s -m;
    Dutch "tweede", "twintigste"; French "deuxième", "vingt-deuxième"), the others' 2-10 in their genders and
    (Polish) cases, which is how far people write them in words."""
    out: dict[str, int] = {}
    de = {w: v for w, v in cardinals.items() if w in _DE_KEYS and v > 1}
    for w, v in de.items():
        stem = {"drei": "dritt", "sieben": "siebt", "acht": "acht"}.get(w, w + ("t" if v < 20 else "st"))
        out |= {stem + e: v for e in ("e", "er", "en", "es", "em")}
    for w, v in ((w, v) for w, v in cardinals.items() if w in _NL_KEYS and v > 1):
        out[{"drie": "derde", "acht": "achtste"}.get(w, w + ("de" if v < 20 else "ste"))] = v
    for w, v in ((w, v) for w, v in cardinals.items() if w in _FR_KEYS and v > 1):
        stem = w[:-1] if w.endswith("e") else w[:-1] + "v" if w.endswith("neuf") else w + "u" if w.endswith(
            "cinq") else w
        out[stem + "ieme"] = v
    out |= {"second": 2, "seconde": 2, "deuxiemes": 2}
    for n, (es, it, pt) in enumerate(zip(_words("segund tercer cuart quint sext septim octav noven decim"),
                                         _words("second terz quart quint sest settim ottav non decim"),
                                         _words("segund terceir quart quint sext setim oitav non decim"),
                                         strict=True), start=2):
        out |= {stem + e: n for stem in (es, pt) for e in ("o", "a", "os", "as")} | {it + e: n for e in "oaie"}
    out |= {"tercero": 3, "tercera": 3, "terzi": 3, "terze": 3}
    pl = {"drug": ("i", "a", "e", "iej", "ą", "iego", "iemu", "im"), "trzec": ("i", "ia", "ie", "iej", "ią",
                                                                                  "iego", "iemu", "im")}
    for stem, v in zip(("drug", "trzec"), (2, 3), strict=True):
        out |= {key(stem + e): v for e in pl[stem]}
    for n, stem in enumerate(_words("czwart piąt szóst siódm ósm dziewiąt dziesiąt"),
                             start=4):
        out |= {key(stem + e): n for e in ("y", "a", "e", "ej", "ą", "ego", "emu", "ym")}
    for n, (m, f) in enumerate(zip(_words("doilea treilea patrulea cincilea saselea saptelea optulea noualea zecelea"),
                                   _words("doua treia patra cincea sasea saptea opta noua zecea"), strict=True),
                               start=2):
        out |= {m: n, "al" + m: n, "a" + f: n} | ({f: n} if n > 2 else {})
    out |= {w: n for n, w in enumerate(_words("ail trydydd pedwerydd pumed chweched seithfed wythfed nawfed degfed"),
                                       start=2)} | {"trydedd": 3, "pedwaredd": 4}
    return {w: v for w, v in out.items() if w not in cardinals}


_DE_KEYS = frozenset(key(w) for w in [*_DE_UNITS, *_DE_TEENS, *_DE_TENS]) | frozenset(
    key(u + "und" + t) for u in _DE_UNITS for t in _DE_TENS)
_NL_KEYS = frozenset(key(w) for w in [*_NL_UNITS, *_NL_TEENS, *_NL_TENS]) | frozenset(
    key(u + "en" + t) for u in _NL_UNITS for t in _NL_TENS)
_FR_TENS = ("vingt", "trente", "quarante", "cinquante", "soixante", "quatre-vingt")
_FR_KEYS = frozenset(key(w) for w in [*_FR_UNITS, *_FR_TEENS, *_FR_TENS]) | frozenset(
    key(f"{t}-{u}") for t in _FR_TENS for u in [*_FR_UNITS, *_FR_TEENS])
_CARDINALS = _build()
# Cardinals and ordinals: either is the case's number after a word for case
NUMBER_WORDS: dict[str, int] = _CARDINALS | _ordinals(_CARDINALS)
# The longest number word in words ("quatre vingt dix neuf", "pedwar ar bymtheg"): how far the finder looks.
MAX_TOKENS = 4
# Number words that are also English words ("the review due, ...", "once", "sept", "un"): read only after a case
# word of another language ("caso due", "caso once"), never after "case", "review", "referral", "matter" or "fall"
# ("He had a fall once."). German "elf" and "acht" are read after any ("case elf" is no English).
ENGLISH_HOMOGRAPHS = frozenset({"due", "once", "sept", "six", "un", "dos", "pump", "deg", "tri", "opt", "otto", "una",
                                "uno", "venti", "um", "seize", "naw", "dix", "ail", "second", "non", "nona", "nono"})
# Of those, the ones no English sentence puts right after "case" and ends there (stranger round 14: "case dos."
# was applied while "case deux." was refused): read after "case" too, the phrase ending after them; after
# "review", "referral", "matter" and "fall" still not ("the referral uno" is a name).
AFTER_CASE = frozenset({"dos", "uno", "una", "otto", "tri", "deg", "naw", "venti", "dix"})


def value(words: str) -> int | None:
    """The number `words` spell in one of the languages (None when it is no number word)."""
    return NUMBER_WORDS.get(key(words))
