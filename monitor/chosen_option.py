"""An option chosen by its number: "Option 2 – Appoint an operator … by a further
competition" listed in one place, "Cabinet AGREED to: approve Option 2 as set out in the
report" in another.

A listed option is only an option (the false friend ``listed_option``); the record decides
it when a deciding sentence names it by its number or letter. Then the option's own sentences
are the outsourcing or sale evidence, and the naming sentence is the decision (rule
``chosen_option``), so that what was decided and where it was decided both show."""

from __future__ import annotations

import re
from collections.abc import Sequence

from monitor.deciding import decides_or_formally_proposes
from monitor.engine import _Chunk, _Hit

_WORDS = {"one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6"}
_LABEL = r"(\d{1,2}|[a-f]|one|two|three|four|five|six)"
# The start of an option's own description: "Option 2 – Appoint …", "4.4 Option C – …".
# ("7. Option 2 - secure a partner", with the paragraph's number and its full stop; the label
# followed by a dash, colon or bracket, not a sentence about the option: "Option C is assessed
# as delivering the best outcome")
_OPTION_START = re.compile(
    rf"^\W*(?:\d{{1,2}}(?:\.\d{{1,2}})*\.?\s+)?option\s*\(?{_LABEL}\b\)?\s*(?:[-–—:.(]|$)", re.I
)
# The option a record calls its preferred one: "7.1 Option C is the preferred option", "the
# recommended option is Option 2", "Option 3 (preferred)".
_PREFERRED_NAMED = re.compile(
    rf"\boption\s*\(?{_LABEL}\b[^.;]{{0,40}}?\b(?:is|was|as|being) (?:the )?(?:preferred|"
    rf"recommended)\b|\b(?:preferred|recommended) option\b[^.;]{{0,20}}?\b(?:is|was|:)\s*"
    rf"option\s*\(?{_LABEL}\b|\boption\s*\(?{_LABEL}\s*\((?:preferred|recommended)\)",
    re.I,
)
# A decision that approves "the preferred option" (or model) without naming it.
_APPROVES_PREFERRED = re.compile(
    r"(?<!not )\b(?:approv\w*|agree\w*|adopt\w*|endors\w*|select\w*|proceed\w* with)\b"
    r"[^.;]{0,30}?\bthe (?:preferred|recommended) (?:delivery )?(?:option|model|approach|way "
    r"forward|route)s?\b",
    re.I,
)
# Options set aside as listed, or under an options heading, until the record chooses one.
_OPTION_REASONS = frozenset({"listed_option", "rejected_option"})
# A sentence that chooses an option by its label ("approve Option 2 as set out in the report",
# "that Option 3, as set out in the report, be approved"), not one that turns it down.
_CHOOSES = re.compile(
    r"(?<!not )(?<!n't )\b(?:approv\w*|agree\w*|adopt\w*|select\w*|endors\w*|proceed\w* "
    r"(?:with|on the basis of)|"
    r"implement\w*|choos\w*|chose|recommend\w*)\b(?: (?:to|that))?(?: the)?(?: recommended| "
    rf"preferred)?\s+option\s*\(?{_LABEL}\b"
    # (a paragraph number is no full stop: "Option 2, as set out in paragraph 5.2, be approved")
    rf"|\boption\s*\(?{_LABEL}\b(?:[^.;]|\.(?=\d)){{0,140}}?\b(?:be|is|was|were|being) "
    r"(?:approved|agreed|"
    r"adopted|selected|endorsed|implemented|chosen)\b",
    re.I,
)


def _label(text: str) -> str:
    text = text.lower()
    return _WORDS.get(text, text)


# How many sentences after an option's heading still describe it ("Option 3 – Competitive
# procurement (recommended)" / "5.9 Under this option the Council would run ...").
_OPTION_SENTENCES = 6


def _options_described(chunks: Sequence[_Chunk]) -> dict[int, str]:
    """The option each sentence describes, for the sentences that follow an option's heading
    or first sentence (by ``id`` of the segment), up to the next option."""
    under: dict[int, str] = {}
    for chunk in chunks:
        current: str | None = None
        left = 0
        for seg in chunk.analysed.segments:
            m = _OPTION_START.match(seg.text)
            if m:
                current, left = _label(m.group(1)), _OPTION_SENTENCES
                continue
            if current is not None and _names_other_option(seg.text, current):
                # "10. Options A and B were rejected because ...": about other options
                current = None
            if current is not None and left > 0:
                under[id(seg)] = current
                left -= 1
    return under


# Options named in a sentence: "Options A and B", "Option 2", "options (a), (b) or (c)".
_NAMED_OPTIONS = re.compile(
    rf"\boptions?\s*\(?{_LABEL}\b\)?((?:,?\s*(?:and|or|,)\s*\(?{_LABEL}\b\)?)*)", re.I
)
_LABEL_RE = re.compile(rf"\b{_LABEL}\b", re.I)


def _names_other_option(text: str, current: str) -> bool:
    if "option" not in text.lower():
        return False
    for m in _NAMED_OPTIONS.finditer(text):
        named = {_label(m.group(1))} | {
            _label(x) for x in _LABEL_RE.findall(m.group(2) or "") if x.lower() not in ("and", "or")
        }
        if named - {current}:
            return True
    return False


# Options listed in one sentence: "Option 1 – re-let as a starter farm; Option 2 – amalgamate
# ...; Option 3 – offer the farm for sale by informal tender".
_INLINE_OPTION = re.compile(rf"\boption\s*\(?{_LABEL}\b\)?\s*[-–—:]", re.I)


