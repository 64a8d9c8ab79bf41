"""Subscribing on the status page: a confirmation mail with a signed link (double opt-in),
nothing counts before it is followed; a confirmed subscription cannot be changed by
someone typing the address; requests are limited per address and per client."""

import re
from datetime import timedelta
from unittest import mock

from django.core import signing
from django.utils import timezone

from charterdesk.incidents.models import Subscriber
from charterdesk.mail.models import OutboundMail
from charterdesk.status.subscriptions import SALT
from tests.incidents.factories import service

from .subscribers import subscriber


def _link(mail: OutboundMail) -> str:
    found = re.search(r"https?://\S+/status/subscriptions/\S+", mail.text)
    assert found, mail.text
    return "/" + found.group(0).split("/", 3)[3]


def test_subscribe_then_confirm_from_the_mailed_link(db, client):
    cloud, api = service("Cloud"), service("Billing API")
    page = client.post(
        "/status/subscribe", {"email": "Dana@Example.com", "services": [cloud.pk, api.pk]}
    )
    assert page.status_code == 200
    assert "Check your inbox" in page.content.decode()
    pending = Subscriber.objects.get()
    assert (pending.email, pending.confirmed_at) == ("dana@example.com", None)
    mail = OutboundMail.objects.get(recipient="dana@example.com")
    assert "Confirm" in mail.subject and "Cloud" in mail.text
    link = _link(mail)
    assert "Cloud" in client.get(link).content.decode()
    assert Subscriber.objects.get().confirmed_at is None  # a GET (a mail scanner) is not a yes
    confirmed = client.post(link)
    assert confirmed.status_code == 302
    assert confirmed["Location"] == f"/status/subscriptions/{pending.token}"
    assert Subscriber.objects.get().confirmed_at is not None


def test_an_altered_or_expired_link_confirms_nothing(db, client):
    pending = subscriber("dana@example.com", service("Cloud"), confirmed=False)
    forged = signing.dumps({"s": pending.pk, "t": "guess"}, salt=SALT)
    assert client.post(f"/status/subscriptions/confirm/{forged}").status_code == 404
    assert client.post("/status/subscriptions/confirm/not-signed").status_code == 404
    old = signing.dumps({"s": pending.pk, "t": pending.token[:16]}, salt=SALT)
    later = timezone.now() + timedelta(days=4)
    with mock.patch("django.core.signing.time.time", return_value=later.timestamp()):
        assert client.post(f"/status/subscriptions/confirm/{old}").status_code == 404
    pending.refresh_from_db()
    assert pending.confirmed_at is None


def test_asking_again_for_a_confirmed_address_mails_its_manage_link(db, client):
    cloud, api = service("Cloud"), service("Billing API")
    existing = subscriber("dana@example.com", cloud)
    client.post("/status/subscribe", {"email": "dana@example.com", "services": [api.pk]})
    assert list(existing.services.all()) == [cloud]
    mail = OutboundMail.objects.get(recipient="dana@example.com")
    assert existing.token in mail.text


def test_bad_input_is_shown_on_the_form(db, client):
    hidden = service("Internal tools")
    hidden.is_public = False
    hidden.save()
    page = client.post("/status/subscribe", {"email": "not an address", "services": [hidden.pk]})
    assert page.status_code == 400
    text = page.content.decode()
    assert "Enter a valid email address." in text
    assert "Select a valid choice" in text
    page = client.post("/status/subscribe", {"email": "dana@example.com"})
    assert "Choose at least one service." in page.content.decode()
    assert not Subscriber.objects.exists() and not OutboundMail.objects.exists()


def test_requests_are_limited_per_address_and_per_client(db, client, settings):
    settings.STATUS_SUBSCRIBE_PER_ADDRESS = 2
    settings.STATUS_SUBSCRIBE_PER_CLIENT = 3
    cloud = service("Cloud")
    for _ in range(4):
        page = client.post("/status/subscribe", {"email": "dana@example.com", "services": cloud.pk})
        assert "Check your inbox" in page.content.decode()  # the same answer past the limit
    assert OutboundMail.objects.filter(recipient="dana@example.com").count() == 2
    client.post("/status/subscribe", {"email": "erin@example.com", "services": cloud.pk})
    assert OutboundMail.objects.filter(recipient="erin@example.com").count() == 0


def test_a_request_never_confirmed_is_forgotten_after_three_days(db, client):
    cloud = service("Cloud")
    old = subscriber("old@example.com", cloud, confirmed=False)
    Subscriber.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=4))
    kept = subscriber("kept@example.com", cloud)
    Subscriber.objects.filter(pk=kept.pk).update(created_at=timezone.now() - timedelta(days=40))
    client.post("/status/subscribe", {"email": "new@example.com", "services": cloud.pk})
    emails = set(Subscriber.objects.values_list("email", flat=True))
    assert emails == {"kept@example.com", "new@example.com"}
