"""Crawls dispatched to Scrapyd nodes instead of local processes (``OURSAY_SCRAPYD_URLS``).

The worker still claims and closes every run (``oursay.runs``): it writes the row, asks
the least busy node to ``schedule.json`` the spider with ``OURSAY_RUN_ID`` set (the
crawl adopts the row and records its stats, as a local one does), polls
``listjobs.json`` until the job has finished, and cancels it (``cancel.json``) on a
timeout or when the worker stops. Nodes need the same oursay version installed (the
spiders' dependencies, the council registry, the migrations) and ``OURSAY_DATABASE_URL``
in their environment, pointing at the same PostgreSQL database: the database URL, with
its password, is never sent over Scrapyd's API.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy.engine import make_url

from oursay.runs import SPIDERS
from oursay.schedule import Crawl
from oursay.worker import Launcher

log = logging.getLogger("oursay.worker")
URLS_ENV = "OURSAY_SCRAPYD_URLS"
PROJECT_ENV = "OURSAY_SCRAPYD_PROJECT"
POLL_ENV = "OURSAY_SCRAPYD_POLL_SECONDS"
DEFAULT_PROJECT = "oursay"
DEFAULT_POLL = 10.0
HTTP_TIMEOUT = 30
# ``oursay crawl`` options the timetable's extra_args may carry, and the spider
# arguments they are on Scrapyd.
SPIDER_ARGS = {"--base-url": "base_url", "--since": "since", "--until": "until"}


class ScrapydError(Exception):
    pass


def scrapyd_urls() -> list[str]:
    text = os.environ.get(URLS_ENV, "")
    return [url.strip().rstrip("/") for url in text.split(",") if url.strip()]


def check_configuration(database_url: str, urls: Sequence[str]) -> None:
    """Scrapyd nodes on other machines cannot write to this machine's SQLite file."""
    if urls and make_url(database_url).get_backend_name() != "postgresql":
        raise ValueError(
            f"{URLS_ENV} needs OURSAY_DATABASE_URL on PostgreSQL: Scrapyd nodes write "
            "their crawls to the database, and cannot share a SQLite file"
        )
    for url in urls:
        if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
            raise ValueError(f"{URLS_ENV}: {url!r} is not an http:// or https:// URL")


def dispatch_arguments(
    crawl: Crawl, run_id: int, extra_args: Sequence[str]
) -> list[tuple[str, str]]:
    """``oursay crawl`` arguments as Scrapyd's ``schedule.json`` form fields."""
    fields = [("spider", SPIDERS[crawl.source]), ("setting", f"OURSAY_RUN_ID={run_id}")]
    if crawl.council:
        fields.append(("council", crawl.council))
    args = list(extra_args)
    while args:
        name = args.pop(0)
        if not args:
            raise ValueError(f"Scrapyd dispatch: {name} needs a value")
        value = args.pop(0)
        if name == "--set":
            fields.append(("setting", value))
        elif name in SPIDER_ARGS:
            fields.append((SPIDER_ARGS[name], value))
        else:
            raise ValueError(f"Scrapyd dispatch: the crawl option {name} cannot be sent")
    return fields


