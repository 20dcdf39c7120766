"""Round 4 of generalising the rules: families that fresh invented documents showed missing.

Every sentence is written by the project in its own words, in the shapes council papers and
procurement notices use; none is copied from a real paper. Each family has a positive and a
negative, and each test names the rule or set-aside reason it expects.
"""

from __future__ import annotations

import pytest

from monitor.classify import Classification, classify

# An outsourcing decision with neither a consultation nor an in-house option, to which a
# sentence under test is added.
AWARD = "RESOLVED that the contract for the respite care service be awarded to Example Care Ltd."
# An asset sale with no consultation.
SALE = "Decision: To approve the sale of the freehold of the former depot at Mill Road."


def rules_for(c: Classification, label: str) -> set[str]:
    return {ev.rule for ev in c.evidence if ev.label == label}


def set_aside(c: Classification) -> set[str]:
    return {ev.rule for ev in c.discounted}


# ---- professional services and research for the council's own use


@pytest.mark.parametrize(
    "text",
    [
        "Decision: The Director awarded a two year contract for specialist payroll and pensions"
        " compliance advice to Example Accountants LLP.",
        "Cabinet approved the procurement of an external legal services panel for four years.",
        "Decision: To award the contract to run the annual residents survey to Example Research"
        " Ltd for three years.",
        "Decision: To extend the highways professional services contract with Example"
        " Engineering for a further year.",
    ],
)
def test_own_use_professional_services_are_not_outsourcing(text: str) -> None:
    c = classify(text, doc_type="decision")
    assert not c.is_outsourcing
    assert "own_use_professional_services" in set_aside(c)


def test_a_public_advice_service_is_still_outsourcing() -> None:
    c = classify(
        "Decision: To award the contract for the welfare benefits advice service for residents"
        " to Example Advice Centre.",
        doc_type="decision",
    )
    assert c.is_outsourcing


# ---- support services, supported housing, passenger transport and equipment


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        (
            "The Cabinet Member approved the establishment of a Dynamic Purchasing System for"
            " home to school transport for six years.",
            "framework_for_services",
        ),
        (
            "Decision: Approval to commission a framework of independent providers for"
            " residential care placements for children in care.",
            "framework_for_services",
        ),
        (
            "Purpose: To seek approval to procure hostel, floating support and supported"
            " accommodation services for single people.",
            "procure_service",
        ),
        (
            "The Executive agreed to procure a temporary accommodation resettlement and support"
            " service for families.",
            "procure_service",
        ),
        (
            "Decision: To commission day opportunities for older people from independent"
            " providers through an open tender.",
            "procure_service",
        ),
    ],
)
def test_support_and_transport_services_are_outsourcing(text: str, rule: str) -> None:
    c = classify(text, doc_type="decision")
    assert c.is_outsourcing
    assert rule in rules_for(c, "is_outsourcing")


def test_community_equipment_service_is_a_service_not_goods() -> None:
    c = classify(
        "Decision: To award the community equipment service contract, covering delivery and"
        " collection of equipment for disabled people, to Example Healthcare.",
        doc_type="decision",
    )
    assert c.is_outsourcing


def test_buying_equipment_is_still_goods() -> None:
    c = classify(
        "Decision: To award the contract for the supply of grounds maintenance equipment to"
        " Example Machinery Ltd.",
        doc_type="decision",
    )
    assert not c.is_outsourcing


def test_an_option_to_commission_from_providers_is_only_an_option() -> None:
    c = classify(
        "We are consulting on day services. Options include keeping the council-run centres or"
        " commissioning services from voluntary sector providers.",
        doc_type="other",
    )
    assert not c.is_outsourcing


# ---- in-house wording


@pytest.mark.parametrize(
    "sentence",
    [
        "Continuation of direct council provision was assessed as option A and not preferred.",
        "Continued operation by the Council was assessed and rejected.",
        "Retaining the directly delivered service was modelled and would cost £300,000 more.",
        "The Council does not have the workforce to deliver the service directly.",
        "Insourcing was evaluated and will be looked at again at the end of the contract.",
    ],
)
def test_inhouse_wording_variety(sentence: str) -> None:
    c = classify(f"{AWARD} {sentence}", doc_type="decision")
    assert c.is_outsourcing
    assert c.has_inhouse_statement


