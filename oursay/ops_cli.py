"""What ``oursay schedule``, ``oursay runs`` and ``oursay failures`` print."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from datetime import datetime

from oursay.schedule import LONDON, describe, load_timetable, timetable_json


def parse_at(text: str | None) -> datetime:
    if not text:
        return datetime.now(LONDON)
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(f"--at {text!r} is not an ISO 8601 date and time") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=LONDON)


def print_schedule(at: str | None, count: int, as_json: bool) -> int:
    if count < 1:
        raise ValueError("--count must be at least 1")
    timetable = load_timetable()
    now = parse_at(at)
    if as_json:
        json.dump(timetable_json(timetable, now, count), sys.stdout, indent=1)
        print()
        return 0
    for line in describe(timetable, now, count):
        print(line)
    return 0


def print_runs(
    *,
    councils: Sequence[str],
    sources: Sequence[str],
    failures_only: bool,
    limit: int,
    as_json: bool,
) -> int:
    from oursay.runs import list_runs, text_lines
    from storage.db import session_factory
    from storage.migrate import check_schema

    if limit < 1:
        raise ValueError("--limit must be at least 1")
    check_schema()
    with session_factory()() as session:
        rows = list_runs(
            session,
            councils=councils,
            sources=sources,
            failures_only=failures_only,
            limit=limit,
        )
    if as_json:
        json.dump(rows, sys.stdout, indent=1, ensure_ascii=False)
        print()
        return 0
    if not rows:
        print("no failed crawl runs" if failures_only else "no crawl runs recorded")
        return 0
    for line in text_lines(rows):
        print(line)
    return 0
