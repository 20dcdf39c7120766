"""the scorecard: one entry per council and principle, and every change of one

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06 22:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import storage.models

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def _json() -> sa.types.TypeEngine[object]:
    return sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql')


def upgrade() -> None:
    op.create_table(
        'scorecard_entries',
        sa.Column('council_code', sa.String(length=8), nullable=False),
        sa.Column('principle', sa.String(length=8), nullable=False),
        sa.Column('status', sa.String(length=16), nullable=False),
        sa.Column('reason', sa.Text(), nullable=False),
        sa.Column('evidence', _json(), nullable=False),
        sa.Column('computed_at', storage.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column('changed_at', storage.models.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['council_code'], ['councils.code']),
        sa.PrimaryKeyConstraint('council_code', 'principle'),
    )
    op.create_table(
        'scorecard_changes',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('council_code', sa.String(length=8), nullable=False),
        sa.Column('principle', sa.String(length=8), nullable=False),
        sa.Column('old_status', sa.String(length=16), nullable=True),
        sa.Column('new_status', sa.String(length=16), nullable=False),
        sa.Column('reason', sa.Text(), nullable=False),
        sa.Column('evidence', _json(), nullable=False),
        sa.Column('changed_at', storage.models.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['council_code'], ['councils.code']),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index(
        'ix_scorecard_changes_council',
        'scorecard_changes',
        ['council_code', 'changed_at'],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index('ix_scorecard_changes_council', table_name='scorecard_changes')
    op.drop_table('scorecard_changes')
    op.drop_table('scorecard_entries')
