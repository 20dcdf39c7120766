"""One procurement, one flag: the notices of one procurement (same ocid; award notices of one
framework; call-off notices of one exercise) are grouped, and only the newest of them that
would flag carries the flag. Split from :mod:`monitor.notices`, which re-exports these names.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models import Assessment, Record

SAME_PROCUREMENT: Final = "same_procurement_as:"
# A procurement stopped before a contract was let (UK12 procurement termination, a legacy
# cancellation): when that is the newest notice of a procurement, nothing of it is flagged.
STOPPED_RULES: Final = frozenset(
    f"notice:reports_on_contract_{kind}"
    for kind in ("UK12", "tenderCancellation", "awardCancellation")
)


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return [v for v in value if v is not None] if isinstance(value, list) else []


# --------------------------------------------------------------------------------------------
# One procurement, one flag
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NoticeRow:
    """What grouping reads of one notice record."""

    id: int
    ocid: str | None
    published_at: datetime | None
    buyer_id: str | None
    title: str
    cpv_codes: tuple[str, ...]
    content_hash: str
    data: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ProcurementGroup:
    members: tuple[int, ...]  # record ids, oldest first
    signature: str  # changes whenever a member joins, leaves or changes
    reasons: tuple[str, ...]  # what linked them: "ocid", "framework", "tender_id", "title"

    @property
    def newest(self) -> int:
        return self.members[-1]


_SPACES = re.compile(r"\s+")
# Contracts Finder gives an award notice its own ocid and repeats the tender's title and id
# with " - AWARD" after them.
_AWARD_SUFFIX = re.compile(r"\s*-\s*award\s*$", re.I)


def _same_name(text: str) -> str:
    return _AWARD_SUFFIX.sub("", _SPACES.sub(" ", text).strip()).casefold()


# A title shorter than this ("Lot 1", "Rochdale Borough Council") names no one procurement.
_MIN_TITLE = 20


def _keys(row: NoticeRow) -> Iterable[tuple[str, str]]:
    if row.ocid:
        yield "ocid", row.ocid
    release = _dict(row.data.get("release"))
    for process in _list(release.get("relatedProcesses")):
        process = _dict(process)
        relationship = {str(r) for r in _list(process.get("relationship"))}
        identifier = process.get("identifier")
        # A call-off names the framework (or parent process) it was awarded under.
        if relationship & {"framework", "parent"} and isinstance(identifier, str) and identifier:
            yield "framework", identifier
    tender_id = _dict(release.get("tender")).get("id")
    if isinstance(tender_id, str) and len(_same_name(tender_id)) >= 4 and row.buyer_id:
        yield "tender_id", f"{row.buyer_id}|{_same_name(tender_id)}"
    title = _same_name(row.title)
    if len(title) >= _MIN_TITLE and row.buyer_id:
        # One exercise published as one award notice per route, lot or supplier: same buyer,
        # same title, same subject.
        yield "title", f"{row.buyer_id}|{title}|{row.cpv_codes[0] if row.cpv_codes else ''}"


def procurement_groups(rows: Iterable[NoticeRow]) -> dict[int, ProcurementGroup]:
    """Record id -> its group, for every notice that shares a procurement with another."""
    rows = list(rows)
    parent: dict[int, int] = {row.id: row.id for row in rows}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    first_with: dict[tuple[str, str], int] = {}
    reasons: dict[int, set[str]] = {}
    for row in rows:
        for key in _keys(row):
            other = first_with.setdefault(key, row.id)
            if other != row.id:
                a, b = find(other), find(row.id)
                if a != b:
                    parent[b] = a
                reasons.setdefault(row.id, set()).add(key[0])
                reasons.setdefault(other, set()).add(key[0])
    by_root: dict[int, list[NoticeRow]] = {}
    for row in rows:
        by_root.setdefault(find(row.id), []).append(row)
    groups: dict[int, ProcurementGroup] = {}
    for members in by_root.values():
        if len(members) < 2:
            continue
        members.sort(key=lambda r: (r.published_at.timestamp() if r.published_at else 0.0, r.id))
        digest = hashlib.sha256()
        for member in members:
            digest.update(f"{member.id}:{member.content_hash}|".encode())
        group = ProcurementGroup(
            tuple(m.id for m in members),
            digest.hexdigest(),
            tuple(sorted(set().union(*(reasons.get(m.id, set()) for m in members)))),
        )
        for member in members:
            groups[member.id] = group
    return groups


def flag_bearer(
    group: ProcurementGroup, would_flag: Mapping[int, bool], stopped: bool = False
) -> int | None:
    """The member that carries the group's flag: the newest one that would flag alone; none
    when the newest notice stopped the procurement."""
    if stopped:
        return None
    for record_id in reversed(group.members):
        if would_flag.get(record_id):
            return record_id
    return None


def own_flag(assessment: Assessment) -> bool:
    """What a record's own assessment says before any group folds it: the verdict
    :mod:`monitor.assess` computes from the four stored findings."""
    outsourcing, sale = assessment.is_outsourcing, assessment.is_asset_sale
    consulted, inhouse = assessment.has_consultation, assessment.has_inhouse_statement
    return bool((outsourcing and not (consulted and inhouse)) or (sale and not consulted))


# --------------------------------------------------------------------------------------------
# The same, over the database (called by monitor.assess)
# --------------------------------------------------------------------------------------------


def load_groups(session: Session) -> dict[int, ProcurementGroup]:
    """Every notice record's procurement group (notices alone in theirs are left out)."""
    rows = session.execute(
        select(
            Record.id,
            Record.ocid,
            Record.published_at,
            Record.buyer_id,
            Record.council_code,
            Record.title,
            Record.cpv_codes,
            Record.content_hash,
            Record.data,
        ).where(Record.kind == "notice")
    )
    return procurement_groups(
        NoticeRow(
            id=r.id,
            ocid=r.ocid,
            published_at=r.published_at,
            # Buyers without an identifier are told apart by the council they were matched to.
            buyer_id=r.buyer_id or r.council_code,
            title=r.title or "",
            cpv_codes=tuple(c for c in (r.cpv_codes or []) if isinstance(c, str)),
            content_hash=r.content_hash,
            data=r.data or {},
        )
        for r in rows
    )


