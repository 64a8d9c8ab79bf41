"""Contacts of an organization in the settings area: add, change (name, address, time
zone, mail preferences), deactivate or reactivate, and invite to the portal."""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from charterdesk.accounts.access import staff_permission_required
from charterdesk.accounts.auth import signed_in_user
from charterdesk.accounts.roles import Perm
from charterdesk.customers.models import Contact, Organization

from .organization_forms import ContactForm
from .organization_services import contact_deactivate, contact_invite, contact_reactivate

settings_page = staff_permission_required(Perm.MANAGE_SETTINGS)


@settings_page
def contact_new(request: HttpRequest, organization_id: int) -> HttpResponse:
    organization = get_object_or_404(Organization, pk=organization_id)
    return _edit(request, Contact(organization=organization), organization)


@settings_page
def contact_edit(request: HttpRequest, contact_id: int) -> HttpResponse:
    contact = get_object_or_404(
        Contact.objects.select_related("organization", "user"),
        pk=contact_id,
        organization__isnull=False,
    )
    return _edit(request, contact, contact.organization)  # type: ignore[arg-type]


def _edit(request: HttpRequest, contact: Contact, organization: Organization) -> HttpResponse:
    form = ContactForm(request.POST or None, instance=contact, organization=organization)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            saved = form.save()
        messages.success(request, f"Contact {saved.email} saved.")
        return redirect("manage:contact", contact_id=saved.pk)
    context = {
        "section": "organizations",
        "form": form,
        "contact": contact,
        "organization": organization,
    }
    return render(request, "manage/contact.html", context)


@settings_page
@require_POST
def contact_deactivate_view(request: HttpRequest, contact_id: int) -> HttpResponse:
    return _act(
        request, contact_id, contact_deactivate, "deactivated: portal closed, off the contracts"
    )


@settings_page
@require_POST
def contact_reactivate_view(request: HttpRequest, contact_id: int) -> HttpResponse:
    return _act(request, contact_id, contact_reactivate, "reactivated")


@settings_page
@require_POST
def contact_invite_view(request: HttpRequest, contact_id: int) -> HttpResponse:
    by = signed_in_user(request)
    return _act(
        request, contact_id, lambda c: contact_invite(c, by=by), "invited to the portal by mail"
    )


def _act(
    request: HttpRequest, contact_id: int, action: Callable[[Contact], None], done: str
) -> HttpResponse:
    contact = get_object_or_404(Contact.objects.select_related("user"), pk=contact_id)
    try:
        with transaction.atomic():
            action(contact)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"{contact.email} {done}.")
    return redirect("manage:contact", contact_id=contact.pk)
