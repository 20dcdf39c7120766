"""Round 7 families: the council's own business software is a product, not a service; the
market the bidders make is not a market the council runs.

Every sentence here is written for these tests (fictional councils, places and firms); each
family has a case that must change and one that must not."""

from __future__ import annotations

import re

import pytest

from monitor.classify import classify
from monitor.rules.vocabulary import SERVICE_DOMAIN

OUT = "is_outsourcing"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "RESOLVED: That approval be given to procure a replacement finance system, and "
            "that the Director of Resources be authorised to award the contract to the most "
            "economically advantageous tenderer.",
            False,
        ),
        (
            "RESOLVED: That the Director be authorised to award the contract for a new social "
            "care case management system to the highest scoring bidder.",
            False,
        ),
        # The service the system supports, let as a contract, is still outsourcing.
        (
            "RESOLVED: That the Director be authorised to award the contract for the housing "
            "management service for the Council's sheltered schemes to the highest scoring "
            "bidder.",
            True,
        ),
    ],
)
def test_business_software_is_a_product(text: str, expected: bool) -> None:
    assert getattr(classify(text, doc_type="decision"), OUT) is expected


@pytest.mark.parametrize(
    ("words", "names_a_service"),
    [
        ("the covered market", True),
        ("the market hall", True),
        ("market traders", True),
        ("test the market", False),
        ("market engagement", False),
        ("the market responded", False),
    ],
)
def test_a_market_the_council_runs_not_the_market_that_bids(
    words: str, names_a_service: bool
) -> None:
    found = re.search(rf"\b{SERVICE_DOMAIN}\b", words, re.I) is not None
    assert found is names_a_service


SALE, CONS, INH = "is_asset_sale", "has_consultation", "has_inhouse_statement"


@pytest.mark.parametrize(
    ("text", "label", "expected"),
    [
        # Collecting recyclables is a service like collecting refuse.
        (
            "Resolved: That the Committee approve a variation to extend the mixed recyclables "
            "collection contract with Sample Resource Ltd for a further year.",
            OUT,
            True,
        ),
        (
            "Resolved: That the Committee approve the purchase of two recyclables collection "
            "vehicles for the in-house crews.",
            OUT,
            False,
        ),
        # The operator named first, what it is after a comma.
        (
            "From 1 April the town's three swimming pools will be run by Sampleton Active, an "
            "independent not-for-profit leisure trust, after Cabinet agreed a management "
            "agreement.",
            OUT,
            True,
        ),
        (
            "From 1 April the town's three swimming pools will be run by Sampleton Leisure Ltd, "
            "a company wholly owned by the Council.",
            OUT,
            False,
        ),
        # A contract made with a named provider for a named service.
        (
            "Cabinet approved a new three-year contract with Sample Care Ltd for the "
            "provision of the carers' respite service.",
            OUT,
            True,
        ),
        (
            "Cabinet approved a contract with Sample Consulting for a review of the leisure "
            "service and its options.",
            OUT,
            False,
        ),
        (
            "Cabinet approved a contract with Sample Vehicles Ltd for the lease of six refuse "
            "collection vehicles.",
            OUT,
            False,
        ),
        # Council facilities let to or run by community groups under agreements.
        (
            "The Executive agreed to let the branch libraries to community groups under "
            "service agreements from April.",
            OUT,
            True,
        ),
        (
            "The four leisure centres have been managed by Sample Leisure Trust under a "
            "management agreement since 2015. This report sets out the trust's performance.",
            OUT,
            False,
        ),
        # Carrying on as the council runs it now is the in-house option, when weighed.
        (
            "The Executive agreed to let the branch libraries to community groups under "
            "service agreements. We looked at keeping every branch staffed by the council, "
            "but it would cost £300,000 a year more than the budget allows.",
            INH,
            True,
        ),
        (
            "The Executive agreed to let the branch libraries to community groups under "
            "service agreements. The mobile library will continue to be run by the council.",
            INH,
            False,
        ),
        # People engaged or involved, and a notice inviting representations, are consulted.
        (
            "Cabinet approved a contract with Sample Care for the respite service. Carers and "
            "the people they look after were engaged through four workshops on the "
            "specification.",
            CONS,
            True,
        ),
        (
            "Cabinet approved a contract with Sample Care for the respite service. Staff were "
            "engaged through team briefings, and carers will be involved in the delivery of "
            "the handover.",
            CONS,
            False,
        ),
        (
            "The Council proposes to dispose of the former depot at Mill Lane by sale of the "
            "freehold. Members of the public may make written representations on the proposal "
            "by 30 June.",
            CONS,
            True,
        ),
        (
            "The Council proposes to dispose of the former depot at Mill Lane by sale of the "
            "freehold. Ward councillors may make written representations to the Cabinet Member.",
            CONS,
            False,
        ),
        # A land swap gives the council's land away; a freehold coming to the council does not.
        (
            "Decision: to approve a land exchange with Sample Homes under which the Council "
            "transfers its freehold of the old depot in return for the plot beside the school.",
            SALE,
            True,
        ),
        (
            "Decision: to accept that Sample Homes will transfer its freehold interest in the "
            "play area to the Council for £1.",
            SALE,
            False,
        ),
        # Soft market testing asks suppliers what they could offer; market testing a service
        # puts it out to compete.
        (
            "The Board approved soft market testing with independent providers of day "
            "services, to inform a later options appraisal.",
            OUT,
            False,
        ),
        (
            "The Board approved market testing of the day services contract, with bids invited "
            "in the autumn.",
            OUT,
            True,
        ),
    ],
)
def test_round7_families(text: str, label: str, expected: bool) -> None:
    assert getattr(classify(text, doc_type="decision"), label) is expected


