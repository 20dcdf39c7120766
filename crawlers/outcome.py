"""How a crawl ended, judged from its stats.

One rule gives both the exit status of ``oursay crawl`` and the ``crawl_runs.status`` the
pipeline records, so a script and the database never disagree about a run. ``scrapy
crawl`` exits 0 even when every request failed; these statuses don't (docs/cli.md).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

EXIT_OK = 0
# Did not finish (killed, shut down, crashed), or could not write to the database at all.
EXIT_FAILED = 1
# Finished and kept what succeeded, but some requests or items failed (see crawl_failures).
EXIT_PARTIAL = 3
# Finished, but nothing at all was collected: every request failed (a host down for the
# whole run, a firewall, robots.txt). Told apart from "partly" because the fix differs.
EXIT_NOTHING_COLLECTED = 4

# Stats that count something collected: a record stored (new, changed or the same as
# before), a document's text, or an API page read (an empty window is still an answer).
COLLECTED = (
    "oursay/records/inserted",
    "oursay/records/updated",
    "oursay/records/unchanged",
    "oursay/documents/ok",
    "oursay/pages",
)


@dataclass(frozen=True)
class Outcome:
    status: str  # crawl_runs.status: ok | partial | failed
    exit_status: int
    why: str | None = None


def judge(stats: Mapping[str, Any], reason: str | None) -> Outcome:
    """The outcome of a run whose spider closed for ``reason`` with these stats."""
    fatal = stats.get("oursay/fatal")
    if fatal:  # the cause, rather than the spider's close reason it led to
        return Outcome("failed", EXIT_FAILED, str(fatal))
    if reason != "finished":
        return Outcome("failed", EXIT_FAILED, f"did not finish ({reason})")
    unrecorded = stats.get("oursay/store_failures/unrecorded", 0)
    if unrecorded:
        return Outcome(
            "failed", EXIT_FAILED, f"{unrecorded} items could not be stored nor recorded"
        )
    failures = stats.get("oursay/failures", 0)
    if not failures:
        return Outcome("ok", EXIT_OK)
    if not any(stats.get(name) for name in COLLECTED):
        return Outcome(
            "failed", EXIT_NOTHING_COLLECTED, f"nothing collected: {failures} failures recorded"
        )
    return Outcome("partial", EXIT_PARTIAL, f"{failures} failures recorded")
