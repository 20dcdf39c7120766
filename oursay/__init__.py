"""The ``oursay`` command, the web app and the scheduler."""

__version__ = "0.1.0"
