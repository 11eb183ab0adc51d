"""Working-day arithmetic (bot/workdays.py) checked against hand-written England-and-Wales calendars.

Every expected date below was worked out from a printed calendar (python -m calendar) and the gov.uk
bank-holiday lists, never from the implementation; the trace comment on each row shows the counting.
BANK_HOLIDAYS_ENG is typed in by hand and was cross-checked against the rules (Easter by the Gregorian
computus, first/last Mondays of May, last Monday of August, weekend substitutes, and the one-offs), so
it is an oracle independent of both bot.workdays and the holidays library.
"""

from __future__ import annotations

import inspect
import time as clock
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import holidays
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import bot.workdays as workdays
from bot.workdays import CLOSURE_DAY_NAME, WorkCalendar, expand_closures

LON = ZoneInfo("Europe/London")
D = date  # short alias for the tables
ONE_DAY = timedelta(days=1)

# England-and-Wales bank holidays that fall on a weekday (substitute days included), late 2017 to
# early 2031 so that counting 20 WD either side of any day of 2018–2030 stays inside the list.
_BH_TEXT = {
    2017: "12-25 12-26",
    2018: "01-01 03-30 04-02 05-07 05-28 08-27 12-25 12-26",
    2019: "01-01 04-19 04-22 05-06 05-27 08-26 12-25 12-26",
    2020: "01-01 04-10 04-13 05-08 05-25 08-31 12-25 12-28",  # early May moved to Fri 8 May (VE Day)
    2021: "01-01 04-02 04-05 05-03 05-31 08-30 12-27 12-28",  # Christmas Sat, Boxing Sun: Mon + Tue
    2022: "01-03 04-15 04-18 05-02 06-02 06-03 08-29 09-19 12-26 12-27",  # jubilee, funeral, Xmas Sun
    2023: "01-02 04-07 04-10 05-01 05-08 05-29 08-28 12-25 12-26",  # coronation Mon 8 May
    2024: "01-01 03-29 04-01 05-06 05-27 08-26 12-25 12-26",
    2025: "01-01 04-18 04-21 05-05 05-26 08-25 12-25 12-26",
    2026: "01-01 04-03 04-06 05-04 05-25 08-31 12-25 12-28",  # Boxing Day Sat: Mon 28 Dec
    2027: "01-01 03-26 03-29 05-03 05-31 08-30 12-27 12-28",  # Christmas Sat, Boxing Sun: Mon + Tue
    2028: "01-03 04-14 04-17 05-01 05-29 08-28 12-25 12-26",
    2029: "01-01 03-30 04-02 05-07 05-28 08-27 12-25 12-26",
    2030: "01-01 04-19 04-22 05-06 05-27 08-26 12-25 12-26",
    2031: "01-01",
}
BANK_HOLIDAYS_ENG: frozenset[date] = frozenset(
    D(y, int(md[:2]), int(md[3:])) for y, text in _BH_TEXT.items() for md in text.split()
)
# No bank holidays between the Summer one (Aug) and Christmas, nor between New Year and Good Friday.
ORACLE_FIRST, ORACLE_LAST = D(2017, 9, 1), D(2031, 3, 31)  # Good Friday 2031 is 11 April
SPAN_FIRST, SPAN_LAST = D(2018, 1, 1), D(2030, 12, 31)

CHRISTMAS_2026_CLOSURE = expand_closures([(D(2026, 12, 28), D(2026, 12, 31))])


def days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


def oracle_is_wd(d: date, closures: frozenset[date] = frozenset()) -> bool:
    assert ORACLE_FIRST <= d <= ORACLE_LAST, f"{d} outside the hand-written list"
    return d.weekday() < 5 and d not in BANK_HOLIDAYS_ENG and d not in closures


@pytest.fixture(scope="module")
def cal() -> WorkCalendar:
    return WorkCalendar()


@pytest.fixture(scope="module")
def closure_cal() -> WorkCalendar:
    return WorkCalendar(closure_days=CHRISTMAS_2026_CLOSURE)


# ----- which days are working days ---------------------------------------------------------------


def test_hand_list_is_all_weekdays() -> None:
    # Guards the oracle itself: a typo that lands on a weekend would silently test nothing.
    assert all(d.weekday() < 5 for d in BANK_HOLIDAYS_ENG)
    # 8 a year, except 2022 (10: Spring BH moved to Thu 2 June, plus the jubilee and the funeral) and
    # 2023 (9: the coronation); plus 2 in late 2017 and 1 in early 2031.
    per_year = {y: sum(1 for d in BANK_HOLIDAYS_ENG if d.year == y) for y in range(2018, 2031)}
    assert per_year == {y: {2022: 10, 2023: 9}.get(y, 8) for y in range(2018, 2031)}
    assert len(BANK_HOLIDAYS_ENG) == 2 + 13 * 8 + 2 + 1 + 1


def test_every_day_2018_to_2030_matches_hand_list(cal: WorkCalendar) -> None:
    wrong = [d for d in days(ORACLE_FIRST, ORACLE_LAST) if cal.is_working_day(d) != oracle_is_wd(d)]
    assert wrong == []


def test_wales_matches_england(cal: WorkCalendar) -> None:
    wales = WorkCalendar(region="WLS")
    assert [d for d in days(SPAN_FIRST, SPAN_LAST) if wales.is_working_day(d) != cal.is_working_day(d)] == []


