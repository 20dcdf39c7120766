"""The false friends of consultation: wording that names a consultation which is not a public
one (delegation wording, staff, market, councillors, explicit negatives, notices promised only
conditionally). Split from :mod:`monitor.rules.consultation`; someone else's consultation and
the council's own processes are in :mod:`monitor.rules.consultation_by_others`."""

from __future__ import annotations

from monitor.rules.base import (
    _C,
    FalseFriend,
    _re,
)
from monitor.rules.consultation_by_others import CONSULTATION_BY_OTHERS_FALSE_FRIENDS
from monitor.rules.vocabulary import (
    COUNCILLORS,
    PUBLIC,
    PUBLIC_RE,
    STAFF,
)

# A document-level hint that any unqualified consultation it mentions is staff or market
# consultation, or consultation of members and officers (weak consultation rules are then
# not enough on their own).
STAFF_OR_MARKET_CONSULTATION = _re(
    rf"\b{STAFF} consultations?\b",
    # ... or with the council's own members and officers
    rf"\b{COUNCILLORS}\b[^.;]{{0,60}}?\b(?:have been|has been|were|was) consulted\b",
    r"\bconsult\w* (?:has |have )?(?:taken place |been undertaken )?with (?:the )?(?:cabinet "
    r"members?|portfolio holders?|lead members?|ward members|local members)\b",
    r"\bconsult(?:ation|ing|ed)? with (?:the )?(?:affected |recognised )?(?:staff|employees|"
    r"trade unions?|unions|the workforce)\b",
    r"\b(?:market|provider|supplier) consultation\b|\bconsultation with (?:the )?market\b",
    r"\bconsult\w* with (?:the |both |all |each |existing |current |incumbent )*(?:providers?|"
    r"suppliers?|operators?|contractors?|incumbents?)\b",
)


