"""``oursay feeds --out DIR``: every feed, ``feeds.opml`` and an ``index.html`` under DIR,
at the paths the web app serves, so DIR can be published by any static file server.

One read of the database feeds every file; items are rendered once and shared between
the feeds that list them. A file is rewritten only when its bytes change (atomically, via
rename), so a static server's Last-Modified and ETag stay put for unchanged feeds.
"""

from __future__ import annotations

import gc
import hashlib
import html
import json
import os
import time
from collections import defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import datetime
from itertools import islice
from pathlib import Path
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

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
    sort_key,
    usable_councils,
)
from feeds.opml import OPML_PATH, opml_bytes
from feeds.practice import PRACTICE_DIR, practice_path, write_practice_feeds
from feeds.regions import area_specs
from feeds.snapshot import NO_COUNCIL, code_digest, council_fingerprints
from feeds.stylesheet import STYLESHEET_PATH, stylesheet_bytes
from feeds.topics import topic_specs
from monitor.principles.report import load_cards
from storage.db import session_factory
from storage.models import Record
from storage.queries import RecordState


@dataclass(frozen=True)
class SiteWritten:
    out_dir: Path
    feed_count: int  # feed files (RSS and Atom count separately)
    changed: int  # files whose bytes changed (written)
    index_path: Path
    opml_path: Path
    seconds: float
    rendered: int = 0  # record feeds rendered (the rest were known unchanged and skipped)


# Beside the files: what the last build saw (see _BuildState). A dot-file, so that most
# static servers do not publish it; it holds digests, feed names and record ids only.
STATE_FILE = ".oursay-feeds-state.json"
# The code that decides a feed's bytes: a new version of any of it rebuilds every feed.
_CODE_FILES = [Path(__file__).with_name(n) for n in ("build.py", "items.py", "render.py")]


@dataclass
class _BuildState:
    """What a build wrote, so that the next one renders only councils whose fingerprint
    moved. ``aggregates`` keeps each all-council feed's items as [id, council code, sort
    date], enough to merge a changed council's new items in without reading the rest."""

    version: str
    fingerprints: dict[str, str]
    flagged_counts: dict[str, int]
    aggregates: dict[str, list[list[Any]]]
    practice: dict[str, str] = field(default_factory=dict)  # card digests by council code
    pages: dict[str, str] = field(default_factory=dict)  # digests of the OPML and index inputs

    @classmethod
    def load(cls, out: Path, version: str) -> _BuildState | None:
        try:
            data = json.loads((out / STATE_FILE).read_text(encoding="utf-8"))
            state = cls(**data)
        except (OSError, ValueError, TypeError):
            return None  # first build, or a state file from elsewhere: build everything
        return state if state.version == version else None

    def save(self, out: Path) -> None:
        state = json.dumps(vars(self), sort_keys=True)  # (asdict deep-copies; nothing to copy)
        _write_if_changed(out / STATE_FILE, state.encode())


