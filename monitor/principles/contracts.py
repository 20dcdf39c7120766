"""Principles 1, 2 and 6 from contract notices under the Procurement Act 2023: contract
details (UK7), contract performance (UK9), contract change (UK10) and termination (UK11).

One contract is counted once: its releases are grouped by (ocid, contract id) and the
newest release says what the contract is, while a signed copy in any of its releases
counts as published.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from feeds.items import clean_text
from monitor.principles.base import (
    COPY_GRACE_DAYS,
    EPOCH,
    LARGE_CONTRACT,
    LOOKBACK_DAYS,
    NO_EVIDENCE,
    PARTLY,
    PRACTISED,
    Evidence,
    Facts,
    NoticeFact,
    Verdict,
    as_dict,
    as_list,
    evidence,
    from_counts,
    matches,
    money,
    parse_date,
    pounds,
    within,
)

# A termination the council chose because the provider failed: the right of recall used.
_POOR_PERFORMANCE = re.compile(
    r"breach|poor(?:ly)?[\s-]*perform|under[\s-]?perform|unsatisfactory|default(?:ed)? by|"
    r"failure to (?:perform|deliver|meet)|failed to (?:perform|deliver|meet)",
    re.IGNORECASE,
)


@dataclass
class Contract:
    notice: NoticeFact  # the newest release that lists it
    data: dict[str, Any]
    copy_url: str | None  # a contractSigned document in any release
    copy_notice: NoticeFact | None
    value: Decimal | None
    signed: datetime | None

    @property
    def title(self) -> str:
        return clean_text(self.data.get("title"), 200) or self.notice.title

    def describe(self) -> str:
        when = f", signed {self.signed.date().isoformat()}" if self.signed else ""
        return f"'{self.title}' ({pounds(self.value)} with VAT{when})"


def large_contracts(facts: Facts) -> list[Contract]:
    """Contracts over £5m (with VAT) in the council's contract details notices, signed in
    the last two years (or, with no signing date, published in them)."""
    entries: dict[tuple[str, str], list[tuple[NoticeFact, dict[str, Any]]]] = {}
    for notice in facts.of_type("UK7"):
        for contract in as_list(notice.release.get("contracts")):
            contract = as_dict(contract)
            key = (notice.ocid or str(notice.record_id), str(contract.get("id") or ""))
            entries.setdefault(key, []).append((notice, contract))
    found = []
    for members in entries.values():
        newest, data = max(members, key=lambda m: (m[0].published or EPOCH, m[0].record_id))
        copy_url, copy_notice = None, None
        for notice, contract in members:
            for document in as_list(contract.get("documents")):
                document = as_dict(document)
                if document.get("documentType") == "contractSigned" and document.get("url"):
                    copy_url, copy_notice = str(document["url"]), notice
        value = money(data.get("value"))
        signed = parse_date(data.get("dateSigned"))
        if value is None or value <= LARGE_CONTRACT:
            continue
        if not within(signed or newest.published, facts.as_of, LOOKBACK_DAYS):
            continue
        found.append(Contract(newest, data, copy_url, copy_notice, value, signed))
    found.sort(key=lambda c: (c.notice.council, c.title))
    return found


def principle_1(facts: Facts) -> Verdict:
    published, missing, waiting = [], [], []
    for contract in large_contracts(facts):
        if contract.copy_url:
            published.append(contract)
            continue
        # The law allows time after signing; until then a missing copy is not a failing.
        since = contract.signed or contract.notice.published
        if since is not None and facts.as_of - since <= timedelta(days=COPY_GRACE_DAYS):
            waiting.append(contract)
        else:
            missing.append(contract)
    found = (
        [
            evidence(
                c.copy_url,
                (c.copy_notice or c.notice).record_id,
                f"Signed contract published: {c.describe()}",
                c.signed or c.notice.published,
                True,
            )
            for c in published
        ]
        + [
            evidence(
                c.notice.url,
                c.notice.record_id,
                f"No signed copy published for {c.describe()}: the notice lists no contractSigned "
                f"document more than {COPY_GRACE_DAYS} days after signing",
                c.signed or c.notice.published,
                False,
            )
            for c in missing
        ]
        + [
            evidence(
                c.notice.url,
                c.notice.record_id,
                f"Not yet due: {c.describe()}, within {COPY_GRACE_DAYS} days of signing",
                c.signed or c.notice.published,
                None,
            )
            for c in waiting
        ]
    )
    nothing = "no contract over £5m in its contract details notices of the last two years"
    if waiting:
        nothing = f"{len(waiting)} contract(s) over £5m still within the {COPY_GRACE_DAYS} days"
    status, reason = from_counts(
        len(published),
        len(missing),
        what="contract(s) over £5m",
        good_text="with a signed copy published",
        bad_text="contract(s) over £5m without a published copy",
        nothing=nothing,
    )
    return Verdict(status, reason, tuple(found))


def principle_2(facts: Facts) -> Verdict:
    with_kpis, without = [], []
    for contract in large_contracts(facts):
        metrics = [as_dict(m) for m in as_list(contract.data.get("agreedMetrics"))]
        (with_kpis if metrics else without).append((contract, metrics))
    found: list[Evidence] = []
    for contract, metrics in with_kpis:
        names = ", ".join(str(m.get("title") or "") for m in metrics[:3] if m.get("title"))
        found.append(
            evidence(
                contract.notice.url,
                contract.notice.record_id,
                f"{len(metrics)} key performance indicator(s) published for "
                f"{contract.describe()}" + (f": {names}" if names else ""),
                contract.notice.published,
                True,
            )
        )
    for contract, _ in without:
        found.append(
            evidence(
                contract.notice.url,
                contract.notice.record_id,
                f"No key performance indicators published for {contract.describe()}",
                contract.notice.published,
                False,
            )
        )
    performance = facts.of_type("UK9")
    for notice in performance:
        found.append(
            evidence(
                notice.url,
                notice.record_id,
                f"Contract performance notice published for '{notice.title}'",
                notice.published,
                True,
            )
        )
    final_values = []
    for notice in facts.of_type("UK11"):
        for contract in as_list(notice.release.get("contracts")):
            final = money(as_dict(as_dict(contract).get("implementation")).get("finalValue"))
            if final is not None:
                final_values.append(notice)
                found.append(
                    evidence(
                        notice.url,
                        notice.record_id,
                        f"Final value published for '{notice.title}': {pounds(final)}",
                        notice.published,
                        True,
                    )
                )
    if with_kpis or without:
        status, reason = from_counts(
            len(with_kpis),
            len(without),
            what="contract(s) over £5m",
            good_text="with key performance indicators published",
            bad_text="contract(s) over £5m without published key performance indicators",
            nothing="",
        )
        extra = len(performance) + len(final_values)
        if extra:
            reason += f"; {extra} performance or final-value notice(s)"
        return Verdict(status, reason, tuple(found))
    if performance or final_values:
        return Verdict(
            PARTLY,
            f"{len(performance)} performance and {len(final_values)} final-value notice(s) "
            "published; no contract over £5m to check for key performance indicators",
            tuple(found),
        )
    return Verdict(NO_EVIDENCE, "no contract over £5m, performance or final-value notice found")


def principle_6(facts: Facts) -> Verdict:
    """Recall used (a termination for breach or poor performance) is practised; review
    points (UK10 changes, other terminations, extension options) are partly. Notices never
    show a contract without a way out, so this rule never says "not practised"."""
    recalls: list[Evidence] = []
    points: list[Evidence] = []
    for notice in facts.of_type("UK11"):
        for contract in as_list(notice.release.get("contracts")):
            contract = as_dict(contract)
            reasons = [
                str(as_dict(r).get("id") or "")
                for r in as_list(contract.get("terminationRationaleClassifications"))
            ]
            quote = matches(
                _POOR_PERFORMANCE,
                contract.get("terminationRationale"),
                contract.get("statusDetails"),
                " ".join(reasons),
            )
            if quote:
                recalls.append(
                    evidence(
                        notice.url,
                        notice.record_id,
                        f"Contract '{notice.title}' terminated: {quote}",
                        notice.published,
                        True,
                    )
                )
            else:
                why = ", ".join(r for r in reasons if r) or "no reason given"
                points.append(
                    evidence(
                        notice.url,
                        notice.record_id,
                        f"Contract '{notice.title}' ended ({why})",
                        notice.published,
                        None,
                    )
                )
    for notice in facts.of_type("UK10"):
        rationale = ""
        for contract in as_list(notice.release.get("contracts")):
            for amendment in as_list(as_dict(contract).get("amendments")):
                rationale = rationale or str(as_dict(amendment).get("rationale") or "")
        points.append(
            evidence(
                notice.url,
                notice.record_id,
                f"Contract change published for '{notice.title}'"
                + (f": {rationale}" if rationale else ""),
                notice.published,
                None,
            )
        )
    options = 0
    for contract in large_contracts(facts):
        period = as_dict(contract.data.get("period"))
        end, latest = parse_date(period.get("endDate")), parse_date(period.get("maxExtentDate"))
        if contract.data.get("hasRenewal") or (end and latest and latest > end):
            options += 1
            points.append(
                evidence(
                    contract.notice.url,
                    contract.notice.record_id,
                    f"{contract.describe()} runs to {end.date() if end else 'its end date'} "
                    "and is extended only if the council chooses",
                    contract.notice.published,
                    None,
                )
            )
    if recalls:
        return Verdict(
            PRACTISED,
            f"{len(recalls)} contract(s) ended for breach or poor performance",
            tuple(recalls + points),
        )
    if points:
        return Verdict(
            PARTLY,
            f"{len(points)} review point(s): contract changes, terminations or extension "
            f"options ({options} option(s) on contracts over £5m); no recall for poor "
            "performance found",
            tuple(points),
        )
    return Verdict(NO_EVIDENCE, "no contract change, termination or extension option found")
