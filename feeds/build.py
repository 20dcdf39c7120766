"""Items and feeds from record states.

The same code serves ``oursay feeds`` (every feed at once, from one read of the database)
and the web app (one feed on demand), so a path holds the same bytes either way. Bytes are
a function of the database alone: ``lastBuildDate`` is the newest item's change date, never
"now", so an unchanged database gives an unchanged ETag.

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
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import quote, urlsplit
from zoneinfo import ZoneInfo

from feedgen.entry import FeedEntry
from feedgen.feed import FeedGenerator
from lxml import etree
from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session, defer

from storage.models import Council, Record
from storage.queries import RecordState, states_query

LONDON = ZoneInfo("Europe/London")
# Newest items per feed. Feed readers only need what is recent; the web app's search and
# the exports hold the whole archive.
FEED_ITEM_LIMIT = 200
# RFC 4151 tag URIs: stable whatever host serves the feed.
TAG_PREFIX = "tag:oursay,2025:"
# An empty feed still needs a date; a constant keeps its bytes stable (the day the
# Procurement Act 2023 regime started).
EMPTY_FEED_DATE = datetime(2025, 2, 24, tzinfo=UTC)
FORMATS = {"rss": "application/rss+xml", "atom": "application/atom+xml"}
CATEGORY_SLUGS = {"outsourcing": "outsourcing", "asset_sale": "asset-sales"}
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
_CODE = re.compile(r"^[A-Za-z0-9]{1,8}$")

# --------------------------------------------------------------------------- safe text

# XML 1.0 characters, minus DEL and the C1 controls (legal XML, but in scraped text they
# are always mojibake) and U+FFFE/U+FFFF. Lone surrogates fall outside every range.
_NOT_XML = re.compile("[^\t\n\r\u0020-\u007e\u00a0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_DIGITS = re.compile(r"\d[\s-]?\d[\s-]?\d[\s-]?\d[\s-]?\d[\s-]?\d[\s-]?\d[\s-]?\d")
_URL_UNSAFE = re.compile(r'[\s"<>]')
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
# UK numbers: 0 or +44, then 9-10 more digits with optional spaces or dashes. The
# look-behind keeps identifiers (ocds-…-000001) and amounts (£0.5m) out.
_PHONE = re.compile(r"(?<![\w£$€.,/-])(?:\+44\s?(?:\(0\)\s?)?|0)\d(?:[\s-]?\d){8,9}(?!\w)")


def clean_text(value: Any, limit: int | None = None) -> str:
    """Plain one-line text that is safe in XML: no forbidden characters, no contact
    details, whitespace collapsed, cut at a word boundary after ``limit`` characters."""
    if value is None:
        return ""
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


def format_date(value: datetime | None) -> str:
    if value is None:
        return "date not known"
    local = value.astimezone(LONDON)
    return f"{local.day} {local:%B %Y}"


def guid_for(record: Record) -> str:
    """A tag URI from the source and the source's own key: the same item keeps the same
    GUID through re-crawls, database rebuilds and changes of host."""
    key = quote(record.source_key, safe="/:@!$'()*+,;=-._~")
    return f"{TAG_PREFIX}{quote(record.source, safe='-._~')}/{key}"


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
        if url and page and "#" not in url and urlsplit(url).path.lower().endswith(".pdf"):
            url = f"{url}#page={page}"  # PDF viewers open at the page
        document = clean_text(item.get("document"), 200)
        rule = clean_text(item.get("rule"), 120)
        found.append(Evidence(label, quote_text, document, page, url, rule))
    return tuple(found)


def summarise(
    state: RecordState, council_name: str | None = None, *, description_limit: int = 1200
) -> ItemSummary:
    record, assessment, review = state.record, state.assessment, state.review
    missing: list[str] = []
    found: list[str] = []
    if assessment is not None:
        if assessment.has_consultation is True:
            found.append("evidence of a public consultation")
        elif assessment.has_consultation is False:
            missing.append("no evidence of a public consultation")
        else:
            missing.append("not known whether the public was consulted")
        if assessment.is_outsourcing:
            if assessment.has_inhouse_statement is True:
                found.append("an in-house option or bid was considered")
            elif assessment.has_inhouse_statement is False:
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
        guid=guid_for(record),
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
        evidence=_evidence(assessment.evidence if assessment is not None else []),
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


def item_html(summary: ItemSummary, item_page: str | None = None) -> str:
    """The item's description: a small HTML fragment built here, every value escaped."""
    e = html.escape
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


# --------------------------------------------------------------------------- feeds


@dataclass(frozen=True)
class CouncilInfo:
    code: str
    name: str

    @property
    def slug(self) -> str:
        return self.code.lower()


