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
    (re.compile(r"\b(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4}|\d{2})\b"), "dmy"),
    (re.compile(_DAYNAME + r"\b(\d{1,2})" + _ORD + r"(?:\s+of)?[\s\-]+" + _MONTH_RE + r"[\s,\-]+(\d{4}|\d{2})\b", re.I),
     "d_mon_y"),
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
