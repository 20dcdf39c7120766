"""Round 6 families: wording found in two new blind held-out sets (h9 short, h10 long),
written as general patterns.

Every sentence here is written for these tests (fictional councils, places and firms); each
family has a case that must change and one that must not."""

from __future__ import annotations

import pytest

from monitor.classify import classify
from monitor.notice_subject import names_public_facing_service

OUT, SALE, CONS, INH = (
    "is_outsourcing",
    "is_asset_sale",
    "has_consultation",
    "has_inhouse_statement",
)


@pytest.mark.parametrize(
    ("text", "doc_type", "label", "expected"),
    [
        # A procurement strategy *report* still to come does not make an extension policy.
        (
            "Decision\nTo approve a nine-month extension to the contract with the current "
            "provider of the Sampleton carers' support service, and to note the intention to "
            "bring a procurement strategy report in the spring.",
            "decision",
            OUT,
            True,
        ),
        (
            "Decision\nTo approve the refreshed Procurement Strategy 2026-2030.",
            "decision",
            OUT,
            False,
        ),
        # "1.2 to NOTE ..." is a clause of its own, not part of the award before it.
        (
            "The Committee AGREED:\n1.1 to award the contract for the provision of the "
            "day opportunities service to the successful tenderer for three years; and\n"
            "1.2 to NOTE that an equality impact assessment has been completed.",
            "decision",
            OUT,
            True,
        ),
        (
            "The Committee AGREED:\n1.1 to NOTE the award of the contract for the provision "
            "of the day opportunities service made last year.",
            "decision",
            OUT,
            False,
        ),
        # A variation of a contract with a long name.
        (
            "Decision:\n1. That a variation to the existing refuse collection, street "
            "cleansing and grounds maintenance services contract be approved to add a weekly "
            "garden waste round.",
            "decision",
            OUT,
            True,
        ),
        # Goods named as the reason a service contract changes, not what it buys.
        (
            "Decision:\nThat the term of the waste collection contract be extended by two "
            "years to allow for the amortisation of the new collection vehicles.",
            "decision",
            OUT,
            True,
        ),
        (
            "Decision:\nThat the contract for the supply of new collection vehicles be "
            "extended by two years.",
            "decision",
            OUT,
            False,
        ),
        # The contracts of a building project are works.
        (
            "Decision:\nTo approve entering into a Pre-Construction Services Agreement with "
            "the contractor appointed through the Sampleshire Construction Framework.",
            "decision",
            OUT,
            False,
        ),
        (
            "Decision:\nTo approve the appointment of the main contractor for the new "
            "library building under the services agreement.",
            "decision",
            OUT,
            False,
        ),
        # Frozen food is goods; a hot meals service with a welfare visit is a service.
        (
            "Decision: to award a contract for the supply and home delivery of frozen ready "
            "meals to eligible residents.",
            "decision",
            OUT,
            False,
        ),
        (
            "Decision: to award the contract for the provision of the community meals "
            "service (hot meals delivered with a welfare check).",
            "decision",
            OUT,
            True,
        ),
        # Bringing a service under direct management is insourcing.
        (
            "Decision:\n1. approves the transfer of the leisure service, with its staff, "
            "into direct management by the Council from 1 April.\n\nReasons for the decision:"
            "\nAn options appraisal compared procuring a new external operator with the "
            "Council running the service.",
            "decision",
            OUT,
            False,
        ),
        # A charitable incorporated organisation takes over a service.
        (
            "Recommendations\nc) approve the transfer of the operation of the library "
            "service at Millbrook to the CIO under a service level agreement for five years.",
            "report",
            OUT,
            True,
        ),
        # "RECOMMENDATION/S" heads what is decided, whatever section came before it.
        (
            "Consultation\nThe Partnership Board has been informed of the intention.\n\n"
            "RECOMMENDATION/S\nThat the Cabinet Member:\n1) approves a competitive procurement "
            "for an integrated advocacy service for five years.",
            "report",
            OUT,
            True,
        ),
    ],
)
def test_round6_outsourcing_and_sale_families(
    text: str, doc_type: str, label: str, expected: bool
) -> None:
    assert getattr(classify(text, doc_type=doc_type), label) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "RESOLVED that:\n(a) the purchase of 12 refuse collection vehicles be approved;\n"
            "(b) the disposal of the vehicles being replaced by auction be approved.",
            False,
        ),
        (
            "RESOLVED that:\n(a) the disposal of the former depot site and the vehicles "
            "stored there by auction be approved.",
            True,
        ),
    ],
)
def test_selling_old_vehicles_is_not_an_asset_sale(text: str, expected: bool) -> None:
    assert classify(text, doc_type="decision").is_asset_sale is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Continuing to run a service directly is the in-house option.
        (
            "Decision:\n1. That Cabinet approves the transfer of the operation of Elm Road "
            "Library to Friends of Elm Road Library (a charitable trust).\n\nReasons:\n"
            "Continuing to run the library directly was considered, but its cost could not "
            "be met within the budget.",
            True,
        ),
        (
            "Decision:\n1. That Cabinet approves the transfer of the operation of Elm Road "
            "Library to Friends of Elm Road Library (a charitable trust).\n\nReasons:\n"
            "The library will continue to deliver its services directly to residents.",
            False,
        ),
        # A stock options appraisal: retention by the council is the in-house option.
        (
            "Decision:\n(1) That the Council proceeds to a tenant ballot on the proposed "
            "transfer of the Council's housing stock to a new housing association.\n\n"
            "Reasons:\nRetention of the stock by the Council would not meet the housing "
            "quality standard.",
            True,
        ),
    ],
)
def test_round6_inhouse_wording(text: str, expected: bool) -> None:
    assert classify(text, doc_type="decision").has_inhouse_statement is expected


