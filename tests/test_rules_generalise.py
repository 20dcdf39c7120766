"""Rules for the ways councils write that the first rules missed (issue 9).

Every sentence here is written by the project in its own words, in the shapes council papers
use; none is copied from a real paper. Each test names the rule or set-aside reason it expects,
so a test fails when a different rule happens to give the same label.
"""

from __future__ import annotations

import pytest

from monitor.classify import Classification, classify

# An outsourcing decision with neither a consultation nor an in-house option, to which a
# sentence under test is added.
AWARD = "RESOLVED that the contract for the day opportunities service be awarded to Example Care."


def rules_for(c: Classification, label: str) -> set[str]:
    return {ev.rule for ev in c.evidence if ev.label == label}


def set_aside(c: Classification) -> set[str]:
    return {ev.rule for ev in c.discounted}


# ---- outsourcing that was missed: support services, transport, third-sector transfers


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        (
            "Cabinet agreed to procure service provision for the Hill Street supported housing"
            " scheme for three years.",
            "procure_service",
        ),
        (
            "The Executive approved a new supplier, following a procurement process, to provide"
            " emergency accommodation for homeless households.",
            "supplier_to_provide",
        ),
        (
            "RESOLVED that the council enters into contracts with the providers named in the"
            " exempt appendix for floating support.",
            "enter_into_contract",
        ),
        (
            "Cabinet approved the award of the home-to-school transport routes to the operators"
            " listed in the appendix.",
            "contract_award",
        ),
        (
            "Cabinet agreed to sign legal agreements with community groups to run the branch"
            " libraries from April.",
            "community_run",
        ),
        (
            "Cabinet approved the transfer of the museum service to a community benefit society"
            " from 1 April.",
            "transfer_to_provider",
        ),
        (
            "It was agreed that the leisure centres be transferred to a new non-profit"
            " distributing organisation.",
            "transfer_to_provider",
        ),
        (
            "The Cabinet Member approved the novation of the home care contract to the company"
            " that bought the current provider.",
            "contract_novation",
        ),
        # Second round (unseen papers): how awards and extensions are reported.
        (
            "After a competitive tender, Example Gardens Ltd has been successful in securing the"
            " contract for parks maintenance from 1 April.",
            "contract_award",
        ),
        (
            "The decision is needed now so that contracts for supported living can be issued"
            " before the current ones end.",
            "contract_award",
        ),
        (
            "The views gathered were passed to the winning bidder for the street cleansing"
            " service.",
            "contract_award",
        ),
        (
            "RESOLVED that an exemption be approved allowing the current day care contracts to"
            " continue until 30 September.",
            "contract_extension",
        ),
        (
            "To seek a decision on a proposed charitable trust model of delivery for the"
            " museums service.",
            "transfer_to_provider",
        ),
        (
            "Officers will recommend that the theatre and the arts centre should be run by an"
            " independent charitable trust.",
            "transfer_to_provider",
        ),
    ],
)
def test_outsourcing_in_the_ways_councils_write_it(text: str, rule: str) -> None:
    c = classify(text)
    assert c.is_outsourcing and rule in rules_for(c, "is_outsourcing"), c.evidence
    assert c.should_flag and "consultation" in c.missing


def test_a_trust_taking_over_a_museum_on_a_long_lease_is_outsourcing_and_a_disposal() -> None:
    c = classify(
        "The committee agreed to the creation of an independent charitable trust to take over"
        " the running of the town museum, and to leasing the museum building to the new trust"
        " for 30 years."
    )
    assert c.is_outsourcing and "transfer_to_provider" in rules_for(c, "is_outsourcing")
    assert c.is_asset_sale and "long_lease" in rules_for(c, "is_asset_sale")


def test_revised_service_contracts_are_variations_but_a_planning_agreement_is_not() -> None:
    c = classify("RESOLVED that the contracts for home care be revised in line with the report.")
    assert c.is_outsourcing and "contract_extension" in rules_for(c, "is_outsourcing")
    assert not classify("RESOLVED that the section 106 agreement be varied.").is_outsourcing


