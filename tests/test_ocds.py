"""Normalising OCDS releases: every real recorded page in ../shared, and the repairs the
procurement services need (invalid JSON numbers, broken UTF-8, mojibake)."""

from __future__ import annotations

import json
import re
from dataclasses import asdict
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from crawlers.buyers import BuyerMatcher
from crawlers.items import RecordItem
from crawlers.ocds import (
    InvalidJSON,
    clean_text,
    iter_releases,
    normalise_release,
    parse_datetime,
    parse_json,
    scrub,
    source_for_ocid,
)
from crawlers.sim.procurement import CF_SAMPLE, FTS_SAMPLE, SAMPLE_COUNCILS_CSV
from storage.councils import load_registry

PERSONAL_KEYS = re.compile(r'"(contactPoint|email|telephone|faxNumber)"')
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")


@pytest.fixture(scope="module")
def matcher() -> BuyerMatcher:
    return BuyerMatcher(load_registry())


@pytest.fixture(scope="module")
def procurement_dir(shared_dir: Path) -> Path:
    return shared_dir / "fixtures" / "real" / "procurement"


def normalise_file(path: Path, matcher: BuyerMatcher) -> tuple[list[Any], list[RecordItem]]:
    releases = list(iter_releases(parse_json(path.read_bytes()).value))
    items = []
    for release in releases:
        source = source_for_ocid(release["ocid"])
        assert source is not None, release["ocid"]
        item = normalise_release(release, source=source, matcher=matcher)
        if item is not None:
            items.append(item)
    return releases, items


def by_release(items: list[RecordItem]) -> dict[str, RecordItem]:
    return {item.release_id: item for item in items if item.release_id}


def stored_text(item: RecordItem) -> str:
    return json.dumps(asdict(item), default=str, ensure_ascii=False)


# --- every real page ---------------------------------------------------------------------


def test_every_real_page_normalises_cleanly(procurement_dir: Path, matcher: BuyerMatcher) -> None:
    pages = sorted(procurement_dir.glob("*.json"))
    assert len(pages) == 7, [p.name for p in pages]
    stored = 0
    for page in pages:
        releases, items = normalise_file(page, matcher)
        stored += len(items)
        assert len(items) <= len(releases)
        for item in items:
            release = next(r for r in releases if str(r["id"]) == item.release_id)
            assert item.source_key == f"{release['ocid']}/{release['id']}"
            assert item.kind == "notice"
            assert item.source == source_for_ocid(item.ocid)
            assert item.council_code and item.title
            assert item.published_at is not None and item.published_at.tzinfo is not None
            assert item.url and item.url.startswith(
                ("https://www.find-tender", "https://www.contr")
            )
            assert item.value_amount is None or isinstance(item.value_amount, Decimal)
            # ``data`` goes into a JSON column as it is.
            json.dumps(item.data)
            # Officers' contact details are gone from everything kept, key and text alike.
            text = stored_text(item)
            assert not PERSONAL_KEYS.search(text), item.source_key
            assert not EMAIL.search(text), (item.source_key, EMAIL.search(text))
    assert stored > 150


