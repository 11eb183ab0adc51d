"""Backlog intake: csprbot working through 2,000 mixed messages waiting in a real IMAP INBOX, beside a raw
imapclient FETCH BODY.PEEK[] of the same messages from the same server in the same run.

Setup: a throw-away Dovecot on loopback (tests/servers/dovecot_server.py, mail on /dev/shm when roomy),
STARTTLS with its self-signed CA for both clients. The backlog (bench/common.mixed): ~40 % referrals
(the demo's Appendix 2 Word form), ~25 % replies to known cases (DECISION: RAPID REVIEW with agencies,
NOTIFIED, EXTEND, no command), ~15 % agency returns in the body, the rest out-of-office auto-replies.

Measured:
* raw FETCH: one IMAPClient, SELECT, FETCH BODY.PEEK[] in batches of 100 (as bot/mail/imap.py does);
  median of 3 passes (it changes nothing).
* csprbot: App.intake() in-process, repeated until the INBOX is empty (fetch, store raw, parse, decide,
  commit case/clocks/outbox in one transaction, then MOVE to Processed/Quarantine), with the App warmed
  up first (database migrated, IMAP logged in, parsers imported): the figure is the steady rate.
* the figure: csprbot msg/s / raw FETCH msg/s. Target >= 0.5.
* a cProfile of intake over another --profile messages, boiled down to where the time goes.

Run:  .venv/bin/python bench/bench_backlog.py [--messages 2000] [--profile 400] [--tag before]
Prints tables; writes bench/results/backlog.json (backlog-<tag>.json with --tag).
"""

from __future__ import annotations

import argparse
import collections
import cProfile
import datetime as dt
import pstats
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from common import mixed, print_table, verdict, write_config, write_results

from bot.app import App
from bot.clock import SystemClock
from bot.settings import load_settings
from tests.servers.dovecot_server import PASSWORDS, DovecotServer

USER = "bot@example.test"
# (label, (file fragment, function name)) rows of the profile summary: cumulative time of each.
HOTSPOTS = (
    ("parse_message (parsers/)", ("parsers/__init__.py", "parse_message")),
    ("  docx reader (parsers/documents/docx.py)", ("parsers/documents/docx.py", "read_docx")),
    ("enqueue: render + compose outbound mail", ("bot/apply.py", "enqueue")),
    ("  agency return form (.docx) for requests", ("bot/return_form.py", "build_return_form")),
    ("IMAP FETCH (ImapInbox._bodies)", ("bot/mail/imap.py", "_bodies")),
    ("IMAP acknowledge (SEARCH + MOVE)", ("bot/mail/imap.py", "_move_uid")),
    ("SQL commit (Session.commit)", ("sqlalchemy/orm/session.py", "commit")),
    ("SQL flush (Session.flush)", ("sqlalchemy/orm/session.py", "flush")),
    ("read_headers + received_time", ("bot/intake.py", "read_headers")),
)


def append_all(dc: DovecotServer, raws: list[bytes], folder: str = "INBOX") -> float:
    c = dc.client(USER)
    try:
        t0 = time.perf_counter()
        for i in range(0, len(raws), 100):
            c.multiappend(folder, raws[i:i + 100])
        return time.perf_counter() - t0
    finally:
        c.logout()


def raw_fetch(dc: DovecotServer, folder: str = "INBOX") -> tuple[float, int, int]:
    """(seconds, messages, bytes) for FETCH BODY.PEEK[] of every message, batches of 100, one connection."""
    c = dc.client(USER)
    try:
        c.select_folder(folder, readonly=True)
        uids = sorted(c.search("ALL"))
        t0 = time.perf_counter()
        size = 0
        for i in range(0, len(uids), 100):
            got = c.fetch(uids[i:i + 100], ["BODY.PEEK[]"])
            size += sum(len(d[b"BODY[]"]) for d in got.values())
        return time.perf_counter() - t0, len(uids), size
    finally:
        c.logout()


def drain(app: App) -> tuple[float, collections.Counter[str]]:
    statuses: collections.Counter[str] = collections.Counter()
    t0 = time.perf_counter()
    while outcomes := app.intake():
        statuses.update(o.status for o in outcomes)
    return time.perf_counter() - t0, statuses


