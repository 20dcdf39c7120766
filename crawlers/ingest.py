"""``oursay ingest FILE…``: load OCDS releases from files into the database.

Reads release packages, record packages (each record's ``compiledRelease``, else its
releases), single releases, JSON arrays of any of those, JSON lines of any of those, and
kingfisher-collect output directories (files of packages or of single releases). Every
release goes through the same normalisation as the spiders (``crawlers.ocds``) and the
same idempotent upsert as the pipeline (``storage.records.upsert_record``), so loading a
file twice, or loading what a crawl already stored, changes nothing.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO

from sqlalchemy.exc import (
    DataError,
    DBAPIError,
    IntegrityError,
    SQLAlchemyError,
    StatementError,
)
from tqdm import tqdm

from crawlers.buyers import BuyerMatcher
from crawlers.items import item_fields
from crawlers.ocds import (
    SOURCES,
    Entry,
    InvalidJSON,
    InvalidRelease,
    normalise_release,
    package_entries,
    parse_json,
    release_identity,
    source_for_ocid,
)
from storage.councils import load_registry

# Files a kingfisher-collect directory holds that are data (it also writes .log/.txt).
DATA_SUFFIXES = (".json", ".jsonl", ".ndjson")
COMMIT_EVERY = 500


class FileFailed(Exception):
    """A file that could not be read at all."""


def expand(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files as given; directories (kingfisher-collect output) as their data files, sorted."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in DATA_SUFFIXES
            )
        else:
            yield path


def read_documents(path: Path) -> Iterator[tuple[int | None, Any]]:
    """(line number or None, parsed JSON) for a JSON file or each line of a JSON lines file.

    ``.jsonl``/``.ndjson`` files (bulk downloads can be large) are read a line at a time;
    other files are tried as one JSON document first, then as JSON lines. Raises
    ``FileFailed`` when the file is neither; a bad line is yielded as its ``InvalidJSON``.
    """
    if path.suffix.lower() in (".jsonl", ".ndjson"):
        yield from _json_lines(path)
        return
    try:
        body = path.read_bytes()
    except OSError as error:
        raise FileFailed(f"cannot read: {error.strerror or error}") from None
    if not body.strip():
        raise FileFailed("empty file")
    try:
        whole = parse_json(body).value
    except InvalidJSON as error:
        whole_error = error
    else:
        yield None, whole
        return
    lines = [line for line in body.splitlines() if line.strip()]
    if len(lines) < 2 or _is_invalid(lines[0]):
        # Neither one JSON document nor JSON lines: say what is wrong with the whole.
        raise FileFailed(str(whole_error))
    yield from _json_lines(path)


def _is_invalid(line: bytes) -> bool:
    try:
        parse_json(line)
    except InvalidJSON:
        return True
    return False


def _json_lines(path: Path) -> Iterator[tuple[int | None, Any]]:
    try:
        handle = path.open("rb")
    except OSError as error:
        raise FileFailed(f"cannot read: {error.strerror or error}") from None
    with handle:
        seen = False
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            seen = True
            try:
                yield number, parse_json(line).value
            except InvalidJSON as error:
                yield number, error
    if not seen:
        raise FileFailed("empty file")


def ingest_file(
    path: Path,
    session: Any,
    matcher: BuyerMatcher,
    *,
    source: str | None = None,
    errors: TextIO = sys.stderr,
) -> Counter[str]:
    """Load one file; returns counts (releases, inserted, updated, unchanged, not_council,
    errors). Every entry that is not a storable release is one line on ``errors`` naming
    it (file, line, place in the package, release id) and counted in ``errors``; the rest
    of the file is loaded. Raises ``FileFailed`` when nothing in it could be read."""
    counts: Counter[str] = Counter()
    batch: list[_Pending] = []
    pending = 0

    def store_batch() -> None:
        nonlocal pending
        for job, outcome in _store_batch(batch, session):
            if isinstance(outcome, StatementError):
                counts["errors"] += 1
                print(f"oursay ingest: {job.where}: {job.name}: {_reason(outcome)}", file=errors)
                continue
            counts[outcome] += 1
            pending += 1
        batch.clear()
        if pending >= COMMIT_EVERY:
            session.commit()
            pending = 0

    for line, document in read_documents(path):
        where = f"{path}:{line}" if line is not None else str(path)
        if isinstance(document, Exception):
            counts["errors"] += 1
            print(f"oursay ingest: {where}: {document}", file=errors)
            continue
        try:
            # Listed first so that a package of the wrong shape stops before any write.
            entries = list(package_entries(document))
        except InvalidRelease as error:
            if line is None:
                raise FileFailed(str(error)) from None
            counts["errors"] += 1
            print(f"oursay ingest: {where}: {error}", file=errors)
            continue
        for entry in entries:
            counts["releases"] += 1
            try:
                item = _normalised(entry, matcher, source)
            except InvalidRelease as error:
                counts["errors"] += 1
                print(f"oursay ingest: {where}: {_entry_name(entry)}: {error}", file=errors)
                continue
            if item is None:
                counts["not_council"] += 1
                continue
            batch.append(_Pending(item, where, _entry_name(entry)))
            if len(batch) >= BATCH_SIZE:
                store_batch()
    store_batch()
    session.commit()
    return counts


# Releases stored under one savepoint. A savepoint per release cost more than the rows
# themselves (SAVEPOINT, flush and RELEASE each time); when a batch fails, its releases are
# stored again one savepoint each, so that a bad one still fails alone (issue 16).
BATCH_SIZE = 100


class _Pending:
    __slots__ = ("item", "name", "where")

    def __init__(self, item: dict[str, Any], where: str, name: str) -> None:
        self.item, self.where, self.name = item, where, name


def _normalised(entry: Entry, matcher: BuyerMatcher, source: str | None) -> dict[str, Any] | None:
    """The entry as a record item, or None when its buyer is not a council. Raises
    ``InvalidRelease`` for bad input."""
    if entry.release is None:
        raise InvalidRelease(entry.problem or "not a release")
    ocid, _ = release_identity(entry.release)
    release_source = source or source_for_ocid(ocid)
    if release_source not in SOURCES:
        raise InvalidRelease(f"cannot tell the source of ocid {ocid!r}; pass --source")
    item = normalise_release(entry.release, source=release_source, matcher=matcher)
    return item_fields(item) if item is not None else None


def _store_batch(
    batch: list[_Pending], session: Any
) -> list[tuple[_Pending, str | StatementError]]:
    """Upsert the batch: each release's outcome, or the error the store refused it with
    (nothing of that release is left in the session). Raises when the store itself fails
    (locked, unreachable): see ``ingest_files``."""
    from storage.records import upsert_record, upsert_records

    if not batch:
        return []
    try:
        # Leaving the block flushes: a refused row shows here, before anything is kept.
        with session.begin_nested():
            stored = upsert_records(session, [job.item for job in batch])
        return [(job, outcome) for job, outcome in zip(batch, stored, strict=True)]
    except StatementError as error:
        if not _row_refused(error):
            raise
    results: list[tuple[_Pending, str | StatementError]] = []
    for job in batch:
        try:
            with session.begin_nested():
                _, outcome = upsert_record(session, job.item)
        except StatementError as error:
            if not _row_refused(error):
                raise
            results.append((job, error))
            continue
        results.append((job, outcome))
    return results


def _row_refused(error: StatementError) -> bool:
    """Whether the database refused this one row (a constraint; a value the backend cannot
    hold; a value the driver cannot convert), rather than the store itself failing (a lock
    held past the busy timeout, a lost connection): the first fails the release alone."""
    if isinstance(error, DBAPIError):
        return isinstance(error, IntegrityError | DataError)
    return True  # raised while preparing the statement, from this row's values


def _entry_name(entry: Entry) -> str:
    release_id = entry.release.get("id") if entry.release is not None else None
    if isinstance(release_id, str | int) and not isinstance(release_id, bool):
        named = f"release {release_id!r}"
        return f"{named} ({entry.where})" if entry.where else named
    return entry.where or "release"


def _reason(error: Exception) -> str:
    if isinstance(error, SQLAlchemyError):
        return f"not stored: {_database_message(error)}"
    return str(error)


def _database_message(error: SQLAlchemyError) -> str:
    # The driver's message, first line: the statement and parameters are not for users.
    cause = getattr(error, "orig", None) or error
    lines = str(cause).strip().splitlines()
    return lines[0] if lines else type(cause).__name__


def ingest_files(
    paths: Iterable[str | Path],
    source: str | None = None,
    *,
    out: TextIO | None = None,
    errors: TextIO | None = None,
    database_url: str | None = None,
    progress: bool = False,
) -> int:
    """Load every file; prints one line per file. Non-zero when any file (or release in
    one) failed; the others are loaded all the same. ``progress``: a progress bar on
    standard error when it is a terminal (``oursay ingest``)."""
    from storage.db import session_factory
    from storage.migrate import upgrade

    out = out or sys.stdout
    errors = errors or sys.stderr
    if source is not None and source not in SOURCES:
        raise ValueError(f"unknown source {source!r} (one of {', '.join(SOURCES)})")
    try:
        upgrade(database_url)
    except SQLAlchemyError as error:
        print(
            f"oursay ingest: error: cannot open the database: {_database_message(error)}",
            file=errors,
        )
        return 1
    matcher = BuyerMatcher(load_registry())
    failed = 0
    total: Counter[str] = Counter()
    files = list(expand(paths))
    if not files:
        print("oursay ingest: no files to load", file=errors)
        return 1
    # Redrawn after every file (mininterval=0): files are few and each takes a while.
    bar = tqdm(
        total=len(files),
        unit=" files",
        disable=None if progress else True,
        leave=False,
        mininterval=0,
    )
    for done, path in enumerate(files):
        # Counted as each next file starts: the `continue`s below skip any later line.
        bar.set_postfix(releases=total["releases"], refresh=False)
        bar.update(done - bar.n)
        with session_factory(database_url)() as session:
            try:
                counts = ingest_file(path, session, matcher, source=source, errors=errors)
            except FileFailed as error:
                session.rollback()
                failed += 1
                print(f"oursay ingest: {path}: error: {error}", file=errors)
                continue
            except MemoryError:
                # A file too big for this machine is bad input too: the others still load.
                session.rollback()
                failed += 1
                print(f"oursay ingest: {path}: error: too large to load in memory", file=errors)
                continue
            except SQLAlchemyError as error:
                # The store itself failed (locked past the busy timeout, unreachable): this
                # file's uncommitted releases are rolled back and named as not loaded.
                session.rollback()
                failed += 1
                print(
                    f"oursay ingest: {path}: error: {_reason(error)} (the releases of this "
                    "file not yet committed were rolled back)",
                    file=errors,
                )
                continue
        total += counts
        if counts["errors"]:
            failed += 1
        print(f"{path}: {_summary(counts)}", file=out)
    bar.update(len(files) - bar.n)
    bar.close()
    if len(files) > 1:
        print(f"total: {_summary(total)}; {len(files) - failed} of {len(files)} files ok", file=out)
    return 1 if failed else 0


def _summary(counts: Counter[str]) -> str:
    return (
        f"{counts['releases']} releases; stored {counts['inserted']} new, "
        f"{counts['updated']} changed, {counts['unchanged']} unchanged; "
        f"{counts['not_council']} not council; {counts['errors']} errors"
    )
