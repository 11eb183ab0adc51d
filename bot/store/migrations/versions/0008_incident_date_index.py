"""index on cases.child_incident_key: the related-incident (sibling) check at intake searches it instead of
scanning every case (5 ms a referral at 10,000 cases on PostgreSQL, growing with the case count)

Revision ID: 0008_incident_date_index
Revises: 0007_case_facts
"""

from __future__ import annotations

from alembic import op

revision = '0008_incident_date_index'
down_revision = '0007_case_facts'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_cases_child_incident_key', 'cases', ['child_incident_key'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_cases_child_incident_key', table_name='cases')
