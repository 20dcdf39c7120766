"""The monitor on long documents.

Two halves:

* **Real council papers.** The Kent County Council PDFs in
  ``../shared/fixtures/real/councils/reports/`` (decision reports, Records of Decision, a
  57-page consultation report, equality impact assessments, minutes) are extracted here with
  the project's extractor and classified one by one. The labels asserted below were set by
  hand from the documents themselves, following ``../shared/eval/README.md``: none of them is
  a decision to outsource or to sell (most concern decision 24/00093, *not* to re-commission
  two outside contracts and to deliver the service from the council's own network; 24/00109
  moves a service between two directorates; 24/00096 adopts a school-places plan). The PDFs
  are third-party data: they are read in place (the tests skip when ``../shared`` is absent)
  and no text of theirs is copied here — only file names, page numbers, labels and rule names.
* **How sections and pages are read**, on short reports written for these tests about the
  fictional Exampleshire Council, so that they run for anyone who clones the project.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import pytest

from crawlers.documents import extract
from monitor.assess import record_chunks
from monitor.classify import Classification, Evidence, classify, classify_pages
from monitor.items import split_items
from monitor.text import analyse, normalise, repeated_lines
from storage.models import Document, DocumentPage, Record

# --------------------------------------------------------------------------------------------
# Real council papers
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Expected:
    """Hand-set labels for one document, and where its deciding evidence is."""

    doc_type: str
    pages: int
    # Signals the monitor must give (blockers that decided the record).
    signals: tuple[str, ...] = ()
    # (rule of a set-aside quote, page it must be on): the sentence that made the monitor
    # say "not outsourcing", checked against the document by page.
    set_aside: tuple[tuple[str, int], ...] = ()


NOT_RECOMMISSIONED = ("decommissioning",)

# All fifteen: not outsourcing, not an asset sale, hence no consultation or in-house question
# and no flag. The notes say why, for a reader without the PDFs at hand.
EXPECTED: dict[str, Expected] = {
    # The decision report: recommends *not* re-commissioning the two contracts (page 2); the
    # contracts' history, the committee's motion and the options to re-procure are not the
    # decision.
    "Appendix 3 - 24-00093 Decision Report.pdf": Expected(
        "report",
        24,
        NOT_RECOMMISSIONED,
        (
            ("blocker:decommissioning", 2),
            ("decided_against", 2),
            ("background_history", 3),
            # The committee's motion and the hypotheticals sit in the consultation section.
            ("consultees_view", 12),
            ("consultees_view", 13),
            # The options section starts on page 14 and still applies on page 15.
            ("rejected_option", 15),
        ),
    ),
    # The Record of Decision form: the same decision, on page 1.
    "Appendix 4 - 24-00093 Record of Decision.pdf": Expected(
        "decision",
        6,
        NOT_RECOMMISSIONED,
        (
            ("blocker:decommissioning", 1),
            ("background_history", 2),
            ("hypothetical", 4),
            ("consultees_view", 5),
        ),
    ),
    # Councillors' call-in of that decision (they want the contracts kept, not re-let).
    "Appendix 2 - Call-in submission 24-00093 Seashells and Millmead.pdf": Expected(
        "report", 4, NOT_RECOMMISSIONED, (("blocker:decommissioning", 2), ("not_able_to", 3))
    ),
    # The independent consultation report: the proposal consulted on is not to let new
    # contracts (page 3); page 2 is a table of contents.
    "kent_24-00093_appendix6_family_hub_contracts_consultation_report.pdf": Expected(
        "report", 57, NOT_RECOMMISSIONED, (("blocker:decommissioning", 3),)
    ),
    # The council's draft answers to the consultation themes.
    "kent_24-00093_appendix7_draft_responses_to_consultation_feedback.pdf": Expected(
        "report", 18, (), (("topic_only", 3), ("decided_against", 2))
    ),
    # The equality impact assessment: the options to re-procure are listed, not decided.
    "kent_24-00093_appendix8_family_hub_contracts_decision_eqia.pdf": Expected(
        "report", 27, (), (("decided_against", 3), ("listed_option", 6))
    ),
    # Service offer comparison: lists of sessions.
    "Appendix 5 - Service Offer Comparison.pdf": Expected("report", 2),
    # Scrutiny's reports on the call-in: members asking about the contracts.
    "Scrutiny Committee - call-in Family Hubs Report to County Council - Final.pdf": Expected(
        "report", 6, (), (("question_only", 3),)
    ),
    "kent_cabinet_2025-03-04_reconsideration_24-00093_family_hubs_call_in.pdf": Expected(
        "report", 3, (), (("question_only", 2),)
    ),
    # 24/00109: a service moves between two directorates of the same council.
    "24-00109 - Transfer the 18-25 section of the Strengthening Independence Service"
    " - Report.pdf": Expected("report", 9),
    "24-00109 - Appendix A - PROD.pdf": Expected("decision", 3),
    "kent_24-00109_appendix_b_eqia_updated_jan2025.pdf": Expected("report", 9),
    # 24/00096: adopting a plan for school places.
    "kent_24-00096_proposed_record_of_decision.pdf": Expected("decision", 3),
    # Minutes: cabinet members' updates and a council debate; no outsourcing or sale decided.
    "kent_cabinet_printed_minutes_2025-01-30.pdf": Expected("report", 17),
    "kent_county_council_printed_minutes_2025-03-13.pdf": Expected(
        "report", 19, (), (("counterfactual", 4),)
    ),
}


@pytest.fixture(scope="session")
def reports_dir(shared_dir: Path) -> Path:
    folder = shared_dir / "fixtures" / "real" / "councils" / "reports"
    if not folder.is_dir():
        pytest.skip(f"{folder} is absent: the real council papers live there")
    return folder


@functools.cache
def _pages(path: Path) -> tuple[str, ...]:
    extraction = extract(path.read_bytes(), "application/pdf", path.name)
    assert extraction.status == "ok" and extraction.pages, (path.name, extraction.error)
    return tuple(extraction.pages)


def pages_of(folder: Path, name: str) -> tuple[str, ...]:
    return _pages(folder / name)


def chunks_of(folder: Path, name: str) -> list[tuple[str | None, int | None, str]]:
    return [(name, number, text) for number, text in enumerate(pages_of(folder, name), 1)]


@functools.cache
def _classified(folder: Path, name: str) -> Classification:
    return classify_pages(
        chunks_of(folder, name), title=Path(name).stem, doc_type=EXPECTED[name].doc_type
    )


def assert_on_its_page(ev: Evidence, pages_by_document: dict[str, tuple[str, ...]]) -> None:
    """A quote from a document names the document and page it is on, and is that page's
    (whitespace-normalised) text at the offset it gives."""
    assert ev.document in pages_by_document, ev
    pages = pages_by_document[ev.document]
    assert ev.page is not None and 1 <= ev.page <= len(pages), ev
    page_text = normalise(pages[ev.page - 1])
    assert ev.quote and ev.quote in page_text, ev
    assert ev.start is not None and page_text[ev.start : ev.start + len(ev.quote)] == ev.quote


def test_every_real_paper_is_expected(reports_dir: Path) -> None:
    assert sorted(p.name for p in reports_dir.glob("*.pdf")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_real_paper_labels(reports_dir: Path, name: str) -> None:
    expected = EXPECTED[name]
    assert len(pages_of(reports_dir, name)) == expected.pages
    c = _classified(reports_dir, name)
    # Hand-set labels: no outsourcing, no sale, so neither question arises, and no flag.
    assert (c.is_outsourcing, c.is_asset_sale) == (False, False), c.evidence
    assert (c.has_consultation, c.has_inhouse_statement) == (None, None)
    assert not c.should_flag and c.missing == ()
    assert c.evidence == ()
    # Minutes are judged item by item (test_minutes_are_judged_item_by_item).
    assert set(expected.signals) == {s for s in c.signals if not s.startswith("agenda_items:")}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_real_paper_quotes_are_on_their_pages(reports_dir: Path, name: str) -> None:
    c = _classified(reports_dir, name)
    pages = {name: pages_of(reports_dir, name)}
    for ev in (*c.evidence, *c.discounted):
        if ev.document is None:  # a quote from the title (the file name)
            assert ev.quote in normalise(Path(name).stem)
            continue
        assert_on_its_page(ev, pages)
    found = {(ev.rule, ev.page) for ev in c.discounted}
    for rule, page in EXPECTED[name].set_aside:
        assert (rule, page) in found, (rule, page, sorted(found, key=str))


@pytest.mark.parametrize(
    "name",
    [n for n, e in sorted(EXPECTED.items()) if "decommissioning" in e.signals],
)
def test_the_deciding_sentence_comes_first(reports_dir: Path, name: str) -> None:
    """The sentence that decided the record leads the set-aside quotes, whatever the length of
    the report, with the words that make it a decision not to re-let."""
    c = _classified(reports_dir, name)
    first = c.discounted[0]
    assert first.rule == "blocker:decommissioning" and first.label == "is_outsourcing"
    assert " not " in f" {first.quote.lower()} "


@pytest.mark.parametrize(
    ("name", "headings"),
    [
        (
            "kent_cabinet_printed_minutes_2025-01-30.pdf",
            ["87. Cabinet Member Updates", "89. Draft Revenue Budget 2025-26, MTFP 2025-28"],
        ),
        (
            "kent_county_council_printed_minutes_2025-03-13.pdf",
            ["300. Review of Decision 24/00093 - Commissioned Family Hubs", "307. Pay Policy"],
        ),
    ],
)
def test_minutes_are_judged_item_by_item(reports_dir: Path, name: str, headings: list[str]) -> None:
    """Printed minutes of a whole meeting are cut into their numbered items, each with the
    pages it runs over, and the record says how many items it judged."""
    pages = [(name, number, text) for number, text in enumerate(pages_of(reports_dir, name), 1)]
    items = split_items(pages)
    found = [item.heading or "" for item in items]
    for heading in headings:
        assert any(h.startswith(heading) for h in found), (heading, found)
    # Item numbers rise: no numbered list inside an item is taken for an item.
    numbers = [item.number for item in items if item.number is not None]
    assert numbers == sorted(set(numbers))
    assert any(item.procedural for item in items)
    assert f"agenda_items:{len(items)}" in _classified(reports_dir, name).signals


def test_a_whole_agenda_item_is_read_as_one_record(reports_dir: Path) -> None:
    """The County Council's review of decision 24/00093 came with the decision papers as
    appendices: one record of eight documents and over 140 pages, built the way the DB
    monitor builds it (record text first, then each document's pages)."""
    names = [
        "Scrutiny Committee - call-in Family Hubs Report to County Council - Final.pdf",
        "Appendix 2 - Call-in submission 24-00093 Seashells and Millmead.pdf",
        "Appendix 3 - 24-00093 Decision Report.pdf",
        "Appendix 4 - 24-00093 Record of Decision.pdf",
        "Appendix 5 - Service Offer Comparison.pdf",
        "kent_24-00093_appendix6_family_hub_contracts_consultation_report.pdf",
        "kent_24-00093_appendix7_draft_responses_to_consultation_feedback.pdf",
        "kent_24-00093_appendix8_family_hub_contracts_decision_eqia.pdf",
    ]
    record = Record(
        kind="agenda_item",
        title="Review of an executive decision (sample record)",
        description="Agenda item of a sample meeting; the papers are attached.",
        url="https://example.invalid/item",
    )
    record.documents = [
        Document(
            url=name,
            status="ok",
            pages=[
                DocumentPage(page_number=number, text=text)
                for number, text in enumerate(pages_of(reports_dir, name), 1)
            ],
        )
        for name in names
    ]
    chunks = record_chunks(record)
    assert sum(1 for document, _, _ in chunks if document in names) > 140
    # A report and its appendices are one matter: never cut into agenda items.
    assert len(split_items(chunks)) == 1
    c = classify_pages(chunks, title=record.title, doc_type="report")
    assert not (c.is_outsourcing or c.is_asset_sale or c.should_flag)
    assert c.signals == ("decommissioning",)
    pages = {name: pages_of(reports_dir, name) for name in names}
    for ev in c.discounted:
        if ev.document in pages:
            assert_on_its_page(ev, pages)


def test_real_sections_run_over_page_breaks(reports_dir: Path) -> None:
    """The Record of Decision's "alternatives considered and rejected" heading is at the foot of
    page 5 and its options are on page 6; the decision report's numbered options section runs
    from page 14 to page 17, and the next numbered part ends it."""
    rod = pages_of(reports_dir, "Appendix 4 - 24-00093 Record of Decision.pdf")
    page5 = analyse(rod[4])
    assert page5.segments[-1].section == "options"
    page6 = analyse(rod[5], page5.state)
    assert page6.segments[0].section == "options"
    assert analyse(rod[5]).segments[0].section != "options"  # read alone, it would not know

    report = pages_of(reports_dir, "Appendix 3 - 24-00093 Decision Report.pdf")
    state = None
    sections: dict[int, list[str | None]] = {}
    headings: dict[int, list[str | None]] = {}
    for number, text in enumerate(report, 1):
        analysed = analyse(text, state, repeated_lines(report))
        state = analysed.state
        sections[number] = [s.section for s in analysed.segments]
        headings[number] = [s.section for s in analysed.segments if s.is_heading]
    assert "options" in headings[14] and "consultation" in headings[10]
    assert set(sections[15]) == set(sections[16]) == {"options"}
    assert sections[17][0] == "options" and sections[17][-1] == "meta"


def test_real_running_headers_and_contents_are_not_prose(reports_dir: Path) -> None:
    rod = pages_of(reports_dir, "Appendix 4 - 24-00093 Record of Decision.pdf")
    repeated = repeated_lines(rod)
    assert repeated  # the form's running header, with its page number
    for text in rod[1:]:
        header = text.strip().splitlines()[0]
        segments = analyse(text, None, repeated).segments
        assert not any(normalise(header) in s.text for s in segments)

    report = pages_of(
        reports_dir, "kent_24-00093_appendix6_family_hub_contracts_consultation_report.pdf"
    )
    # Page 2 is the table of contents: every line names a section and a page number.
    assert analyse(report[1], None, repeated_lines(report)).segments == ()
    # Page numbers at the top of each page are not sentences either.
    for text in report[2:]:
        first = analyse(text, None, repeated_lines(report)).segments[0]
        assert not first.text.isdigit()


# --------------------------------------------------------------------------------------------
# How sections and pages are read (fictional Exampleshire Council, written for these tests)
# --------------------------------------------------------------------------------------------

TENDER = "Recommendation:\nCabinet is asked to APPROVE the re-tender of the leisure contract.\n"


def _report(*pages: str) -> list[tuple[str | None, int | None, str]]:
    return [("exampleshire-report.pdf", number, text) for number, text in enumerate(pages, 1)]


def test_an_options_section_runs_over_the_page_break() -> None:
    page1 = TENDER + "Background\nThe centres are run under a contract that ends in 2027.\n"
    page1 += "6. Options considered\n6.1 Three options were looked at.\n"
    page2 = (
        "6.2 Keep running the centres in-house: the centres would stay as they are.\n"
        "6.3 Close two centres.\n"
    )
    together = classify_pages(_report(page1, page2))
    assert together.is_outsourcing and together.has_inhouse_statement
    (ev,) = [e for e in together.evidence if e.label == "has_inhouse_statement"]
    assert (ev.rule, ev.page) == ("inhouse_in_options_section", 2)
    # Page 2 of another document does not continue the section.
    apart = classify_pages([("a.pdf", 1, page1), ("b.pdf", 2, page2)])
    assert apart.has_inhouse_statement is False


def test_a_numbered_part_ends_the_section_before_it() -> None:
    text = (
        TENDER + "5. Options considered\n5.1 Keeping the service as it is was looked at.\n"
        "6. Next steps\n6.1 The in-house team will be briefed.\n"
    )
    segments = analyse(text).segments
    assert segments[-1].section is None
    assert [s.section for s in segments if "Keeping" in s.text] == ["options"]


def test_numbered_and_split_headings_are_headings() -> None:
    text = (
        "6. OPTIONS CONSIDERED\nAlternative options considered and\nrejected:\n"
        "Recommendation(s):\nReason(s) for decision:\n4 Legal implications\n2. BACKGROUND\n"
    )
    kinds = [s.section for s in analyse(text).segments if s.is_heading]
    assert kinds == ["options", "options", "decision", "reasons", "meta", "background"]


def test_running_headers_page_numbers_and_contents_are_left_out() -> None:
    header = "Exampleshire Council | Leisure contract consultation report | page {}"
    body = "The contract for the leisure centres will be re-tendered next year.\n"
    pages = [
        f"{header.format(1)}\nContents\nSummary 2\nSurvey results\nResponses 3\n",
        *(f"{header.format(n)}\n{body}{n}" for n in range(2, 5)),
    ]
    c = classify_pages(_report(*pages), doc_type="report")
    assert c.is_outsourcing
    # The header and the contents say "consultation"; the report's prose does not.
    assert c.has_consultation is False
    assert all(ev.rule != "consultation_outcome" for ev in c.discounted)
    # Without the other pages there is nothing to compare: one page keeps its header.
    assert classify_pages(_report(pages[1])).has_consultation is True


def test_a_heading_that_opens_several_pages_is_kept() -> None:
    pages = [
        f"Decision:\nItem {n}: Cabinet noted the report on library opening hours."
        for n in (1, 2, 3, 4)
    ]
    for text in pages:
        assert analyse(text, None, repeated_lines(pages)).segments[0].is_heading


def test_wrapped_lines_in_a_narrow_column_are_one_sentence() -> None:
    column = (
        "Members noted the report and\n"
        "considered the options set\n"
        "out in the appendix. Cabinet\n"
        "agreed to go out to tender\n"
        "for the school catering\n"
        "service from April 2027.\n"
        "The current contract ends\n"
        "in March 2027 and officers\n"
        "will report back in May.\n"
    )
    sentences = [s.text for s in analyse(column).segments]
    assert any(s.startswith("Cabinet agreed") and s.endswith("April 2027.") for s in sentences)
    assert classify(column).is_outsourcing


def test_a_compound_broken_at_the_line_end_is_one_word() -> None:
    text = TENDER + "Bringing the service in-\nhouse was considered and rejected on cost."
    c = classify(text)
    assert c.has_inhouse_statement
    assert any("in- house" in ev.quote for ev in c.evidence)


@pytest.mark.parametrize(
    ("text", "signals"),
    [
        # Letting the contract end, and doing the work in-house, is not outsourcing.
        (
            "Cabinet agreed not to renew the contract for the Mill Lane family centre when it"
            " ends in March 2027. The contract was let in 2022 after a tender. The service"
            " will be delivered from the council's own centres.",
            ("decommissioning",),
        ),
        (
            "It is proposed that the council will not re-procure the two advice contracts."
            " The contracts were let in 2022 for three years.",
            ("decommissioning",),
        ),
    ],
)
def test_letting_contracts_end_is_not_outsourcing(text: str, signals: tuple[str, ...]) -> None:
    c = classify(text, doc_type="decision")
    assert not c.is_outsourcing and not c.should_flag
    assert c.signals == signals
    assert c.discounted[0].rule == "blocker:decommissioning"


@pytest.mark.parametrize(
    "text",
    [
        # The same sentence goes on to re-let the service.
        "Cabinet agreed not to extend the current contract and to re-tender the service.",
        # The record also decides to let a contract.
        "Decision:\n(a) not to extend the contract for the school meals service; and\n"
        "(b) to commence a procurement process for a new provider.",
        # An option weighed and rejected is not the decision.
        TENDER + "The option of not renewing the contract was rejected.",
    ],
)
def test_ending_one_contract_while_letting_another_is_outsourcing(text: str) -> None:
    c = classify(text, doc_type="decision")
    assert c.is_outsourcing and "decommissioning" not in c.signals


@pytest.mark.parametrize(
    ("sentence", "false_friend"),
    [
        ("A data protection assessment will be done before any re-procurement.", "hypothetical"),
        ("It would cost more were members minded to re-tender the contract.", "hypothetical"),
        ("The impact of re-tendering the contract is set out below.", "topic_only"),
        ("The council is unable to extend the contract with the operator.", "not_able_to"),
        (
            "Further information was sought about the extension of the contract.",
            "question_only",
        ),
        (
            "Background\nThe contract was awarded in 2019 to Sample Leisure Ltd.",
            "background_history",
        ),
        (
            "Consultation\nThe scrutiny committee recommended a temporary extension of the"
            " contract.",
            "consultees_view",
        ),
    ],
)
def test_what_a_long_report_says_about_other_things(sentence: str, false_friend: str) -> None:
    c = classify(sentence, doc_type="report")
    assert not c.is_outsourcing
    assert any(ev.rule == false_friend for ev in c.discounted), c.discounted


def test_past_contracts_in_the_background_do_not_hide_the_decision() -> None:
    text = (
        "Background\nThe contract was awarded in 2019 to Sample Leisure Ltd.\n"
        "Recommendation:\nApprove the re-procurement of the leisure management contract."
    )
    c = classify(text, doc_type="report")
    assert c.is_outsourcing
    assert [ev.rule for ev in c.discounted if ev.label == "is_outsourcing"] == [
        "background_history"
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Officers held a consultation with the provider on the new specification.",
        "The Director, in consultation with the Cabinet Member for Communities, will award it.",
        "The Children and Young People Select Committee considered the proposals.",
        "The Communities and Families Directorate has been consulted.",
    ],
)
def test_who_was_consulted_is_not_the_public(sentence: str) -> None:
    c = classify(TENDER + "Consultation\n" + sentence, doc_type="report")
    assert c.is_outsourcing and c.has_consultation is False, c.evidence


def test_the_publics_own_bodies_still_count() -> None:
    c = classify(
        TENDER + "Consultation\nThe Tenants' Committee was consulted on the proposals.",
        doc_type="report",
    )
    assert c.has_consultation


def test_an_in_house_team_is_not_an_in_house_option() -> None:
    c = classify(
        TENDER + "The in-house Legal Services team will support the procurement and the"
        " options appraisal.",
        doc_type="report",
    )
    assert c.is_outsourcing and c.has_inhouse_statement is False
    assert any(ev.rule == "inhouse_team" for ev in c.discounted)
