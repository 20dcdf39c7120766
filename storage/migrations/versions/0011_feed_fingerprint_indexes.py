"""indexes behind the static feed build's per-council fingerprint

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07 10:00:00

Every rebuild of the static feeds (feeds/snapshot.py ``council_fingerprints``) groups all
records by council to see which councils changed. It read each record's row for
``updated_at`` (no index held it): 80 of the 160 ms it took at 80,000 records, half of a
one-council rebuild (bench/README.md). Here:

- ``ix_records_council_changes`` (council code, flag state, last update, id): the
  fingerprint's read of the records is one scan of this index, in its grouping order.
  ``id`` is listed for PostgreSQL's index-only scans (on SQLite it is the rowid anyway).
- ``ix_assessments_grouped``, partial: only assessments that carry a decision group, so
  that reading the current ones' groups no longer reads every current assessment's row to
  find the few that have one.

Plain ``CREATE INDEX`` on both engines (no batch mode: on SQLite that rebuilds the table
and would drop the triggers of 0009 and 0010).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

GROUPED = sa.text("decision_group IS NOT NULL")


def upgrade() -> None:
    op.create_index(
        "ix_records_council_changes",
        "records",
        ["council_code", "flag_state", "updated_at", "id"],
    )
    op.create_index(
        "ix_assessments_grouped",
        "assessments",
        ["is_current", "record_id"],
        sqlite_where=GROUPED,
        postgresql_where=GROUPED,
    )


def downgrade() -> None:
    op.drop_index("ix_assessments_grouped", table_name="assessments")
    op.drop_index("ix_records_council_changes", table_name="records")
