"""State at scale: the clock sweep over 100,000 running clocks, the digest for 1,000 open cases, case lookup.

What it measures (SQLite file in a temp dir, WAL, as deployed; rows bulk-inserted through the models):

* sweep, catch-up: the first sweep over a fresh store at 10:00 on a working day; every slot already due
  (about 1 % of clocks are overdue, chasers due in the next days) is sent or skipped once. Rare in life.
* sweep, steady: the same sweep again a minute later (nothing new due) - what `csprbot run` does every
  minute all day. Median of --repeat runs. Target <= 1 s.
* sweep, next day: the sweep the next working day at 10:00 (a day's worth of new chasers/escalations).
* digest: build_digest (read + render text/HTML + .ics) and queue_digest (also renders the mail and
  queues it) over a second store with 1,000 open cases. Target <= 1 s.
* lookup: case_by_ref, and the full `csprbot case REF` view, for random refs in the 100k-clock store.

Run:  .venv/bin/python bench/bench_state.py [--clocks 100000] [--digest-cases 1000] [--tag before]
Prints a table; writes bench/results/state.json (state-<tag>.json with --tag).
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import random
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from common import print_table, summary, verdict, write_results  # also puts the repo root on sys.path
from sqlalchemy import insert
from sqlalchemy.orm import Session, sessionmaker

from bot.app import make_calendar
from bot.apply import Runtime
from bot.settings import Settings, load_settings
from bot.store.db import make_engine, migrate, session_factory
from bot.store.models import AgencyRequest, Case, Clock, Event, Message
from bot.workdays import WorkCalendar

T = TypeVar("T")
AGENCIES = ("Children's Social Care", "Avon and Somerset Police", "ICB Health", "Education")
# Four running clocks per case, two shapes of case, keys as in DOMAIN.md.
SHAPES = (
    (("screening", ""), ("notification", ""), ("referral", ""), ("agency_return", "Education")),
    (("rr_submission", ""), ("agency_return", "ICB Health"), ("lcspr", ""), ("panel_response", "")),
)


def timed(fn: Callable[[], T]) -> tuple[float, T]:
    t0 = time.perf_counter()
    out = fn()
    return time.perf_counter() - t0, out


def working_morning(cal: WorkCalendar, after: dt.date) -> dt.datetime:
    """10:00 local on the first working day after `after`, as aware UTC."""
    day = cal.add_working_days(after, 1)
    return cal.at_local(day, dt.time(10, 0)).astimezone(dt.UTC)


def populate(sessions: sessionmaker[Session], cal: WorkCalendar, today: dt.date, n_cases: int,
             overdue_share: float, seed: int = 1) -> list[str]:
    """Cases with four running clocks each; returns the refs. Due dates: `overdue_share` of clocks are
    1-20 WD overdue, the rest due 0-180 days ahead (on a working day)."""
    rng = random.Random(seed)
    stamp = dt.datetime.combine(today, dt.time(9, 0)) - dt.timedelta(days=30)
    year = today.year
    refs = [f"NS-CSPR-{year}-{i:03d}" for i in range(1, n_cases + 1)]
    case_rows: list[dict[str, Any]] = []
    clock_rows: list[dict[str, Any]] = []
    for i, ref in enumerate(refs, start=1):
        case_rows.append({"id": i, "ref": ref, "year": year, "seq": i, "stage": "screening" if i % 2 else
                          "rapid_review", "opened_at": stamp, "incident_date": today - dt.timedelta(days=40),
                          "received_date": today - dt.timedelta(days=30), "referrer_email": "a@b.gov.uk",
                          "late_referral": False, "referral_json": {"child": {"name": "Alex Fictional"}}})
        for key, agency in SHAPES[i % 2]:
            if rng.random() < overdue_share:
                due = cal.add_working_days(today, -rng.randint(1, 20))
            else:
                due = cal.add_working_days(today + dt.timedelta(days=rng.randint(0, 180)), 0)
            clock_rows.append({"case_id": i, "key": key, "agency": agency, "anchor": due - dt.timedelta(days=7),
                               "due": due, "original_due": due, "state": "running", "started_at": stamp})
    with sessions.begin() as s:
        for chunk in range(0, len(case_rows), 5000):
            s.execute(insert(Case), case_rows[chunk:chunk + 5000])
        for chunk in range(0, len(clock_rows), 5000):
            s.execute(insert(Clock), clock_rows[chunk:chunk + 5000])
    return refs


def add_digest_extras(sessions: sessionmaker[Session], today: dt.date, n_cases: int) -> None:
    """What a digest also reads: agency requests (returns outstanding), audit events, quarantined mail."""
    stamp = dt.datetime.combine(today, dt.time(9, 0)) - dt.timedelta(days=1)
    with sessions.begin() as s:
        s.execute(insert(AgencyRequest), [
            {"case_id": i, "agency": ag, "requested_on": today - dt.timedelta(days=5), "unsolicited": False,
             "late": False} for i in range(1, n_cases + 1) for ag in AGENCIES[:2]])
        s.execute(insert(Event), [
            {"at": stamp, "case_id": i, "kind": k, "actor": "bench", "detail": {"n": i}}
            for i in range(1, n_cases + 1) for k in ("case_opened", "clock_started", "mail_queued")])
        s.execute(insert(Message), [
            {"dedupe_key": f"mid:<q{i}@bench>", "message_id": f"<q{i}@bench>", "sha256": "0" * 64,
             "mailbox": "bench", "source_id": str(i), "sender": "x@y.gov.uk", "size": 10, "raw": b"x",
             "received_at": stamp, "status": "quarantined", "reason": "could not read 'form.docx'"}
            for i in range(20)])


def fresh_store(tmp: Path, name: str) -> sessionmaker[Session]:
    engine = make_engine(f"sqlite:///{tmp / name}")
    migrate(engine)
    return session_factory(engine)


def bench_sweep(settings: Settings, cal: WorkCalendar, tmp: Path, n_clocks: int, repeat: int) -> dict[str, Any]:
    from bot.domain.refs import find_ref
    from bot.store.repo import case_by_ref
    from bot.sweep import sweep
    from bot.views import case_view

    now = working_morning(cal, dt.date.today())
    today = now.astimezone(cal.tz).date()
    sessions = fresh_store(tmp, "sweep.db")
    t_pop, refs = timed(lambda: populate(sessions, cal, today, n_clocks // 4, overdue_share=0.01))
    rt = Runtime(settings, cal, now)
    t_first, sent_first = timed(lambda: sweep(sessions, rt))
    steady = []
    for k in range(repeat):
        rt_k = Runtime(settings, cal, now + dt.timedelta(minutes=1 + k))
        t, n = timed(functools.partial(sweep, sessions, rt_k))
        assert n == 0, f"steady sweep sent {n}"
        steady.append(t)
    rt_next = Runtime(settings, cal, working_morning(cal, today))
    t_next, sent_next = timed(lambda: sweep(sessions, rt_next))

    rng = random.Random(3)
    picks = [rng.choice(refs) for _ in range(1000)]
    with sessions() as s:
        t_lookup, found = timed(lambda: sum(1 for r in picks if case_by_ref(s, r) is not None))
    assert found == len(picks)
    with sessions() as s:
        def views() -> int:
            n = 0
            for r in picks[:200]:
                case = case_by_ref(s, find_ref(r) or r)
                assert case is not None
                n += len(case_view(s, case, today)["clocks"])
            return n
        t_view, _ = timed(views)
    return {
        "clocks": n_clocks, "cases": len(refs), "populate_s": t_pop,
        "sweep_catchup_s": t_first, "sweep_catchup_reminders": sent_first,
        "sweep_steady": summary(steady), "sweep_next_day_s": t_next, "sweep_next_day_reminders": sent_next,
        "lookup_by_ref_ms": 1000 * t_lookup / len(picks), "case_view_ms": 1000 * t_view / 200,
    }


def bench_digest(settings: Settings, cal: WorkCalendar, tmp: Path, n_cases: int, repeat: int) -> dict[str, Any]:
    from bot.digest import build_digest, queue_digest

    now = working_morning(cal, dt.date.today())
    today = now.astimezone(cal.tz).date()
    sessions = fresh_store(tmp, "digest.db")
    populate(sessions, cal, today, n_cases, overdue_share=0.05, seed=2)
    add_digest_extras(sessions, today, n_cases)
    rt = Runtime(settings, cal, now)
    builds = []
    sections: dict[str, int] = {}
    for _ in range(repeat):
        with sessions() as s:
            t, d = timed(functools.partial(build_digest, s, rt))
        builds.append(t)
        sections = d.sections
    t_queue, queued = timed(lambda: queue_digest(sessions, rt))
    return {"open_cases": n_cases, "running_clocks": n_cases * 4, "build": summary(builds),
            "queue_s": t_queue, "queued": queued, "sections": sections}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--clocks", type=int, default=100_000)
    ap.add_argument("--digest-cases", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--tag", default="", help="results file suffix, e.g. 'before'")
    args = ap.parse_args()
    settings = load_settings(None, {})
    cal = make_calendar(settings)
    with tempfile.TemporaryDirectory(prefix="bench-state.") as d:
        sw = bench_sweep(settings, cal, Path(d), args.clocks, args.repeat)
        dg = bench_digest(settings, cal, Path(d), args.digest_cases, args.repeat)
    steady = sw["sweep_steady"]["p50"]
    rows = [
        ("sweep, steady (every minute), p50", f"{sw['clocks']:,} clocks", steady, "<= 1 s", verdict(steady <= 1)),
        ("sweep, catch-up (first ever)", f"{sw['sweep_catchup_reminders']} reminders", sw["sweep_catchup_s"],
         "", ""),
        ("sweep, next working day", f"{sw['sweep_next_day_reminders']} reminders", sw["sweep_next_day_s"], "", ""),
        ("digest build, p50", f"{dg['open_cases']:,} cases", dg["build"]["p50"], "<= 1 s",
         verdict(dg["build"]["p50"] <= 1)),
        ("digest queue (build + mail)", f"{dg['queued']} queued", dg["queue_s"], "<= 1 s",
         verdict(dg["queue_s"] <= 1)),
        ("case_by_ref, per lookup (ms)", "1,000 refs", sw["lookup_by_ref_ms"], "", ""),
        ("case view, per case (ms)", "200 refs", sw["case_view_ms"], "", ""),
    ]
    print_table(("measure", "size", "seconds", "target", "verdict"), rows)
    write_results("state" + (f"-{args.tag}" if args.tag else ""), {
        "command": "bench/bench_state.py " + " ".join(f"--{k.replace('_', '-')} {v}" for k, v in vars(args).items()
                                                     if v),
        "sweep": sw, "digest": dg,
        "targets": {"sweep_steady_s": 1.0, "digest_s": 1.0},
        "met": {"sweep": steady <= 1, "digest": dg["build"]["p50"] <= 1 and dg["queue_s"] <= 1},
    })


if __name__ == "__main__":
    main()
