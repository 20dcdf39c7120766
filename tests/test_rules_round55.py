"""Round 55 families: wording and structure found in blind held-out sets h207–h212 (long
reports, minutes of several items, notices, short decisions, property papers, press releases),
written as general patterns.

Every sentence here is written for these tests (fictional councils, places and firms); each
family has a case that must change and one that must not."""

from __future__ import annotations

import pytest
from rule_labels import CONS, INH, OUT, assert_label

from monitor.classify import classify
from monitor.item_headings import item_heading
from monitor.subjects import terms

_AWARD = (
    "Decision\nThe Cabinet agreed to award the contract for the monitoring of the Council's "
    "public space CCTV cameras to Sample Watch Ltd for four years following a tender.\n"
)
_SALE = (
    "Decision\nTo approve the disposal of twelve small parcels of surplus Council land listed at "
    "Appendix A by auction or by private treaty at best consideration.\n"
)
_TRANSFER = (
    "Recommendations\n(i) agree to transfer the delivery of leisure and library services to "
    "Sample Leisure Trust, a charitable incorporated organisation, from 1 April.\n"
)

FAMILIES = [
    # An option of keeping the service in the council's own facility, costed and set aside ...
    (
        _AWARD + "Officers explained that retaining monitoring in the Council's own control room "
        "had been costed at £0.8m and was therefore not recommended.",
        INH,
        True,
        "decision",
    ),
    # ... not the same facility named without any option weighed.
    (
        _AWARD + "The Council's own control room will close when the contract starts.",
        INH,
        False,
        "decision",
    ),
    # The part of a service the council keeps is stated, not an option weighed ...
    (
        _AWARD + "Complaints about the operators will continue to be considered by the council's "
        "own customer relations team.",
        INH,
        False,
        "decision",
    ),
    # ... unlike an appraisal of whether the council's own staff should keep the whole service.
    (
        _AWARD + "The report appraised whether the service should continue to be delivered by the "
        "council's own staff, which would cost £0.3m a year more.",
        INH,
        True,
        "decision",
    ),
    # An open-space notice promised only if a site turns out to be open space ...
    (
        _SALE + "Should any site be found to constitute open space, a notice of the proposed "
        "disposal will be advertised under section 123(2A) before that site is sold.",
        CONS,
        False,
        "forward_plan",
    ),
    # ... is not the notice given for the land being sold.
    (
        _SALE + "Notice of the proposed disposal of the open space was advertised for two "
        "consecutive weeks under section 123(2A) and two objections were considered.",
        CONS,
        True,
        "forward_plan",
    ),
    # A trust the report says the council will not control is an outside provider ...
    (
        "This report is submitted under the Scheme of Administration relating to arm's-length "
        "external organisations.\n" + _TRANSFER + "The Council will not control the Trust, "
        "and the Trust will not be a Teckal company.",
        OUT,
        True,
        "report",
    ),
    # ... one wholly controlled by the council stays in-house.
    (
        "This report is submitted under the Scheme of Administration relating to arm's-length "
        "external organisations.\n" + _TRANSFER + "The Trust is wholly controlled by the Council, "
        "which is its sole member.",
        OUT,
        False,
        "report",
    ),
    # A firm appointed to run a service, as news tells it ...
    (
        "Sample Parking Ltd has been appointed to operate the Council's on-street and car park "
        "parking enforcement service from 1 August.",
        OUT,
        True,
        "other",
    ),
    # ... not a person appointed to a post that runs it.
    (
        "Jane Example has been appointed to manage the council's library service from 1 May, "
        "following the retirement of the previous Head of Libraries.",
        OUT,
        False,
        "other",
    ),
    # A contract's own procurement strategy, approved with its lots, is letting it ...
    (
        "Key decision\nCabinet will be asked to decide whether to re-procure the cleansing "
        "services through a competitive tender or to bring them in-house, and if re-procurement "
        "is chosen, to approve the procurement strategy and lotting structure.",
        OUT,
        True,
        "forward_plan",
    ),
    # ... the council's procurement strategy for all it buys is not.
    (
        "Cabinet approved the Council's procurement strategy for 2025 to 2029, which sets out "
        "how the Council will buy goods, works and services.",
        OUT,
        False,
        "decision",
    ),
]


@pytest.mark.parametrize(("text", "label", "expected", "doc_type"), FAMILIES)
def test_family(text: str, label: str, expected: bool, doc_type: str) -> None:
    assert_label(text, label, expected, doc_type)


def test_in_house_names_no_matter() -> None:
    """"In-house" says how a service is run, not that a paragraph is about a house: a costed
    in-house option in a paragraph that names no service is not on another matter."""
    assert terms("the option of bringing the services in-house was costed") == frozenset()
    assert terms("the sale of the house at 12 Sample Street") == frozenset({"house"})


_MINUTES = (
    "SAMPLE COUNCIL\nMinute of meeting of the Executive held on 4 March 2025\n\n"
    "EX41. Apologies\nApologies were intimated on behalf of one member.\n\n"
    "EX42. Skate Park Strategy: Outcome of Public Consultation\nThe Executive considered the "
    "outcome of the public consultation on the draft Skate Park Strategy, which received 900 "
    "responses from residents.\nDecision\nThe Executive approved the strategy.\n\n"
    "EX43. Community Alarm Monitoring - Approval to Tender\nThe Executive considered a report on "
    "the monitoring of community alarm calls. Continuing to provide the monitoring service "
    "in-house was appraised and rejected because of the capital cost of a new platform.\n"
    "Decision\nThe Executive agreed that the Council procures an external provider for the "
    "community alarm monitoring service for three years.\n"
)


def test_minute_numbers_glued_to_letters_split_the_items() -> None:
    """Minutes numbered "EX42." are items: the skate park item's public consultation is not a
    consultation on the alarm monitoring tender decided in another item."""
    assert item_heading("EX42. Skate Park Strategy: Outcome of Public Consultation")
    assert item_heading("A38 junction improvements") is None
    result = classify(_MINUTES, doc_type="decision")
    assert result.is_outsourcing and result.has_inhouse_statement
    assert not result.has_consultation
    assert result.should_flag
