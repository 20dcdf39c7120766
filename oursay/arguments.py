"""Checks and types for the command line's arguments: each refuses a bad value in one line,
before the database is opened or a crawl starts."""

from __future__ import annotations

import argparse
import os
from decimal import Decimal, InvalidOperation


def check_crawl(args: argparse.Namespace) -> None:
    """Refuse bad dates, codes and URLs before the database is opened and before Scrapy
    starts and buries the message in its log."""
    from crawlers.scope import parse_allowed
    from crawlers.spiders.base import check_base_url, parse_when
    from storage.councils import check_council_codes

    since, until = parse_when(args.since), parse_when(args.until)
    if since and until and since >= until:
        raise ValueError(f"--since {args.since} must be before --until {args.until}")
    args.council = [code.strip().upper() for code in args.council or () if code.strip()]
    check_council_codes(args.council)
    if args.base_url is not None:
        check_base_url(args.base_url)
    # A bad entry here fails the crawl at start (never a scope check silently off): say
    # so in one line now rather than in a traceback in Scrapy's log.
    allowance = dict(args.set or []).get(
        "OURSAY_ALLOW_PRIVATE_ADDRESSES", os.environ.get("OURSAY_ALLOW_PRIVATE_ADDRESSES", "")
    )
    parse_allowed(str(allowance).split(","))


def check_export(args: argparse.Namespace) -> None:
    from storage.councils import check_council_codes

    if args.council:
        args.council = args.council.strip().upper()
        check_council_codes([args.council])
    if args.base_url is not None:
        from crawlers.spiders.base import check_base_url

        check_base_url(args.base_url)


def check_feeds(args: argparse.Namespace) -> None:
    from crawlers.spiders.base import check_base_url

    if args.base_url is not None:
        check_base_url(args.base_url)


def check_file_argument(args: argparse.Namespace) -> None:
    from oursay.checks import check_input_file

    if args.file not in (None, "-"):
        check_input_file(args.file)


def pounds(text: str) -> Decimal:
    try:
        value = Decimal(text.replace(",", "").lstrip("£"))
    except InvalidOperation:
        raise argparse.ArgumentTypeError(f"expected an amount in pounds, got {text!r}") from None
    if not value.is_finite():
        raise argparse.ArgumentTypeError(f"expected an amount in pounds, got {text!r}")
    return value


def key_value(text: str) -> tuple[str, str]:
    if "=" not in text:
        raise argparse.ArgumentTypeError(f"expected NAME=VALUE, got {text!r}")
    name, value = text.split("=", 1)
    return name, value