def test_cambridge_leisure_estate_award(procurement_dir: Path, matcher: BuyerMatcher) -> None:
    page = procurement_dir / "fts_releasepackage_page_2026-08-12_p1_councils_leisure_fm.json"
    releases, items = normalise_file(page, matcher)
    assert len(releases) == 100
    award = by_release(items)["076973-2026"]
    assert award.council_code == "CAB"
    assert award.source == "find-a-tender"
    assert award.source_key == "ocds-h6vhtk-050998/076973-2026"
    assert award.notice_type == "UK6" and award.regime == "UKPGA"
    assert award.title == "Cambridge City Counce - Leisure Estate Management"  # sic
    assert "Jesus Green Lido" in award.description
    assert award.url == "https://www.find-tender.service.gov.uk/Notice/076973-2026"
    assert award.published_at == datetime(2026, 8, 12, 16, 12, 4, tzinfo=UTC)
    assert award.buyer_name == "Cambridge City Council"
    assert award.buyer_id == "GB-PPON-PCBT-6819-NDPJ"
    assert award.value_amount == Decimal("19922361") and award.value_currency == "GBP"
    assert award.data["value"] == {
        "amount": "19922361",
        "currency": "GBP",
        "source": "award",
        "basis": "net",
        "amount_gross": "23906833",
        "count": 1,
    }
    assert award.suppliers == [
        {"id": "GB-PPON-PDGW-6391-PLVW", "name": "Greenwich Leisure Limited"}
    ]
    assert award.cpv_codes == ["92610000"]
    assert award.data["tag"] == ["award", "contract"]
    assert award.data["procurement_method_details"] == "Competitive flexible procedure"
    assert award.data["lots"][0]["id"] == "1"
    assert award.data["buyer_match"] in ("identifier", "name")
    # The bidders' statistics survive in the trimmed release; the e-mails do not.
    release = award.data["release"]
    assert release["bids"]["statistics"][0] == {
        "id": "1", "measure": "bids", "value": 2, "relatedLot": "1",
    }  # fmt: skip
    assert all("contactPoint" not in party for party in release["parties"])
    assert "procurement@cambridge.gov.uk" not in stored_text(award)
    # Other council notices on the page.
    watford = by_release(items)["076992-2026"]
    assert (watford.council_code, watford.notice_type) == ("WAT", "UK4")
    assert "Hard Facilities Management" in watford.title
    assert by_release(items)["076898-2026"].notice_type == "UK7"


def test_boston_and_south_holland_direct_awards(
    procurement_dir: Path, matcher: BuyerMatcher
) -> None:
    page = procurement_dir / (
        "fts_releasepackage_page_2026-08-12_p5_council_cultural_services_direct_award.json"
    )
    _, items = normalise_file(page, matcher)
    found = by_release(items)
    boston, south_holland = found["076527-2026"], found["076525-2026"]
    assert (boston.council_code, boston.notice_type) == ("BOT", "UK5")
    assert (south_holland.council_code, south_holland.notice_type) == ("SHO", "UK5")
    for notice in (boston, south_holland):
        assert notice.title == "Cultural Services Delivery and Management of Cultural Assets"
        assert notice.suppliers == [{"id": "GB-COH-09078400", "name": "MAGNA VITAE"}]
        assert notice.data["procurement_method_details"] == "Direct award"
        # Why the direct award was made is part of the text the monitor reads.
        assert "option appraisal" in notice.description
    assert boston.value_amount == Decimal("7605000")
    assert south_holland.value_amount == Decimal("7202000")
    # The supplier's and the procurement agent's e-mails are gone too.
    assert "sally.topham" not in stored_text(boston)
    assert "pspsl.co.uk" not in stored_text(boston)


def test_unlimited_numbers_kept_as_text(procurement_dir: Path, matcher: BuyerMatcher) -> None:
    page = procurement_dir / (
        "fts_releasepackage_page_2026-08-12_p5_council_cultural_services_direct_award.json"
    )
    parsed = parse_json(page.read_bytes())
    assert parsed.repairs == ["non-finite-number"]
    release = next(r for r in parsed.value["releases"] if r["id"] == "076592-2026")
    assert release["tender"]["lotDetails"]["maximumLotsBidPerSupplier"] == "1e9999"
    assert release["tender"]["techniques"]["frameworkAgreement"]["maximumParticipants"] == "1e9999"


def test_westmorland_waste_pipeline_then_stub_without_buyer(
    procurement_dir: Path, matcher: BuyerMatcher
) -> None:
    page = procurement_dir / (
        "fts_releasepackage_page_2026-08-11_p3_council_waste_pipeline_termination.json"
    )
    releases, items = normalise_file(page, matcher)
    stub_release = next(r for r in releases if r["id"] == "076258-2026")
    assert "buyer" not in stub_release
    found = by_release(items)
    pipeline, stub = found["076252-2026"], found["076258-2026"]
    assert (pipeline.council_code, pipeline.notice_type) == ("WAF", "UK1")
    assert (stub.council_code, stub.notice_type) == ("WAF", "UK12")
    for notice in (pipeline, stub):
        assert notice.title == "Residual Waste Services for Eden Area"
    # The buyer comes from the party with the role "buyer".
    assert stub.buyer_name == "Westmorland and Furness Council"
    assert stub.buyer_id == "GB-PPON-PYYD-1758-YNVR"
    assert stub.status == "withdrawn"
    assert "Council Strategy has changed" in stub.description
    assert "maxine.moran" not in stored_text(stub)
    sutton = found["076169-2026"]
    assert (sutton.council_code, sutton.notice_type) == ("STN", "UK4")
    assert "Soft Facilities Management" in sutton.title


