"""Rounds 28–30 families: wording found in blind held-out sets h101–h112 (notices, long
reports, decision pages, short indirect texts, long minutes, notices of changes, asset
decisions, commissioners' short texts, services outside care, award notices), written as
general patterns.

Every sentence here is written for these tests (fictional councils, places and firms); each
family has a case that must change and one that must not."""

from __future__ import annotations

import io
import json

import pytest

from monitor.classify import classify
from monitor.evaluate import run_classify
from monitor.items import split_items


def _route(text: str, doc_type: str = "procurement") -> dict[str, object]:
    """What `oursay classify` prints for one text: the labels, signals and publish state."""
    out = io.StringIO()
    assert run_classify([json.dumps({"id": "t", "text": text, "doc_type": doc_type})], out) == 0
    result: dict[str, object] = json.loads(out.getvalue())
    return result


OUT, SALE, CONS = "is_outsourcing", "is_asset_sale", "has_consultation"

_AWARD = (
    "Decision\nThe contract for the day centres be awarded to Sample Care Ltd from April 2026. "
)

ROUND28_CASES = [
    # Scots law's notice of intended disposal: the heritable interest, a sale on the market.
    (
        "Sampleton Council gives notice that it intends to dispose of its heritable interest in "
        "the subjects at 4 Sample Road, by way of sale on the open market.",
        SALE,
        True,
        "notice",
    ),
    (
        "Sampleton Council gives notice that it intends to dispose of its surplus refuse "
        "vehicles by sealed bids.",
        SALE,
        False,
        "notice",
    ),
    # An operator described between commas before what it will run.
    (
        "The Executive agreed that the Sample Vale Leisure Trust, an independent charity, will "
        "run the council's four leisure centres under a ten-year contract.",
        OUT,
        True,
        "other",
    ),
    (
        "Sample Homes Ltd, the developer chosen last year, will build the new homes on the site.",
        OUT,
        False,
        "other",
    ),
    # People who use a service asked what matters to them.
    (
        _AWARD + "Between May and July we asked users of the service, their families and carers "
        "what mattered most to them.",
        CONS,
        True,
        "decision",
    ),
    (
        _AWARD + "Between May and July we asked the provider what it would charge.",
        CONS,
        False,
        "decision",
    ),
    # A care home handed over as a going concern together with its freehold.
    (
        "Recommendation\n1. Approve the transfer of the operation of Sample Court care home to "
        "an independent provider as a going concern, together with the freehold of the land and "
        "buildings.",
        SALE,
        True,
        "report",
    ),
    (
        "Recommendation\n1. Approve the transfer of the operation of Sample Court care home to "
        "an independent provider, together with the freehold of the land, which is to be "
        "retained by the Council.",
        SALE,
        False,
        "report",
    ),
    # Noting an appraisal of bringing a service back is not deciding to bring it back.
    (
        "Recommendations\n2.4 Note the outcome of the options appraisal, including the appraisal "
        "of bringing the enforcement service back under direct council management;\n2.5 Approve "
        "a direct award under Lot 2 of the national framework for civil parking enforcement "
        "services to the supplier identified in Part 2 of this report.",
        OUT,
        True,
        "report",
    ),
    (
        "Recommendations\n2.4 Approve bringing the enforcement service back under direct "
        "council management from April 2026.",
        OUT,
        False,
        "report",
    ),
    # A disposal whose object was named earlier in the sentence.
    (
        "Recommendations\n(1) Declare the former Sample Road depot surplus; and\n(2) Instruct the "
        "Head of Property to market the site and dispose of it by informal tender.",
        SALE,
        True,
        "report",
    ),
    (
        "Recommendations\n(1) Declare the former Sample Road depot surplus to operational needs "
        "for now; and\n(2) Instruct the Head of Property to retain it as a salt store.",
        SALE,
        False,
        "report",
    ),
    # A strategy that says none of its pipeline is being sold.
    (
        "Recommendations\n1. Adopt the Property Strategy.\n2. Note the indicative pipeline of "
        "properties at Appendix C; none of these properties is being declared surplus or "
        "approved for disposal by this report.",
        SALE,
        False,
        "report",
    ),
    (
        "Recommendations\n1. Declare the properties at Appendix C surplus and approve their "
        "disposal on the open market.",
        SALE,
        True,
        "report",
    ),
    # A purchase option granted by the council, not one granted to it.
    (
        "Subject of decision: To approve entry into an option agreement with Sample Land Ltd "
        "granting an option, for a period of up to 7 years, to purchase approximately 18 "
        "hectares of Council-owned agricultural land.",
        SALE,
        True,
        "forward_plan",
    ),
    (
        "Subject of decision: That the Council be granted an option, for up to five years, to "
        "purchase the adjoining land from Sample Estates.",
        SALE,
        False,
        "forward_plan",
    ),
    # Scots law's exchange of land.
    (
        "Recommendations: The Committee is asked to approve the excambion of 0.2 ha of Council "
        "land at Sample Street in exchange for 0.1 ha owned by Sample Housing Association.",
        SALE,
        True,
        "report",
    ),
    (
        "Recommendations: The Committee is asked to approve the exchange of letters with Sample "
        "Housing Association on the Sample Street regeneration.",
        SALE,
        False,
        "report",
    ),
    # "Surplus and disposal" is no waste disposal.
    (
        "FORMER SAMPLE DEPOT – DECLARATION AS SURPLUS AND DISPOSAL\nRecommendations\n(1) Declare "
        "the former depot surplus and approve its disposal.",
        SALE,
        True,
        "report",
    ),
    (
        "WASTE COLLECTION AND DISPOSAL – ANNUAL UPDATE\nRecommendations\n(1) Note the waste "
        "collection and disposal figures for the year.",
        SALE,
        False,
        "report",
    ),
    # Engagement through the planning process is not consultation on the transfer.
    (
        "Recommendations\n1. Approve the transfer of the freehold of the Phase 2 land to Sample "
        "Growth LLP.\nConsultation\nThere has been no consultation on this transfer. Public "
        "engagement will take place through the planning process once a scheme is designed.",
        CONS,
        False,
        "report",
    ),
    (
        "Recommendations\n1. Approve the transfer of the freehold of the Phase 2 land to Sample "
        "Growth LLP.\nConsultation\nA public consultation on the transfer was held with residents "
        "in May.",
        CONS,
        True,
        "report",
    ),
    # A notice of intended disposal counts as consultation when it invites objections.
    (
        "NOTICE OF INTENDED DISPOSAL\nSampleton Council intends to dispose of the former janitor's "
        "house at 2 Sample Road by way of sale on the open market. Offers are invited by 20 "
        "February.",
        CONS,
        False,
        "notice",
    ),
    (
        "NOTICE OF INTENDED DISPOSAL OF OPEN SPACE\nNotice is hereby given that Sampleton Council "
        "intends to dispose of open space at Sample Green; any objections should be sent in "
        "writing by 20 February.",
        CONS,
        True,
        "notice",
    ),
]

