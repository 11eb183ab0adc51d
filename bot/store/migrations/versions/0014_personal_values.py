"""personal_values: the personal values audit events refer to (CORRECT's old and new value), purged by retention

Revision ID: 0014_personal_values
Revises: 0013_child_dob_index

Events written before this revision keep their values in `events.detail`: the audit log is append-only
(triggers of 0001), and this migration does not lift that to rewrite history (docs/SECURITY.md, Retention).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0014_personal_values'
down_revision = '0013_child_dob_index'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'personal_values',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('case_id', sa.Integer(), nullable=True),
        sa.Column('at', sa.DateTime(), nullable=False),
        sa.Column('salt', sa.String(length=64), nullable=False),
        sa.Column('values', sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(['case_id'], ['cases.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_personal_values_case_id', 'personal_values', ['case_id'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_personal_values_case_id', table_name='personal_values')
    op.drop_table('personal_values')
