"""Outgoing mail through the SMTP server the settings name (docs/configuration.md).

One connection per batch: ``oursay alerts send`` opens it once and sends every alert of the
run through it. STARTTLS is on unless ``OURSAY_SMTP_STARTTLS=0`` (a relay on the same host),
and a login is only ever sent over an encrypted connection.
"""

from __future__ import annotations

import os
import smtplib
import ssl
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from email.message import EmailMessage

SMTP_TIMEOUT = 30.0  # seconds; a stuck server must not hang the scheduler's cycle


class MailNotConfigured(ValueError):
    """``OURSAY_SMTP_HOST`` or ``OURSAY_SMTP_FROM`` is unset."""


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    sender: str
    user: str = ""
    password: str = ""
    starttls: bool = True

    @classmethod
    def from_environment(cls) -> SmtpSettings:
        host = os.environ.get("OURSAY_SMTP_HOST", "").strip()
        sender = os.environ.get("OURSAY_SMTP_FROM", "").strip()
        if not host or not sender:
            raise MailNotConfigured(
                "e-mail is not set up: set OURSAY_SMTP_HOST and OURSAY_SMTP_FROM "
                "(docs/configuration.md)"
            )
        port_text = os.environ.get("OURSAY_SMTP_PORT", "").strip() or "587"
        try:
            port = int(port_text)
        except ValueError:
            raise MailNotConfigured(f"OURSAY_SMTP_PORT is not a number: {port_text!r}") from None
        starttls = os.environ.get("OURSAY_SMTP_STARTTLS", "1").strip().lower()
        return cls(
            host=host,
            port=port,
            sender=sender,
            user=os.environ.get("OURSAY_SMTP_USER", "").strip(),
            password=os.environ.get("OURSAY_SMTP_PASSWORD", ""),
            starttls=starttls not in ("0", "false", "no", "off"),
        )


@contextmanager
def smtp_connection(settings: SmtpSettings) -> Iterator[smtplib.SMTP]:
    with smtplib.SMTP(settings.host, settings.port, timeout=SMTP_TIMEOUT) as smtp:
        if settings.starttls:
            smtp.starttls(context=ssl.create_default_context())
        if settings.user:
            if not settings.starttls:
                raise MailNotConfigured(
                    "OURSAY_SMTP_USER is set but STARTTLS is off: a password is never sent "
                    "in the clear"
                )
            smtp.login(settings.user, settings.password)
        yield smtp


def send_one(settings: SmtpSettings, message: EmailMessage) -> None:
    with smtp_connection(settings) as smtp:
        smtp.send_message(message)
