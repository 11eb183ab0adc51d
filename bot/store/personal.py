"""Personal values out of the audit log: kept in `personal_values`, referred to by id and keyed digest, purged.

The audit log (`events`) is append-only (database triggers), so whatever an event holds it holds for ever, and in
every backup. An event that needs a personal value (a CORRECT's old and new value, the value as typed) carries
`"personal": {...}` in its detail when it is written; `keep` moves that out to a row of its own and leaves in the
event `{"personal": <row id>, "digest": HMAC-SHA256(salt, values)}`. Retention deletes the rows of closed cases
(bot/retention.py). The salt is random per row and goes with it: a date of birth has a few thousand candidates,
so a digest under a key the database also held would be read back by trying them all.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from bot.store.models import PersonalValue

PURGED = "purged by retention"


def digest(salt: str, values: dict[str, object]) -> str:
    body = json.dumps(values, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()
    return hmac.new(bytes.fromhex(salt), body, hashlib.sha256).hexdigest()


def keep(s: Session, case_id: int | None, at: datetime, detail: dict[str, object]) -> dict[str, object]:
    """`detail` with its "personal" values moved to a purgeable row: the row's id and the values' digest instead."""
    values = detail.get("personal")
    if not isinstance(values, dict):
        return detail
    salt = secrets.token_hex(16)
    row = PersonalValue(case_id=case_id, at=at, salt=salt, values=values)
    s.add(row)
    s.flush()  # the id the event names
    return {**detail, "personal": row.id, "digest": digest(salt, values)}


def held(s: Session, ids: Iterable[int]) -> dict[int, dict[str, object]]:
    """The values still held for these rows (a purged row is absent)."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    return {r.id: r.values for r in s.scalars(select(PersonalValue).where(PersonalValue.id.in_(wanted)))}


def mismatched(s: Session) -> list[int]:
    """Rows whose values no longer match the digest their event recorded (edited since): [] when all hold."""
    from bot.store.models import Event

    recorded: dict[int, str] = {}
    for detail in s.scalars(select(Event.detail)):
        ref = detail.get("personal") if isinstance(detail, dict) else None
        if isinstance(ref, int) and not isinstance(ref, bool):
            recorded[ref] = str(detail.get("digest"))
    return [r.id for r in s.scalars(select(PersonalValue).order_by(PersonalValue.id))
            if recorded.get(r.id) != digest(r.salt, r.values)]


def purge(s: Session, case_ids: Iterable[int]) -> int:
    ids = list(case_ids)
    if not ids:
        return 0
    result = s.execute(delete(PersonalValue).where(PersonalValue.case_id.in_(ids)))
    return int(getattr(result, "rowcount", 0) or 0)
