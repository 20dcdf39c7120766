"""Where the releases are in an OCDS file or response, and which release each one is.

Release packages, record packages, bare releases and arrays of them; an entry that is not a
release is reported with its place and reason, never skipped. ``release_identity`` checks
a release's ``(ocid, id)``; ``source_for_ocid`` tells its publisher from the OCID prefix.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

FIND_A_TENDER = "find-a-tender"
CONTRACTS_FINDER = "contracts-finder"
SOURCES = (FIND_A_TENDER, CONTRACTS_FINDER)
# The publishers' registered OCID prefixes (OCDS registry), which tell the source of a
# release read from a file.
OCID_PREFIXES = {"ocds-h6vhtk": FIND_A_TENDER, "ocds-b5fd17": CONTRACTS_FINDER}


class InvalidRelease(ValueError):
    """A release (or an entry where one should be) that cannot be read: the reason."""


@dataclass(frozen=True)
class Entry:
    """One place in a package where a release is: ``where`` names it (``releases[3]``,
    ``[2].records[0]``), ``release`` is the release, or ``problem`` says why there is none."""

    where: str
    release: dict[str, Any] | None = None
    problem: str | None = None


_JSON_KINDS = {
    dict: "an object",
    list: "an array",
    str: "a string",
    int: "a number",
    float: "a number",
    bool: "a boolean",
    type(None): "null",
}


def _kind(value: Any) -> str:
    """What a JSON value is, in JSON's words (for messages about the wrong type)."""
    return _JSON_KINDS.get(type(value), type(value).__name__)


def package_entries(document: Any) -> Iterator[Entry]:
    """Every release in a release package, a record package (its ``compiledRelease``, else
    its embedded releases), a bare release, or a JSON array of any of those, each with its
    place; an entry that is not a release is yielded with the reason, never skipped.

    Raises ``InvalidRelease`` when ``document`` itself is none of those shapes."""
    if not isinstance(document, list):
        yield from _entries(document, "")
        return
    # One level only: an array of packages is a documented shape, arrays of arrays are not
    # (and recursing into them would let a deeply nested file exhaust the stack).
    for index, part in enumerate(document):
        try:
            yield from _entries(part, f"[{index}]")
        except InvalidRelease as error:
            yield Entry(f"[{index}]", problem=str(error))


def _entries(document: Any, prefix: str) -> Iterator[Entry]:
    if not isinstance(document, Mapping):
        raise InvalidRelease(f"expected an OCDS package or release, got {_kind(document)}")
    dot = "." if prefix else ""
    if "releases" in document and "ocid" not in document:
        releases = document.get("releases")
        if releases is None:
            return
        if not isinstance(releases, list):
            raise InvalidRelease(f"releases is {_kind(releases)}, not an array")
        for index, release in enumerate(releases):
            where = f"{prefix}{dot}releases[{index}]"
            if isinstance(release, Mapping):
                yield Entry(where, dict(release))
            else:
                yield Entry(where, problem=f"a release is an object, not {_kind(release)}")
    elif "records" in document:
        records = document.get("records")
        if records is None:
            return
        if not isinstance(records, list):
            raise InvalidRelease(f"records is {_kind(records)}, not an array")
        for index, record in enumerate(records):
            yield from _record_entries(record, f"{prefix}{dot}records[{index}]")
    elif "ocid" in document:
        yield Entry(prefix, dict(document))
    else:
        raise InvalidRelease("not an OCDS package or release (no releases, records or ocid)")


def _record_entries(record: Any, where: str) -> Iterator[Entry]:
    if not isinstance(record, Mapping):
        yield Entry(where, problem=f"a record is an object, not {_kind(record)}")
        return
    compiled = record.get("compiledRelease")
    if isinstance(compiled, Mapping):
        yield Entry(f"{where}.compiledRelease", dict(compiled))
        return
    if compiled is not None:
        yield Entry(where, problem=f"compiledRelease is {_kind(compiled)}, not an object")
        return
    releases = record.get("releases")
    if releases is None:
        return
    if not isinstance(releases, list):
        yield Entry(where, problem=f"releases is {_kind(releases)}, not an array")
        return
    for index, release in enumerate(releases):
        place = f"{where}.releases[{index}]"
        if not isinstance(release, Mapping):
            yield Entry(place, problem=f"a release is an object, not {_kind(release)}")
        # Linked releases ({"url", "date", "tag"}) carry no content to store.
        elif "url" not in release or ("id" in release and "ocid" in release):
            yield Entry(place, dict(release))


def iter_releases(document: Any) -> Iterator[dict[str, Any]]:
    """The releases of ``document`` (see ``package_entries``); raises ``InvalidRelease`` at
    the first entry that is not one, so that nothing is skipped unnoticed."""
    for entry in package_entries(document):
        if entry.release is None:
            raise InvalidRelease(f"{entry.where}: {entry.problem}")
        yield entry.release


def source_for_ocid(ocid: Any) -> str | None:
    if not isinstance(ocid, str):
        return None
    for prefix, source in OCID_PREFIXES.items():
        if ocid.startswith(prefix):
            return source
    return None


def release_identity(release: Mapping[str, Any]) -> tuple[str, str]:
    """``(ocid, id)`` of a release. Raises ``InvalidRelease`` unless the ocid is a non-empty
    string and the id a non-empty string or an integer (some publishers number them)."""
    ocid, release_id = release.get("ocid"), release.get("id")
    if ocid is None or ocid == "":
        raise InvalidRelease("release without ocid")
    if not isinstance(ocid, str):
        raise InvalidRelease(f"ocid is {_kind(ocid)} ({ocid!r:.40}), not a string")
    if release_id is None or release_id == "":
        raise InvalidRelease("release without id")
    if isinstance(release_id, bool) or not isinstance(release_id, str | int):
        raise InvalidRelease(f"id is {_kind(release_id)} ({release_id!r:.40}), not a string")
    return ocid, str(release_id)
