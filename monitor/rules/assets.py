"""Rules that find a sale or disposal of council land or buildings. Their false friends are in
:mod:`monitor.rules.assets_false_friends`."""

from __future__ import annotations

from monitor.rules.base import (
    ASSET_SALE,
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
# Public buildings sold once closed ("the former public conveniences"): named only where a sale
# is told, not in ASSET_OBJECT, whose "land" reading would make a contract to clean them a
# bid for land (not_outsourcing.bidder_for_land).
_PUBLIC_BUILDINGS = r"(?:public )?conveniences|toilet blocks?"

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
            # "That the Council's freehold interest ... be released to the party submitting the
            # highest unconditional offer"
            r"\b(?:freehold|leasehold|heritable)\b[^.;]{0,160}?\b(?:be|is to be|will be) released "
            r"to (?:the )?(?:party|bidder|purchaser|person|buyer)s? (?:submitting|making|with|"
            r"who)\b",
            # "that it be sold to the adjoining owner at the value assessed"
            r"\b(?:be|is to be|will be|are to be) sold to (?:the |a |an )?(?:adjoining|adjacent|"
            r"neighbouring|highest|preferred|sitting|successful)\b",
            # "The subjects are now offered on the open market."
            r"\b(?:offered|placed|put|marketed|advertised) (?:for sale )?on the open market\b",
            # a decision's own step: "To market the site on the open market by informal tender"
            r"\bmarket(?:s|ing)? (?:the |this |these )(?:[\w-]+ ){0,3}?(?:sites?|lands?|"
            r"propert(?:y|ies)|buildings?|premises|freehold) on the open market\b",
            # "by way of sale on the open market"
            r"\b(?:by way of|through|via) (?:a )?sale on the open market\b",
            # "to place the lands on the open market", "release the site to the market"
            r"\b(?:place|put|offer|bring|release)\w* (?:the )?(?:[\w-]+ ){0,3}?(?:lands?|sites?|"
            r"propert(?:y|ies)|buildings?|premises|freehold(?: interest)?) (?:on|to|onto) (?:the )?"
            r"(?:open )?market\b",
            # a sale written as a buyer and a price: "Approved: the Council's freehold interest
            # in land at the former depot to Sample Homes Limited for £1.2m"
            r"\b(?:freehold|leasehold|heritable) (?:interest )?in\b[^;]{0,200}?\bto "
            r"(?!the (?:council|authority)\b)(?:[\w&'’.-]+ ){1,6}?for "
            r"(?:a (?:price|premium|consideration|sum) of )?£ ?\d",
            # an option granted to a buyer: "agrees to the grant of an option to purchase the
            # former garage site to Sample Homes Ltd" (not one the council takes)
            r"\b(?:grant\w*|enter\w* into) (?:of )?(?:an? |the )?(?:[\w-]+ )?option (?:agreement )?"
            r"(?:to (?:purchase|acquire|buy)|for the (?:purchase|sale|acquisition))\b"
            r"(?![^.;]{0,120}?\b(?:to|by|for) the (?:council|authority)\b)",
        ),
        trigger=(
            "sale",
            "sell",
            "sold",
            "open market",
            "buyer",
            "freehold",
            "leasehold",
            "heritable",
            "option to",
            "option agreement",
        ),
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
        # (or the steps of a sale: "to market the site by informal tender and to accept the
        # best consideration reasonably obtainable", "accept the offer which represents ...")
        also=_re(
            r"\bdispos\w*|\bsale\b|\bsell\w*|\bfreehold\b|\btransfer\w*|\bauction\b",
            r"\bmarket(?:ed|ing)? (?:the |this |these )\w+|\baccept\w* (?:the |an? )?(?:[\w-]+ )?"
            r"(?:offers?|bids?|tenders?)\b",
        ),
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
            # ("accept the offer of £85,000 received from a local business for the former
            # public conveniences")
            # an offer of money from a named buyer: "accept the offer of £265,000 from Sample
            # Storage Ltd"
            r"\baccept\w* (?:the |an )?(?:highest |best )?offer of £ ?[\d,.]+(?:m| million)? from "
            r"(?-i:[A-Z])",
            rf"\b(?:accept\w*|agree\w*) (?:the |an )?(?:\w+ )?offers?\b{_GAP80}\b(?:for|to "
            # ("... from the adjoining owners for the 0.31 acre strip of land at Drumcoo Road")
            rf"purchase) (?:the |a |an )?(?:former |vacant |surplus |empty |redundant )?"
            rf"(?:[\w.'’-]+ ){{0,4}}?(?:{ASSET_OBJECT}|{_PUBLIC_BUILDINGS})\b",
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
        also=_re(
            # (not "missives" alone: "The Head of Legal will conclude missives" on a lease the
            # council takes)
            rf"\bdispos\w*|\bsale\b|\bsell\w*|\bpurchase\w*|\b(?:{ASSET_OBJECT}|{_PUBLIC_BUILDINGS})\b",
            # Scots law's sale: "to accept the offer of £265,000 from Sample Storage Ltd, being
            # the highest offer received" (not "missives" alone, as above)
            r"\bclosing date\b|\bhighest offer\b",
        ),
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
            # (a parenthesis counts as one step: "(shown edged red on the plan at Appendix 1)")
            # (nor staff: "bringing all sites into a single contract meant that the in-house
            # team would be transferred to a private company")
            r"teams?|staff|cleaning|maintenance|regulations?)\b)(?:(?!\b(?:teams?|staff|employees|"
            r"workforce)\b)(?:[^.;()]|\([^()]{0,80}\))){0,80}?"
            r"\b(?:be|being|is"
            r"|are|to be|was|were) (?:transferred|passed|conveyed|handed over|gifted) to\b"
            r"(?! the council)",
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
            r"bidders?|"
            r"trusts?|providers?)|for (?:disposal|sale|development|housing))\b",
            # "To approve the release of the Council's freehold interest in the former offices"
            r"\breleas\w* (?:of )?(?:the |its )?(?:council['’]s |authority['’]s )?freehold\b",
            # A land swap gives the council's land away, whatever comes back for it.
            r"\b(?:land (?:swaps?|exchanges?)|(?:swap|exchange) of (?:the )?(?:council['’]s |"
            r"authority['’]s )?(?:freehold |leasehold )?(?:interests? in )?(?:the )?(?:land|sites?|"
            r"freeholds?|plots?))\b",
            # Scots law's exchange of land: "approve the excambion of 0.21 ha of Council land"
            r"\bexcambions?\b",
        ),
        # Every pattern has one of these words ("the freehold disposal" has no "transfer").
        trigger=(
            "transfer",
            "freehold",
            "leasehold",
            "swap",
            "exchange",
            "releas",
            "excambion",
            "passed to",
            "conveyed",
            "handed over",
            "gifted",
        ),
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
