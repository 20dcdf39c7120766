"""What one item says, and text made safe to say it: shared by the feeds, the web app's
pages and the exports so that they say the same thing.

Everything scraped (titles, descriptions, quotes, names, URLs) passes through
:func:`clean_text` / :func:`safe_url` before it reaches XML or HTML: XML 1.0 forbids most
control characters and lone surrogates (lxml refuses them outright), scraped HTML must
never reach a reader unescaped, and notices can carry officers' e-mail addresses and phone
numbers in free text, which we never republish.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import quote, urlsplit
from zoneinfo import ZoneInfo

from storage.models import Record
from storage.queries import RecordState

LONDON = ZoneInfo("Europe/London")
# RFC 4151 tag URIs: stable whatever host serves the feed.
TAG_PREFIX = "tag:oursay,2025:"
CATEGORY_LABELS = {"outsourcing": "Outsourcing", "asset_sale": "Asset sale"}
SOURCE_NAMES = {
    "find-a-tender": "Find a Tender",
    "contracts-finder": "Contracts Finder",
    "moderngov": "council committee papers (ModernGov)",
    "cmis": "council committee papers (CMIS)",
}
REVIEW_TEXT = {
    "confirmed": "Confirmed by campaign staff",
    "dismissed": "Dismissed by campaign staff",
    "needs_info": "Campaign staff are looking for more information",
    "good_practice": "Good practice, noted by campaign staff",
}

# --------------------------------------------------------------------------- safe text

# XML 1.0 characters, minus DEL and the C1 controls (legal XML, but in scraped text they
# are always mojibake) and U+FFFE/U+FFFF. Lone surrogates fall outside every range.
_NOT_XML = re.compile("[^\t\n\r\u0020-\u007e\u00a0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_DIGITS = re.compile(r"\d[\s-]?\d[\s-]?\d[\s-]?\d[\s-]?\d[\s-]?\d[\s-]?\d[\s-]?\d")
_URL_UNSAFE = re.compile(r'[\s"<>]')
_PLAIN_HTTP = re.compile(r"[Hh][Tt][Tt][Pp][Ss]?://[^/?#@\[\]]+(?:[/?#]|$)")
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
# UK numbers: 0 or +44, then 9-10 more digits with optional spaces or dashes. The
# look-behind keeps identifiers (ocds-…-000001) and amounts (£0.5m) out.
_PHONE = re.compile(r"(?<![\w£$€.,/-])(?:\+44\s?(?:\(0\)\s?)?|0)\d(?:[\s-]?\d){8,9}(?!\w)")


# Short texts recur across items (council, buyer and supplier names, evidence labels,
# rules and document titles): each is cleaned once per process. Bounded; cleared when full.
_SHORT = 64
_CLEANED: dict[tuple[str, int | None], str] = {}
_CLEANED_MAX = 50_000


def clean_text(value: Any, limit: int | None = None) -> str:
    """Plain one-line text that is safe in XML: no forbidden characters, no contact
    details, whitespace collapsed, cut at a word boundary after ``limit`` characters."""
    if value is None:
        return ""
    if type(value) is str and len(value) <= _SHORT:
        key = (value, limit)
        cleaned = _CLEANED.get(key)
        if cleaned is None:
            if len(_CLEANED) >= _CLEANED_MAX:
                _CLEANED.clear()
            cleaned = _CLEANED[key] = _clean_text(value, limit)
        return cleaned
    return _clean_text(value, limit)


def _clean_text(value: Any, limit: int | None) -> str:
    text = str(value)
    # Fast path (most text): plain printable ASCII needs no character filtering.
    if not (text.isascii() and text.isprintable()):
        text = _NOT_XML.sub(" ", text)
    if "@" in text:
        text = _EMAIL.sub("[e-mail removed]", text)
    if _DIGITS.search(text):
        text = _PHONE.sub("[phone removed]", text)
    text = " ".join(text.split())
    if limit is not None and len(text) > limit:
        cut = text[:limit].rsplit(" ", 1)[0] if " " in text[:limit] else text[:limit]
        text = cut.rstrip(" ,;:.") + "…"
    return text


def safe_url(value: Any) -> str | None:
    """An http(s) URL fit to put in a link, or None (``javascript:`` and friends, junk)."""
    if not value:
        return None
    text = _NOT_XML.sub("", str(value)).strip()
    if _URL_UNSAFE.search(text):
        return None
    # Fast path (nearly every URL; urlsplit was a tenth of a feed build): plain ASCII
    # http(s) with a host free of "@" and brackets is what the checks below accept.
    if text.isascii() and _PLAIN_HTTP.match(text):
        return text
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or "@" in parts.netloc:
        return None
    return text


# --------------------------------------------------------------------------- item summary


@dataclass(frozen=True)
class Evidence:
    label: str
    quote: str
    document: str
    page: int | None
    url: str | None
    rule: str = ""  # the rule or signal that found it, so a flag explains itself


@dataclass(frozen=True)
class ItemSummary:
    """What a reader needs to know about one record, already cleaned: shared by the feed
    items and the web app's pages so that they say the same thing."""

    record_id: int
    guid: str
    title: str
    what: str
    council_code: str | None
    council_name: str | None
    who_label: str
    who: str | None
    suppliers: tuple[str, ...]
    value: str | None
    date: datetime | None
    updated: datetime
    category: str | None
    missing: tuple[str, ...]
    found: tuple[str, ...]
    evidence: tuple[Evidence, ...]
    source: str
    source_name: str
    source_url: str | None
    flagged: bool
    review_status: str | None
    # For each missing element, where the monitor looked ("no consultation found: 23 pages
    # of 3 documents searched").
    searched: tuple[str, ...] = ()
    # Sent to the staff review queue by the monitor and not reviewed yet.
    needs_review: bool = False
    # For staff: how sure the monitor is and why (not shown in public feeds).
    confidence: float | None = None
    confidence_reason: str = ""

    @property
    def category_label(self) -> str | None:
        return CATEGORY_LABELS.get(self.category or "")

    @property
    def status_text(self) -> str:
        if self.review_status in REVIEW_TEXT:
            return REVIEW_TEXT[self.review_status]
        if self.needs_review:
            return "Waiting for review by campaign staff: the monitor is not sure"
        return "Flagged by the monitor, not yet reviewed" if self.flagged else "Not flagged"

    @property
    def date_text(self) -> str:
        return format_date(self.date)


