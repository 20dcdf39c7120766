"""Record-level reasons to set matches aside, read from around them: a negative about the
record's own decision, what a procurement notice reports the council did before it bought (a
consultation held, the in-house option costed) as against the provider's work, whether a
notice lets any contract at all, and reasons given against "doing nothing" rather than
against in-house delivery. Split from :mod:`monitor.classify`."""

from __future__ import annotations

import re

from monitor import notices as N
from monitor import rules as R
from monitor.engine import _Hit
from monitor.rules.notice_words import NOTICE_FUTURE_DUTY, NOTICE_REPORTS_DONE

__all__ = [
    "COUNCIL_WILL_DISPOSE",
    "THIS_DECISION",
    "against_doing_nothing",
    "buys_for_own_use",
    "companies_it_owns",
    "done_before_notice",
    "lets_no_contract",
    "to_a_company_it_owns",
]

# A negative about this record's own decision: "no public consultation ... on the lease",
# "... was required for this proposal".
THIS_DECISION = re.compile(
    r"\b(?:on|for|about|regarding|in respect of) (?:this|the|these) (?:proposed |recommended |"
    r"planned |intended )?(?:proposals?|decisions?|leases?|procurement|"
    r"disposals?|sales?|transfers?|contracts?|extensions?|awards?|recommendations?|matters?)\b"
    # the decision as the subject: "the proposed disposals have not been the subject of"
    r"|\b(?:this|the) (?:proposed |recommended |planned |intended )(?:disposals?|sales?|"
    r"transfers?|leases?|extensions?|awards?|contracts?)\b[^.;]{0,60}?\b(?:has|have|had|was|"
    r"were) not\b"
    # "it did not address the use or disposal of HRA land"
    r"|\bdid not (?:address|cover|concern|include|relate to) (?:the )?(?:[\w-]+ ){0,4}?"
    r"(?:disposals?|sales?|transfers?|leases?|procurement|contracts?|outsourcing)\b",
    re.I,
)

# A notice that says the council itself will dispose of its land to the winner: "On practical
# completion of each phase the Council will grant the partner's development vehicle a 250-year
# lease of the phase land".
COUNCIL_WILL_DISPOSE = re.compile(
    r"\b(?:council|authority) (?:will|would|intends to|proposes to) (?:then )?(?:grant|sell|"
    r"dispose of|transfer|lease)\b"
    # ... or the partner will take it from the council: "will take the land on a 250-year
    # lease at a premium, or alternatively acquire the freehold"
    r"|\b(?:partner|purchaser|developer|buyer)s?\b[^.;]{0,160}?\b(?:will|would|is to|are to|to) "
    r"(?:then )?(?:take|"
    r"acquire|purchase|buy|be granted) (?:the |a |an )?(?:[\w-]+ ){0,2}?(?:land|sites?|"
    r"freehold|leasehold|long lease|\d{2,3}[- ]year lease)\b",
    re.I,
)

# The record says the consultation it reports was on something else: "That consultation
# concerned who is offered social housing; it did not address the use or disposal of HRA land".
CONSULTATION_NOT_ON_DECISION = re.compile(
    r"\bconsultation\b[^.]{0,120}?\b(?:did|does) not (?:address|cover|concern|consider|include|"
    r"relate to|mention|refer to|seek (?:views|comments|opinions) on|ask (?:about|for views on))\b"
    r"[^.;]{0,40}?\b(?:disposals?|sales?|transfers?|leases?|procurement|contracts?|"
    r"outsourcing)\b"
    # "The proposal was not included in the budget consultation questions"
    r"|\b(?:the|this) (?:proposals?|decision|disposals?|sale|transfer|procurement|contract)\b"
    r"[^.;]{0,40}?\b(?:was|were|is|are) not (?:included|covered|raised|asked about|part of)\b"
    r"[^.;]{0,30}?\bconsultation\b"
    # "The tariff consultation related only to charges" (and not to the sale it decides)
    r"|\bconsultation (?:related|was limited|applied|referred) only to\b(?![^.;]{0,80}?\b(?:sales?|"
    r"disposals?|transfers?|leases?|contracts?|procurement|tender|outsourcing|provider)\b)",
    re.I,
)
_OPEN_SPACE_NOTICE_GIVEN = re.compile(
    r"\bnotice is (?:hereby )?given\b[^.;]{0,80}?\b(?:12[23] ?\(2a\)|open space)", re.I
)

