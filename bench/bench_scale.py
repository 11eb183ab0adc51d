"""Cost against the number of open cases (issue 13 item 4): 100, 1,000 and 10,000 open cases, SQLite and PostgreSQL.

For each database and size a fresh store is built in bulk (rows inserted through the models, as
bench_state.py does): open cases with a realistic parsed referral (distinct children, dates of birth and
incident dates), four clocks each (decision clocks due within days of opening, later clocks up to six
months ahead, 5 % overdue), outstanding agency requests, three audit events per case and 20 quarantined
messages. Then, in this order:

* same-incident check, per referral: what intake does before opening a case (the indexed candidate
  lookup + bot.domain.duplicates.same_incident; on code without the index, the scan of every open
  case). Mean over --checks new referrals (not duplicates: that is the common case and the full cost).
* intake per new referral: bot.intake.process_one on a real Word-form referral (parse, duplicate check,
  case, clocks, outbound mail, one commit), parsers warmed up first. Mean over --referrals referrals.
* storage per referral: growth of the database over those referrals (SQLite: file + WAL after a
  checkpoint; PostgreSQL: pg_database_size after VACUUM) divided by their number, minus their mean raw size.
* digest build: bot.digest.build_digest (read + render text/HTML + .ics), median of --repeat.
* `csprbot cases`: process wall time of the console script against the store, median of --repeat.
* start-up: `csprbot cases` on an up-to-date store with 3 cases, median of --startup-runs.

PostgreSQL: a throw-away cluster (initdb + pg_ctl from --pg-bin, run as the `postgres` user when this
runs as root) on a free loopback port in a temp dir, fsync off; or --pg-url to use a running server.

Run:  .venv/bin/python bench/bench_scale.py [--sizes 100,1000,10000] [--db sqlite,postgresql] [--tag after]
Prints a table; writes bench/results/scale.json (scale-<tag>.json with --tag).
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import datetime as dt
import os
import random
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from common import ROOT, child_name, print_table, referral, write_results  # puts the repo root on sys.path
from sqlalchemy import Engine, insert, text
from sqlalchemy.orm import Session, sessionmaker

from bot.app import make_calendar
from bot.apply import Runtime
from bot.settings import Settings, load_settings
from bot.store.db import make_engine, migrate, session_factory
from bot.store.models import AgencyRequest, Case, Clock, Event, Message
from bot.workdays import WorkCalendar

AGENCIES = ("Children's Social Care", "Avon and Somerset Police", "ICB Health", "Education")
DECISION = (("screening", ""), ("notification", ""))
LATER = (("rr_submission", ""), ("agency_return", "ICB Health"), ("lcspr", ""), ("agency_return", "Education"))


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    t0 = time.perf_counter()
    out = fn()
    return time.perf_counter() - t0, out


def cpu_timed(fn: Callable[[], Any]) -> tuple[float, float, Any]:
    """(wall seconds, this process's CPU seconds, result): CPU time is what a shared, loaded machine
    disturbs least (it leaves out the database server's time on PostgreSQL)."""
    c0, t0 = time.process_time(), time.perf_counter()
    out = fn()
    return time.perf_counter() - t0, time.process_time() - c0, out


def children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


# --- PostgreSQL ------------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def pg_cluster(pg_bin: Path) -> Iterator[str]:
    """A throw-away PostgreSQL cluster on a free loopback port; yields a SQLAlchemy URL base (no db name)."""
    tmp = Path(tempfile.mkdtemp(prefix="bench-pg."))
    as_pg: list[str] = []
    if os.geteuid() == 0:  # initdb refuses root
        shutil.chown(tmp, "postgres")
        as_pg = ["runuser", "-u", "postgres", "--"]
    data, port = tmp / "data", free_port()
    subprocess.run([*as_pg, str(pg_bin / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust", "-E", "UTF8"],
                   check=True, capture_output=True)
    opts = f"-c listen_addresses=127.0.0.1 -c port={port} -c unix_socket_directories={tmp} -c fsync=off " \
           "-c synchronous_commit=off -c full_page_writes=off"
    subprocess.run([*as_pg, str(pg_bin / "pg_ctl"), "-D", str(data), "-o", opts, "-l", str(tmp / "log"), "-w",
                    "start"], check=True, capture_output=True)
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}"
    finally:
        subprocess.run([*as_pg, str(pg_bin / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"],
                       check=False, capture_output=True)
        shutil.rmtree(tmp, ignore_errors=True)


def pg_database(base: str, name: str) -> str:
    admin = make_engine(f"{base}/postgres")
    with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return f"{base}/{name}"


# --- the store -------------------------------------------------------------------------------------

def template_form() -> dict[str, Any]:
    """The referral as csprbot reads it from the demo's Word form (what intake stores in referral_json)."""
    from parsers import parse_message

    parsed = parse_message(referral(dt.datetime(2026, 3, 2, 10, tzinfo=dt.UTC), 1))
    assert parsed.referral is not None
    return parsed.referral.model_dump(mode="json")


def populate(sessions: sessionmaker[Session], cal: WorkCalendar, today: dt.date, n: int, form: dict[str, Any],
             seed: int = 1) -> None:
    rng = random.Random(seed)
    stamp = dt.datetime.combine(today, dt.time(9)) - dt.timedelta(days=1)
    has_keys = "child_name_key" in Case.__table__.c
    if has_keys:
        from bot.domain.duplicates import incident_keys
    cases, clocks, reqs, events = [], [], [], []
    for i in range(1, n + 1):
        f = copy.deepcopy(form)
        f["child"]["name"] = child_name(i)
        f["child"]["date_of_birth"] = (dt.date(2008, 1, 1) + dt.timedelta(days=i % 5000)).isoformat()
        f["child"]["incident_date"] = (today - dt.timedelta(days=40 + i % 700)).isoformat()
        row: dict[str, Any] = {
            "id": i, "ref": f"NS-CSPR-{today.year - 1}-{i:05d}", "year": today.year - 1, "seq": i,
            "stage": "screening" if i % 10 == 0 else "rapid_review", "opened_at": stamp - dt.timedelta(days=i % 300),
            "incident_date": today - dt.timedelta(days=40), "received_date": today - dt.timedelta(days=30),
            "referrer_email": "sam.example@csc.example.gov.uk", "late_referral": False, "referral_json": f}
        if has_keys:
            k = incident_keys(f)
            row.update(child_name_key=k.name, child_dob_key=k.date_of_birth, child_incident_key=k.incident_date)
        cases.append(row)
        shape = DECISION + LATER[:2] if i % 10 == 0 else LATER
        for key, agency in shape:
            if rng.random() < 0.05:
                due = cal.add_working_days(today, -rng.randint(1, 20))
            elif (key, agency) in DECISION:
                due = cal.add_working_days(today, rng.randint(0, 5))
            else:
                due = cal.add_working_days(today + dt.timedelta(days=rng.randint(0, 180)), 0)
            clocks.append({"case_id": i, "key": key, "agency": agency, "anchor": due - dt.timedelta(days=7),
                           "due": due, "original_due": due, "state": "running", "started_at": stamp})
        for ag in AGENCIES[:2]:
            reqs.append({"case_id": i, "agency": ag, "requested_on": today - dt.timedelta(days=5),
                         "received_on": today - dt.timedelta(days=rng.randint(1, 700)) if rng.random() < 0.9 else None,
                         "unsolicited": False, "late": False})
        for k in ("referral_opened", "clock_started", "mail_queued"):
            events.append({"at": row["opened_at"], "case_id": i, "kind": k, "actor": "bench", "detail": {"n": i}})
    quarantined = [{"dedupe_key": f"mid:<q{i}@bench>", "message_id": f"<q{i}@bench>", "sha256": "0" * 64,
                    "mailbox": "bench", "source_id": str(i), "sender": "x@y.gov.uk", "size": 10, "raw": b"x",
                    "received_at": stamp, "status": "quarantined", "reason": "could not read 'form.docx'"}
                   for i in range(20)]
    with sessions.begin() as s:
        for table, rows in ((Case, cases), (Clock, clocks), (AgencyRequest, reqs), (Event, events),
                            (Message, quarantined)):
            for chunk in range(0, len(rows), 2000):
                s.execute(insert(table), rows[chunk:chunk + 2000])
        if s.bind.dialect.name == "postgresql":  # type: ignore[union-attr]
            # Bulk-inserted ids do not advance the sequences that intake's inserts will use.
            for table in ("cases", "clocks", "agency_requests", "events", "messages"):
                s.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                               f"(SELECT coalesce(max(id), 1) FROM {table}))"))
    analyze(sessions)


def analyze(sessions: sessionmaker[Session]) -> None:
    with sessions.begin() as s:
        s.execute(text("ANALYZE"))


def db_bytes(engine: Engine, url: str) -> int:
    if engine.dialect.name == "sqlite":
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        path = Path(url[len("sqlite:///"):])
        return sum(p.stat().st_size for p in (path, Path(f"{path}-wal")) if p.exists())
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("VACUUM"))
        return int(conn.execute(text("SELECT pg_database_size(current_database())")).scalar_one())


# --- the measures ----------------------------------------------------------------------------------

def duplicate_check(s: Session, new: Any) -> str | None:
    """What intake asks before opening a case; the scan of every open case on code without the index."""
    from bot.domain import duplicates

    if hasattr(duplicates, "lookup_keys"):
        from bot.store.repo import incident_candidates

        keys = duplicates.lookup_keys(new)
        return duplicates.same_incident(new, incident_candidates(s, keys)) if keys else None
    from bot.intake import _open_case_children  # type: ignore[attr-defined]

    return duplicates.same_incident(new, _open_case_children(s))


def bench_checks(sessions: sessionmaker[Session], n: int) -> float:
    from parsers.records import Child, Referral

    news = [Referral(child=Child(name=child_name(10_000 + k), date_of_birth="2019-03-14",
                                 incident_date="2026-03-01")) for k in range(n)]
    with sessions() as s:
        duplicate_check(s, news[0])  # warm
        t, found = timed(lambda: [duplicate_check(s, r) for r in news])
    assert not any(found)
    return t / n


def bench_intake(sessions: sessionmaker[Session], engine: Engine, url: str, rt: Runtime, n: int,
                 ) -> tuple[float, float, float, float]:
    """(seconds per referral, CPU seconds per referral, bytes of storage per referral beyond its raw size,
    mean raw size)."""
    from bot.intake import process_one
    from bot.mail.base import InboundMail
    from parsers import parse_message

    sent = rt.now - dt.timedelta(hours=1)
    raws = [referral(sent, 20_000 + k) for k in range(n + 1)]
    parse_message(raws[-1])  # parsers imported and warm
    before = db_bytes(engine, url)
    times, cpus = [], []
    for k, raw in enumerate(raws[:n]):
        t, c, out = cpu_timed(lambda raw=raw, k=k: process_one(InboundMail("bench", f"b{k}", raw), sessions, rt))
        assert out.status == "processed" and out.detail == "referral", out
        times.append(t)
        cpus.append(c)
    grown = db_bytes(engine, url) - before
    raw_mean = statistics.fmean(len(r) for r in raws[:n])
    return statistics.fmean(times), statistics.fmean(cpus), grown / n - raw_mean, raw_mean


def bench_digest(sessions: sessionmaker[Session], rt: Runtime, repeat: int) -> tuple[float, float, dict[str, int]]:
    from bot.digest import build_digest

    times, cpus, sections = [], [], {}
    for _ in range(repeat):
        with sessions() as s:
            t, c, d = cpu_timed(lambda s=s: build_digest(s, rt))
        times.append(t)
        cpus.append(c)
        sections = d.sections
    return statistics.median(times), statistics.median(cpus), sections


def csprbot_exe() -> list[str]:
    exe = Path(sys.executable).with_name("csprbot")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "bot.cli"]


def cli_env(url: str) -> dict[str, str]:
    """The console script runs the code of the tree this file is in (PYTHONPATH first: a "before"
    checkout measured with the same venv), with byte-code caching on, as an installed csprbot has."""
    env = {**os.environ, "CSPRBOT_DATABASE_URL": url, "PYTHONPATH": str(ROOT)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def bench_cases_cli(url: str, now: dt.datetime, repeat: int, expect: int) -> tuple[float, float]:
    env = cli_env(url)
    cmd = [*csprbot_exe(), "cases", "--json", "--now", now.isoformat()]
    times, cpus = [], []
    for _ in range(repeat + 1):
        c0, t0 = children_cpu(), time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, env=env, cwd=ROOT, check=False)
        times.append(time.perf_counter() - t0)
        cpus.append(children_cpu() - c0)
        if proc.returncode != 0:
            raise RuntimeError(f"{cmd} exited {proc.returncode}: {proc.stderr.decode()[-800:]}")
        import json

        assert len(json.loads(proc.stdout)) >= expect
    return statistics.median(times[1:]), statistics.median(cpus[1:])  # the first run warms the page cache


def one_size(db: str, url: str, n: int, settings: Settings, cal: WorkCalendar, form: dict[str, Any],
             args: argparse.Namespace) -> dict[str, Any]:
    engine = make_engine(url)
    migrate(engine)
    sessions = session_factory(engine)
    day = cal.add_working_days(dt.date.today(), 1)
    now = cal.at_local(day, dt.time(10)).astimezone(dt.UTC)
    rt = Runtime(settings, cal, now)
    t_pop, _ = timed(lambda: populate(sessions, cal, now.astimezone(cal.tz).date(), n, form))
    check_s = bench_checks(sessions, args.checks)
    intake_s, intake_cpu, extra_bytes, raw_bytes = bench_intake(sessions, engine, url, rt, args.referrals)
    digest_s, digest_cpu, sections = bench_digest(sessions, rt, args.repeat)
    engine.dispose()
    cases_s, cases_cpu = bench_cases_cli(url, now, args.repeat, n)
    out = {"db": db, "open_cases": n, "populate_s": t_pop, "same_incident_ms": 1000 * check_s,
           "intake_ms": 1000 * intake_s, "intake_cpu_ms": 1000 * intake_cpu, "storage_extra_mb": extra_bytes / 1e6,
           "raw_mb": raw_bytes / 1e6, "digest_s": digest_s, "digest_cpu_s": digest_cpu, "digest_sections": sections,
           "cases_cli_s": cases_s, "cases_cli_cpu_s": cases_cpu, "load_avg": os.getloadavg()[0]}
    print(f"  {db} {n:>6,}: check {out['same_incident_ms']:.2f} ms, intake {out['intake_ms']:.1f} ms "
          f"(cpu {1000 * intake_cpu:.1f}), storage +{out['storage_extra_mb']:.3f} MB/referral, digest "
          f"{digest_s:.3f} s (cpu {digest_cpu:.3f}), cases {cases_s:.2f} s (cpu {cases_cpu:.2f}), "
          f"load {out['load_avg']:.1f}", flush=True)
    return out


def bench_startup(url: str, runs: int) -> tuple[float, float]:
    """`csprbot cases` process time on an up-to-date store with a few cases (made by the bench above)."""
    env = cli_env(url)
    cmd = [*csprbot_exe(), "cases"]
    times, cpus = [], []
    for _ in range(runs + 2):
        c0, t0 = children_cpu(), time.perf_counter()
        subprocess.run(cmd, capture_output=True, env=env, cwd=ROOT, check=True)
        times.append(time.perf_counter() - t0)
        cpus.append(children_cpu() - c0)
    return statistics.median(times[2:]), statistics.median(cpus[2:])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--sizes", default="100,1000,10000")
    ap.add_argument("--db", default="sqlite,postgresql")
    ap.add_argument("--checks", type=int, default=50)
    ap.add_argument("--referrals", type=int, default=30)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--startup-runs", type=int, default=15)
    ap.add_argument("--pg-bin", default="/usr/lib/postgresql/15/bin")
    ap.add_argument("--pg-url", help="a running server (SQLAlchemy URL without database name) instead of a cluster")
    ap.add_argument("--tag", default="")
    args = ap.parse_args()
    sizes = [int(x) for x in args.sizes.split(",")]
    settings = load_settings(None, {})
    cal = make_calendar(settings)
    form = template_form()
    results: list[dict[str, Any]] = []
    startup: dict[str, tuple[float, float]] = {}
    with tempfile.TemporaryDirectory(prefix="bench-scale.") as tmp, contextlib.ExitStack() as stack:
        for db in args.db.split(","):
            if db == "sqlite":
                def url_for(name: str) -> str:
                    return f"sqlite:///{tmp}/{name}.db"
            else:
                base = args.pg_url or stack.enter_context(pg_cluster(Path(args.pg_bin)))

                def url_for(name: str, base: str = base) -> str:
                    return pg_database(base, name)
            for n in sizes:
                results.append(one_size(db, url_for(f"scale{n}"), n, settings, cal, form, args))
            small = url_for("startup")
            eng = make_engine(small)
            migrate(eng)
            populate(session_factory(eng), cal, dt.date.today(), 3, form)
            eng.dispose()
            startup[db] = bench_startup(small, args.startup_runs)
            print(f"  {db}: csprbot cases start-up (3 cases) {startup[db][0]:.3f} s (cpu {startup[db][1]:.3f}), "
                  f"load {os.getloadavg()[0]:.1f}", flush=True)
    rows = [(r["db"], f"{r['open_cases']:,}", r["same_incident_ms"], r["intake_ms"], r["intake_cpu_ms"],
             r["storage_extra_mb"], r["digest_s"], r["digest_cpu_s"], r["cases_cli_s"], r["cases_cli_cpu_s"])
            for r in results]
    print_table(("db", "open cases", "dup check ms", "intake ms", "(cpu)", "+MB/referral", "digest s", "(cpu)",
                 "cases s", "(cpu)"), rows)
    for db, (t, c) in startup.items():
        print(f"csprbot cases start-up, {db}, 3 cases: {t:.3f} s wall, {c:.3f} s CPU")
    write_results("scale" + (f"-{args.tag}" if args.tag else ""), {
        "command": "bench/bench_scale.py " + " ".join(f"--{k.replace('_', '-')} {v}" for k, v in vars(args).items()
                                                     if v and k != "pg_url"),
        "results": results, "startup_wall_cpu_s": startup,
    })


if __name__ == "__main__":
    main()