# strftime's %B under the C locale, without depending on the process locale.
_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December")  # fmt: skip


def format_date(value: datetime | None) -> str:
    if value is None:
        return "date not known"
    local = value.astimezone(LONDON)
    return f"{local.day} {_MONTH_NAMES[local.month - 1]} {local.year}"


# What ``quote`` leaves alone with the ``safe`` characters below: a key made only of them
# (nearly all) is its own quoted form, without quote()'s per-character work.
_KEY_SAFE = re.compile(r"[A-Za-z0-9_.~/:@!$'()*+,;=-]*")
_SOURCE_SAFE = re.compile(r"[A-Za-z0-9_.~-]*")


def guid_for(record: Record) -> str:
    """A tag URI from the source and the source's own key: the same item keeps the same
    GUID through re-crawls, database rebuilds and changes of host."""
    key, source = record.source_key, record.source
    if not _KEY_SAFE.fullmatch(key):
        key = quote(key, safe="/:@!$'()*+,;=-._~")
    if not _SOURCE_SAFE.fullmatch(source):
        source = quote(source, safe="-._~")
    return f"{TAG_PREFIX}{source}/{key}"


def _format_value(amount: Decimal | None, currency: str | None) -> str | None:
    if amount is None:
        return None
    try:
        number = Decimal(amount)
    except (InvalidOperation, TypeError):
        return None
    text = f"{number:,.2f}".removesuffix(".00")
    if (currency or "GBP").upper() == "GBP":
        return f"£{text}"
    return f"{text} {clean_text(currency)}"


def _supplier_names(suppliers: Any) -> tuple[str, ...]:
    names: list[str] = []
    for supplier in suppliers or []:
        name = supplier.get("name") if isinstance(supplier, dict) else supplier
        name = clean_text(name, 200)
        if name and name not in names:
            names.append(name)
    return tuple(names[:5])