# How much of a notice's text is its head (portal name, title, category lines).
_NOTICE_HEAD_CHARS = 400


_BUYS_FOR_OWN_USE = frozenset(
    {"notice:subject_own_use", "notice:category_goods", "notice:category_works"}
)
# "notice:cpv_division_79" (business services), "notice:cpv_works_division_45": a main code
# that is not a public service decided the notice buys for the council (public codes decide
# outsourcing, mixed ones leave it to the words). Not real estate (70): its codes also cover
# selling and letting the council's own property ("70130000 Letting services of own property").
_OWN_USE_DIVISION = re.compile(r"^notice:cpv_(?:goods_|works_)?division_(?!70)\d\d$")


def buys_for_own_use(structure: N.StructuralDecision) -> bool:
    """Whether a notice's structure says it buys goods, works or services for the council's
    own use: its words about disposals describe what it buys, and it sells nothing."""
    return structure.verdict == N.NOT_OUTSOURCING and (
        structure.rule in _BUYS_FOR_OWN_USE or bool(_OWN_USE_DIVISION.match(structure.rule))
    )


def lets_no_contract(
    notice: N.NoticeFacts | None, whole: str, structure: N.StructuralDecision | None
) -> bool:
    """Whether a notice's head says it is no procurement, or sells or leases council
    property (no public-service CPV code decides otherwise)."""
    if structure is not None and structure.verdict == N.OUTSOURCING:
        return False
    head = " ".join([notice.title or "", notice.category_line or ""] if notice is not None else [])
    return bool(R.NOTICE_LETS_NO_CONTRACT.search(f"{head} {whole[:_NOTICE_HEAD_CHARS]}"))


# A "do nothing" option in which the contracts lapse and nothing takes their place: "Option 1
# – Do nothing and allow the framework to expire. Not viable: ...".
_DO_NOTHING = re.compile(
    r"\bdo[- ](?:nothing|minimum)\b|\b(?:allow|let)\w* (?:the )?(?:[\w-]+ ){0,3}?(?:contracts?|"
    r"framework|agreements?|arrangements?)(?: to)? (?:expire|lapse|end|run out)\b|"
    r"\bcontracts? (?:would|will) (?:lapse|expire|end)\b",
    re.I,
)


def against_doing_nothing(hit: _Hit) -> bool:
    """A reason against (inhouse_reason_against) given on the line of a "do nothing" option
    that names no in-house delivery: it rules out letting the contracts lapse, not running
    the service in-house."""
    if hit.rule != "inhouse_reason_against":
        return False
    segments = hit.chunk.analysed.segments
    at = next((i for i, seg in enumerate(segments) if seg is hit.seg), None)
    if at is None:
        return False
    # The option the reason belongs to: this sentence and up to two before it, back to the
    # one that opens the option ("Option 1 – Do nothing and allow the framework to expire.").
    option = [hit.seg.text]
    for seg in reversed(segments[max(0, at - 2) : at]):
        if seg.is_heading:
            break
        option.insert(0, seg.text)
        if _OPTION_START.match(seg.text):
            break
    text = " ".join(option)
    return bool(_DO_NOTHING.search(text)) and not _IN_HOUSE_WORDS.search(text)


_OPTION_START = re.compile(r"^\W*(?:option|alternative)\s*\w{0,3}\b", re.I)


_IN_HOUSE_WORDS = re.compile(rf"\b(?:{R.INHOUSE_TERM})\b", re.I)


# Where one clause ends and the next begins: "... was carried out in 2024 (1,146 responses)
# and the Tenant Panel will sit on the evaluation panel".
# (and a reason given for what was done: "in-house management was rejected because the
# Council could not fund the investment that a concessionaire will provide")
_CLAUSE_BREAK = re.compile(
    r";|,? and (?:the|a|an|its|their|this|these)\b|, (?:which|while)\b|\bbecause\b"
)


