"""Suggestions read the reader's articles by SQL compiled once per shape of permissions
(knowledge.selectors.readable_in): two customers of one shape still get each their own
organization's and plan's articles, whoever asked first, and a change to an article
(archived, made internal) shows in the very next suggestion."""

import pytest

from charterdesk.knowledge.selectors import readable_in
from charterdesk.knowledge.services import article_archive, article_change
from charterdesk.knowledge.suggestions import suggest
from charterdesk.plans.models import Plan
from charterdesk.products.models import Product
from charterdesk.products.services import products_used_set

from .helpers import published

pytestmark = pytest.mark.django_db

TEXT = "Webhook retries keep failing"


def titles(reader) -> set[str]:
    return {s.title for s in suggest(reader, TEXT, limit=10)}


@pytest.fixture
def by_audience(personas):
    """Storefront is used by alice's organization (Acme), Payments by bob's (Globex); one
    article for each product, one for alice's plan (Gold), one for bob's (Silver)."""
    storefront = Product.objects.create(name="Storefront", slug="storefront")
    payments = Product.objects.create(name="Payments", slug="payments")
    products_used_set(personas.alice.contact.organization, [storefront])
    products_used_set(personas.bob.contact.organization, [payments])
    gold, silver = Plan.objects.get(name="Gold"), Plan.objects.get(name="Silver")
    m = personas.manager
    for title, options in [
        ("Webhook retries in Storefront", {"products": [storefront]}),
        ("Webhook retries in Payments", {"products": [payments]}),
        ("Webhook retries on Gold", {"plans": [gold]}),
        ("Webhook retries on Silver", {"plans": [silver]}),
    ]:
        published(m, title, visibility="customers", **options)


def test_two_customers_of_one_shape_each_get_their_own_articles(by_audience, personas):
    alice, bob = personas.alice, personas.bob
    assert readable_in(alice, "en").shape == readable_in(bob, "en").shape
    assert readable_in(alice, "en").args != readable_in(bob, "en").args
    alices = {"Webhook retries in Storefront", "Webhook retries on Gold"}
    bobs = {"Webhook retries in Payments", "Webhook retries on Silver"}
    assert titles(alice) == alices
    assert titles(bob) == bobs
    assert titles(alice) == alices
    assert titles(personas.tier1) == alices | bobs


def test_an_archived_article_is_gone_from_the_next_suggestion(personas):
    article = published(personas.manager, "Webhook retries keep failing")
    assert titles(personas.alice) == {"Webhook retries keep failing"}
    article_archive(article, personas.manager)
    assert titles(personas.alice) == set()
    assert titles(personas.tier1) == set()


def test_an_article_made_internal_leaves_customers_suggestions_at_once(personas):
    article = published(personas.manager, "Webhook retries keep failing")
    assert titles(personas.alice) == {"Webhook retries keep failing"}
    article_change(
        article,
        personas.manager,
        visibility="internal",
        language=article.language,
        category=article.category,
        section=article.section,
        plans=[],
        owner=None,
        review_by=None,
    )
    assert titles(personas.alice) == set()
    assert titles(personas.tier1) == {"Webhook retries keep failing"}
