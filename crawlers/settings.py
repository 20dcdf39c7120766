"""Scrapy settings for every oursay spider. Each non-default setting says why."""

from __future__ import annotations

import os

BOT_NAME = "oursay"
SPIDER_MODULES = ["crawlers.spiders"]
NEWSPIDER_MODULE = "crawlers.spiders"

# Councils and the procurement services should know who is calling and how to reach us.
CONTACT_URL = os.environ.get("OURSAY_CONTACT_URL", "https://github.com/oursay/oursay#contact")
USER_AGENT = f"oursay/0.1 (+{CONTACT_URL}; monitoring public council decisions)"
# Be polite: councils' robots.txt is law here.
ROBOTSTXT_OBEY = True

# Council sites are small servers; one or two requests at a time per host is plenty.
CONCURRENT_REQUESTS = 8
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 1
# AutoThrottle backs off when a host slows down, on top of the fixed delay.
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1
AUTOTHROTTLE_MAX_DELAY = 60
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
# A council host that does not answer in a minute is down; record it and move on.
DOWNLOAD_TIMEOUT = 60
# Report PDFs can be large; past this they are recorded as skipped, not downloaded.
DOWNLOAD_MAXSIZE = int(os.environ.get("OURSAY_DOWNLOAD_MAXSIZE", 50 * 1024 * 1024))
DOWNLOAD_WARNSIZE = 20 * 1024 * 1024

# 429/503 (and a source's own rate-limit answer, e.g. Contracts Finder's 403) are handled
# by RetryAfterMiddleware, which waits as the server asks, within bounds; plain retries
# cover the rest.
RETRY_TIMES = 3
RETRY_HTTP_CODES = [500, 502, 504, 522, 524, 408]
OURSAY_RATE_LIMIT_STATUSES = [429, 503]
# FTS counts its limit over a rolling two minutes: waiting that long clears it.
OURSAY_RATE_LIMIT_DEFAULT_WAIT = 120
# The cap on one wait: Contracts Finder documents five minutes. A server asking for longer
# is not waited for: the request is deferred to the next run and recorded as a failure.
OURSAY_RATE_LIMIT_MAX_WAIT = 300
# The cap on all waits of one run, well inside the scheduler's two-hour crawl timeout;
# past it, rate-limited requests are deferred to the next run.
OURSAY_RATE_LIMIT_MAX_TOTAL_WAIT = 30 * 60
OURSAY_RATE_LIMIT_MAX_RETRIES = 5

DOWNLOADER_MIDDLEWARES = {
    # Crawl scope: no request (redirects included) to a private, loopback, link-local,
    # multicast, reserved or unspecified address. After the offsite filter (50), before
    # robots.txt (100), so not even robots.txt is asked for there.
    "crawlers.scope.AddressGuardMiddleware": 60,
    # Above RetryMiddleware (550) so that rate-limit answers are waited out, not retried at once.
    "crawlers.middlewares.RetryAfterMiddleware": 560,
}
# The resolver connections go through refuses the same addresses, so a name that resolves
# differently after the middleware's check (DNS rebinding) still cannot reach one.
TWISTED_DNS_RESOLVER = "crawlers.scope.GuardedResolver"
# Addresses or networks (comma-separated) the scope check lets through: only for the
# local simulated sites of the tests and the demo (127.0.0.0/8). Empty in production.
OURSAY_ALLOW_PRIVATE_ADDRESSES = os.environ.get("OURSAY_ALLOW_PRIVATE_ADDRESSES", "")
# Scrapy does not check certificates by default; we do, for every host except those a
# council spider lists from the registry's verify_tls=false (crawlers.tls).
DOWNLOAD_VERIFY_CERTIFICATES = True
DOWNLOAD_HANDLERS = {"https": "crawlers.tls.PerHostTLSHandler"}
OURSAY_TLS_UNVERIFIED_HOSTS: list[str] = []

# Per-council pages and time for each crawl's summary lines and the health page, and the
# progress bar of `oursay crawl` on a terminal (crawlers.summary).
EXTENSIONS = {"crawlers.summary.CrawlSummary": 500}
# Off for `scrapy crawl` and Scrapyd; `oursay crawl` turns it on (a bar only on a terminal).
OURSAY_PROGRESS = False

ITEM_PIPELINES = {
    "crawlers.pipelines.StoragePipeline": 300,
}
# The reactor Scrapy >= 2.13 uses by default; scrapy-playwright needs it too.
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"

# Items go to the database, not to feed exports; keep Scrapy's logs readable. `oursay
# crawl` is quieter still (WARNING unless -v; oursay.logs).
LOG_LEVEL = os.environ.get("OURSAY_LOG_LEVEL", "INFO")
TELNETCONSOLE_ENABLED = False
# Storage: None means OURSAY_DATABASE_URL or the default SQLite file.
OURSAY_DATABASE_URL = os.environ.get("OURSAY_DATABASE_URL")
