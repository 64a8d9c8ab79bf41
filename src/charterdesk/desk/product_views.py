"""The ticket page's product panel: a drop-down of the catalogue's products and one of
their versions; each change is a line in the ticket's history."""

from typing import Any

from django import forms
from django.contrib import messages as flash
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from charterdesk.accounts.access import agent_required
from charterdesk.accounts.auth import signed_in_user
from charterdesk.core.panels import PanelForm, show_again
from charterdesk.products.forms import VersionOfProduct
from charterdesk.products.models import Product, ProductVersion
from charterdesk.products.selectors import product_choices_for_ticket, versions_by_product
from charterdesk.tickets import selectors
from charterdesk.tickets.models import Ticket
from charterdesk.tickets.services.product import ticket_set_product
from charterdesk.tickets.wording import changed_fields_text


class TicketProductForm(PanelForm):
    panel = "product"
    product = forms.ModelChoiceField(Product.objects.none(), required=False, empty_label="—")
    product_version = forms.ModelChoiceField(
        ProductVersion.objects.none(), required=False, label="Version", widget=VersionOfProduct()
    )

    def __init__(self, *args: Any, ticket: Ticket | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        current = ticket.product_ref_id if ticket else None
        current_version = ticket.product_version_id if ticket else None
        # Offered: the catalogue's active products, plus the product and version the ticket
        # already names even if they left the catalogue (saving the panel keeps them).
        # Accepted: any product and version; the service refuses a product no longer
        # offered unless the ticket names it, and a version of another product.
        product = self.fields["product"]
        product.queryset = Product.objects.all()  # type: ignore[attr-defined]
        # drawn with SQL compiled once; validation asks the queryset
        product.choices = [("", "—"), *product_choices_for_ticket(current)]  # type: ignore[attr-defined]
        versions = self.fields["product_version"]
        versions.queryset = ProductVersion.objects.all()  # type: ignore[attr-defined]
        # grouped by product: the page offers only the chosen product's
        versions.choices = [("", "—"), *versions_by_product(keep=current_version)]  # type: ignore[attr-defined]
        if ticket is not None and not self.is_bound:
            self.initial = {"product": current, "product_version": ticket.product_version_id}


@agent_required
@require_POST
def ticket_product(request: HttpRequest, ticket_id: int) -> HttpResponse:
    agent = signed_in_user(request)
    form = TicketProductForm(
        request.POST, ticket=get_object_or_404(selectors.tickets_visible_to(agent), pk=ticket_id)
    )
    if not form.is_valid():
        return show_again(request, "ticket", ticket_id, "desk:product", form)
    try:
        with transaction.atomic(durable=True):
            ticket = selectors.ticket_locked_or_404(agent, ticket_id)
            changed = ticket_set_product(
                ticket,
                agent,
                product=form.cleaned_data["product"],
                version=form.cleaned_data["product_version"],
            )
    except ValidationError as exc:
        return show_again(request, "ticket", ticket_id, "desk:product", form, exc)
    flash.success(request, f"Saved: {changed_fields_text(changed)}." if changed else "No change.")
    return redirect("desk:ticket", ticket_id=ticket_id)