@pytest.mark.parametrize(
    ("d", "working"),
    [
        (D(2026, 4, 3), False),  # Good Friday 2026
        (D(2026, 4, 6), False),  # Easter Monday 2026
        (D(2026, 4, 2), True),  # Maundy Thursday is a normal day
        (D(2021, 12, 24), True),  # Christmas Eve is a normal day
        (D(2021, 12, 27), False),  # substitute for Christmas Day (Sat 25th)
        (D(2021, 12, 28), False),  # substitute for Boxing Day (Sun 26th)
        (D(2021, 12, 29), True),
        (D(2022, 12, 26), False),  # Boxing Day on a Monday
        (D(2022, 12, 27), False),  # substitute for Christmas Day (Sun 25th)
        (D(2027, 12, 27), False),
        (D(2027, 12, 28), False),
        (D(2028, 1, 3), False),  # New Year's Day 2028 is a Saturday
        (D(2020, 5, 4), True),  # the first Monday of May 2020 was NOT a bank holiday...
        (D(2020, 5, 8), False),  # ...it moved to Friday 8 May for VE Day
        (D(2022, 5, 30), True),  # last Monday of May 2022 was NOT a bank holiday...
        (D(2022, 6, 2), False),  # ...Spring bank holiday moved to Thu 2 June
        (D(2022, 6, 3), False),  # Platinum Jubilee
        (D(2022, 9, 19), False),  # State funeral of Queen Elizabeth II
        (D(2023, 5, 8), False),  # Coronation of King Charles III
        (D(2023, 5, 1), False),  # and the normal early May bank holiday the week before
        (D(2026, 3, 7), False),  # Saturday
        (D(2026, 3, 8), False),  # Sunday
    ],
)
def test_is_working_day_landmarks(cal: WorkCalendar, d: date, working: bool) -> None:
    assert cal.is_working_day(d) is working


def test_is_holiday_names(cal: WorkCalendar, closure_cal: WorkCalendar) -> None:
    # Names come from the holidays library; pin only the stable words, not exact spellings.
    assert cal.is_holiday(D(2026, 4, 3)) == "Good Friday"
    assert cal.is_holiday(D(2026, 4, 6)) == "Easter Monday"
    assert "Coronation" in (cal.is_holiday(D(2023, 5, 8)) or "")
    assert "Funeral" in (cal.is_holiday(D(2022, 9, 19)) or "")
    assert "Jubilee" in (cal.is_holiday(D(2022, 6, 3)) or "")
    assert cal.is_holiday(D(2020, 5, 8)) is not None
    assert cal.is_holiday(D(2020, 5, 4)) is None
    assert cal.is_holiday(D(2022, 5, 30)) is None
    assert "Boxing Day" in (cal.is_holiday(D(2026, 12, 28)) or "")
    # The library also names the real date of a holiday that falls at a weekend.
    assert cal.is_holiday(D(2021, 12, 25)) is not None
    assert cal.is_holiday(D(2026, 3, 7)) is None  # an ordinary Saturday
    assert cal.is_holiday(D(2026, 3, 9)) is None  # an ordinary Monday
    # A closure day is named as such; a bank holiday inside a closure keeps its own name.
    assert closure_cal.is_holiday(D(2026, 12, 29)) == CLOSURE_DAY_NAME
    assert closure_cal.is_holiday(D(2026, 12, 31)) == CLOSURE_DAY_NAME
    assert "Boxing Day" in (closure_cal.is_holiday(D(2026, 12, 28)) or "")
    assert cal.is_holiday(D(2026, 12, 29)) is None


def test_closure_reasons_from_mapping() -> None:
    c = WorkCalendar(closure_days={D(2026, 12, 29): "Council Christmas closure"})
    assert c.is_holiday(D(2026, 12, 29)) == "Council Christmas closure"
    assert not c.is_working_day(D(2026, 12, 29))
    assert c.is_working_day(D(2026, 12, 30))


# ----- hand-checked due dates ---------------------------------------------------------------------

