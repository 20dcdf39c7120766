"""A staff review follows the decision it was about, not the record it was made on.

One decision carries one flag on one record, its *bearer* (:mod:`monitor.decision_groups`,
:mod:`monitor.procurement_groups`). The bearer moves as the decision moves on: a forward-plan
entry, then the decision, then the award notice. Staff who dismissed or confirmed the flag on
the decision would otherwise see it come back, unreviewed, on the award notice. So after the
groups are settled, the newest review of any record of a group is carried to the group's
bearer when the bearer has no review as new: a new ``Review`` row on the bearer, with no
reviewer and a reason that names the record it came from, so the history stays readable and
staff can overturn it like any other review. The private note is not copied.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from storage.models import Assessment, Review

CARRIED_PREFIX = "carried from record"


def carried_reason(source_record: int, reason: str | None) -> str:
    text = f"{CARRIED_PREFIX} {source_record} (same decision)"
    return f"{text}: {reason}" if reason else text


def _latest_reviews(session: Session, record_ids: Iterable[int]) -> dict[int, Review]:
    ids = sorted(set(record_ids))
    latest: dict[int, Review] = {}
    for start in range(0, len(ids), 500):  # SQLite's bound-parameter limit
        newest = (
            select(func.max(Review.id))
            .where(Review.record_id.in_(ids[start : start + 500]))
            .group_by(Review.record_id)
        )
        for review in session.scalars(select(Review).where(Review.id.in_(newest))):
            latest[review.record_id] = review
    return latest


def group_bearers(
    session: Session, procurement_members: Iterable[Sequence[int]] = ()
) -> dict[int, tuple[int, ...]]:
    """Bearer record id -> the members of its group, for every group that carries a flag:
    decision groups from their stored summary, procurement groups from ``procurement_members``
    (the flag sits on the one member whose current assessment flags)."""
    groups: dict[int, set[int]] = {}
    for group in session.scalars(
        select(Assessment.decision_group).where(
            Assessment.is_current.is_(True), Assessment.decision_group.is_not(None)
        )
    ):
        bearer = group.get("bearer") if isinstance(group, dict) else None
        if isinstance(bearer, int):
            groups.setdefault(bearer, set()).update(
                m for m in group.get("members") or [] if isinstance(m, int)
            )
    members_lists = [tuple(m) for m in procurement_members]
    flagged = set(
        session.scalars(
            select(Assessment.record_id).where(
                Assessment.is_current.is_(True),
                Assessment.should_flag.is_(True),
                Assessment.record_id.in_({m for ms in members_lists for m in ms} or {-1}),
            )
        )
    )
    for members in members_lists:
        for bearer in (m for m in members if m in flagged):
            groups.setdefault(bearer, set()).update(members)
    return {bearer: tuple(sorted(members)) for bearer, members in groups.items()}


def carry_reviews(session: Session, bearers: Mapping[int, Sequence[int]]) -> int:
    """Carry the newest review of each group to its bearer; return how many were carried.
    Idempotent: a carried review is newer than the one it copies."""
    latest = _latest_reviews(session, {m for ms in bearers.values() for m in ms} | set(bearers))
    carried = 0
    for bearer, members in bearers.items():
        newest = max(
            (latest[m] for m in members if m in latest), key=lambda r: r.id, default=None
        )
        if newest is None or newest.record_id == bearer:
            continue
        own = latest.get(bearer)
        if own is not None and own.id > newest.id:
            continue
        review = Review(
            record_id=bearer,
            status=newest.status,
            reason=carried_reason(newest.record_id, newest.reason),
            reviewer_id=None,
        )
        session.add(review)
        latest[bearer] = review
        carried += 1
    session.flush()
    return carried
