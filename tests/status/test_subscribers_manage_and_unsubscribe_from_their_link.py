"""The manage link changes the services or unsubscribes; the List-Unsubscribe link works
with one POST and no cookie (RFC 8058 One-Click); an unknown link changes nothing."""

from django.test import Client

from charterdesk.incidents.models import Subscriber
from tests.incidents.factories import service

from .subscribers import subscriber


def test_change_the_services_on_the_manage_page(db, client):
    cloud, api = service("Cloud"), service("Billing API")
    dana = subscriber("dana@example.com", cloud)
    page = client.get(f"/status/subscriptions/{dana.token}")
    assert "dana@example.com" in page.content.decode()
    client.post(f"/status/subscriptions/{dana.token}", {"services": [api.pk]})
    assert list(dana.services.all()) == [api]
    refused = client.post(f"/status/subscriptions/{dana.token}", {})
    assert refused.status_code == 400
    assert "Choose at least one service." in refused.content.decode()
    assert list(dana.services.all()) == [api]


def test_one_click_unsubscribe_without_a_session_or_csrf_token(db):
    dana = subscriber("dana@example.com", service("Cloud"))
    mail_client = Client(enforce_csrf_checks=True)
    done = mail_client.post(
        f"/status/subscriptions/{dana.token}/unsubscribe",
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert done.status_code == 200
    assert "gets no more status notices" in done.content.decode()
    assert not Subscriber.objects.exists()


def test_unsubscribe_asks_before_on_a_get(db, client):
    dana = subscriber("dana@example.com", service("Cloud"))
    page = client.get(f"/status/subscriptions/{dana.token}/unsubscribe")
    assert "Stop every status notice" in page.content.decode()
    assert Subscriber.objects.filter(pk=dana.pk).exists()


def test_an_unknown_or_unconfirmed_link_shows_nothing(db, client):
    pending = subscriber("dana@example.com", service("Cloud"), confirmed=False)
    assert client.get(f"/status/subscriptions/{pending.token}").status_code == 404
    assert client.get("/status/subscriptions/nope").status_code == 404
    assert client.post("/status/subscriptions/nope", {"services": []}).status_code == 404
