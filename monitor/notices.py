"""Procurement notices decided from what they state before what they say.

A Find a Tender or Contracts Finder notice states its type (UK1..UK17, or the OCDS stage of a
legacy notice), its ``mainProcurementCategory`` (goods, works, services) and CPV codes. Those
decide, in this order, whether the notice is a step towards outsourcing a public service:

1. a notice that reports on a contract (performance, termination, cancellation) lets none;
2. goods and works are not outsourcing of a public service;
3. a service whose CPV code is a service delivered to the public on the council's behalf
   (social care, passenger transport, waste, leisure) is; one bought for the council's own
   use (design, surveying, audit, legal, IT, consultancy) is not;
4. where the structure is silent (no category and no CPV) or mixed (CPV codes of both kinds,
   a CPV group that can go either way, a category that contradicts the CPV), the text rules
   decide and the decision is marked ``notice_structure_silent``.

After a goods or works category and before the CPV codes, the title: when it names a system,
software, a review, a strategy, an audit, advice or consultancy, maintenance of equipment,
goods or building works (:mod:`monitor.notice_subject`), the subject is for the council's own
use whatever the codes say. A notice known only by its text is read for the same facts by
:mod:`monitor.notice_text` and decided here too.

One procurement, one flag: the notices of one procurement (same ocid; award notices of one
framework; call-off notices of one exercise) are grouped by :func:`procurement_groups`, and
only the newest of them that would flag carries the flag.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, Final

from monitor import cpv_groups as C
from monitor.notice_subject import names_public_facing_service, subject_of

# Grouping lives in monitor.procurement_groups; its names stay importable from here.
from monitor.procurement_groups import (
    SAME_PROCUREMENT,
    STOPPED_RULES,
    NoticeRow,
    ProcurementGroup,
    flag_bearer,
    load_groups,
    procurement_groups,
    settle_groups,
)

__all__ = [
    "SAME_PROCUREMENT",
    "STOPPED_RULES",
    "Cpv",
    "NoticeFacts",
    "NoticeRow",
    "ProcurementGroup",
    "StructuralDecision",
    "decide",
    "flag_bearer",
    "load_groups",
    "notice_facts",
    "procurement_groups",
    "settle_groups",
    "with_text",
]

# Procurement Act 2023 notice types (Find a Tender, "Notice types and sequences"):
# UK1 pipeline, UK2 preliminary market engagement, UK3 planned procurement, UK4 tender,
# UK5 transparency (direct award), UK6 contract award, UK7 contract details, UK10 contract
# change (an extension or variation is a decision about who runs the service), UK13 dynamic
# market establishment: steps towards letting a contract.
LETTING_TYPES: Final = frozenset({"UK1", "UK2", "UK3", "UK4", "UK5", "UK6", "UK7", "UK10", "UK13"})
# UK8 payments compliance, UK9 contract performance, UK11 contract termination, UK12
# procurement termination, UK15 dynamic market cessation: reports on a contract or process.
REPORT_TYPES: Final = frozenset({"UK8", "UK9", "UK11", "UK12", "UK15"})
# Legacy and Contracts Finder notices have no UK type; their OCDS release tags give the stage.
LETTING_TAGS: Final = frozenset(
    {
        "planning",
        "planningUpdate",
        "tender",
        "tenderUpdate",
        "tenderAmendment",
        "award",
        "awardUpdate",
        "contract",
        "contractUpdate",
        "contractAmendment",
    }
)
REPORT_TAGS: Final = frozenset(
    {"tenderCancellation", "awardCancellation", "contractTermination", "implementation"}
)

OUTSOURCING: Final = "outsourcing"
NOT_OUTSOURCING: Final = "not_outsourcing"
SILENT: Final = "silent"
SILENT_SIGNAL: Final = "notice_structure_silent"
# A signal naming a question campaign staff settle, not the monitor ("policy_question:
# cafe_concession"): a flag that carries one waits in the review queue (monitor.confidence).
POLICY_QUESTION: Final = "policy_question:"


@dataclass(frozen=True)
class Cpv:
    code: str
    description: str
    where: str  # "tender.classification", "awards[].items", "from the text", ...
    line: str = ""  # the line of a notice's text it was read from

    @property
    def group(self) -> C.CpvGroup | None:
        return C.group_of(self.code)

    def label(self) -> str:
        group = self.group
        name = self.description or (group.name if group else "")
        return f"CPV {self.code} {name}".strip()


@dataclass(frozen=True)
class NoticeFacts:
    """What a notice states about itself, read from the stored OCDS release."""

    notice_type: str | None
    tags: tuple[str, ...]
    categories: tuple[str, ...]  # mainProcurementCategory of the tender and of its awards
    cpvs: tuple[Cpv, ...]  # the main code first (when ``ordered``)
    title: str = ""  # names the subject (monitor.notice_subject)
    from_text: bool = False  # read from a notice's text (monitor.notice_text), not a release
    # Whether the first code is the main one: a release says so; a copied page may sort them.
    ordered: bool = True
    category_line: str = ""  # the line of the text that stated the category
    suppliers: tuple[str, ...] = ()  # who the contract is awarded to, where the notice says
    # the buyer's name and kind as the notice's text prints them ("Buyer type: ...")
    buyers: tuple[str, ...] = ()
    # the longest contract period the release states, in days (None: none stated)
    days: int | None = None

    @property
    def stage(self) -> str:
        """ "letting", "report" or "unknown"."""
        if self.notice_type in REPORT_TYPES:
            return "report"
        if self.notice_type in LETTING_TYPES:
            return "letting"
        if self.notice_type is None and self.tags:
            if any(t in REPORT_TAGS for t in self.tags):
                return "report"
            if any(t in LETTING_TAGS for t in self.tags):
                return "letting"
        return "unknown"


@dataclass(frozen=True)
class StructuralDecision:
    verdict: str  # OUTSOURCING, NOT_OUTSOURCING or SILENT
    rule: str  # "notice:cpv_division_85", "notice:category_goods", ...
    quote: str  # what decided, e.g. "mainProcurementCategory=services; CPV 85311000 ..."
    signals: tuple[str, ...] = ()


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return [v for v in value if v is not None] if isinstance(value, list) else []


def _cpvs(release: Mapping[str, Any], stored_codes: Sequence[str]) -> list[Cpv]:
    found: list[Cpv] = []

    def add(entry: Any, where: str) -> None:
        entry = _dict(entry)
        code = str(entry.get("id") or "").strip()
        if str(entry.get("scheme") or "").upper() != "CPV" or not code:
            return
        if all(c.code != code for c in found):
            found.append(Cpv(code, str(entry.get("description") or "").strip(), where))

    tender = _dict(release.get("tender"))
    add(tender.get("classification"), "tender.classification")
    for item in _list(tender.get("items")):
        add(_dict(item).get("classification"), "tender.items")
    for section in ("awards", "contracts"):
        for part in _list(release.get(section)):
            for item in _list(_dict(part).get("items")):
                add(_dict(item).get("classification"), f"{section}[].items")
    # Additional codes come after every main code: the first entry is the main subject.
    for entry in _list(tender.get("additionalClassifications")):
        add(entry, "tender.additionalClassifications")
    for item in _list(tender.get("items")):
        for entry in _list(_dict(item).get("additionalClassifications")):
            add(entry, "tender.items.additionalClassifications")
    for section in ("awards", "contracts"):
        for part in _list(release.get(section)):
            for item in _list(_dict(part).get("items")):
                for entry in _list(_dict(item).get("additionalClassifications")):
                    add(entry, f"{section}[].items.additionalClassifications")
    # Codes stored on the record but not found in the release (a record made by hand).
    for code in stored_codes:
        if isinstance(code, str) and code and all(c.code != code for c in found):
            found.append(Cpv(code, "", "record.cpv_codes"))
    return found


def notice_facts(
    data: Mapping[str, Any] | None,
    notice_type: str | None = None,
    cpv_codes: Sequence[str] = (),
) -> NoticeFacts:
    """The facts of a notice record: ``data`` is ``records.data`` (``release``, ``tag``)."""
    data = data or {}
    release = _dict(data.get("release"))
    tags = tuple(str(t) for t in (_list(data.get("tag")) or _list(release.get("tag"))))
    categories: list[str] = []
    tender = _dict(release.get("tender"))
    for part in [tender, *(_dict(a) for a in _list(release.get("awards")))]:
        category = part.get("mainProcurementCategory")
        if isinstance(category, str) and category.strip():
            category = category.strip().lower()
            if category not in categories:
                categories.append(category)
    kind = (notice_type or "").strip().upper().replace(" ", "") or None
    if kind and not kind.startswith("UK"):
        kind = f"UK{kind}"
    title = tender.get("title") if isinstance(tender.get("title"), str) else ""
    suppliers = tuple(
        dict.fromkeys(
            name.strip()
            for award in _list(release.get("awards"))
            for supplier in _list(_dict(award).get("suppliers"))
            if isinstance(name := _dict(supplier).get("name"), str) and name.strip()
        )
    )
    return NoticeFacts(
        kind,
        tags,
        tuple(categories),
        tuple(_cpvs(release, cpv_codes)),
        title=title,
        suppliers=suppliers,
        days=_longest_period(release),
    )


def _longest_period(release: Mapping[str, Any]) -> int | None:
    """The longest contract period a release states, in days: the contracts' own periods,
    else the awards', lots' and tender's ``contractPeriod``."""
    tender = _dict(release.get("tender"))
    periods = [_dict(c).get("period") for c in _list(release.get("contracts"))]
    periods += [_dict(a).get("contractPeriod") for a in _list(release.get("awards"))]
    periods += [_dict(lot).get("contractPeriod") for lot in _list(tender.get("lots"))]
    periods.append(tender.get("contractPeriod"))
    longest: int | None = None
    for period in map(_dict, periods):
        days = period.get("durationInDays")
        if not isinstance(days, int):
            try:
                start = date.fromisoformat(str(period.get("startDate"))[:10])
                end = date.fromisoformat(str(period.get("endDate"))[:10])
            except ValueError:
                continue
            days = (end - start).days
        if days >= 0 and (longest is None or days > longest):
            longest = days
    return longest


