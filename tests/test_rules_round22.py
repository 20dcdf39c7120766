"""Round 22 families: wording found in blind held-out sets h77 (notices), h78 (long minutes and
reports), h79 (plans and statutory notices) and h80 (short texts), written as general
patterns.

Every sentence here is written for these tests (fictional councils, places and firms); each
family has a case that must change and one that must not."""

from __future__ import annotations

import pytest

from monitor.classify import classify
from monitor.confidence import judge, reading_of_pages

OUT, CONS, INH = "is_outsourcing", "has_consultation", "has_inhouse_statement"

_LEISURE_PLAN = (
    "Future Operating Model for Sampleton Leisure Centre. Cabinet will be asked to decide "
    "whether to re-tender the leisure management contract to an external operator or to bring "
    "the operation back in-house.\nConsultation process\n"
)
_EXTRA_CARE = (
    "The Board considered the call-in of the Cabinet decision to award contracts for care and "
    "support at the extra care schemes to Sample Care Ltd. "
)
_CALL_HANDLING = (
    "Resolved that Council approve the award of the contract for the Provision of an Out of "
    "Hours Call Handling and Emergency Response Service to the most economically advantageous "
    "tenderer. "
)
_LEISURE_EXTENSION = (
    "Recommendation: that Cabinet approves the exercise of the option to extend the agreement "
    "with Sample Leisure Ltd for the management and operation of the leisure centres for five "
    "years.\nConsultation\n9.1 The operator runs user forums at its larger sites and publishes "
    "customer survey results. "
)

ROUND22_CASES = [
    # The public's own say beside a scrutiny committee in one consultation field.
    (
        _LEISURE_PLAN + "Residents' leisure survey (1,142 responses) and focus groups with "
        "centre users; Overview and Scrutiny Committee.",
        CONS,
        True,
    ),
    (_LEISURE_PLAN + "Overview and Scrutiny Committee; Equality Impact Assessment.", CONS, False),
    # A strategic partnership named with its service.
    (
        "Decision: 1. To enter into a strategic leisure partnership with Sample Leisure "
        "Partnerships Ltd for the management and operation of Sampleton Leisure Centre for ten "
        "years.",
        OUT,
        True,
    ),
    (
        "Decision: 1. To enter into a partnership with Sampleton Town Council for the management "
        "of the allotments.",
        OUT,
        False,
    ),
    # A provider's press release: its new contract with the council.
    (
        "Sample Environmental Services is pleased to confirm that it has begun mobilisation of "
        "its new eight-year street cleansing contract with Sampleton Borough Council.",
        OUT,
        True,
    ),
    (
        "Sampleton Borough Council has begun mobilisation of its new in-house street cleansing "
        "team, which takes over the streets of the town centre from 1 April.",
        OUT,
        False,
    ),
    # Declining an option to extend is deciding against the contract.
    (
        "1. That the Council does not exercise the option to extend the waste collection "
        "contract with Sample Environmental Ltd, which will therefore expire on 31 March.",
        OUT,
        False,
    ),
    (
        "1. That the Council exercises the option to extend the waste collection contract with "
        "Sample Environmental Ltd for a further two years.",
        OUT,
        True,
    ),
    # A service named in full ("Provision of ... Service") in minutes whose other items name
    # works.
    (_CALL_HANDLING + "Item 7: the roof replacement works at the depot were noted.", OUT, True),
    (
        "Resolved that Council approve the award of the contract to the most economically "
        "advantageous tenderer. Item 7: the roof replacement works at the depot.",
        OUT,
        False,
    ),
    # No public consultation on this very decision outweighs a provider's own user forums.
    (
        _LEISURE_EXTENSION + "9.2 There has been no public consultation on the proposed extension.",
        CONS,
        False,
    ),
    (_LEISURE_EXTENSION, CONS, True),
    # Goods named after the service they serve: "Refuse Collection Vehicles".
    (
        "Subject: Fleet Replacement Programme - Refuse Collection Vehicles\nDecision: to approve "
        "a call-off from the vehicle purchase framework for eleven refuse collection vehicles. "
        "The framework allows direct award to the supplier offering best value.",
        OUT,
        False,
    ),
    (
        "Subject: Refuse Collection Services\nDecision: to approve a call-off from the waste "
        "services framework. The framework allows direct award to the supplier offering best "
        "value.",
        OUT,
        True,
    ),
    # An in-house option that "had not formed part of" the report was not weighed.
    (
        _EXTRA_CARE + "The Director responded that an in-house option had not formed part of "
        "the report.",
        INH,
        False,
    ),
    (
        _EXTRA_CARE + "The Director responded that an in-house option had been appraised and "
        "rejected as unaffordable.",
        INH,
        True,
    ),
]