ROUND29_CASES = [
    # A decision taken later is not taken now.
    (
        "The review would consider the options for future delivery, which might include renewing "
        "the services agreement with the trust. No decision on the future delivery model would be "
        "taken until the review had reported.\nDecision\nThe Committee agreed that an independent "
        "review be commissioned.",
        OUT,
        False,
        "report",
    ),
    (
        "Decision\nThe Committee agreed that the services agreement with the Sample Leisure Trust "
        "be renewed for five years.",
        OUT,
        True,
        "report",
    ),
    # Officers "undertaking" an appraisal of options.
    (
        "Recommendation\nThat the Executive approves officers undertaking a full options appraisal "
        "covering recommissioning via a block contract and insourcing of the care team.",
        OUT,
        False,
        "report",
    ),
    (
        "Recommendation\nThat the Executive approves recommissioning the care at the three schemes "
        "via a block contract with an external provider.",
        OUT,
        True,
        "report",
    ),
    # A resolution that notes the procurement and awards the contract.
    (
        "RESOLVED – That the outcome of the procurement for the Carers Support Service be noted "
        "and the contract be awarded to the preferred provider for three years.",
        OUT,
        True,
        "decision",
    ),
    (
        "RESOLVED – That the award of the Carers Support Service contract in 2024 be noted.",
        OUT,
        False,
        "decision",
    ),
    # A licence to occupy goes with a service let; software licences are goods.
    (
        "RESOLVED: to approve the commissioning of family hub services in Sampleton from the "
        "voluntary sector through an open tender, with a licence to occupy the hub buildings for "
        "the contract term.",
        OUT,
        True,
        "decision",
    ),
    (
        "RESOLVED: to approve the purchase of case management software licences for the family "
        "hub teams.",
        OUT,
        False,
        "decision",
    ),
    # A tender-or-fleet choice: the council's in-house fleet is the in-house option.
    (
        "Summary: The Executive will be asked to decide whether to re-tender the school transport "
        "routes through the DPS or to expand the Council's in-house fleet to operate some of the "
        "routes directly.",
        OUT,
        True,
        "forward_plan",
    ),
    (
        "Summary: The Executive will be asked to approve the purchase of six minibuses to expand "
        "the Council's in-house fleet.",
        OUT,
        False,
        "forward_plan",
    ),
    # A direct award whose route is named before its provider.
    (
        "Decision: To make a direct award under the Provider Selection Regime (Direct Award "
        "Process C) of the Sample Treatment and Recovery Service to the existing provider for "
        "three years.",
        OUT,
        True,
        "decision",
    ),
    (
        "Decision: To make a direct award under the national framework for the supply of six "
        "refuse collection vehicles to the supplier.",
        OUT,
        False,
        "decision",
    ),
    # Re-letting collection rounds.
    (
        "Summary: Cabinet will be asked to choose between re-letting the outer-ward collection "
        "rounds to a contractor through a competitive tender or absorbing them into the "
        "Council's own directly employed workforce.",
        OUT,
        True,
        "forward_plan",
    ),
    (
        "Summary: Cabinet will be asked to approve new collection rounds for the outer wards, "
        "run by the Council's own directly employed workforce.",
        OUT,
        False,
        "forward_plan",
    ),
]


ROUND30_CASES = [
    # An operator appointed by name.
    (
        "Decision:\n1. That the Council appoints Sample Theatres Ltd as operator of the Sample "
        "Theatre for a term of ten years.",
        OUT,
        True,
        "decision",
    ),
    (
        "Decision:\n1. That the Council appoints Sample Theatres Ltd as adviser on the future of "
        "the Sample Theatre.",
        OUT,
        False,
        "decision",
    ),
    # An assessment of bringing a service back, planned for later, is not insourcing now.
    (
        "Decision: To extend the arrangement with Sample Grounds Ltd for the maintenance of parks "
        "for a further two years. Reasons: The extension provides time for a review, which will "
        "include an assessment of bringing the service back under direct council management.",
        OUT,
        True,
        "decision",
    ),
    (
        "Decision: To bring the maintenance of parks back under direct council management from "
        "October, when the arrangement with Sample Grounds Ltd ends.",
        OUT,
        False,
        "decision",
    ),
    # Ownership transferred, whatever the building is.
    (
        "1.1 It is recommended that the Committee agrees to the transfer of ownership of the "
        "pavilion and green to the Sample Bowling SCIO at nil consideration.",
        SALE,
        True,
        "report",
    ),
    (
        "1.1 It is recommended that the Committee agrees to the transfer of ownership of the "
        "bowling club's trophies to the Sample Museum.",
        SALE,
        False,
        "report",
    ),
    # The council buying from an owner who agreed to sell.
    (
        "Decision: To acquire 12 Sample Street. The owner has agreed to sell the freehold to the "
        "Council for £385,000.",
        SALE,
        False,
        "decision",
    ),
    (
        "Decision: The Council has agreed to sell the freehold of 12 Sample Street to the "
        "adjoining owner for £385,000.",
        SALE,
        True,
        "decision",
    ),
    # A developer's consultation through the planning application process.
    (
        "2.1 That Cabinet approves a development agreement under which the Council will grant "
        "the developer a 250-year ground lease of the site.\n4.1 Consultation with the public on "
        "the design will be the responsibility of the developer through the planning application "
        "process.",
        CONS,
        False,
        "report",
    ),
    (
        "2.1 That Cabinet approves a development agreement under which the Council will grant "
        "the developer a 250-year ground lease of the site.\n4.1 Residents were consulted on the "
        "proposed lease at two drop-in sessions held in May.",
        CONS,
        True,
        "report",
    ),
    # "Not been the subject of consultation", with the decision as the subject.
    (
        "2.4 That the eleven properties in Appendix D be disposed of on the open market.\n7.1 "
        "Tenants were consulted on the rent increases through an online survey.\n7.2 The "
        "proposed disposals have not been the subject of consultation with tenants or the public.",
        CONS,
        False,
        "report",
    ),
    (
        "2.4 That the eleven properties in Appendix D be disposed of on the open market.\n7.1 "
        "Tenants were consulted on the proposed disposals through an online survey.",
        CONS,
        True,
        "report",
    ),
]


_OPTIONS = (
    "The report set out three options:\nOption 1 – Extend the current contract for one year.\n"
    "Option 2 – Appoint an operator for a new ten-year contract by a further competition under "
    "a national leisure management framework.\nOption 3 – Bring the centres back under direct "
    "council management.\nCabinet AGREED to:\n• approve Option {n} as set out in the report."
)

