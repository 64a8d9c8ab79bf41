"""A routing rule's product condition is chosen from the product catalogue, not typed."""

from charterdesk.products.models import Product
from charterdesk.routing.models import Queue, RoutingRule


def _post(client, products):  # type: ignore[no-untyped-def]
    return client.post(
        "/desk/routing/rules/new",
        {
            "name": "Storefront errors",
            "queue": Queue.objects.get(name="Frontline").pk,
            "position": 5,
            "enabled": "on",
            "products": products,
        },
        follow=True,
    )


def test_the_product_condition_offers_the_catalogue(personas, login):  # type: ignore[no-untyped-def]
    Product.objects.create(name="Storefront", slug="storefront")
    Product.objects.create(name="Old POS", slug="old-pos", active=False)
    client = login(personas.manager)
    page = client.get("/desk/routing/rules/new").content.decode()
    assert '<select name="products"' in page
    assert '<option value="Storefront">Storefront</option>' in page
    assert "Old POS" not in page  # retired products are not offered on new rules
    _post(client, ["Storefront"])
    assert RoutingRule.objects.get().products == ["Storefront"]


def test_a_product_outside_the_catalogue_is_a_field_error(personas, login):  # type: ignore[no-untyped-def]
    response = _post(login(personas.manager), ["Typo Product"])
    assert response.status_code == 200
    assert "Typo Product is not one of the available choices" in response.content.decode()
    assert not RoutingRule.objects.exists()


def test_a_rule_keeps_a_product_retired_since(personas, login):  # type: ignore[no-untyped-def]
    Product.objects.create(name="Old POS", slug="old-pos", active=False)
    rule = RoutingRule.objects.create(
        name="POS", position=1, queue=Queue.objects.get(name="Frontline"), products=["Old POS"]
    )
    page = login(personas.manager).get(f"/desk/routing/rules/{rule.pk}").content.decode()
    assert '<option value="Old POS" selected>Old POS (retired)</option>' in page
