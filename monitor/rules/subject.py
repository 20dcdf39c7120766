"""What a record is about, read over the whole record: a contract that names no service takes
its subject from the rest of the record (goods, works or advice bought for the council's own
use are not outsourcing)."""

from __future__ import annotations

import re

from monitor.rules.base import _re
from monitor.rules.not_outsourcing import OUTSOURCING_FALSE_FRIENDS
from monitor.rules.vocabulary import _GOODS_HEAD, SERVICE_DOMAIN

# A record's subject: a contract award or procurement sentence that names no service ("award
# the contract to the company detailed in the report") takes its subject from the rest of the
# record. When the record buys goods, works or advice for the council's own use and no
# outsourcing sentence (nor the title) names a public service, the contract is not outsourcing.
SUBJECT_NOT_A_SERVICE: tuple[re.Pattern[str], ...] = tuple(
    ff.pattern
    for ff in OUTSOURCING_FALSE_FRIENDS
    if ff.name in {"own_use_consultancy", "own_use_professional_services", "goods_or_works"}
)
# Rules that find a contract, tender or appointment without saying what it is for; the other
# rules (transfers to a trust, spin-outs, operators running a facility) name a service.
GENERIC_CONTRACT_RULES = frozenset(
    {
        "procurement_started",
        "procurement_of_service",
        "go_out_to_tender",
        "enter_into_contract",
        "procure_service",
        "tender_for_service",
        "contract_award",
        "preferred_bidder",
        "appoint_provider",
        "contract_extension",
        "service_passive_step",
        "framework_for_services",
        "contract_proposed",
    }
)
# Ways of naming a service beside its domain word.
_SERVICE_NAMED = (
    r"\b(?:services?|support|provision) (?:for|to) (?:residents|people|children|adults|"
    r"families|users|clients|tenants|pupils)\b",
    # a service named in full: "the contract for the Provision of an Out of Hours Call
    # Handling and Emergency Response Service" (own-use advice so named is set aside by the
    # sentence's own false friends)
    r"\bprovision of (?:an? |the )?(?:[\w-]+ ){1,8}?services?\b",
    # what an operator runs for the public: "the contract for the operation of the Belfast
    # Bikes public bike hire scheme", "a procurement exercise for a new operator"
    r"\b(?:operation|running|management) of (?:the )?(?:[\w'’-]+ ){0,5}?(?:scheme|service|"
    r"centres?|facilit(?:y|ies))\b",
    r"\bfor (?:a|the) new operator\b|\boperator (?:contract|agreement)s?\b",
)
NAMES_A_SERVICE = _re(
    # ("Monitoring Officer" is a statutory post, not a monitoring service.)
    rf"\b{SERVICE_DOMAIN}\b(?! officers?\b)",
    *_SERVICE_NAMED,
)
# A title names a service the same way, but not with a word that describes goods: "Fleet
# Replacement Programme - Refuse Collection Vehicles" buys vehicles.
TITLE_NAMES_A_SERVICE = _re(
    rf"\b{SERVICE_DOMAIN}\b(?! officers?\b)(?!(?: [\w-]+)? {_GOODS_HEAD}\b)",
    *_SERVICE_NAMED,
)
