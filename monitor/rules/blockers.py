"""Blockers: facts and decisions that make a record about something other than outsourcing
(insourcing, a shared service, a council-owned company, contracts left to end, no contract let,
a decision not yet taken). Split from :mod:`monitor.rules.decisions`."""

from __future__ import annotations

from monitor.rules.base import (
    Blocker,
    _re,
)

# --------------------------------------------------------------------------------------------
# Blockers: the document is about something other than outsourcing
# --------------------------------------------------------------------------------------------

# The blocker is only discussed, costed or rejected as an option in this sentence.
_ONLY_AN_OPTION = _re(
    r"\b(?:reject\w*|dismiss\w*|discount\w*|not (?:a )?(?:feasible|viable|recommended|"
    # (not the Teckal test, "control ... comparable to that which it exercises over its own
    # departments", nor minutes' "The Committee considered a report by the Director")
    r"preferred)|would not|whether|feasibility|analysis|compar\w*(?! to that\b)|"
    r"consider(?:ed|ation|s|ing)?(?! (?:a|the) (?:joint |further |detailed )?(?:report|paper)\b)|"
    r"(?:an|the) option|options? (?:includ\w*|such as)|review of (?:the )?options|"
    r"would (?:cost|require|mean|need|give|allow|enable|offer|provide|increase|reduce|improve|"
    r"save|result)|instead of|evaluated|appraised|appraisals?|assessments?|"
    r"assessed|modell?ed|costed|reconsider\w*|(?:was|were) (?:examined|explored|reviewed))\b",
    # the in-house service as the comparator of a market test: "agreed that the future
    # delivery of grounds maintenance be market tested against the in-house service"
    r"\b(?:market[- ])?test\w* against\b|\bbenchmark\w* against\b",
    # an alternative a call-in says was left out: "the report had not set out any alternative
    # to contracting out the service, including returning the centres to direct management"
    r"\balternatives?\b[^.;]{0,80}?\binclud\w*\b",
    # a list of options weighed: "Three options had been scored: retaining the service
    # in-house ...; establishing a wholly-owned local authority trading company; and ..."
    r"\boptions?\b[^.;:]{0,40}?\b(?:scored|considered|assessed|appraised|evaluated|compared|"
    r"examined|weighed|shortlisted)\b",
    # the in-house service as it is today, which the decision lets out: "approves the
    # re-provision of the routes currently operated by the council's in-house fleet"
    r"\bcurrently (?:operated|provided|run|delivered|managed|undertaken) (?:by|through|within) "
    r"(?:the )?(?:council['’]s )?(?:own )?(?:in[- ]house|direct)\b",
    # "Before starting the procurement the council looked at bringing the centres under direct
    # council management" (an option weighed, then rejected)
    r"\blook(?:ed|ing)? (?:again |closely |carefully |hard )?at\b",
    # a choice for later: "At the end of the contract the Council will be required to
    # re-procure the service, bring it back in-house or make other arrangements"
    r"\bat the end of the (?:contract|term|agreement)\b|\b(?:be|is) required to\b",
    # One item of a lettered list of options, written as a noun phrase ("(d) setting up a
    # wholly owned company."), not as a decision ("(d) approves the setting up of ...").
    r"^\W*(?:and |or )?\(?(?:[a-h]|i{1,3}|iv|v|vi)\)\s*(?:setting up|establishing|creating|"
    r"forming|bringing|transferring|moving|returning)\b",
)

# A record that lets outside contracts end: not renewed, re-commissioned, re-procured,
# re-tendered or extended ("Cabinet agreed not to renew the contract", "it is proposed that the
# council will not re-tender the service", "the cessation of the contracts").
_LET_CONTRACTS_END = _re(
    r"\b(?:not|no longer|against)\b (?:to )?(?:be )?(?:re-?commission\w*|re-?procur\w*|"
    r"re-?tender\w*|re-?let\w*|renew\w*|extend\w*|continu\w* with)\b[^.;]{0,100}?\b(?:contracts?|"
    r"commission\w*|services?|agreements?|provision|providers?|arrangements?)\b",
    r"\bnot (?:to )?(?:get|put|have|award|let|enter into) (?:any )?(?:new|further|replacement) "
    r"contracts?\b",
    r"\b(?:contracts?|services?|agreements?)\b[^.;]{0,60}?\b(?:will|would|should|shall|are to|"
    r"is to|to) not be (?:re-?commissioned|re-?procured|re-?tendered|re-?let|renewed|extended)\b",
    r"\b(?:cessation|ending|decommission\w*) of (?:the |these |those |its |their |both |two |"
    r"all )?(?:[\w-]+ ){0,4}?(?:contracts?|commissioned services?)\b",
    r"\b(?:allow|let)\w* (?:the |these |those )?(?:[\w-]+ ){0,4}?contracts? (?:to )?(?:expire|"
    r"end|lapse|run out)\b",
    # "That the collection contract with the incumbent contractor be allowed to expire"
    r"\bcontracts?\b[^.;]{0,80}?\bbe (?:allowed|left|permitted) to (?:expire|end|lapse|run "
    r"out)\b",
)

