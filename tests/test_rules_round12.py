"""Round 12 families: wording found in blind held-out sets h37 (council notices), h38 (long
reports), h39 (minutes and forward plans) and h40 (short texts), and h41-h44 after them,
written as general patterns.

Every sentence here is written for these tests (fictional councils, places and firms); each
family has a case that must change and one that must not."""

from __future__ import annotations

import pytest

from monitor import notice_text as NT
from monitor.classify import classify
from monitor.items import split_items
from monitor.text import heading_kind

OUT, SALE, CONS, INH = (
    "is_outsourcing",
    "is_asset_sale",
    "has_consultation",
    "has_inhouse_statement",
)


def _label(text: str, label: str, doc_type: str = "decision") -> bool:
    return bool(getattr(classify(text, doc_type=doc_type), label))


ROUND12_FAMILIES_CASES = [
    # Councils owning a company together (Teckal): the Procurement Act's "vertical
    # arrangement", control "similar to that over their own departments".
    (
        "UK5: Transparency notice\nBuyer: Sampleton District Council\nTitle: Street "
        "Cleansing Services - Award to Sample Services Ltd\nDescription: The Council "
        "intends to award a contract to Sample Services Ltd, a company wholly owned by its "
        "local authority shareholders, over which they exercise control similar to that "
        "over their own departments.\nMain procurement category: Services\nCPV "
        "classifications: 90610000 - Street-cleaning and street-sweeping services\n"
        "Direct award justification: Exempted contract - vertical arrangement",
        OUT,
        False,
        "procurement",
    ),
    (
        "UK5: Transparency notice\nBuyer: Sampleton District Council\nTitle: Street "
        "Cleansing Services - Award to Sample Services Ltd\nDescription: The Council "
        "intends to award a contract to Sample Services Ltd, a private company.\nMain "
        "procurement category: Services\nCPV classifications: 90610000 - Street-cleaning "
        "and street-sweeping services\nDirect award justification: extreme urgency",
        OUT,
        True,
        "procurement",
    ),
    # A template heading with its gloss, filled "Not applicable", consults nobody.
    (
        "Resolved: that the former yard at Mill Road be declared surplus and the Director "
        "be authorised to dispose of the freehold interest at best consideration. "
        "Consultation (customers, partners etc): Not applicable.",
        CONS,
        False,
        "decision",
    ),
    (
        "Resolved: that the former yard at Mill Road be declared surplus and the Director "
        "be authorised to dispose of the freehold interest at best consideration. "
        "Consultation (customers, partners etc): residents of Mill Road were consulted "
        "by letter and 41 replied.",
        CONS,
        True,
        "decision",
    ),
    # A lease of 125 years written as "a leasehold interest ... for a term of".
    (
        "It is recommended that Members approve the grant to Party A of a leasehold "
        "interest in the former Brook Lane depot for a term of 125 years at a premium.",
        SALE,
        True,
        "report",
    ),
    (
        "It is recommended that Members approve the grant to Party A of a leasehold "
        "interest in the former Brook Lane depot for a term of 5 years.",
        SALE,
        False,
        "report",
    ),
    # Consulting the council's own services is not public consultation.
    (
        "Resolved to dispose of the freehold of land at Ash Row at best consideration. "
        "Internal consultation has taken place with Planning, Estates and Legal Services.",
        CONS,
        False,
        "decision",
    ),
    (
        "Resolved to dispose of the freehold of land at Ash Row at best consideration. "
        "Consultation has taken place with residents of Ash Row and with Legal Services.",
        CONS,
        True,
        "decision",
    ),
    # Asking whether land is open space gives no notice.
    (
        "Cabinet approves the grant of a 99-year lease of the Green Lane hall to the "
        "Green Lane Community Association. Officers have considered whether the playing "
        "field is open space for the purpose of section 123(2A); it is not appropriated "
        "as public open space.",
        CONS,
        False,
        "decision",
    ),
    (
        "Cabinet approves the grant of a 99-year lease of the Green Lane hall to the "
        "Green Lane Community Association. Notice of the proposed disposal of open space "
        "was advertised under section 123(2A) and no objections were received.",
        CONS,
        True,
        "decision",
    ),
    # Staff-led social enterprises are spin-outs.
    (
        "Cabinet agreed that from 1 April adult learning is delivered by a new "
        "employee-led social enterprise established by staff of the service.",
        OUT,
        True,
        "decision",
    ),
    (
        "Cabinet noted the annual report of the employee assistance programme.",
        OUT,
        False,
        "decision",
    ),
    # "have not yet been consulted" is a negative.
    (
        "Cabinet agreed to transfer the museum service to the Sampleton Heritage Trust. "
        "Visitors have not yet been consulted on the change of operator.",
        CONS,
        False,
        "decision",
    ),
    # Varying or extending an agreement with the current provider keeps the service out.
    (
        "RESOLVED: (c) approve a variation of the floating support agreement with the "
        "current provider to extend delivery to 31 March 2027.",
        OUT,
        True,
        "decision",
    ),
    (
        "RESOLVED: approve a variation of the section 106 agreement with the developer of "
        "the Mill Lane site.",
        OUT,
        False,
        "decision",
    ),
    # Awards to the highest-scoring tenderer, contracts entered into with a provider,
    # contracts signed: however the award is phrased.
    (
        "The decision called in was to award the recycling bulking, haulage and transfer "
        "contract (Lots 1 and 2) to the highest-scoring tenderer for seven years.",
        OUT,
        True,
        "other",
    ),
    (
        "The Committee agreed (a) that a contract be entered into with the provider "
        "identified in the report for the delivery of care at home in the northern isles.",
        OUT,
        True,
        "decision",
    ),
    (
        "The report proposed that all care at home hours in the valley be delivered by an "
        "external registered provider under a three-year agreement.",
        OUT,
        True,
        "report",
    ),
    (
        "The report proposed that all care at home hours in the valley be delivered by the "
        "Council's own home care team.",
        OUT,
        False,
        "report",
    ),
    (
        "PRESS RELEASE. Sampleshire County Council has signed a new highways term contract "
        "with Example Highways Alliance, which will deliver routine and reactive "
        "maintenance and winter gritting across the county.",
        OUT,
        True,
        "other",
    ),
    # "lands", not only "land".
    (
        "Resolved: (ii) dispose of the lands at Quay Road to the adjoining owner for "
        "£60,000, subject to contract.",
        SALE,
        True,
        "decision",
    ),
    # In-house as leisure writes it: "direct management".
    (
        "Cabinet agreed to award the leisure management contract to Sample Leisure Trust. "
        "Option 1, continued direct management by the Council, was rejected on cost.",
        INH,
        True,
        "decision",
    ),
    # A forward plan's choice between re-letting routes and the council's own fleet.
    (
        "The Executive will be asked to decide between (i) re-letting the school routes "
        "through a new dynamic purchasing system and (ii) expanding the Council's own "
        "passenger transport fleet to operate a larger share of routes.",
        OUT,
        True,
        "forward_plan",
    ),
    (
        "The Executive will be asked to approve the purchase of six minibuses for the "
        "Council's own passenger transport fleet.",
        OUT,
        False,
        "forward_plan",
    ),
    # A forward plan's standing line invites comment on the plan, not on this decision.
    (
        "Ref: KD/26/014. Decision: to re-tender the grounds maintenance contract. "
        "Consultees: Cabinet Member. Anyone wishing to make representations about any of "
        "these matters should contact the officer named.",
        CONS,
        False,
        "forward_plan",
    ),
    # A contract left to expire and the service taken back is insourcing.
    (
        "Decision: 1. That the collection contract with the incumbent contractor be "
        "allowed to expire on 30 June and not be renewed. 2. That collections be delivered "
        "directly by the Council's Neighbourhood Services team.",
        OUT,
        False,
        "decision",
    ),
    # Residents answering a survey, drop-in sessions held: consultation.
    (
        "RESOLVED that Cabinet authorises a procurement for a leisure operator contract. "
        "Over 2,000 residents and centre users answered the Active Sampleton survey, and "
        "three drop-in sessions were held in the town halls.",
        CONS,
        True,
        "decision",
    ),
]


