"""Round 39 families: wording found in blind held-out sets h147–h150 (long reports as PDF text,
long minutes, notices, short decision records), written as general patterns.

Every sentence here is written for these tests (fictional councils, places and firms); each
family has a case that must change and one that must not."""

from __future__ import annotations

import pytest
from rule_labels import CONS, INH, OUT, SALE, assert_label

from monitor.classify import classify
from monitor.items import split_items

_AWARD = (
    "Decision\n1.1 To award the supported living contract to Sample Support Ltd for three years. "
)

FAMILIES = [
    # A named firm engaged to deliver a service on the council's behalf, however long the
    # description of the service between.
    (
        "Decision\nTo engage Sample Pest Solutions Ltd to deliver rat, mouse, wasp and bedbug "
        "treatments to domestic premises on the Council's behalf from 1 April.",
        OUT,
        True,
        "decision",
    ),
    (
        "Decision\nTo engage Sample Pest Solutions Ltd to advise on rat, mouse, wasp and bedbug "
        "treatments at the depot.",
        OUT,
        False,
        "decision",
    ),
    # Council staff moving under TUPE to the firm the contract is with.
    (
        "Decision\n(b) That the Director be authorised to conclude a call-off contract with "
        "Sample Business Services Ltd for seven years and to manage the TUPE transfer of "
        "affected staff.",
        OUT,
        True,
        "decision",
    ),
    (
        "Decision\n(b) That the Director be authorised to manage the TUPE transfer of affected "
        "staff from Sample Business Services Ltd to the Council.",
        OUT,
        False,
        "decision",
    ),
    # A contract named at length, awarded to a named firm (a call-in that lets it stand).
    (
        "The Committee considered the call-in of the decision to award the Civil Parking "
        "Enforcement and Penalty Notice Processing contract to Sample Kerbside Ltd.\nRESOLVED - "
        "That the call-in be not upheld.",
        OUT,
        True,
        "other",
    ),
    (
        "The Committee considered the call-in of the decision to award grants to Sample "
        "Kerbside Ltd.\nRESOLVED - That the call-in be not upheld.",
        OUT,
        False,
        "other",
    ),
    # An operator of a service is no goods, whatever fee it pays the council.
    (
        "Resolved: That it be recommended to Council to appoint Sample Market Ventures Ltd as "
        "operator of the Sampleton Sunday Markets under a five-year concession agreement, the "
        "operator paying the Council a fixed annual licence fee.",
        OUT,
        True,
        "decision",
    ),
    (
        "Resolved: That the Council renew the software licence for the markets booking system "
        "for five years.",
        OUT,
        False,
        "decision",
    ),
    # A council unit named after its fleet is the in-house option, not goods bought.
    (
        "Decision: Whether, when the operating agreement ends, to seek a new operator for "
        "Sampleton Dial-a-Ride through open tender, or to fold the service into the Council's "
        "Fleet and Passenger Transport Unit.",
        OUT,
        True,
        "forward_plan",
    ),
    (
        "Decision: Whether to buy twelve new minibuses for the Council's Fleet and Passenger "
        "Transport Unit.",
        OUT,
        False,
        "forward_plan",
    ),
    # In-house options in new words.
    (
        _AWARD + "2.2 The Council's own Learning Disability Provider Services were asked to price "
        "the package, but the directly-delivered route was set aside on cost.",
        INH,
        True,
        "decision",
    ),
    (
        _AWARD + "2.2 Three framework providers were asked to price the package.",
        INH,
        False,
        "decision",
    ),
    (
        _AWARD + "Options considered\n2. Return monitoring to a Council-staffed control room - "
        "rejected on cost.",
        INH,
        True,
        "decision",
    ),
    (
        _AWARD + "Reasons\nRecreating the post, with a vehicle and storage, was estimated at "
        "£58,000 a year and was therefore not pursued.",
        INH,
        True,
        "decision",
    ),
    (
        _AWARD + "Reasons\nRecreating the website was estimated at £8,000 a year.",
        INH,
        False,
        "decision",
    ),
    (
        _AWARD + "Table 2 - Options\nOption A: Retain within the Council's Business Support "
        "Centre - net cost £3.9m a year. Not recommended.",
        INH,
        True,
        "decision",
    ),
    (
        _AWARD + 'The Cabinet Member said: "We looked very hard at keeping the service under '
        'direct council management, and it would mean closing two branches."',
        INH,
        True,
        "other",
    ),
    # Service users meeting commissioners is consultation; a request that people be consulted
    # is not; nor a template line that consultation was done "as required".
    (
        _AWARD + "2.3 Tenants, their families and advocates met with commissioners on three "
        "occasions.",
        CONS,
        True,
        "decision",
    ),
    (
        _AWARD + "2.3 The provider and the landlord met with commissioners on three occasions.",
        CONS,
        False,
        "decision",
    ),
    (
        _AWARD + "Councillor Hirst asked that the decision be referred back so that local people "
        "could be consulted.",
        CONS,
        False,
        "decision",
    ),
    (
        _AWARD + "Appropriate consultation has been undertaken and advice sought on these issues "
        "as required.",
        CONS,
        False,
        "decision",
    ),
    (
        _AWARD + "Appropriate consultation has been undertaken with tenants and their families.",
        CONS,
        True,
        "decision",
    ),
    (
        "Decision\n1. To extend the floating support contracts for 18 months.\n11. Consultation "
        "with people who use the service will form part of the recommissioning exercise in "
        "2027.",
        CONS,
        False,
        "decision",
    ),
    (
        "Decision\n1. To extend the floating support contracts for 18 months.\n11. People who "
        "use the service will be consulted on the extension during April.",
        CONS,
        True,
        "decision",
    ),
    # A councillor told of a sale who "raised no objection" is no open-space notice.
    (
        "Decision\n(b) To approve the disposal of the freehold of the former depot by auction.\n"
        "The local member had been informed of the intention to dispose of the site and had "
        "raised no objection.",
        CONS,
        False,
        "decision",
    ),
    (
        "Decision\n(b) To approve the disposal of the freehold of the former depot by auction.\n"
        "Notice of the intention to dispose of the open space was advertised and no objections "
        "were received.",
        CONS,
        True,
        "decision",
    ),
    # Freehold passed to another body, a plan reference between.
    (
        "Decision\nThat the freehold of the public conveniences at Church Street, Sampleton "
        "(shown edged red on the plan at Appendix 1) be passed to Sampleton Town Council for nil "
        "consideration.",
        SALE,
        True,
        "decision",
    ),
    (
        "Decision\nThat the management of the public conveniences at Church Street, Sampleton "
        "(shown on the plan at Appendix 1) be passed to the Streetscene team.",
        SALE,
        False,
        "decision",
    ),
    (
        "Decision\nTo enter into an agreement with Sampleton Town Council for the upkeep of the "
        "cemetery. No interest in land is being disposed of.",
        SALE,
        False,
        "decision",
    ),
]