def test_operator_opportunity_and_green_waste(procurement_dir: Path, matcher: BuyerMatcher) -> None:
    page = procurement_dir / (
        "fts_releasepackage_page_2026-08-12_p4_council_asset_operator_green_waste.json"
    )
    _, items = normalise_file(page, matcher)
    found = by_release(items)
    hotel = found["076599-2026"]
    assert hotel.council_code == "DGY"
    assert hotel.title == "George Hotel, Stranraer – Operator Opportunity"
    # A legacy notice: no UK notice type, EU regime, an FTS buyer id.
    assert (hotel.notice_type, hotel.regime, hotel.buyer_id) == (None, "CELEX", "GB-FTS-1510")
    swansea = found["076627-2026"]
    assert (swansea.council_code, swansea.notice_type) == ("SWA", "UK6")
    assert found["076618-2026"].council_code == "VGL"


def test_terminal_page_has_no_next_link(procurement_dir: Path, matcher: BuyerMatcher) -> None:
    page = procurement_dir / "fts_releasepackage_terminal_page_no_links.json"
    package = parse_json(page.read_bytes()).value
    assert "links" not in package
    releases, items = normalise_file(page, matcher)
    assert len(releases) == 37
    assert items and all(i.published_at and i.published_at.year == 2026 for i in items)


def test_empty_stages_page_yields_nothing(procurement_dir: Path, matcher: BuyerMatcher) -> None:
    page = procurement_dir / "fts_releasepackage_empty_stages_combo.json"
    package = parse_json(page.read_bytes()).value
    assert package["releases"] == [] and "links" not in package
    assert normalise_file(page, matcher) == ([], [])


def test_contracts_finder_page(procurement_dir: Path, matcher: BuyerMatcher) -> None:
    page = procurement_dir / "cf_search_page_2025-01-20_2025-01-23_limit100.json"
    releases, items = normalise_file(page, matcher)
    assert len(releases) == 100
    assert all(i.source == "contracts-finder" and i.regime == "PCR2015" for i in items)
    # Durham County Council by its GB-LAE register code.
    durham = next(i for i in items if i.buyer_id == "GB-LAE-DUR")
    assert durham.council_code == "DUR" and durham.data["buyer_match"] == "identifier"
    assert "Crowd Management" in durham.title
    assert durham.url == (
        "https://www.contractsfinder.service.gov.uk/Notice/aac989dd-14c8-47fa-8c45-87435ca201cb"
    )
    assert durham.cpv_codes == ["75240000", "79710000"]
    assert "zoe.embleton" not in stored_text(durham)
    # Mojibake repaired, readable text kept.
    text = "\n".join(i.description for i in items)
    assert "Â£" not in text and "â€" not in text
    assert "deliver a £4.5m programme" in text  # Harrow
    assert "•\tChildren, Young People" in text and "£120,00 (one hundred" in text
    merton = next(i for i in items if i.title == "Parking Pilot - CEO")
    assert (merton.council_code, merton.value_amount) == ("MRT", Decimal("93007"))
    assert "framework.\u202f The initial" in merton.description
    # Parish and town councils, universities and the like are not stored.
    buyers = {i.buyer_name for i in items}
    assert "Lancing Parish Council" not in buyers and "Thame Town Council" not in buyers
    assert "Durham University" not in buyers
    lancing = next(r for r in releases if r["buyer"]["name"] == "Lancing Parish Council")
    assert normalise_release(lancing, source="contracts-finder", matcher=matcher) is None


# --- the project's own sample releases ---------------------------------------------------


