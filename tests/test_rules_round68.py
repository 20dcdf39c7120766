"""Round 68 (blind sets h272–h275, scored on the code submitted in stop 27, 5f988e2, before
any rule was written from them): two misses as general patterns, each with a case that must
change and one that must not. Every sentence here is written for these tests."""

from __future__ import annotations

import pytest
from rule_labels import OUT, assert_label

FAMILIES = [
    # "a competitive process to identify an organisation to run" the council's sites ...
    (
        "Decision:\nCabinet resolved:\n1. That a competitive process be commenced to identify "
        "an organisation to run the three Household Waste Recycling Centres for seven years.",
        OUT,
        True,
        "decision",
    ),
    # ... not a process to identify sites.
    (
        "Decision:\nCabinet resolved:\n1. That a competitive process be commenced to identify "
        "sites for three new recycling centres.",
        OUT,
        False,
        "decision",
    ),
    # A section 101 agreement with a London borough is a shared service ...
    (
        "RESOLVED: That the Council enter into an agreement under section 101 of the Local "
        "Government Act 1972 with the London Borough of Sampleton for the provision of a shared "
        "building control service.",
        OUT,
        False,
        "decision",
    ),
    # ... a contract with a firm for the same service is not.
    (
        "RESOLVED: That the Council enter into a contract with Sample Building Control Ltd for "
        "the provision of the building control service for five years.",
        OUT,
        True,
        "decision",
    ),
]


@pytest.mark.parametrize(("text", "label", "expected", "doc_type"), FAMILIES)
def test_family(text: str, label: str, expected: bool, doc_type: str) -> None:
    assert_label(text, label, expected, doc_type)
