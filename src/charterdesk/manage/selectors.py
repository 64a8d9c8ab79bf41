"""Reads of the settings area; only managers and administrators reach them (the views'
permission check), so they are not scoped further."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from charterdesk.core.models import AuditEntry
from charterdesk.customers.models import Organization
from charterdesk.plans.models import Contract, Plan
from charterdesk.sla.models import Calendar

AUDIT_PAGE_SIZE = 50


@dataclass(frozen=True)
class Overview:
    calendars: int
    plans: int
    organizations: int
    contracts: int
    changes_this_week: int


def settings_overview() -> Overview:
    week_ago = timezone.now() - timedelta(days=7)
    return Overview(
        calendars=Calendar.objects.count(),
        plans=Plan.objects.count(),
        organizations=Organization.objects.count(),
        contracts=Contract.objects.active_on(timezone.localdate()).count(),
        changes_this_week=AuditEntry.objects.filter(at__gte=week_ago).count(),
    )


def audit_entries(filters: dict[str, Any]) -> QuerySet[AuditEntry]:
    """The log, newest first, narrowed by kind, actor and days (both included)."""
    entries = AuditEntry.objects.select_related("actor").order_by("-id")
    if filters.get("kind"):
        entries = entries.filter(kind=filters["kind"])
    if filters.get("actor"):
        entries = entries.filter(actor_email__iexact=filters["actor"])
    if filters.get("start"):
        entries = entries.filter(at__gte=_midnight(filters["start"]))
    if filters.get("end"):
        entries = entries.filter(at__lt=_midnight(filters["end"] + timedelta(days=1)))
    return entries


def audit_page(
    entries: QuerySet[AuditEntry], before: int | None
) -> tuple[list[AuditEntry], int | None]:
    """One page of the log (keyset on the id: as fast on the last page as on the first)
    and the id to continue before, or None on the last page."""
    if before:
        entries = entries.filter(id__lt=before)
    rows = list(entries[: AUDIT_PAGE_SIZE + 1])
    if len(rows) > AUDIT_PAGE_SIZE:
        return rows[:AUDIT_PAGE_SIZE], rows[AUDIT_PAGE_SIZE - 1].pk
    return rows, None


def audit_actors() -> list[str]:
    """Everyone who changed a setting, for the log's filter."""
    actors = AuditEntry.objects.exclude(actor_email="").values_list("actor_email", flat=True)
    return sorted(set(actors.distinct()))


def _midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))
