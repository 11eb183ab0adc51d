"""Family members, other agencies and parallel processes written as lines of text instead of table rows.

"Nadia Chaudhry – Mother – DOB 6th June 2001 – 41 Fable Street, BS95 7ZZ – Pakistani", "School nurse team (School
Nursing Service) 01275 555 460 – still involved: Yes", "Police investigation: parents released under
investigation". A line is read only when it has the shape of its record (a relationship and a date or an address;
a contact or an involvement answer; a known kind of process): anything else is left alone rather than guessed.
"""

from __future__ import annotations

import re

from parsers import ticks
from parsers.dates import find_date, read_date
from parsers.labelled_cells import one_line
from parsers.normalise import squash, value_or_none

_PARTS = re.compile(r"\s+[-–—|·]\s+|\t+|\s{3,}")  # "·": a report tool's dot between parts
RELATION = re.compile(
    r"^(?:(?:birth |step-?|half-?|maternal |paternal |foster |kinship |adoptive )?(?:mother|father|mum|dad|parent|"
    r"brother|sister|sibling|grandmother|grandfather|grandparent|aunt|uncle|cousin|carer|son|daughter|guardian)|"
    r"(?:mother['’]?s?|father['’]?s?) (?:partner|boyfriend|girlfriend)|partner|ex-partner|boyfriend|girlfriend|lodger)"
    r"(?:\s*\([^)]{0,40}\))?$",
    re.I,
)
_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b")
_ETHNIC = re.compile(
    r"\b(?:white|black|asian|mixed|pakistani|indian|bangladeshi|chinese|gypsy|roma|traveller|arab|caribbean|"
    r"african|not declared|any other)\b",
    re.I,
)
_PHONE = re.compile(r"(?:\+44\s?|\b0)\d[\d ]{7,12}\d\b")
_EMAIL = re.compile(r"[\w.+'\-]+@[\w\-]+(?:\.[\w\-]+)+")
_STILL = re.compile(r"[,;\s–—-]*\(?(?:still|currently) involved\??\s*[:\-–]?\s*(yes|no|y|n)\b\)?[.;]?", re.I)
_PROCESS = re.compile(
    r"\b(?:coroner|inquest|cdop|child death|police|criminal|investigation|court|proceedings|prosecution|trial|"
    r"care proceedings|section 47|s47|strategy|mappa|marac|domestic homicide|dhr|safeguarding adult|lado|"
    r"disciplinary|serious incident|learning review|post[- ]mortem|ofsted|inquiry|child protection conference|"
    r"(?:initial|review) (?:child protection )?conference)\b",
    re.I,
)


# "same address", "as child", "as above": the member lives with the child (resolved against the child's address)
SAME_ADDRESS = re.compile(
    r"^(?:(?:the )?same(?: address)?(?: as (?:the )?(?:child|above|subject))?|as (?:the )?(?:child|above|subject)|"
    r"lives with (?:the )?child|with (?:the )?child|as child['’]?s?(?: address)?)\.?$",
    re.I,
)


def _family(line: str) -> dict[str, object] | None:
    return _family_parts(line) or _family_prose(line) or _family_sentence(line) or _family_sentence_dot(line)


# "Eilidh Adeyemi is Tomás's sister; date of birth 14/10/2020; lives at the same address; White and Asian."
_IS_RELATION = re.compile(r"^(?P<name>[^;,()]{3,60}?) is (?:the )?(?:[\w’'\-]+['’]s?|his|her|their|the child['’]s)\s+"
                          r"(?P<rel>[^;,.()]{3,40}?)\s*(?:[;,.]\s*(?P<rest>.*))?$")
# "Tomás lives with Bríd Adeyemi (mother, born 7/1/1999, White and Asian) at the address above."
_LIVES_WITH = re.compile(r"^\S+ (?:lives|is living|lived) with (?P<name>[^;,()]{3,60}?)\s*\((?P<rest>[^()]+)\)"
                         r"(?:\s*(?:at|,)\s*(?P<address>[^()]+?))?\s*\.?$")
_HERE = re.compile(r"^(?:lives|living|resides|residing)\s+(?:at\s+)?(?P<address>.+)$", re.I)
_ABOVE = re.compile(r"^(?:the )?(?:address )?above$|^(?:the )?same address$|^the address above$", re.I)


