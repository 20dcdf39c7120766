"""Round 40 families: wording and structure found in blind held-out sets h151–h154 (long
reports deciding by reference, long minutes in many styles, short records of uncommon services
and assets, notices), written as general patterns.

Every sentence here is written for these tests (fictional councils, places and firms); each
family has a case that must change and one that must not."""

from __future__ import annotations

import pytest
from rule_labels import CONS, INH, OUT, SALE, assert_label

from monitor.classify import classify
from monitor.items import split_items

FAMILIES = [
    # In-house delivery by the council's own workforce, put beside re-letting.
    (
        "Nature of the decision: To decide whether the careers service should be re-let to an "
        "external provider when the contract ends, or whether it should be delivered from "
        "September by the Council's own Children's Services workforce.",
        INH,
        True,
        "forward_plan",
    ),
    (
        "Nature of the decision: To decide whether the careers service should be re-let to an "
        "external provider when the contract ends in September.",
        INH,
        False,
        "forward_plan",
    ),
    # "Not considered best value" is a reason against in-house, not a gap.
    (
        "Decision\n1.1 Approve the award of a contract for out of hours call handling to Sample "
        "Response Ltd.\n3.3 Keeping the service in-house was therefore not considered best "
        "value.",
        INH,
        True,
        "report",
    ),
    (
        "Decision\n1.1 Approve the award of a contract for out of hours call handling to Sample "
        "Response Ltd.\n3.3 Keeping the service in-house was not considered.",
        INH,
        False,
        "report",
    ),
    # An option to purchase granted to a buyer; an exchange of the council's freehold.
    (
        "Decision:\nThe Cabinet Member agrees to the grant of an option to purchase the former "
        "garage site at Sample Lane to Sample Homes Ltd at a purchase price of £640,000.",
        SALE,
        True,
        "decision",
    ),
    (
        "Decision:\nThe Cabinet Member agrees to the grant of an option to purchase the former "
        "garage site at Sample Lane to the Council at a purchase price of £640,000.",
        SALE,
        False,
        "decision",
    ),
    (
        "Resolved:\n(1) That approval be given to the exchange of the Council's freehold "
        "interest in the former allotment overflow land for the freehold of land at Sample Road.",
        SALE,
        True,
        "decision",
    ),
    # An operator procured for a harbour is a service let; a works and supply contract is not.
    (
        "Proposed decision: To seek approval to procure an external operator to manage the "
        "visitor marina pontoons, berthing bookings and fuel sales at Sampleton harbour for a "
        "concession period of up to 10 years.",
        OUT,
        True,
        "forward_plan",
    ),
    (
        "Proposed decision: To seek approval to procure fuel for the harbour vessels for up to "
        "10 years.",
        OUT,
        False,
        "forward_plan",
    ),
    (
        "DECISION:\n1. To award a works and supply contract for the design, supply, installation "
        "and commissioning of two replacement cremators at Sampleton Crematorium to Sample "
        "Furnaces Ltd.",
        OUT,
        False,
        "decision",
    ),
    # "Public consultation: Not required" is no consultation.
    (
        "Decision\nTo declare the former school surplus and to sell the freehold by informal "
        "tender.\n6. Public consultation: Not required for a disposal of this nature.",
        CONS,
        False,
        "decision",
    ),
    # A consultation asked for in an amendment or motion is not held.
    (
        "RESOLVED - That the contract for revenues and benefits be awarded to Sample Services "
        "Ltd.\nCouncillor A moved, and Councillor B seconded, an amendment that the decision be "
        "deferred for three months to allow a public consultation on the proposal.",
        CONS,
        False,
        "decision",
    ),
    (
        "RESOLVED - That the contract for revenues and benefits be awarded to Sample Services "
        "Ltd.\nA twelve-week public consultation on the proposal was held and 640 residents "
        "responded.",
        CONS,
        True,
        "decision",
    ),
    # A team transferred to a firm is no property transferred.
    (
        "Decision\nThe cleaning contract for the corporate buildings be awarded to Sample Clean "
        "Ltd. She said that bringing all sites into a single contract meant that the in-house "
        "team would be transferred to a private company.",
        SALE,
        False,
        "decision",
    ),
    # A minute that only notes, or only defers, decides no sale.
    (
        "40 BUDGET MONITORING\nThe Committee noted the forecast outturn. The update recorded "
        "that the sale of the former depot had completed for £612,000.\nRESOLVED that the budget "
        "monitoring position be noted.",
        SALE,
        False,
        "decision",
    ),
    (
        "10. Sample Depot – Future Options\nThe Cabinet had been due to consider a report on "
        "options for the depot, including retention for operational use and disposal of part "
        "of the site.\nThe Cabinet agreed to defer consideration of the report to February.",
        SALE,
        False,
        "decision",
    ),
    (
        "10. Sample Depot – Disposal\nThe Cabinet considered a report on the disposal of part "
        "of the depot site.\nRESOLVED that the disposal of part of the site be approved and the "
        "item on the remainder be deferred.",
        SALE,
        True,
        "decision",
    ),
]


