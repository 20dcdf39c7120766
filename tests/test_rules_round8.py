"""Round 8 families: wording found in blind held-out sets h25 (council notices), h26 (long
papers as PDFs read them) and h27 (short texts in the forms councils use), written as
general patterns.

Every sentence here is written for these tests (fictional councils, places and firms); each
family has a case that must change and one that must not."""

from __future__ import annotations

import pytest

from monitor.classify import classify
from monitor.items import split_items
from monitor.notice_subject import subject_of

OUT, SALE, CONS, INH = (
    "is_outsourcing",
    "is_asset_sale",
    "has_consultation",
    "has_inhouse_statement",
)


@pytest.mark.parametrize(
    ("title", "own_use"),
    [
        # The council's own offices and staff: facilities for the council itself.
        ("Office Cleaning and Washroom Services - Council Offices", True),
        ("Manned Guarding and Key Holding - Civic Centre", True),
        ("Concession for Staff Restaurant - County Hall", True),
        # Buildings the public uses are a public service, whoever else is named.
        ("Cleaning of Council Offices, Leisure Centres and Public Conveniences", False),
        ("Council House Building Programme Partner", False),
    ],
)
def test_the_councils_own_premises(title: str, own_use: bool) -> None:
    assert (subject_of(title) is not None) is own_use


@pytest.mark.parametrize(
    ("text", "label", "expected", "doc_type"),
    [
        # A text that opens with its Procurement Act type is a notice, whatever its record.
        (
            "UK6: Contract award notice - Procurement Act 2023\nContracting authority: "
            "Sampleton Borough Council\nContract title: Waste, Recycling and Street Cleansing "
            "Services 2025-2033\nDescription: Collection of household waste and street "
            "cleansing.\nAwarded supplier: Sample Environmental Ltd.",
            OUT,
            True,
            "notice",
        ),
        # Going to tender for a service the council's own staff run in part.
        (
            "RESOLVED - That the Council proceeds to tender for the cleaning of Council "
            "buildings, leisure centres and public conveniences for three years.",
            OUT,
            True,
            "decision",
        ),
        (
            "RESOLVED - That the Council proceeds to tender for the supply of cleaning materials.",
            OUT,
            False,
            "decision",
        ),
        # Shared services entered into are public to public.
        (
            "The Committee agreed (i) to enter into a shared service agreement with Sample "
            "Council for the provision of building control.",
            OUT,
            False,
            "decision",
        ),
        # Bidders for leases are buyers of land, not providers of a service.
        (
            "Summary: To grant 125-year leases of four seafront kiosks to the preferred "
            "bidders (cafés, water sports hire).",
            OUT,
            False,
            "forward_plan",
        ),
        (
            "Summary: To appoint the preferred bidder to operate the leisure centres under a "
            "ten-year contract.",
            OUT,
            True,
            "forward_plan",
        ),
        # Land sold by someone else is not a council sale.
        (
            "The Council has completed the purchase of the former depot. The site was sold by "
            "the bus operator after it moved.",
            SALE,
            False,
            "other",
        ),
        # Questions ask; they decide nothing and consult no one.
        (
            "Is the Council selling land to the company? No transfers are proposed at present.",
            SALE,
            False,
            "other",
        ),
        # Continuing to run it directly "with investment" is the in-house option.
        (
            "RESOLVED: to approve the transfer of the operation of Sample House care home to a "
            "not-for-profit provider. The report compared three options: (1) continuing to run "
            "the home directly with investment of £2m; (2) closure; (3) transfer.",
            INH,
            True,
            "decision",
        ),
        # A transfer to direct delivery is an insourcing.
        (
            "22. CALL-IN: TRANSFER OF THE COMMUNITY MEALS SERVICE TO DIRECT DELIVERY The "
            "Committee considered the call-in of the decision to end the contract with the "
            "meals provider. RESOLVED: That no further action be taken.",
            OUT,
            False,
            "other",
        ),
        # A notice of a disposal that invites representations from anyone.
        (
            "Sample Council proposes to dispose of the former Pier Buildings by sale. The "
            "Council invites representations on the proposal from any person by 30 June.",
            CONS,
            True,
            "notice",
        ),
        # Leases of 25 years are disposals whichever way they are worded.
        (
            "That Cabinet agrees to grant leases of 25 years of Arches 4-16 to the tenants "
            "selected.",
            SALE,
            True,
            "decision",
        ),
        # Sitting tenants of holdings being sold are parties, not the public.
        (
            "Decision: to agree the sale of nine farm holdings. Consultation: Sitting tenants; "
            "local members.",
            CONS,
            False,
            "forward_plan",
        ),
        # Goods named after the service they serve stay goods.
        (
            "Award of contract: June 2025 | Delivery of refuse vehicles: from March 2026",
            OUT,
            False,
            "report",
        ),
        # Noting a transfer approved by Council years ago decides nothing.
        (
            "Members noted that the transfer of the caravan park operation to Sample Holidays "
            "Ltd, approved by Council in 2023, had been completed.",
            OUT,
            False,
            "decision",
        ),
        # A business case "recommending that" the council enters a partnership proposes it.
        (
            "1.1 This business case supports the Cabinet report recommending that the Council "
            "enter a strategic partnership with a private sector provider for revenues and "
            "benefits services. " + "The background to the service is set out below. " * 120,
            OUT,
            True,
            "other",
        ),
    ],
)
def test_round8_families(text: str, label: str, expected: bool, doc_type: str) -> None:
    assert getattr(classify(text, doc_type=doc_type), label) is expected


