"""Search, feed-query and export benchmark at scale: 1,000,000 records and 100,000 flags on
SQLite and on PostgreSQL (a throwaway database), against the goals of issue 14.

    .venv/bin/python bench/bench_search.py [--records 1000000] [--backend sqlite|postgresql]
        [--repeats 5] [--keep DIR]

1. Build: ``oursay init``'s schema (migrations, so the search indexes of 0008 exist), then a
   bulk load that bypasses the ORM (executemany on SQLite with the FTS triggers firing; COPY
   on PostgreSQL): records skewed over the 382 real councils (the largest holds ~8%), with
   titles and descriptions drawn from service phrases and a Zipf vocabulary, so there are
   common words, rare words and phrases; 40% of records assessed, 10% flagged; 0.7% reviewed;
   2% with a two-page document. Then ANALYZE (PostgreSQL: VACUUM ANALYZE).
2. Per-council feed query (the council's flagged feed, 200 items, read as the web app's
   feeds read it: ``feeds.build.spec_states``, plain rows) for the largest council and a
   median one. Goal <= 20 ms. Baselines in the same run: the same read as ORM rows (as the
   web app did before), and as ORM rows through the joins (before migration 0010).
3. Search, page 1 + capped count, through ``storage.search.search_page`` exactly as the web
   page calls it: common words, rare words, two-word phrases, a word only in document text,
   word + council, word + nation + flag, filters without words. Goal <= 100 ms.
4. Export peak memory: ``oursay export --format csv`` of every record in a child process
   (its peak RSS), beside the same export of one council (~1% of rows) and the child's RSS
   before exporting anything: flat means the full export peaks near the small one.

Queries that filter on a flag or a nation (and the feed queries) run a second time with
``storage.queries.USE_FLAG_STATE = False``, marked ``[baseline: joins]``: the same query
read through the joins, as before migration 0010, in the same run on the same data.

Timings are warm: each query runs once untimed, then ``--repeats`` times; figures are the
median and p95 over every run of every query in a group.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from sqlalchemy import create_engine, select, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from feeds.build import CouncilInfo, council_specs, sort_key, spec_states  # noqa: E402
from storage import queries  # noqa: E402
from storage.db import dispose_engines, get_engine  # noqa: E402
from storage.migrate import upgrade  # noqa: E402
from storage.models import Council  # noqa: E402
from storage.queries import RecordState  # noqa: E402
from storage.search import SearchQuery, search_page  # noqa: E402

POSTGRES_ADMIN_URL = os.environ.get(
    "OURSAY_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)
FEED_GOAL_MS = 20
SEARCH_GOAL_MS = 100
EXPORT = True
SEARCH = True  # False: the feed queries only (--feeds-only)
SERVICES = [
    "leisure centre management",
    "library services",
    "home care",
    "grounds maintenance",
    "waste collection",
    "highways maintenance",
    "street lighting",
    "school meals",
    "parking enforcement",
    "housing repairs",
    "social care",
    "IT support",
    "cleaning services",
    "building maintenance",
    "youth services",
    "care homes",
    "sale of land",
    "disposal of the old depot",
    "lease of community centre",
    "transport services",
]
SUFFIXES = ["contract", "services", "framework", "tender", "award", "decision", "review"]
COMMON_WORDS = ["services", "contract", "maintenance", "council", "management"]
PHRASES = ['"leisure centre"', '"home care"', '"street lighting"', '"care homes"']
NATIONS_WEIGHTS = ["England"]
START = datetime(2023, 1, 1, tzinfo=UTC)
SPAN_SECONDS = 3 * 365 * 86400


def machine() -> str:
    model = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{model}; {os.cpu_count()} cores; Python {platform.python_version()}; "
        f"SQLite {sqlite3.sqlite_version}; {platform.system()} {platform.release()}"
    )


# ------------------------------------------------------------------ synthetic data


class Corpus:
    """Deterministic text: a Zipf vocabulary of made-up words (rank 1 common, rank 20,000
    rare) around real service phrases."""

    def __init__(self, seed: int = 13) -> None:
        self.random = random.Random(seed)
        letters = "bcdfghjklmnprstvwz"
        vowels = "aeiou"
        words: set[str] = set()
        while len(words) < 20_000:
            n = self.random.randint(2, 4)
            words.add(
                "".join(self.random.choice(letters) + self.random.choice(vowels) for _ in range(n))
                + "x"
            )
        self.words = sorted(words)
        self.random.shuffle(self.words)
        weights = [1 / (rank + 1) for rank in range(len(self.words))]
        total = 0.0
        self.cumulative = []
        for w in weights:
            total += w
            self.cumulative.append(total)

    def zipf(self, k: int) -> list[str]:
        return self.random.choices(self.words, cum_weights=self.cumulative, k=k)

    def rare_words(self) -> list[str]:
        # Rank ~5,000 of a 1/rank law over 20,000 words: roughly 1 in 50,000 word draws.
        return self.words[5_000:5_008]

    def title(self) -> str:
        service = self.random.choice(SERVICES)
        return f"{service.capitalize()} {self.random.choice(SUFFIXES)} {' '.join(self.zipf(2))}"

    def description(self) -> str:
        words = self.zipf(self.random.randint(15, 35))
        if self.random.random() < 0.5:
            words.insert(self.random.randrange(len(words)), self.random.choice(SERVICES))
        if self.random.random() < 0.3:
            words.append(self.random.choice(COMMON_WORDS))
        return " ".join(words)


def council_weights(codes: list[str], rnd: random.Random) -> list[float]:
    order = codes[:]
    rnd.shuffle(order)
    rank = {code: n for n, code in enumerate(order)}
    return [1 / (rank[c] + 1) ** 0.8 for c in codes]


def sqlite_time(value: datetime) -> str:
    return value.astimezone(UTC).replace(tzinfo=None).isoformat(" ", "microseconds")


def generate(
    n: int, codes: list[str], corpus: Corpus, sqlite: bool
) -> dict[str, Iterator[tuple[Any, ...]]]:
    """Row generators for each table (ids explicit, 1-based)."""
    rnd = corpus.random
    weights = council_weights(codes, rnd)
    cumulative = []
    total = 0.0
    for w in weights:
        total += w
        cumulative.append(total)
    stamp = sqlite_time if sqlite else (lambda d: d)
    now = stamp(datetime(2026, 12, 1, tzinfo=UTC))

    def records() -> Iterator[tuple[Any, ...]]:
        for rid in range(1, n + 1):
            notice = rnd.random() < 0.6
            published = START + timedelta(seconds=rnd.randrange(SPAN_SECONDS))
            division = rnd.choice(["45", "79", "85", "90", "92", "50"])
            cpv = f'["{division}{rnd.randrange(100000, 999999)}"]'
            yield (
                rid,
                "find-a-tender" if notice else "moderngov",
                f"bench/{rid}",
                "notice" if notice else rnd.choice(["decision", "forward_plan", "agenda_item"]),
                rnd.choices(codes, cum_weights=cumulative)[0],
                corpus.title(),
                corpus.description(),
                f"https://www.example.org/bench/{rid}",
                None if rnd.random() < 0.1 else stamp(published),
                f"Buyer {rid % 997}" if notice else None,
                f'[{{"name": "Supplier {rid % 4513} Ltd"}}]' if notice else "[]",
                rnd.randrange(10_000, 50_000_000) if notice else None,
                "GBP" if notice else None,
                cpv if notice else "[]",
                None if notice else "Cabinet",
                "{}",
                f"{rid:064x}",
                stamp(published + timedelta(days=1)),
                now,
            )

    assessed = rnd.sample(range(1, n + 1), k=min(n, int(n * 0.4)))
    flagged = set(assessed[: len(assessed) // 4])

    def assessments() -> Iterator[tuple[Any, ...]]:
        for aid, rid in enumerate(assessed, start=1):
            flag = rid in flagged
            evidence = (
                '[{"label": "outsourcing", "quote": "to be delivered by an external provider",'
                ' "rule": "external_provider"}]'
                if flag
                else "[]"
            )
            yield (
                aid,
                rid,
                "bench",
                f"{rid:064x}",
                True,
                flag or rnd.random() < 0.3,
                flag and rnd.random() < 0.2,
                False if flag else None,
                False if flag else None,
                flag,
                "[]",
                evidence,
                0.9 if flag else None,
                "published" if flag else "not_flagged",
                "[]",
                now,
            )

    reviewed = rnd.sample(sorted(flagged), k=min(len(flagged), int(n * 0.007)))

    def reviews() -> Iterator[tuple[Any, ...]]:
        for vid, rid in enumerate(reviewed, start=1):
            status = rnd.choice(["confirmed", "dismissed", "needs_info", "good_practice"])
            yield (vid, rid, status, "public reason", "private note", now)

    with_documents = rnd.sample(range(1, n + 1), k=int(n * 0.02))

    def documents() -> Iterator[tuple[Any, ...]]:
        for did, rid in enumerate(with_documents, start=1):
            yield (did, rid, f"https://www.example.org/bench/{rid}/report.pdf", "ok", 2)

    def pages() -> Iterator[tuple[Any, ...]]:
        for did in range(1, len(with_documents) + 1):
            for page in (1, 2):
                words = corpus.zipf(150)
                if did % 500 == 0 and page == 2:
                    words.append("zebracrossing")
                yield (did, page, " ".join(words))

    return {
        "records": records(),
        "assessments": assessments(),
        "reviews": reviews(),
        "documents": documents(),
        "document_pages": pages(),
    }


COLUMNS = {
    "records": "id, source, source_key, kind, council_code, title, description, url, "
    "published_at, buyer_name, suppliers, value_amount, value_currency, cpv_codes, "
    "decision_maker, data, content_hash, first_seen_at, updated_at",
    "assessments": "id, record_id, rules_version, input_hash, is_current, is_outsourcing, "
    "is_asset_sale, has_consultation, has_inhouse_statement, should_flag, signals, evidence, "
    "confidence, publish_state, searched, created_at",
    "reviews": "id, record_id, status, reason, note, created_at",
    "documents": "id, record_id, url, status, page_count",
    "document_pages": "document_id, page_number, text",
}


def load_sqlite(path: Path, rows: dict[str, Iterator[tuple[Any, ...]]]) -> None:
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA synchronous=OFF")
    for table, generator in rows.items():
        columns = COLUMNS[table]
        marks = ", ".join("?" for _ in columns.split(","))
        while True:
            batch = [row for _, row in zip(range(50_000), generator, strict=False)]
            if not batch:
                break
            with connection:
                connection.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", batch)
    # A bulk load leaves the FTS5 index in many segments, each opened by every lookup;
    # merging them is what a maintenance window would do (docs/search.md).
    connection.execute("INSERT INTO records_fts(records_fts) VALUES ('optimize')")
    connection.execute("INSERT INTO document_pages_fts(document_pages_fts) VALUES ('optimize')")
    connection.execute("ANALYZE")
    connection.close()


def load_postgres(url: str, rows: dict[str, Iterator[tuple[Any, ...]]]) -> None:
    import psycopg

    dsn = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(dsn) as connection:
        # GIN indexes are built faster once than row by row.
        connection.execute("DROP INDEX ix_records_search")
        connection.execute("DROP INDEX ix_document_pages_search")
        for table, generator in rows.items():
            start = time.perf_counter()
            with connection.cursor().copy(f"COPY {table} ({COLUMNS[table]}) FROM STDIN") as copy:
                for row in generator:
                    copy.write_row(row)
            print(f"  COPY {table}: {time.perf_counter() - start:.1f} s", flush=True)
        connection.execute("CREATE INDEX ix_records_search ON records USING gin (search_vector)")
        connection.execute(
            "CREATE INDEX ix_document_pages_search ON document_pages USING gin (search_vector)"
        )
        for table in ("records", "assessments", "reviews", "documents"):
            connection.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT max(id) FROM {table}))"
            )
        connection.commit()
    with psycopg.connect(dsn, autocommit=True) as connection:
        connection.execute("VACUUM ANALYZE")


# ------------------------------------------------------------------ timing


def timed_ms(action: Callable[[], Any], repeats: int) -> list[tuple[float, float]]:
    """(wall ms, this process's CPU ms) of each run. On a shared machine the wall time
    includes waiting for a core; the CPU time is the work (on SQLite, all of it: the
    database runs in this process; on PostgreSQL, the client's part only)."""
    action()
    runs = []
    for _ in range(repeats):
        start, cpu = time.perf_counter(), time.process_time()
        action()
        runs.append(((time.perf_counter() - start) * 1000, (time.process_time() - cpu) * 1000))
    return runs


def summary(runs: list[tuple[float, float]], goal: float) -> str:
    ordered = sorted(wall for wall, _ in runs)
    median = statistics.median(ordered)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    cpu = statistics.median(c for _, c in runs)
    verdict = "meets" if p95 <= goal else "MISSES"
    return (
        f"median {median:7.1f} ms  p95 {p95:7.1f} ms  cpu {cpu:6.1f} ms  "
        f"({verdict} goal <= {goal} ms; load {os.getloadavg()[0]:.1f})"
    )


@contextmanager
def flag_joins(on: bool) -> Iterator[None]:
    """Read flag state and nation through the joins, as before migration 0010."""
    queries.USE_FLAG_STATE = not on
    try:
        yield
    finally:
        queries.USE_FLAG_STATE = True


def bench_queries(url: str, corpus: Corpus, repeats: int) -> dict[str, str]:
    engine = get_engine(url)
    results: dict[str, str] = {}
    with Session(engine) as session:
        counts = session.execute(
            text(
                "SELECT council_code, count(*) AS n FROM records GROUP BY council_code "
                "ORDER BY n DESC"
            )
        ).all()
        largest, median = counts[0], counts[len(counts) // 2]
        names = dict(session.execute(select(Council.code, Council.name)).all())
        for label, (code, n) in (("largest", largest), ("median", median)):
            spec = council_specs(CouncilInfo(code, names[code]))[0]

            def feed(spec: Any = spec) -> None:
                spec_states(session, spec)  # what the web app's feed reads (plain rows)

            def orm_feed(spec: Any = spec) -> None:
                # The same read as ORM rows, as the web app's feeds did before: three
                # instances a row, then the same selection and order.
                states = [RecordState(r, a, v) for r, a, v in session.execute(spec.query())]
                sorted((s for s in states if spec.matches(s)), key=sort_key, reverse=True)
                session.expunge_all()

            plain = [s.record.id for s in spec_states(session, spec)]
            orm = [r.id for r, _, _ in session.execute(spec.query())]
            assert plain == orm, "plain rows and ORM rows differ"
            session.expunge_all()
            name = f"feed query, {label} council ({code}, {n:,} records)"
            for variant, action, joins in (
                ("", feed, False),
                (" [baseline: ORM rows]", orm_feed, False),
                (" [baseline: ORM rows, joins]", orm_feed, True),
            ):
                with flag_joins(joins):
                    runs = timed_ms(action, repeats)
                results[name + variant] = summary(runs, FEED_GOAL_MS)
        if not SEARCH:
            results["_largest"] = largest[0]
            return results
        rare = corpus.rare_words()
        groups: dict[str, list[SearchQuery]] = {
            "common word": [SearchQuery(text=w) for w in COMMON_WORDS],
            "rare word": [SearchQuery(text=w) for w in rare[:5]],
            "two-word phrase": [SearchQuery(text=p) for p in PHRASES],
            "two words": [
                SearchQuery(text=f"{w} {p.strip(chr(34))}")
                for w, p in zip(COMMON_WORDS, PHRASES, strict=False)
            ],
            "word only in document text": [SearchQuery(text="zebracrossing")],
            "word + council": [
                SearchQuery(text=w, council=c)
                for w in ("services", rare[0])
                for c in (largest[0], median[0])
            ],
            "word + nation + flagged": [
                SearchQuery(text=w, nation="Scotland", flag="flagged") for w in ("contract", "care")
            ],
            "nation + flagged, no words": [
                SearchQuery(nation=n, flag="flagged") for n in ("Scotland", "Wales")
            ],
            "filters only (council + flagged, value, cpv)": [
                SearchQuery(council=largest[0], flag="flagged"),
                SearchQuery(council=median[0], value_min=1_000_000),
                SearchQuery(cpv="92000000"),
                SearchQuery(),
            ],
        }
        for label, group in groups.items():
            # The same run on the same data with flags and nations read through the joins
            # (before migration 0010), for the groups that filter on them.
            joined = any(q.flag or q.nation for q in group)
            for baseline in (False, True) if joined else (False,):
                runs: list[tuple[float, float]] = []
                with flag_joins(baseline):
                    for query in group:

                        def run(query: SearchQuery = query) -> None:
                            search_page(session, query, 25, 0)
                            session.expunge_all()

                        runs += timed_ms(run, repeats)
                name = f"search: {label} ({len(group)} queries)"
                name += " [baseline: joins]" if baseline else ""
                results[name] = summary(runs, SEARCH_GOAL_MS)
        results["_largest"] = largest[0]
    return results


def export_memory(url: str, council: str) -> dict[str, str]:
    """Peak RSS of a child running ``oursay export`` (all rows; one council) to /dev/null."""
    script = (
        "import resource, sys\n"
        "from oursay.cli import main\n"
        "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "args = ['export', '--format', 'csv'] + sys.argv[1:]\n"
        "out = open('/dev/null', 'w'); sys.stdout = out\n"
        "main(args)\n"
        "sys.stdout = sys.__stdout__\n"
        "print(before, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
    )
    env = dict(os.environ, OURSAY_DATABASE_URL=url)
    figures = {}
    for label, extra in (("one council", ["--council", council]), ("every record", [])):
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-c", script, *extra],
            env=env,
            cwd=REPO,
            capture_output=True,
            text=True,
            check=True,
        )
        seconds = time.perf_counter() - start
        before, peak = (int(v) for v in done.stdout.split())
        figures[label] = (before, peak, seconds)
    out = {}
    for label, (before, peak, seconds) in figures.items():
        out[f"export csv, {label}"] = (
            f"peak RSS {peak / 1024:6.0f} MB (child before export {before / 1024:.0f} MB), "
            f"{seconds:.1f} s"
        )
    return out


def run_backend(
    backend: str, n: int, repeats: int, keep: Path | None, existing: str | None = None
) -> None:
    corpus = Corpus()
    print(f"\n== {backend}: {n:,} records")
    admin = None
    if existing:
        results = bench_queries(existing, corpus, repeats)
        largest = results.pop("_largest")
        for label, figure in results.items():
            print(f"  {label:62s} {figure}")
        if EXPORT:
            for label, figure in export_memory(existing, largest).items():
                print(f"  {label:62s} {figure}")
        return
    if backend == "sqlite":
        directory = keep or Path(tempfile.mkdtemp(prefix="oursay-bench-search-"))
        directory.mkdir(parents=True, exist_ok=True)
        path = directory / "bench.db"
        if path.exists():
            path.unlink()
        url = f"sqlite:///{path}"
    else:
        name = f"oursay_bench_{uuid.uuid4().hex[:10]}"
        engine = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
        with engine.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        engine.dispose()
        admin = None if keep else name
        url = make_url(POSTGRES_ADMIN_URL).set(database=name).render_as_string(False)
    try:
        upgrade(url)
        with Session(get_engine(url)) as session:
            codes = sorted(session.scalars(select(Council.code)))
        start = time.perf_counter()
        rows = generate(n, codes, corpus, backend == "sqlite")
        if backend == "sqlite":
            load_sqlite(path, rows)
        else:
            load_postgres(url, rows)
        dispose_engines()
        print(f"built in {time.perf_counter() - start:.0f} s: {url}")
        results = bench_queries(url, corpus, repeats)
        largest = results.pop("_largest")
        for label, figure in results.items():
            print(f"  {label:62s} {figure}")
        if EXPORT:
            for label, figure in export_memory(url, largest).items():
                print(f"  {label:62s} {figure}")
    finally:
        dispose_engines()
        if admin:
            engine = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
            with engine.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{admin}" WITH (FORCE)'))
            engine.dispose()
        elif keep is None:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
            path.parent.rmdir()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--backend", choices=["sqlite", "postgresql"], action="append")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument(
        "--keep", type=Path, help="keep the databases (SQLite: in this directory) to rerun on"
    )
    parser.add_argument(
        "--database", metavar="URL", help="time the queries on a database built with --keep"
    )
    parser.add_argument("--no-export", action="store_true", help="skip the export runs")
    parser.add_argument(
        "--feeds-only", action="store_true", help="time the feed queries only (no search)"
    )
    args = parser.parse_args()
    global EXPORT, SEARCH
    EXPORT = not args.no_export
    SEARCH = not args.feeds_only
    print(machine())
    if args.database:
        backend = "sqlite" if args.database.startswith("sqlite") else "postgresql"
        run_backend(backend, args.records, args.repeats, None, args.database)
        return 0
    for backend in args.backend or ["sqlite", "postgresql"]:
        run_backend(backend, args.records, args.repeats, args.keep)
    return 0


if __name__ == "__main__":
    sys.exit(main())
