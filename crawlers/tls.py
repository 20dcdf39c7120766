"""Certificate checking per council host, not per crawl.

Scrapy has one switch for a whole crawl (``DOWNLOAD_VERIFY_CERTIFICATES``), so a single
council registered with ``verify_tls=false`` used to turn checking off for every council
crawled alongside it. Twisted asks the download handler's TLS policy for each connection
by host and port (``creatorForNetloc``): ``PerHostTLSPolicy`` answers "do not verify" only
for the hosts listed in ``OURSAY_TLS_UNVERIFIED_HOSTS`` (set by the council spiders from
the registry) and verifies every other connection.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from typing import Any

from scrapy.core.downloader.handlers.http11 import HTTP11DownloadHandler
from scrapy.crawler import Crawler
from scrapy.settings import BaseSettings
from scrapy_playwright.handler import ScrapyPlaywrightDownloadHandler
from twisted.web.iweb import IPolicyForHTTPS
from zope.interface import implementer


def netloc_key(host: str, port: int | None, scheme: str = "https") -> str:
    """``host:port`` as the setting lists it (lower case, default port spelled out)."""
    return f"{host.lower().strip('[]')}:{port or (443 if scheme == 'https' else 80)}"


def unverified_hosts(settings: BaseSettings) -> set[str]:
    return {str(v).lower() for v in settings.getlist("OURSAY_TLS_UNVERIFIED_HOSTS")}


@implementer(IPolicyForHTTPS)
class PerHostTLSPolicy:
    """Scrapy's own TLS policy twice over: verifying, and not verifying for listed hosts."""

    def __init__(self, scrapy_policy: Any, unverified: Iterable[str]) -> None:
        # Scrapy's factory keeps its switch in a private attribute; a copy with it
        # flipped keeps every other TLS setting (ciphers, versions) the same.
        self.verifying = copy.copy(scrapy_policy)
        self.verifying._verify_certificates = True
        self.lenient = copy.copy(scrapy_policy)
        self.lenient._verify_certificates = False
        self.unverified = set(unverified)

    def creatorForNetloc(self, hostname: bytes, port: int) -> Any:
        key = netloc_key(hostname.decode("ascii"), port)
        policy = self.lenient if key in self.unverified else self.verifying
        return policy.creatorForNetloc(hostname, port)


def _install(handler: Any, crawler: Crawler) -> None:
    handler._contextFactory = PerHostTLSPolicy(
        handler._contextFactory, unverified_hosts(crawler.settings)
    )


class PerHostTLSHandler(HTTP11DownloadHandler):
    """Scrapy's HTTP/1.1 handler with ``PerHostTLSPolicy``."""

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        _install(self, crawler)


class PerHostTLSPlaywrightHandler(ScrapyPlaywrightDownloadHandler):
    """scrapy-playwright's handler (plain requests go through its HTTP/1.1 parent) with
    ``PerHostTLSPolicy``; the browser's own contexts carry the council's flag
    (``ignore_https_errors``)."""

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        _install(self, crawler)
        self._oursay_settings = crawler.settings

    async def _maybe_launch_browser(self) -> None:
        """Before each launch, the council names are resolved, checked and pinned in the
        browser's ``--host-resolver-rules`` (crawlers.scope.pinned_host_rules), so that
        Chromium connects only to addresses the crawl scope has judged."""
        if not hasattr(self, "browser"):
            await self._pin_council_hosts()
        await super()._maybe_launch_browser()

    async def _pin_council_hosts(self) -> None:
        from crawlers.scope import (
            HOST_RULES_SWITCH,
            Resolver,
            allowed_networks,
            pinned_host_rules,
        )

        settings = self._oursay_settings
        hosts = settings.getlist("OURSAY_BROWSER_HOSTS")
        options = self.config.launch_options
        if not hosts or not options:
            return
        rules, _ = await pinned_host_rules(
            hosts, allowed_networks(settings), Resolver(settings.getfloat("DNS_TIMEOUT", 60))
        )
        args = [a for a in options.get("args", []) if not a.startswith(HOST_RULES_SWITCH)]
        options["args"] = [rules, *args]
