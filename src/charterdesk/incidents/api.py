"""The incident process in the REST API: services, deployments, incidents, qualify,
updates, audience, resolve, tickets, post-mortem. Customers read only the incidents
that affect them and the public ones."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router
from ninja.responses import Status

from charterdesk.accounts.auth import user_of
from charterdesk.accounts.selectors import active_agents
from charterdesk.core.pagination import page_of
from charterdesk.core.validators import Id
from charterdesk.customers.models import Organization
from charterdesk.tickets.selectors import ticket_get_for

from . import services
from .action_api import router as action_router
from .choices import IncidentRole, Source
from .models import (
    Deployment,
    Incident,
    IncidentRoleHolder,
    IncidentUpdate,
    PostMortem,
    Service,
    SeverityPolicy,
)
from .schemas import (
    AudienceFilters,
    AudienceOut,
    DeploymentFilters,
    DeploymentIn,
    DeploymentOut,
    DeploymentPage,
    IncidentFilters,
    IncidentIn,
    IncidentOut,
    IncidentPage,
    LinkIn,
    PostMortemIn,
    PostMortemOut,
    QualifyIn,
    ResolveIn,
    RoleIn,
    RoleName,
    RoleOut,
    ScopeIn,
    ScopeOut,
    ServiceIn,
    ServiceOut,
    ServicePatch,
    UpdateIn,
    UpdateOut,
)
from .selectors import (
    audience_contacts,
    audience_organizations,
    deployments_visible_to,
    incident_get_for,
    incident_lock_for,
    incidents_visible_to,
    postmortem_get_for,
    updates_visible_to,
)
from .services.setup import service_patch

router = Router(tags=["incidents"])
router.add_router("", action_router)  # post-mortem follow-up actions (action_api.py)


def _services(ids: list[int] | None) -> list[Service] | None:
    if ids is None:
        return None
    found = list(Service.objects.filter(pk__in=ids))
    if len(found) != len(set(ids)):
        raise ValidationError({"service_ids": "No such service."})
    archived = [s.name for s in found if s.is_archived]
    if archived:
        raise ValidationError({"service_ids": f"Archived: {', '.join(archived)}."})
    return found


def _severity(level: int | None) -> SeverityPolicy | None:
    if level is None:
        return None
    found = SeverityPolicy.objects.filter(level=level).first()
    if found is None:
        raise ValidationError({"severity": f"No severity level {level} is set up."})
    return found


@router.post("/services", response={201: ServiceOut})
def create_service(request: HttpRequest, payload: ServiceIn) -> Status[Service]:
    parent = Service.objects.get(pk=payload.parent_id) if payload.parent_id else None
    with transaction.atomic(durable=True):
        service = services.service_create(
            user_of(request),
            name=payload.name,
            parent=parent,
            description=payload.description,
            is_public=payload.is_public,
        )
    return Status(201, service)


@router.patch("/services/{service_id}", response=ServiceOut)
def update_service(request: HttpRequest, service_id: Id, payload: ServicePatch) -> Service:
    service = Service.objects.get(pk=service_id)
    with transaction.atomic(durable=True):
        return service_patch(user_of(request), service, payload, now=timezone.now())


@router.get("/services", response=list[ServiceOut])
def list_services(request: HttpRequest) -> QuerySet[Service]:
    return Service.objects.all()


@router.post("/organizations/{organization_id}/deployments", response={201: DeploymentOut})
def create_deployment(
    request: HttpRequest, organization_id: Id, payload: DeploymentIn
) -> Status[Deployment]:
    organization = Organization.objects.get(pk=organization_id)
    service = Service.objects.filter(pk=payload.service_id).first()
    if service is None:
        raise ValidationError({"service_id": "No such service."})
    with transaction.atomic(durable=True):
        deployment = services.deployment_create(
            user_of(request), organization=organization, service=service, region=payload.region
        )
    return Status(201, deployment)


@router.get("/organizations/{organization_id}/deployments", response=DeploymentPage)
def list_deployments(
    request: HttpRequest, organization_id: Id, filters: Query[DeploymentFilters]
) -> dict[str, Any]:
    """The organization's deployments, newest first, a page at a time (follow `next`)."""
    rows = deployments_visible_to(user_of(request), organization_id)
    items, next_url = page_of(
        request,
        rows,
        filters.cursor,
        filters.limit,
        service_id=filters.service_id,
        region=filters.region,
    )
    return {"items": items, "next": next_url}


