"""Mail is worked in receipt order, not Maildir file-name order (issue #10, stranger round 14, break 1).

Real Maildir names do not sort by arrival: Dovecot's `T.M<usec>P<pid>.host` has unpadded microseconds (M100001
sorts before M99999 in one second) and mbsync gives a whole sync batch one time prefix with an unpadded counter
(_10 sorts before _9). The overtaken rule judges commands by receipt time (the file's delivery time), so a pass
that worked the batch by name refused the later command as overtaken and applied the earlier one after it.

Black box: a profile on a Maildir, `csprbot run --once` in process, the case read back with `csprbot case --json`.
Each pair is one pass's batch, named as Dovecot or mbsync name it, with the receipt times the stranger used.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
from collections.abc import Iterator
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.app import make_calendar
from bot.apply import Runtime
from bot.demo import demo_messages
from bot.mail.maildir import deliver
from bot.settings import load_settings

ROOT = Path(__file__).resolve().parents[2]
LONDON = ZoneInfo("Europe/London")
REF = "NS-CSPR-2026-001"
REFERRED = datetime(2026, 12, 1, 10, 0, tzinfo=LONDON)  # a Tuesday
T = datetime(2026, 12, 2, 10, 0, tzinfo=LONDON)  # the first command of the batch is received
SYNC = int(datetime(2026, 12, 2, 11, 0, tzinfo=LONDON).timestamp())  # mbsync's batch: one time prefix for all
CO, CHAIR = "nsscp.coordinator@nsscp.example.gov.uk", "cspr.subgroup.chair@nsscp.example.gov.uk"
SL, AD = "service.leader.qa@nsscp.example.gov.uk", "ad.support.safeguarding@nsscp.example.gov.uk"
SEC = int(T.timestamp())


def mbsync(n: int) -> str:
    return f"{SYNC}.4242_{n}.mail-sync,U={n}:2,"


def dovecot(usec: int) -> str:
    return f"{SEC}.M{usec}P4242.mx1,S=900"


# (what, [(sender, line, received after T, Maildir name)], the stage the case must end in, a clock check or None)
PATHS = {
    # The AD decides the dispute 40 minutes after it was raised; one sync brings both.
    "disagree_then_ad_decision_mbsync": (
        [(SL, "DISAGREE: criteria met, serious harm", timedelta(0), mbsync(9)),
         (AD, "AD DECISION: REFER", timedelta(minutes=40), mbsync(10))], "screening"),
    # The co-ordinator closes in error and reopens in the same second: Dovecot names both by that second.
    "close_then_reopen_dovecot_same_second": (
        [(CO, "CLOSE: opened in error", timedelta(microseconds=99_999), dovecot(99_999)),
         (CO, "REOPEN: closed in error, sorry", timedelta(microseconds=100_001), dovecot(100_001))], "screening"),
    # The chair decides on a rapid review, the co-ordinator waives Education's return 20 minutes later.
    "rapid_review_then_waive_mbsync": (
        [(CHAIR, "DECISION: RAPID REVIEW", timedelta(0), mbsync(9)),
         (CO, "WAIVE education: child not of school age", timedelta(minutes=20), mbsync(10))], "rapid_review"),
}


class World:
    """The example profile on a Maildir and SQLite store of the test's own, with case 001 referred."""

    def __init__(self, root: Path) -> None:
        self.root = root
        text = (ROOT / "config/example.toml").read_text()
        text = text.replace("maildir:var", f"maildir:{root}/var").replace("sqlite:///var", f"sqlite:///{root}/var")
        self.profile = root / "profile.toml"
        self.profile.write_text(text)
        self.inbox = root / "var/mail/inbox"
        settings = load_settings(self.profile, env={})
        rt = Runtime(settings, make_calendar(settings), REFERRED)
        (_, referral), _ = demo_messages(rt, settings)
        deliver(self.inbox, referral, received=REFERRED)
        self.run(REFERRED + timedelta(minutes=5))
        assert self.case()["stage"] == "screening"

    def cli(self, *args: str) -> str:
        from bot.cli import main

        out, err = io.StringIO(), io.StringIO()
        env = {"CSPRBOT_CACHE_DIR": str(self.root / "cache")}
        with _environ(env), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            rc = main(["--config", str(self.profile), *args])
        assert rc == 0, err.getvalue()[-2000:]
        return out.getvalue()

    def run(self, now: datetime) -> None:
        self.cli("run", "--once", "--now", now.isoformat())

    def case(self) -> dict[str, object]:
        data: dict[str, object] = json.loads(self.cli("case", REF, "--json"))
        return data

    def command(self, sender: str, line: str, received: datetime, name: str) -> None:
        m = EmailMessage()
        m["From"], m["To"] = sender, "csprbot@nsscp.example.gov.uk"
        m["Subject"] = f"Re: {REF}"
        m["Date"] = format_datetime(received)
        m["Message-ID"] = make_msgid("cmd", domain=sender.split("@")[1])
        m.set_content(f"{line}\n\nThanks\n")
        sub = "cur" if ":2," in name else "new"  # mbsync files a synced message under cur/ with its flags
        path = self.inbox / sub / name
        path.write_bytes(m.as_bytes())
        ns = int(received.timestamp()) * 1_000_000_000 + received.microsecond * 1000
        os.utime(path, ns=(ns, ns))


@contextlib.contextmanager
def _environ(values: dict[str, str]) -> Iterator[None]:
    old = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


@pytest.mark.parametrize("path", sorted(PATHS))
def test_a_batch_named_out_of_order_is_worked_in_receipt_order(tmp_path: Path, path: str) -> None:
    mails, stage = PATHS[path]
    w = World(tmp_path)
    # The names sort the other way round from the receipt times: a pass by name would work the later one first.
    assert sorted(name for *_, name in mails) == [name for *_, name in reversed(mails)]
    for sender, line, after, name in mails:
        w.command(sender, line, T + after, name)
    w.run(T + timedelta(hours=1, minutes=5))
    case = w.case()
    assert case["stage"] == stage, case["stage"]
    history = json.dumps(case)
    assert "is not accepted while the case is at stage" not in history
    if path == "rapid_review_then_waive_mbsync":
        clocks = case["clocks"]
        assert isinstance(clocks, list)
        education = [c for c in clocks if c["name"] == "agency_return" and str(c.get("agency", "")).lower()
                     .startswith("educ")]
        assert education and all(c["status"] in ("waived", "stopped", "met") for c in education), education
