"""Rules that find a decision or formal proposal to outsource a public service, and the false
friends that set aside services that are not public or not outside the public sector."""

from __future__ import annotations

from monitor.rules.base import (
    _OBJECT_WORDS,
    OUTSOURCING,
    Rule,
    _alt,
    _re,
    _words,
)
from monitor.rules.transfers import TRANSFER_RULES
from monitor.rules.vocabulary import (
    SERVICE_DOMAIN,
)

# --------------------------------------------------------------------------------------------
# Outsourcing
# --------------------------------------------------------------------------------------------

# "Commissioning" is left out of _PROC: "agree the Commissioning Plan" is a strategy, not a
# procurement ("commissioning of a new service" is caught by procurement_of_service).
_PROC = r"(?:procurement|tender(?:ing)?|re-?procurement|re-?tender(?:ing)?)"
_START_VERB = _alt(
    r"commenc\w*|undertak\w*|carr(?:y|ying|ied) out|conduct\w*|proceed\w* with|start\w*",
    r"begin|begun|launch\w*|run|progress\w*|approv\w*|authoris\w*|agree\w*|initiat\w*",
    r"embark\w* on|commencement of|undertaking of|the start of",
)
_SERVICE_END = _alt(
    r"services?|operators?|providers?|contracts?|partners?|partnership|contractors?",
    r"management|operation|provision|framework",
)
# Agreements that let a service (a lease or a section 106 agreement does not).
_SERVICE_AGREEMENT = (
    r"(?:management|service|services|operating|partnership|framework|call-off|provider|"
    r"concession) agreements?"
)

