"""Find a Tender (FTS): every Procurement Act 2023 notice, and legacy above-threshold ones."""

from __future__ import annotations

from datetime import timedelta

from crawlers.spiders.ocds_base import OCDSWindowSpider


class FindATenderSpider(OCDSWindowSpider):
    """
    Domain
      Find a Tender Service (FTS), https://www.find-tender.service.gov.uk. Since 24 Feb 2025
      every new procurement by a UK council (above and below threshold) is published here,
      as UK1…UK17 notices.
    Spider arguments
      since
        Collect releases updated from this date (``YYYY-MM-DD``, UK time). Default: resume
        from the checkpoint, else 30 days back (``first_run_days``), said in the log.
      until
        Collect releases updated before this date. Default: now.
      council
        Comma-separated register codes: store only these councils' notices (and keep a
        checkpoint for that selection alone).
      base_url
        Another host serving the same API (a mirror, a local test server).
    API documentation
      https://www.find-tender.service.gov.uk/apidocumentation/1.0/GET-ocdsReleasePackages

    Requests ``/api/1.0/ocdsReleasePackages?updatedFrom=…&updatedTo=…&limit=100`` in
    6-hour windows of UK local time (the API reads times as Europe/London and ignores a
    ``Z``), paged by ``links.next``. No ``stages`` parameter: it returns only pre-Act
    releases, and a list of stages returns nothing at all.
    """

    name = "find_a_tender"
    source = "find-a-tender"
    default_base_url = "https://www.find-tender.service.gov.uk"
    custom_settings = {
        # The API allows 12 requests per rolling 2 minutes (kingfisher-collect #1215); one
        # request every 10 s stays under it (123 requests at 13 s drew no 429).
        "DOWNLOAD_DELAY": 10,
        # Scrapy's default jitter (±50%) would put some requests 5 s apart: over the limit.
        "DOWNLOAD_DELAY_JITTER": 0,
        # The limit counts requests, not load: AutoThrottle's latency-driven delay can only
        # add drift on top of the fixed spacing the limit needs.
        "AUTOTHROTTLE_ENABLED": False,
        # Pages are walked one after another anyway (each names the next); one slot keeps
        # the spacing arithmetic exact, the robots.txt fetch included.
        "CONCURRENT_REQUESTS": 1,
    }

    # OCDSWindowSpider
    api_path = "/api/1.0/ocdsReleasePackages"
    from_param = "updatedFrom"
    to_param = "updatedTo"
    # Releases went missing over longer windows; kingfisher-collect cut its step from a
    # day to 6 hours (#1203).
    window = timedelta(hours=6)
    # The documented answers (#1151): 429 (now often without Retry-After, #1215: then wait
    # out the whole 2-minute window) and 503.
    rate_limit_waits = {429: 120, 503: 60}
