"""Large referrals (issue #10): routed within the size limit, the original stored once, a refused copy refit.

Generated referrals (hypothesis: attachment count, sizes, nesting in a forwarded message) go through
the whole intake and outbox with a small `max_routed_mail_bytes`, so the mechanism is exercised at test
speed; one 50 MB referral goes black-box through `csprbot run --once` and `csprbot export` at the
default limit. Peak RSS is measured by bench/bench_large.py, not here (no timed or memory assertions).
"""

from __future__ import annotations

import email
import email.policy
import os
import random
import re
import sqlite3
import subprocess
import sys
from datetime import date, datetime
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reliability_kit import LONDON, ROLE, bot_env, referral, write_profile

from bot.mail.base import PermanentMailError
from parsers.mimescan import decoded, scan, thin

ROOT = Path(__file__).resolve().parents[2]
SENT = datetime(2026, 11, 17, 9, 30, tzinfo=LONDON)
NOW = datetime(2026, 11, 18, 10, 30, tzinfo=LONDON)
EXPORT = re.compile(r"attachment '([^']+)' \((\d+ [KM]B)\): the co-ordinator can fetch it with "
                    r"`csprbot export (\d+) --part (\d+)`")


def big_referral(sizes: list[int], nested: bool = False, seed: int = 1) -> tuple[bytes, dict[str, bytes]]:
    """The kit's Word referral plus attachments of the given sizes (random bytes: incompressible scans).

    With `nested`, the attachments ride in a forwarded message (message/rfc822) inside the referral.
    """
    rng = random.Random(seed)
    msg = email.message_from_bytes(referral(f"<big-{seed}@csc.example.gov.uk>", SENT, date(2026, 11, 16)),
                                   policy=email.policy.default)
    assert isinstance(msg, EmailMessage)
    extra = {f"scan-{i}.pdf": rng.randbytes(n) for i, n in enumerate(sizes)}
    target = msg
    if nested:
        target = EmailMessage()
        target["Subject"] = "FW: bundle"
        target.set_content("Forwarded bundle.\n")
    for name, data in extra.items():
        target.add_attachment(data, maintype="application", subtype="pdf", filename=name)
    if nested:
        msg.add_attachment(target)
    return msg.as_bytes(), extra


def _app(tmp: Path, limit: int, sender: Any = None) -> Any:
    from bot.app import App
    from bot.clock import FixedClock
    from bot.settings import load_settings

    profile = write_profile(tmp / "profile.toml", {"inbox": f'"maildir:{tmp}/inbox"',
                                                   "sender": f'"maildir:{tmp}/outbox"',
                                                   "max_routed_mail_bytes": str(limit),
                                                   "rate_cap_per_hour": "1000"})
    cfg = load_settings(str(profile), env={"CSPRBOT_DATABASE_URL": f"sqlite:///{tmp}/csprbot.db"})
    app = App(cfg, FixedClock(NOW), env={})
    if sender is not None:
        app._sender = sender
    return app


def _sent(tmp: Path) -> list[EmailMessage]:
    out = []
    for f in sorted((tmp / "outbox" / "new").glob("*")):
        m = email.message_from_bytes(f.read_bytes(), policy=email.policy.default)
        assert isinstance(m, EmailMessage)
        out.append(m)
    return out


def _attached_original(mail: EmailMessage) -> bytes | None:
    for part in mail.iter_attachments():
        if (part.get_filename() or "").endswith("-as-received.eml"):
            data = part.get_content()
            return data if isinstance(data, bytes) else data.encode()
    return None


