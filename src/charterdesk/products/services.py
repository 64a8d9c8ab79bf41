"""Writes on the catalogue. Callers own the transaction; every rule sits in the models'
`clean` (a ValidationError naming the field), so pages, API and admin refuse alike."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.text import slugify

from charterdesk.customers.models import Organization

from .models import Product, ProductUse, ProductVersion


@dataclass(frozen=True)
class ProductInput:
    name: str
    description: str = ""
    slug: str = ""
    active: bool = True


def _unique_slug(wanted: str, name: str, own_id: int | None) -> str:
    base = slugify(wanted or name)[:90] or "product"
    slug, n = base, 2
    others = Product.objects.exclude(pk=own_id) if own_id else Product.objects.all()
    while others.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def product_create(*, data: ProductInput) -> Product:
    product = Product(name=data.name, description=data.description, active=data.active)
    product.slug = _unique_slug(data.slug, data.name.strip(), None)
    product.save()
    return product


def product_update(*, product: Product, data: ProductInput) -> Product:
    if not data.slug.strip():
        raise ValidationError({"slug": "Give the product a slug, e.g. storefront."})
    if data.slug != product.slug:
        if Product.objects.filter(slug=data.slug).exclude(pk=product.pk).exists():
            raise ValidationError({"slug": f"The slug “{data.slug}” is taken."})
        product.slug = data.slug
    product.name, product.description, product.active = data.name, data.description, data.active
    product.save()
    return product


def product_deactivate(*, product: Product) -> Product:
    """No longer offered on new tickets; tickets and paths that name it keep it."""
    product.active = False
    product.save(update_fields=["active"])
    return product


def version_add(
    *, product: Product, version: str, released_on: date, end_of_support: date | None = None
) -> ProductVersion:
    entry = ProductVersion(
        product=product, version=version, released_on=released_on, end_of_support=end_of_support
    )
    entry.save()
    return entry


def version_update(
    *, entry: ProductVersion, version: str, released_on: date, end_of_support: date | None
) -> ProductVersion:
    entry.version, entry.released_on, entry.end_of_support = version, released_on, end_of_support
    entry.save()
    return entry


def products_used_set(organization: Organization, products: "list[Product]") -> None:
    """The products an organization uses, replaced by `products` (those it no longer uses
    are removed; the others keep the day they were first used)."""
    wanted = {product.pk for product in products}
    uses = ProductUse.objects.filter(organization=organization)
    uses.exclude(product_id__in=wanted).delete()
    have = set(uses.values_list("product_id", flat=True))
    ProductUse.objects.bulk_create(
        ProductUse(organization=organization, product_id=pk) for pk in sorted(wanted - have)
    )


MAX_AUDIENCE = 100  # products one audience names (an article's, an organization's uses)


def products_for_audience(
    ids: Iterable[int], *, kept: Iterable[int] = (), field: str = "product_ids"
) -> list[Product]:
    """The catalogue products an audience names by id (an article's readers, the products
    an organization uses), in catalogue order. Every id that is no product and every
    retired product not already in the audience (`kept`: it stays, as a retired product a
    routing rule names stays) is an error on `field`, all at once."""
    wanted = list(dict.fromkeys(ids))
    if len(wanted) > MAX_AUDIENCE:
        raise ValidationError({field: f"Name at most {MAX_AUDIENCE} products."})
    found = Product.objects.in_bulk(wanted)
    already = set(kept)
    errors = [f"No product has the id {pk}." for pk in wanted if pk not in found]
    errors += [
        f"{product.name} is retired: it cannot be added."
        for pk, product in found.items()
        if not product.active and pk not in already
    ]
    if errors:
        raise ValidationError({field: errors})
    return sorted(found.values(), key=lambda product: (product.name, product.pk))