def _family_sentence(line: str) -> dict[str, object] | None:
    """A family member written as a sentence about the child: "<name> is <child>'s <relationship>; ..." or "<child>
    lives with <name> (<relationship>, born <date>, <ethnicity>) at <address>". Every other part must be a date
    of birth, an address or an ethnicity, or the line is not read."""
    m = _IS_RELATION.match(line.strip())
    parts: list[str] = []
    if m is not None:
        parts = [p for p in re.split(r"\s*;\s*", (m.group("rest") or "").strip().rstrip(".")) if p]
        address = None
    else:
        m = _LIVES_WITH.match(line.strip())
        if m is None:
            return None
        parts = [p.strip() for p in m.group("rest").split(",") if p.strip()]
        address = m.group("address")
    name = squash(m.group("name"))
    if not _PERSON_NAME.match(name):
        return None
    rec: dict[str, object] = {"name": name, "relationship": None, "date_of_birth": None, "address": None,
                              "ethnicity": None}
    if "rel" in m.groupdict() and m.group("rel") is not None:
        parts.insert(0, m.group("rel"))
    for part in parts:
        text = re.sub(r"^(?:d\.?o\.?b\.?|date of birth|born)\s*[:\-]?\s*", "", part, flags=re.I)
        here = _HERE.match(part)
        if rec["relationship"] is None and RELATION.match(part):
            rec["relationship"] = part  # as written
        elif rec["date_of_birth"] is None and text != part and read_date(text)[0] is not None:
            rec["date_of_birth"] = read_date(text)[0]
        elif rec["address"] is None and here is not None:
            address = here.group("address")
        elif rec["ethnicity"] is None and _ETHNIC.search(part) and len(part) <= 50 and not re.search(r"\d", part):
            rec["ethnicity"] = part
        else:
            return None
    if address:
        address = address.strip().rstrip(".")
        if _ABOVE.match(address):
            address = "same address"
        elif not (_POSTCODE.search(address) or re.match(r"^\d+[a-z]?\s+\w|^flat\b", address, re.I)):
            return None
        rec["address"] = address
    if rec["relationship"] is None or (rec["date_of_birth"] is None and rec["address"] is None):
        return None
    return rec


# "Ffion Quartermain is Aaliyah's sister. Date of birth 17th October 2021; Pakistani; lives with Aaliyah at the home
# address." (a briefing's family written as sentences): the relationship as written, to the child the sentence names
_SENTENCE = re.compile(r"^(?P<name>[^.;,()]{3,60}?) is (?:the )?(?:[A-Z][\w'’\-]*['’]s?\s+)"
                       r"(?P<rel>[a-z][a-z' \-]{2,40}?)\.\s*(?P<rest>.*)$")
_HOME = re.compile(r"^(?:lives|living) with [^;.]{2,40}? at (?:the|their|her|his) (?:home|family) address\.?$", re.I)


def _family_sentence_dot(line: str) -> dict[str, object] | None:
    m = _SENTENCE.match(line.strip())
    if m is None or not _PERSON_NAME.match(m.group("name")) or not RELATION.match(m.group("rel")):
        return None
    rec: dict[str, object] = {"name": m.group("name"), "relationship": m.group("rel"), "date_of_birth": None,
                              "address": None, "ethnicity": None}  # fmt: skip
    for part in (p.strip().rstrip(".") for p in m.group("rest").split(";") if p.strip()):
        born = re.match(r"^(?:date of birth|born|d\.?o\.?b\.?)\s*:?\s*(?P<d>.+)$", part, re.I)
        lives = _LIVES_AT.search(part)
        if born is not None and rec["date_of_birth"] is None:
            rec["date_of_birth"] = read_date(born.group("d"))[0]
        elif _HOME.match(part):
            rec["address"] = "same address"  # resolved to the child's home address (referral.py)
        elif lives is not None:
            rec["address"] = lives.group("address").strip()
        elif rec["ethnicity"] is None and _ETHNIC.search(part) and len(part) <= 50 and not re.search(r"\d", part):
            rec["ethnicity"] = part
        else:
            return None  # a part this reader cannot place: not read rather than guessed
    return rec if rec["date_of_birth"] or rec["address"] else None


# "Name (Relationship)", the relationship's own bracket inside it too ("Father (not resident)")
_NAME_RELATION = re.compile(r"^([^()]+?)\s*\(((?:[^()]|\([^()]*\)){3,40})\)$")


