"""Round 44 families: wording and structure found in blind held-out sets h167–h170 (long
papers on several matters, short texts on uncommon services, minutes of every layout,
notices), written as general patterns.

Every sentence here is written for these tests (fictional councils, places and firms); each
family has a case that must change and one that must not."""

from __future__ import annotations

import pytest
from rule_labels import CONS, INH, OUT, SALE, assert_label

from monitor.classify import classify
from monitor.items import item_heading, split_items

FAMILIES = [
    # A tender-or-insource choice for an advice service.
    (
        "Description:\nThe Committee will be asked to decide whether to procure a new contract "
        "for welfare rights and debt advice from 1 April, or to bring the service together "
        "with the Council's existing Welfare Rights Team and deliver it directly.",
        OUT,
        True,
        "forward_plan",
    ),
    (
        "Description:\nThe Committee will be asked to decide whether to procure new legal advice "
        "for the Council's planning team from 1 April.",
        OUT,
        False,
        "forward_plan",
    ),
    # The winter service let under agreements, the decision numbered as a paragraph.
    (
        "1. Decision\n1.1 To approve the award of call-off agreements for secondary-route "
        "gritting and snow ploughing to the 37 farmers listed in Appendix B.",
        OUT,
        True,
        "decision",
    ),
    (
        "1. Decision\n1.1 To approve the purchase of 12 gritting vehicles.",
        OUT,
        False,
        "decision",
    ),
    # The proposal itself put in the budget consultation.
    (
        "RESOLVED that a concession contract for pest control be procured.\nSavings proposal "
        "PP07 was included in the Council's draft budget consultation. Of the 2,104 "
        "respondents, 38% agreed with this specific proposal.",
        CONS,
        True,
        "decision",
    ),
    # No council-owned land disposed of; land no longer open space needs no notice.
    (
        "Decision:\n2. To surrender the lease of 62 Sample Street to the landlord.\nNo "
        "Council-owned land or buildings will be disposed of as a result of this decision.",
        SALE,
        False,
        "decision",
    ),
    (
        "The Cabinet Member agreed the disposal of 1.4 hectares of the former recreation ground "
        "to Sample Homes. The land is no longer open space for the purposes of section 123(2A) "
        "of the Local Government Act 1972 and accordingly no public notice of the disposal is "
        "required.",
        CONS,
        False,
        "decision",
    ),
    # Options listed in one sentence; the one chosen by number.
    (
        "It was resolved to:\na) approve Option 3 in the table at paragraph 4.2 in respect of "
        "Lower Sample Farm.\nParagraph 4.2 (extract):\nOption 1 – re-let as a starter farm; "
        "Option 2 – amalgamate with the neighbouring holding; Option 3 – offer the farm for "
        "sale by informal tender.",
        SALE,
        True,
        "decision",
    ),
    (
        "It was resolved to:\na) approve Option 1 in the table at paragraph 4.2 in respect of "
        "Lower Sample Farm.\nParagraph 4.2 (extract):\nOption 1 – re-let as a starter farm; "
        "Option 2 – amalgamate with the neighbouring holding; Option 3 – offer the farm for "
        "sale by informal tender.",
        SALE,
        False,
        "decision",
    ),
    # A council's (or partnership's) own team grown to deliver directly is the in-house option.
    (
        "Decision\nTo award the housing support contracts to the providers listed.\nThe options "
        "appraisal also considered expanding the Partnership's own Homelessness Casework Team "
        "to deliver visiting support directly.",
        INH,
        True,
        "decision",
    ),
    # A rule for future cases lets nothing out.
    (
        "The Committee agreed that any future report proposing the externalisation of a "
        "council service should include an appraisal of continued in-house delivery.",
        OUT,
        False,
        "decision",
    ),
    (
        "The Committee agreed the externalisation of the council's pest control service.",
        OUT,
        True,
        "decision",
    ),
    # Bringing a service back in-house, whatever stands between.
    (
        "The report sought Cabinet approval to bring the cleaning of the Council's corporate "
        "buildings, currently provided under contract by an external contractor, back in-house "
        "on the expiry of the existing contract.\nRESOLVED -\n(1) THAT the cleaning service be "
        "delivered in-house by the Council's Building Cleaning Service with effect from 1 April.",
        OUT,
        False,
        "decision",
    ),
]


