"""Rules that find a sale or disposal of council land or buildings, and their false friends."""

from __future__ import annotations

from monitor.rules.base import (
    _A,
    ASSET_SALE,
    FalseFriend,
    Rule,
    _re,
    _words,
)
from monitor.rules.vocabulary import (
    _GAP80,
    ASSET_OBJECT,
    STOCK_TRANSFER,
)

# --------------------------------------------------------------------------------------------
# Asset sales
# --------------------------------------------------------------------------------------------

_STOCK_TRANSFER = _re(*STOCK_TRANSFER)

ASSET_RULES: tuple[Rule, ...] = (
    Rule(
        "disposal_of_land",
        ASSET_SALE,
        "Disposal of council land, buildings or open space is the legal term for selling it.",
        _re(
            r"\bdispos(?:e|al|als|ing)(?: of)?\b(?: (?:the|a|an|these|this|its|their|those|any|"
            rf"council|council['’]s))?[^.;]{{0,80}}?\b{ASSET_OBJECT}\b",
            rf"\b{ASSET_OBJECT}\b[^.;]{{0,80}}?\b(?:be|being|is|are|to be|was|were) disposed of\b",
            # the object named before: "to market the site and dispose of it by informal tender"
            rf"\b{ASSET_OBJECT}\b[^.;]{{0,60}}?\bdispos(?:e|ing) of (?:it|them)\b",
            r"\bdispos(?:e|ing) of (?:it|them) (?:by|through|via|at|on) (?:an? )?(?:informal |"
            r"formal |sealed |public )?(?:tender|auction|private treaty|the open market)\b",
        ),
        trigger=("dispos",),
    ),
    Rule(
        "sale_of_land",
        ASSET_SALE,
        "A sale of council land or property.",
        _re(
            r"\bsales? of (?:the |a |an |its |this |these |council |surplus )?"
            rf"{_words(4)}{ASSET_OBJECT}\b",
            # "to sell approximately 86 m2 of amenity grass land": a measure and a kind of land
            r"\b(?:sell|selling|sold|sells)(?: off)? (?:the |these |this |a |an |its |their |some "
            rf"|council )?{_words(7)}{ASSET_OBJECT}\b",
            rf"\b{ASSET_OBJECT}\b (?:[\w-]+ ){{0,4}}?(?:propos\w*|intend\w*|plann\w*|decided|"
            r"agreed|wish\w*) to sell\b",
            # ("that the property be marketed and sold on the open market")
            rf"\b{ASSET_OBJECT}\b[^.;]{{0,80}}?\b(?:be|being|is|are|to be|was|were) "
            r"(?:[\w-]+ and )?sold\b",
            r"\b(?:land|property|asset|site) sales? programme\b",
            # "the marketing of the property for sale on the open market"
            r"\b(?:market\w*|advertis\w*|offer\w*|plac\w*)\b[^.;]{0,60}?"
            r"\bfor sale\b",
            # a press release's "approved the sale to a regional developer", "A buyer has been
            # agreed for the former civic centre"
            r"\b(?:approv\w*|agree\w*|complet\w*|authoris\w*) (?:the )?sale (?:of (?:the )?"
            r"[\w ]{0,40})?to (?:a |an |the )?(?:[\w-]+ ){0,3}?(?:developers?|purchasers?|buyers?|"
            r"housing associations?|compan(?:y|ies)|bidders?)\b",
            r"\bbuyers? (?:has been |have been |was |were )?(?:agreed|found|identified|selected) "
            r"for\b",
            # "that it be sold to the adjoining owner at the value assessed"
            r"\b(?:be|is to be|will be|are to be) sold to (?:the |a |an )?(?:adjoining|adjacent|"
            r"neighbouring|highest|preferred|sitting|successful)\b",
            # "The subjects are now offered on the open market."
            r"\b(?:offered|placed|put|marketed|advertised) (?:for sale )?on the open market\b",
            # "by way of sale on the open market"
            r"\b(?:by way of|through|via) (?:a )?sale on the open market\b",
            # "to place the lands on the open market", "release the site to the market"
            r"\b(?:place|put|offer|bring|release)\w* (?:the )?(?:[\w-]+ ){0,3}?(?:lands?|sites?|"
            r"propert(?:y|ies)|buildings?|premises) (?:on|to|onto) (?:the )?(?:open )?market\b",
            # a sale written as a buyer and a price: "Approved: the Council's freehold interest
            # in land at the former depot to Sample Homes Limited for £1.2m"
            r"\b(?:freehold|leasehold|heritable) (?:interest )?in\b[^;]{0,200}?\bto "
            r"(?!the (?:council|authority)\b)(?:[\w&'’.-]+ ){1,6}?for "
            r"(?:a (?:price|premium|consideration|sum) of )?£ ?\d",
        ),
        trigger=("sale", "sell", "sold", "open market", "buyer", "freehold", "heritable"),
    ),
    Rule(
        "disposals_programme",
        ASSET_SALE,
        "A programme or schedule of disposals approves a batch of sales.",
        _re(
            r"\bschedule of (?:proposed )?disposals\b",
            r"\bdisposals? (?:programme|schedule|strategy|list)\b",
            r"\bproperty disposals?\b|\basset disposals?\b",
        ),
        trigger=("disposal",),
    ),
    Rule(
        "best_consideration",
        ASSET_SALE,
        "'Best consideration' (s.123 LGA 1972) is the legal test for a council disposal.",
        _re(r"\bbest consideration\b|\bless than best\b|\bsection 123\b|\bs\.? ?123\b"),
        also=_re(r"\bdispos\w*|\bsale\b|\bsell\w*|\bfreehold\b|\btransfer\w*|\bauction\b"),
        trigger=("best consideration", "less than best", "123"),
    ),
    Rule(
        "sale_process",
        ASSET_SALE,
        "Offers, auction, private treaty, missives and purchasers are the steps of a sale.",
        _re(
            r"\bconclude missives\b",
            r"\b(?:accept\w* (?:the |an )?(?:recommended |highest |best )?offers?|offers?|bids?)"
            r" (?:received )?(?:to purchase|for (?:the )?(?:site|land|property|building|"
            # (Scots law's ownership: "offers for the heritable interest")
            r"freehold|heritable (?:interest|title|property)))\b",
            rf"\b(?:accept\w*|agree\w*) (?:the |an )?(?:\w+ )?offers?\b{_GAP80}\b(?:for|to "
            r"purchase) (?:the )?(?:site|land|property|building|freehold|premises)\b",
            r"\bprospective purchasers?\b|\bunsolicited offers?\b",
            # an estate agent's terms: "offers in excess of £575,000", "Offers over £70,000 are
            # invited", "Freehold, with vacant possession on completion"
            r"\b(?:offers|bids) (?:in excess of|over|above|in the region of|around) (?:£|gbp\s?)\d",
            r"\bwith vacant possession\b",
            # "to grant Sample Group an option to acquire the Council's freehold interest"
            r"\boption to (?:acquire|purchase|buy) (?:the )?(?:council['’]s |authority['’]s )?"
            r"(?:freehold|leasehold|land|site|property)\b",
            # "granting an option, for a period of up to 7 years, to purchase approximately 18
            # hectares of Council-owned agricultural land"
            # (the council granting it, not being granted one: "the Council be granted an option")
            rf"(?<!\bbe )(?<!\bbeen )(?<!\bwas )(?<!\bis )\bgrant(?:s|ing)? (?:an? )?option\b"
            rf"[^.;]{{0,60}}?\bto "
            rf"(?:acquire|purchase|buy)\b[^.;]{{0,60}}?\b{ASSET_OBJECT}\b",
            # "invites tenders for the purchase of the freehold of the former White Hart Inn"
            r"\b(?:invit\w*|seek\w*) (?:sealed |informal |formal )?(?:offers|tenders|bids) for "
            r"(?:the )?(?:purchase|acquisition) of\b",
            r"\bby (?:public )?auction\b|\bprivate treaty\b|\bsale value\b|\bcapital receipts?\b",
        ),
        also=_re(rf"\bdispos\w*|\bsale\b|\bsell\w*|\bpurchase\w*|\bmissives\b|\b{ASSET_OBJECT}\b"),
        trigger=(
            "missives",
            "vacant possession",
            "option to",
            "offer",
            "bid",
            "purchaser",
            "auction",
            "treaty",
            "sale value",
            "capital receipt",
            "purchase",
        ),
    ),
    Rule(
        "surplus_for_disposal",
        ASSET_SALE,
        "Declaring a site surplus *with* a view to disposal.",
        # (a long gap: "declares Lower Farm, Sampleton, shown edged red on the plan at
        # Appendix A, surplus to requirements")
        _re(r"\bdeclar(?:e|es|ed|ing|ation)\b[^.;]{0,160}?\bsurplus\b"),
        also=_re(r"\bdispos\w*|\bsale\b|\bsell\w*|\bauction\b|\bmarket(?:ed|ing)?\b"),
        trigger=("surplus",),
    ),
    Rule(
        "long_lease",
        ASSET_SALE,
        "A long lease (25 years or more) disposes of the land for a generation.",
        _re(
            r"\blong[- ]?leases?(?:hold)?\b",
            # ("a 35-year full repairing lease", "a 99 year ground lease")
            r"\b(?:2[5-9]|[3-9]\d|[1-9]\d\d)[- ]years?['’]? (?:(?:full[- ]|internal[- ])?"
            r"repairing (?:and insuring )?|fri |ground |head |building |peppercorn |community )*"
            r"(?:leases?|leasehold)\b",
            r"\bleases? (?:of|for) (?:a (?:term|period) of )?(?:up to )?"
            r"(?:2[5-9]|[3-9]\d|[1-9]\d\d) years\b",
            # "leasing the museum building to the new trust for 25 years"
            r"\b(?:leas(?:e|es|ed|ing)|let(?:ting)?) (?:of )?(?:the |a |an )?(?:[\w'’-]+ ){0,5}?to "
            r"(?:the |a |an )?(?:[\w'’-]+ ){0,4}?for (?:a (?:term|period) of )?(?:2[5-9]|[3-9]\d|"
            r"[1-9]\d\d) years\b",
            # "grant the CIO a lease of the library building and car park for a term of 30 years"
            # ("the grant of a leasehold interest in the former depot for a term of 125 years")
            r"\bleases?(?:hold)?\b[^.;]{0,160}?\bfor (?:a (?:term|period) of )?(?:up to )?"
            r"(?:2[5-9]|[3-9]\d|[1-9]\d\d) years\b",
        ),
        trigger=("leas", "letting"),
    ),
    Rule(
        "asset_transfer",
        ASSET_SALE,
        "Community asset transfers and freehold transfers hand council property to another body.",
        _re(
            r"\b(?:community )?asset transfers? (?:of|to|for)\b",
            # Scotland's statutory asset transfer requests (Community Empowerment Act 2015)
            r"\basset transfer requests? (?:from|by|for|made)\b",
            # "agreed the transfer of the former Sample School building and grounds to the
            # Sample Community Trust"
            r"\btransfer\w* (?:of )?(?:the )?(?:former |old )?(?:[\w'’-]+ ){0,5}?(?:buildings?|"
            r"land|sites?|propert(?:y|ies)|premises|schools?|halls?|centres?)(?: and (?:its )?"
            r"(?:grounds|land|car park))? to (?:the |a |an )?(?:[\w'’-]+ ){0,4}?(?:trust|charity|"
            r"community|association|society|group|club|scio|organisation|cic)\b",
            r"\b(?:approv\w*|agree\w*|grant\w*|complet\w*|propos\w*) (?:the |a |an )?(?:community"
            r" )?asset transfer\b",
            r"\bfreehold (?:transfers?|disposals?|sales?)\b",
            r"\btransfer (?:by|on a) (?:long )?(?:lease|freehold|leasehold)\b",
            r"\b(?:leasehold|freehold) (?:asset )?transfers?\b",
            r"\btransfer (?:of )?(?:the )?assets? of\b",
            # "the transfer of ownership of the building and grounds for a consideration of £1"
            # "agree to transfer ownership of the property to the Community Trust for £1"
            rf"\btransfer(?:ring)? (?:the )?(?:ownership|title) of (?:the |its )?(?:former |old )?"
            rf"(?:[\w'’-]+ ){{0,4}}?{ASSET_OBJECT}\b[^.;]{{0,120}}?\bto\b",
            # ("the transfer of ownership of the pavilion and green to the SCIO")
            rf"\btransfer of (?:the )?(?:ownership|title)(?: of)? (?:the |its )?(?:[\w-]+ ){{0,3}}?"
            rf"(?:{ASSET_OBJECT}|grounds)\b",
            # (not a waste "transfer building" or "transfer site": "a new transfer building")
            r"(?<!\ba )(?<!\bnew )(?<!\bwaste )\btransfer\w* (?:of )?(?:the |its |their )?"
            r"(?:freehold|land|site|property|building)s?\b"
            # (not to the council: "the Trust will transfer its freehold interest in the hall
            # to the Council" is the council buying)
            r"(?![^.;]{0,120}?\bto the (?:council|authority)\b)"
            # (not "the transfer of building cleaning, school catering and caretaking services")
            r"(?! (?:services|team|function|management|maintenance|cleaning|catering|caretaking|"
            r"control|security|repairs)\b)",
            # (not "the building control staff be transferred to Wealden District Council")
            r"\b(?:freehold|land|site|property|building|premises)s?\b(?! (?:control|services?|"
            r"teams?|staff|cleaning|maintenance|regulations?)\b)[^.;]{0,80}?\b(?:be|being|is"
            r"|are|to be|was|were) transferred to\b(?! the council)",
            # a home transferred as a going concern "together with the freehold of the land and
            # buildings" (not "with the freehold retained by the Council")
            r"\b(?:together|along) with (?:the|its) (?:freehold|heritable) (?:interest |title )?"
            r"(?:of|in)\b(?![^.;]{0,80}?\b(?:retain\w*|remain\w*|kept|stay\w*)\b)",
            r"\btransfer of (?:the )?(?:[\w-]+ ){1,3}and (?:of )?the freehold\b"
            r"(?![^.;]{0,80}?\bto the (?:council|authority)\b)",
            # "To approve the release of approximately 2.4 hectares of Council-owned land ... to
            # the Council's preferred Registered Social Landlord partner at market value"
            # (not money released for land: "release of £2m of grant funding for the land")
            rf"\breleas\w* (?:of )?(?:the |approximately |about |some )?"
            rf"(?:(?!£|fund|grant|budget|monies|money|capital)[^.;]){{0,50}}?\b"
            rf"{ASSET_OBJECT}\b[^.;]{{0,120}}?\b(?:to (?:the |a |an )?(?:[\w'’-]+ ){{0,5}}?"
            r"(?:partners?|developers?|landlords?|rsls?|housing associations?|purchasers?|buyers?|"
            r"trusts?|providers?)|for (?:disposal|sale|development|housing))\b",
            # "To approve the release of the Council's freehold interest in the former offices"
            r"\breleas\w* (?:of )?(?:the |its )?(?:council['’]s |authority['’]s )?freehold\b",
            # A land swap gives the council's land away, whatever comes back for it.
            r"\b(?:land (?:swaps?|exchanges?)|(?:swap|exchange) of (?:the )?(?:land|sites?|"
            r"freeholds?|plots?))\b",
            # Scots law's exchange of land: "approve the excambion of 0.21 ha of Council land"
            r"\bexcambions?\b",
        ),
        # Every pattern has one of these words ("the freehold disposal" has no "transfer").
        trigger=("transfer", "freehold", "leasehold", "swap", "exchange", "releas", "excambion"),
    ),
    Rule(
        "open_space_notice",
        ASSET_SALE,
        "A notice of intention to dispose of open space is itself a proposed disposal.",
        # ("Glasgow City Council gives notice that it intends to dispose of its heritable
        # interest in the subjects")
        _re(r"\bintention to dispose\b|\b(?:proposes?|intends?) to dispose\b"),
        trigger=("dispose",),
    ),
    Rule(
        "stock_transfer_asset",
        ASSET_SALE,
        "A housing stock transfer also transfers the homes themselves.",
        _STOCK_TRANSFER,
        trigger=("stock", "transfer"),
    ),
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
            r"\b(?:polic(?:y|ies)|procedures? (?:for|of|on)|(?:council['’]s|disposals?|sales?) "
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
            r"\bno (?:council |council['’]s |other )?(?:land|propert(?:y|ies)|assets?|sites?|"
            r"buildings?)\b[^.;]{0,20}?\b(?:is|was|were|are|will be|would be|is to be|are to be)"
            r"(?: being)? (?:disposed|sold|transferred|offered for sale|marketed)\b",
            r"\b(?:is|was|were|are|will|would) not (?:be )?(?:being )?(?:disposed of|sold)\b",
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
            r"\blease\b[^.;]{0,60}?\bfrom\b",
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
        unless=_re(
            r"\b(?:approv\w*|agree\w*|authoris\w*)\b[^.;]{0,60}\b(?:dispos|sale\b|sell)",
            r"\b(?:dispos\w*|sales?|sell\w*)\b[^.;]{0,80}?\b(?:be|is|are|to be) (?:approved|"
            r"agreed|authorised)\b",
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
        ),
    ),
)
