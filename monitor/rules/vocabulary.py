"""Shared vocabulary: services, goods and works, the public, staff, assets. Used by the rules
of several labels. The in-house option's words are in :mod:`monitor.rules.inhouse_vocabulary`."""

from __future__ import annotations

import re

from monitor.rules.base import (
    _alt,
    _re,
)

# --------------------------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------------------------

# Public services that councils contract out. Used to tell a service contract from a goods
# purchase ("refuse collection vehicles" are goods; "refuse collection" is a service).
SERVICE_DOMAIN = _alt(
    r"care|domiciliary|reablement|supported living|day (?:care|services?|opportunities|centres?)",
    r"respite|short breaks|homecare|home support|extra care|residential|nursing|social work|"
    r"advocacy",
    r"early years|children['’]?s centres?|youth|family support|family hubs?|fostering|"
    r"public health",
    r"sexual health|substance misuse|drugs? and alcohol|health visiting|school nursing",
    r"wellbeing|leisure|sports?|swimming|pools?|golf|gyms?|librar(?:y|ies)|museums?",
    r"theatres?|arts|culture|cultural|heritage|parks?|grounds maintenance|green spaces?",
    r"waste|refuse|recycling|recyclables?|street cleansing|cleansing|cleaning|catering|meals",
    r"kerbside|(?:glass|food|garden|green|bulky|textiles?|household|domestic) collections?",
    # Markets the council runs, not "the market" that bids ("test the market", "market
    # engagement"): a bare "market" is the supplier side in nearly every procurement paper.
    r"allotments?|(?:street|covered|indoor|outdoor|open|general|retail|farmers['’]?|christmas|"
    r"weekly|monthly|sunday|saturday|town|village|square)"
    r" markets?|market (?:halls?|stalls?|traders?|operat(?:ion|ors?))|markets service",
    r"visitor information|tourist information",
    r"facilities management|hard fm|soft fm|maintenance|repairs|housing management",
    r"homeless\w*|temporary accommodation|emergency accommodation|highways|street lighting",
    r"parking enforcement|public (?:toilets|conveniences)",
    # Support services let as contracts: supported housing, floating and housing-related
    # support, carers' support, advice.
    r"supported (?:accommodation|housing|living)|floating support|housing[- ]related support",
    r"(?:carers?['’]?|tenancy|family|young people['’]?s?) support|housing first",
    r"bus(?:es)?|bus routes?|school transport|send transport|travel assistance|learner travel",
    r"pest control|cemeter(?:y|ies)|crematori(?:um|a)|transport|passenger|home to school",
    # advice services for residents (not the council's own legal or professional advice)
    r"welfare rights|(?:debt|money|benefits?|housing|welfare|consumer) advice",
    # the winter service on roads
    r"gritting|winter (?:service|maintenance)|snow (?:clearance|ploughing)",
    # harbours and marinas a council runs for boat owners and visitors
    r"harbours?|marinas?|pontoons|berthing|moorings",
    # vehicles taken off the street for the council: "removal of abandoned vehicles"
    r"abandoned (?:and untaxed )?vehicles?|vehicle (?:removal|recovery)|untaxed vehicles?",
    # tuition given to pupils or residents: "Piping and Pipe Band Drumming Tuition"
    r"tuition|music lessons|swimming lessons|instrumental (?:music|teaching)",
    r"it managed service|ict|managed service|revenues|benefits|customer services",
    r"contact centre|payroll|hr|building control|enforcement|environmental health",
    r"security|concierge|hygiene|monitoring",
    # The control room that watches public places, and the clinical waste collected from homes
    r"cctv (?:monitoring|control rooms?)|(?:cctv |public space )?control rooms?",
    # Equipment lent to disabled people and their homes: a service with goods in it.
    r"community equipment|(?:integrated )?equipment (?:loans?|stores?)(?: services?)?|wheelchair",
    # Animal welfare councils let: stray dogs, dog wardens, kennelling
    r"stray (?:dogs?|animals?)|dog wardens?|kennel\w*|animal welfare",
    r"telecare|assistive technology",
    # The coroner's and bereavement services: "removal and conveyance of deceased persons on
    # behalf of HM Senior Coroner"
    r"coroners?|mortuar(?:y|ies)|bereavement|conveyance of (?:the )?deceased|deceased persons|"
    r"body (?:removal|recovery|transport|conveyance)|public health funerals",
    # Services for people at risk, commissioned from specialist providers
    r"refuges?|domestic (?:abuse|violence)|gender[- ]based violence|violence against women|"
    r"sexual violence|outreach|victim support|mental health|learning disabilit(?:y|ies)|"
    r"dementia|counselling|befriending|smoking cessation|stop smoking|weight management",
)

