"""Principles 3, 4, 5 and 8 and the campaign motion, from council papers and the monitor's
assessments of them.

The monitor's flags are evidence against a council only where the council's own papers were
read: a procurement notice never carries a consultation or an in-house option, so a flag on a
notice alone says "not found in the notice", which is no evidence either way. A flag on a
committee record (or one staff confirmed) is evidence that the decision lacked it.
"""

from __future__ import annotations

import re

from feeds.items import clean_text
from monitor.principles.base import (
    ADOPTED,
    NO_EVIDENCE,
    PRACTISED,
    AssessmentFact,
    Evidence,
    Facts,
    Verdict,
    as_dict,
    evidence,
    from_counts,
)

PAPER_KINDS = ("decision", "agenda_item", "forward_plan", "issue")
# The campaign by name, or its nine principles.
CAMPAIGN = re.compile(
    r"our\s+services,?\s+our\s+say|we\s+own\s+it|nine\s+(?:public\s+service\s+)?principles",
    re.IGNORECASE,
)
# What a motion does when it adopts them (not a motion that notes, rejects or defers).
_RESOLVES = re.compile(
    r"\b(?:adopt(?:s|ed|ing)?|support(?:s|ed)?|endorse(?:s|d)?|sign(?:s|ed)? up|"
    r"pledge(?:s|d)?|commit(?:s|ted)? to)\b",
    re.IGNORECASE,
)
_REJECTED = re.compile(
    r"\b(?:motion (?:was )?(?:lost|fell|defeated|withdrawn|rejected)|not carried)\b",
    re.IGNORECASE,
)


def _quote(fact: AssessmentFact, label: str) -> tuple[str, str | None]:
    for item in fact.evidence:
        item = as_dict(item)
        if item.get("label") == label and item.get("quote"):
            return clean_text(item["quote"], 250), item.get("url") or item.get("document")
    return "", None


def _decision_rule(facts: Facts, label: str, *, outsourcing_only: bool) -> Verdict:
    good: list[Evidence] = []
    bad: list[Evidence] = []
    noun = "an in-house option" if label == "has_inhouse_statement" else "a public consultation"
    for fact in facts.assessments:
        if not (fact.is_outsourcing or (fact.is_asset_sale and not outsourcing_only)):
            continue
        value = getattr(fact, label)
        title = clean_text(fact.title, 150) or "untitled record"
        if value is True:
            quote, url = _quote(fact, label)
            good.append(
                evidence(
                    url or fact.url,
                    fact.record_id,
                    f"'{title}': {quote}" if quote else f"'{title}' shows {noun}",
                    fact.date,
                    True,
                )
            )
        elif fact.flagged and (fact.confirmed or fact.kind in PAPER_KINDS):
            bad.append(
                evidence(
                    fact.url,
                    fact.record_id,
                    f"'{title}': no sign of {noun} in the council's papers"
                    + (" (confirmed by campaign staff)" if fact.confirmed else ""),
                    fact.date,
                    False,
                )
            )
    what = "asset-sale decision(s)" if not outsourcing_only else "outsourcing decision(s)"
    if not outsourcing_only:
        what = "outsourcing or asset-sale decision(s)"
    status, reason = from_counts(
        len(good),
        len(bad),
        what=what,
        good_text=f"with {noun}",
        bad_text=f"flagged from the council's papers for lacking {noun}",
        nothing=f"no decision found that shows {noun} or its absence in the council's papers",
    )
    return Verdict(status, reason, tuple(good + bad))


def principle_3(facts: Facts) -> Verdict:
    return Verdict(
        NO_EVIDENCE,
        "Freedom of Information cover of private providers is set in contract terms that "
        "notices and committee papers rarely publish; nothing found either way",
    )


def principle_4(facts: Facts) -> Verdict:
    """Any consultation the council ran, or consultation the monitor found in its papers.
    Missing consultations on outsourcing count against principle 5, not here."""
    found = [
        evidence(c.url, c.record_id, f"Consultation: '{clean_text(c.title, 200)}'", c.date, True)
        for c in facts.consultations
    ]
    for fact in facts.assessments:
        if fact.has_consultation:
            quote, url = _quote(fact, "has_consultation")
            title = clean_text(fact.title, 150)
            found.append(
                evidence(
                    url or fact.url,
                    fact.record_id,
                    f"'{title}': {quote}" if quote else f"'{title}': consultation held",
                    fact.date,
                    True,
                )
            )
    if not found:
        return Verdict(NO_EVIDENCE, "no consultation found in the council's papers or portal")
    return Verdict(
        PRACTISED, f"{len(found)} consultation(s) found in the council's papers", tuple(found)
    )


def principle_5(facts: Facts) -> Verdict:
    return _decision_rule(facts, "has_consultation", outsourcing_only=False)


def principle_8(facts: Facts) -> Verdict:
    return _decision_rule(facts, "has_inhouse_statement", outsourcing_only=True)


def motion(facts: Facts) -> Verdict:
    """A committee record that names the campaign (or its nine principles) and resolves to
    adopt or support it. A motion that was lost or withdrawn is not adoption."""
    found = []
    for text in facts.campaign_texts:
        for sentence in re.split(r"(?<=[.;:])\s+|\n+", text.text):
            if (
                CAMPAIGN.search(sentence)
                and _RESOLVES.search(sentence)
                and not _REJECTED.search(text.text)
            ):
                found.append(
                    evidence(
                        text.url,
                        text.record_id,
                        f"'{clean_text(text.title, 150)}': {clean_text(sentence, 300)}",
                        text.date,
                        True,
                    )
                )
                break
    if not found:
        return Verdict(NO_EVIDENCE, "no motion adopting the Our Services Our Say principles found")
    return Verdict(ADOPTED, "a motion adopting the principles", tuple(found))