_LABELS = {
    "is_outsourcing": "Outsourcing",
    "outsourcing": "Outsourcing",
    "is_asset_sale": "Asset sale",
    "asset_sale": "Asset sale",
    "has_consultation": "Consultation",
    "consultation": "Consultation",
    "has_inhouse_statement": "In-house option",
    "inhouse": "In-house option",
}


def _evidence(items: Iterable[Any]) -> tuple[Evidence, ...]:
    found: list[Evidence] = []
    for item in items or []:
        if not isinstance(item, dict):
            continue
        quote_text = clean_text(item.get("quote"), 600)
        raw_label = clean_text(item.get("label"), 80)
        if not quote_text and not raw_label:
            continue
        label = _LABELS.get(raw_label, raw_label.replace("_", " ").capitalize())
        try:
            page = int(item["page"]) if item.get("page") not in (None, "") else None
        except (TypeError, ValueError):
            page = None
        url = safe_url(item.get("url"))
        if url and page and "#" not in url and _url_path(url).lower().endswith(".pdf"):
            url = f"{url}#page={page}"  # PDF viewers open at the page
        document = clean_text(item.get("document"), 200)
        rule = clean_text(item.get("rule"), 120)
        found.append(Evidence(label, quote_text, document, page, url, rule))
    return tuple(found)


# scheme://host then the path, up to the query: urlsplit(url).path of a URL safe_url kept.
_PATH_OF_PLAIN_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://[^/?#]*([^?#]*)")


def _url_path(url: str) -> str:
    """``urlsplit(url).path``, without urlsplit's general work for the plain ASCII http(s)
    URLs nearly all evidence links are."""
    if url.isascii() and _PLAIN_HTTP.match(url):
        found = _PATH_OF_PLAIN_URL.match(url)
        if found:
            return found.group(1)
    return urlsplit(url).path


def _decision_group(assessment: Any) -> dict[str, Any] | None:
    group = getattr(assessment, "decision_group", None)
    return group if isinstance(group, dict) else None


def summarise(
    state: RecordState, council_name: str | None = None, *, description_limit: int = 1200
) -> ItemSummary:
    record, assessment, review = state.record, state.assessment, state.review
    missing: list[str] = []
    found: list[str] = []
    group = _decision_group(assessment)
    evidence_rows = list(assessment.evidence or []) if assessment is not None else []
    consulted = assessment.has_consultation if assessment is not None else None
    inhouse = assessment.has_inhouse_statement if assessment is not None else None
    if group is not None and assessment is not None:
        # One decision, one item: what the decision's other records show counts here too.
        if consulted is not None and group.get("has_consultation") is True:
            consulted = True
        if inhouse is not None and group.get("has_inhouse_statement") is True:
            inhouse = True
        evidence_rows += [
            {**row, "rule": f"same decision: {row.get('rule') or ''}".strip()}
            for row in group.get("evidence") or []
            if isinstance(row, dict) and row.get("record_id") != record.id
        ]
    if assessment is not None:
        if consulted is True:
            found.append("evidence of a public consultation")
        elif consulted is False:
            missing.append("no evidence of a public consultation")
        else:
            missing.append("not known whether the public was consulted")
        if assessment.is_outsourcing:
            if inhouse is True:
                found.append("an in-house option or bid was considered")
            elif inhouse is False:
                missing.append("no evidence that an in-house option or bid was considered")
            else:
                missing.append("not known whether an in-house option was considered")
    changes = [record.updated_at, record.first_seen_at]
    changes += [assessment.created_at] if assessment is not None else []
    changes += [review.created_at] if review is not None else []
    decision_maker = clean_text(record.decision_maker, 300)
    title = clean_text(record.title, 300) or "(untitled)"
    what = clean_text(record.description, description_limit)
    return ItemSummary(
        record_id=record.id,
        guid=str(group["guid"]) if group and group.get("guid") else guid_for(record),
        title=title,
        what="" if what == title else what,
        council_code=record.council_code,
        council_name=clean_text(council_name) or None,
        who_label="Decision maker" if decision_maker else "Buyer",
        who=decision_maker or clean_text(record.buyer_name, 300) or None,
        suppliers=_supplier_names(record.suppliers),
        value=_format_value(record.value_amount, record.value_currency),
        date=state.date,
        updated=max(c for c in changes if c is not None),
        category=state.category,
        missing=tuple(missing),
        found=tuple(found),
        evidence=_evidence(evidence_rows),
        source=record.source,
        source_name=SOURCE_NAMES.get(record.source, clean_text(record.source)),
        source_url=safe_url(record.url),
        flagged=state.flagged,
        review_status=state.review_status,
        searched=tuple(
            clean_text(line, 300) for line in (assessment.searched or [] if assessment else [])
        ),
        needs_review=state.needs_review,
        confidence=assessment.confidence if assessment is not None else None,
        confidence_reason=clean_text(assessment.confidence_reason if assessment else None, 1000),
    )


