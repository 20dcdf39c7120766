"""Rules that find a public consultation, and the false friends that are not one (delegation
wording, staff, market, councillors)."""

from __future__ import annotations

from monitor.rules.base import (
    CONSULTATION,
    Rule,
    _re,
)
from monitor.rules.vocabulary import (
    PUBLIC,
    PUBLIC_RE,
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
            # what people said in a survey or at a meeting: "what 287 shoppers and 41 traders
            # had said in the markets questionnaire", "Tenants and their relatives talked
            # through the night-time arrangements at the residents' meeting"
            rf"\b{PUBLIC}\b[^.;]{{0,40}}?\b(?:had |have )?(?:said|told us|talked (?:through|about)|"
            r"discussed|gave (?:their )?views)\b[^.;]{0,60}?\b(?:in|at|during|through) (?:the |a |"
            r"an )?(?:[\w'’-]+ ){0,3}?(?:survey|questionnaire|poll|meeting|forum|workshop|session|"
            r"event|panel|assembl(?:y|ies)|consultation)s?\b",
            # "four drop-in sessions were held at Kendal, Ulverston and Barrow"
            r"\bdrop-?in (?:sessions?|events?)\b[^.;]{0,40}?\b(?:(?:were|was|have been|had been|"
            r"will be) )?held\b",
            # "the 2023 Active Lives residents' leisure survey (2,134 respondents)", "the Rural
            # Transport Survey, in which 1,470 residents and passengers took part"
            rf"\b{PUBLIC}['’]? (?:[\w-]+ ){{0,2}}?(?:survey|questionnaire)\b[^.;]{{0,40}}?"
            r"\(?\d[\d,]* "
            r"(?:respondents|responses|replies)\b",
            rf"\bsurvey\b,? (?:in|to) which (?:over |more than |around |some )?(?:\d[\d,]* )?"
            rf"(?:[\w-]+ ){{0,2}}?{PUBLIC}\b[^.;]{{0,40}}?\b(?:took part|responded|replied)\b",
            r"\bdrop-?in (?:sessions?|events?) (?:in|at) (?:(?-i:[A-Z])|(?:both|each|every|all) "
            r"(?:of the )?(?:centres|centre|sites?|libraries|library|venues?|homes?|hubs?|"
            r"schools?)\b)",
            # "we asked users of the service, their families and carers what mattered most"
            rf"\basked (?:[\w-]+ ){{0,3}}?{PUBLIC}\b[^.;]{{0,80}}?\b(?:what|how|whether|which|"
            r"about|for (?:their )?views)\b",
            # "people attending day services, their families and carers took part in 14
            # conversations and an easy-read survey"
            rf"\b{PUBLIC}\b[^.;]{{0,60}}?\btook part in\b[^.;]{{0,60}}?\b(?:conversations|surveys?|"
            r"questionnaires?|workshops?|focus groups?|events?|sessions?)\b",
            # "officers held a drop-in at Sandness Hall, attended by 64 residents"
            r"\b(?:held|ran|hosted|organised) (?:a |an |two |three |four |several )?(?:public )?"
            r"drop-?ins?\b",
            # "a passenger survey was carried out on all sailings"
            r"\b(?:passenger|resident|user|customer|visitor|parent|tenant|household|community|"
            r"public)s?['’]? (?:satisfaction |opinion |views |travel )?(?:surveys?|questionnaires?)"
            r"\b[^.;]{0,40}?\b(?:was|were|has been|have been|had been) (?:carried out|undertaken|"
            r"conducted|run|held|completed|issued|sent)\b",
            # "1,388 residents told us where they would go for advice"
            rf"\b{PUBLIC}\b[^.;]{{0,30}}?\btold (?:us|the council|officers)\b",
            # "interviews with 41 people who have used domestic abuse services"
            rf"\b(?:interviews?|conversations?|focus groups?|workshops?) with (?:\d[\d,]* )?"
            rf"(?:[\w-]+ ){{0,3}}?{PUBLIC}\b",
            # "care leavers and their families were engaged through two family workshops"
            rf"\b{PUBLIC}\b[^.;]{{0,60}}?\b(?:were|was|have been|had been|are being|will be) "
            r"(?:engaged|involved)\b(?! in (?:the )?(?:delivery|running|provision|work)\b)",
            # A notice's invitation: "Members of the public may also make representations"
            # ("Any person, including Sampleton Community Council, wishing to make ...")
            rf"\b(?:{PUBLIC}|any person|anyone)\b[^.;]{{0,80}}?\b(?:may|can|(?:are|is) invited "
            r"to|wishing to|who wish(?:es)? to) (?:also )?(?:(?:make|submit|send|lodge) "
            r"(?:written )?(?:representations|objections|comments)|object)\b",
            # A statutory notice's invitation in the passive: "Representations may be made by
            # email to ... by 5 July", "Objections should be sent in writing to"
            r"\b(?:representations|objections) (?:(?:about|on|to) (?:the|this) (?:proposal|"
            r"disposal|transfer|lease)s? )?(?:may|should|can|must) be (?:made|sent|submitted|"
            r"lodged|delivered)\b",
            # "the Council invites representations on the proposal from any person"
            r"\binvit\w* (?:written )?(?:representations|objections|comments|views)\b[^.;]{0,80}?"
            rf"\bfrom (?:any person|anyone|{PUBLIC})\b",
            # "Three listening events were held ..., attended by 64 people who use advocacy,
            # their carers and families"
            r"\b(?:listening|engagement|consultation|co-?production|community|public) (?:events?|"
            r"sessions?|workshops?)\b[^.;]{0,100}?\b(?:attended by|with)\b[^.;]{0,40}?"
            rf"{PUBLIC}\b",
            # "Tenants, their families and advocates met with commissioners on three occasions"
            rf"\b{PUBLIC}\b[^.;]{{0,60}}?\b(?:met|have met|had met|will meet) (?:with )?(?:the )?"
            r"(?:commissioners|officers|council officers|the council|the service|managers)\b",
            # "Residents near each site were sent letters and invited to comment."
            rf"\b{PUBLIC}\b[^.;]{{0,60}}?\b(?:invited|asked|encouraged) to (?:comment|respond|"
            r"give (?:their )?views|have their say|share (?:their )?views|take part)\b",
        ),
        trigger=(
            "to object",
            "listening",
            "attended by",
            "consult",
            "surveyed",
            "polled",
            "interviewed",
            "their views",
            "invited to",
            "asked to",
            "asked ",
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
            # the proposal itself put to the public: "Savings proposal PP07 was included in the
            # Council's draft budget consultation"; "Of the 2,104 respondents, 38% agreed"
            r"\b(?:proposals?|options?)\b[^.;]{0,60}?\b(?:was|were) (?:included|put|set out) in "
            r"(?:the )?(?:[\w'’/-]+ ){0,6}?consultation\b",
            r"\bof the \d[\d,]* (?:respondents|responses)\b",
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
            # "People currently receiving support were sent a short questionnaire"
            rf"\b{PUBLIC}\b[^.;]{{0,60}}?\b(?:were|was|had been|have been) (?:sent|given|"
            r"asked to (?:complete|fill in)|invited to (?:complete|take part in)) (?:a |an |the )?"
            r"(?:[\w-]+ ){0,2}?(?:questionnaires?|surveys?)\b",
        ),
        trigger=(
            "included",
            "respondents",
            "put in",
            "set out in",
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
            r"\b(?:sections?|s\.?) ?12[23] ?\(2a\)",
            r"\bopen space notices?\b",
            r"\bpublic notices?\b[^.;]{0,100}?\b(?:newspapers?|section 12[23]|s\.? ?12[23]|"
            r"open space|dispos\w*)",
            # (a notice of intended disposal counts when it is the statutory one, of open space
            # or inviting objections: not an agent's "Notice of intended disposal ... offers
            # are invited")
            r"\bnotice (?:of|is hereby given)\b[^.;]{0,60}?\b(?:dispos\w*|lease|leasing|"
            r"appropriat\w*)\b[^.;]{0,120}?\b(?:open space|object\w*|representations)\b",
            r"\b(?:objections?|representations)\b[^.;]{0,100}?\b(?:dispos\w*|open space)\b",
            r"\b(?:dispos\w*|open space|notices?|advert\w*)\b[^.;]{0,100}?\bobject(?:ions?|ed|"
            r"ors?)?\b",
            r"\b(?:advertis\w*|advert)\b[^.;]{0,60}?\bopen space\b",
            # a request or proposal published for the public's representations: "the Council
            # published notice of the request on its website ... inviting representations over
            # a period of 20 working days"
            r"\b(?:published|placed|advertised|displayed|posted)\b[^.;]{0,160}?\binvit\w* "
            r"(?:written )?(?:representations|objections|comments)\b",
            # Scotland's common good: the proposal published, representations received
            # (Community Empowerment (Scotland) Act 2015, s.104)
            # (not the council's own departments: "No objections have been received from
            # Council service areas")
            r"\b(?:representations|objections) (?:were|have been|had been) received\b(?! from "
            r"(?:the )?(?:council|internal|service areas|departments|officers|statutory "
            r"consultees|consultees)\b)",
            # (the consultation rules read "community" masked: monitor.rules.NOT_PEOPLE)
            r"\bsection 104 of the\W+(?:community )?empowerment\b|\bempowerment "
            r"\(scotland\) act 2015\W{1,5}(?:section|s\.?) ?104\b",
            # a notice headed "Consultation on proposed disposal of common good property"
            r"\bconsultation on (?:the |a )?proposed (?:disposal|sale|lease|transfer)\b",
        ),
        trigger=(
            "12",
            "open space",
            "notice",
            "object",
            "representation",
            "advert",
            "community empowerment",
            "consultation on",
        ),
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
