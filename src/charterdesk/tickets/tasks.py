"""Background work on tickets: fetch by id, call a service. Enqueued on commit."""

from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django_tasks import task

from .models import EventKind, Message, Status, Ticket, Visibility
from .services.history import record


@task()
def notify_requester_of_reply(message_id: int) -> None:
    """Mail an agent's public reply to the requester (never an internal note)."""
    message = (
        Message.objects.select_related("ticket__requester", "author")
        .filter(pk=message_id, visibility=Visibility.PUBLIC, from_staff=True)
        .first()
    )
    if message is None:
        return
    ticket = message.ticket
    context = {"ticket": ticket, "message": message, "site_url": settings.SITE_URL}
    send_mail(
        subject=f"[#{ticket.pk}] {ticket.subject}",
        message=render_to_string("tickets/mail/reply.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[ticket.requester.email],
    )


@task()
def close_solved_tickets() -> int:
    """Close tickets solved longer ago than CLOSE_SOLVED_AFTER_DAYS (a scheduler job)."""
    cutoff = timezone.now() - timedelta(days=settings.CLOSE_SOLVED_AFTER_DAYS)
    closed = 0
    ids = list(
        Ticket.objects.filter(status=Status.SOLVED, solved_at__lt=cutoff).values_list(
            "pk", flat=True
        )[:1000]
    )
    for pk in ids:
        with transaction.atomic():
            ticket = Ticket.objects.select_for_update().filter(pk=pk, status=Status.SOLVED).first()
            if ticket is None:
                continue
            ticket.status = Status.CLOSED
            ticket.updated_at = timezone.now()
            ticket.save(update_fields=["status", "updated_at"])
            record(
                ticket,
                None,
                EventKind.CHANGED,
                field="status",
                old=Status.SOLVED,
                new=Status.CLOSED,
                note="closed automatically after being solved",
            )
            closed += 1
    return closed
