"""Round 66 (blind sets h262–h267, scored on the rules of round 65 before this change): the
misses as general patterns, each with a case that must change and one that must not. Every
sentence here is written for these tests."""

from __future__ import annotations

import pytest
from rule_labels import CONS, INH, OUT, SALE, assert_label

FAMILIES = [
    # Arrangements with providers "continued for a further period" are extended ...
    (
        "Decision: That the current call-off arrangements under the Supported Living "
        "Framework be continued for a further period of up to 12 months, and that the Director "
        "agree the necessary variations with the existing providers.",
        OUT,
        True,
        "decision",
    ),
    # ... the council's own arrangements continued are not.
    (
        "Decision: That the current arrangements for the Council's own reablement team be "
        "reviewed in 2026.",
        OUT,
        False,
        "decision",
    ),
    # The in-house option as the council employing the workforce directly ...
    (
        "2.1 That Cabinet approves a competitive tender for a school catering contract. 4.1 "
        "The review tested a model in which the Council employs the catering workforce "
        "directly; it was costed at £0.6m a year more and is not recommended.",
        INH,
        True,
        "report",
    ),
    # ... not the staff it employs today, told as a fact.
    (
        "2.1 That Cabinet approves a competitive tender for a school catering contract. 4.1 "
        "The Council employs 14 staff in its school meals client team.",
        INH,
        False,
        "report",
    ),
    # A decision's own step: "To market the site on the open market" ...
    (
        "Decision:\n1. To declare the former school site surplus.\n2. To market the site on the "
        "open market by informal tender and to accept the highest acceptable offer.",
        SALE,
        True,
        "decision",
    ),
    # ... not a market test of a service.
    (
        "Decision:\n1. To market test the grounds maintenance service on the open market.",
        SALE,
        False,
        "decision",
    ),
    # A consultation that "did not consider" the disposal is not consultation on it ...
    (
        "Decision: To market the former school site on the open market. Consultation: The "
        "statutory consultation on closing the school was held with parents and the wider "
        "community; that consultation did not consider the future use or disposal of the site.",
        CONS,
        False,
        "decision",
    ),
    # ... one that asked about it is.
    (
        "Decision: To market the former school site on the open market. Consultation: The "
        "consultation with parents and the wider community also asked about the future use of "
        "the site.",
        CONS,
        True,
        "decision",
    ),
    # A development partner "to take a 250-year lease" of council land, in a works notice.
    (
        "Contract notice\nMain procurement category: Works\nCPV: 70110000 Development services "
        "of real estate\nDescription: The Council is seeking a development partner to take a "
        "250-year lease, at a premium, of 4 hectares of Council-owned land at the former depot, "
        "and to build a residential scheme.",
        SALE,
        True,
        "procurement",
    ),
    (
        "Contract notice\nMain procurement category: Works\nCPV: 45211000 Construction work\n"
        "Description: The Council is seeking a contractor to build 40 council homes on its own "
        "land at the former depot.",
        SALE,
        False,
        "procurement",
    ),
]


@pytest.mark.parametrize(("text", "label", "expected", "doc_type"), FAMILIES)
def test_family(text: str, label: str, expected: bool, doc_type: str) -> None:
    assert_label(text, label, expected, doc_type)
