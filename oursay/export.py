"""``oursay export`` and the web exports: records for journalists, as CSV, JSON or JSON
Lines, streamed row by row so that a million rows hold memory flat (the query is read in
batches through a server-side cursor; nothing is built whole)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, TextIO

from sqlalchemy import select
from sqlalchemy.orm import Session

from feeds.build import clean_text, safe_url
from feeds.items import guid_for
from storage.db import session_factory
from storage.models import Council
from storage.queries import RecordState
from storage.search import SearchQuery, search_select

FORMATS = ("csv", "json", "jsonl")
MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "jsonl": "application/jsonl",
}
# Rows fetched per round trip: large enough to be quick, small enough to stay flat.
BATCH = 1000


EXPORT_FIELDS = (
    "id",
    "council",
    "council_name",
    "source",
    "kind",
    "notice_type",
    "title",
    "item_url",
    "url",
    "date",
    "buyer",
    "suppliers",
    "value_amount",
    "value_currency",
    "cpv_codes",
    "is_outsourcing",
    "is_asset_sale",
    "has_consultation",
    "has_inhouse_statement",
    "flagged",
    "flag_reason",
    "decision",
    "publish_state",
    "confidence",
    "rules",
    "review_status",
    "evidence",
)
# Lists in a CSV cell: joined with this, so a spreadsheet keeps them in one cell.
CSV_LIST_SEPARATORS = {"suppliers": " | ", "cpv_codes": " ", "rules": " ", "evidence": " | "}


def _decision_guid(record: Any, assessment: Any) -> str:
    group = getattr(assessment, "decision_group", None)
    if isinstance(group, dict) and group.get("guid"):
        return str(group["guid"])
    return guid_for(record)


def _suppliers(suppliers: Any) -> list[str]:
    names: list[str] = []
    for supplier in suppliers or []:
        name = clean_text(supplier.get("name") if isinstance(supplier, dict) else supplier)
        if name and name not in names:
            names.append(name)
    return names


def flag_reason(state: RecordState) -> str:
    """Why the record is flagged, in a few words ("" when it is not)."""
    if not state.flagged:
        return ""
    a = state.assessment
    parts = []
    if a is not None:
        parts.append("asset sale" if a.is_asset_sale else "outsourcing" if a.is_outsourcing else "")
        if a.has_consultation is False:
            parts.append("no public consultation found")
        if a.has_inhouse_statement is False:
            parts.append("no in-house option found")
    if state.review_status == "confirmed":
        parts.append("confirmed by staff")
    return "; ".join(p for p in parts if p)


def export_row(
    state: RecordState, council_names: Mapping[str, str] | None = None, site_url: str = ""
) -> dict[str, Any]:
    """One record as the design's export row. ``site_url`` (no trailing slash) prefixes the
    oursay item page; without it the page is a site-relative path. Never carries contact
    details or staff data: records hold none (the spiders drop ``contactPoint`` before
    storing, text is cleaned as in the feeds), and of a review only its status is read."""
    record, assessment = state.record, state.assessment
    date = state.date
    code = record.council_code
    return {
        "id": record.id,
        "council": code,
        "council_name": (council_names or {}).get(code or "") or None,
        "source": record.source,
        "kind": record.kind,
        "notice_type": record.notice_type,
        # Scraped text: the same cleaning as the feeds (no control characters or lone
        # surrogates, no e-mail addresses or phone numbers).
        "title": clean_text(record.title),
        "item_url": f"{site_url}/items/{record.id}",
        "url": safe_url(record.url),
        "date": date.isoformat() if date else None,
        "buyer": clean_text(record.buyer_name) or None,
        "suppliers": _suppliers(record.suppliers),
        "value_amount": str(record.value_amount) if record.value_amount is not None else None,
        "value_currency": record.value_currency,
        "cpv_codes": [clean_text(str(c)) for c in record.cpv_codes or []],
        "is_outsourcing": assessment.is_outsourcing if assessment else None,
        "is_asset_sale": assessment.is_asset_sale if assessment else None,
        "has_consultation": assessment.has_consultation if assessment else None,
        "has_inhouse_statement": assessment.has_inhouse_statement if assessment else None,
        "flagged": state.flagged,
        "flag_reason": flag_reason(state),
        # The feed GUID of the decision this record is one stage of: the same for its
        # forward-plan entry, decision and notices (monitor/decision_groups.py).
        "decision": _decision_guid(record, assessment),
        # "needs_review": the monitor was unsure and staff have not looked yet; such a flag
        # is in no public feed (monitor/confidence.py).
        "publish_state": assessment.publish_state if assessment else None,
        "confidence": assessment.confidence if assessment else None,
        # Which rules or notice signals found the evidence, for a reader who wants to know why.
        "rules": sorted({e["rule"] for e in assessment.evidence if e.get("rule")})
        if assessment
        else [],
        "review_status": state.review_status,
        "evidence": [clean_text(e.get("quote")) for e in assessment.evidence] if assessment else [],
    }


def council_names(session: Session) -> dict[str, str]:
    return {
        code: clean_text(name) for code, name in session.execute(select(Council.code, Council.name))
    }


def stream_states(session: Session, query: SearchQuery) -> Iterator[RecordState]:
    """Every record state the search matches, newest first, fetched in batches (a
    server-side cursor on PostgreSQL), so memory stays flat however many there are."""
    select_ = search_select(query, session.get_bind().dialect.name)
    result = session.execute(select_.execution_options(yield_per=BATCH))
    for record, assessment, review in result:
        yield RecordState(record, assessment, review)
    result.close()


def export_rows(
    query: SearchQuery | None = None, *, site_url: str = "", database_url: str | None = None
) -> Iterator[dict[str, Any]]:
    with session_factory(database_url)() as session:
        names = council_names(session)
        for state in stream_states(session, query or SearchQuery()):
            # The session's identity map holds rows weakly: once written they are gone.
            yield export_row(state, names, site_url)


def chunks(rows: Iterable[dict[str, Any]], fmt: str) -> Iterator[str]:
    """The export as text pieces, one or a few rows each (for streaming)."""
    if fmt == "json":
        yield "["
        for count, row in enumerate(rows, start=1):
            yield ("\n" if count == 1 else ",\n") + json.dumps(row, ensure_ascii=False)
        yield "\n]\n"
        return
    if fmt == "jsonl":
        for row in rows:
            yield json.dumps(row, ensure_ascii=False) + "\n"
        return
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=EXPORT_FIELDS, lineterminator="\n")
    writer.writeheader()
    for n, row in enumerate(rows, start=1):
        row = dict(row)
        for name, separator in CSV_LIST_SEPARATORS.items():
            row[name] = separator.join(v for v in row[name] if v)
        writer.writerow({k: _csv_value(v) for k, v in row.items()})
        if n % 100 == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def write_rows(out: TextIO, rows: Iterable[dict[str, Any]], fmt: str) -> int:
    count = 0

    def counted() -> Iterator[dict[str, Any]]:
        nonlocal count
        for row in rows:
            count += 1
            yield row

    for piece in chunks(counted(), fmt):
        out.write(piece)
    return count


def _csv_value(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    # Tab and carriage return start a formula too in some spreadsheets (OWASP CSV injection).
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        # Scraped text opened in a spreadsheet must not run as a formula.
        return "'" + value
    return "" if value is None else value


def export(out: TextIO, *, fmt: str, query: SearchQuery | None = None, site_url: str = "") -> int:
    write_rows(out, export_rows(query, site_url=site_url.rstrip("/")), fmt)
    return 0
