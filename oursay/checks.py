"""Each command's configuration, checked before it starts work.

A mistyped database URL, a server that does not answer, a database never initialised or
left behind by an older oursay, an unknown council code, a missing file: each ends the
command in one line naming the problem and its fix, with an exit status of its own
(docs/cli.md, "Exit statuses"), before anything is written. A SQLite path that does not
exist is never created by mistake: only ``oursay init``, the demo and a command given
``--create`` make a new database.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import (
    ArgumentError,
    InterfaceError,
    NoSuchModuleError,
    OperationalError,
    SQLAlchemyError,
)

from storage.db import database_url, get_engine, normalise_url

# Exit statuses shared by every command (docs/cli.md). 3 and 4 are a crawl's own
# (crawlers.outcome); argparse exits 2 for a bad option, so every usage error does too.
EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_DATABASE_UNREACHABLE = 5
EXIT_DATABASE_NOT_READY = 6
EXIT_INTERRUPTED = 130

SUPPORTED = "sqlite:///PATH or postgresql://USER@HOST/DATABASE"


class CommandError(Exception):
    """A problem the user can fix; ``str()`` is the one line shown, ``exit_status`` the code."""

    exit_status = EXIT_FAILED


class UsageError(CommandError):
    exit_status = EXIT_USAGE


class DatabaseUnreachable(CommandError):
    exit_status = EXIT_DATABASE_UNREACHABLE


class DatabaseNotReady(CommandError):
    exit_status = EXIT_DATABASE_NOT_READY


def parse_database_url(url: str | None = None) -> URL:
    """The configured database URL, parsed; DatabaseUnreachable when it is not one we can use."""
    text = normalise_url(url) if url else database_url()
    try:
        parsed = make_url(text)
        parsed.get_dialect()
    except (ArgumentError, ValueError):
        raise DatabaseUnreachable(
            f"OURSAY_DATABASE_URL {_redacted(text)!r} is not a database URL; give {SUPPORTED}"
        ) from None
    except NoSuchModuleError:
        raise DatabaseUnreachable(
            f"OURSAY_DATABASE_URL: {parsed.drivername!r} is not a database oursay can use; "
            f"give {SUPPORTED}"
        ) from None
    if parsed.get_backend_name() not in ("sqlite", "postgresql"):
        raise DatabaseUnreachable(
            f"OURSAY_DATABASE_URL: {parsed.get_backend_name()} is not supported; give {SUPPORTED}"
        )
    return parsed


def sqlite_file(url: URL) -> Path | None:
    """The file of a SQLite URL; None for PostgreSQL and in-memory databases."""
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    return Path(url.database).expanduser()


def check_database(
    url: str | None = None, *, create: bool = False, migrate: bool = False, schema: bool = True
) -> str:
    """Check the database a command is about to use; returns its URL (normalised).

    ``create``: a missing SQLite file or an empty database may be built (``oursay init``,
    ``--create``). ``migrate``: a database built by an older oursay is brought up to date
    (commands that write; ``oursay serve``). Otherwise the schema must be current.
    ``schema=False`` checks the URL and the connection only (``oursay init`` builds and
    repairs the schema itself). Raises a CommandError with one line.
    """
    from storage.migrate import SchemaError, check_schema, safe_url, upgrade

    parsed = parse_database_url(url)
    text = parsed.render_as_string(hide_password=False)
    shown = safe_url(text)
    path = sqlite_file(parsed)
    if path is not None and not create:
        if not path.exists():
            raise DatabaseNotReady(
                f"database {shown}: not initialised; run `oursay init` to create it "
                f"(there is no file {path}; check OURSAY_DATABASE_URL for a typo)"
            )
        if not path.is_file():
            raise DatabaseNotReady(f"database {shown}: {path} is not a file")
    try:
        with get_engine(text).connect():
            pass
    except SQLAlchemyError as error:
        raise DatabaseUnreachable(
            f"database {shown}: cannot connect: {first_line(error)}; check OURSAY_DATABASE_URL "
            "and that the database server is running"
        ) from None
    if not schema:
        return text
    try:
        if create or migrate:
            if not create:
                _require_initialised(text, shown)
            upgrade(text)
        else:
            check_schema(text)
    except SchemaError as error:
        raise DatabaseNotReady(str(error)) from None
    return text


def _require_initialised(url: str, shown: str) -> None:
    """A database with none of our tables is not migrated into being: that is init's job."""
    from sqlalchemy import inspect

    from storage.models import Base

    with get_engine(url).connect() as connection:
        present = set(inspect(connection).get_table_names())
    if not present & (set(Base.metadata.tables) | {"alembic_version"}):
        raise DatabaseNotReady(f"database {shown}: not initialised; run `oursay init`")


