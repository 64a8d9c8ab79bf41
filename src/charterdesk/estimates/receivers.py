"""What estimates does when the hours app announces something (registered in apps.py)."""

from charterdesk.hours.models import TimeEntry

from .selectors import approved_estimate_of


def link_approved_estimate(entry: TimeEntry) -> None:
    """Time being logged is tracked against the ticket's approved estimate; under a plan
    that needs approval, that is what lets metered time past the hours bank through."""
    entry.estimate = approved_estimate_of(entry.ticket)
