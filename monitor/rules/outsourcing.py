"""Rules that find a decision or formal proposal to outsource a public service, and the false
friends that set aside services that are not public or not outside the public sector."""

from __future__ import annotations

from monitor.rules.awards import AWARD_RULES
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
            # "agree to commence a competitive process for 38 home to school transport routes"
            rf"\b{_START_VERB} (?:a |an |the )?(?:new )?competitive (?:process|procedure|exercise|"
            r"dialogue|flexible procedure)\b",
        ),
        trigger=("procure", "tender", "competitive"),
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
            r"\bgo(?:ing|es)? out to (?:competitive |open |formal )?(?:tender|the market)\b",
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
            # ("re-letting the outer-ward collection rounds to a contractor")
            r"\bre-?let(?:ting|s)? (?:of )?(?:the |its )?(?:[\w-]+ ){0,3}?(?:routes|rounds|"
            r"services?|work|lots)\b[^.;]{0,40}?\b(?:through|via|to|using|under)\b",
            # "authorised officers to invite tenders for a three-year cleaning contract"; "the
            # tender of day opportunities"
            r"\binvit\w* (?:tenders|bids|quotations) for (?:a |an |the )?(?:[\w-]+ ){0,6}?"
            r"(?:contracts?|services?)\b",
            rf"\bthe tender(?:ing)? of (?:the )?(?:[\w-]+ ){{0,3}}?{SERVICE_DOMAIN}\b",
            # "invites tenders from suitably licensed vehicle recovery operators for the removal
            # of abandoned vehicles"
            r"\binvit\w* (?:tenders|bids|quotations) from (?:suitably |appropriately )?(?:[\w-]+ )"
            r"{0,4}?(?:operators?|providers?|contractors?|organisations?)\b",
            # "that operators be invited to submit prices for each route"
            r"\b(?:operators|providers|contractors|suppliers|bidders|organisations)\b (?:be |are |"
            r"were |will be |to be )?invited to (?:submit (?:prices|tenders|bids|quotations|"
            r"offers)|tender|bid|quote)\b",
            # a tender-or-insource choice put to the decision maker: "will be asked to decide
            # whether to procure a new contract or to bring the delivery of these services
            # in-house" (eval README: outsourcing is on the table)
            r"\bwhether to (?:procure|tender|re-?tender|re-?procure|re-?commission|commission|"
            r"re-?let|let|outsource|contract out)\b[^.;]{0,80}?\bor (?:to )?(?:bring|take|deliver|"
            r"retain|keep|provide|run|return)\b[^.;]{0,80}?\bin[- ]?house\b",
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
            # a route chosen: "call-off from the regional passenger transport framework for all
            # adult day-service routes"
            r"\bcall(?:ing)?[- ]offs? (?:contracts? )?(?:from|under|through|via) (?:the |a |an )?"
            r"(?:[\w'’-]+ ){0,5}?(?:framework|dynamic purchasing system|dps)\b",
        ),
        trigger=(
            "call-off",
            "call off",
            "calling off",
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
            "outsourc",
            "contract out",
        ),
    ),
    Rule(
        "enter_into_contract",
        OUTSOURCING,
        "Entering into a contract or management agreement for a provider to run a service.",
        _re(
            r"\benter(?:s|ed|ing)? into (?:a |an |the )?(?:new )?(?:[\w-]+ ){0,3}?(?:contract|"
            r"management agreement|concession|partnership agreement|service agreement|"
            r"operating agreement|partnering (?:arrangement|agreement)|partnership arrangement|"
            # "enter into a strategic leisure partnership with X Ltd for the management of"
            r"partnership)s?"
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
            # the nominal form: "The re-provision of the day opportunities service ... through
            # an external partner was endorsed"
            r"\b(?:re-?provi\w+|provision|delivery|running|operation|management) of (?:the |these "
            r"|its )?[^.;]{0,100}?\b(?:through|via|by) (?:an? |the )?(?:external|independent|"
            r"private|voluntary(?: sector)?|third[- ]sector|commercial) (?:[\w-]+ )?(?:partners?|"
            r"providers?|operators?|organisations?|contractors?)\b",
            # "be delivered by an external registered provider under a three-year agreement"
            r"\b(?:be|being|to be|will be|are to be|is to be) (?:delivered|provided|run|operated|"
            r"managed) by (?:an? |the )?(?:external|independent|private|outside|commercial) "
            r"(?:[\w-]+ ){0,2}?(?:providers?|operators?|organisations?|compan(?:y|ies)|"
            r"contractors?)\b",
        ),
        trigger=(
            "enter",
            "delivered by",
            "provided by",
            "run by",
            "operated by",
            "managed by",
            # (the nominal form names who runs it: "through an external partner")
            "external",
            "independent",
            "private",
            "voluntary",
            "third sector",
            "third-sector",
            "commercial",
        ),
    ),
    Rule(
        "procure_service",
        OUTSOURCING,
        "Procuring, commissioning or seeking an operator, provider or partner for a service.",
        _re(
            # ("agreed that the Council procures an external provider": the third person too)
            r"\b(?:procures?|procuring|commissions?|commissioning|seeks?|seeking|secures?|"
            r"securing) (?:a |an |the |new )(?:new |single |preferred |suitable |external |"
            rf"experienced |specialist )?{_OBJECT_WORDS}(?:services?|operators?|providers?|"
            r"(?:delivery |strategic |commercial )?partners?|contractors?|operating partner)\b",
            # "procure homelessness prevention, hostel and supported accommodation services":
            # no article, a longer list of what is bought (no preposition inside it).
            r"\b(?:procure|re-?procure|commission|re-?commission|tender|re-?tender)\b "
            r"(?!(?:a|an|the|for|of|to|in|from|with|by|on|at)\b)"
            r"(?:(?!(?:for|of|to|in|from|with|by|on|at)\b)[\w'’&/,()-]+ ){1,7}?(?:services|"
            r"support services|support)\b",
            # "commission day opportunities ... from independent providers"
            r"\b(?:(?:re-?)?commission(?:ing)?|(?:re-?)?procur(?:e|ing)|purchas(?:e|ing)|"
            r"buy(?:ing)?) [^.;]{0,80}?\bfrom "
            r"(?:an? |the )?(?:independent|external|private|voluntary(?: and community)?|"
            # ("spot purchasing of home care packages from CQC-registered providers")
            r"third[- ]sector|specialist|community|not[- ]for[- ]profit|commercial|"
            r"cqc[- ]registered|care quality commission registered)(?: sector)? "
            r"(?:[\w-]+ )?(?:providers?|organisations?|operators?|suppliers?|sector)\b",
            # "securing new arrangements with independent providers for supported living"
            r"\b(?:secur|establish|enter|mak|put)\w* (?:in place |into )?(?:new |revised |future )?"
            r"(?:contractual )?arrangements? with (?:the )?(?:independent|external|private|"
            r"voluntary(?: and community)?|third[- ]sector|specialist|commercial)(?: sector)? "
            r"(?:[\w-]+ )?(?:providers?|organisations?|operators?)\b",
            # "procure a temporary accommodation resettlement and support service"
            r"\b(?:procure|procuring|re-?procure|commission|commissioning|re-?commission)\w* "
            r"(?:a |an |the )(?:new )?(?:(?!(?:for|of|to|in|from|with|by|on|at)\b)"
            r"[\w'’&/,()-]+ ){5,7}?services?\b",
            # "procure service provision for the supported housing project"
            r"\b(?:procure|procuring|commission|commissioning|re-?procure|re-?commission)\w* "
            r"(?:of )?(?:the )?(?:services?|support) (?:provision|providers?)\b",
        ),
        # ("purchas" and "buy" wake only the "... from independent providers" pattern)
        trigger=("procur", "commission", "seek", "secur", "purchas", "buy", "arrangement"),
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
            # (with a description between commas: "the Sample Leisure Trust, an independent
            # charity, will run the six leisure centres")
            r"\b(?-i:Ltd|Limited|PLC|plc|LLP|CIC|Trust|Partners|Partnership|Group)\b"
            r"(?:, (?:an?|the) [^,.;]{3,60},)? (?:will|shall|"
            r"is to|are to) (?:operate|run|manage|deliver|provide)\b(?: and (?:operate|run|manage|"
            r"maintain|deliver)\b)?[^.;]{0,60}?\b(?:"
            rf"{SERVICE_DOMAIN}|car parks?|centres?|facilit(?:y|ies)|homes)\b",
            # an operator named by its kind: "A charitable leisure trust will run 15 of the
            # county's leisure centres", "the trust will take over day-to-day management"
            r"\b(?:trust|charity|operator|provider|social enterprise|mutual|company)\b (?:will|is "
            r"to|shall) (?:run|operate|manage|take over (?:the )?(?:day-to-day )?(?:running|"
            r"management|operation) of)\b[^.;]{0,60}?\b(?:"
            rf"{SERVICE_DOMAIN}|centres?|facilit(?:y|ies)|homes|sites)\b",
        ),
        trigger=(
            "will operate",
            "will run",
            "will take over",
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
            # ("the novation of the Council's call-off contracts for supported living")
            r"\bnovat(?:e|ed|es|ing|ion)\b (?:of )?(?:the |this |these )?(?:[\w'’-]+ ){0,6}?"
            r"(?:contracts?|agreements?)\b",
            # ("the contract for Home Support Services, Lot 3, currently held by Sample Care
            # Limited, be novated to ...")
            r"\b(?:contracts?|agreements?)\b[^.;]{0,160}?\b(?:be|to be|is|are|was|were|being) "
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
            # ("the establishment of a Care and Support at Home Dynamic Purchasing System")
            r"re-?procure)\w*(?: of)? (?:a |an |the )?(?:new )?(?:[\w'’-]+ ){0,6}?(?:framework|"
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
            # ("to deliver rat, mouse, wasp and bedbug treatments to domestic premises on the
            # Council's behalf")
            r"\b(?:run|manage|operate|deliver|provide)\w*\b[^.;]{0,100}?\bon (?:the|its|their) "
            r"(?:council['’]s |councils['’] |authority['’]s )?behalf\b",
            # "the management and operation of the Market ... will be undertaken on the Council's
            # behalf by Sample Markets Ltd under a concession agreement"
            r"\b(?:undertaken|carried out|delivered|provided|run|managed|operated) on (?:the|its) "
            r"(?:council['’]s |authority['’]s )?behalf by\b",
        ),
        # (or a firm named: "To engage Sample Pest Solutions Ltd to deliver ... on the Council's
        # behalf")
        also=_re(
            r"\bpartner|\bprovider|\boperator|\bcontract|\bcharit|\btrust\b|\bagreement|"
            r"\b(?-i:Ltd|Limited|PLC|plc|LLP|CIC)\b"
        ),
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

# A row of a procurement plan or pipeline table that is a service to be procured and awaits the
# paper's approval: "FPP-04 | Education | Home to school transport – contracted school bus
# routes | Services | £18.6m | Q3 2024/25 | For approval – Q3/Q4 2024/25".
_PLAN_ROW_FOR_APPROVAL = Rule(
    "procurement_plan_row",
    OUTSOURCING,
    "A row of a procurement plan that the paper asks to approve, filed as services and naming"
    " a service for the public, is a proposal to procure it.",
    _re(
        r"\|\s*services?\s*\|[^\n]*\|\s*(?:for approval|approval (?:sought|requested)|to be "
        r"approved)\b[^|]{0,40}\|?\s*$",
    ),
    also=_re(rf"\b{SERVICE_DOMAIN}\b"),
    trigger=("approv",),
)

OUTSOURCING_RULES: tuple[Rule, ...] = (
    _PLAN_ROW_FOR_APPROVAL,
    *_LETTING_RULES,
    *AWARD_RULES,
    *TRANSFER_RULES,
    *_AFTER_TRANSFERS,
)
