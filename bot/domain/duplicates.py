"""Is this referral about a case already open? Two agencies often refer the same death or injury.

Pure: compares the new form with candidate open cases' forms. One child is matched on evidence, not one exact
key (match_case): the name as agencies really write it differently (`Okafor, Bethany` / `Bethany OKAFOR` / `Zoë`
and `Zoe` / `Bethany "Beth" Okafor`, see name_key) with the date of birth and one more agreeing field, or with the
incident date, joins; a middle name added, a date of birth one slip apart, a garbled name, each with other
identity evidence agreeing, joins as probable (stranger round 15). Merging two children loses one (no case, no
clock) while a duplicate case costs the co-ordinator a minute (stranger round 16): a name spelt differently
(Louis/Louise twins), a bare name + date of birth, the same name with another date of birth (cousins) never join;
the new case's triage names the case it may duplicate (Match.joins False). The store finds the candidates by
index (cases.child_name_key / child_dob_key / child_incident_key, see incident_keys); this module decides.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the store imports this module: the parsers package is heavy to import
    from parsers.records import Referral

# Column widths of the stored keys: longer values are cut for the index, and the decision below is
# taken on the full values from the form, so cutting only widens the candidate set.
NAME_KEY_LEN = 200
DATE_KEY_LEN = 64
# The key of a stored referral (Case.referral_json) holding the name a no-form referral's letter anchors with a
# date of birth: never child.name (a name read from prose is a guess), but evidence the same child is referred.
LETTER_NAME = "named_in_letter"
CASE_REFERRER = "case_referrer"  # a candidate's Case.referrer_email (the store's, never part of a stored form)


def norm_name(text: object) -> str:
    """The comparison form of a child's name: lower case, commas as spaces, single spaces."""
    return " ".join(str(text or "").lower().replace(",", " ").split())


# A nickname or alias written beside the name: `(Beth)`, `"Beth"`, `'Beth'`, `known as Beth`, `aka Beth`.
_ASIDE = re.compile(r"\([^)]*\)|\[[^\]]*\]|[\"\u201c\u201d][^\"\u201c\u201d]*[\"\u201c\u201d]"
                    r"|(?<!\w)['\u2018][^'\u2018\u2019]+['\u2019](?!\w)")
_ALIAS_TAIL = re.compile(r"\b(?:also\s+)?known\s+as\b.*|\ba\.?\s?k\.?\s?a\b\.?.*|\bformerly\b.*", re.I | re.S)


def name_key(text: object) -> str:
    """The child's name as the same child is keyed whatever the writer's habits: accents folded, case
    folded, nicknames in brackets or quotes and a `known as` tail dropped, hyphens and commas as spaces,
    apostrophes dropped (O'Neil = ONeil), and the words in sorted order (surname first or last alike).
    Two different children keep different keys: every remaining word must match."""
    raw = _ALIAS_TAIL.sub(" ", _ASIDE.sub(" ", str(text or "")))
    folded = "".join(c for c in unicodedata.normalize("NFKD", raw) if not unicodedata.combining(c)).casefold()
    words = re.sub(r"[^\w\s'\u2019-]|_", " ", folded).replace("'", "").replace("\u2019", "").replace("-", " ").split()
    return " ".join(sorted(words)) or norm_name(text)


@dataclass(frozen=True)
class IncidentKeys:
    """What a case is found by: its child's normalised name, date of birth and incident date (cut)."""

    name: str | None
    date_of_birth: str | None
    incident_date: str | None


def _date_key(value: object) -> str | None:
    return str(value)[:DATE_KEY_LEN] if value else None


def incident_keys(form: dict[str, object] | None) -> IncidentKeys:
    """The keys stored with a case for its referral as read (`Case.referral_json`); all None without one."""
    child = form.get("child") if isinstance(form, dict) else None
    if not isinstance(child, dict):
        return IncidentKeys(None, None, None)
    name = child.get("name") or (form.get(LETTER_NAME) if isinstance(form, dict) else None)
    return IncidentKeys(name_key(name)[:NAME_KEY_LEN] or None,
                        _date_key(child.get("date_of_birth")), _date_key(child.get("incident_date")))


def lookup_keys(new: Referral, letter_name: str | None = None) -> IncidentKeys | None:
    """The keys to look candidates up by for a new referral (its name, or the name its letter anchors with a
    date of birth: `letter_name`); None when it can match no case."""
    name = name_key(new.child.name or letter_name)
    if not name or not (new.child.date_of_birth or new.child.incident_date):
        return None
    return IncidentKeys(name[:NAME_KEY_LEN], _date_key(new.child.date_of_birth),
                        _date_key(new.child.incident_date))


