"""The daily digest (bot/digest.py) against a real SQLite store built through the models.

The scenario is pinned to Tuesday 10 March 2026, 08:30 in London (GMT, so UTC too). Every expected
line and date below was worked out by hand from a calendar, not from the implementation: the counting
is in the comments. March 2026: Mon 2, Fri 6, Mon 9, Tue 10, Wed 11, Thu 12, Fri 13, Mon 16.
Easter 2026: Good Friday 3 April and Easter Monday 6 April are bank holidays.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from email import message_from_bytes
from email.message import Message as EmailMessage

import icalendar
import pytest
from sqlalchemy import event, select
from sqlalchemy.orm import Session, sessionmaker

from bot.app import make_calendar
from bot.apply import Runtime
from bot.digest import (
    ICS_NAME,
    Digest,
    build_digest,
    event_uid,
    queue_digest,
    recipients,
    scrub,
    send_digest_if_due,
)
from bot.settings import DigestSettings, Settings, load_settings
from bot.store.db import make_engine, migrate, session_factory
from bot.store.models import (
    AgencyRequest,
    Case,
    Clock,
    Event,
    MailboxState,
    Message,
    OutboxItem,
)

D = date
NOW = datetime(2026, 3, 10, 8, 30, tzinfo=UTC)  # Tue 10 Mar 2026 08:30 GMT
COORD = "nsscp.coordinator@nsscp.example.gov.uk"
CHAIR = "cspr.subgroup.chair@nsscp.example.gov.uk"
DOMAIN = "nsscp.example.gov.uk"

# Child identifiers planted in the store: none may reach the digest.
CHILD_NAME = "Jayden Okonkwo-Smith"
CHILD_DOB = "2015-04-03"
CHILD_ADDRESS = "12 Acacia Avenue, Weston-super-Mare BS23 9ZZ"
FAMILY_NAME = "Kerry-Ann Okonkwo"
ETHNICITY = "Black Caribbean and White"
NARRATIVE = "found unresponsive at home after"
IDENTIFIERS = (CHILD_NAME, "Jayden", "Okonkwo", CHILD_DOB, "03/04/2015", CHILD_ADDRESS, "Acacia", "BS23",
               FAMILY_NAME, "Kerry-Ann", ETHNICITY, NARRATIVE)
REFERRAL = {
    "child": {"name": CHILD_NAME, "date_of_birth": CHILD_DOB, "home_address": CHILD_ADDRESS,
              "ethnicity": ETHNICITY, "incident_date": "2026-02-10"},
    "family": [{"name": FAMILY_NAME, "relationship": "mother", "date_of_birth": "1990-01-01"}],
    "summary": f"{CHILD_NAME} was {NARRATIVE} ...",
}


# --- fixtures --------------------------------------------------------------------------------------

@pytest.fixture
def settings(database_url: str) -> Settings:
    return load_settings(None, env={"CSPRBOT_DATABASE_URL": database_url})


@pytest.fixture
def sessions(settings: Settings) -> Iterator[sessionmaker[Session]]:
    engine = make_engine(settings.store.url)
    migrate(engine)
    yield session_factory(engine)
    engine.dispose()


def rt_at(settings: Settings, at: datetime) -> Runtime:
    return Runtime(settings, make_calendar(settings), at)


def stamp(local: str) -> datetime:
    """A London wall-clock time as the store keeps it (naive UTC). March before the 29th is GMT."""
    return datetime.fromisoformat(local)


def add_case(s: Session, seq: int, opened: datetime, stage: str = "screening", late: bool = False) -> Case:
    case = Case(ref=f"NS-CSPR-2026-{seq:03d}", year=2026, seq=seq, stage=stage, opened_at=opened,
                incident_date=D(2026, 2, 10), received_date=opened.date(), referrer_email="ref@nsscp.example.gov.uk",
                late_referral=late, referral_json=REFERRAL)
    s.add(case)
    s.flush()
    # What intake writes in the same transaction: the case's first audit event.
    s.add(Event(at=opened, case_id=case.id, kind="referral_opened", actor=None, detail={"late": late}))
    return case


def add_clock(s: Session, case: Case, key: str, anchor: date, due: date, agency: str = "",
              state: str = "running", original_due: date | None = None) -> Clock:
    c = Clock(case_id=case.id, key=key, agency=agency, anchor=anchor, due=due, original_due=original_due or due,
              state=state, started_at=datetime(2026, 2, 1), stopped_on=None if state == "running" else anchor)
    s.add(c)
    s.flush()
    return c


def add_request(s: Session, case: Case, agency: str, requested: date, received: date | None = None) -> None:
    s.add(AgencyRequest(case_id=case.id, agency=agency, requested_on=requested, received_on=received,
                        involved=True if received else None))


def scenario(sessions: sessionmaker[Session]) -> None:
    """Four cases, as the co-ordinator would find them on Tuesday 10 March 2026."""
    with sessions.begin() as s:
        # 001: an older case in rapid review.
        a = add_case(s, 1, stamp("2026-02-12 11:00"), stage="rapid_review")
        add_clock(s, a, "screening", D(2026, 2, 10), D(2026, 2, 17), state="met")
        add_clock(s, a, "notification", D(2026, 2, 12), D(2026, 2, 19), state="met")
        # Education: requested Fri 20 Feb, 10 WD -> Fri 6 Mar. Today Tue 10 Mar: Mon 9, Tue 10 = 2 WD over.
        add_clock(s, a, "agency_return", D(2026, 2, 20), D(2026, 3, 6), agency="Education")
        add_request(s, a, "Education", D(2026, 2, 20))
        # ICB Health: requested Mon 2 Mar, 10 WD -> Mon 16 Mar: Wed 11, Thu 12, Fri 13, Mon 16 = in 4 WD.
        add_clock(s, a, "agency_return", D(2026, 3, 2), D(2026, 3, 16), agency="ICB Health")
        add_request(s, a, "ICB Health", D(2026, 3, 2))
        # Children's Social Care returned on time: not outstanding, clock met.
        add_clock(s, a, "agency_return", D(2026, 2, 20), D(2026, 3, 6), agency="Children's Social Care",
                  state="met")
        add_request(s, a, "Children's Social Care", D(2026, 2, 20), received=D(2026, 3, 4))
        # SIN 19 Feb + 15 WD = Fri 13 Mar, 3rd WD from today: the last day of "due soon".
        add_clock(s, a, "rr_submission", D(2026, 2, 19), D(2026, 3, 13))
        # 002: opened yesterday 10:00, after Monday's 08:00 digest time: new.
        b = add_case(s, 2, stamp("2026-03-09 10:00"), late=True)
        add_clock(s, b, "screening", D(2026, 3, 4), D(2026, 3, 11))  # Wed 11: in 1 WD
        add_clock(s, b, "notification", D(2026, 3, 9), D(2026, 3, 16))  # Mon 16: in 4 WD
        # 003: the AD has a disagreement decision due today; the Panel's response is informal.
        c = add_case(s, 3, stamp("2026-01-20 09:00"), stage="awaiting_panel")
        add_clock(s, c, "disagreement", D(2026, 3, 6), D(2026, 3, 10))  # Fri 6 + 2 WD = Tue 10: today
        add_clock(s, c, "panel_response", D(2026, 3, 2), D(2026, 3, 12))  # 10 calendar days: Thu 12
        # Screening extended from Fri 6 Mar to Mon 9 Mar and still not decided: overdue by 1 WD (Tue 10).
        d = add_case(s, 4, stamp("2026-03-02 15:00"))
        add_clock(s, d, "screening", D(2026, 2, 27), D(2026, 3, 9), original_due=D(2026, 3, 6))
        # 005: closed with a request outstanding: nobody is waiting for that return any more.
        e = add_case(s, 5, stamp("2026-02-02 09:00"), stage="closed")
        add_clock(s, e, "agency_return", D(2026, 2, 9), D(2026, 2, 23), agency="Education", state="stopped")
        add_request(s, e, "Education", D(2026, 2, 9))

        # Mail that could not be read: the reason quotes an attachment name with the child's name in it.
        s.add(Message(dedupe_key="mid:<q1@x>", message_id="<q1@x>", sha256="0" * 64, mailbox="maildir:inbox",
                      source_id="q1", sender="someone@csc.example.gov.uk", size=10,
                      raw=f"Subject: {CHILD_NAME} DOB {CHILD_DOB}\r\n\r\n{NARRATIVE}".encode(),
                      received_at=stamp("2026-03-09 14:05"), status="quarantined", kind="unknown",
                      reason=f"attachment '{CHILD_NAME} referral.docx' could not be read (BadZipFile): "
                             "ask the sender to resend it"))
        s.add(Message(dedupe_key="mid:<p1@x>", message_id="<p1@x>", sha256="1" * 64, mailbox="maildir:inbox",
                      source_id="p1", sender="x@csc.example.gov.uk", size=10, raw=b"x",
                      received_at=stamp("2026-03-09 14:06"), status="processed"))
        # A refused command yesterday (after the previous digest), one last week (before it).
        s.add(Event(at=stamp("2026-03-09 12:00"), case_id=a.id, kind="command_refused", actor=CHAIR,
                    detail={"verb": "NOTIFIED", "by": CHAIR,
                            "reason": f"the date '{CHILD_DOB}' is not a date I can read; write it as YYYY-MM-DD"}))
        s.add(Event(at=stamp("2026-03-03 12:00"), case_id=a.id, kind="command_refused", actor=CHAIR,
                    detail={"verb": "CLOSE", "by": CHAIR, "reason": "CLOSE must come from coordinator"}))
        # Mailbox health: one fresh, one stale with an error.
        s.add(MailboxState(mailbox="imaps://csprbot@mail.nsscp.example.gov.uk:993/INBOX", key="last_check",
                           value=(NOW - timedelta(minutes=5)).isoformat(timespec="seconds")))
        s.add(MailboxState(mailbox="imaps://csprbot@mail.nsscp.example.gov.uk:993/INBOX", key="last_uid",
                           value="42"))
        s.add(MailboxState(mailbox="graph://cspr@nsscp.example.gov.uk/Inbox", key="last_check",
                           value=(NOW - timedelta(minutes=40)).isoformat()))
        s.add(MailboxState(mailbox="graph://cspr@nsscp.example.gov.uk/Inbox", key="last_error",
                           value="2026-03-10T08:05:00+00:00 token request refused (AADSTS700016)"))
        # A chaser that the server refused for good.
        s.add(OutboxItem(idem_key="k-parked", case_id=a.id, kind="chaser", clock_key="agency_return",
                         recipient="education.dsl@schools.example.gov.uk", subject="[NS-CSPR-2026-001] Reminder",
                         raw=b"x", status="parked", attempts=1, next_attempt_at=stamp("2026-03-09 09:00"),
                         last_error="550 5.1.1 mailbox unavailable", created_at=stamp("2026-03-09 09:00")))


def build(sessions: sessionmaker[Session], settings: Settings, at: datetime = NOW) -> Digest:
    with sessions() as s:
        return build_digest(s, rt_at(settings, at))


def section(text: str, heading: str) -> list[str]:
    """The lines under a heading (which starts with `heading`), up to the blank line that ends it."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(heading))
    out = []
    for line in lines[start + 1:]:
        if not line.strip():
            break
        out.append(line)
    return out


