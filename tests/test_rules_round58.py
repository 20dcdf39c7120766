"""Round 58 families: wording and structure found in blind held-out sets h223–h226 (long
papers of the four nations, short texts on rarely named services, minutes and plans in table
layouts, notices with field labels), written as general patterns.

Every sentence here is written for these tests (fictional councils, places and firms); each
family has a case that must change and one that must not."""

from __future__ import annotations

import pytest
from rule_labels import CONS, INH, OUT, SALE, assert_label

from monitor.classify import classify
from monitor.deciding import decides_or_formally_proposes
from monitor.text import analyse

_AWARD_NOTICE = (
    "Contract award notice\nSample County Council - Home to School Transport Call-offs\n"
    "II.1.2) Main CPV code: 60130000 - Special-purpose road passenger-transport services\n"
    "II.1.3) Type of contract: Services\nII.1.4) Short description\nAward of 40 contracts for "
    "daily home to school transport following mini-competitions under the Council's dynamic "
    "purchasing system.\n"
)
_REPORT = (
    "Recommendations\n2.1 That Cabinet approves the transfer of the library service to Sample "
    "Libraries, a charitable incorporated organisation, from 1 April.\n"
    "3.1 This report is submitted under the Council's framework for arm's-length external "
    "organisations.\n"
)
_CREMATORIUM = (
    "Recommendations\n1.1 approves the selection of the preferred bidder to design, build, "
    "finance and operate a new crematorium on Council land.\n\n"
    "Options appraisal\n"
)

FAMILIES = [
    # A supplier field with a note after the names: the note's "Council" is no supplier ...
    (
        _AWARD_NOTICE + "V.2.3) Name and address of the contractor: 27 operators, including "
        "taxi and minibus operators. Full list available from the Council on request.",
        OUT,
        True,
        "procurement",
    ),
    # ... another council as the supplier is public-to-public.
    (
        _AWARD_NOTICE + "V.2.3) Name and address of the contractor: Sampleton Borough Council",
        OUT,
        False,
        "procurement",
    ),
    # A forward plan entry's field on how to make representations consults nobody ...
    (
        "Title: Future Delivery of the School Crossing Patrol Service\nSummary: Cabinet will be "
        "asked to decide whether to procure an external provider for the crossing patrol service "
        "or to retain the service in-house.\nConsultees: Headteachers; Ward Councillors.\n"
        "How representations may be made: In writing to the Director of Place by 30 October.",
        CONS,
        False,
        "forward_plan",
    ),
    # ... a notice inviting objections to a disposal of open space does.
    (
        "Notice is given that the Council proposes to dispose of the open space at Sample Green by "
        "a 99-year lease. Objections to the proposed disposal may be made in writing to the "
        "Director of Place by 30 October.",
        CONS,
        True,
        "notice",
    ),
    # The council building and running the facility itself is the in-house option ...
    (
        _CREMATORIUM + "3.1 Option A - the Council designs, builds and operates the crematorium "
        "itself. This would require borrowing of £9m. Not recommended.",
        INH,
        True,
        "report",
    ),
    # ... the council itself managing a contract is not.
    (
        _CREMATORIUM + "3.1 The Council itself manages the operating agreement through its "
        "property team.",
        INH,
        False,
        "report",
    ),
    # An agreement with another council, named, is public-to-public ...
    (
        "The Committee is asked to:\n2.1 approve entering into a five-year agreement with "
        "Sampleton Council under which Sampleton Council will monitor the public space CCTV "
        "cameras from its control room.",
        OUT,
        False,
        "report",
    ),
    # ... a contract with a council for voluntary service, a charity, is not.
    (
        "The Committee is asked to:\n2.1 approve the award of the volunteering support services "
        "contract to Sampleton Council for Voluntary Service for three years.",
        OUT,
        True,
        "report",
    ),
    # A trust the report calls independent of the council is an outside provider ...
    (
        _REPORT + "3.2 The Trust will be independent of the Council: no more than three of its "
        "eleven trustees will be nominated by the Council.",
        OUT,
        True,
        "report",
    ),
    # ... a trust the council wholly controls is not.
    (
        _REPORT + "3.2 The Trust will be wholly controlled by the Council, which will be its sole "
        "member.",
        OUT,
        False,
        "report",
    ),
    # A register of disposals reported elsewhere decides none ...
    (
        "RESOLVED: That the annual report on contracts awarded be noted.\n2.9 The Council's Land "
        "and Property Disposals Register is reported separately.",
        SALE,
        False,
        "decision",
    ),
    # ... a disposals programme approved does.
    (
        "RESOLVED: That the Land and Property Disposals Programme at Appendix 1 be approved.",
        SALE,
        True,
        "decision",
    ),
    # A public consultation named beside pre-market engagement in one sentence still counts ...
    (
        "Decision: Cabinet approved the procurement strategy for a new residual waste treatment "
        "contract. Public consultation on the Municipal Waste Strategy (3,400 responses), which "
        "this procurement implements; pre-market engagement with the waste industry.",
        CONS,
        True,
        "decision",
    ),
    # ... pre-market engagement alone does not.
    (
        "Decision: Cabinet approved the procurement strategy for a new residual waste treatment "
        "contract. Consultation: pre-market engagement with the waste industry.",
        CONS,
        False,
        "decision",
    ),
    # A highways term maintenance works contract is works ...
    (
        "Decision: Award of the highways term maintenance works contract following a compliant "
        "tender.",
        OUT,
        False,
        "decision",
    ),
    # ... a grounds maintenance service contract is a service.
    (
        "Decision: Award of the grounds maintenance service contract following a compliant "
        "tender.",
        OUT,
        True,
        "decision",
    ),
    # A record that says it sells nothing ...
    (
        "Details: To appoint external property advisers to review the Council's estate. No "
        "property will be declared surplus or offered for sale as part of this decision.",
        SALE,
        False,
        "forward_plan",
    ),
    # ... unlike one that offers a property for sale.
    (
        "Details: The former Sample Depot will be declared surplus and offered for sale on the "
        "open market.",
        SALE,
        True,
        "forward_plan",
    ),
]


