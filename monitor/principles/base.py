"""What every principle's rule shares: the four statuses, a verdict with its evidence, and
the facts the rules read, loaded once per run.

A verdict is only as strong as its evidence: "no evidence" (nothing public to judge by) is
a different answer from "not practised" (public evidence that the council did not), and
every output keeps them apart.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

from feeds.items import clean_text, safe_url

PRACTISED = "practised"
PARTLY = "partly"
NOT_PRACTISED = "not practised"
NO_EVIDENCE = "no evidence"
STATUSES = (PRACTISED, PARTLY, NOT_PRACTISED, NO_EVIDENCE)
# The motion row: a council that adopted the principles, or nothing found.
ADOPTED = "adopted"
MOTION = "motion"
PRINCIPLE_KEYS = tuple(str(n) for n in range(1, 10))

# The campaign's wording (Our Services Our Say), shortened for table headings.
PRINCIPLES = {
    "1": "Public service contracts publicly available",
    "2": "Performance and financial data of providers public",
    "3": "Freedom of Information applies to private providers",
    "4": "The public consulted about public services",
    "5": "The public consulted before outsourcing or sale of assets",
    "6": "A right to recall bad providers",
    "7": "Public ownership the default; the public-interest case made",
    "8": "An in-house bid on the table, or a reason why not",
    "9": "Social value prioritised when services are outsourced",
}

# Thresholds (docs/scorecard.md says the same; tests/test_docs.py holds them together).
LARGE_CONTRACT = Decimal(5_000_000)  # the Act's copy-of-contract and KPI threshold
COPY_GRACE_DAYS = 30  # days after signing before a missing copy counts against the council
LOOKBACK_DAYS = 2 * 365  # contracts signed in the last two years
SOCIAL_VALUE_MIN_WEIGHT = Decimal(10)  # per cent: the central-government minimum (PPN 06/20)
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)  # sorts undated releases oldest


@dataclass(frozen=True)
class Evidence:
    url: str | None
    record_id: int | None
    text: str
    date: str | None = None  # YYYY-MM-DD
    good: bool | None = None  # True: something to celebrate; False: against; None: neutral

    def as_dict(self) -> dict[str, Any]:
        return {
            "url": self.url,
            "record_id": self.record_id,
            "text": self.text,
            "date": self.date,
            "good": self.good,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Evidence:
        return cls(
            url=safe_url(data.get("url")),
            record_id=data.get("record_id"),
            text=clean_text(data.get("text"), 400),
            date=data.get("date"),
            good=data.get("good"),
        )


@dataclass(frozen=True)
class Verdict:
    status: str
    reason: str
    evidence: tuple[Evidence, ...] = ()


def evidence(
    url: Any, record_id: int | None, text: str, when: datetime | None, good: bool | None
) -> Evidence:
    """Evidence with its scraped parts made safe: text cleaned, URL http(s) only."""
    return Evidence(
        url=safe_url(url),
        record_id=record_id,
        text=clean_text(text, 400),
        date=when.date().isoformat() if when else None,
        good=good,
    )


def from_counts(
    good: int, bad: int, *, what: str, good_text: str, bad_text: str, nothing: str
) -> tuple[str, str]:
    """Status and reason from counts of cases for and against: all for is practised, all
    against is not practised, a mix is partly, none at all is no evidence."""
    if good == 0 and bad == 0:
        return NO_EVIDENCE, nothing
    parts = []
    if good:
        parts.append(f"{good} {what} {good_text}")
    if bad:
        parts.append(f"{bad} {bad_text}")
    reason = "; ".join(parts)
    if bad == 0:
        return PRACTISED, reason
    if good == 0:
        return NOT_PRACTISED, reason
    return PARTLY, reason


# --------------------------------------------------------------------------- facts read


@dataclass
class NoticeFact:
    """One stored Find a Tender release: the rules read its OCDS release."""

    record_id: int
    council: str
    notice_type: str
    url: str | None
    published: datetime | None
    release: dict[str, Any]

    @property
    def ocid(self) -> str:
        return str(self.release.get("ocid") or "")

    @property
    def tender(self) -> dict[str, Any]:
        return as_dict(self.release.get("tender"))

    @property
    def title(self) -> str:
        return clean_text(self.tender.get("title"), 200) or "untitled notice"


@dataclass
class AssessmentFact:
    """A record's current assessment, as the monitor left it."""

    record_id: int
    council: str
    kind: str
    title: str
    url: str | None
    date: datetime | None
    is_outsourcing: bool
    is_asset_sale: bool
    has_consultation: bool | None
    has_inhouse_statement: bool | None
    flagged: bool  # a flag the public sees (published, or confirmed by staff)
    confirmed: bool  # staff confirmed the flag
    evidence: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class TextFact:
    """A committee record (or one page of its documents) that names the campaign."""

    record_id: int
    council: str
    kind: str
    title: str
    url: str | None
    date: datetime | None
    text: str


@dataclass
class Facts:
    """Everything the rules read for one council."""

    notices: list[NoticeFact] = field(default_factory=list)
    assessments: list[AssessmentFact] = field(default_factory=list)
    consultations: list[TextFact] = field(default_factory=list)
    campaign_texts: list[TextFact] = field(default_factory=list)
    as_of: datetime = field(default_factory=lambda: datetime.now(UTC))

    def of_type(self, *types: str) -> list[NoticeFact]:
        return [n for n in self.notices if n.notice_type in types]


# --------------------------------------------------------------------------- OCDS helpers


def as_dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def parse_date(value: Any) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def money(value: Any) -> Decimal | None:
    """A contract's value as the Act estimates it: with VAT (``amountGross``) where the
    notice gives it, else ``amount``. Only pounds are compared with pound thresholds."""
    data = as_dict(value)
    if data.get("currency") not in (None, "GBP"):
        return None
    for key in ("amountGross", "amount"):
        amount = data.get(key)
        if isinstance(amount, int | float) and not isinstance(amount, bool):
            return Decimal(str(amount))
    return None


def pounds(amount: Decimal | None) -> str:
    if amount is None:
        return "value not given"
    if amount >= 1_000_000:
        return f"£{amount / 1_000_000:.1f}m"
    return f"£{amount:,.0f}"


def newest_per_key(notices: Iterable[NoticeFact], key: Any) -> dict[Any, list[NoticeFact]]:
    """Notices grouped by ``key(notice)``, newest release first in each group."""
    groups: dict[Any, list[NoticeFact]] = {}
    for notice in notices:
        groups.setdefault(key(notice), []).append(notice)
    for members in groups.values():
        members.sort(key=lambda n: (n.published or EPOCH, n.record_id), reverse=True)
    return groups


def within(when: datetime | None, as_of: datetime, days: int) -> bool:
    return when is not None and as_of - timedelta(days=days) <= when <= as_of + timedelta(days=1)


def matches(pattern: re.Pattern[str], *texts: Any) -> str | None:
    """The first text (cleaned) that ``pattern`` finds something in."""
    for text in texts:
        if isinstance(text, str) and pattern.search(text):
            return clean_text(text, 300)
    return None
