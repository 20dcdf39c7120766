"""Round 57 families: wording and structure found in blind held-out sets h217–h222 (long
papers as PDF text, long reports on several services, minutes of whole meetings, short texts
worded indirectly, notices, scraped decision pages), written as general patterns.

Every sentence here is written for these tests (fictional councils, places and firms); each
family has a case that must change and one that must not."""

from __future__ import annotations

import pytest
from rule_labels import CONS, INH, OUT, SALE, assert_label

from monitor.classify import classify
from monitor.subjects import terms
from monitor.text import heading_kind

_LEISURE = (
    "Decision\n1. That the Council enters into an operating agreement with the preferred "
    "operator for the management of the Sample Arts Centre for ten years.\n\n"
)

FAMILIES = [
    # A budget that assumes receipts from disposals that are only possible ...
    (
        "RESOLVED:\n(2) that the Capital Strategy, including the assumption that £3m of capital "
        "receipts will be generated from the potential disposal of assets identified as surplus "
        "through the Asset Review, be approved;",
        SALE,
        False,
        "decision",
    ),
    # ... not a disposal approved.
    (
        "RESOLVED:\n(2) that the disposal of the former Sample Depot at auction be approved, with "
        "the capital receipt used for the capital programme;",
        SALE,
        True,
        "decision",
    ),
    # Vehicles bought for the council's own waste service are goods ...
    (
        "Purpose:\nTo approve the purchase of six replacement refuse collection vehicles for the "
        "Council's in-house waste and recycling service through a national framework.\n"
        "Decision:\n(b) That the Head of Operations be authorised to award the call-off contract "
        "to the supplier offering the best value under the framework.",
        OUT,
        False,
        "decision",
    ),
    # ... care bought from providers is a service.
    (
        "Decision:\nTo approve the purchase of home care services for older people from "
        "independent providers for two years.",
        OUT,
        True,
        "decision",
    ),
    # An offer accepted for a former public building is a sale ...
    (
        "Decision\nTo accept the offer of £60,000 received from a local business for the former "
        "public conveniences at Sample Quay, subject to contract.",
        SALE,
        True,
        "decision",
    ),
    # ... and a contractor appointed to clean public toilets runs a service in them.
    (
        "Cabinet agreed to appoint a specialist contractor to clean and maintain the public "
        "toilets for five years.",
        OUT,
        True,
        "decision",
    ),
    # New arrangements with independent providers are commissioning a service ...
    (
        "Summary: Cabinet will be asked to approve the approach to securing new arrangements with "
        "independent providers for supported living services for adults with learning "
        "disabilities.",
        OUT,
        True,
        "forward_plan",
    ),
    # ... arrangements with a neighbouring council are not.
    (
        "Summary: Cabinet will be asked to approve new arrangements with Sample District Council "
        "for sharing a building control manager.",
        OUT,
        False,
        "forward_plan",
    ),
    # The people a venue serves are the public ...
    (
        _LEISURE + "Engagement\nFocus groups with audience members, and a survey of ticket "
        "buyers, shaped the programming commitments the operator must meet.",
        CONS,
        True,
        "decision",
    ),
    # ... its staff are not.
    (
        _LEISURE + "Engagement\nFocus groups with the arts centre's staff shaped the programming "
        "commitments the operator must meet.",
        CONS,
        False,
        "decision",
    ),
    # The council's own team managing a contract it lets is its client role ...
    (
        _LEISURE + "Options considered\nOption 1 – a tender for an operator. Recommended. The "
        "agreement will be managed by the Council's in-house culture commissioning and contract "
        "management team.",
        INH,
        False,
        "decision",
    ),
    # ... its own team running the service is the in-house option.
    (
        _LEISURE + "Alternative options considered\nDelivery by the Council's in-house arts team "
        "was costed and rejected because the subsidy would remain above £300,000 a year.",
        INH,
        True,
        "decision",
    ),
    # An in-house appraisal only asked for, in a proposal that was lost ...
    (
        _LEISURE + "It was proposed and seconded that the decision be referred back with a request "
        "that an in-house option be appraised. On being put to the vote the proposal was lost.",
        INH,
        False,
        "other",
    ),
    # ... is not one made.
    (
        _LEISURE + "Members noted that an in-house option had been appraised and rejected on cost.",
        INH,
        True,
        "other",
    ),
]


@pytest.mark.parametrize(("text", "label", "expected", "doc_type"), FAMILIES)
def test_family(text: str, label: str, expected: bool, doc_type: str) -> None:
    assert_label(text, label, expected, doc_type)