_FIRST_PART: tuple[FalseFriend, ...] = (
    FalseFriend(
        "consultation_heading_only",
        _C,
        "A report template's heading in capitals ('8. OUTCOMES OF CONSULTATION AND CONFLICTS OF"
        " INTERESTS DECLARED') says where consultation would be reported, not that any was.",
        # (not a statutory notice's own heading: "NOTICE OF INTENTION TO DISPOSE OF ... OPEN
        # SPACE" is the consultation)
        _re(
            # (nor a consultation named: "CONSULTATION ON PROPOSED DISPOSAL OF COMMON GOOD")
            r"^(?-i:(?=[^a-z]*CONSULTATION)(?![^a-z]*(?:NOTICE|OPEN SPACE|OBJECTION|CONSULTATION "
            r"ON|DISPOS|PROPOSED))\W*"
            r"(?:\d{1,2}\.?\s+)?[A-Z][A-Z ,&()/'’-]{8,120}\W*)$",
            # the same template heading in mixed case, nothing else on its line: "5. Community
            # engagement and consultation"
            r"^\W*(?:\d{1,2}(?:\.\d{1,2})*\.?\s+)?(?:(?:community|public|stakeholder|customer) )?"
            r"(?:engagement|consultation)(?: (?:and|&) (?:(?:community|public|stakeholder) )?"
            r"(?:engagement|consultation))?\W*$",
        ),
    ),
    FalseFriend(
        "field_label",
        _C,
        "The label of a template's field ('Consultation/Public Engagement: The Portfolio Holder"
        " has been consulted') names where consultation is reported; the value says whether any"
        " was, and is read on its own.",
        _re(r"^[\w /&,'’-]{0,40}?(?:engagement|consultation|consulted)s?\s*:"),
        scope="after",
        # (unless the value names the public: "Consultation: 1,200 residents were surveyed")
        unless=_re(
            rf":\s*[^.;]*?\b(?:{PUBLIC}|public|surveys?|surveyed|questionnaires?|drop-?ins?|"
            r"responses|focus groups?)\b"
        ),
    ),
    FalseFriend(
        "question_asked",
        _C,
        "A question ('Will residents be consulted?') asks about consultation; the answer, if"
        " any, says whether there was one.",
        _re(r"\?\W*$"),
    ),
    FalseFriend(
        "delegation_wording",
        _C,
        "'In consultation with the Cabinet Member / Portfolio Holder / S151 officer' is how"
        " delegated powers are worded, not public consultation.",
        _re(
            r"\b(?:in|following|after|with|subject to|upon) (?:prior )?(?:consultation|"
            r"conjunction) with (?:the |relevant |appropriate |their |his |her )?(?:\w+ ){0,4}?"
            r"(?:cabinet|executive|portfolio|lead|deputy|leader|chair\w*|councillors?|members?|"
            r"director|officers?|s\.? ?151|section 151|head|chief|solicitor|monitoring|"
            r"assistant|mayor|conven[eo]r|ward)\b"
        ),
        scope="before",
    ),
    FalseFriend(
        "market_engagement",
        _C,
        "Market engagement, soft market testing and 'consultation with the market' talk to"
        " suppliers, not the public.",
        _re(
            r"\b(?:pre-?market|soft market|market (?:engagement|testing|sounding|consultation|"
            r"days?|events?))\b",
            r"\bconsult\w* (?:with|of) (?:the |both |all |each |two |existing |current |"
            r"incumbent )*(?:market|providers?|suppliers?|bidders?|operators?|contractors?|"
            r"incumbents?)\b",
            r"\b(?:providers?|suppliers?|operators?)['’]? (?:engagement|consultation|forums?|"
            r"events?|days?|questionnaires?|surveys?)\b",
            r"\b(?:questionnaires?|surveys?) (?:of|to|for|with) (?:the |all |existing |current )?"
            r"(?:providers?|suppliers?|operators?|market)\b",
            # "12 responses to the invitation to tender" are bids, not views.
            r"\b(?:responses?|bids?|submissions?|expressions? of interest)\b[^.;]{0,40}"
            r"\b(?:tenders?|invitation|procurement|itt|bidders?|suppliers?|providers?|market)\b",
        ),
        # (nor a public consultation the same sentence names beside it: "Public consultation on
        # the Municipal Waste Strategy ...; pre-market engagement with the waste industry")
        unless=_re(PUBLIC_RE.pattern, r"\bpublic consultations?\b"),
    ),
    FalseFriend(
        "staff_consultation_named",
        _C,
        "A consultation named as staff, union or TUPE consultation stays one, whoever else the"
        " sentence mentions.",
        _re(
            rf"\b{STAFF}(?: and (?:trade )?unions?| and (?:their )?representatives)? "
            r"consultations?\b",
            rf"\bconsult\w* (?:with )?(?:the )?(?:affected |relevant |all )?{STAFF}\b",
        ),
        scope="before",
    ),
    FalseFriend(
        "staff_consultation",
        _C,
        "Staff, trade-union and TUPE consultation is about employment, not public consultation.",
        _re(rf"\b{STAFF}\b"),
        unless=PUBLIC_RE,
    ),
    FalseFriend(
        "internal_consultees",
        _C,
        "Consultation 'with the Cabinet Member, the Director of Finance and Legal Services' is"
        " the council asking its own members and officers, not the public.",
        _re(
            r"\bconsult\w*\b[^.;]{0,40}?\bwith (?:the |relevant |appropriate |all )?(?:\w+ ){0,3}?"
            r"(?:cabinet members?|portfolio holders?|lead members?|leader|directors?|officers?|"
            r"s\.? ?151|section 151|legal|finance|monitoring officer|heads? of service|"
            r"(?:ward|local|divisional) members|councillors|members)\b",
            # "Internal consultation has taken place with Planning and Legal Services",
            # "consulted with other Council services and directorates"
            r"\binternal(?:ly)? consult\w*|\bconsult\w* internally\b",
            r"\bconsult\w*\b[^.;]{0,40}?\bwith (?:other |relevant |all )?(?:council |the "
            r"council['’]s )?(?:services|departments|directorates)\b",
        ),
        unless=PUBLIC_RE,
    ),
    FalseFriend(
        "informed_only",
        _C,
        "Telling people of a decision ('families were sent a letter informing them of the"
        " decision') is not asking them about it.",
        _re(
            r"\b(?:inform(?:ed|ing|s)?|notif(?:ied|y|ies|ying)|told|advis(?:ed|ing) of|kept up to "
            r"date)\b(?: (?:them|him|her|all|each|every|of|about|that|when|once))",
            r"\bletters? (?:informing|explaining|notifying|confirming)\b",
            # "the harbour users' representative were informed at the Port Users Group"
            r"\b(?:were|was|have been|had been|has been) (?:informed|notified|told|briefed)\b",
        ),
        unless=_re(
            r"\b(?:views?|comments?|respon(?:d|ses?)|feedback|consult\w*|survey\w*|asked|invited|"
            # (not "had been informed ... and had raised no objection": none was invited)
            r"have their say|(?<!no )objections?)\b"
        ),
    ),
    FalseFriend(
        "councillors_only",
        _C,
        "Consulting ward members, councillors or partner bodies is not public consultation.",
        _re(rf"\b{COUNCILLORS}\b"),
        unless=PUBLIC_RE,
        only_rules=frozenset(
            {"consultation_launched", "consultation_outcome", "subject_to_consultation"}
        ),
    ),
    FalseFriend(
        "members_raised_no_objection",
        _C,
        "'The Area Committee was advised of the proposed disposal and raised no objection': a"
        " committee of councillors told, not the public's objections invited.",
        _re(
            r"\b(?:area |ward |local |locality )?(?:committees?|members|councillors|forums?|"
            r"working groups?)\b[^.;]{0,80}?\b(?:raised|had|made|expressed|lodged) no "
            r"objections?\b"
        ),
        only_rules=frozenset({"statutory_open_space_notice"}),
    ),
    FalseFriend(
        "not_consulted",
        _C,
        "Explicit negatives: no consultation, not consulted, no requirement to consult.",
        _re(
            r"\bno (?:(?:formal|public|external|further|prior|meaningful|specific|statutory|wider|"
            r"separate|additional) ){0,3}(?:consultation|engagement)\b",
            r"\b(?:consultation|engagement) (?:has|have|was|were|is|will) not\b",
            r"\bnot (?:been )?(?:consulted|subject to (?:any )?(?:public )?consultation)\b",
            # "officers do not consider that consultation with residents is required", "a public
            # consultation on the policy was not considered necessary"
            r"\b(?:do|does|did) not (?:consider|think|believe) (?:that )?(?:any |a |further )?"
            r"(?:public |formal )?consultation\b[^.;]{0,60}?\b(?:is|was|would be) (?:required|"
            r"necessary|needed|appropriate)\b",
            r"\bconsultation\b[^.;]{0,60}?\b(?:is|was|were|are) (?:therefore |thus |also )?not "
            r"(?:considered |deemed |thought )?(?:necessary|required|needed|appropriate)\b",
            # "the proposed disposals have not been the subject of consultation with tenants"
            r"\bnot (?:been )?the subject of (?:any )?(?:(?:formal|public|prior|specific) )?"
            r"(?:consultation|engagement)\b",
            r"\bwithout (?:any |a )?(?:wider |formal |further |separate )?(?:public |prior )?"
            r"consultation\b",
            # "The Council has not undertaken any public consultation on the grant of the lease"
            r"\b(?:has|have|had|was|were|did) not (?:undertaken|undertake|carried out|carry out|"
            r"held|hold|conducted|run|done)(?: any| a| an)? (?:(?:formal|public|prior|wider|"
            r"specific) )*(?:consultation|engagement)\b",
            # "the change of operator did not amount to a change that required public
            # consultation"
            r"\b(?:did|does|do|would|will) not (?:amount to|constitute|involve)\b[^.;]{0,80}?"
            r"\brequir\w* (?:a |any )?(?:formal |public |statutory )?consultation\b",
            r"\bno requirement (?:for|to) (?:\w+ )?consult|\bnot (?:required|necessary) to consult",
            # "there is no requirement to advertise the proposed disposals under section 123(2A)"
            r"\bno (?:requirement|need|duty) (?:for|to) (?:\w+ )?(?:advertis\w*|publish\w*|give "
            r"notice|place (?:a |any )?notices?)\b",
            r"\bnone of (?:the )?(?:land|sites?|propert(?:y|ies)|holdings?|parcels?)\b[^.;]{0,30}?"
            r"\b(?:is|are) (?:held as |designated as |used as )?(?:public )?open space\b",
            # "Due to the urgency, it has not been possible to consult residents"
            r"\bnot (?:been )?(?:possible|practicable|feasible|able) to (?:\w+ )?"
            r"(?:consult|engage)\b|"
            r"\b(?:unable|could not|cannot) (?:\w+ )?(?:consult|engage)\b",
            # ("That consultation ... did not address the use or disposal of HRA land")
            r"\bdid not (?:include|consult|cover|address|concern)\b",
            # (also a template heading with its gloss: "Consultation (customers, partners etc):
            # Not applicable.")
            r"\bconsultation(?: \([^()]{0,60}\))?:? (?:none|n/?a|not applicable|not (?:required|"
            r"needed|necessary))\b",
            # no open-space notice needed: "no notice under section 123(2A) ... is required"
            r"\bno (?:statutory |public |newspaper )?(?:notices?|advertisements?|adverts?)"
            r"(?: of (?:the )?(?:[\w-]+ )?(?:disposal|sale|lease))? "
            r"(?:under|pursuant|is|are|was|were|will|needs?)\b",
            # "users of the centre had not been asked their views", "contained no evidence of
            # consultation", "the policy did not require a public consultation"
            r"\b(?:had|have|has|were|was) not (?:yet )?been (?:directly |formally |specifically |"
            r"individually |separately )?(?:asked|consulted|engaged|involved)\b",
            r"\bnot (?:been )?asked (?:for )?(?:their|its|his|her) views\b",
            r"\bno evidence of (?:any )?(?:(?:public|formal|prior) )?(?:consultation|engagement)\b",
            r"\b(?:absence|lack) of (?:any )?(?:(?:public|formal|prior|meaningful) )?"
            r"(?:consultation|engagement)\b",
            # "the Cabinet decision did not depend on such engagement"
            r"\b(?:did|does|was|is|were) not (?:depend on|rely on|informed by|subject to|based on) "
            r"(?:such |any |the )?(?:[\w-]+ )?(?:engagement|consultation)\b",
            r"\b(?:did|does|do|would|will) not require (?:a |any )?(?:(?:formal|public|statutory|"
            r"separate) ){0,2}(?:consultation|engagement)\b",
            # the notice decided against: "it is therefore not proposed to advertise the
            # disposals", "neither parcel is open space for the purposes of section 123(2A)"
            r"\bnot (?:proposed|intended|necessary|required|needed|planned) to (?:advertise|"
            r"publish|give notice|place (?:a |any )?notices?)\b",
            r"\b(?:is|are|was|were) not (?:considered |deemed |regarded as |held as |appropriated "
            r"as )?(?:to be )?(?:public )?open space\b|\bneither (?:[\w-]+ ){0,3}?is open space\b|"
            r"\bnot open space\b|\bno longer (?:public )?open space\b",
            # the question asked, not a notice given: "Officers have considered whether the
            # field is open space for the purpose of section 123(2A)"
            r"\b(?:consider\w*|assess\w*|review\w*|check\w*|examin\w*|ask\w*) whether\b"
            r"[^.;]{0,80}?\bopen space\b",
            r"\b(?:no part of|none of)\b[^.;]{0,40}?\bis subject to (?:section|s\.?) ?12[23]\b|"
            r"\bnot subject to (?:section|s\.?) ?12[23]\b",
            # "The procedure in section 123(2A) does not therefore apply."
            r"\b(?:section|s\.?) ?12[23] ?\(2a\)[^.;]{0,60}?\b(?:does|do|did|will|would) not "
            r"(?:therefore |then )?apply\b",
            # "The requirement to advertise a proposed disposal of open space under section
            # 123(2A) of the Local Government Act 1972 therefore does not apply."
            r"\brequirement to (?:advertise|give notice|publish)\b[^.;]{0,120}?\b(?:does|do|did|"
            r"will|would) not (?:therefore |then )?apply\b",
            # "Representations received: none" as a report's field (not "the notice was placed
            # and no objections were received": that notice was the consultation)
            r"\b(?:representations|responses|comments) received:? none\b",
        ),
    ),
    FalseFriend(
        "conditional_notice",
        _C,
        "An open-space notice promised only 'in the event that' a site is open space does not"
        " consult on a whole programme.",
        _re(
            r"\bin the event (?:that|of)\b",
            r"\bif (?:it|the (?:site|land)|any (?:site|land)) (?:is|comprises|constitutes|forms)\b",
            r"\bwhere (?:a|the|any) (?:site|land) (?:is|comprises|constitutes)\b",
            # a statute cited for a case that may arise: "Where the land to be disposed of
            # consists of or forms part of common good land, section 75 ... applies"
            r"\bwhere (?:a|the|any) (?:site|land|property|asset)\b[^.;]{0,40}?\b(?:consists? of|"
            r"forms? part of|comprises|constitutes|includes)\b",
            # the law stated, not a notice given: "Where the Council proposes to dispose of land
            # which is held as open space, the Council is required by section 123(2A) to
            # advertise its intention"
            r"\bwhere (?:the )?(?:council|authority) (?:proposes|intends|wishes|decides) to "
            r"dispose of (?:any )?land\b",
            r"\b(?:is|are) required (?:by|under) (?:section|s\.?) ?12[23] ?\(2a\)",
            # "Where land is held as open space, section 123(2A) requires the Council to
            # advertise its intention"
            r"\b(?:section|s\.?) ?12[23] ?\(2a\)[^.;]{0,30}?\brequires?\b",
            r"\bwhere (?:a |the |any )?(?:site|land|parcel|plot|area|holding)s? (?:is|are) held "
            r"(?:as|for) (?:public )?open space\b",
            # "Should the Council determine that any part of the site is open space, it will
            # advertise its intention"
            r"\b(?:should|if|where) the (?:council|authority) (?:determines?|decides?|concludes?|"
            r"finds?|considers?) that (?:any )?(?:part of )?(?:the |a |any )?(?:site|land|parcel|"
            r"plot|area)s? (?:is|are|comprises?|constitutes?|forms? part of) (?:public )?"
            r"open space\b",
            # "Where any parcel is found to be open space, the Director will advertise"
            r"\b(?:where|if|should) (?:a|the|any) (?:site|land|parcel|plot|area|holding)s? "
            # ("Should any site be found to constitute open space, a notice ... will be
            # advertised")
            r"(?:is|are|be) (?:found|considered|deemed|held|determined) (?:to (?:be|constitute|"
            r"comprise|form part of) )?(?:public )?open space\b",
        ),
    ),
    FalseFriend(
        "consultation_if_changed_later",
        _C,
        "'Any proposed changes to the policy would be subject to consultation' promises a"
        " consultation on changes that may come later, not one on this decision.",
        _re(
            r"\bany (?:[\w-]+ ){0,2}?(?:changes?|amendments?|revisions?|variations?)\b[^.;]{0,80}?"
            r"\b(?:would|will|shall|must|may) (?:also |first |then )?(?:be )?subject to\b",
            # "The reviews in Table 4 will involve consultation with service users and residents
            # where changes to services are proposed"
            r"\b(?:will|would|shall|may) (?:involve|include|require|be subject to)\b[^.;]{0,80}?"
            r"\b(?:where|if|when|once|should) (?:any )?(?:changes?|proposals?|reductions?|"
            r"closures?)\b[^.;]{0,40}?\b(?:are|is|were|be) (?:proposed|made|brought forward|"
            r"identified)\b",
        ),
    ),
    FalseFriend(
        "engagement_after_decision",
        _C,
        "Engagement promised for after the decision, on how it is carried out ('during contract"
        " mobilisation', 'once a preferred purchaser has been identified'), is not consultation"
        " on the decision.",
        _re(
            r"\b(?:will|would|is to|are to|shall)\b[^.;]{0,80}?\b(?:during|as part of|in|at) "
            r"(?:the )?(?:contract |service )?(?:mobilisation|mobilization|implementation|"
            r"transition)(?: (?:period|phase|stage))?\b",
            r"\bonce (?:a |the )?(?:preferred |successful )?(?:purchaser|provider|bidder|operator|"
            r"buyer|developer|contractor)s? (?:has|have|is|are) been (?:identified|appointed|"
            r"selected|chosen|agreed)\b",
            # deferred to a later letting, not this one (an extension): "Consultation with people
            # who use the service will form part of the recommissioning exercise in 2025"
            r"\b(?:will|would|is to|are to|shall)\b[^.;]{0,80}?\b(?:part of|during|in|for) "
            r"(?:the|a) (?:(?:future|later|next|forthcoming|subsequent|planned) )?re-?(?:"
            r"commissioning|procurement|tender(?:ing)?)(?: exercise| process)?\b[^.;]{0,30}?\b"
            r"(?:in|from|during) (?:19|20)\d\d\b",
            r"\b(?:will|would|is to|are to|shall)\b[^.;]{0,80}?\b(?:part of|during|in|for) "
            r"(?:the|a) (?:future|later|next|forthcoming|subsequent) re-?(?:commissioning|"
            r"procurement|tender(?:ing)?)\b",
            # users surveyed by the new provider, to monitor it: "a customer survey built into
            # the first year of the contract as a performance measure", "survey users once the
            # trust was in place"
            r"\b(?:performance (?:measures?|indicators?)|kpis?|key performance)\b",
            r"\bonce the (?:new )?(?:trust|contract|provider|operator|service|company|partner)\b"
            r"[^.;]{0,20}?\b(?:is|was|were|are|had been|has been) in place\b",
        ),
    ),
    FalseFriend(
        "consultation_boilerplate",
        _C,
        "A template line that consultation 'has been undertaken as required', naming no one, is"
        " the report form's assurance, not a consultation held on this decision.",
        _re(
            r"\b(?:appropriate|relevant|necessary|all (?:appropriate|relevant|necessary)|such) "
            r"consultations? (?:has|have) been (?:undertaken|carried out)(?: and advice sought)?"
            r"(?: (?:on|in respect of) (?:these|those|the|such) (?:issues|matters|implications))?"
            r"(?: as (?:required|appropriate|necessary))?\W*$",
        ),
        unless=PUBLIC_RE,
    ),
    FalseFriend(
        "budget_consultation",
        _C,
        "The council's annual budget consultation asks residents about council tax and"
        " spending priorities; cited beside a decision it is not consultation on that decision"
        " unless the proposal was put in it.",
        _re(
            r"\b(?:annual |\d{4}/\d{2,4} |corporate )?budget (?:consultation|survey|engagement|"
            r"simulator)\b",
            r"\b(?:views|consultation|survey|engagement) on (?:the )?(?:level of )?(?:council tax|"
            r"(?:annual )?budget|spending priorities)\b",
            # a survey of charges: "The 2023 residents' survey on garden waste charges, which
            # informed the annual fees and charges report"
            r"\b(?:survey|consultation|engagement|views)\b[^.;]{0,20}? on (?:the )?"
            r"(?:[\w-]+ ){0,3}?(?:charges|fees|prices|tariffs|charging)\b",
        ),
        # (unless the proposal itself was in it: "the proposal to transfer the libraries was
        # included in the budget consultation")
        unless=_re(
            r"\b(?:proposals?|options?|closures?|transfer|sale|disposal|outsourc\w*|"
            r"(?:re-?)?tender\w*|changes? to (?:the )?[\w-]+ (?:service|centre|library))\b"
        ),
    ),
    FalseFriend(
        "separate_consultation",
        _C,
        "'The opening hours ... were the subject of a separate public consultation' names a"
        " consultation on something else.",
        _re(
            r"\b(?:a |the )?(?:separate|unrelated|different|earlier and separate) (?:public |"
            r"statutory |resident |residents['’] )?(?:consultation|survey|engagement exercise)\b"
        ),
    ),
)

# (the second part, someone else's consultation and the council's own processes, in
# monitor.rules.consultation_by_others: false friends are read in this order)
CONSULTATION_FALSE_FRIENDS: tuple[FalseFriend, ...] = (
    _FIRST_PART + CONSULTATION_BY_OTHERS_FALSE_FRIENDS
)
