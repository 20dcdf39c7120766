"""Shared vocabulary: services, goods and works, the public, staff, the in-house option,
assets. Used by the rules of several labels."""

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

# Words that show an in-house option is *appraised* rather than mentioned in passing.
OPTION_CONTEXT = _alt(
    r"options?|alternatives?|apprais\w*|assess\w*|compar\w*|consider(?:ed|ation)",
    r"reject\w*|dismiss\w*|discount\w*|evaluat\w*|versus|vs\.?|benchmark\w*|whether",
    r"not (?:been |proved |proven )?(?:a )?(?:feasible|viable|affordable|possible|practical|"
    r"practicable|sustainable|"
    r"appropriate|realistic)",
    r"no longer|would not|could not|cannot|unable|unaffordable|unviable|no (?:further )?scope",
    r"business case|preferred|recommend\w*|disadvantages?|do nothing|status quo",
    r"(?:choose|choice|decide|deciding|decision) between",
    r"lack(?:s|ing)? (?:of )?(?:the )?(?:capacity|expertise|skills|resources|infrastructure)",
    r"(?:tested|evaluated|assessed|benchmarked|compared) against",
    r"modell?ed|costed|priced|tested|examined|explored|weighed|scored",
    # "was therefore not pursued", "so the directly-delivered route was set aside"
    r"not (?:been )?(?:pursued|taken forward|progressed)|set aside",
    r"look(?:ed|ing)? (?:again |(?:very |really )?(?:closely |carefully |hard ))?at",
    r"(?:has|had|have) no (?:[\w-]+ ){0,3}?(?:workforce|capacity)|"
    r"would (?:require|cost|need|mean|involve)|(?:does|do|did) not (?:have|hold) (?:the )?"
    r"(?:capacity|workforce|staff|expertise|skills|resources|fleet|licen[cs]es?|operator)",
)

