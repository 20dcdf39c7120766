"""Round 23 families: wording found in blind held-out sets h81 (notices), h82 (long reports),
h83 (decision pages) and h84 (short texts), written as general patterns.

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

_SALE = (
    "Resolved: that the former depot at Sample Lane be declared surplus and sold on the open "
    "market at best consideration. "
)
_RECOMMISSION = (
    "Recommendation: that Cabinet approves the procurement of a new home care framework for "
    "four years. "
)
_TRUST = (
    "Recommendation: approve the transfer of the delivery of leisure and library services to "
    "a new independent charitable trust from 1 April 2026. The Council will not control the "
    "Trust. "
)
_APPRAISAL = (
    "Recommendations\n2.1 Approves the options appraisal at Appendix A.\nOption | Cost | "
    "Quality | Total\n"
)

ROUND23_CASES = [
    # Staff moved to another council under TUPE are not land transferred.
    (
        "Resolved: 1) the building control function be delegated to Sample District Council; "
        "2) the four building control staff be transferred to Sample District Council under "
        "TUPE.",
        SALE,
        False,
    ),
    (
        "Resolved: 1) the land at Mill Lane be transferred to Sample Community Trust for a "
        "nominal sum.",
        SALE,
        True,
    ),
    # Goods named after the service they serve, with a second goods word.
    (
        "Decision: 2.3 Approves a capital budget for the purchase of 34 refuse collection and "
        "support vehicles, and authorises the procurement of the vehicles through a framework.",
        OUT,
        False,
    ),
    (
        "Decision: 2.3 Approves the procurement of refuse collection and street cleansing "
        "services through a framework for eight years.",
        OUT,
        True,
    ),
    # What other councils do (ALEOs) does not make this council's trust council-controlled.
    (
        _TRUST + "Of the 32 councils, 26 deliver leisure through a trust, company or other ALEO.",
        OUT,
        True,
    ),
    (_TRUST.replace("will not control", "will control") + "The Trust will be an ALEO.", OUT, False),
    # No consultation was possible before an urgent decision.
    (
        _SALE + "Due to the urgency, it has not been possible to consult residents before the "
        "decision.",
        CONS,
        False,
    ),
    (_SALE + "Residents were consulted through a survey in May.", CONS, True),
    # Engagement promised for the mobilisation of a contract is not on the decision.
    (
        _RECOMMISSION + "Involvement: further involvement of people who receive care will take "
        "place during contract mobilisation.",
        CONS,
        False,
    ),
    (
        _RECOMMISSION + "Involvement: people who receive care were surveyed in May and their "
        "views shaped the model.",
        CONS,
        True,
    ),
    # The annual budget consultation is not consultation on this decision...
    (
        _SALE + "Residents' views on council tax and spending priorities were sought through "
        "the 2025/26 budget consultation.",
        CONS,
        False,
    ),
    # ... unless the proposal was put in it.
    (
        _SALE + "The proposed sale of the depot was included in the 2025/26 budget consultation, "
        "which received 2,000 responses from residents.",
        CONS,
        True,
    ),
    # A row of an options scoring table lists an option; it decides nothing.
    (_APPRAISAL + "1 Re-tender the contract | 17 | 18 | 35\n2 In-house | 19 | 18 | 37", OUT, False),
    (
        _APPRAISAL.replace(
            "Approves the options appraisal at Appendix A",
            "Approves the re-tender of the waste collection contract for eight years",
        )
        + "1 Re-tender the contract | 17 | 18 | 35\n2 In-house | 19 | 18 | 37",
        OUT,
        True,
    ),
    # A reason against letting contracts lapse is not a reason against in-house delivery.
    (
        _RECOMMISSION + "Options considered\nOption 1 – Do nothing and allow the framework to "
        "expire. Not viable: the Council would have to spot purchase all home care. The "
        "Council's in-house reablement service will continue.",
        INH,
        False,
    ),
    (
        _RECOMMISSION + "Options considered\nOption 1 – Do nothing and let the service revert "
        "to the Council. Not viable: the Council has no home care workforce.",
        INH,
        True,
    ),
    # Long leases written with their terms.
    (
        "Decision: To grant a 35-year full repairing lease of Sample Community Centre to Sample "
        "Community Partnership at a peppercorn rent.",
        SALE,
        True,
    ),
    (
        "Decision: To grant a 5-year full repairing lease of Sample Community Centre to Sample "
        "Community Partnership at a peppercorn rent.",
        SALE,
        False,
    ),
    (
        "Decision: To approve the transfer of the Council's land at Sample Quay to the LLP by "
        "way of 250-year leases at a premium.",
        SALE,
        True,
    ),
]

_CF = (
    "Contracts Finder\nEarly engagement\n{title}\nSample City Council\n\nContract type: "
    "Service contract\nIndustry: Security services - 79710000; Other services - 98390000\n"
    "Description\nSample City Council intends to procure {what} from September 2025."
)
_GAS = (
    "UK4: Tender notice\nTitle: {title}\nSample Council\nMain procurement category: Services\n"
    "CPV: 50531100 - Repair and maintenance services of boilers\nDescription: annual "
    "servicing, breakdown response and repair."
)

ROUND23_NOTICE_CASES = [
    # Services residents use that CPV files as the council's own use.
    (
        _CF.format(
            title="School Crossing Patrol Service - Market Engagement",
            what="a school crossing patrol service at 38 sites",
        ),
        True,
    ),
    (
        _CF.format(
            title="Alarm Monitoring Software - Market Engagement",
            what="alarm monitoring software for its depots",
        ),
        False,
    ),
    (_GAS.format(title="Gas Servicing and Repair of Heating Systems in Council Housing"), True),
    (_GAS.format(title="Gas Servicing and Repair of Boilers at the Civic Offices"), False),
    # A council selling its former offices on a portal lets no service (nor is it a policy
    # question about the council's own premises).
    (
        "Contracts Finder\nOpportunity\nDisposal of Former Council Offices, Sample Street - "
        "Freehold Sale or Long Leasehold (125 years)\nSample Council\nContract type: Other\n"
        "Industry: Sale of non-residential property - 70123100\nDescription: Sample Council is "
        "inviting offers for the freehold of its former council offices. Enquiries to Estates "
        "and Property Services.",
        False,
    ),
]


@pytest.mark.parametrize(("text", "label", "expected"), ROUND23_CASES)
def test_round23_families(text: str, label: str, expected: bool) -> None:
    assert bool(getattr(classify(text, doc_type="decision"), label)) is expected


@pytest.mark.parametrize(("text", "expected"), ROUND23_NOTICE_CASES)
def test_round23_notice_families(text: str, expected: bool) -> None:
    assert classify(text, doc_type="procurement").is_outsourcing is expected
