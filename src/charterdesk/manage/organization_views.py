"""Organizations in the settings area: the list with its search, a form to add one, and
its page (details, mail domains, deployments, contacts)."""

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from charterdesk.accounts.access import staff_permission_required
from charterdesk.accounts.roles import Perm
from charterdesk.customers.models import Organization
from charterdesk.products.services import products_used_set

from .deployment_forms import DeploymentForm
from .organization_forms import DomainForm, OrganizationForm, OrganizationSearchForm
from .organization_selectors import (
    contact_rows,
    deployments_of,
    organizations_found,
    page_of,
    regions_known,
)

settings_page = staff_permission_required(Perm.MANAGE_SETTINGS)


@settings_page
def organization_list(request: HttpRequest) -> HttpResponse:
    search = OrganizationSearchForm(request.GET)
    text = search.cleaned_data["q"] if search.is_valid() else ""
    page = page_of(organizations_found(text), request.GET.get("page"))
    context = {"section": "organizations", "search": search, "q": text, "page": page}
    return render(request, "manage/organizations.html", context)


@settings_page
def organization_new(request: HttpRequest) -> HttpResponse:
    return _edit(request, Organization())


@settings_page
def organization_edit(request: HttpRequest, organization_id: int) -> HttpResponse:
    return _edit(request, get_object_or_404(Organization, pk=organization_id))


def _edit(request: HttpRequest, organization: Organization) -> HttpResponse:
    form = OrganizationForm(request.POST or None, instance=organization)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            saved = form.save()
            products_used_set(saved, list(form.cleaned_data["products"]))
        messages.success(request, f"Organization “{saved.name}” saved.")
        return redirect("manage:organization", organization_id=saved.pk)
    return organization_page(request, organization, form=form)


def organization_page(
    request: HttpRequest,
    organization: Organization,
    *,
    form: OrganizationForm | None = None,
    domain_form: DomainForm | None = None,
    deployment_form: DeploymentForm | None = None,
) -> HttpResponse:
    """The organization's page; a form given (with its errors) replaces the empty one."""
    context = {
        "section": "organizations",
        "form": form or OrganizationForm(instance=organization),
        "organization": organization,
    }
    if organization.pk:
        page, rows = contact_rows(organization, request.GET.get("page"))
        context |= {
            "domains": organization.domains.all(),
            "domain_form": domain_form or DomainForm(organization=organization),
            "deployments": deployments_of(organization),
            "deployment_form": deployment_form or DeploymentForm(organization=organization),
            "regions": regions_known(),
            "contacts": page,
            "contact_rows": rows,
        }
    return render(request, "manage/organization.html", context)
