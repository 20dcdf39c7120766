"""Round 50 families: wording and structure found in blind held-out sets h187–h190 (long
reports on commissioned services, minutes packs, notices of several kinds, officer decision
records), written as general patterns.

Every sentence here is written for these tests (fictional councils, places and firms); each
family has a case that must change and one that must not."""

from __future__ import annotations

import pytest
from rule_labels import CONS, INH, OUT, SALE, assert_label

from monitor.classify import classify

_SALE = (
    "Decision\nTo approve the disposal of the former depot at Sample Lane at best consideration. "
)
_TRUST = "RESOLVED that the leisure centres be transferred to an independent charitable trust. "
_AWARD = "Decision\n1. To award the home care contract to Sample Care Ltd. "

FAMILIES = [
    # The seller is the other party.
    (
        "Decision\nTo acquire the freehold of the former bank at 27 Station Road for £385,000. "
        "The vendor is selling its surplus estate across the region and has accepted the "
        "council's offer.",
        SALE,
        False,
        "decision",
    ),
    (
        "Decision\nThe Council is selling its surplus estate: to approve the sale of the former "
        "bank at 27 Station Road for £385,000.",
        SALE,
        True,
        "decision",
    ),
    # An open-space notice promised only if the council finds the land is open space.
    (
        _SALE + "Should the Council determine that any part of the site is open space, it will "
        "advertise its intention to dispose under section 123(2A).",
        CONS,
        False,
        "decision",
    ),
    (
        _SALE + "The Council has advertised its intention to dispose of the open space under "
        "section 123(2A) and considered the objections received.",
        CONS,
        True,
        "decision",
    ),
    # A list of options scored is no decision to set up a company.
    (
        'Members considered the decision called in: "That the leisure centres be transferred to '
        "an independent charitable trust and a procurement exercise be undertaken to appoint the "
        'trust operator."\nThree options had been scored: retaining the service in-house with an '
        "investment programme; establishing a wholly-owned local authority trading company; and "
        "transferring operation to an external charitable trust.",
        OUT,
        True,
        "decision",
    ),
    (
        "RESOLVED to establish a wholly-owned local authority trading company to run the leisure "
        "centres from 1 April.",
        OUT,
        False,
        "decision",
    ),
    # Consultation asked for, promised as monitoring, or put as a question.
    (
        _TRUST + "A proposal to refer the decision back, with a recommendation that public "
        "consultation be undertaken before any procurement began, was moved and lost.",
        CONS,
        False,
        "decision",
    ),
    (
        _TRUST + "The Lead Member agreed that a customer survey be built into the first year of "
        "the contract as a performance measure.",
        CONS,
        False,
        "decision",
    ),
    (
        _TRUST + "Members asked:\n- Whether the Executive would agree to survey users once the "
        "trust was in place.",
        CONS,
        False,
        "decision",
    ),
    (
        _TRUST + "A survey of 1,200 leisure centre users was carried out in May.",
        CONS,
        True,
        "decision",
    ),
    # A survey of charges is not one on the contract.
    (
        "Decision\nTo approve the extension of the waste collection contract for three years. "
        "The 2023 residents' survey on garden waste charges showed that most subscribers were "
        "satisfied.",
        CONS,
        False,
        "decision",
    ),
    (
        "Decision\nTo approve the extension of the waste collection contract for three years. "
        "The 2023 residents' survey on the future of the waste collection service received "
        "2,000 responses.",
        CONS,
        True,
        "decision",
    ),
    # Councils that buy together still let the service to a provider.
    (
        "Decision\n1. Approves the recommissioning of the sexual health service through a "
        "competitive process.\n2. Approves Sample City Council acting as lead commissioner under "
        "an inter-authority agreement with Sample District Council.",
        OUT,
        True,
        "decision",
    ),
    (
        "Decision\n1. Approves an inter-authority agreement under which Sample District Council "
        "will deliver the sexual health service for both councils.",
        OUT,
        False,
        "decision",
    ),
    # An NHS body under pooled arrangements is public-to-public ...
    (
        "1. That Cabinet approves the entering into of a partnership agreement under section 75 "
        "of the National Health Service Act 2006 with Sample NHS Foundation Trust for the "
        "delivery of the 0-19 service.",
        OUT,
        False,
        "decision",
    ),
    # ... Northern Ireland's Section 75 is about equality.
    (
        "1. That Cabinet approves the award of the home care contract to Sample Care Ltd. A "
        "Section 75 equality screening was completed.",
        OUT,
        True,
        "decision",
    ),
    # Grants that are not a public contract (a guard: the blind text's wording of the
    # procurement considered is read in its long paper only).
    (
        "Decision\nTo award grants to 40 community groups for family hub activities. Legal advice "
        "is that the grants do not constitute a public contract under the Procurement Act 2023.",
        OUT,
        False,
        "decision",
    ),
    # A reason about the market is not one against the in-house service.
    (
        _AWARD + "The in-house home care service was reviewed. Bidders will be asked to price "
        "within a banded range to reduce the risk of unsustainable rates.",
        INH,
        False,
        "decision",
    ),
]


