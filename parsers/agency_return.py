"""Assemble an AgencyReturn record (a nil return is complete); agency falls back to the sender's domain."""

from __future__ import annotations

import re

from parsers.dates import find_date
from parsers.fields import Extracted
from parsers.person_name import name_only
from parsers.provenance import LOW, MEDIUM, Prov, from_header, moved
from parsers.records import AgencyReturn, Author
from parsers.referral import clean_email
from parsers.signature import closing_agency

_NIL = re.compile(
    r"\bnil return\b|\bno (?:agency )?involvement\b|\bnot known to (?:this|our|the) (?:agency|service|organisation)\b|"
    r"\bno record(?:s)? (?:of|held)\b|\bhad no contact\b|\bno contact with\b",
    re.I,
)


def agency_for_sender(sender: str | None, known_domains: dict[str, str] | None) -> str | None:
    """Agency name from config for the sender's domain, the longest matching suffix winning."""
    if not sender or "@" not in sender or not known_domains:
        return None
    domain = sender.rsplit("@", 1)[1].lower()
    best: tuple[int, str] | None = None
    for known, agency in known_domains.items():
        known = known.lower().lstrip("*.@")
        if (domain == known or domain.endswith("." + known)) and (best is None or len(known) > best[0]):
            best = (len(known), agency)
    return best[1] if best else None


_RETURN_TITLE = (
    r"(?:rapid review[:\s\-–—]*)?(?:individual )?agency (?:return|summary|report|information(?: (?:form|return))?)|"
    r"information (?:return|report)|scoping (?:return|form)|agency involvement summary"
)
# "Rapid Review: Individual Agency Summary – Kent Community Health NHS Foundation Trust", or the agency first
_TITLE_AGENCY = re.compile(
    rf"^\W*(?:(?:{_RETURN_TITLE})\s*(?:[-–—:|]|\bfrom\b|\bfor\b)\s*(?P<after>[A-Z][^\n:]{{2,80}}?)"
    rf"|(?P<before>[A-Z][^\n:]{{2,80}}?)\s*[-–—:|]\s*(?:{_RETURN_TITLE}))\s*$",
    re.I | re.M,
)


def title_agency(text: str) -> str | None:
    """The agency a return names only in its title line, when that reads as an organisation's name."""
    from parsers.signature import AGENCY_WORDS

    for m in _TITLE_AGENCY.finditer(text[:3000]):
        name = (m.group("after") or m.group("before") or "").strip(" .")
        if AGENCY_WORDS.search(name) and 1 < len(name.split()) <= 10 and not re.search(r"\d|@|cspr", name, re.I):
            return name
    return None


def build_agency_return(
    ex: Extracted, text: str, sender: str | None, known_domains: dict[str, str] | None, warnings: list[str]
) -> tuple[AgencyReturn, list[str]]:
    """The record and its missing list."""

    def s(key: str) -> str | None:
        return ex.get_str(f"agency_return.{key}")

    paths = ex.paths = {key: p for key, p in ex.prov.items() if key.startswith("agency_return.")}
    paths.update(moved(ex.values, ex.prov, "agency_return."))
    agency = s("agency")
    if agency is None and (agency := title_agency(text)) is not None:
        paths["agency_return.agency"] = Prov(f"{ex.part or 'body (text)'}, title", None, "title", MEDIUM)
    if agency is None and (author := s("author.name")) is not None and (
            agency := closing_agency(text.split("\n"), author)) is not None:
        # the form closes with its author's name, role and organisation (a letter-style return's signature)
        paths["agency_return.agency"] = Prov(f"{ex.part or 'body (text)'}, closing block", None, "signature", LOW)
    if agency is None and (agency := agency_for_sender(sender, known_domains)) is not None:
        paths["agency_return.agency"] = from_header("sender_domain", LOW, "From")
    involved = ex.get_bool("agency_return.involved")
    if involved is None and _says_nil(text):
        involved = False
        paths["agency_return.involved"] = Prov(f"{ex.part or 'body (text)'}, text", None, "nil_wording", LOW)
    if involved is None and s("summary"):
        involved = True
        paths["agency_return.involved"] = (ex.prov.get("agency_return.summary") or Prov(
            ex.part, None, "summary", LOW)).capped(LOW, "summary_implies")
        warnings.append("agency return does not say whether the agency was involved: taken as yes from its summary")
    signed_off, signed_on = _sign_off(s("signed_off_by"))
    signed_off = name_only(signed_off)  # "Hollie Dimmock, Head of Safeguarding": the person (the contract's name rule)
    if s("date_completed") is None and signed_on is not None and (
            was := paths.get("agency_return.signed_off_by")) is not None:
        paths["agency_return.date_completed"] = was.capped(MEDIUM, "sign_off_date")  # the date after the sign-off
    record = AgencyReturn(
        agency=agency,
        author=Author(
            name=s("author.name"),
            role=s("author.role"),
            email=clean_email(s("author.email"), "author email", warnings),
            phone=s("author.phone"),
        ),
        involved=involved,
        involvement_from=s("involvement_from"),
        involvement_to=s("involvement_to"),
        summary=s("summary"),
        immediate_actions=s("immediate_actions"),
        learning=s("learning"),
        records_secured=ex.get_bool("agency_return.records_secured"),
        signed_off_by=signed_off,
        date_completed=s("date_completed") or signed_on,
    )
    missing = [
        f"agency_return.{key}"
        for key, value in (
            ("agency", record.agency), ("author.name", record.author.name), ("involved", record.involved)
        )
        if value is None
    ]
    if record.involved and record.summary is None:
        missing.append("agency_return.summary")
    return record, missing