# A housing stock transfer: the council's homes, and with them the landlord service, pass to
# a housing association or other registered provider (eval README: both outsourcing and a
# sale). "Tenants voted in favour of transferring ownership of their homes to X Housing".
STOCK_TRANSFER = (
    r"\b(?:housing )?stock transfer\b",
    r"\btransfer (?:of )?(?:the council['’]s )?housing stock\b",
    r"\btransfer\w*\b(?:[^.;]|\.(?=\d)){0,160}?\b(?:homes|houses|dwellings|flats|housing "
    r"(?:stock|schemes?|estates?)|sheltered (?:housing|schemes?)(?: schemes?)?)\b"
    # a list of the schemes, in brackets and with semicolons, may come before the new landlord
    r"(?:[^.]|\.(?=\d)){0,240}?\bto (?:a |an |the )?(?:[\w'’&,-]+ ){0,6}?(?:a |an |the )?"
    r"(?:[\w-]+ ){0,3}?(?:housing associations?|registered (?:social )?"
    r"(?:landlords?|providers?)|housing (?:trusts?|compan(?:y|ies)|groups?))\b",
)

# Goods and capital works: buying them is not contracting out a service.
# Running a service for the public, however it is put: "to invest in, build and operate a
# replacement crematorium", "for the operation, programming and maintenance of the Sampleton
# Theatre".
OPERATES_A_SERVICE = (
    r"\b(?:operat(?:e|es|ing)|run(?:s|ning)?|manag(?:e|es|ing))\b (?:the |a |an |its |their )?"
    r"(?:[\w'’-]+ ){0,3}?" + SERVICE_DOMAIN + r"\b|"
    r"\b(?:operation|running|management|programming)(?:,? (?:and )?(?:operation|running|"
    r"management|programming|maintenance|development|marketing))* of (?:the )?"
    r"(?:[\w'’&-]+ ){0,4}?" + SERVICE_DOMAIN + r"\b"
)

