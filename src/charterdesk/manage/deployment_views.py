"""An organization's deployments on its settings page: add one (a service of the
incidents catalog and a region), remove one. The incidents app's services do the writes
(and check Perm.MANAGE_SERVICES); the audit log records both."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from charterdesk.accounts.access import staff_permission_required
from charterdesk.accounts.auth import signed_in_user
from charterdesk.accounts.roles import Perm
from charterdesk.core.forms import add_service_errors
from charterdesk.customers.models import Organization
from charterdesk.incidents.models import Deployment
from charterdesk.incidents.services import deployment_create, deployment_delete

from .deployment_forms import DeploymentForm
from .organization_views import organization_page

settings_page = staff_permission_required(Perm.MANAGE_SETTINGS)


@settings_page
@require_POST
def deployment_add(request: HttpRequest, organization_id: int) -> HttpResponse:
    organization = get_object_or_404(Organization, pk=organization_id)
    form = DeploymentForm(request.POST, organization=organization)
    if form.is_valid():
        try:
            with transaction.atomic():
                deployment = deployment_create(
                    signed_in_user(request), organization=organization, **form.cleaned_data
                )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{organization} uses {_where(deployment)}.")
            return redirect("manage:organization", organization_id=organization.pk)
    return organization_page(request, organization, deployment_form=form)


@settings_page
@require_POST
def deployment_remove(request: HttpRequest, deployment_id: int) -> HttpResponse:
    deployment = get_object_or_404(
        Deployment.objects.select_related("organization", "service"), pk=deployment_id
    )
    organization = deployment.organization
    try:
        with transaction.atomic():
            deployment_delete(signed_in_user(request), deployment)
    except PermissionDenied as refused:
        messages.error(request, str(refused))
    else:
        messages.success(
            request,
            f"{organization} no longer uses {_where(deployment)}: "
            "its incidents no longer alert them.",
        )
    return redirect("manage:organization", organization_id=organization.pk)


def _where(deployment: Deployment) -> str:
    region = f" in {deployment.region}" if deployment.region else " in every region"
    return f"{deployment.service}{region}"
