"""Feeds built from flags: RSS 2.0 and Atom per council and per category, OPML, and a
static export of all of them (``oursay feeds --out DIR``).

``feeds.build`` turns record states into items and feeds (it is also where scraped text
is made safe for XML and HTML), ``feeds.opml`` lists the feeds, ``feeds.static`` writes a
whole site. The web app serves the same bytes at the same paths. Addresses: docs/feeds.md.
"""

from __future__ import annotations