def test_the_councils_own_options_open_a_list_of_options() -> None:
    assert heading_kind("4.1 The review considered four options for the service:") == "options"
    assert heading_kind("The following options were considered:") == "options"
    assert heading_kind("4.1 The Council has considered whether the budget is met.") is None
    text = (
        "Recommendations\nCabinet is recommended to agree that the library service is "
        "transferred to the Sampleton Libraries Trust.\n4. Background\n4.1 The review "
        "considered three options for the service:\n(a) Retain the service within the "
        "Council with a restructure.\n(b) Transfer to the trust (preferred).\n"
    )
    assert _label(text, INH, "report") is True


@pytest.mark.parametrize(
    ("line", "codes"),
    [
        (
            "Industry: Repair and maintenance services - 50000000; Building-repair services - "
            "45453100; Plumbing and sanitary works - 45330000",
            ["50000000", "45453100", "45330000"],
        ),
        (
            "CPV: 70130000-1 Letting services of own property; 70310000-7 Building rental",
            ["70130000", "70310000"],
        ),
    ],
)
def test_a_portals_codes_on_one_line_are_all_read(line: str, codes: list[str]) -> None:
    facts = NT.notice_from_text(["Opportunity\nSample Title\n" + line], None)
    assert [c.code for c in facts.cpvs] == codes


def test_a_long_notice_title_is_still_its_title() -> None:
    title = (
        "Sampleton District Council - Responsive Repairs and Voids (Council Housing) - "
        "Call-off from the Example Housing Repairs and Planned Works Framework 2024-2028, Lot 1"
    )
    facts = NT.notice_from_text([f"UK6: Contract award notice\n{title}\nBuyer: x"], None)
    assert facts.title == title