def parts(raw: bytes) -> tuple[EmailMessage, list[tuple[str, str | None, bytes]]]:
    """The parsed mail and its leaf parts: (content type, file name, decoded payload)."""
    msg = message_from_bytes(raw)
    leaves = []
    for p in msg.walk():
        if p.is_multipart():
            continue
        payload = p.get_payload(decode=True)
        assert isinstance(payload, bytes)
        leaves.append((p.get_content_type(), p.get_filename(), payload))
    return msg, leaves


# --- what the digest says ----------------------------------------------------------------------------

def test_digest_lists_each_section_exactly(settings: Settings, sessions: sessionmaker[Session]) -> None:
    scenario(sessions)
    d = build(sessions, settings)
    t = d.text
    assert d.date == D(2026, 3, 10)
    assert t.splitlines()[0] == "csprbot daily digest for Tue 10 Mar 2026"
    assert d.sections == {"new_cases": 1, "decisions_due": 4, "due_soon": 4, "breached": 2,
                          "returns_outstanding": 2, "learning_actions": 0, "quarantined": 1,
                          "refused_commands": 1, "withheld": 0, "ignored": 0,
                          "mailboxes_stale": 1, "parked": 1}
    # Worst first. Education: Fri 6 Mar -> Mon 9, Tue 10 = 2 WD. 004: Mon 9 -> Tue 10 = 1 WD, and it was
    # extended (original due Fri 6). The closed case's stopped clock and informal clocks are not breaches.
    assert section(t, "BREACHED (2)") == [
        "  NS-CSPR-2026-001  Agency return (Education)  due Fri 06 Mar 2026 (overdue by 2 WD)",
        "  NS-CSPR-2026-004  Screening decision (rapid review or not)  due Mon 09 Mar 2026 (overdue by 1 WD)"
        " [extended]",
    ]
    # Every running screening / notification / disagreement clock, soonest first; 001's are met.
    assert section(t, "DECISIONS DUE (4)") == [
        "  NS-CSPR-2026-004  Screening decision (rapid review or not)  due Mon 09 Mar 2026 (overdue by 1 WD)",
        "  NS-CSPR-2026-003  Assistant Director's decision on a disagreement  due Tue 10 Mar 2026 (today)",
        "  NS-CSPR-2026-002  Screening decision (rapid review or not)  due Wed 11 Mar 2026 (in 1 WD)",
        "  NS-CSPR-2026-002  Serious Incident Notification to the National Panel  due Mon 16 Mar 2026 (in 4 WD)",
    ]
    # Today to the 3rd WD after it (Fri 13); Mon 16 is the 4th, so 002's SIN and ICB Health stay out.
    assert section(t, "DUE IN THE NEXT 3 WORKING DAYS, to Fri 13 Mar 2026 (4)") == [
        "  NS-CSPR-2026-003  Assistant Director's decision on a disagreement  due Tue 10 Mar 2026 (today)",
        "  NS-CSPR-2026-002  Screening decision (rapid review or not)  due Wed 11 Mar 2026 (in 1 WD)",
        "  NS-CSPR-2026-003  National Panel's response  expected Thu 12 Mar 2026 (in 2 WD)"
        " [informational: no chaser]",
        "  NS-CSPR-2026-001  Rapid review sent to the National Panel  due Fri 13 Mar 2026 (in 3 WD)",
    ]
    # By agency; the received CSC return and the closed case's request are not outstanding.
    assert section(t, "AGENCY RETURNS OUTSTANDING (2)") == [
        "  Education",
        "    NS-CSPR-2026-001  requested Fri 20 Feb 2026, due Fri 06 Mar 2026 (overdue by 2 WD) LATE",
        "  ICB Health",
        "    NS-CSPR-2026-001  requested Mon 02 Mar 2026, due Mon 16 Mar 2026 (in 4 WD)",
    ]
    # No digest was ever sent: the window opens at the previous working day's digest time, Mon 08:00.
    assert section(t, "NEW CASES since Mon 09 Mar 2026 08:00 (1)") == [
        "  NS-CSPR-2026-002  opened Mon 09 Mar 2026 10:00, stage screening, LATE REFERRAL",
    ]
    assert section(t, "QUARANTINED MAIL (1)") == [
        "  #1  received Mon 09 Mar 2026 14:05: attachment '…' could not be read (…): ask the sender to resend it",
        "  (`csprbot quarantine show ID` to look, `csprbot quarantine release ID` to process again)",
    ]
    # Last week's refusal is before the window.
    assert section(t, "REFUSED COMMANDS since Mon 09 Mar 2026 08:00 (1)") == [
        "  NS-CSPR-2026-001  NOTIFIED: the date '…' is not a date I can read; write it as YYYY-MM-DD",
    ]
    assert section(t, "MAILBOX HEALTH") == [
        "  graph://cspr@nsscp.example.gov.uk/Inbox: STALE: last checked 40 min ago; last error:"
        " 2026-03-10T08:05:00+00:00 token request refused (AADSTS700016)",
        "  imaps://csprbot@mail.nsscp.example.gov.uk:993/INBOX: ok, checked 5 min ago",
    ]
    assert section(t, "PARKED OUTBOX ITEMS (1)") == [
        "  #1  chaser NS-CSPR-2026-001 to education.dsl@schools.example.gov.uk, queued Mon 09 Mar 2026 09:00:"
        " 550 5.1.1: no such mailbox",
    ]
    # The HTML part carries the same rows, escaped.
    assert "<td>NS-CSPR-2026-001</td><td>Agency return (Education)</td><td>Fri 06 Mar 2026</td>" in d.html
    assert "Assistant Director&#39;s decision on a disagreement" in d.html
    assert "<h2>New cases since Mon 09 Mar 2026 08:00 (1)</h2>" in d.html


