"""A cheap test before a regular expression: words any match of it must contain.

The false friends are tried on every match and most of their patterns cannot match the
sentence at all. Every match of ``goods?|equipment`` contains "good" or "equipment", so a
sentence without either (lower-cased, a C-level substring test) needs no regex search. The
words are read from the compiled pattern itself (:func:`required_words`), so they never drift
from the rules, and a pattern they cannot be read from is simply always searched.

Exactness: the words are lower-case ASCII and the text is lower-cased. Under ``re.I`` an
ASCII letter also matches four non-ASCII letters (:data:`_FOLDS_TO_ASCII`: "İ", "ı", "ſ" and
the Kelvin sign); a text holding one of them is always searched. The engine uses it for the
false friends (:func:`monitor.engine._false_friend`) and, after their hand-written triggers,
for the rules (:func:`monitor.engine._scan`).

:func:`may_match` reads more than one word from a pattern (:func:`requirements`): a long
rule is an alternation of branches, and each branch needs *all* of several words ("consult"
and one of the people it names), not just the most selective one. A sentence that has
"consult" but names nobody cannot match that branch; when no branch can match, the regex
search (hundreds of microseconds for the longest rules) is skipped. When some branches can
match and others cannot, :func:`search_span` and :func:`found` search only the ones that
can, each on its own (:class:`_Branches`), and give the answer the whole pattern would.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from functools import cache

try:  # The regex parser is private; without it every pattern is simply always searched.
    from re import _constants as _C  # type: ignore[attr-defined]
    from re import _parser as _P  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - other Python versions
    _P = None

__all__ = ["found", "lowered", "may_match", "required_words", "requirements", "search_span"]

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


def _minimal(words: Words) -> Words:
    """``words`` without those that hold another of them ("delivered" after "deliver",
    "local authority" after "authority"): a text that has the longer word has the shorter
    one, so the clause has one of its words exactly when it did, with fewer to look for."""
    return frozenset(w for w in words if not any(o != w and o in w for o in words))


def _best_first(clauses: list[Words]) -> tuple[Words, ...]:
    """Distinct clauses (each :func:`_minimal`), the most selective first (as :func:`_best`
    ranks them), so that a branch that cannot match is usually ruled out by its first
    clause."""
    distinct = dict.fromkeys(map(_minimal, clauses))
    return tuple(sorted(distinct, key=lambda w: (len(w), -min(map(len, w)))))


def _clauses(items: list[tuple[object, object]]) -> list[Words]:
    """Every requirement of a concatenation: a match needs one word of *each* clause. Runs
    of literal characters are words; groups and repeats of at least one are read inside;
    anything else (a nested alternation) gives what :func:`_item` reads from it."""
    out: list[Words] = []
    run: list[str] = []
    for op, arg in items:
        if op is _C.LITERAL and isinstance(arg, int) and arg < 128:
            run.append(chr(arg).lower())
            continue
        if run:
            out.append(frozenset({"".join(run)}))
            run = []
        if op is _C.SUBPATTERN:
            out += _clauses(list(arg[3]))  # type: ignore[index]
        elif op is _C.ATOMIC_GROUP:
            out += _clauses(list(arg))  # type: ignore[arg-type]
        elif op in (_C.MAX_REPEAT, _C.MIN_REPEAT, _C.POSSESSIVE_REPEAT):
            low, _high, body = arg  # type: ignore[misc]
            if low >= 1:
                out += _clauses(list(body))
        else:
            found = _item(op, arg)
            if found is not None:
                out.append(found)
    if run:
        out.append(frozenset({"".join(run)}))
    # A single letter rules out nothing.
    return [words for words in out if min(map(len, words)) >= 2]


Requirements = tuple[tuple[Words, ...], ...]


@cache
def requirements(pattern: re.Pattern[str]) -> Requirements | None:
    """What a match of ``pattern`` needs, as alternatives of clauses: some alternative whose
    every clause has one of its (lower-case ASCII) words in the text. The alternatives are
    the branches of the pattern's top-level alternation (:func:`_top_level_parts`, or as the
    parser reads them: it moves a prefix they share, such as ``\\b``, in front of them, and
    that prefix's clauses go with every branch), or the whole pattern. None when some
    alternative requires nothing that can be read."""
    branches = _branches(pattern)
    if branches is not None:
        alternatives = branches.clauses
    else:
        if _P is None:
            return None
        try:
            items = list(_P.parse(pattern.pattern, pattern.flags))
        except Exception:  # an unreadable pattern is searched as before
            return None
        while len(items) == 1 and items[0][0] is _C.SUBPATTERN:
            items = list(items[0][1][3])  # type: ignore[index]
        cut = [k for k, (op, _arg) in enumerate(items) if op is _C.BRANCH]
        if len(cut) == 1:
            k = cut[0]
            shared = _clauses(items[:k] + items[k + 1 :])
            alternatives = [
                _best_first(shared + _clauses(list(branch)))
                for branch in items[k][1][1]  # type: ignore[index]
            ]
        else:
            alternatives = [_best_first(_clauses(items))]
    if not all(alternatives):
        return None
    return tuple(alternatives)


def lowered(text: str) -> str | None:
    """``text`` lower-cased for :func:`may_match`, or None when it holds a character that
    re.I folds to an ASCII letter (then every pattern is searched). Without those characters
    ``str.lower`` keeps every offset: "İ" is the only character it turns into two."""
    return None if _FOLDS_TO_ASCII.search(text) else text.lower()


def _gate(alternatives: Requirements | None) -> Words | None:
    """One clause that every match needs: the words of each alternative's first (most
    selective) clause together. A text with none of them has no alternative whose every
    clause is there, which one clause test says instead of one per alternative (most texts
    have none). None with a single alternative (its first clause is tested first anyway) or
    an alternative that needs nothing (a branch of a pattern that is always searched)."""
    if alternatives is None or len(alternatives) < 2 or not all(alternatives):
        return None
    return _minimal(frozenset().union(*(clauses[0] for clauses in alternatives)))


# id(pattern) -> (pattern, its requirements, their gate); the pattern is kept so that its id
# is not reused.
_BY_ID: dict[int, tuple[re.Pattern[str], Requirements | None, Words | None]] = {}


def may_match(
    pattern: re.Pattern[str],
    lowered_text: str | None,
    start: int = 0,
    end: int = sys.maxsize,
    known: dict[Words, bool] | None = None,
) -> bool:
    """False only when ``pattern`` cannot match ``text[start:end]``: every alternative of its
    :func:`requirements` lacks all the words of one of its clauses in
    ``lowered_text[start:end]`` (``lowered_text`` from :func:`lowered`).

    ``known`` remembers, for one text and one window, which clauses it has: the rules tried
    on one sentence share clauses (a list of the people consulted, "contract")."""
    if lowered_text is None:
        return True
    # Looked up by identity: hashing a compiled pattern hashes its whole compiled code on
    # every call (some rules compile to thousands of codes), which cost more than the finds.
    known_pattern = _BY_ID.get(id(pattern))
    if known_pattern is None or known_pattern[0] is not pattern:
        alternatives = requirements(pattern)
        known_pattern = _BY_ID[id(pattern)] = (pattern, alternatives, _gate(alternatives))
    _, alternatives, gate = known_pattern
    if alternatives is None:
        return True
    # ``in``, one word at a time: as quick as one regex of all the words, and plain loops
    # rather than any(...), whose generator costs more than the tests. A window is sliced
    # once: ``in`` costs half a ``str.find`` with bounds. Branches share clauses (the prefix
    # moved out of them, a list of the people a rule names): each clause is looked for once.
    text = lowered_text if start == 0 and end >= len(lowered_text) else lowered_text[start:end]
    if known is None:
        known = {}
    if gate is not None and not _all_present((gate,), text, known):
        return False
    return any(_all_present(clauses, text, known) for clauses in alternatives)


def _all_present(clauses: Iterable[Words], text: str, known: dict[Words, bool]) -> bool:
    """Whether every clause has one of its words in ``text``; each clause's answer is kept in
    ``known`` (branches share clauses)."""
    for words in clauses:
        present = known.get(words)
        if present is None:
            present = False
            for word in words:
                if word in text:
                    present = True
                    break
            known[words] = present
        if not present:
            return False
    return True


def _alternatives(source: str, i: int = 0) -> tuple[list[str], int]:
    """The branches of the alternation that runs from ``source[i]`` to the ``)`` that closes
    the group it is in (or to the end), cut at each ``|`` outside inner groups, character
    classes and escapes; and where it ends (that ``)``, or ``len(source)``)."""
    parts: list[str] = []
    depth = 0
    start = i
    n = len(source)
    while i < n:
        ch = source[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":
            # A "]" right after "[" or "[^" is a literal; "[" inside a class is a literal.
            i += 1
            if i < n and source[i] == "^":
                i += 1
            if i < n and source[i] == "]":
                i += 1
            while i < n and source[i] != "]":
                i += 2 if source[i] == "\\" else 1
        elif ch == "(":
            depth += 1
        elif ch == ")":
            if depth == 0:
                break
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(source[start:i])
            start = i + 1
        i += 1
    parts.append(source[start : min(i, n)])
    return parts, min(i, n)


def _top_level_parts(source: str) -> list[str]:
    """``source`` cut at each ``|`` outside groups, character classes and escapes: the
    branches of its top-level alternation (one part when it has none)."""
    return _alternatives(source)[0]


# What may come before a leading group whose branches are searched one by one: nothing, or
# an assertion that takes no text and matches in one way only.
_ZERO_WIDTH_PREFIXES = ("\\b", "^", "")


def _branch_parts(source: str) -> list[str]:
    """The patterns searched one by one for ``source``: the branches of its top-level
    alternation; or, when it has none and starts with a group of alternatives
    (``\\b(?:A|B|C)rest``), one pattern per alternative (``\\b(?:A)rest``, ...).

    The second is as exact as the first: at a given position the whole pattern tries ``A``
    then what follows, then ``B`` then what follows, and so on, which is what each part does
    on its own; the prefix takes no text and matches in one way only, so it cannot make the
    whole pattern prefer a later alternative. A quantified group (``(?:A|B)?``) is not
    cut."""
    parts = _top_level_parts(source)
    if len(parts) > 1:
        return parts
    for prefix in _ZERO_WIDTH_PREFIXES:
        if source.startswith(prefix + "(?:"):
            inner, close = _alternatives(source, len(prefix) + 3)
            if close >= len(source) or len(inner) < 2:
                return parts
            rest = source[close + 1 :]
            if rest[:1] in ("?", "*", "+", "{"):
                return parts
            return [f"{prefix}(?:{branch}){rest}" for branch in inner]
    return parts


# A back-reference or a conditional group: a branch cut out of the pattern could then refer to
# another branch's group. Read from the source: an escaped backslash before a digit also
# counts, which only means such a pattern is searched whole.
_REFERS_TO_GROUPS = re.compile(r"\\[1-9]|\\g<|\(\?P=|\(\?\(")


class _Branches:
    """A pattern's top-level branches, each searched on its own when only some can match.

    ``A|B|C`` finds, at the leftmost position where any branch matches, the first branch
    that matches there. So does searching each branch alone and keeping the match that
    starts first (the earlier branch on a tie): nothing follows the alternation, so a branch
    matches at a position exactly as it would inside it, and lookarounds and ``\\b`` see the
    same text. A pattern with no top-level alternation that starts with a group of
    alternatives is cut the same way (:func:`_branch_parts`). A branch that lacks a word it
    needs (its clauses, read like
    :func:`requirements`) is not searched at all."""

    __slots__ = ("_compiled", "by_first", "clauses", "flags", "gate", "parts")

    def __init__(self, parts: list[str], clauses: Requirements, flags: int) -> None:
        self.parts = parts
        self.clauses = clauses
        self.flags = flags
        self.gate = _gate(clauses)
        # The branches by their first clause, (branch, its other clauses) in branch order:
        # a clause that is not in the text rules out every branch it opens at once. None
        # when a branch needs nothing.
        self.by_first: tuple[tuple[Words, tuple[tuple[int, tuple[Words, ...]], ...]], ...]
        self.by_first = ()
        if all(clauses):
            groups: dict[Words, list[tuple[int, tuple[Words, ...]]]] = {}
            for k, branch in enumerate(clauses):
                groups.setdefault(branch[0], []).append((k, branch[1:]))
            self.by_first = tuple((first, tuple(ks)) for first, ks in groups.items())
        self._compiled: list[re.Pattern[str] | None] = [None] * len(parts)

    def compiled(self, k: int) -> re.Pattern[str]:
        # Compiled when first needed: most branches of most rules never are.
        pattern = self._compiled[k]
        if pattern is None:
            pattern = self._compiled[k] = re.compile(self.parts[k], self.flags)
        return pattern

    def alive(self, lowered_text: str | None, known: dict[Words, bool]) -> list[int]:
        """The branches that can match the text whose lower case is ``lowered_text``."""
        if lowered_text is None:
            return list(range(len(self.parts)))
        # Most texts have no branch's first clause: one clause says so (see _gate).
        if self.gate is not None and not _all_present((self.gate,), lowered_text, known):
            return []
        if not self.by_first:
            return [
                k
                for k, clauses in enumerate(self.clauses)
                if _all_present(clauses, lowered_text, known)
            ]
        # Each first clause is looked for once (plain loops: this runs for every rule on
        # every sentence that holds its trigger); then the other clauses of the branches it
        # opens. Sorted back into branch order.
        alive: list[int] = []
        for first, branches in self.by_first:
            present = known.get(first)
            if present is None:
                present = False
                for word in first:
                    if word in lowered_text:
                        present = True
                        break
                known[first] = present
            if present:
                for k, rest in branches:
                    if not rest or _all_present(rest, lowered_text, known):
                        alive.append(k)
        alive.sort()
        return alive


def _read_branches(pattern: re.Pattern[str]) -> _Branches | None:
    if _P is None or pattern.flags & re.VERBOSE or "(?#" in pattern.pattern:
        return None
    parts = _branch_parts(pattern.pattern)
    if len(parts) < 2:
        return None
    if _REFERS_TO_GROUPS.search(pattern.pattern):
        return None
    try:
        clauses = [_best_first(_clauses(list(_P.parse(part, pattern.flags)))) for part in parts]
    except Exception:  # a part that does not stand alone: the pattern is searched whole
        return None
    return _Branches(parts, tuple(clauses), pattern.flags)


_BRANCHES: dict[int, tuple[re.Pattern[str], _Branches | None]] = {}


def _branches(pattern: re.Pattern[str]) -> _Branches | None:
    known = _BRANCHES.get(id(pattern))
    if known is None or known[0] is not pattern:
        known = _BRANCHES[id(pattern)] = (pattern, _read_branches(pattern))
    return known[1]


def search_span(
    pattern: re.Pattern[str],
    text: str,
    lowered_text: str | None,
    known: dict[Words, bool] | None = None,
) -> tuple[int, int] | None:
    """``pattern.search(text).span()`` (None when it does not match), searching only the
    branches that can match (:class:`_Branches`). ``lowered_text`` is :func:`lowered` of
    ``text``; ``known`` as for :func:`may_match`."""
    if known is None:
        known = {}
    branches = _branches(pattern)
    if branches is None:
        if not may_match(pattern, lowered_text, known=known):
            return None
        m = pattern.search(text)
        return None if m is None else m.span()
    alive = branches.alive(lowered_text, known)
    if not alive:
        return None
    if len(alive) == len(branches.parts):
        m = pattern.search(text)  # one scan of the text rather than one per branch
        return None if m is None else m.span()
    best: tuple[int, int] | None = None
    for k in alive:
        m = branches.compiled(k).search(text)
        if m is not None and (best is None or m.start() < best[0]):
            best = m.span()
    return best


def found(
    pattern: re.Pattern[str],
    text: str,
    lowered_text: str | None,
    known: dict[Words, bool] | None = None,
) -> bool:
    """Whether ``pattern.search(text)`` matches, searching only the branches that can."""
    if known is None:
        known = {}
    branches = _branches(pattern)
    if branches is None:
        return may_match(pattern, lowered_text, known=known) and pattern.search(text) is not None
    alive = branches.alive(lowered_text, known)
    if len(alive) == len(branches.parts):
        return pattern.search(text) is not None
    return any(branches.compiled(k).search(text) is not None for k in alive)
