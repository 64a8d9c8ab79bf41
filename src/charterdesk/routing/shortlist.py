"""The shortlist of one team for a decision: its first few candidates in the order the
queue's strategy takes them, picked by the database, so a team of 500 costs three rows, not
500; when nobody can take the ticket, one count query says why. The same order and the same
reasons as routing.assignment's full path, which stays for skills or languages SQL cannot
match exactly.

A candidate is available, active staff, on shift (the team's calendars are read first and
only open ones kept), below capacity (the load kept by routing.load_counter); then, in
order: the most of the queue's skills (skills strategy), speaks the ticket's language,
and the strategy's order (round robin: longest without a new ticket; otherwise the lowest
load against capacity, then longest without a new ticket), then user id.
"""

import re
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any

from django.db import connection

from charterdesk.accounts.models import STAFF_ROLES
from charterdesk.core import config_cache
from charterdesk.core.vocabulary import Priority
from charterdesk.sla.models import Calendar

from .load_counter import COLUMNS, WEIGHTS
from .models import Assignment, Availability, Queue

SHORTLIST = 3  # candidates tried in turn when a claim loses a race
KEPT_CALENDARS = 200  # more calendars than this: the team's are read each time instead
# Words matched in the JSON text of skills and languages: ASCII without LIKE wildcards,
# quotes or backslashes, so lower() and the stored JSON agree on both databases.
PLAIN = re.compile(r"[a-z0-9][a-z0-9 .+#/-]*")


@dataclass(frozen=True)
class Shortlist:
    rows: list[tuple[Any, ...]]  # routing.assignment.Candidate fields, in order
    size: int  # agents the strategy chose among (those with the best skills match)
    score: int  # how many of the queue's skills they have
    why: str = ""  # when there are no rows: why nobody of the team can take the ticket


def wanted_skills(queue: Queue) -> list[str]:
    return sorted({str(s).lower() for s in queue.skills or []})


def fits(queue: Queue, language: str) -> bool:
    """Whether the SQL matches the queue's skills and the language exactly as Python does."""
    words = [language.lower()] if language else []
    if queue.assignment == Assignment.SKILLS:
        words += wanted_skills(queue)
    return all(PLAIN.fullmatch(w) for w in words)


def open_calendars(team_id: int, now: datetime) -> list[int]:
    """Calendars open now, among which are those of the team's available agents: every
    calendar, from the per-process configuration cache (no query), unless there are more
    than KEPT_CALENDARS; then only the team's (one query). The shortlist's SQL keeps the
    agents whose calendar is in the list, so both give the same candidates."""
    kept = config_cache.cached(("calendars",), _all_calendars)
    if kept is not None:
        return [c.pk for c in kept if c.business_calendar.is_open(now)]
    calendars = Calendar.objects.raw(
        "SELECT * FROM sla_calendar WHERE id IN (SELECT p.calendar_id FROM routing_agentprofile p "
        "JOIN routing_team_members m ON m.user_id = p.user_id "
        "WHERE m.team_id = %s AND p.availability = %s)",
        [team_id, Availability.AVAILABLE.value],
    )
    return [c.pk for c in calendars if c.business_calendar.is_open(now)]


def _all_calendars() -> list[Calendar] | None:
    calendars = list(Calendar.objects.order_by("pk")[: KEPT_CALENDARS + 1])
    return calendars if len(calendars) <= KEPT_CALENDARS else None


def _json_text(column: str) -> str:
    return f"lower({column}::text)" if connection.vendor == "postgresql" else f"lower({column})"


def _load() -> str:
    """The load as routing.assignment.weighted() computes it, from the kept counts."""
    terms = " + ".join(
        f"l.{c} * CAST({WEIGHTS[Priority(c)]!r} AS DOUBLE PRECISION)" for c in COLUMNS
    )
    return f"COALESCE({terms}, CAST(0 AS DOUBLE PRECISION))"


def _matches(column: str, count: int) -> str:
    if not count:
        return "0"
    like = f"{_json_text(column)} LIKE %s"
    return " + ".join([f"CASE WHEN {like} THEN 1 ELSE 0 END"] * count)


def _on_shift(calendars: int) -> str:
    on_shift = "p.calendar_id IS NULL"
    if calendars:
        on_shift = f"({on_shift} OR p.calendar_id IN ({', '.join(['%s'] * calendars)}))"
    return on_shift


