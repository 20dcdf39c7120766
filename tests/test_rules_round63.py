"""Round 63 (blind sets h244–h249): the misses as general patterns, each with a case that
must change and one that must not. Every sentence here is written for these tests."""

from __future__ import annotations

import pytest
from rule_labels import CONS, INH, OUT, SALE, assert_label, long_paper

from monitor.classify import classify, classify_pages

FAMILIES = [
    # The in-house option named without its service: "retain within the Council" ...
    (
        "Decision\n(1) approved the transfer of the community meals service to Sample Meals "
        "CIC, independent of the Council, under a three-year contract;\n(2) noted the options "
        "considered: Option A, retain within the Council at a higher cost; Option B, transfer "
        "to the CIC.",
        INH,
        True,
        "decision",
    ),
    # ... not the council keeping its own ownership of a building.
    (
        "Decision\n(1) approved the transfer of the community meals service to Sample Meals "
        "CIC under a three-year contract;\n(2) agreed that the kitchen remains within the "
        "Council's ownership.",
        INH,
        False,
        "decision",
    ),
    # Best consideration with the steps of a sale (marketing, accepting an offer) ...
    (
        "Decision:\n1. To declare the former Sample Road clinic surplus to the Council's "
        "requirements.\n2. To authorise the Head of Property to market the site through agents "
        "and to accept the offer which represents the best consideration reasonably obtainable.",
        SALE,
        True,
        "decision",
    ),
    # ... not a valuation duty alone.
    (
        "The Head of Property confirmed that any future use of the clinic would have regard to "
        "best consideration.",
        SALE,
        False,
        "decision",
    ),
    # An integration joint board directs a council to let the service ...
    (
        "Decision\nThe Board agreed:\n(i) to issue a Direction to Sampleshire Council to "
        "procure a new care at home framework in three lots from April 2026.",
        OUT,
        True,
        "decision",
    ),
    # ... not a direction to run it itself.
    (
        "Decision\nThe Board agreed:\n(i) to issue a Direction to Sampleshire Council to "
        "continue to deliver the care at home service through its own staff.",
        OUT,
        False,
        "decision",
    ),
    # A forward plan's "Representations may be made to: Democratic Services" consults nobody
    (
        "Forward Plan entry\nHomeless hostels - future delivery\nCabinet will be asked to agree "
        "to re-tender the hostel contracts or to bring the service in-house.\nRepresentations "
        "may be made to: Democratic Services, Town Hall, by 3 June 2026.",
        CONS,
        False,
        "forward_plan",
    ),
    # ... a disposal notice's call for objections does.
    (
        "Notice of intended disposal of open space\nThe Council intends to dispose of open "
        "space at Sample Green by a 99-year lease. Objections to the disposal may be made in "
        "writing to Democratic Services, Town Hall, by 3 June 2026.",
        CONS,
        True,
        "notice",
    ),
    # A service added to a firm's existing agreement is let out ...
    (
        "RESOLVED that the Executive approves the addition of the council tax collection service "
        "to the Corporate Services Partnership Agreement with Sample Public Services Ltd by way "
        "of a variation.",
        OUT,
        True,
        "decision",
    ),
    # ... adding it to the council's own shared team is not.
    (
        "RESOLVED that the Executive approves the addition of the council tax collection "
        "service to the Council's Revenues Team from April.",
        OUT,
        False,
        "decision",
    ),
]


@pytest.mark.parametrize(("text", "label", "expected", "doc_type"), FAMILIES)
def test_family(text: str, label: str, expected: bool, doc_type: str) -> None:
    assert_label(text, label, expected, doc_type)


# Northern Irish minutes resolve with "Agreed:": an item that only notes a contract's review
# decides no letting; one that agrees an extension does.
_REVIEW = (
    "SPR 26/014 | Leisure Contract – Annual Review | The Director presented the annual review of "
    "the leisure management contract with Sample Leisure Ltd, which operates the Council's two "
    "leisure centres under a contract awarded in 2020. Attendances rose by 4%. Agreed: that {step}."
)


@pytest.mark.parametrize(
    ("step", "expected"),
    [
        ("the annual review be noted", False),
        ("the contract be extended for two years", True),
    ],
)
def test_an_item_agreed_only_to_note_lets_nothing(step: str, expected: bool) -> None:
    c = classify(_REVIEW.format(step=step), doc_type="decision")
    assert c.is_outsourcing is expected


# --------------------------------------------------------------------------------------------
# Long papers on several matters of one service
# --------------------------------------------------------------------------------------------

# A recommendation that names no matter ("to award places on the framework") does not lend
# its list's other matters to the decision.
_STRANDS = (
    "1. Purpose\n1.1 This report covers home support and day opportunities.\n"
    "2. Recommendations\nCabinet is asked to:\n(a) approve the commissioning of home support "
    "through a new framework agreement from October 2026 (Strand A);\n(b) delegate authority "
    "to the Director to award places on the framework;\n(c) agree that a public consultation "
    "is held on the future of {other} (Strand B).\n"
    "5. Strand B\n5.1 People who attend {other}, their families and carers will be invited "
    "to drop-in sessions and a survey.\n5.2 The options appraisal compared keeping {other} "
    "in-house with a social enterprise model.\n"
)


