"""Is a mail that reads as a referral without a form a follow-up on an open case (stranger round 17, B5)?

The referrer's "Thanks. Quentin (DOB 14/03/2019) was discharged home today." on her own referral's thread reads
as a no-form referral (a child, a date of birth, "CSPR referral" in the subject) and opened a second, provisional
case: routed to six roles, clocks running, escalated. Such a mail belongs to the case its thread parent opened or
was filed on (bot/threads.thread_case), and without a thread to the open case whose referrer sent it and whose
child's date of birth and forename it gives (evidence). Either way only when nothing in it points at another
child (another_child): a sibling in prose, another date of birth, a letter naming another child by full name.
A sibling's *form* is never a follow-up: intake reads only mails whose form is missing this way. Since stranger
round 19 (B1) a thread follow-up also needs positive evidence (`evidence`), and another child is read from more
than sibling words: someone else's child, a baby, an age that is not the child's, another forename of the family,
a new incident. Since round 20 (B1) a mail with harm or review words is filed only when it brings in nobody else (a
cousin, a friend, initials, another forename, another language), even when it names the case's child too. Since
round 22 (B7) referral words said of the case's own child ("has been re-referred to CSC", "a further referral about
him") are his news: another child is known by who the text is about, not by the referral words.

Pure: the mail's own text (quoted history cut) and the candidate case's stored referral in, reasons out. Every
reason is a field name or a fixed phrase, never a value (they reach the co-ordinator's triage mail and the case
view).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from bot.domain.duplicates import close_names, middle_name, name_key
from parsers.classify import SERIOUS
from parsers.dates import all_dates
from parsers.introduced import AGED_NAME, FOREIGN_HARM, HARMED, INTRODUCED, aged_name_years

# Words that bring another child into the mail: a follow-up naming one is not filed (it may refer a sibling).
_ANOTHER = re.compile(
    r"\b(?:siblings?|brothers?|sisters?|twins?|half[- ]?(?:brother|sister)s?|step[- ]?(?:brother|sister|son|"
    r"daughter|child)s?|another child|other child(?:ren)?|second child|younger child|older child|new ?born|"
    r"newborn|new baby)\b", re.I)
# A date labelled as someone's birth: one that is not the case child's is another child's (the mother's DOB
# beside the child's is rare in a one-line update, and a wrong guess here only leaves the old, noisy path).
_DOB_LABEL = re.compile(r"\b(?:d\.?\s?o\.?\s?b\b\.?|date of birth|born(?:\s+on)?|birthday)\s*[:.,)(-]?\s*", re.I)


def _words(text: object) -> list[str]:
    """Words as names are compared: accents folded, case folded, apostrophes dropped, letters only."""
    raw = str(text or "").replace("'", "").replace("\u2019", "")
    folded = "".join(c for c in unicodedata.normalize("NFKD", raw) if not unicodedata.combining(c)).casefold()
    return re.findall(r"[^\W\d_]+", folded)


def _child(form: dict[str, object] | None) -> tuple[str, str | None]:
    child = form.get("child") if isinstance(form, dict) else None
    if not isinstance(child, dict):
        return "", None
    return str(child.get("name") or ""), (str(child.get("date_of_birth")) if child.get("date_of_birth") else None)


def forenames(name: str) -> set[str]:
    """The words of a stored child's name that are not the surname: after the comma of "SURNAME, Forename", else
    all but the last word; a one-word name is its own forename. Nicknames in brackets count ("Bethany (Beth)")."""
    if "," in name:
        return {w for w in _words(name.split(",", 1)[1]) if len(w) >= 2}
    words = [w for w in _words(name) if len(w) >= 2]
    return set(words[:-1] if len(words) > 1 else words)


def evidence(text: str, form: dict[str, object] | None) -> tuple[str, ...]:
    """What the mail's own text gives of the case's child: "forename" (a forename as a whole word) and
    "date_of_birth" (the date of birth, in any way a date is written)."""
    name, dob = _child(form)
    out: list[str] = []
    own = forenames(name)
    if own and own & set(_words(text)):
        out.append("forename")
    if dob and dob in all_dates(text):
        out.append("date_of_birth")
    return tuple(out)


def labelled_births(text: str) -> list[str]:
    """The dates written right after a birth label ("DOB 14/03/2019", "born 14 March 2019"), as ISO dates."""
    out: list[str] = []
    for m in _DOB_LABEL.finditer(text):
        dates = all_dates(text[m.end():m.end() + 24])
        if dates and dates[0] not in out:
            out.append(dates[0])
    return out


# Words the narrative reader can take for a name in a one-line update ("Hi, He (DOB ...)" read as "Hi, He"): a
# "name" left with fewer than two other words is no evidence of another child.
_NOT_NAMES = frozenset({
    "hi", "hello", "dear", "morning", "afternoon", "thanks", "thank", "you", "update", "re", "fw", "fwd", "he", "she",
    "they", "him", "her", "his", "the", "a", "an", "child", "baby", "infant", "boy", "girl", "son", "daughter", "mum",
    "mother", "dad", "father", "just", "also"})


def _a_name(text: str) -> bool:
    return len([w for w in _words(text) if w not in _NOT_NAMES and len(w) >= 2]) >= 2


# Stranger round 19, B1: another child written without a sibling word or a labelled date of birth. Merging two
# children loses one; a duplicate case costs the co-ordinator a minute, so any of these keeps the mail off the case.
# Someone else's child, or a child brought in with an indefinite article ("a boy aged 4", "a 7-year-old boy").
_SOMEONE_ELSES = re.compile(
    r"\b(?:neighbou?r\W?s?|(?:a|another|one other)\s+(?:\w+[- ]year[- ]old\s+|little\s+|young\s+|small\s+)?"
    r"(?:boy|girl|child|baby|infant|toddler|teenager)|(?:a|another)\s+\d{1,2}[- ](?:year|month|week)s?[- ]old)\b",
    re.I)
# A baby or an infant: the case's child only if it is under two.
_BABY = re.compile(r"\b(?:baby|infant|new[- ]?born|neonate)\b", re.I)
# An age as written: "aged 4", "7-year-old", "4 years old", "6 weeks old", "3 months old", "age 3".
_AGE = re.compile(r"\b(?:aged?\s+(?P<n1>\d{1,2})(?:\s*(?P<u1>years?|yrs?|months?|weeks?))?|"
                  r"(?P<n2>\d{1,2})\s*[- ]?\s*(?P<u2>years?|yrs?|months?|weeks?)[- ]?\s*old)\b", re.I)
# A NEW incident: a referral of its own, never a follow-up, even of the same child (the report's "second, separate
# incident weeks later").
_NEW_INCIDENT = re.compile(
    r"\b(?:(?:second|new|another|separate|further|fresh|different)\W+(?:\w+\W+)?(?:incident|injur\w*|episode|"
    r"admission|referral)|new\s+(?:rapid\s+|practice\s+)?review|readmitted|re-admitted)\b", re.I)
# A death or serious harm, asked to be considered for a review: with the case's child unnamed, another child's.
_HARM = re.compile(r"\b(?:died|dies|death|deceased|passed away|fatal\w*|killed|unresponsive|seriously\s+"
                   r"(?:harmed|injured|hurt)|fractur\w*|skull|head injur\w*|brain injur\w*)\b", re.I)
_REVIEW = re.compile(r"\b(?:consider\w*|request\w*|refer\w*)\b[^.]{0,60}\b(?:review|cspr|lcspr)\b|"
                     r"\b(?:rapid review|cspr)\b", re.I)
_TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "mum", "dad", "mother", "father", "family", "the"})


def _age_years(match: re.Match[str]) -> float:
    n = int(match.group("n1") or match.group("n2"))
    unit = (match.group("u1") or match.group("u2") or "years").lower()
    return n / 52 if unit.startswith("week") else n / 12 if unit.startswith("month") else float(n)


def _years_old(dob: str | None, today: date | None) -> float | None:
    try:
        born = date.fromisoformat(dob or "")
    except ValueError:
        return None
    return None if today is None else (today - born).days / 365.25


def _other_full_name(text: str, name: str, adults: frozenset[str] = frozenset()) -> bool:
    """A capitalised word before the child's surname that is none of its forenames ("Mia Fictional" on Alex
    Fictional's case): a relative, most likely another child; a title ("Mrs Fictional") is not, nor an adult's
    forename (`adults`: named as the mother, the father, a carer, or on the form as one)."""
    words = [w for w in _words(name) if len(w) >= 2]
    if len(words) < 2 and "," not in name:
        return False
    surname = _words(name.split(",", 1)[0])[-1] if "," in name else words[-1]
    own = forenames(name)
    for m in re.finditer(r"\b([A-Z][\w'\u2019-]+)\s+([A-Z][\w'\u2019-]+)\b", text):
        first, last = _words(m.group(1)), _words(m.group(2))
        if last and last[-1] == surname and first and first[0] not in own and first[0] not in _TITLES \
                and first[0] not in _NOT_NAMES and first[0] not in adults and len(first[0]) >= 2:
            return True
    return False


def another_child(text: str, form: dict[str, object] | None, letter_name: str | None = None,
                  read_dob: str | None = None, today: date | None = None) -> str | None:
    """Why the mail may be about a child other than the case's (a fixed phrase), or None. `letter_name`: the full
    name a no-form letter anchors with a date of birth (parsers/narrative.py); `read_dob`: the date of birth the
    parser read from it; `today`: the day it arrived (the case's child's age is counted to it)."""
    name, dob = _child(form)
    # Stranger round 20, B6: the case child's own news may name an adult, say "since he was a baby" or tell that a
    # sibling is safe; those words are read out first (each only where nothing else is said of anyone: _benign).
    text, adults = _benign(text, form)
    # Stranger round 22, B7: the case child's own referral news ("a further referral to CSC about him") is no
    # referral of another child; its referral words are read out where the sentence brings in nobody else.
    text = _own_referral_news(text, form, adults, today)
    if _ANOTHER.search(text):
        return "it mentions another child (a sibling, a twin or another child)"
    if letter_name and _a_name(letter_name) and name and name_key(letter_name) != name_key(name) and not middle_name(
            name_key(letter_name), name_key(name)):
        # one letter apart may be a twin (Louis/Louise): another child as far as filing goes
        return ("it names a child whose name is spelt differently" if close_names(name_key(letter_name),
                                                                               name_key(name))
                else "it names another child")
    if dob and ((read_dob and read_dob != dob) or any(d != dob and not _adult_born(d, today)
                                                       for d in labelled_births(text))):
        return "it gives another date of birth"
    if any(not _adult_age(m.group(0)) for m in _SOMEONE_ELSES.finditer(text)):
        return "it mentions another child (someone else's, or a child it introduces)"
    if _NEW_INCIDENT.search(text):
        return "it reports a new incident (a referral of its own)"
    if name and _other_full_name(text, name, adults):
        return "it names another person of the family"
    years = _years_old(dob, today)
    if _BABY.search(text) and (years is None or years >= 2):
        return "it mentions a baby or an infant"
    # an age of 18 or more is an adult's (a parent's, "his mother, aged 24"), never another child's
    ages = [*(_age_years(m) for m in _AGE.finditer(text)), *(aged_name_years(m) for m in AGED_NAME.finditer(text))]
    if (ages := [a for a in ages if a < ADULT_AGE]) and (years is None or any(abs(a - years) > 1 for a in ages)):
        return "it gives an age that is not the child's"
    if _introduces(text, form):
        return "it brings in a referral of its own"
    harm = _HARM.search(text) or SERIOUS.search(text)
    if harm and _REVIEW.search(text) and "forename" not in evidence(text, form):
        return "it reports a death or serious harm for review without naming the child"
    # Stranger round 22, B2: harm told short of the serious words ("a broken femur", "admitted to hospital") beside a
    # relation noun ("the lodger's daughter") is another child's referral too; harm in another language cannot be
    # judged as the case child's news.
    if (harm or HARMED.search(text) or _REVIEW.search(text)) and (
            why := _someone_else_in_referral(text, form, adults)):
        return why
    if FOREIGN_HARM.search(text):
        return "it tells of harm in a language the bot cannot judge"
    return None


def _introduces(text: str, form: dict[str, object] | None) -> bool:
    """"I also need to tell you about ...", "can I also refer", "another one for you" (fix21d): a referral of its
    own, unless what it brings in is the case's child (its forename or date of birth right after)."""
    return any(not evidence(re.sub(r"['\u2019]s\b", "", text[m.end():m.end() + 40]), form)
               for m in INTRODUCED.finditer(text))


