"""Round 56 families: wording found in blind held-out sets h213–h216 (long reports, minutes,
forward plans, notices and officer decision records), written as general patterns.

Every sentence here is written for these tests (fictional councils, places and firms); each
family has a case that must change and one that must not."""

from __future__ import annotations

import pytest
from rule_labels import OUT, assert_label

FAMILIES = [
    # A novation of "the Council's" contracts changes the operator of a let service ...
    (
        "Decision\nTo approve the novation of the Council's call-off contracts for supported "
        "living from Sample Support Ltd to Example Community Care Ltd following a takeover.",
        OUT,
        True,
        "decision",
    ),
    # ... a note that a supplier's address changed is no decision at all.
    (
        "Decision\nTo note that Sample Support Ltd has moved its registered office to Example "
        "Street.",
        OUT,
        False,
        "decision",
    ),
    # Care bought from registered care providers, one package at a time, is commissioning ...
    (
        "Decision\nTo approve the spot purchasing of home care packages from CQC-registered "
        "providers who are not on the Council's framework, for up to nine months.",
        OUT,
        True,
        "decision",
    ),
    # ... homes bought from registered providers of social housing are property, not a service.
    (
        "Decision\nTo approve the purchase of 40 homes from registered providers for use as "
        "temporary accommodation.",
        OUT,
        False,
        "decision",
    ),
]


@pytest.mark.parametrize(("text", "label", "expected", "doc_type"), FAMILIES)
def test_family(text: str, label: str, expected: bool, doc_type: str) -> None:
    assert_label(text, label, expected, doc_type)