@pytest.mark.parametrize(("text", "label", "expected", "doc_type"), FAMILIES)
def test_families(text: str, label: str, expected: bool, doc_type: str) -> None:
    assert_label(text, label, expected, doc_type)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Item 8: Mr H Sutherland (non-financial)", False),
        ("Item 8: Former Roads Depot, Sampleton - Disposal", True),
        (
            "3. Decisions made by Mayor and Cabinet on 18 September 2024 - Young People's "
            "Supported Housing Pathway: Contract Award (Called In)",
            True,
        ),
    ],
)
def test_item_headings(line: str, expected: bool) -> None:
    assert (item_heading(line) is not None) is expected


_EXEMPT = """305. DISPOSAL OF FORMER SAMPLE PRIMARY SCHOOL SITE, SAMPLETON
The Committee considered a report on the disposal of the former school site to Sample Housing
Association. Public drop-in sessions were held and 211 residents completed a questionnaire.
Decision
The Committee agreed to declare the site surplus and to dispose of it to Sample Housing.

306. FORWARD WORK PROGRAMME
The Committee considered its forward work programme for the coming year.
Decision
The Committee noted the forward work programme.

308. EXCLUSION OF PUBLIC AND PRESS
Decision
The Committee resolved to exclude the public and press for the following item.

309. DISPOSAL OF FORMER SAMPLE PRIMARY SCHOOL SITE, SAMPLETON - FINANCIAL TERMS
The Committee considered the price and terms of the disposal of the former school site.
Decision
The Committee agreed the disposal of the site on the terms set out in the report.
"""


def test_an_item_after_the_public_are_excluded_joins_its_public_twin() -> None:
    headings = [i.heading or "" for i in split_items([(None, None, _EXEMPT)])]
    assert not any(h.startswith("309.") for h in headings)
    c = classify(_EXEMPT, doc_type="decision")
    assert c.is_asset_sale and c.has_consultation and not c.should_flag


_NI = """SAMPLE CITY AND DISTRICT COUNCIL
GSP62/25 Motion - Keeping Council Services in Public Hands
The motion was debated at length by Members of the Committee.
Recommendation: That Council adopts the motion.

GSP63/25 Community Plan - Consultation Report
Members noted the report on the public consultation on the Community Plan, to which 900 residents
responded.
Recommendation: That Members note the report.

GSP64/25 Disposal of Land at Sample Road
Members considered a report on the disposal of 0.21 hectares of land to the adjoining owner.
Alderman A moved, seconded by Councillor B and
Recommendation: That Members approve the disposal of the land at Sample Road to the adjoining
owner for £40,000.
"""


def test_northern_irish_minutes_are_judged_item_by_item() -> None:
    c = classify(_NI, doc_type="decision")
    # the Community Plan consultation is not the land sale's
    assert c.is_asset_sale and not c.has_consultation and c.should_flag


_FILLER = (
    "The board met monthly and reported progress against its milestones, risks and budget to "
    "the Leadership Team. " * 45
)
_COMBINED = (
    "1. Summary\n1.1 Section 4 asks the Board to declare the former Highways Depot surplus and "
    "to authorise its sale on the open market.\n3. Recommendations\n3.02 That the Board "
    "authorises the disposal of the freehold interest in the depot by informal tender on the "
    "open market.\n3.04 That the Board notes the results of the {survey} at Section 6.\n"
    "5. Progress\n5.1 " + _FILLER + "\n6. Survey\n6.1 The {survey} received 1,380 responses "
    "from residents.\n"
)


@pytest.mark.parametrize(
    ("survey", "expected"),
    [
        # a survey about parks is not consultation on selling a depot ("open market" is how
        # the depot is sold, not a market the parks share)
        ("Parks and Open Spaces Residents' Survey", False),
        ("Depot Site Residents' Survey", True),
    ],
)
def test_a_recommendation_that_notes_another_matters_survey(survey: str, expected: bool) -> None:
    text = _COMBINED.format(survey=survey)
    assert len(text) > 5_000
    c = classify(text, doc_type="report")
    assert c.is_asset_sale and bool(c.has_consultation) is expected


_NOTICE = (
    "Contract award notice (UK6)\nSampleton District Council\n\n{title}\n\nReference: SDC-24\n"
    "1. Contract\nThe contract is for {what}.\nMain category: Services\nCPV: 75130000 "
    "Supporting services for the government; 79940000 Collection agency services"
)


@pytest.mark.parametrize(
    ("title", "what", "expected"),
    [
        (
            "Revenues and Benefits Service Delivery Contract",
            "council tax billing and Housing Benefit assessment for residents",
            True,
        ),
        ("Debt Collection Software Licence", "a debt collection software licence", False),
    ],
)
def test_a_notices_title_under_its_kind_in_brackets(title: str, what: str, expected: bool) -> None:
    c = classify(_NOTICE.format(title=title, what=what), doc_type="procurement")
    assert c.is_outsourcing is expected
