"""`csprbot status`: the leadership lease, claims in flight and the outbox, read in one short session."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from bot.store.claims import LEADER, wall_now
from bot.store.models import Lease, OutboxItem


def _z(at: datetime) -> str:
    return at.isoformat(timespec="seconds") + "Z"


def store_status(s: Session) -> dict[str, Any]:
    now = wall_now()
    lead = s.get(Lease, LEADER)
    schema = s.execute(text("SELECT version_num FROM alembic_version")).scalar()
    counts = dict(s.execute(select(OutboxItem.status, func.count()).group_by(OutboxItem.status)).all())
    return {
        "database": s.get_bind().dialect.name,
        "schema": schema,
        "leader": None if lead is None else {
            "holder": lead.holder, "since": _z(lead.acquired_at), "renewed_at": _z(lead.renewed_at),
            "expires_at": _z(lead.expires_at), "expired": lead.expires_at < now},
        "messages_claimed": s.scalar(select(func.count()).select_from(Lease).where(
            Lease.name.startswith("in:"), Lease.expires_at >= now)) or 0,
        "mail_claimed": s.scalar(select(func.count()).select_from(OutboxItem).where(
            OutboxItem.status == "pending", OutboxItem.claim_until >= now)) or 0,
        "outbox_pending": counts.get("pending", 0),
        "outbox_parked": counts.get("parked", 0),
    }
