"""Working-day arithmetic for the statutory clocks (DOMAIN.md, "The process and its clocks").

A working day (WD) is Monday to Friday, not a bank holiday of the configured UK region (England by
default: England-and-Wales bank holidays), and not a configured local closure day, in the partnership's
time zone (Europe/London by default). The anchor day is day 0; "within N WD" is due by the end of the Nth
working day after it; mail that arrives after the cut-off (default 17:00 local), that is strictly later than
17:00:00.000000, counts from the next working day (17:00:00 itself is not after 17:00).

Everything here is pure: no clock is read and nothing is written, so the caller passes every "now".
`WorkCalendar` is built once per profile and shared: a clock sweep asks it for due dates tens of
thousands of times, so working days are kept as a sorted list of day ordinals and every question is
answered by bisection, with the `holidays` library only consulted when a new span of years is first
needed.
"""

from __future__ import annotations

import threading
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

__all__ = ["CLOSURE_DAY_NAME", "REGIONS", "WorkCalendar", "expand_closures", "region_code", "unlike_england"]

# The UK "country" in the holidays library is GB; the four nations are its subdivisions. England and
# Wales share one set of bank holidays, but Wales is accepted separately so config can say what it means.
REGIONS: tuple[str, ...] = ("ENG", "WLS", "SCT", "NIR")

CLOSURE_DAY_NAME = "Local closure day"


# Years loaded up front when the caller does not say: covers the archive the tests check (2018 on)
# and the next decade of live cases. Anything outside is loaded lazily on first use.
_DEFAULT_YEARS = range(2018, 2036)

# A year has at most 261 weekdays; dividing a shortfall by a smaller number over-extends a little,
# which costs nothing, rather than looping once per missing year.
_MIN_WD_PER_YEAR_ESTIMATE = 200


def region_code(text: str) -> str | None:
    """The GB subdivision code the holidays library knows `text` by ("eng", "England", "Wales" -> ENG, WLS), or
    None when it names none: a profile may write a nation's name as well as its code."""
    if text.strip().upper() in REGIONS:  # the usual case, without importing holidays (read-only commands skip it)
        return text.strip().upper()
    import holidays

    gb = holidays.country_holidays("GB")
    t = " ".join(text.split())
    by_name = {k.lower(): v for k, v in getattr(gb, "subdivisions_aliases", {}).items()}
    code = t.upper() if t.upper() in gb.subdivisions else by_name.get(t.lower())
    return code if code in REGIONS else None


@lru_cache(maxsize=8)
def unlike_england(region: str, years: tuple[int, int] = (_DEFAULT_YEARS.start, _DEFAULT_YEARS.stop - 1)
                   ) -> tuple[tuple[date, str, bool], ...]:
    """Days in `years` (inclusive) that are a bank holiday in exactly one of `region` and England: (day, name as
    the holidays library gives it, True when it is the region's own). Empty when the region counts working days
    as England does (Wales today)."""
    if region == "ENG":  # England against itself: nothing to load (read-only commands never import holidays)
        return ()
    import holidays

    span = range(years[0], years[1] + 1)
    eng = holidays.country_holidays("GB", subdiv="ENG", years=span)
    own = holidays.country_holidays("GB", subdiv=region, years=span)
    return tuple(sorted((d, str(own.get(d) or eng.get(d)), d in own) for d in set(eng) ^ set(own)))


def _check_date(d: date, what: str) -> None:
    # datetime is a subclass of date: one slipping in would hash differently from the date of the same
    # day (so set look-ups silently miss) and would hide a time-zone decision. Refuse it loudly.
    if isinstance(d, datetime) or not isinstance(d, date):
        raise TypeError(f"{what} must be a datetime.date, not {type(d).__name__}")


