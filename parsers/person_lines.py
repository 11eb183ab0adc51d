"""One answer holding a person's name, role and contact details ("Name, role and contact details of the person
completing this form" / "Rosalind Ashdown⏎Safeguarding Manager 01632 960118 rosalind.ashdown@swast.nhs .uk").

Read only when the first line is a person's name alone and the lines under it hold an email address or a
telephone number: the address (joined where a narrow cell broke it) and the number are taken out, and what is
left, when it reads as a job title, is the role. Anything else leaves the answer as it was.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from parsers.line_records import join_wrapped_email

_EMAIL = re.compile(r"[\w.+'\-]+@[\w\-]+(?:\.[\w\-]+)+")
_PHONE = re.compile(r"(?:\+44\s?|\b0)\d[\d ]{8,12}\d\b")
_LABEL_WORD = re.compile(r"\b(?:tel(?:ephone)?|phone|mobile|mob|e-?mail|role|job title)\b\s*[:.]?", re.I)


@dataclass
class PersonLines:
    name: str
    role: str | None
    phone: str | None
    email: str | None


def read_person_lines(text: str) -> PersonLines | None:
    """The parts of a multi-line answer naming one person, or None when it is not plainly that."""
    from parsers.signature import _PERSON, _ROLE_WORDS

    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    one_line = len(lines) == 1 and lines[0].count(",") >= 2
    if one_line:
        # "Yvette Yardley, Specialist Health Visitor, 07700 900241, yvette.yardley@nhs.net": one line, commas between
        head, _, tail = lines[0].partition(",")
        lines = [head.strip(), tail.strip()]
    if len(lines) < 2 or not _PERSON.match(lines[0]):
        return None
    rest = join_wrapped_email(re.sub(r"(\.[a-z]{2,}) \.([a-z]{2,3})\b", r"\1.\2", " ".join(lines[1:])))
    email = _EMAIL.search(rest)
    phone = _PHONE.search(rest)
    if email is None and phone is None:
        return None
    for m in (email, phone):
        if m is not None:
            rest = rest.replace(m.group(0), " ")
    role = re.sub(r"\s*,(?:\s*,)+", ",", re.sub(r"\s+", " ", _LABEL_WORD.sub(" ", rest))).strip(" ,;/|–-")
    if one_line and "," in role:
        from parsers.signature import AGENCY_WORDS

        parts = [p.strip() for p in role.split(",") if p.strip()]
        if any(AGENCY_WORDS.search(p) for p in parts) or not all(_ROLE_WORDS.search(p) for p in parts):
            return None  # "Name, role, agency, email": which words are the role and which the agency is not told here
        # "Team Manager, Family Support and Safeguarding": a title and its team, every part job words
    if role and (not _ROLE_WORDS.search(role) or re.search(r"\d|@", role)):
        return None  # something left that is no job title: not a name, role and contact block
    return PersonLines(lines[0], role or None, phone.group(0) if phone else None, email.group(0) if email else None)
