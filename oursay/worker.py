"""``oursay worker``: the scheduler and nothing else (``oursay serve`` runs it beside the web app).

APScheduler 3.x (BackgroundScheduler, Europe/London) fires the timetable's jobs
(``oursay.schedule``). Each crawl runs in its own process group with a timeout
(``oursay.cycle.run_step``), or on a Scrapyd node (``oursay.scrapyd``), and is recorded
and judged as a crawl run (``oursay.runs``). After each crawl job the monitor runs, then
the feeds. At most one worker schedules per database (``oursay.leader``); SIGTERM or
SIGINT stops the children with a grace period, records their runs, and exits 0.
"""

from __future__ import annotations

import logging
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager, nullcontext
from datetime import datetime
from types import FrameType
from typing import Any

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers.background import BackgroundScheduler
from sqlalchemy.engine import make_url

from oursay.cycle import kill_group, run_step
from oursay.leader import SchedulerLock, standby_retry_seconds
from oursay.runs import Judgement, claim_run, close_run, errors, items, pages
from oursay.schedule import LONDON, Crawl, Job, Timetable, describe
from storage.db import database_url, session_factory

log = logging.getLogger("oursay.worker")
WHO = "oursay worker"


class Launcher:
    """Runs one crawl whose row is ``run_id``; returns (exit status, timed out after)."""

    def run(
        self, crawl: Crawl, run_id: int, extra_args: Sequence[str], timeout: float
    ) -> tuple[int | None, float | None]:
        raise NotImplementedError

    def stop(self, grace: float) -> None:
        """Stop every crawl still running (the worker is shutting down)."""


