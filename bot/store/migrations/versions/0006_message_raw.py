"""message_raw: each inbound message's bytes in a table of their own, the blob its last column

Revision ID: 0006_message_raw
Revises: 0005_claims

A messages row is updated as the message is handled (status, kind, parsed fields); SQLite rewrites the
whole row, blob included, on every update, and cannot write a zeroblob incrementally unless it is the
record's last column. Existing raw bytes are moved across; messages.raw stays (always NULL) so that a
downgrade can move them back.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0006_message_raw'
down_revision = '0005_claims'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'message_raw',
        sa.Column('message_id', sa.Integer(), sa.ForeignKey('messages.id'), primary_key=True,
                  autoincrement=False),
        sa.Column('raw', sa.LargeBinary(), nullable=True),
    )
    op.execute("INSERT INTO message_raw (message_id, raw) SELECT id, raw FROM messages WHERE raw IS NOT NULL")
    op.execute("UPDATE messages SET raw = NULL WHERE raw IS NOT NULL")


def downgrade() -> None:
    op.execute("UPDATE messages SET raw = (SELECT r.raw FROM message_raw r WHERE r.message_id = messages.id)")
    op.drop_table('message_raw')
