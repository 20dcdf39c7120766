"""A record's flag state, denormalised on ``records.flag_state`` by migration 0010.

The database owns the column: triggers on ``assessments``, ``reviews`` and ``councils``
recompute a record's state (and nation) whenever anything it depends on is written, by
any writer, so no code here ever sets it. What lives here is its meaning, twice over, for
the tests that hold the triggers to it and for the bench's before/after comparison:

- :func:`state_of`: from a :class:`storage.queries.RecordState` (Python);
- :func:`joined_state`: from the joined current assessment and newest review (SQL), the
  way ``states_query(flagged_only=True)`` decided before the column existed.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, case

FLAGGED = "flagged"
NEEDS_REVIEW = "needs_review"
NONE = "none"
STATES = (FLAGGED, NEEDS_REVIEW, NONE)
CLEARED = ("dismissed", "good_practice")


def state_of(record_state: Any) -> str:
    """``flagged`` | ``needs_review`` | ``none`` of a RecordState. Flagged needs a current
    assessment, as the feeds' query always did (a confirmed review alone flags nothing)."""
    if record_state.assessment is None:
        return NONE
    if record_state.flagged:
        return FLAGGED
    return NEEDS_REVIEW if record_state.needs_review else NONE


def joined_state(current: Any, latest: Any) -> Any:
    """The same, as SQL over ``states_query``'s aliases of the current assessment and the
    newest review: what the column replaced."""
    flagged = and_(current.id.is_not(None), joined_flagged(current, latest))
    needs_review = and_(latest.id.is_(None), current.publish_state == "needs_review")
    return case((flagged, FLAGGED), (needs_review, NEEDS_REVIEW), else_=NONE)


def joined_flagged(current: Any, latest: Any) -> Any:
    """The condition ``states_query(flagged_only=True)`` used before migration 0010 (with
    its ``current.id IS NOT NULL``), verbatim, so the bench's baseline is the old query."""
    not_cleared = latest.status.is_(None) | latest.status.not_in(list(CLEARED))
    published = current.publish_state.is_(None) | (current.publish_state != "needs_review")
    return (current.should_flag.is_(True) & published & not_cleared) | (
        latest.status == "confirmed"
    )
