"""Writes on teams. The caller owns the transaction; the audit log records the team, its
members added and removed, and every queue that moves (core.audit)."""

from .models import Queue, Team


def team_save(*, team: Team, queues: list[Queue]) -> Team:
    """Save the team (its rules are checked on save: no hand-over back to itself) and move
    the chosen queues to it."""
    team.save()
    for queue in queues:
        if queue.team_id != team.pk:
            queue.team = team
            queue.save(update_fields=["team"])
    return team
