"""the decision group an assessment's record belongs to (one decision, one item)

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06 21:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('assessments', schema=None) as batch_op:
        # Null on every existing row: the next `oursay monitor` groups the records.
        batch_op.add_column(
            sa.Column(
                'decision_group',
                sa.JSON(none_as_null=True).with_variant(
                    postgresql.JSONB(none_as_null=True, astext_type=sa.Text()), 'postgresql'
                ),
                nullable=True,
            )
        )


def downgrade() -> None:
    with op.batch_alter_table('assessments', schema=None) as batch_op:
        batch_op.drop_column('decision_group')
