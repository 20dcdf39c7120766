"""The database: typed SQLAlchemy 2.0 models, sessions, idempotent upserts, migrations.

SQLite by default (one file in the working directory), PostgreSQL in production through
``OURSAY_DATABASE_URL``. Crawlers write records, the monitor writes assessments, feeds
and the web app only read.
"""