def test_inhouse_not_considered_viable_is_a_reason_not_a_gap() -> None:
    c = classify(
        f"{AWARD} The Council cannot provide the service directly, and recruiting an in-house"
        " team was not considered viable within the timescale.",
        doc_type="decision",
    )
    assert c.has_inhouse_statement


def test_inhouse_team_alone_is_still_not_an_option() -> None:
    c = classify(f"{AWARD} The in-house team will manage the contract.", doc_type="decision")
    assert c.is_outsourcing and not c.has_inhouse_statement


def test_an_insourcing_option_weighed_does_not_block() -> None:
    c = classify(
        "The Executive agreed to procure a homelessness support service. Insourcing was"
        " evaluated and will be reconsidered later.",
        doc_type="decision",
    )
    assert c.is_outsourcing and "insourcing" not in c.signals


def test_insourcing_decided_still_blocks() -> None:
    c = classify(
        "Cabinet agreed to bring the leisure centres back in-house when the contract ends.",
        doc_type="decision",
    )
    assert not c.is_outsourcing


# ---- the public, in more words


@pytest.mark.parametrize(
    "sentence",
    [
        "A survey of scheme members was run and 350 passengers responded.",
        "Parents and carers took part in engagement workshops.",
        "Families living in temporary accommodation were surveyed.",
        "Care leavers were asked for their views through the forum.",
    ],
)
def test_public_involvement_counts_as_consultation(sentence: str) -> None:
    c = classify(f"{AWARD} {sentence}", doc_type="decision")
    assert c.has_consultation


def test_neighbours_invited_to_comment_on_a_sale() -> None:
    c = classify(
        f"{SALE} Residents near the site were sent letters and invited to comment.",
        doc_type="decision",
    )
    assert c.is_asset_sale and c.has_consultation


def test_staff_taking_part_is_not_public_consultation() -> None:
    c = classify(f"{AWARD} Staff took part in engagement workshops.", doc_type="decision")
    assert not c.has_consultation


# ---- records that decide nothing yet


def test_decision_to_consult_on_proposals_decides_nothing() -> None:
    c = classify(
        "Decision: To approve a public consultation on proposals for the library service,"
        " including the transfer of some branch libraries to community groups.",
        doc_type="decision",
    )
    assert not c.is_outsourcing
    assert "consultation_on_proposals" in set_aside(c)


def test_decision_following_a_consultation_still_decides() -> None:
    c = classify(
        "Decision: Following the public consultation on proposals for the library service,"
        " Cabinet approved the transfer of the library service to a charitable trust.",
        doc_type="decision",
    )
    assert c.is_outsourcing and c.has_consultation


def test_paper_that_does_not_itself_approve_a_disposal() -> None:
    c = classify(
        "The strategy does not itself approve the disposal of any asset.", doc_type="report"
    )
    assert not c.is_asset_sale
    assert "not_this_paper" in set_aside(c)


# ---- long papers: earlier decisions told as dated past events are history

_FILLER = (
    "Demand for the service has grown each year, providers report pressure on wages, and the"
    " council has worked with partners to improve quality and reduce waiting times. "
) * 30


def test_long_paper_past_dated_decisions_are_history() -> None:
    text = (
        "Annual Commissioning Report\n\n1. Recommendation\n\n1.1 That the committee notes the"
        " report.\n\n2. Activity this year\n\n2.1 Contracts for advocacy were awarded in 2024"
        " following tenders approved by the Executive in 2023. The sale of the old depot agreed"
        " by Cabinet in May has completed. " + _FILLER
    )
    c = classify(text, doc_type="report")
    assert not c.is_outsourcing and not c.is_asset_sale


def test_long_paper_that_decides_still_counts() -> None:
    text = (
        "Leisure Contract\n\nRecommendations: That the leisure management contract be awarded"
        " to the highest scoring bidder for ten years.\n\n" + _FILLER
    )
    c = classify(text, doc_type="report")
    assert c.is_outsourcing


# ---- assets


