"""The ``oursay`` command. Every subcommand has ``--help``; failures exit non-zero.

The subcommands and their options are a contract (see docs/cli.md and DESIGN.md):
other tools are built on them, and ``tests/test_docs.py`` keeps the docs honest.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from oursay import __version__
from oursay.arguments import (
    check_crawl,
    check_export,
    check_feeds,
    check_file_argument,
    key_value,
    pounds,
)
from oursay.checks import add_create_option

SOURCES = {
    # command-line name -> Scrapy spider name
    "find-a-tender": "find_a_tender",
    "contracts-finder": "contracts_finder",
    "moderngov": "moderngov",
    "cmis": "cmis",
}


def cmd_init(args: argparse.Namespace) -> int:
    from storage.db import database_url
    from storage.migrate import upgrade

    repaired = upgrade(repair=True)
    if repaired:
        print(repaired)
    print(f"database ready: {_safe_url(database_url())}")
    return 0


def cmd_councils(args: argparse.Namespace) -> int:
    from oursay.council_list import list_councils

    return list_councils(args.on or _today(), current_only=args.current, as_json=args.json)


def _today() -> date:
    # The registry's dates are UK civil dates: "today" is London's.
    return datetime.now(ZoneInfo("Europe/London")).date()


def cmd_crawl(args: argparse.Namespace) -> int:
    from oursay.crawl import run_crawl

    return run_crawl(
        SOURCES[args.source],
        councils=args.council,
        since=args.since,
        until=args.until,
        base_url=args.base_url,
        settings=dict(args.set or []),
        verbosity=args.verbose,
    )


def cmd_ingest(args: argparse.Namespace) -> int:
    from crawlers.ingest import ingest_files

    return ingest_files(args.files, source=args.source, progress=True)


def cmd_monitor(args: argparse.Namespace) -> int:
    from monitor.assess import run_monitor
    from storage.migrate import check_schema

    check_schema()
    return run_monitor(reassess=args.all)


def cmd_scorecard(args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from monitor.principles.report import load_cards, text_table
    from monitor.principles.scorecard import recompute
    from storage.councils import check_council_codes
    from storage.db import session_factory
    from storage.migrate import check_schema
    from storage.models import Council

    codes = [code.strip().upper() for code in args.council or () if code.strip()]
    check_schema()
    with session_factory()() as session:
        # The database's councils (the register plus OURSAY_EXTRA_COUNCILS) are the ones
        # with scorecards; the register's message names the closest codes.
        unknown = sorted(set(codes) - set(session.scalars(select(Council.code))))
    if unknown:
        check_council_codes(unknown)
        raise ValueError(f"council {', '.join(unknown)} is not in this database")
    if not args.stored:
        recompute()
    with session_factory()() as session:
        cards = load_cards(session, codes or None)
    if not (codes or args.all):
        # The named councils always; otherwise those with any evidence at all.
        cards = [card for card in cards if card.has_evidence]
    if args.json:
        json.dump(
            {"councils": [card.as_json() for card in cards]},
            sys.stdout,
            indent=1,
            ensure_ascii=False,
        )
        print()
        return 0
    print(text_table(cards))
    return 0


def cmd_classify(args: argparse.Namespace) -> int:
    from monitor.evaluate import run_classify

    if args.file in (None, "-"):
        return run_classify(sys.stdin, sys.stdout)
    with open(args.file, encoding="utf-8") as lines:
        return run_classify(lines, sys.stdout)


def cmd_evaluate(args: argparse.Namespace) -> int:
    from monitor.evaluate import run_evaluate

    return run_evaluate(Path(args.file), sys.stdout)


def cmd_feeds(args: argparse.Namespace) -> int:
    from feeds.static import write_site
    from storage.migrate import check_schema

    check_schema()
    written = write_site(Path(args.out), base_url=args.base_url)
    print(f"wrote {written.feed_count} feeds to {Path(args.out).resolve()}")
    print(f"index: {written.index_path}")
    print(f"OPML:  {written.opml_path}")
    return 0


def cmd_export_db(args: argparse.Namespace) -> int:
    from oursay.export_db import PRIVATE_COLUMNS, PRIVATE_TABLES, export_db
    from storage.migrate import check_schema

    check_schema()
    exported = export_db(Path(args.out), force=args.force)
    left_out = [
        *PRIVATE_TABLES,
        *(f"{t}.{c}" for t, cs in PRIVATE_COLUMNS.items() for c in sorted(cs)),
    ]
    print(
        f"wrote {exported.path}: {exported.rows.get('records', 0)} records, "
        f"{sum(exported.rows.values())} rows in {len(exported.rows)} tables"
    )
    print(f"left out (staff data): {', '.join(left_out)}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from oursay.export import export
    from storage.migrate import check_schema
    from storage.search import SearchQuery

    check_schema()
    query = SearchQuery(
        text=args.text or "",
        council=args.council.upper() if args.council else None,
        nation=args.nation,
        kind=args.kind,
        category=args.category,
        flag="flagged" if args.flagged else None,
        review=args.review,
        source=args.source,
        date_from=args.date_from,
        date_to=args.date_to,
        value_min=args.min_value,
        value_max=args.max_value,
        cpv=args.cpv,
    )
    return export(sys.stdout, fmt=args.format, query=query, site_url=args.base_url or "")


def cmd_serve(args: argparse.Namespace) -> int:
    from oursay.service import serve

    return serve(host=args.host, port=args.port, scheduler=not args.no_scheduler)


def cmd_web(args: argparse.Namespace) -> int:
    from oursay.service import serve

    return serve(host=args.host, port=args.port, scheduler=False)


def cmd_worker(args: argparse.Namespace) -> int:
    from oursay.worker import worker_main

    return worker_main(run_now=args.run_now or ())


def cmd_schedule(args: argparse.Namespace) -> int:
    from oursay.ops_cli import print_schedule

    return print_schedule(at=args.at, count=args.count, as_json=args.json)


def cmd_runs(args: argparse.Namespace) -> int:
    from oursay.ops_cli import print_runs

    return print_runs(
        councils=args.council or (),
        sources=args.source or (),
        failures_only=args.command == "failures",
        limit=args.limit,
        as_json=args.json,
    )


def cmd_staff(args: argparse.Namespace) -> int:
    import getpass

    from oursay.web.auth import create_staff_user
    from storage.migrate import upgrade

    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass(f"password for {args.username}: ")
        if password != getpass.getpass("again: "):
            raise ValueError("the passwords differ")
    if len(password) < 12:
        raise ValueError("a staff password needs at least 12 characters")
    upgrade()
    create_staff_user(args.username, password)
    print(f"staff user {args.username} saved")
    return 0


def cmd_alerts_send(args: argparse.Namespace) -> int:
    from oursay.alerts import Tokens, send_alerts
    from oursay.mail import SmtpSettings
    from oursay.web.auth import secret_key
    from storage.db import database_url, session_factory
    from storage.migrate import check_schema

    check_schema()
    base_url = args.base_url or os.environ.get("OURSAY_PUBLIC_URL", "").strip()
    if not base_url.startswith(("http://", "https://")):
        raise ValueError(
            "the site's public address is needed for links in the e-mails: "
            "set OURSAY_PUBLIC_URL or pass --base-url https://…"
        )
    settings = SmtpSettings.from_environment()
    url = database_url()
    with session_factory(url)() as session:
        report = send_alerts(session, Tokens(secret_key(url)), settings, base_url, args.digest)
    print(
        f"{args.digest}: {report.mails} e-mails with {report.items} items "
        f"to {report.subscriptions} subscriptions"
    )
    for failure in report.failures:
        print(f"not sent: {failure}", file=sys.stderr)
    return 1 if report.failures else 0


def cmd_alerts_forget(args: argparse.Namespace) -> int:
    from oursay.alerts import forget
    from storage.db import session_factory
    from storage.migrate import check_schema

    check_schema()
    with session_factory()() as session:
        removed = forget(session, args.email)
    print(f"deleted {removed} subscription{'' if removed == 1 else 's'} of that address")
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    from oursay.cycle import run_cycle

    return run_cycle()


def cmd_demo(args: argparse.Namespace) -> int:
    from oursay.demo import run_demo

    return run_demo(Path(args.dir), serve=args.serve, port=args.port)


def _safe_url(url: str) -> str:
    """The database URL without a password, for messages."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="oursay",
        description="Watch UK councils for outsourcing and asset-sale decisions taken "
        "without public consultation or an in-house option.",
        epilog="The database is OURSAY_DATABASE_URL (default: sqlite:///oursay.db).",
    )
    parser.add_argument("--version", action="version", version=f"oursay {__version__}")
    parser.add_argument(
        "-v",
        "--verbose",
        action="count",
        default=0,
        help="log more: -v progress detail, -vv everything (default: warnings only)",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = commands.add_parser("init", help="create or migrate the database")
    p.set_defaults(func=cmd_init)

    p = commands.add_parser("councils", help="list the council registry")
    p.add_argument("--json", action="store_true", help="print a JSON array of objects")
    p.add_argument(
        "--on",
        type=date.fromisoformat,
        metavar="YYYY-MM-DD",
        help="judge in force / crawlable on this day (default: today)",
    )
    p.add_argument("--current", action="store_true", help="only councils in force on that day")
    p.set_defaults(func=cmd_councils)

    p = commands.add_parser("crawl", help="run one source's spider (a real Scrapy crawl)")
    p.add_argument(
        "source",
        choices=sorted(SOURCES),
        metavar="SOURCE",
        help="one of: " + ", ".join(sorted(SOURCES)),
    )
    p.add_argument(
        "--council",
        action="append",
        metavar="CODE",
        help="register code (repeatable); default: every council the source covers",
    )
    p.add_argument(
        "--since", metavar="DATE", help="YYYY-MM-DD; default: resume from the checkpoint"
    )
    p.add_argument("--until", metavar="DATE", help="YYYY-MM-DD; default: now")
    p.add_argument(
        "--base-url",
        metavar="URL",
        help="another host serving the same site or API (mirror, local test server); "
        "http:// or https:// only",
    )
    p.add_argument(
        "--set",
        action="append",
        type=key_value,
        metavar="NAME=VALUE",
        help="override a Scrapy setting (repeatable), e.g. DOWNLOAD_DELAY=0",
    )
    add_create_option(p)
    p.set_defaults(func=cmd_crawl, validate=check_crawl)

    p = commands.add_parser("ingest", help="load OCDS release or record packages from files")
    p.add_argument("files", nargs="+", metavar="FILE", help="JSON or JSON lines files")
    p.add_argument(
        "--source",
        choices=["find-a-tender", "contracts-finder"],
        help="which service the files came from; default: from each release's ocid",
    )
    add_create_option(p)
    p.set_defaults(func=cmd_ingest)

    p = commands.add_parser("monitor", help="assess new and changed records, link them, flag")
    p.add_argument(
        "--all", action="store_true", help="re-assess every record, not only changed ones"
    )
    p.set_defaults(func=cmd_monitor)

    p = commands.add_parser(
        "scorecard", help="each council on the nine Our Services Our Say principles"
    )
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.add_argument(
        "--council", action="append", metavar="CODE", help="only these councils (repeatable)"
    )
    p.add_argument(
        "--all", action="store_true", help="every council, also those with no evidence at all"
    )
    p.add_argument(
        "--stored", action="store_true", help="print the stored scorecard without recomputing"
    )
    p.set_defaults(func=cmd_scorecard)

    p = commands.add_parser("classify", help="classify JSON lines (id, text, title, doc_type)")
    p.add_argument("file", nargs="?", metavar="FILE|-", help="input file; default: standard input")
    p.set_defaults(func=cmd_classify, validate=check_file_argument)

    p = commands.add_parser("evaluate", help="score classify against labelled JSON lines")
    p.add_argument("file", metavar="FILE")
    p.set_defaults(func=cmd_evaluate, validate=check_file_argument)

    p = commands.add_parser("feeds", help="write every feed, an index page and OPML")
    p.add_argument("--out", default="site", metavar="DIR", help="output directory (default: site)")
    p.add_argument(
        "--base-url",
        default=None,
        metavar="URL",
        help="public address the files will be served from (for rel=self links)",
    )
    p.set_defaults(func=cmd_feeds, validate=check_feeds)

    p = commands.add_parser("export", help="print records as CSV, JSON or JSON Lines")
    p.add_argument("--format", choices=["csv", "json", "jsonl"], required=True)
    p.add_argument("--flagged", action="store_true", help="only flagged records")
    p.add_argument("--text", metavar="WORDS", help='words and "phrases" to search for')
    p.add_argument("--council", metavar="CODE", help="only this council (register code)")
    p.add_argument("--nation", help="only councils of this nation (England, Scotland, ...)")
    p.add_argument("--kind", help="only records of this kind (notice, decision, ...)")
    p.add_argument("--category", choices=["outsourcing", "asset_sale"])
    p.add_argument(
        "--review",
        choices=["unreviewed", "confirmed", "dismissed", "needs_info", "good_practice"],
    )
    p.add_argument("--source", help="only this source (find-a-tender, moderngov, ...)")
    p.add_argument("--from", dest="date_from", type=date.fromisoformat, metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", type=date.fromisoformat, metavar="YYYY-MM-DD")
    p.add_argument("--min-value", type=pounds, metavar="POUNDS")
    p.add_argument("--max-value", type=pounds, metavar="POUNDS")
    p.add_argument("--cpv", metavar="CODE", help="a CPV code; trailing zeros widen it")
    p.add_argument(
        "--base-url", metavar="URL", help="the web app's address, for each row's item_url"
    )
    p.set_defaults(func=cmd_export, validate=check_export)

    p = commands.add_parser(
        "export-db", help="write a shareable SQLite copy without staff data (Datasette)"
    )
    p.add_argument("out", metavar="OUT.db", help="the copy to write (never the database itself)")
    p.add_argument("--force", action="store_true", help="replace OUT.db if it exists")
    p.set_defaults(func=cmd_export_db)

    p = commands.add_parser("serve", help="web app and scheduler in one process")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--no-scheduler", action="store_true", help="serve only; run no crawls")
    p.set_defaults(func=cmd_serve)

    p = commands.add_parser("web", help="the web app and feeds only (no scheduler)")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.set_defaults(func=cmd_web)

    p = commands.add_parser("worker", help="the scheduler only: crawls, monitor, feeds on time")
    p.add_argument(
        "--run-now",
        action="append",
        metavar="JOB",
        help="also run this timetable job at start (repeatable; ids from oursay schedule)",
    )
    p.set_defaults(func=cmd_worker)

    p = commands.add_parser("schedule", help="print the timetable and the next runs")
    p.add_argument("--json", action="store_true", help="print JSON instead of text")
    p.add_argument(
        "--at", metavar="DATETIME", help="as if it were then (ISO 8601, default Europe/London)"
    )
    p.add_argument("--count", type=int, default=5, metavar="N", help="next runs shown (5)")
    p.set_defaults(func=cmd_schedule)

    for name, what in (("runs", "recorded crawl runs"), ("failures", "failed crawl runs")):
        p = commands.add_parser(name, help=f"list {what}, newest first")
        p.add_argument("--council", action="append", metavar="CODE", help="only these councils")
        p.add_argument(
            "--source",
            action="append",
            choices=sorted(SOURCES),
            metavar="SOURCE",
            help="only these sources (repeatable)",
        )
        p.add_argument("--limit", type=int, default=50, metavar="N", help="at most N (50)")
        p.add_argument("--json", action="store_true", help="print a JSON array of objects")
        p.set_defaults(func=cmd_runs)

    p = commands.add_parser("staff", help="add a campaign staff login (or reset its password)")
    staff = p.add_subparsers(dest="staff_command", required=True, metavar="ACTION")
    add = staff.add_parser("add", help="add a staff user, or set a new password")
    add.add_argument("username", metavar="USER")
    add.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from standard input instead of prompting",
    )
    add.set_defaults(func=cmd_staff)

    p = commands.add_parser("alerts", help="send supporters' e-mail alerts, or forget an address")
    alerts = p.add_subparsers(dest="alerts_command", required=True, metavar="ACTION")
    send = alerts.add_parser("send", help="mail each subscription the new items of its feed")
    send.add_argument(
        "--digest",
        choices=["immediate", "daily"],
        default="immediate",
        help="which subscriptions: immediate (run after every feeds update) or daily "
        "(run once a day); default: immediate",
    )
    send.add_argument(
        "--base-url",
        metavar="URL",
        help="the site's public address for links in the e-mails (default: OURSAY_PUBLIC_URL)",
    )
    send.set_defaults(func=cmd_alerts_send)
    forget = alerts.add_parser("forget", help="delete every subscription of an e-mail address")
    forget.add_argument("email", metavar="EMAIL")
    forget.set_defaults(func=cmd_alerts_forget)

    p = commands.add_parser(
        "run", help="one full cycle: crawl every enabled source, monitor, feeds"
    )
    p.set_defaults(func=cmd_run)

    p = commands.add_parser("demo", help="the same cycle offline, on bundled sample sites")
    p.add_argument(
        "--dir",
        default="oursay-demo",
        metavar="DIR",
        help="where the demo database and feeds go (default: oursay-demo)",
    )
    p.add_argument("--serve", action="store_true", help="then serve the web app until Ctrl-C")
    p.add_argument("--port", type=int, default=8000, help="port for --serve (default: 8000)")
    p.set_defaults(func=cmd_demo)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from oursay.checks import EXIT_INTERRUPTED, run_checked

    args = build_parser().parse_args(argv)
    try:
        return run_checked(args)
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED


if __name__ == "__main__":
    sys.exit(main())
