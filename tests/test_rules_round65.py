"""Round 65 (blind sets h256–h261, scored on the rules of round 64): the misses as general
patterns, each with a case that must change and one that must not. Every sentence here is
written for these tests."""

from __future__ import annotations

import pytest
from rule_labels import INH, OUT, SALE, assert_label

from monitor.classify import classify

FAMILIES = [
    # Scots law's sale: an offer of money from a named buyer, concluded by missives ...
    (
        "The Committee agreed:\n(1) to accept the offer of £180,000 from Sample Storage Ltd, "
        "being the highest offer received, subject to the Council's standard missives;\n(2) to "
        "instruct the Head of Legal to conclude missives.",
        SALE,
        True,
        "decision",
    ),
    # ... not a grant offered to the council.
    (
        "The Committee agreed to accept the offer of grant funding from the Sample Trust for the "
        "play area.",
        SALE,
        False,
        "decision",
    ),
    # A purchasing system with a long name is still one for the service ...
    (
        "Decision:\n(1) That the Executive approves the establishment of a Care and Support at "
        "Home Dynamic Purchasing System for five years.",
        OUT,
        True,
        "decision",
    ),
    (
        "Decision:\n(1) That the Executive approves the establishment of an ICT Hardware "
        "Dynamic Purchasing System for five years.",
        OUT,
        False,
        "decision",
    ),
    # Selling spare capacity is trading, not a sale of land ...
    (
        "Why a company? A company can recruit on its own pay scales and sell spare capacity to "
        "schools and parish councils.",
        SALE,
        False,
        "other",
    ),
    (
        "The Council agreed to sell the former school to the parish council for £1.",
        SALE,
        True,
        "decision",
    ),
    # ... and the law's reading of a short lease is not a sale.
    (
        "Decision: To grant a renewal lease of Unit 4 to the existing tenant for five years. "
        "The grant of a lease is a disposal of an interest in land for the purposes of section "
        "123, and the terms represent the best consideration reasonably obtainable.",
        SALE,
        False,
        "decision",
    ),
    # A call-in's ground that no alternative was set out is neither insourcing nor an
    # in-house appraisal ...
    (
        "The call-in was of Cabinet's decision to award a contract for the management and "
        "operation of the Council's leisure centres. The grounds were that the report had not "
        "set out any alternative to contracting out the service, including returning the "
        "centres to direct management by the Council.",
        OUT,
        True,
        "other",
    ),
    (
        "Cabinet decided to award a contract for the management of the leisure centres. "
        "Members said they had not been shown a comparison with direct delivery.",
        INH,
        False,
        "decision",
    ),
    (
        "Cabinet decided to award a contract for the management of the leisure centres. "
        "Members were shown a comparison with direct delivery, which cost more.",
        INH,
        True,
        "decision",
    ),
]


@pytest.mark.parametrize(("text", "label", "expected", "doc_type"), FAMILIES)
def test_family(text: str, label: str, expected: bool, doc_type: str) -> None:
    assert_label(text, label, expected, doc_type)


_NOTICE = (
    "Contract notice\nII.1.1) Title\nDevelopment Partner - Sample Farm sites\nII.1.2) Main "
    "CPV code\n70110000 - Development services of real estate\nII.1.3) Type of contract\n"
    "Works\nII.1.4) Short description\nThe Council is seeking a development partner to develop "
    "two Council-owned sites.\nII.2.4) Description\nThe selected partner will enter into a "
    "development agreement with the Council and, once planning permission is granted, {step}."
)


@pytest.mark.parametrize(
    ("step", "sale"),
    [
        ("will take the land on a 250-year lease at a premium", True),
        ("will build the homes to the Council's design", False),
    ],
)
def test_a_development_partner_taking_the_land(step: str, sale: bool) -> None:
    c = classify(_NOTICE.format(step=step), doc_type="procurement")
    assert c.is_asset_sale is sale


# A table's rows are read one by one, however long a row is.
_TABLE = (
    "Part 1 – Proposals for approval (recommendation 2.3)\n\n"
    "Ref   | Service   | Proposal                                                  | £000\n"
    "EN04  | Streets   | Empty the low-use rural litter bins fortnightly instead of weekly | 31\n"
    "EN12  | Parks     | Reduce verge cuts from 7 to 5 per season (excl. visibility splays) | 27\n"
    "EN13  | Parks     | {proposal} | 64\n"
    "EN14  | Parks     | Increase sports pitch hire charges by 5%                  | 9\n"
)


@pytest.mark.parametrize(
    ("proposal", "outsourcing"),
    [
        (
            "Cemetery grounds maintenance to be provided by an external contractor appointed "
            "by competitive tender from July",
            True,
        ),
        ("Cemetery grounds maintenance to be reduced to monthly cuts", False),
    ],
)
def test_table_rows_are_not_run_together(proposal: str, outsourcing: bool) -> None:
    c = classify(_TABLE.format(proposal=proposal), doc_type="report")
    assert c.is_outsourcing is outsourcing
