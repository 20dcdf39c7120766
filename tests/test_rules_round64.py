"""Round 64 (blind sets h250–h255, scored on the rules of round 63): the misses as general
patterns, each with a case that must change and one that must not. Every sentence here is
written for these tests."""

from __future__ import annotations

import pytest
from rule_labels import CONS, INH, OUT, SALE, assert_label, long_paper

from monitor.classify import classify

FAMILIES = [
    # A recommendation that puts the decision off takes no step ...
    (
        "Recommendations\n2.1 Note that the former Sample Library, which Cabinet declared "
        "surplus in May 2024, will not be marketed for sale at this time, and agree that a "
        "decision on its future is deferred until the town centre plan is adopted.",
        SALE,
        False,
        "report",
    ),
    # ... one that sells one site and defers another still sells.
    (
        "Recommendations\n2.1 Approve the sale of the former Sample Depot on the open market and "
        "agree that a decision on the Sample Library is deferred.",
        SALE,
        True,
        "report",
    ),
    # An option marked rejected in its own clause, beside the one recommended ...
    (
        "9. Options considered\n9.2 Land at Sample Lane – disposal to a housing association "
        "(rejected, as the homes are to stay in the Housing Revenue Account); appropriation "
        "(recommended).",
        SALE,
        False,
        "report",
    ),
    # ... and the restated power to dispose of land.
    (
        "Legal implications\n10.1 The Council may dispose of land in any manner it wishes, "
        "subject to obtaining the best price reasonably obtainable.",
        SALE,
        False,
        "report",
    ),
    (
        "Purpose\nThis report updates the Committee on the asset review. It does not seek "
        "approval to dispose of any site.",
        SALE,
        False,
        "report",
    ),
    # A sale worded as an accepted offer for a strip of land ...
    (
        "Resolved: That it be recommended to the Council to accept the offer of £30,000 from "
        "the adjoining owners for the 0.2 acre strip of land at Sample Road, subject to "
        "contract, and to instruct the Council's solicitor to complete the conveyance.",
        SALE,
        True,
        "decision",
    ),
    (
        "Resolved: That the offer of a lease of office space from Sample Estates be accepted "
        "for the Council's housing team.",
        SALE,
        False,
        "decision",
    ),
    # "place the freehold interest on the open market", under a local plan's policy ...
    (
        "D2 Former Depot, Sample Lane\n(a) That the site be declared surplus.\n(b) That the "
        "Director be authorised to place the freehold interest on the open market by informal "
        "tender, with the benefit of the housing allocation (Policy H14), and to accept the "
        "offer that represents the best consideration reasonably obtainable.",
        SALE,
        True,
        "report",
    ),
    # ... not the council's disposal policy itself.
    (
        "That the revised Disposal of Land and Property Policy be adopted.",
        SALE,
        False,
        "decision",
    ),
    # A purchaser's own pre-application process is not the council consulting ...
    (
        "AGREED that the Council dispose of its freehold interest in the former Sample depot "
        "to Sample Homes Ltd for £300,000. Any community engagement on the development would "
        "form part of the purchaser's own pre-application process.",
        CONS,
        False,
        "decision",
    ),
    # ... residents talking it through at their meeting is.
    (
        "Decision: To vary the care contract with Sample Care Ltd at Sample Court to add a "
        "waking night service. Views of those affected: Tenants and their relatives talked "
        "through the night-time arrangements at the Sample Court residents' meeting.",
        CONS,
        True,
        "decision",
    ),
    (
        "RESOLVED - That a five-year concession contract to run the outdoor markets be awarded "
        "to the highest-scoring bidder. Cabinet noted what 250 shoppers had said in the markets "
        "questionnaire in January.",
        CONS,
        True,
        "decision",
    ),
    # The council's own team running it is the in-house option ...
    (
        "The report set out two options: (1) carry on as now, with the council's markets "
        "team running the markets directly at a deficit; (2) a concession to an operator. "
        "RESOLVED - That a five-year concession contract to run the outdoor markets be awarded "
        "to the highest-scoring bidder.",
        INH,
        True,
        "decision",
    ),
    # ... the team named as the client is not.
    (
        "RESOLVED - That a five-year concession contract to run the outdoor markets be awarded "
        "to the highest-scoring bidder, with the council's markets team managing the contract.",
        INH,
        False,
        "decision",
    ),
    # Operating the council's sites is a service, whatever goods it handles ...
    (
        "1. Approves the procurement of a contract for the operation of the County Council's "
        "household waste recycling centres, including haulage and the management of materials, "
        "for seven years.",
        OUT,
        True,
        "decision",
    ),
    (
        "1. Approves the procurement of twelve gritting vehicles and the materials to fit them.",
        OUT,
        False,
        "decision",
    ),
    # A firm appointed to supply a service's staff and back office lets the service ...
    (
        "Decision:\n1. That Sample Parking Ltd be appointed, following a further competition "
        "under the framework, to supply civil enforcement officers and the notice processing "
        "back office for five years.",
        OUT,
        True,
        "decision",
    ),
    # ... another council doing the work under section 101 does not.
    (
        "Decision\nTo enter into an agreement under section 101 of the Local Government Act "
        "1972 with Sampleton District Council, under which its control room will monitor the "
        "council's CCTV cameras for three years.",
        OUT,
        False,
        "decision",
    ),
    # Asking officers to explore whether a transfer could be achieved transfers nothing.
    (
        "R6 That Cabinet asks officers to explore with the Sample Sports Association whether a "
        "community asset transfer of the pavilion could be achieved.",
        SALE,
        False,
        "report",
    ),
]


