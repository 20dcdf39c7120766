"""Minutes and agenda packs: each item judged on its own (monitor.items, classify_pages)."""

from __future__ import annotations

import pytest

from monitor.classify import classify, classify_pages
from monitor.items import item_heading, split_items

# Project-made minutes: the outsourcing in one item, a public consultation in another.
_MINUTES = """Exampleshire District Council - Cabinet minutes

Present: Councillors Adams, Baker and Clarke.

12. Leisure services contract
The Cabinet considered the report of the Director of Place on the leisure centres.
RESOLVED that the leisure management contract be awarded to Active Leisure Ltd for ten years.

13. Library opening hours
The Cabinet considered the results of the public consultation on library opening hours, to
which 800 residents responded.
RESOLVED that the revised opening hours be approved.
"""


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("12. Leisure services contract", True),
        ("46 LEISURE CONTRACT OPTIONS", True),
        ("Item 7: Disposal of land at Mill Lane", True),
        ("Minute 45/2025", True),
        ("CAB 45/25 Waste collection contract", True),
        # A report's own numbered parts and numbered paragraphs are not items.
        ("6. Options considered", False),
        ("2. Recommendations", False),
        ("7.1 The current contract ends in March.", False),
        # Prose after a minute number, and a bare date, are not headings.
        (
            "109/2009 The Cabinet agreed to award the contract to the preferred bidder for "
            "three years.",
            False,
        ),
        ("16/02/2021", False),
    ],
)
def test_item_headings(line: str, expected: bool) -> None:
    assert (item_heading(line) is not None) is expected


def test_minutes_split_into_items_with_their_own_text() -> None:
    items = split_items([(None, None, _MINUTES)])
    assert [item.heading for item in items] == [
        None,
        "12. Leisure services contract",
        "13. Library opening hours",
    ]
    assert "Active Leisure" in items[1].text() and "Active Leisure" not in items[2].text()
    assert "800 residents" in items[2].text()


def test_an_item_never_borrows_another_items_consultation() -> None:
    c = classify(_MINUTES, doc_type="decision")
    assert c.is_outsourcing and c.has_consultation is False and c.should_flag
    assert "item:12. Leisure services contract" in c.signals
    assert all("Active Leisure" in ev.quote for ev in c.evidence)
    # Read as one text the library consultation clears the leisure contract of that part.
    # (without its headings: an unnumbered heading over "The Cabinet considered" is one too)
    whole = classify(
        _MINUTES.replace("12. Leisure services contract\n", "").replace(
            "13. Library opening hours\n", ""
        )
    )
    assert whole.has_consultation is True


def test_consultation_in_its_own_item_counts() -> None:
    text = _MINUTES.replace(
        "RESOLVED that the leisure management",
        "Residents were consulted on the future of the leisure centres through a public "
        "survey.\nThe officer explained that an in-house option was appraised and rejected on "
        "cost.\nRESOLVED that the leisure management",
    )
    c = classify(text, doc_type="decision")
    assert c.is_outsourcing and c.has_consultation is True and not c.should_flag


def test_a_single_report_with_numbered_parts_is_not_cut_up() -> None:
    report = """Future of the leisure centres

1. Purpose
To seek approval to tender the leisure management contract.

2. Recommendations
That Cabinet approves the procurement of a leisure operator.

3. Options considered
Continuing to run the centres in-house was considered and rejected on cost.

4. Next steps
A report on the tender outcome will follow in the spring.
"""
    assert len(split_items([(None, None, report)])) == 1


def test_pages_of_a_pack_keep_document_and_page() -> None:
    pages = [
        (
            "pack.pdf",
            1,
            "Item 4: Disposal of the former depot\nRESOLVED that the former depot "
            "at Mill Lane be sold at auction.\n",
        ),
        (
            "pack.pdf",
            2,
            "Item 5: Parks consultation\nThe committee noted the public "
            "consultation on the parks strategy.\nRESOLVED that the strategy be adopted.\n",
        ),
    ]
    c = classify_pages(pages, title="Policy committee, agenda reports pack")
    assert c.is_asset_sale and c.has_consultation is False and c.should_flag
    sale = [ev for ev in c.evidence if ev.label == "is_asset_sale"]
    assert sale and all(ev.document == "pack.pdf" and ev.page == 1 for ev in sale)
    assert c.pages_read == 2


def test_a_record_with_a_pack_document_keeps_its_own_text_with_its_title() -> None:
    """A CMIS meeting record: its own description (read with the record title) is one item,
    the attached agenda reports pack gives its items; nothing is cut across documents."""
    own = (None, None, "Policy committee meeting of 12 May. Agenda reports pack attached.")
    pack = [
        ("pack.pdf", 1, _MINUTES.replace("Exampleshire District Council - Cabinet minutes", "")),
    ]
    items = split_items([own, *pack])
    assert items[0].heading is None and items[0].pages == [own]
    assert [item.heading for item in items[1:] if item.heading] == [
        "12. Leisure services contract",
        "13. Library opening hours",
    ]
    c = classify_pages([own, *pack], title="Policy committee, 12 May")
    assert c.should_flag and "item:12. Leisure services contract" in c.signals
    assert {ev.document for ev in c.evidence} == {"pack.pdf"}


def test_procedural_items_are_not_judged() -> None:
    """Declarations of interest name other items' matters without deciding them."""
    text = """Cabinet minutes

21. Declarations of Interest
Councillor Adams declared an interest in the item on the award of the leisure management
contract to Active Leisure Ltd, as a member of its board.
RESOLVED that the declaration be noted.

22. Library opening hours
The Cabinet considered the results of the public consultation on library opening hours.
RESOLVED that the revised opening hours be approved.
"""
    items = split_items([(None, None, text)])
    assert [item.procedural for item in items if item.heading] == [True, False]
    c = classify(text, doc_type="decision")
    assert not (c.is_outsourcing or c.should_flag)