ROUND12_NOTICE_FAMILIES_CASES = [
    # The council renting offices for itself, even with "customer contact" in the title.
    (
        "eTendersNI - Call for Expressions of Interest\nTitle: Leasing of Office and "
        "Customer Contact Accommodation, Sampletown\nContract type: Services\nCPV: "
        "70130000-1 Letting services of own property\nDescription: The Council wishes to "
        "take a lease of 500 sq m of accommodation for a customer service point.",
        OUT,
        False,
    ),
    (
        "Contract notice\nTitle: Customer Contact Centre Services\nContract type: Services"
        "\nCPV: 79512000 - Call centre\nDescription: Answering residents' calls for the "
        "Council.",
        OUT,
        True,
    ),
    # A portal notice that sells land lets no service; its sale is read.
    (
        "In-Tend | Sampleton Council | Property Disposal\nProject title: Former Depot, "
        "Mill Road - Sale by Informal Tender\nCategory: Land disposal (no CPV - not a "
        "public contract)\nSummary: The Council invites offers for the freehold of a "
        "cleared site declared surplus.\nContact: Property Services",
        OUT,
        False,
    ),
    (
        "In-Tend | Sampleton Council | Property Disposal\nProject title: Former Depot, "
        "Mill Road - Sale by Informal Tender\nCategory: Land disposal (no CPV - not a "
        "public contract)\nSummary: The Council invites offers for the freehold of a "
        "cleared site declared surplus.\nContact: Property Services",
        SALE,
        True,
    ),
    # (Scots law: the heritable interest is the ownership)
    (
        "Public Contracts Scotland - Other notice\nTitle: Offers Invited - Former Roads "
        "Depot, Example Street\nDescription: The Council is inviting offers for the "
        "heritable interest in the site.",
        SALE,
        True,
    ),
    # A community body taking a long lease is a disposal, not the council as tenant.
    (
        "Prior Information Notice\nTitle: Community Asset Transfer - Former Sample Halls\n"
        "Main CPV: 70000000 Real estate services\nDescription: The Council invites community "
        "transfer bodies to submit expressions of interest in taking ownership, or a lease "
        "of up to 99 years, of the former halls.",
        SALE,
        True,
    ),
    # A grant round says no contract is let.
    (
        "Opportunity (Grant)\nTitle: Community Advice Services Grant Programme\nCPV (for "
        "categorisation only): 85321000 - Administrative social services\nDescription: "
        "This is a grant funding opportunity. No contract for services will be awarded.",
        OUT,
        False,
    ),
    # A statutory notice already published consults, whatever happens next.
    (
        "ProContract - Opportunity details\nTitle: Disposal of Land at Sample Recreation "
        "Ground\nCategory: Sale of land - not a procurement\nDescription: The Council "
        "proposes to dispose of 0.2 hectares of open space on a 125-year lease. Notice of "
        "the intention to dispose was published in the Sample Gazette under section "
        "123(2A); objections received by 1 March will be considered by the Cabinet.",
        CONS,
        True,
    ),
]


def test_a_plan_printed_as_a_table_with_references_is_cut_a_row_an_entry() -> None:
    text = (
        "FORWARD PLAN OF KEY DECISIONS\nRef | Decision | Decision maker | Date | Consultation\n"
        "FP/26/031 | Approval of the highways capital programme | Cabinet | 6 March | None\n"
        "FP/26/033 | 12/03/2026 | Home care from April 2027: the Cabinet will be asked to "
        "choose between re-procuring home care and delivering it through the Council's own "
        "home care teams | Cabinet | 20 March | Cabinet Member\n"
        "FP/26/034 | Launch of public consultation on the draft Library Strategy | Cabinet | "
        "17 April | The consultation itself; library user groups\n"
        "FP/26/037 | Business plan of Sample Learning Ltd, a company wholly owned by the "
        "Council | Cabinet | 17 April | Company board\n"
    )
    items = [i for i in split_items([(None, None, text)]) if i.heading]
    assert [i.heading.split(" | ")[0] for i in items] == [
        "FP/26/031",
        "FP/26/033",
        "FP/26/034",
        "FP/26/037",
    ]
    result = classify(text, doc_type="forward_plan")
    # The home-care entry is judged on its own: another entry's company does not block it,
    # and another entry's consultation is not its consultation.
    assert result.is_outsourcing and result.has_inhouse_statement
    assert result.has_consultation is False and result.should_flag


def test_a_tables_keys_are_not_plan_references() -> None:
    text = (
        "Appendix C - Surplus property schedule\nRef | Location | Current use | Status\n"
        "C1 | Former school site | Vacant | Options being assessed\n"
        "C2 | Small land parcels | Let | Subject to review\n"
        "C3 | Former depot | Vacant | Awaiting site investigation\n"
    )
    items = split_items([(None, None, text)])
    assert len(items) == 1 and items[0].heading is None


