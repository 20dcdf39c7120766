"""``oursay demo``: the whole cycle offline, on the project's own sample sites.

Local servers on 127.0.0.1 play Find a Tender, Contracts Finder, a ModernGov site and a
CMIS site for two fictional councils (Exampleshire County Council, Sampleton Borough
Council). The real spiders crawl them into a fresh SQLite database, the monitor assesses
what was found, and the feeds are written. Every sample item is made up by the project
and says so; nothing here is a real council's decision.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from pathlib import Path

from crawlers.sim.cmis import CMISSim
from crawlers.sim.moderngov import ModernGovSim
from crawlers.sim.procurement import (
    SAMPLE_COUNCILS_CSV,
    SAMPLE_SINCE,
    SAMPLE_UNTIL,
    serve_cf_sample,
    serve_fts_sample,
)
from crawlers.sim.server import SimServer

# Local servers answer at once; the production politeness delays would only make a
# newcomer wait. Everything else (robots.txt, retries, the pipeline) runs as in production.
FAST_LOCAL = ["--set", "DOWNLOAD_DELAY=0", "--set", "AUTOTHROTTLE_ENABLED=False"]
STEP_TIMEOUT = 300
SAMPLE_SITES_ADDRESS = "127.0.0.1"
# The sample committee papers are dated within 2026.
COMMITTEE_SINCE = "2026-01-01"
# Left in every folder the demo makes: a later demo may replace what it wrote there, and
# nothing else; a folder without it that holds anything is refused.
MARKER = ".oursay-demo"
# What the demo writes in its folder (the database, SQLite's side files, the web app's
# session key, the static site): all a later run removes.
OUTPUTS = ("oursay.db", "oursay.db-wal", "oursay.db-shm", "oursay.db.secret-key", "site")


def prepare_directory(directory: Path) -> None:
    """An empty folder for a fresh demo: a new one, an empty one, or one an earlier demo
    made (only what it wrote is removed). ValueError, one line, for anything else."""
    if directory.exists() and not directory.is_dir():
        raise ValueError(f"--dir {directory} is a file, not a folder; choose a new folder")
    if directory.is_dir():
        present = sorted(entry.name for entry in directory.iterdir())
        if present and not (directory / MARKER).is_file():
            shown = ", ".join(present[:3]) + (", …" if len(present) > 3 else "")
            raise ValueError(
                f"--dir {directory} holds files the demo did not make ({shown}); "
                "nothing was touched: choose a new or empty folder"
            )
        for name in OUTPUTS:
            path = directory / name
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            elif path.exists() or path.is_symlink():
                path.unlink()
    directory.mkdir(parents=True, exist_ok=True)
    (directory / MARKER).write_text(
        "Made by `oursay demo`. A later `oursay demo --dir` here replaces what the demo "
        f"wrote ({', '.join(OUTPUTS)}) and nothing else.\n",
        encoding="utf-8",
    )


def oursay_program() -> str:
    """How to call oursay in a command the user copies: ``oursay`` when that is on PATH
    and is this installation, else this Python with ``-m oursay``."""
    found = shutil.which("oursay")
    if found and Path(found).resolve().parent == Path(sys.executable).resolve().parent:
        return "oursay"
    return f"{shlex.quote(sys.executable)} -m oursay"


def copyable(env: dict[str, str], *args: str) -> str:
    """A command that works when pasted into a shell: it carries the demo's settings."""
    settings = " ".join(
        f"{name}={shlex.quote(env[name])}"
        for name in ("OURSAY_DATABASE_URL", "OURSAY_EXTRA_COUNCILS")
    )
    return f"  $ {settings} {oursay_program()} {shlex.join(args)}"


@contextmanager
def sample_sites() -> Iterator[dict[str, str]]:
    """Start the four simulated services; yields each one's base URL."""
    moderngov, cmis = ModernGovSim(), CMISSim()
    with ExitStack() as stack:
        servers = {
            "find-a-tender": stack.enter_context(serve_fts_sample()),
            "contracts-finder": stack.enter_context(serve_cf_sample()),
            "moderngov": stack.enter_context(SimServer(moderngov)),
            "cmis": stack.enter_context(SimServer(cmis)),
        }
        yield {
            "find-a-tender": servers["find-a-tender"].url,
            "contracts-finder": servers["contracts-finder"].url,
            "moderngov": moderngov.base_url(servers["moderngov"].url),
            "cmis": cmis.base_url(servers["cmis"].url),
        }