@pytest.mark.parametrize(("text", "label", "expected", "doc_type"), FAMILIES)
def test_family(text: str, label: str, expected: bool, doc_type: str) -> None:
    assert_label(text, label, expected, doc_type)


def test_a_decision_heading_with_a_slash_and_a_numbered_narrative() -> None:
    # "Recommendations/Decisions Required:" is the decision part; "4.5 The Panel noted that ..."
    # in the report's body is narrative, not the record's only resolution.
    text = (
        "Recommendations/Decisions Required:\n(1) That Cabinet approves the extension of the "
        "waste collection contract with the current contractor for three years.\n\n4. Options\n"
        "4.5 The Panel noted that Options 3 and 4 could be reconsidered in 2029."
    )
    c = classify(text, doc_type="report")
    assert c.is_outsourcing and c.decided_in_deciding_part


_RECORD = """THE SAMPLE COUNCIL
DELEGATED DECISION REPORT

Subject: Asset Transfer Request – Former Roads Depot, Sampleton
Applicant: Sampleton Community Development Company (SCIO)
Decision by: Executive Chief Officer, Property

1. Purpose
1.1 To determine an asset transfer request for ownership of the former roads depot.

3. Representations
3.1 Notice of the request was published on the Council's website, inviting representations
from the public for 20 working days. Six representations were received.

5. Decision
5.1 The asset transfer request is AGREED. The freehold of the former depot will be transferred
to the company for £15,000.
"""


def test_a_records_own_fields_are_no_plan_entries() -> None:
    # "Applicant:" over "Decision by:" is a field of one record, not a plan entry's title: the
    # representations section stays with the decision.
    c = classify(_RECORD, doc_type="decision")
    assert not any(s.startswith("agenda_items:") for s in c.signals)
    assert c.is_asset_sale and c.has_consultation and not c.should_flag


_MINUTES = """SAMPLE CITY COUNCIL
STRATEGIC POLICY AND RESOURCES COMMITTEE

Apologies

Apologies were reported from two Councillors.

Declarations of Interest

A Councillor declared an interest in the item "Disposal of Land at Sample Road".

Disposal of Land at Sample Road

The Director of Property submitted a report seeking approval for the disposal of Council-owned
land at Sample Road to a housing association by way of a 999-year lease at a premium. The
proposal had been the subject of consultation with the Party Group Leaders.

The Committee approved the disposal of the land at Sample Road by way of a 999-year lease.

Motion: Consultation on the Community Plan

The Committee was reminded that the Council had agreed to a twelve-week public consultation with
residents on the refreshed community plan.

The Committee noted the response.
"""


def test_northern_irish_minutes_are_cut_at_officers_reports_and_procedure() -> None:
    c = classify(_MINUTES, doc_type="decision")
    assert any(s.startswith("agenda_items:") for s in c.signals)
    assert "item:Disposal of Land at Sample Road" in c.signals
    # The residents' consultation is on the community plan, another item.
    assert c.is_asset_sale and not c.has_consultation and c.should_flag
