"""Demo tickets with conversations, so every screen shows something real."""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.utils import timezone

from charterdesk.accounts.models import User
from charterdesk.customers.models import Contact
from charterdesk.intake.services import ticket_create
from charterdesk.sla.sweep import sweep
from charterdesk.tickets.models import Ticket
from charterdesk.tickets.services import message_add, ticket_update

from . import (
    commitments,
    community,
    escalations,
    estimates,
    forecasting,
    hours,
    incidents,
    insights,
    knowledge,
    learning,
    merges,
    product_audience,
    routing,
    satisfaction,
    spikes,
    statements,
    success,
    swarms,
    triage,
    widget,
    workspace,
)
from .reference import Reference


@dataclass
class Story:
    requester: str
    subject: str
    body: str
    request_type: str | None
    priority: str
    hours_ago: float
    # (author email, body, "public"|"internal"); customers' lines use their own address
    lines: list[tuple[str, str, str]] = field(default_factory=list)
    status: str | None = None
    assignee: str | None = None


T1, T2, T3 = "tier1@charterdesk.example", "tier2@charterdesk.example", "tier3@charterdesk.example"
ALICE, BOB, CAROL = "alice@acme.example", "bob@globex.example", "carol@initech.example"

STORIES = [
    Story(
        ALICE,
        "Checkout returns 502 for all EU customers",
        "Since 09:10 every checkout in the EU region fails with 502 Bad Gateway. The site is "
        "down for our customers there.",
        "downtime",
        "urgent",
        1.5,
        [
            (
                T2,
                "We see it too: the EU load balancer lost two backends. Restarting them now; "
                "next update within 30 minutes.",
                "public",
            ),
            (T2, "Root cause likely the 4.1.2 config push. Pinging engineering.", "internal"),
        ],
        assignee=T2,
    ),
    Story(
        BOB,
        "Export to CSV fails with 'invalid date'",
        "When I export last month's invoices I get: Error: invalid date '2026-02-30'.",
        None,
        "high",
        5,
        [
            (
                T1,
                "Thanks Bob, I can reproduce it with February data. Could you tell me which "
                "locale your account uses?",
                "public",
            ),
            (BOB, "We use en-GB.", "public"),
        ],
        assignee=T1,
    ),
    Story(
        CAROL,
        "How do I add a second admin?",
        "We hired a new office manager. How do I give her admin rights?",
        "how_to",
        "normal",
        30,
        [
            (
                T1,
                "Settings → Team → Invite, then choose the Admin role. Here is the article: "
                "https://docs.example/admins",
                "public",
            )
        ],
        status="solved",
        assignee=T1,
    ),
    Story(
        ALICE,
        "Best way to shard our tenants across regions?",
        "We are growing into APAC. What is the best way to split tenants across regions "
        "without downtime?",
        "consulting",
        "normal",
        52,
        [
            (
                T2,
                "This is a design engagement; I will prepare an estimate with our architects.",
                "public",
            )
        ],
        status="open",
        assignee=T2,
    ),
    Story(
        BOB,
        "API rate limit seems lower than documented",
        "We get 429 after 50 requests per minute; the docs say 100.",
        "error",
        "normal",
        3,
    ),
    Story(
        CAROL,
        "Login page shows a blank screen",
        "Since this morning the login page is blank in Firefox. Chrome works.",
        None,
        "high",
        20,
        [(T1, "Engineering is looking at a Firefox-only script error.", "internal")],
        assignee=T1,
    ),
    Story(
        ALICE,
        "Single sign-on with Okta: how to map groups?",
        "How do we map Okta groups to roles?",
        "how_to",
        "low",
        70,
        [
            (
                T1,
                "Group mapping is under Settings → SSO → Role mapping. Does that cover it?",
                "public",
            )
        ],
        status="pending",
        assignee=T1,
    ),
    Story(
        BOB,
        "Dashboard unreachable from our Frankfurt office",
        "The dashboard times out from Frankfurt since this morning; other sites are fine. "
        "It is down for 40 people.",
        "downtime",
        "high",
        5,
    ),
    Story(
        ALICE,
        "Status page shows degraded API in US-East",
        "Your status page says degraded. Is our API traffic affected?",
        "downtime",
        "normal",
        1.7,
    ),
    Story(
        BOB,
        "Webhook deliveries delayed by hours",
        "Our order webhooks arrive 2-3 hours late since yesterday.",
        "error",
        "urgent",
        0.5,
    ),
]


def build_conversations(ref: Reference) -> int:
    """Create the demo tickets that do not exist yet, each at its own time in the past,
    then sweep the SLA clocks so warnings and breaches show. Returns how many were made."""
    made = 0
    now = timezone.now()
    for story in STORIES:
        requester = Contact.objects.get(email=story.requester)
        if Ticket.objects.filter(requester=requester, subject=story.subject).exists():
            continue
        _tell(story, requester, ref.users, now)
        made += 1
    for add_demo in DEMO_EXTRAS:
        add_demo(ref, now)
    sweep(now)
    return made


# Each capability adds its own demo data: a module of this package with `add_demo(ref, now)`
# that creates what is missing (the demo command is run again and again on the same database).
DEMO_EXTRAS = (
    routing.add_demo,
    escalations.add_demo,
    swarms.add_demo,
    hours.add_demo,
    estimates.add_demo,
    commitments.add_demo,
    satisfaction.add_demo,
    statements.add_demo,
    knowledge.add_demo,
    workspace.add_demo,
    merges.add_demo,
    incidents.add_demo,
    widget.add_demo,
    insights.add_demo,
    spikes.add_demo,  # after incidents (services) and insights (the imported history)
    learning.add_demo,
    product_audience.add_demo,  # after learning (the product catalogue) and knowledge
    success.add_demo,
    forecasting.add_demo,
    community.add_demo,
    triage.add_demo,  # last: it learns from the history the others made
)


def _tell(story: Story, requester: Contact, users: dict[str, User], now: datetime) -> None:
    start = now - timedelta(hours=story.hours_ago)
    step = (now - start) / (len(story.lines) + 2)
    ticket = ticket_create(
        requester=requester,
        subject=story.subject,
        body=story.body,
        request_type=story.request_type,
        priority=story.priority,
        actor=requester.user,
        at=start,
    )
    for index, (author, body, visibility) in enumerate(story.lines, start=1):
        message_add(ticket, users[author], body, visibility, at=start + step * index)
    changes: dict[str, object] = {}
    if story.assignee:
        changes["assignee"] = users[story.assignee]
    if story.status:
        changes["status"] = story.status
    if changes:
        ticket_update(ticket, users[story.assignee or T1], at=now - step / 2, **changes)