# Stranger round 20, B1: a reply that also names the case's child can still refer another: a cousin, a foster child,
# "Mum's new partner's son", a classmate, a friend, initials, "the other one", another language, a bare forename.
# A mail with the referral vocabulary (harm or death, a review asked) is filed only when nobody else is brought in.
_RELATION = re.compile(
    r"\b(?:cousins?|foster(?:ed)?\s+(?:child|children|son|daughter|sibling|baby|boy|girl|kid)s?|fostered|sons?|"
    r"daughters?|step-?child(?:ren)?|(?:best\s+|school\s?)?friends?|classmates?|playmates?|schoolmates?|nephews?|"
    r"nieces?|god(?:son|daughter|child)|grand(?:son|daughter|child)(?:ren)?|partner\W?s?\s+(?:\w+\s+)?"
    r"(?:child|children|kids?|boy|girl)|(?:the\s+)?other\s+(?:one|child|boy|girl|kid)s?|kids?)\b", re.I)
# Initials for a child ("J.F.", "J. F."): the case's own child is named by forename in an update.
_INITIALS = re.compile(r"(?<![\w.])[A-Z]\.\s?[A-Z]\.(?!\w)")
# Words of the languages referrers have written in (Spanish, Polish, Welsh, French) that English does not use: a
# mail we cannot judge is not filed. Letters with accents outside the case's names say the same.
_FOREIGN = frozenset({
    "su", "sus", "el", "los", "las", "murio", "hermana", "hermano", "hermanita", "hijo", "hija", "anoche", "esta",
    "jej", "jego", "siostra", "brat", "zmarl", "zmarla", "zmarly", "nie", "jest", "nocy", "mae", "yn", "bu", "farw",
    "chwaer", "brawd", "est", "elle", "frere", "soeur", "morte", "mort", "decede", "decedee"})
