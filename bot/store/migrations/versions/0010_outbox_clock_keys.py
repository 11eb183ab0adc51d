"""outbox.clock_key holds every clock a mail is about: one escalation mail per person per case lists
several overdue clocks (comma-separated keys), so 40 characters are too few

Revision ID: 0010_outbox_clock_keys
Revises: 0009_web_sessions
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0010_outbox_clock_keys'
down_revision = '0009_web_sessions'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('outbox') as batch:
        batch.alter_column('clock_key', type_=sa.String(400), existing_type=sa.String(40), existing_nullable=True)


def downgrade() -> None:
    with op.batch_alter_table('outbox') as batch:
        batch.alter_column('clock_key', type_=sa.String(40), existing_type=sa.String(400), existing_nullable=True)
