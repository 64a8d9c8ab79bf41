"""Reads of the incident process, each scoped to what the user may see.

Staff see every incident. A customer sees a confirmed incident that affects their
organization (it is in the stored audience) or that is public, and only its public
updates; never a suspected or dismissed one, the internal notes or the audience."""

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from charterdesk.accounts.models import User
from charterdesk.accounts.roles import Perm
from charterdesk.customers.models import Organization

from .choices import OPEN_STATUSES, Qualification
from .models import (
    AudienceContact,
    AudienceOrganization,
    Deployment,
    Incident,
    IncidentUpdate,
    PostMortem,
    Service,
    TimelineEvent,
)


def _organization_id(user: User) -> int | None:
    contact = getattr(user, "contact", None)
    return contact.organization_id if contact is not None else None


def deployments_visible_to(user: User, organization_id: int) -> QuerySet[Deployment]:
    """An organization's deployments: staff see any organization's, a customer their own
    organization's. Raises Organization.DoesNotExist (a 404) for anything else, so a
    customer cannot tell another organization exists."""
    mine = user.is_active and _organization_id(user) == organization_id
    if not (user.is_agent or mine) or not Organization.objects.filter(pk=organization_id).exists():
        raise Organization.DoesNotExist
    return Deployment.objects.filter(organization_id=organization_id).select_related("service")


def incidents_visible_to(user: User) -> QuerySet[Incident]:
    rows = Incident.objects.select_related("severity")
    if user.has_perm(Perm.RUN_INCIDENTS):
        return rows
    if not user.is_active:
        return rows.none()
    affects = Q(is_public=True)
    organization = _organization_id(user)
    if organization is not None:
        affects |= Q(
            Exists(
                AudienceOrganization.objects.filter(
                    incident=OuterRef("pk"), organization_id=organization
                )
            )
        )
    return rows.filter(affects, qualification=Qualification.CONFIRMED)


def incident_get_for(user: User, incident_id: int) -> Incident:
    """One incident the user may see; DoesNotExist otherwise."""
    return incidents_visible_to(user).get(pk=incident_id)


def incident_lock_for(user: User, incident_id: int) -> Incident:
    """An incident for staff to change, its row locked for the caller's transaction."""
    if not user.has_perm(Perm.RUN_INCIDENTS):
        raise PermissionDenied("Only support staff run incidents.")
    return (
        Incident.objects.select_for_update(of=("self",))
        .select_related("severity")
        .get(pk=incident_id)
    )


def updates_visible_to(user: User, incident: Incident) -> QuerySet[IncidentUpdate]:
    rows = incident.updates.select_related("author")
    if user.has_perm(Perm.RUN_INCIDENTS):
        return rows
    return rows.filter(is_public=True)


def timeline_of(user: User, incident: Incident) -> QuerySet[TimelineEvent]:
    if not user.has_perm(Perm.RUN_INCIDENTS):
        raise PermissionDenied("The timeline is for support staff.")
    return incident.events.select_related("actor")


def audience_organizations(user: User, incident: Incident) -> QuerySet[AudienceOrganization]:
    if not user.has_perm(Perm.RUN_INCIDENTS):
        raise PermissionDenied("The audience is for support staff.")
    return incident.audience_organizations.select_related("organization")


def audience_contacts(user: User, incident: Incident) -> QuerySet[AudienceContact]:
    if not user.has_perm(Perm.RUN_INCIDENTS):
        raise PermissionDenied("The audience is for support staff.")
    return incident.audience_contacts.all()


def banner_incidents_for(user: User) -> list[Incident]:
    """Open, confirmed incidents that affect the customer's organization (the portal's
    banner): at most three, the most recent first."""
    organization = _organization_id(user)
    if organization is None:
        return []
    rows = Incident.objects.filter(
        qualification=Qualification.CONFIRMED,
        status__in=OPEN_STATUSES,
        audience_organizations__organization_id=organization,
    )
    return list(rows.order_by("-started_at")[:3])


def postmortem_get_for(user: User, incident: Incident) -> PostMortem:
    if not user.has_perm(Perm.RUN_INCIDENTS):
        raise PermissionDenied("Post-mortems are written by support staff.")
    return PostMortem.objects.select_related("owner", "approved_by").get(incident=incident)


def services_with_parts() -> QuerySet[Service]:
    return Service.objects.select_related("parent").annotate(deployments_count=Count("deployments"))