def test_community_asset_transfer_of_a_building_is_a_sale_not_outsourcing() -> None:
    c = classify(
        "Decision: To approve the community asset transfer of the former library building to"
        " Example Community Trust, a charity, on a 35 year lease.",
        doc_type="decision",
    )
    assert c.is_asset_sale and not c.is_outsourcing


def test_transfer_of_a_library_service_with_the_building_is_outsourcing() -> None:
    c = classify(
        "Decision: To approve the community asset transfer of the library building and the"
        " transfer of the library service to Example Community Trust, a charity.",
        doc_type="decision",
    )
    assert c.is_outsourcing


def test_advice_on_disposals_is_not_a_sale() -> None:
    c = classify(
        "Decision: To award a contract for valuation, lease advisory and disposal advice to"
        " the Council's property team.",
        doc_type="decision",
    )
    assert not c.is_asset_sale


def test_assumed_receipts_are_not_a_sale_but_an_approved_sale_is() -> None:
    assumed = classify(
        "The strategy assumes capital receipts of £4m a year from the disposal of surplus assets.",
        doc_type="report",
    )
    assert not assumed.is_asset_sale
    sold = classify(
        "RESOLVED: That the sale of two smallholdings be approved, with receipts used for the"
        " capital programme.",
        doc_type="decision",
    )
    assert sold.is_asset_sale


# ---- a third batch: passive resolutions, own workforce, co-design, noting, freeholds


def test_passive_resolution_puts_a_service_to_the_market() -> None:
    c = classify(
        "RESOLVED that the young carers service be tendered for a three year contract.",
        doc_type="decision",
    )
    assert c.is_outsourcing
    assert "service_passive_step" in rules_for(c, "is_outsourcing")


def test_a_step_that_should_be_considered_is_not_a_resolution() -> None:
    c = classify(
        "Officers will consider whether future support should be commissioned jointly with the"
        " county council.",
        doc_type="report",
    )
    assert not c.is_outsourcing


def test_councils_own_workforce_weighed_is_an_inhouse_option() -> None:
    c = classify(
        f"{AWARD} Using the Council's own workforce was compared and rejected on cost.",
        doc_type="decision",
    )
    assert c.has_inhouse_statement


def test_councils_own_procurement_team_is_not_an_inhouse_option() -> None:
    c = classify(
        f"{AWARD} The Council's own procurement team recommended the preferred bidder.",
        doc_type="decision",
    )
    assert not c.has_inhouse_statement


def test_people_who_co_designed_the_service_were_consulted() -> None:
    c = classify(
        f"{AWARD} People with lived experience co-designed the specification.",
        doc_type="decision",
    )
    assert c.has_consultation


def test_project_management_support_is_own_use() -> None:
    c = classify(
        "Decision: To award a contract for programme and project management support for the"
        " regeneration programme to Example Consulting.",
        doc_type="decision",
    )
    assert not c.is_outsourcing


def test_freehold_transfer_to_a_trust_is_a_sale_not_outsourcing() -> None:
    c = classify(
        "Decision: To transfer the freehold of the youth centre to Example Youth Trust for £1.",
        doc_type="decision",
    )
    assert c.is_asset_sale and not c.is_outsourcing


def test_noting_an_award_under_its_heading_decides_nothing() -> None:
    c = classify(
        "Information item: Award of Day Care Contracts\n\nRecommendation: That members note the"
        " award of day care contracts made under delegated powers in May 2025.",
        doc_type="report",
    )
    assert not c.is_outsourcing


# ---- a fourth batch: press wording, ballots, holders, "Decision: To outsource", alongside


def test_handing_management_to_a_charity_is_outsourcing() -> None:
    c = classify(
        "The Executive has agreed to hand management of its country parks to a conservation"
        " charity under a 25 year agreement.",
        doc_type="other",
    )
    assert c.is_outsourcing


def test_handing_over_keys_is_not_outsourcing() -> None:
    c = classify(
        "The contractor will hand over the keys of the new pavilion to the council in May.",
        doc_type="other",
    )
    assert not c.is_outsourcing


