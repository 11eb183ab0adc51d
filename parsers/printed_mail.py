"""A mail printed to a document (PDF, Word) and sent on: its writer from its own From line and closing block.

A co-ordinator finds a referral in an old mailbox and forwards it printed to PDF. The form inside names no
referrer; the printed mail does: "From: Hollie Carrow <hollie.carrow@...>", "Sent: 19 November 2026 15:02" at
the top, and a closing block at the end that opens with the same name ("Hollie Carrow" over her role, her
organisation and her phone). Read only when the document starts with that header (within its first lines) and
the closing block names the From line's person: otherwise nothing is read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from parsers.dates import find_date
from parsers.signature import AGENCY_WORDS, same_person

_HEAD_LINES = 6  # a printed mail's header is at its top (a print header line with the name may come first)
_FROM = re.compile(r"^\s*From:\s*(?P<name>[^<\n]{3,80}?)\s*<(?P<email>[^>\s]+@[^>\s]+)>\s*$", re.I)
_SENT = re.compile(r"^\s*(?:Sent|Date):\s*(?P<date>.+)$", re.I)
_SUBJECT = re.compile(r"^\s*Subject:", re.I)
_PHONE = re.compile(r"^(?:(?:tel|phone|mob(?:ile)?|t|m)\s*[:.]?\s*)?(?P<num>\+?\d[\d ()\-]{8,}\d)$", re.I)


@dataclass
class PrintedAuthor:
    name: str
    email: str
    sent: str | None = None  # ISO date of the Sent: line
    role: str | None = None
    agency: str | None = None
    phone: str | None = None


def printed_author(text: str) -> PrintedAuthor | None:
    """The writer of a mail printed as `text`, or None when `text` is not one (see the module's docstring)."""
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    head = lines[:_HEAD_LINES + 3]
    at = next((k for k, ln in enumerate(head[:_HEAD_LINES]) if _FROM.match(ln)), None)
    if at is None or not any(_SUBJECT.match(ln) for ln in head[at + 1:at + 5]):
        return None
    m = _FROM.match(head[at])
    assert m is not None
    author = PrintedAuthor(m.group("name").strip(" \"'"), m.group("email").lower())
    for ln in head[at + 1:at + 4]:
        if (sent := _SENT.match(ln)) is not None:
            author.sent, _ = find_date(sent.group("date"))
    tail = lines[-6:]
    start = next((k for k in range(len(tail) - 1, -1, -1) if same_person(author.name, tail[k])
                  and tail[k].lower().replace(" ", "") == author.name.lower().replace(" ", "")), None)
    if start is None or at + 4 >= len(lines) - len(tail) + start:
        return None  # no closing block that opens with the From line's name: nothing read
    for ln in tail[start + 1:]:
        if (phone := _PHONE.match(ln)) is not None:
            author.phone = author.phone or phone.group("num").strip()
        elif "@" in ln or re.search(r"\d", ln) or ":" in ln:
            continue
        elif author.role is None and not AGENCY_WORDS.search(ln.split()[-1]):
            author.role = ln
        elif author.agency is None and AGENCY_WORDS.search(ln):
            author.agency = ln
    return author