# Capitalised words of an English referral that are not a person's name.
_NOT_PEOPLE = frozenset({
    "please", "sadly", "unfortunately", "tragically", "regrettably", "today", "yesterday", "tonight", "last", "this",
    "that", "these", "those", "there", "it", "we", "i", "our", "my", "your", "police", "hospital", "ward", "can",
    "could", "would", "will", "should", "may", "might", "following", "after", "before", "as", "in", "on", "at", "and",
    "but", "so", "or", "if", "when", "while", "both", "also", "further", "thanks", "thank", "kind", "regards", "rapid",
    "review", "reviews", "child", "children", "safeguarding", "practice", "panel", "national", "local", "authority",
    "council", "social", "care", "services", "trust", "nhs", "royal", "infirmary", "university", "general", "coroner",
    "post", "mortem", "yes", "no", "not", "now", "still", "sorry", "note", "dear", "good", "morning", "afternoon",
    "evening", "update", "he", "she", "her", "his", "him", "they", "them", "their", "who", "what", "which", "where",
    "why", "how", "all", "any", "some", "one", "each", "is", "was", "has", "had", "have", "are", "were", "for",
    "to", "from", "with", "by", "of", "a", "an", "the", "do", "does", "did", "monday", "tuesday", "wednesday",
    "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april", "june", "july",
    "august", "september", "october", "november", "december", "cspr", "lcspr", "picu", "nicu", "icu", "dob", "re",
    "fw", "fwd", "mum", "dad", "mother", "father", "mr", "mrs", "ms", "miss", "mx", "dr", "family", "consultant",
    "surgery", "surgeons", "doctors", "staff", "school", "nursery", "ambulance", "paramedics", "here", "just", "only",
    "very", "many", "much", "more", "most", "again", "already", "currently", "however", "although", "though",
    "because", "since", "until", "during", "overnight", "earlier", "later", "then", "its", "be", "been",
    "being", "english", "welsh"})
