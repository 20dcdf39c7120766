"""The worker's timetable: which crawls run when, from a TOML file with shipped defaults.

``oursay/schedule.toml`` is the default (``OURSAY_SCHEDULE_FILE`` names another). Every
job's times come from an APScheduler 3.x cron trigger in Europe/London, so a restart
neither shifts the timetable nor adds a run, and the next runs can be computed for any
``now`` without a running scheduler (``oursay schedule --at``, the tests).
"""

from __future__ import annotations

import heapq
import itertools
import os
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from apscheduler.triggers.cron import CronTrigger

LONDON = ZoneInfo("Europe/London")
DEFAULT_FILE = Path(__file__).resolve().parent / "schedule.toml"
SCHEDULE_FILE_ENV = "OURSAY_SCHEDULE_FILE"
# Cron triggers fire on whole minutes: a second past a fire time asks for the one after it.
_TICK = timedelta(seconds=1)
PROCUREMENT_SOURCES = ("find-a-tender", "contracts-finder")
PAPER_SOURCES = ("moderngov", "cmis")
# Where the procurement spiders go unless extra_args give --base-url (crawlers/spiders).
PROCUREMENT_HOSTS = {
    "find-a-tender": "www.find-tender.service.gov.uk",
    "contracts-finder": "www.contractsfinder.service.gov.uk",
}

# Each section's keys and their types; anything else in the file is a mistake worth naming.
SECTIONS: dict[str, dict[str, type | tuple[type, ...]]] = {
    "find-a-tender": {
        "every_hours": int,
        "first_hour": int,
        "at_minute": int,
        "extra_args": list,
        "enabled": bool,
    },
    "contracts-finder": {
        "every_hours": int,
        "first_hour": int,
        "at_minute": int,
        "extra_args": list,
        "enabled": bool,
    },
    "council-papers": {
        "sources": list,
        "councils": list,
        "first_start": str,
        "spread_hours": (int, float),
        "extra_args": list,
        "enabled": bool,
    },
    "after-crawl": {"monitor": bool, "feeds": bool, "feeds_dir": str},
    "timeouts": {
        "crawl_minutes": (int, float),
        "monitor_minutes": (int, float),
        "feeds_minutes": (int, float),
        "stop_grace_seconds": (int, float),
    },
    "judge": {"history_runs": int, "min_history_runs": int, "min_share": (int, float)},
    "worker": {"max_parallel_crawls": int, "misfire_grace_minutes": (int, float)},
}


@dataclass(frozen=True)
class Crawl:
    """One ``oursay crawl`` of one source, for one council or (council None) all of it."""

    source: str
    council: str | None = None

    def describe(self) -> str:
        return f"{self.source} {self.council}" if self.council else self.source


@dataclass(frozen=True)
class Job:
    id: str
    label: str
    when: str  # the trigger in words
    trigger: CronTrigger
    crawls: tuple[Crawl, ...]
    hosts: tuple[str, ...]
    extra_args: tuple[str, ...] = ()

    def runs_from(self, now: datetime) -> Iterator[datetime]:
        """Every fire time at or after ``now``, in order (the trigger's own rules: DST)."""
        previous: datetime | None = None
        moment = now
        while (fire := self.trigger.get_next_fire_time(previous, moment)) is not None:
            yield fire
            previous, moment = fire, fire + _TICK

    def next_runs(self, now: datetime, count: int) -> list[datetime]:
        return list(itertools.islice(self.runs_from(now), count))


@dataclass(frozen=True)
class Timetable:
    path: Path
    jobs: list[Job]
    settings: dict[str, dict[str, Any]] = field(default_factory=dict)

    def get(self, section: str, key: str) -> Any:
        return self.settings[section][key]

    def job(self, job_id: str) -> Job:
        for job in self.jobs:
            if job.id == job_id:
                return job
        raise ValueError(f"no job {job_id!r} in the timetable ({self.path}); see oursay schedule")

    def next_runs(self, now: datetime, count: int) -> list[tuple[datetime, Job]]:
        """The next ``count`` runs of any job after ``now``, earliest first."""
        # Lazily: each job computes only as many fire times as the merge takes from it.
        merged = heapq.merge(*(_numbered(job.runs_from(now), n) for n, job in enumerate(self.jobs)))
        return [(at, self.jobs[index]) for at, index in itertools.islice(merged, count)]


def _numbered(runs: Iterator[datetime], index: int) -> Iterator[tuple[datetime, int]]:
    for at in runs:
        yield at, index