def hotspots(prof: cProfile.Profile) -> list[tuple[str, float]]:
    stats = pstats.Stats(prof)
    raw: dict[tuple[str, int, str], tuple[Any, ...]] = stats.stats  # type: ignore[attr-defined]
    out = []
    for label, (frag, func) in HOTSPOTS:
        cum = sum(v[3] for (file, _line, name), v in raw.items() if name == func and file.endswith(frag))
        if func == "read_headers":
            cum += sum(v[3] for (file, _l, name), v in raw.items() if name == "received_time"
                       and file.endswith("bot/app.py"))
        out.append((label, cum))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--messages", type=int, default=2000)
    ap.add_argument("--profile", type=int, default=400, help="messages for the cProfile pass (0: skip)")
    ap.add_argument("--tag", default="")
    ap.add_argument("--dump-profile", help="also write the raw cProfile stats to this file")
    args = ap.parse_args()
    now = dt.datetime.now(dt.UTC)
    with tempfile.TemporaryDirectory(prefix="bench-backlog.") as tmp, DovecotServer() as dc:
        t_build = time.perf_counter()
        backlog = list(mixed(args.messages, now))
        t_build = time.perf_counter() - t_build
        kinds = collections.Counter(k for k, _ in backlog)
        raws = [r for _, r in backlog]
        t_append = append_all(dc, raws)
        fetches = [raw_fetch(dc) for _ in range(3)]
        t_fetch = statistics.median(f[0] for f in fetches)
        n_fetch, size = fetches[0][1], fetches[0][2]
        assert n_fetch == args.messages, (n_fetch, args.messages)

        cfg = write_config(Path(tmp) / "csprbot.toml", ca_file=dc.ca_file)
        env = {"CSPRBOT_INBOX_URL": dc.url(USER, "INBOX"), "CSPRBOT_DATABASE_URL": f"sqlite:///{tmp}/bench.db",
               "CSPRBOT_SENDER_URL": f"maildir:{tmp}/outbox", "CSPRBOT_INBOX_PASSWORD": PASSWORDS[USER]}
        app = App(load_settings(str(cfg), env), SystemClock(), env=env)
        try:
            app.sessions  # noqa: B018 - warm-up: engine + migrations
            app.inbox.check()
            import parsers  # noqa: F401 - warm-up: the parsers' imports

            t_intake, statuses = drain(app)
            prof_rows: list[tuple[str, float]] = []
            t_prof = 0.0
            if args.profile:
                append_all(dc, [r for _, r in mixed(args.profile, now, seed=11)])
                app.inbox.wait(5.0)  # the selected session learns of the new mail (NOOP/IDLE), as in `run`
                prof = cProfile.Profile()
                prof.enable()
                t_prof, _ = drain(app)
                prof.disable()
                prof_rows = hotspots(prof)
                if args.dump_profile:
                    prof.dump_stats(args.dump_profile)
        finally:
            app.close()

    fetch_rate = n_fetch / t_fetch
    intake_rate = args.messages / t_intake
    ratio = intake_rate / fetch_rate
    print(f"backlog: {args.messages} messages, {size / 1e6:.1f} MB ({size / args.messages / 1024:.1f} KiB mean): "
          + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())))
    print(f"built in {t_build:.1f} s, APPENDed in {t_append:.1f} s\n")
    print_table(("reader", "seconds", "msg/s", "MB/s"), [
        ("raw imapclient FETCH BODY.PEEK[] (median of 3)", t_fetch, fetch_rate, size / 1e6 / t_fetch),
        ("csprbot intake (App.intake until empty)", t_intake, intake_rate, size / 1e6 / t_intake),
    ])
    print(f"\nratio csprbot / raw FETCH = {ratio:.4f} (target >= 0.5: {verdict(ratio >= 0.5)}); outcomes: "
          + ", ".join(f"{k} {v}" for k, v in sorted(statuses.items())))
    if prof_rows:
        print(f"\nwhere intake spends its time (cProfile, {args.profile} messages, {t_prof:.1f} s under the profiler;"
              " cumulative, nested rows overlap):")
        print_table(("part", "seconds", "share"), [(label, s, f"{100 * s / t_prof:.0f} %") for label, s in prof_rows])
    write_results("backlog" + (f"-{args.tag}" if args.tag else ""), {
        "command": f"bench/bench_backlog.py --messages {args.messages} --profile {args.profile}",
        "transport": "IMAP STARTTLS on loopback, Dovecot 2.3, mail on " + str(Path(dc.basedir).parent),
        "messages": args.messages, "bytes": size, "kinds": dict(kinds), "append_s": t_append,
        "raw_fetch_s": t_fetch, "raw_fetch_per_s": fetch_rate, "raw_fetch_runs_s": [f[0] for f in fetches],
        "intake_s": t_intake, "intake_per_s": intake_rate, "outcomes": dict(statuses),
        "ratio": ratio, "target_ratio": 0.5, "met": ratio >= 0.5,
        "profile": {"messages": args.profile, "seconds": t_prof,
                    "cumulative_s": {label.strip(): s for label, s in prof_rows}},
    })


if __name__ == "__main__":
    main()
