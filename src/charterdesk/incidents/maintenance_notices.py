"""Maintenance notices to the customers of its services, in SQL, through the outbox.

The customers are those an incident on the same services and regions would alert (the
rule of `audience.affected_in`: deployments, then administrators, authorized contacts and
opted-in contacts), computed when the notice leaves: a maintenance window keeps no
audience. One `INSERT INTO mail_outboundmail ... SELECT ... FROM customers_contact` queues
them all (nothing per contact in Python); their delivery goes to tasks of DELIVERY mails
each on commit. A bouncing address gets a `suppressed` row, as for incident notices."""

import json
from datetime import datetime
from functools import partial
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from charterdesk.customers.models import Contact
from charterdesk.mail.models import Delivery, MailKind, OutboundMail
from charterdesk.mail.tokens import support_parts

from .audience import Scope, affected_in, affected_service_ids
from .delivery import deliver_notices
from .fanout import BOUNCING, HEADERS
from .models import Maintenance

DELIVERY = 2000


def maintenance_customers_notify(
    maintenance: Maintenance, subject: str, text: str, now: datetime, *, prefix: str
) -> int:
    """Queue the notice to every affected contact; Message-IDs start with `prefix.`.
    Returns how many were queued (not suppressed)."""
    services = list(maintenance.services.values_list("pk", flat=True))
    scope = Scope(affected_service_ids(services), [r for r in maintenance.regions if r])
    if not scope.service_ids:
        return 0
    contacts = affected_in(scope, timezone.localdate(now))[1].order_by().values("pk")
    chosen, chosen_params = contacts.query.sql_with_params()
    mail, contact = OutboundMail._meta.db_table, Contact._meta.db_table
    to = "json_array(c.email)" if connection.vendor == "sqlite" else "jsonb_build_array(c.email)"
    headers = "%s" if connection.vendor == "sqlite" else "%s::jsonb"
    at = connection.ops.adapt_datetimefield_value(now)
    sql = (
        f"INSERT INTO {mail} (kind, automatic, recipient, {connection.ops.quote_name('to')}, "  # noqa: S608 - names, and Django's own SQL
        "subject, text, html, message_id, headers, state, attempts, next_attempt_at, "
        "last_error, created_at) "
        f"SELECT %s, %s, LOWER(c.email), {to}, %s, %s, '', "
        f"CAST(%s AS TEXT) || CAST(c.id AS TEXT) || CAST(%s AS TEXT), {headers}, "
        "CASE WHEN c.bouncing_since IS NULL THEN %s ELSE %s END, 0, %s, "
        "CASE WHEN c.bouncing_since IS NULL THEN '' ELSE %s END, %s "
        f"FROM {contact} c WHERE c.id IN ({chosen})"
    )
    params: list[Any] = [
        MailKind.NOTIFICATION.value,
        True,
        subject,
        text,
        f"{prefix}.",
        f"@{support_parts()[1]}",
        json.dumps(HEADERS),
        Delivery.QUEUED.value,
        Delivery.SUPPRESSED.value,
        at,
        BOUNCING,
        at,
        *chosen_params,
    ]
    with connection.cursor() as cursor:
        cursor.execute("SELECT COALESCE(MAX(id), 0) FROM " + mail)  # noqa: S608 - a name
        low = cursor.fetchone()[0]
        cursor.execute(sql, params)
        cursor.execute("SELECT COALESCE(MAX(id), 0) FROM " + mail)  # noqa: S608 - a name
        high = cursor.fetchone()[0]
    for start in range(low, high, DELIVERY):
        transaction.on_commit(partial(deliver_notices.enqueue, start, min(start + DELIVERY, high)))
    mine = OutboundMail.objects.filter(pk__gt=low, pk__lte=high, message_id__startswith=prefix)
    return mine.filter(state=Delivery.QUEUED).count()
