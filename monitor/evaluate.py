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


def _classify_record(obj: dict[str, Any], classifier: Classifier = classify) -> Classification:
    kwargs = {k: obj.get(k) for k in ("title", "doc_type", "notice_type")}
    if obj.get("pages") is not None and classifier is classify:
        pages = [(p.get("document"), p.get("page"), p["text"]) for p in obj["pages"]]
        if isinstance(obj.get("text"), str):
            pages.insert(0, (None, None, obj["text"]))
        return classify_pages(pages, **kwargs)
    return classifier(obj.get("text") or "", **kwargs)


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
            result = _classify_record(obj).as_json(obj["id"])
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

    @property
    def clear(self) -> bool:
        return not _UNCLEAR.search(str(self.obj.get("notes") or ""))

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
                cases.append(_Case(number, obj, _classify_record(obj, classifier)))
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

    flag = score_cases(cases).labels["should_flag"]
    print(
        f"flag precision={flag.precision:.3f} recall={flag.recall:.3f} f1={flag.f1:.3f} "
        f"n={len(cases)}",
        file=out,
    )
    return 1 if failed else 0
