"""Background work on tickets: fetch by id, call a service. Enqueued on commit."""

from datetime import timedelta

from django_tasks import task

from charterdesk.core.schedule import periodic

from .sweep import close_solved


@periodic("close-solved-tickets", every=timedelta(hours=1))
@task()
def close_solved_tickets() -> int:
    """Close tickets solved longer ago than CLOSE_SOLVED_AFTER_DAYS (a scheduler job)."""
    return close_solved()