_DRUG_SERVICE = (
    "UK4: Tender notice\nSample City Council is seeking a provider to deliver an adult drug and "
    "alcohol treatment service.\nMain procurement category: Services\nCPV: 85323000 Community "
    "health services\n"
)

ROUND22_NOTICE_CASES = [
    # A notice's list of options, reported by its lead-in, is what the council did.
    (
        _DRUG_SERVICE + "The committee report considered three options: (a) re-commission "
        "externally; (b) bring treatment services in-house under the Public Health team; (c) "
        "direct award to the incumbent.",
        INH,
        True,
    ),
    (
        _DRUG_SERVICE + "Bidders will be required to set out: (a) their mobilisation plan; (b) "
        "how staff transfer from the in-house treatment team.",
        INH,
        False,
    ),
    # A sale on a portal named by what is sold.
    (
        "Public Contracts Scotland\nPrior Information Notice\nTitle: Sale of Former Sampleton "
        "Primary School and Schoolhouse\nType of contract: Services\nShort description: The "
        "school closed in 2019 and the property has been declared surplus to operational "
        "requirements by the Business Services Committee.",
        OUT,
        False,
    ),
    (
        "Public Contracts Scotland\nContract Notice\nTitle: Provision of Catering Services to "
        "Sampleton Primary Schools\nType of contract: Services\nShort description: Sample "
        "Council seeks a contractor to provide school meals.",
        OUT,
        True,
    ),
]


@pytest.mark.parametrize(("text", "label", "expected"), ROUND22_CASES)
def test_round22_families(text: str, label: str, expected: bool) -> None:
    assert bool(getattr(classify(text, doc_type="decision"), label)) is expected


@pytest.mark.parametrize(("text", "label", "expected"), ROUND22_NOTICE_CASES)
def test_round22_notice_families(text: str, label: str, expected: bool) -> None:
    assert bool(getattr(classify(text, doc_type="procurement"), label)) is expected


# Policy questions: blind labellers split on café concessions and on cleaning or guarding the
# council's own buildings; the monitor reads them as outsourcing and sends the flag to staff.
_CAFE = (
    "Decision: to award a concession contract to Sample Catering Ltd to run the café in the "
    "pavilion at Sample Park for five years, after an open tender."
)
_OWN_OFFICES = (
    "UK4: Tender notice\nTitle: Office Cleaning Services - Council Offices\nSample Borough "
    "Council is seeking a contractor to provide daily cleaning services at its council "
    "offices.\nMain procurement category: Services"
)
_SCHOOLS = _OWN_OFFICES.replace("Office Cleaning Services - Council Offices", "School Meals")


@pytest.mark.parametrize(
    ("text", "doc_type", "question"),
    [(_CAFE, "decision", "cafe_concession"), (_OWN_OFFICES, "procurement", "own_premises")],
)
def test_a_policy_question_is_flagged_for_staff_review_only(
    text: str, doc_type: str, question: str
) -> None:
    c = classify(text, doc_type=doc_type)
    assert c.is_outsourcing and c.should_flag
    assert f"policy_question:{question}" in c.signals
    conf = judge(c, reading_of_pages([(None, None, text)]), doc_type=doc_type)
    assert conf.route == "needs_review"
    assert "a policy question for campaign staff" in conf.reason


def test_a_service_for_the_public_is_no_policy_question() -> None:
    c = classify(_SCHOOLS, doc_type="procurement")
    assert c.is_outsourcing
    assert not any(s.startswith("policy_question:") for s in c.signals)
