"""e-mail alert subscriptions, what each was sent, and each council's region

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07 00:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import storage.models

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('councils') as batch:
        batch.add_column(sa.Column('region', sa.String(length=64), nullable=True))
    op.create_table(
        'subscriptions',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('email', sa.String(length=320), nullable=False),
        sa.Column('feed', sa.String(length=500), nullable=False),
        sa.Column('frequency', sa.String(length=16), nullable=False),
        sa.Column('confirmed_at', storage.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column('last_sent_at', storage.models.UTCDateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('email', 'feed', name='uq_subscription_email_feed'),
    )
    op.create_index('ix_subscriptions_email', 'subscriptions', ['email'])
    op.create_table(
        'alert_deliveries',
        sa.Column('subscription_id', sa.Integer(), nullable=False),
        sa.Column('guid', sa.String(length=600), nullable=False),
        sa.Column('sent_at', storage.models.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['subscription_id'], ['subscriptions.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('subscription_id', 'guid'),
    )


def downgrade() -> None:
    op.drop_table('alert_deliveries')
    op.drop_index('ix_subscriptions_email', table_name='subscriptions')
    op.drop_table('subscriptions')
    with op.batch_alter_table('councils') as batch:
        batch.drop_column('region')
