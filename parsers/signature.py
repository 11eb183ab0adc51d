"""Who wrote a message: the From display name and the signature under the sign-off, when they agree.

Used where a form gives no email for its referrer, and for returns written in the mail body ("No involvement.
Kind regards / Ruth Penderby / Safeguarding Administrator / Tel: ..."). A sender's address is taken as a
person's only when the From display name is that person: a forwarding manager or a shared mailbox is not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from email.utils import parseaddr

_TITLES = {"dr", "mr", "mrs", "ms", "miss", "mx", "prof", "pc", "ds", "dc", "di", "sgt", "det", "rev", "sister"}
_SIGNOFF = re.compile(
    r"^(?:(?:many |kind(?:est)? |best |warm(?:est)? |with )?(?:thanks|thank you|regards|wishes)(?: again)?|"
    r"yours (?:sincerely|faithfully|truly)|cheers)[.,!]*(?:\s+(?P<name>[A-Z][\w'’\-]+))?\s*$",
    re.I,
)
_PERSON = re.compile(r"^(?:(?:dr|mr|mrs|ms|miss|mx|prof|pc|ds|dc|di|sgt)\.? )?[A-Z][a-z'’\-]+(?: [A-Z][\w'’\-]+){1,3}$")
_PHONE = re.compile(
    r"^(?:tel(?:ephone|\.)?|phone|mobile|mob|direct(?: line| dial)?|t)\s*[:.]?\s*(?P<num>[+\d][\d ()\-]{6,})$", re.I
)
# "Name, Role" in one cell: the part after the comma reads as a job.
_ROLE_WORDS = re.compile(
    r"\b(?:officer|manager|worker|nurse|lead|practitioner|sergeant|constable|inspector|designated|head|"
    r"co-?ordinator|administrator|director|consultant|teacher|dsl|doctor|gp|paediatrician|midwife|visitor|"
    r"adviser|advisor|specialist|supervisor|chair|clinician|therapist|principal|deputy|assistant|analyst|"
    r"safeguarding|social|team|service)\b",
    re.I,
)


@dataclass
class Signature:
    name: str | None = None
    role: str | None = None
    phone: str | None = None
    email: str | None = None


def _tokens(name: str) -> list[str]:
    words = [w for w in re.split(r"[^a-z'\-]+", name.lower().replace("’", "'")) if w]
    return [w for w in words if w.rstrip(".") not in _TITLES]


def same_person(name: str | None, display: str | None) -> bool:
    """"Graham Fenwright" is "Fenwright, Graham" or "Dr Graham Fenwright"; not "Graham" nor a team mailbox."""
    if display and "@" in display:
        display = display_name(display)
    if not name or not display:
        return False
    a, b = _tokens(name), _tokens(display)
    return len(a) >= 2 and sorted(a) == sorted(b)


def display_name(from_header: str | None) -> str | None:
    return parseaddr(from_header or "")[0].strip() or None


def split_name_role(text: str) -> tuple[str, str | None]:
    """"Priya Fenchurch, Tenancy Sustainment Officer" as name and role; a lone name as it is."""
    if "," not in text:
        return text, None
    name, role = (p.strip() for p in text.split(",", 1))
    if _PERSON.match(name) and _ROLE_WORDS.search(role) and not re.search(r"\d|@", role):
        return name, role
    return text, None


def _closing_block(lines: list[str], display: str | None, sig: Signature) -> list[str]:
    """No sign-off: the last paragraph of the message, when it opens with the sender's own name (the From display
    name), is a signature; its lines under the name are returned (role, phone)."""
    end = len(lines)
    while end > 0 and not lines[end - 1].strip():
        end -= 1
    start = end
    while start > 0 and lines[start - 1].strip():
        start -= 1
    block = [ln.strip() for ln in lines[start:end]]
    if not block or len(block) > 6 or not _PERSON.match(block[0]) or not same_person(block[0], display):
        return []
    sig.name = block[0]
    return block[1:]


def read_signature(lines: list[str], from_header: str | None, sender: str | None) -> Signature:
    """Name (checked against the From display name), role and phone from the lines under the last sign-off."""
    display = display_name(from_header)
    sig = Signature()
    starts = [k for k, line in enumerate(lines) if _SIGNOFF.match(line.strip())]
    if starts:
        below = [ln.strip() for ln in lines[starts[-1] + 1 : starts[-1] + 8] if ln.strip()]
        m = _SIGNOFF.match(lines[starts[-1]].strip())
        if below and _PERSON.match(below[0]) and same_person(below[0], display):
            sig.name = below[0]
            rest = below[1:]
        elif m is not None and m.group("name") and display and _tokens(display)[:1] == [m.group("name").lower()]:
            sig.name = display  # "Thanks, Priya" from Priya Fenchurch
            rest = below
        else:
            rest = []
    else:
        rest = _closing_block(lines, display, sig)
    if rest:
        for k, line in enumerate(rest[:4]):
            phone = _PHONE.match(line)
            if phone is not None:
                sig.phone = phone.group("num").strip()
            elif k == 0 and sig.role is None and not re.search(r"\d|@|:", line):
                sig.role = re.split(r"\t|\s{2,}|\s\|\s", line)[0].strip() or None
    if sig.name is None and display and _PERSON.match(display) and not _ROLE_WORDS.search(display):
        sig.name = display
    if sig.name is not None and same_person(sig.name, display):
        sig.email = sender
    return sig