def with_text(release: NoticeFacts, text: NoticeFacts) -> NoticeFacts:
    """A stored notice's facts, completed from its text where the release states nothing
    (a record made without a release, or one whose release has no category and no CPV)."""
    if release.categories or release.cpvs:
        return release if release.title else replace(release, title=text.title)
    return replace(
        text,
        notice_type=release.notice_type or text.notice_type,
        tags=release.tags or text.tags,
        title=release.title or text.title,
        suppliers=release.suppliers or text.suppliers,
        buyers=text.buyers,
    )


def _describe(facts: NoticeFacts, cpv: Cpv | None) -> str:
    parts = []
    if facts.category_line:
        parts.append(f'"{facts.category_line}"')
    elif facts.categories:
        parts.append(f"mainProcurementCategory={'/'.join(facts.categories)}")
    if cpv is not None:
        parts.append(f'"{cpv.line}"' if cpv.line else cpv.label())
    return "; ".join(parts)


def _source(facts: NoticeFacts, cpv: Cpv | None) -> str:
    if facts.from_text:
        return " (from the text)"
    return f" ({cpv.where})" if cpv is not None else ""


def _main_first(kinds: list[tuple[Cpv, C.CpvGroup]]) -> list[tuple[Cpv, C.CpvGroup]]:
    """Codes read as a set, in the order the rules below read a main code first: a public
    service first (the goods and works beside it are what the service uses), but an own-use
    service before it (both kinds of service: the words decide), then goods and works, then
    groups that can go either way."""
    present = {g.kind for _, g in kinds}
    order = [C.PUBLIC, C.OWN_USE]
    if C.OWN_USE in present and C.PUBLIC in present:
        order.reverse()
    order += [C.GOODS, C.WORKS, C.MIXED]
    return sorted(kinds, key=lambda k: order.index(k[1].kind))


