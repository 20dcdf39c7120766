"""Rules that find a service contract awarded, extended or varied, or a provider appointed:
the later steps of a letting. Split from :mod:`monitor.rules.outsourcing`, whose rule order
they keep (they are read after the steps that start a procurement)."""

from __future__ import annotations

from monitor.rules.base import (
    OUTSOURCING,
    Rule,
    _re,
    _words,
)
from monitor.rules.vocabulary import SERVICE_DOMAIN

# Agreements that let a service (a lease or a section 106 agreement does not).
SERVICE_AGREEMENT = (
    r"(?:management|service|services|operating|partnership|framework|call-off|provider|"
    r"concession) agreements?"
)

# The opening of a decision or recommendation: "That Cabinet", "Decision:", "(b) approves",
# "RESOLVED –", "To".
_DECISION_OPENING = (
    # ("1.1 To approve the award of call-off agreements ...": a paragraph number first)
    r"^\W*(?:(?:\d{1,2}(?:\.\d{1,2})+\.?|\(?\w{1,3}[.)]|[•·▪-])\s*)?"
    r"(?:(?:decision|resolved|agreed|recommendation)s?"
    r"\s*[:–—-]?\s*)?(?:that )?(?:(?:the )?(?:cabinet|council|committee|executive|board)"
    r"(?: member)? |"
    # a member's own decision: "As Deputy Leader, I agree to vary the agreement to include ..."
    r"(?:as (?:the )?[\w ,'’-]{1,60}?, )?(?:i|we) )?(?:(?:is|are) (?:asked|recommended) to )?"
    r"(?:to )?"
)

