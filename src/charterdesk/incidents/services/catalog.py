"""Set up ahead of time: services and deployments (audited as settings, core/audit.py)."""

from django.core.exceptions import PermissionDenied, ValidationError

from charterdesk.accounts.models import User
from charterdesk.accounts.roles import Perm
from charterdesk.customers.models import Organization

from ..models import Deployment, Service


def _check_manager(actor: User) -> None:
    if not actor.has_perm(Perm.MANAGE_SERVICES):
        raise PermissionDenied("Only support managers set up services and deployments.")


def service_create(
    actor: User,
    *,
    name: str,
    parent: Service | None = None,
    description: str = "",
    is_public: bool = True,
) -> Service:
    """A new service (a part of `parent` when given). Called by the desk and the API."""
    _check_manager(actor)
    name = " ".join(name.split())
    if Service.objects.filter(name__iexact=name).exists():
        raise ValidationError({"name": "A service with this name exists already."})
    service = Service(name=name, parent=parent, description=description, is_public=is_public)
    service.save()
    return service


def deployment_create(
    actor: User, *, organization: Organization, service: Service, region: str = ""
) -> Deployment:
    """The organization uses the service in the region (idempotent: the existing row)."""
    _check_manager(actor)
    region = region.strip()
    if len(region) > 32:
        raise ValidationError({"region": "A region has at most 32 characters."})
    deployment, _ = Deployment.objects.get_or_create(
        organization=organization, service=service, region=region
    )
    return deployment


def deployment_delete(actor: User, deployment: Deployment) -> None:
    _check_manager(actor)
    deployment.delete()
