"""Validation shared by the incident services: every field error collected at once."""

from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError

from charterdesk.accounts.models import User
from charterdesk.accounts.roles import Perm

from ..choices import Qualification
from ..models import Incident, SeverityPolicy

MAX_REGIONS = 20


def check_runner(actor: User | None) -> None:
    """Incidents are run by staff with the permission; `None` is CharterDesk itself."""
    if actor is not None and not actor.has_perm(Perm.RUN_INCIDENTS):
        raise PermissionDenied("Only support staff run incidents.")


def clean_regions(regions: list[str] | tuple[str, ...], errors: dict[str, str]) -> list[str]:
    cleaned = sorted({r.strip() for r in regions if r and r.strip()})
    if len(cleaned) > MAX_REGIONS or any(len(r) > 32 for r in cleaned):
        errors["regions"] = f"At most {MAX_REGIONS} regions of at most 32 characters each."
    return cleaned


def check_next_update(
    next_update_at: datetime | None,
    severity: SeverityPolicy | None,
    now: datetime,
    errors: dict[str, str],
    field: str = "next_update_at",
) -> None:
    """The next update is promised: after now, at most the severity's interval ahead."""
    if next_update_at is None:
        errors[field] = "Say when the next update will be (required while it is open)."
        return
    if next_update_at <= now:
        errors[field] = "The next update must be in the future."
        return
    if severity is not None:
        limit = timedelta(minutes=severity.max_update_interval_minutes)
        if next_update_at - now > limit + timedelta(seconds=59):
            errors[field] = (
                f"{severity} promises an update at least every "
                f"{severity.max_update_interval_minutes} minutes."
            )


def check_open(incident: Incident, field: str = "status") -> None:
    if incident.qualification != Qualification.CONFIRMED or not incident.is_open:
        raise ValidationError({field: "Only a confirmed incident that is not resolved."})


def raise_if(errors: dict[str, str]) -> None:
    if errors:
        raise ValidationError(errors)
