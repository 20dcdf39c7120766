"""``oursay feeds --out DIR``: every feed, ``feeds.opml`` and an ``index.html`` under DIR,
at the paths the web app serves, so DIR can be published by any static file server.

One read of the database feeds every file; items are rendered once and shared between
the feeds that list them. A file is rewritten only when its bytes change (atomically, via
rename), so a static server's Last-Modified and ETag stay put for unchanged feeds.
"""

from __future__ import annotations

import gc
import html
import os
import time
from collections import defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from feeds.build import (
    FEED_ITEM_LIMIT,
    FORMATS,
    CouncilInfo,
    FeedBuilder,
    FeedSpec,
    Links,
    aggregate_specs,
    council_specs,
    load_councils,
    load_feed_states,
    usable_councils,
)
from feeds.opml import OPML_PATH, opml_bytes
from feeds.practice import practice_path, write_practice_feeds
from feeds.regions import area_specs
from feeds.stylesheet import STYLESHEET_PATH, stylesheet_bytes
from feeds.topics import topic_specs
from monitor.principles.report import load_cards
from storage.db import session_factory
from storage.queries import RecordState


@dataclass(frozen=True)
class SiteWritten:
    out_dir: Path
    feed_count: int  # feed files (RSS and Atom count separately)
    changed: int  # files whose bytes changed (written)
    index_path: Path
    opml_path: Path
    seconds: float


def write_site(
    out_dir: Path | str, base_url: str | None = None, *, database_url: str | None = None
) -> SiteWritten:
    started = time.perf_counter()
    out = Path(out_dir)
    with _without_cyclic_gc(), session_factory(database_url)() as session:
        councils = load_councils(session)
        states = load_feed_states(session)
        links = Links(base_url, web=False)
        builder = FeedBuilder(councils, links)

        by_council: dict[str, list[RecordState]] = defaultdict(list)
        for state in states:  # newest first; grouping keeps that order
            by_council[state.record.council_code or ""].append(state)

        feed_count = changed = 0
        flagged_counts: dict[str, int] = {}

        def write(spec: FeedSpec, candidates: Sequence[RecordState]) -> list[RecordState]:
            nonlocal feed_count, changed
            selected = [s for s in candidates if spec.matches(s)]
            for fmt in FORMATS:
                path = spec.path(fmt)
                feed_count += 1
                changed += _write_if_changed(
                    out / path, builder.render(spec, fmt, selected, from_path=path)
                )
            return selected

        # The all-council feeds first: their entries stay cached for the council feeds.
        keep = {
            s.record.id for spec in aggregate_specs() for s in write(spec, states)[:FEED_ITEM_LIMIT]
        }
        for council in usable_councils(councils.values()):
            mine = by_council.get(council.code, [])
            for spec in council_specs(council):
                selected = write(spec, mine)
                if spec.name == council.slug:
                    flagged_counts[council.code] = len(selected)
            builder.forget(s.record.id for s in mine if s.record.id not in keep)
        # Nations, regions and topics (feeds/regions.py, feeds/topics.py), from the same read.
        chosen = [*area_specs(session), *topic_specs()]
        for spec in chosen:
            write(spec, states)
        # Each council's good-practice feed from its scorecard (feeds/practice.py).
        usable = [c.code for c in usable_councils(councils.values())]
        practice = write_practice_feeds(out, load_cards(session, usable), base_url)
        feed_count, changed = feed_count + practice[0], changed + practice[1]

    # What a browser shows for a feed; no e-mail form: a static site takes no subscriptions.
    changed += _write_if_changed(out / STYLESHEET_PATH, stylesheet_bytes(email=False))
    opml_path = out / OPML_PATH
    changed += _write_if_changed(opml_path, opml_bytes(councils.values(), links, chosen))
    index_path = out / "index.html"
    changed += _write_if_changed(
        index_path, index_html(councils, flagged_counts, links, chosen)
    )
    return SiteWritten(
        out, feed_count, changed, index_path, opml_path, time.perf_counter() - started
    )