_LETTING_RULES: tuple[Rule, ...] = (
    Rule(
        "procurement_started",
        OUTSOURCING,
        "Approving or starting a procurement or tender is the first formal step of contracting"
        " a service out.",
        _re(
            rf"\b{_START_VERB} (?:a |an |the |this |its |their )?(?:new )?(?:competitive |formal "
            rf"|open |compliant |full |single |joint )?(?:and compliant )?{_PROC}"
            r"(?: (?:process|exercise|procedure|strategy|route|programme|plan))?\b",
            # "the required procurement process is undertaken in line with the Procurement Act"
            rf"\b{_PROC} (?:process|exercise|procedure) (?:be|is to be|will be|to be|was|has been"
            r"|had|is|are) (?:undertaken|commenced|carried out|launched|run|started|approved)\b",
            # a contracts update: "approved the public advertisement of tenders as detailed in
            # Appendix 1" (what the tenders are for comes from the rest of the record)
            r"\b(?:approv\w*|agree\w*|authoris\w*)\b[^.;]{0,20}?\b(?:public )?(?:advertisement|"
            r"advertising|publication) of (?:the )?(?:following )?tenders?\b",
        ),
        trigger=("procure", "tender"),
    ),
    Rule(
        "procurement_of_service",
        OUTSOURCING,
        "'The procurement of a new ... contract/service' names what is being bought: a service.",
        _re(
            r"\b(?:procurement|tender(?:ing)?|re-?tender(?:ing)?|re-?procurement|commissioning|"
            r"re-?commissioning)(?: and award)? (?:of|for) (?:a |an |the |its |their )?(?:new )?"
            rf"(?:provision of )?{_words(8)}{_SERVICE_END}\b",
        ),
        trigger=("procure", "tender", "commissioning"),
    ),
    Rule(
        "go_out_to_tender",
        OUTSOURCING,
        "Going out to tender, re-tendering, re-procuring, re-letting or recommissioning a"
        " service puts it out to the market.",
        _re(
            r"\bgo(?:ing|es)? out to (?:tender|the market)\b",
            # "approval to go to tender for the cleaning of ...", "proceeds to tender for"
            r"\b(?:go(?:ing|es)?|proceed(?:s|ed|ing)?|move(?:s|d)?) to (?:tender|the market) "
            r"(?:for|to procure)\b",
            r"\bre-?tender(?:ed|ing|s)?\b|\bre-?procur(?:e|ed|es|ing|ement)\b",
            r"\bre-?commission(?:ed|ing|s)?\b",
            rf"\btender(?:ing)? (?:a |an |the |this |its |our |their )(?:new )?"
            rf"{_OBJECT_WORDS}"
            r"(?:services?|contracts?)\b",
            rf"\bre-?let(?:ting|s)? (?:of )?(?:the |a |its )?{_words(5)}contracts?\b",
            # "re-letting the routes through a new dynamic purchasing system", "re-letting the
            # work to an external contractor"
            r"\bre-?let(?:ting|s)? (?:of )?(?:the |its )?(?:[\w-]+ ){0,3}?(?:routes|services?|work|"
            r"lots)\b[^.;]{0,40}?\b(?:through|via|to|using|under)\b",
            # "authorised officers to invite tenders for a three-year cleaning contract"; "the
            # tender of day opportunities"
            r"\binvit\w* (?:tenders|bids|quotations) for (?:a |an |the )?(?:[\w-]+ ){0,6}?"
            r"(?:contracts?|services?)\b",
            rf"\bthe tender(?:ing)? of (?:the )?(?:[\w-]+ ){{0,3}}?{SERVICE_DOMAIN}\b",
            # "that operators be invited to submit prices for each route"
            r"\b(?:operators|providers|contractors|suppliers|bidders|organisations)\b (?:be |are |"
            r"were |will be |to be )?invited to (?:submit (?:prices|tenders|bids|quotations|"
            r"offers)|tender|bid|quote)\b",
            # "whether to procure a new collection contract for the service"
            r"\b(?:procure|procuring|re-?procure|re-?procuring) (?:a |an )?(?:new )?"
            r"(?:[\w-]+ ){0,3}?contracts? for (?:the |this )?(?:[\w-]+ ){0,2}?services?\b",
            # "authorised to procure a single contract for the cleaning ... of the 22 public
            # conveniences"
            r"\b(?:procure|procuring|re-?procure|re-?procuring) (?:a |an )?(?:new |single )?"
            rf"(?:[\w-]+ ){{0,3}}?contracts? for (?:the )?[^.;]{{0,80}}?\b{SERVICE_DOMAIN}\b",
            # "That the cleaning ... of the 19 facilities be secured from an external provider"
            r"\bbe (?:secured|procured|commissioned|purchased|bought|obtained) from (?:an? |the )?"
            r"(?:external|independent|private|outside|third[- ]party|specialist) (?:providers?|"
            r"contractors?|operators?|suppliers?|compan(?:y|ies))\b",
            # "whether the service should be re-let to an external contractor"
            r"\bre-?let to (?:an? |the )?(?:external|outside|private|new|independent) "
            r"(?:contractors?|providers?|operators?|suppliers?)\b",
        ),
        trigger=(
            "tender",
            "procur",
            "commission",
            "let",
            "invited to",
            "invit",
            "secured from",
            "purchased from",
            "bought from",
            "obtained from",
        ),
    ),
    Rule(
        "enter_into_contract",
        OUTSOURCING,
        "Entering into a contract or management agreement for a provider to run a service.",
        _re(
            r"\benter(?:s|ed|ing)? into (?:a |an |the )?(?:new )?(?:[\w-]+ ){0,3}?(?:contract|"
            r"management agreement|concession|partnership agreement|service agreement|"
            r"operating agreement|partnering (?:arrangement|agreement)|partnership arrangement)s?"
            r"\b[^.;]{0,100}?\b(?:for (?:the )?(?:provision|management|"
            r"delivery|operation|running|administration)|to (?:provide|deliver|manage|operate|run|"
            r"administer))\b",
            # "enters into contracts with the providers named in the table"
            r"\benter(?:s|ed|ing)? into (?:a |the )?(?:new )?(?:[\w-]+ ){0,2}?(?:contracts?|"
            r"agreements?) with (?:the |each of the )?(?:following |named |listed |successful |"
            r"preferred |recommended )?(?:[\w-]+ ){0,2}?(?:providers?|operators?|organisations?|"
            r"community groups?)\b",
            # "that the Council enters into a single long-term partnership ... with a
            # private-sector partner"
            r"\benter(?:s|ed|ing)? into (?:a |an )?(?:single |new )?(?:[\w-]+ ){0,3}?partnership\b"
            r"[^.;]{0,120}?\bwith (?:a |an )?(?:private[- ]sector|commercial|external) (?:partner|"
            r"provider|operator|company)\b",
            # "To enter into an agreement with a registered social landlord under which it will
            # staff and run Dyfatty House"
            r"\benter(?:s|ed|ing)? into an? agreement with (?:a |an |the )?(?:[\w-]+ ){0,4}?"
            r"(?:providers?|operators?|landlords?|organisations?|charit(?:y|ies)|trusts?|"
            r"compan(?:y|ies)|associations?)\b[^.;]{0,60}?\b(?:will|to|shall) (?:staff|run|"
            r"operate|deliver|provide|manage)\b",
            # the passive: "that a contract be entered into with the provider identified in the
            # Report for the delivery of care at home"
            r"\b(?:contracts?|agreements?)\b (?:be|is to be|are to be|to be|will be|should be|was|"
            r"were) entered into with (?:the |a |an |each )?(?:[\w-]+ ){0,3}?(?:providers?|"
            r"operators?|organisations?|compan(?:y|ies)|contractors?|suppliers?)\b",
            # "be delivered by an external registered provider under a three-year agreement"
            r"\b(?:be|being|to be|will be|are to be|is to be) (?:delivered|provided|run|operated|"
            r"managed) by (?:an? |the )?(?:external|independent|private|outside|commercial) "
            r"(?:[\w-]+ ){0,2}?(?:providers?|operators?|organisations?|compan(?:y|ies)|"
            r"contractors?)\b",
        ),
        trigger=("enter", "delivered by", "provided by", "run by", "operated by", "managed by"),
    ),
    Rule(
        "procure_service",
        OUTSOURCING,
        "Procuring, commissioning or seeking an operator, provider or partner for a service.",
        _re(
            r"\b(?:procure|procuring|commission|commissioning|seek|seeking|secure|securing) "
            r"(?:a |an |the |new )(?:new |single |preferred |suitable |external |experienced |"
            rf"specialist )?{_OBJECT_WORDS}(?:services?|operators?|providers?|(?:delivery |"
            r"strategic |commercial )?partners?|contractors?|operating partner)\b",
            # "procure homelessness prevention, hostel and supported accommodation services":
            # no article, a longer list of what is bought (no preposition inside it).
            r"\b(?:procure|re-?procure|commission|re-?commission|tender|re-?tender)\b "
            r"(?!(?:a|an|the|for|of|to|in|from|with|by|on|at)\b)"
            r"(?:(?!(?:for|of|to|in|from|with|by|on|at)\b)[\w'’&/,()-]+ ){1,7}?(?:services|"
            r"support services|support)\b",
            # "commission day opportunities ... from independent providers"
            r"\b(?:commission|re-?commission|procure|re-?procure|purchase|buy) "
            r"[^.;]{0,80}?\bfrom "
            r"(?:an? |the )?(?:independent|external|private|voluntary(?: and community)?|"
            r"third[- ]sector|specialist|community|not[- ]for[- ]profit|commercial)(?: sector)? "
            r"(?:[\w-]+ )?(?:providers?|organisations?|operators?|suppliers?|sector)\b",
            # "procure a temporary accommodation resettlement and support service"
            r"\b(?:procure|procuring|re-?procure|commission|commissioning|re-?commission)\w* "
            r"(?:a |an |the )(?:new )?(?:(?!(?:for|of|to|in|from|with|by|on|at)\b)"
            r"[\w'’&/,()-]+ ){5,7}?services?\b",
            # "procure service provision for the supported housing project"
            r"\b(?:procure|procuring|commission|commissioning|re-?procure|re-?commission)\w* "
            r"(?:of )?(?:the )?(?:services?|support) (?:provision|providers?)\b",
        ),
        trigger=("procur", "commission", "seek", "secur"),
    ),
    Rule(
        "tender_for_service",
        OUTSOURCING,
        "Tendering or market-testing a named service.",
        _re(
            r"\btender(?:ing)? (?:of|for) (?:the )?(?:provision of |management of |operation of"
            rf" )?{_words(6)}(?:services?|management|provision|operation|contracts?|centres?|"
            r"facilities)\b",
            # (not "soft market testing": asking suppliers what they could offer, before any
            # decision to buy)
            r"(?<!soft )\bmarket[- ]test(?:ed|ing)?\b|\btest(?:ing)? the market\b",
        ),
        also=_re(r"\bservices?\b|\bcontracts?\b"),
        trigger=("tender", "market"),
    ),
    Rule(
        "supplier_to_provide",
        OUTSOURCING,
        "Approving or appointing a supplier, provider or partner to provide a named public"
        " service ('approve a new supplier ... to provide emergency accommodation').",
        _re(
            r"\b(?:approv\w*|appoint\w*|select\w*|procur\w*|award\w*|commission\w*|requir\w*|"
            r"seek\w*)\b[^.;]{0,60}?\b(?:suppliers?|providers?|operators?|contractors?|partners?|"
            r"organisations?|concessionaires?)\b[^.;]{0,60}?\bto (?:provide|deliver|run|operate|"
            r"manage|staff|collect)\b"
            rf"[^.;]{{0,40}}?\b{SERVICE_DOMAIN}\b",
        ),
        trigger=(
            "to provide",
            "to deliver",
            "to run",
            "to operate",
            "to manage",
            "to staff",
            "to collect",
        ),
    ),
    Rule(
        "community_run",
        OUTSOURCING,
        "Agreements for community groups, charities or volunteers to run a council service"
        " (libraries, centres) hand the service to the third sector.",
        _re(
            r"\b(?:community (?:groups?|organisations?|associations?)|voluntary (?:groups?|"
            r"organisations?)|charit(?:y|ies)|social enterprises?|volunteers)\b to (?:run|operate|"
            rf"manage|deliver|take over)\b[^.;]{{0,40}}?\b(?:{SERVICE_DOMAIN}|services?)\b",
        ),
        trigger=("to run", "to operate", "to manage", "to deliver", "to take over"),
    ),
    Rule(
        "commissioned_from_providers",
        OUTSOURCING,
        "A service commissioned, purchased or procured from outside providers ('day"
        " opportunities commissioned from independent and voluntary sector providers').",
        _re(
            r"\b(?:re-?)?(?:commission(?:ed|ing|s)?|purchas(?:ed|ing|es)|procur(?:ed|ing|es)|"
            r"bought|buying) (?:it |them |the (?:[\w-]+ ){0,3}?)?from (?:a |an |the )?(?:new )?"
            r"(?:(?:independent|voluntary|private|external|third|registered|specialist|community|"
            r"not-for-profit|housing|care|sector|and|or),? ){1,6}(?:providers?|organisations?|"
            r"operators?|sector|charit(?:y|ies)|associations?)\b",
        ),
        trigger=("from",),
    ),
    Rule(
        "contract_with_provider",
        OUTSOURCING,
        "A contract made with a named provider for a named public service ('approved a contract"
        " with X for the respite service').",
        _re(
            r"\b(?:approv\w*|agree\w*|enter\w* into|sign\w*|conclud\w*|award\w*|let|put in "
            r"place|mak\w*)\b[^.;]{0,40}?\b(?:contracts?|agreements?) with (?!the council\b)"
            r"[^.;]{1,80}?\bfor (?:the |a |an )?(?:(?:provision|delivery|running|operation|"
            # (not "for a review of the leisure service": advice bought about the service)
            r"management) of (?:the |a |an )?)?(?:(?!(?:reviews?|stud(?:y|ies)|assessments?|"
            r"appraisals?|advice|surveys?|audits?|design|valuations?|evaluations?|consult\w*)\b)"
            rf"[\w'’-]+ ){{0,4}}?{SERVICE_DOMAIN}\b",
        ),
        trigger=("contract", "agreement"),
    ),
    Rule(
        "named_firm_to_run",
        OUTSOURCING,
        "A named firm or trust that will operate, run or manage a council service or facility"
        " ('Sample Parking Ltd will operate and manage the car parks').",
        _re(
            r"\b(?-i:Ltd|Limited|PLC|plc|LLP|CIC|Trust|Partners|Partnership|Group)\b (?:will|shall|"
            r"is to|are to) (?:operate|run|manage|deliver|provide)\b(?: and (?:operate|run|manage|"
            r"maintain|deliver)\b)?[^.;]{0,60}?\b(?:"
            rf"{SERVICE_DOMAIN}|car parks?|centres?|facilit(?:y|ies)|homes)\b",
        ),
        trigger=(
            "will operate",
            "will run",
            "will manage",
            "will deliver",
            "will provide",
            "shall",
            "is to",
            "are to",
        ),
    ),
    Rule(
        "community_run_under_agreement",
        OUTSOURCING,
        "Council facilities run by, or let to, community groups or charities under service or"
        " management agreements pass the service to the third sector.",
        _re(
            r"\b(?:run|managed|operated|delivered|let)\b(?: (?:the |its |their )?(?:[\w'’-]+ )"
            r"{0,3}?[\w'’-]+)? (?:by|to) (?:local |the |a |an )?"
            r"(?:[\w-]+ ){0,3}?(?:community (?:groups?|organisations?|associations?)|voluntary "
            r"(?:groups?|organisations?)|charit(?:y|ies)|social enterprises?|trusts?|volunteers)"
            r"\b[^.;]{0,60}?\bunder (?:a |an |new )?(?:[\w-]+ )?(?:service|management|operating|"
            r"delivery|funding|partnership) agreements?\b",
        ),
        trigger=("agreement",),
    ),
    Rule(
        "contract_novation",
        OUTSOURCING,
        "Novating a service contract changes the operator of an outsourced service.",
        _re(
            r"\bnovat(?:e|ed|es|ing|ion)\b (?:of )?(?:the |this |these )?(?:[\w-]+ ){0,6}?"
            r"(?:contracts?|agreements?)\b",
            r"\b(?:contracts?|agreements?)\b[^.;]{0,60}?\b(?:be|to be|is|are|was|were|being) "
            r"novated\b",
        ),
        trigger=("novat",),
    ),
    Rule(
        "change_of_provider",
        OUTSOURCING,
        "Moving a service to a new provider, or mobilising the reserve bidder's contract, hands"
        " it to another outside operator.",
        _re(
            # "finalise the transition arrangements to the new provider"
            r"\b(?:transition\w*|transfer\w*|mov(?:e|es|ed|ing))\b (?:(?:the |of (?:the )?)?"
            r"(?:service|contract)s? |arrangements )?to (?:a|the) new (?:service )?(?:providers?|"
            r"operators?|contractors?|suppliers?)\b",
            # "mobilise the reserve contract", "award to the reserve bidder"
            r"\b(?:mobilis|mobiliz|activat|invok|award|appoint)\w* (?:of )?(?:the )?reserve(?:d)? "
            r"(?:contracts?|bidders?|providers?|contractors?|operators?|suppliers?)\b",
        ),
        trigger=(
            "new provider",
            "new operator",
            "new contractor",
            "new supplier",
            "new service provider",
            "reserve",
        ),
    ),
    Rule(
        "contract_award",
        OUTSOURCING,
        "Awarding a contract or concession (after tender or directly) hands the service to a"
        " provider.",
        _re(
            rf"\baward(?:s|ed|ing)? (?:of )?(?:a |the |an |new )?(?:new )?{_words(4)}contracts?\b",
            # (not "will not be re-let": a contract left to end)
            r"\bcontracts?\b[^.;]{0,80}?\b(?<!not )(?:be|is|was|were|being|to be|has been|"
            r"have been|will be) (?:awarded|let|re-?let)\b",
            r"\b(?:award|let|grant)\w* (?:a |the |an )?(?:new )?(?:[\w-]+ ){0,3}?concessions?"
            r"(?: contracts?)?\b",
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
            r"\bcontracts?\b[^.;]{0,60}?\b(?:to be|be|being|will be|can be|could be|were|was)"
            r" issued\b",
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
            r"\b(?:a|the) (?:new |single |preferred |experienced )?(?:[\w-]+ )?operator "
            r"(?:would be |will be |to be |be )?(?:selected|appointed|procured)\b",
            # "That the Council appoints Sample Landscapes Ltd as its delivery partner for grass
            # cutting"
            r"\bappoint(?:s|ed|ing)? (?:[\w&'’.-]+ ){1,5}?as (?:its|the|our|their) (?:[\w-]+ )?"
            r"(?:delivery partner|strategic partner|provider|operator|contractor)s?\b",
            # "that a delivery partner be appointed to run the employability programme"
            r"\b(?:a|the) (?:new |single |preferred |local )?(?:delivery partner|provider|"
            r"operator|contractor)s? (?:would be |will be |to be |be )(?:selected|appointed|"
            r"procured|commissioned)\b[^.;]{0,30}?\bto (?:run|deliver|provide|manage|operate)\b",
            # "to appoint a specialist contractor to clean and maintain the public conveniences"
            r"\bappoint(?:s|ed|ing)? (?:a |an )?(?:[\w-]+ ){0,2}?(?:contractors?|providers?|"
            r"operators?) to (?:clean|maintain|collect|run|operate|deliver|provide|manage)\b",
            # "has appointed Freedom Leisure to manage the Water Meadows leisure complex"
            r"\bappoint(?:s|ed|ing|ment of)? (?:[\w&'’-]+ ){1,5}?to (?:manage|run|operate|deliver|"
            r"provide)"
            rf"\b[^.;]{{0,60}}?\b(?:{SERVICE_DOMAIN}|services?)\b",
        ),
        trigger=("appoint", "operator"),
    ),
    Rule(
        "contract_extension",
        OUTSOURCING,
        "Extending, varying or renewing a service contract keeps the service with the outside"
        " provider.",
        _re(
            rf"\bextensions? (?:of|to) (?:the )?{_words(10)}(?:contracts?|{_SERVICE_AGREEMENT})\b",
            rf"\bextend(?:s|ed|ing)? (?:the )?{_words(8)}(?:contracts?|framework"
            rf"(?: agreements?)?|{_SERVICE_AGREEMENT})\b",
            r"\bcontract (?:extensions?|variations?)\b",
            # "contracts for domiciliary care be revised" (a section 106 agreement is not one)
            rf"\b(?:contracts?|{_SERVICE_AGREEMENT})\b[^.;]{{0,60}}?\b(?:be|to be|are to be|"
            r"will be) (?:revised|amended|varied|re-?negotiated)\b",
            # "the public realm services contract with Sample Ltd, covering highway maintenance
            # and street lighting, be extended for 12 months"
            r"\bcontracts? with\b[^.;]{0,200}?\b(?:be|to be|are to be|will be|is to be) "
            r"(?:extended|renewed|varied)\b",
            rf"\b(?:vary|varying|variation (?:of|to)) (?:the )?{_words(9)}contracts?\b",
            # "approves use of the two-year extension option within the Highways Term
            # Maintenance contract"
            r"\bextension option (?:in|within|under) (?:the )?(?:[\w-]+ ){0,5}?contracts?\b",
            # "exercise the option in the recycling sites contract to continue the arrangement
            # with the present operator"
            r"\bexercis\w* (?:the |an )?(?:option|right) (?:in|under|within) (?:the )?"
            r"(?:[\w-]+ ){0,4}?(?:contracts?|agreements?)\b[^.;]{0,40}?\bto (?:continue|extend)\b",
            r"\bcontinu\w* (?:the )?(?:arrangements?|contracts?|agreements?|services?) with the "
            r"(?:present|current|existing|incumbent) (?:operators?|providers?|contractors?|"
            r"suppliers?)\b",
            # "approves a variation to the agreement with Northvale Business Solutions Ltd", "To
            # vary the agreement with Mid Wales Voice CIC so that it runs to 31 March"
            r"\b(?:vary|varying|variation (?:of|to)|extend(?:s|ed|ing)?|extensions? (?:of|to)) "
            r"(?:the )?(?:[\w-]+ ){0,3}?agreement with (?-i:[A-Z])[\w&'’-]*(?: [\w&'’-]+){0,4}? "
            r"(?:Ltd|Limited|plc|LLP|CIC)\b"
            # (not a developer's planning agreement)
            r"(?![^.;]{0,80}?\b(?:section 106|s\.? ?106|planning obligations?|development "
            r"agreement)\b)",
            # "a variation of the floating support agreement with the current provider"
            rf"\b(?:vary|varying|variation (?:of|to)|extend(?:s|ed|ing)?|extensions? (?:of|to)|"
            rf"renew(?:s|ed|ing)?|renewal of) (?:the )?{_words(6)}agreements? with (?:the )?"
            r"(?:current|existing|incumbent) (?:provider|operator|supplier|contractor)s?\b",
            rf"\b(?:continuation|renewal) of (?:the )?{_words(6)}(?:contracts?|"
            rf"{_SERVICE_AGREEMENT})\b",
            # "allowing the existing ... contract to continue until 31st March 2019"
            rf"\b(?:existing|current) {_words(8)}(?:contracts?|{_SERVICE_AGREEMENT})\b"
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
            rf"\b(?:contracts?|{_SERVICE_AGREEMENT})\b[^.;]{{0,100}}?"
            r"\b(?<!should )(?<!could )(?<!would )(?<!might )(?<!may )(?<!will )"
            r"(?<!\bto )(?:be|is to be|are to be|shall be) (?:re-?)?(?:tendered|"
            r"procured|commissioned|extended|renewed|let|outsourced|market[- ]tested)\b",
            # ... a service put to the market (a service "extended" is longer opening hours).
            rf"\b(?:services?|{SERVICE_DOMAIN})\b[^.;]{{0,60}}?"
            r"\b(?<!should )(?<!could )(?<!would )(?<!might )(?<!may )(?<!will )"
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

# Handing a service over whole to a trust, mutual, company or new landlord (monitor.rules.transfers)
# stands here, between the steps of a letting and the notices' own wording.
_AFTER_TRANSFERS: tuple[Rule, ...] = (
    Rule(
        "framework_for_services",
        OUTSOURCING,
        "Setting up a framework or dynamic purchasing system of providers for a service.",
        _re(
            r"\b(?:frameworks?(?: agreements?)?|dynamic purchasing systems?|dynamic markets?) for "
            rf"(?:the provision of )?{_words(6)}services?\b",
            # "a Dynamic Purchasing System for home to school transport"
            r"\b(?:frameworks?(?: agreements?)?|dynamic purchasing systems?|dps|dynamic markets?)"
            rf" (?:for|of) (?:the provision of )?{_words(4)}{SERVICE_DOMAIN}\b",
            r"\b(?:establish|set up|setting up|create|procure|commission|re-?commission|"
            r"re-?procure)\w*(?: of)? (?:a |an |the )?(?:new )?(?:[\w-]+ )?(?:framework|"
            r"dynamic purchasing system|dps|dynamic market)\b",
            # "AGREED to award places on the Care at Home Framework to 14 providers"
            r"\b(?:award|admit|appoint)\w* (?:\w+ ){0,2}?(?:places?|positions?|providers?|"
            r"suppliers?) (?:on|to) (?:the |a |an )?(?:[\w-]+ ){0,5}?(?:framework|dynamic "
            r"purchasing system|dps|dynamic market)\b",
        ),
        also=_re(rf"\bservices?\b|\b{SERVICE_DOMAIN}\b|\bplacements?\b"),
        trigger=("framework", "dynamic purchasing", "dps", "dynamic market"),
    ),
    Rule(
        "run_on_councils_behalf",
        OUTSOURCING,
        "A partner that will run a service on the council's behalf is an outside operator.",
        _re(
            r"\b(?:run|manage|operate|deliver|provide)\w*\b[^.;]{0,60}?\bon (?:the|its|their) "
            r"(?:council['’]s |councils['’] |authority['’]s )?behalf\b",
        ),
        also=_re(r"\bpartner|\bprovider|\boperator|\bcontract|\bcharit|\btrust\b|\bagreement"),
        trigger=("behalf",),
    ),
    Rule(
        "provided_by_contractor",
        OUTSOURCING,
        "A reason that says the work would best be 'provided by a contractor' chooses outside"
        " delivery (a description of today's arrangements does not count).",
        _re(
            r"\b(?:would|will|should|could|can|to|is to|are to) be (?:\w+ ){0,2}?(?:provided|"
            r"delivered|carried out|undertaken|run|operated|managed|performed) by "
            r"(?:a |an )(?:suitable |external |private(?:[- ]sector)? |third[- ]party |"
            r"independent |specialist |commercial |experienced )?(?:[\w-]+ ){0,2}?"
            r"(?:contractor|provider|operator|partner|firm|contract)\b",
        ),
        trigger=(" by a",),
    ),
    Rule(
        "operator_contract",
        OUTSOURCING,
        "A new or proposed operator / management contract for council facilities.",
        _re(
            # (not "Professional Services Contracts": advice and design for the council)
            r"\b(?<!professional )(?<!consultancy )(?<!technical )(?:operator|operating|management|"
            r"concession|service|services|outsourced) (?:contract|agreement)s?\b"
        ),
        also=_re(
            r"\b(?:new|proposed|future|next|procur\w*|award\w*|tender\w*|re-?let|appoint\w*|"
            r"secure|select\w*|enter\w* into)\b"
        ),
        trigger=("contract", "agreement"),
    ),
    Rule(
        "contract_proposed",
        OUTSOURCING,
        "A (short-term, interim or new) contract presented or approved as the way to run the"
        " service.",
        _re(
            r"\b(?:short[- ]term|interim|temporary|bridging|new|replacement|further) contracts? "
            r"(?:was|were|is|are|would be|will be|be|being) (?:presented|proposed|recommended|"
            r"approved|agreed|let|awarded|put forward|entered into)\b",
        ),
        trigger=("contract",),
    ),
)

OUTSOURCING_RULES: tuple[Rule, ...] = (*_LETTING_RULES, *TRANSFER_RULES, *_AFTER_TRANSFERS)
