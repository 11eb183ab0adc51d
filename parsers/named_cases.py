"""A case named by a word and its number ("case 002", "case-002", "case (002)", "case nr 2", "cases 2 and 3",
"case two", "our ref: 2026/2"): the numbers a reference finder reads as the subject's partnership's cases. For
spotting a second case only, never for choosing one.

What counts (README "Protection"): after "case" or "cases", a number with a mark between (`no.`, `nr`, `num`,
`number`, `n°`, `#`, `:`, a dash or underscore written against a word, brackets closed round the number, `ref`),
three or more digits, a year and number ("case 2026/2"), or a short number (1-2 digits, or a number word up to
ninety-nine) that ends the phrase: a full stop, a comma, the end of the line, "and" / "or" / "too" / "also" /
"as well" / "please" / "instead" / a sign-off ("thanks": an HTML line break is a space). A short number
that goes on into a noun is a count ("in this case 2 agencies", "case two weeks ago", "case 2 of 3") and is
none. After "ref" / "reference" / "our ref" / "your ref", a short number takes a mark word or '#' ("ref no 2"),
a longer one three digits or a leading zero ("ref (002)", "Ref. 575"): "ref (2)" and "ref 12" are footnotes.
A four-digit 19xx / 20xx alone is a year ("the case 2026 guidance"), a date never matches (the lookahead).
"""

from __future__ import annotations

import re

_UNITS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
          "nineteen"]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
WORD_VALUES: dict[str, int] = {w: i + 1 for i, w in enumerate(_UNITS)} | {w: i + 10 for i, w in enumerate(_TEENS)}
WORD_VALUES |= {w: 20 + 10 * i for i, w in enumerate(_TENS)}
_WORD = (r"(?:" + "|".join(_TENS) + r")(?:[\s-]?(?:" + "|".join(_UNITS) + r"))?|"
         + "|".join(sorted(_TEENS + _UNITS, key=len, reverse=True)))
# One number: a year and a number ("2026/2", "2026-002"), digits, or a number word; a date ("2026-12-08",
# "2026.12.08", "08/12/2026") or a decimal is none (the lookahead after the digits).
_NUMBER = (r"(?:(?P<year>20\d{2}) ?[-/_.\\] ?(?P<ynum>\d{1,4})|(?P<num>\d{1,4})|(?P<word>" + _WORD
           + r")(?![a-z]))(?P<close>\s*[)\]])?(?![\w/-]|[.,]\d)")
_GAP = r"[\s_:#\-(\[]*"
# The word naming a case, what stands between it and the number, and the number. "case ref" is a case.
_NAMED = re.compile(
    r"(?<![\w-])(?P<key>cases?(?![a-z])|(?:(?:our|your|case|my|the)[\s_-]*)?ref(?:erence)?s?(?![a-z])\.?)"
    r"(?P<gap>" + _GAP + r"(?:(?P<mark>no|nr|num|number|n[°º]?)(?![a-z])\.?" + _GAP + r")?)" + _NUMBER, re.I)
_NUMBER_AT = re.compile(_NUMBER, re.I)
# More numbers in a list after the first ("cases 2, 3 and 4", "case 2 & 3")
_LIST_GAP = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+|&\s*)?|and\s+|or\s+|&\s*)(?:case\s+)?", re.I)
# What may follow a short number for it to be a case's: the phrase ends there
_PHRASE_END = re.compile(r"\s*(?:$|[.!?;:,)\]\n]|&|(?:and|or|too|also|as well|please|pls|instead|thanks|thank you|"
                         r"cheers|regards)\b)", re.I)


def _value(m: re.Match[str]) -> tuple[int | None, int, bool]:
    """(year or None, number, short): short is 1-2 digits or a number word."""
    if m.group("year"):
        return int(m.group("year")), int(m.group("ynum")), False
    if m.group("num"):
        num = m.group("num")
        return None, int(num), len(num) < 3
    spelt = re.sub(r"[\s-]+", "", m.group("word").lower())
    tens = next((t for t in _TENS if spelt.startswith(t)), "")  # "twenty-one", "twenty one", "twentyone"
    return None, WORD_VALUES.get(tens, 0) + WORD_VALUES.get(spelt[len(tens):], 0), True


def _marked(m: re.Match[str]) -> bool:
    """A mark between the word and the number: it is a label, not a count. Across a line break only a mark word
    counts: "...reviewed the case:" then "2. The police..." is a numbered list."""
    gap = m.group("gap")
    if m.group("mark"):
        return True
    if "\n" in gap:
        return False
    if "#" in gap or ":" in gap or "_" in gap:
        return True
    if "-" in gap and not re.search(r"\s-+\s", gap):
        return True  # "case-2", "case -2"; "in this case - 2 agencies" is a pause
    return ("(" in gap or "[" in gap) and m.group("close") is not None


def named_numbers(text: str) -> list[tuple[int | None, int]]:
    """Every (year or None, number) `text` names as a case by a word and a number (module docstring)."""
    out: list[tuple[int | None, int]] = []
    for m in _NAMED.finditer(text):
        key = re.sub(r"[\s_-]+", " ", m.group("key").lower())
        case = key.startswith("case")
        marked = _marked(m) or key.startswith("case ref")
        items = [_value(m)]
        if m.group("num") and re.fullmatch(r"(19|20)\d\d", m.group("num")):
            continue  # "the case 2026 guidance", "ref 2026"
        end = m.end()
        while case and (gap := _LIST_GAP.match(text, end)) and (more := _NUMBER_AT.match(text, gap.end())):
            items.append(_value(more))
            end = more.end()
        ends_phrase = _PHRASE_END.match(text, end) is not None
        labelled = bool(m.group("mark") or "#" in m.group("gap"))  # "ref no 2", "ref #2"
        for year, num, short in items:
            if case:  # a short number on the next line is a list item's ("the case" / "2. The police")
                ok = not short or marked or (ends_phrase and "\n" not in m.group("gap"))
            elif short:  # a ref: "ref 12", "ref (2)" are footnotes
                ok = labelled
            else:  # a ref: "ref 002", "Ref. 575", "ref: 0123", "our ref 2026/2"; an agency's own "ref: 4521" is none
                digits = m.group("num") or ""
                ok = labelled or year is not None or len(digits) == 3 or digits.startswith("0")
            if ok:
                out.append((year, num))
    return out