def _division_rule(cpv: Cpv) -> str:
    group = cpv.group
    if group is not None and group.kind in (C.GOODS, C.WORKS):
        return f"notice:cpv_{group.kind}_division_{cpv.code[:2]}"
    return f"notice:cpv_division_{cpv.code[:2]}"


# A contract this short is a one-off job (clearing a site, stewarding one weekend, one pest
# treatment), not a service handed to a provider to run: blind labellers and campaign staff
# would not call it outsourcing a public service, so such a flag waits for a person.
ONE_OFF_DAYS: Final = 31


def decide(facts: NoticeFacts) -> StructuralDecision:
    """Outsourcing, not outsourcing, or silent (the text decides), with the rule and quote.
    An outsourcing whose contract runs a month at most is held for staff review."""
    decision = _decide(facts)
    if decision.verdict == OUTSOURCING and facts.days is not None and facts.days <= ONE_OFF_DAYS:
        return replace(
            decision,
            quote=f"{decision.quote}; a contract of {facts.days} days: a one-off job",
            signals=(*decision.signals, f"{POLICY_QUESTION}one_off_job"),
        )
    return decision


def _decide(facts: NoticeFacts) -> StructuralDecision:
    typed = facts.notice_type or "/".join(facts.tags) or "notice"
    if facts.stage == "report":
        return StructuralDecision(
            NOT_OUTSOURCING,
            f"notice:reports_on_contract_{typed}",
            f"notice type {typed}: reports on a contract or procurement, lets none",
        )
    kinds = [(c, c.group) for c in facts.cpvs if c.group is not None]
    if not facts.ordered:
        kinds = _main_first(kinds)
    main = kinds[0] if kinds else None
    public = [c for c, g in kinds if g.kind == C.PUBLIC]
    categories = set(facts.categories)
    only_goods_works = bool(categories) and categories <= {"goods", "works"}

    if only_goods_works:
        if main is not None and main[1].kind == C.PUBLIC:
            # The buyer says goods or works, the main code says a public service: mixed.
            return _silent(facts, main[0], "category_contradicts_cpv")
        category = sorted(categories)[0]
        cpv = main[0] if main else None
        return StructuralDecision(
            NOT_OUTSOURCING,
            f"notice:category_{category}",
            _describe(facts, cpv)
            + _source(facts, None)
            + ": goods and works are not outsourcing of a public service",
        )
    # A contract awarded to another public body (a council, the NHS) is public-to-public.
    if facts.suppliers and all(PUBLIC_BODY.search(s) for s in facts.suppliers):
        return StructuralDecision(
            NOT_OUTSOURCING,
            "notice:supplier_public_body",
            f"awarded to {', '.join(facts.suppliers[:3])}"
            + (" (from the text)" if facts.from_text else "")
            + ": a public body, so public-to-public, not outsourcing",
        )
    # A housing association letting a contract for its own homes: not a council's decision,
    # whatever council the area has (blind labellers, round 28: two sets).
    if (
        facts.buyers
        and not any(_COUNCIL_BUYER.search(b) for b in facts.buyers)
        and any(_HOUSING_PROVIDER.search(b) for b in facts.buyers)
    ):
        return StructuralDecision(
            NOT_OUTSOURCING,
            "notice:buyer_not_a_council",
            f"buyer {'; '.join(facts.buyers[:2])}: a housing association or registered provider"
            " letting its own contract, not a council outsourcing a service",
        )
    # What the title names decides before the codes (module docstring).
    subject = subject_of(facts.title)
    if subject is not None and subject.kind == "own_premises":
        # Blind labellers split on it (docs/monitor.md, rounds 8 and 22): the words decide,
        # and a flag goes to the staff review queue, never straight out.
        return StructuralDecision(
            SILENT,
            "notice:structure_own_premises",
            f'title "{" ".join(facts.title.split())}": {subject.why}'
            + (" (from the text)" if facts.from_text else ""),
            (SILENT_SIGNAL, "notice:structure_own_premises", f"{POLICY_QUESTION}own_premises"),
        )
    if _CAFE_LETTING.search(facts.title or ""):
        # A café or kiosk let with its premises ("Lease and Operation of the Café at ...
        # Estate"), whatever the letting and catering codes say: the same policy question as
        # in the words (rules.not_outsourcing, cafe_concession): held for campaign staff.
        return StructuralDecision(
            SILENT,
            "notice:structure_cafe_concession",
            f'title "{" ".join(facts.title.split())}": a café or kiosk let to an operator'
            + (" (from the text)" if facts.from_text else ""),
            (
                SILENT_SIGNAL,
                "notice:structure_cafe_concession",
                f"{POLICY_QUESTION}cafe_concession",
            ),
        )
    if subject is not None and subject.kind == "language_services":
        return StructuralDecision(
            OUTSOURCING,
            "notice:structure_language_services",
            f'title "{" ".join(facts.title.split())}": {subject.why}'
            + (" (from the text)" if facts.from_text else ""),
            (f"{POLICY_QUESTION}language_services",),
        )
    if subject is not None:
        return StructuralDecision(
            NOT_OUTSOURCING,
            f"notice:subject_{subject.kind}",
            f'title "{" ".join(facts.title.split())}": {subject.why}'
            + (" (from the text)" if facts.from_text else ""),
        )
    if main is None:
        if names_public_facing_service(facts.title):
            # "Responsive Repairs, Voids and Planned Maintenance Partner", no code given
            return StructuralDecision(
                OUTSOURCING,
                "notice:title_public_service",
                f'title "{" ".join(facts.title.split())}" (no CPV code): a service residents '
                "use, let to a provider",
            )
        return _silent(facts, None, "no_cpv")
    cpv, group = main
    if group.kind == C.PUBLIC:
        return StructuralDecision(
            OUTSOURCING,
            _division_rule(cpv),
            f"{_describe(facts, cpv)}{_source(facts, cpv)}: {group.name}, a service delivered "
            "to the public on the council's behalf",
        )
    if group.kind in (C.OWN_USE, C.MIXED) and names_public_facing_service(facts.title):
        # "Housing Responsive Repairs Service" under code 50, "Customer Contact Centre" under
        # 7951: the title says the service is for residents.
        return StructuralDecision(
            OUTSOURCING,
            "notice:title_public_service",
            f'title "{" ".join(facts.title.split())}" with {_describe(facts, cpv)}'
            f"{_source(facts, cpv)}: a service residents use, let to a provider",
        )
    if group.kind == C.MIXED:
        return _silent(facts, cpv, "cpv_group_mixed")
    mixed = [c for c, g in kinds if g.kind == C.MIXED]
    if group.kind in (C.GOODS, C.WORKS) and categories == {"services"} and mixed:
        # A services contract filed under a goods code ("39830000 Cleaning products") beside
        # a service code that can go either way ("90911200 Building-cleaning services"): the
        # category and that code say a service is bought; its words decide.
        return _silent(facts, mixed[0], "category_contradicts_cpv")
    if public:
        # The main code is goods, works or own use, another code a public service.
        return _silent(facts, public[0], "cpv_codes_mixed")
    if group.kind == C.OWN_USE:
        # A service run whole for the council's own staff, let like a public service: blind
        # labellers split on it (rounds 27, 28, 33), so it is read as outsourcing and held for
        # campaign staff, never published straight out.
        for question, prefix, pattern, what in _RUN_FOR_THE_COUNCIL:
            if cpv.code.startswith(prefix) and pattern.search(facts.title):
                return StructuralDecision(
                    OUTSOURCING,
                    f"notice:structure_{question}",
                    f'title "{" ".join(facts.title.split())}" with {_describe(facts, cpv)}'
                    f"{_source(facts, cpv)}: {what} run for the council by a provider",
                    (f"{POLICY_QUESTION}{question}",),
                )
    # A "services" category with a goods or works main code (maintenance of equipment, software
    # support, repairs) is a service tied to what the council owns: not a public service.
    reason = {
        C.GOODS: "goods are not outsourcing of a public service",
        C.WORKS: "works are not outsourcing of a public service",
        C.OWN_USE: f"{group.name}: a service bought for the council's own use",
    }[group.kind]
    return StructuralDecision(
        NOT_OUTSOURCING,
        _division_rule(cpv),
        f"{_describe(facts, cpv)}{_source(facts, cpv)}: {reason}",
    )


