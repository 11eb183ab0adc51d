"""claims and leases: outbox claim columns, the leases table (intake claims, sweep/digest leader)

Revision ID: 0005_claims
Revises: 0004_due_indexes
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0005_claims'
down_revision = '0004_due_indexes'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('leases',
    sa.Column('name', sa.String(length=320), nullable=False),
    sa.Column('holder', sa.String(length=200), nullable=False),
    sa.Column('acquired_at', sa.DateTime(), nullable=False),
    sa.Column('renewed_at', sa.DateTime(), nullable=False),
    sa.Column('expires_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('name')
    )
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.add_column(sa.Column('claimed_by', sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column('claim_until', sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.drop_column('claim_until')
        batch_op.drop_column('claimed_by')
    op.drop_table('leases')
