"""How councils name the in-house option and weigh it: the words of the in-house rules
(:mod:`monitor.rules.inhouse`), split from :mod:`monitor.rules.vocabulary`."""

from __future__ import annotations

from monitor.rules.base import (
    _alt,
    _re,
)

# Words that show an in-house option is *appraised* rather than mentioned in passing.
OPTION_CONTEXT = _alt(
    r"options?|alternatives?|apprais\w*|assess\w*|compar\w*|consider(?:ed|ation)",
    r"reject\w*|dismiss\w*|discount\w*|evaluat\w*|versus|vs\.?|benchmark\w*|whether",
    r"not (?:been |proved |proven )?(?:a )?(?:feasible|viable|affordable|possible|practical|"
    r"practicable|sustainable|"
    r"appropriate|realistic)",
    r"no longer|would not|could not|cannot|unable|unaffordable|unviable|no (?:further )?scope",
    r"business case|preferred|recommend\w*|disadvantages?|do nothing|status quo",
    r"(?:choose|choice|decide|deciding|decision) between",
    r"lack(?:s|ing)? (?:of )?(?:the )?(?:capacity|expertise|skills|resources|infrastructure)",
    r"(?:tested|evaluated|assessed|benchmarked|compared) against",
    r"modell?ed|costed|priced|tested|examined|explored|weighed|scored",
    # "was therefore not pursued", "so the directly-delivered route was set aside"
    r"not (?:been )?(?:pursued|taken forward|progressed)|set aside",
    r"look(?:ed|ing)? (?:again |(?:very |really )?(?:closely |carefully |hard ))?at",
    r"(?:has|had|have) no (?:[\w-]+ ){0,3}?(?:workforce|capacity)|"
    r"would (?:require|cost|need|mean|involve)|(?:does|do|did) not (?:have|hold) (?:the )?"
    r"(?:capacity|workforce|staff|expertise|skills|resources|fleet|licen[cs]es?|operator)",
)