@pytest.mark.parametrize(("text", "label", "expected", "doc_type"), FAMILIES)
def test_families(text: str, label: str, expected: bool, doc_type: str) -> None:
    assert_label(text, label, expected, doc_type)


_OPTIONS = (
    "1.2 The Committee is recommended to:\n1.2.1 Agree Option ({chosen}) as described in "
    "section 3, for the provision of home to school transport routes from August.\n3 "
    "Discussion\n3.4 Option (a) – extend the existing contracts by a further twelve months. "
    "Option (a) is not recommended.\n3.5 Option (c) – bring a greater proportion of routes into "
    "the Council's own fleet of minibuses.\n3.6 Option (b) – re-tender all contracted home to "
    "school transport routes through a dynamic purchasing system."
)


@pytest.mark.parametrize(("chosen", "expected"), [("b", True), ("c", False)])
def test_a_lettered_option_in_brackets_chosen(chosen: str, expected: bool) -> None:
    c = classify(_OPTIONS.format(chosen=chosen), doc_type="report")
    assert c.is_outsourcing is expected
    # the options not chosen are set aside, never quoted as the decision
    quotes = [e.quote for e in c.evidence if e.label == OUT]
    assert not any("Option (a)" in q for q in quotes)


_TRADING_COMPANY = (
    "RECOMMENDATIONS\n1. Approves the award of the Leisure Management Contract to the bidder "
    "ranked first (Bidder B) for ten years.\n1.2 The appraisal compared four management "
    "options:\n(a) in-house management by the Council;\n{item}\n(c) an externally procured "
    "leisure operator."
)


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        ("(b) a new local authority trading company wholly owned by the Council;", True),
        # a decision's own item opens with a verb
        ("(b) Agrees that the operator be a company wholly owned by the Council;", False),
    ],
)
def test_an_option_named_in_a_list_is_no_council_company(item: str, expected: bool) -> None:
    c = classify(_TRADING_COMPANY.format(item=item), doc_type="report")
    assert c.is_outsourcing is expected


_BUDGET = (
    "3. Recommendations\n3.2 That Council approves the savings and income proposals set out "
    "in Appendix 3 ({lines}), and authorises the Strategic Directors to implement them.\n"
    "5. Background\n5.1 The budget has been developed through member workshops and scrutiny "
    "of the options available to close the funding gap, which is the largest the Council has "
    "faced in a decade and follows three years of reductions in grant.\n"
    "7. Savings proposals\n7.2 Proposal SAV-14: the Council currently employs cleaning staff "
    "directly to clean 41 corporate buildings. The proposal is to let a contract for these "
    "cleaning services through a competitive tender from September. Staff will transfer to "
    "the successful contractor under TUPE.\n" + "8. Other matters\n8.1 " + "The estimates "
    "are robust and reserves are at the minimum prudent level. " * 60
)


@pytest.mark.parametrize(
    ("lines", "expected"),
    [("lines SAV-01 to SAV-22", True), ("lines SAV-01 to SAV-09", False)],
)
def test_a_budget_line_adopted_by_reference(lines: str, expected: bool) -> None:
    text = _BUDGET.format(lines=lines)
    assert len(text) > 5_000  # a long paper, where background stays background
    assert classify(text, doc_type="report").is_outsourcing is expected