def test_a_service_level_agreement_with_another_council_is_public_to_public() -> None:
    c = classify(
        "This report seeks approval for the future procurement of the parking enforcement"
        " service. That the service level agreement with Exampleton Borough Council for the"
        " parking enforcement service be renewed for three years."
    )
    assert not c.is_outsourcing and "shared_service" in c.signals


# ---- not outsourcing: goods, works and advice for the council's own use


@pytest.mark.parametrize(
    "text",
    [
        # A generic award sentence takes its subject (works) from the record's first line.
        "Renovation of the Market Hall - Award of Contract\n\nRESOLVED that the contract be"
        " awarded to the company detailed in the report.",
        "Major refurbishment works to twelve council blocks\n\n1. Approves the appointment of a"
        " builder for the works.\n2. Notes that the award of contract will follow the leaseholder"
        " notices.",
        "RESOLVED that a direct award contract be entered into with a surveying firm to carry"
        " out stock condition surveys of 9,000 homes, and that the Monitoring Officer be"
        " authorised to enter a formal contract.",
        "Approval for the award of contract(s) for the refurbishment of the civic offices. The"
        " contract procedure rules require approval for the award of contracts over £300,000.",
        "Approval to award a contract to an engineering consultancy to carry out a structural"
        " survey of the multi-storey car park.",
    ],
)
def test_goods_works_and_own_use_advice_are_not_outsourcing(text: str) -> None:
    c = classify(text)
    assert not c.is_outsourcing and not c.should_flag, c.evidence
    assert set_aside(c) & {"subject_not_a_service", "goods_or_works", "own_use_consultancy"}


def test_a_named_service_is_not_lost_to_the_goods_it_also_mentions() -> None:
    c = classify(
        "RESOLVED that the contract for the home care service be awarded to Example Care, and"
        " that the council buys two new minibuses for the day centre."
    )
    assert c.is_outsourcing and "subject_not_a_service" not in set_aside(c)


# ---- background, policy context and procedures do not decide


def test_background_contracts_do_not_make_an_unrelated_decision_outsourcing() -> None:
    c = classify(
        "Parking charges review\n\nThe enforcement contract was let in 2015 to an outside"
        " company.\n\nRESOLVED that the parking charges in the appendix be approved."
    )
    assert not c.is_outsourcing and "background_only" in set_aside(c)


def test_a_proposal_in_a_report_without_a_resolution_still_counts() -> None:
    c = classify("It is proposed that the council re-tenders the grounds maintenance contract.")
    assert c.is_outsourcing and c.decided_in_deciding_part is True


@pytest.mark.parametrize(
    "text",
    [
        "Policy for the Disposal of Land\n\nThis report sets out the council's policy on"
        " disposing of land at less than best consideration.",
        "Disposal of Surplus Land\n\n(a) That the proposed process for declaring and disposing"
        " of surplus land be added to the Constitution.",
        "The Disposal of Council Assets\n\nTo receive information about the council's"
        " procedures for the disposal of assets.",
        "Asset Disposal Strategy\n\nDecision: the Executive approved the draft Asset Disposal"
        " Strategy in Appendix 1.\n\nReasons: to set out a strategy to raise capital receipts"
        " through the sale of assets.",
        "Land Sales Programme Update\n\nThe report set out the progress made in delivering the"
        " first phase of the land sales programme.\n\nRESOLVED that the progress be noted.",
    ],
)
def test_disposal_policies_and_procedures_are_not_disposals(text: str) -> None:
    c = classify(text)
    assert not c.is_asset_sale and not c.should_flag, c.evidence
    assert "disposal_policy" in set_aside(c)


def test_a_disposal_under_the_policy_is_still_a_disposal() -> None:
    c = classify(
        "RESOLVED that authority be delegated to dispose of the designated garage sites in"
        " accordance with the council's Disposals Policy."
    )
    assert c.is_asset_sale and c.should_flag


