"""After round 61 (the held-out round h237–h240 scored on the code submitted in stop 26):
the one miss, as a general pattern. Every sentence here is written for these tests."""

from __future__ import annotations

import pytest
from rule_labels import OUT, assert_label

FAMILIES = [
    # An earlier decision to insource another lot, reported by its date, is background: the
    # record still extends its own contract ...
    (
        "Recommendations\n2.1 That Cabinet approves a 12-month extension of the Housing Repairs "
        "Contract (Lot 2) with Sample Build Ltd.\n\nBackground\n4.1 Cabinet agreed in October "
        "2024 that responsive repairs should be brought in-house in phases, starting with Lot 1 "
        "in April 2026.",
        OUT,
        True,
        "report",
    ),
    # ... while a record that itself decides the insourcing lets nothing out.
    (
        "Recommendations\n2.1 That Cabinet agrees that responsive repairs be brought in-house "
        "from April 2026, and approves a 3-month extension of the Housing Repairs Contract with "
        "Sample Build Ltd to allow mobilisation.",
        OUT,
        False,
        "report",
    ),
]


@pytest.mark.parametrize(("text", "label", "expected", "doc_type"), FAMILIES)
def test_family(text: str, label: str, expected: bool, doc_type: str) -> None:
    assert_label(text, label, expected, doc_type)
