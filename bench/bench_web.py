"""Web view server time: a case page with 12 months of history (target <= 200 ms) and the case board
with 1,000 open cases (target <= 300 ms).

Server time is the WSGI call through Flask's test client, in process: request parsing, the session
check, the queries, the audit write (case page), template rendering and the response; no network and no
browser. A signed-in session is made through the real sign-in path (link mailed to the Maildir outbox).
Each page is fetched `--warm` times first, then timed `--runs` times; median and p95 reported.

    .venv/bin/python bench/bench_web.py [--cases 1000] [--runs 30] [--tag X]
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import COORDINATOR, machine_info, print_table, summary, verdict, write_results
from web_seed import long_case, open_cases

from bot.app import App
from bot.clock import FixedClock, parse_now
from bot.settings import load_settings
from bot.web.app import create_app

TODAY = date(2026, 4, 2)


def sign_in(core: App, root: Path, client: object) -> None:
    import email
    from email.policy import default as default_policy

    def token(html: str) -> str:
        found = re.search(r'name="csrf_token" value="([^"]+)"', html)
        assert found
        return found.group(1)

    c = client  # a Flask test client
    page = c.get("/signin")  # type: ignore[attr-defined]
    c.post("/signin", data={"address": COORDINATOR, "csrf_token": token(page.get_data(as_text=True))})  # type: ignore[attr-defined]
    c.application.extensions["csprbot_signin"].drain()  # type: ignore[attr-defined]  # queued after the answer
    core.deliver()
    links = []
    for f in (root / "mail/outbox/new").glob("*"):
        m = email.message_from_bytes(f.read_bytes(), policy=default_policy)
        if m["X-CSPRBOT-Kind"] == "signin":
            links += re.findall(r"t=(\S+)", m.get_body(("plain",)).get_content())  # type: ignore[union-attr]
    page = c.get(f"/signin/link?t={links[-1]}")  # type: ignore[attr-defined]
    r = c.post("/signin/link", data={"t": links[-1], "csrf_token": token(page.get_data(as_text=True))})  # type: ignore[attr-defined]
    assert r.status_code == 303, r.status_code


def timed(client: object, url: str, warm: int, runs: int, expect: str) -> tuple[list[float], list[float]]:
    """(wall ms, CPU ms of this thread) per request: on a shared machine the CPU time is what the server
    itself spent, the wall time adds waiting for a core."""
    for _ in range(warm):
        r = client.get(url)  # type: ignore[attr-defined]
        assert r.status_code == 200 and expect in r.get_data(as_text=True), (url, r.status_code)
    wall, cpu = [], []
    for _ in range(runs):
        t0, c0 = time.perf_counter(), time.thread_time()
        r = client.get(url)  # type: ignore[attr-defined]
        body = r.get_data()
        wall.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.thread_time() - c0) * 1000)
        assert r.status_code == 200 and body
    return wall, cpu


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=30)
    ap.add_argument("--warm", type=int, default=3)
    ap.add_argument("--tag")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        env = {"CSPRBOT_DATABASE_URL": f"sqlite:///{root}/csprbot.db",
               "CSPRBOT_INBOX_URL": f"maildir:{root}/mail/inbox", "CSPRBOT_SENDER_URL": f"maildir:{root}/mail/outbox"}
        settings = load_settings(None, env=env)
        core = App(settings, FixedClock(parse_now(TODAY.isoformat() + "T10:30", settings.calendar.timezone)))
        with core.sessions.begin() as s:
            open_cases(s, core.cal, TODAY, args.cases)
            ref = long_case(s, core.cal, TODAY)
        with core.sessions() as s:
            from sqlalchemy import func, select

            from bot.store.models import Case, Event

            n_open = s.scalar(select(func.count(Case.id)).where(Case.stage != "closed"))
            n_events = s.scalar(select(func.count(Event.id)).join(Case).where(Case.ref == ref))
        app = create_app(core, base_url="http://127.0.0.1:8025")
        client = app.test_client()
        sign_in(core, root, client)
        board = timed(client, "/cases", args.warm, args.runs, "NS-CSPR-")
        case = timed(client, f"/cases/{ref}", args.warm, args.runs, ref)
        core.close()
    b, c = summary(board[0]), summary(case[0])
    bc, cc = summary(board[1]), summary(case[1])
    rows = [["board", f"{n_open} open cases", b["p50"], b["p95"], bc["p50"], bc["p95"], 300,
             verdict(b["p50"] <= 300 and bc["p95"] <= 300)],
            ["case page", f"{n_events} audit events, 12 months", c["p50"], c["p95"], cc["p50"], cc["p95"], 200,
             verdict(c["p50"] <= 200 and cc["p95"] <= 200)]]
    print_table(["page", "data", "wall p50", "wall p95", "CPU p50", "CPU p95", "target ms", "met"], rows)
    write_results("web" + (f"-{args.tag}" if args.tag else ""), {
        "machine": machine_info(), "load_average": list(__import__("os").getloadavg()), "open_cases": n_open,
        "case_events": n_events, "runs": args.runs, "board_wall_ms": b, "case_wall_ms": c, "board_cpu_ms": bc,
        "case_cpu_ms": cc, "board_raw_wall_ms": board[0], "case_raw_wall_ms": case[0]})
    return 0


if __name__ == "__main__":
    sys.exit(main())
