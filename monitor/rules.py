"""The monitor's rules, grouped by label. Each rule has a name and a one-line *why*.

How they are used (see ``classify.py``, and ``docs/monitor.md`` for the plain-words version):

* A :class:`Rule` finds evidence for one label in one sentence. ``pattern`` is what the quote is
  centred on; ``also`` must appear in the same sentence too; ``section`` limits the rule to
  sentences under one kind of heading (e.g. "Other options considered"). ``weak`` rules
  (unqualified mentions such as "subject to consultation") count only when nothing in the
  document says the consultation was with staff or the market.
* A :class:`FalseFriend` sets aside a match that looks like evidence but is not: "in
  consultation with the Cabinet Member" (delegation wording), "market engagement", staff or
  TUPE consultation, a lease *to* the council, goods and works, an option that was rejected...
  Set-aside matches are returned as ``discounted`` evidence so that reviewers can see them.
* A :class:`Blocker` is a document-level fact that means the record is not outsourcing at all,
  however much outsourcing vocabulary it has: insourcing, a council-owned company (LATCo), a
  shared service between councils.

The patterns follow how UK councils word decisions, reports, forward plans, statutory notices
and procurement notices. All are case-insensitive. Each pattern is written as a list of
alternatives, one way of saying it per line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

RULES_SERIES = "2026.11.24"  # date of the last deliberate review of these rules

OUTSOURCING = "is_outsourcing"
ASSET_SALE = "is_asset_sale"
CONSULTATION = "has_consultation"
INHOUSE = "has_inhouse_statement"
LABELS = (OUTSOURCING, ASSET_SALE, CONSULTATION, INHOUSE)


def _alt(*parts: str) -> str:
    return "(?:" + "|".join(parts) + ")"


# A hyphenated compound broken at the end of a line comes out of PDF or hard-wrapped web text
# as "in- house", "re- procurement" once lines are joined with a space. Every optional or
# alternative hyphen in a pattern ("re-?tender", "in[- ]?house") also accepts a hyphen followed
# by a space.
# (Single-character steps, not groups: these patterns run on every sentence of long reports.)
_HYPHEN_FORMS = (
    (re.compile(r"\[- \]\?"), "[- ]? ?"),
    (re.compile(r"\[- \](?![?*+{])"), "[- ] ?"),
    (re.compile(r"(?<=[A-Za-z])-\?"), "-? ?"),
)


def _hyphen_tolerant(source: str) -> str:
    for form, replacement in _HYPHEN_FORMS:
        source = form.sub(lambda _m, r=replacement: r, source)
    return source


def _re(*parts: str) -> re.Pattern[str]:
    """Compile alternatives (one way of saying it per argument), case-insensitive, with
    hyphens that tolerate a line-end break (see ``_HYPHEN_FORMS``)."""
    source = parts[0] if len(parts) == 1 else "|".join(parts)
    return re.compile(_hyphen_tolerant(source), re.I)


def _words(n: int) -> str:
    """A lazy gap of up to ``n`` words (hyphenated words, "&", "/" and commas included)."""
    return rf"(?:[\w'’&/,()-]+ ){{0,{n}}}?"


# Up to four words of an object that do not run across a preposition ("secure a future for a
# leisure service" is not securing a service).
_OBJECT_WORDS = r"(?:(?!(?:for|of|to|in|from|with|by|on|at)\b)[\w'’&/,()-]+ ){0,4}?"


@dataclass(frozen=True)
class Rule:
    name: str
    label: str
    why: str
    pattern: re.Pattern[str]
    also: re.Pattern[str] | None = None
    section: str | None = None
    weak: bool = False
    # Lower-case fragments one of which must be in the sentence before the pattern is tried:
    # a cheap filter that keeps the rules fast on long reports (empty = always try).
    trigger: tuple[str, ...] = ()


@dataclass(frozen=True)
class FalseFriend:
    """Sets aside a match for ``labels`` when ``pattern`` is found in ``scope``.

    Scopes: ``sentence`` (the whole sentence), ``before`` (60 characters before the match, and
    the match), ``just_before`` (the 30 characters right before the match), ``lead`` (the 80
    characters right before the match), ``after`` (the match and 80 characters after it),
    ``section`` (the sentence sits under a heading whose kind is ``pattern.pattern``).
    ``unless`` rescues the match when found in the same window (in the whole sentence for
    ``section``, or when ``unless_in_sentence``), read with :data:`NOT_PEOPLE` masked out.
    ``only_rules`` limits the false friend to matches of those rules.
    """

    name: str
    labels: frozenset[str]
    why: str
    pattern: re.Pattern[str]
    scope: str = "sentence"
    unless: re.Pattern[str] | None = None
    only_rules: frozenset[str] | None = None
    unless_in_sentence: bool = False


@dataclass(frozen=True)
class Blocker:
    name: str
    why: str
    pattern: re.Pattern[str]
    # Sentences where the blocker is only an option being discussed, costed or rejected.
    unless: re.Pattern[str] | None = None
    trigger: tuple[str, ...] = ()
    # Must also be in the sentence (unless it sits under a "Decision" heading): what makes it
    # the record's decision or proposal rather than a mention.
    also: re.Pattern[str] | None = None
    # The blocker gives way when the record also *decides* to outsource something (a match
    # under a decision heading, in a decision sentence or in the title): a record that ends
    # one contract and lets another is still outsourcing.
    yields_to_decision: bool = False


# --------------------------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------------------------

# Public services that councils contract out. Used to tell a service contract from a goods
# purchase ("refuse collection vehicles" are goods; "refuse collection" is a service).
SERVICE_DOMAIN = _alt(
    r"care|domiciliary|reablement|supported living|day (?:care|services?|opportunities)",
    r"respite|homecare|home support|extra care|residential|nursing|social work|advocacy",
    r"early years|children['’]?s centres?|youth|family support|fostering|public health",
    r"sexual health|substance misuse|drugs? and alcohol|health visiting|school nursing",
    r"wellbeing|leisure|sports?|swimming|pools?|golf|gyms?|librar(?:y|ies)|museums?",
    r"theatres?|arts|culture|cultural|heritage|parks?|grounds maintenance|green spaces?",
    r"waste|refuse|recycling|street cleansing|cleansing|cleaning|catering|meals",
    r"facilities management|hard fm|soft fm|maintenance|repairs|housing management",
    r"homelessness|temporary accommodation|highways|street lighting|parking enforcement",
    r"pest control|cemeter(?:y|ies)|crematori(?:um|a)|transport|passenger|home to school",
    r"it managed service|ict|managed service|revenues|benefits|customer services",
    r"contact centre|payroll|hr|building control|enforcement|environmental health",
    r"security|concierge|hygiene|monitoring",
)

# Goods and capital works: buying them is not contracting out a service.
GOODS = _alt(
    r"vehicles?|fleet|lorries|vans|licen[cs](?:e|es|ing)|re-?sell(?:er|ers|ing)?",
    r"software|hardware|equipment|furniture|fuel|materials|laptops?|devices|uniforms",
    r"bins|containers|bus shelters|frozen meals|supply (?:of|and delivery)|purchase of",
    r"(?:capital|construction|building|refurbishment|highway|resurfacing|demolition|repair"
    r"|maintenance|improvement|civil|remediation|groundworks?) works",
    r"(?:refurbishment|construction|demolition|installation|remedial|capital|civil|building)"
    r" work",
    r"refurbishment|new build|construction of|build(?:ing)? of|installation of|erection of",
    r"design and build|demolition|retrofit|works? (?:contracts?|programmes?|packages?|"
    r"frameworks?)",
    r"(?:roofs?|roofing|lifts?|boilers?|windows?|heating|kitchens?|bathrooms?|walls?|"
    r"retaining walls?|bridges?|culverts?|cladding|drainage) (?:replacements?|"
    r"refurbishments?|upgrades?|installations?|renewals?)",
    r"replacement (?:of )?(?:the |a )?(?:roofs?|lifts?|passenger lifts?|boilers?|windows?|"
    r"heating|retaining walls?)",
    r"(?:venue|vehicle|equipment|plant|room|car|coach) hire",
)
# Nouns that make a service word a mere description of goods ("street cleansing vehicles").
_GOODS_HEAD = (
    r"(?:vehicles?|equipment|fleet|lorries|vans|bins|containers|machinery|plant|hardware|"
    r"software|licen[cs]es|infrastructure|parts)"
)

# Who counts as "the public" for a consultation.
PUBLIC = _alt(
    r"residents?",
    # "the public" but not "the public open space", "the public interest"...
    r"(?:the|general|wider|local) public(?! (?:open|sector|interest|realm|health|notices?|"
    r"reports?|rights?|toilets|transport|access|meetings?|documents?|house|law|bod(?:y|ies)|"
    r"funds?|money|purse|services?|consultation))",
    r"members? of the public|public at large",
    r"(?:service|facility|library|centre|leisure|park|site|existing|current|bus|day centre)"
    r"[- ]users?",
    r"users?|carers?|famil(?:y|ies)|tenants?|leaseholders?|patients?|parents?|pupils?",
    r"young people|older people|local people|people who use|people using",
    r"(?:the|local|wider|affected|whole) communit(?:y|ies)|communities|community groups?",
    r"customers?|citizens?|visitors?|households?|local businesses|neighbours?",
    r"the people of|taxpayers|voters|electors|friends groups?|user groups?",
)
PUBLIC_RE = _re(rf"\b{PUBLIC}\b")

# Compounds that contain a "public" word but are not people. They are blanked out (same
# length) before consultation rules and rescues read a sentence.
NOT_PEOPLE = _re(
    # "Community Impact Assessment": the word before is masked through a lookahead, so the
    # pattern starts with literals (a leading "any word" would be tried at every position).
    r"\b(?:community|resident|residents|equality|equalities|integrated|customer|health|"
    r"environmental|family|children['’]?s|rural|economic) (?=impact assessment)",
    r"\bimpact assessments?\b",
    r"\bcommunity (?:librar(?:y|ies)|assets?|asset transfers?|safety|services?|information|"
    r"infrastructure|interest compan\w*|centres?|halls?|hubs?|wealth|development|"
    r"investment programme|infrastructure levy)\b",
    # Job and committee titles: "Cabinet Member for Communities", "Director of Children and
    # Families" (the capitalised words after "for"/"of").
    r"\b(?:cabinet|executive|portfolio|lead|deputy) (?:member|holder|councillor|lead)s?"
    r"(?: for| of)(?: (?-i:[A-Z&])[\w&,’'-]*| and| of| the| for){1,6}",
    r"\b(?:director|directorate|head|manager|department|service|services|team|officer|"
    r"scrutiny|committee|panel|board|select committee)(?: of| for)"
    r"(?: (?-i:[A-Z&])[\w&,’'-]*| and| of| the){1,6}",
    r"\b(?:customer|user|resident|tenant|family|visitor)s?['’]? (?:services?|experience team|"
    r"requirements|numbers|charter|charges|fees|parking|permits?|portal|accounts?)\b",
    r"\bhousehold (?:waste|recycling|refuse|collections?|support|bins?|goods)\b",
    r"\bfamily (?:hubs?|centres?|services|support|courts?|group|information|help)\b",
    r"\bchildren['’]?s (?:centres?|services|homes?)\b",
)

# Committees, boards and directorates named after the people they serve ("Children and Young
# People Select Committee", "Communities Directorate") are bodies of the council, not the
# public. Their names are masked like NOT_PEOPLE (see mask_named_bodies); a tenants' or
# residents' committee or board is the public's own body and is kept.
_BODY_NOUN = re.compile(
    r"\b(?:(?:Cabinet|Select|Scrutiny|Policy|Advisory|Joint|Overview and Scrutiny) )?"
    r"(?:Committee|Sub-Committee|Directorate|Board)s?\b"
)
_BODY_NAME = re.compile(r"(?:(?<![\w’'-])[A-Z][\w’'&-]*,? (?:(?:and|&|of|for|the) )?){1,8}$")
_PUBLIC_BODY = re.compile(
    r"(?:tenants?|residents?|users?|leaseholders?|parents?|carers?|patients?|citizens?|"
    r"customers?)['’]?s?,? $",
    re.I,
)


def mask_named_bodies(text: str) -> str:
    """``text`` with the names of council committees, boards and directorates blanked out
    (same length, so offsets still point into the original)."""
    if "Committee" not in text and "Directorate" not in text and "Board" not in text:
        return text
    out = text
    for noun in _BODY_NOUN.finditer(text):
        lo = max(0, noun.start() - 120)
        window = text[lo : noun.start()]
        name = _BODY_NAME.search(window)
        if name is None or _PUBLIC_BODY.search(name.group(0)):
            continue
        start = lo + name.start()
        out = out[:start] + " " * (noun.start() - start) + out[noun.start() :]
    return out


STAFF = r"(?:staff|employees?|workforce|trade unions?|unions?|tupe|personnel|unison|gmb)"
COUNCILLORS = _alt(
    r"(?:ward|local|elected|divisional) (?:members|councillors)|councillors",
    r"parish (?:clerks?|councils?)|town councils?|partner (?:organisations|bodies|agencies)",
)

# Words that show an in-house option is *appraised* rather than mentioned in passing.
OPTION_CONTEXT = _alt(
    r"options?|alternatives?|apprais\w*|assess\w*|compar\w*|consider(?:ed|ation)",
    r"reject\w*|dismiss\w*|discount\w*|evaluat\w*|versus|vs\.?|benchmark\w*|whether",
    r"not (?:a )?(?:feasible|viable|affordable|possible|practical|practicable|sustainable|"
    r"appropriate|realistic)",
    r"no longer|would not|could not|cannot|unable|unaffordable|unviable|no (?:further )?scope",
    r"business case|preferred|recommend\w*|disadvantages?",
    r"(?:tested|evaluated|assessed|benchmarked|compared) against",
)

# The in-house option, however councils name it.
INHOUSE_TERM = _alt(
    r"in[- ]?house",
    # Bare "internally" ("monitored internally") is too loose; delivery verbs make it an option.
    r"(?:delivered|provided|run|managed|operated|deliver(?:ing)?|provid(?:e|ing)) "
    r"(?:the services? )?internally",
    r"internal (?:delivery|provision|provider|service|services|option|bid|team bid)",
    r"direct (?:service )?(?:provision|delivery)|direct (?:labour|services) organisation|DSO",
    r"directly (?:provided|delivered|managed|run|operated|employed)",
    r"(?:under|in|within) (?:council|direct|local authority|public) (?:control|ownership)",
    r"council[- ](?:run|operated|managed|delivered|provided)",
    r"(?:other |existing )?local authority (?:run |operated |managed )?(?:day centres?|"
    r"care homes?|homes|provision)",
    r"retention of (?:the )?(?:existing|current) (?:in-house )?services?",
    r"(?:retain|retaining|keep|keeping|maintain|maintaining) (?:the |this )?(?:existing |"
    r"current )?(?:services?|facilities) (?:in[- ]house|internally|directly)",
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

# Things councils dispose of.
ASSET_OBJECT = _alt(
    r"land|sites?|property|properties|premises|buildings?|assets?|open spaces?|freeholds?",
    r"leaseholds?|plots?|parcels?|depots?|schools?|offices?|farms?|allotments?|car parks?",
    r"garages?|halls?|hotels?|shops?|houses?|homes?|dwellings?|estates?|woodlands?|fields?",
    r"playing fields?|pavilions?|centres?|libraries|library|yards?|units?|acres?|hectares?",
    r"greens?|bowling greens?|pitch(?:es)?|playgrounds?|gardens?|woods?|meadows?|commons?",
    r"quarr(?:y|ies)|pubs?|cottages?|flats?|workshops?|stores?|barns?|kiosks?|toilets",
    r"m²|sq\.? ?m",
)

# A gap inside one sentence; "£1.2m" does not end it.
_GAP80 = r"(?:[^.;]|\.(?=\d)){0,80}?"

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
# Agreements that let a service (a lease or a section 106 agreement does not).
_SERVICE_AGREEMENT = (
    r"(?:management|service|services|operating|partnership|framework|call-off|provider|"
    r"concession) agreements?"
)
_TRANSFER_TARGET = _alt(
    r"trusts?|organisations?|organizations?|mutuals?|social enterprises?",
    r"community interest compan(?:y|ies)|cic|charit(?:y|ies)|providers?|operators?",
    r"compan(?:y|ies)|partners?|sector",
)

OUTSOURCING_RULES: tuple[Rule, ...] = (
    Rule(
        "procurement_started",
        OUTSOURCING,
        "Approving or starting a procurement or tender is the first formal step of contracting"
        " a service out.",
        _re(
            rf"\b{_START_VERB} (?:a |an |the |this |its |their )?(?:new )?(?:competitive |formal "
            rf"|open |compliant |full |single |joint )?(?:and compliant )?{_PROC}"
            r"(?: (?:process|exercise|procedure|strategy|route|programme|plan))?\b",
            rf"\b{_PROC} (?:process|exercise|procedure) (?:be|is to be|will be|to be|was|has been"
            r"|had) (?:undertaken|commenced|carried out|launched|run|started|approved)\b",
        ),
        trigger=("procure", "tender"),
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
            r"\bgo(?:ing|es)? out to (?:tender|the market)\b",
            r"\bre-?tender(?:ed|ing|s)?\b|\bre-?procur(?:e|ed|es|ing|ement)\b",
            r"\bre-?commission(?:ed|ing|s)?\b",
            rf"\btender (?:a |an |the |this |its |our |their )(?:new )?{_OBJECT_WORDS}"
            r"(?:services?|contracts?)\b",
            rf"\bre-?let(?:ting|s)? (?:of )?(?:the |a |its )?{_words(5)}contracts?\b",
        ),
        trigger=("tender", "procur", "commission", "let"),
    ),
    Rule(
        "enter_into_contract",
        OUTSOURCING,
        "Entering into a contract or management agreement for a provider to run a service.",
        _re(
            r"\benter(?:s|ed|ing)? into (?:a |an |the )?(?:new )?(?:[\w-]+ ){0,3}?(?:contract|"
            r"management agreement|concession|partnership agreement|service agreement|"
            r"operating agreement)s?\b[^.;]{0,100}?\b(?:for (?:the )?(?:provision|management|"
            r"delivery|operation|running)|to (?:provide|deliver|manage|operate|run))\b",
        ),
        trigger=("enter",),
    ),
    Rule(
        "procure_service",
        OUTSOURCING,
        "Procuring, commissioning or seeking an operator, provider or partner for a service.",
        _re(
            r"\b(?:procure|procuring|commission|commissioning|seek|seeking|secure|securing) "
            r"(?:a |an |the |new )(?:new |single |preferred |suitable |external |experienced |"
            rf"specialist )?{_OBJECT_WORDS}(?:services?|operators?|providers?|(?:delivery |"
            r"strategic |commercial )?partners?|contractors?|operating partner)\b",
        ),
        trigger=("procur", "commission", "seek", "secur"),
    ),
    Rule(
        "tender_for_service",
        OUTSOURCING,
        "Tendering or market-testing a named service.",
        _re(
            r"\btender(?:ing)? (?:of|for) (?:the )?(?:provision of |management of |operation of"
            rf" )?{_words(6)}(?:services?|management|provision|operation|contracts?|centres?|"
            r"facilities)\b",
            r"\bmarket[- ]test(?:ed|ing)?\b|\btest(?:ing)? the market\b",
        ),
        also=_re(r"\bservices?\b|\bcontracts?\b"),
        trigger=("tender", "market"),
    ),
    Rule(
        "contract_award",
        OUTSOURCING,
        "Awarding a contract or concession (after tender or directly) hands the service to a"
        " provider.",
        _re(
            rf"\baward(?:s|ed|ing)? (?:of )?(?:a |the |an |new )?(?:new )?{_words(4)}contracts?\b",
            r"\bcontracts?\b[^.;]{0,80}?\b(?:be|is|was|were|being|to be|has been|have been|"
            r"will be) (?:awarded|let|re-?let)\b",
            r"\b(?:award|let|grant)\w* (?:a |the |an )?(?:new )?(?:[\w-]+ ){0,3}?concessions?"
            r"(?: contracts?)?\b",
            r"\bcontract awards?\b",
            r"\bdirect(?:ly)? award(?:ed|ing)? (?:of )?(?:a |the |an )?(?:new )?(?:contracts? )?"
            r"(?:to|for)\b",
            r"\bsuccessful (?:tenderer|bidder|provider)\b",
        ),
        trigger=("award", "contract", "concession", "successful"),
    ),
    Rule(
        "preferred_bidder",
        OUTSOURCING,
        "Selecting a preferred bidder or provider is the award stage of a procurement.",
        _re(
            r"\bpreferred (?:and reserved )?(?:bidders?|bids?|providers?|operators?|partners?|"
            r"tenderers?)\b",
        ),
        also=_re(rf"\bservices?\b|\bcontracts?\b|\b{SERVICE_DOMAIN}\b|\bpartner|\boperat"),
        trigger=("preferred",),
    ),
    Rule(
        "appoint_provider",
        OUTSOURCING,
        "Appointing an operator, provider or delivery partner to run a service.",
        _re(
            r"\bappoint(?:ing|ment of)? (?:a |an |the )?(?:preferred |new |single |specialist |"
            rf"external |experienced )?{_words(3)}(?:providers?|operators?|delivery partners?|"
            r"strategic partners?|contractors?)\b",
            r"\b(?:a|the) (?:new |single |preferred |experienced )?(?:[\w-]+ )?operator "
            r"(?:would be |will be |to be |be )?(?:selected|appointed|procured)\b",
        ),
        trigger=("appoint", "operator"),
    ),
    Rule(
        "contract_extension",
        OUTSOURCING,
        "Extending, varying or renewing a service contract keeps the service with the outside"
        " provider.",
        _re(
            rf"\bextensions? (?:of|to) (?:the )?{_words(10)}(?:contracts?|{_SERVICE_AGREEMENT})\b",
            rf"\bextend(?:s|ed|ing)? (?:the )?{_words(8)}(?:contracts?|framework"
            r"(?: agreements?)?)\b",
            r"\bcontract (?:extensions?|variations?)\b",
            rf"\b(?:vary|varying|variation (?:of|to)) (?:the )?{_words(6)}contracts?\b",
            rf"\b(?:continuation|renewal) of (?:the )?{_words(6)}(?:contracts?|"
            rf"{_SERVICE_AGREEMENT})\b",
        ),
        trigger=("extens", "extend", "vary", "variation", "continuation", "renewal"),
    ),
    Rule(
        "transfer_to_provider",
        OUTSOURCING,
        "Transferring a service to a trust, mutual, social enterprise or provider outsources it.",
        _re(
            r"\btransfer(?:s|red|ring)? (?:of )?(?:the |this |these |its |their |all )?"
            rf"{_words(6)}(?:services?|management|operation|provision|running|{SERVICE_DOMAIN} "
            r"(?:centres?|facilities|homes)|libraries|museums|theatres)\b[^.;]{0,80}?\bto\b"
            rf"[^.;]{{0,80}}?\b{_TRANSFER_TARGET}\b",
            r"\b(?:services?|management|operation)\b[^.;]{0,40}?\b(?:be |to be |being |was |were"
            r" )?transferred to (?:a |an |the )(?:new |existing |independent )?(?:[\w-]+ ){0,2}?"
            r"(?:trusts?|organisations?|mutuals?|providers?|operators?|compan(?:y|ies)|"
            r"charit(?:y|ies))\b",
        ),
        trigger=("transfer",),
    ),
    Rule(
        "outsourcing_agreed",
        OUTSOURCING,
        "An agreed (or in-principle) decision to outsource or externalise a service.",
        _re(r"\b(?:outsourc\w*|externalis\w*|externaliz\w*|contract(?:ing)? out)\b"),
        also=_re(
            r"\b(?:agree\w*|approv\w*|endors\w*|in principle|proceed\w*|authoris\w*|resolved|"
            r"decided|recommend\w*)\b"
        ),
        trigger=("outsourc", "externali", "contract out", "contracting out"),
    ),
    Rule(
        "strategic_partnership",
        OUTSOURCING,
        "A strategic partnership or joint venture with a firm to deliver council services.",
        _re(r"\bstrategic partner(?:s|ship)?\b|\bjoint venture\b"),
        also=_re(rf"\bservices?\b|\bdeliver\w*|\b{SERVICE_DOMAIN}\b"),
        trigger=("strategic partner", "joint venture"),
    ),
    Rule(
        "business_transfer",
        OUTSOURCING,
        "A business transfer agreement or sale 'as a going concern' hands over a running service.",
        _re(r"\bbusiness transfer agreements?\b|\bas (?:a )?going concerns?\b"),
        trigger=("business transfer", "going concern"),
    ),
    Rule(
        "spin_out",
        OUTSOURCING,
        "Staff spin-outs and public service mutuals leave council control.",
        _re(
            r"\bspin[- ]?outs?\b",
            r"\b(?:staff|employee)[- ](?:led |owned )?mutuals?\b|\bpublic service mutuals?\b",
        ),
        trigger=("spin", "mutual"),
    ),
    Rule(
        "stock_transfer",
        OUTSOURCING,
        "A housing stock transfer moves the landlord service to a housing association.",
        _re(
            r"\b(?:housing )?stock transfer\b",
            r"\btransfer (?:of )?(?:the council['’]s )?housing stock\b",
        ),
        trigger=("stock",),
    ),
    Rule(
        "framework_for_services",
        OUTSOURCING,
        "Setting up a framework or dynamic purchasing system of providers for a service.",
        _re(
            r"\b(?:frameworks?(?: agreements?)?|dynamic purchasing systems?) for (?:the provision"
            rf" of )?{_words(6)}services?\b",
            r"\b(?:establish|set up|setting up|create|procure)\w* (?:a |an |the )?(?:new )?"
            r"(?:framework|dynamic purchasing system|dps)\b",
        ),
        also=_re(r"\bservices?\b"),
        trigger=("framework", "dynamic purchasing", "dps"),
    ),
    Rule(
        "run_on_councils_behalf",
        OUTSOURCING,
        "A partner that will run a service on the council's behalf is an outside operator.",
        _re(
            r"\b(?:run|manage|operate|deliver|provide)\w*\b[^.;]{0,60}?\bon (?:the|its|their) "
            r"(?:council['’]s |councils['’] |authority['’]s )?behalf\b",
        ),
        also=_re(r"\bpartner|\bprovider|\boperator|\bcontract"),
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
            r"\b(?:operator|operating|management|concession|service|services|outsourced) "
            r"(?:contract|agreement)s?\b"
        ),
        also=_re(
            r"\b(?:new|proposed|future|next|procur\w*|award\w*|tender\w*|re-?let|appoint\w*|"
            r"secure|select\w*)\b"
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

# Procurement notices (Find a Tender, Contracts Finder) describe what is bought: a service
# subject makes a tender or award notice an outsourcing notice.
NOTICE_SERVICE_SUBJECT = _re(
    rf"\b(?:provision|delivery|management|operation|running) of {_words(6)}(?:services?|"
    r"facilities|centres?)\b",
    rf"\b{SERVICE_DOMAIN} (?:services?|operators?|providers?|contracts?|framework)\b",
    r"\b[\w-]+ services\b|\bplacements?\b|\bto operate\b|\boperation of\b",
)
# In a notice's title (its first sentence) a service word alone names the subject
# ("Home to School Transport", "Grounds Maintenance").
NOTICE_TITLE_SERVICE = _re(rf"\b{SERVICE_DOMAIN}\b")
# Procurement Act notice types that are steps towards letting a contract.
OUTSOURCING_NOTICE_TYPES = frozenset({"UK1", "UK2", "UK3", "UK4", "UK5", "UK6", "UK7"})
NOTICE_SIGNALS = {
    "UK9": "performance_notice",
    "UK10": "contract_change",
    "UK11": "termination",
    "UK12": "procurement_termination",
}
# Notices that report on a contract (performance, termination, cancellation) rather than let one.
NOT_LETTING_NOTICE_TYPES = frozenset({"UK9", "UK11", "UK12"})

# --------------------------------------------------------------------------------------------
# Asset sales
# --------------------------------------------------------------------------------------------

_STOCK_TRANSFER = _re(
    r"\b(?:housing )?stock transfer\b",
    r"\btransfer (?:of )?(?:the council['’]s )?housing stock\b",
)

ASSET_RULES: tuple[Rule, ...] = (
    Rule(
        "disposal_of_land",
        ASSET_SALE,
        "Disposal of council land, buildings or open space is the legal term for selling it.",
        _re(
            r"\bdispos(?:e|al|als|ing)(?: of)?\b(?: (?:the|a|an|these|this|its|their|those|any|"
            rf"council|council['’]s))?[^.;]{{0,80}}?\b{ASSET_OBJECT}\b",
            rf"\b{ASSET_OBJECT}\b[^.;]{{0,80}}?\b(?:be|being|is|are|to be|was|were) disposed of\b",
        ),
        trigger=("dispos",),
    ),
    Rule(
        "sale_of_land",
        ASSET_SALE,
        "A sale of council land or property.",
        _re(
            r"\bsales? of (?:the |a |an |its |this |these |council |surplus )?"
            rf"{_words(4)}{ASSET_OBJECT}\b",
            r"\b(?:sell|selling|sold|sells)(?: off)? (?:the |these |this |a |an |its |their |some "
            rf"|council )?{_words(4)}{ASSET_OBJECT}\b",
            rf"\b{ASSET_OBJECT}\b (?:[\w-]+ ){{0,4}}?(?:propos\w*|intend\w*|plann\w*|decided|"
            r"agreed|wish\w*) to sell\b",
            rf"\b{ASSET_OBJECT}\b[^.;]{{0,80}}?\b(?:be|being|is|are|to be|was|were) sold\b",
            r"\b(?:land|property|asset|site) sales? programme\b",
        ),
        trigger=("sale", "sell", "sold"),
    ),
    Rule(
        "disposals_programme",
        ASSET_SALE,
        "A programme or schedule of disposals approves a batch of sales.",
        _re(
            r"\bschedule of (?:proposed )?disposals\b",
            r"\bdisposals? (?:programme|schedule|strategy|list)\b",
            r"\bproperty disposals?\b|\basset disposals?\b",
        ),
        trigger=("disposal",),
    ),
    Rule(
        "best_consideration",
        ASSET_SALE,
        "'Best consideration' (s.123 LGA 1972) is the legal test for a council disposal.",
        _re(r"\bbest consideration\b|\bless than best\b|\bsection 123\b|\bs\.? ?123\b"),
        also=_re(r"\bdispos\w*|\bsale\b|\bsell\w*|\bfreehold\b|\btransfer\w*|\bauction\b"),
        trigger=("best consideration", "less than best", "123"),
    ),
    Rule(
        "sale_process",
        ASSET_SALE,
        "Offers, auction, private treaty, missives and purchasers are the steps of a sale.",
        _re(
            r"\bconclude missives\b",
            r"\b(?:accept\w* (?:the |an )?(?:recommended |highest |best )?offers?|offers?|bids?)"
            r" (?:received )?(?:to purchase|for (?:the )?(?:site|land|property|building|"
            r"freehold))\b",
            rf"\b(?:accept\w*|agree\w*) (?:the |an )?(?:\w+ )?offers?\b{_GAP80}\b(?:for|to "
            r"purchase) (?:the )?(?:site|land|property|building|freehold|premises)\b",
            r"\bprospective purchasers?\b|\bunsolicited offers?\b",
            r"\bby (?:public )?auction\b|\bprivate treaty\b|\bsale value\b|\bcapital receipts?\b",
        ),
        also=_re(rf"\bdispos\w*|\bsale\b|\bsell\w*|\bpurchase\w*|\bmissives\b|\b{ASSET_OBJECT}\b"),
        trigger=(
            "missives",
            "offer",
            "bid",
            "purchaser",
            "auction",
            "treaty",
            "sale value",
            "capital receipt",
        ),
    ),
    Rule(
        "surplus_for_disposal",
        ASSET_SALE,
        "Declaring a site surplus *with* a view to disposal.",
        _re(r"\b(?:declared?|declaring|declaration)\b[^.;]{0,80}?\bsurplus\b"),
        also=_re(r"\bdispos\w*|\bsale\b|\bsell\w*|\bauction\b|\bmarket(?:ed|ing)?\b"),
        trigger=("surplus",),
    ),
    Rule(
        "long_lease",
        ASSET_SALE,
        "A long lease (25 years or more) disposes of the land for a generation.",
        _re(
            r"\blong[- ]?leases?(?:hold)?\b",
            r"\b(?:2[5-9]|[3-9]\d|1\d\d|999)[- ]years?['’]? (?:lease|leasehold)\b",
            r"\blease (?:of|for) (?:a (?:term|period) of )?(?:up to )?(?:2[5-9]|[3-9]\d|1\d\d|999)"
            r" years\b",
        ),
        trigger=("lease",),
    ),
    Rule(
        "asset_transfer",
        ASSET_SALE,
        "Community asset transfers and freehold transfers hand council property to another body.",
        _re(
            r"\b(?:community )?asset transfers? (?:of|to|for)\b",
            r"\b(?:approv\w*|agree\w*|grant\w*|complet\w*|propos\w*) (?:the |a |an )?(?:community"
            r" )?asset transfer\b",
            r"\bfreehold (?:transfers?|disposals?|sales?)\b",
            r"\btransfer\w* (?:of )?(?:the )?(?:freehold|land|site|property|building)s?\b"
            r"(?! to the council| (?:services|team|function|management|maintenance)\b)",
            r"\b(?:freehold|land|site|property|building|premises)s?\b[^.;]{0,80}?\b(?:be|being|is"
            r"|are|to be|was|were) transferred to\b(?! the council)",
        ),
        trigger=("transfer",),
    ),
    Rule(
        "open_space_notice",
        ASSET_SALE,
        "A notice of intention to dispose of open space is itself a proposed disposal.",
        _re(r"\bintention to dispose\b|\bproposes? to dispose\b"),
        trigger=("dispose",),
    ),
    Rule(
        "stock_transfer_asset",
        ASSET_SALE,
        "A housing stock transfer also transfers the homes themselves.",
        _STOCK_TRANSFER,
        trigger=("stock",),
    ),
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
            r"\btenant ballot\b|\b(?:tenants?|residents?|leaseholders?)\b[^.;]{0,60}?\bballot\b",
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
        ),
        trigger=("consult",),
    ),
    Rule(
        "public_views_sought",
        CONSULTATION,
        "Seeking or receiving the views of residents or service users is consultation in"
        " substance.",
        _re(
            r"\b(?:views|opinions|comments|feedback|responses|representations|engagement|"
            r"co-?production|co-?produced|co-?design\w*|involvement|listening events?|drop-in "
            r"sessions?|focus groups?|surveys?|questionnaires?|workshops?)\b (?:of |with |from |by"
            rf" |to )?[^.;]{{0,60}}?\b{PUBLIC}\b",
            rf"\bseeking (?:the )?views\b[^.;]{{0,60}}?\b{PUBLIC}\b",
            r"\brepresentations (?:made |received )?(?:by|from) (?:the |members of the )?public\b",
            r"\b\d[\d,]* (?:representations|responses|objections|comments|signatures)\b",
        ),
        trigger=(
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
# consultation (weak consultation rules are then not enough on their own).
STAFF_OR_MARKET_CONSULTATION = _re(
    rf"\b{STAFF} consultations?\b",
    r"\bconsult(?:ation|ing|ed)? with (?:the )?(?:affected |recognised )?(?:staff|employees|"
    r"trade unions?|unions|the workforce)\b",
    r"\b(?:market|provider|supplier) consultation\b|\bconsultation with (?:the )?market\b",
    r"\bconsult\w* with (?:the |both |all |each |existing |current |incumbent )*(?:providers?|"
    r"suppliers?|operators?|contractors?|incumbents?)\b",
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
        "inhouse_costed",
        INHOUSE,
        "The cost of running the service in-house / under council control is set out.",
        _re(
            r"\bcosts? of (?:operating|running|providing|delivering)\b[^.;]{0,100}?\b(?:under "
            r"(?:council|direct) control|in[- ]house|directly|internally)\b"
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

# --------------------------------------------------------------------------------------------
# False friends
# --------------------------------------------------------------------------------------------

_O, _A, _C, _I = (frozenset({x}) for x in (OUTSOURCING, ASSET_SALE, CONSULTATION, INHOUSE))
_OA = _O | _A
# "recommended", "agreed" rescue an option from being a mere option (but not "not recommended").
_CHOSEN = _re(
    r"(?<!not )(?<!n['’]t )\b(?:recommend\w*|prefer\w*|agree\w*|approv\w*|proceed\w*|chos\w*|"
    r"select\w*)\b"
)

FALSE_FRIENDS: tuple[FalseFriend, ...] = (
    # ---- outsourcing and asset sales: not a decision (yet)
    FalseFriend(
        "noted_only",
        _OA,
        "An item that only notes an earlier transfer, sale or contract is not a new decision.",
        _re(r"\b(?:be|is|was|were|being|are) noted\b|\bto note\b|\bnoted that\b|^[\W\d]*note\b"),
        unless=_re(
            r"\b(?:approv\w*|agree\w*|authoris\w*|endors\w*|decided|delegat\w*|proceed\w*|"
            r"instruct\w*)\b"
        ),
    ),
    FalseFriend(
        "question_only",
        _OA,
        "A question asked at a meeting, or information requested about a contract (call-ins,"
        " scrutiny comments), is not a decision.",
        _re(
            r"\b(?:asked|questioned|queried|enquired|wondered) (?:whether|why|if|what|how|about)\b",
            r"\b(?:information|clarification|confirmation|details?|assurances?|explanation|"
            r"disclosure)\b[^.;]{0,30}?\b(?:was |were |is |are |be |being )?(?:sought|requested|"
            r"asked for)\b",
            r"\b(?:sought|requested|asked for|seeks?|request(?:ed|ing)?) (?:further |more |"
            r"additional |full )?(?:information|clarification|confirmation|details|disclosure)\b",
        ),
    ),
    FalseFriend(
        "appraisal_only",
        _OA,
        "Deciding only to review, analyse, explore or appraise options is not yet a decision to"
        " outsource or sell.",
        _re(
            r"\b(?:conduct|undertake|carry out|commission|complete)\w* (?:a |an |more |further )?"
            r"(?:detailed |full |independent )?(?:analysis|review|appraisal|feasibility|study)\b",
            r"\bfeasibility (?:of|study)\b",
            r"\bexplor(?:e|es|ing|ation of) (?:the |a )?(?:\w+ )?(?:options?|potential|"
            r"possibilit\w+|feasibility|benefits|models?|provision)\b",
            r"\bprepare (?:a |an )?(?:full |outline )?business case\b",
            r"\bbusiness case (?:be|to be|will be) (?:prepared|developed|brought)\b",
            r"\breview (?:of )?(?:the )?(?:options|future (?:delivery|options|management)|"
            r"management arrangements|delivery models?)\b",
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
            r"going|be able)\w*)?(?: to)?(?: (?:be|being|been))?(?: re-?)?\s*$"
        ),
        scope="just_before",
    ),
    FalseFriend(
        "not_possible",
        _OA,
        "'An extension is not possible' rules the step out.",
        _re(
            r"^[^.;]{0,60}?\b(?:is|are|was|were|would be|will be) not (?:possible|permitted|"
            r"allowed|recommended|proposed|being pursued|an option)\b"
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
            r"\b(?:this|that|each|either|under the|under this) option\b",
            r"\boptions? (?:\d+|[A-F])(?: and (?:\d+|[A-F]))? (?:would|is|are|was|were|could|"
            r"will|provides?|involves?|means?)\b",
        ),
        unless=_CHOSEN,
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
        "option_dismissed",
        _OA,
        "An option described as dismissed or rejected.",
        _re(
            r"\boption (?:to|of) [^.;]{0,80}\b(?:is|was|be|were|has been) (?:dismissed|rejected|"
            r"discounted|not recommended|not pursued)\b"
        ),
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
            r"\bany (?:future |further |new |potential |subsequent |eventual |possible )?$",
            r"\b(?:were|if|should)(?: \w+ly)? (?:members|councillors|the council|cabinet|"
            r"the cabinet|we|it|the cabinet member|the committee)\b[^.;]{0,60}$",
            r"\bif (?:an? )?(?:alternative|different|future) decision\b[^.;]{0,40}$",
        ),
        scope="lead",
        unless=_re(r"\b(?:approv\w*|agree\w*|endors\w*|authoris\w*|resolv\w*)\b"),
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
    # ---- outsourcing: not a public service, or not outside the public sector
    FalseFriend(
        "own_use_consultancy",
        _O,
        "Hiring consultants, investigators or advisers for the council's own use is not"
        " outsourcing a public service.",
        _re(
            r"\bconsultants?\b|\binvestigat\w*|\bforensic\b|\bediscovery\b|\bmarket research\b",
            r"\blegal (?:advice|fees)\b|\bprofessional fees\b|\bcounsel\b|\bbarristers?\b",
            r"\bvaluation (?:advice|services)\b|\bauditors?\b",
        ),
    ),
    FalseFriend(
        "own_use_purchase",
        _O,
        "Training, apprenticeships, insurance and agency staff bought for the council itself.",
        _re(r"\btraining\b|\bapprentice\w*|\binsurance\b|\brecruitment agenc\w*"),
        scope="after",
    ),
    FalseFriend(
        "goods_or_works",
        _O,
        "Buying goods or building works is not contracting out a service.",
        _re(rf"\b{GOODS}\b"),
        # A service phrase rescues the match, unless it only describes the goods ("refuse
        # collection vehicles", "ICT services hardware").
        unless=_re(
            rf"\b(?:provision|delivery|management|operation|running) of (?:the )?"
            rf"(?:[\w-]+ ){{0,4}}?{SERVICE_DOMAIN}\b",
            rf"\b{SERVICE_DOMAIN}(?: [\w-]+){{0,2}} (?:services?|contracts?|provision|management"
            rf"|operators?|operation|collections?)\b(?! {_GOODS_HEAD}\b)",
        ),
    ),
    FalseFriend(
        "to_council_owned_company",
        _O,
        "A wholly council-owned company (LATCo, Teckal, ALMO) stays under council control.",
        _re(
            r"\blocal authority (?:trading|owned) compan\w*|\blatcos?\b|\bteckal\b",
            r"\bwholly[- ]owned\b|\bcouncil[- ]owned (?:compan\w*|trusts?|subsidiar\w*)",
            r"\barm['’]?s[- ]length (?:management )?organisation\b|\balmo\b",
        ),
        scope="after",
    ),
    FalseFriend(
        "public_to_public",
        _O,
        "Shared services between councils and transfers to other public bodies are not"
        " outsourcing.",
        _re(
            r"\bshared (?:\w+ )?services?\b",
            r"\bto (?:the |a |an )?(?:\w+ ){0,3}?(?:town|parish|county|district|borough|city|"
            r"neighbouring|other) (?:councils?|authorit\w*)\b",
            r"\bto (?:the )?nhs\b",
        ),
        scope="after",
    ),
    FalseFriend(
        "grant_funding",
        _O,
        "Grants to voluntary groups are not contracts for a council service.",
        _re(
            r"\bgrant (?:funding|aid|agreements?)\b",
            r"\bgrants? (?:to|for) (?:the )?(?:local )?(?:voluntary|community|third)\b",
        ),
    ),
    FalseFriend(
        "bidder_for_land",
        _O,
        "A preferred bidder or offer for land is an asset sale, not a service contract.",
        _re(rf"\b(?:purchasers?|acquisition|sale of|dispos\w*|{ASSET_OBJECT})\b"),
        unless=_re(rf"\b{SERVICE_DOMAIN}\b|\bservices?\b|\bbusiness transfer\b"),
        only_rules=frozenset({"preferred_bidder", "appoint_provider"}),
    ),
    # ---- asset sales
    FalseFriend(
        "waste_disposal",
        _A,
        "Waste 'disposal' (and disposal contracts) is a service, not a sale of land.",
        _re(
            r"\b(?:waste|recycling|refuse|residual|landfill|clinical|treatment and|and) (?:\w+ )?"
            r"disposal\b",
            r"\bdisposal (?:services?|contracts?|facilit\w*|points?|costs?|of (?:waste|refuse|"
            r"recycl\w*|residual|clinical|sharps|vehicles?|equipment))\b",
        ),
        scope="after",
    ),
    FalseFriend(
        "investigation_of_sale",
        _A,
        "An investigation or audit *about* a past sale is not a sale.",
        _re(r"\binvestigat\w*|\binquiry\b|\baudit\b|\bcircumstances (?:leading to|of)\b"),
    ),
    FalseFriend(
        "council_as_tenant",
        _A,
        "A lease *to* the council, or a purchase *by* it, is the council acquiring, not selling.",
        _re(
            r"\blease (?:of [^.;]{0,60} )?(?:to|by) the council\b",
            r"\b(?:take|taking|took|acquir\w*|enter\w* into)\b[^.;]{0,30}?\b(?:head)?lease\b",
            r"\blease\b[^.;]{0,60}?\bfrom\b",
            r"\b(?:council|authority) as (?:the )?(?:tenant|lessee)\b",
            r"\bthe council(?:['’]s)? (?:to )?(?:purchase|acquir\w*|acquisition|buy)\w*",
            r"\bacquisition of\b",
        ),
        unless=_re(r"\bdispos\w*|\bsell\w*|\bsale\b"),
    ),
    FalseFriend(
        "short_lease",
        _A,
        "A short letting or lease renewal is estate management, not a disposal.",
        _re(
            r"\bshort[- ]term\b|\brelatively short\b|\blease renewal\b",
            r"\brenewal of (?:the |a )?lease\b|\blicen[cs]e to occupy\b|\btenancy at will\b",
        ),
        only_rules=frozenset({"long_lease", "best_consideration"}),
    ),
    FalseFriend(
        "budget_mention",
        _A,
        "A budget or strategy that only mentions possible future disposals is not a disposal"
        " decision.",
        _re(r"\b(?:budget|medium[- ]term financial|mtfs|capital programme|savings proposals?)\b"),
        unless=_re(r"\b(?:approv\w*|agree\w*|authoris\w*)\b[^.;]{0,60}\bdispos"),
    ),
    # ---- consultation
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
            r"events?|days?)\b",
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
            r"\bno (?:formal |public |external |further |prior |meaningful |specific |statutory )?"
            r"(?:consultation|engagement)\b",
            r"\b(?:consultation|engagement) (?:has|have|was|were|is|will) not\b",
            r"\bnot (?:been )?(?:consulted|subject to (?:any )?(?:public )?consultation)\b",
            r"\bwithout (?:any )?(?:public |prior )?consultation\b",
            r"\bno requirement (?:for|to) (?:\w+ )?consult|\bnot (?:required|necessary) to consult",
            r"\bdid not (?:include|consult|cover)\b",
            r"\bconsultation:? (?:none|n/?a|not applicable)\b",
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
    # ---- in-house
    FalseFriend(
        "inhouse_not_considered",
        _I,
        "Text saying the in-house option was *not* considered, or asking why not, is the"
        " opposite of an in-house statement.",
        _re(
            r"\bnot (?:been |be |being )?(?:considered|included|explored|assessed|appraised|"
            r"discussed|examined|looked at)\b",
            r"\bno (?:discussion|consideration|assessment|appraisal|analysis)\b",
            r"\bdid not include\b|\bwithout (?:considering|consideration)\b",
            r"\b(?:asked|questioned|queried) (?:why|whether|if)\b|\bwhy (?:not|was|were|had|did)\b",
            r"\bfailed to consider\b",
        ),
    ),
    FalseFriend(
        "inhouse_team",
        _I,
        "'In-house team / resources / expertise' is about staff, not an in-house delivery"
        " option (an in-house team bidding as a new trust is outsourcing).",
        _re(
            r"\bin[- ]?house (?:(?-i:[A-Z])[\w&'’-]* ){0,3}(?:team|resources?|expertise|capacity|"
            r"skills|staff|legal|lawyers?|"
            r"commissioning|procurement|specialists?|knowledge|support|officers?|design|client|"
            r"project)\b"
        ),
        scope="after",
    ),
)

# --------------------------------------------------------------------------------------------
# Blockers: the document is about something other than outsourcing
# --------------------------------------------------------------------------------------------

# The blocker is only discussed, costed or rejected as an option in this sentence.
_ONLY_AN_OPTION = _re(
    r"\b(?:reject\w*|dismiss\w*|discount\w*|not (?:a )?(?:feasible|viable|recommended|"
    r"preferred)|would not|whether|feasibility|analysis|compar\w*|consider(?:ed|ation)|"
    r"(?:an|the) option|would (?:cost|require|mean|need)|instead of)\b"
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
)

BLOCKERS: tuple[Blocker, ...] = (
    Blocker(
        "insourcing",
        "Bringing a service back in-house is the opposite of outsourcing.",
        _re(
            r"\bin-?sourc(?:e|ed|ing)\b",
            r"\b(?:bring|brought|bringing|take|taking|took|move|moved|moving|return|returned|"
            r"returning|transfer\w*)\b[^.;]{0,60}?\bback (?:in[- ]house|into (?:the )?(?:direct )?"
            r"(?:council|\w+ (?:county |borough |city |district )?council))\b",
            r"\bmoved to an in[- ]house provision\b|\bdirect employment of the council\b",
            r"\bservices? into [A-Z][\w ]{0,40}(?:council|authority)\b",
        ),
        unless=_ONLY_AN_OPTION,
        trigger=("sourc", "back", "in-house provision", "in house provision", "employment", "into"),
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
        "shared_service",
        "A shared service between councils is public-to-public, not outsourcing.",
        _re(
            r"\b(?:implement\w*|establish\w*|creat\w*|agree\w*|approv\w*|form\w*|join\w*)\b"
            r"[^.;]{0,60}?\bshared (?:\w+ )?services?\b",
            r"\bshared (?:\w+ )?services?\b[^.;]{0,40}?\b(?:implement\w*|established|created|"
            r"approved|agreed)\b",
        ),
        unless=_re(r"\b(?:reject\w*|dismiss\w*|discount\w*|not (?:a )?(?:feasible|viable))\b"),
        trigger=("shared",),
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

# A sentence that states a decision: "APPROVE the ...", "(b) agrees to ...", "RESOLVED that".
DECISION_SENTENCE = _re(
    r"^\W*(?:(?:\(?\w{1,3}[.)]|[•·▪-])\s*)?(?:that )?(?:(?:the )?(?:cabinet(?: member)?|"
    r"council|committee|executive|members?) )?(?:(?:is|are) (?:asked|recommended) to )?"
    r"(?:approves?|agrees?|authoris\w*|resolved|delegates?|endorses?|awards?|decided)\b"
)

ALL_RULES: tuple[Rule, ...] = OUTSOURCING_RULES + ASSET_RULES + CONSULTATION_RULES + INHOUSE_RULES
