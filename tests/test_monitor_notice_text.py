"""Notices given as text (``oursay classify`` / ``evaluate``) are decided from the structure
their text prints: notice type, category, CPV codes, title.

The notice texts here are written for these tests in the shapes Find a Tender, Contracts
Finder, Public Contracts Scotland / Sell2Wales and notice aggregators print (fictional buyers
and subjects); the labelled cases are read from ../shared at run time.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from monitor import notice_text as NT
from monitor.classify import classify, classify_pages
from monitor.notice_subject import names_a_service, subject_of
from monitor.notices import SILENT_SIGNAL, decide, notice_facts

FROM_TEXT = "notice_structure_from_text"

FIND_A_TENDER = """Tender

Community Support for Older People in Northvale

  • Northvale District Council

UK4: Tender notice - Procurement Act 2023 - view information about notice types

Notice identifier: 2031/S 000-000001

Scope

Description

The council wants a provider to deliver visiting support to older residents in their homes.

Main procurement category

{category}

CPV classifications

  • {code}

Contract locations

  • UKX99 - Northvale
"""


def _fts(category: str, code: str) -> str:
    return FIND_A_TENDER.format(category=category, code=code)


def _structural(c, rule: str) -> str:
    return next(e.quote for e in c.evidence if e.rule == rule)


def test_find_a_tender_page_is_decided_by_its_cpv_line() -> None:
    c = classify(_fts("Services", "85310000 - Social work services"), doc_type="procurement")
    assert c.is_outsourcing and c.should_flag
    assert {FROM_TEXT, "notice:cpv_division_85"} <= set(c.signals)
    assert SILENT_SIGNAL not in c.signals
    quote = _structural(c, "notice:cpv_division_85")
    # The quote names the lines it was read from, and says so.
    assert '"85310000 - Social work services"' in quote
    assert '"Main procurement category: Services"' in quote
    assert "(from the text)" in quote


def test_goods_category_in_the_text_outweighs_service_words() -> None:
    c = classify(_fts("Goods", "34114400 - Minibuses"), doc_type="procurement")
    assert not c.is_outsourcing and not c.should_flag
    assert "notice:category_goods" in c.signals
    assert any(e.label == "notice_structure" for e in c.evidence)


@pytest.mark.parametrize(
    "text, rule",
    [
        # Contracts Finder prints the code after its description, under "Industry".
        (
            "Opportunity\n\nCondition inspections of depots and stores\n\nIndustry\n\n"
            "Architectural, construction, engineering and inspection services - 71000000\n\n"
            "Procurement category: Services\n",
            "notice:cpv_division_71",
        ),
        # Legacy forms (PCS, Sell2Wales): numbered headings, a bare code.
        (
            "Contract notice\nII.1.1) Title:\nPayroll processing\nII.1.2) Main CPV code\n"
            "79211000\nII.1.3) Type of contract\nServices\n",
            "notice:cpv_division_79",
        ),
        # An aggregator's summary names the code in a sentence.
        (
            "Tender\n\nCorporate telephony support\n\nThe process is classified under CPV code "
            "72000000 and is at tender stage.\n",
            "notice:cpv_division_72",
        ),
    ],
)
def test_codes_in_the_shapes_notice_pages_print_them(text: str, rule: str) -> None:
    c = classify(text, doc_type="procurement")
    assert not c.is_outsourcing, text
    assert rule in c.signals and FROM_TEXT in c.signals


def test_codes_read_from_a_page_are_a_set() -> None:
    # Aggregators sort the codes: a goods code first does not make a transport service goods.
    listing = (
        "Notice Information\nNotice Title\nSchool transport\nNotice Details\n"
        "- Procurement Category\n- Services\nCommon Procurement Vocabulary (CPV)\n"
        "- CPV Divisions\n34 - Transport equipment\n60 - Transport services\n-\n- CPV Codes\n"
        "34115200 - Motor vehicles for the transport of fewer than 10 persons\n"
        "60130000 - Special-purpose road passenger-transport services\n"
    )
    c = classify(listing, doc_type="procurement")
    assert c.is_outsourcing and "notice:cpv_division_60" in c.signals
    # A service for the council's own use beside a public service: the words decide.
    mixed = listing.replace("34115200 - Motor vehicles", "72000000 - IT services")
    c = classify(mixed, doc_type="procurement")
    assert "notice:structure_cpv_codes_mixed" in c.signals and SILENT_SIGNAL in c.signals


def test_numbers_that_are_not_cpv_codes_are_not_read() -> None:
    facts = NT.notice_from_text(
        ["Award\n\nMobile library\n\nCompany number\n01234567\n99123456 - Not a division\n"]
    )
    assert facts.cpvs == () and facts.title == "Mobile library"


def test_without_structure_the_words_decide_and_the_notice_is_never_background() -> None:
    text = (
        "Award\n\nHome Care Services in the East Locality\n\nWESTBURY COUNCIL\n\n"
        "Summary of the contracting process\n\nWestbury Council has awarded contracts for the "
        "provision of home care services to adults across the locality. The contract period "
        "begins in April."
    )
    c = classify(text, doc_type="procurement")
    assert c.is_outsourcing and c.should_flag
    assert {FROM_TEXT, SILENT_SIGNAL, "notice:structure_no_cpv"} <= set(c.signals)
    assert not any(e.rule == "background_only" for e in c.discounted)
    # A title whose head is a service is the last resort of the words.
    c = classify(
        "Riverside Substance Use: Treatment Service\n\nTerm up to ten years.",
        doc_type="procurement",
    )
    assert c.is_outsourcing


def test_an_unlabelled_text_is_read_as_a_notice_only_when_it_prints_notice_headings() -> None:
    page = _fts("Services", "90511000 - Refuse collection services")
    assert FROM_TEXT in classify(page).signals
    # A committee report quoting a CPV code is not a notice.
    report = (
        "Recommendations\n1. That Cabinet approves the tender of the refuse collection "
        "contract (CPV code 90511000) for eight years."
    )
    c = classify(report, doc_type="report")
    assert FROM_TEXT not in c.signals and "procurement_notice" not in c.signals
    assert not NT.reads_as_notice("report", [page])


def test_a_stored_notice_without_codes_is_completed_from_its_text() -> None:
    text = "CPV Codes\n92610000 - Sports facilities operation services\n"
    c = classify_pages(
        [(None, None, text)],
        title="Leisure centre operation",
        doc_type="procurement",
        notice=notice_facts({"release": {"tag": ["tender"], "tender": {}}}),
    )
    assert c.is_outsourcing and "notice:cpv_division_92" in c.signals


@pytest.mark.parametrize(
    "title, kind",
    [
        ("Civil Parking Enforcement Back Office System", "own_use"),
        ("Adult Social Care Digital Blueprint Implementation Support", "own_use"),
        ("Leisure Management Software", "own_use"),
        ("Review of Home to School Transport", "own_use"),
        ("Provision of Internal Audit and Advisory Services", "own_use"),
        ("Homelessness Strategy 2030", "own_use"),
        ("Highways Consultancy Framework - Lot 2", "own_use"),
        ("CCTV Maintenance (Planned and Reactive)", "own_use"),
        ("Servicing and Repair of Fire Alarm Systems", "own_use"),
        ("Temporary Workers", "own_use"),
        ("Supply and Delivery of Road Salt", "goods"),
        ("Primary School Classroom Extension", "works"),
        ("Library Refurbishment", "works"),
    ],
)
def test_the_title_names_an_own_use_subject(title: str, kind: str) -> None:
    subject = subject_of(title)
    assert subject is not None and subject.kind == kind, title
    # Whatever the CPV code says: here a public service (social work, parking).
    for code in ("85000000", "98351110"):
        release = {
            "release": {
                "tag": ["tender"],
                "tender": {
                    "title": title,
                    "mainProcurementCategory": "services",
                    "classification": {"scheme": "CPV", "id": code},
                },
            }
        }
        decision = decide(notice_facts(release))
        assert decision.verdict == "not_outsourcing" and decision.rule == f"notice:subject_{kind}"
        assert title in decision.quote


def test_interpreting_is_a_policy_question_for_staff() -> None:
    # Since round 35: interpreting may be for residents using council services or for the
    # council's own work; blind labellers split, so the flag waits for campaign staff.
    title = "Framework for Interpreting, Translation and Related Support Services"
    subject = subject_of(title)
    assert subject is not None and subject.kind == "language_services"
    release = {
        "release": {
            "tag": ["tender"],
            "tender": {
                "title": title,
                "mainProcurementCategory": "services",
                "classification": {"scheme": "CPV", "id": "79540000"},
            },
        }
    }
    decision = decide(notice_facts(release))
    assert decision.verdict == "outsourcing"
    assert decision.rule == "notice:structure_language_services"
    assert "policy_question:language_services" in decision.signals


@pytest.mark.parametrize(
    "title",
    [
        "Dynamic Purchasing System for the Provision of Transport Services",
        "Carers Strategy Support Service",
        "Supply of Civil Parking Enforcement Services",
        "Grounds Maintenance",
        "Domiciliary Care Services - Lot 1",
        "Extension of the Supported Living Contract",
        "Independent Advice Service",
    ],
)
def test_titles_that_name_a_public_service_are_not_own_use(title: str) -> None:
    assert subject_of(title) is None, title


def test_names_a_service() -> None:
    assert names_a_service("Riverside Substance Use: Treatment Service") == "Treatment Service"
    assert names_a_service("Temporary Workers") is None
    assert names_a_service("Services") is None


def test_the_labelled_procurement_cases_are_read_for_their_structure(shared_dir: Path) -> None:
    cases = [
        json.loads(line)
        for line in (shared_dir / "eval" / "cases.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    notices = [c for c in cases if c["doc_type"] == "procurement"]
    assert len(notices) >= 3
    for case in notices:
        c = classify(case["text"], title=case.get("title"), doc_type="procurement")
        assert FROM_TEXT in c.signals, case["id"]
        assert c.should_flag == case["should_flag"], case["id"]
    # The Find a Tender copy states its notice type in its text.
    typed = [case for case in notices if "UK4:" in case["text"]]
    assert typed


@pytest.mark.parametrize(
    "text",
    [
        "",
        "<p>Notice Title</p><p>Home care</p><p>CPV Codes</p><p>85000000 - Health</p>",
        "Notice Title\n" + "word " * 200_000,
        "CPV Codes\n\ufffd\x00 99999999\n-\n",
    ],
)
def test_bad_notice_text_ends_in_an_assessment(text: str) -> None:
    c = classify(text, doc_type="procurement")
    assert FROM_TEXT in c.signals
    # Something was decided, and said which way: a structural rule or the silent signal.
    assert any(s.startswith("notice:") for s in c.signals)


def test_structure_read_from_text_counts_for_confidence_and_silence_does_not() -> None:
    from monitor.confidence import judge, reading_of_pages

    def confidence(text: str):
        c = classify(text, doc_type="procurement")
        assert c.should_flag
        return judge(c, reading_of_pages([(None, None, text)]), doc_type="procurement")

    stated = confidence(_fts("Services", "85310000 - Social work services"))
    assert "structured fields" in stated.reason and stated.route == "published"
    silent = confidence(
        "Award\n\nHome Care Services in the East Locality\n\nWestbury Council has awarded "
        "contracts for the provision of home care services to adults."
    )
    assert "words only" in silent.reason and silent.value < stated.value


@pytest.mark.parametrize(
    "text, category",
    [
        ("Contract type\n\nSupply contract\n", "goods"),
        ("Contract type: Service contract\n", "services"),
        ("- Type\n- Contract (Works)\n", "works"),
        ("II.1.3) Type of contract\nSupplies\n", "goods"),
        ("- Procurement Category\n- Works\n", "works"),
    ],
)
def test_categories_in_the_shapes_notice_pages_print_them(text: str, category: str) -> None:
    facts = NT.notice_from_text(["Road salt\n\n" + text])
    assert facts.categories == (category,)
    assert facts.category_line