@pytest.mark.parametrize(("text", "label", "expected", "doc_type"), FAMILIES)
def test_family(text: str, label: str, expected: bool, doc_type: str) -> None:
    assert_label(text, label, expected, doc_type)


def test_a_minutes_agreed_disposal_is_its_decision() -> None:
    c = classify(
        "P&R 26/031 FORMER SAMPLE DEPOT – DISPOSAL\nThe Head of Estates reported on the four "
        "offers received.\nAGREED that the Council dispose of its freehold interest in the "
        "former Sample depot to Sample Homes Ltd for £410,000, subject to contract.",
        doc_type="decision",
    )
    assert c.is_asset_sale and "is_asset_sale" in c.decided_in


# --------------------------------------------------------------------------------------------
# Long papers
# --------------------------------------------------------------------------------------------


def _long(text: str) -> str:
    # (section 11: the papers below have their own sections up to 9)
    return long_paper(text, section=11)


# An earlier decision told with "previously" or with its date and object is history.
_HISTORY = (
    "1. Summary\n1.1 Cabinet has previously approved the disposal of fourteen sites. Cabinet "
    "declared the library building surplus in July 2024 with a view to disposal.\n"
    "2. Recommendations\n2.1 {step}\n"
)


@pytest.mark.parametrize(
    ("step", "sale"),
    [
        ("Approve the Council taking a lease of office space at Sample House.", False),
        ("Approve the disposal of the former library building on the open market.", True),
    ],
)
def test_earlier_disposals_told_as_history_are_not_this_papers(step: str, sale: bool) -> None:
    # (and a recommendation that puts a decision off: test_a_deferred_decision_sells_nothing)
    c = classify(_long(_HISTORY.format(step=step)), doc_type="report")
    assert c.is_asset_sale is sale


# A fact that names nothing ("No decision has yet been made") is about its section's matter.
_TWO_SERVICES = (
    "2. Recommendations\n2.1 Approves the commencement of a procurement exercise for specialist "
    "short breaks for disabled children for four years.\n2.2 Notes the update on the regional "
    "fostering framework in section 5.\n"
    "5. {section}\n5.1 The regional fostering framework expires in 2026.\n5.2 The regional group "
    "is considering whether to re-let it. No decision has yet been made.\n"
)


@pytest.mark.parametrize(
    ("section", "outsourcing"),
    [("Independent fostering agencies", True), ("Short breaks", False)],
)
def test_an_undecided_other_matter_does_not_block(section: str, outsourcing: bool) -> None:
    c = classify(_long(_TWO_SERVICES.format(section=section)), doc_type="report")
    assert c.is_outsourcing is outsourcing


# A consultation the paper says was only about something else, or a statement that none was
# held on the matter it decides, leaves the decided sale unconsulted.
_SALE_AND_TARIFFS = (
    "2. Recommendations\n2.1 That Cabinet agrees to the sale of the freehold of Sample Street "
    "car park to Sample Hotels Ltd for £1.2 million.\n"
    "9. Tariffs\n9.1 Proposed tariff changes were the subject of a public consultation from "
    "November to December, with an online survey.\n9.2 {note}\n"
)


@pytest.mark.parametrize(
    ("note", "consulted"),
    [
        ("The tariff consultation related only to charges.", False),
        ("The consultation also asked about the future of Sample Street car park.", True),
    ],
)
def test_a_consultation_only_on_other_things(note: str, consulted: bool) -> None:
    c = classify(_long(_SALE_AND_TARIFFS.format(note=note)), doc_type="report")
    assert c.is_asset_sale and bool(c.has_consultation) is consulted


