"""APScheduler wiring for `csprbot run`: the inbox watch, the clock sweep, the outbox and the digest.

The database is the truth (clocks, reminders, outbox), so jobs hold no state: after a restart the next
sweep sees exactly what is still due. A reminder that fell due while csprbot was down goes out once at the
next working-hours sweep, marked late (see bot/domain/clocks.due_reminders).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from sqlalchemy.exc import OperationalError

from bot.mail.base import MailConfigError, TransientMailError

if TYPE_CHECKING:
    from apscheduler.schedulers.background import BackgroundScheduler

    from bot.app import App

log = logging.getLogger("csprbot.scheduler")


class StopRequested(BaseException):
    """Raised by the signal handler only while the loop is idle in `inbox.wait` (IDLE can block for
    minutes); during work the handler just sets the flag, so a commit is never cut in half."""


class LoopState:
    def __init__(self) -> None:
        self.stopping = False
        self.waiting = False

    def request_stop(self) -> None:
        self.stopping = True
        if self.waiting:
            raise StopRequested


def _guard(name: str, fn: Callable[[], object]) -> Callable[[], None]:
    def job() -> None:
        try:
            fn()
        except (TransientMailError, OperationalError) as exc:
            log.warning("%s: will retry: %s", name, exc)
        except Exception:  # one failing job must not stop the others
            log.exception("%s failed", name)

    return job


def build_scheduler(app: App, locked: Callable[[Callable[[], object]], Callable[[], object]]) -> BackgroundScheduler:
    """The periodic jobs of a running instance (not started). Every job runs on its interval from the first
    tick: none is added paused (APScheduler 3 takes `next_run_time=None` as "paused", which once left the
    sweep running only at start-up, so an instance that became leader later never swept its clocks)."""
    from apscheduler.schedulers.background import BackgroundScheduler

    sched = BackgroundScheduler(timezone=app.settings.calendar.timezone)
    sched.add_job(_guard("sweep", locked(app.sweep)), "interval", minutes=1, id="sweep",
                  max_instances=1, coalesce=True)
    sched.add_job(_guard("outbox", locked(app.deliver)), "interval", seconds=5, id="outbox",
                  max_instances=1, coalesce=True)
    sched.add_job(_guard("digest", locked(app.digest_if_due)), "interval", minutes=1, id="digest",
                  max_instances=1, coalesce=True)
    sched.add_job(_guard("health", locked(app.health)), "interval", minutes=1, id="health",
                  max_instances=1, coalesce=True)
    sched.add_job(_guard("retention", locked(app.purge)), "interval", hours=1, id="retention",
                  max_instances=1, coalesce=True)
    # The leadership's heartbeat: renewed well inside its lease, so a live leader never loses it.
    sched.add_job(_guard("leader", app.leads), "interval", seconds=max(5, app.settings.store.lease_seconds // 4),
                  id="leader", max_instances=1, coalesce=True)
    return sched


def run_scheduler(app: App, state: LoopState) -> None:
    def stop() -> bool:
        return state.stopping

    work_lock = threading.Lock()  # intake, sweep and outbox share one SQLite writer: take turns

    def locked(fn: Callable[[], object]) -> Callable[[], object]:
        def inner() -> object:
            with work_lock:
                return fn()

        return inner

    sched = build_scheduler(app, locked)
    sched.start()
    _guard("sweep", locked(app.sweep))()
    backoff = 1.0
    try:
        while not stop():
            try:
                with work_lock:
                    outcomes = app.intake()
                # "busy": another instance is working those; wait for the mailbox to change, not spin.
                worked = [o for o in outcomes if getattr(o, "status", "") != "busy"]
                if worked:
                    with work_lock:
                        app.deliver()  # routed mail goes out now, not at the next outbox tick
                backoff = 1.0
                if not worked and not stop():
                    state.waiting = True
                    try:
                        app.inbox.wait(app.settings.mail.poll_seconds)
                    finally:
                        state.waiting = False
            except MailConfigError as exc:
                log.error("mailbox configuration problem: %s", exc)
                _sleep(stop, min(300.0, backoff))
                backoff *= 2
            except (TransientMailError, OperationalError, OSError) as exc:
                log.warning("intake will retry in %.0fs: %s", backoff, exc)
                _sleep(stop, backoff)
                backoff = min(300.0, backoff * 2)
    except StopRequested:
        pass
    except Exception:
        # The stop signal landed inside a database call made while waiting (the inbox records its checks):
        # the driver may turn the interruption into an error of its own. Stopping was asked for: stop cleanly.
        if not state.stopping:
            raise
        log.debug("stopped during a database call", exc_info=True)
    finally:
        sched.shutdown(wait=True)


def _sleep(stop: Callable[[], bool], seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end and not stop():
        time.sleep(0.2)
