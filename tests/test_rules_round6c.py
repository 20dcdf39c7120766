"""Round 6c families: wording found in blind held-out sets h13 (short, half of them ordinary
council texts) and h14 (long papers), written as general patterns.

Every sentence here is written for these tests (fictional councils, places and firms); each
family has a case that must change and one that must not."""

from __future__ import annotations

import pytest

from monitor.classify import classify
from monitor.confidence import judge, reading_of_pages

OUT, SALE, CONS, INH = (
    "is_outsourcing",
    "is_asset_sale",
    "has_consultation",
    "has_inhouse_statement",
)


@pytest.mark.parametrize(
    ("text", "label", "expected"),
    [
        # Goods for the council's own service: its name does not make them a service.
        (
            "After consideration, the Committee approved the award of a contract for the "
            "supply and delivery of fresh vegetables to school kitchens operated by the "
            "Council's Facilities Management service.",
            OUT,
            False,
        ),
        (
            "After consideration, the Committee approved the award of a contract for the "
            "provision of school catering services to Sample Catering Ltd.",
            OUT,
            True,
        ),
        # A contracts update: the tenders' titles say what they are for.
        (
            "The Committee:\n- approved the public advertisement of tenders as detailed in "
            "Appendix 1.\n\nTitle of tender: Provision of cleaning services for the civic "
            "buildings\nDescription: daily office cleaning and window cleaning.",
            OUT,
            True,
        ),
        (
            "The Committee:\n- approved the public advertisement of tenders as detailed in "
            "Appendix 1.\n\nTitle of tender: Supply of personal protective equipment\n"
            "Description: gloves, boots and workwear for depot staff.",
            OUT,
            False,
        ),
        # "the ... contract with X, covering ..., be extended"
        (
            "Decision:\na) the public realm services contract with Sample Living Places Ltd, "
            "covering highway maintenance, street lighting and winter service, be extended for "
            "12 months in accordance with its terms.",
            OUT,
            True,
        ),
        # Building contracts and planned maintenance programmes are works.
        (
            "Decision made:\n1. To award the construction contract for the four-classroom "
            "extension at Sampleton Primary School to Sample Build Ltd.",
            OUT,
            False,
        ),
        (
            "Subject: Highways Planned Maintenance Programme 2027/28 - Award of Call-Off "
            "Contracts\nDescription: the award of call-off contracts for carriageway "
            "resurfacing under the Regional Highways Alliance Contract framework.",
            OUT,
            False,
        ),
        # Delivering a service in-house, decided, is insourcing.
        (
            "Officer Recommendations:\n1. Approves the delivery of security and CCTV "
            "monitoring services for corporate buildings in-house from 1 June, instead of "
            "re-procuring the contract.",
            OUT,
            False,
        ),
        # A going-concern transfer that hands over the building is also a disposal.
        (
            "Recommendations\ni. agree the transfer of Elm House Care Home as a going concern "
            "to Sample Care Co-operative Ltd, including the transfer of ownership of the "
            "building and grounds for a consideration of £1.",
            SALE,
            True,
        ),
        # A capital strategy that says no disposal is decided.
        (
            "RECOMMENDED that Council approves the Capital Strategy.\n\n4.3 The Asset Review "
            "has identified 12 properties that may be surplus. No decision to dispose of any "
            "individual property is sought in this report.",
            SALE,
            False,
        ),
        # Valuers and disposal agents are bought for disposals in general.
        (
            "Decision:\nTo approve a framework of four firms for valuation advice and "
            "disposal agency services, including the valuations required for disposals at "
            "less than best consideration.",
            SALE,
            False,
        ),
    ],
)
def test_round6c_subjects(text: str, label: str, expected: bool) -> None:
    assert getattr(classify(text, doc_type="report"), label) is expected


def test_continued_direct_operation_by_the_council_is_the_inhouse_option() -> None:
    text = (
        "Recommendations\ni. agree the transfer of Elm House Care Home as a going concern to "
        "Sample Care Co-operative Ltd.\n\n5. Options\n5.1 The Council considered (a) continued "
        "direct operation by the Council, which would need £1.5m of works; (b) closure; and "
        "(c) transfer to the co-operative. Option (c) is recommended."
    )
    assert classify(text, doc_type="report").has_inhouse_statement is True


_DISPOSAL = (
    "Decision\n2. That the garage sites listed in Appendix 1 be disposed of by sale on the "
    "open market.\n\nConsultation:\n"
)


@pytest.mark.parametrize(
    ("sentences", "expected"),
    [
        # Describing people asks them nothing; a short list of consultees is a field value.
        ("Ward members have been consulted. 40 garages are let to residents of the estate.", False),
        ("Garage tenants and residents of the estate.", True),
        ("Residents of the estate were invited to two drop-in sessions.", True),
        (
            "None of the sites is open space, and no notice under section 123(2A) of the Local "
            "Government Act 1972 is required.",
            False,
        ),
    ],
)
def test_round6c_consultation_fields(sentences: str, expected: bool) -> None:
    result = classify(_DISPOSAL + sentences, doc_type="decision")
    assert result.is_asset_sale and result.has_consultation is expected


def test_a_forward_plan_with_description_fields_is_read_entry_by_entry() -> None:
    entry = "Ref: KD/{n}\nSubject: {subject}\nDescription: {what}\nConsultation: {who}\n\n---\n\n"
    plan = "FORWARD PLAN OF KEY DECISIONS\n\n" + "".join(
        [
            entry.format(
                n="101",
                subject="Sample Trading Company - Business Plan",
                what="Approval of the business plan of the Council's wholly-owned company.",
                who="None.",
            ),
            entry.format(
                n="102",
                subject="Parking Enforcement - Future Delivery",
                what=(
                    "The report will ask Cabinet to decide whether to tender a new contract "
                    "for parking enforcement services or to bring them in-house."
                ),
                who="None proposed.",
            ),
        ]
    )
    result = classify(plan, doc_type="forward_plan")
    # The company entry's council-owned company does not block the parking tender's entry.
    assert result.is_outsourcing and result.should_flag
    assert "item:Ref: KD/102" in result.signals