def _future_duty(text: str) -> bool:
    """Whether a sentence speaks of the provider's future duties, not of what was done: a
    future word that is not in a later clause than the sentence's report of what was done."""
    done = NOTICE_REPORTS_DONE.search(text)
    for future in NOTICE_FUTURE_DUTY.finditer(text):
        if done is None or future.start() < done.start():
            return True
        if not _CLAUSE_BREAK.search(text, done.end(), future.start()):
            return True
    return False


def done_before_notice(hits: list[_Hit]) -> tuple[list[_Hit], list[_Hit]]:
    """A notice's sentences that report what the council did (a consultation held, the
    in-house option costed), and the rest, which describe the work the provider will do."""
    done: list[_Hit] = []
    rest: list[_Hit] = []
    for hit in hits:
        text = hit.seg.text
        # (a statutory notice already published says what happens next to the objections it
        # invites: "objections received by 27 February will be considered by the Cabinet")
        statutory = hit.rule == "statutory_open_space_notice"
        future = not statutory and _future_duty(text)
        # (a portal notice that gives the statutory open-space notice itself: "Notice is given
        # under section 123(2A) ... that the Council intends to dispose of the land")
        given = statutory and _OPEN_SPACE_NOTICE_GIVEN.search(text) is not None
        reports = given or (NOTICE_REPORTS_DONE.search(text) and not future)
        # (an item of a list whose lead-in reports it: "The committee report considered three
        # options: (a) ...; (b) bring the services in-house")
        if not reports and hit.lead is not None and not future:
            reports = NOTICE_REPORTS_DONE.search(hit.lead) is not None
        (done if reports else rest).append(hit)
    return done, rest


# A company the record says the council owns, by name: "Cornwall Housing Limited, the
# Council's wholly owned housing management company"; "Sampleton Norse, a company wholly owned
# by the Council"; "the Council's wholly owned company, Sampleton Leisure Ltd".
_NAME = (
    r"(?!(?:the|a|an|this|its|council|authority|cabinet)\b)(?-i:[A-Z][\w&'’.-]*)"
    r"(?: (?:&|and|of|for|the|(?-i:[A-Z][\w&'’.-]*))){0,6}"
)
_OWNED = (
    r"(?:wholly[- ]owned|council[- ]owned|local authority (?:trading|owned)|arm['’]?s[- ]length)"
)
_OWNED_BY_NAME = re.compile(
    rf"(?P<a>{_NAME}),? (?:\([^)]{{0,40}}\),? )?(?:(?:is|was|being) )?(?:the |a |an )?"
    rf"(?:(?:council|authority|county|city|borough)['’]s )?(?:own )?{_OWNED}\b"
    rf"|(?P<b>{_NAME}),? (?:is |was )?(?:a |the )?(?:[\w-]+ ){{0,3}}?(?:company|subsidiary) "
    rf"(?:wholly |jointly )?owned by the (?:council|authority)\b"
    rf"|\b{_OWNED} (?:[\w-]+ ){{0,4}}?(?:compan(?:y|ies)|subsidiar(?:y|ies)|organisation),? "
    rf"(?P<c>{_NAME})\b",
    re.I,
)


def companies_it_owns(texts: list[str]) -> frozenset[str]:
    """The names of companies the record says the council owns (two words at least)."""
    found = set()
    for text in texts:
        for m in _OWNED_BY_NAME.finditer(text):
            name = (m.group("a") or m.group("b") or m.group("c") or "").strip(" .,")
            if len(name.split()) >= 2:
                found.add(name)
    return frozenset(found)


# Words without which no sentence names a company as the council's own (a cheap test first).
_MAY_NAME_OWNED = re.compile(r"owned|arm['’]?s[- ]length", re.I)


def to_a_company_it_owns(hits: list[_Hit], texts: list[str]) -> list[_Hit]:
    """The outsourcing matches whose sentence names, as the other party, a company the record's
    ``texts`` say the council owns: "Cabinet approves the new management agreement with
    Cornwall Housing Limited" when the report calls it the Council's wholly owned company (eval
    README: council-owned companies are not outsourcing). Not one that moves the work away
    from it ("from Sampleton Norse to ...")."""
    if not any(_MAY_NAME_OWNED.search(text) for text in texts):
        return []
    owned = companies_it_owns(texts)
    return [
        h
        for h in hits
        if any(name in h.seg.text and f"from {name}" not in h.seg.text for name in owned)
    ]
