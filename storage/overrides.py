"""Hand-verified fixes to the built council registry (``storage/data/overrides.toml``).

The registers the build merges lag the real world (GSS codes re-issued, councils created
and abolished, moved committee sites). A fix typed into ``councils.csv`` would be undone by
the next build, so fixes live in a checked-in TOML file that the build applies last. Every
entry names its ``source`` and the date it was ``verified``; see the file's header.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from storage.councils import COLUMNS, PLATFORMS, ROBOTS_STATES

DEFAULT_OVERRIDES = Path(__file__).resolve().parent / "data" / "overrides.toml"

SETTABLE = {
    "gss_code", "name", "nice_name", "platform", "base_url", "verify_tls", "browser",
    "robots", "start_date", "end_date", "successors",
}  # fmt: skip
_BOOLS = {"verify_tls", "browser"}
_DATES = {"start_date", "end_date"}


@dataclass(frozen=True)
class Fix:
    code: str
    values: dict[str, str]  # column -> value as the CSV spells it
    source: str
    verified: date


@dataclass(frozen=True)
class Overrides:
    fixes: tuple[Fix, ...]
    councils: tuple[dict[str, str], ...]  # full rows for councils no register lists


def _cell(field: str, value: Any, where: str) -> str:
    """The CSV spelling of one override value, checked."""
    if field in _BOOLS:
        if not isinstance(value, bool):
            raise ValueError(f"{where}: {field} must be true or false")
        return "true" if value else "false"
    if field == "successors":
        if not isinstance(value, list) or not all(isinstance(c, str) for c in value):
            raise ValueError(f"{where}: successors must be a list of codes")
        return "|".join(value)
    if field == "alt_names":
        if not isinstance(value, list):
            raise ValueError(f"{where}: alt_names must be a list")
        return "|".join(str(v) for v in value)
    if not isinstance(value, str):
        raise ValueError(f"{where}: {field} must be a string")
    if field in _DATES and value:
        date.fromisoformat(value)  # raises ValueError naming the bad text
    if field == "platform" and value not in PLATFORMS:
        raise ValueError(f"{where}: unknown platform {value!r}")
    if field == "robots" and value not in ROBOTS_STATES:
        raise ValueError(f"{where}: robots must be allowed, disallowed or empty")
    return value


def _provenance(entry: dict[str, Any], where: str) -> tuple[str, date]:
    source = entry.get("source")
    verified = entry.get("verified")
    if not isinstance(source, str) or not source.strip():
        raise ValueError(f"{where}: every override needs a source")
    if not isinstance(verified, str):
        raise ValueError(f"{where}: every override needs a verified date (YYYY-MM-DD)")
    return source.strip(), date.fromisoformat(verified)


def load_overrides(path: Path = DEFAULT_OVERRIDES) -> Overrides:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    unknown_tables = set(data) - {"fix", "council"}
    if unknown_tables:
        raise ValueError(f"{path}: unknown tables {sorted(unknown_tables)}")
    fixes = []
    for number, entry in enumerate(data.get("fix", []), start=1):
        where = f"{path.name} fix {number} ({entry.get('code', '?')})"
        values = entry.get("set")
        if not isinstance(entry.get("code"), str) or not isinstance(values, dict) or not values:
            raise ValueError(f"{where}: a fix needs a code and a non-empty set")
        bad = set(values) - SETTABLE
        if bad:
            raise ValueError(f"{where}: cannot set {sorted(bad)}")
        source, verified = _provenance(entry, where)
        cells = {field: _cell(field, value, where) for field, value in values.items()}
        fixes.append(Fix(entry["code"], cells, source, verified))
    councils = []
    for number, entry in enumerate(data.get("council", []), start=1):
        where = f"{path.name} council {number} ({entry.get('code', '?')})"
        source, _verified = _provenance(entry, where)
        extra = set(entry) - set(COLUMNS) - {"verified"}
        if extra:
            raise ValueError(f"{where}: unknown fields {sorted(extra)}")
        row = {column: "" for column in COLUMNS}
        row.update({"verify_tls": "true", "browser": "false", "platform": "unknown"})
        for field, value in entry.items():
            if field in ("source", "verified"):
                continue
            row[field] = _cell(field, value, where)
        if not row["code"] or not row["name"]:
            raise ValueError(f"{where}: a council needs a code and a name")
        row["source"] = f"overrides: {source}"
        councils.append(row)
    return Overrides(tuple(fixes), tuple(councils))


def apply_overrides(rows: list[dict[str, str]], overrides: Overrides) -> list[dict[str, str]]:
    """The rows with every fix applied and the added councils in code order.

    Raises ``ValueError`` for a fix naming no council, a fix that changes nothing, an added
    council whose code is taken, or successors that are not councils.
    """
    by_code = {row["code"]: dict(row) for row in rows}
    for council in overrides.councils:
        if council["code"] in by_code:
            raise ValueError(f"overrides: council {council['code']} is already registered")
        by_code[council["code"]] = dict(council)
    for fix in overrides.fixes:
        row = by_code.get(fix.code)
        if row is None:
            raise ValueError(f"overrides: fix for {fix.code}, which is not in the registry")
        if all(row.get(field, "") == value for field, value in fix.values.items()):
            raise ValueError(
                f"overrides: the fix of {sorted(fix.values)} for {fix.code} "
                "changes nothing; the registers have caught up, remove it"
            )
        row.update(fix.values)
        if "overrides" not in row["source"]:
            row["source"] = f"{row['source']}; overrides"
    for row in by_code.values():
        for successor in filter(None, row.get("successors", "").split("|")):
            if successor not in by_code:
                raise ValueError(f"overrides: {row['code']}'s successor {successor} is unknown")
    return [by_code[code] for code in sorted(by_code)]
