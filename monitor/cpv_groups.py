"""What a CPV code says about a procurement: goods, works, a service the council buys for its
own use, or a public service delivered to the public on the council's behalf.

Source: the Common Procurement Vocabulary, CPV 2008 (Commission Regulation (EC) No 213/2008
of 28 November 2007, OJ L 74, 15.3.2008), which UK notices still use. Its structure: the first
two digits are the division; divisions 03-44 and 48 are supplies, 45 is works, 50-98 are
services. Codes and names below were checked against the descriptions the real recorded Find
a Tender and Contracts Finder notices carry (``../shared/fixtures/real/procurement``).

Each group is a prefix of the 8-digit code; the longest matching prefix wins, so a group can
carve an exception out of its division ("90" public, "9071" environmental consultancy own
use). ``MIXED`` means the code alone cannot tell (education and training may be of pupils or
of staff): the notice's words decide, and the decision is less certain.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

GOODS: Final = "goods"
WORKS: Final = "works"
OWN_USE: Final = "own_use"  # a service bought for the council's own use
PUBLIC: Final = "public_service"  # a service delivered to the public on the council's behalf
MIXED: Final = "mixed"


@dataclass(frozen=True)
class CpvGroup:
    prefix: str
    kind: str
    name: str
    why: str


def _g(prefix: str, kind: str, name: str, why: str) -> CpvGroup:
    return CpvGroup(prefix, kind, name, why)


# Service groups only: supplies and works are told by the division number alone (see kind_of).
SERVICE_GROUPS: Final[tuple[CpvGroup, ...]] = (
    _g(
        "50",
        OWN_USE,
        "Repair and maintenance services",
        "Upkeep of the council's own buildings, plant, vehicles and equipment.",
    ),
    _g(
        "5023",
        MIXED,
        "Repair and maintenance of roads, public lighting and traffic signals",
        "Highway upkeep is a public service when a contractor runs it for the council.",
    ),
    _g(
        "51",
        OWN_USE,
        "Installation services (except software)",
        "Installing equipment is part of buying it.",
    ),
    _g(
        "55",
        MIXED,
        "Hotel, restaurant and retail trade services",
        "Hotel rooms may be temporary housing for homeless people or staff travel.",
    ),
    _g(
        "555",
        PUBLIC,
        "Canteen and catering services",
        "School meals and meals on wheels are services to pupils and residents.",
    ),
    _g(
        "5551",
        MIXED,
        "Canteen services",
        "A school canteen serves pupils; a staff restaurant serves the council's own staff.",
    ),
    _g(
        "60",
        PUBLIC,
        "Transport services (excl. waste transport)",
        "Councils buy passenger transport: home-to-school, SEND, social care and bus services.",
    ),
    _g("6016", OWN_USE, "Postal transport by road", "Moving the council's post and parcels."),
    _g(
        "6018", OWN_USE, "Hire of goods-transport vehicles with driver", "Moving goods, not people."
    ),
    _g("604", MIXED, "Air transport services", "Rarely a service to residents."),
    _g(
        "63",
        MIXED,
        "Supporting and auxiliary transport services; travel agencies",
        "Storage and traffic control are works support; parking is a public service.",
    ),
    _g(
        "635",
        OWN_USE,
        "Travel agency, tour operator and tourist assistance services",
        "Staff travel.",
    ),
    _g(
        "637124",
        PUBLIC,
        "Parking services",
        "Running car parks and parking enforcement for the public.",
    ),
    _g(
        "64",
        OWN_USE,
        "Postal and telecommunications services",
        "The council's own post and phones.",
    ),
    _g("65", OWN_USE, "Public utilities", "Energy and water for council buildings."),
    _g(
        "66",
        OWN_USE,
        "Financial and insurance services",
        "Banking, insurance and pension advice for the council.",
    ),
    _g(
        "70",
        OWN_USE,
        "Real estate services",
        "Agency, valuation and development services for the council's property.",
    ),
    _g(
        "70331",
        PUBLIC,
        "Residential property services",
        "Managing tenants' homes on the council's behalf.",
    ),
    _g(
        "70332",
        MIXED,
        "Non-residential property services",
        "Land and commercial property management: an operator of a public asset or estate admin.",
    ),
    _g("70333", PUBLIC, "Housing services", "Housing services to residents."),
    _g(
        "71",
        OWN_USE,
        "Architectural, construction, engineering and inspection services",
        "Design, surveying and inspection for the council's own projects and buildings.",
    ),
    _g(
        "72",
        OWN_USE,
        "IT services: consulting, software development, Internet and support",
        "The council's own systems.",
    ),
    _g(
        "73",
        OWN_USE,
        "Research and development services and related consultancy services",
        "Studies for the council.",
    ),
    _g(
        "75",
        MIXED,
        "Administration, defence and social security services",
        "Public administration is partly own use, partly services to the public.",
    ),
    _g("751", OWN_USE, "Administration services", "The council's own administration."),
    _g(
        "752",
        PUBLIC,
        "Provision of services to the community",
        "Public order, fire, rescue and probation services to the public.",
    ),
    _g(
        "753",
        PUBLIC,
        "Compulsory social security services",
        "Benefit administration for residents.",
    ),
    _g("76", OWN_USE, "Services related to the oil and gas industry", "Not a council service."),
    _g(
        "77",
        MIXED,
        "Agricultural, forestry, horticultural, aquacultural and apicultural services",
        "Tree work and animal husbandry may be estate upkeep or a public service.",
    ),
    _g(
        "773",
        PUBLIC,
        "Horticultural services",
        "Parks, green spaces, sports fields and grounds maintenance for the public.",
    ),
    _g(
        "79",
        OWN_USE,
        "Business services: law, marketing, consulting, recruitment, printing and security",
        "Legal, audit, consultancy, research, HR and printing bought for the council's own use.",
    ),
    _g(
        "79222",
        MIXED,
        "Debt collection services",
        "Recovering residents' council tax and rents on the council's behalf (enforcement"
        " agents, sheriff officers), or the council's own commercial debts.",
    ),
    _g(
        "7994",
        MIXED,
        "Collection agency services",
        "Enforcement agents recovering residents' council tax on the council's behalf, or"
        " the council's own debts.",
    ),
    _g(
        "795",
        OWN_USE,
        "Office-support services",
        "Translation, interpreting, reprographics, typing and mailing for the council.",
    ),
    _g(
        "7951",
        MIXED,
        "Telephone-answering services",
        "A contact centre can be the council's service to residents, or its switchboard.",
    ),
    _g(
        "797",
        MIXED,
        "Investigation and security services",
        "Guarding council offices, or security of public places.",
    ),
    _g(
        "79993",
        MIXED,
        "Building and facilities management services",
        "Facilities management of offices, or of public buildings run for residents.",
    ),
    _g(
        "80",
        MIXED,
        "Education and training services",
        "Teaching pupils is a public service; training staff is not.",
    ),
    _g("801", PUBLIC, "Primary education services", "Education of pupils."),
    _g("802", PUBLIC, "Secondary education services", "Education of pupils."),
    _g("8034", PUBLIC, "Special education services", "Education of pupils with SEND."),
    _g("8041", PUBLIC, "Various school services", "Services to pupils."),
    _g("805", OWN_USE, "Training services", "Training the council's staff."),
    _g(
        "8053",
        MIXED,
        "Vocational training services",
        "Skills programmes for residents, or staff training.",
    ),
    _g(
        "85",
        PUBLIC,
        "Health and social work services",
        "Social care, public health and support services to residents.",
    ),
    _g("85147", OWN_USE, "Company health services", "Occupational health for staff."),
    _g("852", MIXED, "Veterinary services", "Animal welfare service or own animals."),
    _g(
        "90",
        PUBLIC,
        "Sewage, refuse, cleaning and environmental services",
        "Waste collection, street cleaning, cleaning and pest control for the public.",
    ),
    _g(
        "9091",
        MIXED,
        "Cleaning services",
        "Cleaning of public toilets, schools and homes, or of the council's own offices.",
    ),
    # (not own use outright: buyers file public toilets under it too; a title that names the
    # council's own offices makes it own use, monitor.notice_subject)
    _g(
        "909192",
        MIXED,
        "Office-cleaning services",
        "Cleaning the council's own offices, or public buildings filed under it.",
    ),
    _g(
        "907",
        MIXED,
        "Environmental services",
        "Environmental protection work, or environmental advice to the council.",
    ),
    _g(
        "9071",
        OWN_USE,
        "Environmental management",
        "Environmental planning, assessment and consultancy for the council.",
    ),
    _g(
        "92",
        PUBLIC,
        "Recreational, cultural and sporting services",
        "Leisure centres, libraries, museums, culture and sport for the public.",
    ),
    _g("921", OWN_USE, "Motion picture and video services", "The council's own publicity."),
    _g(
        "922",
        MIXED,
        "Radio and television services",
        "CCTV of public spaces, or the council's own broadcasting.",
    ),
    _g("924", OWN_USE, "News-agency services", "The council's own communications."),
    _g(
        "98",
        MIXED,
        "Other community, social and personal services",
        "A mixed division: membership, office and miscellaneous services.",
    ),
    _g(
        "98341",
        PUBLIC,
        "Accommodation services",
        "Temporary and supported accommodation for residents.",
    ),
    _g("9835", PUBLIC, "Civic-amenity services", "Car parks and parking enforcement."),
    _g("9837", PUBLIC, "Funeral and related services", "Cemeteries, crematoria and funerals."),
    _g("9838", PUBLIC, "Dog kennel services", "Stray dog service."),
    _g("9839", OWN_USE, "Other services", "Locksmiths, relocation and similar for the council."),
    _g(
        "985",
        PUBLIC,
        "Private households with employed persons",
        "Domestic help in residents' homes.",
    ),
)

_BY_PREFIX: Final = {g.prefix: g for g in SERVICE_GROUPS}

SUPPLIES_GROUP: Final = CpvGroup(
    "03-44,48", GOODS, "Supplies", "CPV divisions 03-44 and 48 are supplies (goods)."
)
WORKS_GROUP: Final = CpvGroup("45", WORKS, "Construction work", "CPV division 45 is works.")
UNLISTED_SERVICE: Final = CpvGroup(
    "50-98", MIXED, "Services", "A service division this table does not sort."
)


def group_of(code: str) -> CpvGroup | None:
    """The group of an 8-digit CPV code (a check digit "-1" is ignored), or None if it is not
    one."""
    digits = code.strip().split("-")[0]
    if len(digits) < 2 or not digits[:2].isdigit():
        return None
    division = int(digits[:2])
    if division == 45:
        return WORKS_GROUP
    if division < 45 or division == 48:
        return SUPPLIES_GROUP
    for length in range(len(digits), 1, -1):
        group = _BY_PREFIX.get(digits[:length])
        if group is not None:
            return group
    return UNLISTED_SERVICE