_CAPITALISED = re.compile(r"\b([A-Z][^\W\d_]+)(?:['\u2019]s)?\b")


def _case_people(form: dict[str, object] | None) -> set[str]:
    """The words of the names on the case a referral may use: the child's, its carer's and the adults of the family
    (a sibling listed on the form is another child, so not counted)."""
    name, _ = _child(form)
    out = set(_words(name))
    child = form.get("child") if isinstance(form, dict) else None
    if isinstance(child, dict):
        out |= set(_words(re.sub(r"\(.*?\)", " ", str(child.get("carer") or ""))))
    family = form.get("family") if isinstance(form, dict) else None
    for m in family if isinstance(family, list) else []:
        if isinstance(m, dict) and re.search(r"mother|father|mum|dad|parent|carer|partner|grand|aunt|uncle|guardian",
                                             str(m.get("relationship") or ""), re.I):
            out |= set(_words(m.get("name")))
    return out


def _someone_else_in_referral(text: str, form: dict[str, object] | None,
                              adults: frozenset[str] = frozenset()) -> str | None:
    """Why a referral-worded mail may bring in a person other than the case's child, or None: a relation noun,
    initials, another language, or a capitalised name in its harm or review sentences that is none of the case's
    (nor an adult's the mail names as one: `adults`)."""
    if _RELATION.search(text):
        return "it refers a relative, a friend or another child"
    if _INITIALS.search(text):
        return "it refers a child by initials"
    people = _case_people(form) | adults
    others = [w for w in _words(text) if w not in people]
    if _FOREIGN & set(others) or any(not w.isascii() for w in others):
        return "it is written in a language the bot cannot judge"
    for sentence in re.split(r"[.!?;\n]+", text):
        if not (_HARM.search(sentence) or SERIOUS.search(sentence) or _REVIEW.search(sentence)):
            continue
        for m in _CAPITALISED.finditer(sentence):
            word = _words(m.group(1))
            if word and word[0] not in people and word[0] not in _NOT_PEOPLE and word[0] not in _NOT_NAMES \
                    and word[0] not in _SERVICES and len(word[0]) >= 2:
                return "it names someone other than the case's child in its referral"
    return None


