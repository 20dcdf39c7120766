"""``oursay serve`` and ``oursay web``: the web app, with (serve) or without (web) the worker.

``oursay serve`` is the single-machine deployment: the web app in the main thread (uvicorn)
and ``oursay worker``'s scheduler in another (``oursay.worker``). SIGTERM or SIGINT stops
uvicorn, then the worker stops its running crawls and records them, and the process exits
0. uvicorn catches the signal while it runs and raises it again once it has stopped, so
the handlers installed here (which only set an event) see it either way.
"""

from __future__ import annotations

import threading

from oursay.worker import configure_logging, make_launcher, run_worker, stop_on_signals

# After uvicorn has stopped, how long the worker gets to stop its children and record
# their runs (their grace is stop_grace_seconds in the timetable) before the process ends.
WORKER_STOP_WAIT = 180


def serve(host: str, port: int, scheduler: bool) -> int:
    import logging

    import uvicorn

    from oursay.logs import uvicorn_log_config
    from oursay.web import create_app

    app = create_app()
    stop, received = stop_on_signals()
    worker: threading.Thread | None = None
    if scheduler:
        from oursay.schedule import load_timetable
        from storage.migrate import upgrade

        configure_logging()
        timetable = load_timetable()
        launcher = make_launcher()
        upgrade()
        worker = threading.Thread(
            target=run_worker,
            args=(timetable, stop),
            kwargs={"why_stopped": received, "launcher": launcher},
            name="oursay-worker",
            daemon=True,
        )
        worker.start()
    try:
        # proxy_headers: behind a reverse proxy on this host, https from X-Forwarded-Proto
        # makes the session cookie Secure (see OURSAY_COOKIE_SECURE).
        # Logged in the command's level and format (oursay.logs; -v, OURSAY_LOG_FORMAT).
        level = logging.getLevelName(logging.getLogger().getEffectiveLevel())
        uvicorn.run(
            app, host=host, port=port, proxy_headers=True, log_config=uvicorn_log_config(level)
        )
    finally:
        stop.set()
        if worker is not None:
            worker.join(timeout=WORKER_STOP_WAIT)
    return 0