def test_headings_asked_as_questions() -> None:
    """Some Welsh councils' template asks its headings: what each asks for is its kind."""
    assert heading_kind("3. What are the Recommendations?") == "decision"
    assert heading_kind("2. What is the reason for making this report?") == "reasons"
    assert (
        heading_kind("8. What consultations have been carried out with Scrutiny and others?")
        == "consultation"
    )
    assert heading_kind("What options have been considered?") == "options"
    assert heading_kind("1. What is the report about?") is None
    assert heading_kind("What is the Council doing about it?") is None


_QUESTION_TEMPLATE = (
    "Title: Highway Resurfacing Framework and Gully Cleansing Contract\n\n"
    "1. What is the report about?\n\n1.1 The report seeks approval for a resurfacing works "
    "framework and a short extension of the gully cleansing contract.\n\n"
    "3. What are the Recommendations?\n\n3.1 That Cabinet approves the procurement of a "
    "four-year framework for carriageway resurfacing works.\n\n3.2 That Cabinet approves a "
    "12-month extension of the existing gully cleansing service contract with Sample Drains "
    "Ltd.\n\n4. Report details\n\n4.1 Pothole repairs are carried out by the Council's own "
    "workforce. These arrangements work well and no change is proposed.\n"
)


def test_recommendations_under_a_question_heading_decide() -> None:
    """A recommendation under "What are the Recommendations?" is decided: a background remark
    that "no change is proposed" to another service does not make the report decide nothing."""
    result = classify(_QUESTION_TEMPLATE, doc_type="report")
    assert result.is_outsourcing
    assert any(ev.rule == "contract_extension" and "3.2" in ev.quote for ev in result.evidence)


_CALL_IN = (
    "Minutes of the meeting of the Overview and Scrutiny Committee\n\n"
    "21 APOLOGIES FOR ABSENCE\nApologies were received from one Member of the Committee.\n\n"
    "22 DECLARATIONS OF INTEREST\nA Member declared an interest as a user of one of the "
    "libraries.\n\n"
    "23 CALL-IN: FUTURE OF THE LIBRARY SERVICE (CABINET, 3 MARCH)\nThe Chairman explained "
    "that the Cabinet decision to transfer the management of the Council's libraries to an "
    "independent charitable trust under a ten-year agreement had been called in by three "
    "Members.\nRESOLVED\nTo take no further action on the call-in.\n\n"
    "24 WORK PROGRAMME\nThe Committee noted the work programme for the year and agreed the "
    "dates of its next two meetings.\n"
)


def test_minutes_with_numbered_procedure_are_cut_into_items() -> None:
    """Numbered minutes that open with apologies and declarations are a pack of items even
    when only one item says "RESOLVED": the called-in transfer is not lost inside the
    declarations item (which is procedure, and decides nothing)."""
    result = classify(_CALL_IN, doc_type="other")
    assert result.is_outsourcing
    assert any(s.startswith("item:23 CALL-IN") for s in result.signals)


_UNNUMBERED = (
    "APOLOGIES FOR ABSENCE\nThere were no apologies for absence.\n\n"
    "HOUSING ENFORCEMENT POLICY\nThe Cabinet considered a report seeking approval of a revised "
    "housing enforcement policy. Members were informed that a six-week public consultation "
    "with residents, landlords and tenants had received 84 responses.\n"
    "Decision: The revised policy be approved.\n\n"
    "GROUNDS MAINTENANCE CONTRACT – EXTENSION\nThe Cabinet considered a report on the grounds "
    "maintenance contract with Sample Green Ltd. Officers had looked at returning the service to "
    "in-house delivery but rejected it on cost.\n"
    "Decision: The grounds maintenance contract be extended for two years in accordance with "
    "its extension provisions.\n"
)


def test_unnumbered_minutes_over_decision_lines_are_items() -> None:
    """Minutes whose items are headed in capitals, each "The Cabinet considered ..." then
    "Decision: ...", are cut into items: the housing policy's consultation is not the
    contract's."""
    result = classify(_UNNUMBERED, doc_type="decision")
    assert result.is_outsourcing and result.has_inhouse_statement
    assert not result.has_consultation


def test_health_names_no_one_service() -> None:
    """"Health" alone does not tie sexual health to health visiting."""
    assert terms("the integrated sexual health service").isdisjoint(
        terms("health visiting and school nursing")
    )
