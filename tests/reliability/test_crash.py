"""Crash consistency: `csprbot run` SIGKILLed at random points (during intake, during sends, anywhere) while
500 messages flow in through a real Dovecot, out through a real SMTP server, state in SQLite.

The claims, checked in tests/reliability/soak.py after the last incarnation has drained everything:
each message processed exactly once; the state equal to a crash-free run of the same mail; every clock
as an independent calculation says; no outbound mail lost; a repeated delivery only in SMTP's own window
(server said 250, bot killed before recording it: the repeat carries the same Message-ID, so receiving
servers and Outlook de-duplicate it). Bigger runs: `.venv/bin/python bench/crash_soak.py --messages 5000
--kills 200`.
"""

from __future__ import annotations

import os

import pytest
from reliability_kit import record_figures
from soak import run_crash_soak

from tests.servers import require_dovecot

pytestmark = [pytest.mark.servers, pytest.mark.slow]


def test_sigkill_at_random_points_loses_nothing_and_repeats_nothing_but_the_smtp_window() -> None:
    require_dovecot()
    seed = int(os.environ.get("CSPRBOT_CRASH_SEED", "6"))
    result = run_crash_soak(n_messages=500, kills=20, seed=seed)
    record_figures("crash", **result.figures)
    assert result.problems == []
    f = result.figures
    assert f["kills"] >= 20 and f["lost"] == 0 and f["duplicates_outside_window"] == 0
    # The kills really landed where they were aimed: inside intake and inside a send.
    assert f["kills_mid_intake"] >= 1 and f["kills_mid_send"] >= 1
