"""Full-text search (storage.search) on SQLite FTS5 and PostgreSQL tsvector, on the same
fixtures: ranking, phrases, words only in document text, every filter, indexes kept in step
with edits and deletes, and user text that is never parsed as the engine's syntax."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.orm import Session

import storage.search
from storage.db import get_engine
from storage.models import Assessment, Document, DocumentPage, Record, Review
from storage.search import (
    SearchQuery,
    count,
    cpv_prefix,
    search,
    search_page,
    search_select,
    search_terms,
)


def add(session: Session, key: str, title: str, **values: Any) -> int:
    assessment = values.pop("assessment", None)
    record = Record(
        source="find-a-tender",
        source_key=f"search-{key}",
        kind=values.pop("kind", "notice"),
        council_code=values.pop("council", "KEN"),
        title=title,
        description=values.pop("description", "Nothing to see."),
        content_hash=key.ljust(64, "0"),
        published_at=values.pop("published", datetime(2026, 3, 1, 12, tzinfo=UTC)),
        **values,
    )
    session.add(record)
    session.flush()
    if assessment is not None:
        flag = assessment == "flag"
        session.add(
            Assessment(
                record_id=record.id,
                rules_version="t",
                input_hash=key,
                is_outsourcing=True,
                is_asset_sale=False,
                should_flag=flag,
                publish_state="published" if flag else "not_flagged",
            )
        )
    return record.id


@pytest.fixture
def ids(database: str) -> dict[str, int]:
    with Session(get_engine(database)) as session:
        ids = {
            "title": add(
                session,
                "title",
                "Leisure centre transfer to a trust",
                published=datetime(2026, 1, 5, tzinfo=UTC),
                value_amount=Decimal("2500000"),
                cpv_codes=["92610000", "79993000"],
                assessment="flag",
            ),
            "words": add(
                session,
                "words",
                "Centre for leisure and culture: options",
                published=datetime(2026, 2, 5, tzinfo=UTC),
                value_amount=Decimal("90000"),
                cpv_codes=["92000000"],
                assessment="no flag",
            ),
            "description": add(
                session,
                "description",
                "Parks and open spaces",
                description="Includes the leisure centre car park and the bowling green.",
                council="ABD",
                kind="decision",
                published=datetime(2026, 3, 5, tzinfo=UTC),
            ),
            "document": add(
                session,
                "document",
                "Cabinet report: budget 2026/27",
                published=datetime(2026, 4, 5, tzinfo=UTC),
            ),
            "other": add(
                session,
                "other",
                "Highways resurfacing framework",
                published=datetime(2026, 6, 1, tzinfo=UTC),
            ),
        }
        document = Document(record_id=ids["document"], url="https://www.example.org/r.pdf")
        session.add(document)
        session.flush()
        session.add_all(
            [
                DocumentPage(document_id=document.id, page_number=1, text="Budget tables."),
                DocumentPage(
                    document_id=document.id,
                    page_number=7,
                    text="The leisure centre closes; the hydrotherapy pool moves.",
                ),
            ]
        )
        session.commit()
    return ids


def found(database: str, **fields: Any) -> list[int]:
    with Session(get_engine(database)) as session:
        return [s.record.id for s in search(session, SearchQuery(**fields), 25, 0)]


def test_ranked_words_phrases_and_document_text(
    database: str, ids: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    leisure = found(database, text="leisure")
    # Title matches first, then description, then document text: on both engines.
    assert set(leisure[:2]) == {ids["title"], ids["words"]}
    assert leisure[2:] == [ids["description"], ids["document"]]
    # A phrase needs the words together; plain words do not.
    phrase = found(database, text='"leisure centre"')
    assert phrase == [ids["title"], ids["description"], ids["document"]]
    assert set(found(database, text="centre leisure")) == set(leisure)
    # A word only in a document's text; stemming alike on both ("closing" finds "closes").
    assert found(database, text="hydrotherapy") == [ids["document"]]
    assert found(database, text="closing") == [ids["document"]]
    assert found(database, text="hydrotherapy", documents=False) == []
    # Every word must match.
    assert found(database, text="leisure trust") == [ids["title"]]
    assert found(database, text="leisure zeppelin") == []
    with Session(get_engine(database)) as session:
        page = search_page(session, SearchQuery(text="leisure"), 2, 0)
        assert (page.total, page.exact, page.ranked) == (4, True, True)
        assert [s.record.id for s in search(session, SearchQuery(text="leisure"), 2, 2)] == (
            leisure[2:]
        )

    # Past RANK_CAP matches: newest first, read in date order; counts stop at COUNT_CAP.
    monkeypatch.setattr(storage.search, "RANK_CAP", 2)
    monkeypatch.setattr(storage.search, "WALK_COUNT_CAP", 2)
    with Session(get_engine(database)) as session:
        page = search_page(session, SearchQuery(text="leisure"), 25, 0)
        newest = [ids["document"], ids["description"], ids["words"], ids["title"]]
        assert [s.record.id for s in page.states] == newest
        assert (page.total, page.exact, page.ranked) == (2, False, False)
        assert count(session, SearchQuery(text="leisure", council="ABD")) == (1, True)
        assert count(session, SearchQuery(text="leisure", council="KEN")) == (2, False)
        assert [s.record.id for s in search(session, SearchQuery(text='"leisure centre"'), 9)] == [
            ids["document"],
            ids["description"],
            ids["title"],
        ]


def test_filters(database: str, ids: dict[str, int]) -> None:
    leisure = {"text": "leisure"}
    assert found(database, council="ABD", **leisure) == [ids["description"]]
    assert found(database, nation="Scotland") == [ids["description"]]
    assert ids["description"] not in found(database, nation="England")
    assert found(database, kind="decision") == [ids["description"]]
    assert found(database, flag="flagged") == [ids["title"]]
    assert ids["title"] not in found(database, flag="not_flagged", **leisure)
    assert ids["words"] in found(database, flag="not_flagged", **leisure)
    assert found(database, category="outsourcing", **leisure) == [ids["words"], ids["title"]]
    assert found(database, date_from=date(2026, 2, 5), date_to=date(2026, 3, 5)) == [
        ids["description"],
        ids["words"],
    ]
    assert found(database, value_min=Decimal(100_000)) == [ids["title"]]
    assert found(database, value_max=Decimal(100_000)) == [ids["words"]]
    # A CPV code stands for its subtree: 92000000 is all of division 92.
    assert found(database, cpv="92000000") == [ids["words"], ids["title"]]
    assert found(database, cpv="92610000-0") == [ids["title"]]
    assert found(database, cpv="45000000") == []
    assert cpv_prefix("79341000-6") == "79341" and cpv_prefix("45000000") == "45"
    # No text: every record, newest first.
    assert found(database)[:2] == [ids["other"], ids["document"]]
    with Session(get_engine(database)) as session:
        dialect = session.get_bind().dialect.name
        select_ = search_select(SearchQuery(text="leisure", council="KEN"), dialect)
        in_kent = {ids["title"], ids["words"], ids["document"]}
        assert {r.id for r, _, _ in session.execute(select_)} == in_kent
        # Built without knowing the database (saved-search feeds call it so).
        from oursay.web.search import SearchForm

        form = SearchForm.from_params({"q": "leisure", "council": "abd"}, {"ABD": None})
        assert [r.id for r, _, _ in session.execute(form.query())] == [ids["description"]]
        form = SearchForm.from_params({"cpv": "92000000"}, {})
        assert [r.id for r, _, _ in session.execute(form.query())] == [ids["words"], ids["title"]]
        session.add(Review(record_id=ids["title"], status="dismissed", reason="not a service"))
        session.commit()
    assert found(database, review="dismissed") == [ids["title"]]
    assert ids["title"] not in found(database, review="unreviewed")
    assert found(database, flag="flagged") == []


BAD_QUERIES = [
    '"leisure',
    'leisure"',
    '"',
    '""',
    "*",
    "leisure*",
    "NEAR(leisure centre)",
    "NEAR leisure",
    "-leisure",
    "leisure -centre",
    "title:leisure",
    ":",
    "AND OR NOT",
    "leisure AND",
    "^leisure",
    "(leisure",
    "{title}: leisure",
    "'; DROP TABLE records; --",
    "\\",
    "%_",
    "\x00leisure",
    "café ☕ leisure",
    "leisure " * 300,
    "a" * 5000,
    "!@#$%^&*()[]{}<>?/|~`",
]


def test_user_text_is_never_parsed_as_query_syntax(database: str, ids: dict[str, int]) -> None:
    for text in BAD_QUERIES:
        results = found(database, text=text)  # never an error
        words = [t.lower() for t in search_terms(text)]
        if words and all(w.split()[0] in ("leisure", "centre") for w in words):
            # Operators and punctuation are dropped, not obeyed: "-leisure" is the word.
            assert ids["title"] in results, text
        if text.startswith("title:"):
            # Not a column filter: the phrase "title leisure", which no record holds.
            assert results == [], text


def test_search_terms() -> None:
    assert search_terms('leisure "centre trust" co-op NEAR* "unbalanced') == [
        "leisure",
        "centre trust",
        "co op",
        "NEAR",
        "unbalanced",
    ]
    assert search_terms("- * : ^") == []
    assert len(search_terms(" ".join(f"w{n}" for n in range(50)))) == 10


def test_index_follows_edits_and_deletes(database: str, ids: dict[str, int]) -> None:
    with Session(get_engine(database)) as session:
        record = session.get(Record, ids["other"])
        assert record is not None
        record.title = "Swimming pool management"
        session.commit()
        assert found(database, text="swimming") == [ids["other"]]
        assert found(database, text="resurfacing") == []
        page = session.get(DocumentPage, (session.get(Record, ids["document"]).documents[0].id, 7))
        assert page is not None
        page.text = "The museum closes."
        session.commit()
        assert found(database, text="hydrotherapy") == []
        assert found(database, text="museum") == [ids["document"]]
        session.delete(session.get(Record, ids["document"]))
        session.commit()
    assert found(database, text="museum") == []
    assert ids["document"] not in found(database, text="budget")


def test_search_form_turns_bad_parameters_into_one_line_each() -> None:
    from oursay.web.search import SearchForm

    form = SearchForm.from_params(
        {"min": "lots", "max": "1e999", "cpv": "45*", "nation": "Atlantis", "kind": "x"},
        {"KEN": None},
    )
    assert set(form.errors) == {
        "Unknown nation: ignored.",
        "Unknown kind: ignored.",
        "Lowest value must be a number of pounds, like 250000: ignored.",
        "Highest value must be a number of pounds, like 250000: ignored.",
        "CPV code must look like 45000000 or 79341000-6: ignored.",
    }
    assert form.search_query() == SearchQuery()
    good = SearchForm.from_params(
        {"q": "leisure", "council": "ken", "min": "£250,000", "cpv": "92000000"}, {"KEN": None}
    )
    assert good.errors == ()
    assert good.search_query() == SearchQuery(
        text="leisure", council="KEN", value_min=Decimal(250000), cpv="92000000"
    )
    assert good.params() == "q=leisure&council=ken&min=250000&cpv=92000000"


@pytest.mark.parametrize(("list_cap", "list_share"), [(0, 1), (100, 1), (100, 3)])
def test_newest_first_walks_alike_with_and_without_the_list_of_matches(
    database: str,
    ids: dict[str, int],
    monkeypatch: pytest.MonkeyPatch,
    list_cap: int,
    list_share: int,
) -> None:
    """Past RANK_CAP a search reads records newest first and checks each: row by row, or
    (SQLite, at most LIST_CAP matches and 1 in LIST_SHARE records) against the list of every
    match. Same results."""
    monkeypatch.setattr(storage.search, "RANK_CAP", 1)
    monkeypatch.setattr(storage.search, "LIST_CAP", list_cap)
    # Four of the five records match "leisure": more than one in three, so with a share of 3
    # only the walks with filters (which count as well) use the list.
    monkeypatch.setattr(storage.search, "LIST_SHARE", list_share)
    monkeypatch.setattr(storage.search, "LIST_SHARE_FILTERED", 1)
    statements: list[str] = []
    engine = get_engine(database)

    def seen(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", seen)
    try:
        newest = [ids["document"], ids["description"], ids["words"], ids["title"]]
        assert found(database, text="leisure") == newest
        assert found(database, text='"leisure centre"') == [
            ids["document"],
            ids["description"],
            ids["title"],
        ]
        assert found(database, text="leisure", documents=False) == newest[1:]
        assert found(database, text="leisure centre", council="KEN") == [
            ids["document"],
            ids["words"],
            ids["title"],
        ]
        assert found(database, text="leisure", flag="flagged") == [ids["title"]]
        assert found(database, text="centre", nation="Scotland") == [ids["description"]]
        with Session(engine) as session:
            assert count(session, SearchQuery(text="leisure", council="KEN")) == (3, True)
            page = search_page(session, SearchQuery(text="leisure", kind="notice"), 1, 1)
            assert [s.record.id for s in page.states] == [ids["words"]]
            assert (page.total, page.exact, page.ranked) == (3, True, False)
    finally:
        event.remove(engine, "before_cursor_execute", seen)
    listed = [s for s in statements if "+records.id IN" in s]
    seeks = [s for s in statements if "records_fts.rowid = records.id" in s]
    if engine.dialect.name != "sqlite" or not list_cap:
        assert not listed
    elif list_share == 1:
        assert listed and not seeks
    else:
        assert listed and seeks


def test_ranked_counts_and_pages_name_the_matches(database: str, ids: dict[str, int]) -> None:
    """The ranked path reads the (few) matches by id: a council filter must still apply to
    the count and to every page, and records matched twice (fields and a page) count once."""
    with Session(get_engine(database)) as session:
        query = SearchQuery(text="leisure", council="KEN")
        page = search_page(session, query, 1, 0)
        assert (page.total, page.exact, page.ranked) == (3, True, True)
        rest = search_page(session, query, 5, 1)
        assert {s.record.id for s in page.states + rest.states} == {
            ids["title"],
            ids["words"],
            ids["document"],
        }
        document = session.get(Record, ids["document"])
        assert document is not None
        document.title = "Leisure budget report"
        session.commit()
        page = search_page(session, SearchQuery(text="leisure"), 10, 0)
        assert page.total == 4 and len(page.states) == 4
        assert page.states[-1].record.id == ids["description"]