# A title that lets the running of the council's ICT, not a system or advice: "ICT Managed
# Service Desk and Infrastructure Support", "Managed IT Services", "Outsourced ICT Service".
# A back-office service run whole for the council: "Payroll and HR Transactional Managed
# Service", "Managed Payroll Service" (not advice: "Payroll Advisory Services").
_MANAGED_BACK_OFFICE: Final = re.compile(
    r"\b(?:payroll|hr|human resources|pensions administration|exchequer|accounts payable|"
    r"transactional)\b[^|]{0,40}?\bmanaged services?\b|\bmanaged (?:payroll|hr|human "
    r"resources|exchequer) services?\b|\boutsourced (?:payroll|hr|exchequer)\b",
    re.I,
)
# (not support for one system: "Microsoft Dynamics 365 Support and Managed Service")
_MANAGED_ICT: Final = re.compile(
    r"\b(?:managed (?:ict|it) services?|(?:ict|it) managed services?|(?:ict |it )?service "
    r"desk|(?:ict|it) (?:support|infrastructure) services|infrastructure support|outsourced "
    r"(?:ict|it)\b)",
    re.I,
)


# The policy question, the CPV prefix it applies under, the title that shows it, and what it is.
_RUN_FOR_THE_COUNCIL: Final = (
    ("managed_back_office", "", _MANAGED_BACK_OFFICE, "a back-office service"),
    ("managed_ict", "72", _MANAGED_ICT, "a managed ICT service"),
)

