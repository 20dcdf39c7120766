"""Round 43 families: wording and structure found in blind held-out sets h163–h166 (long
strategies and budget papers, long minutes, uncommon notices, decision pages), written as
general patterns.

Every sentence here is written for these tests (fictional councils, places and firms); each
family has a case that must change and one that must not."""

from __future__ import annotations

import pytest
from rule_labels import CONS, OUT, SALE, assert_label

from monitor.classify import classify
from monitor.items import item_heading

FAMILIES = [
    # A service run in-house today, moved to outside providers.
    (
        "Recommendations\ne) approves the re-provision of the home to school transport routes "
        "currently operated by the council's in-house fleet through the council's Passenger "
        "Transport Dynamic Purchasing System from September.",
        OUT,
        True,
        "report",
    ),
    (
        "Recommendations\ne) approves the re-provision of the home to school transport routes "
        "currently operated by the council's in-house fleet with twelve new minibuses.",
        OUT,
        False,
        "report",
    ),
    # Vehicles bought for a service equip it.
    (
        "RESOLVED\n1. That the procurement of vehicles and machinery for the grounds maintenance "
        "service be approved through a compliant framework.",
        OUT,
        False,
        "decision",
    ),
    (
        "RESOLVED\n1. That the procurement of a contractor for the grounds maintenance service "
        "be approved through a compliant framework.",
        OUT,
        True,
        "decision",
    ),
    # The record says the consultation was not on this proposal, or not on these disposals.
    (
        "Recommendations\ne) approves the award of the home to school transport contracts to the "
        "operators listed.\n14. The proposal was not included in the budget consultation "
        "questions. The budget consultation ran for six weeks and received 1,734 responses.",
        CONS,
        False,
        "report",
    ),
    (
        "Decision\nTo approve the disposal of the four sites listed in Appendix C.\nNo public "
        "consultation has been undertaken on these disposals. Young people were consulted in "
        "2023 about moving youth provision to the new community hub.",
        CONS,
        False,
        "decision",
    ),
    (
        "Decision\n(a) Approved the community asset transfer of the pavilion to Sample Sports "
        "CIC by a lease of 35 years.\nOfficers acknowledged that residents had not been directly "
        "consulted.",
        CONS,
        False,
        "decision",
    ),
    # A sale declared by an earlier decision is told, not made.
    (
        "The former offices at Sample Street have been declared surplus by an earlier decision "
        "of the Executive and are being marketed.",
        SALE,
        False,
        "report",
    ),
    # A committee that defers and asks for a further report decides nothing.
    (
        "PROPOSED DISPOSAL OF FORMER SAMPLE PRIMARY SCHOOL\nThere was submitted a report seeking "
        "approval to market the former school for sale.\nResolved:\n(i) Consideration of the "
        "report be deferred to February.\n(ii) The Strategic Lead be asked to report back on the "
        "timescale for any asset transfer request.\nReference: Report 25/312 (PDF)",
        SALE,
        False,
        "decision",
    ),
    (
        "PROPOSED DISPOSAL OF FORMER SAMPLE PRIMARY SCHOOL\nThere was submitted a report seeking "
        "approval to market the former school for sale.\nResolved:\n(i) That the former school "
        "be declared surplus and sold on the open market.\n(ii) The Strategic Lead be asked to "
        "report back on the sale.",
        SALE,
        True,
        "decision",
    ),
]


@pytest.mark.parametrize(("text", "label", "expected", "doc_type"), FAMILIES)
def test_families(text: str, label: str, expected: bool, doc_type: str) -> None:
    assert_label(text, label, expected, doc_type)


_FILLER = (
    "The programme board met monthly and reported progress against its milestones, its risks "
    "and its budget to the Corporate Leadership Team. " * 40
)
_UPDATE = (
    "Transformation Programme Update\n1. Recommendations\n1.1 That the Executive approves a "
    "variation to the ICT Managed Service contract with Sample Digital Ltd to extend its term "
    "by 24 months.\n2. Progress\n2.1 " + _FILLER + "\n18. {heading}\n18.1 {survey}\n"
)


@pytest.mark.parametrize(
    ("heading", "survey", "expected"),
    [
        # a survey about another matter of a long paper is that matter's
        (
            "Engagement",
            "A public survey on the library service ran in January and received 2,912 "
            "responses from residents.",
            False,
        ),
        # one about the matter decided is this decision's
        (
            "Engagement",
            "A public survey on the ICT managed service desk ran in January and received 2,912 "
            "responses from residents.",
            True,
        ),
        # one that names no matter may be about it, unless its section names another
        ("Engagement", "Residents were consulted on the proposals in January.", True),
        ("Libraries", "Residents were consulted on the proposals in January.", False),
    ],
)
def test_a_long_papers_consultation_on_another_matter(
    heading: str, survey: str, expected: bool
) -> None:
    text = _UPDATE.format(heading=heading, survey=survey)
    assert len(text) > 5_000
    c = classify(text, doc_type="report")
    assert c.is_outsourcing and bool(c.has_consultation) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [("23/49/HSC Tenancy Sustainment Service: Contract Award", True), ("23/49/HSC", True)],
)
def test_a_minute_number_with_its_committees_letters(line: str, expected: bool) -> None:
    assert (item_heading(line) is not None) is expected
