"""Round 51 families: wording and structure found in blind held-out sets h191–h194 (long
reports deciding in unusual words, long strategies and performance reports, minutes in less
common layouts, short texts on rarely named services), written as general patterns.

Every sentence here is written for these tests (fictional councils, places and firms); each
family has a case that must change and one that must not."""

from __future__ import annotations

import pytest
from rule_labels import CONS, OUT, assert_label

from monitor.classify import classify

_EXTEND = "Decision: To extend the waste collection contract for three years. "

FAMILIES = [
    # The coroner's services are public services.
    (
        "Decision\n1. To award the contract for the removal and conveyance of deceased persons "
        "on behalf of HM Senior Coroner to the highest-scoring tenderer for three years. The "
        "Council has no private ambulance vehicles of its own.",
        OUT,
        True,
        "decision",
    ),
    (
        "Decision\n1. To award the contract for the supply of office furniture for the "
        "coroner's court to the highest-scoring tenderer.",
        OUT,
        False,
        "decision",
    ),
    # Options an appraisal will cover are no decision (an "approved inspector" is a name).
    (
        "Decision\n2. approves the appointment of an external consultant to carry out an options "
        "appraisal for the building control service. The options will include retaining the "
        "in-house service and outsourcing some or all of the function to an approved inspector.",
        OUT,
        False,
        "decision",
    ),
    (
        "RESOLVED that the building control function be outsourced to an approved inspector "
        "from 1 April.",
        OUT,
        True,
        "decision",
    ),
    # A resolution in the present: "the operation ... transfers to an independent trust".
    (
        "Decision\n1. That the operation of the Sample Hall Theatre transfers to an independent "
        "charitable trust under a ten-year operating agreement from 1 April.",
        OUT,
        True,
        "decision",
    ),
    (
        "Decision\n1. That the freehold of the Sample Hall transfers to the trust on completion.",
        OUT,
        False,
        "decision",
    ),
    # A field's label is not its value.
    (
        _EXTEND + "Consultation/Public Engagement: The Portfolio Holder for the Environment has "
        "been consulted.",
        CONS,
        False,
        "decision",
    ),
    (
        _EXTEND + "Consultation/Public Engagement: 1,200 residents were surveyed in May.",
        CONS,
        True,
        "decision",
    ),
    # A Welsh council's officer title without "of".
    (
        "3.2 authorises the Chief Officer Housing and Communities, in consultation with the Lead "
        "Member for Housing and the Chief Officer Governance and Customer, to award contracts "
        "to the highest-scoring bidders for supported housing.",
        CONS,
        False,
        "decision",
    ),
    (
        _EXTEND + "Customers of the garden waste service were consulted on the specification.",
        CONS,
        True,
        "decision",
    ),
    # The buyer's planning process.
    (
        "Decision\nTo grant a 125-year ground lease of the site to the preferred bidder. The "
        "development will be subject to the statutory planning process. Any community views on "
        "the design will be considered through that process.",
        CONS,
        False,
        "decision",
    ),
    # A contract modified to extend its term.
    (
        "2.0 Recommendations\n• approve the modification of contract T2045 (Provision of security "
        "and stewarding services at Council sites) to extend its term by twelve months.",
        OUT,
        True,
        "report",
    ),
    (
        "2.0 Recommendations\n• approve the modification of the software licence contract to add "
        "two modules.",
        OUT,
        False,
        "report",
    ),
]


@pytest.mark.parametrize(("text", "label", "expected", "doc_type"), FAMILIES)
def test_family(text: str, label: str, expected: bool, doc_type: str) -> None:
    assert_label(text, label, expected, doc_type)


_MINUTES = """SAMPLE DISTRICT COUNCIL
MINUTES OF THE CABINET MEETING

CAB54/24 PREVIOUS MINUTES

It was proposed, seconded and unanimously agreed that the minutes of the last meeting be
confirmed and signed.

CAB55/24 DISPOSAL OF LAND AT SAMPLE ROAD

Members considered the report concerning 1.2 hectares of Council-owned land at Sample Road.
Ward councillors had been consulted and were supportive.

It was proposed, seconded and unanimously agreed that the freehold be sold to the registered
provider at the price set out in the confidential appendix.

CAB56/24 LOCAL PLAN – PROPOSED SUBMISSION CONSULTATION

It was proposed, seconded and agreed, with one abstention, that the proposed submission Local
Plan be published for public consultation with residents for six weeks.
"""


def test_minutes_that_record_proposed_seconded_and_agreed_are_cut_into_items() -> None:
    c = classify(_MINUTES, doc_type="decision")
    assert any(s.startswith("agenda_items:") for s in c.signals)
    # The residents' consultation is on the Local Plan, another item.
    assert c.is_asset_sale and not c.has_consultation and c.should_flag


_PADDING = "".join(
    f"4.{n} The contracts register shows each contract's owner, value, term and the date by which "
    "the owner must decide on its future; the register is published on the Council's website. "
    for n in range(1, 30)
)


def _quarterly(recommendation: str) -> str:
    return (
        "QUARTERLY PROCUREMENT AND CONTRACTS REPORT\n1. SUMMARY\n1.1 It lists contract awards "
        "made under delegated authority in the third quarter.\n2. RECOMMENDATIONS\nCabinet is "
        f"asked to:\n2.1 {recommendation};\n2.2 approve the procurement of a four-year framework "
        "for carriageway resurfacing works.\n3. DELEGATED DECISIONS (for noting)\n(a) the award "
        "of the grounds maintenance contract to the successful tenderer, following the "
        "procurement approved by Cabinet on 14 March 2024.\n" + _PADDING
    )


def test_decisions_taken_under_delegated_authority_are_listed_not_decided() -> None:
    noted = classify(
        _quarterly("note the contract awards made under delegated authority in Appendix 1"),
        doc_type="report",
    )
    assert len(_PADDING) > 5_000
    assert not noted.is_outsourcing
    decided = classify(
        _quarterly("approve the award of the grounds maintenance contract to Sample Ltd"),
        doc_type="report",
    )
    assert decided.is_outsourcing
