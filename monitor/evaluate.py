"""JSON-lines classification and scoring against labelled cases.

``run_classify`` backs ``oursay classify``; ``run_evaluate`` backs ``oursay evaluate``. Both
read JSON lines, report a bad line on stderr with its line number, carry on with the rest and
return a non-zero exit code if any line failed.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from monitor.classify import RULES_VERSION, Classification, classify, classify_pages
from monitor.confidence import PUBLISH_THRESHOLD, SHORT_RECORD_CHARS, Confidence, judge
from monitor.confidence import reading_of_pages as _reading
from monitor.holdout import council_groups, fit_threshold

__all__ = ["Counts", "Scores", "run_classify", "run_evaluate", "score_cases"]

Classifier = Callable[..., Classification]

SCORED_LABELS = (
    "is_outsourcing",
    "is_asset_sale",
    "has_consultation",
    "has_inhouse_statement",
    "should_flag",
)
# Labels a reasonable labeller could set differently are marked in `notes`. "DOUBTFUL" and
# "BORDERLINE" are matched in any case (notes also write "(doubtful)"); "POLICY" only in
# capitals, because notes use "policy" as an ordinary word ("a general policy report").
_UNCLEAR = re.compile(r"(?i:\bdoubtful\b|\bborderline\b)|\bPOLICY\b")


class _LineError(ValueError):
    pass


def _parse(line: str) -> dict[str, Any]:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise _LineError(f"not valid JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(obj, dict):
        raise _LineError("expected a JSON object")
    if "id" not in obj or obj["id"] is None or isinstance(obj["id"], dict | list):
        raise _LineError("missing 'id' (a string or number)")
    pages = obj.get("pages")
    if pages is None and not isinstance(obj.get("text"), str):
        raise _LineError(f"record {obj['id']!r}: missing 'text' (a string)")
    for key in ("title", "doc_type", "notice_type"):
        if obj.get(key) is not None and not isinstance(obj[key], str):
            raise _LineError(f"record {obj['id']!r}: '{key}' must be a string or null")
    if pages is not None:
        ok = isinstance(pages, list) and all(
            isinstance(p, dict) and isinstance(p.get("text"), str) for p in pages
        )
        if not ok:
            raise _LineError(f"record {obj['id']!r}: 'pages' must be a list of objects with 'text'")
    return obj


def _pages(obj: dict[str, Any]) -> list[tuple[str | None, int | None, str]]:
    """The texts a case gives the monitor: its ``pages`` (after its own ``text``, if any)."""
    if obj.get("pages") is None:
        return [(None, None, obj.get("text") or "")]
    pages = [(p.get("document"), p.get("page"), p["text"]) for p in obj["pages"]]
    if isinstance(obj.get("text"), str):
        pages.insert(0, (None, None, obj["text"]))
    return pages


def _classify_record(obj: dict[str, Any], classifier: Classifier = classify) -> Classification:
    kwargs = {k: obj.get(k) for k in ("title", "doc_type", "notice_type")}
    if obj.get("pages") is not None and classifier is classify:
        return classify_pages(_pages(obj), **kwargs)
    return classifier(obj.get("text") or "", **kwargs)


def _confidence(obj: dict[str, Any], result: Classification) -> Confidence:
    return judge(result, _reading(_pages(obj)), doc_type=obj.get("doc_type"))


def _lines(lines: Iterable[str]) -> Iterable[tuple[int, str]]:
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if line:  # blank lines are allowed between records
            yield number, line


def run_classify(lines: Iterable[str], out: TextIO, err: TextIO | None = None) -> int:
    """Classify JSON lines (``id``, ``text``, optional ``title``, ``doc_type``,
    ``notice_type``, or ``pages``: ``[{"document", "page", "text"}]``); write one JSON line
    per record. Returns 0, or 1 if any line could not be read."""
    err = err if err is not None else sys.stderr
    failed = 0
    for number, line in _lines(lines):
        try:
            obj = _parse(line)
            classification = _classify_record(obj)
            confidence = _confidence(obj, classification)
            result = classification.as_json(obj["id"])
            result["confidence"] = confidence.value
            result["confidence_reason"] = confidence.reason
            result["publish_state"] = confidence.route
        except _LineError as exc:
            failed += 1
            print(f"line {number}: {exc}", file=err)
            continue
        out.write(json.dumps(result, ensure_ascii=False) + "\n")
    if failed:
        print(f"{failed} line(s) could not be classified", file=err)
    return 1 if failed else 0


# --------------------------------------------------------------------------------------------
# Scoring
# --------------------------------------------------------------------------------------------


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def add(self, expected: bool, got: bool) -> None:
        if expected and got:
            self.tp += 1
        elif got:
            self.fp += 1
        elif expected:
            self.fn += 1
        else:
            self.tn += 1

    @property
    def n(self) -> int:
        return self.tp + self.fp + self.fn + self.tn

    # An empty denominator scores 0: no predictions (or no positives) is nothing to credit.
    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Scores:
    n: int = 0
    labels: dict[str, Counts] = field(default_factory=lambda: {k: Counts() for k in SCORED_LABELS})


@dataclass
class _Case:
    line: int
    obj: dict[str, Any]
    result: Classification
    confidence: Confidence

    @property
    def clear(self) -> bool:
        return not _UNCLEAR.search(str(self.obj.get("notes") or ""))

    @property
    def long(self) -> bool:
        return sum(len(text) for _, _, text in _pages(self.obj)) > SHORT_RECORD_CHARS

    def published(self, threshold: float) -> bool:
        """A flag the public feeds would carry at ``threshold`` (nothing unread)."""
        c = self.confidence
        return self.result.should_flag and c.read_in_full and c.value >= threshold

    def sent_to_review(self, threshold: float) -> bool:
        if self.result.should_flag:
            return not self.published(threshold)
        return self.confidence.route == "needs_review"

    def mismatches(self) -> list[str]:
        wrong = []
        for label in SCORED_LABELS:
            expected = self.obj.get(label)
            if expected is None:
                continue
            got = bool(getattr(self.result, label))
            if bool(expected) != got:
                wrong.append(f"{label} expected {bool(expected)} got {got}")
        return wrong


def score_cases(cases: Sequence[_Case]) -> Scores:
    scores = Scores(n=len(cases))
    for case in cases:
        for label in SCORED_LABELS:
            expected = case.obj.get(label)
            if expected is None:  # the question does not arise for this case
                continue
            scores.labels[label].add(bool(expected), bool(getattr(case.result, label)))
    return scores


def _table(title: str, scores: Scores, out: TextIO) -> None:
    print(f"{title} (n={scores.n})", file=out)
    print(
        f"  {'label':<24}{'n':>4}{'tp':>5}{'fp':>5}{'fn':>5}{'tn':>5}  precision  recall     f1",
        file=out,
    )
    for label, c in scores.labels.items():
        print(
            f"  {label:<24}{c.n:>4}{c.tp:>5}{c.fp:>5}{c.fn:>5}{c.tn:>5}"
            f"  {c.precision:>9.3f}  {c.recall:>6.3f}  {c.f1:>5.3f}",
            file=out,
        )


def run_evaluate(
    path: Path,
    out: TextIO,
    classifier: Classifier = classify,
    err: TextIO | None = None,
) -> int:
    """Score ``classifier`` against labelled JSON lines at ``path``.

    Prints per-label precision/recall/f1 with tp/fp/fn counts on all cases and on the clear
    ones, lists the misclassified ids, and ends with exactly one line
    ``flag precision=P recall=R f1=F n=N``. ``has_consultation`` and
    ``has_inhouse_statement`` are scored only where the label is not null.
    """
    err = err if err is not None else sys.stderr
    failed = 0
    cases: list[_Case] = []
    with Path(path).open(encoding="utf-8") as handle:
        for number, line in _lines(handle):
            try:
                obj = _parse(line)
                if not isinstance(obj.get("should_flag"), bool):
                    raise _LineError(f"record {obj['id']!r}: missing label 'should_flag'")
                result = _classify_record(obj, classifier)
                cases.append(_Case(number, obj, result, _confidence(obj, result)))
            except _LineError as exc:
                failed += 1
                print(f"{path}:{number}: {exc}", file=err)

    name = getattr(classifier, "__module__", "classifier")
    version = f"  rules_version: {RULES_VERSION}" if classifier is classify else ""
    print(f"classifier: {name}{version}", file=out)
    clear = [c for c in cases if c.clear]
    print(
        f"cases: {len(cases)}  clear: {len(clear)} (notes without DOUBTFUL/BORDERLINE/POLICY)",
        file=out,
    )
    _table("all cases", score_cases(cases), out)
    _table("clear cases", score_cases(clear), out)

    print("misclassified (should_flag):", file=out)
    flag_wrong = [c for c in cases if bool(c.obj["should_flag"]) != c.result.should_flag]
    for case in flag_wrong:
        kind = "FP" if case.result.should_flag else "FN"
        tag = "" if case.clear else " [unclear]"
        print(f"  {kind} {case.obj['id']}{tag}: {'; '.join(case.mismatches())}", file=out)
    if not flag_wrong:
        print("  (none)", file=out)
    print("other label errors (flag right):", file=out)
    others = [c for c in cases if c not in flag_wrong and c.mismatches()]
    for case in others:
        tag = "" if case.clear else " [unclear]"
        print(f"  {case.obj['id']}{tag}: {'; '.join(case.mismatches())}", file=out)
    if not others:
        print("  (none)", file=out)
    if failed:
        print(f"{failed} line(s) skipped, see stderr", file=out)

    _threshold_report(cases, out)
    _leave_group_out_report(cases, out)

    flag = score_cases(cases).labels["should_flag"]
    print(
        f"flag precision={flag.precision:.3f} recall={flag.recall:.3f} f1={flag.f1:.3f} "
        f"n={len(cases)}",
        file=out,
    )
    return 1 if failed else 0


# --------------------------------------------------------------------------------------------
# At the publish threshold, and held out by council group
# --------------------------------------------------------------------------------------------


ThresholdOf = Callable[["_Case"], float]


def _flag_line(name: str, cases: Sequence[_Case], threshold_of: ThresholdOf) -> str:
    """Plain flag figures beside those of the published flags, and the share to review."""
    plain, published, review = Counts(), Counts(), 0
    for case in cases:
        expected, t = bool(case.obj["should_flag"]), threshold_of(case)
        plain.add(expected, case.result.should_flag)
        published.add(expected, case.published(t))
        review += case.sent_to_review(t)
    share = review / len(cases) if cases else 0.0
    return (
        f"  {name:<30}{len(cases):>4}  plain P={plain.precision:.3f} R={plain.recall:.3f}"
        f"  published P={published.precision:.3f} R={published.recall:.3f}"
        f"  to review {review} ({share:.0%})"
    )


def _breakdown(cases: Sequence[_Case], threshold_of: ThresholdOf, out: TextIO) -> None:
    by_type: dict[str, list[_Case]] = {}
    for case in cases:
        by_type.setdefault(str(case.obj.get("doc_type") or "(none)"), []).append(case)
    for doc_type, group in sorted(by_type.items()):
        print(_flag_line(f"doc_type {doc_type}", group, threshold_of), file=out)
    long_cases = [c for c in cases if c.long]
    print(_flag_line(f"over {SHORT_RECORD_CHARS:,} characters", long_cases, threshold_of), file=out)


def _threshold_report(cases: Sequence[_Case], out: TextIO) -> None:
    t = PUBLISH_THRESHOLD
    flags = sum(c.result.should_flag for c in cases)
    held = sum(c.result.should_flag and not c.published(t) for c in cases)
    print(f"at the publish threshold {t} (flags below it go to staff review):", file=out)
    print(_flag_line("all cases", cases, lambda _: t), file=out)
    print(_flag_line("clear cases", [c for c in cases if c.clear], lambda _: t), file=out)
    print(f"  flags sent to review: {held} of {flags}", file=out)
    _breakdown(cases, lambda _: t, out)


def _leave_group_out_report(cases: Sequence[_Case], out: TextIO) -> None:
    """Each council group held out in turn: the publish threshold is fitted on the other
    groups (see :func:`monitor.holdout.fit_threshold`) and applied to the held-out one. The
    rules and the confidence steps are written by hand, not fitted, so only the threshold
    moves; a fitted threshold that does no better held out than the stated one says the
    stated one is not tuned to these cases."""
    groups = council_groups([c.obj.get("council") for c in cases])
    names = sorted(set(groups))
    fitted: dict[str, float] = {}
    for name in names:
        train = [c for c, g in zip(cases, groups, strict=True) if g != name]
        fitted[name] = fit_threshold(
            [
                (
                    c.confidence.value,
                    c.result.should_flag and c.confidence.read_in_full,
                    bool(c.obj["should_flag"]),
                )
                for c in train
            ]
        )
    of_case = {id(c): fitted[g] for c, g in zip(cases, groups, strict=True)}
    print(
        f"leave one council group out ({len(names)} groups; threshold fitted on the others):",
        file=out,
    )
    for name in names:
        held = [c for c, g in zip(cases, groups, strict=True) if g == name]
        line = _flag_line(name[:30], held, lambda _, t=fitted[name]: t)
        print(f"{line}  t={fitted[name]:.2f}", file=out)
    pooled = Scores(n=len(cases))
    for case in cases:
        for label in SCORED_LABELS:
            expected = case.obj.get(label)
            if expected is None:
                continue
            got = (
                case.published(of_case[id(case)])
                if label == "should_flag"
                else bool(getattr(case.result, label))
            )
            pooled.labels[label].add(bool(expected), got)
    _table("  held-out cases pooled (should_flag = published at the fitted threshold)", pooled, out)
    _breakdown(cases, lambda c: of_case[id(c)], out)