GOODS = _alt(
    # (not a licence to occupy premises, which goes with a service let: "with a licence to
    # occupy the three hub buildings for the contract term")
    # (not the service named after them: "the vehicle pound", "vehicle removal")
    # (nor vehicles removed from the street: "removal of abandoned and untaxed vehicles")
    r"(?<!abandoned )(?<!untaxed )(?<!nuisance )vehicles?(?! (?:pound|removals?|recovery|"
    r"clamping))|"
    # (not a council unit named after it: "the Council's Fleet and Passenger Transport Unit")
    r"fleet(?!(?: (?:and|&) [\w-]+)?(?: [\w-]+)? (?:unit|team|section|department|division)\b)|"
    r"lorries|vans|"
    r"(?:pool|lease|hire|electric) cars?|(?:electric |accessible |new )?minibuses|"
    r"(?:ev |vehicle )?charging infrastructure|(?:ev )?charge ?points|"
    # (nor the fee an operator pays the council: "paying the Council a fixed annual licence fee")
    r"licen[cs](?:e|es|ing)(?! to occupy\b| fees?\b)|"
    r"re-?sell(?:er|ers|ing)?",
    r"software|hardware|equipment|furniture|fuel|materials|laptops?|devices|uniforms",
    r"bins|containers|bus shelters|frozen (?:ready )?meals|supply (?:and (?:home )?delivery )?of|"
    r"supply and (?:home )?delivery|purchase of|supply contracts?|(?:rock|road|de-?icing) salt",
    r"(?:capital|construction|building|refurbishment|highway|resurfacing|demolition|repair"
    r"|maintenance|improvement|civil|remediation|groundworks?) works",
    r"(?:refurbishment|construction|demolition|installation|remedial|capital|civil|building)"
    r" work",
    r"refurbish\w*|renovat\w*|fit(?:ting)?[- ]out|new build|construction of|build(?:ing)? of",
    r"installation of|erection of",
    # "a works and supply contract for the design, supply, installation and commissioning of
    # two replacement cremators"
    r"works and supply|supply and works|supply,? (?:and )?install\w*|installation and "
    r"commissioning",
    # The verbs of building work ("a contractor to demolish the former offices").
    r"demolish\w*|(?:re)?surfacing|surface dressing|micro-?asphalt|carriageway works|"
    # a works package named by what is done: "Desilting Works", "Piling Works"
    r"[\w-]+ing works|"
    # ("to extend" a building, not a contract: "the current contractor for twelve months, with
    # an option to extend for up to six months")
    r"resurfac\w*|(?:contractors?|builders?)\b[^.;]{0,60}?\b(?:to|will|would) "
    r"(?:construct|erect|build|extend (?:the |an? )?(?:[\w-]+ )?(?:school|building|premises|house|"
    r"home|centre|library|hall|offices?|depot|property)|convert|refurbish|re-?roof|install)\b",
    r"civil engineering (?:contractors?|works|frameworks?)",
    r"design and build|demolition|retrofit|works? (?:contracts?|programmes?|packages?|"
    r"frameworks?)",
    r"(?:roofs?|roofing|lifts?|boilers?|windows?|heating|kitchens?|bathrooms?|walls?|"
    r"retaining walls?|bridges?|culverts?|cladding|drainage) (?:replacements?|"
    r"refurbishments?|upgrades?|installations?|renewals?)",
    r"replacement (?:of )?(?:the |a )?(?:roofs?|lifts?|passenger lifts?|boilers?|windows?|"
    r"heating|retaining walls?)",
    r"(?:venue|vehicle|equipment|plant|room|car|coach) hire",
    # The contracts of a building project: "a Pre-Construction Services Agreement with the
    # contractor appointed via the Construction Framework", "RIBA stages 2 to 4".
    r"pre-?construction|construction (?:frameworks?|partners?|contractors?|contracts?)|"
    r"(?:main|principal|building) contractors?|riba stages?",
    # a named piece of building work: "fire door replacement works", "window renewal works"
    r"(?:replacement|installation|upgrade|remedial|renewal|repair|improvement|adaptation)"
    r" works",
    # a capital programme of repairs: "Highways Planned Maintenance Programme 2025/26"
    r"planned maintenance (?:programmes?|schemes?|works)",
    # Business software the council's own staff use: buying "a replacement finance system"
    # is buying a product, whatever service the system supports.
    r"(?:finance|financial|payroll|hr|human resources|case management|housing management|"
    r"revenues and benefits|ict|it|telephony|cctv|library management|document management|"
    r"customer relationship management|crm|erp|social care case) (?:systems?|software|"
    r"solutions?|platforms?)",
)
# Nouns that make a service word a mere description of goods ("street cleansing vehicles").
_GOODS_HEAD = (
    r"(?:vehicles?|equipment|fleet|lorries|vans|bins|containers|machinery|plant|hardware|"
    r"software|licen[cs]es|infrastructure|parts|systems?|solutions?|platforms?)"
)

# Who counts as "the public" for a consultation.
PUBLIC = _alt(
    r"residents?",
    # "the public" but not "the public open space", "the public interest"...
    r"(?:the|general|wider|local) public(?! (?:open|sector|interest|realm|health|notices?|"
    r"reports?|rights?|toilets|transport|access|meetings?|documents?|house|law|bod(?:y|ies)|"
    r"funds?|money|purse|services?|consultation))",
    r"members? of the public|public at large",
    r"(?:service|facility|library|centre|leisure|park|site|existing|current|bus|day centre)"
    r"[- ]users?",
    # (not "the tenant": one occupier of the property sold is a party to the sale)
    # (nor "sitting tenants": the occupiers of the holdings being sold)
    r"users?|carers?|famil(?:y|ies)|(?<!sitting )tenants|(?:every|each|all|any) tenant|"
    r"leaseholders?|learners|students|"
    r"patients?|parents?|pupils?",
    r"young people|older people|local people|people (?:who|that) (?:have )?(?:use[ds]?|"
    r"receive[sd]?|draw on|drawn on|attend(?:ed)?|live in|lived in|rel(?:y|ied) on)|"
    r"people (?:currently |now )?(?:using|receiving|in receipt of)",
    r"care leavers|survivors|people with lived experience|experts by experience",
    r"(?:allotment|plot|ticket|pass|badge|membership|season ticket) holders",
    r"(?:the|local|wider|affected|whole) communit(?:y|ies)|communities|community groups?",
    r"customers?|citizens?|visitors?|households?|local businesses|neighbours?|passengers",
    r"shoppers?|market traders|stallholders",
    # the people a theatre, museum or venue serves: "focus groups with audience members"
    r"audiences?|audience members|ticket (?:buyers|purchasers)|theatre[- ]?goers|"
    r"(?:gym|pool|centre|club) members|spectators|patrons",
    r"the people of|taxpayers|voters|electors|friends groups?|user groups?",
)
PUBLIC_RE = _re(rf"\b{PUBLIC}\b")

