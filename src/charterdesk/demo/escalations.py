"""Demo escalations: a ticket escalated up a tier with its hand-off note, one escalated
up the management line (it has an escalation owner), and a customer's request awaiting
an answer, so the desk, the portal and the managers' list have something real."""

from datetime import datetime, timedelta

from charterdesk.demo.reference import Reference
from charterdesk.escalations.models import EscalationKind
from charterdesk.escalations.requests import escalation_request_create
from charterdesk.escalations.services import ticket_escalate
from charterdesk.tickets.models import Ticket

T1, T2 = "tier1@charterdesk.example", "tier2@charterdesk.example"

# (ticket subject, agent, kind, reason, hand-off note, hours ago)
ESCALATIONS = [
    (
        "Export to CSV fails with 'invalid date'",
        T1,
        EscalationKind.FUNCTIONAL,
        "Reproduced with February data in en-GB: a defect in the export's date parser",
        "Steps: export invoices for February with locale en-GB. Customer uses en-GB. "
        "No workaround found; the customer needs the export for month-end close.",
        2,
    ),
    (
        "Checkout returns 502 for all EU customers",
        T2,
        EscalationKind.HIERARCHICAL,
        "Every EU checkout fails; Acme loses orders until the backends are back",
        "",
        1,
    ),
]
REQUEST = (
    "Login page shows a blank screen",
    "carol@initech.example",
    "Half our staff use Firefox and cannot sign in since this morning; we need this fixed today.",
    3,
)


def add_demo(ref: Reference, now: datetime) -> None:
    """Create the demo escalations and request that are missing (runs again and again)."""
    for subject, agent, kind, reason, note, hours_ago in ESCALATIONS:
        ticket = _open(subject)
        if ticket is None or ticket.escalations.filter(kind=kind).exists():
            continue
        at = max(ticket.created_at, now - timedelta(hours=hours_ago))
        ticket_escalate(ticket, ref.users[agent], kind=kind, reason=reason, note=note, at=at)
    subject, customer, reason, hours_ago = REQUEST
    ticket = _open(subject)
    if ticket is not None and not ticket.escalation_requests.exists():
        at = max(ticket.created_at, now - timedelta(hours=hours_ago))
        escalation_request_create(ticket, ref.users[customer], reason=reason, at=at)


def _open(subject: str) -> Ticket | None:
    ticket = (
        Ticket.objects.filter(subject=subject, in_queue=True)
        .select_related("queue__team", "contract__plan", "assignee", "organization")
        .first()
    )
    return ticket
