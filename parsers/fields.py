"""Field extraction: walk the cell stream, match labels within their section, read values, ticks and tables.

The label synonyms (and the partnerships they were modelled on) live in labels.py; dates in dates.py;
tick boxes in ticks.py; repeating tables in rows.py. This module ties them together.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import permutations
from urllib.parse import unquote

from parsers import fuzzy, ticks
from parsers import provenance as pv  # where each value came from (pv.Prov)
from parsers.bilingual import english_half
from parsers.captions_below import caption_cells, turn_captions
from parsers.child_sections import split_children
from parsers.dates import find_date, read_date
from parsers.documents.html_order import LAID_OUT
from parsers.documents.model import DocView, Table
from parsers.entry_cells import entry_cells
from parsers.ethnicity import EthnicityScan
from parsers.family_prose import family_sentences
from parsers.guidance_columns import drop_guidance
from parsers.indexed_rows import regroup
from parsers.inline_headers import head_tables
from parsers.labelled_blocks import gather
from parsers.labels import (
    AGENCIES,
    ANY_LABEL,
    AUTHOR,
    CHILD,
    COLUMNS,
    FAMILY,
    HEADINGS,
    HEADINGS_WITH_VALUE,
    INLINE_LABEL,
    LABEL_ORDER,
    LABEL_START,
    LABELS_ANY_LETTER,
    LABELS_BY_LETTER,
    PROCESSES,
    REFERRER,
    SECTION_HINTS,
    SUMMARY,
    TABLE_KEYS,
    Label,
)
from parsers.labels import _compile as compile_synonym
from parsers.labels_right import turn_round
from parsers.line_records import TICK_STATE, read_line
from parsers.named_cases import named_numbers, other_case_words, spell_ref_numbers
from parsers.nested_tables import unnest
from parsers.normalise import CHECKED, UNCHECKED, given_name_first, squash, value_or_none
from parsers.person_lines import read_person_lines
from parsers.ref_readings import readings
from parsers.rows import find_row_tables, header_row
from parsers.signature import AGENCY_WORDS
from parsers.signature_blocks import signature_blocks
from parsers.split_names import join_split_names
from parsers.statements import STATEMENTS, split_cell_row, statement
from parsers.tokens import tokenise
from parsers.transposed import turn_columns
from parsers.wide_rows import turn_wide_rows

# A referral form asks for the child by these labels (a return or a letter rarely does); misspellings included.
_CHILD_LABELS = re.compile(
    r"^\W{0,3}(?:name of (?:the )?child|child['’]?s (?:full )?name|date of b(?:irth|rith)|d\.?o\.?b\b)", re.I | re.M
)
_REFERRER_ONLY = frozenset({REFERRER})
# Fields holding one person's name: a case system's "SURNAME, Given" is turned round there (normalise.py)
_PERSON_NAMES = frozenset({"referral.child.name", "referral.referrer.name", "agency_return.author.name"})
_CHILD_ONLY = frozenset({CHILD})
_SIGNED_DATED = re.compile(r"^(?P<name>[^,()\n]{3,60}?)\s*(?:\([^()\n]{2,60}\))?\s*[,;–-]\s*(?P<date>[^,\n]{6,30})$")
_PERSON_BLOCKS = frozenset({"referral.referrer.name", "agency_return.author.name"})
_AUTHOR_ONLY = frozenset({AUTHOR})
_RETURN_TITLED = re.compile(r"\b(?:agency(?:['’]s)? (?:return|response|summary|report|information)|individual agency|"
                            r"information return|scoping (?:return|form)|"
                            # a return sent as a mail's own words: "Return below as requested.", "our return is
                            # below", "AWP return below", "POLICE RETURN"
                            r"return (?:is )?(?:below|attached|enclosed|as requested)|(?:our|my) return|"
                            r"(?:(?-i:[A-Z]{2,12})|police|health|school|probation|housing) return)\b", re.I)
# The first bare "Name:" line of a form with no section headings, and what the lines under it ask for: a date
# of birth, an address or a gender says the name is the child's; a role, an email or an agency the referrer's.
_LEAD_NAME = re.compile(r"^\W{0,3}(?:full )?name\s*(?:[:\-–\t]|$)", re.I | re.M)
_LEAD_CHILD = re.compile(
    r"^\W{0,3}(?:date of b(?:irth|rith)|d\.?o\.?b\b|age\b|gender|sex\b|(?:home |current )?address|nhs (?:no|number)|"
    r"school|ethnicity|religion|faith)",
    re.I,
)
_LEAD_REFERRER = re.compile(
    r"^\W{0,3}(?:role|job|position|designation|title|e-?mail|agency|organisation|tel|phone|mobile|contact|team|rank)",
    re.I,
)
CASE_REF = re.compile(r"\b([A-Z]{2,6})\s*-\s*CSPR\s*-\s*(\d{4})\s*-\s*(\d{3,})\b", re.I)
_INSTRUCTION = re.compile(
    r"^\(?(please|if you|if there|describe|give|provide|include|use this|this section|tick|list)\b.{0,300}[.:)]$"
    r"|^please (?:include|provide|give|describe|state|list|outline|summarise|set out)\b.{10,300}$",
    re.I,
)
# Where a narrative typed into an email ends: the sign-off, the signature, a confidentiality footer, a quote.
_PROSE_END = re.compile(
    r"^(?:--\s*|_{5,}|(?:many |kind(?:est)? |best |warm(?:est)? |with )?(?:thanks|thank you|regards|wishes)"
    r"(?: (?:again|very much|in advance|for your help))?[.,!]*|yours (?:sincerely|faithfully|truly)[.,]*|cheers[.,!]*|"
    r"sent from my .*|(?:this|the information (?:contained )?in this) (?:e-?mail|message|communication)\b.*"
    r"(?:confidential|intended|privileged|addressee).*|(?:confidential(?:ity)? (?:notice|statement|warning)|"
    r"disclaimer)\b.*|-{2,}\s*original message\s*-{2,}|on .{2,200} wrote:|from:\s.*)$",
    re.I,
)
# A case system's labels name whose field it is: "Officer role" in the notifier's block, "Subject religion".
_QUALIFIED = re.compile(r"^(officer|notifier|referrer|subject|child)(?:['’]s)?\s+(?=[A-Za-z])", re.I)
_QUALIFIERS = {"officer": REFERRER, "notifier": REFERRER, "referrer": REFERRER, "subject": CHILD, "child": CHILD}
_BOTH_OPTIONS = re.compile(
    r"^\s*\(?\s*(?:known|suspected)\s*(?:or|/|and/or)\s*(?:known|suspected)\s*\)?\s*\??\s*$", re.I
)
_BOTH_PREFIX = re.compile(
    r"^[\s\-–—:]*\(?\s*(?:known|suspected)\s*(?:or|/|and/or)\s*(?:known|suspected)\s*\)?\s*\?\s*[:\-–]?\s*(?=\S)", re.I
)
# "Abuse/neglect: known (K) or suspected (S)" over a one-letter answer: the letters the question itself defines
_LETTER_LEGEND = re.compile(
    r"^[\s\-–—:]*\(?\s*known\s*\(k\)\s*(?:or|/)\s*suspected\s*\(s\)\s*\)?\s*\??\s*$", re.I
)
_PERIOD_END = re.compile(r"^\s*(from|start(?: date)?|to|until|end(?: date)?)\b\s*[:\-–]?\s*(.*)$", re.I | re.S)
# "(name / role / email / telephone)" after a label: the parts its answer gives, one a line
_PART_LIST = re.compile(r"\(([a-z][a-z /,\-]{6,80})\)", re.I)
_PART_FIELDS = {"name": "name", "full name": "name", "role": "role", "job title": "role", "position": "role",
                "designation": "role", "email": "email", "e-mail": "email", "email address": "email",
                "telephone": "phone", "phone": "phone", "tel": "phone", "telephone number": "phone",
                "phone number": "phone", "contact number": "phone"}
_PART_SHAPES: dict[str, Callable[[str], bool]] = {
    "name": lambda ln: bool(re.fullmatch(r"[^\d@:]{3,60}", ln)),
    "role": lambda ln: bool(re.fullmatch(r"[^\d@:]{2,80}", ln)),
    "email": lambda ln: bool(re.fullmatch(r"[\w.+'\-]+@[\w\-]+(?:\.[\w\-]+)+", ln)),
    "phone": lambda ln: bool(re.fullmatch(r"\+?[\d ()\-]{9,20}", ln)),
}
_PERIOD_BRACKET = re.compile(r"\(\s*(from|start(?: date)?|to|until|end(?: date)?)\s*\)\W*$", re.I)
_FIRST_SENTENCE = re.compile(r"^([^.\n]{2,60}?[a-z)])\.\s+(?=[A-Z][a-z]+\s+\w)")
_PROSE_ANSWER = re.compile(r"^[A-Z][a-z]+ [a-z][^:?\n]{38,}\.$")
_ASKED_OPTION = re.compile(r"^\s*\(?(known|suspected)\)?\s*\??\s*$", re.I)
# The start of a list item: a bullet (a Symbol-font one is a private-use character in PDF text) or a number ("6.3")
_LIST_ITEM = re.compile(r"^\s*(?:[-–—•*·▪◦\uf000-\uf0ff]\s|\(?\d{1,2}(?:\.\d{1,2})*[.)]?\s|\(?[a-z][.)]\s)")
# a line holding only a person's address and number: "jo.reed@nhs.net | 01632 960241", "Tel: 07700 900111"
_CONTACT_WORDS = re.compile(r"\b(?:tel(?:ephone)?|phone|mob(?:ile)?|e-?mail|direct line|work)\b\s*[:.]?", re.I)
_LINE_EMAIL = re.compile(r"[\w.+'\-]+@[\w\-]+(?:\.[\w\-]+)+")
_LINE_PHONE = re.compile(r"(?<![\w@])(?:\+44\s?|0)\d[\d ]{8,12}\d(?![\w@])")


def _contact_only(line: str) -> dict[str, str] | None:
    """{"email": ..., "phone": ...} from a line that holds nothing else (one of each at most), else None."""
    emails, phones = _LINE_EMAIL.findall(line), _LINE_PHONE.findall(line)
    if len(emails) > 1 or len(phones) > 1 or not (emails or phones):
        return None
    rest = _CONTACT_WORDS.sub(" ", _LINE_PHONE.sub(" ", _LINE_EMAIL.sub(" ", line)))
    if rest.strip(" \t|,;/–-"):
        return None
    return {k: v[0].strip() for k, v in (("email", emails), ("phone", phones)) if v}


# a question on a line of its own ("Did your agency have contact with the family?"), short, ending in "?"
_QUESTION_LINE = re.compile(r"^(?:\d{1,2}[.)]\s*)?(?:what|which|did|does|do|has|have|had|is|are|was|were|how|why|"
                            r"when|who|whom|where|can|could|would|should|will)\b[^\n?]{3,110}\?$", re.I)
_PAGE_MARK = re.compile(r"^(?:page\s+\d{1,3}(?:\s*(?:of|/)\s*\d{1,3})?|\d{1,3}\s*/\s*\d{1,3})$", re.I)
_SECTION_NUMBER = re.compile(r"^(?:section |part )?\d{1,2}(?:\.\d{1,2})?[.)]?$", re.I)
_TEXT_YES_NO = re.compile(r"(?:^|\s)(yes|no)\s*[/|]?\s*(?!\1)(?:yes|no)\s*$", re.I)
_CPP = [
    ("has_been", re.compile(r"^(has been|previous(ly)?|was|past|ended|historic|formerly|prior)", re.I)),
    # "Plan ended 2024", "Yes (previous)", "In the past", "Not now but has been", "has previously been"
    ("has_been", re.compile(r"^(?:(?:cp |child protection )?plan ended|yes\W+(?:previous(?:ly)?|past|ended|in the past)"
                            r"\b|in the past|not (?:now|currently|at present),? but (?:has been|was|previously)|"
                            r"has previously been|"
                            # "No - but was previously", "No (previously)", "No, but has been in the past": not now,
                            # before; the "no" is the present only
                            r"no\W+(?:but\s+)?(?:(?:was|has been)\s+)?(?:previous(?:ly)?|in the past|before)\b|"
                            r"no\W+but\s+(?:was|has been)\b)", re.I)),
    # "Unsure", "Not sure" (a portal's plan question's own option)
    ("not_known", re.compile(r"^(not known|unknown|don['’]?t know|n/?k|unsure|not sure)", re.I)),
    ("yes", re.compile(r"^(yes|y|current(ly)?)\b", re.I)),
    # "Subject to a plan now" (a form's own status words): only the whole answer
    ("yes", re.compile(r"^(?:is )?(?:currently |now )?subject (?:to|of) (?:a |an )?(?:child protection |cp )?plan"
                       r"(?: now| currently| at present)?\.?$", re.I)),
    ("no", re.compile(r"^(no|n|never|none)\b", re.I)),
    # the options of "The child … subject to a child protection plan: is currently / has never been" (one kept)
    ("yes", re.compile(r"^is (?:currently|now)$", re.I)),
    ("no", re.compile(r"^has never been$", re.I)),
]


def find_case_ref(text: str | None) -> str | None:
    """`NS-CSPR-2026-004` however it was spaced or cased."""
    m = CASE_REF.search(text or "")
    return f"{m.group(1).upper()}-CSPR-{m.group(2)}-{m.group(3)}" if m else None


# A case reference however a person or a mail client spelt it: for spotting a command that names two cases,
# never for choosing one. Any dash, full-width letters, spaces or nothing between the parts, the prefix left
# off, the number without its leading zeros or after '#' / 'No.', a two-digit year ("NS CSPR 2026 2",
# "CSPR-2026-002", "NSCSPR2026002", "NS-CSPR-26-002", "NS-CSPR-2026-#2"). A reference-like token that cannot
# be read as one case ("NS-CSPR-2026-0O2") is returned as written, marked '?': it may name another case.
_LOOSE_SEP = r"(?:[\s\-_./#:,()\[\]]|n[o°º]\.?(?=[\s#:.]*\d))*"
# After CSPR: up to two digit-led tokens (a word, or the next reference's prefix, is never swallowed).
# (stranger round 19, B4) Its letters in any order, or one doubled ("NS-CSRP-2026-002", "NS-CPSR-...",
# "NS-SCPR-...", "NS-CSSPR-..."): a slip of the hand, read as the reference when a year and a number follow
# (_refs_in), so a command naming another case that way is refused, not applied to the subject's case.
_SLIPS = sorted({"".join(p) for p in permutations("CSPR")} | {"CSPR"[:i] + c + "CSPR"[i:] for i, c in
                                                            enumerate("CSPR")}, key=lambda w: (-len(w), w))
_LOOSE_REF = re.compile(r"(?<![A-Z0-9])(?:([A-Z]{2,6})" + _LOOSE_SEP + r")?(?P<letters>" + "|".join(_SLIPS)
                        + r")(?![A-Z])(?P<tail>(?:" + _LOOSE_SEP + r"(?=[A-Z]{0,2}\d)[A-Z0-9]+){0,2})", re.I)
_TAIL_TOKEN = re.compile(r"[A-Z0-9]+", re.I)
_NO_WORD = re.compile(r"^n[o°º]$", re.I)


def _year(token: str) -> int | None:
    if re.fullmatch(r"20\d{2}", token):
        return int(token)
    return 2000 + int(token) if re.fullmatch(r"\d{2}", token) else None


def _read_tail(tail: str) -> tuple[int, int] | str | None:
    """(year, number) from what follows 'CSPR'; the raw text when it looks like a reference but is unreadable;
    None when it is no reference at all ("CSPR referral", "CSPR 2026 annual report")."""
    tokens = [t for t in _TAIL_TOKEN.findall(tail) if not _NO_WORD.match(t)]
    ref_like: list[str] = []
    for t in tokens[:2]:
        # digits, perhaps with a letter or two standing in for them ("0O2"); a word ends the reference
        if not any(c.isdigit() for c in t) or sum(c.isalpha() for c in t) > 2:
            break
        ref_like.append(t)
    if not ref_like:
        return None
    if any(not t.isdigit() or not t.isascii() for t in ref_like):
        return tail.strip(" -_./#:,()[]")  # '0O2', '2026a': reference-like, not one case
    if len(ref_like) == 1:
        t = ref_like[0]
        if len(t) >= 7 and t.startswith("20"):  # "2026002": year and number glued
            return int(t[:4]), int(t[4:])
        if len(t) >= 8:  # "NS CSPR (0117922300)": a telephone number written without spaces, not a case
            return None
        return None if len(t) in (2, 4) else tail.strip(" -_./#:,()[]")
    year = _year(ref_like[0])
    if year is None:  # "CSPR team: 0117 922 3000" is a telephone number, not a case
        return None
    return year, int(ref_like[1])


# A case named by its year and number alone ("2026/002", "2026-002": three or four digits, so a date's month
# is never one and a crime number's six digits are not): the subject's partnership is meant. A case named by a
# word and its number ("case 002", "case nr 2", "ref: 2026/2") is read by named_cases.py.
_BARE_REF = re.compile(r"(?<![\w./-])(?P<year>20\d{2}) ?[-/_.] ?(?P<num>\d{3,4})(?![\w/-])")
# Bounded (a scheme of 32 characters, a local part of 64 as RFC 5321 allows): unbounded, each start in a long run
# without spaces scanned to its end, and 200 KB of one word took 280 s.
_ADDRESSES = re.compile(r"\b(?:[a-z][a-z0-9+.\-]{0,31}://|www\.)[^\s<>\"']+|[^\s<>@\"'(\[]{1,64}@[^\s<>@\"')\]]+",
                        re.I)


def loose_case_refs(text: str, prefix: str | None = None, words: bool = True) -> list[str]:
    """Every distinct case (year, number) `text` names, however spelt, each shown once as PREFIX-CSPR-YYYY-NNN;
    a reference-like token that reads as no one case is listed as written, prefixed '?'. With the partnership's
    `prefix` (from the subject's reference), "NS-2026-002" without the CSPR counts too. The text is read
    with its digits by value and by look (ref_readings.py): a case any reading names counts. Without `words`, only
    references with their letters (CSPR or the prefix) are read, not a case word and a number ("case 2")."""
    seen: dict[tuple[str, int, int], str] = {}
    odds: list[list[str]] = []
    for reading in readings(text):
        found, odd = _refs_in(spell_ref_numbers(reading), prefix, words)  # "NS-CSPR-2026-two", "CSPR 2026 II"
        for key, shown in found.items():
            seen.setdefault(key, shown)
        odds.append(odd)
    # a token is unreadable only when no reading makes sense of every token ("0O1" is 001 by look)
    odd_all = [] if any(not o for o in odds) else odds[0]
    return [seen[k] for k in sorted(seen)] + sorted(set(odd_all))


def cases_named(subject: str, text: str) -> list[str]:
    """The cases a mail's subject and `text` name together, however spelt (`loose_case_refs`, the subject's
    partnership prefix for the number alone): more than one is a mail naming another case than its subject.
    The one reader for a command's own text and an agency return's case reference."""
    subject_ref = find_case_ref(subject)
    prefix = subject_ref.split("-", 1)[0] if subject_ref else None
    both = subject + "\n" + text
    refs = loose_case_refs(both + _also_shown(both), prefix)
    # A case named in words alone ("the other case", "another case"; named_cases.other_case_words) is another case
    # than the subject's, though no number says which: listed as written, in quotes.
    refs += [f'"{p}"' for p in other_case_words(text)]
    # Text a reader draws in another order than it is stored (an override or isolate: "<RLO>200-6202-RPSC-SN" is
    # shown as NS-CSPR-2026-002) cannot be read as shown without redoing the reader's bidi layout: it may name
    # any case, so it counts as one more. LRM/RLM (U+200E/F) only set the direction of the marks beside them.
    # Layout drawing text in another order than stored (a reversed flex row, `order`, absolute positions) holding
    # a reference or the command is marked by html_order likewise.
    if LAID_OUT in both:
        refs.append('"text laid out in another order"')
        both = both.replace(LAID_OUT, "")
    if _BIDI_CONTROLS.search(both):
        refs.append('"text drawn right to left"')
    return refs


def by_word_only(subject: str, text: str, refs: list[str]) -> list[str]:
    """Of `refs` (what `cases_named(subject, text)` found), those read only from a case word and a number or a
    number alone ("case 4471", "case ref: 88/2026", "#002", "2026/002"), never from a reference written with its
    letters (CSPR or the partnership's prefix). Such a number may be another system's: intake sets one aside when it
    names no case of the partnership (stranger round 17, B2); a reference written with its letters always counts."""
    subject_ref = find_case_ref(subject)
    prefix = subject_ref.split("-", 1)[0] if subject_ref else None
    both = subject + "\n" + text
    firm = {_ref_key(r, prefix) for r in loose_case_refs(both + _also_shown(both), prefix, words=False)}
    return [r for r in refs if (key := _ref_key(r, prefix)) is not None and key not in firm]


def _ref_key(shown: str, prefix: str | None) -> tuple[str, int, int] | None:
    m = re.fullmatch(r"(?:([A-Za-z]{2,6})-)?CSPR-(\d{4})-(\d+)", shown)
    if m is None:
        return None
    return (m.group(1) or prefix or "").upper(), int(m.group(2)), int(m.group(3))


_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
# Letters spaced out one by one ("N S - C S P R - 2 0 2 6 - 0 0 2"): read again with the spaces taken out.
_SPACED_OUT = re.compile(r"(?<!\S)(?:[A-Za-z0-9#-][ \u00a0]){5,200}[A-Za-z0-9-](?![^\s.,;:!?)\]])")


_SPACED_LETTERS = re.compile(r"(?<![^\W_])[A-Za-z](?:(?: |\u00a0|-)[A-Za-z](?![^\W_])){1,7}")
# Initials written with dots between single letters (stranger round 13): "N.S.-C.S.P.R.", "C. S. P. R.", "n.s."
_DOTTED = re.compile(r"(?<![A-Za-z0-9.])[A-Za-z](?:\.[ \u00a0]?[A-Za-z](?![A-Za-z])){1,7}\.?")


def without_addresses(text: str) -> str:
    """`text` with its web and mail addresses taken out (a PUBLISHED command's line: its address is the link)."""
    return _ADDRESSES.sub(" ", text)


def _also_shown(text: str) -> str:
    """More lines for the finder: spaced-out runs closed up, and a full reference written inside a web address
    ("https://portal/cases/NS-CSPR-2026-002", also %2D-encoded), which is otherwise taken out with the address
    (a path's "/cspr/1" is no case; a whole PREFIX-CSPR-YYYY-NNN is)."""
    extra = [re.sub(r"[ \u00a0]", "", m.group(0)) for m in _SPACED_OUT.finditer(text)]
    # a line with single letters spaced or hyphenated closed up (stranger round 14: "c a s e 2", "c-a-s-e 2",
    # "N S 2"), shorter than a _SPACED_OUT run
    extra += [_SPACED_LETTERS.sub(lambda m: re.sub(r"[^A-Za-z]", "", m.group(0)), line) for line in text.splitlines()
              if _SPACED_LETTERS.search(line)]
    # a line with dotted initials closed up ("N.S.-C.S.P.R.-2026-002" read as NS-CSPR-2026-002)
    extra += [_DOTTED.sub(lambda m: re.sub(r"[.\s]", "", m.group(0)), line) for line in text.splitlines()
              if _DOTTED.search(line)]
    for m in _ADDRESSES.finditer(text):
        if "cspr" in m.group(0).lower() or "%" in m.group(0):
            extra += [f"{r.group(1)}-CSPR-{r.group(2)}-{r.group(3)}" for r in CASE_REF.finditer(unquote(m.group(0)))]
    return "".join(f"\n{e}" for e in extra[:50])


# "26/002" (two-digit year, zero-padded number) and "002/2026" (number first): a date's day or month has two
# digits, a crime number six, so neither is one.
_SHORT_REF = re.compile(r"(?<![\w./-])(?:(?P<yy>\d{2}) ?[-/] ?(?P<n1>0\d{2})|(?P<n2>0\d{2}) ?[-/] ?(?P<y4>20\d{2}))"
                        r"(?![\w/-]|[.,]\d)")


def _refs_in(text: str, prefix: str | None, words: bool = True) -> tuple[dict[tuple[str, int, int], str], list[str]]:
    """The cases one reading of a text names, and its unreadable reference-like tokens."""
    seen: dict[tuple[str, int, int], str] = {}
    odd: list[str] = []
    first_year: int | None = None
    # A web address or a mail address names a page or a mailbox, not a case ("PUBLISHED: 2026-04-02
    # https://example.gov.uk/cspr/1" read ".../cspr/1" as case 1): taken out before references are looked for.
    plain = _ADDRESSES.sub(" ", text)
    for m in _LOOSE_REF.finditer(plain):
        got = _read_tail(m.group("tail"))
        if got is None:
            continue
        if m.group("letters").upper() != "CSPR" and not isinstance(got, tuple):
            continue  # a slip of the letters counts only before a readable year and number ("CRPS 4" is none)
        if isinstance(got, str):
            odd.append(f"?{m.group(0).strip()[:40]}")
            continue
        shown = f"CSPR-{got[0]}-{got[1]:03d}"
        first_year = got[0] if first_year is None else first_year  # the subject's, which comes first
        pre = (m.group(1) or "").upper()
        # Another partnership's prefix written as one ("XX-CSPR-2026-001") is another case; a word before a
        # loosely spelt reference ("see cspr 2026 1") is not a prefix.
        other = prefix is not None and pre != prefix.upper() and re.match(r"[A-Z]{2,6}-[CSPR]{4,5}(?![A-Z])",
                                                                           m.group(0)) is not None
        key = (pre if other else "", got[0], got[1])
        if key not in seen or (pre and "-" not in seen[key].partition("CSPR")[0]):
            seen[key] = f"{pre}-{shown}" if pre else shown
        for num in more_after_ref(plain, m.end(), got[1]):  # "NS-CSPR-2026-001/002", "... 001 to 003"
            more = (key[0], got[0], num)
            seen.setdefault(more, f"{pre}-CSPR-{got[0]}-{num:03d}" if pre else f"CSPR-{got[0]}-{num:03d}")
    if prefix and first_year is not None and words:
        # A full reference is left as a token of its own, not a space (stranger round 14): a case word before it
        # labels it ("Case: NS-CSPR-2026-001 - 2 children"), and a count after it ("- 2 children", "(3
        # agencies)") is then no "case: 2". A number written on as the reference's continuation is
        # more_after_ref's ("001 - 2.", "001/002").
        rest = _LOOSE_REF.sub(_OWN_REF_TOKEN, plain)
        for key in [*_bare_keys(rest, first_year), *_named_keys(rest, first_year)]:
            seen.setdefault(key, f"{prefix.upper()}-CSPR-{key[1]}-{key[2]:03d}")
        # '#' or '/' and a zero-padded 0NN alone (stranger round 14: "also #002", "/002"): a case's own number;
        # not after a word or a number ("4471/002", "and/002", "flat#002" are other things' numbers)
        for m in _PADDED_ALONE.finditer(rest):
            if int(m.group("n")):
                key = ("", first_year, int(m.group("n")))
                seen.setdefault(key, f"{prefix.upper()}-CSPR-{first_year}-{m.group('n')}")
    if prefix and re.fullmatch(r"[A-Za-z]{2,6}", prefix):
        bare = re.compile(r"(?<![A-Z0-9])" + re.escape(prefix) + r"[\s\-_./#:]+(\d{4}|\d{2})[\s\-_./#:]+"
                          r"(?:n[o°º]\.?\s*)?(\d{1,6})(?![0-9]|[-/.]\d)", re.I)  # "NS 02/12/2026" is a date
        for m in bare.finditer(plain):
            if _year(m.group(1)) is None:
                continue
            key = ("", _year(m.group(1)) or 0, int(m.group(2)))
            seen.setdefault(key, f"{prefix.upper()}-CSPR-{key[1]}-{key[2]:03d}")
        if first_year is not None:  # the prefix and the number alone ("NS-002", "NS #2", "NS 002"): the year's
            alone = re.compile(r"(?<![A-Z0-9])" + re.escape(prefix) + _PREFIX_NUMBER, re.I)
            for m in alone.finditer(plain):
                digits = m.group("num") or m.group("mk") or m.group("pad") or m.group("end")
                key = ("", first_year, int(digits))
                if key[2] and not re.fullmatch(r"(19|20)\d\d", digits):
                    seen.setdefault(key, f"{prefix.upper()}-CSPR-{first_year}-{key[2]:03d}")
    return seen, odd


_PADDED_ALONE = re.compile(r"(?<![\w#/.\-\u00a4])(?<!\d )[#/][^\S\n\r]?(?P<n>0\d\d)(?![\w/]|[.,:-]\d)")
# What a full reference is read as once found: a sign no gap, number or word reader takes (named_cases)
_OWN_REF_TOKEN = " \u00a4 "
# After the partnership's prefix, a case number without its year (stranger round 13: "NS-002", "NS/2", "NS #2",
# "NS 002"): joined by a sign with no space ("NS - 2 agencies" is none), after '#' or "No.", or three digits with a
# leading zero after any sign or space ("NS 2 children" is none). Stranger round 14: written against the prefix
# ("NS2"; a postcode "BS2 0JP" goes on into its inward code and is none), or a short number after a space that
# ends the phrase ("N.S. 2.", its dots closed up by _also_shown). Not a longer number (a date "NS-02-12",
# "NS-2026-...", read above, a telephone "NS 0117 ...") or a word ("NS-2a").
_PREFIX_NUMBER = (r"(?:[-_/#:.]?(?P<num>\d{1,4})|[^\S\n\r]*(?:#|n[o\u00b0\u00ba]\.?)[^\S\n\r]*(?P<mk>\d{1,4})"
                  r"|(?:[^\S\n\r]*[-_/#:.][^\S\n\r]*|[^\S\n\r]+)(?P<pad>0\d\d)"
                  r"|[^\S\n\r]+(?P<end>\d{1,2})(?=[^\S\n\r]*(?:$|[\n\r.!?;,)\]]|(?:and|or|too|also|please|thanks)\b)))"
                  r"(?![\w]|[^\S\n\r]?[-/.:,][^\S\n\r]?\d|[^\S\n\r]\d)")


# Another case written as the continuation of a full reference (stranger round 10): a list ("001/002", "001, 002",
# "001 & 2", "001 and -002", "001 (and -002)", "001;002", "001 + 002") or a range ("001 to 003", "001-003",
# "001\u2013003", "001..003"). On the reference's own line only. The number after the sign must be the case's
# alone: three digits with a leading zero, or a shorter number ending the phrase ("001 & 2.", "001/2" at the end
# of the line); "NS-CSPR-2026-001, 2 agencies replied", "001 - 0117 922 3000", "001 / 2026-12-01" are none, and so
# is four digits without a leading zero ("001 / 4471" is the agency's own reference, "001, 2026" a year).
_MORE_GAP = re.compile(r"[^\S\n\r]*(?:\(\s*)?(?:(?P<range>--?|[\u2010-\u2015\u2212]|\.{2,3}|\u2026"
                       r"|(?:to|through|thru|till|until)(?=[^\S\n\r]))"
                       r"|[/,;&+]|and(?=[^\S\n\r])|or(?=[^\S\n\r])|plus(?=[^\S\n\r]))"
                       r"[^\S\n\r]*(?:(?:and|or|also)[^\S\n\r]+)?-?(?P<num>\d{1,4})"
                       r"(?![\w-]|/(?!0\d\d(?![\w/-]))|[.,]\d)", re.I)
_MORE_END = re.compile(r"[^\S\n\r]*(?:$|[.!?;:,)\]\n\r/&+]|(?:and|or|too|also|as well|please|thanks)\b)", re.I)
_RANGE_MAX = 20
# Any other join (stranger round 12: "001 ~ 003", "001 |002", "001 -> 002", "001 bis 003", "001 (see also 002)",
# "001 vs 002", "001 [002]", "001 \u00b7002"): a zero-padded 0NN on the reference's line, parted from it only by
# signs and at most three short words, is a case whatever joins it; a list of joiners is never complete. Not
# when the 0NN is part of a longer number: a date or time ("12.002.", "0NN:30"), a telephone number
# ("020 7946 0000") or an agency's reference ("4471-002", "2026/004": digits just before).
_ANY_GAP = re.compile(r"(?:[^\w\n\r]|_)*(?:(?<![^\W\d_])[^\W\d_]{1,9}(?![^\W\d_])(?:[^\w\n\r]|_)+){0,3}"
                      r"(?P<num>0\d\d)(?!\d|[^\W\d_]|[^\S\n\r]?[-.,:/]?[^\S\n\r]?\d)")


def _longer_number(text: str, end: int, at: int) -> bool:
    """Whether the digits at `at` go on a number begun after the reference's end ("4471-002", "2026/004")."""
    return any(text[i].isdigit() for i in range(max(end, at - 2), at))


def more_after_ref(text: str, end: int, first: int) -> list[int]:
    """The other case numbers written on after a full reference ending at `end` whose number is `first`."""
    out: list[int] = []
    while len(out) < 50:
        if (m := _MORE_GAP.match(text, end)) is None:
            any_join = _ANY_GAP.match(text, end)
            if any_join is None or any_join.end() == end or _longer_number(text, end, any_join.start("num")):
                break
            first, end = int(any_join.group("num")), any_join.end()
            out.append(first)
            continue
        digits = m.group("num")
        if len(digits) == 4 and not digits.startswith("0"):
            break  # "NS-CSPR-2026-001, 2026": a year; "... / 4471": the agency's own reference
        if not (len(digits) == 3 and digits.startswith("0")) and _MORE_END.match(text, m.end()) is None:
            break  # a count or a telephone number: "001, 2 agencies"
        num = int(digits)
        if m.group("range") and 0 < num - first <= _RANGE_MAX:
            out += range(first + 1, num)
        out.append(num)
        first, end = num, m.end()
    return out


def _bare_keys(text: str, first_year: int) -> list[tuple[str, int, int]]:
    keys = [("", int(m.group("year")), int(m.group("num"))) for m in _BARE_REF.finditer(text)]
    for m in _SHORT_REF.finditer(text):
        year = 2000 + int(m.group("yy")) if m.group("yy") else int(m.group("y4"))
        if first_year - 20 <= year <= first_year + 1:
            keys.append(("", year, int(m.group("n1") or m.group("n2"))))
    return keys


def _named_keys(text: str, first_year: int) -> list[tuple[str, int, int]]:
    return [("", year or first_year, num) for year, num in named_numbers(text)]


_CHILD_IDS = ("referral.child.name", "referral.child.date_of_birth")


@dataclass
class Extracted:
    """Values by dotted key, repeating records, and what was odd."""

    values: dict[str, object] = field(default_factory=dict)
    answered: set[str] = field(default_factory=set)  # asked and answered, even when the answer is "no"
    records: dict[str, list[dict[str, object]]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    labels_seen: int = 0
    # every child-name and date-of-birth answer met, in order, kept or not: a second form's (several_forms.py)
    child_ids: list[tuple[str, object]] = field(default_factory=list)
    # every value written under a case-reference label, as written: a loose "2026/002" or "case (002)" that
    # `find_case_ref` cannot read still names a case (classify.py reads it with `cases_named`)
    case_refs_written: list[str] = field(default_factory=list)
    # where each value came from (parsers/provenance.py): by key, and by record (id of its dict) and column
    prov: dict[str, pv.Prov] = field(default_factory=dict)
    record_prov: dict[int, dict[str, pv.Prov]] = field(default_factory=dict)
    # the provenance of the record built from these values, by output path (referral.py fills it)
    paths: dict[str, pv.Prov] = field(default_factory=dict)
    part: str = ""  # the part read, as provenance names it ("attachment 'return.docx' (Word)")

    def get_str(self, key: str) -> str | None:
        value = self.values.get(key)
        return value if isinstance(value, str) else None

    def get_bool(self, key: str) -> bool | None:
        value = self.values.get(key)
        return value if isinstance(value, bool) else None


class _Walk:
    def __init__(self, view: DocView, sent: str | None = None) -> None:
        self.sent = sent
        # layouts read as the tables and label rows they stand for: a family sentence, signature blocks, caption
        # cells, a list's entries one a cell
        # (a question table's guidance column read out first: its hints are never answers)
        laid = entry_cells(caption_cells(signature_blocks(family_sentences(drop_guidance(view)))))
        turned = join_split_names(turn_captions(turn_columns(english_half(laid))))
        self.toks, self.tables = tokenise(gather(regroup(turn_wide_rows(turn_round(unnest(head_tables(turned)))))))
        # the cells of each table row (a paragraph line: table -1, row = its line), in reading order: the readers
        # ask for a row's cells once or twice per cell, and a scan of every cell for each made a table of n rows
        # cost n^2 (a 6,000-row table took 20 s: issue #10)
        self._row_cells: dict[tuple[int, int], list[int]] = {}
        for at, cell in enumerate(self.toks):
            self._row_cells.setdefault((cell.table, cell.row), []).append(at)
        self.out = Extracted()
        self.sections_seen: set[str] = set()
        self._section = ""
        self.used: set[int] = set()
        self.part, self.carrier = pv.part_name(view.name, view.kind), view.kind
        self.out.part = self.part
        self._how: pv.Prov | None = None  # the provenance _set gives the values read now (set by the reader)
        self._i: int | None = None  # the cell the walk is at (where a record read now came from)
        self.fuzzy: set[int] = set()  # label cells matched by nearness (a misspelt label)
        self.row_tables = find_row_tables(self.tables, self.out)
        self._tag_table_records()
        self.table_kinds = set(self.out.records)
        self.yes_no_cols: dict[int, tuple[int, int] | None] = {}
        for k, t in enumerate(self.tables):
            if not t.columns_uncertain:
                # a table going on from the one before (rows parted by blank lines) keeps its Yes | No header
                inherited = self.yes_no_cols.get(k - 1) if t.continues else None
                self.yes_no_cols[k] = _yes_no_columns(t) or inherited
        self._labels: dict[tuple[int, str, bool], tuple[Label, str] | None] = {}
        self._headings: dict[int, str | None] = {}
        self._header_rows: dict[tuple[int, int], bool] = {}
        self.signed_off = False  # a sign-off line was passed since the last heading
        self.lead_keys: set[str] = set()  # fields answered before any section heading
        self.compound: dict[int, Label] = {}  # a label cell naming two fields, by index: the second field
        self.several: dict[int, list[Label]] = {}  # a label naming three or more fields, by index: all of them
        self._other_starts: dict[int, bool] = {}  # "Other agencies: none", a cell opening with a heading line
        self.unticked: set[str] = set()  # criteria statements left unticked: "no" if another one is ticked
        self.any_statement_ticked = False
        # "Criterion  Yes  no" as a line of text: which bare box on the lines below is which (yes first?)
        self.text_yes_first: bool | None = None
        self.lead_scope = _lead_scope(view.text()[:20000])

    def row_cells(self, table: int, row: int) -> list[int]:
        """The indices of the cells of a table row, in reading order (none for a row past the table's end)."""
        return self._row_cells.get((table, row), [])

    @property
    def section(self) -> str:
        return self._section

    @section.setter
    def section(self, value: str) -> None:
        self._section = value
        if value:
            self.sections_seen.add(value)

    # -- label and heading recognition
    def label_at(self, i: int) -> tuple[Label, str] | None:
        """The label a cell starts with, in the current section (memoised: boundaries are asked for often)."""
        key = (i, self.section, not self.sections_seen)
        if key not in self._labels:
            self._labels[key] = self._match_label(i)
        return self._labels[key]

    def _in_scope(self, label: Label) -> bool:
        if label.scope is None or self.section in label.scope:
            return True
        # A form that opens with "Name: / Role: / Email:" and no "Referrer" heading: the referrer comes first.
        return (self.lead_scope is not None and self.section == "" and not self.sections_seen
                and label.scope == self.lead_scope)

    def _value_beside(self, i: int) -> bool:
        """Whether cell i has a filled cell after it in its table row (a label | value grid), or its answer across
        empty cells (`_across_gap`)."""
        tok = self.toks[i]
        nxt = self.toks[i + 1] if i + 1 < len(self.toks) else None
        return tok.table >= 0 and nxt is not None and nxt.table == tok.table and nxt.row == tok.row and (
            bool(nxt.text) or self._across_gap(i) is not None)

    def _across_gap(self, i: int) -> int | None:
        """The answer of label cell i two or more cells along its row, past empty cells: "Agency | | Kent Police"
        (a label merged over two grid columns, a sheet's hint column left blank beside a text answer). Only the
        row's one filled cell after the label: with more after it ("Name | | Role | Jo Reed": a first answer left
        empty) the next filled cell starts a pair of its own and answers nothing."""
        tok = self.toks[i]
        if tok.table < 0 or i + 1 >= len(self.toks) or self.toks[i + 1].text:
            return None
        row = self.row_cells(tok.table, tok.row)
        filled = [k for k in row if k > i + 1 and self.toks[k].text]
        if len(filled) != 1:
            return None
        # the row's last cell ("Agency | (hint) | Kent Police"); one with a blank after it ("Designation | | Social
        # Worker | ") only where the grid shows its pairs (_spanned_pair: another row is a full label | value pair)
        return filled[0] if filled[0] == row[-1] or self._spanned_pair(i) else None

    def _heads_text(self, i: int) -> bool:
        """A line of its own ("Summary") over a paragraph or a one-cell box holding the narrative."""
        tok = self.toks[i]
        k = i + 1
        if tok.table < 0 and k + 1 < len(self.toks) and self.toks[k].table < 0 and _RULE_LINE.match(self.toks[k].text):
            k += 1  # "Summary" underlined ("-------", a plain-text heading's rule): the paragraph under the rule
        nxt = self.toks[k] if k < len(self.toks) else None
        if nxt is None or nxt.line == tok.line or len(nxt.text) < 40:
            return False
        if tok.table >= 0:
            # a box titled in a row of its own ("SUMMARY" over the narrative), each row one cell
            rows = self.tables[tok.table].rows
            return (nxt.table == tok.table and nxt.row == tok.row + 1 and len(rows[tok.row]) == 1
                    and len(rows[nxt.row]) == 1)
        return nxt.table < 0 or all(self.toks[k] is nxt or not self.toks[k].text for k in self.row_cells(nxt.table, 0))

    def _person_columns(self, table: int) -> bool:
        """A grid with a blank corner over a column of labels and one column of answers per person: "  | Subject
        child | Sibling (not the subject)" over "Name | Amy | Ben". Its top row names whose each column is."""
        head = [self.toks[k].text.strip() for k in self.row_cells(table, 0)]
        below = [self.toks[k].text.strip() for k in self.row_cells(table, 1)]
        return (len(head) >= 3 and not head[0] and all(head[1:]) and len(below) == len(head)
                and self.label_at(self.row_cells(table, 1)[0]) is not None)

    def _match_label(self, i: int) -> tuple[Label, str] | None:
        tok = self.toks[i]
        if (tok.table, tok.row) in self.row_tables or not tok.text or len(tok.text) > 400:
            return None
        if tok.table >= 0 and tok.row == 0 and tok.col > 0 and self._person_columns(tok.table):
            return None  # "Subject child" heading a column of answers is whose column it is, not a label
        found = self._match_text(tok.text, i)
        if found is not None:
            tail = _SLASH_TAIL.match(found[2])
            second = self._match_text(tail.group(0).strip(" /&:?"), None) if tail else None
            lines = [ln.strip() for ln in tok.text.split("\n") if ln.strip()]
            if second is None and len(lines) == 2 and not found[1]:
                # "Role" / "Agency" stacked in one label cell (a PDF row with no rule between): two labels
                second = self._match_text(lines[1], None)
            if tail is not None and (named := self._named_in_tail(tail.group(0), found[0])) is not None:
                self.several[i] = named  # "Ethnicity / religion / disability?": one answer each, parted by " / "
            elif second is not None and second[0].key != found[0].key and not second[1] and second[0].kind == "text":
                self.compound[i] = second[0]  # "AGENCY & DESIGNATION/TITLE": one line of the answer each
            return found[0], found[1]
        near = self._near_label(tok.text, i)
        if near is not None:
            self.fuzzy.add(i)
        return near

    def _named_in_tail(self, tail: str, first: Label) -> list[Label] | None:
        """The fields a label's slash tail names after its first ("/ religion / disability?"): every part of the
        tail a label of its own with nothing after it, two or more, all distinct; None otherwise."""
        pieces = [p.strip(" :?") for p in re.split(r"[/&]|,|\band\b", tail) if p.strip(" :?")]
        named: list[Label] = [first]
        for piece in pieces:
            found = self._match_text(piece, None)
            if found is None or found[1].strip() or found[0].kind not in ("text", "ethnicity") or any(
                    lab.key == found[0].key for lab in named):
                return None
            named.append(found[0])
        return named if len(named) >= 3 else None

    def _several(self, i: int, labels: list[Label], rest: str) -> None:
        """The answers to a label naming several fields ("Ethnicity / religion / disability?: Any other ethnic group
        / Pentecostal / Not known"): one part each when the answer has as many parts as the label names fields, in
        its order; otherwise none of them (which part answers which would be a guess)."""
        raw = value_or_none(rest) or self.next_value(i)
        parts = [p.strip() for p in re.split(r"\s+/\s+|\s*;\s*", raw)] if raw else []
        if len(parts) != len(labels) or not all(parts):
            return
        self._how = self._prov(i, "several_fields", bool(value_or_none(rest)), rest=rest)
        for label, part in zip(labels, parts, strict=True):
            self._store_text(label.key, "text", part)

    def _match_text(self, text: str, i: int | None) -> tuple[Label, str, str] | None:
        """(label, value after it, raw rest) for the label `text` starts with; i is its cell, None for a line
        inside a value."""
        head = _LABEL_HEAD.match(text)
        if head is not None and _CHILD_BRACKET.match(head.group(0)):
            # "Name (child)?" under the referrer's lines: the bracket says whose name (never the referrer's)
            return self._as_child(text, i)
        if not ANY_LABEL.match(text):
            return self._as_child(text, i) or self._qualified(text, i)
        best: tuple[Label, str, int] | None = None
        section = self.section
        lead = self.lead_scope if section == "" and not self.sections_seen else None  # see _in_scope
        low = None if _FOLDS_TO_ASCII.search(text) else text.lower()  # see _literal
        for label in _candidates(text):
            scope = label.scope
            if scope is not None and section not in scope and not (lead is not None and scope == lead):
                continue
            if low is not None:
                missing = False
                for run in _LITERALS.get(label.source) or _literal(label):
                    if run not in low:
                        missing = True  # it cannot match: a quick "not" for most of the 50-90 candidates of a cell
                        break
                if missing:
                    continue
            m = label.pattern.match(text)
            if m is None:
                continue
            rest = text[m.end() :]
            said = m.group(0).rstrip()
            sep = bool(re.match(r"[:?]|[-–—]\s|\s*[-–—]\s*$", rest)) or said.endswith(("?", ")", ":"))
            # A one-word label ("Name", "Author") followed by more words is prose or a heading, not a label.
            # ... unless it stands alone on the first line of a table cell, its answer on the lines below
            stacked = i is not None and self.toks[i].table >= 0 and text[: m.end()].rstrip(" \t").endswith("\n")
            if rest and not sep and len(said.split()) < 2 and not _SLASH_TAIL.match(rest) and not stacked:
                continue
            # A bare word ("Child", "Summary") is a label only with a separator, and (but for prose) a value; or
            # alone in a cell with its value in the next cell ("Referrer | Olivia Grant").
            alone = (
                i is not None
                and not rest.strip(" \t:")  # "Child:" | "Mared Ní Bhriain": its colon is no value
                and (self._value_beside(i) or (label.kind == "free" and self._heads_text(i)))
            )
            if label.inline and not alone and not (
                sep and (label.kind == "free" or re.sub(r"^\s*[:?\-–]+", "", rest).strip())
            ):
                continue
            if best is None or m.end() > best[2]:
                best = (label, rest, m.end())
        if best is None:
            return self._as_child(text, i) or self._qualified(text, i)
        # the label's tail pattern swallows the line break after it: give it back, so that _label_tail can tell
        # a continuation of the label on its own line from an answer on the next
        broke = text[: best[2]].rstrip(" \t").endswith("\n")
        rest = _label_tail(best[0], ("\n" if broke and best[1] else "") + best[1]).lstrip("\n")
        rest = re.sub(r"^\s*[:?\-–—.]+\s*", "", rest) if rest else ""
        first = rest.split("\n", 1)[0].strip()
        whole = ANY_LABEL.match(first) if i is not None and "\n" in text and first else None
        if whole is not None and whole.end() >= len(first.rstrip(" :?*")):
            # "Name⏎DOB⏎Address": a column of labels whose answers are elsewhere, not a name "DOB Address"
            rest = ""
        return best[0], rest, best[1]

    def _as_child(self, text: str, i: int | None) -> tuple[Label, str, str] | None:
        """"Young person's DOB:", "Has the young person died?", "CYP address:": a form that calls the child a young
        person asks the child's questions; read as the same label with "child" in it (its answer untouched)."""
        head = _LABEL_HEAD.match(text)
        if head is None:
            return None
        said = head.group(0)
        # "Patient (child)?", "DOB (child):": a label that says in brackets that it asks about the child
        bracketed = _CHILD_BRACKET.match(said)
        if bracketed is not None:
            words = bracketed.group("words")
            asked = "name" if re.fullmatch(r"patient|pupil|student|subject|person", words, re.I) else words
            return self._match_text(f"Child's {asked}" + text[head.end() :], i)
        if not _YOUNG_PERSON.search(said):
            return None
        return self._match_text(_YOUNG_PERSON.sub(_child_word, said) + text[head.end() :], i)

    def _qualified(self, text: str, i: int | None) -> tuple[Label, str, str] | None:
        """"Officer phone", "Subject religion": a generic label qualified by the section's own person."""
        q = _QUALIFIED.match(text)
        if q is None or _QUALIFIERS.get(q.group(1).lower()) != self.section:
            return None
        return self._match_text(text[q.end() :], i)

    def _near_label(self, text: str, i: int | None) -> tuple[Label, str] | None:
        """A label with a slip of the keyboard ("Date of brith:", "Religon | None"), if only one field is that near."""
        m = _LABEL_SHAPE.match(text)
        beside = i is not None and m is not None and m.end() == len(text) and self._value_beside(i)
        if m is None or (not m.group("sep") and not beside):
            return None
        words = squash(LABEL_START.sub("", m.group("words"), count=1)).lower().rstrip(" *")
        label = fuzzy.pick([(d, lab) for d, lab in fuzzy.near_labels(words) if self._in_scope(lab)])
        if label is None:
            return None
        return label, text[m.end() :].strip()

    def heading_at(self, i: int) -> str | None:
        if i not in self._headings:
            self._headings[i] = self._match_heading(self.toks[i].text)
        return self._headings[i]

    @staticmethod
    def _match_heading(text: str) -> str | None:
        if len(text) > 120:
            return None
        for section, pattern in HEADINGS:
            if pattern.match(text):
                return section
        return None

    def is_boundary(self, i: int) -> bool:
        if self.heading_at(i) is not None or self.label_at(i) is not None:
            return True
        if i not in self._other_starts:
            self._other_starts[i] = self._heading_with_value(i) or self._first_line_heading(i) is not None
        return self._other_starts[i]

    def _first_line_heading(self, i: int) -> str | None:
        """The section a cell opens with when its first line is a heading and its other lines are the content."""
        text = self.toks[i].text
        if "\n" not in text:
            return None
        return self._match_heading(text.split("\n", 1)[0].strip())

    def _record_lines(self, section: str, lines: list[str]) -> bool:
        """Family members, agencies or processes written one a line (where no table of them was found)."""
        if section not in (FAMILY, AGENCIES, PROCESSES) or section in self.table_kinds or self.signed_off:
            return False
        got = []
        if section == AGENCIES:
            # "... - open South Western Ambulance Service - ... - open": two lines of a cell run together (a PDF's
            # wrapped cell), parted after the first record's state (each part must still read as a record)
            lines = [_RUN_ON_AGENCY.sub("\\1\n", line) for line in lines]
        for line in lines:
            # a cell of several records, one a line ("Mother – Kelly Ferreira, DOB ...", "Stepfather – ..."): each
            # line is a record when two or more of them read as one; else the cell is one record wrapped
            each = [rec for part in line.split("\n") if (rec := read_line(section, part)) is not None]
            if len(each) < 2 and "\n" not in line.strip() and ";" in line:
                # "Coroner – inquest opened; Criminal investigation – ongoing": records run on one line, parted by
                # semicolons, only when every part reads as one ("held; s47 completed" is one record's status)
                parts = [p.strip() for p in line.split(";") if p.strip()]
                read = [read_line(section, p) for p in parts]
                if len(parts) >= 2 and all(rec is not None for rec in read):
                    each = [rec for rec in read if rec is not None]
            whole = read_line(section, line) if len(each) < 2 else None
            got.extend(each if len(each) >= 2 or whole is None else [whole])
        self.out.records.setdefault(section, []).extend(got)
        self._tag(got, "record_line")
        return bool(got)

    def _answered_lines(self, i: int) -> bool:
        """A cell of questions answered one a line ("Child died: No" / "Serious harm: Yes" / "Abuse or neglect:
        known"): each line its own label and answer, when every line is one (else the cell is read as before)."""
        lines = [ln.strip() for ln in self.toks[i].text.split("\n") if ln.strip()]
        if len(lines) < 2:
            return False
        found = [self._match_text(ln, None) for ln in lines]
        if any(f is None or not f[1].strip() or "\n" in f[1] or ticks.has_ticks(f[1]) for f in found):
            return False  # boxes are read by their layout (_store_tick), not as words
        for line, f in zip(lines, found, strict=True):
            assert f is not None
            label, answer = f[0], f[1].strip()
            self._how = self._prov(i, "label_lines", own=True, label=pv.label_text(line, f[1]))
            if label.kind in ("text", "date", "case_ref"):
                self._store_text(label.key, label.kind, answer)
            elif label.kind == "yesno":
                self._set(label.key, ticks.yes_no(answer))
            elif label.kind == "cpp":
                self._set(label.key, _cpp(answer))
            elif label.kind == "abuse":
                low = answer.lower()
                self._set(label.key, "suspected" if "suspect" in low else "known" if low.startswith("known") else None)
            elif label.kind == "ethnicity":
                self._set(label.key, squash(answer))
        return True

    def _whole_line(self, i: int) -> str | None:
        """A list line the tokeniser cut at a word it took for a label ("6.2 Northvale Youth Justice" / "Service:
        Stuart Rahman, ..."): the pieces joined again, when the first is no record alone and the whole line is."""
        tok = self.toks[i]
        if tok.table >= 0 or self.section not in (AGENCIES, FAMILY, PROCESSES) or self.section in self.table_kinds:
            return None
        pieces = [t for t in self.toks[i + 1 : i + 6] if t.table < 0 and t.line == tok.line]
        if not pieces or any(k in self.used for k in range(i + 1, i + 1 + len(pieces))):
            return None
        whole = "   ".join([tok.text, *(t.text for t in pieces)])
        alone, joined = read_line(self.section, tok.text), read_line(self.section, whole)
        if joined is None:
            return None
        # "Roxana Warsame - Mother - DOB: 27/12/1997 -" / "Address: ..." / "Ethnicity: ...": a first piece that is a
        # record alone gives way to the whole line when the whole keeps every value of it and adds more
        if alone is not None and not (all(joined.get(k) == v for k, v in alone.items() if v is not None)
                                      and sum(1 for v in joined.values() if v) > sum(1 for v in alone.values() if v)):
            return None
        self.used.update(range(i + 1, i + 1 + len(pieces)))
        return whole

    def _continued(self, i: int) -> str:
        """A listed record and the line it wrapped onto ("• Kerys Ash – Mother – born 1.2.78 – 131 Cider Press Court,"
        / "Frome, BA11 1FR – White and Asian"): one line, when the next line is no record, label or bullet of its
        own, and the two together read as the record with more in it (or the first line plainly runs on)."""
        tok, j = self.toks[i], i + 1
        if (tok.table >= 0 or j >= len(self.toks) or j in self.used or self.section not in (FAMILY, AGENCIES, PROCESSES)
                or self.section in self.table_kinds or self.signed_off):
            return tok.text
        nxt = self.toks[j]
        if (nxt.table >= 0 or nxt.line != tok.line + 1 or nxt.col != 0 or not nxt.text or _LIST_ITEM.match(nxt.text)
                or any(t.line == nxt.line for t in self.toks[j + 1 : j + 2]) or self.is_boundary(j)
                or read_line(self.section, nxt.text) is not None):
            return tok.text
        joined = f"{tok.text.rstrip()} {nxt.text.strip()}"
        alone, both = read_line(self.section, tok.text), read_line(self.section, joined)
        if both is None:
            return tok.text
        # a list item's hanging line (the item marked, the line under it not): it adds to the item
        fuller = _LIST_ITEM.match(tok.text) is not None and (
            alone is None or sum(1 for v in both.values() if v) > sum(1 for v in alone.values() if v))
        if not (fuller or tok.text.rstrip().endswith((",", "–", "-", "—", "&", "/")) or nxt.text[:1].islower()):
            return tok.text
        self.used.add(j)
        return joined

    def _unread_record(self, i: int) -> bool:
        """A bulleted line shaped like a record ("• Name – Relationship – ...") that cannot be read: its place in
        the list is kept, empty, with a warning, so that the people after it are not read one row up."""
        tok = self.toks[i]
        kind = self.section
        if (tok.table >= 0 or kind not in (FAMILY, AGENCIES) or kind in self.table_kinds or self.signed_off
                or not _LIST_ITEM.match(tok.text) or len(re.split(r"\s[-–—|]\s|\t", tok.text)) < 3):
            return False
        self.out.records.setdefault(kind, []).append({key: None for key in COLUMNS[kind]} | {"_unread": True})
        self.out.warnings.append(f"{kind}: a listed {'person' if kind == FAMILY else 'agency'} could not be read "
                                 f"({squash(tok.text)[:60]}): left empty, check the form")
        return True

    def _wrapped_record(self, i: int) -> bool:
        """A record line wrapped onto the next ("... NHS Trust - Adrian" / "Rowe - 01632 960959 - still involved:
        Yes"): read as one when neither line is a record alone and the two together are."""
        tok, j = self.toks[i], i + 1
        if tok.table >= 0 or j >= len(self.toks) or j in self.used or self.section not in (FAMILY, AGENCIES, PROCESSES):
            return False
        nxt = self.toks[j]
        alone = all(t.line != nxt.line for t in self.toks[j + 1 : j + 2]) and all(
            t.line != tok.line for t in self.toks[i - 1 : i] if i > 0)
        if nxt.table >= 0 or nxt.line != tok.line + 1 or not alone or not nxt.text or self.is_boundary(j):
            return False
        if read_line(self.section, nxt.text) is not None:
            return False
        if not self._record_lines(self.section, [f"{tok.text} {nxt.text}"]):
            return False
        self.used.add(j)
        return True

    def _cell_records(self, section: str, lines: list[str]) -> None:
        """The lines of a cell that opened with a record heading: records one a line, or a table nested in the cell
        (rows as tab-separated lines under a header row), and another heading line inside the cell starting the
        next list ("Other processes:" under the agencies)."""
        parts: list[tuple[str, list[str]]] = [(section, [])]
        for line in lines:
            heading = self._match_heading(line.strip()) if line.strip() and "\t" not in line else None
            if heading is not None:
                parts.append((heading, []))
            else:
                parts[-1][1].append(line)
        for part_section, part in parts:
            self.section = part_section
            filled = [ln for ln in part if ln.strip()]
            nested = Table([[c.strip() for c in ln.split("\t")] for ln in filled])
            if not (filled and "\t" in filled[0] and find_row_tables([nested], self.out)):
                self._record_lines(part_section, part)
            self._tag(self.out.records.get(part_section, []), "nested_table")

    def _record_row(self, i: int) -> bool:
        """A row of a table with no header row, in a family, agencies or processes section: its cells read as one
        line of a record ("Natalia MacAulay | Mother | 16/06/2001 | Flat 1, ..."), the row used if it is one."""
        tok = self.toks[i]
        cells = [c.strip() for c in self.tables[tok.table].rows[tok.row]]
        boxed = [c for c in cells if ticks.has_ticks(c)]
        # an agency's involvement as boxes in the cells after it ("☒ Open | ☐ Closed"): read with the record
        trailing = self.section == AGENCIES and bool(boxed) and TICK_STATE.search(" – ".join(c for c in cells if c)) \
            is not None and not ticks.has_ticks(TICK_STATE.sub("", " – ".join(c for c in cells if c)))
        if sum(1 for c in cells if c) < 2 or (boxed and not trailing):
            return False
        if self.section not in (FAMILY, AGENCIES, PROCESSES) or self.section in self.table_kinds:
            return False
        paired = _labelled_record(self.section, [c for c in cells if c])
        if paired is not None:
            self.out.records.setdefault(self.section, []).append(paired)
            self._tag([paired], "labelled_record", pv.HIGH)
        elif not self._record_lines(self.section, [" – ".join(c for c in cells if c)]):
            return False
        self.used.update(k for k in range(i, min(i + len(cells), len(self.toks)))
                         if self.toks[k].table == tok.table and self.toks[k].row == tok.row)
        return True

    def other_row_labelled(self, i: int, j: int) -> bool:
        """Whether cell j starts another row of cell i's table that holds a label of its own: what is in that row
        answers that label ("Muslim | Religion" under a right-hand "Ethnicity"), never the label in cell i's row."""
        tok, nxt = self.toks[i], self.toks[j]
        prev = self.toks[j - 1]
        if tok.table < 0 or nxt.table != tok.table or nxt.row == tok.row or (prev.table, prev.row) == (
                nxt.table, nxt.row):
            return False
        k = j
        while k < len(self.toks) and self.toks[k].table == nxt.table and self.toks[k].row == nxt.row:
            # a label alone in its cell, asking for an answer in its own row ("Tel: 01483 ..." in a cell answers
            # itself; "Home address" repeating a label already answered is an answer)
            found = self.label_at(k) if self.toks[k].text else None
            if found is not None and not found[1] and self.ends_value(k):
                return True
            k += 1
        return False

    def _heading_with_value(self, i: int) -> bool:
        text = self.toks[i].text
        return len(text) <= 200 and ":" in text and HEADINGS_WITH_VALUE.match(text) is not None

    # -- values
    def _same_field(self, i: int, j: int) -> bool:
        """Whether cell j is a bare label of the field cell i asks for ("Person referring" over "Name | ..."): the
        label's own words are never its answer."""
        asking, found = self.label_at(i), self.label_at(j)
        return asking is not None and found is not None and not found[1] and found[0].key == asking[0].key

    def next_value(self, i: int) -> str | None:
        """The value cell for a label cell: the next cell in its row, the cell below, or the next line."""
        tok = self.toks[i]
        j = i + 1
        if tok.table >= 0:
            if j < len(self.toks) and self.toks[j].table == tok.table and self.toks[j].row == tok.row:
                if self._spanned_pair(i):
                    j += 1  # the label's own second grid column, then its answer (see _spanned_pair)
                if self.ends_value(j) or self.header_row(tok.table, tok.row):
                    return self.below(i)  # a header row's cell beside a label is the next column's name
                if self._same_field(i, j):
                    return None
                if (k := self._across_gap(i)) is not None and k not in self.used and not self.ends_value(k):
                    j = k  # "Agency | | Kent Police": the answer past an empty cell
                self.used.add(j)
                return value_or_none(self.toks[j].text)
            return self.below(i)
        while j < len(self.toks) and not self.toks[j].text:
            j += 1
        if j >= len(self.toks) or self.ends_value(j) or ticks.has_ticks(self.toks[j].text):
            return None
        if (self.toks[j].table >= 0 and self.toks[j].col != 0) or self._same_field(i, j):
            return None
        self.used.add(j)
        return value_or_none(self.toks[j].text)

    def _spanned_pair(self, i: int) -> bool:
        """A grid of two label | value pairs a row where some rows hold one pair, label and answer each merged
        across two columns: "Designation | · | Social Worker | ·" (a Word reader keeps a blank for each further
        column a cell spans). Label cell i's answer is two cells on, when the cell beside it is blank, the cell
        after is no label, the last is blank, and another row of the table is a full pair row ("E-mail | x |
        Telephone | y"), which shows the grid's shape."""
        tok = self.toks[i]
        cells = [self.toks[k].text.strip() for k in self.row_cells(tok.table, tok.row)]
        if tok.col != 0 or len(cells) != 4 or cells[1] or cells[3] or not cells[2]:
            return False
        row = self.row_cells(tok.table, tok.row)
        if self.label_at(row[2]) is not None:
            return False
        for r in range(len(self.tables[tok.table].rows)):
            other = self.row_cells(tok.table, r)
            if r != tok.row and len(other) == 4 and all(self.toks[k].text.strip() for k in other) and (
                    self.label_at(other[0]) is not None and self.label_at(other[2]) is not None):
                return True
        return False

    def ends_value(self, j: int) -> bool:
        """Whether cell j starts something new rather than answering the label before it.

        A cell that only repeats a label already answered ("Home address" under "Where did it happen?" in a
        one-column form, the child's address having been given above) is an answer, not a second label.
        """
        if not self.is_boundary(j):
            return False
        found = self.label_at(j)
        if self.heading_at(j) is not None or found is None or found[1]:
            return True
        return found[0].kind not in ("text", "free") or found[0].key not in self.out.values

    def below(self, i: int) -> str | None:
        """Header-row layout: "Name | Role" over "Jo | DSL"; or a label alone in its row over a one-cell row."""
        cand = self._below_index(i)
        if cand is None:
            return None
        self.used.add(cand)
        return value_or_none(self.toks[cand].text)

    def _below_index(self, i: int) -> int | None:
        tok = self.toks[i]
        table = self.tables[tok.table]
        if tok.row + 1 >= len(table.rows):
            return None
        row, below = table.rows[tok.row], table.rows[tok.row + 1]
        if len(below) != len(row) or tok.col >= len(below):
            return None
        cand = next(
            (k for k in self.row_cells(tok.table, tok.row + 1) if self.toks[k].col == tok.col),
            None,
        )
        if cand is None or cand in self.used or self.ends_value(cand) or not (
                self._row_is_labels(tok.table, tok.row) or self.header_row(tok.table, tok.row)):
            return None
        first = next(k for k in range(cand, -1, -1) if k == 0 or (self.toks[k - 1].table, self.toks[k - 1].row) != (
            tok.table, tok.row + 1))
        if self.other_row_labelled(i, first):
            return None  # the row below pairs labels with their answers: none of it answers this label
        return cand

    def header_row(self, table: int, row: int) -> bool:
        """A row of column names over a row of answers ("Full name | Date of birth | Address | Parent(s) /
        carer(s)"): three or more labels with nothing after them, most of the row, over a row as wide with no label
        in it. A column name the lexicon does not know is never the answer of the label before it."""
        key = (table, row)
        if key not in self._header_rows:
            rows = self.tables[table].rows
            idx = [k for k in self.row_cells(table, row) if self.toks[k].text]
            bare = [k for k in idx if (found := self.label_at(k)) is not None and not found[1]]
            under = [k for k in self.row_cells(table, row + 1) if self.toks[k].text]
            self._header_rows[key] = (len(bare) >= 3 and 10 * len(bare) >= 6 * len(idx) and row + 1 < len(rows)
                                      and len(rows[row + 1]) == len(rows[row])
                                      # the row under it holds answers only ("Home address" as a label's answer
                                      # in a label | value | label | value grid is no header)
                                      and not any((f := self.label_at(k)) is not None and not f[1] for k in under))
        return self._header_rows[key]

    def _row_is_labels(self, table: int, row: int) -> bool:
        idx = [k for k in self.row_cells(table, row) if self.toks[k].text]
        return bool(idx) and all(self.label_at(k) is not None and not self.label_at(k)[1] for k in idx)  # type: ignore[index]

    def rest_of_row(self, i: int, rest: str) -> list[tuple[int, str]]:
        """(column, text) after a question cell: the rest of its table row or of its line (or the next line)."""
        tok = self.toks[i]
        cells = [(tok.col, rest)] if rest else []
        j = i + 1
        while j < len(self.toks) and self.toks[j].line == tok.line and self.toks[j].table == tok.table:
            if self.is_boundary(j):
                break
            cells.append((self.toks[j].col, self.toks[j].text))
            self.used.add(j)
            j += 1
        blank = not any(text.strip() for _, text in cells)
        if blank and tok.table < 0 and j < len(self.toks) and not self.is_boundary(j) and self.toks[j].table < 0:
            line = self.toks[j].line
            cells.append((0, self.toks[j].text))
            self.used.add(j)
            # "☐ Yes   ☐ No   ☒ Not known" on the line under the question: every piece of that line
            k = j + 1
            while k < len(self.toks) and self.toks[k].line == line and ticks.has_ticks(self.toks[k].text):
                self.used.add(k)
                cells.append((self.toks[k].col, self.toks[k].text))
                k += 1
            # "[ ] Known" / "[X] Suspected": one option a line, each line a box and its option
            while (ticks.has_ticks(self.toks[j].text) and k < len(self.toks) and self.toks[k].table < 0
                   and self.toks[k].col == 0 and self.toks[k].line != line and _ONE_OPTION.match(self.toks[k].text)
                   and not self.is_boundary(k)):
                line = self.toks[k].line
                self.used.add(k)
                cells[-1] = (0, f"{cells[-1][1]}   {self.toks[k].text}")
                k += 1
        elif blank and tok.table >= 0 and (below := self._below_index(i)) is not None:
            self.used.add(below)  # a one-column form: the question in one row, its boxes in the row below
            cells.append((self.toks[below].col, self.toks[below].text))
        elif blank and tok.table < 0 and (box := self._box_after(i)) is not None:
            self.used.add(box)  # the question as a paragraph, its answer typed in a one-cell box under it
            cells.append((0, self.toks[box].text))
        elif blank:
            cells.extend(self._option_row_after(i))
        return cells

    def _box_after(self, i: int) -> int | None:
        """The cell of a one-cell table right after paragraph i (an answer box), if it holds a short answer."""
        j = i + 1
        if j >= len(self.toks) or self.toks[j].table < 0 or j in self.used:
            return None
        table = self.tables[self.toks[j].table]
        if len(table.rows) != 1 or len(table.rows[0]) != 1 or len(self.toks[j].text) > 60 or self.is_boundary(j):
            return None
        return j

    def _option_row_after(self, i: int) -> list[tuple[int, str]]:
        """The options of a question that sits alone (a paragraph, or a merged row across the table) over a row of
        options with a box or an X among them: "Yes | No | Has been ☒ | Not known"."""
        tok = self.toks[i]
        if tok.table >= 0:
            same_row = [k for k in self.row_cells(tok.table, tok.row) if k != i and self.toks[k].text]
            if same_row:
                return []
            table, row = tok.table, tok.row + 1
        else:
            nxt = self.toks[i + 1] if i + 1 < len(self.toks) else None
            if nxt is None or nxt.table < 0 or nxt.row != 0:
                return []
            table, row = nxt.table, 0
        idx = list(self.row_cells(table, row))
        texts = [self.toks[k].text for k in idx]
        if not idx or any(k in self.used for k in idx) or any(len(t) > 40 for t in texts):
            return []
        if any(self.label_at(k) is not None for k in idx if self.toks[k].text):
            return []
        if ticks.cell_options(texts) is not None:
            self.used.update(idx)
            return [(self.toks[k].col, self.toks[k].text) for k in idx]
        # "Yes | No | Has been | Not known" over "   |    | X |   ": the marks row under a row of options
        marks = list(self.row_cells(table, row + 1))
        if len(marks) != len(idx) or not all(texts) or any(k in self.used for k in marks):
            return []
        states = [ticks.is_checked_cell(self.toks[k].text) for k in marks]
        if None in states or not any(states):
            return []
        self.used.update(idx + marks)
        pairs = zip(idx, states, strict=True)
        return [(self.toks[k].col, f"{CHECKED if on else UNCHECKED} {self.toks[k].text}") for k, on in pairs]

    def free_text(self, i: int, rest: str) -> str | None:
        """A narrative answer: the next cell, or the lines that follow until the next label or heading."""
        tok = self.toks[i]
        nxt = self.toks[i + 1] if i + 1 < len(self.toks) else None
        if tok.table >= 0 and self.header_row(tok.table, tok.row):
            # "Summary | Immediate actions | Learning" over a row of answers: each narrative under its caption,
            # never the next caption beside it (a narrative may open with a label's words: "Involvement from ...")
            under = next((k for k in self.row_cells(tok.table, tok.row + 1) if self.toks[k].col == tok.col), None)
            if under is None or under in self.used:
                return None
            self.used.add(under)
            return _drop_instructions(self.toks[under].text)
        if tok.table >= 0 and nxt is not None and nxt.table == tok.table and nxt.row == tok.row and (
                nxt.text.strip() or any(t.text.strip() for t in self.toks[i + 1 : i + 8]
                                        if t.table == tok.table and t.row == tok.row)):
            k = self._across_gap(i)
            j = k if k is not None and k not in self.used and not self.is_boundary(k) else i + 1
            self.used.add(j)  # "Summary | | Seen twice ...": the narrative past an empty cell
            return _drop_instructions(self.toks[j].text)
        lines: list[str] = [rest] if rest else []
        j = i + 1
        if not lines and j < len(self.toks) and self.toks[j].table < 0 and tok.table < 0 and _PROSE_ANSWER.match(
                self.toks[j].text) and self.heading_at(j) is None:
            # "What immediate action has your agency taken?" / "Records secured and access restricted. Staff ...":
            # a sentence under the question is its answer, even when its first words are another field's label
            self.used.add(j)
            lines.append(self.toks[j].text)
            j += 1
        while j < len(self.toks) and not self.is_boundary(j):
            if (self.toks[j].table, self.toks[j].row) in self.row_tables or (
                    tok.table >= 0 and self.toks[j].table != tok.table):
                break  # an answer that starts in a table ends with it
            if tok.table < 0 and self.toks[j].table >= 0 and self.toks[j].row == 0 and _column_grid(
                    self.tables[self.toks[j].table]):
                break  # "Chronology" over a grid of dated rows: a list of its own, no narrative (issue #12, a10)
            if self.toks[j].table >= 0 and any(_PAGE_MARK.match(c.strip()) for c in
                                               self.tables[self.toks[j].table].rows[self.toks[j].row]):
                break  # a page's footer ("Submission F-28841 ... | Page 1") is not part of the answer
            if tok.table < 0 and self.toks[j].table >= 0 and _GRID_HEADER.fullmatch(" ".join(
                    squash(c) for c in self.tables[self.toks[j].table].rows[self.toks[j].row] if c.strip())):
                break  # "| Yes | No" over "Records secured? | X |": a tick grid's header, after the narrative
            if self.toks[j].table < 0 and lines and _PAGE_MARK.match(self.toks[j].text.strip()):
                break  # "Page 1 of 2" on a line of its own: the page's footer, and what follows is the next page's
            if self.toks[j].table < 0 and lines and _QUESTION_LINE.match(self.toks[j].text.strip()):
                break  # "What have you done since the incident?" on a line of its own: the next question, even one
                # the lexicon does not know, and what follows is its answer, not this one's
            if self.toks[j].table < 0 and _prompt_line(self.toks[j].text, lines[-1] if lines else None):
                break  # "Family?", "List the family members (name, relationship, ...):", "When: 25/11/26" on a
                # line of its own: the next question, or another field's labelled answer, ends this narrative
            if self.toks[j].table < 0 and _PROSE_END.match(self.toks[j].text):
                break  # "Thanks / Dan", a signature or a disclaimer is not part of the answer
            if self.other_row_labelled(i, j):
                break  # the next row answers its own label
            if _SECTION_NUMBER.match(self.toks[j].text) and j + 1 < len(self.toks) and self.is_boundary(j + 1):
                break  # "3." in the cell before the next section's heading
            if self.toks[j].table < 0 and lines and _heading_shaped(self.toks[j].text, lines[-1]):
                break  # a heading the lexicon does not know ("SECTION 4 - ANY OTHER INFORMATION") ends the answer
            if (self.toks[j].table < 0 and lines and j + 1 < len(self.toks) and self.toks[j + 1].table >= 0
                    and _title_over_table(self.toks[j].text, lines[-1])):
                break  # "The family" over the family table, after the narrative's last sentence: the table's title
            self.used.add(j)
            lines.append(self.toks[j].text)
            j += 1
        return _drop_instructions("\n".join(lines))

    # -- the walk
    def run(self) -> Extracted:
        for i, tok in enumerate(self.toks):
            if i in self.used or (tok.table, tok.row) in self.row_tables or not tok.text:
                continue
            self._i = i
            if self._statements(i):
                continue
            heading = self.heading_at(i)
            found = self.label_at(i)
            if tok.table < 0 and tok.col == 0:
                self._text_header(i)
            if heading is not None and (found is None or not found[1]):
                self.section = heading
                self.signed_off = False
                self.text_yes_first = None
                if found is None:
                    continue
            if found is None and (first := self._first_line_heading(i)) is not None:
                # "FAMILY AND SIGNIFICANT OTHERS" / one member a line, in one cell
                self._cell_records(first, tok.text.split("\n")[1:])
                continue
            if found is None and ":" in tok.text and self._heading_with_value(i):
                # "Family: Mother - Jade Marsh (DOB 01/02/1995), 12 Quarry Lane": a heading and its first record
                head, _, value = tok.text.partition(":")
                section = self._match_heading(head.strip())
                if section is not None:
                    self.section = section
                    self.signed_off = False
                    self._record_lines(section, [value.strip()])
                    continue
            if found is None:
                if tok.table < 0 and _PROSE_END.match(tok.text):
                    self.signed_off = True  # "Regards" / name / "Tel: ...": a signature, not an agency a line
                if tok.table >= 0 and tok.col == 0 and self._record_row(i):
                    continue
                if (self._record_lines(self.section, [self._whole_line(i) or self._continued(i)])
                        or self._wrapped_record(i)
                        or self._unread_record(i)):
                    continue
                self._hint(tok.text)
                continue
            label, rest = found
            self.out.labels_seen += 1
            if label.sets:
                self.section = label.sets
            if not self._answered_lines(i):
                rest, tails = self._inline_tails(i, label, rest)
                self.read(i, label, rest)
                for tail_label, tail_rest in tails:
                    self.read(i, tail_label, tail_rest)
        if self.any_statement_ticked:
            self._unticked_statements()
        return self.out

    def _inline_tails(self, i: int, label: Label, rest: str) -> tuple[str, list[tuple[Label, str]]]:
        """"Child's name: Rhys Oyelowo   D.O.B.: 16/06/2026" in one table cell (a paragraph line is cut so by the
        tokeniser): the value ends where a second "Label:" starts, and that label is answered by what follows
        it. Only a one-line value of a short field, and only text and date labels after it, each with an answer."""
        tok = self.toks[i]
        if tok.table < 0 or label.kind not in ("text", "date", "ethnicity") or "\n" in rest or ":" not in rest:
            return rest, []
        starts = [m.start() for m in INLINE_LABEL.finditer(rest) if m.start() > 0]
        if not starts:
            return rest, []
        tails: list[tuple[Label, str]] = []
        for a, b in zip(starts, [*starts[1:], len(rest)], strict=True):
            found = self._match_text(rest[a:b].strip(), None)
            if found is None or found[0].kind not in ("text", "date") or not found[1].strip():
                return rest, []
            tails.append((found[0], found[1].strip()))
        return rest[: starts[0]].strip(), tails

    def _unticked_statements(self) -> None:
        """Some criteria statements ticked: the unticked ones are the referrer's "no"."""
        for key in sorted(self.unticked - self.out.answered):
            self.out.answered.add(key)
            if key == "referral.criteria.abuse_or_neglect":
                self.out.warnings.append("referrer says abuse or neglect is neither known nor suspected")
            else:
                self._how = pv.Prov(f"{self.part}, statement list", None, "unticked_statement", pv.MEDIUM)
                self._set(key, False)

    def _statements(self, i: int) -> bool:
        """Read boxed criteria statements in cell i (one a line, or box and statement in two cells)."""
        tok = self.toks[i]
        lines = tok.text.split("\n") if ticks.has_ticks(tok.text) else []
        if tok.table >= 0 and tok.col == 0 and self.yes_no_cols.get(tok.table) is None:
            joined = split_cell_row(self.tables[tok.table].rows[tok.row])
            lines = [joined] if joined else lines
        else:
            joined = None
        found = [st for line in lines if (st := statement(line)) is not None]
        if not found and not lines and tok.table < 0 and _SELECT_ALL.search(tok.text):
            found = self._chosen_lines(i)
        if not found and not lines:
            found = _selected_statements(tok.text)
            if found:
                # a "select all that apply" answer: the criteria it does not list were not selected
                self.unticked.update(key for key, _ in STATEMENTS)
        if not found:
            return False
        for key, on, kind in found:
            if not on:
                self.unticked.add(key)
                continue
            self._how = self._prov(i, "statement", joined is None, label=pv.statement_label(lines, key, tok.text))
            self.any_statement_ticked = True
            self.out.answered.add(key)
            if key != "referral.criteria.abuse_or_neglect":
                self._set(key, True)
            elif kind in ("known", "suspected"):
                self._set(key, kind)
            else:
                self.out.warnings.append("abuse or neglect answered Yes without saying known or suspected")
        if joined:
            self.used.update(self.row_cells(tok.table, tok.row))
        return True

    def _chosen_lines(self, i: int) -> list[tuple[str, bool, str | None]]:
        """"Which of these apply? (select all that apply)" over the options chosen, one a line with no box (an
        online form's summary lists only what was ticked): the criteria it does not list were not chosen. Every
        line up to the first that is no criterion is read; a line naming a criterion twice ends the list."""
        found: list[tuple[str, bool, str | None]] = []
        j = i + 1
        while j < len(self.toks) and self.toks[j].table < 0 and self.toks[j].text and ";" not in self.toks[j].text:
            # (the options chosen on one line, "A; B; C", are read by _selected_statements)
            st = statement(f"{CHECKED} {self.toks[j].text}")
            if st is None or any(k == st[0] for k, _, _ in found):
                break
            found.append(st)
            j += 1
        if found:
            self.used.update(range(i + 1, j))
            self.unticked.update(key for key, _ in STATEMENTS)
        return found

    def _text_header(self, i: int) -> None:
        """A paragraph line ending "Yes no" (or "No Yes") heads the bare boxes of the lines under it."""
        line = self.toks[i].line
        words = " ".join(t.text for t in self.toks[i : i + 12] if t.line == line and t.table < 0)
        m = _TEXT_YES_NO.search(words)
        if m is not None:
            self.text_yes_first = m.group(1).lower() == "yes"

    def _hint(self, text: str) -> None:
        if len(text) < 300:
            for section, pattern in SECTION_HINTS:
                if pattern.search(text):
                    self.section = section
                    return

    def read(self, i: int, label: Label, rest: str) -> None:
        key, kind = label.key, label.kind
        end = _PERIOD_END.match(rest) if kind == "period" else None
        if kind == "period" and end is None and (which := _PERIOD_BRACKET.search(
                self.toks[i].text[: len(self.toks[i].text) - len(rest)] if rest else self.toks[i].text)) is not None:
            # "Dates of involvement (from) | 21 June 2024" / "... (to) | 12 November 2026": the bracket names the end
            end = _PERIOD_END.match(f"{which.group(1)} {rest}")
        if end is not None:
            # "Period of involvement: from | 11/03/2025", "... : to | 18/11/2026": one end of the period a row
            start = end.group(1).lower().startswith(("from", "start"))
            key = "agency_return.involvement_from" if start else "agency_return.involvement_to"
            kind, rest = "date", end.group(2)
        guessed = self._guessed(i, label)  # a misspelt label, or a bare "Name:" whose owner was guessed
        if (several := self.several.get(i)) is not None and several[0] is label:
            self._several(i, several, rest)
            return
        if kind in ("text", "date", "case_ref", "period"):
            raw = value_or_none(rest) or self.next_value(i)
            own = value_or_none(rest) is not None
            self._how = self._prov(i, guessed or ("label_value" if own else "beside_label"), own, rest=rest)
            tok = self.toks[i]
            if key == "agency_return.author.name" and raw and not own and self._parts_on_lines(i, raw):
                return
            if kind == "text" and raw and tok.table < 0 and tok.col > 0 and (
                    first := _FIRST_SENTENCE.match(raw)) is not None:
                # "... died on 5 September 2026. Place of death: Family home. It is believed ...": a label met
                # inside prose answers up to the end of its sentence
                raw = first.group(1)
                self._how = self._prov(i, "prose_label", own, pv.LOW, rest=rest)
            if kind == "text" and raw and rest and rest.rstrip().endswith(","):
                raw = self._wrapped_on(i, raw)
            elif kind == "case_ref" and raw and rest and rest.rstrip().endswith((",", ";", "..", "\u2026")):
                # a case box "case," / "002": the line under it carries on, kept as a line break (named_cases)
                raw = self._wrapped_on(i, raw, "\n")
            if key in _PERSON_BLOCKS and raw and ("\n" in raw or raw.count(",") >= 2) and (
                    person := read_person_lines(raw)) is not None:
                # "Rosalind Ashdown⏎Safeguarding Manager 01632 960118 r.ashdown@...": the person's parts, each its own
                owner = key.rsplit(".", 1)[0]
                for field_key, value in (("name", person.name), ("role", person.role), ("phone", person.phone),
                                         ("email", person.email)):
                    self._store_text(f"{owner}.{field_key}", "text", value)
                return
            if key == "agency_return.signed_off_by" and raw and (signed := _SIGNED_DATED.match(raw.strip())) and (
                    read_date(signed.group("date"))[0] is not None):
                # "Xavier Thackeray (Head of Service), 1st December 2026": the manager, and the date signed
                raw = signed.group("name")
                self._store_text("agency_return.date_completed", "date", signed.group("date"))
            raw, more = self._labelled_lines(raw)
            second = self.compound.get(i)
            lines = raw.split("\n") if raw else []
            if second is not None and len(lines) == 2:
                raw = lines[0]  # "Riverside NHS Trust / Named Nurse" under "AGENCY & DESIGNATION"
                how, self._how = self._how, self._prov(i, "compound_label", True, rest=rest)
                self._store_text(second.key, second.kind, lines[1])
                self._how = how
            elif second is not None and len(lines) > 2:
                raw = None  # which line answers which field cannot be told
            unset = self.out.values.get(key) is None
            self._store_text(key, kind, raw)
            if key in _PERSON_BLOCKS and raw and unset and self.out.values.get(key) is not None:
                self._contact_lines_under(i, key, raw, own)
            for label, value, line in more:
                self._how = self._prov(i, "label_lines", True, label=pv.label_text(line, value))
                self._store_text(label.key, label.kind, value)
        elif kind == "free":
            self.section = label.sets or self.section
            own = not self._value_beside(i)  # the narrative after its label, not in a cell of its own
            self._how = self._prov(i, guessed or ("narrative_answer" if own else "beside_label"), own, rest=rest)
            told = value_or_none(self.free_text(i, rest))
            # "Reason for referral" over a "Yes | No" grid of criteria: the options' header is no narrative
            self._set(key, None if told and _all_options(squash(told)) else told)
        elif kind in ("yesno", "abuse", "cpp"):
            own = bool(rest.strip()) and (ticks.has_ticks(rest) or _is_answer(rest))
            self._how = self._prov(i, guessed or "tick", own, rest=rest)
            self._store_tick(i, key, kind, rest)
        elif kind == "ethnicity":
            own = value_or_none(rest) is not None
            self._how = self._prov(i, guessed or "ethnicity_ticks", own, rest=rest)
            self._set(key, EthnicityScan(self, i, rest).value())
        if label.sets == SUMMARY:
            self.section = SUMMARY

    def _wrapped_on(self, i: int, raw: str, case_box: str = "") -> str:
        """"Home address: 12 Quarry Lane, Weston-super-Mare," / "BS23 4QT": a value that ends in a comma
        carries on in the short line under it (a mail client's wrap), unless that line is a label."""
        j = i + 1
        tok = self.toks[i]
        if (j < len(self.toks) and tok.table < 0 and self.toks[j].table < 0 and self.toks[j].col == 0
                and 0 < len(self.toks[j].text) <= 40 and not self.is_boundary(j)
                and not ticks.has_ticks(self.toks[j].text)):
            self.used.add(j)
            if case_box:
                return f"{raw.rstrip()}{case_box}{self.toks[j].text.strip()}"
            return f"{raw.rstrip(' ,')}, {self.toks[j].text.strip()}"
        return raw

    def _parts_on_lines(self, i: int, first: str) -> bool:
        """"Author of this summary (name / role / email / telephone)" over one line per part: each line answers its
        part, in the bracket's order, when every line reads as that part (an address has an @, a phone its digits,
        a role neither); otherwise nothing is read here and the first line stays the name."""
        tok = self.toks[i]
        bracket = _PART_LIST.search(tok.text)
        if tok.table >= 0 or bracket is None:
            return False
        named = [_PART_FIELDS.get(p.strip().lower()) for p in re.split(r"\s*[/,]\s*|\s+and\s+", bracket.group(1))]
        parts = [p for p in named if p is not None]
        if len(parts) < 3 or len(parts) != len(named) or parts[0] != "name" or len(set(parts)) != len(parts):
            return False
        lines = [first.strip()]
        j = next((k for k in range(i + 1, len(self.toks)) if self.toks[k].text.strip() == first.strip()), None)
        if j is None:
            return False
        k = j + 1
        while len(lines) < len(parts) and k < len(self.toks) and self.toks[k].table < 0 and self.toks[k].text.strip():
            if self.is_boundary(k):
                return False
            lines.append(self.toks[k].text.strip())
            k += 1
        if len(lines) != len(parts) or not all(_PART_SHAPES[p](ln) for p, ln in zip(parts, lines, strict=True)):
            return False
        self.used.update(range(j, k))
        for part, line in zip(parts, lines, strict=True):
            self._store_text(f"agency_return.author.{part}", "text", line)
        return True

    def _contact_lines_under(self, i: int, key: str, first: str, own: bool) -> None:
        """"Completed by:" / "Jo Reed, Safeguarding Lead" / "Hillview NHS Trust" / "jo.reed@nhs.net | 01632 960241":
        the unlabelled lines under the person's line are theirs when each is only an address and a number (with
        their separators and "Tel:" words) or an organisation's name; the first line that is neither (a label, a
        sentence, a blank) ends the block, and nothing beyond it is read. Only for the person just named."""
        tok = self.toks[i]
        if tok.table >= 0 or "\n" in first.strip():
            return
        k = i + 1
        if not own:
            near = range(i + 1, min(len(self.toks), i + 4))
            j = next((n for n in near if self.toks[n].text.strip() == first.strip()), None)
            if j is None:
                return
            k = j + 1
        owner = key.rsplit(".", 1)[0]
        found: dict[str, str] = {}
        taken: list[int] = []
        while k < len(self.toks) and len(taken) < 4 and k not in self.used:
            line, cells = self.toks[k].text.strip(), [k]
            if (t := self.toks[k].table) >= 0:
                # "jo.reed@nhs.net | 01632 960241" typed with a bar is read as a one-row table: the row as a line
                if len(self.tables[t].rows) != 1 or self.toks[k].row != 0:
                    break
                cells = [n for n in range(k, len(self.toks)) if self.toks[n].table == t]
                line = " | ".join(self.toks[n].text.strip() for n in cells)
                if _contact_only(line) is None:
                    break
            elif not line or self.is_boundary(k) or self.label_at(k) is not None:
                break
            contact = _contact_only(line)
            if contact is not None:
                for part, value in contact.items():
                    found.setdefault(part, value)
            elif ("agency" not in found and len(line) <= 80 and AGENCY_WORDS.search(line)
                  and not re.search(r"[\d@:]", line)):
                found["agency"] = line
            else:
                break
            taken += cells
            k = cells[-1] + 1
        if not found:
            return
        self.used.update(taken)
        for part, value in found.items():
            target = ("agency_return.agency" if owner == "agency_return.author" else f"{owner}.agency") \
                if part == "agency" else f"{owner}.{part}"
            self._store_text(target, "text", value)

    def _labelled_lines(self, raw: str | None) -> tuple[str | None, list[tuple[Label, str, str]]]:
        """A value whose lines carry their own labels ("Tel: 01483 555 010 / Email: nia@x") is cut before the first
        of them; each labelled line answers its own label (text and date fields only)."""
        if raw is None or "\n" not in raw:
            return raw, []
        lines = raw.split("\n")
        found = [(k, self._match_text(ln.strip(), None)) for k, ln in enumerate(lines)]
        labelled = [(k, f) for k, f in found if f is not None and f[1] and f[0].kind in ("text", "date")]
        if not labelled:
            return raw, []
        head = "\n".join(lines[: labelled[0][0]]).strip() or None
        return head, [(f[0], f[1], lines[k].strip()) for k, f in labelled]

    # -- provenance (parsers/provenance.py): what _set records with each value
    def _where(self, table: int, own: bool) -> tuple[str, pv.Confidence]:
        """Where in the part a value was and how surely it answers its label: its own cell in a real table or
        a form field is high; the label's own cell or line, or a "cell" that is a piece of a text line, medium."""
        if table < 0:
            return "paragraph", pv.MEDIUM
        origin = self.tables[table].origin
        if origin == "form":
            return "form field", pv.MEDIUM if own else pv.HIGH
        if origin == "text" or self.carrier in pv.TEXT_CARRIERS:
            return "text laid out as a table", pv.MEDIUM
        return "table cell", pv.MEDIUM if own else pv.HIGH

    def _prov(self, i: int, via: str, own: bool, confidence: pv.Confidence | None = None, rest: str = "",
              label: str | None = None) -> pv.Prov:
        """The provenance of a value read for the label in cell i (`own`: in the label's own cell or line)."""
        tok = self.toks[i]
        where, sure = self._where(tok.table, own)
        if via in ("near_label", "lead_name"):
            sure = pv.LOW
        return pv.Prov(f"{self.part}, {where}", label or pv.label_text(tok.text, rest), via, confidence or sure)

    def _guessed(self, i: int, label: Label) -> str | None:
        """"near_label" for a misspelt label matched by nearness; "lead_name" for a label that applied only because
        the form's first bare "Name:" was taken to be the child's or the referrer's (_lead_scope)."""
        if i in self.fuzzy:
            return "near_label"
        if label.scope is not None and self.section not in label.scope:
            return "lead_name"
        return None

    def _tag(self, records: list[dict[str, object]], via: str, confidence: pv.Confidence | None = None,
             labels: dict[str, str] | None = None) -> None:
        """Give records read just now their provenance, field by field (`labels`: a table's column headers)."""
        i = self._i
        where, sure = self._where(self.toks[i].table if i is not None else -1, True)
        shared = pv.Prov(f"{self.part}, {where}", None, via, confidence or sure)
        for rec in records:
            if id(rec) not in self.out.record_prov:
                self.out.record_prov[id(rec)] = {
                    k: pv.Prov(shared.source, labels[k], via, shared.confidence) if labels and k in labels else shared
                    for k in rec}

    def _tag_table_records(self) -> None:
        """The records of tables read by their header row (rows.py): each value in its own cell under a column
        header. The header's text is each column's label when every table of that kind names it alike."""
        heads: dict[str, dict[str, str] | None] = {}
        place: dict[str, tuple[str, pv.Confidence]] = {}
        for t, h in sorted(self.row_tables):
            if (t, h - 1) in self.row_tables:
                continue  # not the first row of a run: never a header
            row = self.tables[t].rows[h]
            found = header_row(row)
            if found is None:
                continue
            kind, mapping = found
            names = {key: squash(row[c])[:80] for c, key in mapping.items() if not key.startswith("_")}
            heads[kind] = names if heads.get(kind, names) == names else None
            place[kind] = self._where(t, False)
        for kind, recs in self.out.records.items():
            labels = heads.get(kind) or {}
            where, sure = place.get(kind, ("table cell", pv.HIGH))
            columns: dict[str, pv.Prov] = {}  # one per column, shared by the rows (records are read, never changed)
            for rec in recs:
                self.out.record_prov[id(rec)] = {k: columns.get(k) or columns.setdefault(
                    k, pv.Prov(f"{self.part}, {where}", labels.get(k), "header_table", sure)) for k in rec}

    def _set(self, key: str, value: object) -> None:
        if value is None:
            return
        if key in _CHILD_IDS and len(self.out.child_ids) < 40:
            self.out.child_ids.append((key, value))
        if self.out.values.get(key) is None or (key in self.lead_keys and self.section):
            # a value read before any heading (a forwarder's "Tel:" above the pasted form) gives way to the same
            # field under its own heading
            self.out.values[key] = value
            self.out.answered.add(key)
            self.out.prov[key] = self._how or pv.Prov(self.part, None, "walk", pv.LOW)
            if self.section:
                self.lead_keys.discard(key)
            else:
                self.lead_keys.add(key)

    def _store_text(self, key: str, kind: str, raw: str | None) -> None:
        if raw is None:
            return
        if kind == "text":
            value = squash(raw) if "\n" not in raw.strip() else raw.strip()
            self._set(key, given_name_first(value) if key in _PERSON_NAMES else value)
        elif kind == "case_ref":
            if len(self.out.case_refs_written) < 20:
                self.out.case_refs_written.append(raw[:200])
            self._set(key, find_case_ref(raw))
        elif kind == "date":
            iso, warning = read_date(raw, self.sent)
            if warning is not None and self.out.values.get(key) is None:
                self.out.warnings.append(f"{key}: {warning}")
            self._set(key, iso)
        elif kind == "period":
            self._store_period(raw)

    def _store_period(self, raw: str) -> None:
        first, matched = find_date(raw)
        self._set("agency_return.involvement_from", first)
        if matched:
            second, _ = find_date(raw[raw.find(matched) + len(matched) :])
            self._set("agency_return.involvement_to", second)

    def _store_tick(self, i: int, key: str, kind: str, rest: str) -> None:
        if kind == "abuse" and _LETTER_LEGEND.match(rest):
            # only a cell that is that one letter is read; anything else goes the ordinary way
            letters = [t.strip().upper() for _, t in self.rest_of_row(i, "") if t.strip()]
            if len(letters) == 1 and letters[0] in ("K", "S"):
                self._set(key, "known" if letters[0] == "K" else "suspected")
                return
            rest = ""
        if kind == "abuse" and _BOTH_OPTIONS.match(rest):
            rest = ""  # "Abuse or neglect: known or suspected?": the question's own words, the answer is beside it
        elif kind == "abuse" and (both := _BOTH_PREFIX.match(rest)) is not None:
            rest = rest[both.end() :]  # "Abuse or neglect – known or suspected? Suspected": the answer after them
        # "Has the child died?" / "Answer: No": a form that prints the word before each answer
        cells = [(c, _ANSWER_WORD.sub("", t)) for c, t in self.rest_of_row(i, rest)]
        tok = self.toks[i]
        if tok.table >= 0 and rest and len(cells) > 1 and not ticks.has_ticks(rest) and not _is_answer(rest):
            # "b) Serious harm: potentially life-threatening injury ..." | "YES": the rest of the question cell
            # explains the question; the answer is in the cells after it.
            cells = cells[1:]
        cols = self.yes_no_cols.get(tok.table) if tok.table >= 0 else None
        paired = ticks.pair_trailing_boxes([t for _, t in cells]) if len(cells) > 1 else None
        if paired is not None:
            # "Known | Suspected☐ ☒": each box given back to its option, one cell each
            cells = [(c, t) for (c, _), t in zip(cells, paired, strict=False)]
            if len(paired) > len(cells):
                cells.append((cells[-1][0] + 1, paired[-1]))
            cols = None
        text = " ".join(t for _, t in cells)
        by_cell = ticks.cell_options([t for _, t in cells]) if len(cells) > 1 else None
        if by_cell is not None and kind in ("cpp", "abuse"):
            # options one a cell: each box or X goes with the option in (or beside) its own cell
            text = "  ".join(f"{CHECKED if on else UNCHECKED} {opt}" for on, opt in by_cell if opt)
        if kind == "cpp":
            value: object = _cpp(text)
            if value is None and tok.table >= 0 and len(cells) > 1:
                value = self._option_marked_below(tok.table, tok.row, cells, kind)
        elif kind == "abuse" and (asked := _ASKED_OPTION.match(rest)) is not None and len(cells) > 1:
            # "Abuse or neglect KNOWN | Y | N": a yes/no question about one option; X under Y is that option,
            # under N only "not that one" (it may be suspected; said elsewhere)
            answer = _yes_no_cells(cells[1:], cols, self.out.warnings, self.text_yes_first if tok.table < 0 else None)
            value = asked.group(1).lower() if answer else None
        elif kind == "abuse":
            value = _abuse(text, cells, cols, self.out.warnings, self.text_yes_first if tok.table < 0 else None)
            if value == "no":
                self.out.answered.add(key)
                self.out.warnings.append("referrer says abuse or neglect is neither known nor suspected")
                value = None
            elif value == "yes":
                self.out.answered.add(key)
                self.out.warnings.append("abuse or neglect answered Yes without saying known or suspected")
                value = None
            elif value is None and tok.table >= 0:
                value = self._option_marked_below(tok.table, tok.row, cells)
        else:
            order = self.text_yes_first if tok.table < 0 else None
            value = _yes_no_cells(cells, cols, self.out.warnings, order)
            if key == "agency_return.involved" and value is True and (span := _YES_PERIOD.match(text)) is not None and (
                    span.group("dates").startswith(find_date(span.group("dates"))[1] or "\0")):
                # "Known to us: YES, from 24/07/25 to 21/11/26", "Yes - registered patient; seen from 10th July
                # 2024 to ...": the answer goes on to give the period (a date right after "from", never one later
                # in "referred from the GP on 3 March")
                self._store_period(span.group("period"))
        self._set(key, value)


    def _option_marked_below(
        self, table: int, row: int, cells: list[tuple[int, str]], kind: str = "abuse"
    ) -> str | None:
        """"Abuse or neglect | Known | Suspected" (or a plan status's options) over a row holding only one X or
        box: the option above it."""
        rows = self.tables[table].rows
        if row + 1 >= len(rows):
            return None
        below = rows[row + 1]
        marks = [c for c, text in enumerate(below) if text.strip()]
        if len(marks) != 1 or ticks.is_checked_cell(below[marks[0]]) is not True:
            return None
        above = [text for col, text in cells if col == marks[0]]
        if len(above) != 1:
            return None
        low = squash(above[0]).lower()
        if kind == "cpp":
            return _cpp(low)  # "Yes | No | Previously | Unknown" over "| | | | X"
        return "suspected" if low == "suspected" else "known" if low == "known" else None


_ANSWER_WORD = re.compile(r"^\s*(?:answer|response|reply)\s*[:\-–]\s*(?=\S)", re.I)
# a question whose answer lists the options chosen: "Which of these apply? (select all that apply)"
_SELECT_ALL = re.compile(r"\b(?:select|tick|choose|check) all (?:that|which) apply\b|^which of (?:these|the following)"
                         r"(?: criteria| statements)? appl(?:y|ies)\b", re.I)


# a label's words up to its first ":" or "?" (a line's value never rewritten), and the child's other names in it
_LABEL_HEAD = re.compile(r"^[^:?\n]{3,90}(?=[:?])")
_YOUNG_PERSON = re.compile(r"\b(?:child(?:\s*/\s*|\s+or\s+)young person|young person|cyp)(?P<s>['’]s)?(?![\w'’])", re.I)


_CHILD_BRACKET = re.compile(r"^\s*(?P<words>[A-Za-z][A-Za-z ./]{1,40}?)\s*\(\s*(?:the\s+)?"
                            r"(?:child|young person|cyp)\s*\)\s*$", re.I)


def _child_word(m: re.Match[str]) -> str:
    return "child's" if m.group("s") else "child"


def _selected_statements(text: str) -> list[tuple[str, bool, str | None]]:
    """The criteria an online form's multi-select answer lists ("The child has died; Abuse or neglect is
    suspected"): two or more statements, every one of them a criterion, none twice."""
    if ("; " not in text and ", " not in text) or len(text) > 400:
        return []
    # "A; B" or, with no semicolon, "A, B, C" (a forms service joins the options chosen with commas)
    parts = [p.strip() for p in re.split(r"\s*;\s*" if ";" in text else r"\s*,\s*", text) if p.strip()]
    found = [st for p in parts if (st := statement(f"{CHECKED} {p}")) is not None]
    if len(parts) < 2 or len(found) != len(parts) or len({k for k, _, _ in found}) != len(found):
        return []
    return found


def _labelled_record(kind: str, cells: list[str]) -> dict[str, object] | None:
    """One record from a row of label | value pairs ("Process 1 | Coroner | Status | Inquest opened"): every
    label a column of that kind of record (an index number after it allowed), the record's key field among them."""
    if len(cells) < 4 or len(cells) % 2:
        return None
    rec: dict[str, object] = {key: None for key in COLUMNS[kind]}
    for label, value in zip(cells[::2], cells[1::2], strict=True):
        text = re.sub(r"\s*\(?\d{1,2}\)?\s*:?$", "", squash(label))
        key = next((k for k, rx in COLUMNS[kind].items() if len(text) <= 30 and rx.search(text)), None)
        if key is None or rec[key] is not None:
            return None
        rec[key] = ticks.yes_no(value) if key == "still_involved" else (
            read_date(value)[0] if key == "date_of_birth" else squash(value))
    return rec if all(rec.get(k) for k in TABLE_KEYS[kind]) else None


# A cell that reads as "label words" then ":", "?", a line break or nothing: where a misspelt label may be.
_LABEL_SHAPE = re.compile(r"^(?P<words>[A-Za-z][A-Za-z'’./() -]{5,60}?)\s*(?P<sep>[:?]\s*|\n|$)")
# The rest of a label after a slash ("Person(s) with parental responsibility / carer", "Job title / role"): label
# words up to the separator or the end of the line, never a value (no digits, no address, a few words).
_SLASH_TAIL = re.compile(r"^\s*[/&]\s*[A-Za-z'’()][A-Za-z'’ ()/&-]{0,50}?\s*(?:[:?]\s*|(?=\n)|$)"
                         # "Your name, role and agency", "Ethnicity, religion and any disability": a question listing
                         # what to give, to the end of its line; never the answer
                         r"|^,\s*[a-z'’ ]{2,30}?\band\s+(?:any\s+)?[a-z'’]{2,20}(?:\s+[a-z'’]{2,20})?"
                         r"\s*(?:[:?]\s*|(?=\n)|$)")
# The rest of a narrative's question wrapped onto a second line or clause ("Brief summary of the incident | and
# reasons for referral"): a few lower-case label words with no separator and no sentence end.
# On the label's own line any case; wrapped onto the next line only in lower case (an answer starts a sentence).
_FREE_TAIL = re.compile(
    r"^(?:[ \t]*(?i:and|or|of|for|including|with|to|/)|[ \t]*\n[ \t]*(?:and|or|of|for|including|with))\b"
    r"[^:.?\n\d]{0,80}?(?:[:?]\s*|(?=\n)|$)"
)


_NUMBERED_HEADING = re.compile(r"^(?:(?:section|part)\s+\w{1,3}\b|\d{1,2}[.)]\s+[A-Z])", re.I)


# one box and one short option on a line: "[X] Suspected", "☐ Known", "( ) Not known"
_ONE_OPTION = re.compile(r"^\s*(?:\[\s*[xX✓✔]?\s*\]|\(\s*[xX✓✔]?\s*\)|[☐☒☑■□])\s*[A-Za-z][A-Za-z /'’-]{0,30}$")


def _column_grid(table: Table) -> bool:
    """A table of three or more columns named in its first row ("Date | Worker | Event | Notes") over rows as wide:
    a list (a chronology, a contact log), never the box a narrative is typed into."""
    rows = table.rows
    if len(rows) < 2 or len(rows[0]) < 3 or any(len(r) != len(rows[0]) for r in rows):
        return False
    return all(0 < len(c.strip()) <= 40 and not re.search(r"\d", c) for c in rows[0])


def _title_over_table(line: str, before: str) -> bool:
    """A short unpunctuated line of up to six words, starting with a capital, after a finished sentence: with a
    table right under it, that table's title."""
    text = line.strip()
    return (0 < len(text.split()) <= 6 and text[:1].isupper() and not text.endswith((".", "!", "?", ",", ";", ":"))
            and before.rstrip().endswith((".", "!", "?")))


# "Family?" / "Other agencies known?": a short line that is a question of its own, whatever its first word
_SHORT_QUESTION = re.compile(r"^(?:Q?\d{1,2}[.)]\s*)?[A-Z][^.!?;\n]{2,100}\?\s*:?$")
# "List the family members (name, relationship, date of birth):": a prompt naming the parts its answer gives
_FIELD_LIST_PROMPT = re.compile(r"^[A-Z][^.!?\n]{2,100}\([^()\n]*,[^()\n]*\)\s*[:?]$")
# "When: 25/11/26", "Died: No": a short label and a short answer, another field's line (a narrative's own sentence
# is longer, or ends with a full stop)
_SHORT_PAIR = re.compile(r"^(?P<label>[A-Z][A-Za-z'’/&() \-]{1,40}?)\s*:\s+(?P<value>[^\n]{1,60})$")


# a state ending one agency's record, then the next record's capitalised agency on the same line
_RUN_ON_AGENCY = re.compile(
    r"(\s[-–—]\s(?:open|closed|still involved|no longer involved|current|ended))\s+(?=[A-Z][a-z])")


def _prompt_line(line: str, before: str | None) -> bool:
    """Whether a line in running text starts another answer rather than carrying this narrative on: a question or
    a prompt alone on its line once the narrative has a finished sentence, or a short "Label: value" line."""
    text = line.strip()
    if before is not None and before.rstrip().endswith((".", "!", "?", ")", '"', "”")):
        if len(text.split()) <= 12 and _SHORT_QUESTION.match(text):
            return True
        if _FIELD_LIST_PROMPT.match(text):
            return True
    pair = _SHORT_PAIR.match(text)
    if pair is None:
        return False
    label, value = pair.group("label").split(), pair.group("value").strip()
    return len(label) <= 4 and len(value.split()) <= 6 and not value.endswith((".", "!", "?", ";", ","))


def _heading_shaped(line: str, before: str) -> bool:
    """A short line that reads as the next heading, not as the narrative's: capitals, a section number, or a
    few words ending in a colon after a finished sentence."""
    text = line.strip()
    words = text.split()
    if not words or text.endswith((".", "!", "?", ",", ";")):
        return False
    if (len(text) <= 160 and _NUMBERED_HEADING.match(text) and before.rstrip().endswith((".", "!", "?"))
            and ":" in text):
        return True  # "5. Family note: key family relationships, including parents, ...": the next numbered section
    if len(text) > 60 or len(words) > 8:
        return False
    letters = [c for c in text if c.isalpha()]
    if len(letters) >= 6 and all(c.isupper() for c in letters):
        return True
    if _NUMBERED_HEADING.match(text):
        return True
    return text.endswith(":") and len(words) <= 5 and before.rstrip().endswith((".", "!", "?"))


def _label_tail(label: Label, rest: str) -> str:
    """What follows a matched label once the label's own remaining words are dropped."""
    if not rest:
        return rest
    m = _SLASH_TAIL.match(rest)
    if m is None:
        m = _FREE_TAIL.match(rest)
        # a question's own last words ("... with the child | or family?") end at its "?" or ":"; a narrative's
        # label may also run to the end of its line
        if m is not None and label.kind != "free" and not m.group(0).rstrip().endswith(("?", ":")):
            # "Additional needs | or disability" with nothing after it: a label of two alternatives, the second
            # its tail, never an answer (no answer starts "or"/"and"); anything longer may be an answer
            whole = m.end() == len(rest) and "\n" not in rest and len(rest.split()) <= 4
            if not (whole and re.match(r"^\s*(?:or|and)\s+[A-Za-z]", rest)):
                m = None
    if m is not None and len(rest[: m.end()].split()) <= 10:
        return rest[m.end() :]
    return rest


_LITERALS: dict[str, tuple[str, ...]] = {}
# The only characters outside ASCII that match an ASCII letter or digit under re.I, or lower-case to one: dotted
# and dotless I, long s, Kelvin sign (checked over all of Unicode by tests/parsers/test_label_literals.py). A
# cell without them holds a label's literals, lower-cased, wherever the label's pattern matches it.
_FOLDS_TO_ASCII = re.compile("[\u0130\u0131\u017f\u212a]")


def _literal(label: Label) -> tuple[str, ...]:
    """Runs of lower-case letters and digits every match of the label's words contains: "date", "of", "birth"
    for "date of birth"; "name" for "(?:full )?name"; "carer" for "carers?". Only what stands outside any group
    and is not made optional by "?", "*" or "{}" counts; a top-level "|" promises nothing. Under re.I an ASCII
    letter matches a few other characters too (K for k, ſ for s): the caller does not use the runs on a cell
    holding one (_FOLDS_TO_ASCII). Worked out once per label."""
    found = _LITERALS.get(label.source)
    if found is None:
        runs = _plain_runs(label.synonym)
        # a label built otherwise than from its synonym (labels._compile) promises nothing
        certain = runs is not None and label.source == compile_synonym(label.synonym)
        found = _LITERALS[label.source] = tuple(runs or ()) if certain else ()
    return found


def _plain_runs(rx: str) -> list[str] | None:
    """The top-level runs of plain letters and digits of a regex (None for a top-level alternation)."""
    runs: list[str] = []
    run, depth, i = "", 0, 0
    while i < len(rx):
        ch = rx[i]
        plain = depth == 0 and ch.isascii() and ch.isalnum()
        if plain and rx[i + 1 : i + 2] not in ("?", "*", "{"):
            run += ch.lower()
            i += 1
            if rx[i : i + 1] != "+":
                continue
        if run:
            runs.append(run)
            run = ""
        if ch == "\\":
            i += 2  # an escape: "\.", "\d", "\(" stand for one character of no certain letter
            continue
        if ch in "[{":  # a character class, or a repeat count (its digits are no letters of the text)
            j = i + 1 + (ch == "[" and rx[i + 1 : i + 2] == "^")
            j += ch == "[" and rx[j : j + 1] == "]"
            while j < len(rx) and rx[j] != ("]" if ch == "[" else "}"):
                j += 2 if rx[j] == "\\" else 1
            i = j + 1
            continue
        depth += (ch == "(") - (ch == ")")
        if ch == "|" and depth == 0:
            return None
        i += 1
    if run:
        runs.append(run)
    return runs


def _candidates(text: str) -> list[Label]:
    """Labels that could start `text`: by the first letter before and after a "Q3." / "Part 2" prefix."""
    start = LABEL_START.match(text)
    after = text[start.end() if start else 0 :][:1].lower()
    before = text.lstrip(" \t*•-–—")[:1].lower()
    first = LABELS_BY_LETTER.get(after, LABELS_ANY_LETTER)
    if before == after:
        return first
    second = LABELS_BY_LETTER.get(before, LABELS_ANY_LETTER)
    return sorted({*first, *second}, key=LABEL_ORDER.__getitem__)


_YES_PERIOD = re.compile(r"^\s*yes\b(?:[^\n.]{0,80}?[\s,;:\-–])??[\s,;:\-–]*(?P<period>(?:from|since|between)\s+"
                         r"(?P<dates>\S.*))$", re.I | re.S)
_RULE_LINE = re.compile(r"^\s*[-=_*~]{5,}\s*$")


def _drop_instructions(text: str | None) -> str | None:
    """Remove the form's own guidance sentences from a narrative answer."""
    if not text:
        return None
    # a case-system print's rule under its heading ("-----", "=====") is no part of the answer
    kept = [ln for ln in text.split("\n") if not _INSTRUCTION.match(ln.strip()) and not _RULE_LINE.match(ln)]
    # "4.1 Elodie was found ...": the paragraph number of a numbered form is not part of the answer
    joined = re.sub(r"^\d{1,2}\.\d{1,2}\s+(?=[A-Z])", "", "\n".join(ln.rstrip() for ln in kept).strip())
    return _unwrap(re.sub(r"\n{3,}", "\n\n", joined)) or None


# A line broken mid-sentence by a PDF's or a mail client's wrapping: no sentence end before the break, and the next
# line carries on in lower case, with a bracket or a number ("...for irritability\n(December 2025); neither ...").
_WRAPPED = re.compile(r"(?<=[^\s.!?:;])[ \t]*\n[ \t]*(?=[a-z(]|\d{3,}|\d+(?![.)\d]))"
                      # ... or after a colon when the line under it carries on the sentence in lower-case words
                      # ("... to 16 November 2026:" / "assessments of the mother's ..."); a list under a colon
                      # starts each item with a capital, a bullet or a number
                      r"|(?<=:)[ \t]*\n[ \t]*(?=[a-z]{2,}\s+[a-z]{2,})")


def _unwrap(text: str) -> str:
    """Join the lines of a wrapped paragraph with single spaces; keep real line and paragraph breaks."""
    return _WRAPPED.sub(" ", text)


def _yes_no_columns(table: Table) -> tuple[int, int] | None:
    """Columns headed Yes and No (NS criteria table: "Criterion | Yes | no")."""
    for k, row in enumerate(table.rows[:3]):
        low = [squash(c).lower().rstrip("?") for c in row]
        if "yes" in low and "no" in low:
            # "Yes | No" over "Child has died | | ☒": a header written without its empty first cell (a table nested
            # in a cell, its blank corner dropped) stands over the last columns of the rows under it
            below = [len(r) for r in table.rows[k + 1 : k + 6]]
            shift = max(below) - len(row) if below and low[0] == "yes" and len(row) == 2 else 0
            shift = shift if shift == 1 and below.count(max(below)) >= len(below) - 1 else 0
            return low.index("yes") + shift, low.index("no") + shift
        if "y" in low and "n" in low and low[0] not in ("y", "n"):
            return low.index("y"), low.index("n")  # "Criterion | Y | N"
    return None


def _yes_no_cells(
    cells: list[tuple[int, str]], cols: tuple[int, int] | None, warnings: list[str], yes_first: bool | None = None
) -> bool | None:
    """Yes/No from the cells after a question. A tick is read from its column only where the columns are known
    (a "Yes | No" header); a bare box or X whose option cannot be told is left unread, with a warning."""
    if cols is not None:
        for col, text in cells:
            if ticks.is_checked_cell(text) is True:
                if col == cols[0]:
                    return True
                if col == cols[1]:
                    return False
    text = " ".join(t for _, t in cells)
    if len(cells) > 1 and not any(ticks.is_checked_cell(t) is not None for _, t in cells if t.strip()):
        # "Yes ☒ | No": each option in a cell of its own with its mark; joined, the mark could be read as the
        # next option's box
        by_cell = ticks.cell_options([t for _, t in cells])
        if by_cell is not None and all(opt for _, opt in by_cell):
            text = "  ".join(f"{CHECKED if on else UNCHECKED} {opt}" for on, opt in by_cell)
    opts = ticks.options(text)
    if opts and all(not opt for _, opt in opts):
        if yes_first is not None and len(opts) == 2 and opts[0][0] != opts[1][0]:
            return opts[0][0] == yes_first  # two bare boxes under a "Yes no" (or "No Yes") line
        if any(on for on, _ in opts) or any(ticks.is_checked_cell(t) for _, t in cells if t.strip()):
            warnings.append("a box is ticked but whether it means yes or no cannot be told from the layout")
        return None
    if cols is None and any(ticks.is_checked_cell(t) for _, t in cells if t.strip()):
        warnings.append("an X is typed but whether it means yes or no cannot be told from the layout")
        return None
    return ticks.yes_no(text)


def _abuse(
    text: str,
    cells: list[tuple[int, str]],
    cols: tuple[int, int] | None,
    warnings: list[str],
    yes_first: bool | None = None,
) -> str | None:
    if not ticks.has_ticks(text) and _KNOWN_WORD.search(text) and re.search(r"suspect", text, re.I):
        # both options printed ("Known | Suspected Yes", "Known: No  Suspected: Yes"): the one marked yes, if
        # exactly one is; both words and no mark is the question's options left unanswered
        parts = [t for _, t in cells] if len(cells) > 1 else [text]
        said = {m.group(1).lower()[:7]: m.group(2).lower() for p in parts for m in _OPTION_MARK.finditer(p)}
        for p in parts:
            # "X Known": a typed mark before its option (in a cell of its own, or with no other mark around)
            said.update({m.group(2).lower()[:7]: "x" for m in _MARK_OPTION.finditer(p)})
        yes = {opt for opt, mark in said.items() if mark in ("yes", "y", "x", "✓", "✔")}
        if len(yes) == 1:
            return "suspected" if yes == {"suspect"} else "known"
        answer = _yes_no_cells(cells, cols, warnings, yes_first) if not said else None
        return None if answer is None else "yes" if answer else "no"
    chosen = ticks.ticked(text) if ticks.has_ticks(text) else [squash(text)]
    for option in chosen:
        low = option.lower()
        if "suspect" in low:
            return "suspected"
        if "known" in low and "not known" not in low:
            return "known"
    answer = _yes_no_cells(cells, cols, warnings, yes_first)
    return None if answer is None else "yes" if answer else "no"


_KNOWN_WORD = re.compile(r"(?<!not )\bknown\b", re.I)
# "Known Yes", "Suspected: X", "Known - no", "Suspected ✓": an option and the mark typed after it
_MARK_OPTION = re.compile(r"(?:^|\s)(x|✓|✔)\s+((?<!not )known|suspected)\b", re.I)
_OPTION_MARK = re.compile(r"\b((?<!not )known|suspected)\b\s*[:\-–|]?\s*(yes|no|y|n|x|✓|✔)(?![\w])", re.I)


def _is_answer(text: str) -> bool:
    """Whether text reads as an answer to a tick question (yes/no, known/suspected, a plan status)."""
    low = squash(text).lower()
    return ticks.yes_no(low) is not None or _cpp(low) is not None or low.startswith(("known", "suspected"))


# "Yes No Has been Not known" (or "Yes / No") with nothing ticked or deleted: the options, not an answer
_ALL_OPTIONS = re.compile(r"(?:\s*[/|,]?\s*(?:yes|no|has been|not known|n/?k|unknown|previous(?:ly)?|past|never|"
                          r"current(?:ly)?)\b){2,}\s*", re.I)
_OPTION_MEANS = {"yes": "yes", "current": "yes", "currently": "yes", "no": "no", "never": "no",
                 "has been": "has_been", "previously": "has_been", "previous": "has_been", "past": "has_been"}


def _all_options(text: str) -> bool:
    """Whether text is a plan question's options printed and none chosen: two or more option words of different
    meanings ("Current  Never  Previously  Unknown"); "No, never" or "Yes, currently" is one answer said twice."""
    if not _ALL_OPTIONS.fullmatch(text):
        return False
    words = re.findall(r"has been|not known|n/?k|unknown|previous(?:ly)?|past|never|current(?:ly)?|yes|no", text,
                       re.I)
    return len({_OPTION_MEANS.get(w.lower(), "not_known") for w in words}) >= 2


# "| Yes | No", "| Y | N | N/A": the header of a grid of tick questions
_GRID_HEADER = re.compile(r"(?:\s*(?:yes|no|y|n|n/?a|not known|unknown)\b){2,}\s*", re.I)


def _cpp(text: str) -> str | None:
    text = text.lstrip(" \t:")  # "CP plan status        : Yes - current": a padded label's colon
    # "Yes / No / Has been / Not known (delete as appropriate)": the options and the form's instruction on them
    bare = re.sub(r"\s*\([^)]{0,60}\)\s*$", "", squash(text))
    if not ticks.has_ticks(text) and _all_options(bare):
        return None
    chosen = ticks.ticked(text) if ticks.has_ticks(text) else [squash(text)]
    for option in chosen:
        for value, pattern in _CPP:
            if pattern.match(option.strip()):
                return value
    return None


def _lead_scope(text: str) -> frozenset[str] | None:
    """Whose details a form's opening bare "Name:" asks for, when the form has the child's labels at all."""
    if not _CHILD_LABELS.search(text):
        # a return titled as one ("Rapid review: agency response") with "Name: / Role: / Tel:" and no heading over
        # them: the person completing it, its author
        return _AUTHOR_ONLY if _RETURN_TITLED.search(text[:3000]) else None
    m = _LEAD_NAME.search(text)
    if m is None:
        return _REFERRER_ONLY
    for line in text[m.end():].split("\n")[1:8]:
        if _LEAD_CHILD.match(line):
            return _CHILD_ONLY
        if _LEAD_REFERRER.match(line):
            return _REFERRER_ONLY
    return _REFERRER_ONLY


def extract(view: DocView, sent: str | None = None) -> Extracted:
    """All labelled values of one source; `sent`: the ISO day the mail carrying it was sent (a date typed without
    its year takes the year from it)."""
    split = split_children(view)  # one child's section per child: only the subject's is read as the child
    out = _Walk(split, sent).run()
    out.warnings.extend(split.warnings[len(view.warnings) :])
    return out