# Stranger round 20, B6: the case child's own news opened flagged duplicate cases when it named her mother, said "since
# she was a baby" or told that her brother was safe (3 of 6). Each is read out of the text another_child judges only
# where it is plainly not another child: a name said to be an adult's, the baby the case child once was, a sibling
# said to be safe with nothing else said of anyone. A harmed sibling, or any doubt, still keeps the mail off the case.
ADULT_AGE = 18  # an age (or a date of birth) of 18 years or more is an adult's
_ROLE = (r"(?i:mother|mum|mom|mummy|father|dad|daddy|step-?(?:mother|father|mum|dad)|parents?|(?:foster\s+)?carers?|"
         r"guardian|grand(?:mother|father|ma|pa|mum|dad|parents?)|gran|granny|nan|nana|nanna|grandad|aunt(?:ie|y)?|"
         r"uncle|partner|boyfriend|girlfriend|husband|wife|social\s+worker|health\s+visitor|consultant|paediatrician|"
         r"doctor|nurse|midwife|teacher|head\s?teacher|officer|detective|gp|dr|prof|pc|dc|ds|di|sgt)\.?")
_PERSON = r"[A-Z][\w'\u2019-]+(?:\s+[A-Z][\w'\u2019-]+){0,2}"
# "his mother, Jo Zabrowski, says", "Mum (Jo) says", "Jo Zabrowski (mother)", "Jo Zabrowski, Quentin's mother": the
# name an adult role word stands beside. Not in a list ("his mother, Mia and Leo": Mia may be a child), nor with an age
# after it ("his mother, Lily Zabrowski, 15,": a mother may be a child herself).
_ADULT_NAMED = re.compile(
    rf"\b{_ROLE}\s*[,:(\u2013-]?\s*(?:(?i:is|called|named)\s+)?(?P<a>{_PERSON})(?![\w'\u2019-]|\s+[A-Z])"
    r"(?!\s*,?\s*(?:and|&|or)\s+[A-Z])"
    r"(?!\s*[,(]?\s*(?:aged?\s+)?\d)|"
    rf"(?<![\w'\u2019-])(?P<b>{_PERSON})\s*(?:,|\()\s*(?:(?i:his|her|their|the\s+child\W?s)\s+|[A-Z]\w+\W?s\s+)?"
    rf"{_ROLE}\b")
# The baby (or toddler) the case child once was: "since she was a baby", "as a baby", "from birth".
_ONCE_A_BABY = re.compile(
    r"\b(?:(?:ever\s+)?since|when|as|from\s+when)\s+(?:(?P<who>\w+)\s+(?:was|were)\s+)?(?:a|an)\s+(?:little\s+|"
    r"young\s+|small\s+|tiny\s+)?(?:baby|infant|toddler|new-?born|little\s+one|boy|girl)\b|\bfrom\s+birth\b", re.I)
# A sibling said to be safe ("her brother is safe and staying with gran", "was not hurt"); that one lives with them or
# goes to school says nothing of it...
_SAFE = re.compile(
    r"\b(?:safe|well|fine|ok|okay|unharmed|unhurt|uninjured|not\s+(?:been\s+)?(?:hurt|injured|harmed)|no\s+"
    r"(?:injuries|injury|marks)|staying\s+with|placed\s+with|looked\s+after\s+by|cared\s+for\s+by)\b", re.I)
_NOT_HARMED = re.compile(
    r"\b(?:not|n't|never)\s+(?:been\s+)?(?:hurt|injured|harmed|present|there|involved|at\s+(?:home|the\s+(?:house|"
    r"address|property)))\b|\bno\s+(?:injuries|injury|marks|concerns)\b|\b(?:unhurt|unharmed|uninjured)\b|"
    r"\balso\s+(?=(?:safe|fine|well|ok|okay)\b)|(?<=\b(?:safe|fine|well))\s+(?:too|as\s+well)\b", re.I)