# Round 14 (h45-h48).
ROUND14_FAMILIES_CASES = [
    # A grant round says it is no procurement, whatever code the portal files it under.
    (
        "Contracts Finder - Opportunity\nSampleton Borough Council\nRural Transport Grant "
        "Scheme\nProcedure: Grant funding - not a procurement\nCPV: 60140000 - "
        "Non-scheduled passenger transport\nDescription: Voluntary groups may apply for "
        "grants towards dial-a-ride minibuses.",
        OUT,
        False,
        "procurement",
    ),
    (
        "Contracts Finder - Opportunity\nSampleton Borough Council\nRural Dial-a-Ride "
        "Service\nProcedure: Open\nCPV: 60140000 - Non-scheduled passenger transport\n"
        "Description: The Council seeks an operator for dial-a-ride minibuses.",
        OUT,
        True,
        "procurement",
    ),
    # "be marketed and sold"; "could potentially be sold" is only a possibility.
    (
        "The Committee agreed (b) that the property be marketed and sold on the open "
        "market at the best price reasonably obtainable.",
        SALE,
        True,
        "decision",
    ),
    (
        "The Council set the rate. An amendment asking officers to identify surplus "
        "property which could potentially be sold was carried; no site has been "
        "identified for disposal.",
        SALE,
        False,
        "decision",
    ),
    # A service re-let to an external contractor, or brought back under the council.
    (
        "Description: To decide whether the grounds maintenance service should be re-let "
        "to an external contractor when the contract ends, or be brought back under the "
        "Council's operational teams.",
        INH,
        True,
        "forward_plan",
    ),
    # Appointing a contractor to clean and maintain public toilets lets a public service.
    (
        "Purpose: To seek approval to appoint a specialist contractor to clean and "
        "maintain the Council's 12 public conveniences. Financial comparison: current "
        "direct service (Council operatives, vehicle, consumables) £200,000 a year.",
        OUT,
        True,
        "report",
    ),
    (
        "Purpose: To seek approval to appoint a specialist contractor to resurface the "
        "car park at the Civic Centre.",
        OUT,
        False,
        "report",
    ),
    # In-house options in other words.
    (
        "Members are asked to approve the award of a contract for advocacy to the "
        "preferred bidder. The option of delivering advocacy through Council-employed "
        "staff was appraised and set aside.",
        INH,
        True,
        "report",
    ),
    (
        "It was RESOLVED to award the waste haulage contract to the preferred bidder. "
        "Council considered why it was not practicable for the Council to run the "
        "inter-island haulage itself.",
        INH,
        True,
        "decision",
    ),
    # Items of a list take their sense from the sentence that leads into it.
    (
        "7.2 Three routes forward were costed: (i) let the concession lapse; (ii) the "
        "Council to employ catering staff directly and run the galleys; (iii) invite "
        "tenders for a five-year catering concession. Recommendation: approve a tender "
        "exercise for a five-year catering concession.",
        INH,
        True,
        "report",
    ),
    (
        "7.2 The catering staff will be employed directly by the new operator. "
        "Recommendation: approve a tender exercise for a five-year catering concession.",
        INH,
        False,
        "report",
    ),
    # Drop-in sessions held, surveys carried out: consultation.
    (
        "It was RESOLVED to award the waste contract to the preferred bidder. Members were "
        "reminded of the drop-in sessions held on the islands in April.",
        CONS,
        True,
        "decision",
    ),
    (
        "Recommendation: approve a tender exercise for a catering concession. A passenger "
        "survey was carried out on all sailings; 300 people replied.",
        CONS,
        True,
        "report",
    ),
    # A service undertaken by a social enterprise is let out.
    (
        "It was resolved that the production and delivery of community meals be undertaken "
        "by the social enterprise named in the report.",
        OUT,
        True,
        "decision",
    ),
    # "No acquisitions or disposals ... are proposed"
    (
        "Capital programme 2025. No acquisitions or disposals of land or buildings are "
        "proposed in this report.",
        SALE,
        False,
        "report",
    ),
    # "transfer ownership of the property ... to the Community Trust"
    (
        "It is recommended that the Council (c) agree to transfer ownership of the "
        "former school, as shown on the plan, to the Sample Community Trust for £1.",
        SALE,
        True,
        "report",
    ),
    # A lead-in that names its consultees on the lines after; an Act's name.
    (
        "2.2 That Cabinet approves the grant of a 125-year lease of the depot to Sample "
        "Homes.\n9.1 Consultation was undertaken with:\n- the local Members;\n- the Head of "
        "Finance.",
        CONS,
        False,
        "report",
    ),
    (
        "2.1 The former school closed following the statutory process under the Schools "
        "(Consultation) (Scotland) Act 2010. (c) agree to transfer ownership of the "
        "former school to the Sample Community Trust for £1.",
        CONS,
        False,
        "report",
    ),
]


def test_numbered_headings_may_hold_a_colon_and_plans_two_letter_sets() -> None:
    minutes = (
        "4 THE FORWARD WORK PROGRAMME\nIt was resolved to note the programme.\n"
        "5 HOMECARE: COMMISSIONING ARRANGEMENTS FROM APRIL 2026\nIt was resolved to tender "
        "domiciliary care in four zones.\n"
        "6 COMMUNITY MEALS SERVICE\nIt was resolved that meals be delivered by the social "
        "enterprise named in the report.\n"
    )
    headings = [i.heading for i in split_items([(None, None, minutes)]) if i.heading]
    assert "5 HOMECARE: COMMISSIONING ARRANGEMENTS FROM APRIL 2026" in headings
    plan = (
        "Item | Matter for decision | Decision taker | Date\n"
        "CC/KD/26/041 | Highways Asset Management Plan 2026-2031 - approval of the plan and "
        "its priorities | EX | 16 Jul\n"
        "CC/KD/26/043 | Former depot, Sample Road - to declare the site surplus and approve "
        "its sale on the open market | EX | 16 Jul\n"
        "CC/KD/26/044 | Draft budget proposals for public consultation from November | EX | "
        "15 Oct\n"
    )
    refs = [i.heading.split(" | ")[0] for i in split_items([(None, None, plan)]) if i.heading]
    assert refs == ["CC/KD/26/041", "CC/KD/26/043", "CC/KD/26/044"]