def _inline_option(hit: _Hit) -> str | None:
    """The option a match sits in when its sentence lists several, each after its label."""
    text = hit.seg.text
    if text.lower().count("option") < 2:
        return None
    found = [m for m in _INLINE_OPTION.finditer(text) if m.start() <= hit.start]
    if len(list(_INLINE_OPTION.finditer(text))) < 2 or not found:
        return None
    return _label(found[-1].group(1))


def _preferred_label(chunks: Sequence[_Chunk]) -> str | None:
    """The option the record names as its preferred or recommended one, if it names one."""
    for chunk in chunks:
        for seg in chunk.analysed.segments:
            m = _PREFERRED_NAMED.search(seg.text)
            if m:
                return _label(next(g for g in m.groups() if g))
    return None


def chosen_option_hits(
    chunks: Sequence[_Chunk],
    aside: Sequence[tuple[_Hit, str]],
    label: str,
    kept: Sequence[_Hit] = (),
) -> tuple[list[_Hit], list[_Hit], set[str]]:
    """The listed options of ``label`` that a deciding sentence chooses by number (or as "the
    preferred option" when the record names which that is), the choosing sentences as hits
    of their own, and the labels chosen: ``(options, decisions, chosen)``; all empty when the
    record chooses none."""
    candidates = [h for h, why in aside if why in _OPTION_REASONS and h.label == label]
    kept_options = {
        _label(m.group(1))
        for h in kept
        if h.label == label and (m := _OPTION_START.match(h.seg.text)) is not None
    } | {
        # (options listed in one sentence: "Three options have been considered: Option 1 –
        # ...; Option 3 – freehold disposal via informal tender")
        option
        for h in kept
        if h.label == label and (option := _inline_option(h)) is not None
    }
    if not candidates and not kept_options:
        return [], [], set()
    listed: dict[str, list[_Hit]] = {}
    # (the sentences under an option's heading are read only when an option needs them)
    under: dict[int, str] | None = None
    for hit in candidates:
        m = _OPTION_START.match(hit.seg.text)
        if m is None and under is None:
            under = _options_described(chunks)
        option = _inline_option(hit) or (
            _label(m.group(1)) if m else (under or {}).get(id(hit.seg))
        )
        if option is not None:
            listed.setdefault(option, []).append(hit)
    # Options the rules kept as they stand ("5.2 Option 2 - Procure an external provider"):
    # the choosing sentence is still what makes them the decision rather than background.
    if not listed and not kept_options:
        return [], [], set()
    options: list[_Hit] = []
    decisions: list[_Hit] = []
    chosen_labels: set[str] = set()
    # (an option's own description never chooses it; "Option 2 was approved" does)
    described = {id(h.seg) for hits in listed.values() for h in hits}
    preferred: str | None = None
    looked_for_preferred = False
    for chunk in chunks:
        for seg in chunk.analysed.segments:
            # (a cheap test first: a choosing sentence names an option or "the preferred")
            lowered = seg.text.lower()
            if ("option" not in lowered and "preferred" not in lowered) or id(seg) in described:
                continue
            chosen: str | None = None
            m = _CHOOSES.search(seg.text)
            if m is not None:
                chosen = _label(next(g for g in m.groups() if g))
            else:
                # "approve the preferred delivery model set out at Section 7"
                m = _APPROVES_PREFERRED.search(seg.text)
                if m is not None:
                    if not looked_for_preferred:
                        preferred, looked_for_preferred = _preferred_label(chunks), True
                    chosen = preferred
            if m is None or chosen is None:
                continue
            if not decides_or_formally_proposes(seg, chunk.is_title):
                continue
            # (an option chosen that lets nothing, "Agree Option (c)" when (c) is the in-house
            # one, still sets the other options aside)
            chosen_labels.add(chosen)
            if chosen not in listed and chosen not in kept_options:
                continue
            decisions.append(_Hit("chosen_option", label, False, chunk, seg, m.start(), m.end()))
            options += listed.pop(chosen, [])
            kept_options.discard(chosen)
    return options, decisions, chosen_labels


def with_chosen_options(
    chunks: Sequence[_Chunk],
    kept: list[_Hit],
    aside: list[tuple[_Hit, str]],
    label: str,
) -> tuple[list[_Hit], list[tuple[_Hit, str]]]:
    """Listed options a deciding sentence chooses by number ("approve Option 2") are kept,
    with the choosing sentence (:func:`chosen_option_hits`); the other options' own sentences
    are set aside ("option_not_chosen": "Option (a) – extend the existing contracts" when the
    committee agreed Option (b))."""
    options, decisions, labels = chosen_option_hits(chunks, aside, label, kept)
    if not options and not decisions and not labels:
        return kept, aside
    chosen = {id(h) for h in options}
    aside = [(h, why) for h, why in aside if id(h) not in chosen]
    under: dict[int, str] | None = None
    still: list[_Hit] = []
    for hit in kept:
        m = _OPTION_START.match(hit.seg.text)
        if m is None and under is None:
            under = _options_described(chunks)
        option = _inline_option(hit) or (
            _label(m.group(1)) if m else (under or {}).get(id(hit.seg))
        )
        if option is not None and option not in labels:
            aside.append((hit, "option_not_chosen"))
        else:
            still.append(hit)
    return [*still, *decisions, *options], aside
