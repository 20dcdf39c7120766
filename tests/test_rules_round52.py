"""Round 52 families: wording and structure found in blind held-out sets h195–h198 (long
reports in several councils' templates, scraped council pages, notices, minutes of less common
councils), written as general patterns.

Every sentence here is written for these tests (fictional councils, places and firms); each
family has a case that must change and one that must not."""

from __future__ import annotations

import pytest
from rule_labels import CONS, INH, OUT, SALE, assert_label

_AWARD = "Decision: To award a new four-year contract for the cleaning of the public toilets. "
_SALE = "Decision: To approve the sale of the former depot at Sample Road on the open market. "

FAMILIES = [
    # Setting up an in-house team to do the work is the in-house option.
    (
        _AWARD + "Cabinet also weighed whether the Council should set up its own in-house "
        "cleansing team; that option was costed at £90,000 a year more.",
        INH,
        True,
        "decision",
    ),
    (
        _AWARD + "The in-house legal team reviewed the contract terms.",
        INH,
        False,
        "decision",
    ),
    # A named former building let for 30 years, whatever a job title says.
    (
        "That the Council grants a lease of the former public convenience building, Sample Road, "
        "to the preferred bidder for a term of 30 years, on terms to be agreed by the Director "
        "of Regeneration and Policy.",
        SALE,
        True,
        "decision",
    ),
    (
        "That the Council's Asset Disposal Policy be adopted.",
        SALE,
        False,
        "decision",
    ),
    # Work brought into the council's own service is insourcing.
    (
        "Decision:\n1. That the grounds maintenance contract is not retendered and is allowed to "
        "expire.\n2. That from 1 April the work is brought into the Council's Streetscene "
        "service. A retender was estimated to cost 22% more.",
        OUT,
        False,
        "decision",
    ),
    (
        "Decision:\n1. That the grounds maintenance contract is retendered for five years.",
        OUT,
        True,
        "decision",
    ),
    # An in-house option costed is no decision to keep the service in-house.
    (
        "Retaining the service in-house would require an additional vehicle at an estimated "
        "annual cost of £148,000. RESOLVED that the Council proceed to tender for the collection "
        "of bulky household waste for three years.",
        OUT,
        True,
        "decision",
    ),
    (
        "RESOLVED that the bulky waste collection service remain in-house.",
        OUT,
        False,
        "decision",
    ),
    # A contractor "to extend" a contract, not a building.
    (
        "RECOMMENDED that the Council approves the direct award of a contract for the treatment "
        "of green waste to the current contractor for twelve months, with an option to extend "
        "for up to six months.",
        OUT,
        True,
        "decision",
    ),
    (
        "RECOMMENDED that the Council appoints a contractor to extend the school building.",
        OUT,
        False,
        "decision",
    ),
    # A consultation said to be separate.
    (
        _SALE + "The opening hours of the recycling centres were the subject of a separate "
        "public consultation in autumn 2023.",
        CONS,
        False,
        "decision",
    ),
    (
        _SALE + "The proposed sale was the subject of a public consultation in autumn 2023.",
        CONS,
        True,
        "decision",
    ),
    # The buyer's own pre-application engagement.
    (
        _SALE + "The purchaser will be responsible for any pre-application community engagement.",
        CONS,
        False,
        "decision",
    ),
    # Who attended is no partnership; a response to a government consultation lets nothing.
    (
        "Also present: Director of Public Realm; Strategic Finance Business Partner; Democratic "
        "Services Officer\nRESOLVED that the performance report be noted.",
        OUT,
        False,
        "decision",
    ),
    (
        "RESOLVED that the Council enters a strategic partnership with Sample Ltd for the "
        "delivery of highways services for ten years.",
        OUT,
        True,
        "decision",
    ),
    (
        "4. RESPONSE TO GOVERNMENT CONSULTATION ON THE NATIONAL FRAMEWORK FOR COMMISSIONING CARE "
        "AND SUPPORT\nDecision: To approve the response to the consultation.",
        OUT,
        False,
        "decision",
    ),
    (
        "4. HOME CARE FRAMEWORK\nDecision: To approve the commissioning of home care through a "
        "new framework of providers.",
        OUT,
        True,
        "decision",
    ),
    # A report's recommendations under "Cabinet is asked to:", beside a committee that noted.
    (
        "Proposals\nCabinet is asked to:\n1. Approve Option B, the extension of the waste "
        "collection contract for four years.\nBackground\nThe Committee noted the proposals and "
        "asked to be kept informed.",
        OUT,
        True,
        "report",
    ),
]


@pytest.mark.parametrize(("text", "label", "expected", "doc_type"), FAMILIES)
def test_family(text: str, label: str, expected: bool, doc_type: str) -> None:
    assert_label(text, label, expected, doc_type)
