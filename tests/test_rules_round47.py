"""Round 47 families: wording and structure found in blind held-out sets h175–h178 (long
reports as PDF text, procurement notices, minutes of whole meetings, short records and
statutory notices), written as general patterns.

Every sentence here is written for these tests (fictional councils, places and firms); each
family has a case that must change and one that must not."""

from __future__ import annotations

import pytest
from rule_labels import CONS, INH, OUT, assert_label

from monitor.classify import classify

_TRANSFER = (
    "Sampleshire Council is proposing to transfer ownership of the Mechanics' Hall, which forms "
    "part of the Sampletown Common Good, to the Sampletown Hub SCIO. "
)
_AWARD = "Decision\n1. To award the contract for home care to Sample Care Ltd. "

FAMILIES = [
    # A statutory notice's invitation in the passive is the public's chance to object.
    (
        _TRANSFER + "Representations may be made by email to the Director of Legal Services by "
        "5 July.",
        CONS,
        True,
        "notice",
    ),
    (
        _TRANSFER + "Offers may be made to the Council's agents by 5 July.",
        CONS,
        False,
        "notice",
    ),
    # The Act that requires the common good notice is named in full.
    (
        _TRANSFER + "The proposal is published under section 104 of the Community Empowerment "
        "(Scotland) Act 2015.",
        CONS,
        True,
        "notice",
    ),
    (
        _TRANSFER + "The request was made under Part 5 of the Community Empowerment (Scotland) "
        "Act 2015.",
        CONS,
        False,
        "notice",
    ),
    # A market engagement notice that says no decision to procure has been taken.
    (
        "Preliminary market engagement notice\nSampleshire County Council is carrying out "
        "market engagement on day opportunities for adults. The Council has not taken any "
        "decision to procure.\nMain procurement category: Services\nCPV: 85312100 - Daycare "
        "services",
        OUT,
        False,
        "procurement",
    ),
    # ... and a fact about another matter does not undo a decision on this one.
    (
        "Cabinet agreed to procure day care services for adults. No decision to outsource the "
        "library service has been made.",
        OUT,
        True,
        "decision",
    ),
    # A contract left to expire, not re-tendered, and the service run by the council itself.
    (
        "RESOLVED that\na) the grounds maintenance contract be allowed to expire on 31 March and "
        "not be re-tendered;\nb) the grounds maintenance service be delivered directly by the "
        "Council from 1 April.",
        OUT,
        False,
        "decision",
    ),
    (
        "RESOLVED that\na) the grounds maintenance contract be re-tendered for a further seven "
        "years from 1 April.",
        OUT,
        True,
        "decision",
    ),
    # A member's remark about an earlier decision, dated before its verb.
    (
        "3.4 A Member observed that the Panel had in 2019 supported the extension of the waste "
        "treatment contract.\nConclusion:\n3.5 The Panel recommends to Cabinet that the draft "
        "waste strategy be approved for publication.",
        OUT,
        False,
        "decision",
    ),
    (
        "3.5 The Panel recommends to Cabinet that the waste treatment contract be extended by "
        "two years.",
        OUT,
        True,
        "decision",
    ),
    # A provider the paper names as the council's own company.
    (
        "The Portfolio Holder presented a report seeking approval of a new agreement with "
        "Sampleton Homes Limited, the Council's wholly owned housing management company, for the "
        "management of its homes.\nResolved: That Cabinet approves the new management agreement "
        "with Sampleton Homes Limited for five years.",
        OUT,
        False,
        "decision",
    ),
    (
        "The Portfolio Holder presented a report seeking approval of a new agreement with "
        "Sampleton Homes Limited for the management of its homes.\nResolved: That Cabinet "
        "approves the new management agreement with Sampleton Homes Limited for five years.",
        OUT,
        True,
        "decision",
    ),
    # An in-house option weighed and judged not achievable is an in-house statement.
    (
        _AWARD + "Expanding the Council's in-house home care service to meet all demand was "
        "assessed, and recruiting the staff needed was not considered achievable in the time.",
        INH,
        True,
        "decision",
    ),
    (
        _AWARD + "Expanding the Council's in-house home care service was not considered.",
        INH,
        False,
        "decision",
    ),
    # A budget consultation that says it did not ask about the disposals.
    (
        "Recommendations\n2.1 Approve the disposal of the sites listed at Appendix C at best "
        "consideration.\n2.2 Note the results of the budget public consultation. The "
        "consultation did not seek views on individual property disposals.",
        CONS,
        False,
        "report",
    ),
    (
        "Recommendations\n2.1 Approve the disposal of the sites listed at Appendix C at best "
        "consideration.\n2.2 Note the results of the public consultation on the proposed "
        "disposals, which received 412 responses.",
        CONS,
        True,
        "report",
    ),
]


@pytest.mark.parametrize(("text", "label", "expected", "doc_type"), FAMILIES)
def test_family(text: str, label: str, expected: bool, doc_type: str) -> None:
    assert_label(text, label, expected, doc_type)


_PANEL = """SAMPLESHIRE COUNTY COUNCIL
ENVIRONMENT CABINET PANEL
MINUTES OF THE MEETING HELD ON 28 FEBRUARY

1. MINUTES

1.1 The Minutes of the meeting held on 17 January were confirmed as a correct record.

2. WASTE TREATMENT BEYOND 2030: PROPOSED PUBLIC CONSULTATION ON OPTIONS

2.1 The Panel received a report on three options for treating residual waste after the current
contract ends, including a new long-term contract with a private operator.

Conclusion:

2.2 The Panel recommends to Cabinet that a public consultation on the options be approved.

3. RECYCLING CENTRES - UPDATE ON CONTRACT EXTENSION

3.1 The Panel received an update on the decision taken by Cabinet in November to extend the
recycling centre management contract by two years, including a booking system at three sites.

Conclusion:

3.2 The Panel noted the update.
"""


def test_cabinet_panel_minutes_are_cut_into_items_each_judged_alone() -> None:
    c = classify(_PANEL, doc_type="decision")
    assert any(s.startswith("agenda_items:") for s in c.signals)
    assert not c.is_outsourcing and not c.should_flag


def test_a_panel_item_that_recommends_an_extension_is_outsourcing() -> None:
    text = _PANEL.replace(
        "3.2 The Panel noted the update.",
        "3.2 The Panel recommends to Cabinet that the recycling centre management contract be "
        "extended by a further two years.",
    )
    c = classify(text, doc_type="decision")
    assert c.is_outsourcing and c.should_flag
