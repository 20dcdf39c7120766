"""records: denormalised flag state and nation, kept by triggers, with (…, date) indexes

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07 03:30:00

Feeds and flagged searches asked "is this record flagged?" through two joins (the current
assessment, the newest review) and "which nation?" through councils, so a selective filter
could not use an index: a flagged search in one nation walked ~10,000 records in date order
for a page (bench/README.md). Here each record carries the answer:

- ``records.flag_state``: ``flagged`` (a current assessment that flags, published, not
  dismissed or called good practice by the newest review; or confirmed by it), else
  ``needs_review`` (the monitor sent it to staff and no one has reviewed it), else ``none``.
  Exactly ``storage.queries.states_query(flagged_only=True)`` before this migration, and
  ``storage.queries.RecordState.needs_review``.
- ``records.nation``: its council's nation.

Triggers keep both true at every write, whoever writes (the ORM, the monitor's settling of
groups, review carry, the web app's review form, bulk loads, cascading deletes), as the
FTS5 triggers of 0009 do: each recomputes the whole state of the record from
``_state_sql`` (never an increment), so the order of the rows within a flush does not
matter. A row's state is written only when it changes.

Then indexes in display order behind each: ``(flag_state, date)``, ``(council_code,
flag_state, date)`` for per-council feeds and ``(nation, flag_state, date)``.
"""

from __future__ import annotations

from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

BATCH = 20_000
DATE = "coalesce(published_at, first_seen_at) DESC, id DESC"
INDEXES = {
    "ix_records_flag_date": f"flag_state, {DATE}",
    "ix_records_council_flag_date": f"council_code, flag_state, {DATE}",
    "ix_records_nation_flag_date": f"nation, flag_state, {DATE}",
}


def _state_sql(rid: str) -> str:
    """The flag state of record ``rid`` (an SQL expression), the same text on SQLite and
    PostgreSQL; NULL when the record has no current assessment (read as ``none``). The
    newest current assessment and the newest review, as storage.queries reads them.

    ``max(id + 0)``, not ``max(id)``: PostgreSQL may answer ``max(id) … WHERE record_id = $1``
    by reading the primary key backwards until a row matches, which it expects to be soon
    when it has no statistics yet (a first monitor run, a bulk load): then every row written
    reads half the table (seen: 400,000 assessments loaded in over ten minutes). On an
    expression it must use the record_id index."""
    return f"""coalesce((SELECT CASE
        WHEN (a.should_flag AND coalesce(a.publish_state, '') <> 'needs_review'
              AND coalesce(v.status, '') NOT IN ('dismissed', 'good_practice'))
             OR v.status = 'confirmed' THEN 'flagged'
        WHEN v.id IS NULL AND a.publish_state = 'needs_review' THEN 'needs_review'
        ELSE 'none' END
      FROM assessments AS a
      LEFT JOIN reviews AS v
        ON v.id = (SELECT max(r.id + 0) FROM reviews AS r WHERE r.record_id = {rid})
      WHERE a.id = (SELECT max(c.id + 0) FROM assessments AS c
                    WHERE c.record_id = {rid} AND c.is_current)), 'none')"""


def _refresh(rid: str) -> str:
    """Write record ``rid``'s state when it changed (UPDATE … FROM: SQLite 3.33+)."""
    return f"""UPDATE records SET flag_state = computed.state
        FROM (SELECT {_state_sql(rid)} AS state) AS computed
        WHERE records.id = {rid} AND records.flag_state <> computed.state"""


def _nation(rid: str, code: str) -> str:
    return f"""UPDATE records SET nation = (SELECT nation FROM councils WHERE code = {code})
        WHERE id = {rid} AND nation IS NOT (SELECT nation FROM councils WHERE code = {code})"""


def _sqlite_triggers() -> list[str]:
    statements = []
    for table, columns in (
        ("assessments", "record_id, is_current, should_flag, publish_state"),
        ("reviews", "record_id, status"),
    ):
        statements += [
            f"""CREATE TRIGGER {table}_flag_state_insert AFTER INSERT ON {table} BEGIN
                {_refresh("new.record_id")}; END""",
            f"""CREATE TRIGGER {table}_flag_state_delete AFTER DELETE ON {table} BEGIN
                {_refresh("old.record_id")}; END""",
            # Both ids: a row moved to another record changes both records' states.
            f"""CREATE TRIGGER {table}_flag_state_update AFTER UPDATE OF {columns} ON {table}
                BEGIN {_refresh("old.record_id")}; {_refresh("new.record_id")}; END""",
        ]
    statements += [
        f"""CREATE TRIGGER records_nation_insert AFTER INSERT ON records
            WHEN new.council_code IS NOT NULL BEGIN
            {_nation("new.id", "new.council_code")}; END""",
        f"""CREATE TRIGGER records_nation_update AFTER UPDATE OF council_code ON records BEGIN
            {_nation("new.id", "new.council_code")}; END""",
        """CREATE TRIGGER councils_nation_insert AFTER INSERT ON councils BEGIN
            UPDATE records SET nation = new.nation
            WHERE council_code = new.code AND nation IS NOT new.nation; END""",
        """CREATE TRIGGER councils_nation_update AFTER UPDATE OF nation ON councils
            WHEN old.nation IS NOT new.nation BEGIN
            UPDATE records SET nation = new.nation
            WHERE council_code = new.code AND nation IS NOT new.nation; END""",
    ]
    return statements