# Job and committee titles, which name people's posts and the council's own bodies, not the
# public or a service ("Director of Children and Families", "Chief Officer Governance and
# Customer"): masked wherever a rule asks who was consulted or what a contract is for.
_JOB_TITLES = (
    # Job and committee titles: "Cabinet Member for Communities", "Director of Children and
    # Families", "Strategic Director - Communities" (the capitalised words after "for"/"of"/a
    # dash).
    r"\b(?:cabinet|executive|portfolio|lead|deputy) (?:member|holder|councillor|lead)s?"
    r"(?: for| of)(?: (?-i:[A-Z&])[\w&,’'-]*| and| of| the| for){1,6}",
    r"\b(?:director|directorate|head|manager|department|service|services|team|officer|"
    r"scrutiny|committee|panel|board|select committee)(?: of| for| [-–]|:)"
    r"(?: (?-i:[A-Z&])[\w&,’'-]*| and| of| the){1,6}",
    # A job title that ends the capitalised words it starts: "Community Engagement and
    # Project Monitoring Officer", "Resident Involvement Manager"
    # (starting with a literal word that could be read as the public: cheap to search)
    r"\b(?-i:Community|Resident|Residents|Tenant|Tenants|Customer|Citizen|Public|Stakeholder|"
    r"Engagement|Consultation|Participation|Involvement)(?: (?:and|&|of|for|the)| "
    r"(?-i:[A-Z])[\w&’'-]*){0,6} (?-i:Officer|Manager|Lead|Co-ordinator|Coordinator|Adviser|"
    r"Advisor|Assistant|Team|Unit)s?\b",
    # Welsh councils' titles without "of": "the Chief Officer Governance and Customer"
    r"\bchief officers? (?:(?-i:[A-Z])[\w&’'-]*(?: (?:and|&))? ?){1,5}",
    # "the Assistant Director, Regeneration and Culture"
    r"\b(?:director|head)s?,(?: (?-i:[A-Z&])[\w&’'-]*| and| of| the){1,6}",
)
JOB_TITLES = _re(*_JOB_TITLES)

# Compounds that contain a "public" word but are not people. They are blanked out (same
# length) before consultation rules and rescues read a sentence.
NOT_PEOPLE = _re(
    # "Community Impact Assessment": the word before is masked through a lookahead, so the
    # pattern starts with literals (a leading "any word" would be tried at every position).
    r"\b(?:community|resident|residents|equality|equalities|integrated|customer|health|"
    r"environmental|family|children['’]?s|rural|economic) (?=impact assessment)",
    r"\bimpact assessments?\b",
    # council bodies named after communities: "the Community Policy Development Group"
    r"\b(?:the )?communit(?:y|ies) (?:policy|scrutiny|overview|select|development|services|"
    r"wellbeing|safety)(?: (?:and|&) [\w-]+)?(?: development)? (?:groups?|committees?|panels?|"
    r"boards?|partnerships?)\b",
    r"\bcommunity (?:librar(?:y|ies)|assets?|asset transfers?|safety|services?|information|"
    r"infrastructure|interest compan\w*|centres?|halls?|hubs?|wealth|development|"
    r"investment programme|infrastructure levy)\b",
    # (the Act's name keeps its last word: a statutory rule reads "... empowerment (scotland)
    # act 2015, section 104")
    r"\bcommunity (?=empowerment\b)",
    # "the Community Planning and Development Service", "the Community Planning Partnership"
    r"\bcommunity planning(?: (?:and|&) [\w-]+)?(?: (?:service|partnership|team|board|"
    r"partners))?\b",
    *_JOB_TITLES,
    r"\b(?:customer|user|resident|tenant|family|visitor)s?['’]? (?:services?|experience team|"
    r"requirements|numbers|charter|charges|fees|parking|permits?|portal|accounts?)\b",
    r"\bhousehold (?:waste|recycling|refuse|collections?|support|bins?|goods)\b",
    r"\bfamily (?:hubs?|centres?|services|support|courts?|group|information|help)\b",
    r"\bchildren['’]?s (?:centres?|services|homes?)\b",
)

