"""Round 7c families: wording found in blind held-out sets h22 (council notices), h23 (long
papers, whole forward plans and minutes) and h24 (short texts on less common services),
written as general patterns.

Every sentence here is written for these tests (fictional councils, places and firms); each
family has a case that must change and one that must not."""

from __future__ import annotations

import pytest

from monitor.classify import classify
from monitor.items import split_items

OUT, SALE, CONS, INH = (
    "is_outsourcing",
    "is_asset_sale",
    "has_consultation",
    "has_inhouse_statement",
)


def _notice(first_line: str, body: str) -> str:
    return (
        f"{first_line}\nSampleshire Council\nGrounds Maintenance and Parks Services Contract\n"
        f"Notice identifier: 2025/S 000-000001\n{body}\n"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The notice's name on its first line gives its type: a performance notice reports on
        # a contract, a tender notice lets one.
        (
            _notice(
                "Contract performance notice",
                "Key performance indicator 1: grass cutting to frequency - achieved 88%.",
            ),
            False,
        ),
        (
            _notice(
                "Tender notice",
                "The Council seeks a contractor for the grounds maintenance of its parks.",
            ),
            True,
        ),
        # No contract let: a grant scheme, a procurement ended.
        (
            _notice(
                "Opportunity",
                "This is a grant funding opportunity and not a contract for services. Grants "
                "of up to £5,000 are available to community groups running parks projects.",
            ),
            False,
        ),
        (
            _notice(
                "Procurement termination notice",
                "Reason for termination: the Committee decided not to award a contract. No "
                "contract will be awarded under this procurement.",
            ),
            False,
        ),
        # Not yet decided: market engagement to inform an options appraisal.
        (
            _notice(
                "Preliminary market engagement notice",
                "The Council has not yet decided how its parks will be maintained after 2027 "
                "and is gathering information from the market to inform its options appraisal.",
            ),
            False,
        ),
        # A tender notice whose background mentions an insourcing still lets a contract.
        (
            _notice(
                "Tender notice",
                "Following the Council's decision to bring housing management back in-house, "
                "the grounds maintenance service for its estates is being re-procured.",
            ),
            True,
        ),
    ],
)
def test_notices_by_type_and_fact(text: str, expected: bool) -> None:
    assert classify(text, doc_type="procurement").is_outsourcing is expected


def test_a_code_label_is_not_the_notice_saying_what_it_buys() -> None:
    text = (
        "Opportunity\nSupply and Home Delivery of Frozen Meals\nSampleshire Council\n"
        "Description\nThe Council requires a supplier of frozen ready meals and desserts.\n"
        "Industry\nPrepared meals - 15894200\nMeals-on-wheels services - 55521100\n"
        "Contract type\nSupply contract\n"
    )
    assert classify(text, doc_type="procurement").is_outsourcing is False


_PLAN = (
    "SAMPLETON BOROUGH COUNCIL\nFORWARD PLAN OF KEY DECISIONS\n\n"
    "FP/25/031 Refuse collection vehicles\nDecision: to approve the purchase of four refuse "
    "collection vehicles. Decision maker: Cabinet Member. Consultees: residents' panel.\n\n"
    "FP/25/032 Children's homes: future operating model\nDecision: to decide whether to "
    "commission an independent provider to operate Sample House children's home or to continue "
    "to run it in-house. Decision maker: Cabinet. Consultees: staff and trade unions.\n"
)


def test_a_forward_plan_is_judged_entry_by_entry() -> None:
    items = split_items([(None, None, _PLAN)])
    assert [i.heading for i in items if i.heading] == [
        "FP/25/031 Refuse collection vehicles",
        "FP/25/032 Children's homes: future operating model",
    ]
    result = classify(_PLAN, doc_type="forward_plan")
    # The entry's own consultees are staff: the residents' panel of another entry is not
    # borrowed.
    assert result.is_outsourcing and result.has_consultation is False


