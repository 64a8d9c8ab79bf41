"""The customer's "Your plan" page: the hours bank, and the authorized contacts that a
contract administrator manages within the plan's cap."""

from django import forms
from django.contrib import messages as flash
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from charterdesk.accounts.access import contact_required
from charterdesk.accounts.auth import signed_in_user
from charterdesk.core.forms import add_service_errors
from charterdesk.customers.models import Contact
from charterdesk.hours.selectors import bank_of
from charterdesk.intake import authorized
from charterdesk.plans.models import Contract
from charterdesk.plans.selectors import contract_active_for, contract_lock_for


class AuthorizeForm(forms.Form):
    email = forms.EmailField(label="Email", max_length=254)
    name = forms.CharField(label="Name (for a new contact)", max_length=200, required=False)


def _contact(request: HttpRequest) -> Contact:
    return signed_in_user(request).contact


def _contract(contact: Contact) -> Contract | None:
    return contract_active_for(contact.organization, timezone.localdate())


@contact_required
def plan(request: HttpRequest, form: AuthorizeForm | None = None) -> HttpResponse:
    contact = _contact(request)
    contract = _contract(contact)
    context: dict[str, object] = {"contract": contract}
    if contract is not None:
        context.update(
            bank=bank_of(contract),
            authorized=list(contract.authorized_contacts.order_by("email")),
            administrators=list(contract.administrators.order_by("email")),
            is_admin=contract.administrators.filter(pk=contact.pk).exists(),
            form=form or AuthorizeForm(),
        )
    return render(request, "portal/contract.html", context)


def _locked_contract(request: HttpRequest, contact: Contact) -> Contract:
    contract = _contract(contact)
    if contract is None:
        raise Http404("Your organization has no contract in force.")
    return contract_lock_for(signed_in_user(request), contract.pk)


@contact_required
@require_POST
def authorized_add(request: HttpRequest) -> HttpResponse:
    contact = _contact(request)
    form = AuthorizeForm(request.POST)
    if form.is_valid():
        try:
            with transaction.atomic(durable=True):
                added = authorized.authorized_contact_add(
                    _locked_contract(request, contact), contact, **form.cleaned_data
                )
            flash.success(request, f"{added.email} is now an authorized contact.")
            return redirect("portal:plan")
        except ValidationError as exc:
            add_service_errors(form, exc)
    return plan(request, form=form)


@contact_required
@require_POST
def authorized_remove(request: HttpRequest, contact_id: int) -> HttpResponse:
    contact = _contact(request)
    with transaction.atomic(durable=True):
        contract = _locked_contract(request, contact)
        removed = contract.authorized_contacts.filter(pk=contact_id).first()
        if removed is None:
            raise Http404("No such authorized contact.")
        authorized.authorized_contact_remove(contract, contact, removed)
    flash.success(request, f"{removed.email} is no longer an authorized contact.")
    return redirect("portal:plan")
