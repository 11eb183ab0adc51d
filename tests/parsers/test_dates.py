"""UK dates to ISO: day first always, two-digit years pivot, impossible dates rejected."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from parsers.dates import find_date, parse_date, read_date


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("03/02/2026", "2026-02-03"),
        ("3/2/26", "2026-02-03"),
        ("3rd February 2026", "2026-02-03"),
        ("3 Feb 26", "2026-02-03"),
        ("03.02.2026", "2026-02-03"),
        ("2026-02-03", "2026-02-03"),
        ("Tuesday 3 February 2026", "2026-02-03"),
        ("on the 3rd of Sept 2025 at 14:00", "2025-09-03"),
        ("February 3rd, 2026", "2026-02-03"),
        ("12-01-1985", "1985-01-12"),
        ("12/05/91", "1991-05-12"),
    ],
)
def test_uk_forms(text: str, iso: str) -> None:
    assert parse_date(text) == iso


def test_never_us_order() -> None:
    assert parse_date("02/13/2026") is None  # month 13: not silently swapped
    assert parse_date("01/02/2026") == "2026-02-01"


def test_impossible_date_is_none_but_raw_is_kept() -> None:
    assert find_date("SUBMITTED 31/02/2026") == (None, "31/02/2026")


def test_no_date() -> None:
    assert find_date("not known") == (None, None)
    assert parse_date(None) is None


@given(st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2049, 12, 31)))
def test_round_trip_every_style(day: dt.date) -> None:
    for text in (day.strftime("%d/%m/%Y"), day.strftime("%d.%m.%Y"), day.strftime("%d %B %Y"),
                 day.strftime("%A %d %b %Y"), f"{day.day}/{day.month}/{day.strftime('%y')}", day.isoformat()):
        assert parse_date(text) == day.isoformat(), text


@pytest.mark.parametrize(
    ("text", "iso", "warning"),
    [
        ("02/03/2026", "2026-03-02", None),
        ("Fri 29 May 2026", "2026-05-29", None),
        ("05/02/2026 10:30", "2026-02-05", None),
        ("02/03/2026 approx", "2026-03-02", "approximate"),
        ("approximately 2nd March 2026", "2026-03-02", "approximate"),
        ("c. 02/03/2026", "2026-03-02", "approximate"),
        ("02/03/2026?", "2026-03-02", "approximate"),
        ("w/c 2 March 2026", None, "names a week"),
        ("Week commencing 02/03/2026", None, "names a week"),
        ("Feb 2026", None, "only a month and year"),
        ("February 2026", None, "only a month and year"),
        ("03/2026", None, "only a month and year"),
        ("1-3 March 2026", None, "more than one date"),
        ("between 1st and 3rd March 2026", None, "more than one date"),
        ("01/03/2026 or 02/03/2026", None, "more than one date"),
        ("31/02/2026", None, "could not read"),
        ("last Tuesday", None, "could not read"),
    ],
)
def test_read_date_prefers_blank_and_warning_to_a_guess(text: str, iso: str | None, warning: str | None) -> None:
    got, warned = read_date(text)
    assert got == iso
    assert (warned is None) if warning is None else (warned is not None and warning in warned)