ROUND31_CASES = [
    # An option chosen by its number elsewhere in the record.
    (_OPTIONS.format(n=2), OUT, True, "decision"),
    (_OPTIONS.format(n=3), OUT, False, "decision"),
    # A decision taken before, told in a report for information.
    (
        "Reports for information\nThe report advised that, following Council's decision of "
        "March 2024 to appoint an external operator for the caravan parks, the operator had "
        "opened a new shop.",
        OUT,
        False,
        "report",
    ),
    (
        "Recommendation\nThat Council approves the decision to appoint an external operator for "
        "the caravan parks under a seven-year concession.",
        OUT,
        True,
        "report",
    ),
    # No contract awarded.
    (
        "2.1 That the tender exercise for verge maintenance be abandoned and no contract be "
        "awarded.",
        OUT,
        False,
        "report",
    ),
    (
        "2.1 That the tender exercise for verge maintenance be concluded and the contract be "
        "awarded to the highest-scoring tenderer.",
        OUT,
        True,
        "report",
    ),
    # A company the council owns with others.
    (
        "The collection service will continue to be delivered by Sample Services Ltd, the local "
        "authority-owned company of which the Council is a shareholder, under a new agreement.",
        OUT,
        False,
        "report",
    ),
    (
        "The collection service will be delivered by Sample Services Ltd, a private company, "
        "under a new agreement.",
        OUT,
        True,
        "report",
    ),
    # Land "released" to a housing partner at market value.
    (
        "Summary: To approve the release of approximately 2.4 hectares of Council-owned land at "
        "Sample Road to the Council's preferred Registered Social Landlord partner at market "
        "value.",
        SALE,
        True,
        "forward_plan",
    ),
    (
        "Summary: To approve the release of £2m of grant funding for the land at Sample Road for "
        "housing.",
        SALE,
        False,
        "forward_plan",
    ),
    # Representations about holding an item in private are not consultation on it.
    (
        "Summary: To agree heads of terms for the sale of the freehold of the former school site "
        "to the preferred bidder.\nRepresentations: Any person who wishes to make "
        "representations about why this item should be considered in public should contact "
        "Democratic Services.",
        CONS,
        False,
        "forward_plan",
    ),
    (
        "Summary: To agree heads of terms for the sale of the freehold of the former school site "
        "to the preferred bidder.\nConsultation: Residents were invited to comment on the "
        "proposed sale at a drop-in session held at the school.",
        CONS,
        True,
        "forward_plan",
    ),
    # The vehicle pound is a service, not goods.
    (
        "Sample Council has awarded a new contract for on-street parking enforcement and the "
        "vehicle pound to Sample Parking Ltd following a competitive tender.",
        OUT,
        True,
        "other",
    ),
    (
        "Sample Council has awarded a contract for the supply of six vehicles to Sample Motors "
        "Ltd following a competitive tender.",
        OUT,
        False,
        "other",
    ),
]


ROUND32_CASES = [
    # An award whose contract is described at length before "be awarded".
    (
        "Decision:\nThat the contract for the cleaning, attending and minor repair of the 22 "
        "public conveniences listed in Appendix 1 be awarded to Sample Hygiene Ltd for three "
        "years.",
        OUT,
        True,
        "decision",
    ),
    (
        "Decision:\nThat the contract for the cleaning, attending and minor repair of the 22 "
        "public conveniences listed in Appendix 1 be allowed to expire and the toilets close.",
        OUT,
        False,
        "decision",
    ),
    # A direct award with its legal basis between the award and the contract.
    (
        "Decision:\nTo approve a direct award, under Regulation 32(2)(c) of the Public Contracts "
        "Regulations 2015, of a contract for housing management and support services at the "
        "hostel to Sample Housing Services Ltd for six months.",
        OUT,
        True,
        "decision",
    ),
    (
        "Decision:\nTo approve a direct award, under Regulation 32(2)(c) of the Public Contracts "
        "Regulations 2015, of a contract for the supply of six minibuses to Sample Motors Ltd.",
        OUT,
        False,
        "decision",
    ),
    # An agreement extended for the provision of a service.
    (
        "I have decided to:\n(a) extend the agreement with Sample Libraries (an industrial and "
        "provident society) for the provision of the county's public library service by two "
        "years.",
        OUT,
        True,
        "decision",
    ),
    (
        "I have decided to:\n(a) note that the agreement with Sample Libraries runs to 2027.",
        OUT,
        False,
        "decision",
    ),
    # "To award" many contracts with a long name.
    (
        "Decision: To award 64 home to school and college transport contracts via the "
        "Council's Passenger Transport Dynamic Purchasing System to the operators listed.",
        OUT,
        True,
        "decision",
    ),
    (
        "Decision: To award 12 bus shelter installation and refurbishment works contracts to "
        "the contractors listed.",
        OUT,
        False,
        "decision",
    ),
    # Neither a sale nor a long lease.
    (
        "Decision: To grant a Farm Business Tenancy of Sample Farm for five years. The Council "
        "retains the freehold; no sale or long lease is proposed.",
        SALE,
        False,
        "decision",
    ),
    (
        "Decision: To grant a lease of Sample Farm for 99 years to the Sample Farming Trust.",
        SALE,
        True,
        "decision",
    ),
    # A decision that extends arrangements for a service, however it names them.
    (
        "Recommendations\n(b) Approve the extension of the existing arrangements with the three "
        "current providers of domiciliary care across the county localities for a further "
        "twelve months from April.",
        OUT,
        True,
        "report",
    ),
    (
        "Recommendations\n(b) Approve the extension of the existing arrangements for staff car "
        "parking permits at County Hall for a further twelve months from April.",
        OUT,
        False,
        "report",
    ),
    # A section 75 agreement pools budgets with the NHS; it lets nothing.
    (
        "Recommendations\n1. Approve the renewal of the section 75 agreement between Sample "
        "Council and the Integrated Care Board for 2025/26, establishing a pooled budget for "
        "community care services.",
        OUT,
        False,
        "report",
    ),
    (
        "Recommendations\n1. Approve the renewal of the agreement with Sample Care Ltd for "
        "community care services for 2025/26.",
        OUT,
        True,
        "report",
    ),
    # Consultation judged unnecessary is none.
    (
        "Recommendations\n1. Approve the award of the pest control contract to Sample Pest Ltd."
        "\nConsultation\nOfficers do not consider that consultation with residents is required "
        "before a procurement decision of this nature.",
        CONS,
        False,
        "report",
    ),
    (
        "Recommendations\n1. Approve the award of the pest control contract to Sample Pest Ltd."
        "\nConsultation\nResidents were consulted on the service standards through an online "
        "survey.",
        CONS,
        True,
        "report",
    ),
    # A sale a cabinet has not agreed.
    (
        "Response by the Leader: Cabinet has not agreed, and is not being asked to agree, the "
        "sale of the Sample Parade car park.",
        SALE,
        False,
        "other",
    ),
    (
        "Response by the Leader: Cabinet has agreed the sale of the Sample Parade car park to "
        "the adjoining owner.",
        SALE,
        True,
        "other",
    ),
]