def test_empty_store_says_none_everywhere(settings: Settings, sessions: sessionmaker[Session]) -> None:
    d = build(sessions, settings)
    assert set(d.sections.values()) == {0}
    for heading in ("BREACHED (0)", "DECISIONS DUE (0)", "AGENCY RETURNS OUTSTANDING (0)",
                    "QUARANTINED MAIL (0)", "PARKED OUTBOX ITEMS (0)"):
        assert section(d.text, heading) == ["  None."]
    # The example profile's inbox is a local Maildir, which records no checks.
    assert section(d.text, "MAILBOX HEALTH") == [
        "  No mailbox checks recorded (a local Maildir inbox records none)."]


def test_new_cases_and_refusals_since_the_previous_digest(settings: Settings,
                                                           sessions: sessionmaker[Session]) -> None:
    monday = datetime(2026, 3, 9, 8, 0, tzinfo=UTC)
    with sessions.begin() as s:
        add_case(s, 1, stamp("2026-03-06 16:00"))  # Friday afternoon: in Monday's digest
    assert queue_digest(sessions, rt_at(settings, monday)) == 1
    assert section(build(sessions, settings, monday).text, "NEW CASES since Fri 06 Mar 2026 08:00 (1)") == [
        "  NS-CSPR-2026-001  opened Fri 06 Mar 2026 16:00, stage screening"]
    with sessions.begin() as s:
        # Sent Friday 17:50, read only after Monday's digest: intake stamps it with when it arrived.
        case = add_case(s, 2, stamp("2026-03-06 17:50"))
        s.add(Event(at=stamp("2026-03-06 17:55"), case_id=case.id, kind="command_refused", actor=CHAIR,
                    detail={"verb": "DECISION", "by": CHAIR, "reason": "DECISION must come from subgroup_chair"}))
    d = build(sessions, settings)
    assert section(d.text, "NEW CASES since Mon 09 Mar 2026 08:00 (1)") == [
        "  NS-CSPR-2026-002  opened Fri 06 Mar 2026 17:50, stage screening"]
    assert section(d.text, "REFUSED COMMANDS since Mon 09 Mar 2026 08:00 (1)") == [
        "  NS-CSPR-2026-002  DECISION: DECISION must come from subgroup_chair"]
    # Queuing Tuesday's digest does not move Tuesday's own window: a rebuild shows the same.
    assert queue_digest(sessions, rt_at(settings, NOW)) == 1
    assert build(sessions, settings).text == d.text


