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
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from oursay import __version__

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
    from storage.councils import load_registry

    councils = load_registry()
    if args.json:
        rows = [
            {
                "code": c.code,
                "gss_code": c.gss_code,
                "name": c.name,
                "nice_name": c.nice_name,
                "nation": c.nation,
                "type": c.type,
                "platform": c.platform,
                "base_url": c.base_url,
            }
            for c in councils
        ]
        json.dump(rows, sys.stdout, indent=1, ensure_ascii=False)
        print()
        return 0
    for c in councils:
        print(f"{c.code:<4} {c.gss_code or '':<10} {c.platform or '':<10} {c.name}")
    print(f"{len(councils)} councils", file=sys.stderr)
    return 0


def cmd_crawl(args: argparse.Namespace) -> int:
    from crawlers.scope import parse_allowed
    from crawlers.spiders.base import check_base_url, parse_when
    from oursay.crawl import run_crawl
    from storage.councils import check_council_codes
    from storage.migrate import upgrade

    # Refuse bad dates and URLs here, before Scrapy starts and buries the message in its log.
    since, until = parse_when(args.since), parse_when(args.until)
    if since and until and since >= until:
        raise ValueError(f"--since {args.since} must be before --until {args.until}")
    councils = [code.strip().upper() for code in args.council or () if code.strip()]
    check_council_codes(councils)
    if args.base_url is not None:
        check_base_url(args.base_url)
    # A bad entry here fails the crawl at start (never a scope check silently off): say
    # so in one line now rather than in a traceback in Scrapy's log.
    allowance = dict(args.set or []).get(
        "OURSAY_ALLOW_PRIVATE_ADDRESSES", os.environ.get("OURSAY_ALLOW_PRIVATE_ADDRESSES", "")
    )
    parse_allowed(str(allowance).split(","))
    # And a database it cannot build on: one line here, not a traceback in Scrapy's log
    # (the pipeline builds or migrates the schema again, a no-op by then).
    upgrade(dict(args.set or []).get("OURSAY_DATABASE_URL"))

    return run_crawl(
        SOURCES[args.source],
        councils=councils,
        since=args.since,
        until=args.until,
        base_url=args.base_url,
        settings=dict(args.set or []),
    )


def cmd_ingest(args: argparse.Namespace) -> int:
    from crawlers.ingest import ingest_files

    return ingest_files(args.files, source=args.source)


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


def _pounds(text: str) -> Decimal:
    try:
        value = Decimal(text.replace(",", "").lstrip("£"))
    except InvalidOperation:
        raise argparse.ArgumentTypeError(f"expected an amount in pounds, got {text!r}") from None
    if not value.is_finite():
        raise argparse.ArgumentTypeError(f"expected an amount in pounds, got {text!r}")
    return value


def _key_value(text: str) -> tuple[str, str]:
    if "=" not in text:
        raise argparse.ArgumentTypeError(f"expected NAME=VALUE, got {text!r}")
    name, value = text.split("=", 1)
    return name, value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="oursay",
        description="Watch UK councils for outsourcing and asset-sale decisions taken "
        "without public consultation or an in-house option.",
        epilog="The database is OURSAY_DATABASE_URL (default: sqlite:///oursay.db).",
    )
    parser.add_argument("--version", action="version", version=f"oursay {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = commands.add_parser("init", help="create or migrate the database")
    p.set_defaults(func=cmd_init)

    p = commands.add_parser("councils", help="list the council registry")
    p.add_argument("--json", action="store_true", help="print a JSON array of objects")
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
        type=_key_value,
        metavar="NAME=VALUE",
        help="override a Scrapy setting (repeatable), e.g. DOWNLOAD_DELAY=0",
    )
    p.set_defaults(func=cmd_crawl)

    p = commands.add_parser("ingest", help="load OCDS release or record packages from files")
    p.add_argument("files", nargs="+", metavar="FILE", help="JSON or JSON lines files")
    p.add_argument(
        "--source",
        choices=["find-a-tender", "contracts-finder"],
        help="which service the files came from; default: from each release's ocid",
    )
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
    p.set_defaults(func=cmd_classify)

    p = commands.add_parser("evaluate", help="score classify against labelled JSON lines")
    p.add_argument("file", metavar="FILE")
    p.set_defaults(func=cmd_evaluate)

    p = commands.add_parser("feeds", help="write every feed, an index page and OPML")
    p.add_argument("--out", default="site", metavar="DIR", help="output directory (default: site)")
    p.add_argument(
        "--base-url",
        default=None,
        metavar="URL",
        help="public address the files will be served from (for rel=self links)",
    )
    p.set_defaults(func=cmd_feeds)

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
    p.add_argument("--min-value", type=_pounds, metavar="POUNDS")
    p.add_argument("--max-value", type=_pounds, metavar="POUNDS")
    p.add_argument("--cpv", metavar="CODE", help="a CPV code; trailing zeros widen it")
    p.add_argument(
        "--base-url", metavar="URL", help="the web app's address, for each row's item_url"
    )
    p.set_defaults(func=cmd_export)

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
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        return 130
    except (OSError, ValueError) as error:
        print(f"oursay {args.command}: error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
