"""A date typed without its year ("Fri 4 Dec", "Sunday 22 November", "4th Dec", "December 4th") takes the year of
the mail it came in (its Date header, threaded into the reader as a parameter: parsers/ has no clock): the nearest
such day not after the mail; a weekday that does not fall on that day leaves the field empty (parse23a,
parsers/dates.py yearless_date). Layouts of this file's own."""

from __future__ import annotations

import datetime as dt
from email.message import EmailMessage
from email.utils import format_datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from parsers import parse_message
from parsers.dates import read_date, yearless_date

_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"]
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _ordinal(n: int) -> str:
    return f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


def _shown(day: dt.date, style: int) -> str:
    month, weekday = _MONTHS[day.month - 1], _WEEKDAYS[day.weekday()]
    return [f"{weekday[:3]} {day.day} {month[:3]}", f"{weekday} {day.day} {month}", f"{_ordinal(day.day)} {month[:3]}",
            f"{month} {_ordinal(day.day)}", f"{weekday}, {_ordinal(day.day)} of {month}"][style]


def _mail(sent: dt.datetime, submitted: str, incident: str) -> bytes:
    msg = EmailMessage()
    msg["From"] = "Oksana Brennan <oksana.brennan@avonandsomerset.police.uk>"
    msg["To"] = "cspr.referrals@n-somerset.gov.uk"
    msg["Subject"] = "CSPR referral"
    msg["Date"] = format_datetime(sent)
    msg.set_content("\n".join([
        "Referral for a child safeguarding practice review", "",
        "Referrer name: Oksana Brennan", "Agency: Avon and Somerset Police", f"Date: {submitted}", "",
        "Child's name: Kacper Aldous", "Child's date of birth: 03/05/2019", f"Date of incident: {incident}",
        "Has the child died: No", "Has the child been seriously harmed: Yes",
    ]))
    return msg.as_bytes()


@settings(max_examples=40, deadline=None)
@given(st.dates(dt.date(2024, 1, 1), dt.date(2030, 12, 31)), st.integers(0, 40), st.integers(0, 4),
       st.integers(0, 4))
def test_a_date_without_a_year_takes_the_mails_year(sent: dt.date, back: int, style: int, style2: int) -> None:
    incident = sent - dt.timedelta(days=back)
    raw = _mail(dt.datetime(sent.year, sent.month, sent.day, 10, 17, tzinfo=dt.UTC), _shown(sent, style),
                _shown(incident, style2))
    result = parse_message(raw)
    assert result.referral is not None
    assert result.referral.referrer.date_submitted == sent.isoformat()
    assert result.referral.child.incident_date == incident.isoformat()  # across new year too: last year's


@settings(max_examples=40, deadline=None)
@given(st.dates(dt.date(2024, 1, 1), dt.date(2030, 12, 31)), st.integers(1, 6))
def test_a_weekday_that_is_not_that_days_leaves_the_date_empty(sent: dt.date, shift: int) -> None:
    wrong = _WEEKDAYS[(sent.weekday() + shift) % 7]
    assert yearless_date(f"{wrong} {sent.day} {_MONTHS[sent.month - 1]}", sent.isoformat()) is None


def test_without_the_mails_date_a_yearless_date_stays_unread() -> None:
    assert read_date("Fri 4 Dec") == (None, "could not read 'Fri 4 Dec' as a date")
    assert read_date("Fri 4 Dec", "2026-12-04")[0] == "2026-12-04"
    # a range, or more words than the date, is never completed
    assert read_date("4 Dec - 6 Dec", "2026-12-10")[0] is None
    assert read_date("around 4 Dec", "2026-12-10")[0] is None


def test_a_mail_without_a_date_header_reads_no_yearless_date() -> None:
    msg = EmailMessage()
    msg["From"] = "a@b.org"
    msg["Subject"] = "CSPR referral"
    msg.set_content("Child's name: Kacper Aldous\nChild's date of birth: 03/05/2019\nDate of incident: Fri 4 Dec\n"
                    "Has the child died: No\nHas the child been seriously harmed: Yes\nReferrer name: Oksana Brennan")
    result = parse_message(msg.as_bytes())
    assert result.referral is not None and result.referral.child.incident_date is None
