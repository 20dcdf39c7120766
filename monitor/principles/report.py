"""The stored scorecard as the outside sees it: one card per council (every principle, "no
evidence" where nothing was found), the national table's rows, its sorting and filtering.
The CLI, the web pages, the CSV and the good-practice feed all read these, so they say the
same thing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from feeds.items import clean_text
from monitor.principles.base import (
    ADOPTED,
    MOTION,
    NO_EVIDENCE,
    NOT_PRACTISED,
    PARTLY,
    PRACTISED,
    PRINCIPLE_KEYS,
    PRINCIPLES,
    Evidence,
    Facts,
)
from monitor.principles.scorecard import judge, stored
from storage.models import Council, ScorecardChange

SHORT = {PRACTISED: "yes", PARTLY: "partly", NOT_PRACTISED: "no", NO_EVIDENCE: "-"}
# Sorting by a principle puts the best first.
RANK = {PRACTISED: 0, PARTLY: 1, NOT_PRACTISED: 2, NO_EVIDENCE: 3, ADOPTED: 0}
SORTS = ("name", "code", "nation", "type", "practised", "not_practised", *PRINCIPLE_KEYS)


@dataclass(frozen=True)
class Entry:
    status: str
    reason: str
    evidence: tuple[Evidence, ...] = ()
    changed_at: datetime | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "reason": self.reason,
            "evidence": [
                {"url": e.url, "record_id": e.record_id, "text": e.text, "date": e.date}
                for e in self.evidence
            ],
        }


@dataclass(frozen=True)
class Card:
    code: str
    name: str
    nation: str
    type: str
    entries: Mapping[str, Entry]
    changes: Sequence[ScorecardChange] = field(default_factory=tuple)

    @property
    def principles(self) -> dict[str, Entry]:
        return {key: self.entries[key] for key in PRINCIPLE_KEYS}

    @property
    def motion(self) -> Entry:
        return self.entries[MOTION]

    @property
    def supporter(self) -> bool:
        return self.motion.status == ADOPTED

    def count(self, status: str) -> int:
        return sum(1 for e in self.principles.values() if e.status == status)

    @property
    def has_evidence(self) -> bool:
        return any(e.status != NO_EVIDENCE for e in self.entries.values())

    def as_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "supporter": self.supporter,
            "motion": self.motion.as_json(),
            "principles": {key: e.as_json() for key, e in self.principles.items()},
        }


def _defaults() -> dict[str, Entry]:
    """What each rule says with nothing to read: the reason "no evidence" gives."""
    return {key: Entry(v.status, v.reason) for key, v in judge(Facts()).items()}


def load_cards(
    session: Session, codes: Sequence[str] | None = None, *, with_changes: bool = False
) -> list[Card]:
    """Cards for the given councils (all in the register when None), in code order."""
    query = select(Council).order_by(Council.code)
    if codes:
        query = query.where(Council.code.in_(list(codes)))
    councils = list(session.scalars(query))
    entries = stored(session, [c.code for c in councils] if codes else None)
    defaults = _defaults()
    changes: dict[str, list[ScorecardChange]] = {}
    if with_changes and codes:
        for change in session.scalars(
            select(ScorecardChange)
            .where(ScorecardChange.council_code.in_(list(codes)))
            .order_by(ScorecardChange.changed_at.desc(), ScorecardChange.id.desc())
        ):
            changes.setdefault(change.council_code, []).append(change)
    cards = []
    for council in councils:
        own = entries.get(council.code, {})
        card_entries = dict(defaults)
        for key, row in own.items():
            card_entries[key] = Entry(
                row.status,
                row.reason,
                tuple(Evidence.from_dict(e) for e in row.evidence or []),
                row.changed_at,
            )
        cards.append(
            Card(
                council.code,
                clean_text(council.nice_name or council.name) or council.code,
                council.nation or "",
                council.type or "",
                card_entries,
                tuple(changes.get(council.code, ())),
            )
        )
    return cards


def filter_sort(
    cards: Sequence[Card],
    *,
    nation: str = "",
    council_type: str = "",
    status: str = "",
    principle: str = "",
    sort: str = "name",
    descending: bool = False,
    evidence_only: bool = False,
) -> list[Card]:
    """The national table's rows: filtered by nation, council type and (with ``principle``)
    status on that principle, then sorted."""
    rows = [
        c
        for c in cards
        if (not nation or c.nation == nation)
        and (not council_type or c.type == council_type)
        and (not evidence_only or c.has_evidence)
        and (not (status and principle in PRINCIPLES) or c.entries[principle].status == status)
    ]
    keys: dict[str, Any] = {
        "name": lambda c: c.name.lower(),
        "code": lambda c: c.code,
        "nation": lambda c: (c.nation, c.name.lower()),
        "type": lambda c: (c.type, c.name.lower()),
        "practised": lambda c: (-c.count(PRACTISED), -c.count(PARTLY), c.name.lower()),
        "not_practised": lambda c: (-c.count(NOT_PRACTISED), c.name.lower()),
    }
    for key in PRINCIPLE_KEYS:
        keys[key] = lambda c, k=key: (RANK[c.entries[k].status], c.name.lower())
    rows.sort(key=keys.get(sort, keys["name"]), reverse=descending)
    return rows


def table_rows(cards: Sequence[Card]) -> list[dict[str, str]]:
    """The national table as flat rows (the CSV download)."""
    rows = []
    for card in cards:
        row = {
            "code": card.code,
            "name": card.name,
            "nation": card.nation,
            "type": card.type,
            "supporter": "yes" if card.supporter else "no evidence",
        }
        for key, entry in card.principles.items():
            row[f"p{key}"] = entry.status
        for key, entry in card.principles.items():
            row[f"p{key}_reason"] = entry.reason
        rows.append(row)
    return rows


def text_table(cards: Sequence[Card]) -> str:
    """The table ``oursay scorecard`` prints."""
    heads = ["code", "council".ljust(32), *PRINCIPLE_KEYS, "motion"]
    widths = [4, 32, *(6 for _ in PRINCIPLE_KEYS), 7]
    lines = ["  ".join(h.ljust(w) for h, w in zip(heads, widths, strict=True))]
    for card in cards:
        cells = [card.code, card.name[:32]]
        cells += [SHORT.get(e.status, e.status) for e in card.principles.values()]
        cells.append("yes" if card.supporter else "-")
        lines.append("  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)))
    lines.append("")
    lines.append(
        "yes = practised, partly = partly, no = not practised (public evidence against), "
        "- = no evidence either way"
    )
    lines.append("principles: " + "; ".join(f"{k} {v}" for k, v in PRINCIPLES.items()))
    return "\n".join(lines)
