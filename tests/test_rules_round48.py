"""Round 48 families: wording and structure found in blind held-out sets h179–h182 (long
reports deciding by reference, minutes in less common layouts, scraped council pages, short
texts worded indirectly), written as general patterns.

Every sentence here is written for these tests (fictional councils, places and firms); each
family has a case that must change and one that must not."""

from __future__ import annotations

import pytest
from rule_labels import CONS, INH, OUT, SALE, assert_label

from monitor.classify import classify

_COMMISSION = (
    "Decision: To commission the housing support service through an independent provider. "
)

FAMILIES = [
    # A step put in nominal form, endorsed ...
    (
        "Decision\n1. The re-provision of the day opportunities service currently run from the "
        "Sample Road base through an external partner was endorsed, for five years.",
        OUT,
        True,
        "decision",
    ),
    # ... and a step weighed and turned down.
    (
        "The re-provision of the day opportunities service through an external partner was "
        "considered but rejected because of cost.",
        OUT,
        False,
        "decision",
    ),
    (
        "Awarding the home care contract to an external provider was rejected.",
        OUT,
        False,
        "decision",
    ),
    (
        "RESOLVED that the contract for home care be awarded to Sample Care Ltd, the bidder "
        "whose appeal was rejected.",
        OUT,
        True,
        "decision",
    ),
    # A route chosen in words: a call-off from a framework for a service.
    (
        "Decision\n1. Option 3 as set out at paragraph 5.4 of the report (call-off from the "
        "regional passenger transport framework for all day-service routes) was approved.",
        OUT,
        True,
        "decision",
    ),
    # Scotland's "ground" is land.
    (
        "The Board agreed:— (b) that the Head of Economy be authorised to conclude the sale of "
        "the ground to the adjoining proprietor on the terms outlined in the report.",
        SALE,
        True,
        "decision",
    ),
    (
        "The Board agreed:— that the ground floor reception of Sample House be refurbished.",
        SALE,
        False,
        "decision",
    ),
    # "No decision on a future delivery model is taken at this stage."
    (
        "RESOLVED that advisers be appointed to support an options review; the options to be "
        "assessed include a new outsourced contract for the waste service. No decision on a "
        "future delivery model is taken at this stage.",
        OUT,
        False,
        "decision",
    ),
    (
        "RESOLVED that the waste collection contract be re-tendered for seven years. No decision "
        "on the future of the library service is taken at this stage.",
        OUT,
        True,
        "decision",
    ),
    # A company the council owns jointly with other councils.
    (
        "Recommendation\nThat the Committee approves the addition of grounds maintenance to the "
        "services delivered on the Council's behalf by Sample Services Ltd.\n2.2 Sample Services "
        "Ltd is the company jointly owned by the Council and six other local authorities.",
        OUT,
        False,
        "report",
    ),
    (
        "Recommendation\nThat the Committee approves the addition of grounds maintenance to the "
        "services delivered on the Council's behalf by Sample Services Ltd.",
        OUT,
        True,
        "report",
    ),
    # In-house provision named as the council's own staff.
    (
        _COMMISSION + "Provision by Council staff was not considered viable within the timescale.",
        INH,
        True,
        "decision",
    ),
    (
        _COMMISSION + "Council staff will monitor the contract quarterly.",
        INH,
        False,
        "decision",
    ),
    # The buyer's planning application goes through the planning service's own consultation.
    (
        "The Council has agreed to sell the former depot site to a logistics company. Its "
        "planning application, which will be subject to the usual neighbour notification and "
        "public consultation by the planning service, is expected later this year.",
        CONS,
        False,
        "other",
    ),
    (
        "The Council has agreed to sell the former depot site to a logistics company. Residents "
        "were consulted on the proposed sale in the spring.",
        CONS,
        True,
        "other",
    ),
    # "No lease or other disposal ... is proposed."
    (
        "6.3 The buildings will remain in Council ownership. No lease or other disposal of the "
        "leisure centres is proposed.",
        SALE,
        False,
        "report",
    ),
    (
        "6.3 A lease of the leisure centres to the trust for 30 years is proposed.",
        SALE,
        True,
        "report",
    ),
]


@pytest.mark.parametrize(("text", "label", "expected", "doc_type"), FAMILIES)
def test_family(text: str, label: str, expected: bool, doc_type: str) -> None:
    assert_label(text, label, expected, doc_type)


_MINUTES = """SAMPLE DISTRICT COUNCIL
HOUSING COMMITTEE

SMP/24/17 TENANCY STRATEGY 2025-2030 – CONSULTATION OUTCOME
A report was presented on the outcome of the consultation on the draft Tenancy Strategy, which
had been sent to all 1,850 council tenants; 212 responses had been received.

R E S O L V E D – that the outcome of the consultation be noted and the Tenancy Strategy be
adopted.

SMP/24/18 GAS SERVICING CONTRACT – EXTENSION
The Committee considered a report seeking approval to extend the contract for gas safety
servicing in council homes, which was due to expire on 31 March 2025. An in-house service had
been considered and rejected because the Council employs no Gas Safe registered engineers.

R E S O L V E D – that the gas servicing contract be extended for 12 months from 1 April 2025.

SMP/24/19 DAMP AND MOULD POLICY
The Committee received a revised Damp and Mould Policy.

R E S O L V E D – that the revised Damp and Mould Policy be approved.
"""


def test_letter_spaced_resolutions_cut_minutes_into_items() -> None:
    # The tenants' consultation is about the strategy, not the extension decided in another item.
    c = classify(_MINUTES, doc_type="decision")
    assert any(s.startswith("agenda_items:") for s in c.signals)
    assert c.is_outsourcing and c.has_inhouse_statement and not c.has_consultation
    assert c.should_flag


_BACKGROUND = (
    "3.{n} The service has been delivered under the current arrangements since 2018 and the "
    "steering group has reviewed demand, outcomes and the views of partner agencies on how the "
    "service model should develop over the coming years, drawing on national guidance. "
)
_REFUGE = (
    "REFUGE AND OUTREACH SERVICES – PROCUREMENT STRATEGY\n"
    "Recommendations:\nThe Committee is asked to:\n(a) agree the recommendations set out in "
    "Appendix {adopted} of this report;\n(b) note that the outcome will be reported for award.\n"
    + "".join(_BACKGROUND.format(n=n) for n in range(1, 24))
    + "\nAppendix A – Equality Impact Assessment\nA1. The assessment found no adverse impact on "
    "any protected group.\n"
    "\nAppendix B – Procurement Strategy: Recommendations\nB1. That the Procurement Unit be "
    "instructed to undertake an open tender for refuge and outreach services in three lots, "
    "with contracts to commence on 1 April 2025.\n"
)


def test_a_decision_adopts_the_appendix_it_names() -> None:
    adopted = classify(_REFUGE.format(adopted="B"), doc_type="report")
    assert len(_REFUGE) > 5_000
    assert adopted.is_outsourcing and adopted.should_flag
    # The same paper adopting the other appendix decides no tender: the tender is background.
    other = classify(_REFUGE.format(adopted="A"), doc_type="report")
    assert not other.is_outsourcing
