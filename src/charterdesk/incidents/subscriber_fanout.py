"""Notices to status-page subscribers, in SQL batches, through the outbox.

A subscriber hears about the services they chose (and so about a part of one, or the
service a chosen part belongs to: the same rule as the audience of an incident). Each
batch of BATCH subscribers (by id) is one `INSERT INTO mail_outboundmail ... SELECT ...
FROM incidents_subscriber` statement: every mail carries the subscriber's own manage
link in its text and its List-Unsubscribe (+ One-Click, RFC 8058) header, all built in
SQL, so nothing per subscriber passes through Python and memory stays flat whatever
their number. Someone who is also in the incident's stored audience (same address) is
left out: they already have the customers' notice."""

import secrets
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import connection, transaction

from charterdesk.core.sql import in_ids
from charterdesk.mail.models import Delivery, MailKind, OutboundMail
from charterdesk.mail.tokens import support_parts

from .audience import affected_service_ids
from .delivery import deliver_notices
from .models import AudienceContact, Incident, Subscriber, Subscription

BATCH = 5000
FOOTER = (
    "\n\n--\nYou get this because you subscribed to updates on our status page.\n"
    "Manage your subscription or unsubscribe: "
)


def manage_base() -> str:
    """The manage link without its token (the status app serves it)."""
    return f"{settings.SITE_URL.rstrip('/')}/status/subscriptions/"


def subscribers_notify(
    service_ids: Iterable[int],
    subject: str,
    text: str,
    now: datetime,
    *,
    key: str,
    incident: Incident | None = None,
    mailed: str = "",
) -> int:
    """Queue the notice to every confirmed subscriber of the services (and their parts and
    parents), once each, leaving out the incident's audience and those already sent the
    mails whose Message-IDs start with `mailed`. `key` names the notice in the mails'
    Message-IDs. Returns how many mails were queued."""
    scope = affected_service_ids(service_ids)
    if not scope:
        return 0
    prefix = f"{key}-{secrets.token_hex(6)}"
    # Batches of BATCH subscriptions to the services (index subscription_by_service).
    ids = Subscription.objects.filter(service_id__in=scope).order_by("subscriber_id")
    last, queued = 0, 0
    while True:
        after = ids.filter(subscriber_id__gt=last).values_list("subscriber_id", flat=True)
        bound = list(after[BATCH - 1 : BATCH])
        upper = bound[0] if bound else None
        queued += _insert(scope, subject, text, now, prefix, (incident, mailed), last, upper)
        if upper is None:
            return queued
        last = upper


def _headers_sql() -> str:
    """The headers as one JSON object, the subscriber's link in List-Unsubscribe."""
    build = "json_object" if connection.vendor == "sqlite" else "jsonb_build_object"
    return (
        f"{build}('Auto-Submitted', 'auto-generated', 'X-Auto-Response-Suppress', 'All', "
        "'List-Unsubscribe', '<' || CAST(%s AS TEXT) || s.token || '/unsubscribe>', "
        "'List-Unsubscribe-Post', 'List-Unsubscribe=One-Click', "
        "'List-Id', CAST(%s AS TEXT))"
    )


def _left_out(incident: Incident | None, mailed: str) -> tuple[str, list[Any]]:
    """Who already has the notice: the incident's audience (one look-up per subscriber in
    the index audience_by_address; LOWER on both sides, as SQLite uses an expression index
    only for a comparison without column affinity), or the mails whose Message-IDs start
    with `mailed` (index outbox_by_recipient)."""
    sql, params = "", list[Any]()
    if incident is not None:
        sql += (
            f" AND NOT EXISTS (SELECT 1 FROM {AudienceContact._meta.db_table} a "  # noqa: S608 - a name
            "WHERE a.incident_id = %s AND LOWER(a.email) = LOWER(s.email))"
        )
        params.append(incident.pk)
    if mailed:
        sql += (
            f" AND NOT EXISTS (SELECT 1 FROM {OutboundMail._meta.db_table} m "  # noqa: S608 - a name
            "WHERE m.recipient = s.email AND m.message_id LIKE %s)"
        )
        params.append(f"{mailed}.%")
    return sql, params


def _insert(
    scope: list[int],
    subject: str,
    text: str,
    now: datetime,
    prefix: str,
    skip: tuple[Incident | None, str],
    after: int,
    upto: int | None,
) -> int:
    mail, subscriber = OutboundMail._meta.db_table, Subscriber._meta.db_table
    domain = support_parts()[1]
    to = "json_array(s.email)" if connection.vendor == "sqlite" else "jsonb_build_array(s.email)"
    at = connection.ops.adapt_datetimefield_value(now)
    chosen, chosen_params = in_ids("x.service_id", scope)
    audience, audience_params = _left_out(*skip)
    sql = (
        f"INSERT INTO {mail} (kind, automatic, recipient, {connection.ops.quote_name('to')}, "  # noqa: S608 - names only
        "subject, text, html, message_id, headers, state, attempts, next_attempt_at, "
        "last_error, created_at) "
        f"SELECT %s, %s, s.email, {to}, %s, CAST(%s AS TEXT) || s.token, '', "
        f"CAST(%s AS TEXT) || CAST(s.id AS TEXT) || CAST(%s AS TEXT), {_headers_sql()}, "
        f"%s, 0, %s, '', %s FROM {subscriber} s "
        "WHERE s.confirmed_at IS NOT NULL AND s.id > %s "
        f"AND EXISTS (SELECT 1 FROM {Subscription._meta.db_table} x "
        f"WHERE x.subscriber_id = s.id AND {chosen})" + audience
    )
    params: list[Any] = [
        MailKind.NOTIFICATION.value,
        True,
        subject,
        text + FOOTER + manage_base(),
        f"{prefix}.",
        f"@{domain}",
        manage_base(),
        f"<status.{domain}>",
        Delivery.QUEUED.value,
        at,
        at,
        after,
        *chosen_params,
        *audience_params,
    ]
    if upto is not None:
        sql += " AND s.id <= %s"
        params.append(upto)
    with connection.cursor() as cursor:
        cursor.execute("SELECT COALESCE(MAX(id), 0) FROM " + mail)  # noqa: S608 - a name
        low = cursor.fetchone()[0]
        cursor.execute(sql, params)
        count = cursor.rowcount
        cursor.execute("SELECT COALESCE(MAX(id), 0) FROM " + mail)  # noqa: S608 - a name
        high = cursor.fetchone()[0]
    if count:
        transaction.on_commit(lambda: deliver_notices.enqueue(low, high))
    return max(count, 0)