_DEPOT = (
    "2. Recommendations\n2.1 declares the former Sample Depot surplus and authorises its "
    "disposal freehold on the open market.\n"
    "4. Consultation\n4.1 Residents were consulted on the proposals last year.\n4.2 {depot}\n"
)


@pytest.mark.parametrize(
    ("depot", "consulted"),
    [
        ("No public consultation has been undertaken in respect of the depot.", False),
        ("The depot has been vacant since 2023.", True),
    ],
)
def test_none_held_on_the_decided_site(depot: str, consulted: bool) -> None:
    c = classify(_long(_DEPOT.format(depot=depot)), doc_type="report")
    assert c.is_asset_sale and bool(c.has_consultation) is consulted


def test_acronyms_and_the_papers_own_words_are_not_places() -> None:
    # "Re-procure" opening a sentence and "NHS" in another recommendation are not places:
    # the survey of the people who use the service is consultation on its re-procurement
    text = _long(
        "Re-procure the drug and alcohol service through an open tender, as set out below.\n"
        "2. Recommendations\n2.1 Approves the re-procurement of the drug and alcohol service "
        "through an open tender.\n2.2 Notes the review of NHS Health Checks.\n"
        "3. Consultation\n3.1 Between April and May the Council carried out a consultation on "
        "the future of the service; 312 people in treatment and their families responded. "
        "Page 3 of 9\n"
    )
    assert classify(text, doc_type="report").has_consultation


def test_bullets_of_a_word_processor_end_sentences() -> None:
    # "♦ seek approval for the disposal ... ♦ advise on the request for the pavilion": the
    # pavilion's representations are not consultation on the school sold
    text = _long(
        "1. Purpose\nThe purpose of the report is to: ♦ seek approval for the disposal of the "
        "former Ashby School to Sample Housing Association ♦ advise on the position regarding "
        "the asset transfer request received for Kelso Pavilion\n"
        "2. Recommendations\n(1) that the former Ashby School be sold to Sample Housing "
        "Association for £120,000;\n(2) that the position regarding the asset transfer request "
        "for Kelso Pavilion be noted.\n"
        "5. Kelso Pavilion\n5.1 Notice of the request was published, inviting representations "
        "from members of the public. Twenty representations were received.\n"
    )
    c = classify(text, doc_type="report")
    assert c.is_asset_sale and not c.has_consultation


# Scottish minutes: "Minute of the Meeting", "Declaration of Group Decisions and Members'
# Interests" are procedure; "continue consideration of this item to a future meeting" defers.
_SCOTTISH = (
    "Item 1. Chair\nCouncillor A chaired the meeting.\n"
    "Item 2. Declaration of Group Decisions and Members' Interests\nThere were no "
    "declarations.\n"
    "Item 3. Minute of the Meeting dated 1 April 2026\nThe minute was submitted and approved.\n"
    "Item 4. Revenue Budget Monitoring\nFollowing consideration, the Committee agreed to note "
    "the outturn for the year and the position on reserves.\n"
    "Item 5. Former Sample Primary School – Proposed Disposal\nA report invited the Committee "
    "to declare the former Sample Primary School surplus to requirements and to authorise its "
    "sale on the open market. There being no amendment, the Committee agreed to {step}.\n"
    "Item 6. Grants\nThe Committee agreed to award the grants listed in the report to the "
    "three local gala committees.\n"
)


@pytest.mark.parametrize(
    ("step", "sale"),
    [
        ("continue consideration of this item to a future meeting", False),
        ("declare the school surplus and authorise its sale on the open market", True),
    ],
)
def test_a_scottish_item_continued_sells_nothing(step: str, sale: bool) -> None:
    c = classify(_SCOTTISH.format(step=step), doc_type="decision")
    assert c.is_asset_sale is sale


_DEFERRED = (
    "2. Recommendations\n2.1 Note that the former Sample Library, which Cabinet declared "
    "surplus in May 2024, will not be marketed for sale at this time, and agree that a decision "
    "on its future is {step}.\n2.2 Approve the Council taking a lease of office space at Sample "
    "House.\n"
)


@pytest.mark.parametrize(
    ("step", "sale"),
    [
        ("deferred until the town centre plan is adopted", False),
        ("that it be sold on the open market", True),
    ],
)
def test_a_deferred_decision_sells_nothing(step: str, sale: bool) -> None:
    c = classify(_long(_DEFERRED.format(step=step)), doc_type="report")
    assert c.is_asset_sale is sale
