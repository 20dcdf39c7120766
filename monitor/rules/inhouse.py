"""Rules that find an in-house option appraised, or a reason why in-house was rejected."""

from __future__ import annotations

from monitor.rules.base import (
    _I,
    INHOUSE,
    FalseFriend,
    Rule,
    _re,
)
from monitor.rules.inhouse_vocabulary import (
    _INHOUSE_TRIGGER,
    INHOUSE_TERM,
    OPTION_CONTEXT,
    REASON_AGAINST,
)

# --------------------------------------------------------------------------------------------
# In-house option
# --------------------------------------------------------------------------------------------

INHOUSE_RULES: tuple[Rule, ...] = (
    Rule(
        "inhouse_option_appraised",
        INHOUSE,
        "The in-house option is named and compared, assessed, preferred or rejected.",
        _re(rf"\b{INHOUSE_TERM}\b"),
        also=_re(rf"\b{OPTION_CONTEXT}"),
        trigger=_INHOUSE_TRIGGER,
    ),
    Rule(
        "inhouse_in_options_section",
        INHOUSE,
        "The in-house option is listed under 'Options considered' (or a similar heading).",
        _re(rf"\b{INHOUSE_TERM}\b"),
        section="options",
        trigger=_INHOUSE_TRIGGER,
    ),
    Rule(
        "inhouse_bid_or_comparator",
        INHOUSE,
        "An in-house bid, or a public sector / in-house comparator the bids are measured"
        " against, puts the in-house option on the table.",
        _re(
            r"\b(?:in[- ]?house|internal) (?:bids?|tenders?|submissions?|proposals?|"
            r"comparators?|option appraisal)\b",
            r"\bpublic sector comparators?\b",
        ),
        trigger=("house", "internal", "comparator"),
    ),
    Rule(
        "inhouse_costed",
        INHOUSE,
        "The cost of running the service in-house / under council control is set out.",
        _re(
            r"\bcosts? of (?:operating|running|providing|delivering|managing|staffing)\b"
            r"[^.;]{0,100}?\b(?:under (?:council|direct) control|in[- ]house|directly|internally)\b"
        ),
        trigger=("cost",),
    ),
    Rule(
        "inhouse_reason_against",
        INHOUSE,
        "A reason why the current in-house service cannot continue (unaffordable, not viable,"
        " running at a loss). Used only where the service is shown to be in-house today.",
        _re(rf"\b{REASON_AGAINST}\b"),
        trigger=(
            "afford",
            "viable",
            "sustainable",
            "scope to",
            "loss",
            "deficit",
            "savings",
            "unit cost",
        ),
    ),
)


