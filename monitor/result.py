"""What a classification returns: the quotes (:class:`Evidence`), the verdict
(:class:`Classification`) and the version of the rules that made it (``RULES_VERSION``)."""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from monitor import rules as R


def rules_sources() -> list[Path]:
    """Every module of the monitor and its rules: a step moved into a module of its own (such
    as monitor.chosen_option or monitor.references) must not fall out of the version's hash."""
    here = Path(__file__).resolve().parent
    return [*sorted(here.glob("*.py")), *sorted((here / "rules").glob("*.py"))]


def _rules_version() -> str:
    # Any edit to the rules, the engine (and its prefilter), the text helpers, the notice
    # structure tables or the confidence steps can change an assessment, so the version is the
    # review date plus a hash of the monitor's sources: stored assessments made with other
    # rules are then recognisably stale.
    digest = hashlib.sha256()
    for source in rules_sources():
        digest.update(source.read_bytes())
    return f"{R.RULES_SERIES}+{digest.hexdigest()[:10]}"


RULES_VERSION: str = _rules_version()


@dataclass(frozen=True)
class Evidence:
    """A quote (an exact substring of the whitespace-normalised input) and the rule behind it.

    ``document`` and ``page`` say where the quote is; ``start`` is its offset in the
    normalised text of that page (or of the whole text for :func:`monitor.classify.classify`).
    A quote taken from the record's title has ``document``, ``page`` and ``start`` all
    ``None``.
    """

    label: str
    quote: str
    rule: str
    page: int | None = None
    document: str | None = None
    start: int | None = None


@dataclass(frozen=True)
class Classification:
    is_outsourcing: bool
    is_asset_sale: bool
    has_consultation: bool | None
    has_inhouse_statement: bool | None
    should_flag: bool
    evidence: tuple[Evidence, ...]
    # Facts about the record that are not quotes: notice signals ("performance_notice" for
    # UK9, "contract_change" UK10, "termination" UK11, "procurement_termination" UK12,
    # "procurement_notice"), the structural rule that decided a notice ("notice:cpv_division_85",
    # "notice_structure_silent": see monitor.notices) and blockers that applied ("insourcing",
    # "shared_service", "council_owned_company", "decommissioning").
    signals: tuple[str, ...]
    # Matches set aside as false friends (``rule`` = the false friend's name), for reviewers.
    discounted: tuple[Evidence, ...] = ()
    # For a flag, which checks found nothing: "consultation", "inhouse_statement". Kept apart
    # from the quotes (it is not one) and from signals (a linked decision can still supply it).
    missing: tuple[str, ...] = ()
    # Facts for a confidence score and the staff review route (not quotes). Whether the
    # outsourcing or sale evidence came from a deciding part of the record (title or item
    # heading, "Decision" / "Recommendations" / "Reasons" parts, a sentence that decides or
    # formally proposes) rather than from description alone (a press release, a notice without
    # a resolution): ``None`` when the record is neither.
    decided_in_deciding_part: bool | None = None
    # How much was read: pages with text (a record's own text counts as one) and documents.
    pages_read: int = 0
    documents_read: int = 0
    # Which verdict labels ("is_outsourcing", "is_asset_sale") rest on at least one quote from
    # a deciding part (title, decision/recommendation section, decision sentence) rather than
    # background only: the confidence module weighs the two differently.
    decided_in: tuple[str, ...] = ()

    def as_json(self, id: Any) -> dict[str, Any]:
        """The design's output fields: ``evidence`` is the list of quote strings (as in the
        labelled cases); ``evidence_detail`` has label, rule, document, page and offset."""
        quotes: list[str] = []
        for ev in self.evidence:
            if ev.quote not in quotes:
                quotes.append(ev.quote)
        return {
            "id": id,
            "is_outsourcing": self.is_outsourcing,
            "is_asset_sale": self.is_asset_sale,
            "has_consultation": self.has_consultation,
            "has_inhouse_statement": self.has_inhouse_statement,
            "should_flag": self.should_flag,
            "evidence": quotes,
            "evidence_detail": [asdict(ev) for ev in self.evidence],
            "missing": list(self.missing),
            "decided_in": list(self.decided_in),
            "signals": list(self.signals),
            "discounted": [asdict(ev) for ev in self.discounted],
            "decided_in_deciding_part": self.decided_in_deciding_part,
            "pages_read": self.pages_read,
            "documents_read": self.documents_read,
            "rules_version": RULES_VERSION,
        }