@dataclass(frozen=True)
class FeedSpec:
    """One feed: its name under ``feeds/`` (without extension) and what it selects.

    ``kind`` is ``flagged`` (the monitor's flag, not dismissed, or confirmed by staff),
    ``notices`` (every outsourcing or asset-sale record, flagged or not) or
    ``good_practice`` (records staff reviewed as good practice).
    """

    name: str
    title: str
    description: str
    kind: str
    council: CouncilInfo | None = None
    category: str | None = None

    def path(self, fmt: str) -> str:
        return f"feeds/{self.name}.{fmt}"

    def matches(self, state: RecordState) -> bool:
        """The Python twin of :meth:`query`: the static build filters one big read with
        it, the web app asks the database; both must select the same records."""
        if self.council and state.record.council_code != self.council.code:
            return False
        a = state.assessment
        if self.kind == "good_practice":
            return state.review_status == "good_practice"
        if a is None:
            return False
        if self.category == "outsourcing" and not a.is_outsourcing:
            return False
        if self.category == "asset_sale" and not a.is_asset_sale:
            return False
        if self.kind == "notices":
            return bool(a.is_outsourcing or a.is_asset_sale)
        return state.flagged

    def query(self, limit: int = FEED_ITEM_LIMIT) -> Select[Any]:
        filters: dict[str, Any] = {}
        if self.council:
            filters["council_codes"] = [self.council.code]
        if self.kind == "good_practice":
            filters["review_status"] = "good_practice"
        elif self.kind == "notices":
            filters["categories"] = [self.category] if self.category else list(CATEGORY_SLUGS)
        else:
            filters["flagged_only"] = True
            if self.category:
                filters["categories"] = [self.category]
        return feed_columns(newest_first(states_query(**filters))).limit(limit)


def newest_first(query: Select[Any]) -> Select[Any]:
    """Order by the item date feeds show (published, else first seen), newest first, and
    skip the raw source data nobody here reads (it can be large)."""
    date = func.coalesce(Record.published_at, Record.first_seen_at)
    return query.order_by(None).order_by(date.desc(), Record.id.desc()).options(defer(Record.data))


def feed_columns(query: Select[Any]) -> Select[Any]:
    """Skip what items never show. (``load_only`` would cost more than it saves: the ORM
    sets a loader on every instance for every deferred column.)"""
    current = query.column_descriptions[1]["entity"]
    return query.options(defer(current.signals))


def sort_key(state: RecordState) -> tuple[datetime, int]:
    return (state.date or EMPTY_FEED_DATE, state.record.id)


AGGREGATE_NAMES = ("all", "outsourcing", "asset-sales", "good-practice", "notices/all")


def aggregate_specs() -> list[FeedSpec]:
    lacks = "where oursay found no public consultation or no in-house option"
    return [
        FeedSpec(
            "all",
            "oursay: outsourcing and asset sales without consultation, all councils",
            f"Council decisions to outsource services or sell assets {lacks}.",
            "flagged",
        ),
        FeedSpec(
            "outsourcing",
            "oursay: outsourcing without consultation or an in-house option, all councils",
            f"Council decisions to outsource public services {lacks}.",
            "flagged",
            category="outsourcing",
        ),
        FeedSpec(
            "asset-sales",
            "oursay: asset sales without consultation, all councils",
            "Council decisions to sell public assets where oursay found no public consultation.",
            "flagged",
            category="asset_sale",
        ),
        FeedSpec(
            "good-practice",
            "oursay: good practice, all councils",
            "Decisions that campaign staff found followed good practice: the public was "
            "consulted and an in-house option was on the table.",
            "good_practice",
        ),
        FeedSpec(
            "notices/all",
            "oursay: every outsourcing and asset-sale notice, all councils",
            "Every outsourcing and asset-sale record oursay has found, flagged or not "
            "(for journalists).",
            "notices",
        ),
    ]


def council_specs(council: CouncilInfo) -> list[FeedSpec]:
    name, slug = council.name, council.slug
    lacks = "where oursay found no public consultation or no in-house option"
    return [
        FeedSpec(
            slug,
            f"oursay: {name}, outsourcing and asset sales without consultation",
            f"Decisions by {name} to outsource services or sell assets {lacks}.",
            "flagged",
            council,
        ),
        FeedSpec(
            f"{slug}-outsourcing",
            f"oursay: {name}, outsourcing without consultation or an in-house option",
            f"Decisions by {name} to outsource public services {lacks}.",
            "flagged",
            council,
            "outsourcing",
        ),
        FeedSpec(
            f"{slug}-asset-sales",
            f"oursay: {name}, asset sales without consultation",
            f"Decisions by {name} to sell public assets where oursay found no consultation.",
            "flagged",
            council,
            "asset_sale",
        ),
        FeedSpec(
            f"notices/{slug}",
            f"oursay: {name}, every outsourcing and asset-sale notice",
            f"Every outsourcing and asset-sale record oursay has found for {name}, "
            "flagged or not (for journalists).",
            "notices",
            council,
        ),
    ]