class LocalLauncher(Launcher):
    """Each crawl an ``oursay crawl`` child in its own process group, as Scrapyd does:
    a Twisted reactor cannot restart, and a wedged crawl is killed with its children."""

    def __init__(self, grace: float) -> None:
        self.grace = grace  # after SIGTERM, before SIGKILL (timeouts.stop_grace_seconds)
        self._lock = threading.Lock()
        self._children: list[subprocess.Popen[bytes]] = []
        self._stopping: float | None = None  # the grace, once stopping

    def track(self, process: subprocess.Popen[bytes]) -> None:
        with self._lock:
            self._children.append(process)
            stopping = self._stopping
        if stopping is not None:  # started just as the worker stopped: stop it too
            kill_group(process, stopping)

    def untrack(self, process_list: Sequence[subprocess.Popen[bytes]]) -> None:
        with self._lock:
            for process in process_list:
                if process in self._children:
                    self._children.remove(process)

    def run_command(self, args: Sequence[str], timeout: float) -> tuple[int, float | None]:
        started: list[subprocess.Popen[bytes]] = []

        def on_start(process: subprocess.Popen[bytes]) -> None:
            started.append(process)
            self.track(process)

        try:
            status = run_step(args, timeout, on_start, who=WHO, grace=self.grace)
        finally:
            self.untrack(started)
        return (status, timeout) if status == -1 else (status, None)

    def run(
        self, crawl: Crawl, run_id: int, extra_args: Sequence[str], timeout: float
    ) -> tuple[int | None, float | None]:
        args = [sys.executable, "-m", "oursay", "crawl", crawl.source]
        if crawl.council:
            args += ["--council", crawl.council]
        args += ["--set", f"OURSAY_RUN_ID={run_id}", *extra_args]
        return self.run_command(args, timeout)

    def stop(self, grace: float) -> None:
        with self._lock:
            self._stopping = grace
            children = list(self._children)
        # In parallel: the grace is for each child, not added up over them.
        threads = [
            threading.Thread(target=kill_group, args=(child, grace), daemon=True)
            for child in children
            if child.poll() is None
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()


class Worker:
    """The jobs the scheduler runs, and what they share: the launcher, the follow-ups."""

    def __init__(self, timetable: Timetable, launcher: Launcher | None = None) -> None:
        self.timetable = timetable
        timeouts = timetable.settings["timeouts"]
        self.crawl_timeout = float(timeouts["crawl_minutes"]) * 60
        self.grace = float(timeouts["stop_grace_seconds"])
        self.launcher = launcher or LocalLauncher(self.grace)
        self.local = LocalLauncher(self.grace)  # monitor and feeds always run here
        self.judgement = Judgement.from_settings(timetable.settings["judge"])
        self.stopped: str | None = None  # why, once the worker is stopping
        self._idle = threading.Condition()
        self._active = 0
        # SQLite has one writer, and refuses at once ("database is locked", no busy wait)
        # a transaction that read and then wants to write while another process writes,
        # as the monitor does beside a crawl: there, one step (crawl, monitor, feeds) at a
        # time. PostgreSQL takes them in parallel.
        sqlite = make_url(database_url()).get_backend_name() == "sqlite"
        self.gate: AbstractContextManager[Any] = threading.Lock() if sqlite else nullcontext()
        self._followups = FollowUps(
            self._followup_steps(), lambda: self.stopped is not None, self.local, self.gate
        )

    def _followup_steps(self) -> list[tuple[str, list[str], float]]:
        after = self.timetable.settings["after-crawl"]
        timeouts = self.timetable.settings["timeouts"]
        steps = []
        if after["monitor"]:
            steps.append(
                ("monitor", oursay_args("monitor"), float(timeouts["monitor_minutes"]) * 60)
            )
        if after["feeds"]:
            steps.append(
                (
                    "feeds",
                    oursay_args("feeds", "--out", str(after["feeds_dir"])),
                    float(timeouts["feeds_minutes"]) * 60,
                )
            )
        return steps

    def run_job(self, job_id: str) -> None:
        """One timetable job: its crawls one after another (one host at a time), then the
        monitor and feeds."""
        job = self.timetable.job(job_id)
        with self._idle:
            self._active += 1
        try:
            ran = 0
            for crawl in job.crawls:
                if self.stopped:
                    break
                ran += self.run_crawl(job, crawl)
            if ran and not self.stopped:
                self._followups.request()
        except Exception:
            log.exception("job %s failed", job_id)
        finally:
            with self._idle:
                self._active -= 1
                self._idle.notify_all()

    def run_crawl(self, job: Job, crawl: Crawl) -> int:
        """Claim, launch, close and judge one crawl; returns 1 if it ran."""
        with self.gate:
            return 0 if self.stopped else self._run_crawl(job, crawl)

    def _run_crawl(self, job: Job, crawl: Crawl) -> int:
        sessions = session_factory()
        with sessions() as session:
            run, blocker = claim_run(session, crawl.source, crawl.council)
            if run is None:
                assert blocker is not None
                log.warning(
                    "%s: skipped, run %s of it is still running (pid %s on %s since %s)",
                    crawl.describe(),
                    blocker.id,
                    blocker.pid,
                    blocker.hostname,
                    f"{blocker.started_at:%Y-%m-%d %H:%M} UTC",
                )
                return 0
            run_id = run.id
        started = time.monotonic()
        exit_status: int | None = None
        timed_out: float | None = None
        try:
            if not self.stopped:
                exit_status, timed_out = self.launcher.run(
                    crawl, run_id, job.extra_args, self.crawl_timeout
                )
        finally:
            with sessions() as session:
                run = close_run(
                    session,
                    run_id,
                    exit_status=exit_status,
                    timed_out=timed_out,
                    stopped=self.stopped,
                    judgement=self.judgement,
                )
                stats = run.stats or {}
                why = f" ({run.error})" if run.error else ""
                log.info(
                    "%s: %s%s; pages %d, items %d, errors %d, %.1f s (run %d)",
                    crawl.describe(),
                    run.status,
                    why,
                    pages(stats),
                    items(stats),
                    errors(stats),
                    time.monotonic() - started,
                    run_id,
                )
        return 1

    def stop(self, why: str, wait: float | None = None) -> None:
        """Stop the children (grace, then SIGKILL) and wait for their runs to be recorded."""
        self.stopped = why
        self.launcher.stop(self.grace)
        self.local.stop(self.grace)
        deadline = time.monotonic() + (wait if wait is not None else self.grace + 60)
        with self._idle:
            while self._active and time.monotonic() < deadline:
                self._idle.wait(timeout=0.2)


class FollowUps:
    """The monitor then the feeds after crawls: one at a time; crawls that end while they
    run are picked up by one more round, not one round each."""

    def __init__(
        self,
        steps: list[tuple[str, list[str], float]],
        stopping: Callable[[], bool],
        local: LocalLauncher,
        gate: AbstractContextManager[Any],
    ) -> None:
        self.steps = steps
        self.stopping = stopping
        self.local = local
        self.gate = gate
        self._lock = threading.Lock()
        self._wanted = False
        self._running = False

    def request(self) -> None:
        with self._lock:
            self._wanted = True
            if self._running:
                return  # the thread running them will go round again
            self._running = True
        try:
            while True:
                with self._lock:
                    if not self._wanted or self.stopping():
                        self._running = False
                        return
                    self._wanted = False
                for name, args, timeout in self.steps:
                    with self.gate:
                        if self.stopping():
                            break
                        status, timed_out = self.local.run_command(args, timeout)
                    if status != 0:
                        log.warning(
                            "%s: %s", name, "timed out" if timed_out else f"exit status {status}"
                        )
        except BaseException:
            with self._lock:
                self._running = False
            raise


def oursay_args(*args: str) -> list[str]:
    return [sys.executable, "-m", "oursay", *args]


def make_scheduler(
    timetable: Timetable, worker: Worker, run_now: Sequence[str] = ()
) -> BackgroundScheduler:
    settings = timetable.settings["worker"]
    scheduler = BackgroundScheduler(
        timezone=LONDON,
        executors={"default": ThreadPoolExecutor(max(1, int(settings["max_parallel_crawls"])))},
        job_defaults={
            "max_instances": 1,  # a job never overlaps itself (runs.claim_run: nor a crawl)
            "coalesce": True,  # runs missed while the machine slept collapse into one
            "misfire_grace_time": int(float(settings["misfire_grace_minutes"]) * 60),
        },
    )
    for name in run_now:
        timetable.job(name)  # an unknown name: one clear line, before anything starts
    for job in timetable.jobs:
        extra = {"next_run_time": datetime.now(LONDON)} if job.id in run_now else {}
        scheduler.add_job(
            worker.run_job,
            trigger=job.trigger,
            args=[job.id],
            id=job.id,
            name=job.label,
            replace_existing=True,
            **extra,
        )
    return scheduler


def log_start(timetable: Timetable, now: datetime | None = None) -> None:
    for line in describe(timetable, now or datetime.now(LONDON)):
        log.info("%s", line)


def configure_logging() -> None:
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s: %(message)s"
    )
    # APScheduler says "Added job" for each of ~330 jobs and "Running job" for each run;
    # the worker's own lines say what matters.
    logging.getLogger("apscheduler").setLevel(logging.WARNING)


