"""web view: sign-in requests (one-time links stored hashed, rate limits) and the session signing key

Revision ID: 0003_web
Revises: 0002_incident_keys
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0003_web'
down_revision = '0002_incident_keys'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'web_signins',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('at', sa.DateTime(), nullable=False),
        sa.Column('ip', sa.String(length=64), nullable=False),
        sa.Column('address_sha', sa.String(length=64), nullable=False),
        sa.Column('address', sa.String(length=320), nullable=True),
        sa.Column('token_sha', sa.String(length=64), nullable=True),
        sa.Column('expires_at', sa.DateTime(), nullable=True),
        sa.Column('used_at', sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('token_sha'),
    )
    op.create_index('ix_web_signins_at', 'web_signins', ['at'])
    op.create_index('ix_web_signins_ip', 'web_signins', ['ip'])
    op.create_index('ix_web_signins_address_sha', 'web_signins', ['address_sha'])
    op.create_table(
        'web_secrets',
        sa.Column('name', sa.String(length=40), nullable=False),
        sa.Column('value', sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint('name'),
    )


def downgrade() -> None:
    op.drop_table('web_secrets')
    op.drop_index('ix_web_signins_address_sha', 'web_signins')
    op.drop_index('ix_web_signins_ip', 'web_signins')
    op.drop_index('ix_web_signins_at', 'web_signins')
    op.drop_table('web_signins')
