"""index on outbox (status, created_at): the delay alarm's count of mail waiting past mail.delay_alarm_hours
(bot/delivery.py, read by every digest and `csprbot status`) searches a range of pending mail by creation time
instead of scanning every mail ever sent

Revision ID: 0015_outbox_status_created
Revises: 0014_personal_values
"""

from __future__ import annotations

from alembic import op

revision = '0015_outbox_status_created'
down_revision = '0014_personal_values'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_outbox_status_created', 'outbox', ['status', 'created_at'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_outbox_status_created', table_name='outbox')
