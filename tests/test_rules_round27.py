"""Round 27 families: wording found in blind held-out sets h98 (decision pages on less common
services and assets) and h100 (hard short texts), written as general patterns.

Every sentence here is written for these tests (fictional councils, places and firms); each
family has a case that must change and one that must not."""

from __future__ import annotations

import pytest

from monitor.classify import classify

OUT, SALE = "is_outsourcing", "is_asset_sale"

_SITES = (
    "Decision\nThe Committee:\n(1) agreed that, on expiry of the current site management "
    "contract, management of the three sites be {what};\n(2) noted the engagement with site "
    "residents.\nReasons\nThis is projected to cost £38,000 a year less than re-tendering."
)

ROUND27_CASES = [
    # A sale written as a buyer and a price, with an abbreviation in brackets.
    (
        "Decision:\nApproved: the Council's freehold interest in land at the former Sample Lane "
        "Depot (approx. 1.9 ha, shown edged red on the plan) to Sample Homes Limited for £1.2m, "
        "subject to contract.",
        SALE,
        True,
        "decision",
    ),
    (
        "Decision:\nApproved: the Council's freehold interest in land at the former Sample Lane "
        "Depot (approx. 1.9 ha, shown edged red on the plan) to be retained for a new school.",
        SALE,
        False,
        "decision",
    ),
    # A service brought in-house, without "back".
    (
        _SITES.format(what="brought in-house and delivered by Housing Services"),
        OUT,
        False,
        "decision",
    ),
    (_SITES.format(what="let to Sample Sites Ltd under a new contract"), OUT, True, "decision"),
    # A partner appointed to operate homes runs a service; one appointed to build homes buys
    # land or works.
    (
        "Summary: To approve a strategic commissioning approach for the Council's three "
        "children's homes, under which an independent sector partner would be appointed through "
        "a competitive process to operate the homes from April 2026.",
        OUT,
        True,
        "forward_plan",
    ),
    (
        "Summary: To approve the disposal of the former depot site, under which a development "
        "partner would be appointed through a competitive process to build the homes.",
        OUT,
        False,
        "forward_plan",
    ),
]


_LIBRARY = (
    "This report seeks a decision to transfer the former Sampleton Library and Community Rooms "
    "to Sampleton Community Partnership CIO {how}."
)
_CAPITAL = (
    "Recommendation: approve the grant of a 250-year lease of the Sample Street car park to "
    "Sample Regeneration LLP at a premium of £2m. "
)

ROUND27_MORE_CASES = [
    # A building transferred by the grant of a lease is an asset sale, not a service let.
    (_LIBRARY.format(how="by the grant of a 99-year lease at a peppercorn rent"), OUT, False),
    (
        _LIBRARY.format(how="to run the library service on the Council's behalf"),
        OUT,
        True,
    ),
    # A developer's duty to consult on its own planning application.
    (
        _CAPITAL + "The LLP will be required to consult the local community on its reserved "
        "matters planning application.",
        "has_consultation",
        False,
    ),
    (
        _CAPITAL + "The proposed lease was the subject of a public consultation with residents "
        "in May.",
        "has_consultation",
        True,
    ),
]

_SITES_NOTICE = (
    "Contract Notice\nSample County Council\nII.1.1) Title: {title}\nII.1.2) Main CPV code\n"
    "70330000 Property management services of real estate on a fee or contract basis\n"
    "II.1.3) Type of contract\nServices\nII.1.4) Short description\nThe Council wishes to "
    "appoint a contractor to provide the day-to-day management of {what}."
)


@pytest.mark.parametrize(
    ("title", "what", "expected"),
    [
        # Homes the council provides, managed for their residents, whatever the code says.
        ("Management of Gypsy and Traveller Residential Sites", "its two sites", True),
        ("Management of Commercial Property Portfolio", "its shops and offices", False),
    ],
)
def test_round27_notice_families(title: str, what: str, expected: bool) -> None:
    text = _SITES_NOTICE.format(title=title, what=what)
    assert classify(text, doc_type="procurement").is_outsourcing is expected


@pytest.mark.parametrize(("text", "label", "expected"), ROUND27_MORE_CASES)
def test_round27_more_families(text: str, label: str, expected: bool) -> None:
    assert bool(getattr(classify(text, doc_type="report"), label)) is expected


@pytest.mark.parametrize(("text", "label", "expected", "doc_type"), ROUND27_CASES)
def test_round27_families(text: str, label: str, expected: bool, doc_type: str) -> None:
    assert bool(getattr(classify(text, doc_type=doc_type), label)) is expected