# ...and nothing of harm, care or concern in the same sentence ("is safe but has a bruise", "is also being seen").
_CONCERN = re.compile(
    r"\b(?:hurt|injur\w*|harm\w*|bruis\w*|fractur\w*|broken|burns?|burnt|scald\w*|marks?|bleed\w*|blood|wounds?|"
    r"cuts?|bit(?:e|ten)|hit|struck|punched|kicked|shaken|abus\w*|neglect\w*|assault\w*|died|dead|death|dies|"
    r"unresponsive|hospital\w*|admitted|a\s?&\s?e|ambulance|picu|nicu|icu|medical|examin\w*|concern\w*|worr\w*|"
    r"police|arrest\w*|review|refer\w*|cspr|investigat\w*|missing|pain|seizures?|sick|ill|unwell|assess\w*|also|"
    r"too|as\s+well|fell|fall|fallen|disclos\w*|overdose|suicid\w*|protection|section\s*47|s47|strategy|"
    r"ward|surgery|operat\w*|treat\w*|seen|scan\w*|x-?rays?)\b", re.I)
_PRONOUN = re.compile(r"^\W*(?:he|she|they|him|her|his|their|them|it)\b", re.I)


def _adult_age(written: str) -> bool:
    """Whether "a 24-year-old" (a match of _SOMEONE_ELSES) gives an adult's age."""
    m = re.search(r"(\d{1,2})[- ](year|month|week)", written, re.I)
    return m is not None and m.group(2).lower() == "year" and int(m.group(1)) >= ADULT_AGE


def _adult_born(iso: str, today: date | None) -> bool:
    """Whether a labelled date of birth is an adult's (a parent's) on the day the mail arrived."""
    years = _years_old(iso, today)
    return years is not None and years >= ADULT_AGE


def _named_adults(text: str, form: dict[str, object] | None) -> frozenset[str]:
    """The name words of the adults the mail names as such (an adult role word beside the name) and of the adults
    on the case's form (its carer, the parents and carers of its family table)."""
    out = set(_case_people(form)) - forenames(_child(form)[0])
    for m in _ADULT_NAMED.finditer(text):
        out |= set(_words(m.group("a") or m.group("b")))
    return frozenset(w for w in out if w not in _NOT_PEOPLE)


def _names_only_the_child(sentence: str, form: dict[str, object] | None, adults: frozenset[str]) -> bool:
    """A sentence names the case's child (a forename or the date of birth) and no other person by a capitalised
    name (the carers and adults aside)."""
    if not evidence(sentence, form):
        return False
    people = _case_people(form) | adults
    return not any((w := _words(m.group(1))) and w[0] not in people and w[0] not in _NOT_PEOPLE
                   and w[0] not in _NOT_NAMES for m in _CAPITALISED.finditer(sentence))


def _benign(text: str, form: dict[str, object] | None) -> tuple[str, frozenset[str]]:
    """The text another_child judges, with the case child's own words about others read out, and the adults'
    names it gives. Read out: "since he was a baby" (of "he", "she", "they" or the child's forename); a sentence
    telling that a sibling is safe, when nothing of harm or concern is in it, no sentence right after it opens with
    a pronoun and carries harm or concern (it may be the sibling's), and every other sentence of harm or concern
    names the case's child and nobody else (when unsure, the sibling word stays and the mail opens its case)."""
    adults = _named_adults(text, form)
    own = forenames(_child(form)[0])
    text = _ONCE_A_BABY.sub(lambda m: " " if (m.group("who") or "he").casefold() in {"he", "she", "they", *own}
                            else m.group(0), text)
    # a sentence ends at a stop before a capital, or at a line's end ("d.o.b. 14.03.2019" is one sentence)
    sentences = re.split(r"(?<=[.!?;])(?=\s+[A-Z])|(?<=\n)", text)
    worried = [i for i, s in enumerate(sentences) if _CONCERN.search(_NOT_HARMED.sub(" ", s))]
    safe = []
    for i, s in enumerate(sentences):
        if not (_ANOTHER.search(s) and _SAFE.search(s)) or i in worried:
            continue
        after = next((t for t in sentences[i + 1:] if t.strip()), "")
        if _PRONOUN.match(after) and _CONCERN.search(_NOT_HARMED.sub(" ", after)):
            continue
        safe.append(i)
    if safe and all(_names_only_the_child(sentences[i], form, adults) for i in worried):
        sentences = [" " if i in safe else s for i, s in enumerate(sentences)]
    return "".join(sentences), adults


