"""Search A/B on one database: another version of ``storage/search.py`` (``--old``, e.g. main's,
``git show main:storage/search.py > /tmp/old_search.py``) against this checkout's, query by
query in turns so both see the same load, on the queries of ``bench_search.py``. Prints wall
median / p95 and this process's CPU per group, and whether both gave the same page (ids,
order), total, exactness and ranking for every query.

    .venv/bin/python bench/bench_search_ab.py --database URL --old /tmp/old_search.py

URL: a database built with ``bench_search.py --keep`` (SQLite file or PostgreSQL).
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import statistics
import sys
import time
from pathlib import Path
from types import ModuleType
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from sqlalchemy import text  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

import storage.search as new  # noqa: E402
from bench.bench_search import COMMON_WORDS, PHRASES, Corpus  # noqa: E402
from storage.db import get_engine  # noqa: E402


def load_old(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("old_search", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["old_search"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def groups(largest: str, median: str) -> dict[str, list[dict[str, Any]]]:
    rare = Corpus().rare_words()
    return {
        "common word": [{"text": w} for w in COMMON_WORDS],
        "rare word": [{"text": w} for w in rare[:5]],
        "two-word phrase": [{"text": p} for p in PHRASES],
        "two words": [
            {"text": f"{w} {p.strip(chr(34))}"} for w, p in zip(COMMON_WORDS, PHRASES, strict=False)
        ],
        "word only in document text": [{"text": "zebracrossing"}],
        "word + council": [
            {"text": w, "council": c} for w in ("services", rare[0]) for c in (largest, median)
        ],
        "word + nation + flagged": [
            {"text": w, "nation": "Scotland", "flag": "flagged"} for w in ("contract", "care")
        ],
        "nation + flagged, no words": [
            {"nation": n, "flag": "flagged"} for n in ("Scotland", "Wales")
        ],
        "filters only": [
            {"council": largest, "flag": "flagged"},
            {"council": median, "value_min": 1_000_000},
            {"cpv": "92000000"},
            {},
        ],
    }


def figure(walls: list[float], cpus: list[float]) -> str:
    ordered = sorted(walls)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    cpu = statistics.median(cpus)
    return f"{statistics.median(ordered):7.1f} / {p95:7.1f} ms (cpu {cpu:6.1f})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database", required=True)
    parser.add_argument("--old", type=Path, required=True, help="the other storage/search.py")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--group", action="append", help="only these groups")
    args = parser.parse_args()
    old = load_old(args.old)
    same = True
    with Session(get_engine(args.database)) as session:
        counts = session.execute(
            text("SELECT council_code, count(*) AS n FROM records GROUP BY 1 ORDER BY n DESC")
        ).all()
        largest, median = counts[0][0], counts[len(counts) // 2][0]

        def run(module: ModuleType, fields: dict[str, Any]) -> tuple[float, float, Any]:
            query = module.SearchQuery(**fields)
            start, cpu = time.perf_counter(), time.process_time()
            page = module.search_page(session, query, 25, 0)
            session.expunge_all()
            wall, cpu = (time.perf_counter() - start) * 1000, (time.process_time() - cpu) * 1000
            ids = [state.record.id for state in page.states]
            return wall, cpu, (ids, page.total, page.exact, page.ranked)

        for label, queries in groups(largest, median).items():
            if args.group and label not in args.group:
                continue
            walls: dict[str, list[float]] = {"old": [], "new": []}
            cpus: dict[str, list[float]] = {"old": [], "new": []}
            for fields in queries:
                if run(old, fields)[2] != run(new, fields)[2]:
                    same = False
                    print(f"  DIFFERENT RESULTS: {fields}")
                for _ in range(args.repeats):
                    for name, module in (("old", old), ("new", new)):
                        wall, cpu, _ = run(module, fields)
                        walls[name].append(wall)
                        cpus[name].append(cpu)
            print(
                f"  {label:28s} old {figure(walls['old'], cpus['old'])}   "
                f"new {figure(walls['new'], cpus['new'])}   "
                f"load {os.getloadavg()[0]:.1f}",
                flush=True,
            )
    print("same page, total and ranking for every query:", same)
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
