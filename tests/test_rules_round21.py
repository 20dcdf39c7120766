"""Round 21 families: wording found in blind held-out sets h73 (notices), h74 (long reports),
h75 (ModernGov pages) and h76 (short texts), written as general patterns.

Every sentence here is written for these tests (fictional councils, places and firms); each
family has a case that must change and one that must not."""

from __future__ import annotations

import pytest

from monitor.classify import classify

OUT, SALE, CONS, INH = (
    "is_outsourcing",
    "is_asset_sale",
    "has_consultation",
    "has_inhouse_statement",
)

_EXTENSION = (
    "Decision: to extend the grounds maintenance contract with Sample Green Ltd by two years "
    "from 1 April 2026, as the contract allows. "
)
_TRANSFER = (
    "The Council proposes to transfer the ownership and management of its 4,000 homes to a "
    "new housing association, subject to a ballot of tenants. "
)

ROUND21_CASES = [
    # Works on a building whose service moves out while they are done: the service named is
    # what the works displace, not what is bought.
    (
        "Decision: to award the works contract for the re-roofing and refurbishment of "
        "Sampleford Library to Sample Builders Ltd in the sum of £410,000, with library "
        "services to be relocated temporarily to the town hall during the works.",
        OUT,
        False,
    ),
    (
        "Decision: to award the contract for the management of library services at "
        "Sampleford to Sample Libraries Trust for five years, after a competitive tender.",
        OUT,
        True,
    ),
    # The do-minimum option of an extension is the service going back to the council.
    (
        _EXTENSION + "Options: the do-minimum option, letting the contract expire with the "
        "service reverting to the Council, was discounted as the Council has no grounds team.",
        INH,
        True,
    ),
    (
        _EXTENSION + "Options: the do-minimum option, letting the contract expire, was "
        "discounted because the parks would go unmaintained.",
        INH,
        False,
    ),
    # A housing stock options appraisal names the homes staying with the council.
    (
        _TRANSFER + "We looked at the 'stay with the Council' option in detail: it would "
        "leave a funding gap of £90m over thirty years.",
        INH,
        True,
    ),
    (
        _TRANSFER + "Tenants' rents and rights would remain with the Council until the transfer "
        "date.",
        INH,
        False,
    ),
    # A consultation page lists options it asks about; its list items decide nothing.
    (
        "Have your say on the future of Sampleshire's museums. We are asking for your views on "
        "several options, including:\n- reducing opening hours at two museums\n- asking an "
        "independent charitable trust to run the museums on the Council's behalf\nThe results "
        "will be reported to Cabinet in the autumn.",
        OUT,
        False,
    ),
    (
        "Cabinet resolved:\n(a) to ask an independent charitable trust to run the museums on "
        "the Council's behalf from April 2026;\n(b) to delegate the terms to the Director.",
        OUT,
        True,
    ),
]

# Consultation (the cases are about a decision that lets or sells something).
_SALE = (
    "Resolved: that the former depot at Sample Lane be declared surplus and sold on the open "
    "market at best consideration. "
)

ROUND21_CONSULTATION_CASES = [
    # A consultation promised on changes that may come later is not one on this decision.
    (
        _SALE + "A separate review of the depot policy is under way; any proposed changes to "
        "that policy would be subject to consultation with residents.",
        CONS,
        False,
    ),
    (
        _SALE + "The proposed sale was the subject of a consultation with residents in May, "
        "and 14 responses were received.",
        CONS,
        True,
    ),
    # A statute cited for a case that may arise is not a notice given.
    (
        _SALE + "Where the land to be disposed of forms part of common good land, section 104 "
        "of the Community Empowerment (Scotland) Act 2015 applies.",
        CONS,
        False,
    ),
    (
        _SALE + "Notice of the proposed disposal of the open space was advertised in the "
        "Sampleton Gazette for two consecutive weeks and no objections were received.",
        CONS,
        True,
    ),
]

_DYNAMIC_MARKET_BODY = (
    "\nSample County Council\nScope\nDescription\nSample County Council is establishing a "
    "dynamic market for the provision of home to school and special educational needs "
    "passenger transport services.\nMain procurement category: Services\nCPV classifications: "
    "60130000 - Special-purpose road passenger-transport services"
)

ROUND21_NOTICE_CASES = [
    # A page whose notice code and name disagree is read by its name.
    ("UK12: Dynamic market notice - establishment" + _DYNAMIC_MARKET_BODY, OUT, True),
    ("UK12: Procurement termination notice" + _DYNAMIC_MARKET_BODY, OUT, False),
]


@pytest.mark.parametrize(("text", "label", "expected"), ROUND21_CASES + ROUND21_CONSULTATION_CASES)
def test_round21_families(text: str, label: str, expected: bool) -> None:
    assert bool(getattr(classify(text, doc_type="decision"), label)) is expected


@pytest.mark.parametrize(("text", "label", "expected"), ROUND21_NOTICE_CASES)
def test_round21_notice_families(text: str, label: str, expected: bool) -> None:
    assert bool(getattr(classify(text, doc_type="procurement"), label)) is expected
