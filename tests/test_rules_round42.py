"""Round 42 families: wording and structure found in blind held-out sets h159–h162 (long
reports from the four nations, notices, minutes in less common layouts, short texts), written
as general patterns.

Every sentence here is written for these tests (fictional councils, places and firms); each
family has a case that must change and one that must not."""

from __future__ import annotations

import pytest
from rule_labels import CONS, OUT, assert_label

from monitor.classify import classify
from monitor.items import split_items

FAMILIES = [
    # The statutory notice for a lease of open space, its Act's sections in the plural.
    (
        "LOCAL GOVERNMENT ACT 1972 - SECTIONS 123(2A)\nNOTICE OF INTENTION TO GRANT A LEASE OF "
        "OPEN SPACE\nNotice is hereby given that Sampleton Council intends to grant a lease for "
        "a term of 99 years to Sample Rugby Club Limited of the pavilion at Sample Park.",
        CONS,
        True,
        "notice",
    ),
    (
        "Notice is hereby given that Sampleton Council intends to grant a lease for a term of 99 "
        "years to Sample Rugby Club Limited of the pavilion at Sample Park.",
        CONS,
        False,
        "notice",
    ),
    (
        "Decision\nTo grant a 99-year lease of the pavilion to Sample Rugby Club.\nAny person "
        "wishing to object to the proposed lease should do so in writing by 5 December.",
        CONS,
        True,
        "decision",
    ),
    # An option weighed and rejected is no insourcing.
    (
        "The Executive has agreed to award a ten-year contract to run the four leisure centres "
        "to Sample Leisure Trust. Before starting the procurement the council looked at bringing "
        "the centres under direct council management. That option was rejected on cost.",
        OUT,
        True,
        "other",
    ),
    (
        "The Executive has agreed to award a ten-year contract to run the four leisure centres "
        "to Sample Leisure Trust until the centres are brought under direct council management "
        "next year.",
        OUT,
        False,
        "other",
    ),
    # The users of what is bought are no arm's-length company delivering it.
    (
        "Decision\n(a) approved the award of the contract for the digital workplace managed "
        "service desk for 19,500 Council and ALEO users to Sample Digital Limited.",
        OUT,
        True,
        "decision",
    ),
    (
        "Decision\n(a) approved the award of the contract for the service desk to the Council's "
        "ALEO, Sample Digital Limited.",
        OUT,
        False,
        "decision",
    ),
]


@pytest.mark.parametrize(("text", "label", "expected", "doc_type"), FAMILIES)
def test_families(text: str, label: str, expected: bool, doc_type: str) -> None:
    assert_label(text, label, expected, doc_type)


_OPTIONS = (
    "5. The review considered three options:\nOption A - Re-tender the managed service as a "
    "single contract.\nOption B - Re-tender in separate lots.\nOption C - Bring the service "
    "desk in-house.\n6. Option C is assessed as delivering the best outcome.\n10. {rest}\n"
    "Recommendations\n1. approve Option C as set out at paragraph 5 as the future delivery "
    "model for the service desk."
)


@pytest.mark.parametrize(
    ("rest", "expected"),
    [
        # a sentence about an option is not its description: what follows is not option C's
        ("Options A and B were rejected because a re-tendered contract would cost more.", False),
        # (the control: the re-tender chosen)
        ("Options A and B were rejected because a re-tendered contract would cost more.", True),
    ],
)
def test_a_sentence_about_an_option_does_not_head_it(rest: str, expected: bool) -> None:
    text = _OPTIONS.format(rest=rest)
    if expected:
        text = text.replace("approve Option C", "approve Option A")
    assert classify(text, doc_type="report").is_outsourcing is expected


_LAND = (
    "Land and Property Opportunity\nSampleton Council\nDisposal by 150-year Lease - Land at "
    "Sample Road (Residential Development)\nCategory: Land and property (not a public contract)"
    "\nDescription\nThe Council invites offers for the grant of a 150-year lease of 1.2 hectares "
    "of land for housing. {extra}"
)


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        # the bidder bids for the land; a play area it improves is no service let
        (
            "The retained section will be improved as a public play area by the successful "
            "bidder under the development agreement.",
            False,
        ),
        # a service named as let with the land still is
        (
            "The successful bidder will also be appointed as operator of the adjoining leisure "
            "centre under a management agreement.",
            True,
        ),
    ],
)
def test_a_property_notice_lets_no_contract_by_its_bidder(extra: str, expected: bool) -> None:
    c = classify(_LAND.format(extra=extra), doc_type="procurement")
    assert c.is_asset_sale and c.is_outsourcing is expected


_GLASGOW = """Sampleton City Council
City Administration Committee

Library opening hours.
3 There was submitted a report by the Director of Neighbourhoods on the public consultation on
library opening hours, to which 800 residents responded.

The Committee approved the revised opening hours.

Leisure management contract - award of contract.
4 There was submitted a report by the Director of Place on the outcome of the tender exercise
for the management of the leisure centres.

After consideration, the Committee approved the award of the leisure management contract to
Sample Active Leisure Ltd for ten years.
"""


def test_minutes_headed_in_sentence_case_over_there_was_submitted() -> None:
    headings = [i.heading for i in split_items([(None, None, _GLASGOW)]) if i.heading]
    assert "Leisure management contract - award of contract." in headings
    c = classify(_GLASGOW, doc_type="decision")
    # the library item's consultation is not the leisure contract's
    assert c.is_outsourcing and c.has_consultation is False and c.should_flag
