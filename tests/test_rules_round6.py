"""Round 6 families: wording found in two new blind held-out sets (h9 short, h10 long),
written as general patterns.

Every sentence here is written for these tests (fictional councils, places and firms); each
family has a case that must change and one that must not."""

from __future__ import annotations

import pytest

from monitor.classify import classify
from monitor.notice_subject import names_public_facing_service

OUT, SALE, CONS, INH = (
    "is_outsourcing",
    "is_asset_sale",
    "has_consultation",
    "has_inhouse_statement",
)


@pytest.mark.parametrize(
    ("text", "doc_type", "label", "expected"),
    [
        # A procurement strategy *report* still to come does not make an extension policy.
        (
            "Decision\nTo approve a nine-month extension to the contract with the current "
            "provider of the Sampleton carers' support service, and to note the intention to "
            "bring a procurement strategy report in the spring.",
            "decision",
            OUT,
            True,
        ),
        (
            "Decision\nTo approve the refreshed Procurement Strategy 2026-2030.",
            "decision",
            OUT,
            False,
        ),
        # "1.2 to NOTE ..." is a clause of its own, not part of the award before it.
        (
            "The Committee AGREED:\n1.1 to award the contract for the provision of the "
            "day opportunities service to the successful tenderer for three years; and\n"
            "1.2 to NOTE that an equality impact assessment has been completed.",
            "decision",
            OUT,
            True,
        ),
        (
            "The Committee AGREED:\n1.1 to NOTE the award of the contract for the provision "
            "of the day opportunities service made last year.",
            "decision",
            OUT,
            False,
        ),
        # A variation of a contract with a long name.
        (
            "Decision:\n1. That a variation to the existing refuse collection, street "
            "cleansing and grounds maintenance services contract be approved to add a weekly "
            "garden waste round.",
            "decision",
            OUT,
            True,
        ),
        # Goods named as the reason a service contract changes, not what it buys.
        (
            "Decision:\nThat the term of the waste collection contract be extended by two "
            "years to allow for the amortisation of the new collection vehicles.",
            "decision",
            OUT,
            True,
        ),
        (
            "Decision:\nThat the contract for the supply of new collection vehicles be "
            "extended by two years.",
            "decision",
            OUT,
            False,
        ),
        # The contracts of a building project are works.
        (
            "Decision:\nTo approve entering into a Pre-Construction Services Agreement with "
            "the contractor appointed through the Sampleshire Construction Framework.",
            "decision",
            OUT,
            False,
        ),
        (
            "Decision:\nTo approve the appointment of the main contractor for the new "
            "library building under the services agreement.",
            "decision",
            OUT,
            False,
        ),
        # Frozen food is goods; a hot meals service with a welfare visit is a service.
        (
            "Decision: to award a contract for the supply and home delivery of frozen ready "
            "meals to eligible residents.",
            "decision",
            OUT,
            False,
        ),
        (
            "Decision: to award the contract for the provision of the community meals "
            "service (hot meals delivered with a welfare check).",
            "decision",
            OUT,
            True,
        ),
        # Bringing a service under direct management is insourcing.
        (
            "Decision:\n1. approves the transfer of the leisure service, with its staff, "
            "into direct management by the Council from 1 April.\n\nReasons for the decision:"
            "\nAn options appraisal compared procuring a new external operator with the "
            "Council running the service.",
            "decision",
            OUT,
            False,
        ),
        # A charitable incorporated organisation takes over a service.
        (
            "Recommendations\nc) approve the transfer of the operation of the library "
            "service at Millbrook to the CIO under a service level agreement for five years.",
            "report",
            OUT,
            True,
        ),
        # "RECOMMENDATION/S" heads what is decided, whatever section came before it.
        (
            "Consultation\nThe Partnership Board has been informed of the intention.\n\n"
            "RECOMMENDATION/S\nThat the Cabinet Member:\n1) approves a competitive procurement "
            "for an integrated advocacy service for five years.",
            "report",
            OUT,
            True,
        ),
    ],
)
def test_round6_outsourcing_and_sale_families(
    text: str, doc_type: str, label: str, expected: bool
) -> None:
    assert getattr(classify(text, doc_type=doc_type), label) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "RESOLVED that:\n(a) the purchase of 12 refuse collection vehicles be approved;\n"
            "(b) the disposal of the vehicles being replaced by auction be approved.",
            False,
        ),
        (
            "RESOLVED that:\n(a) the disposal of the former depot site and the vehicles "
            "stored there by auction be approved.",
            True,
        ),
    ],
)
def test_selling_old_vehicles_is_not_an_asset_sale(text: str, expected: bool) -> None:
    assert classify(text, doc_type="decision").is_asset_sale is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Continuing to run a service directly is the in-house option.
        (
            "Decision:\n1. That Cabinet approves the transfer of the operation of Elm Road "
            "Library to Friends of Elm Road Library (a charitable trust).\n\nReasons:\n"
            "Continuing to run the library directly was considered, but its cost could not "
            "be met within the budget.",
            True,
        ),
        (
            "Decision:\n1. That Cabinet approves the transfer of the operation of Elm Road "
            "Library to Friends of Elm Road Library (a charitable trust).\n\nReasons:\n"
            "The library will continue to deliver its services directly to residents.",
            False,
        ),
        # A stock options appraisal: retention by the council is the in-house option.
        (
            "Decision:\n(1) That the Council proceeds to a tenant ballot on the proposed "
            "transfer of the Council's housing stock to a new housing association.\n\n"
            "Reasons:\nRetention of the stock by the Council would not meet the housing "
            "quality standard.",
            True,
        ),
    ],
)
def test_round6_inhouse_wording(text: str, expected: bool) -> None:
    assert classify(text, doc_type="decision").has_inhouse_statement is expected


def test_no_formal_public_consultation_is_a_negative() -> None:
    text = (
        "Decision: to approve a Dynamic Purchasing System for home to school transport "
        "services and to award call-off contracts under it.\n\nConsultation\nNo formal "
        "public consultation is required because eligibility does not change."
    )
    result = classify(text, doc_type="decision")
    assert result.is_outsourcing and result.has_consultation is False and result.should_flag


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Connect to Work Lot 2 - Individual Placement and Support (IPS)", True),
        ("Supported Employment Service for Adults with Learning Disabilities", True),
        ("Employment Support Programme 2027", True),
        ("Recruitment of a Director of Finance", False),
        ("Employment Support Case Management Software", False),
    ],
)
def test_employment_support_titles_are_public_facing(title: str, expected: bool) -> None:
    assert names_public_facing_service(title) is expected
