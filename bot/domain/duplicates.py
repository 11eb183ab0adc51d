"""Is this referral about a case already open? Two agencies often refer the same death or injury.

Pure: compares the new form with candidate open cases' forms. A match needs the child's name plus the
date of birth or the incident date, so two children who share a name are not merged. The name is compared
as agencies really write it differently (`Okafor, Bethany` / `Bethany OKAFOR` / `Zoë` and `Zoe` /
`Bethany "Beth" Okafor`, see name_key) but never loosely: a typo or a different forename is a different key,
only suggested to the co-ordinator as a possible link. The store finds the candidates by index
(cases.child_name_key, see incident_keys); this module decides.
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
    return IncidentKeys(name_key(child.get("name"))[:NAME_KEY_LEN] or None,
                        _date_key(child.get("date_of_birth")), _date_key(child.get("incident_date")))


def lookup_keys(new: Referral) -> IncidentKeys | None:
    """The keys to look candidates up by for a new referral; None when it can match no case."""
    name = name_key(new.child.name)
    if not name or not (new.child.date_of_birth or new.child.incident_date):
        return None
    return IncidentKeys(name[:NAME_KEY_LEN], _date_key(new.child.date_of_birth),
                        _date_key(new.child.incident_date))


def same_incident(new: Referral, cases: Iterable[tuple[str, dict[str, object] | None]]) -> str | None:
    """The reference of the open case this referral duplicates, if any (the first of `cases` that matches)."""
    name = name_key(new.child.name)
    if not name:
        return None
    for case_ref, form in cases:
        child = form.get("child") if isinstance(form, dict) else None
        if not isinstance(child, dict) or name_key(child.get("name")) != name:
            continue
        dob, incident = child.get("date_of_birth"), child.get("incident_date")
        if new.child.date_of_birth and dob and dob != new.child.date_of_birth:
            continue  # two dates of birth: two children who share a name (stranger round 10), never merged
        if (new.child.date_of_birth and dob == new.child.date_of_birth) or (
            new.child.incident_date and incident == new.child.incident_date
        ):
            return case_ref
    return None


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