def _family_parts(line: str) -> dict[str, object] | None:
    """"Name – Relationship – DOB – Address", the parts in any order after the name."""
    dob: str | None = None
    m = _DOB_IN.search(line)
    if m is not None and (dob := read_date(m.group("date"))[0]) is not None:
        # "Precious Brennan (dob 17/11/2000) – Mother": the date of birth in brackets after the name
        line = (line[: m.start()] + " " + line[m.end() :]).strip()
    # a dash left at the end where the date of birth was taken out ("Ann Lee – Mother – born 1.2.90")
    # (a "-" too: "Mother -  - Address: ..." once the date of birth was taken out from between two dashes)
    # (a hyphen left alone where the date of birth was taken out: "(Mother) - DOB 25/2/90 - 53 Ebdon Road")
    parts = [p.strip(" ,;–—|-") for p in _PARTS.split(line) if p.strip(" ,;–—|-")]
    if len(parts) < (2 if dob else 3):
        return None
    if len(parts) >= 2 and RELATION.match(parts[0]) and _PERSON_NAME.match(parts[1]):
        parts[0], parts[1] = parts[1], parts[0]  # "Mother – Kerys Kimani – DOB ...": the relationship first
    if parts and re.search(r"\s[-–—|·]\s|\t", line) and (said := _NAME_RELATION.match(parts[0])) is not None and (
            RELATION.match(said.group(2))):
        # "Krupa Rees (Mother) - DOB 25/2/90 - 53 Ebdon Road ...", "Jakub Delaney (Father (not resident)) - ...": the
        # relationship in brackets after the name, the parts parted by dashes (by commas: _family_prose reads them)
        parts[0:1] = [said.group(1).strip(), said.group(2).strip()]
    rec: dict[str, object] = {"name": parts[0], "relationship": None, "date_of_birth": dob, "address": None,
                              "ethnicity": None}  # fmt: skip
    if not _PERSON_NAME.match(parts[0]):
        return None
    for part in parts[1:]:
        labelled = _PART_LABEL.match(part)
        if labelled is not None:
            # "Address: 41 Hawthorn Crescent, ...", "Ethnicity: Pakistani": the part says which column it is, so it
            # is placed there (its value's shape is not guessed); an answer of "not known" places nothing
            key = next(k for k, g in (("address", "address"), ("ethnicity", "ethnicity"),
                                      ("relationship", "relationship")) if labelled.group(g))
            value = part[labelled.end() :].strip()
            if _UNKNOWN_PART.fullmatch(value):
                continue
            if rec[key] is not None or not value:
                return None
            rec[key] = value
            continue
        text = re.sub(r"^(?:d\.?o\.?b\.?|date of birth|born)\s*[:\-]?\s*", "", part, flags=re.I)
        if rec["date_of_birth"] is None and re.fullmatch(r"(?:not known|unknown|n/?k)", text, re.I):
            continue  # "DoB not known": asked and not known, nothing to place
        if rec["ethnicity"] is None and _ETHNICITY_UNKNOWN.match(part):
            continue  # "ethnicity not known": asked and not known
        if rec["relationship"] is None and RELATION.match(part):
            rec["relationship"] = part
        elif rec["date_of_birth"] is None and find_date(text)[1] is not None and len(text) <= 30:
            rec["date_of_birth"] = read_date(text)[0]
        elif rec["address"] is None and (_POSTCODE.search(part) or re.match(r"^(?:\d+[a-z]?|flat)\s+\w", part, re.I)
                                         or SAME_ADDRESS.match(part)):
            rec["address"] = part
            place, _, last = part.rpartition(",")
            if rec["ethnicity"] is None and place and _ETHNIC.search(last) and not re.search(r"\d", last):
                # "Flat 5, 69 Hawthorn Crescent, BS41 8HW, Gypsy or Irish Traveller": the ethnicity after the address
                rec["address"], rec["ethnicity"] = place.strip(), last.strip()
        elif rec["ethnicity"] is None and _ETHNIC.search(part) and len(part) <= 50 and not re.search(r"\d", part):
            rec["ethnicity"] = part
        else:
            return None  # a part this reader cannot place: the line is not a family record
    if rec["relationship"] is None or (rec["date_of_birth"] is None and rec["address"] is None):
        return None
    return rec


# a family record's part that names its column ("Address: ...", "Ethnicity: ...", "Relationship: ...")
_PART_LABEL = re.compile(r"^(?:(?P<address>(?:home |current )?address|lives at)|(?P<ethnicity>ethnicity|ethnic "
                         r"(?:origin|group)|ethnic background)|(?P<relationship>relationship(?: to (?:the )?child)?|"
                         r"relation))\s*[:\-–]\s*", re.I)
_UNKNOWN_PART = re.compile(r"not known|unknown|n/?k|not recorded|not stated|not given|none given", re.I)


