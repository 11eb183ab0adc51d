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
Also (stranger round 7): a quote or '=' is a mark (`case "002"`, `case=002`), the number may come before the year
(`case 002/2026`; `case 2/2026` is short: "11/2026" may be a month), an ordinal is its number (`case 2nd`), a
zero-padded number spelt digit by digit is one (`case 0 0 2`, `case zero zero two`). A colon alone is no label
before a count ("Just in case: 2 copies attached."), and after the idioms "just in case", "in any case", "in that
case", "in which case" a short number without a mark word is none. `#2` / `No. 2` without "case" are none here:
SECURITY's near misses are of the full reference (`NS-CSPR-2026-#2`, fields.py), not "No. 2 Acacia Avenue".
Across a line break (stranger round 8, a client wrapping at 72 columns): `#` is a mark ("case" / "#2") and a
short number ending the phrase names a case ("case" / "two.", "case" / "2."), but a short number then '.' or ')'
and text on its line opens a numbered list item ("for this case" / "2. Agencies to reply") and is none.
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
_ZERO = r"(?:zero|oh|nought|nil)"
_DIGIT_WORD = r"(?:" + _ZERO + "|" + "|".join(_UNITS) + r")"
_NUMBER = (r"(?:(?P<year>20\d{2}) ?[-/_.\\] ?(?P<ynum>\d{1,4})|(?P<nnum>\d{1,4}) ?[-/] ?(?P<nyear>20\d{2})"
           r"|(?P<spaced>0(?:[ \u00a0]\d){1,3}|" + _ZERO + r"(?:[\s-]+" + _DIGIT_WORD + r"){1,3})(?![a-z])"
           r"|(?P<num>\d{1,4})(?P<ord>st|nd|rd|th)?|(?P<word>" + _WORD
           + r")(?![a-z]))(?P<close>\s*[)\]\"'\u201d\u2019])?(?![\w/-]|[.,]\d)")
# Between the word and the number: spaces, ':', '#', '-', '_', an opening bracket or quote, '=' ("case=002")
_GAP = r"[\s_:#=\-(\[\"'\u201c\u2018]*"
# The word naming a case, what stands between it and the number, and the number. "case ref" is a case.
_NAMED = re.compile(
    r"(?<![\w-])(?P<key>cases?(?![a-z])|(?:(?:our|your|case|my|the)[\s_-]*)?ref(?:erence)?s?(?![a-z])\.?)"
    r"(?P<gap>" + _GAP + r"(?:(?P<mark>no|nr|num|number|n[°º]?)(?![a-z])\.?" + _GAP + r")?)" + _NUMBER, re.I)
_NUMBER_AT = re.compile(_NUMBER, re.I)
_DIGITS = {"zero": 0, "oh": 0, "nought": 0, "nil": 0} | {str(i): i for i in range(10)}
# The idioms "just in case", "in any case", "in that case", "in which case": a short number after them without
# a mark is a count or a new sentence ("Just in case: 2 copies attached."), never a case.
_IDIOM_BEFORE = re.compile(r"(?:\bjust\s+in|\bin\s+(?:any|that|which|either|such\s+a))\s+$", re.I)
# More numbers in a list after the first ("cases 2, 3 and 4", "case 2 & 3")
_LIST_GAP = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+|&\s*)?|and\s+|or\s+|&\s*)(?:case\s+)?", re.I)
# What may follow a short number for it to be a case's: the phrase ends there
# A line break in the gap (LF, CR, the Unicode separators): a short digit number after it may be a list item
_BREAK = re.compile(r"[\n\r\x0b\x0c\x85\u2028\u2029]")
_LIST_MARK = re.compile(r"\s*[.)][^\S\n\r]*[^\s.)]")
_PHRASE_END = re.compile(r"\s*(?:$|[.!?;:,)\]\n]|&|(?:and|or|too|also|as well|please|pls|instead|thanks|thank you|"
                         r"cheers|regards)\b)", re.I)


