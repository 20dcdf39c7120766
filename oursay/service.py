"""``oursay serve``: the web app and the scheduler in one process.

The scheduler (APScheduler 3.x, one BackgroundScheduler, Europe/London) runs the whole
cycle as a child process, ``python -m oursay run``, every ``OURSAY_CYCLE_HOURS`` hours:
a Twisted reactor cannot restart, so no crawl may run inside this long-lived process,
and a child with a timeout cannot wedge the web app.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.interval import IntervalTrigger

from oursay.cycle import kill_group, run_step

LONDON = ZoneInfo("Europe/London")
JOB_ID = "cycle"
DEFAULT_CYCLE_HOURS = 6.0
# A run that could not start on time (the machine slept, the process was busy) still
# runs if it is at most this late; later than that, wait for the next one.
MISFIRE_GRACE_SECONDS = 30 * 60
# The first cycle starts shortly after the service does, so a fresh deployment has data
# without waiting a whole interval.
FIRST_RUN_DELAY = timedelta(minutes=1)


def cycle_hours() -> float:
    text = os.environ.get("OURSAY_CYCLE_HOURS", "").strip()
    if not text:
        return DEFAULT_CYCLE_HOURS
    try:
        hours = float(text)
    except ValueError:
        raise ValueError(f"OURSAY_CYCLE_HOURS must be a number of hours, not {text!r}") from None
    if not 0 < hours <= 24 * 7:
        raise ValueError(f"OURSAY_CYCLE_HOURS must be between 0 and 168, not {text!r}")
    return hours


_running: list[subprocess.Popen[bytes]] = []


def run_cycle_process(timeout: float) -> int:
    """One cycle in a child process; the timeout keeps cycles from piling up."""
    try:
        return run_step([sys.executable, "-m", "oursay", "run"], timeout, _running.append)
    finally:
        _running.clear()


def stop_running_cycle() -> None:
    """At shutdown: a cycle must not outlive the service that started it."""
    for process in list(_running):
        if process.poll() is None:
            kill_group(process)


def make_scheduler(
    hours: float | None = None, first_run: datetime | None = None
) -> BackgroundScheduler:
    hours = hours if hours is not None else cycle_hours()
    scheduler = BackgroundScheduler(timezone=LONDON)
    scheduler.add_job(
        run_cycle_process,
        trigger=IntervalTrigger(hours=hours, timezone=LONDON),
        args=[hours * 3600],
        id=JOB_ID,
        name="crawl, monitor, feeds",
        replace_existing=True,
        max_instances=1,  # never two cycles at once
        coalesce=True,  # missed runs collapse into one
        misfire_grace_time=MISFIRE_GRACE_SECONDS,
        next_run_time=first_run or datetime.now(LONDON) + FIRST_RUN_DELAY,
    )
    return scheduler


def serve(host: str, port: int, scheduler: bool) -> int:
    import logging

    import uvicorn

    from oursay.logs import uvicorn_log_config
    from oursay.web import create_app

    app = create_app()
    background = make_scheduler() if scheduler else None
    if background is not None:
        background.start()
    try:
        # proxy_headers: behind a reverse proxy on this host, https from X-Forwarded-Proto
        # makes the session cookie Secure (see OURSAY_COOKIE_SECURE).
        # Logged in the command's level and format (oursay.logs; -v, OURSAY_LOG_FORMAT).
        level = logging.getLevelName(logging.getLogger().getEffectiveLevel())
        uvicorn.run(
            app, host=host, port=port, proxy_headers=True, log_config=uvicorn_log_config(level)
        )
    finally:
        if background is not None:
            background.shutdown(wait=False)
            stop_running_cycle()
    return 0
