"""One council's committee site (``CouncilSite``) and the crawl window's defaults.

Where a council's pages are fetched from and whose records they are: the registry's public
base URL versus ``--base-url``, and the window each crawl covers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urljoin, urlsplit

from w3lib.url import safe_url_string

# Decisions are often published days or weeks after they are taken: a run without --since
# starts this far before the council's checkpoint, so late publications are not missed.
CHECKPOINT_OVERLAP = timedelta(days=14)
# A council with no checkpoint and no --since: this much history on the first run.
DEFAULT_LOOKBACK = timedelta(days=90)
# Without --until the window ends now, but some things are published ahead: forthcoming
# decisions and forward-plan entries (28 days' notice and more), agendas of future meetings.
FORTHCOMING_HORIZON = timedelta(days=183)
MEETING_HORIZON = timedelta(days=60)


def _split_base(url: str) -> tuple[str, str, str]:
    parts = urlsplit(url.rstrip("/"))
    return parts.scheme or "https", (parts.netloc or "").lower(), parts.path.rstrip("/")


@dataclass
class CouncilSite:
    """One council's committee site: where to fetch it, and whose records they are.

    ``public_base_url`` is the registry's base URL: records' keys and URLs use it, so that a
    crawl through ``--base-url`` (a mirror, a local test server) stores the same records
    as a crawl of the council's own host. ``base_url`` is where requests go.
    """

    code: str | None
    name: str
    base_url: str
    public_base_url: str
    verify_tls: bool = True
    browser: bool = False
    since: datetime | None = None
    until: datetime | None = None
    explicit_until: bool = False
    use_browser: bool = False  # set on a challenge page, or from the registry's flag
    failed: bool = False
    checkpointed: bool = False
    state: dict[str, Any] = field(default_factory=dict)  # per-spider scratch (CMIS ids)

    @property
    def key(self) -> str:
        """``council_code``, or the host for a crawl of an unregistered ``--base-url``."""
        return self.code or _split_base(self.base_url)[1]

    @property
    def key_base(self) -> str:
        """``host[/path]`` of the public base: the prefix of every ``source_key``."""
        _, host, path = _split_base(self.public_base_url)
        return f"{host}{path}"

    def source_key(self, kind: str, ident: object) -> str:
        return f"{self.key_base}/{kind}/{ident}"

    def url(self, relative: str) -> str:
        """An absolute URL to fetch, from a path relative to the site's base."""
        return safe_url_string(urljoin(self.base_url.rstrip("/") + "/", relative))

    def _rebase(self, url: str, source: str, target: str) -> str:
        url = safe_url_string(url)
        _, src_host, src_path = _split_base(source)
        parts = urlsplit(url)
        if parts.netloc.lower() != src_host or not parts.path.lower().startswith(src_path.lower()):
            return url
        rest = parts.path[len(src_path) :]
        query = f"?{parts.query}" if parts.query else ""
        fragment = f"#{parts.fragment}" if parts.fragment else ""
        return target.rstrip("/") + rest + query + fragment

    def fetch_url(self, url: str) -> str:
        """Where to fetch a URL the council publishes (its own host → ``base_url``)."""
        if self.public_base_url == self.base_url:
            return safe_url_string(url)
        return self._rebase(url, self.public_base_url, self.base_url)

    def public_url(self, url: str) -> str:
        """The council's own address of a URL fetched from ``base_url``."""
        if self.public_base_url == self.base_url:
            return safe_url_string(url)
        return self._rebase(url, self.base_url, self.public_base_url)

    @property
    def hosts(self) -> set[str]:
        return {(urlsplit(u).hostname or "").lower() for u in (self.base_url, self.public_base_url)}

    def is_own(self, url: str) -> bool:
        return (urlsplit(url).hostname or "").lower() in self.hosts

    def horizon(self, ahead: timedelta) -> datetime:
        """End of the window for things published ahead of time."""
        assert self.until is not None
        return self.until if self.explicit_until else self.until + ahead
