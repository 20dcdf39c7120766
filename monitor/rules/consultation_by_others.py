"""The false friends of consultation, second part: consultation that is someone else's (a
buyer's, a developer's, the planning process's) or part of the council's own processes (a
question about consultation, a consultation moved elsewhere, the name of an Act, a forward
plan's standing line, impact assessments, speakers at a meeting, an evaluation panel). Read
after :data:`monitor.rules.consultation_false_friends.CONSULTATION_FALSE_FRIENDS`' first part,
in this order."""

from __future__ import annotations

from monitor.rules.base import (
    _C,
    FalseFriend,
    _re,
)
from monitor.rules.consultation import _CONSULT
from monitor.rules.vocabulary import (
    PUBLIC,
)

CONSULTATION_BY_OTHERS_FALSE_FRIENDS: tuple[FalseFriend, ...] = (
    FalseFriend(
        "someone_elses_consultation",
        _C,
        "A purchaser's or developer's own consultation, or the planning process, is not the"
        " council consulting on its decision.",
        _re(
            # (not "a survey of 640 ticket buyers": the public a venue serves)
            r"\b(?<!ticket )(?:purchasers?|developers?|applicants?|buyers?|bidders?|operators?|"
            r"providers?)\b[^.;]{0,60}$",
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
            # "the applicant had undertaken its own community survey"
            r"\b(?:purchasers?|developers?|buyers?|applicants?|bidders?|trusts?|groups?|"
            r"organisations?|associations?|societ(?:y|ies))\b[^.;]{0,30}?\b(?:had |has |have )?"
            r"(?:undertaken|carried out|run|held|conducted|commissioned|done) (?:its|their) own\b",
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
            r"\b(?:any|the|a|future|subsequent|its|their) planning applications?\b[^.;]{0,80}?"
            r"\b(?:subject "
            r"to|will (?:be|involve|require))\b",
            r"\bas (?:the )?local planning authority\b",
            # "Any community views on the design ... will be considered through that process"
            # (after a sentence about the planning process)
            r"\b(?:considered|dealt with|addressed|taken into account|raised|heard) (?:through|in|"
            r"via|as part of|during) (?:that|this|the planning|the statutory) (?:planning )?"
            r"(?:process|application)\b",
            # "... public consultation by the planning service"
            r"\bby the (?:council['’]s )?planning (?:service|department|team|authority)\b",
            # "Public engagement will take place through the planning process once a scheme is
            # designed"
            r"\b(?:through|via|as part of|during) the (?:statutory |normal |usual )?planning "
            r"(?:application )?(?:process|system)\b",
            # a purchaser's or developer's "own pre-application engagement with residents"
            r"\bpre-?application (?:[\w-]+ )?(?:engagement|consultation|discussions?|process)\b",
            # "would form part of the purchaser's own pre-application process"
            r"\b(?:purchaser|developer|buyer|applicant|bidder)s?['’]s? own\b",
            r"\b(?:its|their) own (?:[\w-]+ ){0,3}?(?:engagement|consultation)\b",
            # "Any consultation on those applications will be carried out by the relevant
            # authorities and is outwith the scope of this report"
            r"\b(?:carried out|undertaken|run|held|done) by (?:the )?(?:relevant|other|planning|"
            r"licensing|statutory|consenting|marine) (?:authorit(?:y|ies)|bod(?:y|ies)|"
            r"regulators?)\b",
            r"\b(?:outwith|outside|beyond) the scope of this (?:report|decision)\b",
            # "ECF will be required to consult the local community on its reserved matters
            # planning application"
            r"\bconsult\w*\b[^.;]{0,60}?\bon (?:its|their|the|any) (?:[\w-]+ ){0,3}?planning "
            r"applications?\b",
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
            # a question listed on its own: "- Whether the Executive would agree to survey users"
            r"^\W*(?:whether|why) (?:the |a |any )?[\w ]{0,40}?\b(?:would|will|should|could|had|"
            r"has|did)\b",
            # "with a recommendation that public consultation be undertaken before any
            # procurement began": a consultation asked for
            r"\b(?:recommendation|request|proposal|suggestion|motion) that\b",
            # a request that people be consulted: "She asked that the decision be referred back
            # so that local people could be consulted", "urged the Cabinet to consult"
            # (not "were asked for their views": that is consultation)
            r"\b(?:asked|requested|urged|demanded|pressed|argued) that\b|\b(?:requested|demanded|"
            r"pressed) for\b|\bcall(?:s|ed|ing)? for\b|\burg(?:e|es|ed|ing) (?:the )?"
            r"(?:[\w-]+ ){0,2}?to (?:consult|engage)\b",
        ),
        scope="before",
    ),
    FalseFriend(
        "consultation_moved",
        _C,
        "An amendment or motion that would put the decision off for a consultation ('moved ... an"
        " amendment that the decision be deferred for three months to allow a public"
        " consultation') asks for one; it holds none.",
        _re(
            r"\b(?:amendment|motion|moved|seconded)\b[^.;]{0,200}?\b(?:to allow|allowing|so that|"
            r"with a request|pending|until|in order that|to enable)\b",
        ),
    ),
    FalseFriend(
        "name_of_an_act",
        _C,
        "The name of a statute ('the Schools (Consultation) (Scotland) Act 2010') is no"
        " consultation on this decision.",
        _re(r"\(consultation\)|\bconsultation\)? (?:\([\w ]+\) )?act (?:\d{4}|of \d{4})\b"),
    ),
    FalseFriend(
        "consultees_listed_after",
        _C,
        "'Consultation was undertaken with:' names its consultees on the lines after it; those"
        " lines decide whether the public was among them.",
        _re(
            r"^\W*(?:\d{1,2}(?:\.\d{1,2})*\s+)?(?:consultation|engagement)\b[^.;:]{0,60}\b"
            r"(?:with|by|of)\s*:\s*$",
        ),
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
            # "Representations may be made to: Democratic Services, ... by 9 July": the
            # council's committee office, to which a plan's entries are answered
            r"\brepresentations?\b[^.;]{0,40}?\bto:? (?:the )?(?:democratic|committee|governance|"
            r"member|constitutional|cabinet) (?:services|office|team|support)\b",
            r"\brepresentations? (?:about|on|in respect of) (?:any of )?(?:these|the) (?:matters|"
            r"decisions|items|entries)\b|\bmatters (?:in|on) (?:this|the) (?:forward )?plan\b",
            # "Any person who wishes to make representations about a decision to be taken in
            # private should contact Democratic Services"
            r"\brepresentations? (?:about|on) (?:a |any |the )?decisions? to be (?:taken|made)\b",
            # "representations about why this item should be considered in public"
            r"\brepresentations?\b[^.;]{0,80}?\b(?:considered|heard|held|taken|discussed) in "
            r"(?:public|private)\b",
            # an entry's field: "How representations may be made: In writing to the Director
            # of Place by 30 October"
            r"^(?:how|where|when|to whom|method by which) (?:any )?(?:representations?|comments?)"
            r" (?:may|can|should|are to) be (?:made|sent|submitted)\b",
        ),
        unless=_re(r"\bdispos\w*|\bopen space\b|\bobject\w*"),
    ),
    FalseFriend(
        "impact_assessment",
        _C,
        "Equality and other impact assessments, scrutiny and call-ins are not consultation.",
        _re(
            r"\bimpact assessments?\b|\bscrutiny\b|\bcall[- ]in\b",
            # the council's equality duties ("the Equality Scheme commits the Council to
            # consult on policies screened in for an EQIA"; Northern Ireland's section 75)
            r"\b(?:eq|equality |integrated )?ia\b|\beqias?\b|\bequality scheme\b|"
            r"\bsection 75\b|\bscreened (?:in|out)\b",
        ),
        # (rescued when the public's own say is named beside it: "Residents' leisure survey
        # (1,142 responses) and focus groups with centre users; Overview and Scrutiny")
        unless=_re(
            rf"\b{_CONSULT}\b[^.;]{{0,80}}\b{PUBLIC}\b|\bpublic {_CONSULT}\b",
            rf"\b{PUBLIC}\b[^.;]{{0,40}}?\b(?:surveys?|questionnaires?|focus groups?|drop-?ins?|"
            rf"workshops?)\b|\b(?:surveys?|questionnaires?|focus groups?|drop-?ins?|workshops?)\b"
            rf"[^.;]{{0,40}}?\b(?:with|of|for|among) (?:the )?{PUBLIC}\b",
        ),
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
    FalseFriend(
        "evaluation_panel",
        _C,
        "Service users on a tender's evaluation or interview panel, scoring bids, take part in"
        " choosing a provider; nobody is asked their view of the decision.",
        _re(
            r"\b(?:evaluation|tender|interview|selection|procurement|moderation|assessment) "
            r"panels?\b",
            r"\bscor(?:ed|ing|e) (?:the )?(?:bids?|bidders?|tenders?|presentations?|"
            r"(?:[\w'’]+ )?(?:presentations|submissions))\b",
        ),
        unless=_re(r"\b(?:surveys?|questionnaires?|consultations?|focus groups?|drop-ins?)\b"),
    ),
)