class ScrapydLauncher(Launcher):
    """Runs the worker's crawls on Scrapyd nodes."""

    def __init__(
        self,
        urls: Sequence[str],
        project: str | None = None,
        poll: float | None = None,
    ) -> None:
        self.urls = list(urls)
        self.project = project or os.environ.get(PROJECT_ENV) or DEFAULT_PROJECT
        self.poll = poll if poll is not None else float(os.environ.get(POLL_ENV) or DEFAULT_POLL)
        self._lock = threading.Lock()
        self._jobs: dict[str, str] = {}  # job id -> node URL, while running
        self._stop = threading.Event()
        self._cancelled = threading.Event()  # set once stop() has cancelled every job

    # --- the Launcher interface -----------------------------------------------------------

    def run(
        self, crawl: Crawl, run_id: int, extra_args: Sequence[str], timeout: float
    ) -> tuple[int | None, float | None]:
        node = self._least_busy()
        fields = [("project", self.project), *dispatch_arguments(crawl, run_id, extra_args)]
        answer = self._call(node, "schedule.json", fields)
        job = str(answer["jobid"])
        log.info("%s: dispatched to Scrapyd %s as job %s", crawl.describe(), node, job)
        with self._lock:
            self._jobs[job] = node
        deadline = time.monotonic() + timeout
        try:
            while True:
                state = self._state(node, job)
                if state == "finished":
                    return 0, None
                if time.monotonic() >= deadline:
                    log.warning("%s: job %s timed out; cancelling", crawl.describe(), job)
                    self._cancel(node, job, wait=30)
                    return None, timeout
                if self._stop.wait(self.poll):
                    # The worker is stopping: stop() cancels the job; once it has ended the
                    # crawl has recorded its end and the worker marks it abandoned.
                    self._cancelled.wait(timeout=120)
                    return None, None
        finally:
            with self._lock:
                self._jobs.pop(job, None)

    def stop(self, grace: float) -> None:
        """Cancel every job still running (SIGTERM, then SIGKILL after ``grace``)."""
        self._stop.set()
        with self._lock:
            jobs = dict(self._jobs)
        for job, node in jobs.items():
            self._cancel(node, job, wait=grace)
        self._cancelled.set()

    # --- Scrapyd's API --------------------------------------------------------------------

    def _least_busy(self) -> str:
        loads = []
        for node in self.urls:
            try:
                status = self._call(node, "daemonstatus.json")
            except ScrapydError as error:
                log.warning("Scrapyd %s: %s", node, error)
                continue
            loads.append((int(status.get("running", 0)) + int(status.get("pending", 0)), node))
        if not loads:
            raise ScrapydError(f"no Scrapyd node answers ({', '.join(self.urls)})")
        return min(loads)[1]

    def _state(self, node: str, job: str) -> str:
        """pending, running or finished (a job Scrapyd has forgotten has finished)."""
        try:
            jobs = self._call(node, "listjobs.json", query={"project": self.project})
        except ScrapydError as error:
            log.warning("Scrapyd %s: %s; asking again", node, error)
            return "running"
        for state in ("pending", "running", "finished"):
            if any(entry.get("id") == job for entry in jobs.get(state, ())):
                return state
        return "finished"

    def _cancel(self, node: str, job: str, wait: float) -> None:
        """SIGTERM (Scrapy's graceful stop, so the run records itself), then SIGKILL."""
        try:
            self._call(node, "cancel.json", [("project", self.project), ("job", job)])
            deadline = time.monotonic() + wait
            while time.monotonic() < deadline:
                if self._state(node, job) == "finished":
                    return
                time.sleep(min(0.5, self.poll))
            self._call(
                node, "cancel.json", [("project", self.project), ("job", job), ("signal", "KILL")]
            )
        except ScrapydError as error:
            log.warning("Scrapyd %s: could not cancel job %s: %s", node, job, error)

    def _call(
        self,
        node: str,
        endpoint: str,
        fields: Sequence[tuple[str, str]] | None = None,
        query: Mapping[str, str] | None = None,
    ) -> dict[str, Any]:
        url = f"{node}/{endpoint}"
        if query:
            url += "?" + urllib.parse.urlencode(query)
        data = urllib.parse.urlencode(fields).encode() if fields is not None else None
        try:
            with urllib.request.urlopen(url, data=data, timeout=HTTP_TIMEOUT) as response:
                answer = json.loads(response.read().decode("utf-8"))
        except (OSError, ValueError) as error:
            raise ScrapydError(f"{endpoint}: {error}") from None
        if answer.get("status") != "ok":
            raise ScrapydError(f"{endpoint}: {answer.get('message', answer)}")
        return answer
