"""Sign-in: how long `POST /signin` takes to answer for an address holding a role and for one that does not
(issue 14 item 5: the difference told an attacker who holds a role).

In process through Flask's test client, as bench_web.py: the whole WSGI call. The two addresses take
turns; before each timed request the sign-in page is fetched for its CSRF token (not timed), and after it
any link still being made off the request thread is waited for (not timed), so that work does not land in
the next measurement. The hourly limits are raised so that none of the requests is refused. Runs on any
commit of the web view (it waits for the link mailer only where there is one).

    .venv/bin/python bench/bench_signin.py [--runs 200] [--tag X]
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import COORDINATOR, machine_info, print_table, summary, write_results

from bot.app import App
from bot.clock import FixedClock, parse_now
from bot.settings import load_settings
from bot.web.app import create_app

STRANGER = "someone.else@csc.example.gov.uk"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=200)
    ap.add_argument("--warm", type=int, default=10)
    ap.add_argument("--tag")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        env = {"CSPRBOT_DATABASE_URL": f"sqlite:///{root}/csprbot.db",
               "CSPRBOT_INBOX_URL": f"maildir:{root}/mail/inbox", "CSPRBOT_SENDER_URL": f"maildir:{root}/mail/outbox"}
        settings = load_settings(None, env=env)
        web = settings.web.model_copy(update={"signin_per_hour": 10**9, "signin_per_ip_hour": 10**9})
        settings = settings.model_copy(update={"web": web})
        core = App(settings, FixedClock(parse_now("2026-04-02T10:30", settings.calendar.timezone)))
        app = create_app(core, base_url="http://127.0.0.1:8025")
        mailer = app.extensions.get("csprbot_signin")
        client = app.test_client()
        times: dict[str, tuple[list[float], list[float]]] = {COORDINATOR: ([], []), STRANGER: ([], [])}
        for i in range(args.warm + args.runs):
            for address in ((COORDINATOR, STRANGER) if i % 2 else (STRANGER, COORDINATOR)):
                page = client.get("/signin").get_data(as_text=True)
                found = re.search(r'name="csrf_token" value="([^"]+)"', page)
                assert found
                t0, c0 = time.perf_counter(), time.thread_time()
                r = client.post("/signin", data={"address": address, "csrf_token": found.group(1)})
                r.get_data()
                wall, cpu = (time.perf_counter() - t0) * 1000, (time.thread_time() - c0) * 1000
                assert r.status_code == 200, r.status_code
                if mailer is not None:
                    mailer.drain()
                if i >= args.warm:
                    times[address][0].append(wall)
                    times[address][1].append(cpu)
        core.close()
    rows, out = [], {}
    for address, label in ((COORDINATOR, "holds a role"), (STRANGER, "holds none")):
        w, c = summary(times[address][0]), summary(times[address][1])
        rows.append([label, w["p50"], w["p95"], c["p50"], c["p95"]])
        out[label] = {"wall_ms": w, "cpu_ms": c}
    print_table(["address", "wall p50 ms", "wall p95 ms", "CPU p50 ms", "CPU p95 ms"], rows)
    write_results("signin" + (f"-{args.tag}" if args.tag else ""), {
        "machine": machine_info(), "load_average": list(__import__("os").getloadavg()), "runs": args.runs, **out})
    return 0


if __name__ == "__main__":
    sys.exit(main())