# Round 15 (h49-h52).
ROUND15_FAMILIES_CASES = [
    # Property put to the market on a portal, in an estate agent's words.
    (
        "Delta eSourcing - Opportunity\nSampleton District Council\nTitle: Former Depot, "
        "Mill Road - offers invited\nCategory: Land and property\nTenure: Freehold, with "
        "vacant possession on completion\nGuide: offers in excess of £400,000",
        SALE,
        True,
        "procurement",
    ),
    (
        "Public Contracts Scotland\nNotice type: Other (property for sale)\nTitle: Former "
        "Sample Primary School\nDetails: The subjects are now offered on the open market. "
        "Offers over £60,000 are invited.",
        SALE,
        True,
        "procurement",
    ),
    # A partner sought to take a ground lease is a buyer, not a provider or a landlord.
    (
        "In-Tend - Sampleton Council\nOpportunity: Expressions of interest - Quay site\n"
        "CPV: 70130000 Letting services of own property\nThe Council is seeking a development "
        "partner to take a 150-year ground lease of the former kiosk and car park at a "
        "premium.",
        SALE,
        True,
        "procurement",
    ),
    (
        "In-Tend - Sampleton Council\nOpportunity: Expressions of interest - Quay site\n"
        "CPV: 70130000 Letting services of own property\nThe Council is seeking a development "
        "partner to take a 150-year ground lease of the former kiosk and car park at a "
        "premium.",
        OUT,
        False,
        "procurement",
    ),
    (
        "The Council wishes to take a lease of 400 sq m of office space in the town centre "
        "for 10 years.",
        SALE,
        False,
        "decision",
    ),
    # "will not be re-let" is a contract left to end, not an award.
    (
        "2.2 That Cabinet agrees that the grounds maintenance services currently provided "
        "under contract will not be re-let when the contract expires, and that they will be "
        "delivered directly by the Council's Neighbourhood Services team.",
        OUT,
        False,
        "report",
    ),
    (
        "2.2 That Cabinet agrees that the grounds maintenance contract will be re-let for "
        "seven years.",
        OUT,
        True,
        "report",
    ),
    # An applicant's own survey is not the council consulting.
    (
        "The Committee agreed to approve the asset transfer request and the transfer of the "
        "heritable title to the Sample Trust for £20,000. The applicant had undertaken its "
        "own community survey, which returned 212 responses.",
        CONS,
        False,
        "decision",
    ),
    # Award of places on a framework.
    (
        "Decision: To award places on the Home Support Flexible Framework to the 14 "
        "providers listed in the annex, for four years.",
        OUT,
        True,
        "decision",
    ),
    # A press release's sale.
    (
        "News release. A buyer has been agreed for the former civic offices. The council's "
        "executive approved the sale to a regional developer at its meeting on Tuesday.",
        SALE,
        True,
        "other",
    ),
    # A consultation page: no decision has been made.
    (
        "Have your say on the future of our leisure centres. We are looking at three ways "
        "forward:\n- keep running the centres ourselves\n- set up a charitable leisure "
        "trust to run them on the Council's behalf\nNo decision has been made.",
        OUT,
        False,
        "other",
    ),
    # Scotland's common good: the proposal published, representations received.
    (
        "1. The Council proposes to sell 0.2 hectares of Common Good land to Sample Housing "
        "Association. 2. The proposal was published under section 104 of the Community "
        "Empowerment (Scotland) Act 2015. 3. Eleven representations were received.",
        CONS,
        True,
        "report",
    ),
    # A council service named after communities is not the public.
    (
        "Recommendation: award the school transport contracts listed in Appendix 1. The "
        "Community Planning and Development Service and head teachers were consulted on "
        "route timings.",
        CONS,
        False,
        "report",
    ),
    # A notice's title field names the service: "Contract:", "Running of ... Park".
    (
        "UK7: Contract details notice\nBuyer: Sampleton Borough Council\nContract: "
        "Responsive repairs and voids to council homes\nMain category: Services\nCPV: "
        "50700000 Repair and maintenance services of building installations",
        OUT,
        True,
        "procurement",
    ),
    (
        "eTendersNI\nNotice type: Tender notice (UK4) - Concession\nAuthority: Sampleton "
        "Council\nTitle: Running of Sample Holiday and Touring Park\nCPV: 55220000-4 "
        "Camping-site services; 55221000-1 Caravan-park services\nThe operator will take "
        "bookings and keep the park open to the public.",
        OUT,
        True,
        "procurement",
    ),
]


