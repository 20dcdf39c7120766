"""E-mail alerts: a supporter follows any feed by e-mail.

- Double opt-in: a subscribe request stores nothing. It mails a confirmation link whose
  signed token (itsdangerous, with the app's secret key) carries the address, the feed and
  the frequency; only following that link stores a ``subscriptions`` row. So a stranger's
  address typed into the form is never kept, and gets one mail at most (the web app also
  rate-limits requests per client and per address).
- On confirmation every item the feed lists already is recorded as known
  (``alert_deliveries``): alerts carry what appears after that, and each item once.
- ``oursay alerts send --digest immediate|daily`` mails each subscription of that frequency
  the feed's items it has not had, one mail per subscription, with RFC 8058 one-click
  unsubscribe headers. Unsubscribing deletes the row (and what it was sent);
  ``oursay alerts forget EMAIL`` deletes every subscription of an address.

Addresses are used for this and nothing else: no page, feed or export shows them.
"""

from __future__ import annotations

import hashlib
import re
import smtplib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from typing import Any
from urllib.parse import urlencode

from itsdangerous import BadSignature, SignatureExpired, URLSafeSerializer, URLSafeTimedSerializer
from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from feeds.build import FeedSpec, load_councils, sentence, summarise
from feeds.choices import feed_states, find_feed
from feeds.items import ItemSummary
from oursay.mail import SmtpSettings, smtp_connection
from storage.models import AlertDelivery, Subscription, utcnow

FREQUENCIES = {"immediate": "As soon as they appear", "daily": "Once a day, in one e-mail"}
CONFIRM_MAX_AGE = 7 * 24 * 60 * 60  # a week to find the mail and follow its link
MAX_ITEMS_PER_MAIL = 50  # a digest longer than this links to the feed for the rest
# Deliberately simple: one @, no spaces, a dot in the domain. The confirmation mail is the
# real check.
_EMAIL = re.compile(r"^[^@\s<>()\[\],;:\"]{1,64}@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")


class AlertError(ValueError):
    """A request that cannot be honoured, with a sentence for the person who made it."""


def normalise_email(value: str) -> str:
    address = value.strip()
    if len(address) > 254 or not _EMAIL.match(address):
        raise AlertError("That does not look like an e-mail address.")
    local, _, domain = address.rpartition("@")
    return f"{local}@{domain.lower()}"


def _address_hash(email: str) -> str:
    return hashlib.sha256(email.lower().encode()).hexdigest()[:20]


@dataclass(frozen=True)
class Tokens:
    """Signed links. Confirmation tokens expire; unsubscribe tokens do not (an old mail's
    link must still work), and name the subscription by id and a hash of its address, so a
    reused id never unsubscribes someone else."""

    secret: str

    def confirm(self, email: str, feed: str, frequency: str) -> str:
        serializer = URLSafeTimedSerializer(self.secret, salt="oursay-alerts-confirm")
        return serializer.dumps({"e": email, "f": feed, "n": frequency})

    def read_confirm(self, token: str, max_age: int = CONFIRM_MAX_AGE) -> tuple[str, str, str]:
        serializer = URLSafeTimedSerializer(self.secret, salt="oursay-alerts-confirm")
        try:
            data = serializer.loads(token, max_age=max_age)
        except SignatureExpired:
            raise AlertError("This confirmation link has expired: subscribe again.") from None
        except BadSignature:
            raise AlertError("This confirmation link is not valid.") from None
        return str(data["e"]), str(data["f"]), str(data["n"])

    def unsubscribe(self, subscription: Subscription) -> str:
        serializer = URLSafeSerializer(self.secret, salt="oursay-alerts-unsubscribe")
        return serializer.dumps({"s": subscription.id, "h": _address_hash(subscription.email)})

    def read_unsubscribe(self, token: str) -> tuple[int, str]:
        serializer = URLSafeSerializer(self.secret, salt="oursay-alerts-unsubscribe")
        try:
            data = serializer.loads(token)
            return int(data["s"]), str(data["h"])
        except (BadSignature, KeyError, TypeError, ValueError):
            raise AlertError("This unsubscribe link is not valid.") from None


# --------------------------------------------------------------------------- subscribing


