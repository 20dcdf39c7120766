"""Rules that find a public consultation, and the false friends that are not one (delegation
wording, staff, market, councillors)."""

from __future__ import annotations

from monitor.rules.base import (
    _C,
    CONSULTATION,
    FalseFriend,
    Rule,
    _re,
)
from monitor.rules.vocabulary import (
    COUNCILLORS,
    PUBLIC,
    PUBLIC_RE,
    STAFF,
)

# --------------------------------------------------------------------------------------------
# Consultation
# --------------------------------------------------------------------------------------------

_CONSULT = r"(?:consult(?:ation|ations|ing|ed|s)?)"

CONSULTATION_RULES: tuple[Rule, ...] = (
    Rule(
        "public_consultation",
        CONSULTATION,
        "A public (or resident, user, tenant) consultation, survey or ballot is what principle"
        " 5 asks for.",
        _re(
            rf"\bpublic {_CONSULT}\b",
            r"\b(?:community|resident|residents['’]?|user|customer|citizen|public|tenant|"
            r"tenants['’]?|service user|stakeholder and public) (?:consultation|survey|"
            r"questionnaire|engagement|focus groups?|panel|ballot|feedback|views|workshops?|"
            r"drop-in)s?\b",
            r"\bhave their say\b",
            r"\btenant ballot\b",
            r"\b(?:tenants?|residents?|leaseholders?)\b[^.;]{0,60}?\bballot(?:ed|s|ing)?\b",
            r"\bballot of (?:all )?(?:tenants|residents|leaseholders)\b",
        ),
        trigger=(
            "consult",
            "survey",
            "questionnaire",
            "engagement",
            "focus group",
            "panel",
            "ballot",
            "feedback",
            "views",
            "workshop",
            "drop-in",
            "have their say",
        ),
    ),
    Rule(
        "consulted_public",
        CONSULTATION,
        "Consultation that names residents, service users, carers, families or the community.",
        _re(
            rf"\b{_CONSULT}\b[^.;]{{0,120}}?\b{PUBLIC}\b",
            rf"\b{PUBLIC}\b[^.;]{{0,60}}?\b{_CONSULT}\b",
            # "Families living in temporary accommodation were surveyed."
            rf"\b{PUBLIC}\b[^.;]{{0,60}}?\b(?:were|was|have been|had been|are being|will be) "
            r"(?:surveyed|polled|interviewed|asked (?:for )?their views)\b",
            # "we spoke with 156 people who receive care at home and 48 unpaid carers"
            rf"\b(?:spoke|spoken|speaking|talked|met|listened) (?:with|to) "
            rf"(?:over |more than |around |about )?(?:\d[\d,]* )?(?:[\w-]+ ){{0,3}}?{PUBLIC}\b",
            # "over 3,400 residents and centre users answered the Active Lives survey"
            rf"\b{PUBLIC}\b[^.;]{{0,40}}?\b(?:answered|completed|responded to|returned|filled in|"
            r"took part in) (?:the |a |an |our )?(?:[\w-]+ ){0,8}?(?:survey|questionnaire|"
            r"consultation)\b",
            # "four drop-in sessions were held at Kendal, Ulverston and Barrow"
            r"\bdrop-?in (?:sessions?|events?)\b[^.;]{0,40}?\b(?:were|was|have been|had been|will "
            r"be) held\b",
            # "1,388 residents told us where they would go for advice"
            rf"\b{PUBLIC}\b[^.;]{{0,30}}?\btold (?:us|the council|officers)\b",
            # "interviews with 41 people who have used domestic abuse services"
            rf"\b(?:interviews?|conversations?|focus groups?|workshops?) with (?:\d[\d,]* )?"
            rf"(?:[\w-]+ ){{0,3}}?{PUBLIC}\b",
            # "care leavers and their families were engaged through two family workshops"
            rf"\b{PUBLIC}\b[^.;]{{0,60}}?\b(?:were|was|have been|had been|are being|will be) "
            r"(?:engaged|involved)\b(?! in (?:the )?(?:delivery|running|provision|work)\b)",
            # A notice's invitation: "Members of the public may also make representations"
            rf"\b(?:{PUBLIC}|any person|anyone)\b[^.;]{{0,40}}?\b(?:may|can|(?:are|is) invited "
            r"to|wishing to|who wish(?:es)? to) (?:also )?(?:make|submit|send|lodge) (?:written )?"
            r"(?:representations|objections|comments)\b",
            # "the Council invites representations on the proposal from any person"
            r"\binvit\w* (?:written )?(?:representations|objections|comments|views)\b[^.;]{0,80}?"
            rf"\bfrom (?:any person|anyone|{PUBLIC})\b",
            # "Residents near each site were sent letters and invited to comment."
            rf"\b{PUBLIC}\b[^.;]{{0,60}}?\b(?:invited|asked|encouraged) to (?:comment|respond|"
            r"give (?:their )?views|have their say|share (?:their )?views|take part)\b",
        ),
        trigger=(
            "consult",
            "surveyed",
            "polled",
            "interviewed",
            "their views",
            "invited to",
            "asked to",
            "encouraged to",
            "engaged",
            "involved",
            "spoke",
            "told",
            "interview",
            "conversation",
            "focus group",
            "workshop",
            "spoken",
            "speaking",
            "talked",
            "met ",
            "listened",
            "representations",
            "objections",
            "invit",
            "survey",
            "questionnaire",
            "drop-in",
            "dropin",
        ),
    ),
    Rule(
        "public_views_sought",
        CONSULTATION,
        "Seeking or receiving the views of residents or service users is consultation in"
        " substance.",
        _re(
            # "Over 1,800 people responded to our leisure consultation"
            r"\b(?:\d[\d,]*|people|residents|users|members of the public)\b[^.;]{0,30}?\b(?:respond"
            r"\w*|repl(?:y|ied|ies)|took part|taking part) (?:to|in) (?:the |our |a |this )?"
            r"(?:[\w-]+ ){0,3}?(?:consultation|survey|questionnaire)\b",
            r"\b(?:views|opinions|comments|feedback|responses|representations|engagement|"
            r"co-?production|co-?produced|co-?design\w*|involvement|listening events?|drop-in "
            r"sessions?|focus groups?|surveys?|questionnaires?|workshops?)\b (?:of |with |from |by"
            rf" |to )?[^.;]{{0,60}}?\b{PUBLIC}\b",
            rf"\bseeking (?:the )?views\b[^.;]{{0,60}}?\b{PUBLIC}\b",
            r"\brepresentations (?:made |received )?(?:by|from) (?:the |members of the )?public\b",
            r"\b\d[\d,]* (?:representations|responses|objections|comments|signatures)\b",
            # "parents and carers had been involved in shaping the new service"
            rf"\b{PUBLIC}\b[^.;]{{0,60}}?\b(?:involved|engaged|participated) in (?:shaping|"
            r"developing|designing|co-?designing|the (?:development|design|shaping|review) of)\b",
            # A tenants' ballot on a stock transfer is the formal tenant consultation.
            r"\b(?:tenants?|residents?|leaseholders?)['’]? (?:ballot|test of opinion)\b",
            rf"\bballot\b[^.;]{{0,60}}?\b{PUBLIC}\b[^.;]{{0,20}}?\bvoted\b",
            # "People with lived experience co-designed the service specification"
            rf"\b{PUBLIC}\b[^.;]{{0,80}}?\b(?:co-?designed|co-?produced|helped (?:to )?(?:design|"
            r"shape|write)|shaped)\b",
            # "412 passengers responded"; "parents ... took part in engagement workshops"
            rf"\b\d[\d,]* (?:[\w-]+ )?{PUBLIC}\b (?:responded|replied|took part|completed the "
            r"(?:survey|questionnaire)|gave (?:their )?views)\b",
            rf"\b{PUBLIC}\b[^.;]{{0,90}}?\b(?:took part|participated|were involved|joined in|"
            r"attended) (?:in )?(?:the |a |an )?(?:[\w-]+ )?(?:engagement|consultation|workshops?|"
            r"focus groups?|surveys?|listening events?|drop-in sessions?)\b",
        ),
        trigger=(
            "ballot",
            "test of opinion",
            "designed",
            "produced",
            "shape",
            "helped",
            "responded",
            "replied",
            "took part",
            "participated",
            "completed the",
            "were involved",
            "joined in",
            "attended",
            "views",
            "opinion",
            "comment",
            "feedback",
            "response",
            "representation",
            "engagement",
            "produc",
            "design",
            "involvement",
            "listening",
            "drop-in",
            "focus group",
            "survey",
            "questionnaire",
            "workshop",
            "signature",
            "objection",
            "involved in",
            "engaged in",
            "participated in",
        ),
    ),
    Rule(
        "statutory_open_space_notice",
        CONSULTATION,
        "The s.123(2A) open-space notice in a newspaper, and the objections it invites, is the"
        " statutory public consultation for open space.",
        _re(
            r"\b(?:section|s\.?) ?12[23] ?\(2a\)",
            r"\bopen space notices?\b",
            r"\bpublic notices?\b[^.;]{0,100}?\b(?:newspapers?|section 12[23]|s\.? ?12[23]|"
            r"open space|dispos\w*)",
            r"\bnotice (?:of|is hereby given)\b[^.;]{0,60}?\bdispos\w*",
            r"\b(?:objections?|representations)\b[^.;]{0,100}?\b(?:dispos\w*|open space)\b",
            r"\b(?:dispos\w*|open space|notices?|advert\w*)\b[^.;]{0,100}?\bobject(?:ions?|ed|"
            r"ors?)?\b",
            r"\b(?:advertis\w*|advert)\b[^.;]{0,60}?\bopen space\b",
        ),
        trigger=("12", "open space", "notice", "object", "representation", "advert"),
    ),
    Rule(
        "consultation_section_names_public",
        CONSULTATION,
        "A filled-in 'Consultation' field that names residents or service users (an empty or"
        " councillors-only field does not count).",
        PUBLIC_RE,
        # A sentence that only describes people ("22 garages are let to residents of the
        # estate") asks them nothing: the field counts when it says they were asked, or is a
        # short list of who was consulted ("Residents of Mill Lane; ward members").
        also=_re(
            # (people asked, not a councillor or committee who "asked that ...")
            r"consult|engag|survey|views|feedback|respon|meetings?\b|workshops?|drop-?in|"
            r"questionnaire|(?:were|was|been|being) asked|asked for (?:their|its) views|"
            r"comments|co-?produc|involv|listen|focus groups?|events?\b|sessions?\b|forums?\b|"
            r"panels?\b|ballot|objection|representation|invited|supportive\b|told us",
            r"^(?!.*\b(?:is|are|was|were|will|would|be|been|has|have|had)\b)\W*(?:\S+\s+){0,14}"
            r"\S+\W*$",
        ),
        section="consultation",
    ),
    Rule(
        "consultation_launched",
        CONSULTATION,
        "A decision to hold a consultation, or a report that one was held (audience not named).",
        _re(
            r"\b(?:approv\w*|agree\w*|authoris\w*|undertak\w*|launch\w*|embark\w* on|carr(?:y|ied"
            r"|ying) out|hold|held|run|ran|start\w*|conduct\w*|complet\w*|extend\w*|began|begin) "
            r"(?:a |the |an |this |further |its |their )?(?:\d+[- ]week )?(?:formal |full |"
            rf"statutory |informal |wide(?:r)? |extensive |open )?{_CONSULT}\b(?! with)",
            rf"\b{_CONSULT} (?:on|about|regarding|into) [^.;]{{0,150}}?\b(?:be|is|was|to be|will"
            r" be|has been|had been) (?:approved|undertaken|carried out|launched|held|agreed)\b",
            r"\bconsultation (?:was|has been|had been|is being|will be|to be) (?:undertaken|"
            r"carried out|held|launched|completed|conducted)\b",
            r"\bconsultation (?:had|has) taken place\b",
            r"\bfollowing (?:a|the) (?:period|programme) of consultation\b",
            r"\bto consult (?:on|about|upon|widely|publicly)\b",
            r"\bwill (?:be )?consult(?:ing|ed)? (?:on|about|upon)\b",
        ),
        weak=True,
        trigger=("consult",),
    ),
    Rule(
        "consultation_outcome",
        CONSULTATION,
        "The outcome, results or responses of a consultation are reported.",
        _re(
            r"\b(?:outcomes?|results?|responses?|findings|feedback|analysis|summary) (?:of|to|"
            rf"from) (?:the |this |a )?(?:\w+ ){{0,2}}?{_CONSULT}\b",
            rf"\b{_CONSULT} (?:exercises?|period|programme|events?|responses?|questionnaire|"
            r"survey|documents?|paper|findings|report)\b",
        ),
        weak=True,
        trigger=("consult",),
    ),
    Rule(
        "subject_to_consultation",
        CONSULTATION,
        "A decision taken 'subject to consultation' commits to consulting before it is final.",
        _re(
            r"\bsubject to (?:the (?:outcome|results) of )?(?:a |the |further )?(?:public |formal"
            r" )?consultation\b",
        ),
        weak=True,
        trigger=("consultation",),
    ),
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


CONSULTATION_FALSE_FRIENDS: tuple[FalseFriend, ...] = (
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
        unless=PUBLIC_RE,
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
        ),
        unless=_re(
            r"\b(?:views?|comments?|respon(?:d|ses?)|feedback|consult\w*|survey\w*|asked|invited|"
            r"have their say|objections?)\b"
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
        "not_consulted",
        _C,
        "Explicit negatives: no consultation, not consulted, no requirement to consult.",
        _re(
            r"\bno (?:(?:formal|public|external|further|prior|meaningful|specific|statutory|wider|"
            r"separate|additional) ){0,3}(?:consultation|engagement)\b",
            r"\b(?:consultation|engagement) (?:has|have|was|were|is|will) not\b",
            r"\bnot (?:been )?(?:consulted|subject to (?:any )?(?:public )?consultation)\b",
            r"\bwithout (?:any )?(?:public |prior )?consultation\b",
            # "The Council has not undertaken any public consultation on the grant of the lease"
            r"\b(?:has|have|had|was|were|did) not (?:undertaken|undertake|carried out|carry out|"
            r"held|hold|conducted|run|done)(?: any)? (?:(?:formal|public|prior|wider|specific) )*"
            r"(?:consultation|engagement)\b",
            r"\bno requirement (?:for|to) (?:\w+ )?consult|\bnot (?:required|necessary) to consult",
            r"\bdid not (?:include|consult|cover)\b",
            # (also a template heading with its gloss: "Consultation (customers, partners etc):
            # Not applicable.")
            r"\bconsultation(?: \([^()]{0,60}\))?:? (?:none|n/?a|not applicable)\b",
            # no open-space notice needed: "no notice under section 123(2A) ... is required"
            r"\bno (?:statutory |public |newspaper )?(?:notices?|advertisements?|adverts?) "
            r"(?:under|pursuant|is|are|was|were|will|needs?)\b",
            # "users of the centre had not been asked their views", "contained no evidence of
            # consultation", "the policy did not require a public consultation"
            r"\b(?:had|have|has|were|was) not (?:yet )?been (?:asked|consulted|engaged|involved)\b",
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
            r"\bnot open space\b",
            # the question asked, not a notice given: "Officers have considered whether the
            # field is open space for the purpose of section 123(2A)"
            r"\b(?:consider\w*|assess\w*|review\w*|check\w*|examin\w*|ask\w*) whether\b"
            r"[^.;]{0,80}?\bopen space\b",
            r"\b(?:no part of|none of)\b[^.;]{0,40}?\bis subject to (?:section|s\.?) ?12[23]\b|"
            r"\bnot subject to (?:section|s\.?) ?12[23]\b",
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
        ),
    ),
    FalseFriend(
        "someone_elses_consultation",
        _C,
        "A purchaser's or developer's own consultation, or the planning process, is not the"
        " council consulting on its decision.",
        _re(
            r"\b(?:purchasers?|developers?|applicants?|buyers?|bidders?|operators?|providers?)\b"
            r"[^.;]{0,60}$",
            r"\bplanning (?:application|permission|process|authority)",
        ),
        scope="before",
    ),
    FalseFriend(
        "buyers_own_consultation",
        _C,
        "What a buyer or developer says it will consult on ('the developer has said it will hold"
        " public consultation events on its designs') is its own consultation, not the"
        " council's on the sale.",
        _re(
            r"\b(?:purchasers?|developers?|buyers?|applicants?)\b[^.;]{0,80}?\b(?:will|would|"
            r"intends? to|plans? to|is to|are to)\b[^.;]{0,30}?\b(?:hold|carry out|run|undertake|"
            r"consult)\w*",
        ),
    ),
    FalseFriend(
        "planning_consultation",
        _C,
        "Consultation a purchaser or developer carries out for its own planning application is"
        " the planning process, not the council consulting on its decision.",
        _re(
            r"\b(?:as part of|for|through|in) (?:its|their|the (?:purchaser|developer|buyer|"
            r"applicant)['’]?s?) (?:own )?planning applications?\b",
            # "Any planning application for the conversion will be subject to the usual public
            # consultation by the Council as local planning authority": the planning process.
            r"\b(?:any|the|a|future|subsequent) planning applications?\b[^.;]{0,80}?\b(?:subject "
            r"to|will (?:be|involve|require))\b",
            r"\bas (?:the )?local planning authority\b",
            # a purchaser's or developer's "own pre-application engagement with residents"
            r"\bpre-?application (?:engagement|consultation|discussions?)\b",
            r"\b(?:its|their) own (?:[\w-]+ ){0,3}?(?:engagement|consultation)\b",
        ),
    ),
    FalseFriend(
        "asked_about_consultation",
        _C,
        "A councillor or member of the public asking whether people will be consulted is a"
        " question, not a consultation.",
        _re(
            r"\b(?:asked|questioned|queried|enquired|wondered|sought assurance) (?:whether|why|if|"
            r"what|how|about|when)\b",
        ),
        scope="before",
    ),
    FalseFriend(
        "forward_plan_representations",
        _C,
        "A forward plan's standing line ('Anyone wishing to make representations about these"
        " matters should contact the officer named') invites comment on a list of decisions;"
        " it consults nobody on this one.",
        _re(
            r"\brepresentations?\b[^.;]{0,80}?\b(?:to|contact(?:ing)?) the (?:contact officer|"
            r"lead officer|relevant officer|officer (?:named|shown|listed))\b",
            r"\brepresentations? (?:about|on|in respect of) (?:any of )?(?:these|the) (?:matters|"
            r"decisions|items|entries)\b|\bmatters (?:in|on) (?:this|the) (?:forward )?plan\b",
        ),
        unless=_re(r"\bdispos\w*|\bopen space\b|\bobject\w*"),
    ),
    FalseFriend(
        "impact_assessment",
        _C,
        "Equality and other impact assessments, scrutiny and call-ins are not consultation.",
        _re(r"\bimpact assessments?\b|\bscrutiny\b|\bcall[- ]in\b"),
        unless=_re(rf"\b{_CONSULT}\b[^.;]{{0,80}}\b{PUBLIC}\b|\bpublic {_CONSULT}\b"),
    ),
    FalseFriend(
        "speaking_at_meeting",
        _C,
        "Members of the public speaking at a meeting, petitions and deputations are not"
        " consultation.",
        _re(
            r"\bmembers? of the public (?:made|gave|addressed|spoke|asked|raised)\b",
            r"\bpublic (?:speaking|speakers?|question time|questions)\b|\bdeputations?\b",
            r"\bpetition\w*|\boral address\b|\bmade a statement\b",
        ),
        unless=_re(rf"\b{_CONSULT}\b"),
    ),
)
