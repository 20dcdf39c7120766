"""OCDS releases from Find a Tender and Contracts Finder, normalised into ``RecordItem``s.

One code path for the spiders and for ``oursay ingest``:

* ``parse_json`` reads a response body or a file tolerantly: broken UTF-8 (Contracts
  Finder), numbers JSON can't hold (``1e9999``, kingfisher-collect #592) and numbers with
  leading zeros (``"amount": 000``, #1270) are repaired and reported, never fatal.
* ``normalise_release`` turns one release into one record, or ``None`` when its buyer is not
  a UK principal local authority (those are not stored at all).

Personal data: procurement officers' names, e-mails and phone numbers (``contactPoint``)
are removed from everything that is kept, including the copy of the release in ``data``,
and e-mail addresses inside free text are redacted.
"""

from __future__ import annotations

import codecs
import json
import math
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo

import ftfy
from ftfy.badness import is_bad

from crawlers.buyers import BuyerMatcher, Match
from crawlers.items import RecordItem

LONDON = ZoneInfo("Europe/London")
FIND_A_TENDER = "find-a-tender"
CONTRACTS_FINDER = "contracts-finder"
SOURCES = (FIND_A_TENDER, CONTRACTS_FINDER)
# The publishers' registered OCID prefixes (OCDS registry), which tell the source of a
# release read from a file.
OCID_PREFIXES = {"ocds-h6vhtk": FIND_A_TENDER, "ocds-b5fd17": CONTRACTS_FINDER}
NOTICE_URLS = {
    FIND_A_TENDER: "https://www.find-tender.service.gov.uk/Notice/{}",
    CONTRACTS_FINDER: "https://www.contractsfinder.service.gov.uk/Notice/{}",
}
# Contracts Finder carries only procurements under the Public Contracts Regulations 2015
# (PPN 019); its releases say nothing about the regime themselves.
CF_REGIME = "PCR2015"

