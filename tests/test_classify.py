"""The monitor's rules on short sentences written for these tests (fictional Exampleshire).

Each rule has a sentence that must fire it, and each false friend a sentence that looks like
evidence but must be set aside. Labels *and* quotes are checked: a label without a quote, or a
quote that is not in the input, is a bug.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from monitor import rules as R
from monitor.classify import RULES_VERSION, Classification, Evidence, classify, classify_pages
from monitor.text import analyse, heading_kind, normalise, quote_bounds

# Lead sentences that make the consultation / in-house questions arise.
SALE = "Cabinet approved the disposal of land at Mill Lane, Exampletown.\n"
TENDER = "Cabinet agreed to go out to tender for the Exampleshire leisure service.\n"


def quotes(c: Classification, label: str) -> list[tuple[str, str]]:
    return [(e.rule, e.quote) for e in c.evidence if e.label == label]


def discounted(c: Classification, label: str) -> list[tuple[str, str]]:
    return [(e.rule, e.quote) for e in c.discounted if e.label == label]


def assert_quoted(c: Classification, label: str, rule: str, fragment: str) -> None:
    found = quotes(c, label)
    assert any(r == rule and fragment in q for r, q in found), (label, rule, fragment, found)


def assert_set_aside(c: Classification, label: str, false_friend: str, fragment: str) -> None:
    found = discounted(c, label)
    assert any(r == false_friend and fragment in q for r, q in found), (false_friend, found)


def assert_well_formed(c: Classification, text: str, title: str | None = None) -> None:
    """The contract every result keeps, whatever the input."""
    norm = normalise(text)
    title_norm = normalise(title or "")
    for ev in c.evidence + c.discounted:
        assert ev.quote and (ev.quote in norm or ev.quote in title_norm), ev
        if ev.start is not None:
            assert norm[ev.start : ev.start + len(ev.quote)] == ev.quote
    for label in R.LABELS:
        if getattr(c, label):
            assert quotes(c, label), f"{label} is true without a quote"
    if not (c.is_outsourcing or c.is_asset_sale):
        assert c.has_consultation is None
    if not c.is_outsourcing:
        assert c.has_inhouse_statement is None
    expected_flag = (c.is_outsourcing and not (c.has_consultation and c.has_inhouse_statement)) or (
        c.is_asset_sale and not c.has_consultation
    )
    assert c.should_flag == bool(expected_flag)


# --------------------------------------------------------------------------------------------
# Every rule fires on a sentence written the way councils write
# --------------------------------------------------------------------------------------------

OUTSOURCING_CASES = [
    (
        "procurement_started",
        "Cabinet agreed to commence a procurement process for the Exampleshire home care service.",
        "commence a procurement process",
    ),
    (
        "procurement_of_service",
        "The procurement of a new grounds maintenance contract was approved.",
        "procurement of a new grounds maintenance contract",
    ),
    (
        "go_out_to_tender",
        "It was resolved to go out to tender for the school catering service.",
        "go out to tender",
    ),
    (
        "enter_into_contract",
        "Approval is sought to enter into a contract with Exampleshire "
        "Leisure Trust for the management of three leisure centres.",
        "enter into a contract",
    ),
    (
        "procure_service",
        "The council will procure a new operator for Exampleshire Crematorium.",
        "procure a new operator",
    ),
    (
        "tender_for_service",
        "Officers will market test the building cleaning service.",
        "market test",
    ),
    (
        "contract_award",
        "Approval was given to the award of a five-year contract for "
        "reablement services to Acme Care Ltd.",
        "award of a five-year contract",
    ),
    (
        "preferred_bidder",
        "Acme Services Ltd was selected as preferred bidder for the waste collection contract.",
        "preferred bidder",
    ),
    (
        "appoint_provider",
        "The Executive agreed to appoint an experienced leisure operator for the swimming pools.",
        "appoint an experienced leisure operator",
    ),
    (
        "contract_extension",
        "Approval was given to extend the domiciliary care contracts for twelve months.",
        "extend the domiciliary care contracts",
    ),
    (
        "transfer_to_provider",
        "The Committee endorsed the transfer of the museum service to a new charitable trust.",
        "transfer of the museum service to a new charitable trust",
    ),
    (
        "outsourcing_agreed",
        "Cabinet agreed in principle to the outsourcing of the revenues and benefits service.",
        "outsourcing of the revenues and benefits service",
    ),
    (
        "strategic_partnership",
        "The council will form a joint venture with Acme plc to deliver highways services.",
        "joint venture",
    ),
    (
        "business_transfer",
        "The care homes will pass to the new owner under a business transfer agreement.",
        "business transfer agreement",
    ),
    ("spin_out", "The youth service will become a staff-led mutual next year.", "staff-led mutual"),
    (
        "framework_for_services",
        "A framework for the provision of supported living services will be established.",
        "framework for the provision of supported living services",
    ),
    (
        "run_on_councils_behalf",
        "A partner is sought to run the library service on the Council's behalf.",
        "on the Council's behalf",
    ),
    (
        "provided_by_contractor",
        "Highway repairs would be most economically provided by a specialist contractor.",
        "provided by a specialist contractor",
    ),
    (
        "operator_contract",
        "The proposed leisure operator contract will run for ten years.",
        "operator contract",
    ),
    (
        "contract_proposed",
        "An interim contract was approved to cover the day service until April.",
        "interim contract was approved",
    ),
]


@pytest.mark.parametrize(("rule", "text", "fragment"), OUTSOURCING_CASES)
def test_outsourcing_rules(rule: str, text: str, fragment: str) -> None:
    c = classify(text)
    assert c.is_outsourcing
    assert_quoted(c, R.OUTSOURCING, rule, fragment)
    assert_well_formed(c, text)


ASSET_CASES = [
    (
        "disposal_of_land",
        "Cabinet approved the disposal of land at Mill Lane, Exampletown.",
        "disposal of land at Mill Lane",
    ),
    (
        "sale_of_land",
        "That the sale of the former library building be approved.",
        "sale of the former library building",
    ),
    (
        "disposals_programme",
        "The schedule of proposed disposals for 2026/27 was approved.",
        "schedule of proposed disposals",
    ),
    (
        "best_consideration",
        "The Director may negotiate terms for a disposal at best consideration.",
        "best consideration",
    ),
    (
        "sale_process",
        "Members agreed to accept the highest offer for the site at Station Road.",
        "accept the highest offer for the site",
    ),
    (
        "surplus_for_disposal",
        "The depot was declared surplus to requirements and will be marketed.",
        "declared surplus",
    ),
    (
        "long_lease",
        "Cabinet agreed to grant a 125-year lease of the pavilion to Exampletown Cricket Club.",
        "125-year lease",
    ),
    (
        "asset_transfer",
        "Approve the community asset transfer of Exampletown Hall to the Village Hall Trust.",
        "asset transfer of Exampletown Hall",
    ),
    (
        "open_space_notice",
        "Exampleshire District Council gives notice of its intention to "
        "dispose of open space at Green Lane.",
        "intention to dispose",
    ),
]


@pytest.mark.parametrize(("rule", "text", "fragment"), ASSET_CASES)
def test_asset_sale_rules(rule: str, text: str, fragment: str) -> None:
    c = classify(text)
    assert c.is_asset_sale
    assert_quoted(c, R.ASSET_SALE, rule, fragment)
    assert_well_formed(c, text)


def test_housing_stock_transfer_is_both_outsourcing_and_asset_sale() -> None:
    text = (
        "Cabinet approved the housing stock transfer to Exampleshire Homes. Tenants voted in "
        "favour in a formal ballot. Keeping the stock was rejected because the council could "
        "not fund the investment needed."
    )
    c = classify(text)
    assert_quoted(c, R.OUTSOURCING, "stock_transfer", "housing stock transfer")
    assert_quoted(c, R.ASSET_SALE, "stock_transfer_asset", "housing stock transfer")
    assert_quoted(c, R.CONSULTATION, "public_consultation", "Tenants voted in favour")
    assert_quoted(c, R.INHOUSE, "inhouse_option_appraised", "Keeping the stock")
    assert not c.should_flag
    assert_well_formed(c, text)


CONSULTATION_CASES = [
    (
        "public_consultation",
        "A twelve-week public consultation received 1,200 responses.",
        "public consultation",
    ),
    (
        "consulted_public",
        "Local residents and service users were consulted on the proposed sale.",
        "were consulted",
    ),
    (
        "public_views_sought",
        "Officers sought the views of local residents at two drop-in events.",
        "views of local residents",
    ),
    (
        "statutory_open_space_notice",
        "A notice under section 123(2A) of the Local Government "
        "Act 1972 was published in the Exampleshire Gazette.",
        "section 123(2A)",
    ),
    (
        "consultation_section_names_public",
        "Consultation process\nUsers of the centre and local "
        "residents\nReasons for decision\nValue for money.",
        "Users of the centre",
    ),
    (
        "consultation_launched",
        "That a consultation on the future of the site be undertaken.",
        "consultation on the future of the site be undertaken",
    ),
    (
        "consultation_outcome",
        "The outcome of the consultation is set out in Appendix 2.",
        "outcome of the consultation",
    ),
    (
        "subject_to_consultation",
        "The sale is agreed subject to consultation.",
        "subject to consultation",
    ),
]


@pytest.mark.parametrize(("rule", "text", "fragment"), CONSULTATION_CASES)
def test_consultation_rules(rule: str, text: str, fragment: str) -> None:
    c = classify(SALE + text)
    assert c.has_consultation is True
    assert_quoted(c, R.CONSULTATION, rule, fragment)
    assert not c.should_flag  # an asset sale with consultation is not flagged
    assert_well_formed(c, SALE + text)


INHOUSE_CASES = [
    (
        "inhouse_option_appraised",
        TENDER + "Keeping the service in-house was considered but rejected as unaffordable.",
        "Keeping the service in-house",
    ),
    (
        "inhouse_in_options_section",
        TENDER + "\nOther options considered\nContinue to run the service in house.",
        "run the service in house",
    ),
    (
        "inhouse_costed",
        TENDER + "The costs of running the homes under council control are set out in Appendix 3.",
        "costs of running the homes under council control",
    ),
    (
        "inhouse_reason_against",
        "Cabinet agreed to transfer the day service to a new social "
        "enterprise. The service is running at a substantial loss.",
        "running at a substantial",
    ),
]


@pytest.mark.parametrize(("rule", "text", "fragment"), INHOUSE_CASES)
def test_inhouse_rules(rule: str, text: str, fragment: str) -> None:
    c = classify(text)
    assert c.is_outsourcing and c.has_inhouse_statement is True
    assert_quoted(c, R.INHOUSE, rule, fragment)
    assert c.should_flag and c.missing == ("consultation",)
    assert_well_formed(c, text)


def test_reason_against_needs_an_in_house_service() -> None:
    # Losses on a contracted-out service say nothing about an in-house option.
    c = classify(TENDER + "The current contract is running at a substantial loss.")
    assert c.has_inhouse_statement is False


def test_procurement_notice_for_a_service_is_flagged() -> None:
    text = "Provision of school crossing patrol services. Value 1.2m."
    c = classify(text, doc_type="procurement", notice_type="UK6")
    assert c.is_outsourcing and c.should_flag
    assert_quoted(c, R.OUTSOURCING, "procurement_notice_service", "school crossing patrol")
    assert c.missing == ("consultation", "inhouse_statement")
    assert "procurement_notice" in c.signals


def test_procurement_notice_type_read_from_find_a_tender_text() -> None:
    text = "Home care framework\nUK4: Tender notice - Procurement Act 2023\nHome care services."
    c = classify(text, doc_type="procurement")
    assert c.is_outsourcing and "procurement_notice" in c.signals


def test_notice_text_never_clears_a_flag_on_its_own() -> None:
    text = "Provision of leisure management services. Lot 2: community engagement with residents."
    c = classify(text, doc_type="procurement", notice_type="UK4")
    assert c.has_consultation is False and c.should_flag
    assert_set_aside(c, R.CONSULTATION, "notice_text", "community engagement")


@pytest.mark.parametrize(
    ("notice_type", "signal"),
    [("UK9", "performance_notice"), ("UK11", "termination"), ("UK12", "procurement_termination")],
)
def test_notices_about_a_running_contract_are_signals(notice_type: str, signal: str) -> None:
    text = "Award of the contract for domiciliary care services to Acme Care: KPI 3 not met."
    c = classify(text, doc_type="procurement", notice_type=notice_type)
    assert signal in c.signals
    assert not c.is_outsourcing and not c.should_flag


def test_contract_change_notice_is_a_signal_and_an_extension_is_outsourcing() -> None:
    text = "Extension of the contract for domiciliary care services by twelve months."
    c = classify(text, doc_type="procurement", notice_type="UK10")
    assert "contract_change" in c.signals
    assert c.is_outsourcing


# --------------------------------------------------------------------------------------------
# False friends (eval README): each looks like evidence and must be set aside
# --------------------------------------------------------------------------------------------

CONSULTATION_FALSE_FRIENDS = [
    (
        "delegation_wording",
        "Authority is delegated to the Head of Property, in consultation "
        "with the Portfolio Holder, to agree terms with the existing tenants.",
        "in consultation with the Portfolio Holder",
    ),
    (
        "market_engagement",
        "Soft market testing took place and the consultation exercise with "
        "providers closed in May.",
        "Soft market testing",
    ),
    (
        "staff_consultation",
        "Staff were consulted and the outcome of the consultation is attached.",
        "Staff were consulted",
    ),
    (
        "staff_consultation_named",
        "The results of the TUPE consultation will be shared with service users.",
        "TUPE consultation",
    ),
    (
        "councillors_only",
        "Ward members were consulted and the consultation period closed in May.",
        "Ward members",
    ),
    ("not_consulted", "No public consultation has been undertaken.", "No public consultation"),
    (
        "conditional_notice",
        "The council will advertise the disposal under section 123(2A) in "
        "the event that the site is open space.",
        "in the event that",
    ),
    (
        "someone_elses_consultation",
        "The purchaser will hold its own public consultation before "
        "applying for planning permission.",
        "public consultation",
    ),
    (
        "impact_assessment",
        "The Equality Impact Assessment considered the views of service users.",
        "Impact Assessment",
    ),
    (
        "speaking_at_meeting",
        "A member of the public addressed the committee and a petition "
        "with 300 signatures was received.",
        "petition",
    ),
]


@pytest.mark.parametrize(("false_friend", "text", "fragment"), CONSULTATION_FALSE_FRIENDS)
def test_consultation_false_friends(false_friend: str, text: str, fragment: str) -> None:
    c = classify(SALE + text)
    assert c.is_asset_sale and c.has_consultation is False and c.should_flag
    assert c.missing == ("consultation",)
    assert_set_aside(c, R.CONSULTATION, false_friend, fragment)
    assert_well_formed(c, SALE + text)


@pytest.mark.parametrize(
    "text",
    [
        "The Director may agree terms in consultation with the Cabinet Member for Communities.",
        "Authority is delegated to the Head of Property following consultation with the "
        "Portfolio Holder and the S151 Officer.",
    ],
)
def test_delegation_wording_is_not_consultation(text: str) -> None:
    # Job titles such as "Cabinet Member for Communities" do not even read as the public.
    c = classify(SALE + text)
    assert c.has_consultation is False and c.should_flag


def test_empty_moderngov_consultation_heading_is_not_consultation() -> None:
    text = "Disposal of land at Mill Lane\nConsultation process\n\nReasons for decision\nReceipt."
    c = classify(text)
    assert c.is_asset_sale and c.has_consultation is False


def test_ward_members_in_consultation_field_is_not_consultation() -> None:
    text = "Disposal of land at Mill Lane\nConsultation process\nWard Members\nReasons\nReceipt."
    assert classify(text).has_consultation is False


def test_named_public_survives_staff_mentioned_alongside() -> None:
    text = TENDER + "Consultation has been undertaken with stakeholders, staff and users."
    c = classify(text)
    assert_quoted(c, R.CONSULTATION, "consulted_public", "staff and users")


OUTSOURCING_FALSE_FRIENDS = [
    (
        "noted_only",
        "That the transfer of the leisure service to Exampleshire Leisure Trust last "
        "year be noted.",
        "be noted",
    ),
    (
        "question_only",
        "A Member asked whether the council would extend the cleaning contract.",
        "asked whether",
    ),
    (
        "appraisal_only",
        "Officers will undertake a feasibility study into transferring the "
        "leisure service to a charitable trust.",
        "feasibility study",
    ),
    ("decided_against", "Cabinet agreed not to re-tender the meals service.", "re-tender"),
    (
        "not_possible",
        "Extending the cleaning contracts again is not possible.",
        "not possible",
    ),
    ("listed_option", "Option 2: procure a new operator for the leisure centres.", "Option 2"),
    (
        "rejected_option",
        "Alternative options considered and rejected\nProcure a new operator "
        "for the leisure centres.",
        "Procure a new operator",
    ),
    (
        "option_dismissed",
        "The option to procure a new contractor is dismissed.",
        "option to procure",
    ),
    (
        "counterfactual",
        "The cleaning contract could have been awarded to a local firm.",
        "could have been awarded",
    ),
    (
        "own_use_consultancy",
        "Approval to award a contract to Acme Consulting for consultants "
        "to review leisure options.",
        "consultants",
    ),
    ("own_use_purchase", "Award of a contract for first aid training for staff.", "training"),
    (
        "goods_or_works",
        "Award of a contract for the supply of twelve refuse collection vehicles.",
        "vehicles",
    ),
    (
        "goods_or_works",
        "Award of the contract for the construction of the new leisure centre.",
        "construction of",
    ),
    (
        "to_council_owned_company",
        "Transfer of the home care service to Exampleshire Care Ltd, a "
        "wholly owned council company.",
        "wholly owned",
    ),
    (
        "public_to_public",
        "Approval to award a contract for the pest control service to "
        "Neighbourton District Council.",
        "Neighbourton District Council",
    ),
    (
        "grant_funding",
        "Cabinet agreed to extend the grant funding contracts with local advice charities.",
        "grant funding",
    ),
]


@pytest.mark.parametrize(("false_friend", "text", "fragment"), OUTSOURCING_FALSE_FRIENDS)
def test_outsourcing_false_friends(false_friend: str, text: str, fragment: str) -> None:
    c = classify(text)
    assert not c.is_outsourcing and not c.should_flag
    assert_set_aside(c, R.OUTSOURCING, false_friend, fragment)
    assert_well_formed(c, text)


ASSET_FALSE_FRIENDS = [
    (
        "waste_disposal",
        "Award of the contract for the disposal of residual waste from the Exampletown site.",
        "disposal of residual waste",
    ),
    (
        "investigation_of_sale",
        "An investigation into the circumstances of the sale of council land was approved.",
        "investigation",
    ),
    (
        "council_as_tenant",
        "The council will take a 30-year lease of offices from Acme Properties.",
        "30-year lease",
    ),
    (
        "short_lease",
        "A relatively short lease was renewed at best consideration and will "
        "transfer to the new tenant.",
        "best consideration",
    ),
    (
        "budget_mention",
        "The budget assumes capital receipts of 3m from asset disposals.",
        "asset disposals",
    ),
    ("noted_only", "That the sale of the former depot last year be noted.", "sale of the former"),
]


@pytest.mark.parametrize(("false_friend", "text", "fragment"), ASSET_FALSE_FRIENDS)
def test_asset_false_friends(false_friend: str, text: str, fragment: str) -> None:
    c = classify(text)
    assert not c.is_asset_sale
    assert_set_aside(c, R.ASSET_SALE, false_friend, fragment)
    assert_well_formed(c, text)


def test_preferred_bidder_for_land_is_a_sale_not_outsourcing() -> None:
    text = (
        "Acme Homes was chosen as preferred bidder for the sale of the depot site and will "
        "sign a development contract."
    )
    c = classify(text)
    assert c.is_asset_sale and not c.is_outsourcing
    assert_set_aside(c, R.OUTSOURCING, "bidder_for_land", "preferred bidder")


INHOUSE_FALSE_FRIENDS = [
    (
        "inhouse_not_considered",
        "A Member asked why an in-house option had not been considered.",
        "in-house option",
    ),
    (
        "inhouse_not_considered",
        "The short-term contract was the only option, with no discussion "
        "of bringing the service in-house.",
        "in-house",
    ),
    (
        "inhouse_team",
        "The contract will be managed by the council's in-house client team, which "
        "assessed the bids.",
        "in-house client team",
    ),
]


@pytest.mark.parametrize(("false_friend", "text", "fragment"), INHOUSE_FALSE_FRIENDS)
def test_inhouse_false_friends(false_friend: str, text: str, fragment: str) -> None:
    c = classify(TENDER + text)
    assert c.is_outsourcing and c.has_inhouse_statement is False
    assert_set_aside(c, R.INHOUSE, false_friend, fragment)
    assert "inhouse_statement" in c.missing


def test_in_house_team_bidding_as_a_trust_is_not_an_in_house_option() -> None:
    text = (
        "Cabinet sought authority to make a direct award to the council's in house team, "
        "which will run the theatres as a new charitable trust."
    )
    c = classify(text)
    assert c.is_outsourcing and c.has_inhouse_statement is False


def test_in_house_about_another_service_is_not_an_in_house_option() -> None:
    c = classify(TENDER + "Most of the museum offer is already delivered in-house.")
    assert c.has_inhouse_statement is False


# ---- blockers: the record is about something else


def test_insourcing_is_not_outsourcing() -> None:
    text = (
        "The council will bring the waste service back in-house in April 2027, after a final "
        "extension of the current waste collection contract."
    )
    c = classify(text)
    assert not c.is_outsourcing and "insourcing" in c.signals
    assert_set_aside(c, R.OUTSOURCING, "blocker:insourcing", "back in-house")


def test_insourcing_listed_as_a_costed_option_does_not_block() -> None:
    text = TENDER + "Bringing the service back in-house was considered but would cost more."
    c = classify(text)
    assert c.is_outsourcing and c.has_inhouse_statement is True


def test_council_owned_company_is_not_outsourcing() -> None:
    text = (
        "Cabinet approved the establishment of a local authority trading company and the "
        "transfer of the home care service to the new company."
    )
    c = classify(text)
    assert not c.is_outsourcing and "council_owned_company" in c.signals


def test_shared_service_between_councils_is_not_outsourcing() -> None:
    text = (
        "Cabinet agreed to implement a shared pest control service with Neighbourton District "
        "Council when the contract with Acme Pest Ltd ends; delivery through external "
        "contractors was considered and rejected."
    )
    c = classify(text)
    assert not c.is_outsourcing


@pytest.mark.parametrize(
    "text",
    [
        # Consultations *about* options are not decisions.
        "That a public consultation on options for the future of the library service be "
        "undertaken.",
        "Cabinet approved consultation with service users on ending the meals subsidy.",
        # Appraisal only.
        "A review of the management arrangements for the leisure centres was supported and a "
        "consultant will be engaged.",
        # Goods.
        "Cabinet approved the purchase of twelve electric refuse collection vehicles.",
        # A lease to the council.
        "The council will lease offices from Acme Properties for five years.",
        # Grants.
        "Grant funding of 40,000 a year to Exampletown Youth Club was approved.",
        # Plain business.
        "The new Members' Allowances Scheme was approved by an Independent Remuneration Panel.",
    ],
)
def test_neither_outsourcing_nor_asset_sale(text: str) -> None:
    c = classify(text)
    assert not c.is_outsourcing and not c.is_asset_sale and not c.should_flag
    assert c.has_consultation is None and c.has_inhouse_statement is None
    assert c.evidence == ()
    assert_well_formed(c, text)


def test_noted_item_does_not_hide_the_decision_in_the_next_item() -> None:
    text = (
        "RESOLVED - That (a) the outcome of the tender process be noted; and (b) the contract "
        "for the provision of school meals be awarded to Acme Catering Ltd for three years."
    )
    c = classify(text)
    assert c.is_outsourcing
    assert_quoted(c, R.OUTSOURCING, "contract_award", "school meals be awarded")


@pytest.mark.parametrize(
    "text",
    [
        # A description of today's arrangements is not a decision.
        "Grounds maintenance is currently provided by an external contractor; this report sets "
        "out the parks budget for 2026/27.",
        # Agreements that do not let a service.
        "Approval to enter into a Section 106 agreement with Acme Homes.",
        "Cabinet agreed an extension to the lease agreement for the Exampletown scout hut.",
    ],
)
def test_not_a_decision_to_outsource(text: str) -> None:
    assert not classify(text).is_outsourcing


def test_tender_responses_are_not_public_views() -> None:
    text = (
        "The council received 12 responses to the invitation to tender for the cleaning "
        "contract, and the contract will be awarded to Acme Cleaning."
    )
    c = classify(text)
    assert c.is_outsourcing and c.has_consultation is False


# --------------------------------------------------------------------------------------------
# Whole records: flags, pages, titles, JSON
# --------------------------------------------------------------------------------------------


def test_outsourcing_with_consultation_and_in_house_option_is_not_flagged() -> None:
    text = (
        "Cabinet agreed to award the library service contract to Exampleshire Libraries Trust. "
        "A twelve-week public consultation ran in 2025. Keeping the service in-house was "
        "assessed and rejected because it could not meet the savings target."
    )
    c = classify(text)
    assert c.is_outsourcing and c.has_consultation and c.has_inhouse_statement
    assert not c.should_flag and c.missing == ()
    assert_well_formed(c, text)


def test_flag_names_the_missing_checks_without_inventing_quotes() -> None:
    c = classify("Approval was given to extend the domiciliary care contracts for a year.")
    assert c.should_flag
    assert c.missing == ("consultation", "inhouse_statement")
    assert {e.label for e in c.evidence} == {R.OUTSOURCING}


def test_classify_pages_keeps_document_and_page() -> None:
    pages = [
        ("report.pdf", 1, "Report to Cabinet on the future of the leisure centres."),
        ("report.pdf", 2, "Recommendation: to go out to tender for a leisure operator."),
        ("appendix.pdf", 7, "Local residents were consulted through an online survey."),
    ]
    c = classify_pages(pages, title="Leisure centres")
    out = [e for e in c.evidence if e.label == R.OUTSOURCING]
    cons = [e for e in c.evidence if e.label == R.CONSULTATION]
    assert (out[0].document, out[0].page) == ("report.pdf", 2)
    assert (cons[0].document, cons[0].page) == ("appendix.pdf", 7)
    page_text = normalise(pages[2][2])
    assert page_text[cons[0].start : cons[0].start + len(cons[0].quote)] == cons[0].quote


def test_title_quotes_have_no_document() -> None:
    c = classify("Report of the Director of Place.", title="Re-tender of the grounds maintenance")
    ev = next(e for e in c.evidence if e.label == R.OUTSOURCING)
    assert ev.quote == "Re-tender of the grounds maintenance"
    assert (ev.document, ev.page, ev.start) == (None, None, None)


def test_as_json_has_the_design_fields() -> None:
    c = classify(SALE + "No consultation has been undertaken.")
    data = c.as_json("exampleshire-mill-lane")
    assert data["id"] == "exampleshire-mill-lane"
    assert data["is_asset_sale"] is True and data["has_consultation"] is False
    assert data["has_inhouse_statement"] is None and data["should_flag"] is True
    assert data["evidence"] == [e.quote for e in c.evidence]
    assert all(isinstance(q, str) for q in data["evidence"])
    assert data["evidence_detail"][0]["rule"] == "disposal_of_land"
    assert data["missing"] == ["consultation"]
    assert data["discounted"][0]["rule"] == "not_consulted"
    assert data["rules_version"] == RULES_VERSION


def test_rules_version_names_the_review_and_the_source() -> None:
    assert re.fullmatch(r"\d{4}\.\d{2}\.\d{2}\+[0-9a-f]{10}", RULES_VERSION)


def test_rules_version_hashes_every_module_a_classification_runs() -> None:
    import sys

    from monitor.result import rules_sources

    hashed = {path.resolve() for path in rules_sources()}
    used = {
        Path(module.__file__).resolve()
        for name, module in list(sys.modules.items())
        if name.startswith("monitor.")
        and not name.startswith("monitor.principles")
        and getattr(module, "__file__", None)
    }
    assert used and used <= hashed, sorted(str(p) for p in used - hashed)


def test_every_rule_has_a_name_and_a_reason() -> None:
    named = [*R.ALL_RULES, *R.FALSE_FRIENDS, *R.BLOCKERS]
    names = [x.name for x in named]
    assert len(set(names)) == len(names)
    for x in named:
        assert re.fullmatch(r"[a-z_]+", x.name) and len(x.why) > 20


def test_every_rule_is_explained_for_campaign_staff() -> None:
    doc = (Path(__file__).resolve().parents[1] / "docs" / "monitor.md").read_text("utf-8")
    for x in [*R.ALL_RULES, *R.FALSE_FRIENDS]:
        assert f"`{x.name}`" in doc, f"docs/monitor.md does not explain {x.name}"
    for blocker in R.BLOCKERS:
        assert f"`{blocker.name}`" in doc


def test_evidence_type_is_hashable_and_frozen() -> None:
    ev = Evidence("is_asset_sale", "quote", "rule")
    assert hash(ev) and ev.page is None and ev.document is None and ev.start is None


# --------------------------------------------------------------------------------------------
# Text helpers
# --------------------------------------------------------------------------------------------


def test_normalise_collapses_all_whitespace() -> None:
    assert normalise(" a\u00a0 b\n\n c\t") == "a b c"


def test_hard_wrapped_lines_join_into_one_sentence() -> None:
    text = "An options appraisal compared an outsourced contract with a\n\nthird party provider."
    segs = analyse(text).segments
    assert [s.text for s in segs] == [normalise(text)]


def test_headings_start_sections_and_bare_headings_are_marked() -> None:
    text = (
        "Decision:\nTo agree.\nOther options considered and rejected:\nDo nothing.\n"
        "Consultation process\n\nReport author: A N Officer"
    )
    segs = analyse(text).segments
    by_text = {s.text: s for s in segs}
    assert by_text["Do nothing."].section == "options"
    assert by_text["Consultation process"].is_heading
    assert heading_kind("Alternative Options Considered :-None.") == "options"
    assert heading_kind("Consultation has been undertaken with users") is None


def test_sentences_split_but_not_after_abbreviations() -> None:
    segs = analyse("Cllr. Smith moved the motion. It was agreed.").segments
    assert [s.text for s in segs] == ["Cllr. Smith moved the motion.", "It was agreed."]


def test_quote_bounds_cut_long_sentences_at_words() -> None:
    norm = " ".join(["word"] * 200)
    s, e = quote_bounds(norm, 0, len(norm), 500, 504, limit=100)
    assert e - s <= 100 and norm[s:e].startswith("word") and norm[s:e].endswith("word")
