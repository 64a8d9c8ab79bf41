"""Who an incident affects, computed in SQL and stored with the incident.

Affected organizations: those with a deployment of an affected service (an incident's
service, a part of it, or the service it is a part of) in an affected region (an
incident without regions affects every region; a deployment without a region is
affected wherever the incident is). Their contacts hear about it when they are an
administrator or an authorized contact of a contract in force today, or opted in to
incident notices (for all services or an affected one). A contact is listed once, with
the first reason in that order.

Both steps are `INSERT ... SELECT ... ON CONFLICT DO NOTHING` statements: nothing is
read into Python, so 100,000 contacts cost the database, not memory."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import connection
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from charterdesk.customers.models import Contact, Organization
from charterdesk.plans.models import Contract

from .choices import AudienceReason
from .models import (
    AlertOptIn,
    AudienceContact,
    AudienceOrganization,
    Deployment,
    Incident,
    Service,
)


def service_parents() -> dict[int, int | None]:
    """Every service's parent (None for a top service), read once."""
    return dict(Service.objects.values_list("pk", "parent_id"))


def affected_service_ids(
    service_ids: Iterable[int], parents: dict[int, int | None] | None = None
) -> list[int]:
    """The services, every part below them and every service above them (`parents` from
    `service_parents`, read here when not given)."""
    if parents is None:
        parents = service_parents()
    children: dict[int, list[int]] = {}
    for child, parent in parents.items():
        if parent is not None:
            children.setdefault(parent, []).append(child)
    found: set[int] = set()
    for start in service_ids:
        todo = [start]
        while todo:
            current = todo.pop()
            if current in found:
                continue
            found.add(current)
            todo.extend(children.get(current, []))
        above = parents.get(start)
        while above is not None and above not in found:
            found.add(above)
            above = parents.get(above)
    return sorted(found)


@dataclass(frozen=True)
class Scope:
    service_ids: list[int]
    regions: list[str]

    def covers(self, service_id: int, region: str) -> bool:
        """Whether a deployment of that service in that region is affected (the SQL's rule
        in Python, for what is already read)."""
        in_region = not self.regions or not region or region in self.regions
        return service_id in self.service_ids and in_region

    def deployment_sql(self) -> tuple[str, list[Any]]:
        """WHERE clause (on deployment table alias d) and its parameters."""
        marks = ", ".join(["%s"] * len(self.service_ids)) or "NULL"
        sql = f"d.service_id IN ({marks})"
        params: list[Any] = list(self.service_ids)
        if self.regions:
            regions = ", ".join(["%s"] * len(self.regions))
            sql += f" AND (d.region = '' OR d.region IN ({regions}))"
            params += list(self.regions)
        return sql, params


def scope_of(incident: Incident) -> Scope:
    services = list(incident.services.values_list("pk", flat=True))
    return Scope(affected_service_ids(services), [r for r in incident.regions if r])


def audience_compute(incident: Incident, today: date | None = None) -> tuple[int, int]:
    """Store the incident's audience (again: it is replaced). Returns (organizations,
    contacts)."""
    AudienceContact.objects.filter(incident=incident).delete()
    AudienceOrganization.objects.filter(incident=incident).delete()
    return audience_extend(incident, today)


def audience_extend(incident: Incident, today: date | None = None) -> tuple[int, int]:
    """Add to the stored audience whoever the incident's (wider) scope now affects; rows
    already there are kept as they are, so new rows have higher ids than every old one.
    Returns (organizations, contacts) in all."""
    scope = scope_of(incident)
    today = today or timezone.localdate()
    with connection.cursor() as cursor:
        cursor.execute(*_organizations_sql(incident.pk, scope))
        for reason in (
            AudienceReason.ADMINISTRATOR,
            AudienceReason.AUTHORIZED,
            AudienceReason.OPTED_IN,
        ):
            cursor.execute(*_contacts_sql(incident.pk, reason, scope, today))
    incident.audience_computed_at = timezone.now()
    incident.save(update_fields=["audience_computed_at"])
    return (
        AudienceOrganization.objects.filter(incident=incident).count(),
        AudienceContact.objects.filter(incident=incident).count(),
    )


