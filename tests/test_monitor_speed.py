"""The monitor's shortcuts give the answers the plain way would.

The engine skips work it can prove useless: a rule whose trigger is nowhere in a page, a
false friend whose window lacks every word its pattern needs (:mod:`monitor.prefilter`), a
line end read from its last characters. Each shortcut is checked here against the slow form it
replaces, on text written for these tests and, when ``../shared`` is present, on every
sentence of the labelled cases and the real Kent papers (read in place, never copied).
Speed itself is measured by ``bench/bench_classify.py``, not asserted.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from monitor import prefilter
from monitor import rules as R
from monitor import text as T
from monitor.engine import _Chunk, _Masker, _scan, _triggered, _triggered_segments
from monitor.text import analyse

# Fictional Exampleshire Council prose with the shapes the shortcuts must survive: triggers
# that run across a sentence end, a letter whose lower case is two characters ("İ"), the long
# s and Kelvin sign that re.I folds to ASCII, hyphens broken at a line end.
EXAMPLES = [
    "Cabinet approved the procurement of a new leisure operator. Tender documents follow.",
    "The council will go out to tender for the grounds maintenance contract from April.",
    "It is proposed to outsource the home care service; staff were consulted. Residents too.",
    "An in- house option was appraised and rejected because of the cost of the vehicles.",
    "The disposal of land at Mill Lane was agreed after a public consultation of 12 weeks.",
    "İt was agreed to tender the library service. The procure- ment starts in May.",
    "The council will outſource the cleaning contract to a provider after consultation.",
    "The 5 \u212a fleet of vehicles was bought outright; no service is let. In-house staff drive.",
    "RESOLVED that the contract for waste collection be awarded to the preferred bidder.",
    "Options considered: bring the service in-house (rejected); procure a new operator.",
    "Members of the public were invited to comment on the sale of the former depot.",
    "The Cabinet Member for Communities noted that the building works contract was let.",
    "1. Purpose\nThe council's leisure centres are run under a management agreement and\n"
    "the operator has asked for an extension.\n2. Consultation\nA survey of users ran for "
    "six weeks.\n3. Recommendations\nThat the contract be extended to 2028.",
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


def _sentences(texts: list[str]) -> list[str]:
    return [seg.text for text in texts for seg in analyse(text).segments]


@pytest.fixture(scope="module")
def texts() -> list[str]:
    return [*EXAMPLES, *_shared_texts()]


ALL_PATTERNS = [
    *((f"rule:{r.name}", r.pattern) for r in R.ALL_RULES),
    *((f"rule:{r.name}.also", r.also) for r in R.ALL_RULES if r.also is not None),
    *((f"ff:{ff.name}", ff.pattern) for ff in R.FALSE_FRIENDS if ff.scope != "section"),
    *((f"blocker:{b.name}", b.pattern) for b in R.BLOCKERS),
]


def test_required_words_are_read_from_patterns() -> None:
    words = prefilter.required_words(re.compile(r"\b(?:goods?|equipment|(?:new|old) vans?)\b"))
    assert words == frozenset({"good", "equipment", " van"})
    # A branch that needs nothing, an optional part or a look-around leaves nothing required.
    assert prefilter.required_words(re.compile(r"tender|\w+ed")) == frozenset({"tender", "ed"})
    assert prefilter.required_words(re.compile(r"tender|\w+")) is None
    assert prefilter.required_words(re.compile(r"(?:tender)?\s")) is None
    assert prefilter.required_words(re.compile(r"(?=tender)\w+")) is None
    # Of a sequence's parts, the one whose shortest word is longest is kept; case is ignored.
    assert prefilter.required_words(re.compile(r"in[- ]?House (?:team|staff)", re.I)) == (
        frozenset({"house "})
    )
    # Most false friends have words to look for: otherwise the prefilter does nothing.
    with_words = [ff for ff in R.FALSE_FRIENDS if prefilter.required_words(ff.pattern)]
    assert len(with_words) >= len(R.FALSE_FRIENDS) // 2


def test_may_match_never_hides_a_match(texts: list[str]) -> None:
    """For every rule, false friend and blocker pattern and every sentence (and every window
    of it a false friend reads): when the prefilter says "cannot match", the regex agrees."""
    sentences = _sentences(texts)
    assert len(sentences) > 20
    skipped = 0
    for sentence in sentences:
        lowered = prefilter.lowered(sentence)
        windows = [(0, None), (len(sentence) // 2, None)]
        for name, pattern in ALL_PATTERNS:
            for lo, hi in windows:
                hi = len(sentence) if hi is None else hi
                if not prefilter.may_match(pattern, lowered, lo, hi):
                    skipped += 1
                    assert pattern.search(sentence[lo:hi]) is None, (name, sentence[lo:hi])
    assert skipped > 0  # the shortcut is taken


def test_letters_that_fold_to_ascii_are_searched() -> None:
    """re.I matches "ſ" to "s", the Kelvin sign to "k", "İ" and "ı" to "i": a text holding
    one is always searched, as its lower case would not contain the ASCII word."""
    pattern = re.compile("outsource", re.I)
    text = "The council will outſource the service."
    assert pattern.search(text) is not None
    assert prefilter.lowered(text) is None
    assert prefilter.may_match(pattern, prefilter.lowered(text))


def test_the_letters_that_fold_to_ascii_are_all_listed() -> None:
    everything = "".join(
        chr(c) for c in range(0x80, sys.maxunicode + 1) if not 0xD800 <= c < 0xE000
    )
    folding = set()
    for letter in "abcdefghijklmnopqrstuvwxyz":
        folding.update(re.findall(letter, everything, re.I))
    assert folding == set(prefilter._FOLDS_TO_ASCII.pattern.strip("[]"))
    # Without them, lower-casing keeps every offset (the windows are sliced by offset).
    longer = {c for c in everything if len(c.lower()) != 1}
    assert longer <= folding


def test_trigger_positions_match_sentence_by_sentence(texts: list[str]) -> None:
    """The rules found per sentence from one scan of the page are those the per-sentence
    trigger test finds, in the same order."""
    rule_sets = (R.OUTSOURCING_RULES, R.ASSET_RULES, R.CONSULTATION_RULES, R.INHOUSE_RULES)
    for text in texts:
        analysed = analyse(text)
        chunk = _Chunk("doc.pdf", 1, analysed)
        lowered = prefilter.lowered(analysed.norm)
        for rules in rule_sets:
            slow = [
                [
                    r
                    for r in rules
                    if (r.section is None or seg.section == r.section)
                    and _triggered(r.trigger, seg.text.lower())
                ]
                for seg in analysed.segments
            ]
            if lowered is not None:
                assert _triggered_segments(rules, chunk, lowered) == slow


def _slow_scan(
    rules: tuple[R.Rule, ...], chunk: _Chunk, mask: _Masker | None
) -> list[tuple[str, int, int, int]]:
    out = []
    for seg in chunk.analysed.segments:
        text = mask(seg.text) if mask is not None else seg.text
        for rule in rules:
            if rule.section is not None and seg.section != rule.section:
                continue
            if not _triggered(rule.trigger, seg.text.lower()):
                continue
            m = rule.pattern.search(text)
            if m and (rule.also is None or rule.also.search(text)):
                out.append((rule.name, seg.start, m.start(), m.end()))
    return out


@pytest.mark.parametrize("text", EXAMPLES)
def test_scan_finds_what_the_plain_loop_finds(text: str) -> None:
    chunk = _Chunk(None, None, analyse(text))
    for rules, mask in (
        (R.OUTSOURCING_RULES, None),
        (R.ASSET_RULES, None),
        (R.CONSULTATION_RULES, _Masker()),
        (R.INHOUSE_RULES, None),
    ):
        fast = [(h.rule, h.seg.start, h.start, h.end) for h in _scan(rules, [chunk], mask)]
        assert fast == _slow_scan(tuple(rules), chunk, mask)


def test_scan_finds_rules_in_the_examples() -> None:
    """The comparison above is not empty: the examples are matched by rules."""
    hits = [
        h.rule
        for text in EXAMPLES
        for h in _scan(R.OUTSOURCING_RULES, [_Chunk(None, None, analyse(text))])
    ]
    assert len(hits) >= 3


def test_line_end_shortcuts_agree_with_their_patterns(texts: list[str]) -> None:
    lines = [" ".join(line.split()) for text in texts for line in text.splitlines() if line.strip()]
    lines += ["and", "which", "sandwich", "Costs (", "It ends.”)", "a list:", "A HEADING"]
    for line in lines:
        assert T._hard_end(line) == (T._HARD_END.search(line) is not None), line
        assert T._connective_end(line) == (T._CONNECTIVE_END.search(line) is not None), line
    parsed = re._parser.parse(T._CONNECTIVE_END.pattern, T._CONNECTIVE_END.flags)  # type: ignore[attr-defined]
    assert parsed.getwidth()[1] == T._CONNECTIVE_WIDTH


# The same proposal under "Options considered" and under "Recommendations": one sentence, two
# sections, so two different false-friend verdicts that the per-classification memo must keep
# apart.
REPEATED = (
    "Cabinet report: future of the leisure service\n\n"
    "Options considered\n"
    "The council will procure a new leisure operator through a competitive tender.\n\n"
    "Recommendations\n"
    "The council will procure a new leisure operator through a competitive tender.\n\n"
    "Consultation\nA public consultation with residents ran for twelve weeks."
)


def test_remembered_false_friend_verdicts_change_nothing(
    texts: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import monitor.classify as C
    import monitor.engine as E

    records = [REPEATED, *texts[:120]]
    remembered = [C.classify(text).as_json(i) for i, text in enumerate(records)]
    monkeypatch.setattr(E, "_false_friend", E._first_false_friend)
    plain = [C.classify(text).as_json(i) for i, text in enumerate(records)]
    assert remembered == plain
    # The sentence is set aside as an option and kept as the recommendation.
    first = remembered[0]
    assert first["is_outsourcing"]
    assert [d["rule"] for d in first["discounted"]] == ["rejected_option"]
    kept = [e for e in first["evidence_detail"] if e["label"] == "is_outsourcing"]
    assert kept and kept[0]["quote"] == first["discounted"][0]["quote"]
    assert kept[0]["start"] > first["discounted"][0]["start"]


def _plain_split_block(norm: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans as first written: a copy of the text before every break, and every
    pattern tried on every block."""
    cuts = [start]
    block = norm[start:end]
    for m in T._SENTENCE_BREAK.finditer(block):
        head = block[: m.start()]
        before = head.rsplit(" ", 1)[-1].rstrip(".!?\"'”’)").lstrip("(\"'“‘[").lower()
        if before in T._ABBREVIATIONS or (len(before) == 1 and before.isalpha()):
            continue
        if head.replace(".", "").isdigit():
            continue
        cuts.append(start + m.end())
    cuts += [start + m.end() for m in T._INLINE_BULLET.finditer(block)]
    cuts += [start + m.end() for m in T._INLINE_ITEM.finditer(block)]
    cuts = sorted(set(cuts))
    spans = []
    for i, s in enumerate(cuts):
        e = cuts[i + 1] if i + 1 < len(cuts) else end
        while e > s and norm[e - 1] == " ":
            e -= 1
        if e > s:
            spans.append((s, e))
    return spans


def test_sentence_split_agrees_with_its_plain_form(texts: list[str]) -> None:
    blocks = [T.normalise(text) for text in texts]
    blocks += [
        "1. Mill Lane Library. 2. The Old Depot.",
        "12.3. Cllr. Smith said so. No. 5 is next.",
        "Land at the depot (approx. 1.9 ha) to Sample Homes. Done.",
        "Items: • vans • bins; and (b) the contract be awarded. Done!",
    ]
    cut = 0
    for block in blocks:
        fast = T._split_block(block, 0, len(block))
        assert fast == _plain_split_block(block, 0, len(block)), block[:80]
        cut += len(fast) > 1
    assert cut >= 3
