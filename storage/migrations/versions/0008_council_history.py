"""councils: start and end dates, successors and the robots.txt result (issue 11)

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07 00:50:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('councils') as batch:
        batch.add_column(sa.Column('start_date', sa.Date(), nullable=True))
        batch.add_column(sa.Column('end_date', sa.Date(), nullable=True))
        batch.add_column(sa.Column('successors', sa.String(length=200), nullable=True))
        batch.add_column(sa.Column('robots', sa.String(length=16), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('councils') as batch:
        batch.drop_column('robots')
        batch.drop_column('successors')
        batch.drop_column('end_date')
        batch.drop_column('start_date')