# Letters beyond ASCII ("Seán", "Zoë", "Łukasik", "Şahin"), and a surname's particles ("Van der Merwe", "De Búrca")
# (Latin Extended-B too: the Romanian "Ș", "Ț" with a comma below, U+0218-U+021B)
_UP = "A-ZÀ-ÖØ-ÞĀ-žȘ-ț"
_LOW = "a-zß-öø-ÿĀ-žȘ-ț"
_PERSON_NAME = re.compile(
    # a hyphenated forename keeps its second capital ("Kelly-Marie", "Tyler-James")
    rf"^(?:(?:mr|mrs|ms|miss|mx|dr|sgt|ds|dc|pc|di|insp)\.?\s+)?[{_UP}][{_LOW}'’\-]+(?:-[{_UP}][{_LOW}'’]+)*"
    rf"(?:\s+(?:(?:van|von|der|den|de|del|della|da|di|du|la|le|bin|ibn|al|ap|Ó|Ní|Nic|Uí)\s+){{0,2}}[{_UP}][{_UP}{_LOW}'’\-]+){{1,3}}$"
)
# a bullet, or a list number: "3.", "2)", "5.1" (never a house number: "12 Quarry Lane")
_BULLET = re.compile(r"^\s*(?:[-–—•*·▪◦\uf000-\uf0ff]|\d{1,2}(?:\.\d{1,2})+\.?|\d{1,2}[.)]|\(\d{1,2}\))\s*"
                     r"(?<=\s|[\uf000-\uf0ff])")  # "(2) Levi Chaudhry | Father | ...": a list number in brackets
_DOB_IN = re.compile(
    # the date ends at a bracket, a comma or the next " – " part ("born 19.07.1978 – 133 Fennel Walk, ...")
    # (the word whole: "Dobrescu" and "Bornholm" are names, no date of birth)
    r"\(?\b(?:d\.?o\.?b(?![a-z])\.?|born(?![a-z])|date of birth)\s*[:\-]?\s*(?P<date>(?:(?!\s[-–—|·]\s)[^(),;]){4,30}?)"
    r"\s*(?:\)|,|;|$|(?=\s[-–—|·]\s))", re.I
)


_LIVES_AT = re.compile(
    r"[.,;]?\s*\b(?:lives|living|resides|residing|(?:home |current |usual )?address)\s*(?:at|:)\s+"
    r"(?P<address>(?:\d+[a-z]?\s+\w|flat\b)[^.;]{3,100}?)"
    r"\.?\s*$",
    re.I,
)


_ETHNICITY_UNKNOWN = re.compile(r"^(?:ethnic(?:ity| origin| group)\s*[:\-–]?\s*)(?:unknown|not known|not recorded|"
                                r"not stated|not given|n/?k)$", re.I)


_ADDRESS_UNKNOWN = re.compile(r"^(?:(?:home |current )?address\s*[:\-–]?\s*(?:not known|unknown|n/?k|not recorded|"
                              r"not given|withheld)|no known address)$", re.I)
_ETHNICITY_LAST = re.compile(r"[,;]\s*ethnic(?:ity| origin| group| background)\s*[:\-–]\s*(?P<value>[^,;:()]{2,50}?)"
                             r"\s*\.?\s*$", re.I)