_VEAT = (
    "Voluntary ex ante transparency notice\nII.1.1) Title: Grounds Maintenance Services\n"
    "II.1.2) Main CPV code: 77314000 Grounds maintenance services\nII.1.3) Type of contract: "
    "Services\nII.1.4) Short description: Grounds maintenance of parks and cemeteries from 1 "
    "April.\nExplanation: {who}\nV.2.3) Name and address of the contractor: Sample Services "
    "Limited"
)


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        # Owners listed: the council and others like it control the company.
        (
            "Sample Services Limited is a company wholly owned by Sample Borough Council and "
            "other Sampleshire public authorities.",
            False,
        ),
        ("Sample Services Limited is a private company chosen after a competition.", True),
    ],
)
def test_company_owned_by_the_council_and_others(who: str, expected: bool) -> None:
    text = _VEAT.format(who=who)
    assert classify(text, doc_type="procurement").is_outsourcing is expected


_TENDER = (
    "UK4: Tender notice - Procurement Act 2023\nEstate Grounds Maintenance Services 2026-2031\n"
    "Buyer: {buyer}\nDescription\nThe buyer invites tenders for grounds maintenance of its "
    "estates: grass cutting and litter picking.\nMain procurement category: Services\nCPV "
    "classifications\n77314000 - Grounds maintenance services"
)


@pytest.mark.parametrize(
    ("buyer", "expected"),
    [
        ("Sample Community Housing Group Ltd, Sample House, Sampleton", False),
        ("Sample Borough Council, Town Hall, Sampleton", True),
    ],
)
def test_housing_association_buyer_is_not_a_council(buyer: str, expected: bool) -> None:
    text = _TENDER.format(buyer=buyer)
    assert classify(text, doc_type="procurement").is_outsourcing is expected


_ICT = (
    "Contracts Finder\nSampleton Borough Council\n{title}\nNotice type: Below threshold tender "
    "notice\nMain category: Services\nCPV: 72253000 - Helpdesk and support services\n"
    "Description\nThe Council is seeking a supplier for {title_lower}."
)


def test_managed_ict_service_goes_to_staff_review() -> None:
    title = "ICT Managed Service Desk and Infrastructure Support"
    text = _ICT.format(title=title, title_lower=title.lower())
    result = _route(text)
    assert result["is_outsourcing"] and result["should_flag"]
    assert "policy_question:managed_ict" in result["signals"]
    assert result["publish_state"] == "needs_review"


def test_support_for_one_system_is_not_a_managed_ict_service() -> None:
    title = "Sample CRM Support and Managed Service"
    c = classify(_ICT.format(title=title, title_lower=title.lower()), doc_type="procurement")
    assert not c.is_outsourcing


_MARKETS = (
    "Tender notice (UK4)\nBuyer: Sample Borough Council\nProcurement: Street Markets - Operating "
    "Concession\nMain category: Services\nCPV: 79993000 - Building and facilities management "
    "services\nDescription\nThe concessionaire will manage the Council's two street markets.\n"
    "Background\nCabinet approved this procurement after a public consultation with residents "
    "and traders. {inhouse}"
)


@pytest.mark.parametrize(
    ("inhouse", "expected"),
    [
        # A reason given for what was done, whatever the provider will do later.
        (
            "Continued in-house management was rejected because the Council could not fund the "
            "investment in stalls that a concessionaire will provide.",
            True,
        ),
        ("The concessionaire will provide in-house stall design.", False),
    ],
)
def test_reason_for_rejecting_in_house_in_a_notice(inhouse: str, expected: bool) -> None:
    c = classify(_MARKETS.format(inhouse=inhouse), doc_type="procurement")
    assert c.is_outsourcing
    assert bool(c.has_inhouse_statement) is expected


def test_in_house_team_named_in_lower_case_is_not_an_option() -> None:
    base = (
        "Recommendations\nc) Approve the procurement strategy for a new contract for the "
        "operation of the Council's recycling centres by an external operator.\n"
    )
    team = base + (
        "The Council's in-house waste education and engagement team would not be affected by "
        "the procurement."
    )
    option = base + "In-house delivery by the Council's own team was considered and rejected."
    assert classify(team, doc_type="report").has_inhouse_statement is False
    assert classify(option, doc_type="report").has_inhouse_statement is True


def _minutes(number: str, decides: str) -> str:
    filler = "The Committee considered a report of the Director on this matter in some detail. "
    return (
        f"{number.format(1)} TREASURY MANAGEMENT REVIEW\n{filler}\n{decides} that the review "
        f"be noted.\n{number.format(2)} DISPOSAL OF LAND AT THE FORMER SAMPLE DEPOT\n{filler}\n"
        f"{decides} that the freehold interest in the site be sold to the preferred bidder.\n"
        f"{number.format(3)} MEMBERSHIP OF COMMITTEES\n{filler}\n{decides} that the changes be "
        "noted.\n"
    )


@pytest.mark.parametrize(
    ("number", "decides", "items"),
    [
        # Year-first minute numbers ("25/07") and "ORDERED that" (Middlesbrough's minutes).
        ("25/0{}", "ORDERED", 3),
        ("4{}/25", "RESOLVED", 3),
        # Numbered like a report's paragraphs, deciding nothing: one text.
        ("2.{}", "It is expected", 1),
    ],
)
def test_minutes_numbered_year_first_are_cut_into_items(
    number: str, decides: str, items: int
) -> None:
    found = [i for i in split_items([(None, None, _minutes(number, decides))]) if i.heading]
    assert len(found) == (items if items > 1 else 0)


def test_a_decision_heading_on_its_own_line_makes_minutes_items() -> None:
    filler = "The Committee considered a report by the Head of Service on the matter. "
    text = "".join(
        f"{n}. ITEM NUMBER {n} OF THE MEETING\n{filler}\nDecision\nThe Committee approved the "
        "report.\n\n"
        for n in (211, 212, 213)
    )
    assert len([i for i in split_items([(None, None, text)]) if i.heading]) == 3


_PCS = (
    "Contract Notice\nSample Council - {title}\nII.1.1) Title: {title}\nII.1.2) Main CPV code: "
    "{cpv}\nII.1.3) Type of contract: Services\nII.1.4) Short description: Sample Council "
    "requires a contractor for {what}."
)