def write_site(
    out_dir: Path | str, base_url: str | None = None, *, database_url: str | None = None
) -> SiteWritten:
    """Write every feed, the OPML file and the index under ``out_dir``.

    A council's feeds are rendered only when its fingerprint (feeds/snapshot.py) moved
    since the build recorded in ``STATE_FILE``, or one of its files is missing; the
    all-council feeds when any fingerprint moved. Delete the state file to render all."""
    started = time.perf_counter()
    out = Path(out_dir)
    version = code_digest(_CODE_FILES) + "|" + (base_url or "")
    with _without_cyclic_gc(), session_factory(database_url)() as session:
        councils = load_councils(session)
        usable = usable_councils(councils.values())
        links = Links(base_url, web=False)
        builder = FeedBuilder(councils, links)
        fingerprints = council_fingerprints(session, {c.code: c.name for c in councils.values()})
        previous = _BuildState.load(out, version)
        present = _files_under(out)
        counts = _Counts()

        if previous is None:
            changed_codes = None  # everything
        else:
            changed_codes = {
                code
                for code in set(fingerprints) | set(previous.fingerprints)
                if fingerprints.get(code) != previous.fingerprints.get(code)
            }
            changed_codes |= {c.code for c in usable if not _present(present, council_specs(c))}
            if not _present(present, aggregate_specs()):
                changed_codes = None
        # Feeds of records from many councils: the all-council ones, nations, regions and
        # topics (feeds/regions.py, feeds/topics.py). After a partial change each is merged
        # from what it listed last time and the changed councils' records, not read again.
        chosen = [*area_specs(session), *topic_specs()]
        merged_specs = [*aggregate_specs(), *chosen]
        specs_digest = _specs_digest(merged_specs)
        if previous is not None and previous.pages.get("specs") != specs_digest:
            changed_codes = None  # a council moved area, or the topics changed: merge nothing
        aggregates: dict[str, list[RecordState]] | None = None
        states: list[RecordState] = []
        if changed_codes:
            wanted = sorted(changed_codes)
            states = load_feed_states(session, lambda q: _of_councils(q, wanted))
            aggregates = _merged_aggregates(session, previous, changed_codes, states, merged_specs)
            if aggregates is None:
                changed_codes = None  # the many-council feeds need every record after all
        if changed_codes is None:
            states = load_feed_states(session)

        by_council: dict[str, list[RecordState]] = defaultdict(list)
        for state in states:  # newest first; grouping keeps that order
            by_council[state.record.council_code or ""].append(state)

        flagged_counts = (
            dict(previous.flagged_counts) if previous and changed_codes is not None else {}
        )
        kept: dict[str, list[list[Any]]] = dict(previous.aggregates) if previous else {}
        every: list[RecordState] | None = None
        if changed_codes is None or changed_codes:
            to_write = merged_specs
        elif not _present(present, chosen):
            to_write = chosen  # nothing changed, but an area or topic file is missing
            every = load_feed_states(session)
        else:
            to_write = []
        counts.feeds += len(FORMATS) * (len(merged_specs) - len(to_write))
        # Written before the council feeds: their items stay cached for those feeds.
        keep: set[int] = set()
        for spec in to_write:
            if aggregates is not None:
                candidates = aggregates[spec.name]
            else:
                candidates = every if every is not None else states
            selected = _write_feeds(out, builder, spec, candidates, counts, limit=True)
            keep.update(s.record.id for s in selected)
            kept[spec.name] = [[s.record.id, s.record.council_code or "", _iso(s)] for s in selected]  # noqa: E501
        for council in usable:
            if changed_codes is not None and council.code not in changed_codes:
                counts.feeds += len(FORMATS) * len(council_specs(council))
                continue
            mine = by_council.get(council.code, [])
            for spec in council_specs(council):
                selected = _write_feeds(out, builder, spec, mine, counts)
                if spec.name == council.slug:
                    flagged_counts[council.code] = len(selected)
            builder.forget(s.record.id for s in mine if s.record.id not in keep)
        # Each council's good-practice feed from its scorecard (feeds/practice.py), written
        # again only when the card (all a practice feed shows) changed or a file is missing.
        cards = load_cards(session, [c.code for c in usable])
        practice_digests = {card.code: _digest(repr(card)) for card in cards}
        before = previous.practice if previous is not None else {}
        stale = [
            card
            for card in cards
            if before.get(card.code) != practice_digests[card.code]
            or not all(practice_path(card.code, fmt) in present for fmt in FORMATS)
        ]
        practice = write_practice_feeds(out, stale, base_url)
        counts.feeds += practice[0] + len(FORMATS) * (len(cards) - len(stale))
        counts.changed += practice[1]

    # What a browser shows for a feed; no e-mail form: a static site takes no subscriptions.
    counts.changed += _write_if_changed(out / STYLESHEET_PATH, stylesheet_bytes(email=False))
    # The OPML file and the index show councils (and flagged counts) and the area and topic
    # feeds only: written again when those changed or the file is missing.
    opml_path = out / OPML_PATH
    index_path = out / "index.html"
    flagged_counts = {c: n for c, n in flagged_counts.items() if c in councils}
    names = sorted((c.code, c.name) for c in councils.values())
    pages = {
        "specs": specs_digest,
        "opml": _digest(json.dumps([names, [spec.name for spec in chosen]])),
        "index": _digest(
            json.dumps([names, sorted(flagged_counts.items()), [spec.name for spec in chosen]])
        ),
    }
    old_pages = previous.pages if previous is not None else {}
    if old_pages.get("opml") != pages["opml"] or not opml_path.is_file():
        counts.changed += _write_if_changed(opml_path, opml_bytes(councils.values(), links, chosen))
    if old_pages.get("index") != pages["index"] or not index_path.is_file():
        counts.changed += _write_if_changed(
            index_path, index_html(councils, flagged_counts, links, chosen)
        )
    _BuildState(version, fingerprints, flagged_counts, kept, practice_digests, pages).save(out)
    return SiteWritten(
        out,
        counts.feeds,
        counts.changed,
        index_path,
        opml_path,
        time.perf_counter() - started,
        counts.rendered,
    )


