"""case facts: the process model's facts of a case (dates of awareness and notification, the dispute
window, provisional, looked after, reviewer, learning actions, linked incident...)

Revision ID: 0007_case_facts
Revises: 0006_message_raw
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0007_case_facts'
down_revision = '0006_message_raw'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('cases') as batch:
        batch.add_column(sa.Column('facts', sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('cases') as batch:
        batch.drop_column('facts')