# The in-house option, however councils name it.
INHOUSE_TERM = _alt(
    r"in[- ]?house",
    # "Insourcing was evaluated": weighing insourcing is weighing the in-house option.
    r"in-?sourc(?:e|ed|ing)",
    # Bare "internally" ("monitored internally") is too loose; delivery verbs make it an option.
    r"(?:delivered|provided|run|managed|operated|deliver(?:ing)?|provid(?:e|ing)) "
    r"(?:the services? )?internally",
    r"internal (?:delivery|provision|provider|service|services|option|bid|team bid)",
    r"direct (?:service )?(?:provision|delivery)|direct (?:labour|services) organisation|DSO",
    # "direct council provision", "continued operation by the Council", "to deliver
    # reablement directly"
    r"direct (?:council|local authority|authority|public) (?:provision|delivery|management|"
    r"employment|operation)|direct employment",
    r"(?:continued|continuing|continuation of) (?:the )?(?:direct )?(?:operation|provision|"
    r"delivery|management|running)(?: of [\w'’ -]{1,40}?)? by the (?:county |city |borough |"
    r"district )?(?:council|authority)",
    r"(?:council|authority)\b[^.;]{0,60}?\b(?:deliver|provide|run|operate)(?:s|ing)? (?:the |"
    r"this |these |its )?(?:[\w-]+ ){0,3}?(?:services? )?directly",
    r"directly[- ](?:provided|delivered|managed|run|operated|employed)",
    # "Return monitoring to a Council-staffed control room"
    r"council[- ]staffed",
    # the council's own provider arm asked to price or run it: "the Council's own Learning
    # Disability Provider Services were asked to price the package"
    r"(?:council|authority)['’]s own (?:[\w-]+ ){0,3}?provider (?:services?|arm|units?|teams?)|"
    r"(?:in-house|internal) (?:[\w-]+ ){0,4}?provider (?:services?|arm|units?)",
    # "Direct operation of services by an Authority-owned bus company was not taken forward"
    r"direct (?:operation|provision|delivery|management|running) of (?:the )?[\w'’ -]{1,40}? "
    r"by (?:the |an? )?(?:council|authority)\b",
    # "An option to expand that unit to cover spoken languages" after "The Council's own
    # Interpreting Unit"; "expanding the Council's own interpreting unit"
    r"(?:council|authority)['’]s own (?:[\w-]+ ){0,3}?(?:unit|workforce)|"
    r"expand\w* (?:that|the|this) (?:in-house )?(?:unit|team)",
    # "provision by Council staff was not considered viable", "delivered by the authority's
    # own employees"
    r"(?:provision|delivery|operation|running|provided|delivered|run|operated) (?:of (?:the |"
    r"this |these )?(?:[\w-]+ ){0,3}?)?by (?:the )?(?:council|authority)(?:['’]s)? (?:own )?"
    r"(?:staff|employees|workforce)",
    # "Taking the service desk into the Council's own establishment was costed at £1.1m more"
    r"(?:into|within) (?:the )?(?:council|authority)['’]s own (?:establishment|employment|"
    r"workforce|staffing)",
    # "would continue to be delivered by the council's Community Learning and Development
    # service, but the council has no detached youth work workforce"
    r"continu\w* to be (?:delivered|provided|run|managed) (?:directly )?by (?:the )?(?:council|"
    r"authority)['’]s (?:own )?(?:[\w'’-]+ ){0,4}?(?:services?|teams?|workforce|staff)",
    # a deleted in-house capacity brought back: "Recreating the post, with a vehicle ..., was
    # estimated at £58,000 a year", "reinstating the in-house team"
    r"(?:re-?creat|reinstat|re-?establish)\w* (?:the |a |an )?(?:in-house |council |"
    r"council['’]s own )?(?:[\w-]+ ){0,2}?(?:posts?|teams?|workforce|technicians?|officers?)",
    # A stock options appraisal: "retention of the stock by the Council", "retention options"
    r"retention (?:of (?:the |its )?(?:[\w-]+ ){0,3}?)?by the (?:council|authority)|"
    r"(?:stock )?retention options?",
    # "Continuing to run the library directly was considered" (not "directly to residents")
    r"(?:continu\w*|keep\w*|retain\w*) (?:to )?(?:run|operat|deliver|manag|provid)\w* "
    r"(?:the |this |these |its )?(?:[\w-]+ ){0,3}?directly\b(?! (?:to|from|by)\b| with (?:the )?"
    r"(?:residents|users|service users|the public|customers|people|families|partners|"
    r"providers|schools)\b)",
    # "including running the centres ourselves" (a council speaking of itself)
    r"(?:run(?:ning)?|deliver(?:ing)?|manag(?:e|ing)|operat(?:e|ing)|provid(?:e|ing)|do(?:ing)?) "
    r"(?:the |these |this |it |them |that )?(?:[\w-]+ ){0,3}?ourselves",
    # "comparing the cost of employing Council cleaning staff with contracting the service"
    r"employ\w* (?:the )?council(?:['’]s)? (?:own )?(?:[\w-]+ ){0,2}?(?:staff|employees|workforce)",
    # "Continue to provide the CCTV control room with Council-employed operators"
    r"(?:council|directly)[- ]employed (?:[\w-]+ )?(?:staff|operators|workers|workforce|officers|"
    r"employees)",
    r"(?:under|in|within|into) (?:the )?(?:direct )?(?:council|local authority|public|public "
    r"sector)(?:['’]s)? (?:direct )?(?:control|ownership|management|operation)",
    r"(?:under|in|within|into) direct (?:control|ownership|management)",
    # "keeping the centre in Council hands"
    r"(?:in|into|within) (?:the )?(?:council|local authority|public)(?:['’]s)? hands",
    # "to run the equipment store directly through the Council and its partners"
    r"(?:run|deliver|provide|operate|manage)\w* (?:the |this |these |its )?(?:[\w-]+ ){0,5}?"
    r"directly (?:through|by|within) the (?:council|authority)",
    # "Officers assessed whether the Council could run the scheme itself"
    r"(?:council|authority) (?:could|would|should|can|might|itself) (?:deliver|provide|run|"
    r"operate|manage)\w* (?:the |this |these |its |it |them )?(?:[\w-]+ ){0,3}?(?:itself|"
    r"themselves|directly|in-house|internally)\b",
    # "the council delivering the service directly", "the council running the centres itself"
    r"(?:council|authority) (?:deliver(?:ing|s)?|provid(?:ing|es)?|run(?:ning|s)?|"
    r"operat(?:ing|es)?|manag(?:ing|es)?) (?:the |this |these |its )?(?:[\w-]+ ){0,3}?"
    r"(?:services?|facilit(?:y|ies)|centres?|homes?) (?:itself|themselves|directly|internally)",
    r"(?:retain|retaining|keep|keeping)\w* (?:the |this )?(?:[\w-]+ ){0,2}?(?:services?|"
    r"facilit(?:y|ies)|teams?|staff|functions?|management|operation|running) (?:with)?in the "
    r"(?:council|authority)",
    # "or whether it should be delivered from September by the Council's own Children's
    # Services workforce"
    r"(?:delivered|provided|run|operated|managed|undertaken|carried out)\b[^.;]{0,40}?\bby "
    r"(?:the )?(?:council|authority)['’]s own (?:[\w'’-]+ ){0,3}?(?:workforce|staff|teams?|"
    r"employees|services?)",
    # "considered expanding the Partnership's own Homelessness Casework Team to deliver visiting
    # support directly"
    r"(?:expand\w*|grow\w*|enlarg\w*|build\w* up) (?:the |its |our )?(?:[\w'’-]+['’]s )?own "
    r"(?:[\w-]+ ){0,3}?(?:teams?|workforce|staff)\b",
    # "Option A: Retain within the Council's Business Support Centre - net cost £3.9m a year"
    # ("retaining monitoring in the Council's own control room had been costed")
    r"(?:retain\w*|keep\w*) (?:it |them |the |this )?(?:[\w-]+ ){0,2}?(?:with)?in (?:the )?"
    r"(?:council|authority)['’]s (?:own )?(?:[\w-]+ ){0,3}?(?:centres?|teams?|services?|units?|"
    r"departments?|directorates?|workforce|control rooms?)\b",
    # "Deliver the service through the Council's Housing Options team: rejected"
    r"deliver\w* (?:the |this )?(?:service|services|it|them) (?:through|by|using|via) (?:the )?"
    r"(?:council|authority)['’]s (?:[\w-]+ ){0,3}?(?:teams?|service|staff|workforce|officers)",
    # A council-owned company is council control: weighing one is weighing in-house delivery.
    r"(?:local authority|council)[- ](?:owned )?trading compan(?:y|ies)|latcos?|teckal compan\w*",
    r"council[- ](?:run|operated|managed|delivered|provided)",
    # "Council-led redevelopment through the council's housing company was appraised"
    r"council[- ]led (?:option|delivery|provision|redevelopment|development|scheme|model)",
    # "We looked at keeping all branches staffed by the council": carrying on as the council
    # runs it now is the in-house option.
    r"(?:keep\w*|continu\w*|remain\w*|retain\w*|stay\w*)\b[^.;]{0,50}?\b(?:run|staffed|"
    r"operated|managed|delivered|provided) (?:directly )?by (?:the )?(?:council|authority)"
    r"(?!['’]s)\b",
    # "using the Council's own workforce", "the Council's own housing support team was costed"
    # (the Western Isles council calls itself "the Comhairle")
    r"(?:council|authority|comhairle)['’]s own (?!(?:procurement|legal|commissioning|finance|audit|"
    r"contract management|client|property|estates|it)\b)(?:[\w-]+ ){0,4}?(?:workforce|staff|"
    r"employees|teams?|officers|fleet|provision|units?|day centres?|care homes?|services?)",
    r"(?:other |existing )?local authority (?:run |operated |managed )?(?:day centres?|"
    r"care homes?|homes|provision)",
    r"retention of (?:the )?(?:existing|current) (?:in-house )?services?",
    r"(?:retain|retaining|keep|keeping|maintain|maintaining) (?:the |this )?(?:existing |"
    r"current )?(?:services?|facilities) (?:in[- ]house|internally|directly)",
    # "through Council-employed staff", "the current direct service (Council operatives)",
    # "to employ catering staff directly", "brought back under the Council's operational teams"
    r"(?:council|authority)[- ]employed (?:staff|workers|employees|teams?|officers)",
    # "the contract expiring with the service reverting to the Council" (the do-minimum
    # option), "the homes stay with the Council" (a stock options appraisal)
    r"(?:revert\w*|reverted) (?:back )?to (?:the )?(?:council|authority)\b(?!['’]s\b)",
    r"(?:stay\w*|remain\w*) with (?:the )?(?:council|authority)\b(?!['’]s\b)[^.;]{0,12}?"
    r"\boptions?\b",
    r"options? (?:for |of )?(?:the )?(?:[\w-]+ ){0,2}?(?:(?:to )?stay\w*|(?:to )?remain\w*) "
    r"with (?:the )?(?:council|authority)\b(?!['’]s\b)",
    # "Option B: Return operation to the Council"
    r"return\w* (?:the )?(?:operation|service|services|delivery|running|management|work)\b"
    r"[^.;]{0,20}? to (?:the )?(?:council|authority)\b",
    # "continuing to staff the houses directly has not been sustainable"
    r"staff(?:ing)? (?:the )?(?:[\w'’-]+ ){0,3}?directly",
    # "a dedicated Council catering team would cost £94k a year more"
    r"(?:dedicated|new|own) (?:council|authority) (?:[\w-]+ ){0,2}?(?:teams?|staff|workforce)",
    # "Staffing the control room directly with Council employees was assessed"
    r"(?:directly )?with (?:the )?(?:council|authority)(?:['’]s)? (?:own )?(?:employees|staff)",
    r"(?:current|existing) direct services?",
    r"employ\w* (?:[\w-]+ ){0,2}?staff directly|directly[- ]employed",
    # "the Council directly employing the specialist staff"
    r"directly employ\w* (?:the |its |our |own )?(?:[\w-]+ ){0,2}?(?:staff|workers|employees|"
    r"workforce)",
    r"br(?:ing|ings|inging|ought) (?:it |the service |them |the work )?back (?:under|into|within)"
    r" (?:the )?(?:council|authority)",
    # "Option A - the Council designs, builds and operates the crematorium itself"
    r"(?:council|authority) (?:[\w-]+, ){0,3}?(?:(?:[\w-]+ )?and )?(?:operates|runs|delivers|"
    r"provides|manages) (?:the |this |these |its |it |them )?(?:[\w-]+ ){0,4}?itself\b",
    # "not practicable for the Council to run the off-island waste haulage itself"
    r"(?:council|authority) to (?:run|operate|deliver|provide|manage|do) (?:the |this |these |"
    r"its )?(?:[\w-]+ ){1,5}?itself",
    # Leisure's name for in-house: "continued direct management by Council", "a return to
    # direct management", "Direct management was discounted".
    r"direct (?:council )?management\b",
    r"(?:continu\w*|return\w*|revert\w*|retain\w*|bring\w*|remain\w*)(?: [\w-]+){0,3}? "
    r"(?:to |under |in |into )(?:direct (?:council )?(?:control|provision|delivery|operation))",
    r"direct (?:provision|delivery|operation) by (?:the )?(?:council|authority)",
    # Housing stock transfers: the in-house limb is keeping the stock.
    r"(?:retain|retaining|keep|keeping) (?:the )?(?:housing )?stock",
)

