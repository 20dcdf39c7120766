"""Round 25 families: wording found in blind held-out sets h89 (notices), h90 (long property
reports), h91 (decision pages on less common services) and h92 (news and statements),
written as general patterns.

Every sentence here is written for these tests (fictional councils, places and firms); each
family has a case that must change and one that must not."""

from __future__ import annotations

import pytest

from monitor.classify import classify

OUT, SALE, CONS, INH = (
    "is_outsourcing",
    "is_asset_sale",
    "has_consultation",
    "has_inhouse_statement",
)

_SALE = (
    "Resolved: that the former depot at Sample Lane be declared surplus and sold on the open "
    "market at best consideration. "
)
_REPAIRS = (
    "Recommendations: (a) approves the contract strategy for the re-procurement of the "
    "Council's housing repairs contract and authorises a tender exercise. "
)
ROUND25_CASES = [
    # An operator runs what the agreement names, however its duties are listed.
    (
        "Cabinet approved entry into a management agreement with the preferred bidder for the "
        "operation, programming and maintenance of the Sampleton Theatre for 12 years.",
        OUT,
        True,
        "decision",
    ),
    (
        "Cabinet approved the preferred bidder for the purchase of the former Sampleton Theatre "
        "building.",
        OUT,
        False,
        "decision",
    ),
    # A partner that builds and then runs a service.
    (
        "Cabinet will be asked to decide whether to refurbish the chapel and continue to run "
        "the crematorium in-house, or to procure a private sector partner under a concession "
        "to invest in, build and operate a replacement crematorium.",
        OUT,
        True,
        "forward_plan",
    ),
    (
        "Cabinet will be asked to approve the procurement of a contractor to build a replacement "
        "crematorium chapel under the capital programme.",
        OUT,
        False,
        "forward_plan",
    ),
    # A sale proposed in a review that says no decision has been made.
    (
        "Future of community centres in west Sampleton\nThe Community Provision review "
        "proposes the community asset transfer of some buildings to community organisations. "
        "No decision has been made. Your feedback will be reported to committee in 2026.",
        SALE,
        False,
        "other",
    ),
    (
        "Decision: to approve the community asset transfer of the Sampleton Community Centre to "
        "Sample Community Trust on a 35-year lease.",
        SALE,
        True,
        "decision",
    ),
    # A sale completed years ago, told as history.
    (
        "Plans lodged for homes at the former Sample Centre. The centre closed in 2012 and the "
        "land was sold to Sample Homes in 2017. Residents may comment on the application.",
        SALE,
        False,
        "other",
    ),
    (
        "Resolved that the land at the former Sample Centre be sold to Sample Homes, with "
        "completion expected in 2026.",
        SALE,
        True,
        "decision",
    ),
    # The law stated is not a notice given.
    (
        _SALE + "9. Where the Council proposes to dispose of land which is held as open space, "
        "the Council is required by section 123(2A) to advertise its intention in a local "
        "newspaper for two consecutive weeks.",
        CONS,
        False,
        "report",
    ),
    (
        _SALE + "9. The Council advertised its intention in the Sampleton Gazette for two "
        "consecutive weeks under section 123(2A) and no objections were received.",
        CONS,
        True,
        "report",
    ),
    (
        _SALE + "The site is not open space. The procedure in section 123(2A) does not therefore "
        "apply.",
        CONS,
        False,
        "report",
    ),
    # Equality duties are not consultation.
    (
        _SALE + "Consultation: the Council's Equality Scheme commits it to consult on policies "
        "screened in for an EQIA.",
        CONS,
        False,
        "report",
    ),
    (
        _SALE + "Consultation: a public consultation with residents was held in May and informed "
        "the EQIA.",
        CONS,
        True,
        "report",
    ),
    # The council's client role is not an in-house delivery option.
    (
        _REPAIRS + "\nOptions considered\nContract management will be undertaken in-house by the "
        "Housing Asset team, with monthly operational meetings.",
        INH,
        False,
        "report",
    ),
    (
        _REPAIRS + "The option of delivering the repairs service in-house was assessed and "
        "rejected as unaffordable.",
        INH,
        True,
        "report",
    ),
]

_HOUSING = (
    "UK4: Tender notice\nTitle: Housing Management Services - Sample Estates\nSample Borough "
    "Council is procuring a managing agent to deliver housing management services for 3,900 "
    "council homes.\nMain procurement category: Services\n{sentence}"
)
_CLEANING = (
    "Sell2Wales\nContract Notice\nSchool Cleaning Services\nSample County Borough Council\n"
    "Notice Reference: SCB001-DN781102-51184420\nThe Council invites tenders for the provision "
    "of daily cleaning at its schools.\nMain procurement category: Services\n{codes}"
)
_VALUATION = (
    "UK4: Tender notice\nTitle: Valuation Services for Asset Accounting 2025-2028\nMain "
    "procurement category: Services\nCPV: 70000000 - Real estate services\nThe services "
    "include ad hoc valuations and, where requested, confirmation of best consideration for "
    "any proposed disposals under section 123 of the Local Government Act 1972."
)

ROUND25_NOTICE_CASES = [
    # What was done, in a clause before the provider's future duties.
    (
        _HOUSING.format(
            sentence="A formal consultation with tenants under section 105 was carried out in "
            "2024 (1,146 responses) and the Tenant Panel will sit on the evaluation panel."
        ),
        CONS,
        True,
    ),
    (
        _HOUSING.format(
            sentence="The provider will carry out a formal consultation with tenants each year."
        ),
        CONS,
        False,
    ),
    # A reference number's tail is not a CPV code.
    (_CLEANING.format(codes=""), OUT, True),
    (_CLEANING.format(codes="Industry: Installation services - 51000000"), OUT, False),
    # A notice buying valuation advice sells nothing.
    (_VALUATION, SALE, False),
    (
        "Contracts Finder\nOpportunity\nDisposal of Former Council Offices, Sample Street\n"
        "Sample Council\nIndustry: Sale of non-residential property - 70123100\nDescription: "
        "Sample Council is inviting offers for the freehold of its former offices.",
        SALE,
        True,
    ),
]


@pytest.mark.parametrize(("text", "label", "expected", "doc_type"), ROUND25_CASES)
def test_round25_families(text: str, label: str, expected: bool, doc_type: str) -> None:
    assert bool(getattr(classify(text, doc_type=doc_type), label)) is expected


@pytest.mark.parametrize(("text", "label", "expected"), ROUND25_NOTICE_CASES)
def test_round25_notice_families(text: str, label: str, expected: bool) -> None:
    assert bool(getattr(classify(text, doc_type="procurement"), label)) is expected