SQLITE_TRIGGERS = [
    f"{table}_flag_state_{event}"
    for table in ("assessments", "reviews")
    for event in ("insert", "delete", "update")
] + ["records_nation_insert", "records_nation_update", "councils_nation_insert",
     "councils_nation_update"]  # fmt: skip


def _postgresql_objects() -> list[str]:
    return [
        # The one function that writes a record's state. Its plan is made once per
        # connection and kept (generic): planning the expression costs more than running
        # it (1.7 ms against 0.3 ms), and each row written to assessments or reviews calls it.
        f"""CREATE FUNCTION oursay_set_flag_state(p_rid integer) RETURNS void
        LANGUAGE plpgsql SET plan_cache_mode = force_generic_plan AS $$
        DECLARE v_state text;
        BEGIN
            v_state := {_state_sql("p_rid")};
            UPDATE records SET flag_state = v_state
            WHERE id = p_rid AND flag_state <> v_state;
        END $$""",
        """CREATE FUNCTION oursay_refresh_flag_state() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP <> 'INSERT' THEN
                PERFORM oursay_set_flag_state(OLD.record_id);
            END IF;
            IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW.record_id <> OLD.record_id) THEN
                PERFORM oursay_set_flag_state(NEW.record_id);
            END IF;
            RETURN NULL;
        END $$""",
        """CREATE TRIGGER assessments_flag_state
        AFTER INSERT OR DELETE OR UPDATE OF record_id, is_current, should_flag, publish_state
        ON assessments FOR EACH ROW EXECUTE FUNCTION oursay_refresh_flag_state()""",
        """CREATE TRIGGER reviews_flag_state
        AFTER INSERT OR DELETE OR UPDATE OF record_id, status
        ON reviews FOR EACH ROW EXECUTE FUNCTION oursay_refresh_flag_state()""",
        """CREATE FUNCTION oursay_record_nation() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            NEW.nation := (SELECT nation FROM councils WHERE code = NEW.council_code);
            RETURN NEW;
        END $$""",
        """CREATE TRIGGER records_nation BEFORE INSERT OR UPDATE OF council_code ON records
        FOR EACH ROW EXECUTE FUNCTION oursay_record_nation()""",
        """CREATE FUNCTION oursay_council_nation() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            UPDATE records SET nation = NEW.nation
            WHERE council_code = NEW.code AND nation IS DISTINCT FROM NEW.nation;
            RETURN NULL;
        END $$""",
        """CREATE TRIGGER councils_nation_insert AFTER INSERT ON councils
        FOR EACH ROW EXECUTE FUNCTION oursay_council_nation()""",
        # Not when `oursay init` seeds the registry again with the same nations.
        """CREATE TRIGGER councils_nation_update AFTER UPDATE OF nation ON councils
        FOR EACH ROW WHEN (OLD.nation IS DISTINCT FROM NEW.nation)
        EXECUTE FUNCTION oursay_council_nation()""",
    ]


def upgrade() -> None:
    bind = op.get_bind()
    sqlite = bind.dialect.name == "sqlite"
    # Not batch mode: on SQLite that rebuilds the table and would drop 0009's FTS5 triggers.
    op.execute("ALTER TABLE records ADD COLUMN flag_state VARCHAR(16) DEFAULT 'none' NOT NULL")
    op.execute("ALTER TABLE records ADD COLUMN nation VARCHAR(32)")
    # Backfill in id ranges (one statement per range keeps each step's work bounded and
    # shows progress in the database's own logs), before the indexes and triggers exist.
    top = bind.exec_driver_sql("SELECT max(id) FROM records").scalar() or 0
    for low in range(0, top + 1, BATCH):
        op.execute(
            f"""UPDATE records SET
                nation = (SELECT nation FROM councils WHERE code = records.council_code),
                flag_state = {_state_sql("records.id")}
            WHERE id >= {low} AND id < {low + BATCH}"""
        )
    for name, columns in INDEXES.items():
        op.execute(f"CREATE INDEX {name} ON records ({columns})")
    for statement in _sqlite_triggers() if sqlite else _postgresql_objects():
        op.execute(statement)


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    if sqlite:
        for name in SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER {name}")
    else:
        for trigger, table in (
            ("assessments_flag_state", "assessments"),
            ("reviews_flag_state", "reviews"),
            ("records_nation", "records"),
            ("councils_nation_insert", "councils"),
            ("councils_nation_update", "councils"),
        ):
            op.execute(f"DROP TRIGGER {trigger} ON {table}")
        for function in ("oursay_refresh_flag_state()", "oursay_set_flag_state(integer)",
                         "oursay_record_nation()", "oursay_council_nation()"):  # fmt: skip
            op.execute(f"DROP FUNCTION {function}")
    for name in INDEXES:
        op.execute(f"DROP INDEX {name}")
    op.execute("ALTER TABLE records DROP COLUMN nation")
    op.execute("ALTER TABLE records DROP COLUMN flag_state")