@contextmanager
def _without_cyclic_gc() -> Iterator[None]:
    """A build allocates a few hundred thousand long-lived objects (ORM rows, lxml
    elements) and makes no garbage cycles worth collecting midway; left on, the cyclic
    collector rescans the growing heap again and again (it halved a 400-council build)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _write_if_changed(path: Path, data: bytes) -> int:
    try:
        if path.read_bytes() == data:
            return 0
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)  # readers never see half a feed
    return 1


def index_html(
    councils: dict[str, CouncilInfo],
    flagged_counts: dict[str, int],
    links: Links,
    chosen: Sequence[FeedSpec] = (),
) -> bytes:
    """A plain, accessible page listing every council with links to its feeds."""
    e = html.escape

    def feed_links(path_rss: str, path_atom: str, label: str) -> str:
        rss = e(links.url(path_rss, "index.html"))
        atom = e(links.url(path_atom, "index.html"))
        return (
            f'<a href="{rss}">RSS<span class="visually-hidden"> feed: {e(label)}</span></a> · '
            f'<a href="{atom}">Atom<span class="visually-hidden"> feed: {e(label)}</span></a>'
        )

    aggregate_rows = "".join(
        f"<li>{e(spec.title.removeprefix('oursay: ').capitalize())}: "
        f"{feed_links(spec.path('rss'), spec.path('atom'), spec.title)}</li>"
        for spec in aggregate_specs()
    )
    # Nations, regions and topics: one list item each.
    chosen_rows = "".join(
        f"<li>{e(spec.title.removeprefix('oursay: ').capitalize())}: "
        f"{feed_links(spec.path('rss'), spec.path('atom'), spec.title)}</li>"
        for spec in chosen
    )
    rows = []
    by_name = sorted(usable_councils(councils.values()), key=lambda c: (c.name.lower(), c.code))
    for council in by_name:
        main, outsourcing, assets, notices = council_specs(council)
        name = council.name
        rows.append(
            f'<tr id="council-{e(council.slug)}"><th scope="row">{e(name)}</th>'
            f"<td>{e(council.code)}</td><td>{flagged_counts.get(council.code, 0)}</td>"
            f"<td>{feed_links(main.path('rss'), main.path('atom'), name)}</td>"
            f'<td><a href="{e(links.url(outsourcing.path("rss"), "index.html"))}">outsourcing'
            f'<span class="visually-hidden">: {e(name)}</span></a> · '
            f'<a href="{e(links.url(assets.path("rss"), "index.html"))}">asset sales'
            f'<span class="visually-hidden">: {e(name)}</span></a> · '
            f'<a href="{e(links.url(notices.path("rss"), "index.html"))}">every notice'
            f'<span class="visually-hidden">: {e(name)}</span></a> · '
            # The scorecard's good practice (feeds/practice.py), written for every council.
            f'<a href="{e(links.url(practice_path(council.code, "rss"), "index.html"))}">good '
            f'practice<span class="visually-hidden">: {e(name)}</span></a></td></tr>'
        )
    opml = e(links.url(OPML_PATH, "index.html"))
    all_rss = e(links.url("feeds/all.rss", "index.html"))
    page = f"""<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>oursay: council feeds</title>
<link rel="alternate" type="application/rss+xml" title="oursay: all councils" href="{all_rss}">
<style>
body {{ font: 1rem/1.5 system-ui, sans-serif; color: #1b1b1b; background: #fff;
  max-width: 72rem; margin: 0 auto; padding: 0 1rem; }}
a {{ color: #1d4e89; }} a:focus {{ outline: 3px solid #f2a900; outline-offset: 2px; }}
table {{ border-collapse: collapse; width: 100%; }}
th, td {{ text-align: left; padding: .35rem .5rem; border-bottom: 1px solid #ccc; }}
.visually-hidden {{ position: absolute; width: 1px; height: 1px; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; }}
.skip {{ position: absolute; left: -999px; }} .skip:focus {{ left: 1rem; top: 1rem; }}
</style>
</head>
<body>
<a class="skip" href="#main">Skip to the council list</a>
<header><h1>oursay: council feeds</h1></header>
<main id="main">
<p>Each feed lists a council's decisions to outsource public services or sell public
assets where oursay found no public consultation or no in-house option. Add a feed's
address to any feed reader; no account is needed.
<a href="{opml}">All council feeds as OPML</a>.</p>
<h2>All councils</h2>
<ul>{aggregate_rows}</ul>
<h2>Nations, regions and topics</h2>
<ul>{chosen_rows}</ul>
<h2>Councils</h2>
<table>
<caption class="visually-hidden">Feeds for each council</caption>
<thead><tr><th scope="col">Council</th><th scope="col">Code</th>
<th scope="col">Flagged</th><th scope="col">Feed</th><th scope="col">More feeds</th></tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody>
</table>
</main>
<footer><p>Built by oursay from public procurement notices and council papers.</p></footer>
</body>
</html>
"""
    return page.encode("utf-8")
