"""``oursay run``: one full cycle, crawl every enabled source, then monitor, then feeds.

Every step is its own ``oursay`` process with a timeout: a Twisted reactor cannot be
restarted inside one process, a stuck crawl must not hold the next cycle hostage, and a
crash in one source must not stop the others. A failed step makes the exit status
non-zero, but the later steps still run (fresh feeds from yesterday's data beat none).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Sequence

from oursay.crawl import EXIT_PARTIAL

# Every source by default: committee papers are where consultation and in-house evidence
# is found; the procurement notices alone would all be flagged.
DEFAULT_SOURCES = "find-a-tender,contracts-finder,moderngov,cmis"
# Per step. Find a Tender allows 12 requests per 2 minutes, so a day's backlog of notices
# takes a while; the monitor and the feeds are minutes at most.
CRAWL_TIMEOUT = 2 * 60 * 60
MONITOR_TIMEOUT = 60 * 60
FEEDS_TIMEOUT = 30 * 60
# After SIGTERM, how long a step gets to finish its transaction before SIGKILL.
TERMINATE_GRACE = 30


def enabled_sources() -> list[str]:
    text = os.environ.get("OURSAY_SOURCES", DEFAULT_SOURCES)
    return [name.strip() for name in text.split(",") if name.strip()]


def site_dir() -> str:
    return os.environ.get("OURSAY_SITE_DIR") or "site"


def run_step(
    args: Sequence[str],
    timeout: float,
    on_start: Callable[[subprocess.Popen[bytes]], None] | None = None,
    who: str = "oursay run",
    grace: float = TERMINATE_GRACE,
) -> int:
    """Run one command in its own process group; kill the group if it overruns (a crawl
    can have children: browsers for firewall-challenged councils). Returns the exit
    status, or -1 after a timeout. ``on_start`` receives the process (the service keeps
    it to stop a running cycle when it shuts down); ``who`` starts each line it prints;
    ``grace`` is how long an overrunning step gets after SIGTERM (``kill_group``)."""
    started = time.monotonic()
    _say(f"running: {' '.join(args)}", who)
    process = subprocess.Popen(list(args), start_new_session=True)
    if on_start is not None:
        on_start(process)
    try:
        status = process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        _say(f"timed out after {timeout:.0f}s: {' '.join(args)}", who)
        kill_group(process, grace)
        return -1
    _say(f"exit {status} after {time.monotonic() - started:.0f}s: {' '.join(args)}", who)
    return status


def _say(message: str, who: str = "oursay run") -> None:
    stamp = time.strftime("%Y-%m-%d %H:%M:%S")
    print(f"{stamp} {who}: {message}", file=sys.stderr, flush=True)


def kill_group(process: subprocess.Popen[bytes], grace: float = TERMINATE_GRACE) -> None:
    """SIGTERM to the step's whole process group, SIGKILL if it is still there after
    ``grace`` seconds."""
    for sig, wait in ((signal.SIGTERM, grace), (signal.SIGKILL, None)):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            break
        try:
            process.wait(timeout=wait)
            break
        except subprocess.TimeoutExpired:
            continue


def oursay(*args: str) -> list[str]:
    return [sys.executable, "-m", "oursay", *args]


def run_cycle() -> int:
    failed: list[str] = []
    for source in enabled_sources():
        status = run_step(oursay("crawl", source), CRAWL_TIMEOUT)
        if status == EXIT_PARTIAL:
            failed.append(f"crawl {source} (partly: see crawl_failures)")
        elif status != 0:
            failed.append(f"crawl {source}")
    if run_step(oursay("monitor"), MONITOR_TIMEOUT) != 0:
        failed.append("monitor")
    if run_step(oursay("feeds", "--out", site_dir()), FEEDS_TIMEOUT) != 0:
        failed.append("feeds")
    if failed:
        _say(f"failed steps: {', '.join(failed)}")
        return 1
    _say("every step succeeded")
    return 0
