"""Round 26 families: wording found in blind held-out sets h93 (long reports), h94 (long
minutes), h95 (long strategies and business cases) and h96 (short texts in many councils'
own styles), written as general patterns.

Every sentence here is written for these tests (fictional councils, places and firms); each
family has a case that must change and one that must not."""

from __future__ import annotations

import pytest

from monitor.classify import classify

OUT, CONS = "is_outsourcing", "has_consultation"

_TENDERS = (
    "Policy and Resources Committee\nContracts Update\nThe Committee:\n- approved the public "
    "advertisement of tenders as detailed in Appendix 1 (Table 1).\n\nTable 1: Competitive "
    "Tenders\nTitle of Tender | Proposed Contract Duration | Estimated Value\nSupply and delivery "
    "of wheeled bins | Up to 3 years | £1,350,000\n{row} | Up to 5 years | £2,900,000\n"
)
_PARKING = (
    "Recommendations: that Cabinet approves the procurement of a civil parking enforcement "
    "contract for seven years.\nImplications\n7.3 Diversity and Equality - Implications "
    "verified by: {who}\n"
)

ROUND26_CASES = [
    # The contracts a decision approves are named in the table it refers to.
    (
        _TENDERS.format(row="Management of Council off-street car parks including enforcement"),
        OUT,
        True,
    ),
    (_TENDERS.format(row="Supply of pitch maintenance materials"), OUT, False),
    # An appraisal to be undertaken, in the passive, decides no contract.
    (
        "Resolved - That:\n(i) an options appraisal of future delivery models for waste "
        "collection be undertaken, assessing (a) a single in-house service, (b) a wholly owned "
        "company, and (c) procurement of one or more external collection contracts;\n(ii) a "
        "further report be brought in spring 2026.",
        OUT,
        False,
    ),
    (
        "Resolved - That:\n(i) following the options appraisal, the procurement of one or more "
        "external waste collection contracts be approved;\n(ii) the award be delegated to the "
        "Director.",
        OUT,
        True,
    ),
    # A job title is not the community engaged.
    (_PARKING.format(who="Community Engagement and Project Monitoring Officer"), CONS, False),
    (
        _PARKING.format(who="Legal Services")
        + "8.1 Community engagement: residents were surveyed on parking in May (640 responses).",
        CONS,
        True,
    ),
]


@pytest.mark.parametrize(("text", "label", "expected"), ROUND26_CASES)
def test_round26_families(text: str, label: str, expected: bool) -> None:
    assert bool(getattr(classify(text, doc_type="decision"), label)) is expected
