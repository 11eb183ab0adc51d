"""web sessions kept on the server (revocable: sign-out ends a copied cookie too; idle and absolute
timeouts checked against the stored times), and a per-message action counter so acting on a quarantined
message is a compare-and-set claim

Revision ID: 0009_web_sessions
Revises: 0008_incident_date_index
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0009_web_sessions'
down_revision = '0008_incident_date_index'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'web_sessions',
        sa.Column('id_sha', sa.String(length=64), nullable=False),
        sa.Column('address', sa.String(length=320), nullable=False),
        sa.Column('how', sa.String(length=20), nullable=False),
        sa.Column('ip', sa.String(length=64), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('seen_at', sa.DateTime(), nullable=False),
        sa.Column('revoked_at', sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint('id_sha'),
    )
    op.create_index('ix_web_sessions_address', 'web_sessions', ['address'])
    op.create_index('ix_web_sessions_created_at', 'web_sessions', ['created_at'])
    with op.batch_alter_table('messages') as batch:
        batch.add_column(sa.Column('handled_count', sa.Integer(), nullable=False, server_default='0'))


def downgrade() -> None:
    with op.batch_alter_table('messages') as batch:
        batch.drop_column('handled_count')
    op.drop_index('ix_web_sessions_created_at', 'web_sessions')
    op.drop_index('ix_web_sessions_address', 'web_sessions')
    op.drop_table('web_sessions')
