"""How much the ``oursay`` command logs, and in which form.

Quiet by default: warnings and errors only, so a crawl prints its summary lines and not
Scrapy's hundred-odd lines of start-up and stats per council. ``-v`` shows progress detail
(INFO), ``-vv`` everything (DEBUG); ``OURSAY_LOG_LEVEL`` sets the level outright.
``OURSAY_LOG_FORMAT=json`` writes one JSON object per line instead, for a log collector.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from datetime import UTC, datetime
from typing import Any

QUIET_LEVEL = "WARNING"
VERBOSE_LEVELS = ("INFO", "DEBUG")
FORMATS = ("text", "json")
TEXT_FORMAT = "%(asctime)s [%(name)s] %(levelname)s: %(message)s"


def log_level(verbosity: int = 0, default: str = QUIET_LEVEL) -> str:
    """``-v`` counts win over OURSAY_LOG_LEVEL, which wins over the default (quiet)."""
    if verbosity > 0:
        return VERBOSE_LEVELS[min(verbosity, len(VERBOSE_LEVELS)) - 1]
    level = os.environ.get("OURSAY_LOG_LEVEL", "").strip().upper()
    if not level:
        return default
    if level not in logging.getLevelNamesMapping():
        raise ValueError(
            f"OURSAY_LOG_LEVEL must be one of DEBUG, INFO, WARNING, ERROR, not {level!r}"
        )
    return level


def log_format() -> str:
    value = os.environ.get("OURSAY_LOG_FORMAT", "").strip().lower() or "text"
    if value not in FORMATS:
        raise ValueError(f"OURSAY_LOG_FORMAT must be text or json, not {value!r}")
    return value


class JsonLines(logging.Formatter):
    """One JSON object per record: time, level, logger, message (and the traceback)."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def formatter() -> logging.Formatter:
    return JsonLines() if log_format() == "json" else logging.Formatter(TEXT_FORMAT)


class StandardError(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever ``sys.stderr`` is when a line is logged (a test may swap it)."""

    def __init__(self) -> None:
        super().__init__(sys.stderr)

    @property  # type: ignore[override]
    def stream(self) -> Any:
        return sys.stderr

    @stream.setter
    def stream(self, _value: Any) -> None:
        pass


def setup_logging(
    verbosity: int = 0, default: str = QUIET_LEVEL, *, level: str | None = None
) -> str:
    """Log to standard error in our level (``level``, else from ``verbosity``) and
    format; returns the level name. Other handlers (a test runner's) are left alone."""
    level = level or log_level(verbosity, default)
    remove_our_handlers()
    handler = StandardError()
    handler.setFormatter(formatter())
    # On the handler too: Scrapy gives its loggers a level of their own (DEBUG), which
    # the root logger's level does not filter.
    handler.setLevel(level)
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(level)
    # Alembic says "Context impl SQLiteImpl" at INFO on every start of a service that checks
    # its schema; that is detail (-vv), not what a running service is doing.
    logging.getLogger("alembic").setLevel("DEBUG" if level == "DEBUG" else "WARNING")
    return level


def remove_our_handlers() -> None:
    root = logging.getLogger()
    for handler in list(root.handlers):
        if isinstance(handler, StandardError):
            root.removeHandler(handler)


def uvicorn_log_config(level: str) -> dict[str, Any]:
    """uvicorn's logging in our level and format (its own config is text only)."""
    json_lines = log_format() == "json"
    style = {"()": f"{__name__}.JsonLines"} if json_lines else {"format": TEXT_FORMAT}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"oursay": style},
        "handlers": {
            "stderr": {"class": "logging.StreamHandler", "formatter": "oursay"},
        },
        "loggers": {
            name: {"handlers": ["stderr"], "level": level, "propagate": False}
            for name in ("uvicorn", "uvicorn.error", "uvicorn.access")
        },
    }
