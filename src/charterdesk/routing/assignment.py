"""Automatic assignment: who in the queue's team gets a new ticket, and why.

Candidates are the team's agents who are available, on shift now by their own calendar and
below their capacity; their loads are the counts the database keeps (routing.load_counter),
read in the same query as the agents. When nobody of the team can
take it, the team it hands over to (follow-the-sun) is tried, and so on along the chain.
"""

import json
import operator
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import reduce
from itertools import islice
from typing import Any

from django.db import connection
from django.db.models import ExpressionWrapper, F, FloatField, QuerySet, TextField, Value
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from charterdesk.accounts.models import STAFF_ROLES, User
from charterdesk.core.prepared import Prepared
from charterdesk.core.vocabulary import Priority
from charterdesk.sla.models import Calendar

from . import shortlist
from .load_counter import COLUMNS, WEIGHTS
from .models import AgentLoad, AgentProfile, Assignment, Availability, Queue, Team

MAX_HANDOVERS = 6
CLAIM_ROUNDS = 4  # reads of one team when concurrent assignments took every candidate
NEVER = datetime.min.replace(tzinfo=UTC)


@dataclass
class Candidate:
    """An agent who can take a ticket now: plain values, not model instances (a team of 500
    is read on every decision)."""

    profile_id: int
    user_id: int
    capacity: int
    last_assigned_at: datetime | None
    skills_json: str
    languages_json: str
    load: float
    email: str
    name: str
    role: str

    @property
    def user(self) -> User:
        """The agent as a User read from the same row (the other fields load if used)."""
        fields = ["id", "email", "name", "role"]
        values = [self.user_id, self.email, self.name, self.role]
        return User.from_db(User.objects.db, fields, values)

    @property
    def ratio(self) -> float:
        return self.load / max(self.capacity, 1)

    @property
    def skills(self) -> set[str]:
        """Read from the stored JSON only when a skills queue asks."""
        return {str(s).lower() for s in _list(self.skills_json)}

    @property
    def languages(self) -> set[str]:
        return {str(s).lower() for s in _list(self.languages_json)}


def _list(raw: str | None) -> list[object]:
    value = json.loads(raw) if raw else []
    return value if isinstance(value, list) else []


@dataclass(frozen=True)
class Choice:
    """The assignment decision: the agent (None: nobody), the strategy, and why."""

    assignee: User | None
    strategy: str
    note: str

    @property
    def automatic(self) -> bool:
        return self.strategy != Assignment.MANUAL


def weighted(counts: tuple[int, ...]) -> float:
    """An agent's load from their open tickets counted per priority (in COLUMNS order)."""
    return float(sum(WEIGHTS[Priority(c)] * n for c, n in zip(COLUMNS, counts, strict=True)))


def loads_of(user_ids: list[int]) -> dict[int, float]:
    """Open assigned tickets weighted by priority, for many agents in one query of the
    counts the database keeps (routing.load_counter); agents without any are left out."""
    if not user_ids:
        return {}
    rows = AgentLoad.objects.filter(user_id__in=user_ids).values_list("user_id", *COLUMNS)
    return {row[0]: weighted(row[1:]) for row in rows}


def on_shift(profile: AgentProfile, now: datetime) -> bool:
    """By the agent's own calendar; an agent without one is on shift at any time."""
    calendar = profile.calendar
    return calendar is None or calendar.business_calendar.is_open(now)


def _shifts(calendar_ids: set[int], now: datetime) -> dict[int | None, bool]:
    """Which of these calendars are open now (one query for the few distinct ones)."""
    open_now: dict[int | None, bool] = {None: True}
    for calendar in Calendar.objects.filter(pk__in=calendar_ids):
        open_now[calendar.pk] = calendar.business_calendar.is_open(now)
    return open_now


def _load_of_agent() -> Coalesce:
    """An agent's load from the counts routing_agentload keeps (a primary-key join), not a
    sum over their tickets: 500 rows for a team of 500, not 10,000 index entries."""
    terms = [F(f"user__agent_load__{c}") * Value(WEIGHTS[Priority(c)]) for c in COLUMNS]
    total = ExpressionWrapper(reduce(operator.add, terms), output_field=FloatField())
    return Coalesce(total, Value(0.0), output_field=FloatField())


