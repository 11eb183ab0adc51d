"""The running instance's periodic jobs are all scheduled: none waits paused for a start that never comes."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from bot.scheduler import build_scheduler


def _app() -> Any:
    calls: list[str] = []

    def job(name: str) -> Any:
        return lambda: calls.append(name)

    settings = SimpleNamespace(calendar=SimpleNamespace(timezone="Europe/London"),
                               store=SimpleNamespace(lease_seconds=60))
    return SimpleNamespace(settings=settings, sweep=job("sweep"), deliver=job("outbox"), digest_if_due=job("digest"),
                           health=job("health"), purge=job("retention"), leads=job("leader"), calls=calls)


def test_every_periodic_job_has_a_next_run_once_started() -> None:
    # An instance that becomes leader after its start-up sweep (the lease of a killed leader ran out a few
    # seconds later) must still sweep its clocks every minute: the sweep job was once added paused, so such an
    # instance never sent a chaser or an escalation (seen as a two-instance soak that never swept).
    app = _app()
    sched = build_scheduler(app, lambda fn: fn)
    sched.start(paused=True)
    try:
        jobs = {job.id: job for job in sched.get_jobs()}
        assert {"sweep", "outbox", "digest", "health", "retention", "leader"} <= set(jobs)
        for job_id, job in jobs.items():
            assert job.next_run_time is not None, f"{job_id} is paused"
        assert jobs["sweep"].trigger.interval.total_seconds() == 60
    finally:
        sched.shutdown(wait=False)
