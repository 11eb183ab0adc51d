"""typed text apart: events written before the fix keep no personal value nor typed text, so retention purges them

Revision ID: 0016_typed_text_apart
Revises: 0015_outbox_status_created

Stranger round 22, B6: a reason naming the child ("Kayla Stone's injuries were accidental") stayed in the append-only
log after retention, and so did every value a CORRECT wrote before migration 0014. This migration moves them the
way new events are written (bot/store/personal.py, bot/domain/typed.py): a command's free-text arguments, a
pre-0014 `field_corrected`'s old and new value, and every other part of an event of the same case that carries
that text go to a `personal_values` row; the event keeps the rest, the row's id and the values' HMAC. It lifts the
UPDATE guard of migration 0001 for this one transaction and puts it back before the transaction commits (one
`audit_values_moved` event records how many events were rewritten); nothing else ever changes an event.
"""

from __future__ import annotations

import secrets
from collections import defaultdict
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

from bot.domain.typed import split, texts, typed_args
from bot.store.personal import digest

revision = '0016_typed_text_apart'
down_revision = '0015_outbox_status_created'
branch_labels = None
depends_on = None

_events = sa.table("events", sa.column("id", sa.Integer), sa.column("at", sa.DateTime),
                   sa.column("case_id", sa.Integer), sa.column("kind", sa.String), sa.column("actor", sa.String),
                   sa.column("detail", sa.JSON))
_values = sa.table("personal_values", sa.column("id", sa.Integer), sa.column("case_id", sa.Integer),
                   sa.column("at", sa.DateTime), sa.column("salt", sa.String), sa.column("values", sa.JSON))


def upgrade() -> None:
    bind = op.get_bind()
    _lift(bind, True)
    moved = move(bind)
    _lift(bind, False)
    if moved[0]:
        bind.execute(sa.insert(_events).values(
            at=datetime.now(UTC).replace(tzinfo=None), case_id=None, kind="audit_values_moved", actor=None,
            detail={"migration": revision, "events": moved[0], "rows": moved[1],
                    "why": "typed text and pre-0014 values kept apart, purged by retention (docs/SECURITY.md)"}))


def _lift(bind: sa.engine.Connection, off: bool) -> None:
    """Migration 0001's UPDATE guard off (`off`) or back on, inside this migration's transaction."""
    if bind.dialect.name == "sqlite":
        if off:
            op.execute("DROP TRIGGER IF EXISTS events_no_update")
        else:
            op.execute("CREATE TRIGGER events_no_update BEFORE UPDATE ON events "
                       "BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END")
    elif bind.dialect.name == "postgresql":
        op.execute(f"ALTER TABLE events {'DISABLE' if off else 'ENABLE'} TRIGGER events_append_only")


def move(bind: sa.engine.Connection) -> tuple[int, int]:
    """Rewrite the events holding typed text or old values; (events rewritten, rows written)."""
    rows = bind.execute(sa.select(_events.c.id, _events.c.at, _events.c.case_id, _events.c.kind, _events.c.detail)
                        .where(_events.c.case_id.is_not(None)).order_by(_events.c.id)).all()
    held = {r.id: (r.salt, dict(r.values)) for r in bind.execute(sa.select(_values))}
    typed: dict[int, list[str]] = defaultdict(list)
    for r in rows:
        d = r.detail if isinstance(r.detail, dict) else {}
        if r.kind == "command_accepted" and isinstance(d.get("args"), dict):
            typed[r.case_id] += texts(typed_args(d["args"]))
        if r.kind == "field_corrected":
            typed[r.case_id] += texts({k: d.get(k) for k in ("old", "new")})
        ref = d.get("personal")
        if isinstance(ref, int) and ref in held:
            typed[r.case_id] += texts({k: v for k, v in held[ref][1].items() if k != "_detail"})
    events = made = 0
    for r in rows:
        d = dict(r.detail) if isinstance(r.detail, dict) else {}
        values: dict[str, object] = {}
        if r.kind == "command_accepted" and isinstance(d.get("args"), dict):
            values.update(typed_args(d["args"]))
            d["args"] = {k: v for k, v in d["args"].items() if k not in values}
        if r.kind == "field_corrected" and ("old" in d or "new" in d):
            values.update({"old": d.pop("old", None), "new": d.pop("new", None)})
        ref = d.pop("personal", None)
        d.pop("digest", None)
        kept, apart = split(d, [*typed[r.case_id], *texts(values)])
        if not values and not apart:
            continue
        if apart:
            values["_detail"] = apart
        if isinstance(ref, int) and ref in held:  # written since 0014: its row takes what else was typed
            salt, old = held[ref]
            values = {**old, **{k: v for k, v in values.items() if k != "_detail"},
                      **({"_detail": {**dict(old.get("_detail") or {}), **apart}} if apart else {})}
            bind.execute(sa.update(_values).where(_values.c.id == ref).values(values=values))
        else:
            salt = secrets.token_hex(16)
            ref = bind.execute(sa.insert(_values).values(case_id=r.case_id, at=r.at, salt=salt, values=values)
                               .returning(_values.c.id)).scalar_one()
            made += 1
        bind.execute(sa.update(_events).where(_events.c.id == r.id)
                     .values(detail={**kept, "personal": ref, "digest": digest(salt, values)}))
        events += 1
    return events, made


def downgrade() -> None:
    # What was moved stays apart: putting typed text back into the log would undo what retention is for.
    pass