# Cheap pre-filter for INHOUSE_TERM (see Rule.trigger).
_INHOUSE_TRIGGER = (
    "house",
    "internal",
    "direct",
    "control",
    "ownership",
    "council-",
    "council run",
    "council operated",
    "council managed",
    "council delivered",
    "council provided",
    "local authority",
    "retention",
    "retain",
    "keep",
    "maintain",
    "dso",
    "council deliver",
    "council provid",
    "council run",
    "council operat",
    "council manag",
    "authority deliver",
    "authority provid",
    "authority run",
    "within the council",
    "within the authority",
    "council staff",
    "council's own staff",
    "expand",
    "council's staff",
    "authority's own",
    "council employees",
    "council workforce",
    "council's employees",
    "council's workforce",
    "authority staff",
    "trading compan",
    "latco",
    "teckal",
    "itself",
    "sourc",
    "s own",
    "by the council",
    "by the authority",
    "hands",
    "directly through",
    "through the council",
    "by the council's",
    "directly by",
    "directly within",
    "ourselves",
    "employ",
    "brought back",
    "recreat",
    "re-creat",
    "reinstat",
    "re-establish",
    "reestablish",
    "provider arm",
    "provider service",
    "provider unit",
    "provider team",
    "dedicated",
    "return",
    "bring back",
    "bringing back",
    "revert",
    "with the council",
    "with the authority",
)

# Reasons councils give why the current (in-house) service cannot go on as it is.
REASON_AGAINST = _alt(
    r"unaffordable|(?:un|not |no longer )(?:financially )?(?:viable|sustainable|affordable)",
    r"unlikely to be (?:financially )?(?:viable|sustainable)",
    r"no (?:further )?scope to (?:reduce|cut) costs",
    r"running at a (?:substantial |significant |considerable )?(?:loss|deficit)",
    r"would not (?:produce|deliver|achieve|generate) (?:sufficient|enough|the required|"
    r"the necessary) savings",
    r"(?:relatively |very )?high unit costs",
)

# The service is shown to be in-house today; a reason against it is then a reason against
# the in-house option (rule inhouse_reason_against).
INHOUSE_DESCRIPTOR = _re(
    r"\b(?:internal|in[- ]house|directly[- ](?:provided|delivered|run|managed)|council[- ]"
    r"(?:run|operated|managed|provided))\b (?:[\w-]+ ){0,3}?(?:services?|provision|homes?|"
    r"centres?)\b",
    r"\bcurrently (?:provided|delivered|run|managed|operated) (?:in[- ]house|internally|"
    r"directly|by the council(?!['’]s))\b",
    r"\bunder (?:council|direct|local authority) control\b",
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