@pytest.mark.parametrize(("text", "label", "expected", "doc_type"), FAMILIES)
def test_families(text: str, label: str, expected: bool, doc_type: str) -> None:
    assert_label(text, label, expected, doc_type)


_VALUATION = (
    "UK4: Tender notice\nSampleton Borough Council\nEstates Support 2026-2029\nDescription: The "
    "Council requires a firm to undertake valuations of its land and property portfolio for its "
    "own purposes, comprising (a) annual asset valuations for the Statement of Accounts on a "
    "five-year rolling programme; (b) valuations of the housing stock; (c) ad hoc advice, "
    "including best consideration reports under section 123 {where} the disposal of land.\n"
    "Main procurement category: Services\nCPV classifications: {cpv}"
)


@pytest.mark.parametrize(
    ("where", "cpv", "expected"),
    [
        # advice bought for the council's own use sells nothing, however it names disposals
        ("where the Council decides on", "79419000 - Evaluation consultancy services", False),
        ("where the Council is considering", "70000000 - Real estate services", False),
        # a letting of the council's own property is still read from its words
        ("where the Council decides on", "70130000 - Letting services of own property", True),
    ],
)
def test_advice_on_disposals_bought_in_a_notice(where: str, cpv: str, expected: bool) -> None:
    c = classify(_VALUATION.format(where=where, cpv=cpv), doc_type="procurement")
    assert c.is_asset_sale is expected


_FIFE = (
    "406. SAMPLE RESOURCE SOLUTIONS - BUSINESS PLAN\nThe Committee considered a report by the "
    "Executive Director seeking approval of the business plan of Sample Resource Solutions LLP, "
    "the Council's wholly owned arm's length external organisation which operates the Council's "
    "recycling centres.\nThe report advised that the company was wholly owned by the Council, "
    "which exercised control over it comparable to that which it exercised over its own "
    "departments.\nDecision\nThe Committee agreed to extend the Operating Agreement between the "
    "Council and Sample Resource Solutions LLP to 2034."
)


def test_a_report_considered_about_a_council_owned_company() -> None:
    # "considered a report" and the Teckal test are no options: the company is the council's.
    c = classify(_FIFE, doc_type="decision")
    assert not c.is_outsourcing and "council_controlled_body" in c.signals


_MARKET_TEST = (
    "Decision\n1. Agreed to award the contract for grounds maintenance to the highest scoring "
    "bidder.\nIn July Cabinet had agreed that the future delivery of grounds maintenance be "
    "{how} the in-house service."
)


@pytest.mark.parametrize(
    ("how", "expected"), [("market tested against", True), ("returned to", False)]
)
def test_a_market_test_against_the_in_house_service(how: str, expected: bool) -> None:
    # measured against the in-house service is no insourcing; returned to it is
    assert classify(_MARKET_TEST.format(how=how), doc_type="decision").is_outsourcing is expected


def _minutes(private_heading: str) -> str:
    items = [
        ("101. Minutes", "The minutes of the meeting held on 12 February were approved."),
        ("102. Performance Report", "RESOLVED: That Cabinet noted the performance report."),
        (
            "110. Grounds Maintenance Services - Award of Contract",
            "The Portfolio Holder introduced the report. The in-house service had produced a "
            "costed Public Sector Comparator. The specification had been informed by a "
            "residents' survey with 1,384 responses.\nRESOLVED: That Cabinet agreed to award the "
            "contract for Grounds Maintenance Services to the highest scoring bidder.",
        ),
        ("113. Exclusion of the Press and Public", "RESOLVED: That the press be excluded."),
        (private_heading, "RESOLVED: That Cabinet noted the exempt appendix."),
    ]
    return "\n\n".join(f"{heading}\n\n{body}" for heading, body in items)


@pytest.mark.parametrize(
    ("heading", "joined"),
    [
        ("114. Grounds Maintenance Services - Award of Contract (Exempt Appendix)", True),
        ("114. Grounds Maintenance Services - Award of Contract - Part 2", True),
        ("114. Leisure Services - Award of Contract (Exempt Appendix)", False),
    ],
)
def test_the_exempt_part_of_an_item_joins_it(heading: str, joined: bool) -> None:
    text = _minutes(heading)
    items = split_items([(None, None, text)])
    headings = [item.heading or "" for item in items]
    assert any(h.startswith("114.") for h in headings) is not joined
    c = classify(text, doc_type="decision")
    # the matter is judged on all its text (consulted and appraised): no flag; an exempt
    # part left on its own only notes its appendix
    assert c.is_outsourcing and not c.should_flag