@router.delete("/organizations/{organization_id}/deployments/{deployment_id}", response={204: None})
def delete_deployment(request: HttpRequest, organization_id: Id, deployment_id: Id) -> Status[None]:
    """The organization no longer uses the service in that region (in the audit log)."""
    user = user_of(request)
    with transaction.atomic(durable=True):
        deployment = (
            deployments_visible_to(user, organization_id)
            .select_for_update(of=("self",))
            .get(pk=deployment_id)
        )
        services.deployment_delete(user, deployment)
    return Status(204, None)


@router.post("/incidents", response={201: IncidentOut})
def open_incident(request: HttpRequest, payload: IncidentIn) -> Status[Incident]:
    with transaction.atomic(durable=True):
        incident = services.incident_open(
            user_of(request),
            title=payload.title,
            services=_services(payload.service_ids) or [],
            severity=_severity(payload.severity),
            regions=payload.regions,
            source=Source.API,
            started_at=payload.started_at,
            nature=payload.nature,
            dedup_key=payload.dedup_key,
            now=timezone.now(),
        )
    return Status(201, incident)


@router.get("/incidents", response=IncidentPage)
def list_incidents(request: HttpRequest, filters: Query[IncidentFilters]) -> dict[str, Any]:
    rows = incidents_visible_to(user_of(request)).prefetch_related("services")
    items, next_url = page_of(request, rows, filters.cursor, filters.limit, status=filters.status)
    return {"items": items, "next": next_url}


@router.get("/incidents/{incident_id}", response=IncidentOut)
def read_incident(request: HttpRequest, incident_id: Id) -> Incident:
    return incident_get_for(user_of(request), incident_id)


@router.post("/incidents/{incident_id}/qualify", response=IncidentOut)
def qualify_incident(request: HttpRequest, incident_id: Id, payload: QualifyIn) -> Incident:
    user = user_of(request)
    with transaction.atomic(durable=True):
        incident = incident_lock_for(user, incident_id)
        return services.incident_qualify(
            incident,
            user,
            confirm=payload.confirm,
            severity=_severity(payload.severity),
            alert_customers=payload.alert_customers,
            services=_services(payload.service_ids),
            regions=payload.regions,
            impact=payload.impact,
            nature=payload.nature,
            next_update_at=payload.next_update_at,
            expected_resolution_at=payload.expected_resolution_at,
            is_public=payload.is_public,
            now=timezone.now(),
        )


@router.post("/incidents/{incident_id}/scope", response=ScopeOut)
def widen_scope(request: HttpRequest, incident_id: Id, payload: ScopeIn) -> dict[str, Any]:
    """Add services and regions as an outage spreads; the newly affected contacts get
    the first alert if customers were already alerted."""
    user = user_of(request)
    with transaction.atomic(durable=True):
        incident = incident_lock_for(user, incident_id)
        alerted = services.incident_scope_add(
            incident,
            user,
            services=_services(payload.service_ids) or [],
            regions=payload.regions,
            now=timezone.now(),
        )
    ids = sorted(incident.services.values_list("pk", flat=True))
    return {"service_ids": ids, "regions": incident.regions, "alerted": alerted}


@router.put("/incidents/{incident_id}/roles/{role}", response=RoleOut)
def set_role(
    request: HttpRequest, incident_id: Id, role: RoleName, payload: RoleIn
) -> IncidentRoleHolder:
    """Hand a role to a member of staff; its reminders and alerts go to them."""
    user = user_of(request)
    holder = active_agents().filter(pk=payload.user_id).first()
    if holder is None:
        raise ValidationError({"user_id": "No such member of staff."})
    with transaction.atomic(durable=True):
        return services.incident_role_set(
            incident_lock_for(user, incident_id),
            user,
            role=IncidentRole(role),
            user=holder,
            now=timezone.now(),
        )


@router.get("/incidents/{incident_id}/updates", response=list[UpdateOut])
def list_updates(request: HttpRequest, incident_id: Id) -> QuerySet[IncidentUpdate]:
    user = user_of(request)
    return updates_visible_to(user, incident_get_for(user, incident_id))


