"""Round 7 families: the council's own business software is a product, not a service; the
market the bidders make is not a market the council runs.

Every sentence here is written for these tests (fictional councils, places and firms); each
family has a case that must change and one that must not."""

from __future__ import annotations

import re

import pytest

from monitor.classify import classify
from monitor.rules.vocabulary import SERVICE_DOMAIN

OUT = "is_outsourcing"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "RESOLVED: That approval be given to procure a replacement finance system, and "
            "that the Director of Resources be authorised to award the contract to the most "
            "economically advantageous tenderer.",
            False,
        ),
        (
            "RESOLVED: That the Director be authorised to award the contract for a new social "
            "care case management system to the highest scoring bidder.",
            False,
        ),
        # The service the system supports, let as a contract, is still outsourcing.
        (
            "RESOLVED: That the Director be authorised to award the contract for the housing "
            "management service for the Council's sheltered schemes to the highest scoring "
            "bidder.",
            True,
        ),
    ],
)
def test_business_software_is_a_product(text: str, expected: bool) -> None:
    assert getattr(classify(text, doc_type="decision"), OUT) is expected


@pytest.mark.parametrize(
    ("words", "names_a_service"),
    [
        ("the covered market", True),
        ("the market hall", True),
        ("market traders", True),
        ("test the market", False),
        ("market engagement", False),
        ("the market responded", False),
    ],
)
def test_a_market_the_council_runs_not_the_market_that_bids(
    words: str, names_a_service: bool
) -> None:
    found = re.search(rf"\b{SERVICE_DOMAIN}\b", words, re.I) is not None
    assert found is names_a_service
