"""Mailbox health, reported loudly: a log line every check, and the co-ordinator told once per incident.

A watcher that silently stopped is how a referral gets missed: if the inbox has not been checked for
`mail.stale_after_minutes`, or its login/token keeps failing, someone must hear about it.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from sqlalchemy.orm import Session, sessionmaker

from bot.apply import Runtime, audit, enqueue
from bot.domain import routing
from bot.domain.effects import MailIntent
from bot.mail.base import StateStore
from bot.mail.health import read_health, stale_mailboxes

log = logging.getLogger("csprbot.health")


def check_health(sessions: sessionmaker[Session], state: StateStore, rt: Runtime, mailbox: str,
                 started: datetime) -> str | None:
    """Returns the problem, if any. `started`: when this process began watching (grace period)."""
    if mailbox.startswith("maildir:"):
        return None  # a local folder has no server to lose
    limit = rt.settings.mail.stale_after_minutes
    checks, errors = read_health(state, [mailbox])
    stale = stale_mailboxes(checks, rt.now, limit, errors)
    problem = stale[0].describe(rt.now) if stale else None
    if problem is None and errors.get(mailbox):
        problem = f"{mailbox}: failing: {errors[mailbox]}"
    if problem is None:
        if state.get_state(mailbox, "alert_since"):
            state.set_state(mailbox, "alert_since", "")
            log.info("mailbox %s is healthy again", mailbox)
        return None
    if rt.now - started < timedelta(minutes=limit):
        return None  # just started: give the first check time to complete
    log.error("MAILBOX PROBLEM: %s", problem)
    since = state.get_state(mailbox, "alert_since")
    if not since:
        since = rt.now.isoformat(timespec="seconds")
        state.set_state(mailbox, "alert_since", since)
        with sessions.begin() as s:
            audit(s, rt, "mailbox_unhealthy", {"mailbox": mailbox, "problem": problem})
            enqueue(s, rt, MailIntent("triage", "coordinator.triage.health",
                                      routing.for_event(rt.settings, "triage"),
                                      {"mailbox": mailbox, "problem": problem}, tag=since),
                    None, None, f"health:{mailbox}")
    return problem