def test_an_appendix_goes_with_the_item_it_names() -> None:
    text = (
        "Minute of Meeting of the Communities Committee\n"
        "6. ASSET TRANSFER REQUEST - FORMER SAMPLE SCHOOL\n"
        "There was submitted a report on an asset transfer request.\nRESOLVED: to approve the "
        "asset transfer request and to transfer ownership of the former school to Sample "
        "Trust.\n"
        "7. TENANT PARTICIPATION STRATEGY\n"
        "The strategy was developed with the tenants' federation.\nRESOLVED: to approve the "
        "strategy and note the progress made in the year.\n"
        "APPENDIX - EXTRACT FROM REPORT (ITEM 6)\n"
        "5.1 The Council published notice of the request and invited representations from "
        "any person. 5.2 A household survey received 386 responses.\n"
    )
    items = {i.heading: i.text() for i in split_items([(None, 1, text)])}
    asset_item = next(t for h, t in items.items() if h and h.startswith("6."))
    assert "household survey" in asset_item
    assert "household survey" not in next(t for h, t in items.items() if h and h.startswith("7."))


def test_a_forward_plan_entry_heading() -> None:
    text = (
        "Entry 1 - Medium Term Financial Strategy\nDecision maker: Cabinet\nConsultation: "
        "Public consultation ran January to March.\n\n"
        "Entry 2 - Leisure Centre: Future Operating Arrangements\nDecision maker: Cabinet\n"
        "Description: Cabinet will decide whether to tender a new leisure management contract "
        "or to bring the operation back in-house.\nConsultation: Ward Councillors\n"
    )
    result = classify(text, doc_type="forward_plan")
    assert result.is_outsourcing and result.has_consultation is False


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Titles printed on their heading's line, portals' names above them.
        (
            "Public Contracts Scotland - Contract Notice\nSample Council, Sample House\n"
            "II.1.1) Title: Creative, Design, Print and Distribution Services for the Council "
            "Residents' Magazine\nII.1.3) Type of contract: Services\n",
            False,
        ),
        (
            "Sell2Wales - Contract award notice\nSample City Council\nTitle: Occupational "
            "Health and Employee Assistance Services\nDescription: Provision of occupational "
            "health services to the Council's employees.\n",
            False,
        ),
        # Enforcement agents recover residents' council tax on the council's behalf.
        (
            "UK6: Contract award notice - Procurement Act 2023\nSample Council\nEnforcement "
            "Agent Services for Council Tax and Parking Penalties\nMain procurement category: "
            "Services\nCPV: 79940000 - Collection agency services\nDescription: Sample Council "
            "has awarded contracts for enforcement agent services to recover unpaid council "
            "tax on its behalf.\n",
            True,
        ),
    ],
)
def test_round8b_notices(text: str, expected: bool) -> None:
    assert classify(text, doc_type="procurement").is_outsourcing is expected