# The in-house option, however councils name it.
INHOUSE_TERM = _alt(
    r"in[- ]?house",
    # "Insourcing was evaluated": weighing insourcing is weighing the in-house option.
    r"in-?sourc(?:e|ed|ing)",
    # Bare "internally" ("monitored internally") is too loose; delivery verbs make it an option.
    r"(?:delivered|provided|run|managed|operated|deliver(?:ing)?|provid(?:e|ing)) "
    r"(?:the services? )?internally",
    r"internal (?:delivery|provision|provider|service|services|option|bid|team bid)",
    r"direct (?:service )?(?:provision|delivery)|direct (?:labour|services) organisation|DSO",
    # "direct council provision", "continued operation by the Council", "to deliver
    # reablement directly"
    r"direct (?:council|local authority|authority|public) (?:provision|delivery|management|"
    r"employment|operation)|direct employment",
    r"(?:continued|continuing|continuation of) (?:the )?(?:direct )?(?:operation|provision|"
    r"delivery|management|running)(?: of [\w'’ -]{1,40}?)? by the (?:county |city |borough |"
    r"district )?(?:council|authority)",
    r"(?:council|authority)\b[^.;]{0,60}?\b(?:deliver|provide|run|operate)(?:s|ing)? (?:the |"
    r"this |these |its )?(?:[\w-]+ ){0,3}?(?:services? )?directly",
    r"directly[- ](?:provided|delivered|managed|run|operated|employed)",
    # "Return monitoring to a Council-staffed control room"
    r"council[- ]staffed",
    # the council's own provider arm asked to price or run it: "the Council's own Learning
    # Disability Provider Services were asked to price the package"
    r"(?:council|authority)['’]s own (?:[\w-]+ ){0,3}?provider (?:services?|arm|units?|teams?)|"
    r"(?:in-house|internal) (?:[\w-]+ ){0,4}?provider (?:services?|arm|units?)",
    # "Direct operation of services by an Authority-owned bus company was not taken forward"
    r"direct (?:operation|provision|delivery|management|running) of (?:the )?[\w'’ -]{1,40}? "
    r"by (?:the |an? )?(?:council|authority)\b",
    # "An option to expand that unit to cover spoken languages" after "The Council's own
    # Interpreting Unit"; "expanding the Council's own interpreting unit"
    r"(?:council|authority)['’]s own (?:[\w-]+ ){0,3}?(?:unit|workforce)|"
    r"expand\w* (?:that|the|this) (?:in-house )?(?:unit|team)",
    # "provision by Council staff was not considered viable", "delivered by the authority's
    # own employees"
    r"(?:provision|delivery|operation|running|provided|delivered|run|operated) (?:of (?:the |"
    r"this |these )?(?:[\w-]+ ){0,3}?)?by (?:the )?(?:council|authority)(?:['’]s)? (?:own )?"
    r"(?:staff|employees|workforce)",
    # "Taking the service desk into the Council's own establishment was costed at £1.1m more"
    r"(?:into|within) (?:the )?(?:council|authority)['’]s own (?:establishment|employment|"
    r"workforce|staffing)",
    # "would continue to be delivered by the council's Community Learning and Development
    # service, but the council has no detached youth work workforce"
    r"continu\w* to be (?:delivered|provided|run|managed) (?:directly )?by (?:the )?(?:council|"
    r"authority)['’]s (?:own )?(?:[\w'’-]+ ){0,4}?(?:services?|teams?|workforce|staff)",
    # a deleted in-house capacity brought back: "Recreating the post, with a vehicle ..., was
    # estimated at £58,000 a year", "reinstating the in-house team"
    r"(?:re-?creat|reinstat|re-?establish)\w* (?:the |a |an )?(?:in-house |council |"
    r"council['’]s own )?(?:[\w-]+ ){0,2}?(?:posts?|teams?|workforce|technicians?|officers?)",
    # A stock options appraisal: "retention of the stock by the Council", "retention options"
    r"retention (?:of (?:the |its )?(?:[\w-]+ ){0,3}?)?by the (?:council|authority)|"
    r"(?:stock )?retention options?",
    # "Continuing to run the library directly was considered" (not "directly to residents")
    r"(?:continu\w*|keep\w*|retain\w*) (?:to )?(?:run|operat|deliver|manag|provid)\w* "
    r"(?:the |this |these |its )?(?:[\w-]+ ){0,3}?directly\b(?! (?:to|from|by)\b| with (?:the )?"
    r"(?:residents|users|service users|the public|customers|people|families|partners|"
    r"providers|schools)\b)",
    # "carry on as now, with the council's markets team running the markets directly"
    r"(?:council|authority)['’]s (?:own )?(?:[\w-]+ ){0,3}?(?:team|staff|service|officers|"
    r"workforce) (?:running|delivering|providing|operating|managing) (?:the |it |them |these |"
    r"this )?(?:[\w-]+ ){0,3}?directly\b(?! (?:to|from|by|with)\b)",
    # "a model in which the Council employs the catering workforce directly"
    r"(?:council|authority) (?:directly employ(?:s|ing)?|(?:employs|employing|would employ|"
    r"to employ) (?:the |its |a |an )?(?:[\w-]+ ){0,2}?(?:workforce|staff|workers|team|cooks|"
    r"operatives) directly)\b",
    # "including running the centres ourselves" (a council speaking of itself)
    r"(?:run(?:ning)?|deliver(?:ing)?|manag(?:e|ing)|operat(?:e|ing)|provid(?:e|ing)|do(?:ing)?) "
    r"(?:the |these |this |it |them |that )?(?:[\w-]+ ){0,3}?ourselves",
    # "comparing the cost of employing Council cleaning staff with contracting the service"
    r"employ\w* (?:the )?council(?:['’]s)? (?:own )?(?:[\w-]+ ){0,2}?(?:staff|employees|workforce)",
    # "Continue to provide the CCTV control room with Council-employed operators"
    r"(?:council|directly)[- ]employed (?:[\w-]+ )?(?:staff|operators|workers|workforce|officers|"
    r"employees)",
    r"(?:under|in|within|into) (?:the )?(?:direct )?(?:council|local authority|public|public "
    r"sector)(?:['’]s)? (?:direct )?(?:control|ownership|management|operation)",
    r"(?:under|in|within|into) direct (?:control|ownership|management)",
    # "keeping the centre in Council hands"
    r"(?:in|into|within) (?:the )?(?:council|local authority|public)(?:['’]s)? hands",
    # "to run the equipment store directly through the Council and its partners"
    r"(?:run|deliver|provide|operate|manage)\w* (?:the |this |these |its )?(?:[\w-]+ ){0,5}?"
    r"directly (?:through|by|within) the (?:council|authority)",
    # "Officers assessed whether the Council could run the scheme itself"
    r"(?:council|authority) (?:could|would|should|can|might|itself) (?:deliver|provide|run|"
    r"operate|manage)\w* (?:the |this |these |its |it |them )?(?:[\w-]+ ){0,3}?(?:itself|"
    r"themselves|directly|in-house|internally)\b",
    # "the council delivering the service directly", "the council running the centres itself"
    r"(?:council|authority) (?:deliver(?:ing|s)?|provid(?:ing|es)?|run(?:ning|s)?|"
    r"operat(?:ing|es)?|manag(?:ing|es)?) (?:the |this |these |its )?(?:[\w-]+ ){0,3}?"
    r"(?:services?|facilit(?:y|ies)|centres?|homes?) (?:itself|themselves|directly|internally)",
    # ("Option A, retain within the Council with a reduced budget": the service unnamed)
    r"(?:retain|retaining|keep|keeping)\w* (?:(?:the |this )?(?:[\w-]+ ){0,2}?(?:services?|"
    r"facilit(?:y|ies)|teams?|staff|functions?|management|operation|running) |it |them )?"
    r"(?:with)?in the (?:council|authority)\b(?!['’])",
    # "or whether it should be delivered from September by the Council's own Children's
    # Services workforce"
    r"(?:delivered|provided|run|operated|managed|undertaken|carried out)\b[^.;]{0,40}?\bby "
    r"(?:the )?(?:council|authority)['’]s own (?:[\w'’-]+ ){0,3}?(?:workforce|staff|teams?|"
    r"employees|services?)",
    # "considered expanding the Partnership's own Homelessness Casework Team to deliver visiting
    # support directly"
    r"(?:expand\w*|grow\w*|enlarg\w*|build\w* up) (?:the |its |our )?(?:[\w'’-]+['’]s )?own "
    r"(?:[\w-]+ ){0,3}?(?:teams?|workforce|staff)\b",
    # "Option A: Retain within the Council's Business Support Centre - net cost £3.9m a year"
    # ("retaining monitoring in the Council's own control room had been costed")
    r"(?:retain\w*|keep\w*) (?:it |them |the |this )?(?:[\w-]+ ){0,2}?(?:with)?in (?:the )?"
    r"(?:council|authority)['’]s (?:own )?(?:[\w-]+ ){0,3}?(?:centres?|teams?|services?|units?|"
    r"departments?|directorates?|workforce|control rooms?)\b",
    # "Deliver the service through the Council's Housing Options team: rejected"
    r"deliver\w* (?:the |this )?(?:service|services|it|them) (?:through|by|using|via) (?:the )?"
    r"(?:council|authority)['’]s (?:[\w-]+ ){0,3}?(?:teams?|service|staff|workforce|officers)",
    # A council-owned company is council control: weighing one is weighing in-house delivery.
    r"(?:local authority|council)[- ](?:owned )?trading compan(?:y|ies)|latcos?|teckal compan\w*",
    r"council[- ](?:run|operated|managed|delivered|provided)",
    # "Council-led redevelopment through the council's housing company was appraised"
    r"council[- ]led (?:option|delivery|provision|redevelopment|development|scheme|model)",
    # "We looked at keeping all branches staffed by the council": carrying on as the council
    # runs it now is the in-house option.
    r"(?:keep\w*|continu\w*|remain\w*|retain\w*|stay\w*)\b[^.;]{0,50}?\b(?:run|staffed|"
    r"operated|managed|delivered|provided) (?:directly )?by (?:the )?(?:council|authority)"
    r"(?!['’]s)\b",
    # "using the Council's own workforce", "the Council's own housing support team was costed"
    # (the Western Isles council calls itself "the Comhairle")
    r"(?:council|authority|comhairle)['’]s own (?!(?:procurement|legal|commissioning|finance|audit|"
    r"contract management|client|property|estates|it)\b)(?:[\w-]+ ){0,4}?(?:workforce|staff|"
    r"employees|teams?|officers|fleet|provision|units?|day centres?|care homes?|services?)",
    r"(?:other |existing )?local authority (?:run |operated |managed )?(?:day centres?|"
    r"care homes?|homes|provision)",
    r"retention of (?:the )?(?:existing|current) (?:in-house )?services?",
    r"(?:retain|retaining|keep|keeping|maintain|maintaining) (?:the |this )?(?:existing |"
    r"current )?(?:services?|facilities) (?:in[- ]house|internally|directly)",
    # "through Council-employed staff", "the current direct service (Council operatives)",
    # "to employ catering staff directly", "brought back under the Council's operational teams"
    r"(?:council|authority)[- ]employed (?:staff|workers|employees|teams?|officers)",
    # "the contract expiring with the service reverting to the Council" (the do-minimum
    # option), "the homes stay with the Council" (a stock options appraisal)
    r"(?:revert\w*|reverted) (?:back )?to (?:the )?(?:council|authority)\b(?!['’]s\b)",
    r"(?:stay\w*|remain\w*) with (?:the )?(?:council|authority)\b(?!['’]s\b)[^.;]{0,12}?"
    r"\boptions?\b",
    r"options? (?:for |of )?(?:the )?(?:[\w-]+ ){0,2}?(?:(?:to )?stay\w*|(?:to )?remain\w*) "
    r"with (?:the )?(?:council|authority)\b(?!['’]s\b)",
    # "Option B: Return operation to the Council"
    r"return\w* (?:the )?(?:operation|service|services|delivery|running|management|work)\b"
    r"[^.;]{0,20}? to (?:the )?(?:council|authority)\b",
    # "continuing to staff the houses directly has not been sustainable"
    r"staff(?:ing)? (?:the )?(?:[\w'’-]+ ){0,3}?directly",
    # "a dedicated Council catering team would cost £94k a year more"
    r"(?:dedicated|new|own) (?:council|authority) (?:[\w-]+ ){0,2}?(?:teams?|staff|workforce)",
    # "Staffing the control room directly with Council employees was assessed"
    r"(?:directly )?with (?:the )?(?:council|authority)(?:['’]s)? (?:own )?(?:employees|staff)",
    r"(?:current|existing) direct services?",
    r"employ\w* (?:[\w-]+ ){0,2}?staff directly|directly[- ]employed",
    # "the Council directly employing the specialist staff"
    r"directly employ\w* (?:the |its |our |own )?(?:[\w-]+ ){0,2}?(?:staff|workers|employees|"
    r"workforce)",
    r"br(?:ing|ings|inging|ought) (?:it |the service |them |the work )?back (?:under|into|within)"
    r" (?:the )?(?:council|authority)",
    # "Option A - the Council designs, builds and operates the crematorium itself"
    r"(?:council|authority) (?:[\w-]+, ){0,3}?(?:(?:[\w-]+ )?and )?(?:operates|runs|delivers|"
    r"provides|manages) (?:the |this |these |its |it |them )?(?:[\w-]+ ){0,4}?itself\b",
    # "not practicable for the Council to run the off-island waste haulage itself"
    r"(?:council|authority) to (?:run|operate|deliver|provide|manage|do) (?:the |this |these |"
    r"its )?(?:[\w-]+ ){1,5}?itself",
    # Leisure's name for in-house: "continued direct management by Council", "a return to
    # direct management", "Direct management was discounted".
    r"direct (?:council )?management\b",
    r"(?:continu\w*|return\w*|revert\w*|retain\w*|bring\w*|remain\w*)(?: [\w-]+){0,3}? "
    r"(?:to |under |in |into )(?:direct (?:council )?(?:control|provision|delivery|operation))",
    r"direct (?:provision|delivery|operation) by (?:the )?(?:council|authority)",
    # Housing stock transfers: the in-house limb is keeping the stock.
    r"(?:retain|retaining|keep|keeping) (?:the )?(?:housing )?stock",
)