# Round 16 (h53-h56).
ROUND16_FAMILIES_CASES = [
    # A resolution written "That ... be delivered directly by the Council's team" keeps
    # the service in-house, whatever the reasons say about re-letting.
    (
        "Decision:\nThat on expiry of the current grounds maintenance contract the service "
        "be delivered directly by the Council's Street Scene team.\nReasons for the "
        "decision:\nA comparison of the tendered cost of re-letting the contract against "
        "the cost of direct delivery showed direct delivery would save money.",
        OUT,
        False,
        "decision",
    ),
    # A contract left to expire beside a service taken back: each blocker judged on its
    # own sentence.
    (
        "Decision: 1. That the collection contract with the incumbent contractor be allowed "
        "to expire and not be renewed. 2. That from 1 July collections be delivered directly "
        "by the Council's Neighbourhood Services team.",
        OUT,
        False,
        "decision",
    ),
    # Appointments written as nouns and passives.
    (
        "Decision: Members approved the appointment of Sample Monitoring Ltd to provide the "
        "public space CCTV monitoring service for four years.",
        OUT,
        True,
        "decision",
    ),
    (
        "Decision: Cabinet agreed that a delivery partner be appointed to run the "
        "employability support programme for three years.",
        OUT,
        True,
        "decision",
    ),
    (
        "Alternative options considered: Staffing the control room directly with Council "
        "employees was assessed and rejected on cost. Decision: approve the appointment of "
        "Sample Monitoring Ltd to provide the CCTV monitoring service.",
        INH,
        True,
        "decision",
    ),
    # "operators be invited to submit prices", "exercise the option ... to continue the
    # arrangement with the present operator", "procure a new collection contract"
    (
        "It is recommended that the Committee (c) agree that operators be invited to submit "
        "prices for each bus and school transport route for five years.",
        OUT,
        True,
        "report",
    ),
    (
        "The Executive agrees to: c) exercise the option in the recycling sites contract to "
        "continue the arrangement with the present operator to March 2028.",
        OUT,
        True,
        "decision",
    ),
    (
        "Members will be asked to choose between tendering a new contract for the "
        "southern isles and transferring the hours into the Comhairle's own Home Care "
        "Service.",
        INH,
        True,
        "forward_plan",
    ),
    # A notice conditional on a parcel being open space consults on nothing yet.
    (
        "Decision: 1. Approved the disposal of 27 small parcels of land at best "
        "consideration. 2. Where any parcel is found to be open space, the Director will "
        "advertise the intention to dispose under section 123(2A).",
        CONS,
        False,
        "decision",
    ),
    # Others' consultation, people only informed.
    (
        "Recommendation: grant a 125-year ground lease of land at the harbour to Sample "
        "Seafarms Ltd. Any consultation on the marine licence will be carried out by the "
        "relevant authorities and is outwith the scope of this report. The harbour users' "
        "representative was informed at the Port Users Group.",
        CONS,
        False,
        "report",
    ),
    # A waste "transfer building" is a building, not a transfer of land.
    (
        "Summary: The Council needs a lead designer for a new transfer building, "
        "weighbridge and vehicle wash at the Sample waste site.",
        SALE,
        False,
        "procurement",
    ),
]


def test_a_moderngov_plan_page_is_cut_an_entry_a_title() -> None:
    plan = (
        "Notice of Key Decisions - Executive\n\n"
        "Highways Resurfacing Programme\nDecision maker: Executive\nDecision due: 13 Mar 2025"
        "\nConsultation process: Ward Members; Town and Parish Councils\n\n"
        "Leisure strategy refresh\nDecision maker: Executive\nDecision due: Apr 2025\n"
        "Summary: To adopt the refreshed leisure strategy after public consultation.\n"
        "Consultation process: Public consultation held autumn 2024\n\n"
        "Former annexe, Sample Road - declaration as surplus and sale\nDecision maker: "
        "Executive\nDecision due: 10 Apr 2025\nSummary: The Executive will be asked to declare "
        "the site surplus and authorise its freehold sale on the open market.\n"
        "Consultation process: Ward Members\n"
    )
    headings = [i.heading for i in split_items([(None, None, plan)]) if i.heading]
    assert headings == [
        "Highways Resurfacing Programme",
        "Leisure strategy refresh",
        "Former annexe, Sample Road - declaration as surplus and sale",
    ]
    result = classify(plan, doc_type="forward_plan")
    # The sale's own entry names ward members only: another entry's consultation is not its.
    assert result.is_asset_sale and result.has_consultation is False and result.should_flag


# Round 17 (h57-h60).
ROUND17_FAMILIES_CASES = [
    # Surveys named after the public, with their response counts; drop-in events at places.
    (
        "Decision: a) approved a two-year extension of the leisure management contract. "
        "Reasons: the 2023 Active Lives residents' leisure survey (2,134 respondents) showed "
        "high satisfaction.",
        CONS,
        True,
        "decision",
    ),
    (
        "The Committee agreed to award the supported bus contracts. The network was "
        "redesigned after the Rural Transport Survey, in which 1,470 residents and "
        "passengers took part, and after drop-in events in Callander and Killin.",
        CONS,
        True,
        "decision",
    ),
    (
        "The Committee agreed to award the supported bus contracts. A survey of operators' "
        "costs, in which 12 operators took part, informed the budget.",
        CONS,
        False,
        "decision",
    ),
    # A dedicated council team as the in-house option.
    (
        "Alternative options considered: a dedicated Council catering team would cost "
        "approximately £94k a year more than the concession model and was not recommended. "
        "Decision: approve a procurement exercise for a concession contract for on-board "
        "catering.",
        INH,
        True,
        "decision",
    ),
    # Appointing a named firm "as its delivery partner".
    (
        "RESOLVED: (a) That the Council appoints Sample Landscapes Ltd as its delivery "
        "partner for grass cutting and cemetery grounds work for fifteen years.",
        OUT,
        True,
        "decision",
    ),
    # A contract procured for a service named later in the sentence.
    (
        "It is recommended: 2.3. That the Director be authorised to procure a single "
        "contract for the cleaning, consumables supply and servicing of the 22 public "
        "conveniences listed at Appendix 1.",
        OUT,
        True,
        "report",
    ),
    (
        "It is recommended: 2.3. That the Director be authorised to procure a single "
        "contract for the resurfacing of the car parks listed at Appendix 1.",
        OUT,
        False,
        "report",
    ),
    # "No public consultation ... on the lease": other matters' consultation is not its.
    (
        "b) approves the grant of a 125-year lease of the Riverside car park to Sample "
        "Hotels Ltd. 2.1 The castle gardens works were informed by a public survey and "
        "drop-in sessions in 2024. 7.1 No public consultation has been undertaken by the "
        "Council on the lease.",
        CONS,
        False,
        "report",
    ),
    (
        "b) approves the grant of a 125-year lease of the Riverside car park to Sample "
        "Hotels Ltd. 7.1 A public survey on the lease was held and 300 residents replied.",
        CONS,
        True,
        "report",
    ),
]