_NOTICE_HEAD = (
    "Contract award notice\nSampleshire County Council\nCommunity Support Service\n\n"
    "Description\nSampleshire County Council has awarded a contract to Sample Care Ltd for a "
    "community support service for older people living at home.\n"
    "Main procurement category: Services\nCPV code: 85312000 - Social work services without "
    "accommodation\n"
)


@pytest.mark.parametrize(
    ("extra", "label", "expected"),
    [
        # What the council did before it bought, as the notice reports it, counts ...
        (
            "The Council ran a public survey of older people and their carers in 2024, which "
            "received 640 responses.",
            CONS,
            True,
        ),
        (
            "The Council considered delivering the service in-house through its reablement "
            "team, but concluded that the team's capacity would be stretched.",
            INH,
            True,
        ),
        # ... what the provider will do describes the work bought.
        (
            "The provider will consult residents and carers every quarter on the service.",
            CONS,
            False,
        ),
        (
            "Bidders must show how their in-house training team will support staff.",
            INH,
            False,
        ),
    ],
)
def test_a_notice_reports_what_the_council_did(extra: str, label: str, expected: bool) -> None:
    result = classify(_NOTICE_HEAD + extra, doc_type="procurement")
    assert result.is_outsourcing
    assert getattr(result, label) is expected


@pytest.mark.parametrize(
    ("owner", "outsourcing"),
    [
        ("a company limited by shares that is wholly owned by Sampleshire County Council", False),
        ("a company limited by shares owned by Sample Holdings plc", True),
    ],
)
def test_a_company_the_named_council_owns(owner: str, outsourcing: bool) -> None:
    text = (
        "RESOLVED: That the Council award a contract to Sample Care Services Ltd for the "
        f"reablement service. Sample Care Services Ltd is {owner}."
    )
    assert classify(text, doc_type="decision").is_outsourcing is outsourcing


_SCHEDULE = (
    "The Cabinet received the schedule of officer decisions taken under delegated powers, "
    "including:\n(a) completion of the sale of the former Sample Youth Centre to Sample Church "
    "for £90,000, in accordance with the Cabinet decision of 3 March;\n(b) a variation to the "
    "grounds maintenance contract to add two parks.\n"
)


@pytest.mark.parametrize(
    ("resolution", "sale"),
    [
        # A record that only notes decides none of what it lists.
        ("RESOLVED - That the schedule be noted.", False),
        (
            "RESOLVED - That the schedule be noted and the sale of the Sample Depot be approved.",
            True,
        ),
    ],
)
def test_a_record_that_only_notes(resolution: str, sale: bool) -> None:
    text = _SCHEDULE + resolution
    if sale:
        text = text.replace("(a) completion of the sale", "(a) the sale")
    result = classify(text, doc_type="decision")
    assert result.is_asset_sale is sale


@pytest.mark.parametrize(
    ("text", "label", "expected"),
    [
        # Saying nothing will be sold is not a sale.
        (
            "Cabinet adopted the asset strategy. Being classed as surplus does not mean that "
            "a building will be sold, and the list is not a commitment to dispose of any site.",
            SALE,
            False,
        ),
        (
            "Cabinet agreed that the former depot is surplus and will be sold at auction.",
            SALE,
            True,
        ),
        # A notice decided against is no notice.
        (
            "RESOLVED: That the land at Sample Close be sold to the adjoining owner. The land "
            "is not open space, and it is therefore not proposed to advertise the disposal.",
            CONS,
            False,
        ),
        (
            "RESOLVED: That the land at Sample Green be sold to the adjoining owner, and that "
            "the proposed disposal of open space be advertised for two weeks under section "
            "123(2A) and any objections considered.",
            CONS,
            True,
        ),
        # A named piece of building work is works.
        (
            "RESOLVED: That the contract for fire door replacement works at the Council's "
            "tower blocks be awarded to Sample Builders Ltd.",
            OUT,
            False,
        ),
        # A named firm that will run a council facility.
        (
            "Cabinet is asked to approve that Sample Parking Ltd will operate and manage the "
            "four car parks, including enforcement and cash collection.",
            OUT,
            True,
        ),
        (
            "Cabinet is asked to approve that Sample Parking Ltd will provide new payment "
            "machines.",
            OUT,
            False,
        ),
    ],
)
def test_round7b_families(text: str, label: str, expected: bool) -> None:
    assert getattr(classify(text, doc_type="decision"), label) is expected


def test_a_committee_letters_slash_number_heads_an_item() -> None:
    from monitor.items import item_heading

    assert item_heading("CAB/68 DECISIONS TAKEN UNDER DELEGATED POWERS") is not None
    assert item_heading("EX/12: Leisure Contract") is not None
    assert item_heading("16/02/2021") is None


def test_options_previously_considered_is_an_options_heading() -> None:
    from monitor.text import heading_kind

    assert heading_kind("Options previously considered") == "options"
    assert heading_kind("Options previously considered by the Panel") == "options"
