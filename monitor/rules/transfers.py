"""Outsourcing by handing a service over: to a trust, mutual, social enterprise, company or
strategic partner, by a business or housing stock transfer, or by a staff spin-out. Split from
:mod:`monitor.rules.outsourcing`, which places these rules in its list."""

from __future__ import annotations

from monitor.rules.base import (
    OUTSOURCING,
    Rule,
    _alt,
    _re,
    _words,
)
from monitor.rules.vocabulary import SERVICE_DOMAIN, STOCK_TRANSFER

_TRANSFER_TARGET = _alt(
    r"trusts?|organisations?|organizations?|mutuals?|social enterprises?",
    r"community benefit societ(?:y|ies)|(?:industrial and provident|co-?operative) societ(?:y|ies)",
    r"npdos?|community (?:groups?|associations?)|volunteers",
    r"community interest compan(?:y|ies)|cic|charit(?:y|ies)|providers?|operators?",
    # charitable incorporated organisations (Scottish ones: SCIO)
    r"s?cios?|charitable incorporated organi[sz]ations?",
    r"compan(?:y|ies)|partners?|sector",
)

TRANSFER_RULES: tuple[Rule, ...] = (
    Rule(
        "transfer_to_provider",
        OUTSOURCING,
        "Transferring a service to a trust, mutual, social enterprise or provider outsources it.",
        _re(
            r"\btransfer(?:s|red|ring)? (?:of )?(?:the |this |these |its |their |all )?"
            rf"{_words(6)}(?:services?|management|operation|provision|running|{SERVICE_DOMAIN} "
            r"(?:centres?|facilities|homes)|librar(?:y|ies)|museums?|theatres?|galler(?:y|ies))\b"
            # (not the building: "the transfer of the former library and museum building")
            r"(?!(?: and [\w-]+)? (?:buildings?|premises|sites?|land)\b)"
            # a list of named sites may stand between the service and its new operator
            r"[^.;]{0,240}?\bto\b"
            rf"[^.;]{{0,80}}?\b{_TRANSFER_TARGET}\b",
            r"\b(?:services?|management|operation)\b[^.;]{0,80}?\b(?:be |to be |being |was |were"
            r" )?transferred to (?:a |an |the )?(?:new |existing |independent )?(?:[\w-]+ ){0,3}?"
            r"(?:trusts?|organisations?|mutuals?|providers?|operators?|compan(?:y|ies)|"
            r"charit(?:y|ies))\b",
            # "the operation of the Visitor Information Centre transfers from the Council to
            # Sample BID Company Ltd"
            r"\b(?:services?|management|operation|running)\b[^.;]{0,80}?\btransfer(?:s|red)? from "
            r"(?:the )?(?:council|authority) to (?:a |an |the )?"
            rf"(?:[\w-]+ ){{0,4}}?{_TRANSFER_TARGET}\b",
            # the present of a resolution: "That the operation of the Assembly Hall Theatre ...
            # transfers to an independent charitable trust", "the Music Service transfers from 1
            # September 2022 to an independent charitable incorporated organisation"
            r"\b(?:services?|management|operation|running)\b[^.;]{0,120}?\btransfers (?:from "
            rf"[\w ]{{1,40}}? )?to (?:a |an |the )?(?:[\w-]+ ){{0,4}}?{_TRANSFER_TARGET}\b",
            # the new operator named first, what it is after a comma: "the library service be
            # transferred to Sample Cymunedol Cyf, a charitable community benefit society"
            r"\b(?:services?|management|operation)\b[^.;]{0,80}?\btransferred to "
            r"(?-i:[A-Z])[\w&'’-]*(?: [\w&'’-]+){0,5}?, (?:a|an|the) (?:[\w-]+ ){0,4}?"
            rf"{_TRANSFER_TARGET}\b",
            # "To move the service to Sample Voices, a registered charity, under a contract of
            # four years"
            r"\b(?:mov|transferr?|pass|hand)\w* (?:the |this |these |its )?(?:[\w'’-]+ ){0,3}?"
            r"services? (?:over )?to (?-i:[A-Z])[\w&'’-]*(?: [\w&'’-]+){0,5}?,? (?:(?:a|an|the) "
            rf"(?:[\w-]+ ){{0,4}}?{_TRANSFER_TARGET}\b|under (?:a|an|the) (?:new )?(?:contract|"
            r"agreement)\b)",
            # a named operator: "Riverside Active Leisure will take over the day-to-day running"
            r"\b(?-i:[A-Z])[\w&'’-]*(?: (?-i:[A-Z])[\w&'’-]*){0,4} (?:will|would|is to|are to) "
            r"take over (?:the )?(?:day-to-day )?(?:running|management|operation|delivery)\b",
            # "an independent charitable trust to take over the running of the museum"
            rf"\b{_TRANSFER_TARGET}\b (?:would |will |to )?take over (?:the )?(?:running|"
            r"management|operation|delivery|provision) of\b",
            # "that day-to-day operation, programming and staffing of the Centre pass to Sample
            # Active Communities CIC, an independent social enterprise"
            r"\b(?:operation|running|management|staffing|delivery|provision)\b[^.;]{0,150}?\bpass"
            rf"(?:es|ed)? to\b[^.;]{{0,80}}?\b{_TRANSFER_TARGET}\b",
            # "To approve the transfer of the Council's four day centres for adults with learning
            # disabilities (Ipswich, ...) to an independent provider selected through an open
            # procedure"
            r"\btransfer (?:of )?(?:the )?(?:council['’]s )?(?:[\w'’-]+ ){0,5}?(?:centres?|homes?|"
            r"services?)\b[^.;]{0,120}?\bto (?:an? |the )?(?:independent|external|private|"
            r"voluntary|third[- ]sector|not[- ]for[- ]profit|charitable|commercial) (?:[\w-]+ )?"
            r"(?:providers?|operators?|organisations?|sector|trusts?|charit(?:y|ies)|compan(?:y|ies))"
            r"\b",
            # "that the Council's three children's houses be operated from 1 January by Sample
            # Care Ltd"
            r"\bbe (?:operated|run|managed|delivered|provided)(?: from [^,.;]{0,30})? by "
            r"(?-i:[A-Z])[\w&'’-]*(?: [\w&'’-]+){0,4}? (?:Ltd|Limited|plc|LLP|CIC)\b",
            # a resolution's clause in the present: "(ii) fitness classes are delivered by Sample
            # Fitness Ltd under a new contract from 1 April" (not today's arrangement told)
            r"\b(?:are|is) (?:operated|run|managed|delivered|provided) by (?-i:[A-Z])[\w&'’-]*"
            r"(?: [\w&'’-]+){0,4}? (?:Ltd|Limited|plc|LLP|CIC)\b(?=[^.;]{0,60}?\b(?:from \d|under "
            r"(?:a|the) new (?:contract|agreement|concession)))",
            # "that the production and delivery of community meals be undertaken by the social
            # enterprise named in the report"
            r"\b(?:production|delivery|provision|operation|running|management) of\b[^.;]{0,60}?"
            r"\b(?:be|to be|will be|is to be|are to be) (?:undertaken|carried out|provided|"
            r"delivered|run|managed) by (?:the |a |an )?(?:[\w-]+ ){0,3}?"
            rf"{_TRANSFER_TARGET}\b",
            # "the leisure centres be transferred to a new non-profit distributing organisation"
            # and the bare subjunctive of a resolution: "that the library service transfer to"
            rf"\b{SERVICE_DOMAIN} (?:centres?|facilities|services?|homes)\b[^.;]{{0,40}}?\b"
            r"(?:be |to be |being |was |were |are )?transfer(?:red)? to (?:a |an |the )?"
            rf"(?:new |existing |independent |local )?(?:[\w-]+ ){{0,3}}?{_TRANSFER_TARGET}\b",
            # "hand management of its country parks to a conservation charity"
            r"\bhand(?:s|ed|ing)?(?: over)? (?:the )?(?:management|running|operation|delivery)"
            rf"(?: of)?\b[^.;]{{0,80}}?\bto (?:a|an|the) (?:[\w-]+ ){{0,3}}?{_TRANSFER_TARGET}\b",
            # "will be carried out for the Council by Sample Housing Partnership, a not-for-profit
            # consortium"
            r"\b(?:carried out|delivered|run|provided|administered|managed) (?:for|on behalf of) "
            r"the (?:council|authority) by\b",
            # "the museums should be run by an independent charitable trust"
            r"\b(?:should|would|will|to|shall|could) be (?:run|managed|operated|delivered) by "
            r"(?:a|an|the) (?:new |single |independent |local |not[- ]for[- ]profit )?"
            rf"(?:[\w-]+ ){{0,2}}?{_TRANSFER_TARGET}\b",
            # the operator named first, what it is after a comma: "will be run by Sample Active
            # Leisure, an independent not-for-profit charitable trust"
            r"\b(?:should|would|will|to|shall|could) be (?:run|managed|operated|delivered|"
            r"provided) by (?-i:[A-Z])[\w&'’-]*(?: [\w&'’-]+){0,6}?,? (?:a|an|the) "
            rf"(?:[\w-]+ ){{0,4}}?{_TRANSFER_TARGET}\b",
            # "the proposed charitable trust model of delivery for library services"
            r"\b(?:charitable|leisure|cultural|community|independent|not[- ]for[- ]profit) trust "
            r"(?:delivery )?model\b|\b(?:mutual|social enterprise) (?:delivery )?model\b",
        ),
        trigger=(
            "transfer",
            "hand",
            "move",
            "moving",
            "take over",
            "model",
            "run by",
            "managed by",
            "operated by",
            "delivered by",
            "council by",
            "authority by",
            "undertaken by",
            "pass to",
            "passes to",
            "operated from",
            "run from",
            "carried out by",
            "provided by",
        ),
    ),
    Rule(
        "outsourcing_agreed",
        OUTSOURCING,
        "An agreed (or in-principle) decision to outsource or externalise a service.",
        _re(r"\b(?:outsourc\w*|externalis\w*|externaliz\w*|contract(?:ing|ed|s)? out)\b"),
        also=_re(
            r"\b(?:agree\w*|approv\w*|endors\w*|in principle|proceed\w*|authoris\w*|resolved|"
            r"decided|recommend\w*)\b",
            # "Decision: To outsource the monitoring of public space CCTV ..."
            r"^\W*decision\W+to (?:outsourc|externalis|contract)",
            # a heading that names the matter: "Item 9: Outsourcing of Building Control"
            r"^\W*(?:item \d+\W+)?(?:outsourc\w*|externalis\w*) of\b",
        ),
        trigger=(
            "outsourc",
            "externali",
            "contract out",
            "contracting out",
            "contracted out",
            "contracts out",
        ),
    ),
    Rule(
        "strategic_partnership",
        OUTSOURCING,
        "A strategic partnership or joint venture with a firm to deliver council services.",
        # ("a strategic leisure partnership", "strategic delivery partner")
        _re(r"\bstrategic (?:[\w-]+ ){0,2}?partner(?:s|ship)?\b|\bjoint venture\b"),
        also=_re(rf"\bservices?\b|\bdeliver\w*|\b{SERVICE_DOMAIN}\b"),
        trigger=("strategic", "joint venture"),
    ),
    Rule(
        "business_transfer",
        OUTSOURCING,
        "A business transfer agreement or sale 'as a going concern' hands over a running service.",
        _re(r"\bbusiness transfer agreements?\b|\bas (?:a )?going concerns?\b"),
        trigger=("business transfer", "going concern"),
    ),
    Rule(
        "in_house_service_let",
        OUTSOURCING,
        "A service the council runs in-house today, moved to outside providers: 'approves the"
        " re-provision of the routes currently operated by the council's in-house fleet through"
        " the Passenger Transport Dynamic Purchasing System'.",
        _re(
            r"\b(?:re-?provi\w*|mov\w*|transfer\w*|externalis\w*|commission\w*|procur\w*|"
            r"let(?:ting)?)\b[^.;]{0,120}?\b(?:currently |presently )?(?:operated|provided|"
            r"delivered|run|undertaken)\b[^.;]{0,20}?\b(?:by|through|within) (?:the )?"
            r"(?:council['’]s )?(?:own )?in[- ]house\b[^.;]{0,80}?\b(?:through|via|to|by) "
            r"(?:the |an? )?(?:council['’]s )?(?:[\w'’-]+ ){0,4}?(?:dynamic purchasing system|dps|"
            r"dynamic market|framework|external|independent|private|operators?|providers?|"
            r"contractors?)\b",
        ),
        trigger=("in-house", "in house"),
    ),
    Rule(
        "staff_transfer_out",
        OUTSOURCING,
        "Council staff moving under TUPE to a provider, trust or contractor go with the service"
        " they deliver: the service leaves the council.",
        _re(
            # "the TUPE transfer of affected staff to the new provider", "transfer of 41 posts
            # to the successful bidder"
            r"\b(?:tupe )?transfer (?:of )?(?:the |affected |all |any |\d+ )?(?:[\w-]+ ){0,3}?"
            r"(?:staff|employees|posts|workforce)\b[^.;]{0,60}?\bto (?:the |a |an )?(?:new |"
            rf"successful |appointed |chosen |incoming )?(?:[\w-]+ ){{0,3}}?{_TRANSFER_TARGET}\b",
            # "Library staff will transfer to the trust with their terms and conditions
            # protected"
            # ("The 38 staff at the two centres will move across to the charity")
            r"\b(?:staff|employees|workforce)\b(?: (?!will\b|would\b)[\w'’-]+){0,5}? (?:will|would|"
            r"are to|to|shall|would then) (?:also )?(?:transfer|move(?: across| over)?) (?:under "
            r"tupe )?(?:to|into) (?:the |a |an )?(?:new )?"
            rf"(?:[\w-]+ ){{0,3}}?{_TRANSFER_TARGET}\b",
            # a contract with a named firm that takes the staff: "conclude a call-off contract
            # with Sample Business Services Ltd ... and to manage the TUPE transfer of staff"
            r"\bcontract\w* with (?-i:[A-Z])[\w&'’-]*(?: [\w&'’-]+){0,6}? (?-i:Ltd|Limited|plc|PLC|"
            r"LLP|CIC)\b[^.;]{0,120}?\btupe\b",
        ),
        trigger=("transfer", "tupe", "move across", "move over"),
    ),
    Rule(
        "spin_out",
        OUTSOURCING,
        "Staff spin-outs and public service mutuals leave council control.",
        _re(
            r"\bspin[- ]?outs?\b",
            r"\b(?:staff|employee)[- ](?:led |owned )?mutuals?\b|\bpublic service mutuals?\b",
            # "delivered by a new employee-led social enterprise", "a staff-owned co-operative"
            r"\b(?:staff|employee)[- ](?:led|owned) (?:social enterprises?|co-?operatives?|"
            r"societ(?:y|ies)|compan(?:y|ies)|organisations?)\b",
        ),
        trigger=("spin", "mutual", "staff-", "employee-", "staff ", "employee "),
    ),
    Rule(
        "stock_transfer",
        OUTSOURCING,
        "A housing stock transfer moves the landlord service to a housing association.",
        _re(*STOCK_TRANSFER),
        trigger=("stock", "transfer"),
    ),
)
