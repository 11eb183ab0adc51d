"""What a referral written as a letter says plainly: the child named with a date of birth, their address, the day.

A mail with no form ("I have not used the referral form as I am on leave...") still names the child the way a
person would: "Reggie Mensah (date of birth 8 April 2013), of 97 Bournville Road, Banwell, BS29 6GB, died on 5
September 2026". Only that anchored shape is read: a capitalised name of two or three words (or "Surname,
Forename") directly followed by
a date of birth ("(DOB ...)", "(date of birth ...)", ", born ..."), not after a relationship word ("his mother Jo
Marsh (dob ...)"), and only when the letter anchors exactly one such person, young enough to be a child. A name
with no date of birth beside it is never taken (whose name it is would be a guess), and a death is read only
from the child's own sentence. Where the child lives is read after the anchor when said of the child by first name
or of the family ("Callum lives with his mother, Saoirse Nic Giolla, at <address with postcode>", "The family live
at ..."), the carer only from the child's own "lives with his/her <relation>, <Name>".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from parsers.dates import all_dates, find_date

_WORD = r"[^\W\d_][\w'’\-]*"
_CAP = r"[^\W\d_a-z][\w'’\-]*"
# a surname's lower-case particles: "Ffion van der Merwe", "Rhiannon ap Rhys", "Lotte ter Horst"
_PARTICLE = r"(?:van|von|de|der|den|del|della|di|da|dos|du|la|le|ter|ten|ap|ab|bin|al|el)"
# "Alex Fictional", "Alex James Fictional", or surname first with a comma: "Fictional, Alex"
_NAME = rf"(?P<name>{_CAP}(?:\s+(?:{_PARTICLE}\s+){{0,2}}{_CAP}){{1,2}}|{_CAP},\s*{_CAP})"
_DOB = r"(?i:date\s+of\s+birth|d\.?\s?o\.?\s?b\.?|born(?:\s+on)?)\s*[:\-]?\s*"
_ANCHOR = re.compile(
    rf"{_NAME}\s*(?:\(\s*{_DOB}(?P<dob>[^),;]{{6,24}}?)\s*\)"
    rf"|,\s*{_DOB}(?P<dob2>[^),;]{{6,24}}?)\s*(?=[,;.]|\s+[a-z]))"
)
# the word before a name that makes it someone else's: "his mother Jo Marsh (dob ...)"
_RELATION = re.compile(
    r"\b(?:mother|mum|father|dad|parent|partner|boyfriend|girlfriend|step-?\w+|brother|sister|sibling|aunt|uncle|"
    r"grand\w+|cousin|carer|husband|wife|suspect|perpetrator|offender|adult|man|woman|male|"
    r"female)\s*(?:is|was|,)?\s*$",
    re.I,
)
_POSTCODE = r"[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b"
# the address after the name and date of birth, said so ("of", "address: ") or only set off by a comma ("Fictional,
# Alex (d.o.b. ...), 1 Nowhere Lane, ZZ1 1ZZ"): a house number and a postcode either way
_ADDRESS = re.compile(
    rf"^\s*(?:,?\s*(?:of|home address|address|who lives at|living at|lives at|resident at|residing at)\s*[:\-]?"
    rf"|,)\s*(?P<addr>\d[^.;()]{{4,90}}?{_POSTCODE})"
)
# "Callum lives with his mother, Saoirse Nic Giolla, at Flat 2, 108 ..., BS25 3RL", "The family live at 89 Moor
# Croft, ...": where the child lives (and with whom), said of the child by first name or of the whole family
_FLAT = r"(?:(?:flat|apartment|unit)\s+\d+[a-z]?,?\s*)?"
_LIVES = (r"(?:\s+with\s+(?P<with>[^.;:()]{2,80}?),?)?\s+at\s+(?P<addr>" + _FLAT + r"\d[^.;()]{4,90}?"
          + _POSTCODE + ")")
_CARER_WORD = (r"(?:his|her|their)\s+(?:mother|mum|father|dad|grandmother|grandfather|nan|gran|aunt|uncle|"
               r"step-?mother|step-?father|foster carers?|special guardian|kinship carer)")
_CARER_NAME = re.compile(rf"^{_CARER_WORD},?\s+(?P<name>{_CAP}(?:\s+(?:{_PARTICLE}\s+){{0,2}}{_CAP}){{1,3}})\s*,?$")
_EVENT = re.compile(
    r"\b(?:died|passed away|was (?:found|admitted|brought|taken|injured|assaulted|attacked|stabbed|shot|pronounced)|"
    r"collapsed|sustained|suffered)\b",
    re.I,
)
_DIED = re.compile(r"\b(?:died|has died|passed away|was pronounced dead|took (?:his|her|their) own life)\b", re.I)
_HARMED = re.compile(
    r"\b(?:seriously (?:harmed|injured|hurt)|serious(?:ly)?\s+(?:\w+\s+)?injur(?:y|ies)|life[- ]threatening|"
    r"non-accidental injur(?:y|ies)|intensive care|critical condition)\b",
    re.I,
)
_ABUSE_SUSPECTED = re.compile(
    r"\b(?:(?:abuse|neglect|non-accidental injury|nai)\s+(?:is|was|are|were)\s+(?:being\s+)?suspected|"
    r"suspected\s+(?:abuse|neglect|non-accidental injury))\b",
    re.I,
)
# A capitalised word that opens a sentence, not a name: "Sadly Carys Gallacher (DOB ...) died": left off the name
_LEAD_WORD = re.compile(
    r"^(?:sadly|tragically|unfortunately|regrettably|recently|yesterday|today|tonight|earlier|also|however|then|"
    r"so|and|but|when|on|in|at|our|my|the|this|dear|hi|hello|re|please|sorry|last|as|after|before|following|"
    r"unexpectedly|suddenly)$",
    re.I,
)
_MONTH = re.compile(r"^(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
                    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?$", re.I)
_DAY_BEFORE = re.compile(r"\b\d{1,2}(?:st|nd|rd|th)?(?:\s+of)?\s*$", re.I)
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])|\n\s*\n")
_MAX_CHILD_YEARS = 18


@dataclass
class Narrative:
    """What the letter says about the child; None where it does not say it plainly."""

    name: str | None = None
    date_of_birth: str | None = None
    home_address: str | None = None
    carer: str | None = None
    incident_date: str | None = None
    child_died: bool | None = None
    seriously_harmed: bool | None = None
    abuse_suspected: bool = False


def _anchors(text: str) -> list[re.Match[str]]:
    out = []
    for m in _ANCHOR.finditer(text):
        if _RELATION.search(text[max(0, m.start() - 40) : m.start()]):
            continue
        if find_date(m.group("dob") or m.group("dob2"))[0] is None:
            continue
        out.append(m)
    return out


def read_narrative(text: str) -> Narrative:
    """The child a no-form referral names, and what it says happened to them (see the module's doc)."""
    found = Narrative()
    anchors = _anchors(text)
    names = {re.sub(r"\s+", " ", m.group("name")) for m in anchors}
    if len(names) != 1:
        return found  # nobody anchored, or two people: whose referral it is would be a guess
    m = anchors[0]
    dob = find_date(m.group("dob") or m.group("dob2"))[0]
    name = re.sub(r"\s+", " ", m.group("name"))
    words = name.split(" ")
    if "," not in name and _MONTH.match(words[0]) and _DAY_BEFORE.search(text[: m.start()]):
        # "On Mon 23rd November Shanice Campbell-Reid (date of birth ...)": the month of the date before the name
        # is no part of it ("June Tapp" keeps hers: no day number before it)
        if len(words) < 3:
            return found
        name, words = " ".join(words[1:]), words[1:]
    if "," not in name and _LEAD_WORD.match(words[0]):
        if len(words) < 3:
            return found  # "Sadly Carys (DOB ...)": one name word left, whose is unclear
        name = " ".join(words[1:])
    later = [d for d in all_dates(text) if dob is not None and d > dob]
    if dob is None or (later and int(max(later)[:4]) - int(dob[:4]) > _MAX_CHILD_YEARS):
        return found  # an adult's date of birth: not the child
    found.name, found.date_of_birth = name, dob
    after = text[m.end() :]
    addr = _ADDRESS.match(after)
    if addr is not None:
        found.home_address = re.sub(r"\s+", " ", addr.group("addr")).strip(" ,")
    first = name.split()[0]
    lives = re.search(rf"\b(?P<who>{re.escape(first)}|the family|the child)\s+(?:lives?|is living|are living|"
                      rf"resides?){_LIVES}", after, re.I)
    if lives is not None and (lives.group("who").lower() != first.lower() or lives.group("who")[0].isupper()):
        if found.home_address is None:
            found.home_address = re.sub(r"\s+", " ", lives.group("addr")).strip(" ,")
        # the carer only when the child is said to live with them by name: "lives with his mother, Saoirse ..."
        carer = _CARER_NAME.match(re.sub(r"\s+", " ", lives.group("with") or "").strip())
        if carer is not None and lives.group("who").lower() == first.lower():
            found.carer = carer.group("name")
    sentences = [s for s in _SENTENCE.split(text[m.start() :]) if s.strip()][:3]
    own = [s for s in sentences if first.lower() in s.lower() or name.lower() in s.lower() or s is sentences[0]]
    for sentence in own:
        if _EVENT.search(sentence):
            days = [d for d in all_dates(sentence) if d != dob]
            if len(days) == 1 and days[0] > dob:
                found.incident_date = days[0]
                break
    if any(_DIED.search(s) for s in own):
        found.child_died = True
    elif _HARMED.search(text):
        found.seriously_harmed = True
    found.abuse_suspected = _ABUSE_SUSPECTED.search(text) is not None
    return found
