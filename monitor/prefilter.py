"""A cheap test before a regular expression: words any match of it must contain.

The false friends are tried on every match and most of their patterns cannot match the
sentence at all. Every match of ``goods?|equipment`` contains "good" or "equipment", so a
sentence without either (lower-cased, a C-level substring test) needs no regex search. The
words are read from the compiled pattern itself (:func:`required_words`), so they never drift
from the rules, and a pattern they cannot be read from is simply always searched.

Exactness: the words are lower-case ASCII and the text is lower-cased. Under ``re.I`` an
ASCII letter also matches four non-ASCII letters (:data:`_FOLDS_TO_ASCII`: "İ", "ı", "ſ" and
the Kelvin sign); a text holding one of them is always searched. The engine uses it for the
false friends (:func:`monitor.engine._false_friend`); rules have hand-written triggers.
"""

from __future__ import annotations

import re
import sys
from functools import cache

try:  # The regex parser is private; without it every pattern is simply always searched.
    from re import _constants as _C  # type: ignore[attr-defined]
    from re import _parser as _P  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - other Python versions
    _P = None

__all__ = ["lowered", "may_match", "required_words"]

# The characters outside ASCII that re.I matches to an ASCII letter ("İ", "ı", "ſ", the
# Kelvin sign), found by trying every code point (tests/test_monitor_speed.py checks the list).
_FOLDS_TO_ASCII = re.compile("[\u0130\u0131\u017f\u212a]")

Words = frozenset[str]


def _best(candidates: list[Words]) -> Words | None:
    """The most selective requirement: its shortest word longest, then the fewest words."""
    if not candidates:
        return None
    return max(candidates, key=lambda words: (min(map(len, words)), -len(words)))


def _sequence(items: list[tuple[object, object]]) -> Words | None:
    """What a match of a concatenation must contain: any one item's requirement will do, and
    runs of literal characters are read as one word."""
    candidates: list[Words] = []
    run: list[str] = []
    for op, arg in items:
        if op is _C.LITERAL and isinstance(arg, int) and arg < 128:
            run.append(chr(arg).lower())
            continue
        if run:
            candidates.append(frozenset({"".join(run)}))
            run = []
        found = _item(op, arg)
        if found is not None:
            candidates.append(found)
    if run:
        candidates.append(frozenset({"".join(run)}))
    return _best(candidates)


def _item(op: object, arg: object) -> Words | None:
    if op is _C.BRANCH:
        union: set[str] = set()
        for branch in arg[1]:  # type: ignore[index]
            found = _sequence(list(branch))
            if found is None:
                return None
            union |= found
        return frozenset(union)
    if op is _C.SUBPATTERN:
        return _sequence(list(arg[3]))  # type: ignore[index]
    if op is _C.ATOMIC_GROUP:
        return _sequence(list(arg))  # type: ignore[arg-type]
    if op in (_C.MAX_REPEAT, _C.MIN_REPEAT, _C.POSSESSIVE_REPEAT):
        low, _high, body = arg  # type: ignore[misc]
        return _sequence(list(body)) if low >= 1 else None
    # Look-arounds, anchors, classes, any character, back-references: no word required.
    return None


@cache
def required_words(pattern: re.Pattern[str]) -> Words | None:
    """Lower-case ASCII words one of which is in every match of ``pattern`` (case ignored),
    or None when no such word can be read from it."""
    if _P is None:
        return None
    try:
        parsed = _P.parse(pattern.pattern, pattern.flags)
    except Exception:  # an unreadable pattern is searched as before
        return None
    words = _sequence(list(parsed))
    if words is None or min(map(len, words)) < 2:
        return None  # a single letter rules out nothing
    return words


def lowered(text: str) -> str | None:
    """``text`` lower-cased for :func:`may_match`, or None when it holds a character that
    re.I folds to an ASCII letter (then every pattern is searched). Without those characters
    ``str.lower`` keeps every offset: "İ" is the only character it turns into two."""
    return None if _FOLDS_TO_ASCII.search(text) else text.lower()


def may_match(
    pattern: re.Pattern[str], lowered_text: str | None, start: int = 0, end: int = sys.maxsize
) -> bool:
    """False only when ``pattern`` cannot match ``text[start:end]``: none of its required
    words is in ``lowered_text[start:end]`` (``lowered_text`` from :func:`lowered`)."""
    if lowered_text is None:
        return True
    words = required_words(pattern)
    if words is None:
        return True
    # str.find, one word at a time: as quick as one regex of all the words, and a plain loop
    # rather than any(...), whose generator costs more than the finds.
    find = lowered_text.find
    for word in words:  # noqa: SIM110 - see above
        if find(word, start, end) != -1:
            return True
    return False
