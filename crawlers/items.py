"""What spiders yield. Dataclasses, so that ``ingest`` builds the same objects without Scrapy."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import datetime
from typing import Any


@dataclass
class RecordItem:
    """One record for ``storage.records.upsert_record`` (see ``RECORD_FIELDS`` there)."""

    source: str
    source_key: str
    kind: str
    title: str = ""
    description: str = ""
    url: str | None = None
    published_at: datetime | None = None
    council_code: str | None = None
    ocid: str | None = None
    release_id: str | None = None
    notice_type: str | None = None
    regime: str | None = None
    buyer_name: str | None = None
    buyer_id: str | None = None
    suppliers: list[dict[str, Any]] = field(default_factory=list)
    value_amount: Any = None
    value_currency: str | None = None
    cpv_codes: list[str] = field(default_factory=list)
    decision_maker: str | None = None
    is_key_decision: bool | None = None
    status: str | None = None
    data: dict[str, Any] = field(default_factory=dict)
    # [{"url": ..., "title": ..., "mime_type": ...}]
    documents: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class DocumentItem:
    """A downloaded document's extracted text for the record ``(source, source_key)``."""

    source: str
    source_key: str
    url: str
    status: str  # ok | failed | skipped
    pages: list[str] | None = None
    content_hash: str | None = None
    error: str | None = None
    mime_type: str | None = None
    size_bytes: int | None = None
    title: str | None = None


@dataclass
class CheckpointItem:
    """Everything up to ``until`` has been yielded: the pipeline commits, then moves the
    checkpoint, so an interrupted crawl resumes at the first incomplete window."""

    source: str
    until: datetime
    scope: str = ""


@dataclass
class FailureItem:
    """A page or document that could not be used, and why (kept, never silent)."""

    source: str
    reason: str
    url: str | None = None
    http_status: int | None = None
    council_code: str | None = None


@dataclass
class PageItem:
    """What one page of a listing yielded (records and failures, in order), handed to the
    pipeline as one item.

    The pipeline stores each as if it had been yielded alone (same batches, commits and
    replays). A Find a Tender page holds 100 releases: yielded one by one, each went
    through Scrapy's spider middlewares, item signals and log formatting, a sixth of a
    crawl's CPU (issue 14)."""

    items: list[RecordItem | FailureItem] = field(default_factory=list)


def item_fields(item: Any) -> dict[str, Any]:
    """An item's fields as a dict, values shared (``dataclasses.asdict`` deep-copies every
    nested list and dict, the whole release in ``data``: it was the largest single cost of
    a bulk load). The store only reads these values."""
    names = _FIELD_NAMES.get(type(item))
    if names is None:
        # ``fields()`` walks the class's field table on every call: read once per class.
        names = _FIELD_NAMES[type(item)] = tuple(f.name for f in fields(item))
    return {name: getattr(item, name) for name in names}


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}