HAND_TABLE: list[tuple[date, int, date, str]] = [
    # Easter 2026: Good Friday 3 Apr, Easter Monday 6 Apr.
    (D(2026, 4, 2), 1, D(2026, 4, 7), "Thu; Fri 3 GF, Sat, Sun, Mon 6 EM -> Tue 7"),
    (D(2026, 4, 2), 3, D(2026, 4, 9), "Tue 7, Wed 8, Thu 9"),
    (D(2026, 4, 2), 5, D(2026, 4, 13), "Tue 7, Wed 8, Thu 9, Fri 10, Mon 13"),
    (D(2026, 4, 2), 10, D(2026, 4, 20), "...Mon 13 (5), 14, 15, 16, 17, Mon 20 (10)"),
    (D(2026, 4, 2), 15, D(2026, 4, 27), "...Mon 20 (10), 21, 22, 23, 24, Mon 27 (15)"),
    (D(2026, 4, 1), 5, D(2026, 4, 10), "Thu 2, Tue 7, Wed 8, Thu 9, Fri 10"),
    (D(2026, 4, 3), 0, D(2026, 4, 7), "anchor is Good Friday: day 0 rolls to Tue 7"),
    (D(2026, 4, 3), 1, D(2026, 4, 7), "anchor Good Friday, first WD after it"),
    (D(2026, 4, 5), 5, D(2026, 4, 13), "Easter Sunday anchor: Tue 7 .. Mon 13"),
    # Other Easters, including one straddling March/April in a leap year.
    (D(2018, 3, 29), 1, D(2018, 4, 3), "Thu; GF 30 Mar, EM 2 Apr -> Tue 3 Apr"),
    (D(2019, 4, 18), 1, D(2019, 4, 23), "Thu; GF 19, EM 22 -> Tue 23"),
    (D(2024, 3, 28), 1, D(2024, 4, 2), "Thu; GF 29 Mar, EM 1 Apr -> Tue 2 Apr"),
    (D(2024, 3, 28), 5, D(2024, 4, 8), "Tue 2, Wed 3, Thu 4, Fri 5, Mon 8"),
    (D(2027, 3, 25), 1, D(2027, 3, 30), "Thu; GF 26, EM 29 -> Tue 30"),
    (D(2030, 4, 18), 1, D(2030, 4, 23), "Thu; GF 19, EM 22 -> Tue 23"),
    # Christmas and New Year substitute days.
    (D(2018, 12, 24), 1, D(2018, 12, 27), "Mon; Tue 25, Wed 26 -> Thu 27"),
    (D(2020, 12, 24), 1, D(2020, 12, 29), "Thu; Fri 25, Sat 26, Sun, Mon 28 substitute -> Tue 29"),
    (D(2021, 12, 23), 1, D(2021, 12, 24), "Christmas Eve is a working day"),
    (D(2021, 12, 24), 1, D(2021, 12, 29), "Fri; Sat, Sun, Mon 27 + Tue 28 substitutes -> Wed 29"),
    (D(2021, 12, 23), 5, D(2022, 1, 4), "Fri 24, Wed 29, Thu 30, Fri 31, (Mon 3 Jan NY sub), Tue 4"),
    (D(2022, 12, 23), 1, D(2022, 12, 28), "Fri; Sun 25, Mon 26 Boxing, Tue 27 Xmas sub -> Wed 28"),
    (D(2022, 12, 23), 5, D(2023, 1, 4), "Wed 28, Thu 29, Fri 30, (Mon 2 Jan NY sub), Tue 3, Wed 4"),
    (D(2023, 12, 22), 1, D(2023, 12, 27), "Fri; Mon 25, Tue 26 -> Wed 27"),
    (D(2026, 12, 24), 1, D(2026, 12, 29), "Thu; Fri 25, Sat 26, Sun, Mon 28 substitute -> Tue 29"),
    (D(2026, 12, 23), 2, D(2026, 12, 29), "Thu 24, Tue 29"),
    (D(2026, 12, 23), 5, D(2027, 1, 4), "Thu 24, Tue 29, Wed 30, Thu 31, (Fri 1 Jan), Mon 4 Jan"),
    (D(2027, 12, 24), 1, D(2027, 12, 29), "Fri; Mon 27 + Tue 28 substitutes -> Wed 29"),
    (D(2027, 12, 24), 5, D(2028, 1, 5), "Wed 29, Thu 30, Fri 31, (Mon 3 Jan NY sub), Tue 4, Wed 5"),
    # One-off holidays.
    (D(2020, 5, 1), 1, D(2020, 5, 4), "Fri; Mon 4 May 2020 was a working day"),
    (D(2020, 5, 7), 1, D(2020, 5, 11), "Thu; Fri 8 VE Day -> Mon 11"),
    (D(2020, 5, 1), 5, D(2020, 5, 11), "Mon 4, Tue 5, Wed 6, Thu 7, (Fri 8), Mon 11"),
    (D(2022, 5, 27), 1, D(2022, 5, 30), "Fri; Mon 30 May 2022 was a working day"),
    (D(2022, 6, 1), 1, D(2022, 6, 6), "Wed; Thu 2 Spring BH, Fri 3 jubilee -> Mon 6"),
    (D(2022, 5, 27), 5, D(2022, 6, 7), "Mon 30, Tue 31, Wed 1, (Thu 2, Fri 3), Mon 6, Tue 7"),
    (D(2022, 9, 16), 1, D(2022, 9, 20), "Fri; Mon 19 funeral -> Tue 20"),
    (D(2022, 9, 16), 5, D(2022, 9, 26), "Tue 20, Wed 21, Thu 22, Fri 23, Mon 26"),
    (D(2023, 4, 28), 1, D(2023, 5, 2), "Fri; Mon 1 May BH -> Tue 2"),
    (D(2023, 4, 28), 5, D(2023, 5, 9), "Tue 2, Wed 3, Thu 4, Fri 5, (Mon 8 coronation), Tue 9"),
    (D(2023, 4, 28), 10, D(2023, 5, 16), "...Tue 9 (5), Wed 10, Thu 11, Fri 12, Mon 15, Tue 16"),
    (D(2023, 5, 5), 1, D(2023, 5, 9), "Fri; Mon 8 coronation -> Tue 9"),
    # Ordinary weeks and the statutory lengths.
    (D(2026, 3, 4), 5, D(2026, 3, 11), "Wed -> next Wed"),
    (D(2026, 3, 6), 1, D(2026, 3, 9), "Fri -> Mon"),
    (D(2026, 3, 9), 0, D(2026, 3, 9), "a working-day anchor is its own day 0"),
    (D(2026, 3, 7), 0, D(2026, 3, 9), "Saturday anchor: day 0 rolls to Monday"),
    (D(2026, 3, 7), 1, D(2026, 3, 9), "Saturday anchor: first WD after is Monday"),
    (D(2026, 3, 7), 5, D(2026, 3, 13), "Saturday anchor: Mon 9 .. Fri 13"),
    (D(2026, 5, 18), 10, D(2026, 6, 2), "19,20,21,22,(25 BH),26,27,28,29, Mon 1 Jun, Tue 2 Jun"),
    (D(2026, 8, 17), 15, D(2026, 9, 8), "18..21 (4), 24..28 (9), (31 BH), 1..4 Sep (13), 7, Tue 8 Sep"),
    # Negative offsets: chasers before the due date.
    (D(2026, 4, 13), -1, D(2026, 4, 10), "Mon -> Fri"),
    (D(2026, 4, 13), -2, D(2026, 4, 9), "Mon -> Fri 10, Thu 9"),
    (D(2026, 4, 7), -1, D(2026, 4, 2), "Tue after Easter -> (Mon 6 EM, Fri 3 GF) Thu 2"),
    (D(2026, 4, 7), -2, D(2026, 4, 1), "-> Thu 2, Wed 1"),
    (D(2026, 4, 4), -1, D(2026, 4, 2), "Saturday anchor: last WD before is Thu 2 (Fri 3 is GF)"),
    (D(2026, 4, 6), -1, D(2026, 4, 2), "Easter Monday anchor"),
    (D(2022, 1, 4), -1, D(2021, 12, 31), "Tue 4 Jan -> (Mon 3 sub) Fri 31 Dec"),
    (D(2022, 1, 4), -2, D(2021, 12, 30), "-> Fri 31, Thu 30"),
    (D(2021, 12, 29), -1, D(2021, 12, 24), "Wed 29 -> (Tue 28, Mon 27 subs) Fri 24"),
    (D(2020, 5, 11), -1, D(2020, 5, 7), "Mon 11 -> (Fri 8 VE) Thu 7"),
    (D(2022, 6, 6), -2, D(2022, 5, 31), "Mon 6 -> (Fri 3, Thu 2) Wed 1, Tue 31 May"),
    (D(2023, 5, 9), -1, D(2023, 5, 5), "Tue 9 -> (Mon 8 coronation) Fri 5"),
]


