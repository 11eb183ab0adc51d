"""outbox.lane_rank: the place of a rationed sender's routing mail within its own flood (1 for the first referral
of an agency's domain or a stranger's domain in the interval, 2 for the second ...), so the outbox takes the
strangers' lane in turns, one flood's first before any flood's second

Revision ID: 0012_outbox_lane_rank
Revises: 0011_child_name_key_spellings
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0012_outbox_lane_rank'
down_revision = '0011_child_name_key_spellings'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('outbox') as batch:
        batch.add_column(sa.Column('lane_rank', sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('outbox') as batch:
        batch.drop_column('lane_rank')
