"""Teams, queues and agents for routing tests (the demo's reference data has none with
profiles, so each test builds the people it needs)."""

from itertools import count

from charterdesk.accounts.models import Role, User
from charterdesk.routing.models import AgentProfile, Assignment, Queue, Team
from charterdesk.sla.models import Calendar
from charterdesk.tickets.models import Ticket
from tests.tickets.factories import open_ticket

_serial = count(1)

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri")


def calendar(zone: str, start: str = "09:00", end: str = "17:00", holidays=()) -> Calendar:
    return Calendar.objects.create(
        name=f"{zone} {start}-{end} #{next(_serial)}",
        timezone=zone,
        hours={day: [[start, end]] for day in WEEKDAYS},
        holidays=list(holidays),
    )


def team(name: str = "", **fields: object) -> Team:
    return Team.objects.create(name=name or f"Team {next(_serial)}", **fields)


def queue(of_team: Team, assignment: str = Assignment.ROUND_ROBIN, **fields: object) -> Queue:
    return Queue.objects.create(
        name=fields.pop("name", None) or f"Queue {next(_serial)}",
        team=of_team,
        assignment=assignment,
        position=100,
        **fields,
    )


def agent(name: str, of_team: Team | None = None, **profile: object) -> User:
    """An agent with a profile (always on shift unless given a calendar)."""
    slug = name.lower().replace(" ", ".")
    user = User.objects.create_user(
        f"{slug}.{next(_serial)}@charterdesk.example", "x", name=name, role=Role.AGENT, tier=1
    )
    AgentProfile.objects.create(user=user, **profile)
    if of_team is not None:
        of_team.members.add(user)
    return user


def give(user: User, n: int, priority: str = "normal", status: str = "open") -> None:
    """Give an agent a load: n tickets assigned to them (copies of one opened by alice)."""
    base = open_ticket()
    fields = {
        f.attname: getattr(base, f.attname)
        for f in Ticket._meta.concrete_fields
        if not f.primary_key and not f.generated
    }
    fields.update(assignee_id=user.pk, priority=priority, status=status)
    Ticket.objects.bulk_create(Ticket(**fields) for _ in range(n))
