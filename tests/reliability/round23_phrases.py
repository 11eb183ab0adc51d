"""Two generated populations of one-line phrases for stranger round 22's B1 and B5 (fix23a), as grammars: lines
NAMING another case by "case" and a short number that a noun, a slash, a range, a possessive or a name follows ("the
case 2 notes", "case 2 papers, not this one", "case 2/3", "case two staff to action"), which a command under another
case's subject must be refused for, and lines of ORDINARY PROSE where the number after "case" is a count or a measure
of the clinical and legal nouns of a partnership's mail ("in this case 2 s47 enquiries were made", "2 A&E
attendances", "2 (two) agencies", "2 sq m", "2 times the dose", "2 criteria"), which must name no case. Shared by
test_adversarial_round23_refs.py and the before/after figures in docs/RELIABILITY.md section 7 ("Stranger round 22
B1/B5 (fix23a)")."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from test_adversarial_round7_refs import word

# --- Lines naming a case: lead x determiner x number x head x end ---------------------------------------------------

# What stands before "case": a preposition, a verb, nothing (the line's start), "the" in the middle of a clause
NAMING_LEADS = ["Same for {x}", "This is for {x}", "Please see {x}", "Please update {x}", "Re {x}", "{X}",
                "Also {x}", "Copy to {x}", "Please record this on {x}", "Add it to {x}", "Put this with {x}",
                "And {x}"]
DETERMINERS = ["", "the "]
# How the number is written: digits, a number word (any style), a slash, ranges, lists, a possessive, an ordinal
NAMING_NUMBERS = ["{d}", "{w}", "{W}", "{d}/{e}", "{d}-{e}", "{d} to {e}", "{d} and {e}", "{d} & {e}", "{d}'s",
                  "{w}'s"]
# What follows the number: a plural noun (perhaps after modifiers), a document in the singular, a name after
HEADS = ["papers", "notes", "documents", "records", "staff", "children", "reports", "actions", "minutes",
         "chronologies", "file", "files", "review", "note", "chronology", "plan", "new papers", "social care records",
         "GP notes", "papers (Bea)", "papers for Bea", "Bea Testcase papers", "school reports", "strategy notes"]
NAMING_ENDS = ["", ".", ", not this one.", " to action.", " please.", " attached.", " - thanks"]


def naming_line(lead: str, det: str, number: str, d: int, head: str, end: str) -> str:
    n = number.format(d=d, e=d + 1, w=word(d), W=word(d, 1))
    x = f"{det}case {n} {head}".rstrip()
    return lead.format(x=x, X=x[0].upper() + x[1:]) + end


def naming_lines(d: int) -> Iterator[str]:
    """Every line of the naming grammar for case `d`, ends in turn."""
    ends = itertools.cycle(NAMING_ENDS)
    for lead, det, number, head in itertools.product(NAMING_LEADS, DETERMINERS, NAMING_NUMBERS, HEADS):
        yield naming_line(lead, det, number, d, head, next(ends))


# The brief's and the stranger's shapes, as written
B1_SHAPES = ["Same for case 2 papers, not this one.", "Please see the case 2 notes.", "case 2 staff to action",
             "Same for case 2/3.", "Please update the case 2 file.", "Please update the case 2 review.",
             "Please update the case 2 note.", "Same for case two papers, not this one.",
             "Same for the case two notes.",
             "This is for case 2 papers.", "Case 2 papers attached.", "case 2 documents, not this one",
             "Please see the case 2 minutes.", "Same for case 2 and 3 papers.", "the case two file",
             "Please file this in case 2 papers.", "In the case 2 notes, not this one."]

# --- Ordinary prose: lead x count phrase x tail ----------------------------------------------------------------------

# A lead that makes the case the one in hand ("in this case") or a conjunction ("in case"); "In case" and "In the
# case" take a clause, so every phrase below has its verb or is a measure
PROSE_LEADS = ["In this case", "In each case", "In her case", "In our case", "In case", "Just in case",
               "For this case", "In the case", "In the Smith case", "In one case", "As in this case", "In that case",
               "In a similar case", "In the former's case", "In Amy's case", "In any case"]
# {d}: the number; {w}: in words; {e}: a larger one
COUNTS = [
    # clinical and legal plural nouns, with abbreviations, numbers and '&' in them
    "{d} s47 enquiries were made", "{d} Section 47 enquiries were made", "{d} S47 enquiries were held",
    "{d} A&E attendances were recorded", "{d} CP plans were made", "{d} strategy meetings were held",
    "{d} ICPCs were held", "{d} LADO referrals were made", "{d} EHCPs were reviewed", "{d} MASH checks were done",
    "{d} DBS checks came back", "{d} GP practices replied", "{d} Tier 3 services were involved",
    "{d} Year 6 pupils were seen", "{d} child protection conferences took place", "{d} missing episodes occurred",
    "{d} police call-outs were logged", "{d} CIN reviews were held", "{d} MARAC referrals followed",
    "{d} hospital admissions followed", "{d} section 20 placements broke down", "{d} S&L assessments were done",
    # the number restated in brackets
    "{d} ({w}) agencies replied", "{w} ({d}) agencies replied", "{d} ({d}) visits were made",
    # irregular plurals
    "{d} criteria were met", "{d} data were lost", "{d} phenomena were noted", "{d} media reports appeared",
    "{d} men were arrested", "{d} women attended", "{d} children were seen", "{d} staff left",
    # measures and multiples
    "{d} sq m of space was found", "{d} sq. m of garden was found", "{d} m2 of garden was found",
    "{d} metres away was the school", "{d} miles away was the father", "{d} times a week was too often",
    "{d} times the usual dose was given", "{d} times is enough", "{d} minutes passed", "{d} stone was lost",
]
PROSE_TAILS = [".", ", as expected.", " in total.", ""]


def prose_line(lead: str, phrase: str, d: int, tail: str) -> str:
    return f"{lead} {phrase.format(d=d, w=word(d), e=d + 1)}{tail}"


def prose_lines(d: int) -> Iterator[str]:
    """Every line of the prose grammar for the number `d` (lead x phrase, tails in turn)."""
    tails = itertools.cycle(PROSE_TAILS)
    for lead, phrase in itertools.product(PROSE_LEADS, COUNTS):
        yield prose_line(lead, phrase, d, next(tails))


# The stranger's ordinary lines as reported (round 22 B5)
B5_SHAPES = ["In this case 2 s47 enquiries were made.", "In this case 2 A&E attendances were recorded.",
             "In this case 2 (two) agencies replied.", "In this case 2 sq m of space was found.",
             "In this case 2 times the usual dose was given.", "In this case 2 criteria were met.",
             "In case 2 papers are needed, bring them.", "In this case 2/3 of the agencies replied."]
