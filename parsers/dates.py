"""UK dates in every form people type them, to ISO `YYYY-MM-DD`; day first, never US order."""

from __future__ import annotations

import datetime as dt
import re

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH_RE = (
    r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAYNAME = r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*,?\s+)?"
_ORD = r"(?:st|nd|rd|th)?"

_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b"), "ymd"),
    (re.compile(r"\b(\d{1,2})\s*[/.\-–]\s*(\d{1,2})\s*[/.\-–]\s*(\d{4}|\d{2})\b"), "dmy"),
    (re.compile(
        _DAYNAME + r"\b(\d{1,2})" + _ORD + r"(?:\s+of)?[\s\-–]+" + _MONTH_RE + r"[\s,\-–]+(\d{4}|\d{2})\b", re.I
    ), "d_mon_y"),
    # "February 3rd, 2026": the month name makes the order unambiguous, so accept it too.
    (re.compile(_DAYNAME + r"\b" + _MONTH_RE + r"\s+(\d{1,2})" + _ORD + r",?\s+(\d{4})\b", re.I), "mon_d_y"),
]


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        # No clock in parsers: a fixed pivot. 00-49 -> 2000s (children), 50-99 -> 1900s (adults).
        year += 2000 if year < 50 else 1900
    return year


def _build(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _from_match(m: re.Match[str], kind: str) -> str | None:
    g = m.groups()
    if kind == "ymd":
        return _build(int(g[0]), int(g[1]), int(g[2]))
    if kind == "dmy":
        return _build(_year(g[2]), int(g[1]), int(g[0]))
    if kind == "d_mon_y":
        return _build(_year(g[2]), _MONTHS[g[1].lower()[:3]], int(g[0]))
    return _build(int(g[2]), _MONTHS[g[0].lower()[:3]], int(g[1]))


def find_date(text: str | None) -> tuple[str | None, str | None]:
    """First date-looking text in `text`: (iso or None if invalid, the raw matched text); (None, None) if none."""
    if not text:
        return None, None
    best: tuple[int, re.Match[str], str] | None = None
    for pattern, kind in _PATTERNS:
        m = pattern.search(text)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), m, kind)
    if best is None:
        return None, None
    return _from_match(best[1], best[2]), best[1].group(0).strip()


def parse_date(text: str | None) -> str | None:
    """ISO date for the first date in `text`, None when absent or impossible (31/02/2026)."""
    return find_date(text)[0]


# A date field's answer that names a week, a month, a range or an estimate is not one known day.
_WEEK = re.compile(r"\b(?:w/?[cb]|wc|wb|week (?:commencing|beginning|starting|of))\b", re.I)
_APPROX = re.compile(
    r"\b(?:approx(?:imately|\.)?|about|around|roughly|circa|estimated|est\.|unsure|uncertain|possibly|"
    r"probably|on or (?:about|around)|believed|thought to be|or thereabouts)\b|\bc\.\s*\d|\?",
    re.I,
)
_RANGE = re.compile(r"\b\d{1,2}(?:st|nd|rd|th)?\s*(?:-|–|—|to|and|&|or)\s*\d{1,2}(?:st|nd|rd|th)?\s+" + _MONTH_RE, re.I)
_MONTH_YEAR = re.compile(r"\b" + _MONTH_RE + r"\s*,?\s*(?:\d{4}|'\d{2})\b|\b\d{1,2}\s*/\s*\d{4}\b", re.I)


def all_dates(text: str) -> list[str]:
    """ISO forms of every valid date in `text`, in order, each distinct once."""
    found: list[tuple[int, str]] = []
    taken: list[tuple[int, int]] = []
    for pattern, kind in _PATTERNS:
        for m in pattern.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            iso = _from_match(m, kind)
            taken.append((m.start(), m.end()))
            if iso is not None:
                found.append((m.start(), iso))
    out: list[str] = []
    for _, iso in sorted(found):
        if iso not in out:
            out.append(iso)
    return out


