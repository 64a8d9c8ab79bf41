"""On the desk's ticket page, articles matching the ticket are suggested; inserting one's
link counts toward its usefulness; agents flag "article needed" and "article wrong"."""

import pytest

from charterdesk.intake.services import ticket_create
from charterdesk.knowledge.models import Article, ArticleFlag, LinkUse

from .helpers import published

pytestmark = pytest.mark.django_db


@pytest.fixture
def ticket(personas):
    return ticket_create(
        requester=personas.alice.contact,
        subject="SSO broke: SAML certificate expired",
        body="Since this morning nobody can sign in; the SAML certificate expired.",
        request_type="error",
        priority="high",
        actor=personas.alice,
    )


def test_ticket_page_suggests_matching_articles(login, personas, ticket):
    published(personas.manager, "Rotate the SAML certificate", "When the SAML certificate expires.")
    published(personas.manager, "Pay by bank transfer", "Bank transfer for annual plans.")
    client = login(personas.tier1)
    page = client.get(f"/desk/tickets/{ticket.pk}/").content.decode()
    panel = page[page.index('id="articles"') :]
    # The search runs after the page: the panel loads the list (htmx), or links to it.
    url = f"/desk/tickets/{ticket.pk}/articles/suggested"
    assert f'hx-get="{url}"' in panel and 'hx-trigger="load"' in panel
    assert f'href="{url}"' in panel
    assert "Rotate the SAML certificate" not in page
    fragment = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "Rotate the SAML certificate" in fragment
    assert "Pay by bank transfer" not in fragment
    assert "<html" not in fragment  # only the list, swapped into the panel
    alone = client.get(url).content.decode()  # without JavaScript: a page of its own
    assert "<html" in alone and "Rotate the SAML certificate" in alone
    assert f'href="/desk/tickets/{ticket.pk}/"' in alone


def test_suggested_articles_of_a_ticket_are_for_agents_who_see_it(login, personas, ticket):
    url = f"/desk/tickets/{ticket.pk}/articles/suggested"
    assert login(personas.alice).get(url).status_code == 403
    assert login(personas.tier1).get("/desk/tickets/999999/articles/suggested").status_code == 404
    assert login(personas.tier1).post(url).status_code == 405


def test_inserting_a_link_counts_toward_the_article(login, personas, ticket):
    article = published(personas.manager, "Rotate the SAML certificate")
    response = login(personas.tier1).post(f"/desk/tickets/{ticket.pk}/articles/{article.pk}/insert")
    assert response.json()["text"].startswith("Rotate the SAML certificate: http")
    assert Article.objects.get(pk=article.pk).links_inserted == 1
    assert LinkUse.objects.filter(article=article, ticket=ticket).count() == 1


def test_customer_cannot_insert_or_flag(login, personas, ticket):
    article = published(personas.manager, "Rotate the SAML certificate")
    client = login(personas.alice)
    assert client.post(f"/desk/tickets/{ticket.pk}/articles/{article.pk}/insert").status_code == 403
    assert (
        client.post(f"/desk/tickets/{ticket.pk}/article-flag", {"kind": "needed"}).status_code
        == 403
    )


def test_agent_flags_article_needed_and_article_wrong(login, personas, ticket):
    article = published(personas.manager, "Rotate the SAML certificate")
    client = login(personas.tier1)
    client.post(
        f"/desk/tickets/{ticket.pk}/article-flag", {"kind": "needed", "note": "SAML on Okta"}
    )
    client.post(f"/desk/tickets/{ticket.pk}/article-flag", {"kind": "wrong", "article": article.pk})
    flags = ArticleFlag.objects.filter(ticket=ticket).order_by("id")
    assert [(f.kind, f.article_id, f.note) for f in flags] == [
        ("needed", None, "SAML on Okta"),
        ("wrong", article.pk, ""),
    ]