def _family_prose(line: str) -> dict[str, object] | None:
    """"Mother - Kelly Fairbrother (DOB 10/10/1990), 3 Lodge Lane, Leeds, White British" or "Kelly Fairbrother
    (Mother), DOB 10/10/1990, 3 Lodge Lane": a relationship, a person's name, and a date of birth or an address."""
    rec: dict[str, object] = {"name": None, "relationship": None, "date_of_birth": None, "address": None,
                              "ethnicity": None}  # fmt: skip
    m = _DOB_IN.search(line)
    if m is not None:
        rec["date_of_birth"] = read_date(m.group("date"))[0]
        line = (line[: m.start()] + ", " + line[m.end() :]).strip()
    lead = re.match(r"^([A-Za-z' ’()\-]{3,40}?)\s*(?:[-–—:]\s+|:\s*)", line)
    if lead is not None and RELATION.match(lead.group(1).strip()):
        rec["relationship"] = lead.group(1).strip()
        line = line[lead.end() :]
    labelled = _ETHNICITY_LAST.search(line)
    if labelled is not None:
        # "..., address: 69 Nightingale Rise, BS22 6YA, ethnicity: Roma": the labelled ethnicity after the address
        # ends it (else the address runs on to the end of the line and takes it in)
        value = labelled.group("value").strip()
        rec["ethnicity"] = None if _UNKNOWN_PART.fullmatch(value) else value
        line = line[: labelled.start()]
    lives = _LIVES_AT.search(line)
    if lives is not None:
        # "..., White Irish. Lives at 8 Walliscote Road, Yatton, BS49 5PT.": the address in a sentence of its own
        rec["address"] = lives.group("address")
        line = line[: lives.start()]
    bracket = re.search(r"\(\s*([^()]{4,20}?)\s*\)", line)
    if rec["date_of_birth"] is None and bracket is not None and (dob := read_date(bracket.group(1))[0]) is not None:
        # "Mother - Natalia Kaczmarek (25.2.89)": a date in brackets after a family member's name is the birth date
        rec["date_of_birth"] = dob
        line = line[: bracket.start()] + line[bracket.end() :]
    # "Cathal Parmar (Father (not resident))": a relationship with a bracket of its own, inside the bracket
    paren = re.search(r"\(([^()]{3,30}\([^()]{2,30}\))\)", line) or re.search(r"\(([^()]{3,40})\)", line)
    if rec["relationship"] is None and paren is not None and RELATION.match(paren.group(1).strip()):
        rec["relationship"] = paren.group(1).strip()
        line = line[: paren.start()] + line[paren.end() :]
    pieces = [p.strip().rstrip(".").strip() for p in re.split(r"\s*[,;]\s*", line) if p.strip().rstrip(".")]
    if not pieces or not _PERSON_NAME.match(pieces[0]):
        return None
    rec["name"] = pieces[0]
    rest = pieces[1:]
    if rest and rec["relationship"] is None and RELATION.match(rest[0]):
        rec["relationship"] = rest.pop(0)
    if rest and rec["date_of_birth"] is None and len(rest[0]) <= 30 and find_date(rest[0])[1] is not None:
        rec["date_of_birth"] = read_date(rest.pop(0))[0]  # "Ann Lee, Mother, 20/09/1976, 83 Kestrel Drive, ..."
    # "..., 02/07/1993, address not known, Indian": the address asked and not known, placed nowhere
    # ("Martin Chauhan; Father; not known; 51 Celandine Close, ...": a bare "not known" answers one part, none)
    rest = [p for p in rest if not _ADDRESS_UNKNOWN.match(p) and not _UNKNOWN_PART.fullmatch(p)]
    if rest and _ETHNICITY_UNKNOWN.match(rest[-1]):
        rest.pop()  # "..., BS24 5NU; ethnicity unknown": asked and not known, no part of the address
    if rest and _ETHNIC.search(rest[-1]) and len(rest[-1]) <= 50 and not re.search(r"\d", rest[-1]):
        rec["ethnicity"] = re.sub(r"^ethnic(?:ity| origin)\s*[:\-–]?\s*", "", rest.pop(), flags=re.I)
    if rest:
        address = ", ".join(rest)
        if not (re.match(r"^(?:\d+[a-z]?\s+\w|flat\b|hmp\b|no fixed)", address, re.I) or _POSTCODE.search(address)
                or SAME_ADDRESS.match(address)):
            return None
        rec["address"] = address
    if rec["relationship"] is None or (rec["date_of_birth"] is None and rec["address"] is None):
        return None
    return rec


_INVOLVED_WORD = re.compile(
    r"(?:^|[,;–—|-]|(?<=\)))\s*(?P<word>(?:is )?still working with (?:the )?(?:family|child)|still involved|"
    r"currently involved|current(?:ly open)?|(?:still )?open|involved|(?:has )?closed (?:the|their|its|our) case|"
    r"no longer involved|not (?:currently )?involved(?: now| any ?more)?|closed|ended|no longer open)"
    # the status may run on in a clause of its own: ", closed the case before the incident."
    r"(?:\s+(?:the|their|our|its|in|on|since|before|after|from|to|with|by|for|at|until)\b[^,;()@]{0,60})?\s*\.?$",
    re.I,
)


# "...; 01632 960455; No", and a tick column's one letter ("... | 01632 960334 | N", a "(Y/N)" column): the last
# part after the contact, never a piece of the agency's name
_BARE_STATE = re.compile(r"(?:\s*[;|]|\s+[–—-])\s*(yes|no|y|n)\s*\.?$", re.I)


