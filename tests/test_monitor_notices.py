"""Procurement notices decided from structure before words, and one flag per procurement.

The real recorded Find a Tender and Contracts Finder notices are read from ../shared at run
time; the edge cases are small OCDS releases written for these tests (fictional notices).
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from crawlers.ingest import ingest_files
from monitor import cpv_groups as C
from monitor.assess import monitor
from monitor.classify import classify_pages
from monitor.notice_subject import subject_of
from monitor.notices import (
    SAME_PROCUREMENT,
    SILENT_SIGNAL,
    NoticeRow,
    notice_facts,
    procurement_groups,
)
from storage.db import get_engine
from storage.models import Assessment, Record

# ------------------------------------------------------------------------------------------
# The real recorded notices
# ------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def real_notices(
    shared_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> list[tuple[Record, Assessment]]:
    directory = tmp_path_factory.mktemp("notices")
    url = f"sqlite:///{directory / 'oursay.db'}"
    pages = sorted((shared_dir / "fixtures" / "real" / "procurement").glob("*.json"))
    assert ingest_files(pages, out=io.StringIO(), errors=io.StringIO(), database_url=url) == 0
    first = monitor(database_url=url)
    assert first.errors == []
    # A second run reads the same input with the same rules: nothing changes.
    again = monitor(database_url=url)
    assert again.errors == [] and again.assessed == 0 and again.flagged == first.flagged
    with Session(get_engine(url), expire_on_commit=False) as session:
        rows = session.execute(
            select(Record, Assessment)
            .join(Assessment, Assessment.record_id == Record.id)
            .where(Assessment.is_current.is_(True), Record.kind == "notice")
            .order_by(Record.id)
        )
        return [(record, assessment) for record, assessment in rows]


def _categories(record: Record) -> set[str]:
    release = record.data.get("release", {})
    parts = [release.get("tender") or {}, *(release.get("awards") or [])]
    return {p["mainProcurementCategory"] for p in parts if p.get("mainProcurementCategory")}


def test_goods_and_works_notices_are_not_outsourcing(
    real_notices: list[tuple[Record, Assessment]],
) -> None:
    goods_or_works = [
        (r, a) for r, a in real_notices if _categories(r) and _categories(r) <= {"goods", "works"}
    ]
    assert len(goods_or_works) >= 20
    for record, assessment in goods_or_works:
        assert not assessment.is_outsourcing, record.title
        assert not assessment.should_flag, record.title
        rule = next(s for s in assessment.signals if s.startswith("notice:"))
        assert rule.startswith(("notice:category_", "notice:cpv_")), (record.title, rule)


def test_supported_housing_with_social_care_cpv_is_outsourcing(
    real_notices: list[tuple[Record, Assessment]],
) -> None:
    rows = [
        (r, a)
        for r, a in real_notices
        if r.cpv_codes[:1] == ["85311000"] and "services" in _categories(r)
    ]
    assert rows
    for record, assessment in rows:
        assert assessment.is_outsourcing, record.title
        assert "notice:cpv_division_85" in assessment.signals
        structural = [e for e in assessment.evidence if e["rule"] == "notice:cpv_division_85"]
        assert (
            structural
            and "CPV 85311000 Social work services with accommodation" in (structural[0]["quote"])
        )
        assert "mainProcurementCategory=services" in structural[0]["quote"]
    # Its transparency notice and its award notice are one procurement: one flag.
    assert sum(a.should_flag for _, a in rows) == 1


def test_services_for_the_councils_own_use_are_not_outsourcing(
    real_notices: list[tuple[Record, Assessment]],
) -> None:
    own_use = [
        (r, a)
        for r, a in real_notices
        if r.cpv_codes and C.group_of(r.cpv_codes[0]).kind == C.OWN_USE
    ]
    divisions = {r.cpv_codes[0][:2] for r, _ in own_use}
    assert {"71", "72", "79"} <= divisions
    for record, assessment in own_use:
        if any(C.group_of(c).kind == C.PUBLIC for c in record.cpv_codes):
            continue  # mixed codes: the words decide
        assert not assessment.is_outsourcing, (record.title, record.cpv_codes)


def test_passenger_transport_and_waste_are_outsourcing(
    real_notices: list[tuple[Record, Assessment]],
) -> None:
    for division in ("60", "90"):
        rows = [(r, a) for r, a in real_notices if r.cpv_codes and r.cpv_codes[0][:2] == division]
        assert rows, division
        for record, assessment in rows:
            if subject_of(record.title) is not None:
                # Office support for the council itself under a waste code ("Secure
                # Collection ... of Confidential Waste"): its title says so.
                assert not assessment.is_outsourcing, record.title
                continue
            assert assessment.is_outsourcing, record.title
            assert f"notice:cpv_division_{division}" in assessment.signals


def test_one_exercise_of_many_award_notices_gives_one_flag(
    real_notices: list[tuple[Record, Assessment]],
) -> None:
    # One buyer's call-offs published as one contract details notice per route: each has its
    # own ocid, all have the same title and CPV code.
    titles: dict[tuple[str | None, str], list[tuple[Record, Assessment]]] = {}
    for record, assessment in real_notices:
        titles.setdefault((record.buyer_id, record.title), []).append((record, assessment))
    exercise = max(titles.values(), key=len)
    assert len(exercise) >= 10
    assert len({r.ocid for r, _ in exercise}) == len(exercise)
    flagged = [r for r, a in exercise if a.should_flag]
    assert len(flagged) == 1
    newest = max(exercise, key=lambda ra: (ra[0].published_at, ra[0].id))[0]
    assert flagged[0].id == newest.id
    for record, assessment in exercise:
        assert assessment.is_outsourcing
        if record.id != newest.id:
            assert f"{SAME_PROCUREMENT}{newest.id}" in assessment.signals


def test_notices_of_one_ocid_give_one_flag(
    real_notices: list[tuple[Record, Assessment]],
) -> None:
    by_ocid: dict[str, list[Assessment]] = {}
    for record, assessment in real_notices:
        by_ocid.setdefault(record.ocid or "", []).append(assessment)
    shared = [group for group in by_ocid.values() if len(group) > 1]
    assert shared
    for group in shared:
        assert sum(a.should_flag for a in group) <= 1


def test_cancellation_notices_report_and_let_nothing(
    real_notices: list[tuple[Record, Assessment]],
) -> None:
    cancelled = [(r, a) for r, a in real_notices if r.notice_type == "UK12"]
    assert cancelled
    for record, assessment in cancelled:
        assert not assessment.is_outsourcing, record.title
        assert "notice:reports_on_contract_UK12" in assessment.signals
    # A pipeline notice whose procurement was then terminated carries no flag.
    for cancellation, _ in cancelled:
        earlier = [
            a
            for r, a in real_notices
            if r.ocid == cancellation.ocid
            and r.id != cancellation.id
            and r.published_at < cancellation.published_at
        ]
        for assessment in earlier:
            assert not assessment.should_flag
            if assessment.is_outsourcing:
                assert f"{SAME_PROCUREMENT}{cancellation.id}" in assessment.signals


# ------------------------------------------------------------------------------------------
# Project-made releases: edge cases
# ------------------------------------------------------------------------------------------


def _release(
    *,
    category: str | None = None,
    cpv: list[str] = (),
    tag: list[str] = ("tender",),
    notice_type: str | None = None,
) -> dict[str, Any]:
    tender: dict[str, Any] = {"id": "SAMPLE-1", "title": "Sample notice"}
    if category:
        tender["mainProcurementCategory"] = category
    if cpv:
        tender["classification"] = {"scheme": "CPV", "id": cpv[0], "description": ""}
        tender["additionalClassifications"] = [{"scheme": "CPV", "id": c} for c in cpv[1:]]
    return {"release": {"ocid": "ocds-sample-1", "id": "1", "tag": list(tag), "tender": tender}}


def _classify(text: str, notice_type: str | None = None, **release: Any):
    data = _release(notice_type=notice_type, **release)
    return classify_pages(
        [(None, None, text)],
        title=text.split(".")[0],
        doc_type="procurement",
        notice_type=notice_type,
        notice=notice_facts(data, notice_type),
    )


SERVICE_TEXT = (
    "Provision of home care services. The council seeks a provider for home care services."
)


def test_no_category_no_cpv_falls_back_to_the_words() -> None:
    c = _classify(SERVICE_TEXT)
    assert c.is_outsourcing and SILENT_SIGNAL in c.signals
    assert "notice:structure_no_cpv" in c.signals
    c = _classify("Supply of two panel vans. Delivery to the depot.")
    assert not c.is_outsourcing and SILENT_SIGNAL in c.signals


def test_structure_decides_over_the_words() -> None:
    # Services bought for the council's own use: the words say "services", the CPV says
    # architectural services.
    c = _classify(SERVICE_TEXT, category="services", cpv=["71200000"])
    assert not c.is_outsourcing and not c.should_flag
    assert "notice:cpv_division_71" in c.signals and SILENT_SIGNAL not in c.signals
    assert any(e.label == "notice_structure" and "CPV 71200000" in e.quote for e in c.evidence)
    # Goods: whatever the words.
    c = _classify(SERVICE_TEXT, category="goods", cpv=["34100000"])
    assert not c.is_outsourcing and "notice:category_goods" in c.signals
    # A public service with words that name none.
    c = _classify("Lot 2. North area.", category="services", cpv=["90511000"])
    assert c.is_outsourcing and c.should_flag and "notice:cpv_division_90" in c.signals
    assert c.evidence[0].rule == "notice:cpv_division_90"
    assert c.evidence[0].quote.startswith("mainProcurementCategory=services; CPV 90511000")


def test_mixed_structure_is_silent_and_the_words_decide() -> None:
    # Own-use main code with a public-service code beside it.
    c = _classify(SERVICE_TEXT, category="services", cpv=["79400000", "85310000"])
    assert c.is_outsourcing and "notice:structure_cpv_codes_mixed" in c.signals
    assert SILENT_SIGNAL in c.signals
    # A goods category whose main code is a public service.
    c = _classify("Supply of frozen meals.", category="goods", cpv=["85312000"])
    assert "notice:structure_category_contradicts_cpv" in c.signals
    # A CPV group that can go either way (education: pupils or staff).
    c = _classify("Apprenticeship training for staff.", category="services", cpv=["80000000"])
    assert "notice:structure_cpv_group_mixed" in c.signals and not c.is_outsourcing


def test_notice_types_and_contracts_finder_stages() -> None:
    # UK10: a change (extension, variation) of a public-service contract is outsourcing.
    c = _classify("Contract change.", notice_type="UK10", category="services", cpv=["90500000"])
    assert c.is_outsourcing and "contract_change" in c.signals
    # UK9 and UK11 report on a contract.
    for kind in ("UK9", "UK11"):
        c = _classify(SERVICE_TEXT, notice_type=kind, category="services", cpv=["85000000"])
        assert not c.is_outsourcing and f"notice:reports_on_contract_{kind}" in c.signals
    # Contracts Finder: no notice type, the release tag gives the stage.
    c = _classify("Taxi routes.", tag=["award"], category="services", cpv=["60130000"])
    assert c.is_outsourcing
    c = _classify(SERVICE_TEXT, tag=["tenderCancellation"], cpv=["85000000"])
    assert not c.is_outsourcing
    assert "notice:reports_on_contract_tenderCancellation" in c.signals


def test_cpv_groups_follow_the_cpv_structure() -> None:
    assert C.group_of("45000000").kind == C.WORKS
    assert C.group_of("48000000").kind == C.GOODS
    assert C.group_of("03100000").kind == C.GOODS
    assert C.group_of("85311000-2").kind == C.PUBLIC  # check digit ignored
    assert C.group_of("79212000").kind == C.OWN_USE
    assert C.group_of("90500000").kind == C.PUBLIC
    assert C.group_of("90713000").kind == C.OWN_USE  # environmental consultancy
    assert C.group_of("80100000").kind == C.PUBLIC
    assert C.group_of("80511000").kind == C.OWN_USE
    assert C.group_of("63712400").kind == C.PUBLIC
    assert C.group_of("not a code") is None


def test_grouping_needs_a_shared_key() -> None:
    def row(id: int, ocid: str, title: str, buyer: str = "B1", **data: Any) -> NoticeRow:
        return NoticeRow(id, ocid, None, buyer, title, ("60000000",), f"h{id}", data)

    framework = {
        "release": {
            "relatedProcesses": [
                {"relationship": ["framework"], "scheme": "ocid", "identifier": "ocds-fw-1"}
            ]
        }
    }
    groups = procurement_groups(
        [
            row(1, "o-1", "Lot A", **framework),
            row(2, "o-2", "Lot B", **framework),
            row(3, "o-3", "Home to school transport routes"),
            row(4, "o-4", "Home to school transport routes - AWARD"),
            row(5, "o-5", "Home to school transport routes", buyer="B2"),
            row(6, "o-6", "Lot A"),  # a short title names no procurement
        ]
    )
    assert groups[1].members == (1, 2) and groups[1].reasons == ("framework",)
    assert groups[3].members == (3, 4)
    assert 5 not in groups and 6 not in groups


# ------------------------------------------------------------------------------------------
# The monitor over project-made releases: a framework's call-offs, and a newer one arriving
# ------------------------------------------------------------------------------------------


def _call_off(number: int, day: int) -> dict[str, Any]:
    notice_id = f"{900000 + number}-2026"
    return {
        "ocid": f"ocds-h6vhtk-sample{number}",
        "id": notice_id,
        "date": f"2026-03-{day:02d}T10:00:00Z",
        "tag": ["award", "contract"],
        "buyer": {"id": "GB-SAMPLE-KENT", "name": "Kent County Council"},
        "parties": [
            {"id": "GB-SAMPLE-KENT", "name": "Kent County Council", "roles": ["buyer"]},
        ],
        "relatedProcesses": [
            {
                "id": "1",
                "relationship": ["framework"],
                "scheme": "ocid",
                "identifier": "ocds-h6vhtk-sampleframework",
            }
        ],
        "tender": {"id": f"SAMPLE-CALL-OFF-{number}", "title": f"Sample call-off {number}"},
        "awards": [
            {
                "id": "1",
                "mainProcurementCategory": "services",
                "items": [
                    {
                        "id": "1",
                        "additionalClassifications": [
                            {
                                "scheme": "CPV",
                                "id": "85312000",
                                "description": "Social work services without accommodation",
                            }
                        ],
                    }
                ],
            }
        ],
        "contracts": [
            {
                "id": "1",
                "awardID": "1",
                "documents": [
                    {"id": notice_id, "noticeType": "UK7", "documentType": "contractNotice"}
                ],
            }
        ],
    }


def _ingest(path: Path, database: str) -> int:
    return ingest_files([path], out=io.StringIO(), errors=io.StringIO(), database_url=database)


def _write(path: Path, releases: list[dict[str, Any]]) -> Path:
    path.write_text(json.dumps({"releases": releases}), encoding="utf-8")
    return path


def test_call_offs_of_one_framework_carry_one_flag_and_it_moves_to_the_newest(
    database: str, tmp_path: Path
) -> None:
    first = _write(tmp_path / "first.json", [_call_off(1, 3), _call_off(2, 5), _call_off(3, 4)])
    assert _ingest(first, database) == 0
    assert monitor(database_url=database).errors == []

    def state() -> dict[str, Assessment]:
        with Session(get_engine(database)) as session:
            return {
                r.source_key.split("/")[0][-1]: a
                for r, a in session.execute(
                    select(Record, Assessment).join(
                        Assessment,
                        (Assessment.record_id == Record.id) & Assessment.is_current.is_(True),
                    )
                )
            }

    now = state()
    assert all(a.is_outsourcing for a in now.values())
    assert [k for k, a in sorted(now.items()) if a.should_flag] == ["2"]  # the newest
    bearer = now["2"].record_id
    assert f"{SAME_PROCUREMENT}{bearer}" in now["1"].signals
    assert f"{SAME_PROCUREMENT}{bearer}" in now["3"].signals

    later = _write(tmp_path / "later.json", [_call_off(4, 20)])
    assert _ingest(later, database) == 0
    result = monitor(database_url=database)
    assert result.errors == [] and result.flagged == 1
    now = state()
    assert [k for k, a in sorted(now.items()) if a.should_flag] == ["4"]
    assert f"{SAME_PROCUREMENT}{now['4'].record_id}" in now["2"].signals


def test_titles_naming_an_own_use_subject_outweigh_service_codes(
    real_notices: list[tuple[Record, Assessment]],
) -> None:
    # Real notices coded as a public service (or a group that can go either way) whose title
    # names a system, consultancy, advice, maintenance of equipment or implementation support.
    rows = [
        (r, a)
        for r, a in real_notices
        if not (_categories(r) and _categories(r) <= {"goods", "works"})
        and any(C.group_of(code).kind in (C.PUBLIC, C.MIXED) for code in r.cpv_codes)
        and subject_of(r.title) is not None
    ]
    assert len(rows) >= 4
    for record, assessment in rows:
        assert not assessment.is_outsourcing and not assessment.should_flag, record.title
        rule = next(s for s in assessment.signals if s.startswith("notice:subject_"))
        quote = next(e["quote"] for e in assessment.evidence if e["rule"] == rule)
        assert record.title in quote


# ------------------------------------------------------------------------------------------
# One-off jobs: a contract of a month at most waits for staff review
# ------------------------------------------------------------------------------------------


def _with_period(days: int) -> dict[str, Any]:
    data = _release(category="services", cpv=["90922000"], tag=["award", "contract"])
    data["release"]["contracts"] = [
        {"id": "1", "period": {"startDate": "2026-08-17T00:00:00+01:00", "durationInDays": days}}
    ]
    return data


@pytest.mark.parametrize(("days", "held"), [(21, True), (31, True), (32, False), (730, False)])
def test_a_one_off_job_is_held_for_review(days: int, held: bool) -> None:
    from monitor.confidence import judge, reading_of_pages

    pages = [(None, None, "Pest control at the market hall.")]
    c = classify_pages(
        pages, title="Pest control", doc_type="procurement", notice=notice_facts(_with_period(days))
    )
    assert c.is_outsourcing and c.should_flag
    assert ("policy_question:one_off_job" in c.signals) is held
    route = judge(c, reading_of_pages(pages), doc_type="procurement").route
    assert (route == "needs_review") is held
    if held:
        quote = next(e.quote for e in c.evidence if e.rule == "notice:cpv_division_90")
        assert f"a contract of {days} days: a one-off job" in quote


def test_notice_facts_read_the_longest_contract_period() -> None:
    data = _release(category="services", cpv=["85311000"])
    data["release"]["tender"]["contractPeriod"] = {
        "startDate": "2026-01-01T00:00:00Z",
        "endDate": "2026-01-15T00:00:00Z",
    }
    data["release"]["awards"] = [
        {"id": "1", "contractPeriod": {"startDate": "2026-01-01", "endDate": "2028-01-01"}}
    ]
    assert notice_facts(data).days == 730
    data["release"]["awards"] = [{"id": "1", "contractPeriod": {"startDate": "not a date"}}]
    assert notice_facts(data).days == 14
    assert notice_facts(_release(category="services")).days is None


def test_real_one_off_jobs_are_held_and_longer_contracts_are_not(
    real_notices: list[tuple[Record, Assessment]],
) -> None:
    held = [
        (r, a)
        for r, a in real_notices
        if a.is_outsourcing
        and notice_facts(r.data).days is not None
        and notice_facts(r.data).days <= 31
    ]
    assert held  # the recorded pages hold such jobs (a site cleared, a pest treatment)
    for record, assessment in held:
        assert "policy_question:one_off_job" in assessment.signals, record.title
        assert assessment.publish_state != "published", record.title
    longer = [
        (r, a)
        for r, a in real_notices
        if a.is_outsourcing and (notice_facts(r.data).days or 0) > 31
    ]
    assert longer and all("policy_question:one_off_job" not in a.signals for _, a in longer)