def usable_councils(councils: Iterable[CouncilInfo]) -> list[CouncilInfo]:
    """Councils whose code can name a feed (letters and digits, not a reserved name)."""
    reserved = {n.split("/")[-1] for n in AGGREGATE_NAMES}
    return sorted(
        (c for c in councils if _CODE.match(c.code) and c.slug not in reserved),
        key=lambda c: c.code,
    )


def site_specs(councils: Iterable[CouncilInfo]) -> list[FeedSpec]:
    specs = aggregate_specs()
    for council in usable_councils(councils):
        specs.extend(council_specs(council))
    return specs


def find_spec(name: str, councils: dict[str, CouncilInfo]) -> FeedSpec | None:
    """The spec for a feed name such as ``ken``, ``ken-outsourcing``, ``notices/ken``."""
    for spec in aggregate_specs():
        if spec.name == name:
            return spec
    code = name.removeprefix("notices/").split("-", 1)[0]
    council = councils.get(code.upper())
    if council is None or code != council.slug or not usable_councils([council]):
        return None
    return next((spec for spec in council_specs(council) if spec.name == name), None)


def load_councils(session: Session) -> dict[str, CouncilInfo]:
    rows = session.execute(select(Council.code, Council.name).order_by(Council.code))
    return {code: CouncilInfo(code, clean_text(name) or code) for code, name in rows}


def load_feed_states(session: Session) -> list[RecordState]:
    """Every state any feed can list, in one read, newest first: assessed outsourcing or
    asset-sale or flagged records, plus good-practice reviews."""
    query = feed_columns(newest_first(states_query(assessed_only=True)))
    current = query.column_descriptions[1]["entity"]
    latest = query.column_descriptions[2]["entity"]
    query = query.where(
        or_(
            current.is_outsourcing.is_(True),
            current.is_asset_sale.is_(True),
            current.should_flag.is_(True),
            latest.status.in_(["confirmed", "good_practice"]),
        )
    )
    states = {r.id: RecordState(r, a, v) for r, a, v in session.execute(query)}
    good = feed_columns(newest_first(states_query(review_status="good_practice")))
    for r, a, v in session.execute(good):
        states.setdefault(r.id, RecordState(r, a, v))
    return sorted(states.values(), key=sort_key, reverse=True)


def relative(path: str, from_path: str) -> str:
    """``path`` (from the site root) as seen from the file ``from_path``; string work only
    (``posixpath.relpath`` asks the OS for the working directory, thousands of times)."""
    here = from_path.split("/")[:-1]
    parts = path.split("/")
    common = 0
    while common < min(len(here), len(parts) - 1) and here[common] == parts[common]:
        common += 1
    return "../" * (len(here) - common) + "/".join(parts[common:]) or "./"


@dataclass(frozen=True)
class Links:
    """Where things live. With a base URL every link is absolute. Without one (a static
    site that may be served from any directory) links are relative to the file holding
    them. ``web`` says whether the web app's council and item pages exist."""

    base_url: str | None = None
    web: bool = False

    def url(self, path: str, from_path: str = "") -> str:
        if self.base_url:
            return self.base_url.rstrip("/") + "/" + path
        return relative(path, from_path)

    def feed(self, spec: FeedSpec, fmt: str, from_path: str = "") -> str:
        return self.url(spec.path(fmt), from_path)

    def page_path(self, spec: FeedSpec) -> str:
        if spec.council is None:
            return "" if self.web else "index.html"
        if self.web:
            return f"councils/{spec.council.slug}"
        return f"index.html#council-{spec.council.slug}"

    def item(self, record_id: int) -> str | None:
        return self.url(f"items/{record_id}") if self.web and self.base_url else None


class _Entry(FeedEntry):
    """A feed entry with feedgen 1.0's Atom link bug worked around
    (``FeedEntry.atom_entry`` rebinds its loop variable to the new element, so every
    attribute but ``href`` — ``rel``, ``type``, … — is lost), and serialised once per
    format so that every feed listing it reuses the bytes."""

    def __init__(self) -> None:
        super().__init__()
        self._bytes: dict[str, bytes] = {}

    def atom_entry(self, extensions: bool = True) -> Any:
        element = super().atom_entry(extensions)
        nodes = element.findall("link")
        for node, link in zip(nodes, self.link() or [], strict=True):
            for key in ("rel", "type", "hreflang", "title", "length"):
                if link.get(key):
                    node.set(key, str(link[key]))
        return element

    def serialised(self, fmt: str) -> bytes:
        """The element as feedgen's pretty printer writes it inside a feed: ``<item>`` at
        depth 2 under ``<rss><channel>``, ``<entry>`` at depth 1 under ``<feed>``."""
        cached = self._bytes.get(fmt)
        if cached is None:
            element = self.rss_entry() if fmt == "rss" else self.atom_entry()
            depth = 2 if fmt == "rss" else 1
            etree.indent(element, space="  ", level=depth)
            body = etree.tostring(element, encoding="UTF-8", xml_declaration=False)
            cached = self._bytes[fmt] = b"  " * depth + body + b"\n"
        return cached