def expand_closures(items: Iterable[date | tuple[date, date]]) -> set[date]:
    """Expand configured closure days and inclusive `(start, end)` ranges into a set of dates.

    A range whose end precedes its start is a config error (ValueError), not an empty range: an
    operator who typed the dates the wrong way round expects the closure to apply.
    """
    out: set[date] = set()
    for item in items:
        if isinstance(item, tuple):
            if len(item) != 2:
                raise ValueError(f"closure range must be (start, end), got {item!r}")
            start, end = item
            _check_date(start, "closure start")
            _check_date(end, "closure end")
            if end < start:
                raise ValueError(f"closure range ends before it starts: {start} .. {end}")
            out.update(date.fromordinal(o) for o in range(start.toordinal(), end.toordinal() + 1))
        else:
            _check_date(item, "closure day")
            out.add(item)
    return out


@dataclass(frozen=True, slots=True)
class _Span:
    """Everything known about a contiguous run of whole years, swapped in as one object.

    Readers take `self._span` once and use only that snapshot, so a concurrent extension (which builds
    a new `_Span` and rebinds the attribute) can never give them a list and a name map that disagree.
    """

    first_year: int
    last_year: int
    lo_ord: int  # ordinal of 1 January of first_year
    hi_ord: int  # ordinal of 31 December of last_year
    wd: list[int]  # sorted ordinals of every working day in the span
    wd_set: frozenset[int]
    names: Mapping[date, str]  # bank holidays in the span, as the holidays library names them


