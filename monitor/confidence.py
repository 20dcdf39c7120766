"""How sure the monitor is of one assessment, why, and whether a flag goes out on its own.

The confidence is worked out from facts of the classification and of what could be read,
never from the case: where the outsourcing or sale evidence came from (a deciding part of
the record or background only), how many rules agreed, whether false friends were set aside
next to the evidence, whether a procurement notice was decided from its structured fields or
from words only, and whether every document was read in full. Each fact moves the score by
a stated step; the reason lists the facts that applied, in the order they were weighed.

Routes:

* ``published``: a flag at or above :data:`PUBLISH_THRESHOLD`; it goes to the public feeds.
* ``needs_review``: a flag below the threshold, or any record with a document the monitor
  could not read in full (no text layer, failed extraction, cut at the page cap). It waits in
  the staff review queue and stays out of the public feeds: an unread document is never
  silently read as "no consultation".
* ``not_flagged``: no flag, and everything was read.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from monitor.classify import Classification, Evidence

__all__ = [
    "PUBLISH_THRESHOLD",
    "Confidence",
    "Reading",
    "UnreadDocument",
    "judge",
    "reading_of_pages",
    "searched",
]

# Flags at or above this confidence are published without a person looking first. A flag
# reaches it only with outsourcing/sale evidence from a deciding part of the record (or a
# notice's structured fields) and no false friend set aside beside that evidence: the two
# families of error the issue found on real documents (background text of strategies,
# goods and advisory services read as outsourcing) both fall below it. A fixed, stated
# value rather than one fitted to the development cases, so that it cannot be tuned to
# them; `oursay evaluate --leave-group-out` checks that a threshold fitted on other council
# groups would not do better.
PUBLISH_THRESHOLD = 0.7

# A flag resting on a question blind labellers settle differently (monitor.notices,
# POLICY_QUESTION) waits for a person however sure its evidence: capped below the threshold.
_POLICY_QUESTION = "policy_question:"
_POLICY_CAP = 0.6
_POLICY_NAMES = {
    "cafe_concession": "is a café or kiosk concession a public service let out?",
    "own_premises": "is cleaning, guarding or catering of the council's own buildings a public"
    " service let out?",
    "managed_ict": "is a managed ICT service run for the council's own staff a public service"
    " let out?",
    "managed_back_office": "is a back-office service (payroll, HR) taken over from the"
    " council's own team a public service let out?",
    "language_services": "is interpreting and translation for residents using council"
    " services a public service let out?",
    "one_off_job": "is a one-off job of a month at most (clearing a site, stewarding one"
    " event) a public service let out?",
}

ROUTE_PUBLISHED = "published"
ROUTE_NEEDS_REVIEW = "needs_review"
ROUTE_NOT_FLAGGED = "not_flagged"

# Score steps. A flag starts uncertain (it rests partly on an absence) and earns confidence
# from where its evidence stands; a non-flag starts fairly sure (most records decide nothing
# of the kind) and loses it when outsourcing-like words were set aside.
_FLAG_BASE = 0.45
_DECIDING_PART = 0.3  # evidence in the title, a decision/recommendation, a decision sentence
_STRUCTURED_NOTICE = 0.3  # a notice decided from its type, category or CPV codes
_WORDS_ONLY_NOTICE = 0.15  # a notice decided from the words of its description only
# A short text of its own (a decision notice, a forward-plan entry, an excerpt, a press
# release; not a paginated paper, whose sections carry background) is about one matter: it
# has little background for a match to come from, so its words are the decision even without
# a heading. Papers and long texts earn confidence only from their deciding parts.
_SHORT_DECIDING_RECORD = 0.25
SHORT_RECORD_CHARS = 5000  # the line between short excerpts and long papers
_SEVERAL_RULES = 0.1  # two or more different rules found the same verdict
_FALSE_FRIEND_NEARBY = -0.15  # a false friend set aside on the same page as the evidence
_FALSE_FRIEND_ELSEWHERE = -0.05  # set aside elsewhere in the record
_NOT_FLAG_BASE = 0.9
_NOT_FLAG_SET_ASIDE = -0.15  # outsourcing/sale words were found but set aside
_NOT_FLAG_BLOCKED = -0.1  # a document-level blocker undid an outsourcing match
# An unread document could hold the decision or the consultation: whatever the readable
# part says, the record cannot be more certain than this.
_UNREAD_CAP = 0.4

_VERDICTS = ("is_outsourcing", "is_asset_sale")
_NAMES = {"is_outsourcing": "outsourcing", "is_asset_sale": "asset sale"}
# Signals another part of the monitor may add for a notice; read by prefix so that new
# structured signals count without a change here.
_STRUCTURED_PREFIXES = ("notice:", "notice_cpv", "notice_category", "notice_type")
_WORDS_ONLY_SIGNALS = frozenset({"notice_structure_silent", "procurement_notice"})
# Set-asides that only say a sentence is an option weighed, or the context of the decision
# (its history, the policy it applies), not the step taken.
_OPTION_RULES = frozenset(
    {
        "rejected_option",
        "listed_option",
        "background_history",
        "disposal_policy",
        "general_statement",
        "procurement_policy",
        "pipeline_list",
    }
)


@dataclass(frozen=True)
class UnreadDocument:
    document: str
    why: str  # "no text layer", "extraction failed: …", "read 120 of 300 pages"


@dataclass(frozen=True)
class Reading:
    """What the rules were able to read of one record."""

    pages: int = 0  # texts read: the record's own text counts as one
    documents: int = 0  # attached documents with at least one page read
    characters: int = 0  # length of all text read
    unread: tuple[UnreadDocument, ...] = ()


@dataclass(frozen=True)
class Confidence:
    value: float
    reason: str
    route: str
    factors: tuple[str, ...] = field(default=())
    # Every document read in full: otherwise the record goes to review at any threshold.
    read_in_full: bool = True

    @property
    def published(self) -> bool:
        return self.route == ROUTE_PUBLISHED


def reading_of_pages(pages: Sequence[tuple[str | None, int | None, str]]) -> Reading:
    """A :class:`Reading` for texts passed straight to the classifier (``oursay classify``)."""
    read = [(doc, page) for doc, page, text in pages if text and text.strip()]
    documents = {doc for doc, page in read if page is not None}
    characters = sum(len(text) for _, _, text in pages if text)
    return Reading(pages=len(read), documents=len(documents), characters=characters)


def _structured(classification: Classification) -> bool:
    names = list(classification.signals) + [ev.rule for ev in classification.evidence]
    # "notice:structure_…" says the structure was silent or mixed: the words decided.
    return any(
        name.startswith(_STRUCTURED_PREFIXES) and not name.startswith("notice:structure_")
        for name in names
    )


def _rules(evidence: Iterable[Evidence], labels: Iterable[str]) -> set[str]:
    wanted = set(labels)
    return {ev.rule for ev in evidence if ev.label in wanted}


def _places(
    evidence: Iterable[Evidence], labels: Iterable[str]
) -> set[tuple[str | None, int | None]]:
    wanted = set(labels)
    return {(ev.document, ev.page) for ev in evidence if ev.label in wanted}


def _flag_score(
    c: Classification, reading: Reading, doc_type: str | None
) -> tuple[float, list[str]]:
    verdicts = [label for label in _VERDICTS if getattr(c, label)]
    what = " and ".join(_NAMES[v] for v in verdicts) or "the verdict"
    score, factors = _FLAG_BASE, []
    is_notice = "procurement_notice" in c.signals or any(
        s.startswith(_STRUCTURED_PREFIXES) or s in _WORDS_ONLY_SIGNALS for s in c.signals
    )
    if is_notice and _structured(c):
        score += _STRUCTURED_NOTICE
        factors.append(f"{what} decided from the notice's structured fields")
    elif is_notice:
        score += _WORDS_ONLY_NOTICE
        factors.append(f"{what} read from the notice's words only, not its structured fields")
    elif any(v in c.decided_in for v in verdicts):
        score += _DECIDING_PART
        factors.append(f"{what} stated in a deciding part (title, decision or recommendation)")
    elif reading.characters < SHORT_RECORD_CHARS and reading.documents == 0:
        score += _SHORT_DECIDING_RECORD
        kind = (doc_type or "record").replace("_", "-")
        factors.append(f"{what} in a short {kind} text about one matter")
    else:
        factors.append(f"{what} found in background text only, not in a decision")
    rules = _rules(c.evidence, verdicts)
    if len(rules) >= 2:
        score += _SEVERAL_RULES
        factors.append(f"{len(rules)} rules agree ({', '.join(sorted(rules))})")
    aside = [ev for ev in c.discounted if ev.label in verdicts]
    if any(v in c.decided_in for v in verdicts):
        # Beside a decision, the options it weighed and rejected, and the policy and history
        # it sits in, are set aside as a matter of course ("Option 2 – re-tender the
        # contract: rejected", "the Community Asset Transfer Policy provides a framework"):
        # a paper that sets them out is read more surely, not less.
        aside = [ev for ev in aside if ev.rule not in _OPTION_RULES]
    if aside:
        near = _places(c.evidence, verdicts) & {(ev.document, ev.page) for ev in aside}
        kinds = sorted({ev.rule for ev in aside})
        if near:
            score += _FALSE_FRIEND_NEARBY
            factors.append(f"false friends set aside beside the evidence ({', '.join(kinds)})")
        else:
            score += _FALSE_FRIEND_ELSEWHERE
            factors.append(f"false friends set aside elsewhere ({', '.join(kinds)})")
    policy = sorted(s.split(":", 1)[1] for s in c.signals if s.startswith(_POLICY_QUESTION))
    if policy:
        score = min(score, _POLICY_CAP)
        factors.append(
            "a policy question for campaign staff, not the monitor: "
            + ", ".join(_POLICY_NAMES.get(p, p.replace("_", " ")) for p in policy)
        )
    return score, factors


def _not_flag_score(
    c: Classification, reading: Reading, doc_type: str | None
) -> tuple[float, list[str]]:
    score, factors = _NOT_FLAG_BASE, []
    if c.is_outsourcing or c.is_asset_sale:
        factors.append("the consultation and in-house checks found what they looked for")
    else:
        factors.append("no decision to outsource or sell found")
    aside = {ev.rule for ev in c.discounted if ev.label in _VERDICTS}
    blocked = [s for s in aside if s.startswith(("blocker:", "blocked_by:"))]
    if blocked:
        score += _NOT_FLAG_BLOCKED
        factors.append(f"an outsourcing match was undone by {', '.join(sorted(blocked))}")
    elif aside:
        score += _NOT_FLAG_SET_ASIDE
        factors.append(f"outsourcing or sale words set aside ({', '.join(sorted(aside))})")
    return score, factors


def judge(
    classification: Classification,
    reading: Reading,
    *,
    should_flag: bool | None = None,
    doc_type: str | None = None,
) -> Confidence:
    """The confidence in ``classification`` (with ``should_flag`` as finally decided, after
    linked records added their evidence) and the route it takes. ``doc_type`` is the
    labelled-case kind of record (``decision``, ``forward_plan``, ``report``, …)."""
    flag = classification.should_flag if should_flag is None else should_flag
    kind = (doc_type or "").strip().lower() or None
    score, factors = (_flag_score if flag else _not_flag_score)(classification, reading, kind)
    if reading.unread:
        score = min(score, _UNREAD_CAP)
        factors.append(
            "not read in full: "
            + "; ".join(f"{u.document} ({u.why})" for u in reading.unread[:5])
            + (f" and {len(reading.unread) - 5} more" if len(reading.unread) > 5 else "")
        )
    value = round(max(0.0, min(1.0, score)), 2)
    if reading.unread:
        route = ROUTE_NEEDS_REVIEW
    elif flag:
        route = ROUTE_PUBLISHED if value >= PUBLISH_THRESHOLD else ROUTE_NEEDS_REVIEW
    else:
        route = ROUTE_NOT_FLAGGED
    return Confidence(value, "; ".join(factors), route, tuple(factors), not reading.unread)


_MISSING_TEXT = {
    "consultation": "no consultation found",
    "inhouse_statement": "no in-house option found",
}


def searched(missing: Iterable[str], reading: Reading) -> list[str]:
    """For each missing element, where it was looked for: "no consultation found: 23 pages
    of 3 documents searched" (the record's own text counts as a page of no document)."""
    pages = f"{reading.pages} page{'s' if reading.pages != 1 else ''}"
    docs = reading.documents
    where = f"{pages} of {docs} document{'s' if docs != 1 else ''}" if docs else pages
    unread = f", {len(reading.unread)} not read in full" if reading.unread else ""
    return [f"{_MISSING_TEXT.get(m, f'no {m} found')}: {where} searched{unread}" for m in missing]
