"""Automatic assignment: who in the queue's team gets a new ticket, and why.

Candidates are the team's agents who are available, on shift now by their own calendar and
below their capacity; their loads come from one grouped query. When nobody of the team can
take it, the team it hands over to (follow-the-sun) is tried, and so on along the chain.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

from django.db.models import Case, FloatField, Sum, Value, When

from charterdesk.accounts.models import STAFF_ROLES, User
from charterdesk.core.vocabulary import Priority
from charterdesk.tickets.models import Ticket

from .models import AgentProfile, Assignment, Availability, Queue, Team

# Open tickets weigh by priority when counting an agent's load against their capacity.
WEIGHTS = {Priority.URGENT: 4.0, Priority.HIGH: 2.0, Priority.NORMAL: 1.0, Priority.LOW: 0.5}
MAX_HANDOVERS = 6
NEVER = datetime.min.replace(tzinfo=UTC)


@dataclass(frozen=True)
class Candidate:
    profile: AgentProfile
    load: float

    @property
    def ratio(self) -> float:
        return self.load / max(self.profile.capacity, 1)


@dataclass(frozen=True)
class Choice:
    """The assignment decision: the agent (None: nobody), the strategy, and why."""

    assignee: User | None
    strategy: str
    note: str

    @property
    def automatic(self) -> bool:
        return self.strategy != Assignment.MANUAL


def loads_of(user_ids: list[int]) -> dict[int, float]:
    """Open assigned tickets weighted by priority, for many agents in one grouped query."""
    if not user_ids:
        return {}
    weight = Case(
        *(When(priority=p, then=Value(w)) for p, w in WEIGHTS.items()),
        default=Value(1.0),
        output_field=FloatField(),
    )
    rows = (
        Ticket.objects.filter(in_queue=True, assignee_id__in=user_ids)
        .order_by()
        .values("assignee_id")
        .annotate(load=Sum(weight))
    )
    return {row["assignee_id"]: float(row["load"]) for row in rows}


def on_shift(profile: AgentProfile, now: datetime) -> bool:
    """By the agent's own calendar; an agent without one is on shift at any time."""
    calendar = profile.calendar
    return calendar is None or calendar.business_calendar.is_open(now)


def _pool(team_id: int, queue: Queue, now: datetime) -> tuple[list[Candidate], str]:
    """Who of one team can take a ticket now, or why nobody can."""
    profiles = list(
        AgentProfile.objects.filter(
            user__teams=team_id, user__is_active=True, user__role__in=STAFF_ROLES
        ).select_related("calendar", "user")
    )
    available = [p for p in profiles if p.availability == Availability.AVAILABLE]
    shifts: dict[int | None, bool] = {}
    working = []
    for profile in available:
        if profile.calendar_id not in shifts:
            shifts[profile.calendar_id] = on_shift(profile, now)
        if shifts[profile.calendar_id]:
            working.append(profile)
    loads = loads_of([p.user_id for p in working])
    pool = [
        Candidate(p, loads.get(p.user_id, 0.0))
        for p in working
        if loads.get(p.user_id, 0.0) < p.capacity
    ]
    if pool:
        return pool, ""
    if not profiles:
        return [], "no agents with a profile"
    if not available:
        return [], f"all {len(profiles)} away"
    if not working:
        return [], f"none of {len(available)} available agents on shift"
    return [], f"all {len(working)} on shift at capacity"


def _by_skills(pool: list[Candidate], skills: list[str]) -> tuple[list[Candidate], str]:
    """Agents with every skill of the queue; else those with the most of them."""
    wanted = {s.lower() for s in skills}
    if not wanted:
        return pool, ""
    scored = [(len(wanted & {s.lower() for s in c.profile.skills}), c) for c in pool]
    best = max((score for score, _ in scored), default=0)
    if best == 0:
        return [], f"nobody has {', '.join(sorted(wanted))}"
    chosen = [c for score, c in scored if score == best]
    return chosen, "" if best == len(wanted) else f"best match: {best} of {len(wanted)} skills"


def _speaking(pool: list[Candidate], language: str) -> list[Candidate]:
    """Prefer agents who speak the ticket's language, when any of them does."""
    speakers = [c for c in pool if language and language in c.profile.languages]
    return speakers or pool


def _ordered(pool: list[Candidate], strategy: str) -> list[Candidate]:
    def last(c: Candidate) -> datetime:
        return c.profile.last_assigned_at or NEVER

    if strategy == Assignment.ROUND_ROBIN:
        return sorted(pool, key=lambda c: (last(c), c.profile.user_id))
    return sorted(pool, key=lambda c: (c.ratio, last(c), c.profile.user_id))


def _claim(candidate: Candidate, now: datetime) -> bool:
    """A conditional UPDATE: if another assignment took this agent meanwhile, it fails and
    the next candidate is tried, so two concurrent tickets do not land on one agent."""
    profile = candidate.profile
    taken = AgentProfile.objects.filter(
        pk=profile.pk, last_assigned_at=profile.last_assigned_at
    ).update(last_assigned_at=now)
    if taken:
        profile.last_assigned_at = now
    return taken == 1


def _why(strategy: str, chosen: Candidate, size: int, note: str) -> str:
    what = {
        Assignment.ROUND_ROBIN: "longest without a new ticket",
        Assignment.LEAST_LOADED: "lowest load",
        Assignment.SKILLS: "has the skills, lowest load",
    }[Assignment(strategy)]
    load = f"load {chosen.load:g}/{chosen.profile.capacity}"
    extra = f"; {note}" if note else ""
    return f"{Assignment(strategy).label}: {what} of {size} on shift ({load}){extra}"


def _handover_chain(queue: Queue) -> Iterator[Team]:
    """The queue's team, then the teams it hands over to, in order, without repeats. Lazy:
    the next team is only read when the one before could not take the ticket."""
    seen: set[int] = set()
    team: Team | None = queue.team
    while team is not None and team.pk not in seen and len(seen) < MAX_HANDOVERS:
        seen.add(team.pk)
        yield team
        team = team.hands_over_to


def choose(queue: Queue, now: datetime, *, language: str = "", claim: bool = True) -> Choice:
    """Decide who gets a ticket of this queue now. With `claim`, the agent is taken (their
    last_assigned_at moves to now); without, it is a dry run."""
    strategy = queue.assignment
    if strategy == Assignment.MANUAL:
        return Choice(None, strategy, "manual queue: an agent takes the ticket")
    reasons = []
    for step, team in enumerate(_handover_chain(queue)):
        pool, why = _pool(team.pk, queue, now)
        note = ""
        if pool and strategy == Assignment.SKILLS:
            pool, note = _by_skills(pool, queue.skills)
            why = why or note
        if step:
            note = f"follow-the-sun: {team.name} takes over" + (f"; {note}" if note else "")
        for candidate in _ordered(_speaking(pool, language), strategy)[:3]:
            if not claim or _claim(candidate, now):
                return Choice(
                    candidate.profile.user, strategy, _why(strategy, candidate, len(pool), note)
                )
        reasons.append(f"{team.name}: {why or 'every candidate was just taken'}")
    return Choice(None, strategy, "left unassigned: " + "; ".join(reasons))