TEAM = (
    "FROM routing_agentprofile p "
    "JOIN accounts_user u ON u.id = p.user_id "
    "JOIN routing_team_members m ON m.user_id = p.user_id "
)
STAFF = f"u.is_active AND u.role IN ({', '.join(['%s'] * len(STAFF_ROLES))})"


@lru_cache(maxsize=64)
def _sql(vendor: str, strategy: str, calendars: int, skills: int, language: bool) -> str:
    """Built by hand (the ORM took longer to compile a query than the database to run it);
    cached per shape."""
    on_shift = _on_shift(calendars)
    last = "c.last_assigned_at ASC NULLS FIRST, c.user_id"
    order = ["c.score DESC", "c.speaks DESC"]
    if strategy == Assignment.ROUND_ROBIN:
        order.append(last)
    else:
        order += ["c.load / CASE WHEN c.capacity < 1 THEN 1 ELSE c.capacity END", last]
    # Placeholders and fixed words only: nothing from users is put in the text.
    return (
        "SELECT c.*, COUNT(*) OVER (PARTITION BY c.score) FROM ("  # noqa: S608
        "SELECT p.id, p.user_id, p.capacity, p.last_assigned_at, "
        f"{_json_text('p.skills')} AS skills, {_json_text('p.languages')} AS languages, "
        f"{_load()} AS load, u.email, u.name, u.role, "
        f"{_matches('p.skills', skills)} AS score, "
        f"{_matches('p.languages', int(language))} AS speaks "
        f"{TEAM}LEFT JOIN routing_agentload l ON l.user_id = p.user_id "
        f"WHERE m.team_id = %s AND p.availability = %s AND {STAFF} AND {on_shift}) c "
        f"WHERE c.load < c.capacity ORDER BY {', '.join(order)} LIMIT {SHORTLIST}"
    )


@lru_cache(maxsize=16)
def _why_sql(calendars: int) -> str:
    """The team's agents with a profile, those available, those available and on shift."""
    available = "p.availability = %s"
    return (
        f"SELECT COUNT(*), SUM(CASE WHEN {available} THEN 1 ELSE 0 END), "  # noqa: S608
        f"SUM(CASE WHEN {available} AND {_on_shift(calendars)} THEN 1 ELSE 0 END) "
        f"{TEAM}WHERE m.team_id = %s AND {STAFF}"
    )


def _why_nobody(team_id: int, calendars: list[int]) -> str:
    """Why the shortlist is empty, in the words of the full path (one query)."""
    available = Availability.AVAILABLE.value
    params: list[str | int] = [available, available, *calendars, team_id]
    params += [str(r) for r in STAFF_ROLES]
    with connection.cursor() as cursor:
        cursor.execute(_why_sql(len(calendars)), params)
        profiles, rows, working = (int(n or 0) for n in cursor.fetchone())
    if working:
        return f"all {working} on shift at capacity"
    if rows:
        return f"none of {rows} available agents on shift"
    return f"all {profiles} away" if profiles else "no agents with a profile"


def _pattern(word: str) -> str:
    return f'%"{word}"%'


def shortlist(team_id: int, queue: Queue, now: datetime, language: str) -> Shortlist:
    """The team's first candidates, or why nobody can take the ticket. Call only when
    fits(queue, language)."""
    calendars = open_calendars(team_id, now)
    skills = wanted_skills(queue) if queue.assignment == Assignment.SKILLS else []
    language = language.lower()
    sql = _sql(connection.vendor, queue.assignment, len(calendars), len(skills), bool(language))
    params: list[str | int] = [
        *(_pattern(s) for s in skills),
        *([_pattern(language)] if language else []),
        team_id,
        Availability.AVAILABLE.value,
        *(str(r) for r in STAFF_ROLES),
        *calendars,
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    if not rows:
        return Shortlist([], 0, 0, _why_nobody(team_id, calendars))
    best, size = rows[0][10], rows[0][12]
    if skills and best == 0:
        return Shortlist([], size, 0, f"nobody has {', '.join(skills)}")
    chosen = [r for r in rows if r[10] == best]
    if language and chosen[0][11]:
        chosen = [r for r in chosen if r[11]]
    return Shortlist([r[:10] for r in chosen], size, best)
