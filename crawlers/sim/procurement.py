"""Simulated Find a Tender and Contracts Finder OCDS APIs, serving the project's own sample
releases (``crawlers/sim/data/``: a fictional Exampleshire County Council and Sampleton
Borough Council, plus buyers that are not councils and must be dropped).

They behave like the real services as ``shared/reference/procurement_sources.md``
describes them: OCDS release packages filtered by a time window, newest first, paged by
opaque cursors in ``links.next``, no ``links`` on the last page, an empty ``releases``
array when nothing matches. Faults are switched on per test through ``Faults``: rate
limits (FTS 429 with or without ``Retry-After``, CF 403 with an HTML body), a 503, slow
answers, numbers JSON can't hold, invalid UTF-8 (CF), a page that is not JSON, and a
server that crashes or hangs after some pages.

Sample dates: every sample release falls between 2026-08-01 and 2026-08-20 (UK time), so
``oursay crawl find-a-tender --base-url URL --since 2026-08-01 --until 2026-08-21 --set
DOWNLOAD_DELAY=0`` gets them all (``SAMPLE_SINCE``, ``SAMPLE_UNTIL``; without the override
the spider keeps the real API's 10 s between requests, over 80 windows). The buyers are only
councils once ``OURSAY_EXTRA_COUNCILS`` points at ``SAMPLE_COUNCILS_CSV``: 11 of the 13 FTS
sample releases and 4 of the 6 Contracts Finder ones are then stored.

Run one by hand: ``python -m crawlers.sim.procurement fts --port 8101``.
"""

from __future__ import annotations

import argparse
import base64
import binascii
import json
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from crawlers.sim.server import SimRequest, SimResponse, SimServer

DATA = Path(__file__).resolve().parent / "data"
FTS_SAMPLE = DATA / "fts_sample_releases.json"
CF_SAMPLE = DATA / "cf_sample_releases.json"
SAMPLE_COUNCILS_CSV = DATA / "sample_councils.csv"
SAMPLE_SINCE = "2026-08-01"
SAMPLE_UNTIL = "2026-08-21"
LONDON = ZoneInfo("Europe/London")
ALLOW_ALL = "User-agent: *\nDisallow:\n"


@dataclass
class Faults:
    """What goes wrong, and how often. Counters count answers to API requests only."""

    # The next N API requests are refused as rate limited (FTS 429, CF 403).
    rate_limit: int = 0
    # FTS: the Retry-After of those 429s; None sends none (kingfisher-collect #1215). A
    # tuple gives one value per refusal, in order (the last one repeats).
    retry_after: str | tuple[str | None, ...] | None = "1"
    rate_limited_so_far: int = 0
    # The next N API requests answer 503 with Retry-After: 1.
    unavailable: int = 0
    # Seconds every API answer takes.
    slow: float = 0.0
    # The next N API requests are hung up on with a TCP reset (no answer at all).
    reset: int = 0
    # Seconds between 64-byte chunks of every API answer's body (a trickling server).
    trickle: float = 0.0
    # Serve this page (1-based, counting pages served) with 1e9999 and 000 in it.
    bad_numbers_page: int | None = None
    # CF: write "–" as the double-encoded, invalid UTF-8 seen in kingfisher-collect #1004.
    broken_utf8: bool = False
    # Serve this page (1-based) cut short: not JSON.
    invalid_json_page: int | None = None
    # After this many pages, answer 500 to everything (a crashed server)...
    crash_after_pages: int | None = None
    # ...or hang (up to ``hang_seconds``, or until ``release_hang()``).
    hang_after_pages: int | None = None
    hang_seconds: float = 60.0