def subscribe_request(
    session: Session, tokens: Tokens, email: str, feed: str, frequency: str
) -> tuple[str, FeedSpec, str]:
    """Check a request; returns the address, the feed and the confirmation token."""
    address = normalise_email(email)
    if frequency not in FREQUENCIES:
        raise AlertError("Choose how often you want e-mails.")
    spec = find_feed(session, feed)
    if spec is None:
        raise AlertError("There is no feed at that address.")
    return address, spec, tokens.confirm(address, feed, frequency)


def confirmation_message(
    settings: SmtpSettings, address: str, spec: FeedSpec, frequency: str, confirm_url: str
) -> EmailMessage:
    message = _message(settings, address, f"Confirm your oursay alerts: {_short(spec)}")
    message.set_content(
        f"Someone, probably you, asked for e-mail alerts from oursay for this feed:\n\n"
        f"  {spec.title}\n  {spec.description}\n\n"
        f"How often: {FREQUENCIES[frequency].lower()}.\n\n"
        f"To start them, open this link and press the button:\n\n  {confirm_url}\n\n"
        "If you did not ask for this, ignore this e-mail: nothing was stored and you will "
        "not hear from us again.\n"
    )
    return message


def confirm(session: Session, tokens: Tokens, token: str) -> Subscription:
    """Store the subscription a confirmation token carries (again: the same row)."""
    address, feed, frequency = tokens.read_confirm(token)
    spec = find_feed(session, feed)
    if spec is None:
        raise AlertError("That feed no longer exists.")
    existing = session.scalar(
        select(Subscription).where(Subscription.email == address, Subscription.feed == feed)
    )
    if existing is not None:
        existing.frequency = frequency
        session.commit()
        return existing
    subscription = Subscription(email=address, feed=feed, frequency=frequency)
    session.add(subscription)
    try:
        session.flush()
    except IntegrityError:  # the same link followed twice at once
        session.rollback()
        raise AlertError("You are already subscribed.") from None
    # What the feed holds now is known: alerts carry what comes after.
    now = utcnow()
    guids = {summarise(s).guid for s in feed_states(session, spec)}
    session.add_all(AlertDelivery(subscription=subscription, guid=g, sent_at=now) for g in guids)
    session.commit()
    return subscription


def unsubscribe(session: Session, tokens: Tokens, token: str) -> bool:
    """Delete the subscription; False when it was already gone."""
    subscription_id, address_hash = tokens.read_unsubscribe(token)
    subscription = session.get(Subscription, subscription_id)
    if subscription is None or _address_hash(subscription.email) != address_hash:
        return False
    session.delete(subscription)
    session.commit()
    return True


def forget(session: Session, email: str) -> int:
    """Delete every subscription of an address (``oursay alerts forget``)."""
    address = normalise_email(email)
    # Any spelling of the address: a deletion request must not miss a row over case.
    rows = session.scalars(
        select(Subscription).where(func.lower(Subscription.email) == address.lower())
    ).all()
    ids = [s.id for s in rows]
    if ids:
        session.execute(delete(AlertDelivery).where(AlertDelivery.subscription_id.in_(ids)))
        session.execute(delete(Subscription).where(Subscription.id.in_(ids)))
        session.commit()
    return len(ids)


# --------------------------------------------------------------------------- sending


@dataclass
class SendReport:
    subscriptions: int = 0
    mails: int = 0
    items: int = 0
    failures: list[str] = field(default_factory=list)