AWARD_RULES: tuple[Rule, ...] = (
    Rule(
        "decided_service_contract",
        OUTSOURCING,
        "A decision or recommendation that itself awards, extends, varies, renews, commissions,"
        " lets or procures a contract or agreement for a service, however long the words"
        " between.",
        _re(
            _DECISION_OPENING
            # an integration joint board decides by directing a council or health board to
            # let it: "to issue a Direction to East Sampleton Council to procure a new care at
            # home framework"
            + r"(?:(?:issu\w*|giv\w*) (?:a |the )?(?:new )?directions? to [^.;]{1,80}? to |"
            r"direct\w* (?:the |[\w'’&-]+ ){1,5}?(?:council|board|authority) to )?"
            r"(?:(?:approv\w*|agree\w*|authoris\w*|note\w* and approv\w*) (?:to |the |a |an )?)?"
            r"(?:award\w*|extend\w*|extension|var(?:y|ies|ied|iation)|modif(?:y|ies|ied|ication)|"
            r"renew\w*|commission\w*|"
            r"let(?:ting)?|procure\w*|procurement|(?:re-?)?tender\w*|call(?:ing)?[- ]off|direct "
            r"award|enter\w* into)\b[^.;]{0,200}?\b(?:contracts?|agreements?|arrangements?|"
            r"concessions?|frameworks?|call-?offs?)\b",
        ),
        also=_re(rf"\b(?:{SERVICE_DOMAIN}|services)\b"),
        # (word starts, not "var"/"let"/"call" anywhere: "various", "letter", "called")
        trigger=(
            "award",
            "extend",
            "extension",
            " vary",
            " varies",
            " varied",
            "variation",
            "modif",
            "renew",
            "commission",
            " let ",
            "letting",
            "procure",
            "tender",
            "call-off",
            "call off",
            "calling off",
            "enter into",
            "entering into",
            "enters into",
        ),
    ),
    Rule(
        "contract_award",
        OUTSOURCING,
        "Awarding a contract or concession (after tender or directly) hands the service to a"
        " provider.",
        _re(
            rf"\baward(?:s|ed|ing)? (?:of )?(?:a |the |an |new )?(?:new )?{_words(4)}contracts?\b",
            # a decision's own words, with a longer name: "To award 64 home to school and
            # college transport contracts via the DPS"
            rf"^\W*(?:\(?\w{{1,3}}[.)]\s*|decision\s*:\s*)?(?:to )?award (?:\d+ )?{_words(7)}"
            r"contracts?\b",
            # (not "will not be re-let": a contract left to end)
            # (nor "the tender exercise be abandoned and no contract be awarded")
            r"(?<!\bno )\bcontracts?\b[^.;]{0,140}?\b(?<!not )(?:be|is|was|were|being|to be|"
            r"has been|have been|will be) (?:awarded|let|re-?let)\b",
            r"\b(?:award|let|grant)\w* (?:a |the |an )?(?:new )?(?:[\w-]+ ){0,3}?concessions?"
            r"(?: contracts?)?\b",
            # "whether the complex should be let to an operator under a concession procured on
            # the open market"
            r"\blet to an? (?:[\w-]+ )?operator (?:under|through|by way of) (?:a |an )?"
            r"(?:[\w-]+ )?(?:concession|contract|management agreement)\b",
            r"\bcontract awards?\b",
            # "the providers listed at Appendix 1 be admitted to the Home Care Framework";
            # "Lot 2 ... go to the most economically advantageous tenderer"
            r"\b(?:providers|operators|organisations|suppliers|contractors)\b[^.;]{0,60}?\bbe "
            r"admitted to (?:the )?(?:[\w-]+ ){0,4}?framework\b",
            r"\b(?:lots?|contracts?)\b[^.;]{0,120}?\bgo(?:es)? to the (?:most economically "
            r"advantageous|highest[- ]scoring|preferred|successful) (?:tenderer|bidder)s?\b",
            # "To award places on the framework to the 14 providers listed"
            r"\baward(?:s|ed|ing)? (?:of )?places on (?:the |a )?(?:[\w-]+ ){0,5}?framework\b",
            # a press release's "Norfolk County Council has signed a new highways term contract
            # with Sample Highways Alliance"
            r"\b(?:has|have|had) (?:now )?signed (?:a |the |an )?(?:new )?(?:[\w-]+ ){0,4}?"
            r"contracts? with\b",
            # "to award the residual waste bulking, haulage and treatment contract (Lots 1 and
            # 2) to the highest-scoring tenderer"
            r"\baward(?:s|ed|ing)? (?:of )?(?:a |the |an )?[^.;]{0,80}?\bcontracts?\b[^.;]{0,60}?"
            r"\bto (?:the )?(?:highest[- ]scoring|preferred|successful|winning|top[- ]ranked) "
            r"(?:tenderers?|bidders?|suppliers?|providers?|contractors?|operators?)\b",
            # "to let a contract for the management of ..." (not "let the contract expire")
            rf"\blet(?:s|ting)? (?:a |an |the |new )(?:new )?{_words(3)}contracts?\b"
            r"(?![^.;]{0,30}?\b(?:expire|lapse|end|run out)\b)",
            r"\bdirect(?:ly)? award(?:ed|ing)? (?:of )?(?:a |the |an )?(?:new )?(?:contracts? )?"
            r"(?:to|for)\b",
            # the route named first: "Approve a direct award under Lot 1 of the framework ... to
            # the supplier identified", "a direct award under the Provider Selection Regime
            # (Direct Award Process C) of the Treatment Service to the existing provider"
            # "a direct award, under Regulation 32(2)(c) ..., of a contract for housing management"
            r"\bdirect awards?\b,?[^.;]{0,120}?\bof (?:a |the |an )?(?:new )?contracts? "
            r"(?:for|to)\b",
            r"\b(?:make|makes|making|approv\w*|agree\w*|authoris\w*|to) (?:a |the )?direct "
            r"awards?\b[^;]{0,260}?\bto (?:the |an? )?(?:existing |incumbent |current |preferred |"
            r"successful )?(?:[\w-]+ ){0,2}?(?:providers?|suppliers?|operators?|contractors?|"
            r"organisations?|charit(?:y|ies))\b",
            r"\b(?:successful|winning) (?:tenderers?|bidders?|providers?|contractors?)\b",
            # "Accepts the tender from Keys Group Limited", "the bid of X be accepted"
            r"\baccept(?:s|ed|ing)? (?:the |a )?(?:[\w-]+ ){0,2}?(?:tenders?|bids?|quotations?) "
            r"(?:from|of|submitted by)\b",
            r"\b(?:tenders?|bids?) (?:from|of|submitted by) [^.;]{0,60}?\b(?:be|is|was|were|"
            r"has been) accepted\b",
            # "X Ltd has been successful in securing the contract for grounds maintenance",
            # "won the contract", "contracts to be issued for 1 April".
            r"\b(?:won|wins|win|secured|securing|winning|obtaining) (?:the |a |an )?(?:new )?"
            rf"{_words(3)}contracts?\b",
            # a provider's press release: "has begun mobilisation of its new eight-year street
            # cleansing contract with Sampleton Borough Council"
            r"\b(?:mobilis|mobiliz|start|begin|began|begun|commenc)\w* (?:(?:of|on|work on) )?"
            r"(?:its|our|their|the) new (?:[\w-]+ ){0,8}?contracts? with (?:the )?"
            r"(?:[\w'’&-]+ ){1,5}?(?:council|authority)\b",
            r"\bcontracts?\b[^.;]{0,60}?\b(?:to be|be|being|will be|can be|could be|were|was)"
            r" issued\b",
            # a contract named at length, awarded to a named firm: "to award the Civil
            # Parking Enforcement and Notice Processing contract to Sample Kerbside Ltd"
            r"\baward(?:s|ed|ing)? (?:of )?(?:a |the |an )(?:new )?(?:[\w'’&/-]+ ){0,10}?contracts?"
            r"(?: \([^()]{0,40}\))? to (?-i:[A-Z])",
            # "the award of the school transport routes to the operators listed"
            rf"\baward(?:s|ed|ing)? (?:of )?(?:the )?{_words(5)}(?:routes?|lots?|services?)\b"
            r"[^.;]{0,40}?\bto (?:the )?(?:[\w-]+ ){0,3}?(?:operators?|providers?|bidders?|"
            r"tenderers?)\b",
        ),
        trigger=(
            "award",
            "contract",
            "concession",
            "successful",
            "winning",
            "accept",
            "admitted to",
            "go to the",
            "goes to the",
        ),
    ),
    Rule(
        "preferred_bidder",
        OUTSOURCING,
        "Selecting a preferred bidder or provider is the award stage of a procurement.",
        _re(
            r"\bpreferred (?:and reserved )?(?:bidders?|bids?|providers?|operators?|partners?|"
            r"tenderers?)\b",
        ),
        also=_re(rf"\bservices?\b|\bcontracts?\b|\b{SERVICE_DOMAIN}\b|\bpartner|\boperat"),
        trigger=("preferred",),
    ),
    Rule(
        "appoint_provider",
        OUTSOURCING,
        "Appointing an operator, provider or delivery partner to run a service.",
        _re(
            r"\bappoint(?:s|ed|ing|ment of)? (?:a |an |the )?(?:preferred |new |single |"
            rf"specialist |external |experienced )?{_words(3)}(?:providers?|operators?|"
            r"delivery partners?|strategic partners?|contractors?)\b",
            r"\b(?:an?|the) (?:new |single |preferred |experienced )?(?:[\w-]+ )?operator "
            r"(?:would be |will be |to be |be )?(?:selected|appointed|procured)\b",
            # "That the Council appoints Sample Landscapes Ltd as its delivery partner for grass
            # cutting"
            r"\bappoint(?:s|ed|ing)? (?:[\w&'’.-]+ ){1,5}?as (?:its|the|our|their) (?:[\w-]+ )?"
            r"(?:delivery partner|strategic partner|provider|operator|contractor)s?\b",
            # "That the Council appoints Sample Theatres Ltd as operator of the Sample Theatre"
            r"\bappoint(?:s|ed|ing)? (?:[\w&'’.-]+ ){1,5}?as (?:the )?(?:new |sole )?operators? "
            r"(?:of|for)\b",
            # "that a delivery partner be appointed to run the employability programme"
            r"\b(?:a|the|an) (?:new |single |preferred |local )?(?:[\w-]+ ){0,2}?(?:partner|"
            r"provider|operator|contractor)s? (?:would be |will be |to be |be )(?:selected|"
            r"appointed|procured|commissioned)\b[^.;]{0,60}?\bto (?:run|deliver|provide|manage|"
            r"operate)\b",
            # "That a competitive process be commenced to identify an organisation to run the
            # three Household Waste Recycling Centres"
            r"\b(?:competitive|procurement|tender) process\b[^.;]{0,40}?\bto (?:identify|select|"
            r"find|appoint) (?:an? |the )?(?:[\w-]+ )?(?:organisations?|providers?|operators?|"
            r"partners?|contractors?) to (?:run|operate|manage|deliver|provide)\b",
            # "to appoint a specialist contractor to clean and maintain the public conveniences"
            r"\bappoint(?:s|ed|ing)? (?:a |an )?(?:[\w-]+ ){0,2}?(?:contractors?|providers?|"
            r"operators?) to (?:clean|maintain|collect|run|operate|deliver|provide|manage)\b",
            # "has appointed Freedom Leisure to manage the Water Meadows leisure complex"
            r"\bappoint(?:s|ed|ing|ment of)? (?:[\w&'’-]+ ){1,5}?to (?:manage|run|operate|deliver|"
            r"provide)"
            rf"\b[^.;]{{0,60}}?\b(?:{SERVICE_DOMAIN}|services?)\b",
            # ... or as news tells it: "Sample Parking Ltd has been appointed to operate the
            # Council's parking enforcement service" (an organisation, not a person appointed
            # to a post)
            r"\b(?:ltd|limited|plc|llp|cic|trust|group|services|leisure|partnership|charity|"
            r"operators?|providers?|contractors?|company|association|society)\.? "
            r"(?:has|have|had) been (?:appointed|selected|chosen|contracted) (?:as [\w -]{1,30}? )?"
            r"to (?:manage|run|operate|deliver|provide)"
            rf"\b[^.;]{{0,60}}?\b(?:{SERVICE_DOMAIN}|services?)\b",
            # a resolution's passive: "That Sample Compliance Ltd be appointed, following a
            # further competition under the framework, to supply civil enforcement officers"
            r"\b(?:ltd|limited|plc|llp|cic)\.? be appointed\b[^.;]{0,120}?\bto (?:supply|provide|"
            rf"deliver|operate|run|manage|carry out)\b[^.;]{{0,80}}?\b(?:{SERVICE_DOMAIN}|"
            r"services?|officers|staff)\b",
        ),
        trigger=(
            "appoint",
            "operator",
            "competitive process",
            "procurement process",
            "tender process",
        ),
    ),
    Rule(
        "contract_extension",
        OUTSOURCING,
        "Extending, varying or renewing a service contract keeps the service with the outside"
        " provider.",
        _re(
            rf"\bextensions? (?:of|to) (?:the )?{_words(10)}(?:contracts?|{SERVICE_AGREEMENT})\b",
            rf"\bextend(?:s|ed|ing)? (?:the )?{_words(8)}(?:contracts?|framework"
            rf"(?: agreements?)?|{SERVICE_AGREEMENT})\b",
            r"\bcontract (?:extensions?|variations?)\b",
            # "contracts for domiciliary care be revised" (a section 106 agreement is not one)
            rf"\b(?:contracts?|{SERVICE_AGREEMENT})\b[^.;]{{0,60}}?\b(?:be|to be|are to be|"
            r"will be) (?:revised|amended|varied|re-?negotiated)\b",
            # "the public realm services contract with Sample Ltd, covering highway maintenance
            # and street lighting, be extended for 12 months"
            r"\bcontracts? with\b[^.;]{0,200}?\b(?:be|to be|are to be|will be|is to be) "
            r"(?:extended|renewed|varied)\b",
            rf"\b(?:vary|varying|variation (?:of|to)) (?:the )?{_words(9)}contracts?\b",
            # "approves use of the two-year extension option within the Highways Term
            # Maintenance contract"
            r"\bextension option (?:in|within|under) (?:the )?(?:[\w-]+ ){0,5}?contracts?\b",
            # "exercise the second and final twelve-month extension option of the grounds
            # maintenance contract with Sample Landscapes Ltd"
            r"\bexercis\w* (?:the |an |its )?(?:[\w-]+ ){0,4}?extension options? (?:of|in|under|"
            r"within) (?:the )?(?:[\w-]+ ){0,5}?contracts?\b",
            # "exercise the option in the recycling sites contract to continue the arrangement
            # with the present operator"
            r"\bexercis\w* (?:the |an )?(?:option|right) (?:in|under|within) (?:the )?"
            r"(?:[\w-]+ ){0,4}?(?:contracts?|agreements?)\b[^.;]{0,40}?\bto (?:continue|extend)\b",
            # "exercises the option at clause 3.2 of Contract VOG/ENV/2021/014 to continue the
            # contract with Sample Organics Ltd"
            r"\bexercis\w* (?:the |an )?(?:extension )?(?:option|right)\b[^.;]{0,80}?\bto "
            r"(?:continue|extend) (?:the )?(?:[\w-]+ )?(?:contracts?|agreements?|arrangements?)\b",
            # "extend the agreement with Sample Libraries (an industrial and provident society)
            # for the provision of the county's public library service by two years"
            r"\bextend\w* (?:the )?(?:[\w-]+ ){0,2}?(?:agreement|arrangement)s? with\b[^.;]{0,120}?"
            r"\bfor the (?:provision|delivery|operation|running|management) of\b",
            r"\bcontinu\w* (?:the )?(?:arrangements?|contracts?|agreements?|services?) with the "
            r"(?:present|current|existing|incumbent) (?:operators?|providers?|contractors?|"
            r"suppliers?)\b",
            # "approves a variation to the agreement with Northvale Business Solutions Ltd", "To
            # vary the agreement with Mid Wales Voice CIC so that it runs to 31 March"
            r"\b(?:vary|varying|variation (?:of|to)|extend(?:s|ed|ing)?|extensions? (?:of|to)) "
            # ("To extend the arrangement with Sample Grounds Ltd for the maintenance of parks")
            r"(?:the )?(?:[\w-]+ ){0,3}?(?:agreement|arrangement) with (?-i:[A-Z])[\w&'’-]*"
            r"(?: [\w&'’-]+){0,4}? "
            r"(?:Ltd|Limited|plc|LLP|CIC)\b"
            # (not a developer's planning agreement)
            r"(?![^.;]{0,80}?\b(?:section 106|s\.? ?106|planning obligations?|development "
            r"agreement)\b)",
            # a service added to a firm's existing contract: "approves the addition of the
            # revenues and benefits service to the Corporate Services Partnership Agreement
            # with Meridian Public Services Ltd"
            r"\b(?:add(?:s|ed|ing)?|addition of|inclusion of) (?:the )?(?:[\w'’-]+ ){0,5}?"
            r"services? (?:to|in|into|within) (?:the )?(?:existing )?(?:[\w'’-]+ ){0,4}?"
            rf"(?:contracts?|{SERVICE_AGREEMENT}) with (?-i:[A-Z])[\w&'’-]*(?: [\w&'’-]+){{0,4}}? "
            r"(?:Ltd|Limited|plc|LLP|CIC)\b",
            # "a variation of the floating support agreement with the current provider"
            rf"\b(?:vary|varying|variation (?:of|to)|extend(?:s|ed|ing)?|extensions? (?:of|to)|"
            rf"renew(?:s|ed|ing)?|renewal of) (?:the )?{_words(6)}agreements? with (?:the )?"
            r"(?:current|existing|incumbent) (?:provider|operator|supplier|contractor)s?\b",
            rf"\b(?:continuation|renewal) of (?:the )?{_words(6)}(?:contracts?|"
            rf"{SERVICE_AGREEMENT})\b",
            # "the current call-off arrangements under the Supported Living Framework be
            # continued for a further period of up to 12 months"
            r"\b(?:existing|current) (?:[\w-]+ ){0,3}?(?:call-?off |framework |contract(?:ual)? |"
            r"care |support |service )?(?:arrangements?|contracts?)\b[^.;]{0,100}?\b(?:be|to be|"
            r"are to be|will be) continued\b[^.;]{0,40}?\b(?:further|another|additional|until)\b",
            # "allowing the existing ... contract to continue until 31st March 2019"
            rf"\b(?:existing|current) {_words(8)}(?:contracts?|{SERVICE_AGREEMENT})\b"
            r"[^.;]{0,80}?\bto (?:continue|run on|remain in (?:place|force))\b[^.;]{0,20}?"
            r"\b(?:until|to|beyond|for)\b",
        ),
        trigger=(
            "extens",
            "extend",
            "vary",
            "varied",
            "variation",
            "continuation",
            "renewal",
            "revised",
            "amended",
            "negotiated",
            "to continue",
            "to run on",
            "to remain in",
            "continue the",
            "continuing the",
            "continued",
            "addition of",
            "added ",
            " add ",
            "adding ",
            "inclusion of",
        ),
    ),
    Rule(
        "service_passive_step",
        OUTSOURCING,
        "'That the tenancy sustainment service be tendered', 'the contract with the operator be"
        " extended for five years': a service or its contract put to the market or kept with"
        " the provider, in the passive of a resolution (not 'a desire for the contracts to be"
        " renewed').",
        _re(
            # A contract or agreement extended, renewed, let or put to the market ...
            rf"\b(?:contracts?|{SERVICE_AGREEMENT})\b[^.;]{{0,100}}?"
            r"\b(?<!should )(?<!could )(?<!would )(?<!might )(?<!may )(?<!will )(?<!not )"
            r"(?<!\bto )(?:be|is to be|are to be|shall be) (?:re-?)?(?:tendered|"
            r"procured|commissioned|extended|renewed|let|outsourced|market[- ]tested)\b",
            # ... a service put to the market (a service "extended" is longer opening hours).
            rf"\b(?:services?|{SERVICE_DOMAIN})\b[^.;]{{0,60}}?"
            r"\b(?<!should )(?<!could )(?<!would )(?<!might )(?<!may )(?<!will )(?<!not )"
            r"(?<!\bto )(?:be|is to be|are to be|shall be) (?:re-?)?(?:tendered|"
            r"procured|commissioned|outsourced|market[- ]tested)\b",
        ),
        trigger=(
            "tendered",
            "procured",
            "commissioned",
            "extended",
            "renewed",
            " let",
            "outsourced",
            "tested",
        ),
    ),
)