def test_sample_releases_need_the_sample_councils(monkeypatch: pytest.MonkeyPatch) -> None:
    assert normalise_file(FTS_SAMPLE, BuyerMatcher(load_registry()))[1] == []
    monkeypatch.setenv("OURSAY_EXTRA_COUNCILS", str(SAMPLE_COUNCILS_CSV))
    sample_matcher = BuyerMatcher(load_registry())
    releases, items = normalise_file(FTS_SAMPLE, sample_matcher)
    assert len(releases) == 13 and len(items) == 11
    assert {i.council_code for i in items} == {"EXA", "SMP"}
    assert all("(sample)" in i.title for i in items)
    kinds = {i.release_id: i.notice_type for i in items}
    assert kinds["990102-2026"] == "UK6" and kinds["990104-2026"] == "UK5"
    assert kinds["990105-2026"] == "UK11" and kinds["990103-2026"] == "UK7"
    _, cf_items = normalise_file(CF_SAMPLE, sample_matcher)
    assert len(cf_items) == 4
    day = next(i for i in cf_items if i.title.startswith("Day Opportunities"))
    assert "£450,000" in day.description and "•\tThree day centres" in day.description
    for item in items + cf_items:
        assert "1632" not in stored_text(item)  # the fictional phone numbers
        assert not EMAIL.search(stored_text(item))


# --- reading tolerantly ------------------------------------------------------------------


def test_parse_json_repairs() -> None:
    parsed = parse_json(b'{"a": 1e9999, "b": -Infinity, "c": 1.5}')
    assert parsed.value == {"a": "1e9999", "b": "-Infinity", "c": 1.5}
    assert parsed.repairs == ["non-finite-number"]
    # kingfisher-collect #1270: "amount": 000 — but digits inside strings are left alone.
    parsed = parse_json(b'{"value": {"amountGross": 000, "amount": 0012}, "id": "000-12"}')
    assert parsed.value == {"value": {"amountGross": 0, "amount": 12}, "id": "000-12"}
    assert parsed.repairs == ["leading-zero-number"]
    # kingfisher-collect #1004: a double-encoded en dash cut into invalid UTF-8.
    parsed = parse_json(b'{"t": "Rushmere Country Park \xc3\xa2\x80\x93 walks"}')
    assert parsed.repairs == ["invalid-utf8"]
    assert scrub(parsed.value) == {"t": "Rushmere Country Park – walks"}
    assert parse_json("\ufeff[]".encode()).value == []
    with pytest.raises(InvalidJSON, match="invalid JSON"):
        parse_json(b'{"releases": [')


def test_clean_text_and_scrub() -> None:
    assert clean_text("worth Â£3 million") == "worth £3 million"
    assert clean_text("Café “quoted” – £5") == "Café “quoted” – £5"
    assert clean_text("line\r\nnext") == "line\r\nnext"
    assert clean_text("write to jo.bloggs@example.gov.uk today") == (
        "write to [email removed] today"
    )
    party = {"name": "X", "contactPoint": {"email": "a@b.c"}, "additionalContactPoints": [{}]}
    assert scrub({"parties": [party], "telephone": "1", "faxNumber": "2"}) == {
        "parties": [{"name": "X"}]
    }


def test_iter_releases_shapes() -> None:
    release = {"ocid": "ocds-h6vhtk-000001", "id": "000001-2026", "tag": ["tender"]}
    newer = {**release, "id": "000002-2026"}
    assert list(iter_releases({"releases": [release]})) == [release]
    assert list(iter_releases(release)) == [release]
    assert list(iter_releases([release, {"releases": [newer]}])) == [release, newer]
    compiled = {"ocid": "ocds-h6vhtk-000001", "id": "compiled", "tag": ["compiled"]}
    records = {"records": [{"ocid": "x", "compiledRelease": compiled, "releases": [release]}]}
    assert list(iter_releases(records)) == [compiled]
    linked = {"url": "https://example.org/r.json", "date": "2026-01-01", "tag": ["tender"]}
    embedded = {"records": [{"ocid": "x", "releases": [linked, release, newer]}]}
    assert list(iter_releases(embedded)) == [release, newer]
    with pytest.raises(ValueError, match="not an OCDS"):
        list(iter_releases({"hello": "world"}))


def test_parse_datetime_uses_uk_time_without_offset() -> None:
    assert parse_datetime("2026-08-12T10:00:00") == datetime(2026, 8, 12, 9, tzinfo=UTC)
    assert parse_datetime("2026-01-12T10:00:00") == datetime(2026, 1, 12, 10, tzinfo=UTC)
    assert parse_datetime("2026-08-12T10:00:00Z") == datetime(2026, 8, 12, 10, tzinfo=UTC)
    assert parse_datetime("2026-08-12") == datetime(2026, 8, 11, 23, tzinfo=UTC)
    assert parse_datetime("soon") is None and parse_datetime(None) is None