def schedule_file() -> Path:
    return Path(os.environ.get(SCHEDULE_FILE_ENV) or DEFAULT_FILE)


def load_timetable(path: Path | None = None) -> Timetable:
    """Read and check the file (defaults for what it leaves out), then build every job."""
    path = path or schedule_file()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ValueError(
            f"schedule file {path} does not exist (check {SCHEDULE_FILE_ENV})"
        ) from None
    try:
        given = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ValueError(f"schedule file {path}: {error}") from None
    defaults = tomllib.loads(DEFAULT_FILE.read_text(encoding="utf-8"))
    settings = _checked(path, given, defaults)
    return Timetable(path=path, jobs=_jobs(path, settings), settings=settings)


def _checked(
    path: Path, given: Mapping[str, Any], defaults: Mapping[str, Any]
) -> dict[str, dict[str, Any]]:
    unknown = sorted(set(given) - set(SECTIONS))
    if unknown:
        raise ValueError(
            f"schedule file {path}: unknown section [{unknown[0]}]; known: {', '.join(SECTIONS)}"
        )
    settings: dict[str, dict[str, Any]] = {}
    for section, keys in SECTIONS.items():
        values = {"enabled": True} if "enabled" in keys else {}
        values.update(defaults.get(section, {}))
        for key, value in dict(given.get(section, {})).items():
            expected = keys.get(key)
            if expected is None:
                raise ValueError(f"schedule file {path}: [{section}] has no key {key!r}")
            wrong_type = not isinstance(value, expected)
            if wrong_type or (isinstance(value, bool) and expected is not bool):
                raise ValueError(f"schedule file {path}: [{section}] {key} = {value!r} is invalid")
            values[key] = value
        settings[section] = values
    return settings


def _jobs(path: Path, settings: dict[str, dict[str, Any]]) -> list[Job]:
    jobs = [
        _procurement_job(path, source, settings[source])
        for source in PROCUREMENT_SOURCES
        if settings[source]["enabled"]
    ]
    papers = settings["council-papers"]
    if papers["enabled"]:
        jobs.extend(_paper_jobs(path, papers))
    return jobs


def _procurement_job(path: Path, source: str, values: Mapping[str, Any]) -> Job:
    every, first, minute = values["every_hours"], values["first_hour"], values["at_minute"]
    if not (1 <= every <= 24 and 0 <= first <= 23 and 0 <= minute <= 59):
        raise ValueError(
            f"schedule file {path}: [{source}] needs every_hours 1-24, first_hour 0-23, "
            "at_minute 0-59"
        )
    hours = list(range(first % every, 24, every))
    return Job(
        id=f"crawl:{source}",
        label=f"crawl {source}",
        when=f"every {every} h at :{minute:02d} ({', '.join(f'{h:02d}' for h in hours)})",
        trigger=CronTrigger(hour=",".join(map(str, hours)), minute=minute, timezone=LONDON),
        crawls=(Crawl(source),),
        hosts=(_base_url_host(values["extra_args"]) or PROCUREMENT_HOSTS[source],),
        extra_args=tuple(str(arg) for arg in values["extra_args"]),
    )


def _base_url_host(args: list[Any]) -> str | None:
    """The host a ``--base-url`` among a job's extra arguments sends it to instead."""
    for name, value in itertools.pairwise(args):
        if name == "--base-url":
            return urlsplit(str(value)).netloc.lower()
    return None


