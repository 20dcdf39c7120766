"""One decision, one item.

A council decision leaves several records behind: a forward-plan entry, an agenda item, the
decision notice, the procurement notices that follow and the consultation before it. The
monitor links them (:mod:`monitor.link`); here the links become groups, and each group
carries one flag computed from all its evidence:

- consultation or an in-house statement found in any record of the decision counts for all
  of them (the forward plan names the consultation, the report weighs the in-house option,
  the award notice says neither);
- the newest record that still flags carries the group's flag; the others point at it;
- the group keeps the GUID of the record oursay saw first, so the feed entry of a decision is
  updated in place as the decision moves on, instead of a new entry at every stage.

Only strong links group records (a notice joins the one decision it most likely implements
when the link is strong or both are titled alike,
a consultation the one decision that most likely used it): weak links still lend evidence in
:mod:`monitor.assess`, but a chain of weak links must not fold unrelated decisions together.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from feeds.items import guid_for
from monitor.link import TITLES_ALIKE_METHOD
from monitor.procurement_groups import (
    SAME_PROCUREMENT,
    ProcurementGroup,
    current_assessments,
    own_flag,
)
from storage.models import Assessment, Record, RecordLink

SAME_DECISION: Final = "same_decision_as:"
# A notice or consultation joins a decision's group only on a link this strong.
GROUP_MIN_SCORE: Final = 0.5
# A component larger than this is a chain of loose links, not one decision: left apart.
MAX_GROUP: Final = 25
# Evidence carried from the other records of the decision to the one that shows it.
MAX_GROUP_EVIDENCE: Final = 6
GROUPED_KINDS: Final = (
    "decision",
    "forward_plan",
    "issue",
    "agenda_item",
    "notice",
    "consultation",
)


@dataclass(frozen=True)
class Member:
    id: int
    kind: str
    source: str
    source_key: str
    title: str
    first_seen_at: datetime | None
    published_at: datetime | None


@dataclass(frozen=True)
class DecisionGroup:
    members: tuple[Member, ...]  # oldest first (by date, then id)

    @property
    def anchor(self) -> Member:
        """The record oursay saw first: its GUID is the group's, whatever joins later."""
        return min(self.members, key=lambda m: (_stamp(m.first_seen_at), m.id))

    @property
    def guid(self) -> str:
        anchor = self.anchor
        return guid_for(Record(source=anchor.source, source_key=anchor.source_key))


def _stamp(value: datetime | None) -> float:
    return value.timestamp() if value is not None else 0.0


def group_edges(links: Iterable[tuple[int, int, str, float, str]]) -> list[tuple[int, int]]:
    """The links strong enough to make two records one decision: every ``same_decision``
    link, each notice's best ``implements`` link when strong or titled alike, and each
    consultation's best decision."""
    edges: list[tuple[int, int]] = []
    best_decision: dict[int, tuple[float, int]] = {}  # notice -> (score, decision)
    best_user: dict[int, tuple[float, int]] = {}  # consultation -> (score, decision)
    for source, target, relation, score, method in links:
        if relation == "same_decision":
            edges.append((source, target))
        elif relation == "implements" and (
            score >= GROUP_MIN_SCORE or method == TITLES_ALIKE_METHOD
        ):
            if source not in best_decision or (score, -target) > (
                best_decision[source][0],
                -best_decision[source][1],
            ):
                best_decision[source] = (score, target)
        elif (
            relation == "consultation"
            and score >= GROUP_MIN_SCORE
            and (
                target not in best_user
                or (score, -source) > (best_user[target][0], -best_user[target][1])
            )
        ):
            best_user[target] = (score, source)
    edges += [(notice, decision) for notice, (_, decision) in best_decision.items()]
    edges += [(consultation, decision) for consultation, (_, decision) in best_user.items()]
    return edges


def components(edges: Iterable[tuple[int, int]], keep_single: bool = False) -> list[list[int]]:
    """Connected record ids (union-find), each list sorted; singletons only when asked."""
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in edges:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    by_root: dict[int, list[int]] = {}
    for x in list(parent):
        by_root.setdefault(find(x), []).append(x)
    return [sorted(ids) for ids in by_root.values() if keep_single or len(ids) > 1]


def _decisions(
    edges: Iterable[tuple[int, int]], procurements: Mapping[int, Sequence[int]]
) -> list[list[int] | None]:
    """Record ids of each decision; None for a chain of more than MAX_GROUP matters. The
    notices of one procurement (``procurements``: first notice -> all of them) are one
    matter: 33 route-by-route award notices of one transport exercise are one decision."""
    first = {m: head for head, members in procurements.items() for m in members}
    unit_edges = [(first.get(a, a), first.get(b, b)) for a, b in edges]
    unit_edges += [(head, head) for head in procurements]  # a procurement alone is a decision
    decisions: list[list[int] | None] = []
    for units in components(unit_edges, keep_single=True):
        ids = sorted({i for u in units for i in procurements.get(u, (u,))})
        if len(ids) < 2:
            continue
        decisions.append(ids if len(units) <= MAX_GROUP else None)
    return decisions


