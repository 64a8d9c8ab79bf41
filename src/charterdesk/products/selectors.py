"""Reads of the catalogue. The catalogue is not confidential: customers pick from the
active products when they open a request; agents and the API see every product."""

from django.db.models import Count, QuerySet

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
    entries = versions_offered()
    if keep:
        entries = entries | ProductVersion.objects.filter(pk=keep).select_related("product")
    groups: dict[str, list[tuple[str, str]]] = {}
    for entry in entries.order_by("product__name", "-released_on", "-id"):
        groups.setdefault(entry.product.name, []).append((str(entry.pk), entry.version))
    return list(groups.items())


def products_used_by(organization_id: int) -> QuerySet[Product]:
    """The products an organization uses (for its audiences: articles limited to them)."""
    return Product.objects.filter(uses__organization_id=organization_id).order_by("name", "id")


def product_uses() -> QuerySet[ProductUse]:
    """Every (organization, product) use, for audience subqueries."""
    return ProductUse.objects.order_by()
