"""Demo spikes and knowledge gaps: a burst of upload tickets from three organizations in
the last hour (the spike detector raises a suspected incident with them linked), and a
public answer on the newest imported tickets of each category, so "Draft an article" on
the knowledge-gaps page has an answer to start from. Empty help-center searches come
from the knowledge demo."""

from datetime import datetime, timedelta

from django.utils import timezone

from charterdesk.customers.models import Contact
from charterdesk.demo.reference import Reference
from charterdesk.insights.models import Spike
from charterdesk.insights.spikes.detect import spikes_detect
from charterdesk.intake.services import ticket_create
from charterdesk.tickets.models import Message, Status, Ticket

T1 = "tier1@charterdesk.example"
BURST = [
    ("alice@acme.example", "Uploads fail with a timeout"),
    ("wile@acme.example", "File uploads stuck at 99%"),
    ("bob@globex.example", "Uploads time out since this morning"),
    ("bob@globex.example", "Cannot finish uploads"),
    ("carol@initech.example", "Uploads of large files fail"),
    ("carol@initech.example", "Uploads broken?"),
    ("alice@acme.example", "Uploads still failing"),
]
ANSWERS = {
    "Billing › Refunds": "Refunds go back to the card used within 5 to 10 business days; "
    "the invoice page shows a credit note at once.",
    "Billing › Invoices": "Open Billing, then Invoices, and edit the billing profile: the next "
    "invoice carries the new VAT number and address; ask us to reissue older ones.",
    "Account › Login": "After a password reset, sign out everywhere and clear the SSO "
    "session; an SSO loop means the identity provider's callback URL is outdated.",
    "Integrations › Webhooks": "Webhook deliveries time out after 10 seconds: answer with 200 "
    "at once and process later; check the signature with the endpoint's current secret.",
    "Data › Export": "Exports include archived rows only with the 'Include archived' box; a "
    "failing CSV export is usually a filter that matches over a million rows.",
    "Performance › Outage": "Check the status page first; a 502 on checkout during an "
    "incident clears once it is resolved.",
}


def add_demo(ref: Reference, now: datetime) -> None:
    _answers(ref)
    if Spike.objects.exists():
        return
    for email, subject in BURST:
        requester = Contact.objects.select_related("user").get(email=email)
        ticket_create(
            requester=requester,
            actor=requester.user,
            subject=subject,
            body="Every upload over a few megabytes stops and shows a timeout.",
            request_type="error",
            priority="high",
        )
    spikes_detect(max(now, timezone.now()) + timedelta(seconds=1))


def _answers(ref: Reference) -> None:
    """A public answer on the two newest imported solved tickets of each category, in the
    order the knowledge-gaps page drafts from (`gap_tickets`: newest solved, then highest
    id). Many imported tickets share their solved time (capped a few minutes before now):
    ordered by that time alone, PostgreSQL picked any two of them, often outside the
    twenty candidates the draft looks at."""
    agent = ref.users[T1]
    for path, answer in ANSWERS.items():
        newest = Ticket.objects.filter(
            category__path=path, status=Status.SOLVED, imported_from__isnull=False
        ).order_by("-solved_at", "-id")[:2]
        for ticket in newest:
            if not Message.objects.filter(ticket=ticket, from_staff=True).exists():
                Message.objects.create(
                    ticket=ticket,
                    author=agent,
                    from_staff=True,
                    body=answer,
                    created_at=ticket.solved_at or ticket.created_at,
                )