# Stranger round 22, B7 (fix23c): "Quentin has made a further referral to CSC" opened a flagged second case: the
# referral words (a further, new, second referral; "also referred") were read as another child's referral. Referral
# news about the SAME child is his news. Another child is known by who the text is about: a name that is none of the
# case's, a relation noun, initials, a sibling word, someone else's child, an age, another language; the checks of
# another_child still read all of those. Only the referral words are read out, and only from a sentence that brings in
# nobody else and names the case's child (forename or date of birth), or from any such sentence when no sentence of
# the mail above its sign-off brings in anybody else (then "him", "the child", "YP", "Mum has made a further
# referral" can only be the case child's). The sender introducing a child to the bot ("I also need to tell you
# about", "can I also refer", "one for you", "a new referral for you") is never read out (fix21d's rule for those
# stands), nor a new incident, injury or admission (a referral of its own even of the same child, round 19).
_REFERRAL_NEWS = re.compile(
    r"\b(?:second|new|another|separate|further|fresh|different|additional|repeat)\W+(?:\w+\W+)?(?:re-?)?referrals?\b|"
    r"\bre-?referr\w*|\bre-?referrals?\b", re.I)
# A referral made of a child to a service, or again: "has been referred to CAMHS", "was referred again".
_REFERRED = re.compile(r"\b(?:re-?)?referr(?:ed|al|als)\b", re.I)
# The case's child as a reply on its thread names him without his name: a pronoun, "the child", "the young person",
# "YP" (never "a child": _SOMEONE_ELSES; nor one placed elsewhere: _PLACED).
_DEFINITE = re.compile(r"\b(?:he|him|his|she|her|they|them|their|yp|cyp|the\s+(?:child|young\s+person))\b", re.I)
# An introduction by the sender to the bot, not news of a referral made to a service.
_INTRODUCING = re.compile(
    r"tell you about|let you know about|make you aware of|\b(?:for|to)\s+you\b|\bcan i\b|\bi(?:'m|\s+am)\b|"
    r"\b(?:need|want|like|wish|have)\s+to\s+(?:also\s+)?(?:refer|tell|let|make|flag|raise)\b|"
    r"\bi\s+(?:\w+\s+)?(?:refer|report|flag|raise)\b", re.I)
# A child placed elsewhere ("the child next door", "the young person at number 4", "the girl from the flat above"):
# someone else, though written with a definite article.
_PLACED = re.compile(
    r"\bthe\s+(?:child|young\s+person|boy|girl|kid|lad|baby)\s+(?:(?:from\s+)?(?:next\s+door|upstairs|downstairs)|"
    r"at|from\s+(?:the\s+)?(?:flat|house|street|road|estate|family|home)|across|down|up|over|living|staying|"
    r"who\s+(?:lives|lived|is\s+staying))\b", re.I)
# Capitalised words of services and agencies a referral goes to, and words its news opens a sentence with: not
# people.
_SERVICES = frozenset({
    "csc", "camhs", "mash", "gp", "gps", "yp", "cyp", "fyi", "early", "help", "team", "front", "door", "lado",
    "marac", "mappa", "nspcc", "cafcass", "cp", "cin", "eha", "edt", "mosaic", "liquidlogic", "ofsted", "health",
    "visitor", "visiting", "youth", "justice", "yot", "probation", "housing", "paediatrics", "paediatrician",
    "emergency", "department", "duty", "desk", "hub", "service", "referrals", "referral", "class", "teacher",
    "head", "dsl", "senco", "concerns", "worried", "bruising", "neglect", "disclosure", "just", "sw"})


def _brings_in_someone(sentence: str, people: set[str], years: float | None) -> bool:
    """Whether a sentence names or points at a person other than the case's child and its adults."""
    if (_ANOTHER.search(sentence) or _RELATION.search(sentence) or _INITIALS.search(sentence)
            or _SOMEONE_ELSES.search(sentence) or _PLACED.search(sentence) or FOREIGN_HARM.search(sentence)
            or (_BABY.search(sentence) and (years is None or years >= 2))
            or _AGE.search(sentence) or AGED_NAME.search(sentence)):
        return True
    words = [w for w in _words(sentence) if w not in people]
    if _FOREIGN & set(words) or any(not w.isascii() for w in words):
        return True
    return any((w := _words(m.group(1))) and w[0] not in people and w[0] not in _NOT_PEOPLE and w[0] not in _NOT_NAMES
               and w[0] not in _SERVICES and len(w[0]) >= 2 for m in _CAPITALISED.finditer(sentence))