def crawl_steps(sites: dict[str, str]) -> list[tuple[str, list[str]]]:
    procurement = ["--since", SAMPLE_SINCE, "--until", SAMPLE_UNTIL, *FAST_LOCAL]
    papers = ["--since", COMMITTEE_SINCE, *FAST_LOCAL]
    return [
        (
            "Find a Tender",
            ["crawl", "find-a-tender", "--base-url", sites["find-a-tender"], *procurement],
        ),
        (
            "Contracts Finder",
            ["crawl", "contracts-finder", "--base-url", sites["contracts-finder"], *procurement],
        ),
        (
            "ModernGov (Exampleshire)",
            ["crawl", "moderngov", "--council", "EXA", "--base-url", sites["moderngov"], *papers],
        ),
        (
            "CMIS (Sampleton)",
            ["crawl", "cmis", "--council", "SMP", "--base-url", sites["cmis"], *papers],
        ),
    ]


def _run_step(label: str, args: Sequence[str], env: dict[str, str]) -> bool:
    # The step's command is not shown as one to copy: the sample sites stop with the demo.
    print(f"\n== {label} (oursay {args[0]})")
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "oursay", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=STEP_TIMEOUT,
    )
    # Scrapy's own log goes to stderr; show our summary lines, and the log only on failure.
    print(result.stdout.rstrip())
    if result.returncode != 0:
        print(result.stderr[-4000:], file=sys.stderr)
        print(f"   failed (exit {result.returncode})", file=sys.stderr)
        return False
    print(f"   ok in {time.monotonic() - started:.1f}s")
    return True


def run_demo(directory: Path, *, serve: bool = False, port: int = 8000) -> int:
    directory = directory.resolve()
    # A fresh database each time: the demo shows a first crawl, not an incremental one.
    prepare_directory(directory)
    site = directory / "site"
    env = dict(os.environ)
    env["OURSAY_DATABASE_URL"] = f"sqlite:///{directory / 'oursay.db'}"
    env["OURSAY_EXTRA_COUNCILS"] = str(SAMPLE_COUNCILS_CSV)
    # The sample sites listen on 127.0.0.1, which the crawl scope refuses in production
    # (crawlers.scope); the demo lets that one address through, and says so in its log.
    env["OURSAY_ALLOW_PRIVATE_ADDRESSES"] = SAMPLE_SITES_ADDRESS
    env.setdefault("OURSAY_LOG_LEVEL", "WARNING")
    ok = _run_step("Database", ["init"], env)
    with sample_sites() as sites:
        for label, args in crawl_steps(sites):
            ok = _run_step(label, args, env) and ok
    ok = _run_step("Monitor", ["monitor"], env) and ok
    ok = _run_step("Feeds", ["feeds", "--out", str(site)], env) and ok

    print("\nThe demo's feeds (sample data for fictional councils):")
    for name in ("exa.rss", "exa.atom", "smp.rss", "all.rss"):
        path = site / "feeds" / name
        if path.exists():
            print(f"  {path.as_uri()}")
    print(f"  {(site / 'feeds.opml').as_uri()}  (all council feeds, for a feed reader)")
    print(f"Index page: {(site / 'index.html').as_uri()}")
    print(f"Database:   {directory / 'oursay.db'} (open it with Datasette: docs/datasette.md)")
    if not ok:
        print("\nSome steps failed; see the messages above.", file=sys.stderr)
        return 1
    if serve:
        os.environ.update({k: env[k] for k in ("OURSAY_DATABASE_URL", "OURSAY_EXTRA_COUNCILS")})
        from oursay.service import serve as serve_app

        print(f"\nWeb app: http://127.0.0.1:{port}/   feeds: http://127.0.0.1:{port}/feeds/exa.rss")
        return serve_app(host="127.0.0.1", port=port, scheduler=False)
    print("\nTry it (each command works as it is, pasted into a shell):")
    print("Flagged records as CSV:")
    print(copyable(env, "export", "--format", "csv", "--flagged"))
    print("Each council on the nine principles:")
    print(copyable(env, "scorecard"))
    print(
        f"The web app on the demo database (then open http://127.0.0.1:{port}/; Ctrl-C stops it):"
    )
    print(copyable(env, "serve", "--no-scheduler", "--port", str(port)))
    return 0