def test_no_child_identifiers_anywhere(settings: Settings, sessions: sessionmaker[Session]) -> None:
    scenario(sessions)
    engine = sessions.kw["bind"]
    statements: list[str] = []

    def spy(_conn: object, _cur: object, statement: str, *_args: object) -> None:
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", spy)
    try:
        d = build(sessions, settings)
        assert queue_digest(sessions, rt_at(settings, NOW)) == 1
    finally:
        event.remove(engine, "before_cursor_execute", spy)
    # The personal data is never even read.
    assert statements and not [q for q in statements if "referral_json" in q]
    with sessions() as s:
        item = s.scalars(select(OutboxItem).where(OutboxItem.kind == "digest")).one()
    msg, leaves = parts(item.raw)
    assert item.subject == msg["Subject"] == "[csprbot] Daily digest 2026-03-10"
    texts = [d.text, d.html, d.ics.decode(), item.subject, item.raw.decode("ascii", "replace")]
    texts += [payload.decode("utf-8") for _ctype, _name, payload in leaves]
    for blob in texts:
        for ident in IDENTIFIERS:
            assert ident.lower() not in blob.lower(), ident


def test_scrub_blanks_what_senders_wrote() -> None:
    assert scrub("ethnic origin: more than one option ticked (White British; Pakistani)") == \
        "ethnic origin: more than one option ticked (…)"
    assert scrub('child.date_of_birth: could not read "3/4/15" as a date') == \
        'child.date_of_birth: could not read "…" as a date'
    assert scrub("family: could not read 'Liam O'Brien's DOB' as a date of birth; Director's note") == \
        "family: could not read '…' as a date of birth; Director's note"
    assert scrub("I do not know the agency 'Kerry-Ann'; agencies in the profile: Children's Social Care") == \
        "I do not know the agency '…'; agencies in the profile: Children's Social Care"
    assert scrub("no case reference was found in the subject or the document") == \
        "no case reference was found in the subject or the document"
    assert scrub("x" * 500).endswith("…") and len(scrub("x" * 500)) == 160
    assert scrub("line one\nline two") == "line one line two"
    # stranger round 9: a refusal echoing a typed date (a DOB in the wrong place), a sender's address
    assert scrub("the date 2019-03-14 is before the incident (2026-11-30)") == "the date … is before the incident (…)"
    assert scrub("alex.fictional.mum@gmail.com holds no role in this case") == "…@gmail.com holds no role in this case"