_COUNCIL_BUYER = re.compile(
    r"\b(?:council|combined authority|local authority|borough of|city of|county of|"
    r"corporation)\b",
    re.I,
)
_HOUSING_PROVIDER = re.compile(
    r"\bhousing (?:association|group|trust|society|partnership)\b|\bregistered (?:social "
    r"landlord|provider(?: of social housing)?)\b|\bcommunity housing\b|\bhomes (?:ltd|limited|"
    r"group)\b",
    re.I,
)


_CAFE_LETTING = re.compile(
    r"\b(?:caf[eé]s?|kiosks?|refreshment (?:facilit(?:y|ies)|kiosks?)|tea rooms?|coffee shops?)\b"
    r"(?=.*\b(?:operat\w*|concession\w*|leas\w*|letting|running|management)\b)"
    r"|\b(?:operat\w*|concession\w*|leas\w*|letting|running|management) (?:of|for) (?:the )?"
    r"(?:[\w'’-]+ ){0,3}?(?:caf[eé]s?|kiosks?|tea rooms?|coffee shops?)\b",
    re.I,
)


# Suppliers that are public bodies (eval README: public-to-public arrangements are not
# outsourcing): councils and the NHS; not "Council for Voluntary Service", a charity.
PUBLIC_BODY = re.compile(
    r"\b(?:council|combined authority|county council|nhs|integrated care boards?|icb|"
    r"foundation trust|clinical commissioning group|health board|"
    r"health and social care trust)\b(?! for voluntary)(?!['’]s)",
    re.I,
)


def _silent(facts: NoticeFacts, cpv: Cpv | None, why: str) -> StructuralDecision:
    return StructuralDecision(
        SILENT,
        f"notice:structure_{why}",
        (_describe(facts, cpv) or "no category, no CPV code") + _source(facts, None),
        (SILENT_SIGNAL, f"notice:structure_{why}"),
    )