_ROUND31_NOTICE_SUBJECTS = [
    # Cameras watched for the public's safety: a community safety service.
    (
        "Public Space CCTV Monitoring and Maintenance Service",
        "79714000 Surveillance services",
        "24/7 monitoring of the public space CCTV network",
        True,
    ),
    (
        "Alarm Monitoring and Maintenance for Council Offices",
        "79711000 Alarm-monitoring services",
        "monitoring of intruder alarms at its offices",
        False,
    ),
    # Staff supplied to the council's own teams, named after the title's head.
    (
        "Managed Service Provider for Temporary Agency Workers",
        # (an additional code for the social workers among them makes the codes mixed)
        "79620000 Supply services of personnel including temporary staff\nII.2.2) "
        "Additional CPV code(s): 85310000 Social work services",
        "temporary agency workers for its teams",
        False,
    ),
    (
        "Managed Service Provider for Supported Living Services",
        "85311000 Social work services with accommodation",
        "supported living for adults with learning disabilities",
        True,
    ),
]


@pytest.mark.parametrize("number", ["{}.", "CB24/3{}.", "EX.{}"])
def test_questions_by_the_public_are_procedure(number: str) -> None:
    filler = "The Committee considered a report by the Head of Service on the matter in detail. "
    text = (
        f"{number.format(4)} QUESTIONS BY THE PUBLIC\nA resident asked whether the Council "
        f"intends to sell the Sample Street car park. {filler}\n{number.format(5)} BUDGET "
        f"MONITORING\n{filler}\nRESOLVED that the report be noted.\n{number.format(6)} ANNUAL "
        f"REPORT\n{filler}\nRESOLVED that the report be noted.\n"
    )
    items = [i for i in split_items([(None, None, text)]) if i.heading]
    assert [i.procedural for i in items] == [True, False, False]


_F02 = (
    "Contract Notice (F02)\nII.1.1) Title: Provision of Cleaning Services to Libraries and "
    "Community Centres\nII.1.2) Main CPV code: 39830000 - Cleaning products\nII.1.3) Type of "
    "contract: {category}\nII.1.4) Short description: Sample Council is seeking a contractor "
    "to provide cleaning services to 46 libraries and community centres.\nII.2.2) Additional "
    "CPV code(s): 90911200 - Building-cleaning services"
)


@pytest.mark.parametrize(("category", "expected"), [("Services", True), ("Supplies", False)])
def test_services_filed_under_a_goods_code(category: str, expected: bool) -> None:
    text = _F02.format(category=category)
    assert classify(text, doc_type="procurement").is_outsourcing is expected


_CAFE = (
    "Tender notice\nSample City Council: {title}\nDescription: The Council invites tenders "
    "from catering operators to take a lease of, and operate, the café at Sample Park.\nMain "
    "category: Services\nCPV: 55330000 - Cafeteria services; 70130000 - Letting services of "
    "own property\nContract type: Concession contract"
)


def test_a_cafe_let_with_its_premises_goes_to_staff_review() -> None:
    text = _CAFE.format(title="Lease and Operation of the Café at Sample Park")
    result = _route(text)
    assert result["should_flag"]
    assert "policy_question:cafe_concession" in result["signals"]
    assert result["publish_state"] == "needs_review"


def test_coffee_machines_for_cafes_are_goods() -> None:
    text = (
        "Tender notice\nSample City Council: Supply of Coffee Machines for Council Cafés\n"
        "Description: Supply of 12 coffee machines.\nMain category: Goods\nCPV: 39711000 - "
        "Electrical domestic appliances"
    )
    assert not classify(text, doc_type="procurement").is_outsourcing


_DUDLEY = (
    "Summary:\nThe report set out the options for the Sample Avenue care home:\nOption 1: "
    "Continue to run the home in-house.\nOption 2: Transfer the home as a going concern to an "
    "independent care provider, with staff transferring under TUPE.\nDecision:\nOption {n} was "
    "approved."
)

ROUND33_CASES = [
    # "Option 2 was approved": the option named by the decision, not by its own description.
    (_DUDLEY.format(n=2), OUT, True, "decision"),
    (_DUDLEY.format(n=1), OUT, False, "decision"),
    # A service run "on the Council's behalf by" a firm.
    (
        "The day-to-day management and operation of Sampleton Market (Tuesday, Friday and "
        "Saturday general markets) will be undertaken on the Council's behalf by Sample Markets "
        "Ltd under a five-year concession agreement.",
        OUT,
        True,
        "notice",
    ),
    (
        "The day-to-day management and operation of Sampleton Market (Tuesday, Friday and "
        "Saturday general markets) will be undertaken by the Council's own markets team.",
        OUT,
        False,
        "notice",
    ),
    # An operator named by its kind.
    (
        "A charitable leisure trust will run 15 of the county's leisure centres and pools from "
        "April, after Cabinet approved a new ten-year partnership.",
        OUT,
        True,
        "other",
    ),
    (
        "A local hospice trust will run a fundraising appeal in the town square from April.",
        OUT,
        False,
        "other",
    ),
    # A resolution's clause that brings a service in-house "from" a date.
    (
        "AGREED - that\n(i) the fitness instruction contract is not extended beyond 31 "
        "March;\n(ii) fitness classes are delivered in-house from 1 April 2025.",
        OUT,
        False,
        "decision",
    ),
    (
        "AGREED - that\n(i) the fitness instruction contract is not extended beyond 31 "
        "March;\n(ii) fitness classes are delivered by Sample Fitness Ltd under a new contract "
        "from 1 April 2025.",
        OUT,
        True,
        "decision",
    ),
]


_PIN = (
    "Prior Information Notice\nII.1.1) Title: Market Engagement - Out-of-Hours Emergency Housing "
    "Repairs\nII.1.2) Main CPV code: 50700000 Repair and maintenance services of building "
    "installations\nII.1.3) Type of contract: Services\nII.1.4) Short description: The Council is "
    "undertaking early market engagement on out-of-hours emergency repairs in 9,000 Council "
    "homes.{extra}"
)


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        (
            "\nII.2.4) Description: The Council has not taken a decision on whether or how to "
            "procure this service.",
            False,
        ),
        ("", True),
    ],
)
def test_market_engagement_before_any_decision(extra: str, expected: bool) -> None:
    text = _PIN.format(extra=extra)
    assert classify(text, doc_type="procurement").is_outsourcing is expected


_ROUND33_NOTICE_SUBJECTS = [
    # Toilets the public use, run and cleaned, whatever the codes say.
    (
        "Management, Cleaning and Maintenance of Public Conveniences",
        "90910000 Cleaning services\nII.2.2) Additional CPV: 50700000 Repair and maintenance "
        "services of building installations",
        "this",
        True,
    ),
    ("Public Conveniences Repurposing", "45000000 Construction work", "this", False),
    # Premises the council rents for itself buy no service.
    (
        "Requirement for Leasehold Premises",
        "70130000 Letting services of own property",
        "this",
        False,
    ),
    ("Payroll Advisory Services", "79631000 Payroll management services", "this", False),
]


