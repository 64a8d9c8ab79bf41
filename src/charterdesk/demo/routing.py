"""Demo routing: agents' profiles (skills, languages, working calendars), automatic queues,
two routing rules, and one new request routed and assigned by them, so the ticket's history,
the agents board and the rules page show automatic assignment."""

from datetime import datetime, timedelta

from charterdesk.customers.models import Contact
from charterdesk.demo.reference import Reference
from charterdesk.intake.services import ticket_create
from charterdesk.routing.models import AgentProfile, Assignment, Queue, RoutingRule
from charterdesk.sla.models import Calendar
from charterdesk.tickets.models import Ticket

LONDON, ON_CALL = "London business hours", "24×7"
# agent: (skills, languages, calendar, capacity)
PROFILES = {
    "tier1@charterdesk.example": (["billing", "accounts"], ["en", "es"], LONDON, 25),
    "tier2@charterdesk.example": (["api", "sso", "outages"], ["en", "de"], ON_CALL, 20),
    "tier3@charterdesk.example": (["api", "database", "outages"], ["en", "sv"], ON_CALL, 15),
    "manager@charterdesk.example": (["billing"], ["en"], LONDON, 5),
}
QUEUES = {  # queue: (assignment, skills)
    "Frontline": (Assignment.ROUND_ROBIN, []),
    "Incidents": (Assignment.LEAST_LOADED, []),
    "Engineering": (Assignment.SKILLS, ["api"]),
}
# (name, position, queue, conditions)
RULES = [
    ("Downtime from Gold customers", 10, "Incidents",
     {"request_types": ["downtime"], "plans": ["Gold"]}),
    ("Errors reported through the API", 20, "Engineering",
     {"request_types": ["error"], "channels": ["api"]}),
]  # fmt: skip
ROUTED = ("Payment page times out for every EU customer", "alice@acme.example")


def add_demo(ref: Reference, now: datetime) -> None:
    """Create what is missing; a manager's later edits to queues and rules stay."""
    calendars = {c.name: c for c in Calendar.objects.filter(name__in=[LONDON, ON_CALL])}
    for email, (skills, languages, calendar, capacity) in PROFILES.items():
        profile, _ = AgentProfile.objects.get_or_create(user=ref.users[email])
        if profile.languages or profile.calendar_id:
            continue  # set up before (by this demo or by a manager)
        profile.skills = profile.skills or skills
        profile.languages, profile.capacity = languages, capacity
        profile.calendar = calendars.get(calendar)
        profile.save()
    if not RoutingRule.objects.exists():  # the first run: automatic queues
        for name, (assignment, skills) in QUEUES.items():
            Queue.objects.filter(name=name).update(assignment=assignment, skills=skills)
    for name, position, queue, conditions in RULES:
        if RoutingRule.objects.filter(name=name).exists():
            continue
        plans = [ref.plans[p].pk for p in conditions.get("plans", [])]
        RoutingRule.objects.create(
            name=name,
            position=position,
            queue=Queue.objects.get(name=queue),
            request_types=conditions.get("request_types", []),
            channels=conditions.get("channels", []),
            plans=plans,
        )
    subject, requester = ROUTED
    if not Ticket.objects.filter(subject=subject).exists():
        contact = Contact.objects.select_related("organization", "user").get(email=requester)
        ticket_create(
            requester=contact,
            subject=subject,
            body="Since 09:40 our customers in Europe get a timeout on the payment page.",
            request_type="downtime",
            priority="urgent",
            actor=contact.user,
            at=now - timedelta(minutes=20),
        )
