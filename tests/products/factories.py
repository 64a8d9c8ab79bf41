from datetime import date

from charterdesk.products.models import Product, ProductVersion
from charterdesk.products.services import ProductInput, product_create, version_add


def product(name: str = "Storefront", *versions: str) -> Product:
    made = product_create(data=ProductInput(name=name))
    for n, version in enumerate(versions):
        version_add(product=made, version=version, released_on=date(2026, 1 + n, 1))
    return made


def version_of(made: Product, version: str) -> ProductVersion:
    return made.versions.get(version=version)