def _news_sentences(text: str, form: dict[str, object] | None, adults: frozenset[str],
                    today: date | None) -> list[tuple[str, bool]]:
    """The text's sentences, each with whether it is the case child's own referral news (see above): referral words
    that are no introduction to the bot, in a sentence that brings in nobody else and names the case's child, or in
    any such sentence when no sentence above the sign-off brings in anybody else."""
    sentences = re.split(r"(?<=[.!?;:])(?=\s)|(?<=\n)", text)
    if not (_REFERRAL_NEWS.search(text) or INTRODUCED.search(text) or _REFERRED.search(text)):
        return [(s, False) for s in sentences]
    people = _case_people(form) | adults
    years = _years_old(_child(form)[1], today)
    # every sentence above the sign-off counts ("Kacper Nowak lives next door. He has been re-referred ..."): "he"
    # is the case child's only when nobody else is in the mail
    nobody_else = not any(_brings_in_someone(s, people, years)
                          for s in re.split(r"(?<=[.!?;:])(?=\s)|(?<=\n)", _above_signature(text)))
    return [(s, bool((_REFERRAL_NEWS.search(s) or INTRODUCED.search(s) or _REFERRED.search(s))
                     and not _brings_in_someone(s, people, years) and (nobody_else or evidence(s, form))))
            for s in sentences]


# A sign-off line, and nothing else on it ("Kind regards", "Many thanks,", "--").
_SIGN_OFF = re.compile(r"^\W*(?:(?:many |kind(?:est)? |best |warm(?:est)? |with )?(?:thanks|thank you|regards|"
                       r"wishes)(?: again)?|yours (?:sincerely|faithfully|truly)|cheers|--)[\s.,!]*$", re.I)


def _above_signature(text: str) -> str:
    """The text without its sign-offs: each paragraph opening with one ("Kind regards" and the name under it), and a
    last short block of at most three lines of at most four words with no full stop ("Sam", "Sam Example"). A
    paragraph repeated (the same text in a plain and an HTML part) is read once."""
    paragraphs: list[str] = []
    for p in re.split(r"\n\s*\n", text.strip()):
        lines = [ln.strip() for ln in p.split("\n") if ln.strip()]
        if p.strip() in paragraphs or (lines and _SIGN_OFF.match(lines[0]) and len(lines) <= 5
                                       and all(len(ln.split()) <= 6 for ln in lines)):
            continue
        paragraphs.append(p.strip())
    while len(paragraphs) > 1:
        lines = [ln.strip() for ln in paragraphs[-1].split("\n") if ln.strip()]
        if not (len(lines) <= 3 and all(len(ln.split()) <= 4 and not ln.endswith(".") for ln in lines)):
            break
        paragraphs.pop()
    return "\n\n".join(paragraphs)


def _own_referral_news(text: str, form: dict[str, object] | None, adults: frozenset[str],
                       today: date | None) -> str:
    """The text with the referral words of the case child's own referral news read out (see above)."""
    return "".join(_read_out(s) if news else s for s, news in _news_sentences(text, form, adults, today))


def _read_out(sentence: str) -> str:
    """A sentence's referral words blanked, the sender's introductions to the bot kept ("I", "can I", "for you"
    beside them)."""
    def keep(m: re.Match[str]) -> str:
        # blanked to the same length: the second pass reads the first's positions in `sentence`
        return m.group(0) if _INTRODUCING.search(sentence[max(0, m.start() - 12):m.end() + 12]) else " " * len(
            m.group(0))

    return _REFERRAL_NEWS.sub(keep, INTRODUCED.sub(keep, sentence))


def referral_news(text: str, form: dict[str, object] | None, today: date | None = None) -> bool:
    """Whether the mail's own text tells the case child's own referral news ("the young person has been
    re-referred to CSC", "a further referral about him"), naming him by forename, date of birth, a pronoun, "the
    child", "the young person" or "YP", with no introduction to the bot in it and nobody else brought in: on the
    case's thread, evidence it is the case's child as his forename is (bot/intake._follow_up), for a mail
    another_child finds nothing in. A pronoun alone, with no referral news, is still no evidence (round 19, B1)."""
    if any(_INTRODUCING.search(text[max(0, m.start() - 12):m.end() + 12]) for m in INTRODUCED.finditer(text)):
        return False  # the sender brings a child in: whose news follows is not known
    _, adults = _benign(text, form)
    return any(news and (evidence(s, form) or _DEFINITE.search(s) is not None)
               for s, news in _news_sentences(text, form, adults, today))
