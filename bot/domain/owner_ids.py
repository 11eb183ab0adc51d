"""Does an address that would own a learning action identify a child? An action's owner is printed in every
digest, so an address spelling a child's or a family member's name, date of birth, postcode or street is
refused (ACTION) and hidden ("owner to check": digest, `csprbot case`, the web case page).

Pure. What is checked: the case's own form as read (names of the child, the carer and family members; dates
of birth; postcodes; the street line of addresses) and the stored keys of every other open case (the child's
name key and date of birth key, `cases.child_name_key`/`child_dob_key`: one indexed column read, never a form).
Both the local part and the domain (below the secure suffix, when it is not an agency's own) are read: as
typed, with leetspeak folded (4->a, 3->e, 1->i or l, 0->o, 5->s, 7->t), doubled letters read once, IDN labels
(xn--) decoded, and reversed; month names are read as numbers (14mar2019, mar14), and a day and month or a year
beside the initials (af0314, a.f.2019) is a date of birth.

A name of any open case without its vowels is caught when it keeps 5 consonants or more (fctnl, tstcs). Not
caught, by choice (docs/SECURITY.md): a shorter vowel-less name (lx), initials alone, a phonetic spelling, an
anagram other than the reversal, a name part under 3 letters (under 4 for a prefix; another case's name words
under 4 letters unless the whole name is there), another case's postcode or street, and family members of
*another* case whose names differ from the child's (none of these is in a stored key). A professional whose own
name is one of these uses a role.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

# Letters NFKD does not split into a base letter and a mark, folded by hand (Søren, Łukasz, Straße).
_FOLD = str.maketrans({"ø": "o", "ł": "l", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe", "ð": "d", "þ": "th",
                       "ı": "i"})
# Leetspeak folded: 4->a, 3->e, 0->o, 5->s, 7->t; 1, i and l all read as one letter (written "1" on both sides),
# so j0.f1c710n41 (1 for i and for l in one word) still reads as jo.fictional.
_LEET = str.maketrans("43057il", "aeost11")
_UK_POSTCODE = re.compile(r"\b([A-Z]{1,2}\d[A-Z\d]?)\s*(\d[A-Z]{2})\b", re.I)
# Words of a street line that name no place (a house number and the street's own name do).
_GENERIC = frozenset(("lane", "road", "street", "avenue", "close", "drive", "way", "court", "place", "crescent",
    "grove", "gardens", "garden", "terrace", "hill", "park", "view", "house", "flat", "flats", "apartment",
    "apartments", "row", "square", "walk", "mews", "rise", "green", "lodge", "cottage", "cottages", "farm",
    "estate", "the", "and", "north", "south", "east", "west", "upper", "lower", "new", "old"))


def _fold(text: str) -> str:
    """Lower case, diacritics folded, apostrophes dropped (O'Brien -> obrien)."""
    folded = unicodedata.normalize("NFKD", text.lower().translate(_FOLD))
    return re.sub(r"['’`]", "", "".join(ch for ch in folded if not unicodedata.combining(ch)))


def words(text: str) -> list[str]:
    """A name's words, lower case, diacritics folded, apostrophes dropped."""
    return [w for w in re.split(r"[^a-z]+", _fold(text)) if w]


@dataclass(frozen=True)
class Identifiers:
    """What identifies a child, to read owners against. `names`: each name's words (the case's own form);
    `other_names`: the name keys' words of other open cases (a stricter match: see module doc); `births`: dates
    of birth; `postcodes` (compact, lower case); `streets`: street lines (the street's own words)."""

    names: tuple[tuple[str, ...], ...] = ()
    other_names: tuple[tuple[str, ...], ...] = ()
    births: tuple[date, ...] = ()
    postcodes: tuple[str, ...] = ()
    streets: tuple[tuple[str, ...], ...] = ()

    def __add__(self, other: Identifiers) -> Identifiers:
        return Identifiers(self.names + other.names, self.other_names + other.other_names,
                           self.births + other.births, self.postcodes + other.postcodes,
                           self.streets + other.streets)


def _date(raw: object) -> date | None:
    try:
        return date.fromisoformat(str(raw)[:10]) if raw else None
    except ValueError:
        return None


def _postcodes(address: object) -> list[str]:
    return [(m.group(1) + m.group(2)).lower() for m in _UK_POSTCODE.finditer(str(address or ""))]


def _street(address: object) -> tuple[str, ...]:
    """The street line's own words (4+ letters, not Lane, Road...) of an address."""
    text = str(address or "")
    line = re.split(r"[,\n;]", _UK_POSTCODE.sub(" ", text), maxsplit=1)[0]
    ws = re.findall(r"[a-z]+|\d+[a-z]?", _fold(line))
    # Up to the street word (Lane, Road...): a town after it, with no comma, names no one.
    cut = next((i for i, w in enumerate(ws) if w in _GENERIC and i > 0), len(ws) - 1)
    return tuple(w for w in ws[:cut + 1] if w not in _GENERIC and len(w) >= 4 and not w[0].isdigit())


def from_form(referral: Any) -> Identifiers:
    """The identifiers on a case's form as read (`Case.referral_json`, with corrections)."""
    form: dict[str, Any] = referral if isinstance(referral, dict) else {}
    child: dict[str, Any] = form["child"] if isinstance(form.get("child"), dict) else {}
    family = [m for m in (form.get("family") if isinstance(form.get("family"), list) else []) or []
              if isinstance(m, dict)]
    names = [child.get("name"), re.sub(r"\(.*?\)", " ", str(child.get("carer") or "")),
             *(m.get("name") for m in family)]
    births = [_date(child.get("date_of_birth")), *(_date(m.get("date_of_birth")) for m in family)]
    addresses = (child.get("home_address"), *(m.get("address") for m in family))
    return Identifiers(tuple(tuple(ws) for n in names if (ws := words(str(n or "")))),
                       births=tuple(b for b in births if b),
                       postcodes=tuple(p for a in addresses for p in _postcodes(a)),
                       streets=tuple(st for a in addresses if (st := _street(a))))


def from_keys(keys: Iterable[tuple[str | None, str | None]]) -> Identifiers:
    """The identifiers of other open cases from their stored keys: (child_name_key, child_dob_key) each."""
    names, births = [], []
    for name_key, dob_key in keys:
        if ws := words(str(name_key or "")):
            names.append(tuple(ws))
        if b := _date(dob_key):
            births.append(b)
    return Identifiers(other_names=tuple(names), births=tuple(births))


def _readings(text: str) -> list[str]:
    """The letters of `text` as typed (digits dropped) and its leetspeak skeleton (_LEET), each also reversed."""
    low = _fold(text)
    out = [re.sub(r"[^a-z]+", "", low), re.sub(r"[^a-z1]+", "", low.translate(_LEET))]
    out += [re.sub(r"(.)\1+", r"\1", r) for r in out]  # letters doubled (aallex): read once, as is each name
    return list(dict.fromkeys(r for s in out for r in (s, s[::-1]) if r))


def _single(name: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(re.sub(r"(.)\1+", r"\1", w) for w in name)


def _skeleton(name: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(w.translate(_LEET) for w in name)


def _date_forms(d: date) -> set[str]:
    y, yy, m, dd = f"{d.year:04d}", f"{d.year % 100:02d}", f"{d.month:02d}", f"{d.day:02d}"
    return {y + m + dd, dd + m + y, m + dd + y, dd + m + yy, yy + m + dd, m + dd + yy,
            f"{d.day}{d.month}{d.year}", f"{d.day}{d.month}{yy}"}


def _name_hit(reading: str, tokens: list[str], name: tuple[str, ...], least: int) -> bool:
    if any(len(w) >= least and w in reading for w in name):
        return True
    if len(name) > 1 and reading in ("".join(name), "".join(reversed(name))):
        return True
    short = [w for w in name if len(w) < 3]
    if short and any(reading in (w + o[0], o[0] + w) for w in short for o in name if o is not w):
        return True
    # A name cut short (fict for Fictional): a whole token of 4+ letters that begins a longer name word.
    return least == 3 and any(len(t) >= 4 and len(w) > len(t) and w.startswith(t) for t in tokens for w in name)


def _unicode_labels(text: str) -> str:
    """IDN labels (`xn--rbin-qqa`, the A-label a mail client may show as `röbin`) decoded to what they spell, so
    the name in them is read; a label that does not decode is left as it is."""
    def decode(m: re.Match[str]) -> str:
        try:
            return m.group(1).encode("ascii").decode("punycode")
        except (UnicodeError, ValueError):
            return m.group(0)
    return re.sub(r"(?i)\bxn--([a-z0-9-]+?)(?=$|[.@+_])", decode, text)


# Month names (and their short forms) beside digits or separators, read as the month's number (14mar2019 is
# 14032019); ordinal endings after a day dropped (march14th).
_MONTHS = re.compile(r"(?<![a-z])(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)(?:uary|ruary|ch|il|e|y|ust|t|"
                     r"tember|ember|ober)?(?![a-z])")
_MONTH_NO = {m: f"{k:02d}" for k, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep",
                                                   "oct", "nov", "dec"), 1)}


def _dated(folded: str) -> tuple[str, bool]:
    """The digits of an address with month names read as numbers, and whether a month name was there (then a
    month with a day or a year is already a date of birth: mar14, 14march, mar2019)."""
    if not re.search(r"\d", folded):
        return "", False
    plain = re.sub(r"(\d)(?:st|nd|rd|th)(?![a-z])", r"\1", folded)
    named = _MONTHS.sub(lambda m: _MONTH_NO[m.group(1)], plain)
    return "".join(re.findall(r"\d", named)), named != plain


def _day_month_forms(d: date) -> set[str]:
    m, dd = f"{d.month:02d}", f"{d.day:02d}"
    return {dd + m, m + dd, f"{d.day}{d.month}", f"{d.month}{d.day}", f"{d.day}{m}", f"{m}{d.day}"}


def _consonants(word: str) -> str:
    return re.sub(r"[aeiouy]+", "", word)


def identifies(text: str, ids: Identifiers) -> str | None:
    """What in `text` (an address's local part or domain stem) identifies a child, or None: "name", "date of
    birth", "address". The reason names the kind only, never the value (it is audited and mailed)."""
    text = _unicode_labels(text)
    readings = _readings(text)
    tokens = [t for t in re.split(r"[^a-z]+", _fold(text)) if t]
    # A name of this case, or of another open case, written without its vowels (lx.fctnl, tstcs.rbn): a name
    # word's consonants, or the whole name's, when 5 or more (4 would take clerk for Clarke), in the reading's.
    bare = [_consonants(r) for r in readings[:2]]
    every = (*ids.names, *ids.other_names)
    if any(len(c) >= 5 and c in b for n in every for c in (*map(_consonants, n), _consonants("".join(n)))
           for b in bare):
        return "name"
    names = [*ids.names, *map(_skeleton, ids.names), *map(_single, ids.names)]
    others = [*ids.other_names, *map(_skeleton, ids.other_names), *map(_single, ids.other_names)]
    for r in readings:
        if any(_name_hit(r, tokens, n, 3) for n in names) or any(_name_hit(r, [], n, 4) for n in others):
            return "name"
    digits, named_month = _dated(_fold(text))
    if digits:
        letters = re.sub(r"[^a-z]", "", _fold(text))
        initials = [("".join(w[0] for w in n), "".join(w[0] for w in reversed(n))) for n in ids.names]
        # The initials (af), or a first name too short to read alone (jo), are all the letters.
        by_initials = len(letters) >= 2 and (any(letters in pair for pair in initials)
                                             or any(letters == n[0] for n in ids.names))
        for b in ids.births:
            if any(f in digits for f in _date_forms(b)):
                return "date of birth"
            # With a month name, a day and month or a month and year is enough (mar14, 14march, mar2019).
            m, y = f"{b.month:02d}", f"{b.year:04d}"
            month_year = {m + y, y + m, m + y[2:]}
            if named_month and any(f in digits for f in (*_day_month_forms(b), *month_year)):
                return "date of birth"
            # A year, or a day and month, beside the child's initials (a.f.2019, af0314, jd1403): the initials are
            # all its letters.
            if by_initials and any(f in digits for f in (f"{b.year:04d}", *_day_month_forms(b))):
                return "date of birth"
    compact = re.sub(r"[^a-z0-9]+", "", _fold(text))
    if any(p in compact or p in compact[::-1] for p in ids.postcodes) or any(
            w in r or w.translate(_LEET) in r for st in ids.streets for w in st for r in readings):
        return "address"
    return None
