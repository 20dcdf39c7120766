"""OCDS releases from Find a Tender and Contracts Finder, normalised into ``RecordItem``s.

One code path for the spiders and for ``oursay ingest``, in four modules:

* ``crawlers.ocds_json``: ``parse_json`` reads a response body or a file tolerantly: broken
  UTF-8 (Contracts Finder), numbers JSON can't hold (``1e9999``, kingfisher-collect #592)
  and numbers with leading zeros (``"amount": 000``, #1270) are repaired and reported,
  never fatal.
* ``crawlers.ocds_packages``: the releases in a package (``package_entries``,
  ``iter_releases``) and each one's identity (``release_identity``, ``source_for_ocid``).
* ``crawlers.ocds_clean``: ``clean_text`` and ``scrub``, below.
* here: ``normalise_release`` turns one release into one record, or ``None`` when its buyer
  is not a UK principal local authority (those are not stored at all).

Every name of the four is importable from here, as it was before the split.

Personal data: procurement officers' names, e-mails and phone numbers (``contactPoint``)
are removed from everything that is kept, including the copy of the release in ``data``,
and e-mail addresses inside free text are redacted.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from typing import Any
from zoneinfo import ZoneInfo

from crawlers.buyers import BuyerMatcher, Match
from crawlers.items import RecordItem
from crawlers.ocds_clean import EMAIL_REDACTED, MAX_RELEASE_DEPTH, clean_text, scrub
from crawlers.ocds_json import InvalidJSON, ParsedJSON, decode_body, parse_json
from crawlers.ocds_packages import (
    CONTRACTS_FINDER,
    FIND_A_TENDER,
    OCID_PREFIXES,
    SOURCES,
    Entry,
    InvalidRelease,
    iter_releases,
    package_entries,
    release_identity,
    source_for_ocid,
)

__all__ = [
    "CF_REGIME",
    "CONTRACTS_FINDER",
    "EMAIL_REDACTED",
    "FIND_A_TENDER",
    "LONDON",
    "MAX_AMOUNT",
    "MAX_RELEASE_DEPTH",
    "NOTICE_URLS",
    "OCID_PREFIXES",
    "SOURCES",
    "Buyer",
    "Entry",
    "InvalidJSON",
    "InvalidRelease",
    "ParsedJSON",
    "buyers",
    "clean_text",
    "decode_body",
    "iter_releases",
    "match_council",
    "normalise_release",
    "notice_url",
    "package_entries",
    "parse_datetime",
    "parse_json",
    "release_identity",
    "scrub",
    "source_for_ocid",
]

LONDON = ZoneInfo("Europe/London")
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
# The largest amount kept as a value (storage's Numeric(20, 2) column holds less than 1e17).
MAX_AMOUNT = Decimal("1e17")


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
