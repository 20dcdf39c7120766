"""At most one active scheduler per database.

PostgreSQL: a session advisory lock held on a connection the worker keeps open; it goes
when the worker's connection does (a crash, a lost host), so a standby worker takes over.
SQLite: an exclusive ``flock`` on a file beside the database (SQLite serves one machine,
so the lock only needs to hold between processes on it).
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import threading
from pathlib import Path
from typing import IO

from sqlalchemy import Connection, Engine, text
from sqlalchemy.engine import make_url

# pg_try_advisory_lock's key: any fixed 64-bit number no other program on the database uses.
ADVISORY_LOCK_KEY = 0x6F75727361790001  # "oursay" 0001
DEFAULT_STANDBY_RETRY = 15.0
STANDBY_RETRY_ENV = "OURSAY_STANDBY_RETRY_SECONDS"


def standby_retry_seconds() -> float:
    text_value = os.environ.get(STANDBY_RETRY_ENV, "").strip()
    if not text_value:
        return DEFAULT_STANDBY_RETRY
    try:
        seconds = float(text_value)
    except ValueError:
        seconds = -1
    if not 0 < seconds <= 3600:
        raise ValueError(
            f"{STANDBY_RETRY_ENV} must be seconds between 0 and 3600, not {text_value!r}"
        )
    return seconds


class SchedulerLock:
    def __init__(self, url: str) -> None:
        self.url = url
        self.backend = make_url(url).get_backend_name()
        self.why = ""
        self._engine: Engine | None = None
        self._connection: Connection | None = None
        self._file: IO[bytes] | None = None

    def describe(self) -> str:
        if self.backend == "postgresql":
            return f"PostgreSQL advisory lock {ADVISORY_LOCK_KEY:#x}"
        return f"lock file {self._lock_path()}"

    def acquire(self, stop: threading.Event, retry: float, log: logging.Logger) -> bool:
        """Wait until this process holds the lock (True) or ``stop`` is set (False)."""
        said = False
        while not stop.is_set():
            try:
                if self._try():
                    return True
                message = "another worker holds the scheduler lock"
            except Exception as error:  # the database is down: wait for it, like a standby
                self.release()
                message = f"cannot take the scheduler lock: {str(error).splitlines()[0]}"
            if not said:
                log.warning(
                    "standby: %s (%s); trying again every %g s", message, self.describe(), retry
                )
                said = True
            stop.wait(retry)
        return False

    def _try(self) -> bool:
        if self.backend == "postgresql":
            from storage.db import make_engine

            if self._connection is None:
                self._engine = make_engine(self.url)
                self._connection = self._engine.connect()
            got = self._connection.execute(
                text("select pg_try_advisory_lock(:key)"), {"key": ADVISORY_LOCK_KEY}
            ).scalar()
            self._connection.commit()  # the lock is the session's; no transaction left open
            return bool(got)
        if self._file is None:
            path = self._lock_path()
            path.parent.mkdir(parents=True, exist_ok=True)
            self._file = open(path, "ab")  # noqa: SIM115 (held open as long as the lock)
        try:
            fcntl.flock(self._file.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def holds(self) -> bool:
        """Still holding it: on PostgreSQL, the connection holding it is still alive."""
        if self.backend != "postgresql":
            return self._file is not None
        try:
            assert self._connection is not None
            held = self._connection.execute(
                text(
                    "select count(*) from pg_locks where locktype = 'advisory' "
                    "and pid = pg_backend_pid() and granted"
                )
            ).scalar()
            self._connection.commit()
        except Exception as error:
            self.why = str(error).splitlines()[0]
            self.release()
            return False
        if not held:
            self.why = "the lock is gone"
            self.release()
        return bool(held)

    def release(self) -> None:
        if self._connection is not None:
            try:
                self._connection.execute(
                    text("select pg_advisory_unlock(:key)"), {"key": ADVISORY_LOCK_KEY}
                )
                self._connection.commit()
            except Exception:
                pass  # closing the connection releases it anyway
            with contextlib.suppress(Exception):
                self._connection.close()
            self._connection = None
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None
        if self._file is not None:
            self._file.close()  # closing the file releases the flock
            self._file = None

    def _lock_path(self) -> Path:
        database = make_url(self.url).database or "oursay.db"
        if database == ":memory:":
            database = "oursay-memory.db"
        return Path(f"{database}.worker-lock")
