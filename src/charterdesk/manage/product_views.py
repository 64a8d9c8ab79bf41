"""The product catalogue in the settings area: the list, a page to create or change a
product with its versions, and deactivation (tickets keep a retired product)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from charterdesk.accounts.access import staff_permission_required
from charterdesk.accounts.roles import Perm
from charterdesk.core.forms import add_service_errors
from charterdesk.products import services
from charterdesk.products.models import Product
from charterdesk.products.selectors import products_listed, versions_of

from .organization_selectors import page_of
from .product_forms import ProductForm, VersionForm

settings_page = staff_permission_required(Perm.MANAGE_SETTINGS)


@settings_page
def product_list(request: HttpRequest) -> HttpResponse:
    page = page_of(products_listed().order_by("-active", "name", "id"), request.GET.get("page"))
    return render(request, "manage/products.html", {"section": "products", "page": page})


@settings_page
def product_new(request: HttpRequest) -> HttpResponse:
    return _edit(request, Product())


@settings_page
def product_edit(request: HttpRequest, product_id: int) -> HttpResponse:
    return _edit(request, get_object_or_404(Product, pk=product_id))


def _edit(request: HttpRequest, product: Product) -> HttpResponse:
    slug = product.slug  # the form writes on the instance while it validates
    form = ProductForm(request.POST or None, instance=product)
    if request.method == "POST" and form.is_valid():
        fields = {f: form.cleaned_data[f] for f in ProductForm.Meta.fields}
        data = services.ProductInput(**{**fields, "slug": fields["slug"] or slug})
        try:
            with transaction.atomic():
                if product.pk:
                    saved = services.product_update(product=product, data=data)
                else:
                    saved = services.product_create(data=data)
            messages.success(request, f"Product “{saved.name}” saved.")
            return redirect("manage:product", product_id=saved.pk)
        except ValidationError as exc:
            add_service_errors(form, exc)
    return _page(request, product, form, VersionForm())


def _page(
    request: HttpRequest, product: Product, form: ProductForm, version_form: VersionForm
) -> HttpResponse:
    context = {
        "section": "products",
        "product": product,
        "form": form,
        "version_form": version_form,
        "versions": versions_of(product) if product.pk else [],
    }
    return render(request, "manage/product.html", context)


@settings_page
@require_POST
def product_version_add(request: HttpRequest, product_id: int) -> HttpResponse:
    product = get_object_or_404(Product, pk=product_id)
    form = VersionForm(request.POST)
    if form.is_valid():
        try:
            with transaction.atomic():
                entry = services.version_add(product=product, **form.cleaned_data)
            messages.success(request, f"Version {entry.version} added.")
            return redirect("manage:product", product_id=product.pk)
        except ValidationError as exc:
            add_service_errors(form, exc)
    return _page(request, product, ProductForm(instance=product), form)


@settings_page
@require_POST
def product_deactivate(request: HttpRequest, product_id: int) -> HttpResponse:
    with transaction.atomic():
        product = get_object_or_404(Product.objects.select_for_update(), pk=product_id)
        services.product_deactivate(product=product)
    messages.success(
        request, f"“{product.name}” is no longer offered; its tickets keep it as it was."
    )
    return redirect("manage:product", product_id=product.pk)
