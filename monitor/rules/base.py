"""The building blocks of the rules: labels, the Rule / FalseFriend / Blocker records and
the regex helpers every rule module uses."""

from __future__ import annotations

import re
from dataclasses import dataclass

RULES_SERIES = "2026.12.06"  # date of the last deliberate review of these rules

OUTSOURCING = "is_outsourcing"
ASSET_SALE = "is_asset_sale"
CONSULTATION = "has_consultation"
INHOUSE = "has_inhouse_statement"
LABELS = (OUTSOURCING, ASSET_SALE, CONSULTATION, INHOUSE)


def _alt(*parts: str) -> str:
    return "(?:" + "|".join(parts) + ")"


# A hyphenated compound broken at the end of a line comes out of PDF or hard-wrapped web text
# as "in- house", "re- procurement" once lines are joined with a space. Every optional or
# alternative hyphen in a pattern ("re-?tender", "in[- ]?house") also accepts a hyphen followed
# by a space.
# (Single-character steps, not groups: these patterns run on every sentence of long reports.)
_HYPHEN_FORMS = (
    (re.compile(r"\[- \]\?"), "[- ]? ?"),
    (re.compile(r"\[- \](?![?*+{])"), "[- ] ?"),
    (re.compile(r"(?<=[A-Za-z])-\?"), "-? ?"),
)


def _hyphen_tolerant(source: str) -> str:
    for form, replacement in _HYPHEN_FORMS:
        source = form.sub(lambda _m, r=replacement: r, source)
    return source


# "Within one clause" gaps ([^.;]) stop at a full stop; a decimal point ("0.42 hectares",
# "£1.2m") is not one, so a figure never hides the object of a decision from its verb.
_CLAUSE_GAP = "[^.;]"
_CLAUSE_GAP_WITH_DECIMALS = r"(?:[^.;]|\.(?=\d))"


def _re(*parts: str) -> re.Pattern[str]:
    """Compile alternatives (one way of saying it per argument), case-insensitive, with
    hyphens that tolerate a line-end break (see ``_HYPHEN_FORMS``) and clause gaps that run
    over decimal points."""
    source = parts[0] if len(parts) == 1 else "|".join(parts)
    source = source.replace(_CLAUSE_GAP, _CLAUSE_GAP_WITH_DECIMALS)
    return re.compile(_hyphen_tolerant(source), re.I)


def _words(n: int) -> str:
    """A lazy gap of up to ``n`` words (hyphenated words, "&", "/" and commas included)."""
    # "." inside a word: figures ("0.42 hectares") and abbreviations; a sentence's full stop
    # never has a word after it in the same segment.
    return rf"(?:[\w'’&/,().-]+ ){{0,{n}}}?"


# Up to four words of an object that do not run across a preposition ("secure a future for a
# leisure service" is not securing a service).
_OBJECT_WORDS = r"(?:(?!(?:for|of|to|in|from|with|by|on|at)\b)[\w'’&/,()-]+ ){0,4}?"


@dataclass(frozen=True)
class Rule:
    name: str
    label: str
    why: str
    pattern: re.Pattern[str]
    also: re.Pattern[str] | None = None
    section: str | None = None
    weak: bool = False
    # Lower-case fragments one of which must be in the sentence before the pattern is tried:
    # a cheap filter that keeps the rules fast on long reports (empty = always try).
    trigger: tuple[str, ...] = ()


@dataclass(frozen=True)
class FalseFriend:
    """Sets aside a match for ``labels`` when ``pattern`` is found in ``scope``.

    Scopes: ``sentence`` (the whole sentence), ``before`` (60 characters before the match, and
    the match), ``just_before`` (the 30 characters right before the match), ``lead`` (the 80
    characters right before the match), ``after`` (the match and 80 characters after it),
    ``section`` (the sentence sits under a heading whose kind is ``pattern.pattern``).
    ``unless`` rescues the match when found in the same window (in the whole sentence for
    ``section``, or when ``unless_in_sentence``), read with :data:`NOT_PEOPLE` masked out.
    ``only_rules`` limits the false friend to matches of those rules.
    """

    name: str
    labels: frozenset[str]
    why: str
    pattern: re.Pattern[str]
    scope: str = "sentence"
    unless: re.Pattern[str] | None = None
    only_rules: frozenset[str] | None = None
    unless_in_sentence: bool = False
    # Also found in the lead-in of the list the sentence is an item of ("We are asking for
    # your views on options, including: - a trust to run the service"): the lead-in says
    # what every item is. The rescue is then looked for in the item and its lead-in.
    lead_in: bool = False


@dataclass(frozen=True)
class Blocker:
    name: str
    why: str
    pattern: re.Pattern[str]
    # Sentences where the blocker is only an option being discussed, costed or rejected.
    unless: re.Pattern[str] | None = None
    trigger: tuple[str, ...] = ()
    # Must also be in the sentence (unless it sits under a "Decision" heading): what makes it
    # the record's decision or proposal rather than a mention.
    also: re.Pattern[str] | None = None
    # The blocker gives way when the record also *decides* to outsource something (a match
    # under a decision heading, in a decision sentence or in the title): a record that ends
    # one contract and lets another is still outsourcing.
    yields_to_decision: bool = False
    # A fact about the parties ("an ALEO controlled by the Council") blocks wherever the
    # record states it: it is not a background mention that a decision could outweigh.
    fact: bool = False
    # Anywhere in the record, this undoes the blocker: "lead commissioner" says the councils'
    # inter-authority agreement is about buying together, not about one doing the work.
    unless_in_record: re.Pattern[str] | None = None


_O, _A, _C, _I = (frozenset({x}) for x in (OUTSOURCING, ASSET_SALE, CONSULTATION, INHOUSE))
_OA = _O | _A
