"""Periodic work of intake: the authorized contacts hear of requests refused because the
contact who sent them is not on the contract's list."""

from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import QuerySet

from charterdesk.core.vocabulary import Alternative
from charterdesk.mail.outbox import mail_queue
from charterdesk.tickets.models import EventKind, Ticket
from charterdesk.tickets.services.history import record

NOTICE_FIELD = "authorized_contacts"  # the history line that says they were told
LOOK_BACK = timedelta(days=7)
BATCH = 200


def unauthorized_requests(now: datetime) -> QuerySet[Ticket]:
    """Recent requests refused because the contact is not authorized, whose contract's
    authorized contacts were not told yet."""
    told = Ticket.objects.filter(events__kind=EventKind.MAIL, events__field=NOTICE_FIELD).values(
        "pk"
    )
    return (
        Ticket.objects.filter(
            coverage_alternative=Alternative.AUTHORIZED_CONTACT,
            contract__isnull=False,
            created_at__gte=now - LOOK_BACK,
        )
        .exclude(pk__in=told)
        .order_by("id")
    )


def authorized_contacts_tell(ticket: Ticket, now: datetime) -> list[str]:
    """Mail the authorized contacts about one refused request, once (history records it)."""
    contract = ticket.contract
    assert contract is not None  # noqa: S101 - unauthorized_requests filters these
    addresses = list(
        contract.authorized_contacts.filter(bouncing_since__isnull=True)
        .exclude(pk=ticket.requester_id)
        .values_list("email", flat=True)
    )
    for address in addresses:
        mail_queue(
            to=address,
            template="intake/mail/unauthorized_request",
            context={"ticket": ticket, "contract": contract, "requester": ticket.requester},
        )
    record(
        ticket,
        None,
        EventKind.MAIL,
        field=NOTICE_FIELD,
        new=len(addresses),
        note=f"Told the authorized contacts: {', '.join(addresses) or 'none on the list'}",
        internal=True,
        at=now,
    )
    return addresses


def sweep_unauthorized(now: datetime) -> int:
    """Tell the authorized contacts of every refused request not told yet."""
    told = 0
    for pk in list(unauthorized_requests(now).values_list("pk", flat=True)[:BATCH]):
        with transaction.atomic(durable=True):
            ticket = (
                unauthorized_requests(now)
                .select_for_update(of=("self",))
                .select_related("requester", "contract__plan", "contract__organization")
                .filter(pk=pk)
                .first()
            )
            if ticket is not None:  # another worker may have told them meanwhile
                authorized_contacts_tell(ticket, now)
                told += 1
    return told
