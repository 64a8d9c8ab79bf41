"""The periodic job that applies plan versions whose day has come.

Versions waiting for their day are found through the partial index `plan_version_due`
(published, not applied); each is applied in its own transaction and claimed there with a
conditional UPDATE (`versions.version_apply`), so two schedulers running at once apply a
version once. A version takes effect at midnight in its plan's calendar time zone, so the
candidates are those due by tomorrow in UTC, checked one by one. A version whose terms
no longer hold (its calendar was deleted since) is logged and left waiting; the others
take effect.
"""

import logging
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction

from .models import PlanStatus, PlanVersion
from .versions import plan_today, version_apply

log = logging.getLogger(__name__)


def apply_due_versions(now: datetime) -> list[int]:
    """Apply every published version whose day has come; returns the ids applied here."""
    horizon = now.date() + timedelta(days=1)
    candidates = PlanVersion.objects.filter(
        status=PlanStatus.PUBLISHED, applied_at__isnull=True, effective_from__lte=horizon
    ).select_related("plan__calendar")
    applied = []
    for version in candidates.order_by("effective_from", "id"):
        if version.effective_from is None or version.effective_from > plan_today(version.plan, now):
            continue
        try:
            with transaction.atomic():
                if version_apply(version, now):
                    applied.append(version.pk)
        except ValidationError as error:  # e.g. its calendar was deleted since: the others go on
            log.error("%s cannot take effect: %s", version, "; ".join(error.messages))
    return applied