def test_decision_to_outsource_in_a_decision_line() -> None:
    c = classify(
        "Decision: To outsource the out of hours telephone service to a specialist company.",
        doc_type="decision",
    )
    assert c.is_outsourcing
    assert "outsourcing_agreed" in rules_for(c, "is_outsourcing")


def test_tenants_ballot_is_consultation_but_councillors_voting_is_not() -> None:
    base = "Full Council resolved to transfer the Council's housing stock to a housing association"
    balloted = classify(f"{base} after a tenants' ballot.", doc_type="decision")
    assert balloted.has_consultation
    voted = classify(f"{base}; councillors voted 30 to 12.", doc_type="decision")
    assert not voted.has_consultation


def test_allotment_holders_consulted() -> None:
    c = classify(
        "Decision: To grant a 40 year lease of the allotment sites to the allotment society."
        " Allotment holders were consulted.",
        doc_type="decision",
    )
    assert c.is_asset_sale and c.has_consultation


def test_inhouse_service_carrying_on_alongside_is_not_an_option() -> None:
    c = classify(
        "Recommendations: Cabinet is asked to approve the recommissioning of home care through an"
        " open tender, with the in-house reablement service continuing alongside it.",
        doc_type="report",
    )
    assert c.is_outsourcing and not c.has_inhouse_statement


# ---- a fifth batch: IT support for the council, a reason for not considering in-house


def test_network_support_is_own_use_but_support_workers_are_not() -> None:
    it = classify(
        "Decision: To award a three year contract for network support and maintenance to an IT"
        " company.",
        doc_type="decision",
    )
    assert not it.is_outsourcing
    care = classify(
        "Decision: To award the supported living contract to Example Care and its support"
        " workers' employer for three years.",
        doc_type="decision",
    )
    assert care.is_outsourcing


def test_not_considered_with_a_reason_is_an_inhouse_statement() -> None:
    c = classify(
        f"{AWARD} Insourcing was not considered because the service needs a registered provider.",
        doc_type="decision",
    )
    assert c.has_inhouse_statement


def test_not_considered_without_a_reason_is_not() -> None:
    c = classify(
        f"{AWARD} An in-house option had not been considered by the Cabinet.", doc_type="decision"
    )
    assert not c.has_inhouse_statement


# ---- a sixth batch: named buildings, management agreements, letting a contract


def test_disposal_of_a_former_fire_station_is_a_sale() -> None:
    c = classify(
        "Cabinet is recommended to approve the disposal of the former fire station to the"
        " preferred bidder.",
        doc_type="report",
    )
    assert c.is_asset_sale


def test_extending_a_management_agreement_is_outsourcing() -> None:
    c = classify(
        "Decision: To extend the sport and leisure management agreement for two years.",
        doc_type="decision",
    )
    assert c.is_outsourcing


@pytest.mark.parametrize(
    ("text", "outsourcing"),
    [
        (
            "Decision: To let a contract for the management of council garages to an external"
            " company.",
            True,
        ),
        ("Decision: To let the cleaning contract expire in March and not renew it.", False),
    ],
)
def test_letting_a_contract(text: str, outsourcing: bool) -> None:
    assert classify(text, doc_type="decision").is_outsourcing is outsourcing


# ---- limits of the round 4 patterns


def test_a_service_whose_hours_are_extended_is_not_outsourcing() -> None:
    c = classify(
        "RESOLVED that the library service opening hours be extended on Saturdays.",
        doc_type="decision",
    )
    assert not c.is_outsourcing


def test_a_survey_named_after_an_award_does_not_undo_it() -> None:
    c = classify(
        "RESOLVED to award the leisure management contract to Example Leisure, as the annual"
        " residents survey showed support for the new operator.",
        doc_type="decision",
    )
    assert c.is_outsourcing


def test_a_provider_delivering_care_directly_is_not_the_inhouse_option() -> None:
    c = classify(
        f"{AWARD} The bids were compared and the winning provider will deliver care directly to"
        " people in their homes.",
        doc_type="decision",
    )
    assert not c.has_inhouse_statement


def test_procuring_legal_services_is_own_use() -> None:
    c = classify("Cabinet agreed to procure external legal services.", doc_type="decision")
    assert not c.is_outsourcing
