"""The root cause of a ticket: why it happened, in which product and version. Agents
record it when they solve (required when the ROOT_CAUSE_REQUIRED setting is on); the
insights reports rank causes by the hours and tickets they cost."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from charterdesk.accounts.guards import check_agent
from charterdesk.accounts.models import User

from ..category_models import RootCause
from ..models import EventKind, Ticket
from .history import record
from .validation import check_choice


def ticket_record_cause(
    ticket: Ticket, *, by: User | None, cause: str, product: str, version: str
) -> list[str]:
    """Record the root cause, product and version (an empty cause clears it); each change
    is an internal history line. Callers: the desk's ticket page and the API. Returns the
    changed fields."""
    check_agent(by, "Only agents record a ticket's root cause.")
    if cause:
        check_choice("root_cause", cause, RootCause)
    errors = {}
    if len(product) > 100:
        errors["product"] = "At most 100 characters."
    if len(version) > 50:
        errors["product_version"] = "At most 50 characters."
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    changed = []
    for field, new in (("root_cause", cause), ("product", product), ("product_version", version)):
        old = getattr(ticket, field)
        if new != old:
            setattr(ticket, field, new)
            record(
                ticket, by, EventKind.CHANGED, field=field, old=old, new=new, internal=True, at=now
            )
            changed.append(field)
    if changed:
        ticket.updated_at = now
        ticket.save(update_fields=[*changed, "updated_at"])
    return changed


def cause_missing(ticket: Ticket) -> bool:
    """Solving needs a root cause first (the ROOT_CAUSE_REQUIRED setting) and there is none."""
    return bool(settings.ROOT_CAUSE_REQUIRED) and not ticket.root_cause
