"""Round 5 families: wording found in blind held-out sets, written as general patterns.

Every sentence here is written for these tests (fictional councils, places and firms); each
family has a case that must change and one that must not."""

from __future__ import annotations

import pytest

from monitor.classify import classify
from monitor.notice_text import notice_from_text

OUT, SALE, CONS, INH = (
    "is_outsourcing",
    "is_asset_sale",
    "has_consultation",
    "has_inhouse_statement",
)


@pytest.mark.parametrize(
    ("text", "doc_type", "label", "expected"),
    [
        # A decimal point is not the end of a clause.
        (
            "Decision:\nThe Committee approved the disposal of 0.6 hectares of amenity open "
            "space at Brook Lane to Sampleton Homes for 30 affordable homes.",
            "decision",
            SALE,
            True,
        ),
        (
            "Decision: to approve the sale of 2.5 hectares of land at Mill Farm.",
            "decision",
            SALE,
            True,
        ),
        # The bare subjunctive of a resolution.
        (
            "Decision: That the museum service transfer to Sampleshire Heritage Trust (a "
            "charitable trust) from 1 April.",
            "decision",
            OUT,
            True,
        ),
        # Building work, whoever is appointed to do it.
        ("Decision: Appointment of a contractor to demolish Elm Court.", "decision", OUT, False),
        ("Decision: to appoint a contractor to build the new sports hall.", "decision", OUT, False),
        ("Decision: to appoint an operator to run the new sports hall.", "decision", OUT, True),
        (
            "Decision: To extend the contract with Sample Advice Ltd for the provision of the "
            "carers support service for two years.",
            "decision",
            OUT,
            True,
        ),
        # Appointing a named firm to manage a service, accepting a tender.
        (
            "The council has appointed Brightwater Leisure to manage the Riverside leisure "
            "centre following a competitive tender.",
            "other",
            OUT,
            True,
        ),
        (
            "Title: Children's Residential Care - Block Contract\nThe Cabinet Member accepts the "
            "tender from Sample Care Homes Limited for three beds for four years.",
            "report",
            OUT,
            True,
        ),
        # Stays in-house; managed directly by the council.
        (
            "Decision: Having considered the option of transferring the meals service to an "
            "external provider, the Cabinet Member agreed that the service should remain "
            "in-house.",
            "decision",
            OUT,
            False,
        ),
        (
            "Recommendations\n2.1 That the Executive agrees that the leisure centres be managed "
            "directly by the Council from 1 April, when the contract with the operator ends.",
            "report",
            OUT,
            False,
        ),
        # A body the council controls.
        (
            "(1) approved the continuation of the services agreement with Sample Culture Trust "
            "for the delivery of library and museum services. (2) noted that the Trust is an "
            "arm's length external organisation controlled by the Council.",
            "decision",
            OUT,
            False,
        ),
        (
            "(1) approved the transfer of the library service to Sample Culture Trust, an "
            "independent charity, from 1 April.",
            "decision",
            OUT,
            True,
        ),
        # Marketing for sale.
        (
            "Decision: to declare the former public toilet block surplus and approve the "
            "marketing of the property for sale on the open market.",
            "decision",
            SALE,
            True,
        ),
        # Minutes in the past tense.
        (
            "RESOLVED that the Executive:\na) Declared the former Town Hall Annexe surplus to "
            "requirements;\nb) Approved the disposal of the freehold interest in the property to "
            "the preferred bidder.",
            "decision",
            SALE,
            True,
        ),
    ],
)
def test_round5_label(text: str, doc_type: str, label: str, expected: bool) -> None:
    assert getattr(classify(text, doc_type=doc_type), label) is expected


def test_general_statements_about_disposals_sell_nothing_a_named_site_still_does() -> None:
    strategy = (
        "Recommendations\n2.1 That Cabinet approves the Asset Management Strategy.\n\n"
        "Where disposal is proposed, the Council will seek best consideration. Disposals of "
        "public open space will be advertised under section 123(2A). Any proposals for the "
        "disposal of individual assets will be brought forward for decision. The Council's "
        "powers to acquire, hold and dispose of land are set out in the 1972 Act."
    )
    assert classify(strategy, doc_type="report").is_asset_sale is False
    named = "Decision: where the land at Mill Lane is declared surplus, to approve its disposal."
    assert classify(named, doc_type="decision").is_asset_sale is True


@pytest.mark.parametrize(
    ("consultation", "expected"),
    [
        (
            "Consultation has taken place with the Cabinet Member and the Director of Finance.",
            False,
        ),
        ("Sample Homes will consult neighbours as part of its planning application.", False),
        ("Consultation has taken place with residents and the Cabinet Member.", True),
        (
            "Councillor Green moved an amendment that the decision be deferred to allow a "
            "public consultation; the amendment was lost.",
            False,
        ),
        ("A public consultation ran for eight weeks and 700 residents responded.", True),
    ],
)
def test_consultation_of_members_officers_or_a_purchaser_is_not_public(
    consultation: str, expected: bool
) -> None:
    text = f"Decision: to approve the re-tendering of the home care service.\n\n{consultation}"
    assert classify(text, doc_type="decision").has_consultation is expected


def test_a_job_title_after_a_dash_is_not_the_community() -> None:
    text = (
        "Recommendations\n2.1 Approve the transfer of the leisure centres to an independent "
        "charitable trust.\n2.2 Delegate authority to the Strategic Director - Communities and "
        "Housing, in consultation with the Cabinet Member for Leisure, to complete the "
        "agreements."
    )
    assert classify(text, doc_type="report").has_consultation is False


@pytest.mark.parametrize(
    ("title", "cpv", "expected"),
    [
        (
            "Housing Responsive Repairs and Voids Service",
            "50700000 - Repair and maintenance services",
            True,
        ),
        ("Revenues and Benefits Service", "75100000 - Administration services", True),
        ("Customer Contact Centre Out of Hours Service", "79512000 - Call centre", True),
        ("Payroll Advice and Support", "79211100 - Payroll services", False),
        ("Maintenance of Council Office Lifts", "50750000 - Lift-maintenance services", False),
    ],
)
def test_a_notice_title_naming_a_residents_service_outweighs_an_own_use_code(
    title: str, cpv: str, expected: bool
) -> None:
    text = (
        f"Tender notice\nSampleton Borough Council\n{title}\n\nThe council invites tenders.\n"
        f"Main procurement category: services\nCPV: {cpv}"
    )
    assert classify(text, doc_type="procurement").is_outsourcing is expected


def test_a_notice_page_title_skips_its_kind_and_buyer_lines_and_reads_every_code() -> None:
    facts = notice_from_text(
        [
            "Transparency notice\nLondon Borough of Sampleton\nDirect award - Street Cleansing\n"
            "CPV: 90610000 - Street-cleaning services; 90511000 - Refuse collection services"
        ]
    )
    assert facts.title == "Direct award - Street Cleansing"
    assert [c.code for c in facts.cpvs] == ["90610000", "90511000"]
