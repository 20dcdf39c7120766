"""False friends of outsourcing: contracts that are not a public service let out (advice,
surveys and design for the council's own use, goods and works), public-to-public
arrangements, council-owned companies, grants, and bidders for land."""

from __future__ import annotations

from monitor.rules.base import (
    _O,
    FalseFriend,
    _re,
)
from monitor.rules.vocabulary import (
    _GOODS_HEAD,
    ASSET_OBJECT,
    GOODS,
    OPERATES_A_SERVICE,
    SERVICE_DOMAIN,
)

OUTSOURCING_FALSE_FRIENDS: tuple[FalseFriend, ...] = (
    FalseFriend(
        "attendance_list",
        _O,
        "A minute's list of who attended ('Also present: ... Strategic Finance Business Partner')"
        " names job titles, not a partnership or a contract.",
        _re(
            r"^\W*(?:also present|present|in attendance|also in attendance|officers(?: present| in "
            r"attendance)?|apologies(?: for absence)?)\s*:"
        ),
    ),
    FalseFriend(
        "consultation_response",
        _O,
        "A council's response to a government consultation ('Response to Welsh Government"
        " consultation on the National Framework for Commissioning Care') lets no contract.",
        _re(
            r"\bresponse to (?:the )?(?:[\w'’ -]{1,60}?)?consultation\b",
        ),
    ),
    FalseFriend(
        "own_use_consultancy",
        _O,
        "Hiring consultants, investigators or advisers for the council's own use is not"
        " outsourcing a public service.",
        _re(
            r"\bconsultants?\b|\binvestigat\w*|\bforensic\b|\bediscovery\b|\bmarket research\b",
            r"\blegal (?:advice|fees)\b|\bprofessional fees\b|\bcounsel\b|\bbarristers?\b",
            r"\bvaluation (?:advice|services)\b|\bauditors?\b",
            # Surveys, studies and design bought to inform the council's own decisions or works.
            r"\b(?:condition|stock condition|topographical|structural|asbestos|measured|building|"
            r"site|ground|utilit(?:y|ies)|traffic|parking|drainage) (?:surveys?|investigations?)\b",
            r"\bfeasibility stud(?:y|ies)\b|\b(?:design|architectural|engineering|quantity "
            r"surveying|surveying|project management|cost consultancy|multi-disciplinary) "
            r"(?:services|team|consultancy|consultants?|advisers?)\b|\bconsultancy\b",
            r"\b(?:legal|financial|commercial|technical|procurement|property|valuation|tax|"
            r"payroll|hr|treasury) advis(?:ers?|ors?|ory services|ory support)\b",
            # A partner that helps the council change itself ("the procurement of a
            # performance partner to develop the process") advises; it runs no service.
            r"\b(?:performance|transformation|efficiency|improvement|change|programme) "
            r"(?:management )?partners?\b",
        ),
    ),
    FalseFriend(
        "own_use_professional_services",
        _O,
        "Professional advice, panels of advisers, surveys of residents or staff and design or"
        " inspection work bought for the council's own use are not a public service let out.",
        _re(
            # "specialist payroll, tax and pensions compliance advice", "legal services panel"
            r"\b(?:legal|tax|payroll|pensions?|treasury|accountancy|actuarial|audit|valuation|"
            r"procurement|hr|employment law|insurance|engineering|architectural|estates?|lease|"
            r"disposal|acquisition)(?:,? (?:and )?[\w-]+){0,3}? (?:advice|advisory|advisers?|"
            r"advisors?)\b",
            r"\b(?:external |specialist )?(?:legal|professional|consultancy|advisory|actuarial|"
            r"accountancy|audit) services? (?:panels?|contracts?|frameworks?|support|partners?)\b",
            r"\b(?:highways?|property|built environment|technical|construction|multi-disciplinary)"
            r" professional services\b|\bprofessional services (?:contracts?|frameworks?|"
            r"panels?|partners?|consultants?)\b",
            # Research the council buys about itself ("run the annual City Survey of residents").
            # Anchored near the match: the survey is what the contract buys, not a survey
            # mentioned later in the sentence as consultation.
            r"^[^.;]{0,60}?\b(?:to run|to carry out|to conduct|to deliver|to undertake|for)\b"
            r" (?:the |an? )?(?:annual |biennial )?(?:[\w'’-]+ ){0,2}?(?:city|county|borough|"
            r"district|residents?['’]?|citizens?['’]?|tenants?['’]?|staff|employee|customer|"
            r"satisfaction|perception|household) (?:survey|panel survey|omnibus)s?\b",
            r"\b(?:external |specialist )?legal services?\b",
            # Support of the council's own IT: "network support and maintenance".
            r"\b(?:(?:network|server|software|system|hardware|licen[cs]e|application|printer|"
            r"firewall)s?|ict|it|telephony|desktop|data centre) (?:support|maintenance|hosting)"
            r"(?: and (?:support|maintenance|hosting))?\b",
            r"\b(?:programme|project|portfolio)(?: and (?:programme|project))? management "
            r"(?:support|services|consultancy|office)\b",
            r"\b(?:design|inspection|transport planning|modelling|monitoring and evaluation) "
            r"(?:and [\w ]{1,30})?work\b|\b(?:bridge|structural|principal) inspections?\b",
            # Models the council commissions to decide things, and consultancy frameworks.
            r"\b(?:transport|traffic|demand|financial|carbon|flood|land use) "
            r"(?:models?|modelling)\b",
            r"\b(?:engineering|project management|professional services|consultancy|technical)"
            r"(?: and [\w ]{1,30})? frameworks?\b",
        ),
        scope="after",
    ),
    FalseFriend(
        "own_use_purchase",
        _O,
        "Training, apprenticeships, insurance and agency staff bought for the council itself.",
        _re(r"\btraining\b|\bapprentice\w*|\binsurance\b|\brecruitment agenc\w*"),
        scope="after",
    ),
    FalseFriend(
        "goods_for_a_service",
        _O,
        "Vehicles, machinery or equipment bought for a service ('the procurement of vehicles and"
        " machinery for the grounds maintenance service') equip it; they let it to no one.",
        _re(
            r"\b(?:procure\w*|purchas\w*|buy\w*|supply|acquisition|acquire|lease|hire|replace\w*) "
            r"(?:of )?(?:the |new |replacement )*(?:[\w-]+ )?(?:vehicles?|fleet|machinery|"
            r"equipment|plant|bins|containers|minibuses)\b(?: and (?:[\w-]+ )?(?:vehicles?|"
            r"machinery|equipment|plant))?(?: (?:required|needed))? for\b",
        ),
    ),
    FalseFriend(
        "goods_or_works",
        _O,
        "Buying goods or building works is not contracting out a service.",
        _re(rf"\b{GOODS}\b"),
        # A service phrase rescues the match, unless it only describes the goods ("refuse
        # collection vehicles", "ICT services hardware").
        unless=_re(
            rf"\b(?:provision|delivery|management|operation|running|commissioning) of (?:the )?"
            # ("the operation of the County Council's household waste recycling centres")
            # (gaps of any width: "household waste" is masked out as not people)
            rf"(?:(?!frozen\b)[\w'’-]+\s+){{0,4}}?{SERVICE_DOMAIN}\b"  # frozen food is goods
            # (not "delivery of refuse vehicles": the service word describes the goods)
            rf"(?!(?: [\w-]+)? {_GOODS_HEAD}\b)",
            # (not "kitchens operated by the Council's Facilities Management service": the
            # council's own service is who uses the goods)
            # (nor "vehicles and machinery for the grounds maintenance service": the service
            # the goods are for)
            rf"(?<!council's )(?<!council’s )(?<!in-house )(?<!our own )(?<!for the )(?<!for its )"
            # (not "the highways term maintenance works contract": a works contract)
            rf"\b{SERVICE_DOMAIN}(?: (?!works\b)[\w-]+){{0,2}} (?:services?|contracts?|provision|"
            rf"management"
            rf"|operators?|operation|collections?)\b(?!(?: (?:and|&) [\w-]+)? {_GOODS_HEAD}\b)"
            # (not the name of the framework the works are called off: "under the London
            # Highways Alliance Contract (LoHAC) framework")
            r"(?!(?: \([\w -]+\))? framework)"
            # (not "library services to be relocated temporarily during the works": the
            # service is what the works displace, not what is bought)
            r"(?! (?:(?:to be|will be|would be|are|is|being|were|was) )?(?:temporarily |"
            r"initially )?(?:relocated|moved|decanted|displaced|rehoused|closed|suspended)\b)",
            # a business handed over whole, staff and residents with it
            r"\bas (?:a )?going concerns?\b",
            # the landlord's services to tenants' homes: "domestic gas servicing, responsive gas
            # repairs and planned boiler replacement across the Council's 21,000 homes"
            r"\b(?:responsive|day-to-day|housing|tenants?['’]?|void) (?:[\w-]+ )?repairs\b|"
            r"\bgas (?:safety )?servicing\b",
            # vehicles taken off the street are the service's object, not goods bought
            r"\bremov\w* (?:of )?(?:abandoned|untaxed|nuisance|illegally parked)\b",
            # a partner that builds and then runs the service ("build and operate a
            # replacement crematorium")
            OPERATES_A_SERVICE,
            # an operator of a service ("appoint Sample Market Ventures Ltd as operator of the
            # Sunday Markets"; "to seek a new operator through open tender")
            rf"\boperators? (?:of|for) (?:the )?(?:[\w'’&-]+ ){{0,5}}?{SERVICE_DOMAIN}\b|"
            r"\b(?:seek|find|procur\w*|appoint|select)\w* (?:a |an )(?:new |single |external |"
            r"private |commercial |specialist )?operator\b",
            # the council's fleet as the in-house option beside a service let: "(ii) expanding
            # the Council's own passenger transport fleet to operate a larger share of routes"
            r"\b(?:expand\w*|grow\w*|increas\w*|us(?:e|ing)|enlarg\w*) (?:the )?(?:council|"
            r"authority)['’]s (?:own|in-house|in house) (?:[\w-]+ ){0,4}?fleet\b[^.;]{0,40}?\bto "
            r"(?:operate|run|deliver|"
            r"provide|cover)\b",
            # Goods named only after a purpose ("extended by two years to allow for amortisation
            # of the new vehicles") are why the service contract changes, not what it buys.
            rf"\b(?:to allow|in order to|so as to|so that|to reflect|due to)\b[^.;]*?\b{GOODS}\b",
        ),
    ),
    FalseFriend(
        "pooled_budget_agreement",
        _O,
        "A section 75 agreement pools a council's and the NHS's budgets (NHS Act 2006), or in"
        " Scotland is a planning obligation: neither lets a service to a provider.",
        _re(
            r"\b(?:section|s\.?) ?75 (?:(?:partnership|pooled budget|pooled fund) )?"
            r"(?:agreements?|arrangements?)\b"
        ),
    ),
    FalseFriend(
        "cafe_concession",
        _O,
        "A concession to run a café or kiosk is a commercial letting of a trading pitch, not a"
        " public service contracted out.",
        _re(
            r"\b(?:caf[eé]s?|kiosks?|refreshments?|ice[- ]cream|mobile catering|tea rooms?|"
            r"coffee (?:shops?|bars?))\b[^.;]{0,60}?\bconcession",
            r"\bconcession\w*\b[^.;]{0,80}?\b(?:caf[eé]s?|kiosks?|refreshments?|ice[- ]cream|"
            r"mobile catering|tea rooms?|coffee (?:shops?|bars?))\b",
        ),
        # (unless the operator also does the council's work: "run the café and visitor welcome
        # point ... on the Council's behalf", opening the toilets)
        unless=_re(
            r"\bon (?:the )?(?:council|authority)['’]s behalf\b|\bon behalf of the (?:council|"
            r"authority)\b|\bvisitor (?:welcome|information|centre)|\b(?:public )?toilets\b",
        ),
        unless_in_sentence=True,
    ),
    FalseFriend(
        "to_council_owned_company",
        _O,
        "A wholly council-owned company (LATCo, Teckal, ALMO) stays under council control.",
        _re(
            r"\blocal authority (?:trading|owned) compan\w*|\blatcos?\b|\bteckal\b",
            r"\bwholly[- ]owned\b|\bcouncil[- ]owned (?:compan\w*|trusts?|subsidiar\w*)",
            r"\barm['’]?s[- ]length (?:management )?organisation\b|\balmo\b",
        ),
        scope="after",
    ),
    FalseFriend(
        "public_to_public",
        _O,
        "Shared services between councils and transfers to other public bodies are not"
        " outsourcing.",
        _re(
            r"\bshared (?:\w+ )?services?\b",
            r"\bto (?:the |a |an )?(?:\w+ ){0,3}?(?:town|parish|county|district|borough|city|"
            r"neighbouring|other) (?:councils?|authorit\w*)\b",
            r"\bto (?:the )?nhs\b",
            # "management agreements with Kendal Town Council, Ulverston Town Council, ..."
            r"\bwith (?:the )?(?:[\w-]+ ){0,3}?(?:town|parish|county|district|borough|city|"
            r"community|neighbouring|other) (?:councils?|authorit\w*)\b",
            # ... or named: "an agreement with Falkirk Council under which Falkirk Council will
            # monitor the cameras" (not a "Council for Voluntary Service", a charity)
            r"\b(?:agreements?|arrangements?|partnership) with (?-i:[A-Z][\w'’-]+ ){1,3}"
            r"(?-i:Council)\b(?! for)",
        ),
        scope="after",
        # (not a provider's "its new street cleansing contract with Sampleton Borough Council":
        # the council is the buyer)
        unless=_re(r"\b(?:its|our|their) (?:new )?(?:[\w-]+ ){0,8}?contracts? with\b"),
        unless_in_sentence=True,
    ),
    FalseFriend(
        "asset_transfer_of_building",
        _O,
        "A community asset transfer hands over a building (an asset sale); it lets out a"
        " service only when the service itself goes with it.",
        _re(
            r"\b(?:community )?asset transfers?\b",
            # "transfer the freehold of the youth centre to the trust"
            r"\btransfer\w* (?:of )?(?:the |its )?(?:freehold|leasehold|long lease|title|"
            r"ownership)\b",
        ),
        scope="before",
        unless=_re(
            r"\bservices?\b|\b(?:operation|management|running|provision|delivery) of\b|\bgoing "
            r"concerns?\b",
            # homes to a housing association: a stock transfer takes the landlord service too
            r"\bhousing associations?\b|\bregistered (?:social )?(?:landlords?|providers?)\b",
        ),
    ),
    FalseFriend(
        "no_service_specified",
        _O,
        "A building run by its new community owner with no service specified or paid for by the"
        " council ('the Council will not fund or specify any service') lets no service.",
        _re(
            r"\b(?:will|would|does|do|shall|is) not (?:to )?(?:fund|specify|commission|procure|"
            r"buy|pay for)(?: or (?:fund|specify|commission|procure|buy|pay for))? (?:any|a|the) "
            r"(?:[\w-]+ )?services?\b",
        ),
    ),
    FalseFriend(
        "building_transferred_by_lease",
        _O,
        "A building transferred by the grant of a lease or the freehold ('transfer the former"
        " library and community rooms to the Partnership by the grant of a 99-year lease') is"
        " an asset sale; the service goes with it only when the sentence says so.",
        _re(
            r"\btransfer\w*\b[^.;]{0,160}?\bby (?:the |way of )?(?:grant of |granting )?(?:a |an )?"
            r"(?:\d+[- ]year |long |new )?(?:lease|leasehold|freehold)\b",
        ),
        unless=_re(
            r"\bservices?\b|\b(?:operation|management|running|provision|delivery) of\b|"
            r"\bgoing concerns?\b|\bstaff\b|\btupe\b"
        ),
    ),
    FalseFriend(
        "grant_funding",
        _O,
        "Grants to voluntary groups are not contracts for a council service.",
        _re(
            r"\bgrant (?:funding|aid|agreements?)\b",
            r"\bgrants? (?:to|for) (?:the )?(?:local )?(?:voluntary|community|third)\b",
        ),
    ),
    FalseFriend(
        "transfer_in_house",
        _O,
        "A transfer of a service to direct delivery, direct management or the council is"
        " bringing it in-house, whatever provider the sentence goes on to name.",
        _re(
            r"\btransfer\w* (?:of )?(?:the )?(?:[\w'’-]+ ){0,6}?(?:services?|provision|"
            r"management|operation)\b (?:to|into|under|back to) (?:the )?(?:direct|in-house|"
            r"council) (?:delivery|management|provision|operation|control)\b",
        ),
        only_rules=frozenset({"transfer_to_provider"}),
    ),
    FalseFriend(
        "bidder_for_land",
        _O,
        "A preferred bidder or offer for land is an asset sale, not a service contract.",
        _re(rf"\b(?:purchasers?|acquisition|sale of|dispos\w*|leases?|{ASSET_OBJECT})\b"),
        # (a service named as what the bidder will run: "the preferred operator to run the
        # leisure centres"; not "leases of kiosks (cafés, water sports hire)")
        unless=_re(
            # ("to operate Sampleton Council's on-street and car park parking enforcement
            # service": the car park is where the service is run)
            # ("to clean and maintain the public toilets": a service in a building)
            # ("to supply civil enforcement officers, the notice processing back office ...")
            r"\b(?:operat|run|manag|deliver|provi|clean|maint|suppl)\w* "
            # (gaps of any width: "household waste" is masked out as not people)
            rf"(?:the |a |an |its |their )?(?:[\w'’-]+\s+){{0,6}}?(?:{SERVICE_DOMAIN}|services?)\b",
            r"\bservices? (?:contracts?|providers?|operators?)\b|\bbusiness transfer\b",
            OPERATES_A_SERVICE,
            # (and the places it runs: "a partner would be appointed ... to operate the homes")
            r"\bto (?:operate|run|manage) (?:the |a |an |its |their )?(?:[\w'’-]+ ){0,3}?(?:homes?|"
            r"centres?|facilit(?:y|ies))\b",
            # ("an external operator be procured for the leisure centres")
            r"\b(?:operators?|providers?)\b[^.;]{0,40}?\b(?:for|of) (?:the |its |their )?"
            rf"(?:[\w'’-]+ ){{0,2}}?{SERVICE_DOMAIN}\b",
        ),
        only_rules=frozenset({"preferred_bidder", "appoint_provider"}),
    ),
    FalseFriend(
        "partner_takes_a_lease",
        _O,
        "A developer or partner sought to take a lease or the freehold of council land is its"
        " buyer or tenant, not a provider of a service.",
        _re(
            r"\b(?:partners?|developers?|bidders?|purchasers?|parties)\b[^.;]{0,30}?\bto (?:take|"
            r"acquire|purchase|buy) (?:a |an |the )?(?:[\w-]+ ){0,3}?(?:leases?|leasehold|freehold|"
            r"site|land)\b",
        ),
        unless=_re(
            # ("to operate Sampleton Council's on-street and car park parking enforcement
            # service": the car park is where the service is run)
            # ("to clean and maintain the public toilets": a service in a building)
            r"\b(?:operat|run|manag|deliver|provi|clean|maint)\w* (?:the |a |an |its |their )?"
            rf"(?:[\w'’-]+ ){{0,6}}?(?:{SERVICE_DOMAIN}|services?)\b",
        ),
    ),
)

# False friends that settle a policy question rather than a fact: blind labellers split on
# them (docs/monitor.md). A record whose only outsourcing evidence one of them set aside is
# read as outsourcing and its flag goes to the staff review queue (monitor.confidence).
POLICY_QUESTIONS: frozenset[str] = frozenset({"cafe_concession"})