def available_agents(team_id: int) -> QuerySet[AgentProfile, tuple[Any, ...]]:
    """A team's available agents as plain rows, each with its load, in one query."""
    return (
        AgentProfile.objects.filter(
            user__teams=team_id,
            user__is_active=True,
            user__role__in=STAFF_ROLES,
            availability=Availability.AVAILABLE,
        )
        .annotate(  # the JSON as text: parsed only for the candidates it is needed for
            skills_json=Cast(F("skills"), TextField()),
            languages_json=Cast(F("languages"), TextField()),
            load=_load_of_agent(),
        )
        .values_list(
            "pk",
            "user_id",
            "capacity",
            "last_assigned_at",
            "skills_json",
            "languages_json",
            "load",
            "user__email",
            "user__name",
            "user__role",
            "calendar_id",
        )
    )


# available_agents() compiled once per connection: building it took longer than running it.
_available_agents = Prepared(available_agents, int)


def _agent_rows(team_id: int) -> list[tuple[Any, ...]]:
    """The rows of available_agents(team_id), with the types the ORM would give."""
    return _available_agents(team_id)


def _typed(r: tuple[Any, ...]) -> tuple[Any, ...]:
    """A shortlist row (raw SQL, shortlist.py) with the types the ORM would give."""
    return (*r[:3], _aware(r[3]), r[4], r[5], float(r[6]), *r[7:])


def _aware(value: datetime | str | None) -> datetime | None:
    """A datetime column as the ORM gives it (SQLite returns text, in the connection's
    time zone)."""
    if isinstance(value, str):
        value = parse_datetime(value)
    if value is not None and timezone.is_naive(value):
        value = timezone.make_aware(value, connection.timezone)
    return value


def _pool(team_id: int, queue: Queue, now: datetime) -> tuple[list[Candidate], str]:
    """Who of one team can take a ticket now, or why nobody can. Two queries: the
    available agents with their loads, and their calendars."""
    rows = _agent_rows(team_id)
    calendars = {row[-1] for row in rows if row[-1] is not None}
    shifts = _shifts(calendars, now) if calendars else {None: True}
    working = [Candidate(*row[:-1]) for row in rows if shifts.get(row[-1], False)]
    pool = [c for c in working if c.load < c.capacity]
    if pool:
        return pool, ""
    if working:
        return [], f"all {len(working)} on shift at capacity"
    if rows:
        return [], f"none of {len(rows)} available agents on shift"
    profiles = AgentProfile.objects.filter(
        user__teams=team_id, user__is_active=True, user__role__in=STAFF_ROLES
    ).count()
    return [], f"all {profiles} away" if profiles else "no agents with a profile"


def _by_skills(pool: list[Candidate], skills: list[str]) -> tuple[list[Candidate], str]:
    """Agents with every skill of the queue; else those with the most of them."""
    wanted = {s.lower() for s in skills}
    if not wanted:
        return pool, ""
    scored = [(len(wanted & c.skills), c) for c in pool]
    best = max((score for score, _ in scored), default=0)
    if best == 0:
        return [], f"nobody has {', '.join(sorted(wanted))}"
    chosen = [c for score, c in scored if score == best]
    return chosen, "" if best == len(wanted) else f"best match: {best} of {len(wanted)} skills"


def _first(ordered: list[Candidate], language: str, count: int = 3) -> list[Candidate]:
    """The first candidates in order, preferring agents who speak the ticket's language when
    any does. Languages are read lazily, in order, until enough speakers are found."""
    if language:
        wanted = language.lower()
        speakers = list(islice((c for c in ordered if wanted in c.languages), count))
        if speakers:
            return speakers
    return ordered[:count]


def _ordered(pool: list[Candidate], strategy: str) -> list[Candidate]:
    def last(c: Candidate) -> datetime:
        return c.last_assigned_at or NEVER

    if strategy == Assignment.ROUND_ROBIN:
        return sorted(pool, key=lambda c: (last(c), c.user_id))
    return sorted(pool, key=lambda c: (c.ratio, last(c), c.user_id))


