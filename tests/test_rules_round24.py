"""Round 24 families: wording found in blind held-out sets h85 (notices), h86 (long papers),
h87 (council web pages) and h88 (indirect wording), written as general patterns.

Every sentence here is written for these tests (fictional councils, places and firms); each
family has a case that must change and one that must not."""

from __future__ import annotations

import pytest

from monitor.classify import classify

OUT, SALE, CONS = "is_outsourcing", "is_asset_sale", "has_consultation"

_PLAN = (
    "Forward Plan of Executive Decisions\nRef | Date added | Title / decision to be taken | "
    "Decision maker | Decision due\n\n"
)
_SALE = (
    "Resolved: that the former depot at Sample Lane be declared surplus and sold on the open "
    "market at best consideration. "
)
_MINUTES = (
    "Policy and Resources Committee\nMinutes of Meeting held on 20 October 2025\n\nPR/142/2025: "
    "FORMER SAMPLETON OFFICES - OFFER RECEIVED\n\nRead: Report regarding an offer received "
    "from a developer for the purchase of the former Sampleton Offices.\n\nAGREED: On the "
    "proposal of Councillor A, seconded by Councillor B, it was agreed:\n- That the Council is "
)
_NOTICE = (
    "eTendersNI\nContract Notice (Procurement Act 2023 - UK4 Tender notice)\nSample City and "
    "District Borough Council\n{title}\nDescription\nThe Council is seeking {what}.\nMain "
    "procurement category: Services\nCPV: 98390000 - Other services"
)
_AWARD = (
    "UK6: Contract award notice\nTitle: Children's Community Nursing\nMain procurement "
    "category: Services\nCPV: 85323000 - Community health services\nDescription: award of a "
    "contract for children's community nursing.\nSupplier: {supplier}"
)

ROUND24_CASES = [
    # A contract's own procurement strategy is not the council's procurement policy.
    (
        "Library Service - Future Delivery Model. Cabinet will be asked to decide whether to "
        "re-tender the library management contract or to bring delivery of the service back "
        "in-house, and to approve the associated procurement strategy or transition plan.",
        OUT,
        True,
        "forward_plan",
    ),
    (
        "Decision: to approve the Council's Procurement Strategy 2025-2030.",
        OUT,
        False,
        "decision",
    ),
    # A novation written with the holder of the contract between.
    (
        "Decision: That the contract for Home Support Services, Lot 3 (Sampleton Central), "
        "currently held by Sample Home Care Limited, be novated to Sample Care Group Limited "
        "for the remainder of the term.",
        OUT,
        True,
        "decision",
    ),
    (
        "Decision: That the contract for Home Support Services, Lot 3 (Sampleton Central), "
        "currently held by Sample Home Care Limited, be terminated on 31 March.",
        OUT,
        False,
        "decision",
    ),
    # Minutes that decline a sale: the item heading names what is declined.
    (_MINUTES + "not minded to dispose of the property at this time.", SALE, False, "decision"),
    (_MINUTES + "minded to dispose of the property to the developer.", SALE, True, "decision"),
    # A community body taking a long lease is a disposal; the council taking one is not.
    (
        "The club will take on a 35-year lease of the pavilion and bowling green under the "
        "Council's Community Asset Transfer scheme.",
        SALE,
        True,
        "other",
    ),
    (
        "The Council will take on a 35-year lease of the offices from Sample Estates Ltd.",
        SALE,
        False,
        "other",
    ),
    # A statutory notice's invitation, with who may make representations between.
    (
        "Sample Council proposes to dispose of the former toilets at Sample Street, which form "
        "part of the Sampleton Common Good. Any person, including Sampleton Community Council, "
        "wishing to make representations about the proposal should do so in writing by 12 "
        "September.",
        CONS,
        True,
        "notice",
    ),
    (
        "Sample Council proposes to dispose of the former toilets at Sample Street. Any person, "
        "including members of Sampleton Community Council, wishing to attend the meeting should "
        "contact Democratic Services.",
        CONS,
        False,
        "notice",
    ),
    # A plan's row with its date in words is an entry of its own.
    (
        _PLAN + "FP/26/01/05 | 12 Jan 2026 | Leisure Services - Future Operating Model: to "
        "decide whether to procure a new leisure management contract or to bring the service "
        "under direct Council management | Executive | 4 Mar 2026\n\nFP/26/01/06 | 12 Jan 2026 "
        "| Revenue Budget 2026/27 | Executive | 4 Feb 2026\n\nFP/26/01/07 | 19 Jan 2026 | "
        "Treasury Management Strategy | Executive | 4 Feb 2026\n\n" + "Background text. " * 400,
        OUT,
        True,
        "forward_plan",
    ),
    (
        _PLAN + "FP/26/01/01 | 5 Jan 2026 | Highways Resurfacing Framework: to award places on "
        "a framework for carriageway resurfacing works | Lead Member | 2 Mar 2026\n\n"
        + "Background text. "
        * 400,
        OUT,
        False,
        "forward_plan",
    ),
    # Goods sold off are not council land.
    (
        _SALE.replace(
            "the former depot at Sample Lane be declared surplus and sold",
            "the new refuse vehicles be bought",
        )
        + "Replaced vehicles will be disposed of at auction under the Disposal of Surplus "
        "Assets procedures.",
        SALE,
        False,
        "decision",
    ),
    (
        "Resolved: that the former depot be disposed of at auction under the Disposal of "
        "Surplus Assets procedures.",
        SALE,
        True,
        "decision",
    ),
    # "did not undertake a public consultation" is a negative.
    (
        _SALE + "The Council did not undertake a public consultation on the sale.",
        CONS,
        False,
        "decision",
    ),
    (_SALE + "The Council undertook a public consultation on the sale.", CONS, True, "decision"),
    # An operator's contract names what it runs.
    (
        "The Committee was reminded that the contract for the operation of the Sampleton Bikes "
        "public bike hire scheme would expire, and agreed that the contract be awarded to the "
        "highest-scoring tenderer for five years. The operator will need a redistribution fleet.",
        OUT,
        True,
        "decision",
    ),
    (
        "The Committee agreed that the contract be awarded to the highest-scoring tenderer for "
        "five years for the supply of a redistribution fleet of vans.",
        OUT,
        False,
        "decision",
    ),
]

ROUND24_NOTICE_CASES = [
    # A kind line in brackets is not the title; markets are a service residents use.
    (
        _NOTICE.format(
            title="Management and Operation of Council Markets",
            what="an operator to manage and develop the Council's weekly markets",
        ),
        True,
    ),
    (
        _NOTICE.format(
            title="Supply of Gazebos for Council Events",
            what="a supplier of 40 gazebos",
        ),
        False,
    ),
    # A contract awarded to another public body is public-to-public.
    (_AWARD.format(supplier="Sampleshire County Council"), False),
    (_AWARD.format(supplier="Sample Community Care Ltd"), True),
    (_AWARD.format(supplier="Sampleton Council for Voluntary Service"), True),
]


@pytest.mark.parametrize(("text", "label", "expected", "doc_type"), ROUND24_CASES)
def test_round24_families(text: str, label: str, expected: bool, doc_type: str) -> None:
    assert bool(getattr(classify(text, doc_type=doc_type), label)) is expected


@pytest.mark.parametrize(("text", "expected"), ROUND24_NOTICE_CASES)
def test_round24_notice_families(text: str, expected: bool) -> None:
    assert classify(text, doc_type="procurement").is_outsourcing is expected
