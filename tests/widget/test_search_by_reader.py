"""The widget's search finds what its reader may read: a public visitor the public
articles, a signed-in contact also the customers' ones; suggestions likewise."""

from django.test import Client

from tests.knowledge.helpers import published

from .helpers import exchange, new_key, session_client, token_for


def test_visitor_finds_public_articles_only_and_contact_finds_customer_ones(client, personas):
    published(personas.manager, "Rotate the webhook secret", visibility="public")
    published(personas.manager, "Rotate the webhook signing key", visibility="customers")
    key, secret = new_key(personas.manager)
    visitor = Client(headers={"X-Widget-Key": key.kid}).get("/widget/api/search?q=rotate")
    assert "webhook secret" in visitor.content.decode()
    assert "signing key" not in visitor.content.decode()
    bearer = exchange(client, token_for(key, secret, "alice@acme.example")).json()["session"]
    alice = session_client(key, bearer)
    found = alice.get("/widget/api/search?q=rotate").content.decode()
    assert "webhook secret" in found and "signing key" in found
    text = "/widget/api/suggest?text=webhook signing key rotation"
    assert b"webhook" in alice.get(text).content
    assert b"signing key" not in Client(headers={"X-Widget-Key": key.kid}).get(text).content


def test_article_opens_inside_the_widget_within_the_readers_visibility(client, personas):
    hidden = published(personas.manager, "Customers only", visibility="customers")
    key, _ = new_key(personas.manager)
    visitor = Client(headers={"X-Widget-Key": key.kid})
    refused = visitor.get(f"/widget/api/articles/{hidden.pk}")
    assert refused.status_code == 404
    assert refused["Content-Type"] == "application/problem+json"