@pytest.mark.parametrize(
    ("other", "consulted"),
    [("the day centres", False), ("home support", True)],
)
def test_a_strand_consulted_on_is_not_the_strand_let(other: str, consulted: bool) -> None:
    c = classify(long_paper(_STRANDS.format(other=other)), doc_type="report")
    assert c.is_outsourcing and bool(c.has_consultation) is consulted


# A decision to bring one part of the repairs service in-house does not block a contract
# awarded in the same paper for another part.
_REPAIRS = (
    "2. Recommendations\n2.1 Agree that the responsive repairs service is brought in-house from "
    "April 2027 when the current contract ends.\n2.2 Approve the award of the contract for "
    "{award} to Sample Heating Ltd for five years.\n"
    "4. Responsive repairs\n4.1 A survey of all tenants received 1,900 responses.\n"
)


@pytest.mark.parametrize(
    ("award", "outsourcing"),
    [
        ("domestic gas servicing and boiler repairs", True),
        ("responsive repairs mobilisation support", False),
    ],
)
def test_insourcing_one_part_leaves_the_other_part_let(award: str, outsourcing: bool) -> None:
    c = classify(long_paper(_REPAIRS.format(award=award)), doc_type="report")
    assert c.is_outsourcing is outsourcing
    if outsourcing:
        # the tenants' survey was on the repairs brought in-house
        assert not c.has_consultation


# A recommendation that only notes a matter, or puts it off, is not a matter the paper
# decides: the representations on it are not consultation on the sale it does decide.
_PROPERTIES = (
    "2. Recommendations\nThe Committee:\n(i) declares the former roads depot, Sample Street, "
    "surplus and authorises its sale on the open market;\n(ii) {step} the asset transfer "
    "request for the former school at Sample Brae{tail}.\n"
    "5. The former school\n5.1 The Council published the request and invited representations "
    "from the public; 30 representations were received.\n"
)


@pytest.mark.parametrize(
    ("step", "tail", "consulted"),
    [
        ("notes that", " will be determined at a future meeting", False),
        ("approves", " and the sale of the former depot", True),
    ],
)
def test_a_noted_matters_representations_are_not_the_sales(
    step: str, tail: str, consulted: bool
) -> None:
    c = classify(long_paper(_PROPERTIES.format(step=step, tail=tail)), doc_type="report")
    assert c.is_asset_sale and bool(c.has_consultation) is consulted


# Places the recommendations name tell matters apart where the kind of service cannot: a
# consultation on a third care home is not consultation on the two transferred.
_HOMES = (
    "1. Purpose\n1.1 To decide the future of the Council's care homes Pen Y Bryn, Glanrafon "
    "and Maes Helyg.\n"
    "4. Maes Helyg\n4.1 A public consultation on the future of {consulted} will begin in "
    "September, with meetings for residents and their families.\n"
    "13. Recommendations\nThat Cabinet:\n(a) approves the transfer of Pen Y Bryn and Glanrafon "
    "care homes as going concerns to Sample Care Ltd, including the transfer of the freehold of "
    "both sites;\n"
    "(b) agrees that a public consultation on the future of Maes Helyg is undertaken.\n"
)


@pytest.mark.parametrize(("consulted", "expected"), [("Maes Helyg", False), ("Glanrafon", True)])
def test_a_named_places_consultation_stays_with_that_place(consulted: str, expected: bool) -> None:
    c = classify(long_paper(_HOMES.format(consulted=consulted)), doc_type="report")
    assert c.is_asset_sale and bool(c.has_consultation) is expected


# Minutes printed as a table of business whose row says "See detailed minute below", then
# the detailed minute under the same reference: one item, judged on both.
_TABLE_MINUTES = (
    "Ref | Item | Proceedings and decision\n"
    "AB 26/001 | Apologies | Apologies were received from Councillor C.\n"
    "AB 26/002 | Leisure Contract – Review | The annual review of the leisure management "
    "contract with Sample Leisure Ltd was presented. Agreed: that the review be noted.\n"
    "AB 26/003 | Land at Sample Lane –        | See detailed minute below.\n"
    "          | Disposal by long lease        |\n"
    "AB 26/004 | Capital Programme | Agreed: that the report be noted.\n\n"
    "AB 26/003   LAND AT SAMPLE LANE – DISPOSAL\n"
    "The Head of Estates reported that the proposal had been advertised and that a public "
    "consultation had run for eight weeks; 20 written responses had been received.\n"
    "Agreed: (i) that the outcome of the public consultation be noted; (ii) that the land at "
    "Sample Lane be disposed of to Sample Housing Association by a 125-year lease.\n"
)


def test_a_rows_detailed_minute_is_read_with_the_row() -> None:
    c = classify_pages([("minutes.pdf", 1, _TABLE_MINUTES)], doc_type="decision")
    assert c.is_asset_sale and c.has_consultation and not c.should_flag