# --- the calendar attachment ------------------------------------------------------------------------

def test_ics_has_one_all_day_event_per_upcoming_clock(settings: Settings, sessions: sessionmaker[Session]) -> None:
    scenario(sessions)
    with sessions.begin() as s:
        # 20 WD from Tue 10 Mar: 11-13 (3), 16-20 (8), 23-27 (13), 30 Mar-2 Apr (17), Good Friday and
        # Easter Monday skipped, 7-9 Apr (20). So Thu 9 Apr is the last day in, Fri 10 Apr the first out.
        f = add_case(s, 6, stamp("2026-03-10 08:00"), stage="local_review")
        add_clock(s, f, "rr_start", D(2026, 3, 10), D(2026, 4, 9))
        add_clock(s, f, "lcspr", D(2026, 3, 10), D(2026, 4, 10))
    d = build(sessions, settings)
    cal = icalendar.Calendar.from_ical(d.ics)
    assert str(cal["VERSION"]) == "2.0"
    assert str(cal["METHOD"]) == "PUBLISH"
    assert "csprbot" in str(cal["PRODID"])
    events = cal.walk("VEVENT")
    got = sorted((ev.decoded("DTSTART"), str(ev["SUMMARY"])) for ev in events)
    # Running clocks from today to Thu 9 Apr; the breached Education return (Fri 6 Mar), 004's overdue
    # screening and the met/stopped clocks are not in it.
    assert got == [
        (D(2026, 3, 10), "NS-CSPR-2026-003: Assistant Director's decision on a disagreement due"),
        (D(2026, 3, 11), "NS-CSPR-2026-002: Screening decision (rapid review or not) due"),
        (D(2026, 3, 12), "NS-CSPR-2026-003: National Panel's response expected"),
        (D(2026, 3, 13), "NS-CSPR-2026-001: Rapid review sent to the National Panel due"),
        (D(2026, 3, 16), "NS-CSPR-2026-001: Agency return (ICB Health) due"),
        (D(2026, 3, 16), "NS-CSPR-2026-002: Serious Incident Notification to the National Panel due"),
        (D(2026, 4, 9), "NS-CSPR-2026-006: Rapid review started (requests to agencies) due"),
    ]
    for ev in events:
        start, end = ev.decoded("DTSTART"), ev.decoded("DTEND")
        assert type(start) is date and end == start + timedelta(days=1)  # all-day, not a timed entry
        assert ev.decoded("DTSTAMP") == NOW
        assert str(ev["UID"]).endswith("@" + DOMAIN)
    assert len({str(ev["UID"]) for ev in events}) == len(events)