def test_a_payments_compliance_notice_disposes_of_nothing() -> None:
    text = (
        "UK8: Payments compliance notice - Procurement Act 2023\nSample Council\nThe Council "
        "requires its main contractors, including its waste collection and disposal "
        "contractor, to pay subcontractors within 30 days. Proportion of invoices paid within "
        "30 days: 94.6%.\n"
    )
    result = classify(text, doc_type="procurement")
    assert not result.is_outsourcing and not result.is_asset_sale


@pytest.mark.parametrize(
    ("text", "label", "expected"),
    [
        # A park café whose operator also does the council's work is a service let.
        (
            "The Council invites operators to run the café and visitor welcome point at Sample "
            "Park on the Council's behalf, under a ten-year concession.",
            OUT,
            True,
        ),
        # A café concession alone is a policy question since round 22: read as outsourcing,
        # its flag waits for staff review (tests/test_rules_round22.py).
        (
            "Decision: To grant a concession licence for the operation of the cafe at Sample "
            "Park to Sample Coffee Ltd for three years at a fee of £12,000 a year.",
            OUT,
            True,
        ),
        # A works package named by what is done is works.
        (
            "Decision: Award of Contract - Sample Ponds Desilting Works to Sample Civils Ltd.",
            OUT,
            False,
        ),
        # A business case's preferred option, and "That the Council proceeds with" it.
        (
            "The preferred option is Option C - a strategic partnership with a private sector "
            "highway contractor to deliver highway maintenance services. "
            + "The background to the service is set out below. "
            * 120,
            OUT,
            True,
        ),
        # Services transferred to a company are not buildings transferred.
        (
            "a) Approve the transfer of building cleaning, school catering and caretaking "
            "services to Sample Facilities Ltd.",
            SALE,
            False,
        ),
        # Residents who told the council, people interviewed, were consulted.
        (
            "RESOLVED: to award the advice service contract to Sample Advice. In a survey, "
            "1,388 residents told us where they would go for advice.",
            CONS,
            True,
        ),
    ],
)
def test_round8b_families(text: str, label: str, expected: bool) -> None:
    assert getattr(classify(text, doc_type="other"), label) is expected


def test_minutes_decisions_made_and_plan_entries_with_officers() -> None:
    minutes = (
        "64. BUDGET CONSULTATION - RESULTS\nThe Cabinet considered the results of the public "
        "budget consultation.\nDecision Made: That the results be noted.\n"
        "66. SUPPORTED LIVING SERVICES - COMMISSIONING PROPOSALS\nThe Cabinet considered a "
        "report seeking approval to commission supported living services.\nDecision Made: "
        "That approval be given to commence a procurement exercise for supported living "
        "services.\n"
    )
    result = classify(minutes, doc_type="decision")
    # The outsourcing item does not borrow the budget item's consultation.
    assert result.is_outsourcing and result.has_consultation is False


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A code filed loosely: public toilets under "office cleaning" are still a service.
        (
            "UK10: Contract change notice - Procurement Act 2023 - view information about "
            "notice types\nPublic Conveniences Cleansing and Maintenance Contract\nSample "
            "Council\nMain procurement category: Services\nCPV: 90919200 - Office cleaning "
            "services\nDescription: Extension of the contract for the cleansing, opening and "
            "locking of 31 public toilets for a further year.\n",
            True,
        ),
        # A title on the line under "II.1.1) Title".
        (
            "Contract notice\nSection II: Object\nII.1.1) Title\nResponsive Repairs and Voids "
            "Services to Council Housing\nII.1.2) Main CPV code\n50700000 - Repair and "
            "maintenance services of building installations\nII.1.3) Type of contract\n"
            "Services\n",
            True,
        ),
        # Another council doing the work under an inter-authority agreement.
        (
            "Voluntary ex ante transparency notice\nSample County Council\nCommunity Alarm "
            "Monitoring\nCPV: 85320000 - Social services\nSection V: Award of contract\nThe "
            "Council has entered into an inter-authority agreement with Sample Borough Council "
            "under regulation 12(7) of the Public Contracts Regulations 2015 (horizontal "
            "cooperation): Sample Borough Council's call handlers will answer alarm calls.\n",
            False,
        ),
    ],
)
def test_round9_notices(text: str, expected: bool) -> None:
    assert classify(text, doc_type="procurement").is_outsourcing is expected