def test_a_notice_that_denies_consultation_on_its_own_sale_is_read_whole() -> None:
    # (a notice's consultation check keeps hits of its own: the denial is read beside them)
    text = (
        "Delta eSourcing - Opportunity\nTitle: Former Depot - offers invited\nTenure: Freehold, "
        "with vacant possession\nThe site was the subject of residents' drop-in sessions held "
        "in 2023 on the masterplan. No public consultation has been undertaken on the sale."
    )
    result = classify(text, doc_type="procurement")
    assert result.is_asset_sale and result.has_consultation is False


# Round 18 (h61-h64).
ROUND18_FAMILIES_CASES = [
    (
        "Decision: That the Executive approves use of the two-year extension option within "
        "the Highways Term Maintenance contract, taking the end date to 31 March 2028.",
        OUT,
        True,
        "decision",
    ),
    (
        "Decision: Committee authorised officers to invite tenders for a three-year cleaning "
        "and attendant contract for the 14 public toilets.",
        OUT,
        True,
        "decision",
    ),
    (
        "Decision: To enter into an agreement with a registered social landlord under which "
        "it will staff and run Sample House as a 28-bed emergency accommodation project.",
        OUT,
        True,
        "decision",
    ),
    (
        "Agreed: (a) that from 1 April day-to-day operation, programming and staffing of the "
        "Sample Centre pass to Sample Active CIC, an independent social enterprise, under a "
        "ten-year management agreement.",
        OUT,
        True,
        "decision",
    ),
    (
        "The Committee AGREED:\n2.1 that the Council's three children's houses be operated "
        "from 1 January by Sample Care Ltd under a five-year arrangement;\n2.3 to note that "
        "continuing to staff the houses directly has not been sustainable: agency spend "
        "reached £1.9m.",
        INH,
        True,
        "decision",
    ),
    (
        "Purpose: To approve the commissioning plan and the tender of day opportunities in "
        "three towns through a dynamic purchasing system. Engagement: people attending day "
        "services, their families and carers took part in 14 conversations and a survey.",
        CONS,
        True,
        "forward_plan",
    ),
    (
        "Agreed that the strip of land at Shore Road be declared surplus to Council "
        "requirements, and that it be sold to the adjoining owner at the value assessed.",
        SALE,
        True,
        "decision",
    ),
    (
        "Decision: To take a five-year lease of Suite 3, Sample House from a private landlord. "
        "Reasons: The former offices were sold in 2021 and staff need a local base.",
        SALE,
        False,
        "decision",
    ),
]


ROUND18_NOTICE_FAMILIES_CASES = [
    # A portal notice that gives the statutory open-space notice consults.
    (
        "Proactis Opportunities - Sampleton District Council\nTitle: Land at Sample Road - "
        "Disposal of Amenity Open Space\nType: Property disposal\nNotice is given under "
        "section 123(2A) of the Local Government Act 1972 that the Council intends to dispose "
        "of the land by sale of the freehold. Any objections must be made in writing.",
        CONS,
        True,
    ),
    # The council renting offices: "Leasehold Office ... Accommodation".
    (
        "Atamis - Sampleton Council - Opportunity Notice\nTitle: Requirement for Leasehold "
        "Office and Customer Access Accommodation - Sampletown\nCategory: Services\n"
        "Description: The Council wishes to take a lease of 450 sq m of office space.",
        OUT,
        False,
    ),
]


# Round 19 (h65-h68).
ROUND19_FAMILIES_CASES = [
    (
        "Decision: To grant Sample Group an option to acquire the Council's freehold "
        "interest in 1.9 hectares at Sample Way for affordable housing.",
        SALE,
        True,
        "decision",
    ),
    (
        "Decision: (i) agree to lease office space from Sample Estates; (iii) note that no "
        "part of the Council's estate is to be sold as a consequence.",
        SALE,
        False,
        "decision",
    ),
    (
        "Resolved: That Cabinet agrees that the Council enters into a single long-term "
        "partnership for highway maintenance and street lighting with a private-sector "
        "partner selected through competitive dialogue. Options considered: Option 3 - "
        "return the services to direct Council delivery: discounted on cost.",
        INH,
        True,
        "decision",
    ),
    (
        "Options: Option A: extend the existing recycling centres contract (recommended). "
        "Option B: return operation to the Council - previously assessed and not "
        "recommended. Recommendation: That Members approve the extension of the contract.",
        INH,
        True,
        "report",
    ),
    (
        "CONSULTATION ON PROPOSED DISPOSAL OF COMMON GOOD PROPERTY. The Council proposes to "
        "sell the former Sample Hall. Representations may be made by any person by 1 May.",
        CONS,
        True,
        "notice",
    ),
]


