"""Staff accounts, sessions, CSRF tokens and login throttling.

Passwords are argon2id hashes (argon2-cffi defaults). The session is Starlette's signed
cookie (HttpOnly, SameSite=Lax, Secure over https); it holds the staff user's id and a
CSRF token that every form posts back. The signing key comes from ``OURSAY_SECRET_KEY``
or, when that is unset, a random key generated once and kept next to the database.
"""

from __future__ import annotations

import hmac
import os
import re
import secrets
import threading
import time
from collections import defaultdict, deque
from functools import cache
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from fastapi import HTTPException, Request
from sqlalchemy import select
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session
from starlette.middleware.sessions import SessionMiddleware
from starlette.types import ASGIApp, Receive, Scope, Send

from storage.db import database_url as default_database_url
from storage.db import session_scope
from storage.models import StaffUser

HASHER = PasswordHasher()
USERNAME = re.compile(r"^[A-Za-z0-9._@-]{1,100}$")
MIN_PASSWORD_LENGTH = 12
SESSION_COOKIE = "oursay_session"
SESSION_MAX_AGE = 12 * 60 * 60  # a working day; staff log in again tomorrow


@cache
def _dummy_hash() -> str:
    """Verifying against a real hash when the user does not exist keeps the response
    time from telling an attacker which usernames exist."""
    return HASHER.hash(secrets.token_urlsafe(16))


# --------------------------------------------------------------------------- accounts


def create_staff_user(username: str, password: str, *, database_url: str | None = None) -> int:
    """Add a staff account, or give an existing one a new password (and re-activate it);
    returns its id. ``ValueError`` for a bad username or a short password (the CLI,
    ``oursay staff add USER``, prints it and exits non-zero)."""
    if not USERNAME.match(username):
        raise ValueError("username: 1-100 letters, digits, dots, dashes, underscores or @")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValueError(f"password: at least {MIN_PASSWORD_LENGTH} characters")
    hashed = HASHER.hash(password)
    with session_scope(database_url) as session:
        user = session.scalar(select(StaffUser).where(StaffUser.username == username))
        if user is None:
            user = StaffUser(username=username, password_hash=hashed)
            session.add(user)
        else:
            user.password_hash = hashed
            user.is_active = True
        session.flush()
        return user.id


def authenticate(session: Session, username: str, password: str) -> StaffUser | None:
    """The active user with this password, or None. Upgrades the stored hash when the
    hasher's parameters have changed since it was made."""
    user = session.scalar(select(StaffUser).where(StaffUser.username == username))
    stored = user.password_hash if user is not None else _dummy_hash()
    try:
        HASHER.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return None
    if user is None or not user.is_active:
        return None
    if HASHER.check_needs_rehash(user.password_hash):
        user.password_hash = HASHER.hash(password)
        session.commit()
    return user


# --------------------------------------------------------------------------- secret key


def secret_key(database_url: str | None = None) -> str:
    """``OURSAY_SECRET_KEY``, else a key persisted next to the SQLite file (``<db>.secret-key``,
    mode 0600), else (PostgreSQL) in ``$XDG_CONFIG_HOME/oursay/secret-key``. Persisting
    it keeps staff logged in across restarts."""
    configured = os.environ.get("OURSAY_SECRET_KEY", "").strip()
    if configured:
        return configured
    path = _secret_key_path(database_url or default_database_url())
    try:
        return path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process won the race; use its key
        return path.read_text(encoding="ascii").strip()
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(key + "\n")
    return key


def _secret_key_path(url: str) -> Path:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        return Path(f"{parsed.database}.secret-key")
    config = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(config) / "oursay" / "secret-key"


# --------------------------------------------------------------------------- sessions


class SessionCookies:
    """Starlette's SessionMiddleware with the Secure flag chosen per request.

    ``secure="auto"`` marks the cookie Secure when the request came over https (as
    uvicorn sees it, so X-Forwarded-Proto counts behind a trusted proxy) and leaves it
    off on plain http, where a Secure cookie would never come back (local use, tests).
    """

    def __init__(self, app: ASGIApp, secret: str, secure: str = "auto") -> None:
        options = {
            "secret_key": secret,
            "session_cookie": SESSION_COOKIE,
            "max_age": SESSION_MAX_AGE,
            "same_site": "lax",
        }
        self.plain = SessionMiddleware(app, https_only=False, **options)  # type: ignore[arg-type]
        self.secure = SessionMiddleware(app, https_only=True, **options)  # type: ignore[arg-type]
        self.mode = secure

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.mode == "always" or (self.mode == "auto" and scope.get("scheme") == "https"):
            await self.secure(scope, receive, send)
        else:
            await self.plain(scope, receive, send)


def cookie_mode(value: str | None = None) -> str:
    """``OURSAY_COOKIE_SECURE``: ``auto`` (default), ``1``/``true`` (always), ``0``/``false``."""
    text = (value if value is not None else os.environ.get("OURSAY_COOKIE_SECURE", "")).lower()
    if text in ("1", "true", "yes", "always"):
        return "always"
    if text in ("0", "false", "no", "never"):
        return "never"
    return "auto"


def csrf_token(request: Request) -> str:
    """The session's CSRF token, made on first use. Bound to the session, so a page
    rendered for one visitor cannot be replayed by another site's form."""
    token = request.session.get("csrf")
    if not token:
        token = secrets.token_urlsafe(32)
        request.session["csrf"] = token
    return str(token)


def check_csrf(request: Request, submitted: str | None) -> None:
    expected = request.session.get("csrf")
    if not expected or not submitted or not hmac.compare_digest(str(expected), submitted):
        raise HTTPException(403, "The form's security token is missing or out of date.")


def log_in(request: Request, user: StaffUser) -> None:
    # A fresh session (and CSRF token) at the privilege change.
    request.session.clear()
    request.session["staff_id"] = user.id
    request.session["csrf"] = secrets.token_urlsafe(32)


def log_out(request: Request) -> None:
    request.session.clear()


def staff_user(request: Request, session: Session) -> StaffUser | None:
    """The logged-in, still active staff user, or None. Looked up each time so that
    deactivating an account takes effect at once."""
    staff_id = request.session.get("staff_id")
    if not isinstance(staff_id, int):
        return None
    user = session.get(StaffUser, staff_id)
    return user if user is not None and user.is_active else None


# --------------------------------------------------------------------------- throttling


class LoginThrottle:
    """At most ``limit`` failed logins per ``window`` seconds per client address and per
    username, in memory (one process serves the app). Enough to make guessing slow
    without locking real staff out for long."""

    def __init__(self, limit: int = 10, window: float = 600.0) -> None:
        self.limit = limit
        self.window = window
        self._failures: dict[str, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def _recent(self, key: str, now: float) -> deque[float]:
        times = self._failures[key]
        while times and times[0] <= now - self.window:
            times.popleft()
        return times

    def retry_after(self, *keys: str) -> int:
        """Seconds to wait before trying again, 0 when a try is allowed."""
        now = time.monotonic()
        with self._lock:
            waits = [
                times[0] + self.window - now
                for key in keys
                if len(times := self._recent(key, now)) >= self.limit
            ]
        return max(1, int(max(waits)) + 1) if waits else 0

    def failed(self, *keys: str) -> None:
        now = time.monotonic()
        with self._lock:
            for key in keys:
                self._recent(key, now).append(now)

    def succeeded(self, *keys: str) -> None:
        with self._lock:
            for key in keys:
                self._failures.pop(key, None)
