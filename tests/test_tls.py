"""Certificate checks per council, not per crawl (crawlers.tls): two councils on HTTPS
servers with self-signed certificates, crawled together; only the one registered with
``verify_tls=false`` is fetched without checking."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_council_crawl import WINDOW, _tls_context, crawl, kinds, rows, write_councils

from crawlers.sim.moderngov import ModernGovSim
from crawlers.sim.server import SimServer

pytestmark = pytest.mark.slow


def https_sim(tmp_path: Path, name: str) -> SimServer:
    server = SimServer(ModernGovSim(scheme="https", huge_bytes=3_000_000))
    directory = tmp_path / name
    directory.mkdir()
    server._httpd.socket = _tls_context(directory).wrap_socket(
        server._httpd.socket, server_side=True
    )
    return server


def test_one_lenient_council_does_not_turn_checks_off_for_another(tmp_path: Path) -> None:
    strict, lenient = https_sim(tmp_path, "strict"), https_sim(tmp_path, "lenient")
    with strict, lenient:
        councils = write_councils(
            tmp_path / "councils.csv",
            [
                {"code": "ZZS", "name": "Strict (sample)", "platform": "moderngov",
                 "base_url": f"https://127.0.0.1:{strict.port}", "verify_tls": "true"},
                {"code": "ZZN", "name": "Lenient (sample)", "platform": "moderngov",
                 "base_url": f"https://127.0.0.1:{lenient.port}", "verify_tls": "false"},
            ],
        )  # fmt: skip
        database = tmp_path / "oursay.db"
        result = crawl(
            "moderngov",
            database,
            councils,
            *["--council", "ZZS", "--council", "ZZN", *WINDOW, "--set", "RETRY_TIMES=0"],
        )
        strict_requests, lenient_requests = list(strict.requests), list(lenient.requests)
    assert result.returncode == 3, result.stderr[-3000:]  # partly: one council failed
    # The self-signed certificate of the strict council was checked, and failed...
    failures = rows(database, "select council_code, reason from crawl_failures")
    assert {council for council, _ in failures} == {"ZZS"}
    assert all("certificate verify failed" in reason for _, reason in failures), failures
    assert strict_requests == []  # no HTTP request got past the handshake
    # ... while the lenient council, in the same crawl, was crawled in full.
    assert len(lenient_requests) > 10
    by_council = dict(rows(database, "select council_code, count(*) from records group by 1"))
    assert set(by_council) == {"ZZN"}
    assert kinds(database)["decision"] == 6