@pytest.mark.parametrize(("anchor", "n", "due", "why"), HAND_TABLE)
def test_hand_checked_due_dates(cal: WorkCalendar, anchor: date, n: int, due: date, why: str) -> None:
    assert cal.add_working_days(anchor, n) == due, why
    # The table's own consistency with the oracle: the due date is a working day.
    assert oracle_is_wd(due), why


CLOSURE_TABLE: list[tuple[date, int, date, str]] = [
    # Closure Tue 29 - Thu 31 Dec 2026 on top of Fri 25 (Xmas), Mon 28 (Boxing sub), Fri 1 Jan.
    (D(2026, 12, 23), 1, D(2026, 12, 24), "Wed -> Thu 24"),
    (D(2026, 12, 23), 2, D(2027, 1, 4), "Thu 24, then nothing until Mon 4 Jan"),
    (D(2026, 12, 23), 5, D(2027, 1, 7), "Thu 24, Mon 4, Tue 5, Wed 6, Thu 7"),
    (D(2026, 12, 24), 1, D(2027, 1, 4), "Thu 24 -> Mon 4 Jan"),
    (D(2026, 12, 18), 10, D(2027, 1, 11), "21,22,23,24, Jan 4,5,6,7,8, Mon 11"),
    (D(2026, 12, 29), 0, D(2027, 1, 4), "a closure-day anchor rolls to Mon 4 Jan"),
    (D(2027, 1, 4), -1, D(2026, 12, 24), "chaser 1 WD before Mon 4 Jan"),
    (D(2027, 1, 4), -2, D(2026, 12, 23), "chaser 2 WD before Mon 4 Jan"),
]


@pytest.mark.parametrize(("anchor", "n", "due", "why"), CLOSURE_TABLE)
def test_closure_week_pushes_due_dates(
    closure_cal: WorkCalendar, anchor: date, n: int, due: date, why: str
) -> None:
    assert closure_cal.add_working_days(anchor, n) == due, why


def test_closure_week_compared_with_no_closure(cal: WorkCalendar, closure_cal: WorkCalendar) -> None:
    assert cal.add_working_days(D(2026, 12, 18), 10) == D(2027, 1, 6)  # 21..24, 29, 30, 31, Jan 4, 5, 6
    assert closure_cal.add_working_days(D(2026, 12, 18), 10) == D(2027, 1, 11)
    assert cal.working_days_between(D(2026, 12, 23), D(2027, 1, 4)) == 5  # 24, 29, 30, 31, Jan 4
    assert closure_cal.working_days_between(D(2026, 12, 23), D(2027, 1, 4)) == 2  # 24, Jan 4
    assert closure_cal.working_days_in(D(2026, 12, 21), D(2027, 1, 8)) == [
        D(2026, 12, 21), D(2026, 12, 22), D(2026, 12, 23), D(2026, 12, 24),
        D(2027, 1, 4), D(2027, 1, 5), D(2027, 1, 6), D(2027, 1, 7), D(2027, 1, 8),
    ]  # fmt: skip
    assert closure_cal.closure_days == frozenset(
        {D(2026, 12, 28), D(2026, 12, 29), D(2026, 12, 30), D(2026, 12, 31)}
    )