# what names a team or an organisation before "Agency: Worker" (besides signature.AGENCY_WORDS)
# ("Severnvale Homes", "Curo Housing": a housing provider's name is two capitalised words like a person's)
_TEAM = re.compile(r"\b(?:team|unit|hub|project|service|visiting|nursing|camhs|justice|police|health|school|trust|"
                   r"homes|housing)\b", re.I)
_BRACKET_STATE = re.compile(r"\(\s*(?P<word>still involved|currently involved|involved|(?:still )?open|current|"
                            r"no longer involved|not (?:currently )?involved|closed|ended)\s*\)\s*\.?$", re.I)


def _agency(line: str) -> dict[str, object] | None:
    still: bool | None = None
    m = _STILL.search(line)
    if m is not None:
        still = ticks.yes_no(m.group(1))
        line = (line[: m.start()] + line[m.end() :]).strip()
    elif (b := _BRACKET_STATE.search(line)) is not None:
        # "..., bharat.thackeray@nhs.net (open)": the involvement in brackets at the end
        still = not re.match(r"no|not|closed|ended", b.group("word"), re.I)
        line = line[: b.start()].strip()
        m = b
    elif (bare := _BARE_STATE.search(line)) is not None and (_PHONE.search(line) or _EMAIL.search(line)):
        # "Carys Uglow; Graham Road Surgery; 01632 960455; No": a bare yes/no after the contact, the last of the
        # parts a list asked for as "(name, agency, contact, still involved?)"
        still = ticks.yes_no(bare.group(1))
        line = line[: bare.start()].strip()
        m = bare
    else:
        w = _INVOLVED_WORD.search(line)
        if w is not None:
            still = not re.match(r"no|not|closed|ended|has closed", w.group("word"), re.I)
            line = line[: w.start()].strip()
            m = w
    contact_m = _PHONE.search(line) or _EMAIL.search(line)
    if contact_m is None and m is None:
        return None
    contact = contact_m.group(0) if contact_m else None
    if contact_m is not None:
        line = (line[: contact_m.start()] + " " + line[contact_m.end() :]).strip()
    line = re.sub(r"\b(?:tel(?:ephone)?|phone|contact|e-?mail)\s*[:.]?\s*(?=[,;–—-]|$)", "", line, flags=re.I)
    line = re.sub(r"\(\s*\)", "", line).strip(" ,;–—-|")  # the brackets the contact was in
    # "Harriet Rowe at Priory Community School", "Faisal Thackeray at Drug & Alcohol Service (We Are With You)": the
    # agency's own bracketed name stays with the agency
    at = re.match(r"^(?P<name>[^,;()]+?)\s+(?:at|from)\s+(?P<agency>[^,;()]+(?:\([^,;()]+\))?)$", line)
    # "Ann Lee (CAMHS (Oxford Health))": an agency's own bracketed name inside the brackets
    paren = re.match(r"^(?P<name>[^()]+?)\s*\((?P<agency>(?:[^()]|\([^()]*\))+)\)\s*[,;–—-]*\s*$", line)
    # "Avon and Somerset Police – Lighthouse: Rosalind Whitlock": the agency, as written, before the colon
    colon = re.match(r"^(?P<agency>[^:]{2,80}?):\s+(?P<name>[^:,;()]+)$", line)
    from parsers.signature import AGENCY_WORDS

    if at is not None and _PERSON_NAME.match(at.group("name")):
        name, agency = at.group("name"), at.group("agency")
    elif (colon is not None and _PERSON_NAME.match(colon.group("name").strip())
          and not AGENCY_WORDS.search(colon.group("name"))
          and (_TEAM.search(colon.group("agency")) or not _PERSON_NAME.fullmatch(colon.group("agency")))):
        name, agency = colon.group("name"), colon.group("agency")
    elif paren is not None and not re.search(r"[,;|]|\s[-–—]\s", paren.group("name")):
        # (a name never holds a separator: "Olamide Shaw, Health Visiting (Sirona)" is a name, then an agency whose
        # own bracket ends the line, parted below)
        name, agency = paren.group("name"), paren.group("agency")
    else:
        # "Riverside Surgery: Ann Lee, ...": a colon parts the agency from its worker as a dash would
        # cells parted by pipes ("Agency | Worker | contact | involvement"): the pipe is the only separator, a dash
        # inside a cell is the agency's own ("Avon and Somerset Police – Lighthouse")
        split = r"\s*\|\s*(?:\|\s*)*" if " | " in line else r"\s*[,;]\s*|\s+[-–—|]\s+|:\s+"
        parts = [p.strip(" ,;–—-|") for p in re.split(split, line) if p.strip(" ,;–—-|")]
        people = [k for k, p in enumerate(parts)
                  if _PERSON_NAME.match(p) and not AGENCY_WORDS.search(p) and not _TEAM.search(p)]
        if len(parts) == 2 and people == [1]:
            agency, name = parts  # "Devon and Cornwall Police - Sgt Alan Pengelly"
        elif len(parts) == 2 and people == [0, 1]:
            # "Tower House Surgery - Simon Fitzgerald" shaped like two names and no agency word to tell which is
            # which: a swapped pair is worse than none, so the row keeps its place with both left empty
            return {"name": None, "agency": None, "contact": contact, "still_involved": still}
        elif len(parts) == 2:
            name, agency = parts
        elif len(parts) > 2 and len(people) == 1:
            # one part is a person, the others (in order) the agency: "Claire Whitworth, GP, Alexandra Practice"
            name = parts[people[0]]
            agency = ", ".join(p for k, p in enumerate(parts) if k != people[0])
        else:
            return None
    name, agency = squash(name).strip(" ,;–—-"), squash(agency).strip(" ,;–—-")
    if not name or not agency or any(p.count("(") != p.count(")") for p in (name, agency)):
        return None  # a bracket left open: the line was cut in the wrong place
    return {"name": name, "agency": agency, "contact": contact, "still_involved": still}


