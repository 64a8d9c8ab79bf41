"""Agents on shift per team and half hour, from their working calendars.

An agent of a team (active, with an agent profile) is on shift in a half hour when their
own calendar is open at its middle; an agent without a calendar works at any time, as
routing assumes (routing.assignment.on_shift). Three queries whatever the number of
agents; the calendars' arithmetic runs in Python, once per calendar and half hour."""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta

from charterdesk.accounts.models import STAFF_ROLES
from charterdesk.routing.models import Team
from charterdesk.sla.models import Calendar

HALF_HOUR = timedelta(minutes=30)


def on_shift(team_ids: Iterable[int], starts: Sequence[datetime]) -> dict[int, list[int]]:
    """For each team, how many of its agents are on shift in each half hour of `starts`."""
    members = Team.members.through.objects.filter(
        team_id__in=list(team_ids),
        user__is_active=True,
        user__role__in=STAFF_ROLES,
        user__agent_profile__isnull=False,
    ).values_list("team_id", "user__agent_profile__calendar_id")
    by_team: dict[int, list[int | None]] = defaultdict(list)
    for team_id, calendar_id in members:
        by_team[team_id].append(calendar_id)
    wanted = {c for calendars in by_team.values() for c in calendars if c is not None}
    calendars = {c.pk: c.business_calendar for c in Calendar.objects.filter(pk__in=wanted)}
    middles = [start + HALF_HOUR / 2 for start in starts]
    open_at = {pk: [cal.is_open(m) for m in middles] for pk, cal in calendars.items()}
    counts: dict[int, list[int]] = {}
    for team_id, calendar_ids in by_team.items():
        row = [0] * len(starts)
        for calendar in calendar_ids:
            opened = open_at.get(calendar) if calendar is not None else None
            for i in range(len(starts)):
                row[i] += 1 if opened is None or opened[i] else 0
        counts[team_id] = row
    return counts
