"""The scorecard on the real recorded Find a Tender pages (read from ../shared at run time)
and its storage and history on both databases: what "Done means" in issue 12 asks of
``oursay scorecard --json``.
"""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from test_feeds import add_sample_councils

from crawlers.ingest import ingest_files
from monitor.assess import monitor
from monitor.principles.scorecard import recompute
from oursay.cli import main
from storage.db import get_engine
from storage.models import Record, ScorecardChange, ScorecardEntry

# The recorded pages are from August 2026: judge them as of a fixed day, so that the
# two-year window of principle 1 does not move past them as the years go by.
RECORDED_AS_OF = datetime(2026, 12, 1, tzinfo=UTC)
PAGES = (
    "fts_releasepackage_page_2026-08-12_p1_councils_leisure_fm.json",
    "fts_releasepackage_page_2026-08-12_p4_council_asset_operator_green_waste.json",
    "fts_releasepackage_page_2026-08-12_p5_council_cultural_services_direct_award.json",
)


def scorecard_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, Any]:
    capsys.readouterr()
    assert main(["scorecard", "--json", *args]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.fixture
def recorded(database: str, shared_dir: Path) -> str:
    """The recorded pages ingested and monitored; the monitor's last step is the scorecard."""
    folder = shared_dir / "fixtures/real/procurement"
    assert ingest_files([folder / name for name in PAGES], out=io.StringIO()) == 0
    result = monitor(database_url=database)
    assert not result.errors, result.errors
    with Session(get_engine(database)) as session:
        assert session.scalar(select(func.count()).select_from(ScorecardEntry))  # the hook ran
    recompute(database, as_of=RECORDED_AS_OF)
    return database


def test_done_means_on_the_recorded_notices(
    recorded: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with Session(get_engine(recorded)) as session:
        stored = {
            (e.council_code, e.principle): e.status for e in session.scalars(select(ScorecardEntry))
        }
    # Stored by the computation; the command prints what is stored.
    assert stored[("MIK", "1")] == "practised"
    assert stored[("WSM", "1")] == "not practised"
    assert stored[("BPL", "9")] == "practised"

    data = scorecard_json(
        capsys, "--stored", "--council", "MIK", "--council", "WSM", "--council", "BPL"
    )
    cards = {card["code"]: card for card in data["councils"]}
    assert sorted(cards) == ["BPL", "MIK", "WSM"]
    for card in cards.values():
        assert sorted(card["principles"]) == [str(n) for n in range(1, 10)]
        for entry in card["principles"].values():
            assert set(entry) == {"status", "reason", "evidence"}
            assert entry["status"] in ("practised", "partly", "not practised", "no evidence")
            for piece in entry["evidence"]:
                assert {"url", "record_id", "text"} <= set(piece)

    # Milton Keynes: the leisure contract's signed copy is published.
    p1 = cards["MIK"]["principles"]["1"]
    assert p1["status"] == "practised"
    [piece] = p1["evidence"]
    assert "Leisure" in piece["text"]
    assert piece["url"].startswith("https://www.find-tender.service.gov.uk/Notice/Attachment/")
    with Session(get_engine(recorded)) as session:
        record = session.get(Record, piece["record_id"])
        assert record is not None and record.council_code == "MIK"
        assert record.notice_type == "UK7"

    # Westminster: four Housing First / outreach contracts over £5m, none with a copy.
    p1 = cards["WSM"]["principles"]["1"]
    assert p1["status"] == "not practised"
    missing = [e["text"] for e in p1["evidence"] if e["text"].startswith("No signed copy")]
    assert len(missing) == 4
    assert sum("Housing First" in text for text in missing) == 2
    assert all(
        e["url"].startswith("https://www.find-tender.service.gov.uk/Notice/")
        for e in p1["evidence"]
    )

    # Blackpool: Social Value weighted at 20% on its alarms contract.
    p9 = cards["BPL"]["principles"]["9"]
    assert p9["status"] == "practised"
    assert "'Social Value' 20%" in p9["evidence"][0]["text"]
    assert "Alarms" in p9["evidence"][0]["text"]

    # No evidence stays apart from not practised, with its own reason.
    assert cards["BPL"]["principles"]["1"]["status"] == "no evidence"
    assert cards["BPL"]["principles"]["1"]["evidence"] == []
    assert cards["BPL"]["principles"]["3"]["status"] == "no evidence"


def test_the_table_tells_no_evidence_from_not_practised(
    recorded: str, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main(["scorecard", "--stored"]) == 0
    out = capsys.readouterr().out
    rows = {line.split()[0]: line.split() for line in out.splitlines() if line[:4].strip()}
    wsm = next(line for line in out.splitlines() if line.startswith("WSM"))
    bpl = next(line for line in out.splitlines() if line.startswith("BPL"))
    assert wsm.split()[1:3] == ["Westminster", "no"]  # P1 not practised
    assert bpl.split()[1:3] == ["Blackpool", "-"]  # P1 no evidence
    assert "- = no evidence either way" in out
    assert "MIK" in rows and "ZZZ" not in rows


def test_unknown_council_is_one_line(database: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scorecard", "--council", "NOPE1"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "NOPE1" in err and "Traceback" not in err


def large_contract_release(copy: bool) -> dict[str, Any]:
    documents = [{"id": "n", "documentType": "contractNotice", "url": "https://x.example/n"}]
    if copy:
        documents.append(
            {"id": "c", "documentType": "contractSigned", "url": "https://x.example/copy"}
        )
    return {
        "ocid": "ocds-sample-history",
        "id": "sample-history",
        "tender": {"title": "Sample leisure operator"},
        "contracts": [
            {
                "id": "1",
                "title": "Sample leisure operator contract",
                "value": {"amountGross": 12_000_000, "currency": "GBP"},
                "dateSigned": "2026-01-10T00:00:00+00:00",
                "documents": documents,
            }
        ],
    }


def test_changes_are_kept_and_motions_mark_supporters(
    database: str, capsys: pytest.CaptureFixture[str]
) -> None:
    now = datetime.now(UTC)
    with Session(get_engine(database)) as session:
        add_sample_councils(session)
        notice = Record(
            source="find-a-tender",
            source_key="ocds-sample-history/1",
            kind="notice",
            council_code="EXS",
            title="Sample leisure operator",
            url="https://www.example.org/sample/notice",
            published_at=now - timedelta(days=60),
            notice_type="UK7",
            data={"release": large_contract_release(copy=False)},
            content_hash="a" * 64,
        )
        motion = Record(
            source="moderngov",
            source_key="sample/decision/1",
            kind="decision",
            council_code="SMP",
            title="Sample motion on public services",
            description="RESOLVED: that the Council adopts the nine principles of the "
            "Our Services Our Say campaign.",
            url="https://www.example.org/sample/motion",
            published_at=now - timedelta(days=3),
            content_hash="b" * 64,
        )
        session.add_all([notice, motion])
        session.commit()
        notice_id = notice.id

    first = recompute(database)
    # EXS: P1 and P2 (no copy, no KPIs) not practised; SMP: the motion.
    assert first.councils == 2 and first.changes == 3
    assert recompute(database).changes == 0  # nothing new: nothing written

    with Session(get_engine(database)) as session:
        record = session.get(Record, notice_id)
        assert record is not None
        record.data = {"release": large_contract_release(copy=True)}
        session.commit()
    assert recompute(database).changes == 1

    with Session(get_engine(database)) as session:
        entry = session.get(ScorecardEntry, ("EXS", "1"))
        assert entry is not None and entry.status == "practised"
        history = session.scalars(
            select(ScorecardChange)
            .where(ScorecardChange.council_code == "EXS", ScorecardChange.principle == "1")
            .order_by(ScorecardChange.id)
        ).all()
        assert [(c.old_status, c.new_status) for c in history] == [
            (None, "not practised"),
            ("not practised", "practised"),
        ]
        assert "https://x.example/copy" in json.dumps(history[-1].evidence)

    data = scorecard_json(capsys, "--stored", "--council", "SMP")
    [card] = data["councils"]
    assert card["supporter"] is True and card["motion"]["status"] == "adopted"
    assert card["motion"]["evidence"][0]["url"] == "https://www.example.org/sample/motion"
    assert all(e["status"] == "no evidence" for e in card["principles"].values())
