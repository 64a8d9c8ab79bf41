"""The root cause of a ticket: why it happened, and in which product and version. Agents
record it when they solve (required when the ROOT_CAUSE_REQUIRED setting is on); the
insights reports rank causes by the hours and tickets they cost. The product and version
are the catalogue's (`ticket_set_product`); a product the catalogue does not know yet is
kept as its name, as the API's ticket creation does."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from charterdesk.accounts.guards import check_agent
from charterdesk.accounts.models import User
from charterdesk.products.models import Product, ProductVersion

from ..category_models import RootCause
from ..models import EventKind, Ticket
from .history import record
from .product import ticket_set_product
from .validation import check_choice


def ticket_record_cause(
    ticket: Ticket,
    *,
    by: User | None,
    cause: str,
    product: str | None = None,
    version: str | None = None,
) -> list[str]:
    """Record the root cause (an empty cause clears it) and, when given, the product and
    version by name; each change is a history line. Callers: the desk's ticket page, the
    API and the demo. Returns the changed fields."""
    check_agent(by, "Only agents record a ticket's root cause.")
    if cause:
        check_choice("root_cause", cause, RootCause)
    changed: list[str] = []
    if product is not None or version is not None:
        changed += _product_by_name(ticket, by, product, version)  # type: ignore[arg-type]
    if cause != ticket.root_cause:
        now = timezone.now()
        old, ticket.root_cause, ticket.updated_at = ticket.root_cause, cause, now
        record(
            ticket,
            by,
            EventKind.CHANGED,
            field="root_cause",
            old=old,
            new=cause,
            internal=True,
            at=now,
        )
        ticket.save(update_fields=["root_cause", "updated_at"])
        changed.append("root_cause")
    return changed


def _product_by_name(
    ticket: Ticket, by: User, product: str | None, version: str | None
) -> list[str]:
    name = ticket.product if product is None else product.strip()
    wanted = (version or "").strip()
    entry = Product.objects.filter(name__iexact=name).first() if name else None
    if entry is None:
        if wanted:
            raise ValidationError(
                {
                    "product_version": "Versions come from the product catalogue: add the product "
                    "and its versions there first."
                }
            )
        return _product_name_only(ticket, by, name)
    release = None
    if wanted:
        release = ProductVersion.objects.filter(product=entry, version=wanted).first()
        if release is None:
            raise ValidationError(
                {"product_version": f"{entry.name} has no version {wanted} in the catalogue."}
            )
    return ticket_set_product(ticket, by, product=entry, version=release)


def _product_name_only(ticket: Ticket, by: User, name: str) -> list[str]:
    """A product outside the catalogue: its name, as ticket creation keeps it."""
    if len(name) > 100:
        raise ValidationError({"product": "At most 100 characters."})
    if name == ticket.product and ticket.product_ref_id is None:
        return []
    now = timezone.now()
    old = ticket.product
    ticket.product, ticket.product_ref, ticket.product_version = name, None, None
    ticket.updated_at = now
    record(ticket, by, EventKind.CHANGED, field="product", old=old, new=name, at=now)
    ticket.save(update_fields=["product", "product_ref", "product_version", "updated_at"])
    return ["product"]


def cause_missing(ticket: Ticket) -> bool:
    """Solving needs a root cause first (the ROOT_CAUSE_REQUIRED setting) and there is none."""
    return bool(settings.ROOT_CAUSE_REQUIRED) and not ticket.root_cause