def test_an_item_heading_names_what_its_resolution_decides() -> None:
    c = classify(
        "Possible disposal of land at Mill Lane\n\nRESOLVED that public notices be placed in a"
        " local newspaper for two consecutive weeks and any objections be considered."
    )
    assert c.is_asset_sale and c.has_consultation and not c.should_flag


@pytest.mark.parametrize(
    "text",
    [
        "RESOLVED that a transfer by lease of the Oak Road community centre to the residents"
        " association be approved.",
        "The Director be authorised to enter into negotiations to transfer the assets of the"
        " Hill Road library to a church group.",
        # No "transfer" in it: the rule's quick filter must still let it through.
        "(ii) Approved the freehold disposal of the former depot set out in the exempt appendix.",
    ],
)
def test_asset_transfers_by_lease_and_freehold_disposals_are_disposals(text: str) -> None:
    c = classify(text)
    assert c.is_asset_sale and "asset_transfer" in rules_for(c, "is_asset_sale")


# ---- the in-house option, however it is named


@pytest.mark.parametrize(
    ("sentence", "rule"),
    [
        (
            "Alternative options considered and rejected: the council delivering the service"
            " directly, rejected because the council lacks the specialist expertise.",
            "inhouse_option_appraised",
        ),
        (
            "Option 1 was to bring the service back under direct council control; this was not"
            " recommended.",
            "inhouse_option_appraised",
        ),
        (
            "The option to retain the service within the council was considered but would not"
            " achieve the savings required.",
            "inhouse_option_appraised",
        ),
        (
            "A local authority trading company was considered as a delivery model but discounted.",
            "inhouse_option_appraised",
        ),
        ("Do nothing: continue to deliver the service in-house.", "inhouse_option_appraised"),
        (
            "An in-house bid was invited alongside the external tenders.",
            "inhouse_bid_or_comparator",
        ),
        (
            "The tenders were evaluated against a public sector comparator.",
            "inhouse_bid_or_comparator",
        ),
    ],
)
def test_in_house_statements_in_their_variety(sentence: str, rule: str) -> None:
    c = classify(f"{AWARD} {sentence}")
    assert c.is_outsourcing and c.has_inhouse_statement, c.discounted
    assert rule in rules_for(c, "has_inhouse_statement")


def test_in_house_team_capacity_is_still_not_an_option() -> None:
    c = classify(f"{AWARD} The in-house team will manage the contract.")
    assert c.has_inhouse_statement is False


# ---- consultation: the public involved in shaping the service


def test_people_involved_in_shaping_the_service_is_consultation() -> None:
    c = classify(
        f"{AWARD} Parents and carers across the district were involved in shaping the"
        " new service model."
    )
    assert c.has_consultation and "public_views_sought" in rules_for(c, "has_consultation")


def test_staff_involved_in_shaping_the_service_is_not_consultation() -> None:
    c = classify(f"{AWARD} Staff were involved in shaping the new service model.")
    assert c.has_consultation is False


# ---- facts for the confidence score and review route


def test_facts_say_where_the_decision_was_read_and_how_much_was_read() -> None:
    from monitor.classify import classify_pages

    pages = [
        ("report.pdf", 1, "Background\n\nThe council runs two day centres."),
        (
            "report.pdf",
            2,
            "Recommendations\n\nThat the day care service be transferred to a charity.",
        ),
        ("appendix.pdf", 1, "Equality impact assessment."),
    ]
    c = classify_pages(pages)
    assert c.is_outsourcing and c.decided_in_deciding_part is True
    assert (c.pages_read, c.documents_read) == (3, 2)
    out = c.as_json("x")
    assert (out["pages_read"], out["documents_read"]) == (3, 2)
    assert out["decided_in_deciding_part"] is True


def test_a_press_release_is_outsourcing_read_outside_a_deciding_part() -> None:
    c = classify(
        "New bin contractor for the district. The waste collection contract was awarded to"
        " Example Waste Ltd after a tender."
    )
    # No resolution to read it from: still outsourcing (and flagged), but the fact tells a
    # reviewer that no deciding part said so.
    assert c.is_outsourcing and c.should_flag
    assert c.decided_in_deciding_part is False


