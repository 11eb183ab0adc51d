#!/usr/bin/env python3
"""Screenshots of the web view for the README: docs/img/board.png and docs/img/case.png.

Rerun with `.venv/bin/python docs/tools/web-screenshots.py` (needs Debian's chromium and chromium-driver).
It builds a throw-away store: the demo referral taken through the real intake on Thursday 2 April 2026, a
DECISION: RAPID REVIEW for every agency, a health return, the sweep's chasers and escalations up to
Wednesday 22 April, and a dozen synthetic open cases for the board; then signs in through the emailed link
in headless Chromium and captures both pages whole.
"""

from __future__ import annotations

import re
import sys
import tempfile
import time
from datetime import date
from email import message_from_bytes
from email.policy import default as default_policy
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "bench"), str(ROOT / "tests" / "web")]

from browser import chrome  # noqa: E402
from common import agency_return  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from web_seed import open_cases  # noqa: E402

from bot.app import App  # noqa: E402
from bot.clock import FixedClock, parse_now  # noqa: E402
from bot.demo import write_demo  # noqa: E402
from bot.intake import act  # noqa: E402
from bot.mail.maildir import deliver  # noqa: E402
from bot.settings import load_settings  # noqa: E402
from bot.web.server import WebServer  # noqa: E402

COORDINATOR = "nsscp.coordinator@nsscp.example.gov.uk"
REF = "NS-CSPR-2026-001"
OUT = ROOT / "docs" / "img"


def core_at(root: Path, when: str) -> App:
    env = {"CSPRBOT_DATABASE_URL": f"sqlite:///{root}/csprbot.db", "CSPRBOT_INBOX_URL": f"maildir:{root}/mail/inbox",
           "CSPRBOT_SENDER_URL": f"maildir:{root}/mail/outbox"}
    settings = load_settings(None, env=env)
    return App(settings, FixedClock(parse_now(when, settings.calendar.timezone)))


def history(root: Path) -> None:
    c = core_at(root, "2026-04-02T10:00")
    write_demo(str(root / "mail/inbox"), c.runtime(), c.settings)
    c.close()
    c = core_at(root, "2026-04-02T10:05")
    c.run_once()
    act(c.sessions, c.runtime(), REF, "DECISION: RAPID REVIEW\nAGENCIES: all", COORDINATOR, channel="web")
    c.run_once()
    c.close()
    for when in ("2026-04-09T09:05", "2026-04-13T09:05", "2026-04-14T09:05", "2026-04-15T09:05",
                 "2026-04-16T09:05", "2026-04-17T09:05", "2026-04-20T09:05", "2026-04-21T09:05",
                 "2026-04-22T09:05"):
        c = core_at(root, when)
        if when.startswith("2026-04-14"):
            deliver(root / "mail/inbox", agency_return(REF, c.clock.now()))
        c.run_once()
        c.close()
    c = core_at(root, "2026-04-22T09:10")
    with c.sessions.begin() as s:
        open_cases(s, c.cal, date(2026, 4, 22), 12, seed=3)
    c.close()


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        history(root)
        core = core_at(root, "2026-04-22T11:00")
        server = WebServer(core, "127.0.0.1", 0)
        server.start()
        driver = chrome(1200, 900)
        try:
            driver.get(server.url + "/signin")
            driver.find_element(By.ID, "address").send_keys(COORDINATOR)
            driver.find_element(By.ID, "send-link").click()
            for _ in range(100):  # the link is made after the page answers: wait for the answer, then for it
                if "Check your email" in driver.page_source:
                    break
                time.sleep(0.1)
            server.app.extensions["csprbot_signin"].drain()
            core.deliver()
            links = []
            for f in (root / "mail/outbox/new").glob("*"):
                m = message_from_bytes(f.read_bytes(), policy=default_policy)
                if m["X-CSPRBOT-Kind"] == "signin":
                    links += re.findall(r"https?://\S+", m.get_body(("plain",)).get_content())  # type: ignore[union-attr]
            driver.get(links[-1])
            driver.find_element(By.ID, "continue").click()
            for _ in range(100):  # the sign-in post answers with the board
                if driver.current_url.endswith("/cases"):
                    break
                time.sleep(0.1)
            # the case page down to its command forms (the audit log below runs on for screens)
            for path, name, most in (("/cases", "board.png", 2400), (f"/cases/{REF}", "case.png", 3000)):
                driver.get(server.url + path)
                height = int(driver.execute_script("return document.documentElement.scrollHeight"))
                driver.set_window_size(1200, min(height + 40, most))
                driver.save_screenshot(str(OUT / name))
                driver.set_window_size(1200, 900)
                print(f"wrote {OUT / name}")
        finally:
            driver.quit()
            server.close()
            core.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
