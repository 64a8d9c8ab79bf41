"""A contact of a partner organization reads partner articles in the help center, its
search and the API; a customer of an ordinary organization does not."""

import re

import pytest

from charterdesk.customers.models import Organization
from charterdesk.search import documents

from .helpers import published

pytestmark = pytest.mark.django_db


@pytest.fixture
def partner_article(personas):
    Organization.objects.filter(pk=personas.bob.contact.organization_id).update(is_partner=True)
    return published(
        personas.manager, "Provision customer projects", "Partners provision projects.",
        visibility="partners",
    )  # fmt: skip


def test_partner_contact_reads_it_everywhere(login, api, personas, partner_article):
    client = login(personas.bob)
    url = f"/help/articles/{partner_article.pk}-{partner_article.slug}/"
    assert client.get(url).status_code == 200
    found = re.sub(r"<[^>]+>", "", client.get("/help/search?q=provision").content.decode())
    assert "Provision customer projects" in found
    assert api.as_(personas.bob).get(f"/api/v1/articles/{partner_article.pk}").status_code == 200


def test_ordinary_customer_does_not(login, api, personas, partner_article):
    client = login(personas.alice)
    assert client.get(f"/help/articles/{partner_article.pk}/").status_code == 404
    found = client.get("/help/search?q=provision").content.decode()
    assert "No article matches" in found
    assert api.as_(personas.alice).get(f"/api/v1/articles/{partner_article.pk}").status_code == 404


def test_rebuild_puts_live_articles_back_in_the_index(personas, partner_article):
    published(personas.manager, "Export invoices")
    assert documents.rebuild("article") == 2
    hits = documents.search("article", q="provision").items
    assert [hit.object_id for hit in hits] == [partner_article.pk]
