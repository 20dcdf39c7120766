"""Round 60 families: structure and wording found in blind held-out sets h232–h236 (long
reports on several matters, short decision records, notices for rarely seen services, minutes
of whole meetings, press releases and statutory notices), written as general patterns.

Every sentence here is written for these tests (fictional councils, places and firms); each
family has a case that must change and one that must not."""

from __future__ import annotations

import pytest
from rule_labels import INH, assert_label

from monitor.classify import classify

_AWARD_NOTICE = (
    "Contracts Finder - Awarded contract\nSchool Nursing Service (5 to 19)\nSample Borough "
    "Council\nIndustry: Community health services - 85323000\nContract type: Service contract\n"
    "Description\nThe Council has awarded a contract for the school nursing service to Sample "
    "Health CIC for five years.\n"
)

FAMILIES = [
    # A notice citing the linked decision's report, which weighed the in-house option ...
    (
        _AWARD_NOTICE + "The Cabinet report set out an options appraisal covering (i) bringing "
        "the school nursing workforce into direct Council employment, (ii) a partnership with "
        "the NHS trust and (iii) a competitive process.",
        INH,
        True,
        "procurement",
    ),
    # ... not the provider's future duties, which are what the contract buys.
    (
        _AWARD_NOTICE + "The provider will set out a workforce plan covering recruitment of "
        "nurses into direct employment.",
        INH,
        False,
        "procurement",
    ),
]


@pytest.mark.parametrize(("text", "label", "expected", "doc_type"), FAMILIES)
def test_family(text: str, label: str, expected: bool, doc_type: str) -> None:
    assert_label(text, label, expected, doc_type)


def _minutes(last_item: str) -> str:
    return (
        "Minutes of the County Council\n\n"
        "101. APOLOGIES FOR ABSENCE\nApologies were received from two councillors.\n\n"
        "102. DECLARATIONS OF INTEREST\nNo declarations were made.\n\n"
        "107. FUTURE DELIVERY MODEL FOR LEISURE SERVICES\nThe report set out an options "
        "appraisal; retaining the service in-house was rejected because it would require the "
        "closure of two leisure centres. The Head of Leisure reported on the public "
        "consultation, which received 2,341 responses from residents.\n"
        "RESOLVED that the Council's leisure services transfer to a new independent charitable "
        "trust from 1 October.\n\n"
        "108. NOTICE OF MOTION\nRESOLVED that the motion be referred to scrutiny.\n\n"
        f"109. DISPOSAL OF FORMER DEPOT, SAMPLE ROAD\n{last_item}\n"
    )


def test_a_withdrawn_item_is_not_judged() -> None:
    """An item "withdrawn from the agenda" names a matter the meeting did not take: its title
    ("Disposal of Former Depot") is no unconsulted sale that outweighs the decided item."""
    result = classify(_minutes("This item was withdrawn from the agenda."), doc_type="decision")
    assert result.is_outsourcing and not result.is_asset_sale
    assert not result.should_flag
    assert any(s.startswith("item:107.") for s in result.signals)


def test_an_item_taken_is_judged() -> None:
    """The same item taken and decided is a sale without consultation, and flags."""
    result = classify(
        _minutes(
            "RESOLVED that the former depot be declared surplus and sold at auction at the best "
            "consideration reasonably obtainable."
        ),
        doc_type="decision",
    )
    assert result.should_flag
    assert any(s.startswith("item:109.") for s in result.signals)
