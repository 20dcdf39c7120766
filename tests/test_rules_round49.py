"""Round 49 families: wording and structure found in blind held-out sets h183–h186 (long
property papers, notices, forward plans with several entries, short texts from the four
nations), written as general patterns.

Every sentence here is written for these tests (fictional councils, places and firms); each
family has a case that must change and one that must not."""

from __future__ import annotations

import pytest
from rule_labels import CONS, INH, OUT, assert_label

from monitor.classify import classify

_SALE = (
    "Decision\nTo approve the disposal of the former depot at Sample Lane at best consideration. "
)
_AWARD = "Decision\nTo award the bus service contracts to the preferred operators. "

FAMILIES = [
    # The law stated is no notice given.
    (
        _SALE + "Where land is held as open space, section 123(2A) requires the Council to "
        "advertise its intention in a local newspaper and to consider any objections.",
        CONS,
        False,
        "decision",
    ),
    (
        _SALE + "Notices under section 123(2A) were published for two consecutive weeks.",
        CONS,
        True,
        "decision",
    ),
    # Objections from the council's own departments are no public's.
    (
        _SALE + "No objections have been received from Council service areas.",
        CONS,
        False,
        "decision",
    ),
    (
        _SALE + "Following the advertisement, two objections were received.",
        CONS,
        True,
        "decision",
    ),
    # The in-house option as the council's own operation.
    (
        _AWARD + "Alternative options considered\n(b) Direct operation of services by an "
        "Authority-owned bus company was not taken forward, as the law bars it.",
        INH,
        True,
        "decision",
    ),
    (
        _AWARD + "Alternative options considered\n(b) An enhanced partnership with operators "
        "was rejected.",
        INH,
        False,
        "decision",
    ),
    # A supply contract is goods.
    (
        "Purpose of report: To approve award of a two-year supply contract for rock salt for "
        "the winter service.",
        OUT,
        False,
        "forward_plan",
    ),
    (
        "Purpose of report: To approve award of a two-year contract for the winter gritting "
        "service on the Council's behalf.",
        OUT,
        True,
        "forward_plan",
    ),
    # An in-house option turned down is no decision to keep the service in-house.
    (
        "Procurement of a managed service for the ICT Service Desk - approval to procure a "
        "managed service provider for first and second line ICT support. Retaining the service "
        "in-house was not recommended because of persistent vacancies.",
        OUT,
        True,
        "forward_plan",
    ),
    (
        "RESOLVED that the ICT service desk remain in-house, having weighed a managed service.",
        OUT,
        False,
        "decision",
    ),
]


@pytest.mark.parametrize(("text", "label", "expected", "doc_type"), FAMILIES)
def test_family(text: str, label: str, expected: bool, doc_type: str) -> None:
    assert_label(text, label, expected, doc_type)


_PLAN = """SAMPLESHIRE COUNTY COUNCIL
Cabinet Forward Work Programme

Title: Community Asset Transfer - sports pavilions at Sampleton and Exampleford
Decision by: Cabinet Member for Resources
Summary: To approve the transfer of two sports pavilions to local clubs, each by way of a
30-year full repairing lease at a peppercorn rent.
Consultation: {consultation}
Responsible officer: Head of Property
Exempt: No

Title: Revenue Budget Strategy 2026/27 - initial proposals
Decision by: Cabinet
Summary: To agree initial budget proposals as the basis for the public budget consultation to
be held in January 2026.
Consultation: Public budget consultation (January 2026)
Responsible officer: Director of Corporate Services
Exempt: No

Title: Replacement refuse collection vehicles
Decision by: Cabinet Member for Environment
Summary: To approve the purchase of eleven replacement refuse collection vehicles.
Consultation: None required
Responsible officer: Head of Waste
Exempt: No
"""


