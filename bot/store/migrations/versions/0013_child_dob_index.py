"""index on cases.child_dob_key: the duplicate check at intake finds a child written under another spelling by its
date of birth (bot.domain.duplicates.match_case), by index instead of scanning every case

Revision ID: 0013_child_dob_index
Revises: 0012_outbox_lane_rank
"""

from __future__ import annotations

from alembic import op

revision = '0013_child_dob_index'
down_revision = '0012_outbox_lane_rank'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_cases_child_dob_key', 'cases', ['child_dob_key'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_cases_child_dob_key', table_name='cases')