def test_neither_label_has_no_deciding_part_fact() -> None:
    c = classify("The committee received the annual report on library visits.")
    assert c.decided_in_deciding_part is None and c.pages_read == 1


def test_a_contract_that_merely_continues_to_exist_is_not_an_extension() -> None:
    """ "to continue" must keep an existing contract running past its end ("until", "beyond"),
    not describe the council's own work."""
    c = classify("The council will continue to monitor the existing cleaning contract closely.")
    assert "contract_extension" not in rules_for(c, "is_outsourcing")


def test_a_background_blocker_gives_way_to_a_decided_award() -> None:
    """Long papers: a background paragraph on councils insourcing does not cancel the award the
    paper decides; an insourcing the paper itself decides still does."""
    background = (
        "Across the country many councils are insourcing waste services that were outsourced"
        " in the past.\n\n"
    )
    decided = background + "Decision:\nTo award the home care contract to Example Care Ltd.\n"
    c = classify(decided, doc_type="report")
    assert c.is_outsourcing and c.should_flag and "insourcing" not in c.signals
    insourced = "RESOLVED that the home care service be brought back in-house.\n" + decided
    c = classify(insourced, doc_type="report")
    assert not c.is_outsourcing and "insourcing" in c.signals


# ---- long papers: decided there, not mentioned there

# Background of a budget paper in the project's own words, repeated to the length of a long
# paper: every paragraph mentions disposals, capital receipts or commissioning.
_BUDGET_BACKGROUND = (
    "The capital programme is funded in part from capital receipts, and the council expects"
    " a steady pipeline of receipts from the disposal of surplus property over the period.\n\n"
    "Where we are seeking to dispose of land, consultation will be proportionate to the scale"
    " of the decision.\n\n"
    "Commissioning of adult social care remains the largest area of spend, and the market of"
    " providers is under pressure from rising costs.\n\n"
) * 12


def test_a_long_paper_that_only_mentions_disposals_is_not_a_disposal() -> None:
    text = "Budget and capital strategy report\n\n" + _BUDGET_BACKGROUND
    text += "RESOLVED that the capital strategy and the revenue budget be approved.\n"
    assert len(text) > 5_000
    c = classify(text, doc_type="report")
    assert not (c.is_asset_sale or c.is_outsourcing or c.should_flag)
    assert "background_only" in set_aside(c)


def test_a_long_paper_that_recommends_a_named_sale_is_a_disposal() -> None:
    text = "Budget and capital strategy report\n\n" + _BUDGET_BACKGROUND
    text += "Cabinet is asked to declare the Mill Lane depot surplus and approve its sale.\n"
    c = classify(text, doc_type="report")
    assert c.is_asset_sale and c.should_flag


def test_a_short_text_keeps_the_broader_proposal_test() -> None:
    """Below the long-paper length a sentence that says what will happen still proposes."""
    c = classify("The council will sell the former depot at Mill Lane by auction.")
    assert c.is_asset_sale


def test_a_capital_receipts_strategy_is_a_policy_not_a_sale() -> None:
    c = classify(
        "RESOLVED that the Flexible Use of Capital Receipts Strategy be endorsed, applying"
        " receipts from asset disposals in line with the regulations."
    )
    assert not c.is_asset_sale and "disposal_policy" in set_aside(c)


def test_a_partner_that_helps_the_council_change_is_own_use_advice() -> None:
    c = classify(
        "RESOLVED that the procurement of an efficiency partner to develop the savings"
        " programme be endorsed."
    )
    assert not c.is_outsourcing and "own_use_consultancy" in set_aside(c)


def test_permission_sought_is_a_formal_proposal_in_a_long_paper() -> None:
    text = "Library strategy update\n\n" + _BUDGET_BACKGROUND
    text += (
        "Permission was sought to extend the deadline for agreements with community groups to"
        " run the libraries at Oak Road and Hill Street.\n"
    )
    c = classify(text, doc_type="report")
    assert c.is_outsourcing and "community_run" in rules_for(c, "is_outsourcing")