# ----- counting -----------------------------------------------------------------------------------


def test_working_days_between(cal: WorkCalendar) -> None:
    assert cal.working_days_between(D(2026, 4, 2), D(2026, 4, 13)) == 5
    assert cal.working_days_between(D(2026, 4, 13), D(2026, 4, 2)) == -5
    assert cal.working_days_between(D(2026, 4, 2), D(2026, 4, 2)) == 0
    assert cal.working_days_between(D(2026, 4, 2), D(2026, 4, 6)) == 0  # GF, Sat, Sun, EM
    assert cal.working_days_between(D(2026, 4, 4), D(2026, 4, 7)) == 1  # Sat -> Tue: only Tue
    assert cal.working_days_between(D(2026, 3, 6), D(2026, 3, 9)) == 1  # Fri -> Mon
    assert cal.working_days_between(D(2021, 12, 23), D(2022, 1, 4)) == 5
    # A whole ordinary year: 2026 has 261 weekdays and 8 weekday bank holidays.
    assert cal.working_days_between(D(2025, 12, 31), D(2026, 12, 31)) == 261 - 8


def test_working_days_in(cal: WorkCalendar) -> None:
    assert cal.working_days_in(D(2026, 4, 1), D(2026, 4, 10)) == [
        D(2026, 4, 1), D(2026, 4, 2), D(2026, 4, 7), D(2026, 4, 8), D(2026, 4, 9), D(2026, 4, 10),
    ]  # fmt: skip
    assert cal.working_days_in(D(2026, 4, 3), D(2026, 4, 6)) == []  # GF .. EM
    assert cal.working_days_in(D(2026, 4, 10), D(2026, 4, 1)) == []  # reversed
    assert cal.working_days_in(D(2026, 4, 2), D(2026, 4, 2)) == [D(2026, 4, 2)]  # both ends inclusive


def test_working_days_in_agrees_with_oracle_and_between(cal: WorkCalendar) -> None:
    got = cal.working_days_in(SPAN_FIRST, SPAN_LAST)
    assert got == [d for d in days(SPAN_FIRST, SPAN_LAST) if oracle_is_wd(d)]
    # (start, end] has exactly working_days_between(start, end) working days.
    for start in days(D(2026, 3, 20), D(2026, 4, 15)):
        for end in days(start, start + timedelta(days=30)):
            assert len(cal.working_days_in(start + ONE_DAY, end)) == cal.working_days_between(start, end)


def test_add_matches_oracle_for_every_anchor_2018_to_2030(cal: WorkCalendar) -> None:
    # Reference by plain day-stepping over the hand-written list: for each anchor walk 20 WDs forward
    # and 20 back, and compare every offset in -20..20.
    mismatches = []
    for anchor in days(SPAN_FIRST, SPAN_LAST):
        fwd: list[date] = []
        d = anchor
        while len(fwd) < 20:
            d += ONE_DAY
            if oracle_is_wd(d):
                fwd.append(d)
        back: list[date] = []
        d = anchor
        while len(back) < 20:
            d -= ONE_DAY
            if oracle_is_wd(d):
                back.append(d)
        expected = {0: anchor if oracle_is_wd(anchor) else fwd[0]}
        expected.update({n: fwd[n - 1] for n in range(1, 21)})
        expected.update({-n: back[n - 1] for n in range(1, 21)})
        for n, want in expected.items():
            if cal.add_working_days(anchor, n) != want:
                mismatches.append((anchor, n, want))
    assert mismatches == []


@pytest.mark.parametrize("with_closure", [False, True])
def test_round_trip_all_anchors_2018_to_2030(
    cal: WorkCalendar, closure_cal: WorkCalendar, with_closure: bool
) -> None:
    c = closure_cal if with_closure else cal
    bad: list[tuple[object, ...]] = []
    for a in days(SPAN_FIRST, SPAN_LAST):
        a_is_wd = c.is_working_day(a)
        for n in range(21):
            b = c.add_working_days(a, n)
            if not c.is_working_day(b) or b < a:
                bad.append((a, n, b, "not a WD / before anchor"))
            # The documented contract: exact for n >= 1; for n == 0 only when the anchor is a WD,
            # because a non-WD anchor's day 0 and day 1 are the same day (it rolls forward).
            want = n if (n >= 1 or a_is_wd) else 1
            if c.working_days_between(a, b) != want:
                bad.append((a, n, b, "between"))
            if a_is_wd and n >= 1 and c.add_working_days(b, -n) != a:
                bad.append((a, n, b, "add(-n) does not come back"))
        if not a_is_wd and c.add_working_days(a, 0) != c.add_working_days(a, 1):
            bad.append((a, 0, None, "non-WD day 0 != day 1"))
    assert bad == []