def check_input_file(path: str | Path, what: str = "file") -> Path:
    """An input file that must exist and be readable; UsageError otherwise."""
    file = Path(path).expanduser()
    if not file.exists():
        raise UsageError(f"{what} {file}: no such file; check the path")
    if file.is_dir():
        raise UsageError(f"{what} {file}: is a folder, not a file")
    if not os.access(file, os.R_OK):
        raise UsageError(f"{what} {file}: cannot be read (permissions)")
    return file


def check_environment() -> None:
    """Settings every command reads: a bad one is named before any work starts."""
    extra = os.environ.get("OURSAY_EXTRA_COUNCILS", "").strip()
    if extra:
        check_input_file(extra, "OURSAY_EXTRA_COUNCILS")


def first_line(error: BaseException) -> str:
    orig = getattr(error, "orig", None)
    message = str(orig if orig is not None else error).strip()
    return message.splitlines()[0] if message else type(error).__name__


def _redacted(text: str) -> str:
    """A URL that did not parse, with anything that looks like a password hidden."""
    if "@" not in text or "://" not in text:
        return text
    scheme, rest = text.split("://", 1)
    credentials, host = rest.rsplit("@", 1)
    user = credentials.split(":", 1)[0]
    return f"{scheme}://{user}:***@{host}" if ":" in credentials else text


# How each command uses the database, checked before it starts. "create": may build it
# (init); "write": must exist, is migrated if behind (or built, with --create);
# "serve": must exist, is migrated if behind; "read": must be initialised and current.
# Commands not listed do not open the database (their own checks run in the command).
DATABASE_USE = {
    "init": "create",
    "crawl": "write",
    "ingest": "write",
    "staff": "write",
    "run": "write",
    "serve": "serve",
    "web": "serve",
    "worker": "serve",
    "runs": "read",
    "failures": "read",
    "monitor": "read",
    "scorecard": "read",
    "feeds": "read",
    "export": "read",
    "export-db": "read",
}


# Long-running services log what they do by default (INFO); commands are quiet.
SERVICES = ("serve", "web", "worker")


def add_create_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--create",
        action="store_true",
        help="create the database if it does not exist yet (as `oursay init` would)",
    )


def check_command(args: argparse.Namespace) -> None:
    """Everything a command needs, checked before it starts; CommandError otherwise."""
    check_environment()
    if args.command in ("serve", "web"):
        from oursay.web.health import failing_days

        failing_days()  # read by /health on each request: a bad value must stop it now
    if args.command in ("serve", "worker") and not getattr(args, "no_scheduler", False):
        from oursay.worker import check_worker_settings

        check_worker_settings()  # the timetable and Scrapyd nodes, before the database
    use = DATABASE_USE.get(args.command)
    if use is None:
        return
    url = dict(getattr(args, "set", None) or []).get("OURSAY_DATABASE_URL")
    create = use == "create" or bool(getattr(args, "create", False))
    check_database(url, create=create, migrate=use in ("write", "serve"), schema=use != "create")


def run_checked(args: argparse.Namespace) -> int:
    """Run a parsed command: one line and a documented exit status for any failure."""
    from oursay.logs import remove_our_handlers, setup_logging
    from storage.migrate import SchemaError

    name = args.command
    root_level = logging.getLogger().level
    try:
        # A service logs what it does by default; the other commands are quiet.
        setup_logging(args.verbose, "INFO" if name in SERVICES else "WARNING")
        # The command's own arguments first: a typo there is the thing to fix first.
        validate = getattr(args, "validate", None)
        if validate is not None:
            validate(args)
        check_command(args)
        return args.func(args)
    except CommandError as error:
        return _fail(name, str(error), error.exit_status)
    except SchemaError as error:
        return _fail(name, str(error), EXIT_DATABASE_NOT_READY)
    except (OperationalError, InterfaceError) as error:
        # The database went away mid-command (checked at start, so not a setting).
        return _fail(
            name,
            f"database unavailable: {first_line(error)}; check that the database server is "
            "running, then run the command again",
            EXIT_DATABASE_UNREACHABLE,
        )
    except SQLAlchemyError as error:
        return _fail(name, f"database error: {first_line(error)}", EXIT_FAILED)
    except (OSError, ValueError) as error:
        return _fail(name, str(error), EXIT_USAGE)
    except KeyboardInterrupt:
        raise
    except Exception as error:
        # Never a traceback for the user; -v (or -vv) puts it in the log for a bug report.
        logging.getLogger("oursay").debug("unexpected error", exc_info=True)
        return _fail(
            name,
            f"unexpected {type(error).__name__}: {first_line(error)} "
            "(run again with `oursay -vv` for the details, and report it)",
            EXIT_FAILED,
        )
    finally:
        # Leave logging as it was for a caller in the same process (tests, the demo).
        remove_our_handlers()
        logging.getLogger().setLevel(root_level)


def _fail(command: str, message: str, status: int) -> int:
    print(f"oursay {command}: error: {message}", file=sys.stderr)
    return status
