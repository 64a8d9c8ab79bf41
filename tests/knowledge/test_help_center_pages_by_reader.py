"""The help center at /help/: anonymous readers see public articles only; a signed-in
customer also their customers' articles; internal articles never reach customers, not in
pages, search, related articles or the sitemap."""

import re

import pytest

from charterdesk.knowledge.models import Feedback, HelpSearch

from .helpers import published

pytestmark = pytest.mark.django_db


@pytest.fixture
def shelf(personas):
    m = personas.manager
    return {
        "public": published(m, "Export invoices as PDF", "Billing then Invoices then PDF."),
        "customers": published(
            m, "Export invoices in bulk", "Bulk invoices export.", visibility="customers"
        ),
        "internal": published(
            m, "Invoices refund playbook", "Refund invoices internally.", visibility="internal"
        ),
    }


def test_anonymous_reader_sees_public_articles_without_signing_in(client, shelf):
    home = client.get("/help/").content.decode()
    assert "Export invoices as PDF" in home
    assert "Export invoices in bulk" not in home
    assert client.get(f"/help/articles/{shelf['customers'].pk}/").status_code == 404
    assert client.get(f"/help/articles/{shelf['internal'].pk}/").status_code == 404


def test_customer_reads_customers_articles_but_never_internal_ones(login, personas, shelf):
    client = login(personas.alice)
    page = client.get(f"/help/articles/{shelf['customers'].pk}-{shelf['customers'].slug}/")
    assert page.status_code == 200
    assert "Bulk invoices export." in page.content.decode()
    assert client.get(f"/help/articles/{shelf['internal'].pk}/").status_code == 404


def text(response):
    return re.sub(r"<[^>]+>", "", response.content.decode())


def test_search_finds_only_what_the_reader_may_read(client, login, personas, shelf):
    anonymous = text(client.get("/help/search?q=invoices"))
    assert "Export invoices as PDF" in anonymous
    assert "in bulk" not in anonymous and "playbook" not in anonymous
    customer = text(login(personas.alice).get("/help/search?q=invoices"))
    assert "in bulk" in customer and "playbook" not in customer
    agent = text(login(personas.tier1).get("/help/search?q=invoices"))
    assert "playbook" in agent


def test_search_that_finds_nothing_is_logged_for_the_report(client, shelf):
    page = client.get("/help/search?q=dark+mode").content.decode()
    assert "No article matches" in page
    assert HelpSearch.objects.filter(query="dark mode", results=0).exists()


def test_old_slug_redirects_to_the_canonical_address(client, shelf):
    article = shelf["public"]
    response = client.get(f"/help/articles/{article.pk}-old-title/")
    assert response.status_code == 301
    assert response["Location"] == f"/help/articles/{article.pk}-{article.slug}/"
    page = client.get(response["Location"]).content.decode()
    assert f'<link rel="canonical" href="http://testserver/help/articles/{article.pk}-' in page or (
        f"/help/articles/{article.pk}-{article.slug}/" in page
    )


def test_sitemap_lists_public_articles_only(client, shelf):
    xml = client.get("/help/sitemap.xml").content.decode()
    assert f"/help/articles/{shelf['public'].pk}-" in xml
    assert f"/help/articles/{shelf['customers'].pk}-" not in xml
    assert f"/help/articles/{shelf['internal'].pk}-" not in xml


def test_one_vote_per_browser_and_per_person(client, login, personas, shelf):
    article = shelf["public"]
    client.get(f"/help/articles/{article.pk}-{article.slug}/")  # gets the browser cookie
    client.post(f"/help/articles/{article.pk}/feedback", {"helpful": "no", "comment": "Unclear"})
    client.post(f"/help/articles/{article.pk}/feedback", {"helpful": "yes"})
    votes = Feedback.objects.filter(article=article)
    assert [(v.helpful, v.comment) for v in votes] == [(True, "")]
    login(personas.alice).post(f"/help/articles/{article.pk}/feedback", {"helpful": "no"})
    assert Feedback.objects.filter(article=article).count() == 2


def test_a_comment_that_cannot_be_kept_is_shown_again_with_the_error(client, shelf):
    article = shelf["public"]
    page = client.post(
        f"/help/articles/{article.pk}/feedback", {"helpful": "no", "comment": "bad\x00text"}
    )
    html = page.content.decode()
    assert page.status_code == 200
    assert "Null characters are not allowed." in html and "bad\x00text" in html
    assert not Feedback.objects.filter(article=article).exists()
