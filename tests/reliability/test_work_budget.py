"""Every message has a hard work budget (issue #10): over it, quarantined in one short line; intake goes on.

The budget's own timing is exercised with a parse made slow on purpose (monkeypatched, inherited by the
forked child), so nothing here depends on the machine's speed. Pathological HTML goes black-box through
`csprbot run --once` beside a genuine referral: before the fix 50,000 nested <div>s took ~2 minutes and
held the referral behind them. Speed itself is measured by bench/bench_budget.py.
"""

from __future__ import annotations

import subprocess
import sys
import time
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st
from reliability_kit import LONDON, bot_env, query, referral, write_profile

from bot import intake
from bot.budget import Budget, OverBudget, Worker
from parsers.documents.html import _BLOCK_TAGS, _text_with_breaks

NOW = datetime(2026, 11, 18, 10, 30, tzinfo=LONDON)
SENT = datetime(2026, 11, 17, 9, 30, tzinfo=LONDON)


def _sleepy(arg: float) -> float:
    time.sleep(arg)
    return arg


def _hog(n: int) -> int:
    return len(bytearray(n))


def test_worker_names_the_bound_hit_and_keeps_serving() -> None:
    w = Worker(_sleepy, Budget(0.5, 256))
    try:
        assert w.call(0.01) == 0.01
        with pytest.raises(OverBudget) as slow:
            w.call(30)
        assert str(slow.value) == "over the work budget: not parsed within 0.5 s"
        assert w.call(0.02) == 0.02  # a fresh child after the kill
    finally:
        w.close()
    h = Worker(_hog, Budget(30, 128))
    try:
        with pytest.raises(OverBudget) as big:
            h.call(1024 ** 3)
        assert str(big.value) == "over the work budget: parsing needed more than 128 MB"
        assert h.call(1000) == 1000
        with pytest.raises(OverBudget):  # the one-off fork a large payload gets is bounded the same way
            h.call(1024 ** 3, size=64 * 1024 * 1024)
    finally:
        h.close()


def _app(tmp: Path, **mail: str) -> Any:
    from bot.app import App
    from bot.clock import FixedClock
    from bot.settings import load_settings

    profile = write_profile(tmp / "profile.toml", {"inbox": f'"maildir:{tmp}/inbox"',
                                                   "sender": f'"maildir:{tmp}/outbox"', **mail})
    cfg = load_settings(str(profile), env={"CSPRBOT_DATABASE_URL": f"sqlite:///{tmp}/csprbot.db"})
    return App(cfg, FixedClock(NOW), env={})


def test_a_message_over_budget_is_quarantined_in_one_line_and_intake_moves_on(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from bot.mail.maildir import deliver

    real = intake._parse_target

    def stuck_on_marker(arg: tuple[bytes, dict[str, str]]) -> Any:
        if b"STUCK-PARSER" in arg[0]:
            time.sleep(600)
        return real(arg)

    monkeypatch.setattr(intake, "_parse_target", stuck_on_marker)
    monkeypatch.setattr(intake, "_WORKERS", {})
    bomb = referral("<stuck@csc.example.gov.uk>", SENT, date(2026, 11, 16)).replace(
        b"Please find attached", b"STUCK-PARSER Please find attached")
    deliver(tmp_path / "inbox", bomb)
    deliver(tmp_path / "inbox", referral("<fine@csc.example.gov.uk>", SENT, date(2026, 11, 16)))
    app = _app(tmp_path, work_budget_seconds="2")
    try:
        outcomes = app.intake()
    finally:
        app.close()
        for w in intake._WORKERS.values():
            w.close()
    assert [o.status for o in outcomes] == ["quarantined", "processed"], outcomes
    assert outcomes[0].detail == "over the work budget: not parsed within 2 s"
    assert outcomes[1].ref


_TAGS = sorted(_BLOCK_TAGS | {"span", "b", "td", "table", "font", "input"})


@st.composite
def html_trees(draw: st.DrawFn, depth: int = 0) -> str:
    tag = draw(st.sampled_from(_TAGS))
    kids = draw(st.lists(st.one_of(st.text("ab <&\n", max_size=4).map(lambda t: t.replace("<", "&lt;")),
                                   html_trees(depth + 1) if depth < 5 else st.just("x")), max_size=3))
    return f"<{tag}>{''.join(kids)}</{tag}>"


def _old_text(html: str) -> str:
    """The old algorithm (string insertion around block tags), right but quadratic in depth."""
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(_BLOCK_TAGS):
        if tag.name == "br":
            tag.replace_with("\n")
        else:
            tag.insert_before("\n")
            tag.insert_after("\n")
    return soup.get_text()


@settings(max_examples=150, deadline=None, derandomize=True)
@given(html=html_trees())
def test_one_pass_html_text_matches_the_old_reading(html: str) -> None:
    assert _text_with_breaks(BeautifulSoup(html, "html.parser")) == _old_text(html)


@pytest.mark.parametrize("shape", ["div", "blockquote", "table"])
def test_deeply_nested_html_does_not_hold_a_referral_black_box(tmp_path: Path, shape: str) -> None:
    """50,000 nested elements (0.56 MB) and a referral behind them: one `run --once` handles both."""
    from email.message import EmailMessage

    from bot.mail.maildir import deliver

    m = EmailMessage()
    m["From"] = "stranger@example.org"
    m["To"] = "csprbot@nsscp.example.gov.uk"
    m["Subject"] = "hello"
    m["Message-ID"] = "<nested@example.org>"
    inner = "<tr><td>" if shape == "table" else ""
    m.set_content(f"<{shape}>{inner}" * 50_000 + "Name of child: nobody" + f"</{shape}>" * 50_000,
                  subtype="html")
    deliver(tmp_path / "inbox", m.as_bytes())
    deliver(tmp_path / "inbox", referral("<after@csc.example.gov.uk>", SENT, date(2026, 11, 16)))
    profile = write_profile(tmp_path / "profile.toml")
    env = bot_env(CSPRBOT_INBOX_URL=f"maildir:{tmp_path}/inbox", CSPRBOT_SENDER_URL=f"maildir:{tmp_path}/outbox",
                  CSPRBOT_DATABASE_URL=f"sqlite:///{tmp_path}/csprbot.db")
    run = subprocess.run([sys.executable, "-m", "bot.cli", "--config", str(profile), "run", "--once", "--now",
                          "2026-11-18T10:30"], cwd=tmp_path, env=env, text=True, capture_output=True,
                         timeout=90, check=False)
    assert run.returncode == 0, run.stderr[-2000:]
    rows = query(tmp_path / "csprbot.db", "SELECT status, kind, reason FROM messages ORDER BY id")
    assert len(rows) == 2 and rows[1][:2] == ("processed", "referral"), rows
    assert rows[0][0] == "quarantined" and len(rows[0][2]) < 200, rows[0]
