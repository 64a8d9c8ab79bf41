"""Reads of the set-up pages (staff only: the views are for agents)."""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from ..assignments import specificity
from ..choices import IncidentRole
from ..models import Monitor, RoleAssignment, Service, SeverityPolicy


@dataclass(frozen=True)
class TreeRow:
    service: Service
    depth: int


def service_tree(*, archived: bool = False) -> list[TreeRow]:
    """Services in use (or all, with the archived ones) as a tree in one query: each
    parent followed by its parts, indented by depth, in status-page order."""
    rows = Service.objects.annotate(
        deployments_count=Count("deployments", distinct=True),
        monitors_count=Count("monitors", distinct=True),
    ).order_by("position", "name")
    if not archived:
        rows = rows.filter(archived_at__isnull=True)
    services = list(rows)
    children: dict[int | None, list[Service]] = {}
    known = {s.pk for s in services}
    for s in services:
        parent = s.parent_id if s.parent_id in known else None
        children.setdefault(parent, []).append(s)
    tree: list[TreeRow] = []
    stack = [(s, 0) for s in reversed(children.get(None, []))]
    while stack:
        service, depth = stack.pop()
        tree.append(TreeRow(service, depth))
        stack += [(part, depth + 1) for part in reversed(children.get(service.pk, []))]
    return tree


def service_monitors(service: Service) -> QuerySet[Monitor]:
    return Monitor.objects.filter(service=service).select_related("incident").order_by("name")


def role_assignments() -> QuerySet[RoleAssignment]:
    return RoleAssignment.objects.select_related("service", "severity", "user", "team").order_by(
        "role", "service__name", "severity__level"
    )


def role_holder_preview(
    role: IncidentRole, service: Service | None, severity: SeverityPolicy | None
) -> RoleAssignment | None:
    """Who would take `role` on an incident of `service` at `severity`: the most specific
    assignment (service and severity, then service, then severity, then the default),
    the rule `assignments.roles_assign` applies when an incident opens."""
    severity_match = Q(severity__isnull=True)
    if severity is not None:
        severity_match |= Q(severity=severity)
    rows = RoleAssignment.objects.filter(severity_match, role=role).select_related(
        "user", "team", "service", "severity"
    )
    service_ids = {service.pk} if service is not None else set()
    best: tuple[int, RoleAssignment] | None = None
    for row in rows:
        rank = specificity(row, service_ids)
        if rank >= 0 and (best is None or rank > best[0]):
            best = (rank, row)
    return best[1] if best else None
