"""A backlog of referrals read by one or two `csprbot run` instances: wall time until all is done.

    .venv/bin/python bench/twin_backlog.py --referrals 120 --noise 40 --repeat 2

Each run: a fresh PostgreSQL database (schema already at head), a fresh Dovecot INBOX holding the whole backlog
(North Somerset Word-form referrals of distinct children, plus auto-replies and junk), one SMTP sink; then 1
or 2 instances start together and the clock runs until INBOX is empty, every message has its row, nothing
is pending in the outbox and the sink has been quiet for 2 s (that quiet time is subtracted). Also one
instance on SQLite, for reference. `instances_cpu_seconds` is the instances' own CPU time (user + system,
from getrusage of the reaped children; the parse workers they fork are not in it): on a machine shared with
other work, two instances can only beat one when there is a second core free, and this figure tells whether
there was. Each run also records the 1-minute load average at its start and end.
Prints one JSON line per run and a summary; figures in docs/BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
for p in (ROOT, ROOT / "tests" / "reliability"):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

QUIET = 2.0


def backlog(referrals: int, noise: int, seed: int) -> list[bytes]:
    from reliability_kit import build_workload
    from twin_soak import DAY1

    w = build_workload(referrals * 4, seed, DAY1)
    refs = [raw for _m, what, raw in w.messages if what.startswith("referral")][:referrals]
    other = [raw for _m, what, raw in w.messages if what in ("auto-reply", "junk")][:noise]
    assert len(refs) == referrals, f"workload has only {len(refs)} referrals"
    return refs + other


def one_run(instances: int, db_url: str, mail: list[bytes], work: Path) -> dict[str, Any]:
    from reliability_kit import BotProcess, bot_env, query, write_profile
    from twin_soak import DAY1, USER

    from tests.servers.dovecot_server import DovecotServer
    from tests.servers.smtp_sink import SmtpSink

    profile = write_profile(work / "profile.toml", {"poll_seconds": 2, "rate_cap_per_hour": 10**6})
    with DovecotServer() as dc, SmtpSink(auth={USER: "botpw"}) as sink:
        feeder = dc.client(USER, tls="none")
        for raw in mail:
            feeder.append("INBOX", raw)
        feeder.logout()
        env = bot_env(CSPRBOT_INBOX_URL=dc.url(USER, tls="none"), CSPRBOT_SENDER_URL=sink.url(tls="none"),
                      CSPRBOT_INBOX_PASSWORD="botpw", CSPRBOT_SENDER_PASSWORD="botpw", CSPRBOT_DATABASE_URL=db_url)
        ru0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        load0 = os.getloadavg()[0]
        t0 = time.monotonic()
        bots = [BotProcess(profile, env, work, ["--now", DAY1.isoformat()]) for _ in range(instances)]
        last, since = None, None
        try:
            while True:
                pending = query(db_url, "SELECT count(*) FROM outbox WHERE status = 'pending'")[0][0]
                rows = query(db_url, "SELECT count(*) FROM messages")[0][0]
                state = (len(dc.uids(USER, "INBOX")), pending, rows, len(sink.messages))
                if state[:3] == (0, 0, len(mail)):
                    if state != last:
                        last, since = state, time.monotonic()
                    elif since is not None and time.monotonic() - since > QUIET:
                        break
                else:
                    last, since = state, None
                if any(b.proc.poll() is not None for b in bots):
                    raise RuntimeError("an instance exited:\n" + "\n".join(b.tail() for b in bots))
                time.sleep(0.1)
            assert since is not None
            wall = since - t0
        finally:
            codes = [b.stop() for b in bots]
        ru1 = resource.getrusage(resource.RUSAGE_CHILDREN)  # the instances, reaped by stop()
        cpu = (ru1.ru_utime - ru0.ru_utime) + (ru1.ru_stime - ru0.ru_stime)
        per = [sum(1 for x in b.lines if " csprbot.intake: " in x) for b in bots]
        return {"instances": instances, "database": db_url.split(":", 1)[0], "messages": len(mail),
                "wall_seconds": round(wall, 1), "instances_cpu_seconds": round(cpu, 1),
                "messages_per_instance": per, "sent": len(sink.messages),
                "exit_codes": codes, "load_avg_start_end": [round(load0, 2), round(os.getloadavg()[0], 2)]}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--referrals", type=int, default=120)
    ap.add_argument("--noise", type=int, default=40)
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--seed", type=int, default=5)
    args = ap.parse_args()
    from tests.servers.postgres_server import PostgresServer

    mail = backlog(args.referrals, args.noise, args.seed)
    results: list[dict[str, Any]] = []
    with PostgresServer() as pg:
        for _ in range(args.repeat):
            for n in (1, 2):
                with tempfile.TemporaryDirectory() as tmp:
                    r = one_run(n, pg.create_database(), mail, Path(tmp))
                print(json.dumps(r), flush=True)
                results.append(r)
        with tempfile.TemporaryDirectory() as tmp:
            from bot.store.db import make_engine, migrate

            url = f"sqlite:///{tmp}/csprbot.db"
            engine = make_engine(url)
            migrate(engine)
            engine.dispose()
            r = one_run(1, url, mail, Path(tmp))
            print(json.dumps(r), flush=True)
            results.append(r)
    summary = {f"{db} x{n}": statistics.median(r["wall_seconds"] for r in results
                                               if r["instances"] == n and r["database"].startswith(db))
               for db, n in (("postgresql", 1), ("postgresql", 2), ("sqlite", 1))}
    print(json.dumps({"median_wall_seconds": summary, "messages": len(mail)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