def _process(line: str) -> dict[str, object] | None:
    m = re.match(r"^(?P<process>[^:]{2,60}?)\s*(?::|\s[-–—]\s)\s*(?P<status>.+)$", line)
    if m is None and line.count(";") == 1 and "(" not in line:
        # "Criminal investigation; Suspect on police bail": a list asked for as "(process; status)"
        m = re.match(r"^(?P<process>[^:;]{2,60}?)\s*;\s*(?P<status>[^;]+)$", line)
    if m is None:
        # "Criminal investigation (Suspect released under investigation)": the status in brackets after it
        m = re.match(r"^(?P<process>[^:()]{2,60}?)\s*\((?P<status>[^()]{2,120})\)\s*\.?$", line)
        if m is not None and re.fullmatch(r"[A-Z]{2,6}", m.group("status").strip()):
            return None  # "Child death review (JAR)": the process's own abbreviation, no status
    if m is None or not _PROCESS.search(m.group("process")) or len(m.group("process").split()) > 6:
        return None
    # "Police investigation - status: Ongoing": the status's own label after the dash is no part of its value
    status = value_or_none(re.sub(r"^(?:current )?(?:status|stage(?: reached)?|position)\s*[:\-–—]\s*", "",
                                  m.group("status"), flags=re.I))
    # "LADO    Status: referral accepted" (a column print, the status's own label after the process): not its name
    process = re.sub(r"\s+(?:current )?(?:status|stage(?: reached)?|position)$", "", squash(m.group("process")),
                     flags=re.I)
    return {"process": process, "status": squash(status) if status else None}


def join_wrapped_email(line: str) -> str:
    """An email address broken by a narrow column: "jo.reed@school.n- somerset.sch.uk", "jo@nhs.n et"."""
    line = re.sub(r"(@[\w.\-]*\w-)\s+(?=\w)", r"\1", line)
    return re.sub(r"(@[\w\-]+(?:\.[\w\-]+)*\.[a-z])\s+([a-z]{1,5})\b", r"\1\2", line)


_READERS = {"family": _family, "agencies": _agency, "processes": _process}


