"""Round 53 families: wording and structure found in blind held-out sets h199–h202 (long papers
of the four nations' templates, tricky short texts, minutes and plans, notices between service
and goods), written as general patterns.

Every sentence here is written for these tests (fictional councils, places and firms); each
family has a case that must change and one that must not."""

from __future__ import annotations

import pytest
from rule_labels import CONS, INH, SALE, assert_label

from monitor.classify import classify

_NOTICE = (
    "Contracts Finder - Opportunity\nInterpreting Services for Residents\nSample City Council\n"
    "Description\nSample City Council is procuring a provider of interpreting so that residents "
    "can access adult social care and housing services.\n"
)
_CAT = (
    "Recommendations\n2.1 approve the transfer of ownership of Sample Community Centre to the "
    "Sample Development Trust SCIO for £1.\n"
)

FAMILIES = [
    # A notice reports what informed the service it buys ...
    (
        _NOTICE + "The service design was informed by a 2024 survey of residents who had used "
        "council interpreting.",
        CONS,
        True,
        "procurement",
    ),
    (
        _NOTICE + "The provider will survey residents who use the service every year.",
        CONS,
        False,
        "procurement",
    ),
    # ... and the in-house option it weighed.
    (
        _NOTICE + "The Council's own Interpreting Unit provides sign language. An option to expand "
        "that unit to cover spoken languages was assessed and was rejected.",
        INH,
        True,
        "procurement",
    ),
    (
        _NOTICE + "The Council's own Interpreting Unit provides sign language.",
        INH,
        False,
        "procurement",
    ),
    # A request published for representations is the statutory consultation ...
    (
        _CAT + "4.1 The Council published notice of the request on its website and at the "
        "building, inviting representations over a period of 20 working days.",
        CONS,
        True,
        "report",
    ),
    # ... a committee of councillors raising no objection is not.
    (
        _CAT + "4.1 The Area Committee was advised of the proposed disposal and raised no "
        "objection.",
        CONS,
        False,
        "report",
    ),
]


@pytest.mark.parametrize(("text", "label", "expected", "doc_type"), FAMILIES)
def test_family(text: str, label: str, expected: bool, doc_type: str) -> None:
    assert_label(text, label, expected, doc_type)


_TABLE = (
    "LIST OF FORTHCOMING KEY DECISIONS\n"
    "Key Decision | Decision Maker | Date | Proposed Consultation | Documents | Lead Officer\n"
    "D56204 Disposal of the former Sample Primary School site by way of a 125 year lease to a "
    "registered provider | Director of City Development | 23 June 2025 | Ward Members | "
    "Delegated decision report | Head of Land and Property\n"
    "D56211 Approval to consult on the draft Transport Strategy | Executive Board | 25 June 2025 "
    "| A twelve-week public consultation with residents | Board report | Chief Officer Highways\n"
    "D56217 Grant to the Community Foundation for the hardship fund | Director of Communities | "
    "1 July 2025 | None | Delegated decision report | Head of Stronger Communities\n"
)


def test_plan_rows_that_open_with_their_reference_are_entries() -> None:
    c = classify(_TABLE, doc_type="forward_plan")
    assert any(s.startswith("agenda_items:") for s in c.signals)
    # The residents' consultation belongs to the transport entry, not to the school site lease.
    assert c.is_asset_sale and not c.has_consultation and c.should_flag
    assert_label(_TABLE, SALE, True, "forward_plan")