@pytest.mark.parametrize(("text", "label", "expected", "doc_type"), FAMILIES)
def test_family(text: str, label: str, expected: bool, doc_type: str) -> None:
    assert_label(text, label, expected, doc_type)


def test_future_told_is_not_a_formal_proposal() -> None:
    """"that the site be disposed of" proposes; "that it will be disposed of" tells the future
    (in a long paper, background)."""
    proposed, told = analyse(
        "It is recommended that the site be disposed of. Inclusion on the list is not a "
        "decision that a property will be disposed of."
    ).segments
    assert decides_or_formally_proposes(proposed, False)
    assert not decides_or_formally_proposes(told, False)


_TABLE_OF_DECISIONS = (
    "Minutes of the Executive\n\n"
    "58 APOLOGIES FOR ABSENCE\nApologies were received from one councillor.\n\n"
    "59 DECLARATIONS OF INTEREST\nThere were no declarations of interest.\n\n"
    "60 SUPPORT SERVICES CONTRACT – EXTENSION\nThe Executive considered a report on the "
    "support services contract with Sample Services Ltd.\n\n"
    "The table below records the decisions made at the meeting.\n\n"
    "| Minute | Item | Decision | Reasons |\n|---|---|---|---|\n"
    "| 60 | Support Services Contract – Extension | That the Support Services Contract be "
    "extended for two years. | To allow a full re-procurement. |\n"
    "| 61 | End-User Devices Refresh | That 4,000 laptops be purchased through a national "
    "framework. | Devices reach end of support. |\n"
    "| 62 | Capital Programme | That the revised capital programme be recommended to "
    "Council. | To set a balanced programme. |\n"
)


def test_a_table_of_decisions_is_read_row_by_row() -> None:
    """Rows that open with their minute number are items: the laptops bought under minute 61
    do not make the contract extended under minute 60 a purchase of goods."""
    result = classify(_TABLE_OF_DECISIONS, doc_type="decision")
    assert result.is_outsourcing
    assert any(s.startswith("item:60 ") for s in result.signals)


_PLAN_TABLE = (
    "NOTICE OF KEY DECISIONS\n\n"
    "| Title | Summary of decision | Decision maker | Expected date | Consultation |\n"
    "|---|---|---|---|---|\n"
    "| Leisure Centres – Operator Contract | Award of the contract for the management of the "
    "Council's three leisure centres to the preferred bidder. | Cabinet | 13 Feb 2026 | "
    "None. |\n"
    "| Library Strategy 2026-2030 | Adoption of the library strategy following a public "
    "consultation with residents (2,100 responses). | Cabinet | 13 Mar 2026 | Residents and "
    "library users. |\n"
    "| Replacement Gritters | Purchase of six gritting vehicles. | Director | Mar 2026 | "
    "None. |\n"
)


def test_a_plan_table_with_a_header_is_read_row_by_row() -> None:
    """A plan printed as a table whose header names a plan's fields, with no reference to
    open each row, is cut one entry a row: the library strategy's consultation is not the
    leisure contract's."""
    result = classify(_PLAN_TABLE, doc_type="forward_plan")
    assert result.is_outsourcing and not result.has_consultation
    assert result.should_flag
    assert any(s.startswith("item:Leisure Centres") for s in result.signals)
