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
# letters beyond ASCII in a forename too ("Siân", "Zoë", "Łucja"), and a surname's particle ("Ó Murchú", "Le Mesurier")
_PERSON = re.compile(r"^(?:(?:dr|mr|mrs|ms|miss|mx|prof|pc|ds|dc|di|sgt)\.? )?[A-ZÀ-ÖØ-ÞĀ-žȘ-ț][a-zß-öø-ÿĀ-žȘ-ț'’\-]+"
                     r"(?: [A-ZÀ-ÖØ-ÞĀ-ž][\w'’\-]*){1,3}$")
# "Tel: 01632 960580", "M: 07700 900354" (mobile), or a line that is only a number (ten digits or more, an
# extension after it) in a signature
_PHONE = re.compile(
    r"^(?:(?:tel(?:ephone|\.)?|phone|mobile|mob|direct(?: line| dial)?|t|m)\s*[:.]?\s*(?P<num>[+\d][\d ()\-]{6,}"
    r"(?:\s*(?:ext\.?|extension|x)\s*\d{1,6})?)|(?P<bare>(?:\+44\s?|0)\d[\d ]{8,12}\d"
    r"(?:\s*(?:ext\.?|extension|x)\s*\d{1,6})?))$",
    re.I,
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
    """"Priya Fenchurch, Tenancy Sustainment Officer" (or "Priya Fenchurch (Tenancy Sustainment Officer)") as name
    and role; a lone name as it is."""
    bracket = re.match(r"^(?P<name>[^(),]+?)\s*\((?P<role>[^()]{3,80})\)$", text.strip())
    if bracket is not None and _PERSON.match(bracket.group("name")) and _ROLE_WORDS.search(bracket.group("role")) and (
            not re.search(r"\d|@", bracket.group("role"))):
        return bracket.group("name"), bracket.group("role")
    if "," not in text:
        return text, None
    name, role = (p.strip() for p in text.split(",", 1))
    if _PERSON.match(name) and _ROLE_WORDS.search(role) and not re.search(r"\d|@", role):
        return name, role
    return text, None


AGENCY_WORDS = re.compile(
    r"\b(?:police|constabulary|nhs|trust|council|school|academy|college|hospital|health|ccg|icb|board|"
    r"probation|partnership|services?|authority|surgery|practice|foundation|ltd|limited|charity|cafcass|"
    r"children'?s|social care|ambulance|housing|university|department|dept|centre|center|medical|clinic|church)\b",
    re.I,
)
_CONTACT_EMAIL = re.compile(r"[\w.+'\-]+@[\w\-]+(?:\.[\w\-]+)+")
_CONTACT_PHONE = re.compile(
    r"(?:(?:tel|phone|mob(?:ile)?|t|m)\s*[:.]?\s*)?(?<![\w@])(\+?\d[\d ()\-]{8,}\d)(?![\w@])", re.I
)


_INITIALLED = re.compile(r"^(?:[A-Z]\.?\s*){1,2}\s[A-Z][a-z'’\-]+(?:[ \-][A-Z][a-z'’\-]+)?$")


@dataclass
class Contact:
    """The parts of a one-line "DS Mark Holt, Detective Sergeant, Avon and Somerset Police, mark@..., 0117 ..."."""

    name: str
    role: str | None = None
    agency: str | None = None
    email: str | None = None
    phone: str | None = None


# A team or unit named after a role ("Child Abuse Investigation Team", "Public Protection Unit")
_TEAM = re.compile(r"^[A-Z][\w'’&\- ]{2,60}\b(?:team|unit|hub|squad|directorate|division)$", re.I)


def split_contact(text: str) -> Contact | None:
    """A name followed, after commas, by any of role, agency, email and phone; None when the text is not that
    shape (one part only, or a first part that is not a person's name)."""
    email = _CONTACT_EMAIL.search(text)
    rest = _CONTACT_EMAIL.sub(" ", text) if email else text
    phone = _CONTACT_PHONE.search(rest)
    rest = _CONTACT_PHONE.sub(" ", rest) if phone else rest
    parts = [p.strip(" .;-–") for p in re.split(r"[,;\n]|\s[-–|/]\s", rest) if p.strip(" .;-–")]
    if not parts:
        return None
    bare = re.sub(r"^(?:dr|mr|mrs|ms|miss|mx|prof|pc|ds|dc|di|dci|dsi|sgt|det|rev)\.?\s+", "", parts[0], flags=re.I)
    if not (_PERSON.match(bare) or _INITIALLED.match(bare)) or (len(parts) == 1 and not email and not phone):
        return None
    contact = Contact(parts[0], email=email.group(0).rstrip(".").lower() if email else None,
                      phone=phone.group(1).strip() if phone else None)
    for part in parts[1:]:
        if contact.agency is None and AGENCY_WORDS.search(part) and not (
                contact.role is None and _ROLE_WORDS.search(part) and not AGENCY_WORDS.search(part.split()[-1])):
            contact.agency = part
        elif contact.role is None and (_ROLE_WORDS.search(part) or contact.agency is None):
            contact.role = part
        elif contact.role is not None and contact.agency is None and _TEAM.search(part):
            # "Detective Sergeant, Child Abuse Investigation Team": the team the role is in, part of the role
            contact.role = f"{contact.role}, {part}"
        else:
            return None  # a part that is neither: not a contact line we can split with confidence
    return contact


def _last_paragraph(lines: list[str]) -> list[str]:
    """The message's last run of non-blank lines, stripped (a closing block or signature)."""
    end = len(lines)
    while end > 0 and not lines[end - 1].strip():
        end -= 1
    start = end
    while start > 0 and lines[start - 1].strip():
        start -= 1
    return [ln.strip() for ln in lines[start:end]]


def _closing_block(lines: list[str], display: str | None, sig: Signature) -> list[str]:
    """No sign-off: the last paragraph of the message, when it opens with the sender's own name (the From display
    name), is a signature; its lines under the name are returned (role, phone)."""
    block = _last_paragraph(lines)
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
                sig.phone = (phone.group("num") or phone.group("bare")).strip()
            elif k == 0 and sig.role is None and not re.search(r"\d|@|:", line):
                both = role_and_agency(line)
                sig.role = both[0] if both else re.split(r"\t|\s{2,}|\s\|\s", line)[0].strip() or None
    if sig.name is None and display and _PERSON.match(display) and not _ROLE_WORDS.search(display):
        sig.name = display
    if sig.name is not None and same_person(sig.name, display):
        sig.email = sender
    return sig


_STRONG_AGENCY = re.compile(
    r"\b(?:police|constabulary|nhs|trust|council|school|academy|college|hospital|practice|surgery|probation|"
    r"cafcass|university|ltd|limited|ambulance|icb|housing)\b",
    re.I,
)


# A line that ends in a job's noun is a role, whatever organisation words it holds ("Early Help Practice Manager",
# "Surgery Safeguarding Lead"): not the organisation line of the signature
_JOB_END = re.compile(
    r"\b(?:officer|manager|worker|nurse|lead|practitioner|sergeant|constable|inspector|co-?ordinator|"
    r"administrator|director|consultant|teacher|dsl|doctor|gp|paediatrician|midwife|visitor|adviser|advisor|"
    r"specialist|supervisor|chair|clinician|therapist|principal|deputy|assistant|analyst|partner|secretary)\s*$",
    re.I,
)


# "School Nurse, Sirona care & health", "Detective Sergeant | Avon and Somerset Police": the role and the
# organisation on one line. Not "Team Manager, Children's Assessment Team": a team, service or unit is the role's.
_ROLE_THEN_AGENCY = re.compile(
    r"^(?P<role>[^,|\d@:]{3,60}?)\s*(?:,|\s\|\s|\s[-–—]\s|\sat\s)\s*(?P<agency>[^,|\d@:]{3,80})$"
)
_A_TEAM = re.compile(r"\b(?:team|service|unit|hub|department|dept)\s*$", re.I)


def role_and_agency(line: str) -> tuple[str, str] | None:
    """(role, organisation) when one signature line holds both, the role first ending in a job's noun."""
    m = _ROLE_THEN_AGENCY.match(line.strip())
    if m is None:
        return None
    role, agency = m.group("role").strip(), m.group("agency").strip()
    if not _JOB_END.search(role) or _JOB_END.search(agency) or _A_TEAM.search(agency):
        return None
    if not AGENCY_WORDS.search(agency) or (AGENCY_WORDS.search(role) and not _JOB_END.search(role)):
        return None
    return role, agency


def signature_agency(lines: list[str], from_header: str | None = None) -> str | None:
    """The organisation line of the signature under the last sign-off ("Hillview Primary School"), if one line
    there reads as an organisation's name and nothing else does."""
    starts = [k for k, line in enumerate(lines) if _SIGNOFF.match(line.strip())]
    if starts:
        below = [ln.strip() for ln in lines[starts[-1] + 1 : starts[-1] + 8] if ln.strip()]
    else:
        # no sign-off: the closing block that opens with the sender's own name ("Emma Okafor / DSL / School")
        rest = _closing_block(lines, display_name(from_header), Signature()) if from_header else []
        below = ["", *rest] if rest else []
    # a role and organisation on one line offers its organisation part
    below = [both[1] if (both := role_and_agency(ln)) is not None else ln for ln in below]
    found = [ln for ln in below[1:] if AGENCY_WORDS.search(ln) and not re.search(r"\d|@|:|https?", ln)
             and not _JOB_END.search(ln)
             and len(ln.split()) <= 10 and (_STRONG_AGENCY.search(ln) or not _ROLE_WORDS.search(ln))]
    return found[0] if len(found) == 1 else None


def closing_agency(lines: list[str], name: str) -> str | None:
    """The organisation line of a form's closing block that opens with `name` (a return's author: "Sally Chaudhry /
    Operational Manager / Northvale Youth Justice Service" under the last answer): name / role / organisation, the
    last line reading as an organisation's name (even one named "... Service", a role word elsewhere)."""
    block = _last_paragraph(lines)
    if len(block) != 3 or not same_person(block[0], name):
        return None
    role, org = block[1], block[2]
    if _ROLE_WORDS.search(role) and not AGENCY_WORDS.search(role) and AGENCY_WORDS.search(org) and not re.search(
            r"\d|@|:|https?", org) and len(org.split()) <= 10:
        return org
    return None