def read_line(kind: str, line: str) -> dict[str, object] | None:
    """One record of `kind` ("family", "agencies", "processes") from one line, or None if it is not one."""
    reader = _READERS.get(kind)
    if "\n" in line.strip() and (joined := one_line(kind, line)) is not None:
        line = joined  # a cell of one entry, its answers labelled a line each (labelled_cells.py)
    elif line.count("\t") >= 2 and (joined := one_line(kind, line.replace("\t", "\n"))) is not None:
        line = joined  # "Agency: X <tab> Worker: Y <tab> Contact: Z": the same, its labelled answers side by side
    # a bullet (a Symbol-font one is a private-use character in PDF text) or a list number
    line = _BULLET.sub("", line).strip(" \t•*")
    line = join_wrapped_email(line)
    if reader is None or not line or len(line) > 300 or value_or_none(line) is None:
        return None
    boxes = TICK_STATE.search(line) if kind == "agencies" else None
    lone = _LONE_BOX.search(line) if kind == "agencies" and boxes is None else None
    if lone is not None:
        # "... - still involved ☒ Yes" (the line cut before its "☐ No"): the one box answers the question when
        # marked; unmarked it says nothing. Neither the question nor the box is part of the agency's name.
        record = reader(_columns(kind, line[: lone.start()].rstrip()))
        if record is not None and record.get("still_involved") is None and lone.group("box") == "☒":
            record["still_involved"] = lone.group("option").lower() in ("open", "current", "yes")
        return _no_boxes(record)
    if boxes is None:
        return _no_boxes(reader(_columns(kind, line)))
    # "... 07700 900310    ☒ Open   ☐ Closed": the involvement as boxes after the record, read when exactly one
    # is marked; the record itself is read without them
    marked = [opt.lower() for box, opt in _TICK_OPTION.findall(boxes.group(0)) if box == "☒"]
    # "... – still involved: ☒ Yes ☐ No": the question the boxes answer is no part of the record
    before = _BOXES_QUESTION.sub("", line[: boxes.start()].rstrip())
    record = reader(_columns(kind, before))
    if record is not None and record.get("still_involved") is None and len(marked) == 1:
        record["still_involved"] = marked[0] in ("open", "current", "yes", "still involved")
    return _no_boxes(record)


# one box after the question that asks for it, the other option cut off: "- still involved ☒ Yes"
_LONE_BOX = re.compile(r"[\s,;|–—-]*(?:(?:is|are) (?:the|this|they) (?:agency|service|organisation|worker) )?"
                       r"(?:still|currently|now) (?:involved|open|working with (?:the )?(?:family|child))\s*[:?]?\s*"
                       r"(?P<box>[☐☒])\s*(?P<option>yes|no|open|closed|current|ended)\s*\.?$", re.I)


def _no_boxes(record: dict[str, object] | None) -> dict[str, object] | None:
    """A record whose name or agency holds a tick box: that part was cut from a question's answer, never a name (a
    wrong agency is worse than none)."""
    if record is not None:
        for key in ("name", "agency"):
            value = record.get(key)
            if isinstance(value, str) and ("☐" in value or "☒" in value):
                record[key] = None
    return record


# the question printed before an entry's yes/no boxes ("still involved:", "Is the agency still involved?")
_BOXES_QUESTION = re.compile(r"[\s,;|–—-]*(?:(?:is|are) (?:the|this|they) (?:agency|service|organisation|worker) )?"
                             r"(?:still|currently|now) (?:involved|open|working with (?:the )?(?:family|child))"
                             r"\s*[:?]?\s*$", re.I)
# the boxes after a record: "☒ Open   ☐ Closed" (also read by fields._headerless_row for a row of such cells)
_TICK_OPTION = re.compile(r"([☐☒])\s*(open|closed|current|ended|yes|no|still involved)\b", re.I)
TICK_STATE = re.compile(r"(?:[\s,;|–—-]+[☐☒]\s*(?:open|closed|current|ended|yes|no|still involved)\b){2,3}\s*$", re.I)


# A status word typed after the contact with one space ("jo@nhs.net OPEN"), in a column layout
_TRAILING_STATE = re.compile(r"(?<=\S)\s+(?P<word>open|ended|closed|current|not involved|involved)$", re.I)


def _columns(kind: str, line: str) -> str:
    """A case-system print that lines its records up in columns with no header ("Jo Reed    Avon and Somerset
    Constabulary    jo.reed@...  OPEN", "Section 47 enquiry     Under way"): the column gaps (two or more spaces,
    or a tab) part the record as pipes (an agency) or a colon (a process and its status) would. Lines without
    such gaps are as they came."""
    if kind in ("agencies", "family") and "|" not in line and line.count(" / ") >= 2:
        # "Hutton Moor Academy / Sinéad Trevelyan / 07700 900340 / closed": a spaced slash parts the record's cells
        # as a pipe would (two or more of them: "Agency / organisation" alone is one cell's words)
        line = line.replace(" / ", " | ")
    cells = [c.strip() for c in re.split(r"\s{2,}|\t", line) if c.strip()]
    if kind == "processes" and len(cells) == 2 and ":" not in line:
        return f"{cells[0]}: {cells[1]}"
    if kind == "agencies" and len(cells) >= 3 and "|" not in line:
        last = _TRAILING_STATE.search(cells[-1])
        if last is not None and (_PHONE.search(cells[-1]) or _EMAIL.search(cells[-1])):
            cells[-1:] = [cells[-1][: last.start()].strip(), last.group("word")]
        return " | ".join(cells)
    return line
