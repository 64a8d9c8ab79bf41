"""Demo promises: one open, one due soon (a reminder shows), one overdue, one kept and one
broken, so the ticket pages, the portal and the managers' dashboard have something real."""

from datetime import datetime, timedelta

from charterdesk.commitments.models import Commitment, CommitmentState
from charterdesk.commitments.services import commitment_create, commitment_settle
from charterdesk.demo.reference import Reference
from charterdesk.tickets.models import Status, Ticket

T1, T2, T3 = "tier1@charterdesk.example", "tier2@charterdesk.example", "tier3@charterdesk.example"

# (ticket subject, owner, promise, hours from now it is due, hours ago it was made, outcome);
# every promise is made after its ticket was opened (see conversations.STORIES for their ages)
PROMISES = [
    ("Checkout returns 502 for all EU customers", T2, "Call Alice back with the root cause",
     20, 1, None),
    ("Export to CSV fails with 'invalid date'", T3, "Fix for the invalid date ships in 4.2",
     24 * 9, 2, None),
    ("API rate limit seems lower than documented", T1, "Confirm the documented limit with "
     "engineering", 1, 2, None),
    ("How do I add a second admin?", T1, "Send a short video of the admin settings",
     -2, 26, None),
    ("Best way to shard our tenants across regions?", T2, "Share the regional sharding guide",
     -20, 48, CommitmentState.KEPT),
    ("Login page shows a blank screen", T1, "Send Carol a patched login bundle to try",
     -4, 16, CommitmentState.BROKEN),
]  # fmt: skip


def add_demo(ref: Reference, now: datetime) -> None:
    """Record the demo promises that are missing (the demo command runs again and again)."""
    for subject, owner, text, due_in, made_ago, outcome in PROMISES:
        ticket = Ticket.objects.filter(subject=subject).exclude(status=Status.CLOSED).first()
        if ticket is None or Commitment.objects.filter(ticket=ticket, text=text).exists():
            continue
        made_at = now - timedelta(hours=made_ago)
        commitment = commitment_create(
            ticket,
            ref.users[owner],
            text=text,
            due_at=now + timedelta(hours=due_in),
            owner=ref.users[owner],
            at=made_at,
        )
        if outcome is not None:
            settled_at = min(now, commitment.due_at + timedelta(hours=1))
            commitment_settle(commitment, ref.users[owner], outcome, at=settled_at)
