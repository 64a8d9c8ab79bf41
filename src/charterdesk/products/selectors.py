"""Reads of the catalogue. The catalogue is not confidential: customers pick from the
active products when they open a request; agents and the API see every product."""

from django.db.models import Count, QuerySet

from charterdesk.core.prepared import Prepared

from .models import Product, ProductUse, ProductVersion


def products_listed() -> QuerySet[Product]:
    """Every product with its number of versions (one query)."""
    return Product.objects.annotate(version_count=Count("versions")).order_by("name", "id")


def products_offered() -> QuerySet[Product]:
    """The products a new ticket may name."""
    return Product.objects.filter(active=True).order_by("name", "id")


def product_named(name: str) -> Product | None:
    """The catalogue entry of a product name, whatever its case; None for an unknown name."""
    name = name.strip()
    return Product.objects.filter(name__iexact=name).first() if name else None


def versions_of(product: Product) -> QuerySet[ProductVersion]:
    return product.versions.order_by("released_on", "id")


def versions_offered() -> QuerySet[ProductVersion]:
    """Versions of active products, for the version drop-downs."""
    return ProductVersion.objects.filter(product__active=True).select_related("product")


def versions_by_product(keep: int | None = None) -> list[tuple[str, list[tuple[str, str]]]]:
    """The offered versions grouped by product name, newest first, as (value, label)
    choices by id: an <optgroup> per product, which a page's script matches against the
    product picked. `keep`: a version offered even when its product left the catalogue
    (the one a ticket already names, so that saving its panel does not drop it)."""
    rows = _versions_offered_keeping(keep) if keep else _versions_offered()
    groups: dict[str, list[tuple[str, str]]] = {}
    for pk, product, version in rows:
        groups.setdefault(product, []).append((str(pk), version))
    return list(groups.items())


_versions_offered = Prepared(
    lambda: (
        versions_offered()
        .order_by("product__name", "-released_on", "-id")
        .values_list("pk", "product__name", "version")
    )
)
_versions_offered_keeping = Prepared(
    lambda keep: (
        (versions_offered() | ProductVersion.objects.filter(pk=keep))
        .order_by("product__name", "-released_on", "-id")
        .values_list("pk", "product__name", "version")
    ),
    int,
)
_products_for_ticket = Prepared(
    lambda current: (
        (Product.objects.filter(active=True) | Product.objects.filter(pk=current))
        .order_by("name")
        .only("id", "name")
    ),
    int,
)


def product_choices_for_ticket(current: int | None) -> list[tuple[int, str]]:
    """The ticket page's product drop-down: the active products and the ticket's own (an
    inactive product stays shown on a ticket that has it), by name; compiled once."""
    return [(p.pk, str(p)) for p in _products_for_ticket(current or 0)]


def products_used_by(organization_id: int) -> QuerySet[Product]:
    """The products an organization uses (for its audiences: articles limited to them)."""
    return Product.objects.filter(uses__organization_id=organization_id).order_by("name", "id")


def product_uses() -> QuerySet[ProductUse]:
    """Every (organization, product) use, for audience subqueries."""
    return ProductUse.objects.order_by()