@dataclass
class _Counts:
    feeds: int = 0
    changed: int = 0
    rendered: int = 0


def _write_feeds(
    out: Path,
    builder: FeedBuilder,
    spec: FeedSpec,
    candidates: Sequence[RecordState],
    counts: _Counts,
    *,
    limit: bool = False,
) -> list[RecordState]:
    """Both formats of one feed; returns the states it selected (only the listed ones
    when ``limit``: the all-council feeds need not test every record)."""
    matching = (s for s in candidates if spec.matches(s))
    selected = list(islice(matching, FEED_ITEM_LIMIT)) if limit else list(matching)
    for fmt in FORMATS:
        path = spec.path(fmt)
        counts.feeds += 1
        counts.rendered += 1
        counts.changed += _write_if_changed(
            out / path, builder.render(spec, fmt, selected, from_path=path)
        )
    return selected


def _files_under(out: Path) -> set[str]:
    """Paths (from ``out``) of the files in the feed folders: one listing per folder
    instead of a stat per feed."""
    present: set[str] = set()
    for folder in (
        "feeds",
        "feeds/notices",
        "feeds/nations",
        "feeds/regions",
        "feeds/topics",
        PRACTICE_DIR,
    ):
        with suppress(OSError):
            present.update(f"{folder}/{e.name}" for e in os.scandir(out / folder) if e.is_file())
    return present


def _present(present: set[str], specs: Sequence[FeedSpec]) -> bool:
    return all(spec.path(fmt) in present for spec in specs for fmt in FORMATS)


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _of_councils(query: Select[Any], codes: Sequence[str]) -> Select[Any]:
    named = [c for c in codes if c != NO_COUNCIL]
    condition = Record.council_code.in_(named)
    if NO_COUNCIL in codes:
        condition = condition | Record.council_code.is_(None)
    # Through a subquery of ids: given the condition directly, SQLite walked every current
    # assessment to find one council's (43 ms against 4 ms at 80,000 records).
    return query.where(Record.id.in_(select(Record.id).where(condition).scalar_subquery()))


def _iso(state: RecordState) -> str:
    return sort_key(state)[0].isoformat()


def _merged_aggregates(
    session: Session,
    previous: _BuildState | None,
    changed_codes: set[str],
    changed_states: Sequence[RecordState],
    specs: Sequence[FeedSpec],
) -> dict[str, list[RecordState]] | None:
    """Candidates for each all-council feed without reading every record: what it listed
    last time from unchanged councils (unchanged, so still listed in the same order) plus
    the changed councils' records. Exact when the feed was not full, or when at least
    ``FEED_ITEM_LIMIT`` candidates sort at or above the old last item (records of unchanged
    councils that were not listed sort below it). None when that does not hold: then the
    caller reads everything."""
    if previous is None:
        return None
    listed = {spec.name: previous.aggregates.get(spec.name) for spec in specs}
    if any(rows is None for rows in listed.values()):
        return None
    ids = sorted(
        {row[0] for rows in listed.values() for row in rows or [] if row[1] not in changed_codes}
    )
    known = {s.record.id: s for s in load_feed_states(session, lambda q: _by_ids(q, ids))}
    merged: dict[str, list[RecordState]] = {}
    for spec in specs:
        rows = listed[spec.name] or []
        kept = [known[row[0]] for row in rows if row[1] not in changed_codes and row[0] in known]
        if len(kept) != sum(1 for row in rows if row[1] not in changed_codes):
            return None  # a listed record vanished without its council's fingerprint moving
        fresh = [s for s in changed_states if spec.matches(s)]
        candidates = sorted({s.record.id: s for s in kept + fresh}.values(), key=sort_key)
        candidates.reverse()
        if len(rows) >= FEED_ITEM_LIMIT:
            last = (datetime.fromisoformat(rows[-1][2]), rows[-1][0])
            if sum(1 for s in candidates if sort_key(s) >= last) < FEED_ITEM_LIMIT:
                return None
        merged[spec.name] = candidates
    return merged


def _specs_digest(specs: Sequence[FeedSpec]) -> str:
    """What decides which records each many-council feed lists: names, kinds, the councils
    of an area, a topic's words. Frozensets sorted, so that the digest is stable."""
    parts = [
        [spec.name, spec.kind, spec.category, sorted(getattr(spec, "codes", ())),
         repr(getattr(spec, "topic", None))]
        for spec in specs
    ]  # fmt: skip
    return _digest(json.dumps(parts))


def _by_ids(query: Select[Any], ids: Sequence[int]) -> Select[Any]:
    return query.where(Record.id.in_(list(ids)))


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