@pytest.mark.parametrize(
    ("adopts", "expected"),
    [
        ("agrees to proceed with the approach described in paragraphs 7.1 to 7.3", True),
        ("agrees to proceed with the approach described in paragraph 8.1", False),
        # a strategy's content is not its steps: no tender it describes is adopted
        ("approves the Cleaning Strategy set out in section 7", False),
    ],
)
def test_a_paragraph_adopted_by_its_number(adopts: str, expected: bool) -> None:
    text = _BUDGET.replace(
        "approves the savings and income proposals set out in Appendix 3 ({lines})", adopts
    )
    assert classify(text, doc_type="report").is_outsourcing is expected


def _minutes(style: str) -> str:
    other = {
        "caps": (
            "REVENUE BUDGET MONITORING – PERIOD 10",
            "There was submitted a report on the projected outturn for the year.\nDecided: that "
            "the outturn be noted.",
        ),
        "numbered": (
            "5. Revenue Budget Monitoring",
            "There had been circulated a report on the projected outturn for the year.\nThe "
            "Committee:\ni. NOTED the outturn.",
        ),
    }[style]
    sale = {
        "caps": (
            "PROPERTY AT SAMPLE STREET, SAMPLETON",
            "Decided:\n(1) that the property be declared surplus and sold on the open market.",
        ),
        "numbered": (
            "9. Property at Sample Street",
            "The Committee:\ni. AGREED that the property be declared surplus and sold on the "
            "open market.",
        ),
    }[style]
    consulted = {
        "caps": ("TOWN CENTRE ACTION PLAN – CONSULTATION FINDINGS",),
        "numbered": ("7. Town Centre Action Plan – Consultation Findings",),
    }[style]
    items = [
        other,
        (
            consulted[0],
            "There was submitted a report on the public consultation on the draft Action Plan, "
            "which received 973 responses from residents.\nDecided: that the findings be noted.",
        ),
        sale,
    ]
    return "\n\n".join(f"{heading}\n\n{body}" for heading, body in items)


@pytest.mark.parametrize("style", ["caps", "numbered"])
def test_minutes_in_other_styles_are_judged_item_by_item(style: str) -> None:
    text = _minutes(style)
    assert len([i for i in split_items([(None, None, text)]) if i.heading]) == 3
    c = classify(text, doc_type="decision")
    # the consultation of another item is not this sale's
    assert c.is_asset_sale and not c.has_consultation and c.should_flag


_CHANGE = (
    "UK10: Contract change notice\nSample County Council\nHome Support Services "
    "(Domiciliary Care) - Call-off Contracts\nDescription of the change\nExtension of the term "
    "of the existing home support call-off contracts by 12 months.\nSuppliers: {suppliers}\n"
    "Main category: Services\nCPV: 85312000 - Social work services without accommodation"
)


@pytest.mark.parametrize(
    ("suppliers", "expected"),
    [
        ("41 providers (list available from the Council)", True),
        ("Sample Community Health NHS Foundation Trust", False),
    ],
)
def test_a_note_in_brackets_is_no_public_body_supplier(suppliers: str, expected: bool) -> None:
    c = classify(_CHANGE.format(suppliers=suppliers), doc_type="procurement")
    assert c.is_outsourcing is expected


_FRANCHISE = (
    "UK6: Contract award notice\nSample Combined Authority\nBus Franchising Tranche 3\n"
    "Description\nThe Combined Authority intends to enter into franchise contracts for the "
    "operation of local bus services. The scheme was made by the Mayor {when} the statutory "
    "public consultation on the proposed franchising scheme.\nSupplier: Sample Buses Limited\n"
    "Main category: Services"
)


@pytest.mark.parametrize(("when", "expected"), [("following", True), ("before", False)])
def test_a_notice_that_reports_the_consultation_behind_it(when: str, expected: bool) -> None:
    c = classify(_FRANCHISE.format(when=when), doc_type="procurement")
    assert c.is_outsourcing and bool(c.has_consultation) is expected
