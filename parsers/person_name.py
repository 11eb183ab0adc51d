"""A person's name as the parse contract gives it: the name as written, never a role or organisation after it.

The contract (DESIGN.md "Parse output", docs/BENCHMARKS.md "parse23b") gives a person `name` and `role` apart: a
leading title or rank stays part of the name ("Dr Fiona Greaves", "DS Mark Holt"); a role, job title or
organisation written after the name ("Jane Hill, Designated Safeguarding Lead", "Jane Hill (Health Visitor)",
"PC Dan Whitby, Avon and Somerset Police", "Rupert Fairbrother - Head of Safeguarding") is never in `name`: it is
the person's role or agency when it reads unambiguously as one, and is dropped otherwise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from parsers.signature import _INITIALLED, _PERSON, _ROLE_WORDS, AGENCY_WORDS

_TITLE = re.compile(r"^(?:dr|mr|mrs|ms|miss|mx|prof|rev|pc|ds|dc|di|dci|dsi|sgt|det|insp|nurse|sister|cllr)\.?\s+",
                    re.I)
# "Name, tail", "Name (tail)", "Name - tail", "Name | tail": the name, then what was written after it
_NAME_THEN = re.compile(r"^(?P<name>[^,()|;\n]+?)\s*(?:,\s*|\(\s*|\s[-–—|]\s*)(?P<tail>[^\n]+?)\s*\)?\s*$")
_CONTACT = re.compile(r"@|\d{4}")
_NESTED = re.compile(r"^[^()]+\(([^()]+\([^()]+\))\)$")
# job words signature._ROLE_WORDS leaves out, written alone after a name ("Mrs K. Ambrose, Headteacher")
_MORE_ROLE = re.compile(r"\b(?:headteacher|head teacher|superintendent|detective|senior|chief|partner|matron|"
                        r"caseworker|mentor|counsell?or|psychologist|psychiatrist|registrar|senco|sister)\b", re.I)


@dataclass
class NameParts:
    name: str
    role: str | None = None
    agency: str | None = None


def _is_name(text: str) -> bool:
    bare = _TITLE.sub("", text.strip())
    return bool(_PERSON.match(bare) or _INITIALLED.match(bare))


def _kind(part: str) -> str | None:
    """"role", "agency", or None when the part reads as both or neither."""
    part = re.sub(r"\s*\([^()]*\)", "", part) or part  # "Probation Service (South West)": the words before it
    role = bool(_ROLE_WORDS.search(part) or _MORE_ROLE.search(part))
    agency = bool(AGENCY_WORDS.search(part))
    if role and agency:
        # with both kinds of word, the words of one kind only say which ("Probation Service", "Head of Education
        # Safeguarding"); with those of both kinds, the last word ("Health Visitor"); "Children's Social Care",
        # "Head of Service": no guess
        words = part.split()
        jobs = [w for w in words if (_ROLE_WORDS.search(w) or _MORE_ROLE.search(w)) and not AGENCY_WORDS.search(w)]
        bodies = [w for w in words if AGENCY_WORDS.search(w) and not (_ROLE_WORDS.search(w) or _MORE_ROLE.search(w))]
        if bool(jobs) != bool(bodies):
            return "role" if jobs else "agency"
        last = words[-1]
        role = bool(_ROLE_WORDS.search(last) or _MORE_ROLE.search(last)) and not AGENCY_WORDS.search(last)
        agency = bool(AGENCY_WORDS.search(last)) and not (_ROLE_WORDS.search(last) or _MORE_ROLE.search(last))
    return "role" if role else "agency" if agency else None


def name_parts(text: str) -> NameParts | None:
    """The name and what followed it, when `text` is a person's name with a role or organisation written after it;
    None when it is a name alone, or not that shape (a surname first, "Hill, Jane"; an email or phone in it, which
    signature.split_contact reads)."""
    m = _NAME_THEN.match(text.strip())
    if m is None or _CONTACT.search(m.group("tail")) or not _is_name(m.group("name")):
        return None
    tail = m.group("tail").strip(" ,;-–—()")
    parts = [p.strip(" ()") for p in re.split(r"\s*[,()]\s*|\s[-–—|]\s", tail) if p.strip(" ()")]
    if (nested := _NESTED.match(text.strip())) is not None:
        parts = [nested.group(1)]  # "Declan Widdicombe (Probation Service (South West))": one part, brackets kept
    if not parts:
        return None
    if len(parts) == 1 and len(parts[0].split()) == 1 and _kind(parts[0]) is None:
        return None  # "Holt, Mark"-like: one more word may be the name's own
    found = NameParts(m.group("name").strip())
    for part in parts:
        kind = _kind(part)
        if kind == "role" and found.role is None:
            found.role = part
        elif kind == "agency" and found.agency is None:
            found.agency = part
    return found


# "QUARRIE, Zofia", "VAUGHAN-JONES, Jarrah": a case system's print, the surname in capitals first
_SURNAME_FIRST = re.compile(r"^(?P<surname>[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’\-]+(?: [A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’\-]+)?),\s*"
                            r"(?P<forename>[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ'’\-]+(?:[ \-][A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ'’\-]+)?)$")


def forename_first(text: str | None) -> str | None:
    """"QUARRIE, Zofia" as "Zofia QUARRIE" (the surname in capitals says which is which); any other text as it is."""
    m = _SURNAME_FIRST.match(text.strip()) if text else None
    return f"{m.group('forename')} {m.group('surname')}" if m is not None else text


def name_only(text: str | None) -> str | None:
    """The name alone from "Name, Role" (a sign-off, which has no role of its own in the contract)."""
    if text is None:
        return None
    parts = name_parts(text)
    return parts.name if parts is not None else text
