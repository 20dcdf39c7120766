"""``oursay councils``: the registry with each council's crawlability on a given day."""

from __future__ import annotations

import json
import sys
from datetime import date
from typing import Any, TextIO

from storage.councils import CouncilEntry, load_registry


def council_row(entry: CouncilEntry, on: date) -> dict[str, Any]:
    crawlable, reason = entry.crawlability(on)
    return {
        "code": entry.code,
        "gss_code": entry.gss_code,
        "name": entry.name,
        "nice_name": entry.nice_name,
        "nation": entry.nation,
        "type": entry.type,
        "platform": entry.platform,
        "base_url": entry.base_url,
        "verify_tls": entry.verify_tls,
        "browser": entry.browser,
        "robots": entry.robots or "unchecked",
        "start_date": entry.start_date.isoformat() if entry.start_date else None,
        "end_date": entry.end_date.isoformat() if entry.end_date else None,
        "successors": list(entry.successors),
        "current": entry.in_force(on),
        "crawlable": crawlable,
        "reason": reason or None,
    }


def list_councils(
    on: date, *, current_only: bool, as_json: bool, out: TextIO | None = None
) -> int:
    # sys.stdout looked up now, not when the module was imported (a test's capture, a pipe).
    out = out or sys.stdout
    entries = [e for e in load_registry() if e.in_force(on) or not current_only]
    rows = [council_row(entry, on) for entry in entries]
    if as_json:
        json.dump(rows, out, indent=1, ensure_ascii=False)
        print(file=out)
    else:
        for row in rows:
            state = "crawlable" if row["crawlable"] else f"not crawlable: {row['reason']}"
            print(
                f"{row['code']:<4} {row['gss_code'] or '':<10} {row['platform'] or '':<10} "
                f"{row['name']} ({state})",
                file=out,
            )
    current = [row for row in rows if row["current"]]
    crawlable = sum(1 for row in current if row["crawlable"])
    print(
        f"{len(rows)} councils; {len(current)} in force on {on.isoformat()}: "
        f"{crawlable} crawlable, {len(current) - crawlable} not",
        file=sys.stderr,
    )
    return 0
