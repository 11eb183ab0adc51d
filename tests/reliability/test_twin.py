"""Two `csprbot run` instances on one database, SIGKILLed at random while mail flows and on a chaser day.

PostgreSQL: both work, and every claim of tests/reliability/twin_soak.py holds (nothing lost, nothing
processed twice, no repeat outside the SMTP window, no false quarantine, state and reminders equal to a
single-instance oracle). SQLite: the second instance refuses to start, saying why, and the first carries on.
Bigger runs: `.venv/bin/python tests/reliability/twin_soak.py --messages 600 --kills 60` (docs/RELIABILITY.md).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from reliability_kit import BotProcess, bot_env, record_figures, write_profile
from twin_soak import DAY1, USER, run_twin_soak

from tests.servers import require_dovecot
from tests.servers.dovecot_server import DovecotServer
from tests.servers.smtp_sink import SmtpSink

pytestmark = [pytest.mark.servers, pytest.mark.slow]


@pytest.mark.pg_only
def test_two_instances_killed_at_random_lose_nothing_and_repeat_nothing(db_backend: str, pg_server: Any) -> None:
    require_dovecot()
    seed = int(os.environ.get("CSPRBOT_TWIN_SEED", "11"))
    result = run_twin_soak(pg_server.create_database(migrated=False), n_messages=150, kills=12, seed=seed)
    record_figures("twin", **result.figures)
    assert result.problems == []
    f = result.figures
    assert f["kills"] >= 12 and f["lost"] == 0 and f["duplicates_outside_window"] == 0
    assert f["wrongly_quarantined"] == 0 and f["internal_errors"] == 0
    # Both instances really worked: each delivered mail.
    assert set(f["deliveries_by_instance"]) == {"a", "b"} and min(f["deliveries_by_instance"].values()) > 0
    assert f["reminders"] > 0  # the chaser day happened


def test_a_second_instance_on_one_sqlite_file_refuses_and_the_first_carries_on(tmp_path: Path) -> None:
    require_dovecot()
    from reliability_kit import referral

    with DovecotServer() as dc, SmtpSink(auth={USER: "botpw"}) as sink:
        env = bot_env(CSPRBOT_INBOX_URL=dc.url(USER, tls="none"), CSPRBOT_SENDER_URL=sink.url(tls="none"),
                      CSPRBOT_INBOX_PASSWORD="botpw", CSPRBOT_SENDER_PASSWORD="botpw",
                      CSPRBOT_DATABASE_URL=f"sqlite:///{tmp_path}/csprbot.db")
        profile = write_profile(tmp_path / "profile.toml", {"poll_seconds": 2})
        first = BotProcess(profile, env, tmp_path, ["--now", DAY1.isoformat()])
        try:
            first.wait_log("csprbot watching")
            second = subprocess.run([sys.executable, "-m", "bot.cli", "--config", str(profile), "run", "--now",
                                     DAY1.isoformat()], cwd=tmp_path, env=env, capture_output=True, text=True,
                                    timeout=60, check=False)
            assert second.returncode == 2
            assert "already running on the SQLite database" in second.stderr and "PostgreSQL" in second.stderr
            assert "Traceback" not in second.stderr
            dc.append(USER, referral("<twin-sqlite.1@example.test>", DAY1, DAY1.date()))
            sink.wait_for(1, timeout=60)  # the first one still works
        finally:
            assert first.stop() == 0
        assert dc.uids(USER, "INBOX") == [] and len(dc.uids(USER, "Processed")) == 1
        again = BotProcess(profile, env, tmp_path, ["--now", DAY1.isoformat()])  # the first stopped: now it may
        try:
            again.wait_log("csprbot watching")
        finally:
            assert again.stop() == 0
