"""Demo swarm: a "Hard cases" queue that works as a swarm, agents' skills, and a ticket
escalated into it where an agent asked for help and an expert joined as a collaborator."""

from datetime import datetime, timedelta

from charterdesk.demo.reference import Reference
from charterdesk.escalations.models import EscalationKind
from charterdesk.escalations.services import ticket_escalate
from charterdesk.routing.models import AgentProfile, Queue, Team, Tier, WorkMode
from charterdesk.swarms.models import Collaborator
from charterdesk.swarms.services import collaborator_add, help_request_create
from charterdesk.tickets.models import Ticket

T1, T2, T3 = "tier1@charterdesk.example", "tier2@charterdesk.example", "tier3@charterdesk.example"
SKILLS = {T1: ["billing", "sso"], T2: ["api", "postgres"], T3: ["api", "rate-limits", "nginx"]}
SUBJECT = "API rate limit seems lower than documented"


def add_demo(ref: Reference, now: datetime) -> None:
    """Create what is missing (the demo command runs again and again)."""
    queue, _ = Queue.objects.get_or_create(
        name="Hard cases",
        defaults={
            "team": Team.objects.get(name="Engineering"),
            "tier": Tier.TWO,
            "work_mode": WorkMode.SWARM,
            "position": 90,  # no request types: routing never picks it; escalation does
        },
    )
    for email, skills in SKILLS.items():
        profile, _ = AgentProfile.objects.get_or_create(user=ref.users[email])
        if not profile.skills:
            profile.skills = skills
            profile.save(update_fields=["skills"])
    ticket = (
        Ticket.objects.filter(subject=SUBJECT, in_queue=True)
        .select_related("queue__team", "contract__plan", "assignee")
        .first()
    )
    if ticket is None or Collaborator.objects.filter(ticket=ticket).exists():
        return
    start = max(ticket.created_at, now - timedelta(hours=2))
    if ticket.queue != queue:
        ticket_escalate(
            ticket,
            ref.users[T1],
            kind=EscalationKind.FUNCTIONAL,
            reason="429s at half the documented limit for one customer only",
            note="Bob sees 429 after 50 requests/min; headers show limit 100. Not reproducible "
            "from our staging account.",
            to_queue=queue,
            at=start,
        )
    agent = ticket.assignee or ref.users[T2]
    help_request = help_request_create(
        ticket,
        agent,
        skills=["rate-limits", "nginx"],
        note="Is the edge counting per IP instead of per token?",
        at=start + timedelta(minutes=20),
    )
    collaborator_add(
        ticket,
        ref.users[T3],
        ref.users[T3],
        help_request=help_request,
        at=start + timedelta(minutes=35),
    )
