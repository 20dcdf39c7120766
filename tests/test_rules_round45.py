"""Round 45 families: wording found in blind held-out sets h171–h172 (long reports, short
texts in the four nations' styles), written as general patterns.

Every sentence here is written for these tests (fictional councils, places and firms); each
family has a case that must change and one that must not."""

from __future__ import annotations

import pytest
from rule_labels import INH, OUT, SALE, assert_label

from monitor.classify import classify

_AWARD = "Decision\n1. To award the contract for the service to Sample Services Ltd. "

FAMILIES = [
    # A step left to another decision is not this record's.
    (
        "Decision:\nTo approve the Council taking a lease of Unit 4, Sample Park, for a depot.\n"
        "Disposal of the Sample Road site is the subject of a separate decision.",
        SALE,
        False,
        "decision",
    ),
    (
        "Decision:\nTo approve the disposal of the Sample Road site, which was the subject of "
        "a public notice under section 123(2A).",
        SALE,
        True,
        "decision",
    ),
    # In-house options in more words.
    (
        _AWARD + "Taking the service desk into the Council's own establishment was costed at "
        "£1.1m a year more and was therefore not taken forward.",
        INH,
        True,
        "decision",
    ),
    (
        _AWARD + "Option B, delivery of supported living by the Council's internal adult social "
        "care provider service, was appraised but not recommended.",
        INH,
        True,
        "decision",
    ),
    (
        _AWARD + "Universal youth provision would continue to be delivered by the council's "
        "Community Learning service, but the council has no detached youth work workforce.",
        INH,
        True,
        "decision",
    ),
    (
        _AWARD + "Universal youth provision would continue to be delivered from the council's "
        "community centres.",
        INH,
        False,
        "decision",
    ),
    # Round 46 (h173-h174): a competitive tender gone out to; a page that has decided nothing.
    (
        "Decision:\nApproval is given to go out to competitive tender for the cleaning of the "
        "Library, Museum and Archive buildings for three years.",
        OUT,
        True,
        "decision",
    ),
    (
        "Have your say: Household Waste Recycling Centres\nWe have not made any decision yet. "
        "Options we are asking about include:\n• re-tendering the operation of all sites under "
        "a new contract;\n• bringing the operation in-house.",
        OUT,
        False,
        "other",
    ),
    # Options in one sentence, one chosen by a long reference.
    (
        "2.6 Three options have been considered for the site: Option 1 – retain and mothball "
        "the building; Option 2 – grant a 15-year lease for storage use; Option 3 – freehold "
        "disposal via informal tender to the highest compliant bidder.\nRESOLVED –\n(1) That "
        "Option {n} as set out in paragraph 2.6 of the considered report, and detailed in "
        "exempt Appendix B, be approved.",
        SALE,
        None,
        "decision",
    ),
]


@pytest.mark.parametrize(("text", "label", "expected", "doc_type"), FAMILIES[:-1])
def test_families(text: str, label: str, expected: bool, doc_type: str) -> None:
    assert_label(text, label, expected, doc_type)


@pytest.mark.parametrize(("n", "expected"), [("3", True), ("1", False)])
def test_an_option_in_a_sentence_of_options_chosen_by_a_long_reference(
    n: str, expected: bool
) -> None:
    text = FAMILIES[-1][0].format(n=n)
    assert classify(text, doc_type="decision").is_asset_sale is expected


_FILLER = (
    "The programme board met monthly and reported progress against its milestones, its risks "
    "and its budget to the Corporate Leadership Team. " * 40
)
_TWO_MATTERS = (
    "ADULT SOCIAL CARE: (1) RE-PROCUREMENT OF THE SHORT BREAKS FRAMEWORK AND (2) OUTCOME OF "
    "CONSULTATION ON THE FUTURE OF DAY CENTRES\n1. Recommendations\n1.1 Cabinet is asked to:\n"
    "(a) approve the re-procurement of the short breaks framework; and\n(b) consider the "
    "outcome of the public consultation on the Council's day centres.\n2. Background\n2.1 "
    + _FILLER
    + "\n8. {heading}\n8.1 A 12-week public consultation was held.\n8.2 A total of 1,087 "
    "responses were received from residents.\n"
)


@pytest.mark.parametrize(
    ("heading", "expected"),
    [
        # the title and the recommendation name both matters; the consultation is the day
        # centres' (its section says so), not the short breaks framework's
        ("Day centres", False),
        ("Short breaks", True),
    ],
)
def test_a_paper_on_two_matters(heading: str, expected: bool) -> None:
    text = _TWO_MATTERS.format(heading=heading)
    assert len(text) > 5_000
    c = classify(text, doc_type="report")
    assert c.is_outsourcing and bool(c.has_consultation) is expected
