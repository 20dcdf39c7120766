"""crawl run outcomes: the process that runs each crawl

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-06 18:40:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # pid and host let the next run tell a crawl that is still going from one whose
    # process died (SIGKILL, power loss) and left its row "running".
    with op.batch_alter_table('crawl_runs', schema=None) as batch_op:
        batch_op.add_column(sa.Column('pid', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('hostname', sa.String(length=255), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('crawl_runs', schema=None) as batch_op:
        batch_op.drop_column('hostname')
        batch_op.drop_column('pid')