# ---- round 3: general delegations, abandoned plans, options, changes of provider


@pytest.mark.parametrize(
    "text",
    [
        "RESOLVED that the Director of Property be given delegated authority to dispose of"
        " surplus assets up to a value of £750,000 subject to valuation advice.",
        "RESOLVED that powers be delegated to the Head of Estates to deal with the disposal of"
        " Council assets arising from school reorganisations.",
    ],
)
def test_a_standing_delegation_to_dispose_is_not_a_sale(text: str) -> None:
    c = classify(text)
    assert not c.is_asset_sale
    assert "general_delegation" in set_aside(c)


def test_a_named_site_sold_under_a_delegation_is_still_a_sale() -> None:
    c = classify(
        "RESOLVED that the freehold of the former depot at Mill Lane be sold and that the"
        " Director of Property agree the final terms of the sale."
    )
    assert c.is_asset_sale
    assert "general_delegation" not in set_aside(c)


def test_a_disposal_project_with_a_further_report_names_no_site() -> None:
    c = classify(
        "Proposed Asset Disposal Project\n\nRESOLVED (a) that the methodology for asset"
        " disposals set out in the report be approved; (b) that a further report updating"
        " Cabinet on the Asset Disposal Project be presented in the spring."
    )
    assert not c.is_asset_sale


@pytest.mark.parametrize(
    "text",
    [
        "The borough council had planned to sell nine playing fields, but the new leader said"
        " residents value them too much to lose them.",
        "Plans to sell the old library building were dropped after a cross-party campaign.",
        "This plan would involve transferring the town museum and its gardens to a trust.",
    ],
)
def test_a_plan_told_in_the_past_or_described_is_not_a_decision(text: str) -> None:
    c = classify(text, doc_type="other")
    assert not c.is_asset_sale
    assert set_aside(c) & {"abandoned_plan", "listed_option"}


def test_a_plan_the_cabinet_approves_is_still_a_decision() -> None:
    c = classify("The Cabinet approved plans to sell the old library building at auction.")
    assert c.is_asset_sale


def test_deciding_not_to_proceed_with_a_sale_is_not_a_sale() -> None:
    c = classify(
        "The council has decided not to proceed with the proposed sale of the amenity land at"
        " Field Road. Proceeding with the disposal of the land would not be practicable."
    )
    assert not c.is_asset_sale
    assert set_aside(c) & {"decided_against", "not_possible"}


def test_an_option_to_appraise_financially_is_not_a_disposal() -> None:
    c = classify(
        "Officers had set out five options on which to undertake a full financial appraisal,"
        " with Option 2 (part disposal of the site for housing) the recommended option."
    )
    assert not c.is_asset_sale
    assert "appraisal_only" in set_aside(c)


@pytest.mark.parametrize(
    "text",
    [
        "RESOLVED that authority be delegated to agree the exit terms with the current provider"
        " and to finalise the transition arrangements to the new provider of the reablement"
        " service.",
        "RESOLVED that, following the withdrawal of the winning bidder, officers mobilise the"
        " reserve contract for grounds maintenance from 1 June.",
    ],
)
def test_a_change_of_provider_is_outsourcing(text: str) -> None:
    c = classify(text)
    assert c.is_outsourcing
    assert "change_of_provider" in rules_for(c, "is_outsourcing")


def test_moving_a_service_to_the_council_is_not_a_change_of_provider() -> None:
    c = classify("RESOLVED that the reablement service transfer to the council's own staff.")
    assert "change_of_provider" not in rules_for(c, "is_outsourcing")


def test_a_procurement_process_that_is_undertaken_is_started() -> None:
    c = classify(
        "RESOLVED that during the interim period the required procurement process is undertaken"
        " to secure long-term delivery of the reablement service."
    )
    assert c.is_outsourcing
    assert "procurement_started" in rules_for(c, "is_outsourcing")
