"""``oursay export``: records for journalists, as CSV or JSON."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator, Sequence
from typing import Any, TextIO

from feeds.build import clean_text, safe_url
from feeds.items import guid_for
from storage.db import session_factory
from storage.queries import RecordState, iter_states

EXPORT_FIELDS = (
    "id",
    "council",
    "source",
    "kind",
    "notice_type",
    "title",
    "url",
    "date",
    "buyer",
    "value_amount",
    "value_currency",
    "is_outsourcing",
    "is_asset_sale",
    "has_consultation",
    "has_inhouse_statement",
    "flagged",
    "decision",
    "publish_state",
    "confidence",
    "rules",
    "review_status",
    "evidence",
)


def _decision_guid(record: Any, assessment: Any) -> str:
    group = getattr(assessment, "decision_group", None)
    if isinstance(group, dict) and group.get("guid"):
        return str(group["guid"])
    return guid_for(record)


def export_row(state: RecordState) -> dict[str, Any]:
    """One record as the design's export row. Never carries contact details: records hold
    none (the spiders drop ``contactPoint`` before storing)."""
    record, assessment = state.record, state.assessment
    date = state.date
    return {
        "id": record.id,
        "council": record.council_code,
        "source": record.source,
        "kind": record.kind,
        "notice_type": record.notice_type,
        # Scraped text: the same cleaning as the feeds (no control characters or lone
        # surrogates, no e-mail addresses or phone numbers).
        "title": clean_text(record.title),
        "url": safe_url(record.url),
        "date": date.isoformat() if date else None,
        "buyer": clean_text(record.buyer_name) or None,
        "value_amount": str(record.value_amount) if record.value_amount is not None else None,
        "value_currency": record.value_currency,
        "is_outsourcing": assessment.is_outsourcing if assessment else None,
        "is_asset_sale": assessment.is_asset_sale if assessment else None,
        "has_consultation": assessment.has_consultation if assessment else None,
        "has_inhouse_statement": assessment.has_inhouse_statement if assessment else None,
        "flagged": state.flagged,
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


def export_rows(
    *, flagged_only: bool = False, councils: Sequence[str] | None = None, **filters: Any
) -> Iterator[dict[str, Any]]:
    with session_factory()() as session:
        for state in iter_states(
            session, flagged_only=flagged_only, council_codes=councils, **filters
        ):
            yield export_row(state)


def write_rows(out: TextIO, rows: Iterator[dict[str, Any]], fmt: str) -> int:
    count = 0
    if fmt == "json":
        out.write("[")
        for count, row in enumerate(rows, start=1):
            out.write(("\n" if count == 1 else ",\n") + json.dumps(row, ensure_ascii=False))
        out.write("\n]\n")
        return count
    writer = csv.DictWriter(out, fieldnames=EXPORT_FIELDS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        count += 1
        row = dict(row)
        row["evidence"] = " | ".join(q for q in row["evidence"] if q)
        row["rules"] = " ".join(row["rules"])
        writer.writerow({k: _csv_value(v) for k, v in row.items()})
    return count


def _csv_value(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    # Tab and carriage return start a formula too in some spreadsheets (OWASP CSV injection).
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        # Scraped text opened in a spreadsheet must not run as a formula.
        return "'" + value
    return "" if value is None else value


def export(
    out: TextIO, *, fmt: str, flagged_only: bool = False, councils: Sequence[str] | None = None
) -> int:
    write_rows(out, export_rows(flagged_only=flagged_only, councils=councils), fmt)
    return 0
