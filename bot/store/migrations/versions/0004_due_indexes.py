"""indexes for reads that must not grow with the store: running clocks by due date, decision clocks, quarantine,
outstanding returns

Revision ID: 0004_due_indexes
Revises: 0003_web
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0004_due_indexes'
down_revision = '0003_web'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_clocks_state_due', 'clocks', ['state', 'due'], unique=False)
    op.create_index('ix_clocks_key_state_due', 'clocks', ['key', 'state', 'due'], unique=False)
    op.create_index('ix_messages_status', 'messages', ['status'], unique=False)
    op.create_index('ix_agency_requests_outstanding', 'agency_requests', ['case_id'], unique=False,
                    sqlite_where=sa.text('received_on IS NULL'), postgresql_where=sa.text('received_on IS NULL'))


def downgrade() -> None:
    op.drop_index('ix_agency_requests_outstanding', table_name='agency_requests')
    op.drop_index('ix_messages_status', table_name='messages')
    op.drop_index('ix_clocks_key_state_due', table_name='clocks')
    op.drop_index('ix_clocks_state_due', table_name='clocks')
