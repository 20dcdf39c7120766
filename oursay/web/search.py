"""The search form: parameters from a query string, validated, turned into one query over
record states. The page, the CSV and the JSON export share it, so an export holds exactly
what the search showed (all pages of it)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from typing import Any
from urllib.parse import urlencode

from sqlalchemy import Select, and_, exists, func, not_, or_, select

from feeds.build import LONDON, SOURCE_NAMES, newest_first
from storage.models import Document, DocumentPage, Record
from storage.queries import states_query

PAGE_SIZE = 25
CATEGORIES = {"outsourcing": "Outsourcing", "asset_sale": "Asset sale"}
FLAGS = {"flagged": "Flagged", "not_flagged": "Not flagged"}
REVIEWS = {
    "unreviewed": "Not reviewed",
    "confirmed": "Confirmed",
    "dismissed": "Dismissed",
    "needs_info": "Needs more information",
    "good_practice": "Good practice",
}
MAX_WORDS = 10


@dataclass(frozen=True)
class SearchForm:
    q: str = ""
    council: str = ""
    category: str = ""
    flag: str = ""
    review: str = ""
    source: str = ""
    date_from: str = ""
    date_to: str = ""
    documents: bool = False
    page: int = 1
    errors: tuple[str, ...] = field(default=())

    @classmethod
    def from_params(cls, params: Mapping[str, str], councils: Mapping[str, Any]) -> SearchForm:
        errors: list[str] = []

        def choice(name: str, allowed: Mapping[str, Any]) -> str:
            value = (params.get(name) or "").strip()
            if value and value not in allowed:
                errors.append(f"Unknown {name.replace('_', ' ')}: ignored.")
                return ""
            return value

        council = (params.get("council") or "").strip().upper()
        if council and council not in councils:
            errors.append("Unknown council: ignored.")
            council = ""
        dates = {}
        for name, label in (("from", "From"), ("to", "To")):
            value = (params.get(name) or "").strip()
            if value:
                try:
                    date.fromisoformat(value)
                except ValueError:
                    errors.append(f"{label} date must look like 2026-08-31: ignored.")
                    value = ""
            dates[name] = value
        try:
            page = max(1, min(int(params.get("page") or 1), 10_000))
        except ValueError:
            page = 1
        return cls(
            q=" ".join((params.get("q") or "").split()[:MAX_WORDS])[:200],
            council=council,
            category=choice("category", CATEGORIES),
            flag=choice("flag", FLAGS),
            review=choice("review", REVIEWS),
            source=choice("source", SOURCE_NAMES),
            date_from=dates["from"],
            date_to=dates["to"],
            documents=(params.get("documents") or "") in ("1", "on", "true"),
            page=page,
            errors=tuple(errors),
        )

    @property
    def is_empty(self) -> bool:
        return self == SearchForm(page=self.page, errors=self.errors)

    def params(self, **changes: Any) -> str:
        """The query string for this search (for pagination and export links)."""
        form = replace(self, **changes)
        values = {
            "q": form.q,
            "council": form.council.lower(),
            "category": form.category,
            "flag": form.flag,
            "review": form.review,
            "source": form.source,
            "from": form.date_from,
            "to": form.date_to,
            "documents": "1" if form.documents else "",
            "page": str(form.page) if form.page > 1 else "",
        }
        return urlencode({k: v for k, v in values.items() if v})

    def query(self) -> Select[Any]:
        since = _london_midnight(self.date_from)
        until = _london_midnight(self.date_to)
        query = states_query(
            council_codes=[self.council] if self.council else None,
            categories=[self.category] if self.category else None,
            flagged_only=self.flag == "flagged",
            review_status=self.review if self.review not in ("", "unreviewed") else None,
            source=self.source or None,
            since=since,
            until=until + timedelta(days=1) if until else None,
        )
        current = query.column_descriptions[1]["entity"]
        latest = query.column_descriptions[2]["entity"]
        if self.flag == "not_flagged":
            # The negation of RecordState.flagged, NULL-safe (no assessment, no review).
            query = query.where(
                or_(
                    latest.status.in_(["dismissed", "good_practice"]),
                    and_(
                        or_(
                            current.should_flag.is_(None),
                            not_(current.should_flag),
                            # An uncertain flag waiting for staff is not (yet) flagged.
                            current.publish_state == "needs_review",
                        ),
                        or_(latest.status.is_(None), latest.status != "confirmed"),
                    ),
                )
            )
        if self.review == "unreviewed":
            query = query.where(latest.id.is_(None))
        for word in self.q.split():
            pattern = "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            matches = [
                Record.title.ilike(pattern, escape="\\"),
                Record.description.ilike(pattern, escape="\\"),
                Record.buyer_name.ilike(pattern, escape="\\"),
                Record.decision_maker.ilike(pattern, escape="\\"),
            ]
            if self.documents:
                matches.append(
                    exists(
                        select(DocumentPage.page_number)
                        .join(Document, Document.id == DocumentPage.document_id)
                        .where(Document.record_id == Record.id)
                        .where(DocumentPage.text.ilike(pattern, escape="\\"))
                    )
                )
            query = query.where(or_(*matches))
        return newest_first(query)

    def count_query(self) -> Select[Any]:
        return select(func.count()).select_from(self.query().order_by(None).subquery())


def _london_midnight(value: str) -> datetime | None:
    if not value:
        return None
    return datetime.combine(date.fromisoformat(value), time(0), tzinfo=LONDON)