@dataclass(frozen=True)
class Match:
    """The open case a referral joins, and the identity evidence that matched (field names only, never values).
    `sure`: the exact rule (same name key, and the date of birth or the incident date); otherwise probable.
    `joins`: False for a possible duplicate only: a new case is opened and its triage names `ref` (never merged:
    losing a child is worse than a duplicate case)."""

    ref: str
    evidence: tuple[str, ...]
    sure: bool
    joins: bool = True


@dataclass(frozen=True)
class _Who:
    name: str  # name_key ("" unknown)
    raw: str  # the name as stored
    garbled: bool
    dob: str | None
    address: str | None
    carer: str | None
    incident: str | None
    referrer: str | None


def _who_of_form(form: dict[str, object] | None, referrer: str | None = None) -> _Who | None:
    """`form`: a referral as stored (Case.referral_json), with the case's referrer under CASE_REFERRER where the
    store gives it."""
    child = form.get("child") if isinstance(form, dict) else None
    if not isinstance(child, dict):
        return None
    assert isinstance(form, dict)
    referrer = referrer or _str(form.get(CASE_REFERRER))
    raw = child.get("name") or form.get(LETTER_NAME)
    return _Who(name_key(raw) if raw else "", str(raw or ""), garbled(raw), _str(child.get("date_of_birth")),
                _address_key(child.get("home_address")), norm_name(child.get("carer")) or None,
                _str(child.get("incident_date")), (referrer or "").lower() or None)


def _str(value: object) -> str | None:
    return str(value) if value else None


_POSTCODE = re.compile(r"\b([a-z]{1,2}\d[a-z\d]?)\s*(\d[a-z]{2})\b")


def _address_key(text: object) -> str | None:
    """An address as compared: the house number and postcode where it has both ("1 Nowhere Lane, Exampletown ZZ1
    1ZZ" = "1 Nowhere Lane, ZZ1 1ZZ"), else its words."""
    words = " ".join(re.sub(r"[^\w]+", " ", str(text or "").casefold()).split())
    post, number = _POSTCODE.search(words), re.match(r"(?:flat \w+ )?(\d+\w?)\b", words)
    if post and number:
        return f"{number.group(1)} {post.group(1)}{post.group(2)}"
    return words or None


def garbled(text: object) -> bool:
    """A name a charset slip garbled: UTF-8 read as cp1252 ('ZoÃ« BrontÃ«'), stray symbols ('Tom·π Nov·k',
    '£ukasz'), or letters of two scripts in one name ('ㄆkasz 草單'). Such a name is no evidence either way."""
    value = str(text or "")
    if not value:
        return False
    if "\ufffd" in value:
        return True
    try:
        if value.encode("cp1252").decode("utf-8") != value:
            return True
    except UnicodeError:
        pass
    scripts = set()
    for c in value:
        cat = unicodedata.category(c)
        if cat.startswith("L"):
            scripts.add(unicodedata.name(c, "?").split()[0])
        elif not (cat.startswith(("M", "Z")) or c in "-'\u2019.,()\"\u201c\u201d"):
            return True  # a symbol or digit inside a name
    return len(scripts) > 1


# Charset slips that leave a Latin-looking name: (how the bytes were written, how they were read).
_SLIPS = (("utf-8", "cp1252"), ("utf-8", "latin-1"), ("cp1250", "latin-1"), ("iso-8859-2", "latin-1"),
          ("cp1250", "cp1252"), ("iso-8859-2", "cp1252"), ("cp1250", "iso-8859-2"), ("iso-8859-2", "cp1250"))


def recoded(a: str, b: str) -> bool:
    """Whether name `a` is name `b` read in the wrong charset ('Ondøej Èerný' is 'Ondřej Černý' written in cp1250
    and read as Latin-1), either way round."""
    for wrong, right in ((a, b), (b, a)):
        key = name_key(wrong)
        for written, read in _SLIPS:
            try:
                slipped = right.encode(written).decode(read)
            except UnicodeError:
                continue
            if slipped != right and key == name_key(slipped):
                return True
    return False


