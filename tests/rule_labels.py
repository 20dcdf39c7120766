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
