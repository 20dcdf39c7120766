"""Round 41 families: wording and structure found in blind held-out sets h155–h158 (long
papers, long minutes, scraped decision pages, short texts worded indirectly), written as
general patterns.

Every sentence here is written for these tests (fictional councils, places and firms); each
family has a case that must change and one that must not."""

from __future__ import annotations

import pytest
from rule_labels import CONS, OUT, SALE, assert_label

from monitor.classify import classify

FAMILIES = [
    # A service moved to a named charity under a contract.
    (
        "Decision\n1. To move the service to Sample Voices, a registered charity, under a "
        "contract of four years from 1 April.",
        OUT,
        True,
        "decision",
    ),
    (
        "Decision\n1. To move the service to Sample House, the Council's new civic building, "
        "from 1 April.",
        OUT,
        False,
        "decision",
    ),
    # A procurement started in other words.
    (
        "Recommendations\ni. agree to commence a competitive process for 38 home to school "
        "transport routes, for contracts starting in August.",
        OUT,
        True,
        "report",
    ),
    (
        "Recommendations\ni. agree to commence a review of 38 home to school transport routes.",
        OUT,
        False,
        "report",
    ),
    # A member's own decision in the first person.
    (
        "Decision:\nAs Deputy Leader, I agree to vary the agreement to include cleaning, "
        "caretaking and reception services at nine community buildings under the existing "
        "Facilities Management contract.",
        OUT,
        True,
        "decision",
    ),
    (
        "Decision:\nAs Deputy Leader, I agree to vary the opening hours of nine community "
        "buildings.",
        OUT,
        False,
        "decision",
    ),
    # Listening events with people who use a service.
    (
        "Decision\n1. To award the advocacy contract to Sample Voices.\n4. Three listening "
        "events were held in the city, attended by 64 people who use advocacy, their carers "
        "and families.",
        CONS,
        True,
        "decision",
    ),
    (
        "Decision\n1. To award the advocacy contract to Sample Voices.\n4. Three listening "
        "events were held in the city, attended by 12 providers.",
        CONS,
        False,
        "decision",
    ),
    # A template heading, nothing under it but "None".
    (
        "2. Recommendations\n2.1 That the Committee approves the award of the managed service "
        "contract for parking enforcement to Sample Parking Ltd.\n5. Community engagement and "
        "consultation\n5.1 None undertaken specifically for this report.",
        CONS,
        False,
        "report",
    ),
    (
        "2. Recommendations\n2.1 That the Committee approves the award of the managed service "
        "contract for parking enforcement to Sample Parking Ltd.\n5. Community engagement and "
        "consultation\n5.1 A public consultation ran for eight weeks and 900 residents "
        "responded.",
        CONS,
        True,
        "report",
    ),
    # Consultation promised only where later changes are proposed.
    (
        "Recommendations\n2.2 Declare surplus the properties listed in Table 3 and authorise "
        "their disposal.\n6.6 The reviews in Table 4 will involve consultation with service "
        "users and residents where changes to services are proposed.",
        CONS,
        False,
        "report",
    ),
    # A sale approved by a committee named after policy.
    (
        "The council's corporate policy committee last week approved the sale of the "
        "1.2-hectare former depot site to Sample Homes Group for £1.15m.",
        SALE,
        True,
        "other",
    ),
    (
        "The council's corporate policy committee last week approved the disposals policy for "
        "surplus sites.",
        SALE,
        False,
        "other",
    ),
    # A record that notes what was done under delegation, or had nothing before it.
    (
        "94 Contracts Awarded under Delegated Authority\nThe list included the award of a "
        "call-off contract for supported living.\nResolved:\nTo note the contracts awarded "
        "under delegated authority in the period April to June.",
        OUT,
        False,
        "decision",
    ),
    (
        "Decision:\nThe Executive Cabinet Member noted:\n(a) the performance of the contractor;"
        "\n(b) that the cleaning contract, awarded in 2022 following an open tender, runs until "
        "2027.",
        OUT,
        False,
        "decision",
    ),
    (
        "Decision:\nThe Executive Cabinet Member noted:\n(a) the performance of the contractor;"
        "\n(b) approves the award of a new contract for building cleaning services to Sample "
        "Clean Ltd.",
        OUT,
        True,
        "decision",
    ),
    (
        "12. Disposal, Acquisition and Exploitation of Property\n12.1 No items were brought "
        "forward at this meeting.",
        SALE,
        False,
        "decision",
    ),
]


@pytest.mark.parametrize(("text", "label", "expected", "doc_type"), FAMILIES)
def test_families(text: str, label: str, expected: bool, doc_type: str) -> None:
    assert_label(text, label, expected, doc_type)


_OPTIONS = (
    "Options considered\n6. Option 1 - continuing as we are. The Council's own ICT team would "
    "continue to run the service desk.\n7. Option 2 - secure a partner through a competitive "
    "procedure with negotiation for a seven-year term to run the service desk.\n"
    "RECOMMENDATIONS\nCabinet is recommended to:\n(a) approve Option {chosen} for the service "
    "desk."
)


@pytest.mark.parametrize(("chosen", "expected"), [("2", True), ("1", False)])
def test_an_option_numbered_with_a_full_stop_is_chosen(chosen: str, expected: bool) -> None:
    assert classify(_OPTIONS.format(chosen=chosen), doc_type="report").is_outsourcing is expected


_DEPUTATION = (
    "{line}\nThe Committee noted the deputation.\nDigital Workplace Managed Service - award of "
    "contract.\nThe Committee agreed to award the contract for the service desk and field "
    "engineering managed service to Sample Digital Ltd for five years."
)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Deputation - Sample Trades Council: arm's-length external organisations.", True),
        (
            "The service desk will be run by the Council's arm's-length external organisation.",
            False,
        ),
    ],
)
def test_a_deputation_about_council_companies_blocks_nothing(line: str, expected: bool) -> None:
    assert classify(_DEPUTATION.format(line=line), doc_type="decision").is_outsourcing is expected
