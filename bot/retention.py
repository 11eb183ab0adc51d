"""Retention: after the configured period, personal data goes; clock history and the audit log stay.

Purged: raw inbound messages and what was parsed from them, the bodies of sent mail, and closed cases'
referral details and referrer address, and the personal values the audit log's events refer to (a CORRECT's old
and new value, every text typed into a command: bot/store/personal.py), that text masked first where the case
keeps it outside the log (its closing reason, its clocks' reasons, an action's text).
Kept: cases (reference, stage, dates), clocks, reminders, the
audit log (field corrected, who, when): enough to answer "was every deadline met?" years later without
holding a child's details.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session, sessionmaker

from bot.apply import Runtime, audit
from bot.store import personal
from bot.store.models import Case, Message, MessageRaw, OutboxItem


def purge(sessions: sessionmaker[Session], rt: Runtime) -> dict[str, int]:
    days = rt.settings.store.retention_days
    if days <= 0:
        return {}
    cutoff = rt.stamp - timedelta(days=days)
    with sessions.begin() as s:
        old = select(Message.id).where(Message.received_at < cutoff).scalar_subquery()
        msgs = s.execute(delete(MessageRaw).where(MessageRaw.message_id.in_(old)))
        s.execute(update(Message).where(Message.received_at < cutoff, Message.parse_json.is_not(None))
                  .values(parse_json=None))
        sent = s.execute(update(OutboxItem).where(OutboxItem.status != "pending", OutboxItem.created_at < cutoff,
                                                  OutboxItem.raw != b"").values(raw=b""))
        cases = s.execute(update(Case).where(Case.stage == "closed", Case.opened_at < cutoff,
                                             Case.referral_json.is_not(None))
                          .values(referral_json=None, referrer_email=None, child_name_key=None,
                                  child_dob_key=None, child_incident_key=None))
        # The personal values audit events refer to (CORRECT's values, typed text): the events stay, append-only,
        # naming the field, who and when; the values and the salt of their digest go (bot/store/personal.py).
        closed = s.scalars(select(Case.id).where(Case.stage == "closed", Case.opened_at < cutoff)).all()
        values = personal.purge(s, closed)
        counts = {"messages": _rows(msgs), "sent_mail": _rows(sent), "cases": _rows(cases)}
        if values:
            counts["personal_values"] = values
        if any(counts.values()):
            audit(s, rt, "retention_purge", {**counts, "older_than_days": days})
    return counts


def _rows(result: object) -> int:
    # UPDATE results are CursorResults with a rowcount; the generic Result type does not say so.
    return int(getattr(result, "rowcount", 0) or 0)