# Committees, boards and directorates named after the people they serve ("Children and Young
# People Select Committee", "Communities Directorate") are bodies of the council, not the
# public. Their names are masked like NOT_PEOPLE (see mask_named_bodies); a tenants' or
# residents' committee or board is the public's own body and is kept.
_BODY_NOUN = re.compile(
    r"\b(?:(?:Cabinet|Select|Scrutiny|Policy|Advisory|Joint|Overview and Scrutiny) )?"
    r"(?:Committee|Sub-Committee|Directorate|Board)s?\b"
)
_BODY_NAME = re.compile(r"(?:(?<![\w’'-])[A-Z][\w’'&-]*,? (?:(?:and|&|of|for|the) )?){1,8}$")
_PUBLIC_BODY = re.compile(
    r"(?:tenants?|residents?|users?|leaseholders?|parents?|carers?|patients?|citizens?|"
    r"customers?)['’]?s?,? $",
    re.I,
)


def mask_named_bodies(text: str) -> str:
    """``text`` with the names of council committees, boards and directorates blanked out
    (same length, so offsets still point into the original)."""
    if "Committee" not in text and "Directorate" not in text and "Board" not in text:
        return text
    out = text
    for noun in _BODY_NOUN.finditer(text):
        lo = max(0, noun.start() - 120)
        window = text[lo : noun.start()]
        name = _BODY_NAME.search(window)
        if name is None or _PUBLIC_BODY.search(name.group(0)):
            continue
        start = lo + name.start()
        out = out[:start] + " " * (noun.start() - start) + out[noun.start() :]
    return out


STAFF = r"(?:staff|employees?|workforce|trade unions?|unions?|tupe|personnel|unison|gmb)"
COUNCILLORS = _alt(
    r"(?:ward|local|elected|divisional) (?:members|councillors)|councillors",
    r"parish (?:clerks?|councils?)|town councils?|partner (?:organisations|bodies|agencies)",
    # public partners: "consultation has taken place with Police Scotland, the Community
    # Safety Partnership and the Fire and Rescue Service"
    r"police|fire and rescue|nhs|health boards?|integrated care boards?|(?:[\w-]+ )?partnerships?",
)


# Things councils dispose of.
ASSET_OBJECT = _alt(
    r"lands?|sites?|property|properties|premises|buildings?|assets?|open spaces?|freeholds?",
    r"leaseholds?|plots?|parcels?|depots?|schools?|offices?|farms?|allotments?|car parks?",
    r"garages?|halls?|hotels?|shops?|houses?|homes?|dwellings?|estates?|woodlands?|fields?",
    r"playing fields?|pavilions?|centres?|libraries|library|yards?|units?|acres?|hectares?",
    r"greens?|bowling greens?|pitch(?:es)?|playgrounds?|gardens?|woods?|meadows?|commons?",
    r"quarr(?:y|ies)|pubs?|cottages?|flats?|workshops?|stores?|barns?|kiosks?|toilets",
    r"m²|sq\.? ?m|square met(?:re|er)s|(?:amenity|garden|open) ground",
    # Scotland's word for a piece of land: "the sale of the ground to the adjoining proprietor"
    r"ground(?! (?:maintenance|works?|rules|staff|floor|level|conditions|investigations?|"
    r"source|heat)\b)",
    # The county farms estate: smallholdings and agricultural holdings are let and sold.
    r"smallholdings?|agricultural (?:holdings?|land|units?)",
    # Named kinds of building councils sell ("the former fire station", "the old baths").
    r"(?:fire|police|ambulance|bus|railway) stations?|chapels?|churches|mills?|warehouses?",
    r"baths|swimming pools?|clinics?|surgeries|nurser(?:y|ies)|museums?|theatres?|cinemas?",
    r"annexes?|lodges?|guildhalls?|town halls?|civic (?:centres?|offices)|community centres?",
)

# A gap inside one sentence; "£1.2m" does not end it.
_GAP80 = r"(?:[^.;]|\.(?=\d)){0,80}?"

# "recommended", "agreed" rescue an option from being a mere option (but not "not recommended").
_CHOSEN = _re(
    # (not "approved" as a name: "an approved inspector", "an approved supplier")
    r"(?<!not )(?<!n['’]t )\b(?:recommend\w*|prefer\w*|agree\w*|approv(?!ed (?:inspectors?|"
    r"contractors?|suppliers?|providers?|lists?|premises|codes?)\b)\w*|proceed\w*|chos\w*|"
    r"select\w*)\b"
)
