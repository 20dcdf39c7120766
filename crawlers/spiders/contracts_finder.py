"""Contracts Finder (CF): legacy-regime (PCR 2015) and below-threshold notices."""

from __future__ import annotations

from datetime import timedelta

from crawlers.spiders.ocds_base import OCDSWindowSpider


class ContractsFinderSpider(OCDSWindowSpider):
    """
    Domain
      Contracts Finder, https://www.contractsfinder.service.gov.uk. Carries procurements
      started under the Public Contracts Regulations 2015, including below-threshold
      council contracts; new procurements (from 24 Feb 2025) are on Find a Tender.
    Spider arguments
      since
        Collect notices published from this date (``YYYY-MM-DD``, UK time). Default: resume
        from the checkpoint, else 30 days back (``first_run_days``), said in the log.
      until
        Collect notices published before this date. Default: now.
      council
        Comma-separated register codes: store only these councils' notices (and keep a
        checkpoint for that selection alone).
      base_url
        Another host serving the same API (a mirror, a local test server).
    API documentation
      https://www.contractsfinder.service.gov.uk/apidocumentation/Notices/1/GET-Published-Notice-OCDS-Search

    Requests ``/Published/Notices/OCDS/Search?publishedFrom=…&publishedTo=…&limit=100`` in
    15-day windows, paged by the ``cursor`` in ``links.next``. Bodies may hold invalid
    UTF-8 and mojibake; ``crawlers.ocds`` repairs both.
    """

    name = "contracts_finder"
    source = "contracts-finder"
    default_base_url = "https://www.contractsfinder.service.gov.uk"
    custom_settings = {
        # The API's "too many requests" logic is unpredictable and undocumented
        # (kingfisher-collect): one request at a time.
        "CONCURRENT_REQUESTS": 1,
    }

    # OCDSWindowSpider
    api_path = "/Published/Notices/OCDS/Search"
    from_param = "publishedFrom"
    to_param = "publishedTo"
    # Without windows the API "only returns data from some months ago"; kingfisher-collect
    # settled on 15 days (commit f81811d0).
    window = timedelta(days=15)
    # A 403 with an HTML body is the rate limit; the docs say to make no request for
    # 5 minutes.
    rate_limit_waits = {403: 300}