# Cheap pre-filter for INHOUSE_TERM (see Rule.trigger).
_INHOUSE_TRIGGER = (
    "house",
    "internal",
    "direct",
    "control",
    "ownership",
    "council-",
    "council run",
    "council operated",
    "council managed",
    "council delivered",
    "council provided",
    "local authority",
    "retention",
    "retain",
    "keep",
    "maintain",
    "dso",
    "council deliver",
    "council provid",
    "council run",
    "council operat",
    "council manag",
    "authority deliver",
    "authority provid",
    "authority run",
    "within the council",
    "within the authority",
    "council staff",
    "council's own staff",
    "expand",
    "council's staff",
    "authority's own",
    "council employees",
    "council workforce",
    "council's employees",
    "council's workforce",
    "authority staff",
    "trading compan",
    "latco",
    "teckal",
    "itself",
    "sourc",
    "s own",
    "by the council",
    "by the authority",
    "hands",
    "directly through",
    "through the council",
    "by the council's",
    "directly by",
    "directly within",
    "ourselves",
    "employ",
    "brought back",
    "recreat",
    "re-creat",
    "reinstat",
    "re-establish",
    "reestablish",
    "provider arm",
    "provider service",
    "provider unit",
    "provider team",
    "dedicated",
    "return",
    "bring back",
    "bringing back",
    "revert",
    "with the council",
    "with the authority",
)

# Reasons councils give why the current (in-house) service cannot go on as it is.
REASON_AGAINST = _alt(
    r"unaffordable|(?:un|not |no longer )(?:financially )?(?:viable|sustainable|affordable)",
    r"unlikely to be (?:financially )?(?:viable|sustainable)",
    r"no (?:further )?scope to (?:reduce|cut) costs",
    r"running at a (?:substantial |significant |considerable )?(?:loss|deficit)",
    r"would not (?:produce|deliver|achieve|generate) (?:sufficient|enough|the required|"
    r"the necessary) savings",
    r"(?:relatively |very )?high unit costs",
)

# The service is shown to be in-house today; a reason against it is then a reason against
# the in-house option (rule inhouse_reason_against).
INHOUSE_DESCRIPTOR = _re(
    r"\b(?:internal|in[- ]house|directly[- ](?:provided|delivered|run|managed)|council[- ]"
    r"(?:run|operated|managed|provided))\b (?:[\w-]+ ){0,3}?(?:services?|provision|homes?|"
    r"centres?)\b",
    r"\bcurrently (?:provided|delivered|run|managed|operated) (?:in[- ]house|internally|"
    r"directly|by the council(?!['’]s))\b",
    r"\bunder (?:council|direct|local authority) control\b",
)
