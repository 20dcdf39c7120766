"""The web app (``oursay serve``): public council, item and search pages, exports,
feeds with conditional GET, and the staff review pages. ``create_app`` builds it."""

from __future__ import annotations

from oursay.web.app import create_app

__all__ = ["create_app"]
