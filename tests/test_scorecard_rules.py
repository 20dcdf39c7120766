"""Each principle's rule on the project's own small releases (written here, shaped like Find
a Tender's OCDS): a signed copy published, a large contract without one inside and outside
the 30 days, social-value weights on lots and on the tender, a UK10 change, a UK11
termination for poor performance, direct awards with and without a justification, a motion
adopting the principles, and "no evidence" kept apart from "not practised".
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from monitor.principles.base import (
    ADOPTED,
    NO_EVIDENCE,
    NOT_PRACTISED,
    PARTLY,
    PRACTISED,
    AssessmentFact,
    Facts,
    NoticeFact,
    TextFact,
)
from monitor.principles.competition import principle_7, principle_9
from monitor.principles.contracts import principle_1, principle_2, principle_6
from monitor.principles.papers import motion, principle_5, principle_8

AS_OF = datetime(2026, 7, 1, tzinfo=UTC)
COPY = "https://www.example.org/sample/contract-copy.pdf"


def notice(
    notice_type: str,
    release: dict[str, Any],
    *,
    record_id: int = 1,
    published: str = "2026-06-20T10:00:00+01:00",
    ocid: str = "ocds-sample-1",
) -> NoticeFact:
    release = {"ocid": ocid, "id": f"sample-{record_id}", **release}
    return NoticeFact(
        record_id=record_id,
        council="EXS",
        notice_type=notice_type,
        url=f"https://www.example.org/sample/notice/{record_id}",
        published=datetime.fromisoformat(published),
        release=release,
    )


def contract(
    id: str = "1",
    *,
    gross: float = 6_000_000,
    signed: str = "2026-03-01T00:00:00+00:00",
    copy: bool = False,
    **extra: Any,
) -> dict[str, Any]:
    documents = [{"id": "n", "documentType": "contractNotice", "url": "https://x.example/n"}]
    if copy:
        documents.append({"id": "c", "documentType": "contractSigned", "url": COPY})
    return {
        "id": id,
        "title": f"Sample contract {id}",
        "value": {"amountGross": gross, "amount": gross / 1.2, "currency": "GBP"},
        "dateSigned": signed,
        "documents": documents,
        **extra,
    }


def facts(*notices: NoticeFact, **others: Any) -> Facts:
    return Facts(notices=list(notices), as_of=AS_OF, **others)


# --------------------------------------------------------------------------- principle 1


def test_p1_a_published_signed_copy_is_practised() -> None:
    verdict = principle_1(facts(notice("UK7", {"contracts": [contract(copy=True)]})))
    assert verdict.status == PRACTISED
    [piece] = verdict.evidence
    assert piece.url == COPY and piece.record_id == 1 and piece.good is True
    assert "Sample contract 1" in piece.text and piece.date == "2026-03-01"


def test_p1_a_missing_copy_counts_only_after_30_days() -> None:
    # Signed 40 days before AS_OF: overdue. Signed 10 days before: not yet due.
    late = contract("1", signed="2026-05-22T00:00:00+00:00")
    recent = contract("2", signed="2026-06-21T00:00:00+00:00")
    verdict = principle_1(facts(notice("UK7", {"contracts": [late, recent]})))
    assert verdict.status == NOT_PRACTISED
    assert "1 contract(s) over £5m without a published copy" in verdict.reason
    bad = [e for e in verdict.evidence if e.good is False]
    waiting = [e for e in verdict.evidence if e.good is None]
    assert ["Sample contract 1" in e.text for e in bad] == [True]
    assert ["Sample contract 2" in e.text and "Not yet due" in e.text for e in waiting] == [True]

    only_recent = principle_1(facts(notice("UK7", {"contracts": [recent]})))
    assert only_recent.status == NO_EVIDENCE  # inside the 30 days: not a failing yet
    assert "within the 30 days" in only_recent.reason


def test_p1_small_old_and_mixed_contracts() -> None:
    small = contract("1", gross=4_900_000)
    old = contract("2", signed="2023-01-01T00:00:00+00:00")
    assert principle_1(facts(notice("UK7", {"contracts": [small, old]}))).status == NO_EVIDENCE
    mixed = [contract("1", copy=True), contract("2")]
    assert principle_1(facts(notice("UK7", {"contracts": mixed}))).status == PARTLY


def test_p1_a_copy_in_an_earlier_release_counts() -> None:
    first = notice("UK7", {"contracts": [contract(copy=True)]}, record_id=1)
    later = notice(
        "UK7", {"contracts": [contract()]}, record_id=2, published="2026-06-25T10:00:00+01:00"
    )
    verdict = principle_1(facts(first, later))
    assert verdict.status == PRACTISED and len(verdict.evidence) == 1


# --------------------------------------------------------------------------- principle 2


def test_p2_kpis_on_large_contracts_and_final_values() -> None:
    kpis = [{"id": "1", "title": "Sample visits per month"}]
    with_kpis = notice("UK7", {"contracts": [contract(agreedMetrics=kpis)]})
    assert principle_2(facts(with_kpis)).status == PRACTISED
    assert "Sample visits per month" in principle_2(facts(with_kpis)).evidence[0].text
    assert principle_2(facts(notice("UK7", {"contracts": [contract()]}))).status == NOT_PRACTISED
    final = notice(
        "UK11",
        {"contracts": [{"id": "1", "implementation": {"finalValue": {"amount": 1234}}}]},
    )
    verdict = principle_2(facts(final))
    assert verdict.status == PARTLY and "£1,234" in verdict.evidence[0].text
    assert principle_2(facts()).status == NO_EVIDENCE


# --------------------------------------------------------------------------- principle 6


def test_p6_termination_for_poor_performance_is_recall_used() -> None:
    ended = notice(
        "UK11",
        {
            "tender": {"title": "Sample cleaning"},
            "contracts": [
                {
                    "id": "1",
                    "status": "terminated",
                    "terminationRationaleClassifications": [{"id": "other"}],
                    "statusDetails": "Terminated for poor performance against the KPIs",
                }
            ],
        },
    )
    verdict = principle_6(facts(ended))
    assert verdict.status == PRACTISED
    assert "poor performance" in verdict.evidence[0].text and verdict.evidence[0].good


def test_p6_a_modification_or_a_completed_contract_is_partly_never_not() -> None:
    changed = notice(
        "UK10",
        {
            "tender": {"title": "Sample parking"},
            "contracts": [{"id": "1", "amendments": [{"rationale": "Sample extra sites"}]}],
        },
    )
    verdict = principle_6(facts(changed))
    assert verdict.status == PARTLY and "Sample extra sites" in verdict.evidence[0].text
    completed = notice(
        "UK11",
        {"contracts": [{"terminationRationaleClassifications": [{"id": "contractCompleted"}]}]},
    )
    assert principle_6(facts(completed)).status == PARTLY
    assert principle_6(facts()).status == NO_EVIDENCE


# --------------------------------------------------------------------------- principle 7


def direct_award(record_id: int, **tender: Any) -> NoticeFact:
    body = {"title": f"Sample direct award {record_id}", "procurementMethod": "direct", **tender}
    return notice("UK5", {"tender": body}, record_id=record_id, ocid=f"ocds-da-{record_id}")


def test_p7_direct_awards_with_and_without_a_justification() -> None:
    justified = direct_award(1, procurementMethodRationale="Only one sample provider exists")
    in_text = direct_award(2, description="Justification: single supplier owns the building.")
    bare = direct_award(3, description="The council intends to award a sample contract.")
    assert principle_7(facts(justified)).status == PARTLY
    assert "single supplier" in principle_7(facts(in_text)).evidence[0].text
    verdict = principle_7(facts(bare))
    assert verdict.status == NOT_PRACTISED
    assert verdict.evidence[0].good is False and "no justification" in verdict.evidence[0].text


def test_p7_cancelled_to_bring_the_service_in_house() -> None:
    cancelled = notice(
        "UK12",
        {
            "tender": {"title": "Sample grounds maintenance"},
            "awards": [{"statusDetails": "The service will be delivered in-house."}],
        },
    )
    verdict = principle_7(facts(cancelled))
    assert verdict.status == PRACTISED and "in-house" in verdict.evidence[0].text


# --------------------------------------------------------------------------- principle 9


def tender(record_id: int, lots: list[Any], own: list[Any] | None = None, **extra: Any) -> Any:
    body: dict[str, Any] = {
        "title": f"Sample service tender {record_id}",
        "mainProcurementCategory": "services",
        "lots": [
            {"id": str(n), "awardCriteria": {"criteria": criteria}}
            for n, criteria in enumerate(lots, 1)
        ],
        **extra,
    }
    if own is not None:
        body["awardCriteria"] = {"criteria": own}
    return notice("UK4", {"tender": body}, record_id=record_id, ocid=f"ocds-t-{record_id}")


def crit(name: str, weight: float | None) -> dict[str, Any]:
    numbers = [] if weight is None else [{"number": weight, "weight": "percentageExact"}]
    return {"type": "quality", "name": name, "numbers": numbers}


def test_p9_social_value_weighted_on_lots_and_on_the_tender() -> None:
    on_lots = tender(1, [[crit("Price", 80), crit("Social Value", 20)]] * 2)
    verdict = principle_9(facts(on_lots))
    assert verdict.status == PRACTISED
    assert "'Social Value' 20% (lot 1)" in verdict.evidence[0].text
    assert "(lot 2)" in verdict.evidence[0].text
    on_tender = tender(2, [], own=[crit("Quality", 50), crit("Community Benefits", 15)])
    verdict = principle_9(facts(on_tender))
    assert verdict.status == PRACTISED and "(the tender)" in verdict.evidence[0].text


def test_p9_low_weight_none_and_opaque_criteria() -> None:
    low = tender(1, [[crit("Price", 95), crit("Social value", 5)]])
    assert principle_9(facts(low)).status == PARTLY
    none = tender(2, [[crit("Quality", 60), crit("Price", 40)]])
    verdict = principle_9(facts(none))
    assert verdict.status == NOT_PRACTISED and verdict.evidence[0].good is False
    opaque = tender(3, [[crit("Criterion 1", 60), crit("Criterion 2", 40)]])
    assert principle_9(facts(opaque)).status == NO_EVIDENCE  # the names say nothing
    goods = tender(4, [[crit("Price", 100)]], mainProcurementCategory="goods")
    assert principle_9(facts(goods)).status == NO_EVIDENCE  # not a public service
    assert principle_9(facts(low, none, tender(5, [[crit("Social Value", 10)]]))).status == PARTLY


# --------------------------------------------------------------------------- papers


def assessed(record_id: int, kind: str, **values: Any) -> AssessmentFact:
    base: dict[str, Any] = {
        "record_id": record_id,
        "council": "EXS",
        "kind": kind,
        "title": f"Sample decision {record_id}",
        "url": f"https://www.example.org/sample/decision/{record_id}",
        "date": AS_OF,
        "is_outsourcing": True,
        "is_asset_sale": False,
        "has_consultation": False,
        "has_inhouse_statement": False,
        "flagged": True,
        "confirmed": False,
    }
    return AssessmentFact(**{**base, **values})


def test_p5_p8_a_flag_on_a_notice_alone_is_no_evidence() -> None:
    on_notice = facts(assessments=[assessed(1, "notice")])
    assert principle_5(on_notice).status == NO_EVIDENCE
    assert principle_8(on_notice).status == NO_EVIDENCE
    confirmed = facts(assessments=[assessed(1, "notice", confirmed=True)])
    assert principle_5(confirmed).status == NOT_PRACTISED


def test_p5_p8_from_the_councils_papers() -> None:
    quote = [{"label": "has_consultation", "quote": "A sample consultation ran for 8 weeks."}]
    consulted = assessed(2, "decision", has_consultation=True, flagged=True, evidence=quote)
    lacking = assessed(3, "decision")
    verdict = principle_5(facts(assessments=[consulted, lacking]))
    assert verdict.status == PARTLY
    assert any("8 weeks" in e.text and e.good for e in verdict.evidence)
    assert principle_8(facts(assessments=[lacking])).status == NOT_PRACTISED
    in_house = assessed(4, "decision", has_inhouse_statement=True, flagged=False)
    assert principle_8(facts(assessments=[in_house])).status == PRACTISED


def paper(text: str) -> TextFact:
    return TextFact(9, "EXS", "decision", "Sample motion", "https://www.example.org/m", AS_OF, text)


def test_a_motion_adopting_the_principles() -> None:
    adopted = paper(
        "Motion on public services. RESOLVED: that the Council adopts the nine principles "
        "of the Our Services Our Say campaign."
    )
    verdict = motion(facts(campaign_texts=[adopted]))
    assert verdict.status == ADOPTED
    assert "Our Services Our Say" in verdict.evidence[0].text
    assert verdict.evidence[0].url == "https://www.example.org/m"
    lost = paper("The council will adopt the Our Services Our Say principles. The motion fell.")
    assert motion(facts(campaign_texts=[lost])).status == NO_EVIDENCE
    named = paper("A petition from We Own It was noted.")
    assert motion(facts(campaign_texts=[named])).status == NO_EVIDENCE
