"""`csprbot run` against a real Dovecot (IDLE) and a real SMTP server, set up with only the URLs.

Covers issue 4's "done when": a referral APPENDed to INBOX (even one already \\Seen) is routed and moved
to Processed; a Dovecot restart mid-IDLE and the SMTP server down for a minute lose nothing and send
nothing twice. Timing bounds here are functional (IDLE, not the 300 s poll, must have woken csprbot);
speed itself is measured in bench/bench_arrival.py.
"""

from __future__ import annotations

import collections
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.app import make_calendar
from bot.apply import Runtime
from bot.demo import demo_messages
from bot.settings import load_settings
from tests.servers import require_dovecot
from tests.servers.dovecot_server import DovecotServer
from tests.servers.smtp_sink import SmtpSink

ROOT = Path(__file__).resolve().parents[2]
# Routing mails per referral on the example profile: one per address in its routing.referral roles.
ROUTED = len({a for r in load_settings(None, env={}).routing.referral
              for a in load_settings(None, env={}).roles.of(r)})
pytestmark = pytest.mark.servers


def referral(child: str) -> bytes:
    """The demo's Word referral for a distinct child (a second referral of one child joins the open case)."""
    settings = load_settings(None, env={})
    return demo_messages(Runtime(settings, make_calendar(settings), datetime.now(UTC)), settings, child)[0][1]


class Bot:
    """`csprbot run` in a subprocess; its log is collected so a test can wait for a line."""

    def __init__(self, workdir: Path, env: dict[str, str]) -> None:
        self.lines: list[str] = []
        self.proc = subprocess.Popen([sys.executable, "-m", "bot.cli", "--config", str(workdir / "profile.toml"),
                                      "run"], cwd=workdir, env=env, stderr=subprocess.PIPE, text=True)
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            self.lines.append(line)

    def wait_log(self, needle: str, timeout: float = 30) -> None:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if any(needle in x for x in self.lines):
                return
            time.sleep(0.05)
        raise AssertionError(f"no {needle!r} in log:\n{''.join(self.lines[-40:])}")

    def stop(self) -> int:
        self.proc.terminate()
        return self.proc.wait(30)


def routed_cases(sink: SmtpSink) -> collections.Counter[str]:
    return collections.Counter(str(r.message["X-CSPRBOT-Case"]) for r in list(sink.messages)
                               if r.message["X-CSPRBOT-Kind"] == "routing")


def wait_cases(sink: SmtpSink, n: int, timeout: float, bot: Bot | None = None) -> float:
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if sum(1 for c in routed_cases(sink).values() if c == ROUTED) >= n:
            return time.monotonic() - start
        time.sleep(0.05)
    log = "".join(bot.lines[-30:]) if bot else ""
    raise AssertionError(f"{n} routed case(s) not seen in {timeout}s: {routed_cases(sink)}\n{log}")


@pytest.fixture()
def servers() -> Iterator[tuple[DovecotServer, SmtpSink]]:
    require_dovecot()
    with DovecotServer() as dc, SmtpSink(auth={"bot@example.test": "botpw"}) as sink:
        yield dc, sink


def test_referrals_flow_through_idle_restarts_and_an_smtp_outage(servers: tuple[DovecotServer, SmtpSink],
                                                                 database_url: str) -> None:
    dc, sink = servers
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        profile = (ROOT / "config/example.toml").read_text()
        # Poll only every 5 minutes: anything faster than that below was IDLE's doing.
        profile = profile.replace("poll_seconds = 2", "poll_seconds = 300\nretry_base_seconds = 2")
        (work / "profile.toml").write_text(profile)
        env = {k: v for k, v in os.environ.items() if not k.startswith("CSPRBOT_")}
        env.update({
            "CSPRBOT_INBOX_URL": dc.url("bot@example.test", tls="none"),
            "CSPRBOT_SENDER_URL": sink.url(tls="none"),
            "CSPRBOT_INBOX_PASSWORD": "botpw",
            "CSPRBOT_SENDER_PASSWORD": "botpw",
            "CSPRBOT_DATABASE_URL": database_url,
        })
        bot = Bot(work, env)
        try:
            bot.wait_log("csprbot watching")
            time.sleep(1.0)  # let it settle into IDLE
            # 1. A referral someone already opened in Outlook (\Seen) is still processed, via IDLE.
            dc.append("bot@example.test", referral("Robin Sample"), flags=(b"\\Seen",))
            elapsed = wait_cases(sink, 1, timeout=20, bot=bot)
            print(f"APPEND to routed: {elapsed:.2f}s")
            deadline = time.monotonic() + 10
            while dc.uids("bot@example.test", "INBOX") and time.monotonic() < deadline:
                time.sleep(0.1)
            assert dc.uids("bot@example.test", "INBOX") == []
            assert len(dc.uids("bot@example.test", "Processed")) == 1

            # 2. Dovecot restarts while csprbot is in IDLE: it reconnects and the next referral arrives.
            dc.restart()
            dc.append("bot@example.test", referral("Morgan Example"))
            wait_cases(sink, 2, timeout=60, bot=bot)

            # 3. The SMTP server is down for a minute: the case is committed and mail waits in the outbox.
            sink.stop()
            dc.append("bot@example.test", referral("Jamie Placeholder"))
            bot.wait_log("send deferred", timeout=30)
            time.sleep(60)
            sink.start()
            wait_cases(sink, 3, timeout=90, bot=bot)
            # The acks wait in the same outbox as the routing mail: on a loaded machine the last one can follow the
            # routing by more than a few seconds after the outage, so wait for it rather than for a fixed time.
            deadline = time.monotonic() + 60
            while (sum(1 for r in sink.messages if r.message["X-CSPRBOT-Kind"] == "ack") < 3
                   and time.monotonic() < deadline):
                time.sleep(0.2)
            time.sleep(3)  # anything sent twice would show up now
        finally:
            assert bot.stop() == 0
        cases = routed_cases(sink)
        assert len(cases) == 3 and set(cases.values()) == {ROUTED}
        ids = collections.Counter(str(r.message["Message-ID"]) for r in sink.messages)
        assert max(ids.values()) == 1, [m for m, c in ids.items() if c > 1]
        acks = [r for r in sink.messages if r.message["X-CSPRBOT-Kind"] == "ack"]
        assert len(acks) == 3
        assert len(dc.uids("bot@example.test", "Processed")) == 3
        assert bot.lines and any("stopped cleanly" in x for x in bot.lines)


