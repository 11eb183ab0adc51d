"""cases: the child's normalised name, date of birth and incident date as indexed keys (same-incident check)

Revision ID: 0002_incident_keys
Revises: 0001

Backfilled from each case's stored referral (retention-purged cases have none and stay empty).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from bot.domain.duplicates import DATE_KEY_LEN, NAME_KEY_LEN, incident_keys

revision = '0002_incident_keys'
down_revision = '0001'
branch_labels = None
depends_on = None

BATCH = 1000


def upgrade() -> None:
    op.add_column('cases', sa.Column('child_name_key', sa.String(length=NAME_KEY_LEN), nullable=True))
    op.add_column('cases', sa.Column('child_dob_key', sa.String(length=DATE_KEY_LEN), nullable=True))
    op.add_column('cases', sa.Column('child_incident_key', sa.String(length=DATE_KEY_LEN), nullable=True))
    op.create_index('ix_cases_child_name_key', 'cases', ['child_name_key'], unique=False)

    bind = op.get_bind()
    cases = sa.table('cases', sa.column('id', sa.Integer), sa.column('referral_json', sa.JSON),
                     sa.column('child_name_key', sa.String), sa.column('child_dob_key', sa.String),
                     sa.column('child_incident_key', sa.String))
    last = 0
    while True:
        rows = bind.execute(sa.select(cases.c.id, cases.c.referral_json)
                            .where(cases.c.id > last, cases.c.referral_json.is_not(None))
                            .order_by(cases.c.id).limit(BATCH)).all()
        if not rows:
            break
        for case_id, form in rows:
            keys = incident_keys(form)
            if keys != incident_keys(None):
                bind.execute(sa.update(cases).where(cases.c.id == case_id).values(
                    child_name_key=keys.name, child_dob_key=keys.date_of_birth,
                    child_incident_key=keys.incident_date))
        last = rows[-1][0]


def downgrade() -> None:
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_index('ix_cases_child_name_key')
        batch_op.drop_column('child_incident_key')
        batch_op.drop_column('child_dob_key')
        batch_op.drop_column('child_name_key')
