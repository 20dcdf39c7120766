"""Principles 7 and 9 from how services are bought: direct awards and their justification
(UK5), procurements cancelled because the council's strategy changed (UK12), and the award
criteria of service tenders (social value named and weighted, per lot and per tender).
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from feeds.items import clean_text
from monitor.principles.base import (
    NO_EVIDENCE,
    NOT_PRACTISED,
    PARTLY,
    PRACTISED,
    SOCIAL_VALUE_MIN_WEIGHT,
    Evidence,
    Facts,
    NoticeFact,
    Verdict,
    as_dict,
    as_list,
    evidence,
    matches,
    newest_per_key,
)

# A procurement stopped so that the service stays with (or comes back to) the council.
_IN_HOUSE = re.compile(
    r"in[\s-]?house|insourc|bring (?:the service )?back|public(?:ly)? (?:owned|provision)|"
    r"deliver(?:ed)? (?:directly )?by the council",
    re.IGNORECASE,
)
# Cancelled because the council decided differently, not because of a flawed process: a
# step the campaign would count, but not on its own a case for public provision.
_STRATEGY = re.compile(
    r"strateg\w* (?:has |have )?changed|change (?:of|in) (?:the council'?s? )?strategy|"
    r"no longer (?:be )?(?:re)?procur",
    re.IGNORECASE,
)
# A justification given in the notice's own words where the structured field is empty.
_JUSTIFIED = re.compile(
    r"[^.\n]*(?:justif\w*|schedule 5|only (?:viable|available|possible) (?:provider|supplier)|"
    r"single supplier|absence of competition|extreme(?:ly)? urgen\w*)[^.\n]*\.?",
    re.IGNORECASE,
)
# Social value by name; Wales and Scotland call it community benefits or wellbeing.
_SOCIAL_VALUE = re.compile(
    r"social[\s-]+value|community[\s-]+benefit|community[\s-]+wellbeing", re.IGNORECASE
)
# Criteria named so that nobody can tell what they weigh: the notice says nothing either way.
_OPAQUE = re.compile(
    r"^\s*(?:(?:quality\s+)?criteri(?:on|a)\s*\d*\b.*|as per\b.*|see\b.*|\d+\s*)$",
    re.IGNORECASE,
)


def principle_7(facts: Facts) -> Verdict:
    good: list[Evidence] = []
    bad: list[Evidence] = []
    neutral: list[Evidence] = []
    for notice in facts.of_type("UK12"):
        details = [as_dict(a).get("statusDetails") for a in as_list(notice.release.get("awards"))]
        details.append(notice.tender.get("statusDetails"))
        quote = matches(_IN_HOUSE, *details)
        if quote:
            good.append(
                evidence(
                    notice.url,
                    notice.record_id,
                    f"Procurement '{notice.title}' cancelled to keep the service public: {quote}",
                    notice.published,
                    True,
                )
            )
            continue
        quote = matches(_STRATEGY, *details)
        if quote:
            neutral.append(
                evidence(
                    notice.url,
                    notice.record_id,
                    f"Procurement '{notice.title}' cancelled after a change of strategy: {quote}",
                    notice.published,
                    None,
                )
            )
    for notices in newest_per_key(facts.of_type("UK5"), lambda n: n.ocid).values():
        notice = notices[0]
        tender = notice.tender
        rationale = clean_text(tender.get("procurementMethodRationale"), 300)
        grounds = [
            str(as_dict(g).get("id"))
            for g in as_list(tender.get("procurementMethodRationaleClassifications"))
            if as_dict(g).get("id")
        ]
        description = str(tender.get("description") or "")
        found = _JUSTIFIED.search(description)
        # From the sentence that names the justification on: the reason usually follows it.
        stated = clean_text(description[found.start() :], 300) if found else ""
        if rationale or grounds or stated:
            why = rationale or stated or f"ground {', '.join(grounds)}"
            neutral.append(
                evidence(
                    notice.url,
                    notice.record_id,
                    f"Direct award '{notice.title}' with a justification: {why}",
                    notice.published,
                    None,
                )
            )
        else:
            bad.append(
                evidence(
                    notice.url,
                    notice.record_id,
                    f"Direct award '{notice.title}' with no justification published",
                    notice.published,
                    False,
                )
            )
    for fact in facts.assessments:
        for item in fact.evidence:
            quote = str(as_dict(item).get("quote") or "")
            if fact.is_outsourcing and re.search(
                r"options? appraisal|business case|public interest", quote, re.IGNORECASE
            ):
                good.append(
                    evidence(
                        item.get("url") or fact.url,
                        fact.record_id,
                        f"Options case in '{clean_text(fact.title, 150)}': {quote}",
                        fact.date,
                        True,
                    )
                )
                break
    found = tuple(good + bad + neutral)
    summary = (
        f"{len(good)} case(s) made for public provision; "
        f"{len(bad)} direct award(s) without a published justification; "
        f"{len(neutral)} justified direct award(s) or cancellations after a change of strategy"
    )
    if good and not bad:
        return Verdict(PRACTISED, summary, found)
    if bad and not good and not neutral:
        return Verdict(NOT_PRACTISED, summary, found)
    if good or bad or neutral:
        return Verdict(PARTLY, summary, found)
    return Verdict(NO_EVIDENCE, "no direct award, cancellation or options case found")


def _weight(criterion: dict[str, Any]) -> Decimal | None:
    for number in as_list(criterion.get("numbers")):
        value = as_dict(number).get("number")
        if isinstance(value, bool):
            continue
        try:
            return Decimal(str(value))
        except (InvalidOperation, ValueError):
            continue
    return None


def _criteria_sets(notice: NoticeFact) -> list[tuple[str | None, list[dict[str, Any]]]]:
    """(lot id or None for the tender, criteria) wherever the notice publishes criteria."""
    sets: list[tuple[str | None, list[dict[str, Any]]]] = []
    tender = notice.tender
    own = [as_dict(c) for c in as_list(as_dict(tender.get("awardCriteria")).get("criteria"))]
    if own:
        sets.append((None, own))
    for lot in as_list(tender.get("lots")):
        lot = as_dict(lot)
        criteria = [as_dict(c) for c in as_list(as_dict(lot.get("awardCriteria")).get("criteria"))]
        if criteria:
            sets.append((str(lot.get("id") or "?"), criteria))
    return sets


def _judge_tender(notice: NoticeFact) -> tuple[str, str] | None:
    """(``weighted`` | ``low`` | ``none``, what the criteria say), or None when the notice
    publishes no criteria or only criteria whose names say nothing."""
    said: list[str] = []
    verdicts: list[str] = []
    for lot, criteria in _criteria_sets(notice):
        where = f"lot {lot}" if lot else "the tender"
        names = [clean_text(c.get("name") or c.get("description"), 80) for c in criteria]
        social = [
            (name, _weight(c))
            for name, c in zip(names, criteria, strict=True)
            if _SOCIAL_VALUE.search(name) or _SOCIAL_VALUE.search(str(c.get("description") or ""))
        ]
        if social:
            name, weight = social[0]
            shown = f"{weight.normalize():f}%" if weight is not None else "no weight given"
            said.append(f"'{name}' {shown} ({where})")
            strong = weight is not None and weight >= SOCIAL_VALUE_MIN_WEIGHT
            verdicts.append("weighted" if strong else "low")
        elif names and not all(_OPAQUE.match(n) or not n for n in names):
            said.append(f"no social-value criterion among {', '.join(names)} ({where})")
            verdicts.append("none")
    if not verdicts:
        return None
    if all(v == "weighted" for v in verdicts):
        return "weighted", "; ".join(said)
    if all(v == "none" for v in verdicts):
        return "none", "; ".join(said)
    return "low", "; ".join(said)


def principle_9(facts: Facts) -> Verdict:
    """Service tenders only: the principle is about outsourcing public services."""
    counts = {"weighted": 0, "low": 0, "none": 0}
    found: list[Evidence] = []
    candidates = [
        n
        for n in facts.notices
        if _criteria_sets(n) and n.tender.get("mainProcurementCategory") == "services"
    ]
    for notices in newest_per_key(candidates, lambda n: n.ocid or n.record_id).values():
        notice = notices[0]
        judged = _judge_tender(notice)
        if judged is None:
            continue
        verdict, said = judged
        counts[verdict] += 1
        good = {"weighted": True, "low": None, "none": False}[verdict]
        found.append(
            evidence(
                notice.url,
                notice.record_id,
                f"Award criteria of '{notice.title}': {said}",
                notice.published,
                good,
            )
        )
    weighted, low, none = counts["weighted"], counts["low"], counts["none"]
    minimum = f"{SOCIAL_VALUE_MIN_WEIGHT.normalize():f}%"
    reason = (
        f"{weighted} service tender(s) weight social value at {minimum} or more; "
        f"{low} name it with less or no weight; {none} name no social-value criterion"
    )
    found.sort(key=lambda e: {True: 0, None: 1, False: 2}[e.good])
    if not any(counts.values()):
        return Verdict(NO_EVIDENCE, "no service tender with published, named award criteria")
    if weighted and not low and not none:
        return Verdict(PRACTISED, reason, tuple(found))
    if none and not weighted and not low:
        return Verdict(NOT_PRACTISED, reason, tuple(found))
    return Verdict(PARTLY, reason, tuple(found))