def test_ics_uid_is_stable_until_the_due_date_moves(settings: Settings, sessions: sessionmaker[Session]) -> None:
    scenario(sessions)

    def uids(at: datetime) -> dict[str, str]:
        cal = icalendar.Calendar.from_ical(build(sessions, settings, at).ics)
        return {str(ev["SUMMARY"]): str(ev["UID"]) for ev in cal.walk("VEVENT")}

    tuesday, wednesday = uids(NOW), uids(NOW + timedelta(days=1))
    icb = "NS-CSPR-2026-001: Agency return (ICB Health) due"
    assert tuesday[icb] == wednesday[icb] == event_uid("NS-CSPR-2026-001", "agency_return", "ICB Health",
                                                        D(2026, 3, 16), DOMAIN)
    with sessions.begin() as s:
        c = s.scalars(select(Clock).where(Clock.agency == "ICB Health")).one()
        c.due = D(2026, 3, 20)  # EXTEND: a new due date is a new calendar entry
    assert uids(NOW)[icb] != tuesday[icb]


# --- queueing -----------------------------------------------------------------------------------------

def test_queue_digest_once_a_day_per_recipient(settings: Settings, sessions: sessionmaker[Session]) -> None:
    scenario(sessions)
    settings = settings.model_copy(update={"digest": DigestSettings(
        time=time(8, 0),
        recipients=["coordinator", "subgroup_chair", COORD.upper(), "digest.reader@nsscp.example.gov.uk",
                    "someone@gmail.example.com"])})
    # Roles resolve, the coordinator's own address is not a second recipient, and an address off the
    # secure allowlist gets nothing.
    assert recipients(settings) == (COORD, CHAIR, "digest.reader@nsscp.example.gov.uk")
    rt = rt_at(settings, NOW)
    assert queue_digest(sessions, rt) == 3
    assert queue_digest(sessions, rt, force=True) == 0  # `digest --send` again the same day
    assert queue_digest(sessions, rt_at(settings, NOW + timedelta(hours=6)), force=True) == 0
    with sessions() as s:
        items = s.scalars(select(OutboxItem).where(OutboxItem.kind == "digest").order_by(OutboxItem.id)).all()
    assert [i.recipient for i in items] == [COORD, CHAIR, "digest.reader@nsscp.example.gov.uk"]
    for item in items:
        assert item.idem_key == f"digest:digest:2026-03-10:{item.recipient.lower()}"
        assert item.case_id is None and item.status == "pending"
        msg, leaves = parts(item.raw)
        assert msg["X-CSPRBOT-Kind"] == "digest" and msg["X-CSPRBOT-Case"] is None
        assert msg["Subject"] == "[csprbot] Daily digest 2026-03-10"
        types = {ctype: (name, payload) for ctype, name, payload in leaves}
        assert set(types) == {"text/plain", "text/html", "text/calendar"}
        name, ics = types["text/calendar"]
        assert name == ICS_NAME and ics.startswith(b"BEGIN:VCALENDAR")
        assert "BREACHED (2)" in types["text/plain"][1].decode()
    # Wednesday is a new day: one more each.
    assert queue_digest(sessions, rt_at(settings, NOW + timedelta(days=1))) == 3


