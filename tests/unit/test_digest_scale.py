"""The digest reads only what is due (issue 13), and says exactly what it said when it read everything.

Oracle: the digest as csprbot built it before, with every running clock loaded (ORM objects, all
cases), new cases found by grouping the whole audit log, refused commands by a filter over the log,
and the calendar built through the icalendar library. The generated stores mix clock keys, states,
due dates either side of today and of the calendar horizon, agency names that need iCalendar escaping,
cases opened before and inside the window, refused commands, and sometimes a previous digest (the
window by audit id rather than by time).
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import icalendar
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, event, func, select, text
from sqlalchemy.orm import Session

import bot.digest as digest
from bot.app import make_calendar
from bot.apply import Runtime
from bot.settings import Settings, load_settings
from bot.store.db import make_engine, migrate, session_factory
from bot.store.models import AgencyRequest, Case, Clock, Event, OutboxItem

NOW = datetime(2026, 3, 10, 8, 30, tzinfo=UTC)  # Tue 10 Mar 2026 08:30 GMT
TODAY = NOW.date()
KEYS = ("screening", "notification", "disagreement", "agency_return", "rr_submission", "panel_response", "lcspr",
        "rr_start")
AGENCIES = ("", "Education", "ICB Health", "Police, Avon; Somerset", "Children's Social Care \\ Early Help",
            "Ysgol Gymraeg — Ŵyn")
STATES = ("running", "running", "running", "met", "stopped")


# --- the oracle: the digest's readers as they were -----------------------------------------------------

def old_running(s: Session, until: date) -> list[tuple[Any, str]]:
    rows = s.execute(select(Clock, Case.ref).join(Case, Case.id == Clock.case_id)
                     .where(Clock.state == "running").order_by(Clock.due, Case.ref, Clock.key, Clock.agency)).all()
    return [(c, ref) for c, ref in rows]


def old_new_cases(s: Session, rt: Runtime, window: Any) -> list[Any]:
    first_event = (select(Event.case_id, func.min(Event.id).label("first"))
                   .where(Event.case_id.is_not(None)).group_by(Event.case_id).subquery())
    in_window = select(Event.id).where(window.events())
    rows = s.execute(select(Case.ref, Case.stage, Case.opened_at, Case.late_referral)
                     .join(first_event, first_event.c.case_id == Case.id)
                     .where(first_event.c.first.in_(in_window)).order_by(Case.id)).all()
    return [digest.NewCase(ref, stage, digest._fmt_local(rt, opened), bool(late)) for ref, stage, opened, late in rows]


def old_refused(s: Session, window: Any) -> list[Any]:
    rows = s.execute(select(Event.detail, Case.ref).outerjoin(Case, Case.id == Event.case_id)
                     .where(Event.kind == "command_refused", window.events()).order_by(Event.id)).all()
    return [digest.Refused(ref or "(no case)", digest._clip(str(detail.get("verb") or "?"), 40),
                           digest.scrub(str(detail.get("reason") or "")) or "no reason recorded")
            for detail, ref in rows]


def old_ics(rt: Runtime, running: list[tuple[Any, str]]) -> bytes:
    horizon = rt.cal.add_working_days(rt.today, digest.ICS_HORIZON_WD)
    domain = rt.settings.partnership.bot_address.rsplit("@", 1)[-1]
    cal: Any = icalendar.Calendar()
    for k, v in (("prodid", "-//csprbot//CSPR due dates//EN"), ("version", "2.0"), ("method", "PUBLISH"),
                 ("calscale", "GREGORIAN"), ("x-wr-calname", "CSPR due dates")):
        cal.add(k, v)
    for c, ref in running:
        if not rt.today <= c.due <= horizon:
            continue
        informal = digest._informal(rt.settings, c.key)
        ev: Any = icalendar.Event()
        ev.add("uid", digest.event_uid(ref, c.key, c.agency, c.due, domain))
        ev.add("dtstamp", rt.now.astimezone(UTC))
        ev.add("dtstart", c.due)
        ev.add("dtend", c.due + timedelta(days=1))
        ev.add("summary", f"{ref}: {digest._what(c.key, c.agency)} {'expected' if informal else 'due'}")
        rule = rt.settings.clocks.get(c.key)
        who = ", ".join(r.replace("_", " ") for r in rule.responsible) if rule else ""
        desc = f"Case {ref}. {digest._what(c.key, c.agency)}: due {c.due.isoformat()}."
        desc += " Informational: no chaser." if informal else (f" Chased: {who}." if who else "")
        desc += f" Details: csprbot case {ref}"
        ev.add("description", desc)
        ev.add("transp", "TRANSPARENT")
        ev.add("class", "CONFIDENTIAL")
        cal.add_component(ev)
    out: bytes = cal.to_ical()
    return out


def calendar(ics: bytes) -> tuple[dict[str, str], list[tuple[Any, ...]]]:
    """The calendar's properties and its events' fields, as an importing client reads them."""
    cal = icalendar.Calendar.from_ical(ics)
    props = {k: str(cal[k]) for k in ("VERSION", "PRODID", "METHOD", "CALSCALE", "X-WR-CALNAME")}
    events = [tuple([*(str(ev[k]) for k in ("UID", "SUMMARY", "DESCRIPTION", "TRANSP", "CLASS")),
                     *(ev.decoded(k) for k in ("DTSTART", "DTEND", "DTSTAMP"))]) for ev in cal.walk("VEVENT")]
    return props, events


# --- generated stores ----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def cfg() -> Settings:
    return load_settings(None, env={})


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    eng = make_engine(f"sqlite:///{tmp_path}/csprbot.db")
    migrate(eng)
    yield eng
    eng.dispose()


clock_st = st.tuples(st.sampled_from(KEYS), st.sampled_from(AGENCIES), st.integers(-40, 60),
                     st.sampled_from(STATES), st.booleans())
case_st = st.fixed_dictionaries({
    "stage": st.sampled_from(("screening", "rapid_review", "closed", "lcspr")),
    "opened_hours_ago": st.integers(0, 24 * 20),  # before and inside the window
    "earlier_event": st.booleans(),  # an event before the window too (e.g. re-opened, linked mail)
    "clocks": st.lists(clock_st, max_size=5),
    "requests": st.lists(st.tuples(st.sampled_from(AGENCIES[1:]), st.booleans()), max_size=3),
    "refused": st.booleans(),
})


def fill(s: Session, cases: list[dict[str, Any]], previous_digest_hours_ago: int | None) -> None:
    base = NOW.replace(tzinfo=None)
    for seq, spec in enumerate(cases, start=1):
        opened = base - timedelta(hours=spec["opened_hours_ago"])
        case = Case(ref=f"NS-CSPR-2026-{seq:03d}", year=2026, seq=seq, stage=spec["stage"], opened_at=opened,
                    received_date=opened.date(), late_referral=seq % 3 == 0, referral_json=None)
        s.add(case)
        s.flush()
        if spec["earlier_event"]:
            s.add(Event(at=opened - timedelta(days=30), case_id=case.id, kind="mail_received", actor=None, detail={}))
            s.flush()
        s.add(Event(at=opened, case_id=case.id, kind="referral_opened", actor=None, detail={}))
        seen = set()
        for key, agency, offset, state, extended in spec["clocks"]:
            if (key, agency) in seen:
                continue
            seen.add((key, agency))
            due = TODAY + timedelta(days=offset)
            s.add(Clock(case_id=case.id, key=key, agency=agency, anchor=due - timedelta(days=10), due=due,
                        original_due=due - timedelta(days=2) if extended else due, state=state,
                        started_at=opened, stopped_on=None if state == "running" else TODAY))
        for agency, received in {a: r for a, r in spec["requests"]}.items():
            s.add(AgencyRequest(case_id=case.id, agency=agency, requested_on=TODAY - timedelta(days=12),
                                received_on=TODAY - timedelta(days=1) if received else None))
        if spec["refused"]:
            s.add(Event(at=opened + timedelta(minutes=5), case_id=case.id, kind="command_refused", actor="x@y",
                        detail={"verb": "CLOSE", "reason": "CLOSE must come from 'coordinator'"}))
        s.flush()
    if previous_digest_hours_ago is not None:
        at = base - timedelta(hours=previous_digest_hours_ago)
        key = f"digest:digest:{(at.date()).isoformat()}:nsscp.coordinator@nsscp.example.gov.uk"
        if at.date() < TODAY:
            s.add(OutboxItem(idem_key=key, kind="digest", recipient="c@x", subject="d", raw=b"x", status="sent",
                             next_attempt_at=at, created_at=at))
            s.add(Event(at=at, case_id=None, kind="mail_queued", actor=None, detail={"idem_key": key}))


def build(engine: Engine, cfg: Settings) -> digest.Digest:
    with session_factory(engine)() as s:
        return digest.build_digest(s, Runtime(cfg, make_calendar(cfg), NOW))


def test_digest_reads_the_due_items_and_says_what_the_full_read_said(
        tmp_path: Path, cfg: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    template = tmp_path / "template.db"
    eng = make_engine(f"sqlite:///{template}")
    migrate(eng)
    eng.dispose()  # closes the last connection: the WAL is checkpointed into the file copied below
    store = [0]

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.lists(case_st, max_size=8), st.one_of(st.none(), st.integers(1, 24 * 6)))
    def check(cases: list[dict[str, Any]], previous: int | None) -> None:
        # The audit log is append-only: a fresh database file per example, from a migrated copy.
        store[0] += 1
        shutil.copy(template, tmp_path / f"{store[0]}.db")
        eng = make_engine(f"sqlite:///{tmp_path}/{store[0]}.db")
        try:
            with session_factory(eng).begin() as s:
                fill(s, cases, previous)
            new = build(eng, cfg)
            with monkeypatch.context() as m:
                m.setattr(digest, "_running", old_running)
                m.setattr(digest, "_new_cases", old_new_cases)
                m.setattr(digest, "_refused", old_refused)
                m.setattr(digest, "build_ics", old_ics)
                old = build(eng, cfg)
        finally:
            eng.dispose()
        assert new.sections == old.sections
        assert new.text == old.text
        assert new.html == old.html
        assert calendar(new.ics) == calendar(old.ics)

    check()


@given(st.text(alphabet=st.sampled_from("ab,;\\\n:é—Ŵ😀 x"), max_size=300))
def test_calendar_lines_fold_and_escape_as_the_library_reads_them(value: str) -> None:
    line = digest._ics_line("DESCRIPTION", digest._ics_text(value))
    physical = line.encode().split(b"\r\n")
    assert physical[-1] == b"" and all(len(p) <= 75 for p in physical)
    ics = (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:u\r\n" + line.encode()
           + b"END:VEVENT\r\nEND:VCALENDAR\r\n")
    ev = icalendar.Calendar.from_ical(ics).walk("VEVENT")[0]
    assert str(ev["DESCRIPTION"]) == value.replace("\r\n", "\n")


def test_digest_queries_search_by_index_not_scan(engine: Engine, cfg: Settings) -> None:
    """SQLite's plan for every digest query, on an analysed store of 300 open cases: no table the digest
    reads (clocks, cases, events, agency requests, messages, outbox) is scanned whole. Run with no earlier
    digest (the window by time) and with one (by audit id)."""
    sessions = session_factory(engine)
    cases = [{"stage": "rapid_review", "opened_hours_ago": 24 * (i % 200), "earlier_event": i % 7 == 0,
              "clocks": [(KEYS[i % len(KEYS)], "", i % 90 - 10, "running", False),
                         ("agency_return", "Education", i % 150, "running" if i % 4 else "met", False)],
              "requests": [("Education", i % 5 != 0), ("ICB Health", True)], "refused": i % 50 == 0}
             for i in range(300)]
    for previous in (None, 30):
        with sessions.begin() as s:
            fill(s, cases if previous is None else [], previous)
            # The mail a store of that size has sent: routing, requests, chasers (not digests).
            s.add_all(OutboxItem(idem_key=f"mid:<{previous}.{i}@x>:routing:r:{i}", kind="routing", recipient="a@b",
                                 subject="s", raw=b"x", status="sent", next_attempt_at=NOW, created_at=NOW)
                      for i in range(600))
            s.execute(text("ANALYZE"))
        plans: list[str] = []
        with sessions() as s:
            conn = s.connection()

            def explain(_c: object, _cur: object, statement: str, params: Any, _x: object, _m: bool,
                        plans: list[str] = plans, conn: Any = conn) -> None:
                if not statement.startswith("EXPLAIN"):
                    plans.extend(str(r[-1]) for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, params))

            event.listen(engine, "before_cursor_execute", explain)
            try:
                digest.build_digest(s, Runtime(cfg, make_calendar(cfg), NOW))
            finally:
                event.remove(engine, "before_cursor_execute", explain)
        # Scanning the partial index of outstanding requests reads only those (not every request ever made).
        scans = [p for p in plans if p.startswith("SCAN") and p.split()[1] in (
            "clocks", "cases", "events", "agency_requests", "messages", "outbox")
            and not p.endswith("USING INDEX ix_agency_requests_outstanding")]
        assert plans and not scans, plans


def test_event_uid_is_unchanged() -> None:
    """Calendar entries already imported keep their identity across the change of calendar writer."""
    want = hashlib.sha256(b"NS-CSPR-2026-001|agency_return|ICB Health|2026-03-16").hexdigest()[:32]
    assert digest.event_uid("NS-CSPR-2026-001", "agency_return", "ICB Health", date(2026, 3, 16), "x.uk") == \
        f"{want}@x.uk"
