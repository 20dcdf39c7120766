"""The council registry: its data file, its loader, and that the file is what the build makes."""

from __future__ import annotations

import csv
import re
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from storage import build_registry
from storage.councils import (
    COLUMNS,
    DEFAULT_PATH,
    EXTRA_ENV,
    CouncilEntry,
    load_registry,
    read_csv,
    registry_by_code,
)

GSS = re.compile(r"^[ENSW][0-9]{8}$")


@pytest.fixture(autouse=True)
def _no_extra_councils(monkeypatch: pytest.MonkeyPatch) -> None:
    # The registry tests are about the committed file, whatever the caller's environment.
    monkeypatch.delenv(EXTRA_ENV, raising=False)


# A fixed day: the registry's history (Surrey's councils end on 31 March 2027, East and West
# Surrey vest on 1 April 2027) makes "current" depend on the date.
BEFORE_SURREY = date(2026, 12, 7)


@pytest.fixture(scope="module")
def registry() -> list[CouncilEntry]:
    return [entry for entry in read_csv(DEFAULT_PATH) if entry.in_force(BEFORE_SURREY)]


def test_header_is_the_documented_column_order() -> None:
    with DEFAULT_PATH.open(encoding="utf-8", newline="") as handle:
        assert next(csv.reader(handle)) == COLUMNS


def test_every_current_principal_council_once(registry: list[CouncilEntry]) -> None:
    assert 380 <= len(registry) <= 400
    codes = [c.code for c in registry]
    assert len(set(codes)) == len(codes)
    gss = [c.gss_code for c in registry]
    assert all(GSS.match(g) for g in gss), [g for g in gss if not GSS.match(g)]
    assert len(set(gss)) == len(gss)


def test_nations_and_types(registry: list[CouncilEntry]) -> None:
    nations = Counter(c.nation for c in registry)
    assert set(nations) == {"England", "Scotland", "Wales", "Northern Ireland"}
    assert (nations["Scotland"], nations["Wales"], nations["Northern Ireland"]) == (32, 22, 11)
    for council in registry:
        assert council.gss_code[0] == council.nation[0]  # E/S/W/N prefixes match the nation
    types = Counter(c.type for c in registry)
    assert set(types) == {"CTY", "NMD", "UA", "MD", "LBO", "CC", "SCO", "WPA", "NID"}
    assert types["LBO"] + types["CC"] == 33  # the London boroughs and the City of London


def test_no_combined_authorities_or_lower_bodies(registry: list[CouncilEntry]) -> None:
    for council in registry:
        assert not re.search(
            r"(?i)combined|greater london authority|parish|town council", council.name
        )


@pytest.mark.parametrize(
    ("code", "gss", "name", "nation"),
    [
        ("KEN", "E10000016", "Kent County Council", "England"),
        ("LND", "E09000001", "City of London Corporation", "England"),
        ("IOS", "E06000053", "Council of the Isles of Scilly", "England"),
        ("EDH", "S12000036", "City of Edinburgh Council", "Scotland"),
        ("CRF", "W06000015", "City of Cardiff Council", "Wales"),
        ("BFS", "N09000003", "Belfast City Council", "Northern Ireland"),
    ],
)
def test_known_rows(code: str, gss: str, name: str, nation: str) -> None:
    council = registry_by_code()[code]
    assert (council.gss_code, council.name, council.nation) == (gss, name, nation)


def test_kent_is_on_moderngov() -> None:
    kent = registry_by_code()["KEN"]
    assert kent.platform == "moderngov"
    assert kent.base_url == "https://democracy.kent.gov.uk"
    assert kent.verify_tls is True and kent.browser is False
    assert "Kent" in kent.alt_names


def test_cambridge_and_cambridgeshire_keep_their_own_sites() -> None:
    # A scraped list maps "Cambridgeshire" to the City's or South Cambridgeshire's site.
    by_code = registry_by_code()
    assert by_code["CAB"].base_url == "https://democracy.cambridge.gov.uk"
    assert by_code["CAM"].platform == "cmis"
    assert "cambridgeshire.cmis.uk.com" in by_code["CAM"].base_url
    assert by_code["SCA"].base_url == "https://scambs.moderngov.co.uk"