def test_check_config_connect_reports_each_mailbox(servers: tuple[DovecotServer, SmtpSink], tmp_path: Path) -> None:
    dc, sink = servers
    env = {k: v for k, v in os.environ.items() if not k.startswith("CSPRBOT_")}
    env.update({
        "CSPRBOT_INBOX_URL": dc.url("bot@example.test", tls="none"),
        "CSPRBOT_SENDER_URL": sink.url(tls="none"),
        "CSPRBOT_INBOX_PASSWORD": "botpw",
        "CSPRBOT_SENDER_PASSWORD": "botpw",
        "CSPRBOT_DATABASE_URL": f"sqlite:///{tmp_path}/csprbot.db",
    })

    def check(**extra: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "bot.cli", "check-config", "--connect"], cwd=tmp_path,
                              env={**env, **extra}, text=True, capture_output=True, timeout=120, check=False)

    ok = check()
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "mail.inbox: OK" in ok.stdout and "mail.sender: OK" in ok.stdout
    bad = check(CSPRBOT_INBOX_PASSWORD="wrong-password-123")
    assert bad.returncode == 1
    assert "mail.inbox: FAILED" in bad.stdout and "bot@example.test" in bad.stdout
    assert "mail.sender: OK" in bad.stdout
    assert "wrong-password-123" not in bad.stdout + bad.stderr


def test_large_referral_refused_copy_and_html_bomb_on_the_live_loop(tmp_path: Path) -> None:
    """Issue #10 on real servers: a 12 MB referral is routed thinned (its scan withheld); a 3 MB one the
    relay refuses (552, its limit 2 MB) is parked, the co-ordinator told, and it goes again without the
    original; 50,000 nested <div>s beside them never hold intake."""
    import email.policy
    from email import message_from_bytes
    from email.message import EmailMessage

    require_dovecot()
    with DovecotServer() as dc, SmtpSink(auth={"bot@example.test": "botpw"}, max_size=2 * 1024 * 1024) as sink:
        profile = (ROOT / "config/example.toml").read_text()
        profile = profile.replace("poll_seconds = 2", "poll_seconds = 2\nretry_base_seconds = 1")
        (tmp_path / "profile.toml").write_text(profile)
        env = {k: v for k, v in os.environ.items() if not k.startswith("CSPRBOT_")}
        env.update({
            "CSPRBOT_INBOX_URL": dc.url("bot@example.test", tls="none"),
            "CSPRBOT_SENDER_URL": sink.url(tls="none"),
            "CSPRBOT_INBOX_PASSWORD": "botpw",
            "CSPRBOT_SENDER_PASSWORD": "botpw",
            "CSPRBOT_DATABASE_URL": f"sqlite:///{tmp_path}/csprbot.db",
        })

        def with_scan(child: str, mb: int) -> bytes:
            m = message_from_bytes(referral(child), policy=email.policy.default)
            assert isinstance(m, EmailMessage)
            m.add_attachment(os.urandom(mb * 1024 * 1024), maintype="application", subtype="pdf",
                             filename="scan.pdf")
            return m.as_bytes()

        bomb = EmailMessage()
        bomb["From"] = "stranger@example.org"
        bomb["To"] = "bot@example.test"
        bomb["Subject"] = "hello"
        bomb.set_content("<div>" * 50_000 + "x" + "</div>" * 50_000, subtype="html")
        bot = Bot(tmp_path, env)
        try:
            bot.wait_log("csprbot watching")
            dc.append("bot@example.test", bomb.as_bytes())
            dc.append("bot@example.test", with_scan("Robin Sample", 12))
            dc.append("bot@example.test", with_scan("Morgan Example", 3))
            wait_cases(sink, 2, timeout=240, bot=bot)
        finally:
            assert bot.stop() == 0
        routed = [r for r in sink.messages if r.message["X-CSPRBOT-Kind"] == "routing"]
        assert all(len(r.data) <= 2 * 1024 * 1024 for r in routed)
        thinned = [(str(r.message["To"]), str(r.message["X-CSPRBOT-Case"]), b"was not attached" in r.data)
                   for r in routed if b"withheld from the attached copy" in r.data]
        roles = len({r.message["To"] for r in routed})  # every routing recipient in the profile (6+)
        assert len(thinned) == roles >= 6 and len({c for _, c, _ in thinned}) == 1, thinned  # the 12 MB one
        refits = [(str(r.message["To"]), str(r.message["Message-ID"]), str(r.message["X-CSPRBOT-Case"]))
                  for r in routed if b"was not attached" in r.data]
        assert len(refits) == roles and len(set(refits)) == roles, refits  # the refused 3 MB one, refit
        assert all(b"552" in r.data for r in routed if b"was not attached" in r.data)
        alarms = [r for r in sink.messages if b"could not be delivered" in r.data]
        assert alarms, "the co-ordinator is told of the refused copies"
        assert len(dc.uids("bot@example.test", "INBOX")) == 0