@pytest.mark.parametrize(
    ("consultation", "consulted"),
    [
        ("Local ward members; the town council.", False),
        ("A survey of the clubs' members and local residents.", True),
    ],
)
def test_plan_entries_headed_by_a_title_field_are_judged_alone(
    consultation: str, consulted: bool
) -> None:
    c = classify(_PLAN.format(consultation=consultation), doc_type="forward_plan")
    assert any(s.startswith("agenda_items:") for s in c.signals)
    assert c.is_asset_sale and bool(c.has_consultation) is consulted
    assert c.should_flag is not consulted


_ENTRY = """Decision details

Re-procurement of Housing Related Support for Young People
Decision maker: Cabinet
Purpose: Cabinet will be asked to approve a procurement exercise for a new framework of
providers. Delivery by the Council's own housing service was modelled and discounted.
Consultation process: {consultation}
Lead officer: Head of Commissioning (Children and Families)
"""


@pytest.mark.parametrize(
    ("consultation", "consulted"),
    [
        ("Ward members; current providers through a market engagement event.", False),
        ("A survey of young people and their families.", True),
    ],
)
def test_a_lead_officer_field_ends_the_consultation_field(
    consultation: str, consulted: bool
) -> None:
    c = classify(_ENTRY.format(consultation=consultation), doc_type="forward_plan")
    assert c.is_outsourcing and bool(c.has_consultation) is consulted


_TABLE = (
    "Key Decision | Decision Maker | Date | Proposed Consultation | Documents | Decision ID\n"
    "Procurement of a managed service for the ICT Service Desk - approval to procure a managed "
    "service provider | Director of Resources | 16 June 2025 | Staff and trade unions; soft "
    "market testing | Delegated decision report | D57712\n"
    "Parks capital improvements - approval to spend £3.2m on paths and play works | Executive "
    "Board | 25 June 2025 | Public drop-in sessions on the play area designs | Board report | "
    "D57730\n"
    "Financial Health Monitoring - Month 2 | Executive Board | 25 June 2025 | Not applicable | "
    "Board report | D57768\n"
)


def test_a_plan_table_whose_rows_end_in_their_reference_is_cut_into_entries() -> None:
    c = classify(_TABLE, doc_type="forward_plan")
    assert any(s.startswith("agenda_items:") for s in c.signals)
    # The drop-in sessions belong to the parks works, not to the ICT procurement.
    assert c.is_outsourcing and not c.has_consultation and c.should_flag


_NOTICE = """UK4: Tender notice

{buyer}

Tenancy Sustainment Support Services

Description
The buyer is seeking a provider to deliver housing-related support to tenants.

Main procurement category
Services

CPV classifications
85312000 - Social work services without accommodation
"""


@pytest.mark.parametrize(
    ("buyer", "outsourcing"),
    [
        ("Sample Vale Homes Group Limited (registered provider of social housing)", False),
        ("Sampleshire Council", True),
    ],
)
def test_a_housing_associations_own_notice_names_its_buyer_under_the_kind(
    buyer: str, outsourcing: bool
) -> None:
    c = classify(_NOTICE.format(buyer=buyer), doc_type="procurement")
    assert c.is_outsourcing is outsourcing


_PARTNER = """UK4: Tender notice

Sampleton District Council

Sampleton Town Centre - Development Partner

Description
The Council is seeking a development partner for the redevelopment of 4.2 hectares of
Council-owned land. {lease}

Main procurement category
Works

CPV classifications
45000000 - Construction work
"""


def test_a_works_notice_that_grants_a_long_lease_of_council_land_is_a_disposal() -> None:
    grants = classify(
        _PARTNER.format(
            lease="On completion of each phase the Council will grant the partner a 250-year "
            "lease of the phase land at a premium."
        ),
        doc_type="procurement",
    )
    assert grants.is_asset_sale and not grants.is_outsourcing
    # A works notice that only mentions disposals sells nothing itself.
    mentions = classify(
        _PARTNER.format(lease="Valuation advice will support any proposed disposals."),
        doc_type="procurement",
    )
    assert not mentions.is_asset_sale