@pytest.mark.parametrize(
    ("text", "label", "expected"),
    [
        (
            "3.1 Agrees to grant a lease of the former depot for a term of 125 years. The "
            "Council has not undertaken any public consultation on the grant of the lease.",
            CONS,
            False,
        ),
        (
            "RESOLVED: to award the leisure contract to Sample Leisure Trust. Consultation: the "
            "Community Policy Development Group; staff and UNISON (TUPE).",
            CONS,
            False,
        ),
        (
            "To approve the release of the Council's freehold interest in the former Sample "
            "Municipal Offices to the preferred bidder.",
            SALE,
            True,
        ),
        (
            "6.1 It is recommended that civil parking enforcement be contracted out to a "
            "specialist provider under the national parking services framework.",
            OUT,
            True,
        ),
        (
            "RESOLVED: that the library service be transferred to Sample Cymunedol Cyf, a "
            "charitable community benefit society, from 1 April.",
            OUT,
            True,
        ),
    ],
)
def test_round9c_long_paper_families(text: str, label: str, expected: bool) -> None:
    assert getattr(classify(text, doc_type="report"), label) is expected


def test_plan_references_with_a_space() -> None:
    text = (
        "Ref: KD 2024/089\nMatter for decision: Local Transport Plan Programme\nDecision maker: "
        "Cabinet Member\nConsultation: Eight-week public consultation held June to August.\n\n"
        "Ref: KD 2024/094\nMatter for decision: Future Delivery of the Housing Repairs "
        "Service\nDecision maker: Cabinet\nDescription: to decide whether to re-procure the "
        "responsive repairs contract through a new competitive tender or to bring delivery "
        "back in-house.\nConsultation: ward members\n"
    )
    headings = [i.heading for i in split_items([(None, None, text)]) if i.heading]
    assert headings == ["Ref: KD 2024/089", "Ref: KD 2024/094"]
    assert classify(text, doc_type="forward_plan").has_consultation is False


@pytest.mark.parametrize(
    ("text", "label", "expected"),
    [
        (
            "RESOLVED: that Sample House be sold on the open market. Sample House is not held "
            "as open space and no part of the site is subject to section 123(2A).",
            CONS,
            False,
        ),
        (
            "RESOLVED: that the contract for the revenues and benefits service be awarded to "
            "Sample Services Ltd. "
            "Representations received: none other than those set out above.",
            CONS,
            False,
        ),
        (
            "2. Agree that officers develop a full business case for the two shortlisted "
            "options: (a) a re-procured managed service, and (b) a fully in-house service.",
            OUT,
            False,
        ),
    ],
)
def test_round10_long_paper_families(text: str, label: str, expected: bool) -> None:
    assert getattr(classify(text, doc_type="report"), label) is expected


def test_a_forward_plan_printed_as_a_table() -> None:
    text = (
        "Decision title | Details | Decision maker | Date | Consultees\n"
        "Item 1 | Town Centre Public Realm Works | To approve the award of a works contract | "
        "Executive | 10 April | Public consultation held in 2024\n"
        "Item 2 | Household Support Fund | To approve the allocation scheme | Executive | 10 "
        "April | Internal\n"
        "Item 3 | Former Sample Offices - Release of Site | To approve the release of the "
        "Council's freehold interest in the former Sample Offices to the preferred bidder | "
        "Executive | 15 May | Ward Members\n"
    )
    headings = [i.heading for i in split_items([(None, None, text)]) if i.heading]
    assert headings[-1] == "Item 3 | Former Sample Offices - Release of Site"
    result = classify(text, doc_type="forward_plan")
    # The sale's row names only ward members; the works row's consultation is not borrowed.
    assert result.is_asset_sale and result.has_consultation is False


