"""An organization's mail domains: add, remove, and verify one by its DNS record or by
a link mailed to a contact at the domain (the link's page needs no sign-in: the contact
who opens it may have no account)."""

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from charterdesk.accounts.access import staff_permission_required
from charterdesk.accounts.auth import signed_in_user
from charterdesk.accounts.roles import Perm
from charterdesk.core.forms import flash_errors
from charterdesk.customers.domain_checks import dns_check, domain_for_link, domain_verify
from charterdesk.customers.models import DomainVerification, Organization, OrganizationDomain

from .organization_forms import DomainForm, VerificationMailForm
from .organization_services import domain_verification_mail
from .organization_views import organization_page

settings_page = staff_permission_required(Perm.MANAGE_SETTINGS)


@settings_page
@require_POST
def domain_add(request: HttpRequest, organization_id: int) -> HttpResponse:
    organization = get_object_or_404(Organization, pk=organization_id)
    form = DomainForm(request.POST, organization=organization)
    if form.is_valid():
        with transaction.atomic():
            domain = form.save()
        messages.success(request, f"{domain} added; verify it so mail from it is matched.")
        return redirect("manage:domain", domain_id=domain.pk)
    return organization_page(request, organization, domain_form=form)


@settings_page
def domain_page(request: HttpRequest, domain_id: int) -> HttpResponse:
    domain = get_object_or_404(
        OrganizationDomain.objects.select_related("organization"), pk=domain_id
    )
    context = {
        "section": "organizations",
        "domain": domain,
        "organization": domain.organization,
        "mail_form": VerificationMailForm(domain=domain),
    }
    return render(request, "manage/domain.html", context)


@settings_page
@require_POST
def domain_check(request: HttpRequest, domain_id: int) -> HttpResponse:
    domain = get_object_or_404(OrganizationDomain, pk=domain_id)
    answer = dns_check(domain)
    if answer.found:
        with transaction.atomic():
            domain_verify(domain, DomainVerification.DNS)
        messages.success(request, f"{domain} is verified. {answer.words}")
    else:
        messages.error(request, f"Not verified yet: {answer.words}")
    return redirect("manage:domain", domain_id=domain.pk)


@settings_page
@require_POST
def domain_mail(request: HttpRequest, domain_id: int) -> HttpResponse:
    domain = get_object_or_404(
        OrganizationDomain.objects.select_related("organization"), pk=domain_id
    )
    form = VerificationMailForm(request.POST, domain=domain)
    if form.is_valid():
        contact = form.cleaned_data["contact"]
        with transaction.atomic():
            domain_verification_mail(domain, contact, by=signed_in_user(request))
        messages.success(request, f"A verification link was mailed to {contact.email}.")
    else:
        flash_errors(request, "No mail was sent:", form)
    return redirect("manage:domain", domain_id=domain.pk)


@settings_page
@require_POST
def domain_remove(request: HttpRequest, domain_id: int) -> HttpResponse:
    domain = get_object_or_404(OrganizationDomain, pk=domain_id)
    with transaction.atomic():
        domain.delete()
    messages.success(
        request, f"{domain} removed: mail from it no longer matches {domain.organization}."
    )
    return redirect("manage:organization", organization_id=domain.organization_id)


def domain_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """The mailed link: a page with a button (mail scanners that open links do not
    verify anything), and the verification on POST."""
    found = domain_for_link(token)
    if found is None:
        return render(request, "manage/domain_confirm.html", {"invalid": True}, status=404)
    domain, address = found
    done = domain.is_verified
    if request.method == "POST" and not done:
        with transaction.atomic():
            domain_verify(domain, DomainVerification.MAIL)
        done = True
    context = {"domain": domain, "address": address, "done": done}
    return render(request, "manage/domain_confirm.html", context)