# "Fri 4 Dec", "Sunday 22 November", "4th Dec", "December 4th": a day and a month, no year (read only with the
# mail's own date to take the year from). The whole answer is the date, so "4 Dec 20" or "4 Dec - 6 Dec" is not one.
_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_YEARLESS = re.compile(
    r"^\s*(?:(?P<dn>(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*)\.?,?\s+(?:the\s+)?)?(?:(?P<d1>\d{1,2})" + _ORD
    + r"(?:\s+of)?[\s\-–]+" + _MONTH_RE.replace("(jan", "(?P<m1>jan", 1)
    + r"|" + _MONTH_RE.replace("(jan", "(?P<m2>jan", 1) + r"\s+(?P<d2>\d{1,2})" + _ORD + r")\s*\.?\s*$",
    re.I,
)


def yearless_date(text: str, sent: str) -> str | None:
    """The day "Fri 4 Dec" names in a mail sent on `sent` (ISO): the nearest such day not after the mail (a form
    typed in early January about 28 December is last year's). A weekday that does not fall on that day leaves it
    unread: the writer meant another day or another year, and a wrong date is worse than none."""
    m = _YEARLESS.match(text)
    try:
        mail = dt.date.fromisoformat(sent)
    except ValueError:
        return None
    if m is None:
        return None
    day = int(m.group("d1") or m.group("d2"))
    month = _MONTHS[(m.group("m1") or m.group("m2")).lower()[:3]]
    for year in (mail.year, mail.year - 1):
        iso = _build(year, month, day)
        if iso is not None and dt.date.fromisoformat(iso) <= mail:
            named = m.group("dn")
            if named is not None and dt.date.fromisoformat(iso).weekday() != _DAYS.index(named.lower()[:3]):
                return None
            return iso
    return None


def read_date(text: str | None, sent: str | None = None) -> tuple[str | None, str | None]:
    """The one day a date field's answer names, and a warning when it is vague; never a guessed day.

    "w/c 2 March 2026" and "1-3 March 2026" -> (None, warning); "02/03/2026 approx" -> (date, warning);
    "Feb 2026" -> (None, warning): a month is not a day, and the first of it would be a wrong value.
    `sent`: the ISO date of the mail the answer came in; "Fri 4 Dec" then takes its year from it (yearless_date).
    """
    if not text or not text.strip():
        return None, None
    shown = re.sub(r"\s+", " ", text).strip()[:40]
    iso, raw = find_date(text)
    if _WEEK.search(text):
        return None, f"'{shown}' names a week, not a day: left blank"
    if _RANGE.search(text) or len(all_dates(text)) > 1:
        return None, f"'{shown}' holds more than one date: left blank"
    if iso is None and raw is None and sent is not None and (got := yearless_date(text, sent)) is not None:
        return got, f"'{shown}' has no year: taken as {got} from the mail's date"
    if iso is None:
        if raw is None and _MONTH_YEAR.search(text):
            return None, f"'{shown}' gives only a month and year: left blank"
        return None, f"could not read '{shown}' as a date"
    if _APPROX.search(text):
        return iso, f"'{shown}' is approximate: taken as {iso}"
    return iso, None


# A child safeguarding practice review is about a child: under 18 (Children Act 1989 s105) when the incident
# happened. csprbot's process does not cover care leavers (18-25), whose deaths are notified another way.
ADULT_AGE = 18


def eighteenth_birthday(born: dt.date) -> dt.date:
    """The day a person born on `born` turns 18 (born on 29 February: 1 March in a common year, as in English law)."""
    try:
        return born.replace(year=born.year + ADULT_AGE)
    except ValueError:
        return dt.date(born.year + ADULT_AGE, 3, 1)


def child_on(born: dt.date, day: dt.date) -> bool:
    """Under 18 on `day` (turning 18 the next day is still a child: the incident happened to a child)."""
    return day < eighteenth_birthday(born)
