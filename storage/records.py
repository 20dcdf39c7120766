"""Idempotent writes: records keyed on the source's own identifiers, documents keyed on
(record, URL), checkpoints, runs and failures.

Every writer (the Scrapy pipeline, ``oursay ingest``, the document downloader) goes
through these functions, so a crawl run twice, or interrupted and run again, ends with
the same rows.
"""

from __future__ import annotations

import hashlib
import json
import os
import socket
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.orm import Session

from storage.models import (
    CrawlCheckpoint,
    CrawlFailure,
    CrawlRun,
    Document,
    DocumentPage,
    Record,
    utcnow,
)

# Columns an item may set; anything else in an item is ignored (it belongs in ``data``).
RECORD_FIELDS = (
    "kind",
    "council_code",
    "title",
    "description",
    "url",
    "published_at",
    "ocid",
    "release_id",
    "notice_type",
    "regime",
    "buyer_name",
    "buyer_id",
    "suppliers",
    "value_amount",
    "value_currency",
    "cpv_codes",
    "decision_maker",
    "is_key_decision",
    "status",
    "data",
)


def content_hash(value: Any) -> str:
    """sha256 of a canonical JSON rendering (sorted keys, ISO dates)."""
    canonical = json.dumps(value, sort_keys=True, default=_json_default, ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _json_default(value: Any) -> str:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(f"cannot hash {type(value).__name__}")


def _record_values(item: Mapping[str, Any]) -> dict[str, Any]:
    values = {field: item.get(field) for field in RECORD_FIELDS if field in item}
    values.setdefault("title", "")
    values.setdefault("description", "")
    values["title"] = values["title"] or ""
    values["description"] = values["description"] or ""
    values["suppliers"] = list(values.get("suppliers") or [])
    values["cpv_codes"] = list(values.get("cpv_codes") or [])
    values["data"] = dict(values.get("data") or {})
    if values.get("value_amount") is not None:
        values["value_amount"] = _decimal(values["value_amount"])
    return values


def _decimal(value: Any) -> Decimal | None:
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    # Bad JSON such as 1e9999 becomes Infinity; the column can't hold it and it means nothing.
    return amount if amount.is_finite() and abs(amount) < Decimal("1e17") else None


def upsert_record(session: Session, item: Mapping[str, Any]) -> tuple[Record, str]:
    """Insert or update one record; returns it and "inserted", "updated" or "unchanged".

    ``item`` needs ``source``, ``source_key`` and ``kind``; see ``RECORD_FIELDS``.
    ``documents`` (a list of mappings with at least ``url``) are attached, never removed:
    a document that vanishes from a page is still evidence of what was published.
    """
    source, source_key = item["source"], item["source_key"]
    record = session.scalars(
        select(Record).where(Record.source == source, Record.source_key == source_key)
    ).one_or_none()
    return _upsert(session, item, record)


# Keys per IN (...) list: well under SQLite's 32,766 bound parameters.
_KEYS_PER_READ = 500


def upsert_records(session: Session, items: Sequence[Mapping[str, Any]]) -> list[str]:
    """:func:`upsert_record` for many items, in order: each one's outcome ("inserted",
    "updated" or "unchanged"), with the same rows left behind as one-by-one calls.

    Written with Core statements rather than ORM instances: one read of the existing keys
    and hashes per source and 500 keys, one executemany INSERT for the new records, one
    for changed ones, and the same for their documents. Building, tracking and flushing an
    ORM object per record was most of a bulk load's CPU (issue 14). An item repeated in
    ``items`` updates what the earlier one wrote, as one-by-one calls would. A row the
    database refuses fails the whole call: callers store the items again one at a time
    (with :func:`upsert_record`) so that it fails alone."""
    keys: dict[str, set[str]] = {}
    for item in items:
        keys.setdefault(item["source"], set()).add(item["source_key"])
    # (source, source_key) -> [id, content_hash]; ids of new records are read back below.
    known: dict[tuple[str, str], list[Any]] = {}
    for source, wanted in keys.items():
        ordered = sorted(wanted)
        for start in range(0, len(ordered), _KEYS_PER_READ):
            chunk = ordered[start : start + _KEYS_PER_READ]
            query = select(Record.id, Record.source_key, Record.content_hash).where(
                Record.source == source, Record.source_key.in_(chunk)
            )
            for record_id, source_key, digest in session.execute(query):
                known[(source, source_key)] = [record_id, digest]
    now = utcnow()
    inserts: dict[tuple[str, str], dict[str, Any]] = {}  # in first-seen order
    updates: dict[int, dict[str, Any]] = {}
    attached: list[tuple[tuple[str, str], Mapping[str, Any]]] = []
    outcomes = []
    for item in items:
        key = (item["source"], item["source_key"])
        values = _record_values(item)
        digest = content_hash(values)
        row = inserts.get(key)
        if row is not None:  # the same record earlier in this call
            outcome = "unchanged" if row["content_hash"] == digest else "updated"
            if outcome == "updated":
                row.update(_full_row(values), content_hash=digest, updated_at=utcnow())
        elif key not in known:
            outcome = "inserted"
            inserts[key] = {
                **_full_row(values),
                "source": key[0],
                "source_key": key[1],
                "content_hash": digest,
                "first_seen_at": now,
                "updated_at": now,
            }
        elif known[key][1] == digest:
            outcome = "unchanged"
        else:
            outcome = "updated"
            known[key][1] = digest
            updates[known[key][0]] = {**values, "content_hash": digest, "updated_at": utcnow()}
        outcomes.append(outcome)
        for document in item.get("documents") or ():
            attached.append((key, document))
    table = Record.__table__
    if inserts:
        session.execute(insert(table), list(inserts.values()))
    _update_rows(session, Record, updates)
    if attached:
        _attach_documents(session, attached, known, inserts)
    return outcomes


def _full_row(values: dict[str, Any]) -> dict[str, Any]:
    """Every column an item may set, None where the item does not (what the ORM inserts
    for an unset column without a default): one executemany needs the same keys per row."""
    return {**dict.fromkeys(RECORD_FIELDS), **values}


def _update_rows(session: Session, model: type[Any], updates: dict[int, dict[str, Any]]) -> None:
    """UPDATE rows by id, grouped by the columns they set; instances of them the session
    already holds are expired, so that nothing reads their old values."""
    if not updates:
        return
    table = model.__table__
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for row_id, values in updates.items():
        columns = tuple(sorted(values))
        # Bound names must differ from the column names in an UPDATE's SET clause.
        groups.setdefault(columns, []).append(
            {"_id": row_id, **{f"_{c}": v for c, v in values.items()}}
        )
        held = session.identity_map.get(session.identity_key(model, row_id))
        if held is not None:
            session.expire(held)
    for columns, rows in groups.items():
        statement = (
            update(table)
            .where(table.c.id == bindparam("_id"))
            .values({c: bindparam(f"_{c}") for c in columns})
        )
        session.connection().execute(statement, rows)


def _attach_documents(
    session: Session,
    attached: list[tuple[tuple[str, str], Mapping[str, Any]]],
    known: dict[tuple[str, str], list[Any]],
    inserts: dict[tuple[str, str], dict[str, Any]],
) -> None:
    """:func:`attach_document` for every (record key, document) of an
    :func:`upsert_records` call: added when new, its title updated when given and
    different, never removed."""
    ids = {key: known[key][0] for key, _ in attached if key in known}
    new_keys = sorted({key for key, _ in attached if key in inserts})
    by_source: dict[str, list[str]] = {}
    for source, source_key in new_keys:
        by_source.setdefault(source, []).append(source_key)
    for source, wanted in by_source.items():
        for start in range(0, len(wanted), _KEYS_PER_READ):
            chunk = wanted[start : start + _KEYS_PER_READ]
            query = select(Record.id, Record.source_key).where(
                Record.source == source, Record.source_key.in_(chunk)
            )
            for record_id, source_key in session.execute(query):
                ids[(source, source_key)] = record_id
    # Documents already stored, for the records that existed before this call.
    existing: dict[tuple[int, str], list[Any]] = {}
    old_ids = sorted({ids[key] for key, _ in attached if key not in inserts})
    for start in range(0, len(old_ids), _KEYS_PER_READ):
        chunk = old_ids[start : start + _KEYS_PER_READ]
        query = select(Document.id, Document.record_id, Document.url, Document.title).where(
            Document.record_id.in_(chunk)
        )
        for document_id, record_id, url, title in session.execute(query):
            existing[(record_id, url)] = [document_id, title]
    new: dict[tuple[int, str], dict[str, Any]] = {}
    titles: dict[int, dict[str, Any]] = {}
    for key, fields in attached:
        record_id, url, title = ids[key], fields["url"], fields.get("title")
        if (record_id, url) in new:
            row = new[(record_id, url)]
            if title and row["title"] != title:
                row["title"] = title
        elif (record_id, url) in existing:
            stored = existing[(record_id, url)]
            if title and stored[1] != title:
                stored[1] = title
                titles[stored[0]] = {"title": title}
        else:
            new[(record_id, url)] = {
                "record_id": record_id,
                "url": url,
                "title": title,
                "mime_type": fields.get("mime_type"),
            }
    if new:
        session.execute(insert(Document.__table__), list(new.values()))
    _update_rows(session, Document, titles)


def _upsert(
    session: Session,
    item: Mapping[str, Any],
    record: Record | None,
) -> tuple[Record, str]:
    source, source_key = item["source"], item["source_key"]
    values = _record_values(item)
    digest = content_hash(values)
    if record is None:
        record = Record(source=source, source_key=source_key, content_hash=digest, **values)
        session.add(record)
        outcome = "inserted"
    elif record.content_hash != digest:
        for field, value in values.items():
            setattr(record, field, value)
        record.content_hash = digest
        record.updated_at = utcnow()
        outcome = "updated"
    else:
        outcome = "unchanged"
    for document in item.get("documents") or ():
        attach_document(session, record, document)
    return record, outcome


def attach_document(session: Session, record: Record, fields: Mapping[str, Any]) -> Document:
    url = fields["url"]
    if record.id is not None:
        document = session.scalars(
            select(Document).where(Document.record_id == record.id, Document.url == url)
        ).one_or_none()
    else:
        document = next((d for d in record.documents if d.url == url), None)
    if document is None:
        document = Document(url=url, title=fields.get("title"), mime_type=fields.get("mime_type"))
        record.documents.append(document)
    elif fields.get("title") and document.title != fields["title"]:
        document.title = fields["title"]
    return document


def store_document_text(
    session: Session,
    document: Document,
    *,
    pages: Iterable[str] | None,
    content_hash: str | None,
    status: str,
    error: str | None = None,
    mime_type: str | None = None,
    size_bytes: int | None = None,
    etag: str | None = None,
    last_modified: str | None = None,
) -> None:
    """Replace a document's text with a fresh extraction (or record why there is none)."""
    document.status = status
    document.error = error
    document.content_hash = content_hash
    document.mime_type = mime_type or document.mime_type
    document.size_bytes = size_bytes
    document.etag = etag
    document.last_modified = last_modified
    document.fetched_at = utcnow()
    if pages is not None:
        document.pages.clear()
        session.flush()
        for number, text in enumerate(pages, start=1):
            document.pages.append(DocumentPage(page_number=number, text=text))
        document.page_count = len(document.pages)


def get_checkpoint(session: Session, source: str, scope: str = "") -> datetime | None:
    checkpoint = session.get(CrawlCheckpoint, (source, scope))
    return checkpoint.complete_until if checkpoint else None


def advance_checkpoint(session: Session, source: str, until: datetime, scope: str = "") -> None:
    """Move a checkpoint forward (never back: a re-crawl of old windows must not rewind it)."""
    checkpoint = session.get(CrawlCheckpoint, (source, scope))
    if checkpoint is None:
        session.add(CrawlCheckpoint(source=source, scope=scope, complete_until=until))
    elif until > checkpoint.complete_until:
        checkpoint.complete_until = until
        checkpoint.updated_at = utcnow()


# A run row still "running" after this long is abandoned whatever its pid says: no crawl
# may run that long (``oursay run`` kills one after 2 hours), and a pid on another host, or
# one the system has since given to another process, cannot be checked.
RUN_ABANDONED_AFTER = timedelta(hours=12)


def start_run(session: Session, source: str, council_code: str | None = None) -> CrawlRun:
    """A ``running`` row for this process; rows left running by dead ones are closed first."""
    mark_abandoned_runs(session)
    run = CrawlRun(
        source=source, council_code=council_code, pid=os.getpid(), hostname=socket.gethostname()
    )
    session.add(run)
    session.flush()
    return run


def adopt_run(session: Session, run_id: int) -> CrawlRun:
    """The ``running`` row a scheduler wrote for this crawl (``OURSAY_RUN_ID``), now this
    process's: the scheduler closes it if the crawl dies, the crawl closes it otherwise."""
    run = session.get(CrawlRun, run_id)
    if run is None or run.status != "running":
        state = "missing" if run is None else f"already {run.status}"
        raise ValueError(f"crawl run {run_id} cannot be adopted: {state}")
    run.pid, run.hostname = os.getpid(), socket.gethostname()
    session.flush()
    return run


def mark_abandoned_runs(session: Session, now: datetime | None = None) -> list[CrawlRun]:
    """Mark ``abandoned`` every ``running`` row whose process is gone.

    A row is abandoned when it was started on this host by a pid that no longer exists
    (the process was killed before it could close its row), or when it is older than
    ``RUN_ABANDONED_AFTER`` (another host's pid cannot be checked, and a pid can be reused).
    """
    now = now or utcnow()
    host = socket.gethostname()
    abandoned = []
    for run in session.scalars(select(CrawlRun).where(CrawlRun.status == "running")):
        dead = run.hostname == host and run.pid is not None and not _process_alive(run.pid)
        if dead or now - run.started_at > RUN_ABANDONED_AFTER:
            run.status = "abandoned"
            run.finished_at = now
            run.error = (
                f"process {run.pid} on {run.hostname} ended without closing the run"
                if dead
                else f"still running after {RUN_ABANDONED_AFTER}: taken as dead"
            )
            abandoned.append(run)
    return abandoned


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it exists, under another user
    return True


def record_failure(
    session: Session,
    *,
    source: str,
    reason: str,
    url: str | None = None,
    http_status: int | None = None,
    council_code: str | None = None,
    run_id: int | None = None,
) -> None:
    session.add(
        CrawlFailure(
            source=source,
            reason=reason[:5000],
            url=url,
            http_status=http_status,
            council_code=council_code,
            run_id=run_id,
        )
    )