# A form's own instructions ("If your agency had no involvement, tick 'No' and sign: a nil return is still a
# return.") mention a nil return without making one: our blank form sent back was credited as a nil return
# (stranger round 10). A sentence that is a condition or an instruction about nil returns says nothing.
_INSTRUCTION = re.compile(r"\bif\b|\bplease\b|\btick\b|\bdelete as\b", re.I)


# "... including a nil return if you had no involvement.": the request's words, a nil return as a condition
_CONDITION_AFTER = re.compile(r"\s*(?:if|where|when|in case)\b", re.I)


def _says_nil(text: str) -> bool:
    """Whether the return's text states that the agency had no involvement (not in an instruction)."""
    for sentence in re.split(r"(?<=[.!?])\s+|\n", text):
        m = _NIL.search(sentence)
        if m is not None and not _INSTRUCTION.search(sentence[: m.start()]) and not re.search(
                r"\bis still a return\b", sentence, re.I) and not _CONDITION_AFTER.match(sentence[m.end() :]):
            return True
    return False


def agency_score(ex: Extracted) -> float:
    """How much this source looks like an agency return."""
    keys = [k for k in ex.values if k.startswith("agency_return.")]
    strong = {"agency_return.involved", "agency_return.summary", "agency_return.records_secured",
              "agency_return.learning", "agency_return.immediate_actions", "agency_return.author.name"}  # fmt: skip
    return len(keys) * 1.0 + sum(1.0 for k in keys if k in strong) + 0.5 * ("case_ref" in ex.values)


# "I am the senior manager for this so I have signed it off myself (04.12.2026)": the author signs off their own
# return, in a sentence rather than a "Signed off by" field; the date in brackets after it is the sign-off's
_SELF_SIGNED = re.compile(
    r"\bI\s+(?:have\s+)?signed\s+(?:it|this|the return|this return)\s+off\s+myself\b(?P<tail>[^\n]{0,40})|"
    r"\bsigned\s+off\s+by\s+(?:me|myself)\b(?P<tail2>[^\n]{0,40})", re.I)


def self_signed_off(text: str) -> tuple[bool, str | None]:
    """Whether the writer says they signed the return off themself, and the date written right after, if any."""
    m = _SELF_SIGNED.search(text)
    if m is None:
        return False, None
    tail = m.group("tail") if m.group("tail") is not None else m.group("tail2") or ""
    bracket = re.match(r"\s*\(([^()]{6,30})\)", tail)
    return True, find_date(bracket.group(1))[0] if bracket else None



# "Hollie Dimmock, Head of Safeguarding, 3 Dec 2026": the date after a sign-off is the day it was signed off, and no
# part of who signed it (nor is a role after the name: person_name.name_only)
_TRAILING_DATE = re.compile(r"(?:\s*[,;(\-–—]|(?<=\))\s)\s*(?:on\s+)?(?P<date>[^,;()]{6,30}?)\)?\s*$")
# "Anjali Moss (Team Manager)": a role in brackets after the name is an aside, as "(Head of Service), 1 Dec 2026"
# is (fields._SIGNED_DATED)
_BRACKETED_ROLE = re.compile(r"^(?P<name>[^()\d@,]{3,60}?)\s*\((?P<role>[^()\d@]{3,60})\)$")


def _sign_off(value: str | None) -> tuple[str | None, str | None]:
    """The sign-off without a date written after it, and that date (ISO), if any."""
    if value is None:
        return None, None
    m = _TRAILING_DATE.search(value)
    if m is None or (on := find_date(m.group("date"))[0]) is None or find_date(m.group("date"))[1] != m.group(
            "date").strip():
        return _without_bracketed_role(value), None
    return _without_bracketed_role(value[: m.start()].strip() or value), on


def _without_bracketed_role(value: str) -> str:
    m = _BRACKETED_ROLE.match(value.strip())
    return m.group("name").strip() if m is not None and 2 <= len(m.group("name").split()) <= 5 else value
