"""A ticket's product and version from the catalogue, changed by an agent, each change a
line in the history. `Ticket.product` keeps the product's name, which the API, routing
rules and search read."""

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from charterdesk.accounts.models import User
from charterdesk.products.models import Product, ProductVersion

from ..guards import check_not_closed
from ..models import EventKind, Ticket
from .history import record


def ticket_set_product(
    ticket: Ticket,
    actor: User,
    *,
    product: Product | None,
    version: ProductVersion | None = None,
    at: datetime | None = None,
) -> list[str]:
    """Point the ticket at a catalogue product (None: no product) and one of its versions;
    returns the fields that changed. The caller saves nothing: this saves the ticket."""
    if not actor.is_agent:
        raise PermissionDenied("Only agents change a ticket's product.")
    check_not_closed(ticket, "product")
    if version is not None and (product is None or version.product_id != product.pk):
        raise ValidationError({"product_version": "Pick a version of the ticket's product."})
    if product is not None and not product.active and product.pk != ticket.product_ref_id:
        raise ValidationError({"product": f"{product.name} is no longer offered."})
    now = at or timezone.now()
    changed: list[str] = []
    if (product.pk if product else None) != ticket.product_ref_id:
        old = ticket.product
        ticket.product_ref, ticket.product = product, product.name if product else ""
        record(
            ticket, actor, EventKind.CHANGED, field="product", old=old, new=ticket.product, at=now
        )
        changed.append("product")
    if (version.pk if version else None) != ticket.product_version_id:
        old_version = ticket.product_version.version if ticket.product_version else ""
        ticket.product_version = version
        new_version = version.version if version else ""
        record(
            ticket,
            actor,
            EventKind.CHANGED,
            field="product_version",
            old=old_version,
            new=new_version,
            at=now,
        )
        changed.append("product_version")
    if changed:
        ticket.updated_at = now
        ticket.save(update_fields=["product", "product_ref", "product_version", "updated_at"])
    return changed


def check_product_version(
    product: str, version: str
) -> tuple[Product | None, ProductVersion | None]:
    """The catalogue entries a new request names: the product by name (any case; None for a
    name outside the catalogue, which stays free text) and, when given, one of its versions.
    A version needs a catalogue product and must be one of that product's versions."""
    entry = Product.objects.filter(name__iexact=product).first() if product else None
    wanted = version.strip()
    if not wanted:
        return entry, None
    if len(wanted) > 40:
        raise ValidationError({"version": "The version is longer than 40 characters."})
    if entry is None:
        raise ValidationError(
            {"product": "Pick a product from the catalogue to give its version."}
            if product
            else {"version": "Name the product of this version."}
        )
    release = entry.versions.filter(version=wanted).first()
    if release is None:
        raise ValidationError({"version": f"{entry.name} has no version {wanted}."})
    return entry, release
