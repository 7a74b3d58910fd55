"""indexes for a phone's matches and follow-ups

A participant's page reads its matches by either side and the follow-up requests made to it on every load and
reconnect; without these indexes each is a scan of the event's rows.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-26 17:00:00
"""

from alembic import op


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(op.f('ix_match_company_id'), 'match', ['company_id'], unique=False)
    op.create_index(op.f('ix_match_association_id'), 'match', ['association_id'], unique=False)
    op.create_index(op.f('ix_followup_to_id'), 'followup', ['to_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_followup_to_id'), table_name='followup')
    op.drop_index(op.f('ix_match_association_id'), table_name='match')
    op.drop_index(op.f('ix_match_company_id'), table_name='match')