def sentence(phrases: Sequence[str]) -> str:
    """``["no x", "no y"]`` -> ``"No x; no y."``"""
    text = "; ".join(phrases)
    return text[:1].upper() + text[1:] + "." if text else ""


_ESCAPED: dict[str, str] = {}


def _escape(value: str) -> str:
    """``html.escape``, remembered for short texts: labels, dates, statuses, names and
    link texts repeat across items (17 escapes an item were a tenth of a cold build)."""
    if len(value) > _SHORT:
        return html.escape(value)
    escaped = _ESCAPED.get(value)
    if escaped is None:
        if len(_ESCAPED) >= _CLEANED_MAX:
            _ESCAPED.clear()
        escaped = _ESCAPED[value] = html.escape(value)
    return escaped


def item_html(summary: ItemSummary, item_page: str | None = None) -> str:
    """The item's description: a small HTML fragment built here, every value escaped."""
    e = _escape
    s = summary
    what = f"<strong>What was decided:</strong> {e(s.title)}"
    if s.what:
        what += f". {e(s.what)}"
    parts = [f"<p>{what}</p>"]
    who = e(s.who) if s.who else "not stated"
    if s.council_name:
        who += f" ({e(s.council_name)})"
    parts.append(f"<p><strong>{e(s.who_label)}:</strong> {who}</p>")
    parts.append(f"<p><strong>When:</strong> {e(s.date_text)}</p>")
    if s.category_label:
        parts.append(f"<p><strong>Kind:</strong> {e(s.category_label)}</p>")
    if s.suppliers:
        parts.append(f"<p><strong>Supplier:</strong> {e(', '.join(s.suppliers))}</p>")
    if s.value:
        parts.append(f"<p><strong>Value:</strong> {e(s.value)}</p>")
    if s.missing:
        parts.append(f"<p><strong>What is missing:</strong> {e(sentence(s.missing))}</p>")
    if s.searched:
        looked = "".join(f"<li>{e(line)}</li>" for line in s.searched)
        parts.append(f"<p><strong>Where oursay looked:</strong></p><ul>{looked}</ul>")
    if s.found:
        parts.append(f"<p><strong>What was found:</strong> {e(sentence(s.found))}</p>")
    if s.evidence:
        quotes = []
        for ev in s.evidence:
            where = e(ev.document or "source document")
            if ev.page:
                where += f", page {ev.page}"
            if ev.url:
                where = f'<a href="{e(ev.url)}">{where}</a>'
            text = f"“{e(ev.quote)}”" if ev.quote else ""
            rule = f" [rule: {e(ev.rule)}]" if ev.rule else ""
            quotes.append(f"<li>{e(ev.label)}{rule}: {text} ({where})</li>")
        parts.append("<p><strong>Evidence:</strong></p><ul>" + "".join(quotes) + "</ul>")
    parts.append(f"<p><strong>Status:</strong> {e(s.status_text)}</p>")
    links = []
    if s.source_url:
        links.append(f'<a href="{e(s.source_url)}">Source: {e(s.source_name)}</a>')
    if item_page:
        links.append(f'<a href="{e(item_page)}">Details on oursay</a>')
    if links:
        parts.append("<p>" + " · ".join(links) + "</p>")
    return "".join(parts)
