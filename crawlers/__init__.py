"""The Scrapy project: one spider per source on a few base classes, items, the pipeline
that hands items to storage, politeness, document text extraction, and local simulated
sites (``crawlers.sim``) for tests and the offline demo."""