def test_a_log_of_decisions_taken_is_not_judged() -> None:
    text = (
        "Ref: KD 2024/089\nMatter for decision: Local Transport Plan Programme\nDecision maker: "
        "Cabinet Member\n\nRef: KD 2024/091\nMatter for decision: Housing Strategy\nDecision "
        "maker: Cabinet\n\nDecisions taken since the last plan\n"
        "KD 2024/071 | Supported Housing Commissioning Plan | Cabinet | 18 September | "
        "Approved\n"
    )
    items = [i for i in split_items([(None, None, text)]) if i.heading]
    assert items[-1].procedural
    assert classify(text, doc_type="forward_plan").is_outsourcing is False


def test_minutes_numbered_with_a_committee_prefix_and_a_dot() -> None:
    text = (
        "EX.36 LAND AT SAMPLE WAY - DISPOSAL\n36.1 The report sought approval for the transfer "
        "of land.\n36.2 It was RESOLVED that the freehold of the land at Sample Way be "
        "transferred to Sample Housing for GBP 420,000.\n"
        "EX.37 STATEMENT OF LICENSING POLICY\n37.1 The report set out the draft policy.\n37.2 "
        "It was RESOLVED that the draft policy be approved for public consultation for eight "
        "weeks.\n"
    )
    headings = [i.heading for i in split_items([(None, None, text)]) if i.heading]
    assert headings == [
        "EX.36 LAND AT SAMPLE WAY - DISPOSAL",
        "EX.37 STATEMENT OF LICENSING POLICY",
    ]
    result = classify(text, doc_type="decision")
    assert result.is_asset_sale and result.has_consultation is False


@pytest.mark.parametrize(
    ("text", "doc_type", "label", "expected"),
    [
        # Round 11: a named operator taking over the running; a buyer's own consultation.
        (
            "Sample Active Leisure will take over the day-to-day running of the town's two "
            "leisure centres from April under a fifteen-year management agreement.",
            "other",
            OUT,
            True,
        ),
        (
            "The Council has agreed terms to sell the former Civic Centre to Sample Homes. The "
            "developer will submit a planning application and has said it will hold public "
            "consultation events on its designs.",
            "other",
            CONS,
            False,
        ),
        # A call-in that asked again why in-house was not costed states no in-house option.
        (
            "The decision called in was to award places on the Supported Living Framework. "
            "Councillor Sample asked again why in-house expansion had not been costed.",
            "other",
            INH,
            False,
        ),
        # Notices: own-use titles, providers required to staff a control room.
        (
            "UK6: Contract award notice\nSample Council\nRecruitment Advertising and Employer "
            "Brand Services\nDescription: an agency to place job advertisements.\n",
            "procurement",
            OUT,
            False,
        ),
        (
            "Contract Award Notice - Public Contracts Scotland\nSample Council\nTreasury "
            "Management Advisory Services\nII.1.3) Type of contract: Services\n",
            "procurement",
            OUT,
            False,
        ),
        (
            "Opportunity\nPublic Space CCTV Monitoring\nSample Borough Council\nDescription: "
            "The Council requires a provider to staff and run the public space CCTV control "
            "room 24 hours a day.\n",
            "procurement",
            OUT,
            True,
        ),
    ],
)
def test_round11_families(text: str, doc_type: str, label: str, expected: bool) -> None:
    assert getattr(classify(text, doc_type=doc_type), label) is expected


def test_forward_plan_references_without_a_colon() -> None:
    text = (
        "Ref FP/27/041\nSubject: Housing Revenue Account rent setting 2027/28\nDecision maker: "
        "Housing Committee\nDate: 14 April 2027\nOpen/exempt: Open\nConsultees: Tenants' "
        "Panel\n\nRef FP/27/044\nSubject: Future delivery of parking enforcement - "
        "decision whether to re-tender the existing contract or to bring the service "
        "in-house\nDecision maker: Committee\nConsultees: Chair of the Committee\n"
    )
    headings = [i.heading for i in split_items([(None, None, text)]) if i.heading]
    assert headings == ["Ref FP/27/041", "Ref FP/27/044"]