def current_assessments(session: Session, record_ids: Iterable[int]) -> dict[int, Assessment]:
    """Record id -> its current assessment, for the records that have one."""
    current: dict[int, Assessment] = {}
    ids = sorted(set(record_ids))
    # In slices: SQLite allows a limited number of bound parameters in one statement.
    for start in range(0, len(ids), 500):
        current.update(
            (a.record_id, a)
            for a in session.scalars(
                select(Assessment).where(
                    Assessment.record_id.in_(ids[start : start + 500]),
                    Assessment.is_current.is_(True),
                )
            )
        )
    return current


def settle_groups(session: Session, groups: Mapping[int, ProcurementGroup]) -> int:
    """Leave one flag per procurement: the newest notice that would flag alone carries it
    (none does when the newest notice stopped the procurement); the others keep their own
    assessment but say which notice carries the flag. Returns the
    number of flags folded into another notice's. Idempotent: a notice's own verdict stays
    readable (:func:`own_flag`, and a ``same_procurement_as:`` signal)."""
    folded = 0
    current = current_assessments(session, groups)
    done: set[str] = set()
    for group in groups.values():
        if group.signature in done:
            continue
        done.add(group.signature)
        members = {rid: current[rid] for rid in group.members if rid in current}
        # From the stored findings, not should_flag: a decision group (monitor.decision_groups)
        # may have folded a notice's flag since.
        would_flag = {rid: own_flag(a) for rid, a in members.items()}
        newest = members.get(group.newest)
        stopped = newest is not None and bool(STOPPED_RULES & set(newest.signals or []))
        bearer = flag_bearer(group, would_flag, stopped)
        for rid, assessment in members.items():
            signals = [
                s for s in assessment.signals or [] if not str(s).startswith(SAME_PROCUREMENT)
            ]
            flag = would_flag[rid]
            if flag and rid != bearer:
                # Points at the notice that carries the flag, or at the one that stopped it.
                signals.append(f"{SAME_PROCUREMENT}{bearer or group.newest}")
                flag = False
                folded += 1
            if signals != list(assessment.signals or []) or flag != assessment.should_flag:
                # A new list, so that the JSON column sees the change.
                assessment.signals = signals
                assessment.should_flag = flag
    return folded