def _organizations_sql(incident_id: int, scope: Scope) -> tuple[str, list[Any]]:
    where, params = scope.deployment_sql()
    sql = (
        f"INSERT INTO {AudienceOrganization._meta.db_table} (incident_id, organization_id) "  # noqa: S608 - table names
        f"SELECT DISTINCT %s, d.organization_id FROM {Deployment._meta.db_table} d "
        f"WHERE {where} ON CONFLICT DO NOTHING"
    )
    return sql, [incident_id, *params]


def _contacts_sql(
    incident_id: int, reason: AudienceReason, scope: Scope, today: date
) -> tuple[str, list[Any]]:
    """Contacts of the affected organizations (already stored) for one reason."""
    contact, audience = Contact._meta.db_table, AudienceOrganization._meta.db_table
    head = (
        f"INSERT INTO {AudienceContact._meta.db_table} "  # noqa: S608 - table names only
        "(incident_id, contact_id, organization_id, email, reason) "
        f"SELECT DISTINCT %s, c.id, c.organization_id, c.email, %s FROM {contact} c "
        f"JOIN {audience} a ON a.organization_id = c.organization_id AND a.incident_id = %s "
    )
    params: list[Any] = [incident_id, reason.value, incident_id]
    if reason == AudienceReason.OPTED_IN:
        marks = ", ".join(["%s"] * len(scope.service_ids)) or "NULL"
        body = (
            f"JOIN {AlertOptIn._meta.db_table} o ON o.contact_id = c.id "
            f"WHERE (o.service_id IS NULL OR o.service_id IN ({marks}))"
        )
        params += list(scope.service_ids)
    else:
        field = (
            Contract.administrators
            if reason == AudienceReason.ADMINISTRATOR
            else (Contract.authorized_contacts)
        )
        through = field.through._meta.db_table
        body = (
            f"JOIN {through} m ON m.contact_id = c.id "
            f"JOIN {Contract._meta.db_table} k ON k.id = m.contract_id "
            "AND k.organization_id = c.organization_id "
            "WHERE k.starts_on <= %s AND (k.ends_on IS NULL OR k.ends_on >= %s)"
        )
        params += [today, today]
    return head + body + " ON CONFLICT DO NOTHING", params


@dataclass(frozen=True)
class Preview:
    organizations: int
    contacts: int
    names: list[str]


def audience_preview(incident: Incident, today: date) -> Preview:
    """Who confirming the incident as it stands would alert, without storing anything
    (the qualify form shows it); the same rule as `audience_compute`."""
    organizations, contacts = affected_in(scope_of(incident), today)
    names = Organization.objects.filter(pk__in=organizations).order_by("name")
    return Preview(
        organizations=organizations.count(),
        contacts=contacts.count(),
        names=list(names.values_list("name", flat=True)[:20]),
    )


def affected_in(scope: Scope, today: date) -> tuple[QuerySet[Any], QuerySet[Contact]]:
    """The organizations (ids) and contacts a scope affects, as queries (nothing is read):
    the rule of `audience_compute`; scheduled maintenance uses it too."""
    deployments = Deployment.objects.filter(service_id__in=scope.service_ids)
    if scope.regions:
        deployments = deployments.filter(Q(region="") | Q(region__in=scope.regions))
    organizations = deployments.order_by().values("organization_id").distinct()
    in_force = Contract.objects.active_on(today)
    administrators = in_force.filter(
        administrators=OuterRef("pk"), organization=OuterRef("organization")
    )
    authorized = in_force.filter(
        authorized_contacts=OuterRef("pk"), organization=OuterRef("organization")
    )
    opted_in = AlertOptIn.objects.filter(contact=OuterRef("pk")).filter(
        Q(service__isnull=True) | Q(service_id__in=scope.service_ids)
    )
    contacts = Contact.objects.filter(organization_id__in=organizations).filter(
        Q(Exists(administrators)) | Q(Exists(authorized)) | Q(Exists(opted_in))
    )
    return organizations, contacts
