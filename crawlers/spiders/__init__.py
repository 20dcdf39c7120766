"""One spider per source. ``scrapy list`` shows them."""
