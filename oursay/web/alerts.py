"""E-mail alert pages: subscribe (CSRF-protected form, rate-limited), confirm (the link in
the confirmation mail) and unsubscribe (the link in every alert; RFC 8058 one-click POST).
The logic lives in :mod:`oursay.alerts`; nothing here ever shows a stored address.

Links in mail must work when clicked from a mail client, so confirm and unsubscribe carry
their authority in the signed token rather than in a session: GET shows a button, POST acts
(mail scanners that follow links with GET change nothing).
"""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Callable
from typing import Annotated
from urllib.parse import urlencode

from fastapi import FastAPI, Form, Request
from fastapi.responses import HTMLResponse
from sqlalchemy.orm import Session

from feeds.choices import feed_key, find_feed
from oursay.alerts import (
    FREQUENCIES,
    AlertError,
    Tokens,
    confirm,
    confirmation_message,
    subscribe_request,
    unsubscribe,
)
from oursay.mail import MailNotConfigured, SmtpSettings, send_one
from oursay.web.auth import LoginThrottle, check_csrf

log = logging.getLogger(__name__)
Render = Callable[..., HTMLResponse]
# At most this many subscribe requests per client address per hour, and per e-mail address
# per day: enough for a person choosing a few feeds, too few to mail-bomb a stranger.
REQUESTS_PER_CLIENT = 10
REQUESTS_PER_ADDRESS = 5


def add_alert_routes(
    app: FastAPI,
    sessions: Callable[[], Session],
    render: Render,
    secret: str,
    *,
    smtp_settings: Callable[[], SmtpSettings] = SmtpSettings.from_environment,
) -> None:
    tokens = Tokens(secret)
    # The login throttle's sliding window, counting every request rather than failures.
    per_client = LoginThrottle(limit=REQUESTS_PER_CLIENT, window=3600.0)
    per_address = LoginThrottle(limit=REQUESTS_PER_ADDRESS, window=86400.0)

    def page(
        request: Request, title: str, message: str, status: int = 200, **extra: object
    ) -> HTMLResponse:
        context = {"title": title, "message": message, **extra}
        return render(request, "alerts.html", context, status)

    def form_page(
        request: Request, feed: str, error: str = "", status: int = 200, frequency: str = ""
    ) -> HTMLResponse:
        key = feed_key(feed) if feed else None
        with sessions() as session:
            spec = find_feed(session, key) if key else None
        if spec is None:
            return page(request, "No such feed", "There is no feed at that address.", 404)
        return render(
            request,
            "subscribe.html",
            {
                "spec": spec,
                "feed": key,
                "frequencies": FREQUENCIES,
                "frequency": frequency or "immediate",
                "error": error,
            },
            status,
        )

    @app.get("/alerts/subscribe", response_class=HTMLResponse)
    def subscribe_form(request: Request, feed: str = "") -> HTMLResponse:
        return form_page(request, feed)

    @app.post("/alerts/subscribe", response_class=HTMLResponse)
    def subscribe(
        request: Request,
        email: Annotated[str, Form()] = "",
        feed: Annotated[str, Form()] = "",
        frequency: Annotated[str, Form()] = "immediate",
        csrf: Annotated[str, Form(alias="csrf_token")] = "",
    ) -> HTMLResponse:
        check_csrf(request, csrf)
        key = feed_key(feed) or ""
        client = request.client.host if request.client else "unknown"
        keys = [f"ip:{client}", f"to:{email.strip().lower()[:320]}"]
        wait = max(per_client.retry_after(keys[0]), per_address.retry_after(keys[1]))
        if wait:
            response = page(
                request,
                "Too many requests",
                "Too many subscription requests: try again later.",
                429,
            )
            response.headers["Retry-After"] = str(wait)
            return response
        per_client.failed(keys[0])
        per_address.failed(keys[1])
        try:
            settings = smtp_settings()
        except MailNotConfigured:
            return page(
                request,
                "E-mail alerts are off",
                "This site does not send e-mail. Use the feed in a feed reader instead.",
                503,
            )
        with sessions() as session:
            try:
                address, spec, token = subscribe_request(session, tokens, email, key, frequency)
            except AlertError as error:
                return form_page(request, key or feed, str(error), 400, frequency)
        confirm_url = f"{request.base_url}alerts/confirm?{urlencode({'token': token})}"
        try:
            send_one(
                settings, confirmation_message(settings, address, spec, frequency, confirm_url)
            )
        except (OSError, smtplib.SMTPException) as error:
            log.warning("confirmation mail not sent: %s", type(error).__name__)
            return page(
                request,
                "Not sent",
                "We could not send the confirmation e-mail just now: please try again later.",
                502,
            )
        # The same answer whether or not the address already follows this feed.
        return page(
            request,
            "Check your e-mail",
            "We have sent a link to that address. Follow it to start the alerts; until then "
            "nothing is stored.",
        )

    @app.get("/alerts/confirm", response_class=HTMLResponse)
    def confirm_form(request: Request, token: str = "") -> HTMLResponse:
        try:
            _, feed, frequency = tokens.read_confirm(token)
        except AlertError as error:
            return page(request, "Link not valid", str(error), 400)
        with sessions() as session:
            spec = find_feed(session, feed)
        if spec is None:
            return page(request, "No such feed", "That feed no longer exists.", 404)
        return page(
            request,
            "Confirm your alerts",
            f"E-mail alerts for “{spec.title.removeprefix('oursay: ')}”, "
            f"{FREQUENCIES[frequency].lower()}.",
            action="/alerts/confirm",
            button="Start the alerts",
            token=token,
        )

    @app.post("/alerts/confirm", response_class=HTMLResponse)
    def confirm_post(request: Request, token: Annotated[str, Form()] = "") -> HTMLResponse:
        with sessions() as session:
            try:
                subscription = confirm(session, tokens, token)
            except AlertError as error:
                return page(request, "Not confirmed", str(error), 400)
            leave = f"/alerts/unsubscribe?{urlencode({'token': tokens.unsubscribe(subscription)})}"
        return page(
            request,
            "Alerts started",
            "You will get an e-mail when something new appears. Every e-mail has a link to "
            "stop them.",
            link=leave,
            link_text="Stop these alerts",
        )

    @app.get("/alerts/unsubscribe", response_class=HTMLResponse)
    def unsubscribe_form(request: Request, token: str = "") -> HTMLResponse:
        try:
            tokens.read_unsubscribe(token)
        except AlertError as error:
            return page(request, "Link not valid", str(error), 400)
        return page(
            request,
            "Stop these alerts",
            "Press the button to stop these e-mail alerts and delete your address from them.",
            action=f"/alerts/unsubscribe?{urlencode({'token': token})}",
            button="Stop the alerts",
            token=token,
        )

    @app.post("/alerts/unsubscribe", response_class=HTMLResponse)
    def unsubscribe_post(request: Request, token: str = "") -> HTMLResponse:
        # RFC 8058: the mail client POSTs "List-Unsubscribe=One-Click" to the header's URL,
        # token in the query; the form on the GET page posts the same. No session, no CSRF
        # token: the signed token is the authority, and unsubscribing harms no one.
        with sessions() as session:
            try:
                removed = unsubscribe(session, tokens, token)
            except AlertError as error:
                return page(request, "Link not valid", str(error), 400)
        text = "Done: no more alerts, and your address is deleted from them."
        if not removed:
            text = "These alerts were already stopped."
        return page(request, "Alerts stopped", text)