def test_managed_back_office_service_goes_to_staff_review() -> None:
    title = "Payroll and HR Transactional Managed Service"
    text = _PCS.format(title=title, cpv="79631000 Payroll management services", what="payroll")
    result = _route(text)
    assert result["should_flag"]
    assert "policy_question:managed_back_office" in result["signals"]
    assert result["publish_state"] == "needs_review"


_PLAN = (
    "Recommendations\n1. Members are asked to approve the commencement of the procurements "
    "marked for approval in Appendix 2.\n" + "Background text about the council's procurement "
    "strategy and its community benefits. " * 60 + "\nAPPENDIX 2 – FORWARD PROCUREMENT PLAN\n"
    "Ref | Service | Subject matter | Category | Value | Status\n{row}\n"
)


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (
            "FPP-04 | Education | Home to school transport – contracted school bus routes | "
            "Services | £18.6m | For approval – Q3/Q4 2024/25",
            True,
        ),
        (
            "FPP-02 | Roads | Road surfacing term contract | Works | £14.0m | For approval – Q3/Q4 "
            "2024/25",
            False,
        ),
    ],
)
def test_a_procurement_plan_row_for_approval(row: str, expected: bool) -> None:
    assert classify(_PLAN.format(row=row), doc_type="report").is_outsourcing is expected


_SALE = "Recommendations\n(a) approves the disposal of the freehold of the six farm holdings. "
# (not a decision sentence: the blocker then decides)
_LEISURE = (
    "The report proposes that an external operator be procured for the leisure centres under a "
    "ten-year contract. "
)

ROUND34_CASES = [
    # A building run by its community owner with no service specified lets no service.
    (
        "The Council invites expressions of interest for the transfer of the Sample Centre by "
        "way of a 35-year lease. The building would be run by the successful organisation as a "
        "community hub; the Council will not fund or specify any service.",
        OUT,
        False,
        "notice",
    ),
    (
        "The Council invites tenders for a provider to run the Sample Centre youth service. The "
        "youth service would be run by the successful organisation under a contract.",
        OUT,
        True,
        "notice",
    ),
    # The in-house team as the provider of an option weighed.
    (
        "Summary: Cabinet will be asked to choose between re-commissioning the service from the "
        "independent sector through a competitive tender and expanding the Council's in-house "
        "reablement team to deliver the whole service.",
        "has_inhouse_statement",
        True,
        "forward_plan",
    ),
    (
        "Summary: Cabinet will be asked to approve re-commissioning the service from the "
        "independent sector through a competitive tender; the Council's in-house reablement "
        "team will continue alongside it.",
        "has_inhouse_statement",
        False,
        "forward_plan",
    ),
    # What bringing a service back would give is an option weighed, not insourcing decided.
    (
        _LEISURE + "Bringing the centres back under direct Council management would give the "
        "Council full control over pricing.",
        OUT,
        True,
        "report",
    ),
    (
        "Recommendations\n1. Cabinet approves bringing the leisure centres back under direct "
        "Council management from April.",
        OUT,
        False,
        "report",
    ),
    # "an operator" procured "for the leisure centres" runs them.
    (_LEISURE, OUT, True, "report"),
    (
        "The report proposes that a preferred bidder be selected for the former leisure centre "
        "site, to be sold for housing.",
        OUT,
        False,
        "report",
    ),
    # A choice for the end of the contract is not insourcing now.
    (
        _LEISURE + "At the end of the contract the Council will be required to re-procure the "
        "service, bring it back in-house or make other arrangements.",
        OUT,
        True,
        "report",
    ),
    # No notice needed, no consultation held.
    (
        _SALE + "\nConsultation\nNone of the land is held as public open space, and there is no "
        "requirement to advertise the proposed disposals under section 123(2A). The Estate "
        "Strategy was approved without a wider public consultation.",
        CONS,
        False,
        "report",
    ),
    (
        _SALE + "\nConsultation\nThe proposed disposals were advertised under section 123(2A) "
        "and no objections were received.",
        CONS,
        True,
        "report",
    ),
]


_DAY = (
    "UK4: Tender notice\nSample County Council\nDay Opportunities for Adults\nDescription: The "
    "Council is seeking a provider to deliver day opportunities for adults with learning "
    "disabilities.\nBackground: {background}\nMain procurement category: Services\nCPV "
    "classifications: 85312100 - Daycare services"
)


@pytest.mark.parametrize(
    ("background", "expected"),
    [
        (
            "On 9 September Cabinet approved this procurement following a twelve-week public "
            "consultation with people who use day services, their families and carers.",
            True,
        ),
        ("The provider will hold a public consultation with people who use the service.", False),
    ],
)
def test_a_notice_reports_the_consultation_behind_its_approval(
    background: str, expected: bool
) -> None:
    c = classify(_DAY.format(background=background), doc_type="procurement")
    assert c.is_outsourcing and bool(c.has_consultation) is expected


_MODEL = (
    "1 DECISIONS BEING RECOMMENDED\n1.1 To approve the preferred delivery model for waste "
    "collection services from April 2028, as set out at Section 7 of this report.\n4 OPTIONS "
    "APPRAISAL\n4.2 Option A – In-house delivery by the Council's own workforce.\n4.4 Option C – "
    "Re-procure a single integrated contract for collection with an external contractor.\n"
    "7 PREFERRED OPTION\n7.1 Option {n} is the preferred option."
)

ROUND35_CASES = [
    # "Approve the preferred model" when the record names which option that is.
    (_MODEL.format(n="C"), OUT, True, "report"),
    (_MODEL.format(n="A"), OUT, False, "report"),
    # A tender-or-insource choice put to the decision maker.
    (
        "Summary: The parking enforcement contract expires in March. Cabinet will be asked to "
        "decide whether to procure a new contract or to bring the delivery of these services "
        "in-house.",
        OUT,
        True,
        "forward_plan",
    ),
    (
        "Summary: Cabinet will be asked to decide whether to bring the delivery of parking "
        "enforcement services in-house.",
        OUT,
        False,
        "forward_plan",
    ),
    # Day centres transferred to an independent provider, however long their names.
    (
        "What is the Cabinet being asked to decide?\n1. To approve the transfer of the Council's "
        "four day centres for adults with learning disabilities (Sampleton, Exampleford and "
        "Testbury) to an independent provider selected through an open procedure.",
        OUT,
        True,
        "report",
    ),
    (
        "What is the Cabinet being asked to decide?\n1. To approve the transfer of the Council's "
        "four day centres for adults with learning disabilities (Sampleton, Exampleford and "
        "Testbury) to the Council's adult social care directorate.",
        OUT,
        False,
        "report",
    ),
    # The landlord's gas servicing and repairs are a service, whatever boilers it replaces.
    (
        "1. Decision required\n1.1 Agree to award the contract for domestic gas servicing, "
        "responsive gas repairs and planned boiler replacement across the Council's 21,000 homes "
        "to the preferred bidder.",
        OUT,
        True,
        "report",
    ),
    (
        "1. Decision required\n1.1 Agree to award the contract for planned boiler replacement at "
        "the Council's offices to the preferred bidder.",
        OUT,
        False,
        "report",
    ),
    # A lost amendment decided nothing.
    (
        "An amendment moved by the opposition group, proposing that no council-owned buildings "
        "be sold during 2024/25, was LOST.",
        SALE,
        False,
        "decision",
    ),
    # The consultation a report cites was on another matter.
    (
        "2.1 That Executive approves the grant of a 125-year lease of the garage sites to Sample "
        "Housing Association.\n4.3 The Council carried out a public consultation on its draft "
        "Allocations Policy. That consultation concerned who is offered social housing; it did "
        "not address the disposal of HRA land.",
        CONS,
        False,
        "report",
    ),
    (
        "2.1 That Executive approves the grant of a 125-year lease of the garage sites to Sample "
        "Housing Association.\n4.3 The Council carried out a public consultation on the proposed "
        "lease of the garage sites.",
        CONS,
        True,
        "report",
    ),
]


