"""False friends of asset sales: goods disposed of, sales by others, sales denied or only
mentioned, leases to the council. Split from :mod:`monitor.rules.assets`."""

from __future__ import annotations

from monitor.rules.base import (
    _A,
    FalseFriend,
    _re,
)

ASSET_FALSE_FRIENDS: tuple[FalseFriend, ...] = (
    FalseFriend(
        "goods_disposed",
        _A,
        "Vehicles, equipment and other goods sold or auctioned off are not council land or"
        " buildings.",
        _re(
            r"\b(?:vehicles?|fleet|equipment|plant|machinery|bins|containers|laptops?|devices|"
            r"furniture|hardware|stock items)\b[^.;]{0,40}?\b"
            r"(?:(?:be|been|being|are|is|were|was) )?(?:dispos\w*|sold|auction\w*|scrapp\w*|"
            r"recycled)\b",
        ),
        # (not land sold with them: "the disposal of the former depot site and the vehicles
        # stored there by auction")
        unless=_re(
            r"\b(?:land|sites?|buildings?|depots?|premises|freeholds?|propert(?:y|ies)|yards?)\b"
        ),
    ),
    FalseFriend(
        "services_sold",
        _A,
        "Selling services, spare capacity or expertise to schools or other bodies is trading,"
        " not selling council land.",
        _re(
            r"\bsell\w* (?:its |their |our |the )?(?:spare |surplus |excess |additional )?"
            r"(?:services?|capacity|expertise|time|products?|advice|training)\b",
        ),
    ),
    FalseFriend(
        "sold_by_another",
        _A,
        "Land sold by someone else ('the site was sold by the bus operator', 'the farm was"
        " sold by its owner to the Council') is not a council sale.",
        _re(
            r"\bsold (?:[\w ]{0,20} )?by (?:the |a |an |its )?(?!council|authority)(?:[\w'’-]+ )"
            r"{0,4}?(?:operators?|owners?|company|developers?|trust|landlord|vendors?|"
            r"(?-i:[A-Z])[\w'’-]+)\b",
            # the council buying: "The owner has agreed to sell the freehold to the Council"
            r"\b(?:agreed|offered|willing|wishes|proposes|intends) to sell\b[^.;]{0,60}?\bto the "
            r"(?:council|authority)\b",
            # the seller is the other party: "The vendor is selling its surplus estate across
            # the region and has accepted the council's offer"
            r"\b(?:vendors?|sellers?|landowners?|freeholders?|(?:current |existing )?owners?)\b "
            r"(?:is|are|was|were|has been|have been|had been) (?:selling|disposing|marketing)\b",
        ),
        only_rules=frozenset({"sale_of_land"}),
    ),
    FalseFriend(
        "sale_denied",
        _A,
        "A sentence that says nothing is being sold ('does not mean that a building will be"
        " sold', 'not a commitment to dispose of any asset') is the opposite of a disposal.",
        _re(
            r"\b(?:does|do|did|will|would) not (?:mean|imply|signal|indicate|commit\w*)\b"
            r"[^.;]{0,80}?\b(?:sold|sell|sale|dispos\w*|transferred)\b",
            r"\bnot (?:a |any )?(?:commitment|decision|list|proposal|intention|plan)s? "
            r"(?:to|of|for)\b[^.;]{0,40}?\b(?:sold|sell|sale|dispos\w*)\b",
            r"\bno (?:decision|commitment|proposal)s? (?:has|have|is|are|was|were) (?:yet )?"
            r"(?:been )?(?:taken|made|proposed)\b",
            # "no homes would be sold without a further report", "none will be disposed of",
            # "no decision to close, transfer or sell any home will be taken"
            r"\b(?:no (?:[\w-]+ ){0,3}?|none )(?:would|will|shall|is to|are to|can) be (?:sold|"
            r"disposed of|transferred)\b",
            r"\bno decision to (?:[\w,]+ ){0,4}?(?:sell|dispose|transfer)\b",
            # "Cabinet has not agreed, and is not being asked to agree, the sale of the car park"
            r"\b(?:has|have|had) not (?:agreed|approved|decided)\b[^.;]{0,60}?\b(?:the )?(?:sale|"
            r"disposal|transfer)\b",
            # "none of these properties is being declared surplus or approved for disposal"
            r"\bnone of (?:the|these|those|its|their|them)\b(?: (?:[\w-]+ ){0,3}?)?(?:is|are|was|"
            r"were|will be|would be) (?:being |yet )?(?:declared|approved|proposed|disposed|sold|"
            r"offered|marketed|identified)\b",
            # budget papers: "the indicative list of capital receipts", "for planning purposes"
            r"\b(?:indicative|provisional|illustrative|potential) (?:list|schedule|programme|"
            r"pipeline)s? of (?:capital receipts|disposals|sites|assets|propert(?:y|ies))\b",
            r"\bfor (?:financial )?planning purposes\b",
        ),
    ),
    FalseFriend(
        "disposal_policy",
        _A,
        "A policy, procedure or process for disposals, or information about them, is not a"
        " decision to dispose of anything.",
        _re(
            # (not a committee's name: "the corporate policy committee approved the sale")
            # (nor a local plan's policy the site is allocated under: "(Policy H14)")
            r"\b(?:polic(?:y|ies)(?! (?:and [\w ]{1,30} )?(?:committee|board|panel|cabinet)\b)"
            r"(?!\s+(?-i:[A-Z]{1,4})\d)|"
            r"procedures? (?:for|of|on)|(?:council['’]s|disposals?|sales?) "
            r"(?:procedures?|process(?:es)?)|process(?:es)? (?:for|of)|constitution|guidelines?|"
            r"guidance|flowcharts?|scheme of delegation|types of|methodology|framework for)\b",
            # "the Asset Disposal Strategy be adopted" (a strategy is not a sale of anything)
            r"\b(?:disposals?|asset|property|estates?|capital receipts?) (?:disposal )?"
            r"(?:strateg(?:y|ies)|polic(?:y|ies))\b|\bstrateg(?:y|ies) (?:to|for)\b",
            # A progress report on a disposals programme decides no disposal
            r"\bprogress (?:made )?(?:in|on|with) (?:delivering|implementing)\b|\bprogress "
            r"(?:reports?|updates?)\b|\bupdate\W*$|\breports? updating\b",
            # "the Asset Disposal Project": a programme of work with no site named yet
            r"\bdisposals? project\b",
        ),
        # A named disposal carried out under a policy is still a disposal.
        unless=_re(
            # "... in accordance with the Disposals Policy" (not "in line with the regulations")
            # (gaps of any width: a name such as "Community Asset Transfer" may be masked out)
            r"\b(?:in (?:accordance|line) with|under)\s+(?:(?:the|its|our|this)\s+)?(?:council['’]s"
            r"\s+)?(?:[\w-]+\s+){0,5}?(?:polic(?:y|ies)|strateg(?:y|ies)|procedures?|framework|process)"
            r"\b",
            r"\bedged red\b",
            r"\b(?:sites?|land|propert(?:y|ies)|buildings?|assets?) (?:listed|set out|described|"
            r"shown|identified) (?:in|at) (?:the )?(?:exempt )?appendi(?:x|ces)\b",
            r"\b(?:this|these|those|the designated|the identified|the listed|the above|the "
            r"following|the former) (?:sites?|land|propert(?:y|ies)|buildings?|assets?|plots?)\b",
            # "a lease of the former public convenience building, Granby Road" (a named site)
            r"\bthe former (?:[\w'’-]+ ){1,3}?(?:sites?|land|propert(?:y|ies)|buildings?|depot|"
            r"offices?|school|library|hall|centre|yard)\b",
        ),
    ),
    FalseFriend(
        "general_delegation",
        _A,
        "A standing delegation to dispose of assets below a value ('dispose of assets up to"
        " £1m', 'powers to deal with the disposal of Council assets') is a power for future"
        " sales, not the sale of any site.",
        _re(
            r"\bdelegat\w*\b[^.;]{0,120}?\bto (?:deal with|handle|approve|agree|authorise) (?:the |"
            r"any |future )?disposals? of (?:council |surplus |general fund |gf )?(?:assets|"
            r"land and (?:property|buildings)|propert(?:y|ies))\b(?! (?:at|known as)\b)",
            r"\b(?:dispos\w*|sell\w*|sales?)\b[^.;]{0,60}?\b(?:assets|propert(?:y|ies)|land|"
            r"interests)\b[^.;]{0,40}?\b(?:up to|below|under|not exceeding|less than|within) "
            r"(?:a |the )?(?:(?:total |capital |market )?values? (?:of )?|maximum (?:of )?|"
            r"threshold (?:of )?)?£",
        ),
        unless=_re(r"\bedged red\b", r"\b(?:site|land|property) (?:at|known as)\b"),
    ),
    FalseFriend(
        "waste_disposal",
        _A,
        "Waste 'disposal' (and disposal contracts) is a service, not a sale of land.",
        _re(
            # (not "Declaration as Surplus and Disposal": "and" alone is no waste)
            r"\b(?:waste|recycling|refuse|residual|landfill|clinical|treatment and|collection "
            r"and) (?:\w+ )?disposal\b",
            # dredged or excavated material: "with disposal at the licensed sea disposal site"
            r"\bdisposal (?:at|to|in) (?:the |a |an )?(?:licensed |approved |permitted )?(?:sea |"
            r"landfill |spoil |waste )?(?:disposal )?sites?\b",
            r"\bdisposal (?:services?|contracts?|facilit\w*|points?|costs?|of (?:waste|refuse|"
            r"recycl\w*|residual|clinical|sharps|vehicles?|equipment))\b",
        ),
        scope="after",
    ),
    FalseFriend(
        "disposal_of_goods",
        _A,
        "Selling old vehicles, plant or equipment (at auction, for scrap) disposes of goods, not"
        " of council land or buildings.",
        _re(
            r"\b(?:dispos\w*|sale|sell\w*|auction\w*|scrap\w*)\b (?:of )?(?:the |its |our |any |"
            r"surplus |redundant |old |existing |replaced )?(?:[\w-]+ ){0,3}?(?:vehicles?|fleet|"
            r"plant|equipment|furniture|machinery|ict|laptops?|devices|bins|containers)\b",
        ),
        unless=_re(r"\b(?:land|site|property|building|premises|depot|freehold|lease\w*)\b"),
    ),
    FalseFriend(
        "nothing_disposed",
        _A,
        "A sentence saying no council property is being sold ('no Council property was being"
        " disposed of') is the opposite of a disposal.",
        _re(
            r"\bno (?:council |council['’]s |council[- ]owned |other )?(?:interests? in )?(?:land|"
            r"propert(?:y|ies)|"
            r"assets?|sites?|buildings?)\b[^.;]{0,20}?\b(?:is|was|were|are|will be|would be|"
            r"is to be|are to be)"
            r"(?: being)? (?:disposed|sold|transferred|offered for sale|marketed)\b",
            r"\b(?:is|was|were|are|will|would) not (?:be )?(?:being )?(?:disposed of|sold)\b",
            # "This notice does not relate to the disposal of any Council property"
            r"\b(?:does|do|did) not (?:relate to|concern|involve|include) (?:the |a |any )?"
            r"(?:disposal|sale)s?\b",
            # "no part of the Council's estate is to be sold as a consequence"
            r"\bno part of (?:the )?(?:council['’]s |authority['’]s )?(?:estate|land|"
            r"propert(?:y|ies)|sites?)\b[^.;]{0,30}?\b(?:is|are|will be|would be) (?:to be )?"
            r"(?:sold|disposed of)\b",
            # "No decision to dispose of any individual property is sought in this report"
            r"\bno (?:decision|proposal|recommendation) (?:to|on whether to) (?:dispose|sell)\b",
            # "no sale or long lease is proposed"
            r"\bno (?:sale|disposal|transfer)s? (?:or|nor) (?:a )?(?:long )?(?:leases?|transfers?|"
            r"disposals?)\b[^.;]{0,20}?\b(?:is|are|was|were|will be|has been) (?:proposed|sought|"
            r"planned|intended|recommended)\b",
            # "(c) no disposal of the freehold of any unit is proposed"
            # ("No acquisitions or disposals of land or buildings are proposed in this report")
            r"\bno (?:(?:acquisitions?|purchases?) (?:or|and) )?(?:disposals?|sales?) (?:of\b"
            r"[^.;]{0,60}?)?(?:is|are|was|were|will be|has been) (?:proposed|sought|planned|"
            r"intended|recommended)\b",
        ),
    ),
    FalseFriend(
        "investigation_of_sale",
        _A,
        "An investigation or audit *about* a past sale is not a sale.",
        _re(r"\binvestigat\w*|\binquiry\b|\baudit\b|\bcircumstances (?:leading to|of)\b"),
    ),
    FalseFriend(
        "council_as_tenant",
        _A,
        "A lease *to* the council, or a purchase *by* it, is the council acquiring, not selling.",
        _re(
            r"\blease (?:of [^.;]{0,60} )?(?:to|by) the council\b",
            r"\b(?:take|taking|took|acquir\w*|enter\w* into)\b[^.;]{0,30}?\b(?:head)?lease\b",
            # (not a lease's start: "on a 99-year lease at a peppercorn rent from 1 April 2024")
            r"\blease\b[^.;]{0,60}?\bfrom\b(?! (?:\d|the (?:start|beginning|date)\b|(?:january|"
            r"february|march|april|may|june|july|august|september|october|november|december)\b))",
            r"\b(?:council|authority) as (?:the )?(?:tenant|lessee)\b",
            r"\bthe council(?:['’]s)? (?:to )?(?:purchase|acquir\w*|acquisition|buy)\w*",
            r"\bacquisition of\b",
        ),
        # (a sale of what the council once bought: "invites tenders for the purchase of the
        # inn, which the Council acquired in 2019 and has now declared surplus")
        unless=_re(
            r"\bdispos\w*|\bsell\w*|\bsale\b|\bsurplus\b|\bfor sale\b",
            r"\b(?:offers|tenders|bids) for (?:the )?purchase\b",
            # (a community body taking the lease: "invites community transfer bodies to express
            # interest in taking ownership, or a lease of up to 99 years")
            r"\bcommunity (?:asset )?transfer|\btransfer bod(?:y|ies)\b|\btaking ownership\b",
            # (someone else takes the lease: "seeking a development partner to take a 150-year
            # ground lease ... at a premium")
            r"\b(?:partners?|developers?|bidders?|purchasers?|parties|operators?|trusts?|"
            r"charit(?:y|ies)|associations?|clubs?|groups?|societ(?:y|ies)|organisations?|"
            r"cics?|scios?)\b[^.;]{0,30}?\b(?:to|will|would|is to|agreed to) tak(?:e|es|ing)\b|"
            r"\bat a premium\b",
        ),
    ),
    FalseFriend(
        "short_lease",
        _A,
        "A short letting or lease renewal is estate management, not a disposal.",
        _re(
            r"\bshort[- ]term\b|\brelatively short\b|\blease renewal\b",
            r"\brenewal of (?:the |a )?lease\b|\blicen[cs]e to occupy\b|\btenancy at will\b",
        ),
        only_rules=frozenset({"long_lease", "best_consideration"}),
    ),
    FalseFriend(
        "general_statement",
        _A,
        "What the council would do in general ('where disposal is proposed', 'any proposals"
        " for disposal will be brought forward', 'disposals of open space will be"
        " advertised', its powers to dispose of land) decides no sale.",
        _re(
            r"\b(?:where|if|when|whenever|should|unless|once)\b[^,.;]{0,80}?\b(?:is|are|be|were|"
            r"been)(?: to be)? (?:proposed|declared|identified|considered|deemed|found|released|"
            r"sold|disposed)\b",
            # the law that governs disposals, restated: "Section 123 ... requires the Council"
            r"\b(?:section|s\.?) ?123\b[^.;]{0,80}?\brequires?\b",
            r"\bframework within which\b",
            r"\bmay (?:in (?:the )?future )?be considered for\b",
            r"\bany (?:future |individual |further |such )?(?:proposals?|disposals?|sales?)\b",
            # a past sale given as a reason: "The former offices were sold in 2021"
            r"\b(?:was|were|had been) sold (?:in|during) (?:the )?\d{4}\b",
            # "identify surplus property which could potentially be sold"
            r"\b(?:could|might|may) (?:potentially |possibly |in future )?be (?:sold|disposed of|"
            r"released)\b|\bno (?:site|property|land) has (?:yet )?been identified\b",
            r"\bany (?:future |further )?decisions? to\b",
            r"^\W*(?:[\d.]+\s+)?(?:disposals|sales) of (?:[\w-]+ ){0,3}?(?:land|open spaces?|"
            r"assets|propert(?:y|ies)|buildings)\b[^.;]{0,60}?\b(?:will|must|should|are to) be\b",
            r"\bpowers? to (?:[\w,]+ ){0,3}?(?:dispose|sell)\b",
            # the law's reading of a lease: "The grant of a lease is a disposal of an interest in
            # land for the purposes of section 123" (a long lease is caught by long_lease)
            r"\b(?:grant of an? (?:[\w-]+ )?lease|lease|letting)\b[^.;]{0,40}?\bis a disposal\b",
            # the power restated: "the Council may dispose of land in any manner it wishes"
            r"\b(?:council|authority|it) may (?:sell|dispose of) (?:land|propert(?:y|ies)|any "
            r"(?:land|property)|its land)\b(?! (?:at|known as)\b)",
        ),
        # A named site is a decision about it, however the sentence is put.
        unless=_re(
            r"\b(?:land|site|property|building|premises|hall|depot|offices?) (?:at|known as|"
            r"off|adjacent to)\b",
            r"\bedged red\b",
        ),
    ),
    FalseFriend(
        "budget_mention",
        _A,
        "A budget or strategy that only mentions possible future disposals is not a disposal"
        " decision.",
        _re(
            r"\b(?:budget|medium[- ]term financial|mtfs|capital programme|savings proposals?)\b",
            # "the strategy assumes capital receipts of £5m a year from the disposal of ..."
            r"\b(?:assum\w*|forecast\w*|budgeted|projected|targets?|targeted) (?:[\w£.,]+ ){0,3}?"
            r"(?:capital )?receipts?\b",
            r"\b(?:capital )?receipts? (?:of £[\d.,]+ ?(?:m|million|k|bn)? )?(?:are|is|were|was) "
            r"(?:forecast|assumed|budgeted|projected)\b",
        ),
        # "approve the disposal ...", "the sale of ... be approved ... receipts used for the
        # capital programme"
        # (not a disposal that is only possible: "the assumption that £4.2m of capital receipts
        # will be generated from the potential disposal of assets ..., be approved")
        unless=_re(
            r"\b(?:approv\w*|agree\w*|authoris\w*)\b[^.;]{0,60}\b(?<!potential )(?<!possible )"
            r"(?<!future )(?:dispos|sale\b|sell)",
            r"\b(?<!potential )(?<!possible )(?<!future )(?:dispos\w*|sales?|sell\w*)\b[^.;]{0,80}?"
            r"\b(?:be|is|are|to be) (?:approved|agreed|authorised)\b",
        ),
    ),
    FalseFriend(
        "advice_on_disposals",
        _A,
        "Buying advice on disposals, valuations or estates work is a service for the council's"
        " own use, not a sale.",
        _re(
            r"\b(?:disposals?|sales?|acquisitions?|lease|leasing|estates?|valuation|property|"
            r"land) (?:and [\w-]+ )?(?:advice|advisory|advisers?|advisors?|consultancy)\b"
        ),
        scope="after",
    ),
    FalseFriend(
        "valuation_for_disposals",
        _A,
        "Agents and valuers bought for the council's disposals in general ('disposal agency"
        " services', 'valuations required for disposals at less than best consideration') sell"
        " nothing themselves.",
        _re(
            r"\b(?:disposal|letting|sales?) agen(?:cy|ts?)\b",
            r"\bvaluations?\b[^.;]{0,30}?\b(?:for|required for|needed for|on|of) (?:any |future |"
            r"such |all )?disposals\b",
            # the advice's occasion, not a sale: "ad hoc valuation advice ... where the Council
            # is considering the disposal of land"
            r"\b(?:advice|valuations?|reports?)\b[^.;]{0,120}?\b(?:where|when|if|whenever) "
            r"(?:the )?(?:council|authority) (?:is )?(?:considering|contemplating|proposing|"
            r"propose?s)\b",
        ),
    ),
)