def test_queue_digest_skips_non_working_days_unless_forced(settings: Settings,
                                                           sessions: sessionmaker[Session]) -> None:
    saturday = datetime(2026, 3, 14, 10, 0, tzinfo=UTC)
    assert queue_digest(sessions, rt_at(settings, saturday)) == 0
    assert queue_digest(sessions, rt_at(settings, saturday), force=True) == 1
    assert queue_digest(sessions, rt_at(settings, saturday), force=True) == 0


def test_digest_is_not_held_by_the_rate_cap(settings: Settings, sessions: sessionmaker[Session]) -> None:
    from bot.outbox import deliver_due

    settings = settings.model_copy(update={"mail": settings.mail.model_copy(update={"rate_cap_per_hour": 1})})
    with sessions.begin() as s:  # the co-ordinator has just had a mail: the cap is reached
        s.add(OutboxItem(idem_key="k-sent", case_id=None, kind="triage", clock_key=None, recipient=COORD,
                         subject="x", raw=b"x", status="sent", attempts=1, next_attempt_at=stamp("2026-03-10 08:00"),
                         created_at=stamp("2026-03-10 08:00"), sent_at=stamp("2026-03-10 08:20")))
    rt = rt_at(settings, NOW)
    assert queue_digest(sessions, rt) == 1

    class Sink:
        name = "sink"

        def __init__(self) -> None:
            self.sent: list[list[str]] = []

        def send(self, envelope_from: str, rcpts: list[str], raw: bytes, idem_key: str) -> None:
            self.sent.append(rcpts)

        def check(self) -> None: ...

        def close(self) -> None: ...

    sink = Sink()
    report = deliver_due(sink, sessions, rt)
    assert report.sent == 1 and report.deferred == 0 and sink.sent == [[COORD]]