ROUND19_H66_FAMILIES_CASES = [
    # h66: a service "secured from an external provider"; land placed on the market; a
    # library building (not its service) leased to a trust.
    (
        "It is recommended: 2.3. That the cleaning and servicing of the 19 facilities be "
        "secured from an external provider for three years.",
        OUT,
        True,
        "report",
    ),
    (
        "6.2 That officers be authorised to appoint an agent, to place the lands on the open "
        "market subject to a development brief.",
        SALE,
        True,
        "report",
    ),
    (
        "1. To approve the transfer of the former library and museum building, Bridge "
        "Street, to the Sample Old Library Trust by way of a 35-year lease at a peppercorn.",
        OUT,
        False,
        "report",
    ),
    (
        "1. To approve the transfer of the library service to the Sample Libraries Trust "
        "from 1 April.",
        OUT,
        True,
        "report",
    ),
]


# Round 20 (h69-h72).
ROUND20_FAMILIES_CASES = [
    (
        "RESOLVED that (i) the providers listed at Appendix 1 be admitted to the Home Care "
        "Framework for the four localities for three years.",
        OUT,
        True,
        "decision",
    ),
    (
        "Members agreed that Lot 2 (receipt and processing of kerbside recyclables) go to "
        "the most economically advantageous tenderer for three years.",
        OUT,
        True,
        "decision",
    ),
    (
        "The Committee noted the annual report of Sample Leisure Ltd, the Council's wholly "
        "owned company. Reasons: to scrutinise the company under the service contract "
        "awarded in 2020.",
        OUT,
        False,
        "report",
    ),
    (
        "The Committee RESOLVED to market the former school for sale. In June officers held "
        "a drop-in at the village hall, attended by 64 residents.",
        CONS,
        True,
        "decision",
    ),
]


AFTER_ROUND20_FAMILIES_CASES = [
    # After round 20, from h70 and h72 (scored at first sight in round 20).
    # A recommendations heading lettered and glossed: "A – Recommendation/s and reason/s".
    (
        "A – Recommendation/s and reason/s\nThe Executive is asked to:\nR2 award the contract "
        "for the cleaning and minor maintenance of the public conveniences to Sample "
        "Services Ltd.\n\nB – Background\n",
        OUT,
        True,
        "report",
    ),
    (
        "3.2 That Cabinet approves a variation to the agreement with Sample Business "
        "Solutions Ltd so that the company carries out council tax account maintenance.",
        OUT,
        True,
        "report",
    ),
    (
        "3.2 That Cabinet approves a variation to the agreement with Sample Homes Ltd on "
        "the timing of the section 106 payments.",
        OUT,
        False,
        "report",
    ),
    (
        "Resolved: that the leisure contract be awarded to Sample Leisure Trust. Reasons: the "
        "business case modelled direct council operation of all four centres.",
        INH,
        True,
        "decision",
    ),
    (
        "1. The Committee is asked to approve the sale of an area of 310 square metres of "
        "amenity ground to the owners of 17 Sample Crescent at market value.",
        SALE,
        True,
        "report",
    ),
    (
        "1. That a management concession for the two markets be procured. 2. That the "
        "Director be authorised to evaluate bids and award the concession. Option 1, retaining "
        "management within the Council's Economic Development team, was appraised and not "
        "recommended. A shopper questionnaire at both markets (406 responses) set the "
        "priorities.",
        CONS,
        True,
        "decision",
    ),
]


# Every family above: a sentence that must change and one that must not, each with the label
# it is about, the answer, and the kind of record it is read as.
@pytest.mark.parametrize(
    ("text", "label", "expected", "doc_type"),
    [
        *ROUND12_FAMILIES_CASES,
        *ROUND14_FAMILIES_CASES,
        *ROUND15_FAMILIES_CASES,
        *ROUND16_FAMILIES_CASES,
        *ROUND17_FAMILIES_CASES,
        *ROUND18_FAMILIES_CASES,
        *ROUND19_FAMILIES_CASES,
        *ROUND19_H66_FAMILIES_CASES,
        *ROUND20_FAMILIES_CASES,
        *AFTER_ROUND20_FAMILIES_CASES,
    ],
)
def test_families(text: str, label: str, expected: bool, doc_type: str) -> None:
    assert _label(text, label, doc_type) is expected


@pytest.mark.parametrize(
    ("text", "label", "expected"),
    [*ROUND12_NOTICE_FAMILIES_CASES, *ROUND18_NOTICE_FAMILIES_CASES],
)
def test_notice_families(text: str, label: str, expected: bool) -> None:
    assert _label(text, label, "procurement") is expected