def _paper_jobs(path: Path, values: Mapping[str, Any]) -> list[Job]:
    """One job per council host, the hosts' start times spread evenly over the window."""
    from storage.councils import check_council_codes, load_registry

    sources = [str(source) for source in values["sources"]]
    for source in sources:
        if source not in PAPER_SOURCES:
            raise ValueError(
                f"schedule file {path}: [council-papers] source {source!r} is not one of "
                f"{', '.join(PAPER_SOURCES)}"
            )
    wanted = [str(code).strip().upper() for code in values["councils"]]
    check_council_codes(wanted)
    by_host: dict[str, list[Crawl]] = {}
    # Councils the registry says cannot be crawled today (robots.txt refuses, not yet or no
    # longer in force) get no job; the timetable is read again when the worker restarts.
    today = datetime.now(LONDON).date()
    for council in load_registry():
        if council.platform not in sources or not council.base_url:
            continue
        if not council.crawlability(today)[0]:
            continue
        if wanted and council.code not in wanted:
            continue
        host = urlsplit(council.base_url).netloc.lower()
        by_host.setdefault(host, []).append(Crawl(council.platform, council.code))
    start = _minutes(path, values["first_start"])
    spread = float(values["spread_hours"]) * 60
    if not 0 <= spread <= 24 * 60:
        raise ValueError(f"schedule file {path}: [council-papers] spread_hours must be 0-24")
    hosts = sorted(by_host)
    jobs = []
    for slot, host in enumerate(hosts):
        at = (start + int(slot * spread / len(hosts))) % (24 * 60)
        crawls = tuple(sorted(by_host[host], key=lambda crawl: crawl.council or ""))
        jobs.append(
            Job(
                id=f"papers:{host}",
                label="papers " + ", ".join(crawl.describe() for crawl in crawls),
                when=f"daily at {at // 60:02d}:{at % 60:02d}",
                trigger=CronTrigger(hour=at // 60, minute=at % 60, timezone=LONDON),
                crawls=crawls,
                hosts=(host,),
                extra_args=tuple(str(arg) for arg in values["extra_args"]),
            )
        )
    return jobs


def _minutes(path: Path, text: str) -> int:
    try:
        hours, minutes = (int(part) for part in text.split(":"))
    except ValueError:
        hours = minutes = -1
    if not (0 <= hours <= 23 and 0 <= minutes <= 59):
        raise ValueError(f"schedule file {path}: first_start must be HH:MM, not {text!r}")
    return hours * 60 + minutes


# --- what the worker logs and ``oursay schedule`` prints ------------------------------------


def describe(timetable: Timetable, now: datetime, upcoming: int = 5) -> Iterator[str]:
    """The timetable, the next runs, and which hosts will be contacted when."""
    yield f"timetable from {timetable.path} (times Europe/London)"
    papers = [job for job in timetable.jobs if job.id.startswith("papers:")]
    for job in timetable.jobs:
        if not job.id.startswith("papers:"):
            yield f"  {job.id:<28} {job.when}"
    if papers:
        councils = sum(len(job.crawls) for job in papers)
        first, last = papers[0].when.split()[-1], papers[-1].when.split()[-1]
        yield (
            f"  papers:<host>                daily, {councils} councils on {len(papers)} hosts, "
            f"one host at a time, starts spread from {first} to {last}"
        )
    after = timetable.settings["after-crawl"]
    if after["monitor"]:
        yield "  monitor                      after each crawl job (one at a time)"
    if after["feeds"]:
        yield f"  feeds                        after each monitor run, into {after['feeds_dir']}"
    yield f"next {upcoming} runs after {now:%Y-%m-%d %H:%M %Z}:"
    for at, job in timetable.next_runs(now, upcoming):
        yield f"  {at:%Y-%m-%d %H:%M %Z}  {job.id}  ({job.label})"
    yield "hosts this worker will contact, and when:"
    for job in timetable.jobs:
        if job.id.startswith("papers:"):
            continue
        (next_run,) = job.next_runs(now, 1) or [None]
        when = f"next {next_run:%Y-%m-%d %H:%M}" if next_run else "never"
        yield f"  {', '.join(job.hosts)}: {job.when}, {when}"
    # The council hosts coming up first.
    upcoming_papers = sorted((job.next_runs(now, 1)[0], job.id, job) for job in papers)
    for next_run, _, job in upcoming_papers[:3]:
        yield f"  {', '.join(job.hosts)}: {job.when}, next {next_run:%Y-%m-%d %H:%M}"
    if len(papers) > 3:
        yield f"  … and {len(papers) - 3} more council hosts (oursay schedule --json lists all)"


def timetable_json(timetable: Timetable, now: datetime, upcoming: int = 5) -> dict[str, Any]:
    return {
        "file": str(timetable.path),
        "timezone": "Europe/London",
        "now": now.isoformat(),
        "jobs": [
            {
                "id": job.id,
                "label": job.label,
                "when": job.when,
                "hosts": list(job.hosts),
                "crawls": [{"source": c.source, "council": c.council} for c in job.crawls],
                "next_run": next(iter(job.next_runs(now, 1)), now).isoformat(),
            }
            for job in timetable.jobs
        ],
        "after_crawl": dict(timetable.settings["after-crawl"]),
        "next_runs": [
            {"at": at.isoformat(), "job": job.id} for at, job in timetable.next_runs(now, upcoming)
        ],
    }
