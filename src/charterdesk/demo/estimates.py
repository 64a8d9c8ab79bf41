"""Demo estimates: Alice's sharding question awaits her approval of an estimate; Bob
approved one for a webhook review and part of the work is logged against it."""

from datetime import datetime, timedelta
from decimal import Decimal

from django.db import transaction

from charterdesk.accounts.models import User
from charterdesk.customers.models import Contact
from charterdesk.demo.reference import Reference
from charterdesk.estimates.models import EstimateState
from charterdesk.estimates.services import APPROVE, estimate_decide, estimate_send
from charterdesk.hours.models import Activity
from charterdesk.hours.services import time_entry_create
from charterdesk.intake.services import ticket_create
from charterdesk.plans.models import Plan
from charterdesk.tickets.models import Status, Ticket

T2 = "tier2@charterdesk.example"
AWAITING = "Best way to shard our tenants across regions?"
APPROVED = "Review our webhook architecture before Black Friday"
RATES = {"Gold": Decimal(150), "Silver": Decimal(165), "Bronze": Decimal(180)}


def add_demo(ref: Reference, now: datetime) -> None:
    """Create the demo estimates that are missing (the demo command runs again and again)."""
    with transaction.atomic():
        for name, rate in RATES.items():
            Plan.objects.filter(name=name, consulting_rate=0).update(consulting_rate=rate)
        agent = ref.users[T2]
        awaiting = Ticket.objects.filter(subject=AWAITING).exclude(status=Status.CLOSED).first()
        if awaiting is not None and not awaiting.estimates.exists():
            awaiting.refresh_from_db()
            estimate_send(
                awaiting,
                agent,
                hours=Decimal(12),
                scope="Two workshops with your architects, a written regional sharding plan "
                "(tenant placement, data migration without downtime, rollback) and a review "
                "of the first migration.",
                at=now - timedelta(hours=30),  # after the reply that announces it
            )
        if not Ticket.objects.filter(subject=APPROVED).exists():
            _approved(agent, now)


def _approved(agent: User, now: datetime) -> None:
    bob = Contact.objects.select_related("organization", "user").get(email="bob@globex.example")
    ticket = ticket_create(
        requester=bob,
        subject=APPROVED,
        body="Black Friday is coming. Could your engineers review how we consume webhooks "
        "and tell us what will break at ten times the volume?",
        request_type="consulting",
        actor=bob.user,
        at=now - timedelta(days=5),
    )
    estimate = estimate_send(
        ticket,
        agent,
        hours=Decimal(8),
        scope="Review of the webhook consumers, a load test at 10× volume and a written "
        "report with fixes.",
        at=now - timedelta(days=4),
    )
    estimate_decide(estimate, bob, APPROVE, "Go ahead.", at=now - timedelta(days=3))
    assert estimate.state == EstimateState.APPROVED  # noqa: S101 - demo data sanity
    for day, minutes, note in ((2, 120, "Reviewed the consumers"), (1, 90, "Load test, run 1")):
        time_entry_create(
            ticket,
            agent,
            minutes=minutes,
            activity=Activity.CONSULTING,
            note=note,
            worked_at=now - timedelta(days=day),
            at=now - timedelta(days=day),
        )
