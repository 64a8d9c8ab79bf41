import importlib

from django.apps import apps

from charterdesk.products.models import Product
from charterdesk.tickets.models import Ticket
from tests.tickets.factories import open_ticket

migration = importlib.import_module(
    "charterdesk.tickets.migrations.0013_ticket_product_from_catalogue"
)


def test_each_distinct_free_text_product_becomes_one_catalogue_entry(personas):
    first = open_ticket(product="Storefront")
    second = open_ticket(product="storefront ")
    other = open_ticket(product="Payments API")
    none = open_ticket()
    migration.catalogue_from_free_text(apps, None)
    assert sorted(Product.objects.values_list("name", "slug")) == [
        ("Payments API", "payments-api"),
        ("Storefront", "storefront"),
    ]
    linked = dict(Ticket.objects.values_list("pk", "product_ref__name"))
    assert linked[first.pk] == linked[second.pk] == "Storefront"
    assert linked[other.pk] == "Payments API"
    assert linked[none.pk] is None