_CLOSING = {"rss": b"  </channel>\n</rss>\n", "atom": b"</feed>\n"}


class FeedBuilder:
    """Renders feeds for one snapshot of the database. Entries are cached per record,
    so an item listed in a council feed, a category feed and ``all`` is built once."""

    def __init__(self, councils: dict[str, CouncilInfo], links: Links) -> None:
        self.councils = councils
        self.links = links
        self._entries: dict[int, tuple[_Entry, datetime]] = {}

    def forget(self, record_ids: Iterable[int]) -> None:
        """Drop cached entries no later feed will list (bounds memory in a full build)."""
        for record_id in record_ids:
            self._entries.pop(record_id, None)

    def summary(self, state: RecordState) -> ItemSummary:
        council = self.councils.get(state.record.council_code or "")
        return summarise(state, council.name if council else None)

    def _entry(self, state: RecordState) -> tuple[_Entry, datetime]:
        cached = self._entries.get(state.record.id)
        if cached is not None:
            return cached
        s = self.summary(state)
        entry = _Entry()
        entry.id(s.guid)  # also the RSS guid, isPermaLink="false"
        prefix = f"{s.council_name}: " if s.council_name else ""
        entry.title(prefix + s.title)
        item_page = self.links.item(s.record_id)
        alternate = s.source_url or item_page
        if alternate:
            entry.link(href=alternate, rel="alternate", type="text/html")
        if item_page and item_page != alternate:
            entry.link(href=item_page, rel="related", type="text/html")
        entry.content(item_html(s, item_page), type="html")
        if s.date is not None:
            entry.pubDate(s.date)  # RSS pubDate and Atom published
        entry.updated(s.updated)
        if s.category_label:
            entry.category(term=s.category or "", label=s.category_label)
        if s.council_name:
            entry.category(term=(s.council_code or "").lower(), label=s.council_name)
        self._entries[state.record.id] = (entry, s.updated)
        return entry, s.updated

    def render(
        self,
        spec: FeedSpec,
        fmt: str,
        states: Sequence[RecordState],
        *,
        from_path: str = "",
        splice: bool = True,
    ) -> bytes:
        """The feed's bytes; ``states`` newest first, already selected for ``spec``."""
        entries = [self._entry(state) for state in states[:FEED_ITEM_LIMIT]]
        fg = FeedGenerator()
        fg.id(f"{TAG_PREFIX}feeds/{spec.name}")
        fg.title(spec.title)
        fg.description(spec.description)
        fg.link(href=self.links.feed(spec, fmt, from_path), rel="self", type=FORMATS[fmt])
        # feedgen takes the RSS channel <link> from the last link added: the HTML page.
        fg.link(href=self.links.url(self.links.page_path(spec), from_path), rel="alternate")
        fg.language("en-GB")
        fg.author({"name": "oursay"})  # Atom wants an author; deliberately no e-mail
        fg.generator("oursay")
        fg.lastBuildDate(max((updated for _, updated in entries), default=EMPTY_FEED_DATE))
        if not splice:
            for entry, _ in entries:
                fg.add_entry(entry, order="append")  # feedgen prepends by default
        document = fg.rss_str(pretty=True) if fmt == "rss" else fg.atom_str(pretty=True)
        if not splice:
            return document
        # feedgen writes the channel and closes it; the entries, serialised once each by
        # feedgen and lxml, go before the closing tags. ``splice=False`` (the plain
        # feedgen path) gives the same bytes; tests hold the two together.
        closing = _CLOSING[fmt]
        if not document.endswith(closing):
            raise ValueError(f"unexpected end of a feedgen {fmt} document")
        items = b"".join(entry.serialised(fmt) for entry, _ in entries)
        return document[: -len(closing)] + items + closing


def build_feed(
    session: Session,
    name: str,
    fmt: str,
    links: Links,
    councils: dict[str, CouncilInfo] | None = None,
) -> bytes | None:
    """One feed on demand (the web app), or None when no feed has that name."""
    if fmt not in FORMATS:
        return None
    councils = councils if councils is not None else load_councils(session)
    spec = find_spec(name, councils)
    if spec is None:
        return None
    rows = session.execute(spec.query())
    states = [RecordState(r, a, v) for r, a, v in rows]
    states = sorted((s for s in states if spec.matches(s)), key=sort_key, reverse=True)
    return FeedBuilder(councils, links).render(spec, fmt, states)
