"""What the simulated council sites share (``SimSite``): robots.txt, the knobs that make a
site fail (a firewall challenge, slowness, errors), the prefix it lives under, and the small
markup helpers their pages use."""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from crawlers.sim.server import SimRequest, SimResponse

CLEARANCE_COOKIE = "sim_clearance"
# What the challenge page's script computes; a client that runs no JavaScript never has it.
CLEARANCE_VALUE = "passed-42"


CHALLENGE_PAGE = """<!DOCTYPE html>
<html lang="en"><head><title>Just a moment...</title>
<meta name="robots" content="noindex,nofollow"></head>
<body><div class="main-wrapper"><h1>Checking your browser before accessing the site.</h1>
<p>Enable JavaScript and cookies to continue</p>
<noscript>This simulated firewall needs JavaScript.</noscript></div>
<script>
  // Simulated challenge (oursay test site): compute a token, store it, reload.
  var token = "passed-" + (6 * 7);
  document.cookie = "%(cookie)s=" + token + "; path=/";
  setTimeout(function () { window.location.reload(); }, 150);
</script></body></html>
"""


@dataclass
class SimSite:
    """Knobs and the request pipeline shared by the simulated council sites."""

    prefix: str = ""
    mode: str = "normal"  # normal | challenge | slow | error
    scheme: str = "http"  # of the absolute URLs the site writes (https behind TLS)
    slow_delay: float = 5.0
    revision: int = 1
    disallow: list[str] = field(default_factory=list)

    def base_url(self, server_url: str) -> str:
        """The site's base URL on a running ``SimServer`` (what ``--base-url`` takes)."""
        return server_url.rstrip("/") + self.prefix

    def __call__(self, request: SimRequest) -> SimResponse:
        if request.path == "/robots.txt":
            lines = ["User-agent: *", *(f"Disallow: {p}" for p in self.disallow), ""]
            return SimResponse(200, "\n".join(lines), "text/plain")
        if self.mode == "error":
            return SimResponse(
                500,
                "<html><body><h1>Server Error in '/' Application.</h1>"
                "<p>Runtime Error (simulated)</p></body></html>",
            )
        if self.mode == "challenge" and not self._cleared(request):
            return SimResponse(
                503,
                CHALLENGE_PAGE % {"cookie": CLEARANCE_COOKIE},
                headers={"Cache-Control": "no-store", "cf-mitigated": "challenge"},
            )
        if not request.path.lower().startswith(self.prefix.lower()):
            return self.not_found()
        response = self.route(request, request.path[len(self.prefix) :].lstrip("/"))
        if self.mode == "slow":
            response.delay = self.slow_delay
        return response

    def _cleared(self, request: SimRequest) -> bool:
        cookies = request.headers.get("cookie", "")
        return f"{CLEARANCE_COOKIE}={CLEARANCE_VALUE}" in cookies.replace(" ", "")

    def route(self, request: SimRequest, path: str) -> SimResponse:
        raise NotImplementedError

    @staticmethod
    def not_found() -> SimResponse:
        return SimResponse(404, "<html><body><h1>The resource cannot be found.</h1></body></html>")


def _date(text: str) -> date:
    return datetime.strptime(text, "%d/%m/%Y").date()


def _e(text: Any) -> str:
    return html.escape(str(text), quote=True)


def _slash(text: str) -> str:
    """ModernGov writes the slashes of dates as ``&#47;``."""
    return _e(text).replace("/", "&#47;")


def _long_date(day: date) -> str:
    return f"{day.day} {day.strftime('%b %Y')}"