def test_the_policy_a_decision_applies_does_not_lower_its_confidence() -> None:
    text = (
        "Recommendation\n1) Cabinet approves the grant of a 99-year lease of the Elm Road "
        "Community Centre to Elm Road Community Association Ltd.\n\n1.1 The Council's "
        "Community Asset Transfer Policy provides a framework for the transfer of land and "
        "buildings to community organisations."
    )
    result = classify(text, doc_type="report")
    assert result.is_asset_sale and result.should_flag
    confidence = judge(result, reading_of_pages([(None, None, text)]), doc_type="report")
    assert confidence.published, confidence.reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A contractor appointed to build, with the framework named between.
        (
            "Nature of decision:\nTo approve the appointment of a civil engineering contractor, "
            "via the regional civils framework, to construct new highway drainage on Mill "
            "Street.",
            False,
        ),
        (
            "Nature of decision:\nTo approve the appointment of a provider, via the regional "
            "care framework, to deliver the reablement service from April.",
            True,
        ),
    ],
)
def test_a_contractor_appointed_to_build_is_works(text: str, expected: bool) -> None:
    assert classify(text, doc_type="forward_plan").is_outsourcing is expected


@pytest.mark.parametrize(
    ("sentences", "expected"),
    [
        # A councillor or committee "asked that ..." asks for something; nobody was asked.
        ("The scrutiny committee asked that fee protection for residents be included.", False),
        ("The local member asked that the site be offered first to residents' groups.", False),
        # A purchaser's own engagement before a planning application is the planning process.
        (
            "The purchaser will undertake its own pre-application engagement with neighbouring "
            "residents before submitting a planning application.",
            False,
        ),
        ("Residents of the estate were asked for their views at two drop-in sessions.", True),
    ],
)
def test_round6c_who_asked_whom(sentences: str, expected: bool) -> None:
    result = classify(_DISPOSAL + sentences, doc_type="decision")
    assert result.is_asset_sale and result.has_consultation is expected


def test_a_job_title_names_no_service_a_contract_is_for() -> None:
    text = (
        "Recommendation(s)\n1. To approve the appointment of a multi-disciplinary design team "
        "for the museum redevelopment to RIBA Stage 4.\n2. To delegate authority to the "
        "Assistant Director, Regeneration and Culture, in consultation with the Lead Member for "
        "Culture and Tourism, to award the contracts in 1 above."
    )
    assert classify(text, doc_type="report").is_outsourcing is False


# ------------------------------------------------------------------ from h17 and h18


@pytest.mark.parametrize(
    ("text", "label", "expected"),
    [
        # A management agreement entered into with a community body lets the service out ...
        (
            "Decision:\nTo enter into a ten-year management agreement with Sample Allotment "
            "Association Ltd (a community benefit society) for the management of the Council's "
            "allotment sites.",
            OUT,
            True,
        ),
        # ... one with town councils is public to public.
        (
            "Decision:\n1.1 To enter into management agreements with Kendal Town Council and "
            "Sample Town Council for the management of allotment sites in their areas.",
            OUT,
            False,
        ),
        # The operation of a service passing from the council to a company.
        (
            "Decision:\n1. To agree that the operation of the Visitor Information Centre "
            "transfers from the Council to Sample BID Company Ltd under a service agreement.",
            OUT,
            True,
        ),
        # Not controlled by the council is the opposite of a council-controlled body.
        (
            "Decision:\nTo approve the transfer of the adult learning service to Sample Learning "
            "Trust, an independent charity. The arrangement is a contract for services with a "
            "body that is not controlled by the Council.",
            OUT,
            True,
        ),
        # A report that seeks no decision reports on a service let out long ago.
        (
            "1.2 Operation of the theatre transferred to an independent operator in 2019. This "
            "report does not seek any decision on the operating arrangements.\n\n"
            "RECOMMENDATION\nThat the Panel notes the report.",
            OUT,
            False,
        ),
        # Dredged material disposed of at sea is not land sold.
        (
            "Short description: maintenance dredging at the harbour berths, with disposal at "
            "the licensed sea disposal site.",
            SALE,
            False,
        ),
        # No disposal proposed, and a decision still to come, decide no sale.
        (
            "Decision:\n(c) no disposal of the freehold of any unit is proposed.",
            SALE,
            False,
        ),
        (
            "Decision:\nNo land is to be disposed of as a result of this decision, and any "
            "decision to dispose of allotment land will come back to Cabinet.",
            SALE,
            False,
        ),
    ],
)
def test_round6d_subjects(text: str, label: str, expected: bool) -> None:
    assert getattr(classify(text, doc_type="decision"), label) is expected


@pytest.mark.parametrize(
    ("sentences", "expected"),
    [
        # Public partners consulted on operational requirements are not the public.
        (
            "Consultation has taken place with Police Scotland, the Community Safety "
            "Partnership and the Fire and Rescue Service.",
            False,
        ),
        (
            "The trust intends to carry out its own programme of community engagement on the "
            "future uses of the building.",
            False,
        ),
        ("No advertisement under section 123(2A) is required.", False),
    ],
)
def test_round6d_consultation_false_friends(sentences: str, expected: bool) -> None:
    result = classify(_DISPOSAL + sentences, doc_type="decision")
    assert result.is_asset_sale and result.has_consultation is expected