def _value(m: re.Match[str]) -> tuple[int | None, int, bool]:
    """(year or None, number, short): short is 1-2 digits or a number word."""
    if m.group("year"):
        return int(m.group("year")), int(m.group("ynum")), False
    if m.group("nyear"):  # "case 2/2026", "case 002/2026": number first; "11/2026" may be a month, so it is short
        return int(m.group("nyear")), int(m.group("nnum")), len(m.group("nnum")) < 3
    if m.group("spaced"):  # "case 0 0 2", "case zero zero two": a padded number spelt out, not a count
        digits = [str(_DIGITS.get(d, WORD_VALUES.get(d, 0))) for d in re.split(r"[\s-]+", m.group("spaced").lower())]
        return None, int("".join(digits)), False
    if m.group("num"):
        num = m.group("num")
        return None, int(num), len(num) < 3
    return None, _word_value(m.group("word")), True


def _word_value(word: str) -> int:
    spelt = re.sub(r"[\s-]+", "", word.lower())
    tens = next((t for t in _TENS if spelt.startswith(t)), "")  # "twenty-one", "twenty one", "twentyone"
    return WORD_VALUES.get(tens, 0) + WORD_VALUES.get(spelt[len(tens):], 0)


def _marked(m: re.Match[str]) -> bool:
    """A mark between the word and the number: it is a label, not a count. Across a line break only a mark word
    counts: "...reviewed the case:" then "2. The police..." is a numbered list."""
    gap = m.group("gap")
    if m.group("mark"):
        return True
    if "#" in gap:  # "case #2", and across a line break "case" / "#2": a list item never starts with '#'
        return True
    if _BREAK.search(gap):
        return False
    if ":" in gap or "_" in gap or "=" in gap:
        return True
    if "-" in gap and not re.search(r"\s-+\s", gap):
        return True  # "case-2", "case -2"; "in this case - 2 agencies" is a pause
    return any(c in gap for c in "([\"'\u201c\u2018") and m.group("close") is not None


def _list_item(text: str, m: re.Match[str]) -> bool:
    """A short number after a line break that opens a numbered list item: digits, '.' or ')', then text on the
    same line ("the case" / "2. Agencies to reply"). "case" / "2." alone on its line, or "case" / "two." is a case."""
    return bool(m.group("num")) and _BREAK.search(m.group("gap")) is not None and (
        _LIST_MARK.match(text, m.end("num")) is not None)


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
        # ":" alone is no label before a count: "Just in case: 2 copies attached." (a number running on into a noun)
        colon_only = not m.group("mark") and not re.sub(r"[\s:]", "", m.group("gap"))
        if case and colon_only and not ends_phrase:
            marked = key.startswith("case ref")
        idiom = case and _IDIOM_BEFORE.search(text, max(0, m.start() - 40), m.start()) is not None
        list_item = _list_item(text, m)
        labelled = bool(m.group("mark") or "#" in m.group("gap"))  # "ref no 2", "ref #2"
        for year, num, short in items:
            if case:  # a short number opening a list item on the next line is none ("the case" / "2. The police")
                ok = not short or (marked and not (idiom and colon_only)) or (
                    ends_phrase and not list_item and not idiom)
            elif short:  # a ref: "ref 12", "ref (2)" are footnotes
                ok = labelled
            else:  # a ref: "ref 002", "Ref. 575", "ref: 0123", "our ref 2026/2"; an agency's own "ref: 4521" is none
                digits = m.group("num") or ""
                ok = labelled or year is not None or len(digits) == 3 or digits.startswith("0")
            if ok:
                out.append((year, num))
    return out


_BOX_WORD = re.compile(r"(?<![\w-])(?:" + _WORD + r")(?![\w-])", re.I)
_BOX_CASE = re.compile(r"^(\W*cases?)[\s:#.]*(?=\d{1,2}(?:st|nd|rd|th)?(?![\d/.-]))", re.I)


def as_case_box(value: str) -> str:
    """A return form's case-reference box as a finder reads it: the box asks for a case, so a short number after
    a leading "case" is its number ("Case 2 (Jamie Testcase)", "case 2nd") and a number word is its digits
    ("NS CSPR 2026 two"). A bare "2" stays unread (agencies write their own references there)."""
    spelt = _BOX_WORD.sub(lambda w: str(_word_value(w.group(0))), value)
    return _BOX_CASE.sub(lambda m: m.group(1) + " no. ", spelt)

