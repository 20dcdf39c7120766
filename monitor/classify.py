"""Classify a council record: outsourcing / asset sale, consultation, in-house option, flag.

The rules live in the :mod:`monitor.rules` package; this module is the entry point and the
label logic. It applies the rules sentence by sentence and sets aside false friends
(:mod:`monitor.engine`), reads procurement notices (:mod:`monitor.notice_path`), applies
document-level blockers (:mod:`monitor.blockers`) and keeps every quote it relied on, in the
result types of :mod:`monitor.result`.

Flag rule (DESIGN.md)::

    should_flag = (is_outsourcing and (not has_consultation or not has_inhouse_statement))
                  or (is_asset_sale and not has_consultation)

``has_consultation`` is ``None`` unless the record is outsourcing or an asset sale;
``has_inhouse_statement`` is ``None`` unless it is outsourcing. Every true label carries at
least one quote; a false label needs none.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from monitor import notices as N
from monitor import rules as R
from monitor.blockers import (
    _background_only,
    _blockers,
    _decides,
    _decides_or_proposes,
    _is_heading,
)
from monitor.chosen_option import with_chosen_options
from monitor.deciding import (
    field_titles,
    has_deciding_part,
    is_long_paper,
    only_notes,
    subject_not_a_service,
)
from monitor.engine import Pages, _Chunk, _evidence, _Hit, _Masker, _scan, _split
from monitor.items import Item, split_items
from monitor.notice_path import (
    _notice_hits,
    _notice_structure,
    _notice_type,
    _printed_notice_type,
    _read_notice,
)
from monitor.notice_subject import names_a_service
from monitor.references import adopted_segments
from monitor.result import RULES_VERSION, Classification, Evidence
from monitor.set_aside import (
    CONSULTATION_NOT_ON_DECISION,
    COUNCIL_WILL_DISPOSE,
    THIS_DECISION,
    against_doing_nothing,
    buys_for_own_use,
    done_before_notice,
    lets_no_contract,
    to_a_company_it_owns,
)
from monitor.subjects import Matters, on_other_matters, terms
from monitor.text import SectionState, analyse, repeated_lines

__all__ = [
    "RULES_VERSION",
    "Classification",
    "Evidence",
    "classify",
    "classify_pages",
]


# Set-aside matches kept per record: enough for a reviewer, short enough for a feed item. A
# long report sets aside many matches of a few kinds (every option it lists, every mention of
# the contracts' history): a few of each kind are kept, so that one kind does not crowd out
# the others.
_MAX_DISCOUNTED = 16
_MAX_DISCOUNTED_PER_REASON = 3


# Outsourcing rules whose decision implies the service is in-house today (it is being moved
# out), so a reason against the current service is a reason against the in-house option.
_EXTERNALISING = frozenset(
    {
        "transfer_to_provider",
        "outsourcing_agreed",
        "spin_out",
        "business_transfer",
        "stock_transfer",
    }
)


def _classify_chunks(
    chunks: Sequence[_Chunk],
    doc_type: str | None,
    notice_type: str | None,
    notice: N.NoticeFacts | None = None,
) -> Classification:
    signals: list[str] = []
    discounted: list[tuple[_Hit, str]] = []
    mask = _Masker()
    pages: Pages = {}  # what the four scans learn about each page, shared between them
    doc_type = (doc_type or "").strip().lower() or None
    whole = " ".join(c.analysed.norm for c in chunks)

    # ---- outsourcing
    out_kept, aside = _split(_scan(R.OUTSOURCING_RULES, chunks, pages=pages), mask)
    out_kept, aside = with_chosen_options(chunks, out_kept, aside, R.OUTSOURCING)
    discounted += aside
    text_aside = aside
    # A text that prints its Procurement Act type ("UK6: Contract award notice") is a
    # procurement notice whatever its record is called.
    nt = (
        _notice_type(notice_type, chunks)
        if (notice_type or doc_type == "procurement")
        else _printed_notice_type(chunks)
    )
    is_notice = nt is not None or doc_type == "procurement" or notice is not None
    if nt in R.NOTICE_SIGNALS:
        signals.append(R.NOTICE_SIGNALS[nt])
    # Structure before words (monitor.notices): what a notice states about itself decides;
    # its text decides only where the structure is silent or mixed.
    structure = _notice_structure(notice, nt) if is_notice else None
    structural: Evidence | None = None
    if structure is not None and notice is not None and notice.from_text:
        # The same decision as for a stored release, from the lines of the notice's text.
        signals.append("notice_structure_from_text")
    if structure is not None and structure.verdict == N.NOT_OUTSOURCING:
        signals.append(structure.rule)
        discounted += [(h, structure.rule) for h in out_kept]
        out_kept = []
        # Kept with the quotes (label "notice_structure"): a reviewer sees why a notice that
        # speaks of services is not a public service let out.
        structural_note = Evidence("notice_structure", structure.quote, structure.rule)
    else:
        structural_note = None
        if nt in R.NOT_LETTING_NOTICE_TYPES:
            # Performance, termination and cancellation notices report on a contract: signals
            # for campaign staff, not decisions to outsource.
            discounted += [(h, "notice_reports_on_contract") for h in out_kept]
            out_kept = []
        elif is_notice and lets_no_contract(notice, whole, structure):
            # A portal's sale or lease of council land, or a grant round: a sale is read
            # below, and the notice's words about a "service" name none to let. Its bidders
            # bid for the land ("improved as a public play area by the successful bidder
            # under the development agreement"): only a service named as let is kept.
            signals.append("notice_not_a_procurement")
            discounted += [
                (h, "notice_not_a_procurement")
                for h in out_kept
                if h.rule in R.GENERIC_CONTRACT_RULES
            ]
            out_kept = [h for h in out_kept if h.rule not in R.GENERIC_CONTRACT_RULES]
        elif is_notice:
            head = names_a_service(notice.title) if notice is not None else None
            title_read = notice.title if notice is not None else None
            notice_kept, aside = _split(_notice_hits(chunks, head, title_read), mask)
            discounted += aside
            out_kept += notice_kept
            signals.append("procurement_notice")
        if structure is not None and structure.verdict == N.OUTSOURCING:
            signals.append(structure.rule)
            signals += structure.signals
            structural = Evidence(R.OUTSOURCING, structure.quote, structure.rule)
        elif structure is not None:
            signals += structure.signals
    if not out_kept and structural is None and structural_note is None:
        # Only a policy question set the outsourcing evidence aside (a café concession):
        # read as outsourcing, with a signal that sends a flag to staff review.
        policy = [(h, why) for h, why in discounted if why in R.POLICY_QUESTIONS]
        if policy and nt not in R.NOT_LETTING_NOTICE_TYPES:
            out_kept = [h for h, _ in policy]
            discounted = [d for d in discounted if d[1] not in R.POLICY_QUESTIONS]
            signals += sorted({f"{N.POLICY_QUESTION}{why}" for _, why in policy})
    lets_contract = (
        is_notice and nt not in R.NOT_LETTING_NOTICE_TYPES and bool(out_kept or structural)
    )
    blocked = _blockers(chunks, out_kept, lets_contract) if (out_kept or structural) else []
    if blocked:
        signals += [blocker.name for blocker, _ in blocked]
        # First among the set-aside quotes: it is why the record is not outsourcing, and a
        # long report can have more set-aside matches than are kept.
        discounted[:0] = [(hit, f"blocker:{blocker.name}") for blocker, hit in blocked]
        discounted += [(h, f"blocked_by:{blocked[0][0].name}") for h in out_kept]
        out_kept = []
        structural = None
    # (a provider the record names elsewhere as the council's own company: monitor.set_aside)
    owned = to_a_company_it_owns(out_kept, [c.analysed.norm for c in chunks]) if out_kept else []
    discounted += [(h, "to_council_owned_company") for h in owned]
    out_kept = [h for h in out_kept if all(h is not o for o in owned)]
    # After the blockers: a record about ending contracts says so whatever else it mentions.
    if out_kept and subject_not_a_service(
        ((h.rule, h.seg.text) for h in out_kept),
        [
            *(c.analysed.norm for c in chunks if c.is_title),
            # the titles a contracts update lists: "Title of tender: Provision of cleaning ..."
            *(text for c in chunks for text in field_titles(c.analysed.segments)),
            # and what a report says it is about: "1.1 The purpose of the Report is to update
            # the Committee on the local bus and school transport network"
            *[seg.text for c in chunks for seg in c.analysed.segments if seg.section == "purpose"][
                :_PURPOSE_SENTENCES
            ],
        ],
        (seg.text for c in chunks for seg in c.analysed.segments),
    ):
        discounted += [(h, "subject_not_a_service") for h in out_kept]
        out_kept = []
    deciding_part = has_deciding_part(c.analysed for c in chunks if not c.is_title)
    # A notice is itself the step it announces (a tender, an award): none of its sentences
    # is background to another decision.
    long_paper = not is_notice and is_long_paper(c.analysed for c in chunks if not c.is_title)
    noting = not is_notice and only_notes(c.analysed for c in chunks if not c.is_title)
    if noting:
        discounted += [(h, "record_only_notes") for h in out_kept]
        out_kept = []
    # (read only when some match may be background: most records need no reference followed)
    adopted: frozenset[int] | None = None
    if deciding_part and not is_notice and out_kept:
        adopted = adopted_segments(chunks)
    if not is_notice and _background_only(
        out_kept, text_aside, deciding_part, long_paper, adopted or frozenset()
    ):
        discounted += [(h, "background_only") for h in out_kept]
        out_kept = []
    is_outsourcing = bool(out_kept) or structural is not None

    # ---- asset sale
    asset_kept, aside = _split(_scan(R.ASSET_RULES, chunks, pages=pages), mask)
    asset_kept, aside = with_chosen_options(chunks, asset_kept, aside, R.ASSET_SALE)
    discounted += aside
    if noting:
        discounted += [(h, "record_only_notes") for h in asset_kept]
        asset_kept = []
    if is_notice and nt in R.NOT_LETTING_NOTICE_TYPES:
        # A report on a contract (payments, performance, termination) disposes of nothing.
        discounted += [(h, "notice_reports_on_contract") for h in asset_kept]
        asset_kept = []
    elif (
        structure is not None
        and buys_for_own_use(structure)
        and not lets_no_contract(notice, whole, None)
    ):
        # A notice buying goods, works or advice for the council ("Valuation Services ...:
        # best consideration for any proposed disposals") describes what it buys; it sells
        # nothing itself, unless it says the council will grant or sell its land to the
        # winner (a development partner's 250-year leases).
        disposes = [h for h in asset_kept if COUNCIL_WILL_DISPOSE.search(h.seg.text)]
        discounted += [
            (h, "notice_buys_for_own_use") for h in asset_kept if all(h is not d for d in disposes)
        ]
        asset_kept = disposes
    if adopted is None and deciding_part and not is_notice and asset_kept:
        adopted = adopted_segments(chunks)
    if _background_only(asset_kept, aside, deciding_part, long_paper, adopted or frozenset()):
        discounted += [(h, "background_only") for h in asset_kept]
        asset_kept = []
    if asset_kept and not any(_decides(h) for h in asset_kept) and _NOT_YET_DECIDED.search(whole):
        # "No decision has been made": a consultation page's or report's sale options are
        # options, as its outsourcing ones are (the blocker not_yet_decided).
        discounted += [(h, "not_yet_decided") for h in asset_kept]
        asset_kept = []
    is_asset_sale = bool(asset_kept)

    # A long paper's evidence is taken only from the part about what it decides
    # (monitor.subjects): its other matters have their own consultations and appraisals.
    matters = (
        Matters(chunks, [*out_kept, *asset_kept], _is_heading)
        if long_paper and (out_kept or asset_kept)
        else None
    )

    # ---- consultation (only where the question arises)
    has_consultation: bool | None = None
    cons_kept: list[_Hit] = []
    if is_outsourcing or is_asset_sale:
        cons_kept, aside = _split(_scan(R.CONSULTATION_RULES, chunks, mask, pages), mask)
        discounted += aside
        if is_notice:
            # A notice's "community engagement" describes the work being bought; only a
            # consultation the notice reports as done counts.
            cons_kept, aside = done_before_notice(cons_kept)
            discounted += [(h, "notice_text") for h in aside]
        elif (
            cons_kept
            and all(h.weak for h in cons_kept)
            and R.STAFF_OR_MARKET_CONSULTATION.search(whole)
        ):
            # "The outcome of the consultation" in a document whose only named consultation
            # is with staff or the market refers to that consultation.
            discounted += [(h, "staff_or_market_context") for h in cons_kept]
            cons_kept = []
        if cons_kept and (
            any(
                reason == "not_consulted"
                and (
                    THIS_DECISION.search(hit.seg.text)
                    # (or names what the paper decides: "No public consultation has been
                    # undertaken in respect of the depot" in a paper that sells the depot)
                    or (
                        matters is not None
                        and not terms(hit.seg.text).isdisjoint(matters.deciding())
                    )
                )
                for hit, reason in discounted
            )
            or CONSULTATION_NOT_ON_DECISION.search(whole) is not None
        ):
            # The record says no consultation was held on this very decision ("No public
            # consultation has been undertaken by the Council on the lease"): consultations it
            # mentions on other matters (an earlier phase, other works) are not this one's.
            discounted += [(h, "none_on_this_decision") for h in cons_kept]
            cons_kept = []
        if matters is not None and cons_kept:
            aside = on_other_matters(cons_kept, matters)
            cons_kept = [h for h in cons_kept if h not in aside]
            discounted += [(h, "consultation_on_another_matter") for h in aside]
        has_consultation = bool(cons_kept)

    # ---- in-house option (only for outsourcing)
    has_inhouse: bool | None = None
    inh_kept: list[_Hit] = []
    if is_outsourcing:
        in_house_now = bool(R.INHOUSE_DESCRIPTOR.search(whole)) or any(
            h.rule in _EXTERNALISING for h in out_kept
        )
        candidates = [
            h
            for h in _scan(R.INHOUSE_RULES, chunks, pages=pages)
            if h.rule != "inhouse_reason_against" or in_house_now
        ]
        inh_kept, aside = _split(candidates, mask)
        discounted += aside
        aside = [h for h in inh_kept if against_doing_nothing(h)]
        if aside:
            inh_kept = [h for h in inh_kept if h not in aside]
            discounted += [(h, "do_nothing_option") for h in aside]
        if is_notice:
            inh_kept, aside = done_before_notice(inh_kept)
            discounted += [(h, "notice_text") for h in aside]
        if matters is not None and inh_kept:
            aside = on_other_matters(inh_kept, matters)
            inh_kept = [h for h in inh_kept if h not in aside]
            discounted += [(h, "inhouse_on_another_matter") for h in aside]
        has_inhouse = bool(inh_kept)

    should_flag = (is_outsourcing and not (has_consultation and has_inhouse)) or (
        is_asset_sale and not has_consultation
    )
    decided_in: bool | None = None
    if is_outsourcing or is_asset_sale:
        decided_in = any(
            _decides_or_proposes(h) or (deciding_part and _is_heading(h))
            for h in (*out_kept, *asset_kept)
        )
    read = [c for c in chunks if not c.is_title]
    missing: list[str] = []
    if should_flag:
        if not has_consultation:
            missing.append("consultation")
        if is_outsourcing and not has_inhouse:
            missing.append("inhouse_statement")

    evidence: list[Evidence] = [e for e in (structural, structural_note) if e is not None]
    for kept in (out_kept, asset_kept, cons_kept, inh_kept):
        evidence += _evidence(kept)

    aside_evidence: list[Evidence] = []
    seen: set[tuple[str, str]] = set()
    per_reason: dict[str, int] = {}
    for hit, reason in discounted:
        ev = hit.evidence(rule=reason)
        if (ev.quote, reason) in seen or per_reason.get(reason, 0) >= _MAX_DISCOUNTED_PER_REASON:
            continue
        seen.add((ev.quote, reason))
        per_reason[reason] = per_reason.get(reason, 0) + 1
        aside_evidence.append(ev)
        if len(aside_evidence) >= _MAX_DISCOUNTED:
            break

    return Classification(
        is_outsourcing=is_outsourcing,
        is_asset_sale=is_asset_sale,
        has_consultation=has_consultation,
        has_inhouse_statement=has_inhouse,
        should_flag=bool(should_flag),
        evidence=tuple(evidence),
        signals=tuple(dict.fromkeys(signals)),
        discounted=tuple(aside_evidence),
        missing=tuple(missing),
        decided_in_deciding_part=decided_in,
        pages_read=len(read),
        documents_read=len({c.document for c in read if c.document is not None}),
        decided_in=tuple(
            label
            for label, kept in (("is_outsourcing", out_kept), ("is_asset_sale", asset_kept))
            if any(_decides(h) for h in kept)
        ),
    )


# --------------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------------


_NOT_YET_DECIDED = next(b.pattern for b in R.BLOCKERS if b.name == "not_yet_decided")

# How many sentences of a report's purpose section say what it is about.
_PURPOSE_SENTENCES = 2


def classify_pages(
    pages: Sequence[tuple[str | None, int | None, str]],
    title: str | None = None,
    doc_type: str | None = None,
    notice_type: str | None = None,
    notice: N.NoticeFacts | None = None,
) -> Classification:
    """Classify a record made of several texts: ``(document url/name, page number, text)``.

    Long reports and records with attached documents are passed page by page so that every
    quote keeps its document and page. Sentences never span two pages, but sections do: a
    page starts in the section the previous page of the same document ended in ("Options
    considered" on page 5 runs on to page 6). Running headers and footers repeated on the
    pages of a document, bare page numbers and contents lines are not read as prose. Labels
    are decided over all pages (and the title) together. ``notice`` is what a procurement
    notice states about itself (:func:`monitor.notices.notice_facts`): it decides before the
    words do.
    """
    # Running headers and footers belong to paginated documents: texts without a page number
    # (a record's own description) are never compared with each other.
    by_document: dict[str | None, list[str]] = {}
    for document, page, text in pages:
        if page is not None and text and text.strip():
            by_document.setdefault(document, []).append(text)
    repeated = {doc: repeated_lines(texts) for doc, texts in by_document.items()}
    notice = _read_notice(pages, title, doc_type, notice)
    is_notice = notice is not None or notice_type is not None or doc_type == "procurement"
    items = [] if is_notice else split_items(pages)
    if len(items) > 1:
        return _classify_items(items, repeated, doc_type, title)
    return _classify_chunks(_chunks(pages, title, repeated), doc_type, notice_type, notice)


def _chunks(
    pages: Sequence[tuple[str | None, int | None, str]],
    title: str | None,
    repeated: dict[str | None, frozenset[str]],
) -> list[_Chunk]:
    chunks: list[_Chunk] = []
    if title and title.strip():
        chunks.append(_Chunk(None, None, analyse(title), is_title=True))
    state: SectionState | None = None
    previous: tuple[str | None, int | None] | None = None
    for document, page, text in pages:
        if not (text and text.strip()):
            continue
        # Only the next page of the same document continues a section (not a record's own
        # text before its documents, nor page 1 of the next attachment). An agenda item that
        # starts part-way down a page starts afresh (it is passed as its own text).
        follows = (
            previous is not None
            and previous[0] == document
            and page is not None
            and previous[1] is not None
            and page == previous[1] + 1
        )
        analysed = analyse(
            text, state if follows else None, repeated.get(document, ()) if page is not None else ()
        )
        chunks.append(_Chunk(document, page, analysed))
        state, previous = analysed.state, (document, page)
    return chunks


def _classify_items(
    items: Sequence[Item],
    repeated: dict[str | None, frozenset[str]],
    doc_type: str | None,
    title: str | None,
) -> Classification:
    """A pack of agenda items: each item judged on its own (its outsourcing never borrows
    another item's consultation), the record flagged with the first item that flags on its
    own, otherwise described by the first item that decides an outsourcing or a sale. Items of
    procedure (apologies, declarations of interest, exclusion of the press) list other items'
    titles and are not judged. The record title goes with the record's own texts (the item
    without a heading), never into the pack's items: it names the meeting, not each matter."""
    judged = [
        (
            item,
            _classify_chunks(
                _chunks(item.pages, title if item.heading is None else None, repeated),
                doc_type,
                None,
            ),
        )
        for item in items
        if not item.procedural and not item.withdrawn
    ]
    read = [
        (document, page)
        for document, page, text in (p for i in items for p in i.pages)
        if text.strip()
    ]
    counts = {
        "pages_read": len(set(read)),
        "documents_read": len({document for document, _ in read if document is not None}),
    }
    # (a flag from the item that decides it before one from an item that only mentions it:
    # "Declarations of Interest" names the disposal a later item decides)
    chosen = (
        next((p for p in judged if p[1].should_flag and p[1].decided_in_deciding_part), None)
        or next((pair for pair in judged if pair[1].should_flag), None)
        or next((pair for pair in judged if pair[1].is_outsourcing or pair[1].is_asset_sale), None)
    )
    if chosen is not None:
        item, result = chosen
        signals = [*result.signals, f"agenda_items:{len(items)}"]
        if item.heading:
            signals.append(f"item:{item.heading[:120]}")
        return replace(result, signals=tuple(signals), **counts)
    # Nothing decided in any item: what each item set aside, and the blockers that applied,
    # are all kept for reviewers.
    signals = [s for _, result in judged for s in result.signals]
    discounted = [ev for _, result in judged for ev in result.discounted][:_MAX_DISCOUNTED]
    return Classification(
        is_outsourcing=False,
        is_asset_sale=False,
        has_consultation=None,
        has_inhouse_statement=None,
        should_flag=False,
        evidence=(),
        signals=tuple(dict.fromkeys([*signals, f"agenda_items:{len(items)}"])),
        discounted=tuple(discounted),
        decided_in_deciding_part=None,
        **counts,
    )


def classify(
    text: str,
    title: str | None = None,
    doc_type: str | None = None,
    notice_type: str | None = None,
) -> Classification:
    """Classify one record's text. ``doc_type`` is the labelled-case type (``decision``,
    ``report``, ``forward_plan``, ``notice``, ``procurement``, ``other``); ``notice_type`` is
    the Procurement Act notice type of a procurement record (``UK1`` .. ``UK17``)."""
    return classify_pages(
        [(None, None, text)], title=title, doc_type=doc_type, notice_type=notice_type
    )


def supporting_evidence(
    pages: Sequence[tuple[str | None, int | None, str]], title: str | None = None
) -> tuple[Evidence, ...]:
    """Consultation and in-house quotes in a committee record that decides nothing itself
    (a forward-plan entry that names the consultation, an options report): evidence for the
    other records of its decision (:mod:`monitor.decision_groups`), never a label of its own.
    The same false friends are set aside as in :func:`classify_pages`."""
    chunks = _chunks(pages, title, {})
    mask = _Masker()
    consulted, _ = _split(_scan(R.CONSULTATION_RULES, chunks, mask), mask)
    whole = " ".join(c.analysed.norm for c in chunks)
    if (
        consulted
        and all(h.weak for h in consulted)
        and R.STAFF_OR_MARKET_CONSULTATION.search(whole)
    ):
        consulted = []
    in_house_now = bool(R.INHOUSE_DESCRIPTOR.search(whole))
    inhouse, _ = _split(
        [
            h
            for h in _scan(R.INHOUSE_RULES, chunks)
            if h.rule != "inhouse_reason_against" or in_house_now
        ],
        mask,
    )
    return tuple(_evidence(consulted) + _evidence(inhouse))