_ROUND35_NOTICE_SERVICES = [
    (
        "Removal of Abandoned and Untaxed Vehicles",
        "50118110 Vehicle towing-away services",
        "the removal of abandoned, nuisance and untaxed vehicles from the highway",
        True,
    ),
    (
        "Supply of Refuse Collection Vehicles",
        "34144511 Refuse-collection vehicles",
        "the supply of six refuse collection vehicles",
        False,
    ),
    (
        "Piping Tuition in Secondary Schools",
        "80000000 Education and training services",
        "weekly small-group tuition for pupils",
        True,
    ),
]


def test_interpreting_for_residents_goes_to_staff_review() -> None:
    title = "Interpreting and Translation Services"
    text = _PCS.format(
        title=title,
        cpv="79540000 Interpretation services",
        what="interpreting for residents using council services",
    )
    result = _route(text)
    assert "policy_question:language_services" in result["signals"]
    assert result["publish_state"] == "needs_review"


ROUND36_CASES = [
    # A resolution heading with words before its colon.
    (
        "The Committee resolved, in terms of delegated powers:\n7.4. That the former hostel be "
        "declared surplus to the Council's requirements.\n7.5. That the property be placed on the "
        "open market for sale.",
        SALE,
        True,
        "decision",
    ),
    # A lease's start date is not a lease taken from someone.
    (
        "RESOLVED: That the public conveniences at Sample Road be let to Sampleton Town Council "
        "on a 99-year full repairing lease at a peppercorn rent from 1 April 2024.",
        SALE,
        True,
        "decision",
    ),
    (
        "RESOLVED: That the Council take a lease of office space from Sample Estates Ltd for "
        "five years.",
        SALE,
        False,
        "decision",
    ),
    # The procurement strategy "at Appendix 1 for" a service is that service's.
    (
        "3.1 That Cabinet approves the procurement strategy at Appendix 1 for a new young "
        "people's supported housing pathway, to be tendered in three lots.",
        OUT,
        True,
        "report",
    ),
    (
        "3.1 That Cabinet approves the Council's procurement strategy 2024-2028 at Appendix 1.",
        OUT,
        False,
        "report",
    ),
    # A trust-or-in-house choice put, not an in-house decision.
    (
        "Purpose: Cabinet will be asked to decide whether to transfer the operation of the "
        "Council's leisure centres to an independent not-for-profit trust, or to retain the "
        "service in-house.",
        OUT,
        True,
        "forward_plan",
    ),
    # An earlier disposal decision rescinded.
    (
        "RESOLVED:\n1. That the decision of Cabinet on 5 December 2023 to dispose of the freehold "
        "of the former youth centre be rescinded.",
        SALE,
        False,
        "decision",
    ),
    (
        "RESOLVED:\n1. That the freehold of the former youth centre be disposed of on the open "
        "market.",
        SALE,
        True,
        "decision",
    ),
    # Minibuses and charge points are goods for an in-house service.
    (
        "Decision:\n(a) approves the purchase of 24 electric minibuses by call-off from the "
        "national vehicle framework;\n(b) authorises the Director to award the call-off contract "
        "to the highest-scoring supplier; and\n(c) approves the procurement of charging "
        "infrastructure at the depots.",
        OUT,
        False,
        "decision",
    ),
    # "Continued direct operation by the County Council" is the in-house option.
    (
        "1.1 That the operation of the County Council's three outdoor education centres be "
        "transferred to an independent charitable trust.\n3. Other options considered and "
        "rejected:\n3.1 Continued direct operation by the County Council: rejected because it "
        "would require the subsidy to continue.",
        "has_inhouse_statement",
        True,
        "decision",
    ),
    # A later proposal, not this one.
    (
        "Decision: To approve the scope of a review of the reablement service. Any proposal to "
        "change the delivery model, including any proposal to commission reablement from the "
        "independent sector, would be the subject of a separate key decision.",
        OUT,
        False,
        "forward_plan",
    ),
    # "Proceed on the basis of Option A"; the Community Empowerment Act is no community.
    (
        "The report set out the offers received.\nOption A – accept the unconditional offer to "
        "purchase the site from a local business.\nThe Local Members had been consulted and no "
        "request under Part 5 of the Community Empowerment (Scotland) Act 2015 had been "
        "received.\nThereafter, the Committee agreed:\n(i) to proceed on the basis of Option A as "
        "set out in the report.",
        CONS,
        False,
        "decision",
    ),
    # An option described under its own heading.
    (
        "Options\nOption 3 – Competitive procurement (recommended)\n5.9 Under this option the "
        "Council would run a tender to appoint a provider of refuge and outreach services.\n"
        "Recommendations\n2.1 Approves Option 3 as the route to secure the services.",
        OUT,
        True,
        "report",
    ),
]


_ROUND36_NOTICE_SUBJECTS = [
    (
        "Parking Enforcement, Penalty Charge Notice Processing and Back-Office Services",
        "79000000 Business services",
        "parking enforcement and penalty charge processing",
        True,
    ),
    ("Back-Office Services", "79000000 Business services", "back-office support", False),
    (
        "Leasing of Residential Properties for Use as Temporary Accommodation",
        "70220000 Rental or lease services of own property",
        "homes leased from landlords",
        False,
    ),
]


