"""Region and nation feeds: flagged decisions of every council in one of England's nine
regions (``feeds/regions/london``) or one nation (``feeds/nations/wales``). Councils carry
both from mySociety's register (``storage/data/councils.csv``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from feeds.build import FEED_ITEM_LIMIT, FeedSpec, feed_columns, newest_first
from storage import queries
from storage.models import Council, Record
from storage.queries import RecordState, states_query


def slugify(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


@dataclass(frozen=True)
class AreaSpec(FeedSpec):
    """A feed over a fixed set of councils."""

    area: str = ""
    codes: frozenset[str] = frozenset()

    def matches(self, state: RecordState) -> bool:
        return state.flagged and (state.record.council_code or "") in self.codes

    def query(self, limit: int = FEED_ITEM_LIMIT) -> Select[Any]:
        # An area with no councils selects nothing (an empty IN list would mean "any").
        codes = sorted(self.codes) or ["-"]
        if self.name.startswith("nations/") and queries.USE_FLAG_STATE:
            # The record's own copy of its council's nation (migration 0010): read in date
            # order from (nation, flag state, date) rather than merged from each council.
            query = states_query(flagged_only=True).where(Record.nation == self.area)
        else:
            query = states_query(council_codes=codes, flagged_only=True)
        return feed_columns(newest_first(query)).limit(limit)


def area_specs(session: Session) -> list[AreaSpec]:
    """Each nation, then each English region (regions equal to their nation are left out:
    Wales's region feed would repeat its nation feed)."""
    nations: dict[str, set[str]] = {}
    regions: dict[str, set[str]] = {}
    for code, nation, region in session.execute(
        select(Council.code, Council.nation, Council.region)
    ):
        if nation:
            nations.setdefault(nation, set()).add(code)
        if region and region != nation:
            regions.setdefault(region, set()).add(code)
    specs = [_spec("nations", name, codes) for name, codes in sorted(nations.items())]
    specs += [_spec("regions", name, codes) for name, codes in sorted(regions.items())]
    return specs


def _spec(kind: str, name: str, codes: set[str]) -> AreaSpec:
    where = f"councils in {name}"
    return AreaSpec(
        f"{kind}/{slugify(name)}",
        f"oursay: {name}, outsourcing and asset sales without consultation",
        f"Decisions by {where} to outsource services or sell assets where oursay found no "
        "public consultation or no in-house option.",
        "flagged",
        area=name,
        codes=frozenset(codes),
    )
