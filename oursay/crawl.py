"""Run one spider in this process and judge the run by its stats.

``scrapy crawl`` exits 0 even when every request failed, so the exit status here comes
from what the run stored and recorded, not from Scrapy.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from typing import Any

from crawlers.outcome import (
    EXIT_NOTHING_COLLECTED,
    EXIT_OK,
    EXIT_PARTIAL,
    judge,
)
from crawlers.summary import council_counts


def run_crawl(
    spider_name: str,
    *,
    councils: Sequence[str] | None = None,
    since: str | None = None,
    until: str | None = None,
    base_url: str | None = None,
    settings: Mapping[str, Any] | None = None,
    verbosity: int = 0,
) -> int:
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "crawlers.settings")
    from scrapy.crawler import CrawlerProcess
    from scrapy.utils.project import get_project_settings

    from oursay.logs import log_level, setup_logging

    project_settings = get_project_settings()
    # Quiet unless asked (-v): the summary lines say what happened; Scrapy's start-up
    # banner and stats dump are a hundred-odd lines per run.
    project_settings.set("LOG_LEVEL", log_level(verbosity), priority="cmdline")
    project_settings.set("OURSAY_PROGRESS", True, priority="cmdline")
    for name, value in (settings or {}).items():
        project_settings.set(name, value, priority="cmdline")
    # Our handler (oursay.logs: level, text or JSON lines) instead of Scrapy's, which
    # would log its banner before any other format could be set.
    project_settings.set("LOG_INSTALL_ROOT_HANDLER", False, priority="cmdline")
    setup_logging(level=str(project_settings.get("LOG_LEVEL")).upper())
    process = CrawlerProcess(project_settings)
    crawler = process.create_crawler(spider_name)
    spider_args = {"since": since, "until": until, "base_url": base_url}
    if councils:
        spider_args["council"] = ",".join(councils)
    process.crawl(crawler, **{k: v for k, v in spider_args.items() if v})
    process.start()
    stats = crawler.stats.get_stats() if crawler.stats else {}
    return report(spider_name, stats)


def report(spider_name: str, stats: Mapping[str, Any]) -> int:
    """Print a one-paragraph summary; returns the exit status (crawlers.outcome, docs/cli.md).

    The counts are of committed rows only: the pipeline counts an item when its
    transaction commits, not when it is added.
    """
    reason = stats.get("finish_reason")
    inserted = stats.get("oursay/records/inserted", 0)
    updated = stats.get("oursay/records/updated", 0)
    unchanged = stats.get("oursay/records/unchanged", 0)
    failures = stats.get("oursay/failures", 0)
    documents = stats.get("oursay/documents/ok", 0)
    # One line per council of a council crawl, then the run's own line.
    for counts in council_counts(stats):
        print(counts.line(spider_name))
    print(
        f"{spider_name}: {reason}; records {inserted} new, {updated} changed, "
        f"{unchanged} unchanged; documents {documents} extracted; {failures} failures recorded; "
        f"{stats.get('downloader/request_count', 0)} requests; "
        f"{float(stats.get('elapsed_time_seconds') or 0):.1f}s"
    )
    outcome = judge(stats, reason)
    if outcome.exit_status == EXIT_PARTIAL:
        # The crawl went on past them and kept what succeeded: a distinct status, so a
        # scheduler or script can tell "partly" from "not at all".
        print(
            f"{spider_name}: {failures} requests failed; see the crawl_failures table",
            file=sys.stderr,
        )
    elif outcome.exit_status == EXIT_NOTHING_COLLECTED:
        print(f"{spider_name}: {outcome.why}; see the crawl_failures table", file=sys.stderr)
    elif outcome.exit_status != EXIT_OK:
        print(f"{spider_name}: failed: {outcome.why}", file=sys.stderr)
    return outcome.exit_status
