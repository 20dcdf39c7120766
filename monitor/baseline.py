"""A plain keyword search, kept only as a yardstick for the rules.

It answers each question with "does any of these words appear anywhere?", which is what a
journalist's full-text search would do. ``bench/bench_classify.py`` times it against the rules,
and ``run_evaluate(path, out, classifier=baseline.classify)`` scores it on the same cases.
Not used by the monitor itself.
"""

from __future__ import annotations

from monitor.classify import Classification, Evidence
from monitor.text import normalise

OUTSOURCING_WORDS = ("outsourc", "tender", "procure", "procurement", "contract", "commission")
ASSET_WORDS = ("dispos", "sale of", "sell", "freehold", "long lease", "asset transfer")
CONSULTATION_WORDS = ("consult",)
INHOUSE_WORDS = ("in-house", "in house", "inhouse")


def _first(norm: str, lowered: str, label: str, words: tuple[str, ...]) -> Evidence | None:
    """The first keyword found, quoted with a few words around it."""
    hits = [(lowered.find(w), w) for w in words if w in lowered]
    if not hits:
        return None
    at, word = min(hits)
    start = norm.rfind(" ", 0, max(0, at - 40)) + 1
    end = norm.find(" ", at + len(word) + 40)
    end = len(norm) if end == -1 else end
    return Evidence(label=label, quote=norm[start:end], rule=f"keyword:{word}", start=start)


def classify(
    text: str,
    title: str | None = None,
    doc_type: str | None = None,
    notice_type: str | None = None,
) -> Classification:
    """Same signature and result type as :func:`monitor.classify.classify`."""
    del doc_type, notice_type  # a keyword search knows nothing of document types
    norm = normalise(f"{title}\n{text}" if title else text)
    lowered = norm.lower()
    out = _first(norm, lowered, "is_outsourcing", OUTSOURCING_WORDS)
    asset = _first(norm, lowered, "is_asset_sale", ASSET_WORDS)
    cons = inh = None
    if out or asset:
        cons = _first(norm, lowered, "has_consultation", CONSULTATION_WORDS)
    if out:
        inh = _first(norm, lowered, "has_inhouse_statement", INHOUSE_WORDS)
    has_consultation = bool(cons) if (out or asset) else None
    has_inhouse = bool(inh) if out else None
    should_flag = (bool(out) and not (has_consultation and has_inhouse)) or (
        bool(asset) and not has_consultation
    )
    return Classification(
        is_outsourcing=bool(out),
        is_asset_sale=bool(asset),
        has_consultation=has_consultation,
        has_inhouse_statement=has_inhouse,
        should_flag=should_flag,
        evidence=tuple(e for e in (out, asset, cons, inh) if e is not None),
        signals=("keyword_baseline",),
    )