def _claim(candidate: Candidate, now: datetime) -> bool:
    """Take this agent if no other assignment took them since they were read.

    The agent's profile is locked with SKIP LOCKED: an agent another ticket is being
    assigned to right now is passed over, never waited for, so concurrent assignments never
    wait on each other's agents (waiting there deadlocked eight concurrent creators on
    PostgreSQL). The UPDATE is then conditional on last_assigned_at, so an agent taken by a
    transaction that committed meanwhile is passed over too. Needs a transaction."""
    free = AgentProfile.objects.filter(
        pk=candidate.profile_id, last_assigned_at=candidate.last_assigned_at
    ).select_for_update(skip_locked=True)
    taken = AgentProfile.objects.filter(pk__in=free.values("pk")).update(last_assigned_at=now)
    if taken:
        candidate.last_assigned_at = now
    return taken == 1


def _why(strategy: str, chosen: Candidate, size: int, note: str) -> str:
    what = {
        Assignment.ROUND_ROBIN: "longest without a new ticket",
        Assignment.LEAST_LOADED: "lowest load",
        Assignment.SKILLS: "has the skills, lowest load",
    }[Assignment(strategy)]
    load = f"load {chosen.load:g}/{chosen.capacity}"
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


def _candidates(
    team_id: int, queue: Queue, now: datetime, language: str
) -> tuple[list[Candidate], int, str, str]:
    """One team's first candidates in order, how many the strategy chose among, why nobody
    (when none) and a note. The shortlist asks the database for the first few; the full
    path (every available agent, ordered here) is for skills or a language SQL cannot
    match exactly."""
    strategy = queue.assignment
    wanted = {s.lower() for s in queue.skills or []} if strategy == Assignment.SKILLS else set()
    if shortlist.fits(queue, language):
        short = shortlist.shortlist(team_id, queue, now, language)
        if not short.rows:
            return [], 0, short.why, ""
        partial = wanted and short.score < len(wanted)
        note = f"best match: {short.score} of {len(wanted)} skills" if partial else ""
        return [Candidate(*_typed(r)) for r in short.rows], short.size, "", note
    pool, why = _pool(team_id, queue, now)
    note = ""
    if pool and strategy == Assignment.SKILLS:
        pool, note = _by_skills(pool, queue.skills)
        why = why or note
    return _first(_ordered(pool, strategy), language), len(pool), why, note


def choose(queue: Queue, now: datetime, *, language: str = "", claim: bool = True) -> Choice:
    """Decide who gets a ticket of this queue now. With `claim`, the agent is taken (their
    last_assigned_at moves to now); without, it is a dry run."""
    strategy = queue.assignment
    if strategy == Assignment.MANUAL:
        return Choice(None, strategy, "manual queue: an agent takes the ticket")
    reasons = []
    for step, team in enumerate(_handover_chain(queue)):
        prefix = f"follow-the-sun: {team.name} takes over" if step else ""
        chosen, why = _choose_in(team, queue, now, language, claim=claim, prefix=prefix)
        if chosen is not None:
            return chosen
        reasons.append(f"{team.name}: {why}")
    return Choice(None, strategy, "left unassigned: " + "; ".join(reasons))


def _choose_in(
    team: Team, queue: Queue, now: datetime, language: str, *, claim: bool, prefix: str
) -> tuple[Choice | None, str]:
    """One team's decision. When every candidate was just taken by concurrent assignments,
    the team is read again (their commits are then visible), a few times, before the ticket
    goes on to the next team or stays unassigned."""
    for attempt in range(CLAIM_ROUNDS):
        if attempt:
            time.sleep(0.02 * attempt)  # the concurrent assignments are committing
        first, size, why, note = _candidates(team.pk, queue, now, language)
        if prefix:
            note = prefix + (f"; {note}" if note else "")
        for candidate in first:
            if not claim or _claim(candidate, now):
                chosen = Choice(
                    candidate.user, queue.assignment, _why(queue.assignment, candidate, size, note)
                )
                return chosen, ""
        if not first:
            return None, why
    return None, "every candidate was just taken"
