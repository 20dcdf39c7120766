"""The registry's history (dates, successors), its overrides file and crawlability."""

from __future__ import annotations

import csv
import io
import json
from contextlib import redirect_stderr
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from oursay.council_list import list_councils
from storage import build_registry
from storage.councils import EXTRA_ENV, current_councils, read_csv, registry_by_code
from storage.db import get_engine
from storage.models import Council
from storage.overrides import apply_overrides, load_overrides

SURREY_DISTRICTS = {"ELM", "EPS", "GRT", "MOL", "REI", "RUN", "SPE", "SUR", "TAN", "WAE", "WOI"}
LAST_DAY = date(2027, 3, 31)
VESTING_DAY = date(2027, 4, 1)


@pytest.fixture(autouse=True)
def _no_extra_councils(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(EXTRA_ENV, raising=False)


def test_surrey_reorganisation_follows_the_date() -> None:
    before = {c.code for c in current_councils(LAST_DAY)}
    after = {c.code for c in current_councils(VESTING_DAY)}
    assert SURREY_DISTRICTS | {"SRY"} <= before
    assert not (SURREY_DISTRICTS | {"SRY"}) & after
    assert {"ESR", "WSR"} <= after and not {"ESR", "WSR"} & before
    assert len(before) == 382 and len(after) == 382 - 12 + 2
    by_code = registry_by_code()
    successors = {s for code in SURREY_DISTRICTS for s in by_code[code].successors}
    assert successors == {"ESR", "WSR"}
    assert by_code["SRY"].successors == ("ESR", "WSR")
    assert by_code["ESR"].start_date == VESTING_DAY and by_code["ESR"].end_date is None


def test_crawlability_reasons_on_fixed_dates() -> None:
    by_code = registry_by_code()
    assert by_code["KEN"].crawlability(LAST_DAY) == (True, "")
    crawlable, reason = by_code["GRT"].crawlability(VESTING_DAY)
    assert not crawlable and reason == "ended 2027-03-31 (succeeded by WSR)"
    crawlable, reason = by_code["ESR"].crawlability(LAST_DAY)
    assert not crawlable and "not in force until 2027-04-01" in reason
    # robots.txt refusals come from SectorTrace's verification, per host
    assert by_code["WIL"].robots == "disallowed"
    assert by_code["WIL"].crawlability(LAST_DAY) == (
        False, "robots.txt disallows crawling its committee site")  # fmt: skip
    assert by_code["ZET"].crawlability(LAST_DAY)[1].startswith("unknown platform")
    # a bot wall is crawled through the browser: still crawlable
    assert by_code["TAW"].browser and by_code["TAW"].crawlability(LAST_DAY)[0]


def test_issue_fixes_are_in_the_registry() -> None:
    by_code = registry_by_code()
    assert by_code["BNS"].gss_code == "E08000038"
    assert by_code["SHF"].gss_code == "E08000039"
    assert by_code["HNS"].base_url == "https://democraticservices.hounslow.gov.uk"
    assert by_code["WNT"].browser and by_code["TAW"].browser
    assert by_code["CBF"].platform == "moderngov" and by_code["CBF"].base_url
    assert by_code["MOL"].platform == "moderngov"
    assert not by_code["BDG"].verify_tls and by_code["KEN"].verify_tls
    assert "overrides" in by_code["BNS"].source


def test_every_override_has_a_source_and_verified_date() -> None:
    overrides = load_overrides()
    assert overrides.fixes and overrides.councils
    for fix in overrides.fixes:
        assert fix.source and fix.verified <= date(2026, 12, 31)


def _rows() -> list[dict[str, str]]:
    return [
        {"code": "AAA", "name": "A Council", "gss_code": "E1", "platform": "unknown",
         "base_url": "", "source": "mysociety", "successors": "", "browser": "false"},
    ]  # fmt: skip


def _overrides(tmp_path: Path, text: str):
    path = tmp_path / "overrides.toml"
    path.write_text(text, encoding="utf-8")
    return load_overrides(path)


def test_a_fix_is_applied_with_its_source(tmp_path: Path) -> None:
    fixed = apply_overrides(_rows(), _overrides(tmp_path, (
        '[[fix]]\ncode = "AAA"\nset = { browser = true, base_url = "https://a.example" }\n'
        'source = "a phone call"\nverified = "2026-12-01"\n')))  # fmt: skip
    assert fixed[0]["browser"] == "true" and fixed[0]["base_url"] == "https://a.example"
    assert fixed[0]["source"] == "mysociety; overrides"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[[fix]]\ncode = "AAA"\nset = { gss_code = "E1" }\nsource = "x"\n'
         'verified = "2026-01-01"\n',
         "changes nothing"),
        ('[[fix]]\ncode = "ZZZ"\nset = { gss_code = "E2" }\nsource = "x"\n'
         'verified = "2026-01-01"\n',
         "not in the registry"),
        ('[[fix]]\ncode = "AAA"\nset = { gss_code = "E2" }\nverified = "2026-01-01"\n',
         "needs a source"),
        ('[[fix]]\ncode = "AAA"\nset = { colour = "red" }\nsource = "x"\nverified = "2026-01-01"\n',
         "cannot set"),
        ('[[fix]]\ncode = "AAA"\nset = { successors = ["QQQ"] }\nsource = "x"\n'
         'verified = "2026-01-01"\n', "successor QQQ is unknown"),
        ('[[fix]]\ncode = "AAA"\nset = { end_date = "31/03/2027" }\nsource = "x"\n'
         'verified = "2026-01-01"\n', "isoformat|Invalid"),
    ],
)  # fmt: skip
def test_a_bad_override_is_refused(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        apply_overrides(_rows(), _overrides(tmp_path, text))


def test_a_bad_overrides_file_stops_the_build_in_one_line(
    shared_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "overrides.toml"
    bad.write_text('[[fix]]\ncode = "NOPE"\nset = { browser = true }\nsource = "x"\n'
                   'verified = "2026-01-01"\n', encoding="utf-8")  # fmt: skip
    out = tmp_path / "councils.csv"
    registry_dir = shared_dir / "fixtures" / "real" / "councils" / "registry"
    code = build_registry.main([str(registry_dir), "--out", str(out), "--overrides", str(bad)])
    assert code == 1 and not out.exists()
    assert capsys.readouterr().err.strip() == (
        "error: overrides: fix for NOPE, which is not in the registry"
    )


def test_council_list_json_on_a_fixed_day() -> None:
    out = io.StringIO()
    err = io.StringIO()
    with redirect_stderr(err):
        list_councils(VESTING_DAY, current_only=False, as_json=True, out=out)
    rows = {row["code"]: row for row in json.loads(out.getvalue())}
    assert rows["ESR"]["start_date"] == "2027-04-01" and rows["ESR"]["current"]
    assert rows["SRY"]["end_date"] == "2027-03-31" and not rows["SRY"]["crawlable"]
    assert rows["SRY"]["successors"] == ["ESR", "WSR"]
    assert rows["KEN"]["crawlable"] is True and rows["KEN"]["reason"] is None
    assert rows["WIL"]["robots"] == "disallowed" and rows["KEN"]["robots"] == "unchecked"
    assert "372 in force on 2027-04-01" in err.getvalue()


def test_seeded_councils_carry_their_history(sqlite_database: str) -> None:
    with Session(get_engine(sqlite_database)) as session:
        surrey = session.get(Council, "SRY")
        east = session.get(Council, "ESR")
        wiltshire = session.scalar(select(Council).where(Council.code == "WIL"))
    assert surrey is not None and surrey.end_date == LAST_DAY and surrey.successors == "ESR|WSR"
    assert east is not None and east.start_date == VESTING_DAY and east.gss_code is None
    assert wiltshire is not None and wiltshire.robots == "disallowed"


def test_registry_csv_reads_back_the_new_columns(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["code", "name", "start_date", "robots"])
        writer.writerow(["ZZA", "Nowhere", "not a date", ""])
    with pytest.raises(ValueError, match="not an ISO date"):
        read_csv(path)