class WorkCalendar:
    """Working days for one partnership profile: region, local closures, cut-off and time zone."""

    tz: ZoneInfo

    def __init__(
        self,
        *,
        region: str = "ENG",
        closure_days: Iterable[date] = (),
        cutoff: time = time(17, 0),
        tz: str = "Europe/London",
        years: range | None = None,
    ) -> None:
        """Build the calendar and precompute `years` (default 2018–2035); other years load on demand.

        `closure_days` are single dates (expand ranges with `expand_closures`). If a mapping of date to
        reason is passed, `is_holiday` reports the reason instead of "Local closure day".
        """
        reg = region.upper()
        if reg not in REGIONS:
            raise ValueError(f"unknown bank-holiday region {region!r}: expected one of {', '.join(REGIONS)}")
        self.region = reg
        if cutoff.tzinfo is not None:
            # The cut-off is a wall-clock time in `tz`; a fixed offset would be wrong half the year.
            raise ValueError("cutoff must be a naive local time (it is read in the calendar's time zone)")
        self.cutoff = cutoff
        try:
            self.tz = ZoneInfo(tz)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {tz!r}") from exc

        closure_names: dict[date, str] = {}
        if isinstance(closure_days, Mapping):
            for d, reason in closure_days.items():
                _check_date(d, "closure day")
                closure_names[d] = str(reason) or CLOSURE_DAY_NAME
        else:
            for d in closure_days:
                _check_date(d, "closure day")
                closure_names[d] = CLOSURE_DAY_NAME
        self._closure_names = closure_names
        self.closure_days: frozenset[date] = frozenset(closure_names)
        self._closure_ords = frozenset(d.toordinal() for d in closure_names)

        yrs = _DEFAULT_YEARS if years is None else years
        if len(yrs) == 0:
            raise ValueError("years must not be empty")
        # Only the lock-protected extension path ever replaces the span.
        self._lock = threading.Lock()
        self._statutory: WorkCalendar | None = None
        self._span = self._build_span(min(yrs), max(yrs), None)

    def without_closures(self) -> WorkCalendar:
        """The same calendar without local closure days: statutory clocks count weekdays less bank holidays
        only (a council's own closures do not extend them). Built once and kept."""
        if not self.closure_days:
            return self
        cached = self._statutory
        if cached is None:
            span = self._span
            cached = WorkCalendar(region=self.region, cutoff=self.cutoff, tz=self.tz.key,
                                  years=range(span.first_year, span.last_year + 1))
            self._statutory = cached
        return cached

    def __repr__(self) -> str:
        return (
            f"WorkCalendar(region={self.region!r}, closure_days={len(self.closure_days)} days, "
            f"cutoff={self.cutoff.isoformat()}, tz={self.tz.key!r})"
        )

    # ----- loading -------------------------------------------------------------------------------

    def _load_years(self, first: int, last: int) -> tuple[list[int], dict[date, str]]:
        """Working-day ordinals and holiday names for the years first..last (inclusive)."""
        # One holidays object per extension, never per query: instantiating one is the expensive part.
        import holidays  # here, not at the top: commands that never count working days skip its import

        bank = holidays.country_holidays("GB", subdiv=self.region, years=range(first, last + 1))
        names: dict[date, str] = {d: str(n) for d, n in bank.items() if first <= d.year <= last}
        off = {d.toordinal() for d in names} | self._closure_ords
        lo = date(first, 1, 1).toordinal()
        hi = date(last, 12, 31).toordinal()
        # Ordinal 1 (0001-01-01) is a Monday, so (o - 1) % 7 is the ISO weekday minus one.
        wd = [o for o in range(lo, hi + 1) if (o - 1) % 7 < 5 and o not in off]
        return wd, names

    def _build_span(self, first: int, last: int, old: _Span | None) -> _Span:
        if old is None:
            wd, names = self._load_years(first, last)
        else:
            # Keep what is loaded and add whole years on either side, so the span stays contiguous
            # and bisection over it stays correct.
            wd = list(old.wd)
            names = dict(old.names)
            if first < old.first_year:
                before, n = self._load_years(first, old.first_year - 1)
                wd = before + wd
                names.update(n)
            if last > old.last_year:
                after, n = self._load_years(old.last_year + 1, last)
                wd = wd + after
                names.update(n)
        return _Span(
            first_year=first,
            last_year=last,
            lo_ord=date(first, 1, 1).toordinal(),
            hi_ord=date(last, 12, 31).toordinal(),
            wd=wd,
            wd_set=frozenset(wd),
            names=names,
        )

    def _extend(self, first: int, last: int) -> _Span:
        if first < 1 or last > 9999:
            raise OverflowError("working-day arithmetic ran outside the representable dates (years 1–9999)")
        with self._lock:
            span = self._span
            if first < span.first_year or last > span.last_year:
                span = self._build_span(min(first, span.first_year), max(last, span.last_year), span)
                self._span = span
            return span

    def _span_for(self, *ords: int) -> _Span:
        """The current span, extended first if any of the given day ordinals lies outside it."""
        span = self._span
        lo, hi = min(ords), max(ords)
        if lo >= span.lo_ord and hi <= span.hi_ord:
            return span
        return self._extend(date.fromordinal(lo).year, date.fromordinal(hi).year)

    # ----- days ----------------------------------------------------------------------------------

    def is_working_day(self, d: date) -> bool:
        _check_date(d, "d")
        o = d.toordinal()
        return o in self._span_for(o).wd_set

    def is_holiday(self, d: date) -> str | None:
        """The bank holiday's name, else the local closure's reason, else None.

        Names are the holidays library's, which lists the real date of a holiday even when it falls at
        a weekend (e.g. "Christmas Day" on Saturday 25 December 2021) as well as the substitute day
        ("Christmas Day (observed)"). Whether a day counts is `is_working_day`'s business, not this.
        """
        _check_date(d, "d")
        name = self._span_for(d.toordinal()).names.get(d)
        if name is not None:
            return name
        return self._closure_names.get(d)

    def add_working_days(self, anchor: date, n: int) -> date:
        """The Nth working day after `anchor` (day 0, which need not itself be a working day).

        n > 0: the Nth WD strictly after the anchor. n < 0: the |n|th WD strictly before it (chasers).
        n == 0: the anchor if it is a WD, else the next WD (so for a non-WD anchor, n=0 and n=1 agree).
        """
        _check_date(anchor, "anchor")
        a = anchor.toordinal()
        span = self._span_for(a)
        while True:
            wd = span.wd
            if n > 0:
                i = bisect_right(wd, a) + n - 1
            elif n == 0:
                i = bisect_left(wd, a)
            else:
                i = bisect_left(wd, a) + n
            if 0 <= i < len(wd):
                return date.fromordinal(wd[i])
            # The answer lies past the loaded years: load enough more and look again. Extending at
            # the front shifts indices, so the index is recomputed rather than adjusted.
            if i >= len(wd):
                more = (i - len(wd)) // _MIN_WD_PER_YEAR_ESTIMATE + 1
                span = self._extend(span.first_year, span.last_year + more)
            else:
                more = -i // _MIN_WD_PER_YEAR_ESTIMATE + 1
                span = self._extend(span.first_year - more, span.last_year)

    def working_days_between(self, start: date, end: date) -> int:
        """The number of WDs d with start < d <= end; negative (minus the count the other way) if end < start.

        For n >= 1, `add_working_days(a, n) == b` implies `working_days_between(a, b) == n`; for n == 0
        that holds only when `a` is itself a working day.
        """
        _check_date(start, "start")
        _check_date(end, "end")
        s, e = start.toordinal(), end.toordinal()
        wd = self._span_for(s, e).wd
        return bisect_right(wd, e) - bisect_right(wd, s)

    def working_days_in(self, start: date, end: date) -> list[date]:
        """Every WD d with start <= d <= end (both ends included), in order; empty if end < start."""
        _check_date(start, "start")
        _check_date(end, "end")
        s, e = start.toordinal(), end.toordinal()
        if e < s:
            return []
        wd = self._span_for(s, e).wd
        return [date.fromordinal(o) for o in wd[bisect_left(wd, s) : bisect_right(wd, e)]]

    # ----- instants ------------------------------------------------------------------------------

    def _local(self, at: datetime) -> datetime:
        # A naive datetime has no instant: guessing "local" or "UTC" is exactly the bug that puts a
        # 17:30 BST referral on the wrong day, so the caller must say.
        if at.tzinfo is None or at.utcoffset() is None:
            raise ValueError("naive datetime: pass an aware datetime (e.g. with tzinfo=UTC)")
        return at.astimezone(self.tz)

    def effective_date(self, at: datetime) -> date:
        """The working day a message received at `at` counts from.

        The local date in the calendar's zone, moved to the next WD when `at` is after the cut-off or falls
        on a day that is not a WD. "After" is strictly later (DOMAIN.md: "mail that arrives after the cut-off"):
        17:00:00.000000 is not after 17:00, 17:00:00.000001 is (a receipt time has microseconds; none is
        rounded, so a second's fraction is never read as "at" the cut-off). Stranger round 18, B3.
        """
        local = self._local(at)
        d = local.date()
        if local.time() > self.cutoff:
            return self.add_working_days(d, 1)
        return self.add_working_days(d, 0)

    def at_local(self, d: date, t: time) -> datetime:
        """The aware datetime for wall-clock time `t` on day `d` in the calendar's zone.

        A time that does not exist (in the spring-forward gap) moves forward by the gap, e.g. 01:30 on
        the last Sunday of March is 02:30 BST; an ambiguous one (autumn fold) is its first occurrence
        unless `t.fold` is 1.
        """
        _check_date(d, "d")
        if t.tzinfo is not None:
            raise ValueError("t must be a naive local time (it is read in the calendar's time zone)")
        naive = datetime.combine(d, t)
        # Round-tripping through UTC normalises a non-existent wall time to a real one, and returns
        # a datetime whose tzinfo is exactly self.tz.
        return naive.replace(tzinfo=self.tz).astimezone(UTC).astimezone(self.tz)

    def next_working_morning(self, at: datetime, hour: time = time(9, 0)) -> datetime:
        """The first instant strictly after `at` that is `hour` local time on a working day.

        Today if `at` is a WD before `hour`, else `hour` on the next WD. The result is aware in the
        calendar's zone, with the offset of its own date (so 09:00 is 09:00 on either side of a DST
        change).
        """
        local = self._local(at)
        d = local.date()
        if self.is_working_day(d):
            candidate = self.at_local(d, hour)
            if candidate > at:
                return candidate
        return self.at_local(self.add_working_days(d, 1), hour)