def make_launcher() -> Launcher | None:
    """Scrapyd nodes when ``OURSAY_SCRAPYD_URLS`` names some; else None (local processes)."""
    from oursay.scrapyd import ScrapydLauncher, check_configuration, scrapyd_urls

    urls = scrapyd_urls()
    check_configuration(database_url(), urls)
    return ScrapydLauncher(urls) if urls else None


def run_worker(
    timetable: Timetable,
    stop: threading.Event,
    *,
    run_now: Sequence[str] = (),
    launcher: Launcher | None = None,
    why_stopped: Callable[[], str] = lambda: "stop requested",
) -> int:
    """Log the timetable, wait to be the active scheduler, schedule until ``stop``."""
    log_start(timetable)
    worker = Worker(timetable, launcher)
    urls = getattr(launcher, "urls", None)
    log.info(
        "crawls run %s",
        f"on Scrapyd: {', '.join(urls)}" if urls else "here, each in its own process",
    )
    lock = SchedulerLock(database_url())
    retry = standby_retry_seconds()
    try:
        while not stop.is_set():
            if not lock.acquire(stop, retry, log):
                break
            scheduler = make_scheduler(timetable, worker, run_now)
            scheduler.start()
            log.info("active: scheduling %d jobs (%s)", len(timetable.jobs), lock.describe())
            run_now = ()  # once, not again after a lost lock
            while not stop.wait(retry):
                if not lock.holds():
                    log.error("lost the scheduler lock (%s); going back to standby", lock.why)
                    break
            scheduler.shutdown(wait=False)
            if stop.is_set():
                why = why_stopped()
                log.info("stopping (%s): stopping running jobs and recording them", why)
                worker.stop(why)
    finally:
        lock.release()
    log.info("stopped")
    return 0


def check_worker_settings() -> None:
    """The timetable file and the Scrapyd nodes: a bad one is named before the database is
    opened (ValueError, one line)."""
    from oursay.schedule import load_timetable
    from oursay.scrapyd import check_configuration, scrapyd_urls

    load_timetable()
    check_configuration(database_url(), scrapyd_urls())


def worker_main(run_now: Sequence[str] = ()) -> int:
    """``oursay worker``: signals stop it cleanly, with exit status 0."""
    from oursay.schedule import load_timetable
    from storage.migrate import upgrade

    configure_logging()
    timetable = load_timetable()
    launcher = make_launcher()
    upgrade()
    stop, received = stop_on_signals()
    return run_worker(timetable, stop, run_now=run_now, launcher=launcher, why_stopped=received)


def stop_on_signals() -> tuple[threading.Event, Callable[[], str]]:
    """An event set by SIGTERM or SIGINT, and which signal it was."""
    stop = threading.Event()
    names: list[str] = []

    def handle(signum: int, _frame: FrameType | None) -> None:
        names.append(signal.Signals(signum).name)
        stop.set()

    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, handle)
    return stop, lambda: names[0] if names else "stop requested"