def send_alerts(
    session: Session,
    tokens: Tokens,
    settings: SmtpSettings,
    base_url: str,
    frequency: str,
    *,
    now: Callable[[], datetime] = utcnow,
) -> SendReport:
    """Mail every subscription of ``frequency`` what its feed gained since it last heard;
    record each item sent, after the mail went, so a failed run is sent again next time."""
    if frequency not in FREQUENCIES:
        raise ValueError(f"unknown frequency {frequency!r}: immediate or daily")
    base = base_url.rstrip("/")
    report = SendReport()
    councils = load_councils(session)
    subscriptions = session.scalars(
        select(Subscription).where(Subscription.frequency == frequency).order_by(Subscription.id)
    ).all()
    report.subscriptions = len(subscriptions)
    by_feed: dict[str, tuple[FeedSpec | None, list[ItemSummary]]] = {}
    pending: list[tuple[Subscription, FeedSpec, list[ItemSummary]]] = []
    for subscription in subscriptions:
        if subscription.feed not in by_feed:
            spec = find_feed(session, subscription.feed)
            items = []
            if spec is not None:
                items = [
                    summarise(s, _council_name(councils, s)) for s in feed_states(session, spec)
                ]
            by_feed[subscription.feed] = (spec, items)
        spec, items = by_feed[subscription.feed]
        if spec is None:
            report.failures.append(f"subscription {subscription.id}: feed gone")
            continue
        known = set(
            session.scalars(
                select(AlertDelivery.guid).where(AlertDelivery.subscription_id == subscription.id)
            )
        )
        new = _unique([i for i in items if i.guid not in known])
        if new:
            pending.append((subscription, spec, new))
    if not pending:
        return report
    with smtp_connection(settings) as smtp:
        for subscription, spec, new in pending:
            message = alert_message(settings, tokens, base, subscription, spec, new, frequency)
            try:
                smtp.send_message(message)
            except smtplib.SMTPException as error:
                report.failures.append(f"subscription {subscription.id}: {error}")
                continue
            sent_at = now()
            session.add_all(
                AlertDelivery(subscription_id=subscription.id, guid=i.guid, sent_at=sent_at)
                for i in new
            )
            subscription.last_sent_at = sent_at
            session.commit()
            report.mails += 1
            report.items += len(new)
    return report


def _council_name(councils: dict[str, Any], state: Any) -> str | None:
    council = councils.get(state.record.council_code or "")
    return council.name if council else None


def _unique(items: Iterable[ItemSummary]) -> list[ItemSummary]:
    """One entry per GUID (the records of one decision share it), newest first."""
    seen: set[str] = set()
    kept = []
    for item in items:
        if item.guid not in seen:
            seen.add(item.guid)
            kept.append(item)
    return kept


def _short(spec: FeedSpec) -> str:
    return spec.title.removeprefix("oursay: ")


def _message(settings: SmtpSettings, to: str, subject: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = settings.sender
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = format_datetime(utcnow())
    domain = settings.sender.rpartition("@")[2].strip("> ") or "oursay.invalid"
    message["Message-ID"] = make_msgid(domain=domain)
    message["Auto-Submitted"] = "auto-generated"  # RFC 3834: no auto-replies, please
    return message


def unsubscribe_url(base: str, tokens: Tokens, subscription: Subscription) -> str:
    return f"{base}/alerts/unsubscribe?{urlencode({'token': tokens.unsubscribe(subscription)})}"


def alert_message(
    settings: SmtpSettings,
    tokens: Tokens,
    base: str,
    subscription: Subscription,
    spec: FeedSpec,
    items: list[ItemSummary],
    frequency: str,
) -> EmailMessage:
    count = len(items)
    noun = "item" if count == 1 else "items"
    if frequency == "daily":
        subject = f"oursay daily digest: {count} new {noun}, {_short(spec)}"
    elif count == 1:
        subject = f"oursay: {items[0].title}"
    else:
        subject = f"oursay: {count} new {noun}, {_short(spec)}"
    message = _message(settings, subscription.email, subject[:200])
    leave = unsubscribe_url(base, tokens, subscription)
    # RFC 8058: a mail client may offer one-click unsubscribe, POSTing to this URL.
    message["List-Unsubscribe"] = f"<{leave}>"
    message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message["List-Id"] = "oursay alerts <alerts.oursay.invalid>"
    lines = [f"{spec.title}", f"{spec.description}", ""]
    for item in items[:MAX_ITEMS_PER_MAIL]:
        lines.append(f"* {item.council_name + ': ' if item.council_name else ''}{item.title}")
        lines.append(f"  {item.date_text}. {item.status_text}.")
        if item.missing:
            lines.append(f"  {sentence(item.missing)}")
        lines.append(f"  {base}/items/{item.record_id}")
        lines.append("")
    if count > MAX_ITEMS_PER_MAIL:
        lines.append(f"… and {count - MAX_ITEMS_PER_MAIL} more in the feed.")
    lines.append(f"The feed: {base}/{spec.path('rss')}")
    lines.append("")
    lines.append("You get these because you asked for them on oursay.")
    lines.append(f"Stop them with one click: {leave}")
    message.set_content("\n".join(lines) + "\n")
    return message