@settings(max_examples=300, deadline=None)
@given(
    anchor=st.dates(min_value=D(1990, 1, 1), max_value=D(2100, 12, 31)),
    n=st.integers(min_value=-400, max_value=400),
)
def test_round_trip_property_wide(anchor: date, n: int) -> None:
    c = _WIDE
    b = c.add_working_days(anchor, n)
    assert c.is_working_day(b)
    # Counting from a non-WD anchor is one short on the way back (the anchor itself is not counted).
    adjust = 0 if c.is_working_day(anchor) else 1
    if n >= 1:
        assert b > anchor
        assert c.working_days_between(anchor, b) == n
    elif n == 0:
        assert b >= anchor
        assert c.working_days_between(anchor, b) == adjust
    else:
        assert b < anchor
        assert c.working_days_between(anchor, b) == n + adjust


_WIDE = WorkCalendar(years=range(2026, 2027))  # exercises lazy loading in both directions


# ----- cut-off and effective date -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("at", "expected"),
    [
        (datetime(2026, 3, 6, 16, 59, tzinfo=LON), D(2026, 3, 6)),  # Friday before cut-off
        (datetime(2026, 3, 6, 16, 59, 59, 999999, tzinfo=LON), D(2026, 3, 6)),
        (datetime(2026, 3, 6, 17, 0, tzinfo=LON), D(2026, 3, 6)),  # at the cut-off is not after it (round 18, B3)
        (datetime(2026, 3, 6, 17, 0, 0, 1, tzinfo=LON), D(2026, 3, 9)),  # a microsecond after -> Monday
        (datetime(2026, 3, 6, 17, 0, 1, tzinfo=LON), D(2026, 3, 9)),
        (datetime(2026, 3, 6, 23, 30, tzinfo=LON), D(2026, 3, 9)),
        (datetime(2026, 3, 7, 10, 0, tzinfo=LON), D(2026, 3, 9)),  # Saturday -> Monday
        (datetime(2026, 3, 8, 23, 59, tzinfo=LON), D(2026, 3, 9)),  # Sunday night -> Monday
        (datetime(2026, 3, 9, 0, 0, tzinfo=LON), D(2026, 3, 9)),  # Monday midnight is Monday
        (datetime(2026, 5, 22, 16, 59, tzinfo=LON), D(2026, 5, 22)),  # Fri before Spring BH Mon 25
        (datetime(2026, 5, 22, 17, 0, tzinfo=LON), D(2026, 5, 22)),
        (datetime(2026, 5, 22, 17, 0, 0, 500000, tzinfo=LON), D(2026, 5, 26)),  # -> Tuesday
        (datetime(2026, 5, 22, 23, 30, tzinfo=LON), D(2026, 5, 26)),
        (datetime(2026, 5, 25, 10, 0, tzinfo=LON), D(2026, 5, 26)),  # on the bank holiday itself
        (datetime(2026, 8, 28, 17, 30, tzinfo=LON), D(2026, 9, 1)),  # Fri before Mon 31 Aug BH
        (datetime(2026, 4, 2, 9, 0, tzinfo=LON), D(2026, 4, 2)),  # Maundy Thursday morning
        (datetime(2026, 4, 2, 17, 5, tzinfo=LON), D(2026, 4, 7)),  # -> past GF and EM to Tue 7
        (datetime(2020, 5, 7, 17, 1, tzinfo=LON), D(2020, 5, 11)),  # Thu before VE-day Friday
        # Instants given in UTC are judged in local (BST) time.
        (datetime(2026, 6, 12, 15, 59, tzinfo=UTC), D(2026, 6, 12)),  # 16:59 BST Friday
        (datetime(2026, 6, 12, 16, 30, tzinfo=UTC), D(2026, 6, 15)),  # 17:30 BST Friday -> Monday
        (datetime(2026, 6, 11, 23, 30, tzinfo=UTC), D(2026, 6, 12)),  # 00:30 BST Friday
        (datetime(2026, 6, 12, 23, 30, tzinfo=UTC), D(2026, 6, 15)),  # 00:30 BST Saturday
    ],
)
def test_effective_date_cutoff(cal: WorkCalendar, at: datetime, expected: date) -> None:
    assert cal.effective_date(at) == expected


def test_effective_date_custom_cutoff_and_closure(closure_cal: WorkCalendar) -> None:
    early = WorkCalendar(cutoff=time(16, 0))
    assert early.effective_date(datetime(2026, 3, 6, 15, 59, tzinfo=LON)) == D(2026, 3, 6)
    assert early.effective_date(datetime(2026, 3, 6, 16, 0, tzinfo=LON)) == D(2026, 3, 6)
    assert early.effective_date(datetime(2026, 3, 6, 16, 0, 1, tzinfo=LON)) == D(2026, 3, 9)
    assert closure_cal.effective_date(datetime(2026, 12, 24, 17, 1, tzinfo=LON)) == D(2027, 1, 4)
    assert closure_cal.effective_date(datetime(2026, 12, 30, 9, 0, tzinfo=LON)) == D(2027, 1, 4)


def test_naive_datetimes_are_rejected(cal: WorkCalendar) -> None:
    with pytest.raises(ValueError, match="naive"):
        cal.effective_date(datetime(2026, 3, 6, 12, 0))
    with pytest.raises(ValueError, match="naive"):
        cal.next_working_morning(datetime(2026, 3, 6, 12, 0))


# ----- next working morning, across DST ----------------------------------------------------------

H1 = timedelta(hours=1)