@settings(max_examples=12, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(sizes=st.lists(st.integers(1_000, 400_000), min_size=0, max_size=4), nested=st.booleans(),
       limit=st.sampled_from([200_000, 500_000]))
def test_routed_copies_fit_the_limit_and_name_what_was_withheld(tmp_path_factory: pytest.TempPathFactory,
                                                                sizes: list[int], nested: bool, limit: int) -> None:
    tmp = tmp_path_factory.mktemp("large")
    raw, extra = big_referral(sizes, nested, seed=len(sizes) * 7 + sum(sizes) % 97)
    from bot.mail.maildir import deliver

    deliver(tmp / "inbox", raw)
    app = _app(tmp, limit)
    outcomes = app.intake()
    app.deliver()
    with sqlite3.connect(tmp / "csprbot.db") as db:
        rows = db.execute("SELECT kind, length(raw) FROM outbox").fetchall()
        stored = db.execute("SELECT count(*), sum(length(raw)) FROM message_raw").fetchone()
    app.close()
    assert [o.status for o in outcomes] == ["processed"], outcomes
    routed = [m for m in _sent(tmp) if m["X-CSPRBOT-Kind"] == "routing"]
    assert len(routed) >= 6 and {str(m["To"]) for m in routed} >= {ROLE["coordinator"], ROLE["director"]}
    # Stored once: the inbound bytes in one row, no outbox row carrying a copy of them.
    assert stored == (1, len(raw))
    assert all(n < 64 * 1024 for _kind, n in rows), rows
    for mail in routed:
        data = mail.as_bytes()
        assert len(data) <= limit, (len(data), limit)
        original = _attached_original(mail)
        assert original is not None, "the referral as received is attached (thinned)"
        text = mail.get_body(("plain",)).get_content()  # type: ignore[union-attr]
        named = {m.group(1): int(m.group(4)) for m in EXPORT.finditer(text)}
        parts = {p.filename: p for p in scan(raw)}
        for name, content in extra.items():
            if name in named:  # withheld: named with the part number that `csprbot export` fetches
                assert decoded(raw, parts[name]) == content
                assert content not in original
            else:  # kept whole
                kept = {p.filename: decoded(original, p) for p in scan(original)}
                if not nested:
                    assert kept[name] == content
        # The form always travels: it is small, and withholding goes largest first.
        assert b"CSPR referral form.docx" in original
        assert "withheld" in text or not named


def test_thin_is_deterministic_and_keeps_structure() -> None:
    raw, _extra = big_referral([300_000, 5_000, 120_000], seed=3)
    first, withheld = thin(raw, 300_000)
    again, withheld2 = thin(raw, 300_000)
    assert first == again and withheld == withheld2
    assert [w.name for w in withheld] == ["scan-0.pdf"]
    assert len(first) <= 300_000
    msg = email.message_from_bytes(first, policy=email.policy.default)
    names = [p.get_filename() for p in msg.iter_attachments()]  # type: ignore[attr-defined]
    assert names == ["CSPR referral form.docx", None, "scan-1.pdf", "scan-2.pdf"]


class RefusesBig:
    """An SMTP relay with a 150 KB limit: larger mail is refused 552 (as the issue's six copies were)."""

    name = "refuses-big"

    def __init__(self) -> None:
        self.sent: list[tuple[str, bytes]] = []

    def send(self, envelope_from: str, recipients: list[str], raw: bytes, idem_key: str) -> None:
        if len(raw) > 150_000:
            raise PermanentMailError("smtp: DATA: 552 5.3.4 Message size exceeds fixed maximum message size")
        self.sent.extend((r, raw) for r in recipients)

    def check(self) -> None:
        pass

    def close(self) -> None:
        pass


def test_a_refused_routed_copy_raises_an_alarm_and_goes_again_without_the_original(tmp_path: Path) -> None:
    from bot.digest import build_digest
    from bot.mail.maildir import deliver

    raw, _extra = big_referral([400_000], seed=9)
    deliver(tmp_path / "inbox", raw)
    sender = RefusesBig()
    app = _app(tmp_path, 10 * 1024 * 1024, sender)  # our limit is above the relay's: it refuses
    assert [o.status for o in app.intake()] == ["processed"]
    first = app.deliver()
    second = app.deliver()  # the alarms and refits queued by the first pass
    routed = {r: m for r, m in sender.sent if b"X-CSPRBOT-Kind: routing" in m}
    assert first.parked >= 6 and len(routed) >= 6, (first, second, [r for r, _ in sender.sent])
    for mail in routed.values():
        assert b"was not attached" in mail and b"552" in mail and b"csprbot export" in mail
    alarms = [m for r, m in sender.sent if r == ROLE["coordinator"] and b"could not be delivered" in m]
    assert alarms and all(b"queued again" in m for m in alarms)
    with app.sessions() as s:
        digest = build_digest(s, app.runtime())
    assert digest.context["parked"] and len(digest.context["parked"]) >= 6
    app.close()


def test_fifty_mb_referral_black_box_run_once_and_export(tmp_path: Path) -> None:
    """`csprbot run --once` with the default 10 MB limit, then `csprbot export` of the withheld part."""
    raw, extra = big_referral([50 * 1024 * 1024], seed=50)
    from bot.mail.maildir import deliver

    (tmp_path / "inbox").mkdir()
    profile = write_profile(tmp_path / "profile.toml")
    env = bot_env(CSPRBOT_INBOX_URL=f"maildir:{tmp_path}/inbox", CSPRBOT_SENDER_URL=f"maildir:{tmp_path}/outbox",
                  CSPRBOT_DATABASE_URL=f"sqlite:///{tmp_path}/csprbot.db")

    def csprbot(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "bot.cli", "--config", str(profile), *args], cwd=tmp_path,
                              env=env, text=True, capture_output=True, timeout=300, check=False)

    assert csprbot("run", "--once").returncode == 0
    with sqlite3.connect(tmp_path / "csprbot.db") as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = os.path.getsize(tmp_path / "csprbot.db")
    deliver(tmp_path / "inbox", raw)
    run = csprbot("run", "--once")
    assert run.returncode == 0, run.stderr[-3000:]
    with sqlite3.connect(tmp_path / "csprbot.db") as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    growth = os.path.getsize(tmp_path / "csprbot.db") - before
    assert growth <= len(raw) + 1024 * 1024, (growth, len(raw))
    routed = [m for m in _sent(tmp_path) if m["X-CSPRBOT-Kind"] == "routing"]
    assert len(routed) >= 6
    for mail in routed:
        assert len(mail.as_bytes()) <= 10 * 1024 * 1024
        text = mail.get_body(("plain",)).get_content()  # type: ignore[union-attr]
        found = EXPORT.search(text)
        assert found and found.group(1) == "scan-0.pdf" and found.group(2) == "50 MB"
    message_id, part = found.group(3), found.group(4)
    out = csprbot("export", message_id, "--part", part, "-o", str(tmp_path / "scan.pdf"))
    assert out.returncode == 0, out.stderr
    assert (tmp_path / "scan.pdf").read_bytes() == extra["scan-0.pdf"]
    whole = csprbot("export", message_id, "-o", str(tmp_path / "whole.eml"))
    assert whole.returncode == 0 and (tmp_path / "whole.eml").read_bytes() == raw