INHOUSE_FALSE_FRIENDS: tuple[FalseFriend, ...] = (
    FalseFriend(
        "inhouse_not_considered",
        _I,
        "Text saying the in-house option was *not* considered, or asking why not, is the"
        " opposite of an in-house statement.",
        _re(
            # ("was not considered viable" is a reason against, not a gap.)
            r"\bnot (?:been |be |being )?(?:considered|included|explored|assessed|appraised|"
            r"discussed|examined|looked at|costed|(?:formed|form|forming) (?:any )?part of)\b"
            r"(?! (?:to be )?(?:a )?(?:viable|feasible|"
            r"affordable|practical|practicable|possible|appropriate|suitable|realistic|"
            r"sustainable|deliverable|value for money|cost[- ]effective|best value|achievable|"
            r"workable|sensible|prudent|justifi\w*|attractive|competitive|safe|"
            r"(?:the )?(?:best|right|preferred) (?:option|approach|way)|an option)\b)"
            # "was not considered because the service needs a registered provider": a reason.
            r"(?! (?:because|as|since|due to|given)\b)",
            r"\bno (?:discussion|consideration|assessment|appraisal|analysis)\b",
            r"\bdid not include\b|\bwithout (?:considering|consideration)\b",
            # call-in grounds: "the decision did not consider whether ... in-house"
            r"\b(?:did|does|do|had|has|have) not (?:consider|include|appraise|assess|look at|"
            r"explore|examine)\b",
            # "with a recommendation that an appraisal of direct Council management be included":
            # an appraisal asked for is not one made
            r"\b(?:recommendation|request|requested|asked|asks|calls?) (?:that |for )(?:an? |the )?"
            r"(?:[\w-]+ ){0,2}?(?:appraisal|assessment|review|comparison|evaluation)\b",
            # ... or asked in a verb: "with a request that an in-house option be appraised"
            r"\b(?:recommendation|request|requested|asked|asks|calls?) (?:that|for) (?:an? |the )?"
            r"(?:[\w-]+ ){0,3}?(?:be|to be) (?:apprais|assess|review|compar|evaluat|costed|"
            r"consider|explor)\w*\b",
            r"\b(?:asked|questioned|queried)(?: again| repeatedly| specifically)? (?:why|whether|"
            r"if)\b|\bwhy (?:not|was|were|had|did)\b",
            r"\bfailed to consider\b",
            # call-in grounds and members' complaints: "the report had not set out any
            # alternative to contracting out", "Members had not been shown a comparison with
            # direct delivery"
            r"\b(?:had|has|have|was|were|did) not (?:been )?(?:set out|shown|given|provided|"
            r"presented|put|offered|seen)\b[^.;]{0,40}?\b(?:any |an? |the )?(?:alternatives?|"
            r"comparisons?|options?|costings?)\b",
            # a member's criticism: "the Council should at least have costed that option"
            r"\bshould (?:at least |also )?have (?:costed|considered|appraised|assessed|looked at|"
            r"explored|included)\b",
            # "the question of the Council's own provision was outside the scope of this report"
            r"\b(?:outside|beyond|not within) (?:the )?scope\b",
        ),
        # A reason why it could not be: "the Council cannot deliver Healthwatch itself, so an
        # in-house option was not available" (eval README: a reason given counts).
        unless=_re(
            r"\b(?:cannot|can ?not|could not|unable to|not (?:legally |lawfully )?(?:able|"
            r"permitted|allowed) to|prohibit\w*|(?:the )?act requires|required by law|by law|"
            r"statutory requirement|must be (?:independent|provided by|made with))\b",
        ),
        unless_in_sentence=True,
    ),
    FalseFriend(
        "inhouse_client_role",
        _I,
        "The council's own client role in a contract it lets ('contract management will be"
        " undertaken in-house by the Housing Asset team') is not an in-house delivery option.",
        _re(
            r"\b(?:contract management|contract monitoring|client(?:-side)? (?:role|function|"
            r"team)|commissioning|procurement|performance monitoring|quality assurance)\b"
            r"[^.;]{0,40}?\b(?:undertaken|carried out|done|managed|retained|provided|delivered|"
            r"kept|handled|led) (?:in[- ]?house|internally)\b",
            # ... or the other way round: "The contract will be managed by the Council's in-house
            # public health commissioning and contract management team"
            r"\b(?:managed|monitored|overseen|administered|let)\b[^.;]{0,20}?\bby (?:the )?"
            r"(?:council['’]s |authority['’]s )?in[- ]?house\b[^.;]{0,60}?\b(?:commissioning|"
            r"contract management|client|procurement|contract monitoring)\b",
        ),
        unless=_re(rf"\b{OPTION_CONTEXT}"),
    ),
    FalseFriend(
        "other_councils_inhouse",
        _I,
        "What other councils did ('several neighbouring authorities had brought their waste"
        " services back in-house') is not this council weighing its own in-house option.",
        _re(
            r"\b(?:other|neighbouring|nearby|several|many|some|a number of|comparable) (?:other )?"
            r"(?:local )?(?:authorities|councils)\b(?! ['’])",
        ),
    ),
    FalseFriend(
        "inhouse_alongside",
        _I,
        "An in-house service that carries on beside the one being let ('with the in-house"
        " reablement service continuing alongside it') is another service, not an option.",
        _re(
            r"^in[- ]?house (?:[\w-]+ ){0,5}?(?:services?|teams?|provision|provider)\b (?:will )?"
            r"(?:continu\w*|remain\w*|(?:running |operating |working )?alongside)\b"
        ),
        scope="after",
    ),
    FalseFriend(
        "reason_about_the_market",
        _I,
        "'Unsustainable rates', 'prices not affordable' said of bidders, providers or the market"
        " is a reason about buying, not against the in-house service.",
        _re(
            r"\b(?:bidders?|tenderers?|providers?['’]?|suppliers?|operators?['’]?|the market|"
            r"market (?:rates?|prices?)|tender prices?|hourly rates?|(?:this|the|current|contract) "
            r"rates?|costs? of care|fee levels?|fee rates?)\b"
        ),
        only_rules=frozenset({"inhouse_reason_against"}),
    ),
    FalseFriend(
        "inhouse_team",
        _I,
        "'In-house team / resources / expertise' is about staff, not an in-house delivery"
        " option (an in-house team bidding as a new trust is outsourcing).",
        _re(
            # Anchored: the in-house words matched are the team's own ("to deliver reablement
            # directly ... recruitment to an in-house team was not viable" keeps its option).
            # (and a team named in lower case: "in-house waste education and engagement team",
            # but not "in-house delivery by the council's team")
            r"^in[- ]?house (?:(?-i:[A-Z])[\w&'’-]* ){0,3}(?:team|resources?|expertise|capacity|"
            r"skills|staff|legal|lawyers?|"
            r"commissioning|procurement|specialists?|knowledge|support|officers?|design|client|"
            r"project)\b",
            r"^in[- ]?house (?:(?!(?:by|of|for|to|under|within|in|into|as|through|at|via|with|"
            r"from|on|or|option|options|delivery|provision|model|bid|comparator|services?|"
            r"provider|operation|management|running)\b)[a-z&'’-]+ ){1,5}?team\b",
        ),
        scope="after",
        # "Delivery by an in-house Council team was considered ... but discounted" weighs the
        # option: the team is the in-house provider.
        unless=_re(
            r"\b(?:delivery|provision|running|operation) (?:of [\w' -]{1,40} )?by (?:an? |the )?"
            r"in[- ]?house\b",
            # a team set up to do the work is the in-house option: "weighed whether the Council
            # should set up its own in-house cleansing team"
            r"\b(?:set(?:ting)? up|establish\w*|creat\w*|form\w*|build\w*) (?:an? |its own |"
            r"our own |the council['’]s own )?in[- ]?house (?:[\w-]+ ){0,3}?team\b",
            r"\bin[- ]?house (?:[\w-]+ ){0,3}?team\b[^.;]{0,60}?\b(?:was|were|is|has been) "
            r"(?:considered|discounted|rejected|appraised|dismissed|assessed)\b",
            # "Option 1 – deliver the service through the council's in-house Housing Support
            # Team": the team is the in-house provider of an option weighed.
            r"^\W*option \w{1,3}\b",
            r"\bdeliver\w* (?:the |this |these )?(?:[\w-]+ ){0,3}?(?:through|by|using|via) (?:the |"
            r"an? )?(?:council['’]s |authority['’]s )?in[- ]?house\b",
            # the team as the provider of an option: "expanding the Council's in-house
            # reablement team to deliver the whole service"
            r"\bin[- ]?house (?:[\w-]+ ){0,3}?team to (?:deliver|provide|run|operate|cover)\b",
        ),
        unless_in_sentence=True,
    ),
    FalseFriend(
        "part_kept_by_the_council",
        _I,
        "The part of a service the council keeps after letting the rest ('statutory appeals"
        " will continue to be considered by the council's own team') is stated, not weighed as"
        " an option.",
        _re(
            r"\b(?:will|shall|is to|are to) (?:continue to be|remain|still be) (?:[\w-]+ ){0,2}?"
            r"(?:by|with|within) (?:the )?(?:county |city |borough |district )?(?:council|"
            r"authority)(?:['’]s)? (?:own )?",
        ),
        unless=_re(
            r"\b(?:options?|alternatives?|apprais\w*|costed|reject\w*|discount\w*|dismiss\w*|"
            r"not (?:viable|feasible|affordable|recommended|pursued)|whether)\b"
        ),
        unless_in_sentence=True,
    ),
)