def _edit1(a: str, b: str) -> bool:
    """One letter inserted, dropped, changed, or two neighbours swapped (Persona / Personna)."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                  and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1:] == short for i in range(len(long)))


def middle_name(a: str, b: str) -> bool:
    """Two name keys differing only by a middle name added or dropped (every word of the shorter in the longer)."""
    wa, wb = a.split(), b.split()
    return len(wa) != len(wb) and close_names(a, b)


def close_names(a: str, b: str) -> bool:
    """Two name keys (name_key) of one child written differently: a middle name added or dropped (every word of
    the shorter in the longer, two words at least), or one word spelt one edit apart (one of five letters or
    more, the other four or more; the other words equal). Not equal keys: those are the same name."""
    wa, wb = a.split(), b.split()
    if a == b or len(wa) < 2 or len(wb) < 2:
        return False
    short, long = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    if len(short) < len(long):
        rest = list(long)
        for w in short:
            if w not in rest:
                return False
            rest.remove(w)
        return True
    left, right = sorted(set(wa) - set(wb)), sorted(set(wb) - set(wa))
    if len(left) != 1 or len(right) != 1:
        return False
    lengths = sorted((len(left[0]), len(right[0])))
    return lengths[0] >= 4 and lengths[1] >= 5 and _edit1(left[0], right[0])  # Alex / Alix: maybe twins


def _near_dates(a: str, b: str) -> bool:
    """A date of birth corrected by a slip: one day apart, one digit different, or day and month swapped."""
    from datetime import date

    try:
        da, db = date.fromisoformat(a), date.fromisoformat(b)
    except ValueError:
        return False
    if abs((da - db).days) == 1 or (da.day == db.month and da.month == db.day and da.year == db.year):
        return True
    return len(a) == len(b) and sum(x != y for x, y in zip(a, b, strict=True)) == 1


def _repaired(raw: str) -> str | None:
    """A garbled name read back in the charset it was written in ('LouisÃ©' -> 'Louisé'), if one reads it cleanly."""
    for written, read in _SLIPS:
        try:
            fixed = raw.encode(read).decode(written)
        except UnicodeError:
            continue
        if fixed != raw and not garbled(fixed):
            return fixed
    return None


def _match(new: _Who, old: _Who) -> tuple[tuple[str, ...], bool, bool] | None:
    """(evidence, sure, joins) when `new` may be `old`'s child (see match_case), else None."""
    same = [f for f, x, y in (("date_of_birth", new.dob, old.dob), ("home_address", new.address, old.address),
                              ("carer", new.carer, old.carer), ("incident_date", new.incident, old.incident))
            if x and x == y]
    dob_same, addr, inc = "date_of_birth" in same, "home_address" in same, "incident_date" in same
    by_referrer = ("referrer",) if new.referrer and new.referrer == old.referrer else ()
    dob_open = not (new.dob and old.dob)  # one side gives none
    if new.name and new.name == old.name:
        if dob_same and (len(same) > 1 or by_referrer):
            return ("name", *by_referrer, *same), True, True
        if dob_same:  # a common name and a birthday alone: namesakes elsewhere as often as one child
            return ("name", *same), True, False
        if dob_open and inc:
            return ("name", *same), True, True
        if new.dob and old.dob and _near_dates(new.dob, old.dob) and addr:
            return ("name", "date_of_birth (near)", *same), False, True
        if addr:  # another date of birth at one address: cousins or siblings of one name, never one child
            return ("name", *by_referrer, *same), False, False
        return None
    carers_differ = bool(new.carer and old.carer and "carer" not in same)
    # before the spelling rule: a garbled name often reads one letter off its right spelling (Tomáą / Tomáš)
    if (new.garbled or old.garbled or recoded(new.raw, old.raw)) and dob_same and addr and inc and not carers_differ:
        # a garbled name read back cleanly as another name is another child (a twin), never joined
        fixed = [(_repaired(w.raw), o.name) for w, o in ((new, old), (old, new)) if w.garbled]
        other = any(f and name_key(f) != o and not middle_name(name_key(f), o) for f, o in fixed)
        return ("name (garbled)", *same), False, not other
    if new.name and old.name and close_names(new.name, old.name) and (
            (dob_same and (addr or inc or "carer" in same)) or (dob_open and addr and inc)):
        # a middle name added joins; a word spelt differently may be a twin (Louis/Louise): never joined
        return ("name (close)", *same), False, middle_name(new.name, old.name)
    return None


