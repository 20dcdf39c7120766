"""Council groups for leave-one-group-out evaluation, and the threshold fitted per fold.

Cases from councils of one kind share their writing (committee systems, report templates,
the words of one nation's law), so a rule or threshold that only works for one kind shows
up when that kind is held out. A case's group is the type of the council its ``council``
field names, found in the council registry by the same name matcher that matches
procurement buyers (``crawlers.buyers``): London boroughs, county councils, district
councils, unitary councils, metropolitan districts, and Welsh, Scottish and Northern Irish
councils. A name the registry does not hold (a former council, a combined authority) is a
group of its own, so that council alone is left out.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from crawlers.buyers import BuyerMatcher, normalise
from monitor.confidence import PUBLISH_THRESHOLD
from storage.councils import load_registry

__all__ = ["TARGET_PRECISION", "council_groups", "fit_threshold"]

# mySociety council type codes (the registry's ``type`` column) to group names.
TYPE_GROUPS = {
    "LBO": "London boroughs",
    "CC": "London boroughs",  # the City of London sits with its neighbours
    "CTY": "county councils",
    "NMD": "district councils",
    "UA": "unitary councils",
    "MD": "metropolitan districts",
    "WPA": "Welsh councils",
    "SCO": "Scottish councils",
    "NID": "Northern Irish councils",
}
# The goal for published flags on real documents.
TARGET_PRECISION = 0.95


def council_groups(councils: Iterable[str | None]) -> list[str]:
    """The group of each council name, in order."""
    entries = load_registry()
    by_code = {entry.code: entry for entry in entries}
    matcher = BuyerMatcher(entries)
    groups = []
    for name in councils:
        if not (name and name.strip()):
            groups.append("council not stated")
            continue
        match = matcher.match(name)
        if match is None:
            groups.append(f"alone: {normalise(name)}")
        else:
            kind = by_code[match.code].type
            groups.append(TYPE_GROUPS.get(kind, f"type {kind}"))
    return groups


def fit_threshold(rows: Sequence[tuple[float, bool, bool]]) -> float:
    """The publish threshold these ``(confidence, flagged, should_flag)`` rows would choose:
    the lowest one whose published flags reach :data:`TARGET_PRECISION` (most recall at that
    precision), else the one with the best F1; the stated threshold when nothing is flagged."""
    candidates = sorted({conf for conf, flagged, _ in rows if flagged})
    if not candidates:
        return PUBLISH_THRESHOLD
    best_f1, best_f1_threshold = -1.0, candidates[-1]
    for threshold in candidates:
        tp = sum(1 for conf, f, want in rows if f and conf >= threshold and want)
        fp = sum(1 for conf, f, want in rows if f and conf >= threshold and not want)
        fn = sum(1 for conf, f, want in rows if want and not (f and conf >= threshold))
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        if tp and precision >= TARGET_PRECISION:
            return threshold
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        if f1 > best_f1:
            best_f1, best_f1_threshold = f1, threshold
    return best_f1_threshold
