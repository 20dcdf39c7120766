"""assessment confidence, publish state and where missing elements were looked for

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-06 18:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('assessments', schema=None) as batch_op:
        batch_op.add_column(sa.Column('confidence', sa.Float(), nullable=True))
        batch_op.add_column(sa.Column('confidence_reason', sa.Text(), nullable=True))
        # Existing assessments keep a null state: read as before (a flag is published) until
        # the next `oursay monitor --all` judges them.
        batch_op.add_column(sa.Column('publish_state', sa.String(length=16), nullable=True))
        batch_op.add_column(
            sa.Column(
                'searched',
                sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'),
                nullable=False,
                # Existing rows need a value for a NOT NULL column; new rows get one from the ORM.
                server_default=sa.text("'[]'"),
            )
        )


def downgrade() -> None:
    with op.batch_alter_table('assessments', schema=None) as batch_op:
        batch_op.drop_column('searched')
        batch_op.drop_column('publish_state')
        batch_op.drop_column('confidence_reason')
        batch_op.drop_column('confidence')