def test_an_award_to_an_nhs_trust_in_prose_is_public_to_public() -> None:
    text = (
        "Provider Selection Regime - Intention to award notice\nContracting authority: Sample "
        "Borough Council\nTitle: 0-19 Public Health Nursing Service\nDescription: The Council "
        "intends to award a contract for the 0-19 public health nursing service, including "
        "health visiting and school nursing, to North Sample and Exampleton NHS Foundation "
        "Trust, the existing provider.\nContract type: Services. CPV 85141000 - Services "
        "provided by medical personnel."
    )
    c = classify(text, doc_type="procurement")
    assert not c.is_outsourcing
    assert "notice:supplier_public_body" in c.signals


def test_market_engagement_that_commits_to_nothing() -> None:
    text = (
        "Preliminary market engagement notice\nContracting authority: Sample Borough Council\n"
        "Title: Household Waste Recycling Centres - Future Operating Model\nDescription: Options "
        "under consideration include a new contract with an external operator and bringing the "
        "sites under direct council management. No decision has been taken and this notice does "
        "not commit the Council to any procurement.\nContract type (if procured): Services. Main "
        "CPV: 90514000 - Refuse recycling services"
    )
    assert not classify(text, doc_type="procurement").is_outsourcing


ROUND37_CASES = [
    # A resolution that rescinds an earlier one sells nothing.
    (
        "RESOLVED that the Committee:\n1. Rescinds resolution 3 of its meeting of 18 February "
        "2019, which approved the disposal of the freehold of the Sample Library building on "
        "the open market;\n2. Agrees that the building be retained in the Council's ownership.",
        SALE,
        False,
        "decision",
    ),
    # Council-employed operators are the in-house option.
    (
        "RESOLVED that Option 2 be approved.\n5.1 Option 1 - Continue to provide the CCTV control "
        "room with Council-employed operators. Not recommended.\n5.2 Option 2 - Procure an "
        "external provider to monitor the Council's cameras under a five-year contract. "
        "Recommended.",
        "has_inhouse_statement",
        True,
        "decision",
    ),
]


ROUND37_CASES += [
    # A numbered option chosen with a paragraph number between.
    (
        f"RESOLVED that Option {n}, as set out in paragraph 5.{n} of the report, be approved.\n"
        "5.1 Option 1 - Continue to provide the CCTV control room with Council-employed "
        "operators.\n5.2 Option 2 - Procure an external provider to monitor the Council's cameras "
        "under a five-year contract.",
        OUT,
        n == 2,
        "decision",
    )
    for n in (1, 2)
] + [
    # An option in a contract exercised to continue it.
    (
        "2. Decision\n2.1 That the Council exercises the option at clause 3.2 of Contract "
        "ENV/2021/014 to continue the contract with Sample Organics Ltd for the treatment of "
        "green waste for a further two years.",
        OUT,
        True,
        "decision",
    ),
    (
        "2. Decision\n2.1 That the Council does not exercise the option at clause 3.2 of "
        "Contract ENV/2021/014, and lets the contract with Sample Organics Ltd expire.",
        OUT,
        False,
        "decision",
    ),
]


@pytest.mark.parametrize(
    ("provider", "expected"),
    [("Sample NHS Foundation Trust, Sample Hospital", False), ("Sample Health Ltd", True)],
)
def test_a_psr_notice_names_its_provider(provider: str, expected: bool) -> None:
    text = (
        "Provider Selection Regime: intention to award a contract\nII.1.1) Title: Healthy Child "
        "Programme 0-19 Service\nII.1.2) Main CPV code: 85100000 - Health services\nIV.1.1) "
        f"Procedure: Direct award process C\nIV.1.2) Provider: {provider}"
    )
    assert classify(text, doc_type="procurement").is_outsourcing is expected


_AWARD_PARKING = (
    "4.1 That Cabinet agrees to award the parking enforcement contract to Sample Ltd.\n"
)

ROUND38_CASES = [
    # Consultation judged unnecessary, with an adverb between.
    (
        _AWARD_PARKING + "3.1 The proposal does not change parking policy, and consultation with "
        "residents is therefore not required.",
        CONS,
        False,
        "report",
    ),
    # A template heading in capitals consults nobody; a statutory notice's heading is the notice.
    (
        _AWARD_PARKING + "8. OUTCOMES OF CONSULTATION AND CONFLICTS OF INTERESTS DECLARED\n"
        "Not applicable.",
        CONS,
        False,
        "report",
    ),
    (
        "NOTICE OF INTENTION TO DISPOSE OF LAND FORMING PART OF AN OPEN SPACE\nThe Council "
        "gives notice that it proposes to dispose of land at Sample Green by the grant of a "
        "250-year lease. Any objections should be sent in writing by 1 May.",
        CONS,
        True,
        "notice",
    ),
    # Land released to the preferred bidder.
    (
        "Purpose: To seek approval to release approximately 3.1 hectares of council-owned land at "
        "Sample Road, identified as surplus, to the preferred bidder following a marketing "
        "exercise.",
        SALE,
        True,
        "forward_plan",
    ),
    # A notice that says it sells nothing.
    (
        "Sample Council wishes to take a lease of industrial premises for a temporary depot. This "
        "notice does not relate to the disposal of any Council property.",
        SALE,
        False,
        "notice",
    ),
]


ROUND38_CASES += [
    # In-house teams named at length that carry on beside the service let are not an option.
    (
        "Recommendations\n2.1 Approves the procurement of a single integrated substance misuse "
        "treatment service from an external provider.\nOptions\n6.2 The Council's in-house "
        "Reablement and Community Support teams will continue to work alongside the service.",
        "has_inhouse_statement",
        False,
        "report",
    ),
    # An amendment "moved as an amendment" and lost decided nothing.
    (
        "Councillor Sample, seconded by Councillor Example, moved as an amendment that the "
        "property be declared surplus and marketed for sale. On a division the amendment was "
        "defeated.",
        SALE,
        False,
        "decision",
    ),
]


@pytest.mark.parametrize(
    ("text", "label", "expected", "doc_type"),
    ROUND28_CASES
    + ROUND29_CASES
    + ROUND30_CASES
    + ROUND31_CASES
    + ROUND32_CASES
    + ROUND33_CASES
    + ROUND34_CASES
    + ROUND35_CASES
    + ROUND36_CASES
    + ROUND37_CASES
    + ROUND38_CASES,
)
def test_families(text: str, label: str, expected: bool, doc_type: str) -> None:
    assert bool(getattr(classify(text, doc_type=doc_type), label)) is expected


@pytest.mark.parametrize(
    ("title", "cpv", "what", "expected"),
    _ROUND31_NOTICE_SUBJECTS
    + _ROUND33_NOTICE_SUBJECTS
    + _ROUND35_NOTICE_SERVICES
    + _ROUND36_NOTICE_SUBJECTS,
)
def test_notice_subjects(title: str, cpv: str, what: str, expected: bool) -> None:
    text = _PCS.format(title=title, cpv=cpv, what=what)
    assert classify(text, doc_type="procurement").is_outsourcing is expected