@dataclass
class OCDSApiSim:
    """A release-package search API over a fixed list of releases (an app for SimServer)."""

    releases: list[dict[str, Any]]
    path: str
    from_param: str
    to_param: str
    # Largest page served whatever ``limit`` asks (small in tests, to make cursors work).
    max_page_size: int = 100
    faults: Faults = field(default_factory=Faults)
    robots_txt: str = ALLOW_ALL
    pages_served: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _unhang: threading.Event = field(default_factory=threading.Event, repr=False)

    def __post_init__(self) -> None:
        self.releases = sorted(self.releases, key=lambda r: _moment(r["date"]), reverse=True)

    # --- control from tests -----------------------------------------------------------------

    def heal(self) -> None:
        """Back to normal service: no more faults; hung requests are let go."""
        self.faults = Faults()
        self._unhang.set()

    def release_hang(self) -> None:
        self._unhang.set()

    # --- the app ------------------------------------------------------------------------------

    def __call__(self, request: SimRequest) -> SimResponse:
        if request.path == "/robots.txt":
            return SimResponse(200, self.robots_txt, "text/plain")
        if request.path != self.path:
            return SimResponse(404, "not found", "text/plain")
        with self._lock:
            faults = self.faults
            if faults.rate_limit > 0:
                faults.rate_limit -= 1
                return self.rate_limited()
            if faults.reset > 0:
                faults.reset -= 1
                return SimResponse(reset=True)
            if faults.unavailable > 0:
                faults.unavailable -= 1
                return SimResponse(
                    503, "Service Unavailable", "text/plain", headers={"Retry-After": "1"}
                )
            if (
                faults.crash_after_pages is not None
                and self.pages_served >= faults.crash_after_pages
            ):
                return SimResponse(500, "simulated crash", "text/plain")
            hang = (
                faults.hang_after_pages is not None and self.pages_served >= faults.hang_after_pages
            )
        if hang:
            self._unhang.wait(faults.hang_seconds)
            return SimResponse(500, "simulated crash (hung)", "text/plain")
        try:
            package = self.page(request)
        except ValueError as error:
            return _json_error(400, str(error))
        with self._lock:
            self.pages_served += 1
            number = self.pages_served
        body = json.dumps(package, indent=2, ensure_ascii=False).encode("utf-8")
        body = self.inject(body, number, faults)
        return SimResponse(
            200, body, "application/json", delay=faults.slow, trickle=faults.trickle
        )

    def page(self, request: SimRequest) -> dict[str, Any]:
        start = self.parse_time(request.arg(self.from_param), self.from_param)
        end = self.parse_time(request.arg(self.to_param), self.to_param)
        limit_text = request.arg("limit", "100") or "100"
        if not limit_text.isdigit() or not 1 <= int(limit_text) <= 100:
            raise ValueError("limit must be a number from 1 to 100")
        size = min(int(limit_text), self.max_page_size)
        offset = self.decode_cursor(request.arg("cursor"), start, end)
        matching = [
            r
            for r in self.releases
            if (start is None or _moment(r["date"]) >= start)
            and (end is None or _moment(r["date"]) < end)
        ]
        releases = matching[offset : offset + size]
        host = request.headers.get("host", "127.0.0.1")
        query = {k: v[0] for k, v in request.query.items() if k != "cursor" and v}
        package: dict[str, Any] = {
            "uri": f"http://{host}{self.path}?{urlencode({**query, **self.cursor_query(request)})}",
            "version": "1.1",
            "extensions": [
                "https://raw.githubusercontent.com/open-contracting-extensions/"
                "ocds_pagination_extension/master/extension.json"
            ],
            "publishedDate": releases[0]["date"] if releases else "",
            "publisher": {
                "name": "oursay simulator: sample data, not published by any public body"
            },
            "releases": releases,
        }
        if offset + size < len(matching):
            cursor = self.encode_cursor(start, end, offset + size)
            package["links"] = {
                "next": f"http://{host}{self.path}?{urlencode({**query, 'cursor': cursor})}"
            }
        return package

    def cursor_query(self, request: SimRequest) -> dict[str, str]:
        cursor = request.arg("cursor")
        return {"cursor": cursor} if cursor else {}

    # --- the details the two services differ in ----------------------------------------------

    def parse_time(self, value: str | None, name: str) -> datetime | None:
        if value is None:
            return None
        try:
            moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            raise ValueError(f"{name} is not a date: {value!r}") from None
        return moment if moment.tzinfo else moment.replace(tzinfo=LONDON)

    def rate_limited(self) -> SimResponse:
        raise NotImplementedError

    def inject(self, body: bytes, number: int, faults: Faults) -> bytes:
        if faults.invalid_json_page == number:
            return body[: len(body) // 2]
        if faults.bad_numbers_page == number and b'"tender": {' in body:
            body = body.replace(
                b'"tender": {',
                b'"tender": {"lotDetails": {"maximumLotsBidPerSupplier": 1e9999, '
                b'"maximumLotsAwardedPerSupplier": 000}, ',
                1,
            )
        return body

    # --- cursors: opaque to clients, like the real ones --------------------------------------

    def encode_cursor(self, start: datetime | None, end: datetime | None, offset: int) -> str:
        text = f"{self.from_param}={start}|{self.to_param}={end}|nextCursor={offset}"
        return base64.b64encode(text.encode()).decode()

    def decode_cursor(
        self, cursor: str | None, start: datetime | None, end: datetime | None
    ) -> int:
        if not cursor:
            return 0
        try:
            parts = dict(p.split("=", 1) for p in base64.b64decode(cursor).decode().split("|"))
            offset = int(parts["nextCursor"])
        except (binascii.Error, UnicodeDecodeError, ValueError, KeyError):
            raise ValueError("invalid cursor") from None
        if parts.get(self.from_param) != str(start) or parts.get(self.to_param) != str(end):
            raise ValueError("cursor does not belong to this window")
        return offset


class FindATenderSim(OCDSApiSim):
    """``GET /api/1.0/ocdsReleasePackages?updatedFrom&updatedTo&limit&cursor``."""

    def __init__(self, releases: list[dict[str, Any]] | None = None, **kwargs: Any) -> None:
        super().__init__(
            releases=releases if releases is not None else sample_releases(FTS_SAMPLE),
            path="/api/1.0/ocdsReleasePackages",
            from_param="updatedFrom",
            to_param="updatedTo",
            **kwargs,
        )

    def parse_time(self, value: str | None, name: str) -> datetime | None:
        # FTS reads times as UK local time and silently ignores a trailing Z.
        if value is not None and value.endswith("Z"):
            value = value[:-1]
        return super().parse_time(value, name)

    def page(self, request: SimRequest) -> dict[str, Any]:
        if request.arg("stages"):
            # The real API answers only pre-Act releases to ``stages``: here, none.
            host = request.headers.get("host", "127.0.0.1")
            return {
                "uri": f"http://{host}{self.path}",
                "version": "1.1",
                "publishedDate": "",
                "releases": [],
            }
        return super().page(request)

    def rate_limited(self) -> SimResponse:
        faults = self.faults
        retry_after = faults.retry_after
        if isinstance(retry_after, tuple):
            retry_after = retry_after[min(faults.rate_limited_so_far, len(retry_after) - 1)]
        faults.rate_limited_so_far += 1
        if retry_after is None:
            return SimResponse(429, "12 request limit in 2 minute exceeded", "text/plain")
        return SimResponse(
            429,
            f"Rate limit of 12 exceeded. Please retry after {retry_after} seconds.",
            "text/plain",
            headers={"Retry-After": retry_after},
        )


class ContractsFinderSim(OCDSApiSim):
    """``GET /Published/Notices/OCDS/Search?publishedFrom&publishedTo&limit&cursor``."""

    def __init__(self, releases: list[dict[str, Any]] | None = None, **kwargs: Any) -> None:
        super().__init__(
            releases=releases if releases is not None else sample_releases(CF_SAMPLE),
            path="/Published/Notices/OCDS/Search",
            from_param="publishedFrom",
            to_param="publishedTo",
            **kwargs,
        )

    def rate_limited(self) -> SimResponse:
        body = (
            "<!DOCTYPE html><html><head><title>Request forbidden</title></head><body>"
            "<h1>Request forbidden</h1><p>The request rate limit may have been exceeded. "
            "Please wait 5 minutes before making further requests.</p></body></html>"
        )
        return SimResponse(403, body, "text/html; charset=utf-8")

    def inject(self, body: bytes, number: int, faults: Faults) -> bytes:
        if faults.broken_utf8:
            # "–" (E2 80 93) encoded twice, then cut to Latin-1: "â" as UTF-8, then raw bytes.
            body = body.replace("–".encode(), b"\xc3\xa2\x80\x93")
        return super().inject(body, number, faults)


def sample_releases(path: Path) -> list[dict[str, Any]]:
    return json.loads(path.read_text(encoding="utf-8"))["releases"]


def _moment(value: str) -> datetime:
    moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=LONDON)


def _json_error(status: int, message: str) -> SimResponse:
    return SimResponse(status, json.dumps({"error": message}), "application/json")


# --- for the demo ----------------------------------------------------------------------------


def serve_fts_sample(port: int = 0, **kwargs: Any) -> SimServer:
    """A server answering like Find a Tender with the sample releases, not yet started:
    ``with serve_fts_sample() as server:`` (or ``.start()`` … ``.stop()``); ``server.url`` is
    the ``--base-url``. Keyword arguments go to ``FindATenderSim`` (``faults``,
    ``max_page_size``)."""
    return SimServer(FindATenderSim(**kwargs), port=port)


def serve_cf_sample(port: int = 0, **kwargs: Any) -> SimServer:
    """The same for Contracts Finder (``ContractsFinderSim``)."""
    return SimServer(ContractsFinderSim(**kwargs), port=port)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Serve a simulated procurement API.")
    parser.add_argument("service", choices=["fts", "cf"])
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--page-size", type=int, default=100)
    args = parser.parse_args(argv)
    serve = serve_fts_sample if args.service == "fts" else serve_cf_sample
    server = serve(args.port, max_page_size=args.page_size).start()
    print(f"serving {args.service} sample releases at {server.url} (Ctrl-C to stop)", flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        server.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
