"""The products of an audience through API v1: an article's readers by product and the
products an organization uses, read and set with the permissions of the pages (writers of
articles; managers and administrators for organizations), field errors for unknown and
retired products, and what a customer then reads."""

import pytest

from charterdesk.products.models import ProductUse
from charterdesk.products.services import product_deactivate, products_used_set
from tests.knowledge.helpers import published
from tests.products.factories import product

pytestmark = pytest.mark.django_db
JSON = "application/json"


def titles(client):
    return {a["title"] for a in client.get("/api/v1/articles").json()["items"]}


def test_an_agent_limits_an_article_to_a_product_and_only_its_users_read_it(api, personas):
    storefront, payments = product("Storefront"), product("Payments")
    products_used_set(personas.alice.contact.organization, [storefront])
    article = published(personas.manager, "Refunds in bulk", visibility="customers")
    agent = api.as_(personas.tier1)
    response = agent.put(
        f"/api/v1/articles/{article.pk}/products",
        {"product_ids": [payments.pk]},
        content_type=JSON,
    )
    assert response.status_code == 200, response.content
    assert response.json()["product_ids"] == [payments.pk]
    assert "Refunds in bulk" not in titles(api.as_(personas.alice))  # Acme uses Storefront
    agent.put(
        f"/api/v1/articles/{article.pk}/products",
        {"product_ids": [storefront.pk, payments.pk]},
        content_type=JSON,
    )
    assert "Refunds in bulk" in titles(api.as_(personas.alice))
    listed = {a["id"]: a for a in agent.get("/api/v1/articles").json()["items"]}
    assert listed[article.pk]["product_ids"] == sorted([storefront.pk, payments.pk])


def test_an_article_is_created_with_its_products(api, personas):
    storefront = product("Storefront")
    response = api.as_(personas.tier1).post(
        "/api/v1/articles",
        {"title": "Themes", "body": "Pick one.", "visibility": "customers",
         "product_ids": [storefront.pk]},
        content_type=JSON,
    )  # fmt: skip
    assert response.status_code == 201, response.content
    assert response.json()["product_ids"] == [storefront.pk]


def test_unknown_and_retired_products_are_field_errors(api, personas):
    storefront, legacy = product("Storefront"), product("Legacy")
    product_deactivate(product=legacy)
    article = published(personas.manager, "Old themes", visibility="customers")
    agent = api.as_(personas.tier1)
    response = agent.put(
        f"/api/v1/articles/{article.pk}/products",
        {"product_ids": [storefront.pk, legacy.pk, 999_999]},
        content_type=JSON,
    )
    assert response.status_code == 422
    assert response["Content-Type"].startswith("application/problem+json")
    assert response.json()["errors"]["product_ids"] == [
        "No product has the id 999999.",
        "Legacy is retired: it cannot be added.",
    ]
    assert list(article.products.all()) == []
    created = agent.post(
        "/api/v1/articles",
        {"title": "Legacy", "body": "Gone.", "visibility": "customers",
         "product_ids": [legacy.pk]},
        content_type=JSON,
    )  # fmt: skip
    assert created.status_code == 422 and "product_ids" in created.json()["errors"]


def test_a_retired_product_already_named_stays(api, personas):
    legacy, storefront = product("Legacy"), product("Storefront")
    article = published(
        personas.manager, "Legacy themes", visibility="customers", products=[legacy]
    )
    product_deactivate(product=legacy)
    response = api.as_(personas.tier1).put(
        f"/api/v1/articles/{article.pk}/products",
        {"product_ids": [legacy.pk, storefront.pk]},
        content_type=JSON,
    )
    assert response.status_code == 200, response.content
    assert response.json()["product_ids"] == sorted([legacy.pk, storefront.pk])


def test_a_public_article_has_no_audience_by_product(api, personas):
    storefront = product("Storefront")
    article = published(personas.manager, "Opening hours")
    response = api.as_(personas.tier1).put(
        f"/api/v1/articles/{article.pk}/products",
        {"product_ids": [storefront.pk]},
        content_type=JSON,
    )
    assert response.status_code == 422
    assert "product_ids" in response.json()["errors"]


def test_customers_do_not_set_an_articles_products(api, personas):
    storefront = product("Storefront")
    article = published(personas.manager, "Themes", visibility="customers")
    response = api.as_(personas.alice).put(
        f"/api/v1/articles/{article.pk}/products",
        {"product_ids": [storefront.pk]},
        content_type=JSON,
    )
    assert response.status_code == 403
    assert list(article.products.all()) == []


def test_a_manager_sets_the_products_an_organization_uses(api, personas):
    storefront, payments = product("Storefront"), product("Payments")
    acme = personas.alice.contact.organization
    products_used_set(acme, [storefront])
    since = ProductUse.objects.get(organization=acme, product=storefront).since
    response = api.as_(personas.manager).put(
        f"/api/v1/organizations/{acme.pk}/products",
        {"product_ids": [payments.pk, storefront.pk]},
        content_type=JSON,
    )
    assert response.status_code == 200, response.content
    assert [(p["name"], p["active"]) for p in response.json()] == [
        ("Payments", True),
        ("Storefront", True),
    ]
    assert response.json()[1]["since"] == since.isoformat()  # kept, with its day
    article = published(personas.manager, "Payouts", visibility="customers", products=[payments])
    assert "Payouts" in titles(api.as_(personas.alice))
    api.as_(personas.manager).put(
        f"/api/v1/organizations/{acme.pk}/products", {"product_ids": []}, content_type=JSON
    )
    assert "Payouts" not in titles(api.as_(personas.alice))
    assert article.products.count() == 1


def test_reading_an_organizations_products_follows_who_sees_the_organization(api, personas):
    storefront = product("Storefront")
    acme = personas.alice.contact.organization
    globex = personas.bob.contact.organization
    products_used_set(acme, [storefront])
    path = f"/api/v1/organizations/{acme.pk}/products"
    assert [p["name"] for p in api.as_(personas.tier1).get(path).json()] == ["Storefront"]
    assert [p["name"] for p in api.as_(personas.alice).get(path).json()] == ["Storefront"]
    assert api.as_(personas.bob).get(path).status_code == 404
    assert (
        api.as_(personas.alice).get(f"/api/v1/organizations/{globex.pk}/products").status_code
        == 404
    )


def test_only_managers_and_administrators_set_an_organizations_products(api, personas):
    storefront = product("Storefront")
    acme = personas.alice.contact.organization
    for user in (personas.tier1, personas.alice):
        response = api.as_(user).put(
            f"/api/v1/organizations/{acme.pk}/products",
            {"product_ids": [storefront.pk]},
            content_type=JSON,
        )
        assert response.status_code == 403, user
    assert not ProductUse.objects.filter(organization=acme).exists()


def test_an_organization_refuses_unknown_and_retired_products(api, personas):
    legacy = product("Legacy")
    product_deactivate(product=legacy)
    acme = personas.alice.contact.organization
    response = api.as_(personas.admin).put(
        f"/api/v1/organizations/{acme.pk}/products",
        {"product_ids": [legacy.pk, 424242]},
        content_type=JSON,
    )
    assert response.status_code == 422
    assert response["Content-Type"].startswith("application/problem+json")
    assert set(response.json()["errors"]["product_ids"]) == {
        "No product has the id 424242.",
        "Legacy is retired: it cannot be added.",
    }
    too_many = api.as_(personas.admin).put(
        f"/api/v1/organizations/{acme.pk}/products",
        {"product_ids": list(range(1, 102))},
        content_type=JSON,
    )
    assert too_many.status_code == 422 and "product_ids" in too_many.json()["errors"]