@pytest.mark.parametrize(
    ("at", "expected_utc", "offset"),
    [
        # Spring forward Sun 29 Mar 2026: Fri evening GMT -> Mon 09:00 BST = 08:00 UTC.
        (datetime(2026, 3, 27, 18, 0, tzinfo=LON), datetime(2026, 3, 30, 8, 0, tzinfo=UTC), H1),
        (datetime(2026, 3, 29, 0, 30, tzinfo=UTC), datetime(2026, 3, 30, 8, 0, tzinfo=UTC), H1),
        (datetime(2026, 3, 27, 23, 30, tzinfo=UTC), datetime(2026, 3, 30, 8, 0, tzinfo=UTC), H1),
        # Fall back Sun 25 Oct 2026: Fri evening BST -> Mon 09:00 GMT = 09:00 UTC.
        (datetime(2026, 10, 23, 18, 0, tzinfo=LON), datetime(2026, 10, 26, 9, 0, tzinfo=UTC), timedelta(0)),
        (datetime(2026, 10, 25, 1, 30, tzinfo=LON), datetime(2026, 10, 26, 9, 0, tzinfo=UTC), timedelta(0)),
        # 2025: spring forward Sun 30 Mar, fall back Sun 26 Oct.
        (datetime(2025, 3, 28, 17, 0, tzinfo=LON), datetime(2025, 3, 31, 8, 0, tzinfo=UTC), H1),
        (datetime(2025, 10, 24, 17, 0, tzinfo=LON), datetime(2025, 10, 27, 9, 0, tzinfo=UTC), timedelta(0)),
        # Same day if before 09:00 local on a working day; strictly after, so 09:00 itself -> next WD.
        (datetime(2026, 3, 30, 7, 0, tzinfo=UTC), datetime(2026, 3, 30, 8, 0, tzinfo=UTC), H1),
        (datetime(2026, 3, 30, 7, 59, 59, tzinfo=UTC), datetime(2026, 3, 30, 8, 0, tzinfo=UTC), H1),
        (datetime(2026, 3, 30, 8, 0, tzinfo=UTC), datetime(2026, 3, 31, 8, 0, tzinfo=UTC), H1),
        (datetime(2026, 10, 23, 7, 59, tzinfo=UTC), datetime(2026, 10, 23, 8, 0, tzinfo=UTC), H1),
        (datetime(2026, 10, 23, 8, 0, tzinfo=UTC), datetime(2026, 10, 26, 9, 0, tzinfo=UTC), timedelta(0)),
        # Bank holidays are skipped: Maundy Thursday mid-morning -> Tue 7 April.
        (datetime(2026, 4, 2, 10, 0, tzinfo=LON), datetime(2026, 4, 7, 8, 0, tzinfo=UTC), H1),
        (datetime(2026, 12, 24, 10, 0, tzinfo=LON), datetime(2026, 12, 29, 9, 0, tzinfo=UTC), timedelta(0)),
    ],
)
def test_next_working_morning(
    cal: WorkCalendar, at: datetime, expected_utc: datetime, offset: timedelta
) -> None:
    got = cal.next_working_morning(at)
    assert got == expected_utc
    assert got.utcoffset() == offset
    assert got.tzinfo == LON
    assert (got.hour, got.minute) == (9, 0)


def test_next_working_morning_custom_hour_and_closure(closure_cal: WorkCalendar) -> None:
    got = closure_cal.next_working_morning(datetime(2026, 12, 24, 10, 0, tzinfo=LON), time(8, 30))
    assert got == datetime(2027, 1, 4, 8, 30, tzinfo=UTC)
    got = closure_cal.next_working_morning(datetime(2026, 12, 23, 18, 0, tzinfo=LON))
    assert got == datetime(2026, 12, 24, 9, 0, tzinfo=UTC)


def test_at_local(cal: WorkCalendar) -> None:
    summer = cal.at_local(D(2026, 7, 1), time(9, 0))
    assert summer == datetime(2026, 7, 1, 8, 0, tzinfo=UTC) and summer.tzinfo == LON
    winter = cal.at_local(D(2026, 1, 5), time(9, 0))
    assert winter == datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
    # 01:30 on Sun 29 Mar 2026 does not exist in London: it moves forward by the gap to 02:30 BST.
    gap = cal.at_local(D(2026, 3, 29), time(1, 30))
    assert gap == datetime(2026, 3, 29, 1, 30, tzinfo=UTC) and (gap.hour, gap.minute) == (2, 30)
    # 01:30 on Sun 25 Oct 2026 happens twice: the first (BST) unless fold=1 asks for the second.
    # (Compared in UTC: Python never finds a datetime in the fold == one in another zone, PEP 495.)
    first = cal.at_local(D(2026, 10, 25), time(1, 30))
    assert first.astimezone(UTC) == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)
    second = cal.at_local(D(2026, 10, 25), time(1, 30, fold=1))
    assert second.astimezone(UTC) == datetime(2026, 10, 25, 1, 30, tzinfo=UTC)
    with pytest.raises(ValueError):
        cal.at_local(D(2026, 7, 1), time(9, 0, tzinfo=UTC))


# ----- other regions, configuration and inputs ---------------------------------------------------