def test_no_formal_public_consultation_is_a_negative() -> None:
    text = (
        "Decision: to approve a Dynamic Purchasing System for home to school transport "
        "services and to award call-off contracts under it.\n\nConsultation\nNo formal "
        "public consultation is required because eligibility does not change."
    )
    result = classify(text, doc_type="decision")
    assert result.is_outsourcing and result.has_consultation is False and result.should_flag


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Connect to Work Lot 2 - Individual Placement and Support (IPS)", True),
        ("Supported Employment Service for Adults with Learning Disabilities", True),
        ("Employment Support Programme 2027", True),
        ("Recruitment of a Director of Finance", False),
        ("Employment Support Case Management Software", False),
    ],
)
def test_employment_support_titles_are_public_facing(title: str, expected: bool) -> None:
    assert names_public_facing_service(title) is expected


# ------------------------------------------------------------------ from h11 and h12


@pytest.mark.parametrize(
    ("text", "label", "expected"),
    [
        # A kerbside collection is a public service, whatever vehicles the report mentions.
        (
            "The report compared the cost of running the service in-house, including 5 new "
            "vehicles, with an external contract.\n\nRecommendation\nThat Members approve the "
            "procurement of a kerbside glass collection contract for five years.",
            OUT,
            True,
        ),
        # Modelling and consultancy frameworks serve the council's own decisions.
        (
            "Decision:\nTo award a call-off contract under the Engineering and Project "
            "Management framework to Sample Consulting Ltd for the development of the updated "
            "regional transport model.",
            OUT,
            False,
        ),
        # "Professional Services Contracts" beside works and supplies let no service.
        (
            "Title: Capital Programme – Approval to Award Works, Supply and Professional "
            "Services Contracts\n\nRecommendations\n2.1 That Cabinet approves the award of the "
            "following contracts:\n(a) construction of a new school hall;\n(b) the supply of "
            "six replacement gritting vehicles.",
            OUT,
            False,
        ),
        # A lease of a building "for a term of 30 years", the term after the parties.
        (
            "Recommendations\n(b) grant the trust a lease of the library building and the "
            "adjoining car park for a term of 30 years at a peppercorn rent.",
            SALE,
            True,
        ),
        # The council as tenant, and nothing of its own disposed of.
        (
            "RESOLVED that the lease of office space at Sample House be taken by the Council "
            "as tenant; no Council property was being disposed of.",
            SALE,
            False,
        ),
    ],
)
def test_round6b_subjects(text: str, label: str, expected: bool) -> None:
    assert getattr(classify(text, doc_type="report"), label) is expected


_SALE = (
    "Decision: the Cabinet agreed to grant a 99-year lease of the Sampleton Community Centre "
    "to Sampleton Community Partnership Ltd.\n\n"
)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Users of the centre had not been asked their views.", False),
        ("The report contained no evidence of consultation with residents.", False),
        ("The asset transfer policy did not require a public consultation in every case.", False),
        ("Members regretted the absence of any consultation with residents.", False),
        ("Councillor Smith asked whether residents would be consulted on the lease.", False),
        (
            "Any planning application for the site will be subject to the usual public "
            "consultation by the Council as local planning authority.",
            False,
        ),
        ("A public consultation ran for six weeks and 340 residents responded.", True),
    ],
)
def test_round6b_consultation_false_friends(sentence: str, expected: bool) -> None:
    result = classify(_SALE + "Consultation\n" + sentence, doc_type="decision")
    assert result.is_asset_sale and result.has_consultation is expected


def test_a_provider_questionnaire_is_market_engagement() -> None:
    text = (
        "Recommendations\n(a) approve the re-procurement of the supported living framework.\n\n"
        "Consultation\nA provider questionnaire on pricing and lotting received 18 responses."
    )
    assert classify(text, doc_type="report").has_consultation is False


_TENDER = (
    "Recommendation\n1. approves the procurement of floating support services for three "
    "years.\n\nOptions appraisal\n"
)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Option 1 – deliver the service through the council's in-house Housing Support "
            "Team. This was discounted: the team is fully committed.",
            True,
        ),
        (
            "Several neighbouring authorities had brought their support services back in-house "
            "in recent years.",
            False,
        ),
        ("A councillor said the Council should at least have costed the in-house option.", False),
    ],
)
def test_round6b_inhouse_wording(sentence: str, expected: bool) -> None:
    assert classify(_TENDER + sentence, doc_type="report").has_inhouse_statement is expected


def test_a_forward_plan_is_read_entry_by_entry() -> None:
    entry = (
        "Ref: FP/2027/{n}\n\nSubject: {subject}\n\nDecision: {decision}\n\n"
        "Decision maker: Cabinet\n\nConsultees: {consultees}\n\n"
        "--------------------------------------------------------------\n\n"
    )
    plan = "SAMPLESHIRE COUNTY COUNCIL\n\nFORWARD PLAN OF KEY DECISIONS\n\n" + "".join(
        [
            entry.format(
                n="003",
                subject="Local Transport Plan",
                decision="To adopt the Local Transport Plan following public consultation.",
                consultees="The public, through a twelve-week public consultation",
            ),
            entry.format(
                n="009",
                subject="Carers' Support Service",
                decision=(
                    "To approve the procurement of the carers' support service through a "
                    "competitive tender for a new contract from April."
                ),
                consultees="Cabinet Member for Adult Social Care",
            ),
        ]
    )
    result = classify(plan, doc_type="forward_plan")
    # The transport plan's public consultation belongs to its own entry, not the tender's.
    assert result.is_outsourcing and result.has_consultation is False and result.should_flag
    assert "item:Ref: FP/2027/009" in result.signals
