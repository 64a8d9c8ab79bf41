"""Who takes each role on an incident, from the role assignments made ahead of time."""

from django.db.models import Q

from charterdesk.accounts.models import User
from charterdesk.routing.models import Team

from .choices import IncidentRole
from .models import Incident, IncidentRoleHolder, RoleAssignment


def specificity(row: RoleAssignment, service_ids: set[int]) -> int:
    """How specific a matching assignment is (3: service and severity ... 0: default);
    -1 when it is for another service."""
    if row.service_id is not None and row.service_id not in service_ids:
        return -1
    return (2 if row.service_id is not None else 0) + (1 if row.severity_id is not None else 0)


def roles_assign(incident: Incident) -> None:
    """Fill each role not held yet with the most specific matching assignment: service
    and severity, then service, then severity, then the default."""
    service_ids = set(incident.services.values_list("pk", flat=True))
    held = set(incident.roles.values_list("role", flat=True))
    rows = RoleAssignment.objects.filter(
        Q(severity__isnull=True) | Q(severity=incident.severity_id)
    ).exclude(role__in=held)
    best: dict[str, tuple[int, RoleAssignment]] = {}
    for row in rows:
        rank = specificity(row, service_ids)
        if rank >= 0 and (row.role not in best or rank > best[row.role][0]):
            best[row.role] = (rank, row)
    IncidentRoleHolder.objects.bulk_create(
        IncidentRoleHolder(incident=incident, role=role, user_id=row.user_id, team_id=row.team_id)
        for role, (_, row) in best.items()
    )


def role_addresses(incident: Incident, role: IncidentRole) -> list[str]:
    """Where to mail a role holder: the person, or the team's lead, else its members."""
    holder = incident.roles.filter(role=role).select_related("user", "team__lead").first()
    if holder is None:
        return []
    if holder.user is not None:
        return [holder.user.email]
    team: Team | None = holder.team
    if team is None:
        return []
    if team.lead is not None:
        return [team.lead.email]
    return list(team.members.filter(is_active=True).values_list("email", flat=True))


def role_set(incident: Incident, role: IncidentRole, *, user: User | None) -> None:
    IncidentRoleHolder.objects.update_or_create(
        incident=incident, role=role, defaults={"user": user, "team": None}
    )