@router.post("/incidents/{incident_id}/updates", response={201: UpdateOut})
def post_update(request: HttpRequest, incident_id: Id, payload: UpdateIn) -> Status[IncidentUpdate]:
    user = user_of(request)
    with transaction.atomic(durable=True):
        update = services.incident_post_update(
            incident_lock_for(user, incident_id),
            user,
            status=payload.status,
            message=payload.message,
            next_update_at=payload.next_update_at,
            is_public=payload.public,
            now=timezone.now(),
        )
    return Status(201, update)


@router.get("/incidents/{incident_id}/audience", response=AudienceOut)
def read_audience(
    request: HttpRequest, incident_id: Id, filters: Query[AudienceFilters]
) -> dict[str, Any]:
    """The stored audience: every affected organization, and the contacts a page at a
    time (`limit`, then follow `next`)."""
    user = user_of(request)
    incident = incident_get_for(user, incident_id)
    organizations = [
        {"id": row.organization_id, "name": row.organization.name}
        for row in audience_organizations(user, incident).order_by("organization__name")
    ]
    rows = audience_contacts(user, incident).filter(pk__gt=filters.after).order_by("pk")
    page = list(rows.values("pk", "email")[: filters.limit + 1])
    next_url = None
    if len(page) > filters.limit:
        page = page[: filters.limit]
        next_url = request.build_absolute_uri(
            f"{request.path}?after={page[-1]['pk']}&limit={filters.limit}"
        )
    contacts = [{"email": row["email"]} for row in page]
    return {"organizations": organizations, "contacts": contacts, "next": next_url}


@router.post("/incidents/{incident_id}/resolve", response=UpdateOut)
def resolve_incident(request: HttpRequest, incident_id: Id, payload: ResolveIn) -> IncidentUpdate:
    user = user_of(request)
    with transaction.atomic(durable=True):
        return services.incident_resolve(
            incident_lock_for(user, incident_id),
            user,
            message=payload.message,
            data_lost=payload.data_lost,
            ticket_reply=payload.ticket_reply,
            keep_open=set(payload.keep_open_ticket_ids),
            now=timezone.now(),
        )


@router.post("/incidents/{incident_id}/tickets", response={204: None})
def link_ticket(request: HttpRequest, incident_id: Id, payload: LinkIn) -> Status[None]:
    user = user_of(request)
    with transaction.atomic(durable=True):
        incident = incident_lock_for(user, incident_id)
        ticket = ticket_get_for(user, payload.ticket_id)
        services.ticket_link(incident, ticket, user, timezone.now(), automatic=False)
    return Status(204, None)


@router.delete("/incidents/{incident_id}/tickets/{ticket_id}", response={204: None})
def unlink_ticket(request: HttpRequest, incident_id: Id, ticket_id: Id) -> Status[None]:
    user = user_of(request)
    with transaction.atomic(durable=True):
        incident = incident_lock_for(user, incident_id)
        services.ticket_unlink(incident, ticket_get_for(user, ticket_id), user, timezone.now())
    return Status(204, None)


@router.get("/incidents/{incident_id}/postmortem", response=PostMortemOut)
def read_postmortem(request: HttpRequest, incident_id: Id) -> PostMortem:
    user = user_of(request)
    return postmortem_get_for(user, incident_get_for(user, incident_id))


@router.patch("/incidents/{incident_id}/postmortem", response=PostMortemOut)
def write_postmortem(request: HttpRequest, incident_id: Id, payload: PostMortemIn) -> PostMortem:
    """Write the report; `approve` approves it, `send` sends the customer version."""
    user = user_of(request)
    now = timezone.now()
    given = payload.dict(exclude_unset=True, exclude={"approve", "send"})
    fields = {name: value for name, value in given.items() if value is not None}
    with transaction.atomic(durable=True):
        incident = incident_lock_for(user, incident_id)
        postmortem = postmortem_get_for(user, incident)
        if fields:
            services.postmortem_save(
                postmortem, user, now, **{k: v for k, v in fields.items() if v is not None}
            )
        if payload.approve:
            services.postmortem_approve(postmortem, user, now)
        if payload.send:
            services.postmortem_send(postmortem, user, now)
    return postmortem