def test_other_regions() -> None:
    sct = WorkCalendar(region="SCT")
    assert not sct.is_working_day(D(2026, 1, 2))  # 2 January is a Scottish bank holiday
    assert sct.is_working_day(D(2026, 4, 6))  # Easter Monday is not
    assert not sct.is_working_day(D(2026, 8, 3))  # first Monday of August
    assert sct.is_working_day(D(2026, 8, 31))  # not the last
    assert not sct.is_working_day(D(2026, 11, 30))  # St Andrew's Day, a Monday in 2026
    nir = WorkCalendar(region="NIR")
    assert not nir.is_working_day(D(2026, 3, 17))  # St Patrick's Day
    assert not nir.is_working_day(D(2026, 7, 13))  # Battle of the Boyne (12th is a Sunday)
    assert not nir.is_working_day(D(2026, 4, 6))  # Easter Monday
    assert WorkCalendar(region="eng").region == "ENG"


@pytest.mark.parametrize(
    "kwargs",
    [
        {"region": "GB"},
        {"region": "UK"},
        {"tz": "Europe/Nowhere"},
        {"cutoff": time(17, 0, tzinfo=UTC)},
        {"years": range(2026, 2026)},
    ],
)
def test_bad_configuration_is_rejected(kwargs: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        WorkCalendar(**kwargs)  # type: ignore[arg-type]


def test_datetimes_are_not_dates(cal: WorkCalendar) -> None:
    now = datetime(2026, 3, 6, 12, 0, tzinfo=UTC)
    with pytest.raises(TypeError):
        cal.add_working_days(now, 1)
    with pytest.raises(TypeError):
        cal.is_working_day(now)
    with pytest.raises(TypeError):
        WorkCalendar(closure_days=[now])


def test_expand_closures() -> None:
    got = expand_closures(
        [D(2026, 8, 14), (D(2026, 12, 29), D(2026, 12, 31)), (D(2027, 2, 1), D(2027, 2, 1))]
    )
    assert got == {D(2026, 8, 14), D(2026, 12, 29), D(2026, 12, 30), D(2026, 12, 31), D(2027, 2, 1)}
    # A range over a year end and a leap day.
    assert len(expand_closures([(D(2027, 12, 30), D(2028, 3, 1))])) == 2 + 31 + 29 + 1
    assert expand_closures([]) == set()
    with pytest.raises(ValueError):
        expand_closures([(D(2026, 12, 31), D(2026, 12, 29))])
    with pytest.raises(TypeError):
        expand_closures([datetime(2026, 12, 29, tzinfo=UTC)])


# ----- caching, laziness, purity, speed -----------------------------------------------------------


def test_lazy_years_agree_with_precomputed(cal: WorkCalendar) -> None:
    lazy = WorkCalendar(years=range(2026, 2027))
    assert lazy.add_working_days(D(2026, 12, 23), 5) == D(2027, 1, 4)  # needs 2027
    assert lazy.add_working_days(D(2026, 1, 5), -3) == D(2025, 12, 30)  # Fri 2, (Thu 1), Wed 31, Tue 30
    assert lazy.is_holiday(D(2040, 12, 25)) is not None
    assert lazy.working_days_between(D(2010, 1, 1), D(2045, 1, 1)) == cal.working_days_between(
        D(2010, 1, 1), D(2045, 1, 1)
    )
    differ = [
        d for d in days(D(2016, 1, 1), D(2037, 12, 31)) if lazy.is_working_day(d) != cal.is_working_day(d)
    ]
    assert differ == []
    # A long way past the loaded years in one step, both ways (about 8 years of working days).
    for n in (2000, -2000):
        fresh = WorkCalendar(years=range(2026, 2027))
        assert fresh.add_working_days(D(2026, 6, 1), n) == cal.add_working_days(D(2026, 6, 1), n)


def test_holidays_library_is_not_consulted_per_call(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[object] = []
    real = holidays.country_holidays

    def counting(*args: object, **kwargs: object) -> object:
        calls.append((args, kwargs))
        return real(*args, **kwargs)  # type: ignore[arg-type]

    # bot.workdays looks the function up on the module at each load, so patching the module counts them.
    monkeypatch.setattr(holidays, "country_holidays", counting)
    c = WorkCalendar(years=range(2026, 2027))
    assert len(calls) == 1
    for i in range(2000):
        c.add_working_days(D(2026, 1, 1) + timedelta(days=i % 300), i % 40)
        c.is_working_day(D(2026, 1, 1) + timedelta(days=i % 365))
    assert len(calls) == 1
    c.add_working_days(D(2026, 12, 30), 5)  # reaches into 2027: one more load...
    assert len(calls) == 2
    for _ in range(100):
        c.add_working_days(D(2026, 12, 30), 5)  # ...and only one
    assert len(calls) == 2


def test_add_working_days_is_cheap(cal: WorkCalendar) -> None:
    # A clock sweep calls this ~100,000 times; it must be bisection, not day-stepping. The bound is
    # ~20x what it takes on a slow machine, so it only fails on an algorithmic regression.
    anchors = days(D(2026, 1, 1), D(2027, 12, 31))
    start = clock.perf_counter()
    for i in range(100_000):
        cal.add_working_days(anchors[i % len(anchors)], i % 300)
    assert clock.perf_counter() - start < 4.0


def test_module_is_pure() -> None:
    # No clock reads and no I/O: every "now" comes from the caller.
    src = inspect.getsource(workdays)
    for forbidden in ("today(", ".now(", "utcnow", "time.time", "open(", "perf_counter", "monotonic"):
        assert forbidden not in src, forbidden
