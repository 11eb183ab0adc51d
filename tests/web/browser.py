"""Real Chromium for the browser tests: Debian's `chromium` and `chromium-driver`, never a downloaded one.

Missing: the tests skip, or fail when CSPRBOT_REQUIRE_SERVERS=1 (CI, whose .ci/run installs both).
axe-core (vendored in tests/web/vendor by docs/tools/vendor-web-assets.sh) is injected into each page.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
AXE = Path(__file__).parent / "vendor" / "axe.min.js"
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
         "--window-size=1280,1000")


def require_chromium() -> None:
    missing = [p for p in (CHROMIUM, CHROMEDRIVER) if not os.path.exists(p)]
    if not missing:
        return
    reason = f"{', '.join(missing)} not installed (apt-get install chromium chromium-driver)"
    if os.environ.get("CSPRBOT_REQUIRE_SERVERS") == "1":
        pytest.fail(f"CSPRBOT_REQUIRE_SERVERS=1 but {reason}", pytrace=False)
    pytest.skip(reason)


def chrome(width: int = 1280, height: int = 1000) -> Any:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for flag in FLAGS:
        opts.add_argument(flag)
    opts.add_argument(f"--window-size={width},{height}")
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=opts)
    driver.set_page_load_timeout(30)
    return driver


def axe_violations(driver: Any) -> list[dict[str, Any]]:
    """axe-core's violations on the current page (WCAG 2.0/2.1/2.2 A and AA, and axe's best practices)."""
    if not driver.execute_script("return typeof window.axe !== 'undefined'"):
        driver.execute_script(AXE.read_text(encoding="utf-8"))
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', "
        "'wcag22aa', 'best-practice']}}).then(r => done(r.violations)).catch(e => done([{id: 'axe-error', "
        "help: String(e), nodes: []}]));")
    return list(result)


def describe(violations: list[dict[str, Any]]) -> str:
    return "; ".join(f"{v['id']}: {v['help']} ({[n.get('target') for n in v.get('nodes', [])][:3]})"
                     for v in violations)


class LiveBot:
    """`csprbot run --web` on a seeded store, as `./dev run` starts it; the port is chosen by the OS."""

    def __init__(self, root: Path, now: str) -> None:
        env = {k: v for k, v in os.environ.items() if not k.startswith("CSPRBOT_")}
        env.update(CSPRBOT_DATABASE_URL=f"sqlite:///{root}/csprbot.db", CSPRBOT_INBOX_URL=f"maildir:{root}/mail/inbox",
                   CSPRBOT_SENDER_URL=f"maildir:{root}/mail/outbox", PYTHONUNBUFFERED="1")
        self.log = (root / "bot.log").open("w")
        self.proc = subprocess.Popen([sys.executable, "-m", "bot.cli", "run", "--web", "--port", "0", "--now", now],
                                     cwd=root, env=env, stdout=subprocess.PIPE, stderr=self.log, text=True)
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        found = re.search(r"(http://\S+)", line)
        if not found:
            self.close()
            raise AssertionError(f"csprbot run --web did not print its address: {line!r}; "
                                 f"log: {(root / 'bot.log').read_text()[-2000:]}")
        self.url = found.group(1)

    def close(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.log.close()


def wait_for(predicate: Any, timeout: float = 30.0, what: str = "condition") -> Any:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = predicate()
        if value:
            return value
        time.sleep(0.25)
    raise AssertionError(f"timed out waiting for {what}")
