"""An article limited to products reaches only customers whose organization uses one of
them (help center, search, suggestions, API, widget), agents always, anonymous readers
never; the limit is part of the query, so paging counts only what the reader may read."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from charterdesk.knowledge.selectors import articles_visible_to
from charterdesk.knowledge.services import article_create
from charterdesk.plans.models import Plan
from charterdesk.products.models import Product, ProductUse
from charterdesk.products.services import products_used_set
from tests.widget.helpers import exchange, new_key, session_client, token_for

from .helpers import category, published

pytestmark = pytest.mark.django_db


@pytest.fixture
def shelf(personas):
    """Storefront is used by alice's organization (Acme), Payments by nobody."""
    storefront = Product.objects.create(name="Storefront", slug="storefront")
    payments = Product.objects.create(name="Payments", slug="payments")
    products_used_set(personas.alice.contact.organization, [storefront])
    m = personas.manager
    return {
        "everyone": published(m, "Webhook retries for everyone", visibility="customers"),
        "storefront": published(
            m, "Webhook retries in Storefront", visibility="customers", products=[storefront]
        ),
        "payments": published(
            m, "Webhook retries in Payments", visibility="customers", products=[payments]
        ),
        "products": (storefront, payments),
    }


def titles(reader):
    visible = articles_visible_to(reader).select_related("latest_version")
    return {a.latest_version.title for a in visible}


def test_each_reader_sees_the_articles_of_the_products_they_use(shelf, personas):
    assert titles(None) == set()
    assert titles(personas.alice) == {
        "Webhook retries for everyone",
        "Webhook retries in Storefront",
    }
    assert titles(personas.bob) == {"Webhook retries for everyone"}  # Globex uses none
    assert titles(personas.tier1) == {
        "Webhook retries for everyone",
        "Webhook retries in Storefront",
        "Webhook retries in Payments",
    }


def test_an_organization_that_stops_using_a_product_loses_its_articles(shelf, personas):
    acme = personas.alice.contact.organization
    storefront, payments = shelf["products"]
    products_used_set(acme, [payments])
    assert list(ProductUse.objects.filter(organization=acme).values_list("product", flat=True)) == [
        payments.pk
    ]
    assert titles(personas.alice) == {"Webhook retries for everyone", "Webhook retries in Payments"}


def test_plan_and_product_audiences_must_both_match(shelf, personas):
    storefront, _ = shelf["products"]
    gold = personas.alice.contact.organization.contracts.first().plan
    other = Plan.objects.exclude(pk=gold.pk).first()
    m = personas.manager
    published(m, "Both match", visibility="customers", plans=[gold], products=[storefront])
    published(m, "Wrong plan", visibility="customers", plans=[other], products=[storefront])
    seen = titles(personas.alice)
    assert "Both match" in seen and "Wrong plan" not in seen


def test_product_audience_is_refused_on_public_and_internal_articles(shelf, personas):
    storefront, _ = shelf["products"]
    for visibility in ("public", "internal"):
        with pytest.raises(ValidationError) as refused:
            article_create(
                author=personas.manager,
                title="Not for an audience",
                body="Text.",
                visibility=visibility,
                category=category(),
                products=[storefront],
            )
        assert "products" in refused.value.message_dict


def text(response):
    return re.sub(r"<[^>]+>", "", response.content.decode())


def test_help_center_search_and_article_pages_follow_the_audience(shelf, login, personas):
    bob = login(personas.bob)
    found = text(bob.get("/help/search?q=webhook+retries"))
    assert "for everyone" in found and "in Storefront" not in found
    assert bob.get(f"/help/articles/{shelf['storefront'].pk}/").status_code == 404
    alice = login(personas.alice)
    found = text(alice.get("/help/search?q=webhook+retries"))
    assert "in Storefront" in found and "in Payments" not in found
    assert alice.get(f"/help/articles/{shelf['storefront'].pk}/").status_code in (200, 301)


def test_api_reads_and_search_follow_the_audience(shelf, api, personas):
    bob = api.as_(personas.bob)
    listed = [a["title"] for a in bob.get("/api/v1/articles").json()["items"]]
    assert "Webhook retries in Storefront" not in listed
    assert bob.get(f"/api/v1/articles/{shelf['storefront'].pk}").status_code == 404
    found = bob.get("/api/v1/search?scope=articles&q=webhook").json()["items"]
    assert shelf["storefront"].pk not in [item["id"] for item in found]
    alice = api.as_(personas.alice)
    assert alice.get(f"/api/v1/articles/{shelf['storefront'].pk}").status_code == 200
    found = alice.get("/api/v1/search?scope=articles&q=webhook").json()["items"]
    assert shelf["storefront"].pk in [item["id"] for item in found]
    agent = api.as_(personas.tier1).get(f"/api/v1/articles/{shelf['payments'].pk}")
    assert agent.status_code == 200


def test_api_pages_count_only_readable_articles(shelf, api, personas):
    for n in range(3):
        published(
            personas.manager,
            f"Payments note {n}",
            visibility="customers",
            products=[shelf["products"][1]],
        )
    page = api.as_(personas.bob).get("/api/v1/articles?limit=1").json()
    assert [a["title"] for a in page["items"]] == ["Webhook retries for everyone"]


def test_widget_search_and_suggestions_follow_the_audience(shelf, client, personas):
    key, secret = new_key(personas.manager)

    def reader(email):
        bearer = exchange(client, token_for(key, secret, email)).json()["session"]
        return session_client(key, bearer)

    alice, bob = reader("alice@acme.example"), reader("bob@globex.example")
    assert "in Storefront" in alice.get("/widget/api/search?q=webhook").content.decode()
    assert "in Storefront" not in bob.get("/widget/api/search?q=webhook").content.decode()
    suggest = "/widget/api/suggest?text=webhook retries in storefront"
    assert "in Storefront" not in bob.get(suggest).content.decode()
    visitor = Client(headers={"X-Widget-Key": key.kid}).get("/widget/api/search?q=webhook")
    assert "Webhook" not in visitor.content.decode()


def test_edit_form_sets_the_products_and_shows_a_field_error(shelf, login, personas):
    storefront, payments = shelf["products"]
    article = shelf["everyone"]
    desk = login(personas.manager)
    page = desk.get(f"/desk/articles/{article.pk}/").content.decode()
    assert "Only for customers using these products" in page and "Payments" in page
    form = {"visibility": "customers", "language": "en", "products": [payments.pk]}
    desk.post(f"/desk/articles/{article.pk}/properties", form)
    assert list(article.products.all()) == [payments]
    refused = desk.post(f"/desk/articles/{article.pk}/properties", form | {"visibility": "public"})
    assert refused.status_code == 200
    assert "An audience by product is for customers" in refused.content.decode()
    assert list(article.products.all()) == [payments]


def test_manager_sets_the_products_an_organization_uses_on_its_page(shelf, login, personas):
    storefront, _ = shelf["products"]
    globex = personas.bob.contact.organization
    desk = login(personas.manager)
    page = desk.get(f"/manage/organizations/{globex.pk}/").content.decode()
    assert "Products it uses" in page
    form = {"name": globex.name, "language": "", "region": "", "products": [storefront.pk]}
    assert desk.post(f"/manage/organizations/{globex.pk}/", form).status_code == 302
    assert "Webhook retries in Storefront" in titles(personas.bob)
    page = desk.get(f"/manage/organizations/{globex.pk}/").content.decode()
    assert f'value="{storefront.pk}" checked' in page.replace("\n", " ") or re.search(
        rf'value="{storefront.pk}"[^>]*checked', page
    )