def match_case(new: Referral, cases: Iterable[tuple[str, dict[str, object] | None]], letter_name: str | None = None,
               referrer: str | None = None) -> Match | None:
    """The open case this referral is a second referral of, or may be, and why (a joining match before a possible
    one, a sure before a probable). Joins: the same name key with the date of birth and the address, carer,
    incident date or referrer, or with the incident date when one side gives no date of birth (sure); a middle
    name added or dropped with the date of birth and the address, incident date or carer; the same name with a
    date of birth one day or one digit off and the same address; a garbled name with the date of birth, address
    and incident date. Only possible (joins False: a new case, its triage names the other): a word of the name
    spelt one edit apart (twins Louis/Louise), the same name and date of birth with nothing else agreeing, the
    same name at one address with another date of birth (cousins). Losing a child in a merge is worse than a
    duplicate case. Names that differ otherwise are two children (twins and siblings share an address, an
    incident and even a birthday): never merged.
    `letter_name`: the name a no-form referral's letter anchors with a date of birth (evidence, not child.name)."""
    form = new.model_dump(mode="json")
    if not new.child.name and letter_name:
        form[LETTER_NAME] = letter_name
    me = _who_of_form(form, referrer)
    if me is None:
        return None
    best: Match | None = None
    for case_ref, other in cases:
        them = _who_of_form(other)
        found = _match(me, them) if them is not None else None
        if found is not None and (best is None or (found[2], found[1]) > (best.joins, best.sure)):
            best = Match(case_ref, *found)
            if best.sure and best.joins:
                break
    return best


def same_incident(new: Referral, cases: Iterable[tuple[str, dict[str, object] | None]]) -> str | None:
    """The reference of the open case this referral joins, if any (match_case; a possible duplicate does not)."""
    found = match_case(new, cases)
    return found.ref if found and found.joins else None


def same_child(new: Referral, form: dict[str, object] | None) -> bool:
    """Whether a referral names the child of an open case's form (`form`: that case's referral_json): the same
    name, and no second date of birth (two dates of birth are two children). Looser than same_incident: a
    referral carried beside a command on that very case is that case's referral, whatever its incident date."""
    child = form.get("child") if isinstance(form, dict) else None
    name = name_key(new.child.name)
    if not name or not isinstance(child, dict) or name_key(child.get("name")) != name:
        return False
    dob = child.get("date_of_birth")
    return not (new.child.date_of_birth and dob and dob != new.child.date_of_birth)


def related_incident(new: Referral, cases: Iterable[tuple[str, dict[str, object] | None]]) -> list[str]:
    """Open cases that look like the same incident for *another* child (a sibling), or for this child under
    another spelling (a typo, another forename): same incident date and a name word (not an initial)
    in common (surname first or last alike) or the same home address. Only suggested to the
    co-ordinator (LINK REF), never merged."""
    if not new.child.incident_date:
        return []
    mine = name_key(new.child.name)
    words = {w for w in mine.split() if len(w) >= 2}  # an initial alone is no evidence
    address = norm_name(new.child.home_address)
    out: list[str] = []
    for case_ref, form in cases:
        child = form.get("child") if isinstance(form, dict) else None
        if not isinstance(child, dict) or child.get("incident_date") != new.child.incident_date:
            continue
        other = name_key(child.get("name"))
        dob = child.get("date_of_birth")
        if other and other == mine and not (new.child.date_of_birth and dob and dob != new.child.date_of_birth):
            continue  # the same child: that is a duplicate, not a sibling (two dates of birth are two children)
        if (words & set(other.split())) or (address and norm_name(child.get("home_address")) == address):
            out.append(case_ref)
    return out


def _name_words(text: object) -> set[str]:
    """A name's words for comparing: accents folded, lower case, apostrophes dropped (as name_key: O'Neil is
    ONeil), letters only, two letters or more."""
    raw = str(text or "").replace("'", "").replace("\u2019", "")
    folded = "".join(c for c in unicodedata.normalize("NFKD", raw) if not unicodedata.combining(c))
    return {w for w in re.findall(r"[^\W\d_]+", folded.casefold()) if len(w) >= 2}


def names_another_child(box: Iterable[str], own_name: str | None,
                        others: Iterable[tuple[str, str | None]]) -> str | None:
    """The reference of another open case whose child an agency return's case-reference box names (every word of
    that child's name, in any order, surname first or accented alike), or None. A child whose name's words all
    belong to this case's child's name ("Jamie Smith" beside "Jamie Lee Smith"), or a one-word name, is not told
    apart from this case's child and is not counted."""
    written = set().union(*(_name_words(v) for v in box))
    own = _name_words(own_name)
    for ref, name in others:
        words = _name_words(name)
        if len(words) >= 2 and not words <= own and words <= written:
            return ref
    return None