def test_base_urls_are_bases(registry: list[CouncilEntry]) -> None:
    for council in registry:
        if council.platform == "unknown":
            assert council.base_url == ""
            continue
        url = council.base_url
        assert re.match(r"^https?://[a-z0-9.-]+(/[^?#]*)?$", url), url
        assert not url.endswith("/"), url
        if council.platform in ("moderngov", "cmis"):
            # No page name: the crawler appends mgWebService.asmx, ieListMeetings.aspx, …
            assert not re.search(r"\.(aspx?|asmx|html?)$", url, re.I), url


def test_platforms_are_known_values(registry: list[CouncilEntry]) -> None:
    platforms = Counter(c.platform for c in registry)
    assert set(platforms) <= {"moderngov", "cmis", "other", "unknown"}
    assert platforms["moderngov"] > 250  # most councils run ModernGov


def test_alt_names_are_clean(registry: list[CouncilEntry]) -> None:
    for council in registry:
        for name in council.alt_names:
            assert name and name == name.strip()
            assert "\ufffd" not in name and "ï¿" not in name, (council.code, name)


def test_extra_councils_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    extra = tmp_path / "extra.csv"
    with extra.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerow(
            {
                "code": "ZZS",
                "gss_code": "",
                "name": "Sampleshire District Council (sample)",
                "nice_name": "Sampleshire",
                "nation": "England",
                "type": "NMD",
                "platform": "moderngov",
                "base_url": "http://127.0.0.1:8000/",
                "verify_tls": "false",
                "browser": "",
                "alt_names": "Sampleshire|Sampleshire DC",
                "source": "sample",
            }
        )
    base = len(load_registry())
    monkeypatch.setenv(EXTRA_ENV, str(extra))
    councils = load_registry()
    assert len(councils) == base + 1
    sample = registry_by_code()["ZZS"]
    assert sample.base_url == "http://127.0.0.1:8000"
    assert sample.verify_tls is False and sample.browser is False
    assert sample.alt_names == ("Sampleshire", "Sampleshire DC")
    monkeypatch.delenv(EXTRA_ENV)
    assert "ZZS" not in registry_by_code()


def test_bad_extra_file_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("code,name,platform\nZZX,Nowhere Council,sharepoint\n", encoding="utf-8")
    with pytest.raises(ValueError, match="platform"):
        read_csv(bad)


def test_committed_csv_is_the_build_output(shared_dir: Path) -> None:
    registry_dir = shared_dir / "fixtures" / "real" / "councils" / "registry"
    rows, _notes = build_registry.build(registry_dir)
    assert build_registry.render(rows) == DEFAULT_PATH.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("url", "base"),
    [
        ("https://democracy.kent.gov.uk/", "https://democracy.kent.gov.uk"),
        (
            "https://cds.bromley.gov.uk/mgMemberIndex.aspx?FN=ALPHA&VW=LIST&PIC=0",
            "https://cds.bromley.gov.uk",
        ),
        ("https://www.southampton.gov.uk/moderngov/", "https://www.southampton.gov.uk/moderngov"),
        (
            "https://democracy.devon.gov.uk/mgCalendarMonthView.aspx/",
            "https://democracy.devon.gov.uk",
        ),
    ],
)
def test_moderngov_base(url: str, base: str) -> None:
    assert build_registry.moderngov_base(url) == base


@pytest.mark.parametrize(
    ("url", "base"),
    [
        (
            "https://cambridgeshire.cmis.uk.com/ccc_live/Councillors.aspx",
            "https://cambridgeshire.cmis.uk.com/ccc_live",
        ),
        (
            "https://democracy.derby.gov.uk/cmis5/Councillors/tabid/62/ScreenMode/Alphabetical/Default.aspx",
            "https://democracy.derby.gov.uk/cmis5",
        ),
        (
            "https://committees.sunderland.gov.uk/committees/cmis5/Members.aspx",
            "https://committees.sunderland.gov.uk/committees/cmis5",
        ),
        ("https://cmis.norwich.gov.uk/live/Councillors.aspx", "https://cmis.norwich.gov.uk/live"),
    ],
)
def test_cmis_base(url: str, base: str) -> None:
    assert build_registry.cmis_base(url) == base
