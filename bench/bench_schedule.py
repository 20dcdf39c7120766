"""The timetable's next runs: the lazy merge against computing every job's runs first.

Usage: ``python bench/bench_schedule.py [--repeat N] [--count N]``

The default timetable (``oursay/schedule.toml``: two procurement jobs and one job per
council host, ~330) is loaded once; then the next ``--count`` runs (100 by default) of the
whole timetable are computed two ways, from the same ``now``:

* baseline: each job's next ``count`` fire times, then sorted together (what
  ``oursay schedule`` did at first);
* ``Timetable.next_runs``: a lazy merge that asks each job only for as many fire times as
  it takes.

Each timing is the CPU time of this process, best of ``--repeat`` runs; the ratio is how
many times faster the merge is. Both must give the same runs (checked, not timed).
Nothing is asserted: it prints figures and the machine.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from oursay.schedule import LONDON, Job, Timetable, load_timetable  # noqa: E402

NOW = datetime(2026, 3, 28, 23, 0, tzinfo=LONDON)  # the night the clocks go forward


def baseline(timetable: Timetable, count: int) -> list[tuple[datetime, Job]]:
    every = [(at, n) for n, job in enumerate(timetable.jobs) for at in job.next_runs(NOW, count)]
    return [(at, timetable.jobs[n]) for at, n in sorted(every)[:count]]


def best_cpu(work: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.process_time()
        work()
        times.append(time.process_time() - started)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--count", type=int, default=100)
    args = parser.parse_args()
    timetable = load_timetable()
    lazy = timetable.next_runs(NOW, args.count)
    eager = baseline(timetable, args.count)
    assert [(at, job.id) for at, job in lazy] == [(at, job.id) for at, job in eager]
    eager_s = best_cpu(lambda: baseline(timetable, args.count), args.repeat)
    lazy_s = best_cpu(lambda: timetable.next_runs(NOW, args.count), args.repeat)
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}"
    )
    print(
        f"timetable: {len(timetable.jobs)} jobs; "
        f"next {args.count} runs from {NOW:%Y-%m-%d %H:%M %Z}"
    )
    print(f"baseline (every job's runs, sorted): {eager_s:.3f} s CPU")
    print(f"lazy merge (Timetable.next_runs):    {lazy_s:.3f} s CPU")
    print(f"ratio: {eager_s / lazy_s:.0f}x faster")
    return 0


if __name__ == "__main__":
    sys.exit(main())
