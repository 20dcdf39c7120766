"""Searching only the branches of a pattern that can match gives the whole pattern's answer.

:mod:`monitor.prefilter` reads every clause of each top-level branch of a pattern (a branch
needs one word of each), searches only the branches whose clauses are all in the text, each
on its own, and keeps the match that starts first. These tests compare that with the plain
``pattern.search`` for every rule, false friend, blocker and subject pattern on text written
for the tests and, when ``../shared`` is present, on every sentence of the labelled cases and
two real Kent papers (read in place, never copied). The false-friend shortcuts of
:mod:`monitor.engine` are compared with the plain loop on every match they judge.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from monitor import prefilter
from monitor import rules as R
from monitor.engine import _Chunk, _first_false_friend, _Masker, _quick_false_friend, _scan
from monitor.text import analyse

# Fictional Exampleshire Council prose: matches of many kinds, and the letters that re.I folds
# to ASCII ("İ", the long s, the Kelvin sign), which turn the word tests off.
EXAMPLES = [
    "Cabinet approved the procurement of a new leisure operator. Tender documents follow.",
    "It is proposed to outsource the home care service; staff were consulted. Residents too.",
    "An in-house option was appraised and rejected because of the cost of the vehicles.",
    "The disposal of land at Mill Lane was agreed after a public consultation of 12 weeks.",
    "İt was agreed to tender the library service to a charitable trust from April.",
    "The council will outſource the cleaning contract to a provider after consultation.",
    "The 5 \u212a fleet of vehicles was bought outright; no service is let. In-house staff drive.",
    "RESOLVED that the contract for waste collection be awarded to the preferred bidder.",
    "Options considered: bring the service in-house (rejected); procure a new operator.",
    "Members of the public and service users were consulted on the sale of the old depot.",
    "The Cabinet Member for Communities noted that the building works contract was let.",
    "The service will transfer to a community benefit society; residents were surveyed.",
    "The council does not intend to seek a decision on the shared service agreement.",
    "The contract for consultancy advice on the audit was awarded to a firm of accountants.",
]


def _shared_texts() -> Iterator[str]:
    shared = Path(__file__).resolve().parents[2] / "shared"
    cases = shared / "eval" / "cases.jsonl"
    if cases.is_file():
        for line in cases.read_text("utf-8").splitlines():
            if line.strip():
                yield json.loads(line)["text"]
    reports = shared / "fixtures" / "real" / "councils" / "reports"
    if reports.is_dir():
        from crawlers.documents import extract

        for path in sorted(reports.glob("*.pdf"))[:2]:
            extraction = extract(path.read_bytes(), "application/pdf", path.name)
            yield from extraction.pages or ()


@pytest.fixture(scope="module")
def texts() -> list[str]:
    return [*EXAMPLES, *_shared_texts()]


@pytest.fixture(scope="module")
def sentences(texts: list[str]) -> list[str]:
    return list(dict.fromkeys(seg.text for text in texts for seg in analyse(text).segments))


PATTERNS = [
    *((f"rule:{r.name}", r.pattern) for r in R.ALL_RULES),
    *((f"ff:{ff.name}", ff.pattern) for ff in R.FALSE_FRIENDS if ff.scope != "section"),
    *((f"blocker:{b.name}", b.pattern) for b in R.BLOCKERS),
    *((f"subject:{k}", p) for k, p in enumerate(R.SUBJECT_NOT_A_SERVICE)),
]


def _span(pattern: re.Pattern[str], text: str) -> tuple[int, int] | None:
    m = pattern.search(text)
    return None if m is None else m.span()


def test_top_level_parts() -> None:
    cases = {
        r"a|b": ["a", "b"],
        r"a\|b|c": [r"a\|b", "c"],
        r"[|]x|y": ["[|]x", "y"],
        r"[]|]x|[^]|]y": ["[]|]x", "[^]|]y"],
        r"(?:a|b)c|(?=d|e)f|(?<!g|h)i": ["(?:a|b)c", "(?=d|e)f", "(?<!g|h)i"],
        r"[\]|]x|y": [r"[\]|]x", "y"],
        r"plain": ["plain"],
    }
    for source, parts in cases.items():
        assert prefilter._top_level_parts(source) == parts, source
        assert "|".join(parts) == source


def test_a_leading_group_of_alternatives_is_cut_into_branches() -> None:
    cases = {
        r"\b(?:a|b)c\b": [r"\b(?:a)c\b", r"\b(?:b)c\b"],
        r"^(?:a|(?:b|c)d)(?=e|f)": ["^(?:a)(?=e|f)", "^(?:(?:b|c)d)(?=e|f)"],
        r"(?:a|[)|]b)": ["(?:a)", "(?:[)|]b)"],
        r"x|(?:a|b)": ["x", "(?:a|b)"],
        # Not cut: a quantified group, one alternative, a group that is not the first item,
        # a prefix that takes text.
        r"\b(?:a|b)?c": [r"\b(?:a|b)?c"],
        r"\b(?:a|b)+": [r"\b(?:a|b)+"],
        r"\b(?:ab)c": [r"\b(?:ab)c"],
        r"x(?:a|b)": ["x(?:a|b)"],
        r"\s(?:a|b)": [r"\s(?:a|b)"],
        r"(a|b)c": ["(a|b)c"],
    }
    for source, parts in cases.items():
        assert prefilter._branch_parts(source) == parts, source
    pattern = re.compile(r"\b(?:foo|bar|foo bar)\b(?! baz)", re.I)
    assert prefilter._branches(pattern) is not None
    for text in ("foo bar", "bar foo", "foo baz bar", "Bar", "foo baz", "a foobar bar"):
        lowered = prefilter.lowered(text)
        assert prefilter.search_span(pattern, text, lowered) == _span(pattern, text), text
        assert prefilter.found(pattern, text, lowered) == (pattern.search(text) is not None)


def test_most_long_patterns_are_read_as_branches() -> None:
    """The shortcut is taken: most rules are split into branches with words to look for."""
    split = [name for name, p in PATTERNS if prefilter._branches(p) is not None]
    assert len(split) >= len(PATTERNS) // 2
    # A back-reference could point into another branch: such a pattern is searched whole.
    assert prefilter._branches(re.compile(r"(a)\1|b")) is None
    assert prefilter._branches(re.compile(r"(?P<x>a)(?P=x)|b")) is None
    assert prefilter._branches(re.compile(r"a|b", re.X)) is None


def test_the_leftmost_match_and_then_the_earlier_branch_win() -> None:
    pattern = re.compile(r"\bfoo bar\b|\bbar\b|\bfoo\b", re.I)
    for text in ("foo bar", "a bar then foo", "foo then bar", "Foo", "nothing", "foo baz bar"):
        lowered = prefilter.lowered(text)
        assert prefilter.search_span(pattern, text, lowered) == _span(pattern, text), text
        assert prefilter.found(pattern, text, lowered) == (pattern.search(text) is not None)
    # Branches that lack their words are not searched; the others still are.
    text = "bar and foo"
    assert prefilter.search_span(pattern, text, prefilter.lowered(text)) == (0, 3)


def test_branch_search_gives_the_whole_patterns_match(sentences: list[str]) -> None:
    """For every pattern and sentence (and the second half of each, as a false friend's
    window is read): the same span as ``pattern.search``, and ``found`` agrees."""
    assert len(sentences) > 20
    for sentence in sentences:
        for text in (sentence, sentence[len(sentence) // 2 :]):
            lowered = prefilter.lowered(text)
            known: dict[prefilter.Words, bool] = {}
            for name, pattern in PATTERNS:
                expected = _span(pattern, text)
                got = prefilter.search_span(pattern, text, lowered, known)
                assert got == expected, (name, text)
                assert prefilter.found(pattern, text, lowered) == (expected is not None), name


def test_quick_false_friend_agrees_with_the_plain_loop(texts: list[str]) -> None:
    """Every match of every rule in the texts: the same false friend (or none) whichever way
    it is worked out, with the per-sentence memory shared between matches as in a record."""
    judged, set_aside = 0, 0
    for text in texts:
        chunk = _Chunk("doc.pdf", 1, analyse(text))
        quick, plain = _Masker(), _Masker()
        for rules, mask in (
            (R.OUTSOURCING_RULES, None),
            (R.ASSET_RULES, None),
            (R.CONSULTATION_RULES, quick),
            (R.INHOUSE_RULES, None),
        ):
            for hit in _scan(rules, [chunk], mask):
                verdict = _quick_false_friend(hit, quick)
                assert verdict == _first_false_friend(hit, plain), (hit.rule, hit.seg.text)
                judged += 1
                set_aside += verdict is not None
    assert judged > 20
    assert 0 < set_aside < judged


def test_blocker_triggers_found_in_the_page_agree_with_each_sentence(texts: list[str]) -> None:
    """A blocker's first hit is the same whether its trigger is looked for in the page (the
    sentences that hold a fragment) or sentence by sentence (the plain way, taken when the
    page holds a letter that re.I folds to ASCII)."""
    from monitor.blockers import _first_blocker_hit, _lowered_sentences

    found = 0
    for text in texts:
        chunks = [_Chunk("doc.pdf", 1, analyse(text))]
        paged = [_lowered_sentences(chunk) for chunk in chunks]
        plain = [([seg.text.lower() for seg in c.analysed.segments], None) for c in chunks]
        for blocker in R.BLOCKERS:
            quick = _first_blocker_hit(blocker, chunks, paged)
            slow = _first_blocker_hit(blocker, chunks, plain)
            assert (quick is None) == (slow is None), (blocker.name, text[:80])
            if quick is not None and slow is not None:
                assert (quick.seg, quick.start, quick.end) == (slow.seg, slow.start, slow.end)
                found += 1
    assert found > 0
