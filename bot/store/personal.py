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
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from bot.domain.typed import masked, restore, split, texts
from bot.store.models import Case, Clock, PersonalValue

PURGED = "purged by retention"


def digest(salt: str, values: dict[str, object]) -> str:
    body = json.dumps(values, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()
    return hmac.new(bytes.fromhex(salt), body, hashlib.sha256).hexdigest()


def keep(s: Session, case_id: int | None, at: datetime, detail: dict[str, object],
         typed: Iterable[str] = ()) -> dict[str, object]:
    """`detail` with its "personal" values moved to a purgeable row: the row's id and the values' digest instead.

    `typed`: the free text of the command being applied (bot/domain/typed.py). Every other key of the detail that
    carries it (or the event's own personal values) goes to the row too, under "_detail", and the event keeps it
    masked: a reason naming the child is the child's personal data like a corrected name (stranger round 22, B6)."""
    raw = detail.get("personal")
    values: dict[str, object] = dict(raw) if isinstance(raw, dict) else {}
    rest = {k: v for k, v in detail.items() if k != "personal"}
    kept, apart = split(rest, [*typed, *texts(values)])
    if apart:
        values["_detail"] = apart
    if not values:
        return kept
    salt = secrets.token_hex(16)
    row = PersonalValue(case_id=case_id, at=at, salt=salt, values=values)
    s.add(row)
    s.flush()  # the id the event names
    return {**kept, "personal": row.id, "digest": digest(salt, values)}


def restored(s: Session, details: Iterable[dict[str, object]]) -> list[dict[str, object]]:
    """Events' details as written while their values are held (views, the digest); as the log keeps them after."""
    rows = list(details)
    values = held(s, [r for d in rows if isinstance(r := d.get("personal"), int) and not isinstance(r, bool)])
    out = []
    for d in rows:
        ref = d.get("personal")
        out.append(restore(d, values.get(ref)) if isinstance(ref, int) else dict(d))
    return out


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
    """Delete the cases' rows, after taking the typed text they hold out of the cases' own reasons (`scrub`)."""
    ids = list(case_ids)
    if not ids:
        return 0
    scrub(s, ids)
    result = s.execute(delete(PersonalValue).where(PersonalValue.case_id.in_(ids)))
    return int(getattr(result, "rowcount", 0) or 0)


# Keys of a case's facts that hold typed text as it was typed: an action's text and evidence, the reviewer.
_TYPED_FACTS = frozenset({"text", "evidence", "name", "organisation"})


def scrub(s: Session, case_ids: list[int]) -> int:
    """The typed text the cases' rows hold, masked where the case keeps it outside the log: its closing reason,
    its clocks' stop and extension reasons and its facts (an action's text and evidence). Those rows are updated
    in place (they are not the log), so with them gone nothing left in the case names what was typed."""
    by_case: dict[int, list[str]] = {}
    for row in s.scalars(select(PersonalValue).where(PersonalValue.case_id.in_(case_ids))):
        if row.case_id is not None:
            by_case.setdefault(row.case_id, []).extend(texts(row.values))
    changed = 0
    for cid, typed in by_case.items():
        typed = sorted(set(typed), key=len, reverse=True)
        case = s.get(Case, cid)
        if case is None:
            continue
        if case.closed_reason and (m := masked(case.closed_reason, typed)) != case.closed_reason:
            case.closed_reason, changed = m, changed + 1
        if case.facts and (f := _masked_facts(case.facts, typed)) != case.facts:
            case.facts, changed = f, changed + 1
        for clk in s.scalars(select(Clock).where(Clock.case_id == cid)):
            for attr in ("stop_reason", "extension_reason"):
                now = getattr(clk, attr)
                if now and (m := masked(now, typed)) != now:
                    setattr(clk, attr, m)
                    changed += 1
    return changed


def _masked_facts(v: object, typed: list[str], key: str = "") -> Any:
    if isinstance(v, dict):
        return {k: _masked_facts(x, typed, k) for k, x in v.items()}
    if isinstance(v, list):
        return [_masked_facts(x, typed, key) for x in v]
    if isinstance(v, str) and key in _TYPED_FACTS:
        return masked(v, typed)
    return v
