"""docs/DEPLOY.md, run: its marked commands against a throw-away PostgreSQL cluster and two real instances.

Each block after a `<!-- deploy-test: NAME -->` marker is taken from the page as written; the only changes
are the ones a test host needs (listed in `localise`): the cluster's address for db.nsscp.internal, a temp
directory for /etc/csprbot and /var/backups, this checkout's Python for the installed `csprbot`, the
cluster's own binaries for psql/pg_dump/pg_restore, and a shorter lease so the hand-over is quick.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs/DEPLOY.md"

pytestmark = [pytest.mark.servers, pytest.mark.pg_only]


def blocks() -> dict[str, str]:
    found = re.findall(r"<!-- deploy-test: ([\w-]+) -->\n```\w*\n(.*?)```", DOC.read_text(), flags=re.S)
    return dict(found)


def localise(text: str, pg: Any, etc: Path, backups: Path) -> str:
    bindir = pg.bindir
    text = text.replace("db.nsscp.internal:5432", f"127.0.0.1:{pg.port}")
    text = text.replace("/etc/csprbot", str(etc)).replace("/var/backups/csprbot", str(backups))
    text = text.replace("sudo -u postgres psql", f"{bindir}/psql -h 127.0.0.1 -p {pg.port} -U {pg.user} -d postgres")
    text = re.sub(r"(?m)^(\s*)(pg_dump|pg_restore) ", lambda m: f"{m[1]}{bindir}/{m[2]} ", text)
    text = text.replace("/opt/csprbot/venv/bin/csprbot ", f"{sys.executable} -m bot.cli ")
    text = re.sub(r"(?m)^csprbot ", f"{sys.executable} -m bot.cli ", text)
    return text.replace("CSPRBOT_LEASE_SECONDS=120", "CSPRBOT_LEASE_SECONDS=12")


def sh(script: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(["bash", "-euo", "pipefail", "-c", script], cwd=cwd, env=env, text=True,
                          capture_output=True, timeout=120, check=False)
    assert done.returncode == 0, f"{script}\n--- stdout\n{done.stdout}\n--- stderr\n{done.stderr}"
    return done


class Instance:
    def __init__(self, argv: list[str], env: dict[str, str], cwd: Path, log: Path) -> None:
        self.log = log
        self.fh = open(log, "w")  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen(argv, cwd=cwd, env=env, stdout=self.fh, stderr=subprocess.STDOUT, text=True)

    def text(self) -> str:
        return self.log.read_text()

    def wait(self, needle: str, timeout: float = 60) -> None:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if needle in self.text():
                return
            assert self.proc.poll() is None, f"exited {self.proc.returncode}:\n{self.text()}"
            time.sleep(0.1)
        raise AssertionError(f"no {needle!r} in:\n{self.text()}")

    def stop(self) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        rc = self.proc.wait(90)
        self.fh.close()
        return rc


def test_the_deploy_page_runs_two_instances_that_hand_over_the_lead(db_backend: str, pg_server: Any,
                                                                   tmp_path: Path) -> None:
    b = blocks()
    assert {"database", "env", "check", "unit", "status", "backup"} <= set(b), sorted(b)
    etc, backups = tmp_path / "etc", tmp_path / "backups"
    etc.mkdir()
    (etc / "partnership.toml").write_text((ROOT / "config/example.toml").read_text())
    base = {k: v for k, v in os.environ.items() if not k.startswith("CSPRBOT_")}
    # The validated-profile memo in the test's own folder, never the real ~/.cache/csprbot.
    here = {**base, "PYTHONPATH": str(ROOT), "CSPRBOT_CACHE_DIR": str(tmp_path / "cache")}

    def run(name: str) -> subprocess.CompletedProcess[str]:
        return sh(localise(b[name], pg_server, etc, backups), tmp_path, here)

    run("database")
    try:
        env_text = localise(b["env"], pg_server, etc, backups)
        (etc / "csprbot.env").write_text(env_text)
        assert "config OK" in run("check").stdout
        # The unit: its EnvironmentFile, Environment and ExecStart lines, with %H and %i filled in.
        unit = localise(b["unit"], pg_server, etc, backups)
        env_file = Path(re.search(r"(?m)^EnvironmentFile=(.*)$", unit)[1])  # type: ignore[index]
        file_env = dict(line.split("=", 1) for line in env_file.read_text().splitlines()
                        if line.strip() and not line.startswith("#"))
        exec_start = re.search(r"(?m)^ExecStart=(.*)$", unit)[1].split()  # type: ignore[index]
        instances: dict[str, Instance] = {}
        for host in ("host-a", "host-b"):
            extra = dict(line.split("=", 1) for line in re.findall(r"(?m)^Environment=(.*)$", unit))
            extra = {k: v.replace("%H", host).replace("%i", "nsscp") for k, v in extra.items()}
            instances[extra["CSPRBOT_INSTANCE"]] = Instance(exec_start, {**here, **file_env, **extra}, tmp_path,
                                                            tmp_path / f"{host}.log")
            if len(instances) == 1:
                next(iter(instances.values())).wait("csprbot watching")  # the first migrates the database
        try:
            for inst in instances.values():
                inst.wait("csprbot watching")
            leaders = _wait_leaders(instances)
            assert len(leaders) == 1, {n: i.text() for n, i in instances.items()}
            (leader,) = leaders
            (follower,) = set(instances) - {leader}
            status = run("status").stdout
            assert "database: postgresql" in status and f"leader: {leader} (since" in status, status
            assert instances[follower].proc.poll() is None
            # A clean stop steps down at once; the other instance takes the lead at its next heartbeat.
            assert instances[leader].stop() == 0
            assert f"leader: {leader} stepped down" in instances[leader].text()
            instances[follower].wait(f"leader: {follower} now runs", timeout=30)
            assert f"leader: {follower} (since" in run("status").stdout
        finally:
            codes = {n: i.stop() for n, i in instances.items()}
        assert set(codes.values()) == {0}, codes
        run("backup")
        assert list(backups.glob("csprbot_nsscp-*.dump"))
    finally:
        pg_server.admin("DROP DATABASE IF EXISTS csprbot_nsscp WITH (FORCE)")
        pg_server.admin("DROP ROLE IF EXISTS csprbot_nsscp")


def _wait_leaders(instances: dict[str, Instance], timeout: float = 30) -> set[str]:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        leaders = {n for n, i in instances.items() if f"leader: {n} now runs" in i.text()}
        if leaders:
            time.sleep(1.0)  # a second leader would show up now
            return {n for n, i in instances.items() if f"leader: {n} now runs" in i.text()}
        time.sleep(0.1)
    return set()
