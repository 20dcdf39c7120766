"""The scorecard pages: the national table (filtered and sorted by query parameters, so it
works without JavaScript), its CSV, one council's scorecard with evidence and history, and
the council's good-practice feed. Read-only, like every public page.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from feeds.build import FORMATS
from feeds.practice import practice_feed, practice_path
from monitor.principles.base import (
    MOTION,
    NO_EVIDENCE,
    NOT_PRACTISED,
    PARTLY,
    PRACTISED,
    PRINCIPLE_KEYS,
    PRINCIPLES,
    STATUSES,
)
from monitor.principles.report import SORTS, Card, filter_sort, load_cards, table_rows
from storage.models import Council

STATUS_LABELS = {
    PRACTISED: "Practised",
    PARTLY: "Partly",
    NOT_PRACTISED: "Not practised",
    NO_EVIDENCE: "No evidence",
}
TYPE_LABELS = {
    "CC": "City of London",
    "CTY": "County council",
    "LBO": "London borough",
    "MD": "Metropolitan district",
    "NMD": "District council",
    "UA": "Unitary authority",
    "NID": "Northern Ireland district",
    "SCO": "Scottish council",
    "WPA": "Welsh principal area",
}
Render = Callable[[Request, str, dict[str, Any]], HTMLResponse]


def _choice(value: str, allowed: Any) -> str:
    """A query parameter kept only when it is one of the allowed values: anything else
    (a typo, an old link) shows the unfiltered table rather than an error."""
    value = value.strip()
    return value if value in allowed else ""


def _table(
    session: Session,
    nation: str,
    type: str,
    principle: str,
    status: str,
    sort: str,
    order: str,
    evidence: str,
) -> tuple[list[Card], dict[str, str], dict[str, list[str]]]:
    cards = load_cards(session)
    options = {
        "nation": sorted({c.nation for c in cards if c.nation}),
        "type": sorted({c.type for c in cards if c.type}),
    }
    form = {
        "nation": _choice(nation, options["nation"]),
        "type": _choice(type, options["type"]),
        "principle": _choice(principle, PRINCIPLE_KEYS),
        "status": _choice(status, STATUSES),
        "sort": _choice(sort, SORTS) or "name",
        "order": "desc" if order == "desc" else "asc",
        "evidence": "only" if evidence == "only" else "",
    }
    rows = filter_sort(
        cards,
        nation=form["nation"],
        council_type=form["type"],
        principle=form["principle"],
        status=form["status"],
        sort=form["sort"],
        descending=form["order"] == "desc",
        evidence_only=form["evidence"] == "only",
    )
    return rows, form, options


def add_scorecard_routes(app: FastAPI, sessions: Callable[[], Session], render: Render) -> None:
    """Register the routes. Called before the generic ``/feeds/{name}`` route so that
    ``/feeds/practice/…`` reaches the good-practice feed."""

    @app.get("/scorecard", response_class=HTMLResponse)
    def national(
        request: Request,
        nation: str = "",
        type: str = "",
        principle: str = "",
        status: str = "",
        sort: str = "name",
        order: str = "asc",
        evidence: str = "",
    ) -> HTMLResponse:
        with sessions() as session:
            rows, form, options = _table(
                session, nation, type, principle, status, sort, order, evidence
            )

        def href(**changes: str) -> str:
            params = {**form, **changes}
            return "/scorecard?" + urlencode({k: v for k, v in params.items() if v})

        def sort_href(key: str) -> str:
            same = form["sort"] == key and form["order"] == "asc"
            return href(sort=key, order="desc" if same else "asc")

        return render(
            request,
            "scorecard.html",
            {
                "rows": rows,
                "form": form,
                "options": options,
                "principles": PRINCIPLES,
                "statuses": STATUS_LABELS,
                "type_labels": TYPE_LABELS,
                "sort_href": sort_href,
                "csv_href": "/scorecard.csv?" + urlencode({k: v for k, v in form.items() if v}),
            },
        )

    @app.get("/scorecard.csv")
    def national_csv(
        nation: str = "",
        type: str = "",
        principle: str = "",
        status: str = "",
        sort: str = "name",
        order: str = "asc",
        evidence: str = "",
    ) -> Response:
        with sessions() as session:
            rows, _, _ = _table(session, nation, type, principle, status, sort, order, evidence)
        buffer = io.StringIO()
        flat = table_rows(rows)
        fields = list(flat[0]) if flat else ["code", "name", "nation", "type", "supporter"]
        writer = csv.DictWriter(buffer, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        for row in flat:
            # A spreadsheet runs a cell that starts with = + - @ as a formula.
            writer.writerow({k: ("'" + v if v[:1] in "=+-@" else v) for k, v in row.items()})
        return Response(
            buffer.getvalue(),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": 'attachment; filename="oursay-scorecard.csv"'},
        )

    @app.get("/councils/{slug}/scorecard", response_class=HTMLResponse)
    def council_scorecard(request: Request, slug: str) -> HTMLResponse:
        with sessions() as session:
            card = _card(session, slug, with_changes=True)
        return render(
            request,
            "council_scorecard.html",
            {
                "card": card,
                "principles": PRINCIPLES,
                "statuses": STATUS_LABELS,
                "type_labels": TYPE_LABELS,
                "motion_key": MOTION,
                "feed_rss": "/" + practice_path(card.code, "rss"),
                "feed_atom": "/" + practice_path(card.code, "atom"),
            },
        )

    @app.api_route("/feeds/practice/{filename}", methods=["GET", "HEAD"])
    def practice(request: Request, filename: str) -> Response:
        slug, _, fmt = filename.partition(".")
        if fmt not in FORMATS:
            raise HTTPException(404, "There is no feed here.")
        with sessions() as session:
            card = _card(session, slug)
        base = str(request.base_url).rstrip("/")
        body = practice_feed(
            card,
            fmt,
            self_url=f"{base}/{practice_path(card.code, fmt)}",
            page_url=f"{base}/councils/{card.code.lower()}/scorecard",
        )
        return Response(body, media_type=f"{FORMATS[fmt]}; charset=utf-8")


def _card(session: Session, slug: str, *, with_changes: bool = False) -> Card:
    code = slug.upper()
    if slug != slug.lower() or not code.isalnum():
        raise HTTPException(404, "There is no council with that code.")
    if session.scalar(select(Council.code).where(Council.code == code)) is None:
        raise HTTPException(404, "There is no council with that code.")
    return load_cards(session, [code], with_changes=with_changes)[0]