# --- when it goes out -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("at", "why"), [
    (datetime(2026, 3, 14, 10, 0, tzinfo=UTC), "Saturday"),
    (datetime(2026, 3, 15, 10, 0, tzinfo=UTC), "Sunday"),
    (datetime(2026, 4, 3, 10, 0, tzinfo=UTC), "Good Friday"),
    (datetime(2026, 4, 6, 10, 0, tzinfo=UTC), "Easter Monday"),
    (datetime(2026, 12, 29, 10, 0, tzinfo=UTC), "the council's Christmas closure (example profile)"),
    (datetime(2026, 3, 10, 7, 59, tzinfo=UTC), "07:59 GMT, before 08:00"),
    (datetime(2026, 4, 7, 6, 59, tzinfo=UTC), "07:59 BST (06:59 UTC), before 08:00"),
])
def test_send_digest_if_due_waits(settings: Settings, sessions: sessionmaker[Session], at: datetime,
                                  why: str) -> None:
    assert send_digest_if_due(sessions, rt_at(settings, at)) == 0, why
    with sessions() as s:
        assert s.scalars(select(OutboxItem)).all() == []


@pytest.mark.parametrize(("at", "tag"), [
    (datetime(2026, 3, 10, 8, 0, tzinfo=UTC), "2026-03-10"),  # 08:00 GMT exactly
    (datetime(2026, 3, 10, 16, 45, tzinfo=UTC), "2026-03-10"),  # late in the day (csprbot was down)
    (datetime(2026, 4, 7, 7, 0, tzinfo=UTC), "2026-04-07"),  # 08:00 BST is 07:00 UTC
])
def test_send_digest_if_due_sends_once(settings: Settings, sessions: sessionmaker[Session], at: datetime,
                                       tag: str) -> None:
    assert send_digest_if_due(sessions, rt_at(settings, at)) == 1
    for minutes in (1, 2, 60):  # the scheduler asks every minute
        assert send_digest_if_due(sessions, rt_at(settings, at + timedelta(minutes=minutes))) == 0
    with sessions() as s:
        keys = s.scalars(select(OutboxItem.idem_key)).all()
    assert keys == [f"digest:digest:{tag}:{COORD}"]


# --- mailbox health -----------------------------------------------------------------------------------

def test_mailbox_health_stale_detection(database_url: str) -> None:
    inbox = "imaps://csprbot@mail.nsscp.example.gov.uk:993/INBOX"
    settings = load_settings(None, env={"CSPRBOT_DATABASE_URL": database_url,
                                        "CSPRBOT_INBOX_URL": inbox})
    engine = make_engine(settings.store.url)
    migrate(engine)
    sessions = session_factory(engine)
    try:
        # The configured inbox has never recorded a check: that is the first thing to worry about.
        d = build(sessions, settings)
        assert section(d.text, "MAILBOX HEALTH") == [f"  {inbox}: never checked"]
        assert d.sections["mailboxes_stale"] == 1
        with sessions.begin() as s:
            # stale_after_minutes is 15: exactly 15 minutes old is still fine, 16 is stale.
            s.add(MailboxState(mailbox=inbox, key="last_check",
                               value=(NOW - timedelta(minutes=15)).isoformat(timespec="seconds")))
            s.add(MailboxState(mailbox=inbox, key="last_error", value=""))  # cleared after recovery
            s.add(MailboxState(mailbox="ews://cspr@exchange.nsscp.example.gov.uk/Inbox", key="last_check",
                               value=(NOW - timedelta(minutes=16)).isoformat()))
            s.add(MailboxState(mailbox="graph://old@nsscp.example.gov.uk/Inbox", key="last_check",
                               value="2026-03-10T07:30:00"))  # naive: read as UTC, an hour ago
            s.add(MailboxState(mailbox="imaps://old@mail.nsscp.example.gov.uk:993/INBOX", key="last_check",
                               value="2026-03-07T08:30:00+00:00"))  # three days ago
        d = build(sessions, settings)
        assert section(d.text, "MAILBOX HEALTH") == [
            "  ews://cspr@exchange.nsscp.example.gov.uk/Inbox: STALE: last checked 16 min ago",
            "  graph://old@nsscp.example.gov.uk/Inbox: STALE: last checked 60 min ago",
            f"  {inbox}: ok, checked 15 min ago",
            "  imaps://old@mail.nsscp.example.gov.uk:993/INBOX: STALE: last checked 3 days ago",
        ]
        assert d.sections["mailboxes_stale"] == 3
        assert '<td class="bad">STALE: last checked 16 min ago</td>' in d.html
    finally:
        engine.dispose()
