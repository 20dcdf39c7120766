"""What makes a record a decision: false friends for records that decide nothing yet (noted
only, options, background), blockers (the record is about something other than outsourcing)
(the sentence shape of a decision is in :mod:`monitor.rules.decision_sentences`)."""

from __future__ import annotations

from monitor.rules.base import (
    _A,
    _C,
    _I,
    _O,
    _OA,
    FalseFriend,
    _re,
)
from monitor.rules.vocabulary import (
    _CHOSEN,
)

DECISION_FALSE_FRIENDS: tuple[FalseFriend, ...] = (
    FalseFriend(
        "existing_arrangement",
        _O,
        "'Since April 2024 the leisure centres have been managed by X' describes how a service"
        " is run today, not a decision to let it.",
        _re(
            r"^\W*(?:[\d.]+\s+)?since (?:(?:\d{1,2} )?\w+ )?(?:19|20)\d\d\b[^.;]{0,120}?"
            r"\b(?:have|has) been (?:managed|run|operated|delivered|provided)\b",
            r"\b(?:have|has) been (?:managed|run|operated|delivered|provided) by [^.;]{0,80}?"
            r"\bsince (?:(?:\d{1,2} )?\w+ )?(?:19|20)\d\d\b",
        ),
    ),
    FalseFriend(
        "earlier_decision",
        _OA,
        "'Following Council's decision of March 2024 to appoint an external operator' tells"
        " of a decision taken before, as reports for information do; it is not this record's.",
        _re(
            r"\b(?:following|after|further to|pursuant to|in line with) (?:the )?(?:full )?"
            r"(?:council|cabinet|committee|executive|board)(?:['’]s)? decisions? (?:of|in|on|"
            r"dated|taken in|made in) (?:(?:\d{1,2}(?:st|nd|rd|th)? )?(?:january|february|march|"
            r"april|may|june|july|august|september|october|november|december) )?(?:19|20)\d\d\b",
            # an earlier decision reviewed or undone: "asked members to review the decision of
            # Cabinet on 5 December 2023 to declare the youth centre surplus and dispose of it",
            # "That the decision ... to dispose of the freehold be rescinded"
            r"\b(?:review\w*|revisit\w*|reconsider\w*|rescind\w*|revok\w*) (?:the |its |a )?"
            r"(?:previous |earlier )?decisions? (?:of|by|taken by) (?:the )?(?:full )?(?:council|"
            r"cabinet|committee|executive|board)\b",
            # "Rescinds resolution 3 of its meeting of 18 February 2019, which approved the
            # disposal of the freehold"
            r"\b(?:rescind\w*|revok\w*) (?:the )?resolutions? (?:\d+ )?(?:of|made at|passed at)\b",
            # "declared surplus by an earlier decision of the Executive (July 2024)"
            r"\bby an? (?:earlier|previous|prior) (?:decision|resolution)\b",
            r"\bdecisions?\b[^.;]{0,160}?\bbe (?:rescinded|revoked|reversed|withdrawn|set aside)\b",
        ),
        unless=_re(
            r"\b(?:now|hereby|recommend\w*|propos\w*|(?:is|are) asked|approves?|agrees?|"
            r"resolved)\b"
        ),
    ),
    FalseFriend(
        "sold_in_the_past",
        _A,
        "'The land was sold to a developer in 2017' tells a sale completed years before, as"
        " news stories and reports do; it is not this record's decision.",
        _re(
            r"\b(?:was|were|had been) (?:sold|disposed of|transferred)\b[^.;]{0,120}?\b"
            r"(?:in|during) (?:(?:january|february|march|april|may|june|july|august|september|"
            r"october|november|december) )?(?:19|20)\d\d\b",
        ),
        unless=_re(
            r"\b(?:approv\w*|agree\w*|resolv\w*|recommend\w*|propos\w*|authoris\w*|will|"
            r"subject to)\b"
        ),
    ),
    FalseFriend(
        "procurement_policy",
        _O,
        "Approving the council's procurement strategy, policy or rules sets how it buys, not"
        " what it lets.",
        # (Suspending the procurement rules to extend a contract *is* a decision to let it.)
        _re(
            r"\b(?:approv\w*|adopt\w*|endors\w*|agree[sd]?|not(?:e|es|ed|ing)|refresh\w*|updat\w*)"
            # (not "approve the associated procurement strategy": the contract's own)
            r"\b(?:(?!\b(?:associated|proposed|recommended|preferred|relevant|resulting)\b)"
            r"[^.;]){0,40}?\bprocurement (?:strateg(?:y|ies)|polic(?:y|ies))\b"
            # "a procurement strategy report" / "strategy for home care" is about one contract
            # (also "the procurement strategy at Appendix 1 for a new supported housing pathway")
            r"(?!(?: (?:at|in|set out (?:at|in)) (?:appendix|annex|section) [\w.]+)? (?:for|to|"
            r"reports?)\b)"
            # nor one approved with its lots or award criteria: "to approve the procurement
            # strategy and lotting structure" is a contract's
            r"(?!,? (?:and|including) (?:the )?(?:lots?|lotting|evaluation|award criteria|"
            r"contract (?:length|term|duration))\b)",
        ),
    ),
    FalseFriend(
        "pipeline_list",
        _O,
        "A procurement pipeline lists contracts the council may let in coming years; a place on"
        " it is not a decision to let any of them.",
        _re(r"\bpipeline(?: notices?)?\b[^.;]{0,80}?\b(?:lists?|includes?|including|sets out)\b"),
    ),
    FalseFriend(
        "amendment_moved",
        _O | _A | _C | _I,
        "An amendment moved in a meeting ('that the decision be deferred to allow a public"
        " consultation') is what a councillor asked for, not what was decided.",
        _re(
            r"\b(?:moved|proposed|seconded) (?:as )?(?:an|the|a further) amendment\b",
            r"\bamendment\b[^.;]{0,160}?\b(?:was|were|is) (?:lost|defeated|not carried|"
            r"withdrawn|fell)\b",
        ),
    ),
    FalseFriend(
        "decision_deferred",
        _OA,
        "A recommendation that puts the decision off ('agree that a decision on its future is"
        " deferred until the Framework has been adopted') takes no step on the matter it names.",
        _re(
            r"\b(?:a |any |the |its )?(?:decision|consideration|determination)s? (?:on|about|"
            r"regarding|of|in respect of) [^.;]{0,80}?\b(?:is|be|are|was|were|being|to be) "
            r"(?:deferred|postponed|held over)\b",
            r"\bdefer(?:s|red|ring)? (?:a |any |the |its |further )?(?:decision|consideration|"
            r"determination)s?\b",
        ),
        # (the sentence's own step beside what it puts off: "approve the sale of the depot and
        # defer a decision on the hall")
        unless=_re(
            r"\b(?:approv\w*|authoris\w*|agree\w*) (?:to )?(?:the )?(?:sale|disposal|award|"
            r"transfer|tender|procurement|extension|lease|letting|sell|dispose|extend|procure)\b"
        ),
    ),
    FalseFriend(
        "noted_only",
        _OA,
        "An item that only notes an earlier transfer, sale or contract is not a new decision.",
        _re(
            r"\b(?:be|is|was|were|being|are) noted\b|\bto note\b|\bnoted that\b|^[\W\d]*note\b",
            # "That members note the award of ...", "the Committee notes the extension"
            r"\b(?:members|cabinet|committee|council|board|panel|executive|commission|forum)"
            r"(?: member)? (?:is asked to |are asked to )?not(?:es?|ed)\b",
        ),
        # ("made under delegated powers" tells how an earlier step was taken.)
        # (not "the transfer ..., approved by Council in 2023": an approval told as history)
        unless=_re(
            # (not steps taken "under delegated authority" or "delegated decisions": history)
            r"\b(?:approv\w*|agree\w*|authoris\w*|endors\w*|decided|(?<!under )(?<!under the )"
            r"delegat\w*(?! powers\b)(?! decisions?\b)|"
            r"proceed\w*|instruct\w*)\b(?! by\b)",
            # the resolution's own step beside what it notes: "the outcome of the procurement
            # be noted and the contract be awarded to the preferred provider"
            r"\bnoted,? and (?:that )?(?:the |a )?(?:[\w-]+ ){0,3}?(?:be|is to be) (?:awarded|let|"
            r"extended|sold|disposed of|transferred|leased)\b",
        ),
    ),
    FalseFriend(
        "question_only",
        _OA,
        "A question asked at a meeting, or information requested about a contract (call-ins,"
        " scrutiny comments), is not a decision.",
        _re(
            r"\b(?:asked|questioned|queried|enquired|wondered) (?:whether|why|if|what|how|about)\b",
            # "Question from Councillor Smith: 'Will the Cabinet Member confirm whether ...'"
            r"^\W*(?:supplementary )?question (?:from|by|to) (?:councillor|cllr|a member|the)\b",
            r"\b(?:will|would|can|could) (?:the )?(?:cabinet member|portfolio holder|leader|"
            r"council|officer)s? (?:please )?(?:confirm|say|tell|explain) (?:whether|if|why)\b",
            r"\b(?:information|clarification|confirmation|details?|assurances?|explanation|"
            r"disclosure)\b[^.;]{0,30}?\b(?:was |were |is |are |be |being )?(?:sought|requested|"
            r"asked for)\b",
            r"\b(?:sought|requested|asked for|seeks?|request(?:ed|ing)?) (?:further |more |"
            r"additional |full )?(?:information|clarification|confirmation|details|disclosure)\b",
            # a question put as a question: "Is the Council selling land to the company?"
            r"\?\W*$",
        ),
    ),
    FalseFriend(
        "appraisal_only",
        _OA,
        "Deciding only to review, analyse, explore or appraise options is not yet a decision to"
        " outsource or sell.",
        _re(
            # ("officers undertaking a full options appraisal", "carrying out a review")
            r"\b(?:conduct|undertak|carry out|carr(?:ies|ied|ying) out|commission|complet)\w* "
            r"(?:a |an |more |further )?"
            # "undertake a full financial appraisal" of the options listed
            r"(?:(?:detailed|full|independent|financial|options?|cost|comparative) ){0,3}"
            r"(?:analysis|review|appraisal|feasibility|study)\b",
            r"\bfeasibility (?:of|study)\b",
            r"\bexplor(?:e|es|ing|ation of) (?:the |a )?(?:\w+ )?(?:options?|potential|"
            r"possibilit\w+|feasibility|benefits|models?|provision)\b",
            # "asks officers to explore with the Association whether a community asset transfer
            # could be achieved"
            r"\bexplor(?:e|es|ing)\b[^.;]{0,80}?\b(?:whether|if|how)\b",
            r"\b(?:prepare|develop|produce|draw up)s? (?:a |an )?(?:full |outline |detailed )?"
            r"business cases?\b",
            r"\bbusiness case (?:be|to be|will be) (?:prepared|developed|brought)\b",
            # the passive: "That an options appraisal of future delivery models be undertaken,
            # assessing (a) an in-house service, (b) ..., (c) procurement of contracts"
            r"\b(?:appraisal|review|analysis|feasibility study|study)\b[^.;]{0,120}?\b(?:be|"
            r"is to be|to be|will be|being) (?:undertaken|carried out|conducted|commissioned|"
            r"completed)\b",
            r"\breview (?:of )?(?:the )?(?:options|future (?:delivery|options|management)|"
            r"management arrangements|delivery models?)\b",
        ),
    ),
    FalseFriend(
        "consultation_on_proposals",
        _OA,
        "A decision to consult on proposals or options decides only to consult: the proposals"
        " are not yet decided.",
        _re(
            r"\b(?:approv\w*|agree\w*|launch\w*|undertak\w*|carry out|begin|commenc\w*|hold|"
            r"run|start)\b (?:a |an |the )?(?:[\w-]+ ){0,3}?(?:public |formal |statutory |full |"
            r"further |wider )?consultation (?:exercise |process )?(?:on|about|regarding|into) "
            r"(?:the )?(?:[\w'’-]+ ){0,3}?(?:proposals?|options?|plans?|changes?|future|draft)\b",
            # A consultation page: "We are asking for your views on a range of options,
            # including:", "Have your say on the future of library services"
            r"\b(?:ask\w*|seek\w*|want\w*|would like|invit\w*|welcome\w*) "
            r"(?:for |to hear |to have )?"
            r"(?:your|residents['’]?|people['’]s|the public['’]s|local people['’]s) (?:views|"
            r"comments|feedback|opinions?|thoughts|say)\b[^.;]{0,60}?\b(?:proposals?|options?|"
            r"plans?|changes?|future|ideas)\b",
            r"\bhave your say on\b",
        ),
        unless=_re(
            r"\b(?:following|after|in (?:the )?light of|having considered|outcome of|results of|"
            r"responses to)\b[^.;]{0,40}?\bconsultation\b"
        ),
        lead_in=True,
    ),
    FalseFriend(
        "not_this_paper",
        _OA,
        "'The strategy does not itself approve the disposal of any asset' says what the paper"
        " does not decide.",
        _re(
            r"\b(?:does|do|did|will|would|shall) not (?:itself |of itself |in itself |directly )?"
            r"(?:approve|authori[sz]e|agree|decide|commit (?:the council )?to|involve|constitute|"
            r"seek approval for)\b[^.;]{0,40}$"
        ),
        scope="lead",
    ),
    FalseFriend(
        "separate_decision",
        _OA,
        "'Disposal of the Days Road site is the subject of a separate decision' names a step this"
        " record leaves to another.",
        _re(
            r"\b(?:is|are|was|were|will be|would be)(?: the)? subject (?:of|to) (?:a )?(?:separate|"
            r"further|later|future|subsequent) (?:decision|report|approval)s?\b",
            # "where disposal is proposed, a separate decision will be taken"
            r"\b(?:a |an )?(?:separate|further|individual|subsequent) (?:[\w-]+ )?decisions? "
            r"(?:will|would|shall|is to|are to) be (?:taken|made|sought)\b",
            # "The Council's Land and Property Disposals Register is reported separately"
            r"\b(?:is|are|will be|was|were) (?:reported|considered|dealt with|decided|covered) "
            r"(?:separately|elsewhere|in a separate report)\b",
        ),
    ),
    FalseFriend(
        "no_property_in_this_decision",
        _A,
        "'No property will be declared surplus or offered for sale as part of this decision'"
        " says the record sells nothing.",
        _re(
            r"^\W*no (?:[\w-]+ ){0,2}?(?:property|properties|land|sites?|assets?|buildings?) "
            r"(?:will|would|is to|are to|shall|may) be\b",
        ),
    ),
    FalseFriend(
        "decided_against",
        _OA,
        "'Not to re-commission', 'not reprocuring', 'cease to' are decisions *against* a"
        " contract or sale.",
        _re(
            r"\b(?:not|never|no longer|nor|cease|ceasing|cessation of|stop|stopping|against|"
            r"instead of|rather than|decommission\w*)\b(?: (?:intend|propos|plan|seek|wish|want|"
            # ("It does not seek approval to dispose of any site")
            r"going|be able|minded)\w*(?: (?:approval|permission|authority|agreement))?)?"
            # "does not exercise the option to extend the contract"
            r"(?: (?:exercis|tak|us|invok|trigger|tak)\w* (?:the |its |an |any )?(?:[\w-]+ )?"
            r"(?:option|right|break clause|provision|power)s?)?"
            r"(?: to)?(?: (?:be|being|been))?(?: re-?)?\s*$",
            # "there were no plans to dispose of the car park"
            r"\bno (?:current |present |immediate )?(?:plans?|proposals?|intention) to\s*$",
            # "No lease or other disposal of the leisure centres is proposed."
            r"\bno (?:[\w-]+ (?:or|and) (?:other |any )?)?$",
        ),
        scope="just_before",
    ),
    FalseFriend(
        "procurement_abandoned",
        _O,
        "A tender or procurement that is discontinued, abandoned or cancelled ('the re-tendering"
        " exercise ... be discontinued') lets nothing.",
        _re(
            r"\b(?:re-?)?(?:tender\w*|procurement)(?: exercise| process)?\b[^.;]{0,120}?\b(?:be|"
            r"is|was|were|being|to be|will be) (?:discontinued|abandoned|cancelled|canceled|"
            r"halted|stopped|terminated)\b",
            r"\b(?:discontinu|abandon|cancel|halt)\w* (?:the |this |that |its )?(?:current |live )?"
            r"(?:re-?)?(?:tender|procurement)\b",
        ),
        # (a new procurement beside the one stopped: "the tender be abandoned and a new one
        # started")
        unless=_re(r"\b(?:new|fresh|further|revised|replacement) (?:tender|procurement)\b"),
    ),
    FalseFriend(
        "not_proceeding",
        _OA,
        "'Decided not to proceed with the proposed sale of', 'will not go ahead with the' end"
        " the step before it is taken.",
        _re(
            r"\b(?:not|no longer)(?: to)? (?:proceed|go ahead|continue)(?: any further)? with "
            r"(?:the |a |any |its )?(?:proposed |planned |intended )?$"
        ),
        scope="lead",
    ),
    FalseFriend(
        "not_possible",
        _OA,
        "'An extension is not possible' rules the step out.",
        _re(
            # "the disposal of the land would not be practicable"
            r"^[^.;]{0,60}?\b(?:(?:is|are|was|were|would be|will be) not|(?:would|will) not be) "
            r"(?:possible|permitted|"
            r"allowed|recommended|proposed|being pursued|an option|practicable|viable|feasible)\b"
        ),
        scope="after",
    ),
    FalseFriend(
        "not_able_to",
        _OA,
        "'The council is unable to extend the contract', 'there is no legal power to"
        " extend' rule the step out.",
        _re(
            r"\b(?:not (?:be )?(?:possible|permitted|allowed|able|lawful)|no (?:legal )?power|"
            r"unable|cannot|can ?not|could not)\b(?: for [^.;]{1,40}?)?(?: to)? (?:\w+ly )?$"
        ),
        scope="lead",
    ),
    FalseFriend(
        "listed_option",
        _OA,
        "'Option 3: re-procure ...' lists an option; only the recommended one is a proposal.",
        _re(
            r"^\W*(?:option|alternative|scenario)\s*[\w.]{0,4}\s*[:–—-]",
            # "Options include keeping the centres, commissioning services from ..."
            r"\b(?:the )?options? (?:include|included|includes|are|were|being considered are)\b",
            # "The options will include retaining the in-house service ... and outsourcing"
            r"\b(?:the )?options? (?:will|would|to be (?:assessed|appraised|considered)|under "
            r"consideration) (?:also )?(?:include|cover|consider)\b",
            r"\b(?:this|that|each|either|under the|under this) option\b",
            # "This plan would involve transferring sites ... to a trust" describes a proposal
            r"\b(?:this|that|the) (?:plan|proposal|idea|model) would (?:involve|mean|see|"
            r"require)\b",
            r"\boptions? (?:\d+|[A-F])(?: and (?:\d+|[A-F]))? (?:would|is|are|was|were|could|"
            r"will|provides?|involves?|means?)\b",
            # a row of a scoring table: "1 Re-tender | 17 | 18 | 8 | 15 | 58"
            r"^[^|]{1,80}(?:\|\s*[\d.,%£/-]+\s*){3,}\|?\s*$",
        ),
        unless=_CHOSEN,
        lead_in=True,
    ),
    FalseFriend(
        "rejected_option",
        _OA,
        "An option listed under 'Options considered and rejected' is what was *not* decided.",
        _re("options"),
        scope="section",
        unless=_CHOSEN,
    ),
    FalseFriend(
        "option_marked_rejected",
        _OA,
        "An option marked rejected in its own words, in a list whose other option is the one"
        " recommended ('disposal to a registered provider (rejected, as ...); appropriation"
        " (recommended)').",
        _re(
            r"^[^;()]{0,160}?\(\s*(?:rejected|not recommended|not preferred|not pursued|"
            r"discounted|dismissed)\b"
        ),
        scope="after",
    ),
    FalseFriend(
        "consultees_view",
        # Not for asset sales: an open-space notice under a "Consultation" heading is itself
        # the proposed disposal.
        _O,
        "Under a 'Consultation' heading the report says what was consulted on and what"
        " consultees (a cabinet committee, the public) said or moved; the decision is stated"
        " elsewhere.",
        _re("consultation"),
        scope="section",
    ),
    FalseFriend(
        "abandoned_plan",
        _OA,
        "A plan told in the past ('the council had planned to sell', 'plans to outsource were"
        " dropped') is a proposal that was abandoned or voted down, as press reports tell it.",
        _re(
            r"\bhad (?:planned|intended|proposed|hoped|wanted|sought)\b",
            # "Knowsley Council in Merseyside planned to sell 17 sites"
            r"\b(?:council|authority|cabinet|it|they)\b(?: [\w'’-]+){0,3}? (?:originally |"
            r"previously |initially )?"
            r"(?:planned|intended|hoped|wanted) to\b",
            r"\b(?:plans?|proposals?|moves?)\b[^.;]{0,80}?\b(?:(?:were|was|been|being|be) )?"
            r"(?:dropped|scrapped|abandoned|shelved|withdrawn|voted down|defeated|overturned|"
            r"thrown out)\b",
        ),
        unless=_re(r"\b(?:approv\w*|agree\w*|authoris\w*|resolv\w*|endors\w*|delegat\w*)\b"),
    ),
    FalseFriend(
        "option_dismissed",
        _OA,
        "An option described as dismissed or rejected.",
        _re(
            r"\boption (?:to|of) [^.;]{0,80}\b(?:is|was|be|were|has been) (?:dismissed|rejected|"
            r"discounted|not recommended|not pursued)\b"
        ),
    ),
    FalseFriend(
        "step_turned_down",
        _OA,
        "'The transfer of the service to a trust was considered but rejected', 'Re-tendering"
        " the contract was discounted': a step weighed and turned down.",
        _re(
            # (the step's own verb: not "the appeal by the losing bidder, which was rejected")
            # (a comma only just before the verb: "Option 2, the transfer to a trust, was
            # rejected"; not "awarded to Acme Ltd, the bidder whose appeal was rejected")
            r"^(?:[^.;,]{0,120}?|[^.;]{0,120}?,\s*)\b(?<!which )(?<!that )(?<!who )(?:was|were|"
            r"has been|have "
            r"been|had been|is|are|being) (?:(?:also |"
            r"carefully |fully )?(?:considered|explored|examined|assessed|appraised|reviewed|"
            r"costed) (?:but|and) |also |therefore |subsequently )?(?:rejected|discounted|"
            r"dismissed|ruled out|set aside|not (?:pursued|taken forward|progressed|favoured|"
            r"preferred))\b"
        ),
        scope="after",
    ),
    FalseFriend(
        "counterfactual",
        _OA,
        "'Could have been awarded', 'should have been sold' comment on what did not happen.",
        _re(r"\b(?:could|would|might|should) have (?:been )?\w+(?:ed|en)\b"),
    ),
    FalseFriend(
        "hypothetical",
        _OA,
        "'Before any re-procurement', 'were the council minded to re-tender', 'if a"
        " different decision is made' speak of a step that may never be taken.",
        _re(
            r"\bany (?:future |further |new |potential |subsequent |eventual |possible |"
            r"proposed )?$",
            r"\b(?:were|if|should)(?: \w+ly)? (?:members|councillors|the council|cabinet|"
            r"the cabinet|we|it|the cabinet member|the committee)\b[^.;]{0,60}$",
            r"\bif (?:an? )?(?:alternative|different|future) decision\b[^.;]{0,40}$",
            # "including any proposal to commission reablement from the independent sector"
            r"\bany (?:future |further )?(?:proposals?|decisions?|plans?) (?:to|that) $",
            # "the options for future delivery, which might include renewing the agreement"
            r"\b(?:which|that) (?:might|may|could) (?:include|involve|mean)\b[^.;]{0,30}$",
            # "before any existing contract for a service is re-procured"
            r"\b(?:before|when|whenever|where) (?:any|an?|each) (?:existing |current )?"
            r"(?:contract|service)\b[^.;]{0,60}$",
        ),
        scope="lead",
        unless=_re(r"\b(?:approv\w*|agree\w*|endors\w*|authoris\w*|resolv\w*)\b"),
    ),
    FalseFriend(
        "outsourcing_policy",
        _O,
        "A rule for future cases ('any future report proposing the externalisation of a council"
        " service should include an appraisal of in-house delivery'; 'where a contract for an"
        " outsourced service is due to expire, Cabinet should receive an appraisal') lets out"
        " nothing itself.",
        _re(
            r"\bany (?:future |further )?(?:reports?|proposals?|decisions?)\b (?:proposing|to|on|"
            r"about|for|recommending) (?:the )?(?:[\w-]+ )?(?:outsourc|externalis|contract\w* out|"
            r"re-?tender|procure)",
            r"\bwhere (?:a|any) (?:contract|service)\b[^.;]{0,60}?\b(?:is due to (?:expire|end)|"
            r"expires?|ends?)\b[^.;]{0,80}?\bshould\b",
        ),
    ),
    FalseFriend(
        "topic_only",
        _OA,
        "'The effect of re-tendering', 'this report relates to the re-procurement of' name"
        " what is discussed, not a decision to do it.",
        _re(
            r"\b(?:impacts?|implications?|effects?|consequences?|risks?) of (?:the |a |any )?$",
            r"\b(?:relat(?:es|ing|ed)|refers?|limited|restricted|confined) (?:only )?to (?:the )?$",
            r"\b(?:only )?(?:affects?|concerns?) (?:only )?(?:the )?$",
        ),
        scope="lead",
        unless=_re(
            r"\b(?:approv\w*|agree\w*|authoris\w*|resolv\w*|endors\w*|delegat\w*|recommend\w*)\b"
        ),
        unless_in_sentence=True,
    ),
    FalseFriend(
        "background_history",
        _OA,
        "Under a 'Background' heading, a past contract or sale ('the contract was awarded in"
        " 2019', 'in 2021 it was extended for two years') is history, not the decision.",
        _re("background"),
        scope="section",
        # Rescued when the sentence has no past tense and no date, or proposes something.
        unless=_re(
            r"^(?![^\n]*(?:\b(?:was|were|had|did)\b|\b(?:in|since|from|during|on|until) "
            r"[^.;]{0,20}?\b(?:19|20)\d\d\b))",
            r"\b(?:propos\w*|recommend\w*|(?:is|are) (?:now )?asked|seek\w*|intend\w*|"
            r"now plan\w*|will (?:now )?(?:be )?(?:re-?)?(?:procur|tender|award|commission|let|"
            r"extend|appoint|transfer|sell|dispos)\w*)\b",
        ),
    ),
)
