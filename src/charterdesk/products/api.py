"""The product catalogue over the API: agents read it, managers and administrators
(who hold the settings permission) change it."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from ninja import Router
from ninja.responses import Status

from charterdesk.accounts.auth import user_of
from charterdesk.accounts.roles import Perm
from charterdesk.core.validators import Id
from charterdesk.customers.models import Organization
from charterdesk.customers.selectors import organizations_visible_to

from . import services
from .models import Product, ProductUse, ProductVersion
from .schemas import (
    ProductIds,
    ProductIn,
    ProductOut,
    ProductPatch,
    ProductUseOut,
    VersionIn,
    VersionOut,
)

router = Router(tags=["products"])


def _catalogue(request: HttpRequest) -> QuerySet[Product]:
    if not user_of(request).is_agent:
        raise PermissionDenied("The product catalogue is for agents.")
    versions = ProductVersion.objects.order_by("released_on", "id")
    return Product.objects.prefetch_related(Prefetch("versions", queryset=versions))


def _may_edit(request: HttpRequest) -> None:
    if not user_of(request).has_perm(Perm.MANAGE_SETTINGS):
        raise PermissionDenied("Managers and administrators change the product catalogue.")


@router.get("/products", response=list[ProductOut])
def list_products(request: HttpRequest) -> QuerySet[Product]:
    """Every product, active or not, with its versions (two queries)."""
    return _catalogue(request).order_by("name", "id")


@router.post("/products", response={201: ProductOut})
def create_product(request: HttpRequest, payload: ProductIn) -> Status[Product]:
    _catalogue(request)
    _may_edit(request)
    with transaction.atomic(durable=True):
        product = services.product_create(data=services.ProductInput(**payload.dict()))
    return Status(201, _catalogue(request).get(pk=product.pk))


@router.get("/products/{product_id}", response=ProductOut)
def get_product(request: HttpRequest, product_id: Id) -> Product:
    return _catalogue(request).get(pk=product_id)


@router.patch("/products/{product_id}", response=ProductOut)
def update_product(request: HttpRequest, product_id: Id, payload: ProductPatch) -> Product:
    _catalogue(request)
    _may_edit(request)
    with transaction.atomic(durable=True):
        product = Product.objects.select_for_update().get(pk=product_id)
        given = {k: v for k, v in payload.dict(exclude_unset=True).items() if v is not None}
        data = services.ProductInput(
            name=given.get("name", product.name),
            slug=given.get("slug", product.slug),
            description=given.get("description", product.description),
            active=given.get("active", product.active),
        )
        services.product_update(product=product, data=data)
    return _catalogue(request).get(pk=product_id)


@router.post("/products/{product_id}/versions", response={201: VersionOut})
def add_version(request: HttpRequest, product_id: Id, payload: VersionIn) -> Status[ProductVersion]:
    _catalogue(request)
    _may_edit(request)
    with transaction.atomic(durable=True):
        product = Product.objects.get(pk=product_id)
        entry = services.version_add(product=product, **payload.dict())
    return Status(201, entry)


_REF = ("id", "name", "slug", "active")


def _uses(organization: Organization) -> list[dict[str, object]]:
    rows = ProductUse.objects.filter(organization=organization).select_related("product")
    return [
        {**{k: getattr(use.product, k) for k in _REF}, "since": use.since}
        for use in rows.order_by("product__name", "product_id")
    ]


@router.get("/organizations/{org_id}/products", response=list[ProductUseOut])
def organization_products(request: HttpRequest, org_id: Id) -> list[dict[str, object]]:
    """The products the organization uses: articles limited to them reach its contacts.
    Agents read every organization's, a customer their own organization's."""
    return _uses(organizations_visible_to(user_of(request)).get(pk=org_id))


@router.put("/organizations/{org_id}/products", response=list[ProductUseOut])
def set_organization_products(
    request: HttpRequest, org_id: Id, payload: ProductIds
) -> list[dict[str, object]]:
    """Replace the products the organization uses (as its settings page does); products it
    keeps keep their day. An unknown id, or a retired product it did not use, is a field
    error. Managers and administrators."""
    organization = organizations_visible_to(user_of(request)).get(pk=org_id)
    if not user_of(request).has_perm(Perm.MANAGE_SETTINGS):
        raise PermissionDenied("Managers and administrators set the products an organization uses.")
    with transaction.atomic(durable=True):
        organization = Organization.objects.select_for_update().get(pk=organization.pk)
        used = ProductUse.objects.filter(organization=organization).values_list("product_id")
        kept = [pk for (pk,) in used]
        products = services.products_for_audience(payload.product_ids, kept=kept)
        services.products_used_set(organization, products)
    return _uses(organization)