_FTS_NOTICE_ID = re.compile(r"^\d{6}-\d{4}$")
_CF_NOTICE_ID = re.compile(
    r"^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})-\d+$"
)
_NOTICE_PAGE = re.compile(
    r"^https?://www\.(find-tender|contractsfinder)\.service\.gov\.uk/Notice/[^/?#]+$", re.I
)
# Keys whose values are (or hold) personal contact details. ``contactPoint`` and
# ``additionalContactPoints`` in OCDS; the rest wherever a publisher puts them.
_PERSONAL_KEY = re.compile(r"contact|e-?mail|phone|fax|mobile", re.I)
_EMAIL = re.compile(r"[\w.+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
EMAIL_REDACTED = "[email removed]"
# The largest amount kept as a value (storage's Numeric(20, 2) column holds less than 1e17).
MAX_AMOUNT = Decimal("1e17")
# Deepest nesting kept in a release. Real releases are about ten levels deep; the bound
# keeps the recursive cleaning below and the JSON encoder of the database column well
# inside Python's recursion limit, so a freak release fails alone instead of crashing.
MAX_RELEASE_DEPTH = 100


# --- Reading JSON tolerantly -------------------------------------------------------------


class InvalidJSON(ValueError):
    """A body or file that is not JSON even after the known repairs."""


@dataclass
class ParsedJSON:
    value: Any
    # What had to be repaired: "invalid-utf8", "non-finite-number", "leading-zero-number".
    repairs: list[str] = field(default_factory=list)


def _bad_bytes_as_latin1(error: UnicodeError) -> tuple[str, int]:
    # Bytes that are not UTF-8 are read as Latin-1, so that a double-encoded "â\x80\x93"
    # (kingfisher-collect #1004) stays repairable by ftfy instead of becoming "�".
    assert isinstance(error, UnicodeDecodeError)
    return error.object[error.start : error.end].decode("latin-1"), error.end


codecs.register_error("oursay-latin1", _bad_bytes_as_latin1)


def decode_body(body: bytes) -> tuple[str, bool]:
    """UTF-8 text of ``body`` and whether it had to be repaired."""
    try:
        return body.decode("utf-8-sig"), False
    except UnicodeDecodeError:
        return body.decode("utf-8-sig", errors="oursay-latin1"), True


# A JSON string, or a number with superfluous leading zeros outside strings.
_LEADING_ZERO = re.compile(r'"(?:[^"\\]|\\.)*"|(?<![\w.])(-?)0+(?=\d)')


def _strip_leading_zeros(text: str) -> str:
    return _LEADING_ZERO.sub(lambda m: m.group(0) if m.group(0)[0] == '"' else m.group(1), text)


def parse_json(body: bytes | str) -> ParsedJSON:
    """Parse ``body``, repairing what the procurement services are known to get wrong."""
    repairs: list[str] = []
    if isinstance(body, bytes):
        text, repaired = decode_body(body)
        if repaired:
            repairs.append("invalid-utf8")
    else:
        text = body.removeprefix("\ufeff")

    # FTS writes "unlimited" as 1e9999 (kingfisher-collect #592). JSON columns can't hold
    # infinity, so such numbers are kept as their own text: nothing is lost or invented.
    def parse_float(token: str) -> float | str:
        number = float(token)
        if math.isfinite(number):
            return number
        if "non-finite-number" not in repairs:
            repairs.append("non-finite-number")
        return token

    def parse_constant(token: str) -> str:
        if "non-finite-number" not in repairs:
            repairs.append("non-finite-number")
        return token

    def load(source: str) -> Any:
        try:
            return json.loads(source, parse_float=parse_float, parse_constant=parse_constant)
        # Nesting deeper than the interpreter's recursion limit (a few hundred levels; real
        # OCDS is about ten deep) and bodies too big for memory are bad input, not crashes.
        except RecursionError:
            raise InvalidJSON("invalid JSON: nested too deeply to read") from None
        except MemoryError:
            raise InvalidJSON("too large to read into memory") from None

    try:
        value = load(text)
    except json.JSONDecodeError as error:
        fixed = _strip_leading_zeros(text)
        if fixed == text:
            raise InvalidJSON(f"invalid JSON: {error}") from None
        try:
            value = load(fixed)
        except json.JSONDecodeError:
            raise InvalidJSON(f"invalid JSON: {error}") from None
        repairs.append("leading-zero-number")
    return ParsedJSON(value, repairs)


# --- Cleaning ----------------------------------------------------------------------------

_FTFY_CONFIG = ftfy.TextFixerConfig(
    # Only undo mojibake; leave quotes, line breaks, HTML and Unicode forms as published.
    unescape_html=False,
    remove_terminal_escapes=False,
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    remove_control_chars=False,
    normalization=None,
    explain=False,
)


# UTF-8 read as Latin-1 or Windows-1252 always shows a lead byte as one of "Â".."ô"; text
# without any is left alone without asking ftfy (which is slow on long text).
_MOJIBAKE_LEAD = re.compile("[\u00c2-\u00f4]")


def clean_text(text: str) -> str:
    """Mojibake repaired (``Â£`` → ``£``) and e-mail addresses redacted."""
    if not text.isascii() and _MOJIBAKE_LEAD.search(text) and is_bad(text):
        text = ftfy.fix_text(text, _FTFY_CONFIG)
    if "@" in text:
        text = _EMAIL.sub(EMAIL_REDACTED, text)
    return text


@cache
def _is_personal(key: str) -> bool:
    return bool(_PERSONAL_KEY.search(key))


def scrub(value: Any, depth: int = 0) -> Any:
    """A copy of ``value`` without personal contact fields, with every string cleaned.

    Raises ``InvalidRelease`` past ``MAX_RELEASE_DEPTH`` levels of nesting."""
    if depth > MAX_RELEASE_DEPTH:
        raise InvalidRelease(f"nested more than {MAX_RELEASE_DEPTH} levels deep")
    if isinstance(value, dict):
        return {k: scrub(v, depth + 1) for k, v in value.items() if not _is_personal(k)}
    if isinstance(value, list):
        return [scrub(v, depth + 1) for v in value]
    if isinstance(value, str):
        return clean_text(value)
    return value


# --- Packages ----------------------------------------------------------------------------


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


# --- One release -------------------------------------------------------------------------


def _as_list(value: Any) -> list[Any]:
    return [v for v in value if v is not None] if isinstance(value, list) else []


def _as_dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _text(value: Any) -> str:
    return clean_text(value.strip()) if isinstance(value, str) else ""


def parse_datetime(value: Any) -> datetime | None:
    """An OCDS date as an aware datetime; times without an offset are UK local time."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        try:
            moment = datetime.combine(date.fromisoformat(text[:10]), time())
        except ValueError:
            return None
    return moment if moment.tzinfo else moment.replace(tzinfo=LONDON)


def _decimal(value: Any) -> Decimal | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        amount = Decimal(str(value).replace(",", "").strip())
    except (InvalidOperation, ValueError):
        return None
    # Amounts past any real contract (1e9999 kept as text) mean "unlimited", not a value.
    return amount if amount.is_finite() and abs(amount) < MAX_AMOUNT else None


def _documents(release: Mapping[str, Any]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for section in ("planning", "tender"):
        found += _as_list(_as_dict(release.get(section)).get("documents"))
    for section in ("awards", "contracts"):
        for part in _as_list(release.get(section)):
            found += _as_list(_as_dict(part).get("documents"))
    return [d for d in found if isinstance(d, dict)]


def _notice_type(release: Mapping[str, Any], documents: list[dict[str, Any]]) -> str | None:
    # The notice a release comes from is the document whose id is the release's own id;
    # other documents may point at earlier notices of the same procurement.
    typed = [d for d in documents if isinstance(d.get("noticeType"), str) and d["noticeType"]]
    own = [d for d in typed if d.get("id") == release.get("id")]
    chosen = own or sorted(typed, key=lambda d: str(d.get("datePublished") or ""))[-1:]
    return chosen[0]["noticeType"].strip() if chosen else None


def notice_url(
    source: str, release: Mapping[str, Any], documents: list[dict[str, Any]]
) -> str | None:
    """The public page of the notice this release was published as."""
    release_id = str(release.get("id") or "")
    if source == FIND_A_TENDER and _FTS_NOTICE_ID.match(release_id):
        return NOTICE_URLS[source].format(release_id)
    if source == CONTRACTS_FINDER and (match := _CF_NOTICE_ID.match(release_id)):
        return NOTICE_URLS[source].format(match.group(1).lower())
    for document in documents:
        url = document.get("url")
        if isinstance(url, str) and _NOTICE_PAGE.match(url):
            return url
    return None


def _value(release: Mapping[str, Any]) -> dict[str, Any] | None:
    """The best single value: awards, else contracts, else tender, else its lots.

    Several awards (lots) in one currency are added up. ``amount`` (net of VAT) is
    preferred; Procurement Act notices also give ``amountGross``, kept alongside.
    """
    tender = _as_dict(release.get("tender"))
    candidates = [
        ("award", [_as_dict(a).get("value") for a in _as_list(release.get("awards"))]),
        ("contract", [_as_dict(c).get("value") for c in _as_list(release.get("contracts"))]),
        ("tender", [tender.get("value")]),
        ("lots", [_as_dict(lot).get("value") for lot in _as_list(tender.get("lots"))]),
    ]
    for where, values in candidates:
        for basis, key in (("net", "amount"), ("gross", "amountGross")):
            amounts = [
                (_decimal(v.get(key)), v.get("currency"))
                for v in values
                if isinstance(v, dict) and _decimal(v.get(key)) is not None
            ]
            if not amounts:
                continue
            currency = amounts[0][1]
            total = sum((a for a, c in amounts if c == currency), Decimal(0))
            gross = [
                _decimal(v.get("amountGross"))
                for v in values
                if isinstance(v, dict) and v.get("currency") == currency
            ]
            return {
                "amount": total,
                "currency": currency if isinstance(currency, str) else None,
                "source": where,
                "basis": basis,
                "amount_gross": (
                    sum((g for g in gross if g is not None), Decimal(0))
                    if basis == "net" and any(g is not None for g in gross)
                    else None
                ),
                "count": len(amounts),
            }
    return None


def _cpv_codes(release: Mapping[str, Any]) -> list[str]:
    tender = _as_dict(release.get("tender"))
    classifications: list[Any] = [tender.get("classification")]
    classifications += _as_list(tender.get("additionalClassifications"))
    items = _as_list(tender.get("items"))
    for section in ("awards", "contracts"):
        for part in _as_list(release.get(section)):
            items += _as_list(_as_dict(part).get("items"))
    for item in items:
        item = _as_dict(item)
        classifications.append(item.get("classification"))
        classifications += _as_list(item.get("additionalClassifications"))
    codes: list[str] = []
    for entry in classifications:
        entry = _as_dict(entry)
        code = str(entry.get("id") or "").strip()
        if str(entry.get("scheme") or "").upper() == "CPV" and code and code not in codes:
            codes.append(code)
    return codes


def _suppliers(release: Mapping[str, Any]) -> list[dict[str, Any]]:
    seen: list[dict[str, Any]] = []
    for award in _as_list(release.get("awards")):
        for supplier in _as_list(_as_dict(award).get("suppliers")):
            supplier = _as_dict(supplier)
            entry = {"id": supplier.get("id"), "name": _text(supplier.get("name")) or None}
            if (entry["id"] or entry["name"]) and entry not in seen:
                seen.append(entry)
    return seen


@dataclass(frozen=True)
class Buyer:
    name: str | None
    id: str | None
    party: dict[str, Any]


def _party_identifiers(party: Mapping[str, Any]) -> list[str]:
    identifiers = [party.get("id")]
    for identifier in [party.get("identifier"), *_as_list(party.get("additionalIdentifiers"))]:
        identifier = _as_dict(identifier)
        scheme, value = identifier.get("scheme"), identifier.get("id")
        if scheme and value:
            identifiers.append(f"{scheme}-{value}")
    return [str(i) for i in identifiers if i]


def buyers(release: Mapping[str, Any]) -> list[Buyer]:
    """The top-level buyer first, then any other party with the role ``buyer``.

    The top-level ``buyer`` is missing on some releases (``tenderCancellation`` stubs),
    so parties are always consulted too.
    """
    parties = [_as_dict(p) for p in _as_list(release.get("parties"))]
    top = _as_dict(release.get("buyer"))
    found: list[Buyer] = []
    if top.get("id") or top.get("name"):
        party = next((p for p in parties if top.get("id") and p.get("id") == top.get("id")), {})
        name = _text(top.get("name")) or _text(party.get("name")) or None
        found.append(Buyer(name, _id(top.get("id")), party))
    for party in parties:
        if "buyer" in _as_list(party.get("roles")) and all(b.party is not party for b in found):
            found.append(Buyer(_text(party.get("name")) or None, _id(party.get("id")), party))
    return found


def _id(value: Any) -> str | None:
    return str(value) if value not in (None, "") else None


def match_council(
    release: Mapping[str, Any], matcher: BuyerMatcher
) -> tuple[Buyer | None, Match | None]:
    """The first buyer that is a UK principal local authority, with how it was matched."""
    candidates = buyers(release)
    for buyer in candidates:
        identifiers = [buyer.id, *_party_identifiers(buyer.party)]
        classifications = [
            (str(c.get("scheme") or ""), str(c.get("id") or ""))
            for c in (
                _as_dict(x)
                for x in _as_list(_as_dict(buyer.party.get("details")).get("classifications"))
            )
        ]
        names = [buyer.name, _text(_as_dict(buyer.party.get("identifier")).get("legalName"))]
        for name in dict.fromkeys(n for n in names if n):
            match = matcher.match(name, [i for i in identifiers if i], classifications)
            if match is not None:
                return buyer, match
        if not any(names):
            match = matcher.match(None, [i for i in identifiers if i], classifications)
            if match is not None:
                return buyer, match
    return (candidates[0] if candidates else None), None


def _join(parts: Iterable[str]) -> str:
    unique: list[str] = []
    for part in parts:
        if part and part not in unique and not any(part in u for u in unique):
            unique.append(part)
    return "\n\n".join(unique)


def normalise_release(
    release: Mapping[str, Any], *, source: str, matcher: BuyerMatcher
) -> RecordItem | None:
    """One record for ``release``, or ``None`` when its buyer is not a council.

    Raises ``InvalidRelease`` (a ``ValueError``) for a release that cannot be stored: no
    ocid or id, fields of the wrong type, nesting past ``MAX_RELEASE_DEPTH``.
    """
    ocid, release_id = release_identity(release)
    try:
        return _normalise(release, ocid, release_id, source=source, matcher=matcher)
    # The release is third-party data of any shape. The fields read here are type-checked
    # (``_as_dict``, ``_text``…), but one the checks miss must fail this release alone with
    # its reason, not the crawl or the rest of the file.
    except (TypeError, AttributeError, KeyError) as error:
        raise InvalidRelease(f"unexpected data shape ({type(error).__name__}: {error})") from error


def _normalise(
    release: Mapping[str, Any], ocid: str, release_id: str, *, source: str, matcher: BuyerMatcher
) -> RecordItem | None:
    buyer, match = match_council(release, matcher)
    if match is None:
        return None

    trimmed = scrub(release)
    tender = _as_dict(trimmed.get("tender"))
    awards = [_as_dict(a) for a in _as_list(trimmed.get("awards"))]
    contracts = [_as_dict(c) for c in _as_list(trimmed.get("contracts"))]
    lots = [_as_dict(lot) for lot in _as_list(tender.get("lots"))]
    documents = _documents(trimmed)
    url = notice_url(source, trimmed, documents)

    title = next(
        (
            t
            for t in (
                _text(tender.get("title")),
                *(_text(a.get("title")) for a in awards),
                *(_text(c.get("title")) for c in contracts),
                _text(trimmed.get("title")),
            )
            if t
        ),
        "",
    )
    description = _join(
        [
            _text(tender.get("description")),
            # Why a direct award, why a procurement was stopped: often the only place a
            # notice speaks of options appraisals or of keeping a service in-house.
            _text(tender.get("procurementMethodRationale")),
            *(_text(a.get("description")) for a in awards),
            *(_text(a.get("statusDetails")) for a in awards),
            *(_text(c.get("description")) for c in contracts),
            *(_text(lot.get("title")) for lot in lots),
            *(_text(lot.get("description")) for lot in lots),
            _text(trimmed.get("description")),
        ]
    )
    legal_basis = _as_dict(tender.get("legalBasis"))
    regime = legal_basis.get("scheme") or (CF_REGIME if source == CONTRACTS_FINDER else None)
    value = _value(trimmed)
    buyer_name = buyer.name if buyer else None
    if buyer and not buyer_name:
        buyer_name = _text(buyer.party.get("name")) or None

    data = {
        "release": trimmed,
        "tag": _as_list(trimmed.get("tag")),
        "buyer_match": match.method,
        "procurement_method": tender.get("procurementMethod"),
        "procurement_method_details": tender.get("procurementMethodDetails"),
        "value": (
            None
            if value is None
            else {
                **value,
                "amount": str(value["amount"]),
                "amount_gross": (
                    None if value["amount_gross"] is None else str(value["amount_gross"])
                ),
            }
        ),
        "lots": [
            {
                "id": lot.get("id"),
                "title": _text(lot.get("title")) or None,
                "description": _text(lot.get("description")) or None,
                "status": lot.get("status"),
                "value": lot.get("value"),
            }
            for lot in lots
        ],
        "documents": [
            {
                key: d.get(key)
                for key in (
                    "id",
                    "documentType",
                    "noticeType",
                    "title",
                    "description",
                    "url",
                    "datePublished",
                    "format",
                )
                if d.get(key) is not None
            }
            for d in documents
        ],
    }
    return RecordItem(
        source=source,
        source_key=f"{ocid}/{release_id}",
        kind="notice",
        title=title,
        description=description,
        url=url,
        published_at=parse_datetime(trimmed.get("date")),
        council_code=match.code,
        ocid=ocid,
        release_id=release_id,
        notice_type=_notice_type(trimmed, documents),
        regime=regime if isinstance(regime, str) else None,
        buyer_name=buyer_name,
        buyer_id=buyer.id if buyer else None,
        suppliers=_suppliers(trimmed),
        value_amount=value["amount"] if value else None,
        value_currency=value["currency"] if value else None,
        cpv_codes=_cpv_codes(trimmed),
        status=tender.get("status") if isinstance(tender.get("status"), str) else None,
        data=data,
        documents=_attachments(documents, url),
    )


def _attachments(documents: list[dict[str, Any]], own_url: str | None) -> list[dict[str, Any]]:
    """Documents worth downloading: not the notice pages themselves (those are records)."""
    found: dict[str, dict[str, Any]] = {}
    for document in documents:
        url = document.get("url")
        if not isinstance(url, str) or not url.startswith(("http://", "https://")):
            continue
        url = url.strip()
        if url == own_url or _NOTICE_PAGE.match(url) or url in found:
            continue
        fmt = document.get("format")
        found[url] = {
            "url": url,
            "title": _text(document.get("title")) or _text(document.get("description")) or None,
            "mime_type": fmt if isinstance(fmt, str) and "/" in fmt else None,
        }
    return list(found.values())