def load_decision_groups(
    session: Session, procurement: Mapping[int, ProcurementGroup]
) -> tuple[list[DecisionGroup], int]:
    """The decision groups over the whole database, and how many components were too large
    to be one decision (left ungrouped)."""
    links = (
        (row[0], row[1], row[2], row[3], row[4])
        for row in session.execute(
            select(
                RecordLink.from_record_id,
                RecordLink.to_record_id,
                RecordLink.relation,
                RecordLink.score,
                RecordLink.method,
            )
        )
    )
    units = {group.members[0]: group.members for group in procurement.values()}
    ids_lists = _decisions(group_edges(links), units)
    too_large = sum(1 for ids in ids_lists if ids is None)
    kept = [ids for ids in ids_lists if ids is not None]
    wanted = sorted({i for ids in kept for i in ids})
    members: dict[int, Member] = {}
    for start in range(0, len(wanted), 500):  # SQLite's bound-parameter limit
        for row in session.execute(
            select(
                Record.id,
                Record.kind,
                Record.source,
                Record.source_key,
                Record.title,
                Record.first_seen_at,
                Record.published_at,
            ).where(Record.id.in_(wanted[start : start + 500]), Record.kind.in_(GROUPED_KINDS))
        ):
            members[row.id] = Member(*row)
    groups = []
    for ids in kept:
        found = [members[i] for i in ids if i in members]
        if len(found) > 1:
            found.sort(key=lambda m: (_stamp(m.published_at or m.first_seen_at), m.id))
            groups.append(DecisionGroup(tuple(found)))
    return groups, too_large


# --------------------------------------------------------------------------------------------
# One flag per decision
# --------------------------------------------------------------------------------------------


def _base_flag(assessment: Assessment) -> bool:
    """Own verdict after one-procurement-one-flag (:mod:`monitor.procurement_groups`)."""
    folded = any(str(s).startswith(SAME_PROCUREMENT) for s in assessment.signals or [])
    return own_flag(assessment) and not folded


def _found(assessment: Assessment, label: str) -> bool:
    if getattr(assessment, label) is True:
        return True
    return any(isinstance(r, dict) and r.get("label") == label for r in assessment.evidence or [])


def _group_evidence(
    group: DecisionGroup, current: Mapping[int, Assessment], labels: set[str]
) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for member in group.members:
        assessment = current.get(member.id)
        if assessment is None:
            continue
        for row in assessment.evidence or []:
            if isinstance(row, dict) and row.get("label") in labels:
                rows.append({**row, "record_id": member.id, "via": row.get("via") or member.title})
                break  # one quote per record and label is enough to show where it was found
    return rows[:MAX_GROUP_EVIDENCE]


def settle_decisions(session: Session, groups: Sequence[DecisionGroup]) -> int:
    """Give each decision group one flag from all its evidence; return the number of records
    whose flag the group folded or cleared. Records that left a group get their own verdict
    back. Idempotent: only changed assessments are written."""
    grouped = {m.id for g in groups for m in g.members}
    current = current_assessments(session, grouped)
    # Records that were grouped last time and are not now.
    for assessment in session.scalars(
        select(Assessment).where(
            Assessment.is_current.is_(True), Assessment.decision_group.is_not(None)
        )
    ):
        if assessment.record_id not in grouped:
            _write(assessment, _base_flag(assessment), _strip(assessment.signals), None)
    changed = 0
    for group in groups:
        changed += _settle_one(group, current)
    return changed


def _strip(signals: Iterable[Any] | None) -> list[Any]:
    return [s for s in signals or [] if not str(s).startswith(SAME_DECISION)]


def _write(
    assessment: Assessment, flag: bool, signals: list[Any], group: dict[str, Any] | None
) -> None:
    if flag != assessment.should_flag:
        assessment.should_flag = flag
    if signals != list(assessment.signals or []):
        assessment.signals = signals  # a new list, so that the JSON column sees the change
    if group != assessment.decision_group:
        assessment.decision_group = group


def _settle_one(group: DecisionGroup, current: Mapping[int, Assessment]) -> int:
    assessed = [(m, current[m.id]) for m in group.members if m.id in current]
    # Found in any record of the decision, whether that record decides anything itself (a
    # forward-plan entry that names the consultation: see monitor.assess, "supports:").
    consulted = any(_found(a, "has_consultation") for _, a in assessed) or any(
        m.kind == "consultation" for m in group.members
    )
    inhouse = any(_found(a, "has_inhouse_statement") for _, a in assessed)

    def flags_in_group(assessment: Assessment) -> bool:
        if not _base_flag(assessment):
            return False
        return bool(
            (assessment.is_outsourcing and not (consulted and inhouse))
            or (assessment.is_asset_sale and not consulted)
        )

    flagging = [m for m, a in assessed if flags_in_group(a)]
    bearer = flagging[-1].id if flagging else None  # members are oldest first
    outsourcing = any(a.is_outsourcing for _, a in assessed)
    selling = any(a.is_asset_sale for _, a in assessed)
    wanted = {"has_consultation"} if consulted else set()
    wanted |= {"has_inhouse_statement"} if inhouse and outsourcing else set()
    shared = {
        "guid": group.guid,
        "members": [m.id for m in group.members],
        "bearer": bearer,
        "has_consultation": consulted if (outsourcing or selling) else None,
        "has_inhouse_statement": inhouse if outsourcing else None,
        "evidence": _group_evidence(group, current, wanted),
    }
    changed = 0
    for member, assessment in assessed:
        signals = _strip(assessment.signals)
        flag = member.id == bearer
        if _base_flag(assessment) and not flag:
            # Folded into the record that carries the decision's flag, or answered by
            # evidence elsewhere in the decision (then pointing at the newest record).
            signals.append(f"{SAME_DECISION}{bearer or group.members[-1].id}")
            changed += 1
        _write(assessment, flag, signals, shared)
    return changed
