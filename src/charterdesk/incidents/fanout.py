"""Customer notices to an incident's stored audience, in SQL batches.

The notice is rendered once. Each batch of BATCH audience rows becomes one
`INSERT INTO mail_outboundmail ... SELECT ... FROM incidents_audiencecontact` statement,
so nothing per contact passes through Python and memory stays flat whatever the
audience's size (100,000 contacts: 50 statements). A bouncing address is written
`suppressed`, as `mail_queue` does; so is an address `mail.addresses` refuses (found
by one streamed read of the addresses, a few microseconds each). Each batch's mails go to
one delivery task on commit; the outbox sweep sends whatever a lost task left behind."""

import json
import secrets
from datetime import datetime
from typing import Any

from django.db import connection, transaction

from charterdesk.customers.models import Contact
from charterdesk.mail.addresses import address_problem
from charterdesk.mail.models import Delivery, MailKind, OutboundMail
from charterdesk.mail.tokens import support_parts

from .delivery import deliver_notices
from .models import AudienceContact, Incident
from .subscriber_fanout import subscribers_notify

BATCH = 2000
HEADERS = {"Auto-Submitted": "auto-generated", "X-Auto-Response-Suppress": "All"}
BOUNCING = "the address is bouncing"


def notices_send(
    incident: Incident,
    subject: str,
    text: str,
    now: datetime,
    *,
    subscribers: bool = True,
    after: int = 0,
) -> int:
    """Queue one mail per audience contact (those whose audience row id is above
    `after`: the newly affected), and for a public incident (unless `subscribers` is
    False) one per status-page subscriber of its services who is not in the audience.
    Returns how many were queued."""
    refused = _refused_addresses(incident, after)
    prefix = f"incident-{incident.pk}-{secrets.token_hex(6)}"
    bounds = AudienceContact.objects.filter(incident=incident).order_by("pk")
    last, queued = after, 0
    while True:
        ids = list(bounds.filter(pk__gt=last).values_list("pk", flat=True)[BATCH - 1 : BATCH])
        upper = ids[0] if ids else None
        queued += _insert(incident, subject, text, now, prefix, last, upper)
        if upper is None:
            break
        last = upper
    queued -= _suppress(prefix, refused)
    if subscribers and incident.is_public:
        services = incident.services.values_list("pk", flat=True)
        key = f"incident-{incident.pk}-status"
        queued += subscribers_notify(services, subject, text, now, key=key, incident=incident)
    return queued


def _insert(
    incident: Incident,
    subject: str,
    text: str,
    now: datetime,
    prefix: str,
    after: int,
    upto: int | None,
) -> int:
    """One batch: audience rows in (after, upto]; its mails' ids go to one task.
    Returns how many of them are queued (not suppressed for a bouncing address)."""
    mail, contact, audience = (
        OutboundMail._meta.db_table,
        Contact._meta.db_table,
        AudienceContact._meta.db_table,
    )
    domain = support_parts()[1]
    to = "json_array(a.email)" if connection.vendor == "sqlite" else "jsonb_build_array(a.email)"
    headers = "%s" if connection.vendor == "sqlite" else "%s::jsonb"
    at = connection.ops.adapt_datetimefield_value(now)
    sql = (
        f"INSERT INTO {mail} (kind, automatic, recipient, {_q('to')}, subject, text, html, "  # noqa: S608 - names only
        "message_id, headers, state, attempts, next_attempt_at, last_error, created_at) "
        f"SELECT %s, %s, LOWER(a.email), {to}, %s, %s, '', "
        f"%s || CAST(a.id AS TEXT) || %s, {headers}, "
        "CASE WHEN c.bouncing_since IS NULL THEN %s ELSE %s END, 0, %s, "
        "CASE WHEN c.bouncing_since IS NULL THEN '' ELSE %s END, %s "
        f"FROM {audience} a JOIN {contact} c ON c.id = a.contact_id "
        "WHERE a.incident_id = %s AND a.id > %s"
    )
    params: list[Any] = [
        MailKind.NOTIFICATION.value,
        True,
        subject,
        text,
        f"{prefix}.",
        f"@{domain}",
        json.dumps(HEADERS),
        Delivery.QUEUED.value,
        Delivery.SUPPRESSED.value,
        at,
        BOUNCING,
        at,
        incident.pk,
        after,
    ]
    if upto is not None:
        sql += " AND a.id <= %s"
        params.append(upto)
    with connection.cursor() as cursor:
        cursor.execute("SELECT COALESCE(MAX(id), 0) FROM " + mail)  # noqa: S608 - a name
        low = cursor.fetchone()[0]
        cursor.execute(sql, params)
        count = cursor.rowcount
        cursor.execute("SELECT COALESCE(MAX(id), 0) FROM " + mail)  # noqa: S608 - a name
        high = cursor.fetchone()[0]
    if not count:
        return 0
    transaction.on_commit(lambda: deliver_notices.enqueue(low, high))
    batch = OutboundMail.objects.filter(pk__gt=low, pk__lte=high, message_id__startswith=prefix)
    return count - batch.filter(state=Delivery.SUPPRESSED).count()


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


def _refused_addresses(incident: Incident, after: int = 0) -> dict[str, str]:
    """Addresses of the audience that cannot be mailed, and why (streamed, rarely any)."""
    audience = AudienceContact.objects.filter(incident=incident, pk__gt=after)
    rows = audience.values_list("email", flat=True)
    refused = {}
    for email in rows.iterator(chunk_size=BATCH):
        problem = address_problem(email)
        if problem:
            refused[email.lower()] = problem[:500]
    return refused


def _suppress(prefix: str, refused: dict[str, str]) -> int:
    """Suppress the mails to refused addresses; returns how many were queued before."""
    suppressed = 0
    for address, problem in refused.items():
        suppressed += OutboundMail.objects.filter(
            recipient=address, message_id__startswith=f"{prefix}.", state=Delivery.QUEUED
        ).update(state=Delivery.SUPPRESSED, last_error=problem)
    return suppressed
