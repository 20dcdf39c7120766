"""What a procurement notice's title says it buys, when that settles the question whatever the
CPV codes say.

Buyers pick CPV codes loosely: a parking back-office system is coded as parking enforcement, an
adult social care "digital blueprint" contract as social work, CCTV maintenance as a CCTV
service, consultancy as education. The title names the subject more exactly. When its head
(the noun phrase the title is about, before "for", "of", "to" and the like) is a system or
software, a review, a strategy, an audit, advice or consultancy, when it buys maintenance of
equipment, or goods ("Supply and delivery of ...") or building works, what is bought is for the
council's own use, not a public service let to a provider.

These are general patterns of how notice titles are written, never one notice's words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

_I = re.IGNORECASE

# Leading words that say how something is bought, not what: "Provision of", "Framework for
# the", "Contract for the supply of".
_LEAD_IN: Final = re.compile(
    r"^(?:the\s+)?(?:(?:provision|procurement|appointment|purchase|tender|contract|framework|"
    r"dps|award|call[- ]offs?|delivery)(?:\s+agreement)?\s+(?:of|for)\s+(?:an?\s+|the\s+)?)+",
    _I,
)
# Where the head of a title ends: a preposition, a bracket, a colon.
_HEAD_END: Final = re.compile(
    r"\s(?:for|of|to|at|in|across|within|including|with|on behalf|under|by)\s|[(:\[]", _I
)
# A title's parts: a reference, the subject, a lot ("AT1299 - Provision for ...").
_DASH: Final = re.compile(r"\s[-–—]\s")
# Words that may follow the head noun without changing what it is ("Advisory Services",
# "Consultancy Services Dynamic Purchasing System", "Survey 2019-2023").
_TAIL: Final = (
    r"(?:[\s,&]+(?:and\s+)?(?:services?|contracts?|framework(?:\s+agreement)?|agreement|panel|"
    r"partners?|providers?|dynamic\s+purchasing\s+system|dps|project|programme|plus|"
    r"solutions?|requirements?|lots?\s*\w*|[\d/–-]{2,}))*\s*$"
)

OWN_USE_HEAD: Final = re.compile(
    r"(?:"
    # Systems and software: the council's own tools, whatever service they support.
    r"(?<!purchasing )(?<!care )(?<!whole )\bsystems?|\bsoftware|\bplatforms?|\bsaas"
    r"|\blicen[cs](?:e|es|ing)|\bback[- ]office"
    # Advice, reviews and studies that inform the council's own decisions.
    r"|\breview|\bstrateg(?:y|ies)|\bconsultan(?:cy|ts?)|\badvisory|\badvisers?|\badvisors?"
    r"|\baudit(?:ing|ors?)?|\bvaluations?|\bfeasibility(?:\s+stud(?:y|ies))?|\bstud(?:y|ies)"
    r"|\bevaluation|\bresearch|\bsurveys?|\bblueprint|\bimplementation\s+support"
    r"|\btransformation\s+(?:partner|support)|\bdue\s+diligence|\bbusiness\s+case"
    r"|\boptions\s+appraisal|\bproject\s+management|\bdesign|\blegal|\binsurance|\bbanking"
    r"|\bclaims\s+(?:handling|management)|\badvertising|\bmarketing|\bemployer\s+brand(?:ing)?"
    # Staff supplied to the council: its own workforce, not a service let.
    r"|\brecruitment|\b(?:agency|temporary|interim|locum)\s+(?:staff(?:ing)?|workers|labour)"
    r"|\bpersonnel"
    r"|\b(?:legal|financial|treasury|tax|technical|professional|commercial|strategic|"
    r"actuarial|property|procurement|specialist|expert)\s+advice"
    r")" + _TAIL,
    _I,
)
# Cameras watched for the public's safety: monitoring them is a community safety service,
# whatever maintenance of the cameras comes with it.
_PUBLIC_SPACE_CCTV: Final = (
    r"\bpublic[- ]space cctv\b|\b(?:town|city) cent(?:re|er) cctv\b|\bcctv (?:control room|"
    r"monitoring) (?:of|for|across) (?:the )?(?:public|town|city|borough|district|county)\b"
)
STAFF_SUPPLY: Final = re.compile(
    r"\b(?:temporary|agency|interim|locum)\s+(?:agency\s+)?(?:staff(?:ing)?|workers|labour|"
    r"personnel)\b|\bsupply of (?:temporary )?(?:staff|personnel)\b",
    _I,
)
_EQUIPMENT: Final = (
    r"(?:cctv|equipment|lifts?|boilers?|plant|vehicles?|fleet|alarms?|(?:\w+\s+)?systems?|"
    r"doors?|gates?|barriers?|pumps?|generators?|heating|ventilation|hvac|air[- ]conditioning|"
    r"sprinklers?|play(?:ground)?\s+equipment|machinery|hardware|telephony|cameras?|"
    r"access\s+control|door\s+entry)"
)
MAINTENANCE_OF_EQUIPMENT: Final = re.compile(
    rf"\b{_EQUIPMENT}\b(?:[\s,&]+\w+){{0,4}}?[\s,&]+(?:maintenance|servicing|repairs?)\b"
    rf"|\b(?:maintenance|servicing|repairs?)\b(?:[\s,&]+\w+){{0,4}}?\s+(?:of|to|for)\s+"
    rf"(?:the\s+|our\s+|council\s+)?(?:\w+\s+){{0,2}}?{_EQUIPMENT}\b",
    _I,
)
# Language services (translation, interpreting) support the council's own work wherever they
# stand in the head ("Interpreting, Translation and Related ... Support Services").
LANGUAGE_SERVICES: Final = re.compile(
    r"\b(?:translation|interpreting|interpretation|transcription)\b", _I
)
# Office support for the council itself, wherever it stands in the title: its post and
# confidential papers, printing ("Secure Collection and Destruction of Confidential Waste").
# Not couriers: "delivery of waste sacks to trade waste customers" is part of a service.
OFFICE_SUPPORT: Final = re.compile(
    r"\b(?:confidential (?:waste|papers?|documents?)|shredding|postal services?|"
    r"mail(?:room| services?)|document (?:storage|scanning)|printing|photocopi\w*|stationery|"
    r"print(?: (?:and|&) distribution)?|magazines?|newsletters?|communications agency|"
    r"occupational health|employee assistance|(?:staff|employee) (?:wellbeing|counselling))\b",
    _I,
)
# Training and development of the council's own staff ("Leadership and Management
# Development Programme"), not skills programmes for residents.
STAFF_DEVELOPMENT: Final = re.compile(
    r"\b(?:staff|employee|workforce|leadership|management|managers?['’]?|organisational)"
    r"(?: and management)? (?:training|development|learning)\b",
    _I,
)
# The council's own premises and staff: cleaning, guarding and catering of its offices are
# facilities for the council itself ("Office Cleaning - Council Offices", "Staff Restaurant -
# County Hall"), unless the title also names buildings the public uses.
OWN_PREMISES: Final = re.compile(
    r"\b(?:council|administrative|corporate|civic) (?:offices|buildings|headquarters|premises)\b"
    r"|\b(?:county|town|city|guild)\s+hall\b|\bcivic (?:centre|offices)\b"
    r"|\b(?-i:Council House)\b(?! (?:building|programme|repairs))"
    r"|\bstaff (?:restaurant|canteen|catering|caf[eé])\b|\boffice (?:cleaning|security)\b",
    _I,
)
# Premises the council rents for itself: "Leasing of Office Accommodation", "Requirement for
# Leasehold Premises": no service is bought at all.
RENTED_PREMISES: Final = re.compile(
    r"\b(?:leas(?:e|ing)|rental|renting) of (?:[\w-]+ ){0,3}?(?:offices?|office (?:space|"
    r"accommodation)|premises|depots?)\b|\b(?:leasehold|rented|leased) (?:office|premises)\b"
    # "Requirement for Office and Customer Contact Accommodation - Clacton-on-Sea"
    r"|\brequirement for (?:[\w-]+ ){0,5}?(?:accommodation|premises|office space)\b"
    # homes leased from landlords for temporary accommodation (private sector leasing)
    r"|\bleas(?:e|ing) of (?:[\w-]+ ){0,2}?(?:residential )?(?:properties|homes|dwellings) "
    r"(?:for (?:use as )?temporary accommodation|from (?:private )?landlords)\b",
    _I,
)
_PREMISES_SOLD: Final = re.compile(
    r"\b(?:disposal|sale|for sale|freehold|long[- ]lease(?:hold)?|offers? (?:invited|over))\b", _I
)
_PUBLIC_PREMISES: Final = re.compile(
    r"\b(?:public (?:toilets|conveniences)|leisure|librar(?:y|ies)|schools?|care homes?|"
    r"parks?|residents|community centres?|museums?|markets?|housing|homes)\b",
    _I,
)
# Goods: "Supply and delivery of ...", "Purchase of ..." (not "Supply of ... services").
GOODS_PURCHASE: Final = re.compile(
    r"\b(?:supply|purchase|acquisition)(?:\s+(?:and|&)\s+(?:delivery|installation|fitting))?"
    # (not "Purchase of care services"; but vehicles "for the waste and recycling service"
    # are goods still)
    r"\s+of\b(?!(?:(?!\bfor\b)[^()])*\b(?:services?|staff|workers|accommodation|care|"
    r"support)\b)",
    _I,
)
# Building works named in the title.
WORKS_TITLE: Final = re.compile(
    r"\b(?:construction|refurbishment|demolition|new[- ]build|remodelling|re-?roofing|"
    r"resurfacing|(?:school|classroom|building|library|centre|house)\b(?:\s+\w+){0,2}?\s+"
    r"(?:extension|expansion))\b",
    _I,
)


@dataclass(frozen=True)
class Subject:
    # "own_use", "goods", "works", or a policy question: "own_premises", "language_services"
    kind: str
    what: str  # the words of the title that say so
    why: str


def _heads(title: str) -> list[str]:
    heads = []
    for part in _DASH.split(title):
        part = _LEAD_IN.sub("", part.strip())
        m = _HEAD_END.search(part)
        heads.append((part[: m.start()] if m else part).strip())
    return [h for h in heads if h]


def subject_of(title: str | None) -> Subject | None:
    """What the title says is bought, when it is not a public service; None otherwise."""
    title = " ".join((title or "").split())
    if not title:
        return None
    m = MAINTENANCE_OF_EQUIPMENT.search(title)
    if m and not re.search(_RESIDENTS_HOMES, title, _I) and not re.search(
        _PUBLIC_SPACE_CCTV, title, _I
    ):
        return Subject("own_use", m.group(0), "maintenance of equipment the council owns")
    m = GOODS_PURCHASE.search(title)
    if m:
        return Subject("goods", m.group(0), "goods are not outsourcing of a public service")
    m = WORKS_TITLE.search(title)
    if m:
        return Subject("works", m.group(0), "works are not outsourcing of a public service")
    m = STAFF_SUPPLY.search(title)
    if m:
        # (the staff may be named after the head: "Managed Service Provider for Temporary
        # Agency Workers")
        return Subject("own_use", m.group(0), "staff supplied to work in the council's own teams")
    m = OFFICE_SUPPORT.search(title) or STAFF_DEVELOPMENT.search(title)
    if m:
        return Subject("own_use", m.group(0), "office support bought for the council itself")
    m = RENTED_PREMISES.search(title)
    if m and not _PREMISES_SOLD.search(title):
        return Subject("own_use", m.group(0), "premises the council rents for itself")
    m = OWN_PREMISES.search(title)
    # (not the premises sold: "Disposal of Former Council Offices - Freehold Sale")
    if m and not _PUBLIC_PREMISES.search(title) and not _PREMISES_SOLD.search(title):
        return Subject(
            "own_premises",
            m.group(0),
            "cleaning, guarding or catering of the council's own offices and staff: whether"
            " that is a public service let out is a policy question for campaign staff",
        )
    for head in _heads(title):
        m = LANGUAGE_SERVICES.search(head)
        if m:
            # Interpreting bought for residents at the council's front desks, or for its own
            # meetings: labellers split (rounds 27 and 35), so staff decide.
            return Subject(
                "language_services",
                head,
                "interpreting and translation: for residents using council services or for the"
                " council's own work, a policy question for campaign staff",
            )
        m = OWN_USE_HEAD.search(head)
        # (the back office of a service residents meet is part of it: "Parking Enforcement,
        # Penalty Charge Notice Processing and Back-Office Services")
        if m and re.match(r"back[- ]office", m.group(0), _I) and _PUBLIC_FACING.search(head):
            m = None
        if m:
            return Subject(
                "own_use",
                head,
                "a system, software, advice, a review, a study, consultancy, language services "
                "or staff bought for the council's own use",
            )
    return None


_SERVICE_HEAD: Final = re.compile(r"\bservices?$", _I)


def names_a_service(title: str | None) -> str | None:
    """The head of a title that names a service ("Cumbria Substance Use: Treatment Service",
    "Home Support Services - Lot 2"), when the title names no own-use subject; else None."""
    title = " ".join((title or "").split())
    if not title or subject_of(title) is not None:
        return None
    for part in _DASH.split(title):
        part = _LEAD_IN.sub("", part.strip())
        # The head of "X: Y" is Y (a programme name, then what it buys).
        part = part.rsplit(":", 1)[-1].strip()
        m = _HEAD_END.search(part)
        head = (part[: m.start()] if m else part).strip()
        if _SERVICE_HEAD.search(head) and len(head.split()) >= 2:
            return head
    return None


# The homes the council lets to tenants: servicing and repairs in them are a landlord service
# to the tenants, not upkeep of the council's own plant.
_RESIDENTS_HOMES: Final = (
    r"\b(?:council|social|tenants['’]?|housing revenue account) (?:housing|homes|dwellings|"
    r"houses|flats|properties)\b|\bhousing stock\b|\b(?:council|social) housing\b"
)


# Services residents deal with directly that CPV files under divisions for the council's own
# use: housing repairs under "repair and maintenance" (50), revenues and benefits under
# "administration" (75) or "business services" (79). A title that names one makes an own-use
# code mixed, and the notice's words decide.
_PUBLIC_FACING: Final = re.compile(
    r"\b(?:housing|tenants?['’]?|council homes?|responsive) (?:\w+ )?repairs\b|\bvoids\b|"
    r"\brevenues?,? (?:and|&) benefits\b|\bcouncil tax (?:collection|administration|billing)\b|"
    r"\bbenefits? (?:administration|processing|service)\b|\bcustomer (?:services?|contact)\b|"
    r"\b(?:contact|call) cent(?:re|er)s?\b|"
    # Recovering residents' council tax and fines for the council: enforcement agents.
    r"\benforcement agents?\b|\bbailiffs?\b|\bsheriff officers?\b|"
    r"\bcouncil tax (?:recovery|enforcement)\b|"
    # Employment support for residents (DWP-funded programmes such as Connect to Work) is
    # filed under recruitment services, which is otherwise the council's own hiring.
    r"\bindividual placement and support|\b(?:supported|into) employment\b|"
    r"\bemployment support\b|\bjob ?(?:search|clubs?)\b|"
    # Road safety for children on their way to school, filed under security or other services.
    r"\b(?:school )?crossing patrols?\b|\blollipop\b|"
    # Homes the council provides, managed for their residents (property management codes):
    # "Management of Gypsy and Traveller Residential Sites", "Housing Management Services"
    r"\b(?:gypsy|travell?er)s?\b(?: (?:and|&) travell?ers?)?(?: residential)? sites?\b|"
    r"\b(?:housing|tenancy) management\b|"
    # Markets the council runs for traders and shoppers, filed under "other services".
    r"\b(?:management|operation|running)(?: and (?:operation|management|development))? of "
    r"(?:the )?(?:council['’]?s? )?(?:[\w'’-]+ ){0,3}?markets?\b|\bmarkets? (?:management|"
    r"operators?|operation)\b|"
    # Community safety cameras watched for the public, filed under surveillance services
    # (not the council's own buildings' alarms: "Alarm Monitoring for Council Offices").
    rf"{_PUBLIC_SPACE_CCTV}|"
    # Parking enforcement: penalty charges residents meet, whatever code files it.
    r"\b(?:civil |on-street )?parking enforcement\b|\bpenalty charge notices?\b|"
    # Abandoned vehicles taken off the street, filed under towing services.
    r"\b(?:removal of )?abandoned (?:and untaxed )?vehicles?\b|"
    # Toilets the public use, run or cleaned, filed under cleaning or building maintenance (not
    # building work on them: "Public Conveniences Repurposing")
    r"\b(?:management|cleaning|operation|running|attend\w*|servicing)\b[^|]{0,40}?\bpublic "
    r"(?:conveniences|toilets)\b|\bpublic (?:conveniences|toilets) (?:cleaning|management|"
    r"attendants?|services?|operation)\b|"
    # The landlord's servicing of tenants' homes: "Gas Servicing ... in Council Housing".
    rf"{_RESIDENTS_HOMES}",
    _I,
)


# The council's own tools for such a service: "Contact Centre Software Licences".
_TOOLS: Final = re.compile(
    r"\b(?:software|licen[cs]\w*|(?<!heating )(?<!water )systems?|platforms?|hardware|"
    r"telephony|equipment|saas)\b",
    _I,
)


def names_public_facing_service(title: str | None) -> bool:
    """Whether a notice title names a service residents use that CPV files as own use (and
    not the council's tools for it)."""
    text = " ".join((title or "").split())
    return bool(text) and _PUBLIC_FACING.search(text) is not None and not _TOOLS.search(text)
