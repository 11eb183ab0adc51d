"""cases.child_name_key: re-keyed with duplicates.name_key, so the same child written surname first, with or
without accents, a nickname or a hyphen is found as the case already open (stranger round 6)

Revision ID: 0011_child_name_key_spellings
Revises: 0010_outbox_clock_keys

Every stored key is recomputed from the case's stored referral; retention-purged cases have none and stay empty.
"""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa
from alembic import op

from bot.domain.duplicates import NAME_KEY_LEN, name_key

revision = '0011_child_name_key_spellings'
down_revision = '0010_outbox_clock_keys'
branch_labels = None
depends_on = None

BATCH = 1000


def _rekey(key_of: Callable[[object], str]) -> None:
    bind = op.get_bind()
    cases = sa.table('cases', sa.column('id', sa.Integer), sa.column('referral_json', sa.JSON),
                     sa.column('child_name_key', sa.String))
    last = 0
    while True:
        rows = bind.execute(sa.select(cases.c.id, cases.c.referral_json)
                            .where(cases.c.id > last, cases.c.referral_json.is_not(None))
                            .order_by(cases.c.id).limit(BATCH)).all()
        if not rows:
            break
        for case_id, form in rows:
            child = form.get("child") if isinstance(form, dict) else None
            name = child.get("name") if isinstance(child, dict) else None
            key = key_of(name)[:NAME_KEY_LEN] or None
            bind.execute(sa.update(cases).where(cases.c.id == case_id).values(child_name_key=key))
        last = rows[-1][0]


def upgrade() -> None:
    _rekey(name_key)


def downgrade() -> None:
    # The key as 0002 wrote it: lower case, commas as spaces, single spaces.
    _rekey(lambda text: " ".join(str(text or "").lower().replace(",", " ").split()))
