"""The search form: parameters from a query string, validated, turned into one
``storage.search.SearchQuery``. The page, the CSV, JSON and JSON Lines exports share it, so
an export holds exactly what the search showed (all pages of it)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import urlencode

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, StreamingResponse
from sqlalchemy import Select
from sqlalchemy.orm import Session

from feeds.build import SOURCE_NAMES, CouncilInfo, load_councils, summarise, usable_councils
from oursay.export import FORMATS, MEDIA_TYPES, chunks, export_rows
from oursay.web.auth import staff_user
from oursay.web.linked import KIND_NAMES
from storage.queries import RecordState
from storage.search import RANK_CAP, SearchQuery, search_page, search_select

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
NATIONS = {n: n for n in ("England", "Scotland", "Wales", "Northern Ireland")}
RECORD_KINDS = {kind: name.capitalize() for kind, name in KIND_NAMES.items()}
MAX_WORDS = 10


@dataclass(frozen=True)
class SearchForm:
    q: str = ""
    council: str = ""
    nation: str = ""
    kind: str = ""
    category: str = ""
    flag: str = ""
    review: str = ""
    source: str = ""
    date_from: str = ""
    date_to: str = ""
    value_min: str = ""
    value_max: str = ""
    cpv: str = ""
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
        values = {}
        for name, label in (("min", "Lowest value"), ("max", "Highest value")):
            value = (params.get(name) or "").strip().replace(",", "").lstrip("£")
            if value:
                try:
                    amount = Decimal(value)
                    if not amount.is_finite() or abs(amount) >= 10**18:
                        raise InvalidOperation
                except InvalidOperation:
                    errors.append(f"{label} must be a number of pounds, like 250000: ignored.")
                    value = ""
            values[name] = value
        cpv = (params.get("cpv") or "").strip()
        if cpv and not re.fullmatch(r"\d{2,8}(-\d)?", cpv):
            errors.append("CPV code must look like 45000000 or 79341000-6: ignored.")
            cpv = ""
        try:
            page = max(1, min(int(params.get("page") or 1), 10_000))
        except ValueError:
            page = 1
        return cls(
            q=" ".join((params.get("q") or "").split()[:MAX_WORDS])[:200],
            council=council,
            nation=choice("nation", NATIONS),
            kind=choice("kind", RECORD_KINDS),
            category=choice("category", CATEGORIES),
            flag=choice("flag", FLAGS),
            review=choice("review", REVIEWS),
            source=choice("source", SOURCE_NAMES),
            date_from=dates["from"],
            date_to=dates["to"],
            value_min=values["min"],
            value_max=values["max"],
            cpv=cpv,
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
            "nation": form.nation,
            "kind": form.kind,
            "category": form.category,
            "flag": form.flag,
            "review": form.review,
            "source": form.source,
            "from": form.date_from,
            "to": form.date_to,
            "min": form.value_min,
            "max": form.value_max,
            "cpv": form.cpv,
            "page": str(form.page) if form.page > 1 else "",
        }
        return urlencode({k: v for k, v in values.items() if v})

    def query(self) -> Select[Any]:
        """Every record the search matches, newest first, for any database (saved-search
        feeds and alerts read it)."""
        return search_select(self.search_query())

    def search_query(self) -> SearchQuery:
        return SearchQuery(
            text=self.q,
            council=self.council or None,
            nation=self.nation or None,
            kind=self.kind or None,
            category=self.category or None,
            flag=self.flag or None,
            review=self.review or None,
            source=self.source or None,
            date_from=date.fromisoformat(self.date_from) if self.date_from else None,
            date_to=date.fromisoformat(self.date_to) if self.date_to else None,
            value_min=Decimal(self.value_min) if self.value_min else None,
            value_max=Decimal(self.value_max) if self.value_max else None,
            cpv=self.cpv or None,
        )


def add_search_routes(
    app: FastAPI,
    sessions: Callable[[], Session],
    render: Callable[..., HTMLResponse],
) -> None:
    """``/search`` (the page) and ``/search.{csv,json,jsonl}`` (the whole result, streamed)."""

    @app.get("/search", response_class=HTMLResponse)
    def search(request: Request) -> HTMLResponse:
        with sessions() as session:
            councils = load_councils(session)
            form = SearchForm.from_params(request.query_params, councils)
            query = form.search_query()
            found = search_page(session, query, PAGE_SIZE, (form.page - 1) * PAGE_SIZE)
            total, exact = found.total, found.exact
            pages = max(1, -(-total // PAGE_SIZE))
            if form.page > pages:  # past the end: the last page
                form = replace(form, page=pages)
                found = search_page(session, query, PAGE_SIZE, (pages - 1) * PAGE_SIZE)
            results = [summarise(s, _council_name(councils, s)) for s in found.states]
            staff = staff_user(request, session)
        return render(
            request,
            "search.html",
            {
                "staff": staff,
                "form": form,
                "councils": sorted(
                    usable_councils(councils.values()), key=lambda c: (c.name.lower(), c.code)
                ),
                "sources": SOURCE_NAMES,
                "nations": NATIONS,
                "record_kinds": RECORD_KINDS,
                "results": results,
                "total": total,
                "exact": exact,
                "ranked": found.ranked,
                "rank_cap": RANK_CAP,
                "pages": pages,
                "page_href": lambda page: "/search?" + form.params(page=page),
            },
        )

    @app.get("/search.{fmt}")
    def export(request: Request, fmt: str) -> StreamingResponse:
        if fmt not in FORMATS:
            raise HTTPException(404, "Exports are .csv, .json or .jsonl.")
        with sessions() as session:
            form = SearchForm.from_params(request.query_params, load_councils(session))
        site_url = str(request.base_url).rstrip("/")
        database_url = str(app.state.database_url)

        def body() -> Iterator[bytes]:
            # Runs in Starlette's thread pool, row by row, with its own session: the
            # response starts at once and the whole export is never in memory.
            rows = export_rows(form.search_query(), site_url=site_url, database_url=database_url)
            for piece in chunks(rows, fmt):
                # Evidence can hold lone surrogates (JSON allows "\ud800"; UTF-8 does not).
                yield piece.encode("utf-8", "replace")

        stamp = datetime.now(UTC).strftime("%Y%m%d")
        return StreamingResponse(
            body(),
            media_type=MEDIA_TYPES[fmt],
            headers={"Content-Disposition": f'attachment; filename="oursay-search-{stamp}.{fmt}"'},
        )


def _council_name(councils: Mapping[str, CouncilInfo], state: RecordState) -> str | None:
    council = councils.get(state.record.council_code or "")
    return council.name if council else None