BLOCKERS: tuple[Blocker, ...] = (
    Blocker(
        "public_to_public_agreement",
        "An inter-authority agreement (horizontal co-operation between public bodies,"
        " regulation 12(7) PCR 2015) lets nothing to a provider: another council does the work.",
        _re(
            r"\binter-?authority agreements?\b|\bhorizontal co-?operation\b",
            r"\bregulation 12\s?\(7\)|\bpublic[- ]public co-?operation\b",
            # an NHS body delivering under pooled arrangements: "a partnership agreement under
            # section 75 of the National Health Service Act 2006 with ... NHS Foundation Trust"
            # (not Northern Ireland's "Section 75 equality screening")
            r"\b(?:section|s\.?) ?75 (?:of the (?:national health service|nhs) act 2006|"
            r"(?:partnership )?(?:agreements?|arrangements?))\b",
        ),
        # (councils that buy together: "Bristol City Council acting as lead commissioner under
        # an inter-authority agreement with North Somerset Council" lets the service to a
        # provider all the same)
        unless_in_record=_re(
            r"\blead (?:commissioner|commissioning (?:authority|council)|authority|council)\b|"
            r"\bjoint(?:ly)? (?:commission|procure|tender)\w*|\bcollaborative (?:procurement|"
            r"commissioning)\b|\bon behalf of (?:the )?(?:three|two|four|partner|other)\b"
        ),
        trigger=(
            "inter-authority",
            "interauthority",
            "inter authority",
            "horizontal",
            "12(7)",
            "12 (7)",
            "public-public",
            "public public",
            "section 75",
            "s.75",
            "s75",
            "s. 75",
            "s 75",
        ),
        fact=True,
    ),
    Blocker(
        "no_contract_let",
        "A notice or record that says no contract is let (a grant scheme 'not a contract for"
        " services', a procurement ended with 'no contract will be awarded') lets nothing out.",
        _re(
            r"\bno (?:contract|service)s?(?: for (?:the provision of )?(?:services|works|goods))? "
            r"(?:will|is to|shall) be (?:awarded|let|procured|entered into)\b|"
            r"\bno service is being procured\b",
            # a grant round: "Grant funding - not a procurement"; "recipients ... are not
            # delivering a service on behalf of the Council"
            r"\bgrants?\b[^.;]{0,40}?\bnot a (?:public )?(?:procurement|contract)\b|"
            r"\bnot a (?:public )?(?:procurement|contract)\b[^.;]{0,40}?\bgrants?\b",
            # "the grants do not constitute a public contract under the Procurement Act 2023"
            r"\bgrants?\b[^.;]{0,60}?\b(?:do|does|will|would) not (?:constitute|amount to|create|"
            r"form) (?:a |any )?(?:public )?(?:contracts?|procurement)\b",
            r"\bnot (?:be )?deliver(?:ing)? (?:a |the |any )?services? on behalf of (?:the )?"
            r"(?:council|authority)\b",
            r"\bnot (?:a )?contracts? for (?:the )?(?:provision of )?services\b",
            r"\b(?:decided|decision|resolved|agreed) (?:on [\w ]{1,20} )?not to (?:award|let|"
            r"proceed with) (?:a |the |any )?contracts?\b",
        ),
        trigger=(
            "no contract",
            "no service",
            "not a contract",
            "not contract",
            "not to ",
            "not a procurement",
            "not a public",
            "on behalf of",
            "not constitute",
            "not amount",
            "not create",
            "not form",
        ),
        fact=True,
    ),
    Blocker(
        "not_yet_decided",
        "A notice or paper that says the council has not yet decided how the service will be"
        " provided (market engagement to inform an options appraisal) proposes no outsourcing"
        " yet.",
        _re(
            r"\bha(?:s|ve) not (?:yet )?(?:decided|determined|(?:made|taken) a decision)\b"
            r"[^.;]{0,40}?\b"
            r"(?:how|whether|what|on (?:the|its) (?:future|model))\b",
            r"\bno decision (?:has|have) (?:yet )?been (?:taken|made) (?:on|about) (?:how|whether|"
            r"the future)\b",
            # a consultation page's bare "No decision has been made."
            r"\bno decision (?:has|have) (?:yet )?been (?:taken|made)\s*(?:[.;]|$|and\b)",
            # "We have not made any decision yet."
            r"\b(?:we|the council|the authority) (?:have|has) not (?:yet )?(?:made|taken) any "
            r"decisions?(?: yet)?\s*(?:[.;]|$)",
            # "The Council has not taken any decision to procure." (a market engagement notice)
            r"\b(?:ha(?:s|ve) not (?:yet )?(?:made|taken) (?:a|any)|no) decisions? to (?:re-?)?"
            r"(?:procure|tender|commission|outsource|contract out|go (?:out )?to (?:tender|"
            r"market))\b(?! (?:has|have) been (?:taken|made)\b[^.;]{0,20}?\bsince\b)",
            # a market engagement notice: "this notice does not commit the Council to any
            # procurement"
            r"\b(?:does|do|will) not commit the (?:council|authority) to (?:any|a) (?:future )?"
            r"(?:procurement|contract|tender)\b",
            # "No decision on the future delivery model would be taken until the review had
            # reported"
            r"\bno decision (?:on|about) (?:the |a |any )?(?:future|how|whether)\b[^.;]{0,60}?\b"
            r"(?:(?:will|would|is to|shall|can) be|is|was|are|were|has been|is being|was being) "
            r"(?:taken|made|sought)\b",
            # "No decision on the delivery route was being sought at this stage"
            r"\bno decision (?:on|about) (?:the |a |any )?(?:future )?(?:delivery|operating|"
            r"management|service|procurement) (?:models?|routes?|options?|arrangements?)\b",
        ),
        trigger=(
            "not yet",
            "not decided",
            "not determined",
            "no decision",
            "not made a",
            "not taken a",
            "not commit",
        ),
        fact=True,
    ),
    Blocker(
        "no_decision_sought",
        "A report that says it seeks no decision ('This report does not seek any decision on"
        " the operating arrangements') reports on a service; its history decides nothing.",
        _re(
            r"\b(?:does|do|did) not (?:seek|ask for|request|propose|require) (?:any |a )?"
            r"(?:decisions?|changes?)\b",
            r"\bno (?:decision|change)s? (?:is|are) (?:sought|being sought|proposed|required)\b",
            # "No decision on the future delivery model is sought at this stage"
            r"\bno decisions? (?:on|about) (?:the )?(?:[\w-]+ ){0,4}?(?:is|are) (?:sought|being "
            r"sought|proposed|required)\b",
            # a consultation launched: "No decisions have been taken."
            r"\bno decisions? (?:has|have) (?:yet |so far )?been (?:taken|made)\b",
        ),
        yields_to_decision=True,
        trigger=(
            "not seek",
            "not ask",
            "not request",
            "not propose",
            "not require",
            "no decision",
            "no change",
        ),
    ),
    Blocker(
        "insourcing",
        "Bringing a service back in-house is the opposite of outsourcing.",
        _re(
            r"\bin-?sourc(?:e|ed|ing)\b",
            r"\b(?:bring|brought|bringing|take|taking|took|move|moved|moving|return|returned|"
            r"returning|transfer\w*)\b[^.;]{0,120}?\bback (?:in[- ]house|into (?:the )?(?:direct )?"
            r"(?:council|\w+ (?:county |borough |city |district )?council))\b",
            r"\bmoved to an in[- ]house provision\b|\bdirect employment of the council\b",
            # without "back": "management of the three sites be brought in-house"
            r"\b(?:be|is|are|was|were|being|been) (?:brought|taken) in[- ]house\b"
            r"(?! (?:team|legal|expertise|resources?|skills)\b)",
            # a resolution's clause: "(ii) fitness instruction and group exercise classes are
            # delivered in-house from 1 April 2025"
            r"\b(?:be|are|is) (?:delivered|provided|run|managed|operated|undertaken) "
            r"(?:in[- ]house|directly by the (?:council|authority))\b"
            r"(?! (?:team|legal|expertise|resources?)\b)(?=[^.;]{0,80}?\bfrom\b)",
            # "Approves the delivery of security and CCTV monitoring services ... in-house from
            # 1 June 2025"
            r"\b(?:approv\w*|agree\w*|resolv\w*|decid\w*)\b[^.;]{0,20}?\b(?:the )?(?:delivery|"
            r"provision|running|operation|management) of\b[^.;]{0,150}?\bin[- ]house\b"
            r"(?! (?:team|legal|expertise|resources?)\b)",
            # "transfer of the leisure service ... into direct management by the Council",
            # "Return to Direct Council Management"
            # (not "staying under direct council management": the service as it is today)
            r"\b(?:into|to|(?<!staying )(?<!remaining )(?<!stays )(?<!remains )(?<!kept )under) "
            r"(?:the )?direct (?:council |in-house )?(?:management|control|"
            r"delivery|provision|operation)\b(?! (?:fees?|costs?)\b)",
            r"\bservices? into [A-Z][\w ]{0,40}(?:council|authority)\b",
            # "from 1 April 2024 the work is brought into the Council's Streetscene service"
            r"\b(?:be|is|are|being|been) (?:brought|taken|transferred|moved) (?:back )?into "
            r"(?:the )?(?:council|authority)['’]s (?:own )?(?:[\w-]+ ){0,3}?(?:service|team|"
            r"department|workforce|directorate|function)s?\b",
        ),
        unless=_ONLY_AN_OPTION,
        # ("direct" alone would wake it for every "Director")
        trigger=(
            "sourc",
            "back",
            "in-house",
            "in house",
            "employment",
            "into",
            "direct management",
            "direct control",
            "direct delivery",
            "direct provision",
            "direct operation",
            "direct council",
            "direct in-house",
            "directly by",
        ),
    ),
    Blocker(
        "stays_in_house",
        "A decision that the service remains in-house, having weighed handing it out, lets"
        " nothing.",
        _re(
            r"\b(?:remain|stay|be retained|continue to be (?:delivered|provided|run|managed|"
            r"operated))\s+in[- ]house\b",
            r"\bretain\w* (?:the )?(?:[\w-]+ ){0,4}?services? in[- ]house\b",
            # "be managed directly by the Council (in-house) from 1 April"
            r"\bbe (?:managed|run|delivered|operated|provided) directly by the (?:council|"
            r"authority)\b",
        ),
        also=_re(
            r"\b(?:agree\w*|decid\w*|resolv\w*|approv\w*|determin\w*|endorse\w*|recommend\w*)\b",
            # a resolution's own form: "That on expiry of the contract the service be
            # delivered directly by the Council's Street Scene team"
            r"^\W*(?:\(?\w{1,3}[.)]\s*)?that\b",
        ),
        # (a choice put, not made: "whether to transfer the operation of the leisure centres to
        # a trust, or to retain the service in-house"; an option weighed and turned down:
        # "retaining the service in-house was not recommended because of persistent vacancies")
        unless=_re(
            r"\bwhether to\b",
            r"\b(?:was|were|is|are|be|been) (?:not (?:recommended|preferred|viable|feasible|"
            r"pursued|supported|taken forward)|rejected|discounted|dismissed|ruled out)\b",
            # an option costed: "Retaining the service in-house would require an additional
            # vehicle and two operatives at an estimated annual cost of £148,000"
            r"\bwould (?:require|cost|need|mean|involve|result in)\b|"
            r"\bestimated (?:annual )?cost\b",
        ),
        yields_to_decision=True,
        trigger=("in-house", "in house", "directly by"),
    ),
    Blocker(
        "council_owned_company",
        "Setting up a wholly council-owned company (LATCo / Teckal) keeps the service in public"
        " control.",
        _re(
            r"\b(?:establish\w*|set(?:ting)? up|creat\w*|form\w*)\b[^.;]{0,60}?\b(?:local "
            r"authority (?:trading |owned )?compan\w*|latco|teckal compan\w*|(?:wholly|council)"
            r"[- ]owned (?:[\w-]+ ){0,3}?compan\w*)"
        ),
        unless=_ONLY_AN_OPTION,
        trigger=("compan", "latco", "teckal"),
    ),
    Blocker(
        "council_controlled_body",
        "A body the council controls (an ALEO, a company or trust with the council as sole"
        " member or shareholder) delivers the service under council control: not outsourcing"
        " (eval README: council-owned companies and trusts).",
        _re(
            # (not the users of what is bought: "for 19,500 Council and ALEO users")
            r"\b(?:aleos?|arm['’]?s[- ]length external organisations?)\b(?! (?:users|staff|"
            r"employees|buildings|sites|premises)\b)",
            # (not "a body that is not controlled by the Council")
            # ("wholly owned by Telford & Wrekin Council": an ampersand in the name)
            r"(?<!not )(?<!never )\b(?:controlled|wholly[- ]owned) by (?:the |(?-i:[A-Z])[\w'’-]* "
            r"(?:(?:(?-i:[A-Z])[\w'’-]*|&) ){0,3})(?:council|authority)\b",
            r"\b(?:the )?(?:council|authority) (?:is|as) (?:its |the )?sole (?:member|shareholder|"
            r"owner)\b",
            # Councils owning a company together: "wholly owned by its local authority
            # shareholders", the Teckal test "control similar to that over their own
            # departments", and the Procurement Act 2023's name for it, a "vertical arrangement"
            # (Schedule 2, paragraph 2).
            r"(?<!not )\bwholly[- ]owned by (?:its|their|the) (?:local authority |council |public "
            r"(?:sector )?)?(?:shareholders|members|owners|councils|local authorities)\b",
            # ("control over the company similar to that which it exercises over its own
            # departments"; the regulation's "controlled persons", reg. 12(1) PCR 2015)
            r"\bcontrol (?:over [\w ]{1,40} )?(?:which is )?similar to that (?:[\w ]{0,40} )?over "
            r"(?:their|its) own departments\b",
            r"\bcontrolled persons?\b",
            r"\bvertical arrangements?\b",
            # "Sample Ltd, the local authority-owned company of which the Council is a shareholder"
            r"\b(?:local authority|council)[- ]owned (?:[\w-]+ )?compan(?:y|ies)\b",
            r"\bof which the (?:council|authority) (?:is|was) (?:a |the )?(?:sole )?(?:shareholder|"
            r"member|owner)\b",
            # "Sample Leisure Ltd, the Council's wholly owned company"
            r"\b(?:the )?(?:council|authority)['’]s wholly[- ]owned (?:[\w-]+ )?compan(?:y|ies)\b",
        ),
        # (nor one of a numbered list of options: "(2) transfer to an arm's length external
        # organisation wholly controlled by the Council")
        unless=_re(
            _ONLY_AN_OPTION.pattern,
            r"^\W*\(?(?:\d{1,2}|[a-h])\)\s*(?:transfer(?:ring)? to|set(?:ting)? up|creat(?:e|ing)|"
            r"establish(?:ing)?|form(?:ing)?)\b",
            # a deputation's or petition's title: what others came to say
            r"^\W*(?:deputations?|petitions?|questions?|notices? of motion)\b",
            r"\b(?:raising|raised|expressed|voiced) concerns?\b|\bconcerns? about\b",
            # an option named as a noun in a list: "(b) a new local authority trading company
            # wholly owned by the Council;" (a decision's items open with a verb)
            r"^\W*\(?(?:\d{1,2}|[a-h]|i{1,3}|iv|vi?)\)\s*an?\s",
            # what the council has not done, or other councils did: "one of the few Scottish
            # authorities that has not transferred these services to an ALEO"
            r"\b(?:has|have|had) not (?:\w+ )?(?:transferred|moved|set up|established|created)\b",
            # (not the owners listed: "wholly owned by Sample Borough Council and other
            # Gloucestershire public authorities")
            r"(?<!council and )(?<!authority and )\b(?:other|most|many|several|neighbouring|few)"
            r" (?:[\w-]+ ){0,3}?(?:local )?(?:authorities|councils)\b",
            # "Of the 32 councils, 26 deliver leisure through a trust or other ALEO"
            r"\bof the \d+ (?:[\w-]+ )?(?:councils|authorities)\b|\b\d+ (?:other )?(?:councils|"
            r"authorities)\b",
        ),
        trigger=(
            "aleo",
            "external organisation",
            "controlled by",
            "controlled person",
            "owned by",
            "sole ",
            "own departments",
            "vertical arrangement",
            "wholly owned",
            "wholly-owned",
            "authority-owned",
            "authority owned",
            "council-owned",
            "council owned",
            "of which the",
        ),
        fact=True,
        # The record says the body is outside the council's control: "The Council will not
        # control the Trust, and the Trust will not be a Teckal company" (an ALEO in Scottish
        # usage includes independent charitable trusts).
        unless_in_record=_re(
            r"\b(?:council|authority) (?:will|would|does|shall) not (?:have |exercise )?"
            r"(?:control|own)\b",
            r"\b(?:will|would|is|shall) not be (?:a |an )?(?:teckal|council[- ]controlled|"
            r"controlled by|owned by)\b",
            # "It will be independent of the Council" (not a "new independent trust" alone: a
            # record may say so and then that the council will control it)
            r"\b(?:will be|would be|is|shall be|remains?) independent of the (?:council|"
            r"authority)\b",
        ),
    ),
    Blocker(
        "shared_service",
        "A shared service between councils is public-to-public, not outsourcing.",
        _re(
            r"\b(?:implement\w*|establish\w*|creat\w*|agree(?:s|d|ing)?|approv\w*|form\w*|join\w*|"
            r"enter\w* into)\b[^.;]{0,60}?\bshared (?:\w+ )?services?\b",
            r"\bshared (?:\w+ )?services?\b[^.;]{0,40}?\b(?:implement\w*|established|created|"
            r"approved|agreed)\b",
            # "the Service Level Agreement with Scarborough Borough Council ... be renewed"
            r"\b(?:service level agreement|sla|inter-?authority agreement)s? with (?:the )?"
            r"(?:[\w-]+ ){1,3}?(?:borough|district|county|city|metropolitan|unitary) councils?\b"
            r"[^.;]{0,80}?\b(?:renew\w*|extend\w*|continu\w*|approv\w*|agree\w*)\b",
            # another council doing the work under the councils' own law: "To enter into an
            # agreement under section 101 of the Local Government Act 1972 ... with Sampleton
            # District Council, under which its control room will monitor the cameras"
            r"\b(?:enter\w* into|agree\w*|approv\w*|conclud\w*) (?:an? |the )?(?:[\w-]+ ){0,3}?"
            r"(?:agreement|arrangement)s? under section 101\b[^.;]{0,200}?\bwith (?:the )?"
            r"(?:(?:[\w'’-]+ ){1,3}?(?:borough|district|county|city|metropolitan|unitary) "
            r"councils?|(?:london |royal )?borough of|city of [\w'’-]+ council)\b",
        ),
        unless=_re(
            r"\b(?:reject\w*|dismiss\w*|discount\w*|not (?:a )?(?:feasible|viable))\b",
            # a partner that would not: "neither wished to host or join a shared service"
            r"\b(?:neither|none|nor|declined|unwilling|(?:did|does|do) not wish|no appetite)\b",
            # leaving a shared service (to let the service out) is not forming one
            r"\b(?:exit\w*|leav\w*|withdraw\w*|end\w*|terminat\w*|dissol\w*) (?:\w+ ){0,3}?"
            r"(?:from |of )?(?:the )?(?:current |existing )?shared (?:\w+ )?services?\b",
        ),
        trigger=("shared", "level agreement", "sla ", "authority agreement", "section 101"),
    ),
    Blocker(
        "decommissioning",
        "A decision or proposal to let outside contracts end (not to renew, re-commission,"
        " re-procure or extend them) is the opposite of outsourcing, however much it says about"
        " the history of those contracts or the options to re-procure them.",
        _LET_CONTRACTS_END,
        unless=_re(
            # "... and to re-tender the service", "but instead procure a new contract".
            r"\b(?:but|and|instead|while|whilst|rather)\b[^.;]{0,60}?\b(?:re-?tender\w*|"
            r"re-?procur\w*|procur\w*|tender\w*|award\w*|appoint\w*|commission (?:a|an|new)|"
            r"seek\w* (?:a|an|new))\b",
            r"\b(?:reject\w*|dismiss\w*|discount\w*|not (?:a )?(?:feasible|viable|recommended|"
            r"preferred)|(?:an|the) option (?:of|to)|whether)\b",
        ),
        # Every way of saying it has one of these words (a cheap test: most sentences of a
        # long report mention contracts, few say they end).
        trigger=(
            "not ",
            "no longer",
            "against",
            "cessation",
            "ending of",
            "decommission",
            "allow",
            " let",
        ),
        also=_re(
            r"\b(?:approv\w*|agree\w*|resolv\w*|decid\w*|decision|propos\w*|recommend\w*|"
            r"intend\w*|will not|is not to|consulted on)\b"
        ),
        yields_to_decision=True,
    ),
)
