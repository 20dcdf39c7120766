"""What the round-by-round rule tests (tests/test_rules_round*.py) share: the labels they
check and the one assertion each family case makes."""

from __future__ import annotations

from monitor.classify import classify

OUT, SALE, CONS, INH = (
    "is_outsourcing",
    "is_asset_sale",
    "has_consultation",
    "has_inhouse_statement",
)


def assert_label(text: str, label: str, expected: bool, doc_type: str) -> None:
    """A family case: the monitor reads ``label`` of ``text`` as ``expected``."""
    assert bool(getattr(classify(text, doc_type=doc_type), label)) is expected


# Sentences about nothing in particular, to make a paper long enough to be read as one
# (monitor.deciding.LONG_PAPER_CHARS) without naming any matter of its own.
_FILLER = (
    "The service has monitored demand, quality and cost each quarter and reported them to the "
    "Directorate Leadership Team. " * 45
)


def long_paper(text: str, section: int = 9) -> str:
    """``text`` followed by a numbered section of filler: a paper over 5,000 characters."""
    out = f"{text}\n{section}. Monitoring\n{section}.1 {_FILLER}\n"
    assert len(out) > 5_000
    return out