@pytest.mark.parametrize(
    ("text", "label", "expected"),
    [
        # Leases of three-figure years; a surplus declared far from its verb.
        (
            "That Cabinet agrees to grant a 250-year lease of the Sample Street car park site "
            "to Sample Living LLP for a premium.",
            SALE,
            True,
        ),
        (
            "That Cabinet declares Lower Sample Farm, Sampleton, shown edged red on the plan at "
            "Appendix A, surplus to requirements and authorises its disposal on the open market.",
            SALE,
            True,
        ),
        # One occupier of the property sold is a party to the sale, not the public.
        (
            "RESOLVED: that Sample Farm be sold at auction. The tenant has been consulted on "
            "the timing of the sale.",
            CONS,
            False,
        ),
        (
            "RESOLVED: that the Sample Court flats be sold. All tenants were consulted at two "
            "meetings.",
            CONS,
            True,
        ),
        # Sentences that say nothing will be sold.
        (
            "Cabinet approved the budget. None of the sites will be disposed of without a "
            "separate decision, and the indicative list of capital receipts is for planning "
            "purposes only.",
            SALE,
            False,
        ),
        # A partnering arrangement with a firm lets the service out; a shared service the
        # neighbours declined is no shared service.
        (
            "The Executive is recommended to enter into a partnering arrangement with Sample "
            "Public Services Ltd for the delivery of revenues and benefits services. Both "
            "neighbouring authorities were approached; neither wished to join a shared service.",
            OUT,
            True,
        ),
        # Speaking with the people who use a service is consulting them.
        (
            "Cabinet approved the retender of the home care framework. We spoke with 150 people "
            "who receive care at home and 40 unpaid carers.",
            CONS,
            True,
        ),
        (
            "Cabinet approved the retender of the home care framework. Officers spoke with the "
            "Cabinet Member and the Director.",
            CONS,
            False,
        ),
    ],
)
def test_round7c_papers(text: str, label: str, expected: bool) -> None:
    assert getattr(classify(text, doc_type="report"), label) is expected


@pytest.mark.parametrize(
    ("text", "label", "expected"),
    [
        # In-house options in plain words.
        (
            "Decision: to transfer the management of the outdoor education centre to Sample "
            "Trust. Keeping the centre in "
            "Council hands with a reduced programme was considered and rejected.",
            INH,
            True,
        ),
        (
            "Decision: to award a contract to Sample Mission for the homelessness service. "
            "Other options: (a) deliver the service through the Council's Housing Options "
            "team: rejected, as the team has no capacity.",
            INH,
            True,
        ),
        (
            "The register will be run for the Council by Sample Housing Partnership. We looked "
            "carefully at keeping the register team in the Council, but it would cost more.",
            INH,
            True,
        ),
        (
            "Cabinet will choose between re-commissioning the scheme from a registered external "
            "provider and bringing it back under the Council's direct management.",
            INH,
            True,
        ),
        (
            "Decision: to award the contract for the Local Healthwatch service to Sample CIC. "
            "The Act requires an independent body, so the Council cannot deliver Healthwatch "
            "itself and an in-house option was not considered.",
            INH,
            True,
        ),
        (
            "Decision: to approve a procurement for short breaks. Asked about the Council's own "
            "provision, the Director said it was outside the scope of this report.",
            INH,
            False,
        ),
        # Services let in plain words.
        (
            "The day opportunities will be commissioned from independent and voluntary sector "
            "providers under a new dynamic purchasing system.",
            OUT,
            True,
        ),
        (
            "Sample Council has appointed a new contractor to collect, kennel and rehome stray "
            "dogs under a three-year contract.",
            OUT,
            True,
        ),
        (
            "The Council buys its printer paper from independent suppliers through a framework.",
            OUT,
            False,
        ),
        # Sales in plain words.
        (
            "The County Council invites tenders for the purchase of the freehold of the former "
            "Sample Inn, which the Council acquired in 2019 and has now declared surplus.",
            SALE,
            True,
        ),
        (
            "The County Council has agreed the acquisition of the freehold of the Sample Inn.",
            SALE,
            False,
        ),
        (
            "The Council agreed the transfer of the former Sample Primary School building and "
            "grounds to Sample Community Trust.",
            SALE,
            True,
        ),
    ],
)
def test_round7c_short_texts(text: str, label: str, expected: bool) -> None:
    assert getattr(classify(text, doc_type="decision"), label) is expected
