"""Two generated populations of one-line remarks for stranger round 20's B2 (fix21b), as grammars: lines NAMING
another case by a word and a short number followed by a remark (punctuation, a system, a time word, a verb, a
preposition, a person), which a command under another case's subject must be refused for, and lines of ORDINARY
PROSE with "case" right before a number that is a count, a measure, a decimal, a percentage, money, a time, an
ordinal, a range or a rate, which must name no case. Shared by test_adversarial_round21_refs.py and the before/after
measurement in its docstring (docs/RELIABILITY.md section 7, "Stranger round 20 B2, fixed (fix21b)")."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from test_adversarial_round7_refs import word

# --- Lines naming a case: lead x number x remark ---------------------------------------------------------------------

NAMING_LEADS = ["Same for case {n}", "This is for case {n}", "Please apply to case {n}", "Also case {n}",
                "Please record this on case {n}", "Re case {n}", "See case {n}", "Case {n}", "Copy to case {n}",
                "And case {n}"]
# How the number is written: digits, a number word, quoted, emphasised, zero decimal
NAMING_NUMBERS = ["{d}", "{w}", '"{d}"', "\u201c{d}\u201d", "'{d}'", "*{d}*", "{d}.0"]
# Signs between the number and the remark (some none: a word straight after)
SIGNS = ["", "-", "\u2013", "\u2014", "/", "=", "|", "~", "->", "\u2192", "*", "+", "\u2022", ">", "::", "//"]
REMARKS = [
    # kin, people, names
    "the sister", "sister", "her brother", "the sibling", "Bea", "Bea Testcase", "the other child", "twin",
    # systems and places
    "in Mosaic", "Mosaic", "on LCS", "Liquidlogic", "in EHM", "on the board", "at panel",
    # time words
    "tomorrow", "today", "tonight", "next week", "this week", "by Friday", "from Friday", "on Monday", "asap",
    "later", "after the panel", "before the meeting", "when you can", "if possible", "Friday",
    # verbs
    "is the sister", "was opened last week", "needs the same", "concerns the sister", "has it too",
    "should get it", "will follow", "goes to panel", "applies too", "remains open", "is hers", "gets this",
    "belongs to Bea", "which is the sister", "that is hers", "closed", "pending", "likewise",
    # prepositions and the rest
    "re the sister", "for the sister", "about Bea", "with Bea", "per Bea", "of", "for", "at", "not this one",
    "not ours", "ours", "see notes", "see Mosaic", "as agreed", "same family", "too please", "thanks",
]
NAMING_ENDS = ["", ".", ", not this one.", " - thanks"]


def naming_line(lead: str, number: str, d: int, sign: str, remark: str, end: str) -> str:
    n = number.format(d=d, w=word(d))
    tail = " ".join(p for p in (sign, remark) if p)
    return lead.format(n=n) + (f" {tail}" if tail else "") + end


def naming_lines(d: int) -> Iterator[str]:
    """Every line of the naming grammar for case `d` (lead x number x sign x remark, one end each, in turn)."""
    ends = itertools.cycle(NAMING_ENDS)
    for lead, number, sign, remark in itertools.product(NAMING_LEADS, NAMING_NUMBERS, SIGNS, REMARKS):
        if not sign and remark in ("Mosaic", "Liquidlogic", "Bea", "Bea Testcase", "Friday", "twin"):
            continue  # "case 2 Mosaic" without a sign reads as a name; kept with a sign
        yield naming_line(lead, number, d, sign, remark, next(ends))


# --- Ordinary prose: lead x number phrase x tail --------------------------------------------------------------------

PROSE_LEADS = ["In this case", "In case", "Just in case", "In her case", "In each case", "In the former's case",
               "In the case", "As in this case", "For this case", "In that case", "In one case", "In our case",
               "In the Smith case"]
# {d}: the number (2-99, an open case's among them); {e}: a larger one; {w}: {d} in words; {o}: its ordinal
PROSE_PHRASES = [
    # counts: a plural noun, perhaps after modifiers
    "{d} agencies replied", "{d} children were seen", "{d} people turned up", "{d} staff left",
    "{d} FTE posts were cut", "{d}.0 FTE posts were cut", "{d} new agencies joined", "{d} more agencies replied",
    "{d} other children were named", "{d} home visits were made", "{d} police officers attended",
    "{d} newly qualified social workers left", "{d} children's social care teams met", "{d} Mosaic records exist",
    "{d} further referrals came", "{d} separate incidents occurred", "{w} weeks passed", "{w} agencies replied",
    "{d} GP appointments were missed", "{d} school-age siblings live there", "{d} of the agencies replied",
    "{d} of them replied", "{d} of {e} agencies replied", "{d} out of {e} replied", "{d} or more agencies",
    "{d} or so families", "{d} more turned up", "{d} are needed", "{d} were seen", "{d} have replied",
    "{d} needs were identified", "{d} concerns were raised", "{d} reports were late",
    # measures and units
    "{d} hours were logged", "{d} hrs of contact", "{d} mins late", "{d} kg lighter", "{d} mg of diazepam",
    "{d} ml twice daily", "{d} miles away", "{d} km away", "{d} ft tall", "{d} lbs lost", "{d} FTE",
    "{d} WTE", "{d} per cent of referrals", "{d} percent of referrals", "{d}% of referrals", "{d} %",
    "{d} million pounds", "{d} thousand leaflets", "{w} thousand leaflets", "{d} dozen leaflets",
    "{d} x {e} metres", "{d}x a week", "{d} times a week", "{d} a week", "{d} per week", "{d} a day",
    "{d} pounds a week", "{d} GBP", "{d}k spent", "{d}p a minute",
    # times, ordinals, ranges
    "{d}:30 is too late", "{d} pm is fine", "{d} am is fine", "{d} p.m. is fine", "{d} o'clock is fine",
    "{o} opinions were sought", "second opinions were sought", "{o} percentile weights", "{d}-{e} weeks passed",
    "{d} to {e} weeks passed", "{d} \u2013 {e} weeks passed", "{d}\u2013{e} agencies replied", "{w} weeks ago",
    "{d} years ago", "{d} months later", "{d} days after the visit", "{d} nights a week",
]
PROSE_TAILS = [".", ", as expected.", " in total.", ""]


def prose_line(lead: str, phrase: str, d: int, tail: str) -> str:
    o = f"{d}{'th' if d % 100 in (11, 12, 13) else {1: 'st', 2: 'nd', 3: 'rd'}.get(d % 10, 'th')}"
    return f"{lead} {phrase.format(d=d, e=d + 1 + d % 3, w=word(d), o=o)}{tail}"


def prose_lines(d: int) -> Iterator[str]:
    """Every line of the prose grammar for the number `d` (lead x phrase, tails in turn)."""
    tails = itertools.cycle(PROSE_TAILS)
    for lead, phrase in itertools.product(PROSE_LEADS, PROSE_PHRASES):
        yield prose_line(lead, phrase, d, next(tails))
